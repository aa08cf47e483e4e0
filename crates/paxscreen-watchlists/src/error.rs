//! Why a watchlist could not be loaded.
//!
//! Two kinds of failure are kept apart because they call for different people: a
//! malformed file ([`WatchlistError::Invalid`], [`WatchlistError::UnknownFormat`],
//! [`WatchlistError::DuplicateId`], [`WatchlistError::MissingSdn`]) is for the analyst who
//! maintains the list, an I/O failure ([`WatchlistError::Io`]) for whoever runs the
//! machine. Every message names the file; problems inside a file also name where (line,
//! byte offset or entry reference) and which field.

use std::fmt;
use std::path::PathBuf;

/// At most this many problems are kept per file: enough for an analyst to fix a batch
/// of rows in one go, without flooding a terminal when a whole file is wrong.
pub const MAX_PROBLEMS: usize = 20;

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A line (1-based) of a CSV file.
    Line(u64),
    /// A byte offset of an XML file, with the entry reference when it is known.
    Byte {
        /// Byte offset from the start of the file.
        offset: u64,
        /// The entry's reference number (`QDi.335`), when already read.
        entry: Option<String>,
    },
    /// The whole file.
    File,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Line(n) => write!(f, "line {n}"),
            Location::Byte {
                offset,
                entry: Some(e),
            } => write!(f, "entry {e} (byte {offset})"),
            Location::Byte {
                offset,
                entry: None,
            } => write!(f, "byte {offset}"),
            Location::File => f.write_str("file"),
        }
    }
}

/// One thing wrong in a watchlist file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// The column or element concerned (`dob`, `names`, `REFERENCE_NUMBER`), if any.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(location: Location, field: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            location,
            field: field.map(str::to_string),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.location)?;
        if let Some(field) = &self.field {
            write!(f, ", field {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A watchlist that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum WatchlistError {
    /// The file could not be read (missing, permissions, disk).
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The content is none of the supported watchlist formats.
    #[error("{}: not a supported watchlist format: {reason}", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// What was seen instead.
        reason: String,
    },
    /// The file is in a known format but some of its content is malformed. The whole
    /// file is refused: a listed person must never silently drop out of screening.
    #[error("{}", invalid_message(path, problems, *more))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The first [`MAX_PROBLEMS`] problems found, in file order.
        problems: Vec<Problem>,
        /// How many further problems were found but not kept.
        more: usize,
    },
    /// Two entries share an id (within a file or across the loaded files).
    #[error("{}: {location}: duplicate entry id {id:?} (first seen in {})", path.display(), first.display())]
    DuplicateId {
        /// The file with the second occurrence.
        path: PathBuf,
        /// Where in it.
        location: Location,
        /// The id.
        id: String,
        /// The file with the first occurrence.
        first: PathBuf,
    },
    /// An OFAC alt.csv was given without any sdn.csv to attach its aliases to.
    #[error("{}: an OFAC alt.csv holds only aliases; give its sdn.csv too", path.display())]
    MissingSdn {
        /// The alt.csv file.
        path: PathBuf,
    },
}

fn invalid_message(path: &std::path::Path, problems: &[Problem], more: usize) -> String {
    let mut s = format!("{}: ", path.display());
    match problems {
        [one] if more == 0 => s.push_str(&one.to_string()),
        _ => {
            s.push_str(&format!("{} problems:", problems.len() + more));
            for p in problems {
                s.push_str(&format!("\n  {p}"));
            }
            if more > 0 {
                s.push_str(&format!("\n  ... and {more} more"));
            }
        }
    }
    s
}

impl WatchlistError {
    /// Is this a problem with the file's content (to be fixed by whoever maintains the
    /// list) rather than with reading it?
    pub fn is_input_error(&self) -> bool {
        !matches!(self, WatchlistError::Io { .. })
    }

    /// The file concerned.
    pub fn path(&self) -> &std::path::Path {
        match self {
            WatchlistError::Io { path, .. }
            | WatchlistError::UnknownFormat { path, .. }
            | WatchlistError::Invalid { path, .. }
            | WatchlistError::DuplicateId { path, .. }
            | WatchlistError::MissingSdn { path } => path,
        }
    }
}

/// Collects a file's problems, keeping the first [`MAX_PROBLEMS`].
#[derive(Debug, Default)]
pub(crate) struct Problems {
    kept: Vec<Problem>,
    more: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, p: Problem) {
        if self.kept.len() < MAX_PROBLEMS {
            self.kept.push(p);
        } else {
            self.more += 1;
        }
    }

    /// Adds the problems `other` kept and counted (all of them, until
    /// [`Problems::sort_by_line`]).
    pub(crate) fn append(&mut self, other: Problems) {
        self.more += other.more;
        self.kept.extend(other.kept);
    }

    /// Puts the problems kept in order of their lines (stable: in the order found within
    /// a line) and keeps the first [`MAX_PROBLEMS`]. Collected in pieces of a file, each
    /// of which kept its first, the first of the file are all among them.
    pub(crate) fn sort_by_line(&mut self) {
        self.kept.sort_by_key(|p| match p.location {
            Location::Line(n) => n,
            _ => 0,
        });
        if self.kept.len() > MAX_PROBLEMS {
            self.more += self.kept.len() - MAX_PROBLEMS;
            self.kept.truncate(MAX_PROBLEMS);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// `Ok(())` when nothing was found, otherwise the error for `path`.
    pub(crate) fn into_result(self, path: &std::path::Path) -> Result<(), WatchlistError> {
        if self.kept.is_empty() {
            Ok(())
        } else {
            Err(WatchlistError::Invalid {
                path: path.to_path_buf(),
                problems: self.kept,
                more: self.more,
            })
        }
    }
}
