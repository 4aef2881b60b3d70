//! JSON shapes of every entity, per flavour and API version (users by name/key on DC and by
//! accountId on Cloud, ADF in Cloud v3). Built on demand from `state`; never mutates.

use serde_json::{Map, Value, json};

use super::Cx;
use crate::flavor::{fmt_date, fmt_duration, fmt_ts, plain, render_html, text_out};
use crate::seed::{CF_EPIC_LINK, CF_SPRINT, CF_STORY_POINTS, CF_TEAM, TEAM_OPTIONS};
use crate::state::*;

/// A field of the field catalogue.
pub struct FieldDef {
    /// Id (`summary`, `customfield_10016`).
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Custom field.
    pub custom: bool,
    /// Schema type.
    pub ty: &'static str,
    /// Schema items type for arrays.
    pub items: Option<&'static str>,
    /// `system` name or custom type key.
    pub system: &'static str,
    /// Only on Data Center.
    pub dc_only: bool,
    /// Settable on create/edit screens.
    pub editable: bool,
}

const fn f(
    id: &'static str,
    name: &'static str,
    ty: &'static str,
    items: Option<&'static str>,
    editable: bool,
) -> FieldDef {
    FieldDef {
        id,
        name,
        custom: false,
        ty,
        items,
        system: id,
        dc_only: false,
        editable,
    }
}

/// The field catalogue (system fields, then custom fields).
pub const FIELDS: &[FieldDef] = &[
    f("summary", "Summary", "string", None, true),
    f("issuetype", "Issue Type", "issuetype", None, true),
    f("project", "Project", "project", None, true),
    f("status", "Status", "status", None, false),
    f("priority", "Priority", "priority", None, true),
    f("resolution", "Resolution", "resolution", None, false),
    f("resolutiondate", "Resolved", "datetime", None, false),
    f("assignee", "Assignee", "user", None, true),
    f("reporter", "Reporter", "user", None, true),
    f("creator", "Creator", "user", None, false),
    f("created", "Created", "datetime", None, false),
    f("updated", "Updated", "datetime", None, false),
    f("description", "Description", "string", None, true),
    f("environment", "Environment", "string", None, true),
    f("labels", "Labels", "array", Some("string"), true),
    f(
        "components",
        "Component/s",
        "array",
        Some("component"),
        true,
    ),
    f(
        "fixVersions",
        "Fix Version/s",
        "array",
        Some("version"),
        true,
    ),
    f(
        "versions",
        "Affects Version/s",
        "array",
        Some("version"),
        true,
    ),
    f("duedate", "Due Date", "date", None, true),
    f("parent", "Parent", "issuelink", None, true),
    f("subtasks", "Sub-Tasks", "array", Some("issuelinks"), false),
    f(
        "issuelinks",
        "Linked Issues",
        "array",
        Some("issuelinks"),
        false,
    ),
    f("comment", "Comment", "comments-page", None, false),
    f("worklog", "Log Work", "array", Some("worklog"), false),
    f(
        "attachment",
        "Attachment",
        "array",
        Some("attachment"),
        false,
    ),
    f("watches", "Watchers", "watches", None, false),
    f("votes", "Votes", "votes", None, false),
    f("timetracking", "Time tracking", "timetracking", None, false),
    f("timespent", "Time Spent", "number", None, false),
    f("lastViewed", "Last Viewed", "datetime", None, false),
    FieldDef {
        id: CF_STORY_POINTS,
        name: "Story Points",
        custom: true,
        ty: "number",
        items: None,
        system: "com.atlassian.jira.plugin.system.customfieldtypes:float",
        dc_only: false,
        editable: true,
    },
    FieldDef {
        id: CF_SPRINT,
        name: "Sprint",
        custom: true,
        ty: "array",
        items: Some("json"),
        system: "com.pyxis.greenhopper.jira:gh-sprint",
        dc_only: false,
        editable: false,
    },
    FieldDef {
        id: CF_TEAM,
        name: "Team",
        custom: true,
        ty: "option",
        items: None,
        system: "com.atlassian.jira.plugin.system.customfieldtypes:select",
        dc_only: false,
        editable: true,
    },
    FieldDef {
        id: CF_EPIC_LINK,
        name: "Epic Link",
        custom: true,
        ty: "any",
        items: None,
        system: "com.pyxis.greenhopper.jira:gh-epic-link",
        dc_only: true,
        editable: true,
    },
];

