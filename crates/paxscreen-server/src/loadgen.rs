//! `paxscreen loadgen`: drives a running server with concurrent screening requests and
//! reports throughput and latency percentiles.

use crate::pb::screening_client::ScreeningClient;
use crate::{pb, ServerError};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

/// Flags of `paxscreen loadgen`.
#[derive(Debug, Clone, clap::Args)]
pub struct LoadgenArgs {
    /// Server URL (`https://` for TLS).
    #[arg(long, default_value = "http://127.0.0.1:50051")]
    pub target: String,
    /// Send this manifest (PAXLST, PNRGOV or CSV) with ScreenManifest in every request;
    /// without it, synthetic travellers are sent with ScreenTravellers.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 50)]
    pub concurrency: usize,
    /// Stop after this many requests (default: run for --duration).
    #[arg(long)]
    pub requests: Option<u64>,
    /// Seconds to run when --requests is not given.
    #[arg(long, default_value_t = 10.0)]
    pub duration: f64,
    /// Synthetic travellers per ScreenTravellers request.
    #[arg(long, default_value_t = 300)]
    pub travellers_per_request: usize,
    /// Threshold sent with each request (default: the server's).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Per-request deadline in seconds (sent as grpc-timeout).
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// CA certificate (PEM) to verify the server with (https targets).
    #[arg(long, value_name = "PEM")]
    pub tls_ca: Option<PathBuf>,
    /// Client certificate (PEM) for mutual TLS.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// Client private key (PEM) for mutual TLS.
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Server name to verify (default: the target's host).
    #[arg(long)]
    pub tls_domain: Option<String>,
}

/// What a load run measured.
#[derive(Debug, Clone)]
pub struct LoadgenReport {
    /// Requests that succeeded.
    pub requests_ok: u64,
    /// Failed requests by gRPC status code name.
    pub failures: BTreeMap<String, u64>,
    /// Travellers screened in successful requests.
    pub travellers: u64,
    /// Hits reported.
    pub hits: u64,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Travellers screened per second.
    pub travellers_per_second: f64,
    /// Successful requests per second.
    pub requests_per_second: f64,
    /// Latency percentiles of successful requests.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Slowest.
    pub max: Duration,
}

impl fmt::Display for LoadgenReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let failed: u64 = self.failures.values().sum();
        writeln!(f, "{:<22} {:>14}", "requests ok", self.requests_ok)?;
        writeln!(f, "{:<22} {:>14}", "requests failed", failed)?;
        for (code, n) in &self.failures {
            writeln!(f, "{:<22} {:>14}", format!("  {code}"), n)?;
        }
        writeln!(f, "{:<22} {:>14}", "travellers screened", self.travellers)?;
        writeln!(f, "{:<22} {:>14}", "hits", self.hits)?;
        writeln!(
            f,
            "{:<22} {:>14.2}",
            "elapsed (s)",
            self.elapsed.as_secs_f64()
        )?;
        writeln!(
            f,
            "{:<22} {:>14.0}",
            "travellers/second", self.travellers_per_second
        )?;
        writeln!(
            f,
            "{:<22} {:>14.1}",
            "requests/second", self.requests_per_second
        )?;
        writeln!(f, "{:<22} {:>14.1}", "latency p50 (ms)", ms(self.p50))?;
        writeln!(f, "{:<22} {:>14.1}", "latency p99 (ms)", ms(self.p99))?;
        write!(f, "{:<22} {:>14.1}", "latency max (ms)", ms(self.max))
    }
}

/// Runs the load on a runtime of its own, prints the report table on stdout and
/// returns it.
pub fn run_loadgen(args: LoadgenArgs) -> Result<LoadgenReport, ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServerError::Internal(format!("tokio runtime: {e}")))?;
    let report = runtime.block_on(loadgen(args))?;
    println!("{report}");
    Ok(report)
}

enum Work {
    Manifest(Vec<u8>),
    Travellers(Vec<Vec<pb::Traveller>>),
}

