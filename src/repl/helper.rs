//! The rustyline `Helper`: completer, hinter, highlighter and validator, plus the F1 key
//! handler. Completion reads a shared [`CompletionData`] snapshot the REPL refreshes after each
//! command; Jira lookups go through [`Remote`] with a tight timeout and are cached, so a
//! keystroke never waits on the network longer than [`LOOKUP_TIMEOUT`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Context, Event, EventContext, ExternalPrinter, Helper,
    RepeatCount,
};

use crate::lang::parser::parse_script;
use crate::repl::complete::{self, Completion, CompletionData, JqlData, Lookup, Named};
use crate::repl::highlight;

/// The longest a Tab press waits for Jira.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_millis(400);

/// Jira data completion may ask for. Implementations run the request on the client's runtime
/// and give up after `timeout` (returning `None`); a late answer may still fill their own
/// cache for the next Tab.
pub trait Remote: Send + Sync {
    /// Issues matching `query` (issue picker), key with summary.
    fn issue_picker(&self, query: &str, timeout: Duration) -> Option<Vec<Named>>;
    /// Transition names available on issue `key`.
    fn transitions(&self, key: &str, timeout: Duration) -> Option<Vec<String>>;
    /// JQL field and function names.
    fn jql_data(&self, timeout: Duration) -> Option<JqlData>;
}

/// The completion snapshot shared between the helper, the F1 handler and the REPL loop.
pub type SharedData = Arc<RwLock<Arc<CompletionData>>>;

/// Answers fetched from Jira during this session.
#[derive(Debug, Default)]
struct LookupCache {
    picker: HashMap<String, Vec<Named>>,
    transitions: HashMap<String, Vec<String>>,
    jql: Option<JqlData>,
}

/// The line editor's helper.
pub struct ShellHelper {
    data: SharedData,
    remote: Option<Arc<dyn Remote>>,
    cache: Mutex<LookupCache>,
    hinter: HistoryHinter,
    color: bool,
}

impl ShellHelper {
    /// A helper reading `data`, asking `remote` (when connected) and colouring when `color`.
    pub fn new(data: SharedData, remote: Option<Arc<dyn Remote>>, color: bool) -> Self {
        ShellHelper {
            data,
            remote,
            cache: Mutex::new(LookupCache::default()),
            hinter: HistoryHinter::new(),
            color,
        }
    }

    /// Sets or clears the Jira lookup (after `New-JiraSession` / `Remove-JiraSession`).
    pub fn set_remote(&mut self, remote: Option<Arc<dyn Remote>>) {
        self.remote = remote;
        if let Ok(mut c) = self.cache.lock() {
            *c = LookupCache::default();
        }
    }

