# switch -File runs over the lines of a file.
$f = "$HOME/keys.txt"
Set-Content $f 'TEST-1', 'OPS-2'
switch -Wildcard -File $f { 'TEST-*' { "test: $_" } default { "other: $_" } }
switch -File no-such-file.txt { default { 'never' } }
'after'
