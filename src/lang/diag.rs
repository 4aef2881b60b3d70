//! Parse errors: what went wrong, where, whether more input could fix it, and how the error is
//! rendered with a caret under the fault. Only the parser creates these; the REPL reads
//! `incomplete` to decide whether to ask for another line.

use crate::lang::ast::Span;

/// A syntax error in a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// A short, lower-case-first sentence saying what was expected.
    pub message: String,
    /// Where the fault is (for an unclosed block: the opening brace).
    pub span: Span,
    /// True exactly when the error is "unexpected end of input": more text could complete it.
    pub incomplete: bool,
    /// An optional remedy shown under the snippet.
    pub hint: Option<String>,
}

impl ParseError {
    /// Renders the error as
    ///
    /// ```text
    /// ParserError: script.ps1:3:9: missing closing '}' for the block opened at line 3
    ///  3 | if ($x) {
    ///    |         ^
    /// ```
    ///
    /// `origin` is the file name, `-c`, `<stdin>` or `<paste>`. No trailing newline. A hint, if
    /// any, follows on a last line `hint: …`.
    pub fn render(&self, src: &str, origin: &str) -> String {
        let line_no = self.span.line.max(1);
        let col = self.span.col.max(1) as usize;
        let text = src.split('\n').nth(line_no as usize - 1).unwrap_or("");
        let text = text.strip_suffix('\r').unwrap_or(text);
        let num = line_no.to_string();
        let pad = " ".repeat(num.len());
        // Keep tabs in the caret line so the caret lines up with the source line as printed.
        let lead: String = text
            .chars()
            .take(col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let missing = (col - 1).saturating_sub(text.chars().count());
        let mut out = format!(
            "ParserError: {origin}:{line_no}:{col}: {msg}\n {num} | {text}\n {pad} | {lead}{more}^",
            msg = self.message,
            more = " ".repeat(missing),
        );
        if let Some(h) = &self.hint {
            out.push_str("\nhint: ");
            out.push_str(h);
        }
        out
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(line: u32, col: u32, msg: &str) -> ParseError {
        ParseError {
            message: msg.into(),
            span: Span {
                start: 0,
                end: 0,
                line,
                col,
            },
            incomplete: false,
            hint: None,
        }
    }

    #[test]
    fn render_exact_shape() {
        let src = "$a = 1\n$b = 2\nif ($x) {\n";
        let e = err(3, 9, "missing closing '}' for the block opened at line 3");
        assert_eq!(
            e.render(src, "script.ps1"),
            "ParserError: script.ps1:3:9: missing closing '}' for the block opened at line 3\n \
             3 | if ($x) {\n   |         ^"
        );
    }

    #[test]
    fn render_wide_line_numbers_and_tabs() {
        let mut src = String::new();
        for _ in 0..11 {
            src.push('\n');
        }
        src.push_str("\tfoo )\r\n");
        let e = err(12, 6, "unexpected token ')'");
        assert_eq!(
            e.render(&src, "-c"),
            "ParserError: -c:12:6: unexpected token ')'\n 12 | \tfoo )\n    | \t    ^"
        );
    }

    #[test]
    fn render_caret_past_end_and_hint() {
        let mut e = err(1, 4, "missing expression after operator '+'");
        e.hint = Some("add a value".into());
        assert_eq!(
            e.render("1 +", "<stdin>"),
            "ParserError: <stdin>:1:4: missing expression after operator '+'\n 1 | 1 +\n   |    ^\nhint: add a value"
        );
    }

    #[test]
    fn display_is_message() {
        let e = err(1, 1, "unexpected token '}'");
        assert_eq!(e.to_string(), "unexpected token '}'");
        let _: &dyn std::error::Error = &e;
    }
}
