//! Conversions between value types with PowerShell's rules: to string, to bool (truthiness),
//! to numbers, dates and time spans, and the casts of `language.md` §3. Pure functions: no
//! interpreter state.

use std::rc::Rc;

use jiff::SignedDuration;
use jiff::tz::Offset;

use crate::eval::value::{Credential, DateTime, PropMap, RecordData, Value};

/// PowerShell's `[string]` conversion (arrays join with a space; records use their
/// `ToString()`; `$null` is empty).
pub fn to_string(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Double(d) => format_double(*d),
        Value::Str(s) => s.to_string(),
        Value::Array(a) => a
            .borrow()
            .iter()
            .map(element_text)
            .collect::<Vec<_>>()
            .join(" "),
        Value::Hashtable(_) => "System.Collections.Hashtable".into(),
        Value::Record(r) => nested_record_text(|| record_to_string(&r.borrow())),
        Value::DateTime(d) => format_date(d, "G"),
        Value::TimeSpan(t) => format_timespan(*t),
        Value::SecureString(_) => "System.Security.SecureString".into(),
        Value::Credential(_) => "System.Management.Automation.PSCredential".into(),
        Value::ScriptBlock(sb) => script_block_text(sb),
        Value::Type(t) => t.to_string(),
    }
}

/// The text of one element when an array becomes a string: PowerShell joins the elements'
/// own string forms, so a nested array is `System.Object[]` (which also keeps an array that
/// holds itself from recursing forever).
pub fn element_text(v: &Value) -> String {
    match v {
        Value::Array(_) => "System.Object[]".into(),
        v => to_string(v),
    }
}

/// The text of a script block between its braces (what `ToString()` returns).
pub fn script_block_text(sb: &crate::lang::ast::ScriptBlockDef) -> String {
    let src = &sb.source;
    let (s, e) = (sb.span.start.min(src.len()), sb.span.end.min(src.len()));
    let text = src.get(s..e).unwrap_or("");
    let text = text.strip_prefix('{').unwrap_or(text);
    let text = text.strip_suffix('}').unwrap_or(text);
    text.to_string()
}

/// How PowerShell shows a date by itself (its `DateTime` property and the host's date view):
/// the long date and time.
pub const DATE_DISPLAY: &str = "dddd, MMMM d, yyyy h:mm:ss tt";

/// Records nested deeper than this inside one string conversion print as `…`.
const MAX_RECORD_NESTING: usize = 8;

thread_local! {
    /// How many record conversions are running on this thread. A recursion guard only: a
    /// record can hold itself (`$r.Self = $r`), and the string forms of typed records are
    /// plain functions that cannot be handed a depth.
    static RECORD_NESTING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs one record's string conversion, or gives `…` when records are nested too deeply.
fn nested_record_text(f: impl FnOnce() -> String) -> String {
    let depth = RECORD_NESTING.get();
    if depth >= MAX_RECORD_NESTING {
        return "…".into();
    }
    RECORD_NESTING.set(depth + 1);
    let s = f();
    RECORD_NESTING.set(depth);
    s
}

/// A record's string form: its type's `ToString()` or `@{A=1; B=x}` for a `pscustomobject`.
pub fn record_to_string(r: &RecordData) -> String {
    if let Some(info) = r.info {
        return (info.to_string)(r);
    }
    let parts: Vec<String> = r
        .props
        .iter()
        .map(|(k, v)| format!("{k}={}", to_string(v)))
        .collect();
    format!("@{{{}}}", parts.join("; "))
}

/// PowerShell truthiness (`if ($x)`): empty string, 0, `$null`, `$false` and empty arrays are
/// false; a one-element array takes its element's truthiness; everything else is true.
pub fn to_bool(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Double(d) => *d != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Array(a) => {
            let a = a.borrow();
            match a.len() {
                0 => false,
                1 => to_bool(&a[0]),
                _ => true,
            }
        }
        Value::TimeSpan(t) => !t.is_zero(),
        _ => true,
    }
}

