[double]'2.5'
[string]42
[string]$null -eq ''
[bool]'false'
[bool]''
[bool]0
[bool]@()
