//! Loading the watchlist and swapping in new generations while serving.
//!
//! A reload builds and verifies the new [`Screener`] off the request path
//! (`spawn_blocking`), then swaps it in with one `ArcSwap::store`. Requests hold the
//! generation they started with (`load_full`), so they finish on the old one. A new
//! watchlist that cannot be read, is empty or fails the smoke query is refused with a
//! log line and the old one keeps serving.

use crate::metrics::Metrics;
use crate::ServerError;
use arc_swap::ArcSwap;
use paxscreen_core::Traveller;
use paxscreen_engine::{ScreenOptions, Screener, WatchlistInfo};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Loads watchlists the way `serve` and the CLI do: a single snapshot folder is opened
/// (memory-mapped, checksums verified); otherwise every path is read with
/// `paxscreen_watchlists::load_paths` and indexed.
pub fn load_screener(paths: &[PathBuf]) -> Result<Screener, ServerError> {
    if paths.is_empty() {
        return Err(ServerError::Config("no --watchlist given".into()));
    }
    if paths.len() == 1 && Screener::is_snapshot(&paths[0]) {
        return Ok(Screener::open_snapshot(&paths[0])?);
    }
    if let Some(p) = paths.iter().find(|p| Screener::is_snapshot(p)) {
        return Err(ServerError::Config(format!(
            "{}: a snapshot folder must be the only --watchlist",
            p.display()
        )));
    }
    let t0 = std::time::Instant::now();
    let loaded = paxscreen_watchlists::load_paths(paths)?;
    for w in &loaded.warnings {
        tracing::warn!(warning = %w, "watchlist");
    }
    let read = t0.elapsed();
    let entries = loaded.entries.len();
    let screener = Screener::build(loaded.entries, loaded.sources)?;
    tracing::info!(
        entries,
        read_seconds = read.as_secs_f64(),
        index_seconds = (t0.elapsed() - read).as_secs_f64(),
        "watchlist loaded"
    );
    Ok(screener)
}

/// Checks a freshly loaded screener before it serves: not empty, and the index finds
/// an entry by its own primary name (a smoke query through the whole pipeline).
pub(crate) fn verify_screener(screener: &Screener) -> Result<(), ServerError> {
    let entries = screener.entries();
    if entries.is_empty() {
        return Err(ServerError::Verify("the watchlist has no entries".into()));
    }
    let options = ScreenOptions {
        threshold: 0.5,
        max_hits: 50,
    };
    // A few entries, in case one has an odd name (a single initial, say).
    let probes: Vec<_> = entries
        .iter()
        .filter(|e| !e.primary_name().trim().is_empty())
        .take(3)
        .collect();
    if probes.is_empty() {
        return Err(ServerError::Verify("no entry has a name".into()));
    }
    for entry in &probes {
        let probe = Traveller {
            id: "smoke-query".into(),
            surname: entry.primary_name().to_string(),
            ..Default::default()
        };
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            screener.screen(&probe, &options)
        }))
        .map_err(|_| ServerError::Verify("the smoke query panicked".into()))?;
        if found.iter().any(|h| h.entry_id == entry.id) {
            return Ok(());
        }
    }
    Err(ServerError::Verify(format!(
        "smoke query: entry {:?} not found by its own name",
        probes[0].id
    )))
}

/// Loads and verifies, on the calling (blocking) thread.
pub(crate) fn load_verified(paths: &[PathBuf]) -> Result<Screener, ServerError> {
    let screener = load_screener(paths)?;
    verify_screener(&screener)?;
    Ok(screener)
}

/// Reloads the served watchlist; clone freely.
#[derive(Clone)]
pub struct ReloadHandle {
    inner: Arc<Reloader>,
}

pub(crate) struct Reloader {
    paths: Vec<PathBuf>,
    pub(crate) current: Arc<ArcSwap<Screener>>,
    /// One reload at a time: two concurrent ones would race to store.
    lock: tokio::sync::Mutex<()>,
    pub(crate) reloads: AtomicU64,
    metrics: Arc<Metrics>,
}

