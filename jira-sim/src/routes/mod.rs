//! HTTP surface: the single axum entry point (request log, latency, faults, auth) and the
//! dispatch of `/rest/api/{2,3,latest}/…`, `/rest/auth/1/session`, `/secure/attachment/…` and
//! `/__sim/…` to the per-resource modules. Handlers return [`Res`]; errors are Jira's bodies.

pub mod admin;
pub mod filter;
pub mod issue;
pub mod meta;
pub mod people;
pub mod project;
pub mod render;
pub mod search;
pub mod sub;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body as AxBody;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

use crate::auth::{self, AuthError};
use crate::faults::FaultKind;
use crate::{LoggedRequest, REQUEST_LOG_CAPACITY, Sim};

/// What a handler answers.
pub struct Reply {
    /// Status code.
    pub status: StatusCode,
    /// Extra headers.
    pub headers: Vec<(&'static str, String)>,
    /// Body.
    pub body: Body,
}

/// A reply body.
pub enum Body {
    /// JSON.
    Json(Value),
    /// Nothing.
    Empty,
    /// Bytes with a MIME type.
    Raw(String, Bytes),
}

/// Handler result: `Err` carries an error reply so `?` works on lookups.
pub type Res = Result<Reply, Reply>;

impl Reply {
    /// JSON with a status.
    pub fn json(status: u16, v: Value) -> Reply {
        Reply {
            status: code(status),
            headers: Vec::new(),
            body: Body::Json(v),
        }
    }
    /// An empty body with a status.
    pub fn empty(status: u16) -> Reply {
        Reply {
            status: code(status),
            headers: Vec::new(),
            body: Body::Empty,
        }
    }
    /// Adds a header.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
    fn bytes(&self) -> (String, Bytes) {
        match &self.body {
            Body::Json(v) => (
                "application/json;charset=UTF-8".into(),
                Bytes::from(v.to_string()),
            ),
            Body::Empty => (String::new(), Bytes::new()),
            Body::Raw(m, b) => (m.clone(), b.clone()),
        }
    }
}

fn code(s: u16) -> StatusCode {
    StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// 200 with JSON.
pub fn ok(v: Value) -> Res {
    Ok(Reply::json(200, v))
}

/// 204.
pub fn no_content() -> Res {
    Ok(Reply::empty(204))
}

/// Jira's error body `{"errorMessages":[…],"errors":{}}`.
pub fn error(status: u16, msg: &str) -> Reply {
    Reply::json(status, json!({"errorMessages": [msg], "errors": {}}))
}

/// Jira's field error body `{"errorMessages":[],"errors":{field: msg}}`.
pub fn field_error(status: u16, field: &str, msg: &str) -> Reply {
    Reply::json(status, json!({"errorMessages": [], "errors": {field: msg}}))
}

/// Jira's 404 for an unknown (or invisible) issue: Data Center's and Cloud's wording.
pub fn issue_404(cx: &Cx) -> Reply {
    if cx.cloud() {
        error(
            404,
            "Issue does not exist or you do not have permission to see it.",
        )
    } else {
        error(404, "Issue Does Not Exist")
    }
}

/// Per-request context handed to handlers.
pub struct Cx<'a> {
    /// The instance.
    pub sim: &'a Sim,
    /// `2`, `3` or `latest` as requested.
    pub ver: &'a str,
    /// The caller (always set inside `/rest/api`).
    pub user: usize,
    /// Decoded query parameters.
    pub query: Vec<(String, String)>,
    /// Request body.
    pub body: &'a [u8],
    /// Request headers.
    pub headers: &'a HeaderMap,
    /// Full request URL (for `null for uri`).
    pub url: String,
}

impl Cx<'_> {
    /// Cloud flavour.
    pub fn cloud(&self) -> bool {
        self.sim.cloud()
    }
    /// Rich text is ADF (Cloud, API v3).
    pub fn adf(&self) -> bool {
        self.cloud() && self.ver == "3"
    }
    /// `<base>/rest/api/<2|3>`.
    pub fn api(&self) -> String {
        let v = if self.ver == "3" { "3" } else { "2" };
        format!("{}/rest/api/{v}", self.sim.base_url)
    }
    /// A query parameter.
    pub fn q(&self, k: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }
    /// A boolean query parameter (`true`/`false` in any case: JiraPS sends PowerShell's
    /// `True`/`False`); `default` when absent or not a boolean.
    pub fn q_bool(&self, k: &str, default: bool) -> bool {
        match self.q(k) {
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(v) if v.eq_ignore_ascii_case("false") => false,
            _ => default,
        }
    }
    /// A numeric query parameter.
    pub fn q_num(&self, k: &str, default: usize) -> Result<usize, Reply> {
        match self.q(k) {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse::<i64>()
                .map(|n| n.max(0) as usize)
                .map_err(|_| error(400, &format!("The '{k}' parameter must be a number."))),
        }
    }
    /// The body parsed as JSON (400 like Jira when it is not).
    pub fn json(&self) -> Result<Value, Reply> {
        if self.body.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(self.body)
            .map_err(|e| error(400, &format!("Unexpected character in JSON body: {e}")))
    }
}

