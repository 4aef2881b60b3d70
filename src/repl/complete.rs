//! Tab completion as a pure function: `complete(line, cursor, &CompletionData)`.
//!
//! Everything completion knows arrives in a [`CompletionData`] snapshot — the command specs,
//! user functions and aliases, variables and their property names, Jira lists cached for the
//! session, issue keys seen — so tests build one by hand and call [`complete`] with no
//! terminal and no network. This module never does I/O except listing directories for path
//! values; when Jira could add candidates (issue picker, transitions of an issue, JQL data) it
//! says so in [`Completion::lookup`] and the caller decides whether to ask.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::cmd::spec::{
    ALL_SETS, COMMON_PARAMS, CREDENTIAL_PARAMS, CmdletSpec, Complete, PAGING_PARAMS, ParamSpec,
    SHOULD_PROCESS_PARAMS, Ty,
};
use crate::repl::jql;

/// A value offered by completion with an optional description shown beside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// What is inserted (a project key, a user name, an issue key).
    pub value: String,
    /// Shown beside the value in the list (project name, display name, summary).
    pub about: String,
}

impl Named {
    /// A value with a description.
    pub fn new(value: impl Into<String>, about: impl Into<String>) -> Self {
        Named {
            value: value.into(),
            about: about.into(),
        }
    }
}

impl From<&str> for Named {
    fn from(v: &str) -> Self {
        Named::new(v, "")
    }
}

/// Jira lists cached for the session (fetched through the client, never through cmdlets).
#[derive(Debug, Clone, Default)]
pub struct JiraLists {
    /// Project keys with their names.
    pub projects: Vec<Named>,
    /// Issue type names.
    pub issue_types: Vec<String>,
    /// Priority names.
    pub priorities: Vec<String>,
    /// Status names.
    pub statuses: Vec<String>,
    /// User names (or account ids) with display names.
    pub users: Vec<Named>,
    /// Group names.
    pub groups: Vec<String>,
    /// Filter ids or names with their names.
    pub filters: Vec<Named>,
    /// Issue link type names.
    pub link_types: Vec<String>,
    /// Version names.
    pub versions: Vec<String>,
    /// Component names.
    pub components: Vec<String>,
    /// Field ids with their names.
    pub fields: Vec<Named>,
    /// Transition names by upper-case issue key.
    pub transitions: HashMap<String, Vec<String>>,
}

/// JQL field and function names (from `/rest/api/2/jql/autocompletedata`, or built-in defaults).
#[derive(Debug, Clone, Default)]
pub struct JqlData {
    /// Field names usable in clauses.
    pub fields: Vec<String>,
    /// Function names with their parentheses (`currentUser()`).
    pub functions: Vec<String>,
}

/// A variable and the property names of its value (of the first element for an array).
#[derive(Debug, Clone, Default)]
pub struct VarInfo {
    /// Name without `$`.
    pub name: String,
    /// Property names of the value.
    pub props: Vec<String>,
}

/// Everything completion may offer, captured between commands.
#[derive(Debug, Clone, Default)]
pub struct CompletionData {
    /// Command specs (built-ins and Jira cmdlets).
    pub specs: Vec<&'static CmdletSpec>,
    /// User-defined function names.
    pub functions: Vec<String>,
    /// User-defined aliases: (alias, command it stands for).
    pub aliases: Vec<(String, String)>,
    /// Variables in scope.
    pub variables: Vec<VarInfo>,
    /// Jira lists cached for the session.
    pub lists: JiraLists,
    /// Issue keys this session has seen, most recent first, with summaries.
    pub issues: Vec<Named>,
    /// JQL fields and functions.
    pub jql: JqlData,
    /// Directory relative paths are completed against.
    pub cwd: PathBuf,
    /// Home directory for `~/`.
    pub home: Option<PathBuf>,
}

/// One completion candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Text that replaces the word being completed.
    pub replacement: String,
    /// Text shown in the list (the replacement, perhaps with a description).
    pub display: String,
}

