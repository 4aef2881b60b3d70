//! Data conversion commands: ConvertTo-/ConvertFrom-Json, ConvertTo-/ConvertFrom-Csv,
//! Export-/Import-Csv.
//!
//! Secrets never leave as data: a secure string serialises as `null`, and a credential as
//! `{"UserName": …, "Password": null}`.

use serde_json::{Map, Value as Json};

use crate::builtins::format::write_file;
use crate::builtins::io::expand_home;
use crate::builtins::{Collect, fail, make_record, prop_names, text};
use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, Ty, param};
use crate::cmd::{Bound, Command, Sink};
use crate::eval::Interp;
use crate::eval::convert;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::value::{PropMap, Value};

const INPUT: ParamSpec = param("InputObject", Ty::Any)
    .position(0)
    .by_value()
    .help("The object to convert (usually from the pipeline).");

// ---------------------------------------------------------------------------------------------
// JSON

/// Converts a value to JSON. Objects nested deeper than `max` become their string form
/// (PowerShell's `-Depth`); `truncated` is set when that happened.
pub fn to_json(v: &Value, level: i64, max: i64, truncated: &mut bool) -> Json {
    let nested = |x: &Value, t: &mut bool| to_json(x, level + 1, max, t);
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Double(d) => serde_json::Number::from_f64(*d).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Record(_) | Value::Hashtable(_) | Value::Array(_) if level > max => {
            *truncated = true;
            Json::String(convert::to_string(v))
        }
        Value::Array(a) => Json::Array(a.borrow().iter().map(|x| nested(x, truncated)).collect()),
        Value::Hashtable(h) => {
            let h = h.borrow();
            Json::Object(
                h.iter()
                    .map(|(k, x)| (k.to_owned(), nested(x, truncated)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Record(r) => {
            let r = r.borrow();
            Json::Object(
                r.props
                    .iter()
                    .map(|(k, x)| (k.to_owned(), nested(x, truncated)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::DateTime(d) => Json::String(d.ts.display_with_offset(d.offset).to_string()),
        Value::TimeSpan(_) | Value::ScriptBlock(_) | Value::Type(_) => {
            Json::String(convert::to_string(v))
        }
        // Secrets are never serialised.
        Value::SecureString(_) => Json::Null,
        Value::Credential(c) => {
            let mut m = Map::new();
            m.insert("UserName".into(), Json::String(c.user.clone()));
            m.insert("Password".into(), Json::Null);
            Json::Object(m)
        }
    }
}

/// Converts parsed JSON to a value: objects become records (or hashtables), arrays arrays.
pub fn from_json(j: &Json, as_hashtable: bool) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Double(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
        Json::String(s) => Value::str(s.as_str()),
        Json::Array(a) => Value::array(a.iter().map(|x| from_json(x, as_hashtable)).collect()),
        Json::Object(m) => {
            let mut props = PropMap::with_capacity(m.len());
            for (k, x) in m {
                props.insert(k, from_json(x, as_hashtable));
            }
            if as_hashtable {
                Value::hashtable(props)
            } else {
                Value::record(crate::eval::value::RecordData::custom(props))
            }
        }
    }
}

const TO_JSON_PARAMS: &[ParamSpec] = &[
    param("Depth", Ty::Int)
        .help("How many levels of nested objects to include (default 2); deeper ones become text."),
    param("Compress", Ty::Switch).help("Omits white space."),
    param("AsArray", Ty::Switch).help("Outputs a JSON array even for one object."),
    INPUT,
];

/// `ConvertTo-Json`.
pub static CONVERTTO_JSON: CmdletSpec = CmdletSpec {
    description: "Converts objects to JSON text (2-space indentation, or one line with -Compress). Several pipeline objects become one array. Secure strings and passwords are written as null.",
    params: TO_JSON_PARAMS,
    examples: &[
        Example {
            code: "Get-JiraIssue TEST-1 | Select-Object Key, Summary | ConvertTo-Json",
            about: "An issue's key and summary as JSON.",
        },
        Example {
            code: "@{ a = 1; b = @(1, 2) } | ConvertTo-Json -Compress",
            about: "One-line JSON.",
        },
    ],
    ..CmdletSpec::new("ConvertTo-Json", "Converts objects to JSON.", || {
        Box::new(Collect::new(convert_to_json))
    })
};

fn convert_to_json(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    if items.is_empty() {
        return Ok(());
    }
    let depth = b.int("Depth").unwrap_or(2);
    if !(0..=100).contains(&depth) {
        return Err(fail(
            "ConvertTo-Json",
            ErrorCategory::InvalidArgument,
            format!("The -Depth value {depth} is not between 0 and 100."),
        ));
    }
    let mut truncated = false;
    let json = if items.len() == 1 && !b.switch("AsArray") {
        to_json(&items[0], 0, depth, &mut truncated)
    } else {
        Json::Array(
            items
                .iter()
                .map(|v| to_json(v, 1, depth, &mut truncated))
                .collect(),
        )
    };
    if truncated {
        it.write_warning(&format!(
            "Resulting JSON is truncated as serialization has exceeded the set depth of {depth}."
        ))?;
    }
    let s = if b.switch("Compress") {
        serde_json::to_string(&json)
    } else {
        serde_json::to_string_pretty(&json)
    };
    let s = s.map_err(|e| fail("ConvertTo-Json", ErrorCategory::InvalidData, e.to_string()))?;
    out.emit(it, Value::str(s))
}

/// `ConvertFrom-Json`.
pub static CONVERTFROM_JSON: CmdletSpec = CmdletSpec {
    description: "Parses JSON text into records (or hashtables with -AsHashtable). A top-level array is output element by element.",
    params: &[
        param("InputObject", Ty::Str)
            .mandatory()
            .position(0)
            .by_value()
            .help("JSON text (pipeline lines are joined)."),
        param("AsHashtable", Ty::Switch).help("Makes hashtables instead of records."),
        param("Depth", Ty::Int).help("Accepted for compatibility."),
        param("NoEnumerate", Ty::Switch).help("Outputs a top-level array as one object."),
    ],
    examples: &[Example {
        code: "Get-Content issue.json -Raw | ConvertFrom-Json",
        about: "Reads JSON from a file.",
    }],
    ..CmdletSpec::new("ConvertFrom-Json", "Converts JSON to objects.", || {
        Box::new(Collect::new(convert_from_json))
    })
};

fn convert_from_json(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let textin = items.iter().map(text).collect::<Vec<_>>().join("\n");
    let j: Json = serde_json::from_str(&textin).map_err(|e| {
        fail(
            "ConvertFrom-Json",
            ErrorCategory::InvalidData,
            format!("Conversion from JSON failed with error: {e}"),
        )
    })?;
    let v = from_json(&j, b.switch("AsHashtable"));
    if b.switch("NoEnumerate") {
        return out.emit(it, v);
    }
    for x in v.enumerate() {
        out.emit(it, x)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// CSV

fn csv_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One field as written: quoted per -UseQuotes (`Always`, the default; `AsNeeded`: only when
/// it holds the delimiter, a quote or a line break; `Never`) and -QuoteFields (these columns
/// always).
fn csv_field(b: &Bound, column: &str, s: &str, delim: char) -> String {
    let listed = b
        .list("QuoteFields")
        .iter()
        .any(|f| text(f).eq_ignore_ascii_case(column));
    let mode = b.str("UseQuotes").unwrap_or_default().to_ascii_lowercase();
    let quote = listed
        || match mode.as_str() {
            "never" => false,
            "asneeded" => s.contains([delim, '"', '\n', '\r']),
            _ => !b.has("QuoteFields"),
        };
    if quote { csv_quote(s) } else { s.to_owned() }
}

fn delimiter(b: &Bound) -> char {
    b.str("Delimiter")
        .and_then(|d| d.chars().next())
        .unwrap_or(',')
}

/// Splits CSV text into records of fields. Quotes and doubled quotes are honoured, and a
/// quoted field may hold the delimiter and line breaks (as `ConvertTo-Csv` writes them); a
/// record ends at an unquoted `\n` or `\r\n`. Blank lines are skipped, as is a leading BOM.
pub fn csv_parse(text: &str, delim: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut cur = String::new();
    // Whether the current record has anything (a blank line has not).
    let mut started = false;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if quoted => cur.push(c),
            c if c == delim => {
                fields.push(std::mem::take(&mut cur));
                started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if started || !cur.is_empty() {
                    fields.push(std::mem::take(&mut cur));
                    records.push(std::mem::take(&mut fields));
                }
                started = false;
            }
            c => cur.push(c),
        }
    }
    if started || !cur.is_empty() {
        fields.push(cur);
        records.push(fields);
    }
    records
}

/// Streams CSV lines: the header from the first object, then one line per object.
#[derive(Default)]
struct ToCsv {
    header: Option<Vec<String>>,
    lines: Vec<String>,
}

impl ToCsv {
    fn push(&mut self, b: &Bound, v: &Value) -> Vec<String> {
        let d = delimiter(b).to_string();
        let mut out = Vec::new();
        let names = self.header.get_or_insert_with(|| {
            let n = prop_names(v);
            let delim = delimiter(b);
            out.push(
                n.iter()
                    .map(|x| csv_field(b, x, x, delim))
                    .collect::<Vec<_>>()
                    .join(&d),
            );
            n
        });
        let row: Vec<String> = names
            .iter()
            .map(|n| csv_field(b, n, &text(&v.property(n)), delimiter(b)))
            .collect();
        out.push(row.join(&d));
        out
    }
}

const CSV_QUOTES: [ParamSpec; 2] = [
    param("UseQuotes", Ty::Str)
        .values(&["Always", "AsNeeded", "Never"])
        .help("When fields are quoted: Always (the default), AsNeeded (only fields holding the delimiter, a quote or a line break) or Never."),
    param("QuoteFields", Ty::Str)
        .array()
        .aliases(&["QF"])
        .help("Columns to quote (the others are not, unless -UseQuotes says so)."),
];

const CSV_COMMON: [ParamSpec; 2] = [
    param("Delimiter", Ty::Str).help("Field separator (default: a comma)."),
    param("NoTypeInformation", Ty::Switch)
        .aliases(&["NTI"])
        .help("Accepted for compatibility (type information is never written)."),
];

/// `ConvertTo-Csv`.
pub static CONVERTTO_CSV: CmdletSpec = CmdletSpec {
    description: "Converts objects to CSV lines: a header from the first object's properties, then one quoted line per object.",
    params: &[
        CSV_COMMON[0],
        CSV_COMMON[1],
        CSV_QUOTES[0],
        CSV_QUOTES[1],
        INPUT,
    ],
    examples: &[Example {
        code: "$issues | Select-Object Key, Summary | ConvertTo-Csv",
        about: "Issues as CSV text.",
    }],
    ..CmdletSpec::new("ConvertTo-Csv", "Converts objects to CSV text.", || {
        Box::new(ToCsvCmd::default())
    })
};

#[derive(Default)]
struct ToCsvCmd(ToCsv);

impl Command for ToCsvCmd {
    fn process(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        let Some(v) = b.get("InputObject").cloned() else {
            return Ok(());
        };
        for l in self.0.push(b, &v) {
            out.emit(it, Value::str(l))?;
        }
        Ok(())
    }
}

/// `Export-Csv`.
pub static EXPORT_CSV: CmdletSpec = CmdletSpec {
    description: "Writes objects to a CSV file (UTF-8).",
    params: &[
        param("Path", Ty::Path)
            .mandatory()
            .position(0)
            .aliases(&["FilePath"])
            .help("File to write."),
        CSV_COMMON[0],
        CSV_COMMON[1],
        CSV_QUOTES[0],
        CSV_QUOTES[1],
        param("Append", Ty::Switch).help(
            "Adds lines to an existing file, in the columns of its header (no new header).",
        ),
        param("Encoding", Ty::Str).help("Accepted for compatibility; files are UTF-8."),
        param("Force", Ty::Switch).help(
            "With -Append, writes objects that lack some of the file's columns (they are left empty).",
        ),
        param("InputObject", Ty::Any)
            .by_value()
            .help("The object to write (usually from the pipeline)."),
    ],
    examples: &[Example {
        code: "$issues | Select-Object Key, Summary | Export-Csv issues.csv",
        about: "Saves issues to a CSV file.",
    }],
    ..CmdletSpec::new("Export-Csv", "Writes objects to a CSV file.", || {
        Box::new(ExportCsv::default())
    })
};

#[derive(Default)]
struct ExportCsv {
    csv: ToCsv,
    /// With -Append to a file that has a header: the file does not end with a line break.
    needs_newline: bool,
    /// The columns come from the existing file (objects must have them, unless -Force).
    appending: bool,
}

impl Command for ExportCsv {
    fn begin(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        if !b.switch("Append") {
            return Ok(());
        }
        let path = expand_home(&b.str("Path").unwrap_or_default());
        let Ok(existing) = std::fs::read_to_string(&path) else {
            return Ok(());
        };
        let mut records = csv_parse(&existing, delimiter(b)).into_iter();
        let mut first = records.next();
        if first
            .as_ref()
            .and_then(|r| r.first())
            .is_some_and(|f| f.starts_with("#TYPE"))
        {
            first = records.next();
        }
        if let Some(header) = first {
            self.csv.header = Some(header);
            self.appending = true;
            self.needs_newline = !existing.ends_with('\n');
        }
        Ok(())
    }
    fn process(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        let Some(v) = b.get("InputObject").cloned() else {
            return Ok(());
        };
        if self.appending && !b.switch("Force") {
            let have = prop_names(&v);
            let columns = self.csv.header.as_deref().unwrap_or_default();
            if let Some(missing) = columns
                .iter()
                .find(|c| !have.iter().any(|h| h.eq_ignore_ascii_case(c)))
            {
                let path = b.str("Path").unwrap_or_default();
                return Err(fail(
                    "Export-Csv",
                    ErrorCategory::InvalidData,
                    format!(
                        "Cannot append CSV content to the following file: {path}. The appended object does not have a property that corresponds to the following column: {missing}. To continue with mismatched properties, add the -Force parameter, and then retry the command."
                    ),
                ));
            }
        }
        let lines = self.csv.push(b, &v);
        self.csv.lines.extend(lines);
        Ok(())
    }
    fn end(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        let path = b.str("Path").unwrap_or_default();
        let append = b.switch("Append") && std::path::Path::new(&expand_home(&path)).exists();
        let mut s = String::new();
        if self.needs_newline && !self.csv.lines.is_empty() {
            s.push('\n');
        }
        for l in &self.csv.lines {
            s.push_str(l);
            s.push('\n');
        }
        write_file("Export-Csv", &path, &s, append, false)
    }
}

/// Records from CSV text: the first record is the header unless `header` is given. A first
/// line `#TYPE …` (written by Windows PowerShell's Export-Csv) is skipped.
fn csv_records(text: &str, header: Option<Vec<String>>, delim: char) -> Vec<Value> {
    let mut records = csv_parse(text, delim).into_iter().peekable();
    if records
        .peek()
        .and_then(|r| r.first())
        .is_some_and(|f| f.starts_with("#TYPE"))
    {
        records.next();
    }
    let names = match header {
        Some(h) => h,
        None => match records.next() {
            Some(h) => h,
            None => return Vec::new(),
        },
    };
    records
        .map(|fields| {
            make_record(
                None,
                names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        (
                            n.clone(),
                            fields
                                .get(i)
                                .map_or(Value::Null, |f| Value::str(f.as_str())),
                        )
                    })
                    .collect(),
            )
        })
        .collect()
}

/// `ConvertFrom-Csv`.
pub static CONVERTFROM_CSV: CmdletSpec = CmdletSpec {
    description: "Parses CSV lines into records (the first line is the header unless -Header is given). Values are strings.",
    params: &[
        param("InputObject", Ty::Str)
            .array()
            .mandatory()
            .position(0)
            .by_value()
            .help("CSV lines."),
        CSV_COMMON[0],
        param("Header", Ty::Str)
            .array()
            .help("Column names to use instead of the first line."),
    ],
    examples: &[Example {
        code: "'Key,Votes', 'T-1,3' | ConvertFrom-Csv",
        about: "One record with Key and Votes.",
    }],
    ..CmdletSpec::new("ConvertFrom-Csv", "Converts CSV text to objects.", || {
        Box::new(Collect::new(convert_from_csv))
    })
};

fn header(b: &Bound) -> Option<Vec<String>> {
    b.get("Header")
        .map(|h| h.clone().enumerate().iter().map(text).collect())
}

fn convert_from_csv(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let lines: Vec<String> = items
        .iter()
        .flat_map(|v| v.clone().enumerate())
        .map(|v| text(&v))
        .collect();
    for r in csv_records(&lines.join("\n"), header(b), delimiter(b)) {
        out.emit(it, r)?;
    }
    Ok(())
}

/// `Import-Csv`.
pub static IMPORT_CSV: CmdletSpec = CmdletSpec {
    description: "Reads a CSV file into records.",
    params: &[
        param("Path", Ty::Path)
            .mandatory()
            .position(0)
            .by_value()
            .by_prop()
            .aliases(&["FullName"])
            .help("File to read."),
        CSV_COMMON[0],
        param("Header", Ty::Str)
            .array()
            .help("Column names to use instead of the first line."),
        param("Encoding", Ty::Str).help("Accepted for compatibility; files are read as UTF-8."),
    ],
    examples: &[Example {
        code: "Import-Csv new-issues.csv | ForEach-Object { New-JiraIssue -Project TEST -IssueType Task -Summary $_.Summary }",
        about: "Creates an issue per CSV line.",
    }],
    ..CmdletSpec::new("Import-Csv", "Reads objects from a CSV file.", || {
        Box::new(crate::cmd::FnCommand(import_csv))
    })
};

fn import_csv(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let path = expand_home(&b.str("Path").unwrap_or_default());
    let content = std::fs::read_to_string(&path).map_err(|_| {
        fail(
            "Import-Csv",
            ErrorCategory::ObjectNotFound,
            format!("Could not find file '{path}'."),
        )
    })?;
    for r in csv_records(&content, header(b), delimiter(b)) {
        out.emit(it, r)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{n, p, run, texts};
    use crate::eval::value::RecordData;

    fn ht(pairs: &[(&str, Value)]) -> Value {
        let mut m = PropMap::new();
        for (k, v) in pairs {
            m.insert(k, v.clone());
        }
        Value::hashtable(m)
    }

    #[test]
    fn json_pretty_and_compress() {
        let v = ht(&[("a", Value::Int(1)), ("b", Value::array(vec!["x".into()]))]);
        let out = run(&CONVERTTO_JSON, vec![], Some(vec![v.clone()])).unwrap();
        assert_eq!(
            texts(&out),
            ["{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}"]
        );
        let out = run(&CONVERTTO_JSON, vec![n("Compress")], Some(vec![v])).unwrap();
        assert_eq!(texts(&out), ["{\"a\":1,\"b\":[\"x\"]}"]);
    }

    #[test]
    fn json_several_inputs_make_an_array() {
        let out = run(
            &CONVERTTO_JSON,
            vec![n("Compress")],
            Some(vec![Value::Int(1), Value::Int(2)]),
        )
        .unwrap();
        assert_eq!(texts(&out), ["[1,2]"]);
    }

    #[test]
    fn json_depth_truncates() {
        let deep = ht(&[("a", ht(&[("b", ht(&[("c", ht(&[("d", Value::Int(1))]))]))]))]);
        let out = run(
            &CONVERTTO_JSON,
            vec![n("Compress"), n("Depth"), p(Value::Int(1))],
            Some(vec![deep]),
        )
        .unwrap();
        let s = text(&out[0]);
        assert!(s.starts_with("{\"a\":{\"b\":\""), "{s}");
    }

    #[test]
    fn json_never_serialises_secrets() {
        let sec = Value::SecureString(std::rc::Rc::new(secrecy::SecretString::from(
            "hunter2".to_owned(),
        )));
        let out = run(
            &CONVERTTO_JSON,
            vec![n("Compress")],
            Some(vec![ht(&[("p", sec)])]),
        )
        .unwrap();
        assert_eq!(texts(&out), ["{\"p\":null}"]);
    }

    #[test]
    fn json_round_trip_records_and_arrays() {
        let out = run(
            &CONVERTFROM_JSON,
            vec![p("[{\"Key\":\"T-1\",\"N\":2},{\"Key\":\"T-2\",\"N\":1.5}]")],
            None,
        )
        .unwrap();
        assert_eq!(out.len(), 2);
        assert!(matches!(&out[0], Value::Record(_)));
        assert_eq!(text(&out[1].property("N")), text(&Value::Double(1.5)));
        let out = run(
            &CONVERTFROM_JSON,
            vec![p("{\"a\":1}"), n("AsHashtable")],
            None,
        )
        .unwrap();
        assert!(matches!(&out[0], Value::Hashtable(_)));
        assert!(run(&CONVERTFROM_JSON, vec![p("{oops")], None).is_err());
    }

    #[test]
    fn csv_round_trip() {
        let mut m = PropMap::new();
        m.insert("Key", "T-1".into());
        m.insert("Summary", "say \"hi\", ok".into());
        let rec = Value::record(RecordData::custom(m));
        let out = run(&CONVERTTO_CSV, vec![], Some(vec![rec])).unwrap();
        assert_eq!(
            texts(&out),
            ["\"Key\",\"Summary\"", "\"T-1\",\"say \"\"hi\"\", ok\""]
        );
        let back = run(&CONVERTFROM_CSV, vec![], Some(out)).unwrap();
        assert_eq!(text(&back[0].property("Summary")), "say \"hi\", ok");
    }

    #[test]
    fn export_and_import_csv() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.csv").to_string_lossy().to_string();
        let rec = make_record(
            None,
            vec![("A".into(), "1".into()), ("B".into(), "2".into())],
        );
        run(
            &EXPORT_CSV,
            vec![p(f.as_str()), n("Delimiter"), p(";")],
            Some(vec![rec]),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(&f).unwrap(),
            "\"A\";\"B\"\n\"1\";\"2\"\n"
        );
        let out = run(
            &IMPORT_CSV,
            vec![p(f.as_str()), n("Delimiter"), p(";")],
            None,
        )
        .unwrap();
        assert_eq!(text(&out[0].property("B")), "2");
    }

    #[test]
    fn csv_parse_quoted_line_breaks_and_blank_lines() {
        let recs = csv_parse(
            "\u{feff}\"A\",\"B\"\r\n\"x,y\",\"1\n2\"\r\n\r\n\"q\"\"t\",\n",
            ',',
        );
        assert_eq!(
            recs,
            [
                vec!["A".to_owned(), "B".to_owned()],
                vec!["x,y".to_owned(), "1\n2".to_owned()],
                vec!["q\"t".to_owned(), String::new()],
            ]
        );
        assert!(csv_parse("\n\n", ',').is_empty());
    }

    #[test]
    fn csv_multi_line_field_round_trips() {
        // Regression: the readers split the text into lines before parsing, so a quoted field
        // holding a line break (which ConvertTo-Csv writes) broke the record in two.
        let rec = make_record(
            None,
            vec![
                ("Key".into(), "T-1".into()),
                ("Description".into(), "line 1\nline \"2\", end".into()),
            ],
        );
        let lines = run(&CONVERTTO_CSV, vec![], Some(vec![rec.clone(), rec])).unwrap();
        let back = run(&CONVERTFROM_CSV, vec![], Some(lines)).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(
            text(&back[1].property("Description")),
            "line 1\nline \"2\", end"
        );
        assert_eq!(text(&back[1].property("Key")), "T-1");
    }

    #[test]
    fn import_csv_skips_type_line() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("t.csv");
        std::fs::write(
            &f,
            "#TYPE System.Management.Automation.PSCustomObject\r\n\"K\",\"V\"\r\n\"a\",\"1\"\r\n",
        )
        .unwrap();
        let out = run(&IMPORT_CSV, vec![p(f.to_string_lossy().as_ref())], None).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(text(&out[0].property("V")), "1");
    }

    #[test]
    fn export_csv_append_uses_the_file_header() {
        // Regression: -Append wrote each object's own columns under the file's header.
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.csv").to_string_lossy().to_string();
        std::fs::write(&f, "\"A\",\"B\"\n\"1\",\"2\"").unwrap();
        let rec = |pairs: &[(&str, &str)]| {
            make_record(
                None,
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                    .collect(),
            )
        };
        run(
            &EXPORT_CSV,
            vec![p(f.as_str()), n("Append")],
            Some(vec![rec(&[("B", "4"), ("C", "x"), ("A", "3")])]),
        )
        .unwrap();
        let err = run(
            &EXPORT_CSV,
            vec![p(f.as_str()), n("Append")],
            Some(vec![rec(&[("A", "5")])]),
        );
        assert!(err.is_err());
        run(
            &EXPORT_CSV,
            vec![p(f.as_str()), n("Append"), n("Force")],
            Some(vec![rec(&[("A", "6")])]),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(&f).unwrap(),
            "\"A\",\"B\"\n\"1\",\"2\"\n\"3\",\"4\"\n\"6\",\"\"\n"
        );
    }
}
