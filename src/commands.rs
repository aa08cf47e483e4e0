//! The analyst commands: index, screen, parse, explain, demo.

use crate::output::{self, write_explanation, Format, ResultRow, ResultWriter};
use anyhow::{bail, Context, Result};
use paxscreen_core::{Country, Document, Gender, PartialDate, Traveller, TravellerRecord};
use paxscreen_engine::{ScreenOptions, Screener, DEFAULT_THRESHOLD};
use paxscreen_formats::{read_manifest, ManifestFormat};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Every input was read and screened.
pub const EXIT_OK: u8 = 0;
/// `--fail-on-hit` and at least one hit.
pub const EXIT_HIT: u8 = 1;
/// An input could not be read at all.
pub const EXIT_UNREADABLE: u8 = 2;
/// Some travellers could not be screened (each is reported).
pub const EXIT_PARTIAL: u8 = 3;

#[derive(clap::Args)]
pub struct WatchlistArgs {
    /// Watchlist file (native CSV, UN consolidated XML, OFAC sdn.csv [+ alt.csv]) or a
    /// snapshot folder written by `paxscreen index`. Repeatable.
    #[arg(long = "watchlist", short = 'w', required = true)]
    pub watchlist: Vec<PathBuf>,
}

#[derive(clap::Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub lists: WatchlistArgs,
    /// Folder to write the snapshot into (created if needed).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(clap::Args)]
pub struct ScreenArgs {
    #[command(flatten)]
    pub lists: WatchlistArgs,
    /// Manifests: PAXLST, PNRGOV or traveller CSV (format detected from content).
    #[arg(required = true)]
    pub manifests: Vec<PathBuf>,
    /// Report hits with score >= this. Default: the tuned operating point (see README).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// At most this many hits per traveller.
    #[arg(long, default_value_t = 50)]
    pub max_hits: usize,
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write results here instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Exit 1 when at least one traveller has a hit.
    #[arg(long)]
    pub fail_on_hit: bool,
    /// With --format table: print each hit's explanation.
    #[arg(long)]
    pub explain: bool,
}

#[derive(clap::Args)]
pub struct ParseArgs {
    /// Manifests: PAXLST, PNRGOV or traveller CSV.
    #[arg(required = true)]
    pub manifests: Vec<PathBuf>,
    /// Force the format instead of detecting it: paxlst, pnrgov or csv.
    #[arg(long = "as")]
    pub manifest_format: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub lists: WatchlistArgs,
    /// Full name as written ("Mohammed al-Hassan"); or use --surname / --given-names.
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub surname: Option<String>,
    #[arg(long)]
    pub given_names: Option<String>,
    /// Date of birth: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long)]
    pub dob: Option<String>,
    /// Nationality, ISO 3166-1 alpha-3 or alpha-2.
    #[arg(long)]
    pub nationality: Option<String>,
    /// M, F or X.
    #[arg(long)]
    pub gender: Option<String>,
    /// Document number.
    #[arg(long)]
    pub document: Option<String>,
    /// Show candidates scoring at least this (below the operating point they are marked).
    #[arg(long, default_value_t = 0.5)]
    pub threshold: f64,
    /// Score the traveller against this listed entry only (its id), whatever the score:
    /// why a name did or did not hit. Repeatable.
    #[arg(long = "entry", value_name = "ID")]
    pub entries: Vec<String>,
    /// Print the hits as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct DemoArgs {
    /// Folder with watchlist.csv, manifest.csv and manifest_paxlst.edi.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo"))]
    pub data: PathBuf,
}

/// Loads a screener from a snapshot folder or from watchlist files (the same loader as
/// `serve` uses).
pub fn load_screener(paths: &[PathBuf]) -> Result<Screener> {
    paxscreen_server::load_screener(paths).context("cannot load watchlist")
}

pub fn index(a: IndexArgs) -> Result<u8> {
    let t0 = Instant::now();
    let screener = load_screener(&a.lists.watchlist)?;
    let built = t0.elapsed();
    screener
        .write_snapshot(&a.out)
        .with_context(|| format!("cannot write snapshot to {}", a.out.display()))?;
    let info = screener.info();
    eprintln!(
        "indexed {} entries, {} names (version {}) in {:.2} s; snapshot written to {} in {:.2} s",
        info.entries,
        info.names,
        info.version,
        built.as_secs_f64(),
        a.out.display(),
        (t0.elapsed() - built).as_secs_f64()
    );
    Ok(EXIT_OK)
}

