//! Search: classic `/search` (DC; 410 on Cloud), Cloud `/search/jql` with `nextPageToken`,
//! `/search/approximate-count`, the issue picker and JQL autocompletion. Issues are exposed
//! to the `jql` module through [`View`], which maps fields to JQL values.

use std::collections::HashMap;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::render::{self, Expand, FieldSel};
use super::{Cx, Res, error, ok};
use crate::flavor::plain;
use crate::jql::{self, EvalContext, JqlChange, JqlIssue, JqlValue};
use crate::seed::{CF_EPIC_LINK, CF_STORY_POINTS, CF_TEAM};
use crate::state::*;

/// An issue as the JQL evaluator sees it.
pub struct View<'a> {
    st: &'a State,
    i: &'a Issue,
    cloud: bool,
}

fn ent(names: Vec<String>, order: i64) -> JqlValue {
    JqlValue::Entity { names, order }
}

impl View<'_> {
    fn user(&self, u: usize) -> JqlValue {
        let x = &self.st.users[u];
        let names = if self.cloud {
            vec![x.account_id.clone(), x.display.clone(), x.email.clone()]
        } else {
            x.names()
        };
        ent(names, u as i64)
    }
}

impl JqlIssue for View<'_> {
    fn key(&self) -> &str {
        &self.i.key
    }
    fn id(&self) -> u64 {
        self.i.id
    }
    fn values(&self, field: &str) -> Vec<JqlValue> {
        let (st, i) = (self.st, self.i);
        let ts = |t: jiff::Timestamp| JqlValue::Date(t);
        match field {
            "project" => {
                let p = &st.projects[i.project];
                vec![ent(
                    vec![p.key.clone(), p.name.clone(), p.id.to_string()],
                    i.project as i64,
                )]
            }
            "key" | "issuekey" | "id" => {
                let num: i64 = i
                    .key
                    .rsplit('-')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                vec![ent(
                    vec![i.key.clone(), i.id.to_string()],
                    i.project as i64 * 1_000_000_000 + num,
                )]
            }
            "issuetype" | "type" => {
                let t = &st.issuetypes[i.issuetype];
                vec![ent(vec![t.name.clone(), t.id.clone()], i.issuetype as i64)]
            }
            "status" => {
                let s = &st.statuses[i.status];
                vec![ent(vec![s.name.clone(), s.id.clone()], i.status as i64)]
            }
            "statuscategory" => {
                let c = st.statuses[i.status].category;
                let (k, n) = match c {
                    2 => ("new", "To Do"),
                    3 => ("done", "Done"),
                    4 => ("indeterminate", "In Progress"),
                    _ => ("undefined", "No Category"),
                };
                vec![ent(vec![n.into(), k.into(), c.to_string()], i64::from(c))]
            }
            "priority" => i
                .priority
                .map(|p| {
                    ent(
                        vec![st.priorities[p].name.clone(), st.priorities[p].id.clone()],
                        10 - p as i64,
                    )
                })
                .into_iter()
                .collect(),
            "resolution" => i
                .resolution
                .map(|r| {
                    ent(
                        vec![st.resolutions[r].name.clone(), st.resolutions[r].id.clone()],
                        r as i64,
                    )
                })
                .into_iter()
                .collect(),
            "assignee" => i.assignee.map(|u| self.user(u)).into_iter().collect(),
            "reporter" => i.reporter.map(|u| self.user(u)).into_iter().collect(),
            "creator" => vec![self.user(i.creator)],
            "watcher" => i.watchers.iter().map(|u| self.user(*u)).collect(),
            "labels" => i.labels.iter().map(|l| JqlValue::Text(l.clone())).collect(),
            "component" => i
                .components
                .iter()
                .filter_map(|c| st.component(*c))
                .map(|c| ent(vec![c.name.clone(), c.id.to_string()], c.id as i64))
                .collect(),
            "fixversion" | "affectedversion" => {
                let ids = if field == "fixversion" {
                    &i.fix_versions
                } else {
                    &i.versions
                };
                ids.iter()
                    .filter_map(|v| st.version(*v))
                    .map(|v| ent(vec![v.name.clone(), v.id.to_string()], v.sequence))
                    .collect()
            }
            "summary" => vec![JqlValue::Text(i.summary.clone())],
            "description" => i
                .description
                .as_ref()
                .map(|t| JqlValue::Text(plain(t)))
                .into_iter()
                .collect(),
            "environment" => i
                .environment
                .as_ref()
                .map(|t| JqlValue::Text(plain(t)))
                .into_iter()
                .collect(),
            "comment" => i
                .comments
                .iter()
                .map(|c| JqlValue::Text(plain(&c.body)))
                .collect(),
            "text" => {
                let mut v = vec![JqlValue::Text(i.summary.clone())];
                v.extend(i.description.as_ref().map(|t| JqlValue::Text(plain(t))));
                v.extend(i.comments.iter().map(|c| JqlValue::Text(plain(&c.body))));
                v
            }
            "created" | "createddate" => vec![ts(i.created)],
            "updated" | "updateddate" => vec![ts(i.updated)],
            "resolved" | "resolutiondate" => i.resolved.map(ts).into_iter().collect(),
            "due" | "duedate" => i.due.map(JqlValue::Day).into_iter().collect(),
            "parent" => i
                .parent
                .and_then(|p| st.issue_by_id(p))
                .map(|p| ent(vec![p.key.clone(), p.id.to_string()], p.id as i64))
                .into_iter()
                .collect(),
            "sprint" => Vec::new(),
            CF_STORY_POINTS => i
                .custom(CF_STORY_POINTS)
                .and_then(Value::as_f64)
                .map(JqlValue::Number)
                .into_iter()
                .collect(),
            CF_TEAM => i
                .custom(CF_TEAM)
                .map(|v| {
                    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                    ent(vec![s("value"), s("id")], 0)
                })
                .into_iter()
                .collect(),
            CF_EPIC_LINK => i
                .custom(CF_EPIC_LINK)
                .and_then(Value::as_str)
                .map(|k| ent(vec![k.to_string()], 0))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }
    fn history(&self) -> Vec<JqlChange> {
        let st = self.st;
        self.i
            .history
            .iter()
            .flat_map(|h| {
                let by = if self.cloud {
                    st.users[h.author].account_id.clone()
                } else {
                    st.users[h.author].name.clone()
                };
                h.items.iter().map(move |c| JqlChange {
                    field: c.field.to_ascii_lowercase(),
                    from: c.from_string.clone(),
                    to: c.to_string.clone(),
                    at: h.created,
                    by: by.clone(),
                })
            })
            .collect()
    }
}

