//! Numbers in running text, read by the conventions of the text's
//! language, and numbers spelled out as words: what `number-mismatch`
//! compares.
//!
//! A number starts at a digit (ASCII, Urdu `۰`–`۹` or Arabic-Indic
//! `٠`–`٩`) and takes in what joins digit runs in its language:
//!
//! | | thousands | decimals |
//! |---|---|---|
//! | English | `1,000` `1,00,000` (lakh) `1 000` (no-break or thin space) `1.000` | `2.5` |
//! | Urdu | as English, and `٬` | `2.5` `2٫5` |
//! | Russian | `1 000` (any space) `1.000` | `2,5` `2.5` |
//! | other | all of the above | all of the above |
//!
//! A reading that the language allows twice (`1.000`: a thousand, or one
//! with three decimals) gives the number both values. A number has one or
//! more such readings, and two numbers agree when they share one; values
//! are exact (`02` is `2`, `2.50` is `2.5`). Beyond that:
//!
//! - `14.02.2024` is a date: three numbers, 14, 2 and 2024.
//! - `10:30`, and `10.30` with two digits after the point, read as a time
//!   of day; `8:00` is the number 8 (so that `8 a.m.` and `8:00` agree),
//!   and `p.m.` adds twelve hours (`2.30 p.m.` is `14:30`).
//! - A scale word after a number adds the product: `128 million`,
//!   `128 млн` and `128 ملین` are 128 and also 128,000,000; `1.2 billion`
//!   agrees with `1 200 млн`.
//! - Signs, percent signs, ordinal endings (`21st`, `5-го`, `75ویں`) and
//!   ranges (`15–16` is 15 and 16) are not part of the value.

use std::ops::Range;

use crate::lang::Lang;
use crate::text::normalize::{push_key, tokens};
use crate::text::script::is_word_char;

/// One value a number can be read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    /// `mantissa` × 10^-`scale`, without trailing zeros in the fraction.
    Decimal { mantissa: u128, scale: u32 },
    /// A time of day whose minutes are not 0.
    Time { hour: u32, minute: u32 },
    /// A number too long for `Decimal`, by a hash of its digits.
    Long(u64),
}

impl Value {
    fn decimal(mut mantissa: u128, mut scale: u32) -> Value {
        while scale > 0 && mantissa.is_multiple_of(10) {
            mantissa /= 10;
            scale -= 1;
        }
        Value::Decimal { mantissa, scale }
    }

    fn integer(value: u128) -> Value {
        Value::Decimal {
            mantissa: value,
            scale: 0,
        }
    }

    /// The time `hour`:`minute`; on the hour it is the number of the hour.
    fn time(hour: u32, minute: u32) -> Value {
        if minute == 0 {
            Value::integer(u128::from(hour))
        } else {
            Value::Time { hour, minute }
        }
    }

    /// The value times 10^`power`.
    fn scaled(self, power: u32) -> Option<Value> {
        let Value::Decimal { mantissa, scale } = self else {
            return None;
        };
        if scale >= power {
            return Some(Value::decimal(mantissa, scale - power));
        }
        let factor = 10u128.checked_pow(power - scale)?;
        Some(Value::integer(mantissa.checked_mul(factor)?))
    }
}

const READINGS: usize = 8;

/// A number in a text: where it is and what it can be read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Number {
    /// Byte range of the number (digits and separators) in the text.
    pub span: Range<usize>,
    readings: [Option<Value>; READINGS],
}

impl Number {
    fn new(span: Range<usize>, value: Value) -> Number {
        let mut readings = [None; READINGS];
        if let Some(first) = readings.first_mut() {
            *first = Some(value);
        }
        Number { span, readings }
    }

    fn add(&mut self, value: Value) {
        if self.readings().any(|v| v == value) {
            return;
        }
        if let Some(free) = self.readings.iter_mut().find(|r| r.is_none()) {
            *free = Some(value);
        }
    }

    /// The values the number can be read as.
    pub fn readings(&self) -> impl Iterator<Item = Value> + '_ {
        self.readings.iter().flatten().copied()
    }

    /// Whether the two numbers can be read as the same value.
    pub fn agrees(&self, other: &Number) -> bool {
        self.readings().any(|a| other.readings().any(|b| a == b))
    }

    /// Whether the number can be read as a time of day (`10:30`).
    pub fn is_time(&self) -> bool {
        self.readings().any(|v| matches!(v, Value::Time { .. }))
    }

    /// Whether the number can be read as the whole number `value`.
    pub fn is(&self, value: u128) -> bool {
        self.readings().any(|v| v == Value::integer(value))
    }
}

const NBSP: char = '\u{00A0}';
const NARROW_NBSP: char = '\u{202F}';
const THIN_SPACE: char = '\u{2009}';
const FIGURE_SPACE: char = '\u{2007}';

