1,2,3 -join ', '
-join ('a','b','c')
('x') -join '-'
