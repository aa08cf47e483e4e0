//! Property tests: analysis never panics and its output is well formed.

use paxscreen_names::{
    abd_joined_reading, analyze, analyze_person, transliterate, variant_key, MAX_FORMS,
};
use proptest::prelude::*;

fn check(a: &paxscreen_names::AnalyzedName) {
    for t in &a.tokens {
        assert!(!t.forms.is_empty());
        assert!(t.forms.len() <= MAX_FORMS);
        assert!(!t.keys.is_empty() || t.forms.iter().all(|f| variant_key(f).is_empty()));
        for f in &t.forms {
            assert!(
                !f.is_empty() && f.bytes().all(|b| b.is_ascii_uppercase()),
                "{f:?}"
            );
        }
        let mut d = t.forms.clone();
        d.dedup();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), t.forms.len(), "duplicate forms {:?}", t.forms);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn analyze_any_string(s in any::<String>()) {
        check(&analyze(&s));
        let _ = transliterate(&s);
        let _ = variant_key(&s);
    }

    #[test]
    fn analyze_name_like(s in "[A-Za-z' \\-<ÄÖÜäöüßçéñØÆŒÞ]{0,40}") {
        check(&analyze(&s));
    }

    /// Hyphenated words ending in a patronymic, which analysis glues into one token.
    #[test]
    fn analyze_hyphenated_patronymics(
        s in "(([A-Za-zА-Яа-я']{0,8}-){1,3}[A-Za-z]{0,6}(ovich|EVNA|ович|-)[ ,]?){1,3}"
    ) {
        check(&analyze(&s));
        check(&paxscreen_names::analyze_person(&s, &s));
    }

    /// MRZ-like names: ICAO §6 C X digraphs, NXX / UXX, German and French Slavic
    /// spellings, and a stray non-Latin letter among them.
    #[test]
    fn analyze_mrz_like(s in "(XH|XKH|XSS|EBD|ALLH|NXX|UXX|SCH|OW|IOU|IA|[A-Z]|中|<| ){0,16}") {
        check(&analyze(&s));
        check(&analyze_person(&s, &s));
    }

    #[test]
    fn analyze_scripts(s in "[\\u{0600}-\\u{06FF}\\u{0400}-\\u{04FF} ]{0,30}") {
        check(&analyze(&s));
        for f in transliterate(&s) {
            prop_assert!(f.bytes().all(|b| b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn person_any(a in any::<String>(), b in "[A-Z ]{0,20}(MR|MRS|MS|MISS|MSTR|DR)?") {
        check(&analyze_person(&a, &b));
        check(&analyze_person(&b, &a));
    }

    /// The joined reading never panics, is well formed and holds the ABD compound it
    /// was made for, with at most one token more than the plain reading.
    #[test]
    fn abd_joined_reading_any(
        sur in "((AB[DR]?[UE]?L|ABD|ADEL|AL|HAQ|RHIM|QUDDUS|MANAN)( |-)?){0,3}",
        given in "((AB[DR]?[UE]?L|ABD|AL|HAQ|RAHIM|MR|HAFIZ)( |-)?){0,3}",
        any_text in any::<String>(),
    ) {
        for (a, b) in [(&sur, &given), (&given, &sur), (&any_text, &given), (&sur, &any_text)] {
            let plain = analyze_person(a, b);
            let primaries: Vec<&str> = plain.tokens.iter().map(|t| t.forms[0].as_str()).collect();
            if let Some(j) = abd_joined_reading(a, b, &primaries) {
                check(&j);
                prop_assert!(j.tokens.len() <= plain.tokens.len() + 1, "{a:?} / {b:?}");
                prop_assert!(j.tokens.iter().any(|t| t.forms[0].starts_with("ABD")), "{a:?} / {b:?}: {j:?}");
            }
        }
    }
}
