# Format-List, like a table, has one blank line before and one after; objects are separated
# by one blank line.
[pscustomobject]@{ a = 1; b = 'x' } | Format-List
'after one'
[pscustomobject]@{ a = 1 }, [pscustomobject]@{ a = 2 } | Format-List
'after two'
[pscustomobject]@{ a = 1 } | Format-List | Out-String -Stream | ForEach-Object { "[$_]" }
