//! Parser: string literals — single-quoted, expandable (with `$name` and `$( … )`), and
//! here-strings.

use super::*;

impl Parser<'_> {
    // ---- strings -----------------------------------------------------------------------------

    pub(super) fn single_quoted(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.pos += 1;
        let mut value = String::new();
        loop {
            match char_at(self.src, self.pos) {
                None => {
                    return Err(self.error_unclosed(
                        "the string is missing its terminator '''",
                        s,
                        1,
                    ));
                }
                Some('\'') if self.peek_at(1) == b'\'' => {
                    value.push('\'');
                    self.pos += 2;
                }
                Some('\'') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        Ok(Expr {
            kind: ExprKind::Str { value, bare: false },
            span: self.span_from(s),
        })
    }

    pub(super) fn double_quoted(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.pos += 1;
        let parts = self.expandable_parts(s, false)?;
        Ok(Expr {
            kind: parts_to_kind(parts),
            span: self.span_from(s),
        })
    }

    /// Parts of an expandable string up to its closing `"` (or, for a here-string body, to the
    /// end of this parser's text).
    pub(super) fn expandable_parts(&mut self, open: usize, here: bool) -> PResult<Vec<StrPart>> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        loop {
            let Some(c) = char_at(self.src, self.pos) else {
                if here {
                    break;
                }
                return Err(self.error_unclosed(
                    "the string is missing its terminator '\"'",
                    open,
                    1,
                ));
            };
            match c {
                '"' if !here && self.peek_at(1) == b'"' => {
                    lit.push('"');
                    self.pos += 2;
                }
                '"' if !here => {
                    self.pos += 1;
                    break;
                }
                '`' => match char_at(self.src, self.pos + 1) {
                    Some('u') if self.peek_at(2) == b'{' => {
                        let hs = self.pos + 3;
                        let he = self.src[hs..].find('}').map(|i| hs + i);
                        let ch = he
                            .and_then(|he| u32::from_str_radix(&self.src[hs..he], 16).ok())
                            .and_then(char::from_u32);
                        match (ch, he) {
                            (Some(ch), Some(he)) => {
                                lit.push(ch);
                                self.pos = he + 1;
                            }
                            _ => {
                                return Err(self.error(
                                    "invalid unicode escape sequence",
                                    self.pos,
                                    self.pos + 2,
                                ));
                            }
                        }
                    }
                    Some(n) => {
                        lit.push(escape_char(n));
                        self.pos += 1 + n.len_utf8();
                    }
                    None => {
                        self.pos += 1;
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
                _ => {
                    lit.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        if !lit.is_empty() {
            parts.push(StrPart::Lit(lit));
        }
        Ok(parts)
    }

    /// `$name`, `${name}` or `$( … )` inside a string or bare word; `None` for a literal `$`.
    pub(super) fn string_dollar(&mut self) -> PResult<Option<StrPart>> {
        let s = self.pos;
        if self.peek_at(1) == b'(' {
            self.pos += 2;
            let block = self.nested(|p| p.statements(Some(b')')))?;
            self.close_sub(s, "$(")?;
            return Ok(Some(StrPart::Sub(block)));
        }
        match scan_var_name(self.src, s + 1) {
            VarScan::Name(name, end) => {
                self.pos = end;
                Ok(Some(StrPart::Var(name)))
            }
            VarScan::Unterminated => {
                self.pos = self.b.len();
                Err(self.error_unclosed("missing closing '}' in the variable name", s, 2))
            }
            VarScan::NotAVar => Ok(None),
        }
    }

    pub(super) fn here_string(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let quote = self.peek_at(1);
        self.pos += 2;
        while is_space(self.peek()) {
            self.pos += 1;
        }
        if self.eof() {
            return Err(self.error_unclosed("the here-string is missing its terminator", s, 2));
        }
        if self.peek() != b'\n' {
            return Err(self.error_here(
                "no characters are allowed after the here-string header '@' on the same line",
            ));
        }
        let header_nl = self.pos;
        let content_start = header_nl + 1;
        let marker = [b'\n', quote, b'@'];
        let found = self.b[header_nl..]
            .windows(3)
            .position(|w| w == marker)
            .map(|i| header_nl + i);
        let Some(close) = found else {
            let q = quote as char;
            let indented = self.src[header_nl..].lines().skip(1).find(|l| {
                let t = l.trim_start_matches([' ', '\t']);
                t.len() < l.len() && t.starts_with(&format!("{q}@"))
            });
            if indented.is_some() {
                let mut e = self.error(
                    format!("the here-string is missing its terminator '{q}@'"),
                    s,
                    s + 2,
                );
                e.hint = Some(format!("the closing '{q}@' must be at the start of a line"));
                return Err(e);
            }
            self.pos = self.b.len();
            return Err(self.error_unclosed(
                format!("the here-string is missing its terminator '{q}@'"),
                s,
                2,
            ));
        };
        let mut content_end = close.max(content_start);
        if content_end > content_start && at(self.b, content_end - 1) == b'\r' {
            content_end -= 1;
        }
        let kind = if quote == b'\'' {
            ExprKind::Str {
                value: self.src[content_start..content_end].to_string(),
                bare: false,
            }
        } else {
            let mut sub = Parser {
                src: &self.src[..content_end],
                b: &self.b[..content_end],
                full_len: self.full_len,
                pos: content_start,
                depth: self.depth,
                stack_base: self.stack_base,
                lines: self.lines.clone(),
                source: self.source.clone(),
                pending: None,
            };
            let parts = sub.expandable_parts(s, true)?;
            if let Some(e) = sub.pending {
                return Err(e);
            }
            parts_to_kind(parts)
        };
        self.pos = close + 3;
        Ok(Expr {
            kind,
            span: self.span_from(s),
        })
    }
}
