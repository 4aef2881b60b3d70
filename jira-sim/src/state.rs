//! The simulator's in-memory data: users, groups, projects, metadata, filters and issues.
//!
//! Storage is compact (`Vec`s indexed by id offset, one key map for issues); JSON is built on
//! demand by `routes`. This module owns lookups and invariants, never HTTP.

use std::collections::HashMap;

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;

/// First id of users, issues, comments and the other numbered entities.
pub const ID_BASE: u64 = 10000;

/// A Jira user.
#[derive(Clone)]
pub struct User {
    /// Login name (DC).
    pub name: String,
    /// DC user key (`JIRAUSER10000`).
    pub key: String,
    /// Cloud account id (24 hex digits).
    pub account_id: String,
    /// Display name.
    pub display: String,
    /// E-mail address.
    pub email: String,
    /// Whether the account is active.
    pub active: bool,
    /// Time zone name.
    pub tz: String,
    /// Password (DC Basic and session login).
    pub password: String,
    /// Cloud API token.
    pub api_token: String,
    /// DC personal access token.
    pub pat: String,
    /// Removed with `DELETE /user`.
    pub deleted: bool,
}

impl User {
    /// All names a JQL clause or a request may use for this user.
    pub fn names(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.key.clone(),
            self.account_id.clone(),
            self.display.clone(),
            self.email.clone(),
        ]
    }
}

/// A group of users.
#[derive(Clone)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Cloud group id (UUID form).
    pub group_id: String,
    /// Member user indexes.
    pub members: Vec<usize>,
}

/// A project.
#[derive(Clone)]
pub struct Project {
    /// Numeric id.
    pub id: u64,
    /// Key, e.g. `TEST`.
    pub key: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Lead user index.
    pub lead: usize,
    /// Next issue number.
    pub next_num: u64,
}

/// A project component.
#[derive(Clone)]
pub struct Component {
    /// Id.
    pub id: u64,
    /// Owning project id.
    pub project_id: u64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Lead user index.
    pub lead: Option<usize>,
    /// Deleted.
    pub deleted: bool,
}

/// A project version.
#[derive(Clone)]
pub struct Version {
    /// Id.
    pub id: u64,
    /// Owning project id.
    pub project_id: u64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Released flag.
    pub released: bool,
    /// Archived flag.
    pub archived: bool,
    /// Release date.
    pub release_date: Option<Date>,
    /// Start date.
    pub start_date: Option<Date>,
    /// Position within the project (ascending).
    pub sequence: i64,
    /// Deleted.
    pub deleted: bool,
}

/// An issue type.
#[derive(Clone)]
pub struct IssueType {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Sub-task type.
    pub subtask: bool,
    /// Icon file name.
    pub icon: &'static str,
}

/// A priority.
#[derive(Clone)]
pub struct Priority {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Colour.
    pub color: &'static str,
}

/// A status.
#[derive(Clone)]
pub struct Status {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Status category id (1 undefined, 2 new, 3 done, 4 indeterminate).
    pub category: u8,
}

/// A resolution.
#[derive(Clone)]
pub struct Resolution {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
}

/// An issue link type.
#[derive(Clone)]
pub struct LinkType {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Inward phrase.
    pub inward: String,
    /// Outward phrase.
    pub outward: String,
}

/// One share permission of a filter.
#[derive(Clone)]
pub struct SharePerm {
    /// Id.
    pub id: u64,
    /// `global`, `loggedin` (sent as `authenticated`), `group`, `project`, `user`.
    pub kind: String,
    /// Group name for `group`.
    pub group: Option<String>,
    /// Project id for `project`.
    pub project: Option<u64>,
    /// User index for `user`.
    pub user: Option<usize>,
    /// Project role id for a `project` share limited to a role.
    pub role: Option<u64>,
}

/// The project roles every project has (id, name).
pub const PROJECT_ROLES: [(u64, &str); 2] = [(10001, "Developers"), (10002, "Administrators")];

/// A saved filter.
#[derive(Clone)]
pub struct Filter {
    /// Id.
    pub id: u64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// JQL.
    pub jql: String,
    /// Owner user index.
    pub owner: usize,
    /// Users who marked it favourite.
    pub favourite_of: Vec<usize>,
    /// Share permissions.
    pub shares: Vec<SharePerm>,
    /// Deleted.
    pub deleted: bool,
}

/// Rich text as it was stored: a wiki/plain string or an ADF document.
#[derive(Clone, Debug)]
pub enum Text {
    /// Wiki markup or plain text.
    Plain(String),
    /// An Atlassian Document Format document.
    Adf(Value),
}

/// A comment.
#[derive(Clone)]
pub struct Comment {
    /// Id.
    pub id: u64,
    /// Author index.
    pub author: usize,
    /// Last editor.
    pub update_author: usize,
    /// Body.
    pub body: Text,
    /// Created.
    pub created: Timestamp,
    /// Updated.
    pub updated: Timestamp,
    /// Visibility as sent.
    pub visibility: Option<Value>,
}

