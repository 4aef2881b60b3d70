//! Saved filters: CRUD, favourites, `filter/search` and share permissions. A filter is visible
//! to its owner and to whoever one of its share permissions admits.

use serde_json::{Value, json};

use super::render;
use super::{Cx, Reply, Res, error, field_error, no_content, ok};
use crate::jql;
use crate::state::*;

fn not_found(cx: &Cx, id: &str) -> Reply {
    let msg = format!("The selected filter with id '{id}' does not exist.");
    error(if cx.cloud() { 400 } else { 404 }, &msg)
}

/// Whether user `u` may see filter `f` (owner, or admitted by a share permission).
pub fn visible(st: &State, f: &Filter, u: usize) -> bool {
    f.owner == u
        || f.shares.iter().any(|s| match s.kind.as_str() {
            "global" | "loggedin" | "project" => true,
            "group" => s
                .group
                .as_deref()
                .and_then(|g| st.group(g))
                .is_some_and(|g| st.groups[g].members.contains(&u)),
            "user" => s.user == Some(u),
            _ => false,
        })
}

fn find(cx: &Cx, st: &State, id: &str) -> Result<usize, Reply> {
    let n: u64 = id.parse().map_err(|_| not_found(cx, id))?;
    st.filter(n)
        .filter(|i| visible(st, &st.filters[*i], cx.user))
        .ok_or_else(|| not_found(cx, id))
}

/// A filter's JQL must be valid for the instance, as a search would check it (syntax,
/// fields, functions, and that the values it names exist).
/// `this` is the filter being saved (id, name): a `filter = …` clause reaching it sees the
/// new JQL, so a filter that would refer to itself is refused as a cycle.
fn check_jql(cx: &Cx, st: &State, s: &str, this: (u64, &str)) -> Result<(), Reply> {
    let bad =
        |e: jql::JqlError| Reply::json(400, json!({"errorMessages": e.messages, "errors": {}}));
    let q = jql::parse(s).map_err(bad)?;
    let mut ecx = super::search::eval_context(cx, st);
    let saved = std::mem::replace(&mut ecx.filter_jql, Box::new(|_| None));
    let (id, name, new) = (this.0.to_string(), this.1.to_string(), s.to_string());
    ecx.filter_jql = Box::new(move |f| {
        if f == id || f.eq_ignore_ascii_case(&name) {
            Some(new.clone())
        } else {
            saved(f)
        }
    });
    jql::validate(&q, &ecx).map_err(bad)
}

/// `POST /filter`.
pub fn create(cx: &Cx) -> Res {
    let b = cx.json()?;
    let name = b
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if name.is_empty() {
        return Err(field_error(
            400,
            "filterName",
            "You must specify a name for this filter.",
        ));
    }
    let jql_text = b
        .get("jql")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut st = cx.sim.state.write();
    let next_id = st.filters.iter().map(|f| f.id).max().unwrap_or(ID_BASE - 1) + 1;
    check_jql(cx, &st, &jql_text, (next_id, &name))?;
    if st
        .filters
        .iter()
        .any(|f| !f.deleted && f.owner == cx.user && f.name.eq_ignore_ascii_case(&name))
    {
        return Err(field_error(
            400,
            "filterName",
            &format!("A filter with name '{name}' already exists."),
        ));
    }
    let id = next_id;
    let mut shares = Vec::new();
    for p in b
        .get("sharePermissions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        shares.push(share_from(cx, &mut st, p)?);
    }
    let fav = b.get("favourite").and_then(Value::as_bool).unwrap_or(false);
    st.filters.push(Filter {
        id,
        name,
        description: b
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        jql: jql_text,
        owner: cx.user,
        favourite_of: if fav { vec![cx.user] } else { Vec::new() },
        shares,
        deleted: false,
    });
    let f = st
        .filters
        .last()
        .cloned()
        .ok_or_else(|| not_found(cx, &id.to_string()))?;
    ok(render::filter(cx, &st, &f))
}

/// `GET /filter/favourite`.
pub fn favourites(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(Value::Array(
        st.filters
            .iter()
            .filter(|f| !f.deleted && f.favourite_of.contains(&cx.user) && visible(&st, f, cx.user))
            .map(|f| render::filter(cx, &st, f))
            .collect(),
    ))
}

