//! Operators with PowerShell's coercion rules: arithmetic, comparison, string operators,
//! `-f` formatting and ranges. The left operand's type decides how the right one is converted.
//! Pure functions; `-match` (which sets `$Matches`) lives in the interpreter.

use std::cmp::Ordering;

use crate::eval::convert::{self, to_number, to_string};
use crate::eval::value::{DateTime, Value};

/// Largest range `a..b` materialised at once.
pub const MAX_RANGE: i64 = 50_000_000;

fn num_pair(a: &Value, b: &Value) -> Result<(Value, Value), String> {
    Ok((to_number(a)?, to_number(b)?))
}

/// Applies an integer op, falling back to double on overflow.
fn arith(
    a: &Value,
    b: &Value,
    int_op: fn(i64, i64) -> Option<i64>,
    dbl_op: fn(f64, f64) -> f64,
) -> Result<Value, String> {
    match num_pair(a, b)? {
        (Value::Int(x), Value::Int(y)) => Ok(match int_op(x, y) {
            Some(r) => Value::Int(r),
            None => Value::Double(dbl_op(x as f64, y as f64)),
        }),
        (x, y) => Ok(Value::Double(dbl_op(as_f64(&x), as_f64(&y)))),
    }
}

fn as_f64(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Double(d) => *d,
        _ => 0.0,
    }
}

/// `a + b`.
pub fn add(a: &Value, b: &Value) -> Result<Value, String> {
    match (a, b) {
        (Value::Null, b) => Ok(b.clone()),
        (Value::Str(s), b) => Ok(Value::str(format!("{s}{}", to_string(b)))),
        (Value::Array(x), b) => {
            let mut out = x.borrow().clone();
            match b {
                Value::Array(y) => out.extend(y.borrow().iter().cloned()),
                other => out.push(other.clone()),
            }
            Ok(Value::array(out))
        }
        (Value::Hashtable(x), Value::Hashtable(y)) => {
            let mut out = x.borrow().clone();
            for (k, v) in y.borrow().iter() {
                if out.contains_key(k) {
                    return Err(format!(
                        "Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'"
                    ));
                }
                out.insert(k, v.clone());
            }
            Ok(Value::hashtable(out))
        }
        (Value::DateTime(d), Value::TimeSpan(t)) => add_span(d, *t),
        (Value::TimeSpan(x), Value::TimeSpan(y)) => Ok(Value::TimeSpan(x.saturating_add(*y))),
        (Value::Hashtable(_), _) => {
            Err("A hash table can only be added to another hash table.".into())
        }
        _ => arith(a, b, i64::checked_add, |x, y| x + y),
    }
}

fn add_span(d: &DateTime, t: jiff::SignedDuration) -> Result<Value, String> {
    d.ts.checked_add(t)
        .map(|ts| {
            Value::DateTime(DateTime {
                ts,
                offset: d.offset,
            })
        })
        .map_err(|e| e.to_string())
}

/// `a - b`.
pub fn sub(a: &Value, b: &Value) -> Result<Value, String> {
    match (a, b) {
        (Value::DateTime(x), Value::DateTime(y)) => Ok(Value::TimeSpan(x.ts.duration_since(y.ts))),
        (Value::DateTime(d), Value::TimeSpan(t)) => add_span(d, -*t),
        (Value::TimeSpan(x), Value::TimeSpan(y)) => Ok(Value::TimeSpan(x.saturating_sub(*y))),
        (Value::Null, b) => arith(&Value::Int(0), b, i64::checked_sub, |x, y| x - y),
        _ => arith(a, b, i64::checked_sub, |x, y| x - y),
    }
}

