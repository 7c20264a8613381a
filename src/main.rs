//! The `minigo` command: `check` (and, as they land, `run`, `disasm`, `repl`).
//!
//! This file only parses arguments, reads files and maps outcomes to exit codes (0 ok,
//! 1 compile errors or unreadable input, 2 usage errors as clap reports them). Everything
//! else is in the library.
#![allow(clippy::print_stdout)]

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use minigo_lang::diag::render::Color;

#[derive(Parser)]
#[command(name = "minigo", version = minigo::VERSION, about = "A Go-subset language with goroutines")]
struct Cli {
    /// With no command, an interactive session on a terminal (see `repl`).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a program; its exit code is the program's (1 if it does not compile).
    Run {
        /// The source file (`.go` or `.mg`).
        file: PathBuf,
        /// Arguments passed to the program (`os.Args[1:]`); put `--` before ones that
        /// start with a dash.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the bytecode of every function of a program.
    Disasm {
        /// The source file (`.go` or `.mg`).
        file: PathBuf,
    },
    /// Type-check programs without running them; exits 1 if there are errors.
    Check {
        /// The source files (`.go` or `.mg`) of one program.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// An interactive session: statements, declarations and expressions evaluated as typed,
    /// goroutines kept running between inputs. With stdin not a terminal, reads inputs
    /// from it without prompts and exits 1 if any failed.
    Repl,
    /// Print minigo's version.
    Version,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        if io::stdin().is_terminal() {
            return exit_code(minigo::repl::interactive());
        }
        // Not a terminal and no command: the usage, as before the REPL existed.
        let _ = <Cli as clap::CommandFactory>::command().print_help();
        return ExitCode::from(2);
    };
    match command {
        Command::Repl => repl(),
        Command::Run { file, args } => run(&file, args),
        Command::Disasm { file } => match read_files(std::slice::from_ref(&file)) {
            Some(files) => exit_code(minigo::run::disasm_files(&files, pretty_output())),
            None => ExitCode::from(1),
        },
        Command::Check { files } => check(&files),
        Command::Version => {
            println!("minigo version {}", minigo::VERSION);
            ExitCode::SUCCESS
        }
    }
}

fn repl() -> ExitCode {
    if io::stdin().is_terminal() {
        exit_code(minigo::repl::interactive())
    } else {
        exit_code(minigo::repl::piped(io::stdin().lock()))
    }
}

fn run(path: &std::path::Path, args: Vec<String>) -> ExitCode {
    let Some(files) = read_files(&[path.to_path_buf()]) else {
        return ExitCode::from(1);
    };
    let options = minigo::run::RunOptions {
        args,
        workers: None,
        pretty: pretty_output(),
    };
    exit_code(minigo::run::run_files(&files, &options))
}

/// A process exit code from a program's status (Go's `os.Exit` takes the low 8 bits).
fn exit_code(code: i32) -> ExitCode {
    ExitCode::from((code & 0xff) as u8)
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let Some(files) = read_files(paths) else {
        return ExitCode::from(1);
    };
    let checked = minigo::frontend::check_files(&files);
    let mut stderr = io::stderr().lock();
    // A failed write to stderr has nowhere left to be reported; the exit code still tells.
    let _ = checked.write_diagnostics(pretty_output(), &mut stderr);
    let _ = stderr.flush();
    if checked.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads every file, reporting each unreadable one as a single line on stderr.
fn read_files(paths: &[PathBuf]) -> Option<Vec<(String, String)>> {
    let mut files = Vec::with_capacity(paths.len());
    let mut ok = true;
    for path in paths {
        match std::fs::read(path) {
            Ok(bytes) => files.push((
                path.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Err(err) => {
                eprintln!("minigo: {}: {}", path.display(), err);
                ok = false;
            }
        }
    }
    ok.then_some(files)
}

/// The ariadne rendering goes to terminals only, and only when `NO_COLOR` is unset (the
/// plain lines are always there for editors and scripts).
fn pretty_output() -> Option<Color> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    (io::stderr().is_terminal() && !no_color).then_some(Color::On)
}
