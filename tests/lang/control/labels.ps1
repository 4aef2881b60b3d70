:outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; if ($i -eq 3) { break outer }; "$i,$j" } }
'done'
