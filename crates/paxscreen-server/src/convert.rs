//! Protobuf messages <-> domain types. Results carry the same fields as the JSONL
//! output, enums as the same snake_case strings.

use crate::pb;
use paxscreen_core::{
    Country, Document, Gender, Hit, PartialDate, RejectedTraveller, Traveller, TravellerRecord,
};
use paxscreen_engine::Screened;

/// Reads a request traveller; `Err` is the reason it cannot be screened (bad dob,
/// unknown nationality, no name), reported in that traveller's result only.
pub(crate) fn traveller_from_pb(t: &pb::Traveller) -> Result<Traveller, String> {
    let surname = t.surname.trim();
    let given_names = t.given_names.trim();
    if surname.is_empty() && given_names.is_empty() {
        return Err("no name: surname and given_names are both empty".into());
    }
    let dob = non_empty(&t.dob)
        .map(PartialDate::parse_lenient)
        .transpose()
        .map_err(|e| format!("dob: {e}"))?;
    let gender = non_empty(&t.gender)
        .map(Gender::parse)
        .transpose()
        .map_err(|e| format!("gender: {e}"))?;
    let nationality = non_empty(&t.nationality)
        .map(Country::from_code)
        .transpose()
        .map_err(|e| format!("nationality: {e}"))?;
    let mut warnings = Vec::new();
    let mut documents = Vec::with_capacity(t.documents.len());
    for d in &t.documents {
        if d.number.trim().is_empty() {
            warnings.push("document without a number ignored".to_string());
            continue;
        }
        // Issuer as alpha-3 when known, otherwise as written (core::Document).
        let issuer = match non_empty(&d.issuer) {
            None => String::new(),
            Some(code) => match Country::from_code(code) {
                Ok(c) => c.to_string(),
                Err(e) => {
                    warnings.push(format!("document issuer: {e}"));
                    code.to_string()
                }
            },
        };
        documents.push(Document {
            doc_type: d.r#type.trim().to_ascii_uppercase(),
            issuer,
            number: d.number.trim().to_uppercase(),
        });
    }
    let mut traveller = Traveller {
        id: t.id.clone(),
        source: t.source.clone(),
        surname: surname.to_string(),
        given_names: given_names.to_string(),
        dob,
        gender,
        nationality,
        documents,
        role: non_empty(&t.role).map(str::to_string),
        flight: non_empty(&t.flight).map(str::to_string),
        record_locator: non_empty(&t.record_locator).map(str::to_string),
        warnings,
    };
    traveller.check_name_has_letters()?;
    Ok(traveller)
}

fn non_empty(s: &str) -> Option<&str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

/// The traveller as the screener saw it (normalized values), for results.
pub(crate) fn traveller_to_pb(t: &Traveller) -> pb::Traveller {
    pb::Traveller {
        id: t.id.clone(),
        surname: t.surname.clone(),
        given_names: t.given_names.clone(),
        dob: t.dob.map(|d| d.to_string()).unwrap_or_default(),
        gender: t.gender.map(|g| g.as_str().to_string()).unwrap_or_default(),
        nationality: t.nationality.map(|c| c.to_string()).unwrap_or_default(),
        documents: t
            .documents
            .iter()
            .map(|d| pb::Document {
                r#type: d.doc_type.clone(),
                issuer: d.issuer.clone(),
                number: d.number.clone(),
            })
            .collect(),
        source: t.source.clone(),
        role: t.role.clone().unwrap_or_default(),
        flight: t.flight.clone().unwrap_or_default(),
        record_locator: t.record_locator.clone().unwrap_or_default(),
        warnings: t.warnings.clone(),
    }
}

/// A hit as the proto carries it; evidence enums as the JSONL names (`exact`, `match`, ...).
pub(crate) fn hit_to_pb(h: &Hit) -> pb::Hit {
    let e = &h.evidence;
    pb::Hit {
        entry_id: h.entry_id.clone(),
        list: h.list.clone(),
        score: h.score,
        matched_name: h.matched_name.clone(),
        remarks: h.remarks.clone(),
        evidence: Some(pb::Evidence {
            name: e.name,
            dob: e.dob.as_str().to_string(),
            nationality: e.nationality.as_str().to_string(),
            document: e.document.as_str().to_string(),
            gender: e.gender.as_str().to_string(),
            tokens: e
                .tokens
                .iter()
                .map(|t| pb::TokenMatch {
                    traveller: t.traveller.clone(),
                    listed: t.listed.clone(),
                    similarity: t.similarity,
                    how: t.how.clone(),
                    weight: t.weight,
                    counts_as: t.counts_as,
                })
                .collect(),
            adjustments: e.adjustments.clone(),
        }),
    }
}

