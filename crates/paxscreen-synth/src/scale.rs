//! National-scale synthetic watchlists and manifests for benchmarks.
//!
//! What matters for screening speed is not the names themselves but their statistics:
//! a few tokens (MOHAMMED, AL, ALI, AHMED, ABU) occur in a large share of names, so
//! candidate lists behind them are long. The pools reproduce that: tokens come from
//! the real list names, the Arabic romanizer units (weighted by their real counts) and
//! ordinary names of many countries, and are sampled by weight, which gives the
//! Zipf-like repetition of real data. Travellers draw from the same pools, so
//! innocents share common tokens with listed names as they do in real manifests.
//!
//! Every entry and traveller is generated from its own PRNG stream (seed, index), so
//! the CLI streams rows to disk without holding the list, and entry *i* can be
//! regenerated when a traveller needs to impersonate it.

use crate::namedata::{load_ordinary_names, ArabicUnits, WeightedPool};
use crate::output::{csv_writer, traveller_row, watchlist_row, TRAVELLER_HEADER, WATCHLIST_HEADER};
use crate::rng::Rng;
use crate::text::{icao_upper, split_name};
use crate::{variants, SynthError, SynthReport};
use paxscreen_core::{
    Country, DobSpec, Document, Gender, ListedName, NameQuality, PartialDate, Traveller,
    WatchlistEntry,
};
use std::collections::BTreeMap;
use std::io::BufWriter;
use std::path::Path;

/// Weighted token pools the scale generator draws names from.
#[derive(Debug, Clone)]
pub struct TokenPools {
    /// Given-name tokens.
    pub given: WeightedPool,
    /// Surname tokens.
    pub surnames: WeightedPool,
    /// Nationalities (alpha-3), weighted by how often the real lists name them.
    pub nationalities: WeightedPool,
    /// Per-source pools (given, surnames) with their share in parts per 1000: one
    /// name draws all its tokens from one source, so names stay culturally coherent
    /// ("MOHAMMED ALI AL QAHTANI", not "ADOLFO ALYAKSANDRAVICH MAHMOUD"). Empty: use
    /// the combined pools.
    pub sources: Vec<(u64, WeightedPool, WeightedPool)>,
}

/// Share of each source in the pools (parts per 1000): real list tokens, Arabic
/// romanizer units, ordinary names. The lists dominate because benchmarks must show
/// their token skew; the others add the spelling spread of real travellers.
const SHARES: [u64; 3] = [450, 300, 250];

fn add_normalized(pool: &mut WeightedPool, src: &BTreeMap<String, u64>, share: u64) {
    let total: u64 = src.values().sum::<u64>().max(1);
    for (t, &w) in src {
        // Scaled to a common total of 10^12 so sources of different sizes mix by share.
        let scaled = (w as u128 * share as u128 * 1_000_000_000 / total as u128) as u64;
        pool.push(t.clone(), scaled.max(1));
    }
}

