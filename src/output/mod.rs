//! Rendering values for people: tables, lists, colour, terminal width, redirection.
//! Terminal facts are decided once ([`TermInfo`]) and passed in, so output never depends on
//! the terminal a test happens to run in.
//!
//! [`OutDefault`] is the host's formatter (`language.md` §6): it streams, printing each object
//! as it arrives, except that a table without a view holds its first rows back for a moment to
//! size its columns to them (as PowerShell does); a type's view prints at once.
//! The layout primitives live in [`table`].

pub mod table;

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::eval::convert;
use crate::eval::error::ErrorRecord;
use crate::eval::value::{PropMap, Value};

/// Facts about where output goes, decided once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct TermInfo {
    /// Use ANSI colour.
    pub color: bool,
    /// Width in columns for tables.
    pub width: usize,
    /// stdin and stdout are a terminal (interactive shell).
    pub interactive: bool,
    /// stdout is a terminal (someone watches the output as it comes, whatever feeds stdin).
    pub tty: bool,
}

impl TermInfo {
    /// Plain output of the given width: no colour, not interactive (tests, redirection).
    pub fn plain(width: usize) -> TermInfo {
        TermInfo {
            color: false,
            width,
            interactive: false,
            tty: false,
        }
    }
}

/// The host: the output and error streams plus terminal facts, and the default formatter
/// that prints the objects reaching it ([`Host::show`]). Every other write through the host
/// first releases the rows that formatter holds back, so output keeps its order.
pub struct Host {
    /// Standard output. Write through [`Host::line`] or call [`Host::release`] first, so
    /// that table rows held back by the formatter come out before what you write.
    pub out: Box<dyn Write>,
    /// Standard error (same rule as `out`).
    pub err: Box<dyn Write>,
    /// Terminal facts.
    pub term: TermInfo,
    /// The formatter of the objects shown on this host.
    shown: OutDefault,
}

/// A writer into a shared buffer (what [`Host::capture`] hands out).
#[derive(Clone, Default)]
pub struct SharedBuf(pub Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The text a captured [`Host`] wrote.
#[derive(Clone, Default)]
pub struct Captured {
    out: SharedBuf,
    err: SharedBuf,
}

impl Captured {
    /// Everything written to standard output so far.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.0.borrow()).into_owned()
    }
    /// Everything written to standard error so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.err.0.borrow()).into_owned()
    }
    /// Forgets what was written so far.
    pub fn clear(&self) {
        self.out.0.borrow_mut().clear();
        self.err.0.borrow_mut().clear();
    }
}

impl Host {
    /// The process's standard output and error.
    pub fn stdio(term: TermInfo) -> Host {
        Host {
            out: Box::new(std::io::stdout()),
            err: Box::new(std::io::stderr()),
            term,
            shown: OutDefault::new(),
        }
    }
    /// A host writing into memory; the [`Captured`] handle reads what was written.
    pub fn capture(term: TermInfo) -> (Host, Captured) {
        let cap = Captured::default();
        let host = Host {
            out: Box::new(cap.out.clone()),
            err: Box::new(cap.err.clone()),
            term,
            shown: OutDefault::new(),
        };
        (host, cap)
    }
    /// Writes one line to standard output (I/O errors such as a closed pipe are ignored:
    /// output is best effort and must not end the shell).
    pub fn line(&mut self, s: &str) {
        self.release();
        let _ = writeln!(self.out, "{s}");
    }
    /// Writes one line to standard error (errors ignored, as for [`Host::line`]).
    pub fn err_line(&mut self, s: &str) {
        self.release();
        let _ = writeln!(self.err, "{s}");
    }
    /// Prints an object through the default formatter (`Out-Default`).
    pub fn show(&mut self, v: &Value) {
        self.shown.push(&mut *self.out, &self.term, v);
    }
    /// Ends what the formatter printed (a table or list is closed by a blank line): the next
    /// object shown starts afresh. Called at the end of each top-level statement.
    pub fn end_shown(&mut self) {
        self.shown.finish(&mut *self.out, &self.term);
    }
    /// Prints the table rows the formatter holds back to size the columns. Call this before
    /// writing to `out` or `err` directly, prompting, or swapping `out`.
    pub fn release(&mut self) {
        self.shown.release(&mut *self.out, &self.term);
    }
    /// Releases held rows and flushes both streams.
    pub fn flush(&mut self) {
        self.release();
        let _ = self.out.flush();
        let _ = self.err.flush();
    }
    /// Swaps in another formatter (for `> file`: the redirected output has its own), giving
    /// back the old one. Release first, so nothing held is printed to the wrong place.
    pub fn swap_shown(&mut self, other: OutDefault) -> OutDefault {
        std::mem::replace(&mut self.shown, other)
    }
}

