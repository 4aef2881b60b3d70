//! Formatting and output commands: Format-Table, Format-List (which produce text lines, so
//! `| Out-String` and `> file` work), Out-String, Out-Host, Out-Null, Out-File.

use std::io::Write;

use crate::builtins::objects::{parse_props, select_pairs};
use crate::builtins::{Collect, fail, text};
use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, Ty, param};
use crate::cmd::{Bound, Command, FnCommand, Sink};
use crate::eval::Interp;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::value::Value;
use crate::output::{Shape, TermInfo, display_props, format_to_string, group_line, shape, table};

const INPUT: ParamSpec = param("InputObject", Ty::Any)
    .by_value()
    .help("The object to format (usually from the pipeline).");

fn emit_lines(it: &mut Interp, out: &mut dyn Sink, lines: Vec<String>) -> Result<(), Flow> {
    for l in lines {
        out.emit(it, Value::str(l))?;
    }
    Ok(())
}

/// The rows (label, value) an object shows: `-Property` selection, else its view or properties.
fn object_rows(
    it: &mut Interp,
    b: &Bound,
    cmd: &str,
    v: &Value,
) -> Result<Vec<(String, Value)>, Flow> {
    let sels = parse_props(cmd, b, "Property")?;
    if !sels.is_empty() {
        return select_pairs(it, &sels, &[], v);
    }
    if let Value::Record(r) = v {
        let data = r.borrow();
        if let Some(info) = data.info.filter(|i| !i.table_view.is_empty()) {
            return Ok(info
                .table_view
                .iter()
                .map(|(n, _)| {
                    (
                        (*n).to_owned(),
                        data.props.get(n).cloned().unwrap_or_default(),
                    )
                })
                .collect());
        }
    }
    Ok(display_props(v).unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------

const FT_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Any)
        .array()
        .position(0)
        .help("Columns: property names (wildcards allowed) or calculated properties."),
    param("AutoSize", Ty::Switch)
        .help("Sizes columns to their content instead of the type's view widths."),
    param("Wrap", Ty::Switch).help("Wraps long cells onto more lines instead of cutting them."),
    param("HideTableHeaders", Ty::Switch).help("Leaves out the header lines."),
    INPUT,
];

/// `Format-Table`.
pub static FORMAT_TABLE: CmdletSpec = CmdletSpec {
    aliases: &["ft"],
    description: "Formats objects as a table. The output is text lines, so it can be piped to Out-String or redirected to a file. Columns come from the first object.",
    params: FT_PARAMS,
    examples: &[
        Example {
            code: "$issues | Format-Table Key, Summary -AutoSize",
            about: "A two-column table.",
        },
        Example {
            code: "Get-JiraProject | ft Key, Name -HideTableHeaders",
            about: "Rows only.",
        },
    ],
    ..CmdletSpec::new("Format-Table", "Formats objects as a table.", || {
        Box::new(Collect::new(format_table))
    })
};

