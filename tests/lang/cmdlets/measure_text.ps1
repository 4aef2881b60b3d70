# Measure-Object -Line -Word -Character counts text; only the counts asked for are filled.
'one two', 'three' | Measure-Object -Line -Word -Character
('a b c' | Measure-Object -Word).Words
('a b' | Measure-Object -Character -IgnoreWhiteSpace).Characters
$null -eq ('a b' | Measure-Object -Word).Lines
