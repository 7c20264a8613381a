//! The embedding API end to end: building engines, compiling, `run_main` and typed calls,
//! host packages (failing and parking ones), isolation and failures coming back as errors.
//! Limits are in `embed_limits`, channels in `embed_chan`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use minigo::embed::{Captured, Engine, Error, HostError, Limit, PackagePolicy, Value};

fn captured() -> (Engine, Captured) {
    let out = Captured::default();
    (Engine::builder().stdout(out.clone()).build(), out)
}

#[test]
fn run_main_writes_to_the_engine_sink() {
    let (engine, out) = captured();
    let script = engine
        .compile(
            "hi.go",
            "import \"fmt\"\nfunc main() { fmt.Println(\"hi\", 1+2) }",
        )
        .unwrap();
    script.run_main().unwrap();
    script.run_main().unwrap();
    assert_eq!(out.text(), "hi 3\nhi 3\n");
}

#[test]
fn compile_errors_render_as_lines_and_with_ariadne() {
    let err = Engine::new()
        .compile("bad.go", "func main() {\n\tx := 1\n}")
        .unwrap_err();
    assert_eq!(err.lines(), ["bad.go:2:2: declared and not used: x"]);
    assert!(err.pretty().unwrap().contains("x := 1"));
}

#[test]
fn the_default_policy_denies_os_and_allow_lists_are_exact() {
    let err = Engine::new()
        .compile("o.go", "import \"os\"\nfunc main() { os.Exit(3) }")
        .unwrap_err();
    assert_eq!(
        err.lines(),
        ["o.go:1:8: package os is not allowed in this engine"]
    );
    let only = Engine::builder()
        .packages(PackagePolicy::Only(vec!["strings".into()]))
        .build();
    assert!(
        only.compile(
            "s.go",
            "import \"strings\"\nfunc F() string { return strings.ToUpper(\"a\") }"
        )
        .is_ok()
    );
    assert!(
        only.compile("f.go", "import \"fmt\"\nfunc main() { fmt.Println() }")
            .is_err()
    );
    let all = Engine::builder()
        .packages(PackagePolicy::AllExcept(vec![]))
        .build();
    let script = all
        .compile("o.go", "import \"os\"\nfunc main() { os.Exit(3) }")
        .unwrap();
    assert!(matches!(script.run_main(), Err(Error::Exit(3))));
}

const TYPES: &str = r#"
import "errors"

type Point struct {
    X, Y int
    Name string
}

func Add(a, b int) int { return a + b }
func Half(x float64) float64 { return x / 2 }
func Not(b bool) bool { return !b }
func Greet(s string) string { return "hello, " + s }
func Sum(xs []int) int {
    t := 0
    for _, x := range xs { t += x }
    return t
}
func Words() []string { return []string{"a", "b"} }
func Counts(words []string) map[string]int {
    m := map[string]int{}
    for _, w := range words { m[w]++ }
    return m
}
func Move(p Point, dx int) Point { p.X += dx; return p }
func Find(ok bool) *Point {
    if ok { return &Point{X: 1, Y: 2, Name: "p"} }
    return nil
}
func Div(a, b int) (int, error) {
    if b == 0 { return 0, errors.New("division by zero") }
    return a / b, nil
}
func Pair() (int, string) { return 7, "seven" }
"#;

#[test]
fn calls_convert_arguments_and_results_both_ways() {
    let script = Engine::new().compile("types.go", TYPES).unwrap();
    assert_eq!(script.call::<i64>("Add", (40, 2)).unwrap(), 42);
    assert_eq!(script.call::<f64>("Half", (3.0,)).unwrap(), 1.5);
    assert!(script.call::<bool>("Not", (false,)).unwrap());
    assert_eq!(
        script.call::<String>("Greet", ("go",)).unwrap(),
        "hello, go"
    );
    assert_eq!(script.call::<i64>("Sum", (vec![1i64, 2, 3],)).unwrap(), 6);
    assert_eq!(script.call::<Vec<String>>("Words", ()).unwrap(), ["a", "b"]);
    let counts: HashMap<String, i64> = script.call("Counts", (vec!["x", "y", "x"],)).unwrap();
    assert_eq!(counts, HashMap::from([("x".into(), 2), ("y".into(), 1)]));
    assert_eq!(
        script.call::<(i64, String)>("Pair", ()).unwrap(),
        (7, "seven".into())
    );
}

