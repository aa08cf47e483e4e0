//! UN Security Council Consolidated List XML.
//!
//! Layout (root `CONSOLIDATED_LIST dateGenerated="..."`): `INDIVIDUALS/INDIVIDUAL` and
//! `ENTITIES/ENTITY`. Only individuals are read: the screener matches people. Each
//! individual carries
//!
//! - `REFERENCE_NUMBER` (`QDi.335`), the entry id, and `UN_LIST_TYPE` (`Al-Qaida`,
//!   `Taliban`, `DPRK`, ...), the list (`Al-Qaida` covers ISIL as well, hence
//!   `UN-ISIL-AQ`; the others become `UN-<TYPE>`);
//! - `FIRST_NAME` .. `FOURTH_NAME`, joined into the primary name;
//! - `INDIVIDUAL_ALIAS` (`QUALITY` Good or Low, `ALIAS_NAME` possibly holding several
//!   names separated by `;`) and `NAME_ORIGINAL_SCRIPT`;
//! - `INDIVIDUAL_DATE_OF_BIRTH` (`TYPE_OF_DATE` EXACT with `DATE`, APPROXIMATELY with
//!   `YEAR` or `DATE`, BETWEEN with `FROM_YEAR`/`TO_YEAR`, or no type with a `YEAR`);
//! - `NATIONALITY/VALUE` country names, `INDIVIDUAL_DOCUMENT` (`TYPE_OF_DOCUMENT`,
//!   `NUMBER`, `ISSUING_COUNTRY` or `COUNTRY_OF_ISSUE`);
//! - `GENDER` on some entries, otherwise "Gender: Male." inside `COMMENTS1`.
//!
//! The file (2 MB) is read as a stream; only one individual at a time is held as a
//! small element tree, which keeps the interpretation code readable.

use crate::alias::alias_names_and_notes;
use crate::error::{Location, Problem, Problems, WatchlistError};
use crate::{collapse_ws, file_name, push_name, truncate_chars, ListFile};
use paxscreen_core::{
    Country, DobSpec, Document, Gender, NameQuality, PartialDate, WatchlistEntry,
};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::path::Path;

/// Remarks are carried into every hit; the first 500 characters say what matters.
const REMARKS_MAX: usize = 500;

/// One element of an individual: name, its own text, child elements.
#[derive(Debug, Default)]
struct Node {
    name: String,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Trimmed text of the first child called `name` ("" when absent).
    fn text_of(&self, name: &str) -> &str {
        self.children
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.text.trim())
            .unwrap_or("")
    }
}

