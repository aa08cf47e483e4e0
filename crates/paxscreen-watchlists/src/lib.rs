//! Watchlist loaders: files in, [`WatchlistEntry`]s out.
//!
//! Three formats are read, each detected from the file's content (never its extension,
//! since analysts rename files freely):
//!
//! - **Native watchlist CSV** ([`native_csv`]): a header row with at least `id` and
//!   `names`; optional `dob`, `nationality`, `gender`, `documents`, `list`, `remarks`.
//!   Multi-valued cells are `|`-separated. This is the format an analyst writes by hand,
//!   so it is validated strictly: one bad cell refuses the whole file, with every
//!   problem (up to [`error::MAX_PROBLEMS`]) listed by line and column.
//! - **UN Security Council Consolidated List XML** ([`un_xml`]): root
//!   `CONSOLIDATED_LIST`; `INDIVIDUALS` are read, `ENTITIES` skipped (the screener
//!   matches people). Read as a stream, one `INDIVIDUAL` at a time.
//! - **OFAC SDN CSV** ([`ofac`]): the official headerless `sdn.csv` (12 columns, `-0-`
//!   for null), individuals only, with dates of birth, nationalities, gender, documents
//!   and extra aliases parsed out of the free-text remarks; plus the optional `alt.csv`
//!   (aliases), given explicitly or found beside the `sdn.csv`.
//!
//! - **GTAS watchlist CSV** ([`gtas_csv`]): the list format of US-CBP's GTAS
//!   (`firstname,lastname,middlename,dob,...`), so lists kept for GTAS load unchanged.
//!
//! Sources published by governments are read leniently (a value that cannot be
//! interpreted becomes a warning naming the entry, the entry is kept); structural
//! damage (truncated XML, a missing reference number) is an error.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod alias;
pub mod error;
pub mod gtas_csv;
pub mod native_csv;
pub mod ofac;
pub mod un_xml;

pub use error::{Location, Problem, WatchlistError};

use paxscreen_core::{ListedName, NameQuality, WatchlistEntry};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Entries read from one or more watchlist files.
#[derive(Debug, Clone, Default)]
pub struct LoadedWatchlists {
    /// All entries, ids unique.
    pub entries: Vec<WatchlistEntry>,
    /// One description per source read, e.g. `un_consolidated_2026-05-08.xml (UN XML, generated 2026-05-08, 737 individuals)`.
    pub sources: Vec<String>,
    /// Non-fatal notes.
    pub warnings: Vec<String>,
}

/// What one file (or one sdn.csv with its alt.csv) yielded.
#[derive(Debug, Clone, Default)]
pub struct ListFile {
    /// The entries, in file order.
    pub entries: Vec<WatchlistEntry>,
    /// Description: file name, format, version or date, count.
    pub source: String,
    /// Non-fatal notes, each naming the file and the entry.
    pub warnings: Vec<String>,
}

/// The watchlist formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// paxscreen's own CSV (INTERFACES.md).
    NativeCsv,
    /// UN Security Council Consolidated List XML.
    UnXml,
    /// OFAC `sdn.csv`.
    OfacSdn,
    /// OFAC `alt.csv` (aliases only; needs its `sdn.csv`).
    OfacAlt,
    /// GTAS watchlist CSV.
    GtasCsv,
}

impl Format {
    /// A short human name.
    pub fn name(&self) -> &'static str {
        match self {
            Format::NativeCsv => "native CSV",
            Format::UnXml => "UN XML",
            Format::OfacSdn => "OFAC SDN CSV",
            Format::OfacAlt => "OFAC alt CSV",
            Format::GtasCsv => "GTAS watchlist CSV",
        }
    }
}

