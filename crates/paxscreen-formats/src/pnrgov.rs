//! IATA PNRGOV (PNR push to governments) reader.
//!
//! Structure per the IATA PADIS PNRGOV Implementation Guide (10.1 .. 17.1) as
//! implemented by GTAS PnrGovParser: level 0 `MSG`, `ORG`, `TVL` (the pushed flight),
//! `EQN` (number of PNRs); then one group 1 per PNR starting with an empty `SRC`, with
//! `RCI` (record locators), group 2 per traveller starting with `TIF`
//! (`TIF+SURNAME+GIVENTITLE:PTC:REF`), SSRs linked to travellers by their reference
//! (`SSR+DOCS:HK:1:ZZ:::::/free text+::REF`), and group 5 flight segments (`TVL`)
//! that repeat the `TIF`s of the travellers booked on them.

use crate::edifact::{Message, Segment};
use crate::util::{self, Ids};
use paxscreen_core::{Document, Gender, RejectedTraveller, Traveller, TravellerRecord};

/// AIRIMP titles that booking systems glue to the end of the given names.
const TITLES: [&str; 6] = ["MSTR", "MISS", "MRS", "MR", "MS", "DR"];

/// Removes an AIRIMP title from the end of TIF given names: a separate last word
/// (`NINA MS`), or glued to the last word (`JOHNMR`, `ANNAMRS`, `MOANMISS`) when at
/// least two letters remain. Returns the cleaned names and the title removed.
pub fn strip_title(given: &str) -> (String, Option<&'static str>) {
    let g = util::clean(given);
    let words: Vec<&str> = g.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(last) = words.last() else {
        return (g, None);
    };
    let up = last.to_ascii_uppercase();
    if words.len() > 1 {
        if let Some(t) = TITLES.iter().find(|t| **t == up) {
            return (words[..words.len() - 1].join(" "), Some(t));
        }
    }
    // A glued DR is left to name matching, which keeps both readings: stripping it here
    // would turn ALEKSANDR into ALEKSAN in what the analyst sees.
    for t in TITLES.iter().filter(|t| **t != "DR") {
        if up.len() > t.len() && up.ends_with(t) {
            let rest = &last[..last.len() - t.len()];
            if rest.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                let mut w: Vec<&str> = words[..words.len() - 1].to_vec();
                w.push(rest);
                return (w.join(" "), Some(t));
            }
        }
    }
    (g, None)
}

/// The fields of an SSR DOCS free text (AIRIMP: /type/issuer/number/nationality/
/// DDMMMYY birth/gender/DDMMMYY expiry/surname/given/second given/H).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    /// Document type (P, IP, I, A, C, F).
    pub doc_type: String,
    /// Issuing state as written (2 or 3 letters).
    pub issuer: String,
    /// Document number.
    pub number: String,
    /// Nationality as written.
    pub nationality: String,
    /// Date of birth as written (DDMMMYY).
    pub dob: String,
    /// Gender (M, F, MI, FI, U).
    pub gender: String,
    /// Expiry as written.
    pub expiry: String,
    /// Surname.
    pub surname: String,
    /// Given names (first and second joined with a space).
    pub given_names: String,
}

impl Docs {
    /// Is this an infant's document (AIRIMP gender MI/FI)?
    pub fn is_infant(&self) -> bool {
        matches!(self.gender.as_str(), "MI" | "FI")
    }
}

fn gender_like(s: &str) -> bool {
    matches!(s.trim(), "M" | "F" | "MI" | "FI" | "U" | "X" | "")
}

