//! Translating and compiling the rules of one language.
//!
//! Kept apart from the rule application because this is where the cost of
//! a large SRX file is paid once: every regex is translated ([`java`]) and
//! compiled, each rule's errors are tied to its file, rule set, rule and
//! line, and the no-break rules between two break rules are grouped by
//! afterbreak into one look-behind alternation (see the `srx` module docs).

use std::path::Path;
use std::sync::Arc;

use fancy_regex::{Regex, RegexBuilder};

use super::{
    BACKTRACK_LIMIT, Check, Origin, Pos, RegexSite, Rule, RulePart, Srx, SrxError, SrxRules, java,
    location,
};

pub(super) fn translate(
    path: &Path,
    source: &str,
    at: Pos,
    site: &RegexSite,
    capture: bool,
) -> Result<java::Translated, SrxError> {
    java::translate(source, capture).map_err(|e| SrxError::UnsupportedRegex {
        at: location(path, at),
        site: site.clone(),
        construct: e.construct,
        offset: e.offset + 1,
        reason: e.reason,
    })
}

pub(super) fn build(
    path: &Path,
    pattern: &str,
    at: Pos,
    site: &RegexSite,
) -> Result<Regex, SrxError> {
    regex(pattern).map_err(|e| SrxError::Regex {
        at: location(path, at),
        site: site.clone(),
        message: e.to_string(),
    })
}

/// Compiles a translated regex with the backtracking budget of
/// [`BACKTRACK_LIMIT`].
fn regex(pattern: &str) -> Result<Regex, fancy_regex::Error> {
    RegexBuilder::new(pattern)
        .backtrack_limit(BACKTRACK_LIMIT)
        .build()
}

/// A rule, translated.
struct Prepared<'a> {
    index: usize,
    rule: &'a Rule,
    rule_set: Arc<str>,
    number: usize,
    before: Option<java::Translated>,
    after: Option<java::Translated>,
}

impl Prepared<'_> {
    fn site(&self, part: RulePart) -> RegexSite {
        RegexSite::Rule {
            rule_set: Arc::clone(&self.rule_set),
            rule: self.number,
            part,
        }
    }

    fn origin(&self, path: &Arc<Path>) -> Origin {
        Origin {
            path: Arc::clone(path),
            rule_set: Arc::clone(&self.rule_set),
            rule: self.number,
            before: self.rule.before.at,
            after: self.rule.after.at,
        }
    }
}

/// Compiles `rules` (rule set name, number in the set, rule), in order.
/// With `group`, no-break rules are grouped as the `srx` module docs say.
pub(super) fn rules<'a>(
    srx: &Srx,
    rules: impl Iterator<Item = (&'a str, usize, &'a Rule)>,
    group: bool,
) -> Result<SrxRules, SrxError> {
    let path: Arc<Path> = Arc::from(srx.path.as_path());
    let path = &path;
    let mut rule_set_name: Option<Arc<str>> = None;
    let mut prepared = Vec::new();
    for (index, (rule_set, number, rule)) in rules.enumerate() {
        let rule_set = match &rule_set_name {
            Some(name) if &**name == rule_set => Arc::clone(name),
            _ => Arc::from(rule_set),
        };
        rule_set_name = Some(Arc::clone(&rule_set));
        let mut p = Prepared {
            index,
            rule,
            rule_set,
            number,
            before: None,
            after: None,
        };
        if !rule.before.source.is_empty() {
            let site = p.site(RulePart::BeforeBreak);
            p.before = Some(translate(
                path,
                &rule.before.source,
                rule.before.at,
                &site,
                true,
            )?);
        }
        if !rule.after.source.is_empty() {
            let site = p.site(RulePart::AfterBreak);
            p.after = Some(translate(
                path,
                &rule.after.source,
                rule.after.at,
                &site,
                true,
            )?);
        }
        prepared.push(p);
    }

    let mut breakers = Vec::new();
    let mut guards = Vec::new();
    let mut band: Vec<&Prepared<'_>> = Vec::new();
    for p in &prepared {
        if p.rule.breaks {
            guards.extend(band_checks(path, &band, group)?);
            band.clear();
            breakers.push(breaker(path, p)?);
        } else {
            band.push(p);
        }
    }
    guards.extend(band_checks(path, &band, group)?);
    guards.sort_by_key(|guard| guard.first);
    Ok(SrxRules { breakers, guards })
}

