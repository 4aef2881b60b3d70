//! The JQL syntax tree and its recursive-descent parser (Atlassian's `Jql.g` shape: OR of ANDs
//! of NOTs of clauses, then `ORDER BY`). Syntax only: fields, functions and values are
//! resolved later (`compile.rs`).

use super::lexer::{Tok, Token, tokenize};
use super::{JqlError, OrderKey};

/// A parsed JQL query.
#[derive(Debug, Clone)]
pub struct Query {
    pub(crate) clause: Option<Clause>,
    pub(crate) order: Vec<OrderItem>,
    /// Resolved `ORDER BY` keys (canonical names), filled in by [`Query::order_by`]'s callers
    /// through `compile`, or set as a default by the server.
    pub(crate) order_keys: Vec<OrderKey>,
}

impl Query {
    /// True for a query with neither a WHERE clause nor `ORDER BY`.
    pub fn is_empty(&self) -> bool {
        self.clause.is_none() && self.order.is_empty()
    }

    /// True when a WHERE clause restricts the result (Cloud's "bounded" check).
    pub fn has_restriction(&self) -> bool {
        self.clause.is_some()
    }

    /// The `ORDER BY` keys (canonical names for core fields; a custom field named by its
    /// display name keeps that name until the query is compiled against a context) — or the
    /// default set with [`Query::set_default_order`] when the query has none.
    pub fn order_by(&self) -> &[OrderKey] {
        &self.order_keys
    }

    /// Sets the order used when the query has no `ORDER BY` (e.g. `key DESC`).
    pub fn set_default_order(&mut self, keys: Vec<OrderKey>) {
        if self.order.is_empty() {
            self.order_keys = keys;
        }
    }
}

/// A boolean clause.
#[derive(Debug, Clone)]
pub enum Clause {
    /// All must hold.
    And(Vec<Clause>),
    /// Any must hold.
    Or(Vec<Clause>),
    /// Negation.
    Not(Box<Clause>),
    /// `field op operand [predicates]`.
    Term(Terminal),
}

/// A field reference as typed.
#[derive(Debug, Clone)]
pub struct FieldRef {
    /// The name as typed (for messages): `status`, `Story Points`, `cf[10016]`.
    pub name: String,
    /// For `cf[N]`, the number.
    pub cf: Option<String>,
}

/// Clause operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `~`
    Like,
    /// `!~`
    NotLike,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `was`
    Was,
    /// `was not`
    WasNot,
    /// `was in`
    WasIn,
    /// `was not in`
    WasNotIn,
    /// `changed`
    Changed,
}

impl Op {
    /// The operator as Jira prints it in messages.
    pub fn display(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Like => "~",
            Op::NotLike => "!~",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::In => "in",
            Op::NotIn => "not in",
            Op::Is => "is",
            Op::IsNot => "is not",
            Op::Was => "was",
            Op::WasNot => "was not",
            Op::WasIn => "was in",
            Op::WasNotIn => "was not in",
            Op::Changed => "changed",
        }
    }

    /// True for the history operators.
    pub fn is_history(self) -> bool {
        matches!(
            self,
            Op::Was | Op::WasNot | Op::WasIn | Op::WasNotIn | Op::Changed
        )
    }
}

/// An operand.
#[derive(Debug, Clone)]
pub enum Operand {
    /// `EMPTY` / `NULL`.
    Empty,
    /// A string or number literal.
    Value {
        /// Unescaped text.
        text: String,
        /// Written in quotes.
        quoted: bool,
    },
    /// `name(args)`.
    Func {
        /// Name as typed.
        name: String,
        /// Arguments (unescaped).
        args: Vec<String>,
    },
    /// `(a, b, …)`.
    List(Vec<Operand>),
}

