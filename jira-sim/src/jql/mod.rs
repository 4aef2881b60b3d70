//! JQL for the simulator: lexer, recursive-descent parser, validator and evaluator.
//!
//! The server hands this module a query string and an iterator of issues that implement
//! [`JqlIssue`]; it gets back the matching issues in order, or a [`JqlError`] whose messages
//! are worded exactly as Jira words them. The module knows nothing of HTTP or of the
//! simulator's state: everything it needs about the instance (the caller, groups, custom field
//! names, which values exist) comes through [`EvalContext`].
//!
//! Phases: [`parse`] is pure syntax (no context). [`validate`] resolves fields and functions and
//! checks every literal value against the instance (Jira's "value does not exist" errors, all
//! collected at once). [`filter_and_sort`] resolves fields and functions too (so unknown
//! fields or functions are still errors) but does not check literal values, so a server can
//! implement `validateQuery=warn` by turning [`validate`]'s messages into warnings.

mod compile;
mod dates;
mod eval;
mod fields;
mod lexer;
mod parser;
mod text;

use std::fmt;

pub use fields::{field_names, function_names, operators_for, reserved_words};
pub use parser::Query;

/// A JQL error: one or more messages, each worded as Jira words it (a server puts them in
/// `errorMessages` of a 400 response).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JqlError {
    /// The messages, in the order found.
    pub messages: Vec<String>,
}

impl JqlError {
    /// An error with one message.
    pub fn new(message: impl Into<String>) -> JqlError {
        JqlError {
            messages: vec![message.into()],
        }
    }
}

impl fmt::Display for JqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages.join(" "))
    }
}

impl std::error::Error for JqlError {}

/// One `ORDER BY` key: a canonical field name (as passed to [`JqlIssue::values`], or `"key"`)
/// and a direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKey {
    /// Canonical lower-case field name (`"created"`, `"key"`, `"customfield_10016"`).
    pub field: String,
    /// True for `DESC`.
    pub descending: bool,
}

impl OrderKey {
    /// An order key on a canonical field name.
    pub fn new(field: impl Into<String>, descending: bool) -> OrderKey {
        OrderKey {
            field: field.into(),
            descending,
        }
    }
}

/// Parses a JQL string (syntax only; see the module docs for the later phases).
///
/// The empty string (or only whitespace) is a valid query that matches every issue.
pub fn parse(jql: &str) -> Result<Query, JqlError> {
    parser::parse(jql)
}

/// Checks a parsed query against the instance: unknown fields, unsupported operators, unknown
/// functions, bad dates and values that do not exist (via [`EvalContext::known_values`]). All
/// problems found are returned together, as Jira does.
pub fn validate(q: &Query, cx: &EvalContext<'_>) -> Result<(), JqlError> {
    compile::compile(q, cx, true).map(|_| ())
}

/// Returns the issues that match `q`, sorted by its `ORDER BY` keys (a stable sort; issues that
/// compare equal keep their input order, and with no `ORDER BY` the input order is kept).
///
/// Errors for unknown fields, operators, functions and malformed values; literal values that
/// do not exist on the instance are not errors here (they just match nothing).
pub fn filter_and_sort<'a, I: JqlIssue + 'a>(
    q: &Query,
    issues: impl Iterator<Item = &'a I>,
    cx: &EvalContext<'_>,
) -> Result<Vec<&'a I>, JqlError> {
    let plan = compile::compile(q, cx, false)?;
    Ok(eval::run(&plan, issues))
}

/// A value of an issue field as the evaluator sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum JqlValue {
    /// Free text or a plain string (summary, a label, a text custom field).
    Text(String),
    /// A number (a number custom field, votes).
    Number(f64),
    /// An instant (created, updated, resolved).
    Date(jiff::Timestamp),
    /// A calendar day (due date, date-picker custom fields); compared as midnight UTC.
    Day(jiff::civil::Date),
    /// A named entity (project, user, status, version, …). It equals a JQL value when any of
    /// its names does, case-insensitively (project key/name/id, user name/key/accountId/
    /// displayName/email, status name/id, version name/id …). `order` ranks it for `<`/`>`
    /// and `ORDER BY`: a larger order is "greater" (so for priorities give the most urgent
    /// priority the largest order; for versions, later versions larger).
    Entity {
        /// Every name the entity answers to.
        names: Vec<String>,
        /// Its rank for comparisons and sorting.
        order: i64,
    },
}

/// One change from an issue's history, for `WAS` and `CHANGED`.
#[derive(Debug, Clone, PartialEq)]
pub struct JqlChange {
    /// Canonical field name (`"status"`, `"assignee"`, `"priority"`, `"resolution"`,
    /// `"fixversion"`, `"reporter"`).
    pub field: String,
    /// Value before the change (a name, compared case-insensitively); `None` for empty.
    pub from: Option<String>,
    /// Value after the change; `None` for empty.
    pub to: Option<String>,
    /// When the change happened.
    pub at: jiff::Timestamp,
    /// Who made it (any of the user's names; compared case-insensitively).
    pub by: String,
}