/// The fields of this flavour.
pub fn fields_for(cloud: bool) -> impl Iterator<Item = &'static FieldDef> {
    FIELDS.iter().filter(move |d| !(cloud && d.dc_only))
}

/// A field by id or (case-insensitive) name.
pub fn field_def(cloud: bool, s: &str) -> Option<&'static FieldDef> {
    fields_for(cloud).find(|d| d.id.eq_ignore_ascii_case(s) || d.name.eq_ignore_ascii_case(s))
}

/// The `schema` object of a field.
pub fn schema(d: &FieldDef) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(d.ty));
    if let Some(i) = d.items {
        m.insert("items".into(), json!(i));
    }
    if d.custom {
        m.insert("custom".into(), json!(d.system));
        let num: u64 = d.id.trim_start_matches("customfield_").parse().unwrap_or(0);
        m.insert("customId".into(), json!(num));
    } else {
        m.insert("system".into(), json!(d.system));
    }
    Value::Object(m)
}

/// An entry of `GET /field`.
pub fn field(d: &FieldDef) -> Value {
    let mut clause = vec![d.id.to_string()];
    if d.custom {
        clause.push(format!("cf[{}]", d.id.trim_start_matches("customfield_")));
        clause.push(d.name.to_string());
    }
    json!({
        "id": d.id, "key": d.id, "name": d.name, "custom": d.custom, "orderable": d.editable,
        "navigable": true, "searchable": true, "clauseNames": clause, "schema": schema(d),
    })
}

fn avatars(base: &str, owner: &str) -> Value {
    let mut m = Map::new();
    for s in ["48x48", "24x24", "16x16", "32x32"] {
        let px = s.split('x').next().unwrap_or("48");
        m.insert(
            s.into(),
            json!(format!(
                "{base}/secure/useravatar?size={px}&ownerId={owner}&avatarId=10122"
            )),
        );
    }
    Value::Object(m)
}

/// A user as this flavour shows it.
pub fn user(cx: &Cx, st: &State, idx: usize) -> Value {
    let u = &st.users[idx];
    if cx.cloud() {
        json!({
            "self": format!("{}/user?accountId={}", cx.api(), u.account_id),
            "accountId": u.account_id, "accountType": "atlassian", "emailAddress": u.email,
            "avatarUrls": avatars(&cx.sim.base_url, &u.account_id), "displayName": u.display,
            "active": u.active, "timeZone": u.tz,
        })
    } else {
        json!({
            "self": format!("{}/user?username={}", cx.api(), encode(&u.name)),
            "key": u.key, "name": u.name, "emailAddress": u.email,
            "avatarUrls": avatars(&cx.sim.base_url, &u.name), "displayName": u.display,
            "active": u.active, "deleted": u.deleted, "timeZone": u.tz, "locale": "en_US",
        })
    }
}

/// A user or `null`.
pub fn user_opt(cx: &Cx, st: &State, idx: Option<usize>) -> Value {
    idx.map_or(Value::Null, |i| user(cx, st, i))
}

/// A project reference (as in issue fields).
pub fn project_short(cx: &Cx, st: &State, pi: usize) -> Value {
    let p = &st.projects[pi];
    json!({
        "self": format!("{}/project/{}", cx.api(), p.id), "id": p.id.to_string(), "key": p.key,
        "name": p.name, "projectTypeKey": "software", "simplified": false,
        "avatarUrls": avatars(&cx.sim.base_url, &p.key),
    })
}

/// An issue type.
pub fn issuetype(cx: &Cx, t: &IssueType) -> Value {
    json!({
        "self": format!("{}/issuetype/{}", cx.api(), t.id), "id": t.id, "description": t.description,
        "iconUrl": format!("{}/images/icons/issuetypes/{}", cx.sim.base_url, t.icon),
        "name": t.name, "subtask": t.subtask, "hierarchyLevel": if t.subtask { -1 } else if t.name == "Epic" { 1 } else { 0 },
    })
}

