//! The JQL field and function tables: canonical names, aliases, kinds, the operators each
//! field accepts (as `/jql/autocompletedata` publishes them), sortability and history support.

use super::parser::{FieldRef, Op};

/// How a field's values are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `key`/`issuekey`/`id`: read through `JqlIssue::key`/`id`.
    Key,
    /// A named entity (project, status, version …).
    Entity,
    /// A user.
    User,
    /// Labels: plain strings.
    Labels,
    /// Free text, searched with `~`.
    Text,
    /// `text`: summary + description + environment + comments.
    AllText,
    /// A date or date-time.
    Date,
    /// A custom field: any value type, any operator except history ones.
    Custom,
}

/// One core field.
#[derive(Debug)]
pub struct FieldDef {
    /// Canonical lower-case name passed to `JqlIssue::values`.
    pub canonical: &'static str,
    /// Lower-case names it answers to (the canonical name first when it is a JQL name).
    pub names: &'static [&'static str],
    /// Value kind.
    pub kind: Kind,
    /// Accepted operators, as Jira prints them.
    pub ops: &'static [&'static str],
    /// May appear in `ORDER BY`.
    pub orderable: bool,
    /// Supports `WAS` and `CHANGED`.
    pub history: bool,
}

const EQ_LIST_EMPTY: &[&str] = &["=", "!=", "in", "not in", "is", "is not"];
const EQ_LIST_EMPTY_HIST: &[&str] = &[
    "=",
    "!=",
    "in",
    "not in",
    "is",
    "is not",
    "was",
    "was in",
    "was not",
    "was not in",
    "changed",
];
const ORDERED_HIST: &[&str] = &[
    "=",
    "!=",
    ">",
    ">=",
    "<",
    "<=",
    "in",
    "not in",
    "is",
    "is not",
    "was",
    "was in",
    "was not",
    "was not in",
    "changed",
];
const ORDERED: &[&str] = &[
    "=", "!=", ">", ">=", "<", "<=", "in", "not in", "is", "is not",
];
const KEY_OPS: &[&str] = &["=", "!=", ">", ">=", "<", "<=", "in", "not in"];
const PARENT_OPS: &[&str] = &["=", "!=", "in", "not in"];
const TEXT_OPS: &[&str] = &["~", "!~", "is", "is not"];
const COMMENT_OPS: &[&str] = &["~", "!~"];
const ALL_TEXT_OPS: &[&str] = &["~"];
const CUSTOM_OPS: &[&str] = &[
    "=", "!=", "~", "!~", ">", ">=", "<", "<=", "in", "not in", "is", "is not",
];

macro_rules! f {
    ($canon:expr, [$($n:expr),*], $kind:ident, $ops:expr, $order:expr, $hist:expr) => {
        FieldDef {
            canonical: $canon,
            names: &[$($n),*],
            kind: Kind::$kind,
            ops: $ops,
            orderable: $order,
            history: $hist,
        }
    };
}

