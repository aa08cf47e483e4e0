//! Partial dates: real data often knows only the year, or year and month, of a birth.

use serde::Serialize;
use std::fmt;

/// A small value (date, country code, gender) that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {value:?}: {reason}")]
pub struct ValueError {
    /// What kind of value was expected ("date", "country code", ...).
    pub what: &'static str,
    /// The text that was read.
    pub value: String,
    /// Why it was refused.
    pub reason: &'static str,
}

impl ValueError {
    fn date(value: &str, reason: &'static str) -> Self {
        ValueError {
            what: "date",
            value: value.to_string(),
            reason,
        }
    }
}

/// A date of which the month and day may be unknown (`1979`, `1979-06`, `1979-06-30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Four-digit year.
    pub year: u16,
    /// Month 1-12, when known.
    pub month: Option<u8>,
    /// Day 1-31, when known (only with a month).
    pub day: Option<u8>,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap =
                (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
            if leap {
                29
            } else {
                28
            }
        }
    }
}

impl PartialDate {
    /// A full date, validated.
    pub fn ymd(year: u16, month: u8, day: u8) -> Result<Self, ValueError> {
        Self::new(year, Some(month), Some(day))
    }

    /// A date with optional month and day, validated (day needs a month; ranges checked).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<Self, ValueError> {
        // The text is made only for an error: snapshots and lists build millions of dates.
        let err = |reason| {
            let shown = format!("{year:04}-{month:?}-{day:?}");
            Err(ValueError::date(&shown, reason))
        };
        if !(1000..=9999).contains(&year) {
            return err("year out of range");
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return err("month out of range");
            }
        }
        match (month, day) {
            (None, Some(_)) => return err("day without month"),
            (Some(m), Some(d)) if d == 0 || d > days_in_month(year, m) => {
                return err("day out of range")
            }
            _ => {}
        }
        Ok(PartialDate { year, month, day })
    }

    /// Is the full date (year, month and day) known?
    pub fn is_full(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let t = text.trim();
        // At most four parts, without a Vec: a snapshot parses a date per listed date.
        let mut split = t.split('-');
        let parts = [split.next(), split.next(), split.next(), split.next()];
        let num = |s: &str, len: usize| -> Result<u32, ValueError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::date(
                    text,
                    "expected YYYY-MM-DD, YYYY-MM or YYYY",
                ));
            }
            Ok(s.parse::<u32>().expect("digits"))
        };
        let (y, m, d) = match parts {
            [Some(y), None, ..] => (num(y, 4)?, None, None),
            [Some(y), Some(m), None, _] => (num(y, 4)?, Some(num(m, 2)?), None),
            [Some(y), Some(m), Some(d), None] => (num(y, 4)?, Some(num(m, 2)?), Some(num(d, 2)?)),
            _ => {
                return Err(ValueError::date(
                    text,
                    "expected YYYY-MM-DD, YYYY-MM or YYYY",
                ))
            }
        };
        Self::new(y as u16, m.map(|v| v as u8), d.map(|v| v as u8)).map_err(|e| ValueError {
            value: text.to_string(),
            ..e
        })
    }
}

impl PartialDate {
    /// [`PartialDate::parse`], and also the unambiguous forms other systems send for a
    /// traveller's date of birth: `YYYYMMDD`, `YYYY/MM/DD`, `YYYY.MM.DD` and an ISO 8601
    /// date-time (`1979-06-30T00:00:00Z`: its date), and a month or day written `00` or
    /// `XX` where it is unknown (`1979-00-00` is 1979). Day-first and month-first forms
    /// (`30/06/1979`, `06/30/1979`) stay errors: which is which cannot be told.
    pub fn parse_lenient(text: &str) -> Result<Self, ValueError> {
        let strict = Self::parse(text);
        if strict.is_ok() {
            return strict;
        }
        let t = text.trim();
        if let Some(d) = Self::parse_with_unknown_parts(t) {
            return Ok(d);
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let alternative = if t.len() == 8 && digits(t) {
            Some(format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]))
        } else if let Some((date, time)) = t.split_once('T') {
            (date.len() == 10 && time.bytes().next().is_some_and(|b| b.is_ascii_digit()))
                .then(|| date.to_string())
        } else if t.get(..4).is_some_and(digits) && t.contains(['/', '.']) {
            Some(t.replace(['/', '.'], "-"))
        } else {
            None
        };
        alternative
            .and_then(|a| Self::parse(&a).ok())
            .ok_or_else(|| strict.unwrap_err())
    }
}

