foreach ($i in 1..2) { foreach ($j in 1..5) { if ($j -eq 2) { break }; "$i/$j" } }
