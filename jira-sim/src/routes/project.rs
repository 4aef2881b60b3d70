//! Projects, components and versions (incl. the paged Cloud forms and `version/{id}/move`).

use serde_json::{Value, json};

use super::render;
use super::{Cx, Reply, Res, error, field_error, no_content, ok};
use crate::state::*;

fn project_404(k: &str) -> Reply {
    error(404, &format!("No project could be found with key '{k}'."))
}

fn project_json(cx: &Cx, st: &State, pi: usize, full: bool, expand: &str) -> Value {
    let p = &st.projects[pi];
    let mut v = render::project_short(cx, st, pi);
    v["expand"] = json!("description,lead,issueTypes,url,projectKeys,permissions,insight");
    v["archived"] = json!(false);
    if cx.cloud() {
        v["style"] = json!("classic");
        v["isPrivate"] = json!(false);
    }
    if full || expand.contains("description") {
        v["description"] = json!(p.description);
    }
    if full || expand.contains("lead") {
        v["lead"] = render::user(cx, st, p.lead);
    }
    if full || expand.contains("issueTypes") {
        v["issueTypes"] = Value::Array(
            st.issuetypes
                .iter()
                .map(|t| render::issuetype(cx, t))
                .collect(),
        );
    }
    if (full || expand.contains("projectKeys")) && !cx.cloud() {
        v["projectKeys"] = json!([p.key]);
    }
    if full || expand.contains("url") {
        v["url"] = json!(format!("{}/browse/{}", cx.sim.base_url, p.key));
    }
    if full {
        v["components"] = Value::Array(
            st.components
                .iter()
                .filter(|c| !c.deleted && c.project_id == p.id)
                .map(|c| render::component(cx, st, c))
                .collect(),
        );
        v["versions"] = Value::Array(
            st.versions
                .iter()
                .filter(|x| !x.deleted && x.project_id == p.id)
                .map(|x| render::version(cx, x))
                .collect(),
        );
        v["assigneeType"] = json!("UNASSIGNED");
        v["roles"] = json!({
            "Administrators": format!("{}/project/{}/role/10002", cx.api(), p.id),
            "Developers": format!("{}/project/{}/role/10001", cx.api(), p.id),
        });
    }
    v
}

/// `GET /project` (flat array).
pub fn list(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let ex = cx.q("expand").unwrap_or("");
    ok(Value::Array(
        (0..st.projects.len())
            .map(|pi| project_json(cx, &st, pi, false, ex))
            .collect(),
    ))
}

/// `GET /project/search` (Cloud, paged).
pub fn search(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let ex = cx.q("expand").unwrap_or("");
    let query = cx.q("query").unwrap_or("").to_lowercase();
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 50)?.min(100);
    let all: Vec<usize> = (0..st.projects.len())
        .filter(|pi| {
            query.is_empty()
                || st.projects[*pi].key.to_lowercase().contains(&query)
                || st.projects[*pi].name.to_lowercase().contains(&query)
        })
        .collect();
    let values: Vec<Value> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|pi| project_json(cx, &st, *pi, false, ex))
        .collect();
    let last = start + values.len() >= all.len();
    let mut v = json!({
        "self": format!("{}/project/search?startAt={start}&maxResults={max}", cx.api()), "maxResults": max, "startAt": start,
        "total": all.len(), "isLast": last, "values": values,
    });
    if !last {
        v["nextPage"] = json!(format!(
            "{}/project/search?startAt={}&maxResults={max}",
            cx.api(),
            start + max
        ));
    }
    ok(v)
}

/// `GET /project/{k}`.
pub fn get(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let pi = st.project(k).ok_or_else(|| project_404(k))?;
    ok(project_json(
        cx,
        &st,
        pi,
        true,
        cx.q("expand").unwrap_or(""),
    ))
}

/// `GET /project/{k}/components` (array).
pub fn components(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let pi = st.project(k).ok_or_else(|| project_404(k))?;
    let pid = st.projects[pi].id;
    ok(Value::Array(
        st.components
            .iter()
            .filter(|c| !c.deleted && c.project_id == pid)
            .map(|c| render::component(cx, &st, c))
            .collect(),
    ))
}

fn page_bean(cx: &Cx, path: &str, items: Vec<Value>) -> Res {
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 50)?;
    let total = items.len();
    let values: Vec<Value> = items.into_iter().skip(start).take(max).collect();
    let last = start + values.len() >= total;
    let mut v = json!({"self": format!("{}/{path}?startAt={start}&maxResults={max}", cx.api()), "maxResults": max, "startAt": start, "total": total, "isLast": last, "values": values});
    if !last {
        v["nextPage"] = json!(format!(
            "{}/{path}?startAt={}&maxResults={max}",
            cx.api(),
            start + max
        ));
    }
    ok(v)
}

