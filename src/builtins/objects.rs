//! Object pipeline commands: Select-Object, Where-Object, ForEach-Object, Sort-Object,
//! Group-Object, Measure-Object, Get-Member. They stream where PowerShell does (Select -First
//! stops its upstream) and collect only where they must (Sort, Group, Measure, Select -Last).

use std::cmp::Ordering;
use std::rc::Rc;

use crate::builtins::{Collect, eval_block, fail, get_prop, make_record, prop_names, record, text};
use crate::cmd::registry::wildcard;
use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, SetSpec, Ty, param};
use crate::cmd::{Bound, Command, Sink};
use crate::eval::Interp;
use crate::eval::convert;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::members::{MEMBER_TYPE_NAMES, Member, members};
use crate::eval::value::{PropMap, RecordData, TypeInfo, Value};
use crate::eval::{methods, ops};

const INPUT: ParamSpec = param("InputObject", Ty::Any)
    .by_value()
    .help("The object to process (usually from the pipeline).");

/// One entry of `-Property`: a name (wildcards allowed), a calculated property, or a script block.
pub(crate) enum PropSel {
    Name(String),
    Calc {
        name: String,
        expr: Expr,
        descending: Option<bool>,
    },
}

pub(crate) enum Expr {
    Name(String),
    Block(Rc<crate::lang::ast::ScriptBlockDef>),
}

/// A calculated-property key: any key that is a prefix of one of `fulls` (`n`, `l`, `e`, …).
fn hash_get(h: &Value, fulls: &[&str]) -> Option<Value> {
    let Value::Hashtable(map) = h else {
        return None;
    };
    let map = map.borrow();
    map.iter()
        .find(|(k, _)| {
            !k.is_empty() && fulls.iter().any(|f| f.starts_with(&k.to_ascii_lowercase()))
        })
        .map(|(_, v)| v.clone())
}

pub(crate) fn parse_props(cmd: &str, b: &Bound, name: &str) -> Result<Vec<PropSel>, Flow> {
    let mut out = Vec::new();
    for v in b.list(name) {
        match &v {
            Value::ScriptBlock(sb) => {
                let label = sb
                    .source
                    .get(sb.span.start..sb.span.end)
                    .unwrap_or("")
                    .trim_matches(['{', '}'])
                    .trim()
                    .to_owned();
                out.push(PropSel::Calc {
                    name: label,
                    expr: Expr::Block(sb.clone()),
                    descending: None,
                });
            }
            Value::Hashtable(_) => {
                let expr = match hash_get(&v, &["expression"]) {
                    Some(Value::ScriptBlock(sb)) => Expr::Block(sb),
                    Some(other) => Expr::Name(text(&other)),
                    None => {
                        return Err(fail(
                            cmd,
                            ErrorCategory::InvalidArgument,
                            "The Expression key is missing from the calculated property hashtable.",
                        ));
                    }
                };
                let name = match hash_get(&v, &["name", "label"]) {
                    Some(n) => text(&n),
                    None => match &expr {
                        Expr::Name(n) => n.clone(),
                        Expr::Block(sb) => sb
                            .source
                            .get(sb.span.start..sb.span.end)
                            .unwrap_or("")
                            .to_owned(),
                    },
                };
                let descending = hash_get(&v, &["descending"])
                    .map(|d| convert::to_bool(&d))
                    .or_else(|| hash_get(&v, &["ascending"]).map(|a| !convert::to_bool(&a)));
                out.push(PropSel::Calc {
                    name,
                    expr,
                    descending,
                });
            }
            other => out.push(PropSel::Name(text(other))),
        }
    }
    Ok(out)
}

fn eval_expr(it: &mut Interp, e: &Expr, input: &Value) -> Result<Value, Flow> {
    match e {
        Expr::Name(n) => Ok(get_prop(input, n)),
        Expr::Block(sb) => eval_block(it, sb, Some(input.clone())),
    }
}

/// The values of the selected properties of `input` (wildcards expand to matching names).
pub(crate) fn select_pairs(
    it: &mut Interp,
    sels: &[PropSel],
    exclude: &[String],
    input: &Value,
) -> Result<Vec<(String, Value)>, Flow> {
    let names = prop_names(input);
    let mut out: Vec<(String, Value)> = Vec::new();
    let excluded = |n: &str| exclude.iter().any(|x| wildcard(x, n));
    for s in sels {
        match s {
            PropSel::Name(pat) if pat.contains(['*', '?', '[']) => {
                for n in names.iter().filter(|n| wildcard(pat, n) && !excluded(n)) {
                    if !out.iter().any(|(k, _)| k.eq_ignore_ascii_case(n)) {
                        out.push((n.clone(), get_prop(input, n)));
                    }
                }
            }
            PropSel::Name(n) => {
                if !excluded(n) && !out.iter().any(|(k, _)| k.eq_ignore_ascii_case(n)) {
                    let canon = names
                        .iter()
                        .find(|k| k.eq_ignore_ascii_case(n))
                        .cloned()
                        .unwrap_or_else(|| n.clone());
                    out.push((canon, get_prop(input, n)));
                }
            }
            PropSel::Calc { name, expr, .. } => {
                let v = eval_expr(it, expr, input)?;
                out.push((name.clone(), v));
            }
        }
    }
    Ok(out)
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Record(x), Value::Record(y))
            if x.borrow().info.is_none() && y.borrow().info.is_none() =>
        {
            let (x, y) = (x.borrow(), y.borrow());
            x.props.len() == y.props.len()
                && x.props
                    .iter()
                    .zip(y.props.iter())
                    .all(|((k1, v1), (k2, v2))| k1.eq_ignore_ascii_case(k2) && same(v1, v2))
        }
        _ => ops::equals(a, b, false),
    }
}

// ---------------------------------------------------------------------------------------------
// Select-Object

