//! The registry of commands: every built-in and Jira cmdlet spec, and their aliases.

use std::collections::HashMap;

use crate::cmd::spec::CmdletSpec;

/// All commands a shell knows, looked up case-insensitively by name or alias.
#[derive(Debug, Default)]
pub struct Registry {
    specs: Vec<&'static CmdletSpec>,
    by_name: HashMap<String, usize>,
}

impl Registry {
    /// The standard set: built-ins and Jira cmdlets.
    pub fn standard() -> Self {
        let mut r = Registry::default();
        for s in crate::builtins::SPECS.iter().chain(crate::cmdlets::SPECS.iter()) {
            r.add(s);
        }
        r
    }
    /// Adds one spec (its name and aliases).
    pub fn add(&mut self, spec: &'static CmdletSpec) {
        let idx = self.specs.len();
        self.specs.push(spec);
        self.by_name.insert(spec.name.to_ascii_lowercase(), idx);
        for a in spec.aliases {
            self.by_name.insert(a.to_ascii_lowercase(), idx);
        }
    }
    /// Finds a command by name or alias.
    pub fn get(&self, name: &str) -> Option<&'static CmdletSpec> {
        self.by_name.get(&name.to_ascii_lowercase()).map(|&i| self.specs[i])
    }
    /// Every spec, in registration order.
    pub fn specs(&self) -> &[&'static CmdletSpec] {
        &self.specs
    }
}