/// Reads every manifest; unreadable ones are reported and counted.
fn read_manifests(
    paths: &[PathBuf],
    forced: Option<ManifestFormat>,
) -> (Vec<TravellerRecord>, usize) {
    let (records, unreadable, messages) = read_manifests_quietly(paths, forced);
    for m in messages {
        eprintln!("{m}");
    }
    (records, unreadable)
}

/// [`read_manifests`], with its errors and warnings returned instead of printed.
fn read_manifests_quietly(
    paths: &[PathBuf],
    forced: Option<ManifestFormat>,
) -> (Vec<TravellerRecord>, usize, Vec<String>) {
    let mut records = Vec::new();
    let mut unreadable = 0;
    let mut messages = Vec::new();
    for p in paths {
        let name = p.display().to_string();
        let bytes = match std::fs::read(p) {
            Ok(b) => b,
            Err(e) => {
                messages.push(format!("paxscreen: error: {name}: cannot read: {e}"));
                unreadable += 1;
                continue;
            }
        };
        match read_manifest(&bytes, &name, forced) {
            Ok(m) => {
                for w in &m.warnings {
                    messages.push(format!("paxscreen: warning: {name}: {w}"));
                }
                records.extend(m.records);
            }
            Err(e) => {
                messages.push(format!("paxscreen: error: {e}"));
                unreadable += 1;
            }
        }
    }
    (records, unreadable, messages)
}

