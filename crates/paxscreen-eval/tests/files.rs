//! `run_eval` and `load_labelled` on real files: errors name the file and the line.

use paxscreen_eval::{run_eval, EvalArgs, EvalError};
use std::path::{Path, PathBuf};

const WATCHLIST: &str = "id,names,dob,nationality,gender,documents,list,remarks
E1,Abu Bakr AL-BAGHDADI|Ibrahim Awwad Ibrahim AL-BADRI,1971-07-28,IRQ,M,,TEST,
E2,Ivan PETROV,1965-03-02,RUS,M,,TEST,
";

const TRAVELLERS: &str =
    "id,surname,given_names,dob,gender,nationality,doc_type,doc_number,doc_issuer
T1,AL-BAGHDADI,ABU BAKR,1971-07-28,M,IRQ,,,
T2,PETROV,IVAN,1965-03-02,M,RUS,,,
T3,GARCIA,MARIA,1990-05-05,F,ESP,,,
T4,PETROV,IVAN,1990-11-11,M,FRA,,,
";

/// Every traveller of [`TRAVELLERS`] labelled: two listed, an innocent, a namesake.
const LABELS: &str = "traveller_id,expected_entry_id,category,also_matches
T1,E1,exact,
T2,E2,exact,
T3,,innocent,
T4,,namesake,
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn args(dir: &Path, labels: &str) -> EvalArgs {
    EvalArgs {
        watchlist: vec![write(dir, "watchlist.csv", WATCHLIST)],
        travellers: write(dir, "travellers.csv", TRAVELLERS),
        labels: write(dir, "labels.csv", labels),
        threshold: None,
        svg: Some(dir.join("curve.svg")),
        json: Some(dir.join("report.json")),
        baselines: true,
        no_baselines: false,
        baseline_sample: 0,
    }
}

#[test]
fn runs_end_to_end_and_writes_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let labels = LABELS;
    let report = run_eval(args(dir.path(), labels)).unwrap();
    assert_eq!(report.counts.labelled, 4);
    assert_eq!(report.counts.listed, 2);
    assert_eq!(report.paxscreen.recall.total, 2);
    assert_eq!(report.paxscreen.false_alerts["innocent"].total, 1);
    assert_eq!(report.paxscreen.false_alerts["namesake_full_dob"].total, 1);
    let svg = std::fs::read_to_string(dir.path().join("curve.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.matches("<polyline").count() == 3);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(json["paxscreen"]["sweep"].as_array().unwrap().len(), 50);
    assert!(json["baselines"]["gtas"]["recall"]["rate"].is_number());
}

#[test]
fn unknown_traveller_id_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let labels = "traveller_id,expected_entry_id,category
T1,E1,exact
T9,,innocent
";
    let e = run_eval(args(dir.path(), labels)).unwrap_err();
    assert!(matches!(e, EvalError::Labels { line: 3, .. }), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("labels.csv") && text.contains("line 3") && text.contains("T9"),
        "{text}"
    );
}

#[test]
fn unknown_entry_id_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let labels = "traveller_id,expected_entry_id,category
T1,E7,exact
";
    let text = run_eval(args(dir.path(), labels)).unwrap_err().to_string();
    assert!(text.contains("line 2") && text.contains("E7"), "{text}");
}

#[test]
fn missing_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = args(
        dir.path(),
        "traveller_id,expected_entry_id,category\nT1,E1,exact\n",
    );
    a.labels = dir.path().join("nope.csv");
    let text = run_eval(a).unwrap_err().to_string();
    assert!(text.contains("nope.csv"), "{text}");
    let mut a = args(
        dir.path(),
        "traveller_id,expected_entry_id,category\nT1,E1,exact\n",
    );
    a.travellers = write(dir.path(), "garbage.csv", "\u{0}\u{1}not a manifest");
    let text = run_eval(a).unwrap_err().to_string();
    assert!(text.contains("garbage.csv"), "{text}");
    let mut a = args(
        dir.path(),
        "traveller_id,expected_entry_id,category\nT1,E1,exact\n",
    );
    a.threshold = Some(1.5);
    assert!(matches!(run_eval(a), Err(EvalError::Usage(_))));
}

/// A snapshot folder written by `paxscreen index` is evaluated as its lists are, and
/// must be the only --watchlist.
#[test]
fn a_snapshot_is_evaluated_like_its_lists() {
    let dir = tempfile::tempdir().unwrap();
    let labels = LABELS;
    let from_csv = run_eval(args(dir.path(), labels)).unwrap();
    let mut a = args(dir.path(), labels);
    let loaded = paxscreen_watchlists::load_paths(&a.watchlist).unwrap();
    let snap = dir.path().join("snap");
    paxscreen_engine::Screener::build(loaded.entries, loaded.sources)
        .unwrap()
        .write_snapshot(&snap)
        .unwrap();
    a.watchlist = vec![snap.clone()];
    let from_snapshot = run_eval(a).unwrap();
    assert_eq!(from_snapshot.paxscreen.recall, from_csv.paxscreen.recall);
    assert_eq!(from_snapshot.paxscreen.recall.count, 2);
    assert_eq!(
        from_snapshot.paxscreen.false_alerts,
        from_csv.paxscreen.false_alerts
    );
    let mut both = args(dir.path(), labels);
    both.watchlist.push(snap);
    let e = run_eval(both).unwrap_err();
    assert!(matches!(e, EvalError::Usage(_)), "{e}");
    assert!(
        e.to_string().contains("must be the only --watchlist"),
        "{e}"
    );
}
