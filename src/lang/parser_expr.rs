//! Parser: expression mode — binary precedence climbing, unary operators, casts, postfix
//! member/index/method chains, and primaries (groups, sub-expressions, hashtables, blocks).

use super::*;

impl Parser<'_> {
    // ---- expressions -------------------------------------------------------------------------

    /// A full expression (comma arrays allowed).
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.binary(1, true)
    }

    /// Precedence climbing over the binary operators; operands are comma lists when `commas`.
    pub(super) fn binary(&mut self, min_prec: u8, commas: bool) -> PResult<Expr> {
        let mut left = if commas {
            self.comma_list()?
        } else {
            self.unary()?
        };
        loop {
            let save = self.pos;
            self.skip_ws();
            let Some((op, prec, len)) = self.peek_binop()? else {
                self.pos = save;
                break;
            };
            if prec < min_prec {
                self.pos = save;
                break;
            }
            let op_start = self.pos;
            self.pos += len;
            self.skip_ws_nl();
            if self.at_stmt_end() || matches!(self.peek(), b'|' | b',') {
                let text = &self.src[op_start..op_start + len];
                return Err(self.error_here(format!("missing expression after operator '{text}'")));
            }
            let right = self.nested(|p| p.binary(prec + 1, commas))?;
            let span = left.span.to(right.span);
            left = Expr {
                kind: ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                span,
            };
        }
        Ok(left)
    }

    /// The binary operator at the current position: (op, precedence, length in bytes).
    pub(super) fn peek_binop(&self) -> PResult<Option<(BinOp, u8, usize)>> {
        let n = self.peek_at(1);
        Ok(match self.peek() {
            b'+' if n != b'=' && n != b'+' => Some((BinOp::Add, 4, 1)),
            b'*' if n != b'=' => Some((BinOp::Mul, 5, 1)),
            b'/' if n != b'=' => Some((BinOp::Div, 5, 1)),
            b'%' if n != b'=' => Some((BinOp::Rem, 5, 1)),
            b'.' if n == b'.' => Some((BinOp::Range, 7, 2)),
            b'-' if n.is_ascii_alphabetic() => {
                let s = self.pos + 1;
                let mut e = s;
                while at(self.b, e).is_ascii_alphabetic() {
                    e += 1;
                }
                let word = self.src[s..e].to_ascii_lowercase();
                if ident_at(self.src, e) {
                    return Ok(None);
                }
                match binop(&word) {
                    Some((op, prec)) => Some((op, prec, e - self.pos)),
                    None if is_dash_operator(&word) && !matches!(word.as_str(), "not" | "bnot") => {
                        return Err(self.error(
                            format!("the operator '-{word}' is not supported by jirash"),
                            self.pos,
                            e,
                        ));
                    }
                    None => None,
                }
            }
            b'-' if n != b'=' && n != b'-' => Some((BinOp::Sub, 4, 1)),
            _ => None,
        })
    }

    /// `a, b, c` (operands are unary expressions).
    pub(super) fn comma_list(&mut self) -> PResult<Expr> {
        let first = self.unary()?;
        let save = self.pos;
        self.skip_ws();
        if self.peek() != b',' {
            self.pos = save;
            return Ok(first);
        }
        let start = first.span;
        let mut items = vec![first];
        while self.peek() == b',' {
            self.pos += 1;
            self.skip_ws_nl();
            if self.at_stmt_end() || matches!(self.peek(), b'|' | b',') {
                return Err(self.error_here("missing expression after ','"));
            }
            items.push(self.unary()?);
            let save = self.pos;
            self.skip_ws();
            if self.peek() != b',' {
                self.pos = save;
            }
        }
        let end = items.last().map_or(start, |e: &Expr| e.span);
        Ok(Expr {
            kind: ExprKind::Array(items),
            span: start.to(end),
        })
    }

    pub(super) fn unary(&mut self) -> PResult<Expr> {
        self.nested(|p| p.unary_inner())
    }

    pub(super) fn unary_operand(&mut self, s: usize, what: &str) -> PResult<Expr> {
        self.skip_ws();
        if self.at_stmt_end() || self.peek() == b'|' {
            return Err(
                self.error_here(format!("missing expression after unary operator '{what}'"))
            );
        }
        let _ = s;
        self.unary()
    }

    pub(super) fn unary_inner(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let c = self.peek();
        let n = self.peek_at(1);
        let mk = |p: &Self, op: UnaryOp, e: Expr| Expr {
            kind: ExprKind::Unary {
                op,
                expr: Box::new(e),
            },
            span: p.span_from(s),
        };
        match c {
            b'!' => {
                self.pos += 1;
                let e = self.unary_operand(s, "!")?;
                Ok(mk(self, UnaryOp::Not, e))
            }
            b',' => {
                self.pos += 1;
                let e = self.unary_operand(s, ",")?;
                Ok(mk(self, UnaryOp::Comma, e))
            }
            b'+' | b'-' if n == c => {
                self.pos += 2;
                let e = self.unary_operand(s, if c == b'+' { "++" } else { "--" })?;
                Ok(Expr {
                    kind: ExprKind::IncDec {
                        target: Box::new(e),
                        increment: c == b'+',
                        prefix: true,
                    },
                    span: self.span_from(s),
                })
            }
            b'-' if n.is_ascii_alphabetic() => {
                let mut e = self.pos + 1;
                while at(self.b, e).is_ascii_alphabetic() {
                    e += 1;
                }
                let word = self.src[self.pos + 1..e].to_ascii_lowercase();
                let op = match word.as_str() {
                    "not" => UnaryOp::Not,
                    "bnot" => UnaryOp::BNot,
                    "join" => UnaryOp::Join,
                    "split" | "isplit" | "csplit" => UnaryOp::Split,
                    _ => return Err(self.unexpected()),
                };
                if ident_at(self.src, e) {
                    return Err(self.unexpected());
                }
                self.pos = e;
                let operand = self.unary_operand(s, &format!("-{word}"))?;
                Ok(mk(self, op, operand))
            }
            b'-' | b'+' => {
                self.pos += 1;
                let e = self.unary_operand(s, if c == b'-' { "-" } else { "+" })?;
                if c == b'-' {
                    match e.kind {
                        ExprKind::Int(i) if i != i64::MIN => {
                            return Ok(Expr {
                                kind: ExprKind::Int(-i),
                                span: self.span_from(s),
                            });
                        }
                        ExprKind::Double(d) => {
                            return Ok(Expr {
                                kind: ExprKind::Double(-d),
                                span: self.span_from(s),
                            });
                        }
                        _ => {}
                    }
                }
                Ok(mk(
                    self,
                    if c == b'-' {
                        UnaryOp::Neg
                    } else {
                        UnaryOp::Plus
                    },
                    e,
                ))
            }
            b'[' => self.type_expr(false),
            _ => self.postfix_primary(),
        }
    }

    /// `[type]` literal, `[type]::Member`, or a cast `[type] operand`. In command mode the
    /// operand must follow without a space.
    pub(super) fn type_expr(&mut self, cmd_mode: bool) -> PResult<Expr> {
        let s = self.pos;
        let Some((ty, end)) = scan_type_name(self.src, self.pos) else {
            if !self.src[s..].contains(']') {
                self.pos = self.b.len();
                return Err(self.error_unclosed("missing closing ']' after the type name", s, 1));
            }
            return Err(self.error("missing type name after '['", s, s + 1));
        };
        self.pos = end;
        if self.peek() == b':' && self.peek_at(1) == b':' {
            let lit = Expr {
                kind: ExprKind::TypeLit(ty),
                span: self.span_from(s),
            };
            return self.postfix(lit);
        }
        let save = self.pos;
        if !cmd_mode {
            while is_space(self.peek()) {
                self.pos += 1;
            }
        }
        let c = self.peek();
        let n = self.peek_at(1);
        let operand = matches!(c, b'$' | b'(' | b'@' | b'\'' | b'"' | b'[' | b'0'..=b'9')
            || (c == b'.' && n.is_ascii_digit())
            || (matches!(c, b'-' | b'+') && (n.is_ascii_digit() || n == b'$' || n == b'('));
        if operand {
            let e = self.unary()?;
            return Ok(Expr {
                kind: ExprKind::Cast {
                    ty,
                    expr: Box::new(e),
                },
                span: self.span_from(s),
            });
        }
        self.pos = save;
        let lit = Expr {
            kind: ExprKind::TypeLit(ty),
            span: self.span_from(s),
        };
        self.postfix(lit)
    }

    pub(super) fn postfix_primary(&mut self) -> PResult<Expr> {
        let e = self.primary()?;
        self.postfix(e)
    }

    /// Member access, static members, method calls, indexing and `++`/`--`, all without spaces.
    pub(super) fn postfix(&mut self, mut e: Expr) -> PResult<Expr> {
        loop {
            let s = e.span;
            let c = self.peek();
            let n = self.peek_at(1);
            let is_static = c == b':' && n == b':';
            if (c == b'.' && n != b'.') || is_static {
                let dot = self.pos;
                self.pos += if is_static { 2 } else { 1 };
                let ns = self.pos;
                let name_expr = match self.peek() {
                    b'$' => self.variable()?,
                    b'\'' => self.single_quoted()?,
                    b'"' => self.double_quoted()?,
                    b'(' => self.paren()?,
                    _ if ident_at(self.src, ns) => {
                        let ne = ident_end(self.src, ns);
                        let name = self.src[ns..ne].to_string();
                        self.pos = ne;
                        if self.peek() == b'(' {
                            let args = self.method_args()?;
                            let span = s.to(self.span_from(dot));
                            e = Expr {
                                kind: ExprKind::MethodCall {
                                    target: Box::new(e),
                                    name,
                                    args,
                                    is_static,
                                },
                                span,
                            };
                            continue;
                        }
                        Expr {
                            kind: ExprKind::Str {
                                value: name,
                                bare: true,
                            },
                            span: self.span_from(ns),
                        }
                    }
                    _ => {
                        if c == b'.' {
                            // `$x.` followed by something else: not a member access.
                            self.pos = dot;
                            break;
                        }
                        return Err(self.error_here("missing member name after '::'"));
                    }
                };
                let span = s.to(self.span_from(dot));
                e = Expr {
                    kind: ExprKind::Member {
                        target: Box::new(e),
                        name: Box::new(name_expr),
                        is_static,
                    },
                    span,
                };
            } else if c == b'[' && !matches!(e.kind, ExprKind::TypeLit(_)) {
                let open = self.pos;
                self.pos += 1;
                self.skip_ws_nl();
                if self.peek() == b']' {
                    return Err(self.error_here("missing index expression inside '[ ]'"));
                }
                let idx = self.nested(|p| p.expression())?;
                self.skip_ws_nl();
                if self.peek() != b']' {
                    if self.eof() {
                        return Err(self.error_unclosed(
                            "missing closing ']' after the index",
                            open,
                            1,
                        ));
                    }
                    return Err(self.error_here("missing closing ']' after the index"));
                }
                self.pos += 1;
                let span = s.to(self.span_from(open));
                e = Expr {
                    kind: ExprKind::Index {
                        target: Box::new(e),
                        index: Box::new(idx),
                    },
                    span,
                };
            } else if (c == b'+' || c == b'-')
                && n == c
                && matches!(
                    e.kind,
                    ExprKind::Var(_) | ExprKind::Member { .. } | ExprKind::Index { .. }
                )
                && !matches!(self.peek_at(2), b'$' | b'(' | b'0'..=b'9')
            {
                self.pos += 2;
                let span = s.to(self.span_from(self.pos - 2));
                e = Expr {
                    kind: ExprKind::IncDec {
                        target: Box::new(e),
                        increment: c == b'+',
                        prefix: false,
                    },
                    span,
                };
            } else {
                break;
            }
        }
        Ok(e)
    }

    /// `( arg, arg … )` of a method call, at `(`.
    pub(super) fn method_args(&mut self) -> PResult<Vec<Expr>> {
        let open = self.pos;
        self.pos += 1;
        let mut args = Vec::new();
        self.skip_ws_nl();
        if self.peek() == b')' {
            self.pos += 1;
            return Ok(args);
        }
        loop {
            self.skip_ws_nl();
            if self.eof() {
                return Err(self.error_unclosed(
                    "missing closing ')' after the method arguments",
                    open,
                    1,
                ));
            }
            args.push(self.nested(|p| p.binary(1, false))?);
            self.skip_ws_nl();
            match self.peek() {
                b',' => {
                    self.pos += 1;
                    self.skip_ws_nl();
                    if self.peek() == b')' {
                        return Err(self.error_here("missing argument after ','"));
                    }
                }
                b')' => {
                    self.pos += 1;
                    return Ok(args);
                }
                _ if self.eof() => {
                    return Err(self.error_unclosed(
                        "missing closing ')' after the method arguments",
                        open,
                        1,
                    ));
                }
                _ => return Err(self.error_here("missing ',' or ')' in the method arguments")),
            }
        }
    }

    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let c = self.peek();
        let n = self.peek_at(1);
        match c {
            b'$' if n == b'(' => {
                self.pos += 2;
                let block = self.nested(|p| p.statements(Some(b')')))?;
                self.close_sub(s, "$(")?;
                Ok(Expr {
                    kind: ExprKind::SubExpr(block),
                    span: self.span_from(s),
                })
            }
            b'$' => self.variable(),
            b'@' if n == b'(' => {
                self.pos += 2;
                let block = self.nested(|p| p.statements(Some(b')')))?;
                self.close_sub(s, "@(")?;
                Ok(Expr {
                    kind: ExprKind::ArraySub(block),
                    span: self.span_from(s),
                })
            }
            b'@' if n == b'{' => self.hashtable(),
            b'@' if n == b'\'' || n == b'"' => self.here_string(),
            b'(' => self.paren(),
            b'\'' => self.single_quoted(),
            b'"' => self.double_quoted(),
            b'{' => {
                let sb = self.script_block()?;
                let span = sb.span;
                Ok(Expr {
                    kind: ExprKind::ScriptBlock(sb),
                    span,
                })
            }
            b'0'..=b'9' | b'.' => match scan_number(self.b, self.pos) {
                Some((v, end)) if !ident_at(self.src, end) => {
                    self.pos = end;
                    Ok(self.number_expr(v, false, s))
                }
                _ => Err(self.unexpected()),
            },
            _ if self.at_stmt_end() => Err(self.error_here("missing expression")),
            _ => Err(self.unexpected()),
        }
    }

    pub(super) fn close_sub(&mut self, open: usize, what: &str) -> PResult<()> {
        if self.peek() == b')' {
            self.pos += 1;
            return Ok(());
        }
        let line = self.span_at(open, open).line;
        Err(self.error_unclosed(
            format!("missing closing ')' for the '{what}' opened at line {line}"),
            open,
            2,
        ))
    }

    pub(super) fn variable(&mut self) -> PResult<Expr> {
        let s = self.pos;
        match scan_var_name(self.src, self.pos + 1) {
            VarScan::Name(name, end) => {
                self.pos = end;
                Ok(Expr {
                    kind: ExprKind::Var(name),
                    span: self.span_from(s),
                })
            }
            VarScan::Unterminated => {
                self.pos = self.b.len();
                Err(self.error_unclosed("missing closing '}' in the variable name", s, 2))
            }
            VarScan::NotAVar => Err(self.error("missing variable name after '$'", s, s + 1)),
        }
    }

    pub(super) fn paren(&mut self) -> PResult<Expr> {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws_nl();
        if self.peek() == b')' {
            return Err(self.error_here("missing expression inside '( )'"));
        }
        if self.eof() {
            return Err(self.error_unclosed("missing closing ')' after expression", open, 1));
        }
        let stmt = self.statement()?;
        self.skip_ws_nl();
        self.close_paren(open)?;
        Ok(Expr {
            kind: ExprKind::Paren(Box::new(stmt)),
            span: self.span_from(open),
        })
    }

    pub(super) fn hashtable(&mut self) -> PResult<Expr> {
        let open = self.pos;
        self.pos += 2;
        let mut entries = Vec::new();
        while !self.closed_item_list(open, 2, "hashtable")? {
            let ks = self.pos;
            let key = match self.peek() {
                b'\'' | b'"' | b'$' | b'(' | b'0'..=b'9' | b'@' | b'[' => self.unary()?,
                _ => {
                    while let Some(ch) = char_at(self.src, self.pos) {
                        if ch.is_whitespace()
                            || matches!(ch, '=' | ';' | '}' | '{' | '(' | ')' | '#')
                        {
                            break;
                        }
                        self.pos += ch.len_utf8();
                    }
                    if self.pos == ks {
                        return Err(self.unexpected());
                    }
                    let value = self.src[ks..self.pos].to_string();
                    Expr {
                        kind: ExprKind::Str { value, bare: true },
                        span: self.span_from(ks),
                    }
                }
            };
            let key_text = self.src[ks..self.pos].to_string();
            self.skip_ws();
            if self.peek() != b'=' {
                return Err(self.error_here(format!(
                    "missing '=' or value after key '{key_text}' in hashtable literal"
                )));
            }
            self.pos += 1;
            self.skip_ws_nl();
            if self.at_stmt_end() {
                return Err(self.error_here(format!(
                    "missing value after '=' for key '{key_text}' in hashtable literal"
                )));
            }
            let value = self.statement()?;
            entries.push((key, value));
            self.skip_ws();
            if !(self.eof() || matches!(self.peek(), b'\n' | b';' | b'}')) {
                return Err(self.unexpected());
            }
        }
        Ok(Expr {
            kind: ExprKind::Hashtable(entries),
            span: self.span_from(open),
        })
    }

    pub(super) fn script_block(&mut self) -> PResult<Rc<ScriptBlockDef>> {
        let open = self.pos;
        self.pos += 1;
        let c = self.nested(|p| p.block_contents(Some(b'}'), true))?;
        self.skip_ws_nl();
        self.close_brace(open)?;
        Ok(Rc::new(ScriptBlockDef {
            params: c.params,
            cmdlet_binding: c.cmdlet_binding,
            should_process: c.should_process,
            begin: c.begin,
            process: c.process,
            end: c.end,
            span: self.span_from(open),
            source: self.source.clone(),
        }))
    }
}
