//! paxscreen's native watchlist CSV (INTERFACES.md, "Watchlist inputs" 1).
//!
//! UTF-8, a header row, RFC 4180 quoting. Columns are found by header name (any order,
//! any case; other columns are not read, with a warning that names them, so the format
//! can grow):
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

/// Bytes of rows per piece read on one core (a smaller file is read on one).
const PIECE_BYTES: usize = 4 << 20;

/// Reads a native watchlist CSV held in `bytes`; `path` names the file in messages.
pub fn read(bytes: &[u8], path: &Path) -> Result<ListFile, WatchlistError> {
    read_in_pieces(bytes, path, PIECE_BYTES)
}

/// Where each column of [`COLUMNS`] is, and how many columns the header has.
struct Layout {
    cell_of: Vec<Option<usize>>,
    width: usize,
}

/// The entries of a piece of rows, the line of each, and its problems.
struct Rows {
    entries: Vec<WatchlistEntry>,
    lines: Vec<u64>,
    problems: Problems,
}

/// Splits the rows of `text` from `start` into pieces of about `piece_bytes`, each
/// ending where a row ends: `(start, end, line of start)`. A row ends at a line break
/// outside quotes, as the csv crate reads RFC 4180: a quote opens a quoted field only
/// at the start of a field; in one, two quotes are a quote and one closes it; a quote
/// inside an unquoted field is a letter.
fn row_pieces(text: &[u8], start: usize, piece_bytes: usize) -> Vec<(usize, usize, u64)> {
    let line_of_start = 1 + text[..start].iter().filter(|&&b| b == b'\n').count() as u64;
    if text.len() - start <= piece_bytes {
        return vec![(start, text.len(), line_of_start)];
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut pieces = Vec::new();
    let (mut piece_start, mut piece_line, mut line) = (start, line_of_start, line_of_start);
    let mut state = State::FieldStart;
    for (i, &b) in text.iter().enumerate().skip(start) {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::FieldStart | State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b',' | b'\r' | b'\n') => State::FieldStart,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
            if state == State::FieldStart && i + 1 - piece_start >= piece_bytes {
                pieces.push((piece_start, i + 1, piece_line));
                (piece_start, piece_line) = (i + 1, line);
            }
        }
    }
    if piece_start < text.len() {
        pieces.push((piece_start, text.len(), piece_line));
    }
    pieces
}

/// The column an unknown header (letters and digits only) most likely means
/// (`dateofbirth` for `dob`), for the warning that it is not read.
fn known_as(header: &str) -> Option<&'static str> {
    Some(match header {
        "birthdate" | "dateofbirth" | "dobs" | "born" => "dob",
        "name" | "fullname" | "aliases" | "alias" => "names",
        "citizenship" | "nationalities" | "country" => "nationality",
        "sex" => "gender",
        "document" | "passport" | "passports" | "ids" => "documents",
        "program" | "programme" | "source" | "listname" => "list",
        "remark" | "notes" | "comments" => "remarks",
        "entryid" | "uid" => "id",
        _ => return None,
    })
}

