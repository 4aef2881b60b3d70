'x'
exit
