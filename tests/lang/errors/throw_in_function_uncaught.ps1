function f { throw 'inner failure' }
f
'after'
