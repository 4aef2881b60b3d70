function hello { 'hello!' }
& 'hello'
$name = 'hello'
& $name
