//! Issues: get, create, edit (`fields` and `update` verbs), delete, assignee, transitions,
//! editmeta, changelog and both createmeta forms. Field writes are validated on a copy and
//! committed only when every field is accepted, recording changelog history.

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use super::render::{self, Expand, FieldSel};
use super::{Cx, Reply, Res, error, field_error, issue_404, no_content, ok};
use crate::flavor::{fmt_date, plain, text_in};
use crate::seed::{CF_EPIC_LINK, CF_STORY_POINTS, CF_TEAM, TEAM_OPTIONS};
use crate::state::*;

/// `GET /issue/{k}`.
pub fn get(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let fields: Vec<&str> = cx
        .query
        .iter()
        .filter(|(a, _)| a == "fields")
        .map(|(_, v)| v.as_str())
        .collect();
    let sel = FieldSel::parse(fields.into_iter(), true);
    let ex = Expand::parse(
        cx.query
            .iter()
            .filter(|(a, _)| a == "expand")
            .map(|(_, v)| v.as_str()),
    );
    ok(render::issue(cx, &st, i, &sel, &ex))
}

type FieldErrors = Map<String, Value>;

fn cannot_set(id: &str) -> String {
    format!("Field '{id}' cannot be set. It is not on the appropriate screen, or unknown.")
}

/// Resolves a user reference (`{"name"}`/`{"key"}` on DC, `{"accountId"}`/`{"id"}` on Cloud,
/// `"-1"` = project default, `null` = nobody).
pub fn user_ref(cx: &Cx, st: &State, v: &Value, project: usize) -> Result<Option<usize>, String> {
    let s = match v {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        Value::Object(o) => {
            let keys: &[&str] = if cx.cloud() {
                &["accountId", "id"]
            } else {
                &["name", "key"]
            };
            match keys.iter().find_map(|k| o.get(*k)) {
                None | Some(Value::Null) => return Ok(None),
                Some(Value::String(s)) => s.clone(),
                _ => {
                    return Err("Specify the user by ".to_string()
                        + if cx.cloud() { "accountId" } else { "name" });
                }
            }
        }
        _ => return Err("Invalid user value".into()),
    };
    if s == "-1" {
        return Ok(Some(st.projects[project].lead));
    }
    let found = st.users.iter().position(|u| {
        !u.deleted
            && if cx.cloud() {
                u.account_id == s
            } else {
                u.name.eq_ignore_ascii_case(&s) || u.key == s
            }
    });
    match found {
        Some(u) if st.users[u].active => Ok(Some(u)),
        // An inactive user has no Assignable User permission.
        Some(_) => Err(format!("User '{s}' cannot be assigned issues.")),
        None => Err(format!("User '{s}' does not exist.")),
    }
}

fn by_id_or_name<T>(
    list: &[T],
    v: &Value,
    id: impl Fn(&T) -> String,
    name: impl Fn(&T) -> &str,
) -> Option<usize> {
    let o = v.as_object()?;
    if let Some(x) = o.get("id") {
        let x = x
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| x.to_string());
        return list.iter().position(|t| id(t) == x);
    }
    let n = o.get("name").or_else(|| o.get("value"))?.as_str()?;
    list.iter().position(|t| name(t).eq_ignore_ascii_case(n))
}

