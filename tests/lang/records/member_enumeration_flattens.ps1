$list = @([pscustomobject]@{ L = 'a','b' }, [pscustomobject]@{ L = 'c' })
$list.L -join ','