/// `GET /project/{k}/component` (paged, with issue counts).
pub fn components_paged(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let pi = st.project(k).ok_or_else(|| project_404(k))?;
    let pid = st.projects[pi].id;
    let items = st
        .components
        .iter()
        .filter(|c| !c.deleted && c.project_id == pid)
        .map(|c| {
            let mut v = render::component(cx, &st, c);
            if let Some(o) = v.as_object_mut() {
                o.remove("leadAccountId");
            }
            v["issueCount"] = json!(
                st.live_issues()
                    .filter(|i| i.components.contains(&c.id))
                    .count()
            );
            v
        })
        .collect();
    page_bean(cx, &format!("project/{k}/component"), items)
}

/// `GET /project/{k}/versions` (array).
pub fn versions(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let pi = st.project(k).ok_or_else(|| project_404(k))?;
    ok(Value::Array(
        project_versions(&st, st.projects[pi].id)
            .iter()
            .map(|v| render::version(cx, v))
            .collect(),
    ))
}

fn project_versions(st: &State, pid: u64) -> Vec<&Version> {
    let mut v: Vec<&Version> = st
        .versions
        .iter()
        .filter(|v| !v.deleted && v.project_id == pid)
        .collect();
    v.sort_by_key(|v| v.sequence);
    v
}

/// `GET /project/{k}/version` (paged; `orderBy`, `status`, `query`).
pub fn versions_paged(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let pi = st.project(k).ok_or_else(|| project_404(k))?;
    let mut list = project_versions(&st, st.projects[pi].id);
    if let Some(s) = cx.q("status") {
        let want: Vec<&str> = s.split(',').collect();
        list.retain(|v| {
            let st = if v.archived {
                "archived"
            } else if v.released {
                "released"
            } else {
                "unreleased"
            };
            want.contains(&st)
        });
    }
    if let Some(q) = cx.q("query") {
        let q = q.to_lowercase();
        list.retain(|v| {
            v.name.to_lowercase().contains(&q) || v.description.to_lowercase().contains(&q)
        });
    }
    match cx
        .q("orderBy")
        .unwrap_or("sequence")
        .trim_start_matches('+')
    {
        "name" => list.sort_by(|a, b| a.name.cmp(&b.name)),
        "-name" => list.sort_by(|a, b| b.name.cmp(&a.name)),
        "releaseDate" => list.sort_by_key(|v| v.release_date),
        "-releaseDate" => list.sort_by_key(|v| std::cmp::Reverse(v.release_date)),
        "startDate" => list.sort_by_key(|v| v.start_date),
        "-startDate" => list.sort_by_key(|v| std::cmp::Reverse(v.start_date)),
        "-sequence" => list.sort_by_key(|v| std::cmp::Reverse(v.sequence)),
        "sequence" | "description" | "-description" => {}
        other => return Err(error(400, &format!("Invalid orderBy field: {other}"))),
    }
    let items = list.into_iter().map(|v| render::version(cx, v)).collect();
    page_bean(cx, &format!("project/{k}/version"), items)
}

/// `GET /project/{k}/statuses`.
pub fn statuses(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    st.project(k).ok_or_else(|| project_404(k))?;
    let list: Vec<Value> = st.statuses.iter().map(|s| render::status(cx, s)).collect();
    ok(Value::Array(st.issuetypes.iter().map(|t| json!({
        "self": format!("{}/issuetype/{}", cx.api(), t.id), "id": t.id, "name": t.name, "subtask": t.subtask, "statuses": list,
    })).collect()))
}

/// 403 unless the caller administers the project (a Jira administrator or its lead).
fn manage(cx: &Cx, st: &State, project_id: u64) -> Result<(), Reply> {
    match st.project_by_id(project_id) {
        Some(p) if st.is_project_admin(cx.user, p) => Ok(()),
        p => Err(error(
            403,
            &format!(
                "You do not have permission to manage the components and versions of project '{}'.",
                p.map(|p| st.projects[p].key.as_str()).unwrap_or_default()
            ),
        )),
    }
}

fn component_404(id: &str) -> Reply {
    error(404, &format!("The component with id {id} does not exist."))
}

fn lead_of(cx: &Cx, st: &State, b: &Value) -> Result<Option<Option<usize>>, Reply> {
    let key = if cx.cloud() {
        "leadAccountId"
    } else {
        "leadUserName"
    };
    match b.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) if s.is_empty() => Ok(Some(None)),
        Some(Value::String(s)) => st
            .user_by_any(s)
            .map(|u| Some(Some(u)))
            .ok_or_else(|| field_error(400, key, &format!("The user {s} does not exist."))),
        _ => Err(field_error(400, key, "Invalid lead")),
    }
}

