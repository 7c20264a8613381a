//! End-to-end tests of the natives: Go programs are parsed, checked against this crate's
//! declaration files, compiled, linked with `natives::Registry::standard` writing to
//! captured sinks, and run on the VM; their output is compared with Go's.

use std::path::Path;

use minigo_lang::check::check_program;
use minigo_lang::span::SourceMap;
use minigo_stdlib::natives::{Output, Registry};
use minigo_vm::{Config, Exit, Goroutine, Vm, run};

use super::StdImporter;

/// What a program did: its standard output, standard error, and panic report if any.
struct Outcome {
    stdout: String,
    stderr: String,
    panic: Option<String>,
}

/// Compiles and runs `src` to completion; `Err` carries front-end or link errors.
fn run_program(src: &str) -> Result<Outcome, String> {
    let mut sources = SourceMap::new();
    let id = sources.add("prog.go", src);
    let (file, diags) = minigo_lang::parse::parse(id, src);
    if !diags.is_empty() {
        return Err(format!("parse: {diags:?}"));
    }
    let files = [file];
    let (checked, diags) = check_program(&mut sources, &files, &StdImporter);
    if !diags.is_empty() {
        return Err(format!("check: {}", super::render(&sources, &diags)));
    }
    let mut program = minigo_lang::compile::compile_with_sources(&checked, &files, Some(&sources))
        .map_err(|d| format!("compile: {}", super::render(&sources, &d)))?;
    let (output, stdout, stderr) = Output::capture();
    Registry::standard(&output)
        .link(&mut program)
        .map_err(|e| e.to_string())?;
    let entry = program
        .function_named("runtime.main")
        .ok_or("no runtime.main")?;
    let vm = Vm::new(program, Config::default()).map_err(|e| format!("verify: {e:?}"))?;
    let mut g = Goroutine::new(&vm, entry, &[]).map_err(|_| "stack")?;
    let panic = loop {
        match run(&mut g, 1 << 20) {
            Exit::Done => break None,
            Exit::Yield => continue,
            Exit::Park(reason) => break Some(format!("parked: {}", reason.as_str())),
            Exit::Panic(p) => break Some(p.to_string()),
        }
    };
    output.flush();
    Ok(Outcome {
        stdout: stdout.text(),
        stderr: stderr.text(),
        panic,
    })
}

/// Runs a `main` body with the given imports and returns its standard output.
fn stdout_of(imports: &str, body: &str) -> String {
    let src = format!("package main\n\nimport ({imports})\n\n{body}\n");
    match run_program(&src) {
        Ok(o) => {
            assert!(
                o.panic.is_none(),
                "panicked: {:?}\nstderr: {}",
                o.panic,
                o.stderr
            );
            o.stdout
        }
        Err(e) => panic!("{e}\n{src}"),
    }
}

#[test]
fn println_and_printf_format_basic_values() {
    let out = stdout_of(
        "\"fmt\"",
        r#"func main() {
	fmt.Println("hi", 1, 2.5, true, 'x')
	fmt.Printf("%d|%5s|%-4d|%x|%q|%v|%T\n", 42, "ab", 7, 255, "q", 1e21, 3.0)
	fmt.Print("a", 1, 2, "b", "\n")
	s := fmt.Sprintf("%08.3f|%+d|%c|%U", 3.14159, 5, 'A', 0x1F600)
	fmt.Println(s, len(s))
	fmt.Printf("%d %s\n", "x", 5)
	fmt.Printf("%d\n", 1, 2)
	fmt.Printf("%d %d\n", 1)
}"#,
    );
    assert_eq!(
        out,
        "hi 1 2.5 true 120\n42|   ab|7   |ff|\"q\"|1e+21|float64\na1 2b\n\
         0003.142|+5|A|U+1F600 21\n%!d(string=x) %!s(int=5)\n1\n%!(EXTRA int=2)1 %!d(MISSING)\n"
    );
}

#[test]
fn printf_without_operands() {
    let out = stdout_of(
        "\"fmt\"",
        "func main() {\n\tfmt.Printf(\"100%%\\n\")\n\tfmt.Println()\n}",
    );
    assert_eq!(out, "100%\n\n");
}

#[test]
fn composites_print_by_walking_type_descriptors() {
    let out = stdout_of(
        "\"fmt\"",
        r#"type P struct {
	X, Y int
	Name string
}

func main() {
	p := P{1, 2, "a"}
	fmt.Println(p, &p, []int{1, 2, 3}, map[string]int{"b": 2, "a": 1})
	fmt.Printf("%v|%+v|%#v\n", p, p, p)
	var s []int
	var m map[string]bool
	var e error
	fmt.Println(s, m, e, [2]bool{true, false})
	fmt.Printf("%#v %#v %T %T\n", []int{1, 2}, map[string]int{"a": 1}, s, &p)
}"#,
    );
    assert_eq!(
        out,
        "{1 2 a} &{1 2 a} [1 2 3] map[a:1 b:2]\n{1 2 a}|{X:1 Y:2 Name:a}|main.P{X:1, Y:2, Name:\"a\"}\n\
         [] map[] <nil> [true false]\n[]int{1, 2} map[string]int{\"a\":1} []int *main.P\n"
    );
}

