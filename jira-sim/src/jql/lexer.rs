//! JQL tokens: quoted and bare strings (with escapes), operators, punctuation, and the
//! keyword/reserved-word rules. Errors are Jira's "Error in the JQL Query: …" messages with
//! a `(line L, character C)` position.

use super::JqlError;

/// Where a token starts: 1-based line and 1-based character within the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// Line (1-based).
    pub line: usize,
    /// Character in the line (1-based).
    pub col: usize,
}

impl Pos {
    /// The ` (line L, character C)` suffix of Jira's syntax errors.
    pub fn suffix(self) -> String {
        format!("(line {}, character {})", self.line, self.col)
    }
}

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A string; `quoted` when written in quotes (then it is never a keyword).
    Str {
        /// The unescaped text.
        text: String,
        /// Written in quotes.
        quoted: bool,
    },
    /// `cf[12345]`.
    CustomField(String),
    /// `=`, `!=`, `~`, `!~`, `<`, `<=`, `>`, `>=`.
    Op(&'static str),
    /// `(`.
    LParen,
    /// `)`.
    RParen,
    /// `,`.
    Comma,
    /// `&` / `&&`.
    And,
    /// `|` / `||`.
    Or,
    /// `!` not followed by `=` or `~`.
    Bang,
    /// End of input.
    Eof,
}

/// A token with its position and the text as typed (for messages).
#[derive(Debug, Clone)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it starts.
    pub pos: Pos,
    /// The source text of the token.
    pub raw: String,
}

impl Token {
    /// The lower-cased word when this is an unquoted string.
    pub fn word(&self) -> Option<String> {
        match &self.tok {
            Tok::Str {
                text,
                quoted: false,
            } => Some(text.to_lowercase()),
            _ => None,
        }
    }

    /// True when this is the unquoted keyword `kw` (lower case).
    pub fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.tok, Tok::Str { text, quoted: false } if text.eq_ignore_ascii_case(kw))
    }
}

/// Characters that may not appear in a bare word.
fn is_reserved_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | ')'
            | ','
            | '='
            | '!'
            | '<'
            | '>'
            | '~'
            | '['
            | ']'
            | '{'
            | '}'
            | '*'
            | '/'
            | '%'
            | '+'
            | '^'
            | '$'
            | '#'
            | '@'
            | '?'
            | ';'
            | '|'
            | '&'
    )
}

fn syntax(msg: String, pos: Pos) -> JqlError {
    JqlError::new(format!("Error in the JQL Query: {msg} {}", pos.suffix()))
}

const ESCAPE_HELP: &str =
    "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

struct Lexer<'s> {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    _src: &'s str,
}

impl Lexer<'_> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.i + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.i).copied()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// Reads one escape sequence after a backslash (already consumed).
    fn escape(&mut self, start: Pos) -> Result<char, JqlError> {
        let Some(c) = self.bump() else {
            return Err(syntax(
                format!("'\\' is an illegal JQL escape sequence. {ESCAPE_HELP}"),
                start,
            ));
        };
        Ok(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '"' | '\'' | '\\' | ' ' => c,
            'u' => {
                let hex: String = (0..4).filter_map(|k| self.peek_at(k)).collect();
                let ok = hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit());
                let value = if ok {
                    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                } else {
                    None
                };
                match value {
                    Some(v) => {
                        for _ in 0..4 {
                            self.bump();
                        }
                        v
                    }
                    None => {
                        return Err(syntax(
                            format!("'\\u{hex}' is an illegal JQL escape sequence. {ESCAPE_HELP}"),
                            start,
                        ));
                    }
                }
            }
            other => {
                return Err(syntax(
                    format!("'\\{other}' is an illegal JQL escape sequence. {ESCAPE_HELP}"),
                    start,
                ));
            }
        })
    }

    fn quoted(&mut self, quote: char, start: Pos) -> Result<String, JqlError> {
        let body_start = self.i;
        let mut out = String::new();
        loop {
            let here = self.pos();
            match self.bump() {
                None => {
                    let rest: String = self.chars[body_start..].iter().collect();
                    return Err(syntax(
                        format!("The quoted string '{rest}' has not been completed."),
                        start,
                    ));
                }
                Some(c) if c == quote => return Ok(out),
                Some('\\') => out.push(self.escape(here)?),
                Some(c) => out.push(c),
            }
        }
    }

    fn bare(&mut self) -> Result<String, JqlError> {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || is_reserved_char(c) {
                break;
            }
            let here = self.pos();
            self.bump();
            if c == '\\' {
                out.push(self.escape(here)?);
            } else {
                out.push(c);
            }
        }
        Ok(out)
    }

    fn next(&mut self) -> Result<Token, JqlError> {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
        let pos = self.pos();
        let start = self.i;
        let Some(c) = self.peek() else {
            return Ok(Token {
                tok: Tok::Eof,
                pos,
                raw: String::new(),
            });
        };
        let tok = match c {
            '(' => {
                self.bump();
                Tok::LParen
            }
            ')' => {
                self.bump();
                Tok::RParen
            }
            ',' => {
                self.bump();
                Tok::Comma
            }
            '=' => {
                self.bump();
                Tok::Op("=")
            }
            '~' => {
                self.bump();
                Tok::Op("~")
            }
            '!' => {
                self.bump();
                match self.peek() {
                    Some('=') => {
                        self.bump();
                        Tok::Op("!=")
                    }
                    Some('~') => {
                        self.bump();
                        Tok::Op("!~")
                    }
                    _ => Tok::Bang,
                }
            }
            '<' | '>' => {
                self.bump();
                if self.peek() == Some('=') {
                    self.bump();
                    Tok::Op(if c == '<' { "<=" } else { ">=" })
                } else {
                    Tok::Op(if c == '<' { "<" } else { ">" })
                }
            }
            '&' => {
                self.bump();
                if self.peek() == Some('&') {
                    self.bump();
                }
                Tok::And
            }
            '|' => {
                self.bump();
                if self.peek() == Some('|') {
                    self.bump();
                }
                Tok::Or
            }
            '"' | '\'' => {
                self.bump();
                Tok::Str {
                    text: self.quoted(c, pos)?,
                    quoted: true,
                }
            }
            c if is_reserved_char(c) => {
                return Err(syntax(
                    format!(
                        "The character '{c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u{:04x}' instead.",
                        c as u32
                    ),
                    pos,
                ));
            }
            _ => {
                let text = self.bare()?;
                // `cf[12345]`: the only place brackets are allowed.
                if text.eq_ignore_ascii_case("cf") && self.peek() == Some('[') {
                    let mut k = 1;
                    let mut digits = String::new();
                    while let Some(d) = self.peek_at(k).filter(char::is_ascii_digit) {
                        digits.push(d);
                        k += 1;
                    }
                    if !digits.is_empty() && self.peek_at(k) == Some(']') {
                        for _ in 0..=k {
                            self.bump();
                        }
                        Tok::CustomField(digits)
                    } else {
                        Tok::Str {
                            text,
                            quoted: false,
                        }
                    }
                } else {
                    Tok::Str {
                        text,
                        quoted: false,
                    }
                }
            }
        };
        let raw: String = self.chars[start..self.i].iter().collect();
        Ok(Token { tok, pos, raw })
    }
}

