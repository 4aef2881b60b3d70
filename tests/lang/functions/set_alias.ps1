function greet { 'hi there' }
Set-Alias -Name gr -Value greet
gr
