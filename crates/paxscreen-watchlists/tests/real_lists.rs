//! The loaders against the real published lists in ../shared/data (read in place, never
//! copied into the repository). Each test is skipped, with a note, when the data is
//! absent, so the crate still tests on a checkout without it.

use paxscreen_core::{Country, DobSpec, Gender, NameQuality, PartialDate, WatchlistEntry};
use paxscreen_watchlists::{load_paths, ofac, un_xml, Format};
use std::path::{Path, PathBuf};

fn data(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/watchlists")
        .join(name);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

fn entry<'a>(entries: &'a [WatchlistEntry], id: &str) -> &'a WatchlistEntry {
    entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not loaded"))
}

fn names(e: &WatchlistEntry, quality: NameQuality) -> Vec<&str> {
    e.names
        .iter()
        .filter(|n| n.quality == quality)
        .map(|n| n.name.as_str())
        .collect()
}

#[test]
fn un_2026_05_08() {
    let Some(path) = data("un_consolidated_2026-05-08.xml") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(
        paxscreen_watchlists::detect_format(&bytes),
        Ok(Format::UnXml)
    );
    let l = un_xml::read(&bytes, &path).unwrap();
    assert_eq!(l.entries.len(), 737);
    assert_eq!(
        l.source,
        "un_consolidated_2026-05-08.xml (UN XML, generated 2026-05-08, 737 individuals)"
    );
    let isil_aq = l.entries.iter().filter(|e| e.list == "UN-ISIL-AQ").count();
    assert_eq!(isil_aq, 255, "SOURCES.md: 255 ISIL & Al-Qaida individuals");
    assert!(l.entries.iter().all(|e| e.list.starts_with("UN-")));

    let good: usize = l
        .entries
        .iter()
        .map(|e| names(e, NameQuality::Good).len())
        .sum();
    let low: usize = l
        .entries
        .iter()
        .map(|e| names(e, NameQuality::Low).len())
        .sum();
    let original: usize = l
        .entries
        .iter()
        .map(|e| names(e, NameQuality::OriginalScript).len())
        .sum();
    eprintln!(
        "UN 2026-05-08: {good} good aliases, {low} low aliases, {original} original-script names"
    );
    let with_dob = l.entries.iter().filter(|e| !e.dobs.is_empty()).count();
    let with_nat = l
        .entries
        .iter()
        .filter(|e| !e.nationalities.is_empty())
        .count();
    let with_gender = l.entries.iter().filter(|e| e.gender.is_some()).count();
    let with_doc = l.entries.iter().filter(|e| !e.documents.is_empty()).count();
    eprintln!(
        "  dob {with_dob}, nationality {with_nat}, gender {with_gender}, documents {with_doc}"
    );
    eprintln!("  {} warnings: {:#?}", l.warnings.len(), l.warnings);
    // Names of this file after ';' splitting and case-insensitive de-duplication within
    // each entry (cross-checked with an independent Python ElementTree count: 1584, 625,
    // 339), then parentheses read (`un_xml::alias_names`): 20 other-script parts split
    // out of 18 mixed aliases, `Lom-ali Butaev` beside `Lom-ali Butayev (Butaev)`, and
    // IRi.034's `Mohammad Sabet b) M. Javad Kareemi Sabet` read as two names.
    assert_eq!((good, low, original), (1586, 625, 359));
    // No name keeps a parenthesis, a `b)` or a note.
    for e in &l.entries {
        for n in &e.names {
            assert!(
                !n.name.contains(['(', ')']) && !n.name.contains(" born "),
                "{}: {}",
                e.id,
                n.name
            );
        }
    }
    let e = entry(&l.entries, "QDi.309");
    assert!(names(e, NameQuality::Good).contains(&"Abdullah Sindhi"));
    assert!(names(e, NameQuality::OriginalScript).contains(&"عبدالله السندي"));
    // The notes dropped from alias names go into the remarks, first.
    let e = entry(&l.entries, "QDi.152");
    assert!(
        e.remarks.starts_with("Alias notes: EL PARA: COMBAT NAME."),
        "{}",
        e.remarks
    );
    assert!(entry(&l.entries, "QDi.057")
        .remarks
        .contains("Abdel Ilah Sabri: false identity related to fraudulent South African"));
    // `na` fills an empty name part.
    assert_eq!(
        entry(&l.entries, "TAi.153").primary_name(),
        "FAIZULLAH KHAN NOORZAI"
    );

    // QDi.335: four name parts joined; its aliases, good and low.
    let e = entry(&l.entries, "QDi.335");
    assert_eq!(
        e.primary_name(),
        "‘ABD AL-RAHMAN KHALAF ‘UBAYD JUDAY’ AL-‘ANIZI"
    );
    assert_eq!(e.list, "UN-ISIL-AQ");
    assert_eq!(
        names(e, NameQuality::Good),
        [
            "‘Abd al-Rahman Khalaf al-Anizi",
            "‘Abd al-Rahman Khalaf al-‘Anzi"
        ]
    );
    assert_eq!(names(e, NameQuality::Low).len(), 5);
    assert_eq!(
        e.dobs,
        [DobSpec::Date(PartialDate::ymd(1973, 3, 6).unwrap())]
    );
    assert_eq!(e.nationalities, [Country::from_code("KWT").unwrap()]);
    assert_eq!(e.documents[0].doc_type, "I");
    assert_eq!(e.documents[0].issuer, "KWT");
    assert_eq!(e.documents[0].number, "273030601222");

    // An alias value holding several names separated by ';' becomes several names.
    let split = l
        .entries
        .iter()
        .find(|e| e.names.iter().any(|n| n.name == "Husain Salimi"))
        .expect("the Salimi aliases");
    for n in ["Hosain Salimi", "Hossein Saleemi", "Hussain Saleemi"] {
        assert!(
            split.names.iter().any(|x| x.name == n),
            "{n} in {:?}",
            split.names
        );
    }
    assert!(l
        .entries
        .iter()
        .all(|e| e.names.iter().all(|n| !n.name.contains(';'))));

    // BETWEEN ranges, passports, genders.
    let ranges = l
        .entries
        .iter()
        .filter(|e| e.dobs.iter().any(|d| matches!(d, DobSpec::Range { .. })))
        .count();
    assert!(ranges >= 20, "{ranges} entries with a BETWEEN range");
    assert!(l.entries.iter().any(|e| e.dobs.contains(&DobSpec::Range {
        from: 1977,
        to: 1982
    })));
    let passports = l
        .entries
        .iter()
        .filter(|e| e.documents.iter().any(|d| d.doc_type == "P"))
        .count();
    assert!(passports > 100, "{passports} entries with a passport");
    assert_eq!(entry(&l.entries, "YEi.002").gender, Some(Gender::M));
    assert_eq!(entry(&l.entries, "SDi.007").gender, Some(Gender::M));
    assert!(with_dob > 650, "{with_dob} entries with a date of birth");
    assert!(with_nat > 500, "{with_nat} entries with a nationality");
    // Only "former Soviet Union" (QDi entry) does not map; it is reported, not guessed.
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(
        l.warnings[0].contains("former Soviet Union"),
        "{:?}",
        l.warnings
    );
}

