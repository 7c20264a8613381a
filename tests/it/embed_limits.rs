//! Sandbox limits of the embedding API: each one ends a run with an error naming it,
//! releases the run's memory and leaves the script usable.

use std::time::{Duration, Instant};

use minigo::embed::{Engine, Error, Limit, Limits};

fn engine(limits: Limits) -> Engine {
    Engine::builder().workers(2).limits(limits).build()
}

const SCRIPT: &str = r#"
func Spin() { for {} }
func Sleepy() { ch := make(chan int); go func() { for {} }(); <-ch }
func Grow() int {
    var keep [][]int
    for {
        keep = append(keep, make([]int, 1<<16))
    }
    return len(keep)
}
func Spawn(n int) int {
    done := make(chan bool)
    for i := 0; i < n; i++ {
        go func() { <-done }()
    }
    close(done)
    return n
}
func Ok() int { return 1 }
"#;

#[test]
fn an_infinite_loop_is_stopped_by_the_instruction_budget() {
    let limits = Limits {
        max_instructions: Some(1_000_000),
        ..Limits::default()
    };
    let script = engine(limits).compile("l.go", SCRIPT).unwrap();
    assert!(matches!(
        script.call::<()>("Spin", ()),
        Err(Error::Limit(Limit::Instructions))
    ));
    assert_eq!(script.call::<i64>("Ok", ()).unwrap(), 1);
}

#[test]
fn an_infinite_loop_is_stopped_by_the_deadline() {
    let limits = Limits {
        deadline: Some(Duration::from_millis(100)),
        ..Limits::default()
    };
    let script = engine(limits).compile("l.go", SCRIPT).unwrap();
    let start = Instant::now();
    assert!(matches!(
        script.call::<()>("Spin", ()),
        Err(Error::Limit(Limit::Deadline))
    ));
    assert!(matches!(
        script.call::<()>("Sleepy", ()),
        Err(Error::Limit(Limit::Deadline))
    ));
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(script.call::<i64>("Ok", ()).unwrap(), 1);
}

#[test]
fn spawning_past_the_goroutine_limit_is_rejected() {
    let limits = Limits {
        max_goroutines: Some(1_000),
        ..Limits::default()
    };
    let script = engine(limits).compile("l.go", SCRIPT).unwrap();
    assert!(matches!(
        script.call::<i64>("Spawn", (10_000,)),
        Err(Error::Limit(Limit::Goroutines))
    ));
    assert_eq!(script.call::<i64>("Spawn", (100,)).unwrap(), 100);
}

/// Runs `body` in a fresh process running only the test `name`, so that the resident set
/// it measures is not disturbed by the tests running in parallel with it.
fn in_own_process(name: &str, body: impl FnOnce()) {
    const CHILD: &str = "MINIGO_EMBED_RSS_CHILD";
    if std::env::var_os(CHILD).is_some() {
        body();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary has a path");
    let status = std::process::Command::new(exe)
        .args([name, "--exact", "--test-threads=1", "--nocapture"])
        .env(CHILD, "1")
        .status()
        .expect("the test binary runs");
    assert!(status.success(), "{name} failed in its own process");
}

/// The resident set of this process, in bytes (Linux), or 0 where unknown.
fn rss_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}

#[test]
fn unbounded_allocation_is_stopped_by_the_heap_limit() {
    in_own_process(
        "embed_limits::unbounded_allocation_is_stopped_by_the_heap_limit",
        heap_limit_keeps_rss_bounded,
    );
}

fn heap_limit_keeps_rss_bounded() {
    const LIMIT: usize = 64 << 20;
    let limits = Limits {
        max_heap_bytes: Some(LIMIT),
        ..Limits::default()
    };
    let script = engine(limits).compile("l.go", SCRIPT).unwrap();
    let before = rss_bytes();
    assert!(matches!(
        script.call::<i64>("Grow", ()),
        Err(Error::Limit(Limit::Heap))
    ));
    let after = rss_bytes();
    assert!(
        after.saturating_sub(before) < LIMIT + (50 << 20),
        "RSS grew by {} bytes",
        after.saturating_sub(before)
    );
    let (live, _) = script.heap_stats();
    assert!(
        live < (1 << 20),
        "the run's garbage was released: {live} bytes live"
    );
    assert_eq!(script.call::<i64>("Ok", ()).unwrap(), 1);
}

#[test]
fn a_small_stack_limit_stops_deep_recursion() {
    let limits = Limits {
        max_stack_bytes: Some(64 << 10),
        ..Limits::default()
    };
    let script = engine(limits)
        .compile(
            "r.go",
            "func Depth(n int) int { if n == 0 { return 0 }; return Depth(n-1) + 1 }",
        )
        .unwrap();
    assert_eq!(script.call::<i64>("Depth", (100,)).unwrap(), 100);
    assert!(matches!(
        script.call::<i64>("Depth", (1_000_000,)),
        Err(Error::Limit(Limit::Stack))
    ));
}

#[test]
fn a_cancel_from_another_thread_stops_a_blocked_run() {
    let script = Engine::builder()
        .workers(1)
        .build()
        .compile("c.go", "func Wait(ch chan int) int { return <-ch }")
        .unwrap();
    let ch = script.channel::<i64>(0);
    let cancel = script.cancel_handle();
    let t = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        cancel.cancel();
    });
    assert!(matches!(
        script.call::<i64>("Wait", (ch.clone(),)),
        Err(Error::Cancelled)
    ));
    t.join().unwrap();
}

#[test]
fn a_hundred_engines_come_and_go_without_leaking() {
    in_own_process(
        "embed_limits::a_hundred_engines_come_and_go_without_leaking",
        engines_do_not_leak,
    );
}

fn engines_do_not_leak() {
    let round = || {
        for _ in 0..10 {
            let engine = Engine::builder().stdout(std::io::sink()).build();
            let script = engine
                .compile("v.go", "import \"fmt\"\nfunc main() { s := []string{}; for i := 0; i < 1000; i++ { s = append(s, fmt.Sprint(i)) }; fmt.Println(len(s)) }")
                .unwrap();
            script.run_main().unwrap();
        }
    };
    round();
    let before = rss_bytes();
    for _ in 0..10 {
        round();
    }
    let grown = rss_bytes().saturating_sub(before);
    assert!(
        grown < 16 << 20,
        "RSS grew by {grown} bytes over 100 engines"
    );
}