/// A worklog.
#[derive(Clone)]
pub struct Worklog {
    /// Id.
    pub id: u64,
    /// Author index.
    pub author: usize,
    /// Last editor.
    pub update_author: usize,
    /// Comment.
    pub comment: Option<Text>,
    /// Work start.
    pub started: Timestamp,
    /// Seconds spent.
    pub seconds: u64,
    /// Created.
    pub created: Timestamp,
    /// Updated.
    pub updated: Timestamp,
}

/// An attachment (bodies are small).
#[derive(Clone)]
pub struct Attachment {
    /// Id.
    pub id: u64,
    /// Issue id.
    pub issue: u64,
    /// File name.
    pub filename: String,
    /// Author index.
    pub author: usize,
    /// Created.
    pub created: Timestamp,
    /// MIME type.
    pub mime: String,
    /// Content.
    pub content: bytes::Bytes,
}

/// An issue link (stored once, shown on both issues).
#[derive(Clone)]
pub struct IssueLink {
    /// Id.
    pub id: u64,
    /// Link type index.
    pub link_type: usize,
    /// Inward issue id.
    pub inward: u64,
    /// Outward issue id.
    pub outward: u64,
}

/// A remote link.
#[derive(Clone)]
pub struct RemoteLink {
    /// Id.
    pub id: u64,
    /// Global id.
    pub global_id: Option<String>,
    /// Relationship.
    pub relationship: Option<String>,
    /// `application` object.
    pub application: Option<Value>,
    /// `object` as sent (url, title, …).
    pub object: Value,
}

/// One field change in a history entry.
#[derive(Clone)]
pub struct ChangeItem {
    /// Field name (`status`, `assignee`, …).
    pub field: String,
    /// Old raw value.
    pub from: Option<String>,
    /// Old display value.
    pub from_string: Option<String>,
    /// New raw value.
    pub to: Option<String>,
    /// New display value.
    pub to_string: Option<String>,
}

/// A changelog history entry.
#[derive(Clone)]
pub struct History {
    /// Id.
    pub id: u64,
    /// Author index.
    pub author: usize,
    /// When.
    pub created: Timestamp,
    /// Changed fields.
    pub items: Vec<ChangeItem>,
}

/// An issue.
#[derive(Clone)]
pub struct Issue {
    /// Id.
    pub id: u64,
    /// Key, e.g. `TEST-12`.
    pub key: String,
    /// Project index.
    pub project: usize,
    /// Issue type index.
    pub issuetype: usize,
    /// Status index.
    pub status: usize,
    /// Priority index.
    pub priority: Option<usize>,
    /// Resolution index.
    pub resolution: Option<usize>,
    /// When resolved.
    pub resolved: Option<Timestamp>,
    /// Assignee user index.
    pub assignee: Option<usize>,
    /// Reporter user index.
    pub reporter: Option<usize>,
    /// Creator user index.
    pub creator: usize,
    /// Summary.
    pub summary: String,
    /// Description.
    pub description: Option<Text>,
    /// Environment.
    pub environment: Option<Text>,
    /// Labels.
    pub labels: Vec<String>,
    /// Component ids.
    pub components: Vec<u64>,
    /// Fix version ids.
    pub fix_versions: Vec<u64>,
    /// Affected version ids.
    pub versions: Vec<u64>,
    /// Created.
    pub created: Timestamp,
    /// Updated.
    pub updated: Timestamp,
    /// Due date.
    pub due: Option<Date>,
    /// Parent issue id (sub-tasks).
    pub parent: Option<u64>,
    /// Sub-task ids (children).
    pub subtasks: Vec<u64>,
    /// Custom field values by id (`customfield_10016`), raw JSON.
    pub custom: Vec<(String, Value)>,
    /// Comments.
    pub comments: Vec<Comment>,
    /// Worklogs.
    pub worklogs: Vec<Worklog>,
    /// Attachment ids.
    pub attachments: Vec<u64>,
    /// Issue link ids.
    pub links: Vec<u64>,
    /// Remote links.
    pub remote_links: Vec<RemoteLink>,
    /// Watcher user indexes.
    pub watchers: Vec<usize>,
    /// Change history.
    pub history: Vec<History>,
}

