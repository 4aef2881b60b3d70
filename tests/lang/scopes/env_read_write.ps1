$env:JIRASH_TEST_VAR
$env:MY_NEW = 'x1'
$env:MY_NEW
$env:NOT_SET_AT_ALL -eq $null
