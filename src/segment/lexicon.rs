//! The per-language word lists of the built-in rules: abbreviations and
//! sentence starters.
//!
//! They are data files (`src/segment/data/`), compiled into the binary and
//! parsed once per language on first use. Their format is documented at the
//! top of `en.abbreviations`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::lang::Lang;

/// How an abbreviation behaves before the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Stands before a name or number; never ends a sentence (`Mr.`).
    Prefix,
    /// An abbreviation only before a number (`No. 5`); elsewhere a word.
    Number,
    /// Often ends a sentence; breaks before any capitalized word (`etc.`).
    Final,
    /// `Final` after a number, `Prefix` elsewhere (`2024 г.` / `г. Москва`,
    /// `5 р.` / `р. Волга`).
    Date,
    /// After a number, breaks before a capital but not before a digit or an
    /// honorific (`14 Feb. 2024`, `5 руб. 50 коп.`); elsewhere `Ambiguous`.
    Measure,
    /// `Final` after a capitalized word (`Kirova St.`), elsewhere
    /// `Ambiguous` (`St. Petersburg`).
    Street,
    /// Breaks before a capital unless it is a word a country qualifies
    /// (`U.S. Senate`, see the `qualified` file).
    Country,
    /// Ends a sentence only before a usual sentence starter (`U.S.`).
    Ambiguous,
}

/// The abbreviations and sentence starters of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// Case-sensitive entries (those written with a capital).
    exact: HashMap<String, Class>,
    /// Entries in lowercase, matched case-insensitively.
    folded: HashMap<String, Class>,
    starters: HashSet<String>,
    /// Words that never start a sentence, for languages without capitals.
    continuations: HashSet<String>,
    /// Words a country abbreviation qualifies (`U.S. Senate`).
    qualified: HashSet<String>,
    /// Nouns a letter labels (`Annex B`).
    labels: HashSet<String>,
    /// Latin letter names in Urdu script (`ایم۔ اے`).
    letters: HashSet<String>,
    /// The most words an entry has as printed (`и т. д` has three).
    max_words: usize,
    /// The last words of entries of several words as printed (`д` in
    /// `т. д`, `al` in `et al`): only after these is a longer entry tried.
    tails: HashSet<String>,
    /// The longest entry as printed, in bytes.
    max_len: usize,
}

const EN_ABBREVIATIONS: &str = include_str!("data/en.abbreviations");
const RU_ABBREVIATIONS: &str = include_str!("data/ru.abbreviations");
const UR_ABBREVIATIONS: &str = include_str!("data/ur.abbreviations");
const EN_STARTERS: &str = include_str!("data/en.starters");
const RU_STARTERS: &str = include_str!("data/ru.starters");
const UR_CONTINUATIONS: &str = include_str!("data/ur.continuations");
const UR_LETTERS: &str = include_str!("data/ur.letters");
const EN_QUALIFIED: &str = include_str!("data/en.qualified");
const EN_LABELS: &str = include_str!("data/en.labels");

static EN: LazyLock<Lexicon> =
    LazyLock::new(|| Lexicon::parse(&[EN_ABBREVIATIONS], &[EN_STARTERS], ""));
static RU: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(
        &[EN_ABBREVIATIONS, RU_ABBREVIATIONS],
        &[EN_STARTERS, RU_STARTERS],
        "",
    )
});
static UR: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon::parse(
        &[EN_ABBREVIATIONS, UR_ABBREVIATIONS],
        &[EN_STARTERS],
        UR_CONTINUATIONS,
    );
    lexicon.letters = words(UR_LETTERS);
    lexicon
});

