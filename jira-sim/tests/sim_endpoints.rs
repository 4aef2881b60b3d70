//! Endpoint families of both flavours against an in-process simulator.

mod common;

use common::{T, client, send};
use jira_sim::Flavor::{Cloud, DataCenter};
use reqwest::Method;
use serde_json::{Value, json};

async fn new_issue(t: &T, summary: &str) -> String {
    let (s, v) = t
        .post("/rest/api/2/issue", json!({"fields": {"project": {"key": "TEST"}, "issuetype": {"name": "Task"}, "summary": summary}}))
        .await;
    assert_eq!(s, 201, "{v}");
    v["key"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn server_info_is_anonymous_and_names_the_deployment() {
    for (f, dt) in [(DataCenter, "Server"), (Cloud, "Cloud")] {
        let t = T::new(f).await;
        let (s, v) = send(client().get(t.url("/rest/api/2/serverInfo"))).await;
        assert_eq!(s, 200);
        assert_eq!(v["deploymentType"], dt);
        assert_eq!(v["baseUrl"], t.sim.base_url.as_str());
    }
}

#[tokio::test]
async fn anonymous_gets_401_and_unknown_paths_null_for_uri() {
    let t = T::new(DataCenter).await;
    let (s, v) = send(client().get(t.url("/rest/api/2/myself"))).await;
    assert_eq!(s, 401);
    assert_eq!(
        v["message"],
        "Client must be authenticated to access this resource."
    );
    let (s, v) = t.get("/rest/api/2/nothing/here?x=1").await;
    assert_eq!(s, 404);
    assert_eq!(
        v["message"],
        format!(
            "null for uri: {}/rest/api/2/nothing/here?x=1",
            t.sim.base_url
        )
    );
    // DC has no v3.
    let (s, _) = t.get("/rest/api/3/myself").await;
    assert_eq!(s, 404);
    let c = T::new(Cloud).await;
    let (s, v) = send(client().get(c.url("/rest/api/3/myself"))).await;
    assert_eq!(s, 401);
    assert_eq!(
        v["errorMessages"][0],
        "Client must be authenticated to access this resource."
    );
}

#[tokio::test]
async fn user_shapes_differ_per_flavour() {
    let t = T::new(DataCenter).await;
    let (_, me) = t.get("/rest/api/2/myself").await;
    assert_eq!(me["name"], "demo");
    assert!(
        me["key"]
            .as_str()
            .is_some_and(|k| k.starts_with("JIRAUSER"))
    );
    let (s, bob) = t.get("/rest/api/2/user?username=bob").await;
    assert_eq!((s, bob["displayName"].as_str()), (200, Some("Bob Brown")));
    let (s, v) = t.get("/rest/api/2/user?username=nobody").await;
    assert_eq!(s, 404);
    assert_eq!(
        v["errorMessages"][0],
        "The user named 'nobody' does not exist"
    );

    let c = T::new(Cloud).await;
    let (_, me) = c.get("/rest/api/3/myself").await;
    let id = me["accountId"].as_str().unwrap_or_default().to_string();
    assert_eq!(id.len(), 24);
    assert!(me.get("name").is_none() && me.get("key").is_none());
    assert_eq!(me["accountType"], "atlassian");
    let (s, v) = c.get("/rest/api/3/user?username=demo").await;
    assert_eq!(s, 400);
    assert_eq!(
        v["errorMessages"][0],
        "The query parameter 'username' is not supported in GDPR strict mode."
    );
    let (s, v) = c
        .get(&format!("/rest/api/3/user?accountId={id}&expand=groups"))
        .await;
    assert_eq!(s, 200);
    assert!(v["groups"]["size"].as_u64().unwrap_or(0) >= 1);
}

#[tokio::test]
async fn issue_create_get_edit_delete() {
    let t = T::new(DataCenter).await;
    let key = new_issue(&t, "First try").await;
    assert!(key.starts_with("TEST-"));
    let (s, v) = t
        .get(&format!("/rest/api/2/issue/{}", key.to_lowercase()))
        .await;
    assert_eq!(s, 200, "keys resolve case-insensitively");
    assert_eq!(v["fields"]["summary"], "First try");
    assert_eq!(v["fields"]["reporter"]["name"], "demo");
    assert_eq!(v["fields"]["status"]["name"], "To Do");

    let (s, _) = t
        .put(&format!("/rest/api/2/issue/{key}"), json!({
            "fields": {"summary": "Second try", "description": "*bold* text", "priority": {"name": "High"}},
            "update": {"labels": [{"add": "triaged"}, {"add": "backend"}], "components": [{"set": [{"name": "Backend"}]}]}
        }))
        .await;
    assert_eq!(s, 204);
    let (s, _) = t
        .put(
            &format!("/rest/api/2/issue/{key}"),
            json!({"update": {"labels": [{"remove": "backend"}]}}),
        )
        .await;
    assert_eq!(s, 204);
    let (_, v) = t
        .get(&format!("/rest/api/2/issue/{key}?expand=changelog"))
        .await;
    assert_eq!(v["fields"]["summary"], "Second try");
    assert_eq!(v["fields"]["labels"], json!(["triaged"]));
    assert_eq!(v["fields"]["priority"]["name"], "High");
    assert_eq!(v["fields"]["components"][0]["name"], "Backend");
    let fields: Vec<&str> = v["changelog"]["histories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|h| {
            h["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i["field"].as_str())
        })
        .collect();
    assert!(
        fields.contains(&"summary") && fields.contains(&"labels"),
        "{fields:?}"
    );

    let (s, _) = t.delete(&format!("/rest/api/2/issue/{key}")).await;
    assert_eq!(s, 204);
    let (s, v) = t.get(&format!("/rest/api/2/issue/{key}")).await;
    assert_eq!(s, 404);
    assert_eq!(
        v,
        json!({"errorMessages": ["Issue Does Not Exist"], "errors": {}})
    );
}

#[tokio::test]
async fn create_and_edit_errors_use_jira_bodies() {
    let t = T::new(DataCenter).await;
    let (s, v) = t
        .post(
            "/rest/api/2/issue",
            json!({"fields": {"project": {"key": "TEST"}, "issuetype": {"name": "Bug"}}}),
        )
        .await;
    assert_eq!(s, 400);
    assert_eq!(
        v["errors"]["summary"],
        "You must specify a summary of the issue."
    );
    let (s, v) = t.post("/rest/api/2/issue", json!({"fields": {"project": {"key": "TEST"}, "issuetype": {"name": "Bug"}, "summary": "x", "bogus": 1}})).await;
    assert_eq!(s, 400);
    assert_eq!(
        v["errors"]["bogus"],
        "Field 'bogus' cannot be set. It is not on the appropriate screen, or unknown."
    );
    let (s, v) = t.post("/rest/api/2/issue", json!({"fields": {"project": {"key": "TEST"}, "issuetype": {"name": "Sub-task"}, "summary": "x"}})).await;
    assert_eq!(s, 400);
    assert_eq!(
        v["errorMessages"][0],
        "Issue type is a sub-task but parent issue key or id not specified."
    );
    let parent = new_issue(&t, "parent").await;
    let (s, sub) = t.post("/rest/api/2/issue", json!({"fields": {"project": {"key": "TEST"}, "issuetype": {"name": "Sub-task"}, "summary": "child", "parent": {"key": parent}}})).await;
    assert_eq!(s, 201);
    let (_, p) = t
        .get(&format!("/rest/api/2/issue/{parent}?fields=subtasks"))
        .await;
    assert_eq!(p["fields"]["subtasks"][0]["key"], sub["key"]);
    let (s, v) = t.delete(&format!("/rest/api/2/issue/{parent}")).await;
    assert_eq!(s, 400, "{v}");
    let (s, _) = t
        .delete(&format!("/rest/api/2/issue/{parent}?deleteSubtasks=true"))
        .await;
    assert_eq!(s, 204);
    let (s, _) = t
        .get(&format!(
            "/rest/api/2/issue/{}",
            sub["key"].as_str().unwrap_or("")
        ))
        .await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn field_selection_and_expansions() {
    let t = T::new(DataCenter).await;
    let (_, v) = t
        .get("/rest/api/2/issue/TEST-1?fields=summary,status")
        .await;
    let keys: Vec<&String> = v["fields"]
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["summary", "status"]);
    let (_, v) = t.get("/rest/api/2/issue/TEST-1?fields=*all,-comment").await;
    assert!(v["fields"].get("comment").is_none() && v["fields"].get("worklog").is_some());
    let (_, v) = t
        .get("/rest/api/2/issue/TEST-1?expand=names,renderedFields,transitions,editmeta")
        .await;
    assert_eq!(v["names"]["summary"], "Summary");
    assert!(
        v["renderedFields"]["description"]
            .as_str()
            .is_some_and(|d| d.starts_with("<p>"))
    );
    assert!(!v["transitions"].as_array().is_none_or(Vec::is_empty));
    assert!(
        v["editmeta"]["fields"]["summary"]["required"]
            .as_bool()
            .unwrap_or(false)
    );
    let (_, f) = t.get("/rest/api/2/field").await;
    let sp = f
        .as_array()
        .into_iter()
        .flatten()
        .find(|x| x["name"] == "Story Points")
        .cloned()
        .unwrap_or_default();
    assert_eq!(sp["id"], "customfield_10016");
    assert!(
        sp["clauseNames"]
            .as_array()
            .is_some_and(|c| c.contains(&json!("cf[10016]")))
    );
}

#[tokio::test]
async fn assignee_put_handles_names_default_and_null() {
    let t = T::new(DataCenter).await;
    let key = new_issue(&t, "assign me").await;
    let path = format!("/rest/api/2/issue/{key}/assignee");
    assert_eq!(t.put(&path, json!({"name": "bob"})).await.0, 204);
    assert_eq!(
        t.get(&format!("/rest/api/2/issue/{key}")).await.1["fields"]["assignee"]["name"],
        "bob"
    );
    assert_eq!(t.put(&path, json!({"name": "-1"})).await.0, 204);
    assert_eq!(
        t.get(&format!("/rest/api/2/issue/{key}")).await.1["fields"]["assignee"]["name"],
        "demo",
        "TEST lead"
    );
    assert_eq!(t.put(&path, json!({"name": null})).await.0, 204);
    assert!(t.get(&format!("/rest/api/2/issue/{key}")).await.1["fields"]["assignee"].is_null());
    let (s, v) = t.put(&path, json!({"name": "ghost"})).await;
    assert_eq!(
        (s, v["errors"]["assignee"].as_str()),
        (400, Some("User 'ghost' does not exist."))
    );
}

#[tokio::test]
async fn transitions_with_fields_comment_and_worklog() {
    let t = T::new(DataCenter).await;
    let key = new_issue(&t, "move me").await;
    let (_, v) = t
        .get(&format!(
            "/rest/api/2/issue/{key}/transitions?expand=transitions.fields"
        ))
        .await;
    let ids: Vec<&str> = v["transitions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["id"].as_str())
        .collect();
    assert_eq!(ids, ["21", "31", "41"]);
    let done = v["transitions"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|x| x["id"] == "41")
        .cloned()
        .unwrap_or_default();
    assert!(done["fields"].get("resolution").is_some());
    let (s, v) = t
        .post(
            &format!("/rest/api/2/issue/{key}/transitions"),
            json!({"transition": {"id": "999"}}),
        )
        .await;
    assert_eq!(
        (s, v["errorMessages"][0].as_str()),
        (
            400,
            Some("Transition id '999' is not valid for this issue.")
        )
    );
    let (s, v) = t
        .post(
            &format!("/rest/api/2/issue/{key}/transitions"),
            json!({"transition": {"id": "21"}, "fields": {"resolution": {"name": "Done"}}}),
        )
        .await;
    assert_eq!(s, 400, "resolution is not on the In Progress screen: {v}");
    let (s, _) = t
        .post(&format!("/rest/api/2/issue/{key}/transitions"), json!({
            "transition": {"id": "41"}, "fields": {"resolution": {"name": "Won't Do"}},
            "update": {"comment": [{"add": {"body": "closing"}}], "worklog": [{"add": {"timeSpent": "1h"}}]}
        }))
        .await;
    assert_eq!(s, 204);
    let (_, v) = t.get(&format!("/rest/api/2/issue/{key}")).await;
    assert_eq!(v["fields"]["status"]["name"], "Done");
    assert_eq!(v["fields"]["resolution"]["name"], "Won't Do");
    assert!(v["fields"]["resolutiondate"].is_string());
    assert_eq!(v["fields"]["comment"]["comments"][0]["body"], "closing");
    assert_eq!(
        v["fields"]["worklog"]["worklogs"][0]["timeSpentSeconds"],
        3600
    );
    // Reopening clears the resolution.
    assert_eq!(
        t.post(
            &format!("/rest/api/2/issue/{key}/transitions"),
            json!({"transition": {"id": "11"}})
        )
        .await
        .0,
        204
    );
    assert!(t.get(&format!("/rest/api/2/issue/{key}")).await.1["fields"]["resolution"].is_null());
}

#[tokio::test]
async fn comments_and_worklogs_are_paged() {
    let t = T::new(DataCenter).await;
    let key = new_issue(&t, "chatty").await;
    for n in 0..3 {
        let (s, c) = t
            .post(
                &format!("/rest/api/2/issue/{key}/comment"),
                json!({"body": format!("c{n}")}),
            )
            .await;
        assert_eq!(s, 201);
        assert_eq!(c["author"]["name"], "demo");
    }
    let (_, v) = t
        .get(&format!(
            "/rest/api/2/issue/{key}/comment?startAt=1&maxResults=1"
        ))
        .await;
    assert_eq!(
        (
            v["total"].as_u64(),
            v["startAt"].as_u64(),
            v["maxResults"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(v["comments"][0]["body"], "c1");
    let id = v["comments"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let (s, c) = t
        .put(
            &format!("/rest/api/2/issue/{key}/comment/{id}"),
            json!({"body": "edited"}),
        )
        .await;
    assert_eq!((s, c["body"].as_str()), (200, Some("edited")));
    assert_eq!(
        t.delete(&format!("/rest/api/2/issue/{key}/comment/{id}"))
            .await
            .0,
        204
    );
    assert_eq!(
        t.get(&format!("/rest/api/2/issue/{key}/comment/{id}"))
            .await
            .0,
        404
    );
    let (s, v) = t
        .post(
            &format!("/rest/api/2/issue/{key}/comment"),
            json!({"body": ""}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["comment"].as_str()),
        (400, Some("Comment body can not be empty!"))
    );

    let (s, w) = t.post(&format!("/rest/api/2/issue/{key}/worklog"), json!({"timeSpent": "1h 30m", "started": "2025-05-01T10:00:00.000+0000", "comment": "pairing"})).await;
    assert_eq!(s, 201);
    assert_eq!(
        (w["timeSpentSeconds"].as_u64(), w["timeSpent"].as_str()),
        (Some(5400), Some("1h 30m"))
    );
    assert_eq!(w["started"], "2025-05-01T10:00:00.000+0000");
    t.post(
        &format!("/rest/api/2/issue/{key}/worklog"),
        json!({"timeSpentSeconds": 60}),
    )
    .await;
    let (_, v) = t
        .get(&format!("/rest/api/2/issue/{key}/worklog?maxResults=1"))
        .await;
    assert_eq!(
        (v["total"].as_u64(), v["worklogs"].as_array().map(Vec::len)),
        (Some(2), Some(1))
    );
    let (s, _) = t
        .post(&format!("/rest/api/2/issue/{key}/worklog"), json!({}))
        .await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn attachments_need_the_xsrf_header_and_download() {
    let t = T::new(DataCenter).await;
    let key = new_issue(&t, "with file").await;
    let url = t.url(&format!("/rest/api/2/issue/{key}/attachments"));
    let form = || {
        reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"hello sim".to_vec())
                .file_name("hello.txt")
                .mime_str("text/plain")
                .unwrap_or_else(|_| reqwest::multipart::Part::bytes(Vec::new())),
        )
    };
    let r = common::authed(&t.c, DataCenter, Method::POST, &url)
        .multipart(form())
        .send()
        .await
        .ok();
    let r = r.map(|r| (r.status().as_u16(), r));
    let (s, r) = r.unwrap_or_else(|| panic!("upload failed"));
    assert_eq!(s, 403);
    assert_eq!(r.text().await.unwrap_or_default(), "XSRF check failed");
    let (s, v) = send(
        common::authed(&t.c, DataCenter, Method::POST, &url)
            .header("X-Atlassian-Token", "no-check")
            .multipart(form()),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v[0]["filename"], "hello.txt");
    assert_eq!(v[0]["size"], 9);
    let id = v[0]["id"].as_str().unwrap_or_default().to_string();
    let content = v[0]["content"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        content,
        t.url(&format!("/secure/attachment/{id}/hello.txt"))
    );
    let body = common::authed(&t.c, DataCenter, Method::GET, &content)
        .send()
        .await
        .ok();
    let body = match body {
        Some(b) => b.bytes().await.unwrap_or_default(),
        None => Default::default(),
    };
    assert_eq!(&body[..], b"hello sim");
    let anon = send(client().get(&content)).await;
    assert_eq!(anon.0, 401);
    assert_eq!(
        t.get(&format!("/rest/api/2/attachment/{id}")).await.1["mimeType"],
        "text/plain"
    );
    assert_eq!(
        t.delete(&format!("/rest/api/2/attachment/{id}")).await.0,
        204
    );
    assert_eq!(t.get(&format!("/rest/api/2/attachment/{id}")).await.0, 404);
}

#[tokio::test]
async fn issue_links_remote_links_and_watchers() {
    let t = T::new(DataCenter).await;
    let a = new_issue(&t, "a").await;
    let b = new_issue(&t, "b").await;
    let (_, types) = t.get("/rest/api/2/issueLinkType").await;
    let names: Vec<&str> = types["issueLinkTypes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["name"].as_str())
        .collect();
    assert_eq!(names, ["Blocks", "Cloners", "Duplicate", "Relates"]);
    let (s, body) = t.post("/rest/api/2/issueLink", json!({"type": {"name": "Blocks"}, "inwardIssue": {"key": a}, "outwardIssue": {"key": b}})).await;
    assert_eq!((s, body), (201, Value::Null));
    let (_, v) = t
        .get(&format!("/rest/api/2/issue/{a}?fields=issuelinks"))
        .await;
    let link = v["fields"]["issuelinks"][0].clone();
    assert_eq!(link["outwardIssue"]["key"], b.as_str());
    let id = link["id"].as_str().unwrap_or_default().to_string();
    let (_, l) = t.get(&format!("/rest/api/2/issueLink/{id}")).await;
    assert_eq!(
        (
            l["inwardIssue"]["key"].as_str(),
            l["type"]["outward"].as_str()
        ),
        (Some(a.as_str()), Some("blocks"))
    );
    assert_eq!(
        t.delete(&format!("/rest/api/2/issueLink/{id}")).await.0,
        204
    );
    assert_eq!(t.get(&format!("/rest/api/2/issueLink/{id}")).await.0, 404);
    let (s, v) = t.post("/rest/api/2/issueLink", json!({"type": {"name": "Nope"}, "inwardIssue": {"key": a}, "outwardIssue": {"key": b}})).await;
    assert_eq!(
        (s, v["errorMessages"][0].as_str()),
        (404, Some("No issue link type with name 'Nope' found."))
    );

    let rl = format!("/rest/api/2/issue/{a}/remotelink");
    let (s, v) = t
        .post(
            &rl,
            json!({"globalId": "g1", "object": {"url": "https://x", "title": "X"}}),
        )
        .await;
    assert_eq!(s, 201);
    let rid = v["id"].as_u64().unwrap_or_default();
    let (s, v2) = t
        .post(
            &rl,
            json!({"globalId": "g1", "object": {"url": "https://y", "title": "Y"}}),
        )
        .await;
    assert_eq!(
        (s, v2["id"].as_u64()),
        (200, Some(rid)),
        "same globalId updates"
    );
    let (s, v) = t.post(&rl, json!({"object": {"url": "https://z"}})).await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"errorMessages": [], "errors": {"title": "'title' is required."}})
        )
    );
    assert_eq!(t.get(&rl).await.1[0]["object"]["title"], "Y");
    assert_eq!(t.delete(&format!("{rl}/{rid}")).await.0, 204);
    assert_eq!(t.get(&rl).await.1, json!([]));

    let w = format!("/rest/api/2/issue/{a}/watchers");
    assert_eq!(t.post(&w, json!("bob")).await.0, 204);
    let (_, v) = t.get(&w).await;
    assert_eq!(v["watchCount"], 2);
    assert!(v["isWatching"].as_bool().unwrap_or(false));
    assert_eq!(t.delete(&format!("{w}?username=bob")).await.0, 204);
    assert_eq!(t.get(&w).await.1["watchCount"], 1);
}

#[tokio::test]
async fn createmeta_old_and_new_forms() {
    let t = T::new(DataCenter).await;
    let (_, v) = t.get("/rest/api/2/issue/createmeta/TEST/issuetypes").await;
    assert!(
        v["values"].as_array().is_some_and(|a| a.len() == 5),
        "DC uses values: {v}"
    );
    let (_, v) = t
        .get("/rest/api/2/issue/createmeta/TEST/issuetypes/10003")
        .await;
    let parent = v["values"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["fieldId"] == "parent")
        .cloned()
        .unwrap_or_default();
    assert_eq!(parent["required"], true);
    let (_, v) = t.get("/rest/api/2/issue/createmeta?projectKeys=OPS&issuetypeNames=Bug&expand=projects.issuetypes.fields").await;
    assert_eq!(v["projects"][0]["key"], "OPS");
    assert_eq!(
        v["projects"][0]["issuetypes"][0]["fields"]["summary"]["required"],
        true
    );
    let c = T::new(Cloud).await;
    let (_, v) = c.get("/rest/api/3/issue/createmeta/WEB/issuetypes").await;
    assert!(v["issueTypes"].is_array() && v.get("values").is_none());
    let (_, v) = c
        .get("/rest/api/3/issue/createmeta/WEB/issuetypes/10004")
        .await;
    assert!(v["fields"].is_array());
    assert_eq!(
        c.get("/rest/api/3/issue/createmeta/WEB/issuetypes?maxResults=500")
            .await
            .0,
        400
    );
    assert_eq!(
        t.get("/rest/api/2/issue/createmeta/NOPE/issuetypes")
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn projects_components_versions() {
    let t = T::new(DataCenter).await;
    let (_, v) = t.get("/rest/api/2/project?expand=description").await;
    let keys: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["key"].as_str())
        .collect();
    assert_eq!(keys, ["TEST", "OPS", "WEB"]);
    assert!(v[0]["description"].is_string());
    let (_, p) = t.get("/rest/api/2/project/WEB").await;
    assert_eq!(
        (p["name"].as_str(), p["lead"]["name"].as_str()),
        (Some("Web Platform"), Some("alice"))
    );
    assert_eq!(
        t.get("/rest/api/2/project/NOPE").await.1["errorMessages"][0],
        "No project could be found with key 'NOPE'."
    );
    let (_, comps) = t.get("/rest/api/2/project/TEST/components").await;
    let cid = comps[0]["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        t.get(&format!("/rest/api/2/component/{cid}")).await.1["name"],
        comps[0]["name"]
    );
    let (s, c) = t
        .post(
            "/rest/api/2/component",
            json!({"name": "CLI", "project": "TEST", "leadUserName": "bob"}),
        )
        .await;
    assert_eq!((s, c["lead"]["name"].as_str()), (201, Some("bob")));

    let (s, v) = t
        .post(
            "/rest/api/2/version",
            json!({"name": "3.0", "projectId": 10000, "releaseDate": "2026-01-31"}),
        )
        .await;
    assert_eq!(s, 201);
    assert_eq!(v["userReleaseDate"], "31/Jan/26");
    let vid = v["id"].as_str().unwrap_or_default().to_string();
    let (s, _) = t
        .post(
            "/rest/api/2/version",
            json!({"name": "3.0", "projectId": 10000}),
        )
        .await;
    assert_eq!(s, 400);
    let (s, _) = t
        .post(
            &format!("/rest/api/2/version/{vid}/move"),
            json!({"position": "First"}),
        )
        .await;
    assert_eq!(s, 200);
    let (_, list) = t.get("/rest/api/2/project/TEST/versions").await;
    assert_eq!(list[0]["name"], "3.0");
    let (_, page) = t
        .get("/rest/api/2/project/TEST/version?orderBy=-name&maxResults=2")
        .await;
    assert_eq!(
        (
            page["total"].as_u64(),
            page["isLast"].as_bool(),
            page["values"][0]["name"].as_str()
        ),
        (Some(5), Some(false), Some("3.0"))
    );
    let (s, v) = t
        .put(
            &format!("/rest/api/2/version/{vid}"),
            json!({"released": true}),
        )
        .await;
    assert_eq!((s, v["released"].as_bool()), (200, Some(true)));
    assert_eq!(t.delete(&format!("/rest/api/2/version/{vid}")).await.0, 204);
    assert_eq!(t.get(&format!("/rest/api/2/version/{vid}")).await.0, 404);
}

#[tokio::test]
async fn users_and_groups() {
    let t = T::new(DataCenter).await;
    let (_, v) = t.get("/rest/api/2/user/search?username=a").await;
    let names: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert!(
        names.contains(&"alice") && !names.contains(&"eve"),
        "{names:?}"
    );
    let (_, v) = t
        .get("/rest/api/2/user/assignable/search?project=TEST&username=bo")
        .await;
    assert_eq!(v[0]["name"], "bob");
    let (s, u) = t.post("/rest/api/2/user", json!({"name": "frank", "emailAddress": "frank@example.com", "displayName": "Frank F", "password": "pw"})).await;
    assert_eq!((s, u["name"].as_str()), (201, Some("frank")));
    assert_eq!(
        t.post(
            "/rest/api/2/user",
            json!({"name": "frank", "emailAddress": "f@example.com"})
        )
        .await
        .0,
        400
    );
    let (s, g) = t
        .post("/rest/api/2/group", json!({"name": "ops-team"}))
        .await;
    assert_eq!((s, g["name"].as_str()), (201, Some("ops-team")));
    assert_eq!(
        t.post(
            "/rest/api/2/group/user?groupname=ops-team",
            json!({"name": "frank"})
        )
        .await
        .0,
        201
    );
    assert_eq!(
        t.post(
            "/rest/api/2/group/user?groupname=ops-team",
            json!({"name": "bob"})
        )
        .await
        .0,
        201
    );
    let (s, _) = t
        .post(
            "/rest/api/2/group/user?groupname=ops-team",
            json!({"name": "bob"}),
        )
        .await;
    assert_eq!(s, 400, "already a member");
    let (_, m) = t
        .get("/rest/api/2/group/member?groupname=ops-team&maxResults=1")
        .await;
    assert_eq!(
        (m["total"].as_u64(), m["isLast"].as_bool()),
        (Some(2), Some(false))
    );
    let (_, ug) = t.get("/rest/api/2/user/groups?username=frank").await;
    assert_eq!(
        ug.as_array().map(Vec::len),
        Some(2),
        "jira-software-users and ops-team: {ug}"
    );
    assert_eq!(
        t.delete("/rest/api/2/group/user?groupname=ops-team&username=bob")
            .await
            .0,
        200
    );
    let (_, p) = t.get("/rest/api/2/groups/picker?query=ops").await;
    assert_eq!(p["groups"][0]["html"], "<b>ops</b>-team");
    assert_eq!(
        t.delete("/rest/api/2/group?groupname=ops-team").await.0,
        200
    );
    assert_eq!(
        t.get("/rest/api/2/group/member?groupname=ops-team").await.0,
        404
    );
    assert_eq!(t.delete("/rest/api/2/user?username=frank").await.0, 204);
    assert_eq!(t.get("/rest/api/2/user?username=frank").await.0, 404);

    let c = T::new(Cloud).await;
    let (_, v) = c.get("/rest/api/3/user/search?query=bob").await;
    assert!(v[0]["accountId"].is_string() && v[0].get("name").is_none());
    assert_eq!(c.get("/rest/api/3/user/search?username=bob").await.0, 400);
    let acc = v[0]["accountId"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        c.post(
            "/rest/api/3/group/user?groupname=qa",
            json!({"accountId": acc})
        )
        .await
        .0,
        400,
        "bob is in qa"
    );
    let (_, g) = c.get("/rest/api/3/group/bulk?groupName=qa").await;
    assert_eq!(g["values"][0]["name"], "qa");
}

#[tokio::test]
async fn filters_favourites_and_permissions() {
    let t = T::new(DataCenter).await;
    let (_, fav) = t.get("/rest/api/2/filter/favourite").await;
    let names: Vec<&str> = fav
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(names, ["My open issues", "Open bugs"]);
    let (s, f) = t
        .post(
            "/rest/api/2/filter",
            json!({"name": "Mine", "jql": "project = TEST", "favourite": true}),
        )
        .await;
    assert_eq!(s, 200, "{f}");
    let id = f["id"].as_str().unwrap_or_default().to_string();
    assert!(
        f["searchUrl"]
            .as_str()
            .is_some_and(|u| u.contains("/rest/api/2/search?jql=project%20%3D%20TEST"))
    );
    let (s, v) = t
        .post(
            "/rest/api/2/filter",
            json!({"name": "Bad", "jql": "project = "}),
        )
        .await;
    assert_eq!(s, 400);
    assert!(
        v["errorMessages"][0]
            .as_str()
            .is_some_and(|m| m.starts_with("Error in the JQL Query"))
    );
    let (s, perms) = t
        .post(
            &format!("/rest/api/2/filter/{id}/permission"),
            json!({"type": "group", "groupname": "qa"}),
        )
        .await;
    assert_eq!(s, 201);
    let pid = perms[0]["id"].as_u64().unwrap_or_default();
    assert_eq!(perms[0]["group"]["name"], "qa");
    assert_eq!(
        t.get(&format!("/rest/api/2/filter/{id}/permission"))
            .await
            .1
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        t.delete(&format!("/rest/api/2/filter/{id}/permission/{pid}"))
            .await
            .0,
        204
    );
    let (s, v) = t
        .put(
            &format!("/rest/api/2/filter/{id}"),
            json!({"description": "changed"}),
        )
        .await;
    assert_eq!((s, v["description"].as_str()), (200, Some("changed")));
    let (_, found) = t.get("/rest/api/2/filter/search?filterName=min").await;
    assert_eq!(found["values"][0]["name"], "Mine");
    // Dave's filter is shared with project members, Alice's globally.
    assert_eq!(t.get("/rest/api/2/filter/10002").await.0, 200);
    assert_eq!(t.delete(&format!("/rest/api/2/filter/{id}")).await.0, 204);
    assert_eq!(t.get(&format!("/rest/api/2/filter/{id}")).await.0, 404);
}

#[tokio::test]
async fn classic_search_pages_with_totals() {
    let t = T::new(DataCenter).await;
    let (_, a) = t
        .get("/rest/api/2/search?jql=project%20%3D%20TEST%20ORDER%20BY%20key%20ASC&maxResults=3")
        .await;
    assert_eq!(
        (
            a["startAt"].as_u64(),
            a["maxResults"].as_u64(),
            a["total"].as_u64()
        ),
        (Some(0), Some(3), Some(20))
    );
    assert_eq!(a["issues"][0]["key"], "TEST-1");
    let (_, b) = t.post("/rest/api/2/search", json!({"jql": "project = TEST ORDER BY key ASC", "startAt": 3, "maxResults": 3, "fields": ["summary"]})).await;
    assert_eq!(b["issues"][0]["key"], "TEST-4");
    assert_eq!(
        b["issues"][0]["fields"].as_object().map(|o| o.len()),
        Some(1)
    );
    let (_, c) = t.get("/rest/api/2/search?jql=&maxResults=5000").await;
    assert_eq!(
        (c["maxResults"].as_u64(), c["total"].as_u64()),
        (Some(1000), Some(60))
    );
    let (s, v) = t.get("/rest/api/2/search?jql=project%20%3D%20NOPE").await;
    assert_eq!(
        (s, v["errorMessages"][0].as_str()),
        (
            400,
            Some("The value 'NOPE' does not exist for the field 'project'.")
        )
    );
    let (s, v) = t
        .get("/rest/api/2/search?jql=project%20%3D%20NOPE&validateQuery=warn")
        .await;
    assert_eq!((s, v["total"].as_u64()), (200, Some(0)));
    assert!(v["warningMessages"].is_array());
    let (_, v) = t
        .get("/rest/api/2/search?jql=assignee%20%3D%20currentUser()&maxResults=0")
        .await;
    let mine = v["total"].as_u64().unwrap_or(0);
    assert!(mine > 0 && mine < 60);
    let c = T::new(Cloud).await;
    for p in ["/rest/api/2/search?jql=x", "/rest/api/3/search?jql=x"] {
        let (s, v) = c.get(p).await;
        assert_eq!(s, 410);
        assert_eq!(v["errorMessages"][0], jira_sim::routes::search::SEARCH_GONE);
    }
}

#[tokio::test]
async fn cloud_enhanced_search_uses_tokens() {
    let t = T::new(Cloud).await;
    let (s, v) = t.get("/rest/api/3/search/jql?jql=order%20by%20key").await;
    assert_eq!(
        (s, v["errorMessages"][0].as_str()),
        (
            400,
            Some(
                "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
            )
        )
    );
    let (_, first) = t
        .get("/rest/api/3/search/jql?jql=project%20%3D%20OPS&maxResults=8")
        .await;
    assert_eq!(
        first["issues"][0]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["id".to_string()]),
        "ids only"
    );
    assert_eq!(first["isLast"], false);
    let mut seen = first["issues"].as_array().map(Vec::len).unwrap_or(0);
    let mut token = first["nextPageToken"].as_str().map(str::to_string);
    while let Some(tok) = token {
        let (_, page) = t.post("/rest/api/3/search/jql", json!({"jql": "project = OPS", "maxResults": 8, "nextPageToken": tok, "fields": ["summary"]})).await;
        assert!(page["issues"][0]["fields"]["summary"].is_string());
        seen += page["issues"].as_array().map(Vec::len).unwrap_or(0);
        token = page["nextPageToken"].as_str().map(str::to_string);
        assert_eq!(page["isLast"], token.is_none());
    }
    assert_eq!(seen, 20);
    let (_, v) = t
        .get("/rest/api/3/search/jql?jql=project%20%3D%20OPS&maxResults=500")
        .await;
    assert_eq!(v["issues"].as_array().map(Vec::len), Some(20));
    let (s, v) = t
        .post(
            "/rest/api/3/search/approximate-count",
            json!({"jql": "project = OPS"}),
        )
        .await;
    assert_eq!((s, v), (200, json!({"count": 20})));
    assert_eq!(
        t.get("/rest/api/3/search/jql?jql=project%3DOPS&nextPageToken=garbage")
            .await
            .0,
        400
    );
    let many = T::new(Cloud).await;
    let (_, v) = many
        .get("/rest/api/3/search/jql?jql=project%20in%20(TEST,OPS,WEB)&maxResults=500")
        .await;
    assert_eq!(v["issues"].as_array().map(Vec::len), Some(60));
}

#[tokio::test]
async fn cloud_v3_speaks_adf_and_v2_strings() {
    let t = T::new(Cloud).await;
    let (s, v) = t.post("/rest/api/3/issue", json!({"fields": {"project": {"key": "WEB"}, "issuetype": {"id": "10002"}, "summary": "adf", "description": "plain"}})).await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"errorMessages": [], "errors": {"description": "Operation value must be an Atlassian Document (see the Atlassian Document Format)"}})
        )
    );
    let doc = json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "rich"}]}]});
    let (s, v) = t.post("/rest/api/3/issue", json!({"fields": {"project": {"key": "WEB"}, "issuetype": {"id": "10002"}, "summary": "adf", "description": doc}})).await;
    assert_eq!(s, 201, "{v}");
    let key = v["key"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        t.get(&format!("/rest/api/3/issue/{key}")).await.1["fields"]["description"],
        doc
    );
    assert_eq!(
        t.get(&format!("/rest/api/2/issue/{key}")).await.1["fields"]["description"],
        "rich"
    );
    let (s, c) = t
        .post(
            &format!("/rest/api/3/issue/{key}/comment"),
            json!({"body": doc}),
        )
        .await;
    assert_eq!((s, c["body"]["type"].as_str()), (201, Some("doc")));
    assert!(c["author"]["accountId"].is_string());
    let (s, v) = t
        .post(
            &format!("/rest/api/3/issue/{key}/comment"),
            json!({"body": "plain"}),
        )
        .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"errorMessages": [], "errors": {"comment": "Comment body is not valid!"}})
        )
    );
    let (s, v) = t
        .post(
            &format!("/rest/api/3/issue/{key}/worklog"),
            json!({"timeSpentSeconds": 60, "comment": "plain"}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["comment"].as_str()),
        (
            400,
            Some(
                "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
            )
        )
    );
    let (s, v) = t
        .put(
            &format!("/rest/api/3/issue/{key}"),
            json!({"fields": {"description": "plain"}}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["description"].as_str()),
        (
            400,
            Some(
                "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
            )
        )
    );
    // v2 on Cloud still takes strings for the same comment.
    let (s, c2) = t
        .post(
            &format!("/rest/api/2/issue/{key}/comment"),
            json!({"body": "plain v2"}),
        )
        .await;
    assert_eq!((s, c2["body"].as_str()), (201, Some("plain v2")));
    let (s, w) = t
        .post(
            &format!("/rest/api/3/issue/{key}/worklog"),
            json!({"timeSpentSeconds": 120, "comment": doc}),
        )
        .await;
    assert_eq!((s, w["comment"]["type"].as_str()), (201, Some("doc")));
    let (s, _) = t
        .put(
            &format!("/rest/api/2/issue/{key}"),
            json!({"fields": {"description": "v2 string"}}),
        )
        .await;
    assert_eq!(s, 204);
    let (_, v) = t.get(&format!("/rest/api/3/issue/{key}")).await;
    assert_eq!(
        v["fields"]["description"]["content"][0]["content"][0]["text"],
        "v2 string"
    );
    let (s, v) = t
        .put(
            &format!("/rest/api/3/issue/{key}/assignee"),
            json!({"accountId": "nope"}),
        )
        .await;
    assert_eq!(s, 400, "{v}");
}

