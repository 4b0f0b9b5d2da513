//! `--format human`, the default: rustc-like, for people at a terminal.
//!
//! ```text
//! error[term-forbidden]: "Vladmir" is a forbidden spelling
//!  --> release.txt:3:5
//!   |
//! 3 | H.E. Vladmir Chizhov
//!   |      ^^^^^^^
//!   = help: Vladimir
//! ```
//!
//! The underline is as wide as the span in characters (a right-to-left
//! Urdu span is underlined by count, left to right); a span over several
//! lines is underlined on its first line only. Tabs before the span are
//! kept so that the carets line up, and bidi controls in the quoted line
//! are shown as U+FFFD so they cannot reorder the terminal's display.
//! Colour (plain ANSI codes) only when asked for: see [`use_color`].

use std::ffi::OsStr;
use std::fmt::{self, Display};
use std::io::{self, Write};
use std::ops::Range;

use super::location::Location;
use super::{Diagnostic, Excerpt, Report, Severity};

/// Whether to colour output on a stream: only on a terminal, and never
/// when `NO_COLOR` is set to a non-empty value (no-color.org).
pub fn use_color(stream_is_terminal: bool) -> bool {
    color_allowed(stream_is_terminal, std::env::var_os("NO_COLOR").as_deref())
}

fn color_allowed(stream_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    stream_is_terminal && no_color.is_none_or(OsStr::is_empty)
}

pub(super) fn render(report: &Report, out: &mut impl Write, color: bool) -> io::Result<()> {
    let paint = Paint { color };
    for d in &report.diagnostics {
        diagnostic(report, d, out, paint)?;
        writeln!(out)?;
    }
    summary(report, out, paint)
}

fn diagnostic(
    report: &Report,
    d: &Diagnostic,
    out: &mut impl Write,
    paint: Paint,
) -> io::Result<()> {
    let (label, style) = match d.severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
        Severity::Info => ("info", INFO),
    };
    writeln!(
        out,
        "{}{} {}",
        paint.on(style, format_args!("{label}[{}]", d.rule)),
        paint.on(BOLD, ":"),
        paint.on(BOLD, &d.message)
    )?;
    let at = Location::of(report, d);
    let width = match (&d.excerpt, at.source) {
        (Some(excerpt), _) => gutter(excerpt).0.len().max(gutter(excerpt).1.len()),
        (None, Some(_)) => digits(at.start_line),
        (None, None) => 1,
    };
    let pad = "";
    if at.source.is_some() {
        writeln!(
            out,
            "{pad:width$}{} {}:{}:{}",
            paint.on(GUTTER, "-->"),
            at.file(),
            at.start_line,
            at.start_column
        )?;
        writeln!(out, "{pad:width$} {}", paint.on(GUTTER, "|"))?;
    }
    if let Some(excerpt) = &d.excerpt {
        pair(out, excerpt, width, paint, style)?;
    } else if let Some(source) = at.source {
        let (text, indent, carets) = source_window(source.line_text(at.start_line), &at);
        write!(
            out,
            "{}",
            paint.on(GUTTER, format_args!("{} |", at.start_line))
        )?;
        if text.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, " {text}")?;
        }
        writeln!(
            out,
            "{pad:width$} {} {indent}{}",
            paint.on(GUTTER, "|"),
            paint.on(style, "^".repeat(carets))
        )?;
    }
    if let Some(suggestion) = &d.suggestion {
        note(out, paint, width, "help", suggestion)?;
    } else if let Some(fix) = &d.fix {
        let help = format!("replace with `{}`", fix.replacement);
        note(out, paint, width, "help", &help)?;
    }
    if let Some(unit) = &d.unit {
        note(out, paint, width, "note", &format!("in unit {unit}"))?;
    }
    Ok(())
}

fn note(
    out: &mut impl Write,
    paint: Paint,
    width: usize,
    kind: &str,
    text: &str,
) -> io::Result<()> {
    writeln!(
        out,
        "{:width$} {} {}: {text}",
        "",
        paint.on(GUTTER, "="),
        paint.on(BOLD, kind)
    )
}