/// `a * b`.
pub fn mul(a: &Value, b: &Value) -> Result<Value, String> {
    match a {
        Value::Str(s) => {
            let n = convert::to_int(b)?;
            if n < 0 || (s.len() as i64).saturating_mul(n) > MAX_RANGE {
                return Err("The repeat count is out of range.".into());
            }
            Ok(Value::str(s.repeat(n as usize)))
        }
        Value::Array(x) => {
            let n = convert::to_int(b)?;
            if n < 0 || (x.borrow().len() as i64).saturating_mul(n) > MAX_RANGE {
                return Err("The repeat count is out of range.".into());
            }
            let items = x.borrow();
            let mut out = Vec::with_capacity(items.len() * n as usize);
            for _ in 0..n {
                out.extend(items.iter().cloned());
            }
            Ok(Value::array(out))
        }
        Value::Null => Ok(Value::Null),
        _ => arith(a, b, i64::checked_mul, |x, y| x * y),
    }
}

/// `a / b`: an integer when the division is exact, else a double.
pub fn div(a: &Value, b: &Value) -> Result<Value, String> {
    let (x, y) = num_pair(a, b)?;
    if as_f64(&y) == 0.0 {
        return Err("Attempted to divide by zero.".into());
    }
    match (x, y) {
        (Value::Int(x), Value::Int(y)) if x.checked_rem(y) == Some(0) => Ok(x
            .checked_div(y)
            .map(Value::Int)
            .unwrap_or(Value::Double(x as f64 / y as f64))),
        (x, y) => Ok(Value::Double(as_f64(&x) / as_f64(&y))),
    }
}

/// `a % b`.
pub fn rem(a: &Value, b: &Value) -> Result<Value, String> {
    let (x, y) = num_pair(a, b)?;
    if as_f64(&y) == 0.0 {
        return Err("Attempted to divide by zero.".into());
    }
    match (x, y) {
        (Value::Int(x), Value::Int(y)) => Ok(Value::Int(x.checked_rem(y).unwrap_or(0))),
        (x, y) => Ok(Value::Double(as_f64(&x) % as_f64(&y))),
    }
}

/// `-band`, `-bor`, `-bxor` on integers.
pub fn bitwise(a: &Value, b: &Value, op: fn(i64, i64) -> i64) -> Result<Value, String> {
    Ok(Value::Int(op(convert::to_int(a)?, convert::to_int(b)?)))
}

/// Unary minus.
pub fn neg(v: &Value) -> Result<Value, String> {
    match v {
        Value::TimeSpan(t) => Ok(Value::TimeSpan(-*t)),
        _ => match to_number(v)? {
            Value::Int(i) => Ok(i
                .checked_neg()
                .map(Value::Int)
                .unwrap_or(Value::Double(-(i as f64)))),
            Value::Double(d) => Ok(Value::Double(-d)),
            other => Ok(other),
        },
    }
}

/// Converts `b` to the type of `a` for a comparison; `None` when it cannot be converted.
fn coerce_like(a: &Value, b: &Value) -> Option<Value> {
    match a {
        Value::Int(_) | Value::Double(_) => match b {
            Value::Null => None,
            Value::Str(s) if s.trim().is_empty() => None,
            _ => to_number(b).ok(),
        },
        Value::Bool(_) => Some(Value::Bool(convert::to_bool(b))),
        Value::DateTime(_) => match b {
            Value::DateTime(_) => Some(b.clone()),
            Value::Str(s) => convert::parse_date(s).map(Value::DateTime),
            _ => None,
        },
        Value::TimeSpan(_) => match b {
            Value::TimeSpan(_) => Some(b.clone()),
            Value::Str(s) => convert::parse_timespan(s).map(Value::TimeSpan),
            _ => None,
        },
        _ => Some(b.clone()),
    }
}

fn str_eq(a: &str, b: &str, case: bool) -> bool {
    if case {
        a == b
    } else {
        a == b || a.to_lowercase() == b.to_lowercase()
    }
}

/// The identity of a typed record (`Key` of an issue), if its type declares one.
fn identity(v: &Value) -> Option<Value> {
    match v {
        Value::Record(r) => {
            let r = r.borrow();
            let prop = r.info?.identity?;
            r.props.get(prop).cloned()
        }
        _ => None,
    }
}

