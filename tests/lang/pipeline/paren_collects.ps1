(1..3 | ForEach-Object { $_ * 2 }).Count
