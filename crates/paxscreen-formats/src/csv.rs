//! Native traveller CSV (INTERFACES.md "Manifest inputs"): UTF-8, header row,
//! RFC 4180 quoting; columns `id`, `surname`, `given_names`, `dob`, `gender`,
//! `nationality`, `doc_type`, `doc_number`, `doc_issuer`. Other columns are not read,
//! with a warning that names them (and the column a `birth_date` was meant to be).

use crate::util::{self, Ids};
use paxscreen_core::{
    Document, Gender, PartialDate, RejectedTraveller, Traveller, TravellerRecord,
};
use std::collections::HashMap;

/// The known columns.
pub const COLUMNS: [&str; 9] = [
    "id",
    "surname",
    "given_names",
    "dob",
    "gender",
    "nationality",
    "doc_type",
    "doc_number",
    "doc_issuer",
];

/// A CSV that cannot be read at all (no header, no `id` column, ...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct CsvError {
    /// 1-based line.
    pub line: usize,
    /// Why.
    pub reason: String,
}

fn header_names(first_line: &str, delimiter: u8) -> Vec<String> {
    first_line
        .trim_start_matches('\u{FEFF}')
        .split(char::from(delimiter))
        .map(paxscreen_core::columns::normalize_header)
        .collect()
}

/// The field separator of a traveller CSV: the comma of INTERFACES.md, or the `;` or
/// tab that spreadsheets export in many locales, whichever splits the first line into
/// a header with `id` and `surname` or `given_names`.
fn delimiter(bytes: &[u8]) -> Option<u8> {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let end = b.iter().position(|&c| c == b'\n').unwrap_or(b.len());
    let line = std::str::from_utf8(&b[..end]).ok()?;
    [b',', b';', b'\t'].into_iter().find(|&d| {
        let h = header_names(line, d);
        h.iter().any(|c| c == "id") && h.iter().any(|c| c == "surname" || c == "given_names")
    })
}

/// Does the first line look like a traveller CSV header (`id` and `surname` or
/// `given_names`, separated by commas, semicolons or tabs)?
pub fn looks_like_header(bytes: &[u8]) -> bool {
    delimiter(bytes).is_some()
}

/// The column an unknown header (letters and digits only) most likely means
/// (`birthdate` for `dob`), for the warning that it is not read.
fn known_as(header: &str) -> Option<&'static str> {
    Some(match header {
        "birthdate" | "dateofbirth" | "birthday" | "born" => "dob",
        "documentnumber" | "docno" | "passportnumber" | "passportno" | "passport" => "doc_number",
        "documenttype" | "doctype" => "doc_type",
        "issuer" | "issuingcountry" | "documentissuer" | "issuingstate" => "doc_issuer",
        "firstname" | "firstnames" | "givenname" | "givennames" | "forename" | "forenames" => {
            "given_names"
        }
        "lastname" | "familyname" => "surname",
        "sex" => "gender",
        "citizenship" | "nation" => "nationality",
        "travellerid" | "passengerid" | "paxid" => "id",
        _ => return None,
    })
}

fn decode(field: &[u8]) -> (String, bool) {
    match std::str::from_utf8(field) {
        Ok(s) => (s.trim().to_string(), false),
        Err(_) => (
            field
                .iter()
                .map(|&b| b as char)
                .collect::<String>()
                .trim()
                .to_string(),
            true,
        ),
    }
}