/// `-eq` between two scalars (case-insensitive unless `case`), with PowerShell's rule that the
/// right side is converted to the left side's type; Jira records compare by identity.
pub fn equals(a: &Value, b: &Value, case: bool) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Str(x), y) => str_eq(x, &to_string(y), case),
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Int(_) | Value::Double(_), _) => match coerce_like(a, b) {
            Some(y) => as_f64(a) == as_f64(&y),
            None => false,
        },
        (Value::Bool(x), y) => *x == convert::to_bool(y),
        (Value::DateTime(x), _) => {
            matches!(coerce_like(a, b), Some(Value::DateTime(y)) if x.ts == y.ts)
        }
        (Value::TimeSpan(x), _) => matches!(coerce_like(a, b), Some(Value::TimeSpan(y)) if *x == y),
        (Value::Record(x), Value::Record(y)) => {
            if std::rc::Rc::ptr_eq(x, y) {
                return true;
            }
            match (identity(a), identity(b)) {
                (Some(i), Some(j)) => {
                    x.borrow().type_name() == y.borrow().type_name() && equals(&i, &j, case)
                }
                _ => false,
            }
        }
        (Value::Record(_), y) => match identity(a) {
            Some(i) => equals(&i, y, case),
            None => false,
        },
        (Value::Array(x), Value::Array(y)) => std::rc::Rc::ptr_eq(x, y),
        (Value::Hashtable(x), Value::Hashtable(y)) => std::rc::Rc::ptr_eq(x, y),
        (Value::ScriptBlock(x), Value::ScriptBlock(y)) => std::rc::Rc::ptr_eq(x, y),
        (Value::Type(x), y) => convert::norm_type(x) == convert::norm_type(&to_string(y)),
        (Value::Credential(x), Value::Credential(y)) => std::rc::Rc::ptr_eq(x, y),
        (Value::SecureString(x), Value::SecureString(y)) => std::rc::Rc::ptr_eq(x, y),
        _ => false,
    }
}

/// Ordering used by `Sort-Object`, `-lt`/`-gt` and `Measure-Object` (case-insensitive unless
/// `case`; numbers numerically, strings by culture-free comparison, `$null` first).
pub fn compare(a: &Value, b: &Value, case: bool) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::Int(_) | Value::Double(_), _) => match coerce_like(a, b) {
            Some(y) => as_f64(a)
                .partial_cmp(&as_f64(&y))
                .unwrap_or(Ordering::Equal),
            None => cmp_str(&to_string(a), &to_string(b), case),
        },
        (Value::Bool(x), y) => x.cmp(&convert::to_bool(y)),
        (Value::DateTime(x), _) => match coerce_like(a, b) {
            Some(Value::DateTime(y)) => x.ts.cmp(&y.ts),
            _ => cmp_str(&to_string(a), &to_string(b), case),
        },
        (Value::TimeSpan(x), _) => match coerce_like(a, b) {
            Some(Value::TimeSpan(y)) => x.cmp(&y),
            _ => cmp_str(&to_string(a), &to_string(b), case),
        },
        _ => match (identity(a), identity(b)) {
            (Some(i), Some(j)) => compare(&i, &j, case),
            _ => cmp_str(&to_string(a), &to_string(b), case),
        },
    }
}

fn cmp_str(a: &str, b: &str, case: bool) -> Ordering {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    match la.cmp(&lb) {
        // Culture comparison puts lower case before upper case when letters tie.
        Ordering::Equal if case => b.cmp(a),
        o => o,
    }
}

/// Translates a PowerShell wildcard pattern into an anchored regex.
pub fn wildcard_regex(pattern: &str, case: bool) -> Result<regex::Regex, String> {
    let mut re = String::from(if case { "^(?s)" } else { "^(?is)" });
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            '`' => {
                if let Some(n) = chars.next() {
                    re.push_str(&regex::escape(&n.to_string()));
                }
            }
            '[' => {
                let mut class = String::from("[");
                let mut closed = false;
                for n in chars.by_ref() {
                    if n == ']' {
                        closed = true;
                        break;
                    }
                    if n == '\\' || n == '[' {
                        class.push('\\');
                    }
                    class.push(n);
                }
                if !closed {
                    return Err(format!(
                        "The specified wildcard character pattern is not valid: {pattern}"
                    ));
                }
                class.push(']');
                re.push_str(&class);
            }
            other => re.push_str(&regex::escape(&other.to_string())),
        }
    }
    re.push('$');
    regex::Regex::new(&re)
        .map_err(|_| format!("The specified wildcard character pattern is not valid: {pattern}"))
}

