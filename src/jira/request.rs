//! What a caller asks for and gets back: [`Request`], [`Body`], [`Response`], the [`Cancel`]
//! token and the [`Event`] hook (`-Verbose` lines and retry warnings).
//!
//! A `Request` names a method and a URI (absolute, or a path resolved against the server by
//! JiraPS's rules: [`resolve_uri`]); nothing here performs I/O.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::auth::Credentials;
use super::error::JiraError;

/// A cancellation token: the interpreter creates one per command and trips it on Ctrl-C (from
/// any thread). Cloning shares the token; [`Cancel::child`] gives one that is cancelled with
/// its parent but can also be cancelled alone.
#[derive(Clone, Debug, Default)]
pub struct Cancel(CancellationToken);

impl Cancel {
    /// A token that is not cancelled.
    pub fn new() -> Self {
        Cancel(CancellationToken::new())
    }

    /// Cancels every request raced against this token (and its children).
    pub fn cancel(&self) {
        self.0.cancel();
    }

    /// Whether [`Cancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.is_cancelled()
    }

    /// A child token.
    pub fn child(&self) -> Cancel {
        Cancel(self.0.child_token())
    }

    /// Resolves when cancelled.
    pub async fn cancelled(&self) {
        self.0.cancelled().await;
    }
}

/// Something the client reports while working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A request is about to be sent: the `-Verbose` line `GET https://…` (method and URL only,
    /// never headers, credentials or cookies).
    Request {
        /// HTTP method.
        method: String,
        /// Full URL with query.
        url: String,
    },
    /// A warning for the user (retry after 429/503, unsafe TLS, failed logout…).
    Warning(String),
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Request { method, url } => write!(f, "{method} {url}"),
            Event::Warning(w) => f.write_str(w),
        }
    }
}

/// A receiver of [`Event`]s. Called from runtime threads, so it must be `Send + Sync`.
pub type EventSink = Arc<dyn Fn(&Event) + Send + Sync>;

/// A request body.
#[derive(Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    None,
    /// A JSON value, sent as `application/json; charset=utf-8`.
    Json(Value),
    /// Text (`Invoke-JiraMethod -Body`), sent as UTF-8 with the given content type
    /// (`application/json; charset=utf-8` when `None`).
    Text {
        /// The text.
        text: String,
        /// Content type, default JSON.
        content_type: Option<String>,
    },
    /// Raw bytes with a content type.
    Bytes {
        /// The bytes.
        data: Vec<u8>,
        /// Content type.
        content_type: String,
    },
    /// A file uploaded as `multipart/form-data` part `file` (attachments), with
    /// `X-Atlassian-Token: no-check`.
    File(PathBuf),
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::None => f.write_str("None"),
            Body::Json(_) => f.write_str("Json(..)"),
            Body::Text { text, .. } => write!(f, "Text({} bytes)", text.len()),
            Body::Bytes { data, .. } => write!(f, "Bytes({} bytes)", data.len()),
            Body::File(p) => write!(f, "File({})", p.display()),
        }
    }
}

/// One HTTP call to Jira.
#[derive(Clone)]
pub struct Request {
    /// HTTP method.
    pub method: Method,
    /// Absolute URL, or a path starting with `/` resolved against the server.
    pub uri: String,
    /// Query parameters, merged over the URI's own (a key given here replaces the URI's).
    pub query: Vec<(String, String)>,
    /// Extra non-secret headers (e.g. `Content-Type`, `Accept`).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Credentials for this call only (`-Credential`): the session is not used at all.
    pub credentials: Option<Credentials>,
    /// Whole-request timeout (`-TimeoutSec`); `None` uses the client default.
    pub timeout: Option<Duration>,
    /// Save the response body to this file (`-OutFile`) instead of returning it.
    pub out_file: Option<PathBuf>,
    /// Receives this request's events; falls back to the client's sink when `None`.
    pub events: Option<EventSink>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("uri", &self.uri)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("out_file", &self.out_file)
            .finish()
    }
}

impl Request {
    /// A request with the given method and URI.
    pub fn new(method: Method, uri: impl Into<String>) -> Self {
        Request {
            method,
            uri: uri.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            credentials: None,
            timeout: None,
            out_file: None,
            events: None,
        }
    }

