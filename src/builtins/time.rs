//! Dates and time spans: Get-Date (now, or a date with some parts replaced, or as text) and
//! New-TimeSpan.

use jiff::{SignedDuration, Span};

use crate::builtins::fail;
use crate::builtins::io::local_datetime;
use crate::cmd::spec::{CmdletSpec, Example, SetSpec, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::eval::Interp;
use crate::eval::convert;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::value::{DateTime, Value};

/// The date parts Get-Date can replace, in the order PowerShell applies them, with their
/// allowed ranges.
const PARTS: [(&str, i64, i64); 7] = [
    ("Year", 1, 9999),
    ("Month", 1, 12),
    ("Day", 1, 31),
    ("Hour", 0, 23),
    ("Minute", 0, 59),
    ("Second", 0, 59),
    ("Millisecond", 0, 999),
];

/// `Get-Date`.
pub static GET_DATE: CmdletSpec = CmdletSpec {
    description: "Outputs the current date and time (or the -Date given), with any of -Year, -Month, -Day, -Hour, -Minute, -Second, -Millisecond replaced, optionally in UTC (-AsUTC) or as text in a .NET (-Format) or Unix (-UFormat) format.",
    params: &[
        param("Date", Ty::DateTime)
            .position(0)
            .by_value()
            .aliases(&["LastWriteTime"])
            .help("The date to use instead of now."),
        param("Year", Ty::Int).help("The year to use (1-9999)."),
        param("Month", Ty::Int).help("The month to use (1-12)."),
        param("Day", Ty::Int).help(
            "The day of the month to use (1-31; past the month's end it runs into the next).",
        ),
        param("Hour", Ty::Int).help("The hour to use (0-23)."),
        param("Minute", Ty::Int).help("The minute to use (0-59)."),
        param("Second", Ty::Int).help("The second to use (0-59)."),
        param("Millisecond", Ty::Int).help("The millisecond to use (0-999)."),
        param("AsUTC", Ty::Switch).help("Outputs the date in UTC."),
        param("Format", Ty::Str).help(".NET format string, e.g. 'yyyy-MM-dd'."),
        param("UFormat", Ty::Str).help("Unix strftime format, e.g. '%Y-%m-%d'."),
    ],
    examples: &[
        Example {
            code: "Get-Date -Format 'yyyy-MM-dd'",
            about: "Today's date as text.",
        },
        Example {
            code: "(Get-Date).AddDays(-7)",
            about: "A week ago.",
        },
        Example {
            code: "Get-Date -Hour 0 -Minute 0 -Second 0 -Millisecond 0",
            about: "Today at midnight.",
        },
        Example {
            code: "Get-Date -Day 1 -Hour 0 -Minute 0 -Second 0",
            about: "The start of this month.",
        },
    ],
    ..CmdletSpec::new("Get-Date", "Gets the date and time.", || {
        Box::new(FnCommand(get_date))
    })
};

fn out_of_range(name: &str, v: i64, lo: i64, hi: i64) -> Option<String> {
    if v < lo {
        Some(format!(
            "Cannot validate argument on parameter '{name}'. The {v} argument is less than the minimum allowed range of {lo}. Supply an argument that is greater than or equal to {lo} and then try the command again."
        ))
    } else if v > hi {
        Some(format!(
            "Cannot validate argument on parameter '{name}'. The {v} argument is greater than the maximum allowed range of {hi}. Supply an argument that is less than or equal to {hi} and then try the command again."
        ))
    } else {
        None
    }
}

/// `d` with the parts given as parameters replaced, each as PowerShell does it: by adding the
/// difference (so `-Month 2` on 31 January clamps to the end of February, and `-Day 31` in
/// April runs into May).
fn with_parts(b: &Bound, d: DateTime) -> Result<DateTime, Flow> {
    let invalid = |m: String| fail("Get-Date", ErrorCategory::InvalidArgument, m);
    let mut c = convert::civil(&d);
    for (name, lo, hi) in PARTS {
        let Some(v) = b.int(name) else { continue };
        if let Some(m) = out_of_range(name, v, lo, hi) {
            return Err(invalid(m));
        }
        let (cur, span) = match name {
            "Year" => (
                i64::from(c.year()),
                Span::new().try_years(v - i64::from(c.year())),
            ),
            "Month" => (
                i64::from(c.month()),
                Span::new().try_months(v - i64::from(c.month())),
            ),
            "Day" => (
                i64::from(c.day()),
                Span::new().try_days(v - i64::from(c.day())),
            ),
            "Hour" => (
                i64::from(c.hour()),
                Span::new().try_hours(v - i64::from(c.hour())),
            ),
            "Minute" => (
                i64::from(c.minute()),
                Span::new().try_minutes(v - i64::from(c.minute())),
            ),
            "Second" => (
                i64::from(c.second()),
                Span::new().try_seconds(v - i64::from(c.second())),
            ),
            _ => (
                i64::from(c.millisecond()),
                Span::new().try_milliseconds(v - i64::from(c.millisecond())),
            ),
        };
        if cur == v {
            continue;
        }
        c = span
            .and_then(|s| c.checked_add(s))
            .map_err(|e| invalid(format!("The date is out of range: {e}.")))?;
    }
    let ts = d
        .offset
        .to_timestamp(c)
        .map_err(|e| invalid(format!("The date is out of range: {e}.")))?;
    Ok(DateTime {
        ts,
        offset: d.offset,
    })
}

fn now(cmd: &str) -> Result<DateTime, Flow> {
    local_datetime(std::time::SystemTime::now()).ok_or_else(|| {
        fail(
            cmd,
            ErrorCategory::InvalidOperation,
            "The system clock is out of range.",
        )
    })
}

fn get_date(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let d = match b.get("Date") {
        Some(Value::DateTime(d)) => *d,
        _ => now("Get-Date")?,
    };
    let mut d = with_parts(b, d)?;
    if b.switch("AsUTC") {
        d.offset = jiff::tz::Offset::UTC;
    }
    if let Some(f) = b.str("Format") {
        return out.emit(it, Value::str(convert::format_date(&d, &f)));
    }
    if let Some(f) = b.str("UFormat") {
        let zoned = d.ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(d.offset));
        let mut s = String::new();
        use std::fmt::Write as _;
        write!(s, "{}", zoned.strftime(&f)).map_err(|_| {
            fail(
                "Get-Date",
                ErrorCategory::InvalidArgument,
                format!("Invalid -UFormat '{f}'."),
            )
        })?;
        return out.emit(it, Value::str(s));
    }
    out.emit(it, Value::DateTime(d))
}

