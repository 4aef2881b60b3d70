function f($Name) { "name=$Name" }
f -Name:bob
