//! The gRPC front end of paxscreen: border-control systems submit travellers or raw
//! manifests and wait for the answer before a passenger boards.
//!
//! ```text
//! client --gRPC (TLS / mTLS)--> tonic Server (timeout, message-size limits)
//!     --> Screening service: load shedding (semaphore), per-request limits,
//!         screener = ArcSwap::load_full() (one watchlist generation per request)
//!         --> spawn_blocking: paxscreen_formats::read_manifest, Screener::screen_batch
//!     <-- TravellerResult per traveller, in order (hits with evidence, or an error)
//! also served: grpc.health.v1 (NOT_SERVING while draining), server reflection v1
//! beside it: watchlist hot reload (SIGHUP, --watch polling, ReloadHandle::reload),
//!            Prometheus text metrics on --metrics-listen
//! ```
//!
//! The binary calls [`run_serve`] for `paxscreen serve` and [`run_loadgen`] for
//! `paxscreen loadgen`; tests and embedders call [`start`] with their own listener.
//!
//! Operating it:
//!
//! ```text
//! paxscreen serve --watchlist un.xml --watchlist sdn.csv            # 127.0.0.1:50051, plaintext
//! paxscreen serve --watchlist snapshot/ --listen 0.0.0.0:50051 \
//!     --tls-cert server.pem --tls-key server.key [--tls-client-ca clients-ca.pem] \
//!     --watch --metrics-listen 127.0.0.1:9464
//! grpcurl -plaintext 127.0.0.1:50051 list                            # reflection
//! grpcurl -plaintext -d '{"travellers":[{"id":"T1","surname":"AL HASSAN","given_names":"MOHAMMED"}]}' \
//!     127.0.0.1:50051 paxscreen.v1.Screening/ScreenTravellers
//! kill -HUP <pid>      # reload the watchlist (refused, with a log line, if broken)
//! kill -TERM <pid>     # health NOT_SERVING, stop accepting, drain (--drain-seconds)
//! ```
//!
//! Limits: requests over `--max-concurrent` in flight get RESOURCE_EXHAUSTED at once
//! (retry elsewhere rather than queue before boarding); admitted requests are
//! screened in arrival order, one per core at a time. A message over
//! `--max-message-bytes` or more than `--max-travellers` travellers in a request is
//! RESOURCE_EXHAUSTED. The deadline is the shorter of the client's `grpc-timeout` and
//! `--request-timeout`; a ScreenStream has no server deadline of its own (a flight's
//! stream may stay open) but honours the client's, and holds one `--max-concurrent`
//! slot while open.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cli;
mod convert;
mod error;
pub mod loadgen;
mod metrics;
mod reload;
mod screening;
mod server;

pub use cli::{run_serve, ServeArgs};
pub use error::ServerError;
pub use loadgen::{run_loadgen, LoadgenArgs, LoadgenReport};
pub use reload::{load_screener, ReloadHandle};
pub use server::{serve, start, RunningServer, ServeConfig, TlsFiles};

/// Generated protobuf messages, client and server of `paxscreen.v1`
/// (`pb::screening_client::ScreeningClient` for clients).
#[allow(missing_docs, clippy::all)]
pub mod pb {
    tonic::include_proto!("paxscreen.v1");

    /// Encoded FileDescriptorSet of the proto file, served by reflection.
    pub const FILE_DESCRIPTOR_SET: &[u8] =
        tonic::include_file_descriptor_set!("screening_descriptor");
}

/// The reflection protocol's generated client, re-exported for tests and tools that
/// list the served services.
#[doc(hidden)]
pub use tonic_reflection::pb::v1 as reflection_pb;