impl Operand {
    /// The operand written back as JQL (for messages).
    /// The operand as Jira's validation messages show it: a string value in double quotes
    /// (bare or quoted in the query: `summary in test` → `"test"`), a whole number bare, a list
    /// as `("a", 2)`, a function call and `EMPTY` as written.
    pub fn display(&self) -> String {
        match self {
            Operand::Value { text, quoted } => {
                let digits = text.strip_prefix('-').unwrap_or(text);
                if !quoted
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && text.parse::<i64>().is_ok()
                {
                    text.clone()
                } else {
                    format!("\"{text}\"")
                }
            }
            Operand::List(items) => {
                let a: Vec<String> = items.iter().map(Operand::display).collect();
                format!("({})", a.join(", "))
            }
            Operand::Empty | Operand::Func { .. } => self.to_jql(),
        }
    }

    /// The operand written back as JQL.
    pub fn to_jql(&self) -> String {
        match self {
            Operand::Empty => "EMPTY".into(),
            Operand::Value { text, quoted: true } => format!("\"{text}\""),
            Operand::Value {
                text,
                quoted: false,
            } => text.clone(),
            Operand::Func { name, args } => {
                let a: Vec<String> = args.iter().map(|x| format!("\"{x}\"")).collect();
                format!("{name}({})", a.join(", "))
            }
            Operand::List(items) => {
                let a: Vec<String> = items.iter().map(Operand::to_jql).collect();
                format!("({})", a.join(", "))
            }
        }
    }
}

/// History predicate keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PredKind {
    /// `FROM`
    From,
    /// `TO`
    To,
    /// `BY`
    By,
    /// `BEFORE`
    Before,
    /// `AFTER`
    After,
    /// `ON`
    On,
    /// `DURING`
    During,
}

/// A terminal clause.
#[derive(Debug, Clone)]
pub struct Terminal {
    /// The field.
    pub field: FieldRef,
    /// The operator.
    pub op: Op,
    /// The operand (`None` only for `CHANGED`).
    pub operand: Option<Operand>,
    /// History predicates.
    pub preds: Vec<(PredKind, Operand)>,
}

/// One `ORDER BY` item as typed.
#[derive(Debug, Clone)]
pub struct OrderItem {
    /// The field.
    pub field: FieldRef,
    /// `Some(true)` for DESC, `Some(false)` for ASC, `None` when not given.
    pub descending: Option<bool>,
}

/// JQL's reserved words (lower case): they must be quoted to be used as values or fields.
pub(crate) const RESERVED: &[&str] = &[
    "abort",
    "access",
    "add",
    "after",
    "alias",
    "all",
    "alter",
    "and",
    "any",
    "as",
    "asc",
    "audit",
    "avg",
    "before",
    "begin",
    "between",
    "boolean",
    "break",
    "by",
    "byte",
    "catch",
    "cf",
    "changed",
    "char",
    "character",
    "check",
    "checkpoint",
    "collate",
    "collation",
    "column",
    "commit",
    "connect",
    "continue",
    "count",
    "create",
    "current",
    "date",
    "decimal",
    "declare",
    "decrement",
    "default",
    "defaults",
    "define",
    "delete",
    "delimiter",
    "desc",
    "difference",
    "distinct",
    "divide",
    "do",
    "double",
    "drop",
    "else",
    "empty",
    "encoding",
    "end",
    "equals",
    "escape",
    "exclusive",
    "exec",
    "execute",
    "exists",
    "explain",
    "false",
    "fetch",
    "field",
    "file",
    "first",
    "float",
    "for",
    "from",
    "function",
    "go",
    "goto",
    "grant",
    "greater",
    "group",
    "having",
    "identified",
    "if",
    "immediate",
    "in",
    "increment",
    "index",
    "initial",
    "inner",
    "inout",
    "input",
    "insert",
    "int",
    "integer",
    "intersect",
    "intersection",
    "into",
    "is",
    "isempty",
    "isnull",
    "join",
    "last",
    "left",
    "less",
    "like",
    "limit",
    "lock",
    "long",
    "max",
    "min",
    "minus",
    "mode",
    "modify",
    "modulo",
    "more",
    "multiply",
    "next",
    "noaudit",
    "not",
    "notin",
    "nowait",
    "null",
    "number",
    "object",
    "of",
    "on",
    "option",
    "or",
    "order",
    "outer",
    "output",
    "power",
    "previous",
    "prior",
    "privileges",
    "public",
    "raise",
    "raw",
    "remainder",
    "rename",
    "resource",
    "return",
    "returns",
    "revoke",
    "right",
    "row",
    "rowid",
    "rownum",
    "rows",
    "select",
    "session",
    "set",
    "share",
    "size",
    "sqrt",
    "start",
    "strict",
    "string",
    "subtract",
    "sum",
    "synonym",
    "table",
    "then",
    "to",
    "trans",
    "transaction",
    "trigger",
    "true",
    "uid",
    "union",
    "unique",
    "update",
    "user",
    "validate",
    "values",
    "view",
    "was",
    "when",
    "whenever",
    "where",
    "while",
    "with",
];

fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

/// Nesting limit, so a hostile query cannot overflow the stack.
const MAX_DEPTH: usize = 200;

struct Parser {
    toks: Vec<Token>,
    i: usize,
    depth: usize,
}

fn syntax(msg: &str, t: &Token) -> JqlError {
    if t.tok == Tok::Eof {
        JqlError::new(format!("Error in the JQL Query: {msg}"))
    } else {
        JqlError::new(format!("Error in the JQL Query: {msg} {}", t.pos.suffix()))
    }
}

/// How a token reads in "but got '…'".
fn shown(t: &Token) -> String {
    match &t.tok {
        Tok::Str {
            text,
            quoted: false,
        } => text.clone(),
        _ => t.raw.clone(),
    }
}

impl Parser {
    fn peek(&self) -> &Token {
        // The token list always ends with Eof and `i` never moves past it.
        &self.toks[self.i.min(self.toks.len() - 1)]
    }

    fn peek2(&self) -> &Token {
        &self.toks[(self.i + 1).min(self.toks.len() - 1)]
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if t.tok != Tok::Eof {
            self.i += 1;
        }
        t
    }

    fn at_kw(&self, kw: &str) -> bool {
        self.peek().is_kw(kw)
    }

    fn query(&mut self) -> Result<Query, JqlError> {
        let clause = if self.at_kw("order") || self.peek().tok == Tok::Eof {
            None
        } else {
            Some(self.or()?)
        };
        let mut order = Vec::new();
        if self.at_kw("order") {
            self.bump();
            let by = self.peek().clone();
            if !by.is_kw("by") {
                return Err(self.expected_text("'BY'", &by));
            }
            self.bump();
            loop {
                let field = self.field()?;
                let descending = if self.at_kw("asc") {
                    self.bump();
                    Some(false)
                } else if self.at_kw("desc") {
                    self.bump();
                    Some(true)
                } else {
                    None
                };
                order.push(OrderItem { field, descending });
                if self.peek().tok == Tok::Comma {
                    self.bump();
                    continue;
                }
                break;
            }
            let t = self.peek().clone();
            if t.tok != Tok::Eof {
                return Err(syntax(
                    &format!(
                        "Expecting either ',' or the end of the query but got '{}'.",
                        shown(&t)
                    ),
                    &t,
                ));
            }
        } else {
            let t = self.peek().clone();
            if t.tok != Tok::Eof {
                return Err(self.expected_and_or(&t));
            }
        }
        Ok(Query {
            clause,
            order,
            order_keys: Vec::new(),
        })
    }

    fn expected_text(&self, what: &str, t: &Token) -> JqlError {
        if t.tok == Tok::Eof {
            syntax(&format!("Expecting {what} before the end of the query."), t)
        } else {
            syntax(&format!("Expecting {what} but got '{}'.", shown(t)), t)
        }
    }

    fn expected_and_or(&self, t: &Token) -> JqlError {
        syntax(
            &format!("Expecting either 'OR' or 'AND' but got '{}'.", shown(t)),
            t,
        )
    }

    fn enter(&mut self) -> Result<(), JqlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(JqlError::new(
                "Error in the JQL Query: The query is nested too deeply.",
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Clause, JqlError> {
        self.enter()?;
        let mut items = vec![self.and()?];
        while self.peek().tok == Tok::Or || self.at_kw("or") {
            self.bump();
            items.push(self.and()?);
        }
        self.depth -= 1;
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Clause::Or(items)
        })
    }

