//! Properties of the language front end: the parser never panics (or hangs, or overflows the
//! stack) on any input, and the lexer is lossless.

use jirash::lang::lexer::tokenize;
use jirash::lang::parser::parse_script;
use proptest::prelude::*;

/// Fragments that stress PowerShell's tricky spots: brackets, quotes, sigils, operators,
/// keywords, here-string markers, continuations and comments.
const PIECES: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "@(",
    "@{",
    "$(",
    "\"",
    "'",
    "@'",
    "'@",
    "@\"",
    "\"@",
    "`",
    "$",
    "@",
    "|",
    ";",
    ",",
    "=",
    "+=",
    "-",
    "--",
    "-eq",
    "-not",
    "-f",
    "..",
    "::",
    ".",
    "&",
    ">",
    "2>&1",
    "#",
    "<#",
    "#>",
    "\n",
    "\r\n",
    " ",
    "\t",
    "if",
    "else",
    "elseif",
    "foreach",
    "in",
    "for",
    "while",
    "do",
    "until",
    "try",
    "catch",
    "finally",
    "function",
    "filter",
    "param",
    "begin",
    "process",
    "end",
    "return",
    "break",
    ":lbl",
    "$x",
    "$_",
    "${a b}",
    "$env:HOME",
    "[int]",
    "[string[]]",
    "Get-JiraIssue",
    "-Key",
    "TEST-1",
    "1",
    "0x1F",
    "1kb",
    "1.5",
    "'s'",
    "\"a $b\"",
    "é",
    "∑",
    "\u{0}",
];

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics_on_token_soup(src in pieces()) {
        let _ = parse_script(&src);
    }

    #[test]
    fn parser_never_panics_on_arbitrary_text(src in "\\PC{0,80}") {
        let _ = parse_script(&src);
    }

    #[test]
    fn error_spans_are_inside_the_source(src in pieces()) {
        if let Err(e) = parse_script(&src) {
            let (start, end, len) = (e.span.start, e.span.end, src.len());
            prop_assert!(start <= end && end <= len, "span {}..{} in {} bytes", start, end, len);
            let rendered = e.render(&src, "t");
            prop_assert!(rendered.starts_with("ParserError: t:"));
        }
    }

    #[test]
    fn tokenize_is_lossless_on_token_soup(src in pieces()) {
        let text: String = tokenize(&src).iter().map(|t| t.text(&src)).collect();
        prop_assert_eq!(text, src);
    }

    #[test]
    fn tokenize_is_lossless_on_arbitrary_text(src in "\\PC{0,120}") {
        let toks = tokenize(&src);
        let mut at = 0;
        for t in &toks {
            prop_assert_eq!(t.span.start, at);
            prop_assert!(t.span.end > t.span.start);
            at = t.span.end;
        }
        prop_assert_eq!(at, src.len());
    }

    #[test]
    fn incomplete_input_stays_incomplete_when_cut(src in pieces()) {
        // Whatever a valid script is cut down to, the parser answers without panicking, and an
        // "incomplete" verdict always points at or before the end of the text.
        if parse_script(&src).is_ok() {
            for cut in (0..src.len()).filter(|&i| src.is_char_boundary(i)) {
                if let Err(e) = parse_script(&src[..cut]) {
                    prop_assert!(e.span.start <= cut);
                }
            }
        }
    }
}