const SELECT_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Any).array().position(0).help("Properties to keep: names (wildcards allowed), or @{Name=…; Expression={…}} calculated properties."),
    param("ExcludeProperty", Ty::Str).array().help("Properties to leave out."),
    param("ExpandProperty", Ty::Str).help("Outputs the value of this property instead of an object."),
    param("First", Ty::Int).help("Outputs only the first N objects, then stops the pipeline."),
    param("Last", Ty::Int).help("Outputs only the last N objects."),
    param("Skip", Ty::Int).help("Skips the first N objects."),
    param("SkipLast", Ty::Int).help("Leaves out the last N objects."),
    param("Index", Ty::Int)
        .array()
        .help("Outputs only the objects at these positions (0 is the first), then stops the pipeline."),
    param("Unique", Ty::Switch).help("Drops duplicate objects."),
    INPUT,
];

/// `Select-Object`.
pub static SELECT_OBJECT: CmdletSpec = CmdletSpec {
    aliases: &["select"],
    description: "Selects properties of objects (creating new objects with only those properties), or selects objects by position (-First, -Last, -Skip). -First stops the commands before it once it has enough objects.",
    params: SELECT_PARAMS,
    examples: &[
        Example {
            code: "Get-JiraIssue -Query 'project = TEST' | Select-Object Key, Summary",
            about: "Keeps only the key and summary of each issue.",
        },
        Example {
            code: "Get-JiraIssue -Query 'project = TEST' | Select-Object -First 5",
            about: "Stops the search after five issues.",
        },
        Example {
            code: "$issues | Select-Object Key, @{Name='Who'; Expression={$_.Assignee.DisplayName}}",
            about: "Adds a calculated property.",
        },
    ],
    ..CmdletSpec::new(
        "Select-Object",
        "Selects objects or object properties.",
        || Box::new(Select::default()),
    )
};

#[derive(Default)]
struct Select {
    seen: usize,
    emitted: i64,
    /// The objects kept for -Last (at most N) or held back by -SkipLast (N).
    last: std::collections::VecDeque<Value>,
    uniq: Vec<Value>,
}

impl Select {
    fn project(&mut self, it: &mut Interp, b: &Bound, input: &Value) -> Result<Vec<Value>, Flow> {
        let props = parse_props("Select-Object", b, "Property")?;
        let exclude: Vec<String> = b.list("ExcludeProperty").iter().map(text).collect();
        if let Some(exp) = b.str("ExpandProperty") {
            let v = get_prop(input, &exp);
            if v.is_null()
                && !prop_names(input)
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(&exp))
                && !matches!(input, Value::Str(_) | Value::Array(_))
            {
                return Err(fail(
                    "Select-Object",
                    ErrorCategory::InvalidArgument,
                    format!("Property \"{exp}\" cannot be found."),
                ));
            }
            if props.is_empty() {
                return Ok(v.enumerate());
            }
            // With -Property, each expanded object also gets the selected properties.
            let extra = select_pairs(it, &props, &exclude, input)?;
            return Ok(v
                .enumerate()
                .into_iter()
                .map(|x| match &x {
                    Value::Record(r) => {
                        let data = r.borrow();
                        let mut pairs: Vec<(String, Value)> = data
                            .props
                            .iter()
                            .map(|(k, v)| (k.to_owned(), v.clone()))
                            .collect();
                        for (k, v) in &extra {
                            if !pairs.iter().any(|(n, _)| n.eq_ignore_ascii_case(k)) {
                                pairs.push((k.clone(), v.clone()));
                            }
                        }
                        make_record(None, pairs)
                    }
                    _ => x.clone(),
                })
                .collect());
        }
        if props.is_empty() && exclude.is_empty() {
            return Ok(vec![input.clone()]);
        }
        let props = if props.is_empty() {
            vec![PropSel::Name("*".into())]
        } else {
            props
        };
        let pairs = select_pairs(it, &props, &exclude, input)?;
        Ok(vec![make_record(None, pairs)])
    }
}

impl Command for Select {
    fn process(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        let Some(input) = b.get("InputObject").cloned() else {
            return Ok(());
        };
        self.seen += 1;
        if let Some(skip) = b.int("Skip")
            && (self.seen as i64) <= skip
        {
            return Ok(());
        }
        if let Some(n) = b.int("Last") {
            self.last.push_back(input);
            if self.last.len() > usize::try_from(n).unwrap_or(0) {
                self.last.pop_front();
            }
            return Ok(());
        }
        let input = match b.int("SkipLast") {
            Some(n) => {
                self.last.push_back(input);
                if self.last.len() <= usize::try_from(n).unwrap_or(0) {
                    return Ok(());
                }
                match self.last.pop_front() {
                    Some(v) => v,
                    None => return Ok(()),
                }
            }
            None => input,
        };
        let mut last_index = false;
        if b.has("Index") {
            let wanted: Vec<i64> = b
                .list("Index")
                .iter()
                .filter_map(|v| match v {
                    Value::Int(i) => Some(*i),
                    _ => None,
                })
                .collect();
            let at = self.seen as i64 - 1;
            if !wanted.contains(&at) {
                if wanted.iter().all(|&w| w < at) {
                    return Err(Flow::StopPipeline);
                }
                return Ok(());
            }
            // The last position wanted: stop the commands before once it is out.
            last_index = wanted.iter().all(|&w| w <= at);
        }
        let first = b.int("First");
        if first.is_some_and(|f| self.emitted >= f) {
            return Err(Flow::StopPipeline);
        }
        for v in self.project(it, b, &input)? {
            if b.switch("Unique") {
                if self.uniq.iter().any(|u| same(u, &v)) {
                    continue;
                }
                self.uniq.push(v.clone());
            }
            out.emit(it, v)?;
        }
        self.emitted += 1;
        if last_index || first.is_some_and(|f| self.emitted >= f) {
            return Err(Flow::StopPipeline);
        }
        Ok(())
    }

