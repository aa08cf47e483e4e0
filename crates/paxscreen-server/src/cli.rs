//! `paxscreen serve`: flags, signals, runtime.

use crate::server::{self, ServeConfig, TlsFiles};
use crate::ServerError;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Flags of `paxscreen serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Watchlist file (native CSV, UN XML, OFAC sdn.csv) or one snapshot folder; repeatable.
    #[arg(long = "watchlist", required = true, value_name = "PATH")]
    pub watchlist: Vec<PathBuf>,
    /// Address to listen on. Plaintext is allowed only on loopback.
    #[arg(long, default_value = "127.0.0.1:50051", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// Server certificate chain (PEM); with --tls-key enables TLS.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// Server private key (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// CA certificate (PEM) that client certificates must chain to: mutual TLS.
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// Allow plaintext on a non-loopback address.
    #[arg(long)]
    pub insecure: bool,
    /// Default threshold for hits (a request may give its own); default: the engine's.
    #[arg(long, value_name = "F")]
    pub threshold: Option<f64>,
    /// Largest request or response message, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    pub max_message_bytes: usize,
    /// Most travellers in one ScreenTravellers or ScreenManifest request.
    #[arg(long, default_value_t = 5000, value_name = "N")]
    pub max_travellers: usize,
    /// Most screening requests in flight; more are refused with RESOURCE_EXHAUSTED.
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub max_concurrent: usize,
    /// Server-side request deadline in seconds (a shorter client grpc-timeout wins).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    pub request_timeout: f64,
    /// Seconds in-flight requests get to finish after SIGINT/SIGTERM.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub drain_seconds: f64,
    /// Poll the watchlist files every second and reload when they change (SIGHUP
    /// always reloads).
    #[arg(long)]
    pub watch: bool,
    /// Serve Prometheus metrics on http://ADDR/metrics.
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,
}

fn seconds(flag: &str, value: f64) -> Result<Duration, ServerError> {
    Duration::try_from_secs_f64(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            ServerError::Config(format!(
                "{flag} {value}: expected a positive number of seconds"
            ))
        })
}

impl ServeArgs {
    /// The server configuration these flags describe (reads the TLS files).
    pub fn to_config(&self) -> Result<ServeConfig, ServerError> {
        let mut config = ServeConfig::new(self.watchlist.clone());
        config.tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => {
                Some(TlsFiles::read(cert, key, self.tls_client_ca.as_deref())?)
            }
            (None, None) if self.tls_client_ca.is_some() => {
                return Err(ServerError::Config(
                    "--tls-client-ca needs --tls-cert and --tls-key".into(),
                ))
            }
            (None, None) => None,
            _ => {
                return Err(ServerError::Config(
                    "--tls-cert and --tls-key go together".into(),
                ))
            }
        };
        config.insecure = self.insecure;
        if let Some(t) = self.threshold {
            config.threshold = t;
        }
        config.max_message_bytes = self.max_message_bytes;
        config.max_travellers = self.max_travellers;
        config.max_concurrent = self.max_concurrent;
        config.request_timeout = seconds("--request-timeout", self.request_timeout)?;
        config.drain = Duration::try_from_secs_f64(self.drain_seconds).map_err(|_| {
            ServerError::Config(format!(
                "--drain-seconds {}: expected seconds >= 0",
                self.drain_seconds
            ))
        })?;
        config.watch = self.watch.then_some(Duration::from_secs(1));
        config.metrics_listen = self.metrics_listen;
        Ok(config)
    }
}

/// Runs `paxscreen serve` on a multi-threaded runtime of its own until SIGINT or
/// SIGTERM (then drains). SIGHUP reloads the watchlist.
pub fn run_serve(args: ServeArgs) -> Result<(), ServerError> {
    let config = args.to_config()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("paxscreen-serve")
        .build()
        .map_err(|e| ServerError::Internal(format!("tokio runtime: {e}")))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen)
            .await
            .map_err(|source| ServerError::Bind {
                addr: args.listen,
                source,
            })?;
        let mut server = server::start(config, listener).await?;
        let reload = server.reload_handle();
        let hangups = tokio::spawn(async move {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{signal, SignalKind};
                let Ok(mut hup) = signal(SignalKind::hangup()) else {
                    return;
                };
                while hup.recv().await.is_some() {
                    tracing::info!("SIGHUP: reloading the watchlist");
                    let _ = reload.reload().await;
                }
            }
            #[cfg(not(unix))]
            std::future::pending::<()>().await;
        });
        terminate().await;
        hangups.abort();
        server.shutdown();
        server.wait().await
    });
    // Blocking screening work abandoned at the drain deadline must not hold the exit.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

/// SIGINT or SIGTERM.
async fn terminate() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT"),
            _ = term.recv() => tracing::info!("SIGTERM"),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        serve: ServeArgs,
    }

    fn parse(args: &[&str]) -> Result<ServeArgs, clap::Error> {
        Cli::try_parse_from(std::iter::once("serve").chain(args.iter().copied())).map(|c| c.serve)
    }

    #[test]
    fn defaults() {
        let args = parse(&["--watchlist", "a.csv", "--watchlist", "b.xml"]).unwrap();
        assert_eq!(args.watchlist.len(), 2);
        assert_eq!(args.listen, "127.0.0.1:50051".parse().unwrap());
        let config = args.to_config().unwrap();
        assert_eq!(config.max_message_bytes, 16 * 1024 * 1024);
        assert_eq!(config.max_travellers, 5000);
        assert_eq!(config.request_timeout, Duration::from_secs(30));
        assert_eq!(config.drain, Duration::from_secs(10));
        assert_eq!(config.threshold, paxscreen_engine::DEFAULT_THRESHOLD);
        assert!(config.tls.is_none() && config.watch.is_none());
    }

    #[test]
    fn flag_mistakes_are_refused() {
        assert!(parse(&[]).is_err(), "--watchlist is required");
        assert!(parse(&["--watchlist", "a", "--tls-cert", "c.pem"]).is_err());
        assert!(parse(&["--watchlist", "a", "--tls-client-ca", "ca.pem"]).is_err());
        let args = parse(&["--watchlist", "a", "--request-timeout", "0"]).unwrap();
        assert!(matches!(args.to_config(), Err(ServerError::Config(_))));
        let args = parse(&[
            "--watchlist",
            "a",
            "--tls-cert",
            "/nonexistent/c.pem",
            "--tls-key",
            "k.pem",
        ])
        .unwrap();
        let err = args.to_config().unwrap_err();
        assert!(err.to_string().contains("/nonexistent/c.pem"), "{err}");
    }
}
