(1,2,3,4 -gt 2) -join ','
(1,2,1 -eq 1) -join ','
('a','b','A' -eq 'a') -join ','
(1,2,3 -ne 2) -join ','
