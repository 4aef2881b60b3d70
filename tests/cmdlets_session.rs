//! Server configuration and sessions through the jirash language, against jira-sim in both
//! flavours: every auth mode of `New-JiraSession`, cookie reuse, per-command `-Credential`,
//! `Get-`/`Remove-JiraSession`, wrong passwords, the CAPTCHA lock-out, the clear-text refusal
//! and its opt-in, where the server setting lives, re-login after the session cookie expired,
//! and `-Verbose` lines that never show a secret.

mod cmdlets_support;

use cmdlets_support::{Flavor, Shell, Sim, base64, cred, login_line, secure};

fn basic(user_password: &str) -> Option<String> {
    Some(format!("Basic {}", base64(user_password)))
}

// ---------------------------------------------------------------------------------------------
// Auth modes

#[test]
fn dc_credential_logs_in_with_basic_then_uses_the_session_cookie_only() {
    let sim = Sim::dc();
    let script = format!(
        "$s = New-JiraSession -Credential {}\n\
         \"user=$($s.Username) server=$($s.Server) auth=$($s.AuthType) type=$($s.DeploymentType)\"\n\
         $s | Format-List\n\
         (Get-JiraIssue TEST-1).Key\n\
         (Invoke-JiraMethod /rest/api/2/myself).name\n\
         (Get-JiraSession).Username",
        cred("demo", "demo")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok()
        .stdout_has(&format!(
            "user=demo server={} auth=Basic type=Server",
            sim.url()
        ))
        .stdout_has("Username       : demo")
        .stdout_has(&format!("Server         : {}", sim.url()))
        .stdout_has("AuthType       : Basic")
        .stdout_has("CookieOnly=True")
        .no_secrets(Some(&sim));
    assert_eq!(
        out.lines()[out.lines().len() - 3..],
        ["TEST-1", "demo", "demo"]
    );
    let login = sim.auth_of("GET /rest/api/2/myself");
    assert_eq!(login.len(), 2, "{login:?}");
    assert_eq!(login[0].authorization, basic("demo:demo"));
    // Everything after the login relies on the cookie the login got, without the password.
    let after: Vec<_> = sim
        .auth_log()
        .into_iter()
        .skip_while(|r| !r.line.starts_with("GET /rest/api/2/myself"))
        .skip(1)
        .collect();
    assert!(after.len() >= 2, "{after:?}");
    for r in &after {
        assert_eq!(r.authorization, None, "{r:?}");
        assert!(r.has_session_cookie(), "{r:?}");
    }
    let cookies: Vec<_> = after.iter().filter_map(|r| r.cookie.clone()).collect();
    assert!(
        cookies.windows(2).all(|w| w[0] == w[1]),
        "one session cookie throughout: {cookies:?}"
    );
}

#[test]
fn cloud_credential_is_email_and_api_token_sent_as_basic_on_every_request() {
    let sim = Sim::cloud();
    let script = format!(
        "$s = New-JiraSession -Credential {}\n\
         \"user=$($s.Username) auth=$($s.AuthType) type=$($s.DeploymentType)\"\n\
         (Get-JiraIssue TEST-1).Key",
        cred("demo@example.com", "demo-token")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok()
        .stdout_is("user=demo@example.com auth=Basic type=Cloud\nTEST-1")
        .no_secrets(Some(&sim));
    let log = sim.auth_log();
    assert!(
        log.iter()
            .any(|r| r.line.starts_with("GET /rest/api/2/issue/TEST-1")),
        "{log:?}"
    );
    for r in &log {
        assert_eq!(
            r.authorization,
            basic("demo@example.com:demo-token"),
            "{r:?}"
        );
        assert_eq!(r.cookie, None, "{r:?}");
    }
}

#[test]
fn cloud_api_token_with_email_address() {
    let sim = Sim::cloud();
    let script = format!(
        "$s = New-JiraSession -ApiToken {} -EmailAddress 'demo@example.com'\n\
         \"user=$($s.Username) auth=$($s.AuthType) type=$($s.DeploymentType)\"\n\
         (Invoke-JiraMethod /rest/api/3/myself).emailAddress",
        secure("demo-token")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok()
        .stdout_is("user=demo@example.com auth=Basic type=Cloud\ndemo@example.com")
        .no_secrets(Some(&sim));
    let log = sim.auth_of("GET /rest/api/");
    assert_eq!(log.len(), 3, "myself, serverInfo, myself: {log:?}");
    for r in &log {
        assert_eq!(
            r.authorization,
            basic("demo@example.com:demo-token"),
            "{r:?}"
        );
    }
}

#[test]
fn personal_access_token_and_its_aliases_send_bearer() {
    let sim = Sim::dc();
    let t = secure("demo-pat");
    let script = format!(
        "(New-JiraSession -PersonalAccessToken {t}).AuthType\n(Get-JiraIssue TEST-1).Key\n\
         (New-JiraSession -PAT {t}).AuthType\n(Get-JiraIssue TEST-2).Key\n\
         (New-JiraSession -BearerToken {t}).AuthType\n(Get-JiraIssue TEST-3).Key\n\
         (Get-JiraSession).Username"
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok()
        .stdout_is("Bearer\nTEST-1\nBearer\nTEST-2\nBearer\nTEST-3\ndemo")
        .no_secrets(Some(&sim));
    let logins = sim.auth_of("GET /rest/api/2/myself");
    assert_eq!(logins.len(), 3, "{logins:?}");
    for r in sim.auth_of("GET /rest/api/2/") {
        // A token is sent on every request, as Jira expects (not only at login).
        assert_eq!(r.authorization.as_deref(), Some("Bearer demo-pat"), "{r:?}");
    }
}

#[test]
fn headers_session_sends_the_given_headers_and_shows_only_their_names() {
    let sim = Sim::dc();
    let script = "$s = New-JiraSession -Headers @{ Authorization = 'Bearer demo-pat'; 'X-Team' = 'blue-team-value' }\n\
                  \"user=$($s.Username) headers=$($s.WebSession.Headers -join ',')\"\n\
                  $s | Format-List\n\
                  (Get-JiraIssue TEST-1).Key";
    let out = Shell::new(&sim).script(script).run();
    out.ok()
        .stdout_has("user=demo headers=authorization,x-team")
        .stdout_has("TEST-1")
        .stdout_lacks("blue-team-value")
        .no_secrets(Some(&sim));
    let reqs = sim.bg.requests();
    let issue = reqs
        .iter()
        .find(|r| r.path == "/rest/api/2/issue/TEST-1")
        .expect("issue request");
    assert_eq!(issue.header("authorization"), Some("Bearer demo-pat"));
    assert_eq!(issue.header("x-team"), Some("blue-team-value"));
}

#[test]
fn a_plain_string_given_for_a_token_is_not_echoed_in_the_binding_error() {
    let sim = Sim::dc();
    let out = Shell::new(&sim)
        .script(
            "New-JiraSession -PAT 's3cret-Passw0rd'; 'a'\n\
             New-JiraSession -ApiToken 's3cret-Passw0rd' -EmailAddress me@example.com; 'b'\n\
             Get-JiraIssue TEST-1 -Credential @{ user = 'demo'; password = 's3cret-Passw0rd' }; 'c'",
        )
        .run();
    out.status_is(1).stdout_is("a\nb\nc").no_secret("s3cret").err_lines_with(
        "",
        &[
            "New-JiraSession: Cannot bind parameter 'PersonalAccessToken'. Cannot convert a value of type \"System.String\" to type \"System.Security.SecureString\" (the value is not shown, as it may be secret). Make one with ConvertTo-SecureString 'text' -AsPlainText -Force, or Read-Host -AsSecureString.",
            "New-JiraSession: Cannot bind parameter 'ApiToken'. Cannot convert a value of type \"System.String\" to type \"System.Security.SecureString\" (the value is not shown, as it may be secret). Make one with ConvertTo-SecureString 'text' -AsPlainText -Force, or Read-Host -AsSecureString.",
            "Get-JiraIssue: Cannot bind parameter 'Credential'. Cannot convert a value of type \"System.Collections.Hashtable\" to type \"System.Management.Automation.PSCredential\" (the value is not shown, as it may be secret). Make one with Get-Credential, or [pscredential]::new('user', (ConvertTo-SecureString 'password' -AsPlainText -Force)).",
        ],
    );
    assert!(sim.request_lines().is_empty(), "{:?}", sim.request_lines());
}

#[test]
fn one_authorization_header_and_the_calls_own_headers_win() {
    let sim = Sim::dc();
    // -Headers with an Authorization next to -Credential: that header is the one sent (not a
    // second Authorization besides the Basic one). A call's own -Headers replace the session's
    // header of the same name.
    let script = format!(
        "(New-JiraSession -Credential {} -Headers @{{ Authorization = 'Bearer demo-pat'; 'X-Team' = 'blue' }}).Username\n\
         (Invoke-JiraMethod /rest/api/2/myself -Headers @{{ 'X-Team' = 'red' }}).name",
        cred("demo", "Wr0ng-Passw0rd")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok().stdout_is("demo\ndemo");
    let reqs = sim.bg.requests();
    let myself: Vec<_> = reqs
        .iter()
        .filter(|r| r.path == "/rest/api/2/myself")
        .collect();
    assert_eq!(myself.len(), 2);
    for r in &myself {
        let auth: Vec<&str> = r
            .headers
            .iter()
            .filter(|(k, _)| k == "authorization")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(auth, ["Bearer demo-pat"], "{r:?}");
    }
    let team: Vec<&str> = myself[1]
        .headers
        .iter()
        .filter(|(k, _)| k == "x-team")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(team, ["red"]);
}

#[test]
fn new_jira_session_without_any_credential_is_a_clear_error() {
    let sim = Sim::dc();
    let out = Shell::new(&sim).script("New-JiraSession; 'after'").run();
    out.failed()
        .stdout_is("after")
        .stderr_has("New-JiraSession: Give credentials: -Credential, -ApiToken with -EmailAddress, -PersonalAccessToken, or -Headers.");
    assert_eq!(sim.count("GET /rest/"), 0);
}

// ---------------------------------------------------------------------------------------------
// Per-command credentials, Get-/Remove-JiraSession

#[test]
fn dc_per_command_credential_replaces_the_session_for_that_call_only() {
    let sim = Sim::dc();
    let script = format!(
        "{}\n(Get-JiraIssue TEST-1 -Credential {}).Key\n(Invoke-JiraMethod /rest/api/2/myself -Credential {}).name\n\
         (Invoke-JiraMethod /rest/api/2/myself).name\n(Get-JiraServerInformation -Credential {}).DeploymentType",
        login_line(Flavor::DataCenter),
        cred("alice", "alice"),
        cred("bob", "bob"),
        cred("alice", "alice"),
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok()
        .stdout_is("TEST-1\nbob\ndemo\nServer")
        .no_secrets(Some(&sim));
    let issue = sim.auth_of("GET /rest/api/2/issue/TEST-1");
    assert_eq!(issue.len(), 1);
    assert_eq!(issue[0].authorization, basic("alice:alice"));
    assert_eq!(
        issue[0].cookie, None,
        "the session's cookie is not sent with -Credential"
    );
    let myself = sim.auth_of("GET /rest/api/2/myself");
    assert_eq!(myself.len(), 3, "{myself:?}");
    assert_eq!(myself[0].authorization, basic("demo:demo"));
    assert_eq!(
        (myself[1].authorization.clone(), myself[1].cookie.clone()),
        (basic("bob:bob"), None)
    );
    assert_eq!(myself[2].authorization, None);
    assert!(myself[2].has_session_cookie());
}

#[test]
fn cloud_per_command_credential_replaces_the_session_for_that_call_only() {
    let sim = Sim::cloud();
    let script = format!(
        "{}\n(Invoke-JiraMethod /rest/api/3/myself -Credential {}).emailAddress\n(Invoke-JiraMethod /rest/api/3/myself).emailAddress",
        login_line(Flavor::Cloud),
        cred("alice@example.com", "alice-token"),
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok()
        .stdout_is("alice@example.com\ndemo@example.com")
        .no_secrets(Some(&sim));
    let myself = sim.auth_of("GET /rest/api/3/myself");
    assert_eq!(
        myself[0].authorization,
        basic("alice@example.com:alice-token")
    );
    assert_eq!(
        myself[1].authorization,
        basic("demo@example.com:demo-token")
    );
}

#[test]
fn get_jira_session_returns_nothing_without_a_session() {
    let sim = Sim::dc();
    let out = Shell::new(&sim)
        .script("\"count=$(@(Get-JiraSession).Count)\"")
        .run();
    out.ok().stdout_is("count=0");
    assert!(
        sim.request_lines().is_empty(),
        "no request: {:?}",
        sim.request_lines()
    );
}

#[test]
fn dc_remove_session_ends_the_server_session_and_later_commands_say_to_log_in() {
    let sim = Sim::dc();
    let script = format!(
        "{}\nGet-JiraSession | Remove-JiraSession\n\"count=$(@(Get-JiraSession).Count)\"\nGet-JiraIssue TEST-1\n'after'",
        login_line(Flavor::DataCenter)
    );
    let out = Shell::new(&sim).script(&script).run();
    out.status_is(1)
        .stdout_is("count=0\nafter")
        .no_secrets(Some(&sim));
    out.err_lines_with(
        "Get-JiraIssue:",
        &[&format!(
            "Get-JiraIssue: Jira at {} needs you to log in, and this request carried no credentials: run New-JiraSession first (or give -Credential). Jira answered 401 (Client must be authenticated to access this resource.).",
            sim.url()
        )],
    );
    let delete = sim.auth_of("DELETE /rest/auth/1/session");
    assert_eq!(delete.len(), 1, "{:?}", sim.request_lines());
    assert!(delete[0].has_session_cookie());
    let issue = sim.auth_of("GET /rest/api/2/issue/TEST-1");
    assert_eq!(issue.len(), 1);
    assert_eq!(
        (issue[0].authorization.clone(), issue[0].cookie.clone()),
        (None, None)
    );
}

#[test]
fn cloud_remove_session_forgets_the_token_without_a_server_call() {
    let sim = Sim::cloud();
    let script = format!(
        "{}\nRemove-JiraSession\n(Get-JiraIssue TEST-1).Key\n'after'",
        login_line(Flavor::Cloud)
    );
    let out = Shell::new(&sim).script(&script).run();
    out.status_is(1)
        .stdout_is("after")
        .stderr_has(&format!(
            "Get-JiraIssue: Jira at {} needs you to log in",
            sim.url()
        ))
        .no_secrets(Some(&sim));
    assert_eq!(sim.count("DELETE"), 0, "{:?}", sim.request_lines());
    let issue = sim.auth_of("GET /rest/api/2/issue/TEST-1");
    assert_eq!(issue[0].authorization, None);
}

// ---------------------------------------------------------------------------------------------
// Failed logins

fn wrong_password(flavor: Flavor) {
    let sim = Sim::of(flavor);
    let user = if flavor == Flavor::Cloud {
        "demo@example.com"
    } else {
        "demo"
    };
    let script = format!(
        "{}\ntry {{ New-JiraSession -Credential {}; 'not reached' }} catch {{ \"caught: $_\" }}\n\
         \"count=$(@(Get-JiraSession).Count)\"\nGet-JiraIssue TEST-1\n'after'",
        login_line(flavor),
        cred(user, "Wr0ng-Passw0rd")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.status_is(1)
        .stdout_has(&format!(
            "caught: The user could not be authenticated by {}: Jira answered 401 (Client must be authenticated to access this resource.). Check the user name and password, API token or personal access token, then run New-JiraSession again.",
            sim.url()
        ))
        .stdout_lacks("not reached")
        .stdout_has("count=0\nafter")
        .stderr_has("Get-JiraIssue: Jira at ")
        .no_secrets(Some(&sim));
    // The failed login dropped the earlier session: nothing of it is sent any more.
    let issue = sim.auth_of("GET /rest/api/2/issue/TEST-1");
    assert_eq!(
        (issue[0].authorization.clone(), issue[0].cookie.clone()),
        (None, None)
    );
}

#[test]
fn dc_wrong_password_is_a_clear_terminating_error_and_leaves_no_session() {
    wrong_password(Flavor::DataCenter);
}

#[test]
fn cloud_wrong_api_token_is_a_clear_terminating_error_and_leaves_no_session() {
    wrong_password(Flavor::Cloud);
}

#[test]
fn a_cloud_login_with_a_pat_or_a_plain_user_name_says_what_cloud_takes() {
    let sim = Sim::cloud();
    let failed = format!(
        "The user could not be authenticated by {}: Jira answered 401 (Client must be authenticated to access this resource.). Check the user name and password, API token or personal access token, then run New-JiraSession again.",
        sim.url()
    );
    let script = format!(
        "(Get-JiraServerInformation).DeploymentType\n\
         New-JiraSession -PAT {}\nNew-JiraSession -Credential {}\nNew-JiraSession -Credential {}",
        secure("demo-pat"),
        cred("demo", "demo-token"),
        cred("demo@example.com", "Wr0ng-Passw0rd"),
    );
    let out = Shell::new(&sim).script(&script).run();
    out.status_is(1).stdout_is("Cloud").err_lines_with(
        "",
        &[
            &format!("New-JiraSession: {failed} Jira Cloud does not take personal access tokens: log in with New-JiraSession -EmailAddress you@example.com -ApiToken <token>."),
            &format!("New-JiraSession: {failed} Jira Cloud wants your e-mail address as the user name, with an API token (https://id.atlassian.com/manage-profile/security/api-tokens) as the password."),
            &format!("New-JiraSession: {failed}"),
        ],
    );
    // Data Center: a user name is right there, and no hint is given.
    let sim = Sim::dc();
    let out = Shell::new(&sim)
        .script(&format!(
            "(Get-JiraServerInformation).DeploymentType\nNew-JiraSession -Credential {}",
            cred("demo", "Wr0ng-Passw0rd")
        ))
        .run();
    out.status_is(1).stderr_lacks("Jira Cloud");
}

#[test]
fn dc_captcha_lock_out_tells_the_user_to_log_in_on_the_web_page() {
    let sim = Sim::dc();
    let bad = cred("demo", "Wr0ng-Passw0rd");
    let script = format!(
        "foreach ($i in 1..3) {{ try {{ New-JiraSession -Credential {bad} }} catch {{ \"attempt $i failed\" }} }}\n\
         try {{ New-JiraSession -Credential {}; 'not reached' }} catch {{ \"caught: $_\"; \"category: $($_.CategoryInfo.Category)\" }}\n\
         New-JiraSession -Credential {}\n'after'",
        cred("demo", "demo"),
        cred("demo", "demo"),
    );
    let out = Shell::new(&sim).script(&script).run();
    let text = format!(
        "Jira has locked REST logins for this account after failed attempts (CAPTCHA). Log in once through the web page at {}/login.jsp in a browser, then run New-JiraSession again.",
        sim.url()
    );
    out.status_is(1)
        .stdout_is(&format!(
            "attempt 1 failed\nattempt 2 failed\nattempt 3 failed\ncaught: {text}\ncategory: AuthenticationError\nafter"
        ))
        .err_lines_with("New-JiraSession:", &[&format!("New-JiraSession: {text}")])
        .no_secrets(Some(&sim));
    assert_eq!(sim.count("GET /rest/api/2/myself"), 5);
    assert_eq!(
        sim.count("GET /rest/api/2/serverInfo"),
        0,
        "no half session was set up"
    );
}

// ---------------------------------------------------------------------------------------------
// Clear-text credentials

#[test]
fn clear_text_credentials_to_a_non_loopback_host_are_refused_before_any_request() {
    let refusal = |host: &str| {
        format!(
            "Refusing to send credentials over unencrypted HTTP to {host}. Use an https:// server URL (Set-JiraConfigServer 'https://{host}'), or, if you accept that anyone on the network can read your password, opt in with Set-JiraConfigServer -AllowUnencryptedAuthentication."
        )
    };
    let script = format!(
        "New-JiraSession -Credential {}\n'a'\nGet-JiraIssue TEST-1 -Credential {}\n'b'\nNew-JiraSession -PAT {}\n'c'",
        cred("demo", "s3cret-Passw0rd"),
        cred("demo", "s3cret-Passw0rd"),
        secure("demo-pat")
    );
    let out = Shell::bare()
        .server("http://jira.invalid/")
        .script(&script)
        .run();
    out.status_is(1).stdout_is("a\nb\nc").no_secrets(None);
    let r = refusal("jira.invalid");
    out.err_lines_with(
        "",
        &[
            &format!("New-JiraSession: {r}"),
            &format!("Get-JiraIssue: {r}"),
            &format!("New-JiraSession: {r}"),
        ],
    );

    // 0.0.0.0 reaches the local simulator but is not a loopback address: the refusal must come
    // before anything reaches the wire.
    let sim = Sim::dc();
    let port = sim.url().rsplit(':').next().unwrap_or_default().to_owned();
    let out = Shell::bare()
        .checking(&sim)
        .server(&format!("http://0.0.0.0:{port}/"))
        .script(&script)
        .run();
    out.status_is(1)
        .stderr_has(&refusal(&format!("0.0.0.0:{port}")))
        .no_secrets(Some(&sim));
    assert!(
        sim.request_lines().is_empty(),
        "nothing may be sent: {:?}",
        sim.request_lines()
    );
}

#[test]
fn allow_unencrypted_authentication_is_an_opt_in_that_persists_with_the_server() {
    let sim = Sim::dc();
    let port = sim.url().rsplit(':').next().unwrap_or_default().to_owned();
    let plain = format!("http://0.0.0.0:{port}");
    let home = tempfile::tempdir().expect("tempdir");
    let login = format!(
        "(New-JiraSession -Credential {}).Username",
        cred("demo", "demo")
    );
    let out = Shell::bare()
        .checking(&sim)
        .home(home.path())
        .script(&format!(
            "Set-JiraConfigServer '{plain}' -AllowUnencryptedAuthentication\n{login}"
        ))
        .run();
    out.ok().stdout_is("demo").no_secrets(Some(&sim));
    // A later run reads the server and the opt-in back.
    let out = Shell::bare()
        .checking(&sim)
        .home(home.path())
        .script(&format!("Get-JiraConfigServer\n{login}"))
        .run();
    out.ok().stdout_is(&format!("{plain}\ndemo"));
    assert_eq!(sim.count("GET /rest/api/2/myself"), 2);
    // Setting the server again without the switch withdraws the opt-in.
    let out = Shell::bare()
        .checking(&sim)
        .home(home.path())
        .script(&format!("Set-JiraConfigServer '{plain}'\n{login}"))
        .run();
    out.failed()
        .stderr_has("New-JiraSession: Refusing to send credentials over unencrypted HTTP");
    assert_eq!(sim.count("GET /rest/api/2/myself"), 2);
}

// ---------------------------------------------------------------------------------------------
// Where the server setting lives

#[test]
fn set_jira_config_server_persists_one_line_and_later_runs_use_it() {
    let sim = Sim::dc();
    let home = tempfile::tempdir().expect("tempdir");
    let out = Shell::bare()
        .home(home.path())
        .script(&format!(
            "Set-JiraConfigServer -Uri '{}/'\nGet-JiraConfigServer",
            sim.url()
        ))
        .run();
    out.ok().stdout_is(sim.url());
    let file = home.path().join(".config/jirash/server");
    assert_eq!(
        std::fs::read_to_string(&file).expect("server file"),
        format!("{}\n", sim.url())
    );
    let script = format!(
        "Get-JiraConfigServer\n(New-JiraSession -Credential {}).Username",
        cred("demo", "demo")
    );
    Shell::bare()
        .home(home.path())
        .script(&script)
        .run()
        .ok()
        .stdout_is(&format!("{}\ndemo", sim.url()));
    // An invalid URL is refused and changes nothing.
    let out = Shell::bare()
        .home(home.path())
        .script("Set-JiraConfigServer 'jira.example.com'\nGet-JiraConfigServer")
        .run();
    out.status_is(1).stdout_is(sim.url()).stderr_has(
        "Set-JiraConfigServer: 'jira.example.com' is not a valid Jira server URL (it is not absolute; add https://). Give an absolute URL such as https://jira.example.com",
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("server file"),
        format!("{}\n", sim.url())
    );
}

#[test]
fn a_password_in_the_server_url_is_neither_saved_nor_shown() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = Shell::bare()
        .home(home.path())
        .script(
            "Set-JiraConfigServer 'https://demo:s3cret-Passw0rd@jira.example.com/jira'\n\
             Set-JiraConfigServer 'demo:s3cret-Passw0rd@jira.example.com'\n\
             \"server=[$(Get-JiraConfigServer)]\"\n\
             $Error | ForEach-Object { \"$_\" }",
        )
        .run();
    out.status_is(1)
        .stdout_has("server=[]")
        .no_secret("s3cret")
        .err_lines_with(
            "Set-JiraConfigServer:",
            &[
                "Set-JiraConfigServer: 'https://jira.example.com/jira' is not a valid Jira server URL (it must not contain credentials; use New-JiraSession instead). Give an absolute URL such as https://jira.example.com",
                "Set-JiraConfigServer: 'jira.example.com' is not a valid Jira server URL (only http:// and https:// are supported). Give an absolute URL such as https://jira.example.com",
            ],
        );
    assert!(!home.path().join(".config/jirash").exists());
    // Nor for one run with --server.
    let out = Shell::bare()
        .server("https://demo:s3cret-Passw0rd@jira.example.com")
        .script("Get-JiraIssue TEST-1")
        .run();
    out.failed().no_secret("s3cret").stderr_has(
        "Get-JiraIssue: 'https://jira.example.com/' is not a valid Jira server URL (it must not contain credentials",
    );
}

#[test]
fn jiraps_server_config_is_read_when_jirash_has_none() {
    let sim = Sim::cloud();
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join(".config/AtlassianPS/JiraPS");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("server_config"), format!("{}/\r\n", sim.url())).expect("write");
    let out = Shell::bare()
        .home(home.path())
        .script("Get-JiraConfigServer -Verbose\n(Get-JiraServerInformation).DeploymentType")
        .run();
    out.status_is(0)
        .stdout_is(&format!("{}\nCloud", sim.url()))
        .stderr_has("VERBOSE: [Get-JiraConfigServer] read from JiraPS's server_config");
    assert!(!home.path().join(".config/jirash/server").exists());
    // jirash's own file wins once it exists.
    let other = Sim::dc();
    let out = Shell::bare()
        .home(home.path())
        .script(&format!("Set-JiraConfigServer '{}'", other.url()))
        .run();
    out.ok();
    Shell::bare()
        .home(home.path())
        .script("Get-JiraConfigServer\n(Get-JiraServerInformation).DeploymentType")
        .run()
        .ok()
        .stdout_is(&format!("{}\nServer", other.url()));
}

#[test]
fn server_flag_is_used_for_one_run_without_persisting() {
    let saved = Sim::cloud();
    let flagged = Sim::dc();
    let home = tempfile::tempdir().expect("tempdir");
    Shell::bare()
        .home(home.path())
        .script(&format!("Set-JiraConfigServer '{}'", saved.url()))
        .run()
        .ok();
    let out = Shell::bare()
        .home(home.path())
        .server(flagged.url())
        .script("Get-JiraConfigServer\n(Get-JiraServerInformation).DeploymentType")
        .run();
    out.ok().stdout_is(&format!("{}\nServer", flagged.url()));
    assert_eq!(
        std::fs::read_to_string(home.path().join(".config/jirash/server")).expect("server file"),
        format!("{}\n", saved.url())
    );
    Shell::bare()
        .home(home.path())
        .script("Get-JiraConfigServer")
        .run()
        .ok()
        .stdout_is(saved.url());

    // With nothing configured at all, a command says how to configure a server.
    let out = Shell::bare().script("Get-JiraIssue TEST-1").run();
    out.failed().stderr_has(
        "Get-JiraIssue: No Jira server is configured. Set one with Set-JiraConfigServer",
    );
}

#[test]
fn server_information_is_cached_until_clear_jira_cache() {
    let sim = Sim::dc();
    let script = "(Get-JiraServerInfo).DeploymentType\n(Get-JiraServerInformation).Version\n\
                  Clear-JiraCache -Type ServerInfo\n(Get-JiraServerInformation).DeploymentType\n\
                  (Get-JiraServerInformation -Force).DeploymentType";
    let out = Shell::new(&sim).script(script).run();
    out.ok();
    assert_eq!(out.lines()[0], "Server");
    assert_eq!(
        sim.count("GET /rest/api/2/serverInfo"),
        3,
        "{:?}",
        sim.request_lines()
    );
}

#[test]
fn a_server_under_a_context_path_works_end_to_end() {
    let sim = Sim::with(jira_sim::Options {
        context_path: "/jira".into(),
        ..jira_sim::Options::default()
    });
    assert!(sim.url().ends_with("/jira"));
    let script = format!(
        "{}\n\
         $i = Get-JiraIssue TEST-1\n$i.HttpUrl\n\
         (Get-JiraIssue -Query 'project = TEST ORDER BY key' -PageSize 2 -First 3).Key -join ','\n\
         (Get-JiraIssue -Filter 10000 -First 1).Key\n\
         Invoke-JiraMethod -Method Post /__sim/expire-sessions\n\
         (Invoke-JiraMethod /rest/api/2/myself).name\n\
         Remove-JiraSession",
        login_line(Flavor::DataCenter)
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok();
    let lines = out.lines();
    assert_eq!(lines[0], format!("{}/browse/TEST-1", sim.url()));
    assert_eq!(lines[1], "TEST-1,TEST-2,TEST-3");
    assert_eq!(lines[3], "demo");
    let paths: Vec<String> = sim
        .request_lines()
        .iter()
        .map(|l| l.split('?').next().unwrap_or_default().to_owned())
        .collect();
    assert!(
        paths.iter().all(|p| p.contains(" /jira/")),
        "every request inside the context path: {paths:?}"
    );
    // The session cookie (Path=/jira) went with every request after the login; when it
    // expired, the 401 led to one re-login (with the password) and the request again.
    assert_eq!(sim.count("GET /jira/rest/api/2/myself"), 4, "{paths:?}");
    for r in sim.auth_log().iter().skip(1) {
        if r.line.starts_with("POST /jira/__sim/") || r.authorization.is_some() {
            continue;
        }
        assert!(r.has_session_cookie(), "{r:?}");
    }
    assert_eq!(
        sim.auth_log()
            .iter()
            .filter(|r| r.authorization.is_some())
            .count(),
        2,
        "the login and the one re-login"
    );
    assert_eq!(sim.count("DELETE /jira/rest/auth/1/session"), 1);
}

// ---------------------------------------------------------------------------------------------
// Session expiry and -Verbose

#[test]
fn dc_expired_session_cookie_logs_in_again_once_and_retries() {
    let sim = Sim::dc();
    let script = format!(
        "{}\nInvoke-JiraMethod -Method Post /__sim/expire-sessions\n(Get-JiraIssue TEST-1).Key\n(Get-JiraIssue TEST-2).Key",
        login_line(Flavor::DataCenter)
    );
    let out = Shell::new(&sim).script(&script).run();
    out.ok().stdout_is("TEST-1\nTEST-2").no_secrets(Some(&sim));
    let log: Vec<_> = sim
        .auth_log()
        .into_iter()
        .skip_while(|r| !r.line.starts_with("POST /__sim/expire-sessions"))
        .skip(1)
        .collect();
    let lines: Vec<&str> = log
        .iter()
        .map(|r| r.line.split('?').next().unwrap_or_default())
        .collect();
    assert_eq!(
        lines,
        [
            "GET /rest/api/2/issue/TEST-1",
            "GET /rest/api/2/myself",
            "GET /rest/api/2/issue/TEST-1",
            "GET /rest/api/2/issue/TEST-2"
        ]
    );
    assert_eq!(
        log[1].authorization,
        basic("demo:demo"),
        "logged in again with the held credential"
    );
    assert!(log[0].has_session_cookie() && log[2].has_session_cookie());
    assert_ne!(log[0].cookie, log[2].cookie, "a fresh session cookie");
    assert_eq!(log[3].authorization, None);
    assert_eq!(log[3].cookie, log[2].cookie);
}

#[test]
fn verbose_shows_method_and_url_but_no_secret() {
    for flavor in [Flavor::DataCenter, Flavor::Cloud] {
        let sim = Sim::of(flavor);
        let (login, other) = match flavor {
            Flavor::Cloud => (
                format!(
                    "New-JiraSession -ApiToken {} -EmailAddress 'demo@example.com' -Verbose | Out-Null",
                    secure("demo-token")
                ),
                cred("alice@example.com", "alice-token"),
            ),
            Flavor::DataCenter => (
                format!(
                    "New-JiraSession -Credential {} -Verbose | Out-Null",
                    cred("demo", "demo")
                ),
                cred("alice", "alice"),
            ),
        };
        let script = format!(
            "{login}\nGet-JiraIssue TEST-1 -Verbose | Out-Null\nInvoke-JiraMethod /rest/api/2/myself -Credential {other} -Verbose | Out-Null\nGet-JiraSession -Verbose | Format-List"
        );
        let out = Shell::new(&sim).script(&script).run();
        let u = sim.url();
        out.status_is(0).no_secrets(Some(&sim));
        out.err_lines_with(
            "VERBOSE:",
            &[
                &format!("VERBOSE: [New-JiraSession] GET {u}/rest/api/2/myself"),
                &format!("VERBOSE: [New-JiraSession] GET {u}/rest/api/2/serverInfo"),
                &format!("VERBOSE: [Get-JiraIssue] GET {u}/rest/api/2/issue/TEST-1?expand=transitions&fields=*all"),
                &format!("VERBOSE: [Invoke-JiraMethod] GET {u}/rest/api/2/myself"),
            ],
        );
    }
}

#[test]
fn jirash_log_traces_requests_without_any_secret() {
    let sim = Sim::dc();
    let script = format!(
        "{}\nInvoke-JiraMethod -Method Post /__sim/expire-sessions\n(Get-JiraIssue TEST-1).Key\n\
         New-JiraSession -PAT {} | Out-Null\n(Get-JiraIssue TEST-2).Key",
        login_line(Flavor::DataCenter),
        secure("demo-pat")
    );
    // `trace`, the most talkative level: the libraries below jirash would log cookie values
    // there, so only jirash's own lines may appear (the run checks no secret shows).
    let out = Shell::new(&sim)
        .env("JIRASH_LOG", "trace")
        .script(&script)
        .run();
    out.status_is(0)
        .stdout_is("TEST-1\nTEST-2")
        .no_secrets(Some(&sim));
    let u = sim.url();
    let traced: Vec<&str> = out
        .err_lines()
        .into_iter()
        .filter_map(|l| l.split_once(" jirash::jira::client: ").map(|(_, t)| t))
        .map(|t| t.split(" elapsed_ms=").next().unwrap_or_default())
        .collect();
    assert!(
        traced.contains(&format!("jira request method=GET url={u}/rest/api/2/issue/TEST-1?expand=transitions&fields=*all status=401").as_str())
            && traced.contains(&format!("session cookie rejected; logging in again server={u}/").as_str())
            && traced.contains(&format!("jira request method=GET url={u}/rest/api/2/myself status=200").as_str()),
        "{traced:#?}"
    );
    assert!(
        out.err_lines().iter().all(|l| l.contains(" jirash::")),
        "only jirash's own lines: {}",
        out.stderr
    );
    let bad = Shell::new(&sim)
        .env("JIRASH_LOG", "verbose")
        .script("'ok'")
        .run();
    bad.status_is(0).stdout_is("ok").err_lines_with(
        "",
        &["jirash: ignoring JIRASH_LOG=verbose: give one of error, warn, info, debug or trace."],
    );
}

#[test]
fn pat_session_verbose_and_display_hide_the_token() {
    let sim = Sim::dc();
    let script = format!(
        "New-JiraSession -PAT {} -Verbose\nGet-JiraSession | Format-List *\n(Get-JiraSession).ToString()\nGet-JiraIssue -Query 'project = TEST' -First 2 -Verbose | Out-Null",
        secure("demo-pat")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.status_is(0)
        .stdout_has("AuthType       : Bearer")
        .stdout_has("\nJiraSession\n")
        .no_secrets(Some(&sim));
    let u = sim.url();
    out.err_lines_with(
        "",
        &[
            &format!("VERBOSE: [New-JiraSession] GET {u}/rest/api/2/myself"),
            &format!("VERBOSE: [New-JiraSession] GET {u}/rest/api/2/serverInfo"),
            &format!(
                "VERBOSE: [Get-JiraIssue] GET {u}/rest/api/2/search?jql=project+%3D+TEST&validateQuery=true&expand=transitions&fields=*all&startAt=0&maxResults=2"
            ),
        ],
    );
}

#[test]
fn the_secret_guard_of_every_run_catches_a_leak() {
    // Guards the guard: a run that prints a secret, a base64 user:password or a header value
    // fails the test that made it.
    for leak in [
        "'demo-token'",
        "'Basic ZGVtbzpkZW1v'",
        "'Authorization: Bearer abcdef123'",
        "'Wr0ng-Passw0rd'",
    ] {
        let caught = std::panic::catch_unwind(|| Shell::bare().script(leak).run());
        assert!(caught.is_err(), "{leak} went unnoticed");
    }
    Shell::bare()
        .script("'AuthType: Basic'; 'auth=Bearer type=Server'")
        .run()
        .ok();
}

#[test]
fn every_way_of_building_a_credential_logs_in() {
    let sim = Sim::dc();
    let script = "$sec = ConvertTo-SecureString 'demo' -AsPlainText -Force\n\
                  (New-JiraSession -Credential ([pscredential]::new('demo', $sec))).Username\n\
                  (New-JiraSession -Credential (New-Object PSCredential ('alice', (ConvertTo-SecureString 'alice' -AsPlainText -Force)))).Username\n\
                  (New-JiraSession -Credential (New-Object System.Management.Automation.PSCredential -ArgumentList 'bob', (ConvertTo-SecureString 'bob' -AsPlainText -Force))).Username\n\
                  New-JiraSession -Credential 'carol'\n'after'";
    let out = Shell::new(&sim).script(script).run();
    out.status_is(1).stdout_is("demo\nalice\nbob\nafter").err_lines_with(
        "",
        &["New-JiraSession: Password for user carol: cannot ask for a password without a terminal. Pass a credential object instead, e.g. -Credential (New-Object System.Management.Automation.PSCredential ('user', (ConvertTo-SecureString 'password' -AsPlainText -Force)))."],
    );
    let auth: Vec<_> = sim
        .auth_of("GET /rest/api/2/myself")
        .into_iter()
        .map(|r| r.authorization)
        .collect();
    assert_eq!(
        auth,
        [basic("demo:demo"), basic("alice:alice"), basic("bob:bob")]
    );
}

#[test]
fn switching_the_server_ends_the_session() {
    let first = Sim::dc();
    let second = Sim::dc();
    let script = format!(
        "{}\nSet-JiraConfigServer '{}'\n\"count=$(@(Get-JiraSession).Count)\"\nGet-JiraIssue TEST-1\n'after'",
        login_line(Flavor::DataCenter),
        second.url()
    );
    let out = Shell::new(&first).checking(&second).script(&script).run();
    out.status_is(1)
        .stdout_is("count=0\nafter")
        .stderr_has(&format!(
            "Get-JiraIssue: Jira at {} needs you to log in",
            second.url()
        ))
        .no_secrets(Some(&first));
    let sent = second.auth_log();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        (sent[0].authorization.clone(), sent[0].cookie.clone()),
        (None, None)
    );
}

#[test]
fn dc_expired_session_during_a_paged_search_logs_in_again_once() {
    let sim = Sim::dc();
    let script = format!(
        "{}\nInvoke-JiraMethod -Method Post /__sim/expire-sessions\n\
         (Get-JiraIssue -Query 'project = TEST ORDER BY key' -PageSize 2 -First 12).Key -join ','",
        login_line(Flavor::DataCenter)
    );
    let out = Shell::new(&sim).script(&script).run();
    let keys: Vec<String> = (1..=12).map(|n| format!("TEST-{n}")).collect();
    out.ok().stdout_is(&keys.join(","));
    assert_eq!(
        sim.count("GET /rest/api/2/myself"),
        2,
        "{:?}",
        sim.request_lines()
    );
    assert_eq!(
        sim.count("GET /rest/api/2/search"),
        7,
        "one page repeated after the re-login"
    );
}

#[test]
fn dc_failed_re_login_after_expiry_is_a_clear_error() {
    let sim = Sim::dc();
    // The session expires, then the account gets locked (three bad per-call passwords), so the
    // automatic re-login meets the CAPTCHA.
    let script = format!(
        "{}\nInvoke-JiraMethod -Method Post /__sim/expire-sessions\n\
         foreach ($i in 1..3) {{ try {{ Invoke-JiraMethod /rest/api/2/myself -Credential {} }} catch {{ \"bad $i\" }} }}\n\
         Get-JiraIssue TEST-1\n'after'",
        login_line(Flavor::DataCenter),
        cred("demo", "Wr0ng-Passw0rd")
    );
    let out = Shell::new(&sim).script(&script).run();
    out.status_is(1).stdout_is("bad 1\nbad 2\nbad 3\nafter").err_lines_with(
        "",
        &[&format!(
            "Get-JiraIssue: Jira has locked REST logins for this account after failed attempts (CAPTCHA). Log in once through the web page at {}/login.jsp in a browser, then run New-JiraSession again.",
            sim.url()
        )],
    );
    // One attempt to log in again, not a loop.
    assert_eq!(sim.count("GET /rest/api/2/myself"), 5);
    assert_eq!(sim.count("GET /rest/api/2/issue/TEST-1"), 1);
}
