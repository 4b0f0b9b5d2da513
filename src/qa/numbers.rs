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
//! - Russian groups joined by a plain space (`7 495 244`) may be one
//!   number or several: [`parts`] gives the several.
//! - Scale words in a row, each smaller, are one amount (`5 ارب 50 کروڑ`
//!   is 5,500,000,000 and 5.5), and so is `2½`.
//! - `2024-25`: the 25 is also 2025.
//! - Urdu clock times: `2 بج کر 30 منٹ` is 2:30 and 14:30; `ساڑھے 10` is
//!   10.5 and 10:30 (`سوا` +¼, `پونے` −¼, before `بجے` or a scale word);
//!   an hour before `بجے` is also the hour after noon.
//!
//! [`names`] finds month names and the number words two to twelve, which
//! `number-mismatch` compares when both texts have them.

use std::ops::Range;

use crate::lang::Lang;
use crate::text::normalize::{push_key, tokens};
use crate::text::script::is_word_char;

/// One value a number can be read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    pub(super) fn integer(value: u128) -> Value {
        Value::Decimal {
            mantissa: value,
            scale: 0,
        }
    }

    /// The whole number, if the value is one.
    fn whole(self) -> Option<u128> {
        match self {
            Value::Decimal { mantissa, scale: 0 } => Some(mantissa),
            _ => None,
        }
    }

    /// The sum of two decimals.
    fn plus(self, other: Value) -> Option<Value> {
        let (
            Value::Decimal {
                mantissa: a,
                scale: sa,
            },
            Value::Decimal {
                mantissa: b,
                scale: sb,
            },
        ) = (self, other)
        else {
            return None;
        };
        let scale = sa.max(sb);
        let a = a.checked_mul(10u128.checked_pow(scale - sa)?)?;
        let b = b.checked_mul(10u128.checked_pow(scale - sb)?)?;
        Some(Value::decimal(a.checked_add(b)?, scale))
    }

    /// The whole number `whole` plus `quarters` quarters (-1 to 3).
    fn quarters(whole: u128, quarters: i8) -> Option<Value> {
        let hundredths = whole
            .checked_mul(100)?
            .checked_add_signed(i128::from(quarters) * 25)?;
        Some(Value::decimal(hundredths, 2))
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
    /// Perhaps one number, perhaps several (see [`parts`]): groups joined
    /// by a plain space (Russian `14 100`, but `+7 495 244 16 06`), an
    /// amount in several scale words, an Urdu clock time.
    several: bool,
    /// The scale word after it, if any.
    scaled: Option<Scaled>,
}

/// A number with a scale word (`5 ارب`), or several in a row, each with a
/// smaller one than the last (`5 ارب 50 کروڑ`, `1 млрд 200 млн`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scaled {
    /// The power of ten of the first scale word and of the last.
    first: u32,
    last: u32,
    /// Where the last scale word ends.
    end: usize,
    /// The value of the whole.
    total: Value,
}

impl Number {
    fn new(span: Range<usize>, value: Value) -> Number {
        let mut readings = [None; READINGS];
        if let Some(first) = readings.first_mut() {
            *first = Some(value);
        }
        Number {
            span,
            readings,
            several: false,
            scaled: None,
        }
    }

