'ABC' -match 'abc'
'ABC' -cmatch 'abc'
('one','two','three' -match 't') -join ','
