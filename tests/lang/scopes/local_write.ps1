$x = 1
function f { $x = 2; "inside $x" }
f
"outside $x"