/// Field names the evaluator accepts.
const JQL_FIELDS: &[&str] = &[
    "project",
    "key",
    "issuekey",
    "id",
    "issuetype",
    "type",
    "status",
    "statuscategory",
    "priority",
    "resolution",
    "assignee",
    "reporter",
    "creator",
    "watcher",
    "labels",
    "component",
    "fixversion",
    "affectedversion",
    "summary",
    "description",
    "environment",
    "comment",
    "text",
    "created",
    "createddate",
    "updated",
    "updateddate",
    "resolved",
    "resolutiondate",
    "due",
    "duedate",
    "parent",
    "sprint",
    "filter",
    "votes",
    "watchers",
    "lastviewed",
];

/// The evaluation context for a caller.
pub fn eval_context<'s>(cx: &Cx, st: &'s State) -> EvalContext<'s> {
    let cloud = cx.cloud();
    let me_idx = cx.user;
    let me = &st.users[cx.user];
    let me_names = if cloud {
        vec![me.account_id.clone(), me.display.clone(), me.email.clone()]
    } else {
        me.names()
    };
    let groups: HashMap<String, Vec<String>> = st
        .groups
        .iter()
        .map(|g| {
            let names = g
                .members
                .iter()
                .flat_map(|u| {
                    if cloud {
                        vec![st.users[*u].account_id.clone()]
                    } else {
                        st.users[*u].names()
                    }
                })
                .collect();
            (g.name.to_ascii_lowercase(), names)
        })
        .collect();
    let mut known: HashMap<&'static str, Vec<String>> = HashMap::new();
    known.insert(
        "project",
        st.projects
            .iter()
            .flat_map(|p| [p.key.clone(), p.name.clone(), p.id.to_string()])
            .collect(),
    );
    known.insert(
        "status",
        st.statuses
            .iter()
            .flat_map(|s| [s.name.clone(), s.id.clone()])
            .collect(),
    );
    known.insert(
        "priority",
        st.priorities
            .iter()
            .flat_map(|s| [s.name.clone(), s.id.clone()])
            .collect(),
    );
    known.insert(
        "issuetype",
        st.issuetypes
            .iter()
            .flat_map(|s| [s.name.clone(), s.id.clone()])
            .collect(),
    );
    known.insert(
        "resolution",
        st.resolutions
            .iter()
            .flat_map(|s| [s.name.clone(), s.id.clone()])
            .chain(["Unresolved".to_string()])
            .collect(),
    );
    known.insert(
        "component",
        st.components
            .iter()
            .filter(|c| !c.deleted)
            .flat_map(|c| [c.name.clone(), c.id.to_string()])
            .collect(),
    );
    let versions: Vec<String> = st
        .versions
        .iter()
        .filter(|v| !v.deleted)
        .flat_map(|v| [v.name.clone(), v.id.to_string()])
        .collect();
    known.insert("fixversion", versions.clone());
    known.insert("affectedversion", versions);
    let user_names: Vec<String> = st
        .users
        .iter()
        .filter(|u| !u.deleted)
        .flat_map(|u| {
            if cloud {
                vec![u.account_id.clone(), u.display.clone(), u.email.clone()]
            } else {
                u.names()
            }
        })
        .collect();
    for f in ["assignee", "reporter", "creator", "watcher"] {
        known.insert(f, user_names.clone());
    }
    let mut orders: Vec<(String, String, i64)> = st
        .priorities
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            [
                ("priority".to_string(), p.name.clone(), 10 - i as i64),
                ("priority".to_string(), p.id.clone(), 10 - i as i64),
            ]
        })
        .collect();
    for v in st.versions.iter().filter(|v| !v.deleted) {
        for f in ["fixversion", "affectedversion"] {
            orders.push((f.into(), v.name.clone(), v.sequence));
            orders.push((f.into(), v.id.to_string(), v.sequence));
        }
    }
    EvalContext {
        now: cx.sim.now(),
        current_user: Some(me_names),
        members_of: Box::new(move |g| groups.get(&g.to_ascii_lowercase()).cloned()),
        custom_field_ids: Box::new(move |name| {
            render::fields_for(cloud)
                .find(|d| d.custom && d.name.eq_ignore_ascii_case(name))
                .map(|d| d.id.to_string())
        }),
        known_field: Box::new(move |f| {
            let f = f.to_ascii_lowercase();
            JQL_FIELDS.contains(&f.as_str())
                || render::fields_for(cloud)
                    .any(|d| d.custom && (d.id == f || d.name.eq_ignore_ascii_case(&f)))
        }),
        known_values: Box::new(move |f, v| match f {
            // Issue keys (or ids) are looked up in the instance, as Jira does.
            "key" | "parent" => Some(match v.parse::<u64>() {
                Ok(id) => st.issue_by_id(id).is_some(),
                Err(_) => st.keys.contains_key(&v.to_ascii_uppercase()),
            }),
            _ => known
                .get(f)
                .map(|names| names.iter().any(|n| n.eq_ignore_ascii_case(v))),
        }),
        value_order: Box::new(move |f, v| {
            orders
                .iter()
                .find(|(ff, n, _)| ff == f && n.eq_ignore_ascii_case(v))
                .map(|(_, _, o)| *o)
        }),
        instance_function: Box::new(move |f, args| instance_function(st, me_idx, f, args)),
        filter_jql: Box::new(move |f| {
            st.filters
                .iter()
                .filter(|x| !x.deleted && super::filter::visible(st, x, me_idx))
                .find(|x| x.id.to_string() == f || x.name.eq_ignore_ascii_case(f))
                .map(|x| x.jql.clone())
        }),
        flavor_cloud: cloud,
    }
}

