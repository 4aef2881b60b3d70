//! JQL completion inside a `-Query '…'` string: field names, operators, keywords and values.
//!
//! A small state machine walks the JQL typed so far (field → operator → value → AND/OR/ORDER
//! BY); it never validates JQL — Jira does that when the query runs.

use crate::repl::complete::{Candidate, Completion, CompletionData, Lookup, Named};

/// Fields offered before `/jql/autocompletedata` has answered.
const DEFAULT_FIELDS: &[&str] = &[
    "assignee",
    "component",
    "created",
    "creator",
    "description",
    "due",
    "duedate",
    "fixVersion",
    "issuekey",
    "issuetype",
    "key",
    "labels",
    "parent",
    "priority",
    "project",
    "reporter",
    "resolution",
    "resolved",
    "sprint",
    "status",
    "summary",
    "text",
    "updated",
    "watcher",
];

/// Functions offered before `/jql/autocompletedata` has answered.
const DEFAULT_FUNCTIONS: &[&str] = &[
    "currentUser()",
    "endOfDay()",
    "endOfWeek()",
    "membersOf()",
    "now()",
    "openSprints()",
    "startOfDay()",
    "startOfMonth()",
    "startOfWeek()",
    "unreleasedVersions()",
];

const OPERATORS: &[&str] = &[
    "=", "!=", "~", "!~", ">", ">=", "<", "<=", "in", "not in", "is", "is not", "was", "was in",
    "was not", "changed",
];

/// Where in a clause the cursor is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    Field,
    Op(String),
    OpMore(String),
    /// After `is` (or `is not`): only `not`, `EMPTY` and `null` may follow.
    Is(String),
    Value(String),
    List(String),
    Conj,
    OrderBy,
    OrderField,
    OrderDir,
}

/// Splits JQL into tokens: words, quoted strings, parentheses, commas, comparison operators.
/// Returns the tokens and the start offset of the partial (unfinished) last token, if any.
fn tokens(text: &str) -> (Vec<String>, Option<usize>) {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c == b'"' || c == b'\'' {
            i += 1;
            while i < b.len() && b[i] != c {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            if i >= b.len() {
                return (out, Some(start));
            }
            i += 1;
        } else if matches!(c, b'(' | b')' | b',') {
            i += 1;
        } else if matches!(c, b'=' | b'!' | b'~' | b'<' | b'>') {
            while i < b.len() && matches!(b[i], b'=' | b'!' | b'~' | b'<' | b'>') {
                i += 1;
            }
        } else {
            while i < b.len()
                && !b[i].is_ascii_whitespace()
                && !matches!(
                    b[i],
                    b'(' | b')' | b',' | b'=' | b'!' | b'~' | b'<' | b'>' | b'"' | b'\''
                )
            {
                i += 1;
            }
            // A function call such as `currentUser()` stays one token.
            if i + 1 < b.len() && b[i] == b'(' && b[i + 1] == b')' {
                i += 2;
            }
        }
        if i >= b.len() && !text.ends_with(char::is_whitespace) && !matches!(c, b'(' | b')' | b',')
        {
            return (out, Some(start));
        }
        out.push(text[start..i].to_owned());
    }
    (out, None)
}

fn step(state: State, tok: &str) -> State {
    let low = tok.to_ascii_lowercase();
    match state {
        State::Field => match low.as_str() {
            "and" | "or" | "not" | "(" => State::Field,
            "order" => State::OrderBy,
            _ => State::Op(tok.to_owned()),
        },
        State::Is(f) => match low.as_str() {
            "not" => State::Is(f),
            _ => State::Conj,
        },
        State::Op(f) | State::OpMore(f) => match low.as_str() {
            "is" => State::Is(f),
            "was" | "not" => State::OpMore(f),
            "(" => State::List(f),
            _ if is_operator(&low) => State::Value(f),
            _ => State::Conj,
        },
        State::Value(f) => match low.as_str() {
            "(" => State::List(f),
            _ => State::Conj,
        },
        State::List(f) => match low.as_str() {
            ")" => State::Conj,
            _ => State::List(f),
        },
        State::Conj => match low.as_str() {
            "and" | "or" => State::Field,
            "order" => State::OrderBy,
            _ => State::Conj,
        },
        State::OrderBy => State::OrderField,
        State::OrderField => State::OrderDir,
        State::OrderDir => match low.as_str() {
            "," => State::OrderField,
            _ => State::OrderDir,
        },
    }
}

fn is_operator(low: &str) -> bool {
    matches!(
        low,
        "=" | "!=" | "~" | "!~" | ">" | ">=" | "<" | "<=" | "in" | "changed"
    )
}