#[test]
fn un_2026_01_28() {
    let Some(path) = data("un_consolidated_2026-01-28.xml") else {
        return;
    };
    let l = load_paths(&[path]).unwrap();
    assert_eq!(l.entries.len(), 726);
    assert!(
        l.sources[0].contains("generated 2026-01-28"),
        "{:?}",
        l.sources
    );
}

#[test]
fn two_days_of_the_same_list_clash_on_ids() {
    let (Some(a), Some(b)) = (
        data("un_consolidated_2026-01-28.xml"),
        data("un_consolidated_2026-05-08.xml"),
    ) else {
        return;
    };
    let err = load_paths(&[a, b]).unwrap_err();
    assert!(err.to_string().contains("duplicate entry id"), "{err}");
}

#[test]
fn ofac_sdn_with_alt() {
    let (Some(sdn_path), Some(alt_path)) = (
        data("ofac_sdn_2024-05-03.csv"),
        data("ofac_alt_2026-02-25.csv"),
    ) else {
        return;
    };
    let sdn = std::fs::read(&sdn_path).unwrap();
    let alt = std::fs::read(&alt_path).unwrap();
    assert_eq!(
        paxscreen_watchlists::detect_format(&sdn),
        Ok(Format::OfacSdn)
    );
    assert_eq!(
        paxscreen_watchlists::detect_format(&alt),
        Ok(Format::OfacAlt)
    );
    let (l, stats) = ofac::read_with_stats(&sdn, &sdn_path, Some((&alt, &alt_path))).unwrap();
    eprintln!("{}\n{stats:#?}", l.source);
    assert_eq!(l.entries.len(), 6854);
    assert!(l
        .entries
        .iter()
        .all(|e| e.id.starts_with("OFAC-") && e.list == "OFAC-SDN"));

    // alt.csv: 8,173 rows for these individuals (8,151 aka, 22 fka); 8 repeat a name
    // the entry already has and are not added twice. 2,559 rows name an ent_num that
    // the older sdn.csv does not have. The remarks hold 2,053 a.k.a. statements, one
    // of which repeats a name.
    assert_eq!(stats.orphan_alt_rows, 2559);
    assert_eq!(stats.alt_aliases, 8165);
    assert_eq!(stats.remark_aliases, 2052);
    // DOB coverage: every DOB statement of the file is understood.
    let coverage = stats.dob_parsed as f64 / stats.dob_seen as f64;
    eprintln!(
        "DOB {}/{} ({:.2}%), nationality {}/{}",
        stats.dob_parsed,
        stats.dob_seen,
        coverage * 100.0,
        stats.nationality_mapped,
        stats.nationality_seen
    );
    assert_eq!(stats.dob_seen, 7534);
    assert_eq!(stats.dob_parsed, 7534, "DOB coverage {coverage}");
    // Every nationality/citizen statement maps ("Region: Gaza" and "possibly
    // Palestinian" included).
    assert_eq!(stats.nationality_seen, 6019);
    assert_eq!(stats.nationality_mapped, 6019);
    let with_dob = l.entries.iter().filter(|e| !e.dobs.is_empty()).count();
    assert!(with_dob >= 6700, "{with_dob} individuals with a DOB");

    // A known entry: OFAC-12113, Hasan MORTEZAVI.
    let e = entry(&l.entries, "OFAC-12113");
    assert_eq!(e.primary_name(), "Hasan MORTEZAVI");
    assert_eq!(
        e.dobs,
        [DobSpec::Date(PartialDate::ymd(1964, 8, 23).unwrap())]
    );
    assert_eq!(e.nationalities, [Country::from_code("IRN").unwrap()]);
    assert_eq!(e.gender, Some(Gender::M));
    assert_eq!(e.documents.len(), 1);
    assert_eq!(e.documents[0].doc_type, "P");
    assert_eq!(e.documents[0].number, "D9019576");
    assert_eq!(e.documents[0].issuer, "IRN");
    assert!(names(e, NameQuality::Good).contains(&"Hassan ALI"));

    // Several DOBs and a Cedula: OFAC-7821 PALMA SALAZAR.
    let e = entry(&l.entries, "OFAC-7821");
    assert_eq!(e.primary_name(), "Hector Luis PALMA SALAZAR");
    assert_eq!(e.dobs.len(), 3);

    // Parentheses as the UN reader reads them: another spelling, a note.
    let all = |id: &str| -> Vec<String> {
        entry(&l.entries, id)
            .names
            .iter()
            .map(|n| n.name.clone())
            .collect()
    };
    let santos = all("OFAC-10929");
    assert_eq!(santos[..2], ["Ahmad SANTOS", "Ahmed SANTOS"]);
    assert!(all("OFAC-7934").contains(&"Lt. Col. Abd Manaf KASMURI".to_string()));
    assert!(l
        .entries
        .iter()
        .flat_map(|e| &e.names)
        .all(|n| !n.name.contains(['(', ')'])));
}

