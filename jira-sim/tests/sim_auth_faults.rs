//! Auth modes, cookies, CAPTCHA, the fault plan, latency, the request log and admin endpoints.

mod common;

use std::time::{Duration, Instant};

use common::{T, client, send, sim_with, status_json};
use jira_sim::Flavor::{Cloud, DataCenter};
use jira_sim::Options;
use serde_json::json;

#[tokio::test]
async fn dc_basic_pat_and_headers() {
    let t = T::new(DataCenter).await;
    let r = client()
        .get(t.url("/rest/api/2/myself"))
        .basic_auth("demo", Some("demo"))
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-ausername"], "demo");
    assert_eq!(r.headers()["x-seraph-loginreason"], "OK");
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        cookie.starts_with("JSESSIONID=") && cookie.ends_with("; Path=/; HttpOnly"),
        "{cookie}"
    );
    let r = client()
        .get(t.url("/rest/api/2/myself"))
        .bearer_auth("demo-pat")
        .send()
        .await
        .ok();
    let (s, v) = status_json(r.unwrap_or_else(|| panic!("request failed"))).await;
    assert_eq!((s, v["name"].as_str()), (200, Some("demo")));
    let (s, _) = send(
        client()
            .get(t.url("/rest/api/2/myself"))
            .bearer_auth("wrong-pat"),
    )
    .await;
    assert_eq!(s, 401);
    let r = client()
        .get(t.url("/rest/api/2/myself"))
        .basic_auth("demo", Some("nope"))
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["x-seraph-loginreason"], "AUTHENTICATED_FAILED");
    let r = client()
        .get(t.url("/rest/api/2/serverInfo"))
        .send()
        .await
        .ok();
    assert_eq!(
        r.map(|r| r.headers()["x-ausername"].clone()),
        Some(
            "anonymous"
                .parse()
                .unwrap_or(reqwest::header::HeaderValue::from_static("x"))
        )
    );
}

