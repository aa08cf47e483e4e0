//! Assembling and running the server: TLS, limits, health, reflection, metrics, reload,
//! graceful shutdown with a drain deadline.

use crate::metrics::{self, Metrics};
use crate::pb::screening_server::ScreeningServer;
use crate::reload::{self, ReloadHandle};
use crate::screening::{Limits, ScreeningService};
use crate::{pb, ServerError};
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tonic::codegen::http;
use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};
use tonic_health::ServingStatus;

/// PEM material for TLS (read from the `--tls-*` files by the CLI).
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// Server certificate chain, PEM.
    pub cert_pem: Vec<u8>,
    /// Server private key, PEM.
    pub key_pem: Vec<u8>,
    /// CA that client certificates must chain to (mutual TLS), PEM; `None` = no client
    /// certificates asked.
    pub client_ca_pem: Option<Vec<u8>>,
}

impl TlsFiles {
    /// Reads the three files.
    pub fn read(
        cert: &std::path::Path,
        key: &std::path::Path,
        client_ca: Option<&std::path::Path>,
    ) -> Result<TlsFiles, ServerError> {
        let read = |p: &std::path::Path| {
            std::fs::read(p).map_err(|source| ServerError::ReadFile {
                path: p.to_path_buf(),
                source,
            })
        };
        Ok(TlsFiles {
            cert_pem: read(cert)?,
            key_pem: read(key)?,
            client_ca_pem: client_ca.map(read).transpose()?,
        })
    }
}

/// Everything the server needs besides its listener.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Watchlist files, or one snapshot folder; read at start and on every reload.
    pub watchlist: Vec<PathBuf>,
    /// TLS; `None` = plaintext (loopback only unless `insecure`).
    pub tls: Option<TlsFiles>,
    /// Allow plaintext on a non-loopback address.
    pub insecure: bool,
    /// Default threshold (a request may give its own).
    pub threshold: f64,
    /// At most this many hits per traveller.
    pub max_hits: usize,
    /// Largest request or response message, bytes.
    pub max_message_bytes: usize,
    /// Most travellers in one ScreenTravellers / ScreenManifest request.
    pub max_travellers: usize,
    /// Most screening requests in flight; more are refused with RESOURCE_EXHAUSTED.
    pub max_concurrent: usize,
    /// Server-side deadline of a request (the client's grpc-timeout applies if shorter).
    pub request_timeout: Duration,
    /// How long in-flight requests may take to finish after a shutdown signal.
    pub drain: Duration,
    /// Poll the watchlist files at this interval and reload when they change.
    pub watch: Option<Duration>,
    /// Serve Prometheus metrics on this address.
    pub metrics_listen: Option<SocketAddr>,
    /// Test-only: each screening request sleeps this long after admission.
    #[doc(hidden)]
    pub test_delay: Duration,
}

impl ServeConfig {
    /// The defaults of `paxscreen serve` for these watchlists.
    pub fn new(watchlist: Vec<PathBuf>) -> ServeConfig {
        ServeConfig {
            watchlist,
            tls: None,
            insecure: false,
            threshold: paxscreen_engine::DEFAULT_THRESHOLD,
            max_hits: 50,
            max_message_bytes: 16 * 1024 * 1024,
            max_travellers: 5000,
            max_concurrent: 64,
            request_timeout: Duration::from_secs(30),
            drain: Duration::from_secs(10),
            watch: None,
            metrics_listen: None,
            test_delay: Duration::ZERO,
        }
    }
}

/// A server running on its own tasks.
pub struct RunningServer {
    local_addr: SocketAddr,
    metrics_addr: Option<SocketAddr>,
    reload: ReloadHandle,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: JoinHandle<Result<(), ServerError>>,
}

impl RunningServer {
    /// The gRPC address (the bound port when listening on port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The metrics address, when metrics are served.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics_addr
    }

    /// Handle to reload the watchlist (what SIGHUP does).
    pub fn reload_handle(&self) -> ReloadHandle {
        self.reload.clone()
    }

    /// Reloads the watchlist now; see [`ReloadHandle::reload`].
    pub async fn reload(&self) -> Result<paxscreen_engine::WatchlistInfo, ServerError> {
        self.reload.reload().await
    }

    /// Starts the graceful shutdown: health NOT_SERVING, stop accepting, drain.
    pub fn shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Waits until the server has stopped (after [`RunningServer::shutdown`] and the
    /// drain, or on a fatal error).
    pub async fn wait(self) -> Result<(), ServerError> {
        let _keep_open = self.shutdown;
        self.task
            .await
            .map_err(|e| ServerError::Internal(format!("server task: {e}")))?
    }
}

