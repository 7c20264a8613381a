//! Golden run tests: every `tests/run/NAME.mg` program is compiled and run through the
//! library's run path (`minigo::run::run_files_to`) with its output captured, once with one
//! worker and once with four. Its standard output must be exactly `NAME.out`, and its exit
//! code `NAME.exit` (0 when that file is absent).
//!
//! The programs are small reproducers of bugs that once crashed the host or computed
//! garbage; each names the root cause it guards in its header comment. All failures are
//! collected and reported together, so one broken program does not hide the others.

use std::path::{Path, PathBuf};

use minigo::run::{RunOptions, run_files_to};
use minigo_stdlib::natives::Output;

/// The worker counts every program runs under (Go's GOMAXPROCS=1 and 4).
const WORKERS: [usize; 2] = [1, 4];

#[test]
fn run_programs_print_their_golden_output() {
    let programs = golden_programs();
    assert!(!programs.is_empty(), "tests/run holds the golden programs");
    let failures: Vec<String> = programs
        .iter()
        .flat_map(|path| WORKERS.iter().filter_map(move |&w| check_program(path, w)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every `tests/run/*.mg`, sorted by name.
fn golden_programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/run");
    let mut res: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "mg"))
                .collect()
        })
        .unwrap_or_default();
    res.sort();
    res
}

/// Runs one program with `workers` workers; `Some(why)` when it does not match.
fn check_program(path: &Path, workers: usize) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let expected_out = read_lossy(&path.with_extension("out"));
    let expected_exit: i32 = std::fs::read_to_string(path.with_extension("exit"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let (output, stdout, stderr) = Output::capture();
    let options = RunOptions {
        workers: Some(workers),
        ..RunOptions::default()
    };
    let code = run_files_to(&[(name.clone(), text)], &options, &output);
    let out = stdout.text();
    (out != expected_out || code != expected_exit).then(|| {
        format!(
            "{name} (workers {workers}): exit {code}, want {expected_exit}\n\
             --- stdout\n{out}--- want\n{expected_out}--- stderr\n{}",
            stderr.text()
        )
    })
}

fn read_lossy(path: &Path) -> String {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}
