//! Name perturbations that mimic how one person's name reaches a manifest spelled
//! differently from the list: typing errors, MRZ and AIRIMP conventions, Arabic
//! article/patronymic particles and alternative romanizations of Cyrillic.

use crate::rng::Rng;
use crate::text::{icao_upper, mrz_name_field};
use std::collections::BTreeMap;

/// Upper-case ICAO tokens of a field ("al-Baghdadi" -> ["AL", "BAGHDADI"]).
pub fn tokens(field: &str) -> Vec<String> {
    icao_upper(field)
        .unwrap_or_default()
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// One random edit (substitution, insertion, deletion or transposition of neighbours)
/// in one token of at least 5 letters, the kind a check-in agent's keyboard makes.
/// Returns the edited (surname, given) in upper case, or `None` without such a token.
pub fn typo(rng: &mut Rng, surname: &str, given: &str) -> Option<(String, String)> {
    let mut fields = [tokens(surname), tokens(given)];
    let sites: Vec<(usize, usize)> = (0..2)
        .flat_map(|f| (0..fields[f].len()).map(move |i| (f, i)))
        .filter(|&(f, i)| fields[f][i].len() >= 5)
        .collect();
    if sites.is_empty() {
        return None;
    }
    let (f, i) = *rng.pick(&sites);
    let original = fields[f][i].clone();
    let mut b = original.clone().into_bytes();
    loop {
        let mut t = b.clone();
        // Position 0 is rarely mistyped (the agent reads the first letter right), and
        // keeping it makes the edit count exactly one whatever the engine's blocking.
        let pos = 1 + rng.below(t.len() - 1);
        match rng.below(4) {
            0 => t[pos] = *rng.pick(LETTERS),
            1 => t.insert(pos, *rng.pick(LETTERS)),
            2 => {
                t.remove(pos);
            }
            _ => {
                if pos + 1 < t.len() {
                    t.swap(pos, pos + 1)
                } else {
                    t.swap(pos - 1, pos)
                }
            }
        }
        if t != b {
            b = t;
            break;
        }
    }
    fields[f][i] = String::from_utf8(b).expect("ASCII");
    Some((fields[0].join(" "), fields[1].join(" ")))
}

/// OCR confusions of passport readers: letters read as look-alike digits.
const OCR: &[(char, char)] = &[('O', '0'), ('I', '1'), ('B', '8'), ('S', '5')];

/// The MRZ form of a name, read back as a document reader delivers it: ICAO
/// transliteration, `SURNAME<<GIVEN<NAMES` truncated to 39 characters, with an OCR
/// confusion in about 30% of cases. Returns (surname, given, raw MRZ field).
pub fn mrz(rng: &mut Rng, surname: &str, given: &str) -> Option<(String, String, String)> {
    let mut field = mrz_name_field(surname, given)?;
    if rng.chance(0.3) {
        let spots: Vec<usize> = field
            .char_indices()
            .filter(|(_, c)| OCR.iter().any(|(l, _)| l == c))
            .map(|(i, _)| i)
            .collect();
        if !spots.is_empty() {
            let at = *rng.pick(&spots);
            let c = field[at..].chars().next().expect("index from char_indices");
            let d = OCR
                .iter()
                .find(|(l, _)| *l == c)
                .map(|(_, d)| *d)
                .expect("in table");
            field.replace_range(at..at + 1, &d.to_string());
        }
    }
    let (s, g) = field.split_once("<<").unwrap_or((field.as_str(), ""));
    let clean = |x: &str| {
        x.split('<')
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    Some((clean(s), clean(g), field))
}

/// AIRIMP/PNR form: upper case, title glued to the given names (`MOHAMMEDMR`), and in
/// half the cases the given names glued together too (`ABUBAKRMR`).
pub fn pnr(rng: &mut Rng, surname: &str, given: &str, female: bool) -> (String, String) {
    let s = tokens(surname).join(" ");
    let g = tokens(given);
    let title = if female {
        *rng.pick(&["MRS", "MS", "MISS"])
    } else {
        *rng.pick(&["MR", "MR", "MR", "DR"])
    };
    let sep = if rng.chance(0.5) { "" } else { " " };
    (s, format!("{}{}", g.join(sep), title))
}

/// Alternative forms of an Arabic particle construction at `toks[i..]`, with the number
/// of tokens they replace.
fn particle_alternatives(toks: &[String], i: usize) -> Option<(usize, Vec<String>)> {
    let t = toks[i].as_str();
    let next = toks.get(i + 1).map(String::as_str);
    let after = toks.get(i + 2).map(String::as_str);
    let v = |xs: &[String]| Some(xs.to_vec());
    match (t, next) {
        ("ABD", Some("AL" | "EL")) if after.is_some() => {
            let x = after.unwrap_or_default();
            Some((
                3,
                v(&[
                    format!("ABDUL {x}"),
                    format!("ABDEL {x}"),
                    format!("ABD AL-{x}"),
                    format!("ABDUL-{x}"),
                    format!("ABD EL {x}"),
                ])?,
            ))
        }
        ("ABDUL" | "ABDEL" | "ABDOUL" | "ABDAL", Some(x)) => Some((
            2,
            v(&[
                format!("ABD AL {x}"),
                format!("ABD AL-{x}"),
                format!("{}{x}", if t == "ABDUL" { "ABDEL" } else { "ABDUL" }),
                format!("{} {x}", if t == "ABDUL" { "ABDEL" } else { "ABDUL" }),
            ])?,
        )),
        ("AL" | "EL" | "AD" | "AR" | "AS" | "ASH" | "AZ" | "AN" | "AT", Some(x)) => Some((
            2,
            v(&[
                format!("AL-{x}"),
                format!("AL{x}"),
                format!("EL {x}"),
                format!("EL-{x}"),
                format!("AL {x}"),
                x.to_string(),
            ])?,
        )),
        ("BIN" | "BEN" | "IBN", Some(_)) => Some((
            1,
            ["BIN", "BEN", "IBN"]
                .iter()
                .filter(|p| **p != t)
                .map(|p| p.to_string())
                .collect(),
        )),
        ("ABU" | "ABOU" | "ABO", Some(x)) => Some((
            2,
            v(&[
                format!("{} {x}", if t == "ABU" { "ABOU" } else { "ABU" }),
                format!("ABU-{x}"),
                format!("ABU{x}"),
            ])?,
        )),
        _ if t.len() > 6 && (t.starts_with("ABDUL") || t.starts_with("ABDEL")) => {
            let rest = &t[5..];
            Some((
                1,
                vec![
                    format!("ABD AL {rest}"),
                    format!("ABD AL-{rest}"),
                    format!(
                        "{}{rest}",
                        if t.starts_with("ABDUL") {
                            "ABDEL"
                        } else {
                            "ABDUL"
                        }
                    ),
                ],
            ))
        }
        _ => None,
    }
    .map(|(n, alts)| {
        let current = toks[i..(i + n).min(toks.len())].join(" ");
        (
            n,
            alts.into_iter()
                .filter(|a| *a != current)
                .collect::<Vec<_>>(),
        )
    })
    .filter(|(_, alts)| !alts.is_empty())
}

/// Rewrites one particle construction (al-/el/glued AL, bin/ben/ibn, Abd al-/Abdul/
/// Abdel, Abu/Abou). `None` when the name has none.
pub fn particles(rng: &mut Rng, surname: &str, given: &str) -> Option<(String, String)> {
    let fields = [tokens(surname), tokens(given)];
    let mut sites = Vec::new();
    for (f, toks) in fields.iter().enumerate() {
        for i in 0..toks.len() {
            if let Some((n, alts)) = particle_alternatives(toks, i) {
                sites.push((f, i, n, alts));
            }
        }
    }
    if sites.is_empty() {
        return None;
    }
    let (f, i, n, alts) = rng.pick(&sites).clone();
    let mut out = [fields[0].clone(), fields[1].clone()];
    let repl = rng.pick(&alts).clone();
    let end = (i + n).min(out[f].len());
    out[f].splice(i..end, [repl]);
    Some((out[0].join(" "), out[1].join(" ")))
}

/// Does the name have a particle construction `particles` can rewrite?
pub fn has_particles(surname: &str, given: &str) -> bool {
    [tokens(surname), tokens(given)]
        .iter()
        .any(|t| (0..t.len()).any(|i| particle_alternatives(t, i).is_some()))
}

/// Russian-origin surname endings: a name with one of them gets Cyrillic re-romanizations
/// even when the list gives no nationality.
const RUSSIAN_ENDINGS: &[&str] = &[
    "OV", "OVA", "EV", "EVA", "YEV", "IEV", "SKY", "SKIY", "SKII", "SKAYA", "ENKO", "OVICH",
    "EVICH", "OVNA", "EVNA", "CHUK",
];

/// Nationalities where names are (often) romanized from Arabic script.
pub const ARABIC_NAME_COUNTRIES: &[&str] = &[
    "SAU", "EGY", "JOR", "IRQ", "SYR", "LBN", "PSE", "YEM", "OMN", "ARE", "QAT", "BHR", "KWT",
    "LBY", "TUN", "DZA", "MAR", "MRT", "SDN", "SOM", "DJI", "COM", "IRN", "AFG", "PAK", "MLI",
    "NER", "TCD", "NGA", "IDN", "MYS", "BGD", "IND", "TUR", "ETH", "ERI", "KEN", "TZA", "PHL",
    "MDV", "BIH", "XKX", "ALB", "BEL", "FRA", "DEU", "GBR", "SWE", "DNK", "NLD", "AUS", "CAN",
];

/// Nationalities where names come from Cyrillic (or were romanized the Russian way).
pub const CYRILLIC_COUNTRIES: &[&str] = &[
    "RUS", "UKR", "BLR", "KAZ", "KGZ", "TJK", "UZB", "TKM", "AZE", "ARM", "GEO", "MDA", "BGR",
    "SRB", "MKD", "MNE", "BIH",
];

/// Does this name look Russian-romanized (or come from a Cyrillic-script country)?
pub fn looks_cyrillic(surname: &str, given: &str, nationality: Option<&str>) -> bool {
    if let Some(n) = nationality {
        // A stated nationality decides: an Iraqi "-ELDIN" is not a Russian "-IN".
        return CYRILLIC_COUNTRIES.contains(&n);
    }
    tokens(surname)
        .iter()
        .chain(tokens(given).iter())
        .any(|t| t.len() > 4 && RUSSIAN_ENDINGS.iter().any(|e| t.ends_with(e)))
}

/// Other romanizations of one token: through its Cyrillic form (from the netranslit
/// pairs, re-romanized the ICAO way) and by the usual alternative rules (KH/H, IY/Y,
/// EV/YEV, OV/OFF, YU/IU, YA/IA, E/YE).
pub fn cyrillic_variants(token: &str, netranslit: &BTreeMap<String, String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(cyr) = netranslit.get(token) {
        // The pairs come from Wikidata and hold some unrelated matches: keep only
        // believable re-spellings.
        if let Some(v) = icao_upper(cyr).filter(|v| crate::namedata::plausible_respelling(token, v))
        {
            out.push(v);
        }
    }
    let t = token;
    // The variant is built only when its condition holds (slicing needs the length).
    let mut rule = |cond: bool, v: &dyn Fn() -> String| {
        if cond {
            out.push(v())
        }
    };
    rule(t.contains("KH"), &|| t.replacen("KH", "H", 1));
    if let Some(p) = t.find('H') {
        let prev = t[..p].chars().last();
        rule(
            p > 0 && !matches!(prev, Some('C' | 'K' | 'S' | 'Z' | 'G' | 'T')),
            &|| format!("{}KH{}", &t[..p], &t[p + 1..]),
        );
    }
    rule(t.ends_with("IY"), &|| format!("{}Y", &t[..t.len() - 2]));
    rule(t.ends_with("II"), &|| format!("{}IY", &t[..t.len() - 2]));
    rule(t.ends_with("SKY") || t.ends_with("KY"), &|| {
        format!("{}IY", &t[..t.len() - 1])
    });
    rule(t.ends_with("YEV"), &|| format!("{}EV", &t[..t.len() - 3]));
    rule(
        // ALIEV -> ALIYEV, SERGEEV -> SERGEYEV: only after a vowel (not RUMYANTSYEV).
        t.len() > 3
            && t.ends_with("EV")
            && matches!(t.as_bytes()[t.len() - 3], b'A' | b'E' | b'I' | b'O' | b'U'),
        &|| format!("{}YEV", &t[..t.len() - 2]),
    );
    rule(t.ends_with("OV"), &|| format!("{}OFF", &t[..t.len() - 2]));
    rule(t.ends_with("EV") && t.len() > 3, &|| {
        format!("{}EFF", &t[..t.len() - 2])
    });
    rule(t.contains("YU"), &|| t.replacen("YU", "IU", 1));
    rule(t.contains("IU"), &|| t.replacen("IU", "YU", 1));
    rule(t.contains("YA"), &|| t.replacen("YA", "IA", 1));
    rule(t.contains("IA") && t.len() > 3, &|| {
        t.replacen("IA", "YA", 1)
    });
    rule(t.starts_with("YE"), &|| t[1..].to_string());
    rule(t.starts_with('E') && t.len() > 3, &|| format!("Y{t}"));
    rule(t.contains("TS"), &|| t.replacen("TS", "TZ", 1));
    rule(t.contains("ZH"), &|| t.replacen("ZH", "J", 1));
    rule(t.contains('X'), &|| t.replacen('X', "KS", 1));
    out.retain(|v| v != token && v.len() >= 2);
    out.sort();
    out.dedup();
    out
}

/// Re-romanizes one or two tokens of a Cyrillic-origin name.
pub fn cyrillic(
    rng: &mut Rng,
    surname: &str,
    given: &str,
    netranslit: &BTreeMap<String, String>,
) -> Option<(String, String)> {
    let mut fields = [tokens(surname), tokens(given)];
    let mut sites: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (f, toks) in fields.iter().enumerate() {
        for (i, t) in toks.iter().enumerate() {
            let v = cyrillic_variants(t, netranslit);
            if !v.is_empty() {
                sites.push((f, i, v));
            }
        }
    }
    if sites.is_empty() {
        return None;
    }
    let changes = if sites.len() > 1 && rng.chance(0.3) {
        2
    } else {
        1
    };
    for _ in 0..changes {
        let k = rng.below(sites.len());
        let (f, i, v) = sites.remove(k);
        fields[f][i] = rng.pick(&v).clone();
    }
    Some((fields[0].join(" "), fields[1].join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particle_rewrites() {
        let mut rng = Rng::seed_from_u64(1);
        for _ in 0..20 {
            let (s, g) = particles(&mut rng, "AL BAGHDADI", "ABU BAKR").unwrap();
            assert_ne!((s.as_str(), g.as_str()), ("AL BAGHDADI", "ABU BAKR"));
        }
        assert!(particles(&mut rng, "SMITH", "JOHN").is_none());
    }

    #[test]
    fn cyrillic_rules() {
        let v = cyrillic_variants("ALIEV", &BTreeMap::new());
        assert!(v.contains(&"ALIYEV".to_string()));
        let v = cyrillic_variants("KHODOROVSKY", &BTreeMap::new());
        assert!(v.contains(&"HODOROVSKY".to_string()));
    }

    #[test]
    fn mrz_forms_fit() {
        let mut rng = Rng::seed_from_u64(3);
        for _ in 0..50 {
            let (s, g, f) = mrz(
                &mut rng,
                "Abd al-Rahman Müller-Lüdenscheidt",
                "Mohammed Abdullah Saleh Ibrahim",
            )
            .unwrap();
            assert!(f.len() <= 39);
            assert!(!s.is_empty() && !g.is_empty());
            assert_eq!(f.to_uppercase(), f);
        }
    }

    #[test]
    fn typos_edit_once() {
        let mut rng = Rng::seed_from_u64(4);
        for _ in 0..50 {
            let (s, g) = typo(&mut rng, "Qahtani", "Ali").unwrap();
            assert!(s != "QAHTANI" && g == "ALI");
        }
    }
}