/// Formats a double as PowerShell prints it: 15 significant digits (`G15`), no trailing
/// `.0`, scientific notation (`1E+20`) from exponent 15 up or below -5.
pub fn format_double(d: f64) -> String {
    if d.is_nan() {
        return "NaN".into();
    }
    if d.is_infinite() {
        return if d > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if d == 0.0 {
        return "0".into();
    }
    let sci = format!("{d:.14e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let sign = if neg { "-" } else { "" };
    if !(-5..15).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let esign = if exp < 0 { '-' } else { '+' };
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        return format!("{sign}{first}{frac}E{esign}{:02}", exp.abs());
    }
    if exp < 0 {
        let zeros = "0".repeat((-exp - 1) as usize);
        return format!("{sign}0.{zeros}{digits}");
    }
    let int_len = exp as usize + 1;
    if digits.len() <= int_len {
        format!("{sign}{digits}{}", "0".repeat(int_len - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
    }
}

/// Formats a time span as .NET does: `[-][d.]hh:mm:ss[.fffffff]`.
pub fn format_timespan(t: SignedDuration) -> String {
    let neg = t.is_negative();
    let t = t.abs();
    let total = t.as_secs();
    let days = total / 86_400;
    let (h, m, s) = ((total % 86_400) / 3600, (total % 3600) / 60, total % 60);
    let nanos = t.subsec_nanos();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if days > 0 {
        out.push_str(&format!("{days}."));
    }
    out.push_str(&format!("{h:02}:{m:02}:{s:02}"));
    if nanos > 0 {
        out.push_str(&format!(".{:07}", nanos / 100));
    }
    out
}

/// A time span with a .NET format: `c`/`t`/`T` (`[-][d.]hh:mm:ss[.fffffff]`), `g`
/// (`[-][d:]h:mm:ss[.FFFFFFF]`), `G` (`[-]d:hh:mm:ss.fffffff`), or custom: `d…` days,
/// `h`/`hh` hours, `m`/`mm` minutes, `s`/`ss` seconds, `f…`/`F…` fractions (F drops trailing
/// zeros), `\x` and `'…'` literals. Other characters are copied (.NET would refuse them).
pub fn format_timespan_with(t: SignedDuration, f: &str) -> String {
    let neg = t.is_negative();
    let a = t.abs();
    let total = a.as_secs();
    let (days, h, m, s) = (
        total / 86_400,
        (total % 86_400) / 3600,
        (total % 3600) / 60,
        total % 60,
    );
    let ticks = a.subsec_nanos() / 100;
    let sign = if neg { "-" } else { "" };
    match f {
        "" | "c" | "t" | "T" => return format_timespan(t),
        "g" => {
            let day = if days > 0 {
                format!("{days}:")
            } else {
                String::new()
            };
            let frac = format!("{ticks:07}");
            let frac = frac.trim_end_matches('0');
            let frac = if frac.is_empty() {
                String::new()
            } else {
                format!(".{frac}")
            };
            return format!("{sign}{day}{h}:{m:02}:{s:02}{frac}");
        }
        "G" => return format!("{sign}{days}:{h:02}:{m:02}:{s:02}.{ticks:07}"),
        _ => {}
    }
    let chars: Vec<char> = f.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut n = 1;
        while i + n < chars.len() && chars[i + n] == c {
            n += 1;
        }
        match c {
            'd' => out.push_str(&format!("{days:0n$}")),
            'h' => out.push_str(&format!("{h:0w$}", w = n.min(2))),
            'm' => out.push_str(&format!("{m:0w$}", w = n.min(2))),
            's' => out.push_str(&format!("{s:0w$}", w = n.min(2))),
            'f' | 'F' => {
                let digits = format!("{ticks:07}");
                let cut = &digits[..n.min(7)];
                if c == 'f' {
                    out.push_str(cut);
                } else {
                    out.push_str(cut.trim_end_matches('0'));
                }
            }
            '\\' => {
                if let Some(x) = chars.get(i + 1) {
                    out.push(*x);
                }
                i += 2;
                continue;
            }
            // `%d`: a one-letter custom format.
            '%' => {
                i += 1;
                continue;
            }
            '\'' | '"' => {
                i = quoted_literal(&chars, i, &mut out);
                continue;
            }
            other => {
                for _ in 0..n {
                    out.push(other);
                }
            }
        }
        i += n;
    }
    out
}

/// In a custom format string, the text quoted from `chars[at]` to the same quote again is copied
/// as it is; returns the index after the closing quote.
fn quoted_literal(chars: &[char], at: usize, out: &mut String) -> usize {
    let mut j = at + 1;
    while j < chars.len() && chars[j] != chars[at] {
        out.push(chars[j]);
        j += 1;
    }
    j + 1
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The civil (wall-clock) time of a date in its own offset.
pub fn civil(d: &DateTime) -> jiff::civil::DateTime {
    d.offset.to_datetime(d.ts)
}

/// The English day name of a date (`Monday`).
pub fn day_name(d: &DateTime) -> &'static str {
    DAYS[civil(d).weekday().to_sunday_zero_offset() as usize]
}

/// Formats a date with a .NET format string: standard (`d`, `D`, `g`, `G`, `s`, `u`, `o`, `t`,
/// `T`, `f`, `F`) or custom (`yyyy-MM-dd HH:mm:ss.fff tt zzz`, quoted literals, `\x`).
pub fn format_date(d: &DateTime, fmt: &str) -> String {
    let fmt = match fmt {
        "" | "G" => "M/d/yyyy h:mm:ss tt",
        "d" => "M/d/yyyy",
        "D" => "dddd, MMMM d, yyyy",
        "g" => "M/d/yyyy h:mm tt",
        "t" => "h:mm tt",
        "T" => "h:mm:ss tt",
        "f" => "dddd, MMMM d, yyyy h:mm tt",
        "F" => "dddd, MMMM d, yyyy h:mm:ss tt",
        "s" => "yyyy-MM-ddTHH:mm:ss",
        "u" => {
            let utc = DateTime {
                ts: d.ts,
                offset: Offset::UTC,
            };
            return format_date(&utc, "yyyy-MM-dd HH:mm:ssZ");
        }
        "o" | "O" => "yyyy-MM-ddTHH:mm:ss.fffffffzzz",
        other => other,
    };
    let c = civil(d);
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        let mut n = 1;
        while i + n < chars.len() && chars[i + n] == ch {
            n += 1;
        }
        match ch {
            'y' => {
                let y = c.year() as i64;
                match n {
                    1 => out.push_str(&(y % 100).to_string()),
                    2 => out.push_str(&format!("{:02}", y % 100)),
                    _ => out.push_str(&format!("{y:0n$}", n = n)),
                }
            }
            'M' => match n {
                1 => out.push_str(&c.month().to_string()),
                2 => out.push_str(&format!("{:02}", c.month())),
                3 => out.push_str(&MONTHS[(c.month() - 1) as usize][..3]),
                _ => out.push_str(MONTHS[(c.month() - 1) as usize]),
            },
            'd' => match n {
                1 => out.push_str(&c.day().to_string()),
                2 => out.push_str(&format!("{:02}", c.day())),
                3 => out.push_str(&day_name(d)[..3]),
                _ => out.push_str(day_name(d)),
            },
            'H' => out.push_str(&if n == 1 {
                c.hour().to_string()
            } else {
                format!("{:02}", c.hour())
            }),
            'h' => {
                let h = match c.hour() % 12 {
                    0 => 12,
                    h => h,
                };
                out.push_str(&if n == 1 {
                    h.to_string()
                } else {
                    format!("{h:02}")
                });
            }
            'm' => out.push_str(&if n == 1 {
                c.minute().to_string()
            } else {
                format!("{:02}", c.minute())
            }),
            's' => out.push_str(&if n == 1 {
                c.second().to_string()
            } else {
                format!("{:02}", c.second())
            }),
            'f' | 'F' => {
                let digits = format!("{:09}", c.subsec_nanosecond());
                let take = n.min(7);
                let part = &digits[..take];
                if ch == 'F' {
                    let trimmed = part.trim_end_matches('0');
                    if trimmed.is_empty() && out.ends_with('.') {
                        out.pop();
                    }
                    out.push_str(trimmed);
                } else {
                    out.push_str(part);
                }
            }
            't' => {
                let ampm = if c.hour() < 12 { "AM" } else { "PM" };
                out.push_str(if n == 1 { &ampm[..1] } else { ampm });
            }
            'z' => {
                let secs = d.offset.seconds();
                let sign = if secs < 0 { '-' } else { '+' };
                let (hh, mm) = (secs.abs() / 3600, (secs.abs() % 3600) / 60);
                match n {
                    1 => out.push_str(&format!("{sign}{hh}")),
                    2 => out.push_str(&format!("{sign}{hh:02}")),
                    _ => out.push_str(&format!("{sign}{hh:02}:{mm:02}")),
                }
            }
            'K' => {
                let secs = d.offset.seconds();
                let sign = if secs < 0 { '-' } else { '+' };
                out.push_str(&format!(
                    "{sign}{:02}:{:02}",
                    secs.abs() / 3600,
                    (secs.abs() % 3600) / 60
                ));
            }
            '\'' | '"' => {
                i = quoted_literal(&chars, i, &mut out);
                continue;
            }
            '\\' => {
                if let Some(next) = chars.get(i + 1) {
                    out.push(*next);
                }
                i += 2;
                continue;
            }
            _ => {
                for _ in 0..n {
                    out.push(ch);
                }
            }
        }
        i += n;
    }
    out
}

/// Parses a number the way PowerShell converts strings: whitespace trimmed, hex `0x1F`,
/// multipliers `kb mb gb tb pb`, decimals and exponents. An empty string is 0.
pub fn parse_number(s: &str) -> Option<Value> {
    let t = s.trim();
    if t.is_empty() {
        return Some(Value::Int(0));
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let (num, mult) = ["kb", "mb", "gb", "tb", "pb"]
        .iter()
        .enumerate()
        .find_map(|(i, suf)| {
            lower
                .strip_suffix(suf)
                .map(|n| (n.to_string(), 1i64 << (10 * (i + 1))))
        })
        .unwrap_or((lower.clone(), 1));
    let v = if let Some(hex) = num.strip_prefix("0x") {
        Value::Int(i64::from_str_radix(hex, 16).ok()?)
    } else if num.bytes().all(|b| b.is_ascii_digit()) && !num.is_empty() {
        match num.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Double(num.parse::<f64>().ok()?),
        }
    } else if num
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'-' | b'+'))
        && num.bytes().any(|b| b.is_ascii_digit())
    {
        Value::Double(num.parse::<f64>().ok()?)
    } else {
        return None;
    };
    let v = match v {
        Value::Int(i) => match i.checked_mul(mult) {
            Some(i) => Value::Int(i),
            None => Value::Double(i as f64 * mult as f64),
        },
        Value::Double(d) => Value::Double(d * mult as f64),
        other => other,
    };
    Some(match (neg, v) {
        (true, Value::Int(i)) => Value::Int(-i),
        (true, Value::Double(d)) => Value::Double(-d),
        (_, v) => v,
    })
}

