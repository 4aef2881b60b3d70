//! The interactive shell: the rustyline front end of jirash.
//!
//! Owns line editing (emacs or vi keys), the prompt, tab completion ([`complete`], a pure
//! function over a [`complete::CompletionData`] snapshot), highlighting, the validator that
//! asks the real parser whether input is complete, history with its secret filter
//! ([`history`]), Ctrl-C/Ctrl-D handling, F1 help, and the terminal prompts used by
//! confirmations and missing mandatory parameters ([`prompt`]). It never talks to Jira on a
//! keystroke except through [`helper::Remote`], which is bounded by a tight timeout.
//!
//! Input is run the way a script file is: parsed whole (a parse error runs nothing), then
//! statement by statement with output as it goes.

pub mod complete;
pub mod helper;
pub mod highlight;
pub mod history;
pub mod jql;
pub mod lookup;
pub mod prompt;
pub mod signals;
pub mod snapshot;

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};

use rustyline::config::{BellStyle, ColorMode, CompletionType, Config, Configurer, EditMode};
use rustyline::error::ReadlineError;
use rustyline::history::{FileHistory, History as _};
use rustyline::{Editor, EventHandler, KeyCode, KeyEvent, Modifiers};

use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::eval::value::Value;
use crate::lang::parser::parse_script;
use crate::repl::complete::JiraLists;
use crate::repl::helper::{HelpKey, SharedData, ShellHelper};
use crate::repl::history::{History, Recorded};
use crate::repl::lookup::{JiraRemote, ListRefresh};
use crate::repl::snapshot::{SeenIssues, Spellings};

/// The global variable `Get-History` reads (kept in step with `builtins::meta::HISTORY_VAR`).
const HISTORY_VAR: &str = "global:__history";

/// How the shell was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--no-profile`: do not run the profile script.
    pub no_profile: bool,
}

/// The one-line banner printed at start.
pub fn banner() -> String {
    format!(
        "jirash {} — Get-Help <command> for help, Get-Command to list commands, Tab to complete, F1 for help on the command at the cursor, Ctrl-D to exit.",
        env!("CARGO_PKG_VERSION")
    )
}

/// `user@host> ` when a session is open, else `jirash> `.
pub fn prompt_for(it: &Interp) -> String {
    let session = it.jira.existing_client().and_then(|c| c.session());
    match session {
        Some(s) => {
            let user = s
                .username
                .clone()
                .or_else(|| s.user.name.clone())
                .or_else(|| s.user.email_address.clone())
                .or_else(|| s.user.display_name.clone())
                .unwrap_or_default();
            let host = s.server.host_str().unwrap_or("jira").to_owned();
            if user.is_empty() {
                format!("{host}> ")
            } else {
                format!("{user}@{host}> ")
            }
        }
        None => "jirash> ".to_owned(),
    }
}

/// An environment setting as the shell sees it (`$env:NAME`, which also reflects the process
/// environment).
fn env_setting(it: &Interp, name: &str) -> Option<String> {
    match it.get_var(&format!("env:{name}")) {
        Value::Null => std::env::var(name).ok(),
        v => Some(crate::eval::convert::to_string(&v)),
    }
}

/// The profile script: `$XDG_CONFIG_HOME/jirash/profile.ps1`, else `~/.config/jirash/profile.ps1`.
pub fn profile_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let nonempty = |k: &str| var(k).filter(|v| !v.is_empty());
    match nonempty("XDG_CONFIG_HOME") {
        Some(c) => Some(PathBuf::from(c).join("jirash/profile.ps1")),
        None => nonempty("HOME").map(|h| PathBuf::from(h).join(".config/jirash/profile.ps1")),
    }
}

/// The key set: vi when `JIRASH_EDIT_MODE` is `vi` (any case), else emacs.
fn edit_mode(it: &Interp) -> EditMode {
    match env_setting(it, "JIRASH_EDIT_MODE") {
        Some(m) if m.trim().eq_ignore_ascii_case("vi") => EditMode::Vi,
        _ => EditMode::Emacs,
    }
}

