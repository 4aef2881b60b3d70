//! Builds the [`CompletionData`] snapshot from the interpreter between commands: command specs,
//! user functions and aliases, variables with their property names, and the issue keys the
//! session has seen (issue records held in variables, keys typed on earlier lines).
//!
//! It reads the interpreter only; it never calls Jira (the Jira lists arrive through
//! [`JiraLists`], filled by the REPL's background refresh).

use std::collections::HashSet;

use crate::eval::Interp;
use crate::eval::value::Value;
use crate::repl::complete::{CompletionData, JiraLists, Named, VarInfo};

/// Most issue keys kept for completion.
const MAX_SEEN: usize = 500;

/// Issue keys and summaries seen during the session, most recent first.
#[derive(Debug, Default, Clone)]
pub struct SeenIssues {
    items: Vec<Named>,
}

impl SeenIssues {
    /// Remembers `key` (moving it to the front); a non-empty `summary` replaces an empty one.
    pub fn add(&mut self, key: &str, summary: &str) {
        let old = self
            .items
            .iter()
            .position(|n| n.value.eq_ignore_ascii_case(key));
        let about = match old {
            Some(i) => {
                let prev = self.items.remove(i);
                if summary.is_empty() {
                    prev.about
                } else {
                    summary.to_owned()
                }
            }
            None => summary.to_owned(),
        };
        self.items
            .insert(0, Named::new(key.to_ascii_uppercase(), about));
        self.items.truncate(MAX_SEEN);
    }

    /// Picks up issue keys written on a line (`TEST-12`), without summaries.
    pub fn add_from_text(&mut self, text: &str) {
        for key in issue_keys_in(text) {
            if !self
                .items
                .iter()
                .any(|n| n.value.eq_ignore_ascii_case(&key))
            {
                self.add(&key, "");
            }
        }
    }

    /// Picks up issue records (a `Key` and a `Summary`) in `v` and its array elements.
    pub fn add_from_value(&mut self, v: &Value) {
        match v {
            Value::Array(a) => {
                for e in a.borrow().iter().take(MAX_SEEN) {
                    self.add_from_value(e);
                }
            }
            Value::Record(_) | Value::Hashtable(_) => {
                let key = v.property("Key");
                if let Some(k) = key.as_str()
                    && is_issue_key(k)
                {
                    let s = v.property("Summary");
                    self.add(k, s.as_str().unwrap_or(""));
                }
            }
            _ => {}
        }
    }

    /// The keys, most recent first.
    pub fn items(&self) -> &[Named] {
        &self.items
    }
}

/// How the user spelled variable names (the interpreter keeps them lower-cased), learnt from
/// the lines they typed: `$myIssues` → `myIssues`.
#[derive(Debug, Default, Clone)]
pub struct Spellings {
    map: std::collections::HashMap<String, String>,
}

impl Spellings {
    /// Learns every `$name` written in `text` (the last spelling wins).
    pub fn learn(&mut self, text: &str) {
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            rest = &rest[i + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = &rest[..end];
            if !name.is_empty() {
                self.map.insert(name.to_lowercase(), name.to_owned());
            }
            rest = &rest[end..];
        }
    }

    /// The spelling of `name` as typed, else `name` itself.
    pub fn spell(&self, name: &str) -> String {
        self.map
            .get(&name.to_lowercase())
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    }
}

