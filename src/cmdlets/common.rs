//! What every Jira cmdlet shares: running a client call with the command's cancellation token,
//! turning client events into `-Verbose` lines and warnings, turning [`JiraError`]s into
//! PowerShell errors (one non-terminating error per Jira message; authentication, transport and
//! configuration problems terminating), and reading `-Credential`.

use std::io::IsTerminal;

use secrecy::{ExposeSecret, SecretString};

use crate::cmd::Bound;
use crate::eval::Interp;
use crate::eval::error::{ErrorCategory, ErrorRecord, Flow};
use crate::eval::value::Value;
use crate::jira::{Auth, Cancel, Credentials, Event, JiraClient, JiraError};

/// Runs `f` against the shell's client with a fresh cancellation token (tripped by Ctrl-C),
/// then writes the events the client reported (`-Verbose` request lines, retry warnings).
/// The outer `Result` is the shell's (a warning under `-WarningAction Stop`, or no client);
/// the inner one is the client's.
pub fn call<T>(
    it: &mut Interp,
    cmd: &str,
    f: impl FnOnce(&JiraClient, &Cancel) -> Result<T, JiraError>,
) -> Result<Result<T, JiraError>, Flow> {
    prepare(it, cmd)?;
    let guard = it.jira.begin_command();
    let result = match it.jira.client() {
        Ok(client) => f(client, &guard.cancel),
        Err(e) => Err(e),
    };
    drop(guard);
    flush_events(it, cmd)?;
    Ok(result)
}

/// A fresh cancellation token for work that outlives one [`call`] (a page stream); drop it when
/// the work ends.
pub fn begin(it: &mut Interp, cmd: &str) -> Result<crate::cmdlets::state::CommandCancel, Flow> {
    prepare(it, cmd)?;
    Ok(it.jira.begin_command())
}

/// Gets the Jira state ready for a command: applies `jirash --server` (the interpreter's
/// `server_override`) for this run, warns once about an unreadable saved server, and creates
/// the client.
pub fn prepare(it: &mut Interp, cmd: &str) -> Result<(), Flow> {
    if let Some(text) = it.server_override.clone()
        && it.jira.override_text() != Some(text.as_str())
    {
        let url = crate::jira::config::parse_server_url(&text).map_err(|e| terminating(cmd, &e))?;
        it.jira.set_server_override_from(text, url);
    }
    if let Some(w) = it.jira.take_config_problem() {
        it.write_warning(&w)?;
    }
    if let Err(e) = it.jira.client() {
        return Err(terminating(cmd, &e));
    }
    Ok(())
}

/// Writes collected client events: requests as `-Verbose` lines (`[Cmd] GET https://…`),
/// warnings as warnings.
pub fn flush_events(it: &mut Interp, cmd: &str) -> Result<(), Flow> {
    for e in it.jira.take_events() {
        match e {
            Event::Request { method, url } => it.write_verbose(&format!("[{cmd}] {method} {url}")),
            Event::Warning(w) => it.write_warning(&format!("[{cmd}] {w}"))?,
        }
    }
    Ok(())
}

fn category(e: &JiraError) -> ErrorCategory {
    match e {
        JiraError::AuthenticationFailed { .. }
        | JiraError::NotLoggedIn { .. }
        | JiraError::CaptchaRequired { .. }
        | JiraError::AuthenticationDenied { .. } => ErrorCategory::AuthenticationError,
        JiraError::AuthorisationFailed { .. } | JiraError::InsecureTransport { .. } => {
            ErrorCategory::PermissionDenied
        }
        JiraError::Connect { .. }
        | JiraError::Timeout { .. }
        | JiraError::Tls { .. }
        | JiraError::NotHttp { .. }
        | JiraError::ConnectionLost { .. }
        | JiraError::Transport { .. }
        | JiraError::Redirect { .. } => ErrorCategory::ConnectionError,
        JiraError::Cancelled => ErrorCategory::OperationStopped,
        JiraError::ServerNotConfigured
        | JiraError::InvalidServerUrl { .. }
        | JiraError::UriPathMustStartWithSlash(_)
        | JiraError::UriWithCredentials(_)
        | JiraError::InvalidRequest(_) => ErrorCategory::InvalidArgument,
        JiraError::Api { status, .. } => match status {
            404 => ErrorCategory::ObjectNotFound,
            401 => ErrorCategory::AuthenticationError,
            403 => ErrorCategory::PermissionDenied,
            429 => ErrorCategory::LimitsExceeded,
            _ => ErrorCategory::InvalidOperation,
        },
        _ => ErrorCategory::NotSpecified,
    }
}

