# Format-List and Format-Table -Wrap break long values at spaces, not inside words.
$text = 'Users cannot log in after the password reset email expires overnight, and the support team has to reset the account by hand every morning'
$o = [pscustomobject]@{ Key = 'T-1'; Description = $text }
$o | Format-List
$o | Format-Table -Wrap
