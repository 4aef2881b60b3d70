//! Jira wire JSON → typed records, one converter per JiraPS type (`jiraps-reference.md` §3.2).
//!
//! Each converter maps camelCase wire names to JiraPS's PascalCase properties, parses Jira's
//! timestamps with their offset into [`Value::DateTime`], converts nested objects to their own
//! types, and turns Cloud ADF documents into text. Converters never fail: a missing or oddly
//! typed key becomes `$null`, because a display must not break on a field Jira left out.

use serde_json::Value as Json;

use super::types::{self, props};
use super::{json_to_value, parse_jira_datetime};
use crate::eval::value::{PropMap, RecordData, TypeInfo, Value};

/// A typed record with every declared property present (`$null` until set).
fn blank(declared: &[&str]) -> PropMap {
    let mut m = PropMap::with_capacity(declared.len() + 8);
    for p in declared {
        m.insert(p, Value::Null);
    }
    m
}

fn rec(info: &'static TypeInfo, props: PropMap) -> Value {
    Value::record(RecordData::typed(info, props))
}

/// A JSON string, or a number rendered as a string (Jira sends ids as either).
fn text(j: &Json, key: &str) -> Value {
    match j.get(key) {
        Some(Json::String(s)) => Value::str(s.as_str()),
        Some(Json::Number(n)) => Value::str(n.to_string()),
        _ => Value::Null,
    }
}

fn boolean(j: &Json, key: &str) -> Value {
    match j.get(key) {
        Some(Json::Bool(b)) => Value::Bool(*b),
        Some(Json::String(s)) if s.eq_ignore_ascii_case("true") => Value::Bool(true),
        Some(Json::String(s)) if s.eq_ignore_ascii_case("false") => Value::Bool(false),
        _ => Value::Null,
    }
}

