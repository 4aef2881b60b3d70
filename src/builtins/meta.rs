//! Commands about the shell itself: Get-Command, Get-Help (`help`, `man`), Get-/Set-/
//! Remove-Variable, Get-/Set-Alias, Get-History.
//!
//! Command history: the REPL appends each accepted line to the global variable named by
//! [`HISTORY_VAR`] (an array of strings); `Get-History` reads it. Variables whose names start
//! with `__` are internal and hidden from `Get-Variable`.

use crate::builtins::{fail, make_record, record, text};
use crate::cmd::help::{HelpMode, render};
use crate::cmd::registry::wildcard;
use crate::cmd::spec::{CmdletSpec, Complete, ConfirmImpact, Example, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::eval::Interp;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::scope::ScopeRef;
use crate::eval::value::Value;

/// The global variable holding the command history (an array of strings, oldest first).
pub const HISTORY_VAR: &str = "__history";

fn is_builtin(spec: &CmdletSpec) -> bool {
    crate::builtins::SPECS
        .iter()
        .any(|s| std::ptr::eq(*s, spec))
}

fn source(spec: &CmdletSpec) -> &'static str {
    if is_builtin(spec) { "jirash" } else { "JiraPS" }
}

/// Names of user functions visible from the current scope.
fn function_names(it: &Interp) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur: Option<ScopeRef> = Some(it.scope.clone());
    while let Some(s) = cur {
        for n in s.borrow().func_names() {
            if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
                out.push(n);
            }
        }
        cur = s.borrow().parent.clone();
    }
    out
}

fn command_record(kind: &str, name: String, src: &str) -> Value {
    make_record(
        Some("System.Management.Automation.CommandInfo"),
        vec![
            ("CommandType".into(), Value::str(kind)),
            ("Name".into(), Value::str(name)),
            ("Source".into(), Value::str(src)),
        ],
    )
}

/// `Get-Command`.
pub static GET_COMMAND: CmdletSpec = CmdletSpec {
    aliases: &["gcm"],
    description: "Lists the commands jirash knows (built-ins, Jira cmdlets, aliases and your functions), filtered by name (wildcards), verb or noun.",
    params: &[
        param("Name", Ty::Str)
            .array()
            .position(0)
            .complete(Complete::Command)
            .help("Names to find (wildcards allowed)."),
        param("Verb", Ty::Str).help("Only commands with this verb (wildcards allowed)."),
        param("Noun", Ty::Str).help("Only commands with this noun (wildcards allowed)."),
    ],
    examples: &[
        Example {
            code: "Get-Command *Issue*",
            about: "Commands about issues.",
        },
        Example {
            code: "Get-Command -Verb Get -Noun Jira*",
            about: "Every Get-Jira… command.",
        },
    ],
    ..CmdletSpec::new("Get-Command", "Lists commands.", || {
        Box::new(FnCommand(get_command))
    })
};

fn get_command(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let names: Vec<String> = b.list("Name").iter().map(text).collect();
    let verb = b.str("Verb");
    let noun = b.str("Noun");
    let vn_ok = |name: &str| {
        let (v, n) = name.split_once('-').unwrap_or((name, ""));
        verb.as_deref().is_none_or(|p| wildcard(p, v))
            && noun.as_deref().is_none_or(|p| wildcard(p, n))
    };
    let registry = it.registry.clone();
    let functions = function_names(it);
    let mut rows: Vec<(String, Value)> = Vec::new();
    let patterns: Vec<String> = if names.is_empty() {
        vec!["*".into()]
    } else {
        names
    };
    for pat in &patterns {
        let mut found = false;
        for s in registry.specs() {
            if wildcard(pat, s.name) && vn_ok(s.name) {
                rows.push((
                    s.name.to_owned(),
                    command_record("Cmdlet", s.name.to_owned(), source(s)),
                ));
                found = true;
            }
            for a in s.aliases {
                if pat != "*" && wildcard(pat, a) && verb.is_none() && noun.is_none() {
                    rows.push((
                        (*a).to_owned(),
                        command_record("Alias", format!("{a} -> {}", s.name), source(s)),
                    ));
                    found = true;
                }
            }
        }
        for f in &functions {
            if wildcard(pat, f) && vn_ok(f) {
                rows.push((f.clone(), command_record("Function", f.clone(), "")));
                found = true;
            }
        }
        for (a, target) in &it.aliases {
            if pat != "*" && wildcard(pat, a) && verb.is_none() && noun.is_none() {
                rows.push((
                    a.clone(),
                    command_record("Alias", format!("{a} -> {target}"), ""),
                ));
                found = true;
            }
        }
        if !found && !pat.contains(['*', '?', '[']) {
            let mut rec = record(
                "Get-Command",
                ErrorCategory::ObjectNotFound,
                format!("The term '{pat}' is not recognized as a name of a cmdlet, function, script file, or executable program."),
            )
            .target(Value::str(pat.as_str()));
            if let Some(s) = registry.suggest(pat).first() {
                rec = rec.hint(format!("Did you mean {s}?"));
            }
            it.write_error(rec)?;
        }
    }
    rows.sort_by_key(|r| r.0.to_ascii_lowercase());
    rows.dedup_by(|a, b| a.0.eq_ignore_ascii_case(&b.0));
    for (_, v) in rows {
        out.emit(it, v)?;
    }
    Ok(())
}