/// A priority.
pub fn priority(cx: &Cx, p: &Priority) -> Value {
    json!({
        "self": format!("{}/priority/{}", cx.api(), p.id),
        "iconUrl": format!("{}/images/icons/priorities/{}.svg", cx.sim.base_url, p.name.to_ascii_lowercase()),
        "name": p.name, "id": p.id, "statusColor": p.color, "description": format!("{} priority", p.name),
    })
}

/// A status category by id.
pub fn status_category(cx: &Cx, id: u8) -> Value {
    let (key, color, name) = match id {
        2 => ("new", "blue-gray", "To Do"),
        3 => ("done", "green", "Done"),
        4 => ("indeterminate", "yellow", "In Progress"),
        _ => ("undefined", "medium-gray", "No Category"),
    };
    json!({"self": format!("{}/statuscategory/{id}", cx.api()), "id": id, "key": key, "colorName": color, "name": name})
}

/// A status.
pub fn status(cx: &Cx, s: &Status) -> Value {
    json!({
        "self": format!("{}/status/{}", cx.api(), s.id), "description": "",
        "iconUrl": format!("{}/images/icons/statuses/generic.png", cx.sim.base_url),
        "name": s.name, "id": s.id, "statusCategory": status_category(cx, s.category),
    })
}

/// A resolution.
pub fn resolution(cx: &Cx, r: &Resolution) -> Value {
    json!({"self": format!("{}/resolution/{}", cx.api(), r.id), "id": r.id, "description": r.description, "name": r.name})
}

/// A component.
pub fn component(cx: &Cx, st: &State, c: &Component) -> Value {
    let p = st
        .project_by_id(c.project_id)
        .map(|i| st.projects[i].key.clone())
        .unwrap_or_default();
    let mut v = json!({
        "self": format!("{}/component/{}", cx.api(), c.id), "id": c.id.to_string(), "name": c.name,
        "description": c.description, "assigneeType": "PROJECT_DEFAULT", "realAssigneeType": "PROJECT_DEFAULT",
        "isAssigneeTypeValid": false, "project": p, "projectId": c.project_id,
    });
    if let Some(l) = c.lead {
        v["lead"] = user(cx, st, l);
        if cx.cloud() {
            v["leadAccountId"] = json!(st.users[l].account_id);
        } else {
            v["leadUserName"] = json!(st.users[l].name);
        }
    }
    v
}

fn user_date(d: jiff::civil::Date) -> String {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}/{}/{:02}",
        d.day(),
        M[(d.month() - 1) as usize],
        d.year() % 100
    )
}

/// A version.
pub fn version(cx: &Cx, v: &Version) -> Value {
    let mut o = json!({
        "self": format!("{}/version/{}", cx.api(), v.id), "id": v.id.to_string(), "description": v.description,
        "name": v.name, "archived": v.archived, "released": v.released, "projectId": v.project_id,
    });
    if let Some(d) = v.start_date {
        o["startDate"] = json!(fmt_date(d));
        o["userStartDate"] = json!(user_date(d));
    }
    if let Some(d) = v.release_date {
        o["releaseDate"] = json!(fmt_date(d));
        o["userReleaseDate"] = json!(user_date(d));
        let today = jiff::tz::TimeZone::UTC.to_datetime(cx.sim.now()).date();
        o["overdue"] = json!(!v.released && d < today);
    }
    o
}

/// A link type.
pub fn link_type(cx: &Cx, t: &LinkType) -> Value {
    json!({"id": t.id, "name": t.name, "inward": t.inward, "outward": t.outward, "self": format!("{}/issueLinkType/{}", cx.api(), t.id)})
}

/// A compact issue reference (links, parent, sub-tasks).
pub fn issue_ref(cx: &Cx, st: &State, i: &Issue) -> Value {
    json!({
        "id": i.id.to_string(), "key": i.key, "self": format!("{}/issue/{}", cx.api(), i.id),
        "fields": {
            "summary": i.summary, "status": status(cx, &st.statuses[i.status]),
            "priority": i.priority.map_or(Value::Null, |p| priority(cx, &st.priorities[p])),
            "issuetype": issuetype(cx, &st.issuetypes[i.issuetype]),
        }
    })
}

