//! Text layout of tables and lists, PowerShell style: fixed-width columns separated by one
//! space, a dashed underline as long as each header, cells cut with `…`, and `Name : value`
//! lists. Pure functions over strings: no terminal, no interpreter.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::eval::convert;
use crate::eval::value::Value;

/// ANSI style PowerShell 7 uses for table headers and list labels (green, bold).
pub const HEADER_STYLE: &str = "\x1b[32;1m";
/// ANSI reset.
pub const RESET: &str = "\x1b[0m";

/// How many array elements a cell shows before `…` (`$FormatEnumerationLimit`).
pub const ENUMERATION_LIMIT: usize = 4;

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `w` columns, ending with `…` when anything was cut.
pub fn cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_owned();
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + cw > w - 1 {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    out
}

/// Splits `s` into pieces of at most `w` columns (at least one piece): at its line breaks, and
/// where a line is too long at the last space that fits (the space is dropped), or inside a
/// word longer than `w`.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let text = |cs: &[char]| cs.iter().collect::<String>().trim_end().to_owned();
    let mut out = Vec::new();
    for line in s.split('\n') {
        let line = line.trim_end_matches('\r');
        let mut cur: Vec<char> = Vec::new();
        let mut used = 0;
        for ch in line.chars() {
            let cw = UnicodeWidthChar::width(ch).unwrap_or(0);
            if used + cw > w && !cur.is_empty() {
                if ch == ' ' {
                    // Break at this space.
                    out.push(text(&cur));
                    cur.clear();
                    used = 0;
                    continue;
                }
                let word_start = cur
                    .iter()
                    .rposition(|c| *c == ' ')
                    .filter(|&sp| cur[..sp].iter().any(|c| *c != ' '));
                match word_start {
                    Some(sp) => {
                        let rest = cur.split_off(sp + 1);
                        out.push(text(&cur));
                        used = rest
                            .iter()
                            .map(|c| UnicodeWidthChar::width(*c).unwrap_or(0))
                            .sum();
                        cur = rest;
                    }
                    None => {
                        out.push(cur.iter().collect());
                        cur.clear();
                        used = 0;
                    }
                }
            }
            cur.push(ch);
            used += cw;
        }
        out.push(cur.iter().collect());
    }
    out
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = w.saturating_sub(width(s));
    if right {
        format!("{}{s}", " ".repeat(fill))
    } else {
        format!("{s}{}", " ".repeat(fill))
    }
}

/// The text of a value inside a table cell or list entry: arrays as `{a, b, c}` (at most
/// [`ENUMERATION_LIMIT`] elements), everything else through `[string]` conversion.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Array(a) => {
            let items = a.borrow();
            let mut parts: Vec<String> = items
                .iter()
                .take(ENUMERATION_LIMIT)
                .map(convert::to_string)
                .collect();
            if items.len() > ENUMERATION_LIMIT
                && let Some(last) = parts.last_mut()
            {
                last.push('…');
            }
            format!("{{{}}}", parts.join(", "))
        }
        v => convert::to_string(v),
    }
}

/// True for values PowerShell right-aligns in tables (numbers).
pub fn is_numeric(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Double(_))
}

/// The resolved layout of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Column headers.
    pub labels: Vec<String>,
    /// Column widths.
    pub widths: Vec<usize>,
    /// Right-aligned columns.
    pub right: Vec<bool>,
}

/// Computes column widths. `fixed[i] > 0` is a width from a view; `0` is automatic: the
/// widest of the header and the `sample` rows' cells, except that automatic columns of a
/// view share what the fixed ones leave. The total fits `term_width` (widest columns shrink).
pub fn layout(
    labels: &[String],
    fixed: &[usize],
    right: &[bool],
    sample: &[Vec<String>],
    term_width: usize,
) -> Layout {
    let n = labels.len();
    let seps = n.saturating_sub(1);
    let is_view = fixed.iter().any(|&w| w > 0);
    let mut widths: Vec<usize> = (0..n)
        .map(|i| {
            let f = fixed.get(i).copied().unwrap_or(0);
            if f > 0 {
                return f;
            }
            let cells = sample
                .iter()
                .filter_map(|r| r.get(i))
                .map(|c| width(c))
                .max()
                .unwrap_or(0);
            cells.max(width(&labels[i]))
        })
        .collect();
    if is_view {
        let fixed_total: usize = fixed.iter().sum::<usize>() + seps;
        let autos: Vec<usize> = (0..n)
            .filter(|&i| fixed.get(i).copied().unwrap_or(0) == 0)
            .collect();
        if !autos.is_empty() && term_width > fixed_total {
            let share = (term_width - fixed_total) / autos.len();
            for &i in &autos {
                widths[i] = share.max(width(&labels[i]));
            }
            // A view's fixed column whose sampled text is wider than the view says (a long
            // date, say) borrows what the automatic columns' sampled text leaves unused.
            let need = |i: usize| {
                sample
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| width(c))
                    .max()
                    .unwrap_or(0)
                    .max(width(&labels[i]))
            };
            let mut spare: usize = autos
                .iter()
                .map(|&i| widths[i].saturating_sub(need(i)))
                .sum();
            for i in 0..n {
                if spare == 0 {
                    break;
                }
                if fixed.get(i).copied().unwrap_or(0) > 0 && need(i) > widths[i] {
                    let extra = (need(i) - widths[i]).min(spare);
                    widths[i] += extra;
                    spare -= extra;
                    let mut owed = extra;
                    for &a in autos.iter().rev() {
                        let give = widths[a].saturating_sub(need(a)).min(owed);
                        widths[a] -= give;
                        owed -= give;
                    }
                }
            }
        }
    }
    if !is_view && n > 0 && !right.get(n - 1).copied().unwrap_or(false) {
        // The last column of an automatic table may use the rest of the line, so later rows
        // with longer text are not cut needlessly.
        let others: usize = widths[..n - 1].iter().sum::<usize>() + seps;
        if term_width > others {
            widths[n - 1] = widths[n - 1].max(term_width - others);
        }
    }
    let total = |w: &[usize]| w.iter().sum::<usize>() + seps;
    while total(&widths) > term_width {
        let Some((i, &w)) = widths
            .iter()
            .enumerate()
            .max_by_key(|(i, w)| (**w, std::cmp::Reverse(*i)))
        else {
            break;
        };
        if w <= 1 {
            break;
        }
        widths[i] = w - 1;
    }
    Layout {
        labels: labels.to_vec(),
        widths,
        right: right.to_vec(),
    }
}

