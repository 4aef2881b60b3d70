# A statement error inside try that no catch clause takes is an ordinary statement error:
# printed, and the script goes on after the try (an enclosing try still catches it). A
# thrown error that no clause takes still ends the script.
try { [int]'x' } catch [System.ArgumentException] { 'not this one' }
'after the try'
try { try { 1 / 0 } catch [System.IO.IOException] { 'inner' } } catch { "outer: $_" }
try { throw 'boom' } catch [System.ArgumentException] { 'not this one' }
'never printed'
