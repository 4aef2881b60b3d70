//! Errors of the Jira client, and the parsing of Jira's error bodies.
//!
//! Owns [`JiraError`] (one enum for everything the client can report) and the rules that turn an
//! HTTP error response into human messages (`errorMessages[]`, `errors{}`, `message`, HTML and
//! empty bodies). Must never put a secret (password, token, cookie, `Authorization` value) into
//! any message: messages are built only from status codes, host names, URLs the user typed or
//! Jira returned, and Jira's own error text.

use serde_json::Value;

/// Everything that can go wrong talking to Jira.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JiraError {
    /// No server URL is configured and the request needs one.
    #[error(
        "No Jira server is configured. Set one with Set-JiraConfigServer 'https://jira.example.com' \
         (or start jirash with --server URL)."
    )]
    ServerNotConfigured,

    /// A server URL that is not an absolute http(s) URL.
    #[error(
        "'{input}' is not a valid Jira server URL ({reason}). Give an absolute URL such as \
         https://jira.example.com"
    )]
    InvalidServerUrl {
        /// What the user gave.
        input: String,
        /// Why it was rejected.
        reason: String,
    },

    /// A request URI that is neither absolute nor starts with `/`.
    #[error(
        "The URI '{0}' must be an absolute URL or a path starting with '/' \
         (for example /rest/api/2/myself)."
    )]
    UriPathMustStartWithSlash(String),

    /// A request URI with a user name or password in it (`https://user:pw@host/…`): jirash never
    /// takes credentials from a URL (they would bypass the clear-text rule and show in
    /// `-Verbose`). The URI is kept without its user info.
    #[error(
        "The URI '{0}' contains a user name or password. jirash does not send credentials from a \
         URL: give -Credential, or log in with New-JiraSession."
    )]
    UriWithCredentials(String),

    /// Credentials would travel in clear text to a non-loopback host.
    #[error(
        "Refusing to send credentials over unencrypted HTTP to {host}. Use an https:// server \
         URL (Set-JiraConfigServer 'https://{host}'), or, if you accept that anyone on the \
         network can read your password, opt in with Set-JiraConfigServer \
         -AllowUnencryptedAuthentication."
    )]
    InsecureTransport {
        /// The host the request was for.
        host: String,
    },

    /// Jira rejected the credentials (`401`, `X-Seraph-LoginReason: AUTHENTICATED_FAILED`).
    #[error("The user could not be authenticated by {server}: {detail}")]
    AuthenticationFailed {
        /// The server (scheme, host, port).
        server: String,
        /// What failed and how to fix it.
        detail: String,
    },

    /// Jira answered 401 to a request that carried no credentials and no session cookie: there
    /// is no session (never logged in, or `Remove-JiraSession`), or a redirect led elsewhere.
    #[error(
        "Jira at {server} needs you to log in, and this request carried no credentials: run \
         New-JiraSession first (or give -Credential). Jira answered {detail}"
    )]
    NotLoggedIn {
        /// The server (scheme, host, port).
        server: String,
        /// Status and Jira's text.
        detail: String,
    },

    /// Jira wants a CAPTCHA solved in the browser before it accepts REST logins again.
    #[error(
        "Jira has locked REST logins for this account after failed attempts (CAPTCHA). Log in \
         once through the web page at {login_url} in a browser, then run New-JiraSession again."
    )]
    CaptchaRequired {
        /// The login page Jira named (or `<server>/login.jsp`).
        login_url: String,
    },

    /// Jira refused to check the credentials (`X-Seraph-LoginReason: AUTHENTICATION_DENIED`).
    #[error(
        "For security reasons Jira at {server} requires you to log on to the website before \
         continuing. Log in once through the web page at {login_url} in a browser, then run \
         New-JiraSession again."
    )]
    AuthenticationDenied {
        /// The server (scheme, host, port).
        server: String,
        /// Its login page (`<server>/login.jsp`, context path included).
        login_url: String,
    },

    /// Authenticated, but not authorised (`X-Seraph-LoginReason: AUTHORISATION_FAILED`).
    #[error("The user could not be authorised for {method} {url}.")]
    AuthorisationFailed {
        /// HTTP method.
        method: String,
        /// The request URL.
        url: String,
    },

    /// Jira answered with an error status; `messages` holds Jira's own texts, one per error.
    #[error("{}", messages.join("\n"))]
    Api {
        /// HTTP status code.
        status: u16,
        /// HTTP method of the failed request.
        method: String,
        /// URL of the failed request.
        url: String,
        /// One message per error Jira reported (never empty).
        messages: Vec<String>,
    },

    /// The TCP (or proxy) connection could not be established; nothing was sent.
    #[error("Could not connect to {host}: {detail}")]
    Connect {
        /// Host (and port) of the server.
        host: String,
        /// The underlying reason.
        detail: String,
    },

    /// The request or connection timed out.
    #[error(
        "The request to {host} timed out{}. Jira may be busy: try again later \
         (Invoke-JiraMethod -TimeoutSec allows a longer wait).",
        after.map(|s| format!(" after {s} s")).unwrap_or_default()
    )]
    Timeout {
        /// Host (and port) of the server.
        host: String,
        /// The timeout, when known.
        after: Option<u64>,
    },

    /// TLS handshake or certificate failure; `detail` says what to do.
    #[error("TLS error talking to {host}: {detail}.")]
    Tls {
        /// Host (and port) of the server.
        host: String,
        /// The underlying reason.
        detail: String,
    },

    /// The server answered with something that is not HTTP (wrong port, or not a web server).
    #[error(
        "{host} did not answer with HTTP ({detail}). Check the scheme and port of the server URL \
         (Get-JiraConfigServer)."
    )]
    NotHttp {
        /// Host (and port) of the server.
        host: String,
        /// What was wrong with the answer.
        detail: String,
    },

    /// The connection broke after the request may have reached the server. What the message
    /// says depends on the method: a read changed nothing; a POST was not sent again.
    #[error("{}", connection_lost_text(host, method, url, detail, *retried))]
    ConnectionLost {
        /// Host (and port) of the server.
        host: String,
        /// HTTP method.
        method: String,
        /// The request URL.
        url: String,
        /// The underlying reason.
        detail: String,
        /// Whether the request had already been retried once.
        retried: bool,
    },

    /// Any other transport failure.
    #[error("HTTP request to {host} failed: {detail}")]
    Transport {
        /// Host (and port) of the server.
        host: String,
        /// The underlying reason.
        detail: String,
    },

    /// Too many redirects, or a redirect that cannot be followed.
    #[error("Cannot follow the redirect from {url}: {detail}")]
    Redirect {
        /// The URL that redirected.
        url: String,
        /// Why it was not followed.
        detail: String,
    },

    /// The command was cancelled (Ctrl-C, or the pipeline stopped).
    #[error("The operation was cancelled.")]
    Cancelled,

    /// A success response whose body is not the JSON it should be.
    #[error("The answer from {url} is not the JSON Jira sends: {detail}.")]
    InvalidJson {
        /// The request URL.
        url: String,
        /// The parse error.
        detail: String,
    },

    /// Reading or writing a local file (upload, download, config).
    #[error("{path}: {detail}")]
    File {
        /// The file path.
        path: String,
        /// The I/O error.
        detail: String,
    },

    /// The HTTP client could not be built (TLS roots, proxy settings, runtime).
    #[error("Could not set up the HTTP client: {0}")]
    Setup(String),

    /// The request itself is malformed (bad header name, bad method…).
    #[error("Invalid request: {0}")]
    InvalidRequest(String),
}

