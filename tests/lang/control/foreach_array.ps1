foreach ($x in 'a','b') { "item $x" }
foreach ($x in $null) { 'never' }
foreach ($x in 7) { "single $x" }
