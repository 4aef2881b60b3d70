[datetime]'2026-12-01'
([datetime]'2026-12-01T10:00:00+02:00').ToString('yyyy-MM-dd HH:mm zzz')
[timespan]'01:30:00'
[timespan]'2.03:04:05'
([timespan]'00:10:00').TotalMinutes
