$a = 1..6
($a.Where({ $_ % 2 -eq 0 })) -join ','
($a.ForEach({ $_ * 10 })) -join ','
