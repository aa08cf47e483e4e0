//! Small readers shared by the message formats: two-digit years, dates, countries, ids.

use paxscreen_core::{Country, PartialDate};
use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

/// The current year (UTC), from the system clock; 2025 if the clock is unreadable.
pub fn current_year() -> u16 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(1_735_689_600);
    // Civil year from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    u16::try_from(y).unwrap_or(2025)
}

/// Expands a two-digit year of birth: years above the current two-digit year + 1
/// are 19xx, the others 20xx (a birth date cannot lie more than a year ahead).
pub fn birth_century(yy: u16) -> u16 {
    let cur = current_year() % 100;
    if yy > cur + 1 {
        1900 + yy
    } else {
        2000 + yy
    }
}

fn digits(s: &str) -> Option<u16> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// EDIFACT date of birth: `YYMMDD` (DTM format 101, century pivot) or `CCYYMMDD` (102).
/// A month or day written `00`, `XX` or `<<` (unknown, as API data and the MRZ give a
/// date of birth known only in part) leaves the known part: `850000` is 1985.
pub fn parse_yymmdd_dob(text: &str) -> Result<PartialDate, String> {
    let t = text.trim();
    let bad = || format!("invalid date of birth {t:?} (expected YYMMDD)");
    if !t.is_ascii() {
        return Err(bad());
    }
    let (y, rest) = match t.len() {
        6 => (birth_century(digits(&t[0..2]).ok_or_else(bad)?), &t[2..]),
        8 => (digits(&t[0..4]).ok_or_else(bad)?, &t[4..]),
        _ => return Err(bad()),
    };
    if let Some(partial) = PartialDate::from_parts_with_unknown(y, &rest[0..2], &rest[2..4]) {
        return Ok(partial);
    }
    let m = digits(&rest[0..2]).ok_or_else(bad)?;
    let d = digits(&rest[2..4]).ok_or_else(bad)?;
    PartialDate::ymd(y, m as u8, d as u8)
        .map_err(|e| format!("invalid date of birth {t:?}: {}", e.reason))
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Does the text look like an AIRIMP date `DDMMMYY` (or `DDMMMYYYY`)?
pub fn looks_like_ddmmmyy(text: &str) -> bool {
    let t = text.trim().as_bytes();
    (t.len() == 7 || t.len() == 9)
        && t[0..2].iter().all(u8::is_ascii_digit)
        && t[2..5].iter().all(u8::is_ascii_alphabetic)
        && t[5..].iter().all(u8::is_ascii_digit)
}

/// AIRIMP date of birth `DDMMMYY` (century pivot) or `DDMMMYYYY`.
pub fn parse_ddmmmyy_dob(text: &str) -> Result<PartialDate, String> {
    let t = text.trim().to_ascii_uppercase();
    let bad = || format!("invalid date of birth {t:?} (expected DDMMMYY)");
    if !looks_like_ddmmmyy(&t) {
        return Err(bad());
    }
    let d = digits(&t[0..2]).ok_or_else(bad)?;
    let m = MONTHS.iter().position(|m| *m == &t[2..5]).ok_or_else(bad)? as u8 + 1;
    let y = if t.len() == 7 {
        birth_century(digits(&t[5..7]).ok_or_else(bad)?)
    } else {
        digits(&t[5..9]).ok_or_else(bad)?
    };
    PartialDate::ymd(y, m, d as u8)
        .map_err(|e| format!("invalid date of birth {t:?}: {}", e.reason))
}

/// A nationality code; the error text names the code.
pub fn country(code: &str) -> Result<Country, String> {
    Country::from_code(code).map_err(|_| format!("unknown nationality code {:?}", code.trim()))
}

/// A document issuer: alpha-3 when the code is known, otherwise as written.
pub fn issuer(code: &str) -> String {
    let c = code.trim();
    if c.is_empty() {
        return String::new();
    }
    Country::from_code(c)
        .map(|k| k.as_str().to_string())
        .unwrap_or_else(|_| c.trim_end_matches('<').to_ascii_uppercase())
}

/// Collapses runs of whitespace and trims.
pub fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Letters and digits only, upper case: for comparing names that differ by wraps.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Hands out ids unique within a manifest: a repeated id gets `#2`, `#3`, ...
#[derive(Debug, Default)]
pub struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// `base` itself when unused, otherwise `base#n` for the smallest free n >= 2.
    pub fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2;
        loop {
            let c = format!("{base}#{n}");
            if self.used.insert(c.clone()) {
                return c;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pivot() {
        assert_eq!(birth_century(85), 1985);
        assert_eq!(birth_century(10), 2010);
        assert!(current_year() >= 2025);
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_yymmdd_dob("850101").unwrap().to_string(),
            "1985-01-01"
        );
        assert_eq!(
            parse_yymmdd_dob("19850101").unwrap().to_string(),
            "1985-01-01"
        );
        assert!(parse_yymmdd_dob("851301").is_err());
        assert!(parse_yymmdd_dob("8é0101").is_err());
        // Unknown month or day: the known part.
        for (t, want) in [
            ("850000", "1985"),
            ("8502XX", "1985-02"),
            ("85<<<<", "1985"),
            ("19850200", "1985-02"),
            ("850015", "1985"),
        ] {
            assert_eq!(parse_yymmdd_dob(t).unwrap().to_string(), want, "{t}");
        }
        assert!(parse_yymmdd_dob("XX0101").is_err());
        assert!(parse_yymmdd_dob("851300").is_err());
        assert_eq!(
            parse_ddmmmyy_dob("12JUL64").unwrap().to_string(),
            "1964-07-12"
        );
        assert_eq!(
            parse_ddmmmyy_dob("20SEP12").unwrap().to_string(),
            "2012-09-20"
        );
        assert!(parse_ddmmmyy_dob("32JUL64").is_err());
    }

    #[test]
    fn ids() {
        let mut i = Ids::default();
        assert_eq!(i.unique("A"), "A");
        assert_eq!(i.unique("A"), "A#2");
        assert_eq!(i.unique("A"), "A#3");
    }
}