    fn snapshot(&self) -> Arc<CompletionData> {
        match self.data.read() {
            Ok(d) => Arc::clone(&d),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Completes with local data, then — when the answer says Jira could add more — asks
    /// through [`Remote`] (cached) and completes again with the merged data.
    pub fn complete_line(&self, line: &str, pos: usize) -> Completion {
        let data = self.snapshot();
        let first = complete::complete(line, pos, &data);
        let Some(lookup) = first.lookup.clone() else {
            return first;
        };
        let mut merged: Option<CompletionData> = None;
        let Ok(mut cache) = self.cache.lock() else {
            return first;
        };
        match &lookup {
            Lookup::IssuePicker(q) => {
                let key = q.to_ascii_uppercase();
                if !cache.picker.contains_key(&key)
                    && let Some(r) = &self.remote
                    && let Some(found) = r.issue_picker(q, LOOKUP_TIMEOUT)
                {
                    cache.picker.insert(key.clone(), found);
                }
                if let Some(found) = cache.picker.get(&key).filter(|f| !f.is_empty()) {
                    let mut d = (*data).clone();
                    for n in found {
                        if !d
                            .issues
                            .iter()
                            .any(|i| i.value.eq_ignore_ascii_case(&n.value))
                        {
                            d.issues.push(n.clone());
                        }
                    }
                    merged = Some(d);
                }
            }
            Lookup::Transitions(k) => {
                if !cache.transitions.contains_key(k)
                    && let Some(r) = &self.remote
                    && let Some(found) = r.transitions(k, LOOKUP_TIMEOUT)
                {
                    cache.transitions.insert(k.clone(), found);
                }
                if let Some(found) = cache.transitions.get(k) {
                    let mut d = (*data).clone();
                    d.lists.transitions.insert(k.clone(), found.clone());
                    merged = Some(d);
                }
            }
            Lookup::JqlData => {
                if cache.jql.is_none()
                    && let Some(r) = &self.remote
                {
                    cache.jql = r.jql_data(LOOKUP_TIMEOUT);
                }
                if let Some(j) = &cache.jql {
                    let mut d = (*data).clone();
                    d.jql = j.clone();
                    merged = Some(d);
                }
            }
        }
        drop(cache);
        match merged {
            Some(d) => {
                let mut again = complete::complete(line, pos, &d);
                again.lookup = None;
                again
            }
            None => first,
        }
    }

    fn known_command(&self, name: &str) -> bool {
        let d = self.snapshot();
        // Paths and call operators are not checked.
        name.contains(['/', '\\', '.'])
            || d.specs.iter().any(|s| {
                s.name.eq_ignore_ascii_case(name)
                    || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            })
            || d.functions.iter().any(|f| f.eq_ignore_ascii_case(name))
            || d.aliases.iter().any(|(a, _)| a.eq_ignore_ascii_case(name))
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let c = self.complete_line(line, pos);
        let pairs = c
            .candidates
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((c.start, pairs))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight::highlight(line, |n| self.known_command(n)))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(highlight::grey(hint))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.color && kind != CmdKind::MoveCursor
    }
}

/// Whether `input` is a complete script: incomplete only when the parser ran out of input.
pub fn validate_input(input: &str) -> ValidationResult {
    match parse_script(input) {
        Err(e) if e.incomplete => ValidationResult::Incomplete,
        _ => ValidationResult::Valid(None),
    }
}

impl Validator for ShellHelper {
    /// An open multi-line buffer (a paste, or a block being edited) stays in the editor: Enter
    /// adds a line. An open single line is accepted and the REPL continues it under a `>> `
    /// prompt (rustyline has no continuation prompt inside one buffer).
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if !input.contains('\n') {
            return Ok(ValidationResult::Valid(None));
        }
        Ok(validate_input(input))
    }
}

impl Helper for ShellHelper {}

/// The command word the cursor is on or right after (the first word of its segment).
pub fn command_at(line: &str, pos: usize) -> Option<&str> {
    let pos = pos.min(line.len());
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut start = pos;
    while start > 0 {
        let Some(c) = line[..start].chars().next_back() else {
            break;
        };
        if !is_word(c) {
            break;
        }
        start -= c.len_utf8();
    }
    let end = line[pos..]
        .find(|c: char| !is_word(c))
        .map_or(line.len(), |i| pos + i);
    let word = &line[start..end];
    if !word.is_empty() && !word.starts_with('-') {
        return Some(word);
    }
    // On a parameter or value: the command that heads the segment.
    let seg_start = line[..pos]
        .rfind(['|', ';', '{', '(', '\n'])
        .map_or(0, |i| i + 1);
    line[seg_start..].split_whitespace().next()
}

/// F1: prints help for the command under the cursor above the prompt and keeps the line.
pub struct HelpKey {
    data: SharedData,
    printer: Mutex<Box<dyn ExternalPrinter + Send>>,
}

impl HelpKey {
    /// A handler resolving names through `data` and printing through `printer`.
    pub fn new(data: SharedData, printer: Box<dyn ExternalPrinter + Send>) -> Self {
        HelpKey {
            data,
            printer: Mutex::new(printer),
        }
    }
}

/// The help text F1 shows for `name`, or a one-line note when it names no command.
pub fn help_for(name: &str, data: &CompletionData) -> String {
    let target = data
        .aliases
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(name))
        .map_or(name, |(_, t)| t.as_str());
    let spec = data.specs.iter().find(|s| {
        s.name.eq_ignore_ascii_case(target)
            || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(target))
    });
    match spec {
        Some(s) => {
            crate::cmd::help::render(s, &crate::cmd::help::HelpMode::Brief).unwrap_or_else(|e| e)
        }
        None => format!("No help for '{name}': not a command. Try Get-Command *{name}*"),
    }
}

