//! The watchlist CSV of US-CBP's GTAS (`wl-NS.csv` among its test resources), so lists
//! kept for GTAS can be screened unchanged.
//!
//! Header `firstname,lastname,middlename,dob,documentcountry,documentnumber,
//! documenttype,coc,phone,email`; `dob` is US style `M-D-YYYY`; `coc` is the country
//! of citizenship and `documentcountry` the issuer, both three-letter codes. There is no
//! id column, so entries get `GTAS-<file stem>-<line>`. Codes that are not ISO
//! (GTAS's own fixtures use `CHI`) become warnings; a date that cannot be read, or a
//! row without any name, refuses the file like the native CSV.

use crate::error::{Location, Problem, Problems, WatchlistError};
use crate::{decode, file_name, push_name, LineCounter, ListFile};
use paxscreen_core::{Country, DobSpec, Document, NameQuality, PartialDate, WatchlistEntry};
use std::path::Path;

/// Columns that identify the format (the first row must name all of them).
pub(crate) const KEY_COLUMNS: [&str; 4] = ["firstname", "lastname", "dob", "documentnumber"];

/// Reads a GTAS watchlist CSV held in `bytes`; `path` names the file in messages.
pub fn read(bytes: &[u8], path: &Path) -> Result<ListFile, WatchlistError> {
    let (text, _) = decode(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| WatchlistError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Problem::new(
                Location::Line(1),
                None,
                format!("unreadable header: {e}"),
            )],
            more: 0,
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "wl".into());

    let mut out = ListFile::default();
    let mut problems = Problems::default();
    let mut lines = LineCounter::new(&text);
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
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut warn = |w: String| {
            out.warnings
                .push(format!("{}: line {line}: {w}", path.display()))
        };
        let mut e = WatchlistEntry {
            id: format!("GTAS-{stem}-{line}"),
            list: "GTAS-WL".into(),
            ..Default::default()
        };
        let full = [get("firstname"), get("middlename"), get("lastname")]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if !push_name(&mut e.names, &full, NameQuality::Primary) {
            problems.push(Problem::new(
                Location::Line(line),
                Some("lastname"),
                "no name given",
            ));
            continue;
        }
        let dob = get("dob");
        if !dob.is_empty() {
            match parse_us_date(dob) {
                Some(d) => e.dobs.push(DobSpec::Date(d)),
                None => {
                    problems.push(Problem::new(
                        Location::Line(line),
                        Some("dob"),
                        format!("{dob:?}: expected M-D-YYYY"),
                    ));
                    continue;
                }
            }
        }
        let coc = get("coc");
        if !coc.is_empty() {
            match Country::from_code(coc) {
                Ok(c) => e.nationalities.push(c),
                Err(err) => warn(format!("coc: {err}; ignored")),
            }
        }
        let number: String = get("documentnumber")
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        if !number.is_empty() {
            let issuer_text = get("documentcountry");
            let issuer = match Country::from_code(issuer_text) {
                Ok(c) => c.to_string(),
                Err(err) if !issuer_text.is_empty() => {
                    warn(format!("documentcountry: {err}; kept as written"));
                    issuer_text.to_string()
                }
                Err(_) => String::new(),
            };
            e.documents.push(Document {
                doc_type: get("documenttype").to_ascii_uppercase(),
                issuer,
                number,
            });
        }
        out.entries.push(e);
    }
    problems.into_result(path)?;
    out.source = format!(
        "{} (GTAS watchlist CSV, {} entries)",
        file_name(path),
        out.entries.len()
    );
    Ok(out)
}

/// `M-D-YYYY` or `MM-DD-YYYY` (also with `/`).
fn parse_us_date(text: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = text.split(['-', '/']).map(str::trim).collect();
    let [m, d, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 {
        return None;
    }
    PartialDate::ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_gtas_rows() {
        let l = read(
            b"firstname,lastname,middlename,dob,documentcountry,documentnumber,documenttype,coc,phone,email\n\
              ROBERT,PICHA,ANTONIO,,USA,P123456,P,GBR,888456890,x@y\n\
              john,deo,KUMAR,2-12-1965,USA,,P,CHI,666456890,guest@x\n",
            Path::new("/x/wl-NS.csv"),
        )
        .unwrap();
        assert_eq!(l.entries.len(), 2);
        let e = &l.entries[0];
        assert_eq!(e.id, "GTAS-wl-NS-2");
        assert_eq!(e.primary_name(), "ROBERT ANTONIO PICHA");
        assert_eq!(e.nationalities[0].as_str(), "GBR");
        assert_eq!(e.documents[0].number, "P123456");
        assert_eq!(e.documents[0].issuer, "USA");
        let e = &l.entries[1];
        assert_eq!(
            e.dobs,
            [DobSpec::Date(PartialDate::ymd(1965, 2, 12).unwrap())]
        );
        assert!(e.documents.is_empty());
        assert!(l.warnings[0].contains("line 3") && l.warnings[0].contains("CHI"));
    }

    #[test]
    fn bad_date_is_an_error() {
        let err = read(
            b"firstname,lastname,dob,documentnumber\nA,B,1965-02-12,1\n",
            Path::new("wl.csv"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("line 2, field dob"), "{err}");
    }
}
