//! The completer as a plain function (design.md example 10): `complete(line, cursor, data)`
//! over a hand-built snapshot — no terminal, no network. Table-driven: each row is a line
//! (cursor at the end, or at `‸` when the row has one) and the replacements expected.

use std::collections::HashMap;

use jirash::cmd::spec::{CmdletSpec, Complete, ConfirmImpact, ParamSpec, SetSpec, Ty, param};
use jirash::cmd::{Command, FnCommand};
use jirash::repl::complete::{
    Completion, CompletionData, JiraLists, JqlData, Lookup, Named, VarInfo, complete,
};

fn noop() -> Box<dyn Command> {
    Box::new(FnCommand(|_, _, _| Ok(())))
}

static ISSUE_PARAMS: &[ParamSpec] = &[
    param("Key", Ty::Str)
        .array()
        .aliases(&["Issue"])
        .set(SetSpec::named("ByIssueKey").mandatory().position(0))
        .complete(Complete::IssueKey),
    param("InputObject", Ty::Jira("Issue"))
        .set(SetSpec::named("ByInputObject").mandatory().position(0)),
    param("Query", Ty::Str)
        .aliases(&["JQL"])
        .set(SetSpec::named("ByJQL").mandatory())
        .complete(Complete::Jql),
    param("Filter", Ty::Jira("Filter")).set(SetSpec::named("ByFilter").mandatory()),
    param("Fields", Ty::Str).array().complete(Complete::Field),
    param("IncludeHistory", Ty::Switch),
    param("Legacy", Ty::Str).hidden(),
];
static GET_ISSUE: CmdletSpec = CmdletSpec {
    aliases: &["gji"],
    params: ISSUE_PARAMS,
    paging: true,
    networked: true,
    ..CmdletSpec::new("Get-JiraIssue", "Gets issues.", noop)
};

static NEW_ISSUE_PARAMS: &[ParamSpec] = &[
    param("Project", Ty::Str)
        .mandatory()
        .complete(Complete::Project),
    param("IssueType", Ty::Str)
        .mandatory()
        .complete(Complete::IssueType),
    param("Summary", Ty::Str).mandatory(),
    param("Priority", Ty::Str).complete(Complete::Priority),
    param("Reporter", Ty::Jira("User")),
    param("Labels", Ty::Str).array(),
];
static NEW_ISSUE: CmdletSpec = CmdletSpec {
    params: NEW_ISSUE_PARAMS,
    should_process: true,
    confirm_impact: ConfirmImpact::Low,
    ..CmdletSpec::new("New-JiraIssue", "Creates an issue.", noop)
};

static TRANSITION_PARAMS: &[ParamSpec] = &[
    param("Issue", Ty::Jira("Issue")).mandatory().position(0),
    param("Transition", Ty::Str)
        .mandatory()
        .position(1)
        .complete(Complete::Transition),
    param("Comment", Ty::Str),
];
static INVOKE_TRANSITION: CmdletSpec = CmdletSpec {
    params: TRANSITION_PARAMS,
    ..CmdletSpec::new("Invoke-JiraIssueTransition", "Transitions an issue.", noop)
};

static COMMENT_PARAMS: &[ParamSpec] = &[
    param("Issue", Ty::Jira("Issue")).mandatory().position(0),
    param("Comment", Ty::Str).mandatory().position(1),
    param("VisibleRole", Ty::Str).values(&["All Users", "Developers", "Administrators"]),
];
static ADD_COMMENT: CmdletSpec = CmdletSpec {
    params: COMMENT_PARAMS,
    ..CmdletSpec::new("Add-JiraIssueComment", "Comments.", noop)
};

static ATTACH_PARAMS: &[ParamSpec] = &[
    param("Issue", Ty::Jira("Issue")).mandatory().position(0),
    param("FilePath", Ty::Path).array().mandatory().position(1),
];
static ADD_ATTACHMENT: CmdletSpec = CmdletSpec {
    params: ATTACH_PARAMS,
    ..CmdletSpec::new("Add-JiraIssueAttachment", "Attaches.", noop)
};