/// The gutter labels of an excerpt's lines: the languages' primary
/// subtags.
fn gutter(excerpt: &Excerpt) -> (String, String) {
    let label = |tag: &str| {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.is_empty() {
            "?".to_owned()
        } else {
            primary.to_ascii_lowercase()
        }
    };
    (label(&excerpt.source_lang), label(&excerpt.target_lang))
}

/// Texts longer than this many characters are shown around the span.
const SHOWN_CHARS: usize = 100;
/// Characters shown on each side of the span in a long text.
const CONTEXT_CHARS: usize = 40;

/// The source and target of a bilingual finding, one line each, the span
/// underlined on its line.
fn pair(
    out: &mut impl Write,
    excerpt: &Excerpt,
    width: usize,
    paint: Paint,
    style: &'static str,
) -> io::Result<()> {
    let (source_label, target_label) = gutter(excerpt);
    let lines = [
        (source_label, &excerpt.source, !excerpt.in_target),
        (target_label, &excerpt.target, excerpt.in_target),
    ];
    for (label, text, marked) in lines {
        let span = if marked { excerpt.span.clone() } else { 0..0 };
        let (line, indent, carets) = window(text, span, marked);
        write!(
            out,
            "{}",
            paint.on(GUTTER, format_args!("{label:>width$} |"))
        )?;
        if line.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, " {line}")?;
        }
        if marked {
            writeln!(
                out,
                "{:width$} {} {}{}",
                "",
                paint.on(GUTTER, "|"),
                " ".repeat(indent),
                paint.on(style, "^".repeat(carets))
            )?;
        }
    }
    Ok(())
}

/// The part of `text` to show (all of it if short, else around `span`),
/// with the underline's indent and width in characters.
fn window(text: &str, span: Range<usize>, marked: bool) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().map(shown_in_text).collect();
    let char_at = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
    let (start, end) = (char_at(span.start), char_at(span.end.max(span.start)));
    let (from, to) = if marked {
        shown_range(chars.len(), start, end)
    } else {
        (0, chars.len().min(SHOWN_CHARS))
    };
    let mut line = String::new();
    if from > 0 {
        line.push('…');
    }
    line.extend(chars.get(from..to).unwrap_or_default());
    if to < chars.len() {
        line.push('…');
    }
    let indent = start.saturating_sub(from) + usize::from(from > 0);
    let carets = end.min(to).saturating_sub(start).max(1);
    (line, indent, carets)
}

/// The characters `from..to` of a text of `total` shown around the span
/// `start..end`: all of them if the text is short, else some context on
/// each side (a long span is shown from its start, as far as fits).
fn shown_range(total: usize, start: usize, end: usize) -> (usize, usize) {
    if total <= SHOWN_CHARS {
        return (0, total);
    }
    let from = start.saturating_sub(CONTEXT_CHARS);
    let to = (end + CONTEXT_CHARS).min(total).max(from);
    (from, to.min(from + SHOWN_CHARS))
}

/// How a character of a segment's text is shown: line breaks and tabs as
/// symbols, bidi controls as U+FFFD.
fn shown_in_text(c: char) -> char {
    match c {
        '\n' => '⏎',
        '\t' => '⇥',
        '\r' => '␍',
        c => shown(c),
    }
}

/// The source line to show (all of it if short, else around the span, as
/// [`window`] does for segments: a line of 50 KB with thousands of
/// findings is not printed thousands of times), the whitespace before the
/// span (tabs kept) and the number of carets.
fn source_window(line: &str, at: &Location<'_>) -> (String, String, usize) {
    let total = line.chars().count();
    let start = at.start_column.saturating_sub(1);
    let end = if at.end_line == at.start_line {
        at.end_column.saturating_sub(1).max(start)
    } else {
        total.max(start)
    };
    let (from, to) = shown_range(total, start, end);
    let mut text = String::new();
    let mut indent = String::new();
    if from > 0 {
        text.push('…');
        indent.push(' ');
    }
    for (n, c) in line.chars().enumerate().skip(from).take(to - from) {
        text.push(shown(c));
        if n < start {
            indent.push(if c == '\t' { '\t' } else { ' ' });
        }
    }
    if to < total {
        text.push('…');
    }
    (text, indent, end.min(to).saturating_sub(start).max(1))
}

