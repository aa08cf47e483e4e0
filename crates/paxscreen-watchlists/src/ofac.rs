//! OFAC Specially Designated Nationals list: `sdn.csv` with the optional `alt.csv`.
//!
//! `sdn.csv` has no header and 12 columns: `ent_num, SDN_Name, SDN_Type, Program,
//! Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`; `-0-`
//! (with trailing space) is null, and the file ends with a DOS end-of-file byte (0x1A).
//! Only rows with `SDN_Type` `individual` are read. Names are written `SURNAME, Given`
//! and reordered to `Given SURNAME`, the order travellers' names arrive in.
//!
//! Everything else about a person is in the free-text remarks, `;`-separated:
//! `DOB 01 Jan 1960` (also `DOB 1960`, `DOB Jan 1960`, `DOB circa 1960`,
//! `DOB 1960 to 1962`, `DOB 01 Jan 1960 to 31 Dec 1962`; repeated with `alt. DOB`),
//! `nationality X`, `citizen X`, `Gender Male`, `Passport N123 (Country)`,
//! `National ID No. N (Country)`, `Cedula No. N (Country)`, `a.k.a. 'NAME'`.
//!
//! `alt.csv` (`ent_num, alt_num, alt_type, alt_name, remarks`) holds further names:
//! `aka` strong, `fka`/`nka` weak. It may come from another day than the sdn.csv; rows
//! whose `ent_num` has no sdn row are ignored with one counted warning.

use crate::error::{Location, Problem, Problems, WatchlistError};
use crate::{date_in_name, decode, file_name, push_name, truncate_chars, LineCounter, ListFile};
use paxscreen_core::{
    Country, DobSpec, Document, Gender, NameQuality, PartialDate, WatchlistEntry,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;

const REMARKS_MAX: usize = 500;

/// What the remarks of the loaded individuals yielded, for tests and the source line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RemarkStats {
    /// `DOB ...` statements seen.
    pub dob_seen: usize,
    /// ... of which understood.
    pub dob_parsed: usize,
    /// `nationality`/`citizen` statements seen.
    pub nationality_seen: usize,
    /// ... of which mapped to a country.
    pub nationality_mapped: usize,
    /// Aliases added from `alt.csv`.
    pub alt_aliases: usize,
    /// Aliases added from `a.k.a.` remarks.
    pub remark_aliases: usize,
    /// `alt.csv` rows whose ent_num has no row in `sdn.csv`.
    pub orphan_alt_rows: usize,
}

/// Reads an OFAC `sdn.csv` (and its `alt.csv`, when given) held in memory.
pub fn read(
    sdn: &[u8],
    sdn_path: &Path,
    alt: Option<(&[u8], &Path)>,
) -> Result<ListFile, WatchlistError> {
    read_with_stats(sdn, sdn_path, alt).map(|(l, _)| l)
}

