//! The writing system of a character, and the letters that are typed in
//! the wrong one.
//!
//! Only the scripts tarjuman's languages use are told apart; everything
//! else is [`Script::Other`]. Ranges follow the Unicode blocks.
//!
//! [`foreign_letters`] finds Latin look-alikes in Cyrillic words and the
//! reverse; [`arabic_letters`] finds Arabic letters in Urdu text where Urdu
//! has its own. `glossary lint` runs them over terms and `check` over
//! translations, so that both find the same thing.

use crate::text::normalize::{is_apostrophe, tokens};

/// A writing system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    /// Arabic script, which Urdu is written in.
    Arabic,
    /// Digits, punctuation, symbols, and letters of other scripts.
    Other,
}

impl Script {
    /// The script of `c`.
    pub fn of(c: char) -> Script {
        match c {
            'a'..='z' | 'A'..='Z' => Script::Latin,
            '\u{00C0}'..='\u{024F}' if c != '×' && c != '÷' => Script::Latin,
            '\u{1E00}'..='\u{1EFF}' => Script::Latin,
            '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' => {
                Script::Cyrillic
            }
            '\u{A640}'..='\u{A69F}' => Script::Cyrillic,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' => {
                if c.is_alphabetic() || is_arabic_mark(c) {
                    Script::Arabic
                } else {
                    Script::Other
                }
            }
            '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' if c.is_alphabetic() => {
                Script::Arabic
            }
            _ => Script::Other,
        }
    }

    /// Its English name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Arabic => "Arabic",
            Script::Other => "other",
        }
    }
}

/// Arabic-script combining marks (harakat such as zer, and the superscript
/// alef), which belong to the word they sit on.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// The characters of the Arabic block (U+0600–U+06FF) that are not parts
/// of words: number signs, punctuation (، ؛ ؟ ۔), the percent and
/// separator signs, and the end-of-ayah and related marks.
pub fn is_arabic_block_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{0600}'..='\u{060F}'
            | '\u{061B}'..='\u{061F}'
            | '\u{066A}'..='\u{066D}'
            | '\u{06D4}'
            | '\u{06DD}'
            | '\u{06DE}'
            | '\u{06E9}'
    )
}

/// Whether `c` is part of a word: a letter, a digit or a combining mark of
/// the scripts tarjuman reads (Unicode's `ALetter`, `Numeric` and `Extend`
/// for them).
pub fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7F' => c.is_ascii_alphanumeric(),
        // Hot paths for Russian and Urdu text: whole blocks of letters and
        // marks, without the general Unicode tables.
        '\u{0400}'..='\u{0481}' | '\u{0483}'..='\u{052F}' => true,
        '\u{0600}'..='\u{06FF}' => !is_arabic_block_punctuation(c),
        _ => c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}') || is_arabic_mark(c),
    }
}

/// Latin look-alikes and their Cyrillic twins.
const TWINS: [(char, char); 18] = [
    ('a', 'а'),
    ('e', 'е'),
    ('o', 'о'),
    ('p', 'р'),
    ('c', 'с'),
    ('x', 'х'),
    ('y', 'у'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
];

/// The look-alike of `c` in `script` (Cyrillic `о` for Latin `o`, and the
/// reverse), if it has one.
pub fn twin(c: char, script: Script) -> Option<char> {
    TWINS.iter().find_map(|&(latin, cyrillic)| match script {
        Script::Cyrillic if c == latin => Some(cyrillic),
        Script::Latin if c == cyrillic => Some(latin),
        _ => None,
    })
}

/// Latin letters, as [`Script::of`] has them, without its Unicode lookups.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c != '×' && c != '÷')
        || matches!(c, '\u{1E00}'..='\u{1EFF}')
}

/// Cyrillic letters, as [`Script::of`] has them.
fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}' | '\u{1C80}'..='\u{1C8F}' | '\u{2DE0}'..='\u{2DFF}' | '\u{A640}'..='\u{A69F}')
}