/// What joins digit runs into one number in a language.
struct Conventions {
    /// Thousands separators.
    group: &'static [char],
    /// Decimal separators.
    decimal: &'static [char],
}

fn conventions(lang: Option<Lang>) -> Conventions {
    match lang {
        Some(Lang::En) => Conventions {
            group: &[',', '.', NBSP, NARROW_NBSP, THIN_SPACE, FIGURE_SPACE],
            decimal: &['.'],
        },
        Some(Lang::Ur) => Conventions {
            group: &[
                ',',
                '\u{066C}',
                '.',
                NBSP,
                NARROW_NBSP,
                THIN_SPACE,
                FIGURE_SPACE,
            ],
            decimal: &['.', '\u{066B}'],
        },
        Some(Lang::Ru) => Conventions {
            group: &[' ', '.', NBSP, NARROW_NBSP, THIN_SPACE, FIGURE_SPACE],
            decimal: &[',', '.'],
        },
        None => Conventions {
            group: &[
                ',',
                '.',
                '\u{066C}',
                NBSP,
                NARROW_NBSP,
                THIN_SPACE,
                FIGURE_SPACE,
            ],
            decimal: &['.', ',', '\u{066B}'],
        },
    }
}

/// Whether `bytes` start with a digit (ASCII, U+06F0–U+06F9 = DB B0–B9,
/// U+0660–U+0669 = D9 A0–A9), as 0 or 1.
#[inline]
fn starts_digit(bytes: &[u8]) -> u8 {
    let (a, b) = match bytes {
        [a, b, ..] => (*a, *b),
        [a] => (*a, 0),
        [] => return 0,
    };
    let ascii = a.wrapping_sub(b'0') < 10;
    let urdu = (a == 0xDB) & (b.wrapping_sub(0xB0) < 10);
    let arabic = (a == 0xD9) & (b.wrapping_sub(0xA0) < 10);
    u8::from(ascii | urdu | arabic)
}

/// The value of a digit of any of the three scripts.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(u32::from(c) - u32::from('0')),
        '\u{06F0}'..='\u{06F9}' => Some(u32::from(c) - 0x06F0),
        '\u{0660}'..='\u{0669}' => Some(u32::from(c) - 0x0660),
        _ => None,
    }
}

/// A run of digits: its bytes, its length in digits and its value (`None`
/// if too long for a `u128`).
#[derive(Debug, Clone)]
struct Run {
    span: Range<usize>,
    len: u32,
    value: Option<u128>,
}

impl Run {
    fn value32(&self) -> Option<u32> {
        self.value.and_then(|v| u32::try_from(v).ok())
    }
}

/// Reads numbers out of one text.
struct Scanner<'t> {
    text: &'t str,
    conventions: Conventions,
}

