//! Server configuration and sessions (`jiraps-reference.md` §1.1): `Set-JiraConfigServer`,
//! `Get-JiraConfigServer`, `Clear-JiraCache`, `New-JiraSession`, `Get-JiraSession`,
//! `Remove-JiraSession`.
//!
//! The session lives in the client, in memory only; the Session record shows who is logged in,
//! where and how, and the *names* of the cookies and headers it holds — never a value.

use secrecy::{ExposeSecret, SecretString};

use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, SetSpec, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::cmdlets::common::{self, call, invalid, report, terminating};
use crate::cmdlets::state::JiraState;
use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::eval::value::{PropMap, RecordData, Value};
use crate::jira::config::{ServerSource, parse_server_url, server_text};
use crate::jira::{Auth, Credentials, SecretHeaders, SessionInfo};

// ---------------------------------------------------------------------------------------------
// Set-JiraConfigServer / Get-JiraConfigServer / Clear-JiraCache

const SET_CONFIG_SERVER_PARAMS: &[ParamSpec] = &[
    param("Server", Ty::Uri)
        .aliases(&["Uri"])
        .mandatory()
        .position(0)
        .help("The base URL of the Jira server, e.g. https://jira.example.com (must be absolute)."),
    param("AllowUnencryptedAuthentication", Ty::Switch).help(
        "Allow credentials to be sent over plain http:// to this (non-loopback) server. Anyone on \
         the network can then read them; use https instead when you can.",
    ),
    param("SkipCertificateCheck", Ty::Switch).help(
        "Do not verify the server's TLS certificate, for this shell only (not saved). Unsafe: \
         anyone on the network path can then impersonate the server; a warning says so.",
    ),
];

/// `Set-JiraConfigServer`.
pub static SET_CONFIG_SERVER: CmdletSpec = CmdletSpec {
    description: "Stores the URL in $XDG_CONFIG_HOME/jirash/server (one line) so later runs use it. \
                  When that file does not exist, JiraPS's own ~/.config/AtlassianPS/JiraPS/server_config \
                  is read instead. Switching to another server ends the current session. \
                  -AllowUnencryptedAuthentication is saved with the server; -SkipCertificateCheck \
                  holds for this shell only, and setting the server again without it turns the \
                  checks back on.",
    params: SET_CONFIG_SERVER_PARAMS,
    examples: &[
        Example {
            code: "Set-JiraConfigServer 'https://jira.example.com'",
            about: "Use jira.example.com from now on.",
        },
        Example {
            code: "Set-JiraConfigServer -Uri 'http://jira.lan:8080' -AllowUnencryptedAuthentication",
            about: "Use a server without TLS and accept sending credentials in clear text to it.",
        },
        Example {
            code: "Set-JiraConfigServer 'https://jira-test.lan' -SkipCertificateCheck",
            about: "A test server with a self-signed certificate (unsafe; warns).",
        },
    ],
    ..CmdletSpec::new(
        "Set-JiraConfigServer",
        "Sets the Jira server jirash talks to, and remembers it.",
        || Box::new(FnCommand(set_config_server)),
    )
};

fn set_config_server(it: &mut Interp, args: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    const CMD: &str = "Set-JiraConfigServer";
    let input = args.str("Server").unwrap_or_default();
    let url = parse_server_url(&input).map_err(|e| terminating(CMD, &e))?;
    let allow = args.switch("AllowUnencryptedAuthentication");
    common::prepare(it, CMD)?;
    // The new setting replaces `jirash --server` for the rest of this run.
    it.server_override = None;
    let saved = it.jira.configure_server(url, allow);
    // Certificate checks follow the switch either way, even when saving failed.
    it.jira
        .set_skip_certificate_check(args.switch("SkipCertificateCheck"))
        .map_err(|e| terminating(CMD, &e))?;
    common::flush_events(it, CMD)?;
    match saved {
        Ok(Some(warning)) => it.write_warning(&warning),
        Ok(None) => Ok(()),
        Err(e) => Err(terminating(CMD, &e)),
    }
}

/// `Get-JiraConfigServer`.
pub static GET_CONFIG_SERVER: CmdletSpec = CmdletSpec {
    description: "Returns the server set by Set-JiraConfigServer, jirash --server, or JiraPS's \
                  server_config, with one trailing '/' removed; an empty string when none is set.",
    examples: &[Example {
        code: "Get-JiraConfigServer",
        about: "Show the configured server.",
    }],
    outputs: "System.String",
    ..CmdletSpec::new(
        "Get-JiraConfigServer",
        "Gets the Jira server URL in use.",
        || Box::new(FnCommand(get_config_server)),
    )
};

