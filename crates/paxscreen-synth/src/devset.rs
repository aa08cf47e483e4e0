//! The labelled dev set: real listed persons (UN + OFAC) hidden among ordinary
//! travellers under the spellings a screener meets in practice.
//!
//! Why real list names: accuracy on invented names says little about the real lists'
//! mix of Arabic patronymic chains, Cyrillic romanizations and partial dates. Why hold
//! aliases back: a real alias the engine has never seen is the most honest test of
//! fuzzy matching (the list itself says it is the same person).

use crate::namedata::{load_netranslit, load_ordinary_names, ArabicUnits, LocaleNames};
use crate::output::{csv_writer, travellers_csv, watchlist_csv};
use crate::rng::Rng;
use crate::text::{is_latin, letters_key, sorted_key, split_name};
use crate::variants;
use crate::SynthError;
use paxscreen_core::{
    Country, DobSpec, Gender, NameQuality, PartialDate, Traveller, WatchlistEntry,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What a dev-set traveller is, and so what the engine should answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Listed: the primary name exactly as the list writes it.
    Exact,
    /// Listed: a real alias that was removed from the written watchlist.
    HeldOutAlias,
    /// Listed: name units replaced by other real romanizations of the same Arabic unit.
    TranslitArabic,
    /// Listed: Cyrillic-origin name romanized another way.
    TranslitCyrillic,
    /// Listed: one keyboard edit in one long token.
    Typo,
    /// Listed: the name as an MRZ reader delivers it (ICAO, truncated, OCR noise).
    Mrz,
    /// Listed: surname and given names swapped, or a middle name dropped.
    Swapped,
    /// Listed: al-/el/AL, bin/ben/ibn, Abd al-/Abdul/Abdel, Abu/Abou rewritten.
    Particles,
    /// Listed: AIRIMP form with a glued title (`MOHAMMEDMR`).
    Pnr,
    /// Not listed: an ordinary name (expected: no hit).
    Innocent,
    /// Not listed: a listed name but another person (other birth year and nationality).
    Namesake,
}

impl Category {
    /// Categories of listed travellers, in generation order.
    pub const LISTED: [Category; 9] = [
        Category::Exact,
        Category::HeldOutAlias,
        Category::TranslitArabic,
        Category::TranslitCyrillic,
        Category::Typo,
        Category::Mrz,
        Category::Swapped,
        Category::Particles,
        Category::Pnr,
    ];

    /// The name written in labels.csv.
    pub fn as_str(&self) -> &'static str {
        match self {
            Category::Exact => "exact",
            Category::HeldOutAlias => "held_out_alias",
            Category::TranslitArabic => "translit_arabic",
            Category::TranslitCyrillic => "translit_cyrillic",
            Category::Typo => "typo",
            Category::Mrz => "mrz",
            Category::Swapped => "swapped",
            Category::Particles => "particles",
            Category::Pnr => "pnr",
            Category::Innocent => "innocent",
            Category::Namesake => "namesake",
        }
    }

    /// Is a hit expected?
    pub fn is_listed(&self) -> bool {
        !matches!(self, Category::Innocent | Category::Namesake)
    }
}

/// The answer key for one traveller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Traveller id.
    pub traveller_id: String,
    /// The entry the traveller is, or "" for innocent and namesake travellers.
    pub expected_entry_id: String,
    /// Category.
    pub category: Category,
    /// Other entries listing the same name the traveller's name was derived from (the
    /// same person on both UN and OFAC lists): a hit on them is also correct.
    pub also_matches: Vec<String>,
}

/// Settings of a dev-set run.
#[derive(Debug, Clone)]
pub struct DevsetConfig {
    /// Folder with `watchlists/` and `names/` (../shared/data).
    pub data_dir: PathBuf,
    /// Seed: same seed, same bytes.
    pub seed: u64,
    /// Number of listed travellers (spread evenly over the 9 listed categories).
    pub listed: usize,
    /// Number of travellers expected to produce no hit (innocent + namesake).
    pub innocent: usize,
}