impl Scanner<'_> {
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// The run of digits starting at `at` (empty if there is none).
    fn run(&self, at: usize) -> Run {
        let mut end = at;
        let mut len = 0;
        let mut value = Some(0u128);
        for c in self.text.get(at..).unwrap_or_default().chars() {
            let Some(d) = digit(c) else { break };
            value = value
                .and_then(|v| v.checked_mul(10))
                .and_then(|v| v.checked_add(u128::from(d)));
            len += 1;
            end += c.len_utf8();
        }
        Run {
            span: at..end,
            len,
            value,
        }
    }

    /// The separator at `at` and the run of digits right after it.
    fn joined(&self, at: usize) -> Option<(char, Run)> {
        let sep = self.char_at(at)?;
        if digit(sep).is_some() {
            return None;
        }
        let run = self.run(at + sep.len_utf8());
        (run.len > 0).then_some((sep, run))
    }

    /// Reads the number that starts at `at` (a digit after a non-digit)
    /// into `out`; returns where it ends.
    fn read(&self, at: usize, out: &mut Vec<Number>) -> usize {
        let first = self.run(at);
        if let Some(end) = self.date(&first, out) {
            return end;
        }
        let mut number = match self.time(&first) {
            Some(number) => number,
            None => self.decimal(&first),
        };
        let end = number.span.end;
        let after = self.skip_spaces(end);
        let word = self.word(after);
        if is_pm(word) {
            let readings: Vec<Value> = number.readings().collect();
            for value in readings {
                match value {
                    Value::Time { hour, minute } if hour < 12 => {
                        number.add(Value::Time {
                            hour: hour + 12,
                            minute,
                        });
                    }
                    Value::Decimal { mantissa, scale: 0 } if (1..12).contains(&mantissa) => {
                        number.add(Value::integer(mantissa + 12));
                    }
                    _ => {}
                }
            }
        } else if let Some(power) = scale_word(word) {
            let readings: Vec<Value> = number.readings().collect();
            for value in readings {
                if let Some(scaled) = value.scaled(power) {
                    number.add(scaled);
                }
            }
        }
        out.push(number);
        end
    }

    /// `14.02.2024`: day, month and year, pushed as three numbers.
    fn date(&self, day: &Run, out: &mut Vec<Number>) -> Option<usize> {
        let (dot, month) = self.joined(day.span.end).filter(|(c, _)| *c == '.')?;
        let (dot2, year) = self.joined(month.span.end).filter(|(c, _)| *c == dot)?;
        let plausible = day.len <= 2
            && month.len <= 2
            && (year.len == 4 || year.len == 2)
            && day.value.is_some_and(|d| (1..=31).contains(&d))
            && month.value.is_some_and(|m| (1..=12).contains(&m))
            && self.joined(year.span.end).is_none_or(|(c, _)| c != dot2);
        if !plausible {
            return None;
        }
        for run in [day, &month, &year] {
            out.push(Number::new(run.span.clone(), Value::integer(run.value?)));
        }
        Some(year.span.end)
    }

    /// `10:30`: a time of day.
    fn time(&self, hour: &Run) -> Option<Number> {
        let (_, minute) = self.joined(hour.span.end).filter(|(c, _)| *c == ':')?;
        let value = clock(hour, &minute)?;
        Some(Number::new(hour.span.start..minute.span.end, value))
    }

    /// An integer with its thousands separators and decimals.
    fn decimal(&self, first: &Run) -> Number {
        let start = first.span.start;
        // Thousands: groups of three, or of two before the last three
        // (`1,50,000`), all joined by one separator.
        let (mut int, mut end, mut groups, mut group_sep) = (first.value, first.span.end, 0, None);
        if first.len <= 3 {
            let (mut value, mut at, mut count, mut seen) = (int, end, 0, None);
            while let Some((sep, run)) = self.joined(at) {
                if !self.conventions.group.contains(&sep) || seen.is_some_and(|s| s != sep) {
                    break;
                }
                let lakh = run.len == 2
                    && sep == ','
                    && self.joined(run.span.end).is_some_and(|(c, _)| c == ',');
                if run.len != 3 && !lakh {
                    break;
                }
                value = value
                    .and_then(|v| v.checked_mul(10u128.pow(run.len)))
                    .and_then(|v| v.checked_add(run.value?));
                (at, count, seen) = (run.span.end, count + 1, Some(sep));
                if run.len == 3 {
                    (int, end, groups, group_sep) = (value, at, count, seen);
                }
            }
        }
        let whole = int.map_or_else(|| Value::Long(self.hash(start..end)), Value::integer);
        let mut number = Number::new(start..end, whole);
        // Decimals.
        let decimals = self
            .joined(end)
            .filter(|(sep, _)| self.conventions.decimal.contains(sep) && Some(*sep) != group_sep);
        if let Some((sep, run)) = decimals {
            let span = start..run.span.end;
            let value = int
                .zip(run.value)
                .and_then(|(i, f)| fraction(i, f, run.len));
            number = Number::new(
                span.clone(),
                value.unwrap_or_else(|| Value::Long(self.hash(span))),
            );
            if groups == 0
                && sep == '.'
                && let Some(time) = clock(first, &run)
            {
                number.add(time);
            }
        } else if let (1, Some(sep)) = (groups, group_sep) {
            // `1.000` in Russian: a thousand, or one with three decimals.
            if self.conventions.decimal.contains(&sep) {
                let decimals = self.joined(first.span.end).map(|(_, run)| run);
                let value = first
                    .value
                    .zip(decimals.and_then(|run| run.value.map(|v| (v, run.len))))
                    .and_then(|(i, (f, len))| fraction(i, f, len));
                if let Some(value) = value {
                    number.add(value);
                }
            }
        }
        number
    }

    fn skip_spaces(&self, mut at: usize) -> usize {
        while let Some(c) = self.char_at(at).filter(|c| c.is_whitespace()) {
            at += c.len_utf8();
        }
        at
    }

    /// The word and periods from `at` (`a.m.`, `млн`), if short.
    fn word(&self, at: usize) -> &str {
        let rest = self.text.get(at..).unwrap_or_default();
        let end = rest
            .char_indices()
            .take(16)
            .find(|&(_, c)| !(is_word_char(c) || c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        rest.get(..end).unwrap_or_default()
    }

    /// FNV-1a of the digits in `span`.
    fn hash(&self, span: Range<usize>) -> u64 {
        let text = self.text.get(span).unwrap_or_default();
        text.chars()
            .filter_map(digit)
            .fold(0xcbf2_9ce4_8422_2325, |h, d| {
                (h ^ u64::from(d)).wrapping_mul(0x0100_0000_01b3)
            })
    }
}

/// `integer`.`digits` where `digits` has `len` digits.
fn fraction(integer: u128, digits: u128, len: u32) -> Option<Value> {
    let mantissa = 10u128
        .checked_pow(len)
        .and_then(|f| integer.checked_mul(f))
        .and_then(|v| v.checked_add(digits))?;
    Some(Value::decimal(mantissa, len))
}

/// `hour` and `minute` as a time of day, if they can be one.
fn clock(hour: &Run, minute: &Run) -> Option<Value> {
    let (h, m) = (hour.value32()?, minute.value32()?);
    (hour.len <= 2 && minute.len == 2 && h <= 24 && m < 60).then(|| Value::time(h, m))
}

fn is_pm(word: &str) -> bool {
    matches!(word, "p.m." | "p.m" | "pm" | "PM" | "P.M." | "P.M")
}

/// The power of ten a scale word multiplies by.
fn scale_word(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.is_empty() {
        return None;
    }
    const EXACT: &[(&str, u32)] = &[
        ("thousand", 3),
        ("million", 6),
        ("mln", 6),
        ("billion", 9),
        ("bn", 9),
        ("trillion", 12),
        ("lakh", 5),
        ("lakhs", 5),
        ("crore", 7),
        ("crores", 7),
        ("тыс", 3),
        ("млн", 6),
        ("млрд", 9),
        ("трлн", 12),
        ("ہزار", 3),
        ("لاکھ", 5),
        ("کروڑ", 7),
        ("ارب", 9),
        ("کھرب", 11),
        ("ملین", 6),
        ("بلین", 9),
        ("ٹریلین", 12),
    ];
    const STEMS: &[(&str, u32)] = &[
        ("тысяч", 3),
        ("миллион", 6),
        ("миллиард", 9),
        ("триллион", 12),
    ];
    // The word in lower case, on the stack: no scale word is longer.
    let mut lower = ['\0'; 12];
    let mut len = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        *lower.get_mut(len)? = c;
        len += 1;
    }
    let lower = lower.get(..len)?;
    let is = |w: &str| w.chars().eq(lower.iter().copied());
    if let Some(&(_, power)) = EXACT.iter().find(|(w, _)| is(w)) {
        return Some(power);
    }
    STEMS
        .iter()
        .find(|(stem, _)| {
            let n = stem.chars().count();
            len >= n && len <= n + 3 && stem.chars().zip(lower).all(|(a, &b)| a == b)
        })
        .map(|&(_, power)| power)
}

