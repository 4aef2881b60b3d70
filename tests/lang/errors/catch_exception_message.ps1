try { throw 'boom' } catch { $_.Exception.Message; $_.ToString(); $_.FullyQualifiedErrorId }
