# A table streamed to the host is sized by its first rows, not only the first one: no cell is
# cut while the table fits the width.
1..3 | ForEach-Object { [pscustomobject]@{ Name = 'n' * $_ * 3; Size = 10 * $_ } }
'abc' | Get-Member -Name S* | Select-Object Name, MemberType
