//! One test per US-CBP GTAS test message (../shared/data/manifests/gtas/**): the
//! travellers each yields (count, a name, a birth date, a document number), the
//! warnings for its known defects, and clean errors in strict mode.

mod common;
use common::*;
use paxscreen_core::Gender;
use paxscreen_formats::{read_manifest_with, ManifestFormat, Position, TokenizerOptions};

/// Reads, checks format, count and unique ids, and one traveller's fields.
fn check(
    rel: &str,
    format: ManifestFormat,
    count: usize,
    surname: &str,
    given: &str,
    birth: &str,
    doc: Option<&str>,
) -> paxscreen_formats::Manifest {
    let m = read(rel);
    assert_eq!(m.format, format, "{rel}");
    assert_eq!(m.records.len(), count, "{rel}: {:#?}", m.records);
    assert!(rejected(&m).is_empty(), "{rel}: {:?}", rejected(&m));
    assert_unique_ids(&m);
    let t = by_surname(&m, surname);
    assert_eq!(t.given_names, given, "{rel}");
    assert_eq!(dob(t), birth, "{rel}");
    if let Some(d) = doc {
        assert!(doc_numbers(t).contains(&d), "{rel}: {:?}", t.documents);
    }
    for t in travellers(&m) {
        assert_eq!(t.source, rel);
    }
    m
}

fn strict_err(rel: &str) -> paxscreen_formats::ManifestError {
    read_manifest_with(&bytes(rel), rel, None, TokenizerOptions { strict: true })
        .expect_err("strict mode must refuse this fixture")
}

fn has_warning(m: &paxscreen_formats::Manifest, needle: &str) -> bool {
    m.warnings.iter().any(|w| w.contains(needle))
}

// ---------------------------------------------------------------- apis-loader

#[test]
fn apis_test1_crew_list_without_una() {
    let m = check(
        "gtas/apis-loader/Test1.txt",
        ManifestFormat::Paxlst,
        8,
        "Steur",
        "Andrea Pat",
        "1978-07-06",
        Some("123456789"),
    );
    let t = by_surname(&m, "Steur");
    assert_eq!(t.role.as_deref(), Some("crew"));
    assert_eq!(t.flight.as_deref(), Some("UA0989"));
    assert_eq!(t.gender, Some(Gender::F));
    assert_eq!(nat(t), "GBR");
    assert_eq!(t.documents[0].issuer, "GBR");
    assert_eq!(t.id, "1402010600#1");
    // UNT+0000152 is wrong; CNT+41+8 (element form) is right.
    assert!(has_warning(&m, "UNT declares"));
    assert!(!has_warning(&m, "CNT"));
}

#[test]
fn apis_test3_latin1_byte_in_unoa_and_count_mismatch() {
    let m = check(
        "gtas/apis-loader/Test3.txt",
        ManifestFormat::Paxlst,
        260,
        "Kuchel",
        "Rachel Pat",
        "1977-10-19",
        Some("12345678"),
    );
    assert_eq!(nat(by_surname(&m, "Kuchel")), "USA");
    // The raw byte 0x87 in `Nov\x87k` is read as ISO 8859-1, with a warning.
    assert!(travellers(&m).iter().any(|t| t.surname == "Nov\u{87}k"));
    assert!(has_warning(&m, "non-ASCII byte 0x87"));
    assert!(has_warning(&m, "CNT declares 206"));
    assert!(has_warning(&m, "no final part"));
    let e = strict_err("gtas/apis-loader/Test3.txt");
    assert!(e.reason.contains("0x87"), "{e}");
    assert!(matches!(
        e.position,
        Some(Position::Segment { offset: 12949, .. })
    ));
}

