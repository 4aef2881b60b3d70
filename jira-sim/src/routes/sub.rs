//! Things hanging off an issue: comments, worklogs, attachments (multipart upload with the
//! XSRF rule, metadata, download), watchers, remote links and issue links.

use serde_json::{Value, json};

use super::render;
use super::{Body, Cx, Reply, Res, error, field_error, issue_404, no_content, num_id, ok};
use crate::Sim;
use crate::flavor::{COMMENT_NOT_VALID, MAX_DURATION_SECS, parse_duration, parse_ts, text_in};
use crate::state::*;

fn comment_404(id: &str) -> Reply {
    error(404, &format!("Can not find a comment for the id: {id}."))
}

/// A comment `body` from a request: Cloud v3 answers a non-document with its own message.
fn comment_text(cx: &Cx, body: &Value) -> Result<Option<Text>, Reply> {
    text_in(body, cx.adf()).map_err(|e| {
        let msg = if cx.adf() { COMMENT_NOT_VALID } else { e };
        field_error(400, "comment", msg)
    })
}

/// Adds a comment from a `{"body", "visibility"}` object; returns its id.
pub fn insert_comment(cx: &Cx, st: &mut State, idx: usize, v: &Value) -> Result<u64, Reply> {
    let body = v.get("body").unwrap_or(&Value::Null);
    let empty = match body {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    };
    if empty {
        return Err(field_error(
            400,
            "comment",
            "Comment body can not be empty!",
        ));
    }
    let text = comment_text(cx, body)?
        .ok_or_else(|| field_error(400, "comment", "Comment body can not be empty!"))?;
    let id = st.alloc_id();
    let now = cx.sim.now();
    let issue = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    issue.comments.push(Comment {
        id,
        author: cx.user,
        update_author: cx.user,
        body: text,
        created: now,
        updated: now,
        visibility: v.get("visibility").cloned(),
    });
    issue.updated = now;
    Ok(id)
}

/// The time spent a worklog request gives: `timeSpentSeconds` (a number, or a string of digits
/// as JiraPS sends it, which Jira's JSON binding accepts) or else `timeSpent` (`1h 30m`).
/// `None` when neither is there; 400 when the value is not a duration.
fn time_spent(v: &Value) -> Result<Option<u64>, Reply> {
    let invalid = || field_error(400, "timeLogged", "Invalid time duration entered.");
    let secs = match (v.get("timeSpentSeconds"), v.get("timeSpent")) {
        (Some(Value::Number(n)), _) => match n.as_u64() {
            Some(s) => Some(s),
            // A negative number: no time spent.
            None if n.as_i64().is_some() => Some(0),
            None => return Err(invalid()),
        },
        (Some(Value::String(s)), _) => Some(s.trim().parse::<u64>().map_err(|_| invalid())?),
        (Some(Value::Null) | None, Some(Value::String(t))) => {
            Some(parse_duration(t).ok_or_else(invalid)?)
        }
        (Some(Value::Null) | None, None | Some(Value::Null)) => None,
        _ => return Err(invalid()),
    };
    match secs {
        Some(s) if s > MAX_DURATION_SECS => Err(invalid()),
        other => Ok(other),
    }
}

/// Adds a worklog from a request object; returns its id.
pub fn insert_worklog(cx: &Cx, st: &mut State, idx: usize, v: &Value) -> Result<u64, Reply> {
    let Some(secs) = time_spent(v)?.filter(|s| *s > 0) else {
        return Err(field_error(
            400,
            "timeLogged",
            "You must indicate the time spent working.",
        ));
    };
    let now = cx.sim.now();
    let started = match v.get("started").and_then(Value::as_str) {
        Some(s) => {
            parse_ts(s).ok_or_else(|| field_error(400, "started", "Invalid date / time format."))?
        }
        None => now,
    };
    let comment = match v.get("comment") {
        Some(c) => text_in(c, cx.adf()).map_err(|e| field_error(400, "comment", e))?,
        None => None,
    };
    let id = st.alloc_id();
    let issue = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    issue.worklogs.push(Worklog {
        id,
        author: cx.user,
        update_author: cx.user,
        comment,
        started,
        seconds: secs,
        created: now,
        updated: now,
    });
    issue.updated = now;
    Ok(id)
}

