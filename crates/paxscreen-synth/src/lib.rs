//! Deterministic synthetic data for paxscreen.
//!
//! Three generators, each a pure function of its inputs and a seed (same seed, same
//! bytes: output order never depends on hash order, and the PRNG is defined in this
//! crate, see [`rng`]):
//!
//! - **[`devset`]** (`paxscreen synth devset`): a *labelled* dev set for accuracy
//!   evaluation. It writes the real UN + OFAC individuals as a native watchlist CSV,
//!   minus one real alias held back for some entries, and a traveller CSV where listed
//!   persons appear under the spellings screeners meet in practice (exact, held-out
//!   alias, Arabic and Cyrillic romanization variants, typing errors, MRZ and PNR
//!   forms, swapped name order, Arabic particle variants), mixed with innocent
//!   travellers (ordinary names of many countries, over 40% common Arabic names) and
//!   namesakes (a listed name carried by someone born in another year, of another
//!   nationality). `labels.csv` is the answer key. Why: recall on held-out aliases and
//!   realistic variants, and false positives on common Arabic names, are what decide
//!   whether a screener is usable; invented data would not show either.
//! - **[`demo`]** (`paxscreen synth demo-data`): the small bundled sample in
//!   `data/demo/` (40 invented listed persons, a 60-traveller manifest as CSV and as
//!   PAXLST with six listed persons hidden under variant spellings). Invented names
//!   only, built from constants, so it needs no external data and never changes by
//!   accident (a test compares the committed files with a fresh generation).
//! - **[`scale`]** (`paxscreen synth scale`): national-scale watchlists (10k to 1M
//!   names) and manifests whose token statistics follow the real lists and names data
//!   (Zipf-like repetition of common tokens, which is what makes blocking and
//!   candidate generation expensive). Streamed to disk; also available in memory for
//!   benches ([`scale::scale_watchlist`], [`scale::scale_travellers`]).
//!
//! # Usage
//!
//! ```text
//! paxscreen synth devset --out /tmp/devset [--data ../shared/data] [--seed 2026] [--listed 3000] [--innocent 10000]
//! paxscreen synth demo-data [--out data/demo]
//! paxscreen synth scale --out /tmp/scale --names 1000000 --travellers 100000 [--seed 2026] [--builtin-pools]
//! ```
//!
//! Without the main binary: `cargo run --release -p paxscreen-synth --example synth -- devset --out DIR`.
//!
//! # Files
//!
//! - `watchlist.csv`: native watchlist CSV (`id,names,dob,nationality,gender,documents,list,remarks`).
//! - `travellers.csv` / `manifest.csv`: native traveller CSV
//!   (`id,surname,given_names,dob,gender,nationality,doc_type,doc_number,doc_issuer`).
//! - `labels.csv` (devset): `traveller_id,expected_entry_id,category,also_matches`;
//!   `expected_entry_id` is empty for `innocent` and `namesake`; `also_matches` lists
//!   (`|`-separated) other entries carrying the very name the traveller's was derived
//!   from (one person listed by both UN and OFAC), where a hit is also correct.
//!   (scale): `traveller_id,expected_entry_id,category` with `listed`/`innocent`.
//! - `held_out_aliases.csv` (devset): `entry_id,alias` removed from the written list.
//! - `manifest_paxlst.edi`, `expected_hits.csv` (demo): the manifest as PAXLST D:05B and
//!   the six hidden listed travellers with the variant each one exercises.
#![forbid(unsafe_code)]

pub mod demo;
pub mod devset;
pub mod namedata;
pub mod output;
pub mod rng;
pub mod scale;
pub mod text;
pub mod variants;

pub use demo::{demo_data_files, DemoData};

/// The default of every `--data` flag: the shared data beside the checkout, as seen
/// from the checkout's root.
pub const DEFAULT_DATA_DIR: &str = "../shared/data";

/// `data` as given; but the default [`DEFAULT_DATA_DIR`], when it is not there from the
/// current folder (a command run from elsewhere), is looked up beside the checkout this
/// binary was built from, so that `paxscreen bench` run from /tmp still reads the real
/// name statistics rather than falling back to the built-in pools.
pub fn resolve_data_dir(data: &Path) -> PathBuf {
    if data.exists() || data != Path::new(DEFAULT_DATA_DIR) {
        return data.to_path_buf();
    }
    let beside_checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if beside_checkout.is_dir() {
        beside_checkout.canonicalize().unwrap_or(beside_checkout)
    } else {
        data.to_path_buf()
    }
}
pub use devset::{generate_devset, write_devset, Category, Devset, DevsetConfig, Label};
pub use scale::{scale_travellers, scale_watchlist, TokenPools};

use std::path::{Path, PathBuf};
use std::time::Instant;

/// Errors of the generators.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An input data file is malformed.
    #[error("{path}: {message}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The real watchlists could not be loaded.
    #[error(transparent)]
    Watchlist(#[from] paxscreen_watchlists::WatchlistError),
    /// CSV writing failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
}

impl SynthError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> SynthError {
        SynthError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn data(path: &Path, e: impl std::fmt::Display) -> SynthError {
        SynthError::Data {
            path: path.to_path_buf(),
            message: e.to_string(),
        }
    }

    /// Is it a problem with an input (exit status 2) rather than a bug?
    pub fn is_input_error(&self) -> bool {
        !matches!(self, SynthError::Csv(_))
    }
}

/// `paxscreen synth ...`
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// Which generator to run.
    #[command(subcommand)]
    pub command: SynthCommand,
}

