# Get-Date replaces date parts (-Year … -Millisecond) and converts (-AsUTC); New-TimeSpan.
$d = Get-Date '2026-05-09T13:45:10Z'
Get-Date $d -Hour 0 -Minute 0 -Second 0 -Format 'yyyy-MM-dd HH:mm:ss'
Get-Date -Date '2026-01-31' -Month 2 -Format 'yyyy-MM-dd'
(Get-Date -Year 2020).Year
Get-Date '2026-05-09T10:00:00+02:00' -AsUTC -Format 'HH:mm zzz'
(New-TimeSpan -Start '2026-01-01' -End '2026-03-01').Days
(New-TimeSpan -Hours 2 -Minutes 30).TotalMinutes
New-TimeSpan -Days 1 -Seconds 5
(Get-Date '2026-01-02') - (New-TimeSpan -Days 1) | ForEach-Object { $_.ToString('yyyy-MM-dd') }
Get-Date -Month 13