/// Converts a value to a number (`Int` or `Double`) for arithmetic; the error is PowerShell's
/// sentence.
pub fn to_number(v: &Value) -> Result<Value, String> {
    match v {
        Value::Null => Ok(Value::Int(0)),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Int(_) | Value::Double(_) => Ok(v.clone()),
        Value::Str(s) => parse_number(s).ok_or_else(|| cannot_convert(v, "System.Int32")),
        Value::Array(a) if a.borrow().len() == 1 => {
            let first = a.borrow()[0].clone();
            to_number(&first)
        }
        _ => Err(cannot_convert(v, "System.Int32")),
    }
}

fn cannot_convert(v: &Value, ty: &str) -> String {
    let shown = match v {
        Value::Null => "$null".to_string(),
        other => to_string(other),
    };
    format!("Cannot convert value \"{shown}\" to type \"{ty}\".")
}

/// `[int]`/`[long]` conversion: doubles round half to even, strings parse (hex, `1kb`).
pub fn to_int(v: &Value) -> Result<i64, String> {
    match to_number(v).map_err(|_| cannot_convert(v, "System.Int32"))? {
        Value::Int(i) => Ok(i),
        Value::Double(d) => {
            let r = d.round_ties_even();
            if r.is_finite() && r.abs() < 9.2e18 {
                Ok(r as i64)
            } else {
                Err(cannot_convert(v, "System.Int32"))
            }
        }
        _ => Err(cannot_convert(v, "System.Int32")),
    }
}

