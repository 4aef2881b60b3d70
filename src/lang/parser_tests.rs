//! Unit tests of the parser: shapes (as compact S-expressions), errors, spans.

use super::*;

fn j<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(" ")
}

fn block(b: &Block) -> String {
    j(&b.stmts, stmt)
}

fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Pipeline(p) => pipe(p),
        StmtKind::Assign { target, op, value } => {
            format!("({op:?} {} {})", expr(target), stmt(value))
        }
        StmtKind::If {
            clauses,
            else_block,
        } => {
            let mut out = String::from("(if");
            for (c, b) in clauses {
                out.push_str(&format!(" {} {{{}}}", pipe(c), block(b)));
            }
            if let Some(b) = else_block {
                out.push_str(&format!(" else {{{}}}", block(b)));
            }
            out + ")"
        }
        StmtKind::Foreach {
            label,
            var,
            iter,
            body,
        } => {
            format!(
                "(foreach{} ${var} {} {{{}}})",
                lbl(label),
                pipe(iter),
                block(body)
            )
        }
        StmtKind::For {
            label,
            init,
            cond,
            step,
            body,
        } => format!(
            "(for{} {} {} {} {{{}}})",
            lbl(label),
            init.as_ref().map_or("_".into(), |s| stmt(s)),
            cond.as_ref().map_or("_".into(), pipe),
            step.as_ref().map_or("_".into(), |s| stmt(s)),
            block(body)
        ),
        StmtKind::While { label, cond, body } => {
            format!("(while{} {} {{{}}})", lbl(label), pipe(cond), block(body))
        }
        StmtKind::Switch(sw) => {
            let mut out = format!("(switch{}", lbl(&sw.label));
            match sw.mode {
                SwitchMode::Exact => {}
                SwitchMode::Wildcard => out.push_str(" -wildcard"),
                SwitchMode::Regex => out.push_str(" -regex"),
            }
            if sw.case_sensitive {
                out.push_str(" -casesensitive");
            }
            match &sw.input {
                SwitchInput::Value(p) => out.push_str(&format!(" {}", pipe(p))),
                SwitchInput::File(e) => out.push_str(&format!(" -file {}", expr(e))),
            }
            for c in &sw.clauses {
                out.push_str(&format!(" {} {{{}}}", expr(&c.cond), block(&c.body)));
            }
            if let Some(d) = &sw.default {
                out.push_str(&format!(" default {{{}}}", block(d)));
            }
            out + ")"
        }
        StmtKind::DoLoop {
            label,
            body,
            cond,
            until,
        } => {
            format!(
                "(do{} {{{}}} {} {})",
                lbl(label),
                block(body),
                if *until { "until" } else { "while" },
                pipe(cond)
            )
        }
        StmtKind::Break(l) => format!("(break{})", lbl(l)),
        StmtKind::Continue(l) => format!("(continue{})", lbl(l)),
        StmtKind::Return(p) => format!(
            "(return{})",
            p.as_ref()
                .map_or(String::new(), |p| format!(" {}", pipe(p)))
        ),
        StmtKind::Exit(p) => format!(
            "(exit{})",
            p.as_ref()
                .map_or(String::new(), |p| format!(" {}", pipe(p)))
        ),
        StmtKind::Throw(p) => format!(
            "(throw{})",
            p.as_ref()
                .map_or(String::new(), |p| format!(" {}", pipe(p)))
        ),
        StmtKind::Try {
            body,
            catches,
            finally,
        } => {
            let mut out = format!("(try {{{}}}", block(body));
            for c in catches {
                out.push_str(&format!(
                    " catch[{}] {{{}}}",
                    c.types.join(","),
                    block(&c.body)
                ));
            }
            if let Some(f) = finally {
                out.push_str(&format!(" finally {{{}}}", block(f)));
            }
            out + ")"
        }
        StmtKind::Function(f) => format!(
            "(function{} {} {})",
            if f.is_filter { "/filter" } else { "" },
            f.name,
            sb(&f.body)
        ),
    }
}

fn lbl(l: &Option<String>) -> String {
    l.as_ref().map_or(String::new(), |l| format!(" :{l}"))
}

fn pipe(p: &Pipeline) -> String {
    let els: Vec<String> = p
        .elements
        .iter()
        .map(|e| match e {
            PipelineElement::Expr(e) => expr(e),
            PipelineElement::Command(c) => cmd(c),
        })
        .collect();
    let redirs: Vec<String> = p
        .redirections
        .iter()
        .map(|r| match &r.target {
            RedirectTarget::MergeToOutput => format!("{}>&1", r.stream),
            RedirectTarget::File { path, append } => {
                format!(
                    "{}{} {}",
                    r.stream,
                    if *append { ">>" } else { ">" },
                    expr(path)
                )
            }
        })
        .collect();
    if els.len() == 1 && redirs.is_empty() {
        return els[0].clone();
    }
    let mut out = format!("(| {}", els.join(" "));
    for r in redirs {
        out.push_str(&format!(" [{r}]"));
    }
    out + ")"
}

fn cmd(c: &Command) -> String {
    let name = match &c.name {
        CommandName::Bare(n, _) => n.clone(),
        CommandName::Expr(e) => expr(e),
    };
    let inv = match c.invoke {
        InvokeKind::Plain => "",
        InvokeKind::Call => "& ",
        InvokeKind::Dot => ". ",
    };
    let mut out = format!("(cmd {inv}{name}");
    for a in &c.args {
        out.push(' ');
        out.push_str(&match a {
            CommandArg::Param {
                name,
                inline_value: None,
                ..
            } => format!("-{name}"),
            CommandArg::Param {
                name,
                inline_value: Some(v),
                ..
            } => format!("-{name}:{}", expr(v)),
            CommandArg::Value(e) => expr(e),
            CommandArg::Splat(n, _) => format!("@{n}"),
            CommandArg::EndOfParams(_) => "--".into(),
        });
    }
    out + ")"
}

fn sb(d: &ScriptBlockDef) -> String {
    let mut out = String::from("{");
    if d.cmdlet_binding {
        out.push_str("[CmdletBinding] ");
    }
    if !d.params.is_empty() {
        out.push_str(&format!("param({}) ", j(&d.params, param)));
    }
    for (n, b) in [("begin", &d.begin), ("process", &d.process)] {
        if let Some(b) = b {
            out.push_str(&format!("{n}{{{}}} ", block(b)));
        }
    }
    if let Some(b) = &d.end {
        if d.begin.is_some() || d.process.is_some() {
            out.push_str(&format!("end{{{}}}", block(b)));
        } else {
            out.push_str(&block(b));
        }
    }
    out.trim_end().to_string() + "}"
}

