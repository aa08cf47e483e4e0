//! Readers for the public names data in `../shared/data/names` (see SOURCES.md there).

use crate::rng::Rng;
use crate::text::icao_upper;
use crate::SynthError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Items with integer weights, sampled in O(log n) by cumulative weight.
#[derive(Debug, Clone, Default)]
pub struct WeightedPool {
    items: Vec<String>,
    cum: Vec<u64>,
}

impl WeightedPool {
    /// Adds an item (weight 0 is raised to 1: everything listed is possible).
    pub fn push(&mut self, item: String, weight: u64) {
        let total = self.cum.last().copied().unwrap_or(0);
        self.items.push(item);
        self.cum.push(total + weight.max(1));
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// No items?
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// A weighted random item. Panics on an empty pool.
    pub fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cum.last().expect("sampling an empty pool");
        let x = rng.next_u64() % total;
        let i = self.cum.partition_point(|&c| c <= x);
        &self.items[i]
    }

    /// Items with their weights, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        let mut prev = 0;
        self.items.iter().zip(&self.cum).map(move |(s, &c)| {
            let w = c - prev;
            prev = c;
            (s.as_str(), w)
        })
    }
}

fn tsv(path: &Path, delim: u8) -> Result<csv::Reader<std::fs::File>, SynthError> {
    let f = std::fs::File::open(path).map_err(|e| SynthError::io(path, e))?;
    Ok(csv::ReaderBuilder::new()
        .delimiter(delim)
        .quoting(delim == b',')
        .flexible(true)
        .has_headers(true)
        .from_reader(f))
}

/// A single name token in ICAO upper case, or `None` for multi-token or non-Latin text.
fn one_token(s: &str) -> Option<String> {
    let up = icao_upper(s)?;
    (!up.contains(' ') && up.len() >= 2).then_some(up)
}

/// The Arabic name romanizer units: many real Latin spellings of each Arabic name unit.
#[derive(Debug, Default)]
pub struct ArabicUnits {
    /// Upper-case Latin spelling -> Arabic keys it spells.
    pub keys_of: BTreeMap<String, BTreeSet<String>>,
    /// Arabic key -> its Latin spellings with summed counts.
    pub spellings: BTreeMap<String, BTreeMap<String, u64>>,
    /// Given-name spellings with their country (alpha-2), weighted by count.
    pub given: WeightedPool,
    /// Surname spellings weighted by count.
    pub surnames: WeightedPool,
    /// Surname pools per country (alpha-2), for plausible given/surname pairings.
    pub surnames_by_country: BTreeMap<String, WeightedPool>,
}

impl ArabicUnits {
    /// Reads `arabic_name_romanizer_units.dev.tsv`.
    pub fn load(path: &Path) -> Result<ArabicUnits, SynthError> {
        let mut u = ArabicUnits::default();
        // Summed per (spelling, country, role) first so pools have one row per spelling.
        let mut given: BTreeMap<(String, String), u64> = BTreeMap::new();
        let mut sur: BTreeMap<(String, String), u64> = BTreeMap::new();
        for rec in tsv(path, b'\t')?.records() {
            let rec = rec.map_err(|e| SynthError::data(path, e))?;
            let (key, latin, country, role) = (&rec[0], &rec[1], &rec[3], &rec[4]);
            let count: u64 = rec.get(5).and_then(|c| c.parse().ok()).unwrap_or(1);
            let Some(up) = one_token(latin) else { continue };
            u.keys_of
                .entry(up.clone())
                .or_default()
                .insert(key.to_string());
            *u.spellings
                .entry(key.to_string())
                .or_default()
                .entry(up.clone())
                .or_default() += count;
            let slot = match role {
                "given" => &mut given,
                "surname" => &mut sur,
                _ => continue,
            };
            *slot.entry((up, country.to_string())).or_default() += count;
        }
        for ((name, country), c) in given {
            u.given.push(format!("{name}\t{country}"), c);
        }
        for ((name, country), c) in sur {
            u.surnames_by_country
                .entry(country)
                .or_default()
                .push(name.clone(), c);
            u.surnames.push(name, c);
        }
        Ok(u)
    }

    /// Other real spellings of the same Arabic unit as `token` (upper case), with
    /// counts; only spellings seen at least twice, so one-off typos in the source are
    /// not passed off as transliteration variants.
    pub fn alternatives(&self, token: &str) -> Vec<(String, u64)> {
        let mut out: BTreeMap<String, u64> = BTreeMap::new();
        if let Some(keys) = self.keys_of.get(token) {
            for k in keys {
                for (s, &c) in &self.spellings[k] {
                    if s != token && c >= 2 && plausible_respelling(token, s) {
                        *out.entry(s.clone()).or_default() += c;
                    }
                }
            }
        }
        out.into_iter().collect()
    }
}

/// Sound classes of a name's first letter: romanizations of one Arabic letter start
/// with letters of one class (QASIM/KASEM, USAMA/OSAMA, JAZAIRI/DJAZAIRI).
fn first_class(c: u8) -> u8 {
    match c {
        b'A' | b'E' | b'I' | b'O' | b'U' | b'Y' | b'\'' => 0,
        b'K' | b'Q' | b'C' | b'G' | b'H' => 1,
        b'J' | b'D' | b'Z' => 2,
        b'T' | b'S' => 3,
        other => other,
    }
}