/// `[double]` conversion.
pub fn to_double(v: &Value) -> Result<f64, String> {
    match to_number(v).map_err(|_| cannot_convert(v, "System.Double"))? {
        Value::Int(i) => Ok(i as f64),
        Value::Double(d) => Ok(d),
        _ => Err(cannot_convert(v, "System.Double")),
    }
}

/// Parses a date-time the way `[datetime]'…'` does: ISO 8601 (with or without offset, `+0000`
/// accepted), date only, `M/d/yyyy [h:mm[:ss] [AM|PM]]`. A missing offset means UTC.
pub fn parse_date(s: &str) -> Option<DateTime> {
    let t = s.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        let offset = offset_in(t).unwrap_or(Offset::UTC);
        return Some(DateTime { ts, offset });
    }
    if let Ok(dt) = t.parse::<jiff::civil::DateTime>() {
        return Offset::UTC.to_timestamp(dt).ok().map(|ts| DateTime {
            ts,
            offset: Offset::UTC,
        });
    }
    if let Ok(d) = t.parse::<jiff::civil::Date>() {
        return Offset::UTC
            .to_timestamp(d.to_datetime(jiff::civil::Time::midnight()))
            .ok()
            .map(|ts| DateTime {
                ts,
                offset: Offset::UTC,
            });
    }
    parse_us_date(t)
}

