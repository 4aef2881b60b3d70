//! Built-in (non-Jira) commands of `language.md` §7, one file per family, plus the small
//! helpers they share (property access, script-block evaluation, error records).

pub mod credential;
pub mod data;
pub mod format;
pub mod io;
pub mod meta;
pub mod objects;

use std::rc::Rc;

use crate::cmd::spec::CmdletSpec;
use crate::eval::Interp;
use crate::eval::convert;
use crate::eval::error::{ErrorCategory, ErrorRecord, Flow};
use crate::eval::value::{PropMap, RecordData, Value};
use crate::lang::ast::ScriptBlockDef;

/// Specs of every built-in command.
pub static SPECS: &[&CmdletSpec] = &[
    &objects::SELECT_OBJECT,
    &objects::WHERE_OBJECT,
    &objects::FOREACH_OBJECT,
    &objects::SORT_OBJECT,
    &objects::GROUP_OBJECT,
    &objects::MEASURE_OBJECT,
    &objects::GET_MEMBER,
    &format::FORMAT_TABLE,
    &format::FORMAT_LIST,
    &format::OUT_STRING,
    &format::OUT_HOST,
    &format::OUT_NULL,
    &format::OUT_FILE,
    &io::WRITE_HOST,
    &io::WRITE_OUTPUT,
    &io::WRITE_ERROR,
    &io::WRITE_WARNING,
    &io::WRITE_VERBOSE,
    &io::WRITE_DEBUG,
    &io::READ_HOST,
    &io::GET_CONTENT,
    &io::SET_CONTENT,
    &io::TEST_PATH,
    &io::GET_LOCATION,
    &io::SET_LOCATION,
    &io::GET_CHILD_ITEM,
    &io::CLEAR_HOST,
    &io::START_SLEEP,
    &io::GET_DATE,
    &io::NEW_TIMESPAN,
    &data::CONVERTTO_JSON,
    &data::CONVERTFROM_JSON,
    &data::CONVERTTO_CSV,
    &data::CONVERTFROM_CSV,
    &data::EXPORT_CSV,
    &data::IMPORT_CSV,
    &credential::GET_CREDENTIAL,
    &credential::CONVERTTO_SECURESTRING,
    &credential::CONVERTFROM_SECURESTRING,
    &credential::NEW_OBJECT,
    &meta::GET_COMMAND,
    &meta::GET_HELP,
    &meta::GET_VARIABLE,
    &meta::SET_VARIABLE,
    &meta::REMOVE_VARIABLE,
    &meta::GET_ALIAS,
    &meta::SET_ALIAS,
    &meta::GET_HISTORY,
];

/// The end step of a [`Collect`] command: runs once with every input object.
pub type Finish =
    fn(&mut Interp, &crate::cmd::Bound, Vec<Value>, &mut dyn crate::cmd::Sink) -> Result<(), Flow>;

/// A command that collects its `InputObject`s and does its work at the end (Sort-Object,
/// Format-Table, ConvertTo-Json, …).
pub struct Collect {
    items: Vec<Value>,
    finish: Finish,
}

impl Collect {
    /// A collecting command that calls `finish` at the end.
    pub fn new(finish: Finish) -> Self {
        Collect {
            items: Vec::new(),
            finish,
        }
    }
}

impl crate::cmd::Command for Collect {
    fn process(
        &mut self,
        _it: &mut Interp,
        b: &crate::cmd::Bound,
        _out: &mut dyn crate::cmd::Sink,
    ) -> Result<(), Flow> {
        if let Some(v) = b.get("InputObject") {
            self.items.push(v.clone());
        }
        Ok(())
    }
    fn end(
        &mut self,
        it: &mut Interp,
        b: &crate::cmd::Bound,
        out: &mut dyn crate::cmd::Sink,
    ) -> Result<(), Flow> {
        let items = std::mem::take(&mut self.items);
        (self.finish)(it, b, items, out)
    }
}

/// A terminating error from command `cmd`.
pub fn fail(cmd: &str, category: ErrorCategory, message: impl Into<String>) -> Flow {
    ErrorRecord::new(message)
        .command(cmd)
        .category(category)
        .into()
}

/// A non-terminating error record from command `cmd`.
pub fn record(cmd: &str, category: ErrorCategory, message: impl Into<String>) -> ErrorRecord {
    ErrorRecord::new(message).command(cmd).category(category)
}

