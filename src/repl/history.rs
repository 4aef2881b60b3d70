//! Command history: where the file lives, whether history is on, and the secret filter that
//! keeps passwords and tokens out of it.
//!
//! The REPL adds entries itself (rustyline's `auto_add_history` is off) and only through
//! [`History::record`], which refuses any line [`holds_secret`] flags. This module never prints
//! a line it refused, and never logs it.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

/// Names of parameters whose value is a secret whatever it looks like.
const SECRET_PARAMS: &[&str] = &[
    "password",
    "apitoken",
    "token",
    "personalaccesstoken",
    "pat",
    "bearertoken",
    "secret",
    "clientsecret",
    "accesstoken",
];

/// Patterns that mark a line as holding a secret. Built once; they hold no state.
static SECRET_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // ConvertTo-SecureString 'x' -AsPlainText (any abbreviation of -AsPlainText).
        r"(?i)convertto-securestring\b.*-asp",
        // Header text.
        r"(?i)\bauthorization\b",
        r"(?i)\bbearer\s+\S",
        r"(?i)\bbasic\s+[A-Za-z0-9+/=]{8,}",
        // JSON web tokens and Atlassian API tokens.
        r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        r"\bATATT[A-Za-z0-9_=+/-]{16,}",
        // A credential built inline from strings.
        r#"(?i)(\[pscredential\]|pscredential|networkcredential)\s*(::new)?\s*\(?\s*['"]"#,
        r#"(?i)-credential\s*:?\s*[(\[].*['"]"#,
        // A credential in a query string: `?os_password=…`, `&jwt=…`.
        r#"(?i)[?&](os_password|password|passwd|token|access_token|api_token|jwt|client_secret)=[^&\s'"]"#,
        // A password in a URL: `https://user:password@host`.
        r#"(?i)\b[a-z][a-z0-9+.-]*://[^\s/?#@'"]*:[^\s/?#@'"]*@"#,
        // `$token = '…'`, `$env:JIRA_API_TOKEN = "…"`.
        r#"(?i)\$[\w:]*(token|passw|secret|apikey|api_key|pat)\w*\s*=\s*['"@]"#,
    ]
    .iter()
    .filter_map(|p| Regex::new(p).ok())
    .collect()
});

/// A `-Name` parameter token (with an optional `:value` glued on).
static PARAM: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?:^|[\s(;|{])-([A-Za-z][A-Za-z0-9]*)\b").ok());

/// A run of token-like characters.
static TOKEN_RUN: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9+_=-]{32,}").ok());

/// True when `line` looks like it holds a password, token or authorization header, so it must
/// not be written to the history file.
///
/// The rule errs towards refusing: a line that only names a secret parameter
/// (`-Password (Read-Host -AsSecureString)`) is refused too.
pub fn holds_secret(line: &str) -> bool {
    if SECRET_PATTERNS.iter().any(|r| r.is_match(line)) {
        return true;
    }
    if let Some(param) = PARAM.as_ref() {
        for cap in param.captures_iter(line) {
            if let Some(name) = cap.get(1) {
                let name = name.as_str().to_ascii_lowercase();
                if SECRET_PARAMS.contains(&name.as_str()) {
                    return true;
                }
            }
        }
    }
    if let Some(run) = TOKEN_RUN.as_ref() {
        for m in run.find_iter(line) {
            if looks_random(m.as_str()) {
                return true;
            }
        }
    }
    false
}

/// A long run that mixes upper case, lower case and digits, and is not a hyphenated name
/// (`Get-JiraIssueAttachmentFile`) — the shape of an API token or a base64 secret.
fn looks_random(s: &str) -> bool {
    let upper = s.bytes().any(|b| b.is_ascii_uppercase());
    let lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let hyphens = s.bytes().filter(|&b| b == b'-').count();
    upper && lower && digits >= 2 && hyphens * 8 < s.len()
}

/// Where the history file lives: `$XDG_STATE_HOME/jirash/history`, else
/// `~/.local/state/jirash/history`. `var` reads an environment variable (injected for tests).
pub fn history_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let nonempty = |k: &str| var(k).filter(|v| !v.is_empty());
    if let Some(state) = nonempty("XDG_STATE_HOME") {
        return Some(Path::new(&state).join("jirash").join("history"));
    }
    nonempty("HOME").map(|home| Path::new(&home).join(".local/state/jirash/history"))
}

/// False when `JIRASH_HISTORY` is `0`, `false`, `off` or `no` (in the process environment,
/// which `$env:JIRASH_HISTORY = 0` in the shell also sets).
pub fn history_enabled(var: impl Fn(&str) -> Option<String>) -> bool {
    match var("JIRASH_HISTORY") {
        Some(v) => !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "0" | "false" | "off" | "no"
        ),
        None => true,
    }
}

/// Reads a variable from the process environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// What happened to a line offered to the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Added to this session's list and, when the file is on, to the file.
    Saved,
    /// Added to this session's list only (history file turned off or not writable).
    SessionOnly,
    /// Refused: blank, or it holds a secret.
    Refused,
}

/// This session's history and the file it is mirrored to.
#[derive(Debug, Default)]
pub struct History {
    /// The history file, when one could be located.
    pub path: Option<PathBuf>,
    /// Lines entered in this session that passed the filter, oldest first (for `Get-History`).
    pub session: Vec<String>,
}