fn param(p: &ParamDecl) -> String {
    let mut out = String::new();
    if let Some(t) = &p.ty {
        out.push_str(&format!("[{t}]"));
    }
    out.push_str(&format!("${}", p.name));
    if let Some(d) = &p.default {
        out.push_str(&format!("={}", expr(d)));
    }
    out
}

fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(i) => i.to_string(),
        ExprKind::Double(d) => format!("{d}f"),
        ExprKind::Str { value, bare: true } => value.clone(),
        ExprKind::Str { value, bare: false } => format!("'{value}'"),
        ExprKind::ExpandStr(parts) => {
            let mut out = String::from("\"");
            for p in parts {
                match p {
                    StrPart::Lit(s) => out.push_str(s),
                    StrPart::Var(v) => out.push_str(&format!("${{{v}}}")),
                    StrPart::Sub(b) => out.push_str(&format!("$({})", block(b))),
                }
            }
            out + "\""
        }
        ExprKind::Var(v) => format!("${v}"),
        ExprKind::Array(items) => format!("(, {})", j(items, expr)),
        ExprKind::ArraySub(b) => format!("@({})", block(b)),
        ExprKind::SubExpr(b) => format!("$({})", block(b)),
        ExprKind::Paren(s) => format!("(paren {})", stmt(s)),
        ExprKind::Hashtable(entries) => {
            format!(
                "@{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{}={}", expr(k), stmt(v)))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        }
        ExprKind::ScriptBlock(d) => sb(d),
        ExprKind::TypeLit(t) => format!("[{t}]"),
        ExprKind::Cast { ty, expr: e } => format!("([{ty}] {})", expr(e)),
        ExprKind::Member {
            target,
            name,
            is_static,
        } => {
            format!(
                "({} {} {})",
                if *is_static { "::" } else { "." },
                expr(target),
                expr(name)
            )
        }
        ExprKind::MethodCall {
            target,
            name,
            args,
            is_static,
        } => format!(
            "({} {} {}({}))",
            if *is_static { "::call" } else { "call" },
            expr(target),
            name,
            j(args, expr)
        ),
        ExprKind::Index { target, index } => format!("([] {} {})", expr(target), expr(index)),
        ExprKind::Unary { op, expr: e } => format!("({op:?} {})", expr(e)),
        ExprKind::Binary { op, left, right } => format!("({op:?} {} {})", expr(left), expr(right)),
        ExprKind::IncDec {
            target,
            increment,
            prefix,
        } => format!(
            "({}{} {})",
            if *prefix { "pre" } else { "post" },
            if *increment { "++" } else { "--" },
            expr(target)
        ),
    }
}

/// Parses and shows the script as S-expressions (statements separated by ` ; `).
fn p(src: &str) -> String {
    match parse_script(src) {
        Ok(s) => {
            let mut out = String::new();
            if !s.params.is_empty() {
                out.push_str(&format!("param({}) ", j(&s.params, param)));
            }
            out + &s
                .body
                .stmts
                .iter()
                .map(stmt)
                .collect::<Vec<_>>()
                .join(" ; ")
        }
        Err(e) => panic!("parse failed for {src:?}: {}", e.render(src, "t")),
    }
}

fn perr(src: &str) -> ParseError {
    match parse_script(src) {
        Ok(s) => panic!(
            "expected an error for {src:?}, got {}",
            s.body
                .stmts
                .iter()
                .map(stmt)
                .collect::<Vec<_>>()
                .join(" ; ")
        ),
        Err(e) => e,
    }
}

/// Asserts the error message and whether it is incomplete.
fn check_err(src: &str, msg: &str, incomplete: bool) {
    let e = perr(src);
    assert_eq!(e.message, msg, "message for {src:?}");
    assert_eq!(
        e.incomplete, incomplete,
        "incomplete for {src:?}: {}",
        e.message
    );
}

// ---- command mode -----------------------------------------------------------------------------

#[test]
fn command_with_bare_words_params_and_arrays() {
    assert_eq!(
        p("Get-JiraIssue TEST-1 -Fields a,b -Force:$false"),
        "(cmd Get-JiraIssue TEST-1 -Fields (, a b) -Force:$false)"
    );
    assert_eq!(
        p("ls *.ps1 a/b.txt http://x/y"),
        "(cmd ls *.ps1 a/b.txt http://x/y)"
    );
    assert_eq!(p("Write-Output a,b,c"), "(cmd Write-Output (, a b c))");
    assert_eq!(p("f -Key $a,$b 1,2"), "(cmd f -Key (, $a $b) (, 1 2))");
    assert_eq!(p("f -Name: value"), "(cmd f -Name:value)");
}

#[test]
fn command_numbers_vs_bare_strings() {
    assert_eq!(p("f 5 0x10 1kb -3 1.5"), "(cmd f 5 16 1024 -3 1.5f)");
    assert_eq!(p("f 5a 1.2.3 1..3"), "(cmd f 5a 1.2.3 1..3)");
    assert_eq!(p("f -First -3"), "(cmd f -First -3)");
}

#[test]
fn command_end_of_params_and_splat() {
    assert_eq!(p("f -- -x @params"), "(cmd f -- -x @params)");
    assert_eq!(p("f @(1,2) @{a=1}"), "(cmd f @((, 1 2)) @{a=1})");
}

#[test]
fn command_expression_arguments_and_member_spacing() {
    assert_eq!(p("f $x.Key"), "(cmd f (. $x Key))");
    assert_eq!(p("f $x .Key"), "(cmd f $x .Key)");
    assert_eq!(
        p("f $x.Trim() $a[0] (1 + 2) 'q' \"a $b\""),
        "(cmd f (call $x Trim()) ([] $a 0) (paren (Add 1 2)) 'q' \"a ${b}\")"
    );
    assert_eq!(p("f [int]'5' { $_ }"), "(cmd f ([int] '5') {$_})");
}

#[test]
fn command_glued_text_expands() {
    assert_eq!(p("f $dir/file.txt"), "(cmd f \"$($dir)/file.txt\")");
    assert_eq!(
        p("Get-JiraIssue TEST-$n"),
        "(cmd Get-JiraIssue \"TEST-${n}\")"
    );
    assert_eq!(p("f a`nb"), "(cmd f a\nb)");
}

