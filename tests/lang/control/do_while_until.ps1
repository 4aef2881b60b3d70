$i = 0
do { $i; $i++ } while ($i -lt 2)
$j = 0
do { "j$j"; $j++ } until ($j -ge 2)
$k = 5
do { 'runs once' } while ($k -lt 0)
