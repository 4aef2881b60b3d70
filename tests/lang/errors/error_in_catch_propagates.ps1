try { try { throw 'a' } catch { throw 'b' } } catch { "got $_" }
