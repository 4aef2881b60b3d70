# switch: values (bare words are strings), script-block conditions, default, every matching
# clause runs, array input element by element, assignment of the output.
switch ('b') { 'a' { 'A' } 'b' { 'B' } default { 'D' } }
switch ('x') { 'y' { 'Y' } default { "none for $_" } }
switch (3) { 1 { 'one' } 3 { 'three' } { $_ -gt 2 } { 'big' } }
switch ('Done') { Open { 'open' } DONE { 'done (case-insensitive)' } }
switch -casesensitive ('A') { 'a' { 'lower' } 'A' { 'upper' } }
$kinds = switch ('Bug', 'Task', 'Epic') {
    'Bug' { 'fix' }
    'Task'
    {
        'do'
    }
    default { 'plan' }
}
$kinds -join ','
switch ($null) { $null { 'null is one input' } }
switch (@()) { default { 'never: no input' } }
$_ = 'outer'; switch ('inner') { default { $_ } }; $_
