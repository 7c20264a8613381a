//! The programs of `examples/`: each `NAME.mg` runs through the library
//! (`minigo::run::run_files_to`, output captured) and must exit with 0 and print exactly
//! `NAME.out`, under one worker and under four.
//!
//! An example without a `.out` file (such as `hello.mg`) only has to run without error;
//! every `.out` file must belong to an example.

use std::path::{Path, PathBuf};

use minigo::run::{RunOptions, run_files_to};
use minigo_stdlib::natives::Output;

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Every `examples/*.mg` file, sorted.
fn examples() -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(examples_dir()) else {
        return Vec::new();
    };
    let mut res: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "mg"))
        .collect();
    res.sort();
    res
}

/// Runs `path` with `workers` workers: the exit code, standard output and standard error.
fn run(path: &Path, workers: usize) -> (i32, String, String) {
    let src = std::fs::read_to_string(path).unwrap_or_default();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let files = [(name.unwrap_or_default(), src)];
    let options = RunOptions {
        workers: Some(workers),
        ..RunOptions::default()
    };
    let (output, stdout, stderr) = Output::capture();
    let code = run_files_to(&files, &options, &output);
    (code, stdout.text(), stderr.text())
}

#[test]
fn there_are_at_least_ten_examples_with_expected_output() {
    let with_out = examples()
        .iter()
        .filter(|p| p.with_extension("out").exists())
        .count();
    assert!(with_out >= 10, "only {with_out} examples have a .out file");
}

#[test]
fn every_expected_output_belongs_to_an_example() {
    let Ok(entries) = std::fs::read_dir(examples_dir()) else {
        unreachable!("examples/ exists in the repository")
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_some_and(|x| x == "out") {
            assert!(
                path.with_extension("mg").exists(),
                "{} has no program",
                path.display()
            );
        }
    }
}

#[test]
fn every_example_prints_its_expected_output() {
    let mut failures = Vec::new();
    for path in examples() {
        let want = std::fs::read_to_string(path.with_extension("out")).ok();
        for workers in [1, 4] {
            let (code, stdout, stderr) = run(&path, workers);
            let name = path.display();
            if code != 0 {
                failures.push(format!("{name} (workers={workers}): exit {code}\n{stderr}"));
            } else if want.as_ref().is_some_and(|w| *w != stdout) {
                let want = want.as_deref().unwrap_or_default();
                failures.push(format!(
                    "{name} (workers={workers}): output differs\n--- want\n{want}--- got\n{stdout}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
