$o = @{ A = 1 }
$s = 'str'
"$s.Length"
