function f { f }
f
'not reached'
