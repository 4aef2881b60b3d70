$ErrorActionPreference
$WarningPreference
$VerbosePreference
$ConfirmPreference
$WhatIfPreference