/// The numbers of `text`, read by the conventions of `lang`, in order.
pub(super) fn numbers(text: &str, lang: Option<Lang>) -> Vec<Number> {
    let mut out = Vec::new();
    let scanner = Scanner {
        text,
        conventions: conventions(lang),
    };
    // Digits by their bytes: ASCII, or U+06F0–U+06F9 (DB B0–B9) and
    // U+0660–U+0669 (D9 A0–A9) in UTF-8.
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // Skip 16 bytes at a time while they hold no digit (branch-free,
        // so that it vectorizes).
        if let Some(chunk) = bytes.get(at..at + 17) {
            let any = chunk
                .windows(2)
                .fold(false, |any, w| any | (starts_digit(w) > 0));
            if !any {
                at += 16;
                continue;
            }
        }
        let rest = bytes.get(at..).unwrap_or_default();
        at = if starts_digit(rest) > 0 {
            scanner.read(at, &mut out).max(at + 1)
        } else {
            at + 1
        };
    }
    out
}

/// The whole numbers that `text` writes as words ("two", "пятого", "یکم")
/// or names (months: "February" is 2), in order; twenty-one is 20, 1 and 21.
pub(super) fn spelled(text: &str, lang: Option<Lang>) -> Vec<u128> {
    let mut out = Vec::new();
    let mut key = String::new();
    let mut previous: Option<(u128, usize)> = None;
    for token in tokens(text) {
        key.clear();
        push_key(&mut key, token.text, lang);
        let Some(value) = word_value(&key, lang).or_else(|| roman(token.text)) else {
            previous = None;
            continue;
        };
        out.push(value);
        if let Some((tens, end)) = previous {
            let gap = text.get(end..token.span.start).unwrap_or_default();
            let joined = gap.chars().all(|c| c.is_whitespace() || c == '-');
            if joined && (20..=90).contains(&tens) && tens % 10 == 0 && (1..=9).contains(&value) {
                out.push(tens + value);
            }
        }
        previous = Some((value, token.span.end));
    }
    out
}

