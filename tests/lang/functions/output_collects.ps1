function many { 1; 2; 3 }
$r = many
$r.Count
$r.GetType().Name
