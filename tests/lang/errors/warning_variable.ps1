# -WarningVariable collects warnings (also silenced ones); a leading + appends.
Write-Warning 'quiet' -WarningVariable wv -WarningAction SilentlyContinue
"wv=$wv"
Write-Warning 'loud' -WarningVariable +wv
$wv.Count
Write-Warning 'fresh' -wv wv
$wv
