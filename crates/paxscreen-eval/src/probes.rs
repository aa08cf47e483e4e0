//! Probes of matching outside the dev set's generator: recall under perturbations that
//! `paxscreen synth devset` does not make (see `examples/perturbations.rs`, which prints
//! them, and `tests/perturbations.rs`, which holds their floors).
//!
//! [`listed_probe`] takes listed names (2-5 Latin words, a full date of birth) and
//! screens each, without and with its date of birth, after one perturbation of
//! [`KINDS`]. [`russian_probe`] takes Russian names in Cyrillic, lists them as ICAO 9303
//! writes them and screens them as the other [`STANDARDS`] transliterate them.
//! Deterministic for a seed.

use paxscreen_core::{DobSpec, ListedName, NameQuality, PartialDate, Traveller, WatchlistEntry};
use paxscreen_engine::{EngineError, ScreenOptions, Screener};

/// SplitMix64: a few lines, and the same sequence everywhere.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// A letter A-Z.
    pub fn letter(&mut self) -> u8 {
        b'A' + self.below(26) as u8
    }
}

/// The perturbations of [`listed_probe`], in its order.
pub const KINDS: &[&str] = &[
    "letter replaced, random word",
    "letter deleted, random word",
    "letter inserted, random word",
    "neighbours swapped, random word",
    "letter replaced, shortest word",
    "letter deleted, shortest word",
    "letter inserted, shortest word",
    "OCR digit for a letter",
    "PNR element cut at 30",
    "MRZ name field cut at 39",
    "first given name as its initial",
];

/// One perturbation of a name's words (upper case, last word the surname): the
/// traveller's surname and given names.
pub fn perturb(kind: usize, words: &[String], rng: &mut Rng) -> (String, String) {
    if kind == 10 {
        // As PNRs and forms often give it (SMITH/J MR): no random draw, so that the
        // other perturbations see the same sequence as before this one was added.
        let (surname, given) = words
            .split_last()
            .map_or((String::new(), &[][..]), |(s, g)| (s.clone(), g));
        let mut given = given.to_vec();
        if let Some(first) = given.first_mut() {
            *first = first.chars().take(1).collect();
        }
        return (surname, given.join(" "));
    }
    let mut w: Vec<Vec<u8>> = words.iter().map(|s| s.as_bytes().to_vec()).collect();
    let shortest = (0..w.len()).min_by_key(|&i| w[i].len()).unwrap_or(0);
    let longest = (0..w.len()).max_by_key(|&i| w[i].len()).unwrap_or(0);
    let pick = if (4..7).contains(&kind) {
        shortest
    } else {
        rng.below(w.len())
    };
    let word = &mut w[pick];
    let at = rng.below(word.len());
    match kind {
        0 | 4 => {
            let c = loop {
                let c = rng.letter();
                if c != word[at] {
                    break c;
                }
            };
            word[at] = c;
        }
        1 | 5 if word.len() > 1 => {
            word.remove(at);
        }
        2 | 6 => word.insert(at, rng.letter()),
        3 if word.len() > 1 => {
            let i = at.min(word.len() - 2);
            word.swap(i, i + 1);
        }
        7 => {
            const OCR: &[(u8, u8)] = &[
                (b'O', b'0'),
                (b'I', b'1'),
                (b'S', b'5'),
                (b'B', b'8'),
                (b'Z', b'2'),
                (b'G', b'6'),
                (b'E', b'3'),
                (b'A', b'4'),
                (b'T', b'7'),
            ];
            let word = &mut w[longest];
            let sites: Vec<usize> = (0..word.len())
                .filter(|&i| OCR.iter().any(|o| o.0 == word[i]))
                .collect();
            if !sites.is_empty() {
                let i = sites[rng.below(sites.len())];
                word[i] = OCR.iter().find(|o| o.0 == word[i]).map_or(word[i], |o| o.1);
            }
        }
        _ => {}
    }
    let w: Vec<String> = w
        .into_iter()
        .map(|b| String::from_utf8(b).unwrap_or_default())
        .collect();
    let (surname, given) = w
        .split_last()
        .map_or((String::new(), &[][..]), |(s, g)| (s.clone(), g));
    match kind {
        8 => {
            let element = format!("{surname}/{}MR", given.concat());
            let cut: String = element.chars().take(30).collect();
            let (s, g) = cut.split_once('/').unwrap_or((&cut, ""));
            (s.to_string(), g.to_string())
        }
        9 => {
            let field = format!("{}<<{}", surname.replace('-', "<"), given.join("<"));
            let cut: String = field.chars().take(39).collect();
            let (s, g) = cut.split_once("<<").unwrap_or((&cut, ""));
            (s.to_string(), g.replace('<', " "))
        }
        _ => (surname, given.join(" ")),
    }
}

/// Found / screened.
pub type Count = (usize, usize);

