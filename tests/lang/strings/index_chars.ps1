$s = 'hello'
$s[0]
$s[-1]
$s.Length
