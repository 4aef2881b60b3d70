Write-Output -Bogus 1
'after'
