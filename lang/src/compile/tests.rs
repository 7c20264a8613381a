//! Tests of the compiler: small Go programs are parsed, checked, compiled and run on the
//! VM, with the `print`/`println` natives writing to a buffer; a few disassemblies are
//! snapshotted.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minigo_vm::native::{NativeCtx, NativeOutcome};
use minigo_vm::{Config, Exit, Goroutine, Vm, run};
use parking_lot_free::Output;

use crate::check::{Importer, PackageSource, check_program};
use crate::span::SourceMap;

mod crash;
mod gaps;
mod generics;
mod receivers;

/// A shared text buffer without extra dependencies.
mod parking_lot_free {
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    pub struct Output(pub Arc<Mutex<String>>);

    impl Output {
        pub fn push(&self, s: &str) {
            if let Ok(mut out) = self.0.lock() {
                out.push_str(s);
            }
        }

        pub fn text(&self) -> String {
            self.0.lock().map(|s| s.clone()).unwrap_or_default()
        }
    }
}

/// Reads `stdlib/decl/<path>.go` from the workspace.
struct DeclImporter {
    root: PathBuf,
}

impl Importer for DeclImporter {
    fn declaration(&self, path: &str) -> Option<PackageSource> {
        let text = std::fs::read_to_string(self.root.join(format!("{path}.go"))).ok()?;
        Some(PackageSource {
            file_name: format!("{path}.go"),
            text: Arc::from(text),
            user_visible: true,
        })
    }
}

