//! Turns a parsed [`Query`] into an evaluation [`Plan`]: resolves field names (core, `cf[N]`,
//! custom fields by name), checks operators per field, evaluates functions and date values
//! once, and (when asked) checks literal values against the instance. Every problem found is
//! collected, so one response can report several, as Jira does.

use jiff::{Span, Timestamp};

use super::dates::{self, DateFnError};
use super::fields::{self, FieldDef, Kind};
use super::parser::{Clause, FieldRef, Op, Operand, PredKind, Query, Terminal};
use super::text::{TextError, TextQuery, parse_text};
use super::{EvalContext, JqlError, OrderKey};

/// Which values a leaf reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldSel {
    /// `JqlIssue::key` / `JqlIssue::id`.
    Key,
    /// summary + description + environment + comment.
    AllText,
    /// `JqlIssue::values(name)`.
    Named(String),
}

/// A value named in the query, pre-digested for fast comparison.
#[derive(Debug, Clone, Default)]
pub struct Target {
    /// Lower-case text.
    pub lc: String,
    /// As a number, when it is one.
    pub num: Option<f64>,
    /// As an instant, for date fields.
    pub ts: Option<Timestamp>,
}

/// A bound for `<`, `<=`, `>`, `>=`.
#[derive(Debug, Clone)]
pub enum Bound {
    /// An instant.
    Ts(Timestamp),
    /// A number.
    Num(f64),
    /// An entity rank.
    Order(i64),
    /// An issue key: lower-case project and number.
    Key(String, u64),
    /// An issue id.
    Id(u64),
    /// Text, compared case-insensitively.
    Text(String),
    /// Matches nothing (a value whose rank is unknown).
    Never,
}

/// History predicates of `WAS` / `CHANGED`.
#[derive(Debug, Clone, Default)]
pub struct HistPreds {
    /// `FROM` values (`None` = EMPTY), lower case.
    pub from: Option<Vec<Option<String>>>,
    /// `TO` values.
    pub to: Option<Vec<Option<String>>>,
    /// `BY` user names, lower case.
    pub by: Option<Vec<String>>,
    /// `AFTER`.
    pub after: Option<Timestamp>,
    /// `BEFORE`.
    pub before: Option<Timestamp>,
    /// `ON` / `DURING`: an inclusive-start, exclusive-end window.
    pub window: Option<(Timestamp, Timestamp)>,
}

/// What a leaf tests.
#[derive(Debug, Clone)]
pub enum Test {
    /// The field is EMPTY.
    Empty,
    /// Some value equals one of the targets (`=`, `in`).
    AnyOf(Vec<Target>),
    /// The field has a value and none equals a target (`!=`, `not in`).
    NoneOf(Vec<Target>),
    /// Some value compares to the bound.
    Cmp(Op, Bound),
    /// Text search matches.
    Like(TextQuery),
    /// The field has text and the search does not match.
    NotLike(TextQuery),
    /// The field had one of the values (`None` = EMPTY) in a window of its history.
    Was(Vec<Option<String>>, HistPreds),
    /// The field changed as described.
    Changed(HistPreds),
}

impl Test {
    /// Tests whose negation is the plain complement (no "field must have a value" rule).
    pub fn negates_exactly(&self) -> bool {
        matches!(self, Test::Empty | Test::Was(..) | Test::Changed(..))
    }
}

/// One test on one field.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// The values read.
    pub field: FieldSel,
    /// The test.
    pub test: Test,
    /// Negated by `NOT` (Jira semantics: a negated clause also requires a value, except for
    /// EMPTY and history tests).
    pub negated: bool,
}

/// A compiled condition.
#[derive(Debug, Clone)]
pub enum Pred {
    /// All.
    And(Vec<Pred>),
    /// Any.
    Or(Vec<Pred>),
    /// A test.
    Leaf(Leaf),
    /// Exact complement.
    Complement(Box<Pred>),
    /// A constant.
    Const(bool),
}

impl Pred {
    /// Pushes a `NOT` down to the leaves (De Morgan), as Jira does.
    fn negate(self) -> Pred {
        match self {
            Pred::And(v) => Pred::Or(v.into_iter().map(Pred::negate).collect()),
            Pred::Or(v) => Pred::And(v.into_iter().map(Pred::negate).collect()),
            Pred::Leaf(mut l) => {
                l.negated = !l.negated;
                Pred::Leaf(l)
            }
            Pred::Complement(p) => *p,
            Pred::Const(b) => Pred::Const(!b),
        }
    }
}

