$list = @([pscustomobject]@{ Key = 'A-1' }, [pscustomobject]@{ Key = 'A-2' }, [pscustomobject]@{ Key = $null })
$list.Key -join ','
$list.Key.Count
