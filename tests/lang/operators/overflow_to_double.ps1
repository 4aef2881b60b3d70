$big = 9223372036854775807
$r = $big + 1
$r -is [double]
[int]::MaxValue + 1