/// Whether `text` has both Latin and Cyrillic letters: a quick test on
/// the UTF-8 bytes, which decodes characters only when it may be so.
pub fn has_latin_and_cyrillic(text: &str) -> bool {
    // One pass without branches, which the compiler vectorizes: ASCII
    // letters, the lead bytes of U+0400–U+052F and of U+00C0–U+024F, and
    // those that lead the rarer blocks (U+1C80, U+1E00, U+2DE0, U+A640)
    // among others.
    let (mut ascii, mut cyrillic, mut latin, mut rare_lead) = (false, false, false, false);
    for &b in text.as_bytes() {
        ascii |= (b | 0x20).wrapping_sub(b'a') < 26;
        cyrillic |= b.wrapping_sub(0xD0) < 5;
        latin |= b.wrapping_sub(0xC3) < 7;
        rare_lead |= (b == 0xE1) | (b == 0xE2) | (b == 0xEA);
    }
    if ascii && cyrillic {
        return true;
    }
    // The first two bytes of those blocks.
    let rare = || {
        text.as_bytes().windows(2).any(|w| {
            matches!(
                w,
                [0xE1, 0xB2 | 0xB8..=0xBB] | [0xE2, 0xB7] | [0xEA, 0x99 | 0x9A]
            )
        })
    };
    ((latin && cyrillic) || (rare_lead && rare()))
        && text.chars().any(is_latin)
        && text.chars().any(is_cyrillic)
}

/// A letter of the other script inside a word: the Latin `o` of `Чижoв`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignLetter<'a> {
    /// Byte offset of the letter in the text.
    pub at: usize,
    pub letter: char,
    /// The word it is in.
    pub word: &'a str,
    /// The word's script, that of most of its letters.
    pub script: Script,
    /// The look-alike of `letter` in `script`, if it has one.
    pub twin: Option<char>,
}

/// The letters of `text` that are in the minority script of a word mixing
/// Latin and Cyrillic letters (on a tie, those not in `preferred`).
///
/// Words are [`tokens`], further split at apostrophes, so that the Russian
/// ending of `Google’ом` is a word of its own; a word with a digit in it
/// (`Т72Б`, `A320neo`) is a code or a model name, mixed on purpose, and is
/// not looked at.
pub fn foreign_letters(text: &str, preferred: Script) -> Vec<ForeignLetter<'_>> {
    let mut out = Vec::new();
    // Most texts are in one script: skip them without tokenizing.
    if !has_latin_and_cyrillic(text) {
        return out;
    }
    for token in tokens(text) {
        let mut start = 0;
        let ends = token.text.char_indices().filter(|&(_, c)| is_apostrophe(c));
        for (end, apostrophe) in ends.chain([(token.text.len(), '\'')]) {
            if let Some(word) = token.text.get(start..end) {
                push_foreign(&mut out, word, token.span.start + start, preferred);
            }
            start = end + apostrophe.len_utf8();
        }
    }
    out
}

/// Adds the foreign letters of `word`, which starts at byte `offset`.
fn push_foreign<'a>(
    out: &mut Vec<ForeignLetter<'a>>,
    word: &'a str,
    offset: usize,
    preferred: Script,
) {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_numeric() {
            return;
        }
        latin += usize::from(is_latin(c));
        cyrillic += usize::from(is_cyrillic(c));
    }
    if latin == 0 || cyrillic == 0 {
        return;
    }
    let script = match latin.cmp(&cyrillic) {
        std::cmp::Ordering::Greater => Script::Latin,
        std::cmp::Ordering::Less => Script::Cyrillic,
        std::cmp::Ordering::Equal if preferred == Script::Cyrillic => Script::Cyrillic,
        std::cmp::Ordering::Equal => Script::Latin,
    };
    let foreign = if script == Script::Latin {
        is_cyrillic
    } else {
        is_latin
    };
    for (at, letter) in word.char_indices().filter(|&(_, c)| foreign(c)) {
        out.push(ForeignLetter {
            at: offset + at,
            letter,
            word,
            script,
            twin: twin(letter, script),
        });
    }
}