    /// `GET uri`.
    pub fn get(uri: impl Into<String>) -> Self {
        Self::new(Method::GET, uri)
    }

    /// `POST uri` with a JSON body.
    pub fn post_json(uri: impl Into<String>, body: Value) -> Self {
        Self::new(Method::POST, uri).body(Body::Json(body))
    }

    /// `PUT uri` with a JSON body.
    pub fn put_json(uri: impl Into<String>, body: Value) -> Self {
        Self::new(Method::PUT, uri).body(Body::Json(body))
    }

    /// `DELETE uri`.
    pub fn delete(uri: impl Into<String>) -> Self {
        Self::new(Method::DELETE, uri)
    }

    /// Parses a method name case-insensitively (`Get`, `post`…; `Default` means GET).
    pub fn parse_method(name: &str) -> Result<Method, JiraError> {
        let upper = name.trim().to_ascii_uppercase();
        if upper == "DEFAULT" || upper.is_empty() {
            return Ok(Method::GET);
        }
        Method::from_bytes(upper.as_bytes())
            .map_err(|_| JiraError::InvalidRequest(format!("'{name}' is not an HTTP method")))
    }

    /// Adds (or replaces) a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let key = key.into();
        self.query.retain(|(k, _)| *k != key);
        self.query.push((key, value.into()));
        self
    }

    /// Adds a non-secret header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// Uses these credentials for this call instead of the session.
    pub fn credentials(mut self, creds: Credentials) -> Self {
        self.credentials = Some(creds);
        self
    }

    /// Sets the timeout.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = Some(t);
        self
    }

    /// Saves the body to a file.
    pub fn out_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_file = Some(path.into());
        self
    }

    /// Routes this request's events to `sink`.
    pub fn events(mut self, sink: EventSink) -> Self {
        self.events = Some(sink);
        self
    }
}

/// A successful (2xx/3xx) response, fully read.
#[derive(Clone, Debug)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Response headers (never includes anything the client sent).
    pub headers: HeaderMap,
    /// The body (empty when saved with `out_file`).
    pub body: Vec<u8>,
    /// The final URL (after redirects).
    pub url: Url,
}

impl Response {
    /// The body parsed as JSON; `None` for an empty body (204, or an empty 200).
    pub fn json(&self) -> Result<Option<Value>, JiraError> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(&self.body)
            .map(Some)
            .map_err(|e| JiraError::InvalidJson {
                url: super::transport::shown_url(&self.url),
                detail: if self.is_html() {
                    format!(
                        "it is an HTML page (HTTP {}), often the login page of a single sign-on \
                         proxy in front of Jira, or a server URL that is not Jira's REST address",
                        self.status
                    )
                } else {
                    e.to_string()
                },
            })
    }

    /// Whether the body is an HTML page (by content type, or by its first character).
    fn is_html(&self) -> bool {
        self.header("content-type")
            .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
            || self
                .body
                .iter()
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| *b == b'<')
    }

    /// The body as (lossy) UTF-8 text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Resolves a request URI by JiraPS's rules: an absolute `http(s)` URL is used as is; a path