/// `GET /filter/search` (paged).
pub fn search(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    // Empty parameters are no restriction (JiraPS sends `accountId=` on Data Center).
    let given = |k: &str| cx.q(k).map(str::trim).filter(|v| !v.is_empty());
    let name = given("filterName").unwrap_or("").to_lowercase();
    let owner = given("accountId").or(given("owner"));
    let group = given("groupname")
        .or(given("groupName"))
        .or(given("groupId"));
    let project = given("projectId");
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 50)?;
    if let Some(o) = owner
        && st.user_by_any(o).is_none()
    {
        return Err(error(
            400,
            &format!("User with account ID '{o}' does not exist."),
        ));
    }
    let group_name = group
        .and_then(|g| st.group(g))
        .map(|g| st.groups[g].name.clone());
    if let (Some(g), None) = (group, &group_name) {
        return Err(error(400, &format!("Group '{g}' does not exist.")));
    }
    let project_id = project
        .and_then(|p| st.project(p))
        .map(|p| st.projects[p].id);
    if let (Some(p), None) = (project, project_id) {
        return Err(error(
            400,
            &format!("Project with ID '{p}' does not exist."),
        ));
    }
    let mut all: Vec<&Filter> = st
        .filters
        .iter()
        .filter(|f| !f.deleted && visible(&st, f, cx.user) && f.name.to_lowercase().contains(&name))
        .filter(|f| owner.is_none_or(|o| st.user_by_any(o) == Some(f.owner)))
        .filter(|f| {
            group_name
                .as_ref()
                .is_none_or(|g| f.shares.iter().any(|s| s.group.as_ref() == Some(g)))
        })
        .filter(|f| project_id.is_none_or(|p| f.shares.iter().any(|s| s.project == Some(p))))
        .collect();
    let order = cx.q("orderBy").unwrap_or("name");
    let (desc, key) = match order.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, order.trim_start_matches('+')),
    };
    let fav = |f: &Filter| f.favourite_of.contains(&cx.user);
    match key {
        "name" => all.sort_by_key(|f| f.name.to_lowercase()),
        "id" => all.sort_by_key(|f| f.id),
        "description" => all.sort_by(|a, b| a.description.cmp(&b.description)),
        "owner" => all.sort_by(|a, b| st.users[a.owner].display.cmp(&st.users[b.owner].display)),
        "favourite_count" => all.sort_by_key(|f| f.favourite_of.len()),
        "is_favourite" => all.sort_by_key(|f| fav(f)),
        _ => {
            return Err(error(
                400,
                &format!(
                    "'{order}' is not a valid value for orderBy. Use one of: description, favourite_count, id, is_favourite, name, owner."
                ),
            ));
        }
    }
    if desc {
        all.reverse();
    }
    let values: Vec<Value> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|f| {
            let mut v = render::filter(cx, &st, f);
            // Cloud's `FilterDetails` (search results) has no sharedUsers and lists
            // subscriptions as an array.
            if cx.cloud()
                && let Some(o) = v.as_object_mut()
            {
                o.remove("sharedUsers");
                o.insert("subscriptions".into(), json!([]));
            }
            v
        })
        .collect();
    let last = start + values.len() >= all.len();
    ok(
        json!({"self": format!("{}/filter/search?startAt={start}&maxResults={max}", cx.api()), "maxResults": max, "startAt": start, "total": all.len(), "isLast": last, "values": values}),
    )
}

/// `GET /filter/{id}`.
pub fn get(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let i = find(cx, &st, id)?;
    ok(render::filter(cx, &st, &st.filters[i]))
}

/// `PUT /filter/{id}`.
pub fn edit(cx: &Cx, id: &str) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let i = find(cx, &st, id)?;
    if st.filters[i].owner != cx.user {
        return Err(error(400, "You are not the owner of this filter."));
    }
    if let Some(j) = b.get("jql").and_then(Value::as_str) {
        let f = &st.filters[i];
        let name = b.get("name").and_then(Value::as_str).unwrap_or(&f.name);
        check_jql(cx, &st, j, (f.id, name))?;
        st.filters[i].jql = j.to_string();
    }
    if let Some(n) = b.get("name").and_then(Value::as_str) {
        if n.trim().is_empty() {
            return Err(field_error(
                400,
                "filterName",
                "You must specify a name for this filter.",
            ));
        }
        st.filters[i].name = n.to_string();
    }
    if let Some(d) = b.get("description").and_then(Value::as_str) {
        st.filters[i].description = d.to_string();
    }
    if let Some(fav) = b.get("favourite").and_then(Value::as_bool) {
        let f = &mut st.filters[i];
        f.favourite_of.retain(|u| *u != cx.user);
        if fav {
            f.favourite_of.push(cx.user);
        }
    }
    let f = st.filters[i].clone();
    ok(render::filter(cx, &st, &f))
}

/// `DELETE /filter/{id}`.
pub fn delete(cx: &Cx, id: &str) -> Res {
    let mut st = cx.sim.state.write();
    let i = find(cx, &st, id)?;
    if st.filters[i].owner != cx.user {
        return Err(error(400, "You are not the owner of this filter."));
    }
    st.filters[i].deleted = true;
    no_content()
}

/// `PUT|DELETE /filter/{id}/favourite`.
pub fn set_favourite(cx: &Cx, id: &str, on: bool) -> Res {
    let mut st = cx.sim.state.write();
    let i = find(cx, &st, id)?;
    let f = &mut st.filters[i];
    f.favourite_of.retain(|u| *u != cx.user);
    if on {
        f.favourite_of.push(cx.user);
    }
    let f = st.filters[i].clone();
    ok(render::filter(cx, &st, &f))
}