#[tokio::test]
async fn metadata_lists() {
    let t = T::new(DataCenter).await;
    let (_, p) = t.get("/rest/api/2/priority").await;
    assert_eq!(
        p.as_array().map(|a| a
            .iter()
            .filter_map(|x| x["name"].as_str())
            .collect::<Vec<_>>()),
        Some(vec!["Highest", "High", "Medium", "Low", "Lowest"])
    );
    assert_eq!(t.get("/rest/api/2/priority/2").await.1["name"], "High");
    let (_, it) = t.get("/rest/api/2/issuetype").await;
    assert!(
        it.as_array()
            .into_iter()
            .flatten()
            .any(|x| x["name"] == "Sub-task" && x["subtask"] == true)
    );
    let (_, st) = t.get("/rest/api/latest/status").await;
    let cats: Vec<&str> = st
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x["statusCategory"]["key"].as_str())
        .collect();
    assert_eq!(cats, ["new", "indeterminate", "indeterminate", "done"]);
    assert_eq!(t.get("/rest/api/2/status/Done").await.1["id"], "10002");
    let (_, sc) = t.get("/rest/api/2/statuscategory").await;
    assert_eq!(sc[0]["key"], "undefined");
    assert_eq!(t.get("/rest/api/2/resolution").await.1[0]["name"], "Done");
}

