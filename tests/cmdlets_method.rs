//! `Invoke-JiraMethod` through the jirash language against jira-sim: its parameters, Jira's
//! error shapes (one non-terminating error per message), retries after 429/503 with
//! `Retry-After`, no second POST after a broken connection, and no credentials across a
//! redirect to another host.

mod cmdlets_support;

use std::time::{Duration, Instant};

use cmdlets_support::{Flavor, Shell, Sim, base64, cred, login_line};

fn sim_with_faults(flavor: Flavor, faults: &[&str]) -> Sim {
    Sim::with(jira_sim::Options {
        flavor,
        faults: faults.iter().map(|f| (*f).to_owned()).collect(),
        ..jira_sim::Options::default()
    })
}

fn logged_in<'a>(sim: &'a Sim, body: &str) -> Shell<'a> {
    Shell::new(sim).script(&format!("{}\n{body}", login_line(sim.flavor)))
}

// ---------------------------------------------------------------------------------------------
// Error shapes

fn error_shapes(flavor: Flavor) {
    let sim = sim_with_faults(
        flavor,
        &[
            "html:once:path=/rest/api/2/project",
            "html:once:status=500:path=/rest/api/2/priority",
        ],
    );
    let out = logged_in(
        &sim,
        "Invoke-JiraMethod /rest/api/2/issue/NOPE-1; 'a'\n\
         Invoke-JiraMethod /rest/api/2/issue -Method Post -Body @{ fields = @{} }; 'b'\n\
         Invoke-JiraMethod /rest/api/2/no/such/thing; 'c'\n\
         Invoke-JiraMethod /rest/api/2/project; 'd'\n\
         Invoke-JiraMethod /rest/api/2/priority; 'e'\n\
         \"errors=$($Error.Count)\"",
    )
    .run();
    out.status_is(1)
        .stdout_is("a\nb\nc\nd\ne\nerrors=7")
        .no_secrets(Some(&sim));
    let (missing, no_type) = match flavor {
        Flavor::DataCenter => (
            "Invoke-JiraMethod: Issue Does Not Exist",
            "Invoke-JiraMethod: issuetype: issue type is required",
        ),
        Flavor::Cloud => (
            "Invoke-JiraMethod: Issue does not exist or you do not have permission to see it.",
            "Invoke-JiraMethod: issuetype: Specify an issue type",
        ),
    };
    out.err_lines_with(
        "",
        &[
            missing,
            "Invoke-JiraMethod: project: project is required",
            no_type,
            "Invoke-JiraMethod: summary: You must specify a summary of the issue.",
            &format!("Invoke-JiraMethod: null for uri: {}/rest/api/2/no/such/thing", sim.url()),
            "Invoke-JiraMethod: HTTP 502 Bad Gateway (the server returned an HTML page, not JSON)",
            "Invoke-JiraMethod: HTTP 500 Internal Server Error (the server returned an HTML page, not JSON)",
        ],
    );
}

#[test]
fn dc_error_shapes_become_one_non_terminating_error_per_message() {
    error_shapes(Flavor::DataCenter);
}

#[test]
fn cloud_error_shapes_become_one_non_terminating_error_per_message() {
    error_shapes(Flavor::Cloud);
}

#[test]
fn empty_error_body_names_the_status() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "Invoke-JiraMethod /rest/auth/1/session -Method Put; 'after'",
    )
    .run();
    out.status_is(1).stdout_is("after").err_lines_with(
        "",
        &["Invoke-JiraMethod: HTTP 405 Method Not Allowed (the server returned an empty body)"],
    );
}

#[test]
fn an_html_page_instead_of_json_is_named_as_such() {
    // A single sign-on proxy answering its login page with 200 is the usual cause.
    let sim = sim_with_faults(
        Flavor::DataCenter,
        &["html:status=200:path=/rest/api/2/issue/TEST-1"],
    );
    let out = logged_in(&sim, "Invoke-JiraMethod /rest/api/2/issue/TEST-1; 'after'").run();
    out.status_is(1).stdout_is("after").err_lines_with(
        "",
        &[&format!(
            "Invoke-JiraMethod: The answer from {}/rest/api/2/issue/TEST-1 is not the JSON Jira sends: it is an HTML page (HTTP 200), often the login page of a single sign-on proxy in front of Jira, or a server URL that is not Jira's REST address.",
            sim.url()
        )],
    );
}