/// Plaintext only on loopback, unless explicitly allowed.
fn check_transport(addr: SocketAddr, config: &ServeConfig) -> Result<(), ServerError> {
    if config.tls.is_none() && !config.insecure && !addr.ip().is_loopback() {
        return Err(ServerError::Config(format!(
            "refusing plaintext gRPC on non-loopback address {addr}: give --tls-cert and --tls-key, or --insecure to allow plaintext"
        )));
    }
    if config.tls.is_none() && config.insecure && !addr.ip().is_loopback() {
        tracing::warn!(%addr, "serving plaintext gRPC on a non-loopback address (--insecure)");
    }
    Ok(())
}

fn tls_config(tls: &TlsFiles) -> ServerTlsConfig {
    let mut config =
        ServerTlsConfig::new().identity(Identity::from_pem(&tls.cert_pem, &tls.key_pem));
    if let Some(ca) = &tls.client_ca_pem {
        config = config.client_ca_root(Certificate::from_pem(ca));
    }
    config
}

/// Rewrites tonic's OUT_OF_RANGE for an over-limit request message (returned before the
/// handler runs, as a trailers-only response) into RESOURCE_EXHAUSTED.
fn oversize_status<B>(mut response: http::Response<B>) -> http::Response<B> {
    let headers = response.headers_mut();
    let out_of_range = headers
        .get("grpc-status")
        .is_some_and(|v| v.as_bytes() == b"11");
    let too_large = headers.get("grpc-message").is_some_and(|v| {
        let m = v.as_bytes();
        m.windows(9).any(|w| w == b"too large") || m.windows(11).any(|w| w == b"too%20large")
    });
    if out_of_range && too_large {
        headers.insert("grpc-status", http::HeaderValue::from_static("8"));
    }
    response
}

