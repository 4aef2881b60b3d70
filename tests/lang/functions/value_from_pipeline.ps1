function show { param([Parameter(ValueFromPipeline)]$Item) process { "got $Item" } }
'a','b' | show