#[test]
fn call_and_dot_invocation() {
    assert_eq!(p("& $sb 1 2"), "(cmd & $sb 1 2)");
    assert_eq!(p("& 'my cmd' -x"), "(cmd & 'my cmd' -x)");
    assert_eq!(p("& { $args }"), "(cmd & {$args})");
    assert_eq!(p(". $sb"), "(cmd . $sb)");
    assert_eq!(p(". { 1 }"), "(cmd . {1})");
    assert_eq!(p(".\\script.ps1 -x"), "(cmd .\\script.ps1 -x)");
    assert_eq!(p("& foo"), "(cmd & foo)");
}

#[test]
fn statement_mode_detection() {
    assert_eq!(p("5"), "5");
    assert_eq!(p("7z a"), "(cmd 7z a)");
    assert_eq!(p("-not $x"), "(Not $x)");
    assert_eq!(p("'a' + 'b'"), "(Add 'a' 'b')");
    assert_eq!(p("% { $_ }"), "(cmd % {$_})");
}

// ---- pipelines and redirections ---------------------------------------------------------------

#[test]
fn pipelines() {
    assert_eq!(p("1..10 | % { $_ }"), "(| (Range 1 10) (cmd % {$_}))");
    assert_eq!(
        p("$issues | Select Key |\n  Sort Key"),
        "(| $issues (cmd Select Key) (cmd Sort Key))"
    );
    assert_eq!(p("a | foreach { 1 }"), "(| (cmd a) (cmd foreach {1}))");
    // A line starting with `|` continues the pipeline (PowerShell 7.2+).
    assert_eq!(
        p("Get-X -A 1\n  # note\n  | Select Key\n| Sort\n2"),
        "(| (cmd Get-X -A 1) (cmd Select Key) (cmd Sort)) ; 2"
    );
    assert_eq!(p("a\n\nb"), "(cmd a) ; (cmd b)");
}

#[test]
fn redirections() {
    assert_eq!(p("f > out.txt"), "(| (cmd f) [1> out.txt])");
    assert_eq!(p("f >> $log 2>&1"), "(| (cmd f) [1>> $log] [2>&1])");
    assert_eq!(p("f 2> err.txt"), "(| (cmd f) [2> err.txt])");
    assert_eq!(p("f *> all.txt"), "(| (cmd f) [0> all.txt])");
    assert_eq!(p("$x > $null"), "(| $x [1> $null])");
    assert_eq!(p("f a>b"), "(| (cmd f a) [1> b])");
}

#[test]
fn expression_after_first_pipeline_element_is_an_error() {
    check_err(
        "f | 1",
        "expressions are only allowed as the first element of a pipeline",
        false,
    );
    check_err(
        "f | $x",
        "expressions are only allowed as the first element of a pipeline",
        false,
    );
}

// ---- expressions ------------------------------------------------------------------------------

#[test]
fn precedence() {
    assert_eq!(p("1 + 2 * 3"), "(Add 1 (Mul 2 3))");
    assert_eq!(p("1,2 + 3"), "(Add (, 1 2) 3)");
    assert_eq!(
        p("$a -eq 1 -and $b -ne 2"),
        "(And (Eq(false) $a 1) (Ne(false) $b 2))"
    );
    assert_eq!(p("$a -or $b -and $c"), "(And (Or $a $b) $c)");
    assert_eq!(p("1 -band 3 -eq 1"), "(Eq(false) (BAnd 1 3) 1)");
    assert_eq!(p("'{0} {1}' -f $a, $b"), "(Format '{0} {1}' (, $a $b))");
    assert_eq!(p("'x' -f 1 + 2"), "(Add (Format 'x' 1) 2)");
    assert_eq!(p("1..3 + 1"), "(Add (Range 1 3) 1)");
    assert_eq!(p("-not $a -eq $b"), "(Eq(false) (Not $a) $b)");
    assert_eq!(p("!$a -and $b"), "(And (Not $a) $b)");
    assert_eq!(p("-$x * 2"), "(Mul (Neg $x) 2)");
    assert_eq!(p("-5 + 1"), "(Add -5 1)");
    assert_eq!(p("1 - -1"), "(Sub 1 -1)");
}

#[test]
fn comparison_variants() {
    assert_eq!(p("$a -ceq 'X'"), "(Eq(true) $a 'X')");
    assert_eq!(p("$a -ieq 'X'"), "(Eq(false) $a 'X')");
    assert_eq!(p("$a -clike 'X*'"), "(Like(true) $a 'X*')");
    assert_eq!(
        p("$a -notmatch 'x' -or $a -in $l"),
        "(Or (NotMatch(false) $a 'x') (In(false) $a $l))"
    );
    assert_eq!(p("$a -creplace 'a','b'"), "(Replace(true) $a (, 'a' 'b'))");
    assert_eq!(p("$a -is [int]"), "(Is $a [int])");
    assert_eq!(p("$a -as [string]"), "(As $a [string])");
    assert_eq!(p("$a -csplit ','"), "(Split(true) $a ',')");
    assert_eq!(p("$a -join ','"), "(Join $a ',')");
    assert_eq!(p("$a -notcontains 1"), "(NotContains(false) $a 1)");
    assert_eq!(p("1,2,3 -contains 2"), "(Contains(false) (, 1 2 3) 2)");
    assert_eq!(p("$a -ccontains 'A'"), "(Contains(true) $a 'A')");
    assert_eq!(p("$a -icontains 'A'"), "(Contains(false) $a 'A')");
    assert_eq!(p("$a -cin $b"), "(In(true) $a $b)");
    assert_eq!(p("$a -inotin $b"), "(NotIn(false) $a $b)");
    assert_eq!(
        p("$a -in $b -or $a -is [int] -and $a -isnot [string]"),
        "(And (Or (In(false) $a $b) (Is $a [int])) (IsNot $a [string]))"
    );
    assert_eq!(
        p("$a -cne 1 -and $a -cgt 1 -and $a -cnotmatch 'x'"),
        "(And (And (Ne(true) $a 1) (Gt(true) $a 1)) (NotMatch(true) $a 'x'))"
    );
    check_err("$a -cand $b", "unexpected token '-cand'", false);
}