#[tokio::test]
async fn picker_and_autocomplete() {
    let t = T::new(DataCenter).await;
    let (_, v) = t
        .get("/rest/api/2/issue/picker?query=TEST-1&currentJQL=project%3DTEST")
        .await;
    assert_eq!(v["sections"][0]["id"], "hs");
    let cs = &v["sections"][1];
    assert_eq!(cs["id"], "cs");
    let first = &cs["issues"][0];
    assert!(
        first["key"]
            .as_str()
            .is_some_and(|k| k.starts_with("TEST-1"))
    );
    assert!(
        first["keyHtml"]
            .as_str()
            .is_some_and(|h| h.contains("<b>TEST-1</b>"))
    );
    assert!(first["summaryText"].is_string() && first["img"].is_string() && first["id"].is_u64());
    let (_, a) = t.get("/rest/api/2/jql/autocompletedata").await;
    assert!(
        a["visibleFieldNames"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x["value"] == "project"))
    );
    assert!(
        a["jqlReservedWords"]
            .as_array()
            .is_some_and(|w| w.contains(&json!("select")))
    );
    let (_, s) = t
        .get("/rest/api/2/jql/autocompletedata/suggestions?fieldName=project&fieldValue=op")
        .await;
    assert_eq!(s["results"][0]["value"], "OPS");
    assert_eq!(s["results"][0]["displayName"], "<b>Op</b>erations (OPS)");
    let (_, s) = t
        .get("/rest/api/2/jql/autocompletedata/suggestions?fieldName=assignee&fieldValue=al")
        .await;
    assert_eq!(s["results"][0]["value"], "alice");
}

