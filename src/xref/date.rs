//! Calendar days: the day numbers the dated ranking compares, and the date
//! texts fact-checks and users write.

use crate::analyze::lexicon::MONTHS;

/// Days since 1970-01-01 of a calendar date (proleptic Gregorian), the day
/// numbers [`Ranker::add_dated`](super::Ranker::add_dated),
/// [`Ranker::rank_dated`](super::Ranker::rank_dated) and
/// [`rerank_dated`](super::rerank_dated) take.
pub fn day_number(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date forms [`parse_day`] reads, for messages.
pub const DATE_FORMS: &str = "2019-10-22 (a time may follow), \"October 22, 2019\", \"Oct. 22, 2019\" or \"22 October 2019\"";

/// The day number ([`day_number`]) of a date as fact-checks and users write it,
/// or `None` if it is not one of:
///
/// - ISO: `2019-10-22`, `2021-7-16`, optionally followed by a time
///   (`2019-10-22T14:03:00Z`, `2019-10-22 14:03`);
/// - month first: `October 22, 2019`, `Oct. 22, 2019`, `Oct 22 2019`, `Sept. 3, 2019`;
/// - day first: `22 October 2019`, `22 Oct. 2019`;
/// - PolitiFact's statement line: `stated on October 22, 2019 in a campaign
///   mailer.:` (whatever follows the date is ignored).
///
/// Month names are English, in any case. The date must exist (no 31 April).
pub fn parse_day(text: &str) -> Option<i64> {
    let text = text.trim();
    let stated = text
        .get(..10)
        .filter(|p| p.eq_ignore_ascii_case("stated on "))
        .map(|_| &text[10..]);
    let (day, rest) = match stated {
        Some(s) => parse_prefix(s.trim_start())?,
        None => parse_prefix(text)?,
    };
    let rest_ok = stated.is_some()
        || rest.is_empty()
        || (rest.starts_with(['T', 't', ' '])
            && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
    rest_ok.then_some(day)
}

/// A date at the start of `s` and what follows it.
fn parse_prefix(s: &str) -> Option<(i64, &str)> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        iso(s).or_else(|| day_first(s))
    } else {
        month_first(s)
    }
}

/// `YYYY-M-D` and the rest.
fn iso(s: &str) -> Option<(i64, &str)> {
    let (year, s) = digits(s, 4, 4)?;
    let (month, s) = digits(s.strip_prefix('-')?, 1, 2)?;
    let (day, s) = digits(s.strip_prefix('-')?, 1, 2)?;
    Some((checked(year, month, day)?, s))
}

/// `October 22, 2019` / `Oct. 22 2019` and the rest.
fn month_first(s: &str) -> Option<(i64, &str)> {
    let (month, s) = month(s)?;
    let (day, s) = digits(s.trim_start(), 1, 2)?;
    let s = s.strip_prefix(',').unwrap_or(s);
    let (year, s) = digits(after_space(s)?, 4, 4)?;
    Some((checked(year, month, day)?, s))
}

/// `22 October 2019` and the rest.
fn day_first(s: &str) -> Option<(i64, &str)> {
    let (day, s) = digits(s, 1, 2)?;
    let (month, s) = month(after_space(s)?)?;
    let s = s.strip_prefix(',').unwrap_or(s);
    let (year, s) = digits(after_space(s)?, 4, 4)?;
    Some((checked(year, month, day)?, s))
}

/// `s` without its leading spaces, of which there must be at least one.
fn after_space(s: &str) -> Option<&str> {
    let t = s.trim_start();
    (t.len() < s.len()).then_some(t)
}

/// An English month name or its abbreviation of 3 letters or more (a dot may
/// follow), and the rest.
fn month(s: &str) -> Option<(u32, &str)> {
    let end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let word = s[..end].to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let m = MONTHS.iter().position(|name| name.starts_with(&word))? as u32 + 1;
    let rest = &s[end..];
    Some((m, rest.strip_prefix('.').unwrap_or(rest)))
}

/// A number of `min` to `max` ASCII digits not followed by another digit, and the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

/// The day number of a date that exists.
fn checked(year: u32, month: u32, day: u32) -> Option<i64> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| day_number(i64::from(year), month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_with_and_without_a_time() {
        let d = day_number(2019, 10, 22);
        assert_eq!(parse_day("2019-10-22"), Some(d));
        assert_eq!(parse_day("2019-10-22T14:03:00Z"), Some(d));
        assert_eq!(parse_day("2019-10-22 14:03"), Some(d));
        assert_eq!(parse_day(" 2019-10-22\n"), Some(d));
        // ClaimsKG's flattened ClaimReview dates lose their leading zeros.
        assert_eq!(parse_day("2021-7-16"), Some(day_number(2021, 7, 16)));
    }

    #[test]
    fn politifact_statement_lines() {
        // Real `date` fields of CheckThat! 2021 2B's PolitiFact vclaims.
        assert_eq!(
            parse_day("stated on October 22, 2019 in a campaign mailer.:"),
            Some(day_number(2019, 10, 22))
        );
        assert_eq!(
            parse_day("stated on October 28, 2019 in a speech:"),
            Some(day_number(2019, 10, 28))
        );
        assert_eq!(
            parse_day("stated on September 5, 2007 in a debate in Durham, N.H.:"),
            Some(day_number(2007, 9, 5))
        );
        assert_eq!(parse_day("stated on in a speech:"), None);
    }

    #[test]
    fn written_out_dates() {
        let d = day_number(2019, 10, 22);
        for text in [
            "October 22, 2019",
            "Oct. 22, 2019",
            "Oct 22, 2019",
            "oct 22 2019",
            "22 October 2019",
            "22 Oct. 2019",
            "22 Oct, 2019",
        ] {
            assert_eq!(parse_day(text), Some(d), "{text}");
        }
        assert_eq!(parse_day("Sept. 3, 2019"), Some(day_number(2019, 9, 3)));
        assert_eq!(parse_day("29 February 2020"), Some(day_number(2020, 2, 29)));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "yesterday",
            "2019",
            "2019-10",
            "2019-13-01",
            "2019-02-29",
            "2019-04-31",
            "2019-10-22x",
            "20191022",
            "22/10/2019",
            "October 2019",
            "Oc 22, 2019",
            "October 22, 19",
            "October 32, 2019",
            "22 October 2019 and more",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
    }
}
