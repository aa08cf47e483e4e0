//! `paxscreen`: screens airline travellers (PAXLST, PNRGOV, CSV) against terrorist
//! watchlists. See README.md and INTERFACES.md for the commands and formats.
#![forbid(unsafe_code)]

mod commands;
mod output;

/// mimalloc rather than glibc malloc: see Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "paxscreen", version, about = "Screen airline travellers against terrorist watchlists", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build a watchlist snapshot (fst indexes + entries) in a folder, atomically.
    Index(commands::IndexArgs),
    /// Screen every traveller of every manifest (PAXLST, PNRGOV, CSV).
    Screen(commands::ScreenArgs),
    /// Print the travellers a manifest contains, as the screener sees them.
    Parse(commands::ParseArgs),
    /// Screen one traveller and print why each hit scored as it did.
    Explain(commands::ExplainArgs),
    /// Run the main job on the bundled sample data in data/demo.
    Demo(commands::DemoArgs),
    /// Run the gRPC front end for border systems.
    Serve(paxscreen_server::ServeArgs),
    /// Load-test a running server: travellers/second and latency percentiles.
    Loadgen(paxscreen_server::LoadgenArgs),
    /// Measure accuracy on a labelled set, beside the GTAS rule and a token-sort baseline.
    Eval(paxscreen_eval::EvalArgs),
    /// Generate data: the labelled dev set, the demo data, national-scale lists.
    Synth(paxscreen_synth::SynthArgs),
    /// National-scale measurements: index build, snapshot size and load, throughput,
    /// latency, memory, and agreement with exhaustive scoring.
    Bench(paxscreen_bench::BenchArgs),
}

/// The error and its causes on one line, each cause once: library errors name their
/// cause in their own message too (so that a gRPC status or a log line alone says why),
/// and `{:#}` would print it twice ("cannot read: No such file ...: No such file ...").
fn report(e: &anyhow::Error) -> String {
    let mut out = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !out.contains(&cause) {
            out.push_str(": ");
            out.push_str(&cause);
        }
    }
    out
}

fn main() -> ExitCode {
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        // Colour only on a terminal: a log file or a pipe gets plain text (and
        // NO_COLOR turns it off there too).
        .with_ansi(std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(a) => commands::index(a),
        Command::Screen(a) => commands::screen(a),
        Command::Parse(a) => commands::parse(a),
        Command::Explain(a) => commands::explain(a),
        Command::Demo(a) => commands::demo(a),
        Command::Serve(a) => paxscreen_server::run_serve(a)
            .map(|()| commands::EXIT_OK)
            .map_err(anyhow::Error::from),
        Command::Loadgen(a) => paxscreen_server::run_loadgen(a)
            .map(|_| commands::EXIT_OK)
            .map_err(anyhow::Error::from),
        Command::Eval(a) => paxscreen_eval::run_eval(a)
            .map(|_| commands::EXIT_OK)
            .map_err(anyhow::Error::from),
        Command::Synth(a) => paxscreen_synth::run_synth(a)
            .map(|_| commands::EXIT_OK)
            .map_err(anyhow::Error::from),
        Command::Bench(a) => paxscreen_bench::run_and_report(a)
            .map(|_| commands::EXIT_OK)
            .map_err(anyhow::Error::from),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("paxscreen: error: {}", report(&e));
            ExitCode::from(commands::EXIT_UNREADABLE)
        }
    }
}
