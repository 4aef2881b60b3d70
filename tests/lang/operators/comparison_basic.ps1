1 -eq 1
1 -ne 2
2 -gt 1
2 -ge 2
1 -lt 2
3 -le 2