/// `New-TimeSpan`.
pub static NEW_TIMESPAN: CmdletSpec = CmdletSpec {
    description: "Outputs a time span: from -Start to -End (each now when left out), or of the -Days, -Hours, -Minutes, -Seconds and -Milliseconds given.",
    params: &[
        param("Start", Ty::DateTime)
            .set(SetSpec::named("Date").position(0))
            .by_value()
            .by_prop()
            .aliases(&["LastWriteTime"])
            .help("The start (default: now)."),
        param("End", Ty::DateTime)
            .set(SetSpec::named("Date").position(1))
            .by_prop()
            .help("The end (default: now)."),
        param("Days", Ty::Int)
            .set(SetSpec::named("Time"))
            .help("Days."),
        param("Hours", Ty::Int)
            .set(SetSpec::named("Time"))
            .help("Hours."),
        param("Minutes", Ty::Int)
            .set(SetSpec::named("Time"))
            .help("Minutes."),
        param("Seconds", Ty::Int)
            .set(SetSpec::named("Time"))
            .help("Seconds."),
        param("Milliseconds", Ty::Int)
            .set(SetSpec::named("Time"))
            .help("Milliseconds."),
    ],
    default_set: Some("Date"),
    examples: &[
        Example {
            code: "New-TimeSpan -Days 7",
            about: "A week.",
        },
        Example {
            code: "(New-TimeSpan -Start '2026-01-01' -End '2026-03-01').Days",
            about: "Days between two dates (59).",
        },
    ],
    ..CmdletSpec::new("New-TimeSpan", "Creates a time span.", || {
        Box::new(FnCommand(new_timespan))
    })
};

