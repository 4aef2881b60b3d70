//! The lossless lexer used for highlighting and completion: [`tokenize`] never fails and the
//! token texts concatenate back to the input. It follows the parser's mode rules (command vs
//! expression mode) closely enough to colour and complete, but the parser does not use it: the
//! parser reads the source directly with the scanning helpers at the bottom of this file, which
//! both share (numbers, variable names, type literals, keywords, escapes).

use crate::lang::token::{LineIndex, Token, TokenKind};

/// Where the lexer is in a statement (decides what a word means).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// At the start of a statement: a word is a keyword or a command name.
    Start,
    /// After `&`, `.` or `function`: the next word names a command.
    CallName,
    /// Command arguments: words are bare strings, `-x` parameters.
    Args,
    /// Expression mode: `-x` operators, words are member names.
    Expr,
}

/// Cap on nested `"$( "$( … )" )"` scanning; deeper text is read as plain characters.
const MAX_STRING_NESTING: usize = 64;

/// Splits `src` into tokens. Never fails; `tokens.map(text).concat() == src`.
pub fn tokenize(src: &str) -> Vec<Token> {
    let lines = LineIndex::new(src);
    let b = src.as_bytes();
    let mut toks: Vec<Token> = Vec::new();
    let mut pos = 0;
    let mut mode = Mode::Start;
    let mut stack: Vec<Mode> = Vec::new();
    while pos < b.len() {
        let start = pos;
        let c = b[pos];
        let n = at(b, pos + 1);
        // Did the previous token end right here with an operand (for `$a[0]`, `$a.b`)?
        let glued = toks.last().is_some_and(|t| {
            t.span.end == pos
                && matches!(
                    t.kind,
                    TokenKind::Variable
                        | TokenKind::BareWord
                        | TokenKind::String
                        | TokenKind::Number
                )
                || (t.span.end == pos
                    && matches!(t.kind, TokenKind::Punct)
                    && matches!(at(b, pos - 1), b')' | b']' | b'}'))
                || (t.span.end == pos && t.kind == TokenKind::TypeLiteral)
        });
        let (kind, end) = if c == b'\n' {
            mode = Mode::Start;
            (TokenKind::Newline, pos + 1)
        } else if is_space(c)
            || (c == b'`' && (n == b'\n' || (n == b'\r' && at(b, pos + 2) == b'\n')))
        {
            let mut i = pos;
            loop {
                if is_space(at(b, i)) {
                    i += 1;
                } else if at(b, i) == b'`' && at(b, i + 1) == b'\n' {
                    i += 2;
                } else if at(b, i) == b'`' && at(b, i + 1) == b'\r' && at(b, i + 2) == b'\n' {
                    i += 3;
                } else {
                    break;
                }
            }
            (TokenKind::Whitespace, i)
        } else if c >= 0x80 && char_at(src, pos).is_some_and(|ch| ch.is_whitespace()) {
            (
                TokenKind::Whitespace,
                pos + char_at(src, pos).map_or(1, char::len_utf8),
            )
        } else if c == b'#' {
            let mut i = pos;
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            (TokenKind::Comment, i)
        } else if c == b'<' && n == b'#' {
            let e = src[pos + 2..]
                .find("#>")
                .map_or(b.len(), |i| pos + 2 + i + 2);
            (TokenKind::Comment, e)
        } else if c == b'\'' {
            mode = after_operand(mode);
            (TokenKind::String, scan_sq_end(b, pos))
        } else if c == b'"' {
            mode = after_operand(mode);
            (TokenKind::String, scan_dq_end(b, pos, 0))
        } else if c == b'@' && (n == b'\'' || n == b'"') {
            mode = after_operand(mode);
            let marker = [b'\n', n, b'@'];
            let e = b[pos..]
                .windows(3)
                .position(|w| w == marker)
                .map_or(b.len(), |i| pos + i + 3);
            (TokenKind::String, e)
        } else if (c == b'$' || c == b'@') && n == b'(' {
            stack.push(after_operand(mode));
            mode = Mode::Start;
            (TokenKind::Punct, pos + 2)
        } else if c == b'@' && n == b'{' {
            stack.push(after_operand(mode));
            mode = Mode::Expr;
            (TokenKind::Punct, pos + 2)
        } else if c == b'$' {
            mode = after_operand(mode);
            match scan_var_name(src, pos + 1) {
                VarScan::Name(_, e) => (TokenKind::Variable, e),
                VarScan::Unterminated => (TokenKind::Error, b.len()),
                VarScan::NotAVar => (
                    if mode == Mode::Args {
                        TokenKind::BareWord
                    } else {
                        TokenKind::Error
                    },
                    pos + 1,
                ),
            }
        } else if c == b'@' && mode == Mode::Args && ident_at(src, pos + 1) {
            (TokenKind::Variable, ident_end(src, pos + 1))
        } else if c == b'(' || c == b'{' {
            stack.push(match mode {
                Mode::Args | Mode::CallName => Mode::Args,
                _ if c == b'(' => Mode::Expr,
                _ => Mode::Start,
            });
            mode = Mode::Start;
            (TokenKind::Punct, pos + 1)
        } else if c == b')' || c == b'}' || c == b']' {
            mode = stack.pop().unwrap_or(Mode::Start);
            (TokenKind::Punct, pos + 1)
        } else if c == b'[' {
            match scan_type_name(src, pos) {
                Some((_, e)) if !glued => {
                    if mode != Mode::Args {
                        mode = Mode::Expr;
                    }
                    (TokenKind::TypeLiteral, e)
                }
                _ => {
                    stack.push(after_operand(mode));
                    mode = Mode::Expr;
                    (TokenKind::Punct, pos + 1)
                }
            }
        } else if c == b';' {
            mode = Mode::Start;
            (TokenKind::Punct, pos + 1)
        } else if c == b',' {
            (TokenKind::Punct, pos + 1)
        } else if c == b'|' {
            mode = Mode::Start;
            (
                TokenKind::Operator,
                if n == b'|' { pos + 2 } else { pos + 1 },
            )
        } else if c == b'&' {
            if n == b'&' {
                mode = Mode::Start;
                (TokenKind::Operator, pos + 2)
            } else {
                mode = Mode::CallName;
                (TokenKind::Operator, pos + 1)
            }
        } else if c == b'>'
            || ((c.is_ascii_digit() || c == b'*') && n == b'>' && mode != Mode::Expr)
        {
            let mut i = pos + if c == b'>' { 1 } else { 2 };
            if at(b, i) == b'>' {
                i += 1;
            } else if at(b, i) == b'&' && at(b, i + 1) == b'1' {
                i += 2;
            }
            (TokenKind::Operator, i)
        } else if c == b':' && mode == Mode::Start && ident_at(src, pos + 1) {
            (TokenKind::Label, ident_end(src, pos + 1))
        } else if (c == b':' && n == b':') || (c == b'.' && n == b'.') {
            mode = Mode::Expr;
            (TokenKind::Operator, pos + 2)
        } else if c == b'.' && glued && ident_at(src, pos + 1) {
            (TokenKind::Operator, pos + 1)
        } else if c == b'.'
            && mode == Mode::Start
            && (is_space(n) || matches!(n, b'{' | b'$' | b'\'' | b'"'))
        {
            mode = Mode::CallName;
            (TokenKind::Operator, pos + 1)
        } else if mode == Mode::Args {
            args_token(src, pos)
        } else if c == b'-' && mode != Mode::CallName {
            let mut i = pos + 1;
            while at(b, i).is_ascii_alphabetic() {
                i += 1;
            }
            let word = src[pos + 1..i].to_ascii_lowercase();
            if i > pos + 1 && !ident_at(src, i) && is_dash_operator(&word) {
                mode = Mode::Expr;
                (TokenKind::Operator, i)
            } else {
                let e = if matches!(n, b'=' | b'-') {
                    pos + 2
                } else {
                    pos + 1
                };
                mode = if n == b'=' { Mode::Start } else { Mode::Expr };
                (TokenKind::Operator, e)
            }
        } else if matches!(c, b'+' | b'*' | b'/' | b'%' | b'=' | b'!' | b'<') {
            let e = if matches!(n, b'=' | b'+') && c != b'=' && c != b'!' {
                pos + 2
            } else {
                pos + 1
            };
            mode = if n == b'=' || c == b'=' {
                Mode::Start
            } else {
                Mode::Expr
            };
            (TokenKind::Operator, e)
        } else if (c.is_ascii_digit() || (c == b'.' && n.is_ascii_digit()))
            && let Some((_, e)) = scan_number(b, pos)
            && !ident_at(src, e)
            && (mode == Mode::Expr
                || e >= b.len()
                || is_cmd_delim(b[e])
                || matches!(b[e], b'.' | b']' | b'=' | b'+' | b'-' | b'*' | b'/'))
        {
            mode = after_operand(mode);
            (TokenKind::Number, e)
        } else if matches!(mode, Mode::Start | Mode::CallName) {
            let (kind, e) = args_token(src, pos);
            let text = &src[pos..e];
            let kw = mode == Mode::Start && KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(text));
            if kw {
                mode = match text.to_ascii_lowercase().as_str() {
                    "function" | "filter" => Mode::CallName,
                    "break" | "continue" => Mode::Args,
                    "if" | "elseif" | "while" | "foreach" | "for" | "until" | "switch"
                    | "param" | "catch" => Mode::Expr,
                    _ => Mode::Start,
                };
                (TokenKind::Keyword, e)
            } else if kind == TokenKind::BareWord {
                mode = Mode::Args;
                (TokenKind::CommandName, e)
            } else {
                (kind, e)
            }
        } else if ident_at(src, pos) {
            let e = ident_end(src, pos);
            if src[pos..e].eq_ignore_ascii_case("in") {
                mode = Mode::Start;
                (TokenKind::Keyword, e)
            } else {
                (TokenKind::BareWord, e)
            }
        } else {
            (
                TokenKind::Error,
                pos + char_at(src, pos).map_or(1, char::len_utf8),
            )
        };
        let end = end.clamp(pos + 1, b.len());
        let end = (end..=b.len())
            .find(|&e| src.is_char_boundary(e))
            .unwrap_or(b.len());
        toks.push(Token {
            kind,
            span: lines.span(src, start, end),
        });
        pos = end;
    }
    toks
}

