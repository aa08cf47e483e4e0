//! The `paxscreen.v1.Screening` service.

use crate::convert::{self, Slot};
use crate::metrics::Metrics;
use crate::pb;
use crate::reload::ReloadHandle;
use arc_swap::ArcSwap;
use paxscreen_core::Traveller;
use paxscreen_engine::{ScreenOptions, Screened, Screener};
use paxscreen_formats::ManifestFormat;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

/// Travellers screened per blocking call: between chunks a cancelled request (deadline
/// passed, client gone) stops using CPU.
const CHUNK: usize = 256;
/// Travellers a stream gathers (when already received) before screening them together.
const STREAM_BATCH: usize = 64;

/// Per-request limits and defaults.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    pub threshold: f64,
    pub max_hits: usize,
    pub max_travellers: usize,
    /// Test-only: sleep this long in each screening request (after admission).
    pub test_delay: Duration,
}

pub(crate) struct ScreeningService {
    screener: Arc<ArcSwap<Screener>>,
    reload: ReloadHandle,
    limits: Limits,
    permits: Arc<Semaphore>,
    /// Screening sections running at once (one per core); tokio's semaphore is FIFO,
    /// so admitted requests are screened in arrival order instead of all at once in
    /// rayon, where late arrivals could starve for seconds.
    cpu: Arc<Semaphore>,
    max_concurrent: usize,
    metrics: Arc<Metrics>,
}

impl ScreeningService {
    pub(crate) fn new(
        reload: ReloadHandle,
        limits: Limits,
        max_concurrent: usize,
        metrics: Arc<Metrics>,
    ) -> Self {
        ScreeningService {
            screener: reload.current(),
            reload,
            limits,
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            cpu: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(1, |n| n.get()),
            )),
            max_concurrent: max_concurrent.max(1),
            metrics,
        }
    }

    /// Load shedding: a request over `max_concurrent` in flight is refused at once
    /// rather than queued, so a border system can retry elsewhere before boarding.
    fn admit(&self, rpc: &'static str) -> Result<Admission, Status> {
        match self.permits.clone().try_acquire_owned() {
            Ok(permit) => {
                self.metrics.in_flight(1);
                Ok(Admission {
                    _permit: permit,
                    metrics: self.metrics.clone(),
                })
            }
            Err(_) => {
                tracing::warn!(rpc, max_concurrent = self.max_concurrent, "load shed");
                Err(Status::resource_exhausted(format!(
                    "server busy: {} screening requests in flight; retry shortly",
                    self.max_concurrent
                )))
            }
        }
    }

    fn options(&self, threshold: Option<f64>) -> Result<ScreenOptions, Status> {
        let threshold = match threshold {
            None => self.limits.threshold,
            Some(t) if t.is_finite() && (0.0..=1.0).contains(&t) => t,
            Some(t) => {
                return Err(Status::invalid_argument(format!(
                    "threshold {t} is not in [0, 1]"
                )))
            }
        };
        Ok(ScreenOptions {
            threshold,
            max_hits: self.limits.max_hits,
        })
    }

    fn check_count(&self, n: usize) -> Result<(), Status> {
        if n > self.limits.max_travellers {
            return Err(Status::resource_exhausted(format!(
                "{n} travellers in one request; the limit is {} (split the request or use ScreenStream)",
                self.limits.max_travellers
            )));
        }
        Ok(())
    }

    /// Waits (in arrival order) for a screening slot.
    async fn cpu_slot(cpu: &Arc<Semaphore>) -> Result<OwnedSemaphorePermit, Status> {
        cpu.clone()
            .acquire_owned()
            .await
            .map_err(|_| Status::unavailable("shutting down"))
    }

    async fn test_delay(&self) {
        if !self.limits.test_delay.is_zero() {
            tokio::time::sleep(self.limits.test_delay).await;
        }
    }
}

/// An admitted request: holds its concurrency permit and the in-flight gauge.
struct Admission {
    _permit: OwnedSemaphorePermit,
    metrics: Arc<Metrics>,
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.metrics.in_flight(-1);
    }
}

