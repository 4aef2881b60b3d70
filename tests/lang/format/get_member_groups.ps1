# One table per type, each under its TypeName line, also through Format-Table; the records
# themselves keep the type name.
'a', 1, 'b' | Get-Member -MemberType Property, Method -Name Length, GetType
[pscustomobject]@{ a = 1 } | Get-Member -MemberType NoteProperty | Format-Table
('x' | Get-Member -Name Length).TypeName
