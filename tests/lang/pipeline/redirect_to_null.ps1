'hidden' > $null
'shown'