#[tokio::test]
async fn cloud_uses_email_and_token_only() {
    let t = T::new(Cloud).await;
    let (s, v) = send(
        client()
            .get(t.url("/rest/api/3/myself"))
            .basic_auth("demo@example.com", Some("demo-token")),
    )
    .await;
    assert_eq!(
        (s, v["emailAddress"].as_str()),
        (200, Some("demo@example.com"))
    );
    assert_eq!(
        send(
            client()
                .get(t.url("/rest/api/3/myself"))
                .basic_auth("demo", Some("demo"))
        )
        .await
        .0,
        401
    );
    assert_eq!(
        send(
            client()
                .get(t.url("/rest/api/3/myself"))
                .bearer_auth("demo-pat")
        )
        .await
        .0,
        401
    );
    let r = client()
        .get(t.url("/rest/api/3/myself"))
        .basic_auth("demo@example.com", Some("demo-token"))
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    assert!(
        r.headers().get("set-cookie").is_none(),
        "no cookie sessions on Cloud"
    );
    assert!(r.headers().get("x-aaccountid").is_some());
    let (s, _) = send(
        client()
            .post(t.url("/rest/auth/1/session"))
            .json(&json!({"username": "demo", "password": "demo"})),
    )
    .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn cookie_sessions_login_reuse_logout_and_expiry() {
    let t = T::new(DataCenter).await;
    let jar = common::builder()
        .cookie_store(true)
        .build()
        .unwrap_or_default();
    let (s, v) = send(
        jar.post(t.url("/rest/auth/1/session"))
            .json(&json!({"username": "demo", "password": "demo"})),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["session"]["name"], "JSESSIONID");
    let (s, v) = send(jar.get(t.url("/rest/api/2/myself"))).await;
    assert_eq!(
        (s, v["name"].as_str()),
        (200, Some("demo")),
        "cookie alone authenticates"
    );
    let (s, v) = send(jar.get(t.url("/rest/auth/1/session"))).await;
    assert_eq!((s, v["name"].as_str()), (200, Some("demo")));
    assert_eq!(send(jar.delete(t.url("/rest/auth/1/session"))).await.0, 204);
    assert_eq!(send(jar.get(t.url("/rest/api/2/myself"))).await.0, 401);
    // A cookie handed out on a Basic request works alone until sessions expire.
    let jar = common::builder()
        .cookie_store(true)
        .build()
        .unwrap_or_default();
    assert_eq!(
        send(
            jar.get(t.url("/rest/api/2/myself"))
                .basic_auth("demo", Some("demo"))
        )
        .await
        .0,
        200
    );
    assert_eq!(send(jar.get(t.url("/rest/api/2/myself"))).await.0, 200);
    t.sim.expire_sessions();
    assert_eq!(send(jar.get(t.url("/rest/api/2/myself"))).await.0, 401);
    let (s, v) = send(
        client()
            .post(t.url("/rest/auth/1/session"))
            .json(&json!({"username": "demo", "password": "x"})),
    )
    .await;
    assert_eq!(
        (s, v["errorMessages"][0].as_str()),
        (401, Some("Login failed"))
    );
}

#[tokio::test]
async fn captcha_after_failed_logins_survives_a_good_password() {
    let t = T::new(DataCenter).await;
    for _ in 0..3 {
        assert_eq!(
            send(
                client()
                    .get(t.url("/rest/api/2/myself"))
                    .basic_auth("bob", Some("bad"))
            )
            .await
            .0,
            401
        );
    }
    let r = client()
        .get(t.url("/rest/api/2/myself"))
        .basic_auth("bob", Some("bob"))
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 403);
    assert_eq!(r.headers()["x-seraph-loginreason"], "AUTHENTICATION_DENIED");
    let reason = r.headers()["x-authentication-denied-reason"]
        .to_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        reason,
        format!("CAPTCHA_CHALLENGE; login-url={}/login.jsp", t.sim.base_url)
    );
    // Other users are unaffected; the admin reset clears the lock.
    assert_eq!(
        send(
            client()
                .get(t.url("/rest/api/2/myself"))
                .basic_auth("alice", Some("alice"))
        )
        .await
        .0,
        200
    );
    assert_eq!(
        send(client().post(t.url("/__sim/reset-captcha"))).await.0,
        204
    );
    assert_eq!(
        send(
            client()
                .get(t.url("/rest/api/2/myself"))
                .basic_auth("bob", Some("bob"))
        )
        .await
        .0,
        200
    );
    // Two failures then a success reset the counter.
    let sim = sim_with(Options {
        captcha_after: 2,
        ..Options::default()
    })
    .await;
    let u = format!("{}/rest/api/2/myself", sim.base_url);
    assert_eq!(
        send(client().get(&u).basic_auth("carol", Some("x")))
            .await
            .0,
        401
    );
    assert_eq!(
        send(client().get(&u).basic_auth("carol", Some("carol")))
            .await
            .0,
        200
    );
    assert_eq!(
        send(client().get(&u).basic_auth("carol", Some("x")))
            .await
            .0,
        401
    );
    assert_eq!(
        send(client().get(&u).basic_auth("carol", Some("carol")))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn fault_429_and_503_carry_retry_headers() {
    let sim = sim_with(Options {
        faults: vec!["429:every=2:retry-after=3".into()],
        ..Options::default()
    })
    .await;
    let u = format!("{}/rest/api/2/serverInfo", sim.base_url);
    let r1 = client()
        .get(&u)
        .send()
        .await
        .ok()
        .map(|r| r.status().as_u16());
    assert_eq!(r1, Some(200));
    let r = client()
        .get(&u)
        .send()
        .await
        .ok()
        .unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "3");
    for h in [
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        "ratelimit-reason",
    ] {
        assert!(r.headers().contains_key(h), "{h}");
    }
    let ok = sim.set_faults(&["503:once:path=/rest/api/2/field"]);
    assert!(ok.is_ok());
    let (s, _) = send(client().get(&u)).await;
    assert_eq!(s, 200, "scoped to another path");
    let f = format!("{}/rest/api/2/field", sim.base_url);
    let r = client()
        .get(&f)
        .basic_auth("demo", Some("demo"))
        .send()
        .await
        .ok()
        .unwrap_or_else(|| panic!("request failed"));
    assert_eq!(
        (r.status().as_u16(), r.headers().contains_key("retry-after")),
        (503, true)
    );
    assert_eq!(
        send(client().get(&f).basic_auth("demo", Some("demo")))
            .await
            .0,
        200,
        "once"
    );
    assert!(sim.set_faults(&["teapot:once"]).is_err());
}

