//! The `wuye-desk` binary: the desk window, or a headless command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = wuye_desk::cli::Cli::parse();
    wuye_desk::cli::run(cli)
}
