# Measure-Object -StandardDeviation / -AllStats (PowerShell 7), and -Line -Word -Character.
1..5 | Measure-Object -AllStats
(2, 4, 4, 4, 5, 5, 7, 9 | Measure-Object -StandardDeviation).StandardDeviation
'hello world', "two`nlines here" | Measure-Object -Line -Word -Character
('a b c' | Measure-Object -Character -IgnoreWhiteSpace).Characters
