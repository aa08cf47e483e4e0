//! Runs the generators without the main binary:
//! `cargo run --release -p paxscreen-synth --example synth -- devset --out /tmp/devset`.

use clap::Parser;

#[derive(Parser)]
#[command(name = "synth", about = "paxscreen synthetic data generators")]
struct Cli {
    #[command(flatten)]
    args: paxscreen_synth::SynthArgs,
}

fn main() {
    if let Err(e) = paxscreen_synth::run_synth(Cli::parse().args) {
        eprintln!("error: {e}");
        std::process::exit(if e.is_input_error() { 2 } else { 1 });
    }
}
