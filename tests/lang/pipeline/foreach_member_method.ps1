# ForEach-Object -MemberName takes a property or, failing that, a method (with -ArgumentList).
'abc', 'defg' | ForEach-Object Length
'abc', 'defg' | ForEach-Object -MemberName ToUpper
'abc', 'defg' | % Substring 1
1, 2 | % ToString '00'
'a-b' | ForEach-Object -MemberName Split -ArgumentList '-'
[pscustomobject]@{ Key = 'T-1' } | % Key
'x' | % NoSuchMember
'abc' | % Substring 9
'after'