/// Parses the SSR DOCS free text. Fields shifted by one (a missing or extra slash,
/// or no leading slash) are realigned on the date of birth followed by a gender.
pub fn parse_docs(text: &str) -> Docs {
    let fields: Vec<String> = text.split('/').map(|f| f.trim().to_string()).collect();
    let default_dob: usize = if text.trim_start().starts_with('/') {
        5
    } else {
        4
    };
    let mut dob_at = default_dob;
    let candidates: Vec<usize> = (2..fields.len())
        .filter(|&i| {
            util::looks_like_ddmmmyy(&fields[i])
                && fields.get(i + 1).map(|g| gender_like(g)).unwrap_or(true)
        })
        .collect();
    if !candidates.contains(&default_dob) {
        if let Some(&c) = candidates
            .iter()
            .min_by_key(|&&c| (c as isize - default_dob as isize).unsigned_abs())
        {
            dob_at = c;
        }
    }
    let f = |k: usize| -> String {
        // k = AIRIMP field number with the date of birth as field 5.
        let idx = dob_at as isize - 5 + k as isize;
        if idx < 0 {
            return String::new();
        }
        fields.get(idx as usize).cloned().unwrap_or_default()
    };
    let given: Vec<String> = [f(9), f(10)]
        .into_iter()
        .map(|g| util::clean(&g))
        .filter(|g| !g.is_empty())
        .collect();
    Docs {
        doc_type: f(1).to_ascii_uppercase(),
        issuer: f(2).to_ascii_uppercase(),
        number: f(3).replace(' ', "").to_ascii_uppercase(),
        nationality: f(4).to_ascii_uppercase(),
        dob: f(5).to_ascii_uppercase(),
        gender: f(6).to_ascii_uppercase(),
        expiry: f(7).to_ascii_uppercase(),
        surname: util::clean(&f(8)),
        given_names: given.join(" "),
    }
}

/// A traveller of the PNR being read.
struct Pax {
    t: Traveller,
    reference: String,
    raw_surname: String,
    raw_given: String,
    infant_tif: bool,
    seg: Segment,
    rejected: Option<String>,
    docs_seen: bool,
    /// Infants whose DOCS were filed under this adult (and no infant TIF matched).
    infants: Vec<Traveller>,
}

#[derive(Default)]
struct Pnr {
    locator: Option<String>,
    flight: Option<String>,
    pax: Vec<Pax>,
    /// Infant DOCS (gender MI/FI) filed under an adult: (adult index, fields, SSR).
    /// Resolved when the PNR ends, since the infant's own TIF may come later.
    infant_docs: Vec<(usize, Docs, Segment)>,
    /// SSRs with the index of the last TIF before them; linked when the PNR ends, so
    /// that a reference to a TIF further down (or a TIF lost to a missing terminator
    /// and repeated later) still finds its traveller.
    ssrs: Vec<(Segment, Option<usize>)>,
}

/// Reads PNRGOV messages (groups as in [`crate::paxlst::read_messages`]).
pub fn read_messages(
    messages: &[Message],
    groups: &[Vec<usize>],
    source: &str,
    ids: &mut Ids,
    warnings: &mut Vec<String>,
) -> Vec<TravellerRecord> {
    let mut out = Vec::new();
    for group in groups {
        let Some(first) = group.first().map(|&i| &messages[i]) else {
            continue;
        };
        let msg_ref = first.reference.clone();
        let mut num = Numbering {
            msg_ref: &msg_ref,
            position: 0,
        };
        let mut level0_flight: Option<String> = None;
        let mut eqn: Option<(usize, String)> = None;
        let mut src_count = 0usize;
        for &mi in group {
            let m = &messages[mi];
            let mut pnr: Option<Pnr> = None;
            for seg in &m.segments {
                match seg.tag.as_str() {
                    "SRC" => {
                        if let Some(p) = pnr.take() {
                            flush(p, &mut num, source, ids, &level0_flight, &mut out, warnings);
                        }
                        src_count += 1;
                        pnr = Some(Pnr::default());
                    }
                    "UNT" => {
                        if let Some(p) = pnr.take() {
                            flush(p, &mut num, source, ids, &level0_flight, &mut out, warnings);
                        }
                    }
                    "TVL" => {
                        // TVL+date/time+DEP+ARR+carrier[:operating]+number[:class].
                        let f = format!("{}{}", seg.get(3, 0).trim(), seg.get(4, 0).trim());
                        let f = util::clean(&f);
                        match pnr.as_mut() {
                            None => {
                                if level0_flight.is_none() && !f.is_empty() {
                                    level0_flight = Some(f);
                                }
                            }
                            Some(p) => {
                                if p.flight.is_none() && !seg.get(3, 0).trim().is_empty() {
                                    p.flight = Some(f);
                                }
                            }
                        }
                    }
                    "EQN" if pnr.is_none() => {
                        // Level 0 EQN+n: PNRs in the whole push.
                        if let Ok(n) = seg.get(0, 0).trim().parse::<usize>() {
                            eqn = Some((n, seg.position()));
                        }
                    }
                    "RCI" => {
                        if let Some(p) = pnr.as_mut() {
                            if p.locator.is_none() {
                                let l = seg.get(0, 1).trim();
                                if !l.is_empty() {
                                    p.locator = Some(l.to_string());
                                }
                            }
                        }
                    }
                    "TIF" => {
                        if pnr.is_none() {
                            // PNRGOV IG: every PNR starts with an empty SRC; some
                            // senders omit it. Read the TIF into an implicit PNR.
                            warnings.push(format!(
                                "{}: TIF before any SRC; read as part of an implicit PNR",
                                seg.position()
                            ));
                            src_count += 1;
                        }
                        let p = pnr.get_or_insert_with(Pnr::default);
                        tif(p, seg, source, warnings);
                    }
                    "SSR" => {
                        if let Some(p) = pnr.as_mut() {
                            let code = seg.get(0, 0).trim().to_ascii_uppercase();
                            if matches!(code.as_str(), "DOCS" | "DOCO" | "DOCA") {
                                let last = p.pax.len().checked_sub(1);
                                p.ssrs.push((seg.clone(), last));
                            }
                        }
                    }
                    _ => {}
                }
            }
            if let Some(p) = pnr.take() {
                flush(p, &mut num, source, ids, &level0_flight, &mut out, warnings);
            }
        }
        if let Some((n, pos)) = eqn {
            if n != src_count && group.len() == 1 && messages[group[0]].sequence.unwrap_or(1) == 1 {
                warnings.push(format!(
                    "{pos}: EQN declares {n} PNRs, message {msg_ref} has {src_count}"
                ));
            }
        }
    }
    out
}

