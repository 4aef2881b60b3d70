function f { param([ValidateSet('a','b')]$Mode) "mode $Mode" }
f a
f z
'after'