fn format_table(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let mut labels: Vec<String> = Vec::new();
    let mut fixed: Vec<usize> = Vec::new();
    // Runs of rows under one group line (a view that groups, such as Get-Member's, starts a
    // new table whenever the group changes).
    let mut sections: Vec<(Option<String>, Vec<Vec<String>>)> = Vec::new();
    let mut right: Vec<bool> = Vec::new();
    let mut scalars: Vec<String> = Vec::new();
    let explicit = b.has("Property");
    let mut add_rows = |group: Option<String>, rows: Vec<Vec<String>>| match sections.last_mut() {
        Some((g, r)) if *g == group => r.extend(rows),
        _ => sections.push((group, rows)),
    };
    for v in items.iter().flat_map(|v| v.clone().enumerate()) {
        if let Value::Hashtable(_) = v
            && !explicit
        {
            if let Shape::Row {
                labels: l, rows: r, ..
            } = shape(&v)
            {
                if labels.is_empty() {
                    labels = l;
                    fixed = vec![0, 0];
                    right = vec![false, false];
                }
                add_rows(None, r);
            }
            continue;
        }
        let pairs = object_rows(it, b, "Format-Table", &v)?;
        if pairs.is_empty() {
            scalars.push(text(&v));
            continue;
        }
        if labels.is_empty() {
            labels = pairs.iter().map(|(k, _)| k.clone()).collect();
            right = pairs.iter().map(|(_, v)| table::is_numeric(v)).collect();
            fixed = match (&v, b.switch("AutoSize") || explicit) {
                (Value::Record(r), false) => match r.borrow().info {
                    Some(info) if !info.table_view.is_empty() => info
                        .table_view
                        .iter()
                        .map(|(_, w)| usize::from(*w))
                        .collect(),
                    _ => vec![0; labels.len()],
                },
                _ => vec![0; labels.len()],
            };
        }
        let row = labels
            .iter()
            .map(|l| {
                pairs
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(l))
                    .map(|(_, v)| table::cell_text(v))
                    .unwrap_or_default()
            })
            .collect();
        let group = if explicit { None } else { group_line(&v) };
        add_rows(group, vec![row]);
    }
    let mut lines: Vec<String> = Vec::new();
    for (group, rows) in &sections {
        let layout = table::layout(&labels, &fixed, &right, rows, it.host.term.width);
        lines.push(String::new());
        if let Some(g) = group {
            lines.push(format!("   {g}"));
            lines.push(String::new());
        }
        if !b.switch("HideTableHeaders") {
            lines.extend(table::header_lines(&layout, false));
        }
        for r in rows {
            lines.extend(table::row_lines(&layout, r, b.switch("Wrap")));
        }
    }
    if !sections.is_empty() {
        lines.push(String::new());
    }
    lines.extend(scalars);
    emit_lines(it, out, lines)
}

// ---------------------------------------------------------------------------------------------

const FL_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Any)
        .array()
        .position(0)
        .help("Properties to show (wildcards allowed); all by default."),
    INPUT,
];

/// `Format-List`.
pub static FORMAT_LIST: CmdletSpec = CmdletSpec {
    aliases: &["fl"],
    description: "Formats each object as a list of `Name : value` lines (text output).",
    params: FL_PARAMS,
    examples: &[
        Example {
            code: "Get-JiraIssue TEST-1 | Format-List *",
            about: "Every property of an issue.",
        },
        Example {
            code: "$issue | fl Key, Summary, Description",
            about: "Chosen properties.",
        },
    ],
    ..CmdletSpec::new(
        "Format-List",
        "Formats objects as lists of properties.",
        || Box::new(FormatList::default()),
    )
};

/// `Format-List` streams: each object's block as it arrives, a closing blank line at the end.
#[derive(Default)]
struct FormatList {
    /// A list block was written (so the end adds the closing blank line).
    wrote: bool,
}

impl Command for FormatList {
    fn process(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        format_list(it, b, out, &mut self.wrote)
    }
    fn end(&mut self, it: &mut Interp, _b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        if std::mem::take(&mut self.wrote) {
            out.emit(it, Value::str(""))?;
        }
        Ok(())
    }
}

fn format_list(
    it: &mut Interp,
    b: &Bound,
    out: &mut dyn Sink,
    wrote: &mut bool,
) -> Result<(), Flow> {
    let Some(input) = b.get("InputObject").cloned() else {
        return Ok(());
    };
    for v in input.enumerate() {
        let sels = parse_props("Format-List", b, "Property")?;
        let pairs = if sels.is_empty() {
            match &v {
                Value::Hashtable(h) => h
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.to_owned(), v.clone()))
                    .collect(),
                _ => display_props(&v).unwrap_or_default(),
            }
        } else {
            select_pairs(it, &sels, &[], &v)?
        };
        if pairs.is_empty() {
            if std::mem::take(wrote) {
                out.emit(it, Value::str(""))?;
            }
            out.emit(it, Value::str(text(&v)))?;
            continue;
        }
        let entries: Vec<table::ListEntry> = pairs
            .iter()
            .map(|(k, v)| table::ListEntry::of(k.clone(), v))
            .collect();
        let mut lines = vec![String::new()];
        lines.extend(table::list_lines(&entries, it.host.term.width, false));
        *wrote = true;
        emit_lines(it, out, lines)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

