5 -eq '5'
'10' -gt 9
10 -gt '9'
$true -eq 'yes'