impl ConditionalEventHandler for HelpKey {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext<'_>,
    ) -> Option<Cmd> {
        let name = command_at(ctx.line(), ctx.pos())?.to_owned();
        let data = match self.data.read() {
            Ok(d) => Arc::clone(&d),
            Err(p) => Arc::clone(&p.into_inner()),
        };
        let mut text = help_for(&name, &data);
        text.push('\n');
        if let Ok(mut p) = self.printer.lock() {
            let _ = p.print(text);
        }
        Some(Cmd::Noop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_under_cursor() {
        assert_eq!(command_at("Get-JiraIssue -Key X", 3), Some("Get-JiraIssue"));
        assert_eq!(
            command_at("Get-JiraIssue -Key X", 16),
            Some("Get-JiraIssue")
        );
        assert_eq!(command_at("$a | Select-Object Key", 22), Some("Key"));
        assert_eq!(
            command_at("$a | Select-Object -First 1", 21),
            Some("Select-Object")
        );
        assert_eq!(command_at("", 0), None);
    }

    #[test]
    fn validator_asks_the_parser() {
        assert!(matches!(
            validate_input("Get-X {"),
            ValidationResult::Incomplete
        ));
        assert!(matches!(
            validate_input("'abc"),
            ValidationResult::Incomplete
        ));
        assert!(matches!(
            validate_input("Get-X |"),
            ValidationResult::Incomplete
        ));
        assert!(matches!(
            validate_input("Get-X {\n}"),
            ValidationResult::Valid(_)
        ));
        // A syntax error is "valid" input: running it prints the error.
        assert!(matches!(
            validate_input("Get-X )"),
            ValidationResult::Valid(_)
        ));
    }

    struct Fake;
    impl Remote for Fake {
        fn issue_picker(&self, query: &str, _t: Duration) -> Option<Vec<Named>> {
            Some(vec![Named::new(
                format!("{}-42", query.trim_end_matches('-')),
                "From picker",
            )])
        }
        fn transitions(&self, _key: &str, _t: Duration) -> Option<Vec<String>> {
            Some(vec!["Start Progress".into()])
        }
        fn jql_data(&self, _t: Duration) -> Option<JqlData> {
            Some(JqlData {
                fields: vec!["customfield_1".into()],
                functions: vec![],
            })
        }
    }

    #[test]
    fn remote_lookups_merge_into_candidates() {
        use crate::cmd::spec::{CmdletSpec, Complete, Ty, param};
        use crate::cmd::{Command, FnCommand};
        fn f() -> Box<dyn Command> {
            Box::new(FnCommand(|_, _, _| Ok(())))
        }
        static P: &[crate::cmd::spec::ParamSpec] = &[
            param("Issue", Ty::Str)
                .position(0)
                .complete(Complete::IssueKey),
            param("Transition", Ty::Str)
                .position(1)
                .complete(Complete::Transition),
            param("Query", Ty::Str).complete(Complete::Jql),
        ];
        static S: CmdletSpec = CmdletSpec {
            params: P,
            ..CmdletSpec::new("Invoke-T", "t", f)
        };
        let data = CompletionData {
            specs: vec![&S],
            ..Default::default()
        };
        let shared: SharedData = Arc::new(RwLock::new(Arc::new(data)));
        let h = ShellHelper::new(shared.clone(), Some(Arc::new(Fake)), false);
        let c = h.complete_line("Invoke-T TEST-", 14);
        assert_eq!(c.replacements(), ["TEST-42"]);
        assert_eq!(c.candidates[0].display, "TEST-42  From picker");
        let c = h.complete_line("Invoke-T TEST-1 St", 18);
        assert_eq!(c.replacements(), ["'Start Progress'"]);
        let c = h.complete_line("Invoke-T -Query 'custom", 23);
        assert_eq!(c.replacements(), ["customfield_1"]);
        let offline = ShellHelper::new(shared, None, false);
        assert!(
            offline
                .complete_line("Invoke-T TEST-", 14)
                .candidates
                .is_empty()
        );
    }
}
