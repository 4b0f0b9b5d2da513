//! The `tarjuman` binary: parse the arguments, run, map the outcome to an
//! exit code (0 clean, 1 findings, 2 failure). Nothing else.

#![forbid(unsafe_code)]

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

// Lint and import build many small strings; mimalloc frees them several
// times faster than the system allocator (100k-concept glossary lint:
// see the commit that added it). Version 2 (Cargo.toml): it gives freed
// memory back to the system after 10 ms, version 3 after a second, which
// kept a 1M-unit import's peak 20-40 MB higher (at times above the 200 MB
// target) while SQLite, which has its own allocator, built the indexes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.run() {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: {}", message(&err));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, `: `-separated, each cause left out when the
/// message before already says it (library errors quote their source).
fn message(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// A closed pipe downstream (`tarjuman segment … | head`) is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::BrokenPipe)
}
