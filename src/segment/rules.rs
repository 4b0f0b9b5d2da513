//! The built-in sentence rules for English, Russian and Urdu.
//!
//! One forward scan over the block's bytes stops only where a terminator can
//! start (Unicode's `STerm`/`ATerm`, plus `…`): memchr for ASCII blocks, a
//! byte table and a bitmap of two-byte characters otherwise, so Cyrillic and
//! Urdu letters are skipped without decoding. At each terminator the
//! decision looks at a few words around it, within a bounded window:
//!
//! - the run of terminators (`?!`, `...`, `. . . .`) and the closing quotes
//!   and brackets after it, which stay with the sentence;
//! - the token before (an abbreviation from the language's list, an
//!   initial, a dotted acronym, a number, a word);
//! - the first letter after (its case; no break before lowercase in English
//!   and Russian) and, when that decides, the first word (a usual sentence
//!   starter or not).
//!
//! Inline lists (`1.) … 2.) …`, `a. … b. …`, `• … • …`) at the start of a
//! block add breaks before each item. Urdu's `۔` and `؟` end a sentence
//! (but not after a list number, a letter name or an abbreviation); a Latin
//! `.` in Urdu text follows the English rules for Latin tokens and ends the
//! sentence after an Urdu word.

use std::ops::Range;

use super::lexicon::{Class, Lexicon};
use super::lists;
use super::terminators::{find_candidate, is_terminator};
use crate::lang::Lang;
use crate::text::script::{Script, is_word_char};

/// Built-in rules for one language.
#[derive(Debug)]
pub struct Rules {
    lang: Lang,
    lexicon: &'static Lexicon,
}

/// What the scanner decided at a terminator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Break,
    /// `word. . . . Next`: the first period ends the sentence and the
    /// spaced ellipsis opens the next one.
    BreakBeforeEllipsis,
    Continue,
}

/// What follows a terminator run and its closing punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Nothing but whitespace: the block ends.
    End,
    /// A lowercase letter (possibly after an opening quote or a dash).
    Lower,
    /// An uppercase letter.
    Upper,
    /// A digit.
    Digit,
    /// A letter without case (Arabic script) or any other character.
    Other,
}

/// The token before a period, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// An abbreviation from the lexicon, with its class.
    Abbreviation(Class),
    /// A single uppercase letter: an initial.
    Initial,
    /// A single lowercase letter.
    Letter,
    /// Letters separated by periods: `U.A.E`, `Ph.D`.
    Acronym,
    /// A number, possibly with separators, currency or a suffix: `1,000`, `5th`.
    Number,
    /// An Arabic-script word.
    UrduWord,
    /// Anything else: an ordinary word.
    Word,
    /// Nothing: the period follows whitespace or starts the block.
    Nothing,
}

impl Rules {
    /// The built-in rules of `lang`.
    pub fn new(lang: Lang) -> Self {
        Rules {
            lang,
            lexicon: Lexicon::of(lang),
        }
    }

    /// The language the rules are for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Appends the sentences of `block` to `out` (see [`super::Segmenter::split`]).
    pub fn split(&self, block: &str, out: &mut Vec<Range<usize>>) {
        let bytes = block.as_bytes();
        let list = lists::detect(block);
        let mut list_breaks = list.breaks.iter().copied().peekable();
        let mut start = 0;
        let mut i = 0;
        // Open «quotations» in the sentence so far, counted up to `counted`.
        let mut depth: i64 = 0;
        let mut counted = 0;
        // An ASCII block can only hold `.`, `!` and `?`: memchr finds them
        // many bytes at a time.
        let ascii = block.is_ascii();
        // Where the last `»` is: a period before it may be inside a quotation.
        let last_guillemet = if ascii || self.lang != Lang::Ru {
            None
        } else {
            memchr::memmem::rfind(bytes, "»".as_bytes())
        };
        let find = |rest: &[u8]| {
            if ascii {
                memchr::memchr3(b'.', b'!', b'?', rest)
            } else {
                find_candidate(rest)
            }
        };
        while let Some(offset) = bytes.get(i..).and_then(find) {
            let at = i + offset;
            let Some(c) = block.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            i = at + c.len_utf8();
            if !is_terminator(c) && c != '…' {
                continue;
            }
            while let Some(brk) = list_breaks.next_if(|&brk| brk <= at) {
                push(block, start..brk, out);
                start = start.max(brk);
            }
            if list.suppressed.contains(&at) {
                continue;
            }
            let run = terminator_run(block, at);
            let end = closing_end(block, run.end);
            let mut quoted = false;
            if last_guillemet.is_some_and(|close| close >= end) {
                let counted_from = counted.max(start);
                let new = block.get(counted_from..end).unwrap_or_default();
                depth += new.matches('«').count() as i64 - new.matches('»').count() as i64;
                counted = end;
                quoted = depth > 0;
            }
            // The rules look at a few words around the terminator: a
            // window keeps long runs without spaces from costing their
            // length at every terminator.
            let view = window_start(block, start, run.start);
            let local = block.get(view..).unwrap_or_default();
            let shift = |x: usize| x - view;
            let decision = self.decide(
                local,
                start.max(view) - view,
                shift(run.start)..shift(run.end),
                shift(end),
                quoted,
            );
            match decision {
                Decision::Break => {
                    push(block, start..end, out);
                    start = end;
                    depth = 0;
                }
                Decision::BreakBeforeEllipsis => {
                    push(block, start..run.start + 1, out);
                    start = run.start + 1;
                    depth = 0;
                }
                Decision::Continue => {}
            }
            i = end.max(run.end);
        }
        for brk in list_breaks {
            push(block, start..brk, out);
            start = start.max(brk);
        }
        push(block, start..block.len(), out);
    }