/// A generated dev set.
#[derive(Debug, Clone)]
pub struct Devset {
    /// The watchlist to screen against (held-out aliases removed).
    pub watchlist: Vec<WatchlistEntry>,
    /// The travellers, categories interleaved.
    pub travellers: Vec<Traveller>,
    /// One label per traveller, same order.
    pub labels: Vec<Label>,
    /// The held-out aliases: (entry id, alias).
    pub held_out: Vec<(String, String)>,
    /// How many innocents carry common Arabic names (the hard part for precision).
    pub arabic_innocents: usize,
}

/// The real lists the dev set is built from.
pub fn real_list_paths(data_dir: &Path) -> Vec<PathBuf> {
    let w = data_dir.join("watchlists");
    vec![
        w.join("un_consolidated_2026-05-08.xml"),
        w.join("ofac_sdn_2024-05-03.csv"),
        w.join("ofac_alt_2026-02-25.csv"),
    ]
}

/// Latin-script names of an entry (the ones a manifest could carry).
fn latin_names(e: &WatchlistEntry) -> Vec<String> {
    e.names
        .iter()
        .filter(|n| n.quality != NameQuality::OriginalScript && is_latin(&n.name))
        .filter(|n| letters_key(&n.name).len() >= 4)
        .map(|n| n.name.clone())
        .collect()
}

/// A random full date inside what a list says (year-only -> random month/day).
pub(crate) fn dob_from_spec(rng: &mut Rng, spec: &DobSpec) -> Option<PartialDate> {
    let (year, month, day) = match *spec {
        DobSpec::Date(d) => (d.year, d.month, d.day),
        DobSpec::Range { from, to } => (rng.range(from as u32, to as u32) as u16, None, None),
    };
    let month = month.unwrap_or_else(|| rng.range(1, 12) as u8);
    let day = day.unwrap_or_else(|| rng.range(1, 28) as u8);
    PartialDate::ymd(year, month, day).ok()
}

fn random_dob(rng: &mut Rng, from: u32, to: u32) -> PartialDate {
    PartialDate::ymd(
        rng.range(from, to) as u16,
        rng.range(1, 12) as u8,
        rng.range(1, 28) as u8,
    )
    .expect("day <= 28 is valid in every month")
}

/// Nationalities for namesakes: a spread of the countries travellers come from.
const NATIONALITIES: &[&str] = &[
    "SAU", "EGY", "JOR", "IRQ", "SYR", "PAK", "AFG", "IRN", "TUR", "MAR", "DZA", "TUN", "LBY",
    "YEM", "SOM", "SDN", "ARE", "QAT", "KWT", "OMN", "LBN", "IDN", "MYS", "BGD", "IND", "NGA",
    "GBR", "FRA", "DEU", "BEL", "NLD", "SWE", "ESP", "ITA", "USA", "CAN", "RUS", "UKR", "KAZ",
    "UZB", "AZE", "GEO", "CHN", "PHL", "BRA", "MEX", "KEN", "ETH",
];

fn country(code: &str) -> Option<Country> {
    Country::from_code(code).ok()
}

struct Ctx<'a> {
    units: &'a ArabicUnits,
    netranslit: &'a BTreeMap<String, String>,
}

/// Replaces name units by other real romanizations of the same Arabic unit.
fn translit_arabic(
    rng: &mut Rng,
    units: &ArabicUnits,
    s: &str,
    g: &str,
) -> Option<(String, String)> {
    let mut fields = [variants::tokens(s), variants::tokens(g)];
    let mut sites = Vec::new();
    for (f, toks) in fields.iter().enumerate() {
        for (i, t) in toks.iter().enumerate() {
            let alts = units.alternatives(t);
            if !alts.is_empty() && t.len() > 2 {
                sites.push((f, i, alts));
            }
        }
    }
    if sites.is_empty() {
        return None;
    }
    let forced = rng.below(sites.len());
    for (k, (f, i, alts)) in sites.iter().enumerate() {
        if k == forced || rng.chance(0.5) {
            let total: u64 = alts.iter().map(|a| a.1).sum();
            let mut x = rng.next_u64() % total;
            for (alt, c) in alts {
                if x < *c {
                    fields[*f][*i] = alt.clone();
                    break;
                }
                x -= c;
            }
        }
    }
    Some((fields[0].join(" "), fields[1].join(" ")))
}

