# Select-Object -Index picks positions (and stops the pipeline after the last one);
# Where-Object -Not keeps objects whose property is false, empty or absent.
$d = @(
    [pscustomobject]@{ N = 'a'; S = 'Done' }
    [pscustomobject]@{ N = 'b'; S = 'Open' }
    [pscustomobject]@{ N = 'c'; S = $null }
)
$d | Select-Object -Index 0, 2 | ForEach-Object N
1..1e9 | Select-Object -Index 3
$d | Where-Object -Not S | ForEach-Object N
$d | Where-Object S -CEQ 'done' | ForEach-Object N
$d | Where-Object S -CEQ 'Done' | ForEach-Object N
