//! Jira cmdlets, one file per noun area.

use crate::cmd::spec::CmdletSpec;

/// Specs of every Jira cmdlet.
pub static SPECS: &[&CmdletSpec] = &[];
