//! The bundled demo data (`data/demo/`): what `paxscreen demo` screens.
//!
//! Forty invented listed persons (Arabic, Russian/Central Asian and European names;
//! aliases; full, year-only and ranged dates of birth; one with a passport number)
//! and a 60-traveller manifest, written both as native CSV and as a PAXLST message,
//! in which six listed persons hide under the variants screeners must catch:
//! a transliteration variant, a glued PNR title, a typing error, a particle variant,
//! swapped name order and a passport number match. All names are invented; the data
//! is built from constants and a fixed seed, needs no external files, and a test
//! checks the committed files equal a fresh generation.

use crate::output::{travellers_csv, watchlist_csv};
use crate::rng::Rng;
use crate::{SynthError, SynthReport};
use paxscreen_core::{
    Country, DobSpec, Document, Gender, ListedName, NameQuality, PartialDate, Traveller,
    WatchlistEntry,
};
use std::path::Path;

/// (id, names `|`-separated, dobs `|`-separated, nationalities, gender, documents, remarks)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The invented watchlist.
const WATCHLIST: &[Row] = &[
    (
        "DEMO-001",
        "Mahmoud Tariq al-Zubaydi|Abu Tariq al-Zubaydi|Mahmud Tarik Zubaidi",
        "1978-03-14",
        "IRQ",
        "M",
        "",
        "Invented person for the demo: financier",
    ),
    (
        "DEMO-002",
        "Yusuf Idris Qarawi|Youssef Driss Karaoui",
        "1983",
        "MAR|ESP",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-003",
        "Dmitriy Valeryevich Kholodkov|Dmitri Holodkov",
        "1975-11-02",
        "RUS",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-004",
        "Abd al-Aziz ibn Sulaiman al-Harrawi|Abu Sulaiman al-Harrawi",
        "1969..1971",
        "SAU",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-005",
        "Khadija Nour Bensalem|Umm Yahya",
        "1991-07-30",
        "DZA|FRA",
        "F",
        "",
        "Invented person for the demo: recruiter",
    ),
    (
        "DEMO-006",
        "Viktor Olegovich Tarasenko|Viktar Tarasenka",
        "1980-01-19",
        "UKR",
        "M",
        "P/UKR/FT4471902",
        "Invented person for the demo: document forger",
    ),
    (
        "DEMO-007",
        "Faisal Marwan al-Dulaimi",
        "1972|1973",
        "IRQ",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-008",
        "Hamza Abdelrahim Tounsi|Abu Hamza al-Tounsi",
        "1988-05-05",
        "TUN",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-009",
        "Salim Nasser Bakhtari",
        "1965",
        "AFG",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-010",
        "Ruslan Akhmedovich Dzhabrailov|Ruslan Jabrailov",
        "1986-09-21",
        "RUS",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-011",
        "Timur Bakhodirovich Yuldashov",
        "1990-02-11",
        "UZB",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-012",
        "Nadia Karimova Sultanbekova",
        "1984",
        "KAZ",
        "F",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-013",
        "Ilias Gregor Vanterpool",
        "1977-12-24",
        "NLD",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-014",
        "Marcel Anton Fleuriot|Abu Ibrahim al-Faransi",
        "1993-04-17",
        "FRA",
        "M",
        "",
        "Invented person for the demo: foreign fighter",
    ),
    (
        "DEMO-015",
        "Jonas Eriksen Holmqvist",
        "1989",
        "SWE",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-016",
        "Abdullah Saeed bin Hathloul al-Qarni",
        "1960..1964",
        "SAU|YEM",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-017",
        "Omar Zakaria Chergui|Omar Zakariya Shergui",
        "1981-08-08",
        "DZA",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-018",
        "Bilal Hakim Ouedraogo",
        "1995-10-01",
        "BFA",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-019",
        "Anwar Jassim Rubaie|Anwar Jasim al-Rubayi",
        "1974",
        "IRQ",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-020",
        "Ayman Fadel Sharabati",
        "1970-06-15",
        "JOR",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-021",
        "Leila Samira Haddouchi",
        "1992-03-03",
        "MAR|BEL",
        "F",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-022",
        "Zaur Magomedovich Gadzhiyev|Zaur Gadjiev",
        "1979-07-07",
        "RUS|AZE",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-023",
        "Sergei Pavlovich Lomakin",
        "1968",
        "RUS",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-024",
        "Kamal Abdou Mahamadou",
        "1985..1987",
        "NER",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-025",
        "Yasin Emre Karadogan",
        "1994-01-27",
        "TUR",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-026",
        "Tariq Jamil Siddiqui Rahmatzai",
        "1976-09-09",
        "PAK",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-027",
        "Abu Muadh al-Shishani|Murad Vakhaevich Batsaev",
        "1987",
        "RUS|GEO",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-028",
        "Rashid Hamdan al-Mazrui",
        "1966-11-30",
        "YEM",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-029",
        "Hassan Abdikarim Warsame Dheere",
        "1982",
        "SOM",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-030",
        "Ibrahim Moussa Ag Intallah",
        "1971..1975",
        "MLI",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-031",
        "Samuel Okonjo Adeyemi-Bello",
        "1988-12-12",
        "NGA",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-032",
        "Fatima Zahra Belkhadem",
        "1990",
        "DZA",
        "F",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-033",
        "Adnan Wael Kurdi Halabi|Abu Wael al-Halabi",
        "1973-02-28",
        "SYR",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-034",
        "Nikolai Arkadyevich Zverintsev",
        "1962-05-19",
        "RUS|BLR",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-035",
        "Abdul Wahid Noorzai Pashtunyar",
        "1958",
        "AFG",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-036",
        "Mustafa Kemal Ozdurmaz",
        "1980-04-04",
        "TUR|DEU",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-037",
        "Jamal Eddine Bouzerrouk",
        "1977",
        "MAR",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-038",
        "Hicham Abdelilah Benzekri Alaoui",
        "1985-06-01",
        "MAR|FRA",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-039",
        "Aslan Ramzanovich Umarkhadzhiev",
        "1991",
        "RUS",
        "M",
        "",
        "Invented person for the demo",
    ),
    (
        "DEMO-040",
        "Karim Sofiane Medjdoub",
        "1983-10-10",
        "DZA|FRA",
        "M",
        "",
        "Invented person for the demo",
    ),
];

