//! The binder: turns the arguments written on a command line (and pipeline objects) into
//! validated, converted parameter values for one [`CmdletSpec`],
//! following `language.md` §5. It touches no network and no interpreter state beyond type
//! conversion, so every rule is unit-tested.
//!
//! One engine serves cmdlets (declared by [`CmdletSpec`]) and user functions (declared by
//! [`ParamDecl`]s): both are first lowered to a list of parameter descriptions, then bound by
//! the same rules (names and prefixes, switches, positions, parameter sets, mandatory
//! parameters, conversion, pipeline input by value then by property name).

use indexmap::IndexMap;

use crate::cmd::spec::{
    ALL_SETS, COMMON_PARAMS, CREDENTIAL_PARAMS, CmdletSpec, PAGING_PARAMS, ParamSpec,
    SHOULD_PROCESS_PARAMS, Ty,
};
use crate::eval::convert;
use crate::eval::value::Value;
use crate::lang::ast::ParamDecl;

/// Bound parameters of one invocation.
#[derive(Debug, Clone, Default)]
pub struct Bound {
    /// Chosen parameter set name.
    pub set: &'static str,
    /// Values by canonical parameter name, in binding order.
    pub values: IndexMap<&'static str, Value>,
    /// The common parameters.
    pub common: Common,
    /// Parameter sets still possible after the command line, before pipeline input narrows
    /// them ([`bind_input`] chooses among these). Contains `set` at least.
    pub candidate_sets: Vec<&'static str>,
}

impl Bound {
    /// The value of a parameter, if bound.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
    /// True when the parameter was given.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// A switch: true when given and not `:$false`.
    pub fn switch(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Value::Bool(true)))
    }
    /// A string parameter (converted with PowerShell's `[string]` rules), if bound.
    pub fn str(&self, name: &str) -> Option<String> {
        self.get(name).map(convert::to_string)
    }
    /// An integer parameter, if bound and numeric.
    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            Value::Int(i) => Some(*i),
            Value::Double(d) => Some(d.round() as i64),
            v => convert::to_string(v).trim().parse().ok(),
        }
    }
    /// The elements of an array parameter (a scalar yields one element), empty when unbound.
    pub fn list(&self, name: &str) -> Vec<Value> {
        match self.get(name) {
            Some(v) => v.clone().enumerate(),
            None => Vec::new(),
        }
    }
}

use crate::eval::ActionPreference;
use crate::lang::ast::Span;

/// One argument as written on the command line, after the evaluator evaluated it.
#[derive(Debug, Clone)]
pub enum RawArg {
    /// `-Name` (value `None`) or `-Name:value` (value given inline). A separate value after
    /// `-Name` arrives as the next `Positional`; the binder attaches it unless `Name` is a switch.
    Named {
        /// Name as typed, without the dash (may be a prefix or an alias).
        name: String,
        /// Inline value.
        value: Option<Value>,
        /// Where it was written.
        span: Span,
    },
    /// A value not preceded by a parameter name (or following a non-switch `-Name`).
    Positional {
        /// The value.
        value: Value,
        /// Where it was written.
        span: Span,
    },
}

/// The common parameters as bound for one invocation.
#[derive(Debug, Clone, Default)]
pub struct Common {
    /// `-ErrorAction`
    pub error_action: Option<ActionPreference>,
    /// `-WarningAction`
    pub warning_action: Option<ActionPreference>,
    /// `-Verbose` / `-Verbose:$false`
    pub verbose: Option<bool>,
    /// `-Debug`
    pub debug: Option<bool>,
    /// `-ErrorVariable` (a leading `+` appends)
    pub error_variable: Option<String>,
    /// `-WarningVariable`
    pub warning_variable: Option<String>,
    /// `-OutVariable`
    pub out_variable: Option<String>,
    /// `-WhatIf`
    pub what_if: bool,
    /// `-Confirm` / `-Confirm:$false`
    pub confirm: Option<bool>,
}

/// Why binding failed.
#[derive(Debug, Clone)]
pub struct BindError {
    /// One clear sentence (`A parameter cannot be found that matches parameter name 'Foo'.`).
    pub message: String,
    /// Candidates or remedy (`Did you mean -Fields?`).
    pub hint: Option<String>,
    /// Where in the command line.
    pub span: Option<Span>,
    /// Mandatory parameters that are missing (the REPL may prompt for them).
    pub missing: Vec<&'static str>,
}

impl BindError {
    fn new(message: impl Into<String>) -> Self {
        BindError {
            message: message.into(),
            hint: None,
            span: None,
            missing: Vec::new(),
        }
    }
    fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }
    fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }
}

impl std::fmt::Display for BindError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BindError {}

/// Result of binding a user function's arguments.
#[derive(Debug, Clone, Default)]
pub struct FunctionBinding {
    /// One slot per declared parameter (`None`: not given; the evaluator applies the default).
    pub values: Vec<Option<Value>>,
    /// Arguments no parameter took (`$args`).
    pub rest: Vec<Value>,
    /// The common parameters an advanced function was given.
    pub common: Common,
}

/// Which common parameters a user function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FunctionCommon {
    /// None, unless it declares `[Parameter()]` attributes (then `-Verbose` … as well).
    #[default]
    Auto,
    /// `[CmdletBinding()]`: `-Verbose`, `-ErrorAction` and the rest.
    Common,
    /// `[CmdletBinding(SupportsShouldProcess)]`: also `-WhatIf` and `-Confirm`.
    ShouldProcess,
}

/// Where a parameter description came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// A declared parameter (index into the declaration list).
    Declared,
    /// A common / paging / credential / should-process parameter.
    Common,
}

/// A parameter as the engine sees it, whatever declared it.
#[derive(Debug, Clone)]
struct PDesc<'a> {
    name: &'a str,
    /// The `'static` name for cmdlet parameters (key of [`Bound::values`]).
    static_name: Option<&'static str>,
    aliases: Vec<&'a str>,
    ty: Ty,
    /// A type name to cast to with `convert::cast` (function parameters of other types).
    cast: Option<&'a str>,
    array: bool,
    /// (set, mandatory, position)
    sets: Vec<(&'a str, bool, Option<u32>)>,
    by_value: bool,
    by_prop: bool,
    values: Vec<&'a str>,
    remaining: bool,
    origin: Origin,
}

impl<'a> PDesc<'a> {
    fn from_spec(p: &'static ParamSpec, origin: Origin) -> PDesc<'static> {
        PDesc {
            name: p.name,
            static_name: Some(p.name),
            aliases: p.aliases.to_vec(),
            ty: p.ty,
            cast: None,
            array: p.array,
            sets: p
                .memberships()
                .iter()
                .map(|s| (s.name, s.mandatory, s.position.map(u32::from)))
                .collect(),
            by_value: p.by_value,
            by_prop: p.by_prop,
            values: p.values.to_vec(),
            remaining: p.remaining,
            origin,
        }
    }

    fn in_set(&self, set: &str) -> bool {
        self.sets
            .iter()
            .any(|(n, _, _)| *n == ALL_SETS || *n == set)
    }

    /// True when the parameter belongs to every set (does not narrow the choice).
    fn all_sets(&self) -> bool {
        self.sets.iter().any(|(n, _, _)| *n == ALL_SETS)
    }

    fn membership(&self, set: &str) -> Option<(bool, Option<u32>)> {
        self.sets
            .iter()
            .find(|(n, _, _)| *n == set)
            .or_else(|| self.sets.iter().find(|(n, _, _)| *n == ALL_SETS))
            .map(|(_, m, p)| (*m, *p))
    }

    fn mandatory_in(&self, set: &str) -> bool {
        self.membership(set).is_some_and(|(m, _)| m)
    }

    fn mandatory_anywhere(&self) -> bool {
        self.sets.iter().any(|(_, m, _)| *m)
    }

    fn is_switch(&self) -> bool {
        self.ty == Ty::Switch
    }
}

/// The binding engine for one command.
struct Engine<'a> {
    params: Vec<PDesc<'a>>,
    /// Declared set names; `[ALL_SETS]` when the command declares none.
    sets: Vec<&'a str>,
    default_set: Option<&'a str>,
    /// Simple functions: unknown `-names` and extra positionals go to `$args`.
    lenient: bool,
    command: &'a str,
}

