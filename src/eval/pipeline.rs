//! Pipelines: resolving command names (user alias → function → registry cmdlet), evaluating
//! arguments, binding, and running the stages push-style — each object a stage emits runs the
//! next stage's `process` at once. A downstream `StopPipeline` stops the stages upstream of it
//! (their `end` is skipped) and never escapes the pipeline that caused it. Also redirections.

use std::rc::Rc;

use crate::cmd::bind::{self, FunctionBinding, RawArg};
use crate::cmd::spec::CmdletSpec;
use crate::cmd::{Bound, Command, Sink};
use crate::eval::error::{ErrorCategory, ErrorRecord, Flow};
use crate::eval::scope::{self, Scope, ScopeRef};
use crate::eval::value::{PropMap, RecordData, TypeInfo, Value};
use crate::eval::{CmdContext, Discard, Interp, convert, ops};
use crate::lang::ast::{
    BinOp, CommandArg, CommandName, ExprKind, InvokeKind, ParamDecl, Pipeline, PipelineElement,
    RedirectTarget, ScriptBlockDef, Span,
};
use crate::output::{OutDefault, SharedBuf};

/// A user function or script block running as a pipeline stage.
struct ScriptStage {
    def: Rc<ScriptBlockDef>,
    is_filter: bool,
    scope: ScopeRef,
    binding: FunctionBinding,
    inputs: Vec<Value>,
    has_input: bool,
    entered: bool,
}

enum StageKind {
    Cmdlet {
        spec: &'static CmdletSpec,
        cmd: Box<dyn Command>,
        bound: Box<Bound>,
    },
    Script(Box<ScriptStage>),
}

struct Stage {
    kind: StageKind,
    ctx: CmdContext,
    out_var: Option<(String, Vec<Value>)>,
    stopped: bool,
}

/// The sink a stage writes to: the rest of the pipeline, then the final sink.
struct Downstream<'a> {
    stages: &'a mut [Stage],
    last: &'a mut dyn Sink,
    tee: Option<&'a mut Vec<Value>>,
}

impl Sink for Downstream<'_> {
    fn emit(&mut self, it: &mut Interp, value: Value) -> Result<(), Flow> {
        if let Some(t) = self.tee.as_mut() {
            t.push(value.clone());
        }
        match self.stages.split_first_mut() {
            None => self.last.emit(it, value),
            Some((first, rest)) => {
                let r = run_stage(it, first, rest, self.last, Phase::Process(Some(value)));
                if matches!(r, Err(Flow::StopPipeline)) && !rest.iter().any(|s| s.stopped) {
                    first.stopped = true;
                }
                r
            }
        }
    }
}

enum Phase {
    Begin,
    Process(Option<Value>),
    End,
}

fn run_stage(
    it: &mut Interp,
    st: &mut Stage,
    rest: &mut [Stage],
    last: &mut dyn Sink,
    phase: Phase,
) -> Result<(), Flow> {
    if it.cancelled() {
        return Err(Flow::Cancelled);
    }
    let Stage {
        kind, ctx, out_var, ..
    } = st;
    let mut down = Downstream {
        stages: rest,
        last,
        tee: out_var.as_mut().map(|(_, v)| v),
    };
    it.ctx.push(ctx.clone());
    let r = match kind {
        StageKind::Cmdlet { spec, cmd, bound } => match phase {
            Phase::Begin => cmd.begin(it, bound, &mut down),
            Phase::End => cmd.end(it, bound, &mut down),
            Phase::Process(None) => cmd.process(it, bound, &mut down),
            Phase::Process(Some(v)) => match bind::bind_input(spec, bound, &v) {
                Ok(b) => cmd.process(it, &b, &mut down),
                Err(e) => it.write_error(input_error(spec.name, &e.message, v)),
            },
        },
        StageKind::Script(s) => script_phase(it, s, phase, &mut down),
    };
    it.ctx.pop();
    r
}

fn input_error(name: &str, msg: &str, v: Value) -> ErrorRecord {
    let text = if msg.is_empty() {
        "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.".to_string()
    } else {
        msg.to_string()
    };
    ErrorRecord::new(text)
        .command(name)
        .category(ErrorCategory::InvalidArgument)
        .id("InputObjectNotBound")
        .target(v)
}

