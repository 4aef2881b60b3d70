# Join-Path, Split-Path (text only) and Add-Content.
Join-Path 'reports/' '/2026' 'issues.csv'
'a', 'b' | Join-Path -ChildPath 'c'
Split-Path '/data/reports/issues.csv'
Split-Path '/data/reports/issues.csv' -Leaf
Split-Path 'issues.tar.gz' -LeafBase
Split-Path 'issues.tar.gz' -Extension
Split-Path '/top' -Parent
Split-Path 'relative/file' -IsAbsolute
$log = Join-Path $HOME 'add-content.log'
'first' | Set-Content $log
'second', 'third' | Add-Content $log
Add-Content -Path $log -Value 'fourth'
Get-Content $log
