function double { process { $_ * 2 } }
1,2,3 | double