    /// The first reading: what the number's digits say.
    fn value(&self) -> Option<Value> {
        self.readings().next()
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

    /// Whether the number can be read as `value`.
    pub fn has(&self, value: Value) -> bool {
        self.readings().any(|v| v == value)
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

/// The conventions of `lang`; without `spaces`, a plain space joins no
/// groups in Russian either.
fn conventions(lang: Option<Lang>, spaces: bool) -> Conventions {
    match lang {
        Some(Lang::Ru) if !spaces => Conventions {
            group: &['.', NBSP, NARROW_NBSP, THIN_SPACE, FIGURE_SPACE],
            decimal: &[',', '.'],
        },
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
    lang: Option<Lang>,
    conventions: Conventions,
    /// Whether numbers in several words are one (`5 ارب 50 کروڑ`,
    /// `2 بج کر 30 منٹ`), else each is on its own.
    join: bool,
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
        if let Some(number) = self.urdu_clock(&first).filter(|_| self.join) {
            let end = number.span.end;
            out.push(number);
            return end;
        }
        let mut number = match self.time(&first) {
            Some(number) => number,
            None => self.decimal(&first),
        };
        self.vulgar_fraction(&mut number);
        let end = number.span.end;
        let after = self.skip_spaces(end);
        let word = self.word(after);
        let urdu = self.lang == Some(Lang::Ur);
        // `8 بجے`: eight o'clock.
        let oclock = urdu && word.trim_end_matches('.') == "بجے";
        let power = scale_word(word);
        if urdu {
            self.urdu_fraction(&mut number, oclock || power.is_some());
        }
        if is_pm(word) || oclock {
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
        } else if let Some(power) = power {
            let readings: Vec<Value> = number.readings().collect();
            for value in readings {
                if let Some(scaled) = value.scaled(power) {
                    number.add(scaled);
                }
            }
            number.scaled = number
                .value()
                .and_then(|v| v.scaled(power))
                .map(|total| Scaled {
                    first: power,
                    last: power,
                    end: after + word.len(),
                    total,
                });
        }
        if self.join && self.compound(&number, out) {
            return end;
        }
        self.year_range(&mut number, out);
        out.push(number);
        end
    }

    /// Adds `number` to the last of `out` if they are one amount in several
    /// scale words (`5 ارب 50 کروڑ`, `1 млрд 200 млн`): its value is the
    /// sum, in units and in the first scale word's (5,500,000,000 and 5.5).
    fn compound(&self, number: &Number, out: &mut [Number]) -> bool {
        let (Some(last), Some(next)) = (out.last_mut(), number.scaled) else {
            return false;
        };
        let Some(before) = last.scaled else {
            return false;
        };
        let gap = self
            .text
            .get(before.end..number.span.start)
            .unwrap_or_default();
        if next.first >= before.last || !gap.chars().all(char::is_whitespace) {
            return false;
        }
        let Some(total) = before.total.plus(next.total) else {
            return false;
        };
        let mut merged = Number::new(last.span.start..next.end, total);
        if let Value::Decimal { mantissa, scale } = total {
            merged.add(Value::decimal(mantissa, scale + before.first));
        }
        merged.several = true;
        merged.scaled = Some(Scaled {
            first: before.first,
            last: next.last,
            end: next.end,
            total,
        });
        *last = merged;
        true
    }

    /// `2024-25`: the second year of a range written with two digits is
    /// also the full year (2025).
    fn year_range(&self, number: &mut Number, out: &[Number]) {
        let Some(year) = out.last() else { return };
        let gap = self
            .text
            .get(year.span.end..number.span.start)
            .unwrap_or_default();
        let digits = |span: &Range<usize>| {
            let text = self.text.get(span.clone()).unwrap_or_default();
            text.chars()
                .all(|c| digit(c).is_some())
                .then(|| text.chars().count())
        };
        let first = year.value().and_then(Value::whole);
        let short = number.value().and_then(Value::whole);
        let (Some(first), Some(short)) = (first, short) else {
            return;
        };
        if matches!(gap, "-" | "–" | "—" | "/")
            && digits(&year.span) == Some(4)
            && digits(&number.span) == Some(2)
            && (1000..3000).contains(&first)
        {
            let mut full = first / 100 * 100 + short;
            if full <= first {
                full += 100;
            }
            number.add(Value::integer(full));
        }
    }

    /// `2½`: a whole number and a vulgar fraction.
    fn vulgar_fraction(&self, number: &mut Number) {
        let Some(c) = self.char_at(number.span.end) else {
            return;
        };
        let quarters = match c {
            '¼' => 1,
            '½' => 2,
            '¾' => 3,
            _ => return,
        };
        let whole = number.value().and_then(Value::whole);
        let plain = number.readings().count() == 1 && !number.several;
        if let Some(value) = whole
            .filter(|_| plain)
            .and_then(|w| Value::quarters(w, quarters))
        {
            *number = Number::new(number.span.start..number.span.end + c.len_utf8(), value);
        }
    }

    /// Urdu `ساڑھے 10` (ten and a half, 10:30), `سوا 3` (a quarter past),
    /// `پونے 5` (a quarter to). `ساڑھے` always says so; `سوا` also means
    /// "except", so the two others count only before `بجے` or a scale word
    /// (`sure`), and then the number keeps its own value too.
    fn urdu_fraction(&self, number: &mut Number, sure: bool) {
        let before = self.text.get(..number.span.start).unwrap_or_default();
        let before = before.trim_end();
        let word = before
            .get(before.trim_end_matches(is_word_char).len()..)
            .unwrap_or_default();
        let quarters = match word {
            "ساڑھے" => 2,
            "سوا" if sure => 1,
            "پونے" if sure => -1,
            _ => return,
        };
        let whole = number.value().and_then(Value::whole);
        let plain = number.readings().count() == 1 && !number.several;
        let Some(whole) = whole.filter(|_| plain) else {
            return;
        };
        let Some(value) = Value::quarters(whole, quarters) else {
            return;
        };
        let time = u32::try_from(whole)
            .ok()
            .filter(|h| (1..=24).contains(h))
            .map(|h| match quarters {
                2 => Value::time(h, 30),
                1 => Value::time(h, 15),
                _ => Value::time(h - 1, 45),
            });
        if quarters == 2 {
            *number = Number::new(number.span.clone(), value);
        } else {
            number.add(value);
        }
        if let Some(time) = time {
            number.add(time);
        }
    }

    /// Urdu `2 بج کر 30 منٹ`: 2:30 (or 14:30).
    fn urdu_clock(&self, hour: &Run) -> Option<Number> {
        if self.lang != Some(Lang::Ur) || hour.len > 2 {
            return None;
        }
        let mut at = self.skip_spaces(hour.span.end);
        match self.word(at) {
            "بجکر" => at += "بجکر".len(),
            "بج" => {
                at = self.skip_spaces(at + "بج".len());
                if self.word(at) != "کر" {
                    return None;
                }
                at += "کر".len();
            }
            _ => return None,
        }
        let minute = self.run(self.skip_spaces(at));
        let after = self.skip_spaces(minute.span.end);
        if !(1..=2).contains(&minute.len) || !self.word(after).starts_with("منٹ") {
            return None;
        }
        let (h, m) = (hour.value32()?, minute.value32()?);
        if h > 24 || m >= 60 {
            return None;
        }
        let mut number = Number::new(hour.span.start..minute.span.end, Value::time(h, m));
        number.several = true;
        if (1..12).contains(&h) {
            number.add(Value::time(h + 12, m));
        }
        Some(number)
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
        number.several = groups > 0 && group_sep == Some(' ');
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
    let scanner = Scanner {
        text,
        lang,
        conventions: conventions(lang, true),
        join: true,
    };
    scanner.scan(0..text.len())
}

/// The numbers that a number that may be several is if it is: Russian
/// `7 495 244` if the plain spaces part the groups (`7`, `495`, `244`),
/// `5 ارب 50 کروڑ` if the amounts are two (5 billion, 500 million),
/// `2 بج کر 30 منٹ` (2 and 30); none for another number.
pub(super) fn parts(text: &str, number: &Number, lang: Option<Lang>) -> Vec<Number> {
    if !number.several {
        return Vec::new();
    }
    let scanner = Scanner {
        text,
        lang,
        conventions: conventions(lang, false),
        join: false,
    };
    scanner.scan(number.span.clone())
}

impl Scanner<'_> {
    /// The numbers that start in `range` of the text.
    fn scan(&self, range: Range<usize>) -> Vec<Number> {
        let mut out = Vec::new();
        // Digits by their bytes: ASCII, or U+06F0–U+06F9 (DB B0–B9) and
        // U+0660–U+0669 (D9 A0–A9) in UTF-8.
        let bytes = self.text.as_bytes().get(..range.end).unwrap_or_default();
        let mut at = range.start;
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
                self.read(at, &mut out).max(at + 1)
            } else {
                at + 1
            };
        }
        out
    }
}

/// The numbers that `text` writes as words ("two", "пятого", "یکم") or
/// names (months: "February" is 2), in order; twenty-one is 20, 1 and 21.
/// Also:
///
/// - Urdu `ساڑھے دس` (ten and a half: 10.5 and 10:30), `سوا` (a quarter
///   past), `پونے` (a quarter to), `ڈیڑھ` (1.5) and `ڈھائی` (2.5); a
///   number before `بجے` (o'clock) is also that hour after noon;
/// - Russian `круглосуточно` (round the clock) is 24 and 7 (`24/7`,
///   `24-hour`).
pub(super) fn spelled(text: &str, lang: Option<Lang>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut key = String::new();
    let mut previous: Option<(u128, usize)> = None;
    // An Urdu fraction word just before, in quarters.
    let mut quarters: Option<i8> = None;
    let urdu = matches!(lang, Some(Lang::Ur) | None);
    let mut words = tokens(text).peekable();
    while let Some(token) = words.next() {
        key.clear();
        push_key(&mut key, token.text, lang);
        if urdu {
            let fraction = match key.as_str() {
                "ساڑھے" => Some(2),
                "سوا" => Some(1),
                "پونے" => Some(-1),
                _ => None,
            };
            if fraction.is_some() {
                (quarters, previous) = (fraction, None);
                continue;
            }
            let whole = match key.as_str() {
                "ڈیڑھ" => Some(1u32),
                "ڈھائی" => Some(2u32),
                _ => None,
            };
            if let Some(hour) = whole {
                out.extend(Value::quarters(u128::from(hour), 2));
                out.extend([Value::time(hour, 30), Value::time(hour + 12, 30)]);
                (quarters, previous) = (None, None);
                continue;
            }
        }
        if matches!(lang, Some(Lang::Ru) | None) && key.starts_with("круглосуточн") {
            out.extend([Value::integer(24), Value::integer(7)]);
            continue;
        }
        let Some(value) = word_value(&key, lang).or_else(|| roman(token.text)) else {
            (quarters, previous) = (None, None);
            continue;
        };
        let oclock = urdu
            && words.peek().is_some_and(|next| {
                key.clear();
                push_key(&mut key, next.text, lang);
                key == "بجے"
            });
        let hour = u32::try_from(value).ok().filter(|h| (1..=12).contains(h));
        match (quarters.take(), hour) {
            (Some(q), Some(h)) => {
                out.extend(Value::quarters(value, q));
                let (h, m) = match q {
                    2 => (h, 30),
                    1 => (h, 15),
                    _ => (h - 1, 45),
                };
                out.extend([Value::time(h, m), Value::time(h + 12, m)]);
                if q != 2 {
                    out.push(Value::integer(value));
                }
            }
            _ => {
                out.push(Value::integer(value));
                if let Some(h) = hour.filter(|&h| oclock && h < 12) {
                    out.push(Value::integer(u128::from(h + 12)));
                }
            }
        }
        if let Some((tens, end)) = previous {
            let gap = text.get(end..token.span.start).unwrap_or_default();
            let joined = gap.chars().all(|c| c.is_whitespace() || c == '-');
            if joined && (20..=90).contains(&tens) && tens % 10 == 0 && (1..=9).contains(&value) {
                out.push(Value::integer(tens + value));
            }
        }
        previous = Some((value, token.span.end));
    }
    out
}

/// What a word names that the two texts of a pair must agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named {
    /// A month, 1 to 12.
    Month(u8),
    /// A number from two to twelve written as a word (`three`, `трёх`,
    /// `تین`): not one, which is also an article or a pronoun.
    Count(u8),
}

