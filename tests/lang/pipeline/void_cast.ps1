[void](1 + 1)
$null = 'discarded'
'only'