/// The JQL functions that read the instance (see [`EvalContext::instance_function`]).
fn instance_function(
    st: &State,
    me: usize,
    f: &str,
    args: &[String],
) -> Option<Result<Vec<String>, String>> {
    let arg = args.first().map(|a| a.trim()).filter(|a| !a.is_empty());
    let project = |a: &str| {
        st.projects
            .iter()
            .find(|p| {
                p.key.eq_ignore_ascii_case(a)
                    || p.name.eq_ignore_ascii_case(a)
                    || p.id.to_string() == a
            })
            .map(|p| p.id)
            .ok_or_else(|| {
                format!("Could not resolve the project '{a}' provided to function '{f}'.")
            })
    };
    let user = |a: Option<&str>| match a {
        None => Ok(me),
        Some(a) => st
            .user_by_any(a)
            .ok_or_else(|| format!("Could not resolve the user '{a}' provided to function '{f}'.")),
    };
    let ids = |v: Vec<u64>| Ok(v.into_iter().map(|i| i.to_string()).collect());
    Some(match f {
        "releasedVersions"
        | "unreleasedVersions"
        | "latestReleasedVersion"
        | "earliestUnreleasedVersion" => {
            let only = match arg.map(project).transpose() {
                Ok(p) => p,
                Err(e) => return Some(Err(e)),
            };
            let released = f == "releasedVersions" || f == "latestReleasedVersion";
            let mut out = Vec::new();
            for p in st
                .projects
                .iter()
                .filter(|p| only.is_none_or(|o| o == p.id))
            {
                let mut vs: Vec<&Version> = st
                    .versions
                    .iter()
                    .filter(|v| {
                        !v.deleted && !v.archived && v.project_id == p.id && v.released == released
                    })
                    .collect();
                vs.sort_by_key(|v| v.sequence);
                match f {
                    "latestReleasedVersion" => out.extend(vs.last().map(|v| v.id)),
                    "earliestUnreleasedVersion" => out.extend(vs.first().map(|v| v.id)),
                    _ => out.extend(vs.iter().map(|v| v.id)),
                }
            }
            ids(out)
        }
        "standardIssueTypes" | "subTaskIssueTypes" => {
            let sub = f == "subTaskIssueTypes";
            Ok(st
                .issuetypes
                .iter()
                .filter(|t| t.subtask == sub)
                .map(|t| t.id.clone())
                .collect())
        }
        "projectsLeadByUser" => match user(arg) {
            Ok(u) => ids(st
                .projects
                .iter()
                .filter(|p| p.lead == u)
                .map(|p| p.id)
                .collect()),
            Err(e) => Err(e),
        },
        "componentsLeadByUser" => match user(arg) {
            Ok(u) => ids(st
                .components
                .iter()
                .filter(|c| !c.deleted && c.lead == Some(u))
                .map(|c| c.id)
                .collect()),
            Err(e) => Err(e),
        },
        "linkedIssues" => {
            let key = arg.unwrap_or_default();
            let Some(issue) = st.issue(key) else {
                return Some(Err(format!(
                    "Issue '{key}' could not be found in function 'linkedIssues'."
                )));
            };
            let phrase = args.get(1).map(|p| p.trim().to_lowercase());
            Ok(issue
                .links
                .iter()
                .filter_map(|l| st.link(*l))
                .filter_map(|l| {
                    let t = &st.link_types[l.link_type];
                    // From this issue's side: "A blocks B" when it is the inward end.
                    let (other, said) = if l.inward == issue.id {
                        (l.outward, &t.outward)
                    } else {
                        (l.inward, &t.inward)
                    };
                    phrase
                        .as_ref()
                        .is_none_or(|p| *p == said.to_lowercase() || *p == t.name.to_lowercase())
                        .then(|| st.issue_by_id(other).map(|o| o.key.clone()))
                        .flatten()
                })
                .collect())
        }
        _ => return None,
    })
}

