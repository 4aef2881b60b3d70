//! Who is calling: Basic (DC user:password, Cloud email:API token), Bearer PAT (DC), the
//! `JSESSIONID` cookie (DC), failed-login counting and the CAPTCHA lock-out.
//!
//! Never logs or returns secrets; only decides and keeps the session table.

use std::collections::{HashMap, HashSet};

use axum::http;
use base64::Engine;
use http::HeaderMap;
use rand::Rng;

use crate::Sim;

/// Sessions and login counters.
#[derive(Default)]
pub struct AuthState {
    /// `JSESSIONID` value → user index.
    pub sessions: HashMap<String, usize>,
    /// Consecutive failed logins per user.
    pub failures: HashMap<usize, u32>,
    /// Users locked behind a CAPTCHA.
    pub locked: HashSet<usize>,
    /// Successful logins per user.
    pub logins: HashMap<usize, u32>,
}

/// Why authentication failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthError {
    /// Wrong or unknown credentials (401, `AUTHENTICATED_FAILED`).
    BadCredentials,
    /// CAPTCHA required (403, `AUTHENTICATION_DENIED`).
    Captcha,
}

/// The outcome for one request.
#[derive(Debug, Default)]
pub struct Caller {
    /// The user, `None` = anonymous.
    pub user: Option<usize>,
    /// A new session to announce with `Set-Cookie`.
    pub new_session: Option<String>,
    /// Authentication failure.
    pub error: Option<AuthError>,
}

/// A fresh random session id.
pub fn new_session_id() -> String {
    let mut rng = rand::rng();
    (0..32)
        .map(|_| {
            char::from_digit(rng.random_range(0..16u32), 16)
                .unwrap_or('0')
                .to_ascii_uppercase()
        })
        .collect()
}

/// A `Set-Cookie` value for Jira's `atlassian.xsrf.token` (ends in `_lin` for a logged-in
/// session, `_lout` otherwise), for the cookie path `path`. JSON REST clients never need it;
/// cookie jars carry it.
pub fn xsrf_cookie(logged_in: bool, path: &str) -> String {
    let mut rng = rand::rng();
    let mut part = |n: usize| -> String {
        (0..n)
            .map(|_| {
                char::from_digit(rng.random_range(0..36u32), 36)
                    .unwrap_or('0')
                    .to_ascii_uppercase()
            })
            .collect()
    };
    let groups = [part(4), part(4), part(4), part(4)].join("-");
    let hex: String = part(40).to_ascii_lowercase();
    let suffix = if logged_in { "lin" } else { "lout" };
    format!("atlassian.xsrf.token={groups}_{hex}_{suffix}; Path={path}")
}

/// The value of a cookie in the `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Checks a user name and password (DC) or e-mail and API token (Cloud), counting failures.
pub fn check_password(sim: &Sim, login: &str, secret: &str) -> Result<usize, AuthError> {
    let st = sim.state.read();
    let user = st.users.iter().position(|u| {
        !u.deleted
            && if sim.cloud() {
                u.email.eq_ignore_ascii_case(login)
            } else {
                u.name.eq_ignore_ascii_case(login)
            }
    });
    let Some(idx) = user else {
        return Err(AuthError::BadCredentials);
    };
    let u = &st.users[idx];
    let ok = u.active
        && if sim.cloud() {
            u.api_token == secret
        } else {
            u.password == secret
        };
    drop(st);
    let mut a = sim.auth.lock();
    if !sim.cloud() && a.locked.contains(&idx) {
        return Err(AuthError::Captcha);
    }
    if ok {
        a.failures.remove(&idx);
        *a.logins.entry(idx).or_default() += 1;
        Ok(idx)
    } else {
        let n = a.failures.entry(idx).or_default();
        *n += 1;
        if !sim.cloud() && *n >= sim.captcha_after {
            a.locked.insert(idx);
        }
        Err(AuthError::BadCredentials)
    }
}

/// Identifies the caller of a request.
pub fn identify(sim: &Sim, headers: &HeaderMap) -> Caller {
    let authz = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    let mut caller = Caller::default();
    let via_header = match authz {
        Some(h) if h.len() > 6 && h[..6].eq_ignore_ascii_case("basic ") => {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(h[6..].trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok());
            match decoded.as_deref().and_then(|s| s.split_once(':')) {
                Some((login, secret)) => Some(check_password(sim, login, secret)),
                None => Some(Err(AuthError::BadCredentials)),
            }
        }
        Some(h) if h.len() > 7 && h[..7].eq_ignore_ascii_case("bearer ") => {
            let token = h[7..].trim();
            let st = sim.state.read();
            let found = (!sim.cloud())
                .then(|| {
                    st.users
                        .iter()
                        .position(|u| !u.deleted && u.active && u.pat == token)
                })
                .flatten();
            Some(found.ok_or(AuthError::BadCredentials))
        }
        _ => None,
    };
    match via_header {
        Some(Ok(u)) => caller.user = Some(u),
        Some(Err(e)) => {
            caller.error = Some(e);
            return caller;
        }
        None => {}
    }
    if sim.cloud() {
        return caller;
    }
    let session = cookie(headers, "JSESSIONID");
    let mut a = sim.auth.lock();
    match (
        caller.user,
        session.and_then(|s| a.sessions.get(s).copied()),
    ) {
        (None, Some(u)) => caller.user = Some(u),
        (Some(u), known) if known != Some(u) => {
            if a.sessions.len() > 200_000 {
                a.sessions.clear();
            }
            let id = new_session_id();
            a.sessions.insert(id.clone(), u);
            caller.new_session = Some(id);
        }
        _ => {}
    }
    caller
}