    /// Whether the terminator run `run` (closing punctuation up to `end`)
    /// ends the sentence that began at `start`.
    fn decide(
        &self,
        block: &str,
        start: usize,
        run: Range<usize>,
        end: usize,
        in_guillemets: bool,
    ) -> Decision {
        let terminators = block.get(run.clone()).unwrap_or_default();
        let after = block.get(end..).unwrap_or_default();
        let spaced = after.starts_with(char::is_whitespace);
        let (next, next_word) = peek_next(after);
        if next == Next::End {
            return Decision::Break;
        }
        let ellipsis = ellipsis_dots(terminators);
        let closed = end > run.end;
        if self.lexicon.is_continuation(next_word) && (closed || !terminators.contains('۔')) {
            return Decision::Continue;
        }
        // Urdu's stops end an Urdu sentence; quoted in English or Russian
        // text (`the full stop is ۔ and …`) they follow the `?` rules.
        if self.lang == Lang::Ur && terminators.contains(['۔', '؟']) && ellipsis < 2 {
            return self.urdu_stop(block, start, run.start, terminators);
        }
        if in_guillemets {
            // Russian direct speech: «Когда? — спросил он. — Завтра».
            return Decision::Continue;
        }
        if ellipsis >= 2 || terminators.contains('…') {
            let head = block.get(..run.start).unwrap_or_default();
            if head.ends_with(['[', '(']) {
                // An omission inside a quotation: `[...]`.
                return Decision::Continue;
            }
            let decision = self.after_ellipsis(terminators, ellipsis, next, next_word);
            let attached = head.ends_with(is_word_char) && terminators.starts_with(". .");
            return if decision == Decision::Break && attached {
                Decision::BreakBeforeEllipsis
            } else {
                decision
            };
        }
        if !terminators.starts_with('.') {
            // `?`, `!`, `?!`, `‼` and other scripts' stops: only lowercase
            // after them (`Yahoo! in`, `“Really?” he asked`) continues.
            return match next {
                Next::Lower => Decision::Continue,
                _ if spaced => Decision::Break,
                Next::Upper
                    if has_lowercase_after_first(next_word) && !is_address(block, run.start) =>
                {
                    Decision::Break
                }
                _ => Decision::Continue,
            };
        }
        if next == Next::Lower {
            // Lowercase never starts an English or Russian sentence.
            return Decision::Continue;
        }
        if !spaced && self.lang == Lang::Ur && next == Next::Other {
            // `ہوگیا.وفد`: a Latin period between Urdu words.
            let urdu = |c: Option<char>| c.is_some_and(|c| Script::of(c) == Script::Arabic);
            let before = block.get(..run.start).and_then(|h| h.chars().next_back());
            let after = after.chars().next();
            return if urdu(before) && urdu(after) {
                Decision::Break
            } else {
                Decision::Continue
            };
        }
        if !spaced {
            // `3.14`, `U.S.A`: only `world.Today` can be a missing space.
            if next != Next::Upper || !has_lowercase_after_first(next_word) {
                return Decision::Continue;
            }
            let before = self.before(block, start, run.start, next);
            return self.unspaced(block, run.start, before);
        }
        let before = self.before(block, start, run.start, next);
        self.after_period(block, start, run.start, before, next, next_word)
    }

