function f { "count=$($args.Count)"; $args -join '|' }
f a b c
