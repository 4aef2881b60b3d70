@{ a = 1; b = 2 } | ForEach-Object { $_.Count }
