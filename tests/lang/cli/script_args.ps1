$args.Count
$args -join '|'
