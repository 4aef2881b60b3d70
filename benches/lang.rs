//! Language benchmark: parse and run a generated 10,000-line script (assignments, loops,
//! string work) in-process with a captured host. Target: well under 0.2 s per run.
//! Run with `cargo bench --bench lang`.

use criterion::{Criterion, criterion_group, criterion_main};
use jirash::eval::Interp;
use jirash::lang::parser::parse_script;
use jirash::output::{Host, TermInfo};

/// The same shape of script as `tests/lang.rs` uses: four kinds of line, repeated.
fn generated_script(lines: usize) -> String {
    let mut s = String::from("$total = 0\n$names = @()\n");
    let mut i = 0;
    while s.lines().count() < lines - 1 {
        s.push_str(&format!("$v{i} = {i} * 2 + 1\n"));
        s.push_str(&format!("$total += $v{i} % 7\n"));
        s.push_str(&format!(
            "$t = 'item-{i}'.ToUpper().Replace('ITEM', 'x') + \"/$total\"\n"
        ));
        s.push_str(&format!(
            "if ($v{i} -gt 10) {{ for ($j = 0; $j -lt 3; $j++) {{ $total += $j }} }} else {{ $names += $t }}\n"
        ));
        i += 1;
    }
    s.push_str("$total\n");
    s
}

fn parse_and_run(src: &str) -> i32 {
    let Ok(script) = parse_script(src) else {
        return -1;
    };
    let (host, _cap) = Host::capture(TermInfo::plain(100));
    let mut it = Interp::new(host);
    it.run_script(&script, Vec::new())
}

fn bench(c: &mut Criterion) {
    let src = generated_script(10_000);
    assert_eq!(parse_and_run(&src), 0);
    c.bench_function("parse+run 10k-line script", |b| {
        b.iter(|| parse_and_run(&src))
    });
    c.bench_function("parse 10k-line script", |b| {
        b.iter(|| parse_script(&src).is_ok())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
