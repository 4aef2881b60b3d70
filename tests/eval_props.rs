//! Property test of the evaluator: random but well-formed programs (expressions of every kind,
//! assignments, conditionals, bounded loops, functions, pipelines through the object commands, try/catch)
//! and random token soup that happens to parse all run to an exit status without panicking.
//! A watchdog sets the interpreter's cancel flag if a program runs too long, so a hang shows
//! up as a failure to finish, not a stuck test.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use jirash::eval::Interp;
use jirash::lang::parser::parse_script;
use jirash::output::{Host, TermInfo};
use proptest::prelude::*;

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        (-50i64..50).prop_map(|n| n.to_string()),
        "[a-z ]{0,6}".prop_map(|s| format!("'{s}'")),
        "[a-z]{0,4}".prop_map(|s| format!("\"x$a{s}\"")),
        Just("1.5".to_owned()),
        Just("0x1F".to_owned()),
        Just("$null".to_owned()),
        Just("$true".to_owned()),
        Just("$false".to_owned()),
        Just("$a".to_owned()),
        Just("$b".to_owned()),
        Just("$h".to_owned()),
        Just("$undefined".to_owned()),
        Just("(0..4)".to_owned()),
        Just("@()".to_owned()),
        Just("[datetime]'2026-12-01'".to_owned()),
        Just("[timespan]'01:30:00'".to_owned()),
    ]
}

const BINOPS: &[&str] = &[
    "+",
    "-",
    "/",
    "%",
    "-eq",
    "-ne",
    "-gt",
    "-lt",
    "-ge",
    "-le",
    "-like",
    "-notlike",
    "-match",
    "-notmatch",
    "-contains",
    "-notcontains",
    "-in",
    "-notin",
    "-and",
    "-or",
    "-xor",
    "-band",
    "-bor",
    "-join",
    "-split",
    "-replace",
    "-f",
    "-is",
    "-as",
    "-ceq",
    "-ilike",
];

const METHODS: &[&str] = &[
    ".ToUpper()",
    ".ToLower()",
    ".Trim()",
    ".Length",
    ".Count",
    ".Split(',')",
    ".Replace('a','b')",
    ".Contains('a')",
    ".StartsWith('x')",
    ".Substring(1)",
    ".IndexOf('a')",
    ".GetType()",
    ".ToString()",
    ".Keys",
    ".AddDays(1)",
    "[0]",
    "[-1]",
    "[1..2]",
    ".PadLeft(3)",
    ".TotalMinutes",
    ".Name",
];

const CASTS: &[&str] = &[
    "[int]",
    "[string]",
    "[double]",
    "[bool]",
    "[array]",
    "[string[]]",
    "[int[]]",
    "[char]",
    "[hashtable]",
    "[pscustomobject]",
    "[datetime]",
    "[regex]",
    "[long]",
];

fn expr() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 40, 3, |inner| {
        prop_oneof![
            (inner.clone(), prop::sample::select(BINOPS), inner.clone())
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            // Multiplication only by a small literal, so values cannot grow without bound.
            (inner.clone(), 0i64..4).prop_map(|(a, n)| format!("({a} * {n})")),
            (inner.clone(), prop::sample::select(METHODS)).prop_map(|(a, m)| format!("({a}){m}")),
            (prop::sample::select(CASTS), inner.clone()).prop_map(|(c, a)| format!("{c}({a})")),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("@({})", v.join(", "))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("@{{k = {a}; 'n' = {b}}}")),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("[pscustomobject]@{{Name = {a}; Value = {b}}}")),
            inner.clone().prop_map(|a| format!("-not {a}")),
            inner.clone().prop_map(|a| format!("$({a})")),
            inner.clone().prop_map(|a| format!("\"text $({a}) end\"")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}, {b}")),
            inner
                .clone()
                .prop_map(|a| format!("(& {{ param($p) $p; {a} }} 1)")),
        ]
    })
}