fn get_config_server(it: &mut Interp, _args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    common::prepare(it, "Get-JiraConfigServer")?;
    let text = it
        .jira
        .server()
        .map(|u| server_text(&u))
        .unwrap_or_default();
    if it.jira.server_source() == Some(ServerSource::JiraPs) {
        it.write_verbose("[Get-JiraConfigServer] read from JiraPS's server_config");
    }
    out.emit(it, Value::str(text))
}

const CLEAR_CACHE_PARAMS: &[ParamSpec] = &[param("Type", Ty::Str)
    .position(0)
    .values(&[
        "All",
        "Fields",
        "IssueTypes",
        "Priorities",
        "Statuses",
        "ServerInfo",
    ])
    .help("Which cache to clear (default All).")];

/// `Clear-JiraCache`.
pub static CLEAR_CACHE: CmdletSpec = CmdletSpec {
    params: CLEAR_CACHE_PARAMS,
    examples: &[
        Example {
            code: "Clear-JiraCache",
            about: "Forget every cached answer.",
        },
        Example {
            code: "Clear-JiraCache -Type ServerInfo",
            about: "Re-detect Cloud or Data Center on the next call.",
        },
    ],
    ..CmdletSpec::new(
        "Clear-JiraCache",
        "Clears jirash's in-memory cache of Jira answers.",
        || Box::new(FnCommand(clear_cache)),
    )
};

fn clear_cache(it: &mut Interp, args: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    let kind = args.str("Type").unwrap_or_else(|| "All".into());
    it.jira.clear_cache(&kind);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// New-JiraSession / Get-JiraSession / Remove-JiraSession

const NEW_SESSION_PARAMS: &[ParamSpec] = &[
    param("Credential", Ty::Credential)
        .set(SetSpec::named("Credential"))
        .help("User name and password (Data Center), or e-mail address and API token (Cloud)."),
    param("PersonalAccessToken", Ty::SecureString)
        .aliases(&["BearerToken", "PAT"])
        .set(SetSpec::named("PersonalAccessToken").mandatory())
        .help("A Data Center personal access token, sent as 'Authorization: Bearer'."),
    param("ApiToken", Ty::SecureString)
        .set(SetSpec::named("ApiToken").mandatory())
        .help("A Cloud API token (used with -EmailAddress)."),
    param("EmailAddress", Ty::Str)
        .set(SetSpec::named("ApiToken").mandatory())
        .help("The Cloud account's e-mail address (used with -ApiToken)."),
    param("Headers", Ty::Hashtable).help(
        "Extra headers sent with every request of the session (e.g. @{Authorization = 'Bearer …'}); \
         their values are treated as secrets.",
    ),
];

/// `New-JiraSession`.
pub static NEW_SESSION: CmdletSpec = CmdletSpec {
    description: "Checks the credentials with GET /rest/api/2/myself and keeps the session (cookies \
                  and credentials) in memory for every later command, until Remove-JiraSession or \
                  the end of the shell. Nothing secret is written to disk. A failed login leaves no \
                  session at all.",
    params: NEW_SESSION_PARAMS,
    default_set: Some("Credential"),
    examples: &[
        Example {
            code: "New-JiraSession -Credential (Get-Credential)",
            about: "Log in with a user name and password (asks for them).",
        },
        Example {
            code: "New-JiraSession -ApiToken (ConvertTo-SecureString $env:JIRA_TOKEN -AsPlainText -Force) -EmailAddress 'me@example.com'",
            about: "Log in to Jira Cloud with an API token.",
        },
        Example {
            code: "New-JiraSession -PAT (Read-Host -AsSecureString 'Token')",
            about: "Log in to Data Center with a personal access token.",
        },
    ],
    outputs: "AtlassianPS.JiraPS.Session",
    ..CmdletSpec::new(
        "New-JiraSession",
        "Logs in to Jira and keeps the session for later commands.",
        || Box::new(FnCommand(new_session)),
    )
};

fn secure(v: Option<&Value>) -> Option<SecretString> {
    match v? {
        Value::SecureString(s) => Some(SecretString::from(s.expose_secret().to_owned())),
        Value::Str(s) => Some(SecretString::from(s.to_string())),
        _ => None,
    }
}

/// The secret headers of a `-Headers` hashtable (values may be strings or secure strings).
pub(crate) fn secret_headers(cmd: &str, v: Option<&Value>) -> Result<SecretHeaders, Flow> {
    let Some(Value::Hashtable(h)) = v else {
        return Ok(SecretHeaders::default());
    };
    let pairs: Vec<(String, SecretString)> = h
        .borrow()
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Value::SecureString(s) => SecretString::from(s.expose_secret().to_owned()),
                other => SecretString::from(common::text(other)),
            };
            (k.to_owned(), value)
        })
        .collect();
    SecretHeaders::new(pairs).map_err(|e| terminating(cmd, &e))
}

