//! The whole harness on a hand-made example: three listed persons, three listed
//! travellers (their exact names and dates of birth) and three innocent travellers.

use paxscreen_core::{
    Country, DobSpec, ListedName, NameQuality, PartialDate, Traveller, WatchlistEntry,
};
use paxscreen_engine::Screener;
use paxscreen_eval::metrics::{Case, Rate};
use paxscreen_eval::{evaluate, EvalOptions, LabelledTraveller};

fn entry(id: &str, name: &str, dob: &str, nationality: &str) -> WatchlistEntry {
    WatchlistEntry {
        id: id.into(),
        list: "TEST".into(),
        names: vec![ListedName {
            name: name.into(),
            quality: NameQuality::Primary,
        }],
        dobs: vec![DobSpec::parse(dob).unwrap()],
        nationalities: vec![Country::from_code(nationality).unwrap()],
        ..Default::default()
    }
}

fn traveller(id: &str, given: &str, surname: &str, dob: &str, nationality: &str) -> Traveller {
    Traveller {
        id: id.into(),
        source: "tiny".into(),
        given_names: given.into(),
        surname: surname.into(),
        dob: Some(PartialDate::parse(dob).unwrap()),
        nationality: Some(Country::from_code(nationality).unwrap()),
        ..Default::default()
    }
}

fn labelled(t: Traveller, category: &str, expected: Option<&str>) -> LabelledTraveller {
    LabelledTraveller {
        case: Case {
            traveller_id: t.id.clone(),
            category: category.into(),
            expected: expected.map(String::from),
            also: Vec::new(),
            full_dob: t.dob.is_some_and(|d| d.is_full()),
        },
        traveller: Some(t),
    }
}

fn example() -> (Screener, Vec<LabelledTraveller>) {
    let screener = Screener::build(
        vec![
            entry("E1", "Abu Bakr AL-BAGHDADI", "1971-07-28", "IRQ"),
            entry("E2", "Ivan PETROV", "1965-03-02", "RUS"),
            entry("E3", "Hassan KHALIL", "1980-01-15", "LBN"),
        ],
        vec!["hand-made".into()],
    )
    .unwrap();
    let travellers = vec![
        labelled(
            traveller("L1", "ABU BAKR", "AL-BAGHDADI", "1971-07-28", "IRQ"),
            "exact",
            Some("E1"),
        ),
        labelled(
            traveller("L2", "IVAN", "PETROV", "1965-03-02", "RUS"),
            "exact",
            Some("E2"),
        ),
        labelled(
            traveller("L3", "HASSAN", "KHALIL", "1980-01-15", "LBN"),
            "exact",
            Some("E3"),
        ),
        labelled(
            traveller("I1", "MARIA", "GARCIA", "1990-05-05", "ESP"),
            "innocent",
            None,
        ),
        labelled(
            traveller("I2", "JOHN", "SMITH", "1975-06-06", "GBR"),
            "innocent",
            None,
        ),
        labelled(
            traveller("I3", "YUKI", "TANAKA", "1988-08-08", "JPN"),
            "innocent",
            None,
        ),
    ];
    (screener, travellers)
}

#[test]
fn metrics_on_a_tiny_example() {
    let (screener, travellers) = example();
    let options = EvalOptions {
        threshold: 0.8,
        baselines: true,
        baseline_sample: 0,
    };
    let report = evaluate(&screener, &travellers, &options);
    let p = &report.paxscreen;
    assert_eq!(report.counts.labelled, 6);
    assert_eq!(report.counts.listed, 3);
    assert_eq!(p.recall, Rate::new(3, 3));
    assert_eq!(p.recall_by_category["exact"], Rate::new(3, 3));
    assert_eq!(p.top1, Rate::new(3, 3));
    assert_eq!(p.false_alerts["innocent"], Rate::new(0, 3));
    assert_eq!(p.false_alerts["namesake"], Rate::new(0, 0));
    assert!(
        (p.hits_per_traveller - 0.5).abs() < 1e-12,
        "{}",
        p.hits_per_traveller
    );
    let best = p.recall_at_alert_rate(0.01).unwrap();
    assert_eq!(best.recall, 1.0);
    assert_eq!(best.alert_rate, 0.0);

    let b = report.baselines.as_ref().unwrap();
    assert_eq!(b.sample.size, 6);
    assert_eq!(b.listed_names, 3);
    assert_eq!(b.paxscreen.recall, Rate::new(3, 3));
    // GTAS: exact names and dates of birth satisfy both of its conditions.
    assert_eq!(b.gtas.recall, Rate::new(3, 3));
    assert_eq!(b.gtas.false_alerts["innocent"], Rate::new(0, 3));
    assert_eq!(b.gtas.threshold, None);
    // Token sort: identical sorted names score 1.0.
    assert_eq!(b.token_sort.recall, Rate::new(3, 3));
    assert_eq!(b.token_sort.false_alerts["innocent"], Rate::new(0, 3));
    assert_eq!(b.same_alert_rate[0].baseline, "gtas");
    assert_eq!(b.same_alert_rate[0].paxscreen_recall, 1.0);

    let text = report.render_text();
    assert!(
        text.contains("recall") && text.contains("BASELINES"),
        "{text}"
    );
    let svg = report.render_svg();
    assert!(svg.starts_with("<svg"));
    assert_eq!(svg.matches("<polyline").count(), 3);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["paxscreen"]["sweep"].as_array().unwrap().len(), 50);
}

#[test]
fn sweep_is_monotone() {
    let (screener, mut travellers) = example();
    // A typo'd listed traveller and a namesake make the curve move.
    travellers.push(labelled(
        traveller("L4", "IVAN", "PETROVV", "1965", "RUS"),
        "typo",
        Some("E2"),
    ));
    travellers.push(labelled(
        traveller("N1", "HASSAN", "KHALIL", "1991-02-03", "FRA"),
        "namesake",
        None,
    ));
    let report = evaluate(&screener, &travellers, &EvalOptions::default());
    for m in [
        &report.paxscreen,
        &report.baselines.as_ref().unwrap().token_sort,
    ] {
        for w in m.sweep.windows(2) {
            assert!(w[0].threshold < w[1].threshold);
            assert!(w[1].recall <= w[0].recall, "{}: {:?}", m.method, w);
            assert!(w[1].innocent_alert_rate <= w[0].innocent_alert_rate);
            assert!(w[1].namesake_alert_rate <= w[0].namesake_alert_rate);
            assert!(w[1].hits_per_traveller <= w[0].hits_per_traveller);
        }
    }
    assert_eq!(report.paxscreen.false_alerts["namesake_full_dob"].total, 1);
}

#[test]
fn rejected_travellers_count_as_misses() {
    let (screener, mut travellers) = example();
    travellers[0].traveller = None;
    let options = EvalOptions {
        baselines: false,
        ..EvalOptions::default()
    };
    let report = evaluate(&screener, &travellers, &options);
    assert_eq!(report.counts.rejected, 1);
    assert_eq!(report.paxscreen.recall, Rate::new(2, 3));
    assert!(report.baselines.is_none());
}
