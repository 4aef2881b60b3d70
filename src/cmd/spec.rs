//! The one declaration of a command. A [`CmdletSpec`] drives the binder, `Get-Help`, tab
//! completion and the docs; adding a parameter is adding one [`ParamSpec`] line.
//!
//! Specs are `const` data built with the `const fn` builders below:
//!
//! ```
//! use jirash::cmd::spec::*;
//! const KEY: ParamSpec = param("Key", Ty::Str)
//!     .aliases(&["Issue"])
//!     .set(SetSpec::named("ByIssueKey").mandatory().position(0))
//!     .by_value()
//!     .by_prop()
//!     .help("Key of the issue to fetch.");
//! assert_eq!(KEY.name, "Key");
//! ```

use crate::cmd::Command;

/// Name of the implicit set every parameter without explicit sets belongs to.
pub const ALL_SETS: &str = "__AllParameterSets";

/// Parameter value types. The binder converts arguments to these (PowerShell rules); a
/// parameter's [`Complete`] drives value completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Any value, unconverted.
    Any,
    /// `[string]`
    Str,
    /// `[int]` / `[long]`
    Int,
    /// `[double]`
    Double,
    /// `[bool]`
    Bool,
    /// `[switch]` — present or absent; `-X:$false` allowed.
    Switch,
    /// `[datetime]`
    DateTime,
    /// `[timespan]`
    TimeSpan,
    /// `[hashtable]`
    Hashtable,
    /// `[scriptblock]`
    ScriptBlock,
    /// `[pscredential]` (a string is prompted for a password, as PowerShell does).
    Credential,
    /// `[securestring]`
    SecureString,
    /// `[uri]`: a string that must be a URL (absolute or relative).
    Uri,
    /// A file-system path (string; completion offers paths).
    Path,
    /// A Jira object of the named type (`Issue`, `User`, `Project`, `Filter`, `Version`, `Group`,
    /// `IssueLinkType`, `IssueLink`, `Attachment`, `Component`, …). A string becomes a stub
    /// record (Issue → `Key`, User → `Name`, …) per JiraPS's transformation attributes.
    Jira(&'static str),
}

/// What value completion offers for a parameter, beyond `ParamSpec::values`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Complete {
    /// Nothing special.
    None,
    /// Issue keys (seen keys + issue picker).
    IssueKey,
    /// Project keys.
    Project,
    /// Issue type names.
    IssueType,
    /// Priority names.
    Priority,
    /// Status names.
    Status,
    /// Transition names of the issue on the line.
    Transition,
    /// User names.
    User,
    /// Group names.
    Group,
    /// Filter names.
    Filter,
    /// Link type names.
    LinkType,
    /// Version names.
    Version,
    /// Component names.
    Component,
    /// Field names / ids.
    Field,
    /// File-system paths.
    Path,
    /// JQL inside the string.
    Jql,
    /// Command names.
    Command,
    /// Variable names.
    Variable,
}

/// Membership of a parameter in one parameter set.
#[derive(Debug, Clone, Copy)]
pub struct SetSpec {
    /// Set name, or [`ALL_SETS`].
    pub name: &'static str,
    /// Mandatory in this set.
    pub mandatory: bool,
    /// Position in this set, if positional.
    pub position: Option<u8>,
}

impl SetSpec {
    /// Membership in the named set, optional, not positional.
    pub const fn named(name: &'static str) -> Self {
        SetSpec {
            name,
            mandatory: false,
            position: None,
        }
    }
    /// Mandatory in this set.
    pub const fn mandatory(mut self) -> Self {
        self.mandatory = true;
        self
    }
    /// Positional at `n` in this set.
    pub const fn position(mut self, n: u8) -> Self {
        self.position = Some(n);
        self
    }
}