/// A compiled sort key.
#[derive(Debug, Clone)]
pub struct SortKey {
    /// The values sorted by.
    pub field: FieldSel,
    /// Descending.
    pub desc: bool,
}

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The condition (`None` = everything).
    pub pred: Option<Pred>,
    /// Sort keys.
    pub order: Vec<SortKey>,
}

/// A resolved field.
struct Resolved {
    def: &'static FieldDef,
    canonical: String,
}

const DATE_HELP: &str = "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

struct Compiler<'c> {
    cx: &'c EvalContext<'c>,
    strict: bool,
    errs: Vec<String>,
    /// Saved filters being expanded (`filter = …` inside a filter), to stop cycles.
    filters: Vec<String>,
}

fn is_key_like(s: &str) -> Option<(String, u64)> {
    let (proj, num) = s.rsplit_once('-')?;
    if proj.is_empty() || !proj.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    Some((proj.to_lowercase(), num.parse().ok()?))
}

fn selector(r: &Resolved) -> FieldSel {
    match r.def.kind {
        Kind::Key => FieldSel::Key,
        Kind::AllText => FieldSel::AllText,
        _ => FieldSel::Named(r.canonical.clone()),
    }
}

fn leaf(field: FieldSel, test: Test) -> Pred {
    Pred::Leaf(Leaf {
        field,
        test,
        negated: false,
    })
}

