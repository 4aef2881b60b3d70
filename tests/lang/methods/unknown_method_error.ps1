'abc'.Frobnicate()
'after'
