//! Helpers shared by the tests (each test crate uses some of them).

#![allow(dead_code)]

/// Whether a prerequisite of a validation (a schema, a validator) is
/// there. Missing, it is a note and the validation is skipped, except under
/// CI (`CI` set), where it fails the test.
#[allow(clippy::print_stderr)]
pub fn available(present: bool, what: &str) -> bool {
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is missing (required when CI is set)"
        );
        eprintln!("note: {what} is missing; skipping this validation");
    }
    present
}

/// The standard output of a run that must succeed (else its exit code and
/// standard error fail the test).
pub fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `tarjuman ARGS` in `dir` with its standard output on `/dev/full`,
/// where every write fails.
pub fn with_full_stdout(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    std::process::Command::new(assert_cmd::cargo::cargo_bin("tarjuman"))
        .current_dir(dir)
        .args(args)
        .stdout(full)
        .output()
        .unwrap()
}
