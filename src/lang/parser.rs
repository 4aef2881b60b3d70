//! The parser: source text → [`Script`]. A hand-written recursive-descent parser that reads the
//! source directly (PowerShell lexing depends on the mode — command vs expression — so there is
//! no separate token pass). It decides alone whether input is complete (`ParseError::incomplete`)
//! and never panics, loops, or recurses deeper than [`MAX_DEPTH`]. It runs nothing.
//! The grammar it implements is written down in `docs/GRAMMAR.md`.

use std::rc::Rc;

use crate::lang::ast::*;
use crate::lang::diag::ParseError;
use crate::lang::lexer::{
    KEYWORDS, NumLit, VarScan, at, char_at, escape_char, ident_at, ident_end, is_cmd_delim,
    is_dash_operator, is_space, scan_number, scan_type_name, scan_var_name,
};
use crate::lang::token::LineIndex;

/// Deepest nesting of statements and unary expressions before "nesting is too deep".
pub const MAX_DEPTH: usize = 256;

/// Most stack the parser may use, whatever the depth. Unoptimised builds use several times more
/// stack per level than release builds (about 30 KiB per nested `( )` against 5 KiB), so on a
/// 2 MiB thread a debug build stops at about 35 levels while a release build reaches
/// [`MAX_DEPTH`] first.
const STACK_BUDGET: usize = 1024 * 1024;

/// An address inside the current stack frame (no memory is read through it).
fn stack_addr() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Bytes of stack used since `base` was taken (stacks grow down on every supported target;
/// `abs_diff` keeps this correct either way).
fn stack_used(base: usize) -> usize {
    stack_addr().abs_diff(base)
}

type PResult<T> = Result<T, ParseError>;

/// Parses a whole script (a file, `-c` text, stdin, or one paste).
pub fn parse_script(src: &str) -> Result<Script, ParseError> {
    let source: Rc<str> = Rc::from(src);
    let lines = Rc::new(LineIndex::new(src));
    let mut p = Parser {
        src,
        b: src.as_bytes(),
        full_len: src.len(),
        pos: 0,
        depth: 0,
        stack_base: stack_addr(),
        lines,
        source: source.clone(),
        pending: None,
    };
    let result = p.script();
    if let Some(e) = p.pending.take() {
        // An unterminated block comment or a trailing backtick explains whatever else failed.
        return Err(e);
    }
    let (params, body) = result?;
    Ok(Script {
        params,
        body,
        source,
    })
}

/// Parser state over one source text (or a prefix of it, for here-string contents).
struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    /// Length of the whole source: an error at this offset is "unexpected end of input".
    full_len: usize,
    pos: usize,
    depth: usize,
    /// Stack address when parsing started (see [`STACK_BUDGET`]).
    stack_base: usize,
    lines: Rc<LineIndex>,
    source: Rc<str>,
    /// An error found while skipping whitespace (unterminated `<#`, backtick at end of input).
    pending: Option<ParseError>,
}

/// What a block body contains: `param()`, `[CmdletBinding()]`, and named or plain blocks.
struct BlockContents {
    params: Vec<ParamDecl>,
    cmdlet_binding: bool,
    begin: Option<Block>,
    process: Option<Block>,
    end: Option<Block>,
}

/// A parsed attribute `[Name(args)]`: positional args and named `Name = value` args.
struct Attribute {
    name: String,
    positional: Vec<Expr>,
    named: Vec<(String, Option<Expr>)>,
}

fn pipeline_of(e: Expr) -> Pipeline {
    let span = e.span;
    Pipeline {
        elements: vec![PipelineElement::Expr(e)],
        redirections: vec![],
        span,
    }
}

fn stmt_of(e: Expr) -> Stmt {
    let span = e.span;
    Stmt {
        kind: StmtKind::Pipeline(pipeline_of(e)),
        span,
    }
}

fn assignable(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Var(_) | ExprKind::Member { .. } | ExprKind::Index { .. } => true,
        ExprKind::Cast { expr, .. } => assignable(expr),
        ExprKind::Array(items) => items.iter().all(assignable),
        _ => false,
    }
}

/// The binary operator named `word` (lower case, no dash) and its precedence. A `c` or `i`
/// prefix (case-sensitive / insensitive) applies to the comparison family only, and the whole
/// word is tried first so that `contains` and `in` are not read as prefixed.
fn binop(word: &str) -> Option<(BinOp, u8)> {
    if let Some(found) = binop_base(word, false) {
        return Some(found);
    }
    match word.as_bytes().first() {
        Some(b'c') => binop_base(&word[1..], true).filter(|(_, prec)| *prec == 2),
        Some(b'i') => binop_base(&word[1..], false).filter(|(_, prec)| *prec == 2),
        _ => None,
    }
}

