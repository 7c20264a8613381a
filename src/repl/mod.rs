//! The interactive session: `minigo repl` (and `minigo` alone on a terminal).
//!
//! Owns: the read-eval-print loops, interactive on rustyline ([`interactive`]) and from a
//! pipe ([`piped`]), and the output sink that puts goroutines' output above the prompt.
//! Its parts: `input` (when typed text is complete), `source` (the session as source
//! text), `rewrite` (what an input is and how statements become a function), `check`
//! (checking and error reports), `eval` (compiling, growing the VM, running), `commands`
//! (`:help` and the others), `editor` (completion, colouring, multi-line).
//!
//! # Design
//! A session is one growing package `main` and one long-lived VM and runtime.
//! - Each input is spelled into the whole session program (imports, every declaration so
//!   far, an empty `main`) and checked with the REPL's relaxed rules (no unused-variable or
//!   unused-import errors). A declaration input adds or replaces package-level declarations.
//!   A statement input becomes the body of a fresh function `__inputN`: it is first checked
//!   as typed (the probe), then rewritten: `x := e` and `var x = e` at its top level assign
//!   session variables declared at package level with the types the probe found, `type` and
//!   `const` declarations move to package level, and an expression statement with a value
//!   is printed with `fmt.Println` (`%v`, several values for a multi-value call).
//!   Standard packages named as `pkg.X` are imported on first use.
//! - The spelled program is compiled whole, then appended to the running program
//!   (`minigo_vm::extend`): unchanged functions, types, constants and globals are shared by
//!   identity, everything else gets fresh indices, so goroutines still running earlier
//!   inputs' code, their closures and values stay valid. The appended program is installed
//!   with the world stopped.
//! - The runtime (`minigo_vm::rt::Session`) keeps running between inputs: goroutines go on
//!   printing while the user types, and channels made at one prompt are used at the next.
//!   The input function runs as a goroutine the loop waits on; its panic, a deadlock of it,
//!   or Ctrl-C end the evaluation, never the session. Panics of background goroutines are
//!   printed and end only that goroutine.
//!
//! Rejected alternatives: re-running every earlier input on a fresh VM (side effects
//! repeat and goroutines restart); compiling each input against the previous compiler
//! state (the checker and compiler number everything per program, and an incremental
//! variant of both would be a second compiler to keep in step).

mod check;
mod commands;
mod editor;
mod eval;
mod input;
mod rewrite;
mod source;

