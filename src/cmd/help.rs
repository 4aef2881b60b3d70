//! `Get-Help` text rendered from a [`CmdletSpec`], in PowerShell's layout: NAME, SYNOPSIS,
//! SYNTAX (one line per parameter set), DESCRIPTION, PARAMETERS, EXAMPLES, ALIASES. The spec is
//! the only source, so help cannot drift from what the binder accepts.

use crate::cmd::bind::type_label;
use crate::cmd::registry::wildcard;
use crate::cmd::spec::{
    ALL_SETS, COMMON_PARAMS, CREDENTIAL_PARAMS, CmdletSpec, PAGING_PARAMS, ParamSpec,
    SHOULD_PROCESS_PARAMS, Ty,
};

/// Which parts of the help to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpMode {
    /// NAME, SYNOPSIS, SYNTAX, DESCRIPTION, ALIASES, REMARKS.
    Brief,
    /// Everything, with each parameter's details.
    Full,
    /// NAME, SYNOPSIS and the examples.
    Examples,
    /// Only the named parameter(s) (wildcards allowed).
    Parameter(String),
}

const INDENT: &str = "    ";

/// The parameter sets to show, default first; `[ALL_SETS]` when the spec declares none.
fn sets_in_order(spec: &CmdletSpec) -> Vec<&'static str> {
    let mut sets = spec.set_names();
    if sets.is_empty() {
        return vec![ALL_SETS];
    }
    if let Some(d) = spec.default_set
        && let Some(i) = sets.iter().position(|s| *s == d)
    {
        let d = sets.remove(i);
        sets.insert(0, d);
    }
    sets
}

fn membership(p: &ParamSpec, set: &str) -> Option<(bool, Option<u8>)> {
    p.memberships()
        .iter()
        .find(|s| s.name == set)
        .or_else(|| p.memberships().iter().find(|s| s.name == ALL_SETS))
        .map(|s| (s.mandatory, s.position))
}

fn value_part(p: &ParamSpec) -> String {
    if p.ty == Ty::Switch {
        String::new()
    } else if !p.values.is_empty() {
        format!(" {{{}}}", p.values.join(" | "))
    } else {
        format!(" <{}>", type_label(p))
    }
}

/// The text of one syntax element, e.g. `[-Key] <String[]>` or `[-Fields <String[]>]`.
fn syntax_param(p: &ParamSpec, mandatory: bool, position: Option<u8>) -> String {
    let value = value_part(p);
    match (position.is_some() && p.ty != Ty::Switch, mandatory) {
        (true, true) => format!("[-{}]{value}", p.name),
        (true, false) => format!("[[-{}]{value}]", p.name),
        (false, true) => format!("-{}{value}", p.name),
        (false, false) => format!("[-{}{value}]", p.name),
    }
}

/// One `SYNTAX` line per parameter set, PowerShell style.
pub fn syntax_lines(spec: &CmdletSpec) -> Vec<String> {
    sets_in_order(spec)
        .into_iter()
        .map(|set| {
            let mut members: Vec<(&ParamSpec, bool, Option<u8>)> = spec
                .params
                .iter()
                .filter(|p| !p.hidden && p.in_set(set))
                .filter_map(|p| membership(p, set).map(|(m, pos)| (p, m, pos)))
                .collect();
            // Positional first (by position), then mandatory named, then the rest; switches last.
            members.sort_by_key(|(p, m, pos)| match pos {
                Some(n) if p.ty != Ty::Switch => (0, u32::from(*n)),
                _ if *m => (1, 0),
                _ if p.ty == Ty::Switch => (3, 0),
                _ => (2, 0),
            });
            let mut parts = vec![spec.name.to_owned()];
            parts.extend(members.iter().map(|(p, m, pos)| syntax_param(p, *m, *pos)));
            for extra in extra_params(spec) {
                if spec.param(extra.name).is_none() {
                    parts.push(syntax_param(extra, false, None));
                }
            }
            parts.push("[<CommonParameters>]".into());
            parts.join(" ")
        })
        .collect()
}

fn extra_params(spec: &CmdletSpec) -> Vec<&'static ParamSpec> {
    let mut v: Vec<&'static ParamSpec> = Vec::new();
    if spec.should_process {
        v.extend(SHOULD_PROCESS_PARAMS.iter());
    }
    if spec.paging {
        v.extend(PAGING_PARAMS.iter());
    }
    if spec.networked {
        v.extend(CREDENTIAL_PARAMS.iter());
    }
    v
}

