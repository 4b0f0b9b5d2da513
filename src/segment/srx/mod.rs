//! SRX 2.0 segmentation rules.
//!
//! An SRX file (Segmentation Rules eXchange, LISA/OSCAR 2008) holds named
//! rule sets (`<languagerule>`) and a list of language maps that say which
//! rule sets apply to which language. This is the format OmegaT, Okapi,
//! LanguageTool and most CAT tools ship their rules in, so a user's
//! segmentation can follow the tool the translators use.
//!
//! # What the rules mean
//!
//! A rule is a pair of regexes, `beforebreak` and `afterbreak` (a missing
//! one is empty and matches anywhere), and a verdict (`break="yes"`, the
//! default, or `"no"`). At a position of the text, the **first** rule, in
//! order, whose `beforebreak` matches text ending exactly there and whose
//! `afterbreak` matches text starting exactly there decides; where no rule
//! matches, there is no break. Both regexes see the whole block of text
//! (`^`, `$`, `\b` and look-around refer to the block, not to the break).
//! With `cascade="yes"` the rules of every matching `<languagemap>` are
//! concatenated in map order; with `cascade="no"` only the first matching
//! map counts. A header without `cascade` cascades, as OmegaT reads the
//! bare `<header/>` of the rules it ships (SRX 2.0 requires the attribute;
//! SRX 1.0, which has none, does not cascade). A language pattern must
//! match the whole language code.
//! It matches case-insensitively, which SRX does not say (a regex is
//! case-sensitive), but BCP 47 tags are case-insensitive and the files
//! OmegaT ships write `EN.*` for codes that tools write `en-US`.
//!
//! # How it is applied
//!
//! Running every rule at every position would cost rules × characters, and
//! finding `beforebreak` matches with a plain forward search would miss
//! match ends (non-overlapping iteration reports one end per start). So:
//!
//! 1. every `beforebreak` is compiled as a look-behind `(?<=…)`, which asks
//!    "does a match end exactly here?" and sees the text before the
//!    position; every `afterbreak` is tested as a search anchored at the
//!    position;
//! 2. each *break* rule proposes candidates: the start of every `afterbreak`
//!    match found by a forward search (restarting one character after each
//!    start, so no start is missed), or every end found by the look-behind
//!    when `afterbreak` is empty; a candidate remembers the first break rule
//!    that proposed it;
//! 3. a candidate is a break unless a *no-break* rule earlier than that
//!    break rule matches there. The no-break rules between two break rules
//!    are grouped by `afterbreak`, and the look-behinds of a group are
//!    joined into one alternation, so a file with hundreds of abbreviation
//!    rules costs a few checks per candidate, not hundreds;
//! 4. a rule cannot match before the first match of its `beforebreak`
//!    starts, so a plain forward search for that (a DFA, cheap) tells
//!    where a break rule's candidates can begin and which candidates a
//!    no-break check can skip, and rules whose `beforebreak` occurs
//!    nowhere in the block cost nothing more;
//! 5. the regex engine bounds the backtracking steps of each search (a
//!    million), and a look-around tried at every position of a very long
//!    block exhausts that on length alone: the search then goes on window
//!    by window, with zero-width regexes so that no match is cut off.
//!
//! # Regex syntax
//!
//! SRX regexes are ICU/Java syntax; they are translated into `fancy_regex`
//! syntax ([`java`]) with ICU's Unicode semantics, which is also what Java
//! gives with `(?U)`: `\d \s \w \b` and the POSIX classes (`\p{Alpha}`,
//! `\p{Punct}`, …) are Unicode-aware and `(?i)` folds Cyrillic. A rule
//! written for Java's ASCII defaults can therefore match more than it did
//! in a Java tool. Whatever cannot be translated faithfully is an error that
//! names the file, the rule set, the rule and its line, never a rule
//! silently dropped: see [`SrxError::UnsupportedRegex`].
//!
//! # Reading files
//!
//! The file is UTF-8 (a BOM is allowed) or UTF-16 with a BOM. A DOCTYPE
//! that declares entities is refused, and nothing is ever fetched. SRX 1.0
//! files are read too (with a single `<maprule>`). `<formathandle>` and
//! elements of other namespaces (tools' extensions) are ignored; any other
//! unknown element is an error, since a misspelt one would drop rules. Regexes
//! are translated and compiled by [`Srx::rules_for`], for the rule sets
//! the language uses only (a file may have rules for languages whose
//! regexes tarjuman cannot translate); [`Srx::validate`] checks them all.

mod compile;
pub mod java;
mod xml;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fancy_regex::{Regex, RegexInput};

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// A place in an SRX file: 1-based line, and 1-based column counted in
/// code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SrxLocation {
    /// The file, as given to [`Srx::load`] or [`Srx::parse`].
    pub path: Arc<Path>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in code points.
    pub column: usize,
}

impl fmt::Display for SrxLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// Which regex of an SRX file an error is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegexSite {
    /// The `<beforebreak>` or `<afterbreak>` of a rule.
    Rule {
        /// The `languagerulename` of the rule set.
        rule_set: Arc<str>,
        /// The rule's number within its rule set, from 1.
        rule: usize,
        /// Which of the two regexes.
        part: RulePart,
    },
    /// The `languagepattern` of a `<languagemap>`.
    LanguageMap {
        /// The pattern as written.
        pattern: Arc<str>,
    },
}

