//! The interpreter: scopes, operators, control flow, and running pipelines of commands.
//!
//! [`Interp`] is the one context everything hangs off (design decision 6: no global state):
//! variables, functions, aliases, the command registry, the host (terminal output), and — once
//! connected — the Jira session. Commands receive `&mut Interp`.
//!
//! Statements live here; expressions in [`expr`], members and methods in [`methods`], commands
//! and pipelines in [`pipeline`]. Errors follow PowerShell: most runtime errors end only the
//! statement they happen in (printed, recorded in `$Error`); `throw`, `-ErrorAction Stop` and
//! `$ErrorActionPreference = 'Stop'` end the script unless a `try` catches them.

pub mod convert;
pub mod error;
pub mod expr;
pub mod members;
pub mod methods;
pub mod ops;
pub mod pipeline;
pub mod scope;
mod switch;
pub mod value;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cmd::Sink;
use crate::cmd::registry::Registry;
use crate::cmd::spec::ConfirmImpact;
use crate::eval::error::{ErrorCategory, ErrorRecord, Flow};
use crate::eval::scope::{Scope, ScopeRef};
use crate::eval::value::{PropMap, RecordData, TypeInfo, Value};
use crate::lang::ast::{Block, CatchClause, Script, ScriptBlockDef, Stmt, StmtKind};
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

/// The per-invocation context of a running command: its name and common parameters.
#[derive(Debug, Clone, Default)]
pub struct CmdContext {
    /// Command name (used as the default `Cmd:` of error records).
    pub name: String,
    /// `-ErrorAction`
    pub error_action: Option<ActionPreference>,
    /// `-WarningAction`
    pub warning_action: Option<ActionPreference>,
    /// `-Verbose`
    pub verbose: Option<bool>,
    /// `-Debug`
    pub debug: Option<bool>,
    /// `-ErrorVariable` (without a leading `+`).
    pub error_variable: Option<String>,
    /// `-WarningVariable` (without a leading `+`).
    pub warning_variable: Option<String>,
    /// `-WhatIf`
    pub what_if: bool,
    /// `-Confirm`
    pub confirm: Option<bool>,
    /// The command's `ConfirmImpact`.
    pub impact: Option<ConfirmImpact>,
}

/// Largest number of nested function / script block calls.
pub const MAX_DEPTH: usize = 200;

/// Most stack evaluation may use below where the interpreter was made. `jirash` runs the
/// interpreter on a 64 MiB thread; what an expression nested this deep (a chain of 100,000
/// `+`, say) would need beyond the budget is an error instead of a stack overflow.
pub const STACK_BUDGET: usize = 40 * 1024 * 1024;

/// The type of error records as values (`$Error[0]`, `catch { $_ }`).
pub static ERROR_RECORD_TYPE: TypeInfo = TypeInfo {
    name: "System.Management.Automation.ErrorRecord",
    also: &["ErrorRecord"],
    to_string: error_record_text,
    identity: None,
    table_view: &[],
    group_by: None,
};

/// The type of the `.Exception` of an error record.
pub static EXCEPTION_TYPE: TypeInfo = TypeInfo {
    name: "System.Management.Automation.RuntimeException",
    also: &["System.Exception", "Exception", "RuntimeException"],
    to_string: error_record_text,
    identity: None,
    table_view: &[],
    group_by: None,
};

fn error_record_text(r: &RecordData) -> String {
    match r.props.get("Message") {
        Some(m) => convert::to_string(m),
        None => convert::to_string(
            &r.props
                .get("Exception")
                .map(|e| e.property("Message"))
                .unwrap_or_default(),
        ),
    }
}

/// The interpreter and shell context.
pub struct Interp {
    /// Commands known to this shell.
    pub registry: Rc<Registry>,
    /// Where output, errors and prompts go.
    pub host: Host,
    /// The current scope.
    pub scope: ScopeRef,
    /// User aliases (`Set-Alias`), lower-case name → target command.
    pub aliases: HashMap<String, String>,
    /// `--server URL` given on the command line.
    pub server_override: Option<String>,
    /// True once any error record was printed or a terminating error escaped (exit status 1).
    pub had_error: bool,
    /// `$?`
    pub last_ok: bool,
    /// `$Error`: newest first.
    pub errors: value::Array,
    /// Name of the script file being run (for messages).
    pub origin: String,
    ctx: Vec<CmdContext>,
    depth: usize,
    try_depth: usize,
    stmt_failed: bool,
    /// Errors that end the script (thrown, or escalated by `Stop`), by identity.
    script_errors: Vec<Rc<ErrorRecord>>,
    /// Those of `script_errors` escalated only because a `try` was running.
    try_escalated: Vec<Rc<ErrorRecord>>,
    /// Error records being merged into output by `2>&1`.
    merge_depth: usize,
    merged: Vec<Value>,
    /// The error a `catch` block is handling (for a bare `throw`).
    catching: Vec<Rc<ErrorRecord>>,
    env_overrides: HashMap<String, Option<String>>,
    cancel: Arc<AtomicBool>,
    /// Where the stack stood when the interpreter was made (see [`STACK_BUDGET`]).
    stack_base: usize,
    /// Redirected message streams (`3>$null`, `4> file`, `*>$null`), innermost last: the stream
    /// number and the buffer its text goes to (`None`: discarded).
    stream_redirects: Vec<(u8, Option<crate::output::SharedBuf>)>,
    /// The Jira client, server setting and session (owned by `cmdlets`).
    pub jira: crate::cmdlets::JiraState,
}