/// Completes JQL `text` (what is typed inside the string, up to the cursor). `base` is the
/// byte offset of `text` in the line; `quote` is the PowerShell quote around the query, so
/// values with spaces get the other kind of quote.
pub fn complete(text: &str, base: usize, quote: char, data: &CompletionData) -> Completion {
    let (toks, partial_at) = tokens(text);
    let mut state = State::Field;
    for t in &toks {
        state = step(state, t);
    }
    let partial_at = partial_at.unwrap_or(text.len());
    let partial = &text[partial_at..];
    let inner_quote = if quote == '\'' { '"' } else { '\'' };
    let typed = partial.trim_start_matches(['"', '\'']);

    let fields = || -> Vec<Named> {
        if data.jql.fields.is_empty() {
            DEFAULT_FIELDS.iter().map(|f| Named::from(*f)).collect()
        } else {
            data.jql
                .fields
                .iter()
                .map(|f| Named::from(f.as_str()))
                .collect()
        }
    };
    let lookup = data.jql.fields.is_empty().then_some(Lookup::JqlData);
    let words = |w: &[&str]| -> Vec<Named> { w.iter().map(|s| Named::from(*s)).collect() };
    let (values, mut lookup) = match &state {
        State::Field => (fields(), lookup),
        State::Op(_) => (words(OPERATORS), None),
        State::OpMore(f) => {
            let mut v = words(&["not", "in", "EMPTY", "null"]);
            v.extend(field_values(f, data));
            (v, None)
        }
        State::Is(_) => (words(&["not", "EMPTY", "null"]), None),
        State::Value(f) | State::List(f) => (field_values(f, data), None),
        State::Conj => (words(&["AND", "OR", "ORDER BY"]), None),
        State::OrderBy => (words(&["BY"]), None),
        State::OrderField => (fields(), lookup),
        State::OrderDir => (words(&["ASC", "DESC"]), None),
    };
    if let State::Value(f) | State::List(f) = &state
        && is_issue_field(f)
    {
        lookup = Some(Lookup::IssuePicker(typed.to_owned()));
    }
    let mut out: Vec<Candidate> = Vec::new();
    for n in values
        .iter()
        .filter(|n| n.value.to_lowercase().starts_with(&typed.to_lowercase()))
    {
        let needs = n
            .value
            .contains(|c: char| c.is_whitespace() || c == '-' && !is_issue_key(&n.value))
            && !n.value.ends_with(')');
        let r = if needs && matches!(state, State::Value(_) | State::List(_) | State::OpMore(_)) {
            format!("{inner_quote}{}{inner_quote}", n.value)
        } else {
            n.value.clone()
        };
        if !out.iter().any(|c| c.replacement == r) {
            let display = if n.about.is_empty() {
                r.clone()
            } else {
                format!("{r}  {}", n.about)
            };
            out.push(Candidate {
                replacement: r,
                display,
            });
        }
    }
    Completion {
        start: base + partial_at,
        candidates: out,
        lookup,
    }
}

fn is_issue_field(f: &str) -> bool {
    matches!(
        f.to_ascii_lowercase().as_str(),
        "key" | "issuekey" | "issue" | "id" | "parent"
    )
}

fn is_issue_key(v: &str) -> bool {
    match v.split_once('-') {
        Some((p, n)) => !p.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

fn field_values(field: &str, data: &CompletionData) -> Vec<Named> {
    let l = &data.lists;
    let plain = |v: &[String]| {
        v.iter()
            .map(|s| Named::from(s.as_str()))
            .collect::<Vec<_>>()
    };
    let mut out = match field.to_ascii_lowercase().as_str() {
        "project" => l.projects.clone(),
        "status" => plain(&l.statuses),
        "issuetype" | "type" => plain(&l.issue_types),
        "priority" => plain(&l.priorities),
        "assignee" | "reporter" | "creator" | "watcher" => l.users.clone(),
        "filter" => l.filters.clone(),
        "fixversion" | "affectedversion" => plain(&l.versions),
        "component" => plain(&l.components),
        f if is_issue_field(f) => data.issues.clone(),
        _ => Vec::new(),
    };
    let funcs: Vec<Named> = if data.jql.functions.is_empty() {
        DEFAULT_FUNCTIONS.iter().map(|f| Named::from(*f)).collect()
    } else {
        data.jql
            .functions
            .iter()
            .map(|f| Named::from(f.as_str()))
            .collect()
    };
    out.extend(funcs);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_reports_partial() {
        assert_eq!(
            tokens("project = AB"),
            (vec!["project".into(), "=".into()], Some(10))
        );
        assert_eq!(
            tokens("project = AB "),
            (vec!["project".into(), "=".into(), "AB".into()], None)
        );
        assert_eq!(
            tokens("status = \"In Pr"),
            (vec!["status".into(), "=".into()], Some(9))
        );
        assert_eq!(
            tokens("a in (X, "),
            (
                vec!["a".into(), "in".into(), "(".into(), "X".into(), ",".into()],
                None
            )
        );
    }

    #[test]
    fn states() {
        let run = |s: &str| tokens(s).0.iter().fold(State::Field, |st, t| step(st, t));
        assert_eq!(run("project "), State::Op("project".into()));
        assert_eq!(run("project = "), State::Value("project".into()));
        assert_eq!(run("project = A "), State::Conj);
        assert_eq!(run("project = A AND "), State::Field);
        assert_eq!(run("status in (A, "), State::List("status".into()));
        assert_eq!(run("a = b ORDER BY "), State::OrderField);
        assert_eq!(run("a = b ORDER BY created "), State::OrderDir);
        assert_eq!(run("assignee is "), State::Is("assignee".into()));
    }
}
