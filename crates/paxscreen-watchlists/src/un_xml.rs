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

/// The names an `ALIAS_NAME` holds, each with whether it is the other-script part of an
/// alias with parentheses (no Latin letter). Besides the `;` between names, the list writes:
/// - another rendering in parentheses: `عبدالله السندي (Abdullah Sindhi)`,
///   `حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)`, `Jin Tiesan (金铁三)`: each is a
///   name of its own;
/// - `(original script: Амир Хазмат)`: the original-script name;
/// - one word in parentheses after a word, its other spelling: `Lom-ali Butayev
///   (Butaev)` is also `Lom-ali Butaev`; before the name, a title: `(Sheikh) Musa Hilal`;
/// - notes: `(COMBAT NAME)`, `(birth name)`, `(previously listed as)`, `(third)`,
///   `(false identity related to ... 6910275240086 ...)`, `, born 1 Jan. 1953`,
///   ` born in 1963`: dropped;
/// - names enumerated `a) ... b) ...`, and a stray `)`.
///
/// Read as they stand, these became names such as `Abu Bakr al-Baghdadi)` in hits, and
/// mixed names (`عبدالله السندي (Abdullah Sindhi)`, `EL PARA (COMBAT NAME)`) whose
/// extra tokens kept a traveller named exactly `Abdullah Sindhi` under the threshold.
pub(crate) fn alias_names(text: &str) -> Vec<(String, bool)> {
    alias_names_and_notes(text, &mut Vec::new())
}

/// [`alias_names`], with the notes it drops pushed onto `notes` as `NAME: note`, so
/// that they can go into the entry's remarks instead of vanishing (`EL PARA: COMBAT
/// NAME`).
pub(crate) fn alias_names_and_notes(text: &str, notes: &mut Vec<String>) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    // `mixed`: the name came out of an alias that held parentheses, where one part is
    // usually the other script's; a whole alias keeps the list's quality.
    let mut push = |name: &str, mixed: bool| {
        // (A parenthesis or `;` nested in a group, never seen in a list, goes too.)
        let name = name.replace(['(', ')', ';'], " ");
        let name = collapse_ws(name.trim_matches(|c: char| c.is_whitespace() || c == ','));
        // The full stop of a dropped note: `Lt. Col. (Rtd). Abd`.
        let name = name.replace(" . ", " ");
        if name.chars().any(char::is_alphabetic) && !out.iter().any(|(n, _)| *n == name) {
            let script = mixed && !name.chars().any(|c| c.is_ascii_alphabetic());
            out.push((name, script));
        }
    };
    for piece in top_level_pieces(text) {
        // The words outside parentheses, and each group inside with the index of the
        // outside word it follows (None at the start).
        let mut outside = String::new();
        let mut groups: Vec<(Option<usize>, String)> = Vec::new();
        let mut depth = 0usize;
        for c in piece.chars() {
            match c {
                '(' => {
                    if depth == 0 {
                        let words = outside.split_whitespace().count();
                        groups.push((words.checked_sub(1), String::new()));
                        outside.push(' ');
                    } else if let Some(g) = groups.last_mut() {
                        g.1.push(c);
                    }
                    depth += 1;
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth > 0 {
                        if let Some(g) = groups.last_mut() {
                            g.1.push(c);
                        }
                    }
                }
                _ if depth > 0 => {
                    if let Some(g) = groups.last_mut() {
                        g.1.push(c);
                    }
                }
                _ => outside.push(c),
            }
        }
        // A date or place of birth written into the name: `..., born 1 Jan. 1953`,
        // `... born in 1963`.
        let mut dropped: Vec<String> = Vec::new();
        if let Some(at) = [", born ", " born in ", " born on "]
            .iter()
            .filter_map(|m| outside.find(m))
            .min()
        {
            let born = outside[at..].trim_start_matches(',').trim();
            dropped.push(collapse_ws(born));
            outside.truncate(at);
        }
        let words: Vec<&str> = outside.split_whitespace().collect();
        let mut respelled: Vec<String> = Vec::new();
        let mut title: Option<String> = None;
        let mut renderings: Vec<String> = Vec::new();
        let mut script_names: Vec<String> = Vec::new();
        for (after, content) in &groups {
            let content = content.trim();
            if let Some(rest) = content
                .get(..16)
                .filter(|h| h.eq_ignore_ascii_case("original script:"))
                .and_then(|_| content.get(16..))
            {
                script_names.push(rest.to_string());
            } else if is_alias_note(content) {
                if !content.is_empty() {
                    dropped.push(collapse_ws(content));
                }
                continue;
            } else if !content.contains(char::is_whitespace)
                && content.chars().any(|c| c.is_ascii_alphabetic())
                && words.len() >= 2
            {
                match after {
                    // (A word cut off with a `, born ...` has no other spelling.)
                    Some(i) if *i < words.len() => {
                        let mut w: Vec<&str> = words.clone();
                        w[*i] = content;
                        respelled.push(w.join(" "));
                    }
                    Some(_) => {}
                    None => title = Some(content.to_string()),
                }
            } else {
                renderings.extend(top_level_pieces(content));
            }
        }
        let mixed = !groups.is_empty();
        if !dropped.is_empty() {
            notes.push(format!("{}: {}", words.join(" "), dropped.join("; ")));
        }
        match title {
            Some(t) => push(&format!("{t} {}", words.join(" ")), mixed),
            None => push(&words.join(" "), mixed),
        }
        for n in respelled.iter().chain(&renderings).chain(&script_names) {
            push(n, mixed);
        }
    }
    out
}

