$h = @{ Name = 'x'; Count = 2 }
$h.Name
$h['Count']
$h.Count
