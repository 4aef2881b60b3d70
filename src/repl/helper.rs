//! The rustyline `Helper`: completer, hinter, highlighter and validator, plus the F1 key
//! handler. Completion reads a shared [`CompletionData`] snapshot the REPL refreshes after each
//! command. Jira lookups go through [`Remote`] on background threads and are cached for the
//! session: typing never waits on the network; the issue picker is asked for the key being typed
//! once typing pauses ([`TYPING_PAUSE`]); a Tab press waits at most [`LOOKUP_TIMEOUT`] for an
//! answer not yet cached, and a later answer serves the next Tab.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock, mpsc};
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

/// The longest a Tab press waits for Jira; a later answer is kept for the next Tab.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_millis(400);

/// How long a background lookup may take before it is given up.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(3);

/// How long typing must pause before the issue picker is asked for the key being typed.
pub const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// Jira data completion may ask for. Implementations run the request on the client's runtime
/// and give up after `timeout` (returning `None`). They are called on background threads only,
/// never on the thread that reads keys.
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

/// One answer fetched from Jira.
#[derive(Debug, Clone)]
enum Answer {
    Issues(Vec<Named>),
    Transitions(Vec<String>),
    Jql(JqlData),
}

/// Answers fetched from Jira during this session, and the lookups under way.
#[derive(Default)]
struct LookupState {
    /// The session's remote (None when not connected).
    remote: Option<Arc<dyn Remote>>,
    /// Bumped when the session changes, so a late answer for the old one is dropped.
    generation: u64,
    answers: HashMap<Lookup, Answer>,
    in_flight: HashSet<Lookup>,
}

/// The lookup cache shared with the fetch threads.
#[derive(Default)]
struct Lookups {
    state: Mutex<LookupState>,
    answered: Condvar,
}

impl Lookups {
    fn lock(&self) -> MutexGuard<'_, LookupState> {
        match self.state.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Starts fetching `lookup` on a thread of its own unless it is answered or under way.
    /// Never waits for the network.
    fn fetch(self: &Arc<Self>, lookup: &Lookup) {
        let (remote, generation) = {
            let mut st = self.lock();
            let Some(remote) = st.remote.clone() else {
                return;
            };
            if st.answers.contains_key(lookup) || !st.in_flight.insert(lookup.clone()) {
                return;
            }
            (remote, st.generation)
        };
        let me = Arc::clone(self);
        let l = lookup.clone();
        let spawned = std::thread::Builder::new()
            .name("jirash-lookup".into())
            .spawn(move || {
                let answer = match &l {
                    Lookup::IssuePicker(q) => {
                        remote.issue_picker(q, FETCH_TIMEOUT).map(Answer::Issues)
                    }
                    Lookup::Transitions(k) => remote
                        .transitions(k, FETCH_TIMEOUT)
                        .map(Answer::Transitions),
                    Lookup::JqlData => remote.jql_data(FETCH_TIMEOUT).map(Answer::Jql),
                };
                let mut st = me.lock();
                if st.generation == generation {
                    st.in_flight.remove(&l);
                    // A failed lookup is not cached: the next Tab asks again.
                    if let Some(a) = answer {
                        st.answers.insert(l, a);
                    }
                }
                drop(st);
                me.answered.notify_all();
            });
        if spawned.is_err() {
            self.lock().in_flight.remove(lookup);
        }
    }

    /// The answer to `lookup`, fetching it and waiting at most `wait` for it.
    fn answer(self: &Arc<Self>, lookup: &Lookup, wait: Duration) -> Option<Answer> {
        self.fetch(lookup);
        let st = self.lock();
        let waited = self.answered.wait_timeout_while(st, wait, |st| {
            !st.answers.contains_key(lookup) && st.in_flight.contains(lookup)
        });
        let st = match waited {
            Ok((g, _)) => g,
            Err(p) => p.into_inner().0,
        };
        st.answers.get(lookup).cloned()
    }
}

/// Asks the issue picker for the key being typed once typing pauses for [`TYPING_PAUSE`]: the
/// editor sends every candidate lookup here (a channel send, never a wait); only the last one
/// standing when the pause ends is fetched.
struct Prefetch {
    tx: Mutex<Option<mpsc::Sender<Lookup>>>,
}

