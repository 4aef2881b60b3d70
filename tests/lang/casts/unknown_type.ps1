[NoSuchType]'x'
'after'
