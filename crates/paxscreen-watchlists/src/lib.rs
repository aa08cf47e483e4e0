//! Watchlist loaders: files in, [`WatchlistEntry`]s out.
#![forbid(unsafe_code)]

use paxscreen_core::WatchlistEntry;
use std::path::{Path, PathBuf};

/// Entries read from one or more watchlist files.
#[derive(Debug, Clone, Default)]
pub struct LoadedWatchlists {
    /// All entries, ids unique.
    pub entries: Vec<WatchlistEntry>,
    /// One description per source read, e.g. `un_consolidated_2026-05-08.xml (UN XML, generated 2026-05-08, 737 individuals)`.
    pub sources: Vec<String>,
    /// Non-fatal notes.
    pub warnings: Vec<String>,
}

/// A watchlist that could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct WatchlistError {
    /// The file.
    pub path: PathBuf,
    /// Why (with line and field).
    pub reason: String,
}

/// Loads watchlist files, each format detected from content.
pub fn load_paths(paths: &[PathBuf]) -> Result<LoadedWatchlists, WatchlistError> {
    let _ = Path::new("");
    Err(WatchlistError {
        path: paths.first().cloned().unwrap_or_default(),
        reason: "not implemented".into(),
    })
}