fn open_output(path: &Option<PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

pub fn screen(a: ScreenArgs) -> Result<u8> {
    let threshold = a.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        bail!("--threshold must be in [0, 1], got {threshold}");
    }
    if a.max_hits == 0 {
        bail!("--max-hits must be at least 1");
    }
    // The manifests are read on a thread of their own while the lists load (at 1M
    // entries the list is read and indexed on every core for seconds; 100k travellers
    // take a quarter of a second to read). Their messages follow once the lists loaded.
    let started = Instant::now();
    let (screener, (records, unreadable, messages)) = std::thread::scope(|s| {
        let reading = s.spawn(|| read_manifests_quietly(&a.manifests, None));
        let screener = load_screener(&a.lists.watchlist);
        let read = reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (screener, read)
    });
    let screener = screener?;
    let loaded = started.elapsed();
    for m in messages {
        eprintln!("{m}");
    }
    let options = ScreenOptions {
        threshold,
        max_hits: a.max_hits,
    };
    let travellers: Vec<Traveller> = records
        .iter()
        .filter_map(|r| r.as_ref().ok().cloned())
        .collect();
    let t0 = Instant::now();
    let results = screen_with_progress(
        &screener,
        &travellers,
        &options,
        !a.quiet && std::io::stderr().is_terminal(),
    );
    let elapsed = t0.elapsed();
    let mut out = ResultWriter::new(open_output(&a.output)?, a.format, a.explain)?;
    // Each record's result (the screened ones in order), rendered on every core a
    // block at a time and written in input order: serializing 100k travellers' hits
    // with their explanations took ~0.6 s on one core (1M list, 1.9 hits each).
    let mut next = 0;
    let rows: Vec<ResultRow<'_>> = records
        .iter()
        .map(|r| match r {
            Ok(t) => {
                let s = &results[next];
                next += 1;
                ResultRow::Screened(t, &s.hits, s.not_shown)
            }
            Err(rej) => ResultRow::Rejected(rej),
        })
        .collect();
    let any_hit = results.iter().any(|s| !s.hits.is_empty());
    let rejected = records.iter().filter(|r| r.is_err()).count();
    for block in rows.chunks(8192) {
        use rayon::prelude::*;
        let rendered: Vec<std::io::Result<Vec<u8>>> = block
            .par_iter()
            .map(|&row| output::render(a.format, a.explain, row))
            .collect();
        for bytes in rendered {
            out.write_rendered(&bytes?)?;
        }
    }
    out.finish()?;
    let with_hits = results.iter().filter(|s| !s.hits.is_empty()).count();
    let cut: Vec<usize> = results
        .iter()
        .map(|s| s.not_shown)
        .filter(|&n| n > 0)
        .collect();
    tracing::info!(
        travellers = travellers.len(),
        rejected,
        with_hits,
        seconds = elapsed.as_secs_f64(),
        per_second = travellers.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        "screened"
    );
    if !a.quiet {
        eprintln!(
            "screened {} travellers ({} with hits, {} not screenable) against {} entries in {:.3} s ({:.0} travellers/s); lists and manifests read in {:.3} s, {:.3} s in all",
            travellers.len(),
            with_hits,
            rejected,
            screener.info().entries,
            elapsed.as_secs_f64(),
            travellers.len() as f64 / elapsed.as_secs_f64().max(1e-9),
            loaded.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
    }
    if !cut.is_empty() {
        eprintln!(
            "paxscreen: warning: {} traveller{} had more than --max-hits {} hits at or above the threshold: {} hits not shown{}",
            cut.len(),
            if cut.len() == 1 { "" } else { "s" },
            a.max_hits,
            cut.iter().sum::<usize>(),
            if a.format == Format::Csv {
                ""
            } else {
                " (each counted in its `hits_not_shown`)"
            }
        );
    }
    // The index goes with the process: freeing its millions of allocations one by one
    // (names, ids, dates of 1M entries) added a quarter of a second to every run. So do
    // the travellers and their hits (strings of every explanation).
    drop(rows);
    std::mem::forget(results);
    std::mem::forget(records);
    std::mem::forget(travellers);
    std::mem::forget(screener);
    Ok(if unreadable > 0 {
        EXIT_UNREADABLE
    } else if rejected > 0 {
        EXIT_PARTIAL
    } else if a.fail_on_hit && any_hit {
        EXIT_HIT
    } else {
        EXIT_OK
    })
}

/// Screens in chunks so that a progress bar can follow on a terminal.
fn screen_with_progress(
    screener: &Screener,
    travellers: &[Traveller],
    options: &ScreenOptions,
    progress: bool,
) -> Vec<paxscreen_engine::Screened> {
    if !progress || travellers.len() < 2_000 {
        return screener.screen_batch_counted(travellers, options);
    }
    let bar = indicatif::ProgressBar::new(travellers.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} screening [{bar:40}] {pos}/{len} travellers ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut results = Vec::with_capacity(travellers.len());
    for chunk in travellers.chunks(4096) {
        results.extend(screener.screen_batch_counted(chunk, options));
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    results
}

pub fn parse(a: ParseArgs) -> Result<u8> {
    let forced = match &a.manifest_format {
        Some(f) => Some(match f.to_ascii_lowercase().as_str() {
            "paxlst" => ManifestFormat::Paxlst,
            "pnrgov" => ManifestFormat::Pnrgov,
            "csv" => ManifestFormat::Csv,
            other => bail!("--as must be paxlst, pnrgov or csv, not {other:?}"),
        }),
        None => None,
    };
    let (records, unreadable) = read_manifests(&a.manifests, forced);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut rejected = 0;
    for r in &records {
        match (r, a.format) {
            (Ok(t), Format::Table) => writeln!(
                out,
                "{:<20} {:<30} dob {:<10} {:<1} nat {:<3} docs {}",
                t.id,
                t.display_name(),
                t.dob.map(|d| d.to_string()).unwrap_or_default(),
                t.gender.map(|g| g.to_string()).unwrap_or_default(),
                t.nationality.map(|c| c.to_string()).unwrap_or_default(),
                t.documents
                    .iter()
                    .map(|d| format!("{}/{}/{}", d.doc_type, d.issuer, d.number))
                    .collect::<Vec<_>>()
                    .join(" ")
            )?,
            (Ok(t), _) => {
                serde_json::to_writer(&mut out, t)?;
                writeln!(out)?;
            }
            (Err(rej), Format::Table) => {
                rejected += 1;
                writeln!(
                    out,
                    "{:<20} NOT READ: {}: {}",
                    rej.id, rej.position, rej.reason
                )?
            }
            (Err(rej), _) => {
                rejected += 1;
                serde_json::to_writer(
                    &mut out,
                    &serde_json::json!({"traveller": {"id": rej.id, "source": rej.source, "position": rej.position}, "error": format!("{}: {}", rej.position, rej.reason)}),
                )?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(if unreadable > 0 {
        EXIT_UNREADABLE
    } else if rejected > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

fn explain_traveller(a: &ExplainArgs) -> Result<Traveller> {
    let (surname, given_names) = match (&a.name, &a.surname, &a.given_names) {
        (Some(n), None, None) => (n.clone(), String::new()),
        (None, s, g) if s.is_some() || g.is_some() => {
            (s.clone().unwrap_or_default(), g.clone().unwrap_or_default())
        }
        _ => bail!("give either --name, or --surname and/or --given-names"),
    };
    let mut t = Traveller {
        id: "explain".into(),
        surname,
        given_names,
        dob: a
            .dob
            .as_deref()
            .map(PartialDate::parse_lenient)
            .transpose()
            .context("--dob")?,
        nationality: a
            .nationality
            .as_deref()
            .map(Country::from_code)
            .transpose()
            .context("--nationality")?,
        gender: a
            .gender
            .as_deref()
            .map(Gender::parse)
            .transpose()
            .context("--gender")?,
        documents: a
            .document
            .iter()
            .map(|n| Document {
                number: n.clone(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    t.check_name_has_letters().map_err(anyhow::Error::msg)?;
    Ok(t)
}

pub fn explain(a: ExplainArgs) -> Result<u8> {
    let traveller = explain_traveller(&a)?;
    let screener = load_screener(&a.lists.watchlist)?;
    let hits = if a.entries.is_empty() {
        screener.screen(
            &traveller,
            &ScreenOptions {
                threshold: a.threshold,
                max_hits: 10,
            },
        )
    } else {
        let mut hits = Vec::new();
        for id in &a.entries {
            let Some(at) = screener.entries().iter().position(|e| &e.id == id) else {
                bail!("--entry {id}: no such entry on the loaded lists");
            };
            match screener.score_entry(&traveller, at) {
                Some(h) => hits.push(h),
                None => bail!("--entry {id}: the entry has no names to score"),
            }
        }
        hits
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({"traveller": traveller, "hits": hits}),
        )?;
        writeln!(out)?;
        return Ok(EXIT_OK);
    }
    let analysed = paxscreen_names::analyze_person(&traveller.surname, &traveller.given_names);
    writeln!(out, "traveller: {}", traveller.display_name())?;
    writeln!(
        out,
        "  tokens: {}",
        analysed
            .tokens
            .iter()
            .map(|t| format!("{} [{}]", t.forms.join("/"), t.keys.join("/")))
            .collect::<Vec<_>>()
            .join("  ")
    )?;
    if a.entries.is_empty() {
        writeln!(
            out,
            "  operating threshold {DEFAULT_THRESHOLD:.2}; showing candidates >= {:.2}",
            a.threshold
        )?;
    } else {
        writeln!(
            out,
            "  operating threshold {DEFAULT_THRESHOLD:.2}; scored against the named entries only"
        )?;
    }
    writeln!(out, "  {}", paxscreen_engine::SCORING_NOTES)?;
    if hits.is_empty() {
        writeln!(out, "no candidate scores >= {:.2}", a.threshold)?;
    }
    for h in &hits {
        let mark = if h.score >= DEFAULT_THRESHOLD {
            "HIT "
        } else if a.entries.is_empty() {
            "near"
        } else {
            "miss"
        };
        writeln!(
            out,
            "\n{mark} {:.3}  {}  ({})  {}",
            h.score, h.entry_id, h.list, h.matched_name
        )?;
        write_explanation(&mut out, h, "  ")?;
    }
    Ok(EXIT_OK)
}

pub fn demo(a: DemoArgs) -> Result<u8> {
    let dir = &a.data;
    let watchlist = dir.join("watchlist.csv");
    let manifests = [dir.join("manifest.csv"), dir.join("manifest_paxlst.edi")];
    for p in std::iter::once(&watchlist).chain(manifests.iter()) {
        if !p.is_file() {
            bail!(
                "{}: missing demo file (regenerate with `paxscreen synth demo-data --out {}`)",
                p.display(),
                dir.display()
            );
        }
    }
    let t0 = Instant::now();
    let screener = load_screener(std::slice::from_ref(&watchlist))?;
    println!(
        "paxscreen demo: watchlist {} ({} entries, {} names), threshold {DEFAULT_THRESHOLD:.2}",
        rel(&watchlist),
        screener.info().entries,
        screener.info().names
    );
    let options = ScreenOptions::default();
    let mut code = EXIT_OK;
    for m in &manifests {
        let (records, unreadable) = read_manifests(std::slice::from_ref(m), None);
        if unreadable > 0 {
            code = EXIT_UNREADABLE;
        }
        let travellers: Vec<Traveller> = records
            .iter()
            .filter_map(|r| r.as_ref().ok().cloned())
            .collect();
        let results = screener.screen_batch_counted(&travellers, &options);
        let with_hits = results.iter().filter(|s| !s.hits.is_empty()).count();
        println!(
            "\n== {}: {} travellers, {} with hits",
            rel(m),
            records.len(),
            with_hits
        );
        let mut out = ResultWriter::new(std::io::stdout().lock(), Format::Table, true)?;
        let mut next = 0;
        for r in &records {
            match r {
                Ok(t) => {
                    let s = &results[next];
                    out.write(ResultRow::Screened(t, &s.hits, s.not_shown))?;
                    next += 1;
                }
                Err(rej) => out.write(ResultRow::Rejected(rej))?,
            }
        }
        out.finish()?;
    }
    println!("\ndone in {:.2} s", t0.elapsed().as_secs_f64());
    Ok(code)
}

fn rel(p: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}
