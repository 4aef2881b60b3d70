function f { param([int]$Count, [string]$Name = 'def') "$Name x $Count" }
f -Count '3'
f 2 hi