#[test]
fn structs_pointers_and_errors_convert() {
    let script = Engine::new().compile("types.go", TYPES).unwrap();
    let p = Value::Struct(vec![
        ("X".into(), Value::Int(1)),
        ("Y".into(), Value::Int(2)),
        ("Name".into(), Value::Str("p".into())),
    ]);
    let moved: Value = script.call("Move", (p, 10)).unwrap();
    assert_eq!(moved.field("X"), Some(&Value::Int(11)));
    assert_eq!(moved.field("Name"), Some(&Value::Str("p".into())));
    assert_eq!(
        script.call::<Option<Value>>("Find", (false,)).unwrap(),
        None
    );
    let found = script
        .call::<Option<Value>>("Find", (true,))
        .unwrap()
        .unwrap();
    assert_eq!(found.field("Y"), Some(&Value::Int(2)));
    assert_eq!(
        script
            .call::<Result<i64, HostError>>("Div", (7, 2))
            .unwrap(),
        Ok(3)
    );
    let err = script
        .call::<Result<i64, HostError>>("Div", (7, 0))
        .unwrap();
    assert_eq!(err, Err(HostError::new("division by zero")));
}

#[test]
fn type_mismatches_and_unknown_functions_are_clear_errors() {
    let script = Engine::new().compile("types.go", TYPES).unwrap();
    let err = script.call::<i64>("Add", ("x", 2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "type mismatch: cannot use string value as script type int"
    );
    let err = script.call::<String>("Add", (1, 2)).unwrap_err();
    assert_eq!(err.to_string(), "type mismatch: expected string, found int");
    let err = script.call::<i64>("Add", (1,)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "type mismatch: Add takes 2 arguments, got 1"
    );
    assert!(matches!(script.call::<()>("Nope", ()), Err(Error::NoSuchFunction(n)) if n == "Nope"));
}

#[test]
fn globals_persist_across_calls_and_init_runs_once() {
    let (engine, out) = captured();
    let script = engine
        .compile("g.go", "var n = start()\nfunc start() int { println(\"init\"); return 10 }\nfunc Next() int { n++; return n }")
        .unwrap();
    assert_eq!(script.call::<i64>("Next", ()).unwrap(), 11);
    assert_eq!(script.call::<i64>("Next", ()).unwrap(), 12);
    assert_eq!(out.text(), "");
}

#[test]
fn panics_deadlocks_and_stack_overflows_are_errors() {
    let script = Engine::new()
        .compile(
            "p.go",
            r#"
func Index(i int) int { xs := []int{1, 2, 3}; return xs[i] }
func Block() { ch := make(chan int); <-ch }
func Deep(n int) int { return Deep(n+1) + 1 }
func main() {}
"#,
        )
        .unwrap();
    match script.call::<i64>("Index", (5,)) {
        Err(Error::Panic { message, .. }) => {
            assert_eq!(
                message,
                "runtime error: index out of range [5] with length 3"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(matches!(
        script.call::<()>("Block", ()),
        Err(Error::Deadlock { .. })
    ));
    assert!(matches!(
        script.call::<i64>("Deep", (0,)),
        Err(Error::Limit(Limit::Stack))
    ));
    assert_eq!(
        script.call::<i64>("Index", (1,)).unwrap(),
        2,
        "usable after failures"
    );
}

#[test]
fn host_functions_take_and_return_typed_values_and_errors() {
    let engine = Engine::new();
    engine
        .package("host")
        .func("Lookup", |key: String| -> Result<i64, HostError> {
            match key.as_str() {
                "answer" => Ok(42),
                _ => Err(HostError::new(format!("no key {key}"))),
            }
        })
        .func("Join", |parts: Vec<String>, sep: String| parts.join(&sep))
        .func("Check", |ok: bool| -> Result<(), HostError> {
            if ok {
                Ok(())
            } else {
                Err(HostError::new("bad"))
            }
        });
    let script = engine
        .compile(
            "h.go",
            r#"
import "host"
func Get(k string) string {
    v, err := host.Lookup(k)
    if err != nil { return "error: " + err.Error() }
    return host.Join([]string{"got", k}, " ") + "=" + string(rune('0' + v%10))
}
func Check(ok bool) error { return host.Check(ok) }
"#,
        )
        .unwrap();
    assert_eq!(
        script.call::<String>("Get", ("answer",)).unwrap(),
        "got answer=2"
    );
    assert_eq!(
        script.call::<String>("Get", ("x",)).unwrap(),
        "error: no key x"
    );
    assert_eq!(
        script.call::<Option<Value>>("Check", (true,)).unwrap(),
        None
    );
    assert_eq!(
        script.call::<Value>("Check", (false,)).unwrap(),
        Value::Error("bad".into())
    );
}

/// A host function that completes from another thread later: a future woken by the
/// completing thread.
fn delayed(x: i64, started: Arc<AtomicUsize>) -> impl std::future::Future<Output = i64> {
    started.fetch_add(1, Ordering::SeqCst);
    let slot = Arc::new(parking_lot::Mutex::new((
        None::<i64>,
        None::<std::task::Waker>,
    )));
    let writer = Arc::clone(&slot);
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        let mut s = writer.lock();
        s.0 = Some(x * 2);
        if let Some(w) = s.1.take() {
            w.wake();
        }
    });
    std::future::poll_fn(move |cx| {
        let mut s = slot.lock();
        match s.0 {
            Some(v) => std::task::Poll::Ready(v),
            None => {
                s.1 = Some(cx.waker().clone());
                std::task::Poll::Pending
            }
        }
    })
}

#[test]
fn a_blocking_host_function_parks_only_its_goroutine_on_one_worker() {
    let engine = Engine::builder().workers(1).build();
    let started = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&started);
    engine
        .package("slow")
        .func_async("Double", move |x: i64| delayed(x, Arc::clone(&counter)));
    let script = engine
        .compile(
            "s.go",
            r#"
import "slow"
func Run() int {
    done := make(chan int)
    ticks := 0
    go func() { done <- slow.Double(21) }()
    for {
        select {
        case v := <-done:
            if ticks == 0 { return -1 }
            return v
        default:
            ticks++
            for i := 0; i < 1000; i++ {}
        }
    }
}
"#,
        )
        .unwrap();
    assert_eq!(script.call::<i64>("Run", ()).unwrap(), 42);
    assert_eq!(started.load(Ordering::SeqCst), 1, "the future starts once");
}

#[test]
fn a_parked_host_call_is_not_a_deadlock() {
    let engine = Engine::builder().workers(2).build();
    let started = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&started);
    engine
        .package("slow")
        .func_async("Double", move |x: i64| delayed(x, Arc::clone(&counter)));
    let script = engine
        .compile(
            "s.go",
            "import \"slow\"\nfunc F(x int) int { return slow.Double(x) + 1 }",
        )
        .unwrap();
    assert_eq!(script.call::<i64>("F", (5,)).unwrap(), 11);
}

#[test]
fn engines_and_scripts_are_send_sync_and_independent() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Engine>();
    assert_send_sync::<minigo::embed::Script>();
    let src = "var n int\nfunc Next() int { n++; return n }";
    let a = Engine::new().compile("a.go", src).unwrap();
    let b = Engine::new().compile("b.go", src).unwrap();
    assert_eq!(a.call::<i64>("Next", ()).unwrap(), 1);
    assert_eq!(a.call::<i64>("Next", ()).unwrap(), 2);
    assert_eq!(
        b.call::<i64>("Next", ()).unwrap(),
        1,
        "separate scripts share nothing"
    );
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let a = a.clone();
            std::thread::spawn(move || {
                for _ in 0..100 {
                    a.call::<i64>("Next", ()).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(
        a.call::<i64>("Next", ()).unwrap(),
        403,
        "calls from threads take turns"
    );
}
