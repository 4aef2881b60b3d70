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

fn delimiter(b: &Bound) -> char {
    b.str("Delimiter")
        .and_then(|d| d.chars().next())
        .unwrap_or(',')
}

/// Splits one CSV line into fields (quotes and doubled quotes honoured).
pub fn csv_split(line: &str, delim: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delim && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
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
            out.push(n.iter().map(|x| csv_quote(x)).collect::<Vec<_>>().join(&d));
            n
        });
        let row: Vec<String> = names
            .iter()
            .map(|n| csv_quote(&text(&v.property(n))))
            .collect();
        out.push(row.join(&d));
        out
    }
}

const CSV_COMMON: [ParamSpec; 2] = [
    param("Delimiter", Ty::Str).help("Field separator (default: a comma)."),
    param("NoTypeInformation", Ty::Switch)
        .aliases(&["NTI"])
        .help("Accepted for compatibility (type information is never written)."),
];

/// `ConvertTo-Csv`.
pub static CONVERTTO_CSV: CmdletSpec = CmdletSpec {
    description: "Converts objects to CSV lines: a header from the first object's properties, then one quoted line per object.",
    params: &[CSV_COMMON[0], CSV_COMMON[1], INPUT],
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
        param("Append", Ty::Switch).help("Adds lines to an existing file (no new header)."),
        param("Encoding", Ty::Str).help("Accepted for compatibility; files are UTF-8."),
        param("Force", Ty::Switch).help("Accepted for compatibility."),
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
struct ExportCsv(ToCsv);

impl Command for ExportCsv {
    fn process(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        if let Some(v) = b.get("InputObject").cloned() {
            let lines = self.0.push(b, &v);
            self.0.lines.extend(lines);
        }
        Ok(())
    }
    fn end(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        let path = b.str("Path").unwrap_or_default();
        let append = b.switch("Append") && std::path::Path::new(&expand_home(&path)).exists();
        let lines: Vec<&String> = self
            .0
            .lines
            .iter()
            .skip(usize::from(append && !self.0.lines.is_empty()))
            .collect();
        let mut s = lines
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        if !s.is_empty() {
            s.push('\n');
        }
        write_file("Export-Csv", &path, &s, append, false)
    }
}

fn csv_records(lines: &[String], header: Option<Vec<String>>, delim: char) -> Vec<Value> {
    let mut it = lines.iter().filter(|l| !l.trim().is_empty());
    let names = match header {
        Some(h) => h,
        None => match it.next() {
            Some(h) => csv_split(h, delim),
            None => return Vec::new(),
        },
    };
    it.map(|l| {
        let fields = csv_split(l, delim);
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
        .flat_map(|v| text(&v).lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    for r in csv_records(&lines, header(b), delimiter(b)) {
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
    let lines: Vec<String> = content
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').to_owned())
        .collect();
    for r in csv_records(&lines, header(b), delimiter(b)) {
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
}
