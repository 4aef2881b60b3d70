Write-Verbose 'not shown'
Write-Verbose 'shown' -Verbose
$VerbosePreference = 'Continue'
Write-Verbose 'also shown'
