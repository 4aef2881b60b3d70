$d = [datetime]'2026-01-31'
$d.AddDays(1).ToString('yyyy-MM-dd')
$d.AddMonths(1).ToString('yyyy-MM-dd')
$d.AddYears(-1).ToString('yyyy-MM-dd')
$d.AddHours(36).ToString('yyyy-MM-dd HH:mm')
$d.AddMinutes(90).ToString('HH:mm')
$d.AddSeconds(5).ToString('ss')
