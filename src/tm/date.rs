//! Dates as TMX writes them (`YYYYMMDDThhmmssZ`, UTC), read from the ISO
//! 8601 forms tools write, and the calendar arithmetic behind both.

/// Whether `date` is a date and time as TMX writes them,
/// `YYYYMMDDThhmmssZ`, and one that exists.
pub(crate) fn is_tmx_date(date: &str) -> bool {
    let b = date.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let shape = b.len() == 16 && b.get(8) == Some(&b'T') && b.get(15) == Some(&b'Z');
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        number(0..4),
        number(4..6),
        number(6..8),
        number(9..11),
        number(11..13),
        number(13..15),
    ) else {
        return false;
    };
    shape
        && exists(
            i64::from(year),
            i64::from(month),
            i64::from(day),
            i64::from(hour),
            i64::from(minute),
            i64::from(second),
        )
}

/// Whether the date and time exist (a second of 60 is a leap second).
fn exists(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=12).contains(&month)
        && (1..=days).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60
}

/// An ISO 8601 date and time in the form TMX writes, `YYYYMMDDThhmmssZ`
/// in UTC: from the basic or extended form (`20240305T093000Z`,
/// `2024-03-05T09:30:00Z`), any case, with seconds' fractions (dropped),
/// an offset (`+05:00`, `+0500`, `+05`: turned into UTC) or no zone (taken
/// as UTC), or a date alone (midnight). `None` if it is none of these, or
/// not a moment that exists.
pub(crate) fn iso_date(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_uppercase();
    let b = text.as_bytes();
    let mut at = 0;
    let digits = |at: &mut usize, n: usize| -> Option<i64> {
        let part = b.get(*at..*at + n)?;
        *at += n;
        part.iter().try_fold(0i64, |v, &d| {
            d.is_ascii_digit().then(|| v * 10 + i64::from(d - b'0'))
        })
    };
    // A separator of the extended form, where the form has one (basic and
    // extended are not mixed).
    let separator = |at: &mut usize, c: u8, extended: bool| -> Option<()> {
        if extended {
            (b.get(*at) == Some(&c)).then(|| *at += 1)
        } else {
            Some(())
        }
    };
    let extended = b.get(4) == Some(&b'-');
    let year = digits(&mut at, 4)?;
    separator(&mut at, b'-', extended)?;
    let month = digits(&mut at, 2)?;
    separator(&mut at, b'-', extended)?;
    let day = digits(&mut at, 2)?;
    let (mut hour, mut minute, mut second, mut offset) = (0, 0, 0, 0i64);
    if b.get(at) == Some(&b'T') {
        at += 1;
        let colons = b.get(at + 2) == Some(&b':');
        hour = digits(&mut at, 2)?;
        separator(&mut at, b':', colons)?;
        minute = digits(&mut at, 2)?;
        let seconds = if colons {
            b.get(at) == Some(&b':')
        } else {
            b.get(at).is_some_and(u8::is_ascii_digit)
        };
        if seconds {
            separator(&mut at, b':', colons)?;
            second = digits(&mut at, 2)?;
        }
        // A fraction of the seconds is dropped; one of the minutes would
        // be seconds, and is not read.
        if matches!(b.get(at), Some(b'.' | b',')) {
            if !seconds {
                return None;
            }
            at += 1;
            let fraction = b.get(at..).unwrap_or_default();
            let n = fraction.iter().take_while(|d| d.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            at += n;
        }
        match b.get(at) {
            Some(b'Z') => at += 1,
            Some(&sign @ (b'+' | b'-')) => {
                at += 1;
                let hours = digits(&mut at, 2)?;
                let colon = b.get(at) == Some(&b':');
                at += usize::from(colon);
                let minutes = if colon || at < b.len() {
                    digits(&mut at, 2)?
                } else {
                    0
                };
                if hours > 14 || minutes > 59 {
                    return None;
                }
                offset = (hours * 60 + minutes) * if sign == b'+' { 1 } else { -1 };
            }
            _ => {}
        }
    }
    if at != b.len() || !exists(year, month, day, hour, minute, second) {
        return None;
    }
    let (mut year, mut month, mut day) = (year, month, day);
    if offset != 0 {
        let seconds =
            days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second
                - offset * 60;
        let days = seconds.div_euclid(86_400);
        let rest = seconds.rem_euclid(86_400);
        (year, month, day) = civil_from_days(days);
        (hour, minute, second) = (rest / 3_600, rest % 3_600 / 60, rest % 60);
        if !(0..=9999).contains(&year) {
            return None;
        }
    }
    Some(format!(
        "{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z"
    ))
}

/// Days since 1970-01-01 of a date of the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let of_era_days = of_era * 365 + of_era / 4 - of_era / 100 + day_of_year;
    era * 146_097 + of_era_days - 719_468
}

/// The date `days` after 1970-01-01: [`days_from_civil`] undone.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let of_era = days - era * 146_097;
    let year_of_era = (of_era - of_era / 1_460 + of_era / 36_524 - of_era / 146_096) / 365;
    let day_of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let m = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * m + 2) / 5 + 1;
    let month = if m < 10 { m + 3 } else { m - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A Unix time as a TMX date.
pub(crate) fn tmx_date(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2);
    let rest = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rest / 3_600,
        rest / 60 % 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_days_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        for days in (-719_468..2_932_896).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn unix_times_in_tmx_form() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(1_710_238_500), "20240312T101500Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
    }
}
