//! The transport policy through the jirash binary, against tiny servers in this test that speak
//! just enough HTTP (and TLS, with the certificates in `tests/fixtures/tls/`): proxies from
//! `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (never for loopback), gzip and `User-Agent`,
//! certificate checks against the system roots or `SSL_CERT_FILE`, `-SkipCertificateCheck`
//! and its warning, and short, honest messages for servers that cannot be reached or do not
//! speak HTTP.

mod cmdlets_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use cmdlets_support::{Shell, Sim, base64, cred};

/// What a fake server answers to one request head.
type Respond = fn(&str) -> Vec<u8>;

/// A server on 127.0.0.1 that records each request head (request line and headers) and answers
/// with `respond`, one request per connection; with `tls`, behind TLS.
struct Fake {
    port: u16,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Fake {
    fn start(respond: Respond) -> Fake {
        Self::serve(
            TcpListener::bind("127.0.0.1:0").expect("bind"),
            None,
            respond,
        )
    }

    fn start_tls(respond: Respond) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        Self::serve(listener, Some(tls_config()), respond)
    }

    fn serve(
        listener: TcpListener,
        tls: Option<Arc<rustls::ServerConfig>>,
        respond: Respond,
    ) -> Fake {
        let port = listener.local_addr().expect("addr").port();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let seen = seen.clone();
                let tls = tls.clone();
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                    match tls {
                        Some(cfg) => {
                            let Ok(conn) = rustls::ServerConnection::new(cfg) else {
                                return;
                            };
                            let mut s = rustls::StreamOwned::new(conn, stream);
                            answer(&mut s, &seen, respond);
                            s.conn.send_close_notify();
                            let _ = s.flush();
                        }
                        None => {
                            let mut s = stream;
                            answer(&mut s, &seen, respond);
                        }
                    }
                });
            }
        });
        Fake { port, heads }
    }

    fn http(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().map(|h| h.clone()).unwrap_or_default()
    }

    /// The value of header `name` in the first request.
    fn header(&self, name: &str) -> Option<String> {
        let heads = self.heads();
        let head = heads.first()?;
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    }
}

/// Reads one request head (and its body), records it, writes the answer.
fn answer<S: Read + Write>(s: &mut S, seen: &Mutex<Vec<String>>, respond: Respond) {
    let mut reader = BufReader::new(&mut *s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        if line == "\r\n" || line == "\n" {
            break;
        }
        head.push_str(&line);
    }
    let length = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    drop(reader);
    if let Ok(mut h) = seen.lock() {
        h.push(head.clone());
    }
    let _ = s.write_all(&respond(&head));
    let _ = s.flush();
}

fn tls_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls");
    let certs = vec![
        CertificateDer::from_pem_file(format!("{dir}/server.pem")).expect("server.pem"),
        CertificateDer::from_pem_file(format!("{dir}/ca.pem")).expect("ca.pem"),
    ];
    let key = PrivateKeyDer::from_pem_file(format!("{dir}/server.key")).expect("server.key");
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .expect("server certificate");
    Arc::new(cfg)
}

fn ca_file() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tls/ca.pem").to_owned()
}

/// `HTTP/1.1 200` with a JSON body.
fn json_reply(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

const SERVER_INFO: &str = r#"{"baseUrl":"https://jira.invalid","version":"10.3.19","versionNumbers":[10,3,19],"deploymentType":"Server","serverTitle":"Fake Jira"}"#;

fn server_info(_head: &str) -> Vec<u8> {
    json_reply(SERVER_INFO)
}

fn forbidden(_head: &str) -> Vec<u8> {
    b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
}

fn not_http(_head: &str) -> Vec<u8> {
    b"SSH-2.0-OpenSSH_9.6\r\n".to_vec()
}

/// The CRC-32 of gzip (IEEE, reflected).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `data` as a gzip member with one stored (uncompressed) deflate block.
fn gzip(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).expect("small body");
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 1];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&u32::try_from(data.len()).expect("small").to_le_bytes());
    out
}

fn gzipped_server_info(_head: &str) -> Vec<u8> {
    let body = gzip(SERVER_INFO.as_bytes());
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}