/// The Urdu letter for an Arabic letter that Urdu writes differently: ی for
/// ي and ى, ک for ك, ۃ for ة, ہ for ه.
pub fn urdu_letter(c: char) -> Option<char> {
    match c {
        'ي' | 'ى' => Some('ی'),
        'ك' => Some('ک'),
        'ة' => Some('ۃ'),
        'ه' => Some('ہ'),
        _ => None,
    }
}

/// An Arabic letter in Urdu text where Urdu has its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArabicLetter {
    /// Byte offset of the letter in the text.
    pub at: usize,
    pub letter: char,
    /// The Urdu letter to write instead ([`urdu_letter`]).
    pub urdu: char,
    /// Whether a letter of the same word follows.
    pub medial: bool,
    /// Whether `urdu` is surely the letter meant: false for ه after a
    /// letter that Urdu aspirates (ب پ ت ٹ ج چ د ڈ ک گ ل م ن ر ڑ), where it
    /// may stand for the aspirate ھ as well as for ہ: `ساته` is ساتھ,
    /// `کچه` is کچھ, but `خارجه` is خارجہ.
    pub safe: bool,
}

/// The letters of Urdu `text` that are Arabic where Urdu has its own
/// ([`urdu_letter`]), in text order.
pub fn arabic_letters(text: &str) -> Vec<ArabicLetter> {
    let mut out = Vec::new();
    // The UTF-8 of ة U+0629 and of ك ه ى ي U+0643, U+0647, U+0649, U+064A:
    // most texts have none, and are not decoded.
    let any = text
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [0xD8, 0xA9] | [0xD9, 0x83 | 0x87 | 0x89 | 0x8A]));
    if !any {
        return out;
    }
    // The letter before, skipping vowel marks: what ه may aspirate.
    let mut before = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, letter)) = chars.next() {
        if let Some(urdu) = urdu_letter(letter) {
            let medial = chars.peek().is_some_and(|&(_, next)| is_word_char(next));
            let safe = letter != 'ه' || !before.is_some_and(is_aspirated);
            out.push(ArabicLetter {
                at,
                letter,
                urdu,
                medial,
                safe,
            });
        }
        // Vowel marks, tatweel and invisible characters are skipped, as
        // matching keys drop them: the key's rule for ه is this one.
        if !is_arabic_mark(letter)
            && letter != '\u{0640}'
            && !crate::text::normalize::is_invisible(letter)
        {
            before = is_word_char(letter).then_some(letter);
        }
    }
    out
}

