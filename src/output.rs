//! Writing screening results as JSONL, CSV or a table (INTERFACES.md, "Screening output").

use paxscreen_core::{Hit, RejectedTraveller, Traveller};
use serde::Serialize;
use std::io::Write;

/// Output formats of `screen` and `parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per traveller.
    Jsonl,
    /// One row per hit: traveller_id,entry_id,score,matched_name,list.
    Csv,
    /// A table for people.
    Table,
}

/// One traveller's result, in input order.
#[derive(Clone, Copy)]
pub enum ResultRow<'a> {
    /// The traveller, its hits, and how many more hits `--max-hits` left out.
    Screened(&'a Traveller, &'a [Hit], usize),
    Rejected(&'a RejectedTraveller),
}

#[derive(Serialize)]
struct ScreenedJson<'a> {
    traveller: &'a Traveller,
    hits: &'a [Hit],
    #[serde(skip_serializing_if = "is_zero")]
    hits_not_shown: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct RejectedTravellerJson<'a> {
    id: &'a str,
    source: &'a str,
    position: &'a str,
}

#[derive(Serialize)]
struct RejectedJson<'a> {
    traveller: RejectedTravellerJson<'a>,
    error: &'a str,
}

pub struct ResultWriter<W: Write> {
    out: W,
    format: Format,
    explain: bool,
}

fn csv_record(out: &mut impl Write, fields: &[&str]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields)?;
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}

impl<W: Write> ResultWriter<W> {
    pub fn new(mut out: W, format: Format, explain: bool) -> std::io::Result<Self> {
        if format == Format::Csv {
            csv_record(
                &mut out,
                &["traveller_id", "entry_id", "score", "matched_name", "list"],
            )?;
        }
        Ok(ResultWriter {
            out,
            format,
            explain,
        })
    }

    pub fn write(&mut self, row: ResultRow<'_>) -> std::io::Result<()> {
        match self.format {
            Format::Jsonl => {
                match row {
                    ResultRow::Screened(t, hits, hits_not_shown) => serde_json::to_writer(
                        &mut self.out,
                        &ScreenedJson {
                            traveller: t,
                            hits,
                            hits_not_shown,
                        },
                    )?,
                    ResultRow::Rejected(r) => {
                        let error = format!("{}: {}", r.position, r.reason);
                        serde_json::to_writer(
                            &mut self.out,
                            &RejectedJson {
                                traveller: RejectedTravellerJson {
                                    id: &r.id,
                                    source: &r.source,
                                    position: &r.position,
                                },
                                error: &error,
                            },
                        )?
                    }
                }
                self.out.write_all(b"\n")
            }
            Format::Csv => {
                if let ResultRow::Screened(t, hits, _) = row {
                    for h in hits {
                        csv_record(
                            &mut self.out,
                            &[
                                t.id.as_str(),
                                &h.entry_id,
                                &format!("{:.4}", h.score),
                                &h.matched_name,
                                &h.list,
                            ],
                        )?;
                    }
                }
                Ok(())
            }
            Format::Table => match row {
                ResultRow::Screened(t, hits, not_shown) => {
                    if hits.is_empty() {
                        return Ok(());
                    }
                    writeln!(
                        self.out,
                        "{}  {}  dob {}  nat {}",
                        t.id,
                        t.display_name(),
                        t.dob.map(|d| d.to_string()).unwrap_or("-".into()),
                        t.nationality.map(|c| c.to_string()).unwrap_or("-".into())
                    )?;
                    for h in hits {
                        writeln!(
                            self.out,
                            "    {:.3}  {:<12} {:<10} {}",
                            h.score, h.entry_id, h.list, h.matched_name
                        )?;
                        if self.explain {
                            write_explanation(&mut self.out, h, "           ")?;
                        }
                    }
                    if not_shown > 0 {
                        writeln!(
                            self.out,
                            "    ... and {not_shown} more hit{} at or above the threshold, not shown (--max-hits)",
                            if not_shown == 1 { "" } else { "s" }
                        )?;
                    }
                    Ok(())
                }
                ResultRow::Rejected(r) => writeln!(
                    self.out,
                    "{}  NOT SCREENED ({}: {}: {})",
                    r.id, r.source, r.position, r.reason
                ),
            },
        }
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    /// Writes bytes rendered by [`render`] (rows in order).
    pub fn write_rendered(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)
    }
}

/// One row as `format` writes it (no CSV header): rows can be rendered on every core
/// and written in order with [`ResultWriter::write_rendered`].
pub fn render(format: Format, explain: bool, row: ResultRow<'_>) -> std::io::Result<Vec<u8>> {
    let mut w = ResultWriter {
        out: Vec::new(),
        format,
        explain,
    };
    w.write(row)?;
    Ok(w.out)
}

/// Prints the token alignment and each evidence term of a hit.
pub fn write_explanation(out: &mut impl Write, h: &Hit, indent: &str) -> std::io::Result<()> {
    let e = &h.evidence;
    writeln!(
        out,
        "{indent}name {:.3} | dob {} | nationality {} | gender {} | document {}",
        e.name,
        e.dob.as_str(),
        e.nationality.as_str(),
        e.gender.as_str(),
        e.document.as_str()
    )?;
    for t in &e.tokens {
        let left = if t.traveller.is_empty() {
            "-"
        } else {
            &t.traveller
        };
        let right = if t.listed.is_empty() { "-" } else { &t.listed };
        write!(
            out,
            "{indent}  {left:<16} ~ {right:<16} {:<9} sim {:.2}  weight {:.2}",
            t.how, t.similarity, t.weight
        )?;
        match t.counts_as {
            Some(w) => writeln!(out, " (counts as {w:.2}, the traveller's own spelling)")?,
            None => writeln!(out)?,
        }
    }
    for a in &e.adjustments {
        writeln!(out, "{indent}  {a}")?;
    }
    if !h.remarks.is_empty() {
        writeln!(out, "{indent}  remarks: {}", h.remarks)?;
    }
    Ok(())
}