fn apply(
    rng: &mut Rng,
    ctx: &Ctx,
    cat: Category,
    e: &WatchlistEntry,
    name: &str,
) -> Option<(String, String)> {
    let sp = split_name(name);
    let (s, g) = (sp.surname.as_str(), sp.given.as_str());
    let out = match cat {
        Category::Exact | Category::HeldOutAlias => Some((s.to_string(), g.to_string())),
        Category::TranslitArabic => {
            // Only names that plausibly come from Arabic script: the units file also
            // knows MIKHAIL and DANIEL, whose "variants" would be noise here.
            let nat = e.nationalities.first().map(|c| c.to_string());
            let arabic_nat = nat
                .as_deref()
                .is_none_or(|n| variants::ARABIC_NAME_COUNTRIES.contains(&n));
            if !arabic_nat || variants::looks_cyrillic(s, g, nat.as_deref()) {
                return None;
            }
            translit_arabic(rng, ctx.units, s, g)
        }
        Category::TranslitCyrillic => {
            let nat = e.nationalities.first().map(|c| c.to_string());
            if !variants::looks_cyrillic(s, g, nat.as_deref()) {
                return None;
            }
            variants::cyrillic(rng, s, g, ctx.netranslit)
        }
        Category::Typo => variants::typo(rng, s, g),
        Category::Mrz => variants::mrz(rng, s, g).map(|(a, b, _)| (a, b)),
        Category::Swapped => {
            let gt: Vec<&str> = g.split_whitespace().collect();
            if gt.len() >= 3 && rng.chance(0.4) {
                // Drop a middle name: documents often carry only the first given name
                // and the family name of a long patronymic chain.
                let drop = 1 + rng.below(gt.len() - 1);
                let kept: Vec<&str> = gt
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != drop)
                    .map(|(_, t)| *t)
                    .collect();
                Some((s.to_string(), kept.join(" ")))
            } else if !g.is_empty() {
                Some((g.to_string(), s.to_string()))
            } else {
                None
            }
        }
        Category::Particles => variants::particles(rng, s, g),
        Category::Pnr => {
            if g.is_empty() {
                return None;
            }
            Some(variants::pnr(rng, s, g, e.gender == Some(Gender::F)))
        }
        Category::Innocent | Category::Namesake => None,
    }?;
    // A "variant" identical to the source teaches nothing about that variant kind.
    // MRZ forms are exempt: without OCR noise or truncation they keep the letters, and
    // the ICAO form itself (no hyphens, apostrophes or diacritics) is the variant.
    let changed = letters_key(&format!("{} {}", out.0, out.1)) != letters_key(&format!("{s} {g}"))
        || (cat == Category::Swapped && out.0 != s);
    let surname_ok = !out.0.trim().is_empty();
    (surname_ok
        && (changed
            || matches!(
                cat,
                Category::Exact | Category::HeldOutAlias | Category::Mrz
            )))
    .then_some(out)
}