/// One parameter of a command.
#[derive(Debug, Clone, Copy)]
pub struct ParamSpec {
    /// Canonical name (PascalCase, without `-`).
    pub name: &'static str,
    /// Value type.
    pub ty: Ty,
    /// Takes an array (`string[]`): `a,b` and several pipeline items bind element-wise.
    pub array: bool,
    /// Other names (`-Issue` for `-Key`, …).
    pub aliases: &'static [&'static str],
    /// Set memberships. When empty the parameter is in every set: optional, named, unless
    /// `all_sets` overrides it.
    pub sets: &'static [SetSpec],
    /// Membership used when `sets` is empty (mandatory/position for all sets).
    pub all_sets: SetSpec,
    /// `ValueFromPipeline`
    pub by_value: bool,
    /// `ValueFromPipelineByPropertyName`
    pub by_prop: bool,
    /// `ValidateSet`: allowed values (case-insensitive); also offered by completion.
    pub values: &'static [&'static str],
    /// Value completion kind.
    pub complete: Complete,
    /// One-sentence help.
    pub help: &'static str,
    /// Hidden from help and completion (deprecated JiraPS parameters kept for old scripts).
    pub hidden: bool,
    /// `ValueFromRemainingArguments`: positional arguments no other parameter takes are
    /// collected here (as an array).
    pub remaining: bool,
}

/// A parameter named `name` of type `ty`: optional, named, in every set.
pub const fn param(name: &'static str, ty: Ty) -> ParamSpec {
    ParamSpec {
        name,
        ty,
        array: false,
        aliases: &[],
        sets: &[],
        all_sets: SetSpec::named(ALL_SETS),
        by_value: false,
        by_prop: false,
        values: &[],
        complete: Complete::None,
        help: "",
        hidden: false,
        remaining: false,
    }
}

impl ParamSpec {
    /// Array parameter (`T[]`).
    pub const fn array(mut self) -> Self {
        self.array = true;
        self
    }
    /// Aliases.
    pub const fn aliases(mut self, a: &'static [&'static str]) -> Self {
        self.aliases = a;
        self
    }
    /// Mandatory in every set.
    pub const fn mandatory(mut self) -> Self {
        self.all_sets.mandatory = true;
        self
    }
    /// Positional at `n` in every set.
    pub const fn position(mut self, n: u8) -> Self {
        self.all_sets.position = Some(n);
        self
    }
    /// Membership in exactly one named set; use [`ParamSpec::sets`] for several.
    pub const fn set(mut self, s: SetSpec) -> Self {
        self.all_sets = s;
        self
    }
    /// Memberships in several named sets.
    pub const fn sets(mut self, s: &'static [SetSpec]) -> Self {
        self.sets = s;
        self
    }
    /// `ValueFromPipeline`.
    pub const fn by_value(mut self) -> Self {
        self.by_value = true;
        self
    }
    /// `ValueFromPipelineByPropertyName`.
    pub const fn by_prop(mut self) -> Self {
        self.by_prop = true;
        self
    }
    /// `ValidateSet`.
    pub const fn values(mut self, v: &'static [&'static str]) -> Self {
        self.values = v;
        self
    }
    /// Value completion kind.
    pub const fn complete(mut self, c: Complete) -> Self {
        self.complete = c;
        self
    }
    /// Help text.
    pub const fn help(mut self, h: &'static str) -> Self {
        self.help = h;
        self
    }
    /// Hidden parameter.
    pub const fn hidden(mut self) -> Self {
        self.hidden = true;
        self
    }
    /// `ValueFromRemainingArguments` (implies an array).
    pub const fn remaining(mut self) -> Self {
        self.remaining = true;
        self.array = true;
        self
    }
    /// The set memberships as a slice: `sets` when given, else the single `all_sets` entry.
    pub fn memberships(&self) -> &[SetSpec] {
        if self.sets.is_empty() {
            std::slice::from_ref(&self.all_sets)
        } else {
            self.sets
        }
    }
    /// True when the parameter belongs to set `name` (or to all sets).
    pub fn in_set(&self, name: &str) -> bool {
        self.memberships()
            .iter()
            .any(|s| s.name == ALL_SETS || s.name == name)
    }
}

/// How disruptive a changing command is (drives `-Confirm` prompting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConfirmImpact {
    /// Does not change anything.
    None,
    /// Low impact change.
    Low,
    /// Medium impact change.
    Medium,
    /// Deletes or overwrites: prompts by default.
    High,
}

/// A usage example shown by `Get-Help -Examples` and run by the spec tests.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// The code.
    pub code: &'static str,
    /// What it does.
    pub about: &'static str,
}