impl Compiler<'_> {
    fn err(&mut self, m: String) {
        if !self.errs.contains(&m) {
            self.errs.push(m);
        }
    }

    fn resolve(&mut self, f: &FieldRef) -> Option<Resolved> {
        if let Some(n) = &f.cf {
            let id = format!("customfield_{n}");
            if (self.cx.known_field)(&id) {
                return Some(Resolved {
                    def: &fields::CUSTOM,
                    canonical: id,
                });
            }
        } else if let Some(def) = fields::core_field(&f.name) {
            return Some(Resolved {
                def,
                canonical: def.canonical.to_string(),
            });
        } else if let Some(id) = (self.cx.custom_field_ids)(&f.name) {
            return Some(Resolved {
                def: &fields::CUSTOM,
                canonical: id,
            });
        } else if let Some(n) = f
            .name
            .strip_prefix("customfield_")
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
            && (self.cx.known_field)(&format!("customfield_{n}"))
        {
            return Some(Resolved {
                def: &fields::CUSTOM,
                canonical: f.name.clone(),
            });
        }
        self.err(format!(
            "Field '{}' does not exist or you do not have permission to view it.",
            f.name
        ));
        None
    }

    fn clause(&mut self, c: &Clause) -> Option<Pred> {
        match c {
            Clause::And(v) => {
                let parts: Vec<Option<Pred>> = v.iter().map(|x| self.clause(x)).collect();
                parts.into_iter().collect::<Option<Vec<_>>>().map(Pred::And)
            }
            Clause::Or(v) => {
                let parts: Vec<Option<Pred>> = v.iter().map(|x| self.clause(x)).collect();
                parts.into_iter().collect::<Option<Vec<_>>>().map(Pred::Or)
            }
            Clause::Not(inner) => self.clause(inner).map(Pred::negate),
            Clause::Term(t) => self.terminal(t),
        }
    }

    /// `filter = 10000`, `filter in ("My filter", 10001)`: the saved filters' conditions.
    fn saved_filter(&mut self, t: &Terminal) -> Option<Pred> {
        let name = t.field.name.as_str();
        if !matches!(t.op, Op::Eq | Op::Ne | Op::In | Op::NotIn) {
            self.err(format!(
                "The operator '{}' is not supported by the '{name}' field.",
                t.op.display()
            ));
            return None;
        }
        let operand = t.operand.as_ref()?;
        let list_op = matches!(t.op, Op::In | Op::NotIn);
        self.check_list_shape(t.op, operand, list_op, name)?;
        let items: Vec<&Operand> = match operand {
            Operand::List(v) => v.iter().collect(),
            o => vec![o],
        };
        let mut preds = Vec::new();
        for item in items {
            let Operand::Value { text, .. } = item else {
                self.err(format!(
                    "The value '{}' is not a valid filter for the field '{name}'.",
                    item.to_jql()
                ));
                return None;
            };
            let Some(jql) = (self.cx.filter_jql)(text) else {
                self.err(format!(
                    "The value '{text}' does not exist for the field '{name}'."
                ));
                return None;
            };
            let id = text.to_lowercase();
            if self.filters.contains(&id) || self.filters.len() >= 8 {
                self.err(format!(
                    "Field '{name}' with value '{text}' matches filter '{text}' and causes a cyclical reference, this query can not be executed and should be edited."
                ));
                return None;
            }
            let q = match super::parser::parse(&jql) {
                Ok(q) => q,
                Err(e) => {
                    e.messages.into_iter().for_each(|m| self.err(m));
                    return None;
                }
            };
            self.filters.push(id);
            let p = match &q.clause {
                Some(cl) => self.clause(cl),
                // An empty filter matches everything.
                None => Some(Pred::Const(true)),
            };
            self.filters.pop();
            preds.push(p?);
        }
        let any = Pred::Or(preds);
        Some(if matches!(t.op, Op::Ne | Op::NotIn) {
            // The issues the filters do not find.
            Pred::Complement(Box::new(any))
        } else {
            any
        })
    }

    fn terminal(&mut self, t: &Terminal) -> Option<Pred> {
        if t.field.cf.is_none()
            && ["filter", "request", "savedfilter", "searchrequest"]
                .contains(&t.field.name.to_ascii_lowercase().as_str())
        {
            return self.saved_filter(t);
        }
        let r = self.resolve(&t.field)?;
        let name = t.field.name.as_str();
        if t.op.is_history() && !r.def.history {
            self.err(format!(
                "History searches do not support the '{name}' field."
            ));
            return None;
        }
        // Jira checks the operand's shape against the operator before the field's operators:
        // `summary in test` is a non-list error, not an unsupported operator.
        let list_op = matches!(t.op, Op::In | Op::NotIn | Op::WasIn | Op::WasNotIn);
        if let Some(operand) = &t.operand
            && matches!(
                t.op,
                Op::Eq
                    | Op::Ne
                    | Op::In
                    | Op::NotIn
                    | Op::Was
                    | Op::WasNot
                    | Op::WasIn
                    | Op::WasNotIn
            )
        {
            self.check_list_shape(t.op, operand, list_op, name)?;
        }
        if !fields::supports(r.def, t.op) {
            self.err(format!(
                "The operator '{}' is not supported by the '{name}' field.",
                t.op.display()
            ));
            return None;
        }
        let sel = selector(&r);
        match t.op {
            Op::Is | Op::IsNot => match &t.operand {
                Some(Operand::Empty) => {
                    let p = leaf(sel, Test::Empty);
                    Some(if t.op == Op::IsNot { p.negate() } else { p })
                }
                _ => {
                    self.err(format!(
                        "The operator '{}' only supports searching for EMPTY values.",
                        t.op.display()
                    ));
                    None
                }
            },
            Op::Eq | Op::Ne | Op::In | Op::NotIn => {
                let operand = t.operand.as_ref()?;
                if let Operand::Func { name: fname, args } = operand
                    && r.def.kind == Kind::Key
                    && fname.eq_ignore_ascii_case("watchedIssues")
                {
                    self.check_function(fname, args)?;
                    // The caller's watched issues: those whose watchers include the caller.
                    let me = self.cx.current_user.clone().unwrap_or_default();
                    let targets = me
                        .into_iter()
                        .map(|n| Target {
                            lc: n.to_lowercase(),
                            ..Target::default()
                        })
                        .collect();
                    let p = leaf(FieldSel::Named("watcher".into()), Test::AnyOf(targets));
                    return Some(if matches!(t.op, Op::Eq | Op::In) {
                        p
                    } else {
                        Pred::Complement(Box::new(p))
                    });
                }
                let (targets, has_empty) = self.targets(&r, name, operand, false)?;
                let positive = matches!(t.op, Op::Eq | Op::In);
                let values = if positive {
                    Test::AnyOf(targets.clone())
                } else {
                    Test::NoneOf(targets.clone())
                };
                let main = leaf(sel.clone(), values);
                Some(match (has_empty, targets.is_empty(), positive) {
                    (false, _, _) => main,
                    (true, true, true) => leaf(sel, Test::Empty),
                    (true, true, false) => leaf(sel, Test::Empty).negate(),
                    (true, false, true) => Pred::Or(vec![leaf(sel, Test::Empty), main]),
                    (true, false, false) => Pred::And(vec![leaf(sel, Test::Empty).negate(), main]),
                })
            }
            Op::Lt | Op::Le | Op::Gt | Op::Ge => {
                let operand = t.operand.as_ref()?;
                let bound = self.bound(&r, name, t.op, operand)?;
                Some(leaf(sel, Test::Cmp(t.op, bound)))
            }
            Op::Like | Op::NotLike => {
                let operand = t.operand.as_ref()?;
                match operand {
                    Operand::Empty => {
                        let p = leaf(sel, Test::Empty);
                        Some(if t.op == Op::NotLike { p.negate() } else { p })
                    }
                    Operand::Value { text, .. } => {
                        match parse_text(text) {
                            Ok(q) => Some(leaf(
                                sel,
                                if t.op == Op::Like {
                                    Test::Like(q)
                                } else {
                                    Test::NotLike(q)
                                },
                            )),
                            Err(TextError::Empty) => {
                                self.err(format!("The field '{name}' does not support searching for an empty string."));
                                None
                            }
                            Err(TextError::Unparsable) => {
                                self.err(format!(
                                    "Unable to parse the text '{text}' for field '{name}'."
                                ));
                                None
                            }
                        }
                    }
                    Operand::List(_) => {
                        self.err(format!(
                            "Operator '{}' does not support the list value '{}' for field '{name}'.",
                            t.op.display(),
                            operand.display()
                        ));
                        None
                    }
                    Operand::Func { name: fname, args } => {
                        self.check_function(fname, args)?;
                        self.err(format!("A value provided by the function '{fname}' is invalid for the field '{name}'."));
                        None
                    }
                }
            }
            Op::Was | Op::WasNot | Op::WasIn | Op::WasNotIn => {
                let operand = t.operand.as_ref()?;
                let (targets, has_empty) = self.targets(&r, name, operand, true)?;
                let mut values: Vec<Option<String>> =
                    targets.into_iter().map(|x| Some(x.lc)).collect();
                if has_empty {
                    values.push(None);
                }
                let preds = self.hist_preds(t, false)?;
                let p = leaf(sel, Test::Was(values, preds));
                Some(if matches!(t.op, Op::WasNot | Op::WasNotIn) {
                    p.negate()
                } else {
                    p
                })
            }
            Op::Changed => {
                let preds = self.hist_preds(t, true)?;
                Some(leaf(sel, Test::Changed(preds)))
            }
        }
    }

    /// `in` needs a list (or a list function); `=` must not get a list.
    fn check_list_shape(
        &mut self,
        op: Op,
        operand: &Operand,
        list_op: bool,
        name: &str,
    ) -> Option<()> {
        let is_list = match operand {
            Operand::List(_) => true,
            Operand::Func { name: f, .. } => fields::function(f).is_some_and(|d| d.list),
            _ => false,
        };
        if list_op && !is_list && !matches!(operand, Operand::Func { .. }) {
            self.err(format!(
                "Operator '{}' does not support the non-list value '{}' for field '{name}'.",
                op.display(),
                operand.display()
            ));
            return None;
        }
        if !list_op && matches!(operand, Operand::List(_)) {
            self.err(format!(
                "Operator '{}' does not support the list value '{}' for field '{name}'.",
                op.display(),
                operand.display()
            ));
            return None;
        }
        Some(())
    }

    /// Checks a function's existence and argument count.
    fn check_function(&mut self, fname: &str, args: &[String]) -> Option<&'static fields::FuncDef> {
        let Some(def) = fields::function(fname) else {
            self.err(format!("Unable to find JQL function '{fname}()'."));
            return None;
        };
        if args.len() < def.min || args.len() > def.max {
            if def.min == def.max {
                self.err(format!(
                    "Function '{}' expected '{}' arguments but received '{}'.",
                    def.name,
                    def.min,
                    args.len()
                ));
            } else {
                self.err(format!(
                    "Function '{}' expected between '{}' and '{}' arguments but received '{}'.",
                    def.name,
                    def.min,
                    def.max,
                    args.len()
                ));
            }
            return None;
        }
        if !def.supported {
            self.err(format!("Function '{}' is not supported.", def.name));
            return None;
        }
        Some(def)
    }

    fn date_fn(&mut self, fname: &str, args: &[String]) -> Option<Timestamp> {
        match dates::date_function(fname, args.first().map(String::as_str), self.cx.now) {
            Ok(ts) => Some(ts),
            Err(DateFnError::BadIncrement) => {
                let canonical = fields::function(fname).map_or(fname, |d| d.name);
                self.err(format!(
                    "Duration for function '{canonical}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."
                ));
                None
            }
            Err(DateFnError::Unknown) => None,
        }
    }

    /// The values an operand stands for, and whether it includes EMPTY.
    fn targets(
        &mut self,
        r: &Resolved,
        name: &str,
        operand: &Operand,
        history: bool,
    ) -> Option<(Vec<Target>, bool)> {
        let mut out = Vec::new();
        let mut empty = false;
        let items: Vec<&Operand> = match operand {
            Operand::List(v) => v.iter().collect(),
            o => vec![o],
        };
        let mut ok = true;
        for item in items {
            match item {
                Operand::Empty => empty = true,
                Operand::List(_) => {
                    self.err(format!(
                        "Operator 'in' does not support the list value '{}' for field '{name}'.",
                        item.display()
                    ));
                    ok = false;
                }
                Operand::Value { text, .. } => {
                    if r.canonical == "resolution" && text.eq_ignore_ascii_case("unresolved") {
                        empty = true;
                        continue;
                    }
                    match self.literal(r, name, text) {
                        Some(t) => out.push(t),
                        None => ok = false,
                    }
                }
                Operand::Func { name: fname, args } => {
                    match self.function_targets(r, name, fname, args, history) {
                        Some(mut v) => out.append(&mut v),
                        None => ok = false,
                    }
                }
            }
        }
        ok.then_some((out, empty))
    }

    fn function_targets(
        &mut self,
        r: &Resolved,
        name: &str,
        fname: &str,
        args: &[String],
        history: bool,
    ) -> Option<Vec<Target>> {
        let def = self.check_function(fname, args)?;
        let kind = r.def.kind;
        let invalid = |me: &mut Self| {
            me.err(format!(
                "A value provided by the function '{}' is invalid for the field '{name}'.",
                def.name
            ));
            None
        };
        let names = |v: Vec<String>| {
            v.into_iter()
                .map(|n| Target {
                    lc: n.to_lowercase(),
                    ..Target::default()
                })
                .collect()
        };
        match def.name {
            "releasedVersions"
            | "unreleasedVersions"
            | "latestReleasedVersion"
            | "earliestUnreleasedVersion"
            | "standardIssueTypes"
            | "subTaskIssueTypes"
            | "projectsLeadByUser"
            | "componentsLeadByUser"
            | "linkedIssues" => {
                let fits = match def.name {
                    "standardIssueTypes" | "subTaskIssueTypes" => r.canonical == "issuetype",
                    "projectsLeadByUser" => r.canonical == "project",
                    "componentsLeadByUser" => r.canonical == "component",
                    "linkedIssues" => matches!(kind, Kind::Key) || r.canonical == "parent",
                    _ => {
                        matches!(r.canonical.as_str(), "fixversion" | "affectedversion")
                            || matches!(kind, Kind::Custom)
                    }
                };
                if history || !fits {
                    return invalid(self);
                }
                match (self.cx.instance_function)(def.name, args) {
                    Some(Ok(v)) => Some(names(v)),
                    Some(Err(m)) => {
                        self.err(m);
                        None
                    }
                    None => {
                        self.err(format!("Function '{}' is not supported.", def.name));
                        None
                    }
                }
            }
            "currentUser" => {
                if history || !matches!(kind, Kind::User | Kind::Custom) {
                    return invalid(self);
                }
                Some(names(self.cx.current_user.clone().unwrap_or_default()))
            }
            "membersOf" => {
                if !matches!(kind, Kind::User | Kind::Custom) {
                    return invalid(self);
                }
                let group = args.first().map(String::as_str).unwrap_or_default();
                match (self.cx.members_of)(group) {
                    Some(v) => Some(names(v)),
                    None => {
                        self.err(format!(
                            "Function 'membersOf' can not generate a list of usernames for group '{group}'; the group does not exist."
                        ));
                        None
                    }
                }
            }
            "openSprints" | "closedSprints" | "futureSprints" => {
                if !matches!(kind, Kind::Custom) && r.canonical != "sprint" {
                    return invalid(self);
                }
                Some(Vec::new())
            }
            "issueHistory" | "votedIssues" => {
                if !matches!(kind, Kind::Key) && r.canonical != "parent" {
                    return invalid(self);
                }
                Some(Vec::new())
            }
            "watchedIssues" => {
                // Handled as a watcher test by the caller would be exact; as targets it can
                // only name issue keys, which the evaluator does not know here.
                if !matches!(kind, Kind::Key) {
                    return invalid(self);
                }
                Some(Vec::new())
            }
            _ => {
                if !matches!(kind, Kind::Date | Kind::Custom) {
                    return invalid(self);
                }
                let ts = self.date_fn(def.name, args)?;
                Some(vec![Target {
                    lc: String::new(),
                    num: None,
                    ts: Some(ts),
                }])
            }
        }
    }

    fn check_known(&mut self, r: &Resolved, name: &str, text: &str) {
        if !self.strict {
            return;
        }
        if (self.cx.known_values)(&r.canonical, text) == Some(false) {
            if matches!(r.def.kind, Kind::Key) || r.canonical == "parent" {
                self.err(format!(
                    "An issue with key '{text}' does not exist for field '{name}'."
                ));
            } else if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
                self.err(format!(
                    "A value with ID '{text}' does not exist for the field '{name}'."
                ));
            } else {
                self.err(format!(
                    "The value '{text}' does not exist for the field '{name}'."
                ));
            }
        }
    }

    fn literal(&mut self, r: &Resolved, name: &str, text: &str) -> Option<Target> {
        let lc = text.to_lowercase();
        match r.def.kind {
            Kind::Date => match dates::parse_date_value(text, self.cx.now) {
                Some(ts) => Some(Target {
                    lc,
                    num: None,
                    ts: Some(ts),
                }),
                None => {
                    self.err(format!(
                        "Date value '{text}' for field '{name}' is invalid. {DATE_HELP}"
                    ));
                    None
                }
            },
            Kind::Key => {
                let num = text.parse::<u64>().ok().map(|n| n as f64);
                if num.is_none() && is_key_like(text).is_none() {
                    self.err(format!(
                        "The issue key '{text}' for field '{name}' is invalid."
                    ));
                    return None;
                }
                self.check_known(r, name, text);
                Some(Target { lc, num, ts: None })
            }
            Kind::Custom => {
                let num = text.parse::<f64>().ok();
                let ts = dates::parse_absolute(text);
                Some(Target { lc, num, ts })
            }
            _ => {
                if r.canonical == "parent"
                    && text.parse::<u64>().is_err()
                    && is_key_like(text).is_none()
                {
                    self.err(format!(
                        "The issue key '{text}' for field '{name}' is invalid."
                    ));
                    return None;
                }
                if !matches!(r.def.kind, Kind::Labels | Kind::Text | Kind::AllText) {
                    self.check_known(r, name, text);
                }
                Some(Target {
                    lc,
                    num: text.parse::<f64>().ok(),
                    ts: None,
                })
            }
        }
    }

    fn bound(&mut self, r: &Resolved, name: &str, op: Op, operand: &Operand) -> Option<Bound> {
        match operand {
            Operand::Empty | Operand::List(_) => {
                let what = if matches!(operand, Operand::Empty) {
                    "EMPTY"
                } else {
                    "list"
                };
                self.err(format!(
                    "Operator '{}' does not support the {what} value '{}' for field '{name}'.",
                    op.display(),
                    operand.display()
                ));
                None
            }
            Operand::Func { .. } => {
                let (targets, _) = self.targets(r, name, operand, false)?;
                match targets.first().and_then(|t| t.ts) {
                    Some(ts) => Some(Bound::Ts(ts)),
                    None => Some(Bound::Never),
                }
            }
            Operand::Value { text, .. } => match r.def.kind {
                Kind::Date => self
                    .literal(r, name, text)
                    .and_then(|t| t.ts)
                    .map(Bound::Ts),
                Kind::Key => {
                    let t = self.literal(r, name, text)?;
                    match (t.num, is_key_like(text)) {
                        (Some(n), _) => Some(Bound::Id(n as u64)),
                        (None, Some((p, n))) => Some(Bound::Key(p, n)),
                        (None, None) => None,
                    }
                }
                Kind::Custom => Some(if let Ok(n) = text.parse::<f64>() {
                    Bound::Num(n)
                } else if let Some(ts) = dates::parse_date_value(text, self.cx.now) {
                    Bound::Ts(ts)
                } else {
                    Bound::Text(text.to_lowercase())
                }),
                _ => {
                    self.check_known(r, name, text);
                    Some(match (self.cx.value_order)(&r.canonical, text) {
                        Some(o) => Bound::Order(o),
                        None => Bound::Never,
                    })
                }
            },
        }
    }

    fn date_operand(&mut self, operand: &Operand, what: &str) -> Option<Timestamp> {
        match operand {
            Operand::Value { text, .. } => match dates::parse_date_value(text, self.cx.now) {
                Some(ts) => Some(ts),
                None => {
                    self.err(format!(
                        "Date value '{text}' for field '{what}' is invalid. {DATE_HELP}"
                    ));
                    None
                }
            },
            Operand::Func { name, args } => {
                let def = self.check_function(name, args)?;
                if dates::date_function(def.name, None, self.cx.now) == Err(DateFnError::Unknown) {
                    self.err(format!(
                        "A value provided by the function '{}' is invalid for the field '{what}'.",
                        def.name
                    ));
                    return None;
                }
                self.date_fn(def.name, args)
            }
            _ => {
                self.err(format!(
                    "The history predicate '{what}' does not support the value '{}'.",
                    operand.to_jql()
                ));
                None
            }
        }
    }

    fn hist_values(&mut self, operand: &Operand) -> Option<Vec<Option<String>>> {
        let items: Vec<&Operand> = match operand {
            Operand::List(v) => v.iter().collect(),
            o => vec![o],
        };
        let mut out = Vec::new();
        for i in items {
            match i {
                Operand::Empty => out.push(None),
                Operand::Value { text, .. } => out.push(Some(text.to_lowercase())),
                _ => {
                    self.err(format!(
                        "The history predicate does not support the value '{}'.",
                        i.to_jql()
                    ));
                    return None;
                }
            }
        }
        Some(out)
    }

    fn hist_users(&mut self, operand: &Operand) -> Option<Vec<String>> {
        let items: Vec<&Operand> = match operand {
            Operand::List(v) => v.iter().collect(),
            o => vec![o],
        };
        let mut out = Vec::new();
        for i in items {
            match i {
                Operand::Value { text, .. } => out.push(text.to_lowercase()),
                Operand::Func { name, args } => {
                    let def = self.check_function(name, args)?;
                    match def.name {
                        "currentUser" => out.extend(
                            self.cx
                                .current_user
                                .clone()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|n| n.to_lowercase()),
                        ),
                        "membersOf" => {
                            let group = args.first().map(String::as_str).unwrap_or_default();
                            match (self.cx.members_of)(group) {
                                Some(v) => out.extend(v.into_iter().map(|n| n.to_lowercase())),
                                None => {
                                    self.err(format!(
                                        "Function 'membersOf' can not generate a list of usernames for group '{group}'; the group does not exist."
                                    ));
                                    return None;
                                }
                            }
                        }
                        other => {
                            self.err(format!("A value provided by the function '{other}' is invalid for the field 'by'."));
                            return None;
                        }
                    }
                }
                _ => {
                    self.err(format!(
                        "The history predicate 'by' does not support the value '{}'.",
                        i.to_jql()
                    ));
                    return None;
                }
            }
        }
        Some(out)
    }

    fn hist_preds(&mut self, t: &Terminal, changed: bool) -> Option<HistPreds> {
        let mut p = HistPreds::default();
        let mut ok = true;
        for (kind, operand) in &t.preds {
            match kind {
                PredKind::From | PredKind::To if !changed => {
                    let word = if *kind == PredKind::From {
                        "FROM"
                    } else {
                        "TO"
                    };
                    self.err(format!(
                        "The '{word}' predicate is only supported by the 'changed' operator."
                    ));
                    ok = false;
                }
                PredKind::From => {
                    p.from = self.hist_values(operand).or_else(|| {
                        ok = false;
                        None
                    })
                }
                PredKind::To => {
                    p.to = self.hist_values(operand).or_else(|| {
                        ok = false;
                        None
                    })
                }
                PredKind::By => {
                    p.by = self.hist_users(operand).or_else(|| {
                        ok = false;
                        None
                    })
                }
                PredKind::After => match self.date_operand(operand, "after") {
                    Some(ts) => p.after = Some(ts),
                    None => ok = false,
                },
                PredKind::Before => match self.date_operand(operand, "before") {
                    Some(ts) => p.before = Some(ts),
                    None => ok = false,
                },
                PredKind::On => match self.date_operand(operand, "on") {
                    Some(ts) => {
                        let start = ts
                            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                            .start_of_day()
                            .ok();
                        let end = start
                            .as_ref()
                            .and_then(|s| s.checked_add(Span::new().days(1)).ok());
                        match (start, end) {
                            (Some(s), Some(e)) => p.window = Some((s.timestamp(), e.timestamp())),
                            _ => ok = false,
                        }
                    }
                    None => ok = false,
                },
                PredKind::During => {
                    let pair = match operand {
                        Operand::List(v) if v.len() == 2 => {
                            let a = self.date_operand(&v[0], "during");
                            let b = self.date_operand(&v[1], "during");
                            a.zip(b)
                        }
                        _ => {
                            self.err(format!(
                                "The 'DURING' predicate needs two dates, e.g. DURING (\"2026/01/01\", \"2026/02/01\"), but got '{}'.",
                                operand.to_jql()
                            ));
                            None
                        }
                    };
                    match pair {
                        Some((a, b)) => p.window = Some((a, b)),
                        None => ok = false,
                    }
                }
            }
        }
        ok.then_some(p)
    }

    fn order(&mut self, q: &Query) -> Vec<SortKey> {
        if q.order.is_empty() {
            return q.order_keys.iter().map(|k| self.default_key(k)).collect();
        }
        let mut out = Vec::new();
        for item in &q.order {
            let resolved = if let Some(n) = &item.field.cf {
                let id = format!("customfield_{n}");
                (self.cx.known_field)(&id).then_some(Resolved {
                    def: &fields::CUSTOM,
                    canonical: id,
                })
            } else if let Some(def) = fields::core_field(&item.field.name) {
                def.orderable.then(|| Resolved {
                    def,
                    canonical: def.canonical.to_string(),
                })
            } else {
                (self.cx.custom_field_ids)(&item.field.name).map(|id| Resolved {
                    def: &fields::CUSTOM,
                    canonical: id,
                })
            };
            match resolved {
                Some(r) => {
                    let desc = item
                        .descending
                        .unwrap_or_else(|| fields::default_descending(&r.canonical));
                    out.push(SortKey {
                        field: selector(&r),
                        desc,
                    });
                }
                None => self.err(format!(
                    "Not able to sort using field '{}'.",
                    item.field.name
                )),
            }
        }
        out
    }

    fn default_key(&self, k: &OrderKey) -> SortKey {
        let field = if k.field == "key" {
            FieldSel::Key
        } else {
            FieldSel::Named(k.field.clone())
        };
        SortKey {
            field,
            desc: k.descending,
        }
    }
}

/// Compiles a query; `strict` also checks literal values with `known_values`.
pub fn compile(q: &Query, cx: &EvalContext<'_>, strict: bool) -> Result<Plan, JqlError> {
    let mut c = Compiler {
        cx,
        strict,
        errs: Vec::new(),
        filters: Vec::new(),
    };
    let pred = q.clause.as_ref().and_then(|cl| c.clause(cl));
    let order = c.order(q);
    if c.errs.is_empty() {
        Ok(Plan {
            pred: if q.clause.is_some() {
                pred.or(Some(Pred::Const(false)))
            } else {
                None
            },
            order,
        })
    } else {
        Err(JqlError { messages: c.errs })
    }
}
