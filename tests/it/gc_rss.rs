//! The collector under a long stream of cyclic garbage: `tests/programs/cyclic_garbage.go`
//! allocates 10 GiB of short-lived rings over its life and must finish with a peak RSS
//! under 200 MB. `cargo test` runs it scaled down to 256 MiB (the bound is the same: the
//! live heap does not depend on the total); set `MINIGO_GARBAGE_GIB=10` for the full run.
//!
//! The peak is the child's `VmHWM` (Linux's high-water mark of resident memory), read from
//! `/proc` until the child exits.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The peak RSS the program may reach, in KiB (200 MB).
const PEAK_LIMIT_KIB: u64 = 200_000_000 / 1024;

/// The program's source with its total shrunk (or grown) to `mib` MiB.
fn scaled_program(mib: u64) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/cyclic_garbage.go");
    let src = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        src.contains("const totalBytes = 10 << 30"),
        "the program sets its total"
    );
    src.replace(
        "const totalBytes = 10 << 30",
        &format!("const totalBytes = {mib} << 20"),
    )
}

/// `VmHWM` of a running process, in KiB.
fn high_water_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Waits for `child`, sampling its high-water mark; returns its stdout and the peak in KiB.
fn wait_with_peak(mut child: Child) -> (bool, String, u64) {
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = high_water_kib(child.id()) {
            peak = peak.max(kib);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(err) => panic!("waiting for minigo: {err}"),
        }
    };
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
    }
    (status.success(), out, peak)
}

#[cfg(target_os = "linux")]
#[test]
fn cyclic_garbage_runs_in_bounded_memory() {
    let gib: u64 = std::env::var("MINIGO_GARBAGE_GIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mib = if gib > 0 { gib << 10 } else { 256 };
    let dir = std::env::temp_dir().join(format!("minigo-gc-rss-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let file = dir.join("cyclic_garbage.go");
    std::fs::write(&file, scaled_program(mib)).expect("write the program");
    let child = Command::new(env!("CARGO_BIN_EXE_minigo"))
        .arg("run")
        .arg(&file)
        .env("GOMAXPROCS", "2")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start minigo");
    let (ok, out, peak) = wait_with_peak(child);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(ok, "the program failed: {out}");
    assert!(out.starts_with("rounds "), "unexpected output: {out}");
    // The kept rings (one per 1024 rounds, at most 8) must survive every collection.
    let rounds: u64 = mib * (1 << 20) / (72 * 1000);
    let kept = rounds.div_ceil(1024).min(8);
    assert!(
        out.contains(&format!("live rings {kept} ")),
        "unexpected output: {out}"
    );
    assert!(
        peak < PEAK_LIMIT_KIB,
        "peak RSS {peak} KiB over {mib} MiB of garbage"
    );
}