/// The core fields.
pub static FIELDS: &[FieldDef] = &[
    f!("project", ["project"], Entity, EQ_LIST_EMPTY, true, false),
    f!(
        "key",
        ["key", "issuekey", "id", "issue"],
        Key,
        KEY_OPS,
        true,
        false
    ),
    f!(
        "issuetype",
        ["issuetype", "type"],
        Entity,
        EQ_LIST_EMPTY,
        true,
        false
    ),
    f!("status", ["status"], Entity, EQ_LIST_EMPTY_HIST, true, true),
    f!(
        "statuscategory",
        ["statuscategory"],
        Entity,
        EQ_LIST_EMPTY,
        true,
        false
    ),
    f!("priority", ["priority"], Entity, ORDERED_HIST, true, true),
    f!(
        "assignee",
        ["assignee"],
        User,
        EQ_LIST_EMPTY_HIST,
        true,
        true
    ),
    f!(
        "reporter",
        ["reporter"],
        User,
        EQ_LIST_EMPTY_HIST,
        true,
        true
    ),
    f!("creator", ["creator"], User, EQ_LIST_EMPTY, true, false),
    f!("watcher", ["watcher"], User, EQ_LIST_EMPTY, false, false),
    f!(
        "labels",
        ["labels", "label"],
        Labels,
        EQ_LIST_EMPTY,
        true,
        false
    ),
    f!(
        "component",
        ["component", "components"],
        Entity,
        EQ_LIST_EMPTY,
        true,
        false
    ),
    f!(
        "fixversion",
        ["fixversion", "fixversions"],
        Entity,
        ORDERED_HIST,
        true,
        true
    ),
    f!(
        "affectedversion",
        ["affectedversion", "affectedversions", "version"],
        Entity,
        ORDERED,
        true,
        false
    ),
    f!("summary", ["summary"], Text, TEXT_OPS, true, false),
    f!("description", ["description"], Text, TEXT_OPS, false, false),
    f!("environment", ["environment"], Text, TEXT_OPS, false, false),
    f!("comment", ["comment"], Text, COMMENT_OPS, false, false),
    f!("text", ["text"], AllText, ALL_TEXT_OPS, false, false),
    f!(
        "created",
        ["created", "createddate"],
        Date,
        ORDERED,
        true,
        false
    ),
    f!(
        "updated",
        ["updated", "updateddate"],
        Date,
        ORDERED,
        true,
        false
    ),
    f!(
        "resolved",
        ["resolved", "resolutiondate"],
        Date,
        ORDERED,
        true,
        false
    ),
    f!("due", ["due", "duedate"], Date, ORDERED, true, false),
    f!(
        "resolution",
        ["resolution"],
        Entity,
        EQ_LIST_EMPTY_HIST,
        true,
        true
    ),
    f!("parent", ["parent"], Entity, PARENT_OPS, false, false),
    f!("sprint", ["sprint"], Entity, EQ_LIST_EMPTY, true, false),
];

/// The definition used for every custom field.
pub static CUSTOM: FieldDef = f!("", [], Custom, CUSTOM_OPS, true, false);

/// Looks up a core field by any of its names (case-insensitive).
pub fn core_field(name: &str) -> Option<&'static FieldDef> {
    let lower = name.to_lowercase();
    FIELDS.iter().find(|f| f.names.contains(&lower.as_str()))
}

/// True when `def` accepts `op`.
pub fn supports(def: &FieldDef, op: Op) -> bool {
    def.ops.contains(&op.display())
}

/// The canonical name an `ORDER BY` field sorts by before a context resolves custom fields:
/// core names become canonical, `cf[N]` becomes `customfield_N`, others stay as typed.
pub fn canonical_order_name(f: &FieldRef) -> String {
    if let Some(n) = &f.cf {
        return format!("customfield_{n}");
    }
    core_field(&f.name).map_or_else(|| f.name.clone(), |d| d.canonical.to_string())
}

/// The direction `ORDER BY field` uses without ASC/DESC: Jira sorts priority most urgent
/// first; everything else ascending.
pub fn default_descending(canonical: &str) -> bool {
    canonical == "priority"
}

/// The field names offered for completion (the core fields' JQL names).
pub fn field_names() -> &'static [&'static str] {
    &[
        "project",
        "issuekey",
        "issuetype",
        "status",
        "statusCategory",
        "priority",
        "assignee",
        "reporter",
        "creator",
        "watcher",
        "labels",
        "component",
        "fixVersion",
        "affectedVersion",
        "summary",
        "description",
        "environment",
        "comment",
        "text",
        "created",
        "updated",
        "resolved",
        "due",
        "resolution",
        "parent",
        "sprint",
    ]
}

/// The operators a field accepts, as Jira prints them (`"="`, `"not in"`, `"was"` …); custom
/// and unknown fields get the generic custom-field set.
pub fn operators_for(field: &str) -> &'static [&'static str] {
    core_field(field).map_or(CUSTOM_OPS, |d| d.ops)
}

/// One JQL function.
#[derive(Debug)]
pub struct FuncDef {
    /// The name as Jira spells it.
    pub name: &'static str,
    /// Minimum arguments.
    pub min: usize,
    /// Maximum arguments.
    pub max: usize,
    /// Returns a list (usable with `in`).
    pub list: bool,
    /// Implemented by the simulator.
    pub supported: bool,
}

macro_rules! func {
    ($n:expr, $min:expr, $max:expr, $list:expr, $sup:expr) => {
        FuncDef {
            name: $n,
            min: $min,
            max: $max,
            list: $list,
            supported: $sup,
        }
    };
}

