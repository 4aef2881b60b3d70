[string]1.0
[string]@(1,2,3)
[string]$true
[string](1e20)
