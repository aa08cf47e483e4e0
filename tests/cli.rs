//! End-to-end tests of the `paxscreen` binary: real files in, exit codes and output
//! values asserted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_paxscreen"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn demo(file: &str) -> PathBuf {
    root().join("data/demo").join(file)
}

fn shared(rel: &str) -> PathBuf {
    root().join("../shared/data").join(rel)
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run paxscreen")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

/// (traveller id, entry ids hit) per output line.
fn hits(lines: &[serde_json::Value]) -> Vec<(String, Vec<String>)> {
    lines
        .iter()
        .map(|l| {
            let id = l["traveller"]["id"].as_str().unwrap().to_string();
            let hits = l["hits"]
                .as_array()
                .map(|h| {
                    h.iter()
                        .map(|h| h["entry_id"].as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            (id, hits)
        })
        .collect()
}

fn expected_demo_hits() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(demo("expected_hits.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap().to_string(), f.next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn demo_finds_every_hidden_person_and_nobody_else() {
    let o = run(bin().arg("demo"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("60 travellers, 6 with hits"), "{out}");
    for (traveller, entry) in expected_demo_hits() {
        assert!(
            out.contains(&traveller) && out.contains(&entry),
            "{traveller} -> {entry} missing"
        );
    }
}

#[test]
fn screen_jsonl_has_every_traveller_once_in_order_with_the_expected_hits() {
    let o = run(bin()
        .args(["screen", "--quiet", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg(demo("manifest.csv")));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = jsonl(&o);
    assert_eq!(lines.len(), 60);
    let got = hits(&lines);
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    let manifest = std::fs::read_to_string(demo("manifest.csv")).unwrap();
    let want: Vec<&str> = manifest
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, want, "input order, every traveller once");
    let expected = expected_demo_hits();
    for (id, entries) in &got {
        match expected.iter().find(|(t, _)| t == id) {
            Some((_, e)) => assert_eq!(entries.first(), Some(e), "{id}"),
            None => assert!(entries.is_empty(), "{id} should not hit: {entries:?}"),
        }
    }
    // Scores and evidence are present and in range.
    let hit = lines
        .iter()
        .find(|l| l["traveller"]["id"] == "PAX007")
        .unwrap()["hits"][0]
        .clone();
    let score = hit["score"].as_f64().unwrap();
    assert!((0.8..=1.0).contains(&score), "{score}");
    assert_eq!(hit["evidence"]["dob"], "exact");
    // The entry's remarks come with the hit (INTERFACES.md: "carried to hits").
    let entry = hit["entry_id"].as_str().unwrap();
    let listed = std::fs::read_to_string(demo("watchlist.csv")).unwrap();
    let remarks = listed
        .lines()
        .find(|l| l.starts_with(&format!("{entry},")))
        .and_then(|l| l.rsplit(',').next())
        .unwrap();
    assert!(!remarks.is_empty());
    assert_eq!(hit["remarks"], remarks);
}

#[test]
fn paxlst_and_csv_give_the_same_hits() {
    let csv = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg(demo("manifest.csv")));
    let edi = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg(demo("manifest_paxlst.edi")));
    assert!(
        edi.status.success(),
        "{}",
        String::from_utf8_lossy(&edi.stderr)
    );
    let a = hits(&jsonl(&csv));
    let b = hits(&jsonl(&edi));
    assert_eq!(a.len(), b.len());
    let scores = |o: &Output| -> Vec<Vec<f64>> {
        jsonl(o)
            .iter()
            .map(|l| {
                l["hits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| h["score"].as_f64().unwrap())
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        a.iter().map(|x| &x.1).collect::<Vec<_>>(),
        b.iter().map(|x| &x.1).collect::<Vec<_>>()
    );
    assert_eq!(scores(&csv), scores(&edi));
}

#[test]
fn csv_and_table_formats() {
    let o = run(bin()
        .args(["screen", "-q", "--format", "csv", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg(demo("manifest.csv")));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("traveller_id,entry_id,score,matched_name,list")
    );
    assert_eq!(lines.count(), 6, "{out}");
    let o = run(bin()
        .args(["screen", "-q", "--format", "table", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg(demo("manifest.csv")));
    assert!(stdout(&o).contains("DEMO-001"));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let wl = demo("watchlist.csv");
    // 2: an input that cannot be read at all (the others are still screened).
    let o = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(&wl)
        .arg(dir.path().join("missing.csv"))
        .arg(demo("manifest.csv")));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.csv"));
    assert_eq!(jsonl(&o).len(), 60);
    // A watchlist that cannot be read stops the run (2), its reason said once.
    let o = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(dir.path().join("no-such-list.csv"))
        .arg(demo("manifest.csv")));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-list.csv: cannot read"), "{err}");
    assert_eq!(err.matches("os error 2").count(), 1, "{err}");
    // The manifests are read while the lists load; their messages follow only once the
    // lists loaded.
    let o = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(dir.path().join("no-such-list.csv"))
        .arg(dir.path().join("missing-manifest.csv")));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-list.csv: cannot read"), "{err}");
    assert!(!err.contains("missing-manifest.csv"), "{err}");
    // 3: one bad traveller is reported, the rest are screened.
    let bad = write(dir.path(), "bad.csv", "id,surname,given_names,dob\nT1,QARAWI,YUSUF IDRIS,1983-06-02\nT2,SMITH,JOHN,1983-13-45\nT3,DOE,JANE,\n");
    let o = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(&wl)
        .arg(&bad));
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = jsonl(&o);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["hits"][0]["entry_id"], "DEMO-002");
    // The position once, then the reason.
    assert_eq!(
        lines[1]["error"],
        "line 3: field `dob` \"1983-13-45\" is not YYYY-MM-DD, YYYY-MM or YYYY \
         (nor YYYYMMDD, YYYY/MM/DD, an ISO date-time or a date with its unknown month or \
         day written 00 or XX)"
    );
    assert_eq!(lines[1]["traveller"]["position"], "line 3");
    assert_eq!(lines[2]["hits"].as_array().unwrap().len(), 0);
    // 1: --fail-on-hit with a hit.
    let one = write(
        dir.path(),
        "one.csv",
        "id,surname,given_names\nT1,QARAWI,YUSUF IDRIS\n",
    );
    let o = run(bin()
        .args(["screen", "-q", "--fail-on-hit", "--watchlist"])
        .arg(&wl)
        .arg(&one));
    assert_eq!(o.status.code(), Some(1));
    // 2: an unreadable watchlist names the file and the line.
    let badwl = write(
        dir.path(),
        "wl.csv",
        "id,names,dob\nX1,Some One,1970\nX2,Other Person,19x0\n",
    );
    let o = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(&badwl)
        .arg(&one));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("wl.csv") && err.contains("line 3") && err.contains("dob"),
        "{err}"
    );
}

#[test]
fn snapshot_screens_like_the_files_and_corruption_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("snap");
    let o = run(bin()
        .args(["index", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg("--out")
        .arg(&snap));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let from_files = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .arg(demo("manifest.csv")));
    let from_snap = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(&snap)
        .arg(demo("manifest.csv")));
    assert_eq!(stdout(&from_files), stdout(&from_snap));
    let fst = std::fs::read_dir(&snap)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with("deletes.fst"))
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&fst).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0x55;
    std::fs::write(&fst, bytes).unwrap();
    let o = run(bin()
        .args(["screen", "-q", "--watchlist"])
        .arg(&snap)
        .arg(demo("manifest.csv")));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("corrupt"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn parse_reads_paxlst_like_csv() {
    let o = run(bin().arg("parse").arg(demo("manifest_paxlst.edi")));
    assert!(o.status.success());
    let lines = jsonl(&o);
    assert_eq!(lines.len(), 60);
    let csv = std::fs::read_to_string(demo("manifest.csv")).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.starts_with(lines[0]["id"].as_str().unwrap()),
        "{first} vs {}",
        lines[0]
    );
}

#[test]
fn explain_prints_alignment_and_evidence() {
    let o = run(bin()
        .args(["explain", "--watchlist"])
        .arg(demo("watchlist.csv"))
        .args([
            "--surname",
            "ZOUBEIDI",
            "--given-names",
            "MAHMUD TAREK",
            "--dob",
            "1978-03-14",
        ]));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("HIT") && out.contains("DEMO-001"), "{out}");
    assert!(
        out.contains("ZOUBEIDI") && out.contains("ZUBAIDI") && out.contains("variant"),
        "{out}"
    );
    assert!(out.contains("dob exact +0.20"), "{out}");
}

#[test]
fn explain_entry_scores_one_pair_whatever_the_score() {
    let explain = |extra: &[&str]| {
        run(bin()
            .args(["explain", "--watchlist"])
            .arg(demo("watchlist.csv"))
            .args(["--surname", "ZOUBEIDI", "--given-names", "MAHMUD TAREK"])
            .args(extra))
    };
    // Without its date of birth the name alone is a near miss; --entry shows it with
    // its alignment even above --threshold's reach, and an unrelated entry scores 0.
    let o = explain(&["--entry", "DEMO-001", "--entry", "DEMO-002", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2, "{v}");
    assert_eq!(hits[0]["entry_id"], "DEMO-001");
    assert_eq!(hits[1]["entry_id"], "DEMO-002");
    let s1 = hits[0]["score"].as_f64().unwrap();
    assert!(s1 > 0.5, "{v}");
    assert_eq!(hits[1]["score"].as_f64().unwrap(), 0.0, "{v}");
    // The same pair through screening gives the same score.
    let o = explain(&["--threshold", "0.3", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let screened = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["entry_id"] == "DEMO-001")
        .unwrap();
    assert_eq!(screened["score"].as_f64().unwrap(), s1);
    // Text output marks the pair; an unknown id is a usage error.
    let out = stdout(&explain(&["--entry", "DEMO-002"]));
    assert!(out.contains("miss 0.000  DEMO-002"), "{out}");
    let o = explain(&["--entry", "NOPE"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("--entry NOPE: no such entry"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn real_un_list_finds_abu_bakr_al_baghdadi() {
    let un = shared("watchlists/un_consolidated_2026-05-08.xml");
    let dir = tempfile::tempdir().unwrap();
    let t = write(
        dir.path(),
        "t.csv",
        "id,surname,given_names,dob\nT1,ALBAGHDADI,ABUBAKR,\nT2,SMITH,JOHN,1980-01-01\n",
    );
    let o = run(bin().args(["screen", "-q", "--watchlist"]).arg(&un).arg(&t));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let got = hits(&jsonl(&o));
    assert_eq!(got[0].1.first().map(String::as_str), Some("QDi.299"));
    assert!(got[1].1.is_empty());
    // The list's warnings (a nationality that is no country) reach a log file as plain
    // text: no terminal colour codes when stderr is not a terminal.
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not a known country"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn bench_prints_its_report_and_writes_json() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("bench.json");
    let o = run(bin()
        .args([
            "bench",
            "--names",
            "2000",
            "--travellers",
            "300",
            "--exhaustive-sample",
            "10",
            "--latency-samples",
            "20",
            "--data",
            "/nonexistent",
            "--json",
        ])
        .arg(&json));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    for row in [
        "index build",
        "batch, all cores",
        "latency p50",
        "disagreements",
    ] {
        assert!(out.contains(row), "{row}: {out}");
    }
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(r["entries"], 2000);
    assert_eq!(r["travellers"], 300);
    assert_eq!(r["disagreements"], 0);
    assert!(r["batch_tps"].as_f64().unwrap() > 0.0);
}

#[test]
fn hits_beyond_max_hits_are_counted_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut list = String::from("id,names,dob,nationality,gender,documents,list,remarks\n");
    for i in 0..4 {
        list.push_str(&format!("D{i},Sumayya DANJUMA,,,,,TEST,\n"));
    }
    let wl = write(dir.path(), "list.csv", &list);
    let tr = write(
        dir.path(),
        "t.csv",
        "id,surname,given_names\nT1,DANJUMA,SUMAYYA\nT2,NAKAMURA,YUKI\n",
    );
    let screen = |format: &str| {
        run(bin()
            .args([
                "screen",
                "-q",
                "--max-hits",
                "3",
                "--format",
                format,
                "--watchlist",
            ])
            .arg(&wl)
            .arg(&tr))
    };
    let o = screen("jsonl");
    let lines = jsonl(&o);
    assert_eq!(lines[0]["hits"].as_array().unwrap().len(), 3);
    assert_eq!(lines[0]["hits_not_shown"], 1);
    assert!(lines[1].get("hits_not_shown").is_none(), "{}", lines[1]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1 traveller had more than --max-hits 3 hits at or above the threshold: 1 hits not shown"),
        "{err}"
    );
    let o = screen("table");
    assert!(
        stdout(&o).contains("... and 1 more hit at or above the threshold, not shown (--max-hits)"),
        "{}",
        stdout(&o)
    );
    let o = run(bin()
        .args(["screen", "-q", "--max-hits", "0", "--watchlist"])
        .arg(&wl)
        .arg(&tr));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--max-hits must be at least 1"));
}
