//! Fuzzy lookup and concordance latency on a built memory, and how often
//! the indexed lookup finds the best match an exhaustive comparison finds.
//!
//! `bench/tm.sh` builds the data and runs this as
//! `cargo bench --bench tm -- --db D --queries Q [--peer P]`:
//!
//! - every line of Q is looked up (`--from en --to ru`, `--min 75`, limit
//!   5) and timed; median, 95th percentile and mean are printed;
//! - with `--peer P` (the JSON lines of `bench/peer_tm.py`: RapidFuzz
//!   `extractOne` over every unit, token Levenshtein), a query agrees when
//!   one of tarjuman's matches has the peer's best similarity as its base
//!   score (penalties aside: these lookups run at 69%, 75 less the most
//!   the penalties take); agreement is over the queries the peer matched
//!   at 75% or more;
//! - `--exhaustive N` also compares the first N queries with tarjuman's own
//!   exhaustive mode (every unit scored);
//! - concordance: the first word of each of the first 200 queries and the
//!   phrase of its first two words, timed.
//!
//! The last line printed is a JSON summary.

#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::time::Instant;

use tarjuman::tm::{LookupOptions, Store};

#[derive(Default)]
struct Args {
    db: Option<PathBuf>,
    queries: Option<PathBuf>,
    peer: Option<PathBuf>,
    exhaustive: usize,
    from: String,
    to: String,
}

fn args() -> Args {
    let mut args = Args {
        from: "en".into(),
        to: "ru".into(),
        ..Args::default()
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--db" => args.db = it.next().map(PathBuf::from),
            "--queries" => args.queries = it.next().map(PathBuf::from),
            "--peer" => args.peer = it.next().map(PathBuf::from),
            "--exhaustive" => args.exhaustive = it.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "--from" => args.from = it.next().unwrap_or_default(),
            "--to" => args.to = it.next().unwrap_or_default(),
            _ => {} // `--bench` from cargo, and anything else
        }
    }
    args
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

/// Median, 95th percentile and mean, in milliseconds to three decimals.
fn summary(times: &mut [f64]) -> (f64, f64, f64) {
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
    let round = |ms: f64| (ms * 1000.0).round() / 1000.0;
    (
        round(percentile(times, 0.5)),
        round(percentile(times, 0.95)),
        round(mean),
    )
}

fn main() {
    let args = args();
    let (Some(db), Some(queries)) = (args.db, args.queries) else {
        eprintln!(
            "usage: cargo bench --bench tm -- --db DB --queries FILE [--peer FILE] [--exhaustive N]\n\
             (bench/tm.sh builds the data; see bench/README.md)"
        );
        return;
    };
    let store = Store::open(&db).unwrap();
    let queries: Vec<String> = std::fs::read_to_string(&queries)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let options = LookupOptions {
        from: args.from.clone(),
        to: args.to.clone(),
        min: 75.0,
        limit: 5,
    };
    // Warm the page cache and the statement cache.
    for q in queries.iter().take(20) {
        store.lookup(q, None, &options).unwrap();
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut results = Vec::with_capacity(queries.len());
    let mut matched = 0;
    for q in &queries {
        let start = Instant::now();
        let matches = store.lookup(q, None, &options).unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if !matches.is_empty() {
            matched += 1;
        }
        results.push(matches);
    }
    let (median, p95, mean) = summary(&mut times);
    println!(
        "lookup: {} queries, {matched} matched; median {median:.3} ms, p95 {p95:.3} ms, mean {mean:.3} ms",
        queries.len()
    );

    // Agreement with the exhaustive peer, which knows no penalties: the
    // lookups again, not timed, at 75 less the largest sum of penalties
    // (6 points), and a query agrees when a match has the peer's score as
    // its base score.
    let mut agree = serde_json::Value::Null;
    if let Some(peer) = &args.peer {
        let loose = LookupOptions {
            min: 69.0,
            ..options.clone()
        };
        let results: Vec<_> = queries
            .iter()
            .map(|q| store.lookup(q, None, &loose).unwrap())
            .collect();
        let mut considered = 0;
        let mut agreed = 0;
        let mut misses = Vec::new();
        for line in std::fs::read_to_string(peer).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let Some(best) = v["best_score"].as_f64() else {
                continue;
            };
            if best < 75.0 {
                continue;
            }
            let index = v["line"].as_u64().map_or_else(
                || {
                    queries
                        .iter()
                        .position(|q| v["query"] == q.as_str())
                        .unwrap_or(0)
                },
                |line| line as usize - 1,
            );
            let Some(ours) = results.get(index) else {
                continue;
            };
            considered += 1;
            if ours.iter().any(|m| (m.base - best).abs() < 0.051) {
                agreed += 1;
            } else if misses.len() < 5 {
                misses.push((queries[index].clone(), best, ours.first().map(|m| m.base)));
            }
        }
        let rate = agreed as f64 / considered.max(1) as f64;
        println!(
            "agreement with the peer: {agreed}/{considered} = {:.2}%",
            rate * 100.0
        );
        for (q, best, ours) in &misses {
            println!("  miss: peer {best} ours {ours:?}: {q}");
        }
        agree = serde_json::json!({"considered": considered, "agreed": agreed, "rate": rate});
    }

    // Agreement with tarjuman's own exhaustive mode.
    let mut own = serde_json::Value::Null;
    if args.exhaustive > 0 {
        let mut considered = 0;
        let mut agreed = 0;
        for (q, ours) in queries.iter().zip(&results).take(args.exhaustive) {
            let all = store.lookup_exhaustive(q, &options).unwrap();
            let Some(best) = all.first() else { continue };
            considered += 1;
            if ours
                .first()
                .is_some_and(|m| (m.score - best.score).abs() < 0.051)
            {
                agreed += 1;
            }
        }
        println!("agreement with the exhaustive mode: {agreed}/{considered}");
        own = serde_json::json!({"considered": considered, "agreed": agreed});
    }

    // Concordance.
    let mut conc_times = Vec::new();
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for q in queries.iter().take(200) {
        let words: Vec<&str> = q.split_whitespace().collect();
        for needle in [
            words
                .first()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()),
            (words.len() >= 2).then(|| format!("{} {}", words[0], words[1])),
        ]
        .into_iter()
        .flatten()
        {
            if needle.is_empty() {
                continue;
            }
            let start = Instant::now();
            store.concordance(&needle, Some(&args.from), 20).unwrap();
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            conc_times.push(ms);
            slowest.push((ms, needle));
        }
    }
    let (c_median, c_p95, c_mean) = summary(&mut conc_times);
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, needle) in slowest.iter().take(3) {
        println!("  slow concordance: {ms:.1} ms: {needle}");
    }
    println!(
        "concordance: {} queries; median {c_median:.3} ms, p95 {c_p95:.3} ms, mean {c_mean:.3} ms",
        conc_times.len()
    );
    println!(
        "{}",
        serde_json::json!({
            "queries": queries.len(),
            "matched": matched,
            "median_ms": median,
            "p95_ms": p95,
            "mean_ms": mean,
            "peer_agreement": agree,
            "exhaustive_agreement": own,
            "concordance": {"queries": conc_times.len(), "median_ms": c_median, "p95_ms": c_p95, "mean_ms": c_mean},
        })
    );
}
