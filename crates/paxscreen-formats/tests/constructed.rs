//! The constructed examples (every field), syntax variants written here (custom UNAs,
//! layouts, Type B, multi-part out of order), CSV, MRZ and detection.

mod common;
use common::*;
use paxscreen_core::Gender;
use paxscreen_formats::{
    detect_format, read_manifest, read_manifest_with, ManifestFormat, Position, TokenizerOptions,
};

fn parse(text: &str) -> paxscreen_formats::Manifest {
    read_manifest(text.as_bytes(), "test.edi", None).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn constructed_paxlst_every_field() {
    let m = read("constructed/paxlst_d05b_3pax.edi");
    assert_eq!(m.format, ManifestFormat::Paxlst);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let t = travellers(&m);
    assert_eq!(t.len(), 3);

    let a = t[0];
    assert_eq!(a.id, "ZZ0123001"); // RFF+ABO
    assert_eq!(a.source, "constructed/paxlst_d05b_3pax.edi");
    assert_eq!(a.surname, "MUELLER");
    assert_eq!(a.given_names, "JUERGEN KARL");
    assert_eq!(dob(a), "1985-01-01");
    assert_eq!(a.gender, Some(Gender::M));
    assert_eq!(nat(a), "DEU");
    assert_eq!(a.documents.len(), 1);
    assert_eq!(a.documents[0].doc_type, "P");
    assert_eq!(a.documents[0].issuer, "DEU");
    assert_eq!(a.documents[0].number, "C01X00T47");
    assert_eq!(a.role.as_deref(), Some("passenger"));
    assert_eq!(a.flight.as_deref(), Some("ZZ0123"));
    assert_eq!(a.record_locator.as_deref(), Some("ABC123"));
    assert!(a.warnings.is_empty());

    let b = t[1];
    assert_eq!(b.id, "PAX001#2"); // no RFF+ABO: <UNH ref>#<position>
    assert_eq!(b.surname, "O'NEIL"); // O?'NEIL
    assert_eq!(b.given_names, "MARY ANN");
    assert_eq!(dob(b), "1990-02-15");
    assert_eq!(b.gender, Some(Gender::F));
    assert_eq!(nat(b), "IRL");
    assert_eq!(b.documents[0].number, "PA1234567");
    assert_eq!(b.documents[0].issuer, "IRL");
    assert_eq!(b.record_locator.as_deref(), Some("DEF456"));

    let c = t[2];
    assert_eq!(c.id, "PAX001#3");
    assert_eq!(c.surname, "AL HASSAN");
    assert_eq!(c.given_names, "MOHAMMED");
    assert_eq!(dob(c), "1979-06-30");
    assert_eq!(nat(c), "SYR");
    assert_eq!(c.documents[0].number, "N012345678");
    assert_eq!(c.documents[0].issuer, "SYR");
    assert_eq!(c.record_locator.as_deref(), Some("GHI789"));
}

#[test]
fn constructed_pnrgov_every_field() {
    let m = read("constructed/pnrgov_13_1_2pax.edi");
    assert_eq!(m.format, ManifestFormat::Pnrgov);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let t = travellers(&m);
    assert_eq!(t.len(), 2);
    let a = t[0];
    assert_eq!(a.id, "ABC123/1");
    assert_eq!(a.surname, "MUELLER");
    assert_eq!(a.given_names, "JUERGEN KARL");
    assert_eq!(dob(a), "1985-01-01");
    assert_eq!(a.gender, Some(Gender::M));
    assert_eq!(nat(a), "DEU");
    assert_eq!(a.documents.len(), 1);
    assert_eq!(a.documents[0].doc_type, "P");
    assert_eq!(a.documents[0].issuer, "DEU");
    assert_eq!(a.documents[0].number, "C01X00T47");
    assert_eq!(a.role.as_deref(), Some("passenger"));
    assert_eq!(a.flight.as_deref(), Some("ZZ0123"));
    assert_eq!(a.record_locator.as_deref(), Some("ABC123"));
    let b = t[1];
    assert_eq!(b.id, "ABC123/2");
    assert_eq!(b.given_names, "ANNA"); // ANNAMRS, then DOCS ANNA
    assert_eq!(dob(b), "1980-07-12");
    assert_eq!(b.gender, Some(Gender::F));
    assert_eq!(b.documents[0].number, "C01X00T48");
    assert!(b.warnings.is_empty(), "DOCA is ignored: {:?}", b.warnings);
}

#[test]
fn constructed_typeb_wrapped_fragment() {
    let m = read("constructed/typeb_wrapped_paxlst_fragment.edi");
    assert_eq!(m.format, ManifestFormat::Paxlst);
    let t = travellers(&m);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].surname, "O-NEIL"); // UNA:(.) -  release `)`
    assert_eq!(t[0].given_names, "MARY ANN");
    assert_eq!(t[0].id, "1#1");
    assert!(m.warnings.iter().any(|w| w.contains("Type B")));
    // Part 05 of a transmission whose other parts are missing.
    assert!(m.warnings.iter().any(|w| w.contains("missing")));
}

