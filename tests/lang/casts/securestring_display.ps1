$s = ConvertTo-SecureString 'secret' -AsPlainText -Force
$s
"$s"
$s -is [securestring]
