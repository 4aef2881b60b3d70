# A date is PowerShell's [datetime], whichever way it was made.
(Get-Date).GetType().Name
([datetime]'2026-03-04').GetType().FullName
([datetime]'2026-03-04T05:06:07+02:00').GetType().Name
(Get-Date) -is [datetime]