// ---------------------------------------------------------------------------------------------
// Proxies

#[test]
fn http_proxy_from_the_environment_is_used_with_its_credentials_hidden() {
    let proxy = Fake::start(server_info);
    let with_auth = format!(
        "http://me:s3cret-Passw0rd@127.0.0.1:{}",
        proxy.http().rsplit(':').next().unwrap_or_default()
    );
    let out = Shell::bare()
        .server("http://jira.invalid")
        .env("HTTP_PROXY", &with_auth)
        .script("(Get-JiraServerInformation).ServerTitle")
        .run();
    out.ok().stdout_is("Fake Jira").no_secret("s3cret-Passw0rd");
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with("GET http://jira.invalid/rest/api/2/serverInfo HTTP/1.1\r\n"),
        "the proxy got the request in absolute form: {heads:?}"
    );
    assert_eq!(
        proxy.header("proxy-authorization"),
        Some(format!("Basic {}", base64("me:s3cret-Passw0rd")))
    );
}

#[test]
fn no_proxy_hosts_and_loopback_are_reached_directly() {
    let proxy = Fake::start(server_info);
    // NO_PROXY names the host: no proxy, so the (unresolvable) name is looked up directly.
    let out = Shell::bare()
        .server("http://jira.invalid:8080")
        .env("HTTP_PROXY", &proxy.http())
        .env("NO_PROXY", "example.com,.invalid")
        .script("Get-JiraServerInformation")
        .run();
    out.failed().stderr_has(
        "Get-JiraServerInformation: Could not connect to jira.invalid:8080: the host name could not be resolved (",
    );
    // Loopback is never proxied, so the demo and local servers work behind a company proxy.
    let sim = Sim::dc();
    let out = Shell::new(&sim)
        .env("HTTP_PROXY", &proxy.http())
        .env("HTTPS_PROXY", &proxy.http())
        .env("ALL_PROXY", &proxy.http())
        .script(&format!(
            "(New-JiraSession -Credential {}).Username\n(Get-JiraServerInformation).DeploymentType",
            cred("demo", "demo")
        ))
        .run();
    out.ok().stdout_is("demo\nServer");
    let demo = Shell::bare()
        .arg("--demo")
        .no_server()
        .env("HTTP_PROXY", &proxy.http())
        .script("(Get-JiraServerInformation).DeploymentType")
        .run();
    assert_eq!(demo.lines().last().copied(), Some("Server"), "{demo:?}");
    assert!(proxy.heads().is_empty(), "{:?}", proxy.heads());
}

#[test]
fn https_goes_through_a_connect_tunnel_and_a_refusing_proxy_is_named() {
    let proxy = Fake::start(forbidden);
    let out = Shell::bare()
        .server("https://jira.invalid")
        .env("HTTPS_PROXY", &format!("127.0.0.1:{}", proxy.port))
        .script("Get-JiraServerInformation; 'after'")
        .run();
    out.status_is(1).stdout_is("after");
    let err = out.err_lines().join("\n");
    assert!(
        err.starts_with(&format!(
            "Get-JiraServerInformation: Could not connect to jira.invalid through the proxy http://127.0.0.1:{} (from HTTPS_PROXY): ",
            proxy.port
        )) && err.ends_with(
            "Check HTTPS_PROXY/HTTP_PROXY, or list the host in NO_PROXY to connect directly."
        ),
        "{err}"
    );
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    assert!(
        heads[0].starts_with("CONNECT jira.invalid:443 HTTP/1.1\r\n"),
        "{heads:?}"
    );
    // An unreachable proxy says so, not that Jira is down.
    let out = Shell::bare()
        .server("https://jira.invalid")
        .env(
            "HTTPS_PROXY",
            &format!("http://127.0.0.1:{}", closed_port()),
        )
        .script("Get-JiraServerInformation")
        .run();
    out.failed().stderr_has(
        "the proxy refused the connection. Check that it is running. Check HTTPS_PROXY/HTTP_PROXY, or list the host in NO_PROXY to connect directly.",
    );
}

// ---------------------------------------------------------------------------------------------
// gzip, User-Agent