fn tif(p: &mut Pnr, seg: &Segment, source: &str, warnings: &mut Vec<String>) {
    let surname = util::clean(seg.get(0, 0));
    let qualifier = seg.get(0, 1).trim().to_ascii_uppercase();
    let raw_given = util::clean(seg.get(1, 0));
    let ptc = seg.get(1, 1).trim().to_ascii_uppercase();
    let reference = seg.get(1, 2).trim().to_string();
    if qualifier == "G" && raw_given.is_empty() {
        warnings.push(format!(
            "{}: group name TIF {surname:?} is not a traveller; skipped",
            seg.position()
        ));
        return;
    }
    // The same traveller is repeated under each flight segment (group 5/7): only the
    // first TIF with a given reference (or name, without one) is a traveller.
    let dup = p.pax.iter().any(|x| {
        if reference.is_empty() {
            x.reference.is_empty() && x.raw_surname == surname && x.raw_given == raw_given
        } else {
            x.reference == reference
        }
    });
    if dup {
        return;
    }
    let mut t = Traveller {
        source: source.to_string(),
        role: Some(if ptc == "IN" { "infant" } else { "passenger" }.to_string()),
        ..Traveller::default()
    };
    // AIRIMP: a one-letter surname is doubled (TIF+YY+MOANMISS).
    let chars: Vec<char> = surname.chars().collect();
    t.surname = if chars.len() == 2 && chars[0] == chars[1] && chars[0].is_alphabetic() {
        chars[0].to_string()
    } else {
        surname.clone()
    };
    let (given, title) = strip_title(&raw_given);
    if title.is_none() && TITLES.contains(&raw_given.to_ascii_uppercase().as_str()) {
        // TIF+ATUYETMAIVAN+MISS: the single-letter surname merged with the given names.
        t.warnings.push(format!(
            "given names are only the title {raw_given:?}: surname and given names may be merged"
        ));
        t.given_names = String::new();
    } else {
        t.given_names = given;
    }
    let rejected = if t.surname.is_empty() && t.given_names.is_empty() {
        Some("TIF has no surname and no given names".to_string())
    } else {
        None
    };
    p.pax.push(Pax {
        t,
        reference,
        raw_surname: surname,
        raw_given,
        infant_tif: ptc == "IN",
        seg: seg.clone(),
        rejected,
        docs_seen: false,
        infants: Vec::new(),
    });
}

