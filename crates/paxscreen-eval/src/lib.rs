//! The labelled evaluation harness behind `paxscreen eval`.
//!
//! Given watchlists, a travellers file and a labels file saying which entry (if any)
//! each traveller is, it measures what matters for watchlist screening:
//!
//! * **recall** (a listed traveller is found when the expected entry, or another entry
//!   the labels give as the same person, is among its hits),
//!   overall and per category of the dev set (`exact`, `held_out_alias`,
//!   `translit_arabic`, `translit_cyrillic`, `typo`, `mrz`, `swapped`, `particles`,
//!   `pnr`): a miss is a listed person who travels;
//! * **false alerts**: the share of unlisted travellers with any hit, separately for
//!   `innocent` travellers, for `namesake`s (a listed person's name, another date of
//!   birth and nationality) and for namesakes whose full date of birth is known: each
//!   one stops an innocent traveller;
//! * **top-1 accuracy** (the expected entry is the first hit) and **hits per traveller**
//!   (the review load);
//! * a **threshold sweep** (0.50 to 0.99) and the **best recall at 1% and 0.1%** of
//!   innocents alerted, with the threshold that achieves it;
//! * **throughput** (travellers per second).
//!
//! Two baselines run in the same harness on the same travellers (a deterministic
//! sample stratified by category, `--baseline-sample`): the GTAS rule and a brute-force
//! token-sort ratio ([`baselines`]). paxscreen's recall at each baseline's alert rate is
//! read off its sweep, so "ahead at the same alert rate" can be read directly. The curve
//! of recall against innocent alert rate is written as SVG ([`svg`]).
//!
//! Paxscreen is screened once at a low threshold ([`metrics::SWEEP_FROM`]) with the
//! production `max_hits`; every threshold above is read from those scores. This is
//! exactly what screening at that threshold would return: the hits kept are the
//! highest-scoring ones either way.
//!
//! ```text
//! paxscreen eval --watchlist watchlist.csv [--watchlist more.xml ...] \
//!     --travellers travellers.csv --labels labels.csv \
//!     [--threshold 0.80] [--svg curve.svg] [--json report.json] \
//!     [--no-baselines] [--baseline-sample 2000]
//! ```
//!
//! The text report ([`EvalReport::render_text`]) has paxscreen on every labelled
//! traveller, then a table of paxscreen, GTAS and token-sort on the baseline sample,
//! then paxscreen's best recall within each baseline's alert rate. The JSON report is
//! [`EvalReport`] serialized: it adds the sweep tables (0.50..=0.99 step 0.01) and up to
//! ten example errors per category for whoever tunes the matcher. Without the main
//! binary: `cargo run --release -p paxscreen-eval --example eval -- <flags>`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod baselines;
pub mod labels;
pub mod metrics;
pub mod probes;
pub mod svg;

