$o = [pscustomobject]@{ Key = 'TEST-1'; Summary = 'Fix it' }
$o.Key
$o.Summary
"$o"
