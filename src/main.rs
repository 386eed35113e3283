//! The `wuye-desk` binary: the desk window, or a headless command.

// A release build on Windows is a GUI program, so no console window opens beside the desk.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match wuye_desk::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help, the version and mistakes on the command line are printed by clap.
            attach_console();
            e.exit()
        }
    };
    if cli.command.is_some() {
        attach_console();
    }
    wuye_desk::cli::run(cli)
}

/// Lets a headless command (demo, print, audit, check, import-roster …) print to the terminal it was
/// typed in. A Windows release build is a GUI program with no console of its own, so without
/// this its output and its error messages would go nowhere; attaching to the parent's console
/// brings them back. Started from Explorer there is no parent console and the call fails
/// harmlessly; output redirected to a file or pipe is unaffected either way. Nothing to do
/// elsewhere: on other systems and in debug builds the program already has its terminal.
fn attach_console() {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
        // SAFETY: AttachConsole takes only a process id and changes nothing but which console
        // this process writes to; its failure (no parent console) leaves nothing to undo.
        unsafe {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}