impl Lexicon {
    /// The lexicon of `lang`. Latin words follow the English lists in every
    /// language, since releases quote English names and abbreviations.
    pub fn of(lang: Lang) -> &'static Lexicon {
        match lang {
            Lang::En => &EN,
            Lang::Ru => &RU,
            Lang::Ur => &UR,
        }
    }

    /// Parses abbreviation and starter files; later files override earlier
    /// ones. The files are part of the crate and tested, so a malformed
    /// line is skipped rather than reported.
    fn parse(abbreviations: &[&str], starters: &[&str], continuations: &str) -> Lexicon {
        let mut lexicon = Lexicon {
            exact: HashMap::default(),
            folded: HashMap::default(),
            starters: HashSet::default(),
            continuations: words(continuations),
            qualified: words(EN_QUALIFIED),
            labels: words(EN_LABELS),
            letters: HashSet::default(),
            max_words: 1,
            tails: HashSet::default(),
            max_len: 0,
        };
        for file in abbreviations {
            for line in data_lines(file) {
                let (word, class) = match line.rsplit_once(' ') {
                    Some((word, class)) => match parse_class(class) {
                        Some(class) => (word, class),
                        None => (line, Class::Ambiguous),
                    },
                    None => (line, Class::Ambiguous),
                };
                let printed: Vec<&str> = word.split_whitespace().collect();
                if let [_, .., last] = printed.as_slice() {
                    lexicon.max_words = lexicon.max_words.max(printed.len());
                    lexicon.tails.insert((*last).to_owned());
                }
                // Room for the text to space what the entry does not.
                lexicon.max_len = lexicon.max_len.max(word.len() * 2);
                let key = canonical(word);
                if key.chars().any(char::is_uppercase) {
                    lexicon.exact.insert(key, class);
                } else {
                    lexicon.folded.insert(key, class);
                }
            }
        }
        for file in starters {
            lexicon.starters.extend(data_lines(file).map(str::to_owned));
        }
        lexicon
    }

    /// The class of the abbreviation `text` (as written, without its final
    /// period: `т. д`, `U.S`, `Mr`), if it is one. Runs at every period of
    /// the text, so the common cases (one ASCII word; any lowercase text)
    /// do not allocate.
    pub fn lookup(&self, text: &str) -> Option<Class> {
        if text.len() > self.max_len {
            return None;
        }
        if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_whitespace()) {
            return self.lookup_ascii_word(text);
        }
        KEY.with_borrow_mut(|key| {
            key.clear();
            let mut pending_space = false;
            let mut upper = false;
            let mut letters = 0;
            for c in text.chars() {
                if c.is_whitespace() {
                    pending_space = !key.is_empty() && !key.ends_with('.');
                    continue;
                }
                if pending_space {
                    key.push(' ');
                    pending_space = false;
                }
                upper |= c.is_uppercase();
                letters += 1;
                key.push(c);
            }
            if let Some(&class) = self.exact.get(key.as_str()) {
                return Some(class);
            }
            if !upper {
                return self.folded.get(key.as_str()).copied();
            }
            if letters == 1 {
                // A capital single letter is an initial (`В. А. Чижов`),
                // never the lowercase abbreviation (`в.` for century).
                return None;
            }
            let lower: String = key.chars().flat_map(char::to_lowercase).collect();
            self.folded.get(lower.as_str()).copied()
        })
    }

    /// [`Lexicon::lookup`] of one ASCII word: the common case, on the stack.
    fn lookup_ascii_word(&self, word: &str) -> Option<Class> {
        let mut buf = [0u8; 32];
        let lower = buf.get_mut(..word.len())?;
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        if lower != word.as_bytes() {
            if let Some(&class) = self.exact.get(word) {
                return Some(class);
            }
            if word.len() == 1 {
                return None; // an initial
            }
        }
        let lower = std::str::from_utf8(lower).ok()?;
        self.folded.get(lower).copied()
    }

    /// Whether `word` (capitalized) usually starts a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Whether a country abbreviation qualifies `word` (`U.S. Senate`).
    pub fn is_qualified(&self, word: &str) -> bool {
        self.qualified.contains(word)
    }

    /// Whether `word` is a noun that letters label (`Annex B`).
    pub fn is_label(&self, word: &str) -> bool {
        self.labels.contains(word)
    }

    /// Whether `word` is the Urdu name of a Latin letter (`ایم`).
    pub fn is_letter_name(&self, word: &str) -> bool {
        !self.letters.is_empty() && self.letters.contains(word)
    }

    /// Whether `word` never starts a sentence (Urdu postpositions).
    pub fn is_continuation(&self, word: &str) -> bool {
        !self.continuations.is_empty() && self.continuations.contains(word)
    }

    /// The most words an abbreviation of this lexicon spans as printed.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Whether `word` ends some abbreviation of several words (`д` of
    /// `т. д`), so that a longer lookup is worth trying.
    pub fn ends_longer_entry(&self, word: &str) -> bool {
        self.tails.contains(word)
    }
}