/// Generates the dev set in memory.
pub fn generate_devset(cfg: &DevsetConfig) -> Result<Devset, SynthError> {
    let loaded = paxscreen_watchlists::load_paths(&real_list_paths(&cfg.data_dir))?;
    let names_dir = cfg.data_dir.join("names");
    let units = ArabicUnits::load(&names_dir.join("arabic_name_romanizer_units.dev.tsv"))?;
    let netranslit = load_netranslit(&names_dir.join("netranslit_wd_russian_20.tsv"))?;
    let ordinary = load_ordinary_names(&names_dir)?;
    let ctx = Ctx {
        units: &units,
        netranslit: &netranslit,
    };
    let mut rng = Rng::seed_from_u64(cfg.seed);

    let mut entries: Vec<WatchlistEntry> = loaded
        .entries
        .into_iter()
        .filter(|e| !latin_names(e).is_empty())
        .collect();
    entries.sort_by(|a, b| a.id.cmp(&b.id));

    // Which entries list a name (token order free): aliases shared across entries
    // cannot be held out, and innocents must avoid every listed name.
    let mut owners: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    let mut all_letters: BTreeSet<String> = BTreeSet::new();
    for (i, e) in entries.iter().enumerate() {
        for n in &e.names {
            owners.entry(sorted_key(&n.name)).or_default().insert(i);
            all_letters.insert(letters_key(&n.name));
        }
    }

    let per = cfg.listed / Category::LISTED.len();
    let extra = cfg.listed % Category::LISTED.len();
    let count_of = |k: usize| per + usize::from(k < extra);

    // Hold back one alias per chosen entry.
    let mut eligible: Vec<(usize, String)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let latin = latin_names(e);
        if latin.len() < 2 {
            continue;
        }
        let keys: Vec<String> = latin.iter().map(|n| letters_key(n)).collect();
        let primary = sorted_key(e.primary_name());
        let good: BTreeSet<&str> = e
            .names
            .iter()
            .filter(|n| n.quality == NameQuality::Good)
            .map(|n| n.name.as_str())
            .collect();
        let cands: Vec<&String> = latin
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(k, n)| {
                let sk = sorted_key(n);
                // A passport carries a full name: strong aliases of two or more name
                // tokens only, not nicknames ("EL OCHO") or titled fragments ("Dr. Ignace").
                good.contains(n.as_str())
                    && strip_titles(n).split_whitespace().count() >= 2
                    && sk != primary
                    && keys.iter().filter(|x| **x == keys[*k]).count() == 1
                    && owners.get(&sk).is_some_and(|o| o.len() == 1)
            })
            .map(|(_, n)| n)
            .collect();
        if !cands.is_empty() {
            let pick = cands[rng.below(cands.len())].clone();
            eligible.push((i, pick));
        }
    }
    shuffle(&mut rng, &mut eligible);
    eligible.truncate(count_of(1));
    eligible.sort();
    let mut written = entries.clone();
    for (i, alias) in &eligible {
        written[*i].names.retain(|n| &n.name != alias);
    }
    let mut written_owners: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, e) in written.iter().enumerate() {
        for n in &e.names {
            written_owners
                .entry(sorted_key(&n.name))
                .or_default()
                .insert(i);
        }
    }

    let mut rows: Vec<(Traveller, Label)> = Vec::new();
    let listed_traveller = |rng: &mut Rng, e: &WatchlistEntry, s: String, g: String| {
        let dob = if rng.chance(0.7) {
            e.dobs.first().and_then(|d| dob_from_spec(rng, d))
        } else {
            None
        };
        let nationality = if rng.chance(0.7) {
            e.nationalities.first().copied()
        } else {
            None
        };
        Traveller {
            surname: s,
            given_names: g,
            dob,
            nationality,
            gender: e.gender,
            ..Traveller::default()
        }
    };
    for (k, &cat) in Category::LISTED.iter().enumerate() {
        let want = count_of(k);
        let mut made = 0;
        let mut attempts = 0;
        while made < want && attempts < want * 400 + 1000 {
            attempts += 1;
            let (idx, source) = if cat == Category::HeldOutAlias {
                match eligible.get(made) {
                    Some((i, a)) => (*i, a.clone()),
                    None => break,
                }
            } else {
                let i = rng.below(written.len());
                let latin = latin_names(&written[i]);
                if latin.is_empty() {
                    continue;
                }
                let src = if cat == Category::Exact || rng.chance(0.6) {
                    latin[0].clone()
                } else {
                    rng.pick(&latin).clone()
                };
                (i, src)
            };
            let e = &written[idx];
            // Documents carry no titles: "Dr. Ayman al-Zawahiri" travels as AYMAN AL ZAWAHIRI.
            let named = if cat == Category::Exact {
                source.clone()
            } else {
                strip_titles(&source)
            };
            let Some((s, g)) = apply(&mut rng, &ctx, cat, e, &named) else {
                continue;
            };
            let also: Vec<String> = written_owners
                .get(&sorted_key(&source))
                .into_iter()
                .flatten()
                .filter(|&&o| o != idx)
                .map(|&o| written[o].id.clone())
                .collect();
            let t = listed_traveller(&mut rng, e, s, g);
            rows.push((
                t,
                Label {
                    traveller_id: String::new(),
                    expected_entry_id: e.id.clone(),
                    category: cat,
                    also_matches: also,
                },
            ));
            made += 1;
        }
    }

    // Not listed: namesakes (a tenth) and ordinary people.
    let namesakes = cfg.innocent / 10;
    for _ in 0..namesakes {
        for _attempt in 0..100 {
            let idx = rng.below(written.len());
            let e = &written[idx];
            let latin = latin_names(e);
            let Some(src) = latin.first() else { continue };
            let sp = split_name(src);
            let (s, g) = if rng.chance(0.6) {
                (sp.surname.clone(), sp.given.clone())
            } else {
                match variants::typo(&mut rng, &sp.surname, &sp.given) {
                    Some(x) => x,
                    None => (sp.surname.clone(), sp.given.clone()),
                }
            };
            // Everyone listing this name must be excluded by birth year and nationality.
            let same: Vec<&WatchlistEntry> = written_owners
                .get(&sorted_key(src))
                .into_iter()
                .flatten()
                .map(|&o| &written[o])
                .chain(std::iter::once(e))
                .collect();
            let year_ok = |y: u16| {
                same.iter().all(|x| {
                    x.dobs.iter().all(|d| {
                        !(d.contains_year(y) || d.contains_year(y + 1) || d.contains_year(y - 1))
                    })
                })
            };
            let years: Vec<u16> = (1940..=2006).filter(|&y| year_ok(y)).collect();
            let nats: Vec<&str> = NATIONALITIES
                .iter()
                .copied()
                .filter(|n| {
                    same.iter()
                        .all(|x| x.nationalities.iter().all(|c| c.as_str() != *n))
                })
                .collect();
            if years.is_empty() || nats.is_empty() {
                continue;
            }
            let y = *rng.pick(&years);
            let t = Traveller {
                surname: s,
                given_names: g,
                dob: PartialDate::ymd(y, rng.range(1, 12) as u8, rng.range(1, 28) as u8).ok(),
                nationality: country(nats[rng.below(nats.len())]),
                gender: e.gender,
                ..Traveller::default()
            };
            rows.push((t, unlisted(Category::Namesake)));
            break;
        }
    }
    let plain = cfg.innocent - namesakes;
    let mut made = 0;
    let mut arabic_innocents = 0;
    while made < plain {
        let arabic = rng.chance(0.45);
        let (s, g, gender, nat) = if arabic {
            innocent_arabic(&mut rng, &units)
        } else {
            innocent_ordinary(&mut rng, &ordinary)
        };
        let full = format!("{g} {s}");
        if letters_key(&full).len() < 4
            || owners.contains_key(&sorted_key(&full))
            || all_letters.contains(&letters_key(&full))
            || all_letters.contains(&letters_key(&format!("{s} {g}")))
        {
            continue;
        }
        made += 1;
        arabic_innocents += usize::from(arabic);
        let t = Traveller {
            surname: s,
            given_names: g,
            dob: rng.chance(0.8).then(|| random_dob(&mut rng, 1940, 2010)),
            nationality: if rng.chance(0.8) {
                nat.as_deref().and_then(country)
            } else {
                None
            },
            gender: Some(gender),
            ..Traveller::default()
        };
        rows.push((t, unlisted(Category::Innocent)));
    }

    shuffle(&mut rng, &mut rows);
    let width = rows.len().to_string().len().max(6);
    let mut travellers = Vec::with_capacity(rows.len());
    let mut labels = Vec::with_capacity(rows.len());
    for (i, (mut t, mut l)) in rows.into_iter().enumerate() {
        t.id = format!("T{:0width$}", i + 1);
        l.traveller_id = t.id.clone();
        travellers.push(t);
        labels.push(l);
    }
    let held_out = eligible
        .into_iter()
        .map(|(i, a)| (entries[i].id.clone(), a))
        .collect();
    Ok(Devset {
        watchlist: written,
        travellers,
        labels,
        held_out,
        arabic_innocents,
    })
}

