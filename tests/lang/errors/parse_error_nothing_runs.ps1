'should not print'
if ($true) {
  'x'