/// Recognizes a watchlist format from the first bytes of a file; `Err` says what was
/// seen instead.
pub fn detect_format(bytes: &[u8]) -> Result<Format, String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text (save the list as UTF-8)".into());
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.is_empty() {
        return Err("the file is empty".into());
    }
    // Control characters other than tabs and line ends (NUL above all) mean binary
    // data, whose bytes would make an unreadable error message.
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
        .count();
    if text.contains('\0') || controls * 20 > text.chars().count() {
        return Err("binary data, not a text or XML watchlist".into());
    }
    if text.starts_with('<') {
        return if text.contains("<CONSOLIDATED_LIST") {
            Ok(Format::UnXml)
        } else {
            Err("XML, but without a CONSOLIDATED_LIST root element".into())
        };
    }
    // Only the first record matters; a quoted field may span lines, so use a real
    // CSV reader rather than splitting the first line.
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let Some(Ok(first)) = rdr.records().next() else {
        return Err("neither XML nor CSV".into());
    };
    let cols: Vec<String> = first
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    // Either key column is enough: a native file missing the other is then reported as
    // such, which says more than "unknown format".
    if cols.iter().any(|c| c == "id" || c == "names") {
        return Ok(Format::NativeCsv);
    }
    if gtas_csv::KEY_COLUMNS
        .iter()
        .all(|k| cols.iter().any(|c| c == k))
    {
        return Ok(Format::GtasCsv);
    }
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if cols.len() == 12 && numeric(&cols[0]) {
        return Ok(Format::OfacSdn);
    }
    if cols.len() == 5 && numeric(&cols[0]) && matches!(cols[2].as_str(), "aka" | "fka" | "nka") {
        return Ok(Format::OfacAlt);
    }
    // A spreadsheet export of a native list in a locale that separates by `;` or tab:
    // say so rather than "unknown format" (analysts' lists are read strictly, so the
    // separator is the contract's comma).
    if cols.len() == 1 {
        for (sep, what) in [(';', "semicolons"), ('\t', "tabs")] {
            let split: Vec<&str> = cols[0].split(sep).map(str::trim).collect();
            if split.contains(&"id") && split.contains(&"names") {
                return Err(format!(
                    "a native watchlist header separated by {what} ({}): the native \
                     watchlist CSV is comma-separated (save or export it with commas)",
                    printable(&cols[0], 120)
                ));
            }
        }
    }
    Err(format!(
        "a CSV whose first row ({}) is neither a native watchlist header (id, names, ...) \
         nor an OFAC sdn.csv/alt.csv row",
        printable(&first.iter().take(6).collect::<Vec<_>>().join(","), 120)
    ))
}

/// `s` for an error message: control characters escaped, at most `max` characters.
fn printable(s: &str, max: usize) -> String {
    let escaped: String = s
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    truncate_chars(&escaped, max)
}

