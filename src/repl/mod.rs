//! The interactive shell: the rustyline front end of jirash.
//!
//! Owns line editing (emacs or vi keys), the prompt, tab completion ([`complete`], a pure
//! function over a [`complete::CompletionData`] snapshot), highlighting, the validator that
//! asks the real parser whether input is complete, history with its secret filter
//! ([`history`]), Ctrl-C/Ctrl-D handling, F1 help, and the terminal prompts used by
//! confirmations and missing mandatory parameters ([`prompt`]). It never talks to Jira on a
//! keystroke except through [`lookup`], which is bounded by a tight timeout.

pub mod complete;
pub mod helper;
pub mod highlight;
pub mod history;
pub mod jql;
