//! `Get-JiraIssue` (`jiraps-reference.md` §1.2) in its four parameter sets: by key, by issue
//! object, by JQL (Data Center `/rest/api/2/search` with offset paging fetched concurrently;
//! Cloud `/rest/api/3/search/jql` with `nextPageToken`), and by saved filter. Search results
//! stream: a downstream `Select-Object -First 5` stops the search.

use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, SetSpec, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::cmdlets::common::{self, call, invalid, path_segment, report};
use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::eval::value::Value;
use crate::jira::{Deployment, PagingMode, Request};
use crate::objects;

const CMD: &str = "Get-JiraIssue";

/// JiraPS's default `-PageSize`.
pub const DEFAULT_PAGE_SIZE: u32 = 25;

const SEARCH_SETS: &[SetSpec] = &[SetSpec::named("ByJQL"), SetSpec::named("ByFilter")];

const PARAMS: &[ParamSpec] = &[
    param("Key", Ty::Str)
        .array()
        .aliases(&["Issue"])
        .set(SetSpec::named("ByIssueKey").mandatory().position(0))
        .by_prop()
        .complete(crate::cmd::spec::Complete::IssueKey)
        .help("Key (or id) of the issue(s) to get."),
    param("InputObject", Ty::Jira("Issue"))
        .set(SetSpec::named("ByInputObject").mandatory().position(0))
        .by_value()
        .help("An issue object (or a key string) to get again, in full."),
    param("Query", Ty::Str)
        .aliases(&["JQL"])
        .set(SetSpec::named("ByJQL").mandatory())
        .complete(crate::cmd::spec::Complete::Jql)
        .help("A JQL query; every matching issue is returned."),
    param("Filter", Ty::Jira("Filter"))
        .set(SetSpec::named("ByFilter").mandatory())
        .complete(crate::cmd::spec::Complete::Filter)
        .help("A saved filter (object or id) whose issues are returned."),
    param("Fields", Ty::Str)
        .array()
        .complete(crate::cmd::spec::Complete::Field)
        .help("Fields to fetch (default *all): e.g. summary,status,assignee. Fewer fields are faster."),
    param("StartIndex", Ty::Int)
        .sets(SEARCH_SETS)
        .hidden()
        .help("JiraPS 2 compatibility: the same as -Skip."),
    param("MaxResults", Ty::Int)
        .sets(SEARCH_SETS)
        .hidden()
        .help("JiraPS 2 compatibility: the same as -First."),
    param("PageSize", Ty::Int)
        .sets(SEARCH_SETS)
        .help("Issues asked for per request (default 25). Not a limit; -First limits."),
    param("IncludeHistory", Ty::Switch)
        .aliases(&["GetHistory"])
        .help("Also fetch each issue's change history (the History property)."),
];

/// `Get-JiraIssue`.
pub static GET_ISSUE: CmdletSpec = CmdletSpec {
    description: "Gets issues by key, by JQL query or by saved filter. Results of a search are \
                  written as their pages arrive; -First and -Skip limit them. On Jira Cloud the \
                  search uses /rest/api/3/search/jql.",
    params: PARAMS,
    default_set: Some("ByIssueKey"),
    paging: true,
    networked: true,
    examples: &[
        Example {
            code: "Get-JiraIssue TEST-1",
            about: "Get one issue.",
        },
        Example {
            code: "Get-JiraIssue -Key TEST-1, TEST-2 | Format-List",
            about: "Get two issues and show every property.",
        },
        Example {
            code: "Get-JiraIssue -Query 'project = TEST AND status = \"In Progress\"' -First 10",
            about: "Search with JQL and keep the first ten.",
        },
        Example {
            code: "'TEST-1', 'TEST-2' | Get-JiraIssue",
            about: "Keys from the pipeline.",
        },
        Example {
            code: "Get-JiraIssue -Filter 10000",
            about: "The issues of saved filter 10000.",
        },
        Example {
            code: "Get-JiraIssue TEST-1 -IncludeHistory | Select-Object -ExpandProperty History",
            about: "Who changed what, and when.",
        },
    ],
    outputs: "AtlassianPS.JiraPS.Issue",
    ..CmdletSpec::new("Get-JiraIssue", "Gets Jira issues.", || {
        Box::new(FnCommand(get_issue))
    })
};