/// Records one request in the metrics when dropped; a request dropped before it
/// finished (deadline passed, client gone) counts as CANCELLED.
struct RequestRecord {
    rpc: &'static str,
    started: Instant,
    code: Option<tonic::Code>,
    metrics: Arc<Metrics>,
}

impl RequestRecord {
    fn new(rpc: &'static str, metrics: &Arc<Metrics>) -> Self {
        RequestRecord {
            rpc,
            started: Instant::now(),
            code: None,
            metrics: metrics.clone(),
        }
    }

    fn finish<T>(mut self, result: Result<T, Status>) -> Result<T, Status> {
        self.code = Some(match &result {
            Ok(_) => tonic::Code::Ok,
            Err(s) => s.code(),
        });
        if let Err(s) = &result {
            // The message may quote input (a manifest segment): debug level only.
            tracing::info!(rpc = self.rpc, code = ?s.code(), "request failed");
            tracing::debug!(rpc = self.rpc, message = s.message(), "request failed");
        }
        result
    }
}

impl Drop for RequestRecord {
    fn drop(&mut self) {
        let code = self.code.unwrap_or(tonic::Code::Cancelled);
        self.metrics.request(self.rpc, code, self.started.elapsed());
    }
}

/// Set when the request future is dropped, so its blocking work stops between chunks.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Screens the readable slots (in chunks, stopping if cancelled) and assembles one
/// result per slot, in order. Runs on a blocking thread.
fn screen_slots(
    screener: &Screener,
    slots: Vec<Slot>,
    options: &ScreenOptions,
    cancelled: &AtomicBool,
    metrics: &Metrics,
) -> Option<Vec<pb::TravellerResult>> {
    let travellers: Vec<&Traveller> = slots
        .iter()
        .filter_map(|s| match s {
            Slot::Screen(t) => Some(t),
            Slot::Done(_) => None,
        })
        .collect();
    let mut hits: Vec<Screened> = Vec::with_capacity(travellers.len());
    for chunk in travellers.chunks(CHUNK) {
        if cancelled.load(Ordering::Relaxed) {
            return None;
        }
        let owned: Vec<Traveller> = chunk.iter().map(|t| (*t).clone()).collect();
        hits.extend(screener.screen_batch_counted(&owned, options));
    }
    let screened = hits.len() as u64;
    let hit_count: u64 = hits.iter().map(|s| s.hits.len() as u64).sum();
    let errors = (slots.len() - hits.len()) as u64;
    metrics.screened(screened, errors, hit_count);
    let mut hits = hits.into_iter();
    let results = slots
        .into_iter()
        .map(|s| match s {
            Slot::Screen(t) => convert::screened(&t, &hits.next().unwrap_or_default()),
            Slot::Done(r) => r,
        })
        .collect();
    Some(results)
}

fn parse_format(format: &str) -> Result<Option<ManifestFormat>, Status> {
    if format.trim().is_empty() {
        return Ok(None);
    }
    ManifestFormat::parse(format).map(Some).ok_or_else(|| {
        Status::invalid_argument(format!(
            "unknown manifest format {format:?}: expected \"\" (detect), \"paxlst\", \"pnrgov\" or \"csv\""
        ))
    })
}

/// The format's lower-case name (`paxlst`, `pnrgov`, `csv`, ...).
fn format_name(format: ManifestFormat) -> String {
    format!("{format:?}").to_ascii_lowercase()
}

/// The gRPC `grpc-timeout` header: an integer of at most 8 digits and a unit
/// (H, M, S, m, u, n), per the gRPC over HTTP/2 spec.
fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let (digits, unit) = value.split_at(value.len().checked_sub(1)?);
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n * 3600),
        "M" => Duration::from_secs(n * 60),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// tonic reports an over-limit message as OUT_OF_RANGE; gRPC's convention (and our
/// contract) is RESOURCE_EXHAUSTED.
pub(crate) fn oversize_to_exhausted(status: Status) -> Status {
    if status.code() == tonic::Code::OutOfRange && status.message().contains("too large") {
        Status::resource_exhausted(status.message().to_string())
    } else {
        status
    }
}