/// Binding state.
#[derive(Debug, Clone)]
struct State<'a> {
    values: Vec<Option<Value>>,
    cands: Vec<&'a str>,
    rest: Vec<Value>,
}

/// .NET type name of a parameter type, for messages.
fn ty_display(ty: Ty, cast: Option<&str>) -> String {
    match ty {
        Ty::Any => cast.map_or("System.Object".to_owned(), |c| c.to_owned()),
        Ty::Str | Ty::Path => "System.String".into(),
        Ty::Int => "System.Int32".into(),
        Ty::Double => "System.Double".into(),
        Ty::Bool => "System.Boolean".into(),
        Ty::Switch => "System.Management.Automation.SwitchParameter".into(),
        Ty::DateTime => "System.DateTime".into(),
        Ty::TimeSpan => "System.TimeSpan".into(),
        Ty::Hashtable => "System.Collections.Hashtable".into(),
        Ty::ScriptBlock => "System.Management.Automation.ScriptBlock".into(),
        Ty::Credential => "System.Management.Automation.PSCredential".into(),
        Ty::SecureString => "System.Security.SecureString".into(),
        Ty::Uri => "System.Uri".into(),
        Ty::Jira(n) => format!("AtlassianPS.JiraPS.{n}"),
    }
}

/// PowerShell's display of a parameter type in help and messages (`String[]`, `Int32`).
pub fn type_label(p: &ParamSpec) -> String {
    let full = ty_display(p.ty, None);
    let short = full.rsplit('.').next().unwrap_or(&full).to_owned();
    let short = if p.ty == Ty::Any {
        "Object".to_owned()
    } else {
        short
    };
    if p.array { format!("{short}[]") } else { short }
}