fn script_phase(
    it: &mut Interp,
    s: &mut ScriptStage,
    phase: Phase,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let saved = std::mem::replace(&mut it.scope, s.scope.clone());
    let r = (|| -> Result<(), Flow> {
        it.enter()?;
        s.entered = true;
        let def = s.def.clone();
        let r = match phase {
            Phase::Begin => {
                let b = s.binding.clone();
                it.apply_binding(&def.params, &b)?;
                it.scope
                    .borrow_mut()
                    .set_local("args", Value::array(b.rest.clone()));
                it.function_automatics(&def, &b);
                match &def.begin {
                    Some(b) => run_body(it, b, out),
                    None => Ok(()),
                }
            }
            Phase::Process(input) => {
                let body = if s.is_filter && def.process.is_none() {
                    def.end.as_ref()
                } else {
                    def.process.as_ref()
                };
                if let Some(v) = &input {
                    if s.def
                        .params
                        .iter()
                        .any(|p| p.attrs.from_pipeline || p.attrs.from_pipeline_by_name)
                    {
                        match bind::bind_function_input(&def.params, &s.binding, v) {
                            Ok(b) => it.apply_binding_given(&def.params, &b)?,
                            Err(e) => {
                                it.depth -= 1;
                                return it.write_error(input_error(
                                    &it.ctx.last().map(|c| c.name.clone()).unwrap_or_default(),
                                    &e.message,
                                    v.clone(),
                                ));
                            }
                        }
                    }
                    it.scope.borrow_mut().set_local("_", v.clone());
                    it.scope.borrow_mut().set_local("PSItem", v.clone());
                    if body.is_none() {
                        s.inputs.push(v.clone());
                    } else {
                        it.scope
                            .borrow_mut()
                            .set_local("input", Value::array(vec![v.clone()]));
                    }
                }
                match body {
                    Some(b) => run_body(it, b, out),
                    None => Ok(()),
                }
            }
            Phase::End => {
                if s.is_filter && def.process.is_none() {
                    Ok(())
                } else {
                    let inputs = std::mem::take(&mut s.inputs);
                    it.scope
                        .borrow_mut()
                        .set_local("input", Value::array(inputs));
                    if s.has_input {
                        it.scope.borrow_mut().remove_local("_");
                    }
                    match &def.end {
                        Some(b) => run_body(it, b, out),
                        None => Ok(()),
                    }
                }
            }
        };
        it.depth -= 1;
        r
    })();
    it.scope = saved;
    r
}

fn run_body(it: &mut Interp, b: &crate::lang::ast::Block, out: &mut dyn Sink) -> Result<(), Flow> {
    match it.exec_block(b, out) {
        Err(Flow::Return) => Ok(()),
        r => r,
    }
}

impl Interp {
    /// Sets declared parameters in the current scope from a binding: given values (converted
    /// to the declared type), else defaults evaluated in this scope, else `$false` for
    /// switches and `$null`.
    pub fn apply_binding(&mut self, params: &[ParamDecl], b: &FunctionBinding) -> Result<(), Flow> {
        for (i, p) in params.iter().enumerate() {
            let v = match b.values.get(i).cloned().flatten() {
                Some(v) => self.typed(p, v)?,
                None => match &p.default {
                    Some(d) => {
                        let v = self.eval(d)?;
                        self.typed(p, v)?
                    }
                    None => match p.ty.as_deref().map(convert::norm_type).as_deref() {
                        Some("switch" | "management.automation.switchparameter") => {
                            Value::Bool(false)
                        }
                        Some("string") => Value::from(""),
                        Some("int" | "long" | "double") => Value::Int(0),
                        Some("bool") => Value::Bool(false),
                        _ => Value::Null,
                    },
                },
            };
            self.scope.borrow_mut().set_local(&p.name, v);
        }
        Ok(())
    }

