//! The HTTP transport: building the reqwest client (rustls with the `ring` provider, the system
//! roots — or `SSL_CERT_FILE`/`SSL_CERT_DIR` instead of them — through
//! rustls-platform-verifier, proxies from the environment ([`ProxyEnv`]), gzip, keep-alive,
//! timeouts, `User-Agent`), the clear-text credential policy, origin checks for redirects, and
//! mapping transport failures to short [`JiraError`]s that say what to check.
//!
//! Redirects are *not* followed by reqwest: the client follows them itself so that credentials,
//! cookies and secret headers are dropped as soon as a redirect leaves the origin (reqwest alone
//! would keep custom secret headers, and its cookie jar ignores ports).

use std::fmt;
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
/// with `rustls-no-provider`, and building a client without a provider panics). Proxies come
/// from `proxies` ([`ProxyEnv::from_env`] normally); none when `opts.no_proxy`.
pub fn build_http_client(
    opts: &TransportOptions,
    proxies: &ProxyEnv,
) -> Result<reqwest::Client, JiraError> {
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
    } else if !proxies.is_empty() {
        // Our own rules instead of reqwest's reading of the same variables, so that loopback is
        // never proxied and errors can name the proxy that was used.
        let proxies = proxies.clone();
        builder = builder.proxy(reqwest::Proxy::custom(move |url| {
            proxies.proxy_for(url).map(|p| p.url.clone())
        }));
    }
    builder
        .build()
        .map_err(|e| JiraError::Setup(error_chain(&e)))
}

/// One proxy from the environment.
#[derive(Clone)]
pub struct ProxySetting {
    /// The proxy URL, with any `user:password@` (used for `Proxy-Authorization`).
    url: Url,
    /// The variable it came from (`HTTPS_PROXY`, …).
    pub var: &'static str,
}

impl ProxySetting {
    /// `http://proxy:3128 (from HTTPS_PROXY)`, without the proxy's credentials.
    pub fn describe(&self) -> String {
        format!(
            "{} (from {})",
            super::config::without_userinfo(self.url.as_str()).trim_end_matches('/'),
            self.var
        )
    }
}

impl fmt::Debug for ProxySetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// One `NO_PROXY` entry (curl's rules).
#[derive(Clone, Debug, PartialEq, Eq)]
enum NoProxyEntry {
    /// `*`: no host is proxied.
    All,
    /// `example.com` or `.example.com`: that domain and its subdomains.
    Domain(String),
    /// An address, or a network `10.0.0.0/8`.
    Net(IpAddr, u8),
}

/// The proxies of the environment, read the way curl does: `HTTPS_PROXY`/`https_proxy` for
/// `https://` URLs, `HTTP_PROXY`/`http_proxy` for `http://`, `ALL_PROXY`/`all_proxy` for either,
/// `NO_PROXY`/`no_proxy` for hosts to reach directly (names with their subdomains, addresses,
/// networks, `*`). A value without a scheme means `http://`. Loopback hosts are never proxied
/// (a proxy cannot reach this machine's loopback). Under CGI (`REQUEST_METHOD` set) the
/// variables are ignored (httpoxy). `Debug` never shows a proxy password.
#[derive(Clone, Debug, Default)]
pub struct ProxyEnv {
    http: Option<ProxySetting>,
    https: Option<ProxySetting>,
    no_proxy: Vec<NoProxyEntry>,
}

impl ProxyEnv {
    /// From the process environment.
    pub fn from_env() -> Self {
        Self::from_vars(|k| std::env::var(k).ok())
    }

