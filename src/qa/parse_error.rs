//! `parse-error`: a file `check` cannot read or parse.
//!
//! ## What it does
//! Reports where the reader stopped: a file that cannot be read, text that
//! is not in its declared encoding, XML that is not well-formed, a DOCTYPE
//! that declares entities, XLIFF or TMX that breaks the format's rules
//! (a unit without a source, duplicate ids, a `tuv` without a language),
//! or a file that is neither XLIFF nor TMX. Nothing else is checked in
//! that file; the other files are.
//!
//! ## Why
//! A file that does not parse is a file whose translations nobody checked.
//! CI must fail, and say where.
//!
//! ## Fires
//! ```xml
//! <xliff version="1.2"><file source-language="en"><body><trans-unit id="1">
//! ```
//!
//! ## Does not fire
//! A well-formed XLIFF 1.2, 2.0 or 2.1 file, or TMX 1.1–1.4b.
//!
//! ## Default severity
//! error, always: `[rules]` cannot change it, and the exit code is 2.

use super::Options;
use crate::report::{Diagnostic, Report, RuleInfo, Severity};

pub const RULE: RuleInfo = RuleInfo {
    id: "parse-error",
    default_severity: Severity::Error,
    summary: "a file that cannot be read or parsed as XLIFF or TMX",
    help: "fix the file where the reader stopped",
};

/// Adds a finding at `position` (1-based line and column) of source
/// `file`, and marks the run failed.
pub(super) fn report(
    report: &mut Report,
    file: usize,
    options: &Options,
    position: Option<(usize, usize)>,
    message: String,
) {
    let span = match (report.sources.get(file), position) {
        (Some(source), Some((line, column))) => source.char_span(line, column),
        _ => 0..0,
    };
    report.failed = true;
    report.diagnostics.push(Diagnostic {
        rule: RULE.id,
        severity: options.severity(RULE.id).unwrap_or(Severity::Error),
        source: file,
        span,
        unit: None,
        message,
        suggestion: None,
        fix: None,
        excerpt: None,
    });
}