impl JiraError {
    /// The messages this error stands for: one per Jira error for [`JiraError::Api`]
    /// (each becomes one non-terminating error in the cmdlet layer), else the error text.
    pub fn messages(&self) -> Vec<String> {
        match self {
            JiraError::Api { messages, .. } => messages.clone(),
            other => vec![other.to_string()],
        }
    }

    /// The HTTP status, when the error came from a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            JiraError::Api { status, .. } => Some(*status),
            JiraError::AuthenticationFailed { .. } | JiraError::NotLoggedIn { .. } => Some(401),
            JiraError::CaptchaRequired { .. }
            | JiraError::AuthenticationDenied { .. }
            | JiraError::AuthorisationFailed { .. } => Some(403),
            _ => None,
        }
    }

    /// Whether the cmdlet layer should stop the command (a terminating error) rather than
    /// write the messages as non-terminating errors and go on. Jira's own per-request errors
    /// (`Api`) are non-terminating, as in JiraPS; authentication, configuration, transport and
    /// cancellation problems are terminating.
    pub fn is_terminating(&self) -> bool {
        !matches!(self, JiraError::Api { .. } | JiraError::InvalidJson { .. })
    }

    /// Whether this is an authentication problem (bad or expired credentials, CAPTCHA).
    pub fn is_auth(&self) -> bool {
        matches!(
            self,
            JiraError::AuthenticationFailed { .. }
                | JiraError::NotLoggedIn { .. }
                | JiraError::CaptchaRequired { .. }
                | JiraError::AuthenticationDenied { .. }
                | JiraError::AuthorisationFailed { .. }
                | JiraError::InsecureTransport { .. }
        )
    }
}