#[test]
fn apis_airline2_star_dollar_una() {
    let m = check(
        "gtas/apis-loader/airline2.edi",
        ManifestFormat::Paxlst,
        10,
        "BETTON",
        "DAVID",
        "1954-10-16",
        Some("178556534"),
    );
    let t = by_surname(&m, "LOWE");
    assert_eq!(t.flight.as_deref(), Some("TN506"));
    assert_eq!(t.record_locator.as_deref(), Some("QXGYLO"));
    assert_eq!(t.documents[0].doc_type, "P");
    // CNT*42:136 for 10 passengers and UNT*121 are warnings, not errors.
    assert!(has_warning(&m, "CNT declares 136"));
    assert!(has_warning(&m, "UNT reference"));
}

#[test]
fn apis_multiple_flight_legs_and_junk_after_unz() {
    let m = check(
        "gtas/apis-loader/multiple_flight_leg_apis.txt",
        ManifestFormat::Paxlst,
        2,
        "BARRETT",
        "TODD",
        "1968-02-23",
        Some("YY3478621G"),
    );
    let t = by_surname(&m, "BARRETT");
    assert_eq!(t.id, "UUI34T543");
    assert_eq!(nat(t), "FRA");
    // Three TDT legs: the one with LOC+125/87 is the reported flight.
    assert_eq!(t.flight.as_deref(), Some("QQ827"));
    assert_eq!(by_surname(&m, "LANG").id, "ABC124");
    assert!(has_warning(&m, "data after UNZ"));
    let e = strict_err("gtas/apis-loader/multiple_flight_leg_apis.txt");
    assert!(e.reason.contains("after UNZ"), "{e}");
}

// ---------------------------------------------------------------- apis-parsers

#[test]
fn apis_message_indented_with_repetition_una() {
    let m = check(
        "gtas/apis-parsers/apisMessage.txt",
        ManifestFormat::Paxlst,
        2,
        "CLARK",
        "MICHAEL",
        "1972-09-07",
        None,
    );
    let t = by_surname(&m, "CLARK");
    assert_eq!(t.id, "ABC123");
    assert_eq!(t.record_locator.as_deref(), Some("TYR123"));
    assert_eq!(t.flight.as_deref(), Some("AA124"));
    assert!(t.documents.is_empty());
    let ids: Vec<&str> = travellers(&m).iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["ABC123", "TYL009"]);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

// ---------------------------------------------------------------- pnr-loader

#[test]
fn pnr_2_pnrs_basic_wrapped_docs() {
    let m = check(
        "gtas/pnr-loader/2_pnrs_basic.edi",
        ManifestFormat::Pnrgov,
        4,
        "SMITHJR",
        // The DOCS really says MRJONATHON: document names win over the TIF's.
        "MRJONATHON ROBERT",
        "1964-07-12",
        Some("123456789"),
    );
    let t = by_surname(&m, "SMITHJR");
    assert_eq!(t.id, "MFN4TI/1");
    assert_eq!(t.record_locator.as_deref(), Some("MFN4TI"));
    assert_eq!(t.flight.as_deref(), Some("DL324"));
    // `COOPE` + line break + `R`: the wrap is removed.
    let c = by_surname(&m, "COOPER");
    assert_eq!(c.id, "23456/2");
    assert_eq!(doc_numbers(c), ["987654321"]);
    assert_eq!(by_surname(&m, "JONES").given_names, "WILLIAMNEVELL");
}

#[test]
fn pnr_3_pnrs_group_infant_and_titles() {
    let m = check(
        "gtas/pnr-loader/3_pnrs.edi",
        ManifestFormat::Pnrgov,
        13,
        "VANDENBERG",
        "KEVIN MICHAEL",
        "1980-07-04",
        Some("548721687"),
    );
    let inf = travellers(&m)
        .into_iter()
        .find(|t| t.given_names == "ARCHER")
        .expect("infant");
    assert_eq!(inf.role.as_deref(), Some("infant"));
    assert_eq!(inf.id, "D1RGHI/43578I");
    assert_eq!(dob(inf), "2012-04-15");
    let kayla = travellers(&m)
        .into_iter()
        .find(|t| t.given_names == "KAYLA")
        .expect("KAYLAMS title stripped");
    assert_eq!(kayla.gender, Some(Gender::F));
    // TIF+ACME TEAM PARTY:G is a group name, not a traveller.
    assert!(has_warning(&m, "ACME TEAM PARTY"));
    assert_eq!(by_surname(&m, "ALLEN").given_names, "SETH");
}