use std::io::{self, BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use minigo_lang::diag::render::Color;
use minigo_stdlib::natives::Output;
use parking_lot::Mutex;
use rustyline::error::ReadlineError;
use rustyline::{Config, Editor, ExternalPrinter};

pub use eval::{Evaluator, Flow};

/// How often goroutines' buffered output is written out while the user types.
const FLUSH_EVERY: Duration = Duration::from_millis(50);

/// Reads inputs from `input` without prompts (a pipe or a file), evaluating each complete
/// one in order; returns 1 if any evaluation failed, the code of `os.Exit`, else 0.
pub fn piped(input: impl BufRead) -> i32 {
    let mut ev = Evaluator::new(Output::stdio(), None);
    let interrupt = AtomicBool::new(false);
    let mut status = 0;
    let mut pending = String::new();
    for line in input.lines() {
        let Ok(line) = line else { break };
        pending.push_str(&line);
        pending.push('\n');
        if !pending.trim_start().starts_with(':') && !input::is_complete(&pending) {
            continue;
        }
        match step(&mut ev, &std::mem::take(&mut pending), &interrupt) {
            Flow::Continue(true) => {}
            Flow::Continue(false) => status = 1,
            Flow::Exit(code) => return code,
        }
    }
    if !pending.trim().is_empty() {
        status = match step(&mut ev, &pending, &interrupt) {
            Flow::Continue(true) => status,
            Flow::Continue(false) => 1,
            Flow::Exit(code) => return code,
        };
    }
    let _ = io::stdout().flush();
    status
}

/// One input: a command or code.
fn step(ev: &mut Evaluator, text: &str, interrupt: &AtomicBool) -> Flow {
    if text.trim_start().starts_with(':') {
        return match commands::run(text, ev, interrupt) {
            commands::Command::Done(flow) => flow,
            commands::Command::Reset => {
                ev.reset();
                Flow::Continue(true)
            }
        };
    }
    ev.eval(text, interrupt)
}

/// Standard output while the prompt is shown goes through rustyline's external printer, so
/// it appears above the line being typed; during an evaluation it goes straight out.
struct PromptAwareOut {
    printer: Arc<Mutex<Option<Box<dyn ExternalPrinter + Send>>>>,
    prompting: Arc<AtomicBool>,
    partial: Vec<u8>,
}

impl Write for PromptAwareOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.prompting.load(Ordering::SeqCst) {
            let mut out = io::stdout().lock();
            out.write_all(&self.partial)?;
            self.partial.clear();
            out.write_all(buf)?;
            return Ok(buf.len());
        }
        self.partial.extend_from_slice(buf);
        // The printer puts each message on lines of its own: hand it whole lines only.
        if let Some(end) = self.partial.iter().rposition(|&b| b == b'\n') {
            let lines: Vec<u8> = self.partial.drain(..=end).collect();
            let text = String::from_utf8_lossy(&lines)
                .trim_end_matches('\n')
                .to_string();
            if let Some(printer) = self.printer.lock().as_mut() {
                let _ = printer.print(text);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.prompting.load(Ordering::SeqCst) {
            return Ok(());
        }
        io::stdout().flush()
    }
}

/// The history file: `$XDG_DATA_HOME/minigo/history` (or the platform's data directory).
fn history_path() -> Option<std::path::PathBuf> {
    let dir = dirs::data_dir()?.join("minigo");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// The interactive loop on a terminal; returns the exit code.
pub fn interactive() -> i32 {
    let config = Config::builder()
        .auto_add_history(true)
        .completion_type(rustyline::CompletionType::List)
        .build();
    let mut editor: Editor<editor::GoHelper, rustyline::history::DefaultHistory> =
        match Editor::with_config(config) {
            Ok(e) => e,
            Err(err) => {
                eprintln!("minigo: cannot start the line editor: {err}");
                return 1;
            }
        };
    editor.set_helper(Some(editor::GoHelper::default()));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    let printer: Arc<Mutex<Option<Box<dyn ExternalPrinter + Send>>>> = Arc::new(Mutex::new(None));
    if let Ok(p) = editor.create_external_printer() {
        *printer.lock() = Some(Box::new(p));
    }
    let prompting = Arc::new(AtomicBool::new(false));
    let out = PromptAwareOut {
        printer,
        prompting: Arc::clone(&prompting),
        partial: Vec::new(),
    };
    let output = Output::new(Box::new(out), Box::new(io::stderr()));
    let code = prompt_loop(&mut editor, &output, &prompting);
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    code
}

fn prompt_loop(
    editor: &mut Editor<editor::GoHelper, rustyline::history::DefaultHistory>,
    output: &Arc<Output>,
    prompting: &Arc<AtomicBool>,
) -> i32 {
    let pretty = colour_allowed().then_some(Color::On);
    let mut ev = Evaluator::new(Arc::clone(output), pretty);
    let interrupt = Arc::new(AtomicBool::new(false));
    let _flusher = Flusher::start(Arc::clone(output));
    let _sigint = install_interrupt(Arc::clone(&interrupt));
    loop {
        let text = match read_input(editor, prompting) {
            Ok(text) => text,
            Err(code) => return code,
        };
        interrupt.store(false, Ordering::SeqCst);
        if let Flow::Exit(code) = step(&mut ev, &text, &interrupt) {
            return code;
        }
        if let Some(code) = ev.runtime().and_then(|s| s.exit_requested()) {
            return code;
        }
        if let Some(helper) = editor.helper_mut() {
            helper.session_names = session_names(&ev);
        }
    }
}

/// Reads lines (`>>> `, then `... ` while the input is incomplete) until a whole input or a
/// command; `Err` with the exit code on Ctrl-D at an empty prompt or a terminal error.
/// Ctrl-C abandons the lines read so far.
fn read_input(
    editor: &mut Editor<editor::GoHelper, rustyline::history::DefaultHistory>,
    prompting: &AtomicBool,
) -> Result<String, i32> {
    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() { ">>> " } else { "... " };
        prompting.store(true, Ordering::SeqCst);
        let line = editor.readline(prompt);
        prompting.store(false, Ordering::SeqCst);
        match line {
            Ok(text) => {
                pending.push_str(&text);
                pending.push('\n');
                if pending.trim_start().starts_with(':') || input::is_complete(&pending) {
                    return Ok(pending);
                }
            }
            Err(ReadlineError::Eof) if pending.is_empty() => return Err(0),
            Err(ReadlineError::Interrupted | ReadlineError::Eof) => pending.clear(),
            Err(err) => {
                eprintln!("minigo: {err}");
                return Err(1);
            }
        }
    }
}

/// The names the session declared, for completion.
fn session_names(ev: &Evaluator) -> Vec<String> {
    ev.source()
        .items()
        .iter()
        .filter_map(|it| {
            it.key
                .split_once(' ')
                .map(|(_, n)| n.rsplit('.').next().unwrap_or(n))
        })
        .flat_map(|names| names.split(','))
        .map(str::to_string)
        .collect()
}

/// Colour on a terminal with `NO_COLOR` unset.
fn colour_allowed() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stderr().is_terminal()
}

/// A thread that writes out goroutines' buffered output periodically.
struct Flusher {
    stop: Arc<AtomicBool>,
}

impl Flusher {
    fn start(output: Arc<Output>) -> Flusher {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let _ = std::thread::Builder::new()
            .name("minigo-repl-flush".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(FLUSH_EVERY);
                    output.flush();
                }
            });
        Flusher { stop }
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// While an evaluation runs, Ctrl-C (SIGINT) sets `flag` instead of killing the process;
/// at the prompt, rustyline reads Ctrl-C as a key itself (the terminal is in raw mode).
fn install_interrupt(flag: Arc<AtomicBool>) -> Option<()> {
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).ok()
}