impl Interp {
    /// A fresh interpreter writing to `host`.
    pub fn new(host: Host) -> Self {
        let global = Scope::global();
        let mut it = Interp {
            registry: Rc::new(Registry::standard()),
            host,
            scope: global,
            aliases: HashMap::new(),
            server_override: None,
            had_error: false,
            last_ok: true,
            errors: Rc::new(std::cell::RefCell::new(Vec::new())),
            origin: "<script>".into(),
            ctx: Vec::new(),
            depth: 0,
            try_depth: 0,
            stmt_failed: false,
            script_errors: Vec::new(),
            try_escalated: Vec::new(),
            merge_depth: 0,
            merged: Vec::new(),
            catching: Vec::new(),
            env_overrides: HashMap::new(),
            cancel: Arc::new(AtomicBool::new(false)),
            stack_base: crate::lang::parser::stack_addr(),
            stream_redirects: Vec::new(),
            jira: crate::cmdlets::JiraState::from_env(),
        };
        it.jira.set_interrupt_flag(it.cancel.clone());
        for (k, v) in [
            ("ErrorActionPreference", "Continue"),
            ("WarningPreference", "Continue"),
            ("VerbosePreference", "SilentlyContinue"),
            ("DebugPreference", "SilentlyContinue"),
            ("InformationPreference", "SilentlyContinue"),
            ("ConfirmPreference", "High"),
            ("OFS", " "),
        ] {
            it.scope.borrow_mut().set_local(k, Value::str(v));
        }
        it.scope
            .borrow_mut()
            .set_local("WhatIfPreference", Value::Bool(false));
        let home = std::env::var("HOME").unwrap_or_default();
        it.scope.borrow_mut().set_local("HOME", Value::str(home));
        it
    }

    /// The flag Ctrl-C handlers set; [`Interp::cancelled`] reads it.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    /// Invokes a script block with `$_` set to `dollar_under` and `$args` to `args`, sending its
    /// output to `out`. Like PowerShell's `ForEach-Object`/`Where-Object`, the block runs in
    /// the caller's scope (so `$sum += $_` accumulates); `$_` and `$args` are restored after.
    pub fn invoke_block(
        &mut self,
        block: &Rc<ScriptBlockDef>,
        dollar_under: Option<Value>,
        args: Vec<Value>,
        out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        self.keeping_locals(&["_", "PSItem", "args"], |it| {
            if let Some(v) = &dollar_under {
                it.scope.borrow_mut().set_local("_", v.clone());
                it.scope.borrow_mut().set_local("PSItem", v.clone());
            }
            it.run_block_inline(block, args, out)
        })
    }