fn new_timespan(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let overflow = || {
        fail(
            "New-TimeSpan",
            ErrorCategory::InvalidArgument,
            "The time span is too long.",
        )
    };
    let span = if b.set == "Time" {
        const UNITS: [(&str, i64); 5] = [
            ("Days", 86_400_000),
            ("Hours", 3_600_000),
            ("Minutes", 60_000),
            ("Seconds", 1_000),
            ("Milliseconds", 1),
        ];
        let mut ms: i64 = 0;
        for (name, unit) in UNITS {
            let n = b.int(name).unwrap_or(0);
            ms = n
                .checked_mul(unit)
                .and_then(|x| ms.checked_add(x))
                .ok_or_else(overflow)?;
        }
        SignedDuration::from_millis(ms)
    } else {
        let at = |name: &str| -> Result<DateTime, Flow> {
            match b.get(name) {
                Some(Value::DateTime(d)) => Ok(*d),
                _ => now("New-TimeSpan"),
            }
        };
        let (start, end) = (at("Start")?, at("End")?);
        start.ts.duration_until(end.ts)
    };
    out.emit(it, Value::TimeSpan(span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{n, p, run};

    fn date(s: &str) -> Value {
        Value::DateTime(convert::parse_date(s).unwrap())
    }

    fn shown(v: &Value) -> String {
        match v {
            Value::DateTime(d) => convert::format_date(d, "yyyy-MM-dd HH:mm:ss.fff"),
            other => convert::to_string(other),
        }
    }

    #[test]
    fn get_date_returns_a_date() {
        let out = run(&GET_DATE, vec![], None).unwrap();
        assert!(matches!(out[0], Value::DateTime(_)));
    }

    #[test]
    fn get_date_replaces_parts() {
        let out = run(
            &GET_DATE,
            vec![
                p(date("2026-01-31T10:20:30Z")),
                n("Month"),
                p(Value::Int(2)),
                n("Hour"),
                p(Value::Int(0)),
                n("Minute"),
                p(Value::Int(0)),
                n("Second"),
                p(Value::Int(0)),
            ],
            None,
        )
        .unwrap();
        // The day is clamped to the end of February, as AddMonths does.
        assert_eq!(shown(&out[0]), "2026-02-28 00:00:00.000");
        let out = run(
            &GET_DATE,
            vec![p(date("2026-04-10T00:00:00Z")), n("Day"), p(Value::Int(31))],
            None,
        )
        .unwrap();
        assert_eq!(shown(&out[0]), "2026-05-01 00:00:00.000");
    }

    #[test]
    fn get_date_keeps_the_parts_not_given() {
        let out = run(
            &GET_DATE,
            vec![
                p("2026-03-04T05:06:07Z"),
                n("Day"),
                p(Value::Int(1)),
                n("Hour"),
                p(Value::Int(0)),
                n("Format"),
                p("yyyy-MM-dd HH:mm:ss"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(shown(&out[0]), "2026-03-01 00:06:07");
    }

    #[test]
    fn get_date_checks_ranges() {
        let err = run(&GET_DATE, vec![n("Month"), p(Value::Int(13))], None).unwrap_err();
        let Flow::Error(rec) = err else {
            panic!("not an error record")
        };
        assert!(
            rec.message
                .contains("greater than the maximum allowed range of 12"),
            "{}",
            rec.message
        );
    }

    #[test]
    fn new_timespan_from_parts_and_dates() {
        let out = run(
            &NEW_TIMESPAN,
            vec![n("Days"), p(Value::Int(1)), n("Minutes"), p(Value::Int(30))],
            None,
        )
        .unwrap();
        assert_eq!(shown(&out[0]), "1.00:30:00");
        let out = run(
            &NEW_TIMESPAN,
            vec![p(date("2026-01-01")), p(date("2026-03-01"))],
            None,
        )
        .unwrap();
        assert_eq!(shown(&out[0]), "59.00:00:00");
    }
}
