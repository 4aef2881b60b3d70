"a`tb"
"line1`nline2"
"quote `" dollar `$x backtick ``"