    /// The automatic variables of a function call, in its scope: `$PSBoundParameters` (the
    /// parameters given, common ones included), and for an advanced function `$PSCmdlet` and
    /// the preferences its common parameters set (`-Verbose` is `$VerbosePreference =
    /// 'Continue'`, `-ErrorAction Stop` is `$ErrorActionPreference = 'Stop'`, `-WhatIf` is
    /// `$WhatIfPreference = $true`, …), so the commands it runs follow them.
    fn function_automatics(&mut self, def: &ScriptBlockDef, b: &FunctionBinding) {
        let mut bound = PropMap::new();
        for (p, v) in def.params.iter().zip(b.values.iter()) {
            if let Some(v) = v {
                let v = self
                    .scope
                    .borrow()
                    .local(&p.name)
                    .unwrap_or_else(|| v.clone());
                bound.insert(&p.name, v);
            }
        }
        let c = &b.common;
        let pref = |a: crate::eval::ActionPreference| Value::from(format!("{a:?}"));
        let mut prefs: Vec<(&str, Value)> = Vec::new();
        if let Some(v) = c.verbose {
            bound.insert("Verbose", Value::Bool(v));
            prefs.push((
                "VerbosePreference",
                Value::from(if v { "Continue" } else { "SilentlyContinue" }),
            ));
        }
        if let Some(v) = c.debug {
            bound.insert("Debug", Value::Bool(v));
            prefs.push((
                "DebugPreference",
                Value::from(if v { "Continue" } else { "SilentlyContinue" }),
            ));
        }
        if let Some(a) = c.error_action {
            bound.insert("ErrorAction", pref(a));
            prefs.push(("ErrorActionPreference", pref(a)));
        }
        if let Some(a) = c.warning_action {
            bound.insert("WarningAction", pref(a));
            prefs.push(("WarningPreference", pref(a)));
        }
        if c.what_if {
            bound.insert("WhatIf", Value::Bool(true));
            prefs.push(("WhatIfPreference", Value::Bool(true)));
        }
        if let Some(v) = c.confirm {
            bound.insert("Confirm", Value::Bool(v));
        }
        let mut scope = self.scope.borrow_mut();
        for (name, v) in prefs {
            scope.set_local(name, v);
        }
        scope.set_local("PSBoundParameters", Value::hashtable(bound));
        let advanced = def.cmdlet_binding
            || def.params.iter().any(|p| {
                p.attrs.mandatory
                    || p.attrs.position.is_some()
                    || p.attrs.from_pipeline
                    || p.attrs.from_pipeline_by_name
            });
        if advanced {
            scope.set_local("PSCmdlet", script_cmdlet());
        }
    }

    /// Like [`Interp::apply_binding`] but only for the parameters the binding gives.
    fn apply_binding_given(
        &mut self,
        params: &[ParamDecl],
        b: &FunctionBinding,
    ) -> Result<(), Flow> {
        for (i, p) in params.iter().enumerate() {
            if let Some(v) = b.values.get(i).cloned().flatten() {
                let v = self.typed(p, v)?;
                self.scope.borrow_mut().set_local(&p.name, v);
            }
        }
        Ok(())
    }

    fn typed(&mut self, p: &ParamDecl, v: Value) -> Result<Value, Flow> {
        match &p.ty {
            Some(t) => convert::cast(&v, t).map_err(|m| {
                Flow::from(
                    ErrorRecord::new(format!(
                        "Cannot process argument transformation on parameter '{}'. {m}",
                        p.name
                    ))
                    .category(ErrorCategory::InvalidArgument)
                    .id("ParameterArgumentTransformationError"),
                )
            }),
            None => Ok(v),
        }
    }