#[tokio::test]
async fn same_seed_same_data() {
    let a = T::new(DataCenter).await;
    let b = T::new(DataCenter).await;
    let strip = |mut v: Value| {
        if let Some(f) = v["fields"].as_object_mut() {
            f.retain(|k, _| {
                [
                    "summary",
                    "description",
                    "created",
                    "updated",
                    "labels",
                    "assignee",
                ]
                .contains(&k.as_str())
            });
            for u in ["assignee"] {
                if let Some(x) = f.get_mut(u).and_then(Value::as_object_mut) {
                    x.retain(|k, _| k == "name");
                }
            }
        }
        v["fields"].clone()
    };
    for k in ["TEST-3", "OPS-7", "WEB-20"] {
        let (x, y) = (
            a.get(&format!("/rest/api/2/issue/{k}")).await.1,
            b.get(&format!("/rest/api/2/issue/{k}")).await.1,
        );
        assert_eq!(strip(x), strip(y));
    }
    let other = common::sim_with(jira_sim::Options {
        seed: 2,
        issues: 7,
        ..Default::default()
    })
    .await;
    let o = T {
        sim: other,
        flavor: DataCenter,
        c: client(),
    };
    assert_eq!(o.get("/rest/api/2/search?jql=").await.1["total"], 7);
}

#[tokio::test]
async fn editmeta_per_flavour() {
    let t = T::new(DataCenter).await;
    let (s, v) = t.get("/rest/api/2/issue/TEST-1/editmeta").await;
    assert_eq!(s, 200, "{v}");
    let f = &v["fields"];
    assert_eq!(f["summary"]["required"], true);
    assert_eq!(f["summary"]["fieldId"], "summary");
    assert!(
        f["labels"]["operations"]
            .as_array()
            .is_some_and(|o| o.contains(&json!("add"))),
        "{f}"
    );
    assert!(f["comment"].is_object() && f.get("project").is_none());
    assert!(
        f["priority"]["allowedValues"]
            .as_array()
            .is_some_and(|a| a.len() == 5)
    );
    let (s, v) = t.get("/rest/api/2/issue/TEST-99999/editmeta").await;
    assert_eq!(
        (s, v["errorMessages"][0].as_str()),
        (404, Some("Issue Does Not Exist"))
    );
    let c = T::new(Cloud).await;
    let (s, v) = c.get("/rest/api/3/issue/WEB-1/editmeta").await;
    assert_eq!(s, 200);
    assert_eq!(v["fields"]["summary"]["required"], true);
    assert!(
        v["fields"]["summary"].get("fieldId").is_none(),
        "Cloud's FieldMetadata has no fieldId"
    );
    // Cloud words a missing (or hidden) issue differently from Data Center.
    let (s, v) = c.get("/rest/api/3/issue/WEB-99999/editmeta").await;
    assert_eq!(
        (s, v),
        (
            404,
            json!({"errorMessages": ["Issue does not exist or you do not have permission to see it."], "errors": {}})
        )
    );
}

#[tokio::test]
async fn cloud_createmeta_old_form() {
    let c = T::new(Cloud).await;
    let (s, v) = c
        .get("/rest/api/3/issue/createmeta?projectKeys=WEB&expand=projects.issuetypes.fields")
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["projects"].as_array().map(Vec::len), Some(1));
    let p = &v["projects"][0];
    assert_eq!(p["key"], "WEB");
    assert!(p.get("projectTypeKey").is_none());
    let bug = p["issuetypes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["name"] == "Bug")
        .cloned()
        .unwrap_or_default();
    assert_eq!(bug["fields"]["summary"]["required"], true);
    assert!(bug["fields"]["summary"].get("fieldId").is_none());
    // Without the expand there are no fields.
    let (_, v) = c
        .get("/rest/api/3/issue/createmeta?projectKeys=WEB&issuetypeIds=10004")
        .await;
    let types = &v["projects"][0]["issuetypes"];
    assert_eq!(types.as_array().map(Vec::len), Some(1));
    assert!(types[0].get("fields").is_none());
    // The Jira 9 form: Cloud pages with `issueTypes`/`fields`, DC with `values`.
    let (_, v) = c
        .get("/rest/api/3/issue/createmeta/WEB/issuetypes?startAt=1&maxResults=2")
        .await;
    assert_eq!(
        (
            v["startAt"].as_u64(),
            v["total"].as_u64(),
            v["issueTypes"].as_array().map(Vec::len)
        ),
        (Some(1), Some(5), Some(2))
    );
    let (s, v) = c
        .get("/rest/api/3/issue/createmeta/WEB/issuetypes/999")
        .await;
    assert_eq!(s, 404, "{v}");
}

