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
    let home = tempfile::tempdir().expect("temp dir");
    let path = home.path().to_path_buf();
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
    /// Waits for a fresh prompt with an empty line (rustyline drops keys typed before it).
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
    login(&mut sh);
    // Parameter completion of a Jira cmdlet.
    sh.start("Get-JiraIssue -Ke\t");
    sh.expect("-Key");
    sh.ctrl('c');
    // Issue keys come from the issue picker for the typed prefix.
    sh.start("Get-JiraIssue TEST-1\t\t");
    sh.expect("TEST-10");
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