fn join_error(e: tokio::task::JoinError) -> Status {
    tracing::error!(error = %e, "screening task failed");
    Status::internal("screening failed (internal error)")
}

type ResultStream = Pin<Box<dyn Stream<Item = Result<pb::TravellerResult, Status>> + Send>>;

#[tonic::async_trait]
impl pb::screening_server::Screening for ScreeningService {
    async fn screen_travellers(
        &self,
        request: Request<pb::ScreenTravellersRequest>,
    ) -> Result<Response<pb::ScreenResponse>, Status> {
        let record = RequestRecord::new("ScreenTravellers", &self.metrics);
        let result = async {
            let req = request.into_inner();
            let options = self.options(req.threshold)?;
            self.check_count(req.travellers.len())?;
            let admission = self.admit("ScreenTravellers")?;
            self.test_delay().await;
            let screener = self.screener.load_full();
            let version = screener.info().version.clone();
            let n = req.travellers.len();
            let cancelled = Arc::new(AtomicBool::new(false));
            let _cancel = CancelOnDrop(cancelled.clone());
            let metrics = self.metrics.clone();
            let slot = Self::cpu_slot(&self.cpu).await?;
            let results = tokio::task::spawn_blocking(move || {
                let _admission = admission;
                let _slot = slot;
                let slots = req.travellers.iter().map(convert::slot_from_pb).collect();
                screen_slots(&screener, slots, &options, &cancelled, &metrics)
            })
            .await
            .map_err(join_error)?
            .ok_or_else(|| Status::cancelled("request cancelled"))?;
            tracing::debug!(travellers = n, "ScreenTravellers done");
            Ok(Response::new(pb::ScreenResponse {
                results,
                watchlist_version: version,
                warnings: Vec::new(),
                format: String::new(),
            }))
        }
        .await;
        record.finish(result)
    }

    async fn screen_manifest(
        &self,
        request: Request<pb::ScreenManifestRequest>,
    ) -> Result<Response<pb::ScreenResponse>, Status> {
        let record = RequestRecord::new("ScreenManifest", &self.metrics);
        let result = async {
            let req = request.into_inner();
            let options = self.options(req.threshold)?;
            let format = parse_format(&req.format)?;
            if req.content.is_empty() {
                return Err(Status::invalid_argument("empty manifest"));
            }
            let admission = self.admit("ScreenManifest")?;
            self.test_delay().await;
            let source = if req.source.trim().is_empty() {
                "grpc".to_string()
            } else {
                req.source.trim().to_string()
            };
            let manifest = {
                let source = source.clone();
                let content = req.content;
                tokio::task::spawn_blocking(move || {
                    paxscreen_formats::read_manifest(&content, &source, format)
                })
                .await
                .map_err(join_error)?
                // The ManifestError names the segment and the reason.
                .map_err(|e| Status::invalid_argument(e.to_string()))?
            };
            self.check_count(manifest.records.len())?;
            let screener = self.screener.load_full();
            let version = screener.info().version.clone();
            let cancelled = Arc::new(AtomicBool::new(false));
            let _cancel = CancelOnDrop(cancelled.clone());
            let metrics = self.metrics.clone();
            let format = format_name(manifest.format);
            let warnings = manifest.warnings;
            let records = manifest.records;
            let n = records.len();
            let slot = Self::cpu_slot(&self.cpu).await?;
            let results = tokio::task::spawn_blocking(move || {
                let _admission = admission;
                let _slot = slot;
                let slots = records.iter().map(convert::slot_from_record).collect();
                screen_slots(&screener, slots, &options, &cancelled, &metrics)
            })
            .await
            .map_err(join_error)?
            .ok_or_else(|| Status::cancelled("request cancelled"))?;
            tracing::debug!(travellers = n, format = %format, "ScreenManifest done");
            Ok(Response::new(pb::ScreenResponse {
                results,
                watchlist_version: version,
                warnings,
                format,
            }))
        }
        .await;
        record.finish(result)
    }

    type ScreenStreamStream = ResultStream;