    /// From the variables `var` returns (injected for tests).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        if var("REQUEST_METHOD").is_some() {
            return ProxyEnv::default();
        }
        let first = |names: &[&'static str]| {
            names.iter().find_map(|n| {
                let value = var(n)?;
                let value = value.trim();
                if value.is_empty() {
                    return None;
                }
                let text = if value.contains("://") {
                    value.to_string()
                } else {
                    format!("http://{value}")
                };
                Url::parse(&text)
                    .ok()
                    .filter(|u| u.host_str().is_some())
                    .map(|url| ProxySetting { url, var: n })
            })
        };
        let all = first(&["ALL_PROXY", "all_proxy"]);
        let no = ["NO_PROXY", "no_proxy"]
            .iter()
            .find_map(|n| var(n))
            .unwrap_or_default();
        ProxyEnv {
            http: first(&["HTTP_PROXY", "http_proxy"]).or_else(|| all.clone()),
            https: first(&["HTTPS_PROXY", "https_proxy"]).or(all),
            no_proxy: no.split(',').filter_map(parse_no_proxy).collect(),
        }
    }

    /// Whether no proxy is configured at all.
    pub fn is_empty(&self) -> bool {
        self.http.is_none() && self.https.is_none()
    }

    /// The proxy a request to `url` goes through, if any.
    pub fn proxy_for(&self, url: &Url) -> Option<&ProxySetting> {
        let proxy = match url.scheme() {
            "https" => self.https.as_ref(),
            "http" => self.http.as_ref(),
            _ => None,
        }?;
        if is_loopback(url) || self.bypassed(url) {
            return None;
        }
        Some(proxy)
    }

    fn bypassed(&self, url: &Url) -> bool {
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            _ => None,
        };
        let host = url
            .host_str()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        self.no_proxy.iter().any(|e| match e {
            NoProxyEntry::All => true,
            NoProxyEntry::Domain(d) => host == *d || host.ends_with(&format!(".{d}")),
            NoProxyEntry::Net(net, bits) => ip.is_some_and(|ip| in_network(ip, *net, *bits)),
        })
    }
}

fn parse_no_proxy(entry: &str) -> Option<NoProxyEntry> {
    let e = entry.trim();
    if e.is_empty() {
        return None;
    }
    if e == "*" {
        return Some(NoProxyEntry::All);
    }
    let bare = e.trim_start_matches('[').trim_end_matches(']');
    let (addr, bits) = match bare.split_once('/') {
        Some((a, b)) => (a, b.parse::<u8>().ok()),
        None => (bare, None),
    };
    if let Ok(ip) = addr.parse::<IpAddr>() {
        let max = if ip.is_ipv4() { 32 } else { 128 };
        return Some(NoProxyEntry::Net(ip, bits.unwrap_or(max).min(max)));
    }
    let domain = e.trim_start_matches("*.").trim_start_matches('.');
    // A `host:port` entry: curl ignores the port for matching too.
    let domain = domain.split(':').next().unwrap_or(domain);
    Some(NoProxyEntry::Domain(
        domain.trim_end_matches('.').to_ascii_lowercase(),
    ))
}

