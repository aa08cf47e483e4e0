//! Errors of the server and the load generator.

use std::net::SocketAddr;
use std::path::PathBuf;

/// What went wrong starting, running or driving the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// A flag or a combination of flags is wrong (user error).
    #[error("{0}")]
    Config(String),
    /// A watchlist could not be read (user error).
    #[error(transparent)]
    Watchlist(#[from] paxscreen_watchlists::WatchlistError),
    /// The watchlists could not be indexed, or a snapshot is corrupt (user error).
    #[error(transparent)]
    Engine(#[from] paxscreen_engine::EngineError),
    /// A loaded watchlist failed verification (empty, or a smoke query failed).
    #[error("watchlist refused: {0}")]
    Verify(String),
    /// A file named by a flag (certificate, key, manifest) could not be read.
    #[error("{path}: {source}")]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The TLS material was refused by the TLS library.
    #[error("TLS configuration: {0}")]
    Tls(String),
    /// The load generator could not reach its target.
    #[error("cannot connect to {target}: {reason}")]
    Connect {
        /// The URL.
        target: String,
        /// Why.
        reason: String,
    },
    /// A bug or an operating-system failure.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServerError {
    /// True when the error is the user's to fix (flags, files, watchlists), false for
    /// internal failures.
    pub fn is_user_error(&self) -> bool {
        !matches!(self, ServerError::Internal(_))
    }
}
