# a comment
1 # trailing
<# block
 comment #> 2
<#
multi
#>
3