    /// Runs `f`, then puts the current scope's own variables `names` back as they were
    /// (removing those it did not have), so `$_` and the like do not leak out of `f`.
    pub(crate) fn keeping_locals<T>(
        &mut self,
        names: &[&'static str],
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let saved: Vec<(&str, Option<Value>)> = names
            .iter()
            .map(|n| (*n, self.scope.borrow().local(n)))
            .collect();
        let r = f(self);
        let mut s = self.scope.borrow_mut();
        for (n, v) in saved {
            match v {
                Some(v) => s.set_local(n, v),
                None => {
                    s.remove_local(n);
                }
            }
        }
        r
    }

    /// Invokes a script block in a new child scope (`& $sb`), collecting its output.
    pub fn call_block(
        &mut self,
        block: &Rc<ScriptBlockDef>,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, Flow> {
        let mut out: Vec<Value> = Vec::new();
        let scope = Scope::child(&self.scope, false);
        let saved = std::mem::replace(&mut self.scope, scope);
        let r = self.enter().and_then(|_| {
            let r = self.run_block_inline(block, args, &mut out);
            self.depth -= 1;
            r
        });
        self.scope = saved;
        r.map(|_| out)
    }

    fn run_block_inline(
        &mut self,
        block: &Rc<ScriptBlockDef>,
        args: Vec<Value>,
        out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        if !block.params.is_empty() {
            let raw = args
                .iter()
                .map(|v| crate::cmd::bind::RawArg::Positional {
                    value: v.clone(),
                    span: block.span,
                })
                .collect();
            let binding =
                crate::cmd::bind::bind_function(&block.params, raw, false).map_err(|e| {
                    Flow::from(ErrorRecord::new(e.message).category(ErrorCategory::InvalidArgument))
                })?;
            self.apply_binding(&block.params, &binding)?;
            self.scope
                .borrow_mut()
                .set_local("args", Value::array(binding.rest));
        } else {
            self.scope
                .borrow_mut()
                .set_local("args", Value::array(args));
        }
        for b in [&block.begin, &block.process, &block.end]
            .into_iter()
            .flatten()
        {
            match self.exec_block(b, out) {
                Err(Flow::Return) => return Ok(()),
                r => r?,
            }
        }
        Ok(())
    }

    /// Reads a variable (`name` may carry a scope prefix such as `script:` or `env:`).
    pub fn get_var(&self, name: &str) -> Value {
        let (prefix, bare) = split_prefix(name);
        match prefix.as_deref() {
            Some("env") => {
                if let Some(v) = self.env_overrides.get(&bare.to_ascii_uppercase()) {
                    return v.clone().map(Value::from).unwrap_or(Value::Null);
                }
                return std::env::var(bare).map(Value::from).unwrap_or(Value::Null);
            }
            Some("global") => {
                return scope::lookup(&scope::global_scope(&self.scope), bare)
                    .unwrap_or(Value::Null);
            }
            Some("script") => {
                return scope::lookup(&scope::script_scope(&self.scope), bare)
                    .unwrap_or(Value::Null);
            }
            Some("local") => return self.scope.borrow().local(bare).unwrap_or(Value::Null),
            _ => {}
        }
        match bare.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            "?" => Value::Bool(self.last_ok),
            "error" => Value::Array(self.errors.clone()),
            "pwd" => std::env::current_dir()
                .map(|p| Value::from(p.display().to_string()))
                .unwrap_or(Value::Null),
            "psitem" => scope::lookup(&self.scope, "_").unwrap_or(Value::Null),
            _ => scope::lookup(&self.scope, bare).unwrap_or(Value::Null),
        }
    }

    /// True when the variable exists (in any visible scope).
    pub fn has_var(&self, name: &str) -> bool {
        let (_, bare) = split_prefix(name);
        scope::lookup(&self.scope, bare).is_some()
    }

    /// Sets a variable in the current scope (or the scope its prefix names).
    pub fn set_var(&mut self, name: &str, value: Value) {
        let (prefix, bare) = split_prefix(name);
        match prefix.as_deref() {
            Some("env") => {
                let v = match value {
                    Value::Null => None,
                    v => Some(convert::to_string(&v)),
                };
                self.env_overrides.insert(bare.to_ascii_uppercase(), v);
            }
            Some("global") => scope::global_scope(&self.scope)
                .borrow_mut()
                .set_local(bare, value),
            Some("script") => scope::script_scope(&self.scope)
                .borrow_mut()
                .set_local(bare, value),
            _ => {
                if bare.eq_ignore_ascii_case("psitem") {
                    self.scope.borrow_mut().set_local("_", value.clone());
                }
                self.scope.borrow_mut().set_local(bare, value)
            }
        }
    }

    /// Removes a variable from the scope that defines it; true when it existed.
    pub fn remove_var(&mut self, name: &str) -> bool {
        let (_, bare) = split_prefix(name);
        match scope::owner(&self.scope, bare) {
            Some(s) => s.borrow_mut().remove_local(bare),
            None => false,
        }
    }

    /// The effective preference named by variable `var` (e.g. `ErrorActionPreference`).
    fn preference(&self, var: &str, default: ActionPreference) -> ActionPreference {
        crate::cmd::bind::action(&convert::to_string(&self.get_var(var))).unwrap_or(default)
    }

    fn error_action(&self) -> ActionPreference {
        self.ctx
            .last()
            .and_then(|c| c.error_action)
            .unwrap_or_else(|| self.preference("ErrorActionPreference", ActionPreference::Continue))
    }

    /// Runs `f` with a command context pushed (what `write_error` and friends consult).
    pub fn with_context<T>(&mut self, ctx: CmdContext, f: impl FnOnce(&mut Interp) -> T) -> T {
        self.ctx.push(ctx);
        let r = f(self);
        self.ctx.pop();
        r
    }

    /// Converts an error record to the value `$Error`, `-ErrorVariable` and `catch` see.
    pub fn error_value(rec: &ErrorRecord) -> Value {
        if let Some(Value::Record(r)) = &rec.thrown
            && r.borrow().is_type("ErrorRecord")
        {
            return Value::Record(r.clone());
        }
        let mut ex = PropMap::new();
        ex.insert("Message", Value::from(rec.message.as_str()));
        ex.insert(
            "Source",
            rec.command.clone().map(Value::from).unwrap_or_default(),
        );
        let exception = Value::record(RecordData::typed(&EXCEPTION_TYPE, ex));
        let mut cat = PropMap::new();
        cat.insert("Category", Value::from(format!("{:?}", rec.category)));
        cat.insert(
            "Activity",
            rec.command.clone().map(Value::from).unwrap_or_default(),
        );
        cat.insert("Reason", Value::from("RuntimeException"));
        let mut p = PropMap::new();
        p.insert("Exception", exception);
        p.insert(
            "TargetObject",
            rec.thrown
                .clone()
                .or_else(|| rec.target.clone())
                .unwrap_or_default(),
        );
        p.insert("CategoryInfo", Value::record(RecordData::custom(cat)));
        let id = if rec.id.is_empty() {
            "RuntimeException".to_string()
        } else {
            rec.id.clone()
        };
        p.insert("FullyQualifiedErrorId", Value::from(id));
        p.insert("ErrorDetails", Value::Null);
        p.insert(
            "Hint",
            rec.hint.clone().map(Value::from).unwrap_or_default(),
        );
        Value::record(RecordData::typed(&ERROR_RECORD_TYPE, p))
    }

    fn record_error(&mut self, rec: &ErrorRecord) {
        let v = Interp::error_value(rec);
        {
            let mut errs = self.errors.borrow_mut();
            errs.insert(0, v.clone());
            errs.truncate(256);
        }
        if let Some(name) = self.ctx.last().and_then(|c| c.error_variable.clone()) {
            let cur = self.get_var(&name);
            let mut list = match cur {
                Value::Array(a) => a.borrow().clone(),
                Value::Null => Vec::new(),
                other => vec![other],
            };
            list.push(v);
            self.set_var(&name, Value::array(list));
        }
        self.stmt_failed = true;
        self.last_ok = false;
    }

    fn show_error(&mut self, rec: &ErrorRecord) {
        if self.merge_depth > 0 {
            self.merged.push(Interp::error_value(rec));
        } else {
            crate::output::print_error(&mut self.host, rec);
        }
        self.had_error = true;
    }

    /// Writes a non-terminating error from the running command. Honours `-ErrorAction` and
    /// `$ErrorActionPreference`: returns `Err(Flow::Error)` when the error must terminate.
    pub fn write_error(&mut self, mut rec: ErrorRecord) -> Result<(), Flow> {
        if rec.command.is_none()
            && let Some(c) = self.ctx.last()
            && !c.name.is_empty()
        {
            rec.command = Some(c.name.clone());
        }
        match self.error_action() {
            ActionPreference::Ignore => Ok(()),
            ActionPreference::Stop => {
                self.record_error(&rec);
                let rc = Rc::new(rec);
                self.script_errors.push(rc.clone());
                Err(Flow::Error(rc))
            }
            ActionPreference::SilentlyContinue => {
                self.record_error(&rec);
                Ok(())
            }
            ActionPreference::Continue | ActionPreference::Inquire => {
                self.record_error(&rec);
                self.show_error(&rec);
                Ok(())
            }
        }
    }

    /// Where a redirection sends stream 3–6: `None` when it is not redirected, `Some(None)`
    /// when it is discarded (`3>$null`), else the buffer bound for a file.
    pub fn stream_redirect(&self, stream: u8) -> Option<Option<crate::output::SharedBuf>> {
        self.stream_redirects
            .iter()
            .rev()
            .find(|(s, _)| *s == stream)
            .map(|(_, b)| b.clone())
    }

    /// Shows a message of stream 3–6 (warning, verbose, debug, information): where a
    /// redirection sends that stream (`3>$null`, `4> file`), else through `show`.
    pub fn stream_message(&mut self, stream: u8, message: &str, show: fn(&mut Host, &str)) {
        match self.stream_redirect(stream) {
            Some(None) => {}
            Some(Some(mut buf)) => {
                use std::io::Write;
                let _ = writeln!(buf, "{message}");
            }
            None => show(&mut self.host, message),
        }
    }

    /// Writes a warning (yellow `WARNING: …` on stderr), honouring `-WarningAction`.
    pub fn write_warning(&mut self, message: &str) -> Result<(), Flow> {
        // `-WarningVariable` collects the warning whatever `-WarningAction` says.
        if let Some(name) = self.ctx.last().and_then(|c| c.warning_variable.clone()) {
            let mut list = self.get_var(&name).enumerate();
            list.push(Value::from(message));
            self.set_var(&name, Value::array(list));
        }
        let pref = self
            .ctx
            .last()
            .and_then(|c| c.warning_action)
            .unwrap_or_else(|| self.preference("WarningPreference", ActionPreference::Continue));
        match pref {
            ActionPreference::Ignore | ActionPreference::SilentlyContinue => Ok(()),
            ActionPreference::Stop => {
                self.stream_message(3, message, crate::output::print_warning);
                let rec = ErrorRecord::new(format!(
                    "The running command stopped because the preference variable \"WarningPreference\" or common parameter is set to Stop: {message}"
                ));
                let rc = Rc::new(rec);
                self.script_errors.push(rc.clone());
                Err(Flow::Error(rc))
            }
            _ => {
                self.stream_message(3, message, crate::output::print_warning);
                Ok(())
            }
        }
    }

    /// Writes a verbose message when `-Verbose` or `$VerbosePreference` asks for it.
    pub fn write_verbose(&mut self, message: &str) {
        let on = match self.ctx.last().and_then(|c| c.verbose) {
            Some(b) => b,
            None => {
                self.preference("VerbosePreference", ActionPreference::SilentlyContinue)
                    == ActionPreference::Continue
            }
        };
        if on {
            self.stream_message(4, message, crate::output::print_verbose);
        }
    }

    /// Writes a debug message when `-Debug` or `$DebugPreference` asks for it.
    pub fn write_debug(&mut self, message: &str) {
        let on = match self.ctx.last().and_then(|c| c.debug) {
            Some(b) => b,
            None => {
                self.preference("DebugPreference", ActionPreference::SilentlyContinue)
                    == ActionPreference::Continue
            }
        };
        if on {
            self.stream_message(5, message, crate::output::print_debug);
        }
    }

    /// `ShouldProcess`: false under `-WhatIf` (after printing `What if: …`), asks under
    /// `-Confirm` (or ConfirmImpact ≥ `$ConfirmPreference`), true otherwise.
    pub fn should_process(&mut self, target: &str, action: &str) -> Result<bool, Flow> {
        let ctx = self.ctx.last().cloned().unwrap_or_default();
        let what_if = ctx.what_if || convert::to_bool(&self.get_var("WhatIfPreference"));
        if what_if {
            self.host.line(&format!(
                "What if: Performing the operation \"{action}\" on target \"{target}\"."
            ));
            return Ok(false);
        }
        let pref = match convert::to_string(&self.get_var("ConfirmPreference"))
            .to_ascii_lowercase()
            .as_str()
        {
            "none" => None,
            "low" => Some(ConfirmImpact::Low),
            "medium" => Some(ConfirmImpact::Medium),
            _ => Some(ConfirmImpact::High),
        };
        let impact = ctx.impact.unwrap_or(ConfirmImpact::Medium);
        let ask = match ctx.confirm {
            Some(b) => b,
            None => matches!(pref, Some(p) if impact >= p && impact != ConfirmImpact::None),
        };
        if !ask || !self.host.term.interactive {
            return Ok(true);
        }
        // Asked on the terminal (y/N) by the REPL's prompt; declines without a terminal.
        self.host.flush();
        Ok(crate::repl::prompt::confirm(action, target).unwrap_or(false))
    }

    /// True once the user pressed Ctrl-C during the running command.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// An error once evaluation has used up [`STACK_BUDGET`].
    pub(crate) fn check_stack(&self) -> Result<(), Flow> {
        if crate::lang::parser::stack_used(self.stack_base) > STACK_BUDGET {
            let rc = ErrorRecord::new("The expression is nested too deeply to evaluate.")
                .category(ErrorCategory::InvalidOperation)
                .id("ExpressionTooDeep");
            return Err(Flow::from(rc));
        }
        Ok(())
    }

    /// Enters a nested call (function, script block); errors past [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), Flow> {
        self.check_stack()?;
        if self.depth >= MAX_DEPTH {
            let rc = Rc::new(
                ErrorRecord::new("The script failed due to call depth overflow.")
                    .category(ErrorCategory::InvalidOperation)
                    .id("CallDepthOverflow"),
            );
            self.script_errors.push(rc.clone());
            return Err(Flow::Error(rc));
        }
        self.depth += 1;
        Ok(())
    }