impl Issue {
    /// A custom field value.
    pub fn custom(&self, id: &str) -> Option<&Value> {
        self.custom.iter().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    /// Sets or clears a custom field value.
    pub fn set_custom(&mut self, id: &str, v: Value) {
        self.custom.retain(|(k, _)| k != id);
        if !v.is_null() {
            self.custom.push((id.to_string(), v));
        }
    }
}

/// The whole in-memory Jira.
pub struct State {
    /// Users.
    pub users: Vec<User>,
    /// Groups.
    pub groups: Vec<Group>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Components.
    pub components: Vec<Component>,
    /// Versions.
    pub versions: Vec<Version>,
    /// Issue types.
    pub issuetypes: Vec<IssueType>,
    /// Priorities.
    pub priorities: Vec<Priority>,
    /// Statuses.
    pub statuses: Vec<Status>,
    /// Resolutions.
    pub resolutions: Vec<Resolution>,
    /// Link types.
    pub link_types: Vec<LinkType>,
    /// Filters.
    pub filters: Vec<Filter>,
    /// Issues by `id - ID_BASE`; `None` once deleted.
    pub issues: Vec<Option<Issue>>,
    /// Upper-case key (current and moved) → issue id.
    pub keys: HashMap<String, u64>,
    /// Attachments by `id - ID_BASE`.
    pub attachments: Vec<Option<Attachment>>,
    /// Issue links by `id - ID_BASE`.
    pub links: Vec<Option<IssueLink>>,
    /// Next id for comments, worklogs, remote links, histories, share permissions.
    pub next_id: u64,
    /// The reference "now" of the seeded data.
    pub epoch: Timestamp,
}

impl State {
    /// Allocates a fresh id for a comment, worklog, remote link, history or permission.
    pub fn alloc_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Index of an issue by key (case-insensitive) or numeric id.
    pub fn issue_index(&self, id_or_key: &str) -> Option<usize> {
        let id = match id_or_key.parse::<u64>() {
            Ok(id) => id,
            Err(_) => *self.keys.get(&id_or_key.to_ascii_uppercase())?,
        };
        let idx = usize::try_from(id.checked_sub(ID_BASE)?).ok()?;
        self.issues.get(idx)?.as_ref().map(|_| idx)
    }

    /// An issue by key or id.
    pub fn issue(&self, id_or_key: &str) -> Option<&Issue> {
        self.issue_index(id_or_key)
            .and_then(|i| self.issues[i].as_ref())
    }

    /// An issue by id.
    pub fn issue_by_id(&self, id: u64) -> Option<&Issue> {
        let idx = usize::try_from(id.checked_sub(ID_BASE)?).ok()?;
        self.issues.get(idx)?.as_ref()
    }

    /// A mutable issue by index (from [`State::issue_index`]).
    pub fn issue_mut(&mut self, idx: usize) -> Option<&mut Issue> {
        self.issues.get_mut(idx)?.as_mut()
    }

    /// Live issues.
    pub fn live_issues(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().flatten()
    }

    /// A user by DC name or key, Cloud account id, or e-mail (case-insensitive where Jira is).
    pub fn user_by_any(&self, s: &str) -> Option<usize> {
        self.users.iter().position(|u| {
            !u.deleted
                && (u.name.eq_ignore_ascii_case(s)
                    || u.key == s
                    || u.account_id == s
                    || u.email.eq_ignore_ascii_case(s))
        })
    }

    /// A project by key (case-insensitive) or id.
    pub fn project(&self, id_or_key: &str) -> Option<usize> {
        self.projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(id_or_key) || p.id.to_string() == id_or_key)
    }

    /// A project by id.
    pub fn project_by_id(&self, id: u64) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }

    /// A component by id.
    pub fn component(&self, id: u64) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id && !c.deleted)
    }

    /// A version by id.
    pub fn version(&self, id: u64) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id && !v.deleted)
    }

    /// A group by name (case-insensitive) or Cloud group id.
    pub fn group(&self, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.name.eq_ignore_ascii_case(name) || g.group_id == name)
    }

    /// An attachment by id.
    pub fn attachment(&self, id: u64) -> Option<&Attachment> {
        let idx = usize::try_from(id.checked_sub(ID_BASE)?).ok()?;
        self.attachments.get(idx)?.as_ref()
    }

    /// An issue link by id.
    pub fn link(&self, id: u64) -> Option<&IssueLink> {
        let idx = usize::try_from(id.checked_sub(ID_BASE)?).ok()?;
        self.links.get(idx)?.as_ref()
    }

    /// A filter by id.
    pub fn filter(&self, id: u64) -> Option<usize> {
        self.filters.iter().position(|f| f.id == id && !f.deleted)
    }

    /// Whether a user has the Administer Jira global permission (is in `jira-administrators`).
    pub fn is_admin(&self, u: usize) -> bool {
        self.group("jira-administrators")
            .is_some_and(|g| self.groups[g].members.contains(&u))
    }

    /// Whether a user may administer a project (a Jira administrator or the project's lead).
    pub fn is_project_admin(&self, u: usize, project: usize) -> bool {
        self.is_admin(u) || self.projects.get(project).is_some_and(|p| p.lead == u)
    }

    /// Status index by id or name.
    pub fn status(&self, s: &str) -> Option<usize> {
        self.statuses
            .iter()
            .position(|x| x.id == s || x.name.eq_ignore_ascii_case(s))
    }
}
