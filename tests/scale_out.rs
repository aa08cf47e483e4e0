//! Scaling out: three replicas of the gRPC server share one snapshot folder behind a
//! client-side balanced tonic channel; one replica is stopped mid-run and no request
//! is lost. Loopback only, bounded loops.
//!
//! The channel is `Channel::balance_channel`, fed by a discovery task per replica that
//! watches its grpc.health.v1 status and removes the endpoint when the replica reports
//! NOT_SERVING (which it does first on shutdown) or its health stream ends.
//! `Channel::balance_list` is not enough: its endpoint set is fixed, and tonic keeps
//! sending a share of requests to a stopped replica, each failing with UNAVAILABLE
//! ("tcp connect error"). A request sent in the instant between the stop and the
//! removal can still fail with UNAVAILABLE: the client retries such a request once
//! (screening is idempotent), as a production client should.

use paxscreen_server::pb::screening_client::ScreeningClient;
use paxscreen_server::pb::{self, ScreenTravellersRequest};
use paxscreen_server::{RunningServer, ServeConfig};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use tonic::transport::channel::Change;
use tonic::transport::{Channel, Endpoint};
use tonic::Code;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

const LIST: &str = "id,names,dob,nationality,gender,documents,list,remarks\n\
QDi.325,Mohammed al-Hassan|Abu Mohammed al-Hassani,1979-06-30,SYR,M,P/SYR/N012345678,UN-ISIL-AQ,test entry\n\
T-2,Ivan Petrovich Sidorov,1960,RUS,M,,TEST,\n\
T-3,Jonathan Quixote Smithers,1970-01-01,GBR,M,,TEST-B,\n";

const REQUESTS: usize = 300;
const STOP_AT: usize = 100;

/// Builds the watchlist once and writes the snapshot every replica opens.
fn snapshot(dir: &Path) -> std::path::PathBuf {
    let csv = dir.join("list.csv");
    std::fs::write(&csv, LIST).unwrap();
    let screener = paxscreen_server::load_screener(&[csv]).unwrap();
    let snap = dir.join("snapshot");
    screener.write_snapshot(&snap).unwrap();
    snap
}

async fn replica(snap: &Path) -> RunningServer {
    let mut config = ServeConfig::new(vec![snap.to_path_buf()]);
    config.drain = Duration::from_secs(2);
    config.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    paxscreen_server::start(config, listener).await.unwrap()
}

