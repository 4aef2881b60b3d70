function gen { foreach ($i in 1..1000000) { $i } }
gen | Select-Object -First 2
'ok'
