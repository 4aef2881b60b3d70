//! The HTTP transport: building the reqwest client (rustls with the `ring` provider, the system
//! roots plus `SSL_CERT_FILE`/`SSL_CERT_DIR` through rustls-platform-verifier, proxies from the
//! environment, gzip, keep-alive, timeouts, `User-Agent`), the clear-text credential policy,
//! origin checks for redirects, and mapping transport failures to [`JiraError`]s.
//!
//! Redirects are *not* followed by reqwest: the client follows them itself so that credentials,
//! cookies and secret headers are dropped as soon as a redirect leaves the origin (reqwest alone
//! would keep custom secret headers, and its cookie jar ignores ports).

use std::net::IpAddr;
use std::time::Duration;

use url::Url;

use super::error::JiraError;

/// Transport settings. `Default`: verify certificates, 30 s connect timeout, 100 s request
/// timeout (JiraPS's `-TimeoutSec` default).
#[derive(Clone, Debug)]
pub struct TransportOptions {
    /// Accept any certificate (`-SkipCertificateCheck`). Unsafe; the client warns.
    pub skip_certificate_check: bool,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Default whole-request timeout (a request may override it).
    pub timeout: Duration,
    /// Ignore `HTTP(S)_PROXY` variables.
    pub no_proxy: bool,
}

impl Default for TransportOptions {
    fn default() -> Self {
        TransportOptions {
            skip_certificate_check: false,
            connect_timeout: Duration::from_secs(30),
            timeout: Duration::from_secs(100),
            no_proxy: false,
        }
    }
}

/// `jirash/<version>`.
pub fn user_agent() -> String {
    format!("jirash/{}", env!("CARGO_PKG_VERSION"))
}

/// Builds the pooled HTTP client. Installs the `ring` crypto provider first (reqwest is built
/// with `rustls-no-provider`, and building a client without a provider panics).
pub fn build_http_client(opts: &TransportOptions) -> Result<reqwest::Client, JiraError> {
    // Err only means a provider is already installed, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .user_agent(user_agent())
        .connect_timeout(opts.connect_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_keepalive(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .gzip(true);
    if opts.skip_certificate_check {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    if opts.no_proxy {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| JiraError::Setup(error_chain(&e)))
}

/// Whether the URL's host is a loopback address or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Refuses to send credentials in clear text: `http://` to a non-loopback host is an error
/// unless `allow_unencrypted` is set. Called before any connection is made.
pub fn check_credential_transport(url: &Url, allow_unencrypted: bool) -> Result<(), JiraError> {
    if url.scheme() == "https" || allow_unencrypted || is_loopback(url) {
        return Ok(());
    }
    Err(JiraError::InsecureTransport {
        host: host_port(url),
    })
}

/// Same scheme, host and port.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str().map(str::to_ascii_lowercase) == b.host_str().map(str::to_ascii_lowercase)
        && a.port_or_known_default() == b.port_or_known_default()
}

/// `host` or `host:port` (the port only when not the scheme's default).
pub fn host_port(url: &Url) -> String {
    let host = url.host_str().unwrap_or("?");
    match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// `scheme://host[:port]`.
pub fn origin_text(url: &Url) -> String {
    format!("{}://{}", url.scheme(), host_port(url))
}

/// The `Display` of an error and all its sources, joined by `: ` (deduplicated). reqwest errors
/// are stripped of their URL first; no secret is ever part of a transport error.
pub fn error_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = e.source();
    }
    parts.join(": ")
}

/// How a transport failure should be treated by the retry logic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Nothing was sent (connect failure, DNS, proxy, TLS handshake).
    NotSent,
    /// The request may have reached the server (connection reset, closed mid-response).
    MaybeSent,
    /// Timed out.
    Timeout,
}

/// Classifies a reqwest error and turns it into a [`JiraError`] naming the host.
pub fn classify(
    err: reqwest::Error,
    url: &Url,
    method: &reqwest::Method,
) -> (FailureKind, JiraError) {
    let host = host_port(url);
    let err = err.without_url();
    let detail = error_chain(&err);
    let lower = detail.to_ascii_lowercase();
    if err.is_timeout() && err.is_connect() {
        // Nothing was sent: the connection itself was not made in time.
        return (
            FailureKind::NotSent,
            JiraError::Connect {
                host,
                detail: format!("the connection timed out ({detail})"),
            },
        );
    }
    if err.is_timeout() {
        return (
            FailureKind::Timeout,
            JiraError::Timeout { host, after: None },
        );
    }
    let tls = lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
        || lower.contains("invalid peer");
    if tls && err.is_connect() {
        return (FailureKind::NotSent, JiraError::Tls { host, detail });
    }
    if err.is_connect() {
        return (FailureKind::NotSent, JiraError::Connect { host, detail });
    }
    if err.is_builder() {
        return (FailureKind::NotSent, JiraError::InvalidRequest(detail));
    }
    let kind = FailureKind::MaybeSent;
    (
        kind,
        JiraError::ConnectionLost {
            host,
            method: method.to_string(),
            url: url.to_string(),
            detail,
            retried: false,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn loopback_detection() {
        assert!(is_loopback(&u("http://127.0.0.1:8080/")));
        assert!(is_loopback(&u("http://127.5.0.1/")));
        assert!(is_loopback(&u("http://[::1]:80/")));
        assert!(is_loopback(&u("http://localhost/")));
        assert!(is_loopback(&u("http://LOCALHOST./")));
        assert!(!is_loopback(&u("http://jira.example.invalid/")));
        assert!(!is_loopback(&u("http://10.0.0.1/")));
        assert!(!is_loopback(&u("http://localhost.example.com/")));
    }

    #[test]
    fn clear_text_policy() {
        assert!(check_credential_transport(&u("https://jira.example.com/"), false).is_ok());
        assert!(check_credential_transport(&u("http://127.0.0.1:9/"), false).is_ok());
        assert!(check_credential_transport(&u("http://jira.example.invalid/"), true).is_ok());
        let err = check_credential_transport(&u("http://jira.example.invalid:8080/"), false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("jira.example.invalid:8080"), "{err}");
        assert!(err.contains("https://"), "{err}");
        assert!(err.contains("-AllowUnencryptedAuthentication"), "{err}");
    }

    #[test]
    fn origins() {
        assert!(same_origin(
            &u("https://a.example/x"),
            &u("https://A.example:443/y")
        ));
        assert!(!same_origin(
            &u("http://127.0.0.1:1/"),
            &u("http://127.0.0.1:2/")
        ));
        assert!(!same_origin(
            &u("http://a.example/"),
            &u("https://a.example/")
        ));
        assert_eq!(origin_text(&u("http://h:81/p")), "http://h:81");
    }

    #[test]
    fn client_builds_with_ring_provider() {
        assert!(build_http_client(&TransportOptions::default()).is_ok());
        let insecure = TransportOptions {
            skip_certificate_check: true,
            ..TransportOptions::default()
        };
        assert!(build_http_client(&insecure).is_ok());
        assert!(user_agent().starts_with("jirash/"));
    }
}
