//! A racy program never crashes the VM: `tests/programs/racy.go` has goroutines write and
//! read the same slices, maps, interfaces and strings with no synchronization, and must run
//! to its end under GOMAXPROCS=4 every time. `cargo test` runs it a few times; set
//! `MINIGO_RACE_RUNS=200` for the full check.

use std::path::Path;
use std::process::Command;

#[test]
fn a_racy_program_never_crashes_the_vm() {
    let runs: usize = std::env::var("MINIGO_RACE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let program = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/racy.go");
    for run in 0..runs {
        let out = Command::new(env!("CARGO_BIN_EXE_minigo"))
            .arg("run")
            .arg(&program)
            .env("GOMAXPROCS", "4")
            .output()
            .expect("start minigo");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stdout == "survived\n",
            "run {run} of {runs}: {}\nstdout: {stdout}\nstderr: {stderr}",
            out.status
        );
    }
}
