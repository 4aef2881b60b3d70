$t = @'
no $expansion
  here
'@
$t