/// The hidden listed travellers: (manifest position 1-based, entry id, surname, given,
/// dob, nationality, gender, passport number, what the variant is).
type Hidden = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const HIDDEN: &[Hidden] = &[
    (
        7,
        "DEMO-001",
        "ZOUBEIDI",
        "MAHMUD TAREK",
        "1978-03-14",
        "IRQ",
        "M",
        "A8830152",
        "transliteration variant",
    ),
    (
        15,
        "DEMO-002",
        "QARAWI",
        "YUSUF IDRISMR",
        "1983-06-02",
        "MAR",
        "M",
        "VB2270418",
        "PNR form with glued title",
    ),
    (
        23,
        "DEMO-003",
        "KHOLODKOV",
        "DMITRYI",
        "1975-11-02",
        "RUS",
        "M",
        "",
        "typing error (transposition)",
    ),
    (
        34,
        "DEMO-004",
        "AL-HARRAWI",
        "ABDULAZIZ BIN SULAIMAN",
        "1970-09-12",
        "SAU",
        "M",
        "",
        "particle variant",
    ),
    (
        46,
        "DEMO-005",
        "KHADIJA NOUR",
        "BENSALEM",
        "1991-07-30",
        "FRA",
        "F",
        "19FR55231",
        "swapped name order",
    ),
    (
        53,
        "DEMO-006",
        "TARASENKA",
        "VIKTAR",
        "",
        "UKR",
        "M",
        "FT4471902",
        "passport number match (Belarusian spelling)",
    ),
];

/// Ordinary travellers by country: (nationality, male given, female given, surnames).
/// Includes common Arabic names that must not raise alarms by themselves.
type Culture = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
);