impl TokenPools {
    /// Builds pools from the real lists and names data in `data_dir` (../shared/data).
    pub fn load(data_dir: &Path) -> Result<TokenPools, SynthError> {
        let mut list_given: BTreeMap<String, u64> = BTreeMap::new();
        let mut list_sur: BTreeMap<String, u64> = BTreeMap::new();
        let mut nats: BTreeMap<String, u64> = BTreeMap::new();
        let paths = crate::devset::real_list_paths(data_dir);
        if paths.iter().all(|p| p.is_file()) {
            let loaded = paxscreen_watchlists::load_paths(&paths)?;
            for e in &loaded.entries {
                for n in &e.names {
                    if n.quality == NameQuality::OriginalScript {
                        continue;
                    }
                    let sp = split_name(&n.name);
                    for t in variants::tokens(&sp.given) {
                        *list_given.entry(t).or_default() += 1;
                    }
                    for t in variants::tokens(&sp.surname) {
                        *list_sur.entry(t).or_default() += 1;
                    }
                }
                for c in &e.nationalities {
                    *nats.entry(c.to_string()).or_default() += 1;
                }
            }
        }
        let names = data_dir.join("names");
        let units = ArabicUnits::load(&names.join("arabic_name_romanizer_units.dev.tsv"))?;
        let mut ar_given: BTreeMap<String, u64> = BTreeMap::new();
        for (row, w) in units.given.iter() {
            let t = row.split('\t').next().unwrap_or(row);
            *ar_given.entry(t.to_string()).or_default() += w;
        }
        let mut ar_sur: BTreeMap<String, u64> = BTreeMap::new();
        for (t, w) in units.surnames.iter() {
            *ar_sur.entry(t.to_string()).or_default() += w;
        }
        let mut ord_given: BTreeMap<String, u64> = BTreeMap::new();
        let mut ord_sur: BTreeMap<String, u64> = BTreeMap::new();
        for (_, l) in load_ordinary_names(&names)? {
            for pool in [&l.male, &l.female] {
                for (t, w) in pool.iter() {
                    for tok in t.split(' ') {
                        *ord_given.entry(tok.to_string()).or_default() += w;
                    }
                }
            }
            for (t, w) in l.last.iter() {
                *ord_sur.entry(t.to_string()).or_default() += w;
            }
            if let Some(c) = &l.country {
                *nats.entry(c.clone()).or_default() += 1;
            }
        }
        let mut sources = Vec::new();
        for (g, sur, share) in [
            (&list_given, &list_sur, SHARES[0]),
            (&ar_given, &ar_sur, SHARES[1]),
            (&ord_given, &ord_sur, SHARES[2]),
        ] {
            if g.is_empty() || sur.is_empty() {
                continue;
            }
            let (mut gp, mut sp) = (WeightedPool::default(), WeightedPool::default());
            add_normalized(&mut gp, g, 1000);
            add_normalized(&mut sp, sur, 1000);
            sources.push((share, gp, sp));
        }
        let mut given = WeightedPool::default();
        let mut surnames = WeightedPool::default();
        for (src, share) in [
            (&list_given, SHARES[0]),
            (&ar_given, SHARES[1]),
            (&ord_given, SHARES[2]),
        ] {
            add_normalized(&mut given, src, share);
        }
        for (src, share) in [
            (&list_sur, SHARES[0]),
            (&ar_sur, SHARES[1]),
            (&ord_sur, SHARES[2]),
        ] {
            add_normalized(&mut surnames, src, share);
        }
        let mut nationalities = WeightedPool::default();
        for (c, w) in nats {
            nationalities.push(c, w);
        }
        if given.is_empty() || surnames.is_empty() {
            return Ok(TokenPools::builtin());
        }
        Ok(TokenPools {
            given,
            surnames,
            nationalities,
            sources,
        })
    }

    /// Small built-in pools (rank-weighted, Zipf 1/rank) for when the shared data is
    /// absent: benches and tests still run, with the same kind of token skew.
    pub fn builtin() -> TokenPools {
        let zipf = |items: &[&str]| {
            let mut p = WeightedPool::default();
            for (r, t) in items.iter().enumerate() {
                p.push(t.to_string(), 100_000 / (r as u64 + 1));
            }
            p
        };
        TokenPools {
            given: zipf(BUILTIN_GIVEN),
            surnames: zipf(BUILTIN_SURNAMES),
            nationalities: zipf(BUILTIN_NATIONALITIES),
            sources: Vec::new(),
        }
    }
}

impl TokenPools {
    /// The (given, surname) pools of one source chosen by share.
    fn pick_source(&self, rng: &mut Rng) -> (&WeightedPool, &WeightedPool) {
        if self.sources.is_empty() {
            return (&self.given, &self.surnames);
        }
        let total: u64 = self.sources.iter().map(|s| s.0).sum();
        let mut x = rng.next_u64() % total.max(1);
        for (share, g, s) in &self.sources {
            if x < *share {
                return (g, s);
            }
            x -= share;
        }
        (&self.given, &self.surnames)
    }
}

