//! Cookie login (`/rest/auth/1/session`, DC only) and the simulator's own admin endpoints
//! under `/__sim/` (request log, fault plan, session expiry, CAPTCHA reset, redirects).
//! Admin endpoints need no auth and never see faults or latency-free paths of Jira.

use axum::http::{HeaderMap, Method};
use serde_json::{Value, json};

use super::{Reply, error, null_for_uri, parse_query};
use crate::Sim;
use crate::auth::{self, AuthError};
use crate::faults::FaultPlan;
use crate::flavor::fmt_ts;

fn login_info(sim: &Sim, u: usize) -> Value {
    let a = sim.auth.lock();
    json!({
        "failedLoginCount": a.failures.get(&u).copied().unwrap_or(0),
        "loginCount": a.logins.get(&u).copied().unwrap_or(0),
        "previousLoginTime": fmt_ts(sim.now()),
    })
}

fn dc_401() -> Reply {
    Reply::json(
        401,
        json!({"message": "Client must be authenticated to access this resource.", "status-code": 401}),
    )
}

/// `/rest/auth/1/session`: POST login, GET current session, DELETE logout (DC only).
pub fn session(sim: &Sim, method: &Method, headers: &HeaderMap, body: &[u8], url: &str) -> Reply {
    if sim.cloud() {
        return null_for_uri(url);
    }
    match *method {
        Method::POST => {
            let b: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
            let user = b.get("username").and_then(Value::as_str).unwrap_or("");
            let pass = b.get("password").and_then(Value::as_str).unwrap_or("");
            match auth::check_password(sim, user, pass) {
                Ok(u) => {
                    let id = auth::new_session_id();
                    sim.auth.lock().sessions.insert(id.clone(), u);
                    let name = sim.state.read().users[u].name.clone();
                    Reply::json(200, json!({"session": {"name": "JSESSIONID", "value": id}, "loginInfo": login_info(sim, u)}))
                        .with(
                            "Set-Cookie",
                            format!("JSESSIONID={id}; Path={}; HttpOnly", sim.cookie_path()),
                        )
                        .with("Set-Cookie", auth::xsrf_cookie(true, sim.cookie_path()))
                        .with("X-AUSERNAME", super::render::encode(&name))
                        .with("X-Seraph-LoginReason", "OK")
                }
                Err(AuthError::Captcha) => error(403, "Login denied")
                    .with("X-Seraph-LoginReason", "AUTHENTICATION_DENIED")
                    .with(
                        "X-Authentication-Denied-Reason",
                        format!("CAPTCHA_CHALLENGE; login-url={}/login.jsp", sim.base_url),
                    )
                    .with("X-AUSERNAME", "anonymous"),
                Err(AuthError::BadCredentials) => error(401, "Login failed")
                    .with("X-Seraph-LoginReason", "AUTHENTICATED_FAILED")
                    .with("X-AUSERNAME", "anonymous"),
            }
        }
        Method::GET => {
            let c = auth::identify(sim, headers);
            match (c.user, c.error) {
                (Some(u), None) => {
                    let name = sim.state.read().users[u].name.clone();
                    Reply::json(200, json!({"self": format!("{}/rest/api/latest/user?username={}", sim.base_url, super::render::encode(&name)), "name": name, "loginInfo": login_info(sim, u)}))
                        .with("X-AUSERNAME", super::render::encode(&name))
                }
                _ => dc_401().with("X-AUSERNAME", "anonymous"),
            }
        }
        Method::DELETE => {
            let mut a = sim.auth.lock();
            match auth::cookie(headers, "JSESSIONID").and_then(|s| a.sessions.remove(s)) {
                Some(_) => Reply::empty(204).with(
                    "Set-Cookie",
                    format!(
                        "JSESSIONID=; Path={}; Max-Age=0; HttpOnly",
                        sim.cookie_path()
                    ),
                ),
                None => dc_401(),
            }
        }
        _ => Reply::empty(405),
    }
}

fn redact(name: &str, value: &str) -> String {
    if matches!(name, "authorization" | "cookie" | "proxy-authorization") {
        let scheme = value.split(' ').next().unwrap_or("");
        if name == "cookie" {
            "***".into()
        } else {
            format!("{scheme} ***")
        }
    } else {
        value.to_string()
    }
}

/// `/__sim/…`.
pub fn handle(sim: &Sim, method: &Method, path: &str, query: &str, body: &[u8]) -> Reply {
    match (method.as_str(), path) {
        ("GET", "/__sim/requests") => {
            let log = sim.log.lock();
            let list: Vec<Value> = log
                .iter()
                .map(|r| json!({
                    "method": r.method, "path": r.path, "query": r.query,
                    "headers": r.headers.iter().map(|(k, v)| json!([k, redact(k, v)])).collect::<Vec<_>>(),
                    "body": String::from_utf8_lossy(&r.body),
                }))
                .collect();
            Reply::json(200, Value::Array(list))
        }
        ("DELETE", "/__sim/requests") => {
            sim.log.lock().clear();
            Reply::empty(204)
        }
        ("GET", "/__sim/faults") => {
            let p = sim.faults.lock();
            Reply::json(
                200,
                json!({"rules": p.rules.iter().map(|r| json!({
                    "spec": r.spec, "seen": r.seen(), "fired": r.fired(),
                })).collect::<Vec<_>>()}),
            )
        }
        ("POST" | "PUT", "/__sim/faults") => {
            let specs: Vec<String> = match serde_json::from_slice::<Value>(body) {
                Ok(Value::Array(a)) if a.iter().all(Value::is_string) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                Ok(Value::String(s)) => vec![s],
                _ => return error(400, "Expected a JSON list of fault specs (strings)"),
            };
            match FaultPlan::parse(specs.iter().map(String::as_str)) {
                Ok(p) => {
                    *sim.faults.lock() = p;
                    Reply::empty(204)
                }
                Err(e) => error(400, &e.to_string()),
            }
        }
        ("DELETE", "/__sim/faults") => {
            *sim.faults.lock() = FaultPlan::default();
            Reply::empty(204)
        }
        ("POST", "/__sim/expire-sessions") => {
            sim.auth.lock().sessions.clear();
            Reply::empty(204)
        }
        ("POST", "/__sim/reset-captcha") => {
            let mut a = sim.auth.lock();
            a.failures.clear();
            a.locked.clear();
            Reply::empty(204)
        }
        ("GET", "/__sim/redirect") => {
            let q = parse_query(query);
            match q.iter().find(|(k, _)| k == "to") {
                Some((_, to)) => Reply::empty(302).with("Location", to.clone()),
                None => error(400, "missing 'to'"),
            }
        }
        _ => error(404, "Unknown simulator admin endpoint"),
    }
}