const CULTURES: &[Culture] = &[
    (
        "GBR",
        &["JAMES", "OLIVER", "THOMAS"],
        &["EMMA", "CHLOE", "SARAH"],
        &["SMITH", "TAYLOR", "WRIGHT"],
    ),
    (
        "DEU",
        &["LUKAS", "JONAS", "MAXIMILIAN"],
        &["ANNA", "LENA", "HANNAH"],
        &["MUELLER", "SCHMIDT", "BECKER"],
    ),
    (
        "FRA",
        &["LUCAS", "HUGO", "PIERRE"],
        &["CAMILLE", "LEA", "MANON"],
        &["DUBOIS", "LEFEVRE", "MOREAU"],
    ),
    (
        "ITA",
        &["MATTEO", "LORENZO", "GIUSEPPE"],
        &["SOFIA", "GIULIA", "CHIARA"],
        &["ROSSI", "BIANCHI", "RICCI"],
    ),
    (
        "ESP",
        &["CARLOS", "JAVIER", "PABLO"],
        &["LUCIA", "MARIA", "PAULA"],
        &["GARCIA", "FERNANDEZ", "LOPEZ"],
    ),
    (
        "POL",
        &["PIOTR", "JAKUB", "TOMASZ"],
        &["ZOFIA", "AGNIESZKA", "MAJA"],
        &["KOWALSKI", "NOWAK", "WOJCIK"],
    ),
    (
        "JPN",
        &["HIROSHI", "KENJI", "TAKUMI"],
        &["YUKI", "HANA", "AOI"],
        &["TANAKA", "SATO", "SUZUKI"],
    ),
    (
        "CHN",
        &["WEI", "JUN", "HAO"],
        &["MEI", "LI NA", "XIU YING"],
        &["WANG", "CHEN", "ZHANG"],
    ),
    (
        "IND",
        &["RAHUL", "AMIT", "ARJUN"],
        &["PRIYA", "ANANYA", "KAVYA"],
        &["SHARMA", "PATEL", "IYER"],
    ),
    (
        "EGY",
        &["MOHAMED", "AHMED", "MAHMOUD"],
        &["FATMA", "MARIAM", "NOUR"],
        &["HASSAN", "MANSOUR", "ABDEL GAWAD"],
    ),
    (
        "JOR",
        &["OMAR", "ALI", "YOUSEF"],
        &["RANA", "LAYLA", "HALA"],
        &["AL AHMAD", "SALEH", "HADDAD"],
    ),
    (
        "MAR",
        &["YOUSSEF", "MEHDI", "ANAS"],
        &["SALMA", "IMANE", "AICHA"],
        &["BENALI", "EL AMRANI", "TAZI"],
    ),
    (
        "SAU",
        &["ABDULLAH", "MOHAMMED", "FAHAD"],
        &["NOURA", "SARA", "REEM"],
        &["AL OTAIBI", "AL HARBI", "AL GHAMDI"],
    ),
    (
        "PAK",
        &["MUHAMMAD", "BILAL", "USMAN"],
        &["AYESHA", "FATIMA", "SANA"],
        &["KHAN", "AHMED", "BUTT"],
    ),
    (
        "RUS",
        &["IVAN", "ALEKSEI", "ANDREI"],
        &["OLGA", "ELENA", "TATIANA"],
        &["IVANOV", "SMIRNOVA", "KUZNETSOV"],
    ),
    (
        "TUR",
        &["EMRE", "MEHMET", "BURAK"],
        &["ZEYNEP", "ELIF", "AYSE"],
        &["YILMAZ", "DEMIR", "KAYA"],
    ),
    (
        "NGA",
        &["CHINEDU", "EMEKA", "TUNDE"],
        &["AMARA", "NGOZI", "FOLAKE"],
        &["OKAFOR", "ADEBAYO", "EZE"],
    ),
    (
        "BRA",
        &["JOAO", "GABRIEL", "RAFAEL"],
        &["ANA", "BEATRIZ", "JULIA"],
        &["SILVA", "SANTOS", "OLIVEIRA"],
    ),
    (
        "SWE",
        &["ERIK", "LARS", "OSCAR"],
        &["ASTRID", "ELSA", "INGRID"],
        &["LARSSON", "ANDERSSON", "NILSSON"],
    ),
];

