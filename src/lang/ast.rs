//! The syntax tree. Every node carries the [`Span`] of the text it came from, so diagnostics,
//! highlighting and completion can point back into the source. The tree owns no runtime state.

use std::rc::Rc;

/// A byte range in the source text, plus the 1-based line and column of its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column (in characters) of `start`.
    pub col: u32,
}

impl Span {
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start,
            end: other.end.max(self.end),
            line: self.line,
            col: self.col,
        }
    }
}

/// A parsed script: a list of statements plus the source they came from.
#[derive(Debug, Clone)]
pub struct Script {
    /// `param(...)` block at the top of a script file, if any.
    pub params: Vec<ParamDecl>,
    /// The statements, in order.
    pub body: Block,
    /// The full source text (shared with script blocks for `ToString`).
    pub source: Rc<str>,
}

/// A sequence of statements.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// Statements in order.
    pub stmts: Vec<Stmt>,
    /// Span of the whole block (without braces).
    pub span: Span,
}

/// One statement.
#[derive(Debug, Clone)]
pub struct Stmt {
    /// What kind of statement.
    pub kind: StmtKind,
    /// Where it is.
    pub span: Span,
}

/// Statement kinds.
#[derive(Debug, Clone)]
pub enum StmtKind {
    /// A pipeline (possibly a single expression), with optional output redirection.
    Pipeline(Pipeline),
    /// `target op value`, e.g. `$a = 1`, `$h.K += 2`, `$a[0] = 3`.
    Assign {
        target: Expr,
        op: AssignOp,
        value: Box<Stmt>,
    },
    /// `if (c) {..} elseif (c) {..} else {..}`
    If {
        clauses: Vec<(Pipeline, Block)>,
        else_block: Option<Block>,
    },
    /// `[:label] foreach ($v in expr) { }`
    Foreach {
        label: Option<String>,
        var: String,
        iter: Pipeline,
        body: Block,
    },
    /// `for (init; cond; step) { }`
    For {
        label: Option<String>,
        init: Option<Box<Stmt>>,
        cond: Option<Pipeline>,
        step: Option<Box<Stmt>>,
        body: Block,
    },
    /// `while (cond) { }`
    While {
        label: Option<String>,
        cond: Pipeline,
        body: Block,
    },
    /// `do { } while (cond)` (`until == false`) or `do { } until (cond)` (`until == true`).
    DoLoop {
        label: Option<String>,
        body: Block,
        cond: Pipeline,
        until: bool,
    },
    /// `[:label] switch [-regex|-wildcard|-exact] [-casesensitive] (input) { clauses }`, or
    /// `switch … -file path { … }`.
    Switch(Box<SwitchStmt>),
    /// `break [label]`
    Break(Option<String>),
    /// `continue [label]`
    Continue(Option<String>),
    /// `return [pipeline]`
    Return(Option<Pipeline>),
    /// `exit [expr]`
    Exit(Option<Pipeline>),
    /// `throw [pipeline]`
    Throw(Option<Pipeline>),
    /// `try {} catch [types] {} ... finally {}`
    Try {
        body: Block,
        catches: Vec<CatchClause>,
        finally: Option<Block>,
    },
    /// `function Name { param(...) begin/process/end or body }`
    Function(Rc<FunctionDef>),
}

/// Assignment operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `+=`
    Add,
    /// `-=`
    Sub,
    /// `*=`
    Mul,
    /// `/=`
    Div,
    /// `%=`
    Rem,
}

/// How a `switch` clause's value is compared with each input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchMode {
    /// `-eq` (the default, and `-exact`).
    Exact,
    /// `-like` (`-wildcard`).
    Wildcard,
    /// `-match` (`-regex`), which sets `$Matches`.
    Regex,
}

/// Where a `switch` takes its input from.
#[derive(Debug, Clone)]
pub enum SwitchInput {
    /// `(pipeline)`: each element of its value (a scalar, or `$null`, is one input).
    Value(Pipeline),
    /// `-file path`: each line of the file.
    File(Expr),
}

/// One `condition { body }` clause of a `switch`.
#[derive(Debug, Clone)]
pub struct SwitchClause {
    /// A value to compare with (a bare word is a string), or a script block that decides.
    pub cond: Expr,
    /// What runs when it matches.
    pub body: Block,
}

/// A `switch` statement.
#[derive(Debug, Clone)]
pub struct SwitchStmt {
    /// `:label` before `switch`.
    pub label: Option<String>,
    /// The comparison.
    pub mode: SwitchMode,
    /// `-casesensitive`.
    pub case_sensitive: bool,
    /// The input.
    pub input: SwitchInput,
    /// The clauses in order (every matching one runs).
    pub clauses: Vec<SwitchClause>,
    /// `default { … }`: runs for an input no clause matched.
    pub default: Option<Block>,
}

