'apple' -lt 'banana'
'Zoo' -gt 'apple'
'10' -lt '9'