/// A link as seen from `this` issue.
pub fn link_entry(cx: &Cx, st: &State, l: &IssueLink, this: u64) -> Option<Value> {
    let (side, other) = if l.inward == this {
        ("outwardIssue", l.outward)
    } else {
        ("inwardIssue", l.inward)
    };
    let o = st.issue_by_id(other)?;
    Some(json!({
        "id": l.id.to_string(), "self": format!("{}/issueLink/{}", cx.api(), l.id),
        "type": link_type(cx, &st.link_types[l.link_type]), side: issue_ref(cx, st, o),
    }))
}

/// A comment.
pub fn comment(cx: &Cx, st: &State, issue: &Issue, c: &Comment) -> Value {
    let mut v = json!({
        "self": format!("{}/issue/{}/comment/{}", cx.api(), issue.id, c.id), "id": c.id.to_string(),
        "author": user(cx, st, c.author), "body": text_out(Some(&c.body), cx.adf()),
        "updateAuthor": user(cx, st, c.update_author), "created": fmt_ts(c.created), "updated": fmt_ts(c.updated),
    });
    if let Some(vis) = &c.visibility {
        v["visibility"] = vis.clone();
    }
    if cx.cloud() {
        v["jsdPublic"] = json!(true);
    }
    if cx
        .q("expand")
        .is_some_and(|e| e.split(',').any(|x| x.trim() == "renderedBody"))
    {
        v["renderedBody"] = json!(render_html(&plain(&c.body)));
    }
    v
}

/// A worklog.
pub fn worklog(cx: &Cx, st: &State, issue: &Issue, w: &Worklog) -> Value {
    let mut v = json!({
        "self": format!("{}/issue/{}/worklog/{}", cx.api(), issue.id, w.id), "author": user(cx, st, w.author),
        "updateAuthor": user(cx, st, w.update_author), "created": fmt_ts(w.created), "updated": fmt_ts(w.updated),
        "started": fmt_ts(w.started), "timeSpent": fmt_duration(w.seconds), "timeSpentSeconds": w.seconds,
        "id": w.id.to_string(), "issueId": issue.id.to_string(),
    });
    if let Some(c) = &w.comment {
        v["comment"] = text_out(Some(c), cx.adf());
    }
    v
}

/// An attachment's metadata. `content` is where the bytes are: Data Center's servlet
/// `/secure/attachment/{id}/{name}`, Cloud's REST `/attachment/content/{id}`.
pub fn attachment(cx: &Cx, st: &State, a: &Attachment) -> Value {
    let content = if cx.cloud() {
        format!("{}/attachment/content/{}", cx.api(), a.id)
    } else {
        format!(
            "{}/secure/attachment/{}/{}",
            cx.sim.base_url,
            a.id,
            encode(&a.filename)
        )
    };
    json!({
        "self": format!("{}/attachment/{}", cx.api(), a.id), "id": a.id.to_string(), "filename": a.filename,
        "author": user(cx, st, a.author), "created": fmt_ts(a.created), "size": a.content.len(),
        "mimeType": a.mime, "content": content,
    })
}

/// Which fields a response carries.
pub struct FieldSel {
    all: bool,
    include: Vec<String>,
    exclude: Vec<String>,
}

impl FieldSel {
    /// From a `fields` list (`*all`, `*navigable`, ids, `-id`); `default_all` when absent.
    pub fn parse<'a>(spec: impl Iterator<Item = &'a str>, default_all: bool) -> FieldSel {
        let mut s = FieldSel {
            all: false,
            include: Vec::new(),
            exclude: Vec::new(),
        };
        let mut any = false;
        for item in spec
            .flat_map(|x| x.split(','))
            .map(str::trim)
            .filter(|x| !x.is_empty())
        {
            any = true;
            match item {
                "*all" | "*navigable" => s.all = true,
                x if x.starts_with('-') => s.exclude.push(x[1..].to_ascii_lowercase()),
                x => s.include.push(x.to_ascii_lowercase()),
            }
        }
        if !any && default_all || (s.include.is_empty() && !s.exclude.is_empty()) {
            s.all = true;
        }
        s
    }
    /// Whether a field is wanted.
    pub fn wants(&self, id: &str) -> bool {
        let listed = |l: &[String]| l.iter().any(|x| x.eq_ignore_ascii_case(id));
        !listed(&self.exclude) && (self.all || listed(&self.include))
    }
}

