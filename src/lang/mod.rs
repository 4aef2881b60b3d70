//! The language front end: tokens, lexer, syntax tree, parser and diagnostics.

pub mod ast;
pub mod diag;
pub mod lexer;
pub mod parser;
pub mod token;