/// `group -> member names` (`None` when the group does not exist).
pub type NamesFn = Box<dyn Fn(&str) -> Option<Vec<String>>>;
/// `field name as typed -> custom field id`.
pub type LookupFn = Box<dyn Fn(&str) -> Option<String>>;
/// `(canonical field, value) -> exists?` (`None` = not validated). It may borrow the
/// instance's data for the context's lifetime `'a`.
pub type KnownValueFn<'a> = Box<dyn Fn(&str, &str) -> Option<bool> + 'a>;
/// `(function, arguments) -> the names or ids its values match`; `Err` is a message for a
/// bad argument; `None` when the instance does not answer that function.
pub type InstanceFn<'a> = Box<dyn Fn(&str, &[String]) -> Option<Result<Vec<String>, String>> + 'a>;
/// `filter id or name -> its JQL` (`None` when there is no such filter for the caller).
pub type FilterFn<'a> = Box<dyn Fn(&str) -> Option<String> + 'a>;
/// `(canonical field, value) -> rank`.
pub type ValueOrderFn = Box<dyn Fn(&str, &str) -> Option<i64>>;

/// Everything the evaluator needs to know about the instance and the caller.
pub struct EvalContext<'a> {
    /// The instant relative dates and date functions are computed from (UTC).
    pub now: jiff::Timestamp,
    /// The caller's names (username, key, accountId …) for `currentUser()`; `None` when
    /// anonymous (then `currentUser()` matches nothing).
    pub current_user: Option<Vec<String>>,
    /// Names of the members of a group (any names users match by), or `None` when no such
    /// group exists (then `membersOf()` is an error, as in Jira).
    pub members_of: NamesFn,
    /// Custom field id (`"customfield_10016"`) for a field name as typed (`"Story Points"`);
    /// called with the name as typed, match it case-insensitively.
    pub custom_field_ids: LookupFn,
    /// Whether a custom field id (`"customfield_10016"`) exists; used for `cf[10016]`.
    pub known_field: Box<dyn Fn(&str) -> bool>,
    /// Whether `value` exists for canonical `field` (`"project"`, `"status"`, `"assignee"`,
    /// `"key"`, …). `None` = don't validate this field. Only [`validate`] calls it.
    pub known_values: KnownValueFn<'a>,
    /// The rank (same scale as [`JqlValue::Entity`]'s `order`) of a value named in the query
    /// for `<`/`>` on priorities and versions: `(field, value) -> order`.
    pub value_order: ValueOrderFn,
    /// The functions that read instance data: `releasedVersions([project])`,
    /// `unreleasedVersions([project])`, `latestReleasedVersion([project])`,
    /// `earliestUnreleasedVersion([project])` (version ids), `standardIssueTypes()`,
    /// `subTaskIssueTypes()` (issue type ids), `projectsLeadByUser([user])` (project ids),
    /// `componentsLeadByUser([user])` (component ids), `linkedIssues(key[, link phrase])`
    /// (issue keys). Unanswered functions are "not supported".
    pub instance_function: InstanceFn<'a>,
    /// The JQL of a saved filter the caller may see, by id or name (for `filter = …`).
    pub filter_jql: FilterFn<'a>,
    /// Cloud flavour (some functions and messages differ).
    pub flavor_cloud: bool,
}

impl<'a> EvalContext<'a> {
    /// A context with nothing known: anonymous caller, no groups, no custom fields, no value
    /// validation. Set the fields you can answer.
    pub fn new(now: jiff::Timestamp) -> EvalContext<'a> {
        EvalContext {
            now,
            current_user: None,
            members_of: Box::new(|_| None),
            custom_field_ids: Box::new(|_| None),
            known_field: Box::new(|_| false),
            known_values: Box::new(|_, _| None),
            value_order: Box::new(|_, _| None),
            instance_function: Box::new(|_, _| None),
            filter_jql: Box::new(|_| None),
            flavor_cloud: false,
        }
    }
}

impl fmt::Debug for EvalContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EvalContext")
            .field("now", &self.now)
            .field("current_user", &self.current_user)
            .field("flavor_cloud", &self.flavor_cloud)
            .finish_non_exhaustive()
    }
}

/// An issue the evaluator can read.
pub trait JqlIssue {
    /// The issue key (`"TEST-12"`).
    fn key(&self) -> &str;
    /// The numeric issue id.
    fn id(&self) -> u64;
    /// Values of a field by canonical lower-case JQL name ("project", "issuetype", "status",
    /// "statuscategory", "priority", "assignee", "reporter", "creator", "labels", "component",
    /// "fixversion", "affectedversion", "summary", "description", "environment", "comment",
    /// "created", "updated", "resolved", "resolution", "due", "parent", "watcher", "sprint",
    /// custom fields as "customfield_10016"); an empty Vec means EMPTY. ("key" is read through
    /// [`JqlIssue::key`] and [`JqlIssue::id`] instead.)
    fn values(&self, field: &str) -> Vec<JqlValue>;
    /// The issue's change history (any order), for `WAS` and `CHANGED`.
    fn history(&self) -> Vec<JqlChange>;
}