impl PartialDate {
    /// A date whose unknown month or day is written `00` or `XX` (`1971-00-00`,
    /// `1971-06-XX`, `19710000`), as API data and ICAO's visual zone give a date of birth
    /// known only in part: the known part. None when the text is not of that shape, or
    /// when its year is unknown too.
    fn parse_with_unknown_parts(t: &str) -> Option<Self> {
        let (y, m, d) = match t.len() {
            10 if t.as_bytes()[4] == b'-' && t.as_bytes()[7] == b'-' => {
                (&t[..4], &t[5..7], &t[8..])
            }
            8 => (t.get(..4)?, t.get(4..6)?, t.get(6..)?),
            _ => return None,
        };
        Self::from_parts_with_unknown(y.parse().ok().filter(|_| y.len() == 4)?, m, d)
    }

    /// The date of `year` with month and day given as two characters each, either of
    /// which may be unknown (`00`, `XX` or ICAO's `<<`): the known part (a day without
    /// its month is dropped). None for other text or an invalid date.
    pub fn from_parts_with_unknown(year: u16, month: &str, day: &str) -> Option<Self> {
        // Without a String per part: every EDIFACT and MRZ date of birth comes here.
        let part = |s: &str| -> Option<Option<u8>> {
            match *s.as_bytes() {
                [b'0', b'0'] | [b'X' | b'x', b'X' | b'x'] | [b'<', b'<'] => Some(None),
                [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                    Some(Some((a - b'0') * 10 + (b - b'0')))
                }
                _ => None,
            }
        };
        let (month, day) = (part(month)?, part(day)?);
        if month.is_some() && day.is_some() {
            // A full date is not this function's: `parse` said why it is wrong.
            return None;
        }
        Self::new(year, month, month.and(day)).ok()
    }
}

/// A date's text on the stack (`1979-06-30`, `1960..1965`): writing a million
/// entries' dates into a snapshot, or hashing them for the list's version, went
/// through `fmt` and a `String` each (5% of indexing a list's instructions).
struct DateText {
    buf: [u8; 16],
    len: usize,
}

impl DateText {
    fn new() -> Self {
        DateText {
            buf: [0; 16],
            len: 0,
        }
    }
    /// `n` in decimal, zero-padded to `width` digits (a year wider than 4 keeps all
    /// its digits, as `{:04}` does).
    fn number(&mut self, n: u16, width: usize) -> &mut Self {
        let mut digits = [b'0'; 5];
        let mut v = n;
        let mut used = 0;
        while v > 0 || used == 0 {
            digits[4 - used] = b'0' + (v % 10) as u8;
            v /= 10;
            used += 1;
        }
        let shown = used.max(width);
        self.buf[self.len..self.len + shown].copy_from_slice(&digits[5 - shown..]);
        self.len += shown;
        self
    }
    fn byte(&mut self, b: u8) -> &mut Self {
        self.buf[self.len] = b;
        self.len += 1;
        self
    }
    fn date(&mut self, d: &PartialDate) -> &mut Self {
        self.number(d.year, 4);
        if let Some(m) = d.month {
            self.byte(b'-').number(m.into(), 2);
            if let Some(day) = d.day {
                self.byte(b'-').number(day.into(), 2);
            }
        }
        self
    }
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).expect("digits and punctuation")
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(DateText::new().date(self).as_str())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(DateText::new().date(self).as_str())
    }
}

impl std::str::FromStr for PartialDate {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

deserialize_from_str!(
    PartialDate,
    "a date YYYY-MM-DD, YYYY-MM or YYYY",
    PartialDate::parse
);

impl From<PartialDate> for String {
    fn from(d: PartialDate) -> String {
        d.to_string()
    }
}

/// A date of birth as a watchlist states it: a (partial) date or a range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DobSpec {
    /// An exact or partial date.
    Date(PartialDate),
    /// Born in some year from `from` to `to`, both included (UN "BETWEEN").
    Range {
        /// First year of the range.
        from: u16,
        /// Last year of the range.
        to: u16,
    },
}

impl DobSpec {
    /// Parses a partial date or a range `YYYY..YYYY`.
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        let t = text.trim();
        // `split_once("..")` set up a substring searcher for every date a snapshot loads.
        let range = t.as_bytes().windows(2).position(|w| w == b"..");
        if let Some((a, b)) = range.map(|i| (&t[..i], &t[i + 2..])) {
            let from = PartialDate::parse(a)?;
            let to = PartialDate::parse(b)?;
            if from.month.is_some() || to.month.is_some() {
                return Err(ValueError::date(text, "a range is written YYYY..YYYY"));
            }
            if from.year > to.year {
                return Err(ValueError::date(text, "range ends before it starts"));
            }
            return Ok(DobSpec::Range {
                from: from.year,
                to: to.year,
            });
        }
        // A listed date with its unknown month or day written 00 or XX is its known
        // part, as a traveller's is (only on the error path: snapshots decode dates
        // written normalized).
        PartialDate::parse(t)
            .or_else(|e| PartialDate::parse_with_unknown_parts(t).ok_or(e))
            .map(DobSpec::Date)
    }

    /// Does this specification contain the given year?
    pub fn contains_year(&self, year: u16) -> bool {
        match *self {
            DobSpec::Date(d) => d.year == year,
            DobSpec::Range { from, to } => (from..=to).contains(&year),
        }
    }
}