fn in_network(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
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

/// Query parameters whose values are credentials (Jira's old `os_password`, Connect's `jwt`…).
const SECRET_QUERY_KEYS: &[&str] = &[
    "os_password",
    "password",
    "passwd",
    "pwd",
    "token",
    "access_token",
    "api_token",
    "apitoken",
    "jwt",
    "secret",
    "client_secret",
];

/// A URL as jirash shows it (`-Verbose`, traces, errors): the values of credential-like query
/// parameters (`os_password=…`, `jwt=…`) replaced by `***`. Everything else is kept.
pub fn shown_url(url: &Url) -> String {
    let secret = |k: &str| SECRET_QUERY_KEYS.iter().any(|s| s.eq_ignore_ascii_case(k));
    if !url.query_pairs().any(|(k, _)| secret(&k)) {
        return url.to_string();
    }
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if secret(&k) {
                "***".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    let mut shown = url.clone();
    shown.query_pairs_mut().clear().extend_pairs(pairs);
    shown.to_string()
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

/// Wrapper texts of reqwest/hyper errors that say nothing about the cause.
const GENERIC: &[&str] = &[
    "error sending request",
    "client error (connect)",
    "client error (sendrequest)",
    "error trying to connect",
    "tcp connect error",
    "dns error",
    "error resolving dns",
    "tunnel error",
    "failed to create underlying connection",
    "error decoding response body",
    "request or response body error",
    "error reading a body from connection",
];

/// The informative part of an error chain: the wrapper texts dropped, the rest joined by `: `.
fn cause_text(err: &(dyn std::error::Error + 'static)) -> String {
    let chain = error_chain(err);
    let parts: Vec<&str> = chain
        .split(": ")
        .filter(|p| !GENERIC.contains(&p.trim().to_ascii_lowercase().as_str()))
        .collect();
    if parts.is_empty() {
        chain
    } else {
        parts.join(": ")
    }
}

/// Classifies a reqwest error and turns it into a [`JiraError`] that names the host (and the
/// proxy, when one was used), says what went wrong in a few words, and what to check.
pub fn classify(
    err: reqwest::Error,
    url: &Url,
    method: &reqwest::Method,
    proxy: Option<&ProxySetting>,
) -> (FailureKind, JiraError) {
    let host = host_port(url);
    let err = err.without_url();
    let cause = cause_text(&err);
    let lower = error_chain(&err).to_ascii_lowercase();
    let via = proxy
        .map(|p| format!(" through the proxy {}", p.describe()))
        .unwrap_or_default();
    // With a proxy, the connection (and the name lookup) is the proxy's, and so is the fault.
    let to_proxy = "Check HTTPS_PROXY/HTTP_PROXY, or list the host in NO_PROXY to connect directly";
    let connect = |detail: String| {
        (
            FailureKind::NotSent,
            JiraError::Connect {
                host: format!("{host}{via}"),
                detail,
            },
        )
    };
    if err.is_timeout() && err.is_connect() {
        // Nothing was sent: the connection itself was not made in time.
        return connect(match proxy {
            Some(_) => format!("the connection to the proxy timed out. {to_proxy}."),
            None => "the connection timed out. Check the server URL (Get-JiraConfigServer) and \
                     your network."
                .to_string(),
        });
    }
    if err.is_timeout() {
        return (
            FailureKind::Timeout,
            JiraError::Timeout { host, after: None },
        );
    }
    let not_tls = lower.contains("corrupt message")
        || lower.contains("invalidcontenttype")
        || lower.contains("wrong version number");
    let cert = lower.contains("certificate") || lower.contains("invalid peer");
    if err.is_connect() && (not_tls || cert || lower.contains("tls") || lower.contains("handshake"))
    {
        let detail = if lower.contains("not valid for name") {
            format!(
                "its certificate is for another name ({cause}). Use a server URL with a name the \
                 certificate lists"
            )
        } else if not_tls {
            format!(
                "the server did not answer with TLS ({cause}). If it serves plain HTTP on this port, \
                 use an http:// URL"
            )
        } else if cert {
            format!(
                "its certificate is not trusted ({cause}). If it is signed by a private CA, point \
                 SSL_CERT_FILE at a PEM bundle that includes it; Set-JiraConfigServer … \
                 -SkipCertificateCheck turns verification off (unsafe)"
            )
        } else {
            cause
        };
        return (
            FailureKind::NotSent,
            JiraError::Tls {
                host: format!("{host}{via}"),
                detail,
            },
        );
    }
    if err.is_connect() {
        let refused = lower.contains("connection refused");
        let dns = lower.contains("dns")
            || lower.contains("lookup address")
            || lower.contains("name or service not known")
            || lower.contains("no address associated")
            || lower.contains("nodename nor servname");
        return connect(match (proxy.is_some(), refused, dns) {
            (false, true, _) => "the connection was refused. Check the server URL \
                                 (Get-JiraConfigServer) and that Jira is running there."
                .to_string(),
            (false, _, true) => format!(
                "the host name could not be resolved ({cause}). Check the server URL \
                 (Get-JiraConfigServer) and your network or DNS."
            ),
            (false, _, _) => {
                format!("{cause}. Check the server URL (Get-JiraConfigServer) and your network.")
            }
            (true, true, _) => {
                format!("the proxy refused the connection. Check that it is running. {to_proxy}.")
            }
            (true, _, true) => {
                format!("the proxy's host name could not be resolved ({cause}). {to_proxy}.")
            }
            (true, _, _) => format!("{cause}. {to_proxy}."),
        });
    }
    if err.is_builder() {
        return (FailureKind::NotSent, JiraError::InvalidRequest(cause));
    }
    if lower.contains("invalid http")
        || lower.contains("http/0.9")
        || lower.contains("invalid header")
        || lower.contains("parse")
    {
        return (
            FailureKind::MaybeSent,
            JiraError::NotHttp {
                host,
                detail: cause,
            },
        );
    }
    (
        FailureKind::MaybeSent,
        JiraError::ConnectionLost {
            host,
            method: method.to_string(),
            url: shown_url(url),
            detail: cause,
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
    fn credential_query_values_are_not_shown() {
        assert_eq!(
            shown_url(&u(
                "https://h/rest/api/2/myself?os_username=bob&os_password=pw1&jwt=x.y"
            )),
            "https://h/rest/api/2/myself?os_username=bob&os_password=***&jwt=***"
        );
        let plain = "https://h/rest/api/3/search/jql?jql=a&nextPageToken=abc";
        assert_eq!(shown_url(&u(plain)), plain);
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
        let none = ProxyEnv::default();
        assert!(build_http_client(&TransportOptions::default(), &none).is_ok());
        let insecure = TransportOptions {
            skip_certificate_check: true,
            ..TransportOptions::default()
        };
        assert!(build_http_client(&insecure, &none).is_ok());
        let proxied = env(&[("HTTPS_PROXY", "http://u:pw@proxy:3128")]);
        assert!(build_http_client(&TransportOptions::default(), &proxied).is_ok());
        assert!(user_agent().starts_with("jirash/"));
    }

    fn env(vars: &[(&str, &str)]) -> ProxyEnv {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        ProxyEnv::from_vars(|k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    fn via(p: &ProxyEnv, url: &str) -> Option<String> {
        p.proxy_for(&u(url)).map(ProxySetting::describe)
    }

    #[test]
    fn proxies_by_scheme_with_all_proxy_as_fallback() {
        let p = env(&[
            ("https_proxy", "http://sec:3128"),
            ("HTTP_PROXY", "plain:8080"),
            ("ALL_PROXY", "http://all:1"),
        ]);
        assert_eq!(
            via(&p, "https://jira.example.com/").as_deref(),
            Some("http://sec:3128 (from https_proxy)")
        );
        assert_eq!(
            via(&p, "http://jira.example.com/").as_deref(),
            Some("http://plain:8080 (from HTTP_PROXY)")
        );
        let p = env(&[("ALL_PROXY", "http://all:1")]);
        assert_eq!(
            via(&p, "https://j.example/").as_deref(),
            Some("http://all:1 (from ALL_PROXY)")
        );
        assert!(env(&[]).is_empty());
        assert_eq!(via(&env(&[]), "https://j.example/"), None);
    }

    #[test]
    fn no_proxy_rules_and_loopback_are_direct() {
        let p = env(&[
            ("HTTPS_PROXY", "http://proxy:3128"),
            ("HTTP_PROXY", "http://proxy:3128"),
            (
                "NO_PROXY",
                "example.com, .internal,10.0.0.0/8, 192.168.1.7,*.corp:443",
            ),
        ]);
        for direct in [
            "https://example.com/",
            "https://jira.example.com/",
            "https://JIRA.Internal/",
            "https://10.20.30.40/",
            "https://192.168.1.7:8443/",
            "https://jira.corp/",
            "http://127.0.0.1:9/",
            "http://localhost/",
            "http://[::1]:8080/",
        ] {
            assert_eq!(via(&p, direct), None, "{direct}");
        }
        for proxied in [
            "https://notexample.com/",
            "https://11.0.0.1/",
            "https://192.168.1.8/",
        ] {
            assert!(via(&p, proxied).is_some(), "{proxied}");
        }
        assert_eq!(
            via(
                &env(&[("HTTPS_PROXY", "http://p:1"), ("no_proxy", "*")]),
                "https://a.b/"
            ),
            None
        );
    }

    #[test]
    fn proxy_passwords_never_show_and_cgi_ignores_proxies() {
        let p = env(&[("HTTPS_PROXY", "http://me:pr0xy-pw@proxy:3128")]);
        let shown = via(&p, "https://j.example/").unwrap_or_default();
        assert_eq!(shown, "http://proxy:3128 (from HTTPS_PROXY)");
        assert!(!format!("{p:?}").contains("pr0xy-pw"), "{p:?}");
        let cgi = env(&[
            ("HTTPS_PROXY", "http://proxy:3128"),
            ("REQUEST_METHOD", "GET"),
        ]);
        assert!(cgi.is_empty());
    }
}