#[test]
fn gzip_is_asked_for_and_decoded_and_the_user_agent_names_jirash() {
    let server = Fake::start(gzipped_server_info);
    let out = Shell::bare()
        .server(&server.http())
        .script("(Get-JiraServerInformation).ServerTitle")
        .run();
    out.ok().stdout_is("Fake Jira");
    let encodings = server.header("accept-encoding").unwrap_or_default();
    assert!(encodings.contains("gzip"), "{encodings}");
    assert_eq!(
        server.header("user-agent"),
        Some(format!("jirash/{}", env!("CARGO_PKG_VERSION")))
    );
}

/// A TCP forwarder to `target` (`127.0.0.1:PORT`) that counts the connections made to it.
fn counting_forwarder(target: String) -> (u16, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let count = Arc::new(Mutex::new(0usize));
    let seen = count.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            if let Ok(mut n) = seen.lock() {
                *n += 1;
            }
            let Ok(server) = std::net::TcpStream::connect(&target) else {
                continue;
            };
            let (Ok(mut c2), Ok(mut s2)) = (client.try_clone(), server.try_clone()) else {
                continue;
            };
            let (mut c, mut s) = (client, server);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c, &mut s2);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s, &mut c2);
            });
        }
    });
    (port, count)
}

#[test]
fn one_connection_serves_a_whole_session() {
    let sim = Sim::dc();
    let (port, connections) =
        counting_forwarder(sim.url().trim_start_matches("http://").to_owned());
    let script = format!(
        "New-JiraSession -Credential {} | Out-Null\n\
         foreach ($k in 1..5) {{ (Get-JiraIssue \"TEST-$k\").Key }}\n\
         (Invoke-JiraMethod /rest/api/2/myself).name",
        cred("demo", "demo")
    );
    let out = Shell::bare()
        .server(&format!("http://127.0.0.1:{port}"))
        .checking(&sim)
        .script(&script)
        .run();
    out.ok()
        .stdout_is("TEST-1\nTEST-2\nTEST-3\nTEST-4\nTEST-5\ndemo");
    assert_eq!(sim.request_lines().len(), 8, "{:?}", sim.request_lines());
    // Kept alive: without reuse it would be eight. (hyper hands a connection back to its pool
    // a moment after the body is read, so a request that follows at once may open a second
    // one on a busy machine; more than that would mean no reuse.)
    let n = connections.lock().map(|n| *n).unwrap_or_default();
    assert!(
        (1..=3).contains(&n),
        "eight requests over kept-alive connections, not one each: {n}"
    );
}

// ---------------------------------------------------------------------------------------------
// TLS

#[test]
fn certificates_are_checked_against_the_system_roots_or_ssl_cert_file() {
    let server = Fake::start_tls(server_info);
    let url = format!("https://localhost:{}", server.port);
    // The system roots do not know the test CA.
    let out = Shell::bare()
        .server(&url)
        .script("Get-JiraServerInformation; 'after'")
        .run();
    out.status_is(1).stdout_is("after").err_lines_with(
        "",
        &[&format!(
            "Get-JiraServerInformation: TLS error talking to localhost:{}: its certificate is not trusted (invalid peer certificate: UnknownIssuer). If it is signed by a private CA, point SSL_CERT_FILE at a PEM bundle that includes it; Set-JiraConfigServer … -SkipCertificateCheck turns verification off (unsafe).",
            server.port
        )],
    );
    // SSL_CERT_FILE replaces the system bundle; the test CA alone is then enough.
    let out = Shell::bare()
        .server(&url)
        .env("SSL_CERT_FILE", &ca_file())
        .script("(Get-JiraServerInformation).ServerTitle")
        .run();
    out.ok().stdout_is("Fake Jira");
    // The recipe of docs/authentication.md: the system bundle plus the company CA.
    let system = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
    ]
    .iter()
    .find_map(|p| std::fs::read_to_string(p).ok());
    if let Some(system) = system {
        let dir = tempfile::tempdir().expect("tempdir");
        let bundle = dir.path().join("bundle.pem");
        let ca = std::fs::read_to_string(ca_file()).expect("ca.pem");
        std::fs::write(&bundle, format!("{system}\n{ca}")).expect("bundle");
        let out = Shell::bare()
            .server(&format!("https://127.0.0.1:{}", server.port))
            .env("SSL_CERT_FILE", &bundle.display().to_string())
            .script("(Get-JiraServerInformation).ServerTitle")
            .run();
        out.ok().stdout_is("Fake Jira");
    }
    // The name must match too: the certificate is for localhost and 127.0.0.1 only (127.0.0.2
    // is loopback on Linux; elsewhere this part is skipped).
    if let Ok(listener) = TcpListener::bind("127.0.0.2:0") {
        let port = listener.local_addr().expect("addr").port();
        let _other = Fake::serve(listener, Some(tls_config()), server_info);
        let out = Shell::bare()
            .server(&format!("https://127.0.0.2:{port}"))
            .env("SSL_CERT_FILE", &ca_file())
            .script("Get-JiraServerInformation")
            .run();
        out.failed().err_lines_with(
            "",
            &[&format!(
                "Get-JiraServerInformation: TLS error talking to 127.0.0.2:{port}: its certificate is for another name (invalid peer certificate: certificate not valid for name \"127.0.0.2\"; certificate is only valid for DnsName(\"localhost\") or IpAddress(127.0.0.1)). Use a server URL with a name the certificate lists."
            )],
        );
    }
}