#[test]
fn pnr_adult_and_infant_docs_under_adult() {
    let m = check(
        "gtas/pnr-loader/adult_and_infant.edi",
        ManifestFormat::Pnrgov,
        2,
        "TESTSURNAMEONE",
        "TESTNAMEONE",
        "1976-05-30",
        Some("52263000"),
    );
    let a = by_surname(&m, "TESTSURNAMEONE");
    assert_eq!(a.id, "XXXYET/1.1");
    assert_eq!(nat(a), "COL");
    assert_eq!(a.documents[0].issuer, "COL");
    // The FI DOCS filed under the adult goes to the infant TIF (not a third record).
    let i = by_surname(&m, "TESTSURNAMETWO");
    assert_eq!(i.role.as_deref(), Some("infant"));
    assert_eq!(dob(i), "2011-08-10");
    assert_eq!(doc_numbers(i), ["AO234000"]);
}

#[test]
fn pnr_codeshare_five_char_una() {
    let m = check(
        "gtas/pnr-loader/codeshare.edi",
        ManifestFormat::Pnrgov,
        2,
        "PARK",
        "SE JOON",
        "1972-09-10",
        Some("JR3364288"),
    );
    let p = by_surname(&m, "PARK");
    assert_eq!(p.id, "2LS6KP/1");
    assert_eq!(nat(p), "KOR");
    assert_eq!(p.documents.len(), 1, "repeated DOCS deduplicated");
    assert_eq!(by_surname(&m, "KIM").given_names, "KONG CHUN");
    assert!(has_warning(&m, "5 service characters"));
    let e = strict_err("gtas/pnr-loader/codeshare.edi");
    assert!(e.reason.contains("found 5"), "{e}");
}

#[test]
fn pnr_infant_typographic_terminator() {
    let m = check(
        "gtas/pnr-loader/infant.edi",
        ManifestFormat::Pnrgov,
        2,
        "BELT",
        "ISABELLE RUTH",
        "1978-07-01",
        Some("509229987"),
    );
    let ts = travellers(&m);
    let inf = ts
        .iter()
        .find(|t| t.role.as_deref() == Some("infant"))
        .unwrap();
    // `BEL T` (wrap space) in the DOCS keeps the TIF spelling.
    assert_eq!(inf.surname, "BELT");
    assert_eq!(inf.given_names, "SOPHY OLIVIA");
    assert_eq!(dob(inf), "2012-09-20");
    assert_eq!(doc_numbers(inf), ["512731999"]);
    assert!(has_warning(&m, "U+2019"));
    let e = strict_err("gtas/pnr-loader/infant.edi");
    assert!(e.reason.contains("typographic"), "{e}");
}

#[test]
fn pnr_multiple_flight_leg() {
    let m = check(
        "gtas/pnr-loader/multiple_flight_leg_pnr.txt",
        ManifestFormat::Pnrgov,
        2,
        "CHENNAPRAGADA",
        "STACY CHARLES",
        "1972-02-18",
        Some("25084013"),
    );
    let t = by_surname(&m, "NUTTALL");
    assert_eq!(t.given_names, "PETER PERRY");
    assert_eq!(t.flight.as_deref(), Some("UA988"));
    assert_eq!(t.id, "80F4E3/2");
}

#[test]
fn pnr_no_pnr_history_empty_docs_fields() {
    let m = check(
        "gtas/pnr-loader/no_pnr_history.edi",
        ManifestFormat::Pnrgov,
        4,
        "CARRERA",
        "MARCUS",
        "1980-04-17",
        Some("YA0196755"),
    );
    assert_eq!(nat(by_surname(&m, "CARRERA")), "ITA");
    // `/////05FEB53/F//DORON/NINA`: no document, DOB and gender still read.
    let d = by_surname(&m, "DORON");
    assert_eq!(d.given_names, "NINA");
    assert_eq!(dob(d), "1953-02-05");
    assert!(d.documents.is_empty());
    assert_eq!(d.id, "35K2IO/2");
    assert_eq!(by_surname(&m, "JACKS").id, "3MZVP2/1");
}

