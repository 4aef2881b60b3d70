try { 'body' } finally { 'finally' }
try { throw 'x' } catch { 'catch' } finally { 'finally2' }