/// Travellers screened by one replica, from its Prometheus metrics.
async fn screened(metrics: SocketAddr) -> u64 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut conn = tokio::net::TcpStream::connect(metrics).await.unwrap();
    conn.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut out = String::new();
    conn.read_to_string(&mut out).await.unwrap();
    out.lines()
        .find_map(|l| l.strip_prefix("paxscreen_travellers_screened_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Whether a failed call never reached a replica's screening and may be sent again
/// (screening is idempotent): UNAVAILABLE, or a transport error such as the GOAWAY of a
/// replica that stops while the call is being opened on its connection.
fn retryable(s: &tonic::Status) -> bool {
    s.code() == Code::Unavailable
        || std::error::Error::source(s)
            .is_some_and(|e| e.downcast_ref::<tonic::transport::Error>().is_some())
}

fn request(i: usize) -> ScreenTravellersRequest {
    ScreenTravellersRequest {
        travellers: vec![
            pb::Traveller {
                id: format!("L{i}"),
                surname: "AL HASSAN".into(),
                given_names: "MOHAMMED".into(),
                dob: "1979-06-30".into(),
                nationality: "SYR".into(),
                ..Default::default()
            },
            pb::Traveller {
                id: format!("I{i}"),
                surname: "MUELLER".into(),
                given_names: "JUERGEN KARL".into(),
                dob: "1985-01-01".into(),
                nationality: "DEU".into(),
                ..Default::default()
            },
        ],
        threshold: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_replicas_one_stopped_mid_run_no_request_lost() {
    let dir = tempfile::tempdir().unwrap();
    let snap = snapshot(dir.path());
    let mut replicas = Vec::new();
    for _ in 0..3 {
        replicas.push(Some(replica(&snap).await));
    }
    let metrics: Vec<SocketAddr> = replicas
        .iter()
        .map(|r| r.as_ref().unwrap().metrics_addr().unwrap())
        .collect();
    let (channel, discovery) = Channel::balance_channel::<SocketAddr>(8);
    let mut watchers = Vec::new();
    for r in &replicas {
        let addr = r.as_ref().unwrap().local_addr();
        let endpoint = Endpoint::from_shared(format!("http://{addr}"))
            .unwrap()
            .connect_timeout(Duration::from_secs(1))
            .timeout(Duration::from_secs(10));
        discovery
            .send(Change::Insert(addr, endpoint.clone()))
            .await
            .unwrap();
        watchers.push(tokio::spawn(watch_health(
            addr,
            endpoint,
            discovery.clone(),
        )));
    }
    let mut client = ScreeningClient::new(channel);

    let mut answered = 0usize;
    let mut retried = 0usize;
    let mut stopping = None;
    for i in 0..REQUESTS {
        if i == STOP_AT {
            // Graceful stop of replica 0 (health NOT_SERVING, listener closed, drain).
            let mut r = replicas[0].take().unwrap();
            r.shutdown();
            stopping = Some(tokio::spawn(r.wait()));
        }
        let resp = match client.screen_travellers(request(i)).await {
            Ok(r) => r,
            Err(s) if retryable(&s) && i >= STOP_AT => {
                retried += 1;
                client
                    .screen_travellers(request(i))
                    .await
                    .unwrap_or_else(|s| panic!("request {i} lost after one retry: {s}"))
            }
            Err(s) => panic!("request {i} failed: {s}"),
        };
        let results = resp.into_inner().results;
        assert_eq!(results.len(), 2, "request {i}");
        let listed: Vec<&str> = results[0]
            .hits
            .iter()
            .map(|h| h.entry_id.as_str())
            .collect();
        assert_eq!(listed, ["QDi.325"], "request {i}");
        assert!(results[1].hits.is_empty(), "request {i}");
        answered += 1;
    }
    assert_eq!(answered, REQUESTS);
    // A retry happens only at the moment of the stop, not for every later request.
    assert!(retried <= 3, "{retried} retries");
    stopping
        .unwrap()
        .await
        .unwrap()
        .expect("the stopped replica drained cleanly");

    // Every replica served a share before the stop; only the survivors after it.
    let mut counts = Vec::new();
    for (k, m) in metrics.iter().enumerate().skip(1) {
        let n = screened(*m).await;
        assert!(n > 0, "replica {k} served nothing");
        counts.push(n);
    }
    let survivors: u64 = counts.iter().sum();
    eprintln!(
        "scale_out: {answered} answered, {retried} retried once, survivors screened {counts:?}"
    );
    // Two travellers per request; the stopped replica served at most the first STOP_AT.
    assert!(
        survivors >= 2 * (REQUESTS - STOP_AT) as u64,
        "survivors screened {survivors}"
    );
    assert!(
        survivors < 2 * REQUESTS as u64 + 2 * retried as u64,
        "the stopped replica served nothing: {survivors}"
    );
    // The stopped replica's watcher removed it and ended.
    tokio::time::timeout(Duration::from_secs(5), watchers.remove(0))
        .await
        .expect("the watcher of the stopped replica ends")
        .unwrap();
    for mut r in replicas.into_iter().flatten() {
        r.shutdown();
        r.wait().await.unwrap();
    }
    for w in watchers {
        let _ = tokio::time::timeout(Duration::from_secs(5), w).await;
    }
}

/// Discovery by health: removes `addr` from the balancer as soon as the replica stops
/// serving (NOT_SERVING, a closed health stream or an unreachable replica).
async fn watch_health(
    addr: SocketAddr,
    endpoint: Endpoint,
    discovery: tokio::sync::mpsc::Sender<Change<SocketAddr, Endpoint>>,
) {
    if let Ok(ch) = endpoint.connect().await {
        let watch = HealthClient::new(ch)
            .watch(HealthCheckRequest {
                service: "paxscreen.v1.Screening".into(),
            })
            .await;
        if let Ok(stream) = watch {
            let mut stream = stream.into_inner();
            while let Ok(Some(m)) = stream.message().await {
                if m.status != ServingStatus::Serving as i32 {
                    break;
                }
            }
        }
    }
    let _ = discovery.send(Change::Remove(addr)).await;
}