/// Recall of one perturbation or standard.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeRow {
    /// The perturbation ([`KINDS`]) or the standard ([`STANDARDS`]).
    pub name: &'static str,
    /// Travellers screened without a date of birth.
    pub without_dob: Count,
    /// With the listed date of birth ([`listed_probe`] only).
    pub with_dob: Option<Count>,
}

impl ProbeRow {
    /// The share found without a date of birth.
    pub fn recall(&self) -> f64 {
        self.without_dob.0 as f64 / self.without_dob.1.max(1) as f64
    }
    /// The share found with the date of birth.
    pub fn recall_with_dob(&self) -> Option<f64> {
        self.with_dob.map(|(f, n)| f as f64 / n.max(1) as f64)
    }
}

/// Screens `travellers`, each expecting entry `expected[i]`, and counts the hits per
/// group `group[i]`.
fn recall(
    screener: &Screener,
    travellers: &[Traveller],
    expected: &[String],
    group: &[usize],
    groups: usize,
) -> Vec<Count> {
    let hits = screener.screen_batch(travellers, &ScreenOptions::default());
    let mut out = vec![(0, 0); groups];
    for ((h, e), &g) in hits.iter().zip(expected).zip(group) {
        out[g].1 += 1;
        out[g].0 += usize::from(h.iter().any(|h| &h.entry_id == e));
    }
    out
}

/// Up to `names` listed names of `entries` (2-5 Latin words, a full date of birth),
/// chosen by `rng`, each screened after every perturbation of [`KINDS`], without and
/// with its date of birth, against all of `entries`. Returns how many names were probed
/// and a row per perturbation.
pub fn listed_probe(
    entries: Vec<WatchlistEntry>,
    sources: Vec<String>,
    names: usize,
    rng: &mut Rng,
) -> Result<(usize, Vec<ProbeRow>), EngineError> {
    let mut picked: Vec<(String, Vec<String>, PartialDate)> = Vec::new();
    for e in &entries {
        let Some(name) = e.names.first() else {
            continue;
        };
        let words: Vec<String> = name
            .name
            .split_whitespace()
            .map(|w| w.replace(['\'', '’'], "").to_ascii_uppercase())
            .collect();
        let latin = words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'-'));
        let dob = e.dobs.iter().find_map(|d| match d {
            DobSpec::Date(d) if d.is_full() => Some(*d),
            _ => None,
        });
        if let (true, true, Some(dob)) = (latin, (2..=5).contains(&words.len()), dob) {
            picked.push((e.id.clone(), words, dob));
        }
    }
    // A seeded shuffle, then the first `names`.
    for i in (1..picked.len()).rev() {
        picked.swap(i, rng.below(i + 1));
    }
    picked.truncate(names);
    let screener = Screener::build(entries, sources)?;
    let (mut travellers, mut expected, mut group) = (Vec::new(), Vec::new(), Vec::new());
    for (id, words, dob) in &picked {
        for kind in 0..KINDS.len() {
            let (surname, given_names) = perturb(kind, words, rng);
            for with_dob in [false, true] {
                travellers.push(Traveller {
                    id: format!("T{}", travellers.len()),
                    surname: surname.clone(),
                    given_names: given_names.clone(),
                    dob: with_dob.then_some(*dob),
                    ..Default::default()
                });
                expected.push(id.clone());
                group.push(2 * kind + usize::from(with_dob));
            }
        }
    }
    let r = recall(&screener, &travellers, &expected, &group, 2 * KINDS.len());
    let rows = KINDS
        .iter()
        .enumerate()
        .map(|(k, &name)| ProbeRow {
            name,
            without_dob: r[2 * k],
            with_dob: Some(r[2 * k + 1]),
        })
        .collect();
    Ok((picked.len(), rows))
}

/// The transliteration standards of [`russian_probe`] (ICAO 9303 is the listed one).
pub const STANDARDS: &[&str] = &["bgn", "gost", "german", "polish", "french"];

