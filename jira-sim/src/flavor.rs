//! What differs between the flavours and API versions on the wire: timestamp format, rich text
//! (wiki strings vs ADF documents) and its validation messages. Pure functions, no state.

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::{Value, json};

use crate::state::Text;

/// Jira's timestamp form: `2024-03-05T09:14:22.000+0000` (UTC, millis, offset without colon).
pub fn fmt_ts(ts: Timestamp) -> String {
    let dt = jiff::tz::TimeZone::UTC.to_datetime(ts);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        dt.subsec_nanosecond() / 1_000_000
    )
}

/// `YYYY-MM-DD`.
pub fn fmt_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Parses a Jira timestamp (`…+0000`, `…Z`, `…+01:00`) or a plain date (midnight UTC).
pub fn parse_ts(s: &str) -> Option<Timestamp> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    // `+0000` without colon: jiff accepts it in RFC 9557 form, but be lenient with `.000+0000`.
    let fixed = if s.len() > 5 && (s.ends_with("00") || s.ends_with("30")) {
        let (a, b) = s.split_at(s.len() - 2);
        if a.ends_with(|c: char| c.is_ascii_digit()) && (a.contains('+') || a.rfind('-') > Some(10))
        {
            format!("{a}:{b}")
        } else {
            s.to_string()
        }
    } else {
        s.to_string()
    };
    if let Ok(t) = fixed.parse::<Timestamp>() {
        return Some(t);
    }
    let d: Date = s.get(..10)?.parse().ok()?;
    d.to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// Wraps wiki-style text in an ADF document, as Jira Cloud's converter does: one paragraph per
/// blank-line separated block, `*bold*` and `_italic_` spans as `strong` and `em` marks.
pub fn to_adf(s: &str) -> Value {
    let content: Vec<Value> = s
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .map(|p| json!({"type": "paragraph", "content": inline(p)}))
        .collect();
    json!({"type": "doc", "version": 1, "content": content})
}