#[test]
fn pnr_pnr1() {
    let m = check(
        "gtas/pnr-loader/pnr1.txt",
        ManifestFormat::Pnrgov,
        2,
        "JONES",
        "WILLIAMNEVELL",
        "1964-07-12",
        None,
    );
    assert!(by_surname(&m, "JONES").documents.is_empty());
    assert!(has_warning(&m, "EQN declares 2"));
}

#[test]
fn pnr_pnr2() {
    check(
        "gtas/pnr-loader/pnr2.txt",
        ManifestFormat::Pnrgov,
        2,
        "WAYNE",
        "JOHNALVA",
        "2012-07-12",
        Some("123456789"),
    );
}

#[test]
fn pnr_pnr3() {
    let m = check(
        "gtas/pnr-loader/pnr3.txt",
        ManifestFormat::Pnrgov,
        4,
        "DOOLIN",
        "PETER SEBASTIAN",
        "1949-09-21",
        Some("276222776"),
    );
    assert_eq!(nat(by_surname(&m, "DOOLIN")), "PAK");
    assert_eq!(by_surname(&m, "WOO").documents[0].issuer, "ERI");
}

#[test]
fn pnr_pnr4() {
    check(
        "gtas/pnr-loader/pnr4.txt",
        ManifestFormat::Pnrgov,
        1,
        "RAVAL",
        "CHRISTOPHER JAY",
        "1964-09-09",
        Some("117557052"),
    );
}

#[test]
fn pnr_loader_message_example() {
    let m = check(
        "gtas/pnr-loader/pnrMessageExample.txt",
        ManifestFormat::Pnrgov,
        5,
        "LOBB",
        "MOLLY ZARA",
        "1954-08-13",
        Some("796428965"),
    );
    assert_eq!(by_surname(&m, "HABTE").given_names, "LIYA SOPHIA");
}

#[test]
fn pnr_split_wrapped_surname() {
    let m = check(
        "gtas/pnr-loader/pnr_split.edi",
        ManifestFormat::Pnrgov,
        3,
        "TESTSURNAMETHREE",
        "TESTNAMETHREE",
        "1994-10-14",
        Some("AO589000"),
    );
    // Same TIF reference 1.1 in two PNRs: ids are prefixed by the locator.
    assert_eq!(by_surname(&m, "TESTSURNAMETHREE").id, "BJOXXX/1.1");
    assert_eq!(travellers(&m)[0].id, "ICOXXX/1.1");
    assert_eq!(travellers(&m)[1].given_names, "TESTNAMETWO");
}

// ---------------------------------------------------------------- pnr-parsers

#[test]
fn pnr_big_message() {
    let m = check(
        "gtas/pnr-parsers/bigMessagePnr.txt",
        ManifestFormat::Pnrgov,
        7,
        "HOU",
        "LI SHI",
        "1993-09-25",
        Some("945329717"),
    );
    assert_eq!(by_surname(&m, "HOLCOMBE").given_names, "LORELEI LISE");
}

#[test]
fn pnr_bigbig_message() {
    let m = check(
        "gtas/pnr-parsers/bigbigPnr.txt",
        ManifestFormat::Pnrgov,
        86,
        "LAI",
        "BI DULCE",
        "1989-05-28",
        Some("191259499"),
    );
    // Nationality `0` is unreadable: a traveller warning, the field left empty.
    let t = by_surname(&m, "LAI");
    assert!(t.nationality.is_none());
    assert!(t.warnings.iter().any(|w| w.contains("\"0\"")));
}

#[test]
fn pnr_dangling_meta_character_una() {
    let m = check(
        "gtas/pnr-parsers/danglingMetaCharacter.txt",
        ManifestFormat::Pnrgov,
        1,
        "SERIO",
        "REUBEN JOAQUIN",
        "1994-10-20",
        Some("9173574"),
    );
    assert_eq!(nat(by_surname(&m, "SERIO")), "THA");
    assert_eq!(by_surname(&m, "SERIO").flight.as_deref(), Some("DL441"));
}

