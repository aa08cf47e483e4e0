//! The labels file: which watchlist entry (if any) each traveller of the dev set is.
//!
//! ```text
//! traveller_id,expected_entry_id,category
//! T000001,QDi.325,translit_arabic
//! T000002,,innocent
//! ```
//!
//! An optional fourth column `also_matches` lists, separated by `|`, other entries that
//! are the same person (listed by both the UN and OFAC): a hit on one of them counts as
//! finding the traveller too. Further columns are ignored.
//!
//! An empty `expected_entry_id` makes a traveller unlisted whatever its category: a
//! `namesake` counts as one, any other as innocent (and under its own category too), so
//! a labelled set that names its innocents otherwise (`ordinary`, `common_arabic`) is
//! measured, with a warning, rather than refused.

use crate::EvalError;
use std::collections::HashSet;
use std::path::Path;

/// Categories of travellers who are never listed: such a row with an expected entry is
/// an error. (Any category without an expected entry is unlisted too.)
pub const UNLISTED_CATEGORIES: [&str; 2] = ["innocent", "namesake"];

/// The category whose alert rate is "the" innocent alert rate of the sweep.
pub const INNOCENT: &str = "innocent";

/// The category of unlisted travellers who carry a listed person's name.
pub const NAMESAKE: &str = "namesake";

/// One row of the labels file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The traveller's id in the travellers file.
    pub traveller_id: String,
    /// The watchlist entry the traveller is, or None for an unlisted traveller.
    pub expected_entry_id: Option<String>,
    /// Other entries that are the same person (a hit on them also finds the traveller).
    pub also_matches: Vec<String>,
    /// How the dev set made this traveller (`exact`, `typo`, ..., `innocent`, `namesake`).
    pub category: String,
    /// 1-based line in the labels file (the header is line 1).
    pub line: u64,
}

impl Label {
    /// Is this traveller on the watchlist?
    pub fn is_listed(&self) -> bool {
        self.expected_entry_id.is_some()
    }
}

/// Reads a labels file. Every problem names the file and the line.
pub fn read_labels(path: &Path) -> Result<Vec<Label>, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_labels(&bytes, path)
}

/// Parses the labels CSV held in `bytes`; `path` is only used in error messages.
pub fn parse_labels(bytes: &[u8], path: &Path) -> Result<Vec<Label>, EvalError> {
    let bad = |line: u64, reason: String| EvalError::Labels {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| bad(1, format!("unreadable header: {e}")))?
        .clone();
    let want = ["traveller_id", "expected_entry_id", "category"];
    let got: Vec<&str> = header.iter().collect();
    if got.len() < 3
        || got
            .iter()
            .zip(want)
            .any(|(g, w)| !g.eq_ignore_ascii_case(w))
    {
        return Err(bad(
            1,
            format!(
                "header must start with `{}`, found `{}`",
                want.join(","),
                got.join(",")
            ),
        ));
    }
    let also_column = got
        .iter()
        .position(|h| h.eq_ignore_ascii_case("also_matches"));
    let mut labels = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            bad(line, e.to_string())
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let id = record.get(0).unwrap_or("").to_string();
        let expected = record.get(1).unwrap_or("").to_string();
        let category = record.get(2).unwrap_or("").to_ascii_lowercase();
        if id.is_empty() {
            return Err(bad(line, "empty traveller_id".into()));
        }
        if category.is_empty() {
            return Err(bad(line, format!("traveller {id:?} has no category")));
        }
        let unlisted_category = UNLISTED_CATEGORIES.contains(&category.as_str());
        if !expected.is_empty() && unlisted_category {
            return Err(bad(
                line,
                format!(
                    "traveller {id:?} has category {category:?} but expected_entry_id {expected:?}"
                ),
            ));
        }
        if !seen.insert(id.clone()) {
            return Err(bad(line, format!("traveller {id:?} is labelled twice")));
        }
        let also_matches: Vec<String> = also_column
            .and_then(|c| record.get(c))
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty() && *a != expected)
            .map(String::from)
            .collect();
        if !also_matches.is_empty() && expected.is_empty() {
            return Err(bad(
                line,
                format!("unlisted traveller {id:?} has also_matches"),
            ));
        }
        labels.push(Label {
            traveller_id: id,
            expected_entry_id: (!expected.is_empty()).then_some(expected),
            also_matches,
            category,
            line,
        });
    }
    if labels.is_empty() {
        return Err(bad(1, "no labelled travellers".into()));
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Label>, EvalError> {
        parse_labels(text.as_bytes(), Path::new("labels.csv"))
    }

    #[test]
    fn reads_rows_with_line_numbers() {
        let labels = parse(
            "traveller_id,expected_entry_id,category\nT1,QDi.1,exact\nT2,,innocent\n\"T3\",QDi.2,typo\n",
        )
        .unwrap();
        assert_eq!(labels.len(), 3);
        assert_eq!(labels[0].expected_entry_id.as_deref(), Some("QDi.1"));
        assert_eq!(labels[1].expected_entry_id, None);
        assert_eq!(labels[1].line, 3);
        assert_eq!(labels[2].traveller_id, "T3");
        assert!(labels[2].is_listed());
        assert!(labels[2].also_matches.is_empty());
    }

    #[test]
    fn reads_also_matches() {
        let labels = parse(
            "traveller_id,expected_entry_id,category,also_matches\nT1,QDi.1,exact,OFAC-1|OFAC-2\nT2,,innocent,\n",
        )
        .unwrap();
        assert_eq!(labels[0].also_matches, ["OFAC-1", "OFAC-2"]);
        assert!(labels[1].also_matches.is_empty());
        let e = parse("traveller_id,expected_entry_id,category,also_matches\nT2,,innocent,X\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
    }

    #[test]
    fn refuses_bad_files_naming_the_line() {
        let e = parse("id,entry,cat\nT1,,innocent\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("labels.csv") && e.contains("line 1"), "{e}");
        let e = parse("traveller_id,expected_entry_id,category\nT1,,innocent\nT1,,innocent\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("twice"), "{e}");
        // Unlisted under another category: accepted (counted as innocent).
        let labels = parse("traveller_id,expected_entry_id,category\nT1,,ordinary\n").unwrap();
        assert!(!labels[0].is_listed());
        let e = parse("traveller_id,expected_entry_id,category\nT1,X,innocent\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = parse("traveller_id,expected_entry_id,category\nT1,X\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        assert!(parse("traveller_id,expected_entry_id,category\n").is_err());
    }
}