/// Reads a UN consolidated list held in `bytes`; `path` names the file in messages.
pub fn read(bytes: &[u8], path: &Path) -> Result<ListFile, WatchlistError> {
    let mut reader = Reader::from_reader(bytes);
    // Names must match their end tags; a mismatch means a damaged file.
    reader.config_mut().check_end_names = true;

    let fail = |offset: u64, entry: Option<String>, field: Option<&str>, message: String| {
        WatchlistError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Problem::new(
                Location::Byte { offset, entry },
                field,
                message,
            )],
            more: 0,
        }
    };

    let mut open: Vec<String> = Vec::new();
    let mut generated: Option<String> = None;
    // The individual being read (stack of open elements) and where it started.
    let mut building: Vec<Node> = Vec::new();
    let mut start_offset = 0u64;
    let mut out = ListFile::default();
    let mut problems = Problems::default();
    let mut seen_ids = std::collections::HashSet::new();

    loop {
        let before = position(&reader);
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let entry = building
                    .first()
                    .map(|n| n.text_of("REFERENCE_NUMBER").to_string())
                    .filter(|s| !s.is_empty());
                return Err(fail(
                    error_position(&reader),
                    entry,
                    None,
                    format!("malformed XML: {e}"),
                ));
            }
        };
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if open.is_empty() {
                    if name != "CONSOLIDATED_LIST" {
                        return Err(fail(
                            before,
                            None,
                            None,
                            format!("root element is <{name}>, expected <CONSOLIDATED_LIST>"),
                        ));
                    }
                    for a in e.attributes().flatten() {
                        if a.key.as_ref() == b"dateGenerated" {
                            generated = a.unescape_value().ok().map(|v| v.into_owned());
                        }
                    }
                }
                if !building.is_empty() {
                    building.push(Node {
                        name: name.clone(),
                        ..Node::default()
                    });
                } else if name == "INDIVIDUAL"
                    && open.last().map(String::as_str) == Some("INDIVIDUALS")
                {
                    start_offset = before;
                    building.push(Node {
                        name: name.clone(),
                        ..Node::default()
                    });
                }
                open.push(name);
            }
            Event::Empty(e) => {
                if let Some(top) = building.last_mut() {
                    top.children.push(Node {
                        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                        ..Node::default()
                    });
                }
            }
            Event::Text(t) => {
                if let Some(top) = building.last_mut() {
                    match t.unescape() {
                        Ok(s) => top.text.push_str(&s),
                        Err(e) => problems.push(Problem::new(
                            Location::Byte {
                                offset: before,
                                entry: entry_ref(&building),
                            },
                            Some(&open.last().cloned().unwrap_or_default()),
                            format!("bad character reference: {e}"),
                        )),
                    }
                }
            }
            Event::CData(c) => {
                if let Some(top) = building.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&c.into_inner()));
                }
            }
            Event::End(_) => {
                open.pop();
                if let Some(node) = building.pop() {
                    match building.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => match individual(&node, start_offset, &mut out.warnings, path) {
                            Ok(entry) => {
                                if !seen_ids.insert(entry.id.clone()) {
                                    problems.push(Problem::new(
                                        Location::Byte {
                                            offset: start_offset,
                                            entry: Some(entry.id.clone()),
                                        },
                                        Some("REFERENCE_NUMBER"),
                                        "reference number appears twice",
                                    ));
                                }
                                out.entries.push(entry);
                            }
                            Err(p) => problems.push(p),
                        },
                    }
                }
            }
            Event::Eof => {
                if let Some(inner) = open.last() {
                    return Err(fail(
                        position(&reader),
                        entry_ref(&building),
                        Some(inner),
                        format!("file ends inside <{inner}>: truncated?"),
                    ));
                }
                if generated.is_none() && out.entries.is_empty() && problems.is_empty() {
                    return Err(fail(0, None, None, "no CONSOLIDATED_LIST element".into()));
                }
                break;
            }
            _ => {}
        }
    }
    problems.into_result(path)?;
    let date = generated
        .as_deref()
        .map(|d| d.get(..10).unwrap_or(d).to_string())
        .unwrap_or_else(|| "undated".into());
    out.source = format!(
        "{} (UN XML, generated {date}, {} individuals)",
        file_name(path),
        out.entries.len()
    );
    Ok(out)
}

fn position(reader: &Reader<&[u8]>) -> u64 {
    reader.buffer_position()
}

fn error_position(reader: &Reader<&[u8]>) -> u64 {
    reader.error_position()
}

fn entry_ref(building: &[Node]) -> Option<String> {
    building
        .first()
        .map(|n| n.text_of("REFERENCE_NUMBER").to_string())
        .filter(|s| !s.is_empty())
}

/// `Al-Qaida` -> `UN-ISIL-AQ` (the same sanctions list covers ISIL/Da'esh); others
/// `UN-<TYPE>` upper case, spaces as `-`.
pub fn list_name(un_list_type: &str) -> String {
    let t = collapse_ws(un_list_type);
    if t.eq_ignore_ascii_case("Al-Qaida") || t.eq_ignore_ascii_case("Al-Qaeda") {
        return "UN-ISIL-AQ".into();
    }
    if t.is_empty() {
        return "UN".into();
    }
    format!("UN-{}", t.to_uppercase().replace(' ', "-"))
}

