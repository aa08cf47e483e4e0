//! End-to-end gRPC tests: a real server on 127.0.0.1:0 (from `paxscreen_server::start`)
//! and real tonic clients, over plaintext, TLS and mutual TLS.

use paxscreen_server::pb::screening_client::ScreeningClient;
use paxscreen_server::pb::{self, ScreenManifestRequest, ScreenTravellersRequest};
use paxscreen_server::{RunningServer, ServeConfig, TlsFiles};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};
use tonic::Code;

const HEADER: &str = "id,names,dob,nationality,gender,documents,list,remarks\n";
const LIST_A: &str = "QDi.325,Mohammed al-Hassan|Abu Mohammed al-Hassani,1979-06-30,SYR,M,P/SYR/N012345678,UN-ISIL-AQ,test entry\n\
T-2,Ivan Petrovich Sidorov,1960,RUS,M,,TEST,\n";
const LIST_B: &str = "NEW-1,Jonathan Quixote Smithers,1970-01-01,GBR,M,,TEST-B,\n\
T-2,Ivan Petrovich Sidorov,1960,RUS,M,,TEST,\n";

/// FORMATS.md section 1.4: three passengers, the third is listed (QDi.325).
const PAXLST: &str = "UNA:+.? '
UNB+UNOA:4+ZZAIRLINE:ZZ+GOVAPIS:ZZ+250301:0900+000000123++APIS'
UNG+PAXLST+ZZAIRLINE:ZZ+GOVAPIS:ZZ+250301:0900+123+UN+D:05B'
UNH+PAX001+PAXLST:D:05B:UN:IATA+ZZ0123/250301/1000+01:F'
BGM+745'
RFF+TN:ZZ0123250301:::1'
NAD+MS+++OPS CONTROL'
COM+44 20 7946 0000:TE+44 20 7946 0001:FX'
TDT+20+ZZ0123+++ZZ'
LOC+125+IST'
DTM+189:2503011000:201'
LOC+87+LHR'
DTM+232:2503011300:201'
NAD+FL+++MUELLER:JUERGEN:KARL'
ATT+2++M'
DTM+329:850101'
LOC+22+LHR'
LOC+178+IST'
LOC+179+LHR'
LOC+174+DEU'
NAT+2+DEU'
RFF+AVF:ABC123'
RFF+ABO:ZZ0123001'
RFF+SEA:12A'
DOC+P+C01X00T47'
DTM+36:300101'
LOC+91+DEU'
NAD+FL+++O?'NEIL:MARY ANN'
ATT+2++F'
DTM+329:900215'
LOC+178+IST'
LOC+179+LHR'
NAT+2+IRL'
RFF+AVF:DEF456'
DOC+P+PA1234567'
DTM+36:281231'
LOC+91+IRL'
NAD+FL+++AL HASSAN:MOHAMMED'
ATT+2++M'
DTM+329:790630'
LOC+178+IST'
LOC+179+LHR'
NAT+2+SYR'
RFF+AVF:GHI789'
DOC+P+N012345678'
DTM+36:270915'
LOC+91+SYR'
CNT+42:3'
UNT+46+PAX001'
UNE+1+123'
UNZ+1+000000123'
";

fn write_list(path: &Path, rows: &str) {
    // Write beside and rename, as an operator's deploy would: a reload never reads
    // a half-written file.
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, format!("{HEADER}{rows}")).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn watchlist(dir: &Path, rows: &str) -> PathBuf {
    let path = dir.join("list.csv");
    write_list(&path, rows);
    path
}

