if ('') { 'y' } else { 'n' }
if ('0') { 'y' } else { 'n' }
if (0) { 'y' } else { 'n' }
if (0.0) { 'y' } else { 'n' }
if ($null) { 'y' } else { 'n' }
if (@{}) { 'y' } else { 'n' }