#[tokio::test]
async fn fault_reset_truncate_html_and_slow() {
    let t = T::new(DataCenter).await;
    let c = client();
    let (s, _) = send(c.post(t.url("/__sim/faults")).json(&json!(["reset:once"]))).await;
    assert_eq!(s, 204);
    assert!(
        c.get(t.url("/rest/api/2/serverInfo")).send().await.is_err(),
        "connection dropped"
    );
    assert_eq!(send(c.get(t.url("/rest/api/2/serverInfo"))).await.0, 200);

    send(
        c.post(t.url("/__sim/faults"))
            .json(&json!(["truncate:once"])),
    )
    .await;
    let r = common::authed(
        &c,
        DataCenter,
        reqwest::Method::GET,
        &t.url("/rest/api/2/field"),
    )
    .send()
    .await;
    let r = r.unwrap_or_else(|e| panic!("head should arrive: {e}"));
    assert_eq!(r.status(), 200);
    assert!(r.content_length().is_some_and(|n| n > 100));
    assert!(r.bytes().await.is_err(), "body cut short of Content-Length");

    send(
        c.post(t.url("/__sim/faults"))
            .json(&json!(["html:once:status=500"])),
    )
    .await;
    let r = c
        .get(t.url("/rest/api/2/serverInfo"))
        .send()
        .await
        .ok()
        .unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 500);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/html")
    );
    assert!(r.text().await.unwrap_or_default().contains("<html>"));

    send(c.post(t.url("/__sim/faults")).json(&json!(["slow:once"]))).await;
    let start = Instant::now();
    let (s, v) = t.get("/rest/api/2/priority").await;
    assert_eq!(s, 200);
    assert_eq!(
        v.as_array().map(Vec::len),
        Some(5),
        "slow body arrives intact"
    );
    assert!(start.elapsed() >= Duration::from_millis(500));

    let (s, v) = send(c.post(t.url("/__sim/faults")).json(&json!(["bogus"]))).await;
    assert_eq!(s, 400, "{v}");
    send(c.post(t.url("/__sim/faults")).json(&json!(["429:every=1"]))).await;
    assert_eq!(send(c.get(t.url("/rest/api/2/serverInfo"))).await.0, 429);
    assert_eq!(send(c.delete(t.url("/__sim/faults"))).await.0, 204);
    assert_eq!(send(c.get(t.url("/rest/api/2/serverInfo"))).await.0, 200);
}

#[tokio::test]
async fn latency_is_added_per_request() {
    let sim = sim_with(Options {
        latency_ms: 150,
        issues: 3,
        ..Options::default()
    })
    .await;
    let start = Instant::now();
    assert_eq!(
        send(client().get(format!("{}/rest/api/2/serverInfo", sim.base_url)))
            .await
            .0,
        200
    );
    assert!(start.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn request_log_and_redirects_show_what_clients_send() {
    let a = T::new(DataCenter).await;
    let b = T::new(DataCenter).await;
    a.sim.clear_requests();
    let (s, _) = a
        .post(
            "/rest/api/2/issue",
            json!({"fields": {"summary": "logged"}}),
        )
        .await;
    assert_eq!(s, 400);
    let log = a.sim.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].method.as_str(), log[0].path.as_str()),
        ("POST", "/rest/api/2/issue")
    );
    assert!(String::from_utf8_lossy(&log[0].body).contains("logged"));
    assert!(
        log[0]
            .header("authorization")
            .is_some_and(|h| h.starts_with("Basic "))
    );
    assert!(
        !format!("{:?}", log[0]).contains("Basic ZGVtbzpkZW1v"),
        "Debug hides credentials"
    );
    let (_, over_http) = send(client().get(a.url("/__sim/requests"))).await;
    assert!(
        !over_http.to_string().contains("ZGVtbzpkZW1v"),
        "admin log redacts credentials"
    );

    // A redirect to another origin: reqwest must not carry the Authorization header along.
    let follow = common::builder().build().expect("client");
    let target = b.url("/rest/api/2/serverInfo");
    let url = format!(
        "{}?to={}",
        a.url("/__sim/redirect"),
        target.replace(':', "%3A").replace('/', "%2F")
    );
    let (s, _) = send(follow.get(&url).basic_auth("demo", Some("demo"))).await;
    assert_eq!(s, 200);
    let seen = b.sim.requests();
    let last = seen.last().unwrap_or_else(|| panic!("b saw nothing"));
    assert_eq!(last.path, "/rest/api/2/serverInfo");
    assert!(last.header("authorization").is_none());
    let (s, _) =
        send(client().get(a.url("/__sim/redirect?to=http%3A%2F%2Fexample.invalid%2F"))).await;
    assert_eq!(s, 302);
}

