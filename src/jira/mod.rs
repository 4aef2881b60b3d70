//! The Jira REST client: transport, auth, session, retries, paging, errors.
//!
//! Knows nothing of the language: the cmdlet layer builds [`Request`]s and [`Credentials`],
//! calls the synchronous [`JiraClient`] (which runs requests on its own tokio runtime, racing
//! each against a [`Cancel`] token), and turns [`JiraError`]s into PowerShell errors.
//!
//! Typical use:
//!
//! ```no_run
//! use jirash::jira::{Auth, Cancel, ClientConfig, Credentials, JiraClient, PageOptions, Request};
//! # fn demo(password: secrecy::SecretString) -> Result<(), jirash::jira::JiraError> {
//! let client = JiraClient::new(ClientConfig {
//!     server: Some(jirash::jira::config::parse_server_url("https://jira.example.com")?),
//!     ..ClientConfig::default()
//! })?;
//! let cancel = Cancel::new();
//! client.login(Credentials::from_auth(Auth::basic("alice", password)), &cancel)?;
//! let me = client.json(Request::get("/rest/api/2/myself"), &cancel)?;
//! let issues = client.pages(
//!     Request::get("/rest/api/2/search").query("jql", "project = DEMO"),
//!     PageOptions { first: Some(10), ..PageOptions::default() },
//!     &cancel,
//! )?;
//! for issue in issues {
//!     let _issue = issue?;
//! }
//! # let _ = me; Ok(()) }
//! ```

pub mod adf;
pub mod auth;
pub mod client;
pub mod config;
pub mod deployment;
pub mod error;
pub mod paging;
pub mod request;
pub mod retry;
pub mod session;
pub mod transport;

pub use auth::{Auth, Credentials, SecretHeaders};
pub use client::{ClientConfig, JiraClient};
pub use deployment::{Deployment, ServerInfo};
pub use error::JiraError;
pub use paging::{PageOptions, PageStream, PagingMode};
pub use request::{Body, Cancel, Event, EventSink, Request, Response};
pub use retry::RetryPolicy;
pub use session::{SessionInfo, UserSummary};
pub use transport::TransportOptions;