/// A (raw, display) rendering of a field for changelog items.
fn snapshot(st: &State, i: &Issue, id: &str) -> (Option<String>, Option<String>) {
    let names = |ids: &[u64], f: &dyn Fn(u64) -> Option<String>| {
        let v: Vec<String> = ids.iter().filter_map(|x| f(*x)).collect();
        if v.is_empty() {
            (None, None)
        } else {
            (
                Some(ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")),
                Some(v.join(", ")),
            )
        }
    };
    match id {
        "summary" => (None, Some(i.summary.clone())),
        "description" => (None, i.description.as_ref().map(plain)),
        "environment" => (None, i.environment.as_ref().map(plain)),
        "priority" => i
            .priority
            .map(|p| {
                (
                    Some(st.priorities[p].id.clone()),
                    Some(st.priorities[p].name.clone()),
                )
            })
            .unwrap_or_default(),
        "issuetype" => (
            Some(st.issuetypes[i.issuetype].id.clone()),
            Some(st.issuetypes[i.issuetype].name.clone()),
        ),
        "assignee" | "reporter" => {
            let u = if id == "assignee" {
                i.assignee
            } else {
                i.reporter
            };
            u.map(|u| {
                (
                    Some(st.users[u].name.clone()),
                    Some(st.users[u].display.clone()),
                )
            })
            .unwrap_or_default()
        }
        "labels" => (None, (!i.labels.is_empty()).then(|| i.labels.join(" "))),
        "components" => names(&i.components, &|c| st.component(c).map(|c| c.name.clone())),
        "fixVersions" => names(&i.fix_versions, &|v| st.version(v).map(|v| v.name.clone())),
        "versions" => names(&i.versions, &|v| st.version(v).map(|v| v.name.clone())),
        "duedate" => (i.due.map(fmt_date), i.due.map(fmt_date)),
        "resolution" => i
            .resolution
            .map(|r| {
                (
                    Some(st.resolutions[r].id.clone()),
                    Some(st.resolutions[r].name.clone()),
                )
            })
            .unwrap_or_default(),
        "status" => (
            Some(st.statuses[i.status].id.clone()),
            Some(st.statuses[i.status].name.clone()),
        ),
        other => (
            None,
            i.custom(other)
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)),
        ),
    }
}

fn history_name(id: &str) -> &str {
    match id {
        "fixVersions" => "Fix Version",
        "versions" => "Version",
        "components" => "Component",
        "issuetype" => "issuetype",
        CF_STORY_POINTS => "Story Points",
        CF_TEAM => "Team",
        other => other,
    }
}

fn entity_list(cx: &Cx, st: &State, i: &Issue, id: &str, v: &Value) -> Result<Vec<u64>, String> {
    let pid = st.projects[i.project].id;
    let arr = match v {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    };
    let _ = cx;
    arr.iter()
        .map(|x| {
            let found = if id == "components" {
                st.components
                    .iter()
                    .filter(|c| !c.deleted && c.project_id == pid)
                    .find(|c| ref_matches(x, &c.id.to_string(), &c.name))
                    .map(|c| c.id)
            } else {
                st.versions
                    .iter()
                    .filter(|v| !v.deleted && v.project_id == pid)
                    .find(|v| ref_matches(x, &v.id.to_string(), &v.name))
                    .map(|v| v.id)
            };
            found.ok_or_else(|| {
                let n = x
                    .get("name")
                    .or_else(|| x.get("id"))
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .unwrap_or_default();
                if id == "components" {
                    format!("Component name '{n}' is not valid")
                } else {
                    format!("Version name '{n}' is not valid")
                }
            })
        })
        .collect()
}

fn ref_matches(x: &Value, id: &str, name: &str) -> bool {
    match x {
        Value::String(s) => s == id || s.eq_ignore_ascii_case(name),
        Value::Object(o) => {
            o.get("id")
                .is_some_and(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string) == id)
                || o.get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
        }
        _ => false,
    }
}

