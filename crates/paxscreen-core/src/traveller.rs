//! Travellers as the screener sees them, whatever message they arrived in.

use crate::country::Country;
use crate::date::{PartialDate, ValueError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Gender as documents state it (ICAO 9303: M, F, X; API `U` reads as X).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Male.
    M,
    /// Female.
    F,
    /// Unspecified or other.
    X,
}

impl Gender {
    /// Reads `M`, `F`, `X` or `U` (case-insensitive); also `MALE`/`FEMALE` and the
    /// AIRIMP infant forms `MI`/`FI`.
    pub fn parse(text: &str) -> Result<Gender, ValueError> {
        match text.trim().to_ascii_uppercase().as_str() {
            "M" | "MALE" | "MI" => Ok(Gender::M),
            "F" | "FEMALE" | "FI" => Ok(Gender::F),
            "X" | "U" | "UNSPECIFIED" | "<" => Ok(Gender::X),
            _ => Err(ValueError {
                what: "gender",
                value: text.to_string(),
                reason: "expected M, F or X",
            }),
        }
    }

    /// The one-letter code.
    pub fn as_str(&self) -> &'static str {
        match self {
            Gender::M => "M",
            Gender::F => "F",
            Gender::X => "X",
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

deserialize_from_str!(Gender, "a gender M, F or X", Gender::parse);

/// Serialized as its letter, without the `String` a `serde(into)` would allocate.
impl Serialize for Gender {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl From<Gender> for String {
    fn from(g: Gender) -> String {
        g.as_str().to_string()
    }
}

/// A travel or identity document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Document {
    /// Document type code (`P` passport, `I` identity card, `V` visa, ...); may be empty.
    #[serde(rename = "type", default)]
    pub doc_type: String,
    /// Issuing state as alpha-3 when known, otherwise as written; may be empty.
    #[serde(default)]
    pub issuer: String,
    /// Document number, upper case, without spaces.
    pub number: String,
}

impl Document {
    /// The number with everything but letters and digits removed, upper case: the form
    /// under which document numbers are compared (`N-0123 456` == `N0123456`).
    pub fn normalized_number(&self) -> String {
        normalize_document_number(&self.number)
    }
}

/// Upper-case letters and digits only: how document numbers are compared.
pub fn normalize_document_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// One traveller (passenger, crew member or infant) from a manifest.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Traveller {
    /// Id unique within its source (see INTERFACES.md for EDIFACT ids).
    pub id: String,
    /// The file or message the traveller came from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Primary identifier (family name) as on the document.
    #[serde(default)]
    pub surname: String,
    /// Secondary identifiers (given names) as on the document.
    #[serde(default)]
    pub given_names: String,
    /// Date of birth, possibly partial.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dob: Option<PartialDate>,
    /// Gender.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Nationality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<Country>,
    /// Travel documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Passenger, crew, infant, ... when the message says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Flight (carrier and number) when the message says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flight: Option<String>,
    /// Booking reference (PNR record locator) when the message says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_locator: Option<String>,
    /// Problems met while reading this traveller that did not stop screening
    /// (an unreadable nationality, say): the field was left empty and the reason noted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl Traveller {
    /// Surname and given names as one display string ("SURNAME, GIVEN").
    pub fn display_name(&self) -> String {
        match (self.surname.is_empty(), self.given_names.is_empty()) {
            (false, false) => format!("{}, {}", self.surname, self.given_names),
            (false, true) => self.surname.clone(),
            (true, false) => self.given_names.clone(),
            (true, true) => String::new(),
        }
    }

    /// A name without a letter paxscreen reads (`!!!`, `12345`, or a script it does not
    /// transliterate: Hebrew, Chinese, ...) can meet no listed name. Without a document
    /// either there is nothing to screen: `Err` says why, and the traveller is to be
    /// reported, not screened into no hits. With a document it is screened by the
    /// document alone, and a warning says so.
    pub fn check_name_has_letters(&mut self) -> Result<(), String> {
        let mut name = self.surname.chars().chain(self.given_names.chars());
        if name.any(is_readable_letter) {
            return Ok(());
        }
        let shown = self.display_name();
        let why = if shown.chars().any(char::is_alphabetic) {
            "is in a script paxscreen does not transliterate (it reads Latin, Greek, \
             Cyrillic and Arabic)"
        } else {
            "has no letters"
        };
        if self.documents.is_empty() {
            return Err(format!(
                "name {shown:?} {why} and no document is given: nothing to screen"
            ));
        }
        self.warnings.push(format!(
            "name {shown:?} {why}: screened by its document alone"
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_without_letters_is_screened_by_its_document_or_not_at_all() {
        let mut t = Traveller {
            surname: "!!!".into(),
            given_names: "12".into(),
            ..Default::default()
        };
        assert_eq!(
            t.check_name_has_letters(),
            Err(
                r#"name "!!!, 12" has no letters and no document is given: nothing to screen"#
                    .into()
            )
        );
        t.documents.push(Document {
            number: "X123".into(),
            ..Default::default()
        });
        assert_eq!(t.check_name_has_letters(), Ok(()));
        assert_eq!(
            t.warnings,
            [r#"name "!!!, 12" has no letters: screened by its document alone"#]
        );
        let mut greek = Traveller {
            given_names: "Ωμέγα".into(),
            ..Default::default()
        };
        assert_eq!(greek.check_name_has_letters(), Ok(()));
        assert!(greek.warnings.is_empty());
        let mut hebrew = Traveller {
            surname: "כהן".into(),
            ..Default::default()
        };
        assert_eq!(
            hebrew.check_name_has_letters(),
            Err(
                "name \"כהן\" is in a script paxscreen does not transliterate (it reads \
                 Latin, Greek, Cyrillic and Arabic) and no document is given: nothing to screen"
                    .into()
            )
        );
        for readable in ['É', 'Ə', 'ạ', 'Ｍ', 'ώ', 'Ж', 'ع', 'ﻋ'] {
            assert!(is_readable_letter(readable), "{readable}");
        }
        for other in ['ש', '金', 'ก', 'Ա', 'გ', '김', 'あ', '1', '-'] {
            assert!(!is_readable_letter(other), "{other}");
        }
    }
}

/// A letter of a script the name analysis (`paxscreen-names`) transliterates: Latin
/// (with its extensions and full-width forms), Greek, Cyrillic, Arabic. A name of
/// other letters only gives the screener no token to match.
pub fn is_readable_letter(c: char) -> bool {
    c.is_alphabetic()
        && matches!(c as u32,
            0x0000..=0x02AF // Latin, Latin-1, Extended A/B, IPA (Ə, Ɗ, ...)
            | 0x1E00..=0x1EFF // Latin Extended Additional (Vietnamese)
            | 0xFF21..=0xFF5A // full-width Latin
            | 0x0370..=0x03FF // Greek
            | 0x1F00..=0x1FFF // Greek Extended
            | 0x0400..=0x052F // Cyrillic
            | 0x0600..=0x06FF // Arabic
            | 0x0750..=0x077F // Arabic Supplement
            | 0x08A0..=0x08FF // Arabic Extended-A
            | 0xFB50..=0xFDFF // Arabic Presentation Forms-A
            | 0xFE70..=0xFEFF // Arabic Presentation Forms-B
        )
}

/// A traveller that was found in the input but could not be read well enough to screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectedTraveller {
    /// Id when one could be read, otherwise a position-derived id (`<source>#<n>`).
    pub id: String,
    /// The file or message.
    pub source: String,
    /// Where in the source: `line 12`, `segment 34`, ...
    pub position: String,
    /// Why the traveller could not be screened.
    pub reason: String,
}

/// Every traveller in is accounted for out: either read, or rejected with a reason.
pub type TravellerRecord = Result<Traveller, RejectedTraveller>;
