//! Expression evaluation and assignment: literals, variables, strings with expansion,
//! operators (delegating coercion to [`ops`]), casts, indexing, member access and `$Matches`.

use std::rc::Rc;

use crate::eval::error::{ErrorCategory, ErrorRecord, Flow};
use crate::eval::value::{PropMap, RecordData, Value};
use crate::eval::{Interp, collapse, convert, methods, ops};
use crate::lang::ast::{AssignOp, BinOp, Expr, ExprKind, Stmt, StrPart, UnaryOp};

/// A runtime error with a message, positioned at `e`.
pub fn rt_err(msg: impl Into<String>, e: &Expr) -> Flow {
    let msg = msg.into();
    let id = if msg.starts_with("Attempted to divide by zero") {
        "DivideByZeroException"
    } else if msg.starts_with("Cannot convert") {
        "InvalidCastException"
    } else {
        "RuntimeException"
    };
    Flow::from(
        ErrorRecord::new(msg)
            .category(ErrorCategory::InvalidOperation)
            .id(id)
            .span(e.span),
    )
}

/// The `$Matches` hashtable of a successful match: group number (or name) → text.
pub fn matches_table(re: &regex::Regex, caps: &regex::Captures<'_>) -> Value {
    let mut m = PropMap::new();
    for (i, name) in re.capture_names().enumerate() {
        if let Some(g) = caps.get(i) {
            let key = name.map(str::to_string).unwrap_or_else(|| i.to_string());
            m.insert(&key, Value::from(g.as_str()));
        }
    }
    Value::hashtable(m)
}

