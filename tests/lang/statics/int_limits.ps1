[int]::MaxValue
[int]::MinValue
[long]::MaxValue
