//! The registry of commands: every built-in and Jira cmdlet spec, and their aliases.
//! Lookups are case-insensitive; completion and `Get-Command` use [`Registry::names`] and
//! [`Registry::search`].

use std::collections::HashMap;

use crate::cmd::spec::CmdletSpec;

/// All commands a shell knows, looked up case-insensitively by name or alias.
#[derive(Debug, Default)]
pub struct Registry {
    specs: Vec<&'static CmdletSpec>,
    by_name: HashMap<String, usize>,
}

impl Registry {
    /// The standard set: built-ins and Jira cmdlets.
    pub fn standard() -> Self {
        let mut r = Registry::default();
        for s in crate::builtins::SPECS
            .iter()
            .chain(crate::cmdlets::SPECS.iter())
        {
            r.add(s);
        }
        r
    }
    /// Adds one spec (its name and aliases).
    pub fn add(&mut self, spec: &'static CmdletSpec) {
        let idx = self.specs.len();
        self.specs.push(spec);
        self.by_name.insert(spec.name.to_ascii_lowercase(), idx);
        for a in spec.aliases {
            self.by_name.insert(a.to_ascii_lowercase(), idx);
        }
    }
    /// Finds a command by name or alias.
    pub fn get(&self, name: &str) -> Option<&'static CmdletSpec> {
        self.by_name
            .get(&name.to_ascii_lowercase())
            .map(|&i| self.specs[i])
    }
    /// Finds a command by name or alias; the flag is true when `name` was an alias.
    pub fn resolve(&self, name: &str) -> Option<(&'static CmdletSpec, bool)> {
        let spec = self.get(name)?;
        Some((spec, !spec.name.eq_ignore_ascii_case(name)))
    }
    /// Every spec, in registration order.
    pub fn specs(&self) -> &[&'static CmdletSpec] {
        &self.specs
    }
    /// Every command name and alias (original spelling), sorted case-insensitively.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self
            .specs
            .iter()
            .flat_map(|s| std::iter::once(s.name).chain(s.aliases.iter().copied()))
            .collect();
        v.sort_by_key(|n| n.to_ascii_lowercase());
        v
    }
    /// Specs whose name (or, with `aliases`, an alias) matches the wildcard `pattern`
    /// (`*Issue*`), in name order, each once.
    pub fn search(&self, pattern: &str, aliases: bool) -> Vec<&'static CmdletSpec> {
        let mut v: Vec<&'static CmdletSpec> = self
            .specs
            .iter()
            .copied()
            .filter(|s| {
                wildcard(pattern, s.name)
                    || (aliases && s.aliases.iter().any(|a| wildcard(pattern, a)))
            })
            .collect();
        v.sort_by_key(|s| s.name.to_ascii_lowercase());
        v.dedup_by_key(|s| s.name);
        v
    }
    /// The closest command names to a mistyped one (for "did you mean"), best first.
    pub fn suggest(&self, name: &str) -> Vec<&'static str> {
        let lower = name.to_ascii_lowercase();
        let mut scored: Vec<(f64, &'static str)> = self
            .names()
            .into_iter()
            .map(|n| (strsim::jaro_winkler(&lower, &n.to_ascii_lowercase()), n))
            .filter(|(s, _)| *s >= 0.85)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().take(3).map(|(_, n)| n).collect()
    }
}

/// One element of a wildcard pattern.
enum Wild {
    /// `*`: any run of characters.
    Star,
    /// `?`: one character.
    One,
    /// `[a-cx]`: one character of the class (kept as the characters between the brackets).
    Class(Vec<char>),
    /// A literal character.
    Lit(char),
}

fn wild_tokens(pattern: &str) -> Vec<Wild> {
    let p: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => out.push(Wild::Star),
            '?' => out.push(Wild::One),
            // An unclosed `[` is a literal.
            '[' => match p[i + 1..].iter().position(|c| *c == ']') {
                Some(close) => {
                    out.push(Wild::Class(p[i + 1..i + 1 + close].to_vec()));
                    i += close + 1;
                }
                None => out.push(Wild::Lit('[')),
            },
            c => out.push(Wild::Lit(c)),
        }
        i += 1;
    }
    out
}

fn class_has(class: &[char], c: char) -> bool {
    let lc = c.to_ascii_lowercase();
    let mut i = 0;
    while i < class.len() {
        if i + 2 < class.len() && class[i + 1] == '-' {
            let (a, b) = (
                class[i].to_ascii_lowercase(),
                class[i + 2].to_ascii_lowercase(),
            );
            if a <= lc && lc <= b {
                return true;
            }
            i += 3;
        } else {
            if class[i].to_ascii_lowercase() == lc {
                return true;
            }
            i += 1;
        }
    }
    false
}