    /// Runs a pipeline, sending its output to `out`.
    pub fn run_pipeline(&mut self, p: &Pipeline, out: &mut dyn Sink) -> Result<(), Flow> {
        if p.redirections.is_empty() {
            return self.run_pipeline_plain(p, out);
        }
        let mut to_file: Option<(String, bool)> = None;
        let mut streams: Vec<(u8, Option<StreamFile>)> = Vec::new();
        let mut discard_out = false;
        let mut err_target: Option<Option<(String, bool)>> = None;
        let mut merge = false;
        for r in &p.redirections {
            match &r.target {
                RedirectTarget::MergeToOutput => merge = merge || r.stream == 2 || r.stream == 0,
                RedirectTarget::File { path, append } => {
                    let target = match &path.kind {
                        ExprKind::Var(n) if n.eq_ignore_ascii_case("null") => None,
                        _ => Some((convert::to_string(&self.eval(path)?), *append)),
                    };
                    match r.stream {
                        1 => match target {
                            None => discard_out = true,
                            Some(t) => to_file = Some(t),
                        },
                        2 => err_target = Some(target),
                        0 => {
                            err_target = Some(None);
                            for s in 3..=6 {
                                streams.push((s, None));
                            }
                            match target {
                                None => discard_out = true,
                                Some(t) => to_file = Some(t),
                            }
                        }
                        s @ 3..=6 => streams.push((
                            s,
                            target.map(|(path, append)| (SharedBuf::default(), path, append)),
                        )),
                        _ => {}
                    }
                }
            }
        }
        let saved_err = match &err_target {
            Some(t) => {
                let buf = SharedBuf::default();
                self.host.release();
                let old = std::mem::replace(&mut self.host.err, Box::new(buf.clone()));
                Some((old, buf, t.clone()))
            }
            None => None,
        };
        if merge {
            self.merge_depth += 1;
        }
        let pushed = streams.len();
        for (s, t) in &streams {
            self.stream_redirects
                .push((*s, t.as_ref().map(|(buf, _, _)| buf.clone())));
        }
        let r = if discard_out {
            self.run_pipeline_plain(p, &mut Discard)
        } else if let Some((path, append)) = &to_file {
            let buf = SharedBuf::default();
            self.host.release();
            let old_out = std::mem::replace(&mut self.host.out, Box::new(buf.clone()));
            let old_shown = self.host.swap_shown(OutDefault::for_file());
            let old_color = self.host.term.color;
            self.host.term.color = false;
            let mut sink = FileSink;
            let r = self.run_pipeline_plain(p, &mut sink);
            let pending = std::mem::take(&mut self.merged);
            for v in pending {
                self.host.show(&v);
            }
            self.host.end_shown();
            self.host.swap_shown(old_shown);
            self.host.out = old_out;
            self.host.term.color = old_color;
            let text = buf.0.borrow().clone();
            match write_file(path, &text, *append) {
                Ok(()) => r,
                Err(e) => {
                    let rec = ErrorRecord::new(format!("Could not write to '{path}': {e}"))
                        .category(ErrorCategory::PermissionDenied);
                    let w = self.write_error(rec);
                    r.and(w)
                }
            }
        } else {
            // Errors here still let the redirections below be undone.
            let mut sink = MergeSink { inner: out };
            let mut r = self.run_pipeline_plain(p, &mut sink);
            let pending = std::mem::take(&mut self.merged);
            for v in pending {
                if let Err(f) = sink.inner.emit(self, v) {
                    r = r.and(Err(f));
                    break;
                }
            }
            r
        };
        if merge {
            self.merge_depth -= 1;
        }
        let keep = self.stream_redirects.len().saturating_sub(pushed);
        self.stream_redirects.truncate(keep);
        let mut r = r;
        for (_, t) in streams {
            if let Some((buf, path, append)) = t {
                let text = buf.0.borrow().clone();
                if let Err(e) = write_file(&path, &text, append) {
                    let rec = ErrorRecord::new(format!("Could not write to '{path}': {e}"))
                        .category(ErrorCategory::PermissionDenied);
                    let w = self.write_error(rec);
                    r = r.and(w);
                }
            }
        }
        // A redirected error stream also takes the statement's own error.
        let r = if saved_err.is_some() {
            self.absorb(r)
        } else {
            r
        };
        if let Some((old, buf, target)) = saved_err {
            self.host.err = old;
            if let Some((path, append)) = target {
                let text = buf.0.borrow().clone();
                if let Err(e) = write_file(&path, &text, append) {
                    let rec = ErrorRecord::new(format!("Could not write to '{path}': {e}"));
                    self.write_error(rec)?;
                }
            }
        }
        r
    }

    fn run_pipeline_plain(&mut self, p: &Pipeline, out: &mut dyn Sink) -> Result<(), Flow> {
        let (first_expr, cmds) = match p.elements.first() {
            Some(PipelineElement::Expr(e)) => (Some(e), &p.elements[1..]),
            _ => (None, &p.elements[..]),
        };
        if cmds.is_empty() {
            if let Some(e) = first_expr {
                // `$i++` and `++$i` as statements write nothing.
                if matches!(e.kind, ExprKind::IncDec { .. }) && p.redirections.is_empty() {
                    return self.eval(e).map(|_| ());
                }
                return self.feed(e, out);
            }
            return Ok(());
        }
        let mut stages = Vec::with_capacity(cmds.len());
        for (i, el) in cmds.iter().enumerate() {
            let PipelineElement::Command(c) = el else {
                return Err(Flow::from(
                    ErrorRecord::new(
                        "Expressions are only allowed as the first element of a pipeline.",
                    )
                    .category(ErrorCategory::ParserError),
                ));
            };
            let has_input = i > 0 || first_expr.is_some();
            stages.push(self.make_stage(c, has_input)?);
        }
        let r = self.drive(&mut stages, first_expr, out);
        for st in &stages {
            if let Some((name, vals)) = &st.out_var {
                let name = name.clone();
                let v = Value::array(vals.clone());
                self.set_var(&name, v);
            }
        }
        r
    }

