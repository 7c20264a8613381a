//! minigo inside a Tokio application: an `async` host function backed by Tokio tasks,
//! script calls on Tokio's blocking pool, and channel traffic awaited from async code.
//! The embedding API forces no runtime: its futures are plain `std::future`s.
//! Run with `cargo run --example embed_async`.

// An example shows its results on standard output, as the CLI does.
#![allow(clippy::print_stdout)]

use std::time::Duration;

use minigo::embed::{Engine, Error};

const SCRIPT: &str = r#"
import "net"

func Fetch(n int) int {
    out := make(chan int, n)
    for i := 0; i < n; i++ {
        go func() { out <- net.Get(i) }()
    }
    total := 0
    for i := 0; i < n; i++ { total += <-out }
    return total
}

func Double(in chan int, out chan int) {
    for v := range in { out <- 2 * v }
    close(out)
}
"#;

/// Runs the example on a Tokio runtime: the results of `Fetch` and of the channel relay.
fn run() -> Result<(i64, Vec<i64>), Error> {
    let rt = tokio::runtime::Runtime::new().map_err(|e| Error::Fatal(e.to_string()))?;
    let handle = rt.handle().clone();
    rt.block_on(async move {
        let engine = Engine::builder().workers(2).build();
        engine.package("net").func_async("Get", move |i: i64| {
            // The host work runs as a Tokio task; the script's goroutine awaits its handle.
            let task = handle.spawn(async move {
                tokio::time::sleep(Duration::from_millis(5)).await;
                i * 10
            });
            async move { task.await.unwrap_or(-1) }
        });
        let script = engine.compile("net.go", SCRIPT)?;
        let fetch = {
            let script = script.clone();
            tokio::task::spawn_blocking(move || script.call::<i64>("Fetch", (10,)))
        };
        let fetched = fetch.await.map_err(|e| Error::Fatal(e.to_string()))??;
        let (input, output) = (script.channel::<i64>(0), script.channel::<i64>(0));
        let relay = {
            let (script, input, output) = (script.clone(), input.clone(), output.clone());
            tokio::task::spawn_blocking(move || script.call::<()>("Double", (input, output)))
        };
        let mut doubled = Vec::new();
        for v in 1..=5 {
            input.send_async(v).await?;
            doubled.extend(output.recv_async().await);
        }
        input.close()?;
        relay.await.map_err(|e| Error::Fatal(e.to_string()))??;
        Ok((fetched, doubled))
    })
}

fn main() -> Result<(), Error> {
    let (fetched, doubled) = run()?;
    println!("fetched {fetched}, doubled {doubled:?}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs() {
        assert_eq!(super::run().unwrap(), (450, vec![2, 4, 6, 8, 10]));
    }
}
