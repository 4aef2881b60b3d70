${my var} = 5
${my var}
$_x = 1
$_x