/// A property of any value: record and hashtable properties, plus `Length`/`Count` of strings
/// and arrays and the parts of credentials. `$null` when absent (PowerShell's rule).
pub fn get_prop(v: &Value, name: &str) -> Value {
    match v {
        Value::Record(_) | Value::Hashtable(_) => {
            let p = v.property(name);
            if let Value::Hashtable(h) = v
                && p.is_null()
                && name.eq_ignore_ascii_case("Count")
            {
                return Value::Int(h.borrow().len() as i64);
            }
            p
        }
        Value::Str(s) if name.eq_ignore_ascii_case("Length") => {
            Value::Int(s.chars().count() as i64)
        }
        Value::Array(a)
            if name.eq_ignore_ascii_case("Count") || name.eq_ignore_ascii_case("Length") =>
        {
            Value::Int(a.borrow().len() as i64)
        }
        Value::Array(a) => {
            let items: Vec<Value> = a
                .borrow()
                .iter()
                .map(|x| get_prop(x, name))
                .filter(|x| !x.is_null())
                .collect();
            Value::array(items)
        }
        Value::Credential(c) if name.eq_ignore_ascii_case("UserName") => {
            Value::str(c.user.as_str())
        }
        Value::Credential(c) if name.eq_ignore_ascii_case("Password") => {
            Value::SecureString(Rc::new(c.password.clone()))
        }
        _ => Value::Null,
    }
}

/// Property names of a value, in order (records and hashtables; others have none).
pub fn prop_names(v: &Value) -> Vec<String> {
    match v {
        Value::Record(r) => r.borrow().props.keys().map(str::to_owned).collect(),
        Value::Hashtable(h) => h.borrow().keys().map(str::to_owned).collect(),
        Value::Credential(_) => vec!["UserName".into(), "Password".into()],
        _ => Vec::new(),
    }
}

/// Runs a script block with `$_` bound and collects its output: no output is `$null`, one value
/// is itself, more are an array.
pub fn eval_block(
    it: &mut Interp,
    block: &Rc<ScriptBlockDef>,
    dollar_under: Option<Value>,
) -> Result<Value, Flow> {
    let mut out: Vec<Value> = Vec::new();
    it.invoke_block(block, dollar_under, Vec::new(), &mut out)?;
    Ok(collapse(out))
}

/// PowerShell's rule for a collected result: none → `$null`, one → itself, more → array.
pub fn collapse(mut out: Vec<Value>) -> Value {
    match out.len() {
        0 => Value::Null,
        1 => out.pop().unwrap_or_default(),
        _ => Value::array(out),
    }
}

/// Builds a `pscustomobject` (optionally with a type name) from name/value pairs.
pub fn make_record(type_name: Option<&str>, pairs: Vec<(String, Value)>) -> Value {
    let mut props = PropMap::with_capacity(pairs.len());
    for (k, v) in pairs {
        props.insert(&k, v);
    }
    let mut data = RecordData::custom(props);
    data.type_name = type_name.map(Rc::from);
    Value::record(data)
}

/// The string form of a value (PowerShell `[string]`).
pub fn text(v: &Value) -> String {
    convert::to_string(v)
}

#[cfg(test)]
pub(crate) mod testkit {
    //! Running built-ins directly (without the evaluator): bind, then begin/process/end.
    use crate::cmd::bind::{RawArg, bind, bind_input};
    use crate::cmd::spec::CmdletSpec;
    use crate::eval::Interp;
    use crate::eval::error::Flow;
    use crate::eval::value::Value;
    use crate::lang::ast::Span;
    use crate::output::{Captured, Host, TermInfo};

    /// A named argument.
    pub fn n(name: &str) -> RawArg {
        RawArg::Named {
            name: name.into(),
            value: None,
            span: Span::default(),
        }
    }
    /// A positional argument.
    pub fn p(v: impl Into<Value>) -> RawArg {
        RawArg::Positional {
            value: v.into(),
            span: Span::default(),
        }
    }
    /// An interpreter writing into memory, width 80, no colour.
    pub fn interp() -> (Interp, Captured) {
        let (host, cap) = Host::capture(TermInfo::plain(80));
        (Interp::new(host), cap)
    }
    /// Runs `spec` with `args` over `input` (`None`: no pipeline input) and returns the output.
    pub fn run(
        spec: &'static CmdletSpec,
        args: Vec<RawArg>,
        input: Option<Vec<Value>>,
    ) -> Result<Vec<Value>, Flow> {
        let (mut it, _) = interp();
        run_in(&mut it, spec, args, input)
    }
    /// As [`run`], in a given interpreter.
    pub fn run_in(
        it: &mut Interp,
        spec: &'static CmdletSpec,
        args: Vec<RawArg>,
        input: Option<Vec<Value>>,
    ) -> Result<Vec<Value>, Flow> {
        let base = bind(spec, args, input.is_some()).map_err(|e| Flow::error(e.message))?;
        let mut cmd = (spec.factory)();
        let mut out: Vec<Value> = Vec::new();
        cmd.begin(it, &base, &mut out)?;
        match input {
            None => cmd.process(it, &base, &mut out)?,
            Some(items) => {
                for v in items {
                    let b = bind_input(spec, &base, &v).map_err(|e| Flow::error(e.message))?;
                    match cmd.process(it, &b, &mut out) {
                        Err(Flow::StopPipeline) => break,
                        r => r?,
                    }
                }
            }
        }
        cmd.end(it, &base, &mut out)?;
        Ok(out)
    }
    /// Strings of the values.
    pub fn texts(v: &[Value]) -> Vec<String> {
        v.iter().map(super::text).collect()
    }
}
