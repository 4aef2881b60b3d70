$true -and $false
$true -or $false
$true -xor $true
-not $true
!$false
(1 -eq 1) -and (2 -eq 2)