/// A month name or small number word in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Name {
    pub span: Range<usize>,
    pub what: Named,
}

/// The month names and the numbers two to twelve written as words in
/// `text` (English, Russian or Urdu), where they surely are that: an
/// English month is capitalized (and `May` and `March` follow a
/// preposition or stand next to a number: `in May`, `8 March`, not
/// `Aurat March`), a Russian one is not (`Марта` is a name), Urdu `مارچ`
/// stands next to a number or after `ماہ`; Urdu `دو طرفہ` (bilateral) and
/// `نو` (also "new") are not numbers, nor is Russian `семью` ("family").
pub(super) fn names(text: &str, lang: Option<Lang>) -> Vec<Name> {
    let Some(lang) = lang else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut buffer = [0u8; 24];
    for span in words(text, lang) {
        let word = text.get(span.clone()).unwrap_or_default();
        let what = match lang {
            Lang::En => {
                let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
                match folded(word, lang, &mut buffer).and_then(english_name) {
                    Some(Named::Month(_)) if !capital => None,
                    Some(Named::Month(m @ (3 | 5))) => {
                        let before = previous_word(text, span.start).to_ascii_lowercase();
                        let after_preposition = ENGLISH_BEFORE_MONTH.contains(&before.as_str());
                        (after_preposition || near_number(text, &span)).then_some(Named::Month(m))
                    }
                    other => other,
                }
            }
            Lang::Ru => match folded(word, lang, &mut buffer).and_then(russian_name) {
                Some(Named::Month(_)) if word.starts_with(char::is_uppercase) => None,
                other => other,
            },
            Lang::Ur => match folded(word, lang, &mut buffer).and_then(urdu_name) {
                Some(Named::Month(3)) => {
                    let after_month = previous_word(text, span.start) == "ماہ";
                    (after_month || near_number(text, &span)).then_some(Named::Month(3))
                }
                Some(Named::Count(2)) => {
                    let next = text.get(span.end..).unwrap_or_default().trim_start();
                    let bilateral = next.starts_with("طرفہ") || next.starts_with("طرفی");
                    (!bilateral).then_some(Named::Count(2))
                }
                other => other,
            },
        };
        if let Some(what) = what {
            out.push(Name { span, what });
        }
    }
    out
}