/// Colour for the editor: the host's decision, and never under `NO_COLOR` or `TERM=dumb`.
fn editor_color(it: &Interp) -> bool {
    it.host.term.color
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Parses and runs `src` statement by statement. Returns `Some(code)` when the script ran
/// `exit`.
fn run_source(it: &mut Interp, src: &str, origin: &str) -> Option<i32> {
    let script = match parse_script(src) {
        Ok(s) => s,
        Err(e) => {
            it.host.err_line(&e.render(src, origin));
            return None;
        }
    };
    it.cancel_flag().store(false, Ordering::SeqCst);
    let r = it.run_top(&script.body);
    let _ = it.host.out.flush();
    let cancelled = it.cancel_flag().swap(false, Ordering::SeqCst);
    match r {
        Ok(()) => None,
        Err(Flow::Exit(n)) => Some(n),
        Err(Flow::Error(rec)) => {
            crate::output::print_error(&mut it.host, &rec);
            None
        }
        Err(Flow::Cancelled) => {
            it.host.err_line("Cancelled.");
            None
        }
        Err(_) if cancelled => {
            it.host.err_line("Cancelled.");
            None
        }
        Err(_) => None,
    }
}

/// Runs the profile script when present.
fn run_profile(it: &mut Interp) -> Option<i32> {
    let path = profile_path(history::process_env)?;
    let src = std::fs::read_to_string(&path).ok()?;
    let origin = path.display().to_string();
    run_source(it, &src, &origin)
}

/// The REPL's Jira-side state: lookups and lists for the current session.
#[derive(Default)]
struct JiraSide {
    /// `server|user` of the session the remote was made for.
    session_id: Option<String>,
    lists: JiraLists,
    refresh: Option<ListRefresh>,
}

impl JiraSide {
    /// Notices a new or ended session: swaps the helper's remote and starts a list refresh,
    /// whose lists go into the completer's snapshot (`data`) the moment they arrive.
    fn update(&mut self, it: &Interp, helper: &mut ShellHelper, data: &SharedData) {
        let client = it.jira.existing_client();
        let id = client
            .and_then(|c| c.session())
            .map(|s| format!("{}|{:?}", s.server, s.username));
        if id != self.session_id {
            self.session_id = id.clone();
            self.lists = JiraLists::default();
            if let Some(old) = self.refresh.take() {
                old.abandon();
            }
            match (id, client) {
                (Some(_), Some(c)) => {
                    helper.set_remote(Some(Arc::new(JiraRemote::new(c.share()))));
                    self.refresh = Some(ListRefresh::start(c.share(), Some(data.clone())));
                }
                _ => helper.set_remote(None),
            }
        }
        if let Some(l) = self.refresh.as_ref().and_then(ListRefresh::take) {
            self.lists = l;
            self.refresh = None;
        }
    }
}

/// Appends an accepted line to `Get-History`'s list.
fn push_get_history(it: &mut Interp, line: &str) {
    let mut items = it.get_var(HISTORY_VAR).enumerate();
    items.push(Value::str(line));
    it.set_var(HISTORY_VAR, Value::array(items));
}

/// Runs the interactive shell on the terminal until `exit` or Ctrl-D. Returns the exit status.
pub fn run(it: &mut Interp, opts: &Options) -> i32 {
    it.origin = "<stdin>".into();
    let color = editor_color(it);
    let mut mode = edit_mode(it);
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_space(true)
        .history_ignore_dups(true)
        .and_then(|b| b.max_history_size(10_000))
        .map(|b| {
            b.edit_mode(mode)
                .color_mode(if color {
                    ColorMode::Enabled
                } else {
                    ColorMode::Disabled
                })
                .bell_style(BellStyle::None)
                .build()
        });
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            eprintln!("jirash: cannot configure the line editor: {e}");
            return 1;
        }
    };
    let data: SharedData = Arc::new(RwLock::new(Arc::new(complete::CompletionData::default())));
    let mut rl: Editor<ShellHelper, FileHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("jirash: cannot start the line editor: {e}");
            return 1;
        }
    };
    rl.set_helper(Some(ShellHelper::new(data.clone(), None, color)));
    if let Ok(printer) = rl.create_external_printer() {
        let handler = HelpKey::new(data.clone(), Box::new(printer));
        rl.bind_sequence(
            KeyEvent(KeyCode::F(1), Modifiers::NONE),
            EventHandler::Conditional(Box::new(handler)),
        );
    }

    let mut hist = History::new(history::history_path(history::process_env));
    if history::history_enabled(|k| env_setting(it, k))
        && let Some(path) = &hist.path
    {
        match history::secure_file(path) {
            Ok(()) => {
                let _ = rl.load_history(path);
            }
            Err(e) => it
                .host
                .err_line(&format!("WARNING: history is not saved: {e}")),
        }
    }
    signals::install(it.cancel_flag());

    it.host.line(&banner());
    let _ = it.host.out.flush();
    if !opts.no_profile
        && let Some(code) = run_profile(it)
    {
        return code;
    }

    let mut seen = SeenIssues::default();
    let mut spell = Spellings::default();
    let mut side = JiraSide::default();
    let mut pending = String::new();
    loop {
        snapshot::collect_seen(it, &mut seen);
        if let Some(h) = rl.helper_mut() {
            side.update(it, h, &data);
        }
        let mut snap = snapshot::build(it, &side.lists, &seen, &spell);
        if let Ok(mut d) = data.write() {
            // Lists that arrived since `update` (published into the old snapshot) are kept.
            if let Some(l) = side.refresh.as_ref().and_then(ListRefresh::take) {
                snap.lists = l.clone();
                side.lists = l;
                side.refresh = None;
            }
            *d = Arc::new(snap);
        }
        // `$env:JIRASH_EDIT_MODE = 'vi'` (in the profile or at the prompt) takes effect at once.
        let wanted = edit_mode(it);
        if wanted != mode {
            mode = wanted;
            rl.set_edit_mode(mode);
        }
        let prompt = if pending.is_empty() {
            prompt_for(it)
        } else {
            ">> ".to_owned()
        };
        let line = match rl.readline(&prompt) {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => {
                if pending.is_empty() {
                    return 0;
                }
                pending.clear();
                continue;
            }
            Err(e) => {
                eprintln!("jirash: {e}");
                return 1;
            }
        };
        let src = if pending.is_empty() {
            line
        } else {
            format!("{pending}\n{line}")
        };
        if src.trim().is_empty() {
            pending.clear();
            continue;
        }
        if let Err(e) = parse_script(&src)
            && e.incomplete
        {
            pending = src;
            continue;
        }
        pending.clear();
        let kept = record_history(it, &mut rl, &mut hist, &src);
        seen.add_from_text(&src);
        spell.learn(&src);
        let code = run_source(it, &src, "<stdin>");
        // Like PowerShell, `Get-History` lists a line once it has run (not while it runs).
        if kept {
            push_get_history(it, src.trim_end());
        }
        if let Some(code) = code {
            return code;
        }
    }
}

