IF ($true) { 'yes' } ELSE { 'no' }
$ABC = 4
$abc
FOREACH ($I in 1..2) { $i }