fn bigrams(s: &str) -> Vec<[u8; 2]> {
    let mut v: Vec<[u8; 2]> = s.as_bytes().windows(2).map(|w| [w[0], w[1]]).collect();
    v.sort_unstable();
    v
}

/// Is `alt` a believable other spelling of `token`, not a noisy row of the source
/// (the units file maps a few keys to unrelated names, HAMZA -> AHMAD)? Same first
/// sound class, lengths within 3 and some shared letter pairs (Dice coefficient >= 0.25).
pub fn plausible_respelling(token: &str, alt: &str) -> bool {
    let (a, b) = (token.as_bytes(), alt.as_bytes());
    if a.len().abs_diff(b.len()) > 3
        || a.is_empty()
        || b.is_empty()
        || first_class(a[0]) != first_class(b[0])
    {
        return false;
    }
    let (x, y) = (bigrams(token), bigrams(alt));
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    4 * 2 * common >= x.len() + y.len()
}

/// Ordinary first and last names of one locale or country.
#[derive(Debug, Default, Clone)]
pub struct LocaleNames {
    /// Male first names.
    pub male: WeightedPool,
    /// Female first names.
    pub female: WeightedPool,
    /// Surnames.
    pub last: WeightedPool,
    /// Alpha-3 country, when the locale names one.
    pub country: Option<String>,
}

/// Faker and sigpwned names by locale/country, romanized ICAO-style.
pub fn load_ordinary_names(dir: &Path) -> Result<Vec<(String, LocaleNames)>, SynthError> {
    let mut by: BTreeMap<String, LocaleNames> = BTreeMap::new();
    let faker = dir.join("faker_person_names_by_locale.tsv");
    for rec in tsv(&faker, b'\t')?.records() {
        let rec = rec.map_err(|e| SynthError::data(&faker, e))?;
        let (locale, attr, name) = (&rec[0], &rec[1], &rec[2]);
        let Some(up) = icao_upper(name) else { continue };
        let w = rec
            .get(3)
            .and_then(|w| w.parse::<f64>().ok())
            .map(|w| (w * 1000.0) as u64)
            .unwrap_or(1000);
        let e = by.entry(format!("faker:{locale}")).or_default();
        if e.country.is_none() {
            e.country = locale
                .split('_')
                .nth(1)
                .and_then(|c| paxscreen_core::Country::from_code(c).ok())
                .map(|c| c.to_string());
        }
        match attr {
            "first_names_male" => e.male.push(up, w),
            "first_names_female" => e.female.push(up, w),
            "first_names" => {
                e.male.push(up.clone(), w);
                e.female.push(up, w)
            }
            a if a.starts_with("last_names") => e.last.push(up, w),
            _ => {}
        }
    }
    let fore = dir.join("sigpwned_common_forenames_by_country.csv");
    for rec in tsv(&fore, b',')?.records() {
        let rec = rec.map_err(|e| SynthError::data(&fore, e))?;
        let Some(up) = rec.get(11).and_then(icao_upper) else {
            continue;
        };
        let rank: u64 = rec.get(7).and_then(|r| r.parse().ok()).unwrap_or(50);
        let e = by.entry(format!("sigpwned:{}", &rec[0])).or_default();
        // Zipf by rank: the top name is about 50 times as common as the 50th.
        let w = 50_000 / rank.max(1);
        if &rec[9] == "F" {
            e.female.push(up, w)
        } else {
            e.male.push(up, w)
        }
    }
    let sur = dir.join("sigpwned_common_surnames_by_country.csv");
    for rec in tsv(&sur, b',')?.records() {
        let rec = rec.map_err(|e| SynthError::data(&sur, e))?;
        let Some(up) = rec.get(5).and_then(icao_upper) else {
            continue;
        };
        let rank: u64 = rec.get(1).and_then(|r| r.parse().ok()).unwrap_or(50);
        by.entry(format!(
            "sigpwned:{}",
            rec[0].trim_start_matches('\u{feff}')
        ))
        .or_default()
        .last
        .push(up, 50_000 / rank.max(1));
    }
    let mut out = Vec::new();
    for (k, mut v) in by {
        if k.starts_with("sigpwned:") {
            v.country = k
                .strip_prefix("sigpwned:")
                .and_then(|c| paxscreen_core::Country::from_code(c).ok())
                .map(|c| c.to_string());
        }
        if !v.last.is_empty() && (!v.male.is_empty() || !v.female.is_empty()) {
            if v.male.is_empty() {
                v.male = v.female.clone();
            }
            if v.female.is_empty() {
                v.female = v.male.clone();
            }
            out.push((k, v));
        }
    }
    Ok(out)
}

/// English name token -> its Cyrillic spelling (most frequent pair wins).
pub fn load_netranslit(path: &Path) -> Result<BTreeMap<String, String>, SynthError> {
    let f = std::fs::File::open(path).map_err(|e| SynthError::io(path, e))?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .has_headers(false)
        .from_reader(f);
    let mut best: BTreeMap<String, (u64, String)> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| SynthError::data(path, e))?;
        let (Some(en), Some(cy)) = (rec.get(0), rec.get(1)) else {
            continue;
        };
        let count: u64 = rec.get(2).and_then(|c| c.parse().ok()).unwrap_or(1);
        let Some(up) = one_token(en) else { continue };
        let cy: String = cy.split(' ').collect();
        let slot = best.entry(up).or_insert((0, String::new()));
        if count > slot.0 {
            *slot = (count, cy);
        }
    }
    Ok(best.into_iter().map(|(k, (_, v))| (k, v)).collect())
}