/// The full declaration of a command.
#[derive(Clone, Copy)]
pub struct CmdletSpec {
    /// Canonical name, `Verb-Noun`.
    pub name: &'static str,
    /// Aliases (`Get-JiraServerInfo`, `select`, …).
    pub aliases: &'static [&'static str],
    /// One-line synopsis.
    pub synopsis: &'static str,
    /// Longer description (may be empty).
    pub description: &'static str,
    /// Parameters (not including the common parameters, which every command gets).
    pub params: &'static [ParamSpec],
    /// Default parameter set when the given parameters fit several.
    pub default_set: Option<&'static str>,
    /// `SupportsShouldProcess`: adds `-WhatIf` and `-Confirm`.
    pub should_process: bool,
    /// `ConfirmImpact`.
    pub confirm_impact: ConfirmImpact,
    /// `SupportsPaging`: adds `-First`, `-Skip`, `-IncludeTotalCount`.
    pub paging: bool,
    /// Makes network calls: adds `-Credential`.
    pub networked: bool,
    /// Examples.
    pub examples: &'static [Example],
    /// Output type name for help (`AtlassianPS.JiraPS.Issue`).
    pub outputs: &'static str,
    /// Creates a fresh instance to run one invocation.
    pub factory: fn() -> Box<dyn Command>,
}

impl std::fmt::Debug for CmdletSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CmdletSpec")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl CmdletSpec {
    /// A spec with only the name, synopsis and factory set; fill the rest with struct update
    /// syntax: `CmdletSpec { params: P, ..CmdletSpec::new("Get-X", "…", f) }`.
    pub const fn new(
        name: &'static str,
        synopsis: &'static str,
        factory: fn() -> Box<dyn Command>,
    ) -> Self {
        CmdletSpec {
            name,
            aliases: &[],
            synopsis,
            description: "",
            params: &[],
            default_set: None,
            should_process: false,
            confirm_impact: ConfirmImpact::None,
            paging: false,
            networked: false,
            examples: &[],
            outputs: "",
            factory,
        }
    }
    /// Looks a declared parameter up by exact name or alias (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| {
            p.name.eq_ignore_ascii_case(name)
                || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
        })
    }
    /// The names of every parameter set the spec declares (not counting [`ALL_SETS`]).
    pub fn set_names(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for p in self.params {
            for s in p.memberships() {
                if s.name != ALL_SETS && !out.contains(&s.name) {
                    out.push(s.name);
                }
            }
        }
        out
    }
}

/// The common parameters every command accepts, as specs (for binding, help and completion).
pub const COMMON_PARAMS: &[ParamSpec] = &[
    param("Verbose", Ty::Switch)
        .aliases(&["vb"])
        .help("Writes details of the operation."),
    param("Debug", Ty::Switch)
        .aliases(&["db"])
        .help("Writes debugging details."),
    param("ErrorAction", Ty::Str)
        .aliases(&["ea"])
        .values(&["Stop", "Continue", "SilentlyContinue", "Ignore", "Inquire"])
        .help("What to do when the command writes an error."),
    param("WarningAction", Ty::Str)
        .aliases(&["wa"])
        .values(&["Stop", "Continue", "SilentlyContinue", "Ignore", "Inquire"])
        .help("What to do when the command writes a warning."),
    param("ErrorVariable", Ty::Str)
        .aliases(&["ev"])
        .complete(Complete::Variable)
        .help("Variable that receives the errors (prefix with + to append)."),
    param("WarningVariable", Ty::Str)
        .aliases(&["wv"])
        .complete(Complete::Variable)
        .help("Variable that receives the warnings."),
    param("OutVariable", Ty::Str)
        .aliases(&["ov"])
        .complete(Complete::Variable)
        .help("Variable that also receives the output."),
];

/// `-WhatIf`/`-Confirm`, added to commands with `should_process`.
pub const SHOULD_PROCESS_PARAMS: &[ParamSpec] = &[
    param("WhatIf", Ty::Switch)
        .aliases(&["wi"])
        .help("Shows what would happen without doing it."),
    param("Confirm", Ty::Switch)
        .aliases(&["cf"])
        .help("Asks before doing it."),
];

/// `-First`/`-Skip`/`-IncludeTotalCount`, added to commands with `paging`.
pub const PAGING_PARAMS: &[ParamSpec] = &[
    param("First", Ty::Int).help("Returns only the first N objects."),
    param("Skip", Ty::Int).help("Skips the first N objects."),
    param("IncludeTotalCount", Ty::Switch).help(
        "Also writes the total number of objects, after them (Jira's total when it tells one).",
    ),
];

/// `-Credential`, added to networked commands.
pub const CREDENTIAL_PARAMS: &[ParamSpec] = &[param("Credential", Ty::Credential)
    .help("Credentials to use for this call instead of the session.")];
