//! Users and groups: `/myself`, `/user` (DC by `username`/`key`, Cloud by `accountId` only),
//! user search and pickers, group CRUD, members and membership changes.

use serde_json::{Value, json};

use super::render;
use super::{Cx, Reply, Res, error, field_error, ok};
use crate::state::*;

const GDPR: &str = "The query parameter 'username' is not supported in GDPR strict mode.";
const USERS_403: &str = "You do not have permission to create, edit or remove users.";
const GROUPS_403: &str = "You do not have permission to manage groups or their members.";

/// 403 unless the caller is a Jira administrator.
fn admin_only(cx: &Cx, st: &State, msg: &str) -> Result<(), Reply> {
    if st.is_admin(cx.user) {
        Ok(())
    } else {
        Err(error(403, msg))
    }
}

fn user_404(cx: &Cx, who: &str) -> Reply {
    if cx.cloud() {
        error(
            404,
            "Specified user does not exist or you do not have required permissions",
        )
    } else {
        error(404, &format!("The user named '{who}' does not exist"))
    }
}

fn group_ref(cx: &Cx, g: &Group) -> Value {
    let mut v = json!({"name": g.name, "self": format!("{}/group?groupname={}", cx.api(), render::encode(&g.name))});
    if cx.cloud() {
        v["groupId"] = json!(g.group_id);
    }
    v
}

fn full_user(cx: &Cx, st: &State, u: usize) -> Value {
    let mut v = render::user(cx, st, u);
    if cx.cloud() {
        v["locale"] = json!("en_US");
    }
    if cx.q("expand").is_some_and(|e| e.contains("groups")) {
        let gs: Vec<Value> = st
            .groups
            .iter()
            .filter(|g| g.members.contains(&u))
            .map(|g| group_ref(cx, g))
            .collect();
        v["groups"] = json!({"size": gs.len(), "items": gs});
        v["applicationRoles"] =
            json!({"size": 1, "items": [{"key": "jira-software", "name": "Jira Software"}]});
    }
    v["expand"] = json!("groups,applicationRoles");
    v
}

/// `GET /myself`.
pub fn myself(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    ok(full_user(cx, &st, cx.user))
}

/// Finds the user a `/user` style query names (`username`/`key` on DC, `accountId` on Cloud).
fn target(cx: &Cx, st: &State) -> Result<usize, Reply> {
    if cx.cloud() {
        if cx.q("username").is_some() || cx.q("key").is_some() {
            return Err(error(400, GDPR));
        }
        let id = cx
            .q("accountId")
            .ok_or_else(|| error(400, "The accountId query parameter needs to be provided."))?;
        st.users
            .iter()
            .position(|u| !u.deleted && u.account_id == id)
            .ok_or_else(|| user_404(cx, id))
    } else {
        if let Some(n) = cx.q("username") {
            return st
                .users
                .iter()
                .position(|u| !u.deleted && u.name.eq_ignore_ascii_case(n))
                .ok_or_else(|| user_404(cx, n));
        }
        if let Some(k) = cx.q("key") {
            return st
                .users
                .iter()
                .position(|u| !u.deleted && u.key == k)
                .ok_or_else(|| error(404, &format!("The user with the key '{k}' does not exist")));
        }
        Err(error(
            400,
            "Either the 'username' or the 'key' query parameters need to be provided",
        ))
    }
}

/// `GET /user`.
pub fn user(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let u = target(cx, &st)?;
    ok(full_user(cx, &st, u))
}

