//! Jira cmdlets, one file per noun area, each declared once as a [`CmdletSpec`] with JiraPS's
//! parameter names, aliases, positions, sets and pipeline bindings (`jiraps-reference.md` §1).
//!
//! - [`session`] — server configuration and sessions;
//! - [`method`] — `Invoke-JiraMethod`;
//! - [`issue`] — `Get-JiraIssue`;
//! - [`metadata`] — `Get-JiraServerInformation`;
//! - [`common`] — running client calls, errors, `-Verbose`, credentials, paging into pipelines;
//! - [`state`] — [`JiraState`], the Jira part of the shell context (`Interp::jira`).
//!
//! Cmdlets never print: they emit objects and write errors through the interpreter.

pub mod common;
pub mod issue;
pub mod metadata;
pub mod method;
pub mod session;
pub mod state;

pub use state::JiraState;

use crate::cmd::spec::CmdletSpec;

/// Specs of every Jira cmdlet.
pub static SPECS: &[&CmdletSpec] = &[
    &session::SET_CONFIG_SERVER,
    &session::GET_CONFIG_SERVER,
    &session::CLEAR_CACHE,
    &session::NEW_SESSION,
    &session::GET_SESSION,
    &session::REMOVE_SESSION,
    &method::INVOKE_METHOD,
    &issue::GET_ISSUE,
    &metadata::GET_SERVER_INFO,
];

#[cfg(test)]
mod tests;
