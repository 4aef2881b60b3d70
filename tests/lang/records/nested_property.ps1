$o = [pscustomobject]@{ Fields = @{ Status = @{ Name = 'Done' } } }
$o.Fields.Status.Name
