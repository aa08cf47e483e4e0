//! Prometheus text-format metrics on a tiny HTTP endpoint of its own: a handful of
//! counters and one histogram do not justify a metrics framework and its build time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Upper bounds (seconds) of the latency histogram buckets.
const BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Server metrics; cheap to update from every request.
#[derive(Default)]
pub(crate) struct Metrics {
    /// (rpc, grpc status code name) -> requests.
    requests: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
    latency: Mutex<BTreeMap<&'static str, Histogram>>,
    travellers: AtomicU64,
    traveller_errors: AtomicU64,
    hits: AtomicU64,
    in_flight: AtomicU64,
    reloads_ok: AtomicU64,
    reloads_failed: AtomicU64,
    watchlist: Mutex<(String, u64, u64)>,
}

impl Metrics {
    pub(crate) fn request(&self, rpc: &'static str, code: tonic::Code, elapsed: Duration) {
        let code = code_name(code);
        *lock(&self.requests).entry((rpc, code)).or_insert(0) += 1;
        let secs = elapsed.as_secs_f64();
        let mut latency = lock(&self.latency);
        let h = latency.entry(rpc).or_default();
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += secs;
    }

    pub(crate) fn screened(&self, travellers: u64, errors: u64, hits: u64) {
        self.travellers.fetch_add(travellers, Ordering::Relaxed);
        self.traveller_errors.fetch_add(errors, Ordering::Relaxed);
        self.hits.fetch_add(hits, Ordering::Relaxed);
    }

    pub(crate) fn in_flight(&self, delta: i64) {
        if delta >= 0 {
            self.in_flight.fetch_add(delta as u64, Ordering::Relaxed);
        } else {
            self.in_flight.fetch_sub((-delta) as u64, Ordering::Relaxed);
        }
    }