    /// True when an error ends the script rather than just its statement.
    fn is_script_terminating(&self, rec: &Rc<ErrorRecord>) -> bool {
        rec.thrown.is_some() || self.script_errors.iter().any(|e| Rc::ptr_eq(e, rec))
    }

    /// Turns a statement-terminating error into a printed, recorded error (PowerShell goes on
    /// with the next statement), unless a `try` is active or it must end the script.
    fn absorb(&mut self, r: Result<(), Flow>) -> Result<(), Flow> {
        match r {
            Err(Flow::Error(rec)) if !self.is_script_terminating(&rec) => {
                let stop = self.preference("ErrorActionPreference", ActionPreference::Continue)
                    == ActionPreference::Stop;
                if self.try_depth > 0 || stop {
                    if !stop {
                        // Only so that the `try` sees it: undone when no `catch` takes it.
                        self.try_escalated.push(rec.clone());
                    }
                    self.script_errors.push(rec.clone());
                    return Err(Flow::Error(rec));
                }
                self.record_error(&rec);
                self.show_error(&rec);
                Ok(())
            }
            other => other,
        }
    }

    /// Runs a parsed script at the top level: each statement's output goes to the host as it
    /// is produced. Returns the exit status (`exit N`, else 1 when any error was written).
    pub fn run_script(&mut self, script: &Script, args: Vec<Value>) -> i32 {
        self.scope
            .borrow_mut()
            .set_local("args", Value::array(args.clone()));
        if !script.params.is_empty() {
            let raw = args
                .iter()
                .map(|v| crate::cmd::bind::RawArg::Positional {
                    value: v.clone(),
                    span: script.body.span,
                })
                .collect();
            match crate::cmd::bind::bind_function(&script.params, raw, false) {
                Ok(b) => {
                    if let Err(f) = self.apply_binding(&script.params, &b) {
                        return self.finish_flow(f);
                    }
                    self.scope
                        .borrow_mut()
                        .set_local("args", Value::array(b.rest));
                }
                Err(e) => {
                    let rec = ErrorRecord::new(e.message).category(ErrorCategory::InvalidArgument);
                    crate::output::print_error(&mut self.host, &rec);
                    return 1;
                }
            }
        }
        match self.run_top(&script.body) {
            Ok(()) => i32::from(self.had_error),
            Err(f) => self.finish_flow(f),
        }
    }