fn argument_text(v: &Value) -> String {
    match v {
        Value::Array(a) => a
            .borrow()
            .iter()
            .map(convert::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        v => convert::to_string(v),
    }
}

impl<'a> Engine<'a> {
    fn for_spec(spec: &'static CmdletSpec) -> Engine<'static> {
        let mut params: Vec<PDesc<'static>> = spec
            .params
            .iter()
            .map(|p| PDesc::from_spec(p, Origin::Declared))
            .collect();
        let mut extra: Vec<&'static ParamSpec> = COMMON_PARAMS.iter().collect();
        if spec.should_process {
            extra.extend(SHOULD_PROCESS_PARAMS.iter());
        }
        if spec.paging {
            extra.extend(PAGING_PARAMS.iter());
        }
        if spec.networked {
            extra.extend(CREDENTIAL_PARAMS.iter());
        }
        for p in extra {
            // A command may declare its own parameter of the same name (e.g. Select-Object -First):
            // the declaration wins.
            if spec.param(p.name).is_none() {
                params.push(PDesc::from_spec(p, Origin::Common));
            }
        }
        let mut sets = spec.set_names();
        if sets.is_empty() {
            sets.push(ALL_SETS);
        }
        Engine {
            params,
            sets,
            default_set: spec.default_set,
            lenient: false,
            command: spec.name,
        }
    }

    fn for_function(decls: &'a [ParamDecl], common: FunctionCommon) -> Engine<'a> {
        let advanced = common != FunctionCommon::Auto
            || decls.iter().any(|d| {
                d.attrs.mandatory
                    || d.attrs.position.is_some()
                    || d.attrs.from_pipeline
                    || d.attrs.from_pipeline_by_name
            });
        let explicit_positions = decls.iter().any(|d| d.attrs.position.is_some());
        let mut next_pos = 0u32;
        let params = decls
            .iter()
            .map(|d| {
                let (ty, cast, array) = function_type(d.ty.as_deref());
                let position = if explicit_positions {
                    d.attrs.position
                } else if ty != Ty::Switch {
                    next_pos += 1;
                    Some(next_pos - 1)
                } else {
                    None
                };
                PDesc {
                    name: &d.name,
                    static_name: None,
                    aliases: d.attrs.aliases.iter().map(String::as_str).collect(),
                    ty,
                    cast,
                    array,
                    sets: vec![(ALL_SETS, d.attrs.mandatory, position)],
                    by_value: d.attrs.from_pipeline,
                    by_prop: d.attrs.from_pipeline_by_name,
                    values: d.attrs.validate_set.iter().map(String::as_str).collect(),
                    remaining: false,
                    origin: Origin::Declared,
                }
            })
            .collect::<Vec<_>>();
        let mut params = params;
        if advanced {
            // An advanced function takes the common parameters, after its own (a declared
            // parameter of the same name wins).
            let mut extra: Vec<&'static ParamSpec> = COMMON_PARAMS.iter().collect();
            if common == FunctionCommon::ShouldProcess {
                extra.extend(SHOULD_PROCESS_PARAMS.iter());
            }
            for p in extra {
                if !decls.iter().any(|d| d.name.eq_ignore_ascii_case(p.name)) {
                    let mut d = PDesc::from_spec(p, Origin::Common);
                    d.sets = vec![(ALL_SETS, false, None)];
                    params.push(d);
                }
            }
        }
        Engine {
            params,
            sets: vec![ALL_SETS],
            default_set: None,
            lenient: !advanced,
            command: "function",
        }
    }

    /// Resolves a typed parameter name: exact name/alias first, then unambiguous prefixes.
    fn resolve(&self, typed: &str, span: Option<Span>) -> Result<Option<usize>, BindError> {
        let exact = self.params.iter().position(|p| {
            p.name.eq_ignore_ascii_case(typed)
                || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(typed))
        });
        if let Some(i) = exact {
            return Ok(Some(i));
        }
        let lower = typed.to_lowercase();
        let hits: Vec<usize> = (0..self.params.len())
            .filter(|&i| {
                let p = &self.params[i];
                p.name.to_lowercase().starts_with(&lower)
                    || p.aliases
                        .iter()
                        .any(|a| a.to_lowercase().starts_with(&lower))
            })
            .collect();
        match hits.len() {
            1 => Ok(Some(hits[0])),
            0 if self.lenient => Ok(None),
            0 => {
                let mut e = BindError::new(format!(
                    "A parameter cannot be found that matches parameter name '{typed}'."
                ))
                .at(span);
                if let Some(best) = self.nearest(typed) {
                    e = e.hint(format!("Did you mean -{best}?"));
                }
                Err(e)
            }
            _ => {
                let names: Vec<String> = hits
                    .iter()
                    .map(|&i| format!("-{}", self.params[i].name))
                    .collect();
                Err(BindError::new(format!(
                    "Parameter cannot be processed because the parameter name '{typed}' is ambiguous. Possible matches include: {}.",
                    names.join(" ")
                ))
                .at(span))
            }
        }
    }

    fn nearest(&self, typed: &str) -> Option<&'a str> {
        let lower = typed.to_lowercase();
        let mut best: Option<(f64, &'a str)> = None;
        for p in &self.params {
            // Two-letter aliases (`ea`, `ov`) share letters with too many words to be a
            // useful suggestion (`-Year` is not a misspelt `-ea`).
            let names = std::iter::once(&p.name).chain(p.aliases.iter().filter(|a| a.len() > 2));
            for n in names {
                let score = strsim::jaro_winkler(&lower, &n.to_lowercase());
                if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, p.name));
                }
            }
        }
        best.map(|(_, n)| n)
    }

    fn new_state(&self) -> State<'a> {
        State {
            values: vec![None; self.params.len()],
            cands: self.sets.clone(),
            rest: Vec::new(),
        }
    }

    /// Narrows the candidate sets to those containing parameter `i`.
    fn narrow(&self, st: &mut State<'a>, i: usize) -> Result<(), BindError> {
        let p = &self.params[i];
        if p.all_sets() {
            return Ok(());
        }
        let left: Vec<&'a str> = st.cands.iter().copied().filter(|s| p.in_set(s)).collect();
        if left.is_empty() {
            return Err(self.set_error());
        }
        st.cands = left;
        Ok(())
    }

    fn set_error(&self) -> BindError {
        BindError::new("Parameter set cannot be resolved using the specified named parameters.")
            .hint(format!(
                "{} has the parameter sets: {}.",
                self.command,
                self.sets.join(", ")
            ))
    }

    /// Binds a converted value to parameter `i`.
    fn assign(
        &self,
        st: &mut State<'a>,
        i: usize,
        v: Value,
        span: Option<Span>,
    ) -> Result<(), BindError> {
        if st.values[i].is_some() {
            return Err(BindError::new(format!(
                "Cannot bind parameter because parameter '{}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                self.params[i].name
            ))
            .at(span));
        }
        let v = self.convert(i, v).map_err(|e| e.at(span))?;
        st.values[i] = Some(v);
        self.narrow(st, i).map_err(|e| e.at(span))
    }

    /// Converts a value to the type of parameter `i` (PowerShell argument transformation and
    /// validation).
    fn convert(&self, i: usize, v: Value) -> Result<Value, BindError> {
        let p = &self.params[i];
        if p.is_switch() {
            return Ok(Value::Bool(convert::to_bool(&v)));
        }
        if p.array {
            let items = match v {
                Value::Array(a) => a.borrow().clone(),
                Value::Null if p.ty == Ty::Any => return Ok(Value::Null),
                v => vec![v],
            };
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(self.convert_scalar(p, it)?);
            }
            return Ok(Value::array(out));
        }
        let v = match v {
            Value::Array(a) if p.ty != Ty::Any => {
                let items = a.borrow();
                if items.len() == 1 {
                    items[0].clone()
                } else {
                    return Err(BindError::new(format!(
                        "Cannot convert 'System.Object[]' to the type '{}' required by parameter '{}'.",
                        ty_display(p.ty, p.cast),
                        p.name
                    )));
                }
            }
            v => v,
        };
        self.convert_scalar(p, v)
    }

    fn convert_scalar(&self, p: &PDesc<'a>, v: Value) -> Result<Value, BindError> {
        let transform = |msg: String| {
            BindError::new(format!(
                "Cannot process argument transformation on parameter '{}'. {msg}",
                p.name
            ))
        };
        let mismatch = |v: &Value| {
            if matches!(p.ty, Ty::SecureString | Ty::Credential) {
                // Whatever was given for a secret parameter may be the secret: never echo it.
                let how = if p.ty == Ty::Credential {
                    "Get-Credential, or [pscredential]::new('user', (ConvertTo-SecureString \
                     'password' -AsPlainText -Force))"
                } else {
                    "ConvertTo-SecureString 'text' -AsPlainText -Force, or Read-Host -AsSecureString"
                };
                return BindError::new(format!(
                    "Cannot bind parameter '{}'. Cannot convert a value of type \"{}\" to type \"{}\" \
                     (the value is not shown, as it may be secret). Make one with {how}.",
                    p.name,
                    v.type_name(),
                    ty_display(p.ty, p.cast)
                ));
            }
            BindError::new(format!(
                "Cannot bind parameter '{}'. Cannot convert the \"{}\" value of type \"{}\" to type \"{}\".",
                p.name,
                convert::to_string(v),
                v.type_name(),
                ty_display(p.ty, p.cast)
            ))
        };
        if v.is_null() {
            if p.mandatory_anywhere() && p.ty != Ty::Any {
                return Err(BindError::new(format!(
                    "Cannot bind argument to parameter '{}' because it is null.",
                    p.name
                )));
            }
            return Ok(Value::Null);
        }
        let out = match p.ty {
            Ty::Any => match p.cast {
                Some(t) => convert::cast(&v, t).map_err(transform)?,
                None => v,
            },
            Ty::Str | Ty::Path | Ty::Uri => match v {
                Value::Str(_) => v,
                other => Value::str(convert::to_string(&other)),
            },
            Ty::Int => match v {
                Value::Int(_) => v,
                other => convert::cast(&other, "int").map_err(transform)?,
            },
            Ty::Double => match v {
                Value::Double(_) => v,
                other => convert::cast(&other, "double").map_err(transform)?,
            },
            Ty::Bool => match v {
                Value::Bool(_) => v,
                Value::Int(i) => Value::Bool(i != 0),
                Value::Double(d) => Value::Bool(d != 0.0),
                other => return Err(mismatch(&other)),
            },
            Ty::Switch => Value::Bool(convert::to_bool(&v)),
            Ty::DateTime => match v {
                Value::DateTime(_) => v,
                other => convert::cast(&other, "datetime").map_err(transform)?,
            },
            Ty::TimeSpan => match v {
                Value::TimeSpan(_) => v,
                other => convert::cast(&other, "timespan").map_err(transform)?,
            },
            Ty::Hashtable => match v {
                Value::Hashtable(_) => v,
                other => return Err(mismatch(&other)),
            },
            Ty::ScriptBlock => match v {
                Value::ScriptBlock(_) => v,
                other => return Err(mismatch(&other)),
            },
            // A string names the user; the command prompts for the password (PowerShell's
            // credential attribute does the same).
            Ty::Credential => match v {
                Value::Credential(_) | Value::Str(_) => v,
                other => return Err(mismatch(&other)),
            },
            Ty::SecureString => match v {
                Value::SecureString(_) => v,
                other => return Err(mismatch(&other)),
            },
            Ty::Jira(name) => crate::objects::coerce(name, &v).map_err(transform)?,
        };
        if matches!(p.ty, Ty::Str | Ty::Jira(_) | Ty::Path | Ty::Uri)
            && p.mandatory_anywhere()
            && matches!(&out, Value::Str(s) if s.is_empty())
        {
            return Err(BindError::new(format!(
                "Cannot bind argument to parameter '{}' because it is an empty string.",
                p.name
            )));
        }
        if !p.values.is_empty() {
            let text = convert::to_string(&out);
            return match p.values.iter().find(|a| a.eq_ignore_ascii_case(&text)) {
                Some(canon) => Ok(Value::str(*canon)),
                None => Err(BindError::new(format!(
                    "Cannot validate argument on parameter '{}'. The argument \"{text}\" does not belong to the set \"{}\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.",
                    p.name,
                    p.values.join(",")
                ))),
            };
        }
        Ok(out)
    }

    /// Binds the command line.
    fn bind_args(&self, args: Vec<RawArg>) -> Result<State<'a>, BindError> {
        let mut st = self.new_state();
        let mut positionals: Vec<(Value, Span)> = Vec::new();
        let mut it = args.into_iter().peekable();
        while let Some(arg) = it.next() {
            match arg {
                RawArg::Positional { value, span } => positionals.push((value, span)),
                RawArg::Named { name, value, span } => {
                    let Some(i) = self.resolve(&name, Some(span))? else {
                        // Simple function: the unknown parameter is an ordinary argument.
                        st.rest.push(Value::str(format!("-{name}")));
                        if let Some(v) = value {
                            st.rest.push(v);
                        }
                        continue;
                    };
                    let v = if self.params[i].is_switch() {
                        value.unwrap_or(Value::Bool(true))
                    } else if let Some(v) = value {
                        v
                    } else if let Some(RawArg::Positional { .. }) = it.peek() {
                        match it.next() {
                            Some(RawArg::Positional { value, .. }) => value,
                            _ => Value::Null,
                        }
                    } else {
                        let p = &self.params[i];
                        let ty = ty_display(p.ty, p.cast);
                        let ty = if p.array { format!("{ty}[]") } else { ty };
                        return Err(BindError::new(format!(
                            "Missing an argument for parameter '{}'. Specify a parameter of type '{ty}' and try again.",
                            p.name
                        ))
                        .at(Some(span)));
                    };
                    self.assign(&mut st, i, v, Some(span))?;
                }
            }
        }
        let remaining = self.params.iter().position(|p| p.remaining);
        let mut extra: Vec<Value> = Vec::new();
        for (value, span) in positionals {
            match self.next_positional(&st, &value) {
                Some(i) => self.assign(&mut st, i, value, Some(span))?,
                None if self.lenient => st.rest.push(value),
                None if remaining.is_some() => extra.push(value),
                None => {
                    return Err(BindError::new(format!(
                        "A positional parameter cannot be found that accepts argument '{}'.",
                        argument_text(&value)
                    ))
                    .at(Some(span)));
                }
            }
        }
        if let Some(r) = remaining
            && !extra.is_empty()
        {
            let mut all = st.values[r]
                .take()
                .map(Value::enumerate)
                .unwrap_or_default();
            all.extend(extra);
            self.assign(&mut st, r, Value::array(all), None)?;
        }
        Ok(st)
    }

    /// The unbound positional parameter with the lowest position among the candidate sets.
    /// Ties (parameters of different sets at one position) prefer the default set, then one
    /// whose type accepts the value.
    fn next_positional(&self, st: &State<'a>, value: &Value) -> Option<usize> {
        let mut best: Option<u32> = None;
        let mut hits: Vec<usize> = Vec::new();
        for (i, p) in self.params.iter().enumerate() {
            if st.values[i].is_some() {
                continue;
            }
            let pos = st
                .cands
                .iter()
                .filter_map(|s| p.membership(s).and_then(|(_, pos)| pos))
                .min();
            let Some(pos) = pos else { continue };
            match best {
                Some(b) if pos > b => {}
                Some(b) if pos == b => hits.push(i),
                _ => {
                    best = Some(pos);
                    hits = vec![i];
                }
            }
        }
        if hits.len() <= 1 {
            return hits.first().copied();
        }
        // Parameters of the default set first, then declaration order; the first whose type
        // accepts the value wins.
        if let Some(d) = self.default_set.filter(|d| st.cands.contains(d)) {
            hits.sort_by_key(|&i| !self.params[i].sets.iter().any(|(n, _, _)| *n == d));
        }
        hits.iter()
            .copied()
            .find(|&i| self.convert(i, value.clone()).is_ok())
            .or(hits.first().copied())
    }

    /// True when parameter `i` can still be filled from the pipeline in set `set`.
    fn pipeline_fillable(&self, st: &State<'a>, i: usize, set: &str) -> bool {
        let p = &self.params[i];
        st.values[i].is_none() && (p.by_value || p.by_prop) && p.in_set(set)
    }

    fn missing_in(&self, st: &State<'a>, set: &str, has_input: bool) -> Vec<usize> {
        (0..self.params.len())
            .filter(|&i| {
                let p = &self.params[i];
                p.origin == Origin::Declared
                    && st.values[i].is_none()
                    && p.in_set(set)
                    && p.mandatory_in(set)
                    && !(has_input && self.pipeline_fillable(st, i, set))
            })
            .collect()
    }

    /// Chooses the parameter set from the candidates and checks mandatory parameters.
    fn choose(&self, st: &mut State<'a>, has_input: bool) -> Result<&'a str, BindError> {
        if has_input {
            let with_pipe: Vec<&'a str> = st
                .cands
                .iter()
                .copied()
                .filter(|s| (0..self.params.len()).any(|i| self.pipeline_fillable(st, i, s)))
                .collect();
            if !with_pipe.is_empty() {
                st.cands = with_pipe;
            }
        }
        let set = if st.cands.len() == 1 {
            st.cands[0]
        } else if let Some(d) = self.default_set.filter(|d| st.cands.contains(d)) {
            d
        } else {
            let complete: Vec<&'a str> = st
                .cands
                .iter()
                .copied()
                .filter(|s| self.missing_in(st, s, has_input).is_empty())
                .collect();
            match complete.as_slice() {
                [one] => *one,
                _ => {
                    return Err(BindError::new(
                        "Parameter set cannot be resolved using the specified named parameters.",
                    )
                    .hint(format!("Possible parameter sets: {}.", st.cands.join(", "))));
                }
            }
        };
        let missing = self.missing_in(st, set, has_input);
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|&i| self.params[i].name).collect();
            let mut e = BindError::new(format!(
                "Cannot process command because of one or more missing mandatory parameters: {}.",
                names.join(" ")
            ));
            e.missing = missing
                .iter()
                .filter_map(|&i| self.params[i].static_name)
                .collect();
            return Err(e);
        }
        Ok(set)
    }

    /// Binds one pipeline object onto a copy of the command-line state.
    fn bind_pipeline(&self, st: &mut State<'a>, input: &Value) -> Result<(), BindError> {
        let eligible = |st: &State<'a>, i: usize| {
            let p = &self.params[i];
            st.values[i].is_none() && st.cands.iter().any(|s| p.in_set(s))
        };
        let mut bound_any = false;
        // Pass 1: by value without coercion; pass 2: by property name; pass 3: by value with
        // coercion (PowerShell's order).
        if let Some(i) = (0..self.params.len()).find(|&i| {
            self.params[i].by_value
                && eligible(st, i)
                && accepts_without_coercion(&self.params[i], input)
        }) {
            self.assign(st, i, input.clone(), None)?;
            bound_any = true;
        }
        if matches!(input, Value::Record(_) | Value::Hashtable(_)) {
            for i in 0..self.params.len() {
                let p = &self.params[i];
                if !p.by_prop || !eligible(st, i) {
                    continue;
                }
                let found = std::iter::once(&p.name)
                    .chain(p.aliases.iter())
                    .map(|n| input.property(n))
                    .find(|v| !v.is_null());
                if let Some(v) = found {
                    let mut trial = st.clone();
                    if self.assign(&mut trial, i, v, None).is_ok() {
                        *st = trial;
                        bound_any = true;
                    }
                }
            }
        }
        if !bound_any {
            let by_value: Vec<usize> = (0..self.params.len())
                .filter(|&i| self.params[i].by_value && eligible(st, i))
                .collect();
            for i in by_value {
                let mut trial = st.clone();
                if self.assign(&mut trial, i, input.clone(), None).is_ok() {
                    *st = trial;
                    bound_any = true;
                    break;
                }
            }
        }
        if !bound_any {
            return Err(BindError::new(format!(
                "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input. ({} does not accept a {} here.)",
                self.command,
                input.type_name()
            )));
        }
        Ok(())
    }

    fn static_values(&self, st: &State<'a>) -> (IndexMap<&'static str, Value>, Common) {
        let mut values = IndexMap::new();
        let mut common = Common::default();
        for (i, v) in st.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let p = &self.params[i];
            let Some(name) = p.static_name else { continue };
            if p.origin == Origin::Common && fill_common(&mut common, name, v) {
                continue;
            }
            values.insert(name, v.clone());
        }
        (values, common)
    }
}