impl Candidate {
    fn plain(s: impl Into<String>) -> Self {
        let s = s.into();
        Candidate {
            display: s.clone(),
            replacement: s,
        }
    }
    fn described(replacement: String, about: &str) -> Self {
        let display = if about.is_empty() {
            replacement.clone()
        } else {
            format!("{replacement}  {about}")
        };
        Candidate {
            replacement,
            display,
        }
    }
}

/// Jira data that could add candidates if fetched.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Lookup {
    /// Issues matching the typed text, from `/rest/api/2/issue/picker`.
    IssuePicker(String),
    /// Transitions of this issue key.
    Transitions(String),
    /// JQL field and function names from `/rest/api/2/jql/autocompletedata`.
    JqlData,
}

/// The answer to one completion request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// Byte offset in the line where the replaced word starts.
    pub start: usize,
    /// Candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Jira data that could add more candidates here.
    pub lookup: Option<Lookup>,
}

impl Completion {
    fn none(pos: usize) -> Self {
        Completion {
            start: pos,
            candidates: Vec::new(),
            lookup: None,
        }
    }
    /// The replacements alone (handy in tests).
    pub fn replacements(&self) -> Vec<&str> {
        self.candidates
            .iter()
            .map(|c| c.replacement.as_str())
            .collect()
    }
}

/// A word of the command being typed.
#[derive(Debug, Clone)]
struct Word {
    text: String,
}

/// The command segment around the cursor.
#[derive(Debug, Default)]
struct Scan {
    /// Complete words of the current command segment before the partial word.
    words: Vec<Word>,
    /// Start of the partial word (== cursor when the cursor follows a separator).
    partial_start: usize,
    /// Open quote at the cursor: its character and byte offset.
    quote: Option<(char, usize)>,
    /// The cursor sits in a comment.
    comment: bool,
}

struct Frame {
    open: usize,
    words: Vec<Word>,
}

/// Splits `src` (the text before the cursor) into the words of the innermost command segment.
fn scan(src: &str) -> Scan {
    let mut frames = vec![Frame {
        open: 0,
        words: Vec::new(),
    }];
    let mut word: Option<usize> = None;
    let mut quote: Option<(char, usize)> = None;
    let mut comment = false;
    let mut chars = src.char_indices().peekable();

    fn end_word(frames: &mut [Frame], word: &mut Option<usize>, src: &str, end: usize) {
        if let Some(s) = word.take()
            && let Some(f) = frames.last_mut()
        {
            let text = src[s..end].to_owned();
            if matches!(text.as_str(), "=" | "+=" | "-=" | "*=" | "/=" | "%=") {
                f.words.clear();
            } else {
                f.words.push(Word { text });
            }
        }
    }

    while let Some((i, c)) = chars.next() {
        if comment {
            if c == '\n' {
                comment = false;
                if let Some(f) = frames.last_mut() {
                    f.words.clear();
                }
            }
            continue;
        }
        if let Some((q, _)) = quote {
            if c == q {
                quote = None;
            } else if q == '"' && c == '`' {
                chars.next();
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some((c, i));
                word.get_or_insert(i);
            }
            '`' => {
                word.get_or_insert(i);
                if let Some(&(_, n)) = chars.peek() {
                    chars.next();
                    if n == '\n' {
                        end_word(&mut frames, &mut word, src, i);
                    }
                }
            }
            '#' if word.is_none() => comment = true,
            ' ' | '\t' | '\r' => end_word(&mut frames, &mut word, src, i),
            '\n' | ';' | '|' | '&' => {
                end_word(&mut frames, &mut word, src, i);
                if let Some(f) = frames.last_mut() {
                    f.words.clear();
                }
            }
            '(' | '{' => {
                // `$(`, `@(` and `@{` open a group like `(` does; the sigil is not a word.
                let open = match word {
                    Some(s) if matches!(&src[s..i], "$" | "@") => {
                        word = None;
                        s
                    }
                    _ => {
                        end_word(&mut frames, &mut word, src, i);
                        i
                    }
                };
                frames.push(Frame {
                    open,
                    words: Vec::new(),
                });
            }
            ')' | '}' => {
                end_word(&mut frames, &mut word, src, i);
                if frames.len() > 1
                    && let Some(f) = frames.pop()
                    && let Some(parent) = frames.last_mut()
                {
                    parent.words.push(Word {
                        text: src[f.open..=i].to_owned(),
                    });
                }
            }
            _ => {
                word.get_or_insert(i);
            }
        }
    }
    let words = frames.pop().map(|f| f.words).unwrap_or_default();
    Scan {
        words,
        partial_start: word.unwrap_or(src.len()),
        quote,
        comment,
    }
}

