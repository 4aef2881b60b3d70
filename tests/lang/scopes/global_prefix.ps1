function setg { $global:g = 'set' }
setg
$g
