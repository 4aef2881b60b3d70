try { try { throw 'inner' } catch { 'handling'; throw } } catch { "outer got: $_" }