const BUILTIN_GIVEN: &[&str] = &[
    "MOHAMMED",
    "AHMED",
    "ALI",
    "ABDUL",
    "MUHAMMAD",
    "HASSAN",
    "ABU",
    "OMAR",
    "IBRAHIM",
    "YOUSSEF",
    "MAHMOUD",
    "ABDULLAH",
    "KHALID",
    "HUSSEIN",
    "MUSTAFA",
    "SAID",
    "JOHN",
    "DAVID",
    "MICHAEL",
    "MARIA",
    "ANNA",
    "FATIMA",
    "AISHA",
    "SERGEI",
    "ALEXANDER",
    "VLADIMIR",
    "IVAN",
    "DMITRY",
    "HAMID",
    "REZA",
    "TARIQ",
    "BILAL",
    "SALEH",
    "NASSER",
    "FAISAL",
    "JAMAL",
    "KARIM",
    "RASHID",
    "SAMIR",
    "WALID",
    "ZAID",
    "AMIR",
    "PETER",
    "THOMAS",
    "JAMES",
    "ROBERT",
    "ELENA",
    "OLGA",
    "NATALIA",
    "MEHMET",
    "MUSTAFA",
    "YUSUF",
    "EMRE",
    "JOSE",
    "CARLOS",
    "LUIS",
    "JUAN",
    "PIERRE",
    "JEAN",
    "HANS",
    "KLAUS",
    "WEI",
    "LI",
    "RAJ",
    "AMIT",
    "SANJAY",
    "FARID",
    "NABIL",
];
const BUILTIN_SURNAMES: &[&str] = &[
    "AL",
    "KHAN",
    "ALI",
    "AHMED",
    "HASSAN",
    "HUSSEIN",
    "MOHAMED",
    "ABDULLAH",
    "IBRAHIM",
    "RAHMAN",
    "QURESHI",
    "SHAH",
    "MALIK",
    "SAYED",
    "SALEH",
    "BAKR",
    "BAGHDADI",
    "MASRI",
    "TAMIMI",
    "OTAIBI",
    "QAHTANI",
    "SHAMMARI",
    "DOSARI",
    "HARBI",
    "ZAHRANI",
    "GHAMDI",
    "IVANOV",
    "PETROV",
    "SMIRNOV",
    "KUZNETSOV",
    "POPOV",
    "SOKOLOV",
    "VOLKOV",
    "SMITH",
    "JONES",
    "BROWN",
    "MUELLER",
    "SCHMIDT",
    "SCHNEIDER",
    "GARCIA",
    "MARTINEZ",
    "LOPEZ",
    "DUBOIS",
    "MARTIN",
    "YILMAZ",
    "KAYA",
    "DEMIR",
    "WANG",
    "LI",
    "ZHANG",
    "SINGH",
    "KUMAR",
    "PATEL",
    "NGUYEN",
    "ROSSI",
    "RUSSO",
    "JANSEN",
    "DE",
    "VAN",
    "BIN",
    "ABU",
];
const BUILTIN_NATIONALITIES: &[&str] = &[
    "SAU", "PAK", "IRQ", "SYR", "EGY", "AFG", "YEM", "IRN", "RUS", "GBR", "FRA", "DEU", "USA",
    "TUR", "JOR", "LBN", "MAR", "DZA", "TUN", "LBY", "SOM", "SDN", "IND", "CHN", "IDN", "NGA",
    "ESP", "ITA", "NLD", "BEL", "SWE", "UKR", "KAZ", "UZB", "AZE",
];

fn dob(rng: &mut Rng) -> DobSpec {
    let y = rng.range(1945, 2005) as u16;
    match rng.below(20) {
        0..=11 => DobSpec::Date(
            PartialDate::ymd(y, rng.range(1, 12) as u8, rng.range(1, 28) as u8)
                .expect("valid date"),
        ),
        12..=16 => DobSpec::Date(PartialDate::new(y, None, None).expect("valid year")),
        _ => DobSpec::Range {
            from: y,
            to: y + rng.range(1, 5) as u16,
        },
    }
}

fn random_name(rng: &mut Rng, pools: &TokenPools) -> String {
    // 2-5 tokens: 35% 2, 35% 3, 20% 4, 10% 5, like the real lists' Latin names.
    let n = match rng.below(20) {
        0..=6 => 2,
        7..=13 => 3,
        14..=17 => 4,
        _ => 5,
    };
    let (given, surnames) = pools.pick_source(rng);
    let mut toks: Vec<&str> = Vec::with_capacity(n);
    let n_sur = if n >= 3 && rng.chance(0.25) { 2 } else { 1 };
    for _ in 0..n - n_sur {
        toks.push(given.sample(rng));
    }
    for _ in 0..n_sur {
        toks.push(surnames.sample(rng));
    }
    toks.join(" ")
}