/// Reads a traveller CSV. Row problems become [`RejectedTraveller`]s naming the line
/// and field; an unknown nationality is a traveller warning.
pub fn read_csv(
    bytes: &[u8],
    source: &str,
    ids: &mut Ids,
    warnings: &mut Vec<String>,
) -> Result<Vec<TravellerRecord>, CsvError> {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(b).unwrap_or(b','))
        .from_reader(b);
    let mut records = rdr.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(CsvError {
                line: 1,
                reason: format!("unreadable header: {e}"),
            })
        }
        None => {
            return Err(CsvError {
                line: 1,
                reason: "empty file: a header row is required".into(),
            })
        }
    };
    let cols: Vec<String> = header
        .iter()
        .map(|h| paxscreen_core::columns::normalize_header(&decode(h).0))
        .collect();
    let idx: HashMap<&str, usize> = COLUMNS
        .iter()
        .filter_map(|c| cols.iter().position(|h| h == c).map(|i| (*c, i)))
        .collect();
    warnings.extend(paxscreen_core::columns::unread_columns_warning(
        cols.iter().map(String::as_str),
        &COLUMNS,
        known_as,
    ));
    if !idx.contains_key("id") {
        return Err(CsvError {
            line: 1,
            reason: "header has no `id` column".into(),
        });
    }
    if !idx.contains_key("surname") && !idx.contains_key("given_names") {
        return Err(CsvError {
            line: 1,
            reason: "header needs a `surname` or `given_names` column".into(),
        });
    }
    let mut out = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    let mut row_no = 1usize;
    for rec in records {
        row_no += 1;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(row_no);
                out.push(Err(RejectedTraveller {
                    id: format!("{source}#{line}"),
                    source: source.to_string(),
                    position: format!("line {line}"),
                    reason: format!("unreadable row: {e}"),
                }));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(row_no);
        if rec.len() == 1 && rec.get(0).map(|f| f.iter().all(u8::is_ascii_whitespace)) == Some(true)
        {
            continue;
        }
        let mut latin1 = false;
        let get = |name: &str, latin1: &mut bool| -> String {
            idx.get(name)
                .and_then(|&i| rec.get(i))
                .map(|f| {
                    let (s, l) = decode(f);
                    *latin1 |= l;
                    s
                })
                .unwrap_or_default()
        };
        let id = get("id", &mut latin1);
        // `id` must already be unique (from `ids`).
        let reject = |id: String, reason: String| -> TravellerRecord {
            Err(RejectedTraveller {
                id,
                source: source.to_string(),
                position: format!("line {line}"),
                reason,
            })
        };
        let row_id = if id.is_empty() {
            format!("{source}#{line}")
        } else {
            id.clone()
        };
        if rec.len() != cols.len() {
            out.push(reject(
                ids.unique(&row_id),
                format!("expected {} columns, found {}", cols.len(), rec.len()),
            ));
            continue;
        }
        if id.is_empty() {
            out.push(reject(
                ids.unique(&row_id),
                "field `id` is empty".to_string(),
            ));
            continue;
        }
        if let Some(first) = first_line_of.get(&id) {
            out.push(Err(RejectedTraveller {
                id: ids.unique(&id),
                source: source.to_string(),
                position: format!("line {line}"),
                reason: format!("duplicate id {id:?} (first on line {first})"),
            }));
            continue;
        }
        first_line_of.insert(id.clone(), line);
        let surname = util::clean(&get("surname", &mut latin1));
        let given = util::clean(&get("given_names", &mut latin1));
        if surname.is_empty() && given.is_empty() {
            out.push(reject(
                ids.unique(&id),
                "fields `surname` and `given_names` are both empty".to_string(),
            ));
            continue;
        }
        let mut t = Traveller {
            id: ids.unique(&id),
            source: source.to_string(),
            surname,
            given_names: given,
            ..Traveller::default()
        };
        let dob = get("dob", &mut latin1);
        if !dob.is_empty() {
            match PartialDate::parse_lenient(&dob) {
                Ok(d) => t.dob = Some(d),
                Err(_) => {
                    out.push(reject(
                        t.id,
                        format!(
                            "field `dob` {dob:?} is not YYYY-MM-DD, YYYY-MM or YYYY \
                             (nor YYYYMMDD, YYYY/MM/DD, an ISO date-time or a date with \
                             its unknown month or day written 00 or XX)"
                        ),
                    ));
                    continue;
                }
            }
        }
        let gender = get("gender", &mut latin1);
        if !gender.is_empty() {
            match Gender::parse(&gender) {
                Ok(g) => t.gender = Some(g),
                Err(_) => {
                    out.push(reject(
                        t.id,
                        format!("field `gender` {gender:?} is not M, F or X"),
                    ));
                    continue;
                }
            }
        }
        let nat = get("nationality", &mut latin1);
        if !nat.is_empty() {
            match util::country(&nat) {
                Ok(c) => t.nationality = Some(c),
                Err(e) => t
                    .warnings
                    .push(format!("line {line}: field `nationality`: {e}")),
            }
        }
        let number = get("doc_number", &mut latin1)
            .replace(' ', "")
            .to_ascii_uppercase();
        let doc_type = get("doc_type", &mut latin1).to_ascii_uppercase();
        let doc_issuer = get("doc_issuer", &mut latin1);
        if !number.is_empty() {
            t.documents.push(Document {
                doc_type,
                issuer: util::issuer(&doc_issuer),
                number,
            });
        } else if !doc_type.is_empty() || !doc_issuer.is_empty() {
            t.warnings.push(format!(
                "line {line}: document without `doc_number` ignored"
            ));
        }
        if latin1 {
            t.warnings
                .push(format!("line {line}: not UTF-8, read as ISO 8859-1"));
        }
        match t.check_name_has_letters() {
            Ok(()) => out.push(Ok(t)),
            Err(reason) => out.push(reject(t.id, reason)),
        }
    }
    if out.is_empty() {
        warnings.push("CSV has a header but no rows".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<TravellerRecord> {
        read_csv(s.as_bytes(), "t.csv", &mut Ids::default(), &mut Vec::new()).unwrap()
    }

    #[test]
    fn full_row() {
        let r = read("\u{FEFF}id,surname,given_names,dob,gender,nationality,doc_type,doc_number,doc_issuer,extra\n\
                      T1,AL HASSAN,MOHAMMED,1979-06-30,M,SYR,P,N012345678,SYR,x\n");
        let t = r[0].as_ref().unwrap();
        assert_eq!(t.id, "T1");
        assert_eq!(t.surname, "AL HASSAN");
        assert_eq!(t.dob.unwrap().to_string(), "1979-06-30");
        assert_eq!(t.nationality.unwrap().as_str(), "SYR");
        assert_eq!(t.documents[0].number, "N012345678");
        assert_eq!(t.documents[0].issuer, "SYR");
    }

    #[test]
    fn a_name_without_letters_is_reported_unless_a_document_can_be_screened() {
        let r = read("id,surname,given_names,doc_number\nT1,!!!,,\nT2,---,,X123\nT3,ΩΜΕΓΑ,,\n");
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.position, "line 2");
        assert_eq!(
            e.reason,
            r#"name "!!!" has no letters and no document is given: nothing to screen"#
        );
        let t = r[1].as_ref().unwrap();
        assert_eq!(t.documents[0].number, "X123");
        assert!(
            t.warnings[0].contains("screened by its document alone"),
            "{:?}",
            t.warnings
        );
        assert!(r[2].as_ref().unwrap().warnings.is_empty());
    }

    #[test]
    fn semicolon_and_tab_separated_files_read_like_commas() {
        let comma = read("id,surname,given_names,dob\nT1,\"AL HASSAN\",MOHAMMED,1979-06-30\n");
        let semi = read("id;surname;given_names;dob\r\nT1;AL HASSAN;MOHAMMED;1979-06-30\r\n");
        let tab = read("id\tsurname\tgiven_names\tdob\nT1\tAL HASSAN\tMOHAMMED\t1979-06-30\n");
        assert_eq!(comma[0].as_ref().unwrap().surname, "AL HASSAN");
        assert_eq!(semi, comma);
        assert_eq!(tab, comma);
        // A comma inside a semicolon-separated field stays in the field.
        let r = read("id;surname;given_names\nT1;SMITH, JR;JOHN\n");
        assert_eq!(r[0].as_ref().unwrap().surname, "SMITH, JR");
    }

    #[test]
    fn columns_not_read_are_named_in_a_warning() {
        let mut warnings = Vec::new();
        let csv = "id,surname,given_names,birth_date,Document Number,seat\nT1,ALI,OMAR,1979-06-30,N1,12A\n";
        let r = read_csv(csv.as_bytes(), "t.csv", &mut Ids::default(), &mut warnings).unwrap();
        let t = r[0].as_ref().unwrap();
        assert!(t.dob.is_none() && t.documents.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(
                "line 1: columns `birth_date` (for `dob`, name it `dob`), \
                 `document_number` (for `doc_number`, name it `doc_number`), `seat` not read"
            ),
            "{}",
            warnings[0]
        );
        let mut warnings = Vec::new();
        read_csv(
            b"id,surname,dob\nT1,ALI,1979\n",
            "t.csv",
            &mut Ids::default(),
            &mut warnings,
        )
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        // A spreadsheet's spaced or hyphenated spelling of a contract column is that
        // column (`Given Names`, `Doc-Number`), read without a warning.
        let mut warnings = Vec::new();
        let r = read_csv(
            b"ID,Surname,Given Names,DOB,Doc-Number\nT1,ALI,OMAR,1979,N1\n",
            "t.csv",
            &mut Ids::default(),
            &mut warnings,
        )
        .unwrap();
        let t = r[0].as_ref().unwrap();
        assert_eq!(t.given_names, "OMAR");
        assert_eq!(t.documents[0].number, "N1");
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn unambiguous_dates_of_other_systems_are_read() {
        let r = read("id,surname,dob\nA,X,19790630\nB,Y,1979-06-30T00:00:00Z\nC,Z,30/06/1979\n");
        assert_eq!(
            r[0].as_ref().unwrap().dob.unwrap().to_string(),
            "1979-06-30"
        );
        assert_eq!(
            r[1].as_ref().unwrap().dob.unwrap().to_string(),
            "1979-06-30"
        );
        let e = r[2].as_ref().unwrap_err();
        assert!(e.reason.contains("30/06/1979"), "{}", e.reason);
        // An unknown month or day (00, XX) leaves the known part; the traveller is
        // screened, not rejected.
        let r = read("id,surname,dob\nA,X,1971-00-00\nB,Y,1971-06-XX\n");
        assert_eq!(r[0].as_ref().unwrap().dob.unwrap().to_string(), "1971");
        assert_eq!(r[1].as_ref().unwrap().dob.unwrap().to_string(), "1971-06");
    }

    #[test]
    fn row_errors() {
        let r = read("id,surname,dob,nationality\nA,X,1979-13-01,\n,Y,,\nB,Z,,QQQ\nB,W,,\nC,V\n");
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.position, "line 2");
        assert!(e.reason.contains("dob"), "{}", e.reason);
        let e = r[1].as_ref().unwrap_err();
        assert!(e.reason.contains("`id`"));
        let t = r[2].as_ref().unwrap();
        assert!(t.nationality.is_none());
        assert!(t.warnings[0].contains("QQQ"));
        let e = r[3].as_ref().unwrap_err();
        assert!(e.reason.contains("duplicate"));
        let e = r[4].as_ref().unwrap_err();
        assert!(e.reason.contains("columns"));
        assert_eq!(e.position, "line 6");
    }

    #[test]
    fn header_required() {
        assert!(read_csv(b"a,b\n1,2\n", "x", &mut Ids::default(), &mut Vec::new()).is_err());
        assert!(looks_like_header(b"id,surname\n"));
        assert!(looks_like_header(b"id;surname\n"));
        assert!(looks_like_header(b"\"ID\"\t\"Given_Names\"\n"));
        assert!(!looks_like_header(b"id|surname\n"));
        assert!(!looks_like_header(b"firstname,lastname\n"));
    }
}
