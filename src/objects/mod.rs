//! Conversion of Jira JSON into typed records (Issue, User, …) and their display rules.
//!
//! - [`types`]: one [`TypeInfo`] per JiraPS type (names,
//!   `ToString()`, identity, table view) and each type's declared properties;
//! - [`convert`]: wire JSON → records (`issue`, `user`, …);
//! - [`adf`]: Cloud rich text (ADF) → Markdown text for display;
//! - here: the generic [`json_to_value`] / [`value_to_json`] bridge, Jira date parsing, and
//!   [`coerce`], JiraPS's argument transformations (string → stub object) used by the binder.
//!
//! Nothing here touches the network or the interpreter.

pub mod adf;
pub mod convert;
pub mod types;

pub use convert::*;

use serde_json::Value as Json;

use crate::eval::value::{DateTime, PropMap, RecordData, TypeInfo, Value};

/// Converts JSON to a value: objects become `pscustomobject` records (key order kept), arrays
/// arrays, integers `Int`, other numbers `Double`. Strings stay strings (no date guessing).
pub fn json_to_value(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => n.as_f64().map(Value::Double).unwrap_or(Value::Null),
        },
        Json::String(s) => Value::str(s.as_str()),
        Json::Array(a) => Value::array(a.iter().map(json_to_value).collect()),
        Json::Object(o) => {
            let mut m = PropMap::with_capacity(o.len());
            for (k, v) in o {
                m.insert(k, json_to_value(v));
            }
            Value::record(RecordData::custom(m))
        }
    }
}

/// Converts a value to JSON for a request body. Records and hashtables become objects, dates
/// Jira's `2026-11-30T10:00:00.000+0000` form, time spans their seconds. Secure strings and
/// credentials are refused (a secret must never end up in a body by accident), as are script
/// blocks.
pub fn value_to_json(v: &Value) -> Result<Json, String> {
    Ok(match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Double(d) => serde_json::Number::from_f64(*d)
            .map(Json::Number)
            .unwrap_or(Json::Null),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Array(a) => Json::Array(
            a.borrow()
                .iter()
                .map(value_to_json)
                .collect::<Result<_, _>>()?,
        ),
        Value::Hashtable(h) => map_to_json(&h.borrow())?,
        Value::Record(r) => map_to_json(&r.borrow().props)?,
        Value::DateTime(d) => Json::String(format_jira_datetime(d)),
        Value::TimeSpan(t) => Json::from(t.as_secs()),
        Value::Type(t) => Json::String(t.to_string()),
        Value::SecureString(_) => {
            return Err(
                "A SecureString cannot be converted to JSON; its content is secret.".into(),
            );
        }
        Value::Credential(_) => {
            return Err("A PSCredential cannot be converted to JSON; it holds a secret.".into());
        }
        Value::ScriptBlock(_) => return Err("A script block cannot be converted to JSON.".into()),
    })
}

fn map_to_json(m: &PropMap) -> Result<Json, String> {
    let mut o = serde_json::Map::with_capacity(m.len());
    for (k, v) in m.iter() {
        o.insert(k.to_string(), value_to_json(v)?);
    }
    Ok(Json::Object(o))
}

/// Parses Jira's timestamps (`2026-11-30T10:00:00.000+0000`, RFC 3339 `…+01:00`/`Z`) keeping
/// the offset they were written with, and plain dates (`2026-04-01`, as midnight UTC).
/// `None` when the text is not a date.
pub fn parse_jira_datetime(s: &str) -> Option<DateTime> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
        let ts = format!("{s}T00:00:00Z").parse::<jiff::Timestamp>().ok()?;
        return Some(DateTime {
            ts,
            offset: jiff::tz::Offset::UTC,
        });
    }
    if !s.contains('T') {
        return None;
    }
    let ts = s.parse::<jiff::Timestamp>().ok()?;
    let offset = if s.ends_with('Z') || s.ends_with('z') {
        jiff::tz::Offset::UTC
    } else {
        let b = s.as_bytes();
        // `±HHMM` or `±HH:MM` at the end; the timestamp parsed, so one of them is there.
        let (sign_at, hh, mm) = if b.len() >= 6 && b[b.len() - 3] == b':' {
            (b.len() - 6, &s[b.len() - 5..b.len() - 3], &s[b.len() - 2..])
        } else if b.len() >= 5 {
            (b.len() - 5, &s[b.len() - 4..b.len() - 2], &s[b.len() - 2..])
        } else {
            return None;
        };
        let sign = match b[sign_at] {
            b'+' => 1,
            b'-' => -1,
            _ => {
                return Some(DateTime {
                    ts,
                    offset: jiff::tz::Offset::UTC,
                });
            }
        };
        let secs = sign * (hh.parse::<i32>().ok()? * 3600 + mm.parse::<i32>().ok()? * 60);
        jiff::tz::Offset::from_seconds(secs).ok()?
    };
    Some(DateTime { ts, offset })
}

/// Formats a date-time the way Jira writes it: `2026-11-30T10:00:00.000+0000`.
pub fn format_jira_datetime(d: &DateTime) -> String {
    let dt = d.offset.to_datetime(d.ts);
    let secs = d.offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.unsigned_abs();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}{sign}{:02}{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.millisecond(),
        a / 3600,
        (a % 3600) / 60
    )
}