/// The `+hh:mm` / `+hhmm` / `Z` offset at the end of an ISO string.
fn offset_in(t: &str) -> Option<Offset> {
    if t.ends_with('Z') || t.ends_with('z') {
        return Some(Offset::UTC);
    }
    let idx = t.rfind(['+', '-'])?;
    let tail = &t[idx + 1..];
    let digits: String = tail.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 || idx < 10 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    let secs = (h * 3600 + m * 60) * if &t[idx..=idx] == "-" { -1 } else { 1 };
    Offset::from_seconds(secs).ok()
}

fn parse_us_date(t: &str) -> Option<DateTime> {
    let mut parts = t.split_whitespace();
    let date = parts.next()?;
    let mut dp = date.split('/');
    let (m, d, y): (i8, i8, i16) = (
        dp.next()?.parse().ok()?,
        dp.next()?.parse().ok()?,
        dp.next()?.parse().ok()?,
    );
    let (mut hh, mut mm, mut ss) = (0i8, 0i8, 0i8);
    if let Some(time) = parts.next() {
        let mut tp = time.split(':');
        hh = tp.next()?.parse().ok()?;
        mm = tp.next().unwrap_or("0").parse().ok()?;
        ss = tp.next().unwrap_or("0").parse().ok()?;
        match parts.next().map(|s| s.to_ascii_uppercase()) {
            Some(ap) if ap == "PM" && hh < 12 => hh += 12,
            Some(ap) if ap == "AM" && hh == 12 => hh = 0,
            _ => {}
        }
    }
    let dt = jiff::civil::DateTime::new(y, m, d, hh, mm, ss, 0).ok()?;
    Offset::UTC.to_timestamp(dt).ok().map(|ts| DateTime {
        ts,
        offset: Offset::UTC,
    })
}

