//! `Get-Help` text rendered from command specs.
