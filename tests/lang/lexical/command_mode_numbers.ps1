Write-Output 42
(Write-Output 42).GetType().Name