/// PowerShell wildcard match (`*`, `?`, `[a-z]`), case-insensitive unless `case`.
pub fn wildcard_match(pattern: &str, text: &str, case: bool) -> bool {
    if !pattern.contains(['*', '?', '[', '`']) {
        return str_eq(pattern, text, case);
    }
    wildcard_regex(pattern, case)
        .map(|re| re.is_match(text))
        .unwrap_or(false)
}

/// Builds a regex the way `-match`/`-replace`/`-split` do (case-insensitive unless `case`).
pub fn regex(pattern: &str, case: bool) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(pattern)
        .case_insensitive(!case)
        .build()
        .map_err(|e| format!("The regular expression pattern {pattern} is not valid: {e}"))
}

/// `-replace`: .NET `$1`/`${name}` substitutions; `$$` is a literal dollar.
pub fn replace(text: &str, pattern: &str, replacement: &str, case: bool) -> Result<String, String> {
    let re = regex(pattern, case)?;
    // .NET reads `$1x` as group 1 then `x`; the regex crate would read group `1x`.
    let mut rep = String::new();
    let chars: Vec<char> = replacement.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
            let mut j = i + 1;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let n: String = chars[i + 1..j].iter().collect();
            rep.push_str(&format!("${{{n}}}"));
            i = j;
        } else {
            rep.push(chars[i]);
            i += 1;
        }
    }
    Ok(re.replace_all(text, rep.as_str()).into_owned())
}

/// `-split` with a regex (and an optional maximum number of pieces).
pub fn split(text: &str, pattern: &str, max: usize, case: bool) -> Result<Vec<Value>, String> {
    let re = regex(pattern, case)?;
    let parts: Vec<Value> = if max > 0 {
        re.splitn(text, max).map(Value::from).collect()
    } else {
        re.split(text).map(Value::from).collect()
    };
    Ok(parts)
}

/// Applies `-split`'s options (`'SimpleMatch'`, `'RegexMatch'`, `'IgnoreCase'`, `'Multiline'`,
/// `'Singleline'`, `'ExplicitCapture'`, `'IgnorePatternWhitespace'`, `'CultureInvariant'`,
/// comma-separated) to a pattern: the pattern to use and whether case matters.
pub fn split_options(pattern: &str, options: &str, case: bool) -> Result<(String, bool), String> {
    let (mut simple, mut case, mut flags) = (false, case, String::new());
    for o in options.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        match o.to_ascii_lowercase().as_str() {
            "simplematch" => simple = true,
            "regexmatch" | "cultureinvariant" | "none" => {}
            "ignorecase" => case = false,
            "multiline" => flags.push('m'),
            "singleline" => flags.push('s'),
            "ignorepatternwhitespace" => flags.push('x'),
            "explicitcapture" => {}
            _ => {
                return Err(format!(
                    "Cannot convert value \"{o}\" to type \"System.Management.Automation.SplitOptions\"."
                ));
            }
        }
    }
    let pattern = if simple {
        regex::escape(pattern)
    } else if flags.is_empty() {
        pattern.to_owned()
    } else {
        format!("(?{flags}){pattern}")
    };
    Ok((pattern, case))
}

/// `-split` with no left side: splits on runs of whitespace, dropping empty pieces.
pub fn split_ws(text: &str) -> Vec<Value> {
    text.split_whitespace().map(Value::from).collect()
}

