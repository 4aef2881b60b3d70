Write-Warning 'careful'
Write-Warning 'hidden' -WarningAction SilentlyContinue
'end'