/// The generators.
#[derive(Debug, clap::Subcommand)]
pub enum SynthCommand {
    /// Labelled dev set from the real UN and OFAC lists (watchlist.csv, travellers.csv, labels.csv).
    Devset(DevsetArgs),
    /// The bundled demo data (data/demo): invented persons, CSV and PAXLST manifest.
    DemoData(DemoDataArgs),
    /// Large synthetic watchlist and manifest for benchmarks.
    Scale(ScaleArgs),
}

/// Flags of `synth devset`.
#[derive(Debug, clap::Args)]
pub struct DevsetArgs {
    /// Folder with watchlists/ and names/ (the shared data, never copied into the repo;
    /// the default is also looked up beside the checkout).
    #[arg(long, default_value = DEFAULT_DATA_DIR)]
    pub data: PathBuf,
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Listed travellers (spread evenly over 9 variant categories).
    #[arg(long, default_value_t = 3000)]
    pub listed: usize,
    /// Travellers expected to produce no hit (90% innocent, 10% namesakes).
    #[arg(long, default_value_t = 10000)]
    pub innocent: usize,
}

/// Flags of `synth demo-data`.
#[derive(Debug, clap::Args)]
pub struct DemoDataArgs {
    /// Output folder.
    #[arg(long, default_value = "data/demo")]
    pub out: PathBuf,
}

/// Flags of `synth scale`.
#[derive(Debug, clap::Args)]
pub struct ScaleArgs {
    /// Folder with watchlists/ and names/ (the default is also looked up beside the
    /// checkout); the built-in pools are used when absent.
    #[arg(long, default_value = DEFAULT_DATA_DIR)]
    pub data: PathBuf,
    /// Output folder (watchlist.csv, travellers.csv, labels.csv).
    #[arg(long)]
    pub out: PathBuf,
    /// Names in the watchlist (primary names; aliases come on top for some entries).
    #[arg(long, default_value_t = 100_000)]
    pub names: usize,
    /// Travellers in the manifest (about 1% listed).
    #[arg(long, default_value_t = 10_000)]
    pub travellers: usize,
    /// Seed.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Use the small built-in token pools even when the data folder exists.
    #[arg(long)]
    pub builtin_pools: bool,
}

/// What a run produced.
#[derive(Debug, Clone, Default)]
pub struct SynthReport {
    /// Files written.
    pub files: Vec<PathBuf>,
    /// Counts by label ("exact", "innocent", "watchlist entries", ...), sorted.
    pub counts: Vec<(String, usize)>,
    /// Wall time in seconds.
    pub seconds: f64,
}

/// Runs a `synth` subcommand and prints a summary on stdout.
pub fn run_synth(args: SynthArgs) -> Result<SynthReport, SynthError> {
    let start = Instant::now();
    let mut report = match args.command {
        SynthCommand::Devset(a) => {
            let d = generate_devset(&DevsetConfig {
                data_dir: resolve_data_dir(&a.data),
                seed: a.seed,
                listed: a.listed,
                innocent: a.innocent,
            })?;
            write_devset(&d, &a.out)?;
            let mut counts: Vec<(String, usize)> = devset::category_counts(&d.labels)
                .into_iter()
                .map(|(c, n)| (c.as_str().to_string(), n))
                .collect();
            counts.push(("watchlist entries".into(), d.watchlist.len()));
            counts.push(("held-out aliases".into(), d.held_out.len()));
            counts.push(("innocent Arabic names".into(), d.arabic_innocents));
            SynthReport {
                files: [
                    "watchlist.csv",
                    "travellers.csv",
                    "labels.csv",
                    "held_out_aliases.csv",
                ]
                .iter()
                .map(|f| a.out.join(f))
                .collect(),
                counts,
                seconds: 0.0,
            }
        }
        SynthCommand::DemoData(a) => demo::write_demo_data(&a.out)?,
        SynthCommand::Scale(mut a) => {
            a.data = resolve_data_dir(&a.data);
            let pools = if a.builtin_pools || !a.data.join("names").is_dir() {
                if !a.builtin_pools {
                    eprintln!(
                        "note: {} has no names/ folder; using the small built-in token pools",
                        a.data.display()
                    );
                }
                TokenPools::builtin()
            } else {
                TokenPools::load(&a.data)?
            };
            scale::write_scale(&pools, a.names, a.travellers, a.seed, &a.out)?
        }
    };
    report.seconds = start.elapsed().as_secs_f64();
    for f in &report.files {
        println!("wrote {}", f.display());
    }
    for (k, n) in &report.counts {
        println!("{k:>20}: {n}");
    }
    println!("{:>20}: {:.2}s", "time", report.seconds);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_data_folder_is_found_beside_the_checkout() {
        // Another path is taken as given, even when missing (the reader names it).
        assert_eq!(
            resolve_data_dir(Path::new("/no/such/data")),
            Path::new("/no/such/data")
        );
        // Tests run in the crate's folder, where ../shared/data is not; the default
        // resolves to the folder beside the checkout (absolute) when that exists.
        let resolved = resolve_data_dir(Path::new(DEFAULT_DATA_DIR));
        let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if beside.is_dir() && !Path::new(DEFAULT_DATA_DIR).exists() {
            assert!(resolved.is_absolute(), "{}", resolved.display());
            assert!(resolved.join("names").is_dir(), "{}", resolved.display());
            assert!(!resolved.to_string_lossy().contains(".."));
        }
    }
}