#[test]
fn pnr_modify_77_for_codeshare_missing_terminator() {
    let m = check(
        "gtas/pnr-parsers/modifyPnr77ForCodeShare.txt",
        ManifestFormat::Pnrgov,
        1,
        "VANDENBERG",
        "KEVIN MICHAEL",
        "1980-07-04",
        Some("548721687"),
    );
    assert!(has_warning(&m, "missing final segment terminator"));
    let e = strict_err("gtas/pnr-parsers/modifyPnr77ForCodeShare.txt");
    assert!(e.reason.contains("terminator"), "{e}");
}

#[test]
fn pnr_address_phone_ctcm() {
    let m = check(
        "gtas/pnr-parsers/pnrAddressPhoneCTCM.txt",
        ManifestFormat::Pnrgov,
        1,
        "LOBB",
        "MOLLY",
        "",
        None,
    );
    assert_eq!(by_surname(&m, "LOBB").id, "7C789A/1");
}

#[test]
fn pnr_bad_format_trailing_commentary() {
    let m = check(
        "gtas/pnr-parsers/pnrBadFormat.txt",
        ManifestFormat::Pnrgov,
        2,
        "LENDROT",
        "CHARLOTTE",
        "1952-02-14",
        None,
    );
    assert!(has_warning(&m, "Modify above message"));
    let e = strict_err("gtas/pnr-parsers/pnrBadFormat.txt");
    assert!(
        matches!(e.position, Some(Position::Segment { number: 28, .. })),
        "{e}"
    );
    assert!(e.to_string().contains("pnrBadFormat.txt"));
    assert!(e.to_string().contains("segment 28"));
}

#[test]
fn pnr_edge_release_in_free_text() {
    check(
        "gtas/pnr-parsers/pnrEdge.txt",
        ManifestFormat::Pnrgov,
        1,
        "LOBB",
        "MOLLY",
        "",
        None,
    );
}

#[test]
fn pnr_message() {
    let m = check(
        "gtas/pnr-parsers/pnrMessage.txt",
        ManifestFormat::Pnrgov,
        2,
        "SMITHJR",
        "JONATHON ROBERT",
        "1964-07-12",
        Some("123456789"),
    );
    assert_eq!(by_surname(&m, "SMITHJR").gender, Some(Gender::M));
}

#[test]
fn pnr_parsers_message_example() {
    check(
        "gtas/pnr-parsers/pnrMessageExample.txt",
        ManifestFormat::Pnrgov,
        5,
        "PHILIPPS",
        "MATTHIAS TIM",
        "1942-10-21",
        Some("330102546"),
    );
}

#[test]
fn pnr_guide_page_75_backslash_release_and_typographic_quotes() {
    let m = check(
        "gtas/pnr-parsers/pnrMessagePg75.txt",
        ManifestFormat::Pnrgov,
        2,
        "PARK",
        "SEJOON",
        "1972-09-10",
        Some("JR3364288"),
    );
    let k = by_surname(&m, "KIM");
    assert_eq!(k.given_names, "KONG CHUN");
    assert_eq!(dob(k), "1957-02-15");
    assert_eq!(k.id, "X49V9U/3");
}

#[test]
fn pnr_guide_page_76_wrapped_unh() {
    let m = check(
        "gtas/pnr-parsers/pnrMessagePg76.txt",
        ManifestFormat::Pnrgov,
        2,
        "DORON",
        "NINA",
        "1953-02-05",
        None,
    );
    assert_eq!(by_surname(&m, "DORON").flight.as_deref(), Some("TZ0006"));
    let e = strict_err("gtas/pnr-parsers/pnrMessagePg76.txt");
    assert!(e.reason.contains("terminator"), "{e}");
}

