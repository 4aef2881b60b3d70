//! The language front end: tokens, lexer, syntax tree, parser and diagnostics.
//!
//! `parser::parse_script` turns text into an [`ast::Script`] or a [`diag::ParseError`] (whose
//! `incomplete` flag tells the REPL to ask for another line); `lexer::tokenize` gives the
//! lossless token stream that highlighting and completion use. Nothing here runs code.
//! The grammar is documented in `docs/GRAMMAR.md`.

pub mod ast;
pub mod diag;
pub mod lexer;
pub mod parser;
pub mod token;

pub use diag::ParseError;
pub use parser::parse_script;
