//! `paxscreen bench`: national-scale measurements on a synthetic watchlist.
//!
//! Builds a watchlist of N names with `paxscreen_synth::scale_watchlist`, indexes it,
//! writes and reopens a snapshot, screens M synthetic travellers on every core and on
//! one, measures single-traveller latency, peak memory, the alert rate on innocent
//! travellers, and checks indexed screening against exhaustive screening on a sample.
//! With `--watchlist FILE --manifest FILE [--labels FILE]` it measures the same on a
//! list and travellers of one's own (another generator's, a real list) instead.

#![forbid(unsafe_code)]

use paxscreen_core::{Hit, Traveller};
use paxscreen_engine::{ScreenOptions, Screener, DEFAULT_THRESHOLD};
use paxscreen_synth::TokenPools;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `paxscreen bench ...`
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Watchlist entries to generate (about 1.3 names each with aliases).
    #[arg(long, default_value_t = 1_000_000)]
    pub names: usize,
    /// Travellers to screen.
    #[arg(long, default_value_t = 100_000)]
    pub travellers: usize,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Folder of the real name data the token pools are drawn from (the default is also
    /// looked up beside the checkout; built-in pools, with a warning, when it cannot be
    /// read).
    #[arg(long, value_name = "DIR", default_value = paxscreen_synth::DEFAULT_DATA_DIR)]
    pub data: PathBuf,
    /// Travellers also screened exhaustively (every name scored) to check agreement
    /// and measure the speedup of the index.
    #[arg(long, default_value_t = 200)]
    pub exhaustive_sample: usize,
    /// Threshold (default: the engine's operating point).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Single-traveller latency samples.
    #[arg(long, default_value_t = 2000)]
    pub latency_samples: usize,
    /// How many of the slowest latency samples to list, with the names each read
    /// (the travellers are synthetic: their names are printed).
    #[arg(long, default_value_t = 5)]
    pub slowest: usize,
    /// Also write the report as JSON to this file.
    #[arg(long, value_name = "PATH")]
    pub json: Option<std::path::PathBuf>,
    /// Measure this watchlist (native CSV, UN XML, OFAC; repeatable) instead of a
    /// generated one (then --names, --seed and --data are not used). Needs --manifest.
    #[arg(long, value_name = "PATH", requires = "manifest")]
    pub watchlist: Vec<PathBuf>,
    /// Screen the travellers of this file (traveller CSV, PAXLST, PNRGOV) instead of
    /// generated ones (then --travellers is not used). Needs --watchlist.
    #[arg(long, value_name = "PATH", requires = "watchlist")]
    pub manifest: Option<PathBuf>,
    /// Labels of --manifest, as `paxscreen eval` reads them
    /// (`traveller_id,expected_entry_id,category[,also_matches]`): the recall of the
    /// listed travellers and the alert rate of the others. Without labels every
    /// traveller counts as unlisted: the "innocent" alert rate is then the share of
    /// travellers with a hit.
    #[arg(long, value_name = "PATH", requires = "manifest")]
    pub labels: Option<PathBuf>,
}

impl Default for BenchArgs {
    fn default() -> Self {
        BenchArgs {
            names: 1_000_000,
            travellers: 100_000,
            seed: 42,
            data: PathBuf::from(paxscreen_synth::DEFAULT_DATA_DIR),
            exhaustive_sample: 200,
            threshold: None,
            latency_samples: 2000,
            slowest: 5,
            json: None,
            watchlist: Vec::new(),
            manifest: None,
            labels: None,
        }
    }
}

