//! PTY smoke tests of the interactive shell: the real binary in a pseudo-terminal, driven by
//! keystrokes (rexpect). Kept few (design.md example 10); the completer itself is tested as a
//! plain function in `repl_complete.rs`. Each test runs with HOME/XDG dirs in a temp dir and
//! `NO_COLOR=1`, and every wait is bounded.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

const TIMEOUT_MS: u64 = 10_000;
const LOGIN: &str = "New-JiraSession -Credential ([pscredential]::new('demo', (ConvertTo-SecureString demo -AsPlainText -Force))) | Out-Null";

struct Shell {
    p: PtySession,
    _home: tempfile::TempDir,
    home: std::path::PathBuf,
}

fn shell(args: &[&str]) -> Shell {
    shell_env(args, &[])
}

fn shell_env(args: &[&str], env: &[(&str, &str)]) -> Shell {
    shell_with(args, env, |_| {})
}

/// A shell whose temp home `setup` prepares first (a profile, say).
fn shell_with(args: &[&str], env: &[(&str, &str)], setup: impl FnOnce(&Path)) -> Shell {
    let home = tempfile::tempdir().expect("temp dir");
    let path = home.path().to_path_buf();
    setup(&path);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jirash"));
    cmd.args(args)
        .env("HOME", &path)
        .env("XDG_STATE_HOME", path.join("state"))
        .env("XDG_CONFIG_HOME", path.join("config"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .env_remove("JIRASH_HISTORY")
        .env_remove("JIRASH_EDIT_MODE")
        .env_remove("JIRA_URL")
        .env_remove("JIRASH_TOKEN")
        .current_dir(&path);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn jirash in a pty");
    Shell {
        p,
        _home: home,
        home: path,
    }
}

impl Shell {
    fn send(&mut self, s: &str) {
        self.p.send(s).expect("send");
        self.p.flush().expect("flush");
    }
    fn line(&mut self, s: &str) {
        self.send(s);
        self.send("\r");
    }
    fn expect(&mut self, s: &str) -> String {
        match self.p.exp_string(s) {
            Ok(before) => before,
            Err(e) => panic!("waiting for {s:?}: {e}"),
        }
    }
    /// Waits for `s` at the start of an output line (the echo of the typed line never matches,
    /// because it has a quote or the prompt before the text).
    fn output(&mut self, s: &str) -> String {
        self.expect(&format!("\n{s}"))
    }
    /// Waits for a fresh prompt with an empty line.
    fn prompt(&mut self) {
        self.expect("> \r\x1b[");
    }
    /// Waits for the prompt, then types `s` and Enter.
    fn cmd(&mut self, s: &str) {
        self.prompt();
        self.line(s);
    }
    /// Waits for the prompt, then types `s`.
    fn start(&mut self, s: &str) {
        self.prompt();
        self.send(s);
    }
    fn ctrl(&mut self, c: char) {
        self.p.send_control(c).expect("control key");
    }
    fn exit_status(&mut self) -> WaitStatus {
        self.p.process_mut().wait().expect("wait")
    }
}

fn login(sh: &mut Shell) {
    sh.cmd(&format!("{LOGIN}; 'logged' + '-in'"));
    sh.output("logged-in");
}

#[test]
fn banner_prompt_and_ctrl_d_exits_zero() {
    let mut sh = shell(&[]);
    sh.expect("Get-Help");
    sh.cmd("'hel' + 'lo'");
    sh.output("hello");
    sh.ctrl('d');
    sh.p.exp_eof().expect("eof");
    assert!(matches!(sh.exit_status(), WaitStatus::Exited(_, 0)));
}

#[test]
fn lines_typed_ahead_while_a_command_runs_are_kept() {
    let mut sh = shell(&[]);
    sh.prompt();
    // Three lines arrive at once, the first still running when the others are typed: none is
    // lost (rustyline keeps its read-ahead between lines with the `buffer-redux` feature).
    sh.send("Start-Sleep -Milliseconds 300; 'first' + '-ran'\r'second' + '-ran'\rif ($true) {\r'third' + '-ran' }\r");
    sh.output("first-ran");
    sh.output("second-ran");
    sh.output("third-ran");
}

#[test]
fn tab_completes_commands_parameters_values_and_variables() {
    let mut sh = shell(&[]);
    // A variable and a record property.
    sh.cmd("$myRecord = [pscustomobject]@{ Summary = 'from-property' }; 'set' + '-done'");
    sh.output("set-done");
    sh.start("$myRec\t");
    sh.expect("$myRecord");
    sh.send(".Summ\t");
    sh.expect("$myRecord.Summary");
    sh.send("\r");
    sh.output("from-property");
    // Command name, parameter name, fixed-set value.
    sh.start("Write-Outp\t");
    sh.expect("Write-Output");
    sh.send(" 'cmd-ok' -ErrorAct\t");
    sh.expect("-ErrorAction");
    sh.send(" Silently\t");
    sh.expect("SilentlyContinue");
    sh.send("\r");
    sh.output("cmd-ok");
    // F1 prints help for the command at the cursor and keeps the line.
    sh.start("Get-Date");
    sh.send("\x1bOP");
    sh.expect("SYNOPSIS");
    sh.ctrl('c');
    sh.cmd("'after' + '-help'");
    sh.output("after-help");
}

#[test]
fn issue_keys_and_parameters_complete_against_the_simulator() {
    let sim = jira_sim::spawn(jira_sim::Options::default()).expect("simulator");
    let mut sh = shell(&["--server", &sim.base_url]);
    // Without a session the prompt is `jirash> `.
    sh.expect("jirash> \r\x1b[");
    sh.line(&format!("{LOGIN}; 'logged' + '-in'"));
    sh.output("logged-in");
    // With a session the prompt shows its user and host.
    sh.expect("demo@127.0.0.1> \r\x1b[");
    // Parameter completion of a Jira cmdlet.
    sh.send("Get-JiraIssue -Ke\t");
    sh.expect("-Key");
    sh.ctrl('c');
    // Issue keys come from the issue picker for the typed prefix.
    sh.start("Get-JiraIssue TEST-1\t\t");
    // The list shows each key's summary beside it.
    sh.p.exp_regex(r"TEST-10  [A-Z][a-z]+ ")
        .expect("issue key candidates with summaries");
    sh.ctrl('c');
    // Keys seen earlier in the session complete from local data, with their summary.
    sh.cmd("$i = Get-JiraIssue TEST-2; 'got' + '-it'");
    sh.output("got-it");
    sh.start("$i.Ke\t");
    sh.expect("$i.Key");
    sh.send("\r");
    sh.output("TEST-2");
}

#[test]
fn demo_opens_a_logged_in_shell_whose_lists_complete_before_any_command() {
    let mut sh = shell(&["--demo"]);
    sh.expect("Welcome to the jirash demo");
    sh.expect("Get-JiraIssue -Query 'project = TEST'");
    sh.expect("demo@127.0.0.1> \r\x1b[");
    // The session's lists (projects, statuses, ...) are fetched in the background at login and
    // reach the completer as soon as they arrive, not only after the first command has run.
    std::thread::sleep(Duration::from_millis(500));
    sh.send("Get-JiraIssue -Query 'project = WE\t");
    sh.expect("project = WEB");
    sh.send("' | Select-Object -First 1 -ExpandProperty Key\r");
    // A quick search shows no progress line (it would only flicker).
    let before = sh.output("WEB-");
    assert!(!before.contains("Get-JiraIssue: "), "{before:?}");
}

#[test]
fn multi_line_paste_runs_whole_and_open_lines_continue() {
    let mut sh = shell(&[]);
    // A bracketed paste of two statements runs both, in order.
    sh.start("\x1b[200~'first-out'\r'second-out'\x1b[201~\r");
    sh.output("first-out");
    sh.output("second-out");
    // A paste with a syntax error runs nothing.
    sh.start("\x1b[200~'not-run-1'\r)\x1b[201~\r");
    let before = sh.expect("ParserError");
    assert!(
        !before.contains("\nnot-run-1"),
        "a statement ran: {before:?}"
    );
    // An open block continues under `>> ` until it closes.
    sh.cmd("if ($true) {");
    sh.expect(">> \r\x1b[");
    sh.line("'in-block' }");
    sh.output("in-block");
}

#[test]
fn ctrl_c_clears_the_line_and_cancels_a_slow_request() {
    let sim = jira_sim::spawn(jira_sim::Options {
        latency_ms: 6000,
        ..Default::default()
    })
    .expect("simulator");
    let mut sh = shell(&["--server", &sim.base_url]);
    sh.start("'never-run'");
    sh.ctrl('c');
    sh.cmd("'still' + '-here'");
    let before = sh.output("still-here");
    assert!(
        !before.contains("\nnever-run"),
        "cleared line ran: {before:?}"
    );
    sh.cmd("Invoke-JiraMethod -URI /rest/api/2/serverInfo; 'request' + '-done'");
    std::thread::sleep(Duration::from_millis(800));
    let started = Instant::now();
    sh.ctrl('c');
    sh.cmd("'alive' + '-after'");
    let before = sh.output("alive-after");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "Ctrl-C did not cancel the request"
    );
    assert!(
        !before.contains("\nrequest-done"),
        "the command went on: {before:?}"
    );
}

#[test]
fn get_credential_hides_the_password() {
    let mut sh = shell(&[]);
    sh.cmd("$c = Get-Credential -UserName bob");
    sh.expect("Password");
    sh.send("pty-s3cret\r");
    sh.cmd("'user=' + $c.UserName");
    let before = sh.output("user=bob");
    assert!(
        !before.contains("pty-s3cret"),
        "password echoed: {before:?}"
    );
}

#[test]
fn missing_mandatory_parameters_are_asked_for() {
    let mut sh = shell(&[]);
    sh.cmd("$victim = 1");
    sh.cmd("Remove-Variable");
    sh.expect("Supply values for the following parameters:");
    sh.expect("Name");
    sh.send("victim\r");
    sh.cmd("'gone=' + ($null -eq $victim)");
    sh.output("gone=True");
}

#[test]
fn history_file_keeps_lines_but_never_secrets() {
    let mut sh = shell(&[]);
    sh.cmd("'kept' + '-line'");
    sh.output("kept-line");
    sh.cmd("$pw = ConvertTo-SecureString 'hunter2-pty' -AsPlainText -Force");
    sh.cmd("Get-History | ForEach-Object { 'hist: ' + $_.CommandLine }");
    sh.output("hist: 'kept' + '-line'");
    sh.ctrl('d');
    sh.p.exp_eof().expect("eof");
    let path = sh.home.join("state/jirash/history");
    let text = std::fs::read_to_string(&path).expect("history file");
    assert!(text.contains("'kept' + '-line'"), "{text}");
    assert!(!text.contains("hunter2"), "secret in history: {text}");
    assert_mode_600(&path);
}

fn assert_mode_600(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn confirmations_ask_and_no_means_nothing_is_done() {
    let mut sh = shell(&[]);
    sh.cmd("$keep = 1; $gone = 2; $asked = 3");
    // -Confirm asks (default No); n leaves the variable alone.
    sh.cmd("Remove-Variable keep -Confirm");
    sh.expect("Performing the operation \"Remove Variable\" on target \"Name: keep\".");
    sh.expect("[y/N]");
    sh.send("n\r");
    sh.cmd("'keep=' + $keep");
    sh.output("keep=1");
    // y goes ahead.
    sh.cmd("Remove-Variable gone -Confirm");
    sh.expect("[y/N]");
    sh.send("y\r");
    sh.cmd("'gone=' + ($null -eq $gone)");
    sh.output("gone=True");
    // No -Confirm: asked only when the command's ConfirmImpact reaches $ConfirmPreference.
    sh.cmd("Remove-Variable gone2 -ErrorAction SilentlyContinue; 'not' + '-asked'");
    sh.output("not-asked");
    sh.cmd("$ConfirmPreference = 'Medium'");
    sh.cmd("Remove-Variable asked");
    sh.expect("on target \"Name: asked\"");
    sh.send("n\r");
    sh.cmd("'asked=' + $asked");
    sh.output("asked=3");
}

#[test]
fn continuation_prompt_for_open_quotes_pipes_and_backticks() {
    let mut sh = shell(&[]);
    // An open string continues under `>> ` and keeps its newline.
    sh.cmd("$s = 'one");
    sh.expect(">> \r\x1b[");
    sh.line("two'");
    sh.cmd("$s.Replace(\"`n\", '+')");
    sh.output("one+two");
    // A trailing pipe waits for the next command.
    sh.cmd("1, 2 |");
    sh.expect(">> \r\x1b[");
    sh.line("ForEach-Object { 'piped-' + ($_ * 10) }");
    sh.output("piped-10");
    sh.output("piped-20");
    // A line-ending backtick continues the command.
    sh.cmd("Write-Output `");
    sh.expect(">> \r\x1b[");
    sh.line("'after-backtick'");
    sh.output("after-backtick");
    // Ctrl-C at `>> ` drops the open statement.
    sh.cmd("if ($true) {");
    sh.expect(">> \r\x1b[");
    sh.ctrl('c');
    sh.cmd("'fresh' + '-start'");
    sh.output("fresh-start");
}

#[test]
fn help_by_question_mark_examples_and_get_command() {
    let mut sh = shell(&[]);
    sh.cmd("Get-Date -?");
    sh.expect("SYNOPSIS");
    sh.output("    Gets the date and time.");
    sh.cmd("help Get-Date -Examples");
    sh.expect("EXAMPLE 1");
    sh.cmd("Get-Command *Variable* | ForEach-Object { 'cmd:' + $_.Name }");
    sh.output("cmd:Get-Variable");
    sh.output("cmd:Remove-Variable");
}

#[test]
fn profile_runs_and_can_turn_on_vi_keys_unless_no_profile() {
    let write_profile = |home: &Path| {
        let dir = home.join("config/jirash");
        std::fs::create_dir_all(&dir).expect("config dir");
        std::fs::write(
            dir.join("profile.ps1"),
            "$env:JIRASH_EDIT_MODE = 'vi'\n'profile' + '-ran'\n",
        )
        .expect("profile");
    };
    let mut sh = shell_with(&[], &[], write_profile);
    sh.output("profile-ran");
    // vi keys: Esc to normal mode, 0 to the start, i to insert there.
    sh.start("'vi-keys'");
    sh.send("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    sh.send("0i'on-' + ");
    sh.send("\r");
    sh.output("on-vi-keys");
    // The setting can be changed back at the prompt.
    sh.cmd("$env:JIRASH_EDIT_MODE = 'emacs'");
    sh.start("'emacs-keys'");
    sh.ctrl('a');
    sh.send("'on-' + \r");
    sh.output("on-emacs-keys");

    let mut sh = shell_with(&["-NoProfile"], &[], write_profile);
    sh.cmd("'no' + '-profile'");
    let before = sh.output("no-profile");
    assert!(!before.contains("profile-ran"), "profile ran: {before:?}");
}

#[test]
fn jirash_history_zero_keeps_the_file_out() {
    // Turned off at the prompt: later lines stay out of the file but in Get-History.
    let mut sh = shell(&[]);
    sh.cmd("'before' + '-off'");
    sh.output("before-off");
    sh.cmd("$env:JIRASH_HISTORY = 0");
    sh.cmd("'after' + '-off'");
    sh.output("after-off");
    // Get-History lists the three lines run before it (not itself, as in PowerShell).
    sh.cmd("(Get-History).Count");
    sh.output("3");
    sh.ctrl('d');
    sh.p.exp_eof().expect("eof");
    let path = sh.home.join("state/jirash/history");
    let text = std::fs::read_to_string(&path).expect("history file");
    assert!(text.contains("'before' + '-off'"), "{text}");
    assert!(
        !text.contains("after"),
        "kept after JIRASH_HISTORY=0: {text}"
    );

    // Off from the start: no file at all.
    let mut sh = shell_env(&[], &[("JIRASH_HISTORY", "0")]);
    sh.cmd("'not' + '-saved'");
    sh.output("not-saved");
    sh.ctrl('d');
    sh.p.exp_eof().expect("eof");
    let path = sh.home.join("state/jirash/history");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(!text.contains("not"), "history written: {text}");
}

#[test]
fn paged_search_shows_a_progress_line_only_on_a_terminal() {
    let sim = jira_sim::spawn(jira_sim::Options {
        latency_ms: 150,
        ..Default::default()
    })
    .expect("simulator");
    // Ten pages at 150 ms, four at a time: well past the delay before the line appears.
    let search = "$found = Get-JiraIssue -Query 'project = TEST' -PageSize 2";
    let mut sh = shell(&["--server", &sim.base_url]);
    login(&mut sh);
    sh.cmd(&format!("{search}; 'found=' + $found.Count"));
    // Cleared when done: the line is erased right before the output that follows.
    let before = sh.expect("\x1b[2Kfound=20");
    assert!(
        before.contains("Get-JiraIssue: "),
        "no progress line: {before:?}"
    );

    // Not on a terminal: nothing on stderr.
    let home = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_jirash"))
        .args(["--server", &sim.base_url, "-c"])
        .arg(format!("{LOGIN}; {search}; $found.Count"))
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run jirash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("Get-JiraIssue"),
        "progress off a terminal: {stderr}"
    );
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<u32>()
            .is_ok_and(|n| n > 4)
    );
}

#[test]
fn ctrl_r_finds_an_earlier_line_and_runs_it() {
    let mut sh = shell(&[]);
    sh.cmd("'needle' + '-' + 'one'");
    sh.output("needle-one");
    sh.cmd("'other' + '-line'");
    sh.output("other-line");
    sh.start("");
    sh.ctrl('r');
    sh.send("needle");
    sh.expect("(reverse-i-search)");
    sh.expect("'needle' + '-' + 'one'");
    sh.send("\r");
    sh.output("needle-one");
}

#[test]
fn line_is_coloured_unless_no_color_and_exit_sets_the_status() {
    // Colour on (no NO_COLOR, a real terminal type): known commands yellow, strings cyan.
    let home = tempfile::tempdir().expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jirash"));
    cmd.env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .current_dir(home.path());
    let p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn jirash in a pty");
    let mut sh = Shell {
        p,
        _home: home,
        home: std::path::PathBuf::new(),
    };
    sh.start("Write-Output 'tint'");
    sh.expect("\x1b[93mWrite-Output\x1b[0m");
    sh.expect("\x1b[36m'tint'\x1b[0m");
    sh.send("\r");
    sh.cmd("exit 3");
    sh.p.exp_eof().expect("eof");
    assert!(matches!(sh.exit_status(), WaitStatus::Exited(_, 3)));

    // NO_COLOR: the line is echoed without colour codes.
    let mut sh = shell(&[]);
    sh.start("Write-Output 'plain'");
    let echoed = sh.expect("'plain'");
    sh.send("\r");
    let out = sh.output("plain");
    assert!(
        !echoed.contains("\x1b[93m") && !out.contains("\x1b[93m"),
        "coloured under NO_COLOR: {echoed:?} {out:?}"
    );
}
