//! Server metadata (`jiraps-reference.md` §1.14): `Get-JiraServerInformation` (alias
//! `Get-JiraServerInfo`). Its answer is what decides Cloud versus Data Center; it is cached for
//! five minutes per server by the client.

use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, Ty, param};
use crate::cmd::{Bound, FnCommand, Sink};
use crate::cmdlets::common::{self, call, report};
use crate::eval::Interp;
use crate::eval::error::Flow;
use crate::jira::Request;
use crate::objects;

const SERVER_INFO_PARAMS: &[ParamSpec] = &[
    // Declared (not only the common -Credential) for JiraPS's position 0.
    param("Credential", Ty::Credential).position(0).help(
        "Credentials to use for this call instead of the session (the answer is not cached).",
    ),
    param("Force", Ty::Switch).help("Ask the server again instead of using the 5-minute cache."),
];

/// `Get-JiraServerInformation`.
pub static GET_SERVER_INFO: CmdletSpec = CmdletSpec {
    aliases: &["Get-JiraServerInfo"],
    description: "Calls GET /rest/api/2/serverInfo (cached for 5 minutes; -Force bypasses the cache). \
                  DeploymentType tells Cloud from Server (Data Center).",
    params: SERVER_INFO_PARAMS,
    networked: true,
    examples: &[
        Example {
            code: "Get-JiraServerInformation",
            about: "Version and deployment type of the server.",
        },
        Example {
            code: "(Get-JiraServerInfo -Force).DeploymentType",
            about: "Cloud or Server, asked afresh.",
        },
    ],
    outputs: "AtlassianPS.JiraPS.ServerInfo",
    ..CmdletSpec::new(
        "Get-JiraServerInformation",
        "Gets the Jira server's version and deployment type.",
        || Box::new(FnCommand(get_server_info)),
    )
};

fn get_server_info(it: &mut Interp, args: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    const CMD: &str = "Get-JiraServerInformation";
    let force = args.switch("Force");
    let creds = common::credential_override(it, CMD, args)?;
    let answer = call(it, CMD, |c, cancel| match creds {
        // With -Credential the call is made as that user, outside the cache.
        Some(creds) => c
            .json(
                Request::get("/rest/api/2/serverInfo").credentials(creds),
                cancel,
            )
            .map(|j| j.unwrap_or(serde_json::Value::Null)),
        None => c.server_info(force, cancel).map(|i| i.raw),
    })?;
    match answer {
        Ok(j) if j.is_object() => out.emit(it, objects::server_info(&j)),
        Ok(_) => Ok(()),
        Err(e) => report(it, CMD, e),
    }
}
