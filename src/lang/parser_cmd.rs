//! Parser: pipelines, commands in command mode (arguments, parameters, splats, bare words)
//! and redirections.

use super::*;

impl Parser<'_> {
    // ---- pipelines and commands --------------------------------------------------------------

    pub(super) fn pipeline(&mut self) -> PResult<Pipeline> {
        let start = self.pos;
        let mut elements = vec![self.pipeline_element(true)?];
        let mut redirections = Vec::new();
        loop {
            self.redirections(&mut redirections)?;
            let save = self.pos;
            self.skip_ws();
            if self.peek() == b'\n' {
                // PowerShell 7.2+: a line that starts with `|` continues the pipeline.
                self.skip_ws_nl();
                if !(self.peek() == b'|' && self.peek_at(1) != b'|') {
                    self.pos = save;
                    break;
                }
            }
            if self.peek() == b'|' && self.peek_at(1) != b'|' {
                self.pos += 1;
                self.skip_ws_nl();
                if self.eof() {
                    return Err(self.error_here("missing command after '|'"));
                }
                if self.at_stmt_end() || self.peek() == b'|' {
                    return Err(self.error_here("an empty pipe element is not allowed"));
                }
                elements.push(self.pipeline_element(false)?);
            } else {
                self.pos = save;
                break;
            }
        }
        Ok(Pipeline {
            elements,
            redirections,
            span: self.span_from(start),
        })
    }

    pub(super) fn pipeline_element(&mut self, first: bool) -> PResult<PipelineElement> {
        if self.command_start() {
            return Ok(PipelineElement::Command(self.command()?));
        }
        if !first {
            let s = self.pos;
            let e = self.expression()?;
            return Err(self.error(
                "expressions are only allowed as the first element of a pipeline",
                s,
                e.span.end,
            ));
        }
        if self.at_stmt_end() || self.peek() == b'|' {
            return Err(self.unexpected());
        }
        Ok(PipelineElement::Expr(self.expression()?))
    }

    /// Does a command (rather than an expression) start here?
    pub(super) fn command_start(&self) -> bool {
        if self.eof() {
            return false;
        }
        let c = self.peek();
        match c {
            b'&' => self.peek_at(1) != b'&',
            b'.' => {
                let n = self.peek_at(1);
                !n.is_ascii_digit()
            }
            b'$' | b'(' | b'@' | b'\'' | b'"' | b'[' | b'{' | b'-' | b'+' | b'!' | b',' => false,
            b'\n' | b';' | b')' | b'}' | b'|' => false,
            // `7z a` is a command; `1..10`, `5 + 1` and `0x10` are expressions.
            b'0'..=b'9' => match scan_number(self.b, self.pos) {
                Some((_, end)) => ident_at(self.src, end),
                None => true,
            },
            _ => true,
        }
    }

    /// Whether a command-mode token may end at `i`.
    pub(super) fn arg_boundary(&self, i: usize) -> bool {
        i >= self.b.len() || is_cmd_delim(at(self.b, i))
    }

    pub(super) fn command(&mut self) -> PResult<Command> {
        let start = self.pos;
        let (invoke, name) = match self.peek() {
            b'&' | b'.' if self.peek() == b'&' || self.dot_invoke() => {
                let invoke = if self.peek() == b'&' {
                    InvokeKind::Call
                } else {
                    InvokeKind::Dot
                };
                let op = self.peek() as char;
                self.pos += 1;
                self.skip_ws();
                if self.at_stmt_end() || self.peek() == b'|' {
                    return Err(self.error_here(format!("missing command after '{op}'")));
                }
                let name = match self.peek() {
                    b'$' | b'\'' | b'"' | b'{' | b'(' | b'@' => {
                        CommandName::Expr(Box::new(self.arg_value()?))
                    }
                    _ => {
                        let (n, sp) = self.command_word()?;
                        CommandName::Bare(n, sp)
                    }
                };
                (invoke, name)
            }
            _ => {
                let (n, sp) = self.command_word()?;
                (InvokeKind::Plain, CommandName::Bare(n, sp))
            }
        };
        let mut args = Vec::new();
        let mut end = self.pos;
        loop {
            self.skip_ws();
            let c = self.peek();
            if self.eof()
                || matches!(c, b'\n' | b';' | b'|' | b')' | b'}' | b'&')
                || self.redirection_ahead()
            {
                break;
            }
            let s = self.pos;
            if c == b'-' && self.peek_at(1) == b'-' && self.arg_boundary(self.pos + 2) {
                self.pos += 2;
                args.push(CommandArg::EndOfParams(self.span_from(s)));
            } else if c == b'-'
                && char_at(self.src, self.pos + 1)
                    .is_some_and(|ch| ch.is_alphabetic() || ch == '_' || ch == '?')
            {
                args.push(self.parameter()?);
            } else if c == b'@' && ident_at(self.src, self.pos + 1) {
                let e = ident_end(self.src, self.pos + 1);
                let name = self.src[self.pos + 1..e].to_string();
                self.pos = e;
                args.push(CommandArg::Splat(name, self.span_from(s)));
            } else if c == b',' {
                return Err(self.error_here("missing argument before ','"));
            } else {
                args.push(CommandArg::Value(self.arg_list()?));
            }
            end = self.pos;
        }
        self.pos = end;
        Ok(Command {
            name,
            args,
            invoke,
            span: self.span_at(start, end),
        })
    }

    /// `.` followed by something that names a command to dot-source.
    pub(super) fn dot_invoke(&self) -> bool {
        self.peek() == b'.' && {
            let n = self.peek_at(1);
            is_space(n) || matches!(n, b'{' | b'$' | b'\'' | b'"' | b'(')
        }
    }

    /// A bare command name word.
    pub(super) fn command_word(&mut self) -> PResult<(String, Span)> {
        let s = self.pos;
        let mut name = String::new();
        while let Some(c) = char_at(self.src, self.pos) {
            if c.is_ascii() && (is_cmd_delim(c as u8) || c == '\n') || c.is_whitespace() {
                break;
            }
            if c == '`' {
                match char_at(self.src, self.pos + 1) {
                    Some(n) if n != '\n' && n != '\r' => {
                        name.push(n);
                        self.pos += 1 + n.len_utf8();
                        continue;
                    }
                    _ => break,
                }
            }
            name.push(c);
            self.pos += c.len_utf8();
        }
        if name.is_empty() {
            return Err(self.unexpected());
        }
        Ok((name, self.span_from(s)))
    }

    pub(super) fn parameter(&mut self) -> PResult<CommandArg> {
        let s = self.pos;
        self.pos += 1;
        while let Some(c) = char_at(self.src, self.pos) {
            if c == ':' || c.is_whitespace() || (c.is_ascii() && is_cmd_delim(c as u8)) {
                break;
            }
            self.pos += c.len_utf8();
        }
        let name = self.src[s + 1..self.pos].to_string();
        let mut inline_value = None;
        if self.peek() == b':' {
            self.pos += 1;
            self.skip_ws();
            if self.at_stmt_end() || matches!(self.peek(), b'|' | b'&') {
                return Err(self.error_here(format!("missing value after parameter '-{name}:'")));
            }
            inline_value = Some(self.arg_list()?);
        }
        Ok(CommandArg::Param {
            name,
            inline_value,
            span: self.span_from(s),
        })
    }

    /// One argument value, with `a,b,c` collected into an array.
    pub(super) fn arg_list(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.arg_value()?;
        let save = self.pos;
        self.skip_ws();
        if self.peek() != b',' {
            self.pos = save;
            return Ok(first);
        }
        let mut items = vec![first];
        while self.peek() == b',' {
            self.pos += 1;
            self.skip_ws_nl();
            if self.at_stmt_end() || matches!(self.peek(), b'|' | b',' | b'&') {
                return Err(self.error_here("missing argument after ','"));
            }
            items.push(self.arg_value()?);
            let save = self.pos;
            self.skip_ws();
            if self.peek() != b',' {
                self.pos = save;
            }
        }
        Ok(Expr {
            kind: ExprKind::Array(items),
            span: self.span_from(s),
        })
    }

    /// One command-mode value: an expression primary (with postfix, no spaces), a number, or a
    /// bare word; a word glued to an expression (`$dir/file`) becomes an expandable string.
    pub(super) fn arg_value(&mut self) -> PResult<Expr> {
        self.nested(|p| p.arg_value_inner())
    }

    pub(super) fn arg_value_inner(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let c = self.peek();
        let n = self.peek_at(1);
        let is_expr = match c {
            b'$' => {
                n == b'('
                    || n == b'{'
                    || matches!(scan_var_name(self.src, self.pos + 1), VarScan::Name(..))
            }
            b'(' | b'\'' | b'"' | b'{' => true,
            b'@' => matches!(n, b'(' | b'{' | b'\'' | b'"'),
            b'[' => scan_type_name(self.src, self.pos).is_some(),
            _ => false,
        };
        if is_expr {
            let e = if c == b'[' {
                self.type_expr(true)?
            } else {
                self.postfix_primary()?
            };
            return self.glue_tail(s, e);
        }
        // Numbers: `5`, `0x10`, `1kb`, `-3`, `.5`.
        let (neg, ns) = if c == b'-' || c == b'+' {
            (c == b'-', self.pos + 1)
        } else {
            (false, self.pos)
        };
        if let Some((v, end)) = scan_number(self.b, ns)
            && self.arg_boundary(end)
        {
            self.pos = end;
            return Ok(self.number_expr(v, neg, s));
        }
        self.bare_word(s)
    }

    pub(super) fn number_expr(&self, v: NumLit, neg: bool, s: usize) -> Expr {
        let kind = match (v, neg) {
            (NumLit::Int(i), false) => ExprKind::Int(i),
            (NumLit::Int(i), true) => i
                .checked_neg()
                .map_or(ExprKind::Double(-(i as f64)), ExprKind::Int),
            (NumLit::Double(d), false) => ExprKind::Double(d),
            (NumLit::Double(d), true) => ExprKind::Double(-d),
        };
        Expr {
            kind,
            span: self.span_from(s),
        }
    }

    /// If text is glued to `e` without a space, the argument is `e` followed by that text.
    pub(super) fn glue_tail(&mut self, s: usize, e: Expr) -> PResult<Expr> {
        if self.arg_boundary(self.pos)
            || self.peek() == b'`' && matches!(self.peek_at(1), b'\n' | b'\r')
        {
            return Ok(e);
        }
        let tail = self.bare_word(self.pos)?;
        let mut parts = vec![StrPart::Sub(Block {
            span: e.span,
            stmts: vec![stmt_of(e)],
        })];
        match tail.kind {
            ExprKind::Str { value, .. } => parts.push(StrPart::Lit(value)),
            ExprKind::ExpandStr(mut p) => parts.append(&mut p),
            _ => {}
        }
        Ok(Expr {
            kind: ExprKind::ExpandStr(parts),
            span: self.span_from(s),
        })
    }

    /// A command-mode bare word; `$var` and `$( )` inside it expand.
    pub(super) fn bare_word(&mut self, s: usize) -> PResult<Expr> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        while let Some(c) = char_at(self.src, self.pos) {
            if c.is_whitespace() || (c.is_ascii() && is_cmd_delim(c as u8)) {
                break;
            }
            match c {
                '`' => match char_at(self.src, self.pos + 1) {
                    None => {
                        // Trailing backtick at end of input: skip_ws records the error.
                        self.skip_ws();
                        break;
                    }
                    Some('\n' | '\r') => break,
                    Some(n) => {
                        lit.push(escape_char(n));
                        self.pos += 1 + n.len_utf8();
                    }
                },
                '$' => {
                    if let Some(part) = self.string_dollar()? {
                        if !lit.is_empty() {
                            parts.push(StrPart::Lit(std::mem::take(&mut lit)));
                        }
                        parts.push(part);
                    } else {
                        lit.push('$');
                        self.pos += 1;
                    }
                }
                '\'' => {
                    let e = self.single_quoted()?;
                    if let ExprKind::Str { value, .. } = e.kind {
                        lit.push_str(&value);
                    }
                }
                '"' => {
                    let open = self.pos;
                    self.pos += 1;
                    for part in self.expandable_parts(open, false)? {
                        match part {
                            StrPart::Lit(t) => lit.push_str(&t),
                            other => {
                                if !lit.is_empty() {
                                    parts.push(StrPart::Lit(std::mem::take(&mut lit)));
                                }
                                parts.push(other);
                            }
                        }
                    }
                }
                _ => {
                    lit.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        if self.pos == s {
            return Err(self.unexpected());
        }
        let span = self.span_from(s);
        if parts.is_empty() {
            return Ok(Expr {
                kind: ExprKind::Str {
                    value: lit,
                    bare: true,
                },
                span,
            });
        }
        if !lit.is_empty() {
            parts.push(StrPart::Lit(lit));
        }
        Ok(Expr {
            kind: ExprKind::ExpandStr(parts),
            span,
        })
    }

    /// Is a redirection operator (`>`, `>>`, `2>`, `2>&1`, `*>`) at the current position?
    pub(super) fn redirection_ahead(&self) -> bool {
        let c = self.peek();
        c == b'>' || ((matches!(c, b'1'..=b'6') || c == b'*') && self.peek_at(1) == b'>')
    }

    pub(super) fn redirections(&mut self, out: &mut Vec<Redirection>) -> PResult<()> {
        loop {
            let save = self.pos;
            self.skip_ws();
            if !self.redirection_ahead() {
                self.pos = save;
                return Ok(());
            }
            let s = self.pos;
            let stream = match self.peek() {
                b'>' => 1,
                b'*' => {
                    self.pos += 1;
                    0
                }
                d => {
                    self.pos += 1;
                    d - b'0'
                }
            };
            self.pos += 1; // the '>'
            if self.peek() == b'&' && self.peek_at(1) == b'1' {
                self.pos += 2;
                out.push(Redirection {
                    stream,
                    target: RedirectTarget::MergeToOutput,
                    span: self.span_from(s),
                });
                continue;
            }
            let append = self.peek() == b'>';
            if append {
                self.pos += 1;
            }
            self.skip_ws();
            if self.at_stmt_end() || matches!(self.peek(), b'|' | b'&' | b'>') {
                return Err(self.error_here("missing file name after the redirection operator"));
            }
            let path = self.arg_value()?;
            out.push(Redirection {
                stream,
                target: RedirectTarget::File { path, append },
                span: self.span_from(s),
            });
        }
    }
}