/// `GET /issue/{k}/comment`.
pub fn comments(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", if cx.cloud() { 100 } else { 50 })?;
    let mut list: Vec<&Comment> = i.comments.iter().collect();
    if cx.q("orderBy").is_some_and(|o| o.starts_with('-')) {
        list.reverse();
    }
    let page: Vec<Value> = list
        .iter()
        .skip(start)
        .take(max)
        .map(|c| render::comment(cx, &st, i, c))
        .collect();
    ok(json!({"startAt": start, "maxResults": max, "total": i.comments.len(), "comments": page}))
}

/// `POST /issue/{k}/comment`.
pub fn add_comment(cx: &Cx, k: &str) -> Res {
    let body = cx.json()?;
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let id = insert_comment(cx, &mut st, idx, &body)?;
    let i = st.issues[idx].as_ref().ok_or_else(|| issue_404(cx))?;
    let c = i
        .comments
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| comment_404(&id.to_string()))?;
    Ok(Reply::json(201, render::comment(cx, &st, i, c)))
}

/// `GET /issue/{k}/comment/{id}`.
pub fn comment(cx: &Cx, k: &str, id: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let c = i
        .comments
        .iter()
        .find(|c| c.id.to_string() == id)
        .ok_or_else(|| comment_404(id))?;
    ok(render::comment(cx, &st, i, c))
}

/// `PUT /issue/{k}/comment/{id}`.
pub fn edit_comment(cx: &Cx, k: &str, id: &str) -> Res {
    let body = cx.json()?;
    let text = comment_text(cx, body.get("body").unwrap_or(&Value::Null))?;
    let Some(text) = text else {
        return Err(field_error(
            400,
            "comment",
            "Comment body can not be empty!",
        ));
    };
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let user = cx.user;
    let issue = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let c = issue
        .comments
        .iter_mut()
        .find(|c| c.id.to_string() == id)
        .ok_or_else(|| comment_404(id))?;
    c.body = text;
    c.update_author = user;
    c.updated = cx.sim.now();
    if let Some(v) = body.get("visibility") {
        c.visibility = Some(v.clone()).filter(|v| !v.is_null());
    }
    let i = st.issues[idx].as_ref().ok_or_else(|| issue_404(cx))?;
    let c = i
        .comments
        .iter()
        .find(|c| c.id.to_string() == id)
        .ok_or_else(|| comment_404(id))?;
    ok(render::comment(cx, &st, i, c))
}

/// `DELETE /issue/{k}/comment/{id}`.
pub fn delete_comment(cx: &Cx, k: &str, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let issue = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let n = issue.comments.len();
    issue.comments.retain(|c| c.id.to_string() != id);
    if n == issue.comments.len() {
        return Err(comment_404(id));
    }
    no_content()
}

fn worklog_404(id: &str) -> Reply {
    error(404, &format!("Cannot find worklog with id: '{id}'."))
}

/// `GET /issue/{k}/worklog`.
pub fn worklogs(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 5000)?;
    let page: Vec<Value> = i
        .worklogs
        .iter()
        .skip(start)
        .take(max)
        .map(|w| render::worklog(cx, &st, i, w))
        .collect();
    ok(json!({"startAt": start, "maxResults": max, "total": i.worklogs.len(), "worklogs": page}))
}

/// `POST /issue/{k}/worklog`.
pub fn add_worklog(cx: &Cx, k: &str) -> Res {
    let body = cx.json()?;
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let id = insert_worklog(cx, &mut st, idx, &body)?;
    let i = st.issues[idx].as_ref().ok_or_else(|| issue_404(cx))?;
    let w = i
        .worklogs
        .iter()
        .find(|w| w.id == id)
        .ok_or_else(|| worklog_404(&id.to_string()))?;
    Ok(Reply::json(201, render::worklog(cx, &st, i, w)))
}

/// `GET /issue/{k}/worklog/{id}`.
pub fn worklog(cx: &Cx, k: &str, id: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let w = i
        .worklogs
        .iter()
        .find(|w| w.id.to_string() == id)
        .ok_or_else(|| worklog_404(id))?;
    ok(render::worklog(cx, &st, i, w))
}

