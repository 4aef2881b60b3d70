try { Write-Error 'stop me' -ErrorAction Stop; 'not here' } catch { "caught: $($_.Exception.Message)" }