#[test]
fn error_action_stop_makes_jira_errors_catchable() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "try { Invoke-JiraMethod /rest/api/2/issue/NOPE-1 -ErrorAction Stop; 'not reached' } catch { \"caught: $_\" }",
    )
    .run();
    out.ok().stdout_is("caught: Issue Does Not Exist");
}

// ---------------------------------------------------------------------------------------------
// Retries

#[test]
fn rate_limit_429_waits_for_retry_after_with_a_warning_then_succeeds() {
    let sim = sim_with_faults(
        Flavor::DataCenter,
        &["429:once:retry-after=1:path=/rest/api/2/issue/TEST-1"],
    );
    let started = Instant::now();
    let out = logged_in(&sim, "(Invoke-JiraMethod /rest/api/2/issue/TEST-1).key").run();
    let elapsed = started.elapsed();
    out.status_is(0).stdout_is("TEST-1").no_secrets(Some(&sim));
    let warnings = out.err_lines();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .starts_with("WARNING: [Invoke-JiraMethod] Jira rate limit hit (429); retrying in 1")
            && warnings[0].ends_with(" s (1/3)"),
        "{warnings:?}"
    );
    assert_eq!(sim.count("GET /rest/api/2/issue/TEST-1"), 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After: 1 was honoured ({elapsed:?})"
    );
}

#[test]
fn unavailable_503_is_retried_three_times_then_reported() {
    let sim = sim_with_faults(
        Flavor::DataCenter,
        &["503:retry-after=0:path=/rest/api/2/issue/TEST-1"],
    );
    let out = logged_in(&sim, "Invoke-JiraMethod /rest/api/2/issue/TEST-1; 'after'").run();
    out.status_is(1).stdout_is("after").err_lines_with(
        "",
        &[
            "WARNING: [Invoke-JiraMethod] Jira is unavailable (503); retrying in 0 ms (1/3)",
            "WARNING: [Invoke-JiraMethod] Jira is unavailable (503); retrying in 0 ms (2/3)",
            "WARNING: [Invoke-JiraMethod] Jira is unavailable (503); retrying in 0 ms (3/3)",
            "Invoke-JiraMethod: Service Unavailable",
        ],
    );
    assert_eq!(sim.count("GET /rest/api/2/issue/TEST-1"), 4);
}

#[test]
fn cloud_search_is_retried_after_429_with_a_warning() {
    let sim = sim_with_faults(
        Flavor::Cloud,
        &["429:once:retry-after=0:path=/rest/api/3/search/jql"],
    );
    let out = logged_in(
        &sim,
        "(Get-JiraIssue -Query 'project = TEST' -First 2).Key -join ','",
    )
    .run();
    out.status_is(0).stdout_is("TEST-1,TEST-2").err_lines_with(
        "",
        &["WARNING: [Get-JiraIssue] Jira rate limit hit (429); retrying in 0 ms (1/3)"],
    );
    assert_eq!(sim.count("GET /rest/api/3/search/jql"), 2);
}

#[test]
fn post_is_not_sent_again_after_a_reset_connection() {
    let sim = sim_with_faults(Flavor::DataCenter, &["reset:once:method=POST"]);
    let out = logged_in(
        &sim,
        "Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment -Method Post -Body @{ body = 'only once' }\n'after'\n\
         @((Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment).comments | Where-Object { $_.body -eq 'only once' }).Count",
    )
    .run();
    out.status_is(1)
        .stdout_is("after\n0")
        .no_secrets(Some(&sim));
    out.stderr_has(&format!(
        "Invoke-JiraMethod: The connection to {} broke during POST {}/rest/api/2/issue/TEST-1/comment",
        sim.url().trim_start_matches("http://"),
        sim.url()
    ))
    .stderr_has("The request may or may not have been carried out; it was not repeated to avoid doing it twice. Check in Jira before running it again.");
    assert_eq!(sim.count("POST /rest/api/2/issue/TEST-1/comment"), 1);
}

