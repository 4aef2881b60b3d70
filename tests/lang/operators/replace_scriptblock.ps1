# -replace with a script block: $_ is the match; the block's output replaces it.
'a1b22' -replace '\d+', { '[' + $_.Value.Length + ']' }
'John Smith' -replace '(\w+) (\w+)', { $_.Groups[2].Value + ', ' + $_.Groups[1].Value }
'a1', 'b2' -replace '\d', { [int]$_.Value * 2 }
'none' -replace '\d', { 'never' }
