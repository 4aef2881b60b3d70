//! Members and methods of values: properties (with member enumeration over arrays), the .NET
//! methods scripts use on strings, arrays, hashtables, dates, time spans and credentials, and
//! static members of type literals (`[datetime]::Now`, `[math]::Round(…)`).

use std::rc::Rc;

use jiff::SignedDuration;
use jiff::tz::Offset;

use crate::eval::convert::{self, to_string};
use crate::eval::expr::custom_record;
use crate::eval::value::{DateTime, Value};
use crate::eval::{collapse, ops};

/// `value.Name`: properties of records and hashtables (case-insensitive), `.Count`/`.Length`
/// on everything, member enumeration over arrays; unknown members are `$null`.
pub fn member(v: &Value, name: &str) -> Value {
    let l = name.to_ascii_lowercase();
    match v {
        Value::Null => match l.as_str() {
            "count" | "length" => Value::Int(0),
            _ => Value::Null,
        },
        Value::Array(a) => match l.as_str() {
            "count" | "length" => Value::Int(a.borrow().len() as i64),
            _ => {
                let mut out = Vec::new();
                for x in a.borrow().iter() {
                    match member(x, name) {
                        Value::Null => {}
                        Value::Array(inner) => out.extend(inner.borrow().iter().cloned()),
                        other => out.push(other),
                    }
                }
                collapse(out)
            }
        },
        Value::Str(s) => match l.as_str() {
            "length" => Value::Int(s.chars().count() as i64),
            "count" => Value::Int(1),
            _ => Value::Null,
        },
        Value::Hashtable(h) => {
            let h = h.borrow();
            if let Some(x) = h.get(name) {
                return x.clone();
            }
            match l.as_str() {
                "count" => Value::Int(h.len() as i64),
                "keys" => Value::array(h.keys().map(Value::from).collect()),
                "values" => Value::array(h.values().cloned().collect()),
                _ => Value::Null,
            }
        }
        Value::Record(r) => {
            let rb = r.borrow();
            if let Some(x) = rb.props.get(name) {
                return x.clone();
            }
            match l.as_str() {
                "count" | "length" => Value::Int(1),
                "psobject" => {
                    let props: Vec<Value> = rb
                        .props
                        .iter()
                        .map(|(k, v)| {
                            custom_record(vec![
                                ("Name", Value::from(k)),
                                ("Value", v.clone()),
                                ("MemberType", Value::from("NoteProperty")),
                            ])
                        })
                        .collect();
                    custom_record(vec![
                        ("Properties", Value::array(props)),
                        ("TypeNames", Value::array(vec![Value::from(rb.type_name())])),
                    ])
                }
                "pstypenames" => Value::array(vec![Value::from(rb.type_name())]),
                _ => Value::Null,
            }
        }
        Value::DateTime(d) => date_member(d, &l),
        Value::TimeSpan(t) => span_member(*t, &l),
        Value::Credential(c) => match l.as_str() {
            "username" => Value::from(c.user.as_str()),
            "password" => {
                use secrecy::ExposeSecret;
                Value::SecureString(Rc::new(secrecy::SecretString::from(
                    c.password.expose_secret().to_string(),
                )))
            }
            "count" | "length" => Value::Int(1),
            _ => Value::Null,
        },
        Value::SecureString(s) => match l.as_str() {
            "length" => {
                use secrecy::ExposeSecret;
                Value::Int(s.expose_secret().chars().count() as i64)
            }
            "count" => Value::Int(1),
            _ => Value::Null,
        },
        Value::Type(t) => match l.as_str() {
            "name" => Value::from(type_full_name_of(t).rsplit('.').next().unwrap_or_default()),
            "fullname" => Value::from(type_full_name_of(t)),
            _ => Value::Null,
        },
        _ => match l.as_str() {
            "count" | "length" => Value::Int(1),
            _ => Value::Null,
        },
    }
}

fn type_full_name_of(t: &str) -> String {
    match convert::norm_type(t).as_str() {
        "int" => "System.Int32".into(),
        "long" => "System.Int64".into(),
        "string" => "System.String".into(),
        "double" => "System.Double".into(),
        "bool" => "System.Boolean".into(),
        "datetime" => "System.DateTime".into(),
        "timespan" => "System.TimeSpan".into(),
        "hashtable" => "System.Collections.Hashtable".into(),
        "array" => "System.Object[]".into(),
        "pscustomobject" => "System.Management.Automation.PSCustomObject".into(),
        other => other.to_string(),
    }
}