/// The words of `text` that may be a month or a number from two to
/// twelve in `lang`, by their bytes: runs of ASCII letters (English), of
/// Cyrillic letters (Russian) or of Arabic-script letters (Urdu), of a
/// length such a word can have.
fn words(text: &str, lang: Lang) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // The shortest and longest word, in letters.
    let (shortest, longest) = match lang {
        Lang::En => (3, 9),
        Lang::Ru => (3, 12),
        Lang::Ur => (2, 6),
    };
    // The length of the letter at `at`, 0 if none.
    let letter = move |at: usize| -> usize {
        let b = bytes.get(at).copied().unwrap_or(0);
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        match lang {
            Lang::En => usize::from(b.is_ascii_alphabetic()),
            Lang::Ru => 2 * usize::from(matches!(b, 0xD0 | 0xD1) && next & 0xC0 == 0x80),
            // U+0620–U+06FF but for punctuation and digits: ، ؛ ؟ (D8 8C,
            // 9B, 9F), ٠–٩ ٪ ٫ ٬ ٭ (D9 A0–AD), ۔ (DB 94), ۰–۹ (DB B0–B9).
            Lang::Ur => {
                let arabic = match b {
                    0xD8 => next >= 0xA0,
                    0xD9 => !(0xA0..=0xAD).contains(&next),
                    0xDA => true,
                    0xDB => next != 0x94 && !(0xB0..=0xB9).contains(&next),
                    _ => false,
                };
                2 * usize::from(arabic && next & 0xC0 == 0x80)
            }
        }
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let len = letter(at);
            if len == 0 {
                at += 1;
                continue;
            }
            let start = at;
            let mut count = 0;
            while let len @ 1.. = letter(at) {
                at += len;
                count += 1;
            }
            // Not part of a longer word (a letter of another script, a
            // digit, a combining mark right after).
            let glued = |c: Option<char>| c.is_some_and(is_word_char);
            let before = text.get(..start).and_then(|b| b.chars().next_back());
            let after = text.get(at..).and_then(|a| a.chars().next());
            if (shortest..=longest).contains(&count) && !glued(before) && !glued(after) {
                return Some(start..at);
            }
        }
        None
    })
}

