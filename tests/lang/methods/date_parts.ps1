$d = [datetime]'2026-12-01T10:30:45Z'
$d.Year
$d.Month
$d.Day
$d.Hour
$d.Minute
$d.Second
$d.DayOfWeek