#[test]
fn unary_operators() {
    assert_eq!(p("-join $a"), "(Join $a)");
    assert_eq!(p("-split 'a b', 'c'"), "(, (Split 'a b') 'c')");
    assert_eq!(p(",$x"), "(Comma $x)");
    assert_eq!(p("-bnot 5"), "(BNot 5)");
    assert_eq!(p("++$i"), "(pre++ $i)");
    assert_eq!(p("$i++"), "(post++ $i)");
    assert_eq!(p("$a[0]--"), "(post-- ([] $a 0))");
}

#[test]
fn binary_operator_then_newline() {
    assert_eq!(p("$x = 1 +\n  2"), "(Assign $x (Add 1 2))");
    assert_eq!(p("$a -and\n$b"), "(And $a $b)");
}

#[test]
fn numbers() {
    assert_eq!(p("1.5"), "1.5f");
    assert_eq!(p("1e3"), "1000f");
    assert_eq!(p(".5"), "0.5f");
    assert_eq!(p("0x1F"), "31");
    assert_eq!(p("2KB"), "2048");
    assert_eq!(p("1.5mb"), "1572864f");
    assert_eq!(p("10l"), "10");
    assert_eq!(p("9223372036854775808"), "9223372036854776000f");
    assert_eq!(p("0xFFFFFFFFFFFFFFFF"), "-1");
}

#[test]
fn variables() {
    assert_eq!(p("$_"), "$_");
    assert_eq!(p("$PSItem"), "$PSItem");
    assert_eq!(p("$?"), "$?");
    assert_eq!(p("$$"), "$$");
    assert_eq!(p("$^"), "$^");
    assert_eq!(p("${odd name}"), "$odd name");
    assert_eq!(p("$script:x"), "$script:x");
    assert_eq!(p("$env:PATH"), "$env:PATH");
    assert_eq!(p("$Global:y"), "$Global:y");
}

#[test]
fn postfix_chains() {
    assert_eq!(p("$x.a.b"), "(. (. $x a) b)");
    assert_eq!(p("$x.$name"), "(. $x $name)");
    assert_eq!(p("$x.'odd key'"), "(. $x 'odd key')");
    assert_eq!(p("$s.Split(',', 2)"), "(call $s Split(',' 2))");
    assert_eq!(p("$s.Replace('a',\n 'b')"), "(call $s Replace('a' 'b'))");
    assert_eq!(p("$a[1..3]"), "([] $a (Range 1 3))");
    assert_eq!(p("$a[-1]"), "([] $a -1)");
    assert_eq!(p("$h['k'].Count"), "(. ([] $h 'k') Count)");
    assert_eq!(
        p("(Get-Date).AddDays(-7)"),
        "(call (paren (cmd Get-Date)) AddDays(-7))"
    );
}

#[test]
fn types_and_casts() {
    assert_eq!(p("[int]$x"), "([int] $x)");
    assert_eq!(p("[int] $x"), "([int] $x)");
    assert_eq!(p("[string[]]$a"), "([string[]] $a)");
    assert_eq!(p("[datetime]::Now"), "(:: [datetime] Now)");
    assert_eq!(p("[math]::Round(1.5)"), "(::call [math] Round(1.5f))");
    assert_eq!(
        p("[pscredential]::new($u, $p)"),
        "(::call [pscredential] new($u $p))"
    );
    assert_eq!(p("[ordered]@{}"), "([ordered] @{})");
    assert_eq!(p("[pscustomobject]@{ a = 1 }"), "([pscustomobject] @{a=1})");
    assert_eq!(
        p("[System.Management.Automation.PSCredential]"),
        "[System.Management.Automation.PSCredential]"
    );
    assert_eq!(p("[int]$x.Length"), "([int] (. $x Length))");
    assert_eq!(p("[datetime]'2026-12-01'"), "([datetime] '2026-12-01')");
}

#[test]
fn grouping_and_subexpressions() {
    assert_eq!(p("($x = 5)"), "(paren (Assign $x 5))");
    assert_eq!(p("$(1; 2)"), "$(1 2)");
    assert_eq!(p("@(foreach ($i in $l) { $i })"), "@((foreach $i $l {$i}))");
    assert_eq!(p("@(\n 1\n 2\n)"), "@(1 2)");
    assert_eq!(p("(\n 1 + 2\n)"), "(paren (Add 1 2))");
}

#[test]
fn hashtables() {
    assert_eq!(
        p("@{ k = 1; 'k 2' = 'v'\n k3 = 3 }"),
        "@{k=1; 'k 2'='v'; k3=3}"
    );
    assert_eq!(
        p("@{ n = 'X'; e = { $_.Key } }"),
        "@{n='X'; e={(. $_ Key)}}"
    );
    assert_eq!(
        p("@{ 1 = 'a'; ($k) = 2; Content-Type = 'x' }"),
        "@{1='a'; (paren $k)=2; Content-Type='x'}"
    );
    assert_eq!(p("@{\n}"), "@{}");
    assert_eq!(
        p("@{ a = Get-X | Select -First 1 }"),
        "@{a=(| (cmd Get-X) (cmd Select -First 1))}"
    );
}

#[test]
fn script_blocks() {
    assert_eq!(p("{ param($a) $a }"), "{param($a) $a}");
    assert_eq!(
        p("{ begin { 1 } process { 2 } end { 3 } }"),
        "{begin{1} process{2} end{3}}"
    );
    assert_eq!(p("{}"), "{}");
    assert_eq!(
        p("{ [CmdletBinding()] param([int]$n = 2) }"),
        "{[CmdletBinding] param([int]$n=2)}"
    );
}

// ---- strings ----------------------------------------------------------------------------------

#[test]
fn single_quoted_strings() {
    assert_eq!(p("'it''s'"), "'it's'");
    assert_eq!(p("'a $b `n'"), "'a $b `n'");
}