fn date_member(d: &DateTime, l: &str) -> Value {
    let c = convert::civil(d);
    match l {
        "year" => Value::Int(i64::from(c.year())),
        "month" => Value::Int(i64::from(c.month())),
        "day" => Value::Int(i64::from(c.day())),
        "hour" => Value::Int(i64::from(c.hour())),
        "minute" => Value::Int(i64::from(c.minute())),
        "second" => Value::Int(i64::from(c.second())),
        "millisecond" => Value::Int(i64::from(c.subsec_nanosecond() / 1_000_000)),
        "dayofweek" => Value::from(convert::day_name(d)),
        "dayofyear" => Value::Int(i64::from(c.day_of_year())),
        "date" => {
            let midnight = c.date().to_datetime(jiff::civil::Time::midnight());
            d.offset
                .to_timestamp(midnight)
                .map(|ts| {
                    Value::DateTime(DateTime {
                        ts,
                        offset: d.offset,
                    })
                })
                .unwrap_or_default()
        }
        "timeofday" => {
            let secs =
                i64::from(c.hour()) * 3600 + i64::from(c.minute()) * 60 + i64::from(c.second());
            Value::TimeSpan(SignedDuration::new(secs, c.subsec_nanosecond()))
        }
        "offset" => Value::TimeSpan(SignedDuration::from_secs(i64::from(d.offset.seconds()))),
        "utcdatetime" => Value::DateTime(DateTime {
            ts: d.ts,
            offset: Offset::UTC,
        }),
        // PowerShell's `DateTime` script property: the long date and time, as a date prints.
        "datetime" => Value::from(convert::format_date(d, convert::DATE_DISPLAY)),
        "localdatetime" => Value::DateTime(*d),
        "ticks" => Value::Int((d.ts.as_nanosecond() / 100 + 621_355_968_000_000_000) as i64),
        "count" | "length" => Value::Int(1),
        _ => Value::Null,
    }
}

fn span_member(t: SignedDuration, l: &str) -> Value {
    let secs = t.as_secs();
    match l {
        "days" => Value::Int(secs / 86_400),
        "hours" => Value::Int((secs % 86_400) / 3600),
        "minutes" => Value::Int((secs % 3600) / 60),
        "seconds" => Value::Int(secs % 60),
        "milliseconds" => Value::Int(i64::from(t.subsec_millis())),
        "totaldays" => Value::Double(t.as_secs_f64() / 86_400.0),
        "totalhours" => Value::Double(t.as_secs_f64() / 3600.0),
        "totalminutes" => Value::Double(t.as_secs_f64() / 60.0),
        "totalseconds" => Value::Double(t.as_secs_f64()),
        "totalmilliseconds" => Value::Double(t.as_secs_f64() * 1000.0),
        "ticks" => Value::Int((t.as_nanos() / 100) as i64),
        "count" | "length" => Value::Int(1),
        _ => Value::Null,
    }
}

fn arg_str(args: &[Value], i: usize) -> Result<String, String> {
    args.get(i)
        .map(to_string)
        .ok_or_else(|| "Cannot find an overload for this method with that argument count.".into())
}

fn arg_int(args: &[Value], i: usize) -> Result<i64, String> {
    match args.get(i) {
        Some(v) => convert::to_int(v),
        None => Err("Cannot find an overload for this method with that argument count.".into()),
    }
}

fn no_method(v: &Value, name: &str) -> String {
    let ty = v.type_name();
    let short = ty.rsplit('.').next().unwrap_or(&ty).to_string();
    format!("Method invocation failed because [{short}] does not contain a method named '{name}'.")
}