fn new_session(it: &mut Interp, args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    const CMD: &str = "New-JiraSession";
    let headers = secret_headers(CMD, args.get("Headers"))?;
    let auth = match args.set {
        "PersonalAccessToken" => {
            let token = secure(args.get("PersonalAccessToken"))
                .ok_or_else(|| invalid(CMD, "-PersonalAccessToken needs a SecureString."))?;
            Auth::bearer(token)
        }
        "ApiToken" => {
            let token = secure(args.get("ApiToken"))
                .ok_or_else(|| invalid(CMD, "-ApiToken needs a SecureString."))?;
            let email = args.str("EmailAddress").unwrap_or_default();
            Auth::api_token(email, token)
        }
        _ => match args.get("Credential") {
            Some(v) => match common::credential_arg(it, CMD, v)? {
                Some((user, pw)) => Auth::basic(user, pw),
                None => Auth::None,
            },
            None => Auth::None,
        },
    };
    if auth.is_none() && headers.is_empty() {
        return Err(invalid(
            CMD,
            "Give credentials: -Credential, -ApiToken with -EmailAddress, -PersonalAccessToken, or -Headers.",
        ));
    }
    let creds = Credentials { auth, headers };
    match call(it, CMD, |c, cancel| c.login(creds, cancel))? {
        Ok(info) => out.emit(it, session_value(&info)),
        Err(e) => report(it, CMD, e),
    }
}

/// The Session record shown for a session: user, server, scheme, start time, and the names of
/// the cookies and headers it holds.
pub fn session_value(info: &SessionInfo) -> Value {
    let username = info.username.clone().unwrap_or_else(|| info.user.label());
    let v = crate::objects::session(
        Some(username.as_str()).filter(|u| !u.is_empty()),
        &server_text(&info.server),
        info.auth_scheme,
        JiraState::timestamp_value(info.created),
    );
    if let Value::Record(r) = &v {
        let mut ws = PropMap::new();
        ws.insert(
            "Cookies",
            Value::array(
                info.cookie_names
                    .iter()
                    .map(|n| Value::str(n.as_str()))
                    .collect(),
            ),
        );
        ws.insert(
            "Headers",
            Value::array(
                info.header_names
                    .iter()
                    .map(|n| Value::str(n.as_str()))
                    .collect(),
            ),
        );
        ws.insert("CookieOnly", Value::Bool(info.cookie_only));
        let mut data = r.borrow_mut();
        data.props
            .insert("WebSession", Value::record(RecordData::custom(ws)));
        if let Some(d) = info.deployment {
            data.props.insert("DeploymentType", Value::str(d.as_str()));
        }
    }
    v
}

/// `Get-JiraSession`.
pub static GET_SESSION: CmdletSpec = CmdletSpec {
    description: "Returns the session New-JiraSession created, or nothing when there is none.",
    examples: &[Example {
        code: "Get-JiraSession",
        about: "Show who is logged in, and where.",
    }],
    outputs: "AtlassianPS.JiraPS.Session",
    ..CmdletSpec::new("Get-JiraSession", "Gets the current Jira session.", || {
        Box::new(FnCommand(get_session))
    })
};

fn get_session(it: &mut Interp, _args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    common::prepare(it, "Get-JiraSession")?;
    let info = it.jira.client().ok().and_then(|c| c.session());
    match info {
        Some(info) => out.emit(it, session_value(&info)),
        None => Ok(()),
    }
}

const REMOVE_SESSION_PARAMS: &[ParamSpec] = &[param("Session", Ty::Any)
    .position(0)
    .by_value()
    .help("The session to end (accepted for compatibility; there is only one).")];

/// `Remove-JiraSession`.
pub static REMOVE_SESSION: CmdletSpec = CmdletSpec {
    description: "Forgets the session's cookies and credentials. On Data Center it first ends the \
                  server-side session (DELETE /rest/auth/1/session).",
    params: REMOVE_SESSION_PARAMS,
    examples: &[
        Example {
            code: "Remove-JiraSession",
            about: "Log out.",
        },
        Example {
            code: "Get-JiraSession | Remove-JiraSession",
            about: "The same, JiraPS style.",
        },
    ],
    ..CmdletSpec::new(
        "Remove-JiraSession",
        "Ends the current Jira session.",
        || Box::new(FnCommand(remove_session)),
    )
};

fn remove_session(it: &mut Interp, _args: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    const CMD: &str = "Remove-JiraSession";
    match call(it, CMD, |c, cancel| c.logout(cancel))? {
        Ok(_) => Ok(()),
        Err(e) => report(it, CMD, e),
    }
}