#[test]
fn constructed_mrz_specimens() {
    let m = read("constructed/mrz_specimens.txt");
    assert_eq!(m.format, ManifestFormat::Mrz);
    let t = travellers(&m);
    assert_eq!(t.len(), 5);
    assert_eq!(t[0].surname, "ERIKSSON");
    assert_eq!(t[0].given_names, "ANNA MARIA");
    assert_eq!(dob(t[0]), "1974-08-12");
    assert_eq!(t[0].documents[0].number, "L898902C3");
    assert_eq!(t[1].documents[0].doc_type, "I");
    assert_eq!(t[1].documents[0].number, "D23145890");
    assert_eq!(t[2].surname, "MUELLER LUEDENSCHEIDT");
    assert_eq!(t[2].given_names, "JUERGEN");
    assert_eq!(nat(t[2]), "DEU"); // D<<
    assert_eq!(t[2].documents[0].issuer, "DEU");
    assert_eq!(t[3].surname, "SHEVCHENKO");
    assert_eq!(t[3].given_names, "IULIIA");
    assert_eq!(t[3].gender, Some(Gender::F));
    assert_eq!(t[4].surname, "NUNEZ PENA");
    assert_eq!(t[4].documents[0].number, "BAA000589");
    assert_eq!(t[4].id, "mrz#5");
}

#[test]
fn mrz_bad_check_digit_is_rejected_with_reason() {
    let text = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<10\n";
    let m = read_manifest(text.as_bytes(), "m.txt", None).unwrap();
    assert_eq!(m.format, ManifestFormat::Mrz);
    let r = rejected(&m);
    assert_eq!(r.len(), 1);
    assert!(r[0].reason.contains("date of birth"), "{}", r[0].reason);
    assert_eq!(r[0].position, "line 1");
}

const PAX: &str = "UNA:+.? '\
UNB+UNOA:4+AIR:ZZ+GOV:ZZ+250301:0900+1++APIS'\
UNH+M1+PAXLST:D:05B:UN:IATA+CAR1+01:F'BGM+745'TDT+20+ZZ1+++ZZ'LOC+125+IST'\
NAD+FL+++DOE:JOHN'ATT+2++M'DTM+329:800101'NAT+2+GBR'DOC+P+X1'DTM+36:300101'LOC+91+GBR'\
CNT+42:1'UNT+13+M1'UNZ+1+1'";

#[test]
fn one_line_and_one_segment_per_line_read_alike() {
    let a = parse(PAX);
    let multi = PAX.replace('\'', "'\r\n    ");
    let b = parse(&multi);
    assert_eq!(a.records, b.records);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    let t = &travellers(&a)[0];
    assert_eq!(t.surname, "DOE");
    assert_eq!(t.documents[0].number, "X1");
}