/// `value.Name(args)` for the methods of `language.md` §3 (script blocks, `ForEach` and
/// `Where` are handled by the interpreter).
pub fn call(v: &Value, name: &str, args: &[Value]) -> Result<Value, String> {
    let l = name.to_ascii_lowercase();
    match l.as_str() {
        "gettype" => {
            let full = v.type_name();
            let short = full.rsplit('.').next().unwrap_or(&full).to_string();
            return Ok(custom_record(vec![
                ("Name", Value::from(short)),
                ("FullName", Value::from(full)),
            ]));
        }
        "tostring" if args.is_empty() => return Ok(Value::from(to_string(v))),
        "tostring" => {
            return Ok(Value::from(match v {
                Value::DateTime(d) => convert::format_date(d, &to_string(&args[0])),
                Value::TimeSpan(t) => convert::format_timespan_with(*t, &to_string(&args[0])),
                Value::Int(_) | Value::Double(_) => ops::format_number(v, &to_string(&args[0])),
                other => to_string(other),
            }));
        }
        "equals" => {
            return Ok(Value::Bool(ops::equals(
                v,
                args.first().unwrap_or(&Value::Null),
                !ignore_case(args.get(1)),
            )));
        }
        "gethashcode" => return Ok(Value::Int(to_string(v).len() as i64)),
        _ => {}
    }
    match v {
        Value::Str(s) => string_method(s, &l, name, args, v),
        Value::Array(a) => {
            let mut arr = a.borrow_mut();
            match l.as_str() {
                "add" => {
                    arr.push(args.first().cloned().unwrap_or_default());
                    Ok(Value::Int(arr.len() as i64 - 1))
                }
                "addrange" => {
                    for x in args.first().cloned().unwrap_or_default().enumerate() {
                        arr.push(x);
                    }
                    Ok(Value::Null)
                }
                "remove" => {
                    let x = args.first().cloned().unwrap_or_default();
                    if let Some(p) = arr.iter().position(|y| ops::equals(y, &x, false)) {
                        arr.remove(p);
                    }
                    Ok(Value::Null)
                }
                "removeat" => {
                    let i = arg_int(args, 0)?;
                    if i < 0 || i as usize >= arr.len() {
                        return Err("Index was out of range. Must be non-negative and less than the size of the collection.".into());
                    }
                    arr.remove(i as usize);
                    Ok(Value::Null)
                }
                "insert" => {
                    let i = arg_int(args, 0)?;
                    if i < 0 || i as usize > arr.len() {
                        return Err("Index must be within the bounds of the List.".into());
                    }
                    arr.insert(i as usize, args.get(1).cloned().unwrap_or_default());
                    Ok(Value::Null)
                }
                "contains" => {
                    let x = args.first().cloned().unwrap_or_default();
                    Ok(Value::Bool(arr.iter().any(|y| ops::equals(y, &x, false))))
                }
                "indexof" => {
                    let x = args.first().cloned().unwrap_or_default();
                    Ok(Value::Int(
                        arr.iter()
                            .position(|y| ops::equals(y, &x, false))
                            .map(|p| p as i64)
                            .unwrap_or(-1),
                    ))
                }
                "clear" => {
                    arr.clear();
                    Ok(Value::Null)
                }
                "toarray" | "clone" => Ok(Value::array(arr.clone())),
                "reverse" => {
                    arr.reverse();
                    Ok(Value::Null)
                }
                "getenumerator" => Ok(Value::array(arr.clone())),
                _ => Err(no_method(v, name)),
            }
        }
        Value::Hashtable(h) => {
            let mut m = h.borrow_mut();
            match l.as_str() {
                "containskey" | "contains" => Ok(Value::Bool(m.contains_key(&arg_str(args, 0)?))),
                "containsvalue" => {
                    let x = args.first().cloned().unwrap_or_default();
                    Ok(Value::Bool(m.values().any(|y| ops::equals(y, &x, false))))
                }
                "add" => {
                    let k = arg_str(args, 0)?;
                    if m.contains_key(&k) {
                        return Err(format!(
                            "Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'"
                        ));
                    }
                    m.insert(&k, args.get(1).cloned().unwrap_or_default());
                    Ok(Value::Null)
                }
                "remove" => {
                    m.remove(&arg_str(args, 0)?);
                    Ok(Value::Null)
                }
                "clear" => {
                    *m = crate::eval::value::PropMap::new();
                    Ok(Value::Null)
                }
                "clone" => Ok(Value::hashtable(m.clone())),
                "getenumerator" => Ok(Value::array(
                    m.iter()
                        .map(|(k, v)| {
                            custom_record(vec![
                                ("Name", Value::from(k)),
                                ("Key", Value::from(k)),
                                ("Value", v.clone()),
                            ])
                        })
                        .collect(),
                )),
                _ => Err(no_method(v, name)),
            }
        }
        Value::DateTime(d) => date_method(d, &l, name, args, v),
        Value::TimeSpan(t) => match l.as_str() {
            "add" => ops::add(v, args.first().unwrap_or(&Value::Null)),
            "subtract" => ops::sub(v, args.first().unwrap_or(&Value::Null)),
            "negate" => Ok(Value::TimeSpan(-*t)),
            _ => Err(no_method(v, name)),
        },
        Value::Credential(c) => match l.as_str() {
            "getnetworkcredential" => {
                use secrecy::ExposeSecret;
                Ok(Value::record(crate::eval::value::RecordData::typed(
                    &crate::builtins::credential::NETWORK_CREDENTIAL,
                    convert::props(vec![
                        ("UserName", Value::from(c.user.as_str())),
                        ("Password", Value::from(c.password.expose_secret())),
                        (
                            "SecurePassword",
                            Value::SecureString(Rc::new(c.password.clone())),
                        ),
                        ("Domain", Value::from("")),
                    ]),
                )))
            }
            _ => Err(no_method(v, name)),
        },
        Value::Record(r) => {
            let prop = r.borrow().props.get(name).cloned();
            match prop {
                Some(Value::ScriptBlock(_)) => Err(format!(
                    "Method '{name}' is a script property; call it with & instead."
                )),
                _ => Err(no_method(v, name)),
            }
        }
        Value::Null => Err("You cannot call a method on a null-valued expression.".into()),
        _ => Err(no_method(v, name)),
    }
}

/// True when a method's comparison argument asks to ignore case: a `StringComparison` such
/// as `'OrdinalIgnoreCase'` (by name) or `$true` (the `ignoreCase` overloads).
fn ignore_case(arg: Option<&Value>) -> bool {
    match arg {
        Some(Value::Bool(b)) => *b,
        Some(Value::Str(s)) => s.to_ascii_lowercase().ends_with("ignorecase"),
        // StringComparison values by number: 1, 3 and 5 are the IgnoreCase ones.
        Some(Value::Int(i)) => matches!(i, 1 | 3 | 5),
        _ => false,
    }
}

