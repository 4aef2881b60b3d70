$t = [timespan]'1.02:30:15'
$t.Days
$t.Hours
$t.Minutes
$t.Seconds
$t.TotalHours
$t.TotalMinutes
$t.TotalSeconds
$t.TotalDays
