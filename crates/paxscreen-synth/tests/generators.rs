//! Determinism, label integrity and format checks of the generators.

use paxscreen_synth::devset::{category_counts, labels_csv, Category};
use paxscreen_synth::output::{travellers_csv, watchlist_csv};
use paxscreen_synth::text::{letters_key, sorted_key};
use paxscreen_synth::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

fn data_present() -> bool {
    Path::new(DATA).join("watchlists").is_dir()
}

fn cfg(seed: u64) -> DevsetConfig {
    DevsetConfig {
        data_dir: PathBuf::from(DATA),
        seed,
        listed: 200,
        innocent: 500,
    }
}

/// One small dev set shared by the tests (loading the real lists takes a moment).
fn small() -> &'static Devset {
    static D: OnceLock<Devset> = OnceLock::new();
    D.get_or_init(|| generate_devset(&cfg(7)).expect("dev set"))
}

#[test]
fn devset_is_deterministic() {
    if !data_present() {
        eprintln!("skipped: {DATA} absent");
        return;
    }
    let a = small();
    let b = generate_devset(&cfg(7)).unwrap();
    assert_eq!(
        watchlist_csv(&a.watchlist).unwrap(),
        watchlist_csv(&b.watchlist).unwrap()
    );
    assert_eq!(
        travellers_csv(&a.travellers).unwrap(),
        travellers_csv(&b.travellers).unwrap()
    );
    assert_eq!(
        labels_csv(&a.labels).unwrap(),
        labels_csv(&b.labels).unwrap()
    );
    let c = generate_devset(&cfg(8)).unwrap();
    assert_ne!(
        travellers_csv(&a.travellers).unwrap(),
        travellers_csv(&c.travellers).unwrap()
    );
}

#[test]
fn devset_category_counts() {
    if !data_present() {
        return;
    }
    let d = small();
    let counts = category_counts(&d.labels);
    eprintln!("{counts:?}");
    let listed: usize = Category::LISTED
        .iter()
        .map(|c| counts.get(c).copied().unwrap_or(0))
        .sum();
    assert_eq!(listed, 200, "{counts:?}");
    for c in Category::LISTED {
        let n = counts.get(&c).copied().unwrap_or(0);
        assert!(n == 22 || n == 23, "{c:?}: {n}");
    }
    assert_eq!(counts[&Category::Namesake], 50);
    assert_eq!(counts[&Category::Innocent], 450);
    assert_eq!(d.travellers.len(), 700);
    let ids: BTreeSet<&str> = d.travellers.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 700);
}

#[test]
fn labels_point_at_written_entries() {
    if !data_present() {
        return;
    }
    let d = small();
    let ids: BTreeSet<&str> = d.watchlist.iter().map(|e| e.id.as_str()).collect();
    for (l, t) in d.labels.iter().zip(&d.travellers) {
        assert_eq!(l.traveller_id, t.id);
        if l.category.is_listed() {
            assert!(ids.contains(l.expected_entry_id.as_str()), "{l:?}");
            for a in &l.also_matches {
                assert!(ids.contains(a.as_str()));
            }
        } else {
            assert!(l.expected_entry_id.is_empty());
        }
    }
}

#[test]
fn held_out_aliases_are_absent() {
    if !data_present() {
        return;
    }
    let d = small();
    assert!(!d.held_out.is_empty());
    let written: BTreeSet<String> = d
        .watchlist
        .iter()
        .flat_map(|e| e.names.iter().map(|n| sorted_key(&n.name)))
        .collect();
    for (_, alias) in &d.held_out {
        assert!(
            !written.contains(&sorted_key(alias)),
            "{alias} still listed"
        );
    }
    // And the travellers of that category carry exactly those aliases.
    for (l, t) in d.labels.iter().zip(&d.travellers) {
        if l.category == Category::HeldOutAlias {
            let key = sorted_key(&format!("{} {}", t.given_names, t.surname));
            assert!(!written.contains(&key));
        }
    }
}

#[test]
fn innocents_do_not_carry_listed_names() {
    if !data_present() {
        return;
    }
    let d = small();
    let listed: BTreeSet<String> = d
        .watchlist
        .iter()
        .flat_map(|e| e.names.iter().map(|n| letters_key(&n.name)))
        .collect();
    let mut arabic_like = 0;
    let mut innocents = 0;
    for (l, t) in d.labels.iter().zip(&d.travellers) {
        if l.category == Category::Innocent {
            innocents += 1;
            assert!(!listed.contains(&letters_key(&format!("{} {}", t.given_names, t.surname))));
            // The romanizer countries: the Arab world, Iran and Pakistan.
            if t.nationality.is_none_or(|c| {
                [
                    "EGY", "IRN", "PAK", "MAR", "DZA", "TUN", "SAU", "IRQ", "SYR", "SOM", "JOR",
                    "LBN", "YEM", "LBY", "SDN", "ARE", "KWT", "QAT", "OMN", "BHR", "AFG", "MRT",
                    "PSE",
                ]
                .contains(&c.as_str())
            }) {
                arabic_like += 1;
            }
        }
    }
    assert!(
        arabic_like * 100 >= innocents * 35,
        "{arabic_like}/{innocents}"
    );
}

