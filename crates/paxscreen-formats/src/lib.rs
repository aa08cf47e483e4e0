//! Manifest readers: bytes in, [`TravellerRecord`]s out.
//!
//! # Pipeline
//!
//! 1. **Detection** ([`detect_format`]): EDIFACT is recognised by its first tag
//!    (`UNA`/`UNB`/`UNH`, after any Type B envelope and whitespace) and told apart as
//!    PAXLST or PNRGOV by the UNH message type (S009 0065); a traveller CSV by a header
//!    naming `id` and `surname` or `given_names`; an MRZ file by lines of 30, 36 or 44
//!    MRZ characters.
//! 2. **Type B envelope** ([`typeb`]): `SOH QK ADDR / .ORIGIN DDHHMM STX ... ETX` is
//!    cut away, with or without the control characters.
//! 3. **Tokenizing** ([`edifact`]): the UNA service string advice drives the split into
//!    segments, elements and components; release characters are resolved, layout
//!    whitespace and wrapped lines removed, the body decoded per the UNB syntax
//!    identifier (UNOA/UNOB ASCII, UNOC Latin-1, UNOE ISO 8859-5, IATA/UTF-8). The
//!    lenient default accepts known real-traffic deviations with a warning;
//!    [`TokenizerOptions::strict`] refuses them.
//! 4. **Messages** ([`edifact::group_messages`], [`edifact::reassemble`]): UNH..UNT
//!    messages, UNT counts checked, multi-part messages (UNH S010 `01:C` .. `0N:F`)
//!    put in sequence order.
//! 5. **Message readers** ([`paxlst`], [`pnrgov`]): one record per person (NAD in
//!    PAXLST, TIF in PNRGOV, plus infants filed only as DOCS), each either a
//!    [`paxscreen_core::Traveller`] (field problems as traveller warnings) or a
//!    [`paxscreen_core::RejectedTraveller`] with position and reason.
//!    [`csv`] and [`mrz`] produce the same records from their formats.
//!
//! Ids are unique within a manifest: the traveller's own reference (RFF+ABO, the TIF
//! reference prefixed by the record locator) or `<UNH ref>#<position>`; a repeated id
//! gets `#2`, `#3`, ... No input makes these readers panic (see the proptest suite).
#![forbid(unsafe_code)]

pub mod csv;
pub mod edifact;
pub mod mrz;
pub mod paxlst;
pub mod pnrgov;
pub mod typeb;
mod util;

pub use edifact::TokenizerOptions;
use paxscreen_core::{RejectedTraveller, Traveller, TravellerRecord};
use std::fmt;

/// The manifest formats paxscreen reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ManifestFormat {
    /// UN/EDIFACT PAXLST (API).
    Paxlst,
    /// IATA PNRGOV.
    Pnrgov,
    /// Native traveller CSV.
    Csv,
    /// ICAO 9303 machine readable zones, one traveller per MRZ.
    Mrz,
}

impl ManifestFormat {
    /// Reads `paxlst`, `pnrgov`, `csv` or `mrz` (case-insensitive).
    pub fn parse(text: &str) -> Option<ManifestFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "paxlst" | "api" | "apis" => Some(ManifestFormat::Paxlst),
            "pnrgov" | "pnr" => Some(ManifestFormat::Pnrgov),
            "csv" => Some(ManifestFormat::Csv),
            "mrz" => Some(ManifestFormat::Mrz),
            _ => None,
        }
    }

    /// The lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ManifestFormat::Paxlst => "paxlst",
            ManifestFormat::Pnrgov => "pnrgov",
            ManifestFormat::Csv => "csv",
            ManifestFormat::Mrz => "mrz",
        }
    }
}

impl fmt::Display for ManifestFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ManifestFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ManifestFormat::parse(s)
            .ok_or_else(|| format!("unknown manifest format {s:?} (paxlst, pnrgov, csv, mrz)"))
    }
}

/// A manifest read into travellers.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// Format read.
    pub format: ManifestFormat,
    /// Every traveller found, read or rejected, in input order.
    pub records: Vec<TravellerRecord>,
    /// Problems that did not stop reading (count mismatches, ...).
    pub warnings: Vec<String>,
}

impl Manifest {
    /// The travellers that were read.
    pub fn travellers(&self) -> impl Iterator<Item = &Traveller> {
        self.records.iter().filter_map(|r| r.as_ref().ok())
    }