#[test]
fn expandable_strings() {
    assert_eq!(p("\"a $name b\""), "\"a ${name} b\"");
    assert_eq!(p("\"${name}x\""), "\"${name}x\"");
    assert_eq!(p("\"$script:x $env:HOME\""), "\"${script:x} ${env:HOME}\"");
    assert_eq!(p("\"$name.Prop\""), "\"${name}.Prop\"");
    assert_eq!(p("\"$($x.Prop)\""), "\"$((. $x Prop))\"");
    assert_eq!(p("\"$a:b\""), "\"${a}:b\"");
    assert_eq!(p("\"say \"\"hi\"\"\""), "'say \"hi\"'");
    assert_eq!(p("\"`t`n`\"`$`'``\""), "'\t\n\"$'`'");
    assert_eq!(p("\"`0`a`b`f`v`e`r\""), "'\0\x07\x08\x0c\x0b\x1b\r'");
    assert_eq!(p("\"cost: $ 5\""), "'cost: $ 5'");
    assert_eq!(p("\"$($x.Name + \"!\")\""), "\"$((Add (. $x Name) '!'))\"");
    assert_eq!(p("\"`u{263A}\""), "'\u{263A}'");
}

#[test]
fn here_strings() {
    assert_eq!(p("@'\nline 1\n  '@ not end\n'@"), "'line 1\n  '@ not end'");
    assert_eq!(
        p("@\"\nhi $name\nbye \"quoted\"\n\"@"),
        "\"hi ${name}\nbye \"quoted\"\""
    );
    assert_eq!(p("@'\n'@"), "''");
    assert_eq!(p("@'\r\nx\r\n'@"), "'x'");
    assert_eq!(
        p("$x = @\"\n$(1 + 1)\n\"@; 2"),
        "(Assign $x \"$((Add 1 1))\") ; 2"
    );
}

// ---- statements -------------------------------------------------------------------------------

#[test]
fn assignments() {
    assert_eq!(p("$x = 1"), "(Assign $x 1)");
    assert_eq!(
        p("$n += 1; $n -= 1; $n *= 2; $n /= 2; $n %= 2"),
        "(Add $n 1) ; (Sub $n 1) ; (Mul $n 2) ; (Div $n 2) ; (Rem $n 2)"
    );
    assert_eq!(p("$h.K = 1"), "(Assign (. $h K) 1)");
    assert_eq!(p("$a.b.c = 1"), "(Assign (. (. $a b) c) 1)");
    assert_eq!(p("$a[0] = 1"), "(Assign ([] $a 0) 1)");
    assert_eq!(p("$h['k'] = 1"), "(Assign ([] $h 'k') 1)");
    assert_eq!(p("[int]$x = 5"), "(Assign ([int] $x) 5)");
    assert_eq!(
        p("$x = Get-Foo | Select -First 1"),
        "(Assign $x (| (cmd Get-Foo) (cmd Select -First 1)))"
    );
    assert_eq!(p("$x =\n 1"), "(Assign $x 1)");
    assert_eq!(p("$a = $b = 2"), "(Assign $a (Assign $b 2))");
    assert_eq!(p("$x = -1"), "(Assign $x -1)");
}

#[test]
fn invalid_assignment_target() {
    check_err(
        "1 = 2",
        "the left side of an assignment must be a variable, member or index",
        false,
    );
}

#[test]
fn if_elseif_else() {
    assert_eq!(p("if ($a) { 1 }"), "(if $a {1})");
    assert_eq!(
        p("IF ($a) { 1 } ElseIf ($b) { 2 } ELSE { 3 }"),
        "(if $a {1} $b {2} else {3})"
    );
    assert_eq!(p("if ($a) {\n 1\n}\nelse {\n 2\n}"), "(if $a {1} else {2})");
    assert_eq!(p("if ($a) { 1 }\n\n2"), "(if $a {1}) ; 2");
    assert_eq!(
        p("if ($m = $s -match 'x') { }"),
        "(if (paren (Assign $m (Match(false) $s 'x'))) {})"
    );
    assert_eq!(p("if (Test-Path x) { }"), "(if (cmd Test-Path x) {})");
}

#[test]
fn loops() {
    assert_eq!(
        p("foreach ($i in $issues) { $i }"),
        "(foreach $i $issues {$i})"
    );
    assert_eq!(
        p("foreach ($i in Get-X | Sort) {}"),
        "(foreach $i (| (cmd Get-X) (cmd Sort)) {})"
    );
    assert_eq!(
        p("for ($i = 0; $i -lt 3; $i++) { $i }"),
        "(for (Assign $i 0) (Lt(false) $i 3) (post++ $i) {$i})"
    );
    assert_eq!(p("for (;;) { break }"), "(for _ _ _ {(break)})");
    assert_eq!(
        p("while ($true) { continue }"),
        "(while $true {(continue)})"
    );
    assert_eq!(p("do { 1 } while ($x)"), "(do {1} while $x)");
    assert_eq!(p("do { 1 }\nuntil ($x)"), "(do {1} until $x)");
    assert_eq!(
        p(":outer foreach ($a in $b) { break outer }"),
        "(foreach :outer $a $b {(break :outer)})"
    );
    assert_eq!(
        p(":l while (1) { continue l }"),
        "(while :l 1 {(continue :l)})"
    );
}

#[test]
fn switch_statements() {
    assert_eq!(
        p("switch ($s) { 'a' { 1 } Done { 2 }; 3 { break } default { 4 } }"),
        "(switch $s 'a' {1} Done {2} 3 {(break)} default {4})"
    );
    assert_eq!(
        p(
            "switch -Regex -CaseSensitive ($k)\n{\n  '^T-\\d+$' { $Matches[0] }\n  { $_ -gt 1 } { 'big' }\n}"
        ),
        "(switch -regex -casesensitive $k '^T-\\d+$' {([] $Matches 0)} {(Gt(false) $_ 1)} {'big'})"
    );
    assert_eq!(
        p(":s switch -w -file $f { 'x*' { continue s } }"),
        "(switch :s -wildcard -file $f 'x*' {(continue :s)})"
    );
    assert_eq!(
        p("switch (Get-X | Sort) { DEFAULT { } }"),
        "(switch (| (cmd Get-X) (cmd Sort)) default {})"
    );
    assert_eq!(
        p("$r = switch (1) { 1 { 'a' } }"),
        "(Assign $r (switch 1 1 {'a'}))"
    );
    assert_eq!(
        p("switch ($x) { 1 { 'one' } 'a*' { 'a' } default { 'other' } }"),
        "(switch $x 1 {'one'} 'a*' {'a'} default {'other'})"
    );
    assert_eq!(
        p("switch -Regex -CaseSensitive ($s)\n{\n  '^T' { 1 }; { $_ -gt 2 } { 2 }\n}"),
        "(switch -regex -casesensitive $s '^T' {1} {(Gt(false) $_ 2)} {2})"
    );
    assert_eq!(
        p("switch -Wildcard -File keys.txt { Done { 'x' } }"),
        "(switch -wildcard -file keys.txt Done {'x'})"
    );
    // `default` quoted is a pattern.
    assert_eq!(
        p("switch ($x) { 'default' { 1 } }"),
        "(switch $x 'default' {1})"
    );
}