use metrics::{pct, Case, Decision, MethodReport, Outcome, Rate};
use paxscreen_core::{Traveller, WatchlistEntry};
use paxscreen_engine::{ScreenOptions, Screener, DEFAULT_THRESHOLD};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Flags of `paxscreen eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Watchlist file (native CSV, UN XML, OFAC sdn.csv/alt.csv); repeat for several.
    #[arg(long = "watchlist", value_name = "PATH", required = true)]
    pub watchlist: Vec<PathBuf>,
    /// Travellers file (native traveller CSV, PAXLST or PNRGOV).
    #[arg(long, value_name = "PATH")]
    pub travellers: PathBuf,
    /// Labels CSV: `traveller_id,expected_entry_id,category`.
    #[arg(long, value_name = "PATH")]
    pub labels: PathBuf,
    /// Threshold of the headline numbers [default: the engine's default].
    #[arg(long, value_name = "SCORE")]
    pub threshold: Option<f64>,
    /// Write the recall / alert-rate curve here as SVG.
    #[arg(long, value_name = "PATH")]
    pub svg: Option<PathBuf>,
    /// Write the full report (with the sweep table) here as JSON.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// Run the two baseline matchers (GTAS rule, token-sort ratio) beside paxscreen.
    #[arg(long = "baselines", default_value_t = true)]
    pub baselines: bool,
    /// Skip the baselines.
    #[arg(long = "no-baselines")]
    pub no_baselines: bool,
    /// Evaluate the brute-force baselines (and paxscreen beside them) on this many
    /// travellers, sampled deterministically and stratified by category; 0 = all.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BASELINE_SAMPLE)]
    pub baseline_sample: usize,
}

/// Default `--baseline-sample`.
pub const DEFAULT_BASELINE_SAMPLE: usize = 2000;

/// Why an evaluation could not run. Every variant names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A watchlist could not be loaded.
    #[error(transparent)]
    Watchlist(#[from] paxscreen_watchlists::WatchlistError),
    /// The screener could not be built from the watchlists.
    #[error("{}: {source}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    Engine {
        /// The watchlist files.
        paths: Vec<PathBuf>,
        /// The engine's reason.
        source: paxscreen_engine::EngineError,
    },
    /// The travellers file is unreadable as a manifest, or holds a duplicate id.
    #[error("{}: {reason}", path.display())]
    Travellers {
        /// The travellers file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A labels row is malformed or does not match the other files.
    #[error("{}: line {line}: {reason}", path.display())]
    Labels {
        /// The labels file.
        path: PathBuf,
        /// 1-based line (the header is line 1).
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// A flag has an impossible value.
    #[error("{0}")]
    Usage(String),
}

/// What the baselines were compared on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleInfo {
    /// Travellers in the sample.
    pub size: usize,
    /// Labelled travellers in all.
    pub of: usize,
    /// Travellers per category in the sample.
    pub per_category: BTreeMap<String, usize>,
    /// How it was drawn.
    pub note: String,
}

/// One baseline against paxscreen at the same innocent alert rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SameAlertRate {
    /// Which matcher sets the alert rate (`gtas`, `token_sort`).
    pub baseline: String,
    /// The alert-rate budget: the baseline's innocent alert rate (GTAS) or a target.
    pub alert_rate: f64,
    /// The baseline's recall within that budget.
    pub baseline_recall: f64,
    /// The baseline's threshold (None for a fixed rule or when nothing fits).
    pub baseline_threshold: Option<f64>,
    /// paxscreen's best recall within that budget (same sample).
    pub paxscreen_recall: f64,
    /// The threshold that achieves it (None when nothing fits).
    pub paxscreen_threshold: Option<f64>,
}

/// The baselines beside paxscreen, all on the same sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineComparison {
    /// The sample.
    pub sample: SampleInfo,
    /// Listed names each baseline compared every traveller with.
    pub listed_names: usize,
    /// paxscreen on the sample.
    pub paxscreen: MethodReport,
    /// The GTAS rule (a fixed rule: no threshold, no sweep).
    pub gtas: MethodReport,
    /// The token-sort ratio, headline numbers at its best threshold within 1% alerts.
    pub token_sort: MethodReport,
    /// Recall at matched alert rates.
    pub same_alert_rate: Vec<SameAlertRate>,
}

/// Counts of the labelled travellers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    /// Labelled travellers.
    pub labelled: usize,
    /// Listed ones.
    pub listed: usize,
    /// Per category.
    pub per_category: BTreeMap<String, usize>,
    /// Labelled travellers the manifest reader rejected: screened as having no hits.
    pub rejected: usize,
    /// Travellers in the travellers file without a label (not evaluated).
    pub unlabelled: usize,
}

/// The result of an evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Watchlist sources, as the loader describes them.
    pub watchlists: Vec<String>,
    /// Watchlist entries.
    pub entries: usize,
    /// The travellers file.
    pub travellers_file: String,
    /// The labels file.
    pub labels_file: String,
    /// Counts.
    pub counts: Counts,
    /// paxscreen on all labelled travellers.
    pub paxscreen: MethodReport,
    /// The baselines, when run.
    pub baselines: Option<BaselineComparison>,
    /// Seconds paxscreen took to screen every labelled traveller at the sweep's floor
    /// ([`metrics::SWEEP_FROM`]); its `seconds` are at the headline threshold.
    pub sweep_screen_seconds: f64,
    /// Notes (rejected travellers, manifest warnings).
    pub warnings: Vec<String>,
}

/// Options of [`evaluate`] (the file-free part of `paxscreen eval`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvalOptions {
    /// Threshold of the headline numbers.
    pub threshold: f64,
    /// Run the baselines?
    pub baselines: bool,
    /// Baseline sample size (0 = all).
    pub baseline_sample: usize,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            threshold: DEFAULT_THRESHOLD,
            baselines: true,
            baseline_sample: DEFAULT_BASELINE_SAMPLE,
        }
    }
}

/// A labelled traveller: the label and the traveller as read (None if rejected).
#[derive(Debug, Clone)]
pub struct LabelledTraveller {
    /// The label.
    pub case: Case,
    /// The traveller, or None when the manifest reader rejected it.
    pub traveller: Option<Traveller>,
}

/// Runs `paxscreen eval`: loads the files, evaluates, prints the report to stdout and
/// writes the SVG and JSON files when asked.
pub fn run_eval(args: EvalArgs) -> Result<EvalReport, EvalError> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(EvalError::Usage(format!(
            "--threshold must be in [0, 1], got {threshold}"
        )));
    }
    // A snapshot folder written by `paxscreen index` is read as `screen` reads it (the
    // only --watchlist then); otherwise the lists are read and indexed.
    let engine_error = |source| EvalError::Engine {
        paths: args.watchlist.clone(),
        source,
    };
    let (screener, mut warnings) = match args.watchlist.as_slice() {
        [one] if Screener::is_snapshot(one) => (
            Screener::open_snapshot(one).map_err(engine_error)?,
            Vec::new(),
        ),
        paths => {
            if let Some(p) = paths.iter().find(|p| Screener::is_snapshot(p)) {
                return Err(EvalError::Usage(format!(
                    "{}: a snapshot folder must be the only --watchlist",
                    p.display()
                )));
            }
            let loaded = paxscreen_watchlists::load_paths(paths)?;
            let screener = Screener::build(loaded.entries, loaded.sources).map_err(engine_error)?;
            (screener, loaded.warnings)
        }
    };
    let (cases, unlabelled, manifest_warnings) =
        load_labelled(&args.travellers, &args.labels, screener.entries())?;
    warnings.extend(manifest_warnings);
    let mut other_unlisted: Vec<&str> = cases
        .iter()
        .filter(|c| c.case.expected.is_none())
        .map(|c| c.case.category.as_str())
        .filter(|c| !labels::UNLISTED_CATEGORIES.contains(c))
        .collect();
    other_unlisted.sort_unstable();
    other_unlisted.dedup();
    if !other_unlisted.is_empty() {
        warnings.push(format!(
            "{}: unlisted travellers (no expected_entry_id) under categories {} are counted \
             as innocent, and under their own categories too",
            args.labels.display(),
            other_unlisted.join(", ")
        ));
    }
    let options = EvalOptions {
        threshold,
        baselines: args.baselines && !args.no_baselines,
        baseline_sample: args.baseline_sample,
    };
    let mut report = evaluate(&screener, &cases, &options);
    report.travellers_file = args.travellers.display().to_string();
    report.labels_file = args.labels.display().to_string();
    report.counts.unlabelled = unlabelled;
    report.warnings.extend(warnings);
    print!("{}", report.render_text());
    if let Some(path) = &args.svg {
        write_file(path, report.render_svg().as_bytes())?;
    }
    if let Some(path) = &args.json {
        let json = serde_json::to_vec_pretty(&report).map_err(|e| EvalError::Io {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        write_file(path, &json)?;
    }
    Ok(report)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), EvalError> {
    std::fs::write(path, bytes).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads the travellers and labels files and joins them. Returns the labelled
/// travellers in labels-file order, the number of unlabelled travellers, and warnings.
pub fn load_labelled(
    travellers_path: &Path,
    labels_path: &Path,
    entries: &[WatchlistEntry],
) -> Result<(Vec<LabelledTraveller>, usize, Vec<String>), EvalError> {
    let bytes = std::fs::read(travellers_path).map_err(|source| EvalError::Io {
        path: travellers_path.to_path_buf(),
        source,
    })?;
    let source_name = travellers_path.display().to_string();
    let manifest = paxscreen_formats::read_manifest(&bytes, &source_name, None).map_err(|e| {
        EvalError::Travellers {
            path: travellers_path.to_path_buf(),
            reason: e.reason,
        }
    })?;
    let labels = labels::read_labels(labels_path)?;
    let mut warnings: Vec<String> = manifest
        .warnings
        .iter()
        .map(|w| format!("{source_name}: {w}"))
        .collect();
    let records: Vec<Result<Traveller, (String, String)>> = manifest
        .records
        .into_iter()
        .map(|r| r.map_err(|rej| (rej.id, format!("{}: {}", rej.position, rej.reason))))
        .collect();
    let (cases, unlabelled, join_warnings) =
        join(records, &labels, entries, labels_path).map_err(|e| match e {
            JoinError::DuplicateTraveller(id) => EvalError::Travellers {
                path: travellers_path.to_path_buf(),
                reason: format!("traveller id {id:?} appears twice"),
            },
            JoinError::Label { line, reason } => EvalError::Labels {
                path: labels_path.to_path_buf(),
                line,
                reason: format!("{reason} (travellers file {source_name})"),
            },
        })?;
    warnings.extend(join_warnings);
    Ok((cases, unlabelled, warnings))
}

enum JoinError {
    DuplicateTraveller(String),
    Label { line: u64, reason: String },
}

type Joined = (Vec<LabelledTraveller>, usize, Vec<String>);

/// Joins travellers (read, or rejected with id and reason) with their labels.
fn join(
    records: Vec<Result<Traveller, (String, String)>>,
    labels: &[labels::Label],
    entries: &[WatchlistEntry],
    labels_path: &Path,
) -> Result<Joined, JoinError> {
    let mut by_id: HashMap<String, Result<Traveller, String>> = HashMap::new();
    for r in records {
        let (id, value) = match r {
            Ok(t) => (t.id.clone(), Ok(t)),
            Err((id, reason)) => (id, Err(reason)),
        };
        if by_id.insert(id.clone(), value).is_some() {
            return Err(JoinError::DuplicateTraveller(id));
        }
    }
    let known: std::collections::HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let mut out = Vec::with_capacity(labels.len());
    let mut warnings = Vec::new();
    for l in labels {
        let Some(record) = by_id.remove(&l.traveller_id) else {
            return Err(JoinError::Label {
                line: l.line,
                reason: format!(
                    "traveller id {:?} is not in the travellers file (or labelled twice)",
                    l.traveller_id
                ),
            });
        };
        if let Some(e) = &l.expected_entry_id {
            if !known.contains(e.as_str()) {
                return Err(JoinError::Label {
                    line: l.line,
                    reason: format!(
                        "expected entry id {e:?} of traveller {:?} is in no loaded watchlist",
                        l.traveller_id
                    ),
                });
            }
        }
        let traveller = match record {
            Ok(t) => Some(t),
            Err(reason) => {
                warnings.push(format!(
                    "{}: line {}: traveller {:?} was rejected by the reader ({reason}); counted as having no hits",
                    labels_path.display(),
                    l.line,
                    l.traveller_id
                ));
                None
            }
        };
        let full_dob = traveller
            .as_ref()
            .and_then(|t| t.dob)
            .is_some_and(|d| d.is_full());
        out.push(LabelledTraveller {
            case: Case {
                traveller_id: l.traveller_id.clone(),
                category: l.category.clone(),
                expected: l.expected_entry_id.clone(),
                also: l.also_matches.clone(),
                full_dob,
            },
            traveller,
        });
    }
    Ok((out, by_id.len(), warnings))
}

/// 64-bit FNV-1a: a stable hash for the deterministic sample.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Indices (ascending) of a deterministic sample of `n` cases stratified by category:
/// each category gets its proportional share (largest remainders), and within a
/// category the cases with the smallest FNV-1a hash of their id are taken. `n == 0` or
/// `n >= cases.len()` takes all.
pub fn stratified_sample(cases: &[Case], n: usize) -> Vec<usize> {
    if n == 0 || n >= cases.len() {
        return (0..cases.len()).collect();
    }
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in cases.iter().enumerate() {
        groups.entry(c.category.as_str()).or_default().push(i);
    }
    let total = cases.len();
    let mut quotas: Vec<(&str, usize, f64)> = groups
        .iter()
        .map(|(k, v)| {
            let exact = n as f64 * v.len() as f64 / total as f64;
            (*k, exact.floor() as usize, exact - exact.floor())
        })
        .collect();
    let mut left = n - quotas.iter().map(|q| q.1).sum::<usize>();
    let mut order: Vec<usize> = (0..quotas.len()).collect();
    order.sort_by(|&a, &b| quotas[b].2.total_cmp(&quotas[a].2).then(a.cmp(&b)));
    for i in order {
        if left == 0 {
            break;
        }
        if quotas[i].1 < groups[quotas[i].0].len() {
            quotas[i].1 += 1;
            left -= 1;
        }
    }
    let mut picked = Vec::with_capacity(n);
    for (k, quota, _) in quotas {
        let mut members = groups[k].clone();
        members.sort_by_key(|&i| (fnv1a(&cases[i].traveller_id), i));
        picked.extend(members.into_iter().take(quota));
    }
    picked.sort_unstable();
    picked
}

/// Screens the labelled travellers with paxscreen (and the baselines when asked) and
/// measures everything. Rejected travellers count as screened with no hits.
pub fn evaluate(
    screener: &Screener,
    travellers: &[LabelledTraveller],
    options: &EvalOptions,
) -> EvalReport {
    let cases: Vec<Case> = travellers.iter().map(|t| t.case.clone()).collect();
    let screenable: Vec<Traveller> = travellers
        .iter()
        .filter_map(|t| t.traveller.clone())
        .collect();
    let screen_options = ScreenOptions {
        threshold: options.threshold.min(metrics::SWEEP_FROM),
        max_hits: ScreenOptions::default().max_hits,
    };
    let start = Instant::now();
    let hits = screener.screen_batch(&screenable, &screen_options);
    let sweep_seconds = start.elapsed().as_secs_f64();
    // Throughput is measured as production runs: at the headline threshold.
    let seconds = if options.threshold > screen_options.threshold {
        let start = Instant::now();
        let production = ScreenOptions {
            threshold: options.threshold,
            ..screen_options
        };
        let _ = screener.screen_batch(&screenable, &production);
        start.elapsed().as_secs_f64()
    } else {
        sweep_seconds
    };
    let mut hits = hits.into_iter();
    let outcomes: Vec<Outcome> = travellers
        .iter()
        .map(|t| match &t.traveller {
            Some(_) => hits
                .next()
                .unwrap_or_default()
                .into_iter()
                .map(|h| (h.entry_id, h.score))
                .collect(),
            None => Vec::new(),
        })
        .collect();
    let decision = Decision::Threshold(options.threshold);
    let paxscreen = metrics::method_report("paxscreen", &cases, &outcomes, decision, seconds);

    let baselines = options.baselines.then(|| {
        compare_baselines(
            screener.entries(),
            travellers,
            &cases,
            &outcomes,
            seconds,
            options,
        )
    });

    let mut per_category: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cases {
        *per_category.entry(c.category.clone()).or_default() += 1;
    }
    let info = screener.info();
    EvalReport {
        watchlists: info.sources.clone(),
        entries: screener.entries().len(),
        travellers_file: String::new(),
        labels_file: String::new(),
        counts: Counts {
            labelled: cases.len(),
            listed: cases.iter().filter(|c| c.expected.is_some()).count(),
            per_category,
            rejected: travellers.iter().filter(|t| t.traveller.is_none()).count(),
            unlabelled: 0,
        },
        paxscreen,
        baselines,
        sweep_screen_seconds: sweep_seconds,
        warnings: Vec::new(),
    }
}

fn compare_baselines(
    entries: &[WatchlistEntry],
    travellers: &[LabelledTraveller],
    cases: &[Case],
    outcomes: &[Outcome],
    paxscreen_seconds: f64,
    options: &EvalOptions,
) -> BaselineComparison {
    let picked = stratified_sample(cases, options.baseline_sample);
    let s_cases: Vec<Case> = picked.iter().map(|&i| cases[i].clone()).collect();
    let s_outcomes: Vec<Outcome> = picked.iter().map(|&i| outcomes[i].clone()).collect();
    let empty = Traveller::default();
    let s_travellers: Vec<&Traveller> = picked
        .iter()
        .map(|&i| travellers[i].traveller.as_ref().unwrap_or(&empty))
        .collect();
    let mut per_category: BTreeMap<String, usize> = BTreeMap::new();
    for c in &s_cases {
        *per_category.entry(c.category.clone()).or_default() += 1;
    }
    let sample = SampleInfo {
        size: s_cases.len(),
        of: cases.len(),
        per_category,
        note: if s_cases.len() == cases.len() {
            "all labelled travellers".to_string()
        } else {
            format!(
                "deterministic, stratified by category: proportional shares, smallest FNV-1a hash of the id first; --baseline-sample {}",
                options.baseline_sample
            )
        },
    };
    let index = baselines::BaselineIndex::new(entries);
    let decision = Decision::Threshold(options.threshold);
    // paxscreen's time on the sample is its share of the full run.
    let share = paxscreen_seconds * s_cases.len() as f64 / cases.len().max(1) as f64;
    let paxscreen = metrics::method_report("paxscreen", &s_cases, &s_outcomes, decision, share);

    let start = Instant::now();
    let gtas_out = index.gtas_batch(&s_travellers);
    let gtas = metrics::method_report(
        "gtas",
        &s_cases,
        &gtas_out,
        Decision::Fixed,
        start.elapsed().as_secs_f64(),
    );

    let start = Instant::now();
    let ts_out = index.token_sort_batch(&s_travellers, metrics::SWEEP_FROM);
    let ts_seconds = start.elapsed().as_secs_f64();
    // Headline numbers at the threshold that is best within 1% innocent alerts.
    let probe = metrics::method_report(
        "token_sort",
        &s_cases,
        &ts_out,
        Decision::Threshold(1.0),
        ts_seconds,
    );
    let ts_threshold = probe
        .recall_at_alert_rate(metrics::ALERT_RATE_TARGETS[0])
        .and_then(|p| p.threshold)
        .unwrap_or(1.0);
    let token_sort = metrics::method_report(
        "token_sort",
        &s_cases,
        &ts_out,
        Decision::Threshold(ts_threshold),
        ts_seconds,
    );

    let mut same = Vec::new();
    let g_rate = gtas.innocent_alerts().rate;
    let p = paxscreen.recall_at_alert_rate(g_rate);
    same.push(SameAlertRate {
        baseline: "gtas".into(),
        alert_rate: g_rate,
        baseline_recall: gtas.recall.rate,
        baseline_threshold: None,
        paxscreen_recall: p.as_ref().map_or(0.0, |p| p.recall),
        paxscreen_threshold: p.as_ref().and_then(|p| p.threshold),
    });
    let mut budgets = vec![g_rate];
    budgets.extend(metrics::ALERT_RATE_TARGETS);
    for budget in budgets {
        let b = token_sort.recall_at_alert_rate(budget);
        let p = paxscreen.recall_at_alert_rate(budget);
        same.push(SameAlertRate {
            baseline: "token_sort".into(),
            alert_rate: budget,
            baseline_recall: b.as_ref().map_or(0.0, |b| b.recall),
            baseline_threshold: b.as_ref().and_then(|b| b.threshold),
            paxscreen_recall: p.as_ref().map_or(0.0, |p| p.recall),
            paxscreen_threshold: p.as_ref().and_then(|p| p.threshold),
        });
    }
    BaselineComparison {
        sample,
        listed_names: index.name_count(),
        paxscreen,
        gtas,
        token_sort,
        same_alert_rate: same,
    }
}

fn opt_threshold(t: Option<f64>) -> String {
    t.map(|t| format!("{t:.3}"))
        .unwrap_or_else(|| "none".into())
}

impl EvalReport {
    /// The human-readable report `paxscreen eval` prints.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let c = &self.counts;
        let _ = writeln!(s, "paxscreen eval");
        for w in &self.watchlists {
            let _ = writeln!(s, "  watchlist   {w}");
        }
        let _ = writeln!(s, "  entries     {}", self.entries);
        if !self.travellers_file.is_empty() {
            let _ = writeln!(s, "  travellers  {}", self.travellers_file);
            let _ = writeln!(s, "  labels      {}", self.labels_file);
        }
        let cats: Vec<String> = c
            .per_category
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let _ = writeln!(
            s,
            "  labelled    {} ({} listed, {} unlisted): {}",
            c.labelled,
            c.listed,
            c.labelled - c.listed,
            cats.join(", ")
        );
        if c.rejected > 0 || c.unlabelled > 0 {
            let _ = writeln!(
                s,
                "  rejected by the reader {} (counted as no hits); unlabelled {} (not evaluated)",
                c.rejected, c.unlabelled
            );
        }
        let _ = writeln!(s);
        write_method(&mut s, &self.paxscreen, "labelled travellers (all)");
        let _ = writeln!(
            s,
            "  (throughput at the threshold above; screening at the sweep floor {:.2} took {:.2} s)",
            metrics::SWEEP_FROM,
            self.sweep_screen_seconds
        );
        if let Some(b) = &self.baselines {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "BASELINES on {} of {} travellers ({}); {} listed names compared brute force with every traveller",
                b.sample.size, b.sample.of, b.sample.note, b.listed_names
            );
            let methods = [&b.paxscreen, &b.gtas, &b.token_sort];
            let heads: Vec<String> = methods
                .iter()
                .map(|m| match m.threshold {
                    Some(t) => format!("{} @{t:.2}", m.method),
                    None => format!("{} (rule)", m.method),
                })
                .collect();
            let _ = writeln!(
                s,
                "  {:<26}{:>26}{:>26}{:>26}",
                "", heads[0], heads[1], heads[2]
            );
            let row = |s: &mut String, name: &str, f: &dyn Fn(&MethodReport) -> String| {
                let _ = writeln!(
                    s,
                    "  {:<26}{:>26}{:>26}{:>26}",
                    name,
                    f(methods[0]),
                    f(methods[1]),
                    f(methods[2])
                );
            };
            row(&mut s, "recall", &|m| m.recall.show());
            let mut cats: Vec<&String> = b.paxscreen.recall_by_category.keys().collect();
            cats.sort();
            for cat in cats {
                row(&mut s, &format!("  {cat}"), &|m| {
                    m.recall_by_category
                        .get(cat)
                        .map(Rate::show)
                        .unwrap_or_default()
                });
            }
            row(&mut s, "top-1", &|m| m.top1.show());
            for (key, name) in [
                ("innocent", "false alerts: innocent"),
                ("namesake", "false alerts: namesake"),
                ("namesake_full_dob", "  namesake, full DOB"),
            ] {
                row(&mut s, name, &|m| {
                    m.false_alerts.get(key).map(Rate::show).unwrap_or_default()
                });
            }
            row(&mut s, "hits per traveller", &|m| {
                format!("{:.3}", m.hits_per_traveller)
            });
            row(&mut s, "travellers/second", &|m| {
                format!("{:.0}", m.travellers_per_second)
            });
            let _ = writeln!(
                s,
                "  at the same innocent alert rate (best recall within it; {} innocents in the sample, one alert = {}):",
                b.paxscreen.innocent_alerts().total,
                pct(1.0 / b.paxscreen.innocent_alerts().total.max(1) as f64)
            );
            for r in &b.same_alert_rate {
                let _ = writeln!(
                    s,
                    "    <= {:>7} alerts: {:<10} {:>8} (t {})   paxscreen {:>8} (t {}){}",
                    pct(r.alert_rate),
                    r.baseline,
                    pct(r.baseline_recall),
                    opt_threshold(r.baseline_threshold),
                    pct(r.paxscreen_recall),
                    opt_threshold(r.paxscreen_threshold),
                    if r.paxscreen_recall >= r.baseline_recall {
                        "   paxscreen ahead or equal"
                    } else {
                        "   BASELINE AHEAD"
                    }
                );
            }
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(s);
            let _ = writeln!(s, "warnings ({}):", self.warnings.len());
            for w in self.warnings.iter().take(20) {
                let _ = writeln!(s, "  {w}");
            }
            if self.warnings.len() > 20 {
                let _ = writeln!(s, "  ... and {} more", self.warnings.len() - 20);
            }
        }
        s
    }

    /// The recall / innocent-alert-rate curve: paxscreen on all travellers, and when the
    /// baselines ran, paxscreen and token-sort on the sample and GTAS as a point.
    pub fn render_svg(&self) -> String {
        let curve_of = |m: &MethodReport, label: String, colour: &str, dashed: bool| {
            let marker = m.threshold.and_then(|t| {
                m.fine_sweep
                    .iter()
                    .find(|r| (r.threshold - t).abs() < 5e-4)
                    .map(|r| (r.innocent_alert_rate, r.recall, format!("t={t:.2}")))
            });
            svg::Curve {
                label,
                colour: colour.into(),
                dashed,
                points: m
                    .fine_sweep
                    .iter()
                    .map(|r| (r.innocent_alert_rate, r.recall))
                    .collect(),
                marker,
            }
        };
        let mut curves = vec![curve_of(
            &self.paxscreen,
            format!("paxscreen (n={})", self.paxscreen.travellers),
            "#1f77b4",
            false,
        )];
        let mut points = Vec::new();
        if let Some(b) = &self.baselines {
            curves.push(curve_of(
                &b.paxscreen,
                format!("paxscreen, sample (n={})", b.paxscreen.travellers),
                "#1f77b4",
                true,
            ));
            let mut ts = curve_of(
                &b.token_sort,
                format!("token-sort ratio (n={})", b.token_sort.travellers),
                "#ff7f0e",
                false,
            );
            ts.marker = None;
            curves.push(ts);
            points.push(svg::Point {
                label: format!("GTAS rule (n={})", b.gtas.travellers),
                colour: "#d62728".into(),
                at: (b.gtas.innocent_alerts().rate, b.gtas.recall.rate),
            });
        }
        svg::render("Recall against innocent alert rate", &curves, &points)
    }
}

fn write_method(s: &mut String, m: &MethodReport, on: &str) {
    let _ = writeln!(
        s,
        "{} at threshold {} on {} {on} ({:.2} s, {:.0} travellers/second)",
        m.method.to_uppercase(),
        opt_threshold(m.threshold),
        m.travellers,
        m.seconds,
        m.travellers_per_second
    );
    let _ = writeln!(s, "  recall                      {}", m.recall.show());
    for (cat, r) in &m.recall_by_category {
        let _ = writeln!(s, "    {cat:<26}{}", r.show());
    }
    let _ = writeln!(s, "  top-1 accuracy              {}", m.top1.show());
    let _ = writeln!(s, "  false alerts");
    for (key, name) in [
        ("innocent", "innocent"),
        ("namesake", "namesake"),
        ("namesake_full_dob", "namesake, full DOB known"),
    ] {
        if let Some(r) = m.false_alerts.get(key) {
            let _ = writeln!(s, "    {name:<26}{}", r.show());
        }
    }
    for (key, r) in &m.false_alerts {
        if !["innocent", "namesake", "namesake_full_dob"].contains(&key.as_str()) {
            let _ = writeln!(s, "    {key:<26}{}", r.show());
        }
    }
    let _ = writeln!(
        s,
        "  hits per traveller          {:.3}",
        m.hits_per_traveller
    );
    for p in &m.operating_points {
        match p.threshold {
            Some(t) => {
                let _ = writeln!(
                    s,
                    "  best recall at <= {:<6} innocent alerts: {} at threshold {t:.3} (alert rate {})",
                    pct(p.max_alert_rate),
                    pct(p.recall),
                    pct(p.alert_rate)
                );
                if let Some((category, recall)) = &p.weakest_category {
                    let _ = writeln!(
                        s,
                        "    weakest category there    {category} {}",
                        pct(*recall)
                    );
                }
                // Every category and the namesakes at that point: the held-out bar
                // reads them there, not at the default threshold.
                if !p.recall_by_category.is_empty() {
                    let cats: Vec<String> = p
                        .recall_by_category
                        .iter()
                        .map(|(c, r)| format!("{c} {}", pct(*r)))
                        .collect();
                    let _ = writeln!(s, "    by category there         {}", cats.join(", "));
                    let _ = writeln!(
                        s,
                        "    namesake alerts there     {}",
                        pct(p.namesake_alert_rate)
                    );
                }
                // Past the namesake bar: the best point within it as well.
                if let Some(q) = &p.within_namesake_bar {
                    match q.threshold {
                        Some(t) => {
                            let weakest = q
                                .weakest_category
                                .as_ref()
                                .map(|(c, r)| format!("; weakest {c} {}", pct(*r)))
                                .unwrap_or_default();
                            let _ = writeln!(
                                s,
                                "    within <= {} namesake alerts too: {} at threshold {t:.3} (alert rate {}; namesakes {}{weakest})",
                                pct(metrics::NAMESAKE_BAR),
                                pct(q.recall),
                                pct(q.alert_rate),
                                pct(q.namesake_alert_rate),
                            );
                        }
                        None => {
                            let _ = writeln!(
                                s,
                                "    within <= {} namesake alerts too: none",
                                pct(metrics::NAMESAKE_BAR)
                            );
                        }
                    }
                }
            }
            None => {
                let _ = writeln!(
                    s,
                    "  best recall at <= {:<6} innocent alerts: none (no threshold up to 1.0 stays within)",
                    pct(p.max_alert_rate)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str, category: &str) -> Case {
        Case {
            traveller_id: id.into(),
            category: category.into(),
            expected: None,
            also: Vec::new(),
            full_dob: false,
        }
    }

    #[test]
    fn sample_is_stratified_and_deterministic() {
        let mut cases = Vec::new();
        for i in 0..900 {
            cases.push(case(&format!("I{i}"), "innocent"));
        }
        for i in 0..100 {
            cases.push(case(&format!("T{i}"), "typo"));
        }
        let a = stratified_sample(&cases, 100);
        assert_eq!(a.len(), 100);
        assert_eq!(a, stratified_sample(&cases, 100));
        let typos = a.iter().filter(|&&i| cases[i].category == "typo").count();
        assert_eq!(typos, 10);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(stratified_sample(&cases, 0).len(), 1000);
        assert_eq!(stratified_sample(&cases, 5000).len(), 1000);
        // Rounding: 3 categories of 1 case each, sample of 2.
        let small = vec![case("a", "x"), case("b", "y"), case("c", "z")];
        assert_eq!(stratified_sample(&small, 2).len(), 2);
    }

    #[test]
    fn eval_args_parse() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            args: EvalArgs,
        }
        let cli = Cli::try_parse_from([
            "eval",
            "--watchlist",
            "a.xml",
            "--watchlist",
            "b.csv",
            "--travellers",
            "t.csv",
            "--labels",
            "l.csv",
            "--no-baselines",
        ])
        .unwrap();
        assert_eq!(cli.args.watchlist.len(), 2);
        assert!(cli.args.no_baselines);
        assert_eq!(cli.args.threshold, None);
        assert_eq!(cli.args.baseline_sample, DEFAULT_BASELINE_SAMPLE);
        let cli = Cli::try_parse_from([
            "eval",
            "--watchlist",
            "a.xml",
            "--travellers",
            "t.csv",
            "--labels",
            "l.csv",
            "--threshold",
            "0.7",
        ])
        .unwrap();
        assert!(cli.args.baselines && !cli.args.no_baselines);
        assert_eq!(cli.args.threshold, Some(0.7));
        assert!(Cli::try_parse_from(["eval", "--travellers", "t", "--labels", "l"]).is_err());
    }
}
