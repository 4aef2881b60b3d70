$sb = { param($a, $b) $a + $b }
$sb.Invoke(2, 3)
& $sb 4 5