/// [`read`], also returning what the remarks yielded.
pub fn read_with_stats(
    sdn: &[u8],
    sdn_path: &Path,
    alt: Option<(&[u8], &Path)>,
) -> Result<(ListFile, RemarkStats), WatchlistError> {
    let mut stats = RemarkStats::default();
    let mut out = ListFile::default();
    let mut problems = Problems::default();
    // ent_num of every sdn row (entities too): an alt row for an entity is not orphaned.
    let mut all_ents: HashSet<String> = HashSet::new();
    let mut index: HashMap<String, usize> = HashMap::new();

    for (line, fields) in rows(sdn, sdn_path, &mut out.warnings, &mut problems) {
        if fields.len() < 12 {
            problems.push(Problem::new(
                Location::Line(line),
                None,
                format!("{} columns, sdn.csv rows have 12", fields.len()),
            ));
            continue;
        }
        let ent = fields[0].trim().to_string();
        if ent.is_empty() || !ent.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(Problem::new(
                Location::Line(line),
                Some("ent_num"),
                format!("{ent:?} is not a number"),
            ));
            continue;
        }
        if !all_ents.insert(ent.clone()) {
            problems.push(Problem::new(
                Location::Line(line),
                Some("ent_num"),
                format!("ent_num {ent} appears twice"),
            ));
            continue;
        }
        if !null(&fields[2]).eq_ignore_ascii_case("individual") {
            continue;
        }
        let name = reorder(null(&fields[1]));
        if name.is_empty() {
            problems.push(Problem::new(
                Location::Line(line),
                Some("SDN_Name"),
                "individual without a name",
            ));
            continue;
        }
        let mut e = WatchlistEntry {
            id: format!("OFAC-{ent}"),
            list: "OFAC-SDN".into(),
            ..Default::default()
        };
        push_names(&mut e.names, &name, NameQuality::Primary);
        let remarks = null(&fields[11]);
        let mut warn = |w: String| {
            out.warnings
                .push(format!("{}: OFAC-{ent}: {w}", sdn_path.display()))
        };
        parse_remarks(remarks, &mut e, &mut stats, &mut warn);
        let program = null(&fields[3]);
        let text = match (program.is_empty(), remarks.is_empty()) {
            (false, false) => format!("[{program}] {remarks}"),
            (false, true) => format!("[{program}]"),
            _ => remarks.to_string(),
        };
        e.remarks = truncate_chars(&text, REMARKS_MAX);
        index.insert(ent, out.entries.len());
        out.entries.push(e);
    }
    problems.into_result(sdn_path)?;

    let mut alt_note = String::new();
    if let Some((alt_bytes, alt_path)) = alt {
        let mut problems = Problems::default();
        let mut warnings = Vec::new();
        for (line, f) in rows(alt_bytes, alt_path, &mut warnings, &mut problems) {
            if f.len() < 4 {
                problems.push(Problem::new(
                    Location::Line(line),
                    None,
                    format!("{} columns, alt.csv rows have 5", f.len()),
                ));
                continue;
            }
            let ent = f[0].trim();
            let Some(&i) = index.get(ent) else {
                if !all_ents.contains(ent) {
                    stats.orphan_alt_rows += 1;
                }
                continue;
            };
            let quality = match null(&f[2]).to_ascii_lowercase().as_str() {
                "aka" => NameQuality::Good,
                "fka" | "nka" => NameQuality::Low,
                other => {
                    problems.push(Problem::new(
                        Location::Line(line),
                        Some("alt_type"),
                        format!("{other:?}: expected aka, fka or nka"),
                    ));
                    continue;
                }
            };
            if push_names(&mut out.entries[i].names, &reorder(null(&f[3])), quality) {
                stats.alt_aliases += 1;
            }
        }
        problems.into_result(alt_path)?;
        out.warnings.extend(warnings);
        if stats.orphan_alt_rows > 0 {
            out.warnings.push(format!(
                "{}: {} rows name an ent_num absent from {} (the files are from different days); ignored",
                alt_path.display(),
                stats.orphan_alt_rows,
                file_name(sdn_path)
            ));
        }
        alt_note = format!(" + {}", file_name(alt_path));
    }
    let dated = date_in_name(sdn_path)
        .map(|d| format!(", dated {d}"))
        .unwrap_or_default();
    out.source = format!(
        "{}{alt_note} (OFAC SDN CSV{dated}, {} individuals, {} aliases from alt.csv, {} from remarks)",
        file_name(sdn_path),
        out.entries.len(),
        stats.alt_aliases,
        stats.remark_aliases
    );
    Ok((out, stats))
}

/// The records of an OFAC CSV with their line numbers. Non-UTF-8 files are read as
/// Latin-1 (older OFAC files are), the trailing 0x1A end-of-file byte is dropped.
fn rows(
    bytes: &[u8],
    path: &Path,
    warnings: &mut Vec<String>,
    problems: &mut Problems,
) -> Vec<(u64, Vec<String>)> {
    let (text, latin1) = decode(bytes);
    if latin1 {
        warnings.push(format!(
            "{}: not valid UTF-8, read as Latin-1",
            path.display()
        ));
    }
    let text = text.trim_end_matches(['\u{1a}', '\r', '\n', ' ']);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut lines = LineCounter::new(text);
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = lines.line_at(r.position().map(|p| p.byte()).unwrap_or(0));
                if r.iter()
                    .all(|f| f.trim().is_empty() || f.trim() == "\u{1a}")
                {
                    continue;
                }
                out.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => problems.push(Problem::new(
                Location::Line(lines.line_at(e.position().map(|p| p.byte()).unwrap_or(0))),
                None,
                format!("not a CSV row: {e}"),
            )),
        }
    }
    out
}