/// `PUT /issue/{k}/worklog/{id}`.
pub fn edit_worklog(cx: &Cx, k: &str, id: &str) -> Res {
    let body = cx.json()?;
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let user = cx.user;
    let adf = cx.adf();
    let issue = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let w = issue
        .worklogs
        .iter_mut()
        .find(|w| w.id.to_string() == id)
        .ok_or_else(|| worklog_404(id))?;
    if let Some(s) = time_spent(&body)? {
        if s == 0 {
            return Err(field_error(
                400,
                "timeLogged",
                "You must indicate the time spent working.",
            ));
        }
        w.seconds = s;
    }
    if let Some(s) = body.get("started").and_then(Value::as_str) {
        w.started = parse_ts(s)
            .ok_or_else(|| field_error(400, "started", "Invalid date / time format."))?;
    }
    if let Some(c) = body.get("comment") {
        w.comment = text_in(c, adf).map_err(|e| field_error(400, "comment", e))?;
    }
    w.update_author = user;
    w.updated = cx.sim.now();
    let i = st.issues[idx].as_ref().ok_or_else(|| issue_404(cx))?;
    let w = i
        .worklogs
        .iter()
        .find(|w| w.id.to_string() == id)
        .ok_or_else(|| worklog_404(id))?;
    ok(render::worklog(cx, &st, i, w))
}

/// `DELETE /issue/{k}/worklog/{id}`.
pub fn delete_worklog(cx: &Cx, k: &str, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let issue = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let n = issue.worklogs.len();
    issue.worklogs.retain(|w| w.id.to_string() != id);
    if n == issue.worklogs.len() {
        return Err(worklog_404(id));
    }
    no_content()
}

/// One part of a multipart body.
struct Part {
    name: String,
    filename: Option<String>,
    mime: String,
    data: Vec<u8>,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))?
        .trim_matches('"');
    let delim = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut pos = find(body, delim.as_bytes(), 0)? + delim.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            break;
        }
        let head_start = pos + 2;
        let head_end = find(body, b"\r\n\r\n", head_start)?;
        let head = String::from_utf8_lossy(&body[head_start..head_end]).into_owned();
        let data_start = head_end + 4;
        let next = find(body, format!("\r\n{delim}").as_bytes(), data_start)?;
        let mut name = String::new();
        let mut filename = None;
        let mut mime = "application/octet-stream".to_string();
        for line in head.lines() {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("content-disposition:") {
                let mut extended = None;
                for p in line.split(';').map(str::trim) {
                    if let Some(v) = p.strip_prefix("name=") {
                        name = v.trim_matches('"').to_string();
                    } else if let Some(v) = p.strip_prefix("filename=") {
                        filename = Some(v.trim_matches('"').to_string());
                    } else if let Some(v) = p.strip_prefix("filename*=") {
                        // RFC 5987: `UTF-8''%C3%BC.txt` (what clients send for non-ASCII names).
                        let v = v.trim_matches('"');
                        let enc = v.split_once("''").map_or(v, |(_, e)| e);
                        extended = Some(super::path_decode(enc));
                    }
                }
                if extended.is_some() {
                    filename = extended;
                }
            } else if lower.starts_with("content-type:") {
                mime = line[13..].trim().to_string();
            }
        }
        parts.push(Part {
            name,
            filename,
            mime,
            data: body[data_start..next].to_vec(),
        });
        pos = next + 2 + delim.len();
    }
    Some(parts)
}

/// The largest attachment accepted (`attachment/meta` announces it).
pub const UPLOAD_LIMIT: usize = 10_485_760;

/// `GET /attachment/meta`.
pub fn meta() -> Res {
    ok(json!({"enabled": true, "uploadLimit": UPLOAD_LIMIT}))
}

