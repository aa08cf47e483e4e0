//! Manifest readers: bytes in, [`TravellerRecord`]s out.
#![forbid(unsafe_code)]

use paxscreen_core::TravellerRecord;

/// The manifest formats paxscreen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    /// UN/EDIFACT PAXLST (API).
    Paxlst,
    /// IATA PNRGOV.
    Pnrgov,
    /// Native traveller CSV.
    Csv,
}

/// A manifest read into travellers.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Format read.
    pub format: ManifestFormat,
    /// Every traveller found, read or rejected, in input order.
    pub records: Vec<TravellerRecord>,
    /// Problems that did not stop reading (count mismatches, ...).
    pub warnings: Vec<String>,
}

/// A manifest that could not be read at all.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {reason}")]
pub struct ManifestError {
    /// File or message name.
    pub source_name: String,
    /// Why, with the position.
    pub reason: String,
}

/// Reads a manifest (format detected from content when `format` is None).
pub fn read_manifest(
    bytes: &[u8],
    source: &str,
    format: Option<ManifestFormat>,
) -> Result<Manifest, ManifestError> {
    let _ = (bytes, format);
    Err(ManifestError {
        source_name: source.to_string(),
        reason: "not implemented".into(),
    })
}
