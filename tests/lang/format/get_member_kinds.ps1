# Get-Member knows every kind of value and filters by -MemberType.
Get-Date | Get-Member -MemberType Property | Select-Object -ExpandProperty Name
(Get-Date | Get-Member -MemberType Method).Count -gt 10
'abc' | Get-Member -MemberType Property
1 | Get-Member -Name ToString
[pscustomobject]@{ Key = 'TEST-1'; Votes = 3; Gone = $null } | Get-Member -MemberType NoteProperty
Get-Member -InputObject @(1, 2) -MemberType Properties
@{ a = 1 } | Get-Member -MemberType Property
[timespan]'01:00:00' | Get-Member -Name Total* | ForEach-Object Name