/// Which traveller an SSR belongs to: its reference (`+::REF`), else the last TIF
/// before it, else the only traveller of the PNR.
fn target(
    p: &Pnr,
    seg: &Segment,
    last: Option<usize>,
    warnings: &mut Vec<String>,
) -> Option<usize> {
    let reference = seg.get(1, 2).trim();
    if !reference.is_empty() {
        if let Some(i) = p.pax.iter().position(|x| x.reference == reference) {
            return Some(i);
        }
    }
    let fallback = last.or(if p.pax.len() == 1 { Some(0) } else { None });
    match fallback {
        Some(i) => {
            if !reference.is_empty() && p.pax.len() > 1 {
                warnings.push(format!(
                    "{}: SSR refers to unknown traveller {reference:?}; linked to the TIF before it",
                    seg.position()
                ));
            }
            Some(i)
        }
        None => {
            warnings.push(format!(
                "{}: SSR {} linked to no traveller (no TIF before it, no matching reference); ignored",
                seg.position(),
                seg.get(0, 0).trim()
            ));
            None
        }
    }
}

fn ssr(p: &mut Pnr, seg: &Segment, last: Option<usize>, warnings: &mut Vec<String>) {
    let code = seg.get(0, 0).trim().to_ascii_uppercase();
    if !matches!(code.as_str(), "DOCS" | "DOCO" | "DOCA") {
        return;
    }
    let Some(el) = seg.element(0) else { return };
    if el.components.len() < 2 {
        return;
    }
    // The free text is the last component of the first composite (PNRGOV IG SSR 4440).
    let text = el.components.last().cloned().unwrap_or_default();
    if text.trim().is_empty() {
        return;
    }
    let Some(i) = target(p, seg, last, warnings) else {
        return;
    };
    match code.as_str() {
        "DOCS" => {
            let d = parse_docs(&text);
            apply_docs(p, i, &d, seg);
        }
        "DOCO" => {
            // DOCO: birthplace/type (V visa)/number/issue place/issue date/applicable state.
            let mut f: Vec<&str> = text.split('/').map(str::trim).collect();
            if text.trim_start().starts_with('/') {
                f.remove(0);
            }
            let number = f.get(2).map(|n| n.replace(' ', "")).unwrap_or_default();
            let pax = &mut p.pax[i];
            if number.is_empty() {
                pax.t.warnings.push(format!(
                    "{}: SSR DOCO without a document number",
                    seg.position()
                ));
                return;
            }
            let doc = Document {
                doc_type: f
                    .get(1)
                    .map(|s| s.to_ascii_uppercase())
                    .filter(|s| !s.is_empty())
                    .unwrap_or_else(|| "V".into()),
                issuer: f.get(5).map(|s| util::issuer(s)).unwrap_or_default(),
                number: number.to_ascii_uppercase(),
            };
            push_doc(&mut pax.t, doc);
        }
        // DOCA (addresses) is not screened.
        _ => {}
    }
}

fn push_doc(t: &mut Traveller, doc: Document) {
    let n = doc.normalized_number();
    if !t
        .documents
        .iter()
        .any(|d| d.normalized_number() == n && d.doc_type == doc.doc_type)
    {
        t.documents.push(doc);
    }
}

