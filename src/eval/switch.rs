//! The `switch` statement: each input (the elements of the value, or the lines of a file) is
//! compared with every clause in order, and every clause that matches runs with `$_` set to
//! the input; `default` runs when none did. `break` ends the switch, `continue` moves to the
//! next input (PowerShell's rules; a labelled `break`/`continue` naming the switch does the same).

use crate::cmd::Sink;
use crate::eval::error::Flow;
use crate::eval::expr::{matches_table, rt_err};
use crate::eval::{Interp, collapse, convert, ops};
use crate::lang::ast::{Block, ExprKind, PipelineElement, SwitchInput, SwitchMode, SwitchStmt};

/// What a clause body's flow means for the switch.
enum Next {
    /// Go on with the next clause.
    Clause,
    /// Go on with the next input.
    Input,
    /// Leave the switch.
    Done,
}

impl Interp {
    /// Runs a `switch` statement.
    pub(crate) fn exec_switch(&mut self, sw: &SwitchStmt, out: &mut dyn Sink) -> Result<(), Flow> {
        let items = self.switch_items(&sw.input)?;
        self.keeping_locals(&["_", "PSItem"], |it| it.switch_loop(sw, items, out))
    }

    fn switch_items(
        &mut self,
        input: &SwitchInput,
    ) -> Result<Vec<crate::eval::value::Value>, Flow> {
        use crate::eval::value::Value;
        match input {
            SwitchInput::Value(p) => {
                if let [PipelineElement::Expr(e)] = p.elements.as_slice()
                    && p.redirections.is_empty()
                {
                    return Ok(match self.eval(e)? {
                        Value::Array(a) => a.borrow().clone(),
                        v => vec![v],
                    });
                }
                let mut got: Vec<Value> = Vec::new();
                self.run_pipeline(p, &mut got)?;
                Ok(got)
            }
            SwitchInput::File(e) => {
                let path = convert::to_string(&self.eval(e)?);
                let path = crate::builtins::io::expand_home(&path);
                let text = std::fs::read_to_string(&path).map_err(|err| {
                    rt_err(
                        if err.kind() == std::io::ErrorKind::NotFound {
                            format!("Cannot find path '{path}' because it does not exist.")
                        } else {
                            format!("Could not read '{path}': {err}.")
                        },
                        e,
                    )
                })?;
                let body = text.strip_suffix('\n').unwrap_or(&text);
                if body.is_empty() {
                    return Ok(Vec::new());
                }
                Ok(body
                    .split('\n')
                    .map(|l| Value::from(l.strip_suffix('\r').unwrap_or(l)))
                    .collect())
            }
        }
    }

    fn switch_loop(
        &mut self,
        sw: &SwitchStmt,
        items: Vec<crate::eval::value::Value>,
        out: &mut dyn Sink,
    ) -> Result<(), Flow> {
        'items: for item in items {
            if self.cancelled() {
                return Err(Flow::Cancelled);
            }
            self.scope.borrow_mut().set_local("_", item.clone());
            self.scope.borrow_mut().set_local("PSItem", item.clone());
            let mut matched = false;
            for clause in &sw.clauses {
                if !self.clause_matches(sw, &clause.cond, &item)? {
                    continue;
                }
                matched = true;
                match self.switch_body(&clause.body, sw, out)? {
                    Next::Clause => {}
                    Next::Input => continue 'items,
                    Next::Done => return Ok(()),
                }
            }
            if !matched && let Some(d) = &sw.default {
                match self.switch_body(d, sw, out)? {
                    Next::Clause | Next::Input => {}
                    Next::Done => return Ok(()),
                }
            }
        }
        Ok(())
    }

    fn clause_matches(
        &mut self,
        sw: &SwitchStmt,
        cond: &crate::lang::ast::Expr,
        item: &crate::eval::value::Value,
    ) -> Result<bool, Flow> {
        use crate::eval::value::Value;
        if let ExprKind::ScriptBlock(sb) = &cond.kind {
            let mut got: Vec<Value> = Vec::new();
            self.invoke_block(sb, Some(item.clone()), Vec::new(), &mut got)?;
            return Ok(convert::to_bool(&collapse(got)));
        }
        let want = self.eval(cond)?;
        let case = sw.case_sensitive;
        Ok(match sw.mode {
            SwitchMode::Exact => ops::equals(item, &want, case),
            SwitchMode::Wildcard => {
                let pattern = convert::to_string(&want);
                let re = ops::wildcard_regex(&pattern, case).map_err(|m| rt_err(m, cond))?;
                re.is_match(&convert::to_string(item))
            }
            SwitchMode::Regex => {
                let re =
                    ops::regex(&convert::to_string(&want), case).map_err(|m| rt_err(m, cond))?;
                match re.captures(&convert::to_string(item)) {
                    Some(caps) => {
                        self.set_var("Matches", matches_table(&re, &caps));
                        true
                    }
                    None => false,
                }
            }
        })
    }

    /// Runs a clause body and says what its `break`/`continue` mean.
    fn switch_body(
        &mut self,
        body: &Block,
        sw: &SwitchStmt,
        out: &mut dyn Sink,
    ) -> Result<Next, Flow> {
        let mine = |l: &Option<String>| match (l, &sw.label) {
            (None, _) => true,
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (Some(_), None) => false,
        };
        match self.exec_block(body, out) {
            Ok(()) => Ok(Next::Clause),
            Err(Flow::Break(l)) if mine(&l) => Ok(Next::Done),
            Err(Flow::Continue(l)) if mine(&l) => Ok(Next::Input),
            Err(f) => Err(f),
        }
    }
}
