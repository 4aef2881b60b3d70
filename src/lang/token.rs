//! Tokens of the lossless token stream used for highlighting and completion, and the
//! [`LineIndex`] that turns byte offsets into 1-based line/column positions for every [`Span`].
//! This module owns no lexing logic; see `lexer.rs`.

use crate::lang::ast::Span;

/// One token: its kind and where it is. The text is `&src[span.start..span.end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What kind of token.
    pub kind: TokenKind,
    /// Where it is in the source.
    pub span: Span,
}

impl Token {
    /// The token's text in `src` (the source it was produced from); empty if out of range.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.span.start..self.span.end).unwrap_or("")
    }
}

/// Token kinds, coarse enough for highlighting and completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Spaces, tabs, and line continuations (a backtick followed by a newline).
    Whitespace,
    /// A newline (`\n` or `\r\n`): a statement separator.
    Newline,
    /// `# …` or `<# … #>`.
    Comment,
    /// A language keyword in statement position (`if`, `foreach`, `function` …).
    Keyword,
    /// The name of a command (first word of a command).
    CommandName,
    /// `-Name` or `-Name:` in command mode.
    Parameter,
    /// `$name`, `${name}`, `@splat`.
    Variable,
    /// Any string literal, including here-strings (also when unterminated).
    String,
    /// A numeric literal.
    Number,
    /// Operators: `+ - * / % = += -eq -and .. :: & |` and friends.
    Operator,
    /// Grouping and separators: `( ) { } [ ] @( @{ $( ; ,`.
    Punct,
    /// A bare word: a command argument or a member name.
    BareWord,
    /// A type literal `[int]`, `[string[]]`, `[datetime]`.
    TypeLiteral,
    /// A loop label `:outer`.
    Label,
    /// Text that cannot start any token (for example an unterminated `${`).
    Error,
}

/// Maps byte offsets of one source text to 1-based line and column (in characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// Whether each line is pure ASCII (column = byte distance + 1).
    ascii: Vec<bool>,
    /// The line of the last lookup: spans are mostly created in source order.
    hint: std::cell::Cell<usize>,
    /// The last (byte offset, 0-based column) computed on a non-ASCII line, so that counting
    /// characters along one long line stays linear.
    last_col: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    /// Index the lines of `src`.
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, b) in src.bytes().enumerate() {
            if b == b'\n' {
                ascii.push(line_ascii);
                line_ascii = true;
                starts.push(i + 1);
            } else if b >= 0x80 {
                line_ascii = false;
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            starts,
            ascii,
            hint: std::cell::Cell::new(0),
            last_col: std::cell::Cell::new((usize::MAX, 0)),
        }
    }

    /// 1-based (line, column) of byte offset `pos` in `src` (the text this index was built on).
    pub fn line_col(&self, src: &str, pos: usize) -> (u32, u32) {
        let pos = pos.min(src.len());
        let h = self.hint.get();
        let in_line = |l: usize| {
            self.starts.get(l).is_some_and(|&s| s <= pos)
                && self.starts.get(l + 1).is_none_or(|&n| pos < n)
        };
        let line = if in_line(h) {
            h
        } else if in_line(h + 1) {
            h + 1
        } else {
            match self.starts.binary_search(&pos) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        };
        self.hint.set(line);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = if self.ascii.get(line).copied().unwrap_or(true) {
            pos - start
        } else {
            let mut p = pos;
            while p > start && !src.is_char_boundary(p) {
                p -= 1;
            }
            let (last_pos, last_col) = self.last_col.get();
            let (from, base) = if last_pos != usize::MAX && last_pos >= start && last_pos <= p {
                (last_pos, last_col)
            } else {
                (start, 0)
            };
            let col = base + src.get(from..p).map_or(0, |s| s.chars().count());
            self.last_col.set((p, col));
            col
        };
        (line as u32 + 1, col as u32 + 1)
    }

    /// The span from `start` to `end` with its line and column filled in.
    pub fn span(&self, src: &str, start: usize, end: usize) -> Span {
        let (line, col) = self.line_col(src, start);
        Span {
            start,
            end: end.max(start),
            line,
            col,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_ascii_and_unicode() {
        let src = "ab\ncé d\n\nx";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 0), (1, 1));
        assert_eq!(idx.line_col(src, 1), (1, 2));
        assert_eq!(idx.line_col(src, 3), (2, 1));
        // 'é' is two bytes: the space after it is column 3.
        assert_eq!(idx.line_col(src, 6), (2, 3));
        assert_eq!(idx.line_col(src, 9), (3, 1));
        assert_eq!(idx.line_col(src, 10), (4, 1));
        assert_eq!(idx.line_col(src, 99), (4, 2));
        // Out-of-order lookups on a non-ASCII line still count from the line start.
        assert_eq!(idx.line_col(src, 6), (2, 3));
        assert_eq!(idx.line_col(src, 3), (2, 1));
        assert_eq!(idx.line_col(src, 4), (2, 2));
        assert_eq!(idx.line_col(src, 7), (2, 4));
    }

    #[test]
    fn long_non_ascii_line_is_linear() {
        let src = "é ".repeat(200_000);
        let idx = LineIndex::new(&src);
        let t = std::time::Instant::now();
        for pos in (0..src.len()).step_by(3) {
            let _ = idx.line_col(&src, pos);
        }
        assert_eq!(idx.line_col(&src, src.len()), (1, 400_001));
        assert!(t.elapsed().as_secs() < 5, "quadratic column counting");
    }

    #[test]
    fn token_text() {
        let src = "abc def";
        let idx = LineIndex::new(src);
        let t = Token {
            kind: TokenKind::BareWord,
            span: idx.span(src, 4, 7),
        };
        assert_eq!(t.text(src), "def");
    }
}
