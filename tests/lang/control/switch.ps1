# switch: every matching clause runs in order, default when none did; -Wildcard, -Regex
# (setting $Matches), script-block conditions, -CaseSensitive; break ends the switch,
# continue moves to the next input; an array is switched element by element.
switch (3) { 1 { 'one' } 3 { 'three' } default { 'other' } }
switch ('abc') { 'a*' { 'a* taken literally' } default { 'no match' } }
switch -Wildcard ('abc') { 'a*' { 'wildcard' } }
switch -Regex ('TEST-12') { '^(\w+)-(\d+)$' { "number $($Matches[2])" } }
switch (1, 2, 5) { 1 { 'x' } 2 { 'y' } default { "default $_" } }
switch ('q') { { $_ -eq 'Q' } { 'script block' } }
$x = switch (5) { 5 { 'five'; break } 5 { 'again' } }
$x
switch (1, 2, 3) { 2 { continue } default { "d$_" } }
switch ('ABC') { 'abc' { 'case-insensitive' } }
switch -CaseSensitive ('ABC') { 'abc' { 'cs' } default { 'case-sensitive: no match' } }
foreach ($i in 1..3) { switch ($i) { 2 { break } default { "i=$i" } } }
:outer foreach ($i in 1..3) { switch ($i) { 2 { break outer } default { "j=$i" } } }
switch ($null) { $null { 'null matches $null' } }
