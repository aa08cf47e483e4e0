//! `load_paths` over small files written to a temporary folder: format detection,
//! sdn/alt pairing, id clashes and the kinds of error.

use paxscreen_watchlists::{load_paths, WatchlistError};
use std::path::PathBuf;

/// A folder removed when the test ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh folder under the system temp dir (no extra dev-dependency needed).
fn temp_dir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("paxscreen-wl-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

const SDN: &str = "10,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1970.\"\r\n\x1a";
const ALT: &str = "10,1,\"aka\",\"ROE, Richard\",-0- \r\n";

#[test]
fn formats_are_detected_from_content_not_extension() {
    let guard = temp_dir("detect");
    let dir = &guard.0;
    let native = dir.join("list.txt");
    std::fs::write(&native, "id,names\nN1,Jane Doe\n").unwrap();
    let sdn = dir.join("data.dat");
    std::fs::write(&sdn, SDN).unwrap();
    let l = load_paths(&[native, sdn]).unwrap();
    assert_eq!(l.entries.len(), 2);
    assert_eq!(l.sources.len(), 2);
    assert!(l.sources[0].contains("native CSV"), "{:?}", l.sources);
    // No alt file beside it: loaded without aliases.
    assert_eq!(l.entries[1].names.len(), 1);
}

#[test]
fn sdn_and_alt_given_together_are_merged() {
    let guard = temp_dir("merge");
    let dir = &guard.0;
    let (sdn, alt) = (dir.join("sdn.csv"), dir.join("other-name.csv"));
    std::fs::write(&sdn, SDN).unwrap();
    std::fs::write(&alt, ALT).unwrap();
    let l = load_paths(&[alt, sdn]).unwrap();
    assert_eq!(l.entries.len(), 1);
    let names: Vec<&str> = l.entries[0].names.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["John DOE", "Richard ROE"]);
    assert_eq!(l.sources.len(), 1);
}

#[test]
fn alt_csv_beside_sdn_is_found() {
    let guard = temp_dir("beside");
    let dir = &guard.0;
    std::fs::write(dir.join("sdn.csv"), SDN).unwrap();
    std::fs::write(dir.join("alt.csv"), ALT).unwrap();
    let l = load_paths(&[dir.join("sdn.csv")]).unwrap();
    assert_eq!(l.entries[0].names.len(), 2);
    assert!(l.sources[0].contains("+ alt.csv"), "{:?}", l.sources);
}

#[test]
fn errors_say_what_kind_of_problem() {
    let guard = temp_dir("errors");
    let dir = &guard.0;
    let missing = dir.join("nope.csv");
    let err = load_paths(std::slice::from_ref(&missing)).unwrap_err();
    assert!(matches!(err, WatchlistError::Io { .. }), "{err}");
    assert!(!err.is_input_error());
    assert!(err.to_string().contains("nope.csv"));

    let alt = dir.join("alt.csv");
    std::fs::write(&alt, ALT).unwrap();
    let err = load_paths(std::slice::from_ref(&alt)).unwrap_err();
    assert!(matches!(err, WatchlistError::MissingSdn { .. }), "{err}");

    let junk = dir.join("junk.csv");
    std::fs::write(&junk, "a,b,c\n1,2,3\n").unwrap();
    let err = load_paths(&[junk]).unwrap_err();
    assert!(matches!(err, WatchlistError::UnknownFormat { .. }), "{err}");
    assert!(err.is_input_error());

    let no_names = dir.join("no-names.csv");
    std::fs::write(&no_names, "id,name\n1,A\n").unwrap();
    let err = load_paths(&[no_names]).unwrap_err();
    assert!(err.to_string().contains("field names"), "{err}");

    let (a, b) = (dir.join("a.csv"), dir.join("b.csv"));
    std::fs::write(&a, "id,names\nX1,Anna\n").unwrap();
    std::fs::write(&b, "id,names\nX2,Bob\nX1,Anna Again\n").unwrap();
    let err = load_paths(&[a, b]).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("b.csv") && msg.contains("X1") && msg.contains("a.csv"),
        "{msg}"
    );
}

#[test]
fn bad_date_on_line_3() {
    let guard = temp_dir("line3");
    let dir = &guard.0;
    let p = dir.join("wl.csv");
    std::fs::write(
        &p,
        "id,names,dob\r\nA,Anna Alpha,1970\r\nB,Bob Beta,19x0\r\n",
    )
    .unwrap();
    let err = load_paths(&[p]).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("wl.csv") && msg.contains("line 3") && msg.contains("dob"),
        "{msg}"
    );
}
