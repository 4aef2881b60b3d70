//! Process flags and modes (`jirash FILE`, `-c`, stdin, `--demo`). Parses flags with clap,
//! picks the mode, runs the interpreter on a thread with a large stack, and turns every
//! outcome — including an internal panic — into an exit status. Nothing else.

use std::io::{IsTerminal, Read, Write};

use clap::Parser;

use crate::eval::Interp;
use crate::eval::value::Value;
use crate::lang::parser::parse_script;
use crate::output::{Host, detect_term};

/// Exit status for an internal error (EX_SOFTWARE).
pub const EXIT_INTERNAL: i32 = 70;

/// jirash: a Jira shell that speaks JiraPS's PowerShell command language.
#[derive(Debug, Parser)]
#[command(name = "jirash", version, about)]
pub struct Cli {
    /// Run TEXT as a script and exit.
    #[arg(short = 'c', long = "command", value_name = "TEXT")]
    pub command: Option<String>,
    /// Do not load the profile script.
    #[arg(long)]
    pub no_profile: bool,
    /// Start against the built-in Jira simulator.
    #[arg(long)]
    pub demo: bool,
    /// Flavour of the demo simulator: dc (Data Center, default) or cloud.
    #[arg(long, value_name = "FLAVOR", requires = "demo")]
    pub demo_flavor: Option<String>,
    /// Jira server URL to use instead of the configured one.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Script file to run (`-` reads the script from standard input).
    #[arg(value_name = "FILE")]
    pub file: Option<String>,
    /// Arguments for the script (in `$args`).
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub args: Vec<String>,
}

/// Runs the program and returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse_from(powershell_flags(std::env::args_os())) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    std::panic::set_hook(Box::new(|_| {}));
    init_logging(std::env::var("JIRASH_LOG").ok().as_deref());
    let worker = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .name("jirash".into())
        .spawn(
            move || match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli))) {
                Ok(code) => code,
                Err(p) => {
                    let msg = p
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "unknown panic".into());
                    let _ = std::io::stdout().flush();
                    eprintln!("jirash: internal error: {msg}");
                    EXIT_INTERNAL
                }
            },
        );
    match worker {
        Ok(h) => h.join().unwrap_or(EXIT_INTERNAL),
        Err(e) => {
            eprintln!("jirash: internal error: cannot start the interpreter thread: {e}");
            EXIT_INTERNAL
        }
    }
}

/// `JIRASH_LOG=debug` (or `error`, `warn`, `info`, `trace`): jirash's own trace lines — one
/// per HTTP request with method, URL, status and time taken, retries, re-logins — on stderr.
/// Only jirash's targets are ever enabled: some libraries below it log cookie values at debug
/// level, and nothing secret may reach a log. An unknown value is reported and ignored.
fn init_logging(value: Option<&str>) {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return;
    };
    let level = value.to_ascii_lowercase();
    let level = level.rsplit('=').next().unwrap_or_default();
    if !matches!(level, "error" | "warn" | "info" | "debug" | "trace" | "off") {
        eprintln!(
            "jirash: ignoring JIRASH_LOG={value}: give one of error, warn, info, debug or trace."
        );
        return;
    }
    let filter = tracing_subscriber::EnvFilter::new(format!("jirash={level}"));
    let ansi = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    // Err only when a subscriber is already installed, which then keeps working.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .try_init();
}

/// Accepts PowerShell's spelling of the flags jirash shares with `pwsh` (`-NoProfile`, any
/// case, or its `-nop` abbreviation) before the script name; everything after it is left alone.
pub fn powershell_flags(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let mut out = Vec::new();
    let mut options = true;
    let mut value_next = false;
    for (i, a) in args.into_iter().enumerate() {
        if i > 0 && options && !std::mem::take(&mut value_next) {
            match a.to_str() {
                Some(s)
                    if s.eq_ignore_ascii_case("-NoProfile") || s.eq_ignore_ascii_case("-nop") =>
                {
                    out.push("--no-profile".into());
                    continue;
                }
                // Flags that take a separate value: the value is not the script name.
                Some("-c" | "--command" | "--server" | "--demo-flavor") => value_next = true,
                Some(s) if !s.starts_with('-') || s == "-" || s == "--" => options = false,
                _ => {}
            }
        }
        out.push(a);
    }
    out
}

fn new_interp(cli: &Cli) -> Interp {
    let mut it = Interp::new(Host::stdio(detect_term()));
    it.server_override = cli.server.clone();
    if cli.demo
        && let Err(e) = crate::demo::attach(&mut it, cli.demo_flavor.as_deref())
    {
        eprintln!("jirash: {e}");
        std::process::exit(1);
    }
    it
}

fn run(cli: Cli) -> i32 {
    let args: Vec<Value> = cli.args.iter().map(|a| Value::from(a.as_str())).collect();
    if let Some(text) = &cli.command {
        let mut args = args;
        if let Some(f) = &cli.file {
            args.insert(0, Value::from(f.as_str()));
        }
        return run_text(&cli, text, "-c", args);
    }
    match cli.file.as_deref() {
        Some("-") => {
            let mut src = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut src) {
                eprintln!("jirash: cannot read standard input: {e}");
                return 1;
            }
            run_text(&cli, &src, "<stdin>", args)
        }
        Some(path) => match std::fs::read_to_string(path) {
            Ok(src) => run_text(&cli, &src, path, args),
            Err(e) => {
                eprintln!("jirash: cannot read '{path}': {e}");
                1
            }
        },
        None if !std::io::stdin().is_terminal() => {
            let mut src = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut src) {
                eprintln!("jirash: cannot read standard input: {e}");
                return 1;
            }
            run_text(&cli, &src, "<stdin>", args)
        }
        None => {
            let mut it = new_interp(&cli);
            crate::repl::run(
                &mut it,
                &crate::repl::Options {
                    no_profile: cli.no_profile,
                },
            )
        }
    }
}

/// Parses the whole text first (nothing runs on a parse error), then runs it.
fn run_text(cli: &Cli, src: &str, origin: &str, args: Vec<Value>) -> i32 {
    let script = match parse_script(src) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", e.render(src, origin));
            return 1;
        }
    };
    let mut it = new_interp(cli);
    it.origin = origin.to_string();
    if origin != "-c" && origin != "<stdin>" {
        let full = std::fs::canonicalize(origin).unwrap_or_else(|_| origin.into());
        it.set_var("PSCommandPath", Value::from(full.display().to_string()));
        let dir = full
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        it.set_var("PSScriptRoot", Value::from(dir));
    }
    let code = it.run_script(&script, args);
    it.host.flush();
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(args: &[&str]) -> Vec<String> {
        powershell_flags(args.iter().map(std::ffi::OsString::from))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn powershell_no_profile_spelling() {
        assert_eq!(norm(&["jirash", "-NoProfile"]), ["jirash", "--no-profile"]);
        assert_eq!(
            norm(&["jirash", "--server", "http://x", "-noprofile"]),
            ["jirash", "--server", "http://x", "--no-profile"]
        );
        assert_eq!(
            norm(&["jirash", "-nop", "-c", "1"]),
            ["jirash", "--no-profile", "-c", "1"]
        );
        // After the script name the flag belongs to the script.
        assert_eq!(
            norm(&["jirash", "s.ps1", "-NoProfile"]),
            ["jirash", "s.ps1", "-NoProfile"]
        );
        let cli = Cli::try_parse_from(powershell_flags(
            ["jirash", "-NoProfile"].map(std::ffi::OsString::from),
        ));
        assert!(cli.is_ok_and(|c| c.no_profile));
    }
}