/// Loads the watchlist, binds nothing (the listener is given) and starts serving on
/// background tasks. Tests pass a `127.0.0.1:0` listener and read
/// [`RunningServer::local_addr`].
pub async fn start(
    config: ServeConfig,
    listener: TcpListener,
) -> Result<RunningServer, ServerError> {
    let local_addr = listener
        .local_addr()
        .map_err(|e| ServerError::Internal(format!("listener address: {e}")))?;
    check_transport(local_addr, &config)?;
    if !(0.0..=1.0).contains(&config.threshold) {
        return Err(ServerError::Config(format!(
            "--threshold {} is not in [0, 1]",
            config.threshold
        )));
    }
    if config.max_concurrent == 0 || config.max_travellers == 0 || config.max_message_bytes == 0 {
        return Err(ServerError::Config(
            "--max-concurrent, --max-travellers and --max-message-bytes must be at least 1".into(),
        ));
    }

    let metrics = Arc::new(Metrics::default());
    let paths = config.watchlist.clone();
    let started = std::time::Instant::now();
    let screener = tokio::task::spawn_blocking(move || reload::load_verified(&paths))
        .await
        .map_err(|e| ServerError::Internal(format!("loading task: {e}")))??;
    {
        let info = screener.info();
        tracing::info!(
            version = %info.version,
            entries = info.entries,
            names = info.names,
            ms = started.elapsed().as_millis() as u64,
            "watchlist loaded"
        );
    }
    let reload = ReloadHandle::new(config.watchlist.clone(), screener, metrics.clone());

    let service = ScreeningService::new(
        reload.clone(),
        Limits {
            threshold: config.threshold,
            max_hits: config.max_hits,
            max_travellers: config.max_travellers,
            test_delay: config.test_delay,
        },
        config.max_concurrent,
        metrics.clone(),
    );
    let screening = ScreeningServer::new(service)
        .max_decoding_message_size(config.max_message_bytes)
        .max_encoding_message_size(config.max_message_bytes);

    let (health, health_service) = tonic_health::server::health_reporter();
    health
        .set_serving::<ScreeningServer<ScreeningService>>()
        .await;
    health.set_service_status("", ServingStatus::Serving).await;

    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()
        .map_err(|e| ServerError::Internal(format!("reflection: {e}")))?;

    let mut builder = Server::builder()
        .timeout(config.request_timeout)
        // Detect dead clients (a border system rebooting) without waiting on TCP.
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)));
    if let Some(tls) = &config.tls {
        builder = builder
            .tls_config(tls_config(tls))
            .map_err(|e| ServerError::Tls(e.to_string()))?;
    }
    let router = builder
        .layer(tower::util::MapResponseLayer::new(oversize_status))
        .add_service(health_service)
        .add_service(reflection)
        .add_service(screening);

    let (metrics_addr, metrics_task) = match config.metrics_listen {
        Some(addr) => {
            let (a, t) = metrics::bind_metrics(addr, metrics.clone()).await?;
            tracing::info!(addr = %a, "metrics on http://{a}/metrics");
            (Some(a), Some(t))
        }
        None => (None, None),
    };
    let watch_task = config
        .watch
        .map(|interval| tokio::spawn(reload.clone().watch(interval)));

    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let (drain_tx, drain_rx) = tokio::sync::oneshot::channel::<()>();
    // TCP_NODELAY: without it small responses wait out Nagle + delayed ACK (~40 ms
    // each), which dominated latency under light load.
    let incoming = tonic::transport::server::TcpIncoming::from(listener)
        .with_nodelay(Some(true))
        .with_keepalive(Some(Duration::from_secs(60)));
    let mut server = tokio::spawn(router.serve_with_incoming_shutdown(incoming, async {
        let _ = drain_rx.await;
    }));
    tracing::info!(
        addr = %local_addr,
        tls = config.tls.is_some(),
        mtls = config.tls.as_ref().is_some_and(|t| t.client_ca_pem.is_some()),
        "serving paxscreen.v1.Screening"
    );

    let drain = config.drain;
    let task = tokio::spawn(async move {
        let early = tokio::select! {
            _ = stop_rx => None,
            r = &mut server => Some(r),
        };
        let result = match early {
            Some(r) => r
                .map_err(|e| ServerError::Internal(format!("server task: {e}")))?
                .map_err(|e| ServerError::Internal(format!("server: {e}"))),
            None => {
                tracing::info!(
                    drain_seconds = drain.as_secs_f64(),
                    "shutting down: health NOT_SERVING, draining"
                );
                health
                    .set_not_serving::<ScreeningServer<ScreeningService>>()
                    .await;
                health
                    .set_service_status("", ServingStatus::NotServing)
                    .await;
                let _ = drain_tx.send(());
                match tokio::time::timeout(drain, &mut server).await {
                    Ok(r) => r
                        .map_err(|e| ServerError::Internal(format!("server task: {e}")))?
                        .map_err(|e| ServerError::Internal(format!("server: {e}"))),
                    Err(_) => {
                        tracing::warn!(
                            "drain deadline passed; abandoning the requests still in flight"
                        );
                        server.abort();
                        Ok(())
                    }
                }
            }
        };
        if let Some(t) = watch_task {
            t.abort();
        }
        if let Some(t) = metrics_task {
            t.abort();
        }
        tracing::info!("server stopped");
        result
    });

    Ok(RunningServer {
        local_addr,
        metrics_addr,
        reload,
        shutdown: Some(stop_tx),
        task,
    })
}

/// Serves on `listener` until `shutdown` completes, then drains (at most
/// `config.drain`) and returns.
pub async fn serve(
    config: ServeConfig,
    listener: TcpListener,
    shutdown: impl Future<Output = ()>,
) -> Result<(), ServerError> {
    let mut server = start(config, listener).await?;
    shutdown.await;
    server.shutdown();
    server.wait().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oversize_becomes_resource_exhausted() {
        let status = tonic::Status::out_of_range(
            "Error, decoded message length too large: found 4101 bytes, the limit is: 1024 bytes",
        );
        let response = oversize_status(status.into_http::<()>());
        assert_eq!(response.headers()["grpc-status"], "8");
        let other = oversize_status(tonic::Status::out_of_range("index 7").into_http::<()>());
        assert_eq!(other.headers()["grpc-status"], "11");
    }

    #[test]
    fn plaintext_only_on_loopback() {
        let mut config = ServeConfig::new(Vec::new());
        assert!(check_transport("127.0.0.1:1".parse().unwrap(), &config).is_ok());
        assert!(check_transport("[::1]:1".parse().unwrap(), &config).is_ok());
        assert!(check_transport("10.0.0.1:1".parse().unwrap(), &config).is_err());
        config.insecure = true;
        assert!(check_transport("10.0.0.1:1".parse().unwrap(), &config).is_ok());
    }
}