/// `String.Split`: by a string, or by any of several characters (an array, or `[char[]]`), with
/// an optional maximum count and `StringSplitOptions` (`RemoveEmptyEntries`, `TrimEntries`,
/// by name or number). No separator splits at white space.
fn string_split(s: &str, args: &[Value]) -> Result<Value, String> {
    let mut count: Option<usize> = None;
    let (mut remove_empty, mut trim) = (false, false);
    for a in args.iter().skip(1) {
        match a {
            Value::Int(n) if count.is_none() => {
                if *n < 0 {
                    return Err("Count cannot be less than zero.".into());
                }
                count = Some(*n as usize);
            }
            other => {
                for part in to_string(other).split(',') {
                    match part.trim().to_ascii_lowercase().as_str() {
                        "removeemptyentries" | "1" => remove_empty = true,
                        "trimentries" | "2" => trim = true,
                        "3" => (remove_empty, trim) = (true, true),
                        "none" | "0" => {}
                        p => {
                            return Err(format!(
                                "Cannot convert value \"{p}\" to type \"System.StringSplitOptions\"."
                            ));
                        }
                    }
                }
            }
        }
    }
    let seps: Vec<String> = match args.first() {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a
            .borrow()
            .iter()
            .flat_map(|x| to_string(x).chars().map(String::from).collect::<Vec<_>>())
            .collect(),
        Some(other) => vec![to_string(other)],
    };
    let seps: Vec<&str> = seps
        .iter()
        .map(String::as_str)
        .filter(|x| !x.is_empty())
        .collect();
    // The earliest separator at or after `from` (byte offset, separator length).
    let next = |from: usize| -> Option<(usize, usize)> {
        if seps.is_empty() {
            return s[from..]
                .char_indices()
                .find(|(_, c)| c.is_whitespace())
                .map(|(i, c)| (from + i, c.len_utf8()));
        }
        seps.iter()
            .filter_map(|p| s[from..].find(p).map(|i| (from + i, p.len())))
            .min_by_key(|(i, _)| *i)
    };
    let mut parts: Vec<&str> = Vec::new();
    let mut from = 0;
    let limit = count.unwrap_or(usize::MAX);
    if limit == 0 {
        return Ok(Value::array(Vec::new()));
    }
    while parts.len() + 1 < limit {
        let Some((at, len)) = next(from) else {
            break;
        };
        let piece = &s[from..at];
        from = at + len;
        let piece = if trim { piece.trim() } else { piece };
        if !(remove_empty && piece.is_empty()) {
            parts.push(piece);
        }
    }
    let rest = &s[from..];
    let rest = if trim { rest.trim() } else { rest };
    if !(remove_empty && rest.is_empty()) {
        parts.push(rest);
    }
    Ok(Value::array(parts.into_iter().map(Value::from).collect()))
}

fn char_index(s: &str, i: i64) -> Option<usize> {
    if i < 0 {
        return None;
    }
    if i as usize == s.chars().count() {
        return Some(s.len());
    }
    s.char_indices().nth(i as usize).map(|(b, _)| b)
}

