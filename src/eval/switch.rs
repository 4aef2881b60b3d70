//! The `switch` statement: each input against each clause's pattern, in order.

use crate::builtins::eval_block;
use crate::cmd::Sink;
use crate::eval::error::{ErrorCategory, ErrorRecord, Flow};
use crate::eval::expr::rt_err;
use crate::eval::value::Value;
use crate::eval::{Interp, convert};
use crate::lang::ast::{BinOp, Block, Expr, ExprKind, SwitchInput, SwitchMode, SwitchStmt};

/// How a `switch` clause's block ended.
enum ClauseEnd {
    /// Normally: later clauses are tried too.
    Next,
    /// `continue`: on to the next input.
    NextInput,
    /// `break`: the switch is done.
    Done,
}

impl Interp {
    /// Runs a `switch`: for each input (`$_`), every clause whose pattern matches runs in
    /// order; `default` runs when none did. `break` ends the switch, `continue` moves to the
    /// next input; labelled ones reach the loop they name.
    pub(crate) fn exec_switch(&mut self, sw: &SwitchStmt, out: &mut dyn Sink) -> Result<(), Flow> {
        let items: Vec<Value> = match &sw.input {
            SwitchInput::Values(p) => match self.eval_pipeline_value(p)? {
                Value::Array(a) => a.borrow().clone(),
                other => vec![other],
            },
            SwitchInput::File(e) => {
                let path = crate::builtins::io::expand_home(&convert::to_string(&self.eval(e)?));
                let text = std::fs::read_to_string(&path).map_err(|err| {
                    let msg = if err.kind() == std::io::ErrorKind::NotFound {
                        format!("Cannot find path '{path}' because it does not exist.")
                    } else {
                        format!("Could not read '{path}': {err}.")
                    };
                    Flow::from(
                        ErrorRecord::new(msg)
                            .category(ErrorCategory::ObjectNotFound)
                            .span(e.span),
                    )
                })?;
                let body = text.strip_suffix('\n').unwrap_or(&text);
                if body.is_empty() {
                    Vec::new()
                } else {
                    body.split('\n')
                        .map(|l| Value::from(l.strip_suffix('\r').unwrap_or(l)))
                        .collect()
                }
            }
        };
        let saved = self.get_var("_");
        let r = self.switch_items(sw, items, out);
        self.set_var("_", saved);
        r
    }

    fn switch_items(
        &mut self,
        sw: &SwitchStmt,
        items: Vec<Value>,
        out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        'inputs: for item in items {
            if self.cancelled() {
                return Err(Flow::Cancelled);
            }
            let mut matched = false;
            for c in sw.clauses.iter().filter(|c| c.pattern.is_some()) {
                self.set_var("_", item.clone());
                if !self.switch_matches(sw, c.pattern.as_ref(), &item)? {
                    continue;
                }
                matched = true;
                self.set_var("_", item.clone());
                match self.run_clause(&c.body, out)? {
                    ClauseEnd::Next => {}
                    ClauseEnd::NextInput => continue 'inputs,
                    ClauseEnd::Done => return Ok(()),
                }
            }
            if matched {
                continue;
            }
            for c in sw.clauses.iter().filter(|c| c.pattern.is_none()) {
                self.set_var("_", item.clone());
                match self.run_clause(&c.body, out)? {
                    ClauseEnd::Next => {}
                    ClauseEnd::NextInput => continue 'inputs,
                    ClauseEnd::Done => return Ok(()),
                }
            }
        }
        Ok(())
    }

    fn run_clause(&mut self, body: &Block, out: &mut dyn Sink) -> Result<ClauseEnd, Flow> {
        match self.exec_block(body, out) {
            Ok(()) => Ok(ClauseEnd::Next),
            Err(Flow::Break(None)) => Ok(ClauseEnd::Done),
            Err(Flow::Continue(None)) => Ok(ClauseEnd::NextInput),
            Err(f) => Err(f),
        }
    }

    /// Whether `item` matches a clause's pattern: a script block decides by its result;
    /// a value compares with `-eq`, `-match` (`-Regex`, setting `$Matches`) or `-like`
    /// (`-Wildcard`), case-insensitively unless `-CaseSensitive`.
    fn switch_matches(
        &mut self,
        sw: &SwitchStmt,
        pattern: Option<&Expr>,
        item: &Value,
    ) -> Result<bool, Flow> {
        let Some(pattern) = pattern else {
            return Ok(false);
        };
        if let ExprKind::ScriptBlock(sb) = &pattern.kind {
            let v = eval_block(self, sb, Some(item.clone()))?;
            return Ok(convert::to_bool(&v));
        }
        let want = self.eval(pattern)?;
        let case = sw.case_sensitive;
        let op = match sw.mode {
            SwitchMode::Equal => BinOp::Eq(case),
            SwitchMode::Regex => BinOp::Match(case),
            SwitchMode::Wildcard => BinOp::Like(case),
        };
        let r = self
            .binary(op, item, &want)
            .map_err(|m| rt_err(m, pattern))?;
        Ok(convert::to_bool(&r))
    }
}