/// Adds `src` to the editor's history and the history file, unless it holds a secret. True
/// when it was kept (it then joins `Get-History` once it has run).
fn record_history(
    it: &mut Interp,
    rl: &mut Editor<ShellHelper, FileHistory>,
    hist: &mut History,
    src: &str,
) -> bool {
    let file_on = history::history_enabled(|k| env_setting(it, k));
    match hist.record(src, file_on) {
        Recorded::Refused => false,
        r => {
            let _ = rl.add_history_entry(src);
            if r == Recorded::Saved
                && let Some(path) = hist.path.clone()
            {
                let _ = rl.history_mut().append(&path);
                let _ = history::secure_file(&path);
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banner_says_how_to_get_help() {
        let b = banner();
        assert!(!b.contains('\n'));
        for s in ["Get-Help", "Get-Command", "Tab", env!("CARGO_PKG_VERSION")] {
            assert!(b.contains(s), "{s} missing from {b}");
        }
    }

    #[test]
    fn profile_location() {
        let env = |k: &str| (k == "XDG_CONFIG_HOME").then(|| "/c".to_owned());
        assert_eq!(
            profile_path(env),
            Some(PathBuf::from("/c/jirash/profile.ps1"))
        );
        let env = |k: &str| (k == "HOME").then(|| "/h".to_owned());
        assert_eq!(
            profile_path(env),
            Some(PathBuf::from("/h/.config/jirash/profile.ps1"))
        );
    }
}