#[test]
fn background_instance_serves_sync_callers() {
    let bg = jira_sim::spawn(Options {
        issues: 5,
        ..Options::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let url = format!("{}/rest/api/2/serverInfo", bg.base_url);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let s = rt.block_on(async { send(client().get(&url)).await.0 });
    assert_eq!(s, 200);
    assert_eq!(bg.requests().len(), 1);
    drop(bg);
    let after = rt.block_on(async { client().get(&url).send().await.is_err() });
    assert!(after, "dropping the Background stops the server");
}

#[tokio::test]
async fn a_context_path_prefixes_every_url_and_cookie() {
    let sim = sim_with(Options {
        context_path: "jira/".into(),
        ..Options::default()
    })
    .await;
    assert!(sim.base_url.ends_with("/jira"), "{}", sim.base_url);
    let (status, info) =
        send(client().get(format!("{}/rest/api/2/serverInfo", sim.base_url))).await;
    assert_eq!(status, 200);
    assert_eq!(info["baseUrl"], sim.base_url.as_str());
    let r = common::authed(
        &client(),
        DataCenter,
        reqwest::Method::GET,
        &format!("{}/rest/api/2/issue/TEST-1", sim.base_url),
    )
    .send()
    .await
    .unwrap_or_else(|e| panic!("request failed: {e}"));
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap_or_default()
        .to_owned();
    assert!(cookie.contains("; Path=/jira;"), "{cookie}");
    // Every cookie it sets (the XSRF token too) is scoped to the context path.
    for c in r.headers().get_all("set-cookie") {
        let c = c.to_str().unwrap_or_default();
        assert!(c.contains("Path=/jira"), "{c}");
    }
    let (status, issue) = status_json(r).await;
    assert_eq!(status, 200);
    assert_eq!(
        issue["self"],
        format!("{}/rest/api/2/issue/10000", sim.base_url).as_str()
    );
    // Outside the context path there is no Jira, as behind Tomcat.
    let root = sim.base_url.trim_end_matches("/jira").to_owned();
    let r = client()
        .get(format!("{root}/rest/api/2/serverInfo"))
        .send()
        .await
        .unwrap_or_else(|e| panic!("request failed: {e}"));
    assert_eq!(r.status(), 404);
    // The request log keeps the full path.
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.path == "/jira/rest/api/2/serverInfo")
    );
    assert!(
        jira_sim::start(Options {
            context_path: "/bad path".into(),
            ..Options::default()
        })
        .await
        .is_err()
    );
}

