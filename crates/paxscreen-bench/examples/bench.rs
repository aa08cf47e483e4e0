//! `cargo run --release -p paxscreen-bench --example bench -- --names 100000`
use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: paxscreen_bench::BenchArgs,
    /// Also print the report as JSON.
    #[arg(long)]
    json: bool,
}

fn main() {
    let cli = Cli::parse();
    let json = cli.json;
    match paxscreen_bench::run_bench(cli.args) {
        Ok(r) => {
            print!("{}", r.table());
            if json {
                println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
            }
        }
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(1);
        }
    }
}