/// The mode after an operand: statements that start with one continue in expression mode.
fn after_operand(mode: Mode) -> Mode {
    match mode {
        Mode::Args | Mode::CallName => Mode::Args,
        _ => Mode::Expr,
    }
}

/// A token in command-argument mode at `pos` (not whitespace, newline or punctuation).
fn args_token(src: &str, pos: usize) -> (TokenKind, usize) {
    let b = src.as_bytes();
    let c = at(b, pos);
    let n = at(b, pos + 1);
    let word_end = |mut i: usize, stop_colon: bool| {
        while let Some(ch) = char_at(src, i) {
            if ch.is_whitespace()
                || (ch.is_ascii() && is_cmd_delim(ch as u8))
                || (stop_colon && ch == ':')
            {
                break;
            }
            if ch == '`' {
                i += 1;
                match char_at(src, i) {
                    Some('\n' | '\r') | None => break,
                    Some(e) => i += e.len_utf8(),
                }
                continue;
            }
            i += ch.len_utf8();
        }
        i
    };
    if c == b'-' && n == b'-' && (pos + 2 >= b.len() || is_cmd_delim(at(b, pos + 2))) {
        return (TokenKind::Operator, pos + 2);
    }
    if c == b'-'
        && char_at(src, pos + 1).is_some_and(|ch| ch.is_alphabetic() || ch == '_' || ch == '?')
    {
        let e = word_end(pos + 1, true);
        let e = if at(b, e) == b':' { e + 1 } else { e };
        return (TokenKind::Parameter, e);
    }
    let ns = if matches!(c, b'-' | b'+') {
        pos + 1
    } else {
        pos
    };
    if let Some((_, e)) = scan_number(b, ns)
        && (e >= b.len() || is_cmd_delim(b[e]))
    {
        return (TokenKind::Number, e);
    }
    (TokenKind::BareWord, word_end(pos, false).max(pos + 1))
}