#[test]
fn flow_statements() {
    assert_eq!(p("return"), "(return)");
    assert_eq!(p("return $x | Sort"), "(return (| $x (cmd Sort)))");
    assert_eq!(p("exit 3"), "(exit 3)");
    assert_eq!(p("exit"), "(exit)");
    assert_eq!(p("throw 'bad'"), "(throw 'bad')");
    assert_eq!(p("throw"), "(throw)");
    assert_eq!(p("{ return }"), "{(return)}");
}

#[test]
fn try_catch_finally() {
    assert_eq!(
        p(
            "try { 1 } catch [System.Net.WebException], [IOException] { 2 } catch { 3 } finally { 4 }"
        ),
        "(try {1} catch[System.Net.WebException,IOException] {2} catch[] {3} finally {4})"
    );
    assert_eq!(p("try {\n 1\n}\nfinally {\n}"), "(try {1} finally {})");
}

#[test]
fn functions() {
    assert_eq!(
        p("function Close-Issue { param([string]$Key, [switch]$Force) $Key }"),
        "(function Close-Issue {param([string]$Key [switch]$Force) $Key})"
    );
    assert_eq!(
        p("function f($a, [int]$b = 2) { }"),
        "(function f {param($a [int]$b=2)})"
    );
    assert_eq!(
        p("filter Odd { $_ }"),
        "(function/filter Odd {process{(Get-Item)}})".replace("(Get-Item)", "$_")
    );
    assert_eq!(
        p("function f {\n begin {} process { $_ } end {}\n}"),
        "(function f {begin{} process{$_} end{}})"
    );
    assert_eq!(p("function global:f { 1 }"), "(function global:f {1})");
}

#[test]
fn param_attributes() {
    let s = parse_script(
        "[CmdletBinding()]\nparam(\n  [Parameter(Mandatory, Position=0, ValueFromPipeline, ValueFromPipelineByPropertyName, HelpMessage='the key')]\n  [Alias('k','id')]\n  [ValidateSet('a','b')]\n  [ValidateNotNullOrEmpty()]\n  [string[]]$Names = @(),\n  [Parameter(Mandatory=$false)][switch]$Force\n)\n$Names",
    )
    .unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(s.params.len(), 2);
    let a = &s.params[0];
    assert_eq!(a.name, "Names");
    assert_eq!(a.ty.as_deref(), Some("string[]"));
    assert!(a.attrs.mandatory && a.attrs.from_pipeline && a.attrs.from_pipeline_by_name);
    assert_eq!(a.attrs.position, Some(0));
    assert_eq!(a.attrs.help.as_deref(), Some("the key"));
    assert_eq!(a.attrs.aliases, vec!["k", "id"]);
    assert_eq!(a.attrs.validate_set, vec!["a", "b"]);
    assert!(a.default.is_some());
    let f = &s.params[1];
    assert_eq!(f.ty.as_deref(), Some("switch"));
    assert!(!f.attrs.mandatory);
    assert_eq!(s.body.stmts.len(), 1);
}

#[test]
fn script_param_block_goes_to_script_params() {
    assert_eq!(p("param($a, $b = 1)\n$a"), "param($a $b=1) $a");
    // A type-cast statement is not mistaken for attributes.
    assert_eq!(p("[int]$x = 5"), "(Assign ([int] $x) 5)");
}

#[test]
fn separators_comments_and_continuations() {
    assert_eq!(p("1; 2\n3"), "1 ; 2 ; 3");
    assert_eq!(p("# c\n1 # trailing\n<# block\n comment #> 2"), "1 ; 2");
    assert_eq!(p("Get-X `\n  -Name a"), "(cmd Get-X -Name a)");
    assert_eq!(p("f a#b"), "(cmd f a#b)");
    assert_eq!(p("\r\n1\r\n2\r\n"), "1 ; 2");
    assert_eq!(p(""), "");
}

// ---- errors and incompleteness ----------------------------------------------------------------

#[test]
fn unclosed_constructs_are_incomplete() {
    check_err(
        "if ($x) {",
        "missing closing '}' for the block opened at line 1",
        true,
    );
    check_err("$a = (1 +", "missing expression after operator '+'", true);
    check_err("(1", "missing closing ')' after expression", true);
    check_err(
        "@(1",
        "missing closing ')' for the '@(' opened at line 1",
        true,
    );
    check_err(
        "$(1",
        "missing closing ')' for the '$(' opened at line 1",
        true,
    );
    check_err(
        "@{ a = 1",
        "missing closing '}' for the hashtable opened at line 1",
        true,
    );
    check_err("$a[0", "missing closing ']' after the index", true);
    check_err("'abc", "the string is missing its terminator '''", true);
    check_err("\"abc", "the string is missing its terminator '\"'", true);
    check_err(
        "\"$(1 + 2",
        "missing closing ')' for the '$(' opened at line 1",
        true,
    );
    check_err(
        "@'\nabc",
        "the here-string is missing its terminator ''@'",
        true,
    );
    check_err(
        "@\"\nabc\n",
        "the here-string is missing its terminator '\"@'",
        true,
    );
    let e = perr("@'\nabc\n  '@");
    assert!(
        !e.incomplete,
        "an indented terminator is reported, not waited for"
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("the closing ''@' must be at the start of a line")
    );
    check_err("<# open", "missing end of block comment '#>'", true);
    check_err("Get-X |", "missing command after '|'", true);
    check_err("Get-X |\n", "missing command after '|'", true);
    check_err("Get-X `", "missing continuation line after '`'", true);
    check_err(
        "if ($x)",
        "missing statement block after if ( condition )",
        true,
    );
    check_err("if", "missing '(' after 'if'", true);
    check_err(
        "if ($x) {} else",
        "missing statement block after 'else'",
        true,
    );
    check_err(
        "foreach ($i in $l)",
        "missing statement block after foreach ( … )",
        true,
    );
    check_err("try { }", "missing catch or finally block after try", true);
    check_err(
        "do { }",
        "missing 'while' or 'until' after the do loop body",
        true,
    );
    check_err("function f", "missing body after function 'f'", true);
    check_err(
        "{ param($a",
        "missing closing ')' in the parameter list",
        true,
    );
    check_err(
        "$x.Foo(1,",
        "missing closing ')' after the method arguments",
        true,
    );
    check_err("$x = ", "missing expression after '='", true);
    check_err("${abc", "missing closing '}' in the variable name", true);
    check_err("f -x:", "missing value after parameter '-x:'", true);
    check_err("[int", "missing closing ']' after the type name", true);
    check_err("switch", "missing '(' after 'switch'", true);
    check_err(
        "switch ($x)",
        "missing '{' with the clauses after 'switch ( … )'",
        true,
    );
    check_err(
        "switch ($x) {\n 1 { 'one' }",
        "missing closing '}' for the switch opened at line 1",
        true,
    );
}