#[tokio::test]
async fn cloud_attachments_watchers_and_unknown_paths() {
    let t = T::new(Cloud).await;
    let (_, me) = t.get("/rest/api/3/myself").await;
    let me = me["accountId"].as_str().unwrap_or_default().to_string();
    let url = t.url("/rest/api/3/issue/WEB-2/attachments");
    let form = || {
        reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"cloud bytes".to_vec()).file_name("notes.txt"),
        )
    };
    let r = common::authed(&t.c, Cloud, Method::POST, &url)
        .multipart(form())
        .send()
        .await;
    let r = r.unwrap_or_else(|e| panic!("upload failed: {e}"));
    assert_eq!(r.status(), 403, "no X-Atlassian-Token");
    assert_eq!(r.text().await.unwrap_or_default(), "XSRF check failed");
    let (s, v) = send(
        common::authed(&t.c, Cloud, Method::POST, &url)
            .header("X-Atlassian-Token", "no-check")
            .multipart(form()),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v[0]["author"]["accountId"], me.as_str());
    let id = v[0]["id"].as_str().unwrap_or_default().to_string();
    let content = v[0]["content"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        content,
        t.url(&format!("/rest/api/3/attachment/content/{id}"))
    );
    let r = common::authed(&t.c, Cloud, Method::GET, &content)
        .send()
        .await
        .unwrap_or_else(|e| panic!("download failed: {e}"));
    assert_eq!(r.status(), 200);
    assert_eq!(&r.bytes().await.unwrap_or_default()[..], b"cloud bytes");
    assert_eq!(
        t.get(&format!("/rest/api/3/attachment/{id}")).await.1["id"],
        json!(id.parse::<u64>().unwrap_or_default()),
        "Cloud's attachment metadata id is a number"
    );

    let (_, bob) = t.get("/rest/api/3/user/search?query=bob").await;
    let bob = bob[0]["accountId"].as_str().unwrap_or_default().to_string();
    let w = "/rest/api/3/issue/WEB-2/watchers";
    assert_eq!(t.post(w, json!(bob)).await.0, 204);
    let (_, v) = t.get(w).await;
    let ids: Vec<&str> = v["watchers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u["accountId"].as_str())
        .collect();
    assert!(ids.contains(&bob.as_str()), "{v}");
    assert!(v["watchers"][0].get("name").is_none());
    assert_eq!(
        t.delete(&format!("{w}?username=bob")).await,
        (
            400,
            json!({"errorMessages": ["The query parameter 'username' is not supported in GDPR strict mode."], "errors": {}})
        )
    );
    assert_eq!(t.delete(&format!("{w}?accountId={bob}")).await.0, 204);
    let (_, v) = t.get(w).await;
    assert!(!v.to_string().contains(&bob));

    let (s, v) = t.get("/rest/api/3/no/such/thing").await;
    assert_eq!(
        (s, v["message"].as_str()),
        (
            404,
            Some(format!("null for uri: {}/rest/api/3/no/such/thing", t.sim.base_url).as_str())
        )
    );
    assert_eq!(v["status-code"], 404);
}

#[tokio::test]
async fn filter_favourite_on_and_off_in_both_flavours() {
    for (f, api) in [(DataCenter, "/rest/api/2"), (Cloud, "/rest/api/3")] {
        let t = T::new(f).await;
        let names = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x["name"].as_str().map(str::to_string))
                .collect()
        };
        let (s, v) = t
            .put(&format!("{api}/filter/10003/favourite"), json!(null))
            .await;
        assert_eq!((s, v["favourite"].as_bool()), (200, Some(true)), "{f:?}");
        let (_, fav) = t.get(&format!("{api}/filter/favourite")).await;
        assert!(
            names(&fav).contains(&"Recently updated web issues".to_string()),
            "{f:?}: {fav}"
        );
        let (s, v) = t.delete(&format!("{api}/filter/10003/favourite")).await;
        assert_eq!((s, v["favourite"].as_bool()), (200, Some(false)));
        let (_, fav) = t.get(&format!("{api}/filter/favourite")).await;
        assert_eq!(names(&fav), ["My open issues", "Open bugs"], "{f:?}");
        let (s, _) = t
            .put(&format!("{api}/filter/99999/favourite"), json!(null))
            .await;
        let want = if f == Cloud { 400 } else { 404 };
        assert_eq!(s, want, "{f:?}: unknown filter");
    }
}

async fn seeded(seed: u64, issues: usize) -> T {
    T {
        sim: common::sim_with(jira_sim::Options {
            seed,
            issues,
            ..Default::default()
        })
        .await,
        flavor: DataCenter,
        c: client(),
    }
}

async fn total(t: &T, jql: &str) -> Option<u64> {
    let path = format!("/rest/api/2/search?maxResults=0&jql={jql}");
    t.get(&path).await.1["total"].as_u64()
}

/// The first ten issues by key, with the `self` URLs' origin made neutral.
async fn first_ten(t: &T) -> Value {
    let (_, v) = t
        .get(
            "/rest/api/2/search?jql=order%20by%20key&fields=summary,created,assignee&maxResults=10",
        )
        .await;
    let text = v["issues"].to_string().replace(&t.sim.base_url, "BASE");
    serde_json::from_str(&text).unwrap_or_default()
}

#[tokio::test]
async fn issue_count_is_exact_spread_and_seeded() {
    let a = seeded(11, 10).await;
    assert_eq!(total(&a, "").await, Some(10));
    assert_eq!(total(&a, "project%3DTEST").await, Some(4));
    assert_eq!(total(&a, "project%3DOPS").await, Some(3));
    assert_eq!(total(&a, "project%3DWEB").await, Some(3));
    let same = seeded(11, 10).await;
    let x = first_ten(&a).await;
    assert_eq!(x.as_array().map(Vec::len), Some(10));
    assert_eq!(x, first_ten(&same).await, "same seed, same data");
    let y = first_ten(&seeded(12, 10).await).await;
    let summaries = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|i| i["fields"]["summary"].to_string())
            .collect()
    };
    assert_ne!(summaries(&x), summaries(&y), "another seed, other data");
    assert_eq!(total(&seeded(1, 0).await, "").await, Some(0));
}

#[tokio::test]
async fn page_defaults_and_caps_per_flavour() {
    let t = T::new(DataCenter).await;
    let (_, v) = t.get("/rest/api/2/search?jql=").await;
    assert_eq!(
        (
            v["maxResults"].as_u64(),
            v["total"].as_u64(),
            v["issues"].as_array().map(Vec::len)
        ),
        (Some(50), Some(60), Some(50)),
        "DC default page is 50"
    );
    let c = T {
        sim: common::sim_with(jira_sim::Options {
            flavor: Cloud,
            issues: 150,
            ..Default::default()
        })
        .await,
        flavor: Cloud,
        c: client(),
    };
    let (_, v) = c
        .get("/rest/api/3/search/jql?jql=project%20in%20(TEST,OPS,WEB)")
        .await;
    assert_eq!(v["issues"].as_array().map(Vec::len), Some(50), "default 50");
    let (_, v) = c
        .get("/rest/api/3/search/jql?jql=project%20in%20(TEST,OPS,WEB)&maxResults=500&fields=summary")
        .await;
    assert_eq!(v["issues"].as_array().map(Vec::len), Some(100), "cap 100");
    assert_eq!(v["isLast"], false);
    assert!(v["nextPageToken"].is_string());
    assert!(v.get("total").is_none(), "enhanced search has no total");
}

#[tokio::test]
async fn worklog_time_as_jiraps_sends_it_and_absurd_durations() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let key = new_issue(&t, "log work").await;
        // JiraPS sends `timeSpentSeconds` as a string; Jira's JSON binding takes it.
        let (s, v) = t
            .post(
                &format!("/rest/api/2/issue/{key}/worklog"),
                json!({"comment": "pairing", "started": "2026-05-01T09:00:00.000+0200", "timeSpentSeconds": "5400"}),
            )
            .await;
        assert_eq!(
            (s, v["timeSpentSeconds"].as_u64()),
            (201, Some(5400)),
            "{f:?} {v}"
        );
        assert_eq!(v["timeSpent"], "1h 30m");
        let wid = v["id"].as_str().unwrap_or_default().to_string();
        let (s, v) = t
            .put(
                &format!("/rest/api/2/issue/{key}/worklog/{wid}"),
                json!({"timeSpentSeconds": "600"}),
            )
            .await;
        assert_eq!((s, v["timeSpent"].as_str()), (200, Some("10m")), "{v}");
        // The same through a transition (Invoke-JiraIssueTransition -TimeSpent).
        let (s, v) = t
            .post(
                &format!("/rest/api/2/issue/{key}/transitions"),
                json!({"transition": {"id": 21}, "update": {"worklog": [{"add": {"started": "2026-05-01T10:15:00.000+0200", "timeSpentSeconds": "3600"}}]}}),
            )
            .await;
        assert_eq!(s, 204, "{v}");
        let (_, v) = t
            .get(&format!("/rest/api/2/issue/{key}?fields=timetracking"))
            .await;
        assert_eq!(v["fields"]["timetracking"]["timeSpentSeconds"], 600 + 3600);
        // Nonsense is a field error, never a dropped connection or an overflow.
        for bad in [
            json!({"timeSpent": "99999999999999999999w 99999999999999999999w"}),
            json!({"timeSpentSeconds": u64::MAX}),
            json!({"timeSpentSeconds": "many"}),
            json!({"timeSpentSeconds": 1.5e300}),
        ] {
            let (s, v) = t
                .post(&format!("/rest/api/2/issue/{key}/worklog"), bad.clone())
                .await;
            assert_eq!(
                (s, v["errors"]["timeLogged"].as_str()),
                (400, Some("Invalid time duration entered.")),
                "{bad}"
            );
        }
        let (s, v) = t
            .post(
                &format!("/rest/api/2/issue/{key}/worklog"),
                json!({"timeSpentSeconds": -60}),
            )
            .await;
        assert_eq!(
            (s, v["errors"]["timeLogged"].as_str()),
            (400, Some("You must indicate the time spent working."))
        );
        let (s, _) = t
            .get(&format!(
                "/rest/api/2/issue/{key}?fields=timetracking,worklog"
            ))
            .await;
        assert_eq!(s, 200);
    }
}

