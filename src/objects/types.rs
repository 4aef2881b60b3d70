//! The JiraPS object types (`jiraps-reference.md` §3.2): one [`TypeInfo`] per type with its
//! type names, `ToString()`, identity property and default table view, plus the ordered list of
//! declared properties each type carries (so a stub built from a string has every property,
//! `$null` where unknown, as the .NET classes of JiraPS 3 do).
//!
//! This file holds data only; conversion from JSON lives in `convert.rs`.

use crate::eval::value::{RecordData, TypeInfo, Value};

/// The string form of one property, as `"$($x.Prop)"` would print it for the simple cases that
/// `ToString()` implementations need (strings, numbers, booleans, nested typed records).
pub fn prop_text(r: &RecordData, name: &str) -> String {
    r.props.get(name).map(value_text).unwrap_or_default()
}

/// The plain text of a value for `ToString()` purposes: strings as-is, numbers in invariant
/// form, booleans as `True`/`False`, typed records by their own `ToString()`, `$null` empty.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Double(d) => d.to_string(),
        Value::Str(s) => s.to_string(),
        Value::Record(r) => {
            let r = r.borrow();
            match r.info {
                Some(info) => (info.to_string)(&r),
                None => String::new(),
            }
        }
        Value::Array(a) => a
            .borrow()
            .iter()
            .map(value_text)
            .collect::<Vec<_>>()
            .join(" "),
        Value::DateTime(d) => d.ts.display_with_offset(d.offset).to_string(),
        _ => String::new(),
    }
}

