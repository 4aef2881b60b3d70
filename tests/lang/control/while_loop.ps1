$i = 0
while ($i -lt 3) { $i; $i++ }
