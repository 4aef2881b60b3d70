$count = 0
function bump { $script:count += 1 }
bump; bump; bump
$count