fn error_id(cmd: &str, e: &JiraError) -> String {
    let kind = match e {
        JiraError::ServerNotConfigured => "ParameterValue.JiraServerNotConfigured".to_owned(),
        JiraError::UriPathMustStartWithSlash(_) => {
            "ParameterValue.UriPathMustStartWithSlash".to_owned()
        }
        JiraError::UriWithCredentials(_) => "ParameterValue.UriWithCredentials".to_owned(),
        JiraError::AuthenticationFailed { .. } => "AuthenticationFailed".to_owned(),
        JiraError::NotLoggedIn { .. } => "AuthenticationRequired".to_owned(),
        JiraError::CaptchaRequired { .. } | JiraError::AuthenticationDenied { .. } => {
            "AuthenticationDenied".to_owned()
        }
        JiraError::AuthorisationFailed { .. } => "AuthorisationFailed".to_owned(),
        JiraError::InsecureTransport { .. } => "InsecureTransport".to_owned(),
        JiraError::Cancelled => "OperationStopped".to_owned(),
        other => match other.status() {
            Some(s) => format!("InvalidResponse.Status{s}"),
            None => "JiraRequestFailed".to_owned(),
        },
    };
    format!("{kind},{cmd}")
}

/// The terminating error for `e` (Ctrl-C becomes [`Flow::Cancelled`]).
pub fn terminating(cmd: &str, e: &JiraError) -> Flow {
    if matches!(e, JiraError::Cancelled) {
        return Flow::Cancelled;
    }
    ErrorRecord::new(e.to_string())
        .command(cmd)
        .category(category(e))
        .id(error_id(cmd, e))
        .into()
}

/// Reports a client error as JiraPS does: each of Jira's messages becomes one non-terminating
/// error (so the command goes on with its next input); anything that is not Jira's answer to
/// this one request (authentication, CAPTCHA, transport, configuration, Ctrl-C) terminates.
pub fn report(it: &mut Interp, cmd: &str, e: JiraError) -> Result<(), Flow> {
    if e.is_terminating() {
        return Err(terminating(cmd, &e));
    }
    let cat = category(&e);
    let id = error_id(cmd, &e);
    for m in e.messages() {
        it.write_error(
            ErrorRecord::new(m)
                .command(cmd)
                .category(cat)
                .id(id.clone()),
        )?;
    }
    Ok(())
}

/// An invalid-argument error raised before anything is sent.
pub fn invalid(cmd: &str, message: impl Into<String>) -> Flow {
    ErrorRecord::new(message)
        .command(cmd)
        .category(ErrorCategory::InvalidArgument)
        .id(format!("ParameterValue,{cmd}"))
        .into()
}

/// Reads a secret the user typed, without echo. Only on a terminal: a script without one gets
/// a clear error instead of a hang.
pub fn prompt_password(it: &Interp, cmd: &str, prompt: &str) -> Result<SecretString, Flow> {
    if !(it.host.term.interactive
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal())
    {
        return Err(invalid(
            cmd,
            format!(
                "{prompt}: cannot ask for a password without a terminal. Pass a credential object \
                 instead, e.g. -Credential (New-Object System.Management.Automation.PSCredential \
                 ('user', (ConvertTo-SecureString 'password' -AsPlainText -Force)))."
            ),
        ));
    }
    dialoguer::Password::new()
        .with_prompt(prompt)
        .interact()
        .map(SecretString::from)
        .map_err(|e| invalid(cmd, format!("{prompt}: {e}")))
}

