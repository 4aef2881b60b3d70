//! Binding tests of the Jira cmdlet specs: JiraPS's names, aliases, positions, parameter sets
//! and pipeline bindings, checked through the real binder (no network).

use crate::cmd::bind::{RawArg, bind, bind_input};
use crate::cmd::spec::CmdletSpec;
use crate::eval::value::{PropMap, RecordData, Value};
use crate::lang::ast::Span;

use super::{SPECS, issue, metadata, method, session};

fn named(n: &str) -> RawArg {
    RawArg::Named {
        name: n.into(),
        value: None,
        span: Span::default(),
    }
}
fn pos(v: impl Into<Value>) -> RawArg {
    RawArg::Positional {
        value: v.into(),
        span: Span::default(),
    }
}
fn secure(s: &str) -> Value {
    Value::SecureString(std::rc::Rc::new(secrecy::SecretString::from(s.to_owned())))
}
fn set_of(spec: &'static CmdletSpec, args: Vec<RawArg>) -> String {
    match bind(spec, args, false) {
        Ok(b) => b.set.to_owned(),
        Err(e) => format!("error: {}", e.message),
    }
}

#[test]
fn get_jira_issue_chooses_sets_like_jiraps() {
    let s = &issue::GET_ISSUE;
    assert_eq!(set_of(s, vec![pos("TEST-1")]), "ByIssueKey");
    assert_eq!(set_of(s, vec![named("Issue"), pos("TEST-1")]), "ByIssueKey");
    assert_eq!(
        set_of(s, vec![named("Query"), pos("project = TEST")]),
        "ByJQL"
    );
    assert_eq!(
        set_of(
            s,
            vec![
                named("JQL"),
                pos("project = TEST"),
                named("PageSize"),
                pos(10i64)
            ]
        ),
        "ByJQL"
    );
    assert_eq!(set_of(s, vec![named("Filter"), pos(10000i64)]), "ByFilter");
    assert_eq!(
        set_of(s, vec![named("InputObject"), pos("TEST-1")]),
        "ByInputObject"
    );
    assert_eq!(
        set_of(s, vec![named("GetHistory"), pos("TEST-1")]),
        "ByIssueKey"
    );
    // -PageSize belongs to the search sets only.
    assert!(set_of(s, vec![pos("TEST-1"), named("PageSize"), pos(5i64)]).starts_with("error"));
    // Paging and -Credential come from the spec flags.
    let b = bind(
        s,
        vec![
            named("Query"),
            pos("x"),
            named("First"),
            pos(5i64),
            named("Skip"),
            pos(2i64),
        ],
        false,
    );
    let b = b.map_err(|e| e.message).unwrap_or_default();
    assert_eq!(b.int("First"), Some(5));
    assert_eq!(b.int("Skip"), Some(2));
    // -Filter takes a number or an id string, made into a Filter stub.
    let b = bind(s, vec![named("Filter"), pos("10000")], false)
        .map_err(|e| e.message)
        .unwrap_or_default();
    assert_eq!(
        b.get("Filter")
            .map(|f| f.property("Id"))
            .map(|v| crate::eval::convert::to_string(&v)),
        Some("10000".into())
    );
    assert!(set_of(s, vec![named("Filter"), pos("")]).starts_with("error"));
}

#[test]
fn get_jira_issue_pipeline_binding() {
    let s = &issue::GET_ISSUE;
    let base = bind(s, vec![], true)
        .map_err(|e| e.message)
        .unwrap_or_default();
    // A piped string binds to -InputObject (converted to an Issue stub).
    let b = bind_input(s, &base, &Value::str("TEST-1"))
        .map_err(|e| e.message)
        .unwrap_or_default();
    assert_eq!(b.set, "ByInputObject");
    let v = b.get("InputObject").cloned().unwrap_or_default();
    assert_eq!(v.type_name(), "AtlassianPS.JiraPS.Issue");
    // A piped object with a Key property binds to -Key by property name.
    let mut p = PropMap::new();
    p.insert("Key", Value::str("TEST-2"));
    let b = bind_input(s, &base, &Value::record(RecordData::custom(p)))
        .map_err(|e| e.message)
        .unwrap_or_default();
    assert_eq!(b.set, "ByIssueKey");
    assert_eq!(
        b.list("Key").first().map(crate::eval::convert::to_string),
        Some("TEST-2".into())
    );
    // A real Issue binds by value to -InputObject.
    let issue = crate::objects::coerce("Issue", &Value::str("TEST-3")).unwrap_or_default();
    let b = bind_input(s, &base, &issue)
        .map_err(|e| e.message)
        .unwrap_or_default();
    assert_eq!(b.set, "ByInputObject");
}

