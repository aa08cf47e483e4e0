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
