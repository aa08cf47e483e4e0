//! Property tests: no input makes the tokenizer or the readers panic, in lenient or
//! strict mode, whether arbitrary bytes or mutated real fixtures.

mod common;
use common::bytes;
use paxscreen_formats::{
    detect_format, edifact, mrz, read_manifest, read_manifest_with, ManifestFormat,
    TokenizerOptions,
};
use proptest::prelude::*;

const FIXTURES: &[&str] = &[
    "constructed/paxlst_d05b_3pax.edi",
    "constructed/pnrgov_13_1_2pax.edi",
    "constructed/typeb_wrapped_paxlst_fragment.edi",
    "constructed/mrz_specimens.txt",
    "gtas/apis-loader/Test1.txt",
    "gtas/apis-loader/airline2.edi",
    "gtas/apis-loader/multiple_flight_leg_apis.txt",
    "gtas/apis-parsers/apisMessage.txt",
    "gtas/pnr-loader/3_pnrs.edi",
    "gtas/pnr-loader/adult_and_infant.edi",
    "gtas/pnr-loader/codeshare.edi",
    "gtas/pnr-loader/infant.edi",
    "gtas/pnr-loader/2_pnrs_basic.edi",
    "gtas/pnr-parsers/danglingMetaCharacter.txt",
    "gtas/pnr-parsers/pnrBadFormat.txt",
    "gtas/pnr-parsers/pnrMessagePg75.txt",
    "gtas/pnr-parsers/pnrWithDoco.txt",
];

fn all_readers(b: &[u8]) {
    let _ = detect_format(b);
    for strict in [false, true] {
        let opts = TokenizerOptions { strict };
        let _ = edifact::tokenize(b, opts);
        for f in [
            None,
            Some(ManifestFormat::Paxlst),
            Some(ManifestFormat::Pnrgov),
            Some(ManifestFormat::Csv),
            Some(ManifestFormat::Mrz),
        ] {
            let _ = read_manifest_with(b, "fuzz", f, opts);
        }
    }
    if let Ok(s) = std::str::from_utf8(b) {
        let _ = mrz::parse_mrz(s);
    }
}

/// A mutation of a fixture: replace, insert or delete bytes at some places, or cut it.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Bytes that matter to the syntax are chosen often.
    let special = prop_oneof![
        Just(b'\''),
        Just(b'+'),
        Just(b':'),
        Just(b'?'),
        Just(b'*'),
        Just(b'\n'),
        Just(b'/'),
        Just(0x01u8),
        Just(0x02u8),
        Just(0xE1u8),
        Just(0xE2u8),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<usize>(), special).prop_map(|(i, b)| Edit::Set(i, b)),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, v)| Edit::Insert(i, v)),
        (any::<usize>(), 1usize..40).prop_map(|(i, n)| Edit::Delete(i, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(mut b: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = b.len().max(1);
        match e {
            Edit::Set(i, v) => {
                if !b.is_empty() {
                    let i = i % len;
                    b[i] = *v;
                }
            }
            Edit::Insert(i, v) => {
                let i = i % (b.len() + 1);
                b.splice(i..i, v.iter().copied());
            }
            Edit::Delete(i, n) => {
                if !b.is_empty() {
                    let i = i % len;
                    let end = (i + n).min(b.len());
                    b.drain(i..end);
                }
            }
            Edit::Truncate(i) => {
                let i = i % (b.len() + 1);
                b.truncate(i);
            }
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..400)) {
        all_readers(&b);
    }

    #[test]
    fn edifact_like_text_never_panics(
        s in "(UNA[:+.?* '$()\\\\-]{4,7})?(UNB\\+(UNOA|UNOC|UNOE|IATA):4\\+X')?(UNH\\+1\\+(PAXLST|PNRGOV):D'|BGM\\+745'|NAD\\+FL\\+\\+\\+[A-Z?':]{0,8}'|TIF\\+[A-Z]{0,3}\\+[A-Z:]{0,8}'|SSR\\+DOCS:HK:::::::[/A-Z0-9]{0,30}\\+::1'|SRC'|DTM\\+329:[0-9]{0,8}'|UNT\\+3\\+1'|[ \\r\\n]){0,20}"
    ) {
        all_readers(s.as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let b = apply(bytes(FIXTURES[which]), &edits);
        all_readers(&b);
        // Lenient reading of a mutated EDIFACT fixture keeps every record accountable.
        if let Ok(m) = read_manifest(&b, "fuzz", None) {
            for r in &m.records {
                match r {
                    Ok(t) => prop_assert!(!t.id.is_empty()),
                    Err(r) => prop_assert!(!r.reason.is_empty()),
                }
            }
        }
    }
}