#[test]
fn other_errors_are_complete() {
    check_err("}", "unexpected token '}'", false);
    check_err("1 )", "unexpected token ')'", false);
    check_err("if $x { }", "missing '(' after 'if'", false);
    check_err(
        "if ($x) { } else 1",
        "missing statement block after 'else'",
        false,
    );
    check_err("$x in $y", "unexpected token 'in'", false);
    check_err(
        "@{ x 1 }",
        "missing '=' or value after key 'x' in hashtable literal",
        false,
    );
    check_err("(1 2)", "missing closing ')' after expression", false);
    check_err("{ )", "unexpected token ')'", false);
    check_err("1 +)", "missing expression after operator '+'", false);
    check_err(
        "foreach ($i $l) {}",
        "missing 'in' after the variable in the foreach loop",
        false,
    );
    check_err(
        "switch -fast ($x) {}",
        "unknown switch option '-fast': expected -regex, -wildcard, -exact, -casesensitive or -file",
        false,
    );
    check_err("switch $x { }", "missing '(' after 'switch'", false);
    check_err(
        "switch ($x) { default { } default { } }",
        "a switch statement may have only one default clause",
        false,
    );
    check_err(
        "switch ($x) { 1 2 }",
        "missing statement block after the switch condition",
        false,
    );
    check_err(
        "switch ($x) { 1 }",
        "missing statement block after the switch condition",
        false,
    );
    check_err(
        "switch ($x) 1",
        "missing '{' with the clauses after 'switch ( … )'",
        false,
    );
    check_err(
        "trap { }",
        "the 'trap' statement is not supported by jirash",
        false,
    );
    check_err(
        "$a -bxor 1",
        "the operator '-bxor' is not supported by jirash",
        false,
    );
    check_err(
        "f && g",
        "the '&&' and '||' operators are not supported",
        false,
    );
    check_err("1 + 5a", "unexpected token '5a'", false);
    check_err("$x = 1 $y", "unexpected token '$'", false);
    check_err(
        "@'abc\n'@",
        "no characters are allowed after the here-string header '@' on the same line",
        false,
    );
    check_err("f | | g", "an empty pipe element is not allowed", false);
    check_err(
        "try { } catch",
        "missing statement block after 'catch'",
        true,
    );
    check_err(
        "1; param($a)",
        "param() must be the first thing in a script or script block",
        false,
    );
}

#[test]
fn nesting_too_deep_is_an_error_not_a_crash() {
    for open in ["(", "{", "@(", "$(", "[int]", "-", "!", ",", "@{a="] {
        let src = open.repeat(5000);
        let e = perr(&src);
        assert!(
            e.message == "nesting is too deep" || e.incomplete,
            "{open}: {}",
            e.message
        );
    }
    // Realistic nesting parses, in debug builds too (see STACK_BUDGET).
    let deep = format!("{}1{}", "(".repeat(25), ")".repeat(25));
    assert!(parse_script(&deep).is_ok());
    let deep = format!("{}{}", "if ($x) {".repeat(20), "}".repeat(20));
    assert!(parse_script(&deep).is_ok());
    let e = perr(&format!("{}1{}", "(".repeat(400), ")".repeat(400)));
    assert_eq!(e.message, "nesting is too deep");
    assert!(!e.incomplete);
}

#[test]
fn nesting_limit_fits_a_small_stack() {
    // Test threads have 2 MiB stacks; the limit must be reached before the stack runs out.
    let h = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            for open in [
                "(",
                "{",
                "@(",
                "$(",
                "\"$(",
                "@{a=",
                "if ($x) {",
                "f (",
                "$a[",
            ] {
                let _ = parse_script(&open.repeat(2000));
            }
        })
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    assert!(h.join().is_ok());
}

// ---- spans ------------------------------------------------------------------------------------

#[test]
fn spans_point_at_source() {
    let src = "$a = 1\nGet-X -Name 'v' | Sort\n  if ($é) { $b }";
    let s = parse_script(src).unwrap_or_else(|e| panic!("{}", e.message));
    let st = &s.body.stmts;
    assert_eq!(&src[st[0].span.start..st[0].span.end], "$a = 1");
    assert_eq!((st[1].span.line, st[1].span.col), (2, 1));
    assert_eq!(
        &src[st[1].span.start..st[1].span.end],
        "Get-X -Name 'v' | Sort"
    );
    let StmtKind::Pipeline(pl) = &st[1].kind else {
        panic!("pipeline")
    };
    let PipelineElement::Command(c) = &pl.elements[0] else {
        panic!("command")
    };
    let CommandArg::Param { span, .. } = &c.args[0] else {
        panic!("param")
    };
    assert_eq!(&src[span.start..span.end], "-Name");
    assert_eq!((span.line, span.col), (2, 7));
    let CommandArg::Value(v) = &c.args[1] else {
        panic!("value")
    };
    assert_eq!(&src[v.span.start..v.span.end], "'v'");
    assert_eq!((st[2].span.line, st[2].span.col), (3, 3));
    let StmtKind::If { clauses, .. } = &st[2].kind else {
        panic!("if")
    };
    let PipelineElement::Expr(cond) = &clauses[0].0.elements[0] else {
        panic!("expr")
    };
    assert_eq!(&src[cond.span.start..cond.span.end], "$é");
    let inner = &clauses[0].1.stmts[0];
    // `$é` is 3 bytes but 2 characters: `{` is column 11, `$b` column 13.
    assert_eq!((inner.span.line, inner.span.col), (3, 15 - 2));
}

