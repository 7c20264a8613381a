//! Sandbox limits: untrusted scripts stopped by the instruction budget, the deadline, the
//! goroutine limit and the heap limit, with the engine usable afterwards.
//! Run with `cargo run --example embed_limits`.

// An example shows its results on standard output, as the CLI does.
#![allow(clippy::print_stdout)]

use std::time::Duration;

use minigo::embed::{Engine, Error, Limits};

const SCRIPT: &str = r#"
func Spin() { for {} }
func Fork() { for { go func() { select {} }() } }
func Hog() { var keep [][]int; for { keep = append(keep, make([]int, 1<<16)) } }
func Fine() int { return 42 }
"#;

/// Runs each misbehaving function and returns how each was stopped.
fn run() -> Result<Vec<String>, Error> {
    let limits = Limits {
        max_instructions: Some(5_000_000),
        deadline: Some(Duration::from_secs(20)),
        max_goroutines: Some(1_000),
        max_heap_bytes: Some(32 << 20),
        max_stack_bytes: Some(1 << 20),
    };
    let engine = Engine::builder().workers(2).limits(limits).build();
    let script = engine.compile("untrusted.go", SCRIPT)?;
    let mut report = Vec::new();
    for name in ["Spin", "Fork", "Hog"] {
        let err = script.call::<()>(name, ()).err();
        report.push(format!(
            "{name}: {}",
            err.map_or("finished".into(), |e| e.to_string())
        ));
    }
    report.push(format!("Fine: {}", script.call::<i64>("Fine", ())?));
    Ok(report)
}

fn main() -> Result<(), Error> {
    for line in run()? {
        println!("{line}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs() {
        assert_eq!(
            super::run().unwrap(),
            [
                "Spin: script stopped: instruction budget exceeded",
                "Fork: script stopped: goroutine limit exceeded",
                "Hog: script stopped: heap limit exceeded",
                "Fine: 42",
            ]
        );
    }
}