/// PowerShell wildcard match (`*`, `?`, `[abc]`, `[a-c]`), case-insensitive. Runs in time
/// proportional to pattern length × text length, whatever the pattern (no backtracking).
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let t: Vec<char> = text.chars().collect();
    // `at[j]`: the pattern so far can match the first `j` characters of the text.
    let mut at = vec![false; t.len() + 1];
    at[0] = true;
    for tok in wild_tokens(pattern) {
        let mut next = vec![false; t.len() + 1];
        match tok {
            Wild::Star => {
                let mut reached = false;
                for j in 0..=t.len() {
                    reached |= at[j];
                    next[j] = reached;
                }
            }
            tok => {
                for j in 0..t.len() {
                    if at[j] {
                        next[j + 1] = match &tok {
                            Wild::One => true,
                            Wild::Class(class) => class_has(class, t[j]),
                            Wild::Lit(c) => t[j].to_lowercase().eq(c.to_lowercase()),
                            Wild::Star => false,
                        };
                    }
                }
            }
        }
        at = next;
        if !at.contains(&true) {
            return false;
        }
    }
    at[t.len()]
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;
    use crate::cmd::bind::{RawArg, bind};
    use crate::cmd::spec::{
        ALL_SETS, COMMON_PARAMS, CREDENTIAL_PARAMS, PAGING_PARAMS, SHOULD_PROCESS_PARAMS,
    };

    #[test]
    fn wildcard_rules() {
        assert!(wildcard("*issue*", "Get-JiraIssue"));
        assert!(wildcard("Get-?ate", "Get-Date"));
        assert!(wildcard("[gs]et-*", "Set-Location"));
        assert!(!wildcard("Get-*", "Set-Location"));
        assert!(wildcard("*", ""));
        assert!(wildcard("a*", "a"));
        assert!(!wildcard("a?", "a"));
        assert!(wildcard("[a-c]x", "BX"));
        assert!(!wildcard("[a-c]x", "dx"));
        assert!(wildcard("a[b", "a[b"), "an unclosed [ is literal");
        assert!(wildcard("ÄB*", "äbc"));
        assert!(wildcard("*.*", "a.b"));
        assert!(!wildcard("*.*", "ab"));
    }

    #[test]
    fn wildcard_has_no_exponential_backtracking() {
        // Regression: the recursive matcher backtracked exponentially and never finished on
        // patterns like this one (`Select-Object -Property '*a*a…b'` hung the shell).
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let text = "a".repeat(200);
            let miss = wildcard(&format!("{}b", "*a".repeat(30)), &text);
            let hit = wildcard(&"*a".repeat(30), &text);
            let _ = tx.send((miss, hit));
        });
        let got = rx.recv_timeout(std::time::Duration::from_secs(5));
        assert_eq!(got.ok(), Some((false, true)), "no answer within 5 s");
    }

    #[test]
    fn names_and_aliases_are_unique() {
        let r = Registry::standard();
        let mut seen: HashMap<String, &str> = HashMap::new();
        for s in r.specs() {
            for n in std::iter::once(&s.name).chain(s.aliases.iter()) {
                let prev = seen.insert(n.to_ascii_lowercase(), s.name);
                assert!(
                    prev.is_none(),
                    "{n} is declared by {} and {}",
                    s.name,
                    prev.unwrap_or_default()
                );
            }
        }
    }

    #[test]
    fn parameter_names_unique_positions_unique_help_present() {
        for s in Registry::standard().specs() {
            let mut names: HashSet<String> = HashSet::new();
            let mut extra: Vec<&crate::cmd::spec::ParamSpec> = COMMON_PARAMS.iter().collect();
            if s.should_process {
                extra.extend(SHOULD_PROCESS_PARAMS);
            }
            if s.paging {
                extra.extend(PAGING_PARAMS);
            }
            if s.networked {
                extra.extend(CREDENTIAL_PARAMS);
            }
            // A declared parameter may deliberately take the place of a paging one (Select-Object -First).
            let extra: Vec<_> = extra
                .into_iter()
                .filter(|e| s.param(e.name).is_none())
                .collect();
            for p in s.params.iter().chain(extra) {
                for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
                    assert!(
                        names.insert(n.to_ascii_lowercase()),
                        "{}: parameter name {n} is not unique",
                        s.name
                    );
                }
            }
            for p in s.params {
                assert!(
                    p.hidden || !p.help.is_empty(),
                    "{}: -{} has no help",
                    s.name,
                    p.name
                );
            }
            let mut sets = s.set_names();
            if sets.is_empty() {
                sets.push(ALL_SETS);
            }
            for set in sets {
                let mut positions = HashSet::new();
                for p in s.params.iter().filter(|p| p.in_set(set)) {
                    let m = p
                        .memberships()
                        .iter()
                        .find(|m| m.name == set)
                        .or_else(|| p.memberships().iter().find(|m| m.name == ALL_SETS));
                    if let Some(pos) = m.and_then(|m| m.position) {
                        assert!(
                            positions.insert(pos),
                            "{}: position {pos} used twice in set {set}",
                            s.name
                        );
                    }
                }
            }
            if let Some(d) = s.default_set {
                assert!(
                    s.set_names().contains(&d),
                    "{}: default set {d} is not declared",
                    s.name
                );
            }
            assert!(!s.synopsis.is_empty(), "{} has no synopsis", s.name);
        }
    }

    #[test]
    fn every_spec_binds_with_no_arguments_or_reports_missing() {
        for s in Registry::standard().specs() {
            if let Err(e) = bind(s, Vec::<RawArg>::new(), false) {
                assert!(
                    !e.missing.is_empty()
                        || e.message.starts_with("Parameter set cannot be resolved"),
                    "{}: {}",
                    s.name,
                    e.message
                );
            }
        }
    }

    #[test]
    fn resolve_and_search() {
        let r = Registry::standard();
        if let Some(first) = r.specs().first() {
            let (spec, alias) = r.resolve(&first.name.to_uppercase()).unwrap();
            assert_eq!(spec.name, first.name);
            assert!(!alias);
            if let Some(a) = first.aliases.first() {
                assert!(r.resolve(a).unwrap().1);
            }
            assert!(r.search("*", false).len() == r.specs().len());
        }
    }
}