#[test]
fn post_is_not_sent_again_after_a_truncated_response() {
    let sim = sim_with_faults(Flavor::DataCenter, &["truncate:once:method=POST"]);
    let out = logged_in(
        &sim,
        "Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment -Method Post -Body @{ body = 'only once' }\n'after'\n\
         @((Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment).comments | Where-Object { $_.body -eq 'only once' }).Count",
    )
    .run();
    out.status_is(1)
        .stdout_is("after\n1")
        .stderr_has(&format!(
            "Invoke-JiraMethod: The connection to {} broke during POST {}/rest/api/2/issue/TEST-1/comment",
            sim.url().trim_start_matches("http://"),
            sim.url()
        ))
        .stderr_has("it was not repeated to avoid doing it twice.");
    assert_eq!(sim.count("POST /rest/api/2/issue/TEST-1/comment"), 1);
}

#[test]
fn get_is_retried_once_after_a_reset_connection() {
    let sim = sim_with_faults(
        Flavor::DataCenter,
        &["reset:once:path=/rest/api/2/issue/TEST-1"],
    );
    let out = logged_in(&sim, "(Get-JiraIssue TEST-1).Key").run();
    out.ok().stdout_is("TEST-1");
    assert_eq!(sim.count("GET /rest/api/2/issue/TEST-1"), 2);
}

#[test]
fn a_read_that_keeps_breaking_says_nothing_was_changed() {
    let sim = sim_with_faults(
        Flavor::DataCenter,
        &["truncate:path=/rest/api/2/issue/TEST-1"],
    );
    let out = logged_in(&sim, "Get-JiraIssue TEST-1; 'after'").run();
    out.status_is(1).stdout_is("after").err_lines_with(
        "",
        &[&format!(
            "Get-JiraIssue: The connection to {} broke during GET {}/rest/api/2/issue/TEST-1?expand=transitions&fields=*all (end of file before message length reached), also when tried again. Nothing was changed; try again later, and if it keeps happening, check the network (or proxy) between you and Jira.",
            sim.url().trim_start_matches("http://"),
            sim.url()
        )],
    );
    assert_eq!(sim.count("GET /rest/api/2/issue/TEST-1"), 2);
}

// ---------------------------------------------------------------------------------------------
// Redirects

#[test]
fn redirect_to_another_host_carries_no_credentials_or_cookies() {
    let sim = Sim::dc();
    let other = Sim::dc();
    let to = format!("/__sim/redirect?to={}/rest/api/2/myself", other.url());
    let script = format!(
        "Invoke-JiraMethod '{to}'; 'a'\n\
         Invoke-JiraMethod '{to}' -Credential {}; 'b'\n\
         Invoke-JiraMethod '{to}' -Headers @{{ Authorization = 'Bearer demo-pat' }}; 'c'\n\
         (Invoke-JiraMethod '/__sim/redirect?to=/rest/api/2/myself').name",
        cred("alice", "alice")
    );
    let out = logged_in(&sim, &script).run();
    out.status_is(1)
        .stdout_is("a\nb\nc\ndemo")
        .no_secrets(Some(&sim))
        .no_secrets(Some(&other));
    let denied = format!(
        "Invoke-JiraMethod: Jira at {} needs you to log in, and this request carried no credentials",
        other.url()
    );
    assert_eq!(
        out.err_lines()
            .iter()
            .filter(|l| l.starts_with(&denied))
            .count(),
        3,
        "{}",
        out.stderr
    );
    // The first host got the credentials; the other host got none of them.
    let first = sim.auth_of("GET /__sim/redirect");
    assert_eq!(first.len(), 4);
    assert!(first[0].has_session_cookie());
    assert_eq!(
        first[1].authorization,
        Some(format!("Basic {}", base64("alice:alice")))
    );
    assert_eq!(first[2].authorization.as_deref(), Some("Bearer demo-pat"));
    let seen = other.auth_log();
    assert_eq!(seen.len(), 3, "{seen:?}");
    for r in &seen {
        assert_eq!(
            (r.authorization.clone(), r.cookie.clone()),
            (None, None),
            "{r:?}"
        );
    }
    // A redirect within the same server keeps the session.
    let last = sim.auth_of("GET /rest/api/2/myself");
    assert!(
        last.last().is_some_and(|r| r.has_session_cookie()),
        "{last:?}"
    );
}

