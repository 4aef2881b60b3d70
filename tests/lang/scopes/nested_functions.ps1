function outer { $a = 'o'; function inner { "inner sees $a" }; inner }
outer