/// Completes the word that ends at byte `pos` of `line`.
pub fn complete(line: &str, pos: usize, data: &CompletionData) -> Completion {
    let mut pos = pos.min(line.len());
    while !line.is_char_boundary(pos) {
        pos -= 1;
    }
    let src = &line[..pos];
    let sc = scan(src);
    if sc.comment {
        return Completion::none(pos);
    }
    let partial = &src[sc.partial_start..];

    if sc.quote.is_none_or(|(q, _)| q == '"')
        && let Some(c) = complete_variable(src, data)
    {
        return c;
    }

    let Some(first) = sc.words.first() else {
        if sc.quote.is_some() || partial.is_empty() {
            return Completion::none(pos);
        }
        return complete_command(partial, sc.partial_start, data);
    };
    let name = first.text.as_str();
    let args = &sc.words[1..];
    let Some(spec) = resolve_command(name, data) else {
        if looks_like_path(partial) {
            return complete_path(partial, sc.partial_start, data);
        }
        return Completion::none(pos);
    };
    let ctx = CommandLine::bind(spec, args);

    if sc.quote.is_none() && partial.starts_with('-') && !partial.contains(':') {
        let rest = &partial[1..];
        if rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return complete_param_name(spec, &ctx, rest, sc.partial_start);
        }
    }
    if sc.quote.is_none()
        && partial.starts_with('-')
        && let Some(colon) = partial.find(':')
        && let Some(p) = find_param(spec, &partial[1..colon])
    {
        let start = sc.partial_start + colon + 1;
        return complete_value(p, &ctx, &partial[colon + 1..], start, sc.quote, data);
    }
    let param = match ctx.pending {
        Some(p) => Some(p),
        None => positional(spec, &ctx),
    };
    match param {
        Some(p) => complete_value(p, &ctx, partial, sc.partial_start, sc.quote, data),
        None if looks_like_path(partial) => complete_path(partial, sc.partial_start, data),
        None => Completion::none(pos),
    }
}

fn looks_like_path(s: &str) -> bool {
    s.starts_with('.') || s.starts_with('/') || s.starts_with('~') || s.contains('/')
}

/// Resolves a command word to its spec through user aliases and spec names/aliases.
fn resolve_command(name: &str, data: &CompletionData) -> Option<&'static CmdletSpec> {
    let target = data
        .aliases
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(name))
        .map_or(name, |(_, t)| t.as_str());
    data.specs.iter().copied().find(|s| {
        s.name.eq_ignore_ascii_case(target)
            || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(target))
    })
}

/// Every parameter a command accepts, declared ones first, then the added families.
pub fn all_params(spec: &CmdletSpec) -> impl Iterator<Item = &'static ParamSpec> {
    let sp: &'static [ParamSpec] = if spec.should_process {
        SHOULD_PROCESS_PARAMS
    } else {
        &[]
    };
    let pg: &'static [ParamSpec] = if spec.paging { PAGING_PARAMS } else { &[] };
    let cr: &'static [ParamSpec] = if spec.networked {
        CREDENTIAL_PARAMS
    } else {
        &[]
    };
    spec.params
        .iter()
        .chain(sp)
        .chain(pg)
        .chain(cr)
        .chain(COMMON_PARAMS)
}

/// Finds a parameter by exact name or alias, else by a unique name prefix.
fn find_param(spec: &CmdletSpec, name: &str) -> Option<&'static ParamSpec> {
    let exact = all_params(spec).find(|p| {
        p.name.eq_ignore_ascii_case(name) || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    });
    if exact.is_some() {
        return exact;
    }
    let mut hits = all_params(spec).filter(|p| starts_with_ci(p.name, name));
    match (hits.next(), hits.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    }
}

