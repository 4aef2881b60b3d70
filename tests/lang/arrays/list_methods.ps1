$l = [System.Collections.ArrayList]::new()
[void]$l.Add('x')
[void]$l.Add('y')
$l.Count
$l.Contains('x')
$l.IndexOf('y')
$l.Remove('x')
$l -join ','
$l.Clear()
$l.Count
