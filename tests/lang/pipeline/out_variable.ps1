1..3 | ForEach-Object { $_ } -OutVariable got | Out-Null
$got -join ','
