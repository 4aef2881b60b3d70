//! Questions asked on the terminal while a command runs, and the progress line.
//!
//! - [`confirm`]: `-Confirm` / ConfirmImpact High (y/N, dialoguer on stderr);
//! - [`ask_missing`]: values for mandatory parameters left out, PowerShell-style;
//! - [`Progress`]: an indicatif progress line with a count for long paged searches.
//!
//! Each works only when stdin and stderr are terminals; otherwise it declines at once (a
//! script never hangs on a question). Never call these while rustyline is reading a line.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// True when a question can be asked (stdin and stderr are terminals).
pub fn can_ask() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// The confirmation text PowerShell shows.
pub fn confirm_text(action: &str, target: &str) -> String {
    format!(
        "Confirm\nAre you sure you want to perform this action?\nPerforming the operation \"{action}\" on target \"{target}\"."
    )
}

/// Asks whether to go ahead with `action` on `target`; the default is No. `Ok(false)` without a
/// terminal or when the user answers no or presses Esc/Ctrl-C.
pub fn confirm(action: &str, target: &str) -> std::io::Result<bool> {
    if !can_ask() {
        return Ok(false);
    }
    eprintln!("{}", confirm_text(action, target));
    let answer = dialoguer::Confirm::new()
        .with_prompt("Continue?")
        .default(false)
        .wait_for_newline(true)
        .interact_opt()
        .map_err(|dialoguer::Error::IO(e)| e)?;
    Ok(answer.unwrap_or(false))
}

/// The header printed before asking for missing mandatory parameters.
pub fn missing_header(command: &str) -> String {
    format!(
        "cmdlet {command} at command pipeline position 1\nSupply values for the following parameters:"
    )
}

/// Asks for each missing mandatory parameter of `command` in turn. `None` when there is no
/// terminal or the user gives an empty answer or cancels (the command then fails with the
/// binder's "missing mandatory parameters" error, as PowerShell does).
pub fn ask_missing(command: &str, missing: &[&str]) -> Option<Vec<(String, String)>> {
    if missing.is_empty() || !can_ask() {
        return None;
    }
    eprintln!("{}", missing_header(command));
    let mut out = Vec::new();
    for name in missing {
        let v: String = dialoguer::Input::new()
            .with_prompt(*name)
            .allow_empty(true)
            .interact_text()
            .ok()?;
        if v.trim().is_empty() {
            return None;
        }
        out.push(((*name).to_owned(), v));
    }
    Some(out)
}

/// How long a search runs before its progress line appears: quick commands never flash one.
pub const PROGRESS_DELAY: Duration = Duration::from_millis(250);

/// A progress line on stderr — a spinner with a running count, and the total when Jira told
/// it — shown only when stderr is a terminal and the work has taken longer than
/// [`PROGRESS_DELAY`], and cleared when dropped. Output printed while it shows goes through
/// [`Progress::suspend`], so lines never mix with it.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    /// True once dropped; guards the delayed reveal so a finished line is never drawn.
    done: Arc<Mutex<bool>>,
}

impl Progress {
    /// Starts a progress line labelled `label` (`Get-JiraIssue`), hidden unless stderr is a
    /// terminal.
    pub fn start(label: &str) -> Progress {
        Self::start_if(std::io::stderr().is_terminal(), label)
    }

    /// Starts a progress line when `show` (the caller checked for a terminal); it counts at
    /// once but draws only after [`PROGRESS_DELAY`].
    pub fn start_if(show: bool, label: &str) -> Progress {
        let done = Arc::new(Mutex::new(false));
        if !show {
            return Progress { bar: None, done };
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos}") {
            bar.set_style(style);
        }
        bar.set_message(label.to_owned());
        let (reveal, flag) = (bar.clone(), done.clone());
        let spawned = std::thread::Builder::new()
            .name("jirash-progress".into())
            .spawn(move || {
                std::thread::sleep(PROGRESS_DELAY);
                if let Ok(done) = flag.lock()
                    && !*done
                {
                    reveal.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    reveal.enable_steady_tick(Duration::from_millis(120));
                }
            });
        // Without the thread the line simply never shows.
        drop(spawned);
        Progress {
            bar: Some(bar),
            done,
        }
    }

    /// Shows `total` as the number expected (`{count}/{total}`).
    pub fn set_total(&self, total: u64) {
        if let Some(b) = &self.bar {
            b.set_length(total);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos}/{len}")
            {
                b.set_style(style);
            }
        }
    }

    /// Adds `n` to the count.
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.inc(n);
        }
    }

    /// The count so far.
    pub fn count(&self) -> u64 {
        self.bar
            .as_ref()
            .map_or(0, indicatif::ProgressBar::position)
    }

    /// True when the progress line is shown.
    pub fn visible(&self) -> bool {
        self.bar.is_some()
    }

    /// Runs `f` (which may print) with the progress line taken off the screen, then redraws it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        let done = self.done.lock();
        if let Ok(mut d) = done {
            *d = true;
        }
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_follow_powershell() {
        assert_eq!(
            confirm_text("Remove issue", "TEST-1"),
            "Confirm\nAre you sure you want to perform this action?\nPerforming the operation \"Remove issue\" on target \"TEST-1\"."
        );
        assert!(
            missing_header("Get-JiraIssue")
                .starts_with("cmdlet Get-JiraIssue at command pipeline position 1\n")
        );
    }

    #[test]
    fn no_terminal_means_no_questions() {
        // cargo test runs without a terminal on stdin in CI; locally stdin may be one.
        if !can_ask() {
            assert_eq!(confirm("x", "y").ok(), Some(false));
            assert_eq!(ask_missing("Get-X", &["Key"]), None);
            let p = Progress::start("Searching");
            assert!(!p.visible());
            p.inc(3);
            assert_eq!(p.count(), 0);
        }
    }

    #[test]
    fn progress_counts_and_suspends_output() {
        let hidden = Progress::start_if(false, "Get-JiraIssue");
        assert!(!hidden.visible());
        assert_eq!(hidden.suspend(|| 7), 7);
        // Shown: the count follows `inc`, and `suspend` runs its closure.
        let shown = Progress::start_if(true, "Get-JiraIssue");
        assert!(shown.visible());
        shown.set_total(10);
        shown.inc(2);
        shown.inc(3);
        assert_eq!(shown.count(), 5);
        assert_eq!(shown.suspend(|| "printed"), "printed");
    }
}
