# A quoted field may hold commas, quotes and line breaks; Import-Csv reads back what Export-Csv
# wrote, and -Append writes in the file's own columns.
$f = "$HOME/round-trip.csv"
[pscustomobject]@{ Key = 'T-1'; Description = "first line`nsecond, with ""quotes""" } | Export-Csv $f
[pscustomobject]@{ Description = 'plain'; Extra = 'dropped'; Key = 'T-2' } | Export-Csv $f -Append
Get-Content $f
$back = Import-Csv $f
$back.Count
$back[0].Description
$back[1].Key
