$ErrorActionPreference = 'Stop'
Write-Error 'halts'
'never printed'