/// Applies DOCS fields to a traveller: document names win over TIF names (they are
/// the document's: `KEVIN MICHAEL` over the TIF's glued `KEVINMICHAEL`), except a
/// surname that only differs from the TIF's by spaces, which are wraps of the SSR
/// line (`TESTSURNA METHREE`, `BEL T` in GTAS pnr_split.edi and infant.edi).
fn fill(t: &mut Traveller, raw_tif_given: &str, d: &Docs, seg: &Segment, first: bool) {
    if first {
        if !d.surname.is_empty() && util::compact(&d.surname) != util::compact(&t.surname) {
            t.surname = d.surname.clone();
        }
        if !d.given_names.is_empty() {
            let mut g = d.given_names.clone();
            // Titles copied from the TIF into the DOCS given names (MOLLYMRS, NINA MS).
            let first_word = g.split(' ').next().unwrap_or("").to_string();
            let tif_first = raw_tif_given.split(' ').next().unwrap_or("");
            if first_word.eq_ignore_ascii_case(tif_first) {
                let (stripped, title) = strip_title(&first_word);
                if title.is_some() {
                    g = format!("{stripped}{}", &g[first_word.len()..]);
                }
            }
            // A separate trailing title word (TESTNAMEONE MRS).
            let mut words: Vec<&str> = g.split(' ').collect();
            if words.len() > 1
                && TITLES.contains(&words[words.len() - 1].to_ascii_uppercase().as_str())
            {
                words.pop();
            }
            let g = words.join(" ");
            // Equal but for spaces: a TIF that itself has spaces (`KONG CHUN`) was not
            // glued, so the DOCS spaces are wraps (`KON G CHUN`); keep the TIF's.
            let wrap_only =
                util::compact(&g) == util::compact(&t.given_names) && t.given_names.contains(' ');
            if !g.is_empty() && !wrap_only {
                t.given_names = g;
            }
        }
    }
    if !d.dob.is_empty() && t.dob.is_none() {
        match util::parse_ddmmmyy_dob(&d.dob) {
            Ok(x) => t.dob = Some(x),
            Err(e) => t.warnings.push(format!("{}: SSR DOCS {e}", seg.position())),
        }
    }
    if t.gender.is_none() && !d.gender.is_empty() {
        if let Ok(g) = Gender::parse(&d.gender) {
            t.gender = Some(g);
        }
    }
    if t.nationality.is_none() && !d.nationality.is_empty() {
        match util::country(&d.nationality) {
            Ok(c) => t.nationality = Some(c),
            Err(e) => {
                let w = format!("{}: SSR DOCS {e}", seg.position());
                if !t.warnings.contains(&w) {
                    t.warnings.push(w);
                }
            }
        }
    }
    if !d.number.is_empty() {
        push_doc(
            t,
            Document {
                doc_type: d.doc_type.clone(),
                issuer: util::issuer(&d.issuer),
                number: d.number.clone(),
            },
        );
    }
}

fn apply_docs(p: &mut Pnr, i: usize, d: &Docs, seg: &Segment) {
    if d.is_infant() && !p.pax[i].infant_tif {
        // AIRIMP: an infant without a seat has its DOCS (gender MI/FI) under the adult.
        p.infant_docs.push((i, d.clone(), seg.clone()));
        return;
    }
    let first = !p.pax[i].docs_seen;
    p.pax[i].docs_seen = true;
    let raw = p.pax[i].raw_given.clone();
    fill(&mut p.pax[i].t, &raw, d, seg, first);
}

/// Gives each infant DOCS filed under an adult to the matching infant TIF (same
/// surname, given names one a prefix of the other), or else to an extra infant
/// traveller after the adult (one per distinct infant).
fn resolve_infants(p: &mut Pnr) {
    for (i, d, seg) in std::mem::take(&mut p.infant_docs) {
        let ds = util::compact(&d.surname);
        let dg = util::compact(d.given_names.split(' ').next().unwrap_or(""));
        let matches_inf = |x: &Pax| {
            x.infant_tif
                && (ds.is_empty() || util::compact(&x.raw_surname) == ds)
                && (dg.is_empty() || {
                    let xg = util::compact(&x.t.given_names);
                    !xg.is_empty() && (xg.starts_with(&dg) || dg.starts_with(&xg))
                })
        };
        if let Some(j) = p.pax.iter().position(matches_inf) {
            let first = !p.pax[j].docs_seen;
            p.pax[j].docs_seen = true;
            let raw = p.pax[j].raw_given.clone();
            fill(&mut p.pax[j].t, &raw, &d, &seg, first);
            continue;
        }
        let adult = &mut p.pax[i];
        let existing = adult.infants.iter().position(|x| {
            util::compact(&x.surname) == ds
                && util::compact(x.given_names.split(' ').next().unwrap_or("")) == dg
        });
        match existing {
            Some(k) => fill(&mut adult.infants[k], "", &d, &seg, false),
            None => {
                let mut inf = Traveller {
                    source: adult.t.source.clone(),
                    role: Some("infant".into()),
                    ..Traveller::default()
                };
                fill(&mut inf, "", &d, &seg, true);
                if inf.surname.is_empty() {
                    inf.surname = adult.t.surname.clone();
                }
                inf.warnings.push(format!(
                    "{}: infant known only from an SSR DOCS under the adult's TIF",
                    seg.position()
                ));
                adult.infants.push(inf);
            }
        }
    }
}