/// The text of [`JiraError::ConnectionLost`].
fn connection_lost_text(
    host: &str,
    method: &str,
    url: &str,
    detail: &str,
    retried: bool,
) -> String {
    let what = format!("The connection to {host} broke during {method} {url} ({detail})");
    let again = if retried {
        ", also when tried again"
    } else {
        ""
    };
    match method {
        "GET" | "HEAD" | "OPTIONS" | "TRACE" => format!(
            "{what}{again}. Nothing was changed; try again later, and if it keeps happening, \
             check the network (or proxy) between you and Jira."
        ),
        "PUT" | "DELETE" => format!(
            "{what}{again}. The change may or may not have been made; running the command \
             again is safe."
        ),
        _ => format!(
            "{what}{again}. The request may or may not have been carried out{}. Check in Jira \
             before running it again.",
            if retried {
                ""
            } else {
                "; it was not repeated to avoid doing it twice"
            }
        ),
    }
}

/// The reason phrase of an HTTP status (`Not Found`), or `""` when unknown.
pub fn reason_phrase(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

/// `HTTP 404 Not Found`, or `HTTP 599` for codes without a reason phrase.
pub fn status_line(status: u16) -> String {
    match reason_phrase(status) {
        "" => format!("HTTP {status}"),
        reason => format!("HTTP {status} {reason}"),
    }
}

/// Longest raw text body quoted in an error message.
const MAX_TEXT_BODY: usize = 300;

/// Turns an error response body into one message per error Jira reported.
///
/// JSON bodies: each `errorMessages[]` entry, `message`, and each `errors` field as
/// `"<field>: <text>"` (an `errors` array gives one message per entry). HTML bodies, empty
/// bodies and JSON without any of those give one short message naming the status. Other text
/// bodies are quoted (trimmed, at most 300 characters). The result is never empty.
pub fn parse_error_body(status: u16, content_type: Option<&str>, body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return vec![format!(
            "{} (the server returned an empty body)",
            status_line(status)
        )];
    }
    let is_html = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
        || trimmed.starts_with('<');
    if is_html {
        return vec![format!(
            "{} (the server returned an HTML page, not JSON)",
            status_line(status)
        )];
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(json) => {
            let messages = json_messages(&json);
            if messages.is_empty() {
                vec![format!(
                    "{} (Jira gave no error message)",
                    status_line(status)
                )]
            } else {
                messages
            }
        }
        Err(_) => {
            let mut quoted: String = trimmed.chars().take(MAX_TEXT_BODY).collect();
            if quoted.len() < trimmed.len() {
                quoted.push('…');
            }
            vec![format!("{}: {quoted}", status_line(status))]
        }
    }
}

