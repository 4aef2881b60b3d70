1..3 | ForEach-Object { ($_..1 | ForEach-Object { $_ }) -join '' }