/// An alias of a primary name: usually a spelling variant (typo-like edit, dropped or
/// swapped token), sometimes an unrelated name (a kunya or nom de guerre).
fn alias_of(rng: &mut Rng, pools: &TokenPools, primary: &str) -> String {
    let toks: Vec<&str> = primary.split(' ').collect();
    match rng.below(5) {
        0 => random_name(rng, pools),
        1 if toks.len() >= 3 => {
            let drop = 1 + rng.below(toks.len() - 2);
            toks.iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, t)| *t)
                .collect::<Vec<_>>()
                .join(" ")
        }
        2 => {
            let mut t: Vec<String> = toks.iter().map(|s| s.to_string()).collect();
            let i = rng.below(t.len());
            t[i] = pools.given.sample(rng).to_string();
            t.join(" ")
        }
        _ => {
            let sp = split_name(primary);
            match variants::typo(rng, &sp.surname, &sp.given) {
                Some((s, g)) if !g.is_empty() => format!("{g} {s}"),
                Some((s, _)) => s,
                None => format!("ABU {}", toks[0]),
            }
        }
    }
}

fn doc_number(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(9);
    s.push((b'A' + rng.below(26) as u8) as char);
    for _ in 0..8 {
        s.push((b'0' + rng.below(10) as u8) as char);
    }
    s
}

