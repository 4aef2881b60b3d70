//! Date values in JQL: absolute dates (`"2026-11-01"`, `"2026/11/01 10:00"`), relative
//! periods (`-7d`, `"-2w 3d"`, `1h`), epoch milliseconds, and the date functions
//! (`startOfDay(-1)`, `endOfMonth("-1M")` …). Everything is computed in UTC; weeks start on
//! Monday.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ZonedDateTime};

/// Parses a signed period such as `-7d`, `-2w 3d`, `4h`, `-30m` or `-5` (minutes). The sign
/// applies to the whole period. Units: `y` years, `M` months, `w` weeks, `d` days, `h`
/// hours, `m` minutes.
pub fn parse_period(s: &str) -> Option<Span> {
    let s = s.trim();
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut span = Span::new();
    let mut any = false;
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut digits = String::new();
        while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
            digits.push(d);
            chars.next();
        }
        if digits.is_empty() {
            break;
        }
        let n: i64 = digits.parse().ok()?;
        let n = if neg { -n } else { n };
        let unit = chars.next_if(|c| "yMwdhm".contains(*c)).unwrap_or('m');
        span = add_unit(span, unit, n)?;
        any = true;
    }
    if !any || chars.next().is_some() {
        None
    } else {
        Some(span)
    }
}

fn add_unit(span: Span, unit: char, n: i64) -> Option<Span> {
    match unit {
        'y' => span
            .try_years(i64::from(span.get_years()).checked_add(n)?)
            .ok(),
        'M' => span
            .try_months(i64::from(span.get_months()).checked_add(n)?)
            .ok(),
        'w' => span
            .try_weeks(i64::from(span.get_weeks()).checked_add(n)?)
            .ok(),
        'd' => span
            .try_days(i64::from(span.get_days()).checked_add(n)?)
            .ok(),
        'h' => span
            .try_hours(i64::from(span.get_hours()).checked_add(n)?)
            .ok(),
        _ => span.try_minutes(span.get_minutes().checked_add(n)?).ok(),
    }
}

fn utc(ts: Timestamp) -> ZonedDateTime {
    ts.to_zoned_datetime(TimeZone::UTC)
}

/// Adds a calendar span to an instant (in UTC).
pub fn shift(ts: Timestamp, span: Span) -> Option<Timestamp> {
    utc(ts).checked_add(span).ok().map(|z| z.timestamp())
}

/// Parses an absolute date or date-time in one of Jira's JQL formats (UTC), or an RFC 3339
/// instant.
pub fn parse_absolute(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(ts);
    }
    let norm = s.replace('/', "-");
    let (date_part, time_part) = match norm.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (norm.as_str(), None),
    };
    let mut it = date_part.split('-');
    let y: i16 = it.next()?.parse().ok()?;
    let m: i8 = it.next()?.parse().ok()?;
    let d: i8 = it.next()?.parse().ok()?;
    if it.next().is_some() {
        return None;
    }
    let (hh, mm) = match time_part {
        Some(t) => {
            let (h, m) = t.split_once(':')?;
            (h.parse::<i8>().ok()?, m.parse::<i8>().ok()?)
        }
        None => (0, 0),
    };
    let dt = DateTime::new(y, m, d, hh, mm, 0, 0).ok()?;
    dt.to_zoned_datetime(TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// Resolves a date literal for a date field: absolute, relative to `now`, or (digits only)
/// epoch milliseconds.
pub fn parse_date_value(s: &str, now: Timestamp) -> Option<Timestamp> {
    let t = s.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t
            .parse::<i64>()
            .ok()
            .and_then(|ms| Timestamp::from_millisecond(ms).ok());
    }
    if let Some(ts) = parse_absolute(t) {
        return Some(ts);
    }
    parse_period(t).and_then(|span| shift(now, span))
}