#[test]
fn credentials_in_a_uri_are_refused_not_sent_and_never_shown() {
    let sim = Sim::dc();
    let other = Sim::dc();
    // With a user name and password in the URL, reqwest would send them as Basic auth — past
    // the clear-text rule — and -Verbose would print them.
    let host = sim.url().trim_start_matches("http://");
    let script = format!(
        "Invoke-JiraMethod 'http://demo:s3cret-Passw0rd@{host}/rest/api/2/myself' -Verbose; 'a'\n\
         Invoke-JiraMethod 'http://bob:s3cret-Passw0rd@jira.invalid/rest/api/2/myself'; 'b'\n\
         Invoke-JiraMethod 'demo:s3cret-Passw0rd@jira.invalid/x'; 'c'\n\
         Invoke-JiraMethod '/__sim/redirect?to=http://alice:alice@{}/rest/api/2/myself' -Verbose; 'd'",
        other.url().trim_start_matches("http://")
    );
    let out = Shell::bare()
        .server(sim.url())
        .checking(&sim)
        .script(&script)
        .run();
    out.status_is(1)
        .stdout_is("a\nb\nc\nd")
        .no_secrets(Some(&sim));
    let refusal = |url: &str| {
        format!(
            "Invoke-JiraMethod: The URI '{url}' contains a user name or password. jirash does not send credentials from a URL: give -Credential, or log in with New-JiraSession."
        )
    };
    out.err_lines_with(
        "Invoke-JiraMethod:",
        &[
            &refusal(&format!("{}/rest/api/2/myself", sim.url())),
            &refusal("http://jira.invalid/rest/api/2/myself"),
            "Invoke-JiraMethod: The URI 'jira.invalid/x' must be an absolute URL or a path starting with '/' (for example /rest/api/2/myself).",
            &format!(
                "Invoke-JiraMethod: Jira at {} needs you to log in, and this request carried no credentials: run New-JiraSession first (or give -Credential). Jira answered 401 (Client must be authenticated to access this resource.).",
                other.url()
            ),
        ],
    );
    // Only the redirect was sent; the credentials in its Location went nowhere.
    assert_eq!(sim.request_lines().len(), 1, "{:?}", sim.request_lines());
    let seen = other.auth_log();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].authorization, None);
    let followed: Vec<&str> = out
        .err_lines()
        .into_iter()
        .filter(|l| l.starts_with("VERBOSE:") && l.contains(other.url()) && !l.contains("redirect"))
        .collect();
    assert_eq!(
        followed,
        [format!(
            "VERBOSE: [Invoke-JiraMethod] GET {}/rest/api/2/myself",
            other.url()
        )],
        "{}",
        out.stderr
    );
}

