//! paxscreen's native watchlist CSV (INTERFACES.md, "Watchlist inputs" 1).
//!
//! UTF-8, a header row, RFC 4180 quoting. Columns are found by header name (any order,
//! any case; unknown columns are ignored so the format can grow):
//!
//! | column | content |
//! |---|---|
//! | `id` (required) | unique entry id |
//! | `names` (required) | `\|`-separated full names, the first is the primary one |
//! | `dob` | `\|`-separated `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `YYYY..YYYY` |
//! | `nationality` | `\|`-separated ISO alpha-3 (or alpha-2) codes |
//! | `gender` | `M`, `F`, `X` or empty |
//! | `documents` | `\|`-separated `TYPE/ISSUER/NUMBER` (TYPE, ISSUER may be empty) |
//! | `list` | source list name |
//! | `remarks` | free text |
//!
//! Analysts write these files by hand, so they are checked strictly: any malformed row
//! refuses the whole file (a listed person must never silently drop out of screening),
//! and every problem found is reported at once, by line and column.

use crate::error::{Location, Problem, Problems, WatchlistError};
use crate::{date_in_name, decode, file_name, push_name, LineCounter, ListFile};
use paxscreen_core::{Country, DobSpec, Document, Gender, NameQuality, WatchlistEntry};
use std::collections::HashMap;
use std::path::Path;

const COLUMNS: [&str; 8] = [
    "id",
    "names",
    "dob",
    "nationality",
    "gender",
    "documents",
    "list",
    "remarks",
];

