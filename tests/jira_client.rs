//! Integration tests of the Jira client core (`jirash::jira`) against an in-process jira-sim,
//! both flavours: every auth mode, cookie reuse, per-call credentials, logout, wrong password,
//! CAPTCHA, clear-text refusal, redirect stripping, error shapes, retries, no duplicate POST,
//! re-login, offset/token paging and early stop, and that no secret leaks into any text.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jira_sim::{Background, Flavor, LoggedRequest, Options};
use jirash::jira::{
    Auth, Body, Cancel, ClientConfig, Credentials, Event, JiraClient, JiraError, PageOptions,
    PagingMode, Request, RetryPolicy, SecretHeaders,
};
use secrecy::SecretString;
use serde_json::{Value, json};
use url::Url;

/// Secrets whose clear text must never show up in an error, event or `Debug` line.
const SECRETS: &[&str] = &[
    "demo-token",
    "demo-pat",
    "wrong-password-7f3a",
    // base64("demo:demo"), base64("demo@example.com:demo-token")
    "ZGVtbzpkZW1v",
    "ZGVtb0BleGFtcGxlLmNvbTpkZW1vLXRva2Vu",
];

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_string())
}

fn sim_with(flavor: Flavor, issues: usize, latency_ms: u64) -> Background {
    jira_sim::spawn(Options {
        flavor,
        issues,
        latency_ms,
        ..Options::default()
    })
    .expect("simulator starts")
}

fn sim(flavor: Flavor) -> Background {
    sim_with(flavor, 60, 0)
}

/// A client for `base`, collecting every event it reports.
struct Harness {
    client: JiraClient,
    events: Arc<Mutex<Vec<Event>>>,
    cancel: Cancel,
}

impl Harness {
    fn new(base: &str) -> Self {
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = events.clone();
        let client = JiraClient::new(ClientConfig {
            server: Some(Url::parse(base).unwrap()),
            retry: RetryPolicy {
                max_retries: 3,
                max_delay: Duration::from_secs(2),
                default_delay: Duration::from_millis(20),
            },
            events: Some(Arc::new(move |e: &Event| {
                sink.lock().unwrap().push(e.clone());
            })),
            ..ClientConfig::default()
        })
        .unwrap();
        Harness {
            client,
            events,
            cancel: Cancel::new(),
        }
    }

    fn get(&self, uri: &str) -> Result<Option<Value>, JiraError> {
        self.client.json(Request::get(uri), &self.cancel)
    }

    fn warnings(&self) -> Vec<String> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                Event::Warning(w) => Some(w.clone()),
                _ => None,
            })
            .collect()
    }

    /// Every event line must be free of secrets and auth header values.
    fn assert_events_clean(&self) {
        for e in self.events.lock().unwrap().iter() {
            assert_no_secret(&e.to_string());
        }
    }
}

fn assert_no_secret(text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "secret {s:?} leaked in: {text}");
    }
    assert!(!text.contains("Basic "), "auth header leaked in: {text}");
    assert!(!text.contains("Bearer "), "auth header leaked in: {text}");
    assert!(!text.contains("JSESSIONID="), "cookie leaked in: {text}");
}

fn dc_basic() -> Credentials {
    Credentials::from_auth(Auth::basic("demo", secret("demo")))
}

fn api_requests(log: &[LoggedRequest]) -> Vec<&LoggedRequest> {
    log.iter()
        .filter(|r| !r.path.starts_with("/__sim/"))
        .collect()
}

fn last_to<'a>(log: &'a [LoggedRequest], path: &str) -> &'a LoggedRequest {
    log.iter()
        .rev()
        .find(|r| r.path == path)
        .unwrap_or_else(|| panic!("no request to {path} in {log:?}"))
}

