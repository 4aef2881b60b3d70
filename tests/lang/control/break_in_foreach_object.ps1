foreach ($i in 1..3) { 1..5 | ForEach-Object { if ($_ -eq 2) { break }; "$i-$_" } }
'after'