/// Runs a query; returns matching issue ids in result order.
/// With `validate`, literal values that do not exist are errors (Jira's default); the
/// messages are returned as warnings in `warnings` when given instead.
pub fn run(
    cx: &Cx,
    st: &State,
    q: &jql::Query,
    validate: bool,
    warnings: Option<&mut Vec<String>>,
) -> Result<Vec<u64>, Vec<String>> {
    let ecx = eval_context(cx, st);
    if validate && let Err(e) = jql::validate(q, &ecx) {
        match warnings {
            Some(w) => w.extend(e.messages),
            None => return Err(e.messages),
        }
    }
    let views: Vec<View> = st
        .live_issues()
        .map(|i| View {
            st,
            i,
            cloud: cx.cloud(),
        })
        .collect();
    jql::filter_and_sort(q, views.iter(), &ecx)
        .map(|v| v.into_iter().map(|x| x.i.id).collect())
        .map_err(|e| e.messages)
}

fn jql_error(messages: Vec<String>) -> super::Reply {
    super::Reply::json(400, json!({"errorMessages": messages, "errors": {}}))
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Search parameters from the query string (GET) or body (POST).
struct Params {
    jql: String,
    start: usize,
    max: Option<usize>,
    fields: Vec<String>,
    expand: Vec<String>,
    token: Option<String>,
    validate: String,
}

fn params(cx: &Cx, m: &str) -> Result<Params, super::Reply> {
    if m == "POST" {
        let b = cx.json()?;
        let bad = || {
            error(
                400,
                "Invalid request payload. Refer to the REST API documentation and try again.",
            )
        };
        if !(b.is_object() || b.is_null()) {
            return Err(bad());
        }
        let typed = |k: &str, ok: fn(&Value) -> bool| match b.get(k) {
            None | Some(Value::Null) => true,
            Some(v) => ok(v),
        };
        let list_or_string = |v: &Value| {
            v.is_string() || v.as_array().is_some_and(|a| a.iter().all(Value::is_string))
        };
        if !(typed("jql", Value::is_string)
            && typed("nextPageToken", Value::is_string)
            && typed("startAt", |v| v.is_i64() || v.is_u64())
            && typed("maxResults", |v| v.is_i64() || v.is_u64())
            && typed("fields", list_or_string)
            && typed("expand", list_or_string))
        {
            return Err(bad());
        }
        let num = |k: &str| {
            b.get(k)
                .and_then(|v| v.as_i64().or_else(|| v.as_u64().map(|_| i64::MAX)))
                .map(|n| usize::try_from(n.max(0)).unwrap_or(usize::MAX))
        };
        Ok(Params {
            jql: b
                .get("jql")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            start: num("startAt").unwrap_or(0),
            max: num("maxResults"),
            fields: strings(b.get("fields")),
            expand: strings(b.get("expand")),
            token: b
                .get("nextPageToken")
                .and_then(Value::as_str)
                .map(str::to_string),
            validate: b
                .get("validateQuery")
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .unwrap_or_else(|| "strict".into()),
        })
    } else {
        let all = |k: &str| {
            cx.query
                .iter()
                .filter(|(a, _)| a == k)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        Ok(Params {
            jql: cx.q("jql").unwrap_or("").to_string(),
            start: cx.q_num("startAt", 0)?,
            max: cx
                .q("maxResults")
                .map(|_| cx.q_num("maxResults", 50))
                .transpose()?,
            fields: all("fields"),
            expand: all("expand"),
            token: cx.q("nextPageToken").map(str::to_string),
            validate: cx.q("validateQuery").unwrap_or("strict").to_string(),
        })
    }
}

fn names_schema(cx: &Cx, sel: &FieldSel, ex: &Expand, out: &mut Map<String, Value>) {
    if ex.names {
        out.insert(
            "names".into(),
            Value::Object(
                render::fields_for(cx.cloud())
                    .filter(|d| sel.wants(d.id))
                    .map(|d| (d.id.to_string(), json!(d.name)))
                    .collect(),
            ),
        );
    }
    if ex.schema {
        out.insert(
            "schema".into(),
            Value::Object(
                render::fields_for(cx.cloud())
                    .filter(|d| sel.wants(d.id))
                    .map(|d| (d.id.to_string(), render::schema(d)))
                    .collect(),
            ),
        );
    }
}

/// Jira Cloud's 410 for the removed classic search.
pub const SEARCH_GONE: &str = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

/// `GET|POST /search` (DC; 410 on Cloud).
pub fn classic(cx: &Cx, m: &str) -> Res {
    if cx.cloud() {
        return Err(error(410, SEARCH_GONE));
    }
    let p = params(cx, m)?;
    let q = jql::parse(&p.jql).map_err(|e| jql_error(e.messages))?;
    let st = cx.sim.state.read();
    let mut warnings = Vec::new();
    let mode = p.validate.to_ascii_lowercase();
    let w = (mode == "warn").then_some(&mut warnings);
    let ids = run(cx, &st, &q, mode != "false" && mode != "none", w).map_err(jql_error)?;
    let max = p.max.unwrap_or(50).min(1000);
    let sel = FieldSel::parse(p.fields.iter().map(String::as_str), true);
    let ex = Expand::parse(p.expand.iter().map(String::as_str));
    let issues: Vec<Value> = ids
        .iter()
        .skip(p.start)
        .take(max)
        .filter_map(|id| st.issue_by_id(*id))
        .map(|i| render::issue(cx, &st, i, &sel, &ex))
        .collect();
    let mut out = Map::new();
    out.insert("expand".into(), json!("schema,names"));
    out.insert("startAt".into(), json!(p.start));
    out.insert("maxResults".into(), json!(max));
    out.insert("total".into(), json!(ids.len()));
    out.insert("issues".into(), Value::Array(issues));
    if !warnings.is_empty() {
        out.insert("warningMessages".into(), json!(warnings));
    }
    names_schema(cx, &sel, &ex, &mut out);
    ok(Value::Object(out))
}

const UNBOUNDED: &str =
    "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";

fn encode_token(offset: usize) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("jira-sim&offset&{offset}"))
}