#[test]
fn dc_basic_session_reuses_cookie_only() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    let info = h.client.login(dc_basic(), &h.cancel).unwrap();
    assert_eq!(info.user.name.as_deref(), Some("demo"));
    assert_eq!(info.auth_scheme, "Basic");
    assert!(info.cookie_only);
    // Jira also sets its atlassian.xsrf.token cookie; the session cookie is what counts.
    assert!(
        info.cookie_names.iter().any(|n| n == "JSESSIONID"),
        "{:?}",
        info.cookie_names
    );
    let login = last_to(&sim.requests(), "/rest/api/2/myself").clone();
    assert!(login.header("authorization").unwrap().starts_with("Basic "));

    sim.clear_requests();
    let me = h.get("/rest/api/2/myself").unwrap().unwrap();
    assert_eq!(me["name"], "demo");
    let log = sim.requests();
    let req = last_to(&log, "/rest/api/2/myself");
    assert!(req.header("authorization").is_none(), "{req:?}");
    assert!(req.header("cookie").unwrap().contains("JSESSIONID="));
    assert_eq!(
        req.header("user-agent").unwrap(),
        format!("jirash/{}", env!("CARGO_PKG_VERSION"))
    );
    let dbg = format!("{:?}", h.client);
    assert_no_secret(&dbg);
    assert!(dbg.contains("JSESSIONID") && dbg.contains("demo"), "{dbg}");
    h.assert_events_clean();
}

#[test]
fn cloud_api_token_is_replayed_as_basic() {
    let sim = sim(Flavor::Cloud);
    let h = Harness::new(&sim.base_url);
    let creds = Credentials::from_auth(Auth::api_token("demo@example.com", secret("demo-token")));
    let info = h.client.login(creds, &h.cancel).unwrap();
    assert!(info.user.account_id.is_some());
    assert!(!info.cookie_only);
    assert_eq!(info.deployment, Some(jirash::jira::Deployment::Cloud));
    sim.clear_requests();
    h.get("/rest/api/2/myself").unwrap();
    let log = sim.requests();
    let req = last_to(&log, "/rest/api/2/myself");
    assert_eq!(
        req.header("authorization"),
        Some("Basic ZGVtb0BleGFtcGxlLmNvbTpkZW1vLXRva2Vu")
    );
    assert_no_secret(&format!("{info:?}"));
    h.assert_events_clean();
}

#[test]
fn pat_session_sends_bearer() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    let info = h
        .client
        .login(
            Credentials::from_auth(Auth::bearer(secret("demo-pat"))),
            &h.cancel,
        )
        .unwrap();
    assert_eq!(info.auth_scheme, "Bearer");
    assert_eq!(info.user.name.as_deref(), Some("demo"));
    sim.clear_requests();
    h.get("/rest/api/2/serverInfo").unwrap();
    let log = sim.requests();
    let req = last_to(&log, "/rest/api/2/serverInfo");
    assert_eq!(req.header("authorization"), Some("Bearer demo-pat"));
    assert_no_secret(&format!("{info:?}"));
}

#[test]
fn custom_header_session() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    let creds = Credentials {
        auth: Auth::None,
        headers: SecretHeaders::new([("Authorization".to_string(), secret("Bearer demo-pat"))])
            .unwrap(),
    };
    let info = h.client.login(creds, &h.cancel).unwrap();
    assert_eq!(info.header_names, vec!["authorization"]);
    sim.clear_requests();
    h.get("/rest/api/2/myself").unwrap();
    let log = sim.requests();
    assert_eq!(
        last_to(&log, "/rest/api/2/myself").header("authorization"),
        Some("Bearer demo-pat")
    );
    assert_no_secret(&format!("{info:?}"));
}

#[test]
fn per_call_credential_overrides_session() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    // Without a session, anonymous /myself fails; with -Credential it works.
    let err = h.get("/rest/api/2/myself").unwrap_err();
    assert!(matches!(err, JiraError::NotLoggedIn { .. }), "{err}");
    let me = h
        .client
        .json(
            Request::get("/rest/api/2/myself").credentials(dc_basic()),
            &h.cancel,
        )
        .unwrap()
        .unwrap();
    assert_eq!(me["name"], "demo");
    assert!(
        h.client.session().is_none(),
        "-Credential must not create a session"
    );

    // With a PAT session, an explicit credential replaces it: no cookie, no Bearer.
    h.client
        .login(
            Credentials::from_auth(Auth::bearer(secret("demo-pat"))),
            &h.cancel,
        )
        .unwrap();
    sim.clear_requests();
    h.client
        .json(
            Request::get("/rest/api/2/serverInfo").credentials(dc_basic()),
            &h.cancel,
        )
        .unwrap();
    let log = sim.requests();
    let req = last_to(&log, "/rest/api/2/serverInfo");
    assert!(req.header("authorization").unwrap().starts_with("Basic "));
    assert!(req.header("cookie").is_none(), "{req:?}");
}

