function boom { throw 'evaluated' }
$false -and (boom)
$true -or (boom)
'fine'
