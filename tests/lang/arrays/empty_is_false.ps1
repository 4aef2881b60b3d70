if (@()) { 'true' } else { 'false' }
if (@(0)) { 'true' } else { 'false' }
if (@(0,0)) { 'true' } else { 'false' }