    fn finish_flow(&mut self, f: Flow) -> i32 {
        match f {
            Flow::Exit(n) => n,
            Flow::Error(rec) => {
                self.record_error(&rec);
                crate::output::print_error(&mut self.host, &rec);
                1
            }
            Flow::Cancelled => 130,
            _ => i32::from(self.had_error),
        }
    }

    /// Runs statements at the top level, printing each statement's output.
    pub fn run_top(&mut self, block: &Block) -> Result<(), Flow> {
        for stmt in &block.stmts {
            let mut sink = HostSink;
            self.stmt_failed = false;
            let r = self.exec_stmt(stmt, &mut sink);
            self.host.end_shown();
            self.host.flush();
            self.last_ok = !self.stmt_failed;
            match self.absorb(r) {
                Ok(()) | Err(Flow::StopPipeline) => {}
                Err(Flow::Break(_) | Flow::Continue(_) | Flow::Return) => return Ok(()),
                Err(f) => return Err(f),
            }
            if !self.stmt_failed {
                self.last_ok = true;
            }
        }
        Ok(())
    }

    /// Runs a block's statements, sending output to `out`.
    pub fn exec_block(&mut self, block: &Block, out: &mut dyn Sink) -> Result<(), Flow> {
        for stmt in &block.stmts {
            if self.cancelled() {
                return Err(Flow::Cancelled);
            }
            self.stmt_failed = false;
            let r = self.exec_stmt(stmt, out);
            self.absorb(r)?;
            self.last_ok = !self.stmt_failed;
        }
        Ok(())
    }