#[test]
fn logout_on_dc_deletes_server_session_and_clears_cookies() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    sim.clear_requests();
    assert!(h.client.logout(&h.cancel).unwrap());
    assert!(h.client.session().is_none());
    let log = sim.requests();
    let del = last_to(&log, "/rest/auth/1/session");
    assert_eq!(del.method, "DELETE");
    assert!(del.header("cookie").unwrap().contains("JSESSIONID="));
    // Afterwards requests are anonymous.
    sim.clear_requests();
    assert!(h.get("/rest/api/2/myself").is_err());
    let log = sim.requests();
    let req = last_to(&log, "/rest/api/2/myself");
    assert!(req.header("cookie").is_none() && req.header("authorization").is_none());
    assert!(
        !h.client.logout(&h.cancel).unwrap(),
        "second logout finds no session"
    );
}

#[test]
fn logout_on_cloud_sends_no_delete() {
    let sim = sim(Flavor::Cloud);
    let h = Harness::new(&sim.base_url);
    let creds = Credentials::from_auth(Auth::api_token("demo@example.com", secret("demo-token")));
    h.client.login(creds, &h.cancel).unwrap();
    sim.clear_requests();
    assert!(h.client.logout(&h.cancel).unwrap());
    assert!(api_requests(&sim.requests()).is_empty());
    assert!(h.client.session().is_none());
}

#[test]
fn wrong_password_leaves_no_session() {
    for flavor in [Flavor::DataCenter, Flavor::Cloud] {
        let sim = sim(flavor);
        let h = Harness::new(&sim.base_url);
        h.client.login(dc_basic(), &h.cancel).ok();
        let user = if flavor == Flavor::Cloud {
            "demo@example.com"
        } else {
            "demo"
        };
        let err = h
            .client
            .login(
                Credentials::from_auth(Auth::basic(user, secret("wrong-password-7f3a"))),
                &h.cancel,
            )
            .unwrap_err();
        assert!(
            matches!(err, JiraError::AuthenticationFailed { .. }),
            "{flavor:?}: {err}"
        );
        assert!(err.is_terminating());
        let text = err.to_string();
        assert!(text.contains("could not be authenticated"), "{text}");
        assert_no_secret(&text);
        assert_no_secret(&format!("{err:?}"));
        assert!(
            h.client.session().is_none(),
            "a failed login wipes the session"
        );
        h.assert_events_clean();
    }
}

#[test]
fn captcha_lockout_names_login_page() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    let bad = Credentials::from_auth(Auth::basic("demo", secret("wrong-password-7f3a")));
    for _ in 0..3 {
        let err = h.client.login(bad.clone(), &h.cancel).unwrap_err();
        assert!(
            matches!(err, JiraError::AuthenticationFailed { .. }),
            "{err}"
        );
    }
    // Now even the right password is refused until the web login.
    let err = h.client.login(dc_basic(), &h.cancel).unwrap_err();
    match &err {
        JiraError::CaptchaRequired { login_url } => {
            assert_eq!(login_url, &format!("{}/login.jsp", sim.base_url));
        }
        other => panic!("expected CAPTCHA, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("/login.jsp") && text.contains("browser"),
        "{text}"
    );
    assert_no_secret(&text);
    assert!(h.client.session().is_none());
}

#[test]
fn clear_text_credentials_to_remote_host_are_refused_before_connecting() {
    let h = Harness::new("http://jira.example.invalid");
    let err = h.client.login(dc_basic(), &h.cancel).unwrap_err();
    assert!(matches!(err, JiraError::InsecureTransport { .. }), "{err}");
    assert!(err.to_string().contains("https://"));
    let err = h
        .client
        .send(
            Request::get("/rest/api/2/myself").credentials(dc_basic()),
            &h.cancel,
        )
        .unwrap_err();
    assert!(matches!(err, JiraError::InsecureTransport { .. }), "{err}");
    let sent = h
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, Event::Request { .. }))
        .count();
    assert_eq!(sent, 0, "nothing may be sent");
    // Opting in lifts the refusal (the request then fails on DNS, not on policy).
    h.client
        .set_server(Url::parse("http://jira.example.invalid").unwrap(), true);
    let err = h.client.login(dc_basic(), &h.cancel).unwrap_err();
    assert!(!matches!(err, JiraError::InsecureTransport { .. }), "{err}");
}