fn first_non_empty(r: &RecordData, names: &[&str]) -> String {
    names
        .iter()
        .map(|n| prop_text(r, n))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

fn ts_name(r: &RecordData) -> String {
    prop_text(r, "Name")
}
fn ts_id(r: &RecordData) -> String {
    prop_text(r, "Id")
}
fn ts_issue(r: &RecordData) -> String {
    format!("[{}] {}", prop_text(r, "Key"), prop_text(r, "Summary"))
}
fn ts_user(r: &RecordData) -> String {
    first_non_empty(r, &["Name", "DisplayName", "AccountId"])
}
fn ts_comment(r: &RecordData) -> String {
    prop_text(r, "Body")
}
fn ts_attachment(r: &RecordData) -> String {
    prop_text(r, "FileName")
}
fn ts_filter_permission(r: &RecordData) -> String {
    prop_text(r, "Type")
}
fn ts_server_info(r: &RecordData) -> String {
    format!(
        "[{}] {}",
        prop_text(r, "DeploymentType"),
        prop_text(r, "Version")
    )
}
fn ts_session(r: &RecordData) -> String {
    // JiraPS prints `JiraSession[JSessionID=…]` when it knows the cookie; jirash never shows the
    // cookie (it is a credential), so the string form is always the bare name.
    let _ = r;
    "JiraSession".into()
}

macro_rules! jira_type {
    ($(#[$m:meta])* $ident:ident, $short:literal, $ts:expr, $identity:expr, $view:expr) => {
        $(#[$m])*
        pub static $ident: TypeInfo = TypeInfo {
            name: concat!("AtlassianPS.JiraPS.", $short),
            also: &[concat!("JiraPS.", $short)],
            to_string: $ts,
            identity: $identity,
            table_view: $view,
            group_by: None,
        };
    };
}

jira_type!(
    /// `AtlassianPS.JiraPS.Issue`: `[KEY] Summary`, identity `Key`, the four-column table.
    ISSUE, "Issue", ts_issue, Some("Key"),
    &[("Key", 16), ("Summary", 0), ("Status", 24), ("Created", 20)]
);
jira_type!(
    /// `AtlassianPS.JiraPS.User` of Data Center (identity `Name`).
    USER, "User", ts_user, Some("Name"), &[("Name", 20), ("DisplayName", 36), ("Active", 8)]
);
jira_type!(
    /// `AtlassianPS.JiraPS.User` of Cloud: same type, identity `AccountId` (Cloud users have no
    /// name).
    USER_CLOUD, "User", ts_user, Some("AccountId"),
    &[("Name", 20), ("DisplayName", 36), ("Active", 8)]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Project`: `Name`, identity `Key`.
    PROJECT, "Project", ts_name, Some("Key"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Comment`: `Body`.
    COMMENT, "Comment", ts_comment, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Worklogitem`: `Id`.
    WORKLOGITEM, "Worklogitem", ts_id, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Attachment`: `FileName`.
    ATTACHMENT, "Attachment", ts_attachment, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Status`: `Name`.
    STATUS, "Status", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Priority`: `Name`.
    PRIORITY, "Priority", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.IssueType`: `Name`.
    ISSUE_TYPE, "IssueType", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Resolution`: `Name`.
    RESOLUTION, "Resolution", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Component`: `Name`.
    COMPONENT, "Component", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Version` with an id (identity `Id`).
    VERSION, "Version", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Version` known only by name (identity `Name`).
    VERSION_BY_NAME, "Version", ts_name, Some("Name"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Filter`: `Name`, identity `Id`.
    FILTER, "Filter", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.FilterPermission`: `Type`.
    FILTER_PERMISSION, "FilterPermission", ts_filter_permission, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.ProjectRole`: `Name`.
    PROJECT_ROLE, "ProjectRole", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Group`: `Name`, identity `Name`.
    GROUP, "Group", ts_name, Some("Name"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Field`: `Name`.
    FIELD, "Field", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Transition`: `Name`.
    TRANSITION, "Transition", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.IssueLink`: `Id`.
    ISSUE_LINK, "IssueLink", ts_id, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.IssueLinkType`: `Name`.
    ISSUE_LINK_TYPE, "IssueLinkType", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Link` (remote link): `Id`.
    LINK, "Link", ts_id, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.CreateMetaField`: `Name`.
    CREATE_META_FIELD, "CreateMetaField", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.EditMetaField`: `Name`.
    EDIT_META_FIELD, "EditMetaField", ts_name, Some("Id"), &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.ServerInfo`: `[Deployment] Version`.
    SERVER_INFO, "ServerInfo", ts_server_info, None, &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.Session`: always `JiraSession` (never a cookie).
    SESSION, "Session", ts_session, None, &[]
);
jira_type!(
    /// `AtlassianPS.JiraPS.IssueHistoryEntry` (JiraPS keeps it a `JiraPS.IssueHistoryEntry`
    /// custom object; both names match): `Id`.
    ISSUE_HISTORY_ENTRY, "IssueHistoryEntry", ts_id, Some("Id"), &[]
);

/// Declared properties of each type, in JiraPS's order (`jiraps-reference.md` §3.2).
pub mod props {
    /// Issue (every other key of `fields` follows these).
    pub const ISSUE: &[&str] = &[
        "Id",
        "Key",
        "HttpUrl",
        "RestUrl",
        "Summary",
        "Description",
        "Status",
        "IssueLinks",
        "Attachment",
        "Project",
        "Assignee",
        "Creator",
        "Reporter",
        "Created",
        "Updated",
        "LastViewed",
        "Transition",
        "Comment",
        "Fields",
        "Expand",
    ];
    /// User.
    pub const USER: &[&str] = &[
        "Key",
        "AccountId",
        "AccountType",
        "Name",
        "DisplayName",
        "EmailAddress",
        "Active",
        "Deleted",
        "AvatarUrl",
        "TimeZone",
        "Locale",
        "Groups",
        "LastLoginTime",
        "RestUrl",
    ];
    /// Project.
    pub const PROJECT: &[&str] = &[
        "Id",
        "Key",
        "Name",
        "Description",
        "Lead",
        "IssueTypes",
        "Roles",
        "RestUrl",
        "Components",
        "Style",
        "Category",
        "ProjectTypeKey",
        "Url",
        "Email",
        "Archived",
        "Simplified",
        "IsPrivate",
    ];
    /// Comment.
    pub const COMMENT: &[&str] = &[
        "Id",
        "Body",
        "RenderedBody",
        "Visibility",
        "Properties",
        "RestUrl",
        "Author",
        "UpdateAuthor",
        "Created",
        "Updated",
    ];
    /// Worklogitem.
    pub const WORKLOGITEM: &[&str] = &[
        "Id",
        "Visibility",
        "Comment",
        "RestUrl",
        "Author",
        "UpdateAuthor",
        "Created",
        "Updated",
        "Started",
        "TimeSpent",
        "TimeSpentSeconds",
    ];
    /// Attachment.
    pub const ATTACHMENT: &[&str] = &[
        "Id",
        "Self",
        "FileName",
        "Author",
        "Created",
        "Size",
        "MimeType",
        "Content",
        "Thumbnail",
    ];
    /// Status.
    pub const STATUS: &[&str] = &[
        "Id",
        "Name",
        "Description",
        "IconUrl",
        "RestUrl",
        "StatusCategory",
    ];
    /// Priority.
    pub const PRIORITY: &[&str] = &[
        "Id",
        "Name",
        "Description",
        "StatusColor",
        "IconUrl",
        "RestUrl",
    ];
    /// IssueType.
    pub const ISSUE_TYPE: &[&str] = &[
        "Id",
        "Name",
        "Description",
        "IconUrl",
        "RestUrl",
        "Subtask",
        "AvatarId",
        "HierarchyLevel",
        "Scope",
    ];
    /// Resolution.
    pub const RESOLUTION: &[&str] = &["Id", "Name", "Description", "RestUrl"];
    /// Component.
    pub const COMPONENT: &[&str] = &[
        "Id",
        "Name",
        "RestUrl",
        "Lead",
        "LeadDisplayName",
        "ProjectName",
        "ProjectId",
        "Description",
        "AssigneeType",
        "RealAssigneeType",
        "IsAssigneeTypeValid",
    ];
    /// Version.
    pub const VERSION: &[&str] = &[
        "Id",
        "Project",
        "Name",
        "Description",
        "Archived",
        "Released",
        "Overdue",
        "RestUrl",
        "StartDate",
        "ReleaseDate",
    ];
    /// Filter.
    pub const FILTER: &[&str] = &[
        "Id",
        "Name",
        "JQL",
        "RestUrl",
        "ViewUrl",
        "SearchUrl",
        "Favourite",
        "Favorite",
        "FilterPermissions",
        "SharePermission",
        "SharedUser",
        "Subscription",
        "Description",
        "Owner",
    ];
    /// FilterPermission.
    pub const FILTER_PERMISSION: &[&str] = &["Id", "Type", "Group", "Project", "Role"];
    /// ProjectRole.
    pub const PROJECT_ROLE: &[&str] = &["Id", "Name", "Description", "Actors", "RestUrl"];
    /// Group.
    pub const GROUP: &[&str] = &["Name", "Id", "RestUrl", "Size", "Member"];
    /// Field.
    pub const FIELD: &[&str] = &[
        "Id",
        "Name",
        "Custom",
        "Orderable",
        "Navigable",
        "Searchable",
        "ClauseNames",
        "Schema",
    ];
    /// Transition.
    pub const TRANSITION: &[&str] = &["Id", "Name", "ResultStatus"];
    /// IssueLink.
    pub const ISSUE_LINK: &[&str] = &["Id", "Type", "InwardIssue", "OutwardIssue"];
    /// IssueLinkType.
    pub const ISSUE_LINK_TYPE: &[&str] = &["Id", "Name", "InwardText", "OutwardText", "RestUrl"];
    /// Link (remote link).
    pub const LINK: &[&str] = &[
        "Id",
        "RestUrl",
        "GlobalId",
        "Application",
        "Relationship",
        "RemoteObject",
    ];
    /// CreateMetaField / EditMetaField (other wire keys follow).
    pub const META_FIELD: &[&str] = &[
        "Id",
        "Name",
        "HasDefaultValue",
        "Required",
        "Schema",
        "Operations",
        "AllowedValues",
        "AutoCompleteUrl",
    ];
    /// ServerInfo.
    pub const SERVER_INFO: &[&str] = &[
        "BaseURL",
        "Version",
        "VersionNumbers",
        "DeploymentType",
        "BuildNumber",
        "BuildDate",
        "ServerTime",
        "ScmInfo",
        "ServerTitle",
        "DisplayUrl",
        "DisplayUrlConfluence",
        "DisplayUrlServicedeskHelpCenter",
        "BuildPartnerName",
        "ServerTimeZone",
        "DefaultLocale",
    ];
    /// Session (jirash adds `Server`, `AuthType` and `Created`; never a secret).
    pub const SESSION: &[&str] = &[
        "Username",
        "Server",
        "AuthType",
        "Created",
        "WebSession",
        "JSessionID",
    ];
    /// IssueHistoryEntry.
    pub const ISSUE_HISTORY_ENTRY: &[&str] = &["Id", "Author", "Created", "Items"];
}

/// Every distinct type of this module with its declared properties, for lookups by short name
/// (`Issue`, `User`, …). The Cloud user and by-name version variants are not listed: they share
/// the names of [`USER`] and [`VERSION`].
pub static ALL: &[(&str, &TypeInfo, &[&str])] = &[
    ("Issue", &ISSUE, props::ISSUE),
    ("User", &USER, props::USER),
    ("Project", &PROJECT, props::PROJECT),
    ("Comment", &COMMENT, props::COMMENT),
    ("Worklogitem", &WORKLOGITEM, props::WORKLOGITEM),
    ("Attachment", &ATTACHMENT, props::ATTACHMENT),
    ("Status", &STATUS, props::STATUS),
    ("Priority", &PRIORITY, props::PRIORITY),
    ("IssueType", &ISSUE_TYPE, props::ISSUE_TYPE),
    ("Resolution", &RESOLUTION, props::RESOLUTION),
    ("Component", &COMPONENT, props::COMPONENT),
    ("Version", &VERSION, props::VERSION),
    ("Filter", &FILTER, props::FILTER),
    (
        "FilterPermission",
        &FILTER_PERMISSION,
        props::FILTER_PERMISSION,
    ),
    ("ProjectRole", &PROJECT_ROLE, props::PROJECT_ROLE),
    ("Group", &GROUP, props::GROUP),
    ("Field", &FIELD, props::FIELD),
    ("Transition", &TRANSITION, props::TRANSITION),
    ("IssueLink", &ISSUE_LINK, props::ISSUE_LINK),
    ("IssueLinkType", &ISSUE_LINK_TYPE, props::ISSUE_LINK_TYPE),
    ("Link", &LINK, props::LINK),
    ("CreateMetaField", &CREATE_META_FIELD, props::META_FIELD),
    ("EditMetaField", &EDIT_META_FIELD, props::META_FIELD),
    ("ServerInfo", &SERVER_INFO, props::SERVER_INFO),
    ("Session", &SESSION, props::SESSION),
    (
        "IssueHistoryEntry",
        &ISSUE_HISTORY_ENTRY,
        props::ISSUE_HISTORY_ENTRY,
    ),
];

/// Finds a type by short name (`Issue`), JiraPS v2 name (`JiraPS.Issue`) or full name
/// (`AtlassianPS.JiraPS.Issue`), ignoring case.
pub fn lookup(name: &str) -> Option<(&'static str, &'static TypeInfo, &'static [&'static str])> {
    let short = name.rsplit('.').next().unwrap_or(name);
    let prefix_ok = {
        let head = &name[..name.len() - short.len()];
        head.is_empty()
            || head.eq_ignore_ascii_case("JiraPS.")
            || head.eq_ignore_ascii_case("AtlassianPS.JiraPS.")
    };
    if !prefix_ok {
        return None;
    }
    ALL.iter()
        .find(|(s, _, _)| s.eq_ignore_ascii_case(short))
        .map(|&(s, i, p)| (s, i, p))
}
