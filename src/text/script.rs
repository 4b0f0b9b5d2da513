//! The writing system of a character.
//!
//! Only the scripts tarjuman's languages use are told apart; everything
//! else is [`Script::Other`]. Ranges follow the Unicode blocks.

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
}

/// Arabic-script combining marks (harakat such as zer, and the superscript
/// alef), which belong to the word they sit on.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
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
        '\u{0600}'..='\u{06FF}' => !matches!(
            c,
            '\u{0600}'..='\u{060F}'
                | '\u{061B}'..='\u{061F}'
                | '\u{066A}'..='\u{066D}'
                | '\u{06D4}'
                | '\u{06DD}'
                | '\u{06DE}'
                | '\u{06E9}'
        ),
        _ => c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}') || is_arabic_mark(c),
    }
}

#[cfg(test)]
mod tests {
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
