function f { param([Alias('n')]$Name) "name $Name" }
f -n bob