#[test]
fn new_jira_session_sets() {
    let s = &session::NEW_SESSION;
    assert_eq!(set_of(s, vec![]), "Credential");
    assert_eq!(
        set_of(s, vec![named("PAT"), pos(secure("t"))]),
        "PersonalAccessToken"
    );
    assert_eq!(
        set_of(s, vec![named("BearerToken"), pos(secure("t"))]),
        "PersonalAccessToken"
    );
    assert_eq!(
        set_of(
            s,
            vec![
                named("ApiToken"),
                pos(secure("t")),
                named("EmailAddress"),
                pos("me@example.com")
            ]
        ),
        "ApiToken"
    );
    // -ApiToken needs -EmailAddress.
    assert!(set_of(s, vec![named("ApiToken"), pos(secure("t"))]).starts_with("error"));
    // Tokens and the credential are exclusive.
    assert!(
        set_of(
            s,
            vec![
                named("PAT"),
                pos(secure("t")),
                named("EmailAddress"),
                pos("x")
            ]
        )
        .starts_with("error")
    );
    assert_eq!(
        set_of(
            s,
            vec![named("Headers"), pos(Value::hashtable(PropMap::new()))]
        ),
        "Credential"
    );
}

#[test]
fn config_and_method_positions() {
    assert_eq!(
        set_of(
            &session::SET_CONFIG_SERVER,
            vec![pos("https://jira.example.com")]
        ),
        "__AllParameterSets"
    );
    let b = bind(
        &session::SET_CONFIG_SERVER,
        vec![named("Uri"), pos("https://j")],
        false,
    );
    assert!(b.is_ok_and(|b| b.str("Server").as_deref() == Some("https://j")));
    assert!(set_of(&session::SET_CONFIG_SERVER, vec![]).starts_with("error"));

    let b = bind(
        &method::INVOKE_METHOD,
        vec![pos("/rest/api/2/myself"), pos("Post"), pos("{}")],
        false,
    )
    .map_err(|e| e.message)
    .unwrap_or_default();
    assert_eq!(b.str("URI").as_deref(), Some("/rest/api/2/myself"));
    assert_eq!(b.str("Method").as_deref(), Some("Post"));
    assert_eq!(b.str("Body").as_deref(), Some("{}"));
    assert!(set_of(&method::INVOKE_METHOD, vec![pos("/x"), pos("Fetch")]).starts_with("error"));
    assert!(
        set_of(
            &method::INVOKE_METHOD,
            vec![pos("/x"), named("OutputType"), pos("JiraThing")]
        )
        .starts_with("error")
    );
    let b = bind(&session::CLEAR_CACHE, vec![pos("serverinfo")], false)
        .map_err(|e| e.message)
        .unwrap_or_default();
    assert_eq!(b.str("Type").as_deref(), Some("ServerInfo"));
    let b = bind(
        &metadata::GET_SERVER_INFO,
        vec![named("Force"), named("Credential"), pos("bob")],
        false,
    );
    assert!(b.is_ok_and(|b| b.switch("Force") && b.has("Credential")));
    // JiraPS's positions of -Credential: 0 on Get-JiraServerInformation, 8 on Invoke-JiraMethod.
    let b = bind(&metadata::GET_SERVER_INFO, vec![pos("bob")], false);
    assert!(b.is_ok_and(|b| b.str("Credential").as_deref() == Some("bob")));
    let nine: Vec<RawArg> = ["/x", "Get", "", "", "", "", "", "JiraIssue", "bob"]
        .into_iter()
        .map(|a| {
            if a.is_empty() {
                pos(Value::Null)
            } else {
                pos(a)
            }
        })
        .collect();
    let b = bind(&method::INVOKE_METHOD, nine, false).map_err(|e| e.message);
    assert_eq!(b.map(|b| b.str("Credential")), Ok(Some("bob".to_owned())));
}

#[test]
fn every_spec_is_documented_and_unique() {
    let mut names: Vec<String> = Vec::new();
    for spec in SPECS {
        assert!(!spec.synopsis.is_empty(), "{}", spec.name);
        assert!(!spec.examples.is_empty(), "{} has no example", spec.name);
        for p in spec.params {
            assert!(!p.help.is_empty(), "{} -{} has no help", spec.name, p.name);
        }
        for n in std::iter::once(spec.name).chain(spec.aliases.iter().copied()) {
            let lower = n.to_ascii_lowercase();
            assert!(!names.contains(&lower), "duplicate command name {n}");
            names.push(lower);
        }
    }
    assert!(names.contains(&"get-jiraserverinfo".to_owned()));
}
