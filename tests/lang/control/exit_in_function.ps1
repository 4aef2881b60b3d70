function quit { exit 4 }
'a'
quit
'b'