const OUT_STRING_PARAMS: &[ParamSpec] = &[
    param("Stream", Ty::Switch).help("Outputs each line as a separate string."),
    param("Width", Ty::Int).help("Line width (default: the terminal width)."),
    INPUT,
];

/// `Out-String`.
pub static OUT_STRING: CmdletSpec = CmdletSpec {
    description: "Renders objects as the host would print them and outputs the text as one string (or one string per line with -Stream).",
    params: OUT_STRING_PARAMS,
    examples: &[Example {
        code: "$text = $issues | Format-Table Key, Summary | Out-String",
        about: "Keeps a table as text.",
    }],
    ..CmdletSpec::new("Out-String", "Converts objects to text.", || {
        Box::new(Collect::new(out_string))
    })
};

fn term_for(it: &Interp, b: &Bound) -> TermInfo {
    let width = b
        .int("Width")
        .and_then(|w| usize::try_from(w).ok())
        .filter(|w| *w > 0)
        .unwrap_or(it.host.term.width);
    TermInfo::plain(width)
}

fn out_string(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let s = format_to_string(&items, &term_for(it, b));
    if b.switch("Stream") {
        let body = s.strip_suffix('\n').unwrap_or(&s);
        return emit_lines(it, out, body.split('\n').map(str::to_owned).collect());
    }
    out.emit(it, Value::str(s))
}

// ---------------------------------------------------------------------------------------------

/// `Out-Host`.
pub static OUT_HOST: CmdletSpec = CmdletSpec {
    description: "Prints objects to the host now (formatted as at the end of a statement).",
    params: &[
        param("Paging", Ty::Switch).help("Accepted for compatibility; output is not paged."),
        INPUT,
    ],
    examples: &[Example {
        code: "$issues | Out-Host",
        about: "Prints the issues.",
    }],
    ..CmdletSpec::new("Out-Host", "Sends output to the host.", || {
        Box::new(OutHost)
    })
};

struct OutHost;

impl Command for OutHost {
    fn process(&mut self, it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        if let Some(v) = b.get("InputObject") {
            it.host.show(v);
        }
        Ok(())
    }
    fn end(&mut self, it: &mut Interp, _b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        it.host.end_shown();
        Ok(())
    }
}

/// `Out-Null`.
pub static OUT_NULL: CmdletSpec = CmdletSpec {
    description: "Discards its input.",
    params: &[INPUT],
    examples: &[Example {
        code: "Set-JiraIssue TEST-1 -Summary 'x' | Out-Null",
        about: "Ignores the output.",
    }],
    ..CmdletSpec::new("Out-Null", "Discards output.", || {
        Box::new(FnCommand(|_, _, _| Ok(())))
    })
};

// ---------------------------------------------------------------------------------------------

const ENCODINGS: &[&str] = &[
    "utf8",
    "utf8NoBOM",
    "utf8BOM",
    "ascii",
    "unicode",
    "default",
    "oem",
];

const OUT_FILE_PARAMS: &[ParamSpec] = &[
    param("FilePath", Ty::Path)
        .aliases(&["Path"])
        .mandatory()
        .position(0)
        .help("File to write."),
    param("Append", Ty::Switch).help("Adds to the end of the file instead of replacing it."),
    param("Encoding", Ty::Str)
        .values(ENCODINGS)
        .help("Accepted for compatibility; files are always UTF-8."),
    param("Width", Ty::Int).help("Line width (default: the terminal width)."),
    param("NoClobber", Ty::Switch).help("Fails instead of overwriting an existing file."),
    param("Force", Ty::Switch).help("Accepted for compatibility."),
    INPUT,
];

/// `Out-File`.
pub static OUT_FILE: CmdletSpec = CmdletSpec {
    description: "Writes objects to a file as the host would print them (UTF-8).",
    params: OUT_FILE_PARAMS,
    examples: &[Example {
        code: "$issues | Out-File issues.txt",
        about: "Saves the issue table as text.",
    }],
    ..CmdletSpec::new("Out-File", "Sends output to a file.", || {
        Box::new(Collect::new(out_file))
    })
};

