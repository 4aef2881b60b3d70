function f([switch]$On) { if ($On) { 'on' } else { 'off' } }
f -On
f -On:$false
f
