# Format-Table -Wrap and long list values break lines at spaces (a word longer than the
# column is split).
$long = (1..14 | ForEach-Object { "word$_" }) -join ' '
[pscustomobject]@{ Key = 'TEST-1'; Summary = "$long $long" } | Format-Table -Wrap
[pscustomobject]@{ a = 'word ' * 30; b = 1; c = 2; d = 3; e = 4 } | Out-String -Width 40