    /// Urdu's `۔` and `؟` end the sentence, except `۔` after a list
    /// number that opens the sentence or follows a colon or comma
    /// (`کیا: ۱۔ ویزا، ۲۔ پروازیں`), after the name of a Latin letter
    /// (`ایم۔ اے`, `البرٹ پی۔ خوریف`) and after an abbreviation (`ص۔ ۱۲`).
    fn urdu_stop(&self, block: &str, start: usize, at: usize, terminators: &str) -> Decision {
        if terminators != "۔" {
            return Decision::Break;
        }
        let head = block.get(start..at).unwrap_or_default();
        let token = last_token(head);
        let before = head
            .get(..head.len() - token.len())
            .unwrap_or_default()
            .trim_end();
        let list_number = (1..=2).contains(&token.chars().count())
            && token.chars().all(|c| c.is_numeric())
            && (before.is_empty() || before.ends_with([':', '،', ',']));
        let abbreviation = matches!(
            self.lexicon.lookup(token),
            Some(Class::Prefix | Class::Number)
        );
        if list_number || abbreviation || self.lexicon.is_letter_name(token) {
            Decision::Continue
        } else {
            Decision::Break
        }
    }

    /// A period followed directly by a capitalized word (`world.Today`): a
    /// missing space between sentences, unless the token is an
    /// abbreviation or an address (`Jane.Doe@example.com`).
    fn unspaced(&self, block: &str, at: usize, before: Before) -> Decision {
        if !matches!(before, Before::Word | Before::Number) {
            return Decision::Continue;
        }
        if is_address(block, at) {
            Decision::Continue
        } else {
            Decision::Break
        }
    }

    /// A period followed by whitespace.
    fn after_period(
        &self,
        block: &str,
        start: usize,
        at: usize,
        before: Before,
        next: Next,
        next_word: &str,
    ) -> Decision {
        if next == Next::Lower {
            return Decision::Continue;
        }
        // `7 p.m. (Moscow time)`: a bracket after an abbreviation explains
        // it; it does not open a sentence.
        let bracket = block
            .get(at + 1..)
            .is_some_and(|rest| rest.trim_start().starts_with(['(', '[']));
        if bracket
            && matches!(
                before,
                Before::Abbreviation(_) | Before::Acronym | Before::Initial
            )
        {
            return Decision::Continue;
        }
        let starter = || self.lexicon.is_starter(next_word);
        let ambiguous = || {
            if next == Next::Upper && starter() {
                Decision::Break
            } else {
                Decision::Continue
            }
        };
        match before {
            Before::Abbreviation(Class::Prefix | Class::Number) => Decision::Continue,
            Before::Abbreviation(Class::Final) => self.final_abbreviation(block, at, next),
            Before::Abbreviation(Class::Date) => {
                let after = block.get(at..).unwrap_or_default();
                if !self.follows_number(block, at)
                    || self.date_phrase_only(block, start, at)
                    || starts_with_date(after)
                {
                    Decision::Continue
                } else {
                    self.final_abbreviation(block, at, next)
                }
            }
            Before::Abbreviation(Class::Measure) => {
                if !self.follows_number(block, at) {
                    return ambiguous();
                }
                let honorific = self.honorific_follows(block, at, next_word);
                let collocation = COLLOCATIONS.iter().any(|&(abbreviation, word)| {
                    word == next_word
                        && last_token(block.get(..at).unwrap_or_default()) == abbreviation
                });
                if next == Next::Upper && !honorific && !collocation {
                    Decision::Break
                } else {
                    Decision::Continue
                }
            }
            Before::Abbreviation(Class::Street) => {
                if capitalized_word_before(block, at) {
                    self.final_abbreviation(block, at, next)
                } else {
                    ambiguous()
                }
            }
            Before::Abbreviation(Class::Country) => {
                if next == Next::Upper && !self.lexicon.is_qualified(next_word) {
                    Decision::Break
                } else {
                    Decision::Continue
                }
            }
            Before::Abbreviation(Class::Ambiguous) | Before::Acronym | Before::Letter => {
                ambiguous()
            }
            Before::Initial => self.after_initial(block, start, at, next, next_word, starter()),
            Before::UrduWord | Before::Number | Before::Word | Before::Nothing => Decision::Break,
        }
    }

    /// After an abbreviation that often ends a sentence (`etc.`, `т. д.`):
    /// a capital or a digit starts the next. In Urdu, an Urdu word after an
    /// Urdu abbreviation does too; after a Latin one (`Inc. اور`) it goes on.
    fn final_abbreviation(&self, block: &str, at: usize, next: Next) -> Decision {
        match next {
            Next::Upper | Next::Digit => Decision::Break,
            Next::Other if self.lang == Lang::Ur => {
                let latin = block
                    .get(..at)
                    .and_then(|head| head.chars().next_back())
                    .is_some_and(|c| Script::of(c) == Script::Latin);
                if latin {
                    Decision::Continue
                } else {
                    Decision::Break
                }
            }
            _ => Decision::Continue,
        }
    }