impl fmt::Display for RegexSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegexSite::Rule {
                rule_set,
                rule,
                part,
            } => write!(f, "languagerule \"{rule_set}\", rule {rule}, {part}"),
            RegexSite::LanguageMap { pattern } => {
                write!(f, "languagemap languagepattern \"{pattern}\"")
            }
        }
    }
}

/// The two regexes of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulePart {
    /// `<beforebreak>`: text that must end at the break.
    BeforeBreak,
    /// `<afterbreak>`: text that must start at the break.
    AfterBreak,
}

impl fmt::Display for RulePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RulePart::BeforeBreak => "<beforebreak>",
            RulePart::AfterBreak => "<afterbreak>",
        })
    }
}

/// An error reading an SRX file, compiling its rules or applying them.
///
/// Every variant names the file; all but [`Io`](Self::Io) and
/// [`NoLanguageMap`](Self::NoLanguageMap) also give a line and column
/// ([`SrxError::location`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SrxError {
    /// The file could not be read.
    #[error("{}: cannot read SRX file", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why reading failed.
        #[source]
        source: std::io::Error,
    },
    /// The file is not well-formed XML, or not UTF-8 / UTF-16 text.
    #[error("{at}: malformed XML: {message}")]
    Xml {
        /// Where the parser stopped.
        at: SrxLocation,
        /// What is wrong.
        message: String,
    },
    /// The file has a DOCTYPE that declares entities. Entities can fetch
    /// files or URLs (XXE) or expand exponentially (billion laughs), and
    /// SRX needs none, so such files are refused outright.
    #[error("{at}: DOCTYPE with entity declarations is refused (SRX needs no entities)")]
    Doctype {
        /// The DOCTYPE.
        at: SrxLocation,
    },
    /// Well-formed XML that is not SRX 2.0 (or 1.0) as tarjuman reads it: a
    /// wrong root or version, a missing required attribute, a bad attribute
    /// value, an unexpected element, a duplicate rule set name, a
    /// `<languagemap>` naming a rule set that does not exist.
    #[error("{at}: invalid SRX: {message}")]
    Invalid {
        /// The offending element.
        at: SrxLocation,
        /// What is wrong.
        message: String,
    },
    /// A regex construct that cannot be translated faithfully from
    /// Java/ICU syntax: Java-only classes (`\p{javaLowerCase}`), Unicode
    /// blocks tarjuman does not know, `\X`, `\G`, `\N{…}`, `\b{…}`, the
    /// `x`, `d` and `-u` inline flags, `--` inside a class, malformed
    /// escapes and repetitions, unbalanced parentheses (see [`java`]).
    #[error(
        "{at}: {site}: unsupported regex construct `{construct}` at character {offset}: {reason}"
    )]
    UnsupportedRegex {
        /// The `<beforebreak>`, `<afterbreak>` or `<languagemap>` element.
        at: SrxLocation,
        /// Which regex.
        site: RegexSite,
        /// The construct, as written.
        construct: String,
        /// Where it starts in the regex, in characters from 1.
        offset: usize,
        /// Why it is refused, and what to write instead when there is a way.
        reason: String,
    },
    /// The regex engine refused a translated regex (a syntax error in the
    /// file, an unknown property name, a size limit).
    #[error("{at}: {site}: invalid regex: {message}")]
    Regex {
        /// The `<beforebreak>`, `<afterbreak>` or `<languagemap>` element.
        at: SrxLocation,
        /// Which regex.
        site: RegexSite,
        /// The engine's message.
        message: String,
    },
    /// No `<languagemap>` matches the language: segmenting with no rules at
    /// all is almost certainly a mistake (a typo in the code, or the wrong
    /// file), so it is an error rather than an empty rule set.
    #[error(
        "{}: no languagemap matches language `{lang}` (language patterns: {})",
        path.display(),
        quoted_list(patterns)
    )]
    NoLanguageMap {
        /// The file.
        path: PathBuf,
        /// The language code asked for.
        lang: String,
        /// Every `languagepattern` of the file, in order.
        patterns: Vec<String>,
    },
    /// A regex gave up on a text (its backtracking budget ran out). Only
    /// [`SrxRules::try_breaks`] reports it. No-break rules that share an
    /// afterbreak are run together; for them, the first of the group is
    /// named.
    #[error("{at}: {site}: regex failed on the text: {message}")]
    Runtime {
        /// The `<beforebreak>` or `<afterbreak>` element.
        at: SrxLocation,
        /// Which regex.
        site: RegexSite,
        /// The engine's message.
        message: String,
    },
}