fn string_method(s: &str, l: &str, name: &str, args: &[Value], v: &Value) -> Result<Value, String> {
    let out_of_range =
        || "Index and length must refer to a location within the string.".to_string();
    Ok(match l {
        "toupper" | "toupperinvariant" => Value::from(s.to_uppercase()),
        "tolower" | "tolowerinvariant" => Value::from(s.to_lowercase()),
        "trim" | "trimstart" | "trimend" => {
            let set: Option<Vec<char>> = if args.is_empty() {
                None
            } else {
                Some(
                    args.iter()
                        .flat_map(|a| to_string(a).chars().collect::<Vec<_>>())
                        .collect(),
                )
            };
            let is_trim = |c: char| match &set {
                Some(cs) => cs.contains(&c),
                None => c.is_whitespace(),
            };
            Value::from(match l {
                "trim" => s.trim_matches(is_trim),
                "trimstart" => s.trim_start_matches(is_trim),
                _ => s.trim_end_matches(is_trim),
            })
        }
        "split" => string_split(s, args)?,
        "replace" => {
            let from = arg_str(args, 0)?;
            let to = args.get(1).map(to_string).unwrap_or_default();
            if from.is_empty() {
                return Err("String cannot be of zero length.".into());
            }
            Value::from(s.replace(&from, &to))
        }
        "contains" | "startswith" | "endswith" => {
            let needle = arg_str(args, 0)?;
            let (hay, needle) = if ignore_case(args.get(1)) {
                (s.to_lowercase(), needle.to_lowercase())
            } else {
                (s.to_owned(), needle)
            };
            Value::Bool(match l {
                "contains" => hay.contains(&needle),
                "startswith" => hay.starts_with(&needle),
                _ => hay.ends_with(&needle),
            })
        }
        "substring" => {
            let start = arg_int(args, 0)?;
            let from = char_index(s, start).ok_or_else(out_of_range)?;
            match args.get(1) {
                Some(n) => {
                    let n = convert::to_int(n)?;
                    let end = char_index(s, start + n)
                        .filter(|_| n >= 0)
                        .ok_or_else(out_of_range)?;
                    Value::from(&s[from..end])
                }
                None => Value::from(&s[from..]),
            }
        }
        "indexof" | "lastindexof" => {
            // IndexOf(value), IndexOf(value, startIndex), IndexOf(value, comparisonType) and
            // IndexOf(value, startIndex, comparisonType).
            let (start, cmp) = match args.get(1) {
                Some(Value::Int(i)) => (Some(*i), args.get(2)),
                other => (None, other),
            };
            let (hay, needle) = if ignore_case(cmp) {
                (s.to_lowercase(), arg_str(args, 0)?.to_lowercase())
            } else {
                (s.to_owned(), arg_str(args, 0)?)
            };
            let from = match start {
                Some(i) => char_index(&hay, i).ok_or_else(|| {
                    "Index was out of range. Must be non-negative and less than the size of the collection.".to_string()
                })?,
                None => 0,
            };
            let found = if l == "indexof" {
                hay[from..].find(&needle).map(|b| b + from)
            } else {
                hay.rfind(&needle)
            };
            Value::Int(found.map(|b| hay[..b].chars().count() as i64).unwrap_or(-1))
        }
        "padleft" | "padright" => {
            let w = arg_int(args, 0)?.max(0) as usize;
            let ch = args
                .get(1)
                .map(to_string)
                .and_then(|c| c.chars().next())
                .unwrap_or(' ');
            let n = s.chars().count();
            let pad: String = std::iter::repeat_n(ch, w.saturating_sub(n)).collect();
            Value::from(if l == "padleft" {
                format!("{pad}{s}")
            } else {
                format!("{s}{pad}")
            })
        }
        "insert" => {
            let i = char_index(s, arg_int(args, 0)?).ok_or_else(out_of_range)?;
            Value::from(format!("{}{}{}", &s[..i], arg_str(args, 1)?, &s[i..]))
        }
        "remove" => {
            let start = arg_int(args, 0)?;
            let from = char_index(s, start).ok_or_else(out_of_range)?;
            let end = match args.get(1) {
                Some(n) => char_index(s, start + convert::to_int(n)?).ok_or_else(out_of_range)?,
                None => s.len(),
            };
            Value::from(format!("{}{}", &s[..from], &s[end..]))
        }
        "tochararray" => Value::array(s.chars().map(|c| Value::from(c.to_string())).collect()),
        "compareto" => Value::Int(
            match ops::compare(v, args.first().unwrap_or(&Value::Null), false) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            },
        ),
        _ => return Err(no_method(v, name)),
    })
}

fn add_calendar(d: &DateTime, months: i64, years: i64) -> Result<Value, String> {
    let c = convert::civil(d);
    let span = jiff::Span::new()
        .try_months(months + years * 12)
        .map_err(|e| e.to_string())?;
    let nc = c.checked_add(span).map_err(|e| e.to_string())?;
    let ts = d.offset.to_timestamp(nc).map_err(|e| e.to_string())?;
    Ok(Value::DateTime(DateTime {
        ts,
        offset: d.offset,
    }))
}

fn date_method(
    d: &DateTime,
    l: &str,
    name: &str,
    args: &[Value],
    v: &Value,
) -> Result<Value, String> {
    let add_secs = |factor: f64| -> Result<Value, String> {
        let n = convert::to_double(args.first().unwrap_or(&Value::Null))?;
        let dur = SignedDuration::try_from_secs_f64(n * factor).map_err(|e| e.to_string())?;
        d.ts.checked_add(dur)
            .map(|ts| {
                Value::DateTime(DateTime {
                    ts,
                    offset: d.offset,
                })
            })
            .map_err(|e| e.to_string())
    };
    match l {
        "adddays" => add_secs(86_400.0),
        "addhours" => add_secs(3600.0),
        "addminutes" => add_secs(60.0),
        "addseconds" => add_secs(1.0),
        "addmilliseconds" => add_secs(0.001),
        "addmonths" => add_calendar(d, arg_int(args, 0)?, 0),
        "addyears" => add_calendar(d, 0, arg_int(args, 0)?),
        "add" => ops::add(v, args.first().unwrap_or(&Value::Null)),
        "subtract" => ops::sub(v, args.first().unwrap_or(&Value::Null)),
        "touniversaltime" => Ok(Value::DateTime(DateTime {
            ts: d.ts,
            offset: Offset::UTC,
        })),
        "tolocaltime" => {
            let off = jiff::tz::TimeZone::system().to_offset(d.ts);
            Ok(Value::DateTime(DateTime {
                ts: d.ts,
                offset: off,
            }))
        }
        "toshortdatestring" => Ok(Value::from(convert::format_date(d, "M/d/yyyy"))),
        "tolongdatestring" => Ok(Value::from(convert::format_date(d, "dddd, MMMM d, yyyy"))),
        "toshorttimestring" => Ok(Value::from(convert::format_date(d, "h:mm tt"))),
        "tolongtimestring" => Ok(Value::from(convert::format_date(d, "h:mm:ss tt"))),
        "toiso8601" => Ok(Value::from(convert::format_date(d, "o"))),
        "compareto" => Ok(Value::Int(
            match ops::compare(v, args.first().unwrap_or(&Value::Null), false) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            },
        )),
        _ => Err(no_method(v, name)),
    }
}