/// The detail block of one parameter (as under `PARAMETERS` in `Get-Help -Full`).
pub fn parameter_block(spec: &CmdletSpec, p: &ParamSpec) -> Vec<String> {
    let mut out = vec![format!("{INDENT}-{}{}", p.name, value_part(p))];
    let d = format!("{INDENT}{INDENT}");
    if !p.help.is_empty() {
        out.push(format!("{d}{}", p.help));
        out.push(String::new());
    }
    let sets = sets_in_order(spec);
    let mandatory: Vec<bool> = sets
        .iter()
        .filter_map(|s| membership(p, s).map(|m| m.0))
        .collect();
    let required = if mandatory.iter().all(|m| *m) && !mandatory.is_empty() {
        "true"
    } else if mandatory.iter().any(|m| *m) {
        "true (in some parameter sets)"
    } else {
        "false"
    };
    let position = p
        .memberships()
        .iter()
        .find_map(|s| s.position)
        .map_or("named".to_owned(), |n| n.to_string());
    let pipeline = match (p.by_value, p.by_prop) {
        (true, true) => "true (ByValue, ByPropertyName)",
        (true, false) => "true (ByValue)",
        (false, true) => "true (ByPropertyName)",
        (false, false) => "false",
    };
    out.push(format!("{d}Required?                    {required}"));
    out.push(format!("{d}Position?                    {position}"));
    out.push(format!("{d}Accept pipeline input?       {pipeline}"));
    if !p.aliases.is_empty() {
        out.push(format!(
            "{d}Aliases                      {}",
            p.aliases.join(", ")
        ));
    }
    if !p.values.is_empty() {
        out.push(format!(
            "{d}Accepted values:             {}",
            p.values.join(", ")
        ));
    }
    let set_names: Vec<&str> = p
        .memberships()
        .iter()
        .map(|s| if s.name == ALL_SETS { "(All)" } else { s.name })
        .collect();
    out.push(format!(
        "{d}Parameter set name           {}",
        set_names.join(", ")
    ));
    out.push(String::new());
    out
}

fn section(out: &mut Vec<String>, title: &str) {
    out.push(String::new());
    out.push(title.to_owned());
}

fn text_block(out: &mut Vec<String>, text: &str) {
    for l in text.lines() {
        out.push(if l.is_empty() {
            String::new()
        } else {
            format!("{INDENT}{l}")
        });
    }
}

fn examples(out: &mut Vec<String>, spec: &CmdletSpec) {
    section(out, "EXAMPLES");
    for (i, ex) in spec.examples.iter().enumerate() {
        out.push(format!(
            "{INDENT}-------------------------- EXAMPLE {} --------------------------",
            i + 1
        ));
        out.push(String::new());
        for (k, l) in ex.code.lines().enumerate() {
            out.push(if k == 0 {
                format!("{INDENT}PS> {l}")
            } else {
                format!("{INDENT}{l}")
            });
        }
        out.push(String::new());
        text_block(out, ex.about);
        out.push(String::new());
    }
}

/// Fits rendered help to `width` columns, as PowerShell's help view does: a line that is too
/// long breaks at spaces, and its continuation lines keep the line's indent (syntax forms get
/// one more level, so each form reads as one block). Nothing is cut: a word longer than the
/// width stands alone on its line.
pub fn fit(text: &str, width: usize) -> String {
    use crate::output::table::width as cols;
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        if cols(line) <= width {
            out.push(line.to_owned());
            continue;
        }
        let body = line.trim_start_matches(' ');
        let indent = &line[..line.len() - body.len()];
        let syntax = body.contains(" [-");
        let more = if syntax { INDENT } else { "" };
        let mut cur = String::from(indent);
        let mut fresh = true;
        for word in words(body, syntax) {
            let word = word.as_str();
            if !fresh && cols(&cur) + 1 + cols(word) > width {
                out.push(std::mem::replace(&mut cur, format!("{indent}{more}")));
                fresh = true;
            }
            if !fresh {
                cur.push(' ');
            }
            cur.push_str(word);
            fresh = false;
        }
        out.push(cur);
    }
    out.join("\n")
}