/// starting with `/` is appended to the server URL (its trailing `/` trimmed, so a context path
/// like `https://host/jira` is kept); anything else is an error, and so is a URL carrying a
/// user name or password (the error shows it without them). `query` is merged in, replacing
/// parameters of the same name.
pub fn resolve_uri(
    server: Option<&Url>,
    uri: &str,
    query: &[(String, String)],
) -> Result<Url, JiraError> {
    let uri = uri.trim();
    let mut url = match Url::parse(uri) {
        Ok(u) if u.scheme() == "http" || u.scheme() == "https" => u,
        Ok(_) | Err(url::ParseError::RelativeUrlWithoutBase) if uri.starts_with('/') => {
            let server = server.ok_or(JiraError::ServerNotConfigured)?;
            let base = server.as_str().trim_end_matches('/');
            Url::parse(&format!("{base}{uri}"))
                .map_err(|e| JiraError::InvalidRequest(format!("'{uri}': {e}")))?
        }
        _ => {
            return Err(JiraError::UriPathMustStartWithSlash(
                super::config::without_userinfo(uri),
            ));
        }
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(JiraError::UriWithCredentials(
            super::config::without_userinfo(url.as_str()),
        ));
    }
    if !query.is_empty() {
        let existing: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| !query.iter().any(|(qk, _)| qk == k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut()
            .clear()
            .extend_pairs(existing)
            .extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn relative_paths_join_server_with_context_path() {
        let s = server("https://h.example/jira/");
        assert_eq!(
            resolve_uri(Some(&s), "/rest/api/2/myself", &[])
                .unwrap()
                .as_str(),
            "https://h.example/jira/rest/api/2/myself"
        );
        let s = server("https://h.example");
        assert_eq!(
            resolve_uri(Some(&s), "/rest/api/2/myself", &[])
                .unwrap()
                .as_str(),
            "https://h.example/rest/api/2/myself"
        );
    }

    #[test]
    fn absolute_urls_used_as_is() {
        let s = server("https://h.example");
        assert_eq!(
            resolve_uri(Some(&s), "https://other.example/rest/api/2/issue/1", &[])
                .unwrap()
                .as_str(),
            "https://other.example/rest/api/2/issue/1"
        );
        assert!(resolve_uri(None, "http://x.example/a", &[]).is_ok());
    }

    #[test]
    fn errors_for_bad_uris() {
        assert!(matches!(
            resolve_uri(None, "/rest/api/2/myself", &[]),
            Err(JiraError::ServerNotConfigured)
        ));
        assert!(matches!(
            resolve_uri(Some(&server("https://h")), "rest/api/2/myself", &[]),
            Err(JiraError::UriPathMustStartWithSlash(_))
        ));
    }

    #[test]
    fn credentials_in_a_uri_are_refused_and_not_echoed() {
        let s = server("https://h");
        for uri in [
            "https://bob:pw-123@h/rest/api/2/myself",
            "https://bob@h/rest/api/2/myself",
        ] {
            let err = resolve_uri(Some(&s), uri, &[]).unwrap_err();
            assert!(matches!(err, JiraError::UriWithCredentials(_)), "{err}");
            let text = err.to_string();
            assert!(!text.contains("pw-123") && !text.contains("bob"), "{text}");
            assert!(text.contains("https://h/rest/api/2/myself"), "{text}");
        }
        let err = resolve_uri(Some(&s), "bob:pw-123@h/x", &[])
            .unwrap_err()
            .to_string();
        assert!(!err.contains("pw-123"), "{err}");
    }

    #[test]
    fn query_merge_replaces_same_key() {
        let s = server("https://h");
        let url = resolve_uri(
            Some(&s),
            "/rest/api/2/search?jql=a%20b&maxResults=5",
            &[
                ("maxResults".into(), "50".into()),
                ("startAt".into(), "10".into()),
            ],
        )
        .unwrap();
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            vec![
                ("jql".into(), "a b".into()),
                ("maxResults".into(), "50".into()),
                ("startAt".into(), "10".into())
            ]
        );
    }

    #[test]
    fn method_parsing() {
        assert_eq!(Request::parse_method("Get").unwrap(), Method::GET);
        assert_eq!(Request::parse_method("default").unwrap(), Method::GET);
        assert_eq!(Request::parse_method("delete").unwrap(), Method::DELETE);
        assert!(Request::parse_method("no such").is_err());
    }

    #[test]
    fn cancel_child_follows_parent() {
        let parent = Cancel::new();
        let child = parent.child();
        assert!(!child.is_cancelled());
        parent.cancel();
        assert!(child.is_cancelled());
    }

    #[test]
    fn response_json_empty_is_none() {
        let r = Response {
            status: 204,
            headers: HeaderMap::new(),
            body: Vec::new(),
            url: server("https://h/"),
        };
        assert!(r.json().unwrap().is_none());
        let r = Response {
            body: b"{oops".to_vec(),
            ..r
        };
        assert!(r.json().is_err());
        let r = Response {
            status: 200,
            body: b"\n<!DOCTYPE html><html>Sign in</html>".to_vec(),
            ..r
        };
        let err = r.json().unwrap_err().to_string();
        assert!(
            err.contains("is an HTML page (HTTP 200), often the login page of a single sign-on"),
            "{err}"
        );
    }
}