    fn end(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        let Some(n) = b.int("Last") else {
            return Ok(());
        };
        let items = std::mem::take(&mut self.last);
        let start = items
            .len()
            .saturating_sub(usize::try_from(n.max(0)).unwrap_or(0));
        for input in items.iter().skip(start) {
            for v in self.project(it, b, input)? {
                if b.switch("Unique") {
                    if self.uniq.iter().any(|u| same(u, &v)) {
                        continue;
                    }
                    self.uniq.push(v.clone());
                }
                out.emit(it, v)?;
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Where-Object

const OPERATORS: &[&str] = &[
    "EQ",
    "NE",
    "GT",
    "GE",
    "LT",
    "LE",
    "Like",
    "NotLike",
    "Match",
    "NotMatch",
    "Contains",
    "NotContains",
    "In",
    "NotIn",
    "Is",
    "IsNot",
    "Not",
    "CEQ",
    "CNE",
    "CGT",
    "CGE",
    "CLT",
    "CLE",
    "CLike",
    "CNotLike",
    "CMatch",
    "CNotMatch",
    "CContains",
    "CNotContains",
    "CIn",
    "CNotIn",
];

const fn op(name: &'static str, help: &'static str) -> ParamSpec {
    param(name, Ty::Switch)
        .set(SetSpec::named("Comparison"))
        .help(help)
}

const WHERE_PARAMS: &[ParamSpec] = &[
    param("FilterScript", Ty::ScriptBlock)
        .set(SetSpec::named("ScriptBlock").mandatory().position(0))
        .help("Script block that returns true for objects to keep ($_ is the object)."),
    param("Property", Ty::Str)
        .set(SetSpec::named("Comparison").mandatory().position(0))
        .help("Property to compare (short form)."),
    param("Value", Ty::Any)
        .set(SetSpec::named("Comparison").position(1))
        .help("Value to compare the property with."),
    op("EQ", "Equal (case-insensitive)."),
    op("NE", "Not equal."),
    op("GT", "Greater than."),
    op("GE", "Greater than or equal."),
    op("LT", "Less than."),
    op("LE", "Less than or equal."),
    op("Like", "Wildcard match."),
    op("NotLike", "No wildcard match."),
    op("Match", "Regular expression match."),
    op("NotMatch", "No regular expression match."),
    op(
        "Contains",
        "The property (a collection) contains the value.",
    ),
    op("NotContains", "The property does not contain the value."),
    op("In", "The property is one of the values."),
    op("NotIn", "The property is none of the values."),
    op(
        "Is",
        "The property is of the type given as the value (`-Is [int]`).",
    ),
    op("IsNot", "The property is not of that type."),
    op(
        "Not",
        "The property is false, empty or missing (`Where-Object -Not Resolution`).",
    ),
    op("CEQ", "Equal (case-sensitive)."),
    op("CNE", "Not equal (case-sensitive)."),
    op("CGT", "Greater than (case-sensitive)."),
    op("CGE", "Greater than or equal (case-sensitive)."),
    op("CLT", "Less than (case-sensitive)."),
    op("CLE", "Less than or equal (case-sensitive)."),
    op("CLike", "Wildcard match (case-sensitive)."),
    op("CNotLike", "No wildcard match (case-sensitive)."),
    op("CMatch", "Regular expression match (case-sensitive)."),
    op("CNotMatch", "No regular expression match (case-sensitive)."),
    op("CContains", "Contains (case-sensitive)."),
    op("CNotContains", "Does not contain (case-sensitive)."),
    op("CIn", "Is one of the values (case-sensitive)."),
    op("CNotIn", "Is none of the values (case-sensitive)."),
    INPUT,
];

/// `Where-Object`.
pub static WHERE_OBJECT: CmdletSpec = CmdletSpec {
    aliases: &["where", "?"],
    description: "Keeps the objects for which the script block is true, or (short form) whose property compares as asked: `Where-Object Status -eq Done`.",
    params: WHERE_PARAMS,
    default_set: Some("ScriptBlock"),
    examples: &[
        Example {
            code: "$issues | Where-Object { $_.Status -eq 'Done' }",
            about: "Keeps the done issues.",
        },
        Example {
            code: "$issues | Where-Object Status -eq Done",
            about: "The same, in the short form.",
        },
        Example {
            code: "$issues | ? Summary -like '*login*'",
            about: "Issues whose summary mentions login.",
        },
    ],
    ..CmdletSpec::new("Where-Object", "Selects objects by a condition.", || {
        Box::new(crate::cmd::FnCommand(where_object))
    })
};

fn compare_op(opname: &str, left: &Value, right: &Value) -> Result<bool, String> {
    let lower = opname.to_ascii_lowercase();
    let (case, base) = match lower.strip_prefix('c') {
        Some(rest) if crate::lang::lexer::COMPARISON_OPERATORS.contains(&rest) => {
            (true, rest.to_owned())
        }
        _ => (false, lower),
    };
    let items = |v: &Value| v.clone().enumerate();
    let any_left = |f: &dyn Fn(&Value) -> bool| match left {
        Value::Array(a) => a.borrow().iter().any(f),
        v => f(v),
    };
    Ok(match base.as_str() {
        "eq" => any_left(&|l| ops::equals(l, right, case)),
        "ne" => {
            !any_left(&|l| ops::equals(l, right, case))
                || matches!(left, Value::Array(_)) && any_left(&|l| !ops::equals(l, right, case))
        }
        "gt" => any_left(&|l| ops::compare(l, right, case) == Ordering::Greater),
        "ge" => any_left(&|l| ops::compare(l, right, case) != Ordering::Less),
        "lt" => any_left(&|l| ops::compare(l, right, case) == Ordering::Less),
        "le" => any_left(&|l| ops::compare(l, right, case) != Ordering::Greater),
        "like" => any_left(&|l| ops::wildcard_match(&text(right), &text(l), case)),
        "notlike" => !any_left(&|l| ops::wildcard_match(&text(right), &text(l), case)),
        "match" | "notmatch" => {
            let re = regex::RegexBuilder::new(&text(right))
                .case_insensitive(!case)
                .build()
                .map_err(|e| e.to_string())?;
            let hit = any_left(&|l| re.is_match(&text(l)));
            if base == "match" { hit } else { !hit }
        }
        "contains" => items(left).iter().any(|l| ops::equals(l, right, case)),
        "notcontains" => !items(left).iter().any(|l| ops::equals(l, right, case)),
        "in" => items(right).iter().any(|r| ops::equals(left, r, case)),
        "notin" => !items(right).iter().any(|r| ops::equals(left, r, case)),
        "is" => convert::is_type(left, &type_name(right)),
        "isnot" => !convert::is_type(left, &type_name(right)),
        "not" => !convert::to_bool(left),
        _ => convert::to_bool(left),
    })
}

/// The type a `-Is` value names: a type literal or its name as text.
fn type_name(v: &Value) -> String {
    match v {
        Value::Type(t) => t.to_string(),
        other => text(other),
    }
}

fn where_object(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let Some(input) = b.get("InputObject").cloned() else {
        return Ok(());
    };
    let keep = if let Some(Value::ScriptBlock(sb)) = b.get("FilterScript") {
        convert::to_bool(&eval_block(it, sb, Some(input.clone()))?)
    } else {
        let prop = b.str("Property").unwrap_or_default();
        let left = get_prop(&input, &prop);
        match OPERATORS.iter().find(|o| b.switch(o)) {
            Some(o) => {
                let right = b.get("Value").cloned().unwrap_or_default();
                compare_op(o, &left, &right)
                    .map_err(|e| fail("Where-Object", ErrorCategory::InvalidArgument, e))?
            }
            None => convert::to_bool(&left),
        }
    };
    if keep { out.emit(it, input) } else { Ok(()) }
}

// ---------------------------------------------------------------------------------------------
// ForEach-Object

const FOREACH_PARAMS: &[ParamSpec] = &[
    param("Process", Ty::ScriptBlock).set(SetSpec::named("ScriptBlock").mandatory().position(0)).help("Script block run for each object ($_ is the object)."),
    param("Begin", Ty::ScriptBlock).set(SetSpec::named("ScriptBlock")).help("Script block run before the first object."),
    param("End", Ty::ScriptBlock).set(SetSpec::named("ScriptBlock")).help("Script block run after the last object."),
    param("RemainingScripts", Ty::ScriptBlock).set(SetSpec::named("ScriptBlock").position(1)).help("With two positional blocks, the first is -Begin and the second -Process; a third is -End."),
    param("RemainingEnd", Ty::ScriptBlock).set(SetSpec::named("ScriptBlock").position(2)).hidden(),
    param("MemberName", Ty::Str).set(SetSpec::named("PropertyAndMethod").mandatory().position(0)).help("Property whose value to output for each object (`% Key`), or method to call (`% ToUpper`)."),
    param("ArgumentList", Ty::Any).array().set(SetSpec::named("PropertyAndMethod").position(1)).remaining().aliases(&["Args"]).help("Arguments of the -MemberName method (`% Substring 0 3`)."),
    INPUT,
];

/// `ForEach-Object`.
pub static FOREACH_OBJECT: CmdletSpec = CmdletSpec {
    aliases: &["foreach", "%"],
    description: "Runs a script block for each pipeline object, or outputs one property of each (`-MemberName`).",
    params: FOREACH_PARAMS,
    default_set: Some("ScriptBlock"),
    examples: &[
        Example {
            code: "1..3 | ForEach-Object { $_ * 2 }",
            about: "Doubles each number.",
        },
        Example {
            code: "$issues | % Key",
            about: "Outputs the key of each issue.",
        },
        Example {
            code: "$issues | ForEach-Object -Begin { $n = 0 } -Process { $n++ } -End { $n }",
            about: "Counts the issues.",
        },
    ],
    ..CmdletSpec::new(
        "ForEach-Object",
        "Runs a script block for each object.",
        || Box::new(ForEach::default()),
    )
};

#[derive(Default)]
struct ForEach {
    blocks: (Option<Value>, Option<Value>, Option<Value>),
}

impl Command for ForEach {
    fn begin(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        let pos: Vec<Value> = ["Process", "RemainingScripts", "RemainingEnd"]
            .iter()
            .filter_map(|n| b.get(n).cloned())
            .collect();
        self.blocks = match pos.len() {
            2 => (
                Some(pos[0].clone()),
                Some(pos[1].clone()),
                b.get("End").cloned(),
            ),
            3 => (
                Some(pos[0].clone()),
                Some(pos[1].clone()),
                Some(pos[2].clone()),
            ),
            _ => (
                b.get("Begin").cloned(),
                pos.first().cloned(),
                b.get("End").cloned(),
            ),
        };
        if let Some(Value::ScriptBlock(sb)) = &self.blocks.0 {
            let sb = sb.clone();
            it.invoke_block(&sb, None, Vec::new(), out)?;
        }
        Ok(())
    }

    fn process(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        let input = b.get("InputObject").cloned();
        if let Some(m) = b.str("MemberName") {
            let Some(input) = input else { return Ok(()) };
            return member_of(it, &input, &m, b, out);
        }
        if let Some(Value::ScriptBlock(sb)) = &self.blocks.1 {
            let sb = sb.clone();
            it.invoke_block(&sb, Some(input.unwrap_or_default()), Vec::new(), out)?;
        }
        Ok(())
    }

    fn end(&mut self, it: &mut Interp, _b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        if let Some(Value::ScriptBlock(sb)) = &self.blocks.2 {
            let sb = sb.clone();
            it.invoke_block(&sb, None, Vec::new(), out)?;
        }
        Ok(())
    }
}

/// `ForEach-Object -MemberName`: the property's value, or else the result of the method of that
/// name (with -ArgumentList). Neither outputs nothing, as in PowerShell.
fn member_of(
    it: &mut Interp,
    input: &Value,
    name: &str,
    b: &Bound,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let args: Vec<Value> = b
        .get("ArgumentList")
        .map(|a| a.clone().enumerate())
        .unwrap_or_default();
    let result = if args.is_empty() {
        let v = get_prop(input, name);
        if !v.is_null() {
            Ok(v)
        } else {
            match methods::call(input, name, &[]) {
                Err(m) if m.starts_with("Method invocation failed") || input.is_null() => {
                    Ok(Value::Null)
                }
                r => r,
            }
        }
    } else {
        methods::call(input, name, &args)
    };
    match result {
        Ok(v) => {
            for x in v.enumerate() {
                out.emit(it, x)?;
            }
            Ok(())
        }
        Err(m) => it.write_error(record(
            "ForEach-Object",
            ErrorCategory::InvalidOperation,
            if m.starts_with("Method invocation failed") {
                m
            } else {
                format!(
                    "Exception calling \"{name}\" with \"{}\" argument(s): \"{m}\"",
                    args.len()
                )
            },
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Sort-Object

const SORT_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Any)
        .array()
        .position(0)
        .help("Properties (or script blocks, or @{Expression=…; Descending=$true}) to sort by."),
    param("Descending", Ty::Switch).help("Sorts in descending order."),
    param("Unique", Ty::Switch).help("Drops duplicates."),
    param("CaseSensitive", Ty::Switch).help("Compares strings case-sensitively."),
    param("Top", Ty::Int).help("Outputs only the first N objects of the sorted order."),
    param("Bottom", Ty::Int).help("Outputs only the last N objects of the sorted order."),
    INPUT,
];

/// `Sort-Object`.
pub static SORT_OBJECT: CmdletSpec = CmdletSpec {
    aliases: &["sort"],
    description: "Sorts objects by property values (stable: equal objects keep their order).",
    params: SORT_PARAMS,
    examples: &[
        Example {
            code: "$issues | Sort-Object Created -Descending",
            about: "Newest issues first.",
        },
        Example {
            code: "'b','a','b' | Sort-Object -Unique",
            about: "Sorted distinct values.",
        },
    ],
    ..CmdletSpec::new("Sort-Object", "Sorts objects by property values.", || {
        Box::new(Collect::new(sort_end))
    })
};

fn sort_keys(it: &mut Interp, sels: &[PropSel], v: &Value) -> Result<Vec<Value>, Flow> {
    if sels.is_empty() {
        return Ok(vec![v.clone()]);
    }
    let mut keys = Vec::with_capacity(sels.len());
    for s in sels {
        keys.push(match s {
            PropSel::Name(n) => get_prop(v, n),
            PropSel::Calc { expr, .. } => eval_expr(it, expr, v)?,
        });
    }
    Ok(keys)
}

fn sort_end(it: &mut Interp, b: &Bound, items: Vec<Value>, out: &mut dyn Sink) -> Result<(), Flow> {
    let sels = parse_props("Sort-Object", b, "Property")?;
    let case = b.switch("CaseSensitive");
    let desc_all = b.switch("Descending");
    let desc: Vec<bool> = if sels.is_empty() {
        vec![desc_all]
    } else {
        sels.iter()
            .map(|s| match s {
                PropSel::Calc {
                    descending: Some(d),
                    ..
                } => *d,
                _ => desc_all,
            })
            .collect()
    };
    let mut keyed: Vec<(Vec<Value>, Value)> = Vec::with_capacity(items.len());
    for v in items {
        keyed.push((sort_keys(it, &sels, &v)?, v));
    }
    keyed.sort_by(|a, b| {
        for (i, (x, y)) in a.0.iter().zip(b.0.iter()).enumerate() {
            let o = ops::compare(x, y, case);
            let o = if desc.get(i).copied().unwrap_or(desc_all) {
                o.reverse()
            } else {
                o
            };
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    });
    let mut prev: Option<Vec<Value>> = None;
    let mut sorted: Vec<Value> = Vec::with_capacity(keyed.len());
    for (k, v) in keyed {
        if b.switch("Unique") {
            if let Some(p) = &prev
                && p.len() == k.len()
                && p.iter().zip(k.iter()).all(|(x, y)| ops::equals(x, y, case))
            {
                continue;
            }
            prev = Some(k);
        }
        sorted.push(v);
    }
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let range = match (b.int("Top"), b.int("Bottom")) {
        (Some(n), _) => 0..count(n).min(sorted.len()),
        (None, Some(n)) => sorted.len().saturating_sub(count(n))..sorted.len(),
        (None, None) => 0..sorted.len(),
    };
    for v in sorted.drain(range) {
        out.emit(it, v)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Group-Object

const GROUP_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Any)
        .array()
        .position(0)
        .help("Properties (or script blocks) to group by."),
    param("NoElement", Ty::Switch).help("Leaves out the Group property (only counts and names)."),
    param("CaseSensitive", Ty::Switch).help("Groups strings case-sensitively."),
    param("AsHashTable", Ty::Switch)
        .aliases(&["AHT"])
        .help("Outputs one hashtable from each group's name to its objects."),
    param("AsString", Ty::Switch)
        .help("Accepted for compatibility: hashtable keys are always the group names as text."),
    INPUT,
];

/// `Group-Object`.
pub static GROUP_OBJECT: CmdletSpec = CmdletSpec {
    aliases: &["group"],
    description: "Groups objects that have the same property values. Outputs one object per group with Count, Name and Group, in order of first appearance.",
    params: GROUP_PARAMS,
    examples: &[
        Example {
            code: "$issues | Group-Object Status -NoElement",
            about: "Counts issues per status.",
        },
        Example {
            code: "$byStatus = $issues | Group-Object Status -AsHashTable; $byStatus['Done']",
            about: "Looks groups up by name.",
        },
    ],
    ..CmdletSpec::new("Group-Object", "Groups objects by property values.", || {
        Box::new(Collect::new(group_end))
    })
};

fn group_end(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let sels = parse_props("Group-Object", b, "Property")?;
    let case = b.switch("CaseSensitive");
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    // Group index by name (lower-cased unless -CaseSensitive), so grouping is linear.
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for v in items {
        let keys = sort_keys(it, &sels, &v)?;
        let name = keys.iter().map(text).collect::<Vec<_>>().join(", ");
        let key = if case {
            name.clone()
        } else {
            name.to_lowercase()
        };
        match index.get(&key) {
            Some(&i) => groups[i].1.push(v),
            None => {
                index.insert(key, groups.len());
                groups.push((name, vec![v]));
            }
        }
    }
    if b.switch("AsHashTable") {
        let mut h = PropMap::with_capacity(groups.len());
        for (name, g) in groups {
            h.insert(&name, Value::array(g));
        }
        return out.emit(it, Value::hashtable(h));
    }
    for (name, g) in groups {
        let mut pairs = vec![
            ("Count".to_owned(), Value::Int(g.len() as i64)),
            ("Name".to_owned(), Value::str(name)),
        ];
        if !b.switch("NoElement") {
            pairs.push(("Group".to_owned(), Value::array(g)));
        }
        out.emit(
            it,
            make_record(Some("Microsoft.PowerShell.Commands.GroupInfo"), pairs),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Measure-Object

const MEASURE_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Str)
        .array()
        .position(0)
        .help("Properties to measure."),
    param("Sum", Ty::Switch).help("Adds the values."),
    param("Average", Ty::Switch).help("Averages the values."),
    param("Maximum", Ty::Switch).help("Finds the largest value."),
    param("Minimum", Ty::Switch).help("Finds the smallest value."),
    param("StandardDeviation", Ty::Switch)
        .help("Computes the (sample) standard deviation of the values."),
    param("AllStats", Ty::Switch)
        .help("All of -Sum, -Average, -Maximum, -Minimum and -StandardDeviation."),
    param("Line", Ty::Switch).help("Counts the lines of text input."),
    param("Word", Ty::Switch).help("Counts the words of text input."),
    param("Character", Ty::Switch).help("Counts the characters of text input."),
    param("IgnoreWhiteSpace", Ty::Switch).help("With -Character, leaves out white space."),
    INPUT,
];

/// `Measure-Object`.
pub static MEASURE_OBJECT: CmdletSpec = CmdletSpec {
    aliases: &["measure"],
    description: "Counts objects and, when asked, computes the sum, average, minimum and maximum of property values.",
    params: MEASURE_PARAMS,
    examples: &[
        Example {
            code: "$issues | Measure-Object",
            about: "Counts the issues.",
        },
        Example {
            code: "1..10 | Measure-Object -Sum -Average",
            about: "Sum and average of numbers.",
        },
    ],
    ..CmdletSpec::new(
        "Measure-Object",
        "Counts objects and computes statistics.",
        || Box::new(Collect::new(measure_end)),
    )
};

fn measure_end(
    it: &mut Interp,
    b: &Bound,
    items: Vec<Value>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let props: Vec<Option<String>> = {
        let l: Vec<Option<String>> = b.list("Property").iter().map(|v| Some(text(v))).collect();
        if l.is_empty() { vec![None] } else { l }
    };
    if b.switch("Line") || b.switch("Word") || b.switch("Character") {
        return measure_text(it, b, &items, &props, out);
    }
    let all = b.switch("AllStats");
    let want = |name: &str| all || b.switch(name);
    for prop in props {
        let values: Vec<Value> = items
            .iter()
            .map(|v| match &prop {
                Some(p) => get_prop(v, p),
                None => v.clone(),
            })
            .filter(|v| !v.is_null() || prop.is_none())
            .collect();
        let count = Value::Int(values.len() as i64);
        let numeric = |want: bool| -> Result<Option<Vec<f64>>, Flow> {
            if !want {
                return Ok(None);
            }
            let mut ns = Vec::new();
            for v in &values {
                ns.push(convert::to_double(v).map_err(|e| {
                    fail(
                        "Measure-Object",
                        ErrorCategory::InvalidType,
                        format!("Input object \"{}\" is not numeric. {e}", text(v)),
                    )
                })?);
            }
            Ok(Some(ns))
        };
        let sum = numeric(want("Sum") || want("Average") || want("StandardDeviation"))?;
        let total: Option<f64> = sum.as_ref().map(|ns| ns.iter().sum());
        let mean = match (&sum, total) {
            (Some(ns), Some(t)) if !ns.is_empty() => Some(t / ns.len() as f64),
            _ => None,
        };
        let avg = match mean {
            Some(m) if want("Average") => Value::Double(m),
            _ => Value::Null,
        };
        let stddev = match (&sum, mean) {
            (Some(ns), Some(m)) if want("StandardDeviation") && ns.len() > 1 => {
                let var = ns.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (ns.len() - 1) as f64;
                Value::Double(var.sqrt())
            }
            (Some(_), Some(_)) if want("StandardDeviation") => Value::Double(0.0),
            _ => Value::Null,
        };
        let extreme = |want: bool, ord: Ordering| -> Value {
            if !want {
                return Value::Null;
            }
            values
                .iter()
                .fold(None::<Value>, |best, v| match best {
                    Some(b) if ops::compare(v, &b, false) != ord => Some(b),
                    _ => Some(v.clone()),
                })
                .unwrap_or_default()
        };
        let pairs = vec![
            ("Count".to_owned(), count),
            ("Average".to_owned(), avg),
            (
                "Sum".to_owned(),
                if want("Sum") {
                    total.map_or(Value::Null, Value::Double)
                } else {
                    Value::Null
                },
            ),
            (
                "Maximum".to_owned(),
                extreme(want("Maximum"), Ordering::Greater),
            ),
            (
                "Minimum".to_owned(),
                extreme(want("Minimum"), Ordering::Less),
            ),
            ("StandardDeviation".to_owned(), stddev),
            ("Property".to_owned(), prop.map_or(Value::Null, Value::from)),
        ];
        out.emit(
            it,
            make_record(
                Some("Microsoft.PowerShell.Commands.GenericMeasureInfo"),
                pairs,
            ),
        )?;
    }
    Ok(())
}

/// `Measure-Object -Line -Word -Character`: one TextMeasureInfo per property (or for the input
/// itself), with only the counts asked for.
fn measure_text(
    it: &mut Interp,
    b: &Bound,
    items: &[Value],
    props: &[Option<String>],
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    for prop in props {
        let (mut lines, mut words, mut chars) = (0i64, 0i64, 0i64);
        for v in items {
            let v = match prop {
                Some(p) => get_prop(v, p),
                None => v.clone(),
            };
            if v.is_null() {
                continue;
            }
            let s = text(&v);
            // As PowerShell counts: line breaks, plus one for a last line without one.
            lines += s.lines().count() as i64;
            words += s.split_whitespace().count() as i64;
            chars += if b.switch("IgnoreWhiteSpace") {
                s.chars().filter(|c| !c.is_whitespace()).count()
            } else {
                s.chars().count()
            } as i64;
        }
        let count = |name: &str, n: i64| {
            if b.switch(name) {
                Value::Int(n)
            } else {
                Value::Null
            }
        };
        let pairs = vec![
            ("Lines".to_owned(), count("Line", lines)),
            ("Words".to_owned(), count("Word", words)),
            ("Characters".to_owned(), count("Character", chars)),
            (
                "Property".to_owned(),
                prop.clone().map_or(Value::Null, Value::from),
            ),
        ];
        out.emit(
            it,
            make_record(Some("Microsoft.PowerShell.Commands.TextMeasureInfo"), pairs),
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Get-Member

const MEMBER_PARAMS: &[ParamSpec] = &[
    param("Name", Ty::Str)
        .array()
        .position(0)
        .help("Member names to show (wildcards allowed)."),
    param("MemberType", Ty::Str)
        .array()
        .aliases(&["Type"])
        .values(MEMBER_TYPE_NAMES)
        .help("Kinds of member to show: Property, NoteProperty, Method, ScriptProperty, AliasProperty, or Properties, Methods, All."),
    INPUT,
];

/// `Get-Member`.
pub static GET_MEMBER: CmdletSpec = CmdletSpec {
    aliases: &["gm"],
    description: "Lists the members (properties and methods) of the objects piped to it, once per type, grouped under each type name. An array piped in is enumerated; use -InputObject to see the array's own members.",
    params: MEMBER_PARAMS,
    examples: &[
        Example {
            code: "Get-JiraIssue TEST-1 | Get-Member",
            about: "Shows every property of an issue.",
        },
        Example {
            code: "Get-Date | Get-Member -MemberType Property",
            about: "The properties of a date.",
        },
    ],
    ..CmdletSpec::new("Get-Member", "Lists the members of objects.", || {
        Box::new(Members::default())
    })
};

fn member_definition_text(r: &RecordData) -> String {
    r.props.get("Definition").map(text).unwrap_or_default()
}

/// Type facts of what `Get-Member` outputs: a `Name MemberType Definition` table under a
/// `TypeName:` line per type.
pub static MEMBER_DEFINITION: TypeInfo = TypeInfo {
    name: "Microsoft.PowerShell.Commands.MemberDefinition",
    also: &["MemberDefinition"],
    to_string: member_definition_text,
    identity: None,
    table_view: &[("Name", 0), ("MemberType", 0), ("Definition", 0)],
    group_by: Some("TypeName"),
};

#[derive(Default)]
struct Members {
    seen: Vec<String>,
}

impl Command for Members {
    fn process(&mut self, it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        let Some(input) = b.get("InputObject").cloned() else {
            return Ok(());
        };
        if input.is_null() {
            return Ok(());
        }
        let tn = input.type_name();
        if self.seen.contains(&tn) {
            return Ok(());
        }
        self.seen.push(tn.clone());
        let names: Vec<String> = b.list("Name").iter().map(text).collect();
        let kinds: Vec<String> = b.list("MemberType").iter().map(text).collect();
        let wanted = |m: &Member| {
            (names.is_empty() || names.iter().any(|f| wildcard(f, &m.name)))
                && (kinds.is_empty() || kinds.iter().any(|k| m.kind.matches(k)))
        };
        for m in members(&input).into_iter().filter(wanted) {
            let mut props = PropMap::with_capacity(4);
            props.insert("TypeName", Value::str(tn.as_str()));
            props.insert("Name", Value::str(m.name));
            props.insert("MemberType", Value::str(m.kind.name()));
            props.insert("Definition", Value::str(m.definition));
            out.emit(
                it,
                Value::record(RecordData::typed(&MEMBER_DEFINITION, props)),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{n, p, run, texts};
    use crate::eval::value::{PropMap, RecordData};

    fn rec(pairs: &[(&str, Value)]) -> Value {
        let mut m = PropMap::new();
        for (k, v) in pairs {
            m.insert(k, v.clone());
        }
        Value::record(RecordData::custom(m))
    }
    fn nums(ns: &[i64]) -> Vec<Value> {
        ns.iter().map(|n| Value::Int(*n)).collect()
    }
    fn issues() -> Vec<Value> {
        vec![
            rec(&[
                ("Key", "T-1".into()),
                ("Status", "Done".into()),
                ("Votes", Value::Int(3)),
            ]),
            rec(&[
                ("Key", "T-2".into()),
                ("Status", "Open".into()),
                ("Votes", Value::Int(1)),
            ]),
            rec(&[
                ("Key", "T-3".into()),
                ("Status", "done".into()),
                ("Votes", Value::Int(2)),
            ]),
        ]
    }

    #[test]
    fn select_first_stops_and_skip() {
        let out = run(
            &SELECT_OBJECT,
            vec![n("First"), p(2i64)],
            Some(nums(&[1, 2, 3, 4])),
        )
        .unwrap();
        assert_eq!(texts(&out), ["1", "2"]);
        let out = run(
            &SELECT_OBJECT,
            vec![n("Skip"), p(1i64), n("First"), p(2i64)],
            Some(nums(&[1, 2, 3, 4])),
        )
        .unwrap();
        assert_eq!(texts(&out), ["2", "3"]);
    }

    #[test]
    fn select_first_returns_stop_pipeline() {
        let (mut it, _) = crate::builtins::testkit::interp();
        let base = crate::cmd::bind::bind(&SELECT_OBJECT, vec![n("First"), p(1i64)], true).unwrap();
        let mut cmd = (SELECT_OBJECT.factory)();
        let mut out: Vec<Value> = Vec::new();
        let b = crate::cmd::bind::bind_input(&SELECT_OBJECT, &base, &Value::Int(1)).unwrap();
        assert!(matches!(
            cmd.process(&mut it, &b, &mut out),
            Err(Flow::StopPipeline)
        ));
    }

    #[test]
    fn select_last_and_unique() {
        let out = run(
            &SELECT_OBJECT,
            vec![n("Last"), p(2i64)],
            Some(nums(&[1, 2, 3])),
        )
        .unwrap();
        assert_eq!(texts(&out), ["2", "3"]);
        let out = run(
            &SELECT_OBJECT,
            vec![n("Unique")],
            Some(vec!["a".into(), "a".into(), "b".into()]),
        )
        .unwrap();
        assert_eq!(texts(&out), ["a", "b"]);
    }

    #[test]
    fn select_properties_and_wildcards() {
        let out = run(
            &SELECT_OBJECT,
            vec![p(Value::array(vec!["key".into(), "V*".into()]))],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(prop_names(&out[0]), ["Key", "Votes"]);
        let out = run(
            &SELECT_OBJECT,
            vec![n("ExcludeProperty"), p("Status")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(prop_names(&out[0]), ["Key", "Votes"]);
    }

    #[test]
    fn select_calculated_by_name_and_expand() {
        let mut h = PropMap::new();
        h.insert("n", "Id".into());
        h.insert("e", "Key".into());
        let out = run(&SELECT_OBJECT, vec![p(Value::hashtable(h))], Some(issues())).unwrap();
        assert_eq!(text(&get_prop(&out[0], "Id")), "T-1");
        let out = run(
            &SELECT_OBJECT,
            vec![n("ExpandProperty"), p("Key")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(texts(&out), ["T-1", "T-2", "T-3"]);
        assert!(
            run(
                &SELECT_OBJECT,
                vec![n("ExpandProperty"), p("Nope")],
                Some(issues())
            )
            .is_err()
        );
    }

    #[test]
    fn where_short_form() {
        let out = run(
            &WHERE_OBJECT,
            vec![p("Status"), n("eq"), p("Done")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(out.len(), 2);
        let out = run(
            &WHERE_OBJECT,
            vec![p("Votes"), n("GT"), p(1i64)],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(out.len(), 2);
        let out = run(
            &WHERE_OBJECT,
            vec![p("Key"), n("Like"), p("T-[12]")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(out.len(), 2);
        let out = run(
            &WHERE_OBJECT,
            vec![p("Status"), n("Match"), p("^o")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(out.len(), 1);
        let out = run(
            &WHERE_OBJECT,
            vec![p("Status"), n("In"), p(Value::array(vec!["Open".into()]))],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn foreach_member_name() {
        let out = run(&FOREACH_OBJECT, vec![p("Key")], Some(issues())).unwrap();
        assert_eq!(texts(&out), ["T-1", "T-2", "T-3"]);
    }

    #[test]
    fn sort_by_property_descending_and_unique() {
        let out = run(&SORT_OBJECT, vec![p("Votes")], Some(issues())).unwrap();
        assert_eq!(
            texts(&out.iter().map(|v| get_prop(v, "Key")).collect::<Vec<_>>()),
            ["T-2", "T-3", "T-1"]
        );
        let out = run(&SORT_OBJECT, vec![n("Descending")], Some(nums(&[2, 3, 1]))).unwrap();
        assert_eq!(texts(&out), ["3", "2", "1"]);
        let out = run(&SORT_OBJECT, vec![n("Unique")], Some(nums(&[2, 1, 2]))).unwrap();
        assert_eq!(texts(&out), ["1", "2"]);
    }

    #[test]
    fn group_counts_case_insensitively() {
        let out = run(
            &GROUP_OBJECT,
            vec![p("Status"), n("NoElement")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(out.len(), 2);
        assert_eq!(text(&get_prop(&out[0], "Count")), "2");
        assert_eq!(text(&get_prop(&out[0], "Name")), "Done");
        assert!(get_prop(&out[0], "Group").is_null());
    }

    #[test]
    fn measure_count_and_property() {
        let out = run(&MEASURE_OBJECT, vec![], Some(issues())).unwrap();
        assert_eq!(text(&get_prop(&out[0], "Count")), "3");
        let out = run(
            &MEASURE_OBJECT,
            vec![p("Votes"), n("Maximum"), n("Minimum")],
            Some(issues()),
        )
        .unwrap();
        assert_eq!(text(&get_prop(&out[0], "Maximum")), "3");
        assert_eq!(text(&get_prop(&out[0], "Minimum")), "1");
        assert_eq!(text(&get_prop(&out[0], "Property")), "Votes");
    }

    #[test]
    fn sort_top_and_bottom() {
        let out = run(
            &SORT_OBJECT,
            vec![n("Descending"), n("Top"), p(2i64)],
            Some(nums(&[3, 1, 4, 1, 5])),
        )
        .unwrap();
        assert_eq!(texts(&out), ["5", "4"]);
        let out = run(
            &SORT_OBJECT,
            vec![n("Bottom"), p(2i64)],
            Some(nums(&[3, 1, 4, 1, 5])),
        )
        .unwrap();
        assert_eq!(texts(&out), ["4", "5"]);
    }

    #[test]
    fn get_member_once_per_type() {
        let out = run(&GET_MEMBER, vec![], Some(issues())).unwrap();
        let names: Vec<String> = out.iter().map(|v| text(&get_prop(v, "Name"))).collect();
        assert_eq!(
            names,
            [
                "Equals",
                "GetHashCode",
                "GetType",
                "ToString",
                "Key",
                "Status",
                "Votes"
            ]
        );
    }

    #[test]
    fn get_member_member_type_and_name_filter() {
        let out = run(
            &GET_MEMBER,
            vec![n("MemberType"), p("NoteProperty")],
            Some(issues()),
        )
        .unwrap();
        let names: Vec<String> = out.iter().map(|v| text(&get_prop(v, "Name"))).collect();
        assert_eq!(names, ["Key", "Status", "Votes"]);
        let out = run(
            &GET_MEMBER,
            vec![p("*s*"), n("MemberType"), p("Properties")],
            Some(vec![Value::str("x")]),
        )
        .unwrap();
        let names: Vec<String> = out.iter().map(|v| text(&get_prop(v, "Name"))).collect();
        assert_eq!(names, Vec::<String>::new());
        let out = run(
            &GET_MEMBER,
            vec![n("MemberType"), p("Property")],
            Some(vec![Value::str("x")]),
        )
        .unwrap();
        assert_eq!(text(&get_prop(&out[0], "Definition")), "int Length {get;}");
    }
}