impl Prefetch {
    fn start(lookups: Arc<Lookups>, pause: Duration) -> Self {
        let (tx, rx) = mpsc::channel::<Lookup>();
        let spawned = std::thread::Builder::new()
            .name("jirash-prefetch".into())
            .spawn(move || {
                while let Ok(mut want) = rx.recv() {
                    loop {
                        match rx.recv_timeout(pause) {
                            Ok(newer) => want = newer,
                            Err(mpsc::RecvTimeoutError::Timeout) => break,
                            Err(mpsc::RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    lookups.fetch(&want);
                }
            });
        Prefetch {
            tx: Mutex::new(spawned.ok().map(|_| tx)),
        }
    }

    fn send(&self, l: Lookup) {
        if let Ok(tx) = self.tx.lock()
            && let Some(tx) = tx.as_ref()
        {
            let _ = tx.send(l);
        }
    }
}

/// True for a word that could be the start of an issue key (`TEST-`, `'ops-12`).
fn issue_key_prefix(word: &str) -> bool {
    let w = word.trim_start_matches(['\'', '"']);
    match w.split_once('-') {
        Some((p, n)) => {
            p.starts_with(|c: char| c.is_ascii_alphabetic())
                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && n.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// Issue-picker queries are cached by their upper-case text (`test-1` and `TEST-1` are one).
fn normalize(l: Lookup) -> Lookup {
    match l {
        Lookup::IssuePicker(q) => Lookup::IssuePicker(q.to_ascii_uppercase()),
        other => other,
    }
}

/// The line editor's helper.
pub struct ShellHelper {
    data: SharedData,
    lookups: Arc<Lookups>,
    prefetch: Prefetch,
    hinter: HistoryHinter,
    color: bool,
}

impl ShellHelper {
    /// A helper reading `data`, asking `remote` (when connected) and colouring when `color`.
    pub fn new(data: SharedData, remote: Option<Arc<dyn Remote>>, color: bool) -> Self {
        Self::with_pause(data, remote, color, TYPING_PAUSE)
    }

    /// [`ShellHelper::new`] with another typing pause before the issue picker is asked.
    pub fn with_pause(
        data: SharedData,
        remote: Option<Arc<dyn Remote>>,
        color: bool,
        pause: Duration,
    ) -> Self {
        let lookups = Arc::new(Lookups::default());
        lookups.lock().remote = remote;
        ShellHelper {
            data,
            prefetch: Prefetch::start(Arc::clone(&lookups), pause),
            lookups,
            hinter: HistoryHinter::new(),
            color,
        }
    }

    /// Sets or clears the Jira lookup (after `New-JiraSession` / `Remove-JiraSession`); the
    /// answers of the old session are forgotten.
    pub fn set_remote(&mut self, remote: Option<Arc<dyn Remote>>) {
        let mut st = self.lookups.lock();
        st.remote = remote;
        st.generation += 1;
        st.answers.clear();
        st.in_flight.clear();
    }

    fn snapshot(&self) -> Arc<CompletionData> {
        match self.data.read() {
            Ok(d) => Arc::clone(&d),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Called on every edit: when the cursor ends a word shaped like an issue key, queues an
    /// issue-picker lookup for it, which runs once typing pauses. Never waits.
    pub fn prefetch(&self, line: &str, pos: usize) {
        let Some(before) = line.get(..pos) else {
            return;
        };
        let word = before
            .rsplit(|c: char| c.is_whitespace() || "(,;|={".contains(c))
            .next()
            .unwrap_or("");
        if !issue_key_prefix(word) || self.lookups.lock().remote.is_none() {
            return;
        }
        let data = self.snapshot();
        if let Some(l @ Lookup::IssuePicker(_)) = complete::complete(line, pos, &data).lookup {
            self.prefetch.send(normalize(l));
        }
    }

    /// Completes with local data, then — when the answer says Jira could add more — merges
    /// what Jira answers within [`LOOKUP_TIMEOUT`] (cached for the session; a late answer is
    /// used by the next Tab).
    pub fn complete_line(&self, line: &str, pos: usize) -> Completion {
        let data = self.snapshot();
        let first = complete::complete(line, pos, &data);
        let Some(lookup) = first.lookup.clone().map(normalize) else {
            return first;
        };
        let Some(answer) = self.lookups.answer(&lookup, LOOKUP_TIMEOUT) else {
            return first;
        };
        let mut d = (*data).clone();
        match answer {
            Answer::Issues(found) => {
                if found.is_empty() {
                    return first;
                }
                for n in found {
                    if !d
                        .issues
                        .iter()
                        .any(|i| i.value.eq_ignore_ascii_case(&n.value))
                    {
                        d.issues.push(n);
                    }
                }
            }
            Answer::Transitions(found) => {
                if let Lookup::Transitions(k) = &lookup {
                    d.lists.transitions.insert(k.clone(), found);
                }
            }
            Answer::Jql(j) => d.jql = j,
        }
        let mut again = complete::complete(line, pos, &d);
        again.lookup = None;
        again
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
        self.prefetch(line, pos);
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
        // The terminal's width now (it may have been resized since start-up).
        let width = comfy_table::Table::new().width().map_or(120, usize::from);
        let mut text = crate::cmd::help::fit(&help_for(&name, &data), width);
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
        let offline = ShellHelper::new(shared.clone(), None, false);
        assert!(
            offline
                .complete_line("Invoke-T TEST-", 14)
                .candidates
                .is_empty()
        );
    }

    /// Counts picker calls; answers after `delay`.
    struct Counting {
        calls: Mutex<Vec<String>>,
        delay: Duration,
    }
    impl Remote for Counting {
        fn issue_picker(&self, query: &str, _t: Duration) -> Option<Vec<Named>> {
            if let Ok(mut c) = self.calls.lock() {
                c.push(query.to_owned());
            }
            std::thread::sleep(self.delay);
            Some(vec![Named::new("TEST-77", "Seventy-seven")])
        }
        fn transitions(&self, _key: &str, _t: Duration) -> Option<Vec<String>> {
            None
        }
        fn jql_data(&self, _t: Duration) -> Option<JqlData> {
            None
        }
    }

    fn key_spec_data() -> SharedData {
        use crate::cmd::spec::{CmdletSpec, Complete, Ty, param};
        use crate::cmd::{Command, FnCommand};
        fn f() -> Box<dyn Command> {
            Box::new(FnCommand(|_, _, _| Ok(())))
        }
        static P: &[crate::cmd::spec::ParamSpec] = &[param("Issue", Ty::Str)
            .position(0)
            .complete(Complete::IssueKey)];
        static S: CmdletSpec = CmdletSpec {
            params: P,
            ..CmdletSpec::new("Invoke-K", "k", f)
        };
        Arc::new(RwLock::new(Arc::new(CompletionData {
            specs: vec![&S],
            issues: vec![Named::new("TEST-7", "Seen before")],
            ..Default::default()
        })))
    }

    fn calls(r: &Counting) -> Vec<String> {
        r.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// Waits (bounded) until `f` holds.
    fn eventually(f: impl Fn() -> bool) -> bool {
        let end = std::time::Instant::now() + Duration::from_secs(5);
        while std::time::Instant::now() < end {
            if f() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        f()
    }

    #[test]
    fn picker_is_asked_once_typing_pauses_and_cached() {
        let remote = Arc::new(Counting {
            calls: Mutex::new(Vec::new()),
            delay: Duration::ZERO,
        });
        let h = ShellHelper::with_pause(
            key_spec_data(),
            Some(remote.clone()),
            false,
            Duration::from_millis(60),
        );
        // Keys typed quickly: only the word standing when typing pauses is looked up.
        for line in [
            "Invoke-K T",
            "Invoke-K TE",
            "Invoke-K TEST-",
            "Invoke-K test-7",
        ] {
            h.prefetch(line, line.len());
        }
        assert!(eventually(|| !calls(&remote).is_empty()));
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(calls(&remote), ["TEST-7"]);
        // Tab then answers from the cache: no second request.
        let c = h.complete_line("Invoke-K TEST-7", 15);
        assert_eq!(c.replacements(), ["TEST-7", "TEST-77"]);
        assert_eq!(c.candidates[1].display, "TEST-77  Seventy-seven");
        assert_eq!(calls(&remote), ["TEST-7"]);
        // Words that cannot be keys never ask.
        h.prefetch("Invoke-K $x", 11);
        h.prefetch("Invoke-K", 8);
        std::thread::sleep(Duration::from_millis(150));
        assert_eq!(calls(&remote).len(), 1);
    }

    #[test]
    fn a_slow_picker_does_not_hold_tab_and_serves_the_next_one() {
        let remote = Arc::new(Counting {
            calls: Mutex::new(Vec::new()),
            delay: LOOKUP_TIMEOUT + Duration::from_millis(300),
        });
        let h = ShellHelper::new(key_spec_data(), Some(remote.clone()), false);
        let started = std::time::Instant::now();
        let c = h.complete_line("Invoke-K TEST-", 14);
        let took = started.elapsed();
        // Local keys come back when Jira is slow.
        assert_eq!(c.replacements(), ["TEST-7"]);
        assert!(
            took < LOOKUP_TIMEOUT + Duration::from_millis(250),
            "{took:?}"
        );
        // The late answer is kept for the next Tab.
        assert!(eventually(|| h
            .complete_line("Invoke-K TEST-", 14)
            .replacements()
            .contains(&"TEST-77")));
        assert_eq!(calls(&remote).len(), 1);
    }

    #[test]
    fn a_new_session_forgets_old_answers() {
        let remote = Arc::new(Counting {
            calls: Mutex::new(Vec::new()),
            delay: Duration::ZERO,
        });
        let mut h = ShellHelper::new(key_spec_data(), Some(remote.clone()), false);
        assert_eq!(h.complete_line("Invoke-K TEST-", 14).candidates.len(), 2);
        h.set_remote(None);
        assert_eq!(
            h.complete_line("Invoke-K TEST-", 14).replacements(),
            ["TEST-7"]
        );
        h.set_remote(Some(remote.clone()));
        assert_eq!(h.complete_line("Invoke-K TEST-", 14).candidates.len(), 2);
        assert_eq!(calls(&remote).len(), 2);
    }
}
