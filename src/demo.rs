//! `jirash --demo`: starts the built-in Jira simulator (`jira-sim`) on a random loopback port
//! with its demo data, points this shell at it (for this run only; nothing is persisted), logs
//! in as the demo user and prints a short welcome. The simulator lives as long as the shell.

use std::io::Write;

use secrecy::SecretString;

use crate::eval::Interp;
use crate::jira::{Auth, Cancel, Credentials};

/// The three commands the welcome suggests.
pub const EXAMPLES: [&str; 3] = [
    "Get-JiraIssue -Query 'project = TEST'",
    "Get-JiraIssue TEST-1 | Format-List",
    "Get-JiraServerInformation",
];

/// A running demo simulator. Dropping it stops the simulator.
pub struct Demo {
    sim: jira_sim::Background,
    cloud: bool,
}

impl std::fmt::Debug for Demo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Demo")
            .field("base_url", &self.sim.base_url)
            .field("cloud", &self.cloud)
            .finish()
    }
}

impl Demo {
    /// The simulator's base URL (`http://127.0.0.1:PORT`).
    pub fn base_url(&self) -> &str {
        &self.sim.base_url
    }
}

/// Starts the simulator (`flavor`: `dc`, the default, or `cloud`) and attaches `it` to it:
/// server for this run, a Basic login as the demo user, and the welcome (on standard output in
/// an interactive shell, on standard error otherwise so script output stays clean). The
/// simulator is kept alive by the shell's Jira state.
pub fn attach(it: &mut Interp, flavor: Option<&str>) -> Result<(), String> {
    let flavor: jira_sim::Flavor = flavor
        .unwrap_or("dc")
        .parse()
        .map_err(|e| format!("--demo-flavor: {e}"))?;
    let cloud = flavor == jira_sim::Flavor::Cloud;
    let sim = jira_sim::spawn(jira_sim::Options {
        flavor,
        // A live-looking instance: the issues were created and updated in the last weeks.
        epoch: Some(jiff::Timestamp::now()),
        ..jira_sim::Options::default()
    })
    .map_err(|e| format!("cannot start the demo Jira: {e}"))?;
    let url = crate::jira::config::parse_server_url(&sim.base_url).map_err(|e| e.to_string())?;
    it.server_override = Some(sim.base_url.clone());
    it.jira.set_server_override_from(sim.base_url.clone(), url);
    let (user, secret) = if cloud {
        (jira_sim::DEMO_EMAIL, jira_sim::DEMO_API_TOKEN)
    } else {
        (jira_sim::DEMO_USER, jira_sim::DEMO_PASSWORD)
    };
    let creds = Credentials::from_auth(Auth::basic(user, SecretString::from(secret.to_owned())));
    let client = it.jira.client().map_err(|e| e.to_string())?;
    client
        .login(creds, &Cancel::new())
        .map_err(|e| format!("cannot log in to the demo Jira: {e}"))?;
    // The events of the login are not interesting to the user.
    let _ = it.jira.take_events();
    let demo = Demo { sim, cloud };
    let text = welcome(&demo, user);
    it.jira.keep_alive(Box::new(demo));
    let stream: &mut dyn Write = if it.host.term.interactive {
        &mut it.host.out
    } else {
        &mut it.host.err
    };
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
    Ok(())
}

fn welcome(demo: &Demo, user: &str) -> String {
    let kind = if demo.cloud {
        "Jira Cloud"
    } else {
        "Jira Data Center"
    };
    let mut s = format!(
        "Welcome to the jirash demo: a simulated {kind} at {} with sample projects TEST, OPS and WEB.\n\
         You are logged in as '{user}'. Nothing you do here touches a real Jira. Try:\n\n",
        demo.base_url()
    );
    for e in EXAMPLES {
        s.push_str(&format!("    {e}\n"));
    }
    s.push_str("\nGet-Help <command> explains a command; exit leaves.\n\n");
    s
}