/// Entry `i` of the synthetic watchlist seeded with `seed` (independent of `n`).
pub fn scale_entry(i: usize, seed: u64, pools: &TokenPools) -> WatchlistEntry {
    let mut rng = Rng::for_item(seed, 1, i as u64);
    let primary = random_name(&mut rng, pools);
    let mut names = vec![ListedName {
        name: primary.clone(),
        quality: NameQuality::Primary,
    }];
    if rng.chance(0.3) {
        for _ in 0..rng.range(1, 3) {
            let quality = if rng.chance(0.8) {
                NameQuality::Good
            } else {
                NameQuality::Low
            };
            names.push(ListedName {
                name: alias_of(&mut rng, pools, &primary),
                quality,
            });
        }
    }
    let dobs = if rng.chance(0.8) {
        let mut d = vec![dob(&mut rng)];
        if rng.chance(0.1) {
            d.push(dob(&mut rng));
        }
        d
    } else {
        Vec::new()
    };
    let nationalities: Vec<Country> = if rng.chance(0.75) && !pools.nationalities.is_empty() {
        Country::from_code(pools.nationalities.sample(&mut rng))
            .ok()
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    let gender = Some(if rng.chance(0.9) {
        Gender::M
    } else {
        Gender::F
    });
    let documents = if rng.chance(0.15) {
        vec![Document {
            doc_type: "P".into(),
            issuer: nationalities
                .first()
                .map(|c| c.to_string())
                .unwrap_or_default(),
            number: doc_number(&mut rng),
        }]
    } else {
        Vec::new()
    };
    WatchlistEntry {
        id: format!("SYN{:07}", i + 1),
        list: "SYNTH".into(),
        names,
        dobs,
        nationalities,
        gender,
        documents,
        remarks: String::new(),
    }
}

/// A synthetic watchlist of `n` entries (one primary name each, aliases for about 30%).
pub fn scale_watchlist(n: usize, seed: u64, pools: &TokenPools) -> Vec<WatchlistEntry> {
    (0..n).map(|i| scale_entry(i, seed, pools)).collect()
}

/// Traveller `j`: about 1% impersonate an entry (small perturbations), the rest are
/// drawn from the same pools. Returns the traveller and the entry it is, if any.
fn scale_traveller(
    j: usize,
    seed: u64,
    pools: &TokenPools,
    n_entries: usize,
    entry: &dyn Fn(usize) -> WatchlistEntry,
) -> (Traveller, Option<String>) {
    let mut rng = Rng::for_item(seed, 2, j as u64);
    let id = format!("P{:08}", j + 1);
    if n_entries > 0 && rng.chance(0.01) {
        let e = entry(rng.below(n_entries));
        let name = rng.pick(&e.names).name.clone();
        let sp = split_name(&name);
        let (s, g) = match rng.below(4) {
            0 => (sp.surname.clone(), sp.given.clone()),
            1 => variants::typo(&mut rng, &sp.surname, &sp.given)
                .unwrap_or((sp.surname.clone(), sp.given.clone())),
            2 => variants::pnr(
                &mut rng,
                &sp.surname,
                &sp.given,
                e.gender == Some(Gender::F),
            ),
            _ => (sp.given.clone(), sp.surname.clone()),
        };
        let dob = if rng.chance(0.7) {
            e.dobs
                .first()
                .and_then(|d| crate::devset::dob_from_spec(&mut rng, d))
        } else {
            None
        };
        let t = Traveller {
            id,
            surname: s,
            given_names: g,
            dob,
            gender: e.gender,
            nationality: e.nationalities.first().copied(),
            documents: if rng.chance(0.5) {
                e.documents.clone()
            } else {
                Vec::new()
            },
            ..Traveller::default()
        };
        return (t, Some(e.id));
    }
    let n_given = if rng.chance(0.3) { 2 } else { 1 };
    let (gp, sp) = pools.pick_source(&mut rng);
    let given: Vec<&str> = (0..n_given).map(|_| gp.sample(&mut rng)).collect();
    let surname = sp.sample(&mut rng).to_string();
    let nationality = if pools.nationalities.is_empty() {
        None
    } else {
        Country::from_code(pools.nationalities.sample(&mut rng)).ok()
    };
    let t = Traveller {
        id,
        surname,
        given_names: given.join(" "),
        dob: PartialDate::ymd(
            rng.range(1940, 2020) as u16,
            rng.range(1, 12) as u8,
            rng.range(1, 28) as u8,
        )
        .ok(),
        gender: Some(if rng.chance(0.5) {
            Gender::M
        } else {
            Gender::F
        }),
        nationality,
        documents: vec![Document {
            doc_type: "P".into(),
            issuer: nationality.map(|c| c.to_string()).unwrap_or_default(),
            number: doc_number(&mut rng),
        }],
        ..Traveller::default()
    };
    (t, None)
}

/// `m` synthetic travellers against `watchlist` (about 1% of them listed).
pub fn scale_travellers(
    m: usize,
    seed: u64,
    pools: &TokenPools,
    watchlist: &[WatchlistEntry],
) -> Vec<Traveller> {
    scale_labelled_travellers(m, seed, pools, watchlist)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// Like [`scale_travellers`], with the entry id each listed traveller impersonates.
pub fn scale_labelled_travellers(
    m: usize,
    seed: u64,
    pools: &TokenPools,
    watchlist: &[WatchlistEntry],
) -> Vec<(Traveller, Option<String>)> {
    let get = |i: usize| watchlist[i].clone();
    (0..m)
        .map(|j| scale_traveller(j, seed, pools, watchlist.len(), &get))
        .collect()
}

/// Streams watchlist.csv, travellers.csv and labels.csv to `out` without holding the
/// lists in memory (1M entries take a few seconds in a release build).
pub fn write_scale(
    pools: &TokenPools,
    n: usize,
    m: usize,
    seed: u64,
    out: &Path,
) -> Result<SynthReport, SynthError> {
    std::fs::create_dir_all(out).map_err(|e| SynthError::io(out, e))?;
    let create = |name: &str| {
        let p = out.join(name);
        std::fs::File::create(&p)
            .map(|f| (p.clone(), csv_writer(BufWriter::with_capacity(1 << 20, f))))
            .map_err(|e| SynthError::io(&p, e))
    };
    let (wp, mut w) = create("watchlist.csv")?;
    w.write_record(WATCHLIST_HEADER)?;
    let mut aliases = 0;
    for i in 0..n {
        let e = scale_entry(i, seed, pools);
        aliases += e.names.len() - 1;
        w.write_record(watchlist_row(&e))?;
    }
    w.flush().map_err(|e| SynthError::io(&wp, e))?;
    let (tp, mut t) = create("travellers.csv")?;
    let (lp, mut l) = create("labels.csv")?;
    t.write_record(TRAVELLER_HEADER)?;
    l.write_record(["traveller_id", "expected_entry_id", "category"])?;
    let get = |i: usize| scale_entry(i, seed, pools);
    let mut listed = 0;
    for j in 0..m {
        let (tr, label) = scale_traveller(j, seed, pools, n, &get);
        t.write_record(traveller_row(&tr))?;
        let cat = if label.is_some() {
            "listed"
        } else {
            "innocent"
        };
        listed += usize::from(label.is_some());
        l.write_record([tr.id.as_str(), label.as_deref().unwrap_or(""), cat])?;
    }
    t.flush().map_err(|e| SynthError::io(&tp, e))?;
    l.flush().map_err(|e| SynthError::io(&lp, e))?;
    Ok(SynthReport {
        files: vec![wp, tp, lp],
        counts: vec![
            ("watchlist entries".into(), n),
            ("aliases".into(), aliases),
            ("travellers".into(), m),
            ("listed travellers".into(), listed),
        ],
        seconds: 0.0,
    })
}

/// Is `s` a plain upper-case token (used by tests on the pools)?
pub fn is_plain_token(s: &str) -> bool {
    icao_upper(s).as_deref() == Some(s) && !s.contains(' ')
}