#[test]
fn cross_host_redirect_drops_credentials_and_cookies() {
    let a = sim(Flavor::DataCenter);
    let b = sim(Flavor::DataCenter);
    let h = Harness::new(&a.base_url);
    // PAT session: Bearer is replayed and a JSESSIONID cookie is held.
    let creds = Credentials {
        auth: Auth::bearer(secret("demo-pat")),
        headers: SecretHeaders::new([("X-Extra-Secret".to_string(), secret("xs-1"))]).unwrap(),
    };
    h.client.login(creds, &h.cancel).unwrap();
    assert!(!h.client.session().unwrap().cookie_names.is_empty());
    a.clear_requests();
    b.clear_requests();
    let target = format!("{}/rest/api/2/serverInfo", b.base_url);
    let uri = format!("/__sim/redirect?to={}", urlencode(&target));
    let info = h.get(&uri).unwrap().unwrap();
    assert!(info.get("deploymentType").is_some());
    let first = last_to(&a.requests(), "/__sim/redirect").clone();
    assert!(
        first.header("authorization").is_some(),
        "same origin keeps auth"
    );
    let log = b.requests();
    let at_target = last_to(&log, "/rest/api/2/serverInfo");
    assert!(at_target.header("authorization").is_none(), "{at_target:?}");
    assert!(at_target.header("cookie").is_none(), "{at_target:?}");
    assert!(
        at_target.header("x-extra-secret").is_none(),
        "{at_target:?}"
    );

    // Same-origin redirects keep the session.
    a.clear_requests();
    let same = format!(
        "/__sim/redirect?to={}",
        urlencode(&format!("{}/rest/api/2/myself", a.base_url))
    );
    let me = h.get(&same).unwrap().unwrap();
    assert_eq!(me["name"], "demo");
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[test]
fn error_shapes_become_messages() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();

    // errorMessages[]
    let err = h.get("/rest/api/2/issue/NOPE-99999").unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert!(!err.is_terminating());
    let msgs = err.messages();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].contains("Issue Does Not Exist") || msgs[0].contains("does not exist"),
        "{msgs:?}"
    );

    // errors{field: msg}
    let err = h
        .client
        .send(
            Request::post_json(
                "/rest/api/2/issue",
                json!({"fields": {"project": {"key": "TEST"}}}),
            ),
            &h.cancel,
        )
        .unwrap_err();
    assert_eq!(err.status(), Some(400));
    let msgs = err.messages();
    assert!(msgs.iter().all(|m| m.contains(": ")), "{msgs:?}");
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("summary: ") || m.starts_with("issuetype: ")),
        "{msgs:?}"
    );

    // message / status-code
    let err = h.get("/rest/api/2/no-such-resource").unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert!(
        err.messages()[0].starts_with("null for uri: "),
        "{:?}",
        err.messages()
    );

    // HTML page
    sim.set_faults(&["html:once:status=502"]).unwrap();
    let err = h.get("/rest/api/2/serverInfo").unwrap_err();
    assert_eq!(
        err.messages(),
        vec!["HTTP 502 Bad Gateway (the server returned an HTML page, not JSON)"]
    );

    // empty body
    let err = h
        .client
        .send(Request::delete("/rest/api/2/myself"), &h.cancel)
        .unwrap_err();
    assert_eq!(
        err.messages(),
        vec!["HTTP 405 Method Not Allowed (the server returned an empty body)"]
    );
    h.assert_events_clean();
}