#[test]
fn custom_una_star_dollar() {
    let text = PAX
        .replace("UNA:+.? '", "UNA:*.? $")
        .replace('+', "*")
        .replace('\'', "$");
    let m = parse(&text);
    let t = &travellers(&m)[0];
    assert_eq!(
        (t.surname.as_str(), t.given_names.as_str()),
        ("DOE", "JOHN")
    );
    assert_eq!(dob(t), "1980-01-01");
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn custom_una_paren_dash() {
    let text = PAX
        .replace("UNA:+.? '", "UNA:(.) -")
        .replace('+', "(")
        .replace('\'', "-")
        .replace("DOE:JOHN", "O)-DOE:JOHN");
    let m = parse(&text);
    assert_eq!(travellers(&m)[0].surname, "O-DOE");
}

#[test]
fn custom_una_backslash_release() {
    let text = PAX
        .replace("UNA:+.? '", "UNA:+.\\*'")
        .replace("DOE:JOHN", "O\\'DOE\\+X:JOHN");
    let m = parse(&text);
    assert_eq!(travellers(&m)[0].surname, "O'DOE+X");
}

#[test]
fn release_character_escapes() {
    let m = parse(&PAX.replace("DOE:JOHN", "O?'NEIL??:JO?:HN"));
    let t = &travellers(&m)[0];
    assert_eq!(t.surname, "O'NEIL?");
    assert_eq!(t.given_names, "JO:HN");
}

#[test]
fn type_b_envelope_with_control_characters() {
    let text = format!("\u{1}QK LONPPXS\r\n.MUCKMTS 250521\r\n\u{2}{PAX}\r\n\u{3}");
    assert_eq!(detect_format(text.as_bytes()), Some(ManifestFormat::Paxlst));
    let m = parse(&text);
    assert_eq!(travellers(&m)[0].surname, "DOE");
    assert!(m.warnings.iter().any(|w| w.contains("Type B")));
}

#[test]
fn three_part_message_out_of_order() {
    let part = |seq: &str, name: &str, n: usize| {
        format!(
            "UNH+P{n}+PAXLST:D:05B:UN:IATA+CHAIN1+{seq}'BGM+250'TDT+20+CI5+++CI'LOC+125+TPE'\
             NAD+FM+++{name}:CREW'ATT+2++F'DTM+329:700101'CNT+41:1'UNT+9+P{n}'"
        )
    };
    let text = format!(
        "UNA:+.? 'UNB+UNOA:4+CI+GOV+250301:0900+9'{}{}{}UNZ+3+9'",
        part("03:F", "THIRD", 3),
        part("01:C", "FIRST", 1),
        part("02", "SECOND", 2),
    );
    let m = parse(&text);
    let names: Vec<&str> = travellers(&m).iter().map(|t| t.surname.as_str()).collect();
    assert_eq!(names, ["FIRST", "SECOND", "THIRD"]);
    // Positions run on across the reassembled parts, under the first part's reference.
    let ids: Vec<&str> = travellers(&m).iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["P1#1", "P1#2", "P1#3"]);
    assert!(travellers(&m)
        .iter()
        .all(|t| t.role.as_deref() == Some("crew")));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);

    // A missing middle part is a warning.
    let text = format!(
        "UNB+UNOA:4+CI+GOV+250301:0900+9'{}{}UNZ+2+9'",
        part("03:F", "THIRD", 3),
        part("01:C", "FIRST", 1),
    );
    let m = parse(&text);
    assert_eq!(m.records.len(), 2);
    assert!(
        m.warnings.iter().any(|w| w.contains("[2] missing")),
        "{:?}",
        m.warnings
    );
}