/// `POST /issue/{k}/attachments` (multipart, `X-Atlassian-Token: no-check` required).
pub fn upload(cx: &Cx, k: &str) -> Res {
    // The XSRF rule (`X-Atlassian-Token: no-check`) was checked before dispatch.
    let ct = cx
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.starts_with("multipart/form-data") {
        return Err(Reply::empty(415));
    }
    let parts = multipart(ct, cx.body).ok_or_else(|| error(400, "Invalid multipart body"))?;
    let files: Vec<Part> = parts.into_iter().filter(|p| p.name == "file").collect();
    if files.is_empty() {
        return Err(error(400, "No attachments found in the request"));
    }
    if let Some(big) = files.iter().find(|f| f.data.len() > UPLOAD_LIMIT) {
        let name = big.filename.as_deref().unwrap_or("file");
        let msg =
            format!("The file '{name}' is too large to attach: the limit is {UPLOAD_LIMIT} bytes.");
        // Cloud says 413; Data Center reports an oversized attachment as 404.
        return Err(error(if cx.cloud() { 413 } else { 404 }, &msg));
    }
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let issue_id = st.issues[idx]
        .as_ref()
        .map(|i| i.id)
        .ok_or_else(|| issue_404(cx))?;
    let now = cx.sim.now();
    let mut out = Vec::new();
    for f in files {
        let id = ID_BASE + st.attachments.len() as u64;
        let a = Attachment {
            id,
            issue: issue_id,
            filename: f.filename.unwrap_or_else(|| "file".into()),
            author: cx.user,
            created: now,
            mime: f.mime,
            content: bytes::Bytes::from(f.data),
        };
        out.push(render::attachment(cx, &st, &a));
        st.attachments.push(Some(a));
        if let Some(i) = st.issue_mut(idx) {
            i.attachments.push(id);
            i.updated = now;
        }
    }
    ok(Value::Array(out))
}

fn attachment_404(id: &str) -> Reply {
    error(
        404,
        &format!("The attachment with id '{id}' does not exist"),
    )
}

/// `GET /attachment/{id}`.
pub fn attachment(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let a = num_id(id, "")
        .ok()
        .and_then(|n| st.attachment(n))
        .ok_or_else(|| attachment_404(id))?;
    let mut v = render::attachment(cx, &st, a);
    if cx.cloud() {
        v["id"] = json!(a.id);
    }
    ok(v)
}

/// `DELETE /attachment/{id}`.
pub fn delete_attachment(cx: &Cx, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let a = num_id(id, "")
        .ok()
        .and_then(|n| st.attachment(n))
        .cloned()
        .ok_or_else(|| attachment_404(id))?;
    st.attachments[(a.id - ID_BASE) as usize] = None;
    if let Some(idx) = st.issue_index(&a.issue.to_string())
        && let Some(i) = st.issue_mut(idx)
    {
        i.attachments.retain(|x| *x != a.id);
    }
    no_content()
}

/// Attachment bytes (`/secure/attachment/{id}/{name}`, Cloud `/attachment/content/{id}`).
pub fn download(sim: &Sim, id: &str) -> Res {
    let st = sim.state.read();
    let a = id
        .parse::<u64>()
        .ok()
        .and_then(|n| st.attachment(n))
        .ok_or_else(|| attachment_404(id))?;
    Ok(Reply {
        status: axum::http::StatusCode::OK,
        headers: vec![(
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", a.filename),
        )],
        body: Body::Raw(a.mime.clone(), a.content.clone()),
    })
}

/// `GET /issue/{k}/watchers`.
pub fn watchers(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    ok(json!({
        "self": format!("{}/issue/{}/watchers", cx.api(), i.key), "isWatching": i.watchers.contains(&cx.user),
        "watchCount": i.watchers.len(), "watchers": i.watchers.iter().map(|u| render::user(cx, &st, *u)).collect::<Vec<_>>(),
    }))
}

fn watcher_user(cx: &Cx, st: &State, s: &str) -> Result<usize, Reply> {
    st.users
        .iter()
        .position(|u| {
            !u.deleted
                && if cx.cloud() {
                    u.account_id == s
                } else {
                    u.name.eq_ignore_ascii_case(s) || u.key == s
                }
        })
        .ok_or_else(|| error(404, &format!("The user \"{s}\" does not exist.")))
}

/// `POST /issue/{k}/watchers` (body: a bare JSON string; empty = the caller).
pub fn add_watcher(cx: &Cx, k: &str) -> Res {
    let who = match cx.json()? {
        Value::Null => None,
        Value::String(s) => Some(s),
        _ => {
            return Err(error(
                400,
                "Expected a user name or account id as a JSON string",
            ));
        }
    };
    let who = who.or_else(|| cx.q("userName").or(cx.q("username")).map(str::to_string));
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let u = match who {
        Some(s) => watcher_user(cx, &st, &s)?,
        None => cx.user,
    };
    let i = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    if !i.watchers.contains(&u) {
        i.watchers.push(u);
    }
    no_content()
}