impl DobSpec {
    fn text(&self) -> DateText {
        let mut t = DateText::new();
        match self {
            DobSpec::Date(d) => {
                t.date(d);
            }
            DobSpec::Range { from, to } => {
                t.number(*from, 4).byte(b'.').byte(b'.').number(*to, 4);
            }
        }
        t
    }
}

impl fmt::Display for DobSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

impl Serialize for DobSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text().as_str())
    }
}

deserialize_from_str!(
    DobSpec,
    "a date or a range of years YYYY..YYYY",
    DobSpec::parse
);

impl From<DobSpec> for String {
    fn from(d: DobSpec) -> String {
        d.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn date_text_writes_what_fmt_padding_writes() {
        use super::{DobSpec, PartialDate};
        // Against the `format!` forms the text replaced, years past 9999 included
        // (the fields are public, so a caller can build one).
        for year in [0u16, 7, 999, 1000, 1979, 9999, 10000, 65535] {
            for month in [None, Some(1u8), Some(9), Some(12)] {
                for day in [None, Some(1u8), Some(30)] {
                    let d = PartialDate { year, month, day };
                    let want = match (month, day) {
                        (Some(m), Some(dd)) => format!("{year:04}-{m:02}-{dd:02}"),
                        (Some(m), None) => format!("{year:04}-{m:02}"),
                        _ => format!("{year:04}"),
                    };
                    assert_eq!(d.to_string(), want);
                    assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{want}\""));
                    assert_eq!(DobSpec::Date(d).to_string(), want);
                }
            }
            let r = DobSpec::Range {
                from: year,
                to: 1965,
            };
            assert_eq!(r.to_string(), format!("{year:04}..1965"));
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{year:04}..1965\"")
            );
        }
    }

    #[test]
    fn listed_dates_with_unknown_parts_are_their_known_part() {
        assert_eq!(DobSpec::parse("1971-00-00").unwrap().to_string(), "1971");
        assert_eq!(DobSpec::parse("1971-06-XX").unwrap().to_string(), "1971-06");
        assert!(DobSpec::parse("1971-13-00").is_err());
        assert!(DobSpec::parse("1971-02-30").is_err());
    }

    #[test]
    fn lenient_dates_take_only_unambiguous_forms() {
        let p = |t: &str| PartialDate::parse_lenient(t).map(|d| d.to_string());
        for t in [
            "1979-06-30",
            "19790630",
            "1979/06/30",
            "1979.06.30",
            "1979-06-30T00:00:00Z",
            " 1979-06-30T12:00 ",
        ] {
            assert_eq!(p(t).as_deref(), Ok("1979-06-30"), "{t}");
        }
        assert_eq!(p("1979/06").as_deref(), Ok("1979-06"));
        // A month or day written 00 or XX is unknown: the known part.
        for (t, want) in [
            ("1979-00-00", "1979"),
            ("1979-06-00", "1979-06"),
            ("1979-XX-XX", "1979"),
            ("1979-06-xx", "1979-06"),
            ("19790000", "1979"),
            ("1979-00-15", "1979"),
        ] {
            assert_eq!(p(t).as_deref(), Ok(want), "{t}");
        }
        assert!(p("XXXX-06-30").is_err());
        assert!(p("1979-13-00").is_err());
        for t in [
            "30/06/1979",
            "06/30/1979",
            "1979063",
            "19791330",
            "1979-06-30Tx",
            "199é/06/30",
            "x",
        ] {
            assert!(p(t).is_err(), "{t}");
        }
    }

    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(
            PartialDate::parse("1979-06-30").unwrap(),
            PartialDate::ymd(1979, 6, 30).unwrap()
        );
        assert_eq!(PartialDate::parse("1979-06").unwrap().day, None);
        assert_eq!(PartialDate::parse("1979").unwrap().month, None);
        assert_eq!(
            PartialDate::parse("1979-06-30").unwrap().to_string(),
            "1979-06-30"
        );
        assert!(PartialDate::parse("1979-02-30").is_err());
        assert!(PartialDate::parse("2000-02-29").is_ok());
        assert!(PartialDate::parse("1900-02-29").is_err());
        assert!(PartialDate::parse("79-06-30").is_err());
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn parses_ranges() {
        assert_eq!(
            DobSpec::parse("1960..1965").unwrap(),
            DobSpec::Range {
                from: 1960,
                to: 1965
            }
        );
        assert!(DobSpec::parse("1965..1960").is_err());
        assert!(DobSpec::parse("1965..1960-01").is_err());
        assert!(DobSpec::parse("1960..1965").unwrap().contains_year(1963));
        assert_eq!(
            DobSpec::parse("1960..1965").unwrap().to_string(),
            "1960..1965"
        );
    }
}
