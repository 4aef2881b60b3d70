$sec = ConvertTo-SecureString 'p@ss' -AsPlainText -Force
$c = [pscredential]::new('bob', $sec)
$c.UserName
$c.Password
$c.GetNetworkCredential().Password
"$c"