async fn start_with(dir: &Path, edit: impl FnOnce(&mut ServeConfig)) -> RunningServer {
    let mut config = ServeConfig::new(vec![watchlist(dir, LIST_A)]);
    config.drain = Duration::from_secs(3);
    edit(&mut config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    paxscreen_server::start(config, listener).await.unwrap()
}

async fn channel(server: &RunningServer) -> Channel {
    Channel::from_shared(format!("http://{}", server.local_addr()))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

fn traveller(id: &str, surname: &str, given: &str, dob: &str, nat: &str) -> pb::Traveller {
    pb::Traveller {
        id: id.into(),
        surname: surname.into(),
        given_names: given.into(),
        dob: dob.into(),
        nationality: nat.into(),
        ..Default::default()
    }
}

fn hit_ids(r: &pb::TravellerResult) -> Vec<&str> {
    r.hits.iter().map(|h| h.entry_id.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_travellers_hit_and_no_hit() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |_| {}).await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let mut listed = traveller("T1", "AL HASSAN", "MOHAMMED", "1979-06-30", "SYR");
    listed.gender = "M".into();
    listed.documents = vec![pb::Document {
        r#type: "P".into(),
        issuer: "SY".into(),
        number: "N012345678".into(),
    }];
    let resp = client
        .screen_travellers(ScreenTravellersRequest {
            travellers: vec![
                listed,
                traveller("T2", "NAKAMURA", "YUKI", "1991-04-02", "JPN"),
            ],
            threshold: None,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.results.len(), 2);
    assert!(!resp.watchlist_version.is_empty());
    let r = &resp.results[0];
    assert_eq!(r.error, "");
    let t = r.traveller.as_ref().unwrap();
    assert_eq!(
        (t.id.as_str(), t.dob.as_str(), t.nationality.as_str()),
        ("T1", "1979-06-30", "SYR")
    );
    assert_eq!(
        t.documents[0].issuer, "SYR",
        "alpha-2 issuer normalized to alpha-3"
    );
    assert_eq!(hit_ids(r)[0], "QDi.325");
    let hit = &r.hits[0];
    assert_eq!(hit.list, "UN-ISIL-AQ");
    assert!(
        hit.score >= paxscreen_engine::DEFAULT_THRESHOLD && hit.score <= 1.0,
        "{}",
        hit.score
    );
    let ev = hit.evidence.as_ref().unwrap();
    assert!(ev.name > 0.8 && ev.name <= 1.0, "{}", ev.name);
    assert_eq!(ev.dob, "exact");
    assert_eq!(ev.nationality, "match");
    assert_eq!(ev.document, "match");
    assert_eq!(ev.gender, "match");
    assert!(!hit.matched_name.is_empty());
    let r = &resp.results[1];
    assert_eq!((r.error.as_str(), r.hits.len()), ("", 0));

    // A threshold out of range is the caller's error.
    let err = client
        .screen_travellers(ScreenTravellersRequest {
            travellers: vec![traveller("T1", "X", "Y", "", "")],
            threshold: Some(1.5),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_travellers_get_their_own_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |_| {}).await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let resp = client
        .screen_travellers(ScreenTravellersRequest {
            travellers: vec![
                traveller("ok", "AL HASSAN", "MOHAMMED", "1979-06-30", "SYR"),
                traveller("bad-dob", "DOE", "JOHN", "1979-13-45", ""),
                traveller("no-name", "", " ", "1980-01-01", ""),
                traveller("bad-nat", "DOE", "JANE", "", "QQQ"),
                traveller("ok2", "SIDOROV", "IVAN PETROVICH", "1960", "RUS"),
                traveller("no-letters", "!!!", "--", "", ""),
            ],
            threshold: None,
        })
        .await
        .unwrap()
        .into_inner();
    let errors: Vec<(&str, bool)> = resp
        .results
        .iter()
        .map(|r| {
            (
                r.traveller.as_ref().unwrap().id.as_str(),
                !r.error.is_empty(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("ok", false),
            ("bad-dob", true),
            ("no-name", true),
            ("bad-nat", true),
            ("ok2", false),
            ("no-letters", true)
        ]
    );
    assert_eq!(
        resp.results[5].error,
        r#"name "!!!, --" has no letters and no document is given: nothing to screen"#
    );
    assert!(
        resp.results[1].error.contains("dob"),
        "{}",
        resp.results[1].error
    );
    assert!(
        resp.results[2].error.contains("name"),
        "{}",
        resp.results[2].error
    );
    assert!(
        resp.results[3].error.contains("nationality"),
        "{}",
        resp.results[3].error
    );
    assert_eq!(hit_ids(&resp.results[0]), ["QDi.325"]);
    // The entry's remarks come with the hit; T-2 has none.
    assert_eq!(resp.results[0].hits[0].remarks, "test entry");
    assert_eq!(hit_ids(&resp.results[4]), ["T-2"]);
    assert_eq!(resp.results[4].hits[0].remarks, "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_manifest_paxlst_csv_and_malformed() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |_| {}).await;
    let mut client = ScreeningClient::new(channel(&server).await);

    let resp = client
        .screen_manifest(ScreenManifestRequest {
            content: PAXLST.as_bytes().to_vec(),
            format: String::new(),
            threshold: None,
            source: "flight.edi".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.format, "paxlst");
    assert_eq!(resp.results.len(), 3);
    let names: Vec<&str> = resp
        .results
        .iter()
        .map(|r| r.traveller.as_ref().unwrap().surname.as_str())
        .collect();
    assert_eq!(names, ["MUELLER", "O'NEIL", "AL HASSAN"]);
    assert!(resp.results.iter().all(|r| r.error.is_empty()));
    assert!(resp.results[0].hits.is_empty() && resp.results[1].hits.is_empty());
    assert_eq!(hit_ids(&resp.results[2])[0], "QDi.325");
    let t = resp.results[2].traveller.as_ref().unwrap();
    assert_eq!(
        (t.dob.as_str(), t.nationality.as_str(), t.source.as_str()),
        ("1979-06-30", "SYR", "flight.edi")
    );
    assert_eq!(
        resp.results[2].hits[0].evidence.as_ref().unwrap().document,
        "match"
    );

    let csv = "id,surname,given_names,dob,gender,nationality,doc_type,doc_number,doc_issuer\n\
               P1,AL HASSAN,MOHAMMED,1979-06-30,M,SYR,P,N012345678,SYR\n\
               P2,DOE,JANE,1990-01-01,F,GBR,,,\n";
    let resp = client
        .screen_manifest(ScreenManifestRequest {
            content: csv.as_bytes().to_vec(),
            format: "csv".into(),
            threshold: None,
            source: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.format, "csv");
    let ids: Vec<&str> = resp
        .results
        .iter()
        .map(|r| r.traveller.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(ids, ["P1", "P2"]);
    assert_eq!(hit_ids(&resp.results[0])[0], "QDi.325");
    assert!(resp.results[1].hits.is_empty());

    // Malformed PAXLST: the whole message is refused with the reader's reason and
    // position (ManifestError's Display).
    let malformed = [
        // The UNA string repeats a separator.
        "UNA++.? '\nUNB+UNOA:4+ZZ+GOV+250301:0900+1'\nUNH+1+PAXLST:D:05B:UN:IATA'\nUNT+2+1'\nUNZ+1+1'\n",
        // An interchange without any PAXLST message in it.
        "UNA:+.? '\nUNB+UNOA:4+ZZ+GOV+250301:0900+1'\nUNH+1+INVOIC:D:96A:UN'\nBGM+380'\nUNT+3+1'\nUNZ+1+1'\n",
    ];
    for m in malformed {
        let err = client
            .screen_manifest(ScreenManifestRequest {
                content: m.as_bytes().to_vec(),
                format: "paxlst".into(),
                threshold: None,
                source: "bad.edi".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), Code::InvalidArgument, "{err:?}");
        assert!(err.message().contains("bad.edi"), "{}", err.message());
    }

    let err = client
        .screen_manifest(ScreenManifestRequest {
            content: b"x".to_vec(),
            format: "telex".into(),
            threshold: None,
            source: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::InvalidArgument);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_message_size_and_traveller_count() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |c| {
        c.max_message_bytes = 1024;
        c.max_travellers = 3;
    })
    .await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let err = client
        .screen_manifest(ScreenManifestRequest {
            content: vec![b'A'; 4096],
            format: "csv".into(),
            threshold: None,
            source: String::new(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");
    let four = (0..4)
        .map(|i| traveller(&format!("T{i}"), "DOE", "JOHN", "", ""))
        .collect();
    let err = client
        .screen_travellers(ScreenTravellersRequest {
            travellers: four,
            threshold: None,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Code::ResourceExhausted, "{err:?}");
    // Within limits still works on the same connection.
    let three = (0..3)
        .map(|i| traveller(&format!("T{i}"), "DOE", "JOHN", "", ""))
        .collect();
    let resp = client
        .screen_travellers(ScreenTravellersRequest {
            travellers: three,
            threshold: None,
        })
        .await
        .unwrap();
    assert_eq!(resp.into_inner().results.len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_stream_in_order_with_one_bad_traveller() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |_| {}).await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let mut travellers: Vec<pb::Traveller> = (0..150)
        .map(|i| traveller(&format!("S{i:03}"), "NAKAMURA", "YUKI", "1991-04-02", "JPN"))
        .collect();
    travellers[7] = traveller("S007", "AL HASSAN", "MOHAMMED", "1979-06-30", "SYR");
    travellers[42] = traveller("S042", "DOE", "JOHN", "not a date", "");
    let expected: Vec<String> = travellers.iter().map(|t| t.id.clone()).collect();
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    let sender = tokio::spawn(async move {
        for t in travellers {
            tx.send(t).await.unwrap();
        }
    });
    let mut results = client
        .screen_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
        .await
        .unwrap()
        .into_inner();
    let mut got = Vec::new();
    while let Some(r) = results.message().await.unwrap() {
        got.push(r);
    }
    sender.await.unwrap();
    let ids: Vec<String> = got
        .iter()
        .map(|r| r.traveller.as_ref().unwrap().id.clone())
        .collect();
    assert_eq!(ids, expected);
    for (i, r) in got.iter().enumerate() {
        assert_eq!(!r.error.is_empty(), i == 42, "result {i}: {:?}", r.error);
    }
    assert_eq!(hit_ids(&got[7]), ["QDi.325"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watchlist_info_reflection_and_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |c| {
        c.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let ch = channel(&server).await;
    let mut client = ScreeningClient::new(ch.clone());
    let info = client
        .get_watchlist_info(pb::GetWatchlistInfoRequest {})
        .await
        .unwrap()
        .into_inner();
    assert_eq!(info.entries, 2);
    assert!(info.names >= 3, "{}", info.names);
    assert!(!info.version.is_empty());
    assert!(
        info.loaded_at.ends_with('Z') && info.loaded_at.len() == 20,
        "{}",
        info.loaded_at
    );
    assert_eq!(info.sources.len(), 1);

    use paxscreen_server::reflection_pb::server_reflection_client::ServerReflectionClient;
    use paxscreen_server::reflection_pb::server_reflection_request::MessageRequest;
    use paxscreen_server::reflection_pb::server_reflection_response::MessageResponse;
    use paxscreen_server::reflection_pb::ServerReflectionRequest;
    let mut reflection = ServerReflectionClient::new(ch.clone());
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::ListServices(String::new())),
    };
    let mut stream = reflection
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let resp = stream.message().await.unwrap().unwrap();
    let Some(MessageResponse::ListServicesResponse(list)) = resp.message_response else {
        panic!("unexpected reflection response {resp:?}");
    };
    let names: Vec<&str> = list.service.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"paxscreen.v1.Screening"), "{names:?}");
    assert!(names.contains(&"grpc.health.v1.Health"), "{names:?}");
    // grpcurl's next step: the file that defines the service.
    let request = ServerReflectionRequest {
        host: String::new(),
        message_request: Some(MessageRequest::FileContainingSymbol(
            "paxscreen.v1.Screening".into(),
        )),
    };
    let mut stream = reflection
        .server_reflection_info(tokio_stream::iter([request]))
        .await
        .unwrap()
        .into_inner();
    let resp = stream.message().await.unwrap().unwrap();
    let Some(MessageResponse::FileDescriptorResponse(files)) = resp.message_response else {
        panic!("unexpected reflection response {resp:?}");
    };
    assert!(!files.file_descriptor_proto.is_empty());

    // One screening request, then the metrics show it.
    client
        .screen_travellers(ScreenTravellersRequest {
            travellers: vec![traveller(
                "T1",
                "AL HASSAN",
                "MOHAMMED",
                "1979-06-30",
                "SYR",
            )],
            threshold: None,
        })
        .await
        .unwrap();
    let text = http_get(server.metrics_addr().unwrap()).await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        text.contains("paxscreen_grpc_requests_total{method=\"ScreenTravellers\",code=\"OK\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("paxscreen_travellers_screened_total 1"),
        "{text}"
    );
    assert!(text.contains("paxscreen_hits_total 1"), "{text}");
    assert!(
        text.contains(&format!(
            "paxscreen_watchlist_info{{version=\"{}\"}} 1",
            info.version
        )),
        "{text}"
    );
    assert!(text
        .contains("paxscreen_grpc_request_duration_seconds_count{method=\"ScreenTravellers\"} 1"));
}

async fn http_get(addr: std::net::SocketAddr) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    conn.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut out = String::new();
    conn.read_to_string(&mut out).await.unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_serving_then_not_serving_on_shutdown() {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::health_client::HealthClient;
    use tonic_health::pb::HealthCheckRequest;
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_with(dir.path(), |_| {}).await;
    let mut health = HealthClient::new(channel(&server).await);
    for service in ["", "paxscreen.v1.Screening"] {
        let status = health
            .check(HealthCheckRequest {
                service: service.into(),
            })
            .await
            .unwrap()
            .into_inner()
            .status;
        assert_eq!(status, ServingStatus::Serving as i32, "service {service:?}");
    }
    let mut watch = health
        .watch(HealthCheckRequest {
            service: "paxscreen.v1.Screening".into(),
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        watch.message().await.unwrap().unwrap().status,
        ServingStatus::Serving as i32
    );
    let t0 = Instant::now();
    server.shutdown();
    let next = tokio::time::timeout(Duration::from_secs(2), watch.message())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(next.status, ServingStatus::NotServing as i32);
    drop(watch);
    drop(health);
    server.wait().await.unwrap();
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_drains_in_flight_requests() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_with(dir.path(), |c| c.test_delay = Duration::from_millis(800)).await;
    let addr = server.local_addr();
    let mut client = ScreeningClient::new(channel(&server).await);
    let in_flight = tokio::spawn(async move {
        client
            .screen_travellers(ScreenTravellersRequest {
                travellers: vec![traveller(
                    "T1",
                    "AL HASSAN",
                    "MOHAMMED",
                    "1979-06-30",
                    "SYR",
                )],
                threshold: None,
            })
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let t0 = Instant::now();
    server.shutdown();
    let resp = in_flight
        .await
        .unwrap()
        .expect("in-flight request finishes during the drain");
    assert_eq!(hit_ids(&resp.into_inner().results[0]), ["QDi.325"]);
    server.wait().await.unwrap();
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
    // The listener is closed.
    let refused = Channel::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await;
    assert!(refused.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drain_deadline_bounds_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = start_with(dir.path(), |c| {
        c.test_delay = Duration::from_secs(5);
        c.drain = Duration::from_millis(300);
    })
    .await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let _stuck = tokio::spawn(async move {
        client
            .screen_travellers(ScreenTravellersRequest {
                travellers: vec![traveller("T1", "DOE", "JOHN", "", "")],
                threshold: None,
            })
            .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let t0 = Instant::now();
    server.shutdown();
    server.wait().await.unwrap();
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_deadline_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |c| c.test_delay = Duration::from_secs(2)).await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let mut req = tonic::Request::new(ScreenTravellersRequest {
        travellers: vec![traveller("T1", "DOE", "JOHN", "", "")],
        threshold: None,
    });
    req.set_timeout(Duration::from_millis(100));
    let t0 = Instant::now();
    let err = client.screen_travellers(req).await.unwrap_err();
    assert!(
        matches!(err.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{err:?}"
    );
    assert!(t0.elapsed() < Duration::from_secs(1), "{:?}", t0.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_deadline_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |_| {}).await;
    let mut client = ScreeningClient::new(channel(&server).await);
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tx.send(traveller("S1", "DOE", "JOHN", "", ""))
        .await
        .unwrap();
    let mut req = tonic::Request::new(tokio_stream::wrappers::ReceiverStream::new(rx));
    req.set_timeout(Duration::from_millis(300));
    let t0 = Instant::now();
    let mut results = client.screen_stream(req).await.unwrap().into_inner();
    let first = results.message().await.unwrap().unwrap();
    assert_eq!(first.traveller.unwrap().id, "S1");
    // The client keeps the stream open past its deadline.
    let err = results.message().await.unwrap_err();
    assert!(
        matches!(err.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{err:?}"
    );
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    drop(tx);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_shedding_over_max_concurrent() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |c| {
        c.max_concurrent = 1;
        c.test_delay = Duration::from_millis(500);
    })
    .await;
    let ch = channel(&server).await;
    let calls: Vec<_> = (0..4)
        .map(|i| {
            let mut client = ScreeningClient::new(ch.clone());
            tokio::spawn(async move {
                client
                    .screen_travellers(ScreenTravellersRequest {
                        travellers: vec![traveller(&format!("T{i}"), "DOE", "JOHN", "", "")],
                        threshold: None,
                    })
                    .await
                    .map(|_| ())
                    .map_err(|s| s.code())
            })
        })
        .collect();
    let mut ok = 0;
    let mut shed = 0;
    for c in calls {
        match c.await.unwrap() {
            Ok(()) => ok += 1,
            Err(Code::ResourceExhausted) => shed += 1,
            Err(other) => panic!("unexpected {other:?}"),
        }
    }
    assert!(ok >= 1 && shed >= 1, "ok {ok}, shed {shed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_under_load_switches_lists_without_failures() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |_| {}).await;
    let path = dir.path().join("list.csv");
    let v_a = server.reload_handle().info().version;
    let ch = channel(&server).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut loops = Vec::new();
    for _ in 0..3 {
        let mut client = ScreeningClient::new(ch.clone());
        let stop = stop.clone();
        let v_a = v_a.clone();
        loops.push(tokio::spawn(async move {
            let (mut n, mut seen_a, mut seen_b) = (0u32, 0u32, 0u32);
            let deadline = Instant::now() + Duration::from_secs(10);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && Instant::now() < deadline {
                let resp = client
                    .screen_travellers(ScreenTravellersRequest {
                        travellers: vec![
                            traveller("A", "AL HASSAN", "MOHAMMED", "1979-06-30", "SYR"),
                            traveller("B", "SMITHERS", "JONATHAN QUIXOTE", "1970-01-01", "GBR"),
                        ],
                        threshold: None,
                    })
                    .await
                    .expect("no request fails during reloads")
                    .into_inner();
                // Every response comes from exactly one generation.
                let a = hit_ids(&resp.results[0]).contains(&"QDi.325");
                let b = hit_ids(&resp.results[1]).contains(&"NEW-1");
                assert!(a != b, "mixed generations: a {a}, b {b}");
                assert_eq!(a, resp.watchlist_version == v_a);
                if a {
                    seen_a += 1
                } else {
                    seen_b += 1
                }
                n += 1;
            }
            (n, seen_a, seen_b)
        }));
    }
    let mut versions = vec![v_a.clone()];
    for round in 0..6 {
        tokio::time::sleep(Duration::from_millis(60)).await;
        write_list(&path, if round % 2 == 0 { LIST_B } else { LIST_A });
        let info = server.reload().await.unwrap();
        versions.push(info.version);
    }
    // A broken list is refused and the current one keeps serving.
    std::fs::write(&path, "this is not a watchlist\n").unwrap();
    assert!(server.reload().await.is_err());
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut total, mut a, mut b) = (0, 0, 0);
    for l in loops {
        let (n, sa, sb) = l.await.unwrap();
        total += n;
        a += sa;
        b += sb;
    }
    assert!(total > 10 && a > 0 && b > 0, "total {total}, a {a}, b {b}");
    assert_eq!(versions[0], versions[2]);
    assert_ne!(versions[0], versions[1]);
    // The last good list (A) is what serves now.
    assert_eq!(server.reload_handle().info().version, v_a);
    let info = ScreeningClient::new(ch)
        .get_watchlist_info(pb::GetWatchlistInfoRequest {})
        .await
        .unwrap()
        .into_inner();
    assert_eq!(info.version, v_a);
    assert_eq!(info.reloads, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_reloads_when_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |c| c.watch = Some(Duration::from_millis(100))).await;
    let v_a = server.reload_handle().info().version;
    tokio::time::sleep(Duration::from_millis(50)).await;
    write_list(&dir.path().join("list.csv"), LIST_B);
    let deadline = Instant::now() + Duration::from_secs(3);
    while server.reload_handle().info().version == v_a {
        assert!(
            Instant::now() < deadline,
            "no reload after the file changed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(server.reload_handle().reloads(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plaintext_refused_off_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServeConfig::new(vec![watchlist(dir.path(), LIST_A)]);
    // 0.0.0.0 is not loopback; binding it is harmless (the server refuses to start).
    let listener = tokio::net::TcpListener::bind("0.0.0.0:0").await.unwrap();
    let err = paxscreen_server::start(config, listener)
        .await
        .err()
        .unwrap();
    assert!(err.to_string().contains("--insecure"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_tls_material_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new(vec![watchlist(dir.path(), LIST_A)]);
    config.tls = Some(TlsFiles {
        cert_pem: b"not a certificate".to_vec(),
        key_pem: b"not a key".to_vec(),
        client_ca_pem: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let err = paxscreen_server::start(config, listener)
        .await
        .err()
        .unwrap();
    assert!(err.is_user_error(), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_or_empty_watchlist_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    for rows in [None, Some("")] {
        let path = match rows {
            None => dir.path().join("missing.csv"),
            Some(r) => watchlist(dir.path(), r),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let err = paxscreen_server::start(ServeConfig::new(vec![path]), listener)
            .await
            .err()
            .unwrap();
        assert!(err.is_user_error(), "{err}");
    }
}

struct Pki {
    ca: String,
    server_cert: String,
    server_key: String,
    client_cert: String,
    client_key: String,
}

fn pki() -> Pki {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    };
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "paxscreen test CA");
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf = |name: &str, usage: ExtendedKeyUsagePurpose| {
        let mut p = CertificateParams::new(vec![name.to_string()]).unwrap();
        p.distinguished_name.push(DnType::CommonName, name);
        p.extended_key_usages = vec![usage];
        let key = KeyPair::generate().unwrap();
        let cert = p.signed_by(&key, &ca, &ca_key).unwrap();
        (cert.pem(), key.serialize_pem())
    };
    let (server_cert, server_key) = leaf("localhost", ExtendedKeyUsagePurpose::ServerAuth);
    let (client_cert, client_key) = leaf("border-client", ExtendedKeyUsagePurpose::ClientAuth);
    Pki {
        ca: ca.pem(),
        server_cert,
        server_key,
        client_cert,
        client_key,
    }
}

async fn tls_channel(
    server: &RunningServer,
    pki: &Pki,
    with_cert: bool,
) -> Result<Channel, tonic::transport::Error> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&pki.ca))
        .domain_name("localhost");
    if with_cert {
        tls = tls.identity(Identity::from_pem(&pki.client_cert, &pki.client_key));
    }
    Channel::from_shared(format!("https://{}", server.local_addr()))
        .unwrap()
        .tls_config(tls)?
        .connect()
        .await
}

async fn screen_one(ch: Channel) -> Result<pb::ScreenResponse, tonic::Status> {
    ScreeningClient::new(ch)
        .screen_travellers(ScreenTravellersRequest {
            travellers: vec![traveller(
                "T1",
                "AL HASSAN",
                "MOHAMMED",
                "1979-06-30",
                "SYR",
            )],
            threshold: None,
        })
        .await
        .map(|r| r.into_inner())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tls_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    let server = start_with(dir.path(), |c| {
        c.tls = Some(TlsFiles {
            cert_pem: pki.server_cert.clone().into_bytes(),
            key_pem: pki.server_key.clone().into_bytes(),
            client_ca_pem: None,
        })
    })
    .await;
    let resp = screen_one(tls_channel(&server, &pki, false).await.unwrap())
        .await
        .unwrap();
    assert_eq!(hit_ids(&resp.results[0]), ["QDi.325"]);
    // Plaintext against a TLS port fails.
    let plain = match Channel::from_shared(format!("http://{}", server.local_addr()))
        .unwrap()
        .connect()
        .await
    {
        Ok(ch) => screen_one(ch).await.is_err(),
        Err(_) => true,
    };
    assert!(plain, "plaintext request to a TLS server succeeded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutual_tls_requires_a_client_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki();
    let server = start_with(dir.path(), |c| {
        c.tls = Some(TlsFiles {
            cert_pem: pki.server_cert.clone().into_bytes(),
            key_pem: pki.server_key.clone().into_bytes(),
            client_ca_pem: Some(pki.ca.clone().into_bytes()),
        })
    })
    .await;
    let resp = screen_one(tls_channel(&server, &pki, true).await.unwrap())
        .await
        .unwrap();
    assert_eq!(hit_ids(&resp.results[0]), ["QDi.325"]);
    let refused = match tls_channel(&server, &pki, false).await {
        Ok(ch) => screen_one(ch).await.is_err(),
        Err(_) => true,
    };
    assert!(
        refused,
        "a client without a certificate was served under mTLS"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hits_beyond_max_hits_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(dir.path(), |c| c.max_hits = 1).await;
    write_list(
        &dir.path().join("list.csv"),
        &format!("{LIST_A}DUP-1,Mohammed al-Hassan,1979-06-30,SYR,M,,TEST,\n"),
    );
    server.reload().await.unwrap();
    let mut client = ScreeningClient::new(channel(&server).await);
    let resp = client
        .screen_travellers(ScreenTravellersRequest {
            travellers: vec![
                traveller("T1", "AL HASSAN", "MOHAMMED", "1979-06-30", "SYR"),
                traveller("T2", "NAKAMURA", "YUKI", "1991-04-02", "JPN"),
            ],
            threshold: None,
        })
        .await
        .unwrap()
        .into_inner();
    assert_eq!(resp.results[0].hits.len(), 1);
    assert_eq!(resp.results[0].hits_not_shown, 1);
    assert_eq!(resp.results[1].hits_not_shown, 0);
}