fn now_local() -> DateTime {
    let z = jiff::ZonedDateTime::now();
    DateTime {
        ts: z.timestamp(),
        offset: z.offset(),
    }
}

/// `[type]::Name`.
pub fn static_member(ty: &str, name: &str) -> Result<Value, String> {
    let t = convert::norm_type(ty);
    let l = name.to_ascii_lowercase();
    Ok(match (t.as_str(), l.as_str()) {
        ("datetime", "now") => Value::DateTime(now_local()),
        ("datetime", "utcnow") => Value::DateTime(DateTime {
            ts: jiff::Timestamp::now(),
            offset: Offset::UTC,
        }),
        ("datetime", "today") => {
            let n = now_local();
            member(&Value::DateTime(n), "Date")
        }
        ("datetime", "minvalue") => convert::parse_date("0001-01-01")
            .map(Value::DateTime)
            .unwrap_or_default(),
        ("datetime", "maxvalue") => convert::parse_date("9999-12-31T23:59:59")
            .map(Value::DateTime)
            .unwrap_or_default(),
        ("int", "maxvalue") => Value::Int(i64::from(i32::MAX)),
        ("int", "minvalue") => Value::Int(i64::from(i32::MIN)),
        ("long", "maxvalue") => Value::Int(i64::MAX),
        ("long", "minvalue") => Value::Int(i64::MIN),
        ("double", "maxvalue") => Value::Double(f64::MAX),
        ("double", "minvalue") => Value::Double(f64::MIN),
        ("double", "nan") => Value::Double(f64::NAN),
        ("string", "empty") => Value::from(""),
        // Enumerations scripts pass to string methods, as their names.
        ("stringsplitoptions", "none" | "removeemptyentries" | "trimentries")
        | (
            "stringcomparison",
            "ordinal"
            | "ordinalignorecase"
            | "currentculture"
            | "currentcultureignorecase"
            | "invariantculture"
            | "invariantcultureignorecase",
        ) => Value::from(enum_name(name)),
        ("math", "pi") => Value::Double(std::f64::consts::PI),
        ("math", "e") => Value::Double(std::f64::consts::E),
        ("timespan", "zero") => Value::TimeSpan(SignedDuration::ZERO),
        ("environment", "newline") => Value::from("\n"),
        ("environment", "username") => Value::from(std::env::var("USER").unwrap_or_default()),
        ("environment", "machinename") => {
            Value::from(std::env::var("HOSTNAME").unwrap_or_default())
        }
        ("io.path", "directoryseparatorchar") => Value::from("/"),
        _ => {
            return Err(format!(
                "The property '{name}' cannot be found on type [{ty}]."
            ));
        }
    })
}

/// An enumeration member's name as .NET spells it (`removeemptyentries` → `RemoveEmptyEntries`).
fn enum_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "None",
        "RemoveEmptyEntries",
        "TrimEntries",
        "Ordinal",
        "OrdinalIgnoreCase",
        "CurrentCulture",
        "CurrentCultureIgnoreCase",
        "InvariantCulture",
        "InvariantCultureIgnoreCase",
    ];
    NAMES
        .iter()
        .find(|n| n.eq_ignore_ascii_case(name))
        .copied()
        .unwrap_or("None")
}

fn arg_f(args: &[Value], i: usize) -> Result<f64, String> {
    match args.get(i) {
        Some(v) => convert::to_double(v),
        None => Err("Cannot find an overload for this method with that argument count.".into()),
    }
}

fn num(x: f64, like: &[Value]) -> Value {
    if like.iter().all(|v| matches!(v, Value::Int(_))) && x.fract() == 0.0 && x.abs() < 9e18 {
        Value::Int(x as i64)
    } else {
        Value::Double(x)
    }
}