/// `DELETE /issue/{k}/watchers?username=` (DC) / `?accountId=` (Cloud).
pub fn remove_watcher(cx: &Cx, k: &str) -> Res {
    let who = if cx.cloud() {
        if cx.q("username").is_some() {
            return Err(error(
                400,
                "The query parameter 'username' is not supported in GDPR strict mode.",
            ));
        }
        cx.q("accountId")
    } else {
        cx.q("username").or(cx.q("userName"))
    };
    let Some(who) = who else {
        return Err(error(
            400,
            if cx.cloud() {
                "accountId must be specified"
            } else {
                "username must be specified"
            },
        ));
    };
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let u = watcher_user(cx, &st, who)?;
    let i = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    i.watchers.retain(|w| *w != u);
    no_content()
}

fn remote(cx: &Cx, i: &Issue, r: &RemoteLink) -> Value {
    let mut v = json!({"id": r.id, "self": format!("{}/issue/{}/remotelink/{}", cx.api(), i.key, r.id), "object": r.object});
    if let Some(g) = &r.global_id {
        v["globalId"] = json!(g);
    }
    if let Some(a) = &r.application {
        v["application"] = a.clone();
    }
    if let Some(rel) = &r.relationship {
        v["relationship"] = json!(rel);
    }
    v
}

fn remote_404(id: &str) -> Reply {
    error(404, &format!("No remote link with id '{id}' exists."))
}

/// `GET /issue/{k}/remotelink`.
pub fn remote_links(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let g = cx.q("globalId");
    let list: Vec<Value> = i
        .remote_links
        .iter()
        .filter(|r| g.is_none() || r.global_id.as_deref() == g)
        .map(|r| remote(cx, i, r))
        .collect();
    if let Some(g) = g {
        return list
            .into_iter()
            .next()
            .map(|v| Ok(Reply::json(200, v)))
            .unwrap_or_else(|| {
                Err(error(
                    404,
                    &format!("No remote link with globalId '{g}' exists."),
                ))
            });
    }
    ok(Value::Array(list))
}

/// `GET /issue/{k}/remotelink/{id}`.
pub fn remote_link(cx: &Cx, k: &str, id: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let r = i
        .remote_links
        .iter()
        .find(|r| r.id.to_string() == id)
        .ok_or_else(|| remote_404(id))?;
    ok(remote(cx, i, r))
}

/// (globalId, relationship, application, object) of a remote-link request.
type RemoteParts = (Option<String>, Option<String>, Option<Value>, Value);

fn remote_from(body: &Value) -> Result<RemoteParts, Reply> {
    let object = body.get("object").cloned().unwrap_or(Value::Null);
    if object
        .get("url")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(field_error(400, "url", "'url' is required."));
    }
    if object
        .get("title")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(field_error(400, "title", "'title' is required."));
    }
    let s = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
    Ok((
        s("globalId"),
        s("relationship"),
        body.get("application").cloned(),
        object,
    ))
}

/// `POST /issue/{k}/remotelink` (201 created, 200 updated by `globalId`).
pub fn add_remote_link(cx: &Cx, k: &str) -> Res {
    let body = cx.json()?;
    let (global_id, relationship, application, object) = remote_from(&body)?;
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let new_id = st.alloc_id();
    let api = cx.api();
    let i = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let key = i.key.clone();
    if let Some(g) = &global_id
        && let Some(r) = i
            .remote_links
            .iter_mut()
            .find(|r| r.global_id.as_ref() == Some(g))
    {
        r.relationship = relationship;
        r.application = application;
        r.object = object;
        return ok(json!({"id": r.id, "self": format!("{api}/issue/{key}/remotelink/{}", r.id)}));
    }
    i.remote_links.push(RemoteLink {
        id: new_id,
        global_id,
        relationship,
        application,
        object,
    });
    Ok(Reply::json(
        201,
        json!({"id": new_id, "self": format!("{api}/issue/{key}/remotelink/{new_id}")}),
    ))
}

/// `PUT /issue/{k}/remotelink/{id}`.
pub fn edit_remote_link(cx: &Cx, k: &str, id: &str) -> Res {
    let body = cx.json()?;
    let (global_id, relationship, application, object) = remote_from(&body)?;
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let i = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let r = i
        .remote_links
        .iter_mut()
        .find(|r| r.id.to_string() == id)
        .ok_or_else(|| remote_404(id))?;
    *r = RemoteLink {
        id: r.id,
        global_id: global_id.or(r.global_id.take()),
        relationship,
        application,
        object,
    };
    no_content()
}

