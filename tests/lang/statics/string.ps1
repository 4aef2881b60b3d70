[string]::IsNullOrEmpty('')
[string]::IsNullOrEmpty('x')
[string]::IsNullOrWhiteSpace('  ')
[string]::Join('-', @('a','b'))
[string]::Format('{0}+{1}', 1, 2)
[string]::Empty -eq ''