#[test]
fn credential_query_parameters_are_masked_in_verbose_lines_and_errors() {
    // Jira's old `os_username`/`os_password` query login, or a Connect `jwt`: sent as given,
    // never shown.
    let sim = sim_with_faults(
        Flavor::DataCenter,
        &["html:status=200:path=/rest/api/2/field"],
    );
    let out = Shell::new(&sim)
        .script(
            "Invoke-JiraMethod '/rest/api/2/field?os_username=demo&os_password=s3cret-Passw0rd' -Verbose; 'a'\n\
             Invoke-JiraMethod /rest/api/2/field -GetParameter @{ jwt = 's3cret-Passw0rd' } -Verbose; 'b'",
        )
        .run();
    out.status_is(1).stdout_is("a\nb").no_secret("s3cret");
    let u = sim.url();
    out.err_lines_with(
        "VERBOSE:",
        &[
            &format!("VERBOSE: [Invoke-JiraMethod] GET {u}/rest/api/2/field?os_username=demo&os_password=***"),
            &format!("VERBOSE: [Invoke-JiraMethod] GET {u}/rest/api/2/field?jwt=***"),
        ],
    );
    out.stderr_has(&format!(
        "Invoke-JiraMethod: The answer from {u}/rest/api/2/field?jwt=*** is not the JSON"
    ));
    let sent = sim.request_lines();
    assert!(
        sent.iter()
            .any(|l| l.ends_with("os_password=s3cret-Passw0rd")),
        "the server still gets it: {sent:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Parameters

#[test]
fn relative_and_absolute_uris() {
    let sim = Sim::dc();
    let other = Sim::dc();
    let out = logged_in(
        &sim,
        &format!(
            "(Invoke-JiraMethod /rest/api/2/myself).name\n(Invoke-JiraMethod '{0}/rest/api/2/myself').name\n\
             Invoke-JiraMethod 'rest/api/2/myself'\n'after'\n(Invoke-JiraMethod '{1}/rest/api/2/serverInfo').deploymentType",
            sim.url(),
            other.url()
        ),
    )
    .run();
    out.status_is(1)
        .stdout_is("demo\ndemo\nafter\nServer")
        .err_lines_with("", &["Invoke-JiraMethod: The URI 'rest/api/2/myself' must be an absolute URL or a path starting with '/' (for example /rest/api/2/myself)."]);
    // The absolute URL on the session's server gets the session; another server gets nothing.
    assert!(
        sim.auth_of("GET /rest/api/2/myself")
            .iter()
            .skip(1)
            .all(|r| r.has_session_cookie())
    );
    assert_eq!(other.auth_of("GET /rest/api/2/serverInfo")[0].cookie, None);
}

#[test]
fn method_body_and_headers() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "$c = Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment -Method Post -Body @{ body = 'from a hashtable' } -Headers @{ 'X-Test' = 'yes' }\n\
         $d = Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment Post '{\"body\":\"from a string\"}'\n\
         \"$($c.body)|$($d.body)\"\n\
         Invoke-JiraMethod \"/rest/api/2/issue/TEST-1/comment/$($c.id)\" -Method Delete\n\
         Invoke-JiraMethod \"/rest/api/2/issue/TEST-1/comment/$($c.id)\"\n'after'",
    )
    .run();
    out.status_is(1)
        .stdout_is("from a hashtable|from a string\nafter")
        .stderr_has("Invoke-JiraMethod: ");
    let reqs = sim.bg.requests();
    let posts: Vec<_> = reqs.iter().filter(|r| r.method == "POST").collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(
        String::from_utf8_lossy(&posts[0].body),
        r#"{"body":"from a hashtable"}"#
    );
    assert_eq!(
        posts[0].header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(posts[0].header("x-test"), Some("yes"));
    assert_eq!(
        String::from_utf8_lossy(&posts[1].body),
        r#"{"body":"from a string"}"#
    );
    assert_eq!(sim.count("DELETE /rest/api/2/issue/TEST-1/comment/"), 1);
}

#[test]
fn get_parameter_merges_over_the_uri_query() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "$r = Invoke-JiraMethod '/rest/api/2/search?jql=project%3DTEST&maxResults=3&fields=summary' -GetParameter @{ jql = 'project = WEB ORDER BY key' }\n\
         \"$($r.maxResults) $($r.issues[0].key)\"",
    )
    .run();
    out.ok().stdout_is("3 WEB-1");
    let search: Vec<_> = sim
        .request_lines()
        .into_iter()
        .filter(|l| l.starts_with("GET /rest/api/2/search"))
        .collect();
    assert_eq!(
        search,
        ["GET /rest/api/2/search?maxResults=3&fields=summary&jql=project+%3D+WEB+ORDER+BY+key"]
    );
}

#[test]
fn paging_an_endpoint_that_does_not_page_ends_after_its_one_answer() {
    for flavor in [Flavor::DataCenter, Flavor::Cloud] {
        let sim = Sim::of(flavor);
        // /field answers every field whatever startAt and maxResults say: more than the page
        // size, or exactly as many; either way there is no second page to ask for.
        let out = logged_in(
            &sim,
            "$n = (Invoke-JiraMethod /rest/api/2/field).Count\n\
             $a = (Invoke-JiraMethod /rest/api/2/field -Paging).Count\n\
             $b = (Invoke-JiraMethod /rest/api/2/field -Paging -First 1000).Count\n\
             $c = (Invoke-JiraMethod /rest/api/2/field -Paging -GetParameter @{ maxResults = $n }).Count\n\
             \"$($n -gt 25) $($a -eq $n) $($b -eq $n) $($c -eq $n)\"",
        )
        .run();
        out.ok().stdout_is("True True True True");
        assert_eq!(
            sim.count("GET /rest/api/2/field"),
            5,
            "{flavor:?}: {:?}",
            sim.request_lines()
        );
    }
}

