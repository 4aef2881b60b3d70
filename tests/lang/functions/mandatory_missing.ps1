function f { param([Parameter(Mandatory)][string]$Name) "hi $Name" }
f
'after'