fn integer(j: &Json, key: &str) -> Value {
    match j.get(key) {
        Some(Json::Number(n)) => n.as_i64().map(Value::Int).unwrap_or(Value::Null),
        Some(Json::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Value::Int)
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn date(j: &Json, key: &str) -> Value {
    match j.get(key) {
        Some(Json::String(s)) => parse_jira_datetime(s)
            .map(|d| {
                // Instants show in the local time zone, as JiraPS's `Get-Date` does; date-only
                // values (no `T`) stay at their midnight.
                if s.contains('T') {
                    let offset = jiff::tz::TimeZone::system().to_offset(d.ts);
                    Value::DateTime(crate::eval::value::DateTime { ts: d.ts, offset })
                } else {
                    Value::DateTime(d)
                }
            })
            .unwrap_or_else(|| Value::str(s.as_str())),
        _ => Value::Null,
    }
}

fn raw(j: &Json, key: &str) -> Value {
    j.get(key).map(json_to_value).unwrap_or(Value::Null)
}

/// Maps a JSON value through `f` when it is an object, `$null` otherwise.
fn nested(j: &Json, key: &str, f: impl Fn(&Json) -> Value) -> Value {
    match j.get(key) {
        Some(v @ Json::Object(_)) => f(v),
        _ => Value::Null,
    }
}

/// Maps a JSON array through `f` into an array value; `$null` when absent.
fn list(j: Option<&Json>, f: impl Fn(&Json) -> Value) -> Value {
    match j {
        Some(Json::Array(items)) => Value::array(items.iter().map(f).collect()),
        _ => Value::Null,
    }
}

/// Rich text: a string stays as is, an ADF document becomes Markdown-ish text.
fn rich_text(j: &Json, key: &str) -> Value {
    match j.get(key) {
        Some(Json::String(s)) => Value::str(s.as_str()),
        Some(doc @ Json::Object(_)) => Value::str(super::adf::to_text(doc)),
        _ => Value::Null,
    }
}

/// Puts every key of `j` not in `skip` (wire names) and not already a property onto `m` as a raw
/// value (JiraPS's extra NoteProperties).
fn extras(m: &mut PropMap, j: &Json, skip: &[&str]) {
    if let Json::Object(o) = j {
        for (k, v) in o {
            if skip.iter().any(|s| s.eq_ignore_ascii_case(k)) || m.contains_key(k) {
                continue;
            }
            m.insert(k, json_to_value(v));
        }
    }
}

/// The server base (`https://jira.example.com`) derived from a `self` URL: everything before
/// `/rest/`.
pub fn base_from_self(self_url: &str) -> Option<&str> {
    self_url.find("/rest/").map(|i| &self_url[..i])
}

/// `AtlassianPS.JiraPS.Issue`. `server_base` (no trailing `/`) builds `HttpUrl`; when empty the
/// base is taken from the issue's `self`.
pub fn issue(j: &Json, server_base: &str) -> Value {
    let mut m = blank(props::ISSUE);
    let empty = Json::Object(Default::default());
    let fields = j.get("fields").unwrap_or(&empty);
    let key = j.get("key").and_then(Json::as_str).unwrap_or_default();
    let self_url = j.get("self").and_then(Json::as_str).unwrap_or_default();
    m.insert("Id", text(j, "id"));
    m.insert("Key", text(j, "key"));
    let base = if server_base.is_empty() {
        base_from_self(self_url).unwrap_or_default()
    } else {
        server_base
    };
    let base = base.trim_end_matches('/');
    if !key.is_empty() && !base.is_empty() {
        m.insert("HttpUrl", Value::str(format!("{base}/browse/{key}")));
    }
    m.insert("RestUrl", text(j, "self"));
    m.insert("Summary", text(fields, "summary"));
    m.insert("Description", rich_text(fields, "description"));
    m.insert("Status", nested(fields, "status", status));
    m.insert("IssueLinks", list(fields.get("issuelinks"), issue_link));
    m.insert("Attachment", list(fields.get("attachment"), attachment));
    m.insert("Project", nested(fields, "project", project));
    let assignee = match fields.get("assignee") {
        Some(u @ Json::Object(_)) => user(u),
        _ => Value::str("Unassigned"),
    };
    m.insert("Assignee", assignee);
    m.insert("Creator", nested(fields, "creator", user));
    m.insert("Reporter", nested(fields, "reporter", user));
    m.insert("Created", date(fields, "created"));
    m.insert("Updated", date(fields, "updated"));
    m.insert("LastViewed", date(fields, "lastViewed"));
    m.insert("Transition", list(j.get("transitions"), transition));
    let comments = fields
        .get("comment")
        .and_then(|c| c.get("comments").or(Some(c)));
    m.insert("Comment", list(comments, comment));
    m.insert(
        "Fields",
        j.get("fields").map(json_to_value).unwrap_or(Value::Null),
    );
    if let Json::Object(o) = fields {
        for (k, v) in o {
            if m.contains_key(k)
                || matches!(
                    k.as_str(),
                    "issuelinks" | "attachment" | "comment" | "lastViewed"
                )
            {
                continue;
            }
            m.insert(k, issue_field(k, v));
        }
    }
    if let Some(Json::Object(changelog)) = j.get("changelog") {
        m.insert("History", list(changelog.get("histories"), history_entry));
    }
    rec(&types::ISSUE, m)
}

/// Converts one entry of an issue's `fields` whose type JiraPS knows; the rest stay raw.
fn issue_field(key: &str, v: &Json) -> Value {
    if v.is_null() {
        return Value::Null;
    }
    let obj = |f: fn(&Json) -> Value| {
        if v.is_object() {
            f(v)
        } else {
            json_to_value(v)
        }
    };
    let arr = |f: fn(&Json) -> Value| {
        if v.is_array() {
            list(Some(v), f)
        } else {
            json_to_value(v)
        }
    };
    match key {
        "issuetype" => obj(issue_type),
        "priority" => obj(priority),
        "resolution" => obj(resolution),
        "components" => arr(component),
        "fixVersions" | "versions" => arr(version),
        "worklog" => match v.get("worklogs") {
            Some(w) => list(Some(w), worklog),
            None => json_to_value(v),
        },
        "parent" => obj(|p| issue(p, "")),
        "subtasks" => arr(|p| issue(p, "")),
        "environment" => match v {
            Json::Object(_) => Value::str(super::adf::to_text(v)),
            _ => json_to_value(v),
        },
        _ => json_to_value(v),
    }
}

/// `AtlassianPS.JiraPS.User` (Cloud users, which have an `accountId` and no `name`, get the
/// Cloud variant whose identity is `AccountId`).
pub fn user(j: &Json) -> Value {
    let mut m = blank(props::USER);
    m.insert("Key", text(j, "key"));
    m.insert("AccountId", text(j, "accountId"));
    m.insert("AccountType", text(j, "accountType"));
    m.insert("Name", text(j, "name"));
    m.insert("DisplayName", text(j, "displayName"));
    m.insert("EmailAddress", text(j, "emailAddress"));
    m.insert("Active", boolean(j, "active"));
    m.insert("Deleted", boolean(j, "deleted"));
    m.insert("AvatarUrl", raw(j, "avatarUrls"));
    m.insert("TimeZone", text(j, "timeZone"));
    m.insert("Locale", text(j, "locale"));
    let groups = j.get("groups").and_then(|g| g.get("items")).map(|items| {
        let names = items.as_array().map(|a| {
            a.iter()
                .filter_map(|g| g.get("name").and_then(Json::as_str))
                .map(Value::from)
                .collect()
        });
        Value::array(names.unwrap_or_default())
    });
    m.insert("Groups", groups.unwrap_or(Value::Null));
    m.insert("LastLoginTime", date(j, "lastLoginTime"));
    m.insert("RestUrl", text(j, "self"));
    let cloud =
        j.get("accountId").is_some_and(|a| !a.is_null()) && j.get("name").is_none_or(Json::is_null);
    rec(
        if cloud {
            &types::USER_CLOUD
        } else {
            &types::USER
        },
        m,
    )
}

/// `AtlassianPS.JiraPS.Project`.
pub fn project(j: &Json) -> Value {
    let mut m = blank(props::PROJECT);
    m.insert("Id", text(j, "id"));
    m.insert("Key", text(j, "key"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("Lead", nested(j, "lead", user));
    m.insert("IssueTypes", list(j.get("issueTypes"), issue_type));
    m.insert("Roles", raw(j, "roles"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("Components", list(j.get("components"), component));
    m.insert("Style", text(j, "style"));
    m.insert("Category", raw(j, "projectCategory"));
    m.insert("ProjectTypeKey", text(j, "projectTypeKey"));
    m.insert("Url", text(j, "url"));
    m.insert("Email", text(j, "email"));
    m.insert("Archived", boolean(j, "archived"));
    m.insert("Simplified", boolean(j, "simplified"));
    m.insert("IsPrivate", boolean(j, "isPrivate"));
    rec(&types::PROJECT, m)
}

/// `AtlassianPS.JiraPS.Comment` (`Body` is text; Cloud ADF is converted).
pub fn comment(j: &Json) -> Value {
    let mut m = blank(props::COMMENT);
    m.insert("Id", text(j, "id"));
    m.insert("Body", rich_text(j, "body"));
    m.insert("RenderedBody", text(j, "renderedBody"));
    m.insert("Visibility", raw(j, "visibility"));
    m.insert("Properties", raw(j, "properties"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("Author", nested(j, "author", user));
    m.insert("UpdateAuthor", nested(j, "updateAuthor", user));
    m.insert("Created", date(j, "created"));
    m.insert("Updated", date(j, "updated"));
    rec(&types::COMMENT, m)
}

/// `AtlassianPS.JiraPS.Worklogitem`.
pub fn worklog(j: &Json) -> Value {
    let mut m = blank(props::WORKLOGITEM);
    m.insert("Id", integer(j, "id"));
    m.insert("Visibility", raw(j, "visibility"));
    m.insert("Comment", rich_text(j, "comment"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("Author", nested(j, "author", user));
    m.insert("UpdateAuthor", nested(j, "updateAuthor", user));
    m.insert("Created", date(j, "created"));
    m.insert("Updated", date(j, "updated"));
    m.insert("Started", date(j, "started"));
    m.insert("TimeSpent", text(j, "timeSpent"));
    m.insert("TimeSpentSeconds", integer(j, "timeSpentSeconds"));
    rec(&types::WORKLOGITEM, m)
}

/// `AtlassianPS.JiraPS.Attachment`.
pub fn attachment(j: &Json) -> Value {
    let mut m = blank(props::ATTACHMENT);
    m.insert("Id", text(j, "id"));
    m.insert("Self", text(j, "self"));
    m.insert("FileName", text(j, "filename"));
    m.insert("Author", nested(j, "author", user));
    m.insert("Created", date(j, "created"));
    m.insert("Size", integer(j, "size"));
    m.insert("MimeType", text(j, "mimeType"));
    m.insert("Content", text(j, "content"));
    m.insert("Thumbnail", text(j, "thumbnail"));
    rec(&types::ATTACHMENT, m)
}

/// `AtlassianPS.JiraPS.Status` (with its `StatusCategory` as a small record).
pub fn status(j: &Json) -> Value {
    let mut m = blank(props::STATUS);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("IconUrl", text(j, "iconUrl"));
    m.insert("RestUrl", text(j, "self"));
    let cat = j.get("statusCategory").filter(|c| c.is_object()).map(|c| {
        let mut p = PropMap::new();
        p.insert("Id", integer(c, "id"));
        p.insert("Key", text(c, "key"));
        p.insert("Name", text(c, "name"));
        p.insert("ColorName", text(c, "colorName"));
        p.insert("RestUrl", text(c, "self"));
        Value::record(RecordData::custom(p))
    });
    m.insert("StatusCategory", cat.unwrap_or(Value::Null));
    rec(&types::STATUS, m)
}

/// `AtlassianPS.JiraPS.Priority`.
pub fn priority(j: &Json) -> Value {
    let mut m = blank(props::PRIORITY);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("StatusColor", text(j, "statusColor"));
    m.insert("IconUrl", text(j, "iconUrl"));
    m.insert("RestUrl", text(j, "self"));
    rec(&types::PRIORITY, m)
}

/// `AtlassianPS.JiraPS.IssueType`.
pub fn issue_type(j: &Json) -> Value {
    let mut m = blank(props::ISSUE_TYPE);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("IconUrl", text(j, "iconUrl"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("Subtask", boolean(j, "subtask"));
    m.insert("AvatarId", integer(j, "avatarId"));
    m.insert("HierarchyLevel", integer(j, "hierarchyLevel"));
    m.insert("Scope", raw(j, "scope"));
    rec(&types::ISSUE_TYPE, m)
}

/// `AtlassianPS.JiraPS.Resolution`.
pub fn resolution(j: &Json) -> Value {
    let mut m = blank(props::RESOLUTION);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("RestUrl", text(j, "self"));
    rec(&types::RESOLUTION, m)
}

/// `AtlassianPS.JiraPS.Component`.
pub fn component(j: &Json) -> Value {
    let mut m = blank(props::COMPONENT);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("Lead", nested(j, "lead", user));
    m.insert("LeadDisplayName", text(j, "leadDisplayName"));
    m.insert("ProjectName", text(j, "project"));
    m.insert("ProjectId", integer(j, "projectId"));
    m.insert("Description", text(j, "description"));
    m.insert("AssigneeType", text(j, "assigneeType"));
    m.insert("RealAssigneeType", text(j, "realAssigneeType"));
    m.insert("IsAssigneeTypeValid", boolean(j, "isAssigneeTypeValid"));
    rec(&types::COMPONENT, m)
}

/// `AtlassianPS.JiraPS.Version` (`Overdue` is `$false` when absent; dates are dates).
pub fn version(j: &Json) -> Value {
    let mut m = blank(props::VERSION);
    m.insert("Id", text(j, "id"));
    m.insert("Project", integer(j, "projectId"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("Archived", boolean(j, "archived"));
    m.insert("Released", boolean(j, "released"));
    m.insert(
        "Overdue",
        Value::Bool(matches!(j.get("overdue"), Some(Json::Bool(true)))),
    );
    m.insert("RestUrl", text(j, "self"));
    m.insert("StartDate", date(j, "startDate"));
    m.insert("ReleaseDate", date(j, "releaseDate"));
    let info = if j.get("id").is_some_and(|i| !i.is_null()) {
        &types::VERSION
    } else {
        &types::VERSION_BY_NAME
    };
    rec(info, m)
}

/// `AtlassianPS.JiraPS.Filter` (`Favorite` mirrors `Favourite`).
pub fn filter(j: &Json) -> Value {
    let mut m = blank(props::FILTER);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("JQL", text(j, "jql"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("ViewUrl", text(j, "viewUrl"));
    m.insert("SearchUrl", text(j, "searchUrl"));
    let fav = Value::Bool(matches!(j.get("favourite"), Some(Json::Bool(true))));
    m.insert("Favourite", fav.clone());
    m.insert("Favorite", fav);
    m.insert(
        "FilterPermissions",
        list(j.get("sharePermissions"), filter_permission),
    );
    m.insert("SharePermission", raw(j, "sharePermissions"));
    m.insert("SharedUser", raw(j, "sharedUsers"));
    m.insert("Subscription", raw(j, "subscriptions"));
    m.insert("Description", text(j, "description"));
    m.insert("Owner", nested(j, "owner", user));
    rec(&types::FILTER, m)
}

/// `AtlassianPS.JiraPS.FilterPermission`.
pub fn filter_permission(j: &Json) -> Value {
    let mut m = blank(props::FILTER_PERMISSION);
    m.insert("Id", text(j, "id"));
    m.insert("Type", text(j, "type"));
    m.insert("Group", raw(j, "group"));
    m.insert("Project", nested(j, "project", project));
    m.insert("Role", nested(j, "role", project_role));
    rec(&types::FILTER_PERMISSION, m)
}

/// `AtlassianPS.JiraPS.ProjectRole`.
pub fn project_role(j: &Json) -> Value {
    let mut m = blank(props::PROJECT_ROLE);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("Description", text(j, "description"));
    m.insert("Actors", raw(j, "actors"));
    m.insert("RestUrl", text(j, "self"));
    rec(&types::PROJECT_ROLE, m)
}

/// `AtlassianPS.JiraPS.Group` (`Member` from an expanded `users.items`).
pub fn group(j: &Json) -> Value {
    let mut m = blank(props::GROUP);
    m.insert("Name", text(j, "name"));
    m.insert("Id", text(j, "groupId"));
    m.insert("RestUrl", text(j, "self"));
    let size = match j.get("users").and_then(|u| u.get("size")) {
        Some(Json::Number(n)) => n.as_i64().map(Value::Int).unwrap_or(Value::Null),
        _ => integer(j, "size"),
    };
    m.insert("Size", size);
    m.insert(
        "Member",
        list(j.get("users").and_then(|u| u.get("items")), user),
    );
    rec(&types::GROUP, m)
}

/// `AtlassianPS.JiraPS.Field`.
pub fn field(j: &Json) -> Value {
    let mut m = blank(props::FIELD);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("Custom", boolean(j, "custom"));
    m.insert("Orderable", boolean(j, "orderable"));
    m.insert("Navigable", boolean(j, "navigable"));
    m.insert("Searchable", boolean(j, "searchable"));
    m.insert("ClauseNames", raw(j, "clauseNames"));
    m.insert("Schema", raw(j, "schema"));
    rec(&types::FIELD, m)
}

/// `AtlassianPS.JiraPS.Transition` (`ResultStatus` from `to`).
pub fn transition(j: &Json) -> Value {
    let mut m = blank(props::TRANSITION);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("ResultStatus", nested(j, "to", status));
    rec(&types::TRANSITION, m)
}

/// `AtlassianPS.JiraPS.IssueLink` (the linked issues are partial Issue records).
pub fn issue_link(j: &Json) -> Value {
    let mut m = blank(props::ISSUE_LINK);
    m.insert("Id", text(j, "id"));
    m.insert("Type", nested(j, "type", issue_link_type));
    m.insert("InwardIssue", nested(j, "inwardIssue", |i| issue(i, "")));
    m.insert("OutwardIssue", nested(j, "outwardIssue", |i| issue(i, "")));
    rec(&types::ISSUE_LINK, m)
}

/// `AtlassianPS.JiraPS.IssueLinkType`.
pub fn issue_link_type(j: &Json) -> Value {
    let mut m = blank(props::ISSUE_LINK_TYPE);
    m.insert("Id", text(j, "id"));
    m.insert("Name", text(j, "name"));
    m.insert("InwardText", text(j, "inward"));
    m.insert("OutwardText", text(j, "outward"));
    m.insert("RestUrl", text(j, "self"));
    rec(&types::ISSUE_LINK_TYPE, m)
}

/// `AtlassianPS.JiraPS.Link` (remote link).
pub fn remote_link(j: &Json) -> Value {
    let mut m = blank(props::LINK);
    m.insert("Id", text(j, "id"));
    m.insert("RestUrl", text(j, "self"));
    m.insert("GlobalId", text(j, "globalId"));
    m.insert("Application", raw(j, "application"));
    m.insert("Relationship", text(j, "relationship"));
    m.insert("RemoteObject", raw(j, "object"));
    rec(&types::LINK, m)
}

fn meta_field(j: &Json, id_hint: Option<&str>, info: &'static TypeInfo) -> Value {
    let mut m = blank(props::META_FIELD);
    let id = match (j.get("fieldId").or_else(|| j.get("key")), id_hint) {
        (Some(Json::String(s)), _) => Value::str(s.as_str()),
        (_, Some(h)) => Value::str(h),
        _ => Value::Null,
    };
    m.insert("Id", id);
    m.insert("Name", text(j, "name"));
    m.insert("HasDefaultValue", boolean(j, "hasDefaultValue"));
    m.insert("Required", boolean(j, "required"));
    m.insert("Schema", raw(j, "schema"));
    m.insert("Operations", raw(j, "operations"));
    m.insert("AllowedValues", raw(j, "allowedValues"));
    m.insert("AutoCompleteUrl", text(j, "autoCompleteUrl"));
    extras(
        &mut m,
        j,
        &[
            "fieldId",
            "name",
            "hasDefaultValue",
            "required",
            "schema",
            "operations",
            "allowedValues",
            "autoCompleteUrl",
        ],
    );
    rec(info, m)
}

/// `AtlassianPS.JiraPS.CreateMetaField`; `id_hint` is the map key when the field came from an
/// object keyed by field id (the old createmeta form).
pub fn create_meta_field(j: &Json, id_hint: Option<&str>) -> Value {
    meta_field(j, id_hint, &types::CREATE_META_FIELD)
}

/// `AtlassianPS.JiraPS.EditMetaField`; `id_hint` is the key of `fields` it was found under.
pub fn edit_meta_field(j: &Json, id_hint: Option<&str>) -> Value {
    meta_field(j, id_hint, &types::EDIT_META_FIELD)
}

/// `AtlassianPS.JiraPS.ServerInfo` (`DeploymentType` defaults to `Server`).
pub fn server_info(j: &Json) -> Value {
    let mut m = blank(props::SERVER_INFO);
    m.insert("BaseURL", text(j, "baseUrl"));
    m.insert("Version", text(j, "version"));
    m.insert("VersionNumbers", raw(j, "versionNumbers"));
    let dep = match j.get("deploymentType") {
        Some(Json::String(s)) => Value::str(s.as_str()),
        _ => Value::str("Server"),
    };
    m.insert("DeploymentType", dep);
    m.insert("BuildNumber", integer(j, "buildNumber"));
    m.insert("BuildDate", date(j, "buildDate"));
    m.insert("ServerTime", date(j, "serverTime"));
    m.insert("ScmInfo", text(j, "scmInfo"));
    m.insert("ServerTitle", text(j, "serverTitle"));
    m.insert("DisplayUrl", text(j, "displayUrl"));
    m.insert("DisplayUrlConfluence", text(j, "displayUrlConfluence"));
    m.insert(
        "DisplayUrlServicedeskHelpCenter",
        text(j, "displayUrlServicedeskHelpCenter"),
    );
    m.insert("BuildPartnerName", text(j, "buildPartnerName"));
    m.insert("ServerTimeZone", text(j, "serverTimeZone"));
    m.insert("DefaultLocale", raw(j, "defaultLocale"));
    rec(&types::SERVER_INFO, m)
}

/// `IssueHistoryEntry` from one entry of `changelog.histories`.
pub fn history_entry(j: &Json) -> Value {
    let mut m = blank(props::ISSUE_HISTORY_ENTRY);
    m.insert("Id", text(j, "id"));
    m.insert("Author", nested(j, "author", user));
    m.insert("Created", date(j, "created"));
    m.insert("Items", raw(j, "items"));
    rec(&types::ISSUE_HISTORY_ENTRY, m)
}

/// Builds a Session record. Holds only what is safe to show: who, where, how, since when.
pub fn session(username: Option<&str>, server: &str, auth_type: &str, created: Value) -> Value {
    let mut m = blank(props::SESSION);
    m.insert("Username", username.map(Value::from).unwrap_or(Value::Null));
    m.insert("Server", Value::str(server));
    m.insert("AuthType", Value::str(auth_type));
    m.insert("Created", created);
    rec(&types::SESSION, m)
}

/// Converts a paged item by `Invoke-JiraMethod -OutputType` name (`JiraIssue`, `JiraComment`,
/// `JiraUser`, `JiraVersion`, `JiraWorklogItem`); unknown names keep the raw record.
pub fn by_output_type(output_type: &str, j: &Json, server_base: &str) -> Value {
    match output_type.to_ascii_lowercase().as_str() {
        "jiraissue" => issue(j, server_base),
        "jiracomment" => comment(j),
        "jirauser" => user(j),
        "jiraversion" => version(j),
        "jiraworklogitem" => worklog(j),
        _ => json_to_value(j),
    }
}