    /// Whether the next word is an honorific with its period (`5 a.m. Mr.
    /// Smith`): it belongs to a name, which a time may well precede.
    fn honorific_follows(&self, block: &str, at: usize, next_word: &str) -> bool {
        let rest = block.get(at + 1..).unwrap_or_default().trim_start();
        rest.strip_prefix(next_word)
            .is_some_and(|tail| tail.starts_with('.'))
            && self.lexicon.lookup(next_word) == Some(Class::Prefix)
    }

    /// After a single capital letter and a period: an initial, unless a
    /// sentence obviously starts after it.
    fn after_initial(
        &self,
        block: &str,
        start: usize,
        at: usize,
        next: Next,
        next_word: &str,
        starter: bool,
    ) -> Decision {
        // Another initial follows (`В. А.`): the name goes on.
        if next != Next::Upper || next_word.ends_with('.') {
            return Decision::Continue;
        }
        if starter && next_word != "I" {
            return Decision::Break;
        }
        // `Annex B. Copies are …`: a letter that labels, not an initial.
        let head = block.get(..at).unwrap_or_default();
        let label = last_token(head.trim_end_matches(is_word_char).trim_end());
        if self.lexicon.is_label(label) {
            return Decision::Break;
        }
        // Russian puts initials after the surname too: `с Чижовым В. А. Затем`.
        if self.lang == Lang::Ru && surname_before_initials(block, start, at) {
            return Decision::Break;
        }
        Decision::Continue
    }

    /// After `...`, `…` or `. . . .`: a sentence ends before a capital,
    /// except `I` (capitalized anywhere) after a plain three-dot ellipsis.
    fn after_ellipsis(
        &self,
        terminators: &str,
        dots: usize,
        next: Next,
        next_word: &str,
    ) -> Decision {
        let with_period =
            dots >= 4 || terminators.ends_with("….") || terminators.contains(['?', '!']);
        match next {
            Next::Upper if with_period || next_word != "I" => Decision::Break,
            _ => Decision::Continue,
        }
    }

    /// Classifies the token that ends just before the period at `at`.
    /// `No.` and its kind count as abbreviations only before a number.
    fn before(&self, block: &str, start: usize, at: usize, next: Next) -> Before {
        let head = block.get(start..at).unwrap_or_default();
        let token = last_token(head);
        if token.is_empty() {
            return Before::Nothing;
        }
        match self.abbreviation(head, token) {
            Some(Class::Number) if next != Next::Digit => classify(token),
            Some(class) => Before::Abbreviation(class),
            None => classify(token),
        }
    }

    /// The abbreviation ending the text `head`, trying the longest
    /// multi-word entry first (`и т. д` before `т. д` before `д`).
    fn abbreviation(&self, head: &str, token: &str) -> Option<Class> {
        if self.lexicon.ends_longer_entry(token) {
            for words in (2..=self.lexicon.max_words()).rev() {
                if let Some(class) =
                    last_words(head, words).and_then(|text| self.lexicon.lookup(text))
                {
                    return Some(class);
                }
            }
        }
        self.lexicon.lookup(token)
    }

    /// Whether the abbreviation before `at` follows a number (`2024 г.`,
    /// `XX в.`, `2022–2024 гг.`).
    fn follows_number(&self, block: &str, at: usize) -> bool {
        let head = block.get(..at).unwrap_or_default();
        let without_abbreviation = head.trim_end_matches(|c: char| !c.is_whitespace());
        let before_previous = without_abbreviation
            .trim_end()
            .trim_end_matches([',', ';', '.']);
        let previous = last_token(before_previous);
        !previous.is_empty()
            && (previous.chars().any(|c| c.is_numeric())
                || previous.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
                // `50 млн руб.`: a measure after a measure after a number.
                || (self.lexicon.lookup(previous) == Some(Class::Measure)
                    && self.follows_number(block, before_previous.len())))
    }

    /// Whether the sentence so far is only a date (`В 2024 г.`,
    /// `14 февраля 2024 г.`): then the capital after it is a name, not a
    /// new sentence.
    fn date_phrase_only(&self, block: &str, start: usize, at: usize) -> bool {
        // A date phrase is a few words; a longer head (or one cut by the
        // window) is a clause.
        if at - start > 120 {
            return false;
        }
        let head = block.get(start..at).unwrap_or_default();
        head.split_whitespace().all(|word| {
            let word = word.trim_matches(|c: char| !is_word_char(c));
            word.is_empty()
                || word.starts_with(|c: char| c.is_numeric())
                || word
                    .chars()
                    .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
                || DATE_WORDS.contains(&word.to_lowercase().as_str())
                || self.lexicon.lookup(word) == Some(Class::Date)
        })
    }
}

/// An abbreviation and the word that completes it (`млрд долл. США`).
const COLLOCATIONS: &[(&str, &str)] = &[("долл", "США")];

