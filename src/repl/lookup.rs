//! Jira data for completion, read straight through the client (not through cmdlets): the issue
//! picker, transitions of one issue, JQL autocomplete data, and the session-wide lists
//! (projects, issue types, priorities, statuses, filters, link types) fetched once after login
//! on a background thread.
//!
//! Every request here carries a timeout; a failure means "no candidates", never an error on
//! the prompt.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value as Json;

use crate::jira::{Cancel, JiraClient, Request};
use crate::repl::complete::{JiraLists, JqlData, Named};
use crate::repl::helper::{Remote, SharedData};

/// How long the background list refresh may take per request.
const LIST_TIMEOUT: Duration = Duration::from_secs(5);

/// [`Remote`] over a shared handle of the session's client.
pub struct JiraRemote {
    client: JiraClient,
}

impl JiraRemote {
    /// Lookups through `client` (a [`JiraClient::share`] handle).
    pub fn new(client: JiraClient) -> Self {
        JiraRemote { client }
    }

    fn get(&self, req: Request, timeout: Duration) -> Option<Json> {
        self.client
            .json(req.timeout(timeout), &Cancel::new())
            .ok()
            .flatten()
    }
}

fn str_of(v: &Json, k: &str) -> String {
    v.get(k)
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Issues from an `/issue/picker` answer (`sections[].issues[]`), without duplicates.
pub fn picker_issues(v: &Json) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for sec in v
        .get("sections")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        for i in sec
            .get("issues")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let key = str_of(i, "key");
            if !key.is_empty() && !out.iter().any(|n| n.value == key) {
                let mut summary = str_of(i, "summaryText");
                if summary.is_empty() {
                    summary = str_of(i, "summary");
                }
                out.push(Named::new(key, summary));
            }
        }
    }
    out
}

/// Field and function names from `/jql/autocompletedata`.
pub fn jql_data(v: &Json) -> JqlData {
    let names = |k: &str| -> Vec<String> {
        let mut out: Vec<String> = v
            .get(k)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .map(|f| str_of(f, "value"))
            .filter(|s| !s.is_empty())
            .collect();
        out.sort_by_key(|s| s.to_ascii_lowercase());
        out.dedup();
        out
    };
    JqlData {
        fields: names("visibleFieldNames"),
        functions: names("visibleFunctionNames"),
    }
}

/// `name` of each element of a JSON array (or of `v[key]` when `key` is given).
fn names_in(v: &Json, key: Option<&str>) -> Vec<String> {
    let arr = match key {
        Some(k) => v.get(k),
        None => Some(v),
    };
    arr.and_then(Json::as_array)
        .into_iter()
        .flatten()
        .map(|e| str_of(e, "name"))
        .filter(|s| !s.is_empty())
        .collect()
}

impl Remote for JiraRemote {
    fn issue_picker(&self, query: &str, timeout: Duration) -> Option<Vec<Named>> {
        let req = Request::get("/rest/api/2/issue/picker")
            .query("query", query)
            .query("showSubTasks", "true");
        self.get(req, timeout).map(|v| picker_issues(&v))
    }

    fn transitions(&self, key: &str, timeout: Duration) -> Option<Vec<String>> {
        let path = format!(
            "/rest/api/2/issue/{}/transitions",
            crate::cmdlets::common::path_segment(key)
        );
        self.get(Request::get(path), timeout)
            .map(|v| names_in(&v, Some("transitions")))
    }

    fn jql_data(&self, timeout: Duration) -> Option<JqlData> {
        self.get(Request::get("/rest/api/2/jql/autocompletedata"), timeout)
            .map(|v| jql_data(&v))
    }
}