#[test]
fn paxlst_field_problems_and_nameless_person() {
    let text = PAX
        .replace("DTM+329:800101", "DTM+329:801340")
        .replace("NAT+2+GBR", "NAT+2+QQQ")
        .replace(
            "CNT+42:1",
            "NAD+FL+++:'ATT+2++F'NAD+DDU+++TRANSIT:TOM'RFF+ABO:REF9'CNT+42:3",
        )
        .replace("UNT+13", "UNT+17");
    let m = parse(&text);
    assert_eq!(m.records.len(), 3, "every NAD person in = one record out");
    let t = m.records[0].as_ref().unwrap();
    assert!(t.dob.is_none());
    assert!(t.nationality.is_none());
    assert_eq!(t.warnings.len(), 2, "{:?}", t.warnings);
    assert!(t.warnings[0].contains("801340"));
    assert!(t.warnings[1].contains("QQQ"));
    let r = m.records[1].as_ref().unwrap_err();
    assert_eq!(r.id, "M1#2");
    assert!(r.position.starts_with("segment "), "{}", r.position);
    assert!(r.reason.contains("no name"));
    let d = m.records[2].as_ref().unwrap();
    assert_eq!(d.id, "REF9");
    assert_eq!(d.role.as_deref(), Some("in_transit_passenger"));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn cnt_and_unt_mismatch_are_warnings() {
    let m = parse(
        &PAX.replace("CNT+42:1", "CNT+42:5")
            .replace("UNT+13", "UNT+99"),
    );
    assert_eq!(m.records.len(), 1);
    assert!(m.warnings.iter().any(|w| w.contains("CNT declares 5")));
    assert!(m.warnings.iter().any(|w| w.contains("UNT declares")));
}

#[test]
fn repeated_references_get_suffixes() {
    let text = PAX.replace(
        "CNT+42:1",
        "RFF+ABO:R1'NAD+FL+++A:B'RFF+ABO:R1'NAD+FL+++C:D'RFF+ABO:R1'CNT+42:3",
    );
    let m = parse(&text);
    let ids: Vec<&str> = travellers(&m).iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R1#2", "R1#3"]);
}

#[test]
fn pnrgov_titles_doubled_surnames_infants_and_shifted_docs() {
    let text = "UNA:+.?*'UNB+IATA:1+ZZ+GOV+250301:0600+1'UNH+1+PNRGOV:13:1:IA+X+01:F'\
        MSG+:22'TVL+010325:1000+IST+LHR+ZZ+0123'EQN+1'SRC'RCI+ZZ:LOC1'\
        TIF+YY+MOANMISS:A:1'\
        TIF+JONES+JOHNMR:A:2'SSR+DOCS:HK:1:ZZ:::::P/GB/123/GB/01JAN80/M/01JAN30/JONES/JOHN+::2'\
        SSR+DOCS:HK:1:ZZ:::::/P/GBR/INF1/GBR/01JAN24/FI/01JAN30/JONES/BABY+::2'\
        TIF+SMITH+ALEXANDR:A:3'SSR+DOCO:HK:1:ZZ::::: HERE/V/V123/THERE/01JAN20/GBR+::3'\
        TIF++:A:4'\
        UNT+14+1'UNZ+1+1'";
    let m = parse(text);
    assert_eq!(m.format, ManifestFormat::Pnrgov);
    assert_eq!(m.records.len(), 5, "{:#?}", m.records);
    let t = travellers(&m);
    assert_eq!(
        (t[0].surname.as_str(), t[0].given_names.as_str()),
        ("Y", "MOAN")
    );
    assert_eq!(t[0].id, "LOC1/1");
    // No leading slash and 2-letter codes.
    assert_eq!(t[1].given_names, "JOHN");
    assert_eq!(nat(t[1]), "GBR");
    assert_eq!(t[1].documents[0].issuer, "GBR");
    assert_eq!(t[1].documents[0].number, "123");
    // Infant DOCS under the adult, no infant TIF: an extra traveller.
    assert_eq!(t[2].role.as_deref(), Some("infant"));
    assert_eq!(t[2].given_names, "BABY");
    assert_eq!(t[2].id, "LOC1/2/INF");
    assert_eq!(dob(t[2]), "2024-01-01");
    // Visa from DOCO.
    assert_eq!(t[3].documents[0].doc_type, "V");
    assert_eq!(t[3].documents[0].number, "V123");
    let r = rejected(&m);
    assert_eq!(r[0].id, "LOC1/4");
}

// ---------------------------------------------------------------- CSV

#[test]
fn traveller_csv() {
    let text = "\u{FEFF}id,surname,given_names,dob,gender,nationality,doc_type,doc_number,doc_issuer,notes\n\
        T0001,AL HASSAN,MOHAMMED,1979-06-30,M,SYR,P,N012345678,SYR,x\n\
        T0002,\"O'NEIL, JR\",MARY,1990,F,ZZZ,,,,\n\
        T0003,SMITH,,30/06/1979,,,,,,\n\
        ,NOID,,,,,,,,\n\
        T0001,DUP,,,,,,,,\n\
        T0006,SHORT\n";
    assert_eq!(detect_format(text.as_bytes()), Some(ManifestFormat::Csv));
    let m = read_manifest(text.as_bytes(), "t.csv", None).unwrap();
    assert_eq!(m.format, ManifestFormat::Csv);
    assert_eq!(m.records.len(), 6);
    let a = m.records[0].as_ref().unwrap();
    assert_eq!(a.id, "T0001");
    assert_eq!(a.source, "t.csv");
    assert_eq!(dob(a), "1979-06-30");
    assert_eq!(a.documents[0].number, "N012345678");
    let b = m.records[1].as_ref().unwrap();
    assert_eq!(b.surname, "O'NEIL, JR");
    assert_eq!(dob(b), "1990");
    assert!(b.nationality.is_none());
    assert!(b.warnings[0].contains("ZZZ"));
    for (i, (line, field)) in [(4, "dob"), (5, "id"), (6, "duplicate"), (7, "columns")]
        .into_iter()
        .enumerate()
    {
        let r = m.records[i + 2].as_ref().unwrap_err();
        assert_eq!(r.position, format!("line {line}"));
        assert!(r.reason.contains(field), "{}", r.reason);
    }
    assert_unique_ids(&m);
}

#[test]
fn csv_without_header_columns_is_an_error() {
    let e =
        read_manifest(b"surname,dob\nX,1980\n", "x.csv", Some(ManifestFormat::Csv)).unwrap_err();
    assert_eq!(e.position(), Some(Position::Line(1)));
    assert!(e.to_string().contains("x.csv: line 1:"), "{e}");
}

// ---------------------------------------------------------------- detection

#[test]
fn detection_and_format_names() {
    assert_eq!(detect_format(PAX.as_bytes()), Some(ManifestFormat::Paxlst));
    assert_eq!(
        detect_format(&bytes("constructed/pnrgov_13_1_2pax.edi")),
        Some(ManifestFormat::Pnrgov)
    );
    assert_eq!(
        detect_format(&bytes("constructed/typeb_wrapped_paxlst_fragment.edi")),
        Some(ManifestFormat::Paxlst)
    );
    assert_eq!(
        detect_format(&bytes("constructed/mrz_specimens.txt")),
        Some(ManifestFormat::Mrz)
    );
    assert_eq!(detect_format(b"hello world"), None);
    assert_eq!(detect_format(b""), None);
    assert_eq!(
        ManifestFormat::parse("PAXLST"),
        Some(ManifestFormat::Paxlst)
    );
    assert_eq!(
        ManifestFormat::parse("pnrgov"),
        Some(ManifestFormat::Pnrgov)
    );
    assert_eq!(ManifestFormat::parse("csv"), Some(ManifestFormat::Csv));
    assert_eq!(ManifestFormat::parse("mrz"), Some(ManifestFormat::Mrz));
    assert_eq!(ManifestFormat::parse("xml"), None);
}

#[test]
fn unreadable_input_errors_name_source_position_and_reason() {
    let e = read_manifest(b"", "empty.edi", None).unwrap_err();
    assert!(e.to_string().starts_with("empty.edi: "), "{e}");
    // A UTF-16 export (a spreadsheet's "Unicode text") is named as such.
    let utf16: Vec<u8> = "\u{feff}id,surname,given_names\r\nT1,DOE,JANE\r\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let e = read_manifest(&utf16, "export.csv", None).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("export.csv: UTF-16 text: save the manifest as UTF-8"),
        "{e}"
    );
    let e = read_manifest(b"UNA:+", "short.edi", Some(ManifestFormat::Paxlst)).unwrap_err();
    assert!(
        matches!(e.position(), Some(Position::Segment { .. })),
        "{e}"
    );
    let e = read_manifest(
        b"UNB+UNOA:4+X'UNZ+1+1'",
        "nomsg.edi",
        Some(ManifestFormat::Paxlst),
    )
    .unwrap_err();
    assert!(e.reason.contains("no PAXLST message"), "{e}");
    assert_eq!(
        e.to_string(),
        "nomsg.edi: segment 1 (byte 0): no PAXLST message (UNH ... PAXLST) found"
    );
    // A PNRGOV given as PAXLST: the message is ignored with a warning, then an error.
    let e = read_manifest_with(
        &bytes("constructed/pnrgov_13_1_2pax.edi"),
        "p.edi",
        Some(ManifestFormat::Paxlst),
        TokenizerOptions::default(),
    )
    .unwrap_err();
    assert!(e.reason.contains("no PAXLST"), "{e}");
}