impl Interp {
    /// Evaluates an expression.
    pub fn eval(&mut self, e: &Expr) -> Result<Value, Flow> {
        self.check_stack()?;
        match &e.kind {
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Double(d) => Ok(Value::Double(*d)),
            ExprKind::Str { value, .. } => Ok(Value::from(value.as_str())),
            ExprKind::ExpandStr(parts) => self.expand(parts).map(Value::from),
            ExprKind::Var(name) => Ok(self.get_var(name)),
            ExprKind::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.eval(i)?);
                }
                Ok(Value::array(out))
            }
            ExprKind::ArraySub(block) => {
                let mut out: Vec<Value> = Vec::new();
                self.exec_block(block, &mut out)?;
                Ok(Value::array(out))
            }
            ExprKind::SubExpr(block) => {
                let mut out: Vec<Value> = Vec::new();
                self.exec_block(block, &mut out)?;
                Ok(collapse(out))
            }
            ExprKind::Paren(stmt) => self.stmt_value(stmt),
            ExprKind::Hashtable(pairs) => {
                let mut m = PropMap::with_capacity(pairs.len());
                for (k, v) in pairs {
                    let key = self.eval(k)?;
                    let val = self.stmt_value(v)?;
                    let ks = convert::to_string(&key);
                    if m.contains_key(&ks) {
                        return Err(rt_err(
                            format!("Duplicate keys '{ks}' are not allowed in hash literals."),
                            k,
                        ));
                    }
                    m.insert(&ks, val);
                }
                Ok(Value::hashtable(m))
            }
            ExprKind::ScriptBlock(sb) => Ok(Value::ScriptBlock(sb.clone())),
            ExprKind::TypeLit(t) => Ok(Value::Type(Rc::from(t.as_str()))),
            ExprKind::Cast { ty, expr } => {
                let v = self.eval(expr)?;
                let nt = convert::norm_type(ty);
                if nt == "ordered" {
                    return Ok(v);
                }
                if nt == "void" {
                    return Ok(Value::Null);
                }
                convert::cast(&v, ty).map_err(|m| rt_err(m, e))
            }
            ExprKind::Member {
                target,
                name,
                is_static,
            } => {
                let name = self.member_name(name)?;
                if *is_static {
                    let ty = match &target.kind {
                        ExprKind::TypeLit(t) => t.clone(),
                        _ => convert::to_string(&self.eval(target)?),
                    };
                    return methods::static_member(&ty, &name).map_err(|m| rt_err(m, e));
                }
                let v = self.eval(target)?;
                Ok(methods::member(&v, &name))
            }
            ExprKind::MethodCall {
                target,
                name,
                args,
                is_static,
            } => {
                let mut argv = Vec::with_capacity(args.len());
                for a in args {
                    argv.push(self.eval(a)?);
                }
                if *is_static {
                    let ty = match &target.kind {
                        ExprKind::TypeLit(t) => t.clone(),
                        _ => convert::to_string(&self.eval(target)?),
                    };
                    return methods::static_call(&ty, name, &argv).map_err(|m| rt_err(m, e));
                }
                let v = self.eval(target)?;
                self.call_method(&v, name, argv, e)
            }
            ExprKind::Index { target, index } => {
                let t = self.eval(target)?;
                let i = self.eval(index)?;
                index_value(&t, &i).map_err(|m| rt_err(m, e))
            }
            ExprKind::Unary { op, expr } => self.eval_unary(*op, expr, e),
            ExprKind::Binary { op, left, right } => self.eval_binary(*op, left, right, e),
            ExprKind::IncDec {
                target,
                increment,
                prefix,
            } => {
                let old = self.eval(target)?;
                let new = if *increment {
                    ops::add(&old, &Value::Int(1))
                } else {
                    ops::sub(&old, &Value::Int(1))
                }
                .map_err(|m| rt_err(m, e))?;
                self.assign_to(target, new.clone())?;
                Ok(if *prefix { new } else { old })
            }
        }
    }

    fn member_name(&mut self, name: &Expr) -> Result<String, Flow> {
        match &name.kind {
            ExprKind::Str { value, .. } => Ok(value.clone()),
            _ => Ok(convert::to_string(&self.eval(name)?)),
        }
    }

    /// Expands the parts of a `"…"` string.
    pub fn expand(&mut self, parts: &[StrPart]) -> Result<String, Flow> {
        let mut s = String::new();
        for p in parts {
            match p {
                StrPart::Lit(t) => s.push_str(t),
                StrPart::Var(n) => s.push_str(&self.to_string_ofs(&self.get_var(n))),
                StrPart::Sub(b) => {
                    let mut out: Vec<Value> = Vec::new();
                    self.exec_block(b, &mut out)?;
                    let v = collapse(out);
                    s.push_str(&self.to_string_ofs(&v));
                }
            }
        }
        Ok(s)
    }

    /// `[string]` conversion honouring `$OFS` for arrays.
    pub fn to_string_ofs(&self, v: &Value) -> String {
        match v {
            Value::Array(a) => {
                let ofs = match self.get_var("OFS") {
                    Value::Null => " ".to_string(),
                    o => convert::to_string(&o),
                };
                a.borrow()
                    .iter()
                    .map(convert::element_text)
                    .collect::<Vec<_>>()
                    .join(&ofs)
            }
            other => convert::to_string(other),
        }
    }

    fn eval_unary(&mut self, op: UnaryOp, inner: &Expr, e: &Expr) -> Result<Value, Flow> {
        let v = self.eval(inner)?;
        match op {
            UnaryOp::Neg => ops::neg(&v).map_err(|m| rt_err(m, e)),
            UnaryOp::Plus => convert::to_number(&v).map_err(|m| rt_err(m, e)),
            UnaryOp::Not => Ok(Value::Bool(!convert::to_bool(&v))),
            UnaryOp::BNot => convert::to_int(&v)
                .map(|i| Value::Int(!i))
                .map_err(|m| rt_err(m, e)),
            UnaryOp::Comma => Ok(Value::array(vec![v])),
            UnaryOp::Join => Ok(Value::from(
                v.enumerate()
                    .iter()
                    .map(convert::to_string)
                    .collect::<String>(),
            )),
            UnaryOp::Split => {
                let mut out = Vec::new();
                for s in v.enumerate() {
                    out.extend(ops::split_ws(&convert::to_string(&s)));
                }
                Ok(Value::array(out))
            }
        }
    }

    fn eval_binary(&mut self, op: BinOp, l: &Expr, r: &Expr, e: &Expr) -> Result<Value, Flow> {
        match op {
            BinOp::And => {
                let a = self.eval(l)?;
                if !convert::to_bool(&a) {
                    return Ok(Value::Bool(false));
                }
                return Ok(Value::Bool(convert::to_bool(&self.eval(r)?)));
            }
            BinOp::Or => {
                let a = self.eval(l)?;
                if convert::to_bool(&a) {
                    return Ok(Value::Bool(true));
                }
                return Ok(Value::Bool(convert::to_bool(&self.eval(r)?)));
            }
            _ => {}
        }
        let a = self.eval(l)?;
        let b = self.eval(r)?;
        if let BinOp::Replace(case) = op
            && let Value::Array(x) = &b
            && let [pat, Value::ScriptBlock(block)] = x.borrow().as_slice()
        {
            let pat = convert::to_string(pat);
            let mut out = Vec::new();
            for t in a.clone().enumerate() {
                let t = convert::to_string(&t);
                out.push(Value::from(
                    self.replace_with_block(&t, &pat, block, case, e)?,
                ));
            }
            return Ok(match a {
                Value::Array(_) => Value::array(out),
                _ => out.pop().unwrap_or_default(),
            });
        }
        self.binary(op, &a, &b).map_err(|m| rt_err(m, e))
    }

    /// Applies a binary operator to two evaluated operands.
    pub fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> Result<Value, String> {
        let cmp = |a: &Value, b: &Value, f: &dyn Fn(&Value, &Value) -> bool| -> Value {
            match a {
                Value::Array(arr) => {
                    Value::array(arr.borrow().iter().filter(|x| f(x, b)).cloned().collect())
                }
                _ => Value::Bool(f(a, b)),
            }
        };
        use std::cmp::Ordering as O;
        Ok(match op {
            BinOp::Add => ops::add(a, b)?,
            BinOp::Sub => ops::sub(a, b)?,
            BinOp::Mul => ops::mul(a, b)?,
            BinOp::Div => ops::div(a, b)?,
            BinOp::Rem => ops::rem(a, b)?,
            BinOp::Range => Value::array(ops::range(a, b)?),
            BinOp::Format => {
                let args = match b {
                    Value::Array(x) => x.borrow().clone(),
                    other => vec![other.clone()],
                };
                Value::from(ops::format(&convert::to_string(a), &args)?)
            }
            BinOp::And => Value::Bool(convert::to_bool(a) && convert::to_bool(b)),
            BinOp::Or => Value::Bool(convert::to_bool(a) || convert::to_bool(b)),
            BinOp::Xor => Value::Bool(convert::to_bool(a) != convert::to_bool(b)),
            BinOp::BAnd => ops::bitwise(a, b, |x, y| x & y)?,
            BinOp::BOr => ops::bitwise(a, b, |x, y| x | y)?,
            BinOp::Is => Value::Bool(convert::is_type(a, &type_arg(b))),
            BinOp::IsNot => Value::Bool(!convert::is_type(a, &type_arg(b))),
            BinOp::As => convert::cast(a, &type_arg(b)).unwrap_or(Value::Null),
            BinOp::Eq(c) => cmp(a, b, &|x, y| ops::equals(x, y, c)),
            BinOp::Ne(c) => cmp(a, b, &|x, y| !ops::equals(x, y, c)),
            BinOp::Gt(c) => cmp(a, b, &|x, y| ops::compare(x, y, c) == O::Greater),
            BinOp::Ge(c) => cmp(a, b, &|x, y| ops::compare(x, y, c) != O::Less),
            BinOp::Lt(c) => cmp(a, b, &|x, y| ops::compare(x, y, c) == O::Less),
            BinOp::Le(c) => cmp(a, b, &|x, y| ops::compare(x, y, c) != O::Greater),
            BinOp::Like(c) | BinOp::NotLike(c) => {
                let want = matches!(op, BinOp::Like(_));
                let pat = convert::to_string(b);
                let re = ops::wildcard_regex(&pat, c)?;
                cmp(a, b, &|x, _| re.is_match(&convert::to_string(x)) == want)
            }
            BinOp::Match(c) | BinOp::NotMatch(c) => {
                let want = matches!(op, BinOp::Match(_));
                let re = ops::regex(&convert::to_string(b), c)?;
                match a {
                    Value::Array(arr) => Value::array(
                        arr.borrow()
                            .iter()
                            .filter(|x| re.is_match(&convert::to_string(x)) == want)
                            .cloned()
                            .collect(),
                    ),
                    _ => {
                        let text = convert::to_string(a);
                        match re.captures(&text) {
                            Some(caps) => {
                                self.set_var("Matches", matches_table(&re, &caps));
                                Value::Bool(want)
                            }
                            None => Value::Bool(!want),
                        }
                    }
                }
            }
            BinOp::Contains(c) | BinOp::NotContains(c) => {
                let has = a.clone().enumerate().iter().any(|x| ops::equals(x, b, c));
                Value::Bool(has == matches!(op, BinOp::Contains(_)))
            }
            BinOp::In(c) | BinOp::NotIn(c) => {
                let has = b.clone().enumerate().iter().any(|x| ops::equals(x, a, c));
                Value::Bool(has == matches!(op, BinOp::In(_)))
            }
            BinOp::Replace(c) => {
                let (pat, rep) = match b {
                    Value::Array(x) => {
                        let x = x.borrow();
                        (
                            x.first().map(convert::to_string).unwrap_or_default(),
                            x.get(1).cloned().unwrap_or_default(),
                        )
                    }
                    other => (convert::to_string(other), Value::Null),
                };
                let texts: Vec<String> = match a {
                    Value::Array(arr) => arr.borrow().iter().map(convert::to_string).collect(),
                    _ => vec![convert::to_string(a)],
                };
                let mut out = Vec::with_capacity(texts.len());
                for t in &texts {
                    out.push(Value::from(ops::replace(
                        t,
                        &pat,
                        &convert::to_string(&rep),
                        c,
                    )?));
                }
                match a {
                    Value::Array(_) => Value::array(out),
                    _ => out.pop().unwrap_or_default(),
                }
            }
            BinOp::Split(c) => {
                // `-split pattern`, `-split pattern, max` or `-split pattern, max, 'options'`.
                let (pat, max, options) = match b {
                    Value::Array(x) => {
                        let x = x.borrow();
                        let max = x.get(1).map(convert::to_int).transpose()?.unwrap_or(0);
                        (
                            x.first().map(convert::to_string).unwrap_or_default(),
                            max.max(0) as usize,
                            x.get(2).map(convert::to_string).unwrap_or_default(),
                        )
                    }
                    other => (convert::to_string(other), 0, String::new()),
                };
                let (pat, c) = ops::split_options(&pat, &options, c)?;
                let mut out = Vec::new();
                for s in a.clone().enumerate() {
                    out.extend(ops::split(&convert::to_string(&s), &pat, max, c)?);
                }
                Value::array(out)
            }
            BinOp::Join => {
                let sep = convert::to_string(b);
                Value::from(
                    a.clone()
                        .enumerate()
                        .iter()
                        .map(convert::element_text)
                        .collect::<Vec<_>>()
                        .join(&sep),
                )
            }
        })
    }

    /// `-replace pattern, { … }`: the block runs for each match with `$_` the match (its
    /// `.Value`, `.Index`, `.Length` and `.Groups`), and its output replaces the match.
    fn replace_with_block(
        &mut self,
        text: &str,
        pattern: &str,
        block: &Rc<crate::lang::ast::ScriptBlockDef>,
        case: bool,
        at: &Expr,
    ) -> Result<String, Flow> {
        let re = ops::regex(pattern, case).map_err(|m| rt_err(m, at))?;
        let mut out = String::new();
        let mut last = 0;
        for caps in re.captures_iter(text) {
            let Some(whole) = caps.get(0) else {
                continue;
            };
            let group = |g: Option<regex::Match<'_>>| {
                custom_record(vec![
                    ("Success", Value::Bool(g.is_some())),
                    ("Value", Value::from(g.map_or("", |m| m.as_str()))),
                ])
            };
            let groups: Vec<Value> = caps.iter().map(group).collect();
            let m = custom_record(vec![
                ("Value", Value::from(whole.as_str())),
                (
                    "Index",
                    Value::Int(text[..whole.start()].chars().count() as i64),
                ),
                ("Length", Value::Int(whole.as_str().chars().count() as i64)),
                ("Groups", Value::array(groups)),
            ]);
            let v = crate::builtins::eval_block(self, block, Some(m))?;
            out.push_str(&text[last..whole.start()]);
            out.push_str(&convert::to_string(&v));
            last = whole.end();
        }
        out.push_str(&text[last..]);
        Ok(out)
    }

    /// Runs an assignment statement and returns the assigned value.
    pub fn assign_stmt(
        &mut self,
        target: &Expr,
        op: AssignOp,
        value: &Stmt,
    ) -> Result<Value, Flow> {
        let v = self.stmt_value(value)?;
        let new = match op {
            AssignOp::Assign => v,
            _ => {
                let cur = self.eval(target)?;
                let r = match op {
                    AssignOp::Add => ops::add(&cur, &v),
                    AssignOp::Sub => ops::sub(&cur, &v),
                    AssignOp::Mul => ops::mul(&cur, &v),
                    AssignOp::Div => ops::div(&cur, &v),
                    AssignOp::Rem => ops::rem(&cur, &v),
                    AssignOp::Assign => Ok(v),
                };
                r.map_err(|m| rt_err(m, target))?
            }
        };
        self.assign_to(target, new.clone())?;
        Ok(new)
    }

    /// Stores a value into an assignable expression: variable, `[type]$var`, member, index, or
    /// a list of variables (`$a, $b = 1, 2`).
    pub fn assign_to(&mut self, target: &Expr, v: Value) -> Result<(), Flow> {
        match &target.kind {
            ExprKind::Var(name) => {
                self.set_var(name, v);
                Ok(())
            }
            ExprKind::Cast { ty, expr } => {
                let c = convert::cast(&v, ty).map_err(|m| rt_err(m, target))?;
                self.assign_to(expr, c)
            }
            ExprKind::Member {
                target: t,
                name,
                is_static: false,
            } => {
                let name = self.member_name(name)?;
                let obj = self.eval(t)?;
                match &obj {
                    Value::Hashtable(h) => h.borrow_mut().insert(&name, v),
                    Value::Record(r) => {
                        let mut r = r.borrow_mut();
                        if r.props.contains_key(&name) || r.info.is_none() {
                            r.props.insert(&name, v);
                        } else {
                            return Err(rt_err(
                                format!(
                                    "The property '{name}' cannot be found on this object. Verify that the property exists and can be set."
                                ),
                                target,
                            ));
                        }
                    }
                    _ => {
                        return Err(rt_err(
                            format!(
                                "The property '{name}' cannot be found on this object. Verify that the property exists and can be set."
                            ),
                            target,
                        ));
                    }
                }
                Ok(())
            }
            ExprKind::Index { target: t, index } => {
                let obj = self.eval(t)?;
                let idx = self.eval(index)?;
                match &obj {
                    Value::Array(a) => {
                        let i = convert::to_int(&idx).map_err(|m| rt_err(m, target))?;
                        let mut a = a.borrow_mut();
                        let n = a.len() as i64;
                        let j = if i < 0 { i + n } else { i };
                        if j < 0 || j >= n {
                            return Err(rt_err(
                                "Index was outside the bounds of the array.",
                                target,
                            ));
                        }
                        a[j as usize] = v;
                    }
                    Value::Hashtable(h) => h.borrow_mut().insert(&convert::to_string(&idx), v),
                    Value::Record(r) => r.borrow_mut().props.insert(&convert::to_string(&idx), v),
                    Value::Null => return Err(rt_err("Cannot index into a null array.", target)),
                    _ => {
                        return Err(rt_err(
                            format!(
                                "Unable to index into an object of type {}.",
                                obj.type_name()
                            ),
                            target,
                        ));
                    }
                }
                Ok(())
            }
            ExprKind::Array(items) => {
                let vals = match v {
                    Value::Array(a) => a.borrow().clone(),
                    other => vec![other],
                };
                for (i, t) in items.iter().enumerate() {
                    let val = if i + 1 == items.len() && vals.len() > items.len() {
                        Value::array(vals[i..].to_vec())
                    } else {
                        vals.get(i).cloned().unwrap_or(Value::Null)
                    };
                    self.assign_to(t, val)?;
                }
                Ok(())
            }
            ExprKind::Paren(stmt) => match &stmt.kind {
                crate::lang::ast::StmtKind::Pipeline(p) if p.elements.len() == 1 => {
                    match &p.elements[0] {
                        crate::lang::ast::PipelineElement::Expr(inner) => self.assign_to(inner, v),
                        _ => Err(rt_err("The assignment expression is not valid.", target)),
                    }
                }
                _ => Err(rt_err("The assignment expression is not valid.", target)),
            },
            _ => Err(rt_err(
                "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.",
                target,
            )),
        }
    }

    fn call_method(
        &mut self,
        v: &Value,
        name: &str,
        args: Vec<Value>,
        e: &Expr,
    ) -> Result<Value, Flow> {
        let lname = name.to_ascii_lowercase();
        match (v, lname.as_str()) {
            (Value::ScriptBlock(sb), "invoke" | "invokereturnasis") => {
                let sb = sb.clone();
                return self.call_block(&sb, args).map(collapse);
            }
            (Value::Record(r), "shouldprocess" | "shouldcontinue")
                if r.borrow().is_type("PSScriptCmdlet") =>
            {
                // `$PSCmdlet.ShouldProcess(target[, action])` in an advanced function.
                let target = args.first().map(convert::to_string).unwrap_or_default();
                let action = match args.get(1) {
                    Some(a) => convert::to_string(a),
                    None => self.ctx.last().map(|c| c.name.clone()).unwrap_or_default(),
                };
                return self.should_process(&target, &action).map(Value::Bool);
            }
            (Value::Array(a), "foreach") => {
                let items = a.borrow().clone();
                let mut out: Vec<Value> = Vec::new();
                match args.first() {
                    Some(Value::ScriptBlock(sb)) => {
                        let sb = sb.clone();
                        for x in items {
                            self.invoke_block(&sb, Some(x), Vec::new(), &mut out)?;
                        }
                    }
                    Some(other) => {
                        let prop = convert::to_string(other);
                        for x in items {
                            out.extend(methods::member(&x, &prop).enumerate());
                        }
                    }
                    None => return Err(rt_err("ForEach() needs a script block.", e)),
                }
                return Ok(Value::array(out));
            }
            (Value::Array(a), "where") => {
                let items = a.borrow().clone();
                let Some(Value::ScriptBlock(sb)) = args.first() else {
                    return Err(rt_err("Where() needs a script block.", e));
                };
                let sb = sb.clone();
                let first_only = args
                    .get(1)
                    .map(convert::to_string)
                    .is_some_and(|m| m.eq_ignore_ascii_case("first"));
                let mut out = Vec::new();
                for x in items {
                    let mut r: Vec<Value> = Vec::new();
                    self.invoke_block(&sb, Some(x.clone()), Vec::new(), &mut r)?;
                    if convert::to_bool(&collapse(r)) {
                        out.push(x);
                        if first_only {
                            break;
                        }
                    }
                }
                return Ok(Value::array(out));
            }
            _ => {}
        }
        methods::call(v, name, &args).map_err(|m| {
            if m.starts_with("Method invocation failed")
                || m.starts_with("You cannot call a method")
            {
                rt_err(m, e)
            } else {
                let n = args.len();
                rt_err(
                    format!("Exception calling \"{name}\" with \"{n}\" argument(s): \"{m}\""),
                    e,
                )
            }
        })
    }
}