/// How a character of the quoted source line is shown: bidi controls as
/// U+FFFD, other control characters as their pictures (`␀`, `␛`), so that
/// none reaches the terminal.
fn shown(c: char) -> char {
    match c {
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
        '\t' => c,
        '\0'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        '\u{80}'..='\u{9F}' => '\u{FFFD}',
        c => c,
    }
}

fn summary(report: &Report, out: &mut impl Write, paint: Paint) -> io::Result<()> {
    let mut line = format!(
        "{}, {}",
        counted(report.count(Severity::Error), "error", "errors"),
        counted(report.count(Severity::Warning), "warning", "warnings"),
    );
    let infos = report.count(Severity::Info);
    if infos > 0 {
        line.push_str(&format!(", {infos} info"));
    }
    let files = report.files();
    line.push_str(&format!(" in {}", counted(files, "file", "files")));
    writeln!(out, "{}", paint.on(BOLD, line))
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

const ERROR: &str = "1;31";
const WARNING: &str = "1;33";
const INFO: &str = "1;36";
const GUTTER: &str = "1;34";
const BOLD: &str = "1";

/// Wraps text in an ANSI style when colour is on.
#[derive(Debug, Clone, Copy)]
struct Paint {
    color: bool,
}

impl Paint {
    fn on<T: Display>(self, style: &'static str, text: T) -> Styled<T> {
        Styled {
            style: if self.color { Some(style) } else { None },
            text,
        }
    }
}

struct Styled<T> {
    style: Option<&'static str>,
    text: T,
}

impl<T: Display> Display for Styled<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Some(style) => write!(f, "\x1b[{style}m{}\x1b[0m", self.text),
            None => self.text.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Applicability, Fix, Source};
    use super::*;

    fn diagnostic(
        rule: &'static str,
        severity: Severity,
        span: std::ops::Range<usize>,
        message: &str,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity,
            source: 0,
            span,
            unit: None,
            message: message.into(),
            suggestion: None,
            fix: None,
            excerpt: None,
        }
    }

    fn rendered(report: &Report, color: bool) -> String {
        let mut out = Vec::new();
        render(report, &mut out, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn span(text: &str, what: &str) -> std::ops::Range<usize> {
        let start = text.find(what).unwrap();
        start..start + what.len()
    }

    #[test]
    fn empty_report_is_just_the_summary() {
        assert_eq!(
            rendered(&Report::default(), false),
            "0 errors, 0 warnings in 0 files\n"
        );
    }

    #[test]
    fn underlines_by_code_points_with_help_and_note() {
        let text = "H.E. Vladmir Chizhov\nВ. А. Чижов\tи\tсенатор\n";
        let mut report = Report::default();
        report.add_source(Source::new("release.txt".into(), text.into()));
        report.add_source(Source::new("other.txt".into(), String::new()));
        let mut misspelled = diagnostic(
            "term-misspelled",
            Severity::Error,
            span(text, "Vladmir"),
            "\"Vladmir\" is misspelled",
        );
        misspelled.suggestion = Some("Vladimir".into());
        misspelled.unit = Some("u3".into());
        let mut tab = diagnostic(
            "whitespace",
            Severity::Warning,
            span(text, "\tсенатор"),
            "a tab",
        );
        tab.span.end = tab.span.start + 1;
        tab.fix = Some(Fix {
            replacement: " ".into(),
            applicability: Applicability::Safe,
        });
        let info = diagnostic(
            "name-inconsistent",
            Severity::Info,
            span(text, "Чижов"),
            "Чижов",
        );
        report.diagnostics = vec![misspelled, tab, info];
        assert_eq!(
            rendered(&report, false),
            "\
error[term-misspelled]: \"Vladmir\" is misspelled
 --> release.txt:1:6
  |
1 | H.E. Vladmir Chizhov
  |      ^^^^^^^
  = help: Vladimir
  = note: in unit u3

warning[whitespace]: a tab
 --> release.txt:2:14
  |
2 | В. А. Чижов\tи\tсенатор
  |            \t ^
  = help: replace with ` `

info[name-inconsistent]: Чижов
 --> release.txt:2:7
  |
2 | В. А. Чижов\tи\tсенатор
  |       ^^^^^

1 error, 1 warning, 1 info in 2 files
"
        );
    }

    #[test]
    fn urdu_multi_line_span_and_end_of_file() {
        // Ten lines, so that the gutter is two columns wide.
        let text = "\n\n\n\n\n\n\n\nصدر پوتن نے\nکہا\n";
        let mut report = Report::default();
        report.add_source(Source::new("ur.txt".into(), text.into()));
        let two_lines = span(text, "پوتن نے\nکہا");
        let end = text.len()..text.len();
        report.diagnostics = vec![
            diagnostic("bracket-balance", Severity::Error, two_lines, "unclosed"),
            diagnostic("punctuation-end", Severity::Warning, end, "no ۔ at the end"),
        ];
        assert_eq!(
            rendered(&report, false),
            "\
error[bracket-balance]: unclosed
 --> ur.txt:9:5
  |
9 | صدر پوتن نے
  |     ^^^^^^^

warning[punctuation-end]: no ۔ at the end
  --> ur.txt:11:1
   |
11 |
   | ^

1 error, 1 warning in 1 file
"
        );
    }

    #[test]
    fn a_long_line_is_shown_around_the_span() {
        let text = format!("{}Chizov{}\n", "word ".repeat(100), " word".repeat(100));
        let mut report = Report::default();
        report.add_source(Source::new("long.txt".into(), text.clone()));
        report.diagnostics = vec![diagnostic(
            "term-misspelled",
            Severity::Warning,
            span(&text, "Chizov"),
            "misspelt",
        )];
        let shown = format!(
            "1 | …{}Chizov{}…\n  |  {}^^^^^^\n",
            &"word ".repeat(8)[..40],
            &" word".repeat(8)[..40],
            " ".repeat(40)
        );
        let out = rendered(&report, false);
        assert!(out.contains(&shown), "{out}");
    }

    #[test]
    fn control_characters_are_shown_as_pictures() {
        let text = "Sen\u{1B}[2Jate\u{0}\n";
        let mut report = Report::default();
        report.add_source(Source::new("g.csv".into(), text.into()));
        report.diagnostics = vec![diagnostic(
            "parse-error",
            Severity::Error,
            span(text, "\u{1B}"),
            "control",
        )];
        let out = rendered(&report, false);
        assert!(out.contains("1 | Sen␛[2Jate␀\n  |    ^\n"), "{out}");
        assert!(!out.contains('\u{1B}'));
    }

    #[test]
    fn bidi_controls_are_not_shown_raw() {
        let text = "a\u{202E}b";
        let mut report = Report::default();
        report.add_source(Source::new("x.txt".into(), text.into()));
        report.diagnostics = vec![diagnostic(
            "bidi-control",
            Severity::Error,
            span(text, "\u{202E}"),
            "RLO",
        )];
        let out = rendered(&report, false);
        assert!(out.contains("1 | a\u{FFFD}b\n  |  ^\n"), "{out}");
    }

    #[test]
    fn colour_uses_ansi_codes() {
        let text = "x";
        let mut report = Report::default();
        report.add_source(Source::new("x.txt".into(), text.into()));
        report.diagnostics = vec![diagnostic("whitespace", Severity::Warning, 0..1, "m")];
        assert_eq!(
            rendered(&report, true),
            "\
\x1b[1;33mwarning[whitespace]\x1b[0m\x1b[1m:\x1b[0m \x1b[1mm\x1b[0m
 \x1b[1;34m-->\x1b[0m x.txt:1:1
  \x1b[1;34m|\x1b[0m
\x1b[1;34m1 |\x1b[0m x
  \x1b[1;34m|\x1b[0m \x1b[1;33m^\x1b[0m

\x1b[1m0 errors, 1 warning in 1 file\x1b[0m
"
        );
    }

    #[test]
    fn no_color_env_and_terminals() {
        assert!(color_allowed(true, None));
        assert!(color_allowed(true, Some(OsStr::new(""))));
        assert!(!color_allowed(true, Some(OsStr::new("1"))));
        assert!(!color_allowed(false, None));
    }
}
