//! Property: indexed retrieval never misses a name that exhaustive scoring over the
//! whole list scores at or above the threshold, and scores agree exactly.

use paxscreen_core::{
    Country, DobSpec, Document, Gender, ListedName, NameQuality, PartialDate, Traveller,
    WatchlistEntry,
};
use paxscreen_engine::{ScreenOptions, Screener};
use proptest::prelude::*;

const POOL: &[&str] = &[
    "MOHAMMED",
    "MUHAMMAD",
    "ALI",
    "HASSAN",
    "HUSSEIN",
    "AHMED",
    "ABU",
    "BAKR",
    "AL-BAGHDADI",
    "BIN",
    "LADEN",
    "YUSUF",
    "YOUSSEF",
    "ABD",
    "AL-RAHMAN",
    "OMAR",
    "KHALID",
    "IVANOV",
    "PETROV",
    "SERGEI",
    "MUELLER",
    "SMITH",
    "ZAYD",
    "QADDAFI",
    "ABDULLAH",
    "MUSTAFA",
    "OSAMA",
    "AL-ZAWAHIRI",
    "AYMAN",
    "NUR",
    "AL-DIN",
    "FATIMA",
    "ZAHRA",
    "KARIM",
    "SAEED",
    "AL-SHAMI",
    // The first vowel elided (keys RXD / XHD) and written (RAXD / XAHD).
    "RCHID",
    "RASHID",
    "CHHADEH",
    "CHEHADE",
    // Listed initials.
    "M",
    "A",
];

fn perturb(token: &str, op: u8, pos: usize) -> String {
    let mut b: Vec<u8> = token.bytes().filter(|c| c.is_ascii_alphabetic()).collect();
    if b.is_empty() {
        return token.to_string();
    }
    let i = pos % b.len();
    match op % 6 {
        0 => b[i] = b'A' + (b[i] - b'A' + 1) % 26,
        1 => {
            b.remove(i);
        }
        2 => b.insert(i, b'E'),
        3 if i + 1 < b.len() => b.swap(i, i + 1),
        // An initial (J for JOHN), which costs less unmatched where its letter begins a
        // listed name left unmatched: the bounds must allow for that.
        5 => b.truncate(1),
        _ => {}
    }
    String::from_utf8(b).unwrap()
}

/// Few distinct dates, so that exact, same-month, 1 January (placeholder), same-year and
/// conflicting dates of birth all occur; now and then years apart (the candidate filter
/// drops entries born more than a year away from the traveller before scoring them).
fn date_strategy() -> impl Strategy<Value = PartialDate> {
    let year = prop_oneof![3 => 1970u16..1972, 1 => 1966u16..1976];
    (year, 1u8..3, 0u8..3)
        .prop_map(|(y, m, d)| PartialDate::new(y, Some(m), (d > 0).then_some(d)).unwrap())
}

/// A listed date of birth: mostly a date, sometimes a range of years.
fn dob_spec_strategy() -> impl Strategy<Value = DobSpec> {
    prop_oneof![
        4 => date_strategy().prop_map(DobSpec::Date),
        1 => (1966u16..1976, 0u16..3).prop_map(|(from, n)| DobSpec::Range { from, to: from + n }),
    ]
}

fn country(i: usize) -> Country {
    Country::from_code(["IRQ", "SYR"][i]).unwrap()
}

fn sex(i: usize) -> Gender {
    [Gender::M, Gender::F, Gender::X][i]
}

fn name_strategy() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..POOL.len(), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    #[test]
    fn retrieval_is_complete(
        list in prop::collection::vec((name_strategy(), prop::option::of(dob_spec_strategy()), prop::option::of(0usize..3), prop::option::of(0usize..3)), 1..40),
        query in name_strategy(),
        pick in prop::option::of(0usize..40),
        ops in prop::collection::vec((0u8..9, 0usize..20), 4),
        dob in prop::option::of(date_strategy()),
        nat in prop::option::of(0usize..2),
        gender in prop::option::of(0usize..3),
        threshold in 0.3f64..0.95,
        doc in prop::option::of(0usize..3),
    ) {
        // Every other entry holds one of three document numbers; a traveller holding
        // one makes those entries hits whatever their names and dates.
        let passport = |k: usize| Document { doc_type: "P".into(), issuer: String::new(), number: format!("AB1234{k}") };
        let entries: Vec<WatchlistEntry> = list.iter().enumerate().map(|(i, (toks, date, nat, gender))| WatchlistEntry {
            id: format!("E{i}"),
            list: "P".into(),
            names: vec![ListedName { name: toks.iter().map(|&t| POOL[t]).collect::<Vec<_>>().join(" "), quality: NameQuality::Primary }],
            dobs: date.map(|d| vec![d]).unwrap_or_default(),
            // 2: two nationalities.
            nationalities: nat.map(|n| if n == 2 { vec![country(0), country(1)] } else { vec![country(n)] }).unwrap_or_default(),
            gender: gender.map(sex),
            documents: if i % 2 == 0 { vec![passport(i % 3)] } else { vec![] },
            ..Default::default()
        }).collect();
        let screener = Screener::build(entries, vec![]).unwrap();
        // Half the time the traveller carries a listed name (then perturbed), so that
        // hits at high thresholds occur.
        let query = pick.and_then(|i| list.get(i)).map_or(&query, |e| &e.0);
        let mut toks: Vec<String> = query.iter().map(|&t| POOL[t].to_string()).collect();
        for (k, (op, pos)) in ops.iter().enumerate() {
            if let Some(t) = toks.get_mut(k) { *t = perturb(t, *op, *pos); }
        }
        let surname = toks.pop().unwrap_or_default();
        let traveller = Traveller {
            id: "Q".into(), surname, given_names: toks.join(" "),
            dob,
            nationality: nat.map(country),
            gender: gender.map(sex),
            documents: doc.map(passport).into_iter().collect(),
            ..Default::default()
        };
        let opts = ScreenOptions { threshold, max_hits: 1000 };
        let indexed: Vec<(String, f64)> = screener.screen(&traveller, &opts).into_iter().map(|h| (h.entry_id, h.score)).collect();
        let exhaustive: Vec<(String, f64)> = screener.screen_exhaustive(&traveller, &opts).into_iter().map(|h| (h.entry_id, h.score)).collect();
        prop_assert_eq!(indexed, exhaustive);
    }
}