/// `POST /component`.
pub fn create_component(cx: &Cx) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let name = b
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(field_error(
            400,
            "name",
            "The component name specified is invalid - cannot be empty.",
        ));
    }
    let pk = b
        .get("project")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| b.get("projectId").map(|v| v.to_string()))
        .unwrap_or_default();
    let pi = st
        .project(&pk)
        .ok_or_else(|| field_error(400, "project", "The project specified is invalid."))?;
    let pid = st.projects[pi].id;
    manage(cx, &st, pid)?;
    if st
        .components
        .iter()
        .any(|c| !c.deleted && c.project_id == pid && c.name.eq_ignore_ascii_case(&name))
    {
        return Err(field_error(
            400,
            "name",
            &format!("A component with the name {name} already exists in this project."),
        ));
    }
    let lead = lead_of(cx, &st, &b)?.flatten();
    let c = Component {
        id: ID_BASE + st.components.len() as u64,
        project_id: pid,
        name,
        description: b
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        lead,
        deleted: false,
    };
    let v = render::component(cx, &st, &c);
    st.components.push(c);
    Ok(Reply::json(201, v))
}

/// `GET /component/{id}`.
pub fn component(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let c = id
        .parse()
        .ok()
        .and_then(|n| st.component(n))
        .ok_or_else(|| component_404(id))?;
    ok(render::component(cx, &st, c))
}

/// `PUT /component/{id}`.
pub fn edit_component(cx: &Cx, id: &str) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let n: u64 = id.parse().map_err(|_| component_404(id))?;
    let pid = st
        .component(n)
        .map(|c| c.project_id)
        .ok_or_else(|| component_404(id))?;
    manage(cx, &st, pid)?;
    let lead = lead_of(cx, &st, &b)?;
    let c = st
        .components
        .iter_mut()
        .find(|c| c.id == n && !c.deleted)
        .ok_or_else(|| component_404(id))?;
    if let Some(s) = b.get("name").and_then(Value::as_str) {
        c.name = s.to_string();
    }
    if let Some(s) = b.get("description").and_then(Value::as_str) {
        c.description = s.to_string();
    }
    if let Some(l) = lead {
        c.lead = l;
    }
    let c = c.clone();
    ok(render::component(cx, &st, &c))
}

/// `DELETE /component/{id}`.
pub fn delete_component(cx: &Cx, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let n: u64 = id.parse().map_err(|_| component_404(id))?;
    let pid = st
        .component(n)
        .map(|c| c.project_id)
        .ok_or_else(|| component_404(id))?;
    manage(cx, &st, pid)?;
    let c = st
        .components
        .iter_mut()
        .find(|c| c.id == n && !c.deleted)
        .ok_or_else(|| component_404(id))?;
    c.deleted = true;
    for i in st.issues.iter_mut().flatten() {
        i.components.retain(|x| *x != n);
    }
    no_content()
}

fn version_404(id: &str) -> Reply {
    error(404, &format!("Could not find version for id '{id}'"))
}

fn date_field(b: &Value, k: &str) -> Result<Option<Option<jiff::civil::Date>>, Reply> {
    match b.get(k) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(s)) if s.is_empty() => Ok(Some(None)),
        Some(Value::String(s)) => s
            .get(..10)
            .and_then(|d| d.parse().ok())
            .map(|d| Some(Some(d)))
            .ok_or_else(|| {
                field_error(
                    400,
                    k,
                    "Please enter the date in the following format: yyyy-MM-dd",
                )
            }),
        _ => Err(field_error(
            400,
            k,
            "Please enter the date in the following format: yyyy-MM-dd",
        )),
    }
}

/// `POST /version`.
pub fn create_version(cx: &Cx) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let name = b
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(field_error(
            400,
            "name",
            "You must specify a valid version name",
        ));
    }
    let pk = b
        .get("projectId")
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .or_else(|| b.get("project").and_then(Value::as_str).map(str::to_string));
    let pi = pk.and_then(|k| st.project(&k)).ok_or_else(|| {
        field_error(
            400,
            "project",
            "Project must be specified to create a version.",
        )
    })?;
    let pid = st.projects[pi].id;
    manage(cx, &st, pid)?;
    if st
        .versions
        .iter()
        .any(|v| !v.deleted && v.project_id == pid && v.name.eq_ignore_ascii_case(&name))
    {
        return Err(field_error(
            400,
            "name",
            "A version with this name already exists in this project.",
        ));
    }
    let seq = st
        .versions
        .iter()
        .filter(|v| v.project_id == pid)
        .map(|v| v.sequence)
        .max()
        .unwrap_or(0)
        + 1;
    let v = Version {
        id: ID_BASE + st.versions.len() as u64,
        project_id: pid,
        name,
        description: b
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        released: b.get("released").and_then(Value::as_bool).unwrap_or(false),
        archived: b.get("archived").and_then(Value::as_bool).unwrap_or(false),
        release_date: date_field(&b, "releaseDate")?.flatten(),
        start_date: date_field(&b, "startDate")?.flatten(),
        sequence: seq,
        deleted: false,
    };
    let out = render::version(cx, &v);
    st.versions.push(v);
    Ok(Reply::json(201, out))
}

