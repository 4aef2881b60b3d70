$h = @{ Key = 'v' }
$h.key
$h['KEY']
$h.ContainsKey('kEy')