    /// Evaluates the first element of a pipeline and emits its values (ranges lazily).
    /// A `lo..hi` expression, evaluated for a pipeline or `foreach`: numbers are counted
    /// lazily (`1..1e9 | Select-Object -First 1` is immediate, and no length limit applies),
    /// characters (`'a'..'e'`) are made as an array. `None` for any other expression.
    pub(crate) fn lazy_range(
        &mut self,
        e: &crate::lang::ast::Expr,
    ) -> Result<Option<Counted>, Flow> {
        let ExprKind::Binary {
            op: BinOp::Range,
            left,
            right,
        } = &e.kind
        else {
            return Ok(None);
        };
        let a = self.eval(left)?;
        let b = self.eval(right)?;
        let err = |m| crate::eval::expr::rt_err(m, e);
        if matches!((&a, &b), (Value::Str(_), Value::Str(_))) {
            return Ok(Some(Counted::Made(Value::array(
                ops::range(&a, &b).map_err(err)?,
            ))));
        }
        let (lo, hi) = ops::range_ends(&a, &b).map_err(err)?;
        Ok(Some(Counted::Ints(ops::RangeIter::new(lo, hi))))
    }

    fn feed(&mut self, e: &crate::lang::ast::Expr, out: &mut dyn Sink) -> Result<(), Flow> {
        let v = match self.lazy_range(e)? {
            Some(Counted::Ints(range)) => {
                for i in range {
                    out.emit(self, Value::Int(i))?;
                }
                return Ok(());
            }
            Some(Counted::Made(v)) => v,
            None => self.eval(e)?,
        };
        match v {
            Value::Array(a) => {
                let items = a.borrow().clone();
                for x in items {
                    out.emit(self, x)?;
                }
                Ok(())
            }
            Value::Null if !matches!(e.kind, ExprKind::Var(_) | ExprKind::Paren(_)) => Ok(()),
            Value::Null => out.emit(self, Value::Null),
            other => out.emit(self, other),
        }
    }

    fn drive(
        &mut self,
        stages: &mut [Stage],
        first: Option<&crate::lang::ast::Expr>,
        out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        // begin
        for i in 0..stages.len() {
            let (head, rest) = stages.split_at_mut(i + 1);
            let st = &mut head[i];
            match run_stage(self, st, rest, out, Phase::Begin) {
                Err(Flow::StopPipeline) if rest.iter().any(|s| s.stopped) || st.stopped => break,
                r => r?,
            }
        }
        // process
        let r = if !stages.iter().any(|s| s.stopped) {
            match first {
                Some(e) => {
                    let mut down = Downstream {
                        stages,
                        last: out,
                        tee: None,
                    };
                    self.feed(e, &mut down)
                }
                None => {
                    let (head, rest) = stages.split_at_mut(1);
                    let r = run_stage(self, &mut head[0], rest, out, Phase::Process(None));
                    if matches!(r, Err(Flow::StopPipeline)) && !rest.iter().any(|s| s.stopped) {
                        head[0].stopped = true;
                    }
                    r
                }
            }
        } else {
            Ok(())
        };
        match r {
            Err(Flow::StopPipeline) if stages.iter().any(|s| s.stopped) => {}
            r => r?,
        }
        // end, skipping the stages upstream of the one that stopped
        let from = stages.iter().rposition(|s| s.stopped).unwrap_or(0);
        for i in from..stages.len() {
            let (head, rest) = stages.split_at_mut(i + 1);
            match run_stage(self, &mut head[i], rest, out, Phase::End) {
                Err(Flow::StopPipeline) if rest.iter().any(|s| s.stopped) => {}
                r => r?,
            }
        }
        Ok(())
    }