/// One rule, one check.
fn single(path: &Arc<Path>, p: &Prepared<'_>) -> Result<Check, SrxError> {
    let (before, gate) = match &p.before {
        Some(t) => {
            let site = p.site(RulePart::BeforeBreak);
            (
                Some(build(
                    path,
                    &format!("(?<={})", t.pattern),
                    p.rule.before.at,
                    &site,
                )?),
                Some(build(path, &t.pattern, p.rule.before.at, &site)?),
            )
        }
        None => (None, None),
    };
    let after = match &p.after {
        Some(t) => Some(build(
            path,
            &t.pattern,
            p.rule.after.at,
            &p.site(RulePart::AfterBreak),
        )?),
        None => None,
    };
    Ok(Check {
        first: p.index,
        before,
        after,
        ahead: None,
        gate,
        members: 1,
        origin: p.origin(path),
    })
}

/// A break rule: a check, and what the search for its candidates needs.
fn breaker(path: &Arc<Path>, p: &Prepared<'_>) -> Result<Check, SrxError> {
    let mut check = single(path, p)?;
    if let Some(after) = &p.after {
        check.ahead = Some(build(
            path,
            &format!("(?={})", after.pattern),
            p.rule.after.at,
            &p.site(RulePart::AfterBreak),
        )?);
    }
    Ok(check)
}