/// Fills a common parameter; false when `name` is not one (paging/credential go to values).
fn fill_common(c: &mut Common, name: &str, v: &Value) -> bool {
    let text = || convert::to_string(v);
    match name {
        "Verbose" => c.verbose = Some(convert::to_bool(v)),
        "Debug" => c.debug = Some(convert::to_bool(v)),
        "ErrorAction" => c.error_action = action(&text()),
        "WarningAction" => c.warning_action = action(&text()),
        "ErrorVariable" => c.error_variable = Some(text()),
        "WarningVariable" => c.warning_variable = Some(text()),
        "OutVariable" => c.out_variable = Some(text()),
        "WhatIf" => c.what_if = convert::to_bool(v),
        "Confirm" => c.confirm = Some(convert::to_bool(v)),
        _ => return false,
    }
    true
}

/// Parses an action preference name (case-insensitive).
pub fn action(name: &str) -> Option<ActionPreference> {
    let n = name.to_ascii_lowercase();
    Some(match n.as_str() {
        "stop" => ActionPreference::Stop,
        "continue" => ActionPreference::Continue,
        "silentlycontinue" => ActionPreference::SilentlyContinue,
        "ignore" => ActionPreference::Ignore,
        "inquire" => ActionPreference::Inquire,
        _ => return None,
    })
}

