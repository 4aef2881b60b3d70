Write-Error 'x'
'done'