/// A word of [`words`] in lower case with the letters `lang` folds (the
/// matching key, see [`push_key`], for these letters), in `buffer`: ASCII
/// lower case; Cyrillic lower case and `ё` as `е`; Arabic `ي` `ى` `ك` as
/// Urdu `ی` `ی` `ک`.
fn folded<'b>(word: &str, lang: Lang, buffer: &'b mut [u8; 24]) -> Option<&'b str> {
    let out = buffer.get_mut(..word.len())?;
    out.copy_from_slice(word.as_bytes());
    match lang {
        Lang::En => out.make_ascii_lowercase(),
        Lang::Ru => {
            for pair in out.chunks_exact_mut(2) {
                let [lead, low] = pair else { continue };
                (*lead, *low) = match (*lead, *low) {
                    // Ё, ё: е.
                    (0xD0, 0x81) | (0xD1, 0x91) => (0xD0, 0xB5),
                    // А–П: а–п.
                    (0xD0, 0x90..=0x9F) => (0xD0, *low + 0x20),
                    // Р–Я: р–я.
                    (0xD0, 0xA0..=0xAF) => (0xD1, *low - 0x20),
                    other => other,
                };
            }
        }
        Lang::Ur => {
            for pair in out.chunks_exact_mut(2) {
                let [lead, low] = pair else { continue };
                (*lead, *low) = match (*lead, *low) {
                    // ي ى: ی (U+06CC).
                    (0xD9, 0x8A | 0x89) => (0xDB, 0x8C),
                    // ك: ک (U+06A9).
                    (0xD9, 0x83) => (0xDA, 0xA9),
                    other => other,
                };
            }
        }
    }
    std::str::from_utf8(out).ok()
}

/// The word before byte `at` of `text`, past spaces.
fn previous_word(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or_default().trim_end();
    before
        .get(before.trim_end_matches(is_word_char).len()..)
        .unwrap_or_default()
}

/// Whether a number written with digits is right before or after `span`.
fn near_number(text: &str, span: &Range<usize>) -> bool {
    let before = text.get(..span.start).unwrap_or_default().trim_end();
    let after = text.get(span.end..).unwrap_or_default().trim_start();
    before
        .chars()
        .next_back()
        .is_some_and(|c| digit(c).is_some())
        || after.chars().next().is_some_and(|c| digit(c).is_some())
}

/// English words after which `May` and `March` are months.
const ENGLISH_BEFORE_MONTH: &[&str] = &[
    "in", "on", "of", "since", "until", "till", "by", "from", "to", "early", "late", "mid", "last",
    "next", "this", "before", "after", "during", "and", "or", "through",
];

