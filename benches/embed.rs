//! The cost of crossing the embedding boundary: calling a trivial script function from
//! Rust, and a host-to-script-to-host round trip through two unbuffered channels.
//! Run with `cargo bench --bench embed`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use minigo::embed::Engine;

const SCRIPT: &str = r#"
func Add(a, b int) int { return a + b }
func Echo(in chan int, out chan int) {
    for v := range in { out <- v }
    close(out)
}
"#;

fn call(c: &mut Criterion) {
    let script = Engine::new().compile("bench.go", SCRIPT).expect("compiles");
    let mut group = c.benchmark_group("embed");
    group.bench_function("call Add(1, 2)", |b| {
        b.iter(|| black_box(script.call::<i64>("Add", (black_box(1), 2)).expect("runs")))
    });
    let input = script.channel::<i64>(0);
    let output = script.channel::<i64>(0);
    let relay = {
        let (script, input, output) = (script.clone(), input.clone(), output.clone());
        std::thread::spawn(move || script.call::<()>("Echo", (input, output)))
    };
    group.bench_function("channel round trip", |b| {
        b.iter(|| {
            input.send(black_box(7)).expect("open");
            black_box(output.recv())
        })
    });
    group.finish();
    input.close().expect("open");
    while output.recv().is_some() {}
    let _ = relay.join();
}

criterion_group!(benches, call);
criterion_main!(benches);
