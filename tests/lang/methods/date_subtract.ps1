$a = [datetime]'2026-12-02'
$b = [datetime]'2026-12-01T12:00:00Z'
$span = $a - $b
$span.TotalHours
$span.Hours
"$span"
