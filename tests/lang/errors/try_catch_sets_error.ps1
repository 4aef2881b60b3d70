try { throw 'recorded' } catch { }
$Error[0].Exception.Message