/// `a..b`: integers up or down, or single characters (`'a'..'e'`).
pub fn range(a: &Value, b: &Value) -> Result<Vec<Value>, String> {
    if let (Value::Str(x), Value::Str(y)) = (a, b) {
        let (cx, cy) = (x.chars().next(), y.chars().next());
        if let (Some(cx), Some(cy), 1, 1) = (cx, cy, x.chars().count(), y.chars().count()) {
            let (lo, hi) = (cx as u32, cy as u32);
            let it: Box<dyn Iterator<Item = u32>> = if lo <= hi {
                Box::new(lo..=hi)
            } else {
                Box::new((hi..=lo).rev())
            };
            return Ok(it
                .filter_map(char::from_u32)
                .map(|c| Value::str(c.to_string()))
                .collect());
        }
    }
    let (lo, hi) = range_bounds(a, b)?;
    Ok(RangeIter::new(lo, hi).map(Value::Int).collect())
}

/// The integer ends of `a..b`, for a range that is counted lazily (fed to a pipeline or a
/// `foreach`), so it may be as long as it likes.
pub fn range_ends(a: &Value, b: &Value) -> Result<(i64, i64), String> {
    Ok((convert::to_int(a)?, convert::to_int(b)?))
}

/// The integer bounds of `a..b` made into an array, checked against [`MAX_RANGE`].
pub fn range_bounds(a: &Value, b: &Value) -> Result<(i64, i64), String> {
    let (lo, hi) = range_ends(a, b)?;
    if lo.abs_diff(hi) >= MAX_RANGE as u64 {
        return Err("The range is too large.".into());
    }
    Ok((lo, hi))
}

/// Lazily counts from `lo` to `hi` inclusive, up or down.
pub struct RangeIter {
    cur: i64,
    end: i64,
    done: bool,
}

impl RangeIter {
    /// A range from `lo` to `hi` inclusive.
    pub fn new(lo: i64, hi: i64) -> Self {
        RangeIter {
            cur: lo,
            end: hi,
            done: false,
        }
    }
}

impl Iterator for RangeIter {
    type Item = i64;
    fn next(&mut self) -> Option<i64> {
        if self.done {
            return None;
        }
        let v = self.cur;
        if self.cur == self.end {
            self.done = true;
        } else if self.cur < self.end {
            self.cur += 1;
        } else {
            self.cur -= 1;
        }
        Some(v)
    }
}

/// `fmt -f args`: .NET composite formatting (`{0}`, `{0,-10}`, `{0:N2}`, `{{`, `}}`).
pub fn format(fmt: &str, args: &[Value]) -> Result<String, String> {
    let bad = || "Error formatting a string: Input string was not in a correct format.".to_string();
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '}' {
                j += 1;
            }
            if j >= chars.len() {
                return Err(bad());
            }
            let spec: String = chars[i + 1..j].iter().collect();
            let (head, item_fmt) = match spec.split_once(':') {
                Some((h, f)) => (h, Some(f)),
                None => (spec.as_str(), None),
            };
            let (idx, align) = match head.split_once(',') {
                Some((n, a)) => (n, Some(a.trim().parse::<i64>().map_err(|_| bad())?)),
                None => (head, None),
            };
            let idx: usize = idx.trim().parse().map_err(|_| bad())?;
            let arg = args.get(idx).ok_or_else(|| {
                "Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list.".to_string()
            })?;
            let text = format_item(arg, item_fmt.unwrap_or(""))?;
            match align {
                Some(w) if w < 0 => {
                    out.push_str(&format!("{text:<w$}", w = w.unsigned_abs() as usize))
                }
                Some(w) => out.push_str(&format!("{text:>w$}", w = w as usize)),
                None => out.push_str(&text),
            }
            i = j + 1;
        } else if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
            } else {
                return Err(bad());
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

/// Formats one value with a .NET format string (`N2`, `D3`, `F1`, `X`, `P0`, `0.00`, dates).
pub fn format_item(v: &Value, f: &str) -> Result<String, String> {
    if f.is_empty() {
        return Ok(to_string(v));
    }
    match v {
        Value::DateTime(d) => Ok(convert::format_date(d, f)),
        Value::Int(_) | Value::Double(_) => Ok(format_number(v, f)),
        Value::Str(_) | Value::Null | Value::Bool(_) => Ok(to_string(v)),
        Value::TimeSpan(t) => Ok(convert::format_timespan_with(*t, f)),
        other => Ok(to_string(other)),
    }
}

fn group_thousands(int_part: &str) -> String {
    let (sign, digits) = match int_part.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int_part),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

fn fixed(x: f64, decimals: usize, group: bool) -> String {
    // .NET rounds half away from zero when formatting.
    let scale = 10f64.powi(decimals as i32);
    let r = (x * scale).round() / scale;
    let s = format!("{r:.decimals$}");
    let s = if s.starts_with('-')
        && s.trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_string()
    } else {
        s
    };
    if !group {
        return s;
    }
    match s.split_once('.') {
        Some((i, f)) => format!("{}.{f}", group_thousands(i)),
        None => group_thousands(&s),
    }
}