fn binop_base(base: &str, cs: bool) -> Option<(BinOp, u8)> {
    let cmp = |f: fn(bool) -> BinOp| Some((f(cs), 2));
    match base {
        "and" if !cs => Some((BinOp::And, 1)),
        "or" if !cs => Some((BinOp::Or, 1)),
        "xor" if !cs => Some((BinOp::Xor, 1)),
        "band" if !cs => Some((BinOp::BAnd, 3)),
        "bor" if !cs => Some((BinOp::BOr, 3)),
        "is" if !cs => Some((BinOp::Is, 2)),
        "isnot" if !cs => Some((BinOp::IsNot, 2)),
        "as" if !cs => Some((BinOp::As, 2)),
        "join" if !cs => Some((BinOp::Join, 2)),
        "f" if !cs => Some((BinOp::Format, 6)),
        "eq" => cmp(BinOp::Eq),
        "ne" => cmp(BinOp::Ne),
        "gt" => cmp(BinOp::Gt),
        "ge" => cmp(BinOp::Ge),
        "lt" => cmp(BinOp::Lt),
        "le" => cmp(BinOp::Le),
        "like" => cmp(BinOp::Like),
        "notlike" => cmp(BinOp::NotLike),
        "match" => cmp(BinOp::Match),
        "notmatch" => cmp(BinOp::NotMatch),
        "contains" => cmp(BinOp::Contains),
        "notcontains" => cmp(BinOp::NotContains),
        "in" => cmp(BinOp::In),
        "notin" => cmp(BinOp::NotIn),
        "replace" => cmp(BinOp::Replace),
        "split" => cmp(BinOp::Split),
        _ => None,
    }
}

impl<'a> Parser<'a> {
    // ---- low-level helpers ------------------------------------------------------------------

    fn peek(&self) -> u8 {
        at(self.b, self.pos)
    }

    fn peek_at(&self, n: usize) -> u8 {
        at(self.b, self.pos + n)
    }

    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn span_from(&self, start: usize) -> Span {
        self.lines.span(self.src, start, self.pos)
    }

    fn span_at(&self, start: usize, end: usize) -> Span {
        self.lines.span(self.src, start, end)
    }

    fn error(&self, msg: impl Into<String>, start: usize, end: usize) -> ParseError {
        ParseError {
            message: msg.into(),
            span: self.span_at(start, end),
            incomplete: false,
            hint: None,
        }
    }

    /// An error at the current position; incomplete when the input has run out here.
    fn error_here(&self, msg: impl Into<String>) -> ParseError {
        let mut e = self.error(msg, self.pos, self.pos + 1);
        e.incomplete = self.pos >= self.full_len;
        if e.incomplete {
            e.span.end = e.span.start;
        }
        e
    }

    /// An error about a construct opened at `open` that the input ended inside of.
    fn error_unclosed(&self, msg: impl Into<String>, open: usize, len: usize) -> ParseError {
        let mut e = self.error(msg, open, open + len);
        e.incomplete = self.pos >= self.full_len;
        e
    }

