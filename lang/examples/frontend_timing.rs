//! Times each front-end phase on the generated benchmark program (`benches/support`) with
//! thread CPU time as well as wall-clock time, so the figures stay meaningful on a loaded
//! machine where criterion's wall-clock numbers are inflated by waiting for a core.
//!
//! The checker imports the standard packages' declaration files straight from the
//! workspace's `stdlib/decl` folder, since `minigo_lang` does not depend on the standard
//! library crate.
//!
//! Run with `cargo run --release -p minigo_lang --example frontend_timing [LINES] [ROUNDS]
//! [PHASES]`, where
//! PHASES is a comma-separated subset of `lex,parse,check` (all by default). Each phase runs
//! ROUNDS times and the fastest round is reported: the minimum is the measurement least
//! disturbed by other processes. It also suits `valgrind --tool=callgrind` with one round
//! and one phase. It measures and prints only; it asserts nothing about speed.
#![allow(clippy::print_stdout)]

#[path = "../../benches/support/program.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use minigo_lang::check::{Importer, PackageSource};
use minigo_lang::span::{FileId, SourceMap};

/// Serves the declaration files in the workspace's `stdlib/decl`, read from disk.
struct DeclImporter;

impl Importer for DeclImporter {
    fn declaration(&self, path: &str) -> Option<PackageSource> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../stdlib/decl");
        let text = std::fs::read_to_string(format!("{dir}/{path}.go")).ok()?;
        Some(PackageSource {
            file_name: format!("$GOROOT/{path}.go"),
            text: text.into(),
            user_visible: true,
        })
    }
}

/// Parses and checks `src` as the only file of package main; true if it had no errors.
fn check(src: &str) -> bool {
    let mut sources = SourceMap::new();
    let id = sources.add("bench.go", src);
    let (ast, diags) = minigo_lang::parse::parse(id, src);
    let (program, check_diags) =
        minigo_lang::check::check_program(&mut sources, std::slice::from_ref(&ast), &DeclImporter);
    black_box(program);
    diags.is_empty() && check_diags.is_empty()
}

/// The clock id of the calling thread's CPU time on Linux (`CLOCK_THREAD_CPUTIME_ID`).
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

/// The C `struct timespec` on 64-bit Linux.
#[repr(C)]
struct Timespec {
    secs: i64,
    nanos: i64,
}

unsafe extern "C" {
    fn clock_gettime(clock: i32, out: *mut Timespec) -> i32;
}

/// CPU time this thread has used so far, or zero where the clock is unavailable.
fn thread_cpu_time() -> Duration {
    let mut now = Timespec { secs: 0, nanos: 0 };
    // SAFETY: `now` is a valid, writable `timespec`, the only memory the call touches.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(now.secs as u64, now.nanos as u32)
}

/// The best (least disturbed) CPU and wall time of `rounds` runs of `phase`.
fn measure(rounds: usize, mut phase: impl FnMut()) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds.max(1) {
        let (cpu, wall) = (thread_cpu_time(), Instant::now());
        phase();
        let (cpu, wall) = (thread_cpu_time() - cpu, wall.elapsed());
        best = (best.0.min(cpu), best.1.min(wall));
    }
    best
}

fn report(name: &str, (cpu, wall): (Duration, Duration), lines: usize, bytes: usize) {
    let secs = cpu.as_secs_f64().max(1e-9);
    println!(
        "{name:<16} cpu {:>8.2} ms  wall {:>8.2} ms  {:>10.0} lines/s  {:>8.1} MB/s (cpu)",
        cpu.as_secs_f64() * 1e3,
        wall.as_secs_f64() * 1e3,
        lines as f64 / secs,
        bytes as f64 / secs / 1e6,
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let target_lines = args.next().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let rounds = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let phases = args.next().unwrap_or_else(|| "lex,parse,check".to_string());
    let src = support::program(target_lines);
    let (lines, bytes) = (src.lines().count(), src.len());
    println!("program: {lines} lines, {bytes} bytes, best of {rounds} rounds");
    for phase in phases.split(',') {
        match phase {
            "lex" => {
                let t = measure(rounds, || {
                    black_box(minigo_lang::lexer::lex(FileId(0), black_box(&src)));
                });
                report("lex", t, lines, bytes);
            }
            "parse" => {
                let t = measure(rounds, || {
                    black_box(minigo_lang::parse::parse(FileId(0), black_box(&src)));
                });
                report("lex+parse", t, lines, bytes);
            }
            "check" => {
                let mut ok = true;
                let t = measure(rounds, || ok &= check(black_box(&src)));
                report("lex+parse+check", t, lines, bytes);
                if !ok {
                    println!("warning: the generated program did not type-check");
                }
            }
            other => println!("unknown phase {other:?}: expected lex, parse or check"),
        }
    }
}
