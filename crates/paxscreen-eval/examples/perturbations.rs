//! Recall under perturbations that `paxscreen synth devset` does not make: probes of
//! the matching's robustness outside the dev set it was tuned on (see
//! [`paxscreen_eval::probes`]).
//!
//! Part 1 takes listed names (2-5 Latin words, a full date of birth) from a watchlist and
//! screens each, without and with its date of birth, after one perturbation: a letter
//! replaced, deleted or inserted, or two neighbours swapped, in a random word or in the
//! shortest one (short names: KIM, ALI); a letter read as a look-alike digit (OCR); the
//! PNR name element `SURNAME/GIVENNAMESMR` cut at 30 characters; the MRZ name field
//! `SURNAME<<GIVEN<NAMES` cut at 39. Part 2 takes Russian names in Cyrillic (Faker's
//! ru_RU names), lists them as ICAO 9303 writes them and screens them as BGN/PCGN, GOST
//! 7.79 B, German (Duden), Polish and French transliterate them.
//!
//! ```sh
//! paxscreen synth devset --out /tmp/dev
//! cargo run --release -p paxscreen-eval --example perturbations -- /tmp/dev/watchlist.csv \
//!     [NAMES] [SEED] [../shared/data/names/faker_person_names_by_locale.tsv]
//! ```
//!
//! Recall is the share of travellers whose entry is among their hits at the engine's
//! default threshold. Deterministic for a seed.

use std::path::PathBuf;

use paxscreen_eval::probes::{listed_probe, russian_probe, Count, Rng};

fn pct((met, n): Count) -> String {
    format!("{:5.1}% of {n}", 100.0 * met as f64 / n.max(1) as f64)
}

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: perturbations WATCHLIST [NAMES] [SEED] [FAKER_NAMES_TSV]";
    let path = args.next().ok_or(usage)?;
    let number = |a: Option<String>, default: u64| -> Result<u64, String> {
        a.map_or(Ok(default), |a| {
            a.parse().map_err(|e| format!("{a:?}: {e}; {usage}"))
        })
    };
    let names = number(args.next(), 500)? as usize;
    let mut rng = Rng(number(args.next(), 2026)?);
    let faker = args
        .next()
        .unwrap_or_else(|| "../shared/data/names/faker_person_names_by_locale.tsv".into());

    let loaded =
        paxscreen_watchlists::load_paths(&[PathBuf::from(&path)]).map_err(|e| e.to_string())?;
    let (probed, rows) = listed_probe(loaded.entries, loaded.sources, names, &mut rng)
        .map_err(|e| format!("{path}: {e}"))?;
    println!(
        "{probed} listed names of {path} (2-5 Latin words, a full date of birth), recall at {}:",
        paxscreen_engine::DEFAULT_THRESHOLD
    );
    println!(
        "  {:34} {:>16} {:>16}",
        "perturbation", "without DOB", "with DOB"
    );
    for r in &rows {
        let with = r.with_dob.map(pct).unwrap_or_default();
        println!("  {:34} {:>16} {:>16}", r.name, pct(r.without_dob), with);
    }

    let text = std::fs::read_to_string(&faker).map_err(|e| format!("{faker}: {e}"))?;
    let rows = russian_probe(&text, names, &mut rng)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{faker}: no ru_RU first and last names"))?;
    println!(
        "{names} Russian names (Faker ru_RU), listed as ICAO 9303 writes them, screened without dates:"
    );
    for r in &rows {
        println!("  {:34} {:>16}", r.name, pct(r.without_dob));
    }
    Ok(())
}
