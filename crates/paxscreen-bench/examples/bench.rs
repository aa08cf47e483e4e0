//! `cargo run --release -p paxscreen-bench --example bench -- --names 100000` (the same
//! as `paxscreen bench`, without building the rest of the binary).
use clap::Parser;

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    args: paxscreen_bench::BenchArgs,
}

fn main() {
    let cli = Cli::parse();
    let json = cli.args.json.clone();
    match paxscreen_bench::run_bench(cli.args) {
        Ok(r) => {
            print!("{}", r.table());
            if let Some(path) = json {
                let text = serde_json::to_string_pretty(&r).unwrap_or_default();
                if let Err(e) = std::fs::write(&path, text) {
                    eprintln!("bench: cannot write {}: {e}", path.display());
                    std::process::exit(1);
                }
            }
        }
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(1);
        }
    }
}
