Write-Error 'first problem'
'after error'
