(1).GetType().Name
'a'.GetType().FullName
(1.5).GetType().Name
@(1).GetType().Name
@{}.GetType().Name
$true.GetType().Name