#[test]
fn rate_limit_and_unavailable_are_retried_after_retry_after() {
    let sim = sim(Flavor::Cloud);
    let h = Harness::new(&sim.base_url);
    sim.set_faults(&["429:once:retry-after=1"]).unwrap();
    let started = std::time::Instant::now();
    let info = h.get("/rest/api/2/serverInfo").unwrap().unwrap();
    assert_eq!(info["deploymentType"], "Cloud");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    let warnings = h.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("Jira rate limit hit (429); retrying in 1"),
        "{warnings:?}"
    );
    assert!(warnings[0].ends_with("(1/3)"), "{warnings:?}");
    assert_eq!(
        sim.requests()
            .iter()
            .filter(|r| r.path == "/rest/api/2/serverInfo")
            .count(),
        2
    );

    sim.clear_requests();
    sim.set_faults(&["503:every=1:retry-after=0"]).unwrap();
    let err = h.get("/rest/api/2/serverInfo").unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        sim.requests()
            .iter()
            .filter(|r| r.path == "/rest/api/2/serverInfo")
            .count(),
        4,
        "1 attempt + 3 retries"
    );
    assert!(
        h.warnings()
            .iter()
            .any(|w| w.contains("(3/3)") && w.contains("503"))
    );
}

#[test]
fn retry_wait_is_cancellable() {
    let sim = sim(Flavor::Cloud);
    let h = Harness::new(&sim.base_url);
    sim.set_faults(&["429:every=1:retry-after=2"]).unwrap();
    let cancel = Cancel::new();
    let c2 = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        c2.cancel();
    });
    let started = std::time::Instant::now();
    let err = h
        .client
        .json(Request::get("/rest/api/2/serverInfo"), &cancel)
        .unwrap_err();
    assert!(matches!(err, JiraError::Cancelled), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
    // The client stays usable after a cancelled command.
    sim.set_faults(&[]).unwrap();
    assert!(h.get("/rest/api/2/serverInfo").is_ok());
}

#[test]
fn reset_connection_retries_get_but_never_resends_post() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    sim.clear_requests();
    sim.set_faults(&["reset:once:method=POST"]).unwrap();
    let body = json!({"fields": {"project": {"key": "TEST"}, "summary": "once only",
                                  "issuetype": {"name": "Task"}}});
    let err = h
        .client
        .send(Request::post_json("/rest/api/2/issue", body), &h.cancel)
        .unwrap_err();
    assert!(matches!(err, JiraError::ConnectionLost { .. }), "{err}");
    assert!(err.to_string().contains("not repeated"), "{err}");
    let posts = sim
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/rest/api/2/issue")
        .count();
    assert_eq!(posts, 1, "a POST is never re-sent");

    sim.clear_requests();
    sim.set_faults(&["reset:once:method=GET"]).unwrap();
    let me = h.get("/rest/api/2/myself").unwrap().unwrap();
    assert_eq!(me["name"], "demo");
    let gets = sim
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path == "/rest/api/2/myself")
        .count();
    assert_eq!(gets, 2, "an idempotent GET is retried once");
}

#[test]
fn expired_session_logs_in_again_once() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    sim.expire_sessions();
    sim.clear_requests();
    let me = h.get("/rest/api/2/myself").unwrap().unwrap();
    assert_eq!(me["name"], "demo");
    let log = sim.requests();
    let calls: Vec<(bool, bool)> = log
        .iter()
        .filter(|r| r.path == "/rest/api/2/myself")
        .map(|r| {
            (
                r.header("authorization").is_some(),
                r.header("cookie").is_some(),
            )
        })
        .collect();
    // cookie-only (rejected) → re-login with Basic → retry with the new cookie only
    assert_eq!(
        calls,
        vec![(false, true), (true, false), (false, true)],
        "{log:?}"
    );
    h.assert_events_clean();
}

fn keys(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.get("key").or_else(|| i.get("id")).unwrap().to_string())
        .collect()
}

