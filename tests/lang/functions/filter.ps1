filter odd { if ($_ % 2) { $_ } }
1..6 | odd