    pub(crate) fn reload(&self, ok: bool) {
        let c = if ok {
            &self.reloads_ok
        } else {
            &self.reloads_failed
        };
        c.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn watchlist(&self, info: &paxscreen_engine::WatchlistInfo) {
        *lock(&self.watchlist) = (info.version.clone(), info.entries, info.names);
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        let o = &mut out;
        let _ = writeln!(
            o,
            "# HELP paxscreen_grpc_requests_total gRPC requests by method and status."
        );
        let _ = writeln!(o, "# TYPE paxscreen_grpc_requests_total counter");
        for ((rpc, code), n) in lock(&self.requests).iter() {
            let _ = writeln!(
                o,
                "paxscreen_grpc_requests_total{{method=\"{rpc}\",code=\"{code}\"}} {n}"
            );
        }
        let _ = writeln!(
            o,
            "# HELP paxscreen_grpc_request_duration_seconds gRPC request latency."
        );
        let _ = writeln!(
            o,
            "# TYPE paxscreen_grpc_request_duration_seconds histogram"
        );
        for (rpc, h) in lock(&self.latency).iter() {
            for (le, n) in BUCKETS.iter().zip(h.counts.iter()) {
                let _ = writeln!(
                    o,
                    "paxscreen_grpc_request_duration_seconds_bucket{{method=\"{rpc}\",le=\"{le}\"}} {n}"
                );
            }
            let _ = writeln!(
                o,
                "paxscreen_grpc_request_duration_seconds_bucket{{method=\"{rpc}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                o,
                "paxscreen_grpc_request_duration_seconds_sum{{method=\"{rpc}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                o,
                "paxscreen_grpc_request_duration_seconds_count{{method=\"{rpc}\"}} {}",
                h.count
            );
        }
        let counters = [
            (
                "paxscreen_travellers_screened_total",
                "Travellers screened.",
                &self.travellers,
            ),
            (
                "paxscreen_traveller_errors_total",
                "Travellers that could not be screened.",
                &self.traveller_errors,
            ),
            ("paxscreen_hits_total", "Hits reported.", &self.hits),
        ];
        for (name, help, v) in counters {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} counter");
            let _ = writeln!(o, "{name} {}", v.load(Ordering::Relaxed));
        }
        let _ = writeln!(
            o,
            "# HELP paxscreen_watchlist_reloads_total Watchlist reloads by result."
        );
        let _ = writeln!(o, "# TYPE paxscreen_watchlist_reloads_total counter");
        let _ = writeln!(
            o,
            "paxscreen_watchlist_reloads_total{{result=\"ok\"}} {}",
            self.reloads_ok.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            o,
            "paxscreen_watchlist_reloads_total{{result=\"refused\"}} {}",
            self.reloads_failed.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            o,
            "# HELP paxscreen_in_flight_requests Screening requests being served."
        );
        let _ = writeln!(o, "# TYPE paxscreen_in_flight_requests gauge");
        let _ = writeln!(
            o,
            "paxscreen_in_flight_requests {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        let (version, entries, names) = lock(&self.watchlist).clone();
        let _ = writeln!(
            o,
            "# HELP paxscreen_watchlist_info The watchlist being served (version label)."
        );
        let _ = writeln!(o, "# TYPE paxscreen_watchlist_info gauge");
        let _ = writeln!(
            o,
            "paxscreen_watchlist_info{{version=\"{}\"}} 1",
            escape(&version)
        );
        let _ = writeln!(
            o,
            "# HELP paxscreen_watchlist_entries Entries in the watchlist being served."
        );
        let _ = writeln!(o, "# TYPE paxscreen_watchlist_entries gauge");
        let _ = writeln!(o, "paxscreen_watchlist_entries {entries}");
        let _ = writeln!(
            o,
            "# HELP paxscreen_watchlist_names Names (with aliases) in the watchlist being served."
        );
        let _ = writeln!(o, "# TYPE paxscreen_watchlist_names gauge");
        let _ = writeln!(o, "paxscreen_watchlist_names {names}");
        out
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding a metrics lock leaves plain counters: still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn code_name(code: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match code {
        Ok => "OK",
        Cancelled => "CANCELLED",
        Unknown => "UNKNOWN",
        InvalidArgument => "INVALID_ARGUMENT",
        DeadlineExceeded => "DEADLINE_EXCEEDED",
        NotFound => "NOT_FOUND",
        AlreadyExists => "ALREADY_EXISTS",
        PermissionDenied => "PERMISSION_DENIED",
        ResourceExhausted => "RESOURCE_EXHAUSTED",
        FailedPrecondition => "FAILED_PRECONDITION",
        Aborted => "ABORTED",
        OutOfRange => "OUT_OF_RANGE",
        Unimplemented => "UNIMPLEMENTED",
        Internal => "INTERNAL",
        Unavailable => "UNAVAILABLE",
        DataLoss => "DATA_LOSS",
        Unauthenticated => "UNAUTHENTICATED",
    }
}

/// Serves `GET /metrics` (any path, in fact) until the task is dropped.
pub(crate) async fn serve_metrics(listener: TcpListener, metrics: Arc<Metrics>) {
    loop {
        let Ok((mut conn, _)) = listener.accept().await else {
            continue;
        };
        let metrics = metrics.clone();
        tokio::spawn(async move {
            // Read the request head (bounded); the path does not matter.
            let mut buf = vec![0u8; 4096];
            let mut read = 0;
            let head = tokio::time::timeout(Duration::from_secs(5), async {
                while read < buf.len() {
                    match conn.read(&mut buf[read..]).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => read += n,
                    }
                    if buf[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            })
            .await;
            if head.is_err() {
                return;
            }
            let body = metrics.render();
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = conn.write_all(response.as_bytes()).await;
            let _ = conn.shutdown().await;
        });
    }
}

/// Binds the metrics endpoint; returns its address.
pub(crate) async fn bind_metrics(
    addr: SocketAddr,
    metrics: Arc<Metrics>,
) -> Result<(SocketAddr, tokio::task::JoinHandle<()>), crate::ServerError> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| crate::ServerError::Bind { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|e| crate::ServerError::Internal(e.to_string()))?;
    Ok((local, tokio::spawn(serve_metrics(listener, metrics))))
}