/// `DELETE /issue/{k}/remotelink/{id}` or `…/remotelink?globalId=`.
pub fn delete_remote_link(cx: &Cx, k: &str, id: Option<&str>) -> Res {
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let g = cx.q("globalId").map(str::to_string);
    let i = st.issue_mut(idx).ok_or_else(|| issue_404(cx))?;
    let n = i.remote_links.len();
    match (id, &g) {
        (Some(id), _) => i.remote_links.retain(|r| r.id.to_string() != id),
        (None, Some(g)) => i.remote_links.retain(|r| r.global_id.as_ref() != Some(g)),
        (None, None) => {
            return Err(error(
                400,
                "Either a remote link id or a globalId must be specified.",
            ));
        }
    }
    if n == i.remote_links.len() {
        return Err(remote_404(id.unwrap_or_default()));
    }
    no_content()
}

fn issue_from_ref(st: &State, v: Option<&Value>) -> Option<u64> {
    let v = v?;
    let s = v
        .get("key")
        .or_else(|| v.get("id"))
        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))?;
    st.issue(&s).map(|i| i.id)
}

/// `POST /issueLink` (201, empty body).
pub fn add_link(cx: &Cx) -> Res {
    let body = cx.json()?;
    let mut st = cx.sim.state.write();
    let t = body.get("type").unwrap_or(&Value::Null);
    let lt = st.link_types.iter().position(|l| {
        t.get("id").and_then(Value::as_str) == Some(l.id.as_str())
            || t.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(&l.name))
    });
    let Some(lt) = lt else {
        let n = t
            .get("name")
            .or_else(|| t.get("id"))
            .and_then(Value::as_str)
            .unwrap_or("");
        return Err(error(
            404,
            &format!("No issue link type with name '{n}' found."),
        ));
    };
    let inward = issue_from_ref(&st, body.get("inwardIssue")).ok_or_else(|| issue_404(cx))?;
    let outward = issue_from_ref(&st, body.get("outwardIssue")).ok_or_else(|| issue_404(cx))?;
    let id = ID_BASE + st.links.len() as u64;
    st.links.push(Some(IssueLink {
        id,
        link_type: lt,
        inward,
        outward,
    }));
    for iid in [inward, outward] {
        if let Some(idx) = st.issue_index(&iid.to_string())
            && let Some(i) = st.issue_mut(idx)
            && !i.links.contains(&id)
        {
            i.links.push(id);
        }
    }
    if let Some(c) = body.get("comment")
        && let Some(idx) = st.issue_index(&inward.to_string())
    {
        insert_comment(cx, &mut st, idx, c)?;
    }
    Ok(Reply::empty(201))
}

fn link_404(id: &str) -> Reply {
    error(404, &format!("No issue link with id '{id}' exists."))
}

/// `GET /issueLink/{id}`.
pub fn link(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let l = id
        .parse::<u64>()
        .ok()
        .and_then(|n| st.link(n))
        .ok_or_else(|| link_404(id))?;
    let (a, b) = (
        st.issue_by_id(l.inward).ok_or_else(|| issue_404(cx))?,
        st.issue_by_id(l.outward).ok_or_else(|| issue_404(cx))?,
    );
    ok(json!({
        "id": l.id.to_string(), "self": format!("{}/issueLink/{}", cx.api(), l.id),
        "type": render::link_type(cx, &st.link_types[l.link_type]),
        "inwardIssue": render::issue_ref(cx, &st, a), "outwardIssue": render::issue_ref(cx, &st, b),
    }))
}

/// `DELETE /issueLink/{id}`.
pub fn delete_link(cx: &Cx, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let l = id
        .parse::<u64>()
        .ok()
        .and_then(|n| st.link(n))
        .cloned()
        .ok_or_else(|| link_404(id))?;
    st.links[(l.id - ID_BASE) as usize] = None;
    for iid in [l.inward, l.outward] {
        if let Some(idx) = st.issue_index(&iid.to_string())
            && let Some(i) = st.issue_mut(idx)
        {
            i.links.retain(|x| *x != l.id);
        }
    }
    no_content()
}