#[test]
fn skip_certificate_check_is_off_by_default_warns_and_ends_with_the_next_server_setting() {
    let server = Fake::start_tls(server_info);
    let url = format!("https://localhost:{}", server.port);
    let script = format!(
        "Set-JiraConfigServer '{url}' -SkipCertificateCheck\n\
         (Get-JiraServerInformation).ServerTitle\n\
         Set-JiraConfigServer '{url}'\n\
         Get-JiraServerInformation -Force; 'after'"
    );
    let out = Shell::bare().no_server().script(&script).run();
    out.status_is(1).stdout_is("Fake Jira\nafter");
    let err = out.err_lines();
    assert_eq!(
        err[0],
        "WARNING: [Set-JiraConfigServer] Certificate checks are OFF (-SkipCertificateCheck): anyone on the network path can impersonate the server and read your credentials.",
        "{err:?}"
    );
    assert_eq!(err.len(), 2, "{err:?}");
    assert!(
        err[1].starts_with("Get-JiraServerInformation: TLS error talking to localhost:"),
        "{err:?}"
    );
    // Not saved: a later run checks certificates again.
    let out = Shell::bare()
        .server(&url)
        .script("Get-JiraServerInformation")
        .run();
    out.failed().stderr_has("its certificate is not trusted");
}

#[test]
fn an_https_url_to_a_plain_http_server_says_to_use_http() {
    let sim = Sim::dc();
    let url = sim.url().replace("http://", "https://");
    let out = Shell::bare()
        .server(&url)
        .script("Get-JiraServerInformation")
        .run();
    out.failed().err_lines_with(
        "",
        &[&format!(
            "Get-JiraServerInformation: TLS error talking to {}: the server did not answer with TLS (received corrupt message of type InvalidContentType). If it serves plain HTTP on this port, use an http:// URL.",
            url.trim_start_matches("https://")
        )],
    );
}

// ---------------------------------------------------------------------------------------------
// A Jira that is not the simulator