/// `-0-` (OFAC's null) as empty; other values trimmed.
fn null(field: &str) -> &str {
    let t = field.trim();
    if t == "-0-" {
        ""
    } else {
        t
    }
}

const SUFFIXES: [&str; 6] = ["JR.", "SR.", "JR", "SR", "II", "III"];

/// [`push_name`], reading parentheses as the UN reader does
/// ([`crate::alias::alias_names`]): `Ahmad (Ahmed) SANTOS` is also `Ahmed SANTOS`, and
/// `Lt. Col. (Rtd). Abd Manaf KASMURI` loses the note. True when a name was added.
fn push_names(
    names: &mut Vec<paxscreen_core::ListedName>,
    name: &str,
    quality: NameQuality,
) -> bool {
    if !name.contains(['(', ')']) {
        return push_name(names, name, quality);
    }
    let mut added = false;
    for (n, script) in crate::alias::alias_names(name) {
        let q = if script {
            NameQuality::OriginalScript
        } else {
            quality
        };
        added |= push_name(names, &n, q);
    }
    added
}

/// `SURNAME, Given` -> `Given SURNAME`; a generational suffix after a second comma
/// (`DELOS REYES, Feliciano Semborio, Jr.`) goes last. Names without a comma are kept.
pub fn reorder(name: &str) -> String {
    let name = name.trim();
    let Some((surname, rest)) = name.split_once(',') else {
        return crate::collapse_ws(name);
    };
    let mut given = Vec::new();
    let mut suffix = Vec::new();
    for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if SUFFIXES.contains(&part.to_ascii_uppercase().as_str()) {
            suffix.push(part);
        } else {
            given.push(part);
        }
    }
    let mut out: Vec<&str> = given;
    out.push(surname.trim());
    out.extend(suffix);
    crate::collapse_ws(&out.join(" "))
}

/// Interprets the `;`-separated remarks into the entry.
fn parse_remarks(
    remarks: &str,
    e: &mut WatchlistEntry,
    stats: &mut RemarkStats,
    warn: &mut impl FnMut(String),
) {
    for part in remarks.split(';') {
        let p = part.trim();
        let p = p.strip_suffix('.').unwrap_or(p).trim();
        let p = p.strip_prefix("alt. ").unwrap_or(p).trim();
        if let Some(rest) = p.strip_prefix("DOB ") {
            stats.dob_seen += 1;
            match parse_dob(rest) {
                Some(d) => {
                    stats.dob_parsed += 1;
                    if !e.dobs.contains(&d) {
                        e.dobs.push(d);
                    }
                }
                None => warn(format!("date of birth {rest:?} not understood")),
            }
        } else if let Some(rest) = p
            .strip_prefix("nationality ")
            .or_else(|| p.strip_prefix("citizen "))
        {
            stats.nationality_seen += 1;
            // OFAC hedges some values ("possibly Palestinian") and names a territory
            // for others ("Region: Gaza").
            let v = rest.trim().trim_start_matches("possibly ");
            let v = v.strip_prefix("Region: ").unwrap_or(v);
            match Country::from_name(v) {
                Some(c) => {
                    stats.nationality_mapped += 1;
                    if !e.nationalities.contains(&c) {
                        e.nationalities.push(c);
                    }
                }
                None => warn(format!("nationality {v:?} is not a known country; ignored")),
            }
        } else if let Some(rest) = p.strip_prefix("Gender ") {
            if let Ok(g) = Gender::parse(rest) {
                e.gender = Some(g);
            }
        } else if let Some((kind, rest)) = document_prefix(p) {
            if let Some(d) = parse_document(kind, rest) {
                if !e.documents.contains(&d) {
                    e.documents.push(d);
                }
            }
        } else {
            for (prefix, quality) in [
                ("a.k.a. ", NameQuality::Good),
                ("f.k.a. ", NameQuality::Low),
                ("n.k.a. ", NameQuality::Low),
            ] {
                if let Some(rest) = p.strip_prefix(prefix) {
                    // 'NAME' in single quotes; the name may itself hold apostrophes.
                    let quoted = rest.trim();
                    let inner = quoted.strip_prefix('\'').unwrap_or(quoted);
                    let inner = inner.strip_suffix('\'').unwrap_or(inner);
                    if push_names(&mut e.names, &reorder(inner), quality) {
                        stats.remark_aliases += 1;
                    }
                }
            }
        }
    }
}