/// A Russian word (lower case Cyrillic) in one transliteration standard.
pub fn romanize(word: &str, standard: &str) -> String {
    let vowels = "аеёиоуыэюяьъ";
    let mut out = String::new();
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let initial_e = c == 'е' && (i == 0 || vowels.contains(chars[i - 1]));
        let s: &str = match (standard, c) {
            (_, 'е') if initial_e => match standard {
                "bgn" => "YE",
                "german" | "polish" => "JE",
                "french" => "IE",
                _ => "E",
            },
            (_, 'а') => "A",
            (_, 'б') => "B",
            ("german" | "polish", 'в') => "W",
            (_, 'в') => "V",
            (_, 'г') => "G",
            (_, 'д') => "D",
            (_, 'е') => "E",
            ("icao", 'ё') => "E",
            ("german" | "polish", 'ё') => "JO",
            ("french", 'ё') => "IO",
            (_, 'ё') => "YO",
            ("german", 'ж') => "SCH",
            ("french", 'ж') => "J",
            ("polish", 'ж') => "Z",
            (_, 'ж') => "ZH",
            ("german", 'з') => "S",
            (_, 'з') => "Z",
            (_, 'и') => "I",
            ("bgn", 'й') => "Y",
            ("gost" | "polish", 'й') => "J",
            (_, 'й') => "I",
            (_, 'к') => "K",
            (_, 'л') => "L",
            (_, 'м') => "M",
            (_, 'н') => "N",
            (_, 'о') => "O",
            (_, 'п') => "P",
            (_, 'р') => "R",
            ("german", 'с')
                if i > 0
                    && i + 1 < chars.len()
                    && vowels.contains(chars[i - 1])
                    && vowels.contains(chars[i + 1]) =>
            {
                "SS"
            }
            (_, 'с') => "S",
            (_, 'т') => "T",
            ("french", 'у') => "OU",
            (_, 'у') => "U",
            (_, 'ф') => "F",
            ("gost", 'х') => "X",
            ("german" | "polish", 'х') => "CH",
            (_, 'х') => "KH",
            ("gost", 'ц') => "CZ",
            ("german", 'ц') => "Z",
            ("polish", 'ц') => "C",
            (_, 'ц') => "TS",
            ("german", 'ч') => "TSCH",
            ("french", 'ч') => "TCH",
            ("polish", 'ч') => "CZ",
            (_, 'ч') => "CH",
            ("german", 'ш') => "SCH",
            ("french", 'ш') => "CH",
            ("polish", 'ш') => "SZ",
            (_, 'ш') => "SH",
            ("german", 'щ') => "SCHTSCH",
            ("french", 'щ') => "CHTCH",
            ("polish", 'щ') => "SZCZ",
            ("gost", 'щ') => "SHH",
            (_, 'щ') => "SHCH",
            ("icao", 'ъ') => "IE",
            (_, 'ъ' | 'ь') => "",
            (_, 'ы') => "Y",
            (_, 'э') => "E",
            ("icao", 'ю') => "IU",
            ("german" | "polish", 'ю') => "JU",
            ("french", 'ю') => "IOU",
            (_, 'ю') => "YU",
            ("icao", 'я') => "IA",
            ("german" | "polish", 'я') => "JA",
            ("french", 'я') => "IA",
            (_, 'я') => "YA",
            _ => "",
        };
        out.push_str(s);
    }
    out
}

/// `names` Russian full names drawn by `rng` from Faker's ru_RU first and last names
/// (`faker`: the text of `faker_person_names_by_locale.tsv`), listed as ICAO 9303
/// writes them and screened, without dates, as each of [`STANDARDS`] writes them. `None`
/// when the text holds no ru_RU first and last names.
pub fn russian_probe(
    faker: &str,
    names: usize,
    rng: &mut Rng,
) -> Result<Option<Vec<ProbeRow>>, EngineError> {
    let cyrillic =
        |w: &str| !w.is_empty() && w.chars().all(|c| ('а'..='я').contains(&c) || c == 'ё');
    let (mut first, mut last) = (Vec::new(), Vec::new());
    for line in faker.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [locale, attribute, name, ..] = cols[..] {
            let name = name.to_lowercase();
            if locale != "ru_RU" || !cyrillic(&name) {
                continue;
            }
            if attribute.starts_with("first_names") {
                first.push(name);
            } else if attribute.starts_with("last_names") {
                last.push(name);
            }
        }
    }
    if first.is_empty() || last.is_empty() {
        return Ok(None);
    }
    let (mut entries, mut travellers, mut expected, mut group) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for k in 0..names {
        let (f, l) = (&first[rng.below(first.len())], &last[rng.below(last.len())]);
        let id = format!("R{k}");
        entries.push(WatchlistEntry {
            id: id.clone(),
            list: "RU".into(),
            names: vec![ListedName {
                name: format!("{} {}", romanize(f, "icao"), romanize(l, "icao")),
                quality: NameQuality::Primary,
            }],
            ..Default::default()
        });
        for (s, standard) in STANDARDS.iter().enumerate() {
            travellers.push(Traveller {
                id: format!("T{}", travellers.len()),
                surname: romanize(l, standard),
                given_names: romanize(f, standard),
                ..Default::default()
            });
            expected.push(id.clone());
            group.push(s);
        }
    }
    let screener = Screener::build(entries, vec![])?;
    let r = recall(&screener, &travellers, &expected, &group, STANDARDS.len());
    Ok(Some(
        STANDARDS
            .iter()
            .enumerate()
            .map(|(s, &name)| ProbeRow {
                name,
                without_dob: r[s],
                with_dob: None,
            })
            .collect(),
    ))
}
