# An advanced function ([CmdletBinding()]) takes the common parameters, and they act on the
# commands it runs: -Verbose shows its Write-Verbose, -ErrorAction applies inside, -WhatIf
# answers $PSCmdlet.ShouldProcess; $PSBoundParameters holds what was given.
function Get-Thing {
    [CmdletBinding()]
    param([string]$Name = 'none', [int]$Count)
    Write-Verbose "looking for $Name"
    "bound: $($PSBoundParameters.Keys -join ',')"
}
Get-Thing -Name x -Verbose
Get-Thing
function Close-Thing {
    [CmdletBinding(SupportsShouldProcess)]
    param([string]$Key)
    if ($PSCmdlet.ShouldProcess($Key, 'Close')) { "closed $Key" }
}
Close-Thing -Key T-1 -WhatIf
Close-Thing -Key T-2
function Read-Missing { [CmdletBinding()] param() Get-Content no-such-file.txt; 'went on' }
Read-Missing -ErrorAction SilentlyContinue
try { Read-Missing -ErrorAction Stop } catch { "caught: $_" }
function Simple($a) { $PSBoundParameters.ContainsKey('a') }
Simple 1
Simple
function Two { [CmdletBinding()] param() 1; 2 }
Two -OutVariable got | Out-Null
$got.Count
Close-Thing -Key T-3 -Bogus
