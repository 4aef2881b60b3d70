#Requires -Modules JiraPS
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string]$Project,
    [int]$Days = 7
)

Set-JiraConfigServer -Server 'https://jira.example.com'
$cred = Get-Credential -UserName 'me'
New-JiraSession -Credential $cred | Out-Null

$since = (Get-Date).AddDays(-$Days).ToString('yyyy-MM-dd')
$jql = "project = $Project AND updated >= '$since' ORDER BY updated DESC"
$issues = Get-JiraIssue -Query $jql -Fields key, summary, status

$report = foreach ($i in $issues) {
    [pscustomobject]@{
        Key     = $i.Key
        Summary = $i.Summary
        Status  = $i.Status.Name
        Late    = if ($i.Status -ne 'Done') { $true } else { $false }
    }
}

$report | Where-Object { $_.Late } | Sort-Object Key | Format-Table -AutoSize
$report | Export-Csv -Path "report-$(Get-Date -Format yyyyMMdd).csv" -NoTypeInformation

try {
    Get-JiraIssue -Key "$Project-1" -ErrorAction Stop | Select-Object -ExpandProperty Summary
} catch [System.Net.WebException] {
    Write-Warning "failed: $($_.Exception.Message)"
} finally {
    Remove-JiraSession
}
$count = ($issues | Measure-Object).Count
Write-Host ("{0} issues, {1:N1}% late" -f $count, (100 * @($report | ? Late).Count / [math]::Max(1, $count))) -ForegroundColor Green
exit 0