#[test]
fn dc_offset_paging_with_first_skip_include_total_count_and_output_type() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "Invoke-JiraMethod '/rest/api/2/search?jql=project%3DWEB+ORDER+BY+key&maxResults=3&fields=summary' -Paging -Skip 2 -First 4 -OutputType JiraIssue -IncludeTotalCount |\n\
         ForEach-Object { if ($_ -is [int]) { \"total=$_\" } else { \"$($_.GetType().Name) $_\" } }",
    )
    .run();
    out.ok().stdout_has("Issue [WEB-3] ").stdout_has("total=20");
    let keys: Vec<&str> = out
        .lines()
        .iter()
        .filter_map(|l| l.split(' ').nth(1))
        .collect();
    assert_eq!(keys, ["[WEB-3]", "[WEB-4]", "[WEB-5]", "[WEB-6]"]);
    let search: Vec<_> = sim
        .request_lines()
        .into_iter()
        .filter(|l| l.starts_with("GET /rest/api/2/search"))
        .collect();
    assert_eq!(
        search,
        [
            "GET /rest/api/2/search?jql=project%3DWEB+ORDER+BY+key&fields=summary&startAt=2&maxResults=3",
            "GET /rest/api/2/search?jql=project%3DWEB+ORDER+BY+key&fields=summary&startAt=5&maxResults=1",
        ]
    );
}

#[test]
fn cloud_token_paging_with_first_skip_and_output_type() {
    let sim = Sim::cloud();
    let out = logged_in(
        &sim,
        "(Invoke-JiraMethod '/rest/api/3/search/jql?jql=project%3DWEB+ORDER+BY+key&maxResults=3&fields=summary' -Paging -Skip 2 -First 4 -OutputType JiraIssue |\n\
         ForEach-Object { $_.Key }) -join ','",
    )
    .run();
    out.ok().stdout_is("WEB-3,WEB-4,WEB-5,WEB-6");
    let search: Vec<_> = sim
        .request_lines()
        .into_iter()
        .filter(|l| l.starts_with("GET /rest/api/3/search/jql"))
        .collect();
    assert_eq!(search.len(), 2, "{search:?}");
    assert_eq!(
        search[0],
        "GET /rest/api/3/search/jql?jql=project%3DWEB+ORDER+BY+key&fields=summary&maxResults=3"
    );
    assert!(
        search[1].contains("&nextPageToken=")
            && search[1].ends_with("&maxResults=3")
            && !search[1].contains("startAt"),
        "{search:?}"
    );
}

#[test]
fn out_file_saves_the_body_and_in_file_uploads_a_file() {
    let sim = Sim::dc();
    let dir = tempfile::tempdir().expect("tempdir");
    let upload = dir.path().join("notes.txt");
    std::fs::write(&upload, "attached text\n").expect("write");
    let saved = dir.path().join("info.json");
    let out = logged_in(
        &sim,
        &format!(
            "Invoke-JiraMethod /rest/api/2/serverInfo -OutFile '{}'\n'saved'\n\
             $a = Invoke-JiraMethod /rest/api/2/issue/TEST-1/attachments -Method Post -InFile '{}'\n\"$($a.filename) $($a.size)\"",
            saved.display(),
            upload.display()
        ),
    )
    .run();
    out.ok().stdout_is("saved\nnotes.txt 14");
    let info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("saved file")).expect("JSON");
    assert_eq!(info["deploymentType"], "Server");
    let reqs = sim.bg.requests();
    let post = reqs.iter().find(|r| r.method == "POST").expect("upload");
    assert!(
        post.header("content-type")
            .is_some_and(|c| c.starts_with("multipart/form-data; boundary=")),
        "{post:?}"
    );
    assert_eq!(post.header("x-atlassian-token"), Some("no-check"));
    let body = String::from_utf8_lossy(&post.body);
    assert!(
        body.contains("name=\"file\"; filename=\"notes.txt\"") && body.contains("attached text"),
        "{body}"
    );
}

#[test]
fn store_session_logs_in_like_new_jira_session() {
    let sim = Sim::dc();
    let out = Shell::new(&sim)
        .script(&format!(
            "$s = Invoke-JiraMethod /rest/api/2/myself -Credential {} -StoreSession\n\"$($s.Username) $($s.AuthType)\"\n\
             (Get-JiraSession).Username\n(Invoke-JiraMethod /rest/api/2/myself).name",
            cred("demo", "demo")
        ))
        .run();
    out.ok()
        .stdout_is("demo Basic\ndemo\ndemo")
        .no_secrets(Some(&sim));
    let myself = sim.auth_of("GET /rest/api/2/myself");
    assert_eq!(myself.len(), 2);
    assert_eq!(
        (
            myself[1].authorization.clone(),
            myself[1].has_session_cookie()
        ),
        (None, true)
    );
}