/// The value of a Roman numeral in capitals (`XXI`), written the
/// standard way.
fn roman(word: &str) -> Option<u128> {
    const NUMERALS: [(&str, u128); 13] = [
        ("M", 1000),
        ("CM", 900),
        ("D", 500),
        ("CD", 400),
        ("C", 100),
        ("XC", 90),
        ("L", 50),
        ("XL", 40),
        ("X", 10),
        ("IX", 9),
        ("V", 5),
        ("IV", 4),
        ("I", 1),
    ];
    if word.is_empty() || word.len() > 15 || !word.bytes().all(|b| b"IVXLCDM".contains(&b)) {
        return None;
    }
    let mut rest = word;
    let mut value = 0;
    for (numeral, worth) in NUMERALS {
        // At most three of a kind (MMM, XXX), one of a subtractive pair.
        let most = if numeral.len() == 1 { 3 } else { 1 };
        for _ in 0..most {
            let Some(after) = rest.strip_prefix(numeral) else {
                break;
            };
            rest = after;
            value += worth;
        }
    }
    rest.is_empty().then_some(value)
}

/// The number a word (a matching key) stands for.
fn word_value(key: &str, lang: Option<Lang>) -> Option<u128> {
    match lang {
        Some(Lang::En) => english(key),
        Some(Lang::Ru) => russian(key),
        Some(Lang::Ur) => urdu(key),
        None => english(key).or_else(|| russian(key)).or_else(|| urdu(key)),
    }
}

fn lookup(table: &[(&str, u128)], key: &str) -> Option<u128> {
    table.iter().find(|(w, _)| *w == key).map(|&(_, v)| v)
}