/// Every function Jira knows (the simulator implements those marked supported).
pub static FUNCTIONS: &[FuncDef] = &[
    func!("now", 0, 0, false, true),
    func!("startOfDay", 0, 1, false, true),
    func!("endOfDay", 0, 1, false, true),
    func!("startOfWeek", 0, 1, false, true),
    func!("endOfWeek", 0, 1, false, true),
    func!("startOfMonth", 0, 1, false, true),
    func!("endOfMonth", 0, 1, false, true),
    func!("startOfYear", 0, 1, false, true),
    func!("endOfYear", 0, 1, false, true),
    func!("currentLogin", 0, 0, false, true),
    func!("lastLogin", 0, 0, false, true),
    func!("currentUser", 0, 0, false, true),
    func!("membersOf", 1, 1, true, true),
    func!("openSprints", 0, 0, true, true),
    func!("closedSprints", 0, 0, true, true),
    func!("futureSprints", 0, 0, true, true),
    func!("issueHistory", 0, 0, true, true),
    func!("watchedIssues", 0, 0, true, true),
    func!("votedIssues", 0, 0, true, true),
    func!("linkedIssues", 1, 2, true, true),
    func!("updatedBy", 1, 3, true, false),
    func!("parentEpic", 1, 1, true, false),
    func!("issuesWithRemoteLinksByGlobalId", 1, 100, true, false),
    func!("releasedVersions", 0, 1, true, true),
    func!("unreleasedVersions", 0, 1, true, true),
    func!("latestReleasedVersion", 0, 1, false, true),
    func!("earliestUnreleasedVersion", 0, 1, false, true),
    func!("projectsLeadByUser", 0, 1, true, true),
    func!("componentsLeadByUser", 0, 1, true, true),
    func!("projectsWhereUserHasPermission", 1, 1, true, false),
    func!("projectsWhereUserHasRole", 1, 1, true, false),
    func!("standardIssueTypes", 0, 0, true, true),
    func!("subTaskIssueTypes", 0, 0, true, true),
    func!("cascadeOption", 1, 2, false, false),
];

/// Looks up a function by name (case-insensitive).
pub fn function(name: &str) -> Option<&'static FuncDef> {
    FUNCTIONS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// The function names offered for completion (those the simulator implements), with `()`.
pub fn function_names() -> &'static [&'static str] {
    &[
        "now()",
        "startOfDay()",
        "endOfDay()",
        "startOfWeek()",
        "endOfWeek()",
        "startOfMonth()",
        "endOfMonth()",
        "startOfYear()",
        "endOfYear()",
        "currentLogin()",
        "lastLogin()",
        "currentUser()",
        "membersOf()",
        "openSprints()",
        "closedSprints()",
        "futureSprints()",
        "issueHistory()",
        "watchedIssues()",
        "votedIssues()",
        "linkedIssues()",
        "releasedVersions()",
        "unreleasedVersions()",
        "latestReleasedVersion()",
        "earliestUnreleasedVersion()",
        "projectsLeadByUser()",
        "componentsLeadByUser()",
        "standardIssueTypes()",
        "subTaskIssueTypes()",
    ]
}

/// JQL's reserved words (for `/jql/autocompletedata`'s `jqlReservedWords`).
pub fn reserved_words() -> &'static [&'static str] {
    super::parser::RESERVED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_resolves_and_names_are_unique() {
        for n in field_names() {
            assert!(core_field(n).is_some(), "{n}");
        }
        let mut all: Vec<&str> = FIELDS
            .iter()
            .flat_map(|f| f.names.iter().copied())
            .collect();
        let before = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(before, all.len());
    }

    #[test]
    fn every_completion_function_is_supported() {
        for n in function_names() {
            let f = function(n.trim_end_matches("()"));
            assert!(f.is_some_and(|f| f.supported), "{n}");
        }
    }

    #[test]
    fn operators_by_field() {
        assert_eq!(operators_for("summary"), &["~", "!~", "is", "is not"]);
        assert_eq!(operators_for("TEXT"), &["~"]);
        assert!(operators_for("priority").contains(&">"));
        assert!(!operators_for("status").contains(&">"));
        assert!(operators_for("Story Points").contains(&"~"));
    }
}
