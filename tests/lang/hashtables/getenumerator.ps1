$h = @{ a = 3; b = 1 }
$h.GetEnumerator() | ForEach-Object { $_.Key + ':' + $_.Value }
