//! Unit tests of the object layer, on JSON shaped like the simulator's and the OpenAPI examples.

use serde_json::json;

use super::*;
use crate::eval::value::Value;

fn prop(v: &Value, name: &str) -> Value {
    v.property(name)
}

fn s(v: &Value, name: &str) -> String {
    types::value_text(&v.property(name))
}

fn type_of(v: &Value) -> String {
    v.type_name()
}

fn to_string(v: &Value) -> String {
    types::value_text(v)
}

fn dc_issue() -> Json {
    json!({
        "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
        "id": "10042",
        "self": "https://jira.example.com/rest/api/2/issue/10042",
        "key": "DEMO-42",
        "transitions": [{"id": "21", "name": "Start Progress",
            "to": {"id": "3", "name": "In Progress", "self": "https://jira.example.com/rest/api/2/status/3"}}],
        "fields": {
            "summary": "Login page returns 500 on empty password",
            "issuetype": {"self": "https://jira.example.com/rest/api/2/issuetype/1", "id": "1", "name": "Bug", "subtask": false},
            "project": {"self": "https://jira.example.com/rest/api/2/project/10000", "id": "10000", "key": "DEMO", "name": "Demo"},
            "status": {"self": "https://jira.example.com/rest/api/2/status/3", "id": "3", "name": "In Progress",
                "statusCategory": {"self": "https://jira.example.com/rest/api/2/statuscategory/4", "id": 4,
                    "key": "indeterminate", "colorName": "yellow", "name": "In Progress"}},
            "priority": {"id": "2", "name": "High"},
            "assignee": {"self": "https://jira.example.com/rest/api/2/user?username=alice", "name": "alice",
                "key": "JIRAUSER10100", "displayName": "Alice Adams", "active": true},
            "reporter": {"name": "bob", "displayName": "Bob Brown", "active": true},
            "created": "2024-03-05T09:14:22.000+0100",
            "updated": "2024-03-07T16:02:11.517+0100",
            "description": "Steps:\n# open /login",
            "labels": ["auth", "regression"],
            "components": [{"id": "10010", "name": "Web UI"}],
            "fixVersions": [{"id": "10020", "name": "2.4.0", "archived": false, "released": false, "releaseDate": "2024-04-01"}],
            "resolution": null,
            "customfield_10010": 5,
            "comment": {"startAt": 0, "maxResults": 1, "total": 1, "comments": [
                {"id": "100", "body": "Looks bad", "author": {"name": "bob"}, "created": "2024-03-05T10:00:00.000+0000"}]},
            "issuelinks": [{"id": "300", "type": {"id": "1000", "name": "Blocks", "inward": "is blocked by", "outward": "blocks"},
                "outwardIssue": {"id": "10043", "key": "DEMO-43", "fields": {"summary": "Other"}}}]
        }
    })
}

#[test]
fn issue_has_friendly_properties_and_every_raw_field() {
    let i = issue(&dc_issue(), "https://jira.example.com");
    assert_eq!(type_of(&i), "AtlassianPS.JiraPS.Issue");
    assert_eq!(
        to_string(&i),
        "[DEMO-42] Login page returns 500 on empty password"
    );
    assert_eq!(s(&i, "Id"), "10042");
    assert_eq!(s(&i, "HttpUrl"), "https://jira.example.com/browse/DEMO-42");
    assert_eq!(
        s(&i, "RestUrl"),
        "https://jira.example.com/rest/api/2/issue/10042"
    );
    assert_eq!(s(&i, "Status"), "In Progress");
    assert_eq!(type_of(&prop(&i, "Status")), "AtlassianPS.JiraPS.Status");
    assert_eq!(
        s(&prop(&prop(&i, "Status"), "StatusCategory"), "ColorName"),
        "yellow"
    );
    assert_eq!(type_of(&prop(&i, "Assignee")), "AtlassianPS.JiraPS.User");
    assert_eq!(s(&i, "Assignee"), "alice");
    assert_eq!(s(&i, "Reporter"), "bob");
    assert_eq!(s(&i, "Project"), "Demo");
    assert_eq!(s(&i, "Description"), "Steps:\n# open /login");
    // Raw fields by wire name, typed where JiraPS types them.
    assert_eq!(
        type_of(&prop(&i, "issuetype")),
        "AtlassianPS.JiraPS.IssueType"
    );
    assert_eq!(
        type_of(&prop(&i, "priority")),
        "AtlassianPS.JiraPS.Priority"
    );
    assert!(prop(&i, "resolution").is_null());
    assert_eq!(s(&i, "labels"), "auth regression");
    assert!(matches!(prop(&i, "customfield_10010"), Value::Int(5)));
    let fix = prop(&i, "fixVersions");
    let fix = fix
        .as_array()
        .map(|a| a.borrow()[0].clone())
        .unwrap_or_default();
    assert_eq!(type_of(&fix), "AtlassianPS.JiraPS.Version");
    assert_eq!(s(&fix, "ReleaseDate"), "2024-04-01T00:00:00+00:00");
    // `Fields` keeps the raw JSON.
    assert_eq!(
        s(&prop(&i, "Fields"), "summary"),
        "Login page returns 500 on empty password"
    );
    // Comments, links and transitions.
    let comments = prop(&i, "Comment");
    let c = comments
        .as_array()
        .map(|a| a.borrow()[0].clone())
        .unwrap_or_default();
    assert_eq!(to_string(&c), "Looks bad");
    let links = prop(&i, "IssueLinks");
    let l = links
        .as_array()
        .map(|a| a.borrow()[0].clone())
        .unwrap_or_default();
    assert_eq!(s(&l, "Type"), "Blocks");
    assert_eq!(s(&prop(&l, "OutwardIssue"), "Key"), "DEMO-43");
    let tr = prop(&i, "Transition");
    let t = tr
        .as_array()
        .map(|a| a.borrow()[0].clone())
        .unwrap_or_default();
    assert_eq!(to_string(&t), "Start Progress");
    assert_eq!(s(&t, "ResultStatus"), "In Progress");
    // No History without a changelog.
    assert!(matches!(&i, Value::Record(r) if !r.borrow().props.contains_key("History")));
}

