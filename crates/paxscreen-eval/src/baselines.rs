//! Two baseline matchers, run in the same harness as paxscreen on the same travellers.
//!
//! * **GTAS rule** (the US-CBP open-source targeting system's watchlist rule): a listed
//!   name matches when the Double Metaphone codes of the two full names are equal AND
//!   their Jaro-Winkler similarity is at least 0.95 AND the birth years are within 3
//!   (both must be known), OR when Jaro-Winkler is at least 0.90 AND the full dates of
//!   birth are equal. A yes/no rule: one operating point.
//! * **Token-sort ratio**: the tokens of each name sorted and joined, then normalized
//!   Levenshtein similarity against every listed name; an entry's score is its best
//!   name's. Swept over thresholds like paxscreen.
//!
//! Both compare the traveller's full name (given names then surname) with every listed
//! name of every entry (all aliases), as plain upper-case letters and spaces. Both are
//! brute force: no index, no candidate prefilter. The only shortcut is exact: a pair
//! whose similarity cannot reach the lowest score of interest (by the length bound of
//! Levenshtein, or because neither GTAS condition's cheap half holds) is not computed.

use crate::metrics::Outcome;
use paxscreen_core::{DobSpec, PartialDate, Traveller, WatchlistEntry};
use rayon::prelude::*;
use rphonetic::{DoubleMetaphone, Encoder};
use std::collections::HashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Jaro-Winkler needed together with equal Double Metaphone codes and near birth years.
pub const GTAS_JW_PHONETIC: f64 = 0.95;
/// Jaro-Winkler needed together with the exact date of birth.
pub const GTAS_JW_EXACT_DOB: f64 = 0.90;
/// Birth years may differ by this much under the phonetic condition.
pub const GTAS_YEAR_WINDOW: u16 = 3;

/// A name as the baselines see it: letters upper-cased with diacritics removed, every
/// other character a separator, single spaces (`"al-Baghdadi, Abū"` -> `AL BAGHDADI ABU`).
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphabetic() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_uppercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The tokens of a normalized name sorted and joined with single spaces.
pub fn token_sort(name: &str) -> String {
    let mut tokens: Vec<&str> = name.split_whitespace().collect();
    tokens.sort_unstable();
    tokens.join(" ")
}

/// The primary Double Metaphone code of a whole name (spaces are skipped by the
/// algorithm, so `OSAMA BIN LADEN` codes as `ASMPNLTN`). Unlike commons-codec's default the code
/// is not cut at 4 characters: cut, the condition "codes of the full names are equal"
/// would compare only the first few consonants of the first name.
///
/// The encoder reads ASCII letters only (it is an English-rules algorithm, and the
/// underlying implementation must not see other characters): other letters are
/// dropped, and a name with no ASCII letter has the empty code, which the GTAS rule
/// never treats as equal to anything.
pub fn double_metaphone(name: &str) -> String {
    DoubleMetaphone::new(None).encode(&ascii_only(name))
}