/// The value of one field of an issue, `None` for unknown fields.
pub fn issue_field(cx: &Cx, st: &State, i: &Issue, id: &str) -> Option<Value> {
    let users = |x: Option<usize>| user_opt(cx, st, x);
    Some(match id {
        "summary" => json!(i.summary),
        "issuetype" => issuetype(cx, &st.issuetypes[i.issuetype]),
        "project" => project_short(cx, st, i.project),
        "status" => status(cx, &st.statuses[i.status]),
        "priority" => i.priority.map_or(Value::Null, |p| priority(cx, &st.priorities[p])),
        "resolution" => i.resolution.map_or(Value::Null, |r| resolution(cx, &st.resolutions[r])),
        "resolutiondate" => i.resolved.map_or(Value::Null, |t| json!(fmt_ts(t))),
        "assignee" => users(i.assignee),
        "reporter" => users(i.reporter),
        "creator" => users(Some(i.creator)),
        "created" => json!(fmt_ts(i.created)),
        "updated" => json!(fmt_ts(i.updated)),
        "description" => text_out(i.description.as_ref(), cx.adf()),
        "environment" => text_out(i.environment.as_ref(), cx.adf()),
        "labels" => json!(i.labels),
        "components" => Value::Array(i.components.iter().filter_map(|c| st.component(*c)).map(|c| {
            json!({"self": format!("{}/component/{}", cx.api(), c.id), "id": c.id.to_string(), "name": c.name, "description": c.description})
        }).collect()),
        "fixVersions" => Value::Array(i.fix_versions.iter().filter_map(|v| st.version(*v)).map(|v| version(cx, v)).collect()),
        "versions" => Value::Array(i.versions.iter().filter_map(|v| st.version(*v)).map(|v| version(cx, v)).collect()),
        "duedate" => i.due.map_or(Value::Null, |d| json!(fmt_date(d))),
        "parent" => match i.parent.and_then(|p| st.issue_by_id(p)) {
            Some(p) => issue_ref(cx, st, p),
            None => return None,
        },
        "subtasks" => Value::Array(i.subtasks.iter().filter_map(|s| st.issue_by_id(*s)).map(|s| issue_ref(cx, st, s)).collect()),
        "issuelinks" => Value::Array(i.links.iter().filter_map(|l| st.link(*l)).filter_map(|l| link_entry(cx, st, l, i.id)).collect()),
        "comment" => json!({
            "comments": i.comments.iter().map(|c| comment(cx, st, i, c)).collect::<Vec<_>>(),
            "self": format!("{}/issue/{}/comment", cx.api(), i.id),
            "maxResults": i.comments.len(), "total": i.comments.len(), "startAt": 0,
        }),
        "worklog" => json!({
            "startAt": 0, "maxResults": 20, "total": i.worklogs.len(),
            "worklogs": i.worklogs.iter().take(20).map(|w| worklog(cx, st, i, w)).collect::<Vec<_>>(),
        }),
        "attachment" => Value::Array(i.attachments.iter().filter_map(|a| st.attachment(*a)).map(|a| attachment(cx, st, a)).collect()),
        "watches" => json!({
            "self": format!("{}/issue/{}/watchers", cx.api(), i.key), "watchCount": i.watchers.len(),
            "isWatching": i.watchers.contains(&cx.user),
        }),
        "votes" => json!({"self": format!("{}/issue/{}/votes", cx.api(), i.key), "votes": 0, "hasVoted": false}),
        "timetracking" => {
            let spent = i.worklogs.iter().fold(0u64, |a, w| a.saturating_add(w.seconds));
            if spent == 0 { json!({}) } else { json!({"timeSpent": fmt_duration(spent), "timeSpentSeconds": spent}) }
        }
        "timespent" => {
            let spent = i.worklogs.iter().fold(0u64, |a, w| a.saturating_add(w.seconds));
            if spent == 0 { Value::Null } else { json!(spent) }
        }
        "lastViewed" => Value::Null,
        CF_SPRINT => i.custom(CF_SPRINT).cloned().unwrap_or(Value::Null),
        CF_EPIC_LINK if cx.cloud() => return None,
        id if id.starts_with("customfield_") => {
            field_def(cx.cloud(), id)?;
            i.custom(id).cloned().unwrap_or(Value::Null)
        }
        _ => return None,
    })
}

