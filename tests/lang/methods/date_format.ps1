$d = [datetime]'2026-03-04T05:06:07Z'
$d.ToString('yyyy-MM-dd HH:mm:ss')
$d.ToString('dddd, MMMM d')
$d.ToString('h:mm tt')
$d.Date.ToString('s')
$d.ToUniversalTime().ToString('o')