fn ascii_only(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                c.to_ascii_uppercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The primary Double Metaphone code cut at 4 characters, as commons-codec computes it
/// by default (used to check the encoder against its published outputs).
pub fn double_metaphone4(name: &str) -> String {
    DoubleMetaphone::default().encode(&ascii_only(name))
}

/// The traveller's full name for the baselines: given names then surname.
pub fn traveller_name(t: &Traveller) -> String {
    normalize_name(&format!("{} {}", t.given_names, t.surname))
}

struct ListedKey {
    entry: u32,
    name: String,
    sorted: String,
    sorted_chars: usize,
    metaphone: String,
}

struct EntryDobs {
    /// Inclusive year ranges (a date is a range of one year).
    years: Vec<(u16, u16)>,
    /// Full dates.
    dates: Vec<PartialDate>,
}

/// Every listed name, prepared once for both baselines.
pub struct BaselineIndex {
    ids: Vec<String>,
    dobs: Vec<EntryDobs>,
    names: Vec<ListedKey>,
}

impl BaselineIndex {
    /// Prepares all names (primary and aliases) of all entries.
    pub fn new(entries: &[WatchlistEntry]) -> BaselineIndex {
        let mut names = Vec::new();
        let mut dobs = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let mut seen: Vec<String> = Vec::new();
            for n in &e.names {
                let name = normalize_name(&n.name);
                if name.is_empty() || seen.contains(&name) {
                    continue;
                }
                seen.push(name.clone());
                let sorted = token_sort(&name);
                names.push(ListedKey {
                    entry: i as u32,
                    sorted_chars: sorted.chars().count(),
                    metaphone: double_metaphone(&name),
                    sorted,
                    name,
                });
            }
            dobs.push(EntryDobs {
                years: e
                    .dobs
                    .iter()
                    .map(|d| match *d {
                        DobSpec::Date(p) => (p.year, p.year),
                        DobSpec::Range { from, to } => (from, to),
                    })
                    .collect(),
                dates: e
                    .dobs
                    .iter()
                    .filter_map(|d| match d {
                        DobSpec::Date(p) if p.is_full() => Some(*p),
                        _ => None,
                    })
                    .collect(),
            });
        }
        BaselineIndex {
            ids: entries.iter().map(|e| e.id.clone()).collect(),
            dobs,
            names,
        }
    }

    /// Number of listed names compared per traveller.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The GTAS rule for one traveller: matching entries, best Jaro-Winkler first
    /// (the score carried is that similarity; every returned entry is a hit).
    pub fn gtas(&self, t: &Traveller) -> Outcome {
        let name = traveller_name(t);
        if name.is_empty() {
            return Vec::new();
        }
        let code = double_metaphone(&name);
        let mut best: HashMap<u32, f64> = HashMap::new();
        for key in &self.names {
            let dobs = &self.dobs[key.entry as usize];
            let phonetic = !code.is_empty()
                && key.metaphone == code
                && years_within(t.dob, dobs, GTAS_YEAR_WINDOW);
            let exact = exact_dob(t.dob, dobs);
            if !phonetic && !exact {
                continue;
            }
            let jw = strsim::jaro_winkler(&name, &key.name);
            if (phonetic && jw >= GTAS_JW_PHONETIC) || (exact && jw >= GTAS_JW_EXACT_DOB) {
                let b = best.entry(key.entry).or_insert(jw);
                *b = b.max(jw);
            }
        }
        self.ranked(best)
    }

    /// The token-sort ratio for one traveller: every entry whose best listed name
    /// scores at least `floor`, best first.
    pub fn token_sort(&self, t: &Traveller, floor: f64) -> Outcome {
        let sorted = token_sort(&traveller_name(t));
        if sorted.is_empty() {
            return Vec::new();
        }
        let len = sorted.chars().count();
        let mut best: HashMap<u32, f64> = HashMap::new();
        for key in &self.names {
            // normalized_levenshtein = 1 - d / max_len and d >= |len difference|.
            let longest = len.max(key.sorted_chars) as f64;
            let bound = 1.0 - len.abs_diff(key.sorted_chars) as f64 / longest;
            if bound < floor {
                continue;
            }
            let sim = strsim::normalized_levenshtein(&sorted, &key.sorted);
            if sim >= floor {
                let b = best.entry(key.entry).or_insert(sim);
                *b = b.max(sim);
            }
        }
        self.ranked(best)
    }

    fn ranked(&self, best: HashMap<u32, f64>) -> Outcome {
        let mut out: Vec<(String, f64)> = best
            .into_iter()
            .map(|(e, s)| (self.ids[e as usize].clone(), s))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// GTAS over many travellers, on every core, in input order.
    pub fn gtas_batch(&self, travellers: &[&Traveller]) -> Vec<Outcome> {
        travellers.par_iter().map(|t| self.gtas(t)).collect()
    }

    /// Token-sort over many travellers, on every core, in input order.
    pub fn token_sort_batch(&self, travellers: &[&Traveller], floor: f64) -> Vec<Outcome> {
        travellers
            .par_iter()
            .map(|t| self.token_sort(t, floor))
            .collect()
    }
}

fn years_within(dob: Option<PartialDate>, dobs: &EntryDobs, window: u16) -> bool {
    let Some(d) = dob else { return false };
    dobs.years
        .iter()
        .any(|&(from, to)| d.year + window >= from && d.year <= to + window)
}

fn exact_dob(dob: Option<PartialDate>, dobs: &EntryDobs) -> bool {
    match dob {
        Some(d) if d.is_full() => dobs.dates.contains(&d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use paxscreen_core::{ListedName, NameQuality};

    #[test]
    fn double_metaphone_matches_commons_codec() {
        // Outputs of Apache commons-codec DoubleMetaphone (max code length 4).
        for (name, code) in [
            ("SMITH", "SM0"),
            ("SCHMIDT", "XMT"),
            ("MOHAMMED", "MHMT"),
            ("MUHAMMAD", "MHMT"),
            ("JOHNSON", "JNSN"),
            ("THOMAS", "TMS"),
            ("PHILIP", "FLP"),
            ("CHARLES", "XRLS"),
            ("MICHAEL", "MKL"),
            ("WRIGHT", "RT"),
            ("CAESAR", "SSR"),
            ("JOSE", "HS"),
            ("KHALID", "KLT"),
            ("SCHNEIDER", "XNTR"),
        ] {
            assert_eq!(double_metaphone4(name), code, "{name}");
        }
        // Spaces are skipped; an H after a space is silent, as after any consonant.
        assert_eq!(double_metaphone("ALI HASSAN"), "ALSN");
        // Full-name codes are not cut at 4 characters.
        assert_eq!(double_metaphone("OSAMA BIN LADEN"), "ASMPNLTN");
        assert_eq!(double_metaphone("MOHAMMED"), double_metaphone("MUHAMMAD"));
        // Other scripts never reach the encoder (it would panic on them).
        assert_eq!(double_metaphone("АМИР ХАЗМАТ"), "");
        assert_eq!(
            double_metaphone("AMIR SCRIPT АМИР ХАЗМАТ"),
            double_metaphone("AMIR SCRIPT")
        );
        assert_eq!(double_metaphone4("ÅSA"), double_metaphone4("SA"));
    }

    #[test]
    fn names_are_normalized() {
        assert_eq!(
            normalize_name("al-Baghdadi, Abū  Bakr"),
            "AL BAGHDADI ABU BAKR"
        );
        assert_eq!(normalize_name("  O'Neil  "), "O NEIL");
        assert_eq!(normalize_name("123"), "");
        assert_eq!(token_sort("SMITH JOHN ADAM"), "ADAM JOHN SMITH");
    }

    fn entry(id: &str, names: &[&str], dob: &str) -> WatchlistEntry {
        WatchlistEntry {
            id: id.into(),
            list: "TEST".into(),
            names: names
                .iter()
                .map(|n| ListedName {
                    name: n.to_string(),
                    quality: NameQuality::Primary,
                })
                .collect(),
            dobs: if dob.is_empty() {
                vec![]
            } else {
                vec![DobSpec::parse(dob).unwrap()]
            },
            ..Default::default()
        }
    }

    fn traveller(given: &str, surname: &str, dob: &str) -> Traveller {
        Traveller {
            id: "T".into(),
            given_names: given.into(),
            surname: surname.into(),
            dob: (!dob.is_empty()).then(|| PartialDate::parse(dob).unwrap()),
            ..Default::default()
        }
    }

    #[test]
    fn gtas_rule() {
        let idx = BaselineIndex::new(&[
            entry("A", &["JOHN SMITH", "JON SMYTHE"], "1970-01-02"),
            entry("B", &["MOHAMMED ALI"], "1980..1982"),
            entry("C", &["PETER MUELLER"], ""),
            entry("D", &["AMIR KHAZMAT", "АМИР ХАЗМАТ"], "1975-05-05"),
        ]);
        // A name in another script has no phonetic code but can still match on the
        // exact date of birth.
        assert_eq!(
            idx.gtas(&traveller("АМИР", "ХАЗМАТ", "1975-05-05"))[0].0,
            "D"
        );
        assert!(idx.gtas(&traveller("АМИР", "ХАЗМАТ", "1975")).is_empty());
        // Same name, year within 3: phonetic condition.
        assert_eq!(idx.gtas(&traveller("JOHN", "SMITH", "1973"))[0].0, "A");
        // Year 4 away and not the exact date: no match.
        assert!(idx.gtas(&traveller("JOHN", "SMITH", "1974")).is_empty());
        // Without a date of birth GTAS never matches.
        assert!(idx.gtas(&traveller("JOHN", "SMITH", "")).is_empty());
        // Exact date lets a weaker name through (JW >= 0.90).
        assert_eq!(idx.gtas(&traveller("JOHN", "SMITT", "1970-01-02")).len(), 1);
        // Range: 1985 is within 3 of 1982.
        assert_eq!(idx.gtas(&traveller("MOHAMMED", "ALI", "1985"))[0].0, "B");
        assert!(idx.gtas(&traveller("MOHAMMED", "ALI", "1986")).is_empty());
        // No listed DOB: no match.
        assert!(idx.gtas(&traveller("PETER", "MUELLER", "1970")).is_empty());
    }

    #[test]
    fn token_sort_scores() {
        let idx = BaselineIndex::new(&[
            entry("A", &["SMITH JOHN"], ""),
            entry("B", &["MOHAMMED ALI"], ""),
        ]);
        let out = idx.token_sort(&traveller("JOHN", "SMITH", ""), 0.5);
        assert_eq!(out[0], ("A".to_string(), 1.0));
        let out = idx.token_sort(&traveller("JOHN", "SMYTH", ""), 0.5);
        assert_eq!(out[0].0, "A");
        assert!((out[0].1 - 0.9).abs() < 1e-12);
        assert!(idx.token_sort(&traveller("X", "Y", ""), 0.5).is_empty());
        // The length bound never drops a pair above the floor.
        let out = idx.token_sort(&traveller("ALI", "MOHAMED", ""), 0.0);
        assert_eq!(out.len(), 2);
    }
}
