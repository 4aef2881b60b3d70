# ConvertTo-Csv -UseQuotes Always|AsNeeded|Never and -QuoteFields (PowerShell 7).
$o = [pscustomobject]@{ Key = 'T-1'; Summary = 'a, b'; Note = 'say "hi"' }
$o | ConvertTo-Csv
$o | ConvertTo-Csv -UseQuotes AsNeeded
$o | ConvertTo-Csv -UseQuotes Never
$o | ConvertTo-Csv -QuoteFields Summary
($o | ConvertTo-Csv -UseQuotes AsNeeded | ConvertFrom-Csv).Note