const COMMANDS: &[&str] = &[
    "Select-Object -First 2",
    "Select-Object -Last 1",
    "Select-Object -Unique",
    "Select-Object Name, @{n='L'; e={ $_.Length }}",
    "Select-Object -ExpandProperty Name",
    "Sort-Object",
    "Sort-Object -Descending",
    "Group-Object",
    "Measure-Object",
    "Measure-Object -Sum -Average -Maximum",
    "Where-Object { $_ }",
    "Where-Object Name -eq 1",
    "ForEach-Object { $_ }",
    "ForEach-Object Length",
    "Format-Table",
    "Format-List",
    "Out-String",
    "ConvertTo-Json -Depth 3",
    "ConvertTo-Csv",
    "Get-Member",
    "Out-Null",
    "Write-Output",
];

fn statement() -> impl Strategy<Value = String> {
    let simple = prop_oneof![
        expr(),
        expr().prop_map(|e| format!("$a = {e}")),
        expr().prop_map(|e| format!("$b = {e}")),
        (expr(), expr()).prop_map(|(k, v)| format!("$h = @{{}}; $h[{k}] = {v}")),
        (expr(), prop::sample::select(COMMANDS)).prop_map(|(e, c)| format!("{e} | {c}")),
        (
            expr(),
            prop::sample::select(COMMANDS),
            prop::sample::select(COMMANDS)
        )
            .prop_map(|(e, c, d)| format!("{e} | {c} | {d}")),
        expr().prop_map(|e| format!("Write-Host {e}")),
        expr().prop_map(|e| format!("Write-Error {e}")),
        expr().prop_map(|e| format!("Write-Warning ({e})")),
        expr().prop_map(|e| format!("throw {e}")),
    ];
    simple.prop_recursive(3, 24, 3, |inner| {
        prop_oneof![
            (expr(), inner.clone(), inner.clone()).prop_map(|(c, a, b)| format!(
                "if ({c}) {{ {a} }} elseif ($b) {{ }} else {{ {b} }}"
            )),
            (expr(), inner.clone()).prop_map(|(e, s)| format!("foreach ($x in {e}) {{ {s} }}")),
            inner.clone().prop_map(|s| format!(
                "for ($i = 0; $i -lt 3; $i++) {{ {s}; if ($i) {{ continue }} }}"
            )),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!(
                "try {{ {a} }} catch {{ $_.Exception.Message; {b} }} finally {{ }}"
            )),
            inner
                .clone()
                .prop_map(|s| format!("$w = 0; while ($w -lt 2) {{ $w++; {s} }}")),
            (inner.clone(), expr())
                .prop_map(|(s, e)| format!("do {{ {s} }} until ($true -or {e})")),
            (inner.clone(), expr())
                .prop_map(|(s, e)| format!("function f($p) {{ {s}; return $p }}; f ({e})")),
            (expr(), expr(), inner.clone(), inner.clone()).prop_map(|(v, c, a, b)| format!(
                "switch ({v}) {{ ({c}) {{ {a}; continue }} {{ $_ }} {{ break }} default {{ {b} }} }}"
            )),
            (expr(), expr(), inner.clone()).prop_map(|(v, c, a)| format!(
                "switch -regex ({v}) {{ ([string]({c})) {{ $Matches; {a} }} }}"
            )),
        ]
    })
}

fn program() -> impl Strategy<Value = String> {
    prop::collection::vec(statement(), 1..6).prop_map(|v| v.join("\n"))
}

/// Runs `src` (when it parses) with a captured host and a watchdog; returns whether it finished
/// within the budget (a hang would be cancelled and counted as not finished).
fn run(src: &str) -> Result<bool, String> {
    let Ok(script) = parse_script(src) else {
        return Ok(true);
    };
    let (host, _captured) = Host::capture(TermInfo::plain(80));
    let mut it = Interp::new(host);
    let cancel = it.cancel_flag();
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let done = done.clone();
        std::thread::spawn(move || {
            for _ in 0..100 {
                if done.load(Ordering::Relaxed) {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            cancel.store(true, Ordering::Relaxed);
            false
        })
    };
    let _status = it.run_script(&script, Vec::new());
    done.store(true, Ordering::Relaxed);
    watchdog.join().map_err(|_| "watchdog panicked".to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn evaluator_never_panics_or_hangs_on_programs(src in program()) {
        let finished = run(&src);
        prop_assert_eq!(finished, Ok(true), "did not finish in 2 s:\n{}", src);
    }

    #[test]
    fn every_generated_program_parses(src in program()) {
        // The generator writes valid jirash; a parse failure is a parser bug.
        prop_assert!(parse_script(&src).is_ok(), "{}", src);
    }
}
