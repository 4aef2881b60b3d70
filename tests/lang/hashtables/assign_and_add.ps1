$h = @{}
$h.A = 1
$h['B'] = 2
$h.Add('C', 3)
$h.Keys -join ','
$h.Remove('A')
$h.Keys -join ','