#[test]
fn pnr_guide_page_77() {
    check(
        "gtas/pnr-parsers/pnrMessagePg77.txt",
        ManifestFormat::Pnrgov,
        1,
        "VANDENBERG",
        "KEVIN MICHAEL",
        "1980-07-04",
        Some("548721687"),
    );
    assert!(strict_err("gtas/pnr-parsers/pnrMessagePg77.txt")
        .reason
        .contains("terminator"));
}

#[test]
fn pnr_no_org_msg() {
    check(
        "gtas/pnr-parsers/pnrNoOrgMsg.txt",
        ManifestFormat::Pnrgov,
        1,
        "LOBB",
        "MOLLY",
        "",
        None,
    );
}

#[test]
fn pnr_phone_ctcm() {
    check(
        "gtas/pnr-parsers/pnrPhoneCTCM.txt",
        ManifestFormat::Pnrgov,
        1,
        "LOBB",
        "MOLLY",
        "",
        None,
    );
}

#[test]
fn pnr_phone_ctc_m() {
    check(
        "gtas/pnr-parsers/pnrPhoneCTC_M.txt",
        ManifestFormat::Pnrgov,
        1,
        "LOBB",
        "MOLLY",
        "",
        None,
    );
}

#[test]
fn pnr_seat_formats() {
    check(
        "gtas/pnr-parsers/pnrSeatFormats.txt",
        ManifestFormat::Pnrgov,
        1,
        "LOBB",
        "MOLLY ZARA",
        "1954-08-13",
        Some("796428965"),
    );
}

#[test]
fn pnr_with_bags() {
    let m = check(
        "gtas/pnr-parsers/pnrWithBags.txt",
        ManifestFormat::Pnrgov,
        268,
        "FENNER",
        "JACKI ANJA",
        "1970-06-02",
        Some("448763368"),
    );
    assert_eq!(by_surname(&m, "FENNER").id, "157313/1");
}

#[test]
fn pnr_with_doco_visa() {
    let m = check(
        "gtas/pnr-parsers/pnrWithDoco.txt",
        ManifestFormat::Pnrgov,
        1,
        "ACKARY",
        "CHARLES MUHAMMAD",
        "1948-12-26",
        Some("602120901"),
    );
    let t = by_surname(&m, "ACKARY");
    let visa = t.documents.iter().find(|d| d.doc_type == "V").unwrap();
    assert_eq!(visa.number, "8675309");
    assert_eq!(visa.issuer, "LIE");
}

#[test]
fn pnr_with_prefixes_and_booking_detail_bags() {
    check(
        "gtas/pnr-parsers/pnrWithPrefixesAndBookingDetailBags.txt",
        ManifestFormat::Pnrgov,
        2,
        "PETROS",
        "FNAN ZAHRA",
        "1992-09-06",
        Some("586993080"),
    );
}

// ---------------------------------------------------------------- watchlist

#[test]
fn gtas_watchlist_csv_is_not_a_manifest() {
    // GTAS's watchlist CSV has no `id` column: a clean error naming the file.
    let e = try_read("gtas/watchlist/wl-NS.csv").unwrap_err();
    assert!(
        e.to_string().starts_with("gtas/watchlist/wl-NS.csv: "),
        "{e}"
    );
    assert!(e.reason.contains("unrecognised"), "{e}");
    let e = paxscreen_formats::read_manifest(
        &bytes("gtas/watchlist/wl-NS.csv"),
        "wl-NS.csv",
        Some(ManifestFormat::Csv),
    )
    .unwrap_err();
    assert_eq!(e.position, Some(Position::Line(1)));
    assert!(e.reason.contains("`id`"), "{e}");
}

#[test]
fn every_gtas_message_reads_without_rejections() {
    let dir = data("gtas");
    let mut n = 0;
    for sub in ["apis-loader", "apis-parsers", "pnr-loader", "pnr-parsers"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = entry.unwrap().path();
            let b = std::fs::read(&p).unwrap();
            let m = paxscreen_formats::read_manifest(&b, &p.display().to_string(), None)
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(!m.records.is_empty(), "{}", p.display());
            assert_unique_ids(&m);
            n += 1;
        }
    }
    assert_eq!(n, 37);
}
