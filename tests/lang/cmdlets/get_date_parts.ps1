# Get-Date -Year/-Month/-Day/-Hour/-Minute/-Second/-Millisecond set parts of the date.
Get-Date -Date '2026-05-06T07:08:09' -Day 1 -Hour 0 -Format 'yyyy-MM-dd HH:mm:ss'
(Get-Date -Year 2020 -Month 2 -Day 29).ToString('yyyy-MM-dd')
Get-Date -Month 13