fn out_file(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    _out: &mut dyn Sink,
) -> Result<(), Flow> {
    let path = b.str("FilePath").unwrap_or_default();
    let s = format_to_string(&items, &term_for(it, b));
    write_file(
        "Out-File",
        &path,
        &s,
        b.switch("Append"),
        b.switch("NoClobber"),
    )
}

/// Writes (or appends) text to a file; errors name the file.
pub fn write_file(
    cmd: &str,
    path: &str,
    s: &str,
    append: bool,
    no_clobber: bool,
) -> Result<(), Flow> {
    let path = crate::builtins::io::expand_home(path);
    if no_clobber && !append && std::path::Path::new(&path).exists() {
        return Err(fail(
            cmd,
            ErrorCategory::InvalidOperation,
            format!("The file '{path}' already exists."),
        ));
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(&path);
    let res = file.and_then(|mut f| f.write_all(s.as_bytes()));
    res.map_err(|e| {
        fail(
            cmd,
            ErrorCategory::InvalidOperation,
            format!("Could not write '{path}': {e}."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{n, p, run, texts};
    use crate::eval::value::{PropMap, RecordData};

    fn rec(pairs: &[(&str, Value)]) -> Value {
        let mut m = PropMap::new();
        for (k, v) in pairs {
            m.insert(k, v.clone());
        }
        Value::record(RecordData::custom(m))
    }

    fn items() -> Vec<Value> {
        vec![
            rec(&[
                ("Key", "T-1".into()),
                ("Summary", "Short".into()),
                ("Votes", Value::Int(3)),
            ]),
            rec(&[
                ("Key", "TEST-22".into()),
                ("Summary", "Longer summary".into()),
                ("Votes", Value::Int(12)),
            ]),
        ]
    }

    #[test]
    fn format_table_autosizes_from_all_rows() {
        let out = run(
            &FORMAT_TABLE,
            vec![p(Value::array(vec!["Key".into(), "Votes".into()]))],
            Some(items()),
        )
        .unwrap();
        assert_eq!(
            texts(&out),
            [
                "",
                "Key     Votes",
                "---     -----",
                "T-1         3",
                "TEST-22    12",
                ""
            ]
        );
    }

    #[test]
    fn format_table_hide_headers() {
        let out = run(
            &FORMAT_TABLE,
            vec![p("Key"), n("HideTableHeaders")],
            Some(items()),
        )
        .unwrap();
        assert_eq!(texts(&out), ["", "T-1", "TEST-22", ""]);
    }

    #[test]
    fn format_list_lines() {
        let out = run(
            &FORMAT_LIST,
            vec![p(Value::array(vec!["Key".into(), "Summary".into()]))],
            Some(items()[..1].to_vec()),
        )
        .unwrap();
        assert_eq!(texts(&out), ["", "Key     : T-1", "Summary : Short", ""]);
    }

    #[test]
    fn out_string_and_stream() {
        let out = run(&OUT_STRING, vec![], Some(vec!["a".into(), Value::Int(1)])).unwrap();
        assert_eq!(texts(&out), ["a\n1\n"]);
        let out = run(
            &OUT_STRING,
            vec![n("Stream")],
            Some(vec!["a".into(), Value::Int(1)]),
        )
        .unwrap();
        assert_eq!(texts(&out), ["a", "1"]);
    }

    #[test]
    fn out_file_writes_and_appends() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("o.txt");
        let path = f.to_string_lossy().to_string();
        run(&OUT_FILE, vec![p(path.as_str())], Some(vec!["one".into()])).unwrap();
        run(
            &OUT_FILE,
            vec![p(path.as_str()), n("Append")],
            Some(vec!["two".into()]),
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "one\ntwo\n");
    }

    #[test]
    fn out_null_discards() {
        assert!(
            run(&OUT_NULL, vec![], Some(vec!["x".into()]))
                .unwrap()
                .is_empty()
        );
    }
}