#[test]
fn offset_paging_with_first_skip_and_total() {
    let sim = sim_with(Flavor::DataCenter, 60, 0);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    let search = || {
        Request::get("/rest/api/2/search")
            .query("jql", "ORDER BY key ASC")
            .query("fields", "summary")
    };
    let all = h
        .client
        .json(search().query("maxResults", "100"), &h.cancel)
        .unwrap()
        .unwrap();
    let all_keys = keys(all["issues"].as_array().unwrap());
    assert_eq!(all_keys.len(), 60);

    let stream = h
        .client
        .pages(
            search(),
            PageOptions {
                page_size: 7,
                skip: 5,
                first: Some(20),
                ..PageOptions::default()
            },
            &h.cancel,
        )
        .unwrap();
    assert_eq!(stream.total(), Some(60));
    let got: Vec<Value> = stream.collect::<Result<_, _>>().unwrap();
    assert_eq!(
        keys(&got),
        all_keys[5..25].to_vec(),
        "in order, skipped and limited"
    );

    // Everything, concurrently, still in order; and sequentially gives the same.
    let every = |concurrency| -> Vec<String> {
        let s = h
            .client
            .pages(
                search(),
                PageOptions {
                    page_size: 9,
                    concurrency,
                    ..PageOptions::default()
                },
                &h.cancel,
            )
            .unwrap();
        keys(&s.collect::<Result<Vec<_>, _>>().unwrap())
    };
    assert_eq!(every(4), all_keys);
    assert_eq!(every(1), all_keys);

    // The last page asks only for what -First still needs.
    sim.clear_requests();
    let got: Vec<Value> = h
        .client
        .pages(
            search(),
            PageOptions {
                page_size: 10,
                first: Some(15),
                ..PageOptions::default()
            },
            &h.cancel,
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got.len(), 15);
    let queries: Vec<String> = sim
        .requests()
        .iter()
        .filter(|r| r.path == "/rest/api/2/search")
        .map(|r| r.query.clone())
        .collect();
    assert_eq!(queries.len(), 2, "{queries:?}");
    assert!(
        queries[1].contains("startAt=10") && queries[1].contains("maxResults=5"),
        "{queries:?}"
    );
}

#[test]
fn token_paging_on_cloud_with_first_and_skip() {
    let sim = sim_with(Flavor::Cloud, 60, 0);
    let h = Harness::new(&sim.base_url);
    let creds = Credentials::from_auth(Auth::api_token("demo@example.com", secret("demo-token")));
    h.client.login(creds, &h.cancel).unwrap();
    let search =
        || Request::get("/rest/api/3/search/jql").query("jql", "project = TEST ORDER BY key ASC");
    let all = h
        .client
        .json(search().query("maxResults", "5000"), &h.cancel)
        .unwrap()
        .unwrap();
    let all_keys = keys(all["issues"].as_array().unwrap());
    assert!(all_keys.len() >= 15, "{}", all_keys.len());

    sim.clear_requests();
    let stream = h
        .client
        .pages(
            search(),
            PageOptions {
                page_size: 4,
                skip: 3,
                first: Some(9),
                ..PageOptions::default()
            },
            &h.cancel,
        )
        .unwrap();
    assert_eq!(stream.total(), None, "token paging has no total");
    let got: Vec<Value> = stream.collect::<Result<_, _>>().unwrap();
    assert_eq!(keys(&got), all_keys[3..12].to_vec());
    let log = sim.requests();
    let pages: Vec<&LoggedRequest> = log
        .iter()
        .filter(|r| r.path == "/rest/api/3/search/jql")
        .collect();
    assert!(pages.len() >= 3, "{pages:?}");
    assert!(!pages[0].query.contains("nextPageToken"));
    assert!(
        pages[1..]
            .iter()
            .all(|r| r.query.contains("nextPageToken=")),
        "{pages:?}"
    );

    // Explicit mode and the whole result set.
    let got: Vec<Value> = h
        .client
        .pages(
            search(),
            PageOptions {
                page_size: 6,
                mode: PagingMode::Token,
                ..PageOptions::default()
            },
            &h.cancel,
        )
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(keys(&got), all_keys);
}

#[test]
fn dropping_the_stream_stops_paging() {
    let sim = sim_with(Flavor::DataCenter, 400, 20);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    sim.clear_requests();
    let mut stream = h
        .client
        .pages(
            Request::get("/rest/api/2/search").query("jql", "ORDER BY key ASC"),
            PageOptions {
                page_size: 2,
                concurrency: 4,
                ..PageOptions::default()
            },
            &h.cancel,
        )
        .unwrap();
    assert_eq!(stream.total(), Some(400));
    let first5: Vec<Value> = stream.by_ref().take(5).collect::<Result<_, _>>().unwrap();
    assert_eq!(first5.len(), 5);
    drop(stream);
    // Requests already handed to the connection when the stream was dropped may still land.
    std::thread::sleep(Duration::from_millis(100));
    let at_drop = sim.requests().len();
    std::thread::sleep(Duration::from_millis(300));
    let after = sim.requests().len();
    // 3 pages consumed + at most a window of 4 in flight + 1 buffered + 1 being handed over.
    assert!(at_drop <= 9, "{at_drop} page requests for 5 items");
    assert_eq!(after, at_drop, "no request after the stream was dropped");
}