#[test]
fn cache_key_answers_repeated_gets_from_memory() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "(Invoke-JiraMethod /rest/api/2/priority -CacheKey Priorities).Count\n(Invoke-JiraMethod /rest/api/2/priority -CacheKey Priorities -Verbose).Count\n\
         (Invoke-JiraMethod /rest/api/2/priority -CacheKey Priorities -BypassCache).Count",
    )
    .run();
    out.status_is(0)
        .stderr_has("VERBOSE: [Invoke-JiraMethod] using the cached answer 'Priorities'");
    let counts = out.lines();
    assert_eq!(counts.len(), 3);
    assert!(
        counts.iter().all(|c| *c == counts[0] && *c != "0"),
        "{counts:?}"
    );
    assert_eq!(sim.count("GET /rest/api/2/priority"), 2);
}

#[test]
fn secret_headers_of_one_call_never_show_in_verbose_output() {
    let sim = Sim::dc();
    let out = Shell::new(&sim)
        .script("(Invoke-JiraMethod /rest/api/2/myself -Headers @{ Authorization = 'Bearer demo-pat' } -Verbose).name\nGet-JiraSession")
        .run();
    out.status_is(0)
        .stdout_is("demo")
        .err_lines_with(
            "",
            &[&format!(
                "VERBOSE: [Invoke-JiraMethod] GET {}/rest/api/2/myself",
                sim.url()
            )],
        )
        .no_secrets(Some(&sim));
    assert_eq!(
        sim.auth_of("GET /rest/api/2/myself")[0]
            .authorization
            .as_deref(),
        Some("Bearer demo-pat")
    );
}

#[test]
fn timeout_sec_gives_up_with_a_clear_error() {
    let sim = Sim::with(jira_sim::Options {
        latency_ms: 1500,
        ..jira_sim::Options::default()
    });
    let out = Shell::new(&sim)
        .script(
            "Invoke-JiraMethod /rest/api/2/serverInfo -TimeoutSec 1\n'after'\n\
             Invoke-JiraMethod /rest/api/2/serverInfo -TimeoutSec -1\n'end'",
        )
        .run();
    out.status_is(1).stdout_is("after\nend").err_lines_with(
        "",
        &[
            &format!(
                "Invoke-JiraMethod: The request to {} timed out after 1 s. Jira may be busy: try again later (Invoke-JiraMethod -TimeoutSec allows a longer wait).",
                sim.url().trim_start_matches("http://")
            ),
            "Invoke-JiraMethod: -TimeoutSec must be 0 or more.",
        ],
    );
    // A timed-out request is not sent again.
    assert_eq!(sim.count("GET /rest/api/2/serverInfo"), 1);
}

#[test]
fn raw_body_is_sent_exactly_as_given() {
    let sim = Sim::dc();
    let out = logged_in(
        &sim,
        "$c = Invoke-JiraMethod /rest/api/2/issue/TEST-1/comment -Method Post -Body '{ \"body\" : \"Grüße\" }' -RawBody\n$c.body",
    )
    .run();
    out.ok().stdout_is("Grüße");
    let reqs = sim.bg.requests();
    let post = reqs.iter().find(|r| r.method == "POST").expect("post");
    assert_eq!(post.body, "{ \"body\" : \"Grüße\" }".as_bytes());
}

#[test]
fn without_a_server_relative_uris_fail_and_absolute_ones_work() {
    let sim = Sim::dc();
    let out = Shell::bare()
        .checking(&sim)
        .script(&format!(
            "Invoke-JiraMethod /rest/api/2/serverInfo\n'a'\n(Invoke-JiraMethod '{}/rest/api/2/serverInfo').deploymentType",
            sim.url()
        ))
        .run();
    out.status_is(1).stdout_is("a\nServer").err_lines_with(
        "",
        &["Invoke-JiraMethod: No Jira server is configured. Set one with Set-JiraConfigServer 'https://jira.example.com' (or start jirash with --server URL)."],
    );
}
