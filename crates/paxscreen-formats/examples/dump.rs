//! Prints what `read_manifest` makes of each file given: `cargo run --example dump -- FILE...`.

use std::io::Write;

/// Prints a line; a closed stdout (`| head`) ends the program quietly.
macro_rules! out {
    ($($t:tt)*) => {
        if writeln!(std::io::stdout().lock(), $($t)*).is_err() {
            std::process::exit(0);
        }
    };
}

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                out!("{path}: {e}");
                continue;
            }
        };
        match paxscreen_formats::read_manifest(&bytes, &path, None) {
            Err(e) => out!("== {path}: ERROR {e}"),
            Ok(m) => {
                out!(
                    "== {path}: {} records, format {}",
                    m.records.len(),
                    m.format
                );
                for w in &m.warnings {
                    out!("   warning: {w}");
                }
                for r in &m.records {
                    match r {
                        Ok(t) => out!(
                            "   {} | {} | {} | dob={} g={} nat={} docs={:?} role={:?} flight={:?} loc={:?} warn={:?}",
                            t.id,
                            t.surname,
                            t.given_names,
                            t.dob.map(|d| d.to_string()).unwrap_or_default(),
                            t.gender.map(|g| g.to_string()).unwrap_or_default(),
                            t.nationality.map(|c| c.to_string()).unwrap_or_default(),
                            t.documents
                                .iter()
                                .map(|d| format!("{}/{}/{}", d.doc_type, d.issuer, d.number))
                                .collect::<Vec<_>>(),
                            t.role,
                            t.flight,
                            t.record_locator,
                            t.warnings
                        ),
                        Err(r) => out!("   REJECTED {} at {}: {}", r.id, r.position, r.reason),
                    }
                }
            }
        }
    }
}
