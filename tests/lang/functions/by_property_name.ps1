function key { param([Parameter(ValueFromPipelineByPropertyName)]$Key) process { "key=$Key" } }
[pscustomobject]@{ Key = 'T-1' }, [pscustomobject]@{ Key = 'T-2' } | key
