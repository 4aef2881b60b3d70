//! Host and file-system commands: Write-Host/-Output/-Error/-Warning/-Verbose/-Debug,
//! Read-Host, Get-Content, Set-Content, Test-Path, Get-/Set-Location, Get-ChildItem,
//! Clear-Host, Start-Sleep, Get-Date.
//!
//! Paths are file-system paths relative to the process's current directory, which
//! `Set-Location` changes; `~` expands to the home directory.

use std::io::{BufRead, IsTerminal, Write};
use std::rc::Rc;
use std::time::Duration;

use crate::builtins::{fail, make_record, record, text};
use crate::cmd::spec::{CmdletSpec, Example, ParamSpec, SetSpec, Ty, param};
use crate::cmd::{Bound, Command, FnCommand, Sink};
use crate::eval::Interp;
use crate::eval::convert;
use crate::eval::error::{ErrorCategory, Flow};
use crate::eval::value::{DateTime, PropMap, RecordData, TypeInfo, Value};

/// Expands a leading `~` to the home directory.
pub fn expand_home(path: &str) -> String {
    if let Some(rest) = path.strip_prefix('~')
        && (rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\'))
        && let Some(home) = std::env::var_os("HOME")
    {
        return format!("{}{rest}", home.to_string_lossy());
    }
    path.to_owned()
}

const COLORS: &[&str] = &[
    "Black",
    "DarkBlue",
    "DarkGreen",
    "DarkCyan",
    "DarkRed",
    "DarkMagenta",
    "DarkYellow",
    "Gray",
    "DarkGray",
    "Blue",
    "Green",
    "Cyan",
    "Red",
    "Magenta",
    "Yellow",
    "White",
];

fn ansi_fg(name: &str) -> Option<u8> {
    let i = COLORS.iter().position(|c| c.eq_ignore_ascii_case(name))?;
    // Console colours map to the 16 ANSI colours: dark ones 30–37, bright ones 90–97.
    const CODES: [u8; 16] = [
        30, 34, 32, 36, 31, 35, 33, 37, 90, 94, 92, 96, 91, 95, 93, 97,
    ];
    Some(CODES[i])
}

// ---------------------------------------------------------------------------------------------

const WRITE_HOST_PARAMS: &[ParamSpec] = &[
    param("Object", Ty::Any)
        .remaining()
        .position(0)
        .by_value()
        .aliases(&["Msg", "Message"])
        .help("What to print (several values are joined with -Separator)."),
    param("NoNewline", Ty::Switch).help("Does not end the line."),
    param("Separator", Ty::Any).help("Text between the printed values (default: a space)."),
    param("ForegroundColor", Ty::Str)
        .values(COLORS)
        .help("Text colour."),
    param("BackgroundColor", Ty::Str)
        .values(COLORS)
        .help("Background colour."),
];

/// `Write-Host`.
pub static WRITE_HOST: CmdletSpec = CmdletSpec {
    description: "Prints text to the host (not to the pipeline). Colours apply only on a colour terminal.",
    params: WRITE_HOST_PARAMS,
    examples: &[
        Example {
            code: "Write-Host 'Done:' 5 'issues' -ForegroundColor Green",
            about: "Prints `Done: 5 issues` in green.",
        },
        Example {
            code: "Write-Host -NoNewline 'Working... '",
            about: "Prints without ending the line.",
        },
    ],
    ..CmdletSpec::new("Write-Host", "Writes text to the host.", || {
        Box::new(FnCommand(write_host))
    })
};

fn write_host(it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    let sep = b.get("Separator").map_or_else(|| " ".to_owned(), text);
    let parts: Vec<String> = b
        .list("Object")
        .iter()
        .flat_map(|v| v.clone().enumerate())
        .map(|v| text(&v))
        .collect();
    let mut s = parts.join(&sep);
    // Write-Host writes to the information stream (6): `6>$null` or `*>$null` silence it.
    match it.stream_redirect(6) {
        Some(None) => return Ok(()),
        Some(Some(mut buf)) => {
            if !b.switch("NoNewline") {
                s.push('\n');
            }
            let _ = buf.write_all(s.as_bytes());
            return Ok(());
        }
        None => {}
    }
    if it.host.term.color {
        let mut codes: Vec<String> = Vec::new();
        if let Some(c) = b.str("ForegroundColor").and_then(|c| ansi_fg(&c)) {
            codes.push(c.to_string());
        }
        if let Some(c) = b.str("BackgroundColor").and_then(|c| ansi_fg(&c)) {
            codes.push((c + 10).to_string());
        }
        if !codes.is_empty() {
            s = format!("\x1b[{}m{s}\x1b[0m", codes.join(";"));
        }
    }
    if !b.switch("NoNewline") {
        s.push('\n');
    }
    it.host.release();
    let _ = it.host.out.write_all(s.as_bytes());
    let _ = it.host.out.flush();
    Ok(())
}

// ---------------------------------------------------------------------------------------------

/// `Write-Output`.
pub static WRITE_OUTPUT: CmdletSpec = CmdletSpec {
    aliases: &["echo", "write"],
    description: "Writes objects to the pipeline (arrays are enumerated unless -NoEnumerate).",
    params: &[
        param("InputObject", Ty::Any)
            .remaining()
            .position(0)
            .by_value()
            .help("Objects to write."),
        param("NoEnumerate", Ty::Switch).help("Writes an array as one object."),
    ],
    examples: &[Example {
        code: "Write-Output 'a' 'b' | Sort-Object -Descending",
        about: "Writes two strings.",
    }],
    ..CmdletSpec::new("Write-Output", "Writes objects to the pipeline.", || {
        Box::new(FnCommand(write_output))
    })
};

fn write_output(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let Some(v) = b.get("InputObject").cloned() else {
        return Ok(());
    };
    // The parameter collects its arguments into an array; a single argument is itself.
    let items = v.enumerate();
    let v = if items.len() == 1 {
        items[0].clone()
    } else {
        Value::array(items)
    };
    if b.switch("NoEnumerate") {
        return out.emit(it, v);
    }
    for x in v.enumerate() {
        out.emit(it, x)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

const CATEGORIES: &[&str] = &[
    "NotSpecified",
    "InvalidArgument",
    "InvalidOperation",
    "ObjectNotFound",
    "PermissionDenied",
    "AuthenticationError",
    "ConnectionError",
    "InvalidData",
    "ParserError",
    "LimitsExceeded",
    "OperationStopped",
    "InvalidType",
];

fn category(name: &str) -> ErrorCategory {
    match name.to_ascii_lowercase().as_str() {
        "invalidargument" => ErrorCategory::InvalidArgument,
        "invalidoperation" => ErrorCategory::InvalidOperation,
        "objectnotfound" => ErrorCategory::ObjectNotFound,
        "permissiondenied" => ErrorCategory::PermissionDenied,
        "authenticationerror" => ErrorCategory::AuthenticationError,
        "connectionerror" => ErrorCategory::ConnectionError,
        "invaliddata" => ErrorCategory::InvalidData,
        "parsererror" => ErrorCategory::ParserError,
        "limitsexceeded" => ErrorCategory::LimitsExceeded,
        "operationstopped" => ErrorCategory::OperationStopped,
        "invalidtype" => ErrorCategory::InvalidType,
        _ => ErrorCategory::NotSpecified,
    }
}

/// `Write-Error`.
pub static WRITE_ERROR: CmdletSpec = CmdletSpec {
    description: "Writes a non-terminating error (printed as `Write-Error: message`); -ErrorAction Stop makes it terminating.",
    params: &[
        param("Message", Ty::Str)
            .position(0)
            .by_value()
            .aliases(&["Msg"])
            .help("The error message."),
        param("Category", Ty::Str)
            .values(CATEGORIES)
            .help("Error category."),
        param("ErrorId", Ty::Str).help("A stable identifier for the error."),
        param("TargetObject", Ty::Any).help("The object the error is about."),
    ],
    examples: &[Example {
        code: "Write-Error 'Issue not found' -Category ObjectNotFound",
        about: "Writes an error and goes on.",
    }],
    ..CmdletSpec::new("Write-Error", "Writes an error.", || {
        Box::new(FnCommand(write_error))
    })
};

fn write_error(it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    let mut rec = record(
        "Write-Error",
        category(&b.str("Category").unwrap_or_default()),
        b.str("Message").unwrap_or_default(),
    );
    rec.id = b
        .str("ErrorId")
        .unwrap_or_else(|| "Microsoft.PowerShell.Commands.WriteErrorException".into());
    rec.target = b.get("TargetObject").cloned();
    it.write_error(rec)
}

const WARNING_PARAMS: &[ParamSpec] = &[param("Message", Ty::Str)
    .mandatory()
    .position(0)
    .by_value()
    .aliases(&["Msg"])
    .help("The warning text.")];
const VERBOSE_PARAMS: &[ParamSpec] = &[param("Message", Ty::Str)
    .mandatory()
    .position(0)
    .by_value()
    .aliases(&["Msg"])
    .help("The verbose text.")];
const DEBUG_PARAMS: &[ParamSpec] = &[param("Message", Ty::Str)
    .mandatory()
    .position(0)
    .by_value()
    .aliases(&["Msg"])
    .help("The debug text.")];

/// `Write-Warning`.
pub static WRITE_WARNING: CmdletSpec = CmdletSpec {
    description: "Prints `WARNING: message` (yellow) unless -WarningAction / $WarningPreference silences it.",
    params: WARNING_PARAMS,
    examples: &[Example {
        code: "Write-Warning 'No issues found'",
        about: "Prints a warning.",
    }],
    ..CmdletSpec::new("Write-Warning", "Writes a warning.", || {
        Box::new(FnCommand(|it, b, _| {
            it.write_warning(&b.str("Message").unwrap_or_default())
        }))
    })
};

/// `Write-Verbose`.
pub static WRITE_VERBOSE: CmdletSpec = CmdletSpec {
    description: "Prints `VERBOSE: message` when -Verbose or $VerbosePreference asks for it.",
    params: VERBOSE_PARAMS,
    examples: &[Example {
        code: "Write-Verbose 'Fetching issues' -Verbose",
        about: "Prints a verbose message.",
    }],
    ..CmdletSpec::new("Write-Verbose", "Writes a verbose message.", || {
        Box::new(FnCommand(|it, b, _| {
            it.write_verbose(&b.str("Message").unwrap_or_default());
            Ok(())
        }))
    })
};

/// `Write-Debug`.
pub static WRITE_DEBUG: CmdletSpec = CmdletSpec {
    description: "Prints `DEBUG: message` when -Debug or $DebugPreference asks for it.",
    params: DEBUG_PARAMS,
    examples: &[Example {
        code: "Write-Debug 'state ok' -Debug",
        about: "Prints a debug message.",
    }],
    ..CmdletSpec::new("Write-Debug", "Writes a debug message.", || {
        Box::new(FnCommand(|it, b, _| {
            it.write_debug(&b.str("Message").unwrap_or_default());
            Ok(())
        }))
    })
};

// ---------------------------------------------------------------------------------------------

/// `Read-Host`.
pub static READ_HOST: CmdletSpec = CmdletSpec {
    description: "Reads a line from the user (a terminal prompt, or one line of standard input when not on a terminal). -AsSecureString reads without echo and returns a secure string.",
    params: &[
        param("Prompt", Ty::Any)
            .position(0)
            .help("Text shown before the input (`: ` is added)."),
        param("AsSecureString", Ty::Switch).help("Hides the input and returns a secure string."),
        param("MaskInput", Ty::Switch).help("Hides the input but returns plain text."),
    ],
    examples: &[Example {
        code: "$name = Read-Host 'Project key'",
        about: "Asks for a project key.",
    }],
    ..CmdletSpec::new("Read-Host", "Reads a line of input.", || {
        Box::new(FnCommand(read_host))
    })
};

fn read_host(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let prompt = b.get("Prompt").map(text).unwrap_or_default();
    let secret = b.switch("AsSecureString") || b.switch("MaskInput");
    let on_tty = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    it.host.flush();
    let line = if on_tty {
        let r = if secret {
            dialoguer::Password::new()
                .with_prompt(prompt.clone())
                .allow_empty_password(true)
                .interact()
        } else {
            dialoguer::Input::<String>::new()
                .with_prompt(prompt.clone())
                .allow_empty(true)
                .interact_text()
        };
        r.map_err(|e| {
            fail(
                "Read-Host",
                ErrorCategory::OperationStopped,
                format!("Input was cancelled: {e}."),
            )
        })?
    } else {
        if !prompt.is_empty() {
            let _ = write!(it.host.out, "{prompt}: ");
            let _ = it.host.out.flush();
        }
        let mut s = String::new();
        std::io::stdin().lock().read_line(&mut s).map_err(|e| {
            fail(
                "Read-Host",
                ErrorCategory::InvalidOperation,
                format!("Could not read input: {e}."),
            )
        })?;
        s.trim_end_matches(['\n', '\r']).to_owned()
    };
    let v = if b.switch("AsSecureString") {
        Value::SecureString(Rc::new(secrecy::SecretString::from(line)))
    } else {
        Value::str(line)
    };
    out.emit(it, v)
}

// ---------------------------------------------------------------------------------------------

/// `Get-Content`.
pub static GET_CONTENT: CmdletSpec = CmdletSpec {
    aliases: &["gc", "cat"],
    description: "Outputs the lines of a text file (or the whole file as one string with -Raw).",
    params: &[
        param("Path", Ty::Path)
            .array()
            .mandatory()
            .position(0)
            .by_value()
            .by_prop()
            .aliases(&["FullName", "PSPath"])
            .help("File(s) to read."),
        param("Raw", Ty::Switch).help("Outputs the whole file as one string."),
        param("TotalCount", Ty::Int)
            .aliases(&["First", "Head"])
            .help("Outputs only the first N lines."),
        param("Tail", Ty::Int)
            .aliases(&["Last"])
            .help("Outputs only the last N lines (not with -TotalCount)."),
        param("Encoding", Ty::Str).help("Accepted for compatibility; files are read as UTF-8."),
    ],
    examples: &[Example {
        code: "Get-Content keys.txt | ForEach-Object { Get-JiraIssue $_ }",
        about: "Fetches the issues listed in a file.",
    }],
    ..CmdletSpec::new("Get-Content", "Reads a text file.", || {
        Box::new(FnCommand(get_content))
    })
};

fn get_content(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    if b.has("TotalCount") && b.has("Tail") {
        return Err(fail(
            "Get-Content",
            ErrorCategory::InvalidOperation,
            "The parameters TotalCount and Tail cannot be used together. Please specify only one parameter.",
        ));
    }
    for p in b.list("Path") {
        let path = expand_home(&text(&p));
        let content = match std::fs::read_to_string(&path) {
            Ok(c) => c,
            Err(e) => {
                let msg = if e.kind() == std::io::ErrorKind::NotFound {
                    format!("Cannot find path '{path}' because it does not exist.")
                } else {
                    format!("Could not read '{path}': {e}.")
                };
                it.write_error(
                    record("Get-Content", ErrorCategory::ObjectNotFound, msg)
                        .target(Value::str(path.as_str())),
                )?;
                continue;
            }
        };
        if b.switch("Raw") {
            out.emit(it, Value::str(content))?;
            continue;
        }
        let limit = b.int("TotalCount").filter(|n| *n >= 0).map(|n| n as usize);
        let body = content.strip_suffix('\n').unwrap_or(&content);
        if body.is_empty() && content.len() <= 1 {
            continue;
        }
        let lines: Vec<&str> = body.split('\n').collect();
        let skip = match b.int("Tail").filter(|n| *n >= 0) {
            Some(n) => lines.len().saturating_sub(n as usize),
            None => 0,
        };
        for (i, line) in lines.iter().skip(skip).enumerate() {
            if limit.is_some_and(|n| i >= n) {
                break;
            }
            out.emit(it, Value::str(line.strip_suffix('\r').unwrap_or(line)))?;
        }
    }
    Ok(())
}

/// `Set-Content`.
pub static SET_CONTENT: CmdletSpec = CmdletSpec {
    aliases: &["sc"],
    description: "Writes values to a text file, one per line, replacing its content.",
    params: &[
        param("Path", Ty::Path)
            .mandatory()
            .position(0)
            .help("File to write."),
        param("Value", Ty::Any)
            .array()
            .position(1)
            .by_value()
            .help("Lines to write."),
        param("NoNewline", Ty::Switch).help("Writes the values with no line breaks."),
        param("Encoding", Ty::Str).help("Accepted for compatibility; files are written as UTF-8."),
    ],
    examples: &[Example {
        code: "$issues.Key | Set-Content keys.txt",
        about: "Saves issue keys, one per line.",
    }],
    ..CmdletSpec::new("Set-Content", "Writes a text file.", || {
        Box::new(SetContent::default())
    })
};

/// `Add-Content`.
pub static ADD_CONTENT: CmdletSpec = CmdletSpec {
    aliases: &["ac"],
    description: "Adds values to the end of a text file, one per line (the file is created when missing).",
    params: SET_CONTENT.params,
    examples: &[Example {
        code: "\"$(Get-Date -Format s) checked $($issues.Count) issues\" | Add-Content report.log",
        about: "Appends a line to a log file.",
    }],
    ..CmdletSpec::new("Add-Content", "Appends to a text file.", || {
        Box::new(SetContent {
            lines: Vec::new(),
            append: true,
        })
    })
};

#[derive(Default)]
struct SetContent {
    lines: Vec<String>,
    /// Add-Content: append instead of replacing.
    append: bool,
}

impl Command for SetContent {
    fn process(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        self.lines.extend(b.list("Value").iter().map(text));
        Ok(())
    }
    fn end(&mut self, _it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
        let mut s = if b.switch("NoNewline") {
            self.lines.concat()
        } else {
            self.lines.join("\n")
        };
        if !b.switch("NoNewline") && !self.lines.is_empty() {
            s.push('\n');
        }
        crate::builtins::format::write_file(
            if self.append {
                "Add-Content"
            } else {
                "Set-Content"
            },
            &b.str("Path").unwrap_or_default(),
            &s,
            self.append,
            false,
        )
    }
}

/// `Test-Path`.
pub static TEST_PATH: CmdletSpec = CmdletSpec {
    description: "Outputs $true when the path exists (optionally: is a file with -PathType Leaf, a directory with Container).",
    params: &[
        param("Path", Ty::Path)
            .array()
            .mandatory()
            .position(0)
            .by_value()
            .by_prop()
            .aliases(&["FullName"])
            .help("Path(s) to test."),
        param("PathType", Ty::Str)
            .values(&["Any", "Container", "Leaf"])
            .help("What kind of item must exist."),
    ],
    examples: &[Example {
        code: "if (Test-Path ./issues.csv) { Import-Csv ./issues.csv }",
        about: "Reads a file only when it exists.",
    }],
    ..CmdletSpec::new("Test-Path", "Tests whether a path exists.", || {
        Box::new(FnCommand(test_path))
    })
};

fn test_path(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let kind = b.str("PathType").unwrap_or_else(|| "Any".into());
    for p in b.list("Path") {
        let path = expand_home(&text(&p));
        let meta = std::fs::metadata(&path).ok();
        let ok = match (kind.as_str(), meta) {
            (_, None) => false,
            ("Container", Some(m)) => m.is_dir(),
            ("Leaf", Some(m)) => !m.is_dir(),
            (_, Some(_)) => true,
        };
        out.emit(it, Value::Bool(ok))?;
    }
    Ok(())
}

fn cwd() -> String {
    std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `Get-Location`.
pub static GET_LOCATION: CmdletSpec = CmdletSpec {
    aliases: &["pwd", "gl"],
    description: "Outputs the current directory (an object with a Path property).",
    examples: &[Example {
        code: "(Get-Location).Path",
        about: "The current directory as text.",
    }],
    ..CmdletSpec::new("Get-Location", "Gets the current directory.", || {
        Box::new(FnCommand(|it, _, out| {
            let rec = make_record(
                Some("System.Management.Automation.PathInfo"),
                vec![("Path".into(), Value::str(cwd()))],
            );
            out.emit(it, rec)
        }))
    })
};

/// `Set-Location`.
pub static SET_LOCATION: CmdletSpec = CmdletSpec {
    aliases: &["cd", "sl", "chdir"],
    description: "Changes the current directory (used for relative file paths).",
    params: &[param("Path", Ty::Path)
        .position(0)
        .by_value()
        .by_prop()
        .aliases(&["FullName"])
        .help("Directory to change to (default: home).")],
    examples: &[Example {
        code: "Set-Location ~/reports",
        about: "Changes to a reports directory.",
    }],
    ..CmdletSpec::new("Set-Location", "Changes the current directory.", || {
        Box::new(FnCommand(set_location))
    })
};

fn set_location(_it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    let path = expand_home(&b.str("Path").unwrap_or_else(|| "~".into()));
    std::env::set_current_dir(&path).map_err(|_| {
        fail(
            "Set-Location",
            ErrorCategory::ObjectNotFound,
            format!("Cannot find path '{path}' because it does not exist."),
        )
    })
}

fn file_to_string(r: &RecordData) -> String {
    r.props
        .get("FullName")
        .map(convert::to_string)
        .unwrap_or_default()
}

/// Type facts of the file objects `Get-ChildItem` outputs.
pub static FILE_INFO: TypeInfo = TypeInfo {
    name: "System.IO.FileInfo",
    also: &["System.IO.FileSystemInfo", "FileInfo"],
    to_string: file_to_string,
    identity: Some("FullName"),
    table_view: &[
        ("Mode", 6),
        ("LastWriteTime", 22),
        ("Length", 12),
        ("Name", 0),
    ],
    group_by: None,
};

/// `Get-ChildItem`.
pub static GET_CHILD_ITEM: CmdletSpec = CmdletSpec {
    aliases: &["ls", "dir", "gci"],
    description: "Lists the files and directories in a directory (Mode, LastWriteTime, Length, Name; FullName for piping).",
    params: &[
        param("Path", Ty::Path)
            .position(0)
            .by_value()
            .by_prop()
            .aliases(&["FullName"])
            .help("Directory to list (default: the current one)."),
        param("Filter", Ty::Str)
            .position(1)
            .help("Wildcard the names must match (`*.csv`)."),
        param("File", Ty::Switch).help("Only files."),
        param("Directory", Ty::Switch).help("Only directories."),
        param("Name", Ty::Switch).help("Outputs only the names."),
    ],
    examples: &[Example {
        code: "Get-ChildItem *.csv",
        about: "Lists CSV files.",
    }],
    ..CmdletSpec::new("Get-ChildItem", "Lists files and directories.", || {
        Box::new(FnCommand(get_child_item))
    })
};

/// A system time as a date in the local time zone.
pub(crate) fn local_datetime(t: std::time::SystemTime) -> Option<DateTime> {
    let ts = jiff::Timestamp::try_from(t).ok()?;
    let offset = jiff::tz::TimeZone::system().to_offset(ts);
    Some(DateTime { ts, offset })
}

fn get_child_item(it: &mut Interp, b: &Bound, out: &mut dyn Sink) -> Result<(), Flow> {
    let mut dir = expand_home(&b.str("Path").unwrap_or_else(|| ".".into()));
    let mut filter = b.str("Filter");
    if dir.contains(['*', '?']) {
        let p = std::path::Path::new(&dir);
        filter = p.file_name().map(|f| f.to_string_lossy().into_owned());
        dir = p
            .parent()
            .map(|d| d.to_string_lossy().into_owned())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| ".".into());
    }
    let meta = std::fs::metadata(&dir).map_err(|_| {
        fail(
            "Get-ChildItem",
            ErrorCategory::ObjectNotFound,
            format!("Cannot find path '{dir}' because it does not exist."),
        )
    })?;
    let entries: Vec<std::path::PathBuf> = if meta.is_dir() {
        let rd = std::fs::read_dir(&dir).map_err(|e| {
            fail(
                "Get-ChildItem",
                ErrorCategory::PermissionDenied,
                format!("Could not list '{dir}': {e}."),
            )
        })?;
        let mut v: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        v.sort_by_key(|p| {
            (
                !p.is_dir(),
                p.file_name().map(|n| n.to_string_lossy().to_lowercase()),
            )
        });
        v
    } else {
        vec![std::path::PathBuf::from(&dir)]
    };
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if filter
            .as_deref()
            .is_some_and(|f| !crate::cmd::registry::wildcard(f, &name))
        {
            continue;
        }
        let Ok(m) = std::fs::metadata(&p) else {
            continue;
        };
        if (b.switch("File") && m.is_dir()) || (b.switch("Directory") && !m.is_dir()) {
            continue;
        }
        if b.switch("Name") {
            out.emit(it, Value::str(name))?;
            continue;
        }
        let full = std::fs::canonicalize(&p)
            .unwrap_or(p.clone())
            .to_string_lossy()
            .into_owned();
        let mut props = PropMap::new();
        props.insert(
            "Mode",
            Value::str(if m.is_dir() { "d----" } else { "-a---" }),
        );
        props.insert(
            "LastWriteTime",
            m.modified()
                .ok()
                .and_then(local_datetime)
                .map_or(Value::Null, Value::DateTime),
        );
        props.insert(
            "Length",
            if m.is_dir() {
                Value::Null
            } else {
                Value::Int(i64::try_from(m.len()).unwrap_or(i64::MAX))
            },
        );
        props.insert("Name", Value::str(name));
        props.insert("FullName", Value::str(full));
        out.emit(it, Value::record(RecordData::typed(&FILE_INFO, props)))?;
    }
    Ok(())
}

/// `Clear-Host`.
pub static CLEAR_HOST: CmdletSpec = CmdletSpec {
    aliases: &["cls", "clear"],
    description: "Clears the terminal screen (does nothing when output is not a terminal).",
    examples: &[Example {
        code: "Clear-Host",
        about: "Clears the screen.",
    }],
    ..CmdletSpec::new("Clear-Host", "Clears the screen.", || {
        Box::new(FnCommand(|it, _, _| {
            if it.host.term.interactive {
                it.host.release();
                let _ = it.host.out.write_all(b"\x1b[2J\x1b[H");
                let _ = it.host.out.flush();
            }
            Ok(())
        }))
    })
};

/// `Start-Sleep`.
pub static START_SLEEP: CmdletSpec = CmdletSpec {
    aliases: &["sleep"],
    description: "Waits for the given time; Ctrl-C interrupts it.",
    params: &[
        param("Seconds", Ty::Double)
            .set(SetSpec::named("Seconds").position(0))
            .aliases(&["s"])
            .help("Seconds to wait."),
        param("Milliseconds", Ty::Int)
            .set(SetSpec::named("Milliseconds").mandatory())
            .aliases(&["ms"])
            .help("Milliseconds to wait."),
    ],
    default_set: Some("Seconds"),
    examples: &[Example {
        code: "Start-Sleep -Seconds 2",
        about: "Waits two seconds.",
    }],
    ..CmdletSpec::new("Start-Sleep", "Waits.", || Box::new(FnCommand(start_sleep)))
};

fn start_sleep(it: &mut Interp, b: &Bound, _out: &mut dyn Sink) -> Result<(), Flow> {
    let ms = match (b.get("Milliseconds"), b.get("Seconds")) {
        (Some(v), _) => convert::to_double(v).unwrap_or(0.0),
        (None, Some(v)) => convert::to_double(v).unwrap_or(0.0) * 1000.0,
        _ => 0.0,
    };
    let total = Duration::from_millis(ms.max(0.0) as u64);
    let start = std::time::Instant::now();
    while start.elapsed() < total {
        if it.cancelled() {
            return Err(Flow::Cancelled);
        }
        let left = total.saturating_sub(start.elapsed());
        std::thread::sleep(left.min(Duration::from_millis(50)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::testkit::{interp, n, p, run, run_in, texts};

    #[test]
    fn write_host_joins_and_no_newline() {
        let (mut it, cap) = interp();
        run_in(
            &mut it,
            &WRITE_HOST,
            vec![p("a"), p(Value::Int(2)), p("c")],
            None,
        )
        .unwrap();
        run_in(
            &mut it,
            &WRITE_HOST,
            vec![p("x"), n("NoNewline"), n("Separator"), p("-")],
            None,
        )
        .unwrap();
        run_in(
            &mut it,
            &WRITE_HOST,
            vec![
                p(Value::array(vec!["y".into(), "z".into()])),
                n("Separator"),
                p(","),
            ],
            None,
        )
        .unwrap();
        assert_eq!(cap.stdout(), "a 2 c\nxy,z\n");
    }

    #[test]
    fn write_host_colour_only_on_colour_terminal() {
        let (mut it, cap) = interp();
        it.host.term.color = true;
        run_in(
            &mut it,
            &WRITE_HOST,
            vec![p("ok"), n("ForegroundColor"), p("green")],
            None,
        )
        .unwrap();
        assert_eq!(cap.stdout(), "\x1b[92mok\x1b[0m\n");
    }

    #[test]
    fn write_output_enumerates() {
        let out = run(&WRITE_OUTPUT, vec![p("a"), p("b")], None).unwrap();
        assert_eq!(texts(&out), ["a", "b"]);
        let out = run(
            &WRITE_OUTPUT,
            vec![
                p(Value::array(vec!["a".into(), "b".into()])),
                n("NoEnumerate"),
            ],
            None,
        )
        .unwrap();
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn content_round_trip_and_test_path() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.txt").to_string_lossy().to_string();
        run(
            &SET_CONTENT,
            vec![
                p(f.as_str()),
                p(Value::array(vec![
                    "one".into(),
                    "two".into(),
                    "three".into(),
                ])),
            ],
            None,
        )
        .unwrap();
        let out = run(&GET_CONTENT, vec![p(f.as_str())], None).unwrap();
        assert_eq!(texts(&out), ["one", "two", "three"]);
        let out = run(
            &GET_CONTENT,
            vec![p(f.as_str()), n("TotalCount"), p(Value::Int(1))],
            None,
        )
        .unwrap();
        assert_eq!(texts(&out), ["one"]);
        let out = run(
            &GET_CONTENT,
            vec![p(f.as_str()), n("Tail"), p(Value::Int(2))],
            None,
        )
        .unwrap();
        assert_eq!(texts(&out), ["two", "three"]);
        let out = run(&GET_CONTENT, vec![p(f.as_str()), n("Raw")], None).unwrap();
        assert_eq!(texts(&out), ["one\ntwo\nthree\n"]);
        let out = run(&TEST_PATH, vec![p(f.as_str())], None).unwrap();
        assert_eq!(texts(&out), ["True"]);
        let out = run(
            &TEST_PATH,
            vec![p(f.as_str()), n("PathType"), p("Container")],
            None,
        )
        .unwrap();
        assert_eq!(texts(&out), ["False"]);
    }

    #[test]
    fn get_child_item_lists_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "x").unwrap();
        std::fs::write(dir.path().join("b.txt"), "yy").unwrap();
        let d = dir.path().to_string_lossy().to_string();
        let out = run(&GET_CHILD_ITEM, vec![p(d.as_str()), p("*.csv")], None).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(text(&out[0].property("Name")), "a.csv");
        assert_eq!(text(&out[0].property("Length")), "1");
    }

    #[test]
    fn start_sleep_short() {
        let t = std::time::Instant::now();
        run(
            &START_SLEEP,
            vec![n("Milliseconds"), p(Value::Int(20))],
            None,
        )
        .unwrap();
        assert!(t.elapsed() >= Duration::from_millis(20));
    }
}