/// Applies one operation (`set`, `add`, `remove`) on one field of an issue copy.
pub fn apply(
    cx: &Cx,
    st: &State,
    i: &mut Issue,
    id: &str,
    op: &str,
    v: &Value,
) -> Result<(), String> {
    let def = render::field_def(cx.cloud(), id)
        .filter(|d| d.editable && d.id != "project" && d.id != "parent");
    let Some(def) = def else {
        if id == "resolution" {
            return set_resolution(st, i, v);
        }
        return Err(cannot_set(id));
    };
    let id = def.id;
    if op != "set" && def.ty != "array" {
        return Err(format!("Field '{id}' does not support operation '{op}'"));
    }
    match id {
        "summary" => match v.as_str() {
            Some(s) if !s.trim().is_empty() => i.summary = s.to_string(),
            _ => return Err("You must specify a summary of the issue.".into()),
        },
        "description" | "environment" => {
            let t = text_in(v, cx.adf()).map_err(str::to_string)?;
            if id == "description" {
                i.description = t
            } else {
                i.environment = t
            }
        }
        "priority" => {
            if v.is_null() {
                i.priority = None;
            } else {
                i.priority = Some(
                    by_id_or_name(&st.priorities, v, |p| p.id.clone(), |p| &p.name)
                        .ok_or("The priority selected is invalid.")?,
                );
            }
        }
        "issuetype" => {
            let t = by_id_or_name(&st.issuetypes, v, |t| t.id.clone(), |t| &t.name)
                .ok_or("The issue type selected is invalid.")?;
            if st.issuetypes[t].subtask != st.issuetypes[i.issuetype].subtask {
                return Err(
                    "Issue type cannot be changed between standard and sub-task types here.".into(),
                );
            }
            i.issuetype = t;
        }
        "assignee" => i.assignee = user_ref(cx, st, v, i.project)?,
        "reporter" => i.reporter = user_ref(cx, st, v, i.project)?,
        "labels" => {
            let items: Vec<String> = match v {
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                Value::String(s) => vec![s.clone()],
                Value::Null => Vec::new(),
                _ => return Err("The label must be a string.".into()),
            };
            if items.iter().any(|l| l.contains(' ')) {
                return Err("The label 'x' contains spaces which is invalid.".replace(
                    'x',
                    items.iter().find(|l| l.contains(' ')).map_or("", |s| s),
                ));
            }
            match op {
                "add" => items.into_iter().for_each(|l| {
                    if !i.labels.contains(&l) {
                        i.labels.push(l)
                    }
                }),
                "remove" => i.labels.retain(|l| !items.contains(l)),
                _ => i.labels = items,
            }
        }
        "components" | "fixVersions" | "versions" => {
            let ids = entity_list(cx, st, i, id, v)?;
            let list = match id {
                "components" => &mut i.components,
                "fixVersions" => &mut i.fix_versions,
                _ => &mut i.versions,
            };
            match op {
                "add" => ids.into_iter().for_each(|x| {
                    if !list.contains(&x) {
                        list.push(x)
                    }
                }),
                "remove" => list.retain(|x| !ids.contains(x)),
                _ => *list = ids,
            }
        }
        "duedate" => {
            i.due = match v {
                Value::Null => None,
                Value::String(s) if s.is_empty() => None,
                Value::String(s) => Some(
                    s.get(..10)
                        .unwrap_or(s)
                        .parse()
                        .map_err(|_| "Error parsing date string: ".to_string() + s)?,
                ),
                _ => return Err("Error parsing date string".into()),
            }
        }
        CF_STORY_POINTS => match v {
            Value::Null => i.set_custom(id, Value::Null),
            Value::Number(n) => i.set_custom(id, json!(n.as_f64().unwrap_or(0.0))),
            Value::String(s) => i.set_custom(
                id,
                json!(
                    s.parse::<f64>()
                        .map_err(|_| format!("'{s}' is an invalid number"))?
                ),
            ),
            _ => return Err("Operation value must be a number".into()),
        },
        CF_TEAM => {
            if v.is_null() {
                i.set_custom(id, Value::Null);
            } else {
                let want_id = v.get("id").and_then(Value::as_str);
                let want_val = v.get("value").and_then(Value::as_str).or(v.as_str());
                let opt = TEAM_OPTIONS.iter().find(|(oid, val)| {
                    Some(*oid) == want_id || want_val.is_some_and(|w| w.eq_ignore_ascii_case(val))
                });
                let (oid, val) = opt.ok_or_else(|| {
                    format!(
                        "Option value '{}' is not valid",
                        want_val.or(want_id).unwrap_or("")
                    )
                })?;
                i.set_custom(id, json!({"self": format!("{}/customFieldOption/{oid}", cx.api()), "value": val, "id": oid}));
            }
        }
        CF_EPIC_LINK => match v {
            Value::Null => i.set_custom(id, Value::Null),
            Value::String(k) => {
                let e = st
                    .issue(k)
                    .filter(|e| st.issuetypes[e.issuetype].name == "Epic")
                    .ok_or_else(|| format!("Epic '{k}' does not exist."))?;
                i.set_custom(id, json!(e.key));
            }
            _ => return Err("Epic Link must be an issue key".into()),
        },
        _ => return Err(cannot_set(id)),
    }
    Ok(())
}

fn set_resolution(st: &State, i: &mut Issue, v: &Value) -> Result<(), String> {
    if v.is_null() {
        i.resolution = None;
        return Ok(());
    }
    i.resolution = Some(
        by_id_or_name(&st.resolutions, v, |r| r.id.clone(), |r| &r.name)
            .ok_or("The resolution selected is invalid.")?,
    );
    Ok(())
}