#[tokio::test]
async fn pickers_highlight_any_unicode_safely() {
    let t = T::new(DataCenter).await;
    // Upper-case dotted I lower-cases to two characters: a lower-cased copy has other byte
    // offsets than the name itself.
    let (s, _) = t
        .post("/rest/api/2/group", json!({"name": "İİİdevs & <ops>"}))
        .await;
    assert_eq!(s, 201);
    let (s, v) = t.get("/rest/api/2/groups/picker?query=DEV").await;
    assert_eq!(s, 200, "{v}");
    let html: Vec<&str> = v["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|g| g["html"].as_str())
        .collect();
    assert!(html.contains(&"<b>dev</b>elopers"), "{html:?}");
    assert!(
        html.contains(&"İİİ<b>dev</b>s &amp; &lt;ops&gt;"),
        "{html:?}"
    );
    let key = new_issue(&t, "Ünïcödé İİİ summary").await;
    let (s, v) = t.get("/rest/api/2/issue/picker?query=%C3%BCn%C3%AF").await;
    assert_eq!(s, 200, "{v}");
    let hit = v["sections"][1]["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["key"] == key.as_str())
        .cloned()
        .unwrap_or_default();
    assert_eq!(hit["summary"], "<b>Ünï</b>cödé İİİ summary");
}

#[tokio::test]
async fn jql_checks_that_named_issues_exist_and_filters_are_checked_on_save() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let search = |jql: &str| {
            let enc: String = jql
                .bytes()
                .map(|b| {
                    if b.is_ascii_alphanumeric() {
                        (b as char).to_string()
                    } else {
                        format!("%{b:02X}")
                    }
                })
                .collect();
            match f {
                DataCenter => format!("/rest/api/2/search?maxResults=1&jql={enc}"),
                Cloud => format!("/rest/api/3/search/jql?maxResults=1&jql={enc}"),
            }
        };
        for (jql, msg) in [
            (
                "key = TEST-9999",
                "An issue with key 'TEST-9999' does not exist for field 'key'.",
            ),
            (
                "issuekey in (TEST-1, NOPE-5)",
                "An issue with key 'NOPE-5' does not exist for field 'issuekey'.",
            ),
            (
                "project = TEST AND key > TEST-9999",
                "An issue with key 'TEST-9999' does not exist for field 'key'.",
            ),
            (
                "parent = OPS-9999",
                "An issue with key 'OPS-9999' does not exist for field 'parent'.",
            ),
        ] {
            let (s, v) = t.get(&search(jql)).await;
            assert_eq!(
                (s, v["errorMessages"][0].as_str()),
                (400, Some(msg)),
                "{f:?} {jql}: {v}"
            );
        }
        let (s, v) = t.get(&search("key = test-1")).await;
        assert_eq!(s, 200, "{v}");
        // A deleted issue's key no longer exists.
        let key = new_issue(&t, "short-lived").await;
        assert_eq!(t.delete(&format!("/rest/api/2/issue/{key}")).await.0, 204);
        let (s, v) = t.get(&search(&format!("key = {key}"))).await;
        assert_eq!(s, 400, "{v}");
        // Saved filters are validated like a search.
        let (s, v) = t
            .post(
                "/rest/api/2/filter",
                json!({"name": "bad one", "jql": "project = NOPE"}),
            )
            .await;
        assert_eq!(
            (s, v["errorMessages"][0].as_str()),
            (
                400,
                Some("The value 'NOPE' does not exist for the field 'project'.")
            )
        );
        let (s, v) = t
            .post(
                "/rest/api/2/filter",
                json!({"name": "good one", "jql": "project = TEST AND key >= TEST-1"}),
            )
            .await;
        assert_eq!(s, 200, "{v}");
        let id = v["id"].as_str().unwrap_or_default();
        let (s, _) = t
            .put(
                &format!("/rest/api/2/filter/{id}"),
                json!({"jql": "assignee = nobody-at-all"}),
            )
            .await;
        assert_eq!(s, 400);
    }
    // validateQuery=warn turns them into warnings (DC).
    let t = T::new(DataCenter).await;
    let (s, v) = t
        .get("/rest/api/2/search?validateQuery=warn&jql=key%3DTEST-9999")
        .await;
    assert_eq!((s, v["total"].as_u64()), (200, Some(0)));
    assert_eq!(
        v["warningMessages"][0],
        "An issue with key 'TEST-9999' does not exist for field 'key'."
    );
}

#[tokio::test]
async fn transition_update_goes_through_the_screen_and_bad_update_lists_are_400() {
    let t = T::new(DataCenter).await;
    let key = new_issue(&t, "screened").await;
    let tr = format!("/rest/api/2/issue/{key}/transitions");
    // In Progress has no screen: an `update` on a field is refused, not silently dropped.
    let (s, v) = t
        .post(
            &tr,
            json!({"transition": {"id": "21"}, "update": {"customfield_10016": [{"set": 5}]}}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["customfield_10016"].as_str()),
        (
            400,
            Some(
                "Field 'customfield_10016' cannot be set. It is not on the appropriate screen, or unknown."
            )
        )
    );
    let (_, v) = t
        .get(&format!(
            "/rest/api/2/issue/{key}?fields=status,customfield_10016"
        ))
        .await;
    assert_eq!(v["fields"]["status"]["name"], "To Do", "nothing changed");
    // Done's screen has assignee and resolution; `update` operations on them apply.
    let (s, v) = t
        .post(
            &tr,
            json!({"transition": {"id": "41"}, "update": {
                "assignee": [{"set": {"name": "bob"}}],
                "resolution": [{"set": {"name": "Duplicate"}}],
                "comment": [{"add": {"body": "dup of another"}}]}}),
        )
        .await;
    assert_eq!(s, 204, "{v}");
    let (_, v) = t
        .get(&format!(
            "/rest/api/2/issue/{key}?fields=status,assignee,resolution,comment"
        ))
        .await;
    assert_eq!(v["fields"]["status"]["name"], "Done");
    assert_eq!(v["fields"]["assignee"]["name"], "bob");
    assert_eq!(v["fields"]["resolution"]["name"], "Duplicate");
    assert_eq!(v["fields"]["comment"]["total"], 1);
    // An `update` whose operations are not a list of objects cannot be bound.
    for bad in [json!("bad"), json!({"add": "x"}), json!(["x"])] {
        let (s, v) = t
            .put(
                &format!("/rest/api/2/issue/{key}"),
                json!({"update": {"labels": bad}}),
            )
            .await;
        assert_eq!(s, 400, "{bad}: {v}");
        assert!(v["errors"]["labels"].is_string(), "{v}");
    }
}

#[tokio::test]
async fn cloud_v3_refuses_malformed_documents() {
    let t = T::new(Cloud).await;
    let key = new_issue(&t, "adf shapes").await;
    for doc in [
        json!({"type": "doc"}),
        json!({"type": "doc", "version": 1, "content": "plain"}),
        json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [{"text": "no type"}]}]}),
    ] {
        let (s, v) = t
            .post(
                &format!("/rest/api/3/issue/{key}/comment"),
                json!({"body": doc}),
            )
            .await;
        assert_eq!(
            (s, v["errors"]["comment"].as_str()),
            (400, Some("Comment body is not valid!")),
            "{doc}"
        );
        let (s, v) = t
            .put(
                &format!("/rest/api/3/issue/{key}"),
                json!({"fields": {"description": doc}}),
            )
            .await;
        assert_eq!(
            (s, v["errors"]["description"].as_str()),
            (
                400,
                Some(
                    "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
                )
            ),
            "{doc}"
        );
    }
    let ok = json!({"type": "doc", "version": 1, "content": [{"type": "paragraph", "content": [
        {"type": "text", "text": "bold", "marks": [{"type": "strong"}]}]}]});
    let (s, v) = t
        .post(
            &format!("/rest/api/3/issue/{key}/comment"),
            json!({"body": ok}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
}

#[tokio::test]
async fn filter_share_permissions_as_jira_keeps_them() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let (_, fl) = t
            .post(
                "/rest/api/2/filter",
                json!({"name": "shared", "jql": "project = TEST"}),
            )
            .await;
        let perm = format!(
            "/rest/api/2/filter/{}/permission",
            fl["id"].as_str().unwrap_or_default()
        );
        let kinds = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|p| p["type"].as_str().unwrap_or_default().to_string())
                .collect()
        };
        let (s, v) = t
            .post(&perm, json!({"type": "group", "groupname": "qa"}))
            .await;
        assert_eq!((s, kinds(&v)), (201, vec!["group".to_string()]), "{v}");
        // A project role share: type `project` with the role (JiraPS's -Type ProjectRole).
        let (s, v) = t
            .post(
                &perm,
                json!({"type": "projectRole", "projectId": "10000", "projectRoleId": "10001"}),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        assert_eq!(v[1]["type"], "project");
        assert_eq!(
            (
                v[1]["project"]["key"].as_str(),
                v[1]["role"]["name"].as_str()
            ),
            (Some("TEST"), Some("Developers"))
        );
        // `authenticated` shows as `loggedin` and, like `global`, replaces every other share.
        let (s, v) = t.post(&perm, json!({"type": "authenticated"})).await;
        assert_eq!((s, kinds(&v)), (201, vec!["loggedin".to_string()]), "{v}");
        let (s, _) = t
            .post(&perm, json!({"type": "group", "groupname": "qa"}))
            .await;
        assert_eq!(s, 400, "a narrower share while shared with everyone");
        let (s, v) = t.post(&perm, json!({"type": "global"})).await;
        assert_eq!((s, kinds(&v)), (201, vec!["global".to_string()]), "{v}");
        let pid = v[0]["id"].as_u64().unwrap_or_default();
        // Only the owner changes shares: Alice can see the global filter but not unshare it.
        let (user, secret) = match f {
            DataCenter => ("alice", "alice"),
            Cloud => ("alice@example.com", "alice-token"),
        };
        let (s, _) = send(
            client()
                .delete(t.url(&format!("{perm}/{pid}")))
                .basic_auth(user, Some(secret)),
        )
        .await;
        assert_eq!(s, 400);
        assert_eq!(t.delete(&format!("{perm}/{pid}")).await.0, 204);
        assert_eq!(t.get(&perm).await.1, json!([]));
    }
    let t = T::new(DataCenter).await;
    let (_, v) = t.get("/rest/api/2/filter/10001/permission").await;
    assert_eq!(
        (v[0]["view"].as_bool(), v[0]["edit"].as_bool()),
        (Some(true), Some(false))
    );
}

#[tokio::test]
async fn search_bodies_are_typed_and_cloud_keys_come_when_asked_for() {
    let c = T::new(Cloud).await;
    let (_, v) = c
        .get("/rest/api/3/search/jql?jql=project%3DTEST%20order%20by%20key&maxResults=1&fields=key")
        .await;
    assert_eq!(v["issues"][0]["key"], "TEST-1", "{v}");
    assert!(v["issues"][0]["self"].is_string());
    let (_, v) = c
        .get("/rest/api/3/search/jql?jql=project%3DTEST&maxResults=1&fields=id")
        .await;
    assert_eq!(
        v["issues"][0].as_object().map(|o| o.len()),
        Some(1),
        "fields=id is still ids only: {v}"
    );
    for (f, path) in [
        (Cloud, "/rest/api/3/search/jql"),
        (DataCenter, "/rest/api/2/search"),
    ] {
        let t = T::new(f).await;
        for bad in [
            json!({"jql": "project = TEST", "maxResults": "ten"}),
            json!({"jql": 5}),
            json!({"jql": "project = TEST", "fields": [1, 2]}),
            json!(["project = TEST"]),
        ] {
            let (s, v) = t.post(path, bad.clone()).await;
            assert_eq!(
                (s, v["errorMessages"][0].as_str()),
                (
                    400,
                    Some(
                        "Invalid request payload. Refer to the REST API documentation and try again."
                    )
                ),
                "{f:?} {bad}"
            );
        }
        let (s, v) = t
            .post(
                path,
                json!({"jql": "project = TEST", "maxResults": 99_999_999_999_999_999_u64}),
            )
            .await;
        assert_eq!(s, 200, "{v}");
    }
}

