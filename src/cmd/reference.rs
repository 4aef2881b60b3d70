//! The command reference in Markdown (`docs/commands.md`, `docs/cmdlets.md`), rendered from
//! the same [`CmdletSpec`] data that drives binding, help and completion, so the documents
//! cannot drift from the code: `tests/docs_reference.rs` fails when they differ
//! (`JIRASH_BLESS=1 cargo test --test docs_reference` rewrites them).

use crate::cmd::help;
use crate::cmd::spec::{ALL_SETS, CmdletSpec, ConfirmImpact, ParamSpec};

/// A Markdown reference of `specs` under `title`, with `intro` after the title.
pub fn markdown(title: &str, intro: &str, specs: &[&CmdletSpec]) -> String {
    let mut specs: Vec<&CmdletSpec> = specs.to_vec();
    specs.sort_by_key(|s| s.name.to_ascii_lowercase());
    let mut out = String::new();
    out.push_str(&format!("# {title}\n\n{}\n\n", intro.trim_end()));
    out.push_str(
        "<!-- Generated from the cmdlet specs by tests/docs_reference.rs; do not edit. -->\n\n",
    );
    out.push_str("| Command | Aliases | Synopsis |\n| --- | --- | --- |\n");
    for s in &specs {
        out.push_str(&format!(
            "| [{}](#{}) | {} | {} |\n",
            s.name,
            s.name.to_ascii_lowercase(),
            code_list(s.aliases),
            cell(s.synopsis)
        ));
    }
    for s in &specs {
        out.push('\n');
        command(&mut out, s);
    }
    out
}

fn code_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn command(out: &mut String, s: &CmdletSpec) {
    out.push_str(&format!("## {}\n\n{}\n", s.name, s.synopsis));
    if !s.description.is_empty() {
        out.push_str(&format!("\n{}\n", s.description.trim_end()));
    }
    if !s.aliases.is_empty() {
        out.push_str(&format!("\nAliases: {}.\n", code_list(s.aliases)));
    }
    out.push_str("\n```powershell\n");
    for l in help::syntax_lines(s) {
        out.push_str(&l);
        out.push('\n');
    }
    out.push_str("```\n");
    let params: Vec<&ParamSpec> = s.params.iter().filter(|p| !p.hidden).collect();
    if !params.is_empty() {
        out.push_str(
            "\n| Parameter | Type | Position | Mandatory | Pipeline | Aliases | Description |\n\
             | --- | --- | --- | --- | --- | --- | --- |\n",
        );
        for p in params {
            param_row(out, p);
        }
    }
    let mut notes = Vec::new();
    if s.should_process {
        let impact = match s.confirm_impact {
            ConfirmImpact::High => "high: asks before acting unless `-Confirm:$false`",
            _ => "asks only with `-Confirm`",
        };
        notes.push(format!(
            "supports `-WhatIf` and `-Confirm` (impact {impact})"
        ));
    }
    if s.paging {
        notes.push("pages: `-First`, `-Skip`, `-IncludeTotalCount`".to_owned());
    }
    if s.networked {
        notes.push("`-Credential` overrides the session for this call".to_owned());
    }
    if !s.outputs.is_empty() {
        notes.push(format!("outputs `{}`", s.outputs));
    }
    if !notes.is_empty() {
        out.push_str(&format!("\nAlso: {}.\n", notes.join("; ")));
    }
    for ex in s.examples {
        out.push_str(&format!("\n```powershell\n{}\n```\n", ex.code.trim_end()));
        if !ex.about.is_empty() {
            out.push_str(&format!("\n{}\n", ex.about.trim_end()));
        }
    }
}

fn param_row(out: &mut String, p: &ParamSpec) {
    let sets = p.memberships();
    let position = sets
        .iter()
        .find_map(|m| m.position)
        .map_or("named".to_owned(), |n| n.to_string());
    let mandatory = if sets.iter().all(|m| m.mandatory) {
        "yes"
    } else if sets.iter().any(|m| m.mandatory) {
        "in some sets"
    } else {
        "no"
    };
    let pipeline = match (p.by_value, p.by_prop) {
        (true, true) => "value, property",
        (true, false) => "value",
        (false, true) => "property",
        (false, false) => "",
    };
    let mut about = p.help.to_owned();
    if !p.values.is_empty() {
        about.push_str(&format!(" One of: {}.", p.values.join(", ")));
    }
    let named_sets: Vec<&str> = sets
        .iter()
        .map(|m| m.name)
        .filter(|n| *n != ALL_SETS)
        .collect();
    if !named_sets.is_empty() {
        about.push_str(&format!(" Sets: {}.", named_sets.join(", ")));
    }
    out.push_str(&format!(
        "| `-{}` | {} | {} | {} | {} | {} | {} |\n",
        p.name,
        cell(&crate::cmd::bind::type_label(p)),
        position,
        mandatory,
        pipeline,
        code_list(p.aliases),
        cell(about.trim())
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_command_with_syntax_and_parameters() {
        let md = markdown("T", "intro", crate::builtins::SPECS);
        for s in crate::builtins::SPECS {
            assert!(md.contains(&format!("\n## {}\n", s.name)), "{}", s.name);
        }
        assert!(
            md.contains("| `-First` |"),
            "Select-Object's -First is listed"
        );
        assert!(md.contains("[<CommonParameters>]"));
    }
}
