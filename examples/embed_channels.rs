//! Channels across the boundary: a Rust producer thread feeds a pool of minigo worker
//! goroutines, and a Rust consumer collects their results.
//! Run with `cargo run --example embed_channels`.

// An example shows its results on standard output, as the CLI does.
#![allow(clippy::print_stdout)]

use minigo::embed::{Engine, Error};

const SCRIPT: &str = r#"
func Pool(jobs chan int, results chan int, workers int) {
    done := make(chan bool)
    for w := 0; w < workers; w++ {
        go func() {
            for j := range jobs { results <- j * j }
            done <- true
        }()
    }
    for w := 0; w < workers; w++ { <-done }
    close(results)
}
"#;

/// Runs the example: the sum of the squares of 1..=n computed by the pool.
fn run(n: i64) -> Result<i64, Error> {
    let script = Engine::builder()
        .workers(2)
        .build()
        .compile("pool.go", SCRIPT)?;
    let jobs = script.channel::<i64>(16);
    let results = script.channel::<i64>(16);
    let producer = {
        let jobs = jobs.clone();
        std::thread::spawn(move || -> Result<(), Error> {
            for i in 1..=n {
                jobs.send(i)?;
            }
            jobs.close()
        })
    };
    let consumer = {
        let results = results.clone();
        std::thread::spawn(move || std::iter::from_fn(|| results.recv()).sum::<i64>())
    };
    script.call::<()>("Pool", (jobs, results, 4))?;
    producer
        .join()
        .map_err(|_| Error::Fatal("producer panicked".into()))??;
    consumer
        .join()
        .map_err(|_| Error::Fatal("consumer panicked".into()))
}

fn main() -> Result<(), Error> {
    println!("sum of squares 1..=1000 = {}", run(1000)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs() {
        assert_eq!(
            super::run(100).unwrap(),
            (1..=100).map(|i: i64| i * i).sum()
        );
    }
}