/// Splits a query into tokens, ending with [`Tok::Eof`].
pub fn tokenize(src: &str) -> Result<Vec<Token>, JqlError> {
    let mut lx = Lexer {
        chars: src.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
        _src: src,
    };
    let mut out = Vec::new();
    loop {
        let t = lx.next()?;
        let end = t.tok == Tok::Eof;
        out.push(t);
        if end {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        tokenize(src)
            .map(|v| v.into_iter().map(|t| t.tok).collect())
            .unwrap_or_default()
    }

    fn s(text: &str, quoted: bool) -> Tok {
        Tok::Str {
            text: text.to_string(),
            quoted,
        }
    }

    #[test]
    fn operators_and_punctuation() {
        assert_eq!(
            kinds("a!=b&&c||!(d)<=e>=f<g>h~i!~j,k"),
            vec![
                s("a", false),
                Tok::Op("!="),
                s("b", false),
                Tok::And,
                s("c", false),
                Tok::Or,
                Tok::Bang,
                Tok::LParen,
                s("d", false),
                Tok::RParen,
                Tok::Op("<="),
                s("e", false),
                Tok::Op(">="),
                s("f", false),
                Tok::Op("<"),
                s("g", false),
                Tok::Op(">"),
                s("h", false),
                Tok::Op("~"),
                s("i", false),
                Tok::Op("!~"),
                s("j", false),
                Tok::Comma,
                s("k", false),
                Tok::Eof
            ]
        );
    }

    #[test]
    fn quoted_strings_and_escapes() {
        assert_eq!(kinds(r#""a \"b\" \\ \n""#)[0], s("a \"b\" \\ \n", true));
        assert_eq!(kinds(r"'it\'s'")[0], s("it's", true));
        assert_eq!(kinds(r#""\u0041x""#)[0], s("Ax", true));
        assert_eq!(kinds(r"a\ b")[0], s("a b", false));
    }

    #[test]
    fn bare_words_keep_minus_dots_and_colons() {
        assert_eq!(
            kinds("TEST-12 -7d 2026-11-01 a.b:c")[..4],
            [
                s("TEST-12", false),
                s("-7d", false),
                s("2026-11-01", false),
                s("a.b:c", false)
            ]
        );
    }

    #[test]
    fn custom_field_reference() {
        assert_eq!(kinds("cf[10016] > 3")[0], Tok::CustomField("10016".into()));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let toks = tokenize("a = b\n  AND c").unwrap_or_default();
        assert_eq!(toks[3].pos, Pos { line: 2, col: 3 });
    }

    fn err(src: &str) -> String {
        match tokenize(src) {
            Err(e) => e.messages.join("|"),
            Ok(_) => String::from("<ok>"),
        }
    }

    #[test]
    fn errors() {
        assert_eq!(
            err("reporter=a/user/with/slash"),
            "Error in the JQL Query: The character '/' is a reserved JQL character. You must enclose it in a string or use the escape '\\u002f' instead. (line 1, character 11)"
        );
        assert_eq!(
            err("summary ~ \"abc"),
            "Error in the JQL Query: The quoted string 'abc' has not been completed. (line 1, character 11)"
        );
        assert_eq!(
            err("summary ~ 'x\\q'"),
            "Error in the JQL Query: '\\q' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 13)"
        );
        assert!(err("a = \"\\u12\"").contains("'\\u12\"' is an illegal JQL escape sequence"));
    }
}