/// The credential a `[pscredential]` parameter holds: a credential object, or a user name (the
/// password is then asked for, as PowerShell's credential attribute does).
pub fn credential_arg(
    it: &Interp,
    cmd: &str,
    v: &Value,
) -> Result<Option<(String, SecretString)>, Flow> {
    match v {
        Value::Null => Ok(None),
        Value::Credential(c) => {
            if c.user.is_empty() && c.password.expose_secret().is_empty() {
                // `[pscredential]::Empty`, JiraPS's default: no credential.
                return Ok(None);
            }
            Ok(Some((
                c.user.clone(),
                SecretString::from(c.password.expose_secret().to_owned()),
            )))
        }
        Value::Str(user) => {
            let pw = prompt_password(it, cmd, &format!("Password for user {user}"))?;
            Ok(Some((user.to_string(), pw)))
        }
        other => Err(invalid(
            cmd,
            format!(
                "-Credential needs a PSCredential, not a {}.",
                other.type_name()
            ),
        )),
    }
}

/// The per-call credentials of `-Credential` (Basic; a Cloud API token works as the password).
pub fn credential_override(
    it: &Interp,
    cmd: &str,
    args: &Bound,
) -> Result<Option<Credentials>, Flow> {
    match args.get("Credential") {
        Some(v) => Ok(credential_arg(it, cmd, v)?
            .map(|(user, pw)| Credentials::from_auth(Auth::basic(user, pw)))),
        None => Ok(None),
    }
}

/// The text of a string-ish parameter.
pub fn text(v: &Value) -> String {
    crate::eval::convert::to_string(v)
}

/// The server base (`https://jira.example.com`, no trailing `/`) for building `HttpUrl`s.
pub fn server_base(client: &JiraClient) -> String {
    client
        .server()
        .map(|u| crate::jira::config::server_text(&u))
        .unwrap_or_default()
}

/// Streams a paged request downstream, converting each item with `convert`. The first page's
/// errors are reported like any request's; later pages arrive while earlier items are already
/// flowing, and a downstream stop (`Select-Object -First`) drops the stream, which aborts the
/// pages still in flight. With `include_total`, the total follows the items, as JiraPS writes
/// it: Jira's when the pages told one, else `total_hint` (a count the caller asked Jira for),
/// else the number of items delivered.
#[allow(clippy::too_many_arguments)]
pub fn stream_pages(
    it: &mut Interp,
    cmd: &str,
    req: crate::jira::Request,
    opts: crate::jira::PageOptions,
    include_total: bool,
    total_hint: Option<u64>,
    convert: &dyn Fn(&serde_json::Value) -> Value,
    out: &mut dyn crate::cmd::Sink,
) -> Result<(), Flow> {
    let guard = begin(it, cmd)?;
    // A progress line on the terminal while pages arrive (interactive shell only).
    let progress = crate::repl::prompt::Progress::start_if(
        it.host.term.interactive && std::io::stderr().is_terminal(),
        cmd,
    );
    let stream = match it.jira.client() {
        Ok(c) => c.pages(req, opts, &guard.cancel),
        Err(e) => Err(e),
    };
    let stream = match stream {
        Ok(s) => s,
        Err(e) => {
            drop(progress);
            flush_events(it, cmd)?;
            return report(it, cmd, e);
        }
    };
    progress.suspend(|| flush_events(it, cmd))?;
    let total = stream.total();
    if let Some(t) = total {
        progress.set_total(t);
    }
    let mut delivered: u64 = 0;
    for item in stream {
        flush_events(it, cmd)?;
        if it.cancelled() {
            return Err(Flow::Cancelled);
        }
        match item {
            Ok(j) => {
                progress.suspend(|| out.emit(it, convert(&j)))?;
                progress.inc(1);
                delivered += 1;
            }
            Err(e) => {
                progress.suspend(|| report(it, cmd, e))?;
                break;
            }
        }
    }
    drop(progress);
    flush_events(it, cmd)?;
    if guard.cancel.is_cancelled() {
        return Err(Flow::Cancelled);
    }
    if include_total {
        let n = total.or(total_hint).unwrap_or(delivered);
        out.emit(it, Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))?;
    }
    Ok(())
}

/// Paging options from `-First`, `-Skip` and a page size.
pub fn page_options(args: &Bound, page_size: u32) -> crate::jira::PageOptions {
    crate::jira::PageOptions {
        page_size: page_size.max(1),
        first: args
            .int("First")
            .map(|n| u64::try_from(n.max(0)).unwrap_or(0)),
        skip: args
            .int("Skip")
            .map(|n| u64::try_from(n.max(0)).unwrap_or(0))
            .unwrap_or(0),
        ..crate::jira::PageOptions::default()
    }
}

/// Percent-encodes one URL path segment (issue keys, ids).
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
