//! Criterion benches of the engine: name normalization, candidate retrieval (warm and
//! cold retrieval cache), pair scoring (a traveller against one entry),
//! single-traveller screening (with and without a hit) and batch screening at 10k and
//! 100k synthetic entries; 1M entries with `PAXSCREEN_BENCH_1M=1` (the
//! build alone takes tens of seconds). Small samples so `cargo bench` takes minutes.
//!
//! `cargo bench --bench engine [-- FILTER]`; national-scale numbers (build, snapshot
//! load, memory, p99) come from `paxscreen bench`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use paxscreen_core::Traveller;
use paxscreen_engine::{ScreenOptions, Screener};
use paxscreen_synth::TokenPools;
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 2026;

fn pools() -> TokenPools {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
    TokenPools::load(std::path::Path::new(data)).unwrap_or_else(|_| TokenPools::builtin())
}

fn sizes() -> Vec<usize> {
    let mut s = vec![10_000, 100_000];
    if std::env::var_os("PAXSCREEN_BENCH_1M").is_some() {
        s.push(1_000_000);
    }
    s
}

fn normalization(c: &mut Criterion) {
    let names = [
        ("AL HASSAN", "MOHAMMED ABU"),
        ("ABDUL RAHMAN", "HUSAMMUHAMMADAMIN"),
        ("O'NEIL", "MARY ANN"),
        ("MÜLLER-LÜDENSCHEIDT", "JÜRGEN KARL"),
        ("SIDOROV", "IVAN PETROVICH"),
    ];
    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function("analyze_person", |b| {
        b.iter(|| {
            for (s, gv) in names {
                black_box(paxscreen_names::analyze_person(black_box(s), black_box(gv)));
            }
        })
    });
    g.finish();
}

fn screening(c: &mut Criterion) {
    let pools = pools();
    let options = ScreenOptions::default();
    for n in sizes() {
        let watchlist = paxscreen_synth::scale_watchlist(n, SEED, &pools);
        let labelled =
            paxscreen_synth::scale::scale_labelled_travellers(2000, SEED + 1, &pools, &watchlist);
        let screener = Screener::build(watchlist, vec!["bench".into()]).unwrap();
        let innocents: Vec<Traveller> = labelled
            .iter()
            .filter(|(_, l)| l.is_none())
            .map(|(t, _)| t.clone())
            .collect();
        let listed: Vec<Traveller> = labelled
            .iter()
            .filter(|(_, l)| l.is_some())
            .map(|(t, _)| t.clone())
            .collect();
        // (listed traveller, position of its entry) for pair scoring.
        let position: std::collections::HashMap<&str, usize> = screener
            .entries()
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let pairs: Vec<(Traveller, usize)> = labelled
            .iter()
            .filter_map(|(t, l)| Some((t.clone(), *position.get(l.as_deref()?)?)))
            .collect();
        let all: Vec<Traveller> = labelled.into_iter().map(|(t, _)| t).collect();

        // Candidate retrieval alone: the traveller tokens' listed tokens (fst walks,
        // deletion variants, edit distances) and the candidate names, no hits built.
        // Warm: the retrieval cache holds the tokens, as in a running server; cold: it
        // is emptied before each traveller.
        let mut g = c.benchmark_group(format!("retrieval/{n}"));
        g.throughput(Throughput::Elements(1));
        let mut i = 0;
        g.bench_function(BenchmarkId::new("warm", n), |b| {
            b.iter(|| {
                i = (i + 1) % all.len();
                black_box(screener.candidate_count(&all[i], &options))
            })
        });
        let mut i = 0;
        g.bench_function(BenchmarkId::new("cold", n), |b| {
            b.iter_batched(
                || {
                    paxscreen_engine::clear_retrieval_cache();
                    i = (i + 1) % all.len();
                    &all[i]
                },
                |t| black_box(screener.candidate_count(t, &options)),
                criterion::BatchSize::SmallInput,
            )
        });
        g.finish();

        // Pair scoring: a listed traveller against its own entry (every name, the
        // alignment, the evidence and the explained hit).
        if !pairs.is_empty() {
            let mut g = c.benchmark_group(format!("pair_score/{n}"));
            g.throughput(Throughput::Elements(1));
            let mut i = 0;
            g.bench_function(BenchmarkId::new("own_entry", n), |b| {
                b.iter(|| {
                    i = (i + 1) % pairs.len();
                    let (t, e) = &pairs[i];
                    black_box(screener.score_entry(t, *e))
                })
            });
            g.finish();
        }

        let mut g = c.benchmark_group(format!("screen_single/{n}"));
        g.throughput(Throughput::Elements(1));
        // Innocent travellers: candidate retrieval and pair scoring, rarely a hit.
        let mut i = 0;
        g.bench_function(BenchmarkId::new("innocent", n), |b| {
            b.iter(|| {
                i = (i + 1) % innocents.len();
                black_box(screener.screen(&innocents[i], &options))
            })
        });
        // Listed travellers: retrieval, scoring and building the explained hit.
        let mut i = 0;
        if !listed.is_empty() {
            g.bench_function(BenchmarkId::new("listed", n), |b| {
                b.iter(|| {
                    i = (i + 1) % listed.len();
                    black_box(screener.screen(&listed[i], &options))
                })
            });
        }
        g.finish();

        let mut g = c.benchmark_group(format!("screen_batch/{n}"));
        g.throughput(Throughput::Elements(all.len() as u64));
        g.bench_function(BenchmarkId::new("all_cores", all.len()), |b| {
            b.iter(|| black_box(screener.screen_batch(&all, &options)))
        });
        g.finish();
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .without_plots()
}

criterion_group! {
    name = benches;
    config = config();
    targets = normalization, screening
}
criterion_main!(benches);