    /// The travellers that were found but could not be read.
    pub fn rejected(&self) -> impl Iterator<Item = &RejectedTraveller> {
        self.records.iter().filter_map(|r| r.as_ref().err())
    }
}

/// Where in the input a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// EDIFACT: 1-based segment number (0 = before the first segment) and byte offset.
    Segment {
        /// Segment number.
        number: usize,
        /// Byte offset.
        offset: usize,
    },
    /// Text formats: 1-based line.
    Line(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Segment { number, offset } => write!(f, "segment {number} (byte {offset})"),
            Position::Line(l) => write!(f, "line {l}"),
        }
    }
}

/// A manifest that could not be read at all.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{source_name}: {}{reason}", position.map(|p| format!("{p}: ")).unwrap_or_default())]
pub struct ManifestError {
    /// File or message name.
    pub source_name: String,
    /// Where, when known.
    pub position: Option<Position>,
    /// Why.
    pub reason: String,
}

impl ManifestError {
    fn new(source: &str, position: Option<Position>, reason: impl Into<String>) -> Self {
        ManifestError {
            source_name: source.to_string(),
            position,
            reason: reason.into(),
        }
    }

    /// Where the problem is, when known.
    pub fn position(&self) -> Option<Position> {
        self.position
    }

    /// Why the manifest could not be read (without source and position).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Detects the format from content; None when it is none of the known ones.
pub fn detect_format(bytes: &[u8]) -> Option<ManifestFormat> {
    let env = typeb::strip(bytes);
    let body = &bytes[env.start..env.end];
    if let Some(start) = edifact_start(body) {
        let trimmed = &body[start..];
        let inter = edifact::tokenize(trimmed, TokenizerOptions::default()).ok()?;
        for seg in &inter.segments {
            let ty = match seg.tag.as_str() {
                "UNH" => seg.get(1, 0),
                "UNG" => seg.get(0, 0),
                _ => continue,
            };
            match ty.trim().to_ascii_uppercase().as_str() {
                "PAXLST" => return Some(ManifestFormat::Paxlst),
                "PNRGOV" => return Some(ManifestFormat::Pnrgov),
                _ if seg.tag == "UNH" => return None,
                _ => {}
            }
        }
        return None;
    }
    if csv::looks_like_header(bytes) {
        return Some(ManifestFormat::Csv);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if mrz::split_mrzs(text).is_some() {
            return Some(ManifestFormat::Mrz);
        }
    }
    None
}

/// Where the EDIFACT text starts: after a BOM and whitespace when it starts with a
/// UNA, UNB or UNH tag; else at the first line (within 4 KiB) that starts with UNA or
/// UNB (a date line or other commentary before the interchange). None if neither.
fn edifact_start(body: &[u8]) -> Option<usize> {
    let mut s = if body.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    while s < body.len() && body[s].is_ascii_whitespace() {
        s += 1;
    }
    let rest = &body[s..];
    if rest.starts_with(b"UNA") || rest.starts_with(b"UNB") || rest.starts_with(b"UNH") {
        return Some(s);
    }
    let limit = body.len().min(4096);
    (1..limit).find(|&p| {
        (body[p - 1] == b'\n' || body[p - 1] == b'\r')
            && (body[p..].starts_with(b"UNA") || body[p..].starts_with(b"UNB"))
    })
}

/// Reads a manifest (format detected from content when `format` is None), leniently.
pub fn read_manifest(
    bytes: &[u8],
    source: &str,
    format: Option<ManifestFormat>,
) -> Result<Manifest, ManifestError> {
    read_manifest_with(bytes, source, format, TokenizerOptions::default())
}

/// As [`read_manifest`], with tokenizer options (strict EDIFACT syntax).
pub fn read_manifest_with(
    bytes: &[u8],
    source: &str,
    format: Option<ManifestFormat>,
    options: TokenizerOptions,
) -> Result<Manifest, ManifestError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ManifestError::new(source, None, "empty input"));
    }
    let format = match format.or_else(|| detect_format(bytes)) {
        Some(f) => f,
        None if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) => {
            return Err(ManifestError::new(
                source,
                None,
                "UTF-16 text: save the manifest as UTF-8 (or ASCII / Latin-1)",
            ))
        }
        None => {
            return Err(ManifestError::new(
                source,
                None,
                "unrecognised manifest format (expected PAXLST or PNRGOV EDIFACT, a traveller \
                 CSV with an `id` and `surname`/`given_names` header, or MRZ lines)",
            ))
        }
    };
    let mut ids = util::Ids::default();
    let mut warnings = Vec::new();
    let records = match format {
        ManifestFormat::Paxlst | ManifestFormat::Pnrgov => {
            read_edifact(bytes, source, format, options, &mut ids, &mut warnings)?
        }
        ManifestFormat::Csv => csv::read_csv(bytes, source, &mut ids, &mut warnings)
            .map_err(|e| ManifestError::new(source, Some(Position::Line(e.line)), e.reason))?,
        ManifestFormat::Mrz => read_mrz(bytes, source, &mut ids)?,
    };
    Ok(Manifest {
        format,
        records,
        warnings,
    })
}

