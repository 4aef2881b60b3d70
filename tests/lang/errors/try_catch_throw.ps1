try { throw 'boom' } catch { "caught: $_" }