/// `Get-Help`.
pub static GET_HELP: CmdletSpec = CmdletSpec {
    aliases: &["help", "man"],
    description: "Shows help for a command, generated from its declaration: syntax, parameters, examples. With a wildcard, lists matching commands.",
    params: &[
        param("Name", Ty::Str)
            .position(0)
            .complete(Complete::Command)
            .help("The command (or a wildcard pattern)."),
        param("Full", Ty::Switch).help("Shows every section, with parameter details and examples."),
        param("Detailed", Ty::Switch).help("Same as -Full."),
        param("Examples", Ty::Switch).help("Shows only the examples."),
        param("Parameter", Ty::Str).help("Shows only this parameter (wildcards allowed)."),
    ],
    examples: &[
        Example {
            code: "Get-Help Get-JiraIssue -Examples",
            about: "Examples of Get-JiraIssue.",
        },
        Example {
            code: "help Set-JiraIssue -Parameter Fields",
            about: "Help for one parameter.",
        },
        Example {
            code: "Get-Help *Comment*",
            about: "Commands about comments.",
        },
    ],
    ..CmdletSpec::new("Get-Help", "Shows help for commands.", || {
        Box::new(FnCommand(get_help))
    })
};

const GENERAL_HELP: &str = "\
jirash: a Jira shell that speaks JiraPS's PowerShell command language.

  Get-Command            lists every command (Get-Command *Issue* to filter)
  Get-Help <command>     shows a command's syntax; add -Examples or -Full
  Connect-JiraServer     (or Set-JiraConfigServer + New-JiraSession) to start

Pipelines work as in PowerShell:
  Get-JiraIssue -Query 'project = TEST' | Where-Object Status -eq Open | Select-Object Key, Summary
";

fn get_help(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let Some(name) = b.str("Name") else {
        return out.emit(it, Value::str(GENERAL_HELP));
    };
    let registry = it.registry.clone();
    let exact = registry.get(&name).or_else(|| {
        it.aliases
            .get(&name.to_ascii_lowercase())
            .and_then(|t| registry.get(t))
    });
    let Some(spec) = exact else {
        let hits = registry.search(&name, true);
        if hits.is_empty() {
            let mut rec = fail(
                "Get-Help",
                ErrorCategory::ObjectNotFound,
                format!("Get-Help could not find {name} in a help file in this session."),
            );
            if let (Flow::Error(r), Some(s)) = (&mut rec, registry.suggest(&name).first()) {
                std::rc::Rc::make_mut(r).hint = Some(format!("Did you mean {s}?"));
            }
            return Err(rec);
        }
        for s in hits {
            let v = make_record(
                Some("HelpInfoShort"),
                vec![
                    ("Name".into(), Value::str(s.name)),
                    ("Category".into(), Value::str("Cmdlet")),
                    ("Synopsis".into(), Value::str(s.synopsis)),
                ],
            );
            out.emit(it, v)?;
        }
        return Ok(());
    };
    let mode = if let Some(p) = b.str("Parameter") {
        HelpMode::Parameter(p)
    } else if b.switch("Examples") {
        HelpMode::Examples
    } else if b.switch("Full") || b.switch("Detailed") {
        HelpMode::Full
    } else {
        HelpMode::Brief
    };
    let text =
        render(spec, &mode).map_err(|e| fail("Get-Help", ErrorCategory::ObjectNotFound, e))?;
    out.emit(
        it,
        Value::str(crate::cmd::help::fit(&text, it.host.term.width)),
    )
}