impl ReloadHandle {
    pub(crate) fn new(paths: Vec<PathBuf>, screener: Screener, metrics: Arc<Metrics>) -> Self {
        metrics.watchlist(screener.info());
        ReloadHandle {
            inner: Arc::new(Reloader {
                paths,
                current: Arc::new(ArcSwap::from_pointee(screener)),
                lock: tokio::sync::Mutex::new(()),
                reloads: AtomicU64::new(0),
                metrics,
            }),
        }
    }

    pub(crate) fn current(&self) -> Arc<ArcSwap<Screener>> {
        self.inner.current.clone()
    }

    /// Successful reloads so far.
    pub fn reloads(&self) -> u64 {
        self.inner.reloads.load(Ordering::Relaxed)
    }

    /// What is being served now.
    pub fn info(&self) -> WatchlistInfo {
        self.inner.current.load().info().clone()
    }

    /// Reads the watchlist files again, verifies the result and swaps it in. On error
    /// the old watchlist keeps serving and the error is returned (and logged).
    pub async fn reload(&self) -> Result<WatchlistInfo, ServerError> {
        let _one_at_a_time = self.inner.lock.lock().await;
        let paths = self.inner.paths.clone();
        let started = std::time::Instant::now();
        let loaded = tokio::task::spawn_blocking(move || load_verified(&paths))
            .await
            .map_err(|e| ServerError::Internal(format!("reload task: {e}")));
        match loaded.and_then(|r| r) {
            Ok(screener) => {
                let info = screener.info().clone();
                // Counted before it is published: whoever loads the new watchlist (an
                // acquire of the swap below) also sees the count that includes it, so
                // WatchlistInfo never pairs a new version with the old count.
                self.inner.reloads.fetch_add(1, Ordering::Relaxed);
                let old = self.inner.current.swap(Arc::new(screener));
                self.inner.metrics.reload(true);
                self.inner.metrics.watchlist(&info);
                tracing::info!(
                    version = %info.version,
                    previous = %old.info().version,
                    entries = info.entries,
                    names = info.names,
                    ms = started.elapsed().as_millis() as u64,
                    "watchlist reloaded"
                );
                Ok(info)
            }
            Err(e) => {
                self.inner.metrics.reload(false);
                tracing::error!(error = %e, "watchlist reload refused; the previous watchlist keeps serving");
                Err(e)
            }
        }
    }

    /// Polls the watchlist files (size and modification time; every file of a snapshot
    /// folder) every `interval` and reloads when they change. Runs until dropped.
    pub(crate) async fn watch(self, interval: Duration) {
        let paths = self.inner.paths.clone();
        let mut seen = fingerprint(&paths);
        let mut tick = tokio::time::interval(interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let p = paths.clone();
            let Ok(now) = tokio::task::spawn_blocking(move || fingerprint(&p)).await else {
                continue;
            };
            if now == seen {
                continue;
            }
            // Let a writer finish: reload once the files stop changing for a tick.
            tokio::time::sleep(interval.min(Duration::from_millis(250))).await;
            let p = paths.clone();
            let Ok(settled) = tokio::task::spawn_blocking(move || fingerprint(&p)).await else {
                continue;
            };
            if settled != now {
                continue;
            }
            tracing::info!("watchlist files changed; reloading");
            // A refused reload is not retried until the files change again.
            seen = settled;
            let _ = self.reload().await;
        }
    }
}

type Fingerprint = Vec<(PathBuf, Option<(u64, SystemTime)>)>;

fn stat(path: &Path) -> Option<(u64, SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Size and mtime of every watchlist file; for a folder (a snapshot), of each file in
/// it; for OFAC's sdn.csv, of the alt.csv beside it too.
fn fingerprint(paths: &[PathBuf]) -> Fingerprint {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|rd| rd.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            for f in files {
                let s = stat(&f);
                out.push((f, s));
            }
        } else {
            out.push((path.clone(), stat(path)));
            if let Some(dir) = path.parent() {
                let alt = dir.join("alt.csv");
                if alt != *path && alt.is_file() {
                    let s = stat(&alt);
                    out.push((alt, s));
                }
            }
        }
    }
    out
}