thread_local! {
    /// The lookup key being built: reused so that lookups do not allocate.
    static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

fn parse_class(name: &str) -> Option<Class> {
    Some(match name {
        "prefix" => Class::Prefix,
        "number" => Class::Number,
        "final" => Class::Final,
        "date" => Class::Date,
        "measure" => Class::Measure,
        "street" => Class::Street,
        "country" => Class::Country,
        _ => return None,
    })
}

/// The words of a one-word-a-line data file.
fn words(file: &str) -> HashSet<String> {
    data_lines(file).map(str::to_owned).collect()
}

/// The non-comment, non-blank lines of a data file, trimmed.
fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The lookup key of an abbreviation: whitespace after a period removed,
/// other whitespace collapsed to one space (`т. д` → `т.д`, `и  др` → `и др`).
fn canonical(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !key.is_empty() && !key.ends_with('.');
        } else {
            if pending_space {
                key.push(' ');
                pending_space = false;
            }
            key.push(c);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_keys() {
        assert_eq!(canonical("т. д"), "т.д");
        assert_eq!(canonical("и т. д"), "и т.д");
        assert_eq!(canonical("et  al"), "et al");
        assert_eq!(canonical("U.S"), "U.S");
    }

    #[test]
    fn classes_and_case() {
        let en = Lexicon::of(Lang::En);
        assert_eq!(en.lookup("Mr"), Some(Class::Prefix));
        assert_eq!(en.lookup("MR"), Some(Class::Prefix));
        assert_eq!(en.lookup("No"), Some(Class::Number));
        assert_eq!(en.lookup("etc"), Some(Class::Final));
        assert_eq!(en.lookup("U.S"), Some(Class::Country));
        assert_eq!(en.lookup("P.M"), Some(Class::Final));
        assert_eq!(en.lookup("p.m"), Some(Class::Measure));
        assert_eq!(en.lookup("St"), Some(Class::Street));
        assert_eq!(en.lookup("Art"), Some(Class::Number));
        assert_eq!(en.lookup("art"), None, "the noun");
        assert_eq!(en.lookup("M.A"), None, "initials, as in M.A. Jinnah");
        assert!(en.is_qualified("Senate") && !en.is_qualified("Mushahid"));
        assert!(en.is_label("Annex") && !en.is_label("Albert"));
        assert_eq!(en.lookup("et al"), Some(Class::Ambiguous));
        assert_eq!(en.lookup("table"), None);
        assert_eq!(en.lookup("т.д"), None, "Russian entries stay in Russian");
    }

    #[test]
    fn russian_includes_english_for_latin_words() {
        let ru = Lexicon::of(Lang::Ru);
        assert_eq!(ru.lookup("т.д"), Some(Class::Final));
        assert_eq!(ru.lookup("т. д"), Some(Class::Final), "as printed, spaced");
        assert_eq!(
            ru.lookup("т.\u{a0}д"),
            Some(Class::Final),
            "with a no-break space"
        );
        assert_eq!(ru.lookup("И  др"), Some(Class::Final));
        assert_eq!(ru.lookup("г"), Some(Class::Date));
        assert_eq!(ru.lookup("Г"), None, "a capital letter is an initial");
        assert_eq!(ru.lookup("В"), None);
        assert_eq!(ru.lookup("в"), Some(Class::Date));
        assert_eq!(ru.lookup("т.е"), Some(Class::Prefix));
        assert_eq!(ru.lookup("и др"), Some(Class::Final));
        assert_eq!(ru.lookup("Mr"), Some(Class::Prefix));
        assert_eq!(ru.max_words(), 3, "до н. э");
        assert_eq!(ru.lookup("до н. э"), Some(Class::Final));
        assert_eq!(ru.lookup("в т. ч"), Some(Class::Prefix));
        assert!(ru.is_starter("Затем"));
        assert!(!ru.is_starter("затем"));
    }

    #[test]
    fn every_data_line_parses() {
        for file in [EN_ABBREVIATIONS, RU_ABBREVIATIONS, UR_ABBREVIATIONS] {
            for line in data_lines(file) {
                let words: Vec<&str> = line.split(' ').collect();
                let last = words.last().copied().unwrap_or_default();
                let known = parse_class(last).is_some();
                let looks_like_class = words.len() > 1
                    && last.len() > 4
                    && last.chars().all(|c| c.is_ascii_lowercase());
                assert!(known || !looks_like_class, "unknown class in `{line}`");
                assert!(!line.ends_with('.'), "no final period: `{line}`");
            }
        }
        assert!(Lexicon::of(Lang::Ur).is_continuation("کہہ"));
        assert!(Lexicon::of(Lang::Ur).is_letter_name("ایم"));
        assert!(!Lexicon::of(Lang::En).is_letter_name("ایم"));
        assert!(!Lexicon::of(Lang::Ur).is_continuation("وزیر"));
        for file in [EN_STARTERS, RU_STARTERS] {
            for line in data_lines(file) {
                assert!(
                    line.chars().next().is_some_and(char::is_uppercase),
                    "`{line}`"
                );
                assert!(!line.contains(' '), "`{line}`");
            }
        }
    }
}
