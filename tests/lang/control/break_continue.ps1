foreach ($i in 1..10) { if ($i -eq 2) { continue }; if ($i -gt 4) { break }; $i }