fn captcha_without_login_url(_head: &str) -> Vec<u8> {
    let body = r#"{"errorMessages":["CAPTCHA_CHALLENGE"],"errors":{}}"#;
    format!(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nX-Seraph-LoginReason: AUTHENTICATION_DENIED\r\nX-Authentication-Denied-Reason: CAPTCHA_CHALLENGE\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[test]
fn a_captcha_answer_without_a_login_url_points_at_the_login_page_under_the_context_path() {
    let server = Fake::start(captcha_without_login_url);
    let out = Shell::bare()
        .server(&format!("{}/jira/", server.http()))
        .script(&format!(
            "New-JiraSession -Credential {}",
            cred("demo", "demo")
        ))
        .run();
    out.failed().err_lines_with(
        "",
        &[&format!(
            "New-JiraSession: Jira has locked REST logins for this account after failed attempts (CAPTCHA). Log in once through the web page at {}/jira/login.jsp in a browser, then run New-JiraSession again.",
            server.http()
        )],
    );
    assert!(
        server.heads()[0].starts_with("GET /jira/rest/api/2/myself HTTP/1.1\r\n"),
        "{:?}",
        server.heads()
    );
}

fn denied_without_captcha_header(_head: &str) -> Vec<u8> {
    b"HTTP/1.1 403 Forbidden\r\nX-Seraph-LoginReason: AUTHENTICATION_DENIED\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
}

#[test]
fn authentication_denied_says_where_to_log_in() {
    let server = Fake::start(denied_without_captcha_header);
    let out = Shell::bare()
        .server(&format!("{}/jira", server.http()))
        .script(&format!(
            "New-JiraSession -Credential {}",
            cred("demo", "demo")
        ))
        .run();
    let u = server.http();
    out.failed().err_lines_with(
        "",
        &[&format!(
            "New-JiraSession: For security reasons Jira at {u} requires you to log on to the website before continuing. Log in once through the web page at {u}/jira/login.jsp in a browser, then run New-JiraSession again."
        )],
    );
}

fn same_token_forever(_head: &str) -> Vec<u8> {
    json_reply(
        r#"{"issues":[{"id":"1","key":"A-1","fields":{}}],"nextPageToken":"t1","isLast":false}"#,
    )
}

#[test]
fn a_server_that_repeats_its_next_page_token_does_not_make_paging_loop() {
    let server = Fake::start(same_token_forever);
    let out = Shell::bare()
        .server(&server.http())
        .script("(Invoke-JiraMethod /rest/api/3/search/jql -Paging).key -join ','")
        .run();
    out.ok().stdout_is("A-1,A-1");
    let heads = server.heads();
    assert_eq!(heads.len(), 2, "{heads:?}");
    assert!(heads[1].contains("nextPageToken=t1"), "{heads:?}");
}

// ---------------------------------------------------------------------------------------------
// Unreachable and non-HTTP servers

#[test]
fn unreachable_servers_get_short_messages_that_say_what_to_check() {
    let port = closed_port();
    let out = Shell::bare()
        .server(&format!("http://127.0.0.1:{port}"))
        .script("Get-JiraServerInformation; 'after'")
        .run();
    out.status_is(1).stdout_is("after").err_lines_with(
        "",
        &[&format!(
            "Get-JiraServerInformation: Could not connect to 127.0.0.1:{port}: the connection was refused. Check the server URL (Get-JiraConfigServer) and that Jira is running there."
        )],
    );
    let out = Shell::bare()
        .server("https://no-such-host.invalid")
        .script("Get-JiraServerInformation")
        .run();
    let err = out.err_lines().join("\n");
    assert!(
        err.starts_with(
            "Get-JiraServerInformation: Could not connect to no-such-host.invalid: the host name could not be resolved ("
        ) && err.ends_with("). Check the server URL (Get-JiraConfigServer) and your network or DNS."),
        "{err}"
    );
    assert!(!err.contains("error sending request"), "{err}");
}

#[test]
fn a_server_that_does_not_speak_http_is_named_as_such() {
    let server = Fake::start(not_http);
    let out = Shell::bare()
        .server(&server.http())
        .script(
            "Get-JiraServerInformation; 'a'\n\
             Invoke-JiraMethod -Method Post /rest/api/2/issue -Body '{}'; 'b'",
        )
        .run();
    let host = server.http().trim_start_matches("http://").to_owned();
    let not_http = format!(
        "{host} did not answer with HTTP (invalid HTTP version parsed). Check the scheme and port of the server URL (Get-JiraConfigServer)."
    );
    out.status_is(1).stdout_is("a\nb").err_lines_with(
        "",
        &[
            &format!("Get-JiraServerInformation: {not_http}"),
            &format!("Invoke-JiraMethod: {not_http}"),
        ],
    );
    let heads = server.heads();
    // The GET may be tried twice (once more after a broken answer); the POST is sent once.
    assert_eq!(
        heads.iter().filter(|h| h.starts_with("POST ")).count(),
        1,
        "{heads:?}"
    );
}
