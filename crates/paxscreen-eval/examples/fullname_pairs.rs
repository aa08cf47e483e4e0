//! Whole-name recall on data outside the dev set: Latin full names that
//! `arabic_name_romanizer_full_names` gives one Arabic-script name of one person (its
//! Wikidata rows: one person's name as spelt in several languages). For every Arabic name with two or more
//! different Latin spellings, the most frequent spelling is listed (ties: the first in
//! the file) and every other spelling is screened against all the listed names, its last
//! word as the surname, without dates or nationalities. A pair is missed when the listed
//! entry is not among the traveller's hits at the threshold (default: the engine's).
//! Hits on other entries are counted too: they are other people (or other readings of
//! one script name), so they stand for the alerts a name alone raises.
//!
//! ```sh
//! cargo run --release -p paxscreen-eval --example fullname_pairs -- \
//!     ../shared/data/names/arabic_name_romanizer_full_names.dev.tsv [THRESHOLD] > missed.tsv
//! ```
//!
//! Totals go to standard error; the missed pairs, lowest score first, to standard output
//! (score against the listed name, screened spelling, listed spelling).

use std::collections::HashMap;

use paxscreen_core::{ListedName, NameQuality, Traveller, WatchlistEntry};
use paxscreen_engine::{ScreenOptions, Screener};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: fullname_pairs arabic_name_romanizer_full_names.dev.tsv [THRESHOLD]")?;
    let threshold = match args.next() {
        Some(t) => t
            .parse::<f64>()
            .map_err(|e| format!("threshold {t:?}: {e}"))?,
        None => paxscreen_engine::DEFAULT_THRESHOLD,
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;

    // Arabic name -> distinct Latin spellings with their counts, in file order.
    let mut groups: Vec<(String, Vec<(String, u64)>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [arabic, latin, _lang, _country, count, source, ..] = cols[..] else {
            return Err(format!(
                "{path}: line {}: expected 6 tab-separated columns",
                i + 1
            ));
        };
        // Only Wikidata rows name one person; the other sources are single given names
        // whose script form many different Latin names share (AMAR, CHAIMA, IMANE under
        // one unvoweled form).
        if source != "wikidata" {
            continue;
        }
        let count: u64 = count
            .parse()
            .map_err(|e| format!("{path}: line {}: count {count:?}: {e}", i + 1))?;
        let latin = latin.trim();
        if latin.is_empty() {
            continue;
        }
        let g = *group_of.entry(arabic.to_string()).or_insert_with(|| {
            groups.push((arabic.to_string(), Vec::new()));
            groups.len() - 1
        });
        let spellings = &mut groups[g].1;
        match spellings.iter_mut().find(|(s, _)| s == latin) {
            Some((_, c)) => *c += count,
            None => spellings.push((latin.to_string(), count)),
        }
    }

    let mut entries = Vec::new();
    let mut travellers = Vec::new();
    let mut expected = Vec::new(); // per traveller: (entry index, listed spelling)
    for (_, spellings) in groups.iter().filter(|(_, s)| s.len() >= 2) {
        let listed = spellings
            .iter()
            .enumerate()
            .max_by_key(|&(i, (_, c))| (*c, std::cmp::Reverse(i)))
            .map(|(i, _)| i)
            .unwrap_or(0);
        let e = entries.len();
        entries.push(WatchlistEntry {
            id: format!("E{e}"),
            list: "PAIRS".into(),
            names: vec![ListedName {
                name: spellings[listed].0.clone(),
                quality: NameQuality::Primary,
            }],
            ..Default::default()
        });
        for (i, (spelling, _)) in spellings.iter().enumerate() {
            if i == listed {
                continue;
            }
            let (given, surname) = spelling.rsplit_once(' ').unwrap_or(("", spelling));
            travellers.push(Traveller {
                id: format!("T{}", travellers.len()),
                surname: surname.to_string(),
                given_names: given.to_string(),
                ..Default::default()
            });
            expected.push((e, spellings[listed].0.clone()));
        }
    }

    let screener = Screener::build(entries, vec![path.clone()]).map_err(|e| e.to_string())?;
    let options = ScreenOptions {
        threshold,
        ..Default::default()
    };
    let hits = screener.screen_batch(&travellers, &options);
    let mut missed = Vec::new();
    let mut other_hits = 0usize;
    let mut travellers_with_other = 0usize;
    for ((t, hits), (e, listed)) in travellers.iter().zip(&hits).zip(&expected) {
        let id = format!("E{e}");
        let others = hits.iter().filter(|h| h.entry_id != id).count();
        other_hits += others;
        travellers_with_other += usize::from(others > 0);
        if !hits.iter().any(|h| h.entry_id == id) {
            let score = screener.score_entry(t, *e).map_or(0.0, |h| h.score);
            missed.push((score, format!("{} {}", t.given_names, t.surname), listed));
        }
    }
    missed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (score, screened, listed) in &missed {
        println!("{score:.3}\t{}\t{listed}", screened.trim());
    }
    let n = travellers.len().max(1) as f64;
    eprintln!(
        "{} Arabic names with 2+ Latin spellings, {} pairs at threshold {threshold}: \
         missed {} ({:.2}%); {} travellers ({:.2}%) also hit another entry, {} such hits",
        screener.info().entries,
        travellers.len(),
        missed.len(),
        100.0 * missed.len() as f64 / n,
        travellers_with_other,
        100.0 * travellers_with_other as f64 / n,
        other_hits,
    );
    Ok(())
}
