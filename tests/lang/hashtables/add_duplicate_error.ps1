$h = @{ A = 1 }
try { $h.Add('A', 2) } catch { 'dup: ' + $_.Exception.Message }
