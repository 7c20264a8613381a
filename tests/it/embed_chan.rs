//! Channels across the embedding boundary: host sends and receives, blocking and async,
//! closing from either side, and host-held ends keeping deadlock detection off.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use minigo::embed::{Engine, Error};

const WORKERS: &str = r#"
func Pool(jobs chan int, results chan int, n int) {
    done := make(chan bool)
    for w := 0; w < n; w++ {
        go func() {
            for j := range jobs { results <- j * j }
            done <- true
        }()
    }
    for w := 0; w < n; w++ { <-done }
    close(results)
}
func Echo(in chan int, out chan int) {
    for v := range in { out <- v }
    close(out)
}
"#;

#[test]
fn a_rust_producer_feeds_a_pool_of_script_workers() {
    let script = Engine::builder()
        .workers(2)
        .build()
        .compile("pool.go", WORKERS)
        .unwrap();
    let jobs = script.channel::<i64>(0);
    let results = script.channel::<i64>(16);
    let producer = {
        let jobs = jobs.clone();
        std::thread::spawn(move || {
            // The script starts later than the producer: a host end keeps it from looking
            // deadlocked while it waits for jobs.
            std::thread::sleep(Duration::from_millis(20));
            for i in 1..=100 {
                jobs.send(i).unwrap();
            }
            jobs.close().unwrap();
        })
    };
    let consumer = {
        let results = results.clone();
        std::thread::spawn(move || {
            let mut sum = 0;
            while let Some(v) = results.recv() {
                sum += v;
            }
            sum
        })
    };
    script.call::<()>("Pool", (jobs, results, 4)).unwrap();
    producer.join().unwrap();
    let want: i64 = (1..=100).map(|i| i * i).sum();
    assert_eq!(consumer.join().unwrap(), want);
}

#[test]
fn closing_from_either_side_behaves_as_go() {
    let script = Engine::new()
        .compile("c.go", "func Close(ch chan int) { close(ch) }")
        .unwrap();
    let ch = script.channel::<i64>(2);
    ch.send(1).unwrap();
    script.call::<()>("Close", (ch.clone(),)).unwrap();
    assert_eq!(ch.recv(), Some(1), "buffered values drain after close");
    assert_eq!(ch.recv(), None);
    assert!(
        matches!(ch.send(2), Err(Error::Panic { message, .. }) if message == "send on closed channel")
    );
    assert!(ch.close().is_err());
    let script_panics = script.call::<()>("Close", (ch,));
    assert!(
        matches!(script_panics, Err(Error::Panic { message, .. }) if message == "close of closed channel")
    );
}

#[test]
fn a_script_waiting_on_a_dropped_host_channel_is_a_deadlock() {
    let script = Engine::new()
        .compile("w.go", "func Wait(ch chan int) int { return <-ch }")
        .unwrap();
    let ch = script.channel::<i64>(0);
    // The only host end goes into the call: once the argument is converted, nothing can
    // send, and the run is reported as a deadlock instead of hanging.
    assert!(matches!(
        script.call::<i64>("Wait", (ch,)),
        Err(Error::Deadlock { .. })
    ));
}

struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// A minimal executor: polls on this thread, parking between polls.
fn block_on<F: Future>(fut: F) -> F::Output {
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut fut = pin!(fut);
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

#[test]
fn async_send_and_receive_work_under_any_executor() {
    let script = Engine::builder()
        .workers(2)
        .build()
        .compile("e.go", WORKERS)
        .unwrap();
    let input = script.channel::<i64>(0);
    let output = script.channel::<i64>(0);
    let runner = {
        let (script, input, output) = (script.clone(), input.clone(), output.clone());
        std::thread::spawn(move || script.call::<()>("Echo", (input, output)))
    };
    let got = block_on(async {
        let mut got = Vec::new();
        for i in 0..50 {
            input.send_async(i).await.unwrap();
            got.push(output.recv_async().await.unwrap());
        }
        input.close().unwrap();
        assert_eq!(output.recv_async().await, None);
        got
    });
    assert_eq!(got, (0..50).collect::<Vec<i64>>());
    runner.join().unwrap().unwrap();
}
