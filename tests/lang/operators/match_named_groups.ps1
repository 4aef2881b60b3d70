if ('key=value' -match '(?<k>\w+)=(?<v>\w+)') { $Matches.k; $Matches['v'] }