    fn and(&mut self) -> Result<Clause, JqlError> {
        let mut items = vec![self.not()?];
        while self.peek().tok == Tok::And || self.at_kw("and") {
            self.bump();
            items.push(self.not()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Clause::And(items)
        })
    }

    fn not(&mut self) -> Result<Clause, JqlError> {
        if self.peek().tok == Tok::Bang || self.at_kw("not") {
            self.bump();
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Clause::Not(Box::new(inner)));
        }
        if self.peek().tok == Tok::LParen {
            self.bump();
            let inner = self.or()?;
            let t = self.peek().clone();
            if t.tok != Tok::RParen {
                return Err(if t.tok == Tok::Eof {
                    self.expected_text("')'", &t)
                } else {
                    syntax(
                        &format!("Expecting either 'OR' or 'AND' but got '{}'.", shown(&t)),
                        &t,
                    )
                });
            }
            self.bump();
            return Ok(inner);
        }
        self.terminal()
    }

    fn field(&mut self) -> Result<FieldRef, JqlError> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::CustomField(n) => {
                self.bump();
                Ok(FieldRef {
                    name: format!("cf[{n}]"),
                    cf: Some(n.clone()),
                })
            }
            Tok::Str { text, quoted } => {
                if !quoted && is_reserved(&text.to_lowercase()) {
                    return Err(syntax(
                        &format!(
                            "Expecting a field name but got '{text}'. You must surround '{text}' in quotation marks to use it as a field name."
                        ),
                        &t,
                    ));
                }
                self.bump();
                Ok(FieldRef {
                    name: text.clone(),
                    cf: None,
                })
            }
            Tok::Eof => Err(syntax(
                "Expecting a field name before the end of the query.",
                &t,
            )),
            _ => Err(syntax(
                &format!("Expecting a field name but got '{}'.", shown(&t)),
                &t,
            )),
        }
    }

    fn no_operator(&self, t: &Token) -> JqlError {
        const VALID: &str = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
        if t.tok == Tok::Eof {
            syntax(
                &format!("Expecting operator before the end of the query. {VALID}"),
                t,
            )
        } else {
            syntax(
                &format!("Expecting operator but got '{}'. {VALID}", shown(t)),
                t,
            )
        }
    }

    fn operator(&mut self) -> Result<Op, JqlError> {
        let t = self.peek().clone();
        let op = match &t.tok {
            Tok::Op(o) => match *o {
                "=" => Op::Eq,
                "!=" => Op::Ne,
                "~" => Op::Like,
                "!~" => Op::NotLike,
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                _ => Op::Ge,
            },
            Tok::Str { quoted: false, .. } => match t.word().as_deref() {
                Some("in") => Op::In,
                Some("not") => {
                    self.bump();
                    if !self.at_kw("in") {
                        let n = self.peek().clone();
                        return Err(self.expected_text("'IN'", &n));
                    }
                    Op::NotIn
                }
                Some("is") => {
                    if self.peek2().is_kw("not") {
                        self.bump();
                        Op::IsNot
                    } else {
                        Op::Is
                    }
                }
                Some("was") => {
                    let mut op = Op::Was;
                    if self.peek2().is_kw("not") {
                        self.bump();
                        op = Op::WasNot;
                    }
                    if self.peek2().is_kw("in") {
                        self.bump();
                        op = if op == Op::WasNot {
                            Op::WasNotIn
                        } else {
                            Op::WasIn
                        };
                    }
                    op
                }
                Some("changed") => Op::Changed,
                _ => return Err(self.no_operator(&t)),
            },
            _ => return Err(self.no_operator(&t)),
        };
        self.bump();
        Ok(op)
    }

    fn terminal(&mut self) -> Result<Clause, JqlError> {
        let field = self.field()?;
        let op = self.operator()?;
        let operand = if op == Op::Changed {
            None
        } else {
            Some(self.operand()?)
        };
        let mut preds = Vec::new();
        if op.is_history() {
            loop {
                let kind = match self.peek().word().as_deref() {
                    Some("from") => PredKind::From,
                    Some("to") => PredKind::To,
                    Some("by") => PredKind::By,
                    Some("before") => PredKind::Before,
                    Some("after") => PredKind::After,
                    Some("on") => PredKind::On,
                    Some("during") => PredKind::During,
                    _ => break,
                };
                self.bump();
                preds.push((kind, self.operand()?));
            }
        }
        Ok(Clause::Term(Terminal {
            field,
            op,
            operand,
            preds,
        }))
    }

    fn no_value(&self, t: &Token) -> JqlError {
        match &t.tok {
            Tok::Eof => syntax(
                "Expecting either a value, list or function before the end of the query.",
                t,
            ),
            Tok::Str {
                text,
                quoted: false,
            } => syntax(
                &format!(
                    "Expecting either a value, list or function but got '{text}'. You must surround '{text}' in quotation marks to use it as a value."
                ),
                t,
            ),
            _ => syntax(
                &format!(
                    "Expecting either a value, list or function but got '{}'.",
                    shown(t)
                ),
                t,
            ),
        }
    }

    fn operand(&mut self) -> Result<Operand, JqlError> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::LParen => {
                self.bump();
                self.enter()?;
                let mut items = Vec::new();
                loop {
                    let item = self.operand()?;
                    items.push(item);
                    let n = self.peek().clone();
                    match n.tok {
                        Tok::Comma => {
                            self.bump();
                        }
                        Tok::RParen => {
                            self.bump();
                            break;
                        }
                        Tok::Eof => return Err(self.expected_text("')'", &n)),
                        _ => {
                            return Err(syntax(
                                &format!("Expecting either ',' or ')' but got '{}'.", shown(&n)),
                                &n,
                            ));
                        }
                    }
                }
                self.depth -= 1;
                Ok(Operand::List(items))
            }
            Tok::Str { text, quoted } => {
                let lower = text.to_lowercase();
                if !quoted && (lower == "empty" || lower == "null") {
                    self.bump();
                    return Ok(Operand::Empty);
                }
                if !quoted && self.peek2().tok == Tok::LParen {
                    self.bump();
                    self.bump();
                    return self.function_args(text.clone());
                }
                if !quoted && is_reserved(&lower) {
                    return Err(self.no_value(&t));
                }
                self.bump();
                Ok(Operand::Value {
                    text: text.clone(),
                    quoted: *quoted,
                })
            }
            Tok::CustomField(n) => {
                self.bump();
                Ok(Operand::Value {
                    text: format!("cf[{n}]"),
                    quoted: false,
                })
            }
            _ => Err(self.no_value(&t)),
        }
    }

    fn function_args(&mut self, name: String) -> Result<Operand, JqlError> {
        let mut args = Vec::new();
        if self.peek().tok == Tok::RParen {
            self.bump();
            return Ok(Operand::Func { name, args });
        }
        loop {
            let t = self.peek().clone();
            match &t.tok {
                Tok::Str { text, .. } => {
                    self.bump();
                    args.push(text.clone());
                }
                Tok::Eof => return Err(self.expected_text("')'", &t)),
                _ => {
                    return Err(syntax(
                        &format!(
                            "Expecting a valid function argument but got '{}'.",
                            shown(&t)
                        ),
                        &t,
                    ));
                }
            }
            let n = self.peek().clone();
            match n.tok {
                Tok::Comma => {
                    self.bump();
                }
                Tok::RParen => {
                    self.bump();
                    return Ok(Operand::Func { name, args });
                }
                Tok::Eof => return Err(self.expected_text("')'", &n)),
                _ => {
                    return Err(syntax(
                        &format!("Expecting either ',' or ')' but got '{}'.", shown(&n)),
                        &n,
                    ));
                }
            }
        }
    }
}

/// Parses a query string.
pub fn parse(src: &str) -> Result<Query, JqlError> {
    let toks = tokenize(src)?;
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
    };
    let mut q = p.query()?;
    q.order_keys = q
        .order
        .iter()
        .map(|o| {
            let canonical = super::fields::canonical_order_name(&o.field);
            let desc = o
                .descending
                .unwrap_or_else(|| super::fields::default_descending(&canonical));
            OrderKey::new(canonical, desc)
        })
        .collect();
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
    }
}