/// Converts a bound argument to the Jira object type `type_name` (`Issue`, `User`, …) as
/// JiraPS's transformation attributes do: a string becomes a stub record (Issue → `Key`,
/// User → `Name`, …), a number an `Id`, records pass through. Errors are one sentence.
pub fn coerce(type_name: &str, v: &Value) -> Result<Value, String> {
    let Some((short, info, declared)) = types::lookup(type_name) else {
        return Err(format!("Unknown Jira object type '{type_name}'."));
    };
    match v {
        Value::Null => Err(format!("Cannot convert a null value to a Jira {short}.")),
        Value::Array(a) => {
            let items = a
                .borrow()
                .iter()
                .map(|x| coerce(short, x))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::array(items))
        }
        Value::Str(s) => {
            let s = s.trim();
            if s.is_empty() {
                return Err(format!(
                    "Cannot convert an empty string to a Jira {short}: give a non-empty value."
                ));
            }
            stub_from_string(short, info, declared, s)
        }
        Value::Int(i) => stub_from_number(short, info, declared, *i),
        Value::Double(d) if d.fract() == 0.0 && d.abs() < 9.0e15 => {
            // Whole doubles behave as the integer PowerShell would convert them to.
            stub_from_number(short, info, declared, *d as i64)
        }
        Value::Record(r) => {
            let data = r.borrow();
            if let Some(have) = data.info {
                if have.name == info.name {
                    return Ok(v.clone());
                }
                return Err(format!("Cannot convert a {} to a Jira {short}.", have.name));
            }
            let tagged = data
                .type_name
                .as_deref()
                .and_then(types::lookup)
                .is_some_and(|(s, _, _)| s.eq_ignore_ascii_case(short));
            if !tagged {
                return Err(format!(
                    "Cannot convert a {} to a Jira {short}; pass a {short} object, or a string \
                     such as its {}.",
                    data.type_name(),
                    string_property(short)
                ));
            }
            Ok(from_map(short, info, declared, &data.props))
        }
        Value::Hashtable(h) => Ok(from_map(short, info, declared, &h.borrow())),
        other => Err(format!(
            "Cannot convert a {} to a Jira {short}.",
            other.type_name()
        )),
    }
}

/// Which property a string argument fills for a type (JiraPS's transformation rules).
fn string_property(short: &str) -> &'static str {
    match short {
        "Issue" | "Project" => "Key",
        "User" | "Group" | "IssueLinkType" | "Status" | "Priority" | "IssueType" | "Resolution"
        | "Field" | "Transition" | "ProjectRole" => "Name",
        "Attachment" => "FileName",
        "Comment" => "Body",
        _ => "Id",
    }
}

fn blank_of(declared: &[&str]) -> PropMap {
    let mut m = PropMap::with_capacity(declared.len());
    for p in declared {
        m.insert(p, Value::Null);
    }
    m
}

fn typed(info: &'static TypeInfo, props: PropMap) -> Value {
    Value::record(RecordData::typed(info, props))
}

fn is_numeric(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn stub_from_string(
    short: &str,
    info: &'static TypeInfo,
    declared: &[&str],
    s: &str,
) -> Result<Value, String> {
    let mut m = blank_of(declared);
    let mut info = info;
    match short {
        "Issue" | "Project" => m.insert("Key", Value::str(s)),
        "User" | "Group" | "IssueLinkType" | "Status" | "Priority" | "IssueType" | "Resolution"
        | "Transition" | "ProjectRole" | "Field" | "CreateMetaField" | "EditMetaField" => {
            m.insert("Name", Value::str(s))
        }
        "Version" => {
            if is_numeric(s) {
                m.insert("Id", Value::str(s));
            } else {
                m.insert("Name", Value::str(s));
                info = &types::VERSION_BY_NAME;
            }
        }
        "Component" => {
            if is_numeric(s) {
                m.insert("Id", Value::str(s));
            } else {
                m.insert("Name", Value::str(s));
            }
        }
        "IssueLink" | "Filter" | "Attachment" | "Worklogitem" | "Link" | "FilterPermission" => {
            if !is_numeric(s) {
                return Err(format!(
                    "Cannot convert '{s}' to a Jira {short}: its id must be a number."
                ));
            }
            m.insert("Id", Value::str(s));
        }
        "Comment" => m.insert("Body", Value::str(s)),
        _ => {
            return Err(format!(
                "Cannot convert the string '{s}' to a Jira {short}."
            ));
        }
    }
    Ok(typed(info, m))
}

fn stub_from_number(
    short: &str,
    info: &'static TypeInfo,
    declared: &[&str],
    n: i64,
) -> Result<Value, String> {
    let mut m = blank_of(declared);
    match short {
        // Jira accepts a numeric id wherever it takes an issue key.
        "Issue" => m.insert("Key", Value::str(n.to_string())),
        "User" | "Group" => m.insert("Name", Value::str(n.to_string())),
        "Session" | "ServerInfo" | "IssueHistoryEntry" => {
            return Err(format!("Cannot convert the number {n} to a Jira {short}."));
        }
        _ => m.insert("Id", Value::str(n.to_string())),
    }
    Ok(typed(info, m))
}

/// A hashtable cast or a legacy `JiraPS.<Type>` custom object: copies its properties onto a
/// typed record (declared properties first, the rest after).
fn from_map(short: &str, info: &'static TypeInfo, declared: &[&str], src: &PropMap) -> Value {
    let mut m = blank_of(declared);
    for (k, v) in src.iter() {
        if k.eq_ignore_ascii_case("PSTypeName") {
            continue;
        }
        m.insert(k, v.clone());
    }
    let info = match short {
        "Version" if m.get("Id").is_none_or(Value::is_null) => &types::VERSION_BY_NAME,
        "User"
            if m.get("AccountId").is_some_and(|a| !a.is_null())
                && m.get("Name").is_none_or(Value::is_null) =>
        {
            &types::USER_CLOUD
        }
        _ => info,
    };
    typed(info, m)
}

#[cfg(test)]
mod tests;