/// Formats a number with a standard or simple custom .NET numeric format string.
pub fn format_number(v: &Value, f: &str) -> String {
    let x = as_f64(v);
    let mut chars = f.chars();
    let kind = chars.next().unwrap_or('G');
    let prec_text: String = chars.collect();
    let prec: Option<usize> = if prec_text.is_empty() {
        None
    } else {
        prec_text.parse().ok()
    };
    let is_std = prec_text.is_empty() || prec.is_some();
    match (kind.to_ascii_uppercase(), is_std) {
        ('N', true) => fixed(x, prec.unwrap_or(2), true),
        ('F', true) => fixed(x, prec.unwrap_or(2), false),
        ('D', true) => match v {
            Value::Int(i) => {
                let w = prec.unwrap_or(0);
                if *i < 0 {
                    format!("-{:0w$}", i.unsigned_abs())
                } else {
                    format!("{i:0w$}")
                }
            }
            _ => to_string(v),
        },
        ('X', true) => match v {
            Value::Int(i) => {
                let w = prec.unwrap_or(0);
                if kind == 'x' {
                    format!("{i:0w$x}")
                } else {
                    format!("{i:0w$X}")
                }
            }
            _ => to_string(v),
        },
        ('P', true) => format!("{} %", fixed(x * 100.0, prec.unwrap_or(2), true)),
        ('C', true) => format!("${}", fixed(x, prec.unwrap_or(2), true)),
        ('E', true) => {
            let p = prec.unwrap_or(6);
            let s = format!("{x:.p$e}");
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            let e: i32 = e.parse().unwrap_or(0);
            let sign = if e < 0 { '-' } else { '+' };
            format!(
                "{m}{}{sign}{:03}",
                if kind == 'e' { 'e' } else { 'E' },
                e.abs()
            )
        }
        ('G', true) => to_string(v),
        _ => custom_number(x, f),
    }
}

