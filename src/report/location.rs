//! Where a diagnostic points, in the units every renderer prints: 1-based
//! lines and columns in code points. Renderers share this so that human,
//! JSON, SARIF and GitHub output never disagree about a position.

use super::{Diagnostic, Report, Source};

/// A diagnostic's file and its start and end positions (`end` is exclusive:
/// the column just after the last character, as SARIF counts).
#[derive(Debug, Clone, Copy)]
pub(super) struct Location<'a> {
    /// `None` only if the diagnostic's source index is out of range (a bug
    /// in a check); renderers then print the message without a position.
    pub source: Option<&'a Source>,
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl<'a> Location<'a> {
    pub fn of(report: &'a Report, diagnostic: &Diagnostic) -> Self {
        let source = report.sources.get(diagnostic.source);
        let (start, end) = source.map_or(((1, 1), (1, 1)), |s| {
            let start = s.line_column(diagnostic.span.start);
            let end = s.line_column(diagnostic.span.end.max(diagnostic.span.start));
            (start, end)
        });
        Location {
            source,
            start_line: start.0,
            start_column: start.1,
            end_line: end.0,
            end_column: end.1,
        }
    }

    /// The file as the user named it (lossy for non-UTF-8 paths).
    pub fn file(&self) -> String {
        self.source
            .map(|s| s.path.display().to_string())
            .unwrap_or_default()
    }
}
