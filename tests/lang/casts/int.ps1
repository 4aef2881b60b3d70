[int]'7'
[int]3.5
[int]2.5
[int]' 12 '
[int]'0x10'
[int]$true
