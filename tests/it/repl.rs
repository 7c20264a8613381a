//! The REPL driven as a user would: through a pseudo-terminal (expectrl), and through a
//! pipe.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::{ControlCode, Expect};

const BIN: &str = env!("CARGO_BIN_EXE_minigo");

type Pty = expectrl::session::OsSession;

/// A REPL on a pseudo-terminal, with colour off and history in a fresh directory.
fn start(data_dir: &std::path::Path) -> Pty {
    let mut cmd = Command::new(BIN);
    cmd.arg("repl")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", data_dir)
        .env("GOMAXPROCS", "2");
    let mut pty = match Pty::spawn(cmd) {
        Ok(p) => p,
        Err(err) => panic!("cannot start the REPL on a pty: {err}"),
    };
    pty.set_expect_timeout(Some(Duration::from_secs(20)));
    pty
}

fn expect(pty: &mut Pty, text: &str) {
    match pty.expect(text) {
        Ok(_) => {}
        Err(err) => panic!("expected {text:?}: {err}"),
    }
}

fn line(pty: &mut Pty, text: &str) {
    if let Err(err) = pty.send_line(text) {
        panic!("cannot send {text:?}: {err}");
    }
}

fn send(pty: &mut Pty, text: impl AsRef<[u8]>) {
    if let Err(err) = pty.send(text) {
        panic!("cannot send: {err}");
    }
}

fn data_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("minigo-repl-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

#[test]
fn a_terminal_session_keeps_state_through_errors_panics_and_interrupts() {
    let dir = data_dir("pty");
    let started = Instant::now();
    let mut pty = start(&dir);
    expect(&mut pty, ">>> ");
    eprintln!("prompt after {:?}", started.elapsed());

    // A multi-line function definition, then a call; an expression's value is printed.
    line(&mut pty, "func double(x int) int {");
    expect(&mut pty, "... ");
    line(&mut pty, "return x * 2");
    expect(&mut pty, "... ");
    line(&mut pty, "}");
    expect(&mut pty, ">>> ");
    line(&mut pty, "double(21)");
    expect(&mut pty, "42");
    expect(&mut pty, ">>> ");

    // A compile error, then a correct input.
    line(&mut pty, "nosuchname + 1");
    expect(&mut pty, "undefined: nosuchname");
    expect(&mut pty, ">>> ");
    line(&mut pty, "x := 7");
    expect(&mut pty, ">>> ");
    line(&mut pty, "x * 6");
    expect(&mut pty, "42");
    expect(&mut pty, ">>> ");

    // A panic, then more input using earlier state.
    line(&mut pty, "var s []int");
    expect(&mut pty, ">>> ");
    line(&mut pty, "s[3]");
    expect(
        &mut pty,
        "panic: runtime error: index out of range [3] with length 0",
    );
    expect(&mut pty, ">>> ");
    line(&mut pty, "x + double(1)");
    expect(&mut pty, "9");
    expect(&mut pty, ">>> ");

    // A goroutine printing while the prompt waits.
    line(
        &mut pty,
        "go func() { for i := 0; i < 3; i++ { time.Sleep(50 * time.Millisecond); fmt.Println(\"tick\", i) } }()",
    );
    expect(&mut pty, "tick 2");
    expect(&mut pty, ">>> ");

    // Tab completion of a package member, then running the completed call.
    send(&mut pty, "strings.To\t\t");
    expect(&mut pty, "ToLower  ToTitle  ToUpper");
    expect(&mut pty, ">>> strings.To");
    send(&mut pty, "U\t(\"go\")\r");
    expect(&mut pty, "GO");
    expect(&mut pty, ">>> ");

    // :type
    line(&mut pty, ":type x * 1.0");
    expect(&mut pty, "int");
    expect(&mut pty, ">>> ");

    // Ctrl-C interrupts a busy loop and keeps the session.
    line(&mut pty, "for {}");
    std::thread::sleep(Duration::from_millis(300));
    send(&mut pty, [ControlCode::EndOfText.into()]);
    expect(&mut pty, "interrupted");
    expect(&mut pty, ">>> ");
    line(&mut pty, "x");
    expect(&mut pty, "7");

    // Ctrl-D on an empty line leaves with status 0.
    expect(&mut pty, ">>> ");
    send(&mut pty, [ControlCode::EndOfTransmission.into()]);
    match pty.get_process().wait() {
        Ok(WaitStatus::Exited(_, code)) => assert_eq!(code, 0),
        other => panic!("the REPL did not exit normally: {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `minigo repl` with `input` on a pipe: (stdout, stderr, status).
fn piped(input: &str) -> (String, String, i32) {
    let child = Command::new(BIN)
        .arg("repl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        panic!("cannot start {BIN}");
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    let Ok(out) = child.wait_with_output() else {
        panic!("the REPL did not finish");
    };
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        text(&out.stdout),
        text(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn piped_statements_print_values_without_prompts() {
    assert_eq!(piped("x := 2\nx * 21\n"), ("42\n".into(), String::new(), 0));
}

#[test]
fn piped_declarations_persist_and_may_be_redefined() {
    let input = "type P struct{ X, Y int }\nfunc (p P) Sum() int { return p.X + p.Y }\np := P{1, 2}\np.Sum()\n\
                 func f() string { return \"one\" }\nf()\nfunc f() string { return \"two\" }\nf()\n";
    let (out, err, code) = piped(input);
    assert_eq!((out.as_str(), err.as_str(), code), ("3\none\ntwo\n", "", 0));
}

#[test]
fn piped_failures_set_the_exit_status_and_the_session_goes_on() {
    let input = "y := 1\ny +\n  1\nundefined1\npanic(\"boom\")\nstrings.Repeat(\"ab\", y+1)\n";
    let (out, err, code) = piped(input);
    assert_eq!(out, "2\nabab\n");
    assert!(err.contains("undefined: undefined1"), "{err}");
    assert!(err.contains("panic: boom"), "{err}");
    assert_eq!(code, 1);
}

#[test]
fn channels_and_goroutines_outlive_the_input_that_made_them() {
    let input = "ch := make(chan int)\ngo func() { for i := 1; i <= 3; i++ { ch <- i * i } }()\n\
                 <-ch\n<-ch + <-ch\n<-ch\n";
    let (out, err, code) = piped(input);
    assert_eq!(out, "1\n13\n");
    assert!(
        err.contains("fatal error: all goroutines are asleep - deadlock!"),
        "{err}"
    );
    assert_eq!(code, 1);
}
