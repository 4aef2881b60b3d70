$true; $false; $null -eq $null
$HOME -ne $null