    /// Runs one statement.
    pub fn exec_stmt(&mut self, stmt: &Stmt, out: &mut dyn Sink) -> Result<(), Flow> {
        match &stmt.kind {
            StmtKind::Pipeline(p) => self.run_pipeline(p, out),
            StmtKind::Assign { target, op, value } => {
                self.assign_stmt(target, *op, value)?;
                Ok(())
            }
            StmtKind::If {
                clauses,
                else_block,
            } => {
                for (cond, body) in clauses {
                    let c = self.eval_pipeline_value(cond)?;
                    if convert::to_bool(&c) {
                        return self.exec_block(body, out);
                    }
                }
                match else_block {
                    Some(b) => self.exec_block(b, out),
                    None => Ok(()),
                }
            }
            StmtKind::Foreach {
                label,
                var,
                iter,
                body,
            } => {
                let counted = match iter.elements.as_slice() {
                    [crate::lang::ast::PipelineElement::Expr(e)]
                        if iter.redirections.is_empty() =>
                    {
                        self.lazy_range(e)?
                    }
                    _ => None,
                };
                let items = match counted {
                    Some(pipeline::Counted::Ints(range)) => {
                        for i in range {
                            self.set_var(var, Value::Int(i));
                            if loop_control(self.exec_block(body, out), label)? {
                                break;
                            }
                        }
                        return Ok(());
                    }
                    Some(pipeline::Counted::Made(v)) => v,
                    None => self.eval_pipeline_value(iter)?,
                };
                let items = match items {
                    Value::Array(a) => a.borrow().clone(),
                    Value::Null => Vec::new(),
                    v => vec![v],
                };
                for item in items {
                    self.set_var(var, item);
                    if loop_control(self.exec_block(body, out), label)? {
                        break;
                    }
                }
                Ok(())
            }
            StmtKind::For {
                label,
                init,
                cond,
                step,
                body,
            } => {
                if let Some(i) = init {
                    self.exec_stmt(i, &mut Discard)?;
                }
                loop {
                    if let Some(c) = cond
                        && !convert::to_bool(&self.eval_pipeline_value(c)?)
                    {
                        break;
                    }
                    if loop_control(self.exec_block(body, out), label)? {
                        break;
                    }
                    if let Some(s) = step {
                        self.exec_stmt(s, &mut Discard)?;
                    }
                }
                Ok(())
            }
            StmtKind::Switch(sw) => self.exec_switch(sw, out),
            StmtKind::While { label, cond, body } => {
                while convert::to_bool(&self.eval_pipeline_value(cond)?) {
                    if loop_control(self.exec_block(body, out), label)? {
                        break;
                    }
                }
                Ok(())
            }
            StmtKind::DoLoop {
                label,
                body,
                cond,
                until,
            } => {
                loop {
                    if loop_control(self.exec_block(body, out), label)? {
                        break;
                    }
                    let c = convert::to_bool(&self.eval_pipeline_value(cond)?);
                    if c == *until {
                        break;
                    }
                }
                Ok(())
            }
            StmtKind::Break(l) => Err(Flow::Break(l.clone())),
            StmtKind::Continue(l) => Err(Flow::Continue(l.clone())),
            StmtKind::Return(p) => {
                if let Some(p) = p {
                    self.run_pipeline(p, out)?;
                }
                Err(Flow::Return)
            }
            StmtKind::Exit(p) => {
                let code = match p {
                    Some(p) => {
                        let v = self.eval_pipeline_value(p)?;
                        convert::to_int(&v).unwrap_or(0) as i32
                    }
                    None => 0,
                };
                Err(Flow::Exit(code))
            }
            StmtKind::Throw(p) => Err(self.throw_flow(p.as_ref(), stmt)?),
            StmtKind::Try {
                body,
                catches,
                finally,
            } => self.exec_try(body, catches, finally.as_ref(), out),
            StmtKind::Function(def) => {
                self.scope.borrow_mut().set_func(def.clone());
                Ok(())
            }
        }
    }

