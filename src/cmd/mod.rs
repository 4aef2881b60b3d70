//! The command framework: declarations ([`spec`]), the binder ([`bind`]), the registry of
//! commands ([`registry`]) and help rendered from specs ([`help`]).
//!
//! A command runs as PowerShell's do: `begin` once, `process` once per pipeline input (or once
//! with no input), `end` once. Output goes to a [`Sink`], which passes each object downstream at
//! once; a downstream that wants no more answers with [`Flow::StopPipeline`].

pub mod bind;
pub mod help;
pub mod reference;
pub mod registry;
pub mod spec;

use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::eval::value::Value;

pub use bind::Bound;

/// Receives a command's output objects.
pub trait Sink {
    /// Passes one object on. `Err(Flow::StopPipeline)` means downstream wants no more.
    fn emit(&mut self, it: &mut Interp, value: Value) -> Result<(), Flow>;
}

/// A sink that collects into a vector.
impl Sink for Vec<Value> {
    fn emit(&mut self, _it: &mut Interp, value: Value) -> Result<(), Flow> {
        self.push(value);
        Ok(())
    }
}

/// One running invocation of a command. Created by [`spec::CmdletSpec::factory`].
///
/// `args` holds the parameters bound from the command line plus, in `process`, those bound
/// from the current pipeline object. Errors that should not stop the command are written with
/// [`Interp::write_error`] (which itself returns `Err` when `-ErrorAction Stop` applies).
pub trait Command {
    /// Runs once before any input.
    fn begin(&mut self, _it: &mut Interp, _args: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        Ok(())
    }
    /// Runs once per pipeline object, or once when the command has no pipeline input.
    fn process(&mut self, it: &mut Interp, args: &Bound, out: &mut dyn Sink) -> Result<(), Flow>;
    /// Runs once after all input.
    fn end(&mut self, _it: &mut Interp, _args: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        Ok(())
    }
}

/// A command implemented by one function called from `process` — the common case.
pub struct FnCommand(pub fn(&mut Interp, &Bound, &mut dyn Sink) -> Result<(), Flow>);

impl Command for FnCommand {
    fn process(&mut self, it: &mut Interp, args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
        (self.0)(it, args, out)
    }
}