static LINK_PARAMS: &[ParamSpec] = &[
    param("Issue", Ty::Jira("Issue")).mandatory().position(0),
    param("IssueLinkType", Ty::Jira("IssueLinkType")),
    param("Group", Ty::Jira("Group")),
    param("Version", Ty::Jira("Version")),
    param("Component", Ty::Jira("Component")),
    param("Status", Ty::Str).complete(Complete::Status),
    param("Enabled", Ty::Bool),
];
static SET_ISSUE: CmdletSpec = CmdletSpec {
    params: LINK_PARAMS,
    ..CmdletSpec::new("Set-JiraIssue", "Changes an issue.", noop)
};

static HELP_PARAMS: &[ParamSpec] = &[
    param("Name", Ty::Str)
        .position(0)
        .complete(Complete::Command),
    param("Examples", Ty::Switch),
];
static GET_HELP: CmdletSpec = CmdletSpec {
    aliases: &["help"],
    params: HELP_PARAMS,
    ..CmdletSpec::new("Get-Help", "Shows help.", noop)
};

static VAR_PARAMS: &[ParamSpec] = &[param("Name", Ty::Str)
    .position(0)
    .complete(Complete::Variable)];
static GET_VARIABLE: CmdletSpec = CmdletSpec {
    params: VAR_PARAMS,
    ..CmdletSpec::new("Get-Variable", "Variables.", noop)
};

static SELECT_PARAMS: &[ParamSpec] = &[
    param("Property", Ty::Any).array().position(0),
    param("First", Ty::Int),
];
static SELECT: CmdletSpec = CmdletSpec {
    aliases: &["select"],
    params: SELECT_PARAMS,
    ..CmdletSpec::new("Select-Object", "Selects.", noop)
};

fn data() -> CompletionData {
    let mut transitions = HashMap::new();
    transitions.insert(
        "TEST-1".to_owned(),
        vec!["Start Progress".to_owned(), "Resolve Issue".to_owned()],
    );
    CompletionData {
        specs: vec![
            &GET_ISSUE,
            &NEW_ISSUE,
            &INVOKE_TRANSITION,
            &ADD_COMMENT,
            &ADD_ATTACHMENT,
            &SET_ISSUE,
            &GET_HELP,
            &GET_VARIABLE,
            &SELECT,
        ],
        functions: vec!["Get-MyReport".into()],
        aliases: vec![("gi".into(), "Get-JiraIssue".into())],
        variables: vec![
            VarInfo {
                name: "issues".into(),
                props: vec!["Key".into(), "Summary".into(), "Status".into()],
            },
            VarInfo {
                name: "issueCount".into(),
                props: vec![],
            },
            VarInfo {
                name: "me".into(),
                props: vec!["Name".into(), "DisplayName".into()],
            },
        ],
        lists: JiraLists {
            projects: vec![
                Named::new("TEST", "Test project"),
                Named::new("OPS", "Operations"),
                Named::new("TOOLS", ""),
            ],
            issue_types: vec!["Bug".into(), "Story".into(), "Sub-task".into()],
            priorities: vec!["Highest".into(), "High".into(), "Low".into()],
            statuses: vec!["To Do".into(), "In Progress".into(), "Done".into()],
            users: vec![
                Named::new("alice", "Alice Adams"),
                Named::new("bob", "Bob Brown"),
            ],
            groups: vec!["jira-users".into(), "jira-admins".into()],
            filters: vec![Named::new("10000", "My open issues")],
            link_types: vec!["Blocks".into(), "Relates".into()],
            versions: vec!["1.0".into(), "2.0 beta".into()],
            components: vec!["Backend".into(), "UI".into()],
            fields: vec![
                Named::new("summary", "Summary"),
                Named::new("status", "Status"),
            ],
            transitions,
        },
        issues: vec![
            Named::new("TEST-12", "Login fails"),
            Named::new("TEST-1", "First"),
            Named::new("OPS-3", "Disk"),
        ],
        jql: JqlData::default(),
        cwd: std::env::temp_dir(),
        home: None,
    }
}