/// Where travellers of a message are numbered: UNH reference and running position.
struct Numbering<'a> {
    msg_ref: &'a str,
    position: usize,
}

fn flush(
    p: Pnr,
    num: &mut Numbering,
    source: &str,
    ids: &mut Ids,
    level0_flight: &Option<String>,
    out: &mut Vec<TravellerRecord>,
    warnings: &mut Vec<String>,
) {
    let msg_ref = num.msg_ref;
    let position = &mut num.position;
    let mut p = p;
    for (seg, last) in std::mem::take(&mut p.ssrs) {
        ssr(&mut p, &seg, last, warnings);
    }
    resolve_infants(&mut p);
    let flight = level0_flight.clone().or(p.flight.clone());
    for pax in p.pax {
        *position += 1;
        let base = if pax.reference.is_empty() {
            format!("{msg_ref}#{position}")
        } else {
            match &p.locator {
                Some(l) => format!("{l}/{}", pax.reference),
                None => pax.reference.clone(),
            }
        };
        let id = ids.unique(&base);
        if let Some(reason) = pax.rejected {
            out.push(Err(RejectedTraveller {
                id,
                source: source.to_string(),
                position: pax.seg.position(),
                reason,
            }));
            continue;
        }
        let mut t = pax.t;
        let letters = t.check_name_has_letters();
        t.id = id.clone();
        t.flight = flight.clone();
        t.record_locator = p.locator.clone();
        out.push(match letters {
            Ok(()) => Ok(t),
            Err(reason) => Err(RejectedTraveller {
                id: id.clone(),
                source: source.to_string(),
                position: pax.seg.position(),
                reason,
            }),
        });
        for mut inf in pax.infants {
            *position += 1;
            inf.id = ids.unique(&format!("{id}/INF"));
            inf.flight = flight.clone();
            inf.record_locator = p.locator.clone();
            out.push(match inf.check_name_has_letters() {
                Ok(()) => Ok(inf),
                Err(reason) => Err(RejectedTraveller {
                    id: inf.id,
                    source: source.to_string(),
                    position: pax.seg.position(),
                    reason,
                }),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(strip_title("JOHNMR").0, "JOHN");
        assert_eq!(strip_title("ANNAMRS").0, "ANNA");
        assert_eq!(strip_title("MOANMISS").0, "MOAN");
        assert_eq!(strip_title("NINA MS").0, "NINA");
        assert_eq!(strip_title("KONG CHUN MRS").0, "KONG CHUN");
        assert_eq!(strip_title("LIMR").0, "LI");
        assert_eq!(strip_title("AMR").0, "AMR");
        assert_eq!(strip_title("MR").0, "MR");
        assert_eq!(strip_title("PETER").0, "PETER");
        assert_eq!(strip_title("SEJOONMR").0, "SEJOON");
    }

    #[test]
    fn docs_fields() {
        let d = parse_docs("/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SMITHJR/JONATHON/ROBERT");
        assert_eq!(d.doc_type, "P");
        assert_eq!(d.number, "123456789");
        assert_eq!(d.dob, "12JUL64");
        assert_eq!(d.surname, "SMITHJR");
        assert_eq!(d.given_names, "JONATHON ROBERT");
        let d = parse_docs("/////05FEB53/F//DORON/NINA");
        assert_eq!(d.dob, "05FEB53");
        assert_eq!(d.gender, "F");
        assert_eq!(d.surname, "DORON");
        assert_eq!(d.number, "");
        // No leading slash (as in LTS history lines).
        let d = parse_docs("P/KR/JR3364288/KR/10SEP72/M/05JUL16/PARK/SE JOON");
        assert_eq!(d.issuer, "KR");
        assert_eq!(d.number, "JR3364288");
        assert_eq!(d.given_names, "SE JOON");
        // Shifted by one (a missing slash).
        let d = parse_docs("/P/GBR123456789/GBR/12JUL64/M/23AUG19/SMITH/JOHN");
        assert_eq!(d.dob, "12JUL64");
        assert_eq!(d.surname, "SMITH");
        assert_eq!(d.nationality, "GBR");
    }
}