#[test]
fn namesakes_differ_in_year_and_nationality() {
    if !data_present() {
        return;
    }
    let d = small();
    for (l, t) in d.labels.iter().zip(&d.travellers) {
        if l.category == Category::Namesake {
            assert!(t.dob.is_some() && t.nationality.is_some());
        }
    }
}

#[test]
fn mrz_travellers_are_icao_forms() {
    if !data_present() {
        return;
    }
    let d = small();
    let mut n = 0;
    for (l, t) in d.labels.iter().zip(&d.travellers) {
        if l.category == Category::Mrz {
            n += 1;
            let field = if t.given_names.is_empty() {
                t.surname.replace(' ', "<")
            } else {
                format!("{}<<{}", t.surname, t.given_names).replace(' ', "<")
            };
            assert!(field.len() <= 39, "{field}");
            assert!(
                field
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<'),
                "{field}"
            );
        }
    }
    assert!(n > 0);
}

#[test]
fn demo_files_match_committed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo");
    for (name, content) in demo_data_files() {
        let committed = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("data/demo/{name}: {e} (run `paxscreen synth demo-data`)"));
        assert_eq!(
            committed, content,
            "data/demo/{name} differs from a fresh generation"
        );
    }
}

#[test]
fn demo_paxlst_counts() {
    let files = demo_data_files();
    let edi = &files
        .iter()
        .find(|(n, _)| *n == "manifest_paxlst.edi")
        .unwrap()
        .1;
    let segs: Vec<&str> = edi.split("'\n").filter(|s| !s.is_empty()).collect();
    let unh = segs.iter().position(|s| s.starts_with("UNH+")).unwrap();
    let unt = segs.iter().position(|s| s.starts_with("UNT+")).unwrap();
    let declared: usize = segs[unt].split('+').nth(1).unwrap().parse().unwrap();
    assert_eq!(declared, unt - unh + 1);
    let pax = segs.iter().filter(|s| s.starts_with("NAD+FL")).count();
    assert_eq!(pax, 60);
    assert!(segs.contains(&"CNT+42:60"));
    let d = demo::demo_data();
    assert_eq!(d.watchlist.len(), 40);
    assert_eq!(d.expected.len(), 6);
    assert!(d.watchlist.iter().any(|e| !e.documents.is_empty()));
}

#[test]
fn scale_is_deterministic_and_skewed() {
    let pools = TokenPools::builtin();
    let a = scale_watchlist(2000, 5, &pools);
    let b = scale_watchlist(2000, 5, &pools);
    assert_eq!(a, b);
    let t = scale_travellers(5000, 5, &pools, &a);
    assert_eq!(t, scale_travellers(5000, 5, &pools, &a));
    let listed = scale::scale_labelled_travellers(5000, 5, &pools, &a)
        .iter()
        .filter(|(_, l)| l.is_some())
        .count();
    assert!((20..=100).contains(&listed), "{listed}");
    // Zipf: the most common given token appears far more often than the median one.
    let mohammed = a
        .iter()
        .filter(|e| e.primary_name().contains("MOHAMMED"))
        .count();
    assert!(mohammed > 100, "{mohammed}");
    for e in &a {
        let n = e.primary_name().split(' ').count();
        assert!((2..=5).contains(&n));
    }
}

#[test]
fn scale_pools_from_data() {
    if !data_present() {
        return;
    }
    let pools = TokenPools::load(Path::new(DATA)).unwrap();
    assert!(pools.given.len() > 1000 && pools.surnames.len() > 1000);
    let w = scale_watchlist(500, 1, &pools);
    assert_eq!(w.len(), 500);
}

#[test]
fn written_files_load_with_the_watchlist_loader() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/watchlist.csv");
    let loaded = paxscreen_watchlists::load_paths(&[demo]).expect("demo watchlist loads");
    assert_eq!(loaded.entries.len(), 40);
    let d = demo::demo_data();
    assert_eq!(loaded.entries[5].documents, d.watchlist[5].documents);
    if !data_present() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("paxscreen-synth-test-{}", std::process::id()));
    write_devset(small(), &dir).unwrap();
    let loaded = paxscreen_watchlists::load_paths(&[dir.join("watchlist.csv")]).unwrap();
    assert_eq!(loaded.entries.len(), small().watchlist.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mrz_ocr_noise_in_a_minority() {
    if !data_present() {
        return;
    }
    let d = small();
    let (mut n, mut digits) = (0, 0);
    for (l, t) in d.labels.iter().zip(&d.travellers) {
        if l.category == Category::Mrz {
            n += 1;
            let s = format!("{}{}", t.surname, t.given_names);
            digits += usize::from(s.chars().any(|c| c.is_ascii_digit()));
        }
    }
    // About 30% (OCR noise needs an O, I, B or S in the name, so a little less).
    assert!(digits * 100 <= n * 50, "{digits}/{n}");
}