/// Applies `fields` and `update` to a copy; returns the changed field ids or the field errors.
fn apply_all(
    cx: &Cx,
    st: &State,
    i: &mut Issue,
    body: &Value,
    skip: &[&str],
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Some(fields) = body.get("fields").and_then(Value::as_object) {
        for (k, v) in fields {
            if skip.contains(&k.as_str()) {
                continue;
            }
            if let Err(e) = apply(cx, st, i, k, "set", v) {
                errors.insert(k.clone(), json!(e));
            }
        }
    }
    if let Some(update) = body.get("update").and_then(Value::as_object) {
        for (k, ops) in update {
            if skip.contains(&k.as_str()) || k == "comment" || k == "worklog" {
                continue;
            }
            if body.get("fields").and_then(|f| f.get(k)).is_some() {
                errors.insert(
                    k.clone(),
                    json!(format!(
                        "Field '{k}' cannot be set in both 'fields' and 'update'."
                    )),
                );
                continue;
            }
            match operations(k, ops) {
                Ok(list) => {
                    for (verb, v) in list {
                        if let Err(e) = apply(cx, st, i, k, verb, v) {
                            errors.insert(k.clone(), json!(e));
                        }
                    }
                }
                Err(e) => {
                    errors.insert(k.clone(), json!(e));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The `(verb, value)` pairs of one field's `update` list (`[{"add": "x"}, {"remove": "y"}]`);
/// anything else is an error, as Jira cannot bind it.
fn operations<'v>(field: &str, ops: &'v Value) -> Result<Vec<(&'v str, &'v Value)>, String> {
    let bad = || {
        format!(
            "The update operations for field '{field}' must be a list of objects like [{{\"set\": …}}]."
        )
    };
    let list = ops.as_array().ok_or_else(bad)?;
    let mut out = Vec::new();
    for op in list {
        let o = op.as_object().ok_or_else(bad)?;
        out.extend(o.iter().map(|(k, v)| (k.as_str(), v)));
    }
    Ok(out)
}

fn record(
    st: &State,
    before: &Issue,
    after: &mut Issue,
    author: usize,
    at: Timestamp,
    next_id: u64,
) -> bool {
    let mut items = Vec::new();
    let ids = [
        "summary",
        "description",
        "environment",
        "priority",
        "issuetype",
        "assignee",
        "reporter",
        "labels",
        "components",
        "fixVersions",
        "versions",
        "duedate",
        "resolution",
        "status",
        CF_STORY_POINTS,
        CF_TEAM,
        CF_EPIC_LINK,
    ];
    for id in ids {
        let a = snapshot(st, before, id);
        let b = snapshot(st, after, id);
        if a != b {
            items.push(ChangeItem {
                field: history_name(id).into(),
                from: a.0,
                from_string: a.1,
                to: b.0,
                to_string: b.1,
            });
        }
    }
    if items.is_empty() {
        return false;
    }
    after.history.push(History {
        id: next_id,
        author,
        created: at,
        items,
    });
    after.updated = at;
    true
}

fn errors_reply(errors: FieldErrors) -> Reply {
    Reply::json(400, json!({"errorMessages": [], "errors": errors}))
}

/// `POST /issue`.
pub fn create(cx: &Cx) -> Res {
    let body = cx.json()?;
    if !body.is_object() {
        return Err(error(
            400,
            "Can not deserialize instance of com.atlassian.jira.rest.v2.issue.IssueUpdateBean out of START_ARRAY token",
        ));
    }
    let empty = Map::new();
    let fields = body
        .get("fields")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let mut st = cx.sim.state.write();
    let mut errors = FieldErrors::new();
    let project = match fields.get("project") {
        None => {
            errors.insert("project".into(), json!("project is required"));
            None
        }
        Some(p) => {
            let s = p
                .get("key")
                .or_else(|| p.get("id"))
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .unwrap_or_default();
            let found = st.project(&s);
            if found.is_none() {
                errors.insert(
                    "project".into(),
                    json!(format!("Specify a valid project ID or key")),
                );
            }
            found
        }
    };
    let itype = match fields.get("issuetype") {
        None => {
            let msg = if cx.cloud() {
                "Specify an issue type"
            } else {
                "issue type is required"
            };
            errors.insert("issuetype".into(), json!(msg));
            None
        }
        Some(v) => {
            let t = by_id_or_name(&st.issuetypes, v, |t| t.id.clone(), |t| &t.name);
            if t.is_none() {
                let msg = if cx.cloud() {
                    "The issue type selected is invalid."
                } else {
                    "valid issue type is required"
                };
                errors.insert("issuetype".into(), json!(msg));
            }
            t
        }
    };
    if fields
        .get("summary")
        .and_then(Value::as_str)
        .is_none_or(|s| s.trim().is_empty())
    {
        errors.insert(
            "summary".into(),
            json!("You must specify a summary of the issue."),
        );
    }
    let (Some(pi), Some(ti)) = (project, itype) else {
        return Err(errors_reply(errors));
    };
    let subtask = st.issuetypes[ti].subtask;
    let parent = match (subtask, fields.get("parent")) {
        (true, None) => {
            return Err(error(
                400,
                "Issue type is a sub-task but parent issue key or id not specified.",
            ));
        }
        (false, Some(_)) if !cx.cloud() => {
            errors.insert(
                "parent".into(),
                json!("Issue type is not a sub-task but a parent issue key or id was specified."),
            );
            None
        }
        (_, Some(p)) => {
            let k = p
                .get("key")
                .or_else(|| p.get("id"))
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .unwrap_or_default();
            match st.issue(&k) {
                Some(pi) if !st.issuetypes[pi.issuetype].subtask => Some(pi.id),
                _ => {
                    errors.insert(
                        "parent".into(),
                        json!(format!("Could not find issue by id or key.")),
                    );
                    None
                }
            }
        }
        (false, None) => None,
    };
    let now = cx.sim.now();
    let id = ID_BASE + st.issues.len() as u64;
    let num = st.projects[pi].next_num;
    let key = format!("{}-{num}", st.projects[pi].key);
    let mut issue = Issue {
        id,
        key: key.clone(),
        project: pi,
        issuetype: ti,
        status: 0,
        priority: Some(2),
        resolution: None,
        resolved: None,
        assignee: None,
        reporter: Some(cx.user),
        creator: cx.user,
        summary: String::new(),
        description: None,
        environment: None,
        labels: Vec::new(),
        components: Vec::new(),
        fix_versions: Vec::new(),
        versions: Vec::new(),
        created: now,
        updated: now,
        due: None,
        parent,
        subtasks: Vec::new(),
        custom: Vec::new(),
        comments: Vec::new(),
        worklogs: Vec::new(),
        attachments: Vec::new(),
        links: Vec::new(),
        remote_links: Vec::new(),
        watchers: vec![cx.user],
        history: Vec::new(),
    };
    if let Err(e) = apply_all(
        cx,
        &st,
        &mut issue,
        &body,
        &["project", "issuetype", "parent"],
    ) {
        errors.extend(e);
    }
    if !errors.is_empty() {
        return Err(errors_reply(errors));
    }
    st.projects[pi].next_num += 1;
    if let Some(p) = parent
        && let Some(pidx) = st.issue_index(&p.to_string())
        && let Some(pi) = st.issue_mut(pidx)
    {
        pi.subtasks.push(id);
    }
    st.keys.insert(key.clone(), id);
    st.issues.push(Some(issue));
    let mut reply =
        json!({"id": id.to_string(), "key": key, "self": format!("{}/issue/{id}", cx.api())});
    drop(st);
    if let Some(t) = body.get("transition").and_then(|t| t.get("id")) {
        let tb = json!({"transition": {"id": t}});
        let r = transition_apply(cx, &key, &tb);
        if cx.cloud() {
            reply["transition"] = json!({"status": if r.is_ok() { 200 } else { 400 }, "errorCollection": {"errorMessages": [], "errors": {}}});
        }
    }
    Ok(Reply::json(201, reply))
}

/// `PUT /issue/{k}`.
pub fn edit(cx: &Cx, k: &str) -> Res {
    let body = cx.json()?;
    if !body.is_object() {
        return Err(error(
            400,
            "No content to map to Object due to end of input",
        ));
    }
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let before = st.issues[idx].clone().ok_or_else(|| issue_404(cx))?;
    let mut after = before.clone();
    if let Some(f) = body.get("fields").and_then(Value::as_object)
        && f.contains_key("project")
    {
        return Err(field_error(400, "project", &cannot_set("project")));
    }
    apply_all(cx, &st, &mut after, &body, &[]).map_err(errors_reply)?;
    let comments = body.get("update").and_then(|u| u.get("comment")).cloned();
    let hid = st.alloc_id();
    record(&st, &before, &mut after, cx.user, cx.sim.now(), hid);
    st.issues[idx] = Some(after);
    if let Some(ops) = comments {
        for op in ops.as_array().into_iter().flatten() {
            if let Some(add) = op.get("add") {
                super::sub::insert_comment(cx, &mut st, idx, add)?;
            }
        }
    }
    if cx.cloud() && cx.q_bool("returnIssue", false) {
        let i = st.issues[idx].as_ref().ok_or_else(|| issue_404(cx))?;
        return ok(render::issue(
            cx,
            &st,
            i,
            &FieldSel::parse(std::iter::empty(), true),
            &Expand::default(),
        ));
    }
    no_content()
}

/// `DELETE /issue/{k}`.
pub fn delete(cx: &Cx, k: &str) -> Res {
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let i = st.issues[idx].clone().ok_or_else(|| issue_404(cx))?;
    // The default permission scheme grants Delete Issues to project administrators.
    if !st.is_project_admin(cx.user, i.project) {
        return Err(error(
            403,
            "You do not have permission to delete issues in this project.",
        ));
    }
    if !i.subtasks.is_empty() && !cx.q_bool("deleteSubtasks", false) {
        return Err(error(
            400,
            &format!(
                "The issue '{}' has subtasks.  You must specify the 'deleteSubtasks' parameter to delete this issue and all its subtasks.",
                i.key
            ),
        ));
    }
    let mut doomed = vec![i.id];
    doomed.extend(&i.subtasks);
    for id in doomed {
        let Some(x) = st.issue_by_id(id).cloned() else {
            continue;
        };
        for l in &x.links {
            let idx = (*l - ID_BASE) as usize;
            if let Some(Some(link)) = st.links.get(idx).cloned() {
                st.links[idx] = None;
                let other = if link.inward == id {
                    link.outward
                } else {
                    link.inward
                };
                if let Some(oi) = st.issue_index(&other.to_string())
                    && let Some(o) = st.issue_mut(oi)
                {
                    o.links.retain(|x| x != l);
                }
            }
        }
        for a in &x.attachments {
            if let Some(slot) = st.attachments.get_mut((*a - ID_BASE) as usize) {
                *slot = None;
            }
        }
        if let Some(p) = x.parent
            && let Some(pidx) = st.issue_index(&p.to_string())
            && let Some(pi) = st.issue_mut(pidx)
        {
            pi.subtasks.retain(|s| *s != id);
        }
        st.keys.retain(|_, v| *v != id);
        st.issues[(id - ID_BASE) as usize] = None;
    }
    no_content()
}

/// `PUT /issue/{k}/assignee`.
pub fn assign(cx: &Cx, k: &str) -> Res {
    let body = cx.json()?;
    if !(body.is_object() || body.is_null()) {
        return Err(error(
            400,
            "The assignee must be a user object, e.g. {\"name\": \"bob\"} or {\"accountId\": \"…\"}.",
        ));
    }
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let before = st.issues[idx].clone().ok_or_else(|| issue_404(cx))?;
    let v = if cx.cloud() {
        body.get("accountId")
            .cloned()
            .map(|a| json!({"accountId": a}))
            .unwrap_or(Value::Null)
    } else {
        body.get("name")
            .cloned()
            .map(|a| json!({"name": a}))
            .unwrap_or(Value::Null)
    };
    let v = if v
        .get("accountId")
        .or_else(|| v.get("name"))
        .is_some_and(Value::is_null)
    {
        Value::Null
    } else {
        v
    };
    let mut after = before.clone();
    after.assignee =
        user_ref(cx, &st, &v, before.project).map_err(|e| field_error(400, "assignee", &e))?;
    let hid = st.alloc_id();
    record(&st, &before, &mut after, cx.user, cx.sim.now(), hid);
    st.issues[idx] = Some(after);
    no_content()
}

/// `GET /issue/{k}/transitions`.
pub fn transitions(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let with_fields = cx
        .q("expand")
        .is_some_and(|e| e.contains("transitions.fields"));
    let mut list = render::transitions(cx, &st, i, with_fields);
    if let Some(t) = cx.q("transitionId") {
        list.retain(|x| x["id"] == t);
    }
    ok(json!({"expand": "transitions", "transitions": list}))
}

/// `POST /issue/{k}/transitions`.
pub fn do_transition(cx: &Cx, k: &str) -> Res {
    let body = cx.json()?;
    transition_apply(cx, k, &body)?;
    no_content()
}

fn transition_apply(cx: &Cx, k: &str, body: &Value) -> Result<(), Reply> {
    let tid = body
        .get("transition")
        .and_then(|t| t.get("id"))
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string));
    let Some(tid) = tid else {
        return Err(error(400, "Missing 'transition' identifier"));
    };
    let mut st = cx.sim.state.write();
    let idx = st.issue_index(k).ok_or_else(|| issue_404(cx))?;
    let before = st.issues[idx].clone().ok_or_else(|| issue_404(cx))?;
    let target =
        (0..st.statuses.len()).find(|s| render::transition_id(*s) == tid && *s != before.status);
    let Some(target) = target else {
        return Err(error(
            400,
            &format!("Transition id '{tid}' is not valid for this issue."),
        ));
    };
    let to_done = st.statuses[target].category == 3;
    let mut after = before.clone();
    let mut errors = FieldErrors::new();
    for (k2, v) in body
        .get("fields")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let on_screen = to_done && matches!(k2.as_str(), "resolution" | "assignee");
        let r = if on_screen {
            apply(cx, &st, &mut after, k2, "set", v)
        } else {
            Err(cannot_set(k2))
        };
        if let Err(e) = r {
            errors.insert(k2.clone(), json!(e));
        }
    }
    // `update` operations on fields other than comment/worklog go through the same screen.
    for (k2, ops) in body
        .get("update")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(k2, _)| *k2 != "comment" && *k2 != "worklog")
    {
        let on_screen = to_done && matches!(k2.as_str(), "resolution" | "assignee");
        if !on_screen {
            errors.insert(k2.clone(), json!(cannot_set(k2)));
            continue;
        }
        for (verb, v) in operations(k2, ops).unwrap_or_else(|e| {
            errors.insert(k2.clone(), json!(e));
            Vec::new()
        }) {
            if let Err(e) = apply(cx, &st, &mut after, k2, verb, v) {
                errors.insert(k2.clone(), json!(e));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors_reply(errors));
    }
    let now = cx.sim.now();
    after.status = target;
    if to_done {
        if after.resolution.is_none() {
            after.resolution = Some(0);
        }
        after.resolved = Some(now);
    } else {
        after.resolution = None;
        after.resolved = None;
    }
    let hid = st.alloc_id();
    record(&st, &before, &mut after, cx.user, now, hid);
    st.issues[idx] = Some(after);
    let update = body.get("update");
    for op in update
        .and_then(|u| u.get("comment"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(add) = op.get("add") {
            super::sub::insert_comment(cx, &mut st, idx, add)?;
        }
    }
    for op in update
        .and_then(|u| u.get("worklog"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(add) = op.get("add") {
            super::sub::insert_worklog(cx, &mut st, idx, add)?;
        }
    }
    Ok(())
}

/// `GET /issue/{k}/editmeta`.
pub fn editmeta(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    ok(json!({"fields": render::edit_fields(cx, &st, i)}))
}

/// Cloud's `FieldMetadata` (editmeta, old createmeta) has no `fieldId`; only the per-issue-type
/// createmeta (`FieldCreateMetadata`) has.
fn strip_field_ids(cx: &Cx, fields: &mut Value) {
    if !cx.cloud() {
        return;
    }
    if let Some(m) = fields.as_object_mut() {
        for f in m.values_mut() {
            if let Some(o) = f.as_object_mut() {
                o.remove("fieldId");
            }
        }
    }
}

/// `GET /issue/{k}/changelog` (Cloud, paged).
pub fn changelog(cx: &Cx, k: &str) -> Res {
    let st = cx.sim.state.read();
    let i = st.issue(k).ok_or_else(|| issue_404(cx))?;
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 100)?.min(100);
    let items: Vec<Value> = i
        .history
        .iter()
        .skip(start)
        .take(max)
        .map(|h| render::history(cx, &st, h))
        .collect();
    let total = i.history.len();
    ok(json!({
        "self": format!("{}/issue/{}/changelog?maxResults={max}&startAt={start}", cx.api(), i.key),
        "maxResults": max, "startAt": start, "total": total, "isLast": start + items.len() >= total, "values": items,
    }))
}

fn project_404(k: &str) -> Reply {
    error(404, &format!("No project could be found with key '{k}'."))
}

/// The createmeta issue-type entry.
fn createmeta_type(cx: &Cx, t: &IssueType) -> Value {
    let mut v = render::issuetype(cx, t);
    v["expand"] = json!("fields");
    v
}

fn meta_fields(cx: &Cx, st: &State, pi: usize, ti: usize) -> Map<String, Value> {
    render::create_fields(cx.cloud(), st.issuetypes[ti].subtask)
        .into_iter()
        .map(|(id, req)| {
            (
                id.to_string(),
                render::field_meta(cx, st, id, Some(pi), req),
            )
        })
        .collect()
}

/// `GET /issue/createmeta?projectKeys=…&expand=projects.issuetypes.fields` (old form).
pub fn createmeta_old(cx: &Cx) -> Res {
    let st = cx.sim.state.read();
    let keys: Vec<String> = cx
        .query
        .iter()
        .filter(|(k, _)| k == "projectKeys" || k == "projectIds")
        .flat_map(|(_, v)| v.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let type_names: Vec<String> = cx
        .query
        .iter()
        .filter(|(k, _)| k == "issuetypeNames")
        .flat_map(|(_, v)| v.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let type_ids: Vec<String> = cx
        .query
        .iter()
        .filter(|(k, _)| k == "issuetypeIds")
        .flat_map(|(_, v)| v.split(',').map(str::to_string).collect::<Vec<_>>())
        .collect();
    let with_fields = cx.q("expand").is_some_and(|e| e.contains("fields"));
    let projects: Vec<Value> = (0..st.projects.len())
        .filter(|pi| keys.is_empty() || keys.iter().any(|k| st.project(k) == Some(*pi)))
        .map(|pi| {
            let mut p = render::project_short(cx, &st, pi);
            // Cloud's `ProjectIssueCreateMetadata` has no project type or style.
            if cx.cloud()
                && let Some(o) = p.as_object_mut()
            {
                o.remove("projectTypeKey");
                o.remove("simplified");
            }
            let types: Vec<Value> = st
                .issuetypes
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    (type_names.is_empty()
                        || type_names.iter().any(|n| n.eq_ignore_ascii_case(&t.name)))
                        && (type_ids.is_empty() || type_ids.contains(&t.id))
                })
                .map(|(ti, t)| {
                    let mut v = createmeta_type(cx, t);
                    if with_fields {
                        let mut fields = Value::Object(meta_fields(cx, &st, pi, ti));
                        strip_field_ids(cx, &mut fields);
                        v["fields"] = fields;
                    }
                    v
                })
                .collect();
            p["issuetypes"] = Value::Array(types);
            p
        })
        .collect();
    ok(json!({"expand": "projects", "projects": projects}))
}

fn paged(cx: &Cx, items: Vec<Value>, cloud_key: &str) -> Res {
    let start = cx.q_num("startAt", 0)?;
    let max = cx.q_num("maxResults", 50)?;
    if cx.cloud() && max > 200 {
        return Err(error(
            400,
            "Parameter 'maxResults' must not exceed the limit '200'",
        ));
    }
    let total = items.len();
    let page: Vec<Value> = items.into_iter().skip(start).take(max).collect();
    let last = start + page.len() >= total;
    if cx.cloud() {
        ok(json!({"startAt": start, "maxResults": max, "total": total, cloud_key: page}))
    } else {
        ok(
            json!({"maxResults": max, "startAt": start, "total": total, "isLast": last, "values": page}),
        )
    }
}

/// `GET /issue/createmeta/{p}/issuetypes`.
pub fn createmeta_types(cx: &Cx, p: &str) -> Res {
    let st = cx.sim.state.read();
    st.project(p).ok_or_else(|| project_404(p))?;
    let items = st
        .issuetypes
        .iter()
        .map(|t| createmeta_type(cx, t))
        .collect();
    paged(cx, items, "issueTypes")
}

/// `GET /issue/createmeta/{p}/issuetypes/{id}`.
pub fn createmeta_fields(cx: &Cx, p: &str, t: &str) -> Res {
    let st = cx.sim.state.read();
    let pi = st.project(p).ok_or_else(|| project_404(p))?;
    let ti = st
        .issuetypes
        .iter()
        .position(|x| x.id == t)
        .ok_or_else(|| error(404, &format!("Issue type with id '{t}' does not exist.")))?;
    let items = meta_fields(cx, &st, pi, ti)
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    paged(cx, items, "fields")
}
