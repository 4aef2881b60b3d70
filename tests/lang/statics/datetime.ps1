$now = [datetime]::Now
$now -is [datetime]
$u = [datetime]::UtcNow
$u.ToString('zzz')
[datetime]::Parse('2026-05-06').ToString('yyyy/MM/dd')
