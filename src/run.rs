//! `minigo run` and `minigo disasm`: the whole pipeline from source files to a finished
//! program (or its bytecode listing).
//!
//! The steps: `frontend::check_files`, `minigo_lang::compile`, linking the natives of
//! `minigo_stdlib` and of the scheduler (`minigo_vm::rt`), then `minigo_vm::rt::run_main`
//! on the M:N runtime. This module decides exit codes the way `go run` does: 0 for a
//! program that returns from `main`, 1 for a program that does not compile, 2 for an
//! unrecovered panic, a deadlock or another fatal error, `n` for `os.Exit(n)`. It owns no
//! language semantics.

use std::io::{self, Write};
use std::sync::Arc;

use minigo_lang::compile;
use minigo_lang::diag::{self, render};
use minigo_stdlib::natives::{Output, Registry, heapval, ret};
use minigo_vm::native::NativeOutcome;
use minigo_vm::rt::{self, RunConfig};

use crate::frontend::{self, Checked};

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// The program's arguments after its name, as `os.Args[1:]` sees them.
    pub args: Vec<String>,
    /// Worker threads; `None` follows `GOMAXPROCS` or the number of cores.
    pub workers: Option<usize>,
    /// The ariadne rendering of compile errors, when the caller's stderr is a terminal.
    pub pretty: Option<render::Color>,
}

/// Compiles and runs the program made of `files` (`(name, text)` pairs), writing its
/// output to the process's standard output and error. Returns the exit code.
pub fn run_files(files: &[(String, String)], options: &RunOptions) -> i32 {
    run_files_to(files, options, &Output::stdio())
}

/// Like [`run_files`], with the program's standard output and error, and the report of a
/// panic or deadlock, going to `output` ([`Output::capture`] makes them readable). Compile
/// errors still go to the process's standard error.
pub fn run_files_to(files: &[(String, String)], options: &RunOptions, output: &Arc<Output>) -> i32 {
    let Some((checked, mut program)) = compile_files(files, options.pretty) else {
        return 1;
    };
    let mut natives = Registry::standard(output);
    natives.extend(rt::scheduler_natives());
    add_os_args(&mut natives, &main_file_name(&checked), &options.args);
    // A native without an implementation stays the compiler's placeholder, which panics
    // with "native function X is not linked" if the program ever calls it; programs that
    // never reach it run normally.
    let _ = natives.link(&mut program);
    let vm = match minigo_vm::Vm::new(program, minigo_vm::Config::default()) {
        Ok(vm) => vm,
        Err(err) => {
            eprintln!("minigo: internal error: invalid bytecode: {err}");
            return 2;
        }
    };
    let mut config = RunConfig {
        file: main_file_name(&checked),
        ..RunConfig::default()
    };
    if let Some(workers) = options.workers {
        config.workers = workers.max(1);
    }
    let outcome = rt::run_main(&vm, config);
    output.write(2, outcome.report.as_bytes());
    output.flush();
    outcome.exit_code
}

/// Compiles the program and prints the bytecode of every function. Returns the exit code.
pub fn disasm_files(files: &[(String, String)], pretty: Option<render::Color>) -> i32 {
    let Some((_, program)) = compile_files(files, pretty) else {
        return 1;
    };
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(minigo_vm::disasm::program(&program).as_bytes());
    0
}

/// Checks and compiles, printing diagnostics on failure.
fn compile_files(
    files: &[(String, String)],
    pretty: Option<render::Color>,
) -> Option<(Checked, minigo_vm::Program)> {
    let checked = frontend::check_files(files);
    let Some(typed) = checked.program.as_ref() else {
        let _ = checked.write_diagnostics(pretty, &mut io::stderr().lock());
        return None;
    };
    match compile::compile_with_sources(typed, &checked.files, Some(&checked.sources)) {
        Ok(program) => Some((checked, program)),
        Err(diags) => {
            let (diags, _) = diag::finish(diags);
            let mut stderr = io::stderr().lock();
            for d in &diags {
                let _ = writeln!(stderr, "{}", render::plain(d, &checked.sources));
            }
            None
        }
    }
}

/// Links `os.Args`: the program's name, then `args`. `go run` names the program after the
/// main file without its `.go` (in a temporary directory this path cannot reproduce), so
/// `os.Args[0]` is that name.
fn add_os_args(natives: &mut Registry, main_file: &str, args: &[String]) {
    let path = std::path::Path::new(main_file);
    let name = path
        .file_stem()
        .unwrap_or(path.as_os_str())
        .to_string_lossy();
    let argv: Vec<String> = std::iter::once(name.into_owned())
        .chain(args.iter().cloned())
        .collect();
    natives.add("os.runtimeArgs", move |ctx, slots| {
        let items: Vec<&[u8]> = argv.iter().map(|a| a.as_bytes()).collect();
        ret(slots, 0, heapval::new_string_slice(ctx, &items));
        NativeOutcome::Return
    });
}

/// The file stack traces name: the first user file, as `go run` names the main package's.
fn main_file_name(checked: &Checked) -> String {
    checked
        .files
        .first()
        .map(|f| checked.sources.get(f.id).name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRINT_ARGS: &str = "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\n\
        func main() {\n\tfmt.Println(len(os.Args), os.Args[0], os.Args[1:])\n}\n";

    #[test]
    fn os_args_are_the_program_name_then_the_arguments() {
        let files = [("dir/size.go".to_string(), PRINT_ARGS.to_string())];
        let options = RunOptions {
            args: vec!["100".into(), "-v".into()],
            workers: Some(1),
            ..RunOptions::default()
        };
        let (output, stdout, _) = Output::capture();
        assert_eq!(run_files_to(&files, &options, &output), 0);
        assert_eq!(stdout.text(), "3 size [100 -v]\n");
    }
}