/// Messages of a JSON error body (see [`parse_error_body`]); empty when it has none.
fn json_messages(json: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(obj) = json.as_object() else {
        if let Some(s) = json.as_str() {
            out.push(s.to_string());
        }
        return out;
    };
    if let Some(list) = obj.get("errorMessages").and_then(Value::as_array) {
        out.extend(list.iter().filter_map(value_text));
    }
    if let Some(msg) = obj.get("message").and_then(value_text) {
        out.push(msg);
    }
    match obj.get("errors") {
        Some(Value::Object(map)) => {
            for (field, msg) in map {
                if let Some(msg) = value_text(msg) {
                    out.push(format!("{field}: {msg}"));
                }
            }
        }
        Some(Value::Array(list)) => out.extend(list.iter().filter_map(value_text)),
        _ => {}
    }
    out
}

/// A JSON value as message text: strings as is, other scalars printed, null/empty skipped.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_array_gives_one_message_each() {
        let body = br#"{"errorMessages":["first","second"],"errors":{}}"#;
        assert_eq!(parse_error_body(400, None, body), vec!["first", "second"]);
    }

    #[test]
    fn errors_map_gives_field_prefixed_messages_in_order() {
        let body = br#"{"errorMessages":[],"errors":{"summary":"required","priority":"bad"}}"#;
        assert_eq!(
            parse_error_body(400, Some("application/json"), body),
            vec!["summary: required", "priority: bad"]
        );
    }

    #[test]
    fn message_and_status_code_shape() {
        let body = br#"{"message":"Client must be authenticated.","status-code":401}"#;
        assert_eq!(
            parse_error_body(401, None, body),
            vec!["Client must be authenticated."]
        );
    }

    #[test]
    fn all_shapes_combined() {
        let body = br#"{"errorMessages":["a"],"message":"b","errors":["c","d"]}"#;
        assert_eq!(parse_error_body(400, None, body), vec!["a", "b", "c", "d"]);
    }

    #[test]
    fn html_body_gets_honest_short_message() {
        let body = b"<!DOCTYPE html><html><body>Bad gateway</body></html>";
        assert_eq!(
            parse_error_body(502, Some("text/html; charset=utf-8"), body),
            vec!["HTTP 502 Bad Gateway (the server returned an HTML page, not JSON)"]
        );
    }

    #[test]
    fn empty_body_names_status() {
        assert_eq!(
            parse_error_body(404, None, b"  \n"),
            vec!["HTTP 404 Not Found (the server returned an empty body)"]
        );
    }

    #[test]
    fn json_without_messages_names_status() {
        assert_eq!(
            parse_error_body(500, None, br#"{"foo":1}"#),
            vec!["HTTP 500 Internal Server Error (Jira gave no error message)"]
        );
    }

    #[test]
    fn plain_text_is_quoted_and_truncated() {
        assert_eq!(
            parse_error_body(403, Some("text/plain"), b"XSRF check failed"),
            vec!["HTTP 403 Forbidden: XSRF check failed"]
        );
        let long = "x".repeat(1000);
        let msg = &parse_error_body(400, None, long.as_bytes())[0];
        assert!(msg.len() < 400, "{msg}");
        assert!(msg.ends_with('…'));
    }

    #[test]
    fn api_error_is_non_terminating_and_auth_is_terminating() {
        let api = JiraError::Api {
            status: 400,
            method: "GET".into(),
            url: "u".into(),
            messages: vec!["m1".into(), "m2".into()],
        };
        assert!(!api.is_terminating());
        assert_eq!(api.messages(), vec!["m1", "m2"]);
        assert_eq!(api.to_string(), "m1\nm2");
        let auth = JiraError::CaptchaRequired {
            login_url: "https://j/login.jsp".into(),
        };
        assert!(auth.is_terminating());
        assert!(auth.is_auth());
        assert!(auth.to_string().contains("https://j/login.jsp"));
    }
}