/// Parses, checks and compiles `src`.
fn compile_src(src: &str) -> Result<minigo_vm::Program, String> {
    let mut sources = SourceMap::new();
    let id = sources.add("prog.go", src);
    let (file, diags) = crate::parse::parse(id, src);
    assert!(diags.is_empty(), "parse errors: {diags:?}");
    let importer = DeclImporter {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join("../stdlib/decl"),
    };
    let files = [file];
    let (program, diags) = check_program(&mut sources, &files, &importer);
    assert!(diags.is_empty(), "check errors: {diags:?}");
    super::compile_with_sources(&program, &files, Some(&sources)).map_err(|d| {
        d.iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Replaces the placeholder print natives with ones writing to `out`.
fn link_print(program: &mut minigo_vm::Program, out: &Output) {
    for native in &mut program.natives {
        let out = out.clone();
        let name = native.name.clone();
        native.func = Arc::new(move |_: &mut NativeCtx<'_>, args: &mut [u64]| {
            let text = match name.as_str() {
                "runtime.printint" => (args[0] as i64).to_string(),
                "runtime.printuint" => args[0].to_string(),
                "runtime.printfloat" => format!("{:e}", f64::from_bits(args[0])),
                "runtime.printbool" => (args[0] != 0).to_string(),
                // SAFETY: the argument is a live string value of the calling goroutine.
                "runtime.printstring" => String::from_utf8_lossy(unsafe {
                    minigo_vm::heap::object::string_bytes(args[0])
                })
                .into_owned(),
                "runtime.printsp" => " ".into(),
                "runtime.printnl" => "\n".into(),
                other => format!("<{other}>"),
            };
            out.push(&text);
            NativeOutcome::Return
        });
    }
}

/// What running a program printed, and its panic report (empty when it returned).
struct Ran {
    out: String,
    panic: String,
}

fn run_src(src: &str) -> Ran {
    let mut program = match compile_src(src) {
        Ok(p) => p,
        Err(e) => {
            return Ran {
                out: String::new(),
                panic: format!("compile error: {e}"),
            };
        }
    };
    let out = Output::default();
    link_print(&mut program, &out);
    let vm = match Vm::new(program, Config::default()) {
        Ok(vm) => vm,
        Err(e) => {
            return Ran {
                out: String::new(),
                panic: format!("verify error: {e}"),
            };
        }
    };
    let Some(entry) = vm.program.function_named("runtime.main") else {
        return Ran {
            out: String::new(),
            panic: "no entry".into(),
        };
    };
    let Ok(mut g) = Goroutine::new(&vm, entry, &[]) else {
        return Ran {
            out: String::new(),
            panic: "cannot start".into(),
        };
    };
    let panic = loop {
        match run(&mut g, 100_000) {
            Exit::Yield => continue,
            Exit::Done => break String::new(),
            Exit::Panic(p) => break p.to_string(),
            Exit::Park(reason) => break format!("parked: {reason:?}"),
        }
    };
    Ran {
        out: out.text(),
        panic,
    }
}

/// Runs `src` and checks that it printed `want` without panicking.
fn expect(src: &str, want: &str) {
    let ran = run_src(src);
    assert_eq!(ran.panic, "", "output so far: {}", ran.out);
    assert_eq!(ran.out, want);
}

#[test]
fn fib_recursion_and_arithmetic() {
    expect(
        "package main
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
func main() { println(fib(20), 7/2, -7%3, 1<<10) }",
        "6765 3 -1 1024\n",
    );
}

#[test]
fn loops_break_continue_and_labels() {
    expect(
        "package main
func main() {
	sum := 0
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
		sum += i
	}
	n := 0
outer:
	for i := 0; ; i++ {
		for j := 0; j < 3; j++ {
			if i*j > 4 {
				break outer
			}
			n++
		}
	}
	k := 0
	for k < 5 {
		k += 2
	}
	for i := range 3 {
		print(i)
	}
	println()
	println(sum, n, k)
}",
        "012\n25 11 6\n",
    );
}

#[test]
fn narrow_integers_wrap_and_floats() {
    expect(
        "package main
func main() {
	var b byte = 250
	b += 10
	var i8 int8 = 127
	i8++
	var u uint32 = 0
	u--
	x := 1.5
	y := float32(0.1) + float32(0.2)
	println(b, i8, u, x*2 == 3, y > 0.3, int(x*3))
}",
        "4 -128 4294967295 true false 4\n",
    );
}

#[test]
fn closures_capture_counters_and_loop_variables() {
    expect(
        "package main
func counter() func() int {
	n := 0
	return func() int { n++; return n }
}
func main() {
	c := counter()
	c()
	c()
	println(c())
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		print(f(), \" \")
	}
	println()
}",
        "3\n0 10 20 \n",
    );
}

#[test]
fn structs_methods_and_pointers() {
    expect(
        "package main
type Point struct{ X, Y int }
func (p Point) Sum() int { return p.X + p.Y }
func (p *Point) Move(dx int) { p.X += dx }
type Rect struct {
	Min, Max Point
	Name string
}
func main() {
	p := Point{1, 2}
	q := p
	q.X = 10
	p.Move(5)
	r := Rect{Max: Point{X: 3, Y: 4}, Name: \"r\"}
	r2 := r
	r2.Max.X = 99
	pp := &r.Min
	pp.Y = 7
	n := new(int)
	*n = 42
	println(p.X, q.X, p.Sum(), r.Max.X, r2.Max.X, r.Min.Y, *n, r.Name)
}",
        "6 10 8 3 99 7 42 r\n",
    );
}

#[test]
fn interfaces_dispatch_assert_and_switch() {
    expect(
        "package main
type Shape interface{ Area() int }
type Sq struct{ s int }
type Rc struct{ w, h int }
func (s Sq) Area() int { return s.s * s.s }
func (r *Rc) Area() int { return r.w * r.h }
func describe(x any) string {
	switch v := x.(type) {
	case int:
		return \"int\"
	case string:
		return v
	case Shape:
		return \"shape\"
	}
	return \"other\"
}
func main() {
	shapes := []Shape{Sq{3}, &Rc{2, 5}}
	total := 0
	for _, s := range shapes {
		total += s.Area()
	}
	_, ok := shapes[0].(Sq)
	_, bad := shapes[1].(Sq)
	println(total, ok, bad, describe(1), describe(\"hi\"), describe(Sq{1}), describe(1.5))
}",
        "19 true false int hi shape other\n",
    );
}

#[test]
fn maps_and_strings() {
    expect(
        "package main
func main() {
	m := map[string]int{\"a\": 1}
	m[\"b\"] = 2
	m[\"a\"] += 10
	v, ok := m[\"zz\"]
	delete(m, \"b\")
	sum := 0
	for k, v := range m {
		sum += len(k) + v
	}
	s := \"héllo\"
	runes := 0
	for _, r := range s {
		if r == 'é' {
			runes += 100
		}
		runes++
	}
	bs := []byte(\"abc\")
	bs[0] = 'x'
	println(len(m), m[\"a\"], v, ok, sum, runes, string(bs), s[1:3] == \"é\", s+\"!\", string(rune(65)))
}",
        "1 11 0 false 12 105 xbc true héllo! A\n",
    );
}

#[test]
fn slices_append_alias_and_copy() {
    expect(
        "package main
func main() {
	a := make([]int, 3, 10)
	b := append(a, 4)
	a[0] = 7
	c := a[1:2]
	c = append(c, 9)
	d := []int{1, 2, 3}
	n := copy(d, []int{5, 6})
	var e []int
	for i := 0; i < 5; i++ {
		e = append(e, i)
	}
	arr := [3]int{1, 2, 3}
	arr2 := arr
	arr2[0] = 100
	println(b[0], b[2], len(b), cap(c), n, d[0], d[2], len(e), e[4], arr[0], arr2[0], len(arr))
}",
        "7 9 4 9 2 5 3 5 4 1 100 3\n",
    );
}

#[test]
fn defer_recover_and_named_results() {
    expect(
        "package main
func safeDiv(a, b int) (q int, err string) {
	defer func() {
		if r := recover(); r != nil {
			err = \"recovered\"
		}
	}()
	q = a / b
	return q, \"\"
}
func order() {
	for i := 0; i < 3; i++ {
		defer print(i)
	}
}
func closeLater(ch chan int) {
	defer close(ch)
	defer func(n int) { print(n) }(9)
}
func main() {
	q, err := safeDiv(7, 2)
	println(q, err)
	q, err = safeDiv(1, 0)
	println(q, err)
	order()
	println()
}",
        "3 \n0 recovered\n210\n",
    );
}

#[test]
fn runtime_panics_report_go_text() {
    let ran =
        run_src("package main\nfunc main() {\n\ts := []int{1, 2, 3}\n\ti := 5\n\tprintln(s[i])\n}");
    assert!(
        ran.panic.contains("index out of range [5] with length 3"),
        "{}",
        ran.panic
    );
    let ran = run_src("package main\nfunc main() {\n\tvar m map[string]int\n\tm[\"a\"] = 1\n}");
    assert!(
        ran.panic.contains("assignment to entry in nil map"),
        "{}",
        ran.panic
    );
    let ran = run_src("package main\nfunc main() {\n\tpanic(\"boom\")\n}");
    assert!(ran.panic.contains("boom"), "{}", ran.panic);
}

#[test]
fn package_variables_initialize_in_dependency_order() {
    expect(
        "package main
var a = b + 1
var b = f()
var total int
func f() int { return 41 }
func init() { total = a * 2 }
func main() { println(a, b, total) }",
        "42 41 84\n",
    );
}

#[test]
fn method_values_struct_slices_and_switches() {
    expect(
        "package main
type Acc struct{ n int }
func (a *Acc) Add(d int) int { a.n += d; return a.n }
type P struct{ x, y int }
func grade(n int) string {
	switch {
	case n >= 90:
		return \"A\"
	case n >= 80:
		return \"B\"
	}
	return \"C\"
}
func main() {
	a := &Acc{}
	add := a.Add
	add(2)
	f := (*Acc).Add
	f(a, 3)
	ps := make([]P, 3)
	ps[1].x = 5
	s := \"\"
	switch x := 2; x {
	case 1:
		s = \"one\"
	case 2:
		s = \"two\"
		fallthrough
	case 3:
		s += \"+three\"
	default:
		s = \"none\"
	}
	println(P{1, 2} == P{1, 2}, P{1, 2} != P{1, 3})
	println(a.n, ps[1].x, ps[2].y, s, grade(95), grade(85), grade(10), min(3, 1, 2), max(2.5, 1.0))
}",
        "true true\n5 5 0 two+three A B C 1 2.5e0\n",
    );
}

#[test]
fn goroutines_channels_and_select_compile_and_verify() {
    // Running them needs the runtime's channels; here the bytecode must verify and use
    // the channel instructions.
    let src = "package main
func worker(ch chan int, done chan bool) {
	for v := range ch {
		println(v)
	}
	done <- true
}
func main() {
	ch := make(chan int, 2)
	done := make(chan bool)
	go worker(ch, done)
	go func() { ch <- 1 }()
	select {
	case v, ok := <-ch:
		println(v, ok)
	case ch <- 2:
	default:
	}
	close(ch)
	<-done
}";
    let program = match compile_src(src) {
        Ok(p) => p,
        Err(e) => unreachable!("compile error: {e}"),
    };
    let listing = minigo_vm::disasm::program(&program);
    for op in ["Select", "Go", "RecvOk", "MakeChan", "Close", "Send"] {
        assert!(listing.contains(op), "no {op} in\n{listing}");
    }
    assert!(Vm::new(program, Config::default()).is_ok());
}

/// The disassembly of the function named `name` in `src`.
fn disasm_of(src: &str, name: &str) -> String {
    let program = compile_src(src).unwrap_or_default();
    program
        .functions
        .iter()
        .find(|f| f.name == name)
        .map(|f| minigo_vm::disasm::function(&program, f))
        .unwrap_or_default()
}

#[test]
fn disassembly_of_small_functions() {
    let src = "package main
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
func sum(xs []int) int {
	t := 0
	for i := 0; i < len(xs); i++ {
		t += xs[i]
	}
	return t
}
type T struct{ n int }
func (t *T) Inc() { t.n++ }
func main() { println(fib(3), sum(nil)) }";
    insta::assert_snapshot!("fib", disasm_of(src, "main.fib"));
    insta::assert_snapshot!("sum", disasm_of(src, "main.sum"));
    insta::assert_snapshot!("method", disasm_of(src, "main.(*T).Inc"));
}