    async fn screen_stream(
        &self,
        request: Request<Streaming<pb::Traveller>>,
    ) -> Result<Response<Self::ScreenStreamStream>, Status> {
        let record = RequestRecord::new("ScreenStream", &self.metrics);
        let admission = match self.admit("ScreenStream") {
            Ok(a) => a,
            Err(e) => return record.finish(Err(e)),
        };
        let options = self.options(None)?;
        // tonic's timeout covers a call only until the response stream is returned:
        // the client's deadline for the whole stream is enforced here.
        let deadline = request
            .metadata()
            .get("grpc-timeout")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_grpc_timeout)
            .map(|d| tokio::time::Instant::now() + d);
        let mut inbound = request.into_inner();
        let screener = self.screener.clone();
        let metrics = self.metrics.clone();
        let cpu = self.cpu.clone();
        let test_delay = self.limits.test_delay;
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<pb::TravellerResult, Status>>(128);
        tokio::spawn(async move {
            let _admission = admission;
            let mut record = record;
            if !test_delay.is_zero() {
                tokio::time::sleep(test_delay).await;
            }
            let work = async {
                loop {
                    let first = match inbound.next().await {
                        None => return Ok(()),
                        Some(Err(s)) => return Err(oversize_to_exhausted(s)),
                        Some(Ok(t)) => t,
                    };
                    let mut batch = vec![first];
                    let mut end = None;
                    // Gather what has already arrived, without waiting for more.
                    while batch.len() < STREAM_BATCH {
                        let next =
                            std::future::poll_fn(|cx| match Pin::new(&mut inbound).poll_next(cx) {
                                Poll::Ready(item) => Poll::Ready(Some(item)),
                                Poll::Pending => Poll::Ready(None),
                            })
                            .await;
                        match next {
                            None => break,
                            Some(None) => {
                                end = Some(Ok(()));
                                break;
                            }
                            Some(Some(Err(s))) => {
                                end = Some(Err(oversize_to_exhausted(s)));
                                break;
                            }
                            Some(Some(Ok(t))) => batch.push(t),
                        }
                    }
                    // Each batch uses the generation current when it is screened.
                    let current = screener.load_full();
                    let metrics = metrics.clone();
                    let never = AtomicBool::new(false);
                    let slot = Self::cpu_slot(&cpu).await?;
                    let results = tokio::task::spawn_blocking(move || {
                        let _slot = slot;
                        let slots = batch.iter().map(convert::slot_from_pb).collect();
                        screen_slots(&current, slots, &options, &never, &metrics)
                    })
                    .await
                    .map_err(join_error)?
                    .unwrap_or_default();
                    for r in results {
                        if tx.send(Ok(r)).await.is_err() {
                            // The client went away.
                            return Err(Status::cancelled("client went away"));
                        }
                    }
                    if let Some(end) = end {
                        return end;
                    }
                }
            };
            let outcome: Result<(), Status> = match deadline {
                None => work.await,
                Some(at) => match tokio::time::timeout_at(at, work).await {
                    Ok(r) => r,
                    Err(_) => Err(Status::deadline_exceeded("stream deadline exceeded")),
                },
            };
            record.code = Some(match &outcome {
                Ok(()) => tonic::Code::Ok,
                Err(s) => s.code(),
            });
            if let Err(s) = outcome {
                let _ = tx.send(Err(s)).await;
            }
        });
        let stream: ResultStream = Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx));
        Ok(Response::new(stream))
    }

    async fn get_watchlist_info(
        &self,
        _request: Request<pb::GetWatchlistInfoRequest>,
    ) -> Result<Response<pb::WatchlistInfo>, Status> {
        let record = RequestRecord::new("GetWatchlistInfo", &self.metrics);
        let screener = self.screener.load_full();
        let info = convert::info_to_pb(screener.info(), self.reload.reloads());
        record.finish(Ok(Response::new(info)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeout_header() {
        assert_eq!(parse_grpc_timeout("100m"), Some(Duration::from_millis(100)));
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_grpc_timeout("5000u"), Some(Duration::from_millis(5)));
        for bad in ["", "m", "10", "123456789S", "1x", "-1S"] {
            assert_eq!(parse_grpc_timeout(bad), None, "{bad:?}");
        }
    }
}