#[test]
fn stringers_and_errors_are_called_even_inside_composites() {
    let out = stdout_of(
        "\"errors\"; \"fmt\"",
        r#"type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Box struct {
	T Celsius
	t Celsius
}

func main() {
	c := Celsius(21.5)
	fmt.Println(c, []Celsius{1, 2})
	fmt.Printf("%v %s %d\n", c, c, 7)
	fmt.Println(Box{1, 2})
	err := errors.New("boom")
	fmt.Println(err)
	fmt.Printf("%v|%q\n", err, err)
}"#,
    );
    assert_eq!(
        out,
        "21.5°C [1.0°C 2.0°C]\n21.5°C 21.5°C 7\n{1.0°C 2}\nboom\nboom|\"boom\"\n"
    );
}

#[test]
fn strings_strconv_and_math_natives_match_go() {
    let out = stdout_of(
        "\"fmt\"; \"math\"; \"strconv\"; \"strings\"",
        r#"func main() {
	fmt.Println(strings.ToUpper("héllo"), strings.Repeat("ab", 3), strings.Index("chicken", "ken"))
	fmt.Println(strings.Split("a,b,c", ","), len(strings.Fields("  a b  ")), strings.TrimSpace("  x  "))
	fmt.Println(strings.Replace("oink oink", "k", "ky", -1), strings.Join([]string{"x", "y"}, "-"))
	n, err := strconv.Atoi("12a")
	fmt.Println(n, err)
	fmt.Println(strconv.Itoa(-45), strconv.Quote("hi\n"), strconv.FormatFloat(1.5, 'f', 2, 64))
	fmt.Println(math.Sqrt(2), math.Floor(-1.5), math.Max(3, 7), math.Inf(1))
}"#,
    );
    assert_eq!(
        out,
        "HÉLLO ababab 4\n[a b c] 2 x\noinky oinky x-y\n0 strconv.Atoi: parsing \"12a\": invalid syntax\n\
         -45 \"hi\\n\" 1.50\n1.4142135623730951 -2 7 +Inf\n"
    );
}

#[test]
fn errors_as_walks_wrapped_errors_and_stores_the_match() {
    let out = stdout_of(
        "\"errors\"; \"fmt\"",
        r#"type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprint("code ", e.Code) }

type Wrap struct{ inner error }

func (w *Wrap) Error() string { return "wrap: " + w.inner.Error() }
func (w *Wrap) Unwrap() error { return w.inner }

func main() {
	var err error = &Wrap{&MyErr{7}}
	var me *MyErr
	ok := errors.As(err, &me)
	fmt.Println(ok, me.Code, err)
	var other *MyErr
	fmt.Println(errors.As(errors.New("plain"), &other), other == nil)
}"#,
    );
    assert_eq!(out, "true 7 wrap: code 7\nfalse true\n");
}

#[test]
fn durations_print_builtins_and_os_exit_behave_like_go() {
    let src = r#"package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println(1500*time.Millisecond, time.Duration(0), 90*time.Minute)
	d, err := time.ParseDuration("1h2m3.5s")
	fmt.Println(d, err)
	println("to stderr", 7)
	defer fmt.Println("deferred calls do not run")
	os.Exit(3)
}
"#;
    let o = match run_program(src) {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(o.stdout, "1.5s 0s 1h30m0s\n1h2m3.5s <nil>\n");
    assert_eq!(o.stderr, "to stderr 7\n");
    assert_eq!(o.panic.as_deref(), Some("fatal error: exit status 3"));
}

/// Conformance programs of the corpus whose whole output must match Go's: the ones that
/// exercise `fmt`, `strings`, `strconv` (formatting) and `math` and that the compiler
/// already compiles. The others wait on compiler features (generics, struct comparison,
/// assertions to interface types, channels without a scheduler).
const CONFORMANCE: &[&str] = &[
    "consts_iota",
    "control_flow",
    "fmt_print_rules",
    "fmt_stringer",
    "fmt_verbs_ints",
    "int_arith",
    "math_pkg",
    "package_init",
    "slices_basic",
    "strings_pkg",
    "types_conversions",
    "unicode_idents",
];

#[test]
fn conformance_programs_print_what_go_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/lang");
    let mut failures = String::new();
    for name in CONFORMANCE {
        let Ok(src) = std::fs::read_to_string(dir.join(format!("{name}.go"))) else {
            failures += &format!("{name}: missing from the corpus\n");
            continue;
        };
        let want = std::fs::read_to_string(dir.join(format!("{name}.out"))).unwrap_or_default();
        match run_program(&src) {
            Ok(o) if o.stdout == want => {}
            Ok(o) => failures += &format!("{name}: got\n{}\nwant\n{want}\n", o.stdout),
            Err(e) => failures += &format!("{name}: {e}\n"),
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
