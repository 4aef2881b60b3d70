//! jirash: a Jira shell that speaks JiraPS's PowerShell command language.
//!
//! The crate is laid out as in `docs/architecture.md`: text flows from `lang` (lexer, parser)
//! to `eval` (the interpreter), which binds commands through `cmd` and runs `builtins` or Jira
//! `cmdlets`; Jira calls go through `jira`; results become records in `objects` and are rendered
//! by `output`. `repl` is the interactive front end.

pub mod builtins;
pub mod cli;
pub mod cmd;
pub mod cmdlets;
pub mod demo;
pub mod eval;
pub mod jira;
pub mod lang;
pub mod objects;
pub mod output;
pub mod repl;