pub(crate) fn screened(t: &Traveller, s: &Screened) -> pb::TravellerResult {
    pb::TravellerResult {
        traveller: Some(traveller_to_pb(t)),
        hits: s.hits.iter().map(hit_to_pb).collect(),
        error: String::new(),
        hits_not_shown: u32::try_from(s.not_shown).unwrap_or(u32::MAX),
    }
}

pub(crate) fn failed(traveller: pb::Traveller, error: String) -> pb::TravellerResult {
    pb::TravellerResult {
        traveller: Some(traveller),
        hits: Vec::new(),
        error,
        hits_not_shown: 0,
    }
}

pub(crate) fn rejected(r: &RejectedTraveller) -> pb::TravellerResult {
    let traveller = pb::Traveller {
        id: r.id.clone(),
        source: r.source.clone(),
        ..Default::default()
    };
    let error = if r.position.is_empty() {
        r.reason.clone()
    } else {
        format!("{}: {}", r.position, r.reason)
    };
    failed(traveller, error)
}

/// One traveller of a request: readable (to screen) or not (its result is ready).
pub(crate) enum Slot {
    Screen(Traveller),
    Done(pb::TravellerResult),
}

pub(crate) fn slot_from_pb(t: &pb::Traveller) -> Slot {
    match traveller_from_pb(t) {
        Ok(t) => Slot::Screen(t),
        Err(e) => Slot::Done(failed(t.clone(), e)),
    }
}

pub(crate) fn slot_from_record(r: &TravellerRecord) -> Slot {
    match r {
        Ok(t) => Slot::Screen(t.clone()),
        Err(rej) => Slot::Done(rejected(rej)),
    }
}

pub(crate) fn info_to_pb(
    info: &paxscreen_engine::WatchlistInfo,
    reloads: u64,
) -> pb::WatchlistInfo {
    pb::WatchlistInfo {
        version: info.version.clone(),
        entries: info.entries,
        names: info.names,
        loaded_at: info.loaded_at.clone(),
        sources: info.sources.clone(),
        reloads,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use paxscreen_core::{
        DobEvidence, DocumentEvidence, Evidence, GenderEvidence, NationalityEvidence,
    };

    fn pb_traveller(dob: &str, nat: &str) -> pb::Traveller {
        pb::Traveller {
            id: "T1".into(),
            surname: "Al Hassan".into(),
            given_names: "Mohammed".into(),
            dob: dob.into(),
            nationality: nat.into(),
            documents: vec![pb::Document {
                r#type: "p".into(),
                issuer: "SY".into(),
                number: "n0123".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn normalizes_what_it_reads() {
        let t = traveller_from_pb(&pb_traveller("1979-06", "sy")).unwrap();
        let back = traveller_to_pb(&t);
        assert_eq!(back.nationality, "SYR");
        assert_eq!(back.dob, "1979-06");
        assert_eq!(
            (
                back.documents[0].r#type.as_str(),
                back.documents[0].issuer.as_str(),
                back.documents[0].number.as_str()
            ),
            ("P", "SYR", "N0123")
        );
    }

    #[test]
    fn bad_fields_are_the_travellers_error() {
        assert!(traveller_from_pb(&pb_traveller("1979-02-30", ""))
            .unwrap_err()
            .starts_with("dob"));
        assert!(traveller_from_pb(&pb_traveller("", "ZZZ"))
            .unwrap_err()
            .starts_with("nationality"));
        let mut t = pb_traveller("", "");
        t.surname.clear();
        t.given_names = "  ".into();
        assert!(traveller_from_pb(&t).unwrap_err().starts_with("no name"));
    }

    #[test]
    fn evidence_as_jsonl_strings() {
        let hit = Hit {
            entry_id: "QDi.325".into(),
            list: "UN".into(),
            score: 0.9,
            matched_name: "X".into(),
            remarks: "Listed for financing.".into(),
            evidence: Evidence {
                name: 0.95,
                dob: DobEvidence::PartialConflict,
                nationality: NationalityEvidence::Match,
                document: DocumentEvidence::None,
                gender: GenderEvidence::Conflict,
                tokens: Vec::new(),
                adjustments: vec!["dob partial_conflict -0.05".into()],
            },
        };
        assert_eq!(hit_to_pb(&hit).remarks, "Listed for financing.");
        let e = hit_to_pb(&hit).evidence.unwrap();
        assert_eq!(
            (
                e.dob.as_str(),
                e.nationality.as_str(),
                e.document.as_str(),
                e.gender.as_str()
            ),
            ("partial_conflict", "match", "none", "conflict")
        );
    }
}