/// The colour decision from the environment: never when `NO_COLOR` is set (to anything,
/// `language.md` §6), else when `CLICOLOR_FORCE` is set and not `0`, else only on a terminal
/// whose `TERM` is not `dumb`.
pub fn wants_color(
    stdout_tty: bool,
    no_color: Option<&str>,
    clicolor_force: Option<&str>,
    term: Option<&str>,
) -> bool {
    if no_color.is_some() {
        return false;
    }
    if clicolor_force.is_some_and(|v| v != "0") {
        return true;
    }
    stdout_tty && term != Some("dumb")
}

/// Decides the terminal facts once: colour per [`wants_color`]; width from `COLUMNS`, else the
/// terminal size, else 120. Applies the colour decision to `colored`.
pub fn detect_term() -> TermInfo {
    let stdout_tty = std::io::stdout().is_terminal();
    let env = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
    let color = wants_color(
        stdout_tty,
        env("NO_COLOR").as_deref(),
        env("CLICOLOR_FORCE").as_deref(),
        env("TERM").as_deref(),
    );
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .or_else(|| {
            if stdout_tty {
                comfy_table::Table::new().width().map(usize::from)
            } else {
                None
            }
        })
        .unwrap_or(120);
    colored::control::set_override(color);
    TermInfo {
        color,
        width,
        interactive: stdout_tty && std::io::stdin().is_terminal(),
        tty: stdout_tty,
    }
}

fn paint(s: &str, code: &str, color: bool) -> String {
    if color {
        format!("{code}{s}{}", table::RESET)
    } else {
        s.to_owned()
    }
}

/// Prints an error record as `Cmd: message` (plus an indented hint line), red on a colour
/// terminal, to standard error.
pub fn print_error(host: &mut Host, rec: &ErrorRecord) {
    let color = host.term.color;
    let text = paint(&rec.to_string(), "\x1b[31;1m", color);
    host.err_line(&text);
    if let Some(h) = &rec.hint {
        host.err_line(&format!("  {h}"));
    }
}

/// Prints `WARNING: msg` (yellow).
pub fn print_warning(host: &mut Host, msg: &str) {
    let text = paint(&format!("WARNING: {msg}"), "\x1b[33;1m", host.term.color);
    host.err_line(&text);
}

/// Prints `VERBOSE: msg` (cyan).
pub fn print_verbose(host: &mut Host, msg: &str) {
    let text = paint(&format!("VERBOSE: {msg}"), "\x1b[36m", host.term.color);
    host.err_line(&text);
}

/// Prints `DEBUG: msg` (yellow, not bold).
pub fn print_debug(host: &mut Host, msg: &str) {
    let text = paint(&format!("DEBUG: {msg}"), "\x1b[33m", host.term.color);
    host.err_line(&text);
}

/// How one object is shown.
pub enum Shape {
    /// A line of text.
    Text(String),
    /// A table row; consecutive rows with the same `sig` share a header.
    Row {
        /// Identifies the table (type, columns and group).
        sig: String,
        /// The group line above the table (`TypeName: System.String`), if the view groups.
        group: Option<String>,
        /// Column headers.
        labels: Vec<String>,
        /// View widths (0 = automatic).
        fixed: Vec<usize>,
        /// Right-aligned columns.
        right: Vec<bool>,
        /// Cell values as text, one per row (hashtables give several rows).
        rows: Vec<Vec<String>>,
    },
    /// A list block (`Name : value` lines).
    List(Vec<table::ListEntry>),
    /// Nothing (`$null`).
    Nothing,
}