/// Parses a time span: `[-][d.]hh:mm[:ss[.fff]]` or a plain number of days.
pub fn parse_timespan(s: &str) -> Option<SignedDuration> {
    let t = s.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (days, rest) = match t.split_once('.') {
        Some((d, r)) if r.contains(':') && !d.contains(':') => (d.parse::<i64>().ok()?, r),
        _ if !t.contains(':') => (t.parse::<i64>().ok()?, "0:0"),
        _ => (0, t),
    };
    let mut p = rest.split(':');
    let h: i64 = p.next()?.parse().ok()?;
    let m: i64 = p.next()?.parse().ok()?;
    let sec: f64 = p.next().unwrap_or("0").parse().ok()?;
    if p.next().is_some()
        || !(0..24).contains(&h)
        || !(0..60).contains(&m)
        || !(0.0..60.0).contains(&sec)
    {
        return None;
    }
    let total = (days * 86_400 + h * 3600 + m * 60) as f64 + sec;
    let d = SignedDuration::from_secs_f64(total);
    Some(if neg { -d } else { d })
}

/// Normalises a type name: lower case, without `System.` and surrounding brackets.
pub fn norm_type(ty: &str) -> String {
    let t = ty.trim();
    let t = match t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
        Some(inner) => inner,
        None => t,
    };
    let t = t.to_ascii_lowercase();
    let t = t.strip_prefix("system.").map(str::to_string).unwrap_or(t);
    match t.as_str() {
        "int32" | "int16" | "byte" | "uint32" => "int".into(),
        "int64" | "uint64" => "long".into(),
        "single" | "float" | "decimal" => "double".into(),
        "boolean" => "bool".into(),
        "object[]" => "array".into(),
        "collections.hashtable" => "hashtable".into(),
        "datetimeoffset" => "datetime".into(),
        "management.automation.pscredential" => "pscredential".into(),
        "security.securestring" => "securestring".into(),
        "management.automation.scriptblock" => "scriptblock".into(),
        "management.automation.pscustomobject" => "pscustomobject".into(),
        "collections.specialized.ordereddictionary" => "ordered".into(),
        "collections.arraylist"
        | "collections.generic.list[object]"
        | "collections.generic.list[string]" => "array".into(),
        _ => t,
    }
}