fn read_file(path: &Path) -> Result<Vec<u8>, WatchlistError> {
    std::fs::read(path).map_err(|source| WatchlistError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Finds the alt.csv that belongs to an sdn.csv given alone: `alt.csv` in the same
/// folder, else the one file there whose name contains `alt` and ends in `.csv` (OFAC
/// publishes them side by side; mirrors often date-stamp the names).
fn find_alt_beside(sdn: &Path) -> Option<PathBuf> {
    let dir = sdn
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let exact = dir.join("alt.csv");
    if exact.is_file() {
        return Some(exact);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            p.as_path() != sdn && name.contains("alt") && name.ends_with(".csv") && p.is_file()
        })
        .collect();
    found.sort();
    // Several candidates: take the newest by name (date-stamped names sort by date).
    found.pop()
}

/// Loads watchlist files, each format detected from content.
///
/// An OFAC `sdn.csv` is merged with the `alt.csv` given among `paths` (the one in the
/// same folder, or the only one given), or else with one found beside it. Entry ids must
/// be unique across all files.
pub fn load_paths(paths: &[PathBuf]) -> Result<LoadedWatchlists, WatchlistError> {
    let mut files: Vec<(PathBuf, Vec<u8>, Format)> = Vec::new();
    for path in paths {
        let bytes = read_file(path)?;
        let format = detect_format(&bytes).map_err(|reason| WatchlistError::UnknownFormat {
            path: path.clone(),
            reason,
        })?;
        files.push((path.clone(), bytes, format));
    }
    let alts: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].2 == Format::OfacAlt)
        .collect();
    let sdns: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].2 == Format::OfacSdn)
        .collect();
    if sdns.is_empty() {
        if let Some(&i) = alts.first() {
            return Err(WatchlistError::MissingSdn {
                path: files[i].0.clone(),
            });
        }
    }
    let mut out = LoadedWatchlists::default();
    // Id -> index of the file it came from (a path clone per entry cost more than the
    // lookup).
    let mut seen: foldhash::HashMap<String, usize> = Default::default();
    let last_list = files.iter().rposition(|f| f.2 != Format::OfacAlt);
    let mut first_list = true;
    for (fi, (path, bytes, format)) in files.iter().enumerate() {
        let list = match format {
            Format::NativeCsv => native_csv::read(bytes, path)?,
            Format::UnXml => un_xml::read(bytes, path)?,
            Format::GtasCsv => gtas_csv::read(bytes, path)?,
            Format::OfacAlt => continue,
            Format::OfacSdn => {
                let same_dir = |i: &&usize| files[**i].0.parent() == path.parent();
                let given = alts.iter().find(same_dir).or(if alts.len() == 1 {
                    alts.first()
                } else {
                    None
                });
                match given {
                    Some(&i) => ofac::read(bytes, path, Some((&files[i].1, &files[i].0)))?,
                    None => match find_alt_beside(path) {
                        Some(alt_path) => {
                            let alt = read_file(&alt_path)?;
                            if detect_format(&alt) == Ok(Format::OfacAlt) {
                                ofac::read(bytes, path, Some((&alt, &alt_path)))?
                            } else {
                                let mut l = ofac::read(bytes, path, None)?;
                                l.warnings.push(format!(
                                    "{}: {} is not an OFAC alt.csv; loaded without aliases",
                                    path.display(),
                                    alt_path.display()
                                ));
                                l
                            }
                        }
                        None => ofac::read(bytes, path, None)?,
                    },
                }
            }
        };
        // A native CSV has rejected its own repeated ids (with their lines): its ids need
        // no check when it is the first list, and no copy kept when it is the last (a
        // national list given alone: a million ids copied and hashed for nothing).
        let self_checked = *format == Format::NativeCsv;
        let check = !(first_list && self_checked);
        let keep = !(Some(fi) == last_list && self_checked);
        first_list = false;
        for e in &list.entries {
            if check {
                if let Some(&first) = seen.get(&e.id) {
                    return Err(WatchlistError::DuplicateId {
                        path: path.clone(),
                        location: Location::File,
                        id: e.id.clone(),
                        first: files[first].0.clone(),
                    });
                }
            }
            if keep {
                seen.insert(e.id.clone(), fi);
            }
        }
        out.entries.extend(list.entries);
        out.sources.push(list.source);
        out.warnings.extend(list.warnings);
    }
    Ok(out)
}

// ---- small helpers shared by the readers ----

/// Text of a file: UTF-8 (BOM removed), or Latin-1 when it is not valid UTF-8 (older
/// OFAC and hand-edited files). The flag says whether the fallback was used.
pub(crate) fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), false),
        Err(_) => (Cow::Owned(bytes.iter().map(|&b| b as char).collect()), true),
    }
}