// ---------------------------------------------------------------------------------------------

/// Visible variables as (name, value), innermost scope first, each name once.
fn variables(it: &Interp) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut cur: Option<ScopeRef> = Some(it.scope.clone());
    while let Some(s) = cur {
        let mut names = s.borrow().var_names();
        names.sort();
        for n in names {
            if n.starts_with("__") || out.iter().any(|(o, _)| o.eq_ignore_ascii_case(&n)) {
                continue;
            }
            let v = s.borrow().local(&n).unwrap_or_default();
            out.push((n, v));
        }
        cur = s.borrow().parent.clone();
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// `Get-Variable`.
pub static GET_VARIABLE: CmdletSpec = CmdletSpec {
    aliases: &["gv"],
    description: "Lists variables (Name, Value), filtered by name (wildcards); -ValueOnly outputs just the values.",
    params: &[
        param("Name", Ty::Str)
            .array()
            .position(0)
            .complete(Complete::Variable)
            .help("Variable names (wildcards allowed)."),
        param("ValueOnly", Ty::Switch).help("Outputs only the values."),
    ],
    examples: &[Example {
        code: "Get-Variable issue*",
        about: "Variables whose names start with issue.",
    }],
    ..CmdletSpec::new("Get-Variable", "Lists variables.", || {
        Box::new(FnCommand(get_variable))
    })
};

fn get_variable(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let pats: Vec<String> = b.list("Name").iter().map(text).collect();
    let all = variables(it);
    let pats = if pats.is_empty() {
        vec!["*".to_owned()]
    } else {
        pats
    };
    for pat in pats {
        let hits: Vec<&(String, Value)> = all.iter().filter(|(n, _)| wildcard(&pat, n)).collect();
        if hits.is_empty() && !pat.contains(['*', '?', '[']) {
            it.write_error(
                record(
                    "Get-Variable",
                    ErrorCategory::ObjectNotFound,
                    format!("Cannot find a variable with the name '{pat}'."),
                )
                .target(Value::str(pat.as_str())),
            )?;
            continue;
        }
        for (n, v) in hits {
            let item = if b.switch("ValueOnly") {
                v.clone()
            } else {
                make_record(
                    Some("System.Management.Automation.PSVariable"),
                    vec![
                        ("Name".into(), Value::str(n.as_str())),
                        ("Value".into(), v.clone()),
                    ],
                )
            };
            out.emit(it, item)?;
        }
    }
    Ok(())
}

/// `Set-Variable`.
pub static SET_VARIABLE: CmdletSpec = CmdletSpec {
    aliases: &["set"],
    description: "Sets a variable (like `$name = value`).",
    params: &[
        param("Name", Ty::Str)
            .mandatory()
            .position(0)
            .complete(Complete::Variable)
            .help("Variable name (without $)."),
        param("Value", Ty::Any)
            .position(1)
            .by_value()
            .help("The value."),
        param("Scope", Ty::Str)
            .values(&["Global", "Script", "Local"])
            .help("Scope to set it in."),
        param("PassThru", Ty::Switch).help("Outputs the variable."),
    ],
    examples: &[Example {
        code: "Set-Variable -Name project -Value TEST",
        about: "Same as $project = 'TEST'.",
    }],
    ..CmdletSpec::new("Set-Variable", "Sets a variable.", || {
        Box::new(FnCommand(set_variable))
    })
};

fn scoped(b: &Bound, name: &str) -> String {
    match b.str("Scope") {
        Some(s) if s != "Local" => format!("{}:{name}", s.to_ascii_lowercase()),
        _ => name.to_owned(),
    }
}

fn set_variable(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let name = b.str("Name").unwrap_or_default();
    let value = b.get("Value").cloned().unwrap_or_default();
    it.set_var(&scoped(b, &name), value.clone());
    if b.switch("PassThru") {
        out.emit(
            it,
            make_record(
                Some("System.Management.Automation.PSVariable"),
                vec![("Name".into(), Value::str(name)), ("Value".into(), value)],
            ),
        )?;
    }
    Ok(())
}

/// `Remove-Variable`.
pub static REMOVE_VARIABLE: CmdletSpec = CmdletSpec {
    aliases: &["rv"],
    description: "Deletes variables.",
    params: &[
        param("Name", Ty::Str)
            .array()
            .mandatory()
            .position(0)
            .complete(Complete::Variable)
            .help("Variable names."),
        param("Scope", Ty::Str)
            .values(&["Global", "Script", "Local"])
            .help("Scope to remove it from."),
    ],
    examples: &[Example {
        code: "Remove-Variable issues",
        about: "Deletes $issues.",
    }],
    should_process: true,
    confirm_impact: ConfirmImpact::Medium,
    ..CmdletSpec::new("Remove-Variable", "Deletes variables.", || {
        Box::new(FnCommand(remove_variable))
    })
};

fn remove_variable(it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    for n in b.list("Name").iter().map(text) {
        if !it.should_process(&format!("Name: {n}"), "Remove Variable")? {
            continue;
        }
        if !it.remove_var(&scoped(b, &n)) {
            it.write_error(
                record(
                    "Remove-Variable",
                    ErrorCategory::ObjectNotFound,
                    format!("Cannot find a variable with the name '{n}'."),
                )
                .target(Value::str(n.as_str())),
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

/// `Get-Alias`.
pub static GET_ALIAS: CmdletSpec = CmdletSpec {
    aliases: &["gal"],
    description: "Lists aliases (built-in and those made with Set-Alias) and what they stand for.",
    params: &[
        param("Name", Ty::Str)
            .array()
            .position(0)
            .help("Alias names (wildcards allowed)."),
        param("Definition", Ty::Str).help("Only aliases of this command (wildcards allowed)."),
    ],
    examples: &[Example {
        code: "Get-Alias -Definition Select-Object",
        about: "Aliases of Select-Object.",
    }],
    ..CmdletSpec::new("Get-Alias", "Lists aliases.", || {
        Box::new(FnCommand(get_alias))
    })
};

fn get_alias(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let pats: Vec<String> = b.list("Name").iter().map(text).collect();
    let pats = if pats.is_empty() {
        vec!["*".to_owned()]
    } else {
        pats
    };
    let def = b.str("Definition");
    let mut all: Vec<(String, String)> = it
        .registry
        .specs()
        .iter()
        .flat_map(|s| {
            s.aliases
                .iter()
                .map(|a| ((*a).to_owned(), s.name.to_owned()))
        })
        .collect();
    all.extend(it.aliases.iter().map(|(a, t)| (a.clone(), t.clone())));
    all.sort_by_key(|a| a.0.to_ascii_lowercase());
    for pat in pats {
        let mut found = false;
        for (a, t) in all
            .iter()
            .filter(|(a, t)| wildcard(&pat, a) && def.as_deref().is_none_or(|d| wildcard(d, t)))
        {
            found = true;
            let v = make_record(
                Some("System.Management.Automation.AliasInfo"),
                vec![
                    ("CommandType".into(), Value::str("Alias")),
                    ("Name".into(), Value::str(a.as_str())),
                    ("Definition".into(), Value::str(t.as_str())),
                ],
            );
            out.emit(it, v)?;
        }
        if !found && !pat.contains(['*', '?', '[']) {
            it.write_error(record("Get-Alias", ErrorCategory::ObjectNotFound, format!("This command cannot find a matching alias because an alias with the name '{pat}' does not exist.")))?;
        }
    }
    Ok(())
}

/// `Set-Alias`.
pub static SET_ALIAS: CmdletSpec = CmdletSpec {
    aliases: &["sal"],
    description: "Makes (or changes) an alias for a command.",
    params: &[
        param("Name", Ty::Str)
            .mandatory()
            .position(0)
            .help("The alias."),
        param("Value", Ty::Str)
            .mandatory()
            .position(1)
            .complete(Complete::Command)
            .help("The command it stands for."),
    ],
    examples: &[Example {
        code: "Set-Alias gji Get-JiraIssue",
        about: "`gji TEST-1` now runs Get-JiraIssue.",
    }],
    ..CmdletSpec::new("Set-Alias", "Creates or changes an alias.", || {
        Box::new(FnCommand(set_alias))
    })
};

fn set_alias(it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    let name = b.str("Name").unwrap_or_default();
    let value = b.str("Value").unwrap_or_default();
    it.aliases.insert(name.to_ascii_lowercase(), value);
    Ok(())
}

/// `Get-History`.
pub static GET_HISTORY: CmdletSpec = CmdletSpec {
    aliases: &["h", "history", "ghy"],
    description: "Lists the commands entered in this interactive session (Id, CommandLine).",
    params: &[param("Count", Ty::Int)
        .position(0)
        .help("Only the last N entries.")],
    examples: &[Example {
        code: "Get-History -Count 5",
        about: "The last five commands.",
    }],
    ..CmdletSpec::new(
        "Get-History",
        "Lists the session's command history.",
        || Box::new(FnCommand(get_history)),
    )
};

fn get_history(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let entries: Vec<Value> = it.get_var(&format!("global:{HISTORY_VAR}")).enumerate();
    let start = match b.int("Count") {
        Some(n) if n >= 0 => entries.len().saturating_sub(n as usize),
        _ => 0,
    };
    for (i, e) in entries.iter().enumerate().skip(start) {
        let v = make_record(
            Some("Microsoft.PowerShell.Commands.HistoryInfo"),
            vec![
                ("Id".into(), Value::Int(i as i64 + 1)),
                ("CommandLine".into(), Value::str(text(e))),
            ],
        );
        out.emit(it, v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{interp, n, p, run, run_in, texts};

    #[test]
    fn get_command_wildcard_and_verb() {
        let out = run(&GET_COMMAND, vec![p("Select-*")], None).unwrap();
        assert_eq!(
            texts(&out.iter().map(|v| v.property("Name")).collect::<Vec<_>>()),
            ["Select-Object"]
        );
        let out = run(&GET_COMMAND, vec![n("Verb"), p("ConvertTo")], None).unwrap();
        assert!(out.len() >= 3);
        let out = run(&GET_COMMAND, vec![p("select")], None).unwrap();
        assert_eq!(text(&out[0].property("Name")), "select -> Select-Object");
    }

    #[test]
    fn get_command_unknown_is_an_error_with_suggestion() {
        let (mut it, cap) = interp();
        let out = run_in(&mut it, &GET_COMMAND, vec![p("Select-Objekt")], None).unwrap();
        assert!(out.is_empty());
        let err = cap.stderr();
        assert!(
            err.contains("Get-Command: The term 'Select-Objekt' is not recognized"),
            "{err}"
        );
        assert!(err.contains("Did you mean Select-Object?"), "{err}");
    }

    #[test]
    fn get_help_modes() {
        let out = run(&GET_HELP, vec![p("select")], None).unwrap();
        assert!(text(&out[0]).contains("NAME\n    Select-Object"));
        let out = run(&GET_HELP, vec![p("Select-Object"), n("Examples")], None).unwrap();
        assert!(text(&out[0]).contains("EXAMPLE 1"));
        let out = run(
            &GET_HELP,
            vec![p("Select-Object"), n("Parameter"), p("First")],
            None,
        )
        .unwrap();
        assert!(text(&out[0]).contains("-First <Int32>"));
        let out = run(&GET_HELP, vec![p("*-Csv")], None).unwrap();
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn variables_set_get_remove() {
        let (mut it, _) = interp();
        run_in(&mut it, &SET_VARIABLE, vec![p("proj"), p("TEST")], None).unwrap();
        let out = run_in(
            &mut it,
            &GET_VARIABLE,
            vec![p("pro*"), n("ValueOnly")],
            None,
        )
        .unwrap();
        assert_eq!(texts(&out), ["TEST"]);
        run_in(&mut it, &REMOVE_VARIABLE, vec![p("proj")], None).unwrap();
        assert!(it.get_var("proj").is_null());
    }

    #[test]
    fn aliases_set_and_list() {
        let (mut it, _) = interp();
        run_in(&mut it, &SET_ALIAS, vec![p("gx"), p("Get-Date")], None).unwrap();
        let out = run_in(&mut it, &GET_ALIAS, vec![p("gx")], None).unwrap();
        assert_eq!(text(&out[0].property("Definition")), "Get-Date");
        let out = run_in(
            &mut it,
            &GET_ALIAS,
            vec![n("Definition"), p("Where-Object")],
            None,
        )
        .unwrap();
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn history_reads_the_hook_variable() {
        let (mut it, _) = interp();
        it.set_var(
            &format!("global:{HISTORY_VAR}"),
            Value::array(vec!["a".into(), "b".into(), "c".into()]),
        );
        let out = run_in(&mut it, &GET_HISTORY, vec![p(Value::Int(2))], None).unwrap();
        assert_eq!(
            texts(
                &out.iter()
                    .map(|v| v.property("CommandLine"))
                    .collect::<Vec<_>>()
            ),
            ["b", "c"]
        );
    }
}