fn read_edifact(
    bytes: &[u8],
    source: &str,
    format: ManifestFormat,
    options: TokenizerOptions,
    ids: &mut util::Ids,
    warnings: &mut Vec<String>,
) -> Result<Vec<TravellerRecord>, ManifestError> {
    let env = typeb::strip(bytes);
    if env.found {
        warnings.push(format!(
            "Type B envelope removed (EDIFACT text at bytes {}..{})",
            env.start, env.end
        ));
    }
    let mut start = env.start;
    match edifact_start(&bytes[env.start..env.end]) {
        Some(s) => {
            let skipped = &bytes[env.start..env.start + s];
            let layout = |b: &u8| b.is_ascii_whitespace() || matches!(*b, 0xEF | 0xBB | 0xBF);
            if !skipped.iter().all(layout) {
                if options.strict {
                    return Err(ManifestError::new(
                        source,
                        Some(Position::Segment {
                            number: 0,
                            offset: env.start,
                        }),
                        "text before the interchange (UNA/UNB)",
                    ));
                }
                warnings.push(format!(
                    "byte {}: {s} byte(s) of text before the interchange ignored",
                    env.start
                ));
            }
            start += s;
        }
        None if options.strict => {
            return Err(ManifestError::new(
                source,
                Some(Position::Segment {
                    number: 0,
                    offset: env.start,
                }),
                "no UNA, UNB or UNH at the start of the interchange",
            ));
        }
        None => {}
    }
    let inter = edifact::tokenize_at(&bytes[start..env.end], start, options).map_err(|e| {
        ManifestError::new(
            source,
            Some(Position::Segment {
                number: e.segment,
                offset: e.offset,
            }),
            e.reason,
        )
    })?;
    warnings.extend(inter.warnings.iter().cloned());
    let first_pos = inter.segments.first().map(|s| Position::Segment {
        number: s.number,
        offset: s.offset,
    });
    let all = edifact::group_messages(inter.segments, warnings);
    let wanted = match format {
        ManifestFormat::Paxlst => "PAXLST",
        _ => "PNRGOV",
    };
    let mut messages = Vec::new();
    for m in all {
        if m.message_type == wanted {
            messages.push(m);
        } else {
            warnings.push(format!(
                "{}: message {} of type {:?} ignored in a {wanted} manifest",
                m.segments.first().map(|s| s.position()).unwrap_or_default(),
                m.reference,
                m.message_type
            ));
        }
    }
    if messages.is_empty() {
        return Err(ManifestError::new(
            source,
            first_pos,
            format!("no {wanted} message (UNH ... {wanted}) found"),
        ));
    }
    let groups = edifact::reassemble(&messages, warnings);
    Ok(match format {
        ManifestFormat::Paxlst => paxlst::read_messages(&messages, &groups, source, ids, warnings),
        _ => pnrgov::read_messages(&messages, &groups, source, ids, warnings),
    })
}

fn read_mrz(
    bytes: &[u8],
    source: &str,
    ids: &mut util::Ids,
) -> Result<Vec<TravellerRecord>, ManifestError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ManifestError::new(source, None, format!("MRZ text is not UTF-8: {e}")))?;
    let Some(mrzs) = mrz::split_mrzs(text) else {
        return Err(ManifestError::new(
            source,
            None,
            "not MRZ text (lines of 30, 36 or 44 characters A-Z, 0-9, <)",
        ));
    };
    Ok(mrzs
        .into_iter()
        .enumerate()
        .map(|(i, (line, m))| {
            let id = ids.unique(&format!("mrz#{}", i + 1));
            match mrz::parse_mrz(&m) {
                Ok(mut t) => {
                    t.id = id;
                    t.source = source.to_string();
                    Ok(t)
                }
                Err(e) => Err(RejectedTraveller {
                    id,
                    source: source.to_string(),
                    position: format!("line {line}"),
                    reason: e.to_string(),
                }),
            }
        })
        .collect())
}
