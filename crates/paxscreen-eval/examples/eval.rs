//! `paxscreen eval` without the main binary:
//! `cargo run --release -p paxscreen-eval --example eval -- --watchlist W --travellers T --labels L`.
use clap::Parser;

#[derive(Parser)]
#[command(
    name = "eval",
    about = "Evaluate paxscreen and two baselines on a labelled dev set"
)]
struct Cli {
    #[command(flatten)]
    args: paxscreen_eval::EvalArgs,
}

fn main() -> std::process::ExitCode {
    match paxscreen_eval::run_eval(Cli::parse().args) {
        Ok(_) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval: error: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