fn english(key: &str) -> Option<u128> {
    const WORDS: &[(&str, u128)] = &[
        ("zero", 0),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("thousand", 1_000),
        ("million", 1_000_000),
        ("billion", 1_000_000_000),
        ("dozen", 12),
        ("once", 1),
        ("twice", 2),
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("thirtieth", 30),
        ("fortieth", 40),
        ("fiftieth", 50),
        ("sixtieth", 60),
        ("seventieth", 70),
        ("eightieth", 80),
        ("ninetieth", 90),
        ("hundredth", 100),
        ("thousandth", 1_000),
        ("january", 1),
        ("jan", 1),
        ("february", 2),
        ("feb", 2),
        ("march", 3),
        ("mar", 3),
        ("april", 4),
        ("apr", 4),
        ("may", 5),
        ("june", 6),
        ("jun", 6),
        ("july", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("october", 10),
        ("oct", 10),
        ("november", 11),
        ("nov", 11),
        ("december", 12),
        ("dec", 12),
    ];
    lookup(WORDS, key)
}

fn russian(key: &str) -> Option<u128> {
    const WORDS: &[(&str, u128)] = &[
        ("ноль", 0),
        ("нуль", 0),
        ("один", 1),
        ("одна", 1),
        ("одно", 1),
        ("одного", 1),
        ("одной", 1),
        ("одному", 1),
        ("одним", 1),
        ("одном", 1),
        ("одну", 1),
        ("два", 2),
        ("две", 2),
        ("двух", 2),
        ("двум", 2),
        ("двумя", 2),
        ("три", 3),
        ("трех", 3),
        ("трем", 3),
        ("тремя", 3),
        ("четыре", 4),
        ("четырех", 4),
        ("четырем", 4),
        ("четырьмя", 4),
        ("восемь", 8),
        ("восьми", 8),
        ("восемью", 8),
        ("восьмью", 8),
        ("сорок", 40),
        ("сорока", 40),
        ("пятьдесят", 50),
        ("пятидесяти", 50),
        ("шестьдесят", 60),
        ("шестидесяти", 60),
        ("семьдесят", 70),
        ("семидесяти", 70),
        ("восемьдесят", 80),
        ("восьмидесяти", 80),
        ("девяносто", 90),
        ("девяноста", 90),
        ("сто", 100),
        ("ста", 100),
        ("двести", 200),
        ("триста", 300),
        ("четыреста", 400),
        ("пятьсот", 500),
        ("тысяча", 1_000),
        ("тысячи", 1_000),
        ("тысячу", 1_000),
        ("тысяч", 1_000),
        ("миллион", 1_000_000),
        ("миллиона", 1_000_000),
        ("миллионов", 1_000_000),
        ("миллиард", 1_000_000_000),
        ("миллиарда", 1_000_000_000),
        ("миллиардов", 1_000_000_000),
        ("дважды", 2),
        ("трижды", 3),
        ("третий", 3),
        ("третья", 3),
        ("третье", 3),
        ("третьего", 3),
        ("третьему", 3),
        ("третьим", 3),
        ("третьем", 3),
        ("третью", 3),
        ("третьи", 3),
        ("третьих", 3),
        ("третьими", 3),
        ("май", 5),
        ("мая", 5),
        ("мае", 5),
        ("маем", 5),
        ("янв", 1),
        ("фев", 2),
        ("февр", 2),
        ("апр", 4),
        ("авг", 8),
        ("сен", 9),
        ("сент", 9),
        ("окт", 10),
        ("нояб", 11),
        ("дек", 12),
    ];
    // Cardinals in -ь, -и, -ью: пять, пяти, пятью.
    const CARDINAL_STEMS: &[(&str, u128)] = &[
        ("пят", 5),
        ("шест", 6),
        ("сем", 7),
        ("девят", 9),
        ("десят", 10),
        ("одиннадцат", 11),
        ("двенадцат", 12),
        ("тринадцат", 13),
        ("четырнадцат", 14),
        ("пятнадцат", 15),
        ("шестнадцат", 16),
        ("семнадцат", 17),
        ("восемнадцат", 18),
        ("девятнадцат", 19),
        ("двадцат", 20),
        ("тридцат", 30),
    ];
    // Ordinals, with the endings of adjectives: пятый, пятого, пятое.
    const ORDINAL_STEMS: &[(&str, u128)] = &[
        ("перв", 1),
        ("втор", 2),
        ("четверт", 4),
        ("пят", 5),
        ("шест", 6),
        ("седьм", 7),
        ("восьм", 8),
        ("девят", 9),
        ("десят", 10),
        ("одиннадцат", 11),
        ("двенадцат", 12),
        ("тринадцат", 13),
        ("четырнадцат", 14),
        ("пятнадцат", 15),
        ("шестнадцат", 16),
        ("семнадцат", 17),
        ("восемнадцат", 18),
        ("девятнадцат", 19),
        ("двадцат", 20),
        ("тридцат", 30),
        ("сороков", 40),
        ("пятидесят", 50),
        ("шестидесят", 60),
        ("семидесят", 70),
        ("восьмидесят", 80),
        ("девяност", 90),
        ("сот", 100),
        ("тысячн", 1_000),
    ];
    const ADJECTIVE: &[&str] = &[
        "ый", "ой", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
        "им", "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими",
    ];
    // Months, in any case: февраль, февраля, феврале.
    const MONTHS: &[(&str, u128)] = &[
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ];
    if let Some(value) = lookup(WORDS, key) {
        return Some(value);
    }
    let with = |stems: &[(&str, u128)], endings: &[&str]| {
        stems.iter().find_map(|&(stem, value)| {
            let ending = key.strip_prefix(stem)?;
            endings.contains(&ending).then_some(value)
        })
    };
    with(CARDINAL_STEMS, &["ь", "и", "ью"])
        .or_else(|| with(ORDINAL_STEMS, ADJECTIVE))
        .or_else(|| {
            MONTHS.iter().find_map(|&(stem, value)| {
                let ending = key.strip_prefix(stem)?;
                (ending.chars().count() <= 2).then_some(value)
            })
        })
}

fn urdu(key: &str) -> Option<u128> {
    const WORDS: &[(&str, u128)] = &[
        ("ایک", 1),
        ("دو", 2),
        ("تین", 3),
        ("چار", 4),
        ("پانچ", 5),
        ("چھ", 6),
        ("چھے", 6),
        ("سات", 7),
        ("آٹھ", 8),
        ("نو", 9),
        ("دس", 10),
        ("گیارہ", 11),
        ("بارہ", 12),
        ("تیرہ", 13),
        ("چودہ", 14),
        ("پندرہ", 15),
        ("سولہ", 16),
        ("سترہ", 17),
        ("اٹھارہ", 18),
        ("انیس", 19),
        ("بیس", 20),
        ("تیس", 30),
        ("چالیس", 40),
        ("پچاس", 50),
        ("ساٹھ", 60),
        ("ستر", 70),
        ("نوے", 90),
        ("سو", 100),
        ("ہزار", 1_000),
        ("لاکھ", 100_000),
        ("ملین", 1_000_000),
        ("کروڑ", 10_000_000),
        ("ارب", 1_000_000_000),
        ("بلین", 1_000_000_000),
        ("دونوں", 2),
        ("یکم", 1),
        ("پہلا", 1),
        ("پہلی", 1),
        ("پہلے", 1),
        ("دوسرا", 2),
        ("دوسری", 2),
        ("دوسرے", 2),
        ("تیسرا", 3),
        ("تیسری", 3),
        ("تیسرے", 3),
        ("چوتھا", 4),
        ("چوتھی", 4),
        ("چوتھے", 4),
        ("پانچواں", 5),
        ("پانچویں", 5),
        ("چھٹا", 6),
        ("چھٹی", 6),
        ("چھٹے", 6),
        ("ساتواں", 7),
        ("ساتویں", 7),
        ("آٹھواں", 8),
        ("آٹھویں", 8),
        ("نواں", 9),
        ("نویں", 9),
        ("دسواں", 10),
        ("دسویں", 10),
        ("جنوری", 1),
        ("فروری", 2),
        ("مارچ", 3),
        ("اپریل", 4),
        ("مئی", 5),
        ("جون", 6),
        ("جولائی", 7),
        ("اگست", 8),
        ("ستمبر", 9),
        ("اکتوبر", 10),
        ("نومبر", 11),
        ("دسمبر", 12),
    ];
    lookup(WORDS, key)
}

/// The shipped translation memory's pairs, en→ur and en→ru, for the rules'
/// no-noise tests.
#[cfg(test)]
pub(super) fn shipped_pairs() -> &'static [super::Pair] {
    use std::sync::OnceLock;

    use super::testing::pair;

    static PAIRS: OnceLock<Vec<super::Pair>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tmx/press-releases.tmx");
        let (_, units) = crate::tm::tmx::read_all(&path).unwrap();
        let mut pairs = Vec::new();
        for unit in &units {
            let en = unit.variants.iter().find(|v| v.lang == "en").unwrap();
            for v in unit
                .variants
                .iter()
                .filter(|v| v.lang == "ur" || v.lang == "ru")
            {
                let mut p = pair("en", &en.text, &v.lang, &v.text);
                p.unit = unit.id().unwrap_or_default().to_owned();
                pairs.push(p);
            }
        }
        assert!(pairs.len() > 400, "{}", pairs.len());
        pairs
    })
}

