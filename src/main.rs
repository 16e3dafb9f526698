//! The `claimdesk` binary: parse the command line, run it, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = claimdesk::cli::Cli::parse();
    match claimdesk::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `claimdesk claims | head` closes the pipe early: that is not a failure.
            let broken_pipe = err.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            if err.downcast_ref::<claimdesk::cli::UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
