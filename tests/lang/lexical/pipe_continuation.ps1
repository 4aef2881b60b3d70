1,2,3 |
  ForEach-Object { $_ * 2 }