/// Completes `row`: the cursor is at `‸` when present, else at the end.
fn run(row: &str, d: &CompletionData) -> Completion {
    match row.find('‸') {
        Some(i) => {
            let line = format!("{}{}", &row[..i], &row[i + '‸'.len_utf8()..]);
            complete(&line, i, d)
        }
        None => complete(row, row.len(), d),
    }
}

fn check(rows: &[(&str, &[&str])]) {
    let d = data();
    let mut failures = Vec::new();
    for (row, want) in rows {
        let got = run(row, &d);
        if got.replacements() != *want {
            failures.push(format!(
                "{row:?}: want {want:?}, got {:?}",
                got.replacements()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn command_names_aliases_functions_and_wildcards() {
    check(&[
        ("Get-JiraIss", &["Get-JiraIssue"]),
        ("get-jiraiss", &["Get-JiraIssue"]),
        ("GET-JIRAISSUE", &["Get-JiraIssue"]),
        ("Get-Jira", &["Get-JiraIssue"]),
        ("New-", &["New-JiraIssue"]),
        (
            "Add-JiraIssue",
            &["Add-JiraIssueAttachment", "Add-JiraIssueComment"],
        ),
        ("Get-My", &["Get-MyReport"]),
        ("gj", &["gji"]),
        (
            "g",
            &[
                "Get-Help",
                "Get-JiraIssue",
                "Get-MyReport",
                "Get-Variable",
                "gi",
                "gji",
            ],
        ),
        ("hel", &["help"]),
        ("sel", &["select", "Select-Object"]),
        (
            "Get-*",
            &["Get-Help", "Get-JiraIssue", "Get-MyReport", "Get-Variable"],
        ),
        (
            "*Issue",
            &["Get-JiraIssue", "New-JiraIssue", "Set-JiraIssue"],
        ),
        (
            "*Issue*",
            &[
                "Add-JiraIssueAttachment",
                "Add-JiraIssueComment",
                "Get-JiraIssue",
                "Invoke-JiraIssueTransition",
                "New-JiraIssue",
                "Set-JiraIssue",
            ],
        ),
        ("?et-JiraIssue", &["Get-JiraIssue", "Set-JiraIssue"]),
        ("Nothing-Here", &[]),
        ("", &[]),
        ("$x | Select-O", &["Select-Object"]),
        ("$a; Get-JiraIss", &["Get-JiraIssue"]),
        ("foreach ($i in $x) { Get-JiraIss", &["Get-JiraIssue"]),
        ("$r = Get-JiraIss", &["Get-JiraIssue"]),
        ("$r = (Get-JiraIss", &["Get-JiraIssue"]),
        ("@(Get-JiraIss", &["Get-JiraIssue"]),
        ("Get-JiraIssue TEST-1\nGet-JiraIss", &["Get-JiraIssue"]),
        ("# Get-JiraIss", &[]),
        ("Get-JiraIss‸ -Key X", &["Get-JiraIssue"]),
    ]);
}

#[test]
fn parameter_names_of_the_command_still_unused() {
    check(&[
        ("Get-JiraIssue -K", &["-Key"]),
        ("Get-JiraIssue -k", &["-Key"]),
        ("Get-JiraIssue -Q", &["-Query"]),
        (
            "Get-JiraIssue -In",
            &["-InputObject", "-IncludeHistory", "-IncludeTotalCount"],
        ),
        ("Get-JiraIssue -Fi", &["-Filter", "-Fields", "-First"]),
        ("Get-JiraIssue -Iss", &["-Issue"]),
        ("Get-JiraIssue -JQ", &["-JQL"]),
        ("Get-JiraIssue -Key A-1 -K", &[]),
        ("Get-JiraIssue -Issue A-1 -K", &[]),
        (
            "Get-JiraIssue -IncludeHistory -Inc",
            &["-IncludeTotalCount"],
        ),
        ("Get-JiraIssue -Leg", &[]),
        ("Get-JiraIssue -Cred", &["-Credential"]),
        ("Get-JiraIssue -Sk", &["-Skip"]),
        ("Get-JiraIssue -ErrorA", &["-ErrorAction"]),
        ("Get-JiraIssue -Verb", &["-Verbose"]),
        ("Get-JiraIssue -WhatI", &[]),
        ("New-JiraIssue -WhatI", &["-WhatIf"]),
        ("New-JiraIssue -Con", &["-Confirm"]),
        ("New-JiraIssue -Cred", &[]),
        ("New-JiraIssue -P", &["-Project", "-Priority"]),
        ("New-JiraIssue -Project TEST -P", &["-Priority"]),
        ("new-jiraissue -project TEST -p", &["-Priority"]),
        ("gji -Ke", &["-Key"]),
        ("gi -Ke", &["-Key"]),
        ("Get-JiraIssue -Key A-1 | Select-Object -Fi", &["-First"]),
        ("Add-JiraIssueComment -V", &["-VisibleRole", "-Verbose"]),
        ("Get-MyReport -X", &[]),
        ("Unknown-Command -X", &[]),
        ("Get-JiraIssue -Key:A-1 -K", &[]),
    ]);
}

#[test]
fn parameter_list_shows_types() {
    let d = data();
    let c = run("Get-JiraIssue -Ke", &d);
    assert_eq!(c.candidates[0].display, "-Key <string[]>");
    let c = run("Get-JiraIssue -IncludeH", &d);
    assert_eq!(c.candidates[0].display, "-IncludeHistory");
    let c = run("Get-JiraIssue -Filt", &d);
    assert_eq!(c.candidates[0].display, "-Filter <Filter>");
    assert_eq!(c.start, "Get-JiraIssue ".len());
}

#[test]
fn fixed_sets_and_jira_lists() {
    check(&[
        (
            "Get-JiraIssue -ErrorAction S",
            &["Stop", "SilentlyContinue"],
        ),
        ("Get-JiraIssue -ErrorAction si", &["SilentlyContinue"]),
        ("Get-JiraIssue -ea I", &["Ignore", "Inquire"]),
        ("Get-JiraIssue -ErrorAction:Sto", &["Stop"]),
        ("Add-JiraIssueComment -VisibleRole D", &["Developers"]),
        (
            "Add-JiraIssueComment -VisibleRole A",
            &["'All Users'", "Administrators"],
        ),
        ("Add-JiraIssueComment -VisibleRole 'All", &["'All Users'"]),
        (
            "Add-JiraIssueComment -VisibleRole \"All",
            &["\"All Users\""],
        ),
        ("New-JiraIssue -Project T", &["TEST", "TOOLS"]),
        ("New-JiraIssue -Project o", &["OPS"]),
        ("New-JiraIssue -IssueType S", &["Story", "Sub-task"]),
        ("New-JiraIssue -Priority Hi", &["Highest", "High"]),
        ("New-JiraIssue -Reporter a", &["alice"]),
        ("Set-JiraIssue X-1 -Status In", &["'In Progress'"]),
        (
            "Set-JiraIssue X-1 -Status ",
            &["'To Do'", "'In Progress'", "Done"],
        ),
        ("Set-JiraIssue X-1 -IssueLinkType B", &["Blocks"]),
        ("Set-JiraIssue X-1 -Group jira-a", &["jira-admins"]),
        ("Set-JiraIssue X-1 -Version 2", &["'2.0 beta'"]),
        ("Set-JiraIssue X-1 -Component U", &["UI"]),
        ("Set-JiraIssue X-1 -Enabled $t", &["$true"]),
        ("Get-JiraIssue -Filter 1", &["10000"]),
        ("Get-JiraIssue -Fields s", &["summary", "status"]),
        ("Get-JiraIssue -Fields summary,st", &["status"]),
        ("Get-Help Get-JiraI", &["Get-JiraIssue"]),
        ("Get-Help -Name New-", &["New-JiraIssue"]),
        ("Get-Variable iss", &["issues", "issueCount"]),
        ("Get-JiraIssue -ErrorVariable m", &["me"]),
        ("New-JiraIssue -Labels x", &[]),
        ("New-JiraIssue -Summary ", &[]),
    ]);
}

#[test]
fn described_values_show_their_description() {
    let d = data();
    let c = run("New-JiraIssue -Project TE", &d);
    assert_eq!(c.candidates[0].display, "TEST  Test project");
    let c = run("New-JiraIssue -Reporter b", &d);
    assert_eq!(c.candidates[0].display, "bob  Bob Brown");
    assert_eq!(c.candidates[0].replacement, "bob");
}

#[test]
fn issue_keys_where_an_issue_is_expected() {
    check(&[
        ("Get-JiraIssue TEST-1", &["TEST-12", "TEST-1"]),
        ("Get-JiraIssue test-1", &["TEST-12", "TEST-1"]),
        ("Get-JiraIssue O", &["OPS-3"]),
        ("Get-JiraIssue ", &["TEST-12", "TEST-1", "OPS-3"]),
        ("Get-JiraIssue -Key T", &["TEST-12", "TEST-1"]),
        ("Get-JiraIssue -Issue OP", &["OPS-3"]),
        ("Get-JiraIssue -Key:T", &["TEST-12", "TEST-1"]),
        ("Get-JiraIssue -Key OPS-3,TEST-1", &["TEST-12", "TEST-1"]),
        ("Get-JiraIssue -InputObject O", &["OPS-3"]),
        ("Invoke-JiraIssueTransition OP", &["OPS-3"]),
        ("Add-JiraIssueComment -Issue TEST-12", &["TEST-12"]),
        ("gji TEST-12", &["TEST-12"]),
        ("Get-JiraIssue -IncludeHistory O", &["OPS-3"]),
        ("Get-JiraIssue -Query x O", &[]),
    ]);
}

#[test]
fn issue_key_candidates_carry_the_summary_and_ask_the_picker() {
    let d = data();
    let c = run("Get-JiraIssue TEST-12", &d);
    assert_eq!(c.candidates[0].display, "TEST-12  Login fails");
    assert_eq!(c.lookup, Some(Lookup::IssuePicker("TEST-12".into())));
    let c = run("Get-JiraIssue -Key 'TE", &d);
    assert_eq!(c.lookup, Some(Lookup::IssuePicker("TE".into())));
    assert_eq!(c.replacements(), ["'TEST-12'", "'TEST-1'"]);
    assert_eq!(run("New-JiraIssue -Project T", &d).lookup, None);
}

#[test]
fn transitions_of_the_issue_on_the_line() {
    check(&[
        ("Invoke-JiraIssueTransition TEST-1 S", &["'Start Progress'"]),
        (
            "Invoke-JiraIssueTransition TEST-1 ",
            &["'Start Progress'", "'Resolve Issue'"],
        ),
        (
            "Invoke-JiraIssueTransition -Issue test-1 -Transition R",
            &["'Resolve Issue'"],
        ),
        (
            "Invoke-JiraIssueTransition -Transition R -Issue TEST-1‸",
            &["TEST-12", "TEST-1"],
        ),
        (
            "Invoke-JiraIssueTransition 'TEST-1' 'Res",
            &["'Resolve Issue'"],
        ),
        ("Invoke-JiraIssueTransition OPS-3 S", &[]),
    ]);
    let d = data();
    let c = run("Invoke-JiraIssueTransition OPS-3 S", &d);
    assert_eq!(c.lookup, Some(Lookup::Transitions("OPS-3".into())));
}

#[test]
fn variables_and_their_properties() {
    check(&[
        ("$iss", &["$issueCount", "$issues"]),
        ("$ISS", &["$issueCount", "$issues"]),
        ("$m", &["$me"]),
        ("$nope", &[]),
        ("$issues.Sum", &["Summary"]),
        ("$issues.s", &["Summary", "Status"]),
        ("$me.", &["Name", "DisplayName"]),
        ("$ME.Disp", &["DisplayName"]),
        ("$unknown.x", &[]),
        ("$issues.Status.x", &[]),
        ("Get-JiraIssue -Key $iss", &["$issueCount", "$issues"]),
        ("$x = $iss", &["$issueCount", "$issues"]),
        ("\"Total: $issueC", &["$issueCount"]),
        ("'no $iss", &[]),
        ("Get-JiraIssue @iss", &["@issueCount", "@issues"]),
        ("$issues | Where-Object { $_.Status -eq $m", &["$me"]),
    ]);
    let d = data();
    assert_eq!(run("$issues.Sum", &d).start, "$issues.".len());
    assert_eq!(run("Get-JiraIssue $iss", &d).start, "Get-JiraIssue ".len());
}

#[test]
fn jql_inside_the_query_string() {
    check(&[
        ("Get-JiraIssue -Query 'proj", &["project"]),
        (
            "Get-JiraIssue -Query 'project ",
            &[
                "=", "!=", "~", "!~", ">", ">=", "<", "<=", "in", "not in", "is", "is not", "was",
                "was in", "was not", "changed",
            ],
        ),
        ("Get-JiraIssue -Query 'project = T", &["TEST", "TOOLS"]),
        ("Get-JiraIssue -JQL 'project = TEST AND st", &["status"]),
        (
            "Get-JiraIssue -Query 'project = TEST AND status = In",
            &["\"In Progress\""],
        ),
        ("Get-JiraIssue -Query \"status = In", &["'In Progress'"]),
        (
            "Get-JiraIssue -Query 'status in (Done, \"To",
            &["\"To Do\""],
        ),
        ("Get-JiraIssue -Query 'project = TEST A", &["AND"]),
        (
            "Get-JiraIssue -Query 'project = TEST ",
            &["AND", "OR", "ORDER BY"],
        ),
        (
            "Get-JiraIssue -Query 'project = TEST ORDER BY cr",
            &["created", "creator"],
        ),
        (
            "Get-JiraIssue -Query 'project = TEST ORDER BY created ",
            &["ASC", "DESC"],
        ),
        ("Get-JiraIssue -Query 'assignee = cu", &["currentUser()"]),
        ("Get-JiraIssue -Query 'assignee = a", &["alice"]),
        ("Get-JiraIssue -Query 'priority = Hi", &["Highest", "High"]),
        ("Get-JiraIssue -Query 'issuetype = Su", &["\"Sub-task\""]),
        ("Get-JiraIssue -Query 'key = TEST-1", &["TEST-12", "TEST-1"]),
        (
            "Get-JiraIssue -Query 'assignee is ",
            &["not", "EMPTY", "null"],
        ),
        ("Get-JiraIssue -Query project", &[]),
    ]);
    let d = data();
    let c = run("Get-JiraIssue -Query 'project = TEST AND st", &d);
    assert_eq!(c.start, "Get-JiraIssue -Query 'project = TEST AND ".len());
    assert_eq!(c.lookup, Some(Lookup::JqlData));
    let mut d2 = data();
    d2.jql.fields = vec!["customfield_10016".into(), "status".into()];
    assert_eq!(
        run("Get-JiraIssue -Query 'cust", &d2).replacements(),
        ["customfield_10016"]
    );
    assert_eq!(run("Get-JiraIssue -Query 'cust", &d2).lookup, None);
}

#[test]
fn file_paths_for_path_parameters() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("report.txt"), "x").expect("file");
    std::fs::write(dir.path().join("readme.md"), "x").expect("file");
    std::fs::write(dir.path().join(".hidden"), "x").expect("file");
    std::fs::create_dir(dir.path().join("my docs")).expect("dir");
    std::fs::write(dir.path().join("my docs/a b.txt"), "x").expect("file");
    let mut d = data();
    d.cwd = dir.path().to_path_buf();
    d.home = Some(dir.path().to_path_buf());
    let rows: &[(&str, &[&str])] = &[
        (
            "Add-JiraIssueAttachment X-1 re",
            &["readme.md", "report.txt"],
        ),
        ("Add-JiraIssueAttachment X-1 rep", &["report.txt"]),
        (
            "Add-JiraIssueAttachment X-1 -FilePath RE",
            &["readme.md", "report.txt"],
        ),
        ("Add-JiraIssueAttachment X-1 .h", &[".hidden"]),
        ("Add-JiraIssueAttachment X-1 my", &["'my docs/"]),
        (
            "Add-JiraIssueAttachment X-1 'my docs/",
            &["'my docs/a b.txt'"],
        ),
        ("Add-JiraIssueAttachment X-1 ~/rep", &["~/report.txt"]),
        ("Add-JiraIssueAttachment X-1 ./rep", &["./report.txt"]),
        ("Add-JiraIssueAttachment X-1 zz", &[]),
        ("Get-MyReport ./rea", &["./readme.md"]),
    ];
    let mut failures = Vec::new();
    for (row, want) in rows {
        let got = run(row, &d);
        if got.replacements() != *want {
            failures.push(format!(
                "{row:?}: want {want:?}, got {:?}",
                got.replacements()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let abs = format!("Add-JiraIssueAttachment X-1 {}/rep", dir.path().display());
    assert_eq!(
        run(&abs, &d).replacements(),
        [format!("{}/report.txt", dir.path().display())]
    );
}

#[test]
fn start_offsets_point_at_the_word() {
    let d = data();
    for (row, start) in [
        ("Get-JiraIss", 0),
        ("$x | Get-JiraIss", 5),
        ("Get-JiraIssue -Ke", 14),
        ("Get-JiraIssue -Key TE", 19),
        ("Get-JiraIssue -Key:TE", 19),
        ("Get-JiraIssue -Fields summary,st", 30),
        ("Get-Jira‸Issue", 0),
    ] {
        assert_eq!(run(row, &d).start, start, "{row}");
    }
}

#[test]
fn cursor_inside_the_line_completes_the_word_before_it() {
    check(&[
        ("Get-JiraIss‸ -Key TEST-1", &["Get-JiraIssue"]),
        ("Get-JiraIssue -Ke‸ TEST-1", &["-Key"]),
        ("New-JiraIssue -Project T‸ -Summary x", &["TEST", "TOOLS"]),
    ]);
}

#[test]
fn odd_input_never_panics() {
    let d = data();
    for line in [
        "\"",
        "'",
        "`",
        "$",
        "@",
        "-",
        "|",
        "(",
        ")",
        "}",
        "{",
        "$(",
        "@{",
        "#",
        "é",
        "Get-JiraIssue -",
        "Get-JiraIssue `\n-K",
        "Get-JiraIssue -Query '",
        "Get-JiraIssue -Query '\"",
        "Get-JiraIssue -Query 'a = \"",
        ")))))",
        "$.",
        "$a..b",
        "-Key:",
    ] {
        for pos in 0..=line.len() {
            let c = complete(line, pos, &d);
            assert!(c.start <= line.len(), "{line:?} at {pos}");
        }
    }
}