impl SrxError {
    /// The SRX file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            SrxError::Io { path, .. } | SrxError::NoLanguageMap { path, .. } => path,
            SrxError::Xml { at, .. }
            | SrxError::Doctype { at }
            | SrxError::Invalid { at, .. }
            | SrxError::UnsupportedRegex { at, .. }
            | SrxError::Regex { at, .. }
            | SrxError::Runtime { at, .. } => &at.path,
        }
    }

    /// Where in the file, when the error is about one place.
    pub fn location(&self) -> Option<&SrxLocation> {
        match self {
            SrxError::Io { .. } | SrxError::NoLanguageMap { .. } => None,
            SrxError::Xml { at, .. }
            | SrxError::Doctype { at }
            | SrxError::Invalid { at, .. }
            | SrxError::UnsupportedRegex { at, .. }
            | SrxError::Regex { at, .. }
            | SrxError::Runtime { at, .. } => Some(at),
        }
    }

    /// The 1-based line, when the error is about one place.
    pub fn line(&self) -> Option<usize> {
        self.location().map(|at| at.line)
    }

    /// The 1-based column in code points, when the error is about one place.
    pub fn column(&self) -> Option<usize> {
        self.location().map(|at| at.column)
    }
}

fn quoted_list(items: &[String]) -> String {
    if items.is_empty() {
        return "none".to_owned();
    }
    items
        .iter()
        .map(|item| format!("\"{item}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// The document model
// ---------------------------------------------------------------------------

/// A line and column in the file (1-based, columns in code points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

/// A parsed SRX document; [`Srx::rules_for`] gives the rules of a language.
#[derive(Debug)]
pub struct Srx {
    path: PathBuf,
    cascade: bool,
    rule_sets: Vec<RuleSet>,
    maps: Vec<LanguageMap>,
}

#[derive(Debug)]
struct RuleSet {
    name: String,
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    breaks: bool,
    before: Pattern,
    after: Pattern,
}

/// A regex as written in the file, and where.
#[derive(Debug)]
struct Pattern {
    source: String,
    at: Pos,
}

#[derive(Debug)]
struct LanguageMap {
    pattern: String,
    regex: Regex,
    rule_set: usize,
    at: Pos,
}

impl Srx {
    /// Reads an SRX 2.0 (or 1.0) file: UTF-8, or UTF-16 with a BOM.
    pub fn load(path: &Path) -> Result<Self, SrxError> {
        let bytes = std::fs::read(path).map_err(|source| SrxError::Io {
            path: path.to_owned(),
            source,
        })?;
        let text = xml::decode(&bytes, path)?;
        Self::parse(&text, path)
    }

    /// Parses an SRX document; `path` is used in error messages only.
    pub fn parse(xml: &str, path: &Path) -> Result<Self, SrxError> {
        let doc = xml.strip_prefix('\u{feff}').unwrap_or(xml);
        xml::parse(doc, path)
    }

    /// Whether the rules of every matching map apply: the header's
    /// `cascade`, which an SRX 2.0 header without it takes as "yes".
    pub fn cascade(&self) -> bool {
        self.cascade
    }

    /// The names of the rule sets (`languagerulename`), in file order.
    pub fn rule_set_names(&self) -> impl Iterator<Item = &str> {
        self.rule_sets.iter().map(|set| set.name.as_str())
    }

    /// The language patterns of the `<languagemap>`s, in file order.
    pub fn language_patterns(&self) -> impl Iterator<Item = &str> {
        self.maps.iter().map(|map| map.pattern.as_str())
    }

    /// The names of the rule sets that apply to `lang`, in the order their
    /// rules apply: every matching map with `cascade="yes"`, the first one
    /// otherwise. Empty if no map matches.
    pub fn rule_sets_for(&self, lang: &str) -> Result<Vec<&str>, SrxError> {
        Ok(self
            .matching_sets(lang)?
            .into_iter()
            .filter_map(|index| self.rule_sets.get(index))
            .map(|set| set.name.as_str())
            .collect())
    }

    /// The rules that apply to `lang` (a language code such as `en` or
    /// `ru-RU`), cascaded, translated and compiled.
    ///
    /// An error if no `<languagemap>` matches `lang`
    /// ([`SrxError::NoLanguageMap`]), or if a regex of the rule sets used
    /// cannot be translated or compiled.
    pub fn rules_for(&self, lang: &str) -> Result<SrxRules, SrxError> {
        let sets = self.matching_sets(lang)?;
        if sets.is_empty() {
            return Err(SrxError::NoLanguageMap {
                path: self.path.clone(),
                lang: lang.to_owned(),
                patterns: self.maps.iter().map(|map| map.pattern.clone()).collect(),
            });
        }
        let rules = sets
            .iter()
            .filter_map(|&index| self.rule_sets.get(index))
            .flat_map(|set| {
                set.rules
                    .iter()
                    .enumerate()
                    .map(move |(i, rule)| (set.name.as_str(), i + 1, rule))
            });
        compile::rules(self, rules, true)
    }

    /// Translates and compiles every regex of every rule set, used by a
    /// language or not: a lint for SRX files.
    pub fn validate(&self) -> Result<(), SrxError> {
        for set in &self.rule_sets {
            let rules = set
                .rules
                .iter()
                .enumerate()
                .map(|(i, rule)| (set.name.as_str(), i + 1, rule));
            compile::rules(self, rules, false)?;
        }
        Ok(())
    }

    /// Indices of the rule sets for `lang`, in order, without repeats (a
    /// rule set applied twice decides nothing the first time did not).
    fn matching_sets(&self, lang: &str) -> Result<Vec<usize>, SrxError> {
        let mut sets = Vec::new();
        for map in &self.maps {
            let hit = map.regex.is_match(lang).map_err(|e| SrxError::Runtime {
                at: self.location(map.at),
                site: RegexSite::LanguageMap {
                    pattern: Arc::from(map.pattern.as_str()),
                },
                message: e.to_string(),
            })?;
            if hit {
                if !sets.contains(&map.rule_set) {
                    sets.push(map.rule_set);
                }
                if !self.cascade {
                    break;
                }
            }
        }
        Ok(sets)
    }

    fn location(&self, pos: Pos) -> SrxLocation {
        location(&self.path, pos)
    }
}

fn location(path: &Path, pos: Pos) -> SrxLocation {
    SrxLocation {
        path: Arc::from(path),
        line: pos.line,
        column: pos.column,
    }
}

// ---------------------------------------------------------------------------
// Compiled rules
// ---------------------------------------------------------------------------

/// The rules of an SRX file that apply to one language, compiled.
#[derive(Debug)]
pub struct SrxRules {
    /// The break rules, in order, with their index among all rules.
    breakers: Vec<Check>,
    /// The no-break rules, grouped (see the module docs).
    guards: Vec<Check>,
}

/// One test at a position: a look-behind for `beforebreak` (or several
/// joined), an anchored `afterbreak`; `None` matches anywhere.
#[derive(Debug)]
struct Check {
    /// The smallest index, among the language's rules, of the rules this
    /// check stands for.
    first: usize,
    before: Option<Regex>,
    after: Option<Regex>,
    /// For a break rule with an afterbreak: the afterbreak as a look-ahead
    /// `(?=…)`, whose zero-width matches a search bounded to a window of
    /// the text finds without cutting them off (see [`Check::positions`]).
    ahead: Option<Regex>,
    /// The beforebreak (or the joined ones) alone, not as a look-behind.
    /// No match of it ends before its first match starts, so the check
    /// cannot hold before that position, nor anywhere if there is no
    /// match: a break rule's search for candidates starts there (a rule
    /// such as `\bOK\.\s` before `\p{Ll}+` would otherwise check its
    /// look-behind at every lowercase letter), and a no-break check is
    /// skipped at candidates before it (see [`Check::floor`]).
    gate: Option<Regex>,
    /// How many rules this check stands for.
    members: usize,
    /// The rule it stands for (the first, for joined rules).
    origin: Origin,
}

/// Where a check comes from, for error messages.
#[derive(Debug)]
struct Origin {
    path: Arc<Path>,
    rule_set: Arc<str>,
    rule: usize,
    before: Pos,
    after: Pos,
}

impl SrxRules {
    /// Appends to `out` the byte offsets where `text` breaks: sorted,
    /// unique, on char boundaries, strictly between `0` and `text.len()`.
    ///
    /// A rule whose regex gives up on the text (its backtracking budget
    /// runs out, which takes a pathological regex) counts as not matching
    /// there; [`try_breaks`](Self::try_breaks) reports it instead.
    pub fn breaks(&self, text: &str, out: &mut Vec<usize>) {
        let mut found = Vec::new();
        // Cannot fail: errors are taken as "no match" in lenient mode.
        if self.scan(text, &mut found, false).is_ok() {
            out.extend(found);
        }
    }

    /// Like [`breaks`](Self::breaks), but a regex that gives up is an error.
    pub fn try_breaks(&self, text: &str, out: &mut Vec<usize>) -> Result<(), SrxError> {
        let mut found = Vec::new();
        self.scan(text, &mut found, true)?;
        out.extend(found);
        Ok(())
    }

    /// The number of rules (after cascading).
    pub fn len(&self) -> usize {
        self.breakers.len() + self.guards.iter().map(|guard| guard.members).sum::<usize>()
    }

    /// Whether there are no rules at all (then nothing ever breaks).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn scan(&self, text: &str, out: &mut Vec<usize>, strict: bool) -> Result<(), SrxError> {
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for rule in &self.breakers {
            rule.positions(text, strict, &mut |p| candidates.push((p, rule.first)))?;
        }
        candidates.sort_unstable();
        // Sorted by (position, rule): the first of each position is the
        // first break rule that matches there.
        candidates.dedup_by_key(|(p, _)| *p);
        // Each guard's floor, found when first needed.
        let mut floors: Vec<Option<usize>> = vec![None; self.guards.len()];
        'candidates: for (p, first_break) in candidates {
            let guards = self.guards.iter().zip(floors.iter_mut());
            for (guard, floor) in guards.take_while(|(g, _)| g.first < first_break) {
                if p < *floor.get_or_insert_with(|| guard.floor(text)) {
                    continue;
                }
                if guard.matches_at(text, p, strict)? {
                    continue 'candidates;
                }
            }
            out.push(p);
        }
        Ok(())
    }
}

impl Check {
    /// The first position where the check can hold: the start of the
    /// first match of its [`gate`](Self::gate), or never (`usize::MAX`).
    fn floor(&self, text: &str) -> usize {
        match self.gate.as_ref().map(|gate| gate.find(text)) {
            Some(Ok(Some(m))) => m.start(),
            Some(Ok(None)) => usize::MAX,
            // No gate, or it gave up: anywhere.
            None | Some(Err(_)) => 0,
        }
    }

    /// Whether the check holds at `p`.
    fn matches_at(&self, text: &str, p: usize, strict: bool) -> Result<bool, SrxError> {
        // The afterbreak first: an anchored search, usually cheaper than the
        // beforebreak's look-behind, and often enough to say no.
        if let Some(after) = &self.after
            && !self.anchored(after, RulePart::AfterBreak, text, p, strict)?
        {
            return Ok(false);
        }
        match &self.before {
            Some(before) => self.anchored(before, RulePart::BeforeBreak, text, p, strict),
            None => Ok(true),
        }
    }

    /// Whether `regex` matches starting exactly at `p`.
    fn anchored(
        &self,
        regex: &Regex,
        part: RulePart,
        text: &str,
        p: usize,
        strict: bool,
    ) -> Result<bool, SrxError> {
        // `is_match_input` ignores `anchored` for regexes that fancy-regex
        // hands to regex-automata (0.20); `find_input` honours it, and the
        // start is checked in case it did not.
        let input = RegexInput::new(text).from_pos(p).anchored(true);
        match regex.find_input(input) {
            Ok(found) => Ok(found.is_some_and(|m| m.start() == p)),
            Err(e) if strict => Err(self.runtime(part, &e)),
            Err(_) => Ok(false),
        }
    }

    /// Calls `found` with every position strictly inside `text` where the
    /// check holds, in increasing order.
    fn positions(
        &self,
        text: &str,
        strict: bool,
        found: &mut dyn FnMut(usize),
    ) -> Result<(), SrxError> {
        // The regex whose match starts are the candidates: the afterbreak
        // (a forward search, fast when the afterbreak is selective, as
        // `\s` or `\s+\p{Lu}` are), else the beforebreak's look-behind
        // (an empty match at each end).
        let (scanner, part, rest) = match (&self.after, &self.before) {
            (Some(after), before) => (after, RulePart::AfterBreak, before.as_ref()),
            (None, Some(before)) => (before, RulePart::BeforeBreak, None),
            (None, None) => {
                text.char_indices()
                    .map(|(p, _)| p)
                    .filter(|&p| p > 0)
                    .for_each(found);
                return Ok(());
            }
        };
        // A zero-width form of the scanner, for searching window by window.
        let zero_width = match part {
            RulePart::AfterBreak => self.ahead.as_ref(),
            RulePart::BeforeBreak => Some(scanner),
        };
        let floor = self.floor(text);
        if floor == usize::MAX {
            return Ok(());
        }
        let mut from = next_boundary(text, 0).max(floor);
        // The engine counts its backtracking steps per search, and a search
        // that runs a look-around at every position of a long text (a
        // beforebreak that occurs nowhere, say) exhausts the budget on
        // length alone. Once that happens, the rest of the text is searched
        // window by window, with the zero-width form, so that no candidate
        // is cut off at a window's end; a window that still exhausts the
        // budget takes a truly pathological regex.
        let mut windowed = false;
        while from < text.len() {
            let (p, sure) = if windowed {
                let end = window_end(text, from);
                let input = RegexInput::new(text).from_pos(from).range(from..end);
                match zero_width.map(|regex| regex.find_input(input)) {
                    Some(Ok(Some(m))) => (m.start(), true),
                    Some(Ok(None)) if end < text.len() => {
                        from = end;
                        continue;
                    }
                    Some(Ok(None)) => break,
                    Some(Err(e)) if strict => return Err(self.runtime(part, &e)),
                    // Lenient: check this window the slow way, then go on.
                    Some(Err(_)) | None => {
                        let mut p = from;
                        while p < end && p < text.len() {
                            if self.matches_at(text, p, false)? {
                                found(p);
                            }
                            p = next_boundary(text, p);
                        }
                        from = end;
                        continue;
                    }
                }
            } else {
                let input = RegexInput::new(text).from_pos(from);
                match scanner.find_input(input) {
                    Ok(Some(m)) => (m.start(), true),
                    Ok(None) => break,
                    Err(_) if zero_width.is_some() => {
                        windowed = true;
                        continue;
                    }
                    Err(e) if strict => return Err(self.runtime(part, &e)),
                    // Lenient: check this position the slow way, then go on.
                    Err(_) => (from, false),
                }
            };
            if p >= text.len() {
                break;
            }
            let hit = if sure {
                match rest {
                    Some(before) => {
                        self.anchored(before, RulePart::BeforeBreak, text, p, strict)?
                    }
                    None => true,
                }
            } else {
                self.matches_at(text, p, strict)?
            };
            if hit {
                found(p);
            }
            from = next_boundary(text, p);
        }
        Ok(())
    }

    fn runtime(&self, part: RulePart, e: &fancy_regex::Error) -> SrxError {
        let o = &self.origin;
        let pos = match part {
            RulePart::BeforeBreak => o.before,
            RulePart::AfterBreak => o.after,
        };
        SrxError::Runtime {
            at: SrxLocation {
                path: Arc::clone(&o.path),
                line: pos.line,
                column: pos.column,
            },
            site: RegexSite::Rule {
                rule_set: Arc::clone(&o.rule_set),
                rule: o.rule,
                part,
            },
            message: e.to_string(),
        }
    }
}

/// The backtracking budget of one search: fancy-regex's default. Tests
/// use a smaller one, so that a text longer than the budget stays small.
const BACKTRACK_LIMIT: usize = if cfg!(test) { 20_000 } else { 1_000_000 };

/// How many bytes of text a windowed search covers: far fewer positions
/// than the backtracking budget has steps.
const WINDOW: usize = BACKTRACK_LIMIT / 16;

/// The end of the search window that starts at `from`: a char boundary.
fn window_end(text: &str, from: usize) -> usize {
    let mut end = from.saturating_add(WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// The char boundary after the character at `p` (or `text.len()`).
fn next_boundary(text: &str, p: usize) -> usize {
    text.get(p..)
        .and_then(|rest| rest.chars().next())
        .map_or(text.len(), |c| p + c.len_utf8())
}

#[cfg(test)]
mod tests {
    //! The rules as applied; the helpers marked `pub(super)` are shared
    //! with the tests of the submodules.

    use super::*;

    /// An SRX document with `rules` as the body of one languagerule
    /// "Test", mapped from every language.
    pub(super) fn doc(rules: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Test">
{rules}
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern=".*" languagerulename="Test"/>
    </maprules>
  </body>
</srx>
"#
        )
    }

    pub(super) fn parse(xml: &str) -> Result<Srx, SrxError> {
        Srx::parse(xml, Path::new("test.srx"))
    }

    fn rules(rules: &str) -> SrxRules {
        parse(&doc(rules)).unwrap().rules_for("en").unwrap()
    }

    pub(super) fn breaks(rules: &SrxRules, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        rules.try_breaks(text, &mut out).unwrap();
        out
    }

    /// The sentences of `text`, trimmed, as `ranges_between` makes them.
    fn sentences<'t>(rules: &SrxRules, text: &'t str) -> Vec<&'t str> {
        let mut ranges = Vec::new();
        super::super::ranges_between(text, &breaks(rules, text), &mut ranges);
        ranges.into_iter().map(|r| &text[r]).collect()
    }

    pub(super) fn fixture(name: &str) -> Srx {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/srx")
            .join(name);
        Srx::load(&path).unwrap()
    }

    pub(super) const PERIOD_SPACE: &str =
        r"<rule break='yes'><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>";

    #[test]
    fn a_break_rule_fires_where_both_sides_match_and_nowhere_else() {
        let r = rules(PERIOD_SPACE);
        assert_eq!(breaks(&r, "One. Two. Three."), vec![4, 9]);
        assert_eq!(breaks(&r, "No break.here"), Vec::<usize>::new());
        assert_eq!(
            breaks(&r, "Trailing. "),
            Vec::<usize>::new()
                .into_iter()
                .chain([9])
                .collect::<Vec<_>>()
        );
        assert_eq!(
            sentences(&r, "One. Two.  Three."),
            vec!["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn no_rule_means_no_break() {
        let r = rules("");
        assert!(r.is_empty());
        assert!(breaks(&r, "One. Two. Three.").is_empty());
    }

    #[test]
    fn an_exception_before_the_break_rule_wins() {
        let r = rules(&format!(
            r"<rule break='no'><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
              {PERIOD_SPACE}"
        ));
        assert_eq!(
            sentences(&r, "He met Mr. Borisov. Then he left."),
            vec!["He met Mr. Borisov.", "Then he left."]
        );
        // Only "Mr." is exempt: "Dr." and a word ending in "mr" are not.
        assert_eq!(breaks(&r, "Dr. Khan. Zmr. X"), vec![3, 9, 14]);
    }

    #[test]
    fn the_first_matching_rule_decides() {
        // The same two rules in both orders.
        let exception =
            r"<rule break='no'><beforebreak>Mr\.</beforebreak><afterbreak>\s</afterbreak></rule>";
        let text = "Mr. Borisov";
        assert!(breaks(&rules(&format!("{exception}{PERIOD_SPACE}")), text).is_empty());
        assert_eq!(
            breaks(&rules(&format!("{PERIOD_SPACE}{exception}")), text),
            vec![3]
        );
        // A later break rule cannot override an earlier exception either.
        let any =
            r"<rule break='yes'><beforebreak></beforebreak><afterbreak>\s</afterbreak></rule>";
        assert!(breaks(&rules(&format!("{exception}{any}")), text).is_empty());
    }

    #[test]
    fn missing_regexes_match_anywhere_and_break_defaults_to_yes() {
        // Only an afterbreak: break before every digit (not at 0).
        let r = rules(r"<rule><afterbreak>\d</afterbreak></rule>");
        assert_eq!(breaks(&r, "1a2b3"), vec![2, 4]);
        // Only a beforebreak: break after every "۔" (not at the end).
        let r = rules(r"<rule><beforebreak>۔</beforebreak></rule>");
        assert_eq!(breaks(&r, "الف۔ب۔"), vec![8]);
        // Neither: break everywhere, on char boundaries.
        let r = rules("<rule/>");
        assert_eq!(breaks(&r, "аб"), vec![2]);
    }

    #[test]
    fn every_end_of_a_beforebreak_counts_not_only_non_overlapping_ones() {
        // A forward search finds "abc" once; the rule matches after a, b and c.
        let r = rules(r"<rule><beforebreak>\w+</beforebreak><afterbreak>\w</afterbreak></rule>");
        assert_eq!(breaks(&r, "abc"), vec![1, 2]);
        // Alternatives of different lengths from one start.
        let r = rules(r"<rule><beforebreak>a|ab</beforebreak><afterbreak>[bc]</afterbreak></rule>");
        assert_eq!(breaks(&r, "abc"), vec![1, 2]);
    }

    #[test]
    fn regexes_see_the_whole_block() {
        // `^` is the start of the block, not of the break's neighbourhood.
        let r = rules(&format!(
            r"<rule break='no'><beforebreak>^\s*\d+\.</beforebreak><afterbreak>\s</afterbreak></rule>
              {PERIOD_SPACE}"
        ));
        assert_eq!(breaks(&r, "1. Trade. 2. Energy."), vec![9, 12]);
        // Look-around reaches past the break in both directions.
        let r = rules(
            r"<rule><beforebreak>(?&lt;=x)\.</beforebreak><afterbreak>\s(?=Y)</afterbreak></rule>",
        );
        assert_eq!(breaks(&r, "x. Y. x. Z"), vec![2]);
    }

    #[test]
    fn breaks_are_sorted_unique_and_on_char_boundaries() {
        let r = rules(
            r"<rule><beforebreak>[۔؟]</beforebreak></rule>
              <rule><afterbreak>\s</afterbreak></rule>
              <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>",
        );
        let text = "ایک۔ دو؟ تین. چار";
        let found = breaks(&r, text);
        assert!(found.windows(2).all(|w| w[0] < w[1]));
        assert!(
            found
                .iter()
                .all(|&p| p > 0 && p < text.len() && text.is_char_boundary(p))
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn breaks_appends_to_out() {
        let r = rules(PERIOD_SPACE);
        let mut out = vec![0];
        r.breaks("A. B", &mut out);
        assert_eq!(out, vec![0, 2]);
    }

    // ---- cascade -------------------------------------------------------

    fn cascading(cascade: &str) -> Srx {
        parse(&format!(
            r#"<srx version="2.0"><header segmentsubflows="no" cascade="{cascade}"/><body>
<languagerules>
  <languagerule languagerulename="English">
    <rule break="no"><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
  <languagerule languagerulename="Default">
    <rule><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
  </languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="EN.*" languagerulename="English"/>
  <languagemap languagepattern=".*" languagerulename="Default"/>
</maprules></body></srx>"#
        ))
        .unwrap()
    }

    #[test]
    fn cascade_yes_concatenates_every_matching_map_in_order() {
        let srx = cascading("yes");
        assert!(srx.cascade());
        assert_eq!(
            srx.rule_sets_for("en-US").unwrap(),
            vec!["English", "Default"]
        );
        assert_eq!(srx.rule_sets_for("ru").unwrap(), vec!["Default"]);
        let r = srx.rules_for("en-US").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(breaks(&r, "Mr. Chizhov spoke. He left."), vec![18]);
    }

    #[test]
    fn cascade_no_takes_the_first_matching_map_only() {
        let srx = cascading("no");
        assert_eq!(srx.rule_sets_for("en").unwrap(), vec!["English"]);
        // English alone has an exception and no break rule: no breaks.
        assert!(breaks(&srx.rules_for("en").unwrap(), "Mr. Chizhov spoke. He left.").is_empty());
        assert_eq!(srx.rule_sets_for("ru").unwrap(), vec!["Default"]);
    }

    #[test]
    fn language_patterns_match_the_whole_code_case_insensitively() {
        let srx = cascading("yes");
        assert_eq!(srx.rule_sets_for("en").unwrap(), vec!["English", "Default"]);
        assert_eq!(
            srx.rule_sets_for("EN-gb").unwrap(),
            vec!["English", "Default"]
        );
        // Anchored: "en" inside a code is not a match.
        assert_eq!(srx.rule_sets_for("ten").unwrap(), vec!["Default"]);
    }

    #[test]
    fn no_matching_map_is_an_error_listing_the_patterns() {
        let srx =
            parse(&doc(PERIOD_SPACE).replace("languagepattern=\".*\"", "languagepattern=\"en.*\""))
                .unwrap();
        let err = srx.rules_for("ur").unwrap_err();
        assert!(
            matches!(&err, SrxError::NoLanguageMap { lang, patterns, .. }
            if lang == "ur" && patterns == &["en.*".to_owned()])
        );
        assert_eq!(
            err.to_string(),
            "test.srx: no languagemap matches language `ur` (language patterns: \"en.*\")"
        );
        assert_eq!(err.path(), Path::new("test.srx"));
        assert_eq!(err.line(), None);
    }

    // ---- errors --------------------------------------------------------

    #[test]
    fn a_regex_that_gives_up_is_reported_by_try_breaks_only() {
        let r = rules(&format!(
            "{PERIOD_SPACE}\n<rule><afterbreak>(a|aa)+(?&lt;=b)</afterbreak></rule>"
        ));
        let text = format!("x. {}c", "a".repeat(24));
        let mut out = Vec::new();
        let err = r.try_breaks(&text, &mut out).unwrap_err();
        assert!(matches!(err, SrxError::Runtime { .. }), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("test.srx:8:7: languagerule \"Test\", rule 2, <afterbreak>"),
            "{err}"
        );
        assert!(out.is_empty());
        r.breaks(&text, &mut out);
        assert_eq!(out, vec![2]);
    }

    #[test]
    fn a_long_block_is_searched_window_by_window() {
        // More positions than the backtracking budget has steps: a
        // look-around tried at every position used to exhaust it on length
        // alone, and then the search restarted at every position.
        let r = rules(
            r"<rule><beforebreak>¶</beforebreak></rule>
              <rule><beforebreak>\s</beforebreak><afterbreak>§(?!x)</afterbreak></rule>",
        );
        let filler = "word ".repeat(BACKTRACK_LIMIT / 4);
        let text = format!("¶{filler}¶{filler}§x §y¶");
        let first = "¶".len();
        let second = first + filler.len() + "¶".len();
        let third = second + filler.len() + "§x ".len();
        let mut out = Vec::new();
        r.try_breaks(&text, &mut out).unwrap();
        assert_eq!(out, vec![first, second, third]);
        out.clear();
        r.breaks(&text, &mut out);
        assert_eq!(out, vec![first, second, third]);
        // With no match at all, the beforebreak's own search settles it.
        assert!(breaks(&r, &filler).is_empty());
    }

    // ---- the fixtures --------------------------------------------------

    #[test]
    fn press_fixture_english() {
        let r = fixture("press.srx").rules_for("en").unwrap();
        let text = "Russian Senator Vladimir A. Chizhov met Senator Mushahid Hussain. \
                    H.E. Albert P. Khorev and Mr. Igor Borisov attended on Feb. 7 at No. 5 \
                    Constitution Ave. The talks covered trade, energy, etc. and more! \
                    Was it useful? \"Yes.\" (Both agreed.) The end.";
        assert_eq!(
            sentences(&r, text),
            vec![
                "Russian Senator Vladimir A. Chizhov met Senator Mushahid Hussain.",
                "H.E. Albert P. Khorev and Mr. Igor Borisov attended on Feb. 7 at No. 5 Constitution Ave.",
                "The talks covered trade, energy, etc. and more!",
                "Was it useful?",
                "\"Yes.\"",
                "(Both agreed.)",
                "The end.",
            ]
        );
    }

    #[test]
    fn press_fixture_russian() {
        let r = fixture("press.srx").rules_for("ru-RU").unwrap();
        let text = "Сенатор В. А. Чижов прибыл в Исламабад 7 февраля 2024 г. в качестве \
                    наблюдателя. Его встретил г-н М. Хусейн, т. е. председатель комитета. \
                    Обсуждались торговля, энергетика и т. д. Стороны договорились о встрече.";
        assert_eq!(
            sentences(&r, text),
            vec![
                "Сенатор В. А. Чижов прибыл в Исламабад 7 февраля 2024 г. в качестве наблюдателя.",
                "Его встретил г-н М. Хусейн, т. е. председатель комитета.",
                "Обсуждались торговля, энергетика и т. д.",
                "Стороны договорились о встрече.",
            ]
        );
    }

    #[test]
    fn press_fixture_urdu() {
        let r = fixture("press.srx").rules_for("ur").unwrap();
        let text = "سینیٹر مشاہد حسین سید نے روسی وفد کا خیرمقدم کیا۔ کیا انتخابات پر بات ہوئی؟ \
                    جی ہاں۔\u{201D}اگلا جملہ Mr. Borisov کے ساتھ۔";
        assert_eq!(
            sentences(&r, text),
            vec![
                "سینیٹر مشاہد حسین سید نے روسی وفد کا خیرمقدم کیا۔",
                "کیا انتخابات پر بات ہوئی؟",
                "جی ہاں۔\u{201D}",
                "اگلا جملہ Mr. Borisov کے ساتھ۔",
            ]
        );
    }

    #[test]
    fn press_fixture_other_languages_get_the_shared_sets() {
        let srx = fixture("press.srx");
        assert_eq!(
            srx.rule_sets_for("fr").unwrap(),
            vec!["Latin titles", "Sentence ends"]
        );
        srx.validate().unwrap();
    }

    #[test]
    fn newsroom_fixture_uses_the_first_map_only() {
        let srx = fixture("newsroom.srx");
        assert_eq!(
            srx.rule_sets_for("en-US").unwrap(),
            vec!["English newsroom"]
        );
        let r = srx.rules_for("en-US").unwrap();
        assert_eq!(
            sentences(
                &r,
                "Mr. Khorev arrived on Feb. 12. He met the U.S. envoy. Done."
            ),
            vec![
                "Mr. Khorev arrived on Feb. 12.",
                "He met the U.S. envoy.",
                "Done."
            ]
        );
        let r = srx.rules_for("ru").unwrap();
        assert_eq!(
            sentences(&r, "В. А. Чижов прибыл в 2024 г. на выборы. Они прошли."),
            vec!["В. А. Чижов прибыл в 2024 г. на выборы.", "Они прошли."]
        );
        assert_eq!(srx.rule_sets_for("fr").unwrap(), vec!["Fallback"]);
    }
}