/// The demo data in memory.
#[derive(Debug, Clone)]
pub struct DemoData {
    /// The invented watchlist.
    pub watchlist: Vec<WatchlistEntry>,
    /// The 60 travellers, in manifest order.
    pub travellers: Vec<Traveller>,
    /// (traveller id, entry id, variant) for the hidden listed travellers.
    pub expected: Vec<(String, String, String)>,
}

fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').filter(|x| !x.is_empty())
}

/// Builds the demo data (pure: no I/O, no external data).
pub fn demo_data() -> DemoData {
    let watchlist = WATCHLIST
        .iter()
        .map(
            |&(id, names, dobs, nats, gender, docs, remarks)| WatchlistEntry {
                id: id.into(),
                list: "DEMO-LIST".into(),
                names: split(names)
                    .enumerate()
                    .map(|(i, n)| ListedName {
                        name: n.into(),
                        quality: if i == 0 {
                            NameQuality::Primary
                        } else {
                            NameQuality::Good
                        },
                    })
                    .collect(),
                dobs: split(dobs)
                    .map(|d| DobSpec::parse(d).expect("demo dates are valid"))
                    .collect(),
                nationalities: split(nats)
                    .map(|c| Country::from_code(c).expect("demo countries are valid"))
                    .collect(),
                gender: Gender::parse(gender).ok(),
                documents: split(docs)
                    .map(|d| {
                        let mut p = d.split('/');
                        Document {
                            doc_type: p.next().unwrap_or("").into(),
                            issuer: p.next().unwrap_or("").into(),
                            number: p.next().unwrap_or("").into(),
                        }
                    })
                    .collect(),
                remarks: remarks.into(),
            },
        )
        .collect();

    let mut rng = Rng::seed_from_u64(0xDE70);
    let mut travellers = Vec::new();
    let mut expected = Vec::new();
    for pos in 1..=60usize {
        let id = format!("PAX{pos:03}");
        if let Some(h) = HIDDEN.iter().find(|h| h.0 == pos) {
            let (_, entry, s, g, dob, nat, gender, doc, what) = *h;
            let nationality = Country::from_code(nat).ok();
            travellers.push(Traveller {
                id: id.clone(),
                surname: s.into(),
                given_names: g.into(),
                dob: PartialDate::parse(dob).ok(),
                gender: Gender::parse(gender).ok(),
                nationality,
                documents: if doc.is_empty() {
                    Vec::new()
                } else {
                    vec![Document {
                        doc_type: "P".into(),
                        issuer: nat.into(),
                        number: doc.into(),
                    }]
                },
                ..Traveller::default()
            });
            expected.push((id, entry.to_string(), what.to_string()));
            continue;
        }
        let female = rng.chance(0.45);
        let (nat, male, fem, surnames) = *rng.pick(CULTURES);
        let given_pool = if female { fem } else { male };
        let mut given = rng.pick(given_pool).to_string();
        if rng.chance(0.2) {
            let second = rng.pick(given_pool);
            if !given.contains(second) {
                given = format!("{given} {second}");
            }
        }
        let surname = *rng.pick(surnames);
        let year = rng.range(1948, 2012) as u16;
        let dob = PartialDate::ymd(year, rng.range(1, 12) as u8, rng.range(1, 28) as u8).ok();
        let number = format!(
            "{}{:08}",
            (b'A' + rng.below(26) as u8) as char,
            rng.below(100_000_000)
        );
        travellers.push(Traveller {
            id,
            surname: surname.into(),
            given_names: given,
            dob,
            gender: Some(if female { Gender::F } else { Gender::M }),
            nationality: Country::from_code(nat).ok(),
            documents: vec![Document {
                doc_type: "P".into(),
                issuer: nat.into(),
                number,
            }],
            ..Traveller::default()
        });
    }
    DemoData {
        watchlist,
        travellers,
        expected,
    }
}

/// Escapes EDIFACT service characters with the release character `?`.
fn edi(v: &str) -> String {
    let mut s = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '?' | '+' | ':' | '\'') {
            s.push('?');
        }
        s.push(c);
    }
    s
}

