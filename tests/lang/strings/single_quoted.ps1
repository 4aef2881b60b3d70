'it''s literal $x'
'tab`t'