impl History {
    /// A history bound to `path` (which may not exist yet).
    pub fn new(path: Option<PathBuf>) -> Self {
        History {
            path,
            session: Vec::new(),
        }
    }

    /// Decides whether `line` may be kept. Blank lines and lines with a secret are refused;
    /// everything else joins the session list. The caller adds the same line to the editor
    /// and, when [`Recorded::Saved`] comes back, appends it to the file.
    pub fn record(&mut self, line: &str, file_enabled: bool) -> Recorded {
        let line = line.trim_end();
        if line.trim().is_empty() || holds_secret(line) {
            return Recorded::Refused;
        }
        self.session.push(line.to_owned());
        if file_enabled && self.path.is_some() {
            Recorded::Saved
        } else {
            Recorded::SessionOnly
        }
    }
}

/// Creates the directory of the history file (mode 0700) and tightens the file to 0600.
/// Errors are returned for the caller to report once; history is never worth stopping for.
pub fn secure_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
        set_mode(dir, 0o700)?;
    }
    if !path.exists() {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
    }
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_flagged() {
        for line in [
            "$p = ConvertTo-SecureString 'hunter2' -AsPlainText -Force",
            "ConvertTo-SecureString demo -asplain -Force",
            "New-JiraSession -Credential ([pscredential]::new('demo', $pw))",
            "$c = [pscredential]::new('bob', $s)",
            "Set-JiraConfigServer x -Password s3cret",
            "New-JiraSession -ApiToken abc",
            "New-JiraSession -PAT abc",
            "New-JiraSession -PersonalAccessToken:abc",
            "New-JiraSession -BearerToken x",
            "Invoke-JiraMethod /rest -Headers @{Authorization = 'Basic dXNlcjpwYXNz'}",
            "$h = 'Bearer abc.def'",
            "curl -H 'basic dXNlcjpwYXNzd29yZA=='",
            "$t = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig'",
            "$x = 'ATATT3xFfGF0abcdefghijklmnop'",
            "$token = 'whatever'",
            "$env:JIRA_API_TOKEN = \"x\"",
            "Write-Output Nzk2MjQ4OTQ1NDk2OkZhN3xQZ2Vk1x2b3ZyZXIwMTIzNDU2",
            "Set-JiraConfigServer 'https://alice:hunter2@jira.example.com'",
            "$env:HTTPS_PROXY = 'http://me:pw@proxy:3128'",
            "Invoke-JiraMethod '/rest/api/2/myself?os_username=bob&os_password=hunter2'",
        ] {
            assert!(holds_secret(line), "should be flagged: {line}");
        }
    }

    #[test]
    fn ordinary_lines_pass() {
        for line in [
            "Get-JiraIssue -Key TEST-1",
            "Get-JiraIssue -Query 'project = TEST AND status = \"In Progress\"'",
            "Get-JiraIssueAttachmentFile -Attachment $a -Path ./out",
            "$issues | Where-Object { $_.Status -eq 'Done' } | Select-Object Key, Summary",
            "New-JiraSession -Credential $cred",
            "New-JiraSession -Credential (Get-Credential)",
            "Get-Help New-JiraSession -Parameter Credential",
            "$patterns = 1",
            "Set-JiraIssue TEST-12 -Description 'basic things work'",
            "Get-ChildItem /home/alice/Projects/Report2024Quarterly/Final",
            "Set-JiraConfigServer 'https://jira.example.com:8443/jira'",
            "Invoke-JiraMethod 'https://jira.example.com/rest/api/2/user?username=a@b.c'",
            "Invoke-JiraMethod '/rest/api/3/search/jql?jql=x&nextPageToken=abc'",
        ] {
            assert!(!holds_secret(line), "should pass: {line}");
        }
    }

    #[test]
    fn path_prefers_xdg_state_home() {
        let env = |k: &str| match k {
            "XDG_STATE_HOME" => Some("/s".to_owned()),
            "HOME" => Some("/h".to_owned()),
            _ => None,
        };
        assert_eq!(history_path(env), Some(PathBuf::from("/s/jirash/history")));
        let env = |k: &str| (k == "HOME").then(|| "/h".to_owned());
        assert_eq!(
            history_path(env),
            Some(PathBuf::from("/h/.local/state/jirash/history"))
        );
        assert_eq!(history_path(|_| None), None);
    }

    #[test]
    fn jirash_history_zero_turns_it_off() {
        assert!(history_enabled(|_| None));
        assert!(!history_enabled(|_| Some("0".into())));
        assert!(!history_enabled(|_| Some("off".into())));
        assert!(history_enabled(|_| Some("1".into())));
    }

    #[test]
    fn record_refuses_secrets_and_blanks() {
        let mut h = History::new(Some(PathBuf::from("/x")));
        assert_eq!(h.record("Get-JiraIssue TEST-1", true), Recorded::Saved);
        assert_eq!(h.record("   ", true), Recorded::Refused);
        assert_eq!(
            h.record("New-JiraSession -Password x", true),
            Recorded::Refused
        );
        assert_eq!(h.record("Get-JiraProject", false), Recorded::SessionOnly);
        assert_eq!(h.session, vec!["Get-JiraIssue TEST-1", "Get-JiraProject"]);
    }

    #[test]
    fn secure_file_sets_modes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state/jirash/history");
        assert!(secure_file(&path).is_ok());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .expect("history file")
                .permissions()
                .mode()
                & 0o777;
            assert_eq!(mode, 0o600);
        }
    }
}