/// Casts by type name (`int`, `datetime`, `string[]`, `hashtable`, `pscustomobject`, …) with
/// PowerShell's rules. The error is PowerShell's `Cannot convert value …` sentence.
pub fn cast(v: &Value, ty: &str) -> Result<Value, String> {
    let t = norm_type(ty);
    if let Some(elem) = t.strip_suffix("[]") {
        let items = match v {
            Value::Null => Vec::new(),
            // `[char[]]'abc'` is the string's characters.
            Value::Str(s) if elem == "char" => {
                s.chars().map(|c| Value::str(c.to_string())).collect()
            }
            other => other.clone().enumerate(),
        };
        let out = items
            .iter()
            .map(|x| cast(x, elem))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Value::array(out));
    }
    match t.as_str() {
        "object" | "psobject" => Ok(v.clone()),
        "string" => Ok(match v {
            Value::Null => Value::str(""),
            other => Value::str(to_string(other)),
        }),
        "int" | "long" => {
            if let Value::Array(_) = v {
                return Err(cannot_convert(v, "System.Int32"));
            }
            to_int(v).map(Value::Int)
        }
        "double" => to_double(v).map(Value::Double),
        "bool" | "switch" | "management.automation.switchparameter" => Ok(Value::Bool(to_bool(v))),
        "char" => match v {
            Value::Str(s) if s.chars().count() == 1 => Ok(v.clone()),
            Value::Int(i) => char::from_u32(*i as u32)
                .map(|c| Value::str(c.to_string()))
                .ok_or_else(|| cannot_convert(v, "System.Char")),
            _ => Err(cannot_convert(v, "System.Char")),
        },
        "datetime" => match v {
            Value::DateTime(_) => Ok(v.clone()),
            Value::Str(s) => parse_date(s)
                .map(Value::DateTime)
                .ok_or_else(|| cannot_convert(v, "System.DateTime")),
            _ => Err(cannot_convert(v, "System.DateTime")),
        },
        "timespan" => match v {
            Value::TimeSpan(_) => Ok(v.clone()),
            Value::Str(s) => parse_timespan(s)
                .map(Value::TimeSpan)
                .ok_or_else(|| cannot_convert(v, "System.TimeSpan")),
            Value::Int(i) => Ok(Value::TimeSpan(SignedDuration::from_nanos(
                i128::from(*i) as i64 * 100,
            ))),
            _ => Err(cannot_convert(v, "System.TimeSpan")),
        },
        "array" => Ok(match v {
            Value::Array(_) => v.clone(),
            Value::Null => Value::array(Vec::new()),
            other => Value::array(vec![other.clone()]),
        }),
        "hashtable" | "ordered" => match v {
            Value::Hashtable(h) => Ok(Value::hashtable(h.borrow().clone())),
            Value::Record(r) => Ok(Value::hashtable(r.borrow().props.clone())),
            _ => Err(cannot_convert(v, "System.Collections.Hashtable")),
        },
        "pscustomobject" => match v {
            Value::Hashtable(h) => Ok(Value::record(RecordData::custom(h.borrow().clone()))),
            other => Ok(other.clone()),
        },
        "scriptblock" => match v {
            Value::ScriptBlock(_) => Ok(v.clone()),
            _ => Err(cannot_convert(
                v,
                "System.Management.Automation.ScriptBlock",
            )),
        },
        "securestring" => match v {
            Value::SecureString(_) => Ok(v.clone()),
            _ => Err(cannot_convert(v, "System.Security.SecureString")),
        },
        "pscredential" => match v {
            Value::Credential(_) => Ok(v.clone()),
            Value::Array(a) => {
                let a = a.borrow();
                match (a.first(), a.get(1)) {
                    (Some(user), Some(Value::SecureString(p))) if a.len() == 2 => {
                        Ok(credential(&to_string(user), p))
                    }
                    _ => Err(cannot_convert(
                        v,
                        "System.Management.Automation.PSCredential",
                    )),
                }
            }
            _ => Err(cannot_convert(
                v,
                "System.Management.Automation.PSCredential",
            )),
        },
        "regex" | "uri" => Ok(Value::str(to_string(v))),
        "void" => Ok(Value::Null),
        other => match v {
            Value::Record(r) if r.borrow().is_type(other) => Ok(v.clone()),
            _ => Err(format!("Unable to find type [{ty}].")),
        },
    }
}

/// Builds a credential from a user name and a secure string (the secret is copied, never shown).
pub fn credential(user: &str, pass: &Rc<secrecy::SecretString>) -> Value {
    use secrecy::ExposeSecret;
    let password = secrecy::SecretString::from(pass.expose_secret().to_string());
    Value::Credential(Rc::new(Credential {
        user: user.to_string(),
        password,
    }))
}

/// True when `v` is of the type named `ty` (for `-is`, typed `catch`, parameter checks).
pub fn is_type(v: &Value, ty: &str) -> bool {
    let t = norm_type(ty);
    if let Some(elem) = t.strip_suffix("[]") {
        return match v {
            Value::Array(a) => elem == "object" || a.borrow().iter().all(|x| is_type(x, elem)),
            _ => false,
        };
    }
    match (t.as_str(), v) {
        ("object" | "psobject", Value::Null) => false,
        ("object" | "psobject", _) => true,
        ("string", Value::Str(_)) => true,
        ("int", Value::Int(i)) => i32::try_from(*i).is_ok(),
        ("long", Value::Int(_)) => true,
        ("double", Value::Double(_)) => true,
        ("bool", Value::Bool(_)) => true,
        ("valuetype", Value::Int(_) | Value::Double(_) | Value::Bool(_) | Value::DateTime(_)) => {
            true
        }
        ("array" | "collections.ienumerable" | "collections.ilist", Value::Array(_)) => true,
        ("hashtable" | "collections.idictionary", Value::Hashtable(_)) => true,
        ("datetime", Value::DateTime(_)) => true,
        ("timespan", Value::TimeSpan(_)) => true,
        ("scriptblock", Value::ScriptBlock(_)) => true,
        ("securestring", Value::SecureString(_)) => true,
        ("pscredential", Value::Credential(_)) => true,
        ("type", Value::Type(_)) => true,
        (name, Value::Record(r)) => r.borrow().is_type(name),
        _ => false,
    }
}