#[tokio::test]
async fn uploads_unicode_names_size_limit_and_oversized_bodies() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let key = new_issue(&t, "files").await;
        let url = t.url(&format!("/rest/api/2/issue/{key}/attachments"));
        let upload = |body: Vec<u8>| {
            common::authed(&t.c, f, Method::POST, &url)
                .header("X-Atlassian-Token", "no-check")
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .body(body)
        };
        // An RFC 5987 file name, as clients send non-ASCII names.
        let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"; filename*=UTF-8''%C3%9Cbersicht%20%E2%9C%93.txt\r\nContent-Type: text/plain\r\n\r\nhallo\r\n--XyZ--\r\n".to_vec();
        let (s, v) = send(upload(body.clone())).await;
        assert_eq!(
            (s, v[0]["filename"].as_str()),
            (200, Some("Übersicht ✓.txt")),
            "{v}"
        );
        // Over the limit `attachment/meta` announces.
        let (_, meta) = t.get("/rest/api/2/attachment/meta").await;
        let limit = meta["uploadLimit"].as_u64().unwrap_or_default() as usize;
        body =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n"
                .to_vec();
        body.extend(std::iter::repeat_n(b'x', limit + 1));
        body.extend(b"\r\n--XyZ--\r\n");
        let (s, v) = send(upload(body)).await;
        let want = if f == Cloud { 413 } else { 404 };
        assert_eq!(s, want, "{v}");
        assert!(
            v["errorMessages"][0]
                .as_str()
                .is_some_and(|m| m.contains("big.bin"))
        );
        // A bare string is no assignee.
        let (s, _) = t
            .put(&format!("/rest/api/2/issue/{key}/assignee"), json!("bob"))
            .await;
        assert_eq!(s, 400);
    }
    // A body over what the simulator reads is a 413, not handled as an empty body. (The
    // server answers before reading the rest, so the client may instead see the connection
    // close under it; what it must never see is an answer to an empty request.)
    let t = T::new(DataCenter).await;
    let r = common::authed(&t.c, DataCenter, Method::POST, &t.url("/rest/api/2/issue"))
        .header("Content-Type", "application/json")
        .body(vec![b' '; jira_sim::routes::MAX_BODY + 1])
        .send()
        .await;
    if let Ok(r) = r {
        let (s, v) = common::status_json(r).await;
        assert_eq!(
            (s, v["errorMessages"][0].as_str()),
            (413, Some("Request Entity Too Large"))
        );
    }
}

#[tokio::test]
async fn find_filter_parameters_and_powershell_booleans() {
    let t = T::new(DataCenter).await;
    let names = |v: &Value| -> Vec<String> {
        v["values"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["name"].as_str().map(str::to_string))
            .collect()
    };
    // Find-JiraFilter on Data Center sends an empty accountId: no restriction.
    let (s, v) = t
        .get("/rest/api/2/filter/search?accountId=&filterName=open")
        .await;
    assert_eq!(
        (s, names(&v)),
        (
            200,
            vec!["My open issues".to_string(), "Open bugs".to_string()]
        )
    );
    let (_, v) = t
        .get("/rest/api/2/filter/search?groupname=developers")
        .await;
    assert_eq!(names(&v), ["Open bugs"]);
    let (_, v) = t.get("/rest/api/2/filter/search?projectId=10001").await;
    assert_eq!(names(&v), ["Operations backlog"]);
    let (_, v) = t.get("/rest/api/2/filter/search?orderBy=-name").await;
    assert_eq!(
        names(&v).first().map(String::as_str),
        Some("Recently updated web issues")
    );
    let (s, _) = t.get("/rest/api/2/filter/search?orderBy=colour").await;
    assert_eq!(s, 400);
    let (s, _) = t
        .get("/rest/api/2/filter/search?groupname=no-such-group")
        .await;
    assert_eq!(s, 400);
    // PowerShell's booleans are `True`/`False`.
    let (s, _) = t
        .put("/rest/api/2/user?username=carol", json!({"active": false}))
        .await;
    assert_eq!(s, 200);
    let member_names = |v: &Value| -> Vec<String> {
        v["values"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u["name"].as_str().map(str::to_string))
            .collect()
    };
    let (_, v) = t.get("/rest/api/2/group/member?groupname=qa").await;
    assert!(!member_names(&v).contains(&"carol".to_string()), "{v}");
    let (_, v) = t
        .get("/rest/api/2/group/member?groupname=qa&includeInactiveUsers=True")
        .await;
    assert!(member_names(&v).contains(&"carol".to_string()), "{v}");
    let (_, v) = t
        .get("/rest/api/2/user/search?username=car&includeInactive=True")
        .await;
    assert_eq!(v[0]["name"], "carol");
}

#[tokio::test]
async fn seeded_resolutions_are_in_the_history() {
    let t = seeded(5, 90).await;
    let done = total(&t, "statusCategory = Done").await;
    assert!(done.is_some_and(|n| n > 0));
    assert_eq!(
        total(&t, "resolution changed").await,
        done,
        "every resolved issue was resolved in its history"
    );
    let (_, v) = t
        .get("/rest/api/2/search?jql=statusCategory%3DDone&maxResults=1&expand=changelog&fields=resolution")
        .await;
    let items = &v["issues"][0]["changelog"]["histories"][0]["items"];
    assert_eq!(items[0]["field"], "status");
    assert_eq!(items[1]["field"], "resolution");
    assert_eq!(
        items[1]["toString"],
        v["issues"][0]["fields"]["resolution"]["name"]
    );
}

#[tokio::test]
async fn jql_functions_over_versions_issue_types_leads_and_links() {
    let t = T::new(DataCenter).await;
    for (fun, plain) in [
        (
            "fixVersion in releasedVersions(TEST)",
            "project = TEST AND fixVersion in (1.0, 1.1)",
        ),
        (
            "fixVersion in unreleasedVersions()",
            "fixVersion in (2.0, 2.1)",
        ),
        (
            "fixVersion = latestReleasedVersion(TEST)",
            "project = TEST AND fixVersion = 1.1",
        ),
        (
            "fixVersion = earliestUnreleasedVersion(\"Web Platform\")",
            "project = WEB AND fixVersion = 2.0",
        ),
        ("issuetype in subTaskIssueTypes()", "issuetype = Sub-task"),
        ("issuetype in standardIssueTypes()", "issuetype != Sub-task"),
        ("project in projectsLeadByUser()", "project = TEST"),
        ("project in projectsLeadByUser(dave)", "project = OPS"),
    ] {
        let (a, b) = (total(&t, fun).await, total(&t, plain).await);
        assert!(a.is_some_and(|n| n > 0), "{fun}: {a:?}");
        assert_eq!(a, b, "{fun} vs {plain}");
    }
    let a = new_issue(&t, "blocker").await;
    let b = new_issue(&t, "blocked").await;
    let (s, _) = t
        .post(
            "/rest/api/2/issueLink",
            json!({"type": {"name": "Blocks"}, "inwardIssue": {"key": a}, "outwardIssue": {"key": b}}),
        )
        .await;
    assert_eq!(s, 201);
    let keys = |jql: String| {
        let t = &t;
        async move {
            let enc: String = jql
                .bytes()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        (c as char).to_string()
                    } else {
                        format!("%{c:02X}")
                    }
                })
                .collect();
            let (s, v) = t
                .get(&format!("/rest/api/2/search?fields=key&jql={enc}"))
                .await;
            assert_eq!(s, 200, "{jql}: {v}");
            v["issues"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i["key"].as_str().map(str::to_string))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        keys(format!("issue in linkedIssues({a})")).await,
        std::slice::from_ref(&b)
    );
    assert_eq!(
        keys(format!("issue in linkedIssues({a}, \"blocks\")")).await,
        std::slice::from_ref(&b)
    );
    assert_eq!(
        keys(format!("issue in linkedIssues({b}, \"is blocked by\")")).await,
        std::slice::from_ref(&a)
    );
    assert!(
        keys(format!("issue in linkedIssues({a}, \"is blocked by\")"))
            .await
            .is_empty()
    );
    for (jql, msg) in [
        (
            "fixVersion in releasedVersions(NOPE)",
            "Could not resolve the project 'NOPE' provided to function 'releasedVersions'.",
        ),
        (
            "status in releasedVersions()",
            "A value provided by the function 'releasedVersions' is invalid for the field 'status'.",
        ),
        (
            "issue in linkedIssues(TEST-99999)",
            "Issue 'TEST-99999' could not be found in function 'linkedIssues'.",
        ),
    ] {
        let enc: String = jql
            .bytes()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    (c as char).to_string()
                } else {
                    format!("%{c:02X}")
                }
            })
            .collect();
        let (s, v) = t.get(&format!("/rest/api/2/search?jql={enc}")).await;
        assert_eq!(
            (s, v["errorMessages"][0].as_str()),
            (400, Some(msg)),
            "{jql}"
        );
    }
    // Offered for completion.
    let (_, v) = t.get("/rest/api/2/jql/autocompletedata").await;
    let funcs: Vec<&str> = v["visibleFunctionNames"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["value"].as_str())
        .collect();
    assert!(
        funcs.contains(&"linkedIssues(\"\")") && funcs.contains(&"latestReleasedVersion()"),
        "{funcs:?}"
    );
}

#[tokio::test]
async fn jql_filter_clause_reuses_saved_filters() {
    let t = T::new(DataCenter).await;
    // "Open bugs" (10001): issuetype = Bug AND resolution = Unresolved.
    let plain = total(&t, "issuetype = Bug AND resolution = Unresolved").await;
    assert!(plain.is_some_and(|n| n > 0));
    assert_eq!(total(&t, "filter = \"Open bugs\"").await, plain);
    assert_eq!(total(&t, "filter = 10001").await, plain);
    let all = total(&t, "").await.unwrap_or_default();
    assert_eq!(
        total(&t, "filter != 10001").await,
        plain.map(|p| all - p),
        "the complement"
    );
    assert_eq!(
        total(&t, "filter in (10001, \"Operations backlog\")").await,
        total(
            &t,
            "(issuetype = Bug AND resolution = Unresolved) OR project = OPS"
        )
        .await
    );
    for (jql, msg) in [
        (
            "filter = nope",
            "The value 'nope' does not exist for the field 'filter'.",
        ),
        (
            "filter > 10001",
            "The operator '>' is not supported by the 'filter' field.",
        ),
    ] {
        let (s, v) = t
            .get(&format!(
                "/rest/api/2/search?jql={}",
                jql.replace(' ', "%20").replace('>', "%3E")
            ))
            .await;
        assert_eq!(
            (s, v["errorMessages"][0].as_str()),
            (400, Some(msg)),
            "{jql}"
        );
    }
    // A filter that names itself is a cycle, not a hang.
    let (s, f) = t
        .post(
            "/rest/api/2/filter",
            json!({"name": "loop", "jql": "project = TEST"}),
        )
        .await;
    assert_eq!(s, 200);
    let id = f["id"].as_str().unwrap_or_default();
    let (s, _) = t
        .put(
            &format!("/rest/api/2/filter/{id}"),
            json!({"jql": format!("filter = {id}")}),
        )
        .await;
    assert_eq!(s, 400, "saving a filter that refers to itself");
    let (s, v) = t
        .post(
            "/rest/api/2/filter",
            json!({"name": "outer", "jql": format!("filter = {id} OR filter = outer")}),
        )
        .await;
    assert_eq!(s, 400, "{v}");
}

