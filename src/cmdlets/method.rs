//! `Invoke-JiraMethod` (`jiraps-reference.md` §1.15, §2): the raw REST escape hatch. Relative
//! paths go to the configured server; the answer comes back as records (arrays are written
//! element by element); `-Paging` streams the items of every page.

use std::time::Duration;

use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::cmdlets::common::{self, call, invalid, report};
use crate::cmdlets::session::{secret_headers, session_value};
use crate::cmdlets::state::DEFAULT_CACHE_EXPIRY;
use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::eval::value::Value;
use crate::jira::{Body, Credentials, Request};
use crate::objects;

/// `-OutputType` values: the JiraPS converters `-Paging` can apply to each item.
pub const OUTPUT_TYPES: &[&str] = &[
    "JiraComment",
    "JiraIssue",
    "JiraUser",
    "JiraVersion",
    "JiraWorklogItem",
];

/// `-Method` values (PowerShell's `WebRequestMethod`).
pub const METHODS: &[&str] = &[
    "Default", "Get", "Head", "Post", "Put", "Delete", "Trace", "Options", "Merge", "Patch",
];

/// Headers whose values are credentials: given in `-Headers`, they replace the session for the
/// call and are handled as secrets.
const SECRET_HEADERS: &[&str] = &["Authorization", "Proxy-Authorization", "Cookie"];

const PARAMS: &[ParamSpec] = &[
    param("URI", Ty::Uri)
        .mandatory()
        .position(0)
        .help("Absolute URL, or a path starting with '/' (e.g. /rest/api/2/myself) on the configured server."),
    param("Method", Ty::Str).position(1).values(METHODS).help("HTTP method (default GET)."),
    param("Body", Ty::Any)
        .position(2)
        .help("Request body: a string is sent as is (UTF-8), any other value is converted to JSON."),
    param("RawBody", Ty::Switch).help("Send -Body exactly as given (jirash always sends it as UTF-8 text)."),
    param("Headers", Ty::Hashtable).position(3).help(
        "Extra request headers. Authorization, Proxy-Authorization and Cookie replace the session for this call.",
    ),
    param("GetParameter", Ty::Hashtable)
        .position(4)
        .help("Query parameters, merged over those of -URI (these win)."),
    param("Paging", Ty::Switch)
        .help("Follow the pages of a paged answer and write each item (issues, values, comments, …)."),
    param("InFile", Ty::Path).position(5).help("Upload this file as multipart/form-data part 'file'."),
    param("OutFile", Ty::Path).position(6).help("Save the response body to this file instead of returning it."),
    param("StoreSession", Ty::Switch)
        .help("Log in with the call's credentials and keep the session (what New-JiraSession does)."),
    param("OutputType", Ty::Str)
        .position(7)
        .values(OUTPUT_TYPES)
        .help("With -Paging: convert each item to this JiraPS type."),
    // Declared (not only the common -Credential) for JiraPS's position 8.
    param("Credential", Ty::Credential)
        .position(8)
        .help("Credentials to use for this call instead of the session."),
    param("CacheKey", Ty::Str)
        .position(11)
        .help("Cache the answer of this GET under this name (per server); later calls reuse it."),
    param("CacheExpiry", Ty::TimeSpan).position(12).help("How long a cached answer stays valid (default 1 hour)."),
    param("BypassCache", Ty::Switch).help("Ignore a cached answer (the new one is still stored)."),
    param("TimeoutSec", Ty::Int).position(13).help("Give up after this many seconds (default 100; 0 = default)."),
];

/// `Invoke-JiraMethod`.
pub static INVOKE_METHOD: CmdletSpec = CmdletSpec {
    description: "Sends one request to Jira with the session's (or -Credential's) authentication and \
                  returns the parsed JSON answer as objects. Jira's error messages become one \
                  non-terminating error each. The escape hatch for every REST call jirash has no \
                  cmdlet for.",
    params: PARAMS,
    paging: true,
    networked: true,
    examples: &[
        Example {
            code: "Invoke-JiraMethod /rest/api/2/myself",
            about: "Who am I?",
        },
        Example {
            code: "Invoke-JiraMethod -Uri '/rest/api/2/issue/TEST-1/comment/10000' -Method Delete",
            about: "Delete a comment (no cmdlet does that).",
        },
        Example {
            code: "Invoke-JiraMethod -Method Post -Uri /rest/api/2/issue/TEST-1/comment -Body @{ body = 'Hello' }",
            about: "Add a comment; the hashtable is sent as JSON.",
        },
        Example {
            code: "Invoke-JiraMethod /rest/api/2/search -GetParameter @{ jql = 'project = TEST' } -Paging -OutputType JiraIssue -First 10",
            about: "Page through a search and convert the results to Issue objects.",
        },
    ],
    outputs: "System.Management.Automation.PSObject",
    ..CmdletSpec::new(
        "Invoke-JiraMethod",
        "Invokes a Jira REST method and returns the parsed answer.",
        || Box::new(FnCommand(invoke)),
    )
};