fn decode_token(t: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::STANDARD.decode(t).ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("jira-sim&offset&")?
        .parse()
        .ok()
}

/// `GET|POST /search/jql` (Cloud).
pub fn enhanced(cx: &Cx, m: &str) -> Res {
    let p = params(cx, m)?;
    let q = jql::parse(&p.jql).map_err(|e| jql_error(e.messages))?;
    if !q.has_restriction() {
        return Err(error(400, UNBOUNDED));
    }
    let offset = match &p.token {
        Some(t) => decode_token(t)
            .ok_or_else(|| error(400, "The provided next page token is invalid or expired."))?,
        None => 0,
    };
    let st = cx.sim.state.read();
    let ids = run(cx, &st, &q, true, None).map_err(jql_error)?;
    let max = p.max.unwrap_or(50).clamp(1, 100);
    let sel = FieldSel::parse(p.fields.iter().map(String::as_str), false);
    let ids_only = p
        .fields
        .iter()
        .flat_map(|f| f.split(','))
        .map(str::trim)
        .all(|f| f.is_empty() || f == "id");
    let ex = Expand::parse(p.expand.iter().flat_map(|e| e.split(',')));
    let page: Vec<Value> = ids
        .iter()
        .skip(offset)
        .take(max)
        .filter_map(|id| st.issue_by_id(*id))
        .map(|i| {
            // Without `fields` (or with only `id`) Cloud sends bare ids; asking for anything
            // else, `key` included, gets the issue bean.
            if ids_only && !ex.changelog && !ex.transitions {
                json!({"id": i.id.to_string()})
            } else {
                render::issue(cx, &st, i, &sel, &ex)
            }
        })
        .collect();
    let next = offset + page.len();
    let mut out = Map::new();
    out.insert("issues".into(), Value::Array(page));
    if next < ids.len() {
        out.insert("nextPageToken".into(), json!(encode_token(next)));
    }
    out.insert("isLast".into(), json!(next >= ids.len()));
    names_schema(cx, &sel, &ex, &mut out);
    ok(Value::Object(out))
}

