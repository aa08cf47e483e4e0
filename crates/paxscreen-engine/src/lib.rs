//! The screening engine: watchlist entries in, explained [`Hit`]s out.
//!
//! ```text
//! WatchlistEntry --names::analyze--> tokens --> Index (fst dictionaries + postings)
//! Traveller --names::analyze_person--> query tokens
//!     --retrieve: exact forms, deletion neighbourhoods (typos), variant keys, prefixes-->
//!     candidate names (only those that can still reach the threshold)
//!     --score: one-to-one token alignment, rarity weights, DOB/nationality/gender/document
//!     evidence--> Hit
//! ```
//!
//! Retrieval is exact with respect to scoring: a token pair scores above zero only if
//! retrieval can find it (same form, same variant key, edit distance within the
//! deletion neighbourhood, or a prefix of a truncated name), and candidate names are
//! skipped only when an upper bound of their score is below the threshold. The property
//! test in `tests/retrieval.rs` checks this against [`Screener::screen_exhaustive`].
#![deny(unsafe_code)]

mod hot;
mod index;
mod query;
mod score;
mod snapshot;

use paxscreen_core::{Hit, Traveller, WatchlistEntry};
use std::path::{Path, PathBuf};

pub use score::{DEFAULT_THRESHOLD, SCORING_NOTES};

/// How to screen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenOptions {
    /// Report hits with a score at or above this (in [0, 1]).
    pub threshold: f64,
    /// At most this many hits per traveller (highest first).
    pub max_hits: usize,
}

/// One traveller's hits, highest first, as many as [`ScreenOptions::max_hits`] allows,
/// and how many more scored at or above the threshold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Screened {
    /// The hits shown.
    pub hits: Vec<Hit>,
    /// Hits at or above the threshold left out by `max_hits`.
    pub not_shown: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            max_hits: 50,
        }
    }
}

/// What is loaded: shown by `GetWatchlistInfo` and in reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WatchlistInfo {
    /// Content version: a hash of every entry, so two loads of the same lists agree.
    pub version: String,
    /// Number of entries.
    pub entries: u64,
    /// Number of names (primary and aliases) indexed.
    pub names: u64,
    /// When this screener was built or loaded (RFC 3339, UTC).
    pub loaded_at: String,
    /// One line per source file.
    pub sources: Vec<String>,
}

/// Errors of the engine that are the caller's input (bad entries, bad snapshot folder).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Two entries share an id.
    #[error("duplicate watchlist entry id {0:?}")]
    DuplicateId(String),
    /// The snapshot folder is missing, corrupt or of another version.
    #[error("snapshot {path}: {reason}")]
    Snapshot {
        /// The folder or file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Reading or writing the snapshot failed at the operating-system level.
    #[error("snapshot {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A bug: an internal table could not be built.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A screener over one watchlist generation. Cheap to share (`Arc`), immutable.
pub struct Screener {
    index: index::Index,
    info: WatchlistInfo,
}

impl std::fmt::Debug for Screener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screener")
            .field("info", &self.info)
            .finish()
    }
}

impl Screener {
    /// Builds the index over these entries. `sources` describes where they came from.
    pub fn build(
        entries: Vec<WatchlistEntry>,
        sources: Vec<String>,
    ) -> Result<Screener, EngineError> {
        let (index, version) = index::Index::build(entries)?;
        let info = WatchlistInfo {
            version,
            entries: index.entries.len() as u64,
            names: index.tables.names.len() as u64,
            loaded_at: now_rfc3339(),
            sources,
        };
        Ok(Screener { index, info })
    }

    /// Writes a snapshot of this screener into `dir` (created if needed), atomically:
    /// each file goes to a temp file in the folder, is fsynced and renamed, the manifest
    /// last, then the folder is fsynced.
    pub fn write_snapshot(&self, dir: &Path) -> Result<(), EngineError> {
        snapshot::write(self, dir)
    }

    /// Opens a snapshot written by [`Screener::write_snapshot`]; the fst files are
    /// memory-mapped. Every file's checksum is verified: a corrupt snapshot is refused.
    pub fn open_snapshot(dir: &Path) -> Result<Screener, EngineError> {
        snapshot::open(dir)
    }

    /// Does this path look like a snapshot folder?
    pub fn is_snapshot(path: &Path) -> bool {
        path.is_dir() && path.join(snapshot::MANIFEST).is_file()
    }

