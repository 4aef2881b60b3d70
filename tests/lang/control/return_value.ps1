function f { return 42; 'never' }
f
function g { 'first'; return 'second' }
(g) -join ','
