//! Starts a server on 127.0.0.1 (port 0) over the given watchlists and drives it with
//! the load generator: numbers without a second terminal.
//!
//! ```text
//! cargo run --release -p paxscreen-server --example local_load -- \
//!     ../shared/data/watchlists/un_consolidated_2026-01-28.xml [SECONDS] [CONCURRENCY] [MANIFEST]
//! ```
//!
//! With MANIFEST, every request is a ScreenManifest of that file; otherwise 300
//! synthetic travellers per ScreenTravellers request.

use paxscreen_server::{LoadgenArgs, ServeConfig};
use std::path::PathBuf;
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let watchlist = PathBuf::from(
        args.next()
            .ok_or("usage: local_load WATCHLIST [SECONDS] [CONCURRENCY] [MANIFEST]")?,
    );
    let seconds: f64 = args.next().map(|s| s.parse()).transpose()?.unwrap_or(5.0);
    let concurrency: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(50);
    let manifest = args.next().map(PathBuf::from);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let mut config = ServeConfig::new(vec![watchlist]);
        config.max_concurrent = concurrency.max(1);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let mut server = paxscreen_server::start(config, listener).await?;
        let info = server.reload_handle().info();
        println!(
            "watchlist {} ({} entries, {} names)",
            info.version, info.entries, info.names
        );
        let report = paxscreen_server::loadgen::loadgen(LoadgenArgs {
            target: format!("http://{}", server.local_addr()),
            manifest,
            concurrency,
            requests: None,
            duration: seconds,
            travellers_per_request: 300,
            threshold: None,
            timeout: 30.0,
            tls_ca: None,
            tls_cert: None,
            tls_key: None,
            tls_domain: None,
        })
        .await?;
        println!("{report}");
        server.shutdown();
        tokio::time::timeout(Duration::from_secs(15), server.wait()).await??;
        Ok::<_, Box<dyn std::error::Error>>(())
    })
}