/// `catch [Type1], [Type2] { ... }` — an empty type list catches everything.
#[derive(Debug, Clone)]
pub struct CatchClause {
    /// Exception type names as written (matching is loose: any listed name catches).
    pub types: Vec<String>,
    /// The handler.
    pub body: Block,
}

/// A pipeline: one or more elements joined by `|`.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The elements in order. The first may be an expression; later ones are commands.
    pub elements: Vec<PipelineElement>,
    /// `> file` / `>> file` / `2>&1` etc. applied to the whole pipeline.
    pub redirections: Vec<Redirection>,
    /// Span of the pipeline.
    pub span: Span,
}

/// One element of a pipeline.
#[derive(Debug, Clone)]
pub enum PipelineElement {
    /// An expression (only valid as the first element).
    Expr(Expr),
    /// A command invocation.
    Command(Command),
}

/// Output redirection.
#[derive(Debug, Clone)]
pub struct Redirection {
    /// Stream number being redirected: 1 (output), 2 (error), 3 (warning), ... or 0 for `*`.
    pub stream: u8,
    /// What the stream goes to.
    pub target: RedirectTarget,
    /// Span of the redirection token(s).
    pub span: Span,
}

/// Where a redirection goes.
#[derive(Debug, Clone)]
pub enum RedirectTarget {
    /// `> file` (append = false) or `>> file` (append = true).
    File { path: Expr, append: bool },
    /// `2>&1`: merge into the output stream.
    MergeToOutput,
}

/// How a command is invoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvokeKind {
    /// Plain `Name args`.
    Plain,
    /// `& expr args` — call operator, new scope.
    Call,
    /// `. expr args` — dot-source, current scope.
    Dot,
}

/// A command invocation: `Get-JiraIssue -Key TEST-1 -Fields a,b`.
#[derive(Debug, Clone)]
pub struct Command {
    /// The command name or, for `&`/`.`, the expression that yields it.
    pub name: CommandName,
    /// Arguments in order.
    pub args: Vec<CommandArg>,
    /// How it is invoked.
    pub invoke: InvokeKind,
    /// Span of the whole command.
    pub span: Span,
}

/// The thing being invoked.
#[derive(Debug, Clone)]
pub enum CommandName {
    /// A bare word like `Get-JiraIssue`, with its span.
    Bare(String, Span),
    /// An expression (after `&` or `.`): a string, variable or script block.
    Expr(Box<Expr>),
}

/// One argument of a command.
#[derive(Debug, Clone)]
pub enum CommandArg {
    /// `-Name` or `-Name:value` (value given inline). A following separate value is NOT
    /// attached by the parser; the binder decides (it knows which parameters are switches).
    Param {
        name: String,
        inline_value: Option<Expr>,
        span: Span,
    },
    /// A positional argument (a bare word is an `Expr::Str` with `bare = true`).
    Value(Expr),
    /// `@splat` — splatting a hashtable (named) or array (positional).
    Splat(String, Span),
    /// `--%`-free: not supported. Reserved.
    /// `-- ` end of parameters marker: every later argument is positional.
    EndOfParams(Span),
}

/// An expression.
#[derive(Debug, Clone)]
pub struct Expr {
    /// What kind.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// A piece of an expandable string.
#[derive(Debug, Clone)]
pub enum StrPart {
    /// Literal text (escapes already processed).
    Lit(String),
    /// `$name` or `${name}` (scope prefix kept in the name, e.g. `script:x`).
    Var(String),
    /// `$( ... )` sub-expression.
    Sub(Block),
}

/// Expression kinds.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `$null`-free literal constants are represented by their own variants.
    Int(i64),
    /// Floating point literal.
    Double(f64),
    /// A literal string: `'x'`, `@'..'@`, or a bare word in command mode (`bare = true`).
    Str { value: String, bare: bool },
    /// An expandable string `"…"` or `@"…"@`.
    ExpandStr(Vec<StrPart>),
    /// `$name` (scope prefix kept, e.g. `script:x`, `env:HOME`); `$_`, `$true`, `$null`, `$?` …
    Var(String),
    /// `a, b, c`
    Array(Vec<Expr>),
    /// `@( … )`
    ArraySub(Block),
    /// `$( … )`
    SubExpr(Block),
    /// `( pipeline )` — also used for parenthesised assignment `($a = 1)`.
    Paren(Box<Stmt>),
    /// `@{ k = v; … }` (ordered: insertion order is always kept).
    Hashtable(Vec<(Expr, Stmt)>),
    /// `{ … }` script block literal.
    ScriptBlock(Rc<ScriptBlockDef>),
    /// `[type]` alone, e.g. `[int]` in `-is [int]` or `[datetime]::Now`.
    TypeLit(String),
    /// `[type] expr` cast.
    Cast { ty: String, expr: Box<Expr> },
    /// `expr.Name` or `expr.$var` / `expr.'quoted'`; `static == true` for `[type]::Name`.
    Member {
        target: Box<Expr>,
        name: Box<Expr>,
        is_static: bool,
    },
    /// `expr.Name(args)`; `static == true` for `[type]::Name(args)`.
    MethodCall {
        target: Box<Expr>,
        name: String,
        args: Vec<Expr>,
        is_static: bool,
    },
    /// `expr[index]`
    Index { target: Box<Expr>, index: Box<Expr> },
    /// Unary operator.
    Unary { op: UnaryOp, expr: Box<Expr> },
    /// Binary operator (including comparison, logical, `-f`, `..`).
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `++$x` / `$x++` / `--$x` / `$x--`.
    IncDec {
        target: Box<Expr>,
        increment: bool,
        prefix: bool,
    },
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
    /// `-not x` / `!x`
    Not,
    /// `-bnot x`
    BNot,
    /// `,x` (unary comma: one-element array)
    Comma,
    /// `-join x`
    Join,
    /// `-split x`
    Split,
}