/// `POST /user`.
pub fn create_user(cx: &Cx) -> Res {
    let b = cx.json()?;
    let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_string);
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, USERS_403)?;
    let email = s("emailAddress").unwrap_or_default();
    if email.is_empty() {
        return Err(field_error(
            400,
            "emailAddress",
            "You must specify an email address.",
        ));
    }
    let name = if cx.cloud() {
        email.split('@').next().unwrap_or("user").to_string()
    } else {
        s("name")
            .filter(|n| !n.is_empty())
            .ok_or_else(|| field_error(400, "username", "You must specify a username."))?
    };
    if st.users.iter().any(|u| {
        !u.deleted
            && (u.name.eq_ignore_ascii_case(&name) && !cx.cloud()
                || u.email.eq_ignore_ascii_case(&email) && cx.cloud())
    }) {
        return Err(field_error(
            400,
            "username",
            "A user with that username already exists.",
        ));
    }
    let n = st.users.len();
    let account_id = format!("5b10{:020x}", 0xabc0_0000_u64 + n as u64);
    st.users.push(User {
        name: name.clone(),
        key: format!("JIRAUSER{}", ID_BASE + n as u64),
        account_id,
        display: s("displayName").unwrap_or_else(|| name.clone()),
        email,
        active: true,
        tz: "UTC".into(),
        password: s("password").unwrap_or_default(),
        api_token: String::new(),
        pat: String::new(),
        deleted: false,
    });
    if let Some(g) = st.group("jira-software-users") {
        st.groups[g].members.push(n);
    }
    Ok(Reply::json(201, render::user(cx, &st, n)))
}

/// `PUT /user?username=` (DC) / `?accountId=` (Cloud).
pub fn edit_user(cx: &Cx) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, USERS_403)?;
    let u = target(cx, &st)?;
    let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_string);
    if let Some(n) = s("name").filter(|_| !cx.cloud()) {
        if st
            .users
            .iter()
            .enumerate()
            .any(|(i, x)| i != u && !x.deleted && x.name.eq_ignore_ascii_case(&n))
        {
            return Err(field_error(
                400,
                "username",
                "A user with that username already exists.",
            ));
        }
        st.users[u].name = n;
    }
    if let Some(d) = s("displayName") {
        st.users[u].display = d;
    }
    if let Some(e) = s("emailAddress") {
        st.users[u].email = e;
    }
    if let Some(a) = b.get("active").and_then(Value::as_bool) {
        st.users[u].active = a;
    }
    ok(render::user(cx, &st, u))
}

/// `DELETE /user?username=` (DC) / `?accountId=` (Cloud).
pub fn delete_user(cx: &Cx) -> Res {
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, USERS_403)?;
    let u = target(cx, &st)?;
    if u == cx.user {
        return Err(error(
            400,
            "You cannot delete the currently logged in user.",
        ));
    }
    st.users[u].deleted = true;
    st.users[u].active = false;
    for g in &mut st.groups {
        g.members.retain(|m| *m != u);
    }
    Ok(Reply::empty(204))
}

fn user_matches(u: &User, q: &str) -> bool {
    let q = q.to_lowercase();
    q.is_empty()
        || q == "."
        || u.name.to_lowercase().starts_with(&q)
        || u.email.to_lowercase().starts_with(&q)
        || u.display
            .to_lowercase()
            .split(' ')
            .any(|w| w.starts_with(&q))
        || u.display.to_lowercase().starts_with(&q)
}

/// `GET /user/search` and `GET /user/assignable/search` (bare arrays).
pub fn search(cx: &Cx, assignable: bool) -> Res {
    let q = if cx.cloud() {
        if cx.q("username").is_some() {
            return Err(error(400, GDPR));
        }
        cx.q("query").or(cx.q("accountId"))
    } else {
        cx.q("username").or(cx.q("query"))
    };
    if q.is_none() && !assignable && !cx.cloud() {
        return Err(error(400, "The username query parameter was not provided"));
    }
    let q = q.unwrap_or("");
    let st = cx.sim.state.read();
    if assignable {
        if let Some(p) = cx.q("project")
            && st.project(p).is_none()
        {
            return Err(error(
                404,
                &format!("No project could be found with key '{p}'."),
            ));
        }
        if let Some(k) = cx.q("issueKey")
            && st.issue(k).is_none()
        {
            return Err(super::issue_404(cx));
        }
    }
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 50)?.min(1000);
    let inactive = cx.q_bool("includeInactive", false) && !assignable;
    let list: Vec<Value> = st
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            !u.deleted
                && (u.active || inactive)
                && (user_matches(u, q) || (cx.cloud() && u.account_id == q))
        })
        .skip(start)
        .take(max)
        .map(|(i, _)| render::user(cx, &st, i))
        .collect();
    ok(Value::Array(list))
}