/// True when a pipeline object already has the parameter's type (no conversion needed).
fn accepts_without_coercion(p: &PDesc<'_>, v: &Value) -> bool {
    let one = |v: &Value| match p.ty {
        Ty::Any => p.cast.is_none(),
        Ty::Str | Ty::Path | Ty::Uri => matches!(v, Value::Str(_)),
        Ty::Int => matches!(v, Value::Int(_)),
        Ty::Double => matches!(v, Value::Double(_)),
        Ty::Bool | Ty::Switch => matches!(v, Value::Bool(_)),
        Ty::DateTime => matches!(v, Value::DateTime(_)),
        Ty::TimeSpan => matches!(v, Value::TimeSpan(_)),
        Ty::Hashtable => matches!(v, Value::Hashtable(_)),
        Ty::ScriptBlock => matches!(v, Value::ScriptBlock(_)),
        Ty::Credential => matches!(v, Value::Credential(_)),
        Ty::SecureString => matches!(v, Value::SecureString(_)),
        Ty::Jira(name) => matches!(v, Value::Record(r) if r.borrow().is_type(name)),
    };
    match v {
        Value::Array(a) if p.array => a.borrow().iter().all(one),
        v => one(v),
    }
}

/// Maps a function parameter's type constraint to (type, cast name, array).
fn function_type(ty: Option<&str>) -> (Ty, Option<&str>, bool) {
    let Some(t) = ty else {
        return (Ty::Any, None, false);
    };
    let (base, array) = match t.strip_suffix("[]") {
        Some(b) => (b, true),
        None => (t, false),
    };
    let lower = base.to_ascii_lowercase();
    let lower = lower.strip_prefix("system.").unwrap_or(&lower);
    let ty = match lower {
        "string" => Ty::Str,
        "int" | "int32" | "long" | "int64" => Ty::Int,
        "double" | "float" | "single" | "decimal" => Ty::Double,
        "bool" | "boolean" => Ty::Bool,
        "switch" | "management.automation.switchparameter" => Ty::Switch,
        "datetime" => Ty::DateTime,
        "timespan" => Ty::TimeSpan,
        "hashtable" | "collections.hashtable" => Ty::Hashtable,
        "scriptblock" => Ty::ScriptBlock,
        "pscredential" | "management.automation.pscredential" => Ty::Credential,
        "securestring" | "security.securestring" => Ty::SecureString,
        "object" | "psobject" => Ty::Any,
        _ => return (Ty::Any, Some(base), array),
    };
    (ty, None, array)
}

/// Binds a cmdlet's command-line arguments. With `has_input`, mandatory parameters that can
/// come from the pipeline are not reported missing, and sets accepting pipeline input are
/// preferred; [`bind_input`] then binds each object.
pub fn bind(
    spec: &'static CmdletSpec,
    args: Vec<RawArg>,
    has_input: bool,
) -> Result<Bound, BindError> {
    let eng = Engine::for_spec(spec);
    let mut st = eng.bind_args(args)?;
    let set = eng.choose(&mut st, has_input)?;
    let (values, common) = eng.static_values(&st);
    let mut candidate_sets = st.cands.clone();
    if !candidate_sets.contains(&set) {
        candidate_sets.push(set);
    }
    Ok(Bound {
        set,
        values,
        common,
        candidate_sets,
    })
}

/// Binds one pipeline object on top of the command-line binding `base`: by value first, then by
/// property name, then by value with conversion. Re-chooses the set and checks mandatory
/// parameters.
pub fn bind_input(
    spec: &'static CmdletSpec,
    base: &Bound,
    input: &Value,
) -> Result<Bound, BindError> {
    let eng = Engine::for_spec(spec);
    let mut st = eng.new_state();
    for (i, p) in eng.params.iter().enumerate() {
        let Some(name) = p.static_name else { continue };
        if let Some(v) = base.values.get(name) {
            st.values[i] = Some(v.clone());
        }
    }
    st.cands = if base.candidate_sets.is_empty() {
        vec![base.set]
    } else {
        base.candidate_sets.clone()
    };
    eng.bind_pipeline(&mut st, input)?;
    let set = eng.choose(&mut st, false)?;
    let (values, _) = eng.static_values(&st);
    Ok(Bound {
        set,
        values,
        common: base.common.clone(),
        candidate_sets: vec![set],
    })
}

/// Binds a user function's arguments: declared parameters by name, prefix, alias and
/// position; what no parameter takes goes to `rest` (`$args`). Functions with no
/// `[Parameter()]` attributes are "simple": unknown `-names` also go to `$args`.
pub fn bind_function(
    params: &[ParamDecl],
    args: Vec<RawArg>,
    has_input: bool,
) -> Result<FunctionBinding, BindError> {
    bind_function_with(params, FunctionCommon::Auto, args, has_input)
}

/// [`bind_function`] for a function that takes the common parameters `common` says.
pub fn bind_function_with(
    params: &[ParamDecl],
    common: FunctionCommon,
    args: Vec<RawArg>,
    has_input: bool,
) -> Result<FunctionBinding, BindError> {
    let eng = Engine::for_function(params, common);
    let mut st = eng.bind_args(args)?;
    eng.choose(&mut st, has_input)?;
    Ok(eng.function_binding(st, params.len()))
}

/// Binds one pipeline object to a function's `ValueFromPipeline` /
/// `ValueFromPipelineByPropertyName` parameters on top of `base`.
pub fn bind_function_input(
    params: &[ParamDecl],
    base: &FunctionBinding,
    input: &Value,
) -> Result<FunctionBinding, BindError> {
    let eng = Engine::for_function(params, FunctionCommon::Auto);
    let mut st = eng.new_state();
    for (slot, v) in st.values.iter_mut().zip(base.values.iter()) {
        slot.clone_from(v);
    }
    st.rest = base.rest.clone();
    eng.bind_pipeline(&mut st, input)?;
    eng.choose(&mut st, false)?;
    let mut b = eng.function_binding(st, params.len());
    b.common = base.common.clone();
    Ok(b)
}