    /// Evaluates a command's arguments into raw arguments for the binder.
    fn raw_args(&mut self, args: &[CommandArg]) -> Result<Vec<RawArg>, Flow> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            match a {
                CommandArg::Param {
                    name,
                    inline_value,
                    span,
                } => {
                    let value = match inline_value {
                        Some(e) => Some(self.eval(e)?),
                        None => None,
                    };
                    out.push(RawArg::Named {
                        name: name.clone(),
                        value,
                        span: *span,
                    });
                }
                CommandArg::Value(e) => {
                    let v = self.eval(e)?;
                    out.push(RawArg::Positional {
                        value: v,
                        span: e.span,
                    });
                }
                CommandArg::Splat(name, span) => match self.get_var(name) {
                    Value::Hashtable(h) => {
                        for (k, v) in h.borrow().iter() {
                            out.push(RawArg::Named {
                                name: k.to_string(),
                                value: Some(v.clone()),
                                span: *span,
                            });
                        }
                    }
                    Value::Array(a) => {
                        for v in a.borrow().iter() {
                            out.push(RawArg::Positional {
                                value: v.clone(),
                                span: *span,
                            });
                        }
                    }
                    Value::Null => {}
                    v => out.push(RawArg::Positional {
                        value: v,
                        span: *span,
                    }),
                },
                CommandArg::EndOfParams(_) => {}
            }
        }
        Ok(out)
    }

    /// Every command name this shell knows (for suggestions and completion).
    pub fn command_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for s in self.registry.specs() {
            names.push(s.name.to_string());
            names.extend(s.aliases.iter().map(|a| a.to_string()));
        }
        names.extend(self.aliases.keys().cloned());
        let mut cur = Some(self.scope.clone());
        while let Some(s) = cur {
            names.extend(s.borrow().func_names());
            cur = s.borrow().parent.clone();
        }
        names
    }

    /// The "not recognized" error with a did-you-mean hint.
    pub fn not_found(&self, name: &str, span: Span) -> ErrorRecord {
        let lname = name.to_ascii_lowercase();
        let mut scored: Vec<(usize, String)> = self
            .command_names()
            .into_iter()
            .map(|n| (strsim::levenshtein(&lname, &n.to_ascii_lowercase()), n))
            .filter(|(d, n)| *d <= (n.len() / 3).clamp(1, 3))
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1.eq_ignore_ascii_case(&b.1));
        let hint = if scored.is_empty() {
            None
        } else {
            Some(format!(
                "Did you mean: {}?",
                scored
                    .iter()
                    .take(3)
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        };
        let mut rec = ErrorRecord::new(format!(
            "The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program."
        ))
        .command(name)
        .category(ErrorCategory::CommandNotFound)
        .id("CommandNotFoundException")
        .span(span);
        rec.hint = hint;
        rec
    }

    fn make_stage(
        &mut self,
        c: &crate::lang::ast::Command,
        has_input: bool,
    ) -> Result<Stage, Flow> {
        let (target, display) = match &c.name {
            CommandName::Bare(name, span) => (self.resolve(name, *span)?, name.clone()),
            CommandName::Expr(e) => match self.eval(e)? {
                Value::ScriptBlock(sb) => (Target::Script(sb, false, String::new()), String::new()),
                Value::Str(s) => {
                    let s = s.to_string();
                    (self.resolve(&s, e.span)?, s)
                }
                other => {
                    return Err(Flow::from(
                        ErrorRecord::new(format!(
                            "The expression after '&' in a pipeline element produced an object that was not valid. It must result in a command name, a script block, or a CommandInfo object. ({})",
                            convert::to_string(&other)
                        ))
                        .category(ErrorCategory::InvalidOperation)
                        .span(e.span),
                    ));
                }
            },
        };
        let raw = self.raw_args(&c.args)?;
        // `X -?` shows X's help instead of running it, as PowerShell does.
        let asks_help = raw
            .iter()
            .any(|a| matches!(a, RawArg::Named { name, .. } if name == "?"));
        let (target, raw) = match target {
            Target::Spec(spec) if asks_help => match self.registry.get("Get-Help") {
                Some(help) => (
                    Target::Spec(help),
                    vec![RawArg::Positional {
                        value: Value::str(spec.name),
                        span: c.span,
                    }],
                ),
                None => (Target::Spec(spec), raw),
            },
            t => (t, raw),
        };
        match target {
            Target::Spec(spec) => {
                // Mandatory parameters left out are asked for on a terminal, as PowerShell does.
                let bound = match bind::bind(spec, raw.clone(), has_input) {
                    Err(e) if !e.missing.is_empty() && self.host.term.interactive => {
                        self.host.flush();
                        match crate::repl::prompt::ask_missing(spec.name, &e.missing) {
                            Some(answers) => {
                                let mut raw = raw;
                                raw.extend(answers.into_iter().map(|(name, v)| {
                                    bind::RawArg::Named {
                                        name,
                                        value: Some(Value::from(v)),
                                        span: c.span,
                                    }
                                }));
                                bind::bind(spec, raw, has_input)
                            }
                            None => Err(e),
                        }
                    }
                    r => r,
                };
                let bound = bound.map_err(|e| {
                    let mut rec = ErrorRecord::new(e.message)
                        .command(spec.name)
                        .category(ErrorCategory::InvalidArgument)
                        .id("ParameterBindingException");
                    rec.hint = e.hint;
                    rec.span = e.span.or(Some(c.span));
                    Flow::from(rec)
                })?;
                let cm = &bound.common;
                let (error_variable, append) = match &cm.error_variable {
                    Some(n) => match n.strip_prefix('+') {
                        Some(rest) => (Some(rest.to_string()), true),
                        None => (Some(n.clone()), false),
                    },
                    None => (None, false),
                };
                if let Some(n) = &error_variable
                    && !append
                {
                    self.set_var(n, Value::array(Vec::new()));
                }
                let warning_variable =
                    cm.warning_variable
                        .as_ref()
                        .map(|n| match n.strip_prefix('+') {
                            Some(rest) => rest.to_string(),
                            None => {
                                self.set_var(n, Value::array(Vec::new()));
                                n.clone()
                            }
                        });
                let ctx = CmdContext {
                    name: spec.name.to_string(),
                    error_action: cm.error_action,
                    warning_action: cm.warning_action,
                    verbose: cm.verbose,
                    debug: cm.debug,
                    error_variable,
                    warning_variable,
                    what_if: cm.what_if,
                    confirm: cm.confirm,
                    impact: Some(spec.confirm_impact),
                };
                let out_var = cm
                    .out_variable
                    .clone()
                    .map(|n| (n.trim_start_matches('+').to_string(), Vec::new()));
                Ok(Stage {
                    kind: StageKind::Cmdlet {
                        spec,
                        cmd: (spec.factory)(),
                        bound: Box::new(bound),
                    },
                    ctx,
                    out_var,
                    stopped: false,
                })
            }
            Target::Script(def, is_filter, name) => {
                let common = if def.should_process {
                    bind::FunctionCommon::ShouldProcess
                } else if def.cmdlet_binding {
                    bind::FunctionCommon::Common
                } else {
                    bind::FunctionCommon::Auto
                };
                let binding = bind::bind_function_with(&def.params, common, raw, has_input)
                    .map_err(|e| {
                        let mut rec = ErrorRecord::new(e.message)
                            .category(ErrorCategory::InvalidArgument)
                            .id("ParameterBindingException");
                        if !name.is_empty() {
                            rec.command = Some(name.clone());
                        }
                        rec.hint = e.hint;
                        rec.span = e.span.or(Some(c.span));
                        Flow::from(rec)
                    })?;
                let scope = if c.invoke == InvokeKind::Dot {
                    self.scope.clone()
                } else {
                    Scope::child(&self.scope, false)
                };
                let cm = &binding.common;
                let ctx = CmdContext {
                    name: if name.is_empty() { display } else { name },
                    what_if: cm.what_if,
                    confirm: cm.confirm,
                    ..CmdContext::default()
                };
                let out_var = cm
                    .out_variable
                    .clone()
                    .map(|n| (n.trim_start_matches('+').to_string(), Vec::new()));
                Ok(Stage {
                    kind: StageKind::Script(Box::new(ScriptStage {
                        def,
                        is_filter,
                        scope,
                        binding,
                        inputs: Vec::new(),
                        has_input,
                        entered: false,
                    })),
                    ctx,
                    out_var,
                    stopped: false,
                })
            }
        }
    }

    fn resolve_name(&self, name: &str) -> Option<Resolved> {
        let mut n = name.to_string();
        for _ in 0..8 {
            if let Some(t) = self.aliases.get(&n.to_ascii_lowercase()) {
                n = t.clone();
                continue;
            }
            break;
        }
        if let Some(f) = scope::lookup_func(&self.scope, &n) {
            return Some(Resolved::Func(f));
        }
        if let Some(spec) = self.registry.get(&n) {
            return Some(Resolved::Spec(spec));
        }
        None
    }

    fn resolve(&mut self, name: &str, span: Span) -> Result<TargetOut, Flow> {
        match self.resolve_name(name) {
            Some(Resolved::Func(f)) => Ok(TargetOut::Script(
                f.body.clone(),
                f.is_filter,
                f.name.clone(),
            )),
            Some(Resolved::Spec(s)) => Ok(TargetOut::Spec(s)),
            None => {
                if (name.ends_with(".ps1") || name.contains('/'))
                    && let Ok(src) = std::fs::read_to_string(name)
                {
                    return self
                        .script_file(name, &src, span)
                        .map(|sb| TargetOut::Script(sb, false, name.to_string()));
                }
                Err(Flow::from(self.not_found(name, span)))
            }
        }
    }

    fn script_file(
        &mut self,
        name: &str,
        src: &str,
        span: Span,
    ) -> Result<Rc<ScriptBlockDef>, Flow> {
        match crate::lang::parser::parse_script(src) {
            Ok(script) => Ok(Rc::new(ScriptBlockDef {
                params: script.params.clone(),
                cmdlet_binding: false,
                should_process: false,
                begin: None,
                process: None,
                end: Some(script.body.clone()),
                span: script.body.span,
                source: script.source.clone(),
            })),
            Err(e) => Err(Flow::from(
                ErrorRecord::new(e.render(src, name))
                    .category(ErrorCategory::ParserError)
                    .id("ParseException")
                    .span(span),
            )),
        }
    }
}

