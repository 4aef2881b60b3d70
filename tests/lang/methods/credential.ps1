$sec = ConvertTo-SecureString 'p@ss' -AsPlainText -Force
$c = [pscredential]::new('bob', $sec)
$c.UserName
$c.Password
$c.GetNetworkCredential().Password
"$c"
# Shown whole, neither the credential nor its network form prints the password.
$c
$c.GetNetworkCredential()
$c | ConvertTo-Json -Compress
"$($c.GetNetworkCredential())"