fn read_in_pieces(
    bytes: &[u8],
    path: &Path,
    piece_bytes: usize,
) -> Result<ListFile, WatchlistError> {
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
    let mut names = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        let h = paxscreen_core::columns::normalize_header(h);
        if let Some(known) = COLUMNS.iter().find(|c| **c == h) {
            if col.insert(known, i).is_some() {
                return Err(invalid(
                    Some(known),
                    "column appears twice in the header".into(),
                ));
            }
        }
        names.push(h);
    }
    if let Some(w) = paxscreen_core::columns::unread_columns_warning(
        names.iter().map(String::as_str),
        &COLUMNS,
        known_as,
    ) {
        warnings.push(format!("{}: {w}", path.display()));
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
    let layout = Layout {
        cell_of,
        width: headers.len(),
    };
    // The rows are read in pieces, on every core: a piece ends where a row ends (see
    // `row_pieces`), so each piece parses as the whole file would there.
    let rows_start = usize::try_from(rdr.position().byte()).unwrap_or(text.len());
    let pieces = row_pieces(text.as_bytes(), rows_start, piece_bytes);
    let read_piece =
        |&(start, end, line): &(usize, usize, u64)| read_rows(&text, start, end, line, &layout);
    let parsed: Vec<Rows> = if pieces.len() > 1 {
        use rayon::prelude::*;
        pieces.par_iter().map(read_piece).collect()
    } else {
        pieces.iter().map(read_piece).collect()
    };
    let mut entries = Vec::with_capacity(parsed.iter().map(|r| r.entries.len()).sum());
    let mut lines: Vec<u64> = Vec::with_capacity(entries.capacity());
    let mut found = Problems::default();
    for rows in parsed {
        entries.extend(rows.entries);
        lines.extend(rows.lines);
        found.append(rows.problems);
    }
    // Repeated ids, across pieces: (id hash, its entry) per distinct id, found by
    // comparing the entry's own id (no copy of a million ids; copying them was a fifth
    // of this reader's time at 1M entries).
    let id_hash = foldhash::fast::RandomState::default();
    let mut first_entry: hashbrown::HashTable<(u64, usize)> = hashbrown::HashTable::new();
    let mut problems = Problems::default();
    for (i, e) in entries.iter().enumerate() {
        if e.id.is_empty() {
            continue;
        }
        use std::hash::BuildHasher;
        let h = id_hash.hash_one(&e.id);
        match first_entry.find(h, |&(_, f)| entries[f].id == e.id) {
            Some(&(_, f)) => problems.push(Problem::new(
                Location::Line(lines[i]),
                Some("id"),
                format!("duplicate id {:?} (first on line {})", e.id, lines[f]),
            )),
            None => {
                first_entry.insert_unique(h, (h, i), |x| x.0);
            }
        }
    }
    // In file order; a row's repeated id before its other problems.
    problems.append(found);
    problems.sort_by_line();
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

/// Reads the rows of `text[start..end]`, the first on line `line`: every entry, the
/// line of each, and the problems of each row but repeated ids (which need every row).
fn read_rows(text: &str, start: usize, end: usize, line: u64, layout: &Layout) -> Rows {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&text.as_bytes()[start..end]);
    let mut lines = LineCounter::starting_at(text, start, line);
    let mut problems = Problems::default();
    let mut entries = Vec::new();
    let mut entry_lines = Vec::new();
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line_at(start as u64 + e.position().map_or(0, |p| p.byte()));
                problems.push(Problem::new(
                    Location::Line(line),
                    None,
                    format!("not a CSV row: {e}"),
                ));
                continue;
            }
        };
        let line = lines.line_at(start as u64 + record.position().map_or(0, |p| p.byte()));
        // A completely empty row (trailing blank line) is not an entry.
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        // Fewer cells than columns is fine (trailing optional columns left out); more
        // would mean a cell shifted out of its column, usually a missing quote.
        if record.len() > layout.width {
            problems.push(Problem::new(
                Location::Line(line),
                None,
                format!(
                    "{} cells, the header has {} columns",
                    record.len(),
                    layout.width
                ),
            ));
            continue;
        }
        let get = |field: &str| -> &str {
            let at = COLUMNS
                .iter()
                .position(|c| *c == field)
                .and_then(|k| layout.cell_of[k]);
            at.and_then(|i| record.get(i)).map(str::trim).unwrap_or("")
        };
        let mut bad = |field: &str, message: String| {
            problems.push(Problem::new(Location::Line(line), Some(field), message));
        };

        let id = get("id").to_string();
        if id.is_empty() {
            bad("id", "empty id".into());
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
        entry_lines.push(line);
    }
    Rows {
        entries,
        lines: entry_lines,
        problems,
    }
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

    /// The outcome of reading `text` in pieces of `piece_bytes`: the entries, or the
    /// error as a reviewer reads it.
    fn read_pieces(text: &str, piece_bytes: usize) -> Result<Vec<WatchlistEntry>, String> {
        read_in_pieces(text.as_bytes(), Path::new("t.csv"), piece_bytes)
            .map(|l| l.entries)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn columns_not_read_are_named_in_a_warning() {
        let l = read_str("id,names,date_of_birth,Program,flag\nA1,X Y,1970,SDGT,1\n").unwrap();
        assert!(l.entries[0].dobs.is_empty());
        assert_eq!(
            l.warnings,
            [
                "test.csv: line 1: columns `date_of_birth` (for `dob`, name it `dob`), \
              `program` (for `list`, name it `list`), `flag` not read: the columns are \
              id, names, dob, nationality, gender, documents, list, remarks"
            ]
        );
        assert!(read_str("id,names,dob\nA1,X Y,1970\n")
            .unwrap()
            .warnings
            .is_empty());
    }

    #[test]
    fn pieces_end_where_rows_end() {
        let text =
            "id,names,remarks\nA1,X Y,\"two\nlines, \"\"quoted\"\"\"\r\nA2,O\"BRIEN,x\nA3,Z W,\n";
        let start = text.find("A1").unwrap();
        let pieces = row_pieces(text.as_bytes(), start, 1);
        let rows: Vec<&str> = pieces.iter().map(|&(a, b, _)| &text[a..b]).collect();
        assert_eq!(
            rows,
            [
                "A1,X Y,\"two\nlines, \"\"quoted\"\"\"\r\n",
                "A2,O\"BRIEN,x\n",
                "A3,Z W,\n"
            ]
        );
        assert_eq!(pieces.iter().map(|p| p.2).collect::<Vec<_>>(), [2, 4, 5]);
        assert_eq!(read_pieces(text, 1), read_pieces(text, PIECE_BYTES));
        assert_eq!(read_pieces(text, 1).unwrap().len(), 3);
    }

    #[test]
    fn problems_read_in_pieces_come_in_file_order() {
        let mut text = String::from("id,names,dob\n");
        for i in 0..30 {
            text.push_str(&format!("D{},X Y,\n", i % 3));
        }
        text.push_str("E1,X Y,1999-13-01\n");
        let one = read_pieces(&text, PIECE_BYTES).unwrap_err();
        assert_eq!(read_pieces(&text, 16).unwrap_err(), one);
        assert!(
            one.contains("line 5, field id: duplicate id \"D0\" (first on line 2)"),
            "{one}"
        );
        assert!(one.contains("28 problems"), "{one}");
        assert!(one.contains("and 8 more"), "{one}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]
        /// Rows of names, dates, quotes (closed or stray), commas and line breaks in
        /// quoted cells, blank and malformed rows: read in small pieces, the same entries
        /// or the same error as read whole.
        #[test]
        fn reading_in_pieces_is_reading_whole(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::prop_oneof![
                        proptest::strategy::Just("ALI".to_string()),
                        proptest::strategy::Just("A1".to_string()),
                        proptest::strategy::Just("1970".to_string()),
                        proptest::strategy::Just("19x0".to_string()),
                        proptest::strategy::Just("\"Q, \"\"R\"\"\nS\"".to_string()),
                        proptest::strategy::Just("O\"B".to_string()),
                        proptest::strategy::Just("\"".to_string()),
                        proptest::strategy::Just(String::new()),
                        "[A-Z ]{0,6}",
                    ],
                    0..5,
                ),
                0..25,
            ),
            crlf in proptest::bool::ANY,
            piece_bytes in 1usize..40,
        ) {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("id,names,dob{end}");
            for r in &rows {
                text.push_str(&r.join(","));
                text.push_str(end);
            }
            proptest::prop_assert_eq!(
                read_pieces(&text, piece_bytes),
                read_pieces(&text, usize::MAX / 2)
            );
        }
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
