//! A host package: Rust closures the script imports as a Go package, one returning
//! `error` values and one that blocks on the host without blocking a worker thread.
//! Run with `cargo run --example embed_host_package`.

// An example shows its results on standard output, as the CLI does.
#![allow(clippy::print_stdout)]

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::task::{Poll, Waker};
use std::time::Duration;

use minigo::embed::{Engine, Error, HostError};
use parking_lot::Mutex;

/// The answer of a query once it arrived, and the waker of the goroutine waiting for it.
type Slot = Arc<Mutex<(Option<Result<i64, HostError>>, Option<Waker>)>>;

/// A query answered by a host thread after a delay (a stand-in for a database call): the
/// script's goroutine parks until the answer arrives.
fn slow_query(key: String) -> impl Future<Output = Result<i64, HostError>> {
    let slot: Slot = Arc::default();
    let writer = Arc::clone(&slot);
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        let answer = key
            .parse::<i64>()
            .map_err(|e| HostError::new(e.to_string()));
        let mut s = writer.lock();
        s.0 = Some(answer);
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    std::future::poll_fn(move |cx| {
        let mut s = slot.lock();
        match s.0.take() {
            Some(res) => Poll::Ready(res),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    })
}

const SCRIPT: &str = r#"
import "host"

func Total(keys []string) (int, error) {
    results := make(chan int, len(keys))
    errs := make(chan error, len(keys))
    for _, k := range keys {
        go func() {
            v, err := host.Query(k)
            if err != nil { errs <- err; return }
            results <- v
        }()
    }
    total := 0
    for range keys {
        select {
        case v := <-results: total += v
        case err := <-errs: return 0, err
        }
    }
    return total + host.Lookup("bonus"), nil
}
"#;

/// Runs the example: the total of the good keys, and the error of a bad one.
fn run() -> Result<(i64, HostError), Error> {
    let engine = Engine::builder().workers(1).build();
    let table = HashMap::from([("bonus".to_string(), 100i64)]);
    engine
        .package("host")
        .func("Lookup", move |k: String| {
            table.get(&k).copied().unwrap_or(0)
        })
        .func_async("Query", slow_query);
    let script = engine.compile("host.go", SCRIPT)?;
    let good = script.call::<Result<i64, HostError>>("Total", (vec!["1", "2", "3"],))?;
    let bad = script.call::<Result<i64, HostError>>("Total", (vec!["1", "x"],))?;
    match (good, bad) {
        (Ok(total), Err(err)) => Ok((total, err)),
        other => Err(Error::Fatal(format!("unexpected {other:?}"))),
    }
}

fn main() -> Result<(), Error> {
    let (total, err) = run()?;
    println!("total = {total}, bad key: {err}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs() {
        let (total, err) = super::run().unwrap();
        assert_eq!(total, 106);
        assert_eq!(err.message(), "invalid digit found in string");
    }
}
