//! `docs/commands.md` and `docs/cmdlets.md` are rendered from the cmdlet specs; this test fails
//! when a document differs from what the specs say. `JIRASH_BLESS=1 cargo test --test
//! docs_reference` rewrites them.

use std::path::PathBuf;

use jirash::cmd::reference::markdown;

const COMMANDS_INTRO: &str = "The built-in (non-Jira) commands of jirash: objects, formatting, \
input and output, data conversion, credentials and the shell itself. They follow PowerShell's \
names, aliases, positions and pipeline binding; see [language.md](language.md) for the \
language they run in, and `Get-Help <command> -Full` in the shell for the same text.";

const CMDLETS_INTRO: &str = "The Jira cmdlets of jirash, with JiraPS's parameter names, \
aliases, positions, parameter sets and pipeline binding. Log in first \
(see [authentication.md](authentication.md)); every networked cmdlet also takes \
`-Credential` to use other credentials for one call. `Get-Help <cmdlet> -Examples` in the \
shell shows the examples below.";

fn check(file: &str, want: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(file);
    if std::env::var_os("JIRASH_BLESS").is_some() {
        std::fs::write(&path, want).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/{file} is out of date with the cmdlet specs; run `JIRASH_BLESS=1 cargo test --test docs_reference`"
    );
}

#[test]
fn commands_md_matches_the_builtin_specs() {
    let common: Vec<String> = jirash::cmd::spec::COMMON_PARAMS
        .iter()
        .map(|p| format!("`-{}`", p.name))
        .collect();
    let intro = format!(
        "{COMMANDS_INTRO}\n\nEvery command also takes the common parameters {}.",
        common.join(", ")
    );
    check(
        "commands.md",
        &markdown("Built-in commands", &intro, jirash::builtins::SPECS),
    );
}

#[test]
fn cmdlets_md_matches_the_jira_cmdlet_specs() {
    check(
        "cmdlets.md",
        &markdown("Jira cmdlets", CMDLETS_INTRO, jirash::cmdlets::SPECS),
    );
}