/// Words a Russian date phrase is made of, besides numbers.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "в", "во", "с", "со", "к", "до", "по", "на", "от", "за", "января", "февраля", "марта", "апреля",
    "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "январе",
    "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре",
    "декабре", "конце", "начале", "середине", "течение", "конца", "начала", "середины", "концу",
    "весной", "летом", "осенью", "зимой", "уже", "ещё", "еще", "лишь", "только", "около",
    "примерно", "году", "года",
];

/// Whether the text after a year goes on with another date (`1898 г. В
/// 1854 году`): then the two belong to one sentence.
fn starts_with_date(after: &str) -> bool {
    let mut words = after.trim_start_matches(['.', ' ']).split_whitespace();
    let preposition = words.next().unwrap_or_default();
    let number = words.next().unwrap_or_default();
    matches!(
        preposition,
        "В" | "С" | "До" | "По" | "К" | "На" | "От" | "За"
    ) && number.starts_with(|c: char| c.is_ascii_digit())
}

/// How far back the rules look from a terminator at most.
const WINDOW: usize = 256;

/// The start of the text the rules see for a terminator at `at`: the
/// sentence start, or `WINDOW` bytes back if the sentence is longer.
fn window_start(block: &str, start: usize, at: usize) -> usize {
    let mut view = at.saturating_sub(WINDOW).max(start);
    while view < at && !block.is_char_boundary(view) {
        view += 1;
    }
    view
}

/// Pushes `range` of `block` to `out`, trimmed, if anything is left.
fn push(block: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    if range.start < range.end
        && let Some(range) = super::trim(block, range)
    {
        out.push(range);
    }
}

/// The run of terminators starting at `at`: `?!`, `...`, `…`, and spaced
/// ellipses `. . .`.
fn terminator_run(block: &str, at: usize) -> Range<usize> {
    let mut end = at;
    let mut rest = block.get(at..).unwrap_or_default();
    loop {
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if is_terminator(c) || c == '…' => {
                end += c.len_utf8();
                rest = chars.as_str();
            }
            // `. . .`: a period, a space, a period.
            Some(' ')
                if block.get(..end).is_some_and(|head| head.ends_with('.'))
                    && rest.starts_with(" .") =>
            {
                end += 1;
                rest = chars.as_str();
            }
            _ => return at..end,
        }
    }
}

/// The number of periods in a terminator run (`. . . .` has four).
fn ellipsis_dots(run: &str) -> usize {
    run.bytes().filter(|&b| b == b'.').count() + run.matches('۔').count()
}

/// Skips closing quotes and brackets after a terminator run.
fn closing_end(block: &str, from: usize) -> usize {
    let rest = block.get(from..).unwrap_or_default();
    let trimmed = rest.trim_start_matches(is_closing);
    from + (rest.len() - trimmed.len())
}

/// Punctuation that closes a quotation or a bracket, or may (`"`, `'`, and
/// `“`, which closes Russian „…“ quotes).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’' | '›' | '“' | '」' | '』' | '〉' | '》'
    )
}

/// Punctuation that may open a quotation or bracket, or a dash starting a
/// reply; skipped when looking at the next word.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '“'
            | '„'
            | '‘'
            | '‹'
            | '—'
            | '–'
            | '-'
            | '¿'
            | '¡'
    )
}

/// What follows a terminator: the first letter's class and the first word.
fn peek_next(after: &str) -> (Next, &str) {
    let rest = after
        .trim_start()
        .trim_start_matches(is_opening)
        .trim_start();
    let Some(first) = rest.chars().next() else {
        return (Next::End, "");
    };
    let word_len = rest
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(rest.len(), |(i, _)| i);
    // An initial (`А.` in `В. А. Чижов`) keeps its period, so that it is
    // never taken for a word such as the conjunction `А`.
    let initial = rest
        .get(word_len..)
        .is_some_and(|tail| tail.starts_with('.'))
        && rest.get(..word_len).is_some_and(|w| w.chars().count() == 1);
    let word = rest
        .get(..word_len + usize::from(initial))
        .unwrap_or_default();
    let next = if first.is_lowercase() {
        Next::Lower
    } else if first.is_uppercase() {
        Next::Upper
    } else if first.is_numeric() {
        Next::Digit
    } else {
        Next::Other
    };
    (next, word)
}

/// Whether a word has a lowercase letter after its first (`Today`, not `A`
/// or `NATO`): proof that a capital starts a word, not an acronym.
fn has_lowercase_after_first(word: &str) -> bool {
    word.chars().skip(1).any(char::is_lowercase)
}

/// The last whitespace-separated token of `head`, without the opening
/// punctuation before it.
fn last_token(head: &str) -> &str {
    let token = head.rsplit(char::is_whitespace).next().unwrap_or_default();
    token.trim_start_matches(is_opening)
}

