# Help is fitted to the terminal (COLUMNS=100 here): no line is longer, and a syntax form that
# does not fit continues on indented lines.
$lines = (Get-Help Get-JiraIssue -Full | Out-String) -split "`n"
($lines | Where-Object { $_.Length -gt 100 }).Count
for ($i = 0; $i -lt $lines.Count; $i++) {
    if ($lines[$i] -like '    Get-JiraIssue -Query*') { $lines[$i]; $lines[$i + 1] }
}