    fn throw_flow(
        &mut self,
        p: Option<&crate::lang::ast::Pipeline>,
        stmt: &Stmt,
    ) -> Result<Flow, Flow> {
        let v = match p {
            Some(p) => self.eval_pipeline_value(p)?,
            None => {
                if let Some(rec) = self.catching.last() {
                    let rc = rec.clone();
                    self.script_errors.push(rc.clone());
                    return Ok(Flow::Error(rc));
                }
                Value::from("ScriptHalted")
            }
        };
        let mut rec = match &v {
            Value::Record(r) if r.borrow().is_type("ErrorRecord") => {
                let r = r.borrow();
                let msg = convert::to_string(
                    &r.props
                        .get("Exception")
                        .map(|e| e.property("Message"))
                        .unwrap_or_default(),
                );
                let mut rec = ErrorRecord::new(msg);
                rec.id = convert::to_string(
                    r.props.get("FullyQualifiedErrorId").unwrap_or(&Value::Null),
                );
                rec
            }
            Value::Null => ErrorRecord::new("ScriptHalted"),
            other => ErrorRecord::new(convert::to_string(other)),
        };
        if rec.id.is_empty() {
            rec.id = if matches!(v, Value::Str(_)) {
                convert::to_string(&v)
            } else {
                "RuntimeException".into()
            };
        }
        rec.span = Some(stmt.span);
        rec.thrown = Some(if v.is_null() {
            Value::from("ScriptHalted")
        } else {
            v
        });
        rec.category = ErrorCategory::OperationStopped;
        Ok(Flow::Error(Rc::new(rec)))
    }

    fn exec_try(
        &mut self,
        body: &Block,
        catches: &[CatchClause],
        finally: Option<&Block>,
        out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        self.try_depth += 1;
        let r = self.exec_block(body, out);
        self.try_depth -= 1;
        let r = match r {
            Err(Flow::Error(rec)) => match catches.iter().find(|c| catch_matches(c, &rec)) {
                Some(c) => {
                    // Handled: it no longer ends anything (a bare `throw` in the catch
                    // marks it again). Keeps the lists short in a loop of caught errors.
                    self.try_escalated.retain(|e| !Rc::ptr_eq(e, &rec));
                    self.script_errors.retain(|e| !Rc::ptr_eq(e, &rec));
                    self.record_error(&rec);
                    self.stmt_failed = false;
                    let ev = Interp::error_value(&rec);
                    let saved = self.scope.borrow().local("_");
                    self.scope.borrow_mut().set_local("_", ev.clone());
                    self.scope.borrow_mut().set_local("PSItem", ev);
                    self.catching.push(rec);
                    let r = self.exec_block(&c.body, out);
                    self.catching.pop();
                    match saved {
                        Some(v) => self.scope.borrow_mut().set_local("_", v),
                        None => {
                            self.scope.borrow_mut().remove_local("_");
                        }
                    }
                    r
                }
                None => {
                    // A statement error that no clause catches is again just a statement
                    // error: the script goes on after the `try` (an enclosing `try` still
                    // sees it first).
                    if let Some(i) = self.try_escalated.iter().position(|e| Rc::ptr_eq(e, &rec)) {
                        self.try_escalated.remove(i);
                        self.script_errors.retain(|e| !Rc::ptr_eq(e, &rec));
                    }
                    Err(Flow::Error(rec))
                }
            },
            other => other,
        };
        if let Some(f) = finally {
            self.exec_block(f, out)?;
        }
        r
    }