/// `[type]::Name(args)`.
pub fn static_call(ty: &str, name: &str, args: &[Value]) -> Result<Value, String> {
    let t = convert::norm_type(ty);
    let l = name.to_ascii_lowercase();
    match (t.as_str(), l.as_str()) {
        ("math", "round") => {
            let x = arg_f(args, 0)?;
            match args.get(1) {
                Some(d) => {
                    let p = 10f64.powi(convert::to_int(d)? as i32);
                    Ok(Value::Double((x * p).round_ties_even() / p))
                }
                None => Ok(Value::Double(x.round_ties_even())),
            }
        }
        ("math", "floor") => Ok(Value::Double(arg_f(args, 0)?.floor())),
        ("math", "ceiling") => Ok(Value::Double(arg_f(args, 0)?.ceil())),
        ("math", "truncate") => Ok(Value::Double(arg_f(args, 0)?.trunc())),
        ("math", "abs") => Ok(num(arg_f(args, 0)?.abs(), args)),
        ("math", "max") => Ok(num(arg_f(args, 0)?.max(arg_f(args, 1)?), args)),
        ("math", "min") => Ok(num(arg_f(args, 0)?.min(arg_f(args, 1)?), args)),
        ("math", "pow") => Ok(Value::Double(arg_f(args, 0)?.powf(arg_f(args, 1)?))),
        ("math", "sqrt") => Ok(Value::Double(arg_f(args, 0)?.sqrt())),
        ("math", "log") => Ok(Value::Double(arg_f(args, 0)?.ln())),
        ("math", "log10") => Ok(Value::Double(arg_f(args, 0)?.log10())),
        ("string", "isnullorempty") => Ok(Value::Bool(
            args.first().map(to_string).unwrap_or_default().is_empty(),
        )),
        ("string", "isnullorwhitespace") => Ok(Value::Bool(
            args.first()
                .map(to_string)
                .unwrap_or_default()
                .trim()
                .is_empty(),
        )),
        ("string", "join") => {
            let sep = arg_str(args, 0)?;
            let items: Vec<Value> = if args.len() == 2 {
                args[1].clone().enumerate()
            } else {
                args[1..].to_vec()
            };
            Ok(Value::from(
                items.iter().map(to_string).collect::<Vec<_>>().join(&sep),
            ))
        }
        ("string", "format") => {
            let fmt = arg_str(args, 0)?;
            let rest: Vec<Value> = if args.len() == 2 {
                args[1].clone().enumerate()
            } else {
                args[1..].to_vec()
            };
            ops::format(&fmt, &rest).map(Value::from)
        }
        ("string", "concat") => Ok(Value::from(args.iter().map(to_string).collect::<String>())),
        ("string", "new") => {
            let c = arg_str(args, 0)?;
            let n = args
                .get(1)
                .map(convert::to_int)
                .transpose()?
                .unwrap_or(1)
                .max(0) as usize;
            Ok(Value::from(c.repeat(n)))
        }
        ("datetime", "parse") => {
            let s = arg_str(args, 0)?;
            convert::parse_date(&s)
                .map(Value::DateTime)
                .ok_or_else(|| format!("String '{s}' was not recognized as a valid DateTime."))
        }
        ("datetime", "new") => {
            let p = |i: usize| {
                args.get(i)
                    .map(convert::to_int)
                    .transpose()
                    .map(|x| x.unwrap_or(0))
            };
            let dt = jiff::civil::DateTime::new(
                p(0)? as i16,
                p(1)? as i8,
                p(2)? as i8,
                p(3)? as i8,
                p(4)? as i8,
                p(5)? as i8,
                0,
            )
            .map_err(|e| e.to_string())?;
            let ts = Offset::UTC.to_timestamp(dt).map_err(|e| e.to_string())?;
            Ok(Value::DateTime(DateTime {
                ts,
                offset: Offset::UTC,
            }))
        }
        ("int" | "long", "parse") => {
            convert::to_int(&Value::from(arg_str(args, 0)?)).map(Value::Int)
        }
        ("double", "parse") => {
            convert::to_double(&Value::from(arg_str(args, 0)?)).map(Value::Double)
        }
        ("timespan", "fromdays") => span_from(arg_f(args, 0)? * 86_400.0),
        ("timespan", "fromhours") => span_from(arg_f(args, 0)? * 3600.0),
        ("timespan", "fromminutes") => span_from(arg_f(args, 0)? * 60.0),
        ("timespan", "fromseconds") => span_from(arg_f(args, 0)?),
        ("timespan", "frommilliseconds") => span_from(arg_f(args, 0)? / 1000.0),
        ("timespan", "parse") => {
            let s = arg_str(args, 0)?;
            convert::parse_timespan(&s)
                .map(Value::TimeSpan)
                .ok_or_else(|| format!("String '{s}' was not recognized as a valid TimeSpan."))
        }
        ("timespan", "new") => {
            let n: Vec<i64> = args.iter().map(convert::to_int).collect::<Result<_, _>>()?;
            let secs = match n.as_slice() {
                [h, m, s] => h * 3600 + m * 60 + s,
                [d, h, m, s] => d * 86_400 + h * 3600 + m * 60 + s,
                _ => {
                    return Err(
                        "Cannot find an overload for \"new\" and the argument count.".into(),
                    );
                }
            };
            Ok(Value::TimeSpan(SignedDuration::from_secs(secs)))
        }
        ("pscredential", "new") => match (args.first(), args.get(1)) {
            (Some(u), Some(Value::SecureString(p))) => Ok(convert::credential(&to_string(u), p)),
            _ => Err(
                "Cannot convert argument \"password\" to type \"System.Security.SecureString\"."
                    .into(),
            ),
        },
        ("array" | "collections.arraylist", "new") => Ok(Value::array(Vec::new())),
        ("array", "reverse") => match args.first() {
            Some(Value::Array(a)) => {
                a.borrow_mut().reverse();
                Ok(Value::Null)
            }
            _ => {
                Err("Cannot find an overload for \"Reverse\" and the argument count: \"1\".".into())
            }
        },
        ("array", "indexof") => match (args.first(), args.get(1)) {
            (Some(list), Some(x)) => {
                // Case-sensitive, as .NET's Equals (with `-ceq`'s conversions).
                let items = list.clone().enumerate();
                let at = items
                    .iter()
                    .position(|v| crate::eval::ops::equals(v, x, true));
                Ok(Value::Int(
                    at.map_or(-1, |i| i64::try_from(i).unwrap_or(-1)),
                ))
            }
            _ => {
                Err("Cannot find an overload for \"IndexOf\" and the argument count: \"1\".".into())
            }
        },
        ("hashtable" | "ordered", "new") => {
            Ok(Value::hashtable(crate::eval::value::PropMap::new()))
        }
        ("guid", "newguid") => {
            let b: [u8; 16] = rand::random();
            let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
            Ok(Value::from(format!(
                "{}-{}-4{}-a{}-{}",
                &h[0..8],
                &h[8..12],
                &h[13..16],
                &h[17..20],
                &h[20..32]
            )))
        }
        ("environment", "getenvironmentvariable") => Ok(std::env::var(arg_str(args, 0)?)
            .map(Value::from)
            .unwrap_or(Value::Null)),
        ("io.path", "combine") => {
            let mut p = std::path::PathBuf::new();
            for a in args {
                p.push(to_string(a));
            }
            Ok(Value::from(p.display().to_string()))
        }
        ("io.path", "getfilename") => Ok(Value::from(
            std::path::Path::new(&arg_str(args, 0)?)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )),
        ("io.path", "getextension") => Ok(Value::from(
            std::path::Path::new(&arg_str(args, 0)?)
                .extension()
                .map(|f| format!(".{}", f.to_string_lossy()))
                .unwrap_or_default(),
        )),
        _ => Err(format!(
            "Method invocation failed because [{ty}] does not contain a method named '{name}'."
        )),
    }
}

