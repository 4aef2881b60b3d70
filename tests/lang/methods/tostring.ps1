(42).ToString()
(3.14159).ToString('0.00')
$true.ToString()
