$x = 'outer'
function f { "f sees $x" }
f