/// What `expand` asked for.
#[derive(Default)]
pub struct Expand {
    /// `names`.
    pub names: bool,
    /// `schema`.
    pub schema: bool,
    /// `renderedFields`.
    pub rendered: bool,
    /// `transitions`.
    pub transitions: bool,
    /// `changelog`.
    pub changelog: bool,
    /// `editmeta`.
    pub editmeta: bool,
}

impl Expand {
    /// From a comma list or several values.
    pub fn parse<'a>(items: impl Iterator<Item = &'a str>) -> Expand {
        let mut e = Expand::default();
        for x in items.flat_map(|x| x.split(',')).map(str::trim) {
            match x {
                "names" => e.names = true,
                "schema" => e.schema = true,
                "renderedFields" => e.rendered = true,
                "transitions" | "transitions.fields" => e.transitions = true,
                "changelog" => e.changelog = true,
                "editmeta" => e.editmeta = true,
                _ => {}
            }
        }
        e
    }
}

/// The `expand` string an issue advertises.
pub const ISSUE_EXPAND: &str =
    "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations";

/// A full issue.
pub fn issue(cx: &Cx, st: &State, i: &Issue, sel: &FieldSel, ex: &Expand) -> Value {
    let mut fields = Map::new();
    let mut names = Map::new();
    let mut schemas = Map::new();
    for d in fields_for(cx.cloud()) {
        if !sel.wants(d.id) {
            continue;
        }
        if let Some(v) = issue_field(cx, st, i, d.id) {
            fields.insert(d.id.into(), v);
            if ex.names {
                names.insert(d.id.into(), json!(d.name));
            }
            if ex.schema {
                schemas.insert(d.id.into(), schema(d));
            }
        }
    }
    let mut o = Map::new();
    o.insert("expand".into(), json!(ISSUE_EXPAND));
    o.insert("id".into(), json!(i.id.to_string()));
    o.insert("self".into(), json!(format!("{}/issue/{}", cx.api(), i.id)));
    o.insert("key".into(), json!(i.key));
    if ex.rendered {
        let mut r = Map::new();
        for k in fields.keys() {
            let v = match k.as_str() {
                "description" => i
                    .description
                    .as_ref()
                    .map_or(Value::Null, |t| json!(render_html(&plain(t)))),
                "environment" => i
                    .environment
                    .as_ref()
                    .map_or(Value::Null, |t| json!(render_html(&plain(t)))),
                "created" | "updated" => {
                    json!(fmt_ts(if k == "created" { i.created } else { i.updated }))
                }
                _ => Value::Null,
            };
            r.insert(k.clone(), v);
        }
        o.insert("renderedFields".into(), Value::Object(r));
    }
    if ex.names {
        o.insert("names".into(), Value::Object(names));
    }
    if ex.schema {
        o.insert("schema".into(), Value::Object(schemas));
    }
    if ex.transitions {
        o.insert(
            "transitions".into(),
            Value::Array(transitions(cx, st, i, false)),
        );
    }
    if ex.editmeta {
        o.insert("editmeta".into(), json!({"fields": edit_fields(cx, st, i)}));
    }
    if ex.changelog {
        o.insert(
            "changelog".into(),
            json!({
                "startAt": 0, "maxResults": i.history.len(), "total": i.history.len(),
                "histories": i.history.iter().map(|h| history(cx, st, h)).collect::<Vec<_>>(),
            }),
        );
    }
    o.insert("fields".into(), Value::Object(fields));
    Value::Object(o)
}

/// A changelog history entry.
pub fn history(cx: &Cx, st: &State, h: &History) -> Value {
    json!({
        "id": h.id.to_string(), "author": user(cx, st, h.author), "created": fmt_ts(h.created),
        "items": h.items.iter().map(|c| json!({
            "field": c.field, "fieldtype": "jira", "fieldId": c.field, "from": c.from, "fromString": c.from_string,
            "to": c.to, "toString": c.to_string,
        })).collect::<Vec<_>>(),
    })
}

/// Transition id leading to status index `s` (11, 21, 31, 41).
pub fn transition_id(s: usize) -> String {
    format!("{}", (s + 1) * 10 + 1)
}

