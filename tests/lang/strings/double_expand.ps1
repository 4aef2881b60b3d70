$name = 'World'
"Hello $name!"
"${name}s"
