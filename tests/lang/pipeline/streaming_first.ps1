1..100000 | ForEach-Object { $_ } | Select-Object -First 3