fn share_from(cx: &Cx, st: &mut State, p: &Value) -> Result<SharePerm, Reply> {
    let kind = p
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    let id = st.alloc_id();
    let mut sp = SharePerm {
        id,
        kind: kind.clone(),
        group: None,
        project: None,
        user: None,
        role: None,
    };
    match kind.as_str() {
        "global" => {}
        // Sent as `authenticated`, shown as `loggedin`.
        "authenticated" | "loggedin" => sp.kind = "loggedin".into(),
        "group" => {
            let g = p
                .get("groupname")
                .or_else(|| p.get("groupName"))
                .or_else(|| p.get("groupId"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let gi = st.group(g).ok_or_else(|| {
                field_error(400, "groupname", &format!("Group '{g}' does not exist."))
            })?;
            sp.group = Some(st.groups[gi].name.clone());
        }
        "project" | "projectrole" => {
            let pid = p
                .get("projectId")
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .unwrap_or_default();
            let pi = st.project(&pid).ok_or_else(|| {
                field_error(
                    400,
                    "projectId",
                    &format!("Project '{pid}' does not exist."),
                )
            })?;
            sp.kind = "project".into();
            sp.project = Some(st.projects[pi].id);
            if kind == "projectrole" {
                let rid = p
                    .get("projectRoleId")
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .unwrap_or_default();
                let role = PROJECT_ROLES
                    .iter()
                    .find(|(id, _)| id.to_string() == rid)
                    .ok_or_else(|| {
                        field_error(
                            400,
                            "projectRoleId",
                            &format!("Project role '{rid}' does not exist."),
                        )
                    })?;
                sp.role = Some(role.0);
            }
        }
        "user" => {
            let who = p
                .get("accountId")
                .or_else(|| p.get("userKey"))
                .or_else(|| p.get("username"))
                .and_then(Value::as_str)
                .unwrap_or("");
            sp.user = Some(st.user_by_any(who).ok_or_else(|| {
                field_error(400, "user", &format!("User '{who}' does not exist."))
            })?);
        }
        _ => {
            return Err(field_error(
                400,
                "type",
                &format!("Invalid share type '{kind}'."),
            ));
        }
    }
    let _ = cx;
    Ok(sp)
}

/// `GET /filter/{id}/permission`.
pub fn permissions(cx: &Cx, id: &str) -> Res {
    let st = cx.sim.state.read();
    let i = find(cx, &st, id)?;
    ok(Value::Array(
        st.filters[i]
            .shares
            .iter()
            .map(|p| render::share(cx, &st, p))
            .collect(),
    ))
}

/// `POST /filter/{id}/permission` (201 with all permissions).
pub fn add_permission(cx: &Cx, id: &str) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    let i = find(cx, &st, id)?;
    if st.filters[i].owner != cx.user {
        return Err(error(400, "You are not the owner of this filter."));
    }
    let sp = share_from(cx, &mut st, &b)?;
    let shares = &mut st.filters[i].shares;
    // A global or logged-in share overrides every other one; the others come after it is gone.
    let overriding = |k: &str| k == "global" || k == "loggedin";
    if overriding(&sp.kind) {
        shares.clear();
    } else if shares.iter().any(|s| overriding(&s.kind)) {
        return Err(error(
            400,
            "The filter is shared with everyone; remove that share permission before adding a narrower one.",
        ));
    }
    shares.push(sp);
    let list: Vec<Value> = st.filters[i]
        .shares
        .iter()
        .map(|p| render::share(cx, &st, p))
        .collect();
    Ok(Reply::json(201, Value::Array(list)))
}

fn perm_404(pid: &str) -> Reply {
    error(
        404,
        &format!("Share permission with id '{pid}' does not exist."),
    )
}

/// `GET /filter/{id}/permission/{pid}`.
pub fn permission(cx: &Cx, id: &str, pid: &str) -> Res {
    let st = cx.sim.state.read();
    let i = find(cx, &st, id)?;
    let p = st.filters[i]
        .shares
        .iter()
        .find(|p| p.id.to_string() == pid)
        .ok_or_else(|| perm_404(pid))?;
    ok(render::share(cx, &st, p))
}

/// `DELETE /filter/{id}/permission/{pid}`.
pub fn delete_permission(cx: &Cx, id: &str, pid: &str) -> Res {
    let mut st = cx.sim.state.write();
    let i = find(cx, &st, id)?;
    if st.filters[i].owner != cx.user {
        return Err(error(400, "You are not the owner of this filter."));
    }
    let f = &mut st.filters[i];
    let n = f.shares.len();
    f.shares.retain(|p| p.id.to_string() != pid);
    if n == f.shares.len() {
        return Err(perm_404(pid));
    }
    no_content()
}
