//! `cargo run --release -p paxscreen-bench --example bench -- --names 100000` (the same
//! as `paxscreen bench`, without building the rest of the binary).
use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: paxscreen_bench::BenchArgs,
}

fn main() {
    if let Err(e) = paxscreen_bench::run_and_report(Cli::parse().args) {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}