/// A `PropMap` from pairs (helper for building records).
pub fn props<'a>(pairs: impl IntoIterator<Item = (&'a str, Value)>) -> PropMap {
    let mut m = PropMap::new();
    for (k, v) in pairs {
        m.insert(k, v);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_print_like_powershell() {
        assert_eq!(format_double(3.5), "3.5");
        assert_eq!(format_double(5.0), "5");
        assert_eq!(format_double(1e20), "1E+20");
        assert_eq!(format_double(1.5e-7), "1.5E-07");
        assert_eq!(format_double(0.001), "0.001");
        assert_eq!(format_double(-2.25), "-2.25");
        assert_eq!(format_double(10.0 / 3.0), "3.33333333333333");
        assert_eq!(format_double(0.1 + 0.2), "0.3");
        assert_eq!(format_double(123456.0), "123456");
        assert_eq!(format_double(0.000123), "0.000123");
    }

    #[test]
    fn truthiness() {
        assert!(!to_bool(&Value::str("")));
        assert!(to_bool(&Value::str("False")));
        assert!(!to_bool(&Value::Int(0)));
        assert!(!to_bool(&Value::array(vec![])));
        assert!(!to_bool(&Value::array(vec![Value::Int(0)])));
        assert!(to_bool(&Value::array(vec![Value::Int(0), Value::Int(0)])));
        assert!(!to_bool(&Value::Null));
    }

    #[test]
    fn numbers_from_strings() {
        assert!(matches!(parse_number(" 0x1F "), Some(Value::Int(31))));
        assert!(matches!(parse_number("1kb"), Some(Value::Int(1024))));
        assert!(matches!(parse_number("2.5"), Some(Value::Double(d)) if d == 2.5));
        assert!(matches!(parse_number("-7"), Some(Value::Int(-7))));
        assert!(parse_number("abc").is_none());
    }

    #[test]
    fn int_cast_rounds_half_to_even() {
        assert_eq!(to_int(&Value::Double(3.5)).ok(), Some(4));
        assert_eq!(to_int(&Value::Double(2.5)).ok(), Some(2));
        assert_eq!(to_int(&Value::str("7")).ok(), Some(7));
        assert!(to_int(&Value::str("x")).is_err());
    }

    #[test]
    fn dates_and_spans() {
        let d = parse_date("2026-12-01").map(|d| format_date(&d, "yyyy-MM-dd HH:mm"));
        assert_eq!(d.as_deref(), Some("2026-12-01 00:00"));
        let d = parse_date("2026-12-01T10:00:00Z").map(|d| to_string(&Value::DateTime(d)));
        assert_eq!(d.as_deref(), Some("12/1/2026 10:00:00 AM"));
        let d = parse_date("2026-12-01T10:00:00+0200").map(|d| format_date(&d, "HH:mm zzz"));
        assert_eq!(d.as_deref(), Some("10:00 +02:00"));
        let t = parse_timespan("01:30:00").map(format_timespan);
        assert_eq!(t.as_deref(), Some("01:30:00"));
        let t = parse_timespan("2.03:04:05").map(format_timespan);
        assert_eq!(t.as_deref(), Some("2.03:04:05"));
    }

    #[test]
    fn casts() {
        assert!(matches!(cast(&Value::str("12"), "int"), Ok(Value::Int(12))));
        assert!(matches!(cast(&Value::Int(1), "string"), Ok(Value::Str(s)) if &*s == "1"));
        let arr = cast(&Value::str("a"), "string[]").ok();
        assert!(matches!(arr, Some(Value::Array(a)) if a.borrow().len() == 1));
        assert!(cast(&Value::str("x"), "nosuchtype").is_err());
        assert!(is_type(&Value::Int(3), "int"));
        assert_eq!(norm_type("[System.String[]]"), "string[]");
        assert_eq!(norm_type("Int32"), "int");
        assert!(!is_type(&Value::str("3"), "int"));
    }
}