/// `GET /user/picker?query=`.
pub fn picker(cx: &Cx) -> Res {
    let q = cx.q("query").unwrap_or("");
    let st = cx.sim.state.read();
    let max = cx.q_num("maxResults", 50)?;
    let all: Vec<usize> = st
        .users
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.deleted && u.active && user_matches(u, q))
        .map(|(i, _)| i)
        .collect();
    let users: Vec<Value> = all.iter().take(max).map(|i| {
        let u = &st.users[*i];
        let mut v = json!({"displayName": u.display, "html": format!("{} - {}", u.display, u.email), "avatarUrl": format!("{}/secure/useravatar?size=small&avatarId=10122", cx.sim.base_url)});
        if cx.cloud() {
            v["accountId"] = json!(u.account_id);
        } else {
            v["name"] = json!(u.name);
            v["key"] = json!(u.key);
        }
        v
    }).collect();
    ok(
        json!({"users": users, "total": all.len(), "header": format!("Showing {} of {} matching users", users.len(), all.len())}),
    )
}

/// `GET /user/groups`.
pub fn user_groups(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let u = target(cx, &st)?;
    ok(Value::Array(
        st.groups
            .iter()
            .filter(|g| g.members.contains(&u))
            .map(|g| group_ref(cx, g))
            .collect(),
    ))
}

fn group_404(name: &str) -> Reply {
    error(404, &format!("Specified group does not exist: {name}"))
}

fn named_group(cx: &Cx, st: &State) -> Result<usize, Reply> {
    let name = cx
        .q("groupname")
        .or(cx.q("groupName"))
        .or(cx.q("groupId"))
        .ok_or_else(|| error(400, "You must specify a group name or group id."))?;
    st.group(name).ok_or_else(|| group_404(name))
}

fn group_json(cx: &Cx, g: &Group) -> Value {
    let mut v = group_ref(cx, g);
    v["users"] = json!({"size": g.members.len(), "items": [], "max-results": 50, "start-index": 0, "end-index": 0});
    v["expand"] = json!("users");
    v
}

/// `GET /group?groupname=`.
pub fn group(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let g = named_group(cx, &st)?;
    ok(group_json(cx, &st.groups[g]))
}

/// `POST /group`.
pub fn create_group(cx: &Cx) -> Res {
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
            "name",
            "You must specify a valid group name.",
        ));
    }
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, GROUPS_403)?;
    if st.group(&name).is_some() {
        return Err(error(400, "A group or user with this name already exists."));
    }
    let n = st.groups.len();
    st.groups.push(Group {
        name,
        group_id: format!("00000000-0000-4000-8000-{:012x}", n + 1000),
        members: Vec::new(),
    });
    Ok(Reply::json(201, group_json(cx, &st.groups[n])))
}

/// `DELETE /group?groupname=`.
pub fn delete_group(cx: &Cx) -> Res {
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, GROUPS_403)?;
    let g = named_group(cx, &st)?;
    let name = st.groups[g].name.clone();
    st.groups.remove(g);
    for f in &mut st.filters {
        f.shares
            .retain(|s| s.group.as_deref() != Some(name.as_str()));
    }
    Ok(Reply::empty(200))
}

/// `GET /group/member?groupname=` (paged users).
pub fn members(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    admin_only(
        cx,
        &st,
        "You do not have permission to view the members of groups.",
    )?;
    let g = named_group(cx, &st)?;
    let start = cx.q_num("startAt", 0)?;
    let max = cx
        .q_num("maxResults", 50)?
        .clamp(1, if cx.cloud() { 50 } else { 1000 });
    let inactive = cx.q_bool("includeInactiveUsers", false);
    let all: Vec<usize> = st.groups[g]
        .members
        .iter()
        .copied()
        .filter(|u| inactive || st.users[*u].active)
        .collect();
    let values: Vec<Value> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|u| render::user(cx, &st, *u))
        .collect();
    let last = start + values.len() >= all.len();
    let gname = render::encode(&st.groups[g].name);
    let mut v = json!({
        "self": format!("{}/group/member?groupname={gname}&includeInactiveUsers={inactive}&startAt={start}&maxResults={max}", cx.api()),
        "maxResults": max, "startAt": start, "total": all.len(), "isLast": last, "values": values,
    });
    if !last {
        v["nextPage"] = json!(format!(
            "{}/group/member?groupname={gname}&includeInactiveUsers={inactive}&startAt={}&maxResults={max}",
            cx.api(),
            start + max
        ));
    }
    ok(v)
}