/// Remark prefixes that introduce a document, with the document type they mean.
fn document_prefix(p: &str) -> Option<(&'static str, &str)> {
    [
        ("Passport ", "P"),
        ("Diplomatic Passport ", "P"),
        ("National ID No. ", "I"),
        ("Cedula No. ", "I"),
        ("Personal ID Card ", "I"),
        ("Identification Number ", "I"),
    ]
    .into_iter()
    .find_map(|(prefix, kind)| p.strip_prefix(prefix).map(|rest| (kind, rest)))
}

/// `N123 (Country) issued 01 Jan 2000 expires 31 Dec 2010` -> number and issuer.
fn parse_document(kind: &str, rest: &str) -> Option<Document> {
    let end = [" (", " issued", " expires", " Issue Date", " Expiration"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let number: String = rest[..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if number.is_empty() {
        return None;
    }
    let issuer = rest
        .find('(')
        .and_then(|i| rest[i + 1..].split_once(')').map(|(c, _)| c.trim()))
        .map(|c| {
            Country::from_name(c)
                .map(|k| k.to_string())
                .unwrap_or_else(|| c.to_string())
        })
        .unwrap_or_default();
    Some(Document {
        doc_type: kind.into(),
        issuer,
        number,
    })
}

fn month(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let n = name.get(..3)?.to_ascii_lowercase();
    MONTHS.iter().position(|m| *m == n).map(|i| i as u8 + 1)
}

fn year(s: &str) -> Option<u16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `01 Jan 1960`, `Jan 1960` or `1960`.
fn parse_date(s: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    match parts.as_slice() {
        [y] => PartialDate::new(year(y)?, None, None).ok(),
        [m, y] => PartialDate::new(year(y)?, Some(month(m)?), None).ok(),
        [d, m, y] => {
            let d: u8 = d.parse().ok()?;
            PartialDate::ymd(year(y)?, month(m)?, d).ok()
        }
        _ => None,
    }
}

/// The text after `DOB `: a date, `circa` a date, or a range `A to B` / `YYYY-YYYY`
/// (kept as a range of years: that is what the matcher can use).
pub fn parse_dob(text: &str) -> Option<DobSpec> {
    let t = text.trim();
    let t = t.strip_prefix("circa ").unwrap_or(t).trim();
    let range = t.split_once(" to ").or_else(|| {
        t.split_once('-')
            .filter(|(a, b)| year(a.trim()).is_some() && year(b.trim()).is_some())
    });
    if let Some((a, b)) = range {
        let (a, b) = (parse_date(a.trim())?, parse_date(b.trim())?);
        if a.year == b.year && a == b {
            return Some(DobSpec::Date(a));
        }
        let (from, to) = (a.year.min(b.year), a.year.max(b.year));
        return Some(DobSpec::Range { from, to });
    }
    parse_date(t).map(DobSpec::Date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: Option<u8>, d: Option<u8>) -> DobSpec {
        DobSpec::Date(PartialDate::new(y, m, d).unwrap())
    }

    #[test]
    fn dob_forms() {
        assert_eq!(parse_dob("01 Jan 1960"), Some(date(1960, Some(1), Some(1))));
        assert_eq!(parse_dob("1960"), Some(date(1960, None, None)));
        assert_eq!(parse_dob("Jan 1960"), Some(date(1960, Some(1), None)));
        assert_eq!(parse_dob("circa 1960"), Some(date(1960, None, None)));
        assert_eq!(
            parse_dob("circa 01 Jan 1960"),
            Some(date(1960, Some(1), Some(1)))
        );
        assert_eq!(
            parse_dob("1960 to 1962"),
            Some(DobSpec::Range {
                from: 1960,
                to: 1962
            })
        );
        assert_eq!(
            parse_dob("01 Jan 1960 to 31 Dec 1962"),
            Some(DobSpec::Range {
                from: 1960,
                to: 1962
            })
        );
        assert_eq!(
            parse_dob("circa 1975-1977"),
            Some(DobSpec::Range {
                from: 1975,
                to: 1977
            })
        );
        assert_eq!(parse_dob("31 Feb 1960"), None);
        assert_eq!(parse_dob("sometime"), None);
        assert_eq!(parse_dob(""), None);
    }

    #[test]
    fn names_are_reordered() {
        assert_eq!(reorder("VULIN, Aleksandar"), "Aleksandar VULIN");
        assert_eq!(
            reorder("DELOS REYES, Feliciano Semborio, Jr."),
            "Feliciano Semborio DELOS REYES Jr."
        );
        assert_eq!(reorder("KHUN SA"), "KHUN SA");
        assert_eq!(reorder("ABU  YASIR"), "ABU YASIR");
    }

    #[test]
    fn remarks_are_parsed() {
        let sdn = "12113,\"MORTEZAVI, Hasan\",\"individual\",\"SDGT] [IRGC] [IFSR\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 23 Aug 1964; alt. DOB 1965; POB Ghazvin, Iran; citizen Iran; nationality Korea, North; Gender Male; Passport D9019576 (Iran) issued 01 Jan 2000; National ID No. 660000 73767 (Belgium); a.k.a. 'ALI, Hassan'; a.k.a. ''ABD-AL-'IZ'; f.k.a. 'OLD NAME'; DOB whenever.\"\r\n\
                   36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a";
        let alt = "12113,1,\"aka\",\"MORTAZAVI, Hassan\",-0- \r\n12113,2,\"fka\",\"M., H.\",-0- \r\n36,3,\"aka\",\"AERO\",-0- \r\n99999,4,\"aka\",\"GONE, Someone\",-0- \r\n";
        let (l, stats) = read_with_stats(
            sdn.as_bytes(),
            Path::new("sdn.csv"),
            Some((alt.as_bytes(), Path::new("alt.csv"))),
        )
        .unwrap();
        assert_eq!(l.entries.len(), 1, "entities are skipped");
        let e = &l.entries[0];
        assert_eq!(e.id, "OFAC-12113");
        assert_eq!(e.list, "OFAC-SDN");
        let names: Vec<(&str, NameQuality)> = e
            .names
            .iter()
            .map(|n| (n.name.as_str(), n.quality))
            .collect();
        assert_eq!(
            names,
            [
                ("Hasan MORTEZAVI", NameQuality::Primary),
                ("Hassan ALI", NameQuality::Good),
                ("'ABD-AL-'IZ", NameQuality::Good),
                ("OLD NAME", NameQuality::Low),
                ("Hassan MORTAZAVI", NameQuality::Good),
                ("H. M.", NameQuality::Low),
            ]
        );
        assert_eq!(
            e.dobs,
            [date(1964, Some(8), Some(23)), date(1965, None, None)]
        );
        assert_eq!(
            e.nationalities
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            ["IRN", "PRK"]
        );
        assert_eq!(e.gender, Some(Gender::M));
        assert_eq!(
            e.documents,
            [
                Document {
                    doc_type: "P".into(),
                    issuer: "IRN".into(),
                    number: "D9019576".into()
                },
                Document {
                    doc_type: "I".into(),
                    issuer: "BEL".into(),
                    number: "66000073767".into()
                }
            ]
        );
        assert!(e
            .remarks
            .starts_with("[SDGT] [IRGC] [IFSR] DOB 23 Aug 1964"));
        assert_eq!(stats.dob_seen, 3);
        assert_eq!(stats.dob_parsed, 2);
        assert_eq!(stats.orphan_alt_rows, 1);
        assert_eq!(stats.alt_aliases, 2);
        assert!(l.warnings.iter().any(|w| w.contains("whenever")));
        assert!(l
            .warnings
            .iter()
            .any(|w| w.contains("1 rows name an ent_num")));
    }

    #[test]
    fn malformed_sdn_is_an_error() {
        let err = read(
            b"12,\"A, B\",\"individual\"\r\nx1,\"C, D\",\"individual\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
            Path::new("sdn.csv"),
            None,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("line 1") && msg.contains("line 2"), "{msg}");
        assert!(msg.contains("ent_num"), "{msg}");
    }
}