/// Decodes `a=1&b=x%20y` (plus as space).
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (pct_decode(k), pct_decode(v))
        })
        .collect()
}

/// Percent-decodes one path segment (`+` stays a plus there).
pub fn path_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    pct_decode(&s.replace('+', "%2B"))
}

/// Percent-decodes one query component (`+` is a space).
pub fn pct_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len()
                && b[i + 1].is_ascii_hexdigit()
                && b[i + 2].is_ascii_hexdigit() =>
            {
                let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The largest request body read (bigger ones get 413).
pub const MAX_BODY: usize = 64 << 20;

/// The router: everything goes through `entry`.
pub fn router(sim: Arc<Sim>) -> Router {
    Router::new().fallback(entry).with_state(sim)
}

fn log_request(
    sim: &Sim,
    method: &Method,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    body: &Bytes,
) {
    let entry = LoggedRequest {
        method: method.as_str().to_string(),
        path: path.to_string(),
        query: query.to_string(),
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
    };
    let mut log = sim.log.lock();
    if log.len() >= REQUEST_LOG_CAPACITY {
        log.pop_front();
    }
    log.push_back(entry);
}

async fn entry(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let full_path = parts.uri.path().to_string();
    let query = parts.uri.query().unwrap_or("").to_string();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        // Too large (or the client broke off): never handle it as an empty body.
        return into_response(error(413, "Request Entity Too Large"));
    };
    log_request(
        &sim,
        &parts.method,
        &full_path,
        &query,
        &parts.headers,
        &body,
    );
    // Under a context path, as behind Tomcat: only what is inside it is Jira.
    let path = match full_path.strip_prefix(sim.context_path.as_str()) {
        Some("") => "/".to_string(),
        Some(rest) if rest.starts_with('/') => rest.to_string(),
        _ => return html_error(404),
    };
    if sim.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(sim.latency_ms)).await;
    }
    if path.starts_with("/__sim/") {
        return into_response(admin::handle(&sim, &parts.method, &path, &query, &body));
    }
    let fault = sim.faults.lock().next(parts.method.as_str(), &path);
    match fault {
        Some(FaultKind::TooMany { retry_after }) => return into_response(too_many(retry_after)),
        Some(FaultKind::Unavailable { retry_after }) => {
            return into_response(
                error(503, "Service Unavailable").with("Retry-After", retry_after.to_string()),
            );
        }
        Some(FaultKind::Html { status }) => return html_error(status),
        Some(FaultKind::Reset) => return reset(),
        _ => {}
    }
    let reply = guarded(|| serve(&sim, &parts.method, &parts.headers, &path, &query, &body));
    match fault {
        Some(FaultKind::Truncate) => truncated(reply),
        Some(FaultKind::Slow) => slow(reply),
        _ => into_response(reply),
    }
}

/// Runs a handler; a panic (a simulator bug) becomes Jira's 500 body instead of a dropped
/// connection, so one bad request never looks like a network failure to the client.
fn guarded(f: impl FnOnce() -> Reply) -> Reply {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        error(
            500,
            "Internal server error: the simulator failed to handle this request.",
        )
    })
}

fn too_many(retry_after: u64) -> Reply {
    let reset = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_secs(
            i64::try_from(retry_after).unwrap_or(1) + 60,
        ))
        .unwrap_or_else(|_| jiff::Timestamp::now());
    let reset = crate::flavor::fmt_ts(reset);
    error(429, "Rate limit exceeded.")
        .with("Retry-After", retry_after.to_string())
        .with("X-RateLimit-Limit", "100")
        .with("X-RateLimit-Remaining", "0")
        .with("X-RateLimit-Reset", format!("{}Z", &reset[..16]))
        .with("RateLimit-Reason", "jira-burst-based")
}

fn html_error(status: u16) -> Response {
    let st = code(status);
    let text = format!(
        "<!DOCTYPE html><html><head><title>{0} {1}</title></head><body><h1>{0} {1}</h1><p>The server encountered a temporary error.</p></body></html>",
        st.as_u16(),
        st.canonical_reason().unwrap_or("Error")
    );
    (
        st,
        [(header::CONTENT_TYPE, "text/html;charset=UTF-8")],
        text,
    )
        .into_response()
}

