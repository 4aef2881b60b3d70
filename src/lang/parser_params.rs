//! Parser: `param( … )` lists and `[Attribute(…)]` declarations on parameters.

use super::*;

impl Parser<'_> {
    // ---- parameters and attributes -----------------------------------------------------------

    /// `( decl, decl … )` at the current position.
    pub(super) fn param_list(&mut self, what: &str) -> PResult<Vec<ParamDecl>> {
        if self.peek() != b'(' {
            return Err(self.error_here(format!("missing '(' after '{what}'")));
        }
        let open = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            self.skip_ws_nl();
            if self.peek() == b')' {
                self.pos += 1;
                break;
            }
            if self.eof() {
                return Err(self.error_unclosed(
                    "missing closing ')' in the parameter list",
                    open,
                    1,
                ));
            }
            out.push(self.param_decl()?);
            self.skip_ws_nl();
            match self.peek() {
                b',' => self.pos += 1,
                b')' => {}
                _ if self.eof() => {
                    return Err(self.error_unclosed(
                        "missing closing ')' in the parameter list",
                        open,
                        1,
                    ));
                }
                _ => return Err(self.error_here("missing ',' or ')' in the parameter list")),
            }
        }
        Ok(out)
    }

    pub(super) fn param_decl(&mut self) -> PResult<ParamDecl> {
        let start = self.pos;
        let mut ty = None;
        let mut attrs = ParamAttrs::default();
        while self.peek() == b'[' {
            let a = self.attribute()?;
            apply_attribute(&mut attrs, &mut ty, a);
            self.skip_ws_nl();
        }
        if self.peek() != b'$' {
            return Err(self.error_here("missing parameter variable name"));
        }
        let name = match scan_var_name(self.src, self.pos + 1) {
            VarScan::Name(n, end) => {
                self.pos = end;
                n
            }
            _ => return Err(self.error_here("missing parameter variable name")),
        };
        let mut end = self.pos;
        self.skip_ws();
        let mut default = None;
        if self.peek() == b'=' {
            self.pos += 1;
            self.skip_ws_nl();
            let e = self.binary(1, false)?;
            end = e.span.end;
            default = Some(e);
        }
        Ok(ParamDecl {
            name,
            ty,
            default,
            attrs,
            span: self.span_at(start, end),
        })
    }

    /// `[Name(args)]` or `[type]` at the current position (which is `[`).
    pub(super) fn attribute(&mut self) -> PResult<Attribute> {
        let open = self.pos;
        let s = self.pos + 1;
        let mut e = s;
        while ident_at(self.src, e) || at(self.b, e) == b'.' {
            e += 1;
        }
        if e > s && at(self.b, e) == b'(' {
            let name = self.src[s..e].to_string();
            self.pos = e + 1;
            let mut positional = Vec::new();
            let mut named = Vec::new();
            loop {
                self.skip_ws_nl();
                if self.peek() == b')' {
                    self.pos += 1;
                    break;
                }
                if self.eof() {
                    return Err(self.error_unclosed("missing closing ')' in the attribute", e, 1));
                }
                let ns = self.pos;
                let ne = ident_end(self.src, ns);
                let mut after = ne;
                while is_space(at(self.b, after)) {
                    after += 1;
                }
                if ne > ns && self.peek() != b'$' && matches!(at(self.b, after), b'=' | b',' | b')')
                {
                    let key = self.src[ns..ne].to_string();
                    self.pos = after;
                    if self.peek() == b'=' {
                        self.pos += 1;
                        self.skip_ws_nl();
                        let v = self.binary(1, false)?;
                        named.push((key, Some(v)));
                    } else {
                        named.push((key, None));
                    }
                } else {
                    positional.push(self.binary(1, false)?);
                }
                self.skip_ws_nl();
                match self.peek() {
                    b',' => self.pos += 1,
                    b')' => {}
                    _ => {
                        return Err(
                            self.error_here("missing ',' or ')' in the attribute arguments")
                        );
                    }
                }
            }
            self.skip_ws();
            if self.peek() != b']' {
                return Err(self.error_here("missing closing ']' after the attribute"));
            }
            self.pos += 1;
            return Ok(Attribute {
                name,
                positional,
                named,
            });
        }
        match scan_type_name(self.src, open) {
            Some((name, end)) => {
                self.pos = end;
                Ok(Attribute {
                    name,
                    positional: vec![],
                    named: vec![("\0type".into(), None)],
                })
            }
            None => {
                if !self.src[open..].contains(']') {
                    self.pos = self.b.len();
                    return Err(self.error_unclosed(
                        "missing closing ']' after the type name",
                        open,
                        1,
                    ));
                }
                Err(self.error("missing type name after '['", open, open + 1))
            }
        }
    }
}

fn expr_string(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Str { value, .. } => Some(value.clone()),
        ExprKind::Int(i) => Some(i.to_string()),
        _ => None,
    }
}

fn expr_truthy(e: &Option<Expr>) -> bool {
    match e.as_ref().map(|e| &e.kind) {
        None => true,
        Some(ExprKind::Var(v)) => !v.eq_ignore_ascii_case("false"),
        Some(ExprKind::Int(i)) => *i != 0,
        Some(_) => true,
    }
}

/// Folds a parsed attribute into a parameter's attributes (unknown ones are ignored).
fn apply_attribute(attrs: &mut ParamAttrs, ty: &mut Option<String>, a: Attribute) {
    if a.named.first().is_some_and(|(k, _)| k == "\0type") {
        *ty = Some(a.name);
        return;
    }
    match a.name.to_ascii_lowercase().as_str() {
        "parameter" => {
            for (k, v) in &a.named {
                match k.to_ascii_lowercase().as_str() {
                    "mandatory" => attrs.mandatory = expr_truthy(v),
                    "position" => {
                        if let Some(ExprKind::Int(i)) = v.as_ref().map(|e| &e.kind) {
                            attrs.position = u32::try_from(*i).ok();
                        }
                    }
                    "valuefrompipeline" => attrs.from_pipeline = expr_truthy(v),
                    "valuefrompipelinebypropertyname" => {
                        attrs.from_pipeline_by_name = expr_truthy(v)
                    }
                    "helpmessage" => attrs.help = v.as_ref().and_then(expr_string),
                    _ => {}
                }
            }
        }
        "alias" => attrs
            .aliases
            .extend(a.positional.iter().filter_map(expr_string)),
        "validateset" => attrs
            .validate_set
            .extend(a.positional.iter().filter_map(expr_string)),
        _ => {}
    }
}
