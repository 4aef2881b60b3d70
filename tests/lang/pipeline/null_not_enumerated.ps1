$null | ForEach-Object { 'got null' }
@() | ForEach-Object { 'never' }
'end'