fn style(s: String, color: bool) -> String {
    if color && !s.is_empty() {
        format!("{HEADER_STYLE}{s}{RESET}")
    } else {
        s
    }
}

fn join(cells: Vec<String>) -> String {
    cells.join(" ").trim_end().to_owned()
}

/// The header and underline lines of a table.
pub fn header_lines(l: &Layout, color: bool) -> Vec<String> {
    let mut head = Vec::new();
    let mut dash = Vec::new();
    for (i, label) in l.labels.iter().enumerate() {
        let w = l.widths[i];
        let right = l.right.get(i).copied().unwrap_or(false);
        let text = cut(label, w);
        let dashes = "-".repeat(width(&text));
        let fill = w.saturating_sub(width(&text));
        let (lead, trail) = if right { (fill, 0) } else { (0, fill) };
        head.push(format!(
            "{}{}{}",
            " ".repeat(lead),
            style(text, color),
            " ".repeat(trail)
        ));
        dash.push(format!(
            "{}{}{}",
            " ".repeat(lead),
            style(dashes, color),
            " ".repeat(trail)
        ));
    }
    vec![join(head), join(dash)]
}

/// One row as one line (cells cut with `…`) or, with `wrap`, as several lines.
pub fn row_lines(l: &Layout, cells: &[String], wrap_cells: bool) -> Vec<String> {
    let n = l.widths.len();
    let right = |i: usize| l.right.get(i).copied().unwrap_or(false);
    if !wrap_cells {
        let parts = (0..n)
            .map(|i| {
                pad(
                    &cut(&one_line(cells.get(i).map_or("", |s| s)), l.widths[i]),
                    l.widths[i],
                    right(i),
                )
            })
            .collect();
        return vec![join(parts)];
    }
    let pieces: Vec<Vec<String>> = (0..n)
        .map(|i| wrap(cells.get(i).map_or("", |s| s), l.widths[i]))
        .collect();
    let height = pieces.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|r| {
            join(
                (0..n)
                    .map(|i| pad(pieces[i].get(r).map_or("", |s| s), l.widths[i], right(i)))
                    .collect(),
            )
        })
        .collect()
}

fn one_line(s: &str) -> String {
    if s.contains('\n') {
        s.replace("\r\n", " ").replace('\n', " ")
    } else {
        s.to_owned()
    }
}

/// One `Name : value` line (or more) of a list view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    /// The property name.
    pub name: String,
    /// The value's text.
    pub text: String,
    /// A nested object (record, hashtable, or an array of them): shown on one line and cut
    /// with `…` at the terminal edge rather than wrapped over many lines.
    pub cut: bool,
}

impl ListEntry {
    /// The list entry of property `name` holding `v`.
    pub fn of(name: impl Into<String>, v: &Value) -> Self {
        let nested = |v: &Value| matches!(v, Value::Record(_) | Value::Hashtable(_));
        let cut = match v {
            Value::Array(a) => a.borrow().iter().any(nested),
            v => nested(v),
        };
        ListEntry {
            name: name.into(),
            text: cell_text(v),
            cut,
        }
    }
}