impl Engine<'_> {
    /// A function's binding: the declared parameters' slots, and the common ones given.
    fn function_binding(&self, st: State<'_>, declared: usize) -> FunctionBinding {
        let mut common = Common::default();
        for (i, v) in st.values.iter().enumerate().skip(declared) {
            if let (Some(v), Some(name)) = (v, self.params[i].static_name) {
                fill_common(&mut common, name, v);
            }
        }
        let mut values = st.values;
        values.truncate(declared);
        FunctionBinding {
            values,
            rest: st.rest,
            common,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::spec::{Example, SetSpec, param};
    use crate::cmd::{Command, FnCommand};
    use crate::eval::value::{PropMap, RecordData};

    fn noop() -> Box<dyn Command> {
        Box::new(FnCommand(|_, _, _| Ok(())))
    }

    const ISSUE_PARAMS: &[ParamSpec] = &[
        param("Key", Ty::Str)
            .array()
            .aliases(&["Issue"])
            .set(SetSpec::named("ByIssueKey").mandatory().position(0))
            .by_value()
            .by_prop()
            .help("Key."),
        param("InputObject", Ty::Jira("Issue"))
            .set(SetSpec::named("ByInputObject").mandatory())
            .by_value()
            .help("Issue."),
        param("Query", Ty::Str)
            .aliases(&["JQL"])
            .set(SetSpec::named("ByJQL").mandatory().position(0))
            .help("JQL."),
        param("Filter", Ty::Str)
            .set(SetSpec::named("ByFilter").mandatory())
            .help("Filter."),
        param("Fields", Ty::Str).array().help("Fields."),
        param("MaxResults", Ty::Int).help("Max."),
        param("Force", Ty::Switch).help("Force."),
        param("When", Ty::Str)
            .values(&["Now", "Later"])
            .help("When."),
    ];

    static ISSUE: CmdletSpec = CmdletSpec {
        params: ISSUE_PARAMS,
        default_set: Some("ByIssueKey"),
        paging: true,
        networked: true,
        should_process: true,
        examples: &[Example {
            code: "Get-X TEST-1",
            about: "x",
        }],
        ..CmdletSpec::new("Get-X", "Test spec.", noop)
    };

    const SIMPLE_PARAMS: &[ParamSpec] = &[
        param("Name", Ty::Str).position(0).mandatory().help("n"),
        param("Count", Ty::Int).position(1).help("c"),
        param("Tags", Ty::Str).array().help("t"),
        param("Quiet", Ty::Switch).help("q"),
        param("Block", Ty::ScriptBlock).help("b"),
        param("Map", Ty::Hashtable).help("m"),
        param("Flag", Ty::Bool).help("f"),
    ];

    static SIMPLE: CmdletSpec = CmdletSpec {
        params: SIMPLE_PARAMS,
        ..CmdletSpec::new("Do-Simple", "Simple.", noop)
    };

    const NOSET_PARAMS: &[ParamSpec] = &[
        param("A", Ty::Str).set(SetSpec::named("One")).help("a"),
        param("B", Ty::Str).set(SetSpec::named("Two")).help("b"),
    ];
    static NOSET: CmdletSpec = CmdletSpec {
        params: NOSET_PARAMS,
        ..CmdletSpec::new("Do-Sets", "Sets.", noop)
    };

    fn named(n: &str) -> RawArg {
        RawArg::Named {
            name: n.into(),
            value: None,
            span: Span::default(),
        }
    }
    fn inline(n: &str, v: Value) -> RawArg {
        RawArg::Named {
            name: n.into(),
            value: Some(v),
            span: Span::default(),
        }
    }
    fn pos(v: impl Into<Value>) -> RawArg {
        RawArg::Positional {
            value: v.into(),
            span: Span::default(),
        }
    }
    fn arr(items: &[&str]) -> Value {
        Value::array(items.iter().map(|s| Value::from(*s)).collect())
    }
    fn strs(v: &Value) -> Vec<String> {
        v.clone()
            .enumerate()
            .iter()
            .map(convert::to_string)
            .collect()
    }
    fn err(spec: &'static CmdletSpec, args: Vec<RawArg>) -> BindError {
        match bind(spec, args, false) {
            Ok(b) => panic!("expected an error, got {b:?}"),
            Err(e) => e,
        }
    }
    fn ok(spec: &'static CmdletSpec, args: Vec<RawArg>) -> Bound {
        match bind(spec, args, false) {
            Ok(b) => b,
            Err(e) => panic!("unexpected error: {}", e.message),
        }
    }
    fn issue_record(key: &str) -> Value {
        let mut props = PropMap::new();
        props.insert("Key", key.into());
        props.insert("Summary", "s".into());
        Value::record(RecordData {
            info: None,
            type_name: Some("AtlassianPS.JiraPS.Issue".into()),
            props,
        })
    }

    #[test]
    fn full_name_binds() {
        let b = ok(&ISSUE, vec![named("Key"), pos("TEST-1")]);
        assert_eq!(b.set, "ByIssueKey");
        assert_eq!(strs(b.get("Key").unwrap()), ["TEST-1"]);
    }

    #[test]
    fn names_are_case_insensitive() {
        let b = ok(&ISSUE, vec![named("kEY"), pos("TEST-1")]);
        assert!(b.has("Key"));
    }

    #[test]
    fn unambiguous_prefix_binds() {
        let b = ok(&ISSUE, vec![named("Que"), pos("project = X")]);
        assert_eq!(b.set, "ByJQL");
        assert_eq!(b.str("Query").as_deref(), Some("project = X"));
    }

    #[test]
    fn alias_binds_and_alias_prefix_binds() {
        let b = ok(&ISSUE, vec![named("JQL"), pos("a")]);
        assert!(b.has("Query"));
        let b = ok(&ISSUE, vec![named("iss"), pos("T-1")]);
        assert!(b.has("Key"));
    }

    #[test]
    fn ambiguous_prefix_names_candidates() {
        let e = err(&ISSUE, vec![named("Fi"), pos("x")]);
        assert_eq!(
            e.message,
            "Parameter cannot be processed because the parameter name 'Fi' is ambiguous. Possible matches include: -Filter -Fields -First."
        );
    }

    #[test]
    fn exact_match_beats_prefix() {
        // "First" (paging) is a prefix-free exact name even though nothing else starts with it;
        // "Key" is exact while "K" alone would be a prefix of Key only.
        let b = ok(&ISSUE, vec![named("First"), pos(3i64), pos("T-1")]);
        assert_eq!(b.int("First"), Some(3));
    }

    #[test]
    fn unknown_parameter_suggests_nearest() {
        let e = err(&ISSUE, vec![named("Feilds"), pos("x")]);
        assert_eq!(
            e.message,
            "A parameter cannot be found that matches parameter name 'Feilds'."
        );
        assert_eq!(e.hint.as_deref(), Some("Did you mean -Fields?"));
    }

    #[test]
    fn short_aliases_are_not_suggested() {
        // `-Year` scores high against `ea` (ErrorAction's alias) by letters alone.
        let e = err(&ISSUE, vec![named("Year"), pos("x")]);
        assert!(e.hint.is_none(), "{:?}", e.hint);
    }

    #[test]
    fn unknown_parameter_without_close_name_has_no_hint() {
        let e = err(&ISSUE, vec![named("Zzzzqqq")]);
        assert!(e.hint.is_none());
    }

    #[test]
    fn switch_does_not_take_next_argument() {
        let b = ok(&ISSUE, vec![named("Force"), pos("T-1")]);
        assert!(b.switch("Force"));
        assert_eq!(strs(b.get("Key").unwrap()), ["T-1"]);
    }

    #[test]
    fn switch_inline_false() {
        let b = ok(
            &ISSUE,
            vec![inline("Force", Value::Bool(false)), pos("T-1")],
        );
        assert!(b.has("Force"));
        assert!(!b.switch("Force"));
    }

    #[test]
    fn missing_argument_for_named_parameter() {
        let e = err(&SIMPLE, vec![pos("n"), named("Count")]);
        assert_eq!(
            e.message,
            "Missing an argument for parameter 'Count'. Specify a parameter of type 'System.Int32' and try again."
        );
        let e = err(&SIMPLE, vec![named("Name"), named("Quiet")]);
        assert!(e.message.starts_with(
            "Missing an argument for parameter 'Name'. Specify a parameter of type 'System.String'"
        ));
    }

    #[test]
    fn positional_in_order() {
        let b = ok(&SIMPLE, vec![pos("x"), pos("5")]);
        assert_eq!(b.str("Name").as_deref(), Some("x"));
        assert!(matches!(b.get("Count"), Some(Value::Int(5))));
    }

    #[test]
    fn named_then_positional_fills_remaining() {
        let b = ok(&SIMPLE, vec![named("Name"), pos("x"), pos("7")]);
        assert!(matches!(b.get("Count"), Some(Value::Int(7))));
    }

    #[test]
    fn extra_positional_is_an_error() {
        let e = err(&SIMPLE, vec![pos("x"), pos("1"), pos("extra")]);
        assert_eq!(
            e.message,
            "A positional parameter cannot be found that accepts argument 'extra'."
        );
    }

    #[test]
    fn duplicate_parameter_is_an_error() {
        let e = err(
            &SIMPLE,
            vec![named("Name"), pos("a"), named("Name"), pos("b")],
        );
        assert!(e.message.contains("is specified more than once"));
    }

    #[test]
    fn default_set_wins_for_positional() {
        let b = ok(&ISSUE, vec![pos("T-1")]);
        assert_eq!(b.set, "ByIssueKey");
    }

    #[test]
    fn named_parameter_chooses_set() {
        let b = ok(&ISSUE, vec![named("Filter"), pos("10")]);
        assert_eq!(b.set, "ByFilter");
    }

    #[test]
    fn conflicting_sets_are_an_error() {
        let e = err(
            &ISSUE,
            vec![named("Filter"), pos("10"), named("Query"), pos("x")],
        );
        assert_eq!(
            e.message,
            "Parameter set cannot be resolved using the specified named parameters."
        );
        assert!(e.hint.unwrap().contains("ByFilter"));
    }

    #[test]
    fn unresolvable_without_default_names_sets() {
        let e = err(&NOSET, vec![]);
        assert_eq!(
            e.message,
            "Parameter set cannot be resolved using the specified named parameters."
        );
        assert!(e.hint.unwrap().contains("One, Two"));
    }

    #[test]
    fn mandatory_missing_is_reported() {
        let e = err(&ISSUE, vec![named("Fields"), pos("a")]);
        assert_eq!(
            e.message,
            "Cannot process command because of one or more missing mandatory parameters: Key."
        );
        assert_eq!(e.missing, vec!["Key"]);
    }

    #[test]
    fn mandatory_from_pipeline_not_missing_with_input() {
        let b = bind(&ISSUE, vec![named("Fields"), pos("a")], true).unwrap();
        assert!(!b.has("Key"));
        assert!(b.candidate_sets.contains(&"ByInputObject"));
    }

    #[test]
    fn int_conversion_and_failure() {
        let b = ok(&SIMPLE, vec![pos("n"), pos("12")]);
        assert!(matches!(b.get("Count"), Some(Value::Int(12))));
        let e = err(&SIMPLE, vec![pos("n"), pos("abc")]);
        assert!(
            e.message
                .starts_with("Cannot process argument transformation on parameter 'Count'.")
        );
    }

    #[test]
    fn scalar_becomes_array_for_array_param() {
        let b = ok(&SIMPLE, vec![pos("n"), named("Tags"), pos("one")]);
        assert!(matches!(b.get("Tags"), Some(Value::Array(_))));
        assert_eq!(strs(b.get("Tags").unwrap()), ["one"]);
    }

    #[test]
    fn array_stays_array() {
        let b = ok(
            &SIMPLE,
            vec![pos("n"), named("Tags"), pos(arr(&["a", "b"]))],
        );
        assert_eq!(strs(b.get("Tags").unwrap()), ["a", "b"]);
    }

    #[test]
    fn one_element_array_unwraps_for_scalar() {
        let b = ok(&SIMPLE, vec![pos(arr(&["only"]))]);
        assert!(matches!(b.get("Name"), Some(Value::Str(s)) if &**s == "only"));
    }

    #[test]
    fn array_to_scalar_is_an_error() {
        let e = err(&SIMPLE, vec![named("Name"), pos(arr(&["a", "b"]))]);
        assert_eq!(
            e.message,
            "Cannot convert 'System.Object[]' to the type 'System.String' required by parameter 'Name'."
        );
    }

    #[test]
    fn validate_set_canonicalises_and_rejects() {
        let b = ok(&ISSUE, vec![pos("T-1"), named("When"), pos("later")]);
        assert_eq!(b.str("When").as_deref(), Some("Later"));
        let e = err(&ISSUE, vec![pos("T-1"), named("When"), pos("never")]);
        assert!(e.message.starts_with(
            "Cannot validate argument on parameter 'When'. The argument \"never\" does not belong to the set \"Now,Later\""
        ));
    }

    #[test]
    fn empty_string_for_mandatory_is_an_error() {
        let e = err(&SIMPLE, vec![pos("")]);
        assert_eq!(
            e.message,
            "Cannot bind argument to parameter 'Name' because it is an empty string."
        );
    }

    #[test]
    fn null_for_mandatory_is_an_error() {
        let e = err(&SIMPLE, vec![pos(Value::Null)]);
        assert_eq!(
            e.message,
            "Cannot bind argument to parameter 'Name' because it is null."
        );
    }

    #[test]
    fn scriptblock_and_hashtable_types_are_checked() {
        let e = err(&SIMPLE, vec![pos("n"), named("Block"), pos("text")]);
        assert!(
            e.message
                .contains("System.Management.Automation.ScriptBlock")
        );
        let e = err(&SIMPLE, vec![pos("n"), named("Map"), pos("text")]);
        assert!(e.message.contains("Hashtable"));
        let b = ok(
            &SIMPLE,
            vec![
                pos("n"),
                named("Map"),
                pos(Value::hashtable(PropMap::new())),
            ],
        );
        assert!(b.has("Map"));
    }

    #[test]
    fn bool_param_rejects_strings() {
        let e = err(&SIMPLE, vec![pos("n"), named("Flag"), pos("yes")]);
        assert!(e.message.contains("System.Boolean"));
        let b = ok(&SIMPLE, vec![pos("n"), named("Flag"), pos(Value::Int(0))]);
        assert!(matches!(b.get("Flag"), Some(Value::Bool(false))));
    }

    #[test]
    fn common_parameters_fill_common() {
        let b = ok(
            &ISSUE,
            vec![
                pos("T-1"),
                named("ea"),
                pos("stop"),
                named("Verbose"),
                named("ErrorVariable"),
                pos("+errs"),
                named("WhatIf"),
            ],
        );
        assert_eq!(b.common.error_action, Some(ActionPreference::Stop));
        assert_eq!(b.common.verbose, Some(true));
        assert_eq!(b.common.error_variable.as_deref(), Some("+errs"));
        assert!(b.common.what_if);
        assert!(!b.has("ErrorAction"));
    }

    #[test]
    fn common_error_action_is_validated() {
        let e = err(&ISSUE, vec![pos("T-1"), named("ErrorAction"), pos("x")]);
        assert!(e.message.starts_with("Cannot validate argument on parameter 'ErrorAction'. The argument \"x\" does not belong to the set \"Stop,Continue,SilentlyContinue,Ignore,Inquire\""));
    }

    #[test]
    fn paging_and_credential_go_to_values() {
        let b = ok(
            &ISSUE,
            vec![
                pos("T-1"),
                named("Skip"),
                pos("2"),
                named("Credential"),
                pos("bob"),
            ],
        );
        assert_eq!(b.int("Skip"), Some(2));
        assert!(b.has("Credential"));
    }

    #[test]
    fn should_process_params_only_when_declared() {
        let e = err(&SIMPLE, vec![pos("n"), named("WhatIf")]);
        assert!(e.message.contains("'WhatIf'"));
    }

    #[test]
    fn pipeline_by_value_string_binds_key() {
        let base = bind(&ISSUE, vec![], true).unwrap();
        let b = bind_input(&ISSUE, &base, &"T-9".into()).unwrap();
        assert_eq!(b.set, "ByIssueKey");
        assert_eq!(strs(b.get("Key").unwrap()), ["T-9"]);
    }

    #[test]
    fn pipeline_issue_record_binds_input_object_by_value() {
        let base = bind(&ISSUE, vec![], true).unwrap();
        let b = bind_input(&ISSUE, &base, &issue_record("T-3")).unwrap();
        assert_eq!(b.set, "ByInputObject");
        assert!(b.has("InputObject"));
    }

    #[test]
    fn pipeline_by_property_name() {
        let base = bind(&ISSUE, vec![named("Fields"), pos("a")], true).unwrap();
        let mut props = PropMap::new();
        props.insert("Key", "T-4".into());
        let input = Value::record(RecordData::custom(props));
        let b = bind_input(&ISSUE, &base, &input).unwrap();
        assert_eq!(strs(b.get("Key").unwrap()), ["T-4"]);
        assert!(b.has("Fields"));
    }

    #[test]
    fn pipeline_by_property_alias() {
        let base = bind(&ISSUE, vec![], true).unwrap();
        let mut props = PropMap::new();
        props.insert("issue", "T-5".into());
        let b = bind_input(&ISSUE, &base, &Value::hashtable(props)).unwrap();
        assert_eq!(strs(b.get("Key").unwrap()), ["T-5"]);
    }

    #[test]
    fn pipeline_nothing_binds_is_an_error() {
        let base = bind(&SIMPLE, vec![pos("n")], true).unwrap();
        let e = bind_input(&SIMPLE, &base, &"x".into()).unwrap_err();
        assert!(
            e.message
                .starts_with("The input object cannot be bound to any parameters for the command")
        );
    }

    #[test]
    fn pipeline_does_not_override_command_line() {
        let base = bind(&ISSUE, vec![pos("T-1")], true).unwrap();
        let mut props = PropMap::new();
        props.insert("Key", "T-2".into());
        props.insert("Other", "x".into());
        let e = bind_input(&ISSUE, &base, &Value::record(RecordData::custom(props)));
        assert!(e.is_err());
    }

    fn decl(name: &str, ty: Option<&str>) -> ParamDecl {
        ParamDecl {
            name: name.into(),
            ty: ty.map(Into::into),
            default: None,
            attrs: Default::default(),
            span: Span::default(),
        }
    }

    #[test]
    fn function_positions_follow_declaration_order() {
        let ps = vec![
            decl("Key", Some("string")),
            decl("Force", Some("switch")),
            decl("N", Some("int")),
        ];
        let fb = bind_function(&ps, vec![pos("T-1"), pos("3"), pos("extra")], false).unwrap();
        assert!(matches!(&fb.values[0], Some(Value::Str(s)) if &**s == "T-1"));
        assert!(fb.values[1].is_none());
        assert!(matches!(fb.values[2], Some(Value::Int(3))));
        assert_eq!(fb.rest.len(), 1);
    }

    #[test]
    fn simple_function_unknown_named_goes_to_args() {
        let ps = vec![decl("Key", None)];
        let fb = bind_function(&ps, vec![named("Zap"), pos("a")], false).unwrap();
        assert_eq!(strs(&Value::array(fb.rest.clone())), ["-Zap"]);
        assert!(matches!(&fb.values[0], Some(Value::Str(s)) if &**s == "a"));
    }

    #[test]
    fn advanced_function_is_strict_and_checks_mandatory() {
        let mut k = decl("Key", Some("string"));
        k.attrs.mandatory = true;
        let ps = vec![k];
        let e = bind_function(&ps, vec![named("Zap")], false).unwrap_err();
        assert!(e.message.contains("'Zap'"));
        let e = bind_function(&ps, vec![], false).unwrap_err();
        assert!(e.message.contains("missing mandatory parameters: Key."));
    }

    #[test]
    fn function_switch_and_prefix_and_alias() {
        let mut k = decl("Key", Some("string"));
        k.attrs.aliases = vec!["Issue".into()];
        let ps = vec![k, decl("Force", Some("switch"))];
        let fb = bind_function(&ps, vec![named("fo"), named("iss"), pos("T-1")], false).unwrap();
        assert!(matches!(fb.values[1], Some(Value::Bool(true))));
        assert!(matches!(&fb.values[0], Some(Value::Str(s)) if &**s == "T-1"));
    }

    #[test]
    fn function_pipeline_input() {
        let mut k = decl("Key", Some("string"));
        k.attrs.from_pipeline_by_name = true;
        let mut v = decl("InputObject", None);
        v.attrs.from_pipeline = true;
        let ps = vec![k, v];
        let base = bind_function(&ps, vec![], true).unwrap();
        let fb = bind_function_input(&ps, &base, &issue_record("T-7")).unwrap();
        assert!(fb.values[1].is_some());
        assert!(matches!(&fb.values[0], Some(Value::Str(s)) if &**s == "T-7"));
    }

    #[test]
    fn advanced_function_takes_common_parameters() {
        let ps = vec![decl("Key", Some("string"))];
        let fb = bind_function_with(
            &ps,
            FunctionCommon::Common,
            vec![pos("T-1"), named("Verbose"), named("ea"), pos("Stop")],
            false,
        )
        .unwrap();
        assert_eq!(fb.values.len(), 1);
        assert!(matches!(&fb.values[0], Some(Value::Str(s)) if &**s == "T-1"));
        assert_eq!(fb.common.verbose, Some(true));
        assert_eq!(fb.common.error_action, Some(ActionPreference::Stop));
        // -WhatIf only with SupportsShouldProcess.
        let e = bind_function_with(&ps, FunctionCommon::Common, vec![named("WhatIf")], false)
            .unwrap_err();
        assert!(e.message.contains("'WhatIf'"), "{}", e.message);
        let fb = bind_function_with(
            &ps,
            FunctionCommon::ShouldProcess,
            vec![named("WhatIf")],
            false,
        )
        .unwrap();
        assert!(fb.common.what_if);
        // A simple function still passes them to $args.
        let fb = bind_function(&ps, vec![named("Verbose")], false).unwrap();
        assert_eq!(fb.rest.len(), 1);
        assert_eq!(fb.common.verbose, None);
    }

    #[test]
    fn function_string_array_type() {
        let ps = vec![decl("Tags", Some("string[]"))];
        let fb = bind_function(&ps, vec![pos("x")], false).unwrap();
        assert!(matches!(&fb.values[0], Some(Value::Array(_))));
    }
}
