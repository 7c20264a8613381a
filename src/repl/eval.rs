//! Evaluating inputs: the session's program grows by one spelling per input, compiled and
//! appended to the one running VM, and the input function runs as a goroutine.
//!
//! Owns: [`Evaluator`] (the session source, the VM and its runtime, the output sink and
//! the natives) and [`Flow`]. Does not own: reading input (`editor`, `mod`), commands
//! (`commands`), the rewriting rules (`rewrite`).
//!
//! Invariant: the session source changes only once an input compiled, so a rejected input
//! leaves no trace; an input that compiled keeps its declarations even if it then panics
//! (its session variables exist, holding what was assigned before the panic).

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use minigo_lang::ast::{Decl, StmtKind};
use minigo_lang::diag::render::Color;
use minigo_stdlib::natives::{Output, Registry};
use minigo_vm::op::FuncIdx;
use minigo_vm::rt::{self, EvalOutcome, Session};
use minigo_vm::{Config, Program, Vm};

use super::check::{self, Checked, Errors};
use super::rewrite::{self, Probe};
use super::source::{FILE_NAME, SessionSource, Spelled};

/// What the REPL does after an input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Go on; `false` when the input failed (a compile error, a panic, a deadlock).
    Continue(bool),
    /// The program called `os.Exit` with this code.
    Exit(i32),
}

/// An interactive session's state.
pub struct Evaluator {
    source: SessionSource,
    session: Option<Session>,
    output: Arc<Output>,
    registry: Registry,
    pretty: Option<Color>,
    workers: usize,
    std_paths: Vec<&'static str>,
}

/// A failed step, already reported.
struct Reported;

impl Evaluator {
    /// A session writing program output to `output`, errors to standard error (rendered
    /// with ariadne when `pretty`).
    pub fn new(output: Arc<Output>, pretty: Option<Color>) -> Evaluator {
        let mut registry = Registry::standard(&output);
        registry.extend(rt::scheduler_natives());
        Evaluator {
            source: SessionSource::default(),
            session: None,
            output,
            registry,
            pretty,
            workers: minigo_runtime_workers(),
            std_paths: minigo_stdlib::PACKAGES.to_vec(),
        }
    }

    /// Forgets every declaration and variable and stops every goroutine (the runtime is
    /// shut down with the old session).
    pub fn reset(&mut self) {
        *self = Evaluator::new(Arc::clone(&self.output), self.pretty);
    }

    /// The session's source (for completion and `:doc`).
    pub fn source(&self) -> &SessionSource {
        &self.source
    }