#[test]
fn cancel_stops_a_paged_search() {
    let sim = sim_with(Flavor::DataCenter, 200, 30);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    let cancel = Cancel::new();
    let mut stream = h
        .client
        .pages(
            Request::get("/rest/api/2/search").query("jql", "ORDER BY key ASC"),
            PageOptions {
                page_size: 2,
                concurrency: 1,
                ..PageOptions::default()
            },
            &cancel,
        )
        .unwrap();
    assert!(stream.next().unwrap().is_ok());
    cancel.cancel();
    let rest: Vec<_> = stream.collect();
    assert!(
        matches!(rest.last(), Some(Err(JiraError::Cancelled))),
        "{:?}",
        rest.last()
    );
    assert!(rest.len() < 100);
}

#[test]
fn server_info_is_cached_and_deployment_detected() {
    for (flavor, expect) in [
        (Flavor::DataCenter, jirash::jira::Deployment::Server),
        (Flavor::Cloud, jirash::jira::Deployment::Cloud),
    ] {
        let sim = sim(flavor);
        let h = Harness::new(&sim.base_url);
        assert_eq!(h.client.deployment(&h.cancel).unwrap(), expect);
        assert_eq!(h.client.deployment(&h.cancel).unwrap(), expect);
        let n = sim
            .requests()
            .iter()
            .filter(|r| r.path == "/rest/api/2/serverInfo")
            .count();
        assert_eq!(n, 1, "cached");
        h.client.clear_cache();
        h.client.server_info(false, &h.cancel).unwrap();
        let n = sim
            .requests()
            .iter()
            .filter(|r| r.path == "/rest/api/2/serverInfo")
            .count();
        assert_eq!(n, 2, "refetched after Clear-JiraCache");
    }
}

#[test]
fn verbose_lines_are_method_and_url_only() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    h.client
        .send(
            Request::get("/rest/api/2/myself").query("expand", "groups"),
            &h.cancel,
        )
        .unwrap();
    let lines: Vec<String> = h
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, Event::Request { .. }))
        .map(ToString::to_string)
        .collect();
    assert!(
        lines.contains(&format!(
            "GET {}/rest/api/2/myself?expand=groups",
            sim.base_url
        )),
        "{lines:?}"
    );
    for l in &lines {
        assert!(l.starts_with("GET ") || l.starts_with("DELETE "), "{l}");
        assert_no_secret(l);
    }
}

#[test]
fn upload_and_download_files() {
    let sim = sim(Flavor::DataCenter);
    let h = Harness::new(&sim.base_url);
    h.client.login(dc_basic(), &h.cancel).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "hello attachment").unwrap();
    let issue = h
        .get("/rest/api/2/search?jql=ORDER%20BY%20key&maxResults=1")
        .unwrap()
        .unwrap();
    let key = issue["issues"][0]["key"].as_str().unwrap().to_string();
    sim.clear_requests();
    let resp = h
        .client
        .json(
            Request::new(
                reqwest::Method::POST,
                format!("/rest/api/2/issue/{key}/attachments"),
            )
            .body(Body::File(file)),
            &h.cancel,
        )
        .unwrap()
        .unwrap();
    let log = sim.requests();
    let up = last_to(&log, &format!("/rest/api/2/issue/{key}/attachments"));
    assert_eq!(up.header("x-atlassian-token"), Some("no-check"));
    assert!(
        up.header("content-type")
            .unwrap()
            .starts_with("multipart/form-data")
    );
    let content = resp[0]["content"].as_str().unwrap().to_string();
    let out = dir.path().join("down.txt");
    let r = h
        .client
        .send(Request::get(content).out_file(&out), &h.cancel)
        .unwrap();
    assert!(r.body.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "hello attachment");
}