/// The transitions available from an issue's status.
pub fn transitions(cx: &Cx, st: &State, i: &Issue, with_fields: bool) -> Vec<Value> {
    st.statuses
        .iter()
        .enumerate()
        .filter(|(si, _)| *si != i.status)
        .map(|(si, s)| {
            let to_done = s.category == 3;
            let mut t = json!({
                "id": transition_id(si), "name": s.name, "to": status(cx, s), "hasScreen": to_done,
                "isGlobal": true, "isInitial": false, "isAvailable": true, "isConditional": false, "isLooped": false,
            });
            if with_fields {
                let mut fm = Map::new();
                if to_done {
                    fm.insert("resolution".into(), field_meta(cx, st, "resolution", None, true));
                    fm.insert("assignee".into(), field_meta(cx, st, "assignee", None, false));
                }
                // Cloud's `FieldMetadata` has no `fieldId` (only create metadata has).
                if cx.cloud() {
                    for f in fm.values_mut() {
                        if let Some(o) = f.as_object_mut() {
                            o.remove("fieldId");
                        }
                    }
                }
                t["fields"] = Value::Object(fm);
            }
            t
        })
        .collect()
}

/// FieldMeta for create/edit/transition screens.
pub fn field_meta(cx: &Cx, st: &State, id: &str, project: Option<usize>, required: bool) -> Value {
    let Some(d) = field_def(cx.cloud(), id) else {
        return Value::Null;
    };
    let ops: &[&str] = match d.ty {
        "array" => &["add", "set", "remove"],
        _ if id == "summary" || id == "description" || id == "environment" => &["set"],
        _ => &["set"],
    };
    let mut m = json!({
        "required": required, "schema": schema(d), "name": d.name, "key": d.id, "fieldId": d.id,
        "hasDefaultValue": id == "priority", "operations": ops,
    });
    let allowed: Option<Vec<Value>> = match id {
        "priority" => Some(st.priorities.iter().map(|p| priority(cx, p)).collect()),
        "resolution" => Some(st.resolutions.iter().map(|r| resolution(cx, r)).collect()),
        "issuetype" => Some(st.issuetypes.iter().map(|t| issuetype(cx, t)).collect()),
        "project" => project.map(|p| vec![project_short(cx, st, p)]),
        "components" => project.map(|p| {
            st.components.iter().filter(|c| !c.deleted && c.project_id == st.projects[p].id)
                .map(|c| json!({"self": format!("{}/component/{}", cx.api(), c.id), "id": c.id.to_string(), "name": c.name})).collect()
        }),
        "fixVersions" | "versions" => project.map(|p| {
            st.versions.iter().filter(|v| !v.deleted && v.project_id == st.projects[p].id).map(|v| version(cx, v)).collect()
        }),
        CF_TEAM => Some(TEAM_OPTIONS.iter().map(|(oid, v)| json!({"self": format!("{}/customFieldOption/{oid}", cx.api()), "value": v, "id": oid})).collect()),
        _ => None,
    };
    if let Some(a) = allowed {
        m["allowedValues"] = Value::Array(a);
    }
    if d.ty == "user" {
        m["autoCompleteUrl"] = json!(format!(
            "{}/user/search?{}=",
            cx.api(),
            if cx.cloud() { "query" } else { "username" }
        ));
    }
    if id == "labels" {
        m["autoCompleteUrl"] = json!(format!(
            "{}/rest/api/1.0/labels/suggest?query=",
            cx.sim.base_url
        ));
    }
    m
}

/// Fields on the create screen of an issue type: (id, required).
pub fn create_fields(cloud: bool, subtask: bool) -> Vec<(&'static str, bool)> {
    let mut v = vec![("summary", true), ("issuetype", true), ("project", true)];
    if subtask {
        v.push(("parent", true));
    }
    v.extend([
        ("description", false),
        ("priority", false),
        ("labels", false),
        ("assignee", false),
        ("reporter", false),
        ("components", false),
        ("fixVersions", false),
        ("versions", false),
        ("duedate", false),
        ("environment", false),
        (CF_STORY_POINTS, false),
        (CF_TEAM, false),
    ]);
    if !cloud && !subtask {
        v.push((CF_EPIC_LINK, false));
    }
    v
}