/// Text nodes of one paragraph: a span opened by `*` or `_` at the start or after a space and
/// closed by the same character before the end, a space or punctuation gets its mark.
fn inline(p: &str) -> Vec<Value> {
    let mut nodes = Vec::new();
    let mut plain = String::new();
    let mut rest = p;
    while let Some(c) = rest.chars().next() {
        let opens =
            (c == '*' || c == '_') && plain.chars().next_back().is_none_or(char::is_whitespace);
        let span = opens
            .then(|| rest[1..].find(c))
            .flatten()
            .map(|end| (&rest[1..=end], &rest[end + 2..]))
            .filter(|(inner, after)| {
                !inner.is_empty()
                    && !inner.starts_with(' ')
                    && !inner.ends_with(' ')
                    && after.chars().next().is_none_or(|n| !n.is_alphanumeric())
            });
        match span {
            Some((inner, after)) => {
                if !plain.is_empty() {
                    nodes.push(json!({"type": "text", "text": std::mem::take(&mut plain)}));
                }
                let mark = if c == '*' { "strong" } else { "em" };
                nodes.push(json!({"type": "text", "text": inner, "marks": [{"type": mark}]}));
                rest = after;
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        nodes.push(json!({"type": "text", "text": plain}));
    }
    nodes
}

/// Flattens an ADF document to plain text (blocks separated by blank lines).
pub fn adf_to_text(v: &Value) -> String {
    fn walk(v: &Value, out: &mut String) {
        match v.get("type").and_then(Value::as_str) {
            Some("text") => {
                let text = v.get("text").and_then(Value::as_str).unwrap_or("");
                // Marks come back as wiki markup, as Cloud's v2 renders them.
                let marks = v.get("marks").and_then(Value::as_array);
                let has = |m: &str| marks.is_some_and(|ms| ms.iter().any(|x| x["type"] == m));
                let wrap = if has("strong") {
                    "*"
                } else if has("em") {
                    "_"
                } else {
                    ""
                };
                out.push_str(wrap);
                out.push_str(text);
                out.push_str(wrap);
            }
            Some("hardBreak") => out.push('\n'),
            Some(t) => {
                let block = matches!(
                    t,
                    "paragraph" | "heading" | "codeBlock" | "listItem" | "blockquote" | "rule"
                );
                if block && !out.is_empty() && !out.ends_with("\n\n") {
                    out.push_str(if t == "listItem" { "\n" } else { "\n\n" });
                }
                if let Some(c) = v.get("content").and_then(Value::as_array) {
                    for x in c {
                        walk(x, out);
                    }
                }
            }
            None => {}
        }
    }
    let mut out = String::new();
    walk(v, &mut out);
    out.trim().to_string()
}

/// The plain text of stored rich text (for JQL `~` and v2 rendering).
pub fn plain(t: &Text) -> String {
    match t {
        Text::Plain(s) => s.clone(),
        Text::Adf(v) => adf_to_text(v),
    }
}

/// Renders stored rich text for a response: ADF in Cloud v3, a string otherwise.
pub fn text_out(t: Option<&Text>, adf: bool) -> Value {
    match (t, adf) {
        (None, _) => Value::Null,
        (Some(Text::Plain(s)), false) => Value::String(s.clone()),
        (Some(Text::Adf(v)), true) => v.clone(),
        (Some(Text::Plain(s)), true) => to_adf(s),
        (Some(Text::Adf(v)), false) => Value::String(adf_to_text(v)),
    }
}

/// Jira's message for a plain string where Cloud v3 wants ADF (fields, worklog comments).
pub const ADF_REQUIRED: &str =
    "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
/// Jira Cloud's message for a comment `body` that is not an ADF document in v3.
pub const COMMENT_NOT_VALID: &str = "Comment body is not valid!";
/// Jira's message for a document where a string is wanted.
pub const STRING_REQUIRED: &str = "Operation value must be a string";

/// Whether a `doc` has the structure Jira's ADF validation insists on: `version: 1`, a
/// `content` list, and every node an object with a string `type` (text nodes with a string
/// `text`, `content` and `marks` lists of objects).
fn valid_adf(doc: &Value) -> bool {
    fn node(v: &Value, depth: usize) -> bool {
        let Some(o) = v.as_object() else {
            return false;
        };
        let ty = o.get("type").and_then(Value::as_str);
        let list_ok = |k: &str, f: &dyn Fn(&Value) -> bool| match o.get(k) {
            None => true,
            Some(Value::Array(a)) => a.iter().all(f),
            Some(_) => false,
        };
        depth < 64
            && ty.is_some()
            && (ty != Some("text") || o.get("text").is_some_and(Value::is_string))
            && list_ok("content", &|c| node(c, depth + 1))
            && list_ok("marks", &|m| m.get("type").is_some_and(Value::is_string))
    }
    doc.get("version").and_then(Value::as_u64) == Some(1)
        && doc.get("content").is_some_and(Value::is_array)
        && node(doc, 0)
}

/// Accepts rich text from a request: ADF documents in Cloud v3, strings elsewhere.
pub fn text_in(v: &Value, adf: bool) -> Result<Option<Text>, &'static str> {
    match (v, adf) {
        (Value::Null, _) => Ok(None),
        (Value::String(s), false) => Ok(Some(Text::Plain(s.clone()))),
        (Value::Object(o), true)
            if o.get("type").and_then(Value::as_str) == Some("doc") && valid_adf(v) =>
        {
            Ok(Some(Text::Adf(v.clone())))
        }
        (_, true) => Err(ADF_REQUIRED),
        (_, false) => Err(STRING_REQUIRED),
    }
}

/// Renders wiki/plain text to the small HTML subset `renderedFields` shows.
pub fn render_html(s: &str) -> String {
    let esc = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    esc.split("\n\n")
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br/>\n")))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Formats seconds as Jira's duration (`1d 2h 30m`, 8h days, 5d weeks).
pub fn fmt_duration(secs: u64) -> String {
    let mut m = secs / 60;
    let mut out = Vec::new();
    for (unit, size) in [("w", 5 * 8 * 60), ("d", 8 * 60), ("h", 60), ("m", 1)] {
        if m >= size {
            out.push(format!("{}{unit}", m / size));
            m %= size;
        }
    }
    if out.is_empty() {
        "0m".into()
    } else {
        out.join(" ")
    }
}

/// The longest duration a worklog may record (Jira keeps seconds in a Java `long`; anything
/// this large is a client bug, and capping keeps sums of worklogs from overflowing).
pub const MAX_DURATION_SECS: u64 = 1 << 40;

/// Parses Jira's duration syntax (`1w 2d 3h 30m`, bare number = minutes). `None` for bad
/// syntax or a duration over [`MAX_DURATION_SECS`].
pub fn parse_duration(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut any = false;
    for part in s.split_whitespace() {
        let (num, unit) = part.split_at(
            part.find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(part.len()),
        );
        let n: f64 = num.parse().ok()?;
        let mult = match unit {
            "w" => 5.0 * 8.0 * 3600.0,
            "d" => 8.0 * 3600.0,
            "h" => 3600.0,
            "m" | "" => 60.0,
            _ => return None,
        };
        let secs = n * mult;
        if !secs.is_finite() || secs > MAX_DURATION_SECS as f64 {
            return None;
        }
        total = total.saturating_add(secs as u64);
        any = true;
    }
    any.then_some(total).filter(|t| *t <= MAX_DURATION_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_use_jira_form_and_round_trip() {
        let t = parse_ts("2024-03-05T09:14:22.000+0000");
        assert_eq!(
            t.map(fmt_ts).as_deref(),
            Some("2024-03-05T09:14:22.000+0000")
        );
        assert_eq!(
            parse_ts("2024-03-05").map(fmt_ts).as_deref(),
            Some("2024-03-05T00:00:00.000+0000")
        );
    }

    #[test]
    fn adf_round_trip_and_validation() {
        let d = to_adf("one\n\ntwo");
        assert_eq!(adf_to_text(&d), "one\n\ntwo");
        // Wiki emphasis becomes marks, and comes back as wiki markup; stray stars stay text.
        let d = to_adf("*Expected:* it _works_, 2*3*4 and a * b *");
        assert_eq!(
            d["content"][0]["content"],
            json!([
                {"type": "text", "text": "Expected:", "marks": [{"type": "strong"}]},
                {"type": "text", "text": " it "},
                {"type": "text", "text": "works", "marks": [{"type": "em"}]},
                {"type": "text", "text": ", 2*3*4 and a * b *"},
            ])
        );
        assert_eq!(adf_to_text(&d), "*Expected:* it _works_, 2*3*4 and a * b *");
        assert_eq!(text_in(&json!("x"), true).err(), Some(ADF_REQUIRED));
        assert_eq!(text_in(&d, false).err(), Some(STRING_REQUIRED));
        assert!(matches!(text_in(&d, true), Ok(Some(Text::Adf(_)))));
        for bad in [
            json!({"type": "doc"}),
            json!({"type": "doc", "version": 2, "content": []}),
            json!({"type": "doc", "version": 1, "content": "text"}),
            json!({"type": "doc", "version": 1, "content": [{"text": "no type"}]}),
            json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text"}]}]}),
            json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "x", "marks": [1]}]}]}),
        ] {
            assert_eq!(text_in(&bad, true).err(), Some(ADF_REQUIRED), "{bad}");
        }
        let empty = json!({"type": "doc", "version": 1, "content": []});
        assert!(matches!(text_in(&empty, true), Ok(Some(Text::Adf(_)))));
    }

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("1w 1d 2h 30m"),
            Some((40 + 8 + 2) * 3600 + 1800)
        );
        assert_eq!(fmt_duration(9000), "2h 30m");
        assert_eq!(fmt_duration(8 * 3600), "1d");
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(
            parse_duration("99999999999999999999w 99999999999999999999w"),
            None
        );
        assert_eq!(parse_duration("20000000w 20000000w"), None);
    }
}