fn english_name(key: &str) -> Option<Named> {
    let month = match key {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => 0,
    };
    if month > 0 {
        return Some(Named::Month(month));
    }
    let count = match key {
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    };
    Some(Named::Count(count))
}

fn russian_name(key: &str) -> Option<Named> {
    let month = match key {
        "январь" | "января" | "январе" | "январем" => 1,
        "февраль" | "февраля" | "феврале" | "февралем" => 2,
        "март" | "марта" | "марте" | "мартом" => 3,
        "апрель" | "апреля" | "апреле" | "апрелем" => 4,
        "май" | "мая" | "мае" | "маем" => 5,
        "июнь" | "июня" | "июне" | "июнем" => 6,
        "июль" | "июля" | "июле" | "июлем" => 7,
        "август" | "августа" | "августе" | "августом" => 8,
        "сентябрь" | "сентября" | "сентябре" | "сентябрем" => 9,
        "октябрь" | "октября" | "октябре" | "октябрем" => 10,
        "ноябрь" | "ноября" | "ноябре" | "ноябрем" => 11,
        "декабрь" | "декабря" | "декабре" | "декабрем" => 12,
        _ => 0,
    };
    if month > 0 {
        return Some(Named::Month(month));
    }
    let count = match key {
        "два" | "две" | "двух" | "двум" | "двумя" => 2,
        "три" | "трех" | "трем" | "тремя" => 3,
        "четыре" | "четырех" | "четырем" | "четырьмя" => 4,
        "пять" | "пяти" | "пятью" => 5,
        "шесть" | "шести" | "шестью" => 6,
        "семь" | "семи" => 7,
        "восемь" | "восьми" | "восемью" | "восьмью" => 8,
        "девять" | "девяти" | "девятью" => 9,
        "десять" | "десяти" | "десятью" => 10,
        "одиннадцать" | "одиннадцати" | "одиннадцатью" => 11,
        "двенадцать" | "двенадцати" | "двенадцатью" => 12,
        _ => return None,
    };
    Some(Named::Count(count))
}

fn urdu_name(key: &str) -> Option<Named> {
    let month = match key {
        "جنوری" => 1,
        "فروری" => 2,
        "مارچ" => 3,
        "اپریل" => 4,
        "مئی" => 5,
        "جون" => 6,
        "جولائی" => 7,
        "اگست" => 8,
        "ستمبر" => 9,
        "اکتوبر" => 10,
        "نومبر" => 11,
        "دسمبر" => 12,
        _ => 0,
    };
    if month > 0 {
        return Some(Named::Month(month));
    }
    let count = match key {
        "دو" => 2,
        "تین" => 3,
        "چار" => 4,
        "پانچ" => 5,
        "چھ" => 6,
        "سات" => 7,
        "آٹھ" => 8,
        "دس" => 10,
        "گیارہ" => 11,
        "بارہ" => 12,
        _ => return None,
    };
    Some(Named::Count(count))
}