/// Reads a native watchlist CSV held in `bytes`; `path` names the file in messages.
pub fn read(bytes: &[u8], path: &Path) -> Result<ListFile, WatchlistError> {
    let (text, latin1) = decode(bytes);
    let mut warnings = Vec::new();
    if latin1 {
        warnings.push(format!(
            "{}: not valid UTF-8, read as Latin-1",
            path.display()
        ));
    }
    let invalid = |field: Option<&str>, message: String| WatchlistError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Problem::new(Location::Line(1), field, message)],
        more: 0,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| invalid(None, format!("unreadable header: {e}")))?
        .clone();
    // Column index of each known field.
    let mut col: HashMap<&str, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().to_ascii_lowercase();
        if let Some(known) = COLUMNS.iter().find(|c| **c == h) {
            if col.insert(known, i).is_some() {
                return Err(invalid(
                    Some(known),
                    "column appears twice in the header".into(),
                ));
            }
        }
    }
    for required in ["id", "names"] {
        if !col.contains_key(required) {
            return Err(invalid(
                Some(required),
                "required column missing from the header".into(),
            ));
        }
    }

    // The cell of each of COLUMNS, looked up once rather than by name for every cell.
    let cell_of: Vec<Option<usize>> = COLUMNS.iter().map(|c| col.get(c).copied()).collect();
    let mut problems = Problems::default();
    let mut entries = Vec::new();
    // (id hash, its entry, line of its row) per distinct id, found by comparing the
    // entry's own id: no copy of a million ids (copying them was a fifth of this reader's
    // time at 1M entries).
    let id_hash = foldhash::fast::RandomState::default();
    let mut first_line: hashbrown::HashTable<(u64, usize, u64)> = hashbrown::HashTable::new();
    let mut lines = LineCounter::new(&text);
    let width = headers.len();
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line_at(e.position().map(|p| p.byte()).unwrap_or(0));
                problems.push(Problem::new(
                    Location::Line(line),
                    None,
                    format!("not a CSV row: {e}"),
                ));
                continue;
            }
        };
        let line = lines.line_at(record.position().map(|p| p.byte()).unwrap_or(0));
        // A completely empty row (trailing blank line) is not an entry.
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // Fewer cells than columns is fine (trailing optional columns left out); more
        // would mean a cell shifted out of its column, usually a missing quote.
        if record.len() > width {
            problems.push(Problem::new(
                Location::Line(line),
                None,
                format!("{} cells, the header has {width} columns", record.len()),
            ));
            continue;
        }
        let get = |field: &str| -> &str {
            let at = COLUMNS
                .iter()
                .position(|c| *c == field)
                .and_then(|k| cell_of[k]);
            at.and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
        };
        let mut bad = |field: &str, message: String| {
            problems.push(Problem::new(Location::Line(line), Some(field), message));
        };

        let id = get("id").to_string();
        if id.is_empty() {
            bad("id", "empty id".into());
        } else {
            use std::hash::BuildHasher;
            let h = id_hash.hash_one(&id);
            let first = first_line
                .find(h, |&(_, e, _)| {
                    entries.get(e).is_some_and(|e: &WatchlistEntry| e.id == id)
                })
                .map(|&(_, _, first)| first);
            match first {
                Some(first) => bad("id", format!("duplicate id {id:?} (first on line {first})")),
                None => {
                    first_line.insert_unique(h, (h, entries.len(), line), |x| x.0);
                }
            }
        }

        let mut entry = WatchlistEntry {
            id,
            list: get("list").to_string(),
            remarks: get("remarks").to_string(),
            ..Default::default()
        };
        for name in get("names").split('|') {
            let quality = if entry.names.is_empty() {
                NameQuality::Primary
            } else {
                NameQuality::Good
            };
            push_name(&mut entry.names, name, quality);
        }
        if entry.names.is_empty() {
            bad("names", "no name given".into());
        }
        for dob in split_list(get("dob")) {
            match DobSpec::parse(dob) {
                Ok(d) => entry.dobs.push(d),
                Err(e) => bad("dob", e.to_string()),
            }
        }
        for code in split_list(get("nationality")) {
            match Country::from_code(code) {
                Ok(c) if !entry.nationalities.contains(&c) => entry.nationalities.push(c),
                Ok(_) => {}
                Err(e) => bad("nationality", e.to_string()),
            }
        }
        let gender = get("gender");
        if !gender.is_empty() {
            match Gender::parse(gender) {
                Ok(g) => entry.gender = Some(g),
                Err(e) => bad("gender", e.to_string()),
            }
        }
        for doc in split_list(get("documents")) {
            match parse_document(doc) {
                Ok(d) => entry.documents.push(d),
                Err(msg) => bad("documents", msg),
            }
        }
        entries.push(entry);
    }
    problems.into_result(path)?;
    let version = date_in_name(path)
        .map(|d| format!(", dated {d}"))
        .unwrap_or_default();
    Ok(ListFile {
        source: format!(
            "{} ({}{version}, {} entries)",
            file_name(path),
            crate::Format::NativeCsv.name(),
            entries.len()
        ),
        entries,
        warnings,
    })
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// `TYPE/ISSUER/NUMBER`; the number may itself contain `/` (some national ids do).
fn parse_document(text: &str) -> Result<Document, String> {
    let mut parts = text.splitn(3, '/');
    let (Some(doc_type), Some(issuer), Some(number)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(format!("{text:?}: expected TYPE/ISSUER/NUMBER"));
    };
    let number: String = number
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if number.is_empty() {
        return Err(format!("{text:?}: document number missing"));
    }
    let issuer = issuer.trim();
    let issuer = if issuer.is_empty() {
        String::new()
    } else {
        Country::from_code(issuer)
            .map_err(|e| format!("{text:?}: issuer: {e}"))?
            .to_string()
    };
    Ok(Document {
        doc_type: doc_type.trim().to_ascii_uppercase(),
        issuer,
        number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use paxscreen_core::PartialDate;

    fn read_str(s: &str) -> Result<ListFile, WatchlistError> {
        read(s.as_bytes(), Path::new("test.csv"))
    }

    #[test]
    fn a_repeated_id_names_the_line_of_its_first_row() {
        let err = read_str("id,names\nA1,X Y\nB2,Z W\nA1,Q R\nB2,S T\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("duplicate id \"A1\" (first on line 2)"),
            "{text}"
        );
        assert!(
            text.contains("duplicate id \"B2\" (first on line 3)"),
            "{text}"
        );
    }

    #[test]
    fn reads_all_columns() {
        let l = read_str(
            "id,names,dob,nationality,gender,documents,list,remarks,extra\n\
             W1,\"AL HASSAN, Mohammed|Abu Mohammed|أبو محمد\",1979-06-30|1980..1982,SYR|iq,M,P/SYR/n 0123|I//77/88,UN-ISIL-AQ,\"says \"\"hi\"\"\",x\n\
             W2,Jane Roe,,,,,,,\n",
        )
        .unwrap();
        assert_eq!(l.entries.len(), 2);
        let e = &l.entries[0];
        assert_eq!(e.id, "W1");
        assert_eq!(e.names.len(), 3);
        assert_eq!(e.names[0].quality, NameQuality::Primary);
        assert_eq!(e.names[0].name, "AL HASSAN, Mohammed");
        assert_eq!(e.names[2].quality, NameQuality::Good);
        assert_eq!(
            e.dobs,
            vec![
                DobSpec::Date(PartialDate::ymd(1979, 6, 30).unwrap()),
                DobSpec::Range {
                    from: 1980,
                    to: 1982
                }
            ]
        );
        assert_eq!(
            e.nationalities
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            ["SYR", "IRQ"]
        );
        assert_eq!(e.gender, Some(Gender::M));
        assert_eq!(e.documents[0].doc_type, "P");
        assert_eq!(e.documents[0].issuer, "SYR");
        assert_eq!(e.documents[0].number, "N0123");
        assert_eq!(e.documents[1].issuer, "");
        assert_eq!(e.documents[1].number, "77/88");
        assert_eq!(e.list, "UN-ISIL-AQ");
        assert_eq!(e.remarks, "says \"hi\"");
        assert!(l.source.contains("2 entries"), "{}", l.source);
    }

    #[test]
    fn bad_date_on_line_3_names_line_and_field() {
        let err = read_str("id,names,dob\nA,Anna Alpha,1970\nB,Bob Beta,1970-13-01\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("test.csv"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("dob"), "{msg}");
        assert!(err.is_input_error());
    }

    #[test]
    fn every_bad_row_is_reported() {
        let err = read_str(
            "id,names,dob,nationality,gender,documents\n\
             A,Anna,1970,QQQ,,\n\
             ,Nameless,,,,\n\
             C,,,,,\n\
             A,Again,,,Z,P/SYR\n",
        )
        .unwrap_err();
        let WatchlistError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let found: Vec<(String, Option<String>)> = problems
            .iter()
            .map(|p| (p.location.to_string(), p.field.clone()))
            .collect();
        let want = [
            ("line 2", "nationality"),
            ("line 3", "id"),
            ("line 4", "names"),
            ("line 5", "id"),
            ("line 5", "gender"),
            ("line 5", "documents"),
        ];
        for (line, field) in want {
            assert!(
                found.contains(&(line.to_string(), Some(field.to_string()))),
                "{line} {field} missing from {err}"
            );
        }
    }

    #[test]
    fn header_problems() {
        let err = read_str("ident,names\n1,A\n").unwrap_err();
        assert!(err.to_string().contains("field id"), "{err}");
        let err = read_str("id,names,dob\n1,A,1970,extra\n").unwrap_err();
        assert!(err.to_string().contains("line 2: 4 cells"), "{err}");
    }

    #[test]
    fn many_problems_are_capped() {
        let mut s = String::from("id,names,dob\n");
        for i in 0..50 {
            s.push_str(&format!("{i},N,bad\n"));
        }
        let err = read_str(&s).unwrap_err();
        let WatchlistError::Invalid { problems, more, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(problems.len(), crate::error::MAX_PROBLEMS);
        assert_eq!(*more, 30);
        assert!(err.to_string().contains("and 30 more"));
    }
}