/// What the words typed so far bind to.
struct CommandLine {
    /// Parameters given by name.
    named: Vec<(&'static ParamSpec, Option<String>)>,
    /// Positional arguments.
    positional: Vec<String>,
    /// A named parameter still waiting for its value (the partial word is that value).
    pending: Option<&'static ParamSpec>,
}

impl CommandLine {
    fn bind(spec: &CmdletSpec, args: &[Word]) -> Self {
        let mut cl = CommandLine {
            named: Vec::new(),
            positional: Vec::new(),
            pending: None,
        };
        for w in args {
            let t = w.text.as_str();
            if let Some(p) = cl.pending.take() {
                cl.named.push((p, Some(t.to_owned())));
                continue;
            }
            let is_param = t.len() > 1
                && t.starts_with('-')
                && t[1..].starts_with(|c: char| c.is_ascii_alphabetic());
            if !is_param {
                cl.positional.push(t.to_owned());
                continue;
            }
            let (name, value) = match t.find(':') {
                Some(i) => (&t[1..i], Some(t[i + 1..].to_owned())),
                None => (&t[1..], None),
            };
            match find_param(spec, name) {
                Some(p) if value.is_some() || p.ty == Ty::Switch => cl.named.push((p, value)),
                Some(p) => cl.pending = Some(p),
                None => {}
            }
        }
        cl
    }

    fn uses(&self, p: &ParamSpec) -> bool {
        self.named.iter().any(|(q, _)| q.name == p.name)
    }

