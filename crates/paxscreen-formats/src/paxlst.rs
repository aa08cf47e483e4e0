//! UN/EDIFACT PAXLST (Advance Passenger Information) reader.
//!
//! Layout per the WCO/IATA/ICAO PAXLST Implementation Guide (v3.0 2010, v5.0 2015) and
//! the CBP APIS guideline: `BGM` (745 passenger list, 250 crew list, ...), the
//! reporting party `NAD+MS`, flight legs `TDT+20` with `LOC`/`DTM`, then one SG4 group
//! per person from `NAD+FL|FM|DDU|DDT` to the next `NAD` or `CNT`, holding `ATT+2`
//! (gender), `DTM+329` (birth date), `NAT+2`, `RFF` references and SG5 documents
//! (`DOC`, `DTM+36` expiry, `LOC+91` issuing state). `CNT+42` counts passengers,
//! `CNT+41` crew.

use crate::edifact::{Message, Segment};
use crate::util::{self, Ids};
use paxscreen_core::{Document, Gender, RejectedTraveller, Traveller, TravellerRecord};

/// Role for a PAXLST NAD party qualifier (PAXLST IG, SG4 NAD 3035), None if the NAD
/// is not a person (NAD+MS reporting party, ...).
pub fn role_for(qualifier: &str) -> Option<&'static str> {
    match qualifier.trim().to_ascii_uppercase().as_str() {
        "FL" => Some("passenger"),
        "FM" => Some("crew"),
        "DDU" => Some("in_transit_passenger"),
        "DDT" => Some("in_transit_crew"),
        "COT" => Some("crew_on_board_not_working"),
        _ => None,
    }
}

/// One SG4 person being read.
struct Person {
    traveller: Traveller,
    abo: Option<String>,
    seg: Segment,
    named: bool,
    /// Index of the document that the next LOC+91 / DTM+36 belongs to.
    last_doc: Option<usize>,
}

/// Reads PAXLST messages; `groups` are indices into `messages`, one group per
/// (reassembled multi-part) message. Returns the records in order.
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
        let mut position = 0usize;
        let mut group_flight: Option<String> = None;
        let mut group_total = 0usize;
        let mut cnt_checks: Vec<(usize, usize, String)> = Vec::new();
        for &mi in group {
            let m = &messages[mi];
            let mut part_flight: Option<String> = None;
            let mut flight_fixed = false;
            let mut part_count = 0usize;
            let mut current: Option<Person> = None;
            let mut seen_person = false;
            let mut finish = |p: Option<Person>,
                              out: &mut Vec<TravellerRecord>,
                              position: &mut usize,
                              flight: &Option<String>| {
                if let Some(p) = p {
                    *position += 1;
                    out.push(finish_person(p, &msg_ref, *position, source, ids, flight));
                }
            };
            for seg in &m.segments {
                match seg.tag.as_str() {
                    "BGM" => {
                        // PAXLST IG BGM 1001: 745 passenger list, 250 crew list,
                        // 336 master crew list, 266 flight status, 655 gate pass.
                        let code = seg.get(0, 0).trim();
                        if !matches!(code, "745" | "250" | "336" | "266" | "655") {
                            warnings.push(format!(
                                "{}: unexpected BGM document code {code:?}",
                                seg.position()
                            ));
                        }
                    }
                    "TDT" if !seen_person => {
                        // PAXLST IG SG2 TDT+20+<carrier><number>: one per leg.
                        let mut f = util::clean(seg.get(1, 0));
                        // Some senders give only the number, the carrier in C040.
                        let carrier = seg.get(4, 0).trim();
                        if !f.is_empty()
                            && f.bytes().all(|b| b.is_ascii_digit())
                            && !carrier.is_empty()
                        {
                            f = format!("{carrier}{f}");
                        }
                        if !f.is_empty() && !flight_fixed {
                            part_flight = Some(f);
                        }
                    }
                    "LOC" if !seen_person => {
                        // LOC+125 last foreign departure / LOC+87 first arrival mark
                        // the leg that crosses the border: that is the reported flight.
                        if matches!(seg.get(0, 0).trim(), "125" | "87") && part_flight.is_some() {
                            flight_fixed = true;
                        }
                    }
                    "NAD" => {
                        let cur = current.take();
                        let flight = part_flight.clone().or_else(|| group_flight.clone());
                        finish(cur, &mut out, &mut position, &flight);
                        if let Some(role) = role_for(seg.get(0, 0)) {
                            seen_person = true;
                            part_count += 1;
                            current = Some(start_person(seg, role, source));
                        }
                    }
                    "CNT" | "UNT" => {
                        let cur = current.take();
                        let flight = part_flight.clone().or_else(|| group_flight.clone());
                        finish(cur, &mut out, &mut position, &flight);
                        if seg.tag == "CNT" {
                            // PAXLST IG: CNT+42:n passengers, CNT+41:n crew. Some
                            // senders write CNT+41+n.
                            let mut v = seg.get(0, 1).trim();
                            if v.is_empty() {
                                v = seg.get(1, 0).trim();
                            }
                            match v.parse::<usize>() {
                                Ok(n) => cnt_checks.push((n, part_count, seg.position())),
                                Err(_) => warnings.push(format!(
                                    "{}: unreadable CNT value {v:?}",
                                    seg.position()
                                )),
                            }
                        }
                    }
                    _ => {
                        if let Some(p) = current.as_mut() {
                            person_segment(p, seg);
                        }
                    }
                }
            }
            let flight = part_flight.clone().or_else(|| group_flight.clone());
            finish(current.take(), &mut out, &mut position, &flight);
            if part_flight.is_some() {
                group_flight = part_flight;
            }
            group_total += part_count;
        }
        for (declared, part, pos) in cnt_checks {
            if declared != part && declared != group_total {
                warnings.push(format!(
                    "{pos}: CNT declares {declared} persons, message {msg_ref} has {part}"
                ));
            }
        }
    }
    out
}