#[test]
fn issue_dates_show_in_local_time() {
    let i = issue(&dc_issue(), "");
    let Value::DateTime(d) = prop(&i, "Created") else {
        panic!("Created is not a date")
    };
    // The instant is Jira's; the offset is the local zone's (as JiraPS's Get-Date gives).
    assert_eq!(d.ts.to_string(), "2024-03-05T08:14:22Z");
    assert_eq!(d.offset, jiff::tz::TimeZone::system().to_offset(d.ts));
    let back = crate::objects::parse_jira_datetime(&format_jira_datetime(&d));
    assert_eq!(back.map(|b| b.ts), Some(d.ts));
}

#[test]
fn issue_without_assignee_is_unassigned_and_base_comes_from_self() {
    let mut j = dc_issue();
    j["fields"]["assignee"] = Json::Null;
    let i = issue(&j, "");
    assert_eq!(s(&i, "Assignee"), "Unassigned");
    assert_eq!(s(&i, "HttpUrl"), "https://jira.example.com/browse/DEMO-42");
}

#[test]
fn cloud_issue_description_adf_becomes_text_and_history_is_read() {
    let j = json!({
        "id": "10001", "key": "TEST-1", "self": "http://127.0.0.1:5000/rest/api/3/issue/10001",
        "fields": {
            "summary": "First",
            "description": {"type": "doc", "version": 1, "content": [
                {"type": "paragraph", "content": [{"type": "text", "text": "Hello "}, {"type": "text", "text": "world", "marks": [{"type": "strong"}]}]}]},
            "assignee": {"accountId": "5b10a2844c20165700ede21g", "displayName": "Alice Adams", "active": true}
        },
        "changelog": {"histories": [{"id": "5", "author": {"accountId": "x"}, "created": "2026-01-02T03:04:05.000+0000",
            "items": [{"field": "status", "fromString": "To Do", "toString": "Done"}]}]}
    });
    let i = issue(&j, "http://127.0.0.1:5000/");
    assert_eq!(s(&i, "HttpUrl"), "http://127.0.0.1:5000/browse/TEST-1");
    assert_eq!(s(&i, "Description"), "Hello **world**");
    // A Cloud user has no name: it prints its display name and is identified by account id.
    let a = prop(&i, "Assignee");
    assert_eq!(to_string(&a), "Alice Adams");
    let Value::Record(r) = &a else {
        panic!("not a record")
    };
    assert_eq!(r.borrow().info.and_then(|t| t.identity), Some("AccountId"));
    let h = prop(&i, "History");
    let h0 = h
        .as_array()
        .map(|a| a.borrow()[0].clone())
        .unwrap_or_default();
    assert_eq!(type_of(&h0), "AtlassianPS.JiraPS.IssueHistoryEntry");
    assert!(matches!(&h0, Value::Record(r) if r.borrow().is_type("JiraPS.IssueHistoryEntry")));
    let items = prop(&h0, "Items");
    let item = items
        .as_array()
        .map(|a| a.borrow()[0].clone())
        .unwrap_or_default();
    assert_eq!(s(&item, "toString"), "Done");
}

