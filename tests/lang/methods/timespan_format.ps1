# Time spans take .NET's standard (c, g, G) and custom (hh\:mm, d, fff, 'literal') formats,
# in ToString() and in -f.
$t = [timespan]'1.02:03:04.5'
'{0:hh\:mm}' -f [timespan]'01:30:00'
$t.ToString('c')
$t.ToString('g')
$t.ToString('G')
$t.ToString('d\.hh\:mm\:ss\.fff')
$t.ToString('%d')
$t.ToString('hh\:mm\:ss\.FFF')
([timespan]'-00:05:00').ToString('c')
"{0:dd' days 'hh' h'}" -f $t
