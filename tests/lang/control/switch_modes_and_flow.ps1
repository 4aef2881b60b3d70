# switch -wildcard / -regex ($Matches) / -file; break and continue, also with labels.
switch -wildcard ('PROJ-12') { 'proj-*' { 'project issue' } 'OPS-*' { 'ops' } }
switch -regex ('TEST-42') { '^(\w+)-(\d+)$' { "project $($Matches[1]) number $($Matches[2])" } }
switch (1, 5, 9) {
    { $_ -lt 5 } { "small $_" }
    { $_ -ge 5 } { "large $_"; continue }
    9 { 'never reached' }
}
switch (1..5) { 3 { break } default { $_ } }
:outer foreach ($i in 1..3) { switch ($i) { 2 { continue outer } }; "i=$i" }
:sw switch (1, 2) { 1 { foreach ($j in 1..3) { if ($j -eq 2) { break sw }; "j=$j" } } }
function Kind($k) { switch ($k) { 1 { return 'one' } }; 'other' }
Kind 1
Kind 2
$f = "$HOME/switch-lines.txt"
'first', 'TEST-1', 'last' | Set-Content $f
switch -regex -file $f { '^TEST-\d+$' { "key $_" } default { "text $_" } }
switch -regex ('x') { '(' { 'bad pattern' } }
'after'