/// The checks for a run of no-break rules with no break rule between
/// them: the order among them does not matter (only whether any of
/// them matches), so rules with the same afterbreak share one check.
fn band_checks(
    path: &Arc<Path>,
    band: &[&Prepared<'_>],
    group: bool,
) -> Result<Vec<Check>, SrxError> {
    if !group {
        return band.iter().map(|p| single(path, p)).collect();
    }
    let mut checks = Vec::new();
    // Rules with back references keep their own groups and are alone.
    let mut groups: Vec<(Option<&str>, Vec<&Prepared<'_>>)> = Vec::new();
    for &p in band {
        let refs = [&p.before, &p.after]
            .iter()
            .any(|t| t.as_ref().is_some_and(|t| t.backrefs));
        if refs {
            checks.push(single(path, p)?);
            continue;
        }
        let key = p.after.as_ref().map(|t| t.pattern.as_str());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(p),
            None => groups.push((key, vec![p])),
        }
    }
    for (_, members) in groups {
        match members.as_slice() {
            [only] => checks.push(single(path, only)?),
            _ => checks.extend(joined(path, &members)?),
        }
    }
    Ok(checks)
}

/// One check for no-break rules that share an afterbreak: their
/// beforebreaks joined in one look-behind, groups made non-capturing.
fn joined(path: &Arc<Path>, members: &[&Prepared<'_>]) -> Result<Vec<Check>, SrxError> {
    let Some(lead) = members.iter().min_by_key(|p| p.index).copied() else {
        return Ok(Vec::new());
    };
    // An empty beforebreak matches anywhere, and so does the group's.
    let any_empty = members.iter().any(|p| p.before.is_none());
    let mut alternatives = Vec::new();
    if !any_empty {
        for p in members {
            let site = p.site(RulePart::BeforeBreak);
            let t = translate(path, &p.rule.before.source, p.rule.before.at, &site, false)?;
            alternatives.push(format!("(?:{})", t.pattern));
        }
    }
    let (before, gate) = if any_empty {
        (None, None)
    } else {
        let alternatives = alternatives.join("|");
        match (regex(&format!("(?<={alternatives})")), regex(&alternatives)) {
            (Ok(before), Ok(gate)) => (Some(before), Some(gate)),
            // Joined, they are too much for the engine (a size limit):
            // check them one by one, which also reports a rule that
            // does not compile alone.
            _ => return members.iter().map(|p| single(path, p)).collect(),
        }
    };
    let after = match &lead.after {
        Some(t) => Some(build(
            path,
            &t.pattern,
            lead.rule.after.at,
            &lead.site(RulePart::AfterBreak),
        )?),
        None => None,
    };
    Ok(vec![Check {
        first: lead.index,
        before,
        after,
        ahead: None,
        gate,
        members: members.len(),
        origin: lead.origin(path),
    }])
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use fancy_regex::{Regex, RegexInput};

    use crate::segment::srx::tests::{PERIOD_SPACE, breaks, doc, fixture, parse};
    use crate::segment::srx::{RegexSite, RulePart, Srx, SrxError, compile, java};

    #[test]
    fn an_unsupported_construct_names_the_file_rule_set_rule_and_line() {
        let xml = doc(&format!(
            "{PERIOD_SPACE}\n<rule break='no'>\n  <beforebreak>\\p{{javaLowerCase}}\\.</beforebreak>\n</rule>"
        ));
        let err = parse(&xml).unwrap().rules_for("en").unwrap_err();
        match &err {
            SrxError::UnsupportedRegex {
                at,
                site,
                construct,
                offset,
                ..
            } => {
                assert_eq!(
                    site,
                    &RegexSite::Rule {
                        rule_set: Arc::from("Test"),
                        rule: 2,
                        part: RulePart::BeforeBreak
                    }
                );
                assert_eq!(construct, r"\p{javaLowerCase}");
                assert_eq!(*offset, 1);
                assert_eq!((at.line, at.column), (9, 3));
            }
            other => panic!("unexpected {other:?}"),
        }
        let message = err.to_string();
        assert!(
            message.starts_with(
                "test.srx:9:3: languagerule \"Test\", rule 2, <beforebreak>: unsupported regex \
                 construct `\\p{javaLowerCase}` at character 1: Java-only property"
            ),
            "{message}"
        );
        // validate() finds it too, and so does the fixture.
        assert!(parse(&xml).unwrap().validate().is_err());
        let err = fixture("unsupported-regex.srx")
            .rules_for("en")
            .unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(14), Some(11)));
        assert!(
            err.to_string()
                .contains("languagerule \"English\", rule 2, <afterbreak>")
        );
    }

    #[test]
    fn unused_rule_sets_are_not_compiled_but_validate_checks_them() {
        let xml = r#"<srx version="2.0"><header segmentsubflows="no" cascade="no"/><body>
<languagerules>
  <languagerule languagerulename="Thai"><rule><beforebreak>\X</beforebreak></rule></languagerule>
  <languagerule languagerulename="English"><rule><beforebreak>\.</beforebreak></rule></languagerule>
</languagerules>
<maprules>
  <languagemap languagepattern="th.*" languagerulename="Thai"/>
  <languagemap languagepattern="en.*" languagerulename="English"/>
</maprules></body></srx>"#;
        let srx = parse(xml).unwrap();
        assert!(srx.rules_for("en").is_ok());
        assert!(matches!(
            srx.rules_for("th"),
            Err(SrxError::UnsupportedRegex { .. })
        ));
        assert!(matches!(
            srx.validate(),
            Err(SrxError::UnsupportedRegex { .. })
        ));
    }

    #[test]
    fn a_regex_the_engine_rejects_names_the_rule() {
        let err = parse(&doc(r"<rule><beforebreak>*\.</beforebreak></rule>"))
            .unwrap()
            .rules_for("en")
            .unwrap_err();
        assert!(matches!(err, SrxError::Regex { .. }), "{err:?}");
        assert!(
            err.to_string().starts_with(
                "test.srx:7:7: languagerule \"Test\", rule 1, <beforebreak>: invalid regex"
            ),
            "{err}"
        );
    }

    // ---- the optimized scan agrees with the definition -------------------

    /// The definition, literally: at every position, the first rule whose
    /// both sides match decides.
    fn reference(srx: &Srx, lang: &str, text: &str) -> Vec<usize> {
        let sets = srx.matching_sets(lang).unwrap();
        let mut compiled = Vec::new();
        for set in sets.iter().filter_map(|&i| srx.rule_sets.get(i)) {
            for rule in &set.rules {
                let build = |source: &str, lookbehind: bool| {
                    (!source.is_empty()).then(|| {
                        let t = java::translate(source, true).unwrap();
                        let p = if lookbehind {
                            format!("(?<={})", t.pattern)
                        } else {
                            t.pattern
                        };
                        Regex::new(&p).unwrap()
                    })
                };
                compiled.push((
                    rule.breaks,
                    build(&rule.before.source, true),
                    build(&rule.after.source, false),
                ));
            }
        }
        let at = |re: &Option<Regex>, p: usize| {
            re.as_ref().is_none_or(|re| {
                re.find_input(RegexInput::new(text).from_pos(p).anchored(true))
                    .unwrap()
                    .is_some_and(|m| m.start() == p)
            })
        };
        text.char_indices()
            .map(|(p, _)| p)
            .filter(|&p| p > 0)
            .filter(|&p| {
                compiled
                    .iter()
                    .find(|(_, b, a)| at(b, p) && at(a, p))
                    .is_some_and(|(breaks, _, _)| *breaks)
            })
            .collect()
    }

    #[test]
    fn the_scan_agrees_with_the_definition() {
        let texts = [
            "Russian Senator Vladimir A. Chizhov met Mr. Igor Borisov. H.E. Albert P. Khorev \
             spoke on Feb. 14! Did U.S. and U.N. envoys come? \"Yes.\" No. 5 etc. and more... End.",
            "Сенатор В. А. Чижов прибыл 7 февраля 2024 г. в качестве наблюдателя, т. е. \
             официально. Он сказал: «Всё хорошо». И т. д. Конец… Да!",
            "سینیٹر مشاہد حسین سید نے خیرمقدم کیا۔ کیا بات ہوئی؟جی ہاں۔ Mr. Borisov بھی۔",
            "1. Trade. 2. Energy.  3) Finance.\nNew line. a.b.c. x",
        ];
        for (file, langs) in [
            ("press.srx", ["en", "ru", "ur", "fr"]),
            ("newsroom.srx", ["en", "ru", "ur", "fr"]),
        ] {
            let srx = fixture(file);
            for lang in langs {
                let grouped = srx.rules_for(lang).unwrap();
                let rules: Vec<_> = srx
                    .matching_sets(lang)
                    .unwrap()
                    .into_iter()
                    .filter_map(|i| srx.rule_sets.get(i))
                    .flat_map(|set| {
                        set.rules
                            .iter()
                            .enumerate()
                            .map(move |(i, rule)| (set.name.as_str(), i + 1, rule))
                    })
                    .collect();
                let plain = compile::rules(&srx, rules.into_iter(), false).unwrap();
                for text in texts {
                    let expected = reference(&srx, lang, text);
                    assert_eq!(breaks(&grouped, text), expected, "{file} {lang} {text}");
                    assert_eq!(breaks(&plain, text), expected, "{file} {lang} {text}");
                }
            }
        }
    }

    #[test]
    fn the_scan_agrees_with_the_definition_on_interleaved_rules() {
        // Exceptions and breaks interleaved, shared afterbreaks, empty sides,
        // back references.
        let srx = parse(&doc(
            r"<rule break='no'><beforebreak>\bMr\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='no'><beforebreak>\bDr\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='yes'><beforebreak>[.!?]</beforebreak><afterbreak>\s+\p{Lu}</afterbreak></rule>
              <rule break='no'><beforebreak>(\w)\1\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='no'><afterbreak>\s+\p{Ll}</afterbreak></rule>
              <rule break='no'><beforebreak>\b\p{Lu}\.</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='yes'><beforebreak>[.!?]</beforebreak><afterbreak>\s</afterbreak></rule>
              <rule break='yes'><beforebreak>\w+</beforebreak><afterbreak>-</afterbreak></rule>
              <rule break='no'><beforebreak>\b1</beforebreak></rule>
              <rule break='yes'><beforebreak>\d+(?&lt;!3)</beforebreak></rule>
              <rule break='yes'><beforebreak>¶</beforebreak></rule>",
        ))
        .unwrap();
        let r = srx.rules_for("en").unwrap();
        for text in [
            "Mr. Smith met Dr. Jones. Then A. B. Cee left. Goodbye all. Bee. x. Y",
            "Hall. Mall. Zz. word-word-word. A.",
            "",
            ".",
            " . . ",
            "Hall 12. 345-6 x",
            "¶ 31 and 13 ¶",
        ] {
            assert_eq!(breaks(&r, text), reference(&srx, "en", text), "{text}");
        }
    }
}