/// `POST /search/approximate-count` (Cloud).
pub fn approximate(cx: &Cx) -> Res {
    let b = cx.json()?;
    let q = jql::parse(b.get("jql").and_then(Value::as_str).unwrap_or(""))
        .map_err(|e| jql_error(e.messages))?;
    if !q.has_restriction() {
        return Err(error(400, UNBOUNDED));
    }
    let st = cx.sim.state.read();
    let ids = run(cx, &st, &q, true, None).map_err(jql_error)?;
    ok(json!({"count": ids.len()}))
}

/// `GET /issue/picker?query=&currentJQL=`.
pub fn picker(cx: &Cx) -> Res {
    let query = cx.q("query").unwrap_or("").trim().to_string();
    let st = cx.sim.state.read();
    let current: Option<Vec<u64>> = match cx.q("currentJQL").filter(|j| !j.trim().is_empty()) {
        Some(j) => {
            let q = jql::parse(j).map_err(|e| jql_error(e.messages))?;
            Some(run(cx, &st, &q, false, None).map_err(jql_error)?)
        }
        None => None,
    };
    let show_sub = cx.q_bool("showSubTasks", true);
    let ql = query.to_lowercase();
    let matches = |i: &Issue| {
        (show_sub || i.parent.is_none())
            && (ql.is_empty()
                || i.key.to_lowercase().starts_with(&ql)
                || i.summary.to_lowercase().contains(&ql))
    };
    let entry = |i: &Issue| {
        json!({
            "key": i.key, "keyHtml": render::highlight(&i.key, &query), "img": format!("/images/icons/issuetypes/{}", st.issuetypes[i.issuetype].icon),
            "summary": render::highlight(&i.summary, &query), "summaryText": i.summary, "id": i.id,
        })
    };
    let mut hist: Vec<&Issue> = st
        .live_issues()
        .filter(|i| (i.reporter == Some(cx.user) || i.assignee == Some(cx.user)) && matches(i))
        .collect();
    hist.sort_by_key(|i| std::cmp::Reverse(i.updated));
    let hs_total = hist.len();
    let hs: Vec<Value> = hist.into_iter().take(5).map(entry).collect();
    let cur: Vec<&Issue> = match &current {
        Some(ids) => ids
            .iter()
            .filter_map(|id| st.issue_by_id(*id))
            .filter(|i| matches(i))
            .collect(),
        None => st.live_issues().filter(|i| matches(i)).collect(),
    };
    let cs_total = cur.len();
    let cs: Vec<Value> = cur.into_iter().take(20).map(entry).collect();
    ok(json!({"sections": [
        {"label": "History Search", "sub": format!("Showing {} of {hs_total} matching issues", hs.len()), "id": "hs", "issues": hs},
        {"label": "Current Search", "sub": format!("Showing {} of {cs_total} matching issues", cs.len()), "id": "cs", "issues": cs},
    ]}))
}

const RESERVED: &[&str] = &[
    "abort",
    "access",
    "add",
    "after",
    "alias",
    "all",
    "alter",
    "and",
    "any",
    "as",
    "asc",
    "audit",
    "avg",
    "before",
    "begin",
    "between",
    "boolean",
    "break",
    "by",
    "byte",
    "catch",
    "cf",
    "char",
    "character",
    "check",
    "checkpoint",
    "collate",
    "collation",
    "column",
    "commit",
    "connect",
    "continue",
    "count",
    "create",
    "current",
    "date",
    "decimal",
    "declare",
    "decrement",
    "default",
    "defaults",
    "define",
    "delete",
    "delimiter",
    "desc",
    "difference",
    "distinct",
    "divide",
    "do",
    "double",
    "drop",
    "else",
    "empty",
    "encoding",
    "end",
    "equals",
    "escape",
    "exclusive",
    "exec",
    "execute",
    "exists",
    "explain",
    "false",
    "fetch",
    "file",
    "field",
    "first",
    "float",
    "for",
    "from",
    "function",
    "go",
    "goto",
    "grant",
    "greater",
    "group",
    "having",
    "identified",
    "if",
    "immediate",
    "in",
    "increment",
    "index",
    "initial",
    "inner",
    "inout",
    "input",
    "insert",
    "int",
    "integer",
    "intersect",
    "intersection",
    "into",
    "is",
    "isempty",
    "isnull",
    "join",
    "last",
    "left",
    "less",
    "like",
    "limit",
    "lock",
    "long",
    "max",
    "min",
    "minus",
    "mode",
    "modify",
    "modulo",
    "more",
    "multiply",
    "next",
    "noaudit",
    "not",
    "notin",
    "nowait",
    "null",
    "number",
    "object",
    "of",
    "on",
    "option",
    "or",
    "order",
    "outer",
    "output",
    "power",
    "previous",
    "prior",
    "privileges",
    "public",
    "raise",
    "raw",
    "remainder",
    "rename",
    "resource",
    "return",
    "returns",
    "revoke",
    "right",
    "row",
    "rowid",
    "rownum",
    "rows",
    "select",
    "session",
    "set",
    "share",
    "size",
    "sqrt",
    "start",
    "strict",
    "string",
    "subtract",
    "sum",
    "synonym",
    "table",
    "then",
    "to",
    "trans",
    "transaction",
    "trigger",
    "true",
    "uid",
    "union",
    "unique",
    "update",
    "user",
    "validate",
    "values",
    "view",
    "when",
    "whenever",
    "where",
    "while",
    "with",
];