#[test]
fn sdn_alone_finds_its_alt_beside_it() {
    let Some(sdn_path) = data("ofac_sdn_2024-05-03.csv") else {
        return;
    };
    if data("ofac_alt_2026-02-25.csv").is_none() {
        return;
    }
    let l = load_paths(&[sdn_path]).unwrap();
    assert_eq!(l.entries.len(), 6854);
    assert!(
        l.sources[0].contains("+ ofac_alt_2026-02-25.csv"),
        "{:?}",
        l.sources
    );
    assert!(
        l.warnings
            .iter()
            .any(|w| w.contains("2559 rows name an ent_num")),
        "{:?}",
        &l.warnings[..l.warnings.len().min(5)]
    );
    let aliases: usize = l.entries.iter().map(|e| e.names.len() - 1).sum();
    assert!(aliases > 10_000, "{aliases} aliases");
}

#[test]
fn everything_together() {
    let paths: Vec<PathBuf> = [
        "un_consolidated_2026-05-08.xml",
        "ofac_sdn_2024-05-03.csv",
        "ofac_alt_2026-02-25.csv",
    ]
    .iter()
    .filter_map(|n| data(n))
    .collect();
    if paths.len() < 3 {
        return;
    }
    let l = load_paths(&paths).unwrap();
    assert_eq!(l.entries.len(), 737 + 6854);
    assert_eq!(l.sources.len(), 2, "{:?}", l.sources);
}

#[test]
fn gtas_watchlist_csv() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/manifests/gtas/watchlist/wl-NS.csv");
    if !p.is_file() {
        eprintln!("skipped: {} not found", p.display());
        return;
    }
    let l = load_paths(&[p]).unwrap();
    assert_eq!(l.entries.len(), 7);
    assert_eq!(l.entries[0].primary_name(), "ROBERT ANTONIO PICHA");
    assert_eq!(
        l.entries[1].dobs,
        [DobSpec::Date(PartialDate::ymd(1975, 11, 10).unwrap())]
    );
    // "CHI" (coc of the last row) is no ISO code: a warning, the row is kept.
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
}