/// A record as list lines: `Name : value`, names padded to the longest, long or multi-line
/// values continued under the value column, nested objects cut to one line.
pub fn list_lines(entries: &[ListEntry], term_width: usize, color: bool) -> Vec<String> {
    let name_w = entries.iter().map(|e| width(&e.name)).max().unwrap_or(0);
    let indent = name_w + 3;
    let value_w = term_width.saturating_sub(indent).max(10);
    let mut out = Vec::new();
    for ListEntry {
        name,
        text: value,
        cut: one,
    } in entries
    {
        let label = style(name.clone(), color);
        let fill = " ".repeat(name_w - width(name));
        let pieces = if *one {
            vec![cut(&one_line(value), value_w)]
        } else {
            wrap(value, value_w)
        };
        for (k, piece) in pieces.iter().enumerate() {
            let line = if k == 0 {
                format!("{label}{fill} : {piece}")
            } else {
                format!("{}{piece}", " ".repeat(indent))
            };
            out.push(line.trim_end().to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn cut_adds_ellipsis() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
    }

    #[test]
    fn layout_auto_and_fit() {
        let l = layout(
            &s(&["Key", "Summary"]),
            &[0, 0],
            &[false, false],
            &[s(&["T-1", "hello world"])],
            100,
        );
        assert_eq!(l.widths, vec![3, 96]);
        let l = layout(
            &s(&["Key", "Summary"]),
            &[0, 0],
            &[false, false],
            &[s(&["T-1", "hello world"])],
            10,
        );
        assert_eq!(l.widths.iter().sum::<usize>() + 1, 10);
    }

    #[test]
    fn view_auto_column_takes_rest() {
        let l = layout(
            &s(&["Key", "Summary", "Status"]),
            &[16, 0, 24],
            &[false; 3],
            &[],
            100,
        );
        assert_eq!(l.widths, vec![16, 58, 24]);
    }

    #[test]
    fn view_fixed_column_borrows_from_auto_slack() {
        // Key 4, Summary auto, Created 5 — but the dates are 8 wide and summaries short.
        let l = layout(
            &s(&["Key", "Summary", "Created"]),
            &[4, 0, 5],
            &[false, false, false],
            &[s(&["T-1", "short", "1/2/2026"])],
            30,
        );
        assert_eq!(l.widths[2], 8);
        assert_eq!(l.widths.iter().sum::<usize>() + 2, 30);
    }

    #[test]
    fn header_and_row() {
        let l = layout(
            &s(&["Key", "N"]),
            &[0, 0],
            &[false, true],
            &[s(&["T-1", "12"])],
            80,
        );
        assert_eq!(header_lines(&l, false), vec!["Key  N", "---  -"]);
        assert_eq!(row_lines(&l, &s(&["T-1", "12"]), false), vec!["T-1 12"]);
    }

    #[test]
    fn wrapped_rows() {
        let l = Layout {
            labels: s(&["A", "B"]),
            widths: vec![3, 3],
            right: vec![false, false],
        };
        assert_eq!(
            row_lines(&l, &s(&["abcdef", "x"]), true),
            vec!["abc x", "def"]
        );
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        // Regression: long values were cut mid-word ("wor" / "d") by -Wrap and Format-List.
        assert_eq!(
            wrap("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
        assert_eq!(wrap("abcdefghij klm", 4), vec!["abcd", "efgh", "ij", "klm"]);
        assert_eq!(wrap("ab  cd", 3), vec!["ab", "cd"]);
        assert_eq!(wrap("   indented", 5), vec!["   in", "dente", "d"]);
        assert_eq!(wrap("a\nb c", 80), vec!["a", "b c"]);
        assert_eq!(wrap("", 5), vec![""]);
        assert_eq!(wrap("a fairly long line", 8), ["a fairly", "long", "line"]);
        assert_eq!(wrap("ab cdefghij", 4), ["ab", "cdef", "ghij"]);
        assert_eq!(wrap("日本語テキスト", 4), ["日本", "語テ", "キス", "ト"]);
    }

    #[test]
    fn list_pads_names_and_continues() {
        let lines = list_lines(
            &[
                ListEntry::of("Key", &Value::str("T-1")),
                ListEntry::of("Summary", &Value::str("a\nb")),
            ],
            80,
            false,
        );
        assert_eq!(lines, vec!["Key     : T-1", "Summary : a", "          b"]);
    }

    #[test]
    fn list_cuts_nested_objects_to_one_line() {
        let mut inner = crate::eval::value::PropMap::new();
        inner.insert("summary", Value::str("x".repeat(200)));
        let nested = Value::record(crate::eval::value::RecordData::custom(inner));
        let long = Value::str("y".repeat(30));
        let lines = list_lines(
            &[
                ListEntry::of("Fields", &nested),
                ListEntry::of("Text", &long),
            ],
            30,
            false,
        );
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(lines[0].starts_with("Fields : "), "{lines:?}");
        assert!(lines[0].ends_with('…'), "{lines:?}");
        assert_eq!(width(&lines[0]), 30);
        assert!(lines[1].starts_with("Text   : yyy"), "{lines:?}");
    }

    #[test]
    fn header_colour_only_when_asked() {
        let l = Layout {
            labels: s(&["A"]),
            widths: vec![1],
            right: vec![false],
        };
        assert_eq!(header_lines(&l, true)[0], "\x1b[32;1mA\x1b[0m");
    }

    #[test]
    fn array_cells() {
        let v = Value::array((1..=6).map(Value::Int).collect());
        assert_eq!(cell_text(&v), "{1, 2, 3, 4…}");
    }
}