/// The load run itself, on the caller's runtime.
pub async fn loadgen(args: LoadgenArgs) -> Result<LoadgenReport, ServerError> {
    if args.concurrency == 0 {
        return Err(ServerError::Config(
            "--concurrency must be at least 1".into(),
        ));
    }
    let timeout = Duration::try_from_secs_f64(args.timeout).map_err(|_| {
        ServerError::Config(format!("--timeout {}: expected seconds", args.timeout))
    })?;
    let work = Arc::new(match &args.manifest {
        Some(path) => {
            Work::Manifest(std::fs::read(path).map_err(|source| ServerError::ReadFile {
                path: path.clone(),
                source,
            })?)
        }
        None => Work::Travellers(
            (0..16u64)
                .map(|b| synthetic_travellers(b, args.travellers_per_request.max(1)))
                .collect(),
        ),
    });
    let channels = connect(&args).await?;
    let stop_at = match args.requests {
        Some(_) => None,
        None => Some(
            Instant::now()
                + Duration::try_from_secs_f64(args.duration).map_err(|_| {
                    ServerError::Config(format!("--duration {}: expected seconds", args.duration))
                })?,
        ),
    };
    let budget = Arc::new(AtomicU64::new(args.requests.unwrap_or(u64::MAX)));
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..args.concurrency {
        let mut client = ScreeningClient::new(channels[w % channels.len()].clone())
            .max_decoding_message_size(usize::MAX)
            .max_encoding_message_size(usize::MAX);
        let work = work.clone();
        let budget = budget.clone();
        let threshold = args.threshold;
        workers.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures: BTreeMap<String, u64> = BTreeMap::new();
            let (mut travellers, mut hits) = (0u64, 0u64);
            let mut i = w as u64;
            loop {
                if stop_at.is_some_and(|t| Instant::now() >= t) {
                    break;
                }
                if budget
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(1))
                    .is_err()
                {
                    break;
                }
                let t0 = Instant::now();
                let result = match &*work {
                    Work::Manifest(bytes) => {
                        let mut req = tonic::Request::new(pb::ScreenManifestRequest {
                            content: bytes.clone(),
                            format: String::new(),
                            threshold,
                            source: "loadgen".into(),
                        });
                        req.set_timeout(timeout);
                        client.screen_manifest(req).await
                    }
                    Work::Travellers(batches) => {
                        let batch = &batches[(i % batches.len() as u64) as usize];
                        let mut req = tonic::Request::new(pb::ScreenTravellersRequest {
                            travellers: batch.clone(),
                            threshold,
                        });
                        req.set_timeout(timeout);
                        client.screen_travellers(req).await
                    }
                };
                i += 1;
                match result {
                    Ok(resp) => {
                        latencies.push(t0.elapsed());
                        let resp = resp.into_inner();
                        travellers += resp.results.len() as u64;
                        hits += resp
                            .results
                            .iter()
                            .map(|r| r.hits.len() as u64)
                            .sum::<u64>();
                    }
                    Err(status) => {
                        *failures.entry(format!("{:?}", status.code())).or_insert(0) += 1;
                    }
                }
            }
            (latencies, failures, travellers, hits)
        }));
    }
    let mut latencies = Vec::new();
    let mut failures = BTreeMap::new();
    let (mut travellers, mut hits) = (0, 0);
    for w in workers {
        let (l, f, t, h) = w
            .await
            .map_err(|e| ServerError::Internal(format!("loadgen worker: {e}")))?;
        latencies.extend(l);
        for (k, v) in f {
            *failures.entry(k).or_insert(0) += v;
        }
        travellers += t;
        hits += h;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| -> Duration {
        if latencies.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((p * latencies.len() as f64).ceil() as usize).clamp(1, latencies.len());
        latencies[rank - 1]
    };
    let secs = elapsed.as_secs_f64().max(1e-9);
    Ok(LoadgenReport {
        requests_ok: latencies.len() as u64,
        failures,
        travellers,
        hits,
        elapsed,
        travellers_per_second: travellers as f64 / secs,
        requests_per_second: latencies.len() as f64 / secs,
        p50: pct(0.50),
        p99: pct(0.99),
        max: latencies.last().copied().unwrap_or_default(),
    })
}

/// A few HTTP/2 connections, so one connection's task is not the bottleneck.
async fn connect(args: &LoadgenArgs) -> Result<Vec<Channel>, ServerError> {
    let err = |reason: String| ServerError::Connect {
        target: args.target.clone(),
        reason,
    };
    let mut endpoint =
        Endpoint::from_shared(args.target.clone()).map_err(|e| err(e.to_string()))?;
    let https = args.target.starts_with("https://");
    if https || args.tls_ca.is_some() {
        let read = |p: &PathBuf| {
            std::fs::read(p).map_err(|source| ServerError::ReadFile {
                path: p.clone(),
                source,
            })
        };
        let mut tls = ClientTlsConfig::new();
        if let Some(ca) = &args.tls_ca {
            tls = tls.ca_certificate(Certificate::from_pem(read(ca)?));
        }
        if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
            tls = tls.identity(Identity::from_pem(read(cert)?, read(key)?));
        }
        if let Some(domain) = &args.tls_domain {
            tls = tls.domain_name(domain.clone());
        }
        endpoint = endpoint.tls_config(tls).map_err(|e| err(e.to_string()))?;
    }
    let n = args.concurrency.clamp(1, 8);
    let mut channels = Vec::with_capacity(n);
    for _ in 0..n {
        channels.push(
            endpoint
                .connect()
                .await
                .map_err(|e| err(format!("{e:?}")))?,
        );
    }
    Ok(channels)
}

/// Deterministic synthetic travellers (names from common syllables, plausible dates
/// and nationalities): load without any real passenger data.
fn synthetic_travellers(seed: u64, n: usize) -> Vec<pb::Traveller> {
    const SYLLABLES: &[&str] = &[
        "AL", "AB", "MO", "HAM", "MED", "HAS", "SAN", "KA", "RIM", "JO", "HAN", "NA", "SER", "MUL",
        "LER", "PE", "TROV", "IVA", "NOV", "LI", "WEI", "GAR", "CIA", "SMI", "TH", "OK", "EKE",
        "DIA", "LO", "YU", "SU", "KI", "RA", "MI", "DE", "VI", "ES", "TA",
    ];
    const NATIONALITIES: &[&str] = &[
        "DEU", "GBR", "FRA", "SYR", "IRQ", "USA", "TUR", "NGA", "PAK", "CHN",
    ];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let word = |next: &mut dyn FnMut() -> usize| {
        let k = 2 + next() % 2;
        (0..k)
            .map(|_| SYLLABLES[next() % SYLLABLES.len()])
            .collect::<String>()
    };
    (0..n)
        .map(|i| {
            let surname = word(&mut next);
            let given_names = word(&mut next);
            let nationality = NATIONALITIES[next() % NATIONALITIES.len()].to_string();
            let dob = format!(
                "{}-{:02}-{:02}",
                1940 + next() % 70,
                1 + next() % 12,
                1 + next() % 28
            );
            pb::Traveller {
                id: format!("LG{seed}-{i}"),
                surname,
                given_names,
                dob,
                nationality: nationality.clone(),
                documents: vec![pb::Document {
                    r#type: "P".into(),
                    issuer: nationality,
                    number: format!("X{:08}", next() % 100_000_000),
                }],
                ..Default::default()
            }
        })
        .collect()
}