fn type_arg(b: &Value) -> String {
    match b {
        Value::Type(t) => t.to_string(),
        other => convert::to_string(other),
    }
}

/// `target[index]`: arrays (negative from the end, out of range `$null`, several indexes),
/// strings (characters), hashtables and records (by key).
pub fn index_value(t: &Value, i: &Value) -> Result<Value, String> {
    if let Value::Array(idx) = i {
        if let Value::Hashtable(_) | Value::Record(_) = t {
            let mut out = Vec::new();
            for k in idx.borrow().iter() {
                out.push(index_value(t, k)?);
            }
            return Ok(Value::array(out));
        }
        let mut out = Vec::new();
        for k in idx.borrow().iter() {
            let v = index_value(t, k)?;
            if !v.is_null() {
                out.push(v);
            }
        }
        return Ok(Value::array(out));
    }
    match t {
        Value::Null => Err("Cannot index into a null array.".into()),
        Value::Array(a) => {
            let a = a.borrow();
            let n = a.len() as i64;
            let k = convert::to_int(i)?;
            let j = if k < 0 { k + n } else { k };
            Ok(if j < 0 || j >= n {
                Value::Null
            } else {
                a[j as usize].clone()
            })
        }
        Value::Str(s) => {
            let k = convert::to_int(i)?;
            let n = s.chars().count() as i64;
            let j = if k < 0 { k + n } else { k };
            Ok(if j < 0 || j >= n {
                Value::Null
            } else {
                s.chars()
                    .nth(j as usize)
                    .map(|c| Value::from(c.to_string()))
                    .unwrap_or_default()
            })
        }
        Value::Hashtable(h) => Ok(h
            .borrow()
            .get(&convert::to_string(i))
            .cloned()
            .unwrap_or(Value::Null)),
        Value::Record(r) => Ok(r
            .borrow()
            .props
            .get(&convert::to_string(i))
            .cloned()
            .unwrap_or(Value::Null)),
        other => {
            let k = convert::to_int(i)?;
            Ok(if k == 0 || k == -1 {
                other.clone()
            } else {
                Value::Null
            })
        }
    }
}

/// Builds a `pscustomobject` record from pairs (used by methods and tests).
pub fn custom_record(pairs: Vec<(&str, Value)>) -> Value {
    Value::record(RecordData::custom(convert::props(pairs)))
}
