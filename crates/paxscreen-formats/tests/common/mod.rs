//! Helpers shared by the integration tests: fixture paths and record accessors.
#![allow(dead_code)]

use paxscreen_core::{RejectedTraveller, Traveller};
use paxscreen_formats::{read_manifest, Manifest, ManifestError};
use std::path::PathBuf;

/// The shared data directory beside the checkout (never copied into the repo).
pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/manifests")
        .join(rel)
}

pub fn bytes(rel: &str) -> Vec<u8> {
    let p = data(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn try_read(rel: &str) -> Result<Manifest, ManifestError> {
    read_manifest(&bytes(rel), rel, None)
}

pub fn read(rel: &str) -> Manifest {
    try_read(rel).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn travellers(m: &Manifest) -> Vec<&Traveller> {
    m.records.iter().filter_map(|r| r.as_ref().ok()).collect()
}

pub fn rejected(m: &Manifest) -> Vec<&RejectedTraveller> {
    m.records.iter().filter_map(|r| r.as_ref().err()).collect()
}

/// The traveller with this surname (first one).
pub fn by_surname<'a>(m: &'a Manifest, surname: &str) -> &'a Traveller {
    travellers(m)
        .into_iter()
        .find(|t| t.surname == surname)
        .unwrap_or_else(|| panic!("no traveller {surname}"))
}

pub fn dob(t: &Traveller) -> String {
    t.dob.map(|d| d.to_string()).unwrap_or_default()
}

pub fn doc_numbers(t: &Traveller) -> Vec<&str> {
    t.documents.iter().map(|d| d.number.as_str()).collect()
}

pub fn nat(t: &Traveller) -> &str {
    t.nationality.as_ref().map(|c| c.as_str()).unwrap_or("")
}

/// Every id of a manifest is unique.
pub fn assert_unique_ids(m: &Manifest) {
    let mut ids: Vec<&str> = m
        .records
        .iter()
        .map(|r| match r {
            Ok(t) => t.id.as_str(),
            Err(r) => r.id.as_str(),
        })
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids not unique");
}
