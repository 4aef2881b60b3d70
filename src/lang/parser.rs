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
pub(crate) fn stack_addr() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Bytes of stack used since `base` was taken (stacks grow down on every supported target;
/// `abs_diff` keeps this correct either way).
pub(crate) fn stack_used(base: usize) -> usize {
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
    should_process: bool,
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
            should_process: false,
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
                    // `SupportsShouldProcess`, `SupportsShouldProcess = $true` (not `$false`/0).
                    out.should_process = a.named.iter().any(|(k, v)| {
                        k.eq_ignore_ascii_case("SupportsShouldProcess")
                            && !matches!(
                                v.as_ref().map(|e| &e.kind),
                                Some(ExprKind::Int(0))
                            )
                            && !matches!(v.as_ref().map(|e| &e.kind), Some(ExprKind::Var(n)) if n.eq_ignore_ascii_case("false"))
                    });
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
            if !matches!(
                self.keyword(),
                Some("foreach" | "for" | "while" | "do" | "switch")
            ) {
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
            Some("switch") => {
                self.pos += 6;
                self.switch_stmt(label)?
            }
            Some(
                kw @ ("trap" | "class" | "enum" | "data" | "workflow" | "configuration" | "using"
                | "dynamicparam"),
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

    /// After `switch`: options, the input, and the braced clauses.
    fn switch_stmt(&mut self, label: Option<String>) -> PResult<StmtKind> {
        const OPTIONS: [&str; 5] = ["regex", "wildcard", "exact", "casesensitive", "file"];
        let mut mode = SwitchMode::Exact;
        let mut case_sensitive = false;
        let mut file = None;
        loop {
            self.skip_ws();
            if self.peek() != b'-' || !ident_at(self.src, self.pos + 1) {
                break;
            }
            let s = self.pos;
            let e = ident_end(self.src, s + 1);
            let word = self.src[s + 1..e].to_ascii_lowercase();
            let hits: Vec<&str> = OPTIONS
                .iter()
                .copied()
                .filter(|o| o.starts_with(&word))
                .collect();
            let [opt] = hits.as_slice() else {
                return Err(self.error(
                    format!(
                        "unknown switch option '-{}': expected -regex, -wildcard, -exact, -casesensitive or -file",
                        &self.src[s + 1..e]
                    ),
                    s,
                    e,
                ));
            };
            self.pos = e;
            match *opt {
                "regex" => mode = SwitchMode::Regex,
                "wildcard" => mode = SwitchMode::Wildcard,
                "exact" => mode = SwitchMode::Exact,
                "casesensitive" => case_sensitive = true,
                _ => {
                    self.skip_ws();
                    if self.at_stmt_end() || self.peek() == b'{' {
                        return Err(self.error_here("missing the file name after '-file'"));
                    }
                    file = Some(self.arg_value()?);
                }
            }
        }
        let input = match file {
            Some(path) => SwitchInput::File(path),
            None => {
                self.skip_ws();
                if self.peek() != b'(' {
                    return Err(self.error_here("missing '(' after 'switch'"));
                }
                let open = self.pos;
                self.pos += 1;
                self.skip_ws_nl();
                if self.peek() == b')' {
                    return Err(self.error_here("missing the value to switch on inside '( )'"));
                }
                let p = self.pipeline()?;
                self.skip_ws_nl();
                self.close_paren(open)?;
                SwitchInput::Value(p)
            }
        };
        self.skip_ws_nl();
        if self.peek() != b'{' {
            return Err(self.error_here("missing '{' with the clauses after 'switch ( … )'"));
        }
        let open = self.pos;
        self.pos += 1;
        let mut clauses = Vec::new();
        let mut default = None;
        while !self.closed_item_list(open, 1, "switch")? {
            let at_default = self.src[self.pos..]
                .get(..7)
                .is_some_and(|w| w.eq_ignore_ascii_case("default"))
                && !ident_at(self.src, self.pos + 7)
                && at(self.b, self.pos + 7) != b'-';
            if at_default {
                let s = self.pos;
                self.pos += 7;
                if default.is_some() {
                    return Err(self.error(
                        "a switch statement may have only one default clause",
                        s,
                        s + 7,
                    ));
                }
                default = Some(self.required_block("'default'")?);
                continue;
            }
            let cond = self.arg_value()?;
            let body = self.required_block("the switch condition")?;
            clauses.push(SwitchClause { cond, body });
        }
        Ok(StmtKind::Switch(Box::new(SwitchStmt {
            label,
            mode,
            case_sensitive,
            input,
            clauses,
            default,
        })))
    }

    /// Between the items of a `{ … }` list opened at `open` (`opener` bytes long): skips
    /// blank lines and `;`, and consumes the closing `}` (true). At the end of input the list
    /// is unclosed: an incomplete-input error naming `what`.
    pub(super) fn closed_item_list(
        &mut self,
        open: usize,
        opener: usize,
        what: &str,
    ) -> PResult<bool> {
        self.skip_ws_nl();
        while self.peek() == b';' {
            self.pos += 1;
            self.skip_ws_nl();
        }
        if self.peek() == b'}' {
            self.pos += 1;
            return Ok(true);
        }
        if self.eof() {
            let line = self.span_at(open, open).line;
            return Err(self.error_unclosed(
                format!("missing closing '}}' for the {what} opened at line {line}"),
                open,
                opener,
            ));
        }
        Ok(false)
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

#[path = "parser_cmd.rs"]
mod cmd;
#[path = "parser_expr.rs"]
mod expr;
#[path = "parser_params.rs"]
mod params;
#[path = "parser_str.rs"]
mod strings;

#[cfg(test)]
#[path = "parser_tests.rs"]
mod tests;
