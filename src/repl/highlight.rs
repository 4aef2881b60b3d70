//! Syntax colouring of the line being edited, from the lexer's lossless token stream.
//!
//! Each token keeps its text; only ANSI colour codes are added around it, so the display width
//! never changes. Command names the shell does not know are shown as errors.

use std::fmt::Write as _;

use crate::lang::lexer::tokenize;
use crate::lang::token::TokenKind;

const RESET: &str = "\x1b[0m";

/// The colour of a token kind (`None`: default colour).
fn colour(kind: TokenKind) -> Option<&'static str> {
    Some(match kind {
        TokenKind::CommandName => "\x1b[93m",
        TokenKind::Parameter => "\x1b[90m",
        TokenKind::String => "\x1b[36m",
        TokenKind::Variable => "\x1b[92m",
        TokenKind::Number => "\x1b[97m",
        TokenKind::Operator => "\x1b[90m",
        TokenKind::Keyword => "\x1b[32m",
        TokenKind::Comment => "\x1b[32;2m",
        TokenKind::TypeLiteral => "\x1b[37m",
        TokenKind::Label => "\x1b[35m",
        TokenKind::Error => "\x1b[91;4m",
        TokenKind::Whitespace | TokenKind::Newline | TokenKind::Punct | TokenKind::BareWord => {
            return None;
        }
    })
}

/// Colours `line`. `known` says whether a command name exists (unknown names are red).
pub fn highlight(line: &str, known: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    for t in tokenize(line) {
        let text = t.text(line);
        let code = match t.kind {
            TokenKind::CommandName if !known(text) => Some("\x1b[91m"),
            k => colour(k),
        };
        match code {
            Some(c) => {
                let _ = write!(out, "{c}{text}{RESET}");
            }
            None => out.push_str(text),
        }
    }
    out
}

/// Greys a hint.
pub fn grey(hint: &str) -> String {
    format!("\x1b[90m{hint}{RESET}")
}

/// Strips ANSI colour sequences (for tests and width checks).
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colouring_keeps_the_text() {
        for line in [
            "Get-JiraIssue -Key TEST-1 | Select-Object Key, Summary # done",
            "$x = @{ a = 'b'; c = \"d $e\" }",
            "if ($a -eq 3) { foreach ($i in 1..4) { $i } }",
            "'unterminated",
        ] {
            let h = highlight(line, |_| true);
            assert_eq!(strip_ansi(&h), line);
            assert_ne!(h, line, "something is coloured in {line}");
        }
    }

    #[test]
    fn unknown_commands_are_red() {
        let h = highlight("Get-Nothing -X 1", |n| {
            n.eq_ignore_ascii_case("Get-JiraIssue")
        });
        assert!(h.starts_with("\x1b[91mGet-Nothing"), "{h:?}");
        let h = highlight("Get-JiraIssue -X 1", |n| {
            n.eq_ignore_ascii_case("Get-JiraIssue")
        });
        assert!(h.starts_with("\x1b[93mGet-JiraIssue"), "{h:?}");
    }
}
