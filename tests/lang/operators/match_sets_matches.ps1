'TEST-123' -match '([A-Z]+)-(\d+)'
$Matches[0]
$Matches[1]
$Matches[2]
'abc' -notmatch 'z'