/// The last `n` whitespace-separated words of `head`, as one slice.
fn last_words(head: &str, n: usize) -> Option<&str> {
    let mut end_of_prefix = head.len();
    let mut found = 0;
    let trimmed = head.trim_end();
    let mut rest = trimmed;
    while found < n {
        let word_start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        if rest.get(word_start..).is_none_or(str::is_empty) {
            return None;
        }
        found += 1;
        end_of_prefix = word_start;
        rest = rest.get(..word_start)?.trim_end();
        if rest.is_empty() && found < n {
            return None;
        }
    }
    let slice = trimmed.get(end_of_prefix..)?;
    Some(slice.trim_start_matches(is_opening))
}

/// Whether the token around `at` is an address: an e-mail, a URL, a path.
fn is_address(block: &str, at: usize) -> bool {
    let token = whitespace_token(block, at);
    token.contains(['@', '/', '\\', '_']) || token.contains("www.")
}

/// Whether the word before the abbreviation ending at `at` is capitalized
/// (`Kirova St.`).
fn capitalized_word_before(block: &str, at: usize) -> bool {
    let head = block.get(..at).unwrap_or_default();
    let word = last_token(
        head.trim_end_matches(|c: char| !c.is_whitespace())
            .trim_end(),
    );
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The whitespace-delimited token around byte `at`.
fn whitespace_token(block: &str, at: usize) -> &str {
    let start = block
        .get(..at)
        .and_then(|h| h.rfind(char::is_whitespace))
        .map_or(0, |i| i + 1);
    let mut limit = (at + WINDOW).min(block.len());
    while !block.is_char_boundary(limit) {
        limit -= 1;
    }
    let end = block
        .get(at..limit)
        .and_then(|t| t.find(char::is_whitespace))
        .map_or(limit, |i| at + i);
    block.get(start..end).unwrap_or_default()
}

/// Classifies a token that is not in the lexicon.
fn classify(token: &str) -> Before {
    let mut chars = token.chars();
    let first = chars.next();
    if let (Some(c), None) = (first, chars.clone().next()) {
        return if c.is_uppercase() {
            Before::Initial
        } else if c.is_lowercase() {
            Before::Letter
        } else if c.is_numeric() {
            Before::Number
        } else {
            Before::Word
        };
    }
    // `В.А`, `V.A`: initials written without spaces.
    if token.contains('.')
        && token.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        })
    {
        return Before::Initial;
    }
    if token.contains('.')
        && token.split('.').all(|part| {
            let letters = part.chars().count();
            (1..=2).contains(&letters) && part.chars().all(char::is_alphabetic)
        })
    {
        return Before::Acronym;
    }
    if token.chars().any(char::is_numeric)
        && token.chars().filter(|c| c.is_alphabetic()).count() <= 2
    {
        return Before::Number;
    }
    let letter = token.chars().rev().find(|&c| is_word_char(c));
    if letter.is_some_and(|c| Script::of(c) == Script::Arabic) {
        return Before::UrduWord;
    }
    Before::Word
}

/// Whether the initials ending at `at` (`В. А`) follow a Russian surname
/// (`Чижовым В. А.`), so that they close the name rather than open one.
fn surname_before_initials(block: &str, start: usize, at: usize) -> bool {
    let head = block.get(start..at).unwrap_or_default();
    let is_initials = |token: &str| {
        !token.is_empty()
            && token
                .split('.')
                .filter(|part| !part.is_empty())
                .all(|part| {
                    let mut chars = part.chars();
                    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
                })
    };
    let mut words = head
        .split_whitespace()
        .rev()
        .skip_while(|token| is_initials(token));
    let (Some(word), before) = (words.next(), words.next().unwrap_or_default()) else {
        return false;
    };
    // `в Берлине С. Ю. Нечаев`: a place in the locative, not a surname.
    let preposition = ["в", "во", "на", "из", "о", "об", "при"];
    if preposition
        .iter()
        .any(|p| before.eq_ignore_ascii_case(p) || before.to_lowercase() == *p)
    {
        return false;
    }
    let mut chars = word.chars();
    let capitalized = chars
        .next()
        .is_some_and(|c| c.is_uppercase() && Script::of(c) == Script::Cyrillic);
    let lower = word.to_lowercase();
    // A period after the word (`Лавровым. В. А.`) ends an earlier sentence.
    capitalized
        && chars.all(|c| c.is_lowercase() || c == '-')
        && SURNAME_ENDINGS.iter().any(|ending| lower.ends_with(ending))
}

