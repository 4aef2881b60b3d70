param($First, $Second = 'dflt')
"$First/$Second"
