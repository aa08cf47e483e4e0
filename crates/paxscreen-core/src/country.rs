//! Countries as ISO 3166-1 alpha-3 codes (plus the ICAO 9303 codes seen in documents).
//!
//! Watchlists name countries in prose ("Syrian Arab Republic", "Iraq"), documents and
//! messages use alpha-3 or alpha-2 codes (`SYR`, `SY`) and MRZs use ICAO codes
//! (`D<<` for Germany). Everything is mapped to one alpha-3 code so that nationality
//! evidence compares like with like.

use crate::date::ValueError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A country or ICAO travel-document authority, as an upper-case three-letter code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country([u8; 3]);

/// One row of the country table: alpha-2, alpha-3 and English names in upper case.
struct CountryRow {
    alpha2: &'static str,
    alpha3: &'static str,
    names: &'static [&'static str],
}

macro_rules! countries {
    ($( $a2:literal $a3:literal [$($n:literal),* $(,)?] ),* $(,)?) => {
        &[ $( CountryRow { alpha2: $a2, alpha3: $a3, names: &[$($n),*] } ),* ]
    };
}

// ISO 3166-1 (alpha-2, alpha-3, English short names and common variants in upper case).
static COUNTRIES: &[CountryRow] = countries![
    "AF" "AFG" ["AFGHANISTAN"],
    "DE" "DEU" ["GERMANY"],
    "GB" "GBR" ["UNITED KINGDOM", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND"],
    "IE" "IRL" ["IRELAND"],
    "IQ" "IRQ" ["IRAQ"],
    "KW" "KWT" ["KUWAIT"],
    "SY" "SYR" ["SYRIA", "SYRIAN ARAB REPUBLIC"],
    "TR" "TUR" ["TURKEY", "TURKIYE"],
    "US" "USA" ["UNITED STATES", "UNITED STATES OF AMERICA"],
];

// ICAO 9303 part 3 codes that are not ISO 3166-1 alpha-3 (documents and MRZs).
static ICAO_CODES: &[(&str, &str)] = &[
    ("D", "DEU"),
    ("D<<", "DEU"),
    ("GBD", "GBR"),
    ("GBN", "GBR"),
    ("GBO", "GBR"),
    ("GBS", "GBR"),
    ("GBP", "GBR"),
];
// ICAO codes kept as they are: stateless, refugee, UN and EU documents.
static ICAO_SPECIAL: &[&str] = &[
    "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "EUE", "XOM", "XPO", "XCC", "XBA", "XIM",
    "XDC", "XES", "XMP", "XOM",
];

impl Country {
    /// Reads an ISO alpha-3 or alpha-2 code, or an ICAO 9303 document code
    /// (case-insensitive, `<` padding ignored). Unknown codes are refused.
    pub fn from_code(code: &str) -> Result<Country, ValueError> {
        let up = code.trim().to_ascii_uppercase();
        let err = |reason| ValueError {
            what: "country code",
            value: code.to_string(),
            reason,
        };
        if let Some((_, a3)) = ICAO_CODES.iter().find(|(c, _)| *c == up) {
            return Ok(Country::raw(a3));
        }
        let up = up.trim_end_matches('<');
        match up.len() {
            2 => COUNTRIES
                .iter()
                .find(|r| r.alpha2 == up)
                .map(|r| Country::raw(r.alpha3))
                .ok_or_else(|| err("not an ISO 3166-1 alpha-2 code")),
            3 => {
                if COUNTRIES.iter().any(|r| r.alpha3 == up) || ICAO_SPECIAL.contains(&up) {
                    Ok(Country::raw(up))
                } else {
                    Err(err("not an ISO 3166-1 alpha-3 or ICAO code"))
                }
            }
            _ => Err(err("expected a two- or three-letter code")),
        }
    }

    /// Maps an English country name as written on watchlists ("Syrian Arab Republic",
    /// "Iraq") to its code; falls back to [`Country::from_code`] for codes.
    pub fn from_name(name: &str) -> Option<Country> {
        let up: String = name
            .trim()
            .trim_end_matches('.')
            .chars()
            .map(|c| {
                if c == '\u{2019}' {
                    '\''
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        let up = up.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(r) = COUNTRIES.iter().find(|r| r.names.contains(&up.as_str())) {
            return Some(Country::raw(r.alpha3));
        }
        Country::from_code(&up).ok()
    }

    fn raw(a3: &str) -> Country {
        let b = a3.as_bytes();
        Country([b[0], b[1], b[2]])
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("country codes are ASCII")
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Country {
    type Error = ValueError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Country::from_code(&s)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names() {
        assert_eq!(Country::from_code("SY").unwrap().as_str(), "SYR");
        assert_eq!(Country::from_code("syr").unwrap().as_str(), "SYR");
        assert_eq!(Country::from_code("D<<").unwrap().as_str(), "DEU");
        assert!(Country::from_code("QQQ").is_err());
        assert_eq!(
            Country::from_name("Syrian Arab Republic").unwrap().as_str(),
            "SYR"
        );
        assert_eq!(Country::from_name("IRAQ").unwrap().as_str(), "IRQ");
    }
}