/// The midnight-UTC instant of a calendar day.
pub fn day_start(d: Date) -> Option<Timestamp> {
    d.to_zoned_datetime(TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// Parses the optional argument of a date function: `(+/-)n[yMwdhm]`, where a missing unit
/// means the function's own unit.
fn parse_increment(arg: &str, default_unit: char) -> Option<(Span, char)> {
    let s = arg.trim();
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let tail = &rest[digits.len()..];
    let unit = match tail {
        "" => default_unit,
        u if u.len() == 1 && "yMwdhm".contains(u) => u.chars().next()?,
        _ => return None,
    };
    let n: i64 = digits.parse().ok()?;
    let span = add_unit(Span::new(), unit, if neg { -n } else { n })?;
    Some((span, unit))
}

/// Coarseness rank of a unit (larger = coarser).
fn rank(unit: char) -> u8 {
    match unit {
        'y' => 6,
        'M' => 5,
        'w' => 4,
        'd' => 3,
        'h' => 2,
        _ => 1,
    }
}

/// Why a date function could not be evaluated.
#[derive(Debug, PartialEq, Eq)]
pub enum DateFnError {
    /// The increment argument is malformed.
    BadIncrement,
    /// Not a date function.
    Unknown,
}

/// Evaluates a date function (`now`, `startOfDay`, … `endOfYear`; `currentLogin` and
/// `lastLogin` are `now`) with its optional increment.
pub fn date_function(
    name: &str,
    arg: Option<&str>,
    now: Timestamp,
) -> Result<Timestamp, DateFnError> {
    let lower = name.to_ascii_lowercase();
    if matches!(lower.as_str(), "now" | "currentlogin" | "lastlogin") {
        return Ok(now);
    }
    let (end, unit) = match lower.as_str() {
        "startofday" => (false, 'd'),
        "endofday" => (true, 'd'),
        "startofweek" => (false, 'w'),
        "endofweek" => (true, 'w'),
        "startofmonth" => (false, 'M'),
        "endofmonth" => (true, 'M'),
        "startofyear" => (false, 'y'),
        "endofyear" => (true, 'y'),
        _ => return Err(DateFnError::Unknown),
    };
    let inc = match arg {
        Some(a) => Some(parse_increment(a, unit).ok_or(DateFnError::BadIncrement)?),
        None => None,
    };
    let mut z = utc(now);
    // An increment at least as coarse as the function's unit moves the anchor first
    // (endOfMonth("-1M") = end of last month); a finer one is added after snapping
    // (startOfMonth("+14d") = the 15th).
    let (before, after) = match inc {
        Some((span, u)) if rank(u) >= rank(unit) => (Some(span), None),
        Some((span, _)) => (None, Some(span)),
        None => (None, None),
    };
    if let Some(span) = before {
        z = z.checked_add(span).map_err(|_| DateFnError::BadIncrement)?;
    }
    let snapped = snap(&z, unit, end).ok_or(DateFnError::BadIncrement)?;
    let snapped = match after {
        Some(span) => snapped
            .checked_add(span)
            .map_err(|_| DateFnError::BadIncrement)?,
        None => snapped,
    };
    Ok(snapped.timestamp())
}

fn snap(z: &ZonedDateTime, unit: char, end: bool) -> Option<ZonedDateTime> {
    let day = z.date();
    let first = match unit {
        'd' => day,
        'w' => {
            let back = i64::from(day.weekday().to_monday_zero_offset());
            day.checked_sub(Span::new().days(back)).ok()?
        }
        'M' => day.first_of_month(),
        _ => day.first_of_year(),
    };
    let last = match unit {
        'd' => day,
        'w' => first.checked_add(Span::new().days(6)).ok()?,
        'M' => day.last_of_month(),
        _ => day.last_of_year(),
    };
    let target = if end { last } else { first };
    let zd = target.to_zoned_datetime(TimeZone::UTC).ok()?;
    if end { zd.end_of_day().ok() } else { Some(zd) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap_or(Timestamp::UNIX_EPOCH)
    }

    // A Thursday.
    const NOW: &str = "2026-09-24T15:30:00Z";

    #[test]
    fn periods() {
        let now = ts(NOW);
        assert_eq!(
            parse_date_value("-7d", now),
            Some(ts("2026-09-17T15:30:00Z"))
        );
        assert_eq!(
            parse_date_value("-2w", now),
            Some(ts("2026-09-10T15:30:00Z"))
        );
        assert_eq!(
            parse_date_value("-4w 2d", now),
            Some(ts("2026-08-25T15:30:00Z"))
        );
        assert_eq!(
            parse_date_value("-90m", now),
            Some(ts("2026-09-24T14:00:00Z"))
        );
        assert_eq!(
            parse_date_value("1h", now),
            Some(ts("2026-09-24T16:30:00Z"))
        );
        assert_eq!(
            parse_date_value("-1y", now),
            Some(ts("2025-09-24T15:30:00Z"))
        );
        assert_eq!(
            parse_date_value("-1M", now),
            Some(ts("2026-08-24T15:30:00Z"))
        );
        assert_eq!(
            parse_date_value("-5", now),
            Some(ts("2026-09-24T15:25:00Z"))
        );
        assert_eq!(parse_date_value("yesterday", now), None);
        assert_eq!(parse_date_value("-7x", now), None);
    }

    #[test]
    fn absolute_dates_and_epoch_millis() {
        let now = ts(NOW);
        assert_eq!(
            parse_date_value("2026-11-01", now),
            Some(ts("2026-11-01T00:00:00Z"))
        );
        assert_eq!(
            parse_date_value("2026/11/01 10:05", now),
            Some(ts("2026-11-01T10:05:00Z"))
        );
        assert_eq!(
            parse_date_value("2026-11-01 10:05", now),
            Some(ts("2026-11-01T10:05:00Z"))
        );
        assert_eq!(parse_date_value("2026-02-30", now), None);
        assert_eq!(
            parse_date_value("1000", now),
            Some(ts("1970-01-01T00:00:01Z"))
        );
    }

    #[test]
    fn functions() {
        let now = ts(NOW);
        let f = |n: &str, a: Option<&str>| date_function(n, a, now).map(|t| t.to_string());
        assert_eq!(f("startOfDay", None), Ok("2026-09-24T00:00:00Z".into()));
        assert_eq!(
            f("startOfDay", Some("-1")),
            Ok("2026-09-23T00:00:00Z".into())
        );
        assert_eq!(
            f("endOfDay", None),
            Ok("2026-09-24T23:59:59.999999999Z".into())
        );
        assert_eq!(f("startOfWeek", None), Ok("2026-09-21T00:00:00Z".into()));
        assert_eq!(
            f("endOfWeek", None),
            Ok("2026-09-27T23:59:59.999999999Z".into())
        );
        assert_eq!(
            f("startOfMonth", Some("-1M")),
            Ok("2026-08-01T00:00:00Z".into())
        );
        assert_eq!(
            f("startOfMonth", Some("+14d")),
            Ok("2026-09-15T00:00:00Z".into())
        );
        assert_eq!(
            f("endOfMonth", Some("-1M")),
            Ok("2026-08-31T23:59:59.999999999Z".into())
        );
        assert_eq!(f("startOfYear", None), Ok("2026-01-01T00:00:00Z".into()));
        assert_eq!(
            f("endOfYear", Some("1")),
            Ok("2027-12-31T23:59:59.999999999Z".into())
        );
        assert_eq!(f("now", None), Ok("2026-09-24T15:30:00Z".into()));
        assert_eq!(
            f("startOfDay", Some("soon")),
            Err(DateFnError::BadIncrement)
        );
        assert_eq!(f("someday", None), Err(DateFnError::Unknown));
    }
}