/// Errors of `paxscreen bench`.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// The engine refused to build, write or open.
    #[error(transparent)]
    Engine(#[from] paxscreen_engine::EngineError),
    /// Temporary folder or thread pool.
    #[error("{0}")]
    Setup(String),
    /// A --watchlist, --manifest or --labels file could not be read.
    #[error("{0}")]
    Input(String),
    /// The `--json` report could not be written.
    #[error("cannot write {path}")]
    Report {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// `paxscreen bench`: runs the measurements, prints the report as a table and, with
/// `--json`, writes it as JSON too.
pub fn run_and_report(args: BenchArgs) -> Result<BenchReport, BenchError> {
    let json = args.json.clone();
    let report = run_bench(args)?;
    print!("{}", report.table());
    if let Some(path) = json {
        let text = serde_json::to_string_pretty(&report).unwrap_or_default() + "\n";
        std::fs::write(&path, text).map_err(|source| BenchError::Report {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(report)
}

/// Everything `paxscreen bench` measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BenchReport {
    /// Watchlist entries.
    pub entries: u64,
    /// Indexed names (primary names and aliases).
    pub names: u64,
    /// Travellers screened.
    pub travellers: u64,
    /// Where the token pools came from (`files` when the list and travellers were read
    /// from --watchlist and --manifest).
    pub pools: String,
    /// The files measured (--watchlist, --manifest, --labels); empty for generated data.
    pub files: Vec<String>,
    /// Whether the travellers are labelled (generated ones always are): without labels
    /// every traveller counts as innocent.
    pub labelled: bool,
    /// The machine measured on (see [`machine_description`]): figures mean little
    /// without it.
    pub machine: String,
    /// Threshold used.
    pub threshold: f64,
    /// Rayon threads of the batch run.
    pub threads: usize,
    /// Generating the synthetic watchlist, or reading the files (not part of the
    /// engine's build).
    pub generate_s: f64,
    /// `Screener::build`.
    pub build_s: f64,
    /// `write_snapshot`.
    pub snapshot_write_s: f64,
    /// Snapshot size on disk.
    pub snapshot_bytes: u64,
    /// `open_snapshot`.
    pub snapshot_load_s: f64,
    /// Batch throughput on all cores (travellers per second).
    pub batch_tps: f64,
    /// Batch throughput on one core.
    pub single_core_tps: f64,
    /// Single-traveller latency, median (ms), measured after the throughput runs (the
    /// retrieval cache warm, as in a server that has been screening).
    pub latency_p50_ms: f64,
    /// Single-traveller latency, 99th percentile (ms).
    pub latency_p99_ms: f64,
    /// Single-traveller latency, maximum (ms).
    pub latency_max_ms: f64,
    /// The slowest latency samples, slowest first (`--slowest`).
    pub slowest: Vec<SlowTraveller>,
    /// Peak resident memory of the process (VmHWM), bytes; 0 when unknown.
    pub peak_rss_bytes: u64,
    /// Resident memory after loading the snapshot and dropping the built screener.
    pub loaded_rss_bytes: u64,
    /// Share of innocent travellers with at least one hit.
    pub innocent_alert_rate: f64,
    /// Hits per traveller (all travellers).
    pub hits_per_traveller: f64,
    /// Share of impersonating travellers whose entry is among the hits.
    pub listed_recall: f64,
    /// Innocent travellers in the manifest (the alert rate's denominator).
    pub innocent_travellers: u64,
    /// Impersonating travellers in the manifest (the recall's denominator).
    pub listed_travellers: u64,
    /// Travellers screened exhaustively.
    pub exhaustive_sample: u64,
    /// Mean time of one exhaustive screening (ms).
    pub exhaustive_ms: f64,
    /// Mean time of one indexed screening of the same sample (ms).
    pub indexed_ms: f64,
    /// exhaustive_ms / indexed_ms.
    pub speedup: f64,
    /// Sample travellers whose indexed and exhaustive hits differ (must be 0).
    pub disagreements: u64,
    /// Listed travellers of the sample found exhaustively.
    pub exhaustive_recall_hits: u64,
    /// Listed travellers of the sample found by the index.
    pub indexed_recall_hits: u64,
}

/// One of the slowest single-traveller screenings of `paxscreen bench`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SlowTraveller {
    /// Screening time (ms, warm).
    pub ms: f64,
    /// The synthetic traveller's `SURNAME / GIVEN NAMES`; for travellers read from
    /// --manifest, `traveller <id>` only (they may be real passengers).
    pub name: String,
    /// Date of birth as written, when given (synthetic travellers only).
    pub dob: Option<String>,
    /// Listed names the candidate search read for it (every reading of the name).
    pub names_read: u64,
    /// Of those, the names kept for scoring.
    pub kept: u64,
}

impl BenchReport {
    /// The report as an aligned text table.
    pub fn table(&self) -> String {
        let mb = |b: u64| format!("{:.1} MB", b as f64 / 1e6);
        let rows: Vec<(&str, String)> = vec![
            (
                "entries / names",
                format!("{} / {}", self.entries, self.names),
            ),
            ("travellers", self.travellers.to_string()),
            ("machine", self.machine.clone()),
            if self.files.is_empty() {
                ("token pools", self.pools.clone())
            } else {
                ("files", self.files.join(", "))
            },
            ("threshold", format!("{:.2}", self.threshold)),
            if self.files.is_empty() {
                ("generate watchlist", format!("{:.2} s", self.generate_s))
            } else {
                ("read the files", format!("{:.2} s", self.generate_s))
            },
            ("index build", format!("{:.2} s", self.build_s)),
            ("snapshot write", format!("{:.2} s", self.snapshot_write_s)),
            ("snapshot size", mb(self.snapshot_bytes)),
            ("snapshot load", format!("{:.3} s", self.snapshot_load_s)),
            (
                "batch, all cores",
                format!(
                    "{:.0} travellers/s ({} threads)",
                    self.batch_tps, self.threads
                ),
            ),
            (
                "batch, one core",
                format!("{:.0} travellers/s", self.single_core_tps),
            ),
            (
                "latency p50 / p99 / max (warm)",
                format!(
                    "{:.3} / {:.3} / {:.3} ms",
                    self.latency_p50_ms, self.latency_p99_ms, self.latency_max_ms
                ),
            ),
            ("peak RSS (VmHWM)", mb(self.peak_rss_bytes)),
            ("RSS after snapshot load", mb(self.loaded_rss_bytes)),
            (
                if self.labelled {
                    "innocent alert rate"
                } else {
                    "travellers with hits (no labels)"
                },
                share(self.innocent_alert_rate, self.innocent_travellers),
            ),
            (
                "hits per traveller",
                format!("{:.4}", self.hits_per_traveller),
            ),
            (
                "listed recall",
                share(self.listed_recall, self.listed_travellers),
            ),
            (
                "exhaustive vs indexed",
                format!(
                    "{:.2} ms vs {:.3} ms per traveller ({:.0}x) on {}",
                    self.exhaustive_ms, self.indexed_ms, self.speedup, self.exhaustive_sample
                ),
            ),
            (
                "recall on sample",
                format!(
                    "exhaustive {} / indexed {}",
                    self.exhaustive_recall_hits, self.indexed_recall_hits
                ),
            ),
            ("disagreements", self.disagreements.to_string()),
        ];
        let w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        let mut out = String::new();
        for (k, v) in rows {
            out.push_str(&format!("{k:<w$}  {v}\n"));
        }
        if !self.slowest.is_empty() {
            out.push_str("slowest latency samples (names read / kept):\n");
            for s in &self.slowest {
                let dob = if self.files.is_empty() {
                    format!(" ({})", s.dob.as_deref().unwrap_or("no date of birth"))
                } else {
                    String::new()
                };
                out.push_str(&format!(
                    "  {:.3} ms  {}{dob}  {} / {}\n",
                    s.ms, s.name, s.names_read, s.kept
                ));
            }
        }
        out
    }
}

/// Reads a `Vm...:  N kB` line of /proc/self/status, in bytes (0 when unavailable).
pub fn proc_status_bytes(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status").map_or(0, |s| kb_field(&s, field) * 1024)
}

/// The `field:  N kB` line of a /proc file's text, in kB (0 when absent).
fn kb_field(text: &str, field: &str) -> u64 {
    text.lines()
        .find_map(|l| {
            let rest = l.strip_prefix(field)?.strip_prefix(':')?;
            rest.trim().trim_end_matches("kB").trim().parse().ok()
        })
        .unwrap_or(0)
}

/// The machine as Linux describes it: CPU model, logical CPUs this process may use,
/// memory in decimal GB (`AMD EPYC, 2 CPUs, 25.3 GB`). Parts it cannot read are left out, so on
/// another system it may be only the CPU count.
pub fn machine_description() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    describe_machine(&cpuinfo, &meminfo, cpus)
}

fn describe_machine(cpuinfo: &str, meminfo: &str, cpus: usize) -> String {
    let model = cpuinfo.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        (key.trim() == "model name").then(|| value.split_whitespace().collect::<Vec<_>>().join(" "))
    });
    let mut parts: Vec<String> = model.into_iter().filter(|m| !m.is_empty()).collect();
    if cpus > 0 {
        parts.push(format!("{cpus} CPU{}", if cpus == 1 { "" } else { "s" }));
    }
    let mem_kb = kb_field(meminfo, "MemTotal");
    if mem_kb > 0 {
        parts.push(format!("{:.1} GB", mem_kb as f64 * 1024.0 / 1e9));
    }
    if parts.is_empty() {
        "unknown".to_string()
    } else {
        parts.join(", ")
    }
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// A share as a percentage of its denominator, or why there is none.
fn share(rate: f64, of: u64) -> String {
    if of == 0 {
        "- (none in the manifest)".to_string()
    } else {
        format!("{:.3} % of {of}", 100.0 * rate)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1e3
}

/// The comparable part of a hit list: entry ids and scores.
fn hit_key(hits: &[Hit]) -> Vec<(String, i64)> {
    hits.iter()
        .map(|h| (h.entry_id.clone(), (h.score * 10_000.0).round() as i64))
        .collect()
}

/// What a bench run measures: the watchlist, the travellers and, for each traveller,
/// the entries that are the same person (None: unlisted).
struct Inputs {
    watchlist: Vec<paxscreen_core::WatchlistEntry>,
    sources: Vec<String>,
    travellers: Vec<Traveller>,
    labels: Vec<Option<Vec<String>>>,
    pools: String,
    files: Vec<String>,
    labelled: bool,
}

/// Generated inputs: `--names` entries and `--travellers` travellers from the token
/// pools of `--data`.
fn generate(args: &BenchArgs) -> Inputs {
    let (pools, pools_name) = load_pools(&args.data);
    log(&format!("generating {} entries", args.names));
    let watchlist = paxscreen_synth::scale_watchlist(args.names, args.seed, &pools);
    let labelled = paxscreen_synth::scale::scale_labelled_travellers(
        args.travellers,
        args.seed.wrapping_add(1),
        &pools,
        &watchlist,
    );
    let (travellers, labels): (Vec<Traveller>, Vec<Option<String>>) = labelled.into_iter().unzip();
    Inputs {
        watchlist,
        sources: vec!["synthetic (paxscreen bench)".into()],
        travellers,
        labels: labels.into_iter().map(|l| l.map(|id| vec![id])).collect(),
        pools: pools_name,
        files: Vec::new(),
        labelled: true,
    }
}

/// Inputs read from `--watchlist`, `--manifest` and `--labels`. Travellers the reader
/// rejects are counted on stderr and not measured.
fn read_files(args: &BenchArgs) -> Result<Inputs, BenchError> {
    let manifest = args.manifest.as_ref().ok_or_else(|| {
        BenchError::Input("--watchlist needs --manifest (the travellers to screen)".into())
    })?;
    log("reading the files");
    let loaded = paxscreen_watchlists::load_paths(&args.watchlist)
        .map_err(|e| BenchError::Input(format!("cannot load watchlist: {e}")))?;
    for w in &loaded.warnings {
        eprintln!("bench: warning: {w}");
    }
    let mut files: Vec<String> = args
        .watchlist
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    files.push(manifest.display().to_string());
    let (travellers, labels, rejected) = match &args.labels {
        Some(labels_path) => {
            files.push(labels_path.display().to_string());
            let (labelled, _, warnings) =
                paxscreen_eval::load_labelled(manifest, labels_path, &loaded.entries)
                    .map_err(|e| BenchError::Input(e.to_string()))?;
            for w in warnings {
                eprintln!("bench: warning: {w}");
            }
            let mut travellers = Vec::with_capacity(labelled.len());
            let mut labels = Vec::with_capacity(labelled.len());
            let mut rejected = 0usize;
            for l in labelled {
                match l.traveller {
                    Some(t) => {
                        travellers.push(t);
                        labels.push(l.case.expected.map(|e| {
                            let mut ids = vec![e];
                            ids.extend(l.case.also);
                            ids
                        }));
                    }
                    None => rejected += 1,
                }
            }
            (travellers, labels, rejected)
        }
        None => {
            let bytes = std::fs::read(manifest).map_err(|e| {
                BenchError::Input(format!("{}: cannot read: {e}", manifest.display()))
            })?;
            let name = manifest.display().to_string();
            let m = paxscreen_formats::read_manifest(&bytes, &name, None)
                .map_err(|e| BenchError::Input(e.to_string()))?;
            for w in &m.warnings {
                eprintln!("bench: warning: {name}: {w}");
            }
            let total = m.records.len();
            let travellers: Vec<Traveller> = m.records.into_iter().filter_map(Result::ok).collect();
            let rejected = total - travellers.len();
            let labels = vec![None; travellers.len()];
            (travellers, labels, rejected)
        }
    };
    if rejected > 0 {
        eprintln!(
            "bench: warning: {rejected} travellers of {} could not be read and are not measured \
             (`paxscreen screen` reports each)",
            manifest.display()
        );
    }
    Ok(Inputs {
        watchlist: loaded.entries,
        sources: loaded.sources,
        travellers,
        labels,
        pools: "files".into(),
        files,
        labelled: args.labels.is_some(),
    })
}

/// Token pools from `data`, or the built-in ones when it cannot be read.
pub fn load_pools(data: &Path) -> (TokenPools, String) {
    let data = paxscreen_synth::resolve_data_dir(data);
    match TokenPools::load(&data) {
        Ok(p) => (p, format!("{}", data.display())),
        Err(e) => {
            // Loud: the built-in pools are a few hundred tokens, so the list repeats
            // them far more than real lists do (alert rates and costs are not comparable).
            eprintln!(
                "bench: warning: cannot read the name data in {} ({e}); using the small \
                 built-in token pools, whose figures do not stand for real lists \
                 (give --data DIR)",
                data.display()
            );
            (TokenPools::builtin(), "builtin".to_string())
        }
    }
}

fn log(msg: &str) {
    eprintln!("bench: {msg}");
}

/// Runs every measurement; prints progress on stderr and returns the numbers.
pub fn run_bench(args: BenchArgs) -> Result<BenchReport, BenchError> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    let options = ScreenOptions {
        threshold,
        ..ScreenOptions::default()
    };
    let t0 = Instant::now();
    let inputs = if args.watchlist.is_empty() {
        generate(&args)
    } else {
        read_files(&args)?
    };
    let generate_s = t0.elapsed().as_secs_f64();
    let Inputs {
        watchlist,
        sources,
        travellers,
        labels,
        pools: pools_name,
        files,
        labelled,
    } = inputs;

    log("building the index");
    let t0 = Instant::now();
    let built = Screener::build(watchlist, sources)?;
    let build_s = t0.elapsed().as_secs_f64();

    let tmp = tempfile::tempdir().map_err(|e| BenchError::Setup(format!("temp dir: {e}")))?;
    let t0 = Instant::now();
    built.write_snapshot(tmp.path())?;
    let snapshot_write_s = t0.elapsed().as_secs_f64();
    let snapshot_bytes = dir_bytes(tmp.path());
    drop(built);

    log("opening the snapshot");
    let t0 = Instant::now();
    let screener = Screener::open_snapshot(tmp.path())?;
    let snapshot_load_s = t0.elapsed().as_secs_f64();
    let loaded_rss_bytes = proc_status_bytes("VmRSS");
    let info = screener.info().clone();

    // Each throughput run starts from an empty retrieval cache warmed by the same first
    // 1,000 travellers (a running server is warm too).
    let warm = travellers.len().min(1000);
    paxscreen_engine::clear_retrieval_cache();
    let _ = screener.screen_batch(&travellers[..warm], &options);

    log(&format!(
        "screening {} travellers on all cores",
        travellers.len()
    ));
    let threads = rayon::current_num_threads();
    let t0 = Instant::now();
    let results = screener.screen_batch(&travellers, &options);
    let batch_tps = travellers.len() as f64 / t0.elapsed().as_secs_f64().max(1e-9);

    log("screening on one core");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| BenchError::Setup(format!("thread pool: {e}")))?;
    paxscreen_engine::clear_retrieval_cache();
    let _ = pool.install(|| screener.screen_batch(&travellers[..warm], &options));
    let t0 = Instant::now();
    let one = pool.install(|| screener.screen_batch(&travellers, &options));
    let single_core_tps = travellers.len() as f64 / t0.elapsed().as_secs_f64().max(1e-9);
    drop(one);

    // Steady state: the retrieval cache holds what the runs above retrieved, as in a
    // server that has been screening manifests.
    log("single-traveller latency");
    let mut lat = Vec::with_capacity(args.latency_samples);
    if !travellers.is_empty() {
        // This thread's first screening allocates its scratch sets (one mark per listed
        // name): 5-6 ms once per thread at 1M names, paid by a server's workers before
        // any steady state. The runs above warmed the pool's threads, not this one.
        std::hint::black_box(screener.screen(&travellers[travellers.len() / 2], &options));
        for i in 0..args.latency_samples {
            // Spread over the manifest (a stride coprime with most lengths).
            let t = &travellers[(i * 7919) % travellers.len()];
            let t0 = Instant::now();
            let h = screener.screen(t, &options);
            lat.push((t0.elapsed(), (i * 7919) % travellers.len()));
            std::hint::black_box(h);
        }
    }
    lat.sort_unstable();
    let slowest: Vec<SlowTraveller> = lat
        .iter()
        .rev()
        .take(args.slowest)
        .map(|&(d, i)| {
            let t = &travellers[i];
            let c = screener.candidate_count(t, &options);
            // Travellers read from files may be real passengers: only their ids.
            let synthetic = files.is_empty();
            SlowTraveller {
                ms: d.as_secs_f64() * 1e3,
                name: if synthetic {
                    format!("{} / {}", t.surname, t.given_names)
                } else {
                    format!("traveller {}", t.id)
                },
                dob: t.dob.filter(|_| synthetic).map(|d| d.to_string()),
                names_read: c.considered as u64,
                kept: c.kept as u64,
            }
        })
        .collect();
    let lat: Vec<Duration> = lat.into_iter().map(|(d, _)| d).collect();

    // Quality at this threshold.
    let mut innocents = 0u64;
    let mut alerts = 0u64;
    let mut listed = 0u64;
    let mut found = 0u64;
    let mut hits = 0u64;
    for (r, l) in results.iter().zip(&labels) {
        hits += r.len() as u64;
        match l {
            None => {
                innocents += 1;
                alerts += u64::from(!r.is_empty());
            }
            Some(ids) => {
                listed += 1;
                found += u64::from(r.iter().any(|h| ids.contains(&h.entry_id)));
            }
        }
    }

    log(&format!(
        "exhaustive screening of {} travellers",
        args.exhaustive_sample
    ));
    // The sample: every listed traveller first (recall), then innocents, evenly spread.
    let mut sample: Vec<usize> = (0..travellers.len())
        .filter(|&i| labels[i].is_some())
        .take(args.exhaustive_sample / 2)
        .collect();
    let rest = args.exhaustive_sample.saturating_sub(sample.len());
    if rest > 0 && !travellers.is_empty() {
        let stride = (travellers.len() / rest).max(1);
        sample.extend(
            (0..travellers.len())
                .step_by(stride)
                .filter(|&i| labels[i].is_none())
                .take(rest),
        );
    }
    let sample_t: Vec<&Traveller> = sample.iter().map(|&i| &travellers[i]).collect();
    let t0 = Instant::now();
    let indexed: Vec<Vec<Hit>> = sample_t
        .iter()
        .map(|t| screener.screen(t, &options))
        .collect();
    let indexed_s = t0.elapsed().as_secs_f64();
    let t0 = Instant::now();
    let exhaustive: Vec<Vec<Hit>> = sample_t
        .iter()
        .map(|t| screener.screen_exhaustive(t, &options))
        .collect();
    let exhaustive_s = t0.elapsed().as_secs_f64();
    let mut disagreements = 0u64;
    let mut ex_found = 0u64;
    let mut ix_found = 0u64;
    for (k, &i) in sample.iter().enumerate() {
        if hit_key(&indexed[k]) != hit_key(&exhaustive[k]) {
            disagreements += 1;
        }
        if let Some(ids) = &labels[i] {
            ex_found += u64::from(exhaustive[k].iter().any(|h| ids.contains(&h.entry_id)));
            ix_found += u64::from(indexed[k].iter().any(|h| ids.contains(&h.entry_id)));
        }
    }
    let n_sample = sample.len().max(1) as f64;
    let exhaustive_ms = exhaustive_s * 1e3 / n_sample;
    let indexed_ms = indexed_s * 1e3 / n_sample;

    Ok(BenchReport {
        entries: info.entries,
        names: info.names,
        travellers: travellers.len() as u64,
        pools: pools_name,
        files,
        labelled,
        machine: machine_description(),
        threshold,
        threads,
        generate_s,
        build_s,
        snapshot_write_s,
        snapshot_bytes,
        snapshot_load_s,
        batch_tps,
        single_core_tps,
        latency_p50_ms: percentile(&lat, 0.50),
        latency_p99_ms: percentile(&lat, 0.99),
        latency_max_ms: percentile(&lat, 1.0),
        slowest,
        peak_rss_bytes: proc_status_bytes("VmHWM"),
        loaded_rss_bytes,
        innocent_alert_rate: alerts as f64 / innocents.max(1) as f64,
        hits_per_traveller: hits as f64 / travellers.len().max(1) as f64,
        listed_recall: found as f64 / listed.max(1) as f64,
        innocent_travellers: innocents,
        listed_travellers: listed,
        exhaustive_sample: sample.len() as u64,
        exhaustive_ms,
        indexed_ms,
        speedup: if indexed_ms > 0.0 {
            exhaustive_ms / indexed_ms
        } else {
            0.0
        },
        disagreements,
        exhaustive_recall_hits: ex_found,
        indexed_recall_hits: ix_found,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_bench_agrees_with_exhaustive() {
        let args = BenchArgs {
            names: 2000,
            travellers: 500,
            seed: 7,
            data: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")),
            exhaustive_sample: 40,
            threshold: None,
            latency_samples: 50,
            slowest: 3,
            json: None,
            ..BenchArgs::default()
        };
        let r = run_bench(args).unwrap();
        assert_eq!(r.disagreements, 0, "{}", r.table());
        assert!(r.names >= 2000);
        assert!(r.batch_tps > 0.0 && r.snapshot_bytes > 0);
        assert_eq!(r.exhaustive_recall_hits, r.indexed_recall_hits);
        // The slowest samples, slowest first, each at or above the median.
        assert_eq!(r.slowest.len(), 3);
        assert!(r.slowest.windows(2).all(|w| w[0].ms >= w[1].ms));
        assert!(r.slowest[2].ms >= r.latency_p50_ms);
        assert!(r
            .slowest
            .iter()
            .all(|s| s.names_read >= s.kept && s.name.contains(" / ")));
        assert!(r.table().contains("slowest latency samples"));
        assert!(r
            .table()
            .lines()
            .any(|l| l.starts_with("machine ") && l.ends_with(&format!("  {}", r.machine))));
        // Every traveller is innocent or listed, and the rates name their denominators.
        assert_eq!(r.innocent_travellers + r.listed_travellers, 500);
        assert!(r
            .table()
            .contains(&format!("% of {}", r.innocent_travellers)));
    }

    #[test]
    fn files_of_ones_own_are_measured_and_their_passengers_not_named() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let mut list = String::from("id,names,dob,nationality,gender,documents,list,remarks\n");
        for i in 0..300 {
            list.push_str(&format!(
                "F{i:07},Person{i} SURNAME{},1970,,,,TEST,\n",
                i % 7
            ));
        }
        list.push_str("L1,Mohammed AL-HASSAN,1979-06-30,SYR,,,TEST,\n");
        let wl = write("list.csv", &list);
        let tr = write(
            "t.csv",
            "id,surname,given_names,dob\nP1,AL HASSAN,MOHAMMED,1979-06-30\nP2,NAKAMURA,YUKI,1991-04-02\nP3,!!!,,\n",
        );
        let labels = write(
            "labels.csv",
            "traveller_id,expected_entry_id,category\nP1,L1,exact\nP2,,innocent\nP3,,innocent\n",
        );
        let args = BenchArgs {
            watchlist: vec![wl.clone()],
            manifest: Some(tr.clone()),
            labels: Some(labels),
            exhaustive_sample: 10,
            latency_samples: 20,
            slowest: 2,
            ..BenchArgs::default()
        };
        let r = run_bench(args.clone()).unwrap();
        assert_eq!((r.entries, r.travellers), (301, 2));
        assert!(r.labelled);
        assert_eq!((r.listed_travellers, r.innocent_travellers), (1, 1));
        assert_eq!((r.listed_recall, r.innocent_alert_rate), (1.0, 0.0));
        assert_eq!(r.disagreements, 0);
        assert_eq!(r.files.len(), 3);
        assert!(r
            .slowest
            .iter()
            .all(|s| s.name.starts_with("traveller P") && s.dob.is_none()));
        assert!(!r.table().contains("MOHAMMED"), "{}", r.table());
        // Without labels every traveller is unlisted, and the row says so.
        let r = run_bench(BenchArgs {
            labels: None,
            ..args
        })
        .unwrap();
        assert!(!r.labelled);
        assert_eq!((r.innocent_travellers, r.innocent_alert_rate), (2, 0.5));
        assert!(r
            .table()
            .contains("travellers with hits (no labels)  50.000 % of 2"));
    }

    #[test]
    fn shares_name_their_denominator() {
        assert_eq!(share(0.25, 8), "25.000 % of 8");
        assert_eq!(share(0.0, 0), "- (none in the manifest)");
    }

    #[test]
    fn describes_the_machine_from_proc_files() {
        let cpuinfo = "processor\t: 0\nmodel name\t: AMD  EPYC 9R14\nflags\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD  EPYC 9R14\n";
        let meminfo = "MemTotal:       24576000 kB\nMemFree:  100 kB\n";
        assert_eq!(
            describe_machine(cpuinfo, meminfo, 2),
            "AMD EPYC 9R14, 2 CPUs, 25.2 GB"
        );
        assert_eq!(describe_machine("", "", 1), "1 CPU");
        assert_eq!(describe_machine("", "", 0), "unknown");
        if Path::new("/proc/cpuinfo").exists() {
            assert!(machine_description().contains("CPU"));
        }
    }

    #[test]
    fn reads_proc_status() {
        if Path::new("/proc/self/status").exists() {
            assert!(proc_status_bytes("VmHWM") > 0);
        }
    }
}