#[tokio::test]
async fn writes_need_json_and_form_types_hit_the_xsrf_check() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let (user, secret) = match f {
            DataCenter => ("demo", "demo"),
            Cloud => ("demo@example.com", "demo-token"),
        };
        let body = r#"{"fields":{"project":{"key":"TEST"},"issuetype":{"name":"Task"},"summary":"typed"}}"#;
        let post = |ct: Option<&str>, token: bool| {
            let mut rb = client()
                .post(t.url("/rest/api/2/issue"))
                .basic_auth(user, Some(secret))
                .body(body);
            if let Some(ct) = ct {
                rb = rb.header("Content-Type", ct);
            }
            if token {
                rb = rb.header("X-Atlassian-Token", "no-check");
            }
            rb
        };
        for ct in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ] {
            let r = post(Some(ct), false).send().await.ok();
            let r = r.unwrap_or_else(|| panic!("request failed"));
            assert_eq!(r.status(), 403, "{f:?} {ct}");
            assert_eq!(r.text().await.unwrap_or_default(), "XSRF check failed");
            // Past the XSRF check the JSON resource still refuses the type.
            let (s, _) = send(post(Some(ct), true)).await;
            assert_eq!(s, 415, "{f:?} {ct} with no-check");
        }
        let (s, _) = send(post(None, false)).await;
        assert_eq!(s, 415, "{f:?}: a body without a content type");
        let (s, _) = send(post(Some("application/xml"), false)).await;
        assert_eq!(s, 415);
        let (s, v) = send(post(Some("application/json; charset=UTF-8"), false)).await;
        assert_eq!(s, 201, "{v}");
        // Bodiless writes need no content type.
        let key = v["key"].as_str().unwrap_or_default();
        let (s, _) = send(
            client()
                .post(t.url(&format!("/rest/api/2/issue/{key}/watchers")))
                .basic_auth(user, Some(secret)),
        )
        .await;
        assert_eq!(s, 204);
    }
    // The cookie login is behind the same filter.
    let t = T::new(DataCenter).await;
    let r = client()
        .post(t.url("/rest/auth/1/session"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("username=demo&password=demo")
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 403);
    assert!(r.headers().get("set-cookie").is_none());
}

#[tokio::test]
async fn cookie_login_sets_the_xsrf_token_and_the_fault_plan_lists_its_rules() {
    let t = T::new(DataCenter).await;
    let r = client()
        .post(t.url("/rest/auth/1/session"))
        .json(&json!({"username": "demo", "password": "demo"}))
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_string)
        .collect();
    assert!(cookies[0].starts_with("JSESSIONID="), "{cookies:?}");
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("atlassian.xsrf.token=") && c.contains("_lin;")),
        "{cookies:?}"
    );
    // The plan as given, with what each rule has seen.
    let c = client();
    let (s, _) = send(
        c.post(t.url("/__sim/faults"))
            .json(&json!(["429:every=2:path=/rest/api/2/myself", "503:once"])),
    )
    .await;
    assert_eq!(s, 204);
    let _ = t.get("/rest/api/2/myself").await;
    let (_, v) = send(c.get(t.url("/__sim/faults"))).await;
    assert_eq!(
        v,
        json!({"rules": [
            {"spec": "429:every=2:path=/rest/api/2/myself", "seen": 1, "fired": false},
            {"spec": "503:once", "seen": 1, "fired": true},
        ]})
    );
    // A list with anything but specs is refused whole (nothing silently dropped).
    let (s, _) = send(
        c.post(t.url("/__sim/faults"))
            .json(&json!(["503:once", 429])),
    )
    .await;
    assert_eq!(s, 400);
    let (_, v) = send(c.get(t.url("/__sim/faults"))).await;
    assert_eq!(
        v["rules"].as_array().map(Vec::len),
        Some(2),
        "the plan is unchanged"
    );
}

#[tokio::test]
async fn dc_user_names_are_url_encoded_in_headers_and_links() {
    let t = T::new(DataCenter).await;
    let (s, v) = t
        .post(
            "/rest/api/2/user",
            json!({"name": "jörg", "password": "pw", "emailAddress": "jorg@example.com"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["self"], t.url("/rest/api/2/user?username=j%C3%B6rg"));
    let r = client()
        .get(t.url("/rest/api/2/myself"))
        .basic_auth("jörg", Some("pw"))
        .send()
        .await
        .ok();
    let r = r.unwrap_or_else(|| panic!("request failed"));
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-ausername"], "j%C3%B6rg");
    let (_, me) = status_json(r).await;
    assert_eq!(me["name"], "jörg");
    let (s, v) = send(
        client()
            .get(me["self"].as_str().unwrap_or_default())
            .basic_auth("demo", Some("demo")),
    )
    .await;
    assert_eq!(
        (s, v["name"].as_str()),
        (200, Some("jörg")),
        "the self link resolves"
    );
}