/// Binary operators. Comparison operators carry case sensitivity: `Eq(false)` is `-eq`/`-ieq`,
/// `Eq(true)` is `-ceq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `..`
    Range,
    /// `-f`
    Format,
    /// `-and`
    And,
    /// `-or`
    Or,
    /// `-xor`
    Xor,
    /// `-band`
    BAnd,
    /// `-bor`
    BOr,
    /// `-is`
    Is,
    /// `-isnot`
    IsNot,
    /// `-as`
    As,
    /// `-eq` (bool: case-sensitive)
    Eq(bool),
    /// `-ne`
    Ne(bool),
    /// `-gt`
    Gt(bool),
    /// `-ge`
    Ge(bool),
    /// `-lt`
    Lt(bool),
    /// `-le`
    Le(bool),
    /// `-like`
    Like(bool),
    /// `-notlike`
    NotLike(bool),
    /// `-match`
    Match(bool),
    /// `-notmatch`
    NotMatch(bool),
    /// `-contains`
    Contains(bool),
    /// `-notcontains`
    NotContains(bool),
    /// `-in`
    In(bool),
    /// `-notin`
    NotIn(bool),
    /// `-replace`
    Replace(bool),
    /// `-split`
    Split(bool),
    /// `-join`
    Join,
}

/// A parameter declared in `param(...)` or `function f($a, $b)`.
#[derive(Debug, Clone)]
pub struct ParamDecl {
    /// Name without `$`.
    pub name: String,
    /// Type constraint as written (`string`, `int`, `switch`, `string[]` …), if any.
    pub ty: Option<String>,
    /// Default value expression.
    pub default: Option<Expr>,
    /// `[Parameter(Mandatory)]`, `[Parameter(Position=0)]`, `ValueFromPipeline`,
    /// `ValueFromPipelineByPropertyName` and `[Alias('x')]` attributes.
    pub attrs: ParamAttrs,
    /// Where.
    pub span: Span,
}

/// Attributes of a declared parameter.
#[derive(Debug, Clone, Default)]
pub struct ParamAttrs {
    /// `Mandatory`
    pub mandatory: bool,
    /// `Position = n`
    pub position: Option<u32>,
    /// `ValueFromPipeline`
    pub from_pipeline: bool,
    /// `ValueFromPipelineByPropertyName`
    pub from_pipeline_by_name: bool,
    /// `[Alias(...)]`
    pub aliases: Vec<String>,
    /// `[ValidateSet(...)]`
    pub validate_set: Vec<String>,
    /// `HelpMessage = '...'`
    pub help: Option<String>,
}

/// A script block `{ param(...) begin {} process {} end {} }` or a plain body.
#[derive(Debug, Clone)]
pub struct ScriptBlockDef {
    /// Declared parameters.
    pub params: Vec<ParamDecl>,
    /// `[CmdletBinding()]` present.
    pub cmdlet_binding: bool,
    /// `[CmdletBinding(SupportsShouldProcess)]`: takes `-WhatIf` and `-Confirm`.
    pub should_process: bool,
    /// `begin { }` block.
    pub begin: Option<Block>,
    /// `process { }` block.
    pub process: Option<Block>,
    /// `end { }` block, or the plain body when no named blocks are used.
    pub end: Option<Block>,
    /// Span of the block including braces.
    pub span: Span,
    /// The source text the span indexes into (for `ToString` of the script block).
    pub source: Rc<str>,
}

/// `function Name { … }` / `function Name($a) { … }` / `filter Name { … }`.
#[derive(Debug, Clone)]
pub struct FunctionDef {
    /// Function name as written.
    pub name: String,
    /// `filter` keyword: body is a process block.
    pub is_filter: bool,
    /// The body (params from either `function f($a)` or an inner `param()` are merged here).
    pub body: Rc<ScriptBlockDef>,
    /// Where.
    pub span: Span,
}