#[test]
fn user_properties() {
    let u = user(
        &json!({"self": "https://j/rest/api/2/user?username=fred", "key": "JIRAUSER1", "name": "fred",
        "emailAddress": "fred@example.com", "displayName": "Fred F", "active": false, "deleted": false,
        "timeZone": "UTC", "locale": "en_US", "avatarUrls": {"48x48": "https://j/a.png"},
        "groups": {"size": 2, "items": [{"name": "jira-users"}, {"name": "devs"}]},
        "lastLoginTime": "2026-01-01T00:00:00.000+0000"}),
    );
    assert_eq!(to_string(&u), "fred");
    assert_eq!(s(&u, "Groups"), "jira-users devs");
    assert!(matches!(prop(&u, "Active"), Value::Bool(false)));
    assert_eq!(s(&u, "RestUrl"), "https://j/rest/api/2/user?username=fred");
    assert_eq!(s(&prop(&u, "AvatarUrl"), "48x48"), "https://j/a.png");
    assert!(matches!(prop(&u, "LastLoginTime"), Value::DateTime(_)));
    let Value::Record(r) = &u else {
        panic!("not a record")
    };
    assert_eq!(
        r.borrow().info.map(|t| t.table_view),
        Some(&[("Name", 20), ("DisplayName", 36), ("Active", 8)][..])
    );
}