fn span_from(secs: f64) -> Result<Value, String> {
    SignedDuration::try_from_secs_f64(secs)
        .map(Value::TimeSpan)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Result<Value, String>) -> String {
        v.map(|v| to_string(&v))
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn string_methods() {
        let v = Value::from("  Hello World  ");
        assert_eq!(s(call(&v, "Trim", &[])), "Hello World");
        let h = Value::from("Hello");
        assert_eq!(
            s(call(&h, "Substring", &[Value::Int(1), Value::Int(3)])),
            "ell"
        );
        assert_eq!(s(call(&h, "IndexOf", &[Value::from("l")])), "2");
        assert_eq!(
            s(call(&h, "PadLeft", &[Value::Int(7), Value::from("*")])),
            "**Hello"
        );
        assert_eq!(
            s(call(&h, "Replace", &[Value::from("l"), Value::from("L")])),
            "HeLLo"
        );
        assert_eq!(
            s(call(&h, "Insert", &[Value::Int(0), Value::from(">")])),
            ">Hello"
        );
        assert_eq!(s(call(&h, "Remove", &[Value::Int(1), Value::Int(3)])), "Ho");
        assert!(call(&h, "Substring", &[Value::Int(9)]).is_err());
        assert!(call(&h, "NoSuch", &[]).is_err());
    }

    #[test]
    fn members_enumerate_over_arrays() {
        let a = Value::array(vec![
            custom_record(vec![("K", Value::from("A"))]),
            custom_record(vec![("K", Value::Null)]),
            custom_record(vec![("K", Value::from("B"))]),
        ]);
        assert_eq!(to_string(&member(&a, "k")), "A B");
        assert_eq!(to_string(&member(&a, "Count")), "3");
        assert_eq!(to_string(&member(&Value::Null, "Count")), "0");
        assert_eq!(to_string(&member(&Value::Int(4), "Count")), "1");
    }

    #[test]
    fn statics() {
        assert_eq!(s(static_call("math", "Round", &[Value::Double(2.5)])), "2");
        assert_eq!(
            s(static_call(
                "Math",
                "Round",
                &[Value::Double(1.2345), Value::Int(2)]
            )),
            "1.23"
        );
        assert_eq!(
            s(static_call(
                "string",
                "Join",
                &[
                    Value::from("-"),
                    Value::array(vec![Value::Int(1), Value::Int(2)])
                ]
            )),
            "1-2"
        );
        assert_eq!(s(static_member("int", "MaxValue")), "2147483647");
        assert!(static_member("nosuch", "x").is_err());
    }
}
