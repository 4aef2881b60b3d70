//! Rendering values for people: tables, lists, colour, terminal width, redirection.
//! Terminal facts are decided once ([`TermInfo`]) and passed in, so output never depends on
//! the terminal a test happens to run in.

use std::io::Write;

/// Facts about where output goes, decided once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct TermInfo {
    /// Use ANSI colour.
    pub color: bool,
    /// Width in columns for tables.
    pub width: usize,
    /// stdin and stdout are a terminal (interactive shell).
    pub interactive: bool,
}

/// The host: the output and error streams plus terminal facts.
pub struct Host {
    /// Standard output.
    pub out: Box<dyn Write>,
    /// Standard error.
    pub err: Box<dyn Write>,
    /// Terminal facts.
    pub term: TermInfo,
}