/// Custom numeric formats built from `0`, `#`, `,` and `.` (e.g. `0.00`, `#,##0`, `000`).
fn custom_number(x: f64, f: &str) -> String {
    let (int_fmt, frac_fmt) = match f.split_once('.') {
        Some((i, fr)) => (i, fr),
        None => (f, ""),
    };
    if !int_fmt
        .chars()
        .chain(frac_fmt.chars())
        .all(|c| matches!(c, '0' | '#' | ','))
    {
        return f.to_string();
    }
    let min_frac = frac_fmt.chars().filter(|&c| c == '0').count();
    let max_frac = frac_fmt.chars().filter(|&c| c == '0' || c == '#').count();
    let group = int_fmt.contains(',');
    let min_int = int_fmt.chars().filter(|&c| c == '0').count();
    let s = fixed(x.abs(), max_frac, false);
    let (ip, fp) = match s.split_once('.') {
        Some((i, fr)) => (i.to_string(), fr.to_string()),
        None => (s.clone(), String::new()),
    };
    let mut fp = fp;
    while fp.len() > min_frac && fp.ends_with('0') {
        fp.pop();
    }
    let mut ip = if ip == "0" && min_int == 0 {
        String::new()
    } else {
        ip
    };
    while ip.len() < min_int {
        ip.insert(0, '0');
    }
    if group {
        ip = group_thousands(&ip);
    }
    let sign =
        if x < 0.0 && (ip.chars().any(|c| c != '0' && c != ',') || fp.chars().any(|c| c != '0')) {
            "-"
        } else {
            ""
        };
    if fp.is_empty() {
        format!("{sign}{ip}")
    } else {
        format!("{sign}{ip}.{fp}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Result<Value, String>) -> String {
        match v {
            Ok(v) => format!("{v:?}"),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn left_operand_decides() {
        assert_eq!(s(add(&Value::str("5"), &Value::Int(3))), "\"53\"");
        assert_eq!(s(add(&Value::Int(3), &Value::str("5"))), "8");
        assert_eq!(s(mul(&Value::str("a"), &Value::Int(3))), "\"aaa\"");
        assert_eq!(
            s(add(
                &Value::array(vec![Value::Int(1), Value::Int(2)]),
                &Value::Int(3)
            )),
            "[1, 2, 3]"
        );
        assert!(add(&Value::Int(3), &Value::str("x")).is_err());
    }

    #[test]
    fn division_and_overflow() {
        assert_eq!(s(div(&Value::Int(7), &Value::Int(2))), "3.5");
        assert_eq!(s(div(&Value::Int(10), &Value::Int(2))), "5");
        assert_eq!(s(rem(&Value::Int(5), &Value::Int(3))), "2");
        assert_eq!(
            s(add(&Value::Int(i64::MAX), &Value::Int(1))),
            format!("{}", i64::MAX as f64 + 1.0)
        );
        assert!(div(&Value::Int(1), &Value::Int(0)).is_err());
    }

    #[test]
    fn comparisons_convert_right_side() {
        assert!(equals(&Value::Int(5), &Value::str("5"), false));
        assert!(equals(&Value::str("ABC"), &Value::str("abc"), false));
        assert!(!equals(&Value::str("ABC"), &Value::str("abc"), true));
        assert_eq!(
            compare(&Value::Int(10), &Value::str("9"), false),
            Ordering::Greater
        );
        assert_eq!(
            compare(&Value::str("10"), &Value::Int(9), false),
            Ordering::Less
        );
        assert_eq!(compare(&Value::Null, &Value::Int(0), false), Ordering::Less);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("te*", "TEST-1", false));
        assert!(!wildcard_match("te*", "TEST-1", true));
        assert!(wildcard_match("T?ST-[0-9]", "TEST-1", false));
        assert!(!wildcard_match("x*", "TEST", false));
    }

    #[test]
    fn formatting() {
        let args = [Value::Int(5), Value::Double(1234.5), Value::str("ab")];
        assert_eq!(
            format("{0:D3}|{1:N2}|{2,-4}|{2,4}|{{x}}", &args)
                .ok()
                .as_deref(),
            Some("005|1,234.50|ab  |  ab|{x}")
        );
        assert_eq!(format_number(&Value::Double(2.5), "0.00"), "2.50");
        assert_eq!(format_number(&Value::Int(1234567), "#,##0"), "1,234,567");
        assert_eq!(format_number(&Value::Double(0.256), "P1"), "25.6 %");
        assert!(format("{5}", &args).is_err());
    }

    #[test]
    fn ranges_and_regex() {
        assert_eq!(
            range(&Value::Int(3), &Value::Int(1)).map(|v| v.len()).ok(),
            Some(3)
        );
        assert_eq!(
            s(range(&Value::str("a"), &Value::str("c")).map(Value::array)),
            "[\"a\", \"b\", \"c\"]"
        );
        assert_eq!(
            replace("abc-123", r"(\d+)", "<$1>", false).ok().as_deref(),
            Some("abc-<123>")
        );
        assert_eq!(replace("aXa", "x", "", false).ok().as_deref(), Some("aa"));
        assert_eq!(
            split("a, b,c", r",\s*", 0, false).map(|v| v.len()).ok(),
            Some(3)
        );
        assert_eq!(split_ws("  a b\tc ").len(), 3);
    }
}
