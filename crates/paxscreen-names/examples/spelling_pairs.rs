//! How well variant keys join the Latin spellings of one name, on data outside the dev
//! set: every pair of single-token Latin spellings that `arabic_name_romanizer_units`
//! gives one Arabic unit, weighted by how often each spelling occurs. A pair is missed
//! when the two spellings share no key and lie beyond the typo budget of the shorter
//! (1 edit for 4-7 letters, 2 from 8), and also, separately, when neither has a key
//! the other's elided or written first vowel gives it (`elided_vowel_keys`: RCHID =
//! RASHID), or a glide Y written or left out (`glide_keys`: KAYANI = KIANI), scored a
//! little below a shared key, within two edits, as screening asks. Also reports the
//! share of key mass that spellings of other units hold (how much a key mixes different
//! names), with and without those sibling keys.
//!
//! ```sh
//! cargo run --release -p paxscreen-names --example spelling_pairs -- \
//!     ../shared/data/names/arabic_name_romanizer_units.dev.tsv > missed.tsv
//! ```
//!
//! Totals go to standard error; the missed pairs, heaviest first, to standard output.

use paxscreen_names::{elided_vowel_keys, glide_keys};

/// The sibling keys screening meets at 0.85 within two edits.
fn sibling_keys(key: &str) -> Vec<String> {
    let mut keys = elided_vowel_keys(key);
    keys.extend(glide_keys(key));
    keys
}
use std::collections::{BTreeMap, HashMap};

/// Optimal string alignment distance (adjacent swaps count one edit).
fn osa(a: &[u8], b: &[u8]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn within_typos(x: &str, y: &str) -> bool {
    let budget = typo_budget(x.len().min(y.len()));
    x == y || (x.len().abs_diff(y.len()) <= budget && osa(x.as_bytes(), y.as_bytes()) <= budget)
}

fn main() -> Result<(), String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: spelling_pairs arabic_name_romanizer_units.dev.tsv")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    // Arabic unit -> (upper-case Latin spelling, count); columns arabic_key, latin, ...,
    // count, source.
    let mut units: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            continue;
        }
        let count: u64 = f[f.len() - 2].parse().unwrap_or(1);
        let latin = f[1].to_uppercase();
        let spellings = units.entry(f[0].to_string()).or_default();
        match spellings.iter_mut().find(|s| s.0 == latin) {
            Some(s) => s.1 += count,
            None => spellings.push((latin, count)),
        }
    }
    let single = |s: &str| {
        let mut a = paxscreen_names::analyze(s);
        (a.tokens.len() == 1).then(|| a.tokens.remove(0))
    };
    for with_elided in [false, true] {
        let mut key_mass: HashMap<String, HashMap<&str, u64>> = HashMap::new();
        for (unit, spellings) in &units {
            for (latin, count) in spellings {
                if let Some(t) = single(latin) {
                    let mut keys = t.keys.clone();
                    if with_elided {
                        keys.extend(t.keys.iter().flat_map(|k| sibling_keys(k)));
                        keys.sort();
                        keys.dedup();
                    }
                    for k in keys {
                        *key_mass.entry(k).or_default().entry(unit).or_default() += count;
                    }
                }
            }
        }
        let (mut all, mut others) = (0u64, 0u64);
        for by_unit in key_mass.values() {
            let total: u64 = by_unit.values().sum();
            all += total;
            others += total - by_unit.values().max().copied().unwrap_or(0);
        }
        eprintln!(
            "key mass{} {all}, held by spellings of other units {others} ({:.2}%)",
            if with_elided {
                " with elided-vowel and glide keys"
            } else {
                ""
            },
            100.0 * others as f64 / all.max(1) as f64
        );
    }
    let (mut pairs, mut missed, mut weight, mut missed_weight) = (0u64, 0u64, 0u64, 0u64);
    let (mut elided, mut elided_weight) = (0u64, 0u64);
    let mut out = Vec::new();
    for (unit, spellings) in &units {
        let tokens: Vec<_> = spellings.iter().map(|(l, c)| (single(l), *c)).collect();
        for (i, (a, ca)) in tokens.iter().enumerate() {
            for (b, cb) in &tokens[i + 1..] {
                let (Some(a), Some(b)) = (a, b) else { continue };
                let w = ca * cb;
                pairs += 1;
                weight += w;
                let typo = a
                    .forms
                    .iter()
                    .any(|x| b.forms.iter().any(|y| within_typos(x, y)));
                let sibling = |a: &paxscreen_names::NameToken, b: &paxscreen_names::NameToken| {
                    a.keys
                        .iter()
                        .any(|k| sibling_keys(k).iter().any(|e| b.keys.contains(e)))
                        && a.forms
                            .iter()
                            .any(|x| b.forms.iter().any(|y| osa(x.as_bytes(), y.as_bytes()) <= 2))
                };
                if !a.meets(b) && !typo && sibling(a, b) {
                    elided += 1;
                    elided_weight += w;
                } else if !a.meets(b) && !typo {
                    missed += 1;
                    missed_weight += w;
                    out.push((
                        w,
                        unit,
                        a.forms[0].clone(),
                        b.forms[0].clone(),
                        format!("{:?}", a.keys),
                        format!("{:?}", b.keys),
                    ));
                }
            }
        }
    }
    eprintln!(
        "pairs {pairs}, missed {missed}; weighted {weight}, missed {missed_weight} ({:.2}%)",
        100.0 * missed_weight as f64 / weight.max(1) as f64
    );
    eprintln!(
        "met only by an elided first vowel or a glide Y: {elided} pairs, weighted {elided_weight} ({:.2}%)",
        100.0 * elided_weight as f64 / weight.max(1) as f64
    );
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    for (w, unit, a, b, ka, kb) in out {
        println!("{w}\t{unit}\t{a}\t{b}\t{ka}\t{kb}");
    }
    Ok(())
}
