# Streams 3 (warning), 4 (verbose), 5 (debug) and 6 (information: Write-Host) can be
# redirected to $null or a file; *> takes them all.
Write-Warning 'hidden' 3>$null
$f = "$HOME/streams.txt"
Write-Warning 'to file' 3> $f
Write-Verbose 'verbose to file' -Verbose 4>> $f
Write-Debug 'hidden debug' -Debug 5>$null
Get-Content $f
Write-Host 'host hidden' 6>$null
function Noisy { Write-Warning 'w'; Write-Host 'h'; 'output' }
Noisy *>$null
Noisy 3>$null 6>$null
Write-Warning 'shown'
