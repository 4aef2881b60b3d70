$ErrorActionPreference = 'SilentlyContinue'
Write-Error 'hidden'
'shown'