/// The edit screen of an issue.
pub fn edit_fields(cx: &Cx, st: &State, i: &Issue) -> Value {
    let mut m = Map::new();
    for (id, _) in create_fields(cx.cloud(), st.issuetypes[i.issuetype].subtask) {
        if id == "project" || id == "parent" {
            continue;
        }
        m.insert(
            id.into(),
            field_meta(
                cx,
                st,
                id,
                Some(i.project),
                id == "summary" || id == "issuetype",
            ),
        );
    }
    m.insert("comment".into(), json!({"required": false, "schema": {"type": "comments-page", "system": "comment"}, "name": "Comment", "key": "comment", "fieldId": "comment", "operations": ["add", "edit", "remove"]}));
    m.insert(
        "resolution".into(),
        field_meta(cx, st, "resolution", None, false),
    );
    // Cloud's `FieldMetadata` has no `fieldId` (only create metadata has).
    if cx.cloud() {
        for f in m.values_mut() {
            if let Some(o) = f.as_object_mut() {
                o.remove("fieldId");
            }
        }
    }
    Value::Object(m)
}

/// A filter.
pub fn filter(cx: &Cx, st: &State, f: &Filter) -> Value {
    let api = cx.api();
    let mut v = json!({
        "self": format!("{api}/filter/{}", f.id), "id": f.id.to_string(), "name": f.name,
        "description": f.description, "owner": user(cx, st, f.owner), "jql": f.jql,
        "viewUrl": format!("{}/issues/?filter={}", cx.sim.base_url, f.id),
        "searchUrl": format!("{api}/search{}?jql={}", if cx.cloud() { "/jql" } else { "" }, encode(&f.jql)),
        "favourite": f.favourite_of.contains(&cx.user), "favouritedCount": f.favourite_of.len(),
        "sharePermissions": f.shares.iter().map(|p| share(cx, st, p)).collect::<Vec<_>>(),
        "editable": f.owner == cx.user,
        "sharedUsers": {"size": 0, "items": [], "max-results": 1000, "start-index": 0, "end-index": 0},
        "subscriptions": {"size": 0, "items": [], "max-results": 1000, "start-index": 0, "end-index": 0},
    });
    // Cloud's `Filter` has no `editable`.
    if cx.cloud()
        && let Some(o) = v.as_object_mut()
    {
        o.remove("editable");
    }
    v
}

/// A filter share permission.
pub fn share(cx: &Cx, st: &State, p: &SharePerm) -> Value {
    let mut v = json!({"id": p.id, "type": p.kind});
    if let Some(g) = &p.group {
        v["group"] = json!({"name": g, "self": format!("{}/group?groupname={g}", cx.api())});
    }
    if let Some(pid) = p.project.and_then(|id| st.project_by_id(id)) {
        v["project"] = project_short(cx, st, pid);
    }
    if let Some(r) = p.role
        && let Some((id, name)) = PROJECT_ROLES.iter().find(|(id, _)| *id == r)
    {
        let pid = p.project.unwrap_or_default();
        v["role"] = json!({"self": format!("{}/project/{pid}/role/{id}", cx.api()), "name": name, "id": id, "description": ""});
    }
    if let Some(u) = p.user {
        v["user"] = user(cx, st, u);
    }
    // Data Center's `FilterPermissionBean` also says what the share allows.
    if !cx.cloud() {
        v["view"] = json!(true);
        v["edit"] = json!(false);
    }
    v
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Byte length of the prefix of `hay` that equals `needle_lc` ignoring case, if any.
fn ci_prefix(hay: &str, needle_lc: &str) -> Option<usize> {
    let mut lowered = String::new();
    for (i, c) in hay.char_indices() {
        lowered.extend(c.to_lowercase());
        if !needle_lc.starts_with(lowered.as_str()) {
            return None;
        }
        if lowered.len() == needle_lc.len() {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// HTML-escapes `text` and marks the first case-insensitive match of `query` with `<b>`,
/// as Jira's pickers do (`<b>DEM</b>O-42`). Works on any Unicode text: positions are found in
/// the original string, never in a lower-cased copy.
pub fn highlight(text: &str, query: &str) -> String {
    let q = query.to_lowercase();
    if !q.is_empty() {
        for (i, _) in text.char_indices() {
            if let Some(len) = ci_prefix(&text[i..], &q) {
                return format!(
                    "{}<b>{}</b>{}",
                    html_escape(&text[..i]),
                    html_escape(&text[i..i + len]),
                    html_escape(&text[i + len..])
                );
            }
        }
    }
    html_escape(text)
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
