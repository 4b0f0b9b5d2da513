//! Throughput of `check`'s rules over translated pairs.
//!
//! `cargo bench --bench check`. The pairs are the shipped memory's
//! (`tmx/press-releases.tmx`: every en→ur and en→ru pair), repeated with
//! their numbers changed so that no two sources are alike, up to 20,000
//! pairs; the glossary is the shipped one. One iteration runs every rule
//! (pair rules and job rules) over all of them with
//! `Checker::check_pairs`, on one thread (`check/one-thread`) and on all
//! cores (`check/all-threads`). Throughput is in pairs (criterion prints
//! elements per second); the target, 100,000 units in three
//! languages (200,000 pairs) in 5 s on one core, is 40,000 pairs/s
//! end to end (`bench/check.sh` times the whole command).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tarjuman::glossary::Glossary;
use tarjuman::qa::{Checker, Options, Pair, Text};
use tarjuman::report::{Report, Source};

const PAIRS: usize = 20_000;

fn pairs() -> Vec<Pair> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (header, units) = match tarjuman::tm::tmx::read_all(&root.join("tmx/press-releases.tmx")) {
        Ok(read) => read,
        Err(e) => panic!("{e}"),
    };
    let mut base = Vec::new();
    for unit in &units {
        let Some(source) = unit.source(header.srclang()) else {
            continue;
        };
        for variant in &unit.variants {
            if std::ptr::eq(variant, source) {
                continue;
            }
            base.push((
                source.text.clone(),
                variant.lang.clone(),
                variant.text.clone(),
            ));
        }
    }
    let mut out = Vec::with_capacity(PAIRS);
    for (n, (source, lang, target)) in base.iter().cycle().take(PAIRS).enumerate() {
        // A number that both texts carry makes each pair's source unique.
        let round = n / base.len();
        out.push(Pair {
            file: 0,
            unit: format!("u{n}"),
            source: Text::plain("en", &format!("{source} ({round})")),
            target: Some(Text::plain(lang, &format!("{target} ({round})"))),
            target_lang: lang.clone(),
            initial: false,
            reference: false,
        });
    }
    out
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary = match Glossary::load(&root.join("glossaries/names.tbx")) {
        Ok(glossary) => glossary,
        Err(e) => panic!("{e}"),
    };
    let pairs = pairs();
    let checker = Checker::new(&glossary, Options::default());
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(10);
    let run = |threads: Option<usize>| {
        let mut report = Report::default();
        report.add_source(Source::new("bench.tmx".into(), String::new()));
        checker.check_pairs_with(black_box(&pairs), &mut report, threads);
        report.diagnostics.len()
    };
    let found = run(Some(1));
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{} pairs, {found} findings", pairs.len());
    }
    group.bench_function("one-thread", |b| b.iter(|| run(Some(1))));
    group.bench_function("all-threads", |b| b.iter(|| run(None)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