fn reset() -> Response {
    // A body that fails before anything was flushed makes hyper drop the connection.
    let stream = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("simulated connection reset"))
    });
    Response::new(AxBody::from_stream(stream))
}

fn truncated(reply: Reply) -> Response {
    let (mime, bytes) = reply.bytes();
    let half = bytes.slice(..bytes.len() / 2);
    let full = bytes.len();
    // The pause lets hyper flush the head and the first half before the body fails, which
    // then aborts the connection short of the announced Content-Length.
    let stream = futures_util::stream::unfold(0u8, move |step| {
        let half = half.clone();
        async move {
            match step {
                0 => Some((Ok::<Bytes, std::io::Error>(half), 1)),
                1 => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Some((Err(std::io::Error::other("simulated truncation")), 2))
                }
                _ => None,
            }
        }
    });
    let mut resp = Response::new(AxBody::from_stream(stream));
    *resp.status_mut() = reply.status;
    put_headers(&mut resp, &reply.headers, &mime);
    if let Ok(v) = HeaderValue::from_str(&full.to_string()) {
        resp.headers_mut().insert(header::CONTENT_LENGTH, v);
    }
    resp
}

fn slow(reply: Reply) -> Response {
    let (mime, bytes) = reply.bytes();
    let step = bytes.len().div_ceil(10).max(1);
    let chunks: Vec<Bytes> = (0..bytes.len())
        .step_by(step)
        .map(|i| bytes.slice(i..(i + step).min(bytes.len())))
        .collect();
    let stream = futures_util::stream::unfold(chunks.into_iter(), |mut it| async move {
        let next = it.next()?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        Some((Ok::<Bytes, std::io::Error>(next), it))
    });
    let mut resp = Response::new(AxBody::from_stream(stream));
    *resp.status_mut() = reply.status;
    put_headers(&mut resp, &reply.headers, &mime);
    resp
}