#[tokio::test]
async fn the_simulated_clock_keeps_seeded_data_recent() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let epoch = jira_sim::seed::epoch(1);
        let near = |s: &str| {
            let ts: Option<jiff::Timestamp> =
                s.get(..19).and_then(|x| format!("{x}Z").parse().ok());
            ts.is_some_and(|ts| ts >= epoch && ts < epoch + jiff::SignedDuration::from_mins(10))
        };
        let (_, info) = send(client().get(t.url("/rest/api/2/serverInfo"))).await;
        assert!(
            near(info["serverTime"].as_str().unwrap_or_default()),
            "{info}"
        );
        let count = |jql: String| {
            let t = &t;
            async move {
                let (s, v) = t
                    .post("/rest/api/3/search/approximate-count", json!({"jql": jql}))
                    .await;
                match f {
                    Cloud => v["count"].as_u64().filter(|_| s == 200),
                    DataCenter => {
                        let (_, v) = t
                            .post("/rest/api/2/search", json!({"jql": jql, "maxResults": 0}))
                            .await;
                        v["total"].as_u64()
                    }
                }
            }
        };
        // Relative dates find the seeded issues, whatever the real date is; so does the seeded
        // "Recently updated web issues" filter (updated >= -30d).
        for jql in ["updated >= -30d", "filter = 10003"] {
            let n = count(jql.to_string()).await;
            assert!(n.is_some_and(|n| n > 0), "{f:?} {jql}: {n:?}");
        }
        // New data is stamped with the same clock, after the seeded data.
        let key = new_issue(&t, "now").await;
        let (_, v) = t
            .get(&format!("/rest/api/2/issue/{key}?fields=created"))
            .await;
        assert!(
            near(v["fields"]["created"].as_str().unwrap_or_default()),
            "{v}"
        );
        assert_eq!(
            count(format!("key = {key} AND created >= startOfDay()")).await,
            Some(1)
        );
    }
}

#[tokio::test]
async fn administration_needs_the_right_permission() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        let as_user = |name: &str| -> (String, String) {
            match f {
                DataCenter => (name.to_string(), name.to_string()),
                Cloud => (format!("{name}@example.com"), format!("{name}-token")),
            }
        };
        let call = |who: (String, String), m: Method, path: String, body: Option<Value>| {
            let mut rb = client()
                .request(m, t.url(&path))
                .basic_auth(who.0, Some(who.1));
            if let Some(b) = body {
                rb = rb.json(&b);
            }
            send(rb)
        };
        let key = new_issue(&t, "admin only").await;
        // Bob is neither a Jira administrator nor a project lead.
        let bob = || as_user("bob");
        for (m, path, body) in [
            (
                Method::POST,
                "/rest/api/2/user".to_string(),
                Some(json!({"name": "x", "emailAddress": "x@example.com"})),
            ),
            (
                Method::POST,
                "/rest/api/2/group".to_string(),
                Some(json!({"name": "bobs"})),
            ),
            (
                Method::DELETE,
                "/rest/api/2/group?groupname=qa".to_string(),
                None,
            ),
            (
                Method::GET,
                "/rest/api/2/group/member?groupname=qa".to_string(),
                None,
            ),
            (
                Method::POST,
                "/rest/api/2/component".to_string(),
                Some(json!({"name": "Mine", "project": "TEST"})),
            ),
            (
                Method::POST,
                "/rest/api/2/version".to_string(),
                Some(json!({"name": "9.9", "project": "TEST"})),
            ),
            (Method::DELETE, format!("/rest/api/2/issue/{key}"), None),
        ] {
            let (s, v) = call(bob(), m.clone(), path.clone(), body).await;
            assert_eq!(s, 403, "{f:?} {m} {path}: {v}");
            assert!(v["errorMessages"][0].is_string(), "{v}");
        }
        // Dave leads OPS: he manages its components and versions, not TEST's.
        let (s, v) = call(
            as_user("dave"),
            Method::POST,
            "/rest/api/2/component".into(),
            Some(json!({"name": "Pager", "project": "OPS"})),
        )
        .await;
        assert_eq!(s, 201, "{v}");
        let cid = v["id"].as_str().unwrap_or_default().to_string();
        let (s, _) = call(
            bob(),
            Method::DELETE,
            format!("/rest/api/2/component/{cid}"),
            None,
        )
        .await;
        assert_eq!(s, 403);
        let (s, _) = call(
            as_user("dave"),
            Method::POST,
            "/rest/api/2/component".into(),
            Some(json!({"name": "Pager", "project": "TEST"})),
        )
        .await;
        assert_eq!(s, 403);
        // The demo user administers Jira.
        assert_eq!(t.delete(&format!("/rest/api/2/issue/{key}")).await.0, 204);
        assert_eq!(
            t.delete(&format!("/rest/api/2/component/{cid}")).await.0,
            204
        );
    }
}

#[tokio::test]
async fn cloud_lists_labels_in_pages() {
    let t = T::new(Cloud).await;
    let (s, v) = t.get("/rest/api/3/label?maxResults=3").await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["values"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["isLast"], false);
    let (_, all) = t.get("/rest/api/3/label").await;
    let labels: Vec<&str> = all["values"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut sorted = labels.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(labels, sorted, "sorted, no duplicates");
    assert!(labels.contains(&"backend"), "{labels:?}");
    assert_eq!(all["total"].as_u64(), Some(labels.len() as u64));
    // Data Center has no such resource.
    let d = T::new(DataCenter).await;
    assert_eq!(d.get("/rest/api/2/label").await.0, 404);
}

#[tokio::test]
async fn create_without_or_with_a_bad_issue_type_is_worded_per_flavour() {
    for (f, missing, invalid) in [
        (
            DataCenter,
            "issue type is required",
            "valid issue type is required",
        ),
        (
            Cloud,
            "Specify an issue type",
            "The issue type selected is invalid.",
        ),
    ] {
        let t = T::new(f).await;
        let (s, v) = t
            .post(
                "/rest/api/2/issue",
                json!({"fields": {"project": {"key": "TEST"}, "summary": "x"}}),
            )
            .await;
        assert_eq!((s, v["errors"]["issuetype"].as_str()), (400, Some(missing)));
        let (s, v) = t
            .post("/rest/api/2/issue", json!({"fields": {"project": {"key": "TEST"}, "summary": "x", "issuetype": {"name": "Saga"}}}))
            .await;
        assert_eq!((s, v["errors"]["issuetype"].as_str()), (400, Some(invalid)));
    }
}

#[tokio::test]
async fn a_known_path_with_another_method_is_405() {
    for f in [DataCenter, Cloud] {
        let t = T::new(f).await;
        for (m, path) in [
            (Method::DELETE, "/rest/api/2/project/TEST"),
            (Method::PUT, "/rest/api/2/priority/1"),
            (Method::POST, "/rest/api/2/status"),
            (Method::PATCH, "/rest/api/2/issue/TEST-1"),
            (Method::DELETE, "/rest/api/2/issue/TEST-1/editmeta"),
            (Method::POST, "/rest/api/2/issueLinkType"),
        ] {
            let (s, _) = send(common::authed(&t.c, f, m.clone(), &t.url(path))).await;
            assert_eq!(s, 405, "{f:?} {m} {path}");
        }
        let (s, v) = t.delete("/rest/api/2/nothing/here").await;
        assert_eq!(s, 404);
        assert!(
            v["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("null for uri"))
        );
    }
}

#[tokio::test]
async fn smaller_jira_rules_on_versions_assignees_and_comments() {
    let t = T::new(DataCenter).await;
    let (_, vs) = t.get("/rest/api/2/project/TEST/versions").await;
    let id = |i: usize| vs[i]["id"].as_str().unwrap_or_default().to_string();
    let (s, v) = t
        .put(
            &format!("/rest/api/2/version/{}", id(0)),
            json!({"name": vs[1]["name"]}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["name"].as_str()),
        (
            400,
            Some("A version with this name already exists in this project.")
        )
    );
    let (s, v) = t
        .post(
            &format!("/rest/api/2/version/{}/move", id(0)),
            json!({"after": vs[0]["self"]}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["after"].as_str()),
        (400, Some("A version cannot be moved after itself."))
    );
    // Eve is inactive: she exists but cannot be assigned.
    let key = new_issue(&t, "assign eve").await;
    let (s, v) = t
        .put(
            &format!("/rest/api/2/issue/{key}/assignee"),
            json!({"name": "eve"}),
        )
        .await;
    assert_eq!(
        (s, v["errors"]["assignee"].as_str()),
        (400, Some("User 'eve' cannot be assigned issues."))
    );
    // Comments render on request.
    let (s, _) = t
        .post(
            &format!("/rest/api/2/issue/{key}/comment"),
            json!({"body": "a < b"}),
        )
        .await;
    assert_eq!(s, 201);
    let (_, v) = t
        .get(&format!(
            "/rest/api/2/issue/{key}/comment?expand=renderedBody"
        ))
        .await;
    assert_eq!(v["comments"][0]["renderedBody"], "<p>a &lt; b</p>");
    let (_, v) = t.get(&format!("/rest/api/2/issue/{key}/comment")).await;
    assert!(v["comments"][0].get("renderedBody").is_none());
}

#[tokio::test]
async fn an_epoch_dates_the_same_data_as_of_that_instant() {
    // The demo passes "now": the seeded data is the same, only shifted to end there.
    let at: jiff::Timestamp = "2031-03-04T10:00:00Z".parse().unwrap_or_default();
    let fixed = common::sim_with(jira_sim::Options::default()).await;
    let moved = common::sim_with(jira_sim::Options {
        epoch: Some(at),
        ..jira_sim::Options::default()
    })
    .await;
    let get = |base: String| async move {
        let (s, v) = send(
            client()
                .get(format!(
                    "{base}/rest/api/2/search?jql=ORDER%20BY%20key&maxResults=100&fields=summary,created,updated"
                ))
                .basic_auth("demo", Some("demo")),
        )
        .await;
        assert_eq!(s, 200, "{v}");
        v["issues"].as_array().cloned().unwrap_or_default()
    };
    let (a, b) = (
        get(fixed.base_url.clone()).await,
        get(moved.base_url.clone()).await,
    );
    assert_eq!(a.len(), 60);
    assert_eq!(a.len(), b.len());
    let ts = |v: &serde_json::Value, f: &str| -> jiff::Timestamp {
        let s = v["fields"][f].as_str().unwrap_or_default();
        jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f%z", s)
            .and_then(|t| t.to_timestamp())
            .unwrap_or_else(|e| panic!("{s}: {e}"))
    };
    let shift = at.duration_since(jira_sim::seed::epoch(1));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["key"], y["key"]);
        assert_eq!(x["fields"]["summary"], y["fields"]["summary"]);
        for f in ["created", "updated"] {
            assert_eq!(
                ts(y, f).duration_since(ts(x, f)),
                shift,
                "{f} of {}",
                x["key"]
            );
            assert!(ts(y, f) <= at);
        }
    }
    // The simulated clock starts there too.
    let (_, info) = send(client().get(format!("{}/rest/api/2/serverInfo", moved.base_url))).await;
    let server_time = info["serverTime"].as_str().unwrap_or_default();
    assert!(server_time.starts_with("2031-03-04T"), "{server_time}");
}