/// The findings of `rule` over every shipped XLIFF and TMX file (the
/// memory in `tmx/` and the fixtures, but for the errors seeded on purpose
/// in `tests/fixtures/check/seeded` and `check/cli/{warning,error}.*`),
/// read as `check` reads them.
#[cfg(test)]
pub(super) fn shipped_findings(rule: &str) -> Vec<crate::report::Diagnostic> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let seeded = path.ends_with("check/seeded")
                || (path.parent().is_some_and(|p| p.ends_with("check/cli"))
                    && path
                        .file_name()
                        .is_some_and(|n| !n.to_string_lossy().starts_with("clean")));
            if seeded {
                continue;
            }
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e == "xlf" || e == "xliff" || e == "tmx")
            {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("tmx/press-releases.tmx")];
    walk(&root.join("tests/fixtures"), &mut paths);
    paths.sort();
    findings_in(rule, &paths)
}

/// The findings of `rule` in `paths`.
#[cfg(test)]
fn findings_in(rule: &str, paths: &[std::path::PathBuf]) -> Vec<crate::report::Diagnostic> {
    use super::{Checker, Options, testing};

    let checker = Checker::new(testing::glossary(), Options::default());
    let report = checker.check_files(paths, &[]);
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

/// Checks `rule` against the seeded errors of `tests/fixtures/check/seeded`,
/// whose units are named after the rule that must find them
/// (`whitespace-ur-1`): each of those has a finding of `rule`, and no other
/// unit has one.
#[cfg(test)]
pub(super) fn assert_seeded(rule: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/seeded");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let found = findings_in(rule, &paths);
    let units: std::collections::BTreeSet<&str> =
        found.iter().filter_map(|d| d.unit.as_deref()).collect();
    let prefix = format!("{rule}-");
    for d in &found {
        let unit = d.unit.as_deref().unwrap_or_default();
        assert!(unit.starts_with(&prefix), "{unit}: {}", d.message);
    }
    let mut seeded = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        for (i, _) in text.match_indices(&format!("id=\"{prefix}")) {
            let id = &text[i + 4..];
            let id = &id[..id.find('"').unwrap()];
            let segment = format!("{id}/");
            let found = units.iter().any(|u| *u == id || u.starts_with(&segment));
            assert!(found, "{id} is not found");
            seeded += 1;
        }
    }
    assert!(seeded > 0);
}

