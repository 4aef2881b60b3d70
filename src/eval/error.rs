//! Errors and non-local control flow of the interpreter.
//!
//! [`Flow`] is the `Err` side of every evaluation step: a terminating error, or one of
//! `break`/`continue`/`return`/`exit`, or a pipeline stop. [`ErrorRecord`] is PowerShell's
//! error record: what `$Error`, `-ErrorVariable` and `catch { $_ }` hold.

use std::fmt;
use std::rc::Rc;

use crate::eval::value::Value;
use crate::lang::ast::Span;

/// An error record.
#[derive(Debug, Clone)]
pub struct ErrorRecord {
    /// The message (for Jira errors, Jira's own text).
    pub message: String,
    /// The command that wrote it (`Get-JiraIssue`), if any; printed as `Cmd: message`.
    pub command: Option<String>,
    /// Error category (`ObjectNotFound`, `InvalidArgument`, `AuthenticationError`, …).
    pub category: ErrorCategory,
    /// A stable id (`JiraPS.Http404`, `ParameterBindingFailed`, `CommandNotFound`, …).
    pub id: String,
    /// The object it is about, if any.
    pub target: Option<Value>,
    /// Where in the script it happened.
    pub span: Option<Span>,
    /// For `throw <object>`: the thrown object.
    pub thrown: Option<Value>,
    /// Extra guidance printed under the message ("did you mean …").
    pub hint: Option<String>,
}

/// PowerShell's error categories, the subset jirash uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCategory {
    /// Unclassified.
    NotSpecified,
    /// Bad argument.
    InvalidArgument,
    /// Operation not valid in this state.
    InvalidOperation,
    /// Object does not exist.
    ObjectNotFound,
    /// No permission.
    PermissionDenied,
    /// Authentication failed.
    AuthenticationError,
    /// Network / connection failure.
    ConnectionError,
    /// Parameter binding failed.
    InvalidData,
    /// Syntax error.
    ParserError,
    /// Unknown command.
    CommandNotFound,
    /// Limits exceeded (rate limit).
    LimitsExceeded,
    /// Cancelled by the user.
    OperationStopped,
    /// Wrong type.
    InvalidType,
}

impl ErrorRecord {
    /// A record with a message and defaults for the rest.
    pub fn new(message: impl Into<String>) -> Self {
        ErrorRecord {
            message: message.into(),
            command: None,
            category: ErrorCategory::NotSpecified,
            id: String::new(),
            target: None,
            span: None,
            thrown: None,
            hint: None,
        }
    }
    /// Sets the command name.
    pub fn command(mut self, name: impl Into<String>) -> Self {
        self.command = Some(name.into());
        self
    }
    /// Sets the category.
    pub fn category(mut self, c: ErrorCategory) -> Self {
        self.category = c;
        self
    }
    /// Sets the id.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }
    /// Sets the target object.
    pub fn target(mut self, v: Value) -> Self {
        self.target = Some(v);
        self
    }
    /// Sets the span.
    pub fn span(mut self, s: Span) -> Self {
        self.span = Some(s);
        self
    }
    /// Sets a hint.
    pub fn hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }
}

impl fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.command {
            Some(c) => write!(f, "{c}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Non-local exits from evaluation.
#[derive(Debug, Clone)]
pub enum Flow {
    /// A terminating error.
    Error(Rc<ErrorRecord>),
    /// `break [label]`
    Break(Option<String>),
    /// `continue [label]`
    Continue(Option<String>),
    /// `return`: the values are already written to output.
    Return,
    /// `exit [code]`
    Exit(i32),
    /// Downstream of a pipeline wants no more objects (`Select-Object -First`).
    StopPipeline,
    /// The user pressed Ctrl-C.
    Cancelled,
}

impl Flow {
    /// A terminating error with a message.
    pub fn error(message: impl Into<String>) -> Flow {
        Flow::Error(Rc::new(ErrorRecord::new(message)))
    }
}

impl From<ErrorRecord> for Flow {
    fn from(e: ErrorRecord) -> Self {
        Flow::Error(Rc::new(e))
    }
}
