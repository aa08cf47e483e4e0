//! Writers for the native CSV formats of INTERFACES.md (watchlist, travellers, labels).

use paxscreen_core::{Traveller, WatchlistEntry};
use std::io::Write;

/// Header of the native watchlist CSV.
pub const WATCHLIST_HEADER: [&str; 8] = [
    "id",
    "names",
    "dob",
    "nationality",
    "gender",
    "documents",
    "list",
    "remarks",
];

/// Header of the native traveller CSV.
pub const TRAVELLER_HEADER: [&str; 9] = [
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

/// `|` separates values inside a column, so it must never appear inside one value.
fn clean(v: &str) -> String {
    v.replace(['|', '\n', '\r'], " ")
}

/// The native CSV wants an ISO code or nothing as issuer; the real lists sometimes
/// hold a place name ("Region: Gaza") or a fragment there, which is dropped.
fn issuer_code(issuer: &str) -> String {
    paxscreen_core::Country::from_code(issuer)
        .ok()
        .or_else(|| paxscreen_core::Country::from_name(issuer))
        .map(|c| c.to_string())
        .unwrap_or_default()
}

/// One watchlist entry as native CSV fields.
pub fn watchlist_row(e: &WatchlistEntry) -> [String; 8] {
    let join = |it: &mut dyn Iterator<Item = String>| it.collect::<Vec<_>>().join("|");
    [
        e.id.clone(),
        join(&mut e.names.iter().map(|n| clean(&n.name))),
        join(&mut e.dobs.iter().map(|d| d.to_string())),
        join(&mut e.nationalities.iter().map(|c| c.to_string())),
        e.gender.map(|g| g.to_string()).unwrap_or_default(),
        join(&mut e.documents.iter().map(|d| {
            format!(
                "{}/{}/{}",
                clean(&d.doc_type).replace('/', " "),
                issuer_code(&d.issuer),
                clean(&d.number).replace('/', "")
            )
        })),
        e.list.clone(),
        clean(&e.remarks),
    ]
}

/// One traveller as native CSV fields (first document only: the CSV has one).
pub fn traveller_row(t: &Traveller) -> [String; 9] {
    let d = t.documents.first();
    [
        t.id.clone(),
        t.surname.clone(),
        t.given_names.clone(),
        t.dob.map(|d| d.to_string()).unwrap_or_default(),
        t.gender.map(|g| g.to_string()).unwrap_or_default(),
        t.nationality.map(|c| c.to_string()).unwrap_or_default(),
        d.map(|d| d.doc_type.clone()).unwrap_or_default(),
        d.map(|d| d.number.clone()).unwrap_or_default(),
        d.map(|d| d.issuer.clone()).unwrap_or_default(),
    ]
}

/// A CSV writer with `\n` line ends (stable bytes on every platform).
pub fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w)
}

/// Writes a whole watchlist CSV into a byte vector.
pub fn watchlist_csv(entries: &[WatchlistEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv_writer(Vec::new());
    w.write_record(WATCHLIST_HEADER)?;
    for e in entries {
        w.write_record(watchlist_row(e))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Writes a whole traveller CSV into a byte vector.
pub fn travellers_csv(travellers: &[Traveller]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv_writer(Vec::new());
    w.write_record(TRAVELLER_HEADER)?;
    for t in travellers {
        w.write_record(traveller_row(t))?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