fn unlisted(category: Category) -> Label {
    Label {
        traveller_id: String::new(),
        expected_entry_id: String::new(),
        category,
        also_matches: Vec::new(),
    }
}

/// Honorifics and ranks the lists put before names (never on a travel document).
const TITLES: &[&str] = &[
    "DR",
    "DOCTOR",
    "COLONEL",
    "COL",
    "GENERAL",
    "GEN",
    "MAJOR",
    "CAPTAIN",
    "SHEIKH",
    "SHAIKH",
    "SHAYKH",
    "MULLAH",
    "MULLA",
    "MAULAVI",
    "MAWLAWI",
    "MAULVI",
    "HAJI",
    "HAJJI",
    "ENGINEER",
    "ENG",
    "QARI",
    "MUFTI",
    "MR",
    "MRS",
    "PROF",
    "PROFESSOR",
];

/// The name without leading titles ("Dr. Ignace" -> "Ignace").
pub fn strip_titles(name: &str) -> String {
    let toks: Vec<&str> = name.split_whitespace().collect();
    let mut start = 0;
    while start + 1 < toks.len() {
        let t: String = toks[start]
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect::<String>()
            .to_uppercase();
        if !TITLES.contains(&t.as_str()) {
            break;
        }
        start += 1;
    }
    toks[start..].join(" ")
}

