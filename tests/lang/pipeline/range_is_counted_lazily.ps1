# A numeric range fed to a pipeline or a foreach is counted as it is read, so a huge one
# stops at once; made into an array it is still limited.
1..1e9 | Select-Object -First 2
foreach ($i in 1..1e12) { if ($i -gt 2) { break }; "foreach $i" }
foreach ($c in 'a'..'c') { $c }
3..1 | ForEach-Object { $_ * 10 }
$big = 1..1e9
'after'
