//! The binder: turns the arguments written on a command line (and pipeline objects) into
//! validated, converted parameter values for one [`CmdletSpec`](super::spec::CmdletSpec),
//! following `language.md` §5. It touches no network and no interpreter state beyond type
//! conversion, so every rule is unit-tested.

use indexmap::IndexMap;

use crate::eval::value::Value;

/// Bound parameters of one invocation.
#[derive(Debug, Clone, Default)]
pub struct Bound {
    /// Chosen parameter set name.
    pub set: &'static str,
    /// Values by canonical parameter name, in binding order.
    pub values: IndexMap<&'static str, Value>,
    /// The common parameters.
    pub common: Common,
}

impl Bound {
    /// The value of a parameter, if bound.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }
    /// True when the parameter was given.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// A switch: true when given and not `:$false`.
    pub fn switch(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Value::Bool(true)))
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