/// `expand` of every issue request.
fn expand(args: &Bound) -> &'static str {
    if args.switch("IncludeHistory") {
        "transitions,changelog"
    } else {
        "transitions"
    }
}

/// `fields`: the `-Fields` list joined with `,`, default `*all`. An empty `-Fields` is refused
/// (JiraPS's `ValidateNotNullOrEmpty`) rather than quietly meaning every field.
fn fields(args: &Bound) -> Result<String, Flow> {
    let list: Vec<String> = args
        .list("Fields")
        .iter()
        .flat_map(|v| {
            common::text(v)
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|s| !s.is_empty())
        .collect();
    if list.is_empty() {
        if args.has("Fields") {
            return Err(invalid(
                CMD,
                "Cannot validate argument on parameter 'Fields'. The argument is null or empty: \
                 name fields (summary,status) or leave -Fields out for all of them.",
            ));
        }
        return Ok("*all".into());
    }
    Ok(list.join(","))
}

fn get_issue(it: &mut Interp, args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let creds = common::credential_override(it, CMD, args)?;
    match args.set {
        "ByJQL" => {
            let jql = args.str("Query").unwrap_or_default();
            search(it, args, creds, SearchSource::Jql(jql), out)
        }
        "ByFilter" => {
            let filter = args.get("Filter").cloned().unwrap_or_default();
            search(it, args, creds, SearchSource::Filter(filter), out)
        }
        "ByInputObject" => {
            let mut keys = Vec::new();
            for v in args.list("InputObject") {
                let key = common::text(&v.property("Key"));
                if key.trim().is_empty() {
                    return Err(invalid(CMD, "The issue object has no Key."));
                }
                keys.push(key);
            }
            by_keys(it, args, creds, keys, out)
        }
        _ => {
            let keys: Vec<String> = args.list("Key").iter().map(common::text).collect();
            by_keys(it, args, creds, keys, out)
        }
    }
}

/// One `GET /rest/api/2/issue/{key}` per key (v2 on Cloud too, as JiraPS). A missing issue is a
/// non-terminating error; the other keys still come.
fn by_keys(
    it: &mut Interp,
    args: &Bound,
    creds: Option<crate::jira::Credentials>,
    keys: Vec<String>,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let fields = fields(args)?;
    for key in keys {
        let key = key.trim().to_owned();
        if key.is_empty() {
            it.write_error(
                crate::eval::error::ErrorRecord::new("An issue key must not be empty.")
                    .command(CMD)
                    .category(crate::eval::error::ErrorCategory::InvalidArgument),
            )?;
            continue;
        }
        let mut req = Request::get(format!("/rest/api/2/issue/{}", path_segment(&key)))
            .query("expand", expand(args))
            .query("fields", fields.clone());
        if let Some(c) = &creds {
            req = req.credentials(c.clone());
        }
        let answer = call(it, CMD, |c, cancel| {
            c.json(req, cancel).map(|j| (j, common::server_base(c)))
        })?;
        match answer {
            Ok((Some(j), base)) => out.emit(it, objects::issue(&j, &base))?,
            Ok((None, _)) => {}
            Err(e) => report(it, CMD, e)?,
        }
    }
    Ok(())
}

enum SearchSource {
    Jql(String),
    Filter(Value),
}

/// A JQL or filter search, streamed through the paging engine.
fn search(
    it: &mut Interp,
    args: &Bound,
    creds: Option<crate::jira::Credentials>,
    source: SearchSource,
    out: &mut dyn Sink,
) -> Result<(), Flow> {
    let fields = fields(args)?;
    let deployment = match call(it, CMD, |c, cancel| c.deployment(cancel))? {
        Ok(d) => d,
        Err(e) => return Err(common::terminating(CMD, &e)),
    };
    let cloud = deployment == Deployment::Cloud;
    let expand = expand(args);

    // Decide the request: Cloud always searches by JQL through /search/jql (the filter's own
    // searchUrl points at the removed /search there); Data Center follows the filter's searchUrl.
    let (mut req, mode, jql) = match source {
        SearchSource::Jql(jql) => {
            let (req, mode) = jql_request(&jql, cloud);
            (req, mode, jql)
        }
        SearchSource::Filter(filter) => {
            let Some((jql, search_url)) = resolve_filter(it, &creds, &filter)? else {
                return Ok(());
            };
            let (req, mode) = match search_url {
                Some(url) if !cloud => (
                    Request::get(url).query("validateQuery", "true"),
                    PagingMode::Offset,
                ),
                _ => jql_request(&jql, cloud),
            };
            (req, mode, jql)
        }
    };
    // Cloud's token pages tell no total: `-IncludeTotalCount` asks Jira's count endpoint, so
    // the figure means the same on both flavours (the whole query's size).
    let total_hint = if cloud && args.switch("IncludeTotalCount") {
        approximate_count(it, &creds, &jql)?
    } else {
        None
    };
    req = req.query("expand", expand).query("fields", fields);
    if let Some(c) = creds {
        req = req.credentials(c);
    }
    let page_size = args
        .int("PageSize")
        .map(|n| u32::try_from(n.clamp(1, i64::from(u32::MAX))).unwrap_or(DEFAULT_PAGE_SIZE))
        .unwrap_or(DEFAULT_PAGE_SIZE);
    let mut opts = common::page_options(args, page_size);
    opts.mode = mode;
    if !args.has("Skip")
        && let Some(n) = args.int("StartIndex")
    {
        opts.skip = u64::try_from(n.max(0)).unwrap_or(0);
    }
    if !args.has("First")
        && let Some(n) = args.int("MaxResults")
    {
        opts.first = Some(u64::try_from(n.max(0)).unwrap_or(0));
    }
    let base = it
        .jira
        .client()
        .map(common::server_base)
        .unwrap_or_default();
    let convert = move |j: &serde_json::Value| objects::issue(j, &base);
    common::stream_pages(
        it,
        CMD,
        req,
        opts,
        args.switch("IncludeTotalCount"),
        total_hint,
        &convert,
        out,
    )
}

/// Cloud's `POST /rest/api/3/search/approximate-count` for `jql`; `None` when it fails (the
/// search itself then reports what is wrong with the query).
fn approximate_count(
    it: &mut Interp,
    creds: &Option<crate::jira::Credentials>,
    jql: &str,
) -> Result<Option<u64>, Flow> {
    let mut req = Request::post_json(
        "/rest/api/3/search/approximate-count",
        serde_json::json!({ "jql": jql }),
    );
    if let Some(c) = creds {
        req = req.credentials(c.clone());
    }
    let answer = common::call(it, CMD, |c, cancel| c.json(req, cancel))?;
    Ok(answer
        .ok()
        .flatten()
        .and_then(|v| v.get("count").and_then(serde_json::Value::as_u64)))
}

fn jql_request(jql: &str, cloud: bool) -> (Request, PagingMode) {
    if cloud {
        (
            Request::get("/rest/api/3/search/jql").query("jql", jql),
            PagingMode::Token,
        )
    } else {
        (
            Request::get("/rest/api/2/search")
                .query("jql", jql)
                .query("validateQuery", "true"),
            PagingMode::Offset,
        )
    }
}

/// The JQL and search URL of a filter argument, fetching the filter when the argument is only
/// an id. `None` after a (non-terminating) error.
fn resolve_filter(
    it: &mut Interp,
    creds: &Option<crate::jira::Credentials>,
    filter: &Value,
) -> Result<Option<(String, Option<String>)>, Flow> {
    let present = |name: &str| {
        let v = filter.property(name);
        if v.is_null() {
            None
        } else {
            Some(common::text(&v)).filter(|s| !s.is_empty())
        }
    };
    if let (Some(jql), search_url) = (present("JQL"), present("SearchUrl")) {
        return Ok(Some((jql, search_url)));
    }
    let Some(id) = present("Id") else {
        return Err(invalid(CMD, "The filter has no Id."));
    };
    let mut req = Request::get(format!("/rest/api/2/filter/{}", path_segment(&id)));
    if let Some(c) = creds {
        req = req.credentials(c.clone());
    }
    match call(it, CMD, |c, cancel| c.json(req, cancel))? {
        Ok(Some(j)) => {
            let f = objects::filter(&j);
            let jql = common::text(&f.property("JQL"));
            let url = Some(common::text(&f.property("SearchUrl"))).filter(|s| !s.is_empty());
            Ok(Some((jql, url)))
        }
        Ok(None) => Ok(None),
        Err(e) => {
            report(it, CMD, e)?;
            Ok(None)
        }
    }
}