fn start_person(seg: &Segment, role: &str, source: &str) -> Person {
    // NAD C080 party name: surname : given : further given names (PAXLST IG SG4 NAD).
    let mut surname = util::clean(seg.get(3, 0));
    let given: Vec<String> = seg
        .element(3)
        .map(|e| {
            e.components
                .iter()
                .skip(1)
                .map(|c| util::clean(c))
                .filter(|c| !c.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let mut given = given.join(" ");
    let mut warnings = Vec::new();
    if surname.is_empty() && given.is_empty() {
        // Some senders put the name in C058 (name and address lines) instead.
        let alt: Vec<String> = seg
            .element(2)
            .map(|e| e.components.iter().map(|c| util::clean(c)).collect())
            .unwrap_or_default();
        let alt: Vec<String> = alt.into_iter().filter(|c| !c.is_empty()).collect();
        if !alt.is_empty() {
            surname = alt[0].clone();
            given = alt[1..].join(" ");
            warnings.push("name read from NAD C058 (name and address) instead of C080".into());
        }
    }
    let named = !(surname.is_empty() && given.is_empty());
    Person {
        traveller: Traveller {
            source: source.to_string(),
            surname,
            given_names: given,
            role: Some(role.to_string()),
            warnings,
            ..Traveller::default()
        },
        abo: None,
        seg: seg.clone(),
        named,
        last_doc: None,
    }
}

fn person_segment(p: &mut Person, seg: &Segment) {
    let t = &mut p.traveller;
    let q = seg.get(0, 0).trim();
    match seg.tag.as_str() {
        // ATT+2++M: attribute 2 = gender (PAXLST IG SG4 ATT).
        "ATT" if q == "2" => {
            let g = seg.get(2, 0);
            match Gender::parse(g) {
                Ok(g) => t.gender = Some(g),
                Err(_) if g.trim().is_empty() => {}
                Err(_) => {
                    t.warnings
                        .push(format!("{}: unknown gender {:?}", seg.position(), g.trim()))
                }
            }
        }
        // DTM+329: date of birth, YYMMDD. (DTM+36 expiry and DTM+182 issue date of
        // the SG5 document are not screened.)
        "DTM" if q == "329" => match util::parse_yymmdd_dob(seg.get(0, 1)) {
            Ok(d) => t.dob = Some(d),
            Err(e) => t.warnings.push(format!("{}: {e}", seg.position())),
        },
        // NAT+2+GBR: nationality.
        "NAT" => {
            let code = seg.get(1, 0);
            if !code.trim().is_empty() {
                match util::country(code) {
                    Ok(c) => {
                        if t.nationality.is_none() {
                            t.nationality = Some(c);
                        }
                    }
                    Err(e) => t.warnings.push(format!("{}: {e}", seg.position())),
                }
            }
        }
        // RFF+AVF:locator, RFF+ABO:unique passenger reference, RFF+SEA:seat.
        "RFF" => {
            let v = seg.get(0, 1).trim().to_string();
            if v.is_empty() {
                return;
            }
            match q {
                "AVF" => t.record_locator = Some(v),
                "ABO" => p.abo = Some(v),
                _ => {}
            }
        }
        // SG5 DOC+P:110:111+NUMBER: document type and number.
        "DOC" => {
            let number = util::clean(seg.get(1, 0))
                .replace(' ', "")
                .to_ascii_uppercase();
            let doc_type = seg.get(0, 0).trim().to_ascii_uppercase();
            if number.is_empty() {
                t.warnings.push(format!(
                    "{}: document without a number ignored",
                    seg.position()
                ));
                p.last_doc = None;
            } else {
                t.documents.push(Document {
                    doc_type,
                    issuer: String::new(),
                    number,
                });
                p.last_doc = Some(t.documents.len() - 1);
            }
        }
        // SG5 LOC+91+GBR: issuing state of the document just read.
        "LOC" if q == "91" => {
            if let Some(i) = p.last_doc {
                if let Some(d) = t.documents.get_mut(i) {
                    d.issuer = util::issuer(seg.get(1, 0));
                }
            }
        }
        _ => {}
    }
}

fn finish_person(
    p: Person,
    msg_ref: &str,
    position: usize,
    source: &str,
    ids: &mut Ids,
    flight: &Option<String>,
) -> TravellerRecord {
    let base = match &p.abo {
        Some(a) => a.clone(),
        None => format!("{msg_ref}#{position}"),
    };
    let id = ids.unique(&base);
    if !p.named {
        return Err(RejectedTraveller {
            id,
            source: source.to_string(),
            position: p.seg.position(),
            reason: format!(
                "NAD+{} has no name (C080 surname and given names empty)",
                p.seg.get(0, 0).trim()
            ),
        });
    }
    let mut t = p.traveller;
    if let Err(reason) = t.check_name_has_letters() {
        return Err(RejectedTraveller {
            id,
            source: source.to_string(),
            position: p.seg.position(),
            reason,
        });
    }
    t.id = id;
    t.flight = flight.clone();
    Ok(t)
}
