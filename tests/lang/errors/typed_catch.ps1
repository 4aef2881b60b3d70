try { throw 'x' } catch [System.Management.Automation.RuntimeException] { 'runtime' } catch { 'generic' }
try { 1/0 } catch [System.DivideByZeroException] { 'dbz' } catch { 'other: ' + $_ }
