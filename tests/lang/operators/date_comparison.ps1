$a = [datetime]'2026-01-01'
$b = [datetime]'2026-06-01'
$a -lt $b
$b -gt '2026-03-01'
$a -eq '2026-01-01'
