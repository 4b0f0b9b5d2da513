//! Helpers shared by the conformance tests.

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