fn put_headers(resp: &mut Response, headers: &[(&'static str, String)], mime: &str) {
    if !mime.is_empty()
        && let Ok(v) = HeaderValue::from_str(mime)
    {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    for (k, v) in headers {
        if let Ok(v) = HeaderValue::from_str(v) {
            resp.headers_mut().append(*k, v);
        }
    }
}

/// Turns a reply into an axum response.
pub fn into_response(reply: Reply) -> Response {
    let (mime, bytes) = reply.bytes();
    let mut resp = Response::new(AxBody::from(bytes));
    *resp.status_mut() = reply.status;
    put_headers(&mut resp, &reply.headers, &mime);
    resp
}

fn unauthenticated(sim: &Sim) -> Reply {
    if sim.cloud() {
        error(401, "Client must be authenticated to access this resource.")
    } else {
        Reply::json(
            401,
            json!({"message": "Client must be authenticated to access this resource.", "status-code": 401}),
        )
    }
}

/// The `null for uri` 404 Jira's REST layer answers for unknown paths.
pub fn null_for_uri(url: &str) -> Reply {
    Reply::json(
        404,
        json!({"message": format!("null for uri: {url}"), "status-code": 404}),
    )
}

fn auth_failure(sim: &Sim, e: AuthError) -> Reply {
    match e {
        AuthError::BadCredentials if sim.cloud() => unauthenticated(sim),
        AuthError::BadCredentials => {
            unauthenticated(sim).with("X-Seraph-LoginReason", "AUTHENTICATED_FAILED")
        }
        AuthError::Captcha => error(403, "CAPTCHA_CHALLENGE")
            .with("X-Seraph-LoginReason", "AUTHENTICATION_DENIED")
            .with(
                "X-Authentication-Denied-Reason",
                format!("CAPTCHA_CHALLENGE; login-url={}/login.jsp", sim.base_url),
            ),
    }
}

fn serve(
    sim: &Sim,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
    query: &str,
    body: &[u8],
) -> Reply {
    let url = if query.is_empty() {
        format!("{}{path}", sim.base_url)
    } else {
        format!("{}{path}?{query}", sim.base_url)
    };
    if path == "/rest/auth/1/session" || path == "/rest/auth/latest/session" {
        if !sim.cloud()
            && let Some(r) = media_type_check(method, headers, body, false)
        {
            return r;
        }
        return admin::session(sim, method, headers, body, &url);
    }
    let caller = auth::identify(sim, headers);
    let mut reply = route(sim, method, headers, path, query, body, &url, &caller);
    if !sim.cloud() {
        let name = {
            let st = sim.state.read();
            caller.user.map(|u| st.users[u].name.clone())
        };
        // URL-encoded, as Jira sends it (a header value cannot carry every name as is).
        reply = reply.with(
            "X-AUSERNAME",
            name.map_or_else(|| "anonymous".into(), |n| render::encode(&n)),
        );
        if caller.user.is_some() {
            reply = reply.with("X-Seraph-LoginReason", "OK");
        }
        if let Some(s) = caller.new_session {
            reply = reply
                .with(
                    "Set-Cookie",
                    format!("JSESSIONID={s}; Path={}; HttpOnly", sim.cookie_path()),
                )
                .with("Set-Cookie", auth::xsrf_cookie(true, sim.cookie_path()));
        }
    } else if let Some(u) = caller.user {
        let id = sim.state.read().users[u].account_id.clone();
        reply = reply.with("X-AAccountId", id);
    }
    reply
}

#[allow(clippy::too_many_arguments)]
fn route(
    sim: &Sim,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
    query: &str,
    body: &[u8],
    url: &str,
    caller: &auth::Caller,
) -> Reply {
    if let Some(e) = caller.error {
        return auth_failure(sim, e);
    }
    // Path parameters arrive percent-encoded (`status/In%20Progress`, `issue/TEST%2D1`).
    let decoded: Vec<String> = path.trim_matches('/').split('/').map(path_decode).collect();
    let segs: Vec<&str> = decoded.iter().map(String::as_str).collect();
    let (ver, rest) = match segs.as_slice() {
        ["rest", "api", v, rest @ ..]
            if matches!(*v, "2" | "latest") || (*v == "3" && sim.cloud()) =>
        {
            (*v, rest)
        }
        ["secure", "attachment", id, _name] => {
            let Some(user) = caller.user else {
                return unauthenticated(sim);
            };
            let _ = user;
            return sub::download(sim, id).unwrap_or_else(|e| e);
        }
        _ => return null_for_uri(url),
    };
    if rest == ["serverInfo"] && method == Method::GET {
        return meta::server_info(sim, ver);
    }
    let Some(user) = caller.user else {
        return unauthenticated(sim);
    };
    let multipart_upload = method == Method::POST && matches!(rest, ["issue", _, "attachments"]);
    if let Some(r) = media_type_check(method, headers, body, multipart_upload) {
        return r;
    }
    let cx = Cx {
        sim,
        ver,
        user,
        query: parse_query(query),
        body,
        headers,
        url: url.to_string(),
    };
    let r = dispatch(&cx, method.as_str(), rest);
    r.unwrap_or_else(|e| e)
}

/// The `XSRF check failed` 403 (plain text, as Jira's REST filter sends it).
pub fn xsrf_failed() -> Reply {
    Reply {
        status: StatusCode::FORBIDDEN,
        headers: Vec::new(),
        body: Body::Raw(
            "text/plain;charset=UTF-8".into(),
            Bytes::from_static(b"XSRF check failed"),
        ),
    }
}

/// Jira's REST filters on a write: a content type a browser form could send cross-site
/// (`application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`) is refused with
/// 403 `XSRF check failed` unless `X-Atlassian-Token: no-check` is sent; past that, a JSON
/// resource answers 415 to a body that is not `application/json` (the attachment upload, which
/// takes multipart, checks its own type). Bodiless requests pass.
fn media_type_check(
    method: &Method,
    headers: &HeaderMap,
    body: &[u8],
    multipart_upload: bool,
) -> Option<Reply> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return None;
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let xsrfable = matches!(
        mime.as_str(),
        "application/x-www-form-urlencoded" | "multipart/form-data" | "text/plain"
    );
    let no_check = headers
        .get("x-atlassian-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("no-check") || v.eq_ignore_ascii_case("nocheck"));
    if (xsrfable || multipart_upload) && !no_check {
        return Some(xsrf_failed());
    }
    if multipart_upload || body.is_empty() {
        return None;
    }
    let json = mime == "application/json" || mime.ends_with("+json");
    (!json).then(|| Reply::empty(415))
}

fn dispatch(cx: &Cx, m: &str, p: &[&str]) -> Res {
    match (m, p) {
        // (Answered before authentication by `route`; here for completeness.)
        ("GET", ["serverInfo"]) => Ok(meta::server_info(cx.sim, cx.ver)),
        ("GET", ["myself"]) => people::myself(cx),
        // issues
        ("POST", ["issue"]) => issue::create(cx),
        ("GET", ["issue", "picker"]) => search::picker(cx),
        ("GET", ["issue", "createmeta"]) => issue::createmeta_old(cx),
        ("GET", ["issue", "createmeta", proj, "issuetypes"]) => issue::createmeta_types(cx, proj),
        ("GET", ["issue", "createmeta", proj, "issuetypes", t]) => {
            issue::createmeta_fields(cx, proj, t)
        }
        ("GET", ["issue", k]) => issue::get(cx, k),
        ("PUT", ["issue", k]) => issue::edit(cx, k),
        ("DELETE", ["issue", k]) => issue::delete(cx, k),
        ("PUT", ["issue", k, "assignee"]) => issue::assign(cx, k),
        ("GET", ["issue", k, "transitions"]) => issue::transitions(cx, k),
        ("POST", ["issue", k, "transitions"]) => issue::do_transition(cx, k),
        ("GET", ["issue", k, "editmeta"]) => issue::editmeta(cx, k),
        ("GET", ["issue", k, "changelog"]) if cx.cloud() => issue::changelog(cx, k),
        ("GET", ["issue", k, "comment"]) => sub::comments(cx, k),
        ("POST", ["issue", k, "comment"]) => sub::add_comment(cx, k),
        ("GET", ["issue", k, "comment", id]) => sub::comment(cx, k, id),
        ("PUT", ["issue", k, "comment", id]) => sub::edit_comment(cx, k, id),
        ("DELETE", ["issue", k, "comment", id]) => sub::delete_comment(cx, k, id),
        ("GET", ["issue", k, "worklog"]) => sub::worklogs(cx, k),
        ("POST", ["issue", k, "worklog"]) => sub::add_worklog(cx, k),
        ("GET", ["issue", k, "worklog", id]) => sub::worklog(cx, k, id),
        ("PUT", ["issue", k, "worklog", id]) => sub::edit_worklog(cx, k, id),
        ("DELETE", ["issue", k, "worklog", id]) => sub::delete_worklog(cx, k, id),
        ("POST", ["issue", k, "attachments"]) => sub::upload(cx, k),
        ("GET", ["issue", k, "watchers"]) => sub::watchers(cx, k),
        ("POST", ["issue", k, "watchers"]) => sub::add_watcher(cx, k),
        ("DELETE", ["issue", k, "watchers"]) => sub::remove_watcher(cx, k),
        ("GET", ["issue", k, "remotelink"]) => sub::remote_links(cx, k),
        ("POST", ["issue", k, "remotelink"]) => sub::add_remote_link(cx, k),
        ("DELETE", ["issue", k, "remotelink"]) => sub::delete_remote_link(cx, k, None),
        ("GET", ["issue", k, "remotelink", id]) => sub::remote_link(cx, k, id),
        ("PUT", ["issue", k, "remotelink", id]) => sub::edit_remote_link(cx, k, id),
        ("DELETE", ["issue", k, "remotelink", id]) => sub::delete_remote_link(cx, k, Some(id)),
        ("GET", ["attachment", "meta"]) => sub::meta(),
        ("GET", ["attachment", id]) => sub::attachment(cx, id),
        ("DELETE", ["attachment", id]) => sub::delete_attachment(cx, id),
        ("GET", ["attachment", "content", id]) => sub::download(cx.sim, id),
        ("POST", ["issueLink"]) => sub::add_link(cx),
        ("GET", ["issueLink", id]) => sub::link(cx, id),
        ("DELETE", ["issueLink", id]) => sub::delete_link(cx, id),
        ("GET", ["issueLinkType"]) => meta::link_types(cx),
        ("GET", ["issueLinkType", id]) => meta::link_type(cx, id),
        // search
        ("GET" | "POST", ["search"]) => search::classic(cx, m),
        ("GET" | "POST", ["search", "jql"]) if cx.cloud() => search::enhanced(cx, m),
        ("POST", ["search", "approximate-count"]) if cx.cloud() => search::approximate(cx),
        ("GET", ["jql", "autocompletedata"]) => search::autocomplete(cx),
        ("GET", ["jql", "autocompletedata", "suggestions"]) => search::suggestions(cx),
        // metadata
        ("GET", ["field"]) => meta::fields(cx),
        ("GET", ["priority"]) => meta::priorities(cx),
        ("GET", ["priority", id]) => meta::priority(cx, id),
        ("GET", ["issuetype"]) => meta::issuetypes(cx),
        ("GET", ["issuetype", id]) => meta::issuetype(cx, id),
        ("GET", ["status"]) => meta::statuses(cx),
        ("GET", ["status", id]) => meta::status(cx, id),
        ("GET", ["statuscategory"]) => meta::status_categories(cx),
        ("GET", ["resolution"]) => meta::resolutions(cx),
        ("GET", ["resolution", id]) => meta::resolution(cx, id),
        ("GET", ["label"]) if cx.cloud() => meta::labels(cx),
        // projects, components, versions
        ("GET", ["project"]) => project::list(cx),
        ("GET", ["project", "search"]) if cx.cloud() => project::search(cx),
        ("GET", ["project", k]) => project::get(cx, k),
        ("GET", ["project", k, "components"]) => project::components(cx, k),
        ("GET", ["project", k, "component"]) => project::components_paged(cx, k),
        ("GET", ["project", k, "versions"]) => project::versions(cx, k),
        ("GET", ["project", k, "version"]) => project::versions_paged(cx, k),
        ("GET", ["project", k, "statuses"]) => project::statuses(cx, k),
        ("POST", ["component"]) => project::create_component(cx),
        ("GET", ["component", id]) => project::component(cx, id),
        ("PUT", ["component", id]) => project::edit_component(cx, id),
        ("DELETE", ["component", id]) => project::delete_component(cx, id),
        ("POST", ["version"]) => project::create_version(cx),
        ("GET", ["version", id]) => project::version(cx, id),
        ("PUT", ["version", id]) => project::edit_version(cx, id),
        ("DELETE", ["version", id]) => project::delete_version(cx, id),
        ("POST", ["version", id, "move"]) => project::move_version(cx, id),
        // users and groups
        ("GET", ["user"]) => people::user(cx),
        ("POST", ["user"]) => people::create_user(cx),
        ("PUT", ["user"]) => people::edit_user(cx),
        ("DELETE", ["user"]) => people::delete_user(cx),
        ("GET", ["user", "search"]) => people::search(cx, false),
        ("GET", ["user", "assignable", "search"]) => people::search(cx, true),
        ("GET", ["user", "picker"]) => people::picker(cx),
        ("GET", ["user", "groups"]) => people::user_groups(cx),
        ("GET", ["group"]) => people::group(cx),
        ("POST", ["group"]) => people::create_group(cx),
        ("DELETE", ["group"]) => people::delete_group(cx),
        ("GET", ["group", "member"]) => people::members(cx),
        ("GET", ["group", "bulk"]) if cx.cloud() => people::group_bulk(cx),
        ("POST", ["group", "user"]) => people::add_member(cx),
        ("DELETE", ["group", "user"]) => people::remove_member(cx),
        ("GET", ["groups", "picker"]) => people::groups_picker(cx),
        // filters
        ("POST", ["filter"]) => filter::create(cx),
        ("GET", ["filter", "favourite"]) => filter::favourites(cx),
        ("GET", ["filter", "search"]) => filter::search(cx),
        ("GET", ["filter", id]) => filter::get(cx, id),
        ("PUT", ["filter", id]) => filter::edit(cx, id),
        ("DELETE", ["filter", id]) => filter::delete(cx, id),
        ("PUT", ["filter", id, "favourite"]) => filter::set_favourite(cx, id, true),
        ("DELETE", ["filter", id, "favourite"]) => filter::set_favourite(cx, id, false),
        ("GET", ["filter", id, "permission"]) => filter::permissions(cx, id),
        ("POST", ["filter", id, "permission"]) => filter::add_permission(cx, id),
        ("GET", ["filter", id, "permission", pid]) => filter::permission(cx, id, pid),
        ("DELETE", ["filter", id, "permission", pid]) => filter::delete_permission(cx, id, pid),
        _ => Err(not_found_or_405(cx, m, p)),
    }
}

/// Which flavours serve a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// Both flavours.
    Both,
    /// Data Center only.
    Dc,
    /// Cloud only.
    Cloud,
}

impl Served {
    /// Whether the flavour serves it.
    pub fn on(self, cloud: bool) -> bool {
        match self {
            Served::Both => true,
            Served::Dc => !cloud,
            Served::Cloud => cloud,
        }
    }
}

/// Every route `dispatch` serves (and the few outside `/rest/api`, as full paths starting
/// with `/`): flavours, method, path below `/rest/api/{2,3,latest}/` with `*` for a parameter.
/// A known path asked with another method answers 405, as Jersey does; the contract tests
/// call every entry. Keep it in step with `dispatch` (a unit test checks each entry is served).
pub const ROUTES: &[(Served, &str, &str)] = &[
    (Served::Both, "GET", "serverInfo"),
    (Served::Both, "GET", "myself"),
    (Served::Both, "POST", "issue"),
    (Served::Both, "GET", "issue/picker"),
    (Served::Both, "GET", "issue/createmeta"),
    (Served::Both, "GET", "issue/createmeta/*/issuetypes"),
    (Served::Both, "GET", "issue/createmeta/*/issuetypes/*"),
    (Served::Both, "GET", "issue/*"),
    (Served::Both, "PUT", "issue/*"),
    (Served::Both, "DELETE", "issue/*"),
    (Served::Both, "PUT", "issue/*/assignee"),
    (Served::Both, "GET", "issue/*/transitions"),
    (Served::Both, "POST", "issue/*/transitions"),
    (Served::Both, "GET", "issue/*/editmeta"),
    (Served::Cloud, "GET", "issue/*/changelog"),
    (Served::Both, "GET", "issue/*/comment"),
    (Served::Both, "POST", "issue/*/comment"),
    (Served::Both, "GET", "issue/*/comment/*"),
    (Served::Both, "PUT", "issue/*/comment/*"),
    (Served::Both, "DELETE", "issue/*/comment/*"),
    (Served::Both, "GET", "issue/*/worklog"),
    (Served::Both, "POST", "issue/*/worklog"),
    (Served::Both, "GET", "issue/*/worklog/*"),
    (Served::Both, "PUT", "issue/*/worklog/*"),
    (Served::Both, "DELETE", "issue/*/worklog/*"),
    (Served::Both, "POST", "issue/*/attachments"),
    (Served::Both, "GET", "issue/*/watchers"),
    (Served::Both, "POST", "issue/*/watchers"),
    (Served::Both, "DELETE", "issue/*/watchers"),
    (Served::Both, "GET", "issue/*/remotelink"),
    (Served::Both, "POST", "issue/*/remotelink"),
    (Served::Both, "DELETE", "issue/*/remotelink"),
    (Served::Both, "GET", "issue/*/remotelink/*"),
    (Served::Both, "PUT", "issue/*/remotelink/*"),
    (Served::Both, "DELETE", "issue/*/remotelink/*"),
    (Served::Both, "GET", "attachment/meta"),
    (Served::Both, "GET", "attachment/*"),
    (Served::Both, "DELETE", "attachment/*"),
    (Served::Both, "GET", "attachment/content/*"),
    (Served::Dc, "GET", "/secure/attachment/*/*"),
    (Served::Both, "POST", "issueLink"),
    (Served::Both, "GET", "issueLink/*"),
    (Served::Both, "DELETE", "issueLink/*"),
    (Served::Both, "GET", "issueLinkType"),
    (Served::Both, "GET", "issueLinkType/*"),
    (Served::Both, "GET", "search"),
    (Served::Both, "POST", "search"),
    (Served::Cloud, "GET", "search/jql"),
    (Served::Cloud, "POST", "search/jql"),
    (Served::Cloud, "POST", "search/approximate-count"),
    (Served::Both, "GET", "jql/autocompletedata"),
    (Served::Both, "GET", "jql/autocompletedata/suggestions"),
    (Served::Both, "GET", "field"),
    (Served::Both, "GET", "priority"),
    (Served::Both, "GET", "priority/*"),
    (Served::Both, "GET", "issuetype"),
    (Served::Both, "GET", "issuetype/*"),
    (Served::Both, "GET", "status"),
    (Served::Both, "GET", "status/*"),
    (Served::Both, "GET", "statuscategory"),
    (Served::Both, "GET", "resolution"),
    (Served::Both, "GET", "resolution/*"),
    (Served::Cloud, "GET", "label"),
    (Served::Both, "GET", "project"),
    (Served::Cloud, "GET", "project/search"),
    (Served::Both, "GET", "project/*"),
    (Served::Both, "GET", "project/*/components"),
    (Served::Both, "GET", "project/*/component"),
    (Served::Both, "GET", "project/*/versions"),
    (Served::Both, "GET", "project/*/version"),
    (Served::Both, "GET", "project/*/statuses"),
    (Served::Both, "POST", "component"),
    (Served::Both, "GET", "component/*"),
    (Served::Both, "PUT", "component/*"),
    (Served::Both, "DELETE", "component/*"),
    (Served::Both, "POST", "version"),
    (Served::Both, "GET", "version/*"),
    (Served::Both, "PUT", "version/*"),
    (Served::Both, "DELETE", "version/*"),
    (Served::Both, "POST", "version/*/move"),
    (Served::Both, "GET", "user"),
    (Served::Both, "POST", "user"),
    (Served::Both, "PUT", "user"),
    (Served::Both, "DELETE", "user"),
    (Served::Both, "GET", "user/search"),
    (Served::Both, "GET", "user/assignable/search"),
    (Served::Both, "GET", "user/picker"),
    (Served::Both, "GET", "user/groups"),
    (Served::Both, "GET", "group"),
    (Served::Both, "POST", "group"),
    (Served::Both, "DELETE", "group"),
    (Served::Both, "GET", "group/member"),
    (Served::Cloud, "GET", "group/bulk"),
    (Served::Both, "POST", "group/user"),
    (Served::Both, "DELETE", "group/user"),
    (Served::Both, "GET", "groups/picker"),
    (Served::Both, "POST", "filter"),
    (Served::Both, "GET", "filter/favourite"),
    (Served::Both, "GET", "filter/search"),
    (Served::Both, "GET", "filter/*"),
    (Served::Both, "PUT", "filter/*"),
    (Served::Both, "DELETE", "filter/*"),
    (Served::Both, "PUT", "filter/*/favourite"),
    (Served::Both, "DELETE", "filter/*/favourite"),
    (Served::Both, "GET", "filter/*/permission"),
    (Served::Both, "POST", "filter/*/permission"),
    (Served::Both, "GET", "filter/*/permission/*"),
    (Served::Both, "DELETE", "filter/*/permission/*"),
    (Served::Dc, "POST", "/rest/auth/1/session"),
    (Served::Dc, "GET", "/rest/auth/1/session"),
    (Served::Dc, "DELETE", "/rest/auth/1/session"),
];

fn not_found_or_405(cx: &Cx, m: &str, p: &[&str]) -> Reply {
    let fits = |pattern: &str| {
        let segs: Vec<&str> = pattern.split('/').collect();
        segs.len() == p.len() && segs.iter().zip(p).all(|(a, b)| *a == "*" || a == b)
    };
    let other_method = ROUTES.iter().any(|(served, method, pattern)| {
        *method != m && !pattern.starts_with('/') && served.on(cx.cloud()) && fits(pattern)
    });
    if other_method {
        Reply::empty(405)
    } else {
        null_for_uri(&cx.url)
    }
}

/// Parses a numeric id from a path segment (404 with `msg` otherwise).
pub fn num_id(s: &str, msg: &str) -> Result<u64, Reply> {
    s.parse::<u64>().map_err(|_| error(404, msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_answers_500_with_a_jira_body() {
        let r = guarded(|| panic!("simulated handler bug"));
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            matches!(&r.body, Body::Json(v) if v["errorMessages"][0].as_str().is_some_and(|m| m.starts_with("Internal server error")))
        );
        assert_eq!(guarded(|| Reply::empty(204)).status, StatusCode::NO_CONTENT);
    }

    /// Every `ROUTES` entry reaches a handler in the flavours that serve it: a handler may
    /// refuse the dummy request, but never with the router's own `null for uri` or 405.
    #[test]
    fn every_listed_route_is_dispatched() {
        for cloud in [false, true] {
            let opts = crate::Options {
                flavor: if cloud {
                    crate::Flavor::Cloud
                } else {
                    crate::Flavor::DataCenter
                },
                issues: 3,
                ..crate::Options::default()
            };
            let sim =
                crate::build_sim(&opts, "http://sim".into()).unwrap_or_else(|e| panic!("{e}"));
            let headers = HeaderMap::new();
            for (served, m, pattern) in ROUTES.iter().filter(|r| !r.2.starts_with('/')) {
                let cx = Cx {
                    sim: &sim,
                    ver: "2",
                    user: 0,
                    query: Vec::new(),
                    body: b"",
                    headers: &headers,
                    url: "http://sim/x".into(),
                };
                let segs: Vec<&str> = pattern
                    .split('/')
                    .map(|s| if s == "*" { "10000" } else { s })
                    .collect();
                let r = dispatch(&cx, m, &segs).unwrap_or_else(|e| e);
                let routed = !(r.status == StatusCode::METHOD_NOT_ALLOWED
                    || matches!(&r.body, Body::Json(v) if v["message"].as_str().is_some_and(|m| m.starts_with("null for uri"))));
                // A route of the other flavour may land on a parameter route of this one
                // (DC's `project/search` is project `search`, as on a real DC).
                let shadowed = ROUTES.iter().any(|(s2, m2, p2)| {
                    m2 == m
                        && p2 != pattern
                        && s2.on(cloud)
                        && p2.split('/').count() == segs.len()
                        && p2.split('/').zip(&segs).all(|(a, b)| a == "*" || a == *b)
                });
                if served.on(cloud) {
                    assert!(routed, "{m} {pattern} (cloud: {cloud}) is not dispatched");
                } else if !shadowed {
                    assert!(!routed, "{m} {pattern} (cloud: {cloud}) is served");
                }
            }
        }
    }

    #[test]
    fn query_decoding() {
        let q = parse_query("jql=project%20%3D%20TEST+AND&x=&maxResults=5");
        assert_eq!(q[0], ("jql".into(), "project = TEST AND".into()));
        assert_eq!(q[1], ("x".into(), String::new()));
        assert_eq!(pct_decode("100%"), "100%");
        assert_eq!(pct_decode("%zz"), "%zz");
        assert_eq!(pct_decode("%+1x"), "% 1x");
        assert_eq!(pct_decode("%e2%9c%93"), "✓");
        assert_eq!(path_decode("In%20Progress"), "In Progress");
        assert_eq!(path_decode("a+b%2Fc"), "a+b/c");
    }
}
