//! Property tests: analysis never panics and its output is well formed.

use paxscreen_names::{analyze, analyze_person, transliterate, variant_key, MAX_FORMS};
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
}
