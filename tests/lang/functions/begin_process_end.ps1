function agg { begin { $t = 0; 'begin' } process { $t += $_ } end { "end $t" } }
1..4 | agg