/// The display properties of a value that prints as a table or list, or `None` for scalars.
pub fn display_props(v: &Value) -> Option<Vec<(String, Value)>> {
    match v {
        Value::Record(r) => Some(
            r.borrow()
                .props
                .iter()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect(),
        ),
        Value::Credential(c) => Some(vec![
            ("UserName".into(), Value::str(c.user.as_str())),
            (
                "Password".into(),
                Value::str("System.Security.SecureString"),
            ),
        ]),
        _ => None,
    }
}

/// The group line of a record whose type's view groups (`TypeName: System.String`).
pub fn group_line(v: &Value) -> Option<String> {
    let Value::Record(r) = v else {
        return None;
    };
    let data = r.borrow();
    let prop = data.info?.group_by?;
    let value = data.props.get(prop).map(convert::to_string)?;
    Some(format!("{prop}: {value}"))
}

/// Decides how a single value is shown by the default formatter.
pub fn shape(v: &Value) -> Shape {
    match v {
        Value::Null => Shape::Nothing,
        Value::Hashtable(h) => {
            let h = h.borrow();
            let rows = h
                .iter()
                .map(|(k, v)| vec![k.to_owned(), table::cell_text(v)])
                .collect();
            Shape::Row {
                sig: "hashtable".into(),
                group: None,
                labels: vec!["Name".into(), "Value".into()],
                fixed: vec![30, 0],
                right: vec![false, false],
                rows,
            }
        }
        Value::Record(r) => {
            let data = r.borrow();
            if let Some(info) = data.info.filter(|i| !i.table_view.is_empty()) {
                let labels: Vec<String> = info
                    .table_view
                    .iter()
                    .map(|(n, _)| (*n).to_owned())
                    .collect();
                let cells: Vec<Value> = info
                    .table_view
                    .iter()
                    .map(|(n, _)| data.props.get(n).cloned().unwrap_or_default())
                    .collect();
                drop(data);
                let group = group_line(v);
                return Shape::Row {
                    sig: format!("view:{}|{}", info.name, group.as_deref().unwrap_or("")),
                    group,
                    fixed: info
                        .table_view
                        .iter()
                        .map(|(_, w)| usize::from(*w))
                        .collect(),
                    right: cells.iter().map(table::is_numeric).collect(),
                    rows: vec![cells.iter().map(table::cell_text).collect()],
                    labels,
                };
            }
            drop(data);
            props_shape(v)
        }
        Value::Credential(_) => props_shape(v),
        Value::Array(a) => {
            let items = a.borrow();
            Shape::Text(
                items
                    .iter()
                    .map(convert::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        }
        Value::DateTime(d) => Shape::Text(convert::format_date(d, convert::DATE_DISPLAY)),
        other => Shape::Text(convert::to_string(other)),
    }
}

fn props_shape(v: &Value) -> Shape {
    let props = display_props(v).unwrap_or_default();
    if props.is_empty() {
        return Shape::Nothing;
    }
    if props.len() >= 5 {
        return Shape::List(
            props
                .iter()
                .map(|(k, v)| table::ListEntry::of(k.clone(), v))
                .collect(),
        );
    }
    let labels: Vec<String> = props.iter().map(|(k, _)| k.clone()).collect();
    Shape::Row {
        sig: format!("{}|{}", v.type_name(), labels.join("|")),
        group: None,
        fixed: vec![0; labels.len()],
        right: props.iter().map(|(_, v)| table::is_numeric(v)).collect(),
        rows: vec![props.iter().map(|(_, v)| table::cell_text(v)).collect()],
        labels,
    }
}

/// How long the formatter may hold rows of a table without a view before printing them, on
/// a terminal, whatever feeds stdin (PowerShell's `Out-Default` waits the same 300 ms to size
/// the columns).
pub const HOLD_FOR: Duration = Duration::from_millis(300);
/// The same when output is redirected (not a terminal, or `> file`): longer, so that what a
/// script writes to a file does not depend on a moment's delay, yet a slow script's log still
/// fills as it goes.
pub const HOLD_FOR_REDIRECTED: Duration = Duration::from_secs(2);
/// How many rows it may hold.
pub const HOLD_ROWS: usize = 1000;

/// Arrays nested deeper than this print as their string form rather than element by element
/// (an array can hold itself).
const MAX_ARRAY_NESTING: usize = 8;

/// What the formatter printed last (decides headers and blank lines).
enum Mode {
    None,
    /// Rows of a table without a view, held until their column widths are known.
    Held {
        sig: String,
        group: Option<String>,
        labels: Vec<String>,
        fixed: Vec<usize>,
        right: Vec<bool>,
        rows: Vec<Vec<String>>,
        since: Instant,
        /// A blank line goes before the header (none was printed closing a group).
        lead: bool,
    },
    Table {
        sig: String,
        layout: table::Layout,
    },
    List,
}

fn put(out: &mut dyn Write, s: &str) {
    let _ = writeln!(out, "{s}");
}

/// The host's default formatter (`Out-Default`). Scalars and lists print as they arrive. A
/// table's column widths come from the rows it has seen when it starts printing: a table
/// without a view holds its rows back for up to [`HOLD_FOR`] on a terminal,
/// [`HOLD_FOR_REDIRECTED`] otherwise (or [`HOLD_ROWS`] rows, or until something else is
/// printed or the output ends), so a later, wider cell is not cut; rows after that use the
/// widths fixed then. A typed view with fixed widths prints at once. Every table and list has
/// one blank line before and one after it; a grouped view (Get-Member's `TypeName:`) prints
/// its group line between two blank lines above the header.
pub struct OutDefault {
    mode: Mode,
    /// Output goes to a file (`> file`), whatever the terminal.
    to_file: bool,
}

impl Default for OutDefault {
    fn default() -> Self {
        Self::new()
    }
}

impl OutDefault {
    /// A formatter with nothing printed yet.
    pub fn new() -> Self {
        OutDefault {
            mode: Mode::None,
            to_file: false,
        }
    }

    /// A formatter for output redirected to a file: it holds rows as long as any redirected
    /// output does.
    pub fn for_file() -> Self {
        OutDefault {
            to_file: true,
            ..Self::new()
        }
    }

    fn hold_for(&self, term: &TermInfo) -> Duration {
        if term.tty && !self.to_file {
            HOLD_FOR
        } else {
            HOLD_FOR_REDIRECTED
        }
    }

    /// Prints held rows (if any) under a header sized to them; the table stays open.
    pub fn release(&mut self, out: &mut dyn Write, term: &TermInfo) {
        if !matches!(self.mode, Mode::Held { .. }) {
            return;
        }
        let Mode::Held {
            sig,
            group,
            labels,
            fixed,
            right,
            rows,
            lead,
            ..
        } = std::mem::replace(&mut self.mode, Mode::None)
        else {
            return;
        };
        if lead {
            put(out, "");
        }
        let layout = table::layout(&labels, &fixed, &right, &rows, term.width);
        header(out, term, group.as_deref(), &layout);
        for r in &rows {
            for l in table::row_lines(&layout, r, false) {
                put(out, &l);
            }
        }
        self.mode = Mode::Table { sig, layout };
    }

    /// Closes a table or list with a blank line; true when one was written.
    fn end_group(&mut self, out: &mut dyn Write, term: &TermInfo) -> bool {
        self.release(out, term);
        let wrote = !matches!(self.mode, Mode::None);
        if wrote {
            put(out, "");
        }
        self.mode = Mode::None;
        wrote
    }

    /// Prints one object (arrays print element by element, nested ones too).
    pub fn push(&mut self, out: &mut dyn Write, term: &TermInfo, v: &Value) {
        self.push_nested(out, term, v, 0);
    }

    fn push_nested(&mut self, out: &mut dyn Write, term: &TermInfo, v: &Value, depth: usize) {
        if let Value::Array(a) = v {
            if depth >= MAX_ARRAY_NESTING {
                self.show_shape(out, term, Shape::Text(convert::to_string(v)));
                return;
            }
            let items = a.borrow().clone();
            for it in &items {
                self.push_nested(out, term, it, depth + 1);
            }
            return;
        }
        self.show_shape(out, term, shape(v));
    }

    fn show_shape(&mut self, out: &mut dyn Write, term: &TermInfo, shape: Shape) {
        match shape {
            Shape::Nothing => {}
            Shape::Text(t) => {
                self.end_group(out, term);
                put(out, &t);
            }
            Shape::List(entries) => {
                let separated = !matches!(self.mode, Mode::List) && self.end_group(out, term);
                if !separated {
                    put(out, "");
                }
                for l in table::list_lines(&entries, term.width, term.color) {
                    put(out, &l);
                }
                self.mode = Mode::List;
            }
            Shape::Row {
                sig,
                group,
                labels,
                fixed,
                right,
                rows,
            } => {
                let hold_for = self.hold_for(term);
                if let Mode::Held {
                    sig: s,
                    rows: held,
                    since,
                    ..
                } = &mut self.mode
                    && *s == sig
                {
                    held.extend(rows);
                    if held.len() >= HOLD_ROWS || since.elapsed() >= hold_for {
                        self.release(out, term);
                    }
                    return;
                }
                let same = matches!(&self.mode, Mode::Table { sig: s, .. } if *s == sig);
                if !same {
                    let separated = self.end_group(out, term);
                    if !fixed.iter().any(|&w| w > 0) {
                        self.mode = Mode::Held {
                            sig,
                            group,
                            labels,
                            fixed,
                            right,
                            rows,
                            since: Instant::now(),
                            lead: !separated,
                        };
                        return;
                    }
                    if !separated {
                        put(out, "");
                    }
                    let layout = table::layout(&labels, &fixed, &right, &rows, term.width);
                    header(out, term, group.as_deref(), &layout);
                    self.mode = Mode::Table { sig, layout };
                }
                if let Mode::Table { layout, .. } = &self.mode {
                    for r in &rows {
                        for l in table::row_lines(layout, r, false) {
                            put(out, &l);
                        }
                    }
                }
            }
        }
    }

    /// Ends the output (closing blank line after a table or list).
    pub fn finish(&mut self, out: &mut dyn Write, term: &TermInfo) {
        self.end_group(out, term);
        let _ = out.flush();
    }
}

/// A table's group line (if its view groups), then its header.
fn header(out: &mut dyn Write, term: &TermInfo, group: Option<&str>, layout: &table::Layout) {
    if let Some(g) = group {
        put(out, &format!("   {g}"));
        put(out, "");
    }
    for l in table::header_lines(layout, term.color) {
        put(out, &l);
    }
}

/// Formats values exactly as the host would print them (`Out-String`).
pub fn format_to_string(values: &[Value], term: &TermInfo) -> String {
    let (mut host, cap) = Host::capture(TermInfo {
        color: false,
        ..*term
    });
    for v in values {
        host.show(v);
    }
    host.end_shown();
    cap.stdout()
}

/// A hashtable or record's properties as a [`PropMap`] (empty for other values).
pub fn props_of(v: &Value) -> PropMap {
    match v {
        Value::Record(r) => r.borrow().props.clone(),
        Value::Hashtable(h) => h.borrow().clone(),
        _ => PropMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::value::{RecordData, TypeInfo};

    fn rec(pairs: &[(&str, Value)]) -> Value {
        let mut p = PropMap::new();
        for (k, v) in pairs {
            p.insert(k, v.clone());
        }
        Value::record(RecordData::custom(p))
    }

    fn render(values: &[Value], width: usize) -> String {
        format_to_string(values, &TermInfo::plain(width))
    }

    #[test]
    fn scalars_print_as_themselves() {
        assert_eq!(
            render(&["a".into(), Value::Int(3), Value::Null], 80),
            "a\n3\n"
        );
    }

    #[test]
    fn small_records_print_as_one_table() {
        let a = rec(&[("Key", "T-1".into()), ("Summary", "first".into())]);
        let b = rec(&[
            ("Key", "T-22".into()),
            ("Summary", "second one is long".into()),
        ]);
        assert_eq!(
            render(&[a, b], 80),
            "\nKey  Summary\n---  -------\nT-1  first\nT-22 second one is long\n\n"
        );
    }

    #[test]
    fn widths_come_from_the_held_rows() {
        // Regression: widths were taken from the first object alone, so a later, longer key
        // printed as `TE…` and a number as `…`.
        let a = rec(&[("Key", "T-1".into()), ("N", Value::Int(5))]);
        let b = rec(&[("Key", "TEST-100".into()), ("N", Value::Int(12345))]);
        let out = render(&[a, b], 80);
        assert_eq!(
            out,
            "\nKey          N\n---          -\nT-1          5\nTEST-100 12345\n\n"
        );
    }

    #[test]
    fn list_after_table_and_table_after_list_are_separated_once() {
        let t = rec(&[("A", "1".into())]);
        let l = rec(&[
            ("a", Value::Int(1)),
            ("b", Value::Int(2)),
            ("c", Value::Int(3)),
            ("d", Value::Int(4)),
            ("e", Value::Int(5)),
        ]);
        assert_eq!(
            render(&[t.clone(), l, t], 80),
            "\nA\n-\n1\n\na : 1\nb : 2\nc : 3\nd : 4\ne : 5\n\nA\n-\n1\n\n"
        );
    }

    #[test]
    fn redirected_output_holds_rows_longer_than_a_watched_terminal() {
        let term = TermInfo {
            tty: true,
            ..TermInfo::plain(80)
        };
        assert_eq!(OutDefault::new().hold_for(&term), HOLD_FOR);
        assert_eq!(OutDefault::for_file().hold_for(&term), HOLD_FOR_REDIRECTED);
        assert_eq!(
            OutDefault::new().hold_for(&TermInfo::plain(80)),
            HOLD_FOR_REDIRECTED
        );
    }

    #[test]
    fn other_output_releases_held_rows_first() {
        let (mut host, cap) = Host::capture(TermInfo::plain(80));
        host.show(&rec(&[("N", Value::Int(1))]));
        assert_eq!(cap.stdout(), "", "the row is held");
        host.err_line("note");
        assert_eq!(cap.stdout(), "\nN\n-\n1\n");
        host.show(&rec(&[("N", Value::Int(2))]));
        host.line("text");
        host.end_shown();
        // The table stays open across the writes: one header, closed at the end.
        assert_eq!(cap.stdout(), "\nN\n-\n1\n2\ntext\n\n");
        assert_eq!(cap.stderr(), "note\n");
    }

    #[test]
    fn at_most_hold_rows_are_held() {
        let (mut host, cap) = Host::capture(TermInfo::plain(80));
        for _ in 0..HOLD_ROWS - 1 {
            host.show(&rec(&[("N", Value::Int(1))]));
        }
        assert_eq!(cap.stdout(), "");
        host.show(&rec(&[("N", Value::Int(1))]));
        let printed = cap.stdout();
        assert_eq!(printed.lines().count(), 3 + HOLD_ROWS, "{printed}");
        // Later rows use the widths fixed then.
        host.show(&rec(&[("N", Value::Int(100))]));
        assert!(cap.stdout().ends_with("\n…\n"), "{}", cap.stdout());
    }

    #[test]
    fn a_view_prints_at_once() {
        let (mut host, cap) = Host::capture(TermInfo::plain(30));
        let mut p = PropMap::new();
        p.insert("Key", "TEST-1".into());
        host.show(&Value::record(RecordData::typed(&ISSUE_INFO, p)));
        assert!(cap.stdout().contains("TEST-1"), "{}", cap.stdout());
    }

    #[test]
    fn redirect_swap_keeps_formatters_apart() {
        let (mut host, cap) = Host::capture(TermInfo::plain(80));
        host.show(&rec(&[("A", Value::Int(1))]));
        host.release();
        let outer = host.swap_shown(OutDefault::new());
        host.show(&rec(&[("B", Value::Int(2))]));
        host.end_shown();
        host.swap_shown(outer);
        host.show(&rec(&[("A", Value::Int(3))]));
        host.end_shown();
        assert_eq!(cap.stdout(), "\nA\n-\n1\n\nB\n-\n2\n\n3\n\n");
    }

    #[test]
    fn five_properties_print_as_list() {
        let r = rec(&[
            ("a", Value::Int(1)),
            ("bb", Value::Int(2)),
            ("c", Value::Int(3)),
            ("d", Value::Int(4)),
            ("e", Value::Int(5)),
        ]);
        assert_eq!(
            render(&[r.clone(), r], 80),
            "\na  : 1\nbb : 2\nc  : 3\nd  : 4\ne  : 5\n\na  : 1\nbb : 2\nc  : 3\nd  : 4\ne  : 5\n\n"
        );
    }

    #[test]
    fn type_change_starts_new_table() {
        let a = rec(&[("A", "1".into())]);
        let b = rec(&[("B", "2".into())]);
        assert_eq!(render(&[a, b], 80), "\nA\n-\n1\n\nB\n-\n2\n\n");
    }

    #[test]
    fn text_after_table_ends_it() {
        let a = rec(&[("A", "1".into())]);
        assert_eq!(render(&[a, "x".into()], 80), "\nA\n-\n1\n\nx\n");
    }

    #[test]
    fn hashtable_prints_name_value() {
        let mut p = PropMap::new();
        p.insert("k", Value::Int(1));
        let out = render(&[Value::hashtable(p)], 80);
        assert_eq!(
            out,
            format!(
                "\nName{}Value\n----{}-----\nk{}1\n\n",
                " ".repeat(27),
                " ".repeat(27),
                " ".repeat(30)
            )
        );
    }

    fn issue_str(_: &RecordData) -> String {
        "issue".into()
    }

    static ISSUE_INFO: TypeInfo = TypeInfo {
        name: "AtlassianPS.JiraPS.Issue",
        also: &[],
        to_string: issue_str,
        identity: Some("Key"),
        table_view: &[("Key", 8), ("Summary", 0), ("Status", 6)],
        group_by: None,
    };

    #[test]
    fn view_columns_and_cutting() {
        let mut p = PropMap::new();
        p.insert("Key", "TEST-1".into());
        p.insert("Summary", "A rather long summary text".into());
        p.insert("Status", "In Progress".into());
        p.insert("Extra", "hidden".into());
        let v = Value::record(RecordData::typed(&ISSUE_INFO, p));
        let out = render(&[v], 30);
        assert_eq!(
            out,
            "\nKey      Summary        Status\n---      -------        ------\nTEST-1   A rather long… In Pr…\n\n"
        );
    }

    #[test]
    fn arrays_in_cells_use_braces() {
        let a = rec(&[("L", Value::array(vec!["a".into(), "b".into()]))]);
        assert_eq!(render(&[a], 80), "\nL\n-\n{a, b}\n\n");
    }

    #[test]
    fn error_and_warning_text() {
        let (mut host, cap) = Host::capture(TermInfo::plain(80));
        print_error(
            &mut host,
            &ErrorRecord::new("Issue Does Not Exist")
                .command("Get-JiraIssue")
                .hint("check the key"),
        );
        print_warning(&mut host, "careful");
        print_verbose(&mut host, "v");
        print_debug(&mut host, "d");
        assert_eq!(
            cap.stderr(),
            "Get-JiraIssue: Issue Does Not Exist\n  check the key\nWARNING: careful\nVERBOSE: v\nDEBUG: d\n"
        );
        assert_eq!(cap.stdout(), "");
    }

    #[test]
    fn no_color_always_wins() {
        // Regression: CLICOLOR_FORCE turned colour on even with NO_COLOR set.
        assert!(!wants_color(true, Some("1"), Some("1"), Some("xterm")));
        assert!(!wants_color(true, Some("1"), None, None));
        assert!(!wants_color(true, Some(""), None, Some("xterm")));
        assert!(wants_color(false, None, Some("1"), None));
        assert!(!wants_color(false, None, Some("0"), None));
        assert!(!wants_color(false, None, None, None), "redirected");
        assert!(!wants_color(true, None, None, Some("dumb")));
        assert!(wants_color(true, None, None, None));
    }

    #[test]
    fn error_is_red_with_colour() {
        let (mut host, cap) = Host::capture(TermInfo {
            color: true,
            width: 80,
            interactive: false,
            tty: false,
        });
        print_error(&mut host, &ErrorRecord::new("x"));
        assert_eq!(cap.stderr(), "\x1b[31;1mx\x1b[0m\n");
    }
}
