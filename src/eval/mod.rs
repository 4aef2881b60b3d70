//! The interpreter: scopes, operators, control flow, and running pipelines of commands.
//!
//! [`Interp`] is the one context everything hangs off (design decision 6: no global state):
//! variables, functions, aliases, the command registry, the host (terminal output), and — once
//! connected — the Jira session. Commands receive `&mut Interp`.

pub mod convert;
pub mod error;
pub mod ops;
pub mod pipeline;
pub mod scope;
pub mod value;

use std::rc::Rc;

use crate::cmd::Sink;
use crate::cmd::registry::Registry;
use crate::eval::error::{ErrorRecord, Flow};
use crate::eval::value::Value;
use crate::lang::ast::ScriptBlockDef;
use crate::output::Host;

/// What to do with a non-terminating error or warning (`$ErrorActionPreference`, `-ErrorAction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionPreference {
    /// Make it terminating.
    Stop,
    /// Print it and go on (default).
    Continue,
    /// Record it in `$Error` but do not print it.
    SilentlyContinue,
    /// Neither print nor record it.
    Ignore,
    /// Ask (treated as Continue when not interactive).
    Inquire,
}

/// The interpreter and shell context.
pub struct Interp {
    /// Commands known to this shell.
    pub registry: Rc<Registry>,
    /// Where output, errors and prompts go.
    pub host: Host,
}

impl Interp {
    /// A fresh interpreter writing to `host`.
    pub fn new(host: Host) -> Self {
        Interp { registry: Rc::new(Registry::standard()), host }
    }

    /// Invokes a script block in a new child scope, with `$_` set to `dollar_under` and `$args`
    /// to `args`, sending its output to `out`.
    pub fn invoke_block(
        &mut self,
        _block: &Rc<ScriptBlockDef>,
        _dollar_under: Option<Value>,
        _args: Vec<Value>,
        _out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        Err(Flow::error("not implemented yet"))
    }

    /// Reads a variable (`name` may carry a scope prefix such as `script:` or `env:`).
    pub fn get_var(&self, _name: &str) -> Value {
        Value::Null
    }

    /// Sets a variable in the current scope (or the scope its prefix names).
    pub fn set_var(&mut self, _name: &str, _value: Value) {}

    /// Writes a non-terminating error from the running command. Honours `-ErrorAction` and
    /// `$ErrorActionPreference`: returns `Err(Flow::Error)` when the error must terminate.
    pub fn write_error(&mut self, rec: ErrorRecord) -> Result<(), Flow> {
        Err(rec.into())
    }

    /// Writes a warning (yellow `WARNING: …` on stderr), honouring `-WarningAction`.
    pub fn write_warning(&mut self, _message: &str) -> Result<(), Flow> {
        Ok(())
    }

    /// Writes a verbose message when `-Verbose` or `$VerbosePreference` asks for it.
    pub fn write_verbose(&mut self, _message: &str) {}

    /// Writes a debug message when `-Debug` or `$DebugPreference` asks for it.
    pub fn write_debug(&mut self, _message: &str) {}

    /// `ShouldProcess`: false under `-WhatIf` (after printing `What if: …`), asks under
    /// `-Confirm` (or ConfirmImpact ≥ `$ConfirmPreference`), true otherwise.
    pub fn should_process(&mut self, _target: &str, _action: &str) -> Result<bool, Flow> {
        Ok(true)
    }

    /// True once the user pressed Ctrl-C during the running command.
    pub fn cancelled(&self) -> bool {
        false
    }
}