    /// Evaluates a pipeline in a value position (`if (…)`, `foreach (… in …)`): 0 outputs are
    /// `$null`, 1 is that value, more are an array.
    pub fn eval_pipeline_value(&mut self, p: &crate::lang::ast::Pipeline) -> Result<Value, Flow> {
        if p.elements.len() == 1
            && p.redirections.is_empty()
            && let crate::lang::ast::PipelineElement::Expr(e) = &p.elements[0]
        {
            return self.eval(e);
        }
        let mut out: Vec<Value> = Vec::new();
        self.run_pipeline(p, &mut out)?;
        Ok(collapse(out))
    }

    /// Runs a statement, collecting its output as a value (for assignments and `( … )`).
    pub fn stmt_value(&mut self, stmt: &Stmt) -> Result<Value, Flow> {
        match &stmt.kind {
            StmtKind::Pipeline(p) => self.eval_pipeline_value(p),
            StmtKind::Assign { target, op, value } => self.assign_stmt(target, *op, value),
            _ => {
                let mut out: Vec<Value> = Vec::new();
                self.exec_stmt(stmt, &mut out)?;
                Ok(collapse(out))
            }
        }
    }
}

/// 0 values → `$null`, 1 → the value, more → an array.
pub fn collapse(mut out: Vec<Value>) -> Value {
    match out.len() {
        0 => Value::Null,
        1 => out.pop().unwrap_or_default(),
        _ => Value::array(out),
    }
}

/// Handles `break`/`continue` inside a loop body: `Ok(true)` to leave the loop, `Ok(false)` to
/// go on; a label naming another loop passes the flow up.
fn loop_control(r: Result<(), Flow>, label: &Option<String>) -> Result<bool, Flow> {
    let mine = |l: &Option<String>| match (l, label) {
        (None, _) => true,
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (Some(_), None) => false,
    };
    match r {
        Ok(()) => Ok(false),
        Err(Flow::Break(l)) if mine(&l) => Ok(true),
        Err(Flow::Continue(l)) if mine(&l) => Ok(false),
        Err(f) => Err(f),
    }
}

/// Whether a `catch [Type]` clause catches this error (loosely, by type name).
fn catch_matches(c: &CatchClause, rec: &ErrorRecord) -> bool {
    if c.types.is_empty() {
        return true;
    }
    c.types.iter().any(|t| {
        let short = t
            .trim_matches(['[', ']'])
            .rsplit('.')
            .next()
            .unwrap_or(t)
            .to_ascii_lowercase();
        let generic = [
            "exception",
            "runtimeexception",
            "systemexception",
            "actionpreferencestopexception",
        ];
        if generic.contains(&short.as_str()) {
            return true;
        }
        let id = rec.id.to_ascii_lowercase();
        let cat = format!("{:?}exception", rec.category).to_ascii_lowercase();
        id.contains(&short)
            || short.contains(&id) && !id.is_empty()
            || cat == short
            || matches!(&rec.thrown, Some(Value::Record(r)) if r.borrow().is_type(&short))
    })
}

/// Splits `script:x` into (`Some("script")`, `x`); the prefix is lower-cased.
pub fn split_prefix(name: &str) -> (Option<String>, &str) {
    match name.split_once(':') {
        Some((p, rest))
            if matches!(
                p.to_ascii_lowercase().as_str(),
                "env" | "global" | "script" | "local" | "private" | "variable"
            ) =>
        {
            let p = p.to_ascii_lowercase();
            if p == "private" || p == "variable" {
                (None, rest)
            } else {
                (Some(p), rest)
            }
        }
        _ => (None, name),
    }
}

/// Sends values to the host through `Out-Default`.
struct HostSink;

impl Sink for HostSink {
    fn emit(&mut self, it: &mut Interp, value: Value) -> Result<(), Flow> {
        let pending = std::mem::take(&mut it.merged);
        for p in pending {
            it.host.show(&p);
        }
        it.host.show(&value);
        if it.cancelled() {
            return Err(Flow::Cancelled);
        }
        Ok(())
    }
}

/// A sink that drops everything (`> $null`, `for` init/step).
pub struct Discard;

impl Sink for Discard {
    fn emit(&mut self, _it: &mut Interp, _value: Value) -> Result<(), Flow> {
        Ok(())
    }
}