fn yymmdd(d: &PartialDate) -> String {
    format!(
        "{:02}{:02}{:02}",
        d.year % 100,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

/// The manifest as a PAXLST D:05B message (one flight, passengers only), one segment
/// per line as carriers commonly send it.
pub fn paxlst(travellers: &[Traveller]) -> String {
    let mut body: Vec<String> = vec![
        "UNH+DEMO0001+PAXLST:D:05B:UN:IATA+DA4711/260508/1030+01:F".into(),
        "BGM+745".into(),
        "NAD+MS+++DEMO AIR OPERATIONS".into(),
        "TDT+20+DA4711+++DA".into(),
        "LOC+125+IST".into(),
        "DTM+189:2605081030:201".into(),
        "LOC+87+LHR".into(),
        "DTM+232:2605081330:201".into(),
    ];
    for t in travellers {
        body.push(format!(
            "NAD+FL+++{}:{}",
            edi(&t.surname),
            edi(&t.given_names)
        ));
        if let Some(g) = t.gender {
            body.push(format!("ATT+2++{g}"));
        }
        if let Some(d) = &t.dob {
            body.push(format!("DTM+329:{}", yymmdd(d)));
        }
        if let Some(n) = t.nationality {
            body.push(format!("NAT+2+{n}"));
        }
        body.push(format!("RFF+ABO:{}", edi(&t.id)));
        for d in &t.documents {
            body.push(format!("DOC+{}+{}", edi(&d.doc_type), edi(&d.number)));
            body.push("DTM+36:310101".into());
            if !d.issuer.is_empty() {
                body.push(format!("LOC+91+{}", edi(&d.issuer)));
            }
        }
    }
    body.push(format!("CNT+42:{}", travellers.len()));
    // UNT counts every segment from UNH to UNT, both included.
    body.push(format!("UNT+{}+DEMO0001", body.len() + 1));
    let mut out = String::from("UNA:+.? '\n");
    out.push_str("UNB+UNOA:4+DEMOAIR:ZZ+PAXSCREEN:ZZ+260508:0900+DEMOICR0001++APIS'\n");
    out.push_str("UNG+PAXLST+DEMOAIR+PAXSCREEN+260508:0900+1+UN+D:05B'\n");
    for s in body {
        out.push_str(&s);
        out.push_str("'\n");
    }
    out.push_str("UNE+1+1'\nUNZ+1+DEMOICR0001'\n");
    out
}

/// The demo files (name in data/demo, content): watchlist.csv, manifest.csv,
/// manifest_paxlst.edi and expected_hits.csv. The binary's `demo` uses this to
/// recreate data/demo when it is missing.
pub fn demo_data_files() -> Vec<(&'static str, String)> {
    let d = demo_data();
    let utf8 = |b: Vec<u8>| String::from_utf8(b).expect("CSV of UTF-8 strings");
    let mut exp = String::from("traveller_id,expected_entry_id,variant\n");
    for (t, e, what) in &d.expected {
        exp.push_str(&format!("{t},{e},{what}\n"));
    }
    vec![
        (
            "watchlist.csv",
            utf8(watchlist_csv(&d.watchlist).expect("in-memory CSV")),
        ),
        (
            "manifest.csv",
            utf8(travellers_csv(&d.travellers).expect("in-memory CSV")),
        ),
        ("manifest_paxlst.edi", paxlst(&d.travellers)),
        ("expected_hits.csv", exp),
    ]
}

/// Writes the demo files to `out`.
pub fn write_demo_data(out: &Path) -> Result<SynthReport, SynthError> {
    std::fs::create_dir_all(out).map_err(|e| SynthError::io(out, e))?;
    let d = demo_data();
    let mut files = Vec::new();
    for (name, content) in demo_data_files() {
        let p = out.join(name);
        std::fs::write(&p, content).map_err(|e| SynthError::io(&p, e))?;
        files.push(p);
    }
    Ok(SynthReport {
        files,
        counts: vec![
            ("watchlist entries".into(), d.watchlist.len()),
            ("travellers".into(), d.travellers.len()),
            ("hidden listed".into(), d.expected.len()),
        ],
        seconds: 0.0,
    })
}
