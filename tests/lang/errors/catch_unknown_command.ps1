try { Get-Nothing-Here } catch { 'caught missing command' }