fn invoke(it: &mut Interp, args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    const CMD: &str = "Invoke-JiraMethod";
    let uri = args.str("URI").unwrap_or_default();
    let method_name = args.str("Method").unwrap_or_else(|| "GET".into());
    let method = Request::parse_method(&method_name).map_err(|e| common::terminating(CMD, &e))?;
    let is_get = method == reqwest::Method::GET;
    let mut req = Request::new(method, uri.clone());

    // Query: -GetParameter wins over the URI's own parameters (the client merges them). The
    // page size of -Paging is the maxResults given there, else the URI's own.
    let mut page_size: Option<u32> = uri_max_results(&uri);
    if let Some(Value::Hashtable(h)) = args.get("GetParameter") {
        for (k, v) in h.borrow().iter() {
            let value = common::text(v);
            if k.eq_ignore_ascii_case("maxResults") {
                page_size = value.trim().parse().ok();
            }
            req = req.query(k, value);
        }
    }

    // Headers: credentials among them become this call's credentials; the rest are plain.
    let mut secret = Vec::new();
    if let Some(Value::Hashtable(h)) = args.get("Headers") {
        for (k, v) in h.borrow().iter() {
            if SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(k)) {
                secret.push((k.to_owned(), v.clone()));
            } else {
                req = req.header(k, common::text(v));
            }
        }
    }
    let mut creds = common::credential_override(it, CMD, args)?;
    if !secret.is_empty() {
        let mut map = crate::eval::value::PropMap::new();
        for (k, v) in secret {
            map.insert(&k, v);
        }
        let headers = secret_headers(CMD, Some(&Value::hashtable(map)))?;
        let base = creds.take().unwrap_or_default();
        creds = Some(Credentials {
            auth: base.auth,
            headers,
        });
    }

    // Body, file upload, download.
    match args.get("Body") {
        None | Some(Value::Null) => {}
        Some(Value::Str(s)) => {
            req = req.body(Body::Text {
                text: s.to_string(),
                content_type: None,
            })
        }
        Some(other) => {
            let json =
                objects::value_to_json(other).map_err(|e| invalid(CMD, format!("-Body: {e}")))?;
            req = req.body(Body::Json(json));
        }
    }
    if let Some(path) = args.str("InFile") {
        if args.has("Body") {
            return Err(invalid(CMD, "Give either -Body or -InFile, not both."));
        }
        req = req.body(Body::File(path.into()));
    }
    if let Some(path) = args.str("OutFile") {
        req = req.out_file(path);
    }
    if let Some(t) = args.int("TimeoutSec") {
        if t < 0 {
            return Err(invalid(CMD, "-TimeoutSec must be 0 or more."));
        }
        req = req.timeout(Duration::from_secs(t.unsigned_abs()));
    }

    if args.switch("StoreSession") {
        let Some(creds) = creds else {
            return Err(invalid(
                CMD,
                "-StoreSession needs -Credential or an Authorization header.",
            ));
        };
        return match call(it, CMD, |c, cancel| c.login(creds, cancel))? {
            Ok(info) => out.emit(it, session_value(&info)),
            Err(e) => report(it, CMD, e),
        };
    }
    if let Some(c) = creds {
        req = req.credentials(c);
    }

    if args.switch("Paging") {
        let output_type = args.str("OutputType");
        let opts = common::page_options(args, page_size.unwrap_or(25));
        let base = it
            .jira
            .client()
            .map(common::server_base)
            .unwrap_or_default();
        let convert = move |j: &serde_json::Value| match &output_type {
            Some(t) => objects::by_output_type(t, j, &base),
            None => objects::json_to_value(j),
        };
        return common::stream_pages(
            it,
            CMD,
            req,
            opts,
            args.switch("IncludeTotalCount"),
            None,
            &convert,
            out,
        );
    }

    // Without -Paging, -Skip/-First shape the one request as JiraPS does.
    if let Some(skip) = args.int("Skip") {
        req = req.query("startAt", skip.max(0).to_string());
    }
    if let Some(first) = args.int("First") {
        let current = req
            .query
            .iter()
            .find(|(k, _)| k == "maxResults")
            .and_then(|(_, v)| v.parse::<i64>().ok());
        if current.is_none_or(|m| first < m) {
            req = req.query("maxResults", first.max(0).to_string());
        }
    }

    // The GET cache (-CacheKey), per server.
    let cache_key = args.str("CacheKey").filter(|_| is_get);
    let server = it.jira.server().map(|u| u.to_string()).unwrap_or_default();
    if let Some(key) = &cache_key
        && !args.switch("BypassCache")
        && let Some(j) = it.jira.cache_get(key, &server)
    {
        it.write_verbose(&format!("[{CMD}] using the cached answer '{key}'"));
        return emit_json(it, &j, out);
    }

    match call(it, CMD, |c, cancel| c.json(req, cancel))? {
        Ok(Some(j)) => {
            if let Some(key) = &cache_key {
                let expiry = match args.get("CacheExpiry") {
                    Some(Value::TimeSpan(t)) => {
                        Duration::try_from(*t).unwrap_or(DEFAULT_CACHE_EXPIRY)
                    }
                    _ => DEFAULT_CACHE_EXPIRY,
                };
                it.jira.cache_put(key, &server, expiry, j.clone());
            }
            emit_json(it, &j, out)
        }
        Ok(None) => Ok(()),
        Err(e) => report(it, CMD, e),
    }
}

/// The `maxResults` in the query part of `uri`, if any.
fn uri_max_results(uri: &str) -> Option<u32> {
    let (_, query) = uri.split_once('?')?;
    let query = query.split('#').next().unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case("maxResults"))
        .and_then(|(_, v)| v.trim().parse().ok())
}

/// Writes a JSON answer: an array element by element (as `ConvertFrom-Json` does), anything
/// else as one object.
fn emit_json(it: &mut Interp, j: &serde_json::Value, out: &mut dyn Sink) -> Result<(), Flow> {
    match j {
        serde_json::Value::Array(items) => {
            for item in items {
                out.emit(it, objects::json_to_value(item))?;
            }
            Ok(())
        }
        other => out.emit(it, objects::json_to_value(other)),
    }
}