    /// The issue key this line is about (`-Issue`/`-Key` value or the first positional).
    fn issue_key(&self, spec_params: &[ParamSpec]) -> Option<String> {
        let by_name = self
            .named
            .iter()
            .find(|(p, v)| v.is_some() && is_issue_param(p));
        if let Some((_, Some(v))) = by_name {
            return Some(unquote(v));
        }
        let first_pos = spec_params
            .iter()
            .find(|p| p.memberships().iter().any(|s| s.position == Some(0)));
        match first_pos {
            Some(p) if is_issue_param(p) => self.positional.first().map(|v| unquote(v)),
            _ => None,
        }
    }
}

fn is_issue_param(p: &ParamSpec) -> bool {
    value_kind(p) == Complete::IssueKey
}

fn unquote(s: &str) -> String {
    let t = s.trim_matches(|c| c == '\'' || c == '"');
    t.to_owned()
}

/// The parameter the next positional argument binds to.
fn positional(spec: &CmdletSpec, ctx: &CommandLine) -> Option<&'static ParamSpec> {
    // The parameter sets still possible: those every named parameter given so far belongs to.
    let in_play = |set: &str| {
        set == ALL_SETS
            || ctx.named.iter().all(|(q, _)| {
                q.memberships()
                    .iter()
                    .any(|m| m.name == ALL_SETS || m.name == set)
            })
    };
    let mut positional: Vec<(u8, &'static ParamSpec)> = Vec::new();
    for p in spec.params {
        if ctx.uses(p) || p.hidden {
            continue;
        }
        if let Some(n) = p
            .memberships()
            .iter()
            .filter(|s| in_play(s.name))
            .filter_map(|s| s.position)
            .min()
            && !positional.iter().any(|(m, _)| *m == n)
        {
            positional.push((n, p));
        }
    }
    positional.sort_by_key(|(n, _)| *n);
    positional.get(ctx.positional.len()).map(|(_, p)| *p)
}

/// The completion kind of a parameter: its declared kind, else one its type implies.
pub fn value_kind(p: &ParamSpec) -> Complete {
    if p.complete != Complete::None {
        return p.complete;
    }
    match p.ty {
        Ty::Path => Complete::Path,
        Ty::Jira(t) => match t.to_ascii_lowercase().as_str() {
            "issue" => Complete::IssueKey,
            "project" => Complete::Project,
            "user" => Complete::User,
            "group" => Complete::Group,
            "filter" => Complete::Filter,
            "issuelinktype" => Complete::LinkType,
            "version" => Complete::Version,
            "component" => Complete::Component,
            "field" => Complete::Field,
            _ => Complete::None,
        },
        _ => Complete::None,
    }
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Matches `text` against a PowerShell wildcard pattern (`*`, `?`), ignoring case.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

fn complete_command(partial: &str, start: usize, data: &CompletionData) -> Completion {
    let wild = partial.contains(['*', '?']);
    let matches = |name: &str| {
        if wild {
            wildcard_match(partial, name)
        } else {
            starts_with_ci(name, partial)
        }
    };
    let mut names: Vec<String> = Vec::new();
    for s in &data.specs {
        if matches(s.name) {
            names.push(s.name.to_owned());
        }
        for a in s.aliases {
            if matches(a) {
                names.push((*a).to_owned());
            }
        }
    }
    for f in &data.functions {
        if matches(f) {
            names.push(f.clone());
        }
    }
    for (a, _) in &data.aliases {
        if matches(a) {
            names.push(a.clone());
        }
    }
    names.sort_by_key(|a| a.to_ascii_lowercase());
    names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    Completion {
        start,
        candidates: names.into_iter().map(Candidate::plain).collect(),
        lookup: None,
    }
}

fn complete_param_name(
    spec: &CmdletSpec,
    ctx: &CommandLine,
    prefix: &str,
    start: usize,
) -> Completion {
    let mut out: Vec<Candidate> = Vec::new();
    let push = |out: &mut Vec<Candidate>, name: &str, p: &ParamSpec| {
        let r = format!("-{name}");
        if !out.iter().any(|c| c.replacement.eq_ignore_ascii_case(&r)) {
            let display = match p.ty {
                Ty::Switch => r.clone(),
                _ => format!("{r} <{}>", type_label(p)),
            };
            out.push(Candidate {
                replacement: r,
                display,
            });
        }
    };
    for p in all_params(spec) {
        if p.hidden || ctx.uses(p) {
            continue;
        }
        if starts_with_ci(p.name, prefix) {
            push(&mut out, p.name, p);
        }
    }
    // Aliases only when the prefix matches no canonical name (`-Iss` → `-Issue` for `-Key`).
    if out.is_empty() {
        for p in all_params(spec) {
            if p.hidden || ctx.uses(p) {
                continue;
            }
            for a in p.aliases.iter().filter(|a| starts_with_ci(a, prefix)) {
                push(&mut out, a, p);
            }
        }
    }
    Completion {
        start,
        candidates: out,
        lookup: None,
    }
}

fn type_label(p: &ParamSpec) -> String {
    let base = match p.ty {
        Ty::Any => "object",
        Ty::Str => "string",
        Ty::Int => "int",
        Ty::Double => "double",
        Ty::Bool => "bool",
        Ty::Switch => "switch",
        Ty::DateTime => "datetime",
        Ty::TimeSpan => "timespan",
        Ty::Hashtable => "hashtable",
        Ty::ScriptBlock => "scriptblock",
        Ty::Credential => "pscredential",
        Ty::SecureString => "securestring",
        Ty::Uri => "uri",
        Ty::Path => "path",
        Ty::Jira(t) => t,
    };
    if p.array {
        format!("{base}[]")
    } else {
        base.to_owned()
    }
}

/// Quotes a value for the command line when it needs it (or when the user opened a quote).
fn quote_value(v: &str, quote: Option<char>) -> String {
    let needs = v.is_empty()
        || v.chars()
            .any(|c| c.is_whitespace() || "'\"$;|(){}#,&`@<>".contains(c))
        || v.starts_with('-');
    match quote {
        Some('"') => format!("\"{}\"", v.replace('"', "`\"").replace('$', "`$")),
        Some(_) => format!("'{}'", v.replace('\'', "''")),
        None if needs => format!("'{}'", v.replace('\'', "''")),
        None => v.to_owned(),
    }
}

fn complete_value(
    p: &'static ParamSpec,
    ctx: &CommandLine,
    partial: &str,
    start: usize,
    quote: Option<(char, usize)>,
    data: &CompletionData,
) -> Completion {
    let kind = value_kind(p);
    if kind == Complete::Jql {
        return match quote {
            Some((q, at)) => {
                jql::complete(partial.get(at + 1 - start..).unwrap_or(""), at + 1, q, data)
            }
            None => Completion::none(start + partial.len()),
        };
    }
    // An array parameter completes the element after the last comma.
    let (start, partial) = match partial.rfind(',') {
        Some(i) if p.array && quote.is_none() => (start + i + 1, &partial[i + 1..]),
        _ => (start, partial),
    };
    let q = partial.chars().next().filter(|c| *c == '\'' || *c == '"');
    let typed = match q {
        Some(c) => partial[1..].trim_end_matches(c),
        None => partial,
    };

    if kind == Complete::Path {
        return complete_path(partial, start, data);
    }
    let mut lookup = None;
    let values: Vec<Named> = if !p.values.is_empty() {
        p.values.iter().map(|v| Named::from(*v)).collect()
    } else {
        match kind {
            Complete::IssueKey => {
                lookup = Some(Lookup::IssuePicker(typed.to_owned()));
                data.issues.clone()
            }
            Complete::Project => data.lists.projects.clone(),
            Complete::IssueType => names(&data.lists.issue_types),
            Complete::Priority => names(&data.lists.priorities),
            Complete::Status => names(&data.lists.statuses),
            Complete::User => data.lists.users.clone(),
            Complete::Group => names(&data.lists.groups),
            Complete::Filter => data.lists.filters.clone(),
            Complete::LinkType => names(&data.lists.link_types),
            Complete::Version => names(&data.lists.versions),
            Complete::Component => names(&data.lists.components),
            Complete::Field => data.lists.fields.clone(),
            Complete::Command => {
                return complete_command(typed, start, data);
            }
            Complete::Variable => data
                .variables
                .iter()
                .map(|v| Named::from(v.name.as_str()))
                .collect(),
            Complete::Transition => match ctx.issue_key(resolve_params(p, data)) {
                Some(key) => match data.lists.transitions.get(&key.to_ascii_uppercase()) {
                    Some(ts) => names(ts),
                    None => {
                        lookup = Some(Lookup::Transitions(key.to_ascii_uppercase()));
                        Vec::new()
                    }
                },
                None => Vec::new(),
            },
            Complete::None if p.ty == Ty::Bool => vec!["$true".into(), "$false".into()],
            _ => Vec::new(),
        }
    };
    let mut out: Vec<Candidate> = Vec::new();
    for n in values.iter().filter(|n| starts_with_ci(&n.value, typed)) {
        let r = if n.value.starts_with('$') {
            n.value.clone()
        } else {
            quote_value(&n.value, q)
        };
        if !out.iter().any(|c| c.replacement == r) {
            out.push(Candidate::described(r, &n.about));
        }
    }
    Completion {
        start,
        candidates: out,
        lookup,
    }
}

/// The declared parameters of the spec that owns `p` (for finding the issue on the line).
fn resolve_params(p: &'static ParamSpec, data: &CompletionData) -> &'static [ParamSpec] {
    data.specs
        .iter()
        .find(|s| s.params.iter().any(|q| std::ptr::eq(q, p)))
        .map_or(&[], |s| s.params)
}

fn names(v: &[String]) -> Vec<Named> {
    v.iter().map(|s| Named::from(s.as_str())).collect()
}

/// `$va` → variable names; `$v.Pr` → property names of `$v`'s value.
fn complete_variable(src: &str, data: &CompletionData) -> Option<Completion> {
    let bytes = src.as_bytes();
    let mut i = src.len();
    while i > 0
        && (bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b':' | b'.'))
    {
        i -= 1;
    }
    if i == 0 || !matches!(bytes[i - 1], b'$' | b'@') {
        return None;
    }
    let sigil = bytes[i - 1] as char;
    let body = &src[i..];
    match body.split_once('.') {
        None => {
            let start = i - 1;
            // `$true`, `$false` and `$null` are language constants, not scope variables.
            let constants = ["true", "false", "null"]
                .into_iter()
                .filter(|_| sigil == '$');
            let mut out: Vec<Candidate> = data
                .variables
                .iter()
                .map(|v| v.name.as_str())
                .chain(constants)
                .filter(|name| starts_with_ci(name, body))
                .map(|name| Candidate::plain(format!("{sigil}{name}")))
                .collect();
            out.sort_by_key(|c| c.replacement.to_ascii_lowercase());
            out.dedup();
            Some(Completion {
                start,
                candidates: out,
                lookup: None,
            })
        }
        Some((var, rest)) if sigil == '$' && !rest.contains('.') => {
            let start = i + var.len() + 1;
            let v = data
                .variables
                .iter()
                .find(|v| v.name.eq_ignore_ascii_case(var))?;
            let out = v
                .props
                .iter()
                .filter(|p| starts_with_ci(p, rest))
                .map(|p| Candidate::plain(p.clone()))
                .collect();
            Some(Completion {
                start,
                candidates: out,
                lookup: None,
            })
        }
        Some(_) => Some(Completion::none(src.len())),
    }
}

/// Completes a file-system path relative to `data.cwd` (`~/` means the home directory).
fn complete_path(partial: &str, start: usize, data: &CompletionData) -> Completion {
    let q = partial.chars().next().filter(|c| *c == '\'' || *c == '"');
    let typed = match q {
        Some(c) => partial[1..].trim_end_matches(c),
        None => partial,
    };
    let (dir_part, file_prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let base: PathBuf = if let Some(rest) = dir_part.strip_prefix("~/") {
        match &data.home {
            Some(h) => h.join(rest),
            None => return Completion::none(start + partial.len()),
        }
    } else if Path::new(dir_part).is_absolute() {
        PathBuf::from(dir_part)
    } else {
        data.cwd.join(dir_part)
    };
    let Ok(entries) = std::fs::read_dir(&base) else {
        return Completion::none(start + partial.len());
    };
    let mut found: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let is_dir = e.file_type().ok()?.is_dir();
            Some((name, is_dir))
        })
        .filter(|(n, _)| {
            starts_with_ci(n, file_prefix) && (file_prefix.starts_with('.') || !n.starts_with('.'))
        })
        .collect();
    found.sort();
    let candidates = found
        .into_iter()
        .map(|(n, is_dir)| {
            let text = format!("{dir_part}{n}{}", if is_dir { "/" } else { "" });
            let display = format!("{n}{}", if is_dir { "/" } else { "" });
            let needs_quote = q.is_some() || text.contains(char::is_whitespace);
            let replacement = if needs_quote {
                // Leave a directory's quote open so Tab can go on into it.
                let quoted = quote_value(&text, q.or(Some('\'')));
                if is_dir {
                    quoted[..quoted.len() - 1].to_owned()
                } else {
                    quoted
                }
            } else {
                text
            };
            Candidate {
                replacement,
                display,
            }
        })
        .collect();
    Completion {
        start,
        candidates,
        lookup: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_finds_innermost_segment() {
        let s = scan("Get-A | Get-JiraIssue -Key ");
        let w: Vec<&str> = s.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(w, ["Get-JiraIssue", "-Key"]);
        let s = scan("foreach ($i in $x) { Get-JiraIss");
        assert!(s.words.is_empty());
        assert_eq!(s.partial_start, 21);
        let s = scan("$x = Get-Ji");
        assert!(s.words.is_empty());
        let s = scan("Get-X -Query 'project = A");
        assert_eq!(s.quote, Some(('\'', 13)));
        let s = scan("Get-X (Get-Y) -");
        let w: Vec<&str> = s.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(w, ["Get-X", "(Get-Y)"]);
        assert!(scan("Get-X # -Ke").comment);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("Get-*", "get-jiraissue"));
        assert!(wildcard_match("*Issue*", "Get-JiraIssueComment"));
        assert!(wildcard_match("?et-*", "Set-JiraIssue"));
        assert!(!wildcard_match("Get-*", "Set-JiraIssue"));
        assert!(!wildcard_match("*Issue", "Get-JiraIssueComment"));
    }

    #[test]
    fn quoting_rules() {
        assert_eq!(quote_value("Done", None), "Done");
        assert_eq!(quote_value("In Progress", None), "'In Progress'");
        assert_eq!(quote_value("It's", Some('\'')), "'It''s'");
        assert_eq!(quote_value("a$b", Some('"')), "\"a`$b\"");
    }
}
