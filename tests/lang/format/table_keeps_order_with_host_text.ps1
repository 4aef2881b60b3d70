# Rows held to size a table come out before anything else the statement prints.
foreach ($i in 1, 2) {
    [pscustomobject]@{ N = $i }
    Write-Host "after $i"
    Write-Warning "warned $i"
}
'done'