/// End of a `'…'` string starting at `pos` (end of input when unterminated).
fn scan_sq_end(b: &[u8], pos: usize) -> usize {
    let mut i = pos + 1;
    while i < b.len() {
        if b[i] == b'\'' {
            if at(b, i + 1) == b'\'' {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// End of a `"…"` string starting at `pos`, skipping nested `$( … )`.
fn scan_dq_end(b: &[u8], pos: usize, depth: usize) -> usize {
    let mut i = pos + 1;
    while i < b.len() {
        match b[i] {
            b'`' => i += 2,
            b'"' if at(b, i + 1) == b'"' => i += 2,
            b'"' => return i + 1,
            b'$' if at(b, i + 1) == b'(' && depth < MAX_STRING_NESTING => {
                i = scan_sub_end(b, i + 2, depth + 1)
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// End of a `$( … )` body starting at `pos` (just past the `(`).
fn scan_sub_end(b: &[u8], pos: usize, depth: usize) -> usize {
    let mut level = 1usize;
    let mut i = pos;
    while i < b.len() {
        match b[i] {
            b'`' => i += 2,
            b'\'' => i = scan_sq_end(b, i),
            b'"' => i = scan_dq_end(b, i, depth),
            b'(' => {
                level += 1;
                i += 1;
            }
            b')' => {
                level -= 1;
                i += 1;
                if level == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

// ---------------------------------------------------------------------------------------------
// Scanning helpers shared with the parser. They work on bytes of the source and never panic.
// ---------------------------------------------------------------------------------------------

/// Statement keywords (lower case). Only recognised where a statement starts.
pub(crate) const KEYWORDS: &[&str] = &[
    "if",
    "elseif",
    "else",
    "foreach",
    "for",
    "while",
    "do",
    "until",
    "break",
    "continue",
    "return",
    "exit",
    "throw",
    "try",
    "catch",
    "finally",
    "function",
    "filter",
    "param",
    "in",
    "switch",
    "trap",
    "class",
    "enum",
    "data",
    "workflow",
    "configuration",
    "using",
    "dynamicparam",
    "begin",
    "process",
    "end",
];

/// Scope prefixes kept in variable names (`$script:x`, `$env:HOME`).
pub(crate) const SCOPES: &[&str] = &["script", "global", "local", "private", "env", "using"];

/// A numeric literal's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumLit {
    /// Fits in an i64.
    Int(i64),
    /// A decimal, exponent, or out-of-range integer.
    Double(f64),
}

/// Byte at `i`, or 0 past the end.
pub(crate) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// The char starting at byte `i` (None past the end or off a boundary).
pub(crate) fn char_at(src: &str, i: usize) -> Option<char> {
    src.get(i..).and_then(|s| s.chars().next())
}

/// Letters, digits and `_` (Unicode letters included): variable and member name characters.
pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the char at byte `i` is an identifier character.
pub(crate) fn ident_at(src: &str, i: usize) -> bool {
    char_at(src, i).is_some_and(is_ident_char)
}

/// Horizontal whitespace (not newline).
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)
}

/// Characters that end a command-mode word (besides whitespace and end of input).
pub(crate) fn is_cmd_delim(b: u8) -> bool {
    matches!(
        b,
        b'\n' | b';' | b'|' | b'&' | b'(' | b')' | b'{' | b'}' | b',' | b'>'
    ) || is_space(b)
}

/// Scans a number starting at `pos` (no sign). Returns its value and end offset; the caller
/// checks that what follows is a delimiter.
pub(crate) fn scan_number(b: &[u8], pos: usize) -> Option<(NumLit, usize)> {
    let mut i = pos;
    let mut val;
    if at(b, i) == b'0' && matches!(at(b, i + 1), b'x' | b'X') && at(b, i + 2).is_ascii_hexdigit() {
        i += 2;
        let s = i;
        while at(b, i).is_ascii_hexdigit() {
            i += 1;
        }
        let text = std::str::from_utf8(b.get(s..i)?).ok()?;
        val = match u64::from_str_radix(text, 16) {
            // PowerShell reads 0xFFFFFFFFFFFFFFFF as -1: the bits of a long.
            Ok(v) => NumLit::Int(v as i64),
            Err(_) => {
                NumLit::Double(u128::from_str_radix(text, 16).map_or(f64::INFINITY, |v| v as f64))
            }
        };
    } else {
        let s = i;
        while at(b, i).is_ascii_digit() {
            i += 1;
        }
        let int_digits = i > s;
        let mut is_float = false;
        if at(b, i) == b'.' && at(b, i + 1).is_ascii_digit() {
            is_float = true;
            i += 1;
            while at(b, i).is_ascii_digit() {
                i += 1;
            }
        } else if !int_digits {
            return None;
        }
        if matches!(at(b, i), b'e' | b'E') {
            let mut j = i + 1;
            if matches!(at(b, j), b'+' | b'-') {
                j += 1;
            }
            if at(b, j).is_ascii_digit() {
                while at(b, j).is_ascii_digit() {
                    j += 1;
                }
                i = j;
                is_float = true;
            }
        }
        let text = std::str::from_utf8(b.get(s..i)?).ok()?;
        val = if is_float {
            NumLit::Double(text.parse().ok()?)
        } else {
            match text.parse::<i64>() {
                Ok(v) => NumLit::Int(v),
                Err(_) => NumLit::Double(text.parse().ok()?),
            }
        };
    }
    // Type suffix: l (long) or d (decimal, kept as a double).
    match at(b, i) {
        b'l' | b'L' => i += 1,
        b'd' | b'D' => {
            i += 1;
            if let NumLit::Int(v) = val {
                val = NumLit::Double(v as f64);
            }
        }
        _ => {}
    }
    let mult: u32 = match (
        at(b, i).to_ascii_lowercase(),
        at(b, i + 1).to_ascii_lowercase(),
    ) {
        (b'k', b'b') => 1,
        (b'm', b'b') => 2,
        (b'g', b'b') => 3,
        (b't', b'b') => 4,
        (b'p', b'b') => 5,
        _ => 0,
    };
    if mult > 0 {
        i += 2;
        let factor = 1024i64.pow(mult);
        val = match val {
            NumLit::Int(v) => v
                .checked_mul(factor)
                .map_or(NumLit::Double(v as f64 * factor as f64), NumLit::Int),
            NumLit::Double(d) => NumLit::Double(d * factor as f64),
        };
    }
    Some((val, i))
}

/// Result of scanning a variable name after `$` (or `@`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum VarScan {
    /// The name (scope prefix kept) and the offset just past it.
    Name(String, usize),
    /// `${` without its closing `}`.
    Unterminated,
    /// No variable name here.
    NotAVar,
}

/// Scans a variable name starting at `pos` (just after the sigil).
pub(crate) fn scan_var_name(src: &str, pos: usize) -> VarScan {
    let b = src.as_bytes();
    match at(b, pos) {
        b'{' => {
            let mut i = pos + 1;
            let mut name = String::new();
            loop {
                match char_at(src, i) {
                    None => return VarScan::Unterminated,
                    Some('}') => return VarScan::Name(name, i + 1),
                    Some('`') => {
                        if let Some(c) = char_at(src, i + 1) {
                            name.push(c);
                            i += 1 + c.len_utf8();
                        } else {
                            return VarScan::Unterminated;
                        }
                    }
                    Some(c) => {
                        name.push(c);
                        i += c.len_utf8();
                    }
                }
            }
        }
        b'?' | b'$' | b'^' => VarScan::Name((at(b, pos) as char).to_string(), pos + 1),
        _ => {
            let end = ident_end(src, pos);
            if end == pos {
                return VarScan::NotAVar;
            }
            let name = &src[pos..end];
            if at(b, end) == b':'
                && ident_at(src, end + 1)
                && SCOPES.iter().any(|s| s.eq_ignore_ascii_case(name))
            {
                let end2 = ident_end(src, end + 1);
                return VarScan::Name(src[pos..end2].to_string(), end2);
            }
            VarScan::Name(name.to_string(), end)
        }
    }
}

/// End of a run of identifier characters starting at `pos`.
pub(crate) fn ident_end(src: &str, pos: usize) -> usize {
    let mut i = pos;
    while let Some(c) = char_at(src, i) {
        if !is_ident_char(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Scans a type literal `[name]` at `pos` (which holds `[`): the name must start with a letter
/// or `_` and may contain `.`, digits, nested `[…]` (arrays, generics), `,` and spaces inside
/// nested brackets. Returns the trimmed name and the offset past the closing `]`.
pub(crate) fn scan_type_name(src: &str, pos: usize) -> Option<(String, usize)> {
    let b = src.as_bytes();
    if at(b, pos) != b'[' {
        return None;
    }
    let mut i = pos + 1;
    while is_space(at(b, i)) {
        i += 1;
    }
    let name_start = i;
    if !char_at(src, i).is_some_and(|c| c.is_alphabetic() || c == '_') {
        return None;
    }
    let mut depth = 0usize;
    loop {
        // No real type name is this long; the cap keeps lexing `[a[a[a…` linear.
        if i - pos > 512 {
            return None;
        }
        match char_at(src, i)? {
            '[' => depth += 1,
            ']' if depth == 0 => break,
            ']' => depth -= 1,
            ',' | ' ' | '\t' if depth > 0 => {}
            c if is_ident_char(c) || c == '.' || c == '`' || c == '+' => {}
            ' ' | '\t' => {
                // Trailing blanks before `]` only.
                let mut j = i;
                while is_space(at(b, j)) {
                    j += 1;
                }
                if at(b, j) != b']' {
                    return None;
                }
            }
            _ => return None,
        }
        i += char_at(src, i).map_or(1, char::len_utf8);
    }
    Some((src[name_start..i].trim_end().to_string(), i + 1))
}

/// The value of a backtick escape `` `c ``.
pub(crate) fn escape_char(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        'e' => '\x1b',
        other => other,
    }
}

/// The comparison operators (lower case, without the dash); each also comes `c`- and
/// `i`-prefixed (`-ceq`, `-ieq`). Where-Object's short form takes the same names.
pub(crate) const COMPARISON_OPERATORS: &[&str] = &[
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "like",
    "notlike",
    "match",
    "notmatch",
    "contains",
    "notcontains",
    "in",
    "notin",
];

/// Whether `word` (lower case, without the dash) is a dash operator in expression mode.
pub(crate) fn is_dash_operator(word: &str) -> bool {
    let base = |w: &str| COMPARISON_OPERATORS.contains(&w) || matches!(w, "replace" | "split");
    const OTHER: &[&str] = &[
        "is", "isnot", "as", "and", "or", "xor", "not", "band", "bor", "bxor", "bnot", "f", "join",
        "shl", "shr",
    ];
    let stripped = word.strip_prefix(['i', 'c']).unwrap_or("");
    OTHER.contains(&word) || base(word) || base(stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Non-whitespace tokens as `Kind:text`.
    fn toks(src: &str) -> Vec<String> {
        let all = tokenize(src);
        let text: String = all.iter().map(|t| t.text(src)).collect();
        assert_eq!(text, src, "lossless");
        all.iter()
            .filter(|t| t.kind != TokenKind::Whitespace)
            .map(|t| format!("{:?}:{}", t.kind, t.text(src)))
            .collect()
    }

    #[test]
    fn command_mode_tokens() {
        assert_eq!(
            toks("Get-JiraIssue TEST-1 -Fields a,b -Force:$false | Select -First 1 > o.txt 2>&1"),
            [
                "CommandName:Get-JiraIssue",
                "BareWord:TEST-1",
                "Parameter:-Fields",
                "BareWord:a",
                "Punct:,",
                "BareWord:b",
                "Parameter:-Force:",
                "Variable:$false",
                "Operator:|",
                "CommandName:Select",
                "Parameter:-First",
                "Number:1",
                "Operator:>",
                "BareWord:o.txt",
                "Operator:2>&1",
            ]
        );
    }

    #[test]
    fn expression_mode_tokens() {
        assert_eq!(
            toks("if ($x -eq 5) { $h.Key = \"a $(1+2)\" }"),
            [
                "Keyword:if",
                "Punct:(",
                "Variable:$x",
                "Operator:-eq",
                "Number:5",
                "Punct:)",
                "Punct:{",
                "Variable:$h",
                "Operator:.",
                "BareWord:Key",
                "Operator:=",
                "String:\"a $(1+2)\"",
                "Punct:}",
            ]
        );
        assert_eq!(
            toks("[int]$y = @{ k = 1 }"),
            [
                "TypeLiteral:[int]",
                "Variable:$y",
                "Operator:=",
                "Punct:@{",
                "BareWord:k",
                "Operator:=",
                "Number:1",
                "Punct:}"
            ]
        );
    }

    #[test]
    fn call_operator_arguments_are_in_command_mode() {
        assert_eq!(
            toks("& $sb -x"),
            ["Operator:&", "Variable:$sb", "Parameter:-x"]
        );
        assert_eq!(
            toks(". { 1 } -y"),
            [
                "Operator:.",
                "Punct:{",
                "Number:1",
                "Punct:}",
                "Parameter:-y"
            ]
        );
    }

    #[test]
    fn keywords_labels_comments() {
        assert_eq!(
            toks(":outer foreach ($i in $l) { break outer } # c"),
            [
                "Label::outer",
                "Keyword:foreach",
                "Punct:(",
                "Variable:$i",
                "Keyword:in",
                "Variable:$l",
                "Punct:)",
                "Punct:{",
                "Keyword:break",
                "BareWord:outer",
                "Punct:}",
                "Comment:# c",
            ]
        );
        assert_eq!(toks("<# a\nb #>1"), ["Comment:<# a\nb #>", "Number:1"]);
        assert_eq!(
            toks("function Get-Foo"),
            ["Keyword:function", "CommandName:Get-Foo"]
        );
    }

    #[test]
    fn strings_and_here_strings() {
        assert_eq!(
            toks("'it''s' \"q\"\"q\""),
            ["String:'it''s'", "String:\"q\"\"q\""]
        );
        assert_eq!(
            toks("@'\nx\n'@;1"),
            ["String:@'\nx\n'@", "Punct:;", "Number:1"]
        );
        assert_eq!(
            toks("\"$(\"in)ner\")\" x"),
            ["String:\"$(\"in)ner\")\"", "BareWord:x"]
        );
        // Unterminated strings run to the end of input.
        assert_eq!(toks("'abc"), ["String:'abc"]);
    }

    #[test]
    fn newlines_and_continuations() {
        let all = tokenize("a `\n b\r\nc");
        let kinds: Vec<TokenKind> = all.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                TokenKind::CommandName,
                TokenKind::Whitespace,
                TokenKind::BareWord,
                TokenKind::Whitespace,
                TokenKind::Newline,
                TokenKind::CommandName,
            ]
        );
        assert_eq!((all[5].span.line, all[5].span.col), (3, 1));
    }

    #[test]
    fn numbers_vs_words() {
        assert_eq!(
            toks("f 5a 0x10 -3"),
            ["CommandName:f", "BareWord:5a", "Number:0x10", "Number:-3"]
        );
        assert_eq!(toks("7z a"), ["CommandName:7z", "BareWord:a"]);
        assert_eq!(toks("1kb + 2"), ["Number:1kb", "Operator:+", "Number:2"]);
    }

    #[test]
    fn scan_number_values() {
        assert_eq!(scan_number(b"0x1F", 0), Some((NumLit::Int(31), 4)));
        assert_eq!(scan_number(b"1.5e2x", 0), Some((NumLit::Double(150.0), 5)));
        assert_eq!(scan_number(b"3KB", 0), Some((NumLit::Int(3072), 3)));
        assert_eq!(scan_number(b"2d", 0), Some((NumLit::Double(2.0), 2)));
        assert_eq!(scan_number(b"1..2", 0), Some((NumLit::Int(1), 1)));
        assert_eq!(scan_number(b"x", 0), None);
        assert_eq!(
            scan_number(b"8pb", 0),
            Some((NumLit::Int(8 * 1024i64.pow(5)), 3))
        );
        assert!(matches!(
            scan_number(b"99999999999999999999", 0),
            Some((NumLit::Double(_), 20))
        ));
    }

    #[test]
    fn scan_var_names() {
        assert_eq!(
            scan_var_name("$script:x", 1),
            VarScan::Name("script:x".into(), 9)
        );
        assert_eq!(scan_var_name("$a:b", 1), VarScan::Name("a".into(), 2));
        assert_eq!(scan_var_name("${a`}b}", 1), VarScan::Name("a}b".into(), 7));
        assert_eq!(scan_var_name("${ab", 1), VarScan::Unterminated);
        assert_eq!(scan_var_name("$ ", 1), VarScan::NotAVar);
        assert_eq!(scan_var_name("$?", 1), VarScan::Name("?".into(), 2));
    }

    #[test]
    fn scan_type_names() {
        assert_eq!(
            scan_type_name("[string[]]", 0),
            Some(("string[]".into(), 10))
        );
        assert_eq!(
            scan_type_name("[ List[string, int] ]x", 0),
            Some(("List[string, int]".into(), 21))
        );
        assert_eq!(scan_type_name("[1]", 0), None);
        assert_eq!(scan_type_name("[a b]", 0), None);
        assert_eq!(scan_type_name("[int", 0), None);
    }

    #[test]
    fn dash_operators() {
        for op in [
            "eq", "ceq", "ieq", "notlike", "creplace", "f", "and", "isnot", "in", "cin",
        ] {
            assert!(is_dash_operator(op), "{op}");
        }
        for w in ["foo", "ef", "name", "c", "i"] {
            assert!(!is_dash_operator(w), "{w}");
        }
    }
}