enum Resolved {
    Func(Rc<crate::lang::ast::FunctionDef>),
    Spec(&'static CmdletSpec),
}

use TargetOut as Target;

/// What a command name resolved to.
enum TargetOut {
    Spec(&'static CmdletSpec),
    Script(Rc<ScriptBlockDef>, bool, String),
}

fn write_file(path: &str, bytes: &[u8], append: bool) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(path)?;
    f.write_all(bytes)
}

fn script_cmdlet_text(_: &RecordData) -> String {
    "System.Management.Automation.PSScriptCmdlet".into()
}

/// The type of `$PSCmdlet` in an advanced function (its `ShouldProcess()` is the
/// interpreter's).
pub static SCRIPT_CMDLET: TypeInfo = TypeInfo {
    name: "System.Management.Automation.PSScriptCmdlet",
    also: &["PSScriptCmdlet", "PSCmdlet"],
    to_string: script_cmdlet_text,
    identity: None,
    table_view: &[],
    group_by: None,
};

fn script_cmdlet() -> Value {
    Value::record(RecordData::typed(&SCRIPT_CMDLET, PropMap::new()))
}

/// Where a redirected message stream (3–6) goes: the buffer collecting its text, and the file
/// (path, append) it is written to after the statement. `None` in its place discards.
type StreamFile = (SharedBuf, String, bool);

/// What [`Interp::lazy_range`] makes of a range.
pub(crate) enum Counted {
    /// A range of integers, counted as it is read.
    Ints(ops::RangeIter),
    /// A range made as a value (characters).
    Made(Value),
}

/// Writes a redirected statement's output through `Out-Default` into the swapped-in buffer.
struct FileSink;

impl Sink for FileSink {
    fn emit(&mut self, it: &mut Interp, value: Value) -> Result<(), Flow> {
        let pending = std::mem::take(&mut it.merged);
        for p in pending {
            it.host.show(&p);
        }
        it.host.show(&value);
        Ok(())
    }
}

/// Passes output on, first flushing error records merged by `2>&1`.
struct MergeSink<'a> {
    inner: &'a mut dyn Sink,
}

impl Sink for MergeSink<'_> {
    fn emit(&mut self, it: &mut Interp, value: Value) -> Result<(), Flow> {
        let pending = std::mem::take(&mut it.merged);
        for p in pending {
            self.inner.emit(it, p)?;
        }
        self.inner.emit(it, value)
    }
}
