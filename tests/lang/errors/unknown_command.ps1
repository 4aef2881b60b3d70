Get-JiraIsue TEST-1
'continues'