/// True for `ABC-123`-shaped text.
pub fn is_issue_key(s: &str) -> bool {
    match s.split_once('-') {
        Some((p, n)) => {
            p.len() >= 2
                && p.starts_with(|c: char| c.is_ascii_uppercase())
                && p.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                && !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Every `ABC-123` in `text`, in order.
pub fn issue_keys_in(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .flat_map(|w| w.split(',').map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| is_issue_key(w))
        .collect()
}

/// Property names of a value (of its first element for an array).
pub fn property_names(v: &Value) -> Vec<String> {
    match v {
        Value::Record(r) => r.borrow().props.keys().map(str::to_owned).collect(),
        Value::Hashtable(h) => h.borrow().keys().map(str::to_owned).collect(),
        Value::Array(a) => a.borrow().first().map(property_names).unwrap_or_default(),
        Value::Str(_) => vec!["Length".into()],
        _ => Vec::new(),
    }
}

/// Variables the completion list leaves out (internal bookkeeping).
fn internal(name: &str) -> bool {
    name.starts_with("__")
}

/// Builds the snapshot. `lists` are the cached Jira lists; `seen` the issue keys seen.
pub fn build(
    it: &Interp,
    lists: &JiraLists,
    seen: &SeenIssues,
    spell: &Spellings,
) -> CompletionData {
    let mut variables = Vec::new();
    let mut names: HashSet<String> = HashSet::new();
    let mut scope = Some(it.scope.clone());
    while let Some(s) = scope {
        let b = s.borrow();
        for n in b.var_names() {
            if internal(&n) || !names.insert(n.to_ascii_lowercase()) {
                continue;
            }
            let v = b.local(&n).unwrap_or_default();
            variables.push(VarInfo {
                props: property_names(&v),
                name: spell.spell(&n),
            });
        }
        scope = b.parent.clone();
    }
    for auto in ["true", "false", "null", "_", "args", "Error", "env:"] {
        if names.insert(auto.to_ascii_lowercase()) {
            variables.push(VarInfo {
                name: auto.into(),
                props: Vec::new(),
            });
        }
    }
    variables.sort_by_key(|v| v.name.to_ascii_lowercase());
    let mut functions = Vec::new();
    let mut scope = Some(it.scope.clone());
    while let Some(s) = scope {
        let b = s.borrow();
        functions.extend(b.func_names());
        scope = b.parent.clone();
    }
    functions.sort();
    functions.dedup();
    let aliases = it
        .aliases
        .iter()
        .map(|(a, t)| (a.clone(), t.clone()))
        .collect();
    CompletionData {
        specs: it.registry.specs().to_vec(),
        functions,
        aliases,
        variables,
        lists: lists.clone(),
        issues: seen.items().to_vec(),
        jql: Default::default(),
        cwd: std::env::current_dir().unwrap_or_default(),
        home: std::env::var_os("HOME").map(Into::into),
    }
}

/// Updates `seen` from the variables of the interpreter (issue records they hold).
pub fn collect_seen(it: &Interp, seen: &mut SeenIssues) {
    let mut scope = Some(it.scope.clone());
    while let Some(s) = scope {
        let b = s.borrow();
        for n in b.var_names() {
            if internal(&n) {
                continue;
            }
            if let Some(v) = b.local(&n) {
                seen.add_from_value(&v);
            }
        }
        scope = b.parent.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_learnt_from_lines() {
        let mut s = Spellings::default();
        s.learn("$myIssues = 1; $x.Foo + $env:HOME");
        assert_eq!(s.spell("myissues"), "myIssues");
        assert_eq!(s.spell("x"), "x");
        assert_eq!(s.spell("other"), "other");
    }

    #[test]
    fn keys_in_text() {
        assert_eq!(
            issue_keys_in("Get-JiraIssue TEST-1,ABC-22 x-1 Ab-3 -Key 'Z9-0'"),
            ["TEST-1", "ABC-22", "Z9-0"]
        );
    }

    #[test]
    fn seen_moves_recent_first_and_keeps_summary() {
        let mut s = SeenIssues::default();
        s.add("TEST-1", "First");
        s.add("TEST-2", "Second");
        s.add_from_text("Get-JiraIssue TEST-1");
        assert_eq!(s.items()[0].value, "TEST-2");
        s.add("test-1", "");
        assert_eq!(s.items()[0], Named::new("TEST-1", "First"));
        assert_eq!(s.items().len(), 2);
    }

    #[test]
    fn issue_records_are_seen() {
        use crate::eval::value::{PropMap, RecordData};
        let mut p = PropMap::new();
        p.insert("Key", Value::str("PR-7"));
        p.insert("Summary", Value::str("Fix it"));
        let v = Value::array(vec![Value::record(RecordData::custom(p))]);
        let mut s = SeenIssues::default();
        s.add_from_value(&v);
        assert_eq!(s.items(), [Named::new("PR-7", "Fix it")]);
        assert_eq!(property_names(&v), ["Key", "Summary"]);
    }
}
