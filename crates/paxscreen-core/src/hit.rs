//! Hits and the evidence that explains them to the officer who reviews them.

use serde::{Deserialize, Serialize};

/// What the dates of birth say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DobEvidence {
    /// Same full date.
    Exact,
    /// Same year and month; the day is unknown on one side.
    Month,
    /// Same year; month or day unknown on one side.
    Year,
    /// Inside a listed range of years.
    Range,
    /// Year within one of a listed year (a common recording error).
    Near,
    /// Same year but a different month or day.
    PartialConflict,
    /// Different years.
    Conflict,
    /// One side has no date of birth.
    None,
}

/// What the nationalities say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalityEvidence {
    /// The traveller's nationality is one of the listed ones.
    Match,
    /// Both are known and differ.
    Conflict,
    /// One side has none.
    None,
}

/// What the genders say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GenderEvidence {
    /// Same gender.
    Match,
    /// Both known (M/F) and differ.
    Conflict,
    /// One side unknown.
    None,
}

/// What the document numbers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentEvidence {
    /// A document number of the traveller equals a listed one: a hit by itself.
    Match,
    /// No document number in common (or none known).
    None,
}

impl DobEvidence {
    /// The name used in JSON output and explanations (`exact`, `partial_conflict`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            DobEvidence::Exact => "exact",
            DobEvidence::Month => "month",
            DobEvidence::Year => "year",
            DobEvidence::Range => "range",
            DobEvidence::Near => "near",
            DobEvidence::PartialConflict => "partial_conflict",
            DobEvidence::Conflict => "conflict",
            DobEvidence::None => "none",
        }
    }
}

impl NationalityEvidence {
    /// The name used in JSON output and explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            NationalityEvidence::Match => "match",
            NationalityEvidence::Conflict => "conflict",
            NationalityEvidence::None => "none",
        }
    }
}

impl GenderEvidence {
    /// The name used in JSON output and explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            GenderEvidence::Match => "match",
            GenderEvidence::Conflict => "conflict",
            GenderEvidence::None => "none",
        }
    }
}

impl DocumentEvidence {
    /// The name used in JSON output and explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentEvidence::Match => "match",
            DocumentEvidence::None => "none",
        }
    }
}

/// How one traveller name token was aligned with one listed name token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenMatch {
    /// The traveller's token (normalized), or "" when a listed token went unmatched.
    pub traveller: String,
    /// The listed token (normalized), or "" when a traveller token went unmatched.
    pub listed: String,
    /// Similarity of the two tokens in [0, 1].
    pub similarity: f64,
    /// How they met: `exact`, `variant`, `phonetic`, `typo`, `prefix`, `unmatched`.
    pub how: String,
    /// Rarity weight the token carried in the name score.
    pub weight: f64,
    /// For a listed token met by a typo or a variant of a commoner traveller spelling
    /// that the list also holds: the weight it counted as in the common-name discount
    /// (that spelling's weight, below `weight`). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts_as: Option<f64>,
}

/// Everything that went into a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Name similarity in [0, 1] before the other evidence was applied.
    pub name: f64,
    /// Date-of-birth evidence.
    pub dob: DobEvidence,
    /// Nationality evidence.
    pub nationality: NationalityEvidence,
    /// Document evidence.
    pub document: DocumentEvidence,
    /// Gender evidence.
    pub gender: GenderEvidence,
    /// Token alignment behind the name score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<TokenMatch>,
    /// Each adjustment made to the name score, in order, e.g. `dob exact +0.08`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<String>,
}

/// One watchlist entry that a traveller may be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The entry's id.
    pub entry_id: String,
    /// The entry's list.
    pub list: String,
    /// Overall score in [0, 1].
    pub score: f64,
    /// The listed name that matched best, as the list writes it.
    pub matched_name: String,
    /// Why.
    pub evidence: Evidence,
    /// The entry's remarks as the list gives them (first 500 characters), for the
    /// officer who reviews the hit: what the person is listed for, aliases' notes,
    /// places. Left out of the JSON when the list gives none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remarks: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: impl Serialize) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn names_equal_the_json_names() {
        for e in [
            DobEvidence::Exact,
            DobEvidence::Month,
            DobEvidence::Year,
            DobEvidence::Range,
            DobEvidence::Near,
            DobEvidence::PartialConflict,
            DobEvidence::Conflict,
            DobEvidence::None,
        ] {
            assert_eq!(e.as_str(), json(e));
        }
        for e in [
            NationalityEvidence::Match,
            NationalityEvidence::Conflict,
            NationalityEvidence::None,
        ] {
            assert_eq!(e.as_str(), json(e));
        }
        for e in [
            GenderEvidence::Match,
            GenderEvidence::Conflict,
            GenderEvidence::None,
        ] {
            assert_eq!(e.as_str(), json(e));
        }
        for e in [DocumentEvidence::Match, DocumentEvidence::None] {
            assert_eq!(e.as_str(), json(e));
        }
    }
}