/// Endings of Russian surnames in any case (`Чижов`, `Чижовым`, `Хоревой`),
/// and of indeclinable ones common in Russian texts (`Матвиенко`,
/// `Пашинян`, `Шеварднадзе`).
#[rustfmt::skip]
const SURNAME_ENDINGS: &[&str] = &[
    "ов", "ова", "ову", "овым", "ове", "овой", "ев", "ева", "еву", "евым", "еве", "евой", "ёв",
    "ёва", "ёву", "ёвым", "ёве", "ин", "ина", "ину", "иным", "ине", "иной", "ын", "ына", "ыну",
    "ыным", "ский", "ского", "скому", "ским", "ском", "ская", "ской", "скую", "цкий", "цкого",
    "цкому", "цким", "цком", "ых", "их", "ко", "ук", "юк", "ян", "дзе", "швили",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn split(lang: Lang, text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        Rules::new(lang).split(text, &mut out);
        out.into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            split(Lang::En, "Hello World. My name is Jonas."),
            ["Hello World.", "My name is Jonas."]
        );
        assert_eq!(
            split(Lang::En, "What is it? It is late!"),
            ["What is it?", "It is late!"]
        );
        assert_eq!(split(Lang::En, ""), Vec::<&str>::new());
        assert_eq!(split(Lang::En, "   "), Vec::<&str>::new());
        assert_eq!(split(Lang::En, "No terminator"), ["No terminator"]);
    }

    #[test]
    fn english_names_and_honorifics() {
        assert_eq!(
            split(
                Lang::En,
                "Senator Vladimir A. Chizhov met H.E. Albert P. Khorev. Mr. Igor Borisov joined."
            ),
            [
                "Senator Vladimir A. Chizhov met H.E. Albert P. Khorev.",
                "Mr. Igor Borisov joined."
            ]
        );
        assert_eq!(
            split(Lang::En, "H.E Albert P. Khorev spoke. Dr. Smith agreed."),
            ["H.E Albert P. Khorev spoke.", "Dr. Smith agreed."]
        );
    }

    #[test]
    fn english_abbreviations() {
        assert_eq!(
            split(Lang::En, "I live in the U.S. How about you?"),
            ["I live in the U.S.", "How about you?"]
        );
        assert_eq!(
            split(Lang::En, "I work for the U.S. Government in Virginia."),
            ["I work for the U.S. Government in Virginia."]
        );
        assert_eq!(
            split(Lang::En, "They met on Feb. 14 in Islamabad."),
            ["They met on Feb. 14 in Islamabad."]
        );
        assert_eq!(
            split(Lang::En, "See item No. 5 of the agenda."),
            ["See item No. 5 of the agenda."]
        );
        assert_eq!(
            split(Lang::En, "We said no. Then we left."),
            ["We said no.", "Then we left."]
        );
        assert_eq!(
            split(Lang::En, "It grew by 2.5 percent. Trade rose."),
            ["It grew by 2.5 percent.", "Trade rose."]
        );
    }

    #[test]
    fn quotes_brackets_and_ellipses() {
        assert_eq!(
            split(
                Lang::En,
                "He said, \u{201c}We agree.\u{201d} The talks ended."
            ),
            ["He said, \u{201c}We agree.\u{201d}", "The talks ended."]
        );
        assert_eq!(
            split(Lang::En, "She said \"Stop.\" she left."),
            ["She said \"Stop.\" she left."]
        );
        assert_eq!(
            split(Lang::En, "I never meant that.... She left."),
            ["I never meant that....", "She left."]
        );
        assert_eq!(
            split(Lang::En, "I was ... well, you know."),
            ["I was ... well, you know."]
        );
        assert_eq!(
            split(Lang::En, "Hello!! Long time no see."),
            ["Hello!!", "Long time no see."]
        );
        assert_eq!(
            split(Lang::En, "Hello world.Today is Tuesday."),
            ["Hello world.", "Today is Tuesday."]
        );
        assert_eq!(
            split(Lang::En, "Mail Jane.Doe@example.com. I did."),
            ["Mail Jane.Doe@example.com.", "I did."]
        );
    }

    #[test]
    fn russian_initials_and_abbreviations() {
        assert_eq!(
            split(
                Lang::Ru,
                "Сенатор В. А. Чижов прибыл в Исламабад. Его встретили."
            ),
            ["Сенатор В. А. Чижов прибыл в Исламабад.", "Его встретили."]
        );
        assert_eq!(
            split(Lang::Ru, "Встреча с Чижовым В. А. Затем делегация уехала."),
            ["Встреча с Чижовым В. А.", "Затем делегация уехала."]
        );
        assert_eq!(
            split(
                Lang::Ru,
                "Обсудили торговлю, энергетику и т. д. Затем стороны подписали протокол."
            ),
            [
                "Обсудили торговлю, энергетику и т. д.",
                "Затем стороны подписали протокол."
            ]
        );
        assert_eq!(
            split(
                Lang::Ru,
                "Встреча состоялась в феврале 2024 г. Делегация вернулась."
            ),
            [
                "Встреча состоялась в феврале 2024 г.",
                "Делегация вернулась."
            ]
        );
        assert_eq!(
            split(Lang::Ru, "В 2024 г. Россия и Пакистан расширили торговлю."),
            ["В 2024 г. Россия и Пакистан расширили торговлю."]
        );
        assert_eq!(
            split(Lang::Ru, "Он живёт в г. Москве. Это далеко."),
            ["Он живёт в г. Москве.", "Это далеко."]
        );
        assert_eq!(
            split(Lang::Ru, "Это так. и никак иначе."),
            ["Это так. и никак иначе."]
        );
    }

    #[test]
    fn urdu_stops() {
        assert_eq!(
            split(Lang::Ur, "سینیٹر نے ملاقات کی۔ کیا وہ آئیں گے؟ جی ہاں!"),
            ["سینیٹر نے ملاقات کی۔", "کیا وہ آئیں گے؟", "جی ہاں!"]
        );
        assert_eq!(
            split(Lang::Ur, "انہوں نے کہا: “ہم متفق ہیں۔” اجلاس ختم ہوا۔"),
            ["انہوں نے کہا: “ہم متفق ہیں۔”", "اجلاس ختم ہوا۔"]
        );
        assert_eq!(
            split(Lang::Ur, "H.E. البرٹ پی خوریف نے U.N. کا ذکر کیا۔"),
            ["H.E. البرٹ پی خوریف نے U.N. کا ذکر کیا۔"]
        );
        assert_eq!(
            split(Lang::Ur, "یہ درست ہے. اگلا جملہ۔"),
            ["یہ درست ہے.", "اگلا جملہ۔"]
        );
    }

    #[test]
    fn urdu_stops_after_numbers_and_letters() {
        assert_eq!(
            split(Lang::Ur, "ارکان کی کل تعداد ۴۵۔ ان میں سے دس خواتین ہیں۔"),
            ["ارکان کی کل تعداد ۴۵۔", "ان میں سے دس خواتین ہیں۔"]
        );
        assert_eq!(
            split(
                Lang::Ur,
                "روسی سفیر البرٹ پی۔ خوریف نے خطاب کیا۔ اجلاس ختم ہوا۔"
            ),
            ["روسی سفیر البرٹ پی۔ خوریف نے خطاب کیا۔", "اجلاس ختم ہوا۔"]
        );
        assert_eq!(
            split(
                Lang::Ur,
                "فریقین نے اتفاق کیا: ۱۔ ویزا، ۲۔ پروازیں۔ پھر اجلاس ختم ہوا۔"
            ),
            [
                "فریقین نے اتفاق کیا: ۱۔ ویزا، ۲۔ پروازیں۔",
                "پھر اجلاس ختم ہوا۔"
            ]
        );
    }

    #[test]
    fn russian_initials_after_other_sentences_and_places() {
        assert_eq!(
            split(
                Lang::Ru,
                "Встреча с министром С. В. Лавровым. В. А. Чижов также присутствовал."
            ),
            [
                "Встреча с министром С. В. Лавровым.",
                "В. А. Чижов также присутствовал."
            ]
        );
        assert_eq!(
            split(
                Lang::Ru,
                "Посол России в Берлине С. Ю. Нечаев встретился с коллегами."
            ),
            ["Посол России в Берлине С. Ю. Нечаев встретился с коллегами."]
        );
    }

    #[test]
    fn long_runs_without_spaces_stay_linear() {
        let text = "a.Bc".repeat(50_000);
        let mut out = Vec::new();
        Rules::new(Lang::En).split(&text, &mut out);
        assert_eq!(out.len(), 50_000);
    }

    #[test]
    fn urdu_stops_quoted_in_english() {
        assert_eq!(
            split(
                Lang::En,
                "In Urdu the full stop is ۔ and the question mark is ؟ as in Persian."
            ),
            ["In Urdu the full stop is ۔ and the question mark is ؟ as in Persian."]
        );
    }

    #[test]
    fn inline_lists() {
        assert_eq!(
            split(Lang::En, "1.) The first item 2.) The second item"),
            ["1.) The first item", "2.) The second item"]
        );
        assert_eq!(
            split(Lang::En, "1. The first item. 2. The second item."),
            ["1. The first item.", "2. The second item."]
        );
        assert_eq!(
            split(
                Lang::En,
                "a. The first item b. The second item c. The third item"
            ),
            [
                "a. The first item",
                "b. The second item",
                "c. The third item"
            ]
        );
        assert_eq!(
            split(Lang::En, "• 9. One item • 10. Another item"),
            ["• 9. One item", "• 10. Another item"]
        );
    }
}