/// The unbreakable pieces of a help line: its words, and in a syntax form whole parameter
/// groups (`[-Fields <String[]>]`, `-Query <String>`).
fn words(body: &str, syntax: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut depth = 0i32;
    for w in body.split(' ').filter(|w| !w.is_empty()) {
        let join = syntax && (depth > 0 || w.starts_with('<')) && !out.is_empty();
        depth += w.matches('[').count() as i32 - w.matches(']').count() as i32;
        match out.last_mut() {
            Some(last) if join => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_owned()),
        }
    }
    out
}

/// Renders help for a command. `Err` names an unknown parameter for [`HelpMode::Parameter`].
pub fn render(spec: &CmdletSpec, mode: &HelpMode) -> Result<String, String> {
    let mut out: Vec<String> = Vec::new();
    if let HelpMode::Parameter(pattern) = mode {
        let all = spec
            .params
            .iter()
            .chain(extra_params(spec))
            .chain(COMMON_PARAMS.iter());
        let hits: Vec<&ParamSpec> = all
            .filter(|p| !p.hidden && wildcard(pattern, p.name))
            .collect();
        if hits.is_empty() {
            return Err(format!("No parameter matches criteria {pattern}."));
        }
        for p in hits {
            out.push(String::new());
            out.extend(parameter_block(spec, p));
        }
        return Ok(out.join("\n"));
    }
    section(&mut out, "NAME");
    out.push(format!("{INDENT}{}", spec.name));
    section(&mut out, "SYNOPSIS");
    text_block(&mut out, spec.synopsis);
    if *mode == HelpMode::Examples {
        out.push(String::new());
        examples(&mut out, spec);
        return Ok(out.join("\n"));
    }
    out.push(String::new());
    section(&mut out, "SYNTAX");
    for l in syntax_lines(spec) {
        out.push(format!("{INDENT}{l}"));
        out.push(String::new());
    }
    if !spec.description.is_empty() {
        out.push(String::new());
        section(&mut out, "DESCRIPTION");
        text_block(&mut out, spec.description);
    }
    if *mode == HelpMode::Full {
        out.push(String::new());
        section(&mut out, "PARAMETERS");
        for p in spec
            .params
            .iter()
            .chain(extra_params(spec))
            .filter(|p| !p.hidden)
        {
            if spec.params.iter().any(|q| q.name == p.name) || spec.param(p.name).is_none() {
                out.extend(parameter_block(spec, p));
            }
        }
        out.push(format!("{INDENT}<CommonParameters>"));
        out.push(format!(
            "{INDENT}{INDENT}This cmdlet supports the common parameters: Verbose, Debug, ErrorAction, ErrorVariable,"
        ));
        out.push(format!(
            "{INDENT}{INDENT}WarningAction, WarningVariable and OutVariable."
        ));
        if !spec.outputs.is_empty() {
            section(&mut out, "OUTPUTS");
            out.push(format!("{INDENT}{}", spec.outputs));
        }
        out.push(String::new());
        examples(&mut out, spec);
    }
    if !spec.aliases.is_empty() {
        section(&mut out, "ALIASES");
        for a in spec.aliases {
            out.push(format!("{INDENT}{a}"));
        }
    }
    out.push(String::new());
    section(&mut out, "REMARKS");
    if *mode != HelpMode::Full {
        out.push(format!(
            "{INDENT}To see the examples, type: \"Get-Help {} -Examples\".",
            spec.name
        ));
        out.push(format!(
            "{INDENT}For more information, type: \"Get-Help {} -Full\".",
            spec.name
        ));
    } else {
        out.push(format!(
            "{INDENT}Parameters: type \"Get-Help {} -Parameter <name>\".",
            spec.name
        ));
    }
    out.push(String::new());
    Ok(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::spec::{Example, SetSpec, param};
    use crate::cmd::{Command, FnCommand};

    fn noop() -> Box<dyn Command> {
        Box::new(FnCommand(|_, _, _| Ok(())))
    }

    const P: &[ParamSpec] = &[
        param("Key", Ty::Str)
            .array()
            .aliases(&["Issue"])
            .set(SetSpec::named("ByIssueKey").mandatory().position(0))
            .by_value()
            .by_prop()
            .help("Key of the issue."),
        param("Query", Ty::Str)
            .set(SetSpec::named("ByJQL").mandatory())
            .help("JQL query."),
        param("Fields", Ty::Str).array().help("Fields to return."),
        param("Mode", Ty::Str).values(&["A", "B"]).help("A mode."),
        param("Raw", Ty::Switch).help("Raw output."),
        param("Old", Ty::Str).hidden(),
    ];

    static SPEC: CmdletSpec = CmdletSpec {
        aliases: &["gx"],
        params: P,
        default_set: Some("ByIssueKey"),
        paging: true,
        description: "Finds issues.",
        examples: &[Example {
            code: "Get-X TEST-1",
            about: "Gets one issue.",
        }],
        outputs: "AtlassianPS.JiraPS.Issue",
        ..CmdletSpec::new("Get-X", "Returns issues.", noop)
    };

    #[test]
    fn syntax_has_one_line_per_set() {
        assert_eq!(
            syntax_lines(&SPEC),
            vec![
                "Get-X [-Key] <String[]> [-Fields <String[]>] [-Mode {A | B}] [-Raw] [-First <Int32>] [-Skip <Int32>] [-IncludeTotalCount] [<CommonParameters>]",
                "Get-X -Query <String> [-Fields <String[]>] [-Mode {A | B}] [-Raw] [-First <Int32>] [-Skip <Int32>] [-IncludeTotalCount] [<CommonParameters>]",
            ]
        );
    }

    #[test]
    fn brief_help_sections() {
        let h = render(&SPEC, &HelpMode::Brief).unwrap();
        assert!(h.starts_with("\nNAME\n    Get-X\n\nSYNOPSIS\n    Returns issues.\n"));
        assert!(h.contains("\nDESCRIPTION\n    Finds issues."));
        assert!(h.contains("\nALIASES\n    gx"));
        assert!(!h.contains("PARAMETERS"));
        assert!(!h.contains("Old"));
    }

    #[test]
    fn full_help_lists_parameters_and_examples() {
        let h = render(&SPEC, &HelpMode::Full).unwrap();
        assert!(h.contains("    -Key <String[]>\n        Key of the issue.\n\n        Required?                    true\n        Position?                    0\n        Accept pipeline input?       true (ByValue, ByPropertyName)\n        Aliases                      Issue"));
        assert!(h.contains("Accepted values:             A, B"));
        assert!(h.contains("-------------------------- EXAMPLE 1 --------------------------\n\n    PS> Get-X TEST-1\n\n    Gets one issue."));
        assert!(h.contains("OUTPUTS\n    AtlassianPS.JiraPS.Issue"));
    }

    #[test]
    fn examples_mode() {
        let h = render(&SPEC, &HelpMode::Examples).unwrap();
        assert!(h.contains("PS> Get-X TEST-1"));
        assert!(!h.contains("SYNTAX"));
    }

    #[test]
    fn parameter_mode_with_wildcard() {
        let h = render(&SPEC, &HelpMode::Parameter("f*".into())).unwrap();
        assert!(h.contains("-Fields <String[]>"));
        assert!(h.contains("-First <Int32>"));
        assert!(!h.contains("-Key"));
        assert!(render(&SPEC, &HelpMode::Parameter("nope".into())).is_err());
    }

    #[test]
    fn help_fits_the_width_keeping_indents() {
        let text = format!(
            "{INDENT}Gets issues by key, by JQL query or by saved filter, streaming the pages.\n\n{INDENT}Get-JiraIssue [-Key] <String[]> [-Fields <String[]>] [-IncludeHistory]\n{INDENT}short"
        );
        let fitted = fit(&text, 40);
        for l in fitted.lines() {
            assert!(crate::output::table::width(l) <= 40, "{l:?}");
        }
        assert_eq!(
            fitted,
            format!(
                "{INDENT}Gets issues by key, by JQL query or\n{INDENT}by saved filter, streaming the\n{INDENT}pages.\n\n{INDENT}Get-JiraIssue [-Key] <String[]>\n{INDENT}{INDENT}[-Fields <String[]>]\n{INDENT}{INDENT}[-IncludeHistory]\n{INDENT}short"
            )
        );
        // Words are never cut.
        assert_eq!(fit("    abcdefghij", 6), "    abcdefghij");
    }
}
