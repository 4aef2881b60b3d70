# -split pattern, max, options: SimpleMatch takes the pattern literally, IgnoreCase beats -csplit.
('a.b.c' -split '\.', 0, 'SimpleMatch') -join '|'
('a.b.c' -split '.', 0, 'SimpleMatch') -join '|'
('aXbxc' -csplit 'x', 0, 'IgnoreCase') -join '|'
('a.b.c' -split '.', 2, 'SimpleMatch') -join '|'
'x' -split 'x', 0, 'Bogus'
