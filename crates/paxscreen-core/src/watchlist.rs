//! Watchlist entries: listed persons with every name they are known by.

use crate::country::Country;
use crate::date::DobSpec;
use crate::traveller::{Document, Gender};
use serde::{Deserialize, Serialize};

/// How a list qualifies a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameQuality {
    /// The entry's main name.
    Primary,
    /// A strong alias ("a.k.a.", UN quality "Good").
    Good,
    /// A weak alias ("f.k.a."/"n.k.a." or UN quality "Low").
    Low,
    /// The name in its original script (Arabic, Cyrillic, ...).
    OriginalScript,
}

/// One name of a listed person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedName {
    /// The full name as the list writes it (any script, any token order).
    pub name: String,
    /// What kind of name it is.
    pub quality: NameQuality,
}

/// A listed person.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WatchlistEntry {
    /// Unique id (UN reference number `QDi.325`, `OFAC-12345`, or the CSV id).
    pub id: String,
    /// Source list (`UN-ISIL-AQ`, `OFAC-SDN`, ...).
    #[serde(default)]
    pub list: String,
    /// All names; the first is the primary one.
    pub names: Vec<ListedName>,
    /// Dates of birth (several are common: lists record every one claimed).
    #[serde(default)]
    pub dobs: Vec<DobSpec>,
    /// Nationalities.
    #[serde(default)]
    pub nationalities: Vec<Country>,
    /// Gender, when stated.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Documents (passports, national ids).
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Free text carried to hits.
    #[serde(default)]
    pub remarks: String,
}

impl WatchlistEntry {
    /// The primary name (the first), or "" for an entry without names.
    pub fn primary_name(&self) -> &str {
        self.names.first().map(|n| n.name.as_str()).unwrap_or("")
    }
}