/// The raw findings of a pair rule's `check` on `pair` (with their
/// fixes, which `testing::run` drops for want of a file).
#[cfg(test)]
pub(super) fn raw_findings(check: super::PairCheck, pair: &super::Pair) -> Vec<super::Finding> {
    use super::{Checker, Options, PairContext, Sink, testing};

    let checker = Checker::new(testing::glossary(), Options::default());
    let cx = PairContext::new(&checker, pair, pair.target.as_ref().unwrap());
    let mut out = Vec::new();
    let mut sink = Sink {
        rule: "test",
        severity: crate::report::Severity::Warning,
        pair: 0,
        out: &mut out,
    };
    check(&cx, &mut sink);
    out.into_iter().map(|raw| raw.finding).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each number's text and whether it reads as `value`.
    fn read(text: &str, lang: Lang) -> Vec<(&str, Vec<Value>)> {
        numbers(text, Some(lang))
            .into_iter()
            .map(|n| (&text[n.span.clone()], n.readings().collect()))
            .collect()
    }

    fn int(v: u128) -> Value {
        Value::integer(v)
    }

    fn dec(m: u128, s: u32) -> Value {
        Value::decimal(m, s)
    }

    #[test]
    fn each_language_has_its_separators() {
        assert_eq!(read("1,000 people", Lang::En), [("1,000", vec![int(1000)])]);
        assert_eq!(read("2.5 billion", Lang::En)[0].1[0], dec(25, 1));
        assert_eq!(
            read("1 000 человек", Lang::Ru),
            [("1 000", vec![int(1000)])]
        );
        assert_eq!(
            read("1\u{00A0}000", Lang::Ru),
            [("1\u{00A0}000", vec![int(1000)])]
        );
        assert_eq!(read("2,5 млрд", Lang::Ru)[0].1[0], dec(25, 1));
        assert_eq!(read("1,5", Lang::Ru), [("1,5", vec![dec(15, 1)])]);
        assert_eq!(read("۲٫۵ ارب", Lang::Ur)[0].1[0], dec(25, 1));
        assert_eq!(read("۲۰۲۴", Lang::Ur), [("۲۰۲۴", vec![int(2024)])]);
        assert_eq!(read("٢٠٢٤", Lang::Ur), [("٢٠٢٤", vec![int(2024)])]);
        assert_eq!(
            read("1,50,000", Lang::Ur),
            [("1,50,000", vec![int(150_000)])]
        );
        // An English comma between digits is never a decimal point.
        assert_eq!(read("7,2024", Lang::En).len(), 2);
        // Plain spaces join groups in Russian only.
        assert_eq!(read("on 14 100 farms", Lang::En).len(), 2);
    }

    #[test]
    fn ambiguous_points_have_both_readings() {
        let [(text, readings)] = &read("1.000", Lang::Ru)[..] else {
            panic!()
        };
        assert_eq!(*text, "1.000");
        assert!(readings.contains(&int(1000)) && readings.contains(&int(1)));
        // A Russian comma is a decimal comma, even before three digits.
        assert_eq!(read("1,000", Lang::Ru), [("1,000", vec![int(1)])]);
    }

    #[test]
    fn dates_times_ranges_and_ordinals() {
        let date: Vec<_> = read("14.02.2024", Lang::Ru)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(date, ["14", "02", "2024"]);
        assert_eq!(
            read("в 10:30", Lang::Ru)[0].1,
            [Value::Time {
                hour: 10,
                minute: 30
            }]
        );
        assert_eq!(read("8:00", Lang::Ru)[0].1, [int(8)]);
        let pm = &read("at 2.30 p.m.", Lang::En)[0].1;
        assert!(pm.contains(&Value::Time {
            hour: 14,
            minute: 30
        }));
        assert!(read("at 2 p.m.", Lang::En)[0].1.contains(&int(14)));
        let range: Vec<_> = read("15–16 октября", Lang::Ru)
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(range, ["15", "16"]);
        assert_eq!(read("the 21st", Lang::En), [("21", vec![int(21)])]);
        assert_eq!(read("5-го", Lang::Ru), [("5", vec![int(5)])]);
        assert_eq!(read("75ویں", Lang::Ur), [("75", vec![int(75)])]);
        assert_eq!(read("Feb. 7, 2024.", Lang::En).len(), 2);
    }

    #[test]
    fn scale_words_add_the_product() {
        let big = &read("1.2 billion", Lang::En)[0].1;
        assert!(big.contains(&int(1_200_000_000)));
        let ru = &read("1 200 млн", Lang::Ru)[0].1;
        assert!(ru.contains(&int(1_200_000_000)));
        assert!(read("128 ملین", Lang::Ur)[0].1.contains(&int(128_000_000)));
        assert!(read("5 тысяч", Lang::Ru)[0].1.contains(&int(5_000)));
    }

    #[test]
    fn long_numbers_compare_by_their_digits() {
        let a = numbers("123456789012345678901234567890123456789012", Some(Lang::En));
        let b = numbers("۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰۱۲۳۴۵۶۷۸۹۰۱۲", Some(Lang::Ur));
        assert!(a[0].agrees(&b[0]));
    }

    #[test]
    fn words_and_months() {
        assert_eq!(
            spelled("the two sides met in February", Some(Lang::En)),
            [2, 2]
        );
        assert_eq!(spelled("twenty-one days", Some(Lang::En)), [20, 1, 21]);
        assert_eq!(spelled("пятого февраля", Some(Lang::Ru)), [5, 2]);
        assert_eq!(spelled("третьего дня во вторник", Some(Lang::Ru)), [3]);
        assert_eq!(spelled("یکم مئی کو", Some(Lang::Ur)), [1, 5]);
        assert!(spelled("семинар в пятницу", Some(Lang::Ru)).is_empty());
        assert_eq!(spelled("партнёрство XXI века", Some(Lang::Ru)), [21]);
        assert_eq!(spelled("MCMXLVIII", Some(Lang::Ru)), [1948]);
        assert!(spelled("IIII VX IC", Some(Lang::En)).is_empty());
    }
}