#[test]
fn small_types_map_wire_names() {
    let v = version(
        &json!({"id": "10020", "projectId": 10000, "name": "2.4.0", "released": true, "archived": false,
        "startDate": "2024-03-01", "releaseDate": "2024-04-01"}),
    );
    assert_eq!(to_string(&v), "2.4.0");
    assert!(matches!(prop(&v, "Project"), Value::Int(10000)));
    assert!(matches!(prop(&v, "Overdue"), Value::Bool(false)));
    assert!(matches!(prop(&v, "StartDate"), Value::DateTime(_)));

    let f = filter(
        &json!({"id": "10000", "name": "My open", "jql": "assignee = currentUser()", "favourite": true,
        "searchUrl": "https://j/rest/api/2/search?jql=x", "owner": {"name": "demo"},
        "sharePermissions": [{"id": 1, "type": "global"}]}),
    );
    assert_eq!(to_string(&f), "My open");
    assert_eq!(s(&f, "JQL"), "assignee = currentUser()");
    assert!(matches!(prop(&f, "Favorite"), Value::Bool(true)));
    let perms = prop(&f, "FilterPermissions");
    assert_eq!(to_string(&perms), "global");

    let c = component(
        &json!({"id": "1", "name": "Backend", "project": "TEST", "projectId": 10000, "lead": {"name": "alice"}}),
    );
    assert_eq!(s(&c, "ProjectName"), "TEST");
    assert_eq!(s(&c, "Lead"), "alice");

    let lt = issue_link_type(
        &json!({"id": "1000", "name": "Duplicate", "inward": "is duplicated by", "outward": "duplicates"}),
    );
    assert_eq!(s(&lt, "InwardText"), "is duplicated by");
    assert_eq!(s(&lt, "OutwardText"), "duplicates");

    let w = worklog(
        &json!({"id": "10100", "timeSpent": "1h 30m", "timeSpentSeconds": 5400,
        "comment": {"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "did it"}]}]},
        "started": "2021-01-17T12:34:00.000+0000"}),
    );
    assert_eq!(to_string(&w), "10100");
    assert!(matches!(prop(&w, "Id"), Value::Int(10100)));
    assert_eq!(s(&w, "Comment"), "did it");

    let a = attachment(
        &json!({"id": "10000", "filename": "log.txt", "size": 42, "mimeType": "text/plain"}),
    );
    assert_eq!(to_string(&a), "log.txt");
    assert!(matches!(prop(&a, "Size"), Value::Int(42)));

    let g = group(&json!({"name": "devs", "groupId": "abc", "users": {"size": 3, "items": []}}));
    assert_eq!(to_string(&g), "devs");
    assert_eq!(s(&g, "Id"), "abc");
    assert!(matches!(prop(&g, "Size"), Value::Int(3)));

    let fl = field(
        &json!({"id": "customfield_10101", "name": "Story Points", "custom": true, "clauseNames": ["cf[10101]"]}),
    );
    assert_eq!(to_string(&fl), "Story Points");
    assert!(matches!(prop(&fl, "Custom"), Value::Bool(true)));

    let rl = remote_link(
        &json!({"id": 10000, "globalId": "g", "object": {"url": "https://x", "title": "X"}}),
    );
    assert_eq!(to_string(&rl), "10000");
    assert_eq!(s(&prop(&rl, "RemoteObject"), "title"), "X");

    let p = project(
        &json!({"id": "10000", "key": "TEST", "name": "Test Project", "projectCategory": {"name": "Eng"},
        "issueTypes": [{"id": "1", "name": "Bug"}]}),
    );
    assert_eq!(to_string(&p), "Test Project");
    assert_eq!(s(&prop(&p, "Category"), "name"), "Eng");
    assert_eq!(s(&p, "IssueTypes"), "Bug");

    let m = create_meta_field(
        &json!({"fieldId": "summary", "key": "summary", "name": "Summary", "required": true,
        "operations": ["set"], "defaultValue": "x"}),
        None,
    );
    assert_eq!(s(&m, "Id"), "summary");
    assert_eq!(s(&m, "defaultValue"), "x");
    assert!(matches!(prop(&m, "Required"), Value::Bool(true)));
    let e = edit_meta_field(
        &json!({"name": "Labels", "required": false}),
        Some("labels"),
    );
    assert_eq!(s(&e, "Id"), "labels");
    assert_eq!(type_of(&e), "AtlassianPS.JiraPS.EditMetaField");
}

#[test]
fn server_info_and_session_print_as_jiraps() {
    let si = server_info(
        &json!({"baseUrl": "https://x.atlassian.net", "version": "1001.0.0",
        "versionNumbers": [1001, 0, 0], "deploymentType": "Cloud", "buildNumber": 100300,
        "serverTime": "2026-09-04T16:07:42.487-0700", "serverTitle": "Jira"}),
    );
    assert_eq!(to_string(&si), "[Cloud] 1001.0.0");
    let Value::DateTime(t) = prop(&si, "ServerTime") else {
        panic!("not a date")
    };
    assert_eq!(t.ts.to_string(), "2026-09-04T23:07:42.487Z");
    assert_eq!(t.offset, jiff::tz::TimeZone::system().to_offset(t.ts));
    let dc = server_info(&json!({"version": "10.3.19"}));
    assert_eq!(to_string(&dc), "[Server] 10.3.19");

    let sess = session(Some("demo"), "http://127.0.0.1:1", "Basic", Value::Null);
    assert_eq!(to_string(&sess), "JiraSession");
    assert_eq!(s(&sess, "Username"), "demo");
    assert!(prop(&sess, "JSessionID").is_null());
}

#[test]
fn json_round_trip_keeps_order_and_types() {
    let j = json!({"b": 1, "a": [true, null, 1.5, "x"], "c": {"z": 1, "y": 2}});
    let v = json_to_value(&j);
    assert!(
        matches!(&v, Value::Record(r) if r.borrow().props.keys().collect::<Vec<_>>() == ["b", "a", "c"])
    );
    assert_eq!(value_to_json(&v), Ok(j));
}

#[test]
fn value_to_json_refuses_secrets_and_formats_dates() {
    let secret = Value::SecureString(std::rc::Rc::new(secrecy::SecretString::from("hunter2")));
    let err = value_to_json(&Value::array(vec![secret]))
        .err()
        .unwrap_or_default();
    assert!(err.contains("SecureString"), "{err}");
    assert!(!err.contains("hunter2"));
    let cred = Value::Credential(std::rc::Rc::new(crate::eval::value::Credential {
        user: "u".into(),
        password: secrecy::SecretString::from("pw"),
    }));
    assert!(value_to_json(&cred).is_err());
    let d = parse_jira_datetime("2026-11-30T10:00:00.000+0000")
        .map(Value::DateTime)
        .unwrap_or_default();
    assert_eq!(value_to_json(&d), Ok(json!("2026-11-30T10:00:00.000+0000")));
    let mut h = PropMap::new();
    h.insert("summary", Value::str("x"));
    assert_eq!(
        value_to_json(&Value::hashtable(h)),
        Ok(json!({"summary": "x"}))
    );
}

#[test]
fn date_parsing_forms() {
    let d = parse_jira_datetime("2026-11-30T10:00:00.000-0530");
    assert_eq!(d.map(|d| d.offset.seconds()), Some(-(5 * 3600 + 30 * 60)));
    let d = parse_jira_datetime("2026-11-30T10:00:00+02:00");
    assert_eq!(d.map(|d| d.offset.seconds()), Some(7200));
    let d = parse_jira_datetime("2026-11-30T10:00:00Z");
    assert_eq!(d.map(|d| d.offset.seconds()), Some(0));
    assert!(parse_jira_datetime("2026-04-01").is_some());
    assert!(parse_jira_datetime("not a date").is_none());
    assert!(parse_jira_datetime("6/Jul/2010").is_none());
}

#[test]
fn coerce_strings_to_stubs() {
    let i = coerce("Issue", &Value::str("TEST-1")).unwrap_or_default();
    assert_eq!(type_of(&i), "AtlassianPS.JiraPS.Issue");
    assert_eq!(s(&i, "Key"), "TEST-1");
    assert!(matches!(&i, Value::Record(r) if r.borrow().props.contains_key("RestUrl")));
    assert!(prop(&i, "RestUrl").is_null());
    let cases = [
        ("User", "fred", "Name"),
        ("Project", "TEST", "Key"),
        ("Group", "devs", "Name"),
        ("Filter", "10000", "Id"),
        ("Version", "10020", "Id"),
        ("Version", "2.4.0", "Name"),
        ("IssueLinkType", "Blocks", "Name"),
        ("IssueLink", "300", "Id"),
        ("Attachment", "10000", "Id"),
        ("Component", "10010", "Id"),
        ("Component", "Web UI", "Name"),
        ("JiraPS.Issue", "TEST-2", "Key"),
        ("AtlassianPS.JiraPS.User", "bob", "Name"),
    ];
    for (ty, input, property) in cases {
        let v = coerce(ty, &Value::str(input)).unwrap_or_default();
        assert_eq!(s(&v, property), input, "{ty} from {input:?}");
    }
    // A version named by text is identified by name, one with an id by id.
    let by_name = coerce("Version", &Value::str("2.4.0")).unwrap_or_default();
    assert!(
        matches!(&by_name, Value::Record(r) if r.borrow().info.and_then(|t| t.identity) == Some("Name"))
    );
}

#[test]
fn coerce_numbers_records_and_rejections() {
    for ty in ["Version", "Filter", "Project", "IssueLinkType"] {
        let v = coerce(ty, &Value::Int(10000)).unwrap_or_default();
        assert_eq!(s(&v, "Id"), "10000", "{ty}");
    }
    let real = issue(&dc_issue(), "");
    let same = coerce("Issue", &real).unwrap_or_default();
    assert!(
        matches!((&real, &same), (Value::Record(a), Value::Record(b)) if std::rc::Rc::ptr_eq(a, b))
    );
    let err = coerce("User", &real).err().unwrap_or_default();
    assert!(err.contains("AtlassianPS.JiraPS.Issue"), "{err}");
    for bad in ["", "   "] {
        let err = coerce("Issue", &Value::str(bad)).err().unwrap_or_default();
        assert!(err.contains("empty"), "{err}");
    }
    assert!(coerce("Filter", &Value::str("my filter")).is_err());
    assert!(coerce("Issue", &Value::Null).is_err());
    assert!(coerce("Nonsense", &Value::str("x")).is_err());

    // A legacy v2 object tagged `JiraPS.Issue` maps property by property.
    let mut p = PropMap::new();
    p.insert("Key", Value::str("TEST-9"));
    p.insert("Summary", Value::str("legacy"));
    let mut data = RecordData::custom(p.clone());
    data.type_name = Some("JiraPS.Issue".into());
    let v = coerce("Issue", &Value::record(data)).unwrap_or_default();
    assert_eq!(to_string(&v), "[TEST-9] legacy");
    // An untagged custom object is refused with a remedy; a hashtable cast works.
    let err = coerce("Issue", &Value::record(RecordData::custom(p.clone())))
        .err()
        .unwrap_or_default();
    assert!(err.contains("Key"), "{err}");
    let v = coerce("Issue", &Value::hashtable(p)).unwrap_or_default();
    assert_eq!(s(&v, "Key"), "TEST-9");
    // Arrays convert element by element.
    let arr = coerce(
        "Issue",
        &Value::array(vec![Value::str("A-1"), Value::str("A-2")]),
    )
    .unwrap_or_default();
    assert_eq!(to_string(&arr), "[A-1]  [A-2] ");
}

#[test]
fn every_type_is_registered_with_both_names() {
    for (short, info, declared) in types::ALL {
        assert_eq!(info.name, format!("AtlassianPS.JiraPS.{short}"));
        assert!(info.also.contains(&format!("JiraPS.{short}").as_str()));
        assert!(!declared.is_empty());
        assert!(types::lookup(&format!("jiraps.{}", short.to_lowercase())).is_some());
    }
    assert_eq!(types::ALL.len(), 26);
    assert!(types::lookup("Foo.Issue").is_none());
}