#[test]
fn text_before_the_interchange() {
    let text = format!("Received 13Nov09\r\nfrom carrier\r\n{PAX}");
    assert_eq!(detect_format(text.as_bytes()), Some(ManifestFormat::Paxlst));
    let m = parse(&text);
    assert_eq!(travellers(&m)[0].surname, "DOE");
    assert!(m
        .warnings
        .iter()
        .any(|w| w.contains("before the interchange")));
    let e = read_manifest_with(
        text.as_bytes(),
        "j.edi",
        None,
        TokenizerOptions { strict: true },
    )
    .unwrap_err();
    assert!(e.reason.contains("before the interchange"), "{e}");
}

#[test]
fn pnrgov_without_src_reads_an_implicit_pnr() {
    let text =
        "UNB+IATA:1+ZZ+GOV+250301:0600+1'UNH+7+PNRGOV:11:1:IA+X'TVL+010325:1000+IST+LHR+ZZ+12'\
        TIF+DOE+JANEMS:A'SSR+DOCS:HK:1:ZZ:::::/P/GBR/P77/GBR/02FEB82/F//DOE/JANE'UNT+5+7'UNZ+1+1'";
    let m = parse(text);
    let t = travellers(&m);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].id, "7#1"); // no TIF reference: <UNH ref>#<position>
    assert_eq!(t[0].given_names, "JANE");
    assert_eq!(dob(t[0]), "1982-02-02");
    assert_eq!(t[0].flight.as_deref(), Some("ZZ12"));
    assert!(m.warnings.iter().any(|w| w.contains("implicit PNR")));
}

#[test]
fn paxlst_flight_number_with_carrier_in_c040() {
    let m = parse(&PAX.replace("TDT+20+ZZ1+++ZZ", "TDT+20+0989+++UA"));
    assert_eq!(travellers(&m)[0].flight.as_deref(), Some("UA0989"));
}
