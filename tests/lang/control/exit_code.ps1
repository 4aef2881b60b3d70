'before'
exit 3
'after'