/// `GET /jql/autocompletedata`.
pub fn autocomplete(cx: &Cx) -> Res {
    let eq = ["=", "!=", "in", "not in", "is", "is not"];
    let ord = [
        "=", "!=", ">", ">=", "<", "<=", "in", "not in", "is", "is not",
    ];
    let text = ["~", "!~", "is", "is not"];
    let entity = |value: &str, display: &str, ops: &[&str], ty: &str| json!({"value": value, "displayName": display, "orderable": "true", "searchable": "true", "auto": "true", "operators": ops, "types": [ty]});
    let mut fields = vec![
        entity(
            "project",
            "project",
            &eq,
            "com.atlassian.jira.project.Project",
        ),
        entity(
            "issuekey",
            "issuekey",
            &ord,
            "com.atlassian.jira.issue.Issue",
        ),
        entity("key", "key", &ord, "com.atlassian.jira.issue.Issue"),
        entity(
            "issuetype",
            "issuetype",
            &eq,
            "com.atlassian.jira.issue.issuetype.IssueType",
        ),
        entity(
            "status",
            "status",
            &[
                "=",
                "!=",
                "in",
                "not in",
                "is",
                "is not",
                "was",
                "was not",
                "was in",
                "was not in",
                "changed",
            ],
            "com.atlassian.jira.issue.status.Status",
        ),
        entity(
            "statusCategory",
            "statusCategory",
            &eq,
            "com.atlassian.jira.issue.status.category.StatusCategory",
        ),
        entity(
            "priority",
            "priority",
            &ord,
            "com.atlassian.jira.issue.priority.Priority",
        ),
        entity(
            "resolution",
            "resolution",
            &ord,
            "com.atlassian.jira.issue.resolution.Resolution",
        ),
        entity(
            "assignee",
            "assignee",
            &[
                "=", "!=", "in", "not in", "is", "is not", "was", "was not", "changed",
            ],
            "com.atlassian.jira.user.ApplicationUser",
        ),
        entity(
            "reporter",
            "reporter",
            &eq,
            "com.atlassian.jira.user.ApplicationUser",
        ),
        entity(
            "creator",
            "creator",
            &eq,
            "com.atlassian.jira.user.ApplicationUser",
        ),
        entity(
            "watcher",
            "watcher",
            &eq,
            "com.atlassian.jira.user.ApplicationUser",
        ),
        entity(
            "labels",
            "labels",
            &eq,
            "com.atlassian.jira.issue.label.Label",
        ),
        entity(
            "component",
            "component",
            &eq,
            "com.atlassian.jira.bc.project.component.ProjectComponent",
        ),
        entity(
            "fixVersion",
            "fixVersion",
            &ord,
            "com.atlassian.jira.project.version.Version",
        ),
        entity(
            "affectedVersion",
            "affectedVersion",
            &ord,
            "com.atlassian.jira.project.version.Version",
        ),
        entity("summary", "summary", &text, "java.lang.String"),
        entity("description", "description", &text, "java.lang.String"),
        entity("environment", "environment", &text, "java.lang.String"),
        entity("comment", "comment", &["~", "!~"], "java.lang.String"),
        entity("text", "text", &["~"], "java.lang.String"),
        entity("created", "created", &ord, "java.util.Date"),
        entity("updated", "updated", &ord, "java.util.Date"),
        entity("resolved", "resolved", &ord, "java.util.Date"),
        entity("due", "due", &ord, "java.util.Date"),
        entity(
            "parent",
            "parent",
            &["=", "!=", "in", "not in"],
            "com.atlassian.jira.issue.Issue",
        ),
        entity(
            "sprint",
            "sprint",
            &eq,
            "com.atlassian.greenhopper.service.sprint.Sprint",
        ),
        entity(
            "filter",
            "filter",
            &["=", "!=", "in", "not in"],
            "com.atlassian.jira.issue.search.SearchRequest",
        ),
    ];
    for d in render::fields_for(cx.cloud()).filter(|d| d.custom) {
        let num = d.id.trim_start_matches("customfield_");
        let mut v = entity(
            d.name,
            &format!("{} - cf[{num}]", d.name),
            if d.ty == "number" { &ord } else { &eq },
            "java.lang.Object",
        );
        v["cfid"] = json!(format!("cf[{num}]"));
        fields.push(v);
    }
    let funcs: Vec<Value> = [
        ("currentUser()", "com.atlassian.jira.user.ApplicationUser"),
        ("membersOf(\"\")", "com.atlassian.jira.user.ApplicationUser"),
        ("now()", "java.util.Date"),
        ("startOfDay()", "java.util.Date"),
        ("endOfDay()", "java.util.Date"),
        ("startOfWeek()", "java.util.Date"),
        ("endOfWeek()", "java.util.Date"),
        ("startOfMonth()", "java.util.Date"),
        ("endOfMonth()", "java.util.Date"),
        ("startOfYear()", "java.util.Date"),
        ("endOfYear()", "java.util.Date"),
        (
            "openSprints()",
            "com.atlassian.greenhopper.service.sprint.Sprint",
        ),
        (
            "closedSprints()",
            "com.atlassian.greenhopper.service.sprint.Sprint",
        ),
        (
            "releasedVersions()",
            "com.atlassian.jira.project.version.Version",
        ),
        (
            "unreleasedVersions()",
            "com.atlassian.jira.project.version.Version",
        ),
        (
            "latestReleasedVersion()",
            "com.atlassian.jira.project.version.Version",
        ),
        (
            "earliestUnreleasedVersion()",
            "com.atlassian.jira.project.version.Version",
        ),
        (
            "standardIssueTypes()",
            "com.atlassian.jira.issue.issuetype.IssueType",
        ),
        (
            "subTaskIssueTypes()",
            "com.atlassian.jira.issue.issuetype.IssueType",
        ),
        ("projectsLeadByUser()", "com.atlassian.jira.project.Project"),
        (
            "componentsLeadByUser()",
            "com.atlassian.jira.bc.project.component.ProjectComponent",
        ),
        ("linkedIssues(\"\")", "com.atlassian.jira.issue.Issue"),
        ("watchedIssues()", "com.atlassian.jira.issue.Issue"),
        ("issueHistory()", "com.atlassian.jira.issue.Issue"),
    ]
    .iter()
    .map(|(f, t)| {
        let list = !matches!(*t, "java.util.Date")
            && !f.starts_with("latest")
            && !f.starts_with("earliest")
            && *f != "currentUser()";
        json!({"value": f, "displayName": f, "isList": list.to_string(), "types": [t]})
    })
    .collect();
    ok(
        json!({"visibleFieldNames": fields, "visibleFunctionNames": funcs, "jqlReservedWords": RESERVED}),
    )
}