    /// What is loaded.
    pub fn info(&self) -> &WatchlistInfo {
        &self.info
    }

    /// All entries.
    pub fn entries(&self) -> &[WatchlistEntry] {
        &self.index.entries
    }

    /// Screens one traveller: hits at or above the threshold, highest first.
    pub fn screen(&self, traveller: &Traveller, options: &ScreenOptions) -> Vec<Hit> {
        query::screen(&self.index, traveller, options, false).0
    }

    /// Screens one traveller: the hits `max_hits` lets through, and how many more
    /// scored at or above the threshold (a reviewer must know a list was cut).
    pub fn screen_counted(&self, traveller: &Traveller, options: &ScreenOptions) -> Screened {
        let (hits, not_shown) = query::screen(&self.index, traveller, options, false);
        Screened { hits, not_shown }
    }

    /// Screens one traveller by scoring every watchlist name (no index): the reference
    /// that indexed screening must agree with, and the baseline of `paxscreen bench`.
    pub fn screen_exhaustive(&self, traveller: &Traveller, options: &ScreenOptions) -> Vec<Hit> {
        query::screen(&self.index, traveller, options, true).0
    }

    /// Scores one traveller against the entry at position `entry` of
    /// [`Screener::entries`] alone (pair scoring, whatever the score): the entry's best
    /// name with the evidence, as a hit would carry it. `None` for no such entry or an
    /// entry without names.
    pub fn score_entry(&self, traveller: &Traveller, entry: usize) -> Option<Hit> {
        query::score_entry(&self.index, traveller, u32::try_from(entry).ok()?)
    }

    /// How many listed names the index considers for this traveller, and keeps (token
    /// retrieval and candidate selection, no hits built): for diagnostics and benchmarks
    /// of candidate retrieval.
    pub fn candidate_count(&self, traveller: &Traveller, options: &ScreenOptions) -> Candidates {
        query::candidate_count(&self.index, traveller, options)
    }

    /// Screens many travellers on every core; results in input order.
    ///
    /// The travellers are screened in the order of their names (each core takes a run of
    /// that order), so that travellers sharing a surname follow each other and find its
    /// posting lists and listed names still in cache; the results are put back in input
    /// order. Screening one traveller never depends on another, so the order changes
    /// only the time.
    pub fn screen_batch(&self, travellers: &[Traveller], options: &ScreenOptions) -> Vec<Vec<Hit>> {
        self.screen_batch_counted(travellers, options)
            .into_iter()
            .map(|s| s.hits)
            .collect()
    }

    /// [`Screener::screen_batch`], with each traveller's count of hits beyond `max_hits`.
    pub fn screen_batch_counted(
        &self,
        travellers: &[Traveller],
        options: &ScreenOptions,
    ) -> Vec<Screened> {
        use rayon::prelude::*;
        let mut order: Vec<usize> = (0..travellers.len()).collect();
        order.sort_by_cached_key(|&i| {
            let t = &travellers[i];
            (t.surname.to_uppercase(), t.given_names.to_uppercase())
        });
        let screened: Vec<Screened> = order
            .par_iter()
            .map(|&i| self.screen_counted(&travellers[i], options))
            .collect();
        let mut out = vec![Screened::default(); travellers.len()];
        for (i, h) in order.into_iter().zip(screened) {
            out[i] = h;
        }
        out
    }
}

/// Candidate names of one traveller (see [`Screener::candidate_count`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Candidates {
    /// Names read from the postings of the traveller's tokens (their union, or their
    /// intersection where every reachable name must hold a token).
    pub considered: usize,
    /// Names whose upper bound and then exact name score can still reach the threshold,
    /// with their own entry's date-of-birth, nationality and gender evidence.
    pub kept: usize,
}

/// Empties the process-wide cache of traveller-token retrieval (what each distinct
/// traveller token meets on the loaded lists; shared by every thread and every
/// screener, bounded). Results never depend on it; benchmarks clear it so that each
/// measurement starts from the same state.
pub fn clear_retrieval_cache() {
    hot::clear_cache();
}

fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

/// Formats seconds since the Unix epoch as RFC 3339 UTC (civil-from-days, H. Hinnant).
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_rfc3339() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
    }
}
