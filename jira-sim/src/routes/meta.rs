//! Instance metadata: server info, fields, priorities, issue types, statuses, status
//! categories, resolutions and issue link types.

use serde_json::{Value, json};

use super::render;
use super::{Cx, Reply, Res, error, ok};
use crate::Sim;
use crate::flavor::fmt_ts;

/// `GET /serverInfo` (anonymous allowed).
pub fn server_info(sim: &Sim, _ver: &str) -> Reply {
    let now = fmt_ts(sim.now());
    let v = if sim.cloud() {
        json!({
            "baseUrl": sim.base_url, "version": "1001.0.0-SNAPSHOT", "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud", "buildNumber": 100_283, "buildDate": "2025-08-15T00:00:00.000+0000",
            "serverTime": now, "scmInfo": "57a0ca5b6e2a1f3c0d6b2f8e1c9e5d7a4b3c2d1e", "serverTitle": "Jira",
            "serverTimeZone": "Etc/UTC",
        })
    } else {
        json!({
            "baseUrl": sim.base_url, "version": "10.3.19", "versionNumbers": [10, 3, 19],
            "deploymentType": "Server", "buildNumber": 10_030_019, "buildDate": "2025-04-03T00:00:00.000+0000",
            "databaseBuildNumber": 10_030_019, "serverTime": now,
            "scmInfo": "95508b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a", "serverTitle": "Jira Simulator",
        })
    };
    Reply::json(200, v)
}

/// `GET /field`.
pub fn fields(cx: &Cx) -> Res {
    ok(Value::Array(
        render::fields_for(cx.cloud()).map(render::field).collect(),
    ))
}

/// `GET /priority`.
pub fn priorities(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(Value::Array(
        st.priorities
            .iter()
            .map(|p| render::priority(cx, p))
            .collect(),
    ))
}

/// `GET /priority/{id}`.
pub fn priority(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let p = st
        .priorities
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| error(404, &format!("Cannot find priority with id '{id}'.")))?;
    ok(render::priority(cx, p))
}

/// `GET /issuetype`.
pub fn issuetypes(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(Value::Array(
        st.issuetypes
            .iter()
            .map(|t| render::issuetype(cx, t))
            .collect(),
    ))
}

/// `GET /issuetype/{id}`.
pub fn issuetype(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let t = st.issuetypes.iter().find(|t| t.id == id).ok_or_else(|| {
        error(
            404,
            &format!("The issue type with id '{id}' does not exist"),
        )
    })?;
    ok(render::issuetype(cx, t))
}

/// `GET /status`.
pub fn statuses(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(Value::Array(
        st.statuses.iter().map(|s| render::status(cx, s)).collect(),
    ))
}

/// `GET /status/{idOrName}`.
pub fn status(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let s = st
        .status(id)
        .ok_or_else(|| error(404, &format!("The status with id '{id}' does not exist")))?;
    ok(render::status(cx, &st.statuses[s]))
}

/// `GET /statuscategory`.
pub fn status_categories(cx: &Cx) -> Res {
    ok(Value::Array(
        [1u8, 2, 4, 3]
            .iter()
            .map(|c| render::status_category(cx, *c))
            .collect(),
    ))
}

/// `GET /resolution`.
pub fn resolutions(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(Value::Array(
        st.resolutions
            .iter()
            .map(|r| render::resolution(cx, r))
            .collect(),
    ))
}

/// `GET /resolution/{id}`.
pub fn resolution(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let r = st.resolutions.iter().find(|r| r.id == id).ok_or_else(|| {
        error(
            404,
            &format!("The resolution with id '{id}' does not exist"),
        )
    })?;
    ok(render::resolution(cx, r))
}

/// `GET /issueLinkType`.
pub fn link_types(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(
        json!({"issueLinkTypes": st.link_types.iter().map(|t| render::link_type(cx, t)).collect::<Vec<_>>()}),
    )
}

/// `GET /issueLinkType/{id}`.
pub fn link_type(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let t = st
        .link_types
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| error(404, &format!("No issue link type with id '{id}' found.")))?;
    ok(render::link_type(cx, t))
}

/// `GET /label` (Cloud): every label in use, sorted, paged (default 1000).
pub fn labels(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let mut all: Vec<&str> = st
        .live_issues()
        .flat_map(|i| i.labels.iter().map(String::as_str))
        .collect();
    all.sort_unstable();
    all.dedup();
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 1000)?;
    let values: Vec<&str> = all.iter().skip(start).take(max).copied().collect();
    let last = start + values.len() >= all.len();
    let mut v = json!({
        "self": format!("{}/label?startAt={start}&maxResults={max}", cx.api()),
        "maxResults": max, "startAt": start, "total": all.len(), "isLast": last, "values": values,
    });
    if !last {
        v["nextPage"] = json!(format!(
            "{}/label?startAt={}&maxResults={max}",
            cx.api(),
            start + max
        ));
    }
    ok(v)
}