    /// The running session, once something was evaluated.
    pub fn runtime(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The output sink programs write to.
    pub fn output(&self) -> &Arc<Output> {
        &self.output
    }

    /// Evaluates one input: declarations, statements or an expression.
    pub fn eval(&mut self, input: &str, interrupt: &AtomicBool) -> Flow {
        let input = input.trim_end();
        if input.trim().is_empty() {
            return Flow::Continue(true);
        }
        let res = match rewrite::classify(input) {
            Some(decls) => self.declare(input, decls, interrupt),
            None => self.run_statements(input, interrupt),
        };
        self.output.flush();
        match res {
            Ok(flow) => flow,
            Err(Reported) => Flow::Continue(false),
        }
    }

    /// The session with the standard packages `text` names imported, and `fmt`.
    fn with_imports(&self, text: &str) -> SessionSource {
        let mut next = self.source.clone();
        next.add_import("fmt");
        for path in rewrite::std_packages_used(text, self.std_paths.iter().copied()) {
            next.add_import(path);
        }
        next
    }

    fn declare(
        &mut self,
        input: &str,
        decls: rewrite::Declarations,
        interrupt: &AtomicBool,
    ) -> Result<Flow, Reported> {
        let mut next = self.with_imports(input);
        for path in &decls.imports {
            next.add_import(path);
        }
        let spelled = next.spell(&decls.items, None);
        let checked = self.checked(&spelled, input, false)?;
        let flow = self.load(checked, &spelled, input, None, interrupt)?;
        for (item, _) in decls.items {
            next.put(item);
        }
        self.source = next;
        Ok(flow)
    }

    fn run_statements(&mut self, input: &str, interrupt: &AtomicBool) -> Result<Flow, Reported> {
        let mut next = self.with_imports(input);
        let name = next.next_input_name();
        let probe_spelled = next.spell(&[], Some((&name, input, 0)));
        let probe = self.checked(&probe_spelled, input, true)?;
        let plan = {
            let stmts = input_body(&probe, &name);
            let offset = probe_spelled.input_parts.last().map_or(0, |(r, _)| r.start);
            rewrite::plan(&Probe {
                input,
                offset,
                stmts,
                program: &probe.program,
            })
        };
        let spelled = next.spell(&plan.items, Some((&name, &plan.body, 0)));
        let checked = self.checked(&spelled, input, false)?;
        let entry = format!("main.{name}");
        let flow = self.load(checked, &spelled, input, Some(&entry), interrupt);
        if flow.is_ok() {
            for (item, _) in plan.items {
                next.put(item);
            }
            self.source = next;
        }
        flow
    }

    /// The type of each value of `expr`, as `:type` prints them.
    pub fn type_of(&mut self, expr: &str) -> Option<String> {
        let mut next = self.with_imports(expr);
        let name = next.next_input_name();
        let spelled = next.spell(&[], Some((&name, expr, 0)));
        let probe = self.checked(&spelled, expr, true).ok()?;
        let stmts = input_body(&probe, &name);
        let offset = spelled.input_parts.last().map_or(0, |(r, _)| r.start);
        let p = Probe {
            input: expr,
            offset,
            stmts,
            program: &probe.program,
        };
        match stmts.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(e)) => Some(p.value_types(e).join(", ")),
            _ => None,
        }
    }

    fn checked(&self, spelled: &Spelled, input: &str, probe: bool) -> Result<Checked, Reported> {
        check::check(spelled, probe).map_err(|errors| self.report(errors, spelled, input))
    }

    fn report(&self, errors: Errors, spelled: &Spelled, input: &str) -> Reported {
        self.output.flush();
        let mut stderr = std::io::stderr().lock();
        check::report(errors, spelled, input, self.pretty, &mut stderr);
        let _ = stderr.flush();
        Reported
    }

    /// Compiles, appends to the VM, initializes new globals and runs `entry`.
    fn load(
        &mut self,
        checked: Checked,
        spelled: &Spelled,
        input: &str,
        entry: Option<&str>,
        interrupt: &AtomicBool,
    ) -> Result<Flow, Reported> {
        let mut program = checked
            .compile()
            .map_err(|e| self.report(e, spelled, input))?;
        let _ = self.registry.link(&mut program);
        let init = program.function_named("runtime.main");
        let entry = entry.and_then(|name| program.function_named(name));
        self.ensure_session()?;
        let Some(session) = self.session.as_ref() else {
            unreachable!("the session was just started")
        };
        let appended = session.extend(&program, init).map_err(|err| {
            eprintln!("minigo: {err}");
            Reported
        })?;
        let first_line = spelled.input_parts.last().map_or(0, |(r, _)| {
            spelled
                .text
                .get(..r.start)
                .map_or(0, |t| t.matches('\n').count() + 1)
        });
        let moved =
            |f: Option<FuncIdx>| f.and_then(|f| appended.funcs.get(usize::from(f.0)).copied());
        if appended.new_globals
            && let Some(init) = moved(init)
        {
            let flow = self.finish(session.eval(init, interrupt), first_line);
            if flow != Flow::Continue(true) {
                return Ok(flow);
            }
        }
        match moved(entry) {
            Some(entry) => Ok(self.finish(session.eval(entry, interrupt), first_line)),
            None => Ok(Flow::Continue(true)),
        }
    }

    fn ensure_session(&mut self) -> Result<(), Reported> {
        if self.session.is_none() {
            let vm = Vm::new_growable(Program::default(), Config::default()).map_err(|err| {
                eprintln!("minigo: internal error: {err}");
                Reported
            })?;
            let output = Arc::clone(&self.output);
            let sink = Box::new(move |report: String| {
                output.flush();
                output.write(2, report.as_bytes());
            });
            let session = Session::start(&vm, self.workers, FILE_NAME, sink).map_err(|err| {
                eprintln!("minigo: cannot start the runtime: {err}");
                Reported
            })?;
            self.session = Some(session);
        }
        Ok(())
    }

    /// Reports how an evaluation ended; `first_line` is the session line where the input
    /// function's body starts.
    fn finish(&self, outcome: EvalOutcome, first_line: usize) -> Flow {
        self.output.flush();
        match outcome {
            EvalOutcome::Done => Flow::Continue(true),
            EvalOutcome::Panicked(report) | EvalOutcome::Deadlock(report) => {
                let report = localize(&report, first_line);
                self.output.write(2, report.as_bytes());
                Flow::Continue(false)
            }
            EvalOutcome::Interrupted => {
                self.output.write(2, b"interrupted\n");
                Flow::Continue(false)
            }
            EvalOutcome::Exited(code) => Flow::Exit(code),
            _ => Flow::Continue(false),
        }
    }

    /// The disassembly of every function named `main.NAME` (and its methods and literals).
    pub fn disasm(&self, name: &str) -> Option<String> {
        let vm = self.session.as_ref()?.vm();
        let program = vm.program.load();
        let want = format!("main.{name}");
        let mut out = String::new();
        // The latest version of a redefined function is the last one with its name.
        let mut seen = std::collections::HashSet::new();
        for f in program.functions.iter().rev() {
            let matches = f.name == want
                || f.name.starts_with(&format!("{want}."))
                || f.name.contains(&format!(".{name}."));
            if matches && seen.insert(f.name.clone()) {
                out.insert_str(0, &minigo_vm::disasm::function(&program, f));
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

/// The worker count: `GOMAXPROCS` or the cores, as `minigo run` uses.
fn minigo_runtime_workers() -> usize {
    rt::RunConfig::default().workers
}

/// The statements of the input function `name` in a checked spelling.
fn input_body<'a>(checked: &'a Checked, name: &str) -> &'a [minigo_lang::ast::Stmt] {
    checked
        .file
        .decls
        .iter()
        .find_map(|d| match d {
            Decl::Func(f) if f.name.name == name => f.body.as_ref().map(|b| b.stmts.as_slice()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Go's trace lines of the input function (`\trepl:N` under a `main.__input` frame) as
/// lines of what was typed (`\t<input>:M`).
fn localize(report: &str, first_line: usize) -> String {
    let mut out = String::with_capacity(report.len());
    let mut in_input = false;
    for line in report.split_inclusive('\n') {
        let at = line
            .strip_prefix('\t')
            .and_then(|l| l.strip_prefix(FILE_NAME))
            .and_then(|l| l.strip_prefix(':'))
            .and_then(|n| n.trim_end().parse::<usize>().ok());
        match at {
            Some(n) if in_input && n >= first_line => {
                out.push_str(&format!("\t<input>:{}\n", n - first_line + 1));
            }
            _ => out.push_str(line),
        }
        in_input = line.starts_with("main.__input");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_frames_point_into_the_input() {
        let report = "panic: boom\n\ngoroutine 4 [running]:\nmain.f(...)\n\trepl:5\nmain.__input2(...)\n\trepl:12\n";
        let want = "panic: boom\n\ngoroutine 4 [running]:\nmain.f(...)\n\trepl:5\nmain.__input2(...)\n\t<input>:3\n";
        assert_eq!(localize(report, 10), want);
    }
}