/// `GET /group/bulk` (Cloud).
pub fn group_bulk(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let names: Vec<&str> = cx
        .query
        .iter()
        .filter(|(k, _)| k == "groupName" || k == "groupId")
        .map(|(_, v)| v.as_str())
        .collect();
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 50)?;
    let all: Vec<&Group> = st
        .groups
        .iter()
        .filter(|g| {
            names.is_empty()
                || names
                    .iter()
                    .any(|n| g.name.eq_ignore_ascii_case(n) || g.group_id == *n)
        })
        .collect();
    let values: Vec<Value> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|g| json!({"name": g.name, "groupId": g.group_id}))
        .collect();
    let last = start + values.len() >= all.len();
    ok(
        json!({"self": format!("{}/group/bulk", cx.api()), "maxResults": max, "startAt": start, "total": all.len(), "isLast": last, "values": values}),
    )
}

fn member_arg(cx: &Cx, st: &State, b: &Value) -> Result<usize, Reply> {
    let who = if cx.cloud() {
        b.get("accountId")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or(cx.q("accountId").map(str::to_string))
    } else {
        b.get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or(cx.q("username").map(str::to_string))
    };
    let who = who.ok_or_else(|| {
        error(
            400,
            if cx.cloud() {
                "accountId must be specified"
            } else {
                "Username must be specified"
            },
        )
    })?;
    st.users
        .iter()
        .position(|u| {
            !u.deleted
                && if cx.cloud() {
                    u.account_id == who
                } else {
                    u.name.eq_ignore_ascii_case(&who)
                }
        })
        .ok_or_else(|| user_404(cx, &who))
}

/// `POST /group/user?groupname=` with `{"name"}` (DC) / `{"accountId"}` (Cloud).
pub fn add_member(cx: &Cx) -> Res {
    let b = cx.json()?;
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, GROUPS_403)?;
    let g = named_group(cx, &st)?;
    let u = member_arg(cx, &st, &b)?;
    if st.groups[g].members.contains(&u) {
        let who = if cx.cloud() {
            st.users[u].account_id.clone()
        } else {
            st.users[u].name.clone()
        };
        return Err(error(
            400,
            &format!(
                "Cannot add user. '{who}' is already a member of '{}'",
                st.groups[g].name
            ),
        ));
    }
    st.groups[g].members.push(u);
    Ok(Reply::json(201, group_json(cx, &st.groups[g])))
}

/// `DELETE /group/user?groupname=&username=` (DC) / `&accountId=` (Cloud).
pub fn remove_member(cx: &Cx) -> Res {
    if cx.cloud() && cx.q("username").is_some() {
        return Err(error(400, GDPR));
    }
    let mut st = cx.sim.state.write();
    admin_only(cx, &st, GROUPS_403)?;
    let g = named_group(cx, &st)?;
    let u = member_arg(cx, &st, &Value::Null)?;
    if !st.groups[g].members.contains(&u) {
        return Err(error(400, "User is not a member of the group."));
    }
    st.groups[g].members.retain(|m| *m != u);
    Ok(Reply::empty(200))
}

/// `GET /groups/picker?query=`.
pub fn groups_picker(cx: &Cx) -> Res {
    let q = cx.q("query").unwrap_or("").to_lowercase();
    let max = cx.q_num("maxResults", 20)?;
    let st = cx.sim.state.read();
    let all: Vec<&Group> = st
        .groups
        .iter()
        .filter(|g| g.name.to_lowercase().contains(&q))
        .collect();
    let groups: Vec<Value> = all
        .iter()
        .take(max)
        .map(|g| {
            let html = render::highlight(&g.name, &q);
            let mut v = json!({"name": g.name, "html": html, "labels": []});
            if cx.cloud() {
                v["groupId"] = json!(g.group_id);
            }
            v
        })
        .collect();
    ok(
        json!({"header": format!("Showing {} of {} matching groups", groups.len(), all.len()), "total": all.len(), "groups": groups}),
    )
}