/// One `INDIVIDUAL` element to an entry. Only a missing reference number or name is an
/// error; values that cannot be interpreted become warnings naming the entry.
fn individual(
    node: &Node,
    offset: u64,
    warnings: &mut Vec<String>,
    path: &Path,
) -> Result<WatchlistEntry, Problem> {
    let id = node.text_of("REFERENCE_NUMBER").to_string();
    let at = |field: &str, message: &str| {
        Problem::new(
            Location::Byte {
                offset,
                entry: (!id.is_empty()).then(|| id.clone()),
            },
            Some(field),
            message,
        )
    };
    if id.is_empty() {
        return Err(at(
            "REFERENCE_NUMBER",
            "individual without a reference number",
        ));
    }
    let mut warn = |what: String| warnings.push(format!("{}: {id}: {what}", path.display()));

    let mut e = WatchlistEntry {
        id: id.clone(),
        list: list_name(node.text_of("UN_LIST_TYPE")),
        ..Default::default()
    };
    let primary = collapse_ws(
        &["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
            .iter()
            .map(|f| node.text_of(f))
            // `na` (not applicable) fills an empty part: TAi.153's FOURTH_NAME.
            .filter(|part| !["na", "n/a"].contains(&part.trim().to_ascii_lowercase().as_str()))
            .collect::<Vec<_>>()
            .join(" "),
    );
    push_name(&mut e.names, &primary, NameQuality::Primary);
    // What the aliases say about themselves (`COMBAT NAME`, `false identity ...`): kept
    // in the remarks, ahead of the comments, for the officer who reviews a hit.
    let mut notes: Vec<String> = Vec::new();
    for alias in node.all("INDIVIDUAL_ALIAS") {
        let quality = match alias.text_of("QUALITY") {
            "Good" => NameQuality::Good,
            _ => NameQuality::Low,
        };
        for (name, script) in alias_names_and_notes(alias.text_of("ALIAS_NAME"), &mut notes) {
            // An entry without a primary name keeps its first alias as the primary.
            let q = if e.names.is_empty() {
                NameQuality::Primary
            } else if script {
                NameQuality::OriginalScript
            } else {
                quality
            };
            push_name(&mut e.names, &name, q);
        }
        // Some aliases carry their own date of birth.
        let dob = alias.text_of("DATE_OF_BIRTH");
        if !dob.is_empty() {
            match parse_un_date(dob) {
                Some(d) if !e.dobs.contains(&d) => e.dobs.push(d),
                Some(_) => {}
                None => warn(format!("alias date of birth {dob:?} not understood")),
            }
        }
    }
    for original in node.all("NAME_ORIGINAL_SCRIPT") {
        push_name(
            &mut e.names,
            original.text.trim(),
            NameQuality::OriginalScript,
        );
    }
    if e.names.is_empty() {
        return Err(at("FIRST_NAME", "individual without any name"));
    }

    for dob in node.all("INDIVIDUAL_DATE_OF_BIRTH") {
        match date_of_birth(dob) {
            Ok(Some(d)) if !e.dobs.contains(&d) => e.dobs.push(d),
            Ok(_) => {}
            Err(what) => warn(format!("date of birth not understood: {what}")),
        }
    }

    for nat in node.all("NATIONALITY") {
        for v in nat.all("VALUE") {
            let v = v.text.trim();
            // "na": not available.
            if v.is_empty() || v.eq_ignore_ascii_case("na") || v.eq_ignore_ascii_case("n/a") {
                continue;
            }
            match Country::from_name(v) {
                Some(c) if !e.nationalities.contains(&c) => e.nationalities.push(c),
                Some(_) => {}
                None => warn(format!("nationality {v:?} is not a known country; ignored")),
            }
        }
    }

    for doc in node.all("INDIVIDUAL_DOCUMENT") {
        let number = document_number(doc.text_of("NUMBER"));
        if number.is_empty() {
            continue;
        }
        let kind = doc.text_of("TYPE_OF_DOCUMENT");
        let doc_type = document_type(kind);
        let issuer_text = [
            doc.text_of("ISSUING_COUNTRY"),
            doc.text_of("COUNTRY_OF_ISSUE"),
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("");
        let issuer = match Country::from_name(issuer_text) {
            Some(c) => c.to_string(),
            None => {
                if !issuer_text.is_empty() {
                    warn(format!(
                        "document issuer {issuer_text:?} is not a known country; kept as written"
                    ));
                }
                issuer_text.to_string()
            }
        };
        e.documents.push(Document {
            doc_type,
            issuer,
            number,
        });
    }

    let comments = collapse_ws(node.text_of("COMMENTS1"));
    e.gender = Gender::parse(node.text_of("GENDER"))
        .ok()
        .or_else(|| gender_in_comments(&comments));
    e.remarks = if notes.is_empty() {
        truncate_chars(&comments, REMARKS_MAX)
    } else {
        let notes = format!("Alias notes: {}.", notes.join("; "));
        truncate_chars(
            collapse_ws(&format!("{notes} {comments}")).as_str(),
            REMARKS_MAX,
        )
    };
    Ok(e)
}

/// `TYPE_OF_DOCUMENT` to a document code: passports `P`, national identity `I`, others
/// as written.
fn document_type(kind: &str) -> String {
    let k = kind.trim().to_lowercase();
    if k == "passport" || k.contains("passeport") || k.contains("pasaporte") {
        "P".into()
    } else if k.starts_with("national identification") || k.contains("identity card") {
        "I".into()
    } else {
        kind.trim().to_string()
    }
}

/// UN numbers are sometimes prose ("Qatari passport number 00868774", "CAR diplomatic
/// passport no. D00000897"): keep what follows "number"/"no.", then drop spaces.
fn document_number(text: &str) -> String {
    let lower = text.to_lowercase();
    let start = ["number", "no."]
        .iter()
        .filter_map(|k| lower.rfind(k).map(|i| i + k.len()))
        .max()
        .filter(|&i| text[i..].chars().any(|c| c.is_ascii_digit()))
        .unwrap_or(0);
    text.get(start..)
        .unwrap_or(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// `Gender: Male.`, `Gender [Male]`, `Gender:  male` in `COMMENTS1`.
fn gender_in_comments(comments: &str) -> Option<Gender> {
    let i = comments.find("Gender")?;
    let rest = comments[i + "Gender".len()..].trim_start_matches(|c: char| !c.is_alphabetic());
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    match word.to_lowercase().as_str() {
        "male" => Some(Gender::M),
        "female" => Some(Gender::F),
        _ => None,
    }
}

/// A `DATE` value: `YYYY-MM-DD` (also with `00` for unknown month or day, and with a
/// time zone suffix that some mirrors add).
fn parse_un_date(text: &str) -> Option<DobSpec> {
    let t = text.trim();
    let t = t.get(..10).filter(|_| t.len() > 10).unwrap_or(t);
    if let Ok(d) = PartialDate::parse(t) {
        return Some(DobSpec::Date(d));
    }
    let t = t.trim_end_matches("-00").trim_end_matches("-00");
    PartialDate::parse(t).ok().map(DobSpec::Date)
}

fn parse_year(text: &str) -> Option<u16> {
    let t = text.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// One `INDIVIDUAL_DATE_OF_BIRTH`. `Ok(None)` for the empty placeholder the list writes
/// when no date is known; `Err` describes a date that is there but unreadable.
fn date_of_birth(node: &Node) -> Result<Option<DobSpec>, String> {
    let kind = node.text_of("TYPE_OF_DATE").to_ascii_uppercase();
    let date = node.text_of("DATE");
    let year = node.text_of("YEAR");
    let (from, to) = (node.text_of("FROM_YEAR"), node.text_of("TO_YEAR"));
    if !from.is_empty() || !to.is_empty() || kind == "BETWEEN" {
        return match (parse_year(from), parse_year(to)) {
            (Some(a), Some(b)) if a <= b => Ok(Some(DobSpec::Range { from: a, to: b })),
            (Some(a), Some(b)) => Ok(Some(DobSpec::Range { from: b, to: a })),
            (Some(y), None) | (None, Some(y)) => Ok(Some(year_spec(y)?)),
            _ => Err(format!("{kind} from {from:?} to {to:?}")),
        };
    }
    if !date.is_empty() {
        return parse_un_date(date)
            .map(Some)
            .ok_or_else(|| format!("{kind} date {date:?}"));
    }
    if !year.is_empty() {
        return match parse_year(year) {
            Some(y) => year_spec(y).map(Some),
            None => Err(format!("{kind} year {year:?}")),
        };
    }
    Ok(None)
}

fn year_spec(year: u16) -> Result<DobSpec, String> {
    PartialDate::new(year, None, None)
        .map(DobSpec::Date)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<ListFile, WatchlistError> {
        read(s.as_bytes(), Path::new("un.xml"))
    }

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-05-08T23:00:06.922Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <FIRST_NAME> ABU  </FIRST_NAME><SECOND_NAME>BAKR &amp; CO</SECOND_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
      <GENDER>Female</GENDER>
      <NAME_ORIGINAL_SCRIPT>أبو بكر</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Gender: Male.</COMMENTS1>
      <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE><VALUE>Atlantis</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>A B; C D ;</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1961</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE/></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>Qatari passport number 00868774</NUMBER><COUNTRY_OF_ISSUE>Qatar</COUNTRY_OF_ISSUE></INDIVIDUAL_DOCUMENT>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES><ENTITY><FIRST_NAME>SOME FRONT</FIRST_NAME><REFERENCE_NUMBER>QDe.1</REFERENCE_NUMBER></ENTITY></ENTITIES>
</CONSOLIDATED_LIST>"#;

    #[test]
    fn reads_a_small_list() {
        let l = read_str(SMALL).unwrap();
        assert_eq!(l.entries.len(), 1, "entities are skipped");
        let e = &l.entries[0];
        assert_eq!(e.id, "QDi.999");
        assert_eq!(e.list, "UN-ISIL-AQ");
        let names: Vec<(&str, NameQuality)> = e
            .names
            .iter()
            .map(|n| (n.name.as_str(), n.quality))
            .collect();
        assert_eq!(
            names,
            [
                ("ABU BAKR & CO", NameQuality::Primary),
                ("A B", NameQuality::Low),
                ("C D", NameQuality::Low),
                ("أبو بكر", NameQuality::OriginalScript),
            ]
        );
        assert_eq!(
            e.dobs,
            [
                DobSpec::Range {
                    from: 1960,
                    to: 1962
                },
                DobSpec::Date(PartialDate::new(1961, None, None).unwrap())
            ]
        );
        assert_eq!(e.nationalities, [Country::from_code("IRN").unwrap()]);
        // The GENDER element wins over the comments.
        assert_eq!(e.gender, Some(Gender::F));
        assert_eq!(
            e.documents,
            [Document {
                doc_type: "P".into(),
                issuer: "QAT".into(),
                number: "00868774".into()
            }]
        );
        assert!(l
            .warnings
            .iter()
            .any(|w| w.contains("QDi.999") && w.contains("Atlantis")));
        assert_eq!(
            l.source,
            "un.xml (UN XML, generated 2026-05-08, 1 individuals)"
        );
    }

    #[test]
    fn truncated_xml_is_an_error_naming_the_entry() {
        let cut = &SMALL[..SMALL.find("<INDIVIDUAL_DOCUMENT>").unwrap()];
        let err = read_str(cut).unwrap_err();
        let msg = err.to_string();
        assert!(err.is_input_error());
        assert!(msg.contains("un.xml"), "{msg}");
        assert!(msg.contains("QDi.999"), "{msg}");
        assert!(msg.contains("byte"), "{msg}");
    }

    #[test]
    fn broken_xml_is_an_error() {
        let broken = SMALL.replace("</SECOND_NAME>", "</SECOND>");
        let err = read_str(&broken).unwrap_err();
        assert!(err.to_string().contains("malformed XML"), "{err}");
        let err = read_str("<OTHER_LIST></OTHER_LIST>").unwrap_err();
        assert!(err.to_string().contains("CONSOLIDATED_LIST"), "{err}");
        let err = read_str("").unwrap_err();
        assert!(err.is_input_error());
        let no_ref = SMALL.replace("<REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>", "");
        let err = read_str(&no_ref).unwrap_err();
        assert!(err.to_string().contains("REFERENCE_NUMBER"), "{err}");
    }

    #[test]
    fn helpers() {
        assert_eq!(list_name("Al-Qaida"), "UN-ISIL-AQ");
        assert_eq!(list_name("DPRK"), "UN-DPRK");
        assert_eq!(list_name("South Sudan"), "UN-SOUTH-SUDAN");
        assert_eq!(gender_in_comments("x Gender [Male]. y"), Some(Gender::M));
        assert_eq!(gender_in_comments("Gender:  female"), Some(Gender::F));
        assert_eq!(gender_in_comments("none"), None);
        assert_eq!(document_number("BN 4196361"), "BN4196361");
        assert_eq!(
            document_number("CAR diplomatic passport no. D00000897"),
            "D00000897"
        );
        assert_eq!(document_type("Numéro de passeport "), "P");
        assert_eq!(document_type("National Identification Number"), "I");
        assert_eq!(document_type("Driving licence"), "Driving licence");
        assert_eq!(
            parse_un_date("1965-00-00"),
            Some(DobSpec::Date(PartialDate::new(1965, None, None).unwrap()))
        );
    }
}
