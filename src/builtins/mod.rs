//! Built-in (non-Jira) commands of `language.md` §7, one file per family.

use crate::cmd::spec::CmdletSpec;

/// Specs of every built-in command.
pub static SPECS: &[&CmdletSpec] = &[];