/// Fisher-Yates with our generator (deterministic across platforms).
pub(crate) fn shuffle<T>(rng: &mut Rng, v: &mut [T]) {
    for i in (1..v.len()).rev() {
        let j = rng.below(i + 1);
        v.swap(i, j);
    }
}

/// A common Arabic name: given name(s) and a surname drawn by real frequency, surname
/// from the same country as the given name where the data has enough of them.
fn innocent_arabic(rng: &mut Rng, units: &ArabicUnits) -> (String, String, Gender, Option<String>) {
    let row = units.given.sample(rng).to_string();
    let (first, cc) = row.split_once('\t').unwrap_or((row.as_str(), ""));
    let mut given = title_case(first);
    if rng.chance(0.35) {
        let second = units
            .given
            .sample(rng)
            .split('\t')
            .next()
            .unwrap_or("")
            .to_string();
        given = format!("{given} {}", title_case(&second));
    }
    let pool = units
        .surnames_by_country
        .get(cc)
        .filter(|p| p.len() >= 30)
        .unwrap_or(&units.surnames);
    let mut surname = title_case(pool.sample(rng));
    if rng.chance(0.15) && !surname.starts_with("Al") {
        surname = format!("{} {surname}", rng.pick(&["Al", "al-", "El"]));
        surname = surname.replace("- ", "-");
    }
    let nat = Country::from_code(cc).ok().map(|c| c.to_string());
    // The units file has no gender; most common Arabic given names in it are male.
    (surname, given, Gender::M, nat)
}

fn innocent_ordinary(
    rng: &mut Rng,
    ordinary: &[(String, LocaleNames)],
) -> (String, String, Gender, Option<String>) {
    let (_, l) = rng.pick(ordinary);
    let female = rng.chance(0.5);
    let pool = if female { &l.female } else { &l.male };
    let mut given = title_case(pool.sample(rng));
    if rng.chance(0.2) {
        given = format!("{given} {}", title_case(pool.sample(rng)));
    }
    let surname = title_case(l.last.sample(rng));
    let g = if female { Gender::F } else { Gender::M };
    (surname, given, g, l.country.clone())
}

/// "MOHAMED" -> "Mohamed": manifests and lists mix cases; innocents use the common one.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(|x| x.to_lowercase()))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Counts per category, in a stable order.
pub fn category_counts(labels: &[Label]) -> BTreeMap<Category, usize> {
    let mut m = BTreeMap::new();
    for l in labels {
        *m.entry(l.category).or_default() += 1;
    }
    m
}

/// labels.csv bytes.
pub fn labels_csv(labels: &[Label]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv_writer(Vec::new());
    w.write_record([
        "traveller_id",
        "expected_entry_id",
        "category",
        "also_matches",
    ])?;
    for l in labels {
        w.write_record([
            l.traveller_id.as_str(),
            l.expected_entry_id.as_str(),
            l.category.as_str(),
            l.also_matches.join("|").as_str(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// Writes watchlist.csv, travellers.csv, labels.csv and held_out_aliases.csv to `out`.
pub fn write_devset(d: &Devset, out: &Path) -> Result<(), SynthError> {
    std::fs::create_dir_all(out).map_err(|e| SynthError::io(out, e))?;
    let mut held = csv_writer(Vec::new());
    held.write_record(["entry_id", "alias"])?;
    for (id, a) in &d.held_out {
        held.write_record([id, a])?;
    }
    let held = held
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    for (name, bytes) in [
        ("watchlist.csv", watchlist_csv(&d.watchlist)?),
        ("travellers.csv", travellers_csv(&d.travellers)?),
        ("labels.csv", labels_csv(&d.labels)?),
        ("held_out_aliases.csv", held),
    ] {
        let p = out.join(name);
        std::fs::write(&p, bytes).map_err(|e| SynthError::io(&p, e))?;
    }
    Ok(())
}
