//! Variable and function scopes with PowerShell's dynamic scoping: a scope's parent is the
//! scope it was called from; reading walks up the chain, writing writes to the current scope.
//! Scopes are shared (`Rc`) because a pipeline of functions keeps several alive at once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::eval::value::Value;
use crate::lang::ast::FunctionDef;

/// A shared scope.
pub type ScopeRef = Rc<RefCell<Scope>>;

/// One scope: variables and functions defined in it, and its parent.
#[derive(Default)]
pub struct Scope {
    vars: HashMap<String, Value>,
    funcs: HashMap<String, Rc<FunctionDef>>,
    /// The scope this one was created from (`None` for the global scope).
    pub parent: Option<ScopeRef>,
    /// A script scope (target of `$script:`).
    pub is_script: bool,
}

/// Lower-cases a name only when needed.
fn key(name: &str) -> std::borrow::Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) || !name.is_ascii() {
        std::borrow::Cow::Owned(name.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

impl Scope {
    /// A new scope under `parent`.
    pub fn child(parent: &ScopeRef, is_script: bool) -> ScopeRef {
        Rc::new(RefCell::new(Scope {
            parent: Some(parent.clone()),
            is_script,
            ..Scope::default()
        }))
    }
    /// The global scope.
    pub fn global() -> ScopeRef {
        Rc::new(RefCell::new(Scope {
            is_script: true,
            ..Scope::default()
        }))
    }
    /// A variable defined in this very scope.
    pub fn local(&self, name: &str) -> Option<Value> {
        self.vars.get(&*key(name)).cloned()
    }
    /// Defines or replaces a variable in this scope.
    pub fn set_local(&mut self, name: &str, v: Value) {
        match self.vars.get_mut(&*key(name)) {
            Some(slot) => *slot = v,
            None => {
                self.vars.insert(key(name).into_owned(), v);
            }
        }
    }
    /// Removes a variable from this scope; true when it existed.
    pub fn remove_local(&mut self, name: &str) -> bool {
        self.vars.remove(&*key(name)).is_some()
    }
    /// Defines a function in this scope.
    pub fn set_func(&mut self, def: Rc<FunctionDef>) {
        self.funcs.insert(def.name.to_lowercase(), def);
    }
    /// Variable names defined in this scope (lower case).
    pub fn var_names(&self) -> Vec<String> {
        self.vars.keys().cloned().collect()
    }
    /// Function names defined in this scope.
    pub fn func_names(&self) -> Vec<String> {
        self.funcs.values().map(|f| f.name.clone()).collect()
    }
}

/// Finds a variable walking up from `start`.
pub fn lookup(start: &ScopeRef, name: &str) -> Option<Value> {
    let k = key(name);
    let mut cur = start.clone();
    loop {
        let next = {
            let s = cur.borrow();
            if let Some(v) = s.vars.get(&*k) {
                return Some(v.clone());
            }
            s.parent.clone()
        };
        cur = next?;
    }
}

/// Finds the scope that defines `name`, walking up from `start`.
pub fn owner(start: &ScopeRef, name: &str) -> Option<ScopeRef> {
    let k = key(name);
    let mut cur = start.clone();
    loop {
        let next = {
            let s = cur.borrow();
            if s.vars.contains_key(&*k) {
                None
            } else {
                Some(s.parent.clone())
            }
        };
        match next {
            None => return Some(cur),
            Some(Some(p)) => cur = p,
            Some(None) => return None,
        }
    }
}

/// Finds a function walking up from `start`.
pub fn lookup_func(start: &ScopeRef, name: &str) -> Option<Rc<FunctionDef>> {
    let k = name.to_lowercase();
    let mut cur = start.clone();
    loop {
        let next = {
            let s = cur.borrow();
            if let Some(f) = s.funcs.get(&k) {
                return Some(f.clone());
            }
            s.parent.clone()
        };
        cur = next?;
    }
}

/// The nearest script scope at or above `start`.
pub fn script_scope(start: &ScopeRef) -> ScopeRef {
    let mut cur = start.clone();
    loop {
        let next = {
            let s = cur.borrow();
            if s.is_script {
                return cur.clone();
            }
            s.parent.clone()
        };
        match next {
            Some(p) => cur = p,
            None => return cur,
        }
    }
}

/// The global scope (the root of the chain).
pub fn global_scope(start: &ScopeRef) -> ScopeRef {
    let mut cur = start.clone();
    loop {
        let next = cur.borrow().parent.clone();
        match next {
            Some(p) => cur = p,
            None => return cur,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_walk_up_writes_stay_local() {
        let g = Scope::global();
        g.borrow_mut().set_local("X", Value::Int(1));
        let c = Scope::child(&g, false);
        assert!(matches!(lookup(&c, "x"), Some(Value::Int(1))));
        c.borrow_mut().set_local("x", Value::Int(2));
        assert!(matches!(lookup(&c, "X"), Some(Value::Int(2))));
        assert!(matches!(lookup(&g, "x"), Some(Value::Int(1))));
        assert!(Rc::ptr_eq(
            &owner(&c, "x").unwrap_or_else(Scope::global),
            &c
        ));
        assert!(Rc::ptr_eq(&global_scope(&c), &g));
    }
}