/// Consonants that take the aspirate ھ in Urdu (بھ تھ کھ پڑھ), with the
/// Arabic kaf that stands for ک in text typed on an Arabic keyboard.
pub(crate) fn is_aspirated(c: char) -> bool {
    matches!(
        c,
        'ب' | 'پ'
            | 'ت'
            | 'ٹ'
            | 'ج'
            | 'چ'
            | 'د'
            | 'ڈ'
            | 'ک'
            | 'ك'
            | 'گ'
            | 'ل'
            | 'م'
            | 'ن'
            | 'ر'
            | 'ڑ'
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn foreign_letters_are_the_minority_script_of_a_word() {
        let found = foreign_letters("Сенатоp Chizhоv", Script::Latin);
        let got: Vec<(usize, char, &str, Script, Option<char>)> = found
            .iter()
            .map(|f| (f.at, f.letter, f.word, f.script, f.twin))
            .collect();
        assert_eq!(
            got,
            [
                (12, 'p', "Сенатоp", Script::Cyrillic, Some('р')),
                (19, 'о', "Chizhоv", Script::Latin, Some('o')),
            ]
        );
        // A tie goes to the preferred script.
        assert_eq!(foreign_letters("Тo", Script::Cyrillic)[0].letter, 'o');
        assert_eq!(foreign_letters("Тo", Script::Latin)[0].letter, 'Т');
    }

    #[test]
    fn foreign_letters_skip_codes_and_endings_after_an_apostrophe() {
        assert!(foreign_letters("Google’ом и Т72Б, A320нео", Script::Cyrillic).is_empty());
        assert!(foreign_letters("Сенатор Senator", Script::Latin).is_empty());
        let found = foreign_letters("O’Кonnor", Script::Latin);
        assert_eq!((found[0].at, found[0].letter), (4, 'К'));
    }

    #[test]
    fn byte_tests_agree_with_the_scripts() {
        for c in ('\0'..='\u{FFFF}').filter(|&c| is_latin(c)) {
            let text = format!("ж{c}");
            assert!(has_latin_and_cyrillic(&text), "U+{:04X}", u32::from(c));
            assert!(
                !has_latin_and_cyrillic(&format!("{c}۔")),
                "U+{:04X}",
                u32::from(c)
            );
        }
        for c in ('\0'..='\u{FFFF}').filter(|&c| is_cyrillic(c)) {
            assert!(
                has_latin_and_cyrillic(&format!("z{c}")),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(
                !has_latin_and_cyrillic(&format!("{c}—")),
                "U+{:04X}",
                u32::from(c)
            );
        }
        assert!(!has_latin_and_cyrillic("2×3 ж"));
        for c in ['ي', 'ى', 'ك', 'ة', 'ه'] {
            assert_eq!(arabic_letters(&format!("ا{c}")).len(), 1, "{c}");
        }
    }

    #[test]
    fn arabic_letters_with_their_urdu_letter_and_safety() {
        let got: Vec<(char, char, bool, bool)> = arabic_letters("يه ساته شهر كی هم")
            .iter()
            .map(|a| (a.letter, a.urdu, a.medial, a.safe))
            .collect();
        assert_eq!(
            got,
            [
                ('ي', 'ی', true, true),
                ('ه', 'ہ', false, true),
                ('ه', 'ہ', false, false),
                ('ه', 'ہ', true, true),
                ('ك', 'ک', true, true),
                ('ه', 'ہ', true, true),
            ]
        );
        assert!(arabic_letters("یہ ساتھ شہر کی ہم").is_empty());
    }

    use super::*;

    #[test]
    fn scripts_of_the_three_languages() {
        assert_eq!(Script::of('a'), Script::Latin);
        assert_eq!(Script::of('é'), Script::Latin);
        assert_eq!(Script::of('ж'), Script::Cyrillic);
        assert_eq!(Script::of('Ё'), Script::Cyrillic);
        assert_eq!(Script::of('ی'), Script::Arabic);
        assert_eq!(Script::of('ک'), Script::Arabic);
        assert_eq!(Script::of('\u{0650}'), Script::Arabic, "zer");
        assert_eq!(Script::of('۔'), Script::Other, "full stop is punctuation");
        assert_eq!(Script::of('۲'), Script::Other, "digits have no script here");
        assert_eq!(Script::of('1'), Script::Other);
        assert_eq!(Script::of('×'), Script::Other);
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in ('\u{0400}'..='\u{052F}').chain('\u{0600}'..='\u{06FF}') {
            let general =
                c.is_alphanumeric() || is_arabic_mark(c) || matches!(c, '\u{0483}'..='\u{0489}');
            let punctuation_or_sign = matches!(c, '\u{0482}' | '\u{0600}'..='\u{060F}' | '\u{061B}'..='\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}' | '\u{06DD}' | '\u{06DE}' | '\u{06E9}');
            if general {
                assert!(
                    is_word_char(c) || !c.is_alphanumeric(),
                    "U+{:04X}",
                    c as u32
                );
            }
            if punctuation_or_sign {
                assert!(!is_word_char(c), "U+{:04X}", c as u32);
            }
        }
        assert!(is_word_char('ж') && is_word_char('ی') && is_word_char('۳'));
        assert!(!is_word_char('،') && !is_word_char('؟'));
    }

    #[test]
    fn word_chars_include_marks() {
        assert!(is_word_char('\u{0650}'));
        assert!(is_word_char('۲'));
        assert!(is_word_char('Ж'));
        assert!(!is_word_char('.'));
        assert!(!is_word_char('۔'));
    }
}
