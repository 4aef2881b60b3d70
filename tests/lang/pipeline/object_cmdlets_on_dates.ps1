# Select/Sort/Group/Where/Measure read the members of dates and time spans, as `$d.Year` does
# (they were $null to the cmdlets).
$d = [datetime]'2024-03-05', [datetime]'2023-01-02', [datetime]'2024-07-09'
$d | Select-Object Year, Month
$d | Sort-Object Month | ForEach-Object { $_.ToString('yyyy-MM-dd') }
$d | Group-Object Year | Select-Object Name, Count
($d | Where-Object Year -eq 2024).Count
([timespan]'01:30:00'), ([timespan]'00:10:00') | Measure-Object TotalMinutes -Sum | ForEach-Object Sum
$d | ForEach-Object DayOfWeek
