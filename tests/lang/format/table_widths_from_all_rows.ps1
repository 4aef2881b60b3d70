# Regression: the columns of a table without a view were sized by its first object alone, so
# later keys and numbers were cut to `TE…` and `…`.
1..12 | ForEach-Object { [pscustomobject]@{ N = $_; Square = $_ * $_ } } | Select-Object -Last 3
[pscustomobject]@{ Key = 'T-1'; Votes = 5 }, [pscustomobject]@{ Key = 'TEST-100'; Votes = 12345 }
