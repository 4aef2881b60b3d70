//! The binder: turns the arguments written on a command line (and pipeline objects) into
//! validated, converted parameter values for one [`CmdletSpec`](super::spec::CmdletSpec),
//! following `language.md` §5. It touches no network and no interpreter state beyond type
//! conversion, so every rule is unit-tested.

use indexmap::IndexMap;

use crate::eval::value::Value;

/// Bound parameters of one invocation.
#[derive(Debug, Clone, Default)]
pub struct Bound {
    /// Chosen parameter set name.
    pub set: &'static str,
    /// Values by canonical parameter name, in binding order.
    pub values: IndexMap<&'static str, Value>,
}

impl Bound {
    /// The value of a parameter, if bound.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }
    /// True when the parameter was given.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// A switch: true when given and not `:$false`.
    pub fn switch(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Value::Bool(true)))
    }
}