/// `GET /jql/autocompletedata/suggestions?fieldName=&fieldValue=`.
pub fn suggestions(cx: &Cx) -> Res {
    let field = cx.q("fieldName").unwrap_or("").to_ascii_lowercase();
    let value = cx
        .q("fieldValue")
        .unwrap_or("")
        .trim_matches('"')
        .to_string();
    let st = cx.sim.state.read();
    let mut out: Vec<(String, String)> = Vec::new();
    let vl = value.to_lowercase();
    let mut push = |v: String, display: String| {
        if vl.is_empty() || v.to_lowercase().contains(&vl) || display.to_lowercase().contains(&vl) {
            let shown = render::highlight(&display, &value);
            if !out.iter().any(|(a, _)| *a == v) {
                out.push((v, shown));
            }
        }
    };
    match field.as_str() {
        "project" => st
            .projects
            .iter()
            .for_each(|p| push(p.key.clone(), format!("{} ({})", p.name, p.key))),
        "status" => st
            .statuses
            .iter()
            .for_each(|s| push(s.name.clone(), s.name.clone())),
        "priority" => st
            .priorities
            .iter()
            .for_each(|p| push(p.name.clone(), p.name.clone())),
        "issuetype" | "type" => st
            .issuetypes
            .iter()
            .for_each(|t| push(t.name.clone(), t.name.clone())),
        "resolution" => st
            .resolutions
            .iter()
            .for_each(|r| push(r.name.clone(), r.name.clone())),
        "statuscategory" => ["To Do", "In Progress", "Done"]
            .iter()
            .for_each(|c| push((*c).into(), (*c).into())),
        "assignee" | "reporter" | "creator" | "watcher" => st
            .users
            .iter()
            .filter(|u| !u.deleted && u.active)
            .for_each(|u| {
                let id = if cx.cloud() {
                    u.account_id.clone()
                } else {
                    u.name.clone()
                };
                push(id, u.display.clone());
            }),
        "labels" => {
            let mut all: Vec<&String> = st.live_issues().flat_map(|i| i.labels.iter()).collect();
            all.sort();
            all.dedup();
            all.into_iter().for_each(|l| push(l.clone(), l.clone()));
        }
        "component" => st
            .components
            .iter()
            .filter(|c| !c.deleted)
            .for_each(|c| push(c.name.clone(), c.name.clone())),
        "fixversion" | "affectedversion" => st
            .versions
            .iter()
            .filter(|v| !v.deleted)
            .for_each(|v| push(v.name.clone(), v.name.clone())),
        _ => {}
    }
    let results: Vec<Value> = out
        .into_iter()
        .take(15)
        .map(|(v, d)| json!({"value": v, "displayName": d}))
        .collect();
    ok(json!({"results": results}))
}
