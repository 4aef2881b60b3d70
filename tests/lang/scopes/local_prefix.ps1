$v = 'a'
function f { $local:v = 'b'; $local:v; $v }
f
$v
