# The .NET overloads scripts use: Split with a count, characters or StringSplitOptions;
# comparisons that ignore case; IndexOf from a start index; [char[]] of a string.
('a-b-c'.Split('-', 2)) -join '|'
('a, b;c'.Split([char[]]', ;')) -join '|'
('a  b'.Split(' ', [System.StringSplitOptions]::RemoveEmptyEntries)) -join '|'
('a , b ,c'.Split(',', 'TrimEntries')) -join '|'
('a b'.Split()) -join '|'
'abc'.StartsWith('AB', 'OrdinalIgnoreCase')
'abc'.StartsWith('AB')
'abc'.EndsWith('C', [StringComparison]::OrdinalIgnoreCase)
'Hello'.Contains('ELL', 'OrdinalIgnoreCase')
'hello'.IndexOf('l', 3)
'hello'.IndexOf('L', 'OrdinalIgnoreCase')
'abc'.Equals('ABC', 'OrdinalIgnoreCase')
([char[]]'abc').Count