    /// The text of the token at the current position (for "unexpected token" messages).
    fn token_text(&self) -> &'a str {
        let s = self.pos.min(self.b.len());
        let c = self.peek();
        let mut e = s;
        if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c >= 0x80 {
            e += 1;
            while e < self.b.len() && e - s < 40 {
                let d = at(self.b, e);
                if d.is_ascii_alphanumeric() || d == b'_' || d == b'-' || d >= 0x80 {
                    e += 1;
                } else {
                    break;
                }
            }
        } else if s < self.b.len() {
            e += char_at(self.src, s).map_or(1, char::len_utf8);
        }
        while !self.src.is_char_boundary(e) && e < self.b.len() {
            e += 1;
        }
        self.src.get(s..e).unwrap_or("")
    }

    fn unexpected(&self) -> ParseError {
        if self.eof() {
            return self.error_here("unexpected end of input");
        }
        let t = self.token_text();
        let mut e = self.error(
            format!("unexpected token '{t}'"),
            self.pos,
            self.pos + t.len(),
        );
        match t {
            "<" => e.hint = Some("comparison is written -lt, -le, -gt, -ge".into()),
            "!" if self.peek_at(1) == b'=' => e.hint = Some("inequality is written -ne".into()),
            _ => {}
        }
        if t == "&&" || t == "||" || (t == "&" && self.peek_at(1) == b'&') {
            e.message = "the '&&' and '||' operators are not supported".into();
            e.hint = Some("use separate statements, or 'if ($?) { … }'".into());
        }
        e
    }

    /// Runs `f` one nesting level deeper, failing cleanly past [`MAX_DEPTH`].
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_DEPTH || stack_used(self.stack_base) > STACK_BUDGET {
            return Err(self.error("nesting is too deep", self.pos, self.pos + 1));
        }
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// Skips spaces, tabs, comments and line continuations (not newlines).
    fn skip_ws(&mut self) {
        loop {
            let c = self.peek();
            if is_space(c) {
                self.pos += 1;
            } else if c == b'`'
                && (self.peek_at(1) == b'\n'
                    || (self.peek_at(1) == b'\r' && self.peek_at(2) == b'\n'))
            {
                self.pos += if self.peek_at(1) == b'\n' { 2 } else { 3 };
            } else if c == b'`' && self.pos + 1 >= self.b.len() {
                if self.pos + 1 >= self.full_len && self.pending.is_none() {
                    let mut e = self.error(
                        "missing continuation line after '`'",
                        self.pos,
                        self.pos + 1,
                    );
                    e.incomplete = true;
                    self.pending = Some(e);
                }
                self.pos += 1;
            } else if c == b'#' {
                while !self.eof() && self.peek() != b'\n' {
                    self.pos += 1;
                }
            } else if c == b'<' && self.peek_at(1) == b'#' {
                let open = self.pos;
                self.pos += 2;
                loop {
                    if self.eof() {
                        if self.pending.is_none() {
                            let mut e =
                                self.error("missing end of block comment '#>'", open, open + 2);
                            e.incomplete = self.pos >= self.full_len;
                            self.pending = Some(e);
                        }
                        break;
                    }
                    if self.peek() == b'#' && self.peek_at(1) == b'>' {
                        self.pos += 2;
                        break;
                    }
                    self.pos += 1;
                }
            } else if c >= 0x80
                && char_at(self.src, self.pos).is_some_and(|ch| ch.is_whitespace() && ch != '\n')
            {
                self.pos += char_at(self.src, self.pos).map_or(1, char::len_utf8);
            } else {
                break;
            }
        }
    }

    /// Skips whitespace, comments and newlines.
    fn skip_ws_nl(&mut self) {
        loop {
            self.skip_ws();
            if self.peek() == b'\n' {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The keyword at the current position, if the whole word is one (case-insensitive).
    fn keyword(&self) -> Option<&'static str> {
        let s = self.pos;
        let mut e = s;
        while at(self.b, e).is_ascii_alphabetic() {
            e += 1;
        }
        if e == s || ident_at(self.src, e) || at(self.b, e) == b'-' {
            return None;
        }
        let w = self.src.get(s..e)?;
        KEYWORDS.iter().find(|k| k.eq_ignore_ascii_case(w)).copied()
    }

    fn is_keyword(&self, kw: &str) -> bool {
        self.keyword() == Some(kw)
    }

    /// At a place where a statement or argument list ends.
    fn at_stmt_end(&self) -> bool {
        self.eof() || matches!(self.peek(), b'\n' | b';' | b')' | b'}')
    }

    // ---- scripts, blocks, statements --------------------------------------------------------

    fn script(&mut self) -> PResult<(Vec<ParamDecl>, Block)> {
        let c = self.block_contents(None, false)?;
        self.skip_ws();
        if !self.eof() {
            return Err(self.unexpected());
        }
        let body = c.end.unwrap_or_else(|| Block {
            stmts: vec![],
            span: self.span_at(0, 0),
        });
        Ok((c.params, body))
    }

    /// Statements up to `close` (not consumed) or end of input.
    fn statements(&mut self, close: Option<u8>) -> PResult<Block> {
        self.skip_ws();
        let start = self.pos;
        let mut stmts = Vec::new();
        loop {
            self.skip_ws();
            let c = self.peek();
            if self.eof() || Some(c) == close {
                break;
            }
            match c {
                b'\n' | b';' => self.pos += 1,
                b')' | b'}' => return Err(self.unexpected()),
                _ => {
                    let s = self.statement()?;
                    stmts.push(s);
                    self.skip_ws();
                    let c = self.peek();
                    if !(self.eof() || c == b'\n' || c == b';' || Some(c) == close) {
                        return Err(self.unexpected());
                    }
                }
            }
        }
        let end = stmts.last().map_or(start, |s: &Stmt| s.span.end);
        Ok(Block {
            stmts,
            span: self.span_at(start, end),
        })
    }

    /// `{ statements }` at the current position (which must be `{`).
    fn brace_block(&mut self) -> PResult<Block> {
        let open = self.pos;
        self.pos += 1;
        let block = self.nested(|p| p.statements(Some(b'}')))?;
        self.close_brace(open)?;
        Ok(block)
    }

    fn close_brace(&mut self, open: usize) -> PResult<()> {
        if self.peek() == b'}' {
            self.pos += 1;
            return Ok(());
        }
        let line = self.span_at(open, open).line;
        Err(self.error_unclosed(
            format!("missing closing '}}' for the block opened at line {line}"),
            open,
            1,
        ))
    }

    /// A `{` block required after a keyword (`missing statement block after …`).
    fn required_block(&mut self, after: &str) -> PResult<Block> {
        self.skip_ws_nl();
        if self.peek() != b'{' {
            return Err(self.error_here(format!("missing statement block after {after}")));
        }
        self.brace_block()
    }

    /// The inside of a script block or script: attributes, `param()`, named blocks or plain body.
    fn block_contents(&mut self, close: Option<u8>, named_blocks: bool) -> PResult<BlockContents> {
        let mut out = BlockContents {
            params: vec![],
            cmdlet_binding: false,
            begin: None,
            process: None,
            end: None,
        };
        self.skip_ws_nl();
        if self.param_block_ahead() {
            while self.peek() == b'[' {
                let a = self.attribute()?;
                if a.name.eq_ignore_ascii_case("cmdletbinding") {
                    out.cmdlet_binding = true;
                }
                self.skip_ws_nl();
            }
            self.pos += "param".len();
            self.skip_ws_nl();
            out.params = self.param_list("param")?;
        }
        self.skip_ws_nl();
        if named_blocks && self.named_block_ahead() {
            loop {
                self.skip_ws_nl();
                while self.peek() == b';' {
                    self.pos += 1;
                    self.skip_ws_nl();
                }
                if self.eof() || Some(self.peek()) == close {
                    break;
                }
                let kw = match self.keyword() {
                    Some(k @ ("begin" | "process" | "end")) => k,
                    _ => return Err(self.unexpected()),
                };
                self.pos += kw.len();
                let block = self.required_block(&format!("'{kw}'"))?;
                let slot = match kw {
                    "begin" => &mut out.begin,
                    "process" => &mut out.process,
                    _ => &mut out.end,
                };
                *slot = Some(block);
            }
        } else {
            out.end = Some(self.statements(close)?);
        }
        Ok(out)
    }

    /// Looks past any `[attributes]` for the `param` keyword followed by `(`.
    fn param_block_ahead(&mut self) -> bool {
        let save = self.pos;
        let mut ok = false;
        loop {
            self.skip_ws_nl();
            if self.peek() == b'[' {
                // Skip a bracket group, tracking nesting and quotes.
                let mut depth = 0usize;
                let mut quote = 0u8;
                loop {
                    if self.eof() {
                        break;
                    }
                    let c = self.peek();
                    self.pos += 1;
                    if quote != 0 {
                        if c == quote {
                            quote = 0;
                        }
                        continue;
                    }
                    match c {
                        b'\'' | b'"' => quote = c,
                        b'[' => depth += 1,
                        b']' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                continue;
            }
            if self.is_keyword("param") {
                self.pos += 5;
                self.skip_ws_nl();
                ok = self.peek() == b'(';
            }
            break;
        }
        self.pos = save;
        ok
    }

    fn named_block_ahead(&mut self) -> bool {
        let save = self.pos;
        let ok = match self.keyword() {
            Some(k @ ("begin" | "process" | "end")) => {
                self.pos += k.len();
                self.skip_ws_nl();
                self.peek() == b'{'
            }
            _ => false,
        };
        self.pos = save;
        ok
    }

    /// One statement.
    fn statement(&mut self) -> PResult<Stmt> {
        self.nested(|p| p.statement_inner())
    }

    fn statement_inner(&mut self) -> PResult<Stmt> {
        let start = self.pos;
        let mut label = None;
        if self.peek() == b':' && ident_at(self.src, self.pos + 1) {
            let end = ident_end(self.src, self.pos + 1);
            label = Some(self.src[self.pos + 1..end].to_string());
            self.pos = end;
            self.skip_ws();
            if !matches!(self.keyword(), Some("foreach" | "for" | "while" | "do")) {
                return Err(self.error_here("missing loop statement after label"));
            }
        }
        let kind = match self.keyword() {
            Some("if") => {
                self.pos += 2;
                self.if_stmt()?
            }
            Some("foreach") => {
                self.pos += 7;
                self.foreach_stmt(label)?
            }
            Some("for") => {
                self.pos += 3;
                self.for_stmt(label)?
            }
            Some("while") => {
                self.pos += 5;
                let (cond, body) = self.cond_and_block("while")?;
                StmtKind::While { label, cond, body }
            }
            Some("do") => {
                self.pos += 2;
                self.do_stmt(label)?
            }
            Some(kw @ ("break" | "continue")) => {
                self.pos += kw.len();
                self.skip_ws();
                let mut l = None;
                let s = if self.peek() == b':' {
                    self.pos + 1
                } else {
                    self.pos
                };
                if ident_at(self.src, s) {
                    let e = ident_end(self.src, s);
                    l = Some(self.src[s..e].to_string());
                    self.pos = e;
                }
                if kw == "break" {
                    StmtKind::Break(l)
                } else {
                    StmtKind::Continue(l)
                }
            }
            Some(kw @ ("return" | "exit" | "throw")) => {
                self.pos += kw.len();
                self.skip_ws();
                let value = if self.at_stmt_end() {
                    None
                } else {
                    Some(self.pipeline()?)
                };
                match kw {
                    "return" => StmtKind::Return(value),
                    "exit" => StmtKind::Exit(value),
                    _ => StmtKind::Throw(value),
                }
            }
            Some("try") => {
                self.pos += 3;
                self.try_stmt()?
            }
            Some(kw @ ("function" | "filter")) => {
                self.pos += kw.len();
                self.function(start, kw == "filter")?
            }
            Some(
                kw @ ("switch" | "trap" | "class" | "enum" | "data" | "workflow" | "configuration"
                | "using" | "dynamicparam"),
            ) => {
                let t = self.token_text();
                return Err(self.error(
                    format!("the '{kw}' statement is not supported by jirash"),
                    self.pos,
                    self.pos + t.len(),
                ));
            }
            Some("param") => {
                return Err(self.error(
                    "param() must be the first thing in a script or script block",
                    self.pos,
                    self.pos + 5,
                ));
            }
            Some("else" | "elseif" | "catch" | "finally" | "until" | "in") => {
                return Err(self.unexpected());
            }
            _ => return self.pipeline_or_assignment(start),
        };
        Ok(Stmt {
            kind,
            span: self.span_from(start),
        })
    }

    fn pipeline_or_assignment(&mut self, start: usize) -> PResult<Stmt> {
        let pipe = self.pipeline()?;
        self.skip_ws();
        let op = match (self.peek(), self.peek_at(1)) {
            (b'=', _) => Some((AssignOp::Assign, 1)),
            (b'+', b'=') => Some((AssignOp::Add, 2)),
            (b'-', b'=') => Some((AssignOp::Sub, 2)),
            (b'*', b'=') => Some((AssignOp::Mul, 2)),
            (b'/', b'=') => Some((AssignOp::Div, 2)),
            (b'%', b'=') => Some((AssignOp::Rem, 2)),
            _ => None,
        };
        let Some((op, len)) = op else {
            return Ok(Stmt {
                span: pipe.span,
                kind: StmtKind::Pipeline(pipe),
            });
        };
        let op_pos = self.pos;
        if op == AssignOp::Assign && self.peek_at(1) == b'=' {
            let mut e = self.error("'==' is not an operator", op_pos, op_pos + 2);
            e.hint = Some("equality is written -eq".into());
            return Err(e);
        }
        let target = match pipe.elements.as_slice() {
            [PipelineElement::Expr(e)] if pipe.redirections.is_empty() && assignable(e) => {
                e.clone()
            }
            _ => {
                return Err(self.error(
                    "the left side of an assignment must be a variable, member or index",
                    op_pos,
                    op_pos + len,
                ));
            }
        };
        self.pos += len;
        self.skip_ws_nl();
        if self.at_stmt_end() {
            let text = &self.src[op_pos..op_pos + len];
            return Err(self.error_here(format!("missing expression after '{text}'")));
        }
        let value = self.statement()?;
        Ok(Stmt {
            kind: StmtKind::Assign {
                target,
                op,
                value: Box::new(value),
            },
            span: self.span_from(start),
        })
    }

    /// `( condition )` parsed as a statement; assignments are wrapped as `(stmt)` expressions.
    fn condition(&mut self, what: &str) -> PResult<Pipeline> {
        self.skip_ws();
        if self.peek() != b'(' {
            return Err(self.error_here(format!("missing '(' after '{what}'")));
        }
        let open = self.pos;
        self.pos += 1;
        self.skip_ws_nl();
        if self.peek() == b')' {
            return Err(self.error_here(format!("missing condition after '{what} ('")));
        }
        let stmt = self.statement()?;
        self.skip_ws_nl();
        self.close_paren(open)?;
        Ok(match stmt.kind {
            StmtKind::Pipeline(p) => p,
            _ => {
                let span = stmt.span;
                pipeline_of(Expr {
                    kind: ExprKind::Paren(Box::new(stmt)),
                    span,
                })
            }
        })
    }

    fn close_paren(&mut self, open: usize) -> PResult<()> {
        if self.peek() == b')' {
            self.pos += 1;
            return Ok(());
        }
        if self.eof() {
            return Err(self.error_unclosed("missing closing ')' after expression", open, 1));
        }
        Err(self.error_here("missing closing ')' after expression"))
    }

    fn cond_and_block(&mut self, what: &str) -> PResult<(Pipeline, Block)> {
        let cond = self.condition(what)?;
        let body = self.required_block(&format!("{what} ( condition )"))?;
        Ok((cond, body))
    }

    fn if_stmt(&mut self) -> PResult<StmtKind> {
        let mut clauses = Vec::new();
        let mut else_block = None;
        let mut what = "if";
        loop {
            clauses.push(self.cond_and_block(what)?);
            let save = self.pos;
            self.skip_ws_nl();
            match self.keyword() {
                Some("elseif") => {
                    self.pos += 6;
                    what = "elseif";
                }
                Some("else") => {
                    self.pos += 4;
                    self.skip_ws();
                    // `else if` is a common slip: accept it as `elseif`.
                    if self.is_keyword("if") {
                        self.pos += 2;
                        what = "if";
                        continue;
                    }
                    else_block = Some(self.required_block("'else'")?);
                    break;
                }
                _ => {
                    self.pos = save;
                    break;
                }
            }
        }
        Ok(StmtKind::If {
            clauses,
            else_block,
        })
    }

    fn foreach_stmt(&mut self, label: Option<String>) -> PResult<StmtKind> {
        self.skip_ws();
        if self.peek() != b'(' {
            return Err(self.error_here("missing '(' after 'foreach'"));
        }
        let open = self.pos;
        self.pos += 1;
        self.skip_ws_nl();
        if self.peek() != b'$' {
            return Err(self.error_here("missing variable name after 'foreach ('"));
        }
        let var = match scan_var_name(self.src, self.pos + 1) {
            VarScan::Name(n, end) => {
                self.pos = end;
                n
            }
            _ => return Err(self.error_here("missing variable name after 'foreach ('")),
        };
        self.skip_ws_nl();
        if !self.is_keyword("in") {
            return Err(self.error_here("missing 'in' after the variable in the foreach loop"));
        }
        self.pos += 2;
        self.skip_ws_nl();
        if self.at_stmt_end() {
            return Err(self.error_here("missing the collection to loop over after 'in'"));
        }
        let iter = self.pipeline()?;
        self.skip_ws_nl();
        self.close_paren(open)?;
        let body = self.required_block("foreach ( … )")?;
        Ok(StmtKind::Foreach {
            label,
            var,
            iter,
            body,
        })
    }

    fn for_stmt(&mut self, label: Option<String>) -> PResult<StmtKind> {
        self.skip_ws();
        if self.peek() != b'(' {
            return Err(self.error_here("missing '(' after 'for'"));
        }
        let open = self.pos;
        self.pos += 1;
        self.skip_ws_nl();
        let part = |p: &mut Self, last: bool| -> PResult<Option<Stmt>> {
            p.skip_ws_nl();
            let s = if matches!(p.peek(), b';' | b')') || p.eof() {
                None
            } else {
                Some(p.statement()?)
            };
            p.skip_ws();
            if !last {
                if matches!(p.peek(), b';' | b'\n') {
                    p.pos += 1;
                } else if p.peek() != b')' {
                    return Err(p.error_here("missing ';' in the for loop header"));
                }
            }
            Ok(s)
        };
        let init = part(self, false)?;
        let cond = part(self, false)?;
        let step = part(self, true)?;
        self.skip_ws_nl();
        self.close_paren(open)?;
        let body = self.required_block("for ( … )")?;
        let cond = cond.map(|s| match s.kind {
            StmtKind::Pipeline(p) => p,
            _ => {
                let span = s.span;
                pipeline_of(Expr {
                    kind: ExprKind::Paren(Box::new(s)),
                    span,
                })
            }
        });
        Ok(StmtKind::For {
            label,
            init: init.map(Box::new),
            cond,
            step: step.map(Box::new),
            body,
        })
    }

    fn do_stmt(&mut self, label: Option<String>) -> PResult<StmtKind> {
        let body = self.required_block("'do'")?;
        self.skip_ws_nl();
        let until = match self.keyword() {
            Some("while") => false,
            Some("until") => true,
            _ => return Err(self.error_here("missing 'while' or 'until' after the do loop body")),
        };
        self.pos += 5; // `while` and `until` are both five letters
        let cond = self.condition(if until { "until" } else { "while" })?;
        Ok(StmtKind::DoLoop {
            label,
            body,
            cond,
            until,
        })
    }

    fn try_stmt(&mut self) -> PResult<StmtKind> {
        let body = self.required_block("'try'")?;
        let mut catches = Vec::new();
        let mut finally = None;
        loop {
            let save = self.pos;
            self.skip_ws_nl();
            match self.keyword() {
                Some("catch") => {
                    self.pos += 5;
                    self.skip_ws();
                    let mut types = Vec::new();
                    while self.peek() == b'[' {
                        match scan_type_name(self.src, self.pos) {
                            Some((name, end)) => {
                                types.push(name);
                                self.pos = end;
                            }
                            None => {
                                return Err(self.error_here("missing type name in catch clause"));
                            }
                        }
                        self.skip_ws();
                        if self.peek() == b',' {
                            self.pos += 1;
                            self.skip_ws_nl();
                        }
                    }
                    let body = self.required_block("'catch'")?;
                    catches.push(CatchClause { types, body });
                }
                Some("finally") => {
                    self.pos += 7;
                    finally = Some(self.required_block("'finally'")?);
                    break;
                }
                _ => {
                    if catches.is_empty() {
                        return Err(self.error_here("missing catch or finally block after try"));
                    }
                    self.pos = save;
                    break;
                }
            }
        }
        Ok(StmtKind::Try {
            body,
            catches,
            finally,
        })
    }

    fn function(&mut self, start: usize, is_filter: bool) -> PResult<StmtKind> {
        self.skip_ws();
        let ns = self.pos;
        while !self.eof() && !is_cmd_delim(self.peek()) {
            self.pos += 1;
        }
        while !self.src.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        if self.pos == ns {
            let kw = if is_filter { "filter" } else { "function" };
            return Err(self.error_here(format!("missing name after '{kw}'")));
        }
        let name = self.src[ns..self.pos].to_string();
        self.skip_ws();
        let mut params = Vec::new();
        if self.peek() == b'(' {
            params = self.param_list("function")?;
        }
        self.skip_ws_nl();
        if self.peek() != b'{' {
            return Err(self.error_here(format!("missing body after function '{name}'")));
        }
        let mut body = self.script_block()?;
        if let Some(def) = Rc::get_mut(&mut body) {
            if !params.is_empty() {
                params.append(&mut def.params);
                def.params = params;
            }
            if is_filter && def.process.is_none() && def.begin.is_none() {
                def.process = def.end.take();
            }
        }
        Ok(StmtKind::Function(Rc::new(FunctionDef {
            name,
            is_filter,
            body,
            span: self.span_from(start),
        })))
    }

    // ---- parameters and attributes -----------------------------------------------------------

    /// `( decl, decl … )` at the current position.
    fn param_list(&mut self, what: &str) -> PResult<Vec<ParamDecl>> {
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

    fn param_decl(&mut self) -> PResult<ParamDecl> {
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
    fn attribute(&mut self) -> PResult<Attribute> {
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

    // ---- pipelines and commands --------------------------------------------------------------

    fn pipeline(&mut self) -> PResult<Pipeline> {
        let start = self.pos;
        let mut elements = vec![self.pipeline_element(true)?];
        let mut redirections = Vec::new();
        loop {
            self.redirections(&mut redirections)?;
            let save = self.pos;
            self.skip_ws();
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

    fn pipeline_element(&mut self, first: bool) -> PResult<PipelineElement> {
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
    fn command_start(&self) -> bool {
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
    fn arg_boundary(&self, i: usize) -> bool {
        i >= self.b.len() || is_cmd_delim(at(self.b, i))
    }

    fn command(&mut self) -> PResult<Command> {
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
    fn dot_invoke(&self) -> bool {
        self.peek() == b'.' && {
            let n = self.peek_at(1);
            is_space(n) || matches!(n, b'{' | b'$' | b'\'' | b'"' | b'(')
        }
    }

    /// A bare command name word.
    fn command_word(&mut self) -> PResult<(String, Span)> {
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

    fn parameter(&mut self) -> PResult<CommandArg> {
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
    fn arg_list(&mut self) -> PResult<Expr> {
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
    fn arg_value(&mut self) -> PResult<Expr> {
        self.nested(|p| p.arg_value_inner())
    }

    fn arg_value_inner(&mut self) -> PResult<Expr> {
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

    fn number_expr(&self, v: NumLit, neg: bool, s: usize) -> Expr {
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
    fn glue_tail(&mut self, s: usize, e: Expr) -> PResult<Expr> {
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
    fn bare_word(&mut self, s: usize) -> PResult<Expr> {
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
    fn redirection_ahead(&self) -> bool {
        let c = self.peek();
        c == b'>' || ((matches!(c, b'1'..=b'6') || c == b'*') && self.peek_at(1) == b'>')
    }

    fn redirections(&mut self, out: &mut Vec<Redirection>) -> PResult<()> {
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

    // ---- expressions -------------------------------------------------------------------------

    /// A full expression (comma arrays allowed).
    fn expression(&mut self) -> PResult<Expr> {
        self.binary(1, true)
    }

    /// Precedence climbing over the binary operators; operands are comma lists when `commas`.
    fn binary(&mut self, min_prec: u8, commas: bool) -> PResult<Expr> {
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
    fn peek_binop(&self) -> PResult<Option<(BinOp, u8, usize)>> {
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
    fn comma_list(&mut self) -> PResult<Expr> {
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

    fn unary(&mut self) -> PResult<Expr> {
        self.nested(|p| p.unary_inner())
    }

    fn unary_operand(&mut self, s: usize, what: &str) -> PResult<Expr> {
        self.skip_ws();
        if self.at_stmt_end() || self.peek() == b'|' {
            return Err(
                self.error_here(format!("missing expression after unary operator '{what}'"))
            );
        }
        let _ = s;
        self.unary()
    }

    fn unary_inner(&mut self) -> PResult<Expr> {
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
    fn type_expr(&mut self, cmd_mode: bool) -> PResult<Expr> {
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

    fn postfix_primary(&mut self) -> PResult<Expr> {
        let e = self.primary()?;
        self.postfix(e)
    }

    /// Member access, static members, method calls, indexing and `++`/`--`, all without spaces.
    fn postfix(&mut self, mut e: Expr) -> PResult<Expr> {
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
    fn method_args(&mut self) -> PResult<Vec<Expr>> {
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

    fn primary(&mut self) -> PResult<Expr> {
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

    fn close_sub(&mut self, open: usize, what: &str) -> PResult<()> {
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

    fn variable(&mut self) -> PResult<Expr> {
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

    fn paren(&mut self) -> PResult<Expr> {
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

    fn hashtable(&mut self) -> PResult<Expr> {
        let open = self.pos;
        self.pos += 2;
        let mut entries = Vec::new();
        loop {
            self.skip_ws_nl();
            while self.peek() == b';' {
                self.pos += 1;
                self.skip_ws_nl();
            }
            if self.peek() == b'}' {
                self.pos += 1;
                break;
            }
            if self.eof() {
                let line = self.span_at(open, open).line;
                return Err(self.error_unclosed(
                    format!("missing closing '}}' for the hashtable opened at line {line}"),
                    open,
                    2,
                ));
            }
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

    fn script_block(&mut self) -> PResult<Rc<ScriptBlockDef>> {
        let open = self.pos;
        self.pos += 1;
        let c = self.nested(|p| p.block_contents(Some(b'}'), true))?;
        self.skip_ws_nl();
        self.close_brace(open)?;
        Ok(Rc::new(ScriptBlockDef {
            params: c.params,
            cmdlet_binding: c.cmdlet_binding,
            begin: c.begin,
            process: c.process,
            end: c.end,
            span: self.span_from(open),
            source: self.source.clone(),
        }))
    }

    // ---- strings -----------------------------------------------------------------------------

    fn single_quoted(&mut self) -> PResult<Expr> {
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

    fn double_quoted(&mut self) -> PResult<Expr> {
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
    fn expandable_parts(&mut self, open: usize, here: bool) -> PResult<Vec<StrPart>> {
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
    fn string_dollar(&mut self) -> PResult<Option<StrPart>> {
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

    fn here_string(&mut self) -> PResult<Expr> {
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
            self.pos = self.b.len();
            let q = quote as char;
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

/// `"…"` with no variables or sub-expressions is a plain string.
fn parts_to_kind(parts: Vec<StrPart>) -> ExprKind {
    if parts.iter().all(|p| matches!(p, StrPart::Lit(_))) {
        let value = parts
            .into_iter()
            .map(|p| {
                if let StrPart::Lit(s) = p {
                    s
                } else {
                    String::new()
                }
            })
            .collect();
        return ExprKind::Str { value, bare: false };
    }
    ExprKind::ExpandStr(parts)
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

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
