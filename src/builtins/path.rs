//! Path text: Join-Path and Split-Path. They work on the text of paths (with `/`, as
//! PowerShell does on Linux and macOS) and never touch the file system.

use crate::builtins::text;
use crate::cmd::spec::{CmdletSpec, Example, SetSpec, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::eval::value::Value;

/// `Join-Path`.
pub static JOIN_PATH: CmdletSpec = CmdletSpec {
    description: "Joins a path and child paths with one `/` between each (extra separators at the joins are dropped).",
    params: &[
        param("Path", Ty::Str)
            .array()
            .mandatory()
            .position(0)
            .by_value()
            .by_prop()
            .aliases(&["PSPath"])
            .help("The parent path (each one given is joined in turn)."),
        param("ChildPath", Ty::Str)
            .position(1)
            .by_prop()
            .help("The path to add."),
        param("AdditionalChildPath", Ty::Str)
            .array()
            .remaining()
            .help("More paths to add, in order."),
    ],
    examples: &[Example {
        code: "Join-Path $HOME 'reports' 'issues.csv'",
        about: "A file under the home directory.",
    }],
    ..CmdletSpec::new("Join-Path", "Joins paths.", || {
        Box::new(FnCommand(join_path))
    })
};

/// `a` and `b` joined with exactly one `/`.
fn join2(a: &str, b: &str) -> String {
    if a.is_empty() {
        return b.to_owned();
    }
    if b.is_empty() {
        return a.to_owned();
    }
    let a = a.trim_end_matches(['/', '\\']);
    let b = b.trim_start_matches(['/', '\\']);
    format!("{a}/{b}")
}

fn join_path(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let mut children: Vec<String> = b.str("ChildPath").into_iter().collect();
    children.extend(b.list("AdditionalChildPath").iter().map(text));
    for base in b.list("Path") {
        let joined = children.iter().fold(text(&base), |acc, c| join2(&acc, c));
        out.emit(it, Value::str(joined))?;
    }
    Ok(())
}

/// `Split-Path`.
pub static SPLIT_PATH: CmdletSpec = CmdletSpec {
    description: "Outputs part of a path: its parent (the default), -Leaf (the last part), -LeafBase (without the extension), -Extension, or whether it -IsAbsolute.",
    params: &[
        param("Path", Ty::Str)
            .array()
            .mandatory()
            .position(0)
            .by_value()
            .by_prop()
            .aliases(&["PSPath"])
            .help("The path to split."),
        param("Parent", Ty::Switch)
            .set(SetSpec::named("ParentSet"))
            .help("The path without its last part (the default)."),
        param("Leaf", Ty::Switch)
            .set(SetSpec::named("LeafSet"))
            .help("The last part of the path."),
        param("LeafBase", Ty::Switch)
            .set(SetSpec::named("LeafBaseSet"))
            .help("The last part without its extension."),
        param("Extension", Ty::Switch)
            .set(SetSpec::named("ExtensionSet"))
            .help("The extension of the last part (`.csv`), or an empty string."),
        param("IsAbsolute", Ty::Switch)
            .set(SetSpec::named("IsAbsoluteSet"))
            .help("Outputs $true when the path is absolute."),
    ],
    default_set: Some("ParentSet"),
    examples: &[
        Example {
            code: "Split-Path '/data/reports/issues.csv' -Leaf",
            about: "issues.csv",
        },
        Example {
            code: "Split-Path '/data/reports/issues.csv'",
            about: "/data/reports",
        },
    ],
    ..CmdletSpec::new("Split-Path", "Splits a path into parts.", || {
        Box::new(FnCommand(split_path))
    })
};

/// The parent and last part of `p` (trailing separators ignored).
fn split(p: &str) -> (String, String) {
    let trimmed = p.trim_end_matches(['/', '\\']);
    if trimmed.is_empty() {
        // `/` (or empty): the root has no parent.
        return (String::new(), p.to_owned());
    }
    match trimmed.rfind(['/', '\\']) {
        Some(0) => ("/".to_owned(), trimmed[1..].to_owned()),
        Some(i) => (
            trimmed[..i].trim_end_matches(['/', '\\']).to_owned(),
            trimmed[i + 1..].to_owned(),
        ),
        None => (String::new(), trimmed.to_owned()),
    }
}

fn split_path(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    for p in b.list("Path") {
        let p = text(&p);
        let (parent, leaf) = split(&p);
        // The extension starts at the last dot that is not the leaf's first character.
        let dot = leaf.rfind('.').filter(|&i| i > 0);
        let v = if b.switch("IsAbsolute") {
            Value::Bool(p.starts_with(['/', '\\', '~']))
        } else if b.switch("Leaf") {
            Value::str(leaf)
        } else if b.switch("LeafBase") {
            Value::str(dot.map_or(leaf.as_str(), |i| &leaf[..i]))
        } else if b.switch("Extension") {
            Value::str(dot.map_or("", |i| &leaf[i..]))
        } else {
            Value::str(parent)
        };
        out.emit(it, v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_drops_extra_separators() {
        assert_eq!(join2("a/", "/b"), "a/b");
        assert_eq!(join2("/", "etc"), "/etc");
        assert_eq!(join2("", "x"), "x");
        assert_eq!(join2("a", ""), "a");
    }

    #[test]
    fn split_parent_and_leaf() {
        assert_eq!(split("/a/b/c.txt"), ("/a/b".into(), "c.txt".into()));
        assert_eq!(split("/a/b/"), ("/a".into(), "b".into()));
        assert_eq!(split("/top"), ("/".into(), "top".into()));
        assert_eq!(split("file"), (String::new(), "file".into()));
        assert_eq!(split("/"), (String::new(), "/".into()));
    }
}