#[test]
fn command_span_excludes_trailing_blanks_and_comments() {
    let src = "f a  # note\ng";
    let s = parse_script(src).unwrap_or_else(|e| panic!("{}", e.message));
    let st = &s.body.stmts[0];
    assert_eq!(&src[st.span.start..st.span.end], "f a");
    let StmtKind::Pipeline(pl) = &st.kind else {
        panic!("pipeline")
    };
    let PipelineElement::Command(c) = &pl.elements[0] else {
        panic!("command")
    };
    assert_eq!(&src[c.span.start..c.span.end], "f a");
}

#[test]
fn binary_and_member_spans_cover_operands() {
    let src = "x; $a.b.c + $d[0]";
    let s = parse_script(src).unwrap_or_else(|e| panic!("{}", e.message));
    let StmtKind::Pipeline(pl) = &s.body.stmts[1].kind else {
        panic!("pipeline")
    };
    let PipelineElement::Expr(e) = &pl.elements[0] else {
        panic!("expr")
    };
    assert_eq!(&src[e.span.start..e.span.end], "$a.b.c + $d[0]");
    let ExprKind::Binary { left, right, .. } = &e.kind else {
        panic!("binary")
    };
    assert_eq!(&src[left.span.start..left.span.end], "$a.b.c");
    assert_eq!(&src[right.span.start..right.span.end], "$d[0]");
    assert_eq!(left.span.col, 4);
}

#[test]
fn error_spans_and_render() {
    let src = "$a = 1\n\nif ($x) {\n  Get-X\n";
    let e = perr(src);
    assert_eq!((e.span.line, e.span.col), (3, 9));
    assert_eq!(
        e.render(src, "script.ps1"),
        "ParserError: script.ps1:3:9: missing closing '}' for the block opened at line 3\n 3 | if ($x) {\n   |         ^"
    );
    let src = "Get-X }";
    let e = perr(src);
    assert_eq!(
        e.render(src, "-c"),
        "ParserError: -c:1:7: unexpected token '}'\n 1 | Get-X }\n   |       ^"
    );
    let src = "x\n'abc";
    let e = perr(src);
    assert_eq!((e.span.line, e.span.col), (2, 1));
}

#[test]
fn script_block_keeps_source_and_span() {
    let src = "$f = { $_ + 1 }";
    let s = parse_script(src).unwrap_or_else(|e| panic!("{}", e.message));
    let StmtKind::Assign { value, .. } = &s.body.stmts[0].kind else {
        panic!("assign")
    };
    let StmtKind::Pipeline(pl) = &value.kind else {
        panic!("pipeline")
    };
    let PipelineElement::Expr(Expr {
        kind: ExprKind::ScriptBlock(sb),
        ..
    }) = &pl.elements[0]
    else {
        panic!("sb")
    };
    assert_eq!(&sb.source[sb.span.start..sb.span.end], "{ $_ + 1 }");
    assert_eq!(&*s.source, src);
}

#[test]
fn realistic_jiraps_script() {
    let src = include_str!("parser_tests_sample.ps1");
    let expected = [
        r#"param([string]$Project [int]$Days=7) (cmd Set-JiraConfigServer -Server 'https://jira.example.com')"#,
        r#"(Assign $cred (cmd Get-Credential -UserName 'me'))"#,
        r#"(| (cmd New-JiraSession -Credential $cred) (cmd Out-Null))"#,
        r#"(Assign $since (call (call (paren (cmd Get-Date)) AddDays((Neg $Days))) ToString('yyyy-MM-dd')))"#,
        r#"(Assign $jql "project = ${Project} AND updated >= '${since}' ORDER BY updated DESC")"#,
        r#"(Assign $issues (cmd Get-JiraIssue -Query $jql -Fields (, key summary status)))"#,
        r#"(Assign $report (foreach $i $issues {([pscustomobject] @{Key=(. $i Key); Summary=(. $i Summary); Status=(. (. $i Status) Name); Late=(if (Ne(false) (. $i Status) 'Done') {$true} else {$false})})}))"#,
        r#"(| $report (cmd Where-Object {(. $_ Late)}) (cmd Sort-Object Key) (cmd Format-Table -AutoSize))"#,
        r#"(| $report (cmd Export-Csv -Path "report-$((cmd Get-Date -Format yyyyMMdd)).csv" -NoTypeInformation))"#,
        r#"(try {(| (cmd Get-JiraIssue -Key "${Project}-1" -ErrorAction Stop) (cmd Select-Object -ExpandProperty Summary))} catch[System.Net.WebException] {(cmd Write-Warning "failed: $((. (. $_ Exception) Message))")} finally {(cmd Remove-JiraSession)})"#,
        r#"(Assign $count (. (paren (| $issues (cmd Measure-Object))) Count))"#,
        r#"(cmd Write-Host (paren (Format '{0} issues, {1:N1}% late' (, $count (paren (Div (Mul 100 (. @((| $report (cmd ? Late))) Count)) (::call [math] Max(1 $count))))))) -ForegroundColor Green)"#,
        r#"(exit 0)"#,
    ];
    assert_eq!(p(src), expected.join(" ; "));
}

#[test]
fn large_scripts_parse_in_linear_time() {
    let mut src = String::new();
    for i in 0..2_000 {
        src.push_str(&format!("$x{i} = {i} + 2 * $y.Count\n"));
        src.push_str("foreach ($item in $list) { $s = \"Item $($item.Key): é\" -f $a, $b }\n");
        src.push_str(&format!(
            "Get-JiraIssue -Key TEST-{i} | Where-Object {{ $_.Status -eq 'Done' }}\n"
        ));
        src.push_str(
            "if ($x -like 'a*' -and -not $y) { $z = $x.ToUpper() } else { $z = @{ a = 1 } }\n",
        );
        src.push_str("for ($j = 0; $j -lt 10; $j++) { $t += [string]$j }\n");
    }
    let t = std::time::Instant::now();
    let s = parse_script(&src).unwrap_or_else(|e| panic!("{}", e.message));
    assert_eq!(s.body.stmts.len(), 10_000);
    // Release builds take a few tens of milliseconds; this only catches quadratic behaviour.
    assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
    // One huge non-ASCII line.
    let line = "$a = 'é'; ".repeat(20_000);
    let t = std::time::Instant::now();
    assert_eq!(
        parse_script(&line).map(|s| s.body.stmts.len()).ok(),
        Some(20_000)
    );
    assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
}