/// The name of month `month` (1–12) in `lang`; in Russian in the case of
/// `like`, a Russian month word (`марта`: genitive, `февраля`).
pub(super) fn month_name(month: u8, lang: Option<Lang>, like: &str) -> Option<&'static str> {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const UR: [&str; 12] = [
        "جنوری",
        "فروری",
        "مارچ",
        "اپریل",
        "مئی",
        "جون",
        "جولائی",
        "اگست",
        "ستمبر",
        "اکتوبر",
        "نومبر",
        "دسمبر",
    ];
    // Nominative, genitive, prepositional, instrumental.
    const RU: [[&str; 4]; 12] = [
        ["январь", "января", "январе", "январём"],
        ["февраль", "февраля", "феврале", "февралём"],
        ["март", "марта", "марте", "мартом"],
        ["апрель", "апреля", "апреле", "апрелем"],
        ["май", "мая", "мае", "маем"],
        ["июнь", "июня", "июне", "июнем"],
        ["июль", "июля", "июле", "июлем"],
        ["август", "августа", "августе", "августом"],
        ["сентябрь", "сентября", "сентябре", "сентябрём"],
        ["октябрь", "октября", "октябре", "октябрём"],
        ["ноябрь", "ноября", "ноябре", "ноябрём"],
        ["декабрь", "декабря", "декабре", "декабрём"],
    ];
    let i = usize::from(month.checked_sub(1)?);
    match lang? {
        Lang::En => EN.get(i).copied(),
        Lang::Ur => UR.get(i).copied(),
        Lang::Ru => {
            let case = if like.ends_with(['а', 'я']) {
                1
            } else if like.ends_with('е') {
                2
            } else if like.ends_with('м') {
                3
            } else {
                0
            };
            RU.get(i)?.get(case).copied()
        }
    }
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
        ("اکیس", 21),
        ("بائیس", 22),
        ("تئیس", 23),
        ("چوبیس", 24),
        ("پچیس", 25),
        ("چھبیس", 26),
        ("ستائیس", 27),
        ("اٹھائیس", 28),
        ("انتیس", 29),
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

    fn ints(values: &[u128]) -> Vec<Value> {
        values.iter().map(|&v| int(v)).collect()
    }

    fn time(hour: u32, minute: u32) -> Value {
        Value::Time { hour, minute }
    }

    #[test]
    fn words_and_months() {
        assert_eq!(
            spelled("the two sides met in February", Some(Lang::En)),
            ints(&[2, 2])
        );
        assert_eq!(
            spelled("twenty-one days", Some(Lang::En)),
            ints(&[20, 1, 21])
        );
        assert_eq!(spelled("пятого февраля", Some(Lang::Ru)), ints(&[5, 2]));
        assert_eq!(
            spelled("третьего дня во вторник", Some(Lang::Ru)),
            ints(&[3])
        );
        assert_eq!(spelled("یکم مئی کو", Some(Lang::Ur)), ints(&[1, 5]));
        assert!(spelled("семинар в пятницу", Some(Lang::Ru)).is_empty());
        assert_eq!(spelled("партнёрство XXI века", Some(Lang::Ru)), ints(&[21]));
        assert_eq!(spelled("MCMXLVIII", Some(Lang::Ru)), ints(&[1948]));
        assert!(spelled("IIII VX IC", Some(Lang::En)).is_empty());
    }

    #[test]
    fn urdu_clock_and_fraction_words() {
        let words = spelled("وفد صبح ساڑھے دس بجے پہنچا", Some(Lang::Ur));
        assert!(words.contains(&time(10, 30)), "{words:?}");
        assert!(words.contains(&dec(105, 1)));
        assert!(!words.contains(&int(10)), "ساڑھے دس is not ten");
        let words = spelled("پونے تین بجے", Some(Lang::Ur));
        assert!(words.contains(&time(2, 45)) && words.contains(&time(14, 45)));
        assert!(spelled("ڈھائی ارب روپے", Some(Lang::Ur)).contains(&dec(25, 1)));
        // A number word before بجے is also that hour after noon.
        assert!(spelled("رات دس بجے", Some(Lang::Ur)).contains(&int(22)));
        let words = spelled("круглосуточная горячая линия", Some(Lang::Ru));
        assert_eq!(words, ints(&[24, 7]));
        assert_eq!(spelled("چوبیس گھنٹے", Some(Lang::Ur)), ints(&[24]));

        let [(text, readings)] = &read("دوپہر 2 بج کر 30 منٹ پر", Lang::Ur)[..]
        else {
            panic!()
        };
        assert_eq!(*text, "2 بج کر 30");
        assert_eq!(*readings, [time(2, 30), time(14, 30)]);
        let readings = &read("صبح ساڑھے 10 بجے", Lang::Ur)[0].1;
        assert!(readings.contains(&time(10, 30)) && readings.contains(&dec(105, 1)));
        assert!(!readings.contains(&int(10)));
        assert!(read("شام 5 بجے", Lang::Ur)[0].1.contains(&int(17)));
        assert!(read("سوا 3 بجے", Lang::Ur)[0].1.contains(&time(3, 15)));
        // سوا is also "except": only before بجے or a scale word.
        assert_eq!(read("اس کے سوا 5 افراد", Lang::Ur)[0].1, [int(5)]);
        let lakh = &read("سوا 2 لاکھ", Lang::Ur)[0].1;
        assert!(lakh.contains(&int(225_000)), "{lakh:?}");
    }

    #[test]
    fn compound_scale_words_add_up() {
        let [(text, readings)] = &read("بجٹ 5 ارب 50 کروڑ روپے ہے", Lang::Ur)[..]
        else {
            panic!()
        };
        assert_eq!(*text, "5 ارب 50 کروڑ");
        assert!(readings.contains(&int(5_500_000_000)) && readings.contains(&dec(55, 1)));
        let ru = read("в 1 млрд 200 млн рублей", Lang::Ru);
        assert_eq!(ru.len(), 1);
        assert!(ru[0].1.contains(&int(1_200_000_000)) && ru[0].1.contains(&dec(12, 1)));
        let chain = &read("2 ارب 30 کروڑ 50 لاکھ", Lang::Ur)[0].1;
        assert!(chain.contains(&int(2_305_000_000)), "{chain:?}");
        // A larger scale word after a smaller one is another amount.
        assert_eq!(read("5 млн 3 млрд", Lang::Ru).len(), 2);
        assert_eq!(read("5 млн, 3 тыс", Lang::Ru).len(), 2);
    }

    #[test]
    fn year_ranges_fractions_and_spaced_groups() {
        let years = read("2024-25", Lang::En);
        assert!(years[1].1.contains(&int(2025)) && years[1].1.contains(&int(25)));
        assert!(read("1999–00", Lang::En)[1].1.contains(&int(2000)));
        assert_eq!(read("2024-2025", Lang::Ru)[1].1, [int(2025)]);
        assert_eq!(read("25-26", Lang::En)[1].1, [int(26)]);
        assert_eq!(read("2½ hours", Lang::En), [("2½", vec![dec(25, 1)])]);
        assert_eq!(read("¾", Lang::En), []);

        let text = "+7 495 244 16 06";
        let all = numbers(text, Some(Lang::Ru));
        assert_eq!(&text[all[0].span.clone()], "7 495 244");
        let split: Vec<_> = parts(text, &all[0], Some(Lang::Ru))
            .into_iter()
            .map(|n| &text[n.span])
            .collect();
        assert_eq!(split, ["7", "495", "244"]);
        let text = "5 ارب 50 کروڑ";
        let all = numbers(text, Some(Lang::Ur));
        let split: Vec<_> = parts(text, &all[0], Some(Lang::Ur))
            .into_iter()
            .map(|n| &text[n.span])
            .collect();
        assert_eq!(split, ["5", "50"]);
        // A no-break space is surely a thousands separator.
        let text = "15\u{00A0}000";
        assert!(parts(text, &numbers(text, Some(Lang::Ru))[0], Some(Lang::Ru)).is_empty());
    }

    fn named(text: &str, lang: Lang) -> Vec<(&str, Named)> {
        names(text, Some(lang))
            .into_iter()
            .map(|n| (&text[n.span], n.what))
            .collect()
    }

    #[test]
    fn months_and_small_numbers_by_name() {
        use Named::{Count, Month};
        assert_eq!(
            named("Three delegations arrived on 14 February.", Lang::En),
            [("Three", Count(3)), ("February", Month(2))]
        );
        assert_eq!(
            named("The talks may resume in May.", Lang::En),
            [("May", Month(5))]
        );
        assert_eq!(named("The Aurat March was held.", Lang::En), []);
        assert_eq!(
            named("It was held on 8 March.", Lang::En),
            [("March", Month(3))]
        );
        assert_eq!(named("one of them", Lang::En), []);
        assert_eq!(
            named("Прибыли три делегации 14 марта; Марта Петрова", Lang::Ru),
            [("три", Count(3)), ("марта", Month(3))]
        );
        assert_eq!(named("Она любит свою семью.", Lang::Ru), []);
        assert_eq!(
            named("четырёх делегаций", Lang::Ru),
            [("четырёх", Count(4))]
        );
        assert_eq!(
            named("14 مارچ کو دو طرفہ مذاکرات، لانگ مارچ، نو منتخب", Lang::Ur),
            [("مارچ", Month(3))]
        );
        assert_eq!(
            named("جون میں تین وفود آئے", Lang::Ur),
            [("جون", Month(6)), ("تین", Count(3))]
        );
    }

    #[test]
    fn folding_is_the_matching_key() {
        let text = "ЯНВАРЯ Трёх ЁЛКА йод يك ىك ساڑھے مئی Twelve";
        for lang in [Lang::En, Lang::Ru, Lang::Ur] {
            for span in words(text, lang) {
                let word = &text[span];
                let mut buffer = [0u8; 24];
                let mut key = String::new();
                push_key(&mut key, word, Some(lang));
                assert_eq!(
                    folded(word, lang, &mut buffer),
                    Some(key.as_str()),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn month_names_for_suggestions() {
        assert_eq!(month_name(2, Some(Lang::Ru), "марта"), Some("февраля"));
        assert_eq!(month_name(2, Some(Lang::Ru), "марте"), Some("феврале"));
        assert_eq!(month_name(2, Some(Lang::Ru), "март"), Some("февраль"));
        assert_eq!(month_name(5, Some(Lang::Ur), "جون"), Some("مئی"));
        assert_eq!(month_name(13, Some(Lang::En), ""), None);
    }
}