/// Whitespace runs (including line breaks inside XML text) collapsed to one space.
pub(crate) fn collapse_ws(s: &str) -> String {
    // Most names are already so (a national list's million of them): copied as they are.
    let b = s.as_bytes();
    // What `split_whitespace` splits on, for ASCII (VT included).
    let ws = |c: &u8| char::from(*c).is_whitespace();
    let clean = s.is_ascii()
        && !b.first().is_some_and(ws)
        && !b.last().is_some_and(ws)
        && b.iter().all(|&c| c == b' ' || !ws(&c))
        && !b.windows(2).any(|w| w == b"  ");
    if clean {
        return s.to_string();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters (not bytes: remarks are often non-ASCII).
pub(crate) fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// `YYYY-MM-DD` found in a file name, used as the version of lists that carry no date.
pub(crate) fn date_in_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let b = name.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let ok = w.iter().enumerate().all(|(j, c)| {
            if j == 4 || j == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
        ok.then(|| name[i..i + 10].to_string())
    })
}

/// Line numbers from byte offsets. The csv crate's own line count goes wrong with CRLF
/// line ends (OFAC's), so lines are counted here, incrementally since records come in
/// file order.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }

    /// A counter that starts at `byte` of `text`, which is on line `line`.
    pub(crate) fn starting_at(text: &'a str, byte: usize, line: u64) -> Self {
        LineCounter {
            text: text.as_bytes(),
            byte,
            line,
        }
    }

    /// The 1-based line of the record starting at `byte`.
    pub(crate) fn line_at(&mut self, byte: u64) -> u64 {
        let mut target = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // A record "starts" at the line end left by the previous one.
        while target < self.text.len() && matches!(self.text[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        self.line += self.text[self.byte..target]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.byte = target;
        self.line
    }
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Adds a name unless the entry already has it (case-insensitively): lists repeat the
/// primary name among aliases, and duplicates only cost index space.
pub(crate) fn push_name(names: &mut Vec<ListedName>, name: &str, quality: NameQuality) -> bool {
    let name = collapse_ws(name);
    if name.is_empty() {
        return false;
    }
    let same = |n: &ListedName| {
        if n.name.is_ascii() && name.is_ascii() {
            n.name.eq_ignore_ascii_case(&name)
        } else {
            n.name.to_lowercase() == name.to_lowercase()
        }
    };
    if names.iter().any(same) {
        return false;
    }
    names.push(ListedName { name, quality });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_native_list_separated_by_semicolons_is_named_as_such() {
        let e = detect_format(b"id;names;dob\nA1;Omar ALI;1970\n").unwrap_err();
        assert!(
            e.starts_with("a native watchlist header separated by semicolons"),
            "{e}"
        );
        let e = detect_format(b"ID\tNames\nA1\tOmar ALI\n").unwrap_err();
        assert!(
            e.starts_with("a native watchlist header separated by tabs"),
            "{e}"
        );
    }

    #[test]
    fn detects_formats() {
        assert_eq!(detect_format(b"id,names\n1,A B\n"), Ok(Format::NativeCsv));
        assert_eq!(
            detect_format(
                b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"x\">"
            ),
            Ok(Format::UnXml)
        );
        assert_eq!(
            detect_format(b"36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"),
            Ok(Format::OfacSdn)
        );
        assert_eq!(
            detect_format(b"36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"),
            Ok(Format::OfacAlt)
        );
        assert!(detect_format(b"").is_err());
        assert!(detect_format(b"<html></html>").is_err());
        assert!(detect_format(b"firstname,lastname\nA,B\n").is_err());
        // Binary data is named as such, not quoted byte by byte.
        assert_eq!(
            detect_format(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"),
            Err("binary data, not a text or XML watchlist".into())
        );
        assert_eq!(
            detect_format(b"\xff\xfei\x00d\x00,\x00n\x00"),
            Err("UTF-16 text (save the list as UTF-8)".into())
        );
        // A first row that is text but no known header is quoted, controls escaped.
        let err =
            detect_format(b"name\x07,alias,born\nAnna,Berg,1970\nEva,Lund,1980\n").unwrap_err();
        assert!(err.contains("(name\\u{7},alias,born)"), "{err}");
        let long = format!("{}\n", "x,".repeat(200));
        assert!(detect_format(long.as_bytes()).unwrap_err().len() < 300);
        assert_eq!(
            detect_format(b"firstname,lastname,middlename,dob,documentcountry,documentnumber\n"),
            Ok(Format::GtasCsv)
        );
    }

    #[test]
    fn collapse_ws_leaves_clean_names_and_collapses_the_rest() {
        for (raw, want) in [
            ("ABU BAKR", "ABU BAKR"),
            ("  ABU   BAKR ", "ABU BAKR"),
            ("ABU\tBAKR", "ABU BAKR"),
            ("ABU\u{b}BAKR", "ABU BAKR"),
            ("ABU\u{a0}BAKR", "ABU BAKR"),
            ("AL-BAGHDADI", "AL-BAGHDADI"),
            ("", ""),
        ] {
            assert_eq!(collapse_ws(raw), want, "{raw:?}");
            assert_eq!(
                collapse_ws(raw),
                raw.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
        let mut names = Vec::new();
        assert!(push_name(&mut names, "Abu  Bakr", NameQuality::Primary));
        assert!(!push_name(&mut names, "ABU BAKR", NameQuality::Good));
        assert!(push_name(&mut names, "Müller", NameQuality::Good));
        assert!(!push_name(&mut names, "MÜLLER", NameQuality::Good));
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn helpers() {
        assert_eq!(
            date_in_name(Path::new("/x/un_consolidated_2026-05-08.xml")).as_deref(),
            Some("2026-05-08")
        );
        assert_eq!(date_in_name(Path::new("sdn.csv")), None);
        assert_eq!(truncate_chars("äöü", 2), "äö…");
        assert_eq!(truncate_chars("äöü", 3), "äöü");
        assert_eq!(decode(b"caf\xe9").0, "café");
        let mut lines = LineCounter::new("a\r\nb\r\n\"c\nd\"\r\ne");
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(5), 3);
        assert_eq!(lines.line_at(13), 5);
    }

    /// Writes `files` (name, text) into a fresh folder named after `tag`; the folder and
    /// the paths.
    fn write_lists(tag: &str, files: &[(&str, &str)]) -> (PathBuf, Vec<PathBuf>) {
        let dir = std::env::temp_dir().join(format!("paxscreen-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let paths = files
            .iter()
            .map(|(name, text)| {
                let p = dir.join(name);
                std::fs::write(&p, text).unwrap();
                p
            })
            .collect();
        (dir, paths)
    }

    /// (path, id, first path) of a duplicate-id error.
    fn duplicate(err: WatchlistError) -> (PathBuf, String, PathBuf) {
        match err {
            WatchlistError::DuplicateId {
                path, id, first, ..
            } => (path, id, first),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn an_id_in_two_files_names_both() {
        let (dir, paths) = write_lists(
            "dup",
            &[
                ("a.csv", "id,names\nX1,ALPHA ONE\nX2,BETA TWO\n"),
                ("b.csv", "id,names\nX3,GAMMA THREE\nX2,DELTA FOUR\n"),
            ],
        );
        let err = load_paths(&paths).unwrap_err();
        std::fs::remove_dir_all(&dir).ok();
        let (a, b) = (paths[0].clone(), paths[1].clone());
        assert_eq!(duplicate(err), (b, "X2".to_string(), a));
    }

    /// The first and the last file keep or check fewer ids (see `load_paths`): an id of
    /// the first met again in the third is still caught, and one file alone loads.
    #[test]
    fn an_id_of_the_first_file_in_the_third_is_caught() {
        let (dir, paths) = write_lists(
            "dup3",
            &[
                ("a.csv", "id,names\nX1,ALPHA ONE\n"),
                ("b.csv", "id,names\nX2,BETA TWO\n"),
                ("c.csv", "id,names\nX3,GAMMA THREE\nX1,DELTA FOUR\n"),
            ],
        );
        let err = load_paths(&paths).unwrap_err();
        let alone = load_paths(&paths[2..]);
        std::fs::remove_dir_all(&dir).ok();
        let (a, c) = (paths[0].clone(), paths[2].clone());
        assert_eq!(duplicate(err), (c, "X1".to_string(), a));
        assert_eq!(alone.unwrap().entries.len(), 2);
    }
}