/// Words that make a parenthesized part of an alias a note about it, not a name.
const ALIAS_NOTE_WORDS: &[&str] = &[
    "name",
    "names",
    "listed",
    "identity",
    "born",
    "birth",
    "passport",
    "third",
    "second",
    "formerly",
    "previously",
    "false",
    "alias",
    "known",
    "combat",
    "nickname",
    "nom",
    "rtd",
    "retd",
    "retired",
];

fn is_alias_note(content: &str) -> bool {
    content.is_empty()
        || content.chars().any(|c| c.is_ascii_digit())
        || content
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ALIAS_NOTE_WORDS.iter().any(|n| w.eq_ignore_ascii_case(n)))
}

/// `text` split at the `;` outside parentheses and at enumeration marks (`b)` with no
/// `(` before it); a `)` without its `(` is dropped.
fn top_level_pieces(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut depth = 0usize;
    for c in text.chars() {
        let cur = pieces.last_mut().expect("never empty");
        match c {
            ';' if depth == 0 => pieces.push(String::new()),
            '(' => {
                depth += 1;
                cur.push(c);
            }
            ')' if depth == 0 => {
                // `a)` / `b)`: a one-letter word before it marks an enumeration.
                let trimmed = cur.trim_end();
                let mut rev = trimmed.chars().rev();
                let (letter, before) = (rev.next(), rev.next());
                if letter.is_some_and(|l| l.is_ascii_lowercase())
                    && before.is_none_or(char::is_whitespace)
                    && trimmed.len() == cur.len()
                {
                    let keep = trimmed.len() - 1;
                    cur.truncate(keep);
                    pieces.push(String::new());
                }
            }
            ')' => {
                depth -= 1;
                cur.push(c);
            }
            _ => cur.push(c),
        }
    }
    pieces.retain(|p| !p.trim().is_empty());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_names_read_the_lists_parentheses_and_notes() {
        let latin = |text: &str| -> Vec<String> {
            alias_names(text)
                .into_iter()
                .map(|(n, script)| if script { format!("[{n}]") } else { n })
                .collect()
        };
        // Every shape the UN list of 2026-05-08 writes.
        for (text, want) in [
            ("A B; C D ;", vec!["A B", "C D"]),
            ("عبدالله السندي (Abdullah Sindhi)", vec!["[عبدالله السندي]", "Abdullah Sindhi"]),
            (
                "أبو بكر البغدادي الحسيني القريشي (Abu Bakr al-Baghdadi al-Husayni al-Quraishi; Abu Bakr al-Baghdadi)",
                vec![
                    "[أبو بكر البغدادي الحسيني القريشي]",
                    "Abu Bakr al-Baghdadi al-Husayni al-Quraishi",
                    "Abu Bakr al-Baghdadi",
                ],
            ),
            ("Ibrahim Hassan Tali Asiri (إبراهيم حسن طالع عسيري)", vec!["Ibrahim Hassan Tali Asiri", "[إبراهيم حسن طالع عسيري]"]),
            ("Jin Tiesan (金铁三)", vec!["Jin Tiesan", "[金铁三]"]),
            ("Amir Khazmat (original script: Амир Хазмат)", vec!["Amir Khazmat", "[Амир Хазмат]"]),
            ("Lom-ali Butayev (Butaev)", vec!["Lom-ali Butayev", "Lom-ali Butaev"]),
            ("(Sheikh) Musa Hilal", vec!["Sheikh Musa Hilal"]),
            ("EL PARA (COMBAT NAME)", vec!["EL PARA"]),
            ("Encep Nurjaman (birth name)", vec!["Encep Nurjaman"]),
            ("Ezatullah Haqqani (previously listed as)", vec!["Ezatullah Haqqani"]),
            ("Hilarion Santos, III (third)", vec!["Hilarion Santos, III"]),
            (
                "Abdel Ilah Sabri (false identity related to fraudulent South African identification number 6910275240086 linked to South African passport number 434021161, both documents have been confiscated)",
                vec!["Abdel Ilah Sabri"],
            ),
            (
                "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239, date of issue 4 May 2014, expiry 3 May 2024.)",
                vec!["Safia Farkash Mohammed Al-Hadad"],
            ),
            (
                "Akhter Mohmad son of Noor Mohmad (اختر محمد ولد نور محمد ),",
                vec!["Akhter Mohmad son of Noor Mohmad", "[اختر محمد ولد نور محمد]"],
            ),
            (
                "Mohammed Sabet; Mohammad Sabet b) M. Javad Kareemi Sabet; M. Jawad Karimi Sabet",
                vec!["Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet", "M. Jawad Karimi Sabet"],
            ),
            (") Abdelrahman Mouhamad Zafir al Dabissi Juhan", vec!["Abdelrahman Mouhamad Zafir al Dabissi Juhan"]),
            // Unbalanced or empty: nothing lost, nothing panics.
            ("Abu (Bakr", vec!["Abu", "Bakr"]),
            ("Abu Bakr ()", vec!["Abu Bakr"]),
            ("Abu Bakr, born in Kandahar (Bakar)", vec!["Abu Bakr"]),
            ("Mohammad Ishaq Akhund born in 1963", vec!["Mohammad Ishaq Akhund"]),
            // OFAC's, read the same way.
            ("Ahmad (Ahmed) SANTOS", vec!["Ahmad SANTOS", "Ahmed SANTOS"]),
            ("Lt. Col. (Rtd). Abd Manaf KASMURI", vec!["Lt. Col. Abd Manaf KASMURI"]),
            ("((", vec![]),
            ("", vec![]),
        ] {
            assert_eq!(latin(text), want, "{text}");
        }
    }

    #[test]
    fn alias_notes_are_kept_aside() {
        let mut notes = Vec::new();
        for text in [
            "EL PARA (COMBAT NAME)",
            "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no.03825239)",
            "Jin Tiesan (金铁三)",
        ] {
            alias_names_and_notes(text, &mut notes);
        }
        assert_eq!(
            notes,
            [
                "EL PARA: COMBAT NAME",
                "Safia Farkash Mohammed Al-Hadad: born 1 Jan. 1953; Oman passport no.03825239"
            ]
        );
    }

    proptest::proptest! {
        /// Any alias text, parentheses and enumerations anywhere: no panic, and every
        /// name out is trimmed, non-empty and free of parentheses.
        #[test]
        fn alias_names_never_panic(text in "[A-Za-z ();,.a-c)0-9\u{627}-\u{64a}]{0,40}") {
            for (name, _) in alias_names(&text) {
                proptest::prop_assert!(!name.is_empty() && name.trim() == name);
                proptest::prop_assert!(!name.contains(['(', ')', ';']), "{text:?} -> {name:?}");
            }
        }
    }

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