/// `GET /version/{id}`.
pub fn version(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let v = id
        .parse()
        .ok()
        .and_then(|n| st.version(n))
        .ok_or_else(|| version_404(id))?;
    ok(render::version(cx, v))
}

/// `PUT /version/{id}`.
pub fn edit_version(cx: &Cx, id: &str) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let n: u64 = id.parse().map_err(|_| version_404(id))?;
    let pid = st
        .version(n)
        .map(|v| v.project_id)
        .ok_or_else(|| version_404(id))?;
    manage(cx, &st, pid)?;
    if let Some(name) = b.get("name").and_then(Value::as_str) {
        let name = name.trim();
        if name.is_empty() {
            return Err(field_error(
                400,
                "name",
                "You must specify a valid version name",
            ));
        }
        if st.versions.iter().any(|v| {
            !v.deleted && v.id != n && v.project_id == pid && v.name.eq_ignore_ascii_case(name)
        }) {
            return Err(field_error(
                400,
                "name",
                "A version with this name already exists in this project.",
            ));
        }
    }
    let rel = date_field(&b, "releaseDate")?;
    let start = date_field(&b, "startDate")?;
    let v = st
        .versions
        .iter_mut()
        .find(|v| v.id == n && !v.deleted)
        .ok_or_else(|| version_404(id))?;
    if let Some(s) = b.get("name").and_then(Value::as_str) {
        v.name = s.trim().to_string();
    }
    if let Some(s) = b.get("description").and_then(Value::as_str) {
        v.description = s.to_string();
    }
    if let Some(x) = b.get("released").and_then(Value::as_bool) {
        v.released = x;
    }
    if let Some(x) = b.get("archived").and_then(Value::as_bool) {
        v.archived = x;
    }
    if let Some(d) = rel {
        v.release_date = d;
    }
    if let Some(d) = start {
        v.start_date = d;
    }
    let v = v.clone();
    ok(render::version(cx, &v))
}

/// `DELETE /version/{id}`.
pub fn delete_version(cx: &Cx, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let n: u64 = id.parse().map_err(|_| version_404(id))?;
    let pid = st
        .version(n)
        .map(|v| v.project_id)
        .ok_or_else(|| version_404(id))?;
    manage(cx, &st, pid)?;
    let v = st
        .versions
        .iter_mut()
        .find(|v| v.id == n && !v.deleted)
        .ok_or_else(|| version_404(id))?;
    v.deleted = true;
    for i in st.issues.iter_mut().flatten() {
        i.fix_versions.retain(|x| *x != n);
        i.versions.retain(|x| *x != n);
    }
    no_content()
}

/// `POST /version/{id}/move` with `{"position": First|Last|Earlier|Later}` or `{"after": url}`.
pub fn move_version(cx: &Cx, id: &str) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let n: u64 = id.parse().map_err(|_| version_404(id))?;
    let pid = st
        .version(n)
        .map(|v| v.project_id)
        .ok_or_else(|| version_404(id))?;
    manage(cx, &st, pid)?;
    let mut order: Vec<u64> = project_versions(&st, pid).iter().map(|v| v.id).collect();
    let pos = order.iter().position(|x| *x == n).unwrap_or(0);
    order.remove(pos);
    let new_pos = if let Some(after) = b.get("after").and_then(Value::as_str) {
        let aid: u64 = after
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| field_error(400, "after", "Invalid version URL"))?;
        if aid == n {
            return Err(field_error(
                400,
                "after",
                "A version cannot be moved after itself.",
            ));
        }
        order
            .iter()
            .position(|x| *x == aid)
            .map(|p| p + 1)
            .ok_or_else(|| version_404(&aid.to_string()))?
    } else {
        match b.get("position").and_then(Value::as_str) {
            Some("First") => 0,
            Some("Last") => order.len(),
            Some("Earlier") => pos.saturating_sub(1),
            Some("Later") => (pos + 1).min(order.len()),
            _ => {
                return Err(field_error(
                    400,
                    "position",
                    "A version position must be one of First, Last, Earlier or Later.",
                ));
            }
        }
    };
    order.insert(new_pos, n);
    for (i, vid) in order.iter().enumerate() {
        if let Some(v) = st.versions.iter_mut().find(|v| v.id == *vid) {
            v.sequence = i as i64 + 1;
        }
    }
    let v = st.version(n).cloned().ok_or_else(|| version_404(id))?;
    ok(render::version(cx, &v))
}