/// Fetches the session-wide lists. Each list that fails stays empty.
pub fn fetch_lists(client: &JiraClient) -> JiraLists {
    let get = |path: &str| {
        client
            .json(Request::get(path).timeout(LIST_TIMEOUT), &Cancel::new())
            .ok()
            .flatten()
    };
    let mut l = JiraLists::default();
    if let Some(v) = get("/rest/api/2/project") {
        l.projects = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| Named::new(str_of(p, "key"), str_of(p, "name")))
            .filter(|n| !n.value.is_empty())
            .collect();
    }
    let uniq = |v: Vec<String>| {
        let mut v = v;
        v.sort_by_key(|s| s.to_ascii_lowercase());
        v.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        v
    };
    if let Some(v) = get("/rest/api/2/issuetype") {
        l.issue_types = uniq(names_in(&v, None));
    }
    if let Some(v) = get("/rest/api/2/priority") {
        l.priorities = names_in(&v, None);
    }
    if let Some(v) = get("/rest/api/2/status") {
        l.statuses = uniq(names_in(&v, None));
    }
    if let Some(v) = get("/rest/api/2/issueLinkType") {
        l.link_types = names_in(&v, Some("issueLinkTypes"));
    }
    if let Some(v) = get("/rest/api/2/filter/favourite") {
        l.filters = v
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| Named::new(str_of(f, "id"), str_of(f, "name")))
            .filter(|n| !n.value.is_empty())
            .collect();
    }
    if let Some(v) = get("/rest/api/2/user/picker?query=") {
        l.users = v
            .get("users")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .map(|u| {
                let id = match str_of(u, "name") {
                    n if n.is_empty() => str_of(u, "accountId"),
                    n => n,
                };
                Named::new(id, str_of(u, "displayName"))
            })
            .filter(|n| !n.value.is_empty())
            .collect();
    }
    l
}

/// Lists being fetched in the background; the REPL takes them when ready.
#[derive(Clone, Default)]
pub struct ListRefresh {
    slot: Arc<Mutex<Option<JiraLists>>>,
    /// Set when the session this refresh was started for has ended: late lists are dropped.
    stale: Arc<AtomicBool>,
}

impl ListRefresh {
    /// Starts fetching on a background thread through `client`. With `publish`, the lists also
    /// go into that completion snapshot the moment they arrive, so Tab offers them before the
    /// next command runs. Lock order, here and in the REPL: the snapshot, then the slot.
    pub fn start(client: JiraClient, publish: Option<SharedData>) -> Self {
        let r = ListRefresh::default();
        let slot = r.slot.clone();
        let stale = r.stale.clone();
        let spawned = std::thread::Builder::new()
            .name("jirash-lists".into())
            .spawn(move || {
                let lists = fetch_lists(&client);
                let mut data = publish.as_ref().and_then(|d| d.write().ok());
                let Ok(mut s) = slot.lock() else { return };
                if stale.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(d) = data.as_mut() {
                    let mut snap = (***d).clone();
                    snap.lists = lists.clone();
                    **d = Arc::new(snap);
                }
                *s = Some(lists);
            });
        drop(spawned);
        r
    }

    /// The lists, once fetched (taken once).
    pub fn take(&self) -> Option<JiraLists> {
        self.slot.lock().ok().and_then(|mut s| s.take())
    }

    /// Forgets this refresh: lists that arrive later are dropped, not published.
    pub fn abandon(&self) {
        if let Ok(mut s) = self.slot.lock() {
            self.stale.store(true, Ordering::SeqCst);
            *s = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picker_answer() {
        let v = serde_json::json!({"sections": [
            {"issues": [{"key": "A-1", "summaryText": "One"}, {"key": "A-2", "summary": "Two"}]},
            {"issues": [{"key": "A-1", "summaryText": "One"}]}
        ]});
        assert_eq!(
            picker_issues(&v),
            [Named::new("A-1", "One"), Named::new("A-2", "Two")]
        );
    }

    #[test]
    fn autocomplete_answer() {
        let v = serde_json::json!({
            "visibleFieldNames": [{"value": "status"}, {"value": "project"}],
            "visibleFunctionNames": [{"value": "currentUser()"}]
        });
        let d = jql_data(&v);
        assert_eq!(d.fields, ["project", "status"]);
        assert_eq!(d.functions, ["currentUser()"]);
    }
}
