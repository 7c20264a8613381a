//! A long-lived runtime for an interactive session: the runtime keeps running between
//! evaluations, so goroutines started by one input keep running while the user types the
//! next, and the program grows under them ([`Vm::prepare_extension`]).
//!
//! Owns: [`Session`] (start, extend, evaluate one function as a goroutine and wait for it,
//! interrupt, goroutine dump), [`EvalOutcome`], and the hooks `GoTask` calls in a session
//! (`Hooks`). Does not own: what is evaluated (the REPL builds the functions), nor where
//! output goes.
//!
//! How a session differs from `run_main`:
//! - No task is the runtime's main task, so no goroutine's end stops the runtime; the
//!   session waits for each evaluation's goroutine itself.
//! - A panic does not end the program: an evaluation's panic is its outcome, a background
//!   goroutine's is handed to the session's panic sink, and the goroutine ends.
//! - The session holds an external guard for its whole life, so the runtime never reports
//!   a deadlock; an evaluation is deadlocked when its goroutine has not finished, no task
//!   has run for [`QUIET`] and no timer is armed (Go's own condition, observed from
//!   outside).
//! - Ctrl-C marks the evaluation's goroutine cancelled; it ends at its next run (at the
//!   latest after one budget slice of a busy loop). A goroutine parked forever stays parked.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use minigo_runtime::{Config, ExternalGuard, Handle, Runtime};
use parking_lot::{Condvar, Mutex};

use super::GoTask;
use super::chans::RtChannels;
use super::run::{Sched, panic_outcome};
use crate::extend::{Appended, ExtendError};
use crate::goroutine::Goroutine;
use crate::op::FuncIdx;
use crate::panic::{Panic, PanicKind};
use crate::program::Program;
use crate::vm::Vm;

/// How long no task may run, with no timer armed, before a waiting evaluation is reported
/// as deadlocked.
const QUIET: Duration = Duration::from_millis(300);

/// How often the waiting host thread looks at the interrupt flag and for a deadlock.
const POLL: Duration = Duration::from_millis(10);

/// How one evaluation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EvalOutcome {
    /// The function returned.
    Done,
    /// It panicked; Go's report (message, blank line, goroutine trace).
    Panicked(String),
    /// It blocked with nothing left that could wake it; Go's deadlock report.
    Deadlock(String),
    /// The host interrupted it.
    Interrupted,
    /// It (or a goroutine) called `os.Exit(code)`.
    Exited(i32),
}

/// Where a background goroutine's panic report goes.
pub type PanicSink = Box<dyn Fn(String) + Send + Sync>;

/// What `GoTask` consults in a session.
pub(crate) struct Hooks {
    /// Task runs so far, to tell a quiet runtime from a busy one.
    activity: AtomicU64,
    waiting: Mutex<HashMap<u64, Option<EvalOutcome>>>,
    finished: Condvar,
    cancelled: Mutex<HashSet<u64>>,
    sink: PanicSink,
    file: String,
    /// Set by `os.Exit` in a background goroutine: the session should end.
    exit: Mutex<Option<i32>>,
}

impl Hooks {
    fn complete(&self, g: u64, outcome: EvalOutcome) -> bool {
        let mut waiting = self.waiting.lock();
        match waiting.get_mut(&g) {
            Some(slot) => {
                *slot = Some(outcome);
                self.finished.notify_all();
                true
            }
            None => false,
        }
    }
}

/// Called at the start of every run of a session task: counts the run, and says whether
/// the goroutine was interrupted (it then ends without running).
pub(crate) fn cancelled(task: &GoTask) -> bool {
    let Some(hooks) = task.sched.session.get() else {
        return false;
    };
    hooks.activity.fetch_add(1, Ordering::Relaxed);
    if hooks.cancelled.lock().remove(&task.g.id) {
        hooks.complete(task.g.id, EvalOutcome::Interrupted);
        return true;
    }
    false
}

/// Called when a session task's goroutine returned.
pub(crate) fn finished(task: &GoTask) {
    if let Some(hooks) = task.sched.session.get() {
        hooks.complete(task.g.id, EvalOutcome::Done);
    }
}

/// What a panicking task becomes: outside a session the panic ends the program; inside,
/// the report goes to the evaluation or the sink and only the goroutine ends.
pub(crate) fn panicked(task: &GoTask, p: Box<Panic>) -> minigo_runtime::Exit<Box<Panic>> {
    let Some(hooks) = task.sched.session.get() else {
        return minigo_runtime::Exit::Panic(p);
    };
    let outcome = match p.kind {
        PanicKind::Exit(code) => EvalOutcome::Exited(code),
        _ => EvalOutcome::Panicked(panic_outcome(&p, &hooks.file).report),
    };
    if !hooks.complete(task.g.id, outcome.clone()) {
        match outcome {
            EvalOutcome::Exited(code) => *hooks.exit.lock() = Some(code),
            EvalOutcome::Panicked(report) => (hooks.sink)(report),
            _ => {}
        }
    }
    minigo_runtime::Exit::Done
}

/// A runtime that outlives evaluations, over one growable VM.
pub struct Session {
    vm: Arc<Vm>,
    sched: Arc<Sched>,
    hooks: Arc<Hooks>,
    handle: Handle<GoTask>,
    _external: ExternalGuard<GoTask>,
    // Dropped last: joins the workers.
    _runtime: Runtime<GoTask>,
}

impl Session {
    /// Starts `workers` worker threads for `vm` (made with `Vm::new_growable`). `file` is
    /// the name stack traces print; `sink` receives background goroutines' panic reports.
    ///
    /// # Errors
    /// The OS error when a thread cannot be started.
    pub fn start(
        vm: &Arc<Vm>,
        workers: usize,
        file: &str,
        sink: PanicSink,
    ) -> std::io::Result<Session> {
        vm.set_channels(Arc::new(RtChannels));
        let config = Config {
            workers: workers.max(1),
            ..Config::default()
        };
        let sched = Sched::new(config.workers, None, 0);
        let hooks = Arc::new(Hooks {
            activity: AtomicU64::new(0),
            waiting: Mutex::new(HashMap::new()),
            finished: Condvar::new(),
            cancelled: Mutex::new(HashSet::new()),
            sink,
            file: file.to_string(),
            exit: Mutex::new(None),
        });
        let _ = sched.session.set(Arc::clone(&hooks));
        let runtime = Runtime::new(config)?;
        let handle = runtime.handle();
        sched.set_handle(handle.clone());
        let external = handle.external();
        Ok(Session {
            vm: Arc::clone(vm),
            sched,
            hooks,
            handle,
            _external: external,
            _runtime: runtime,
        })
    }

    /// The VM.
    pub fn vm(&self) -> &Arc<Vm> {
        &self.vm
    }

    /// Appends `program` to the running one with the world stopped (see `extend`).
    ///
    /// # Errors
    /// As [`Vm::prepare_extension`].
    pub fn extend(
        &self,
        program: &Program,
        init: Option<FuncIdx>,
    ) -> Result<Appended, ExtendError> {
        let ext = self.vm.prepare_extension(program, init)?;
        let appended = Appended {
            funcs: ext.funcs.clone(),
            new_globals: ext.new_globals,
        };
        let world = self.handle.stop_the_world();
        // SAFETY: the world is stopped, so no goroutine of the VM runs, and `ext` was just
        // prepared from the current program (the session is the only extender).
        unsafe { self.vm.install(ext) };
        drop(world);
        Ok(appended)
    }

    /// Runs `func` (no arguments, no results) as a new goroutine and waits until it ends,
    /// deadlocks, or `interrupt` is set.
    pub fn eval(&self, func: FuncIdx, interrupt: &AtomicBool) -> EvalOutcome {
        let g = match Goroutine::new(&self.vm, func, &[]) {
            Ok(g) => g,
            Err(_) => {
                return EvalOutcome::Panicked("runtime: goroutine stack exceeds limit\n".into());
            }
        };
        let id = g.id;
        self.hooks.waiting.lock().insert(id, None);
        self.handle.spawn(GoTask::new(g, &self.sched));
        let outcome = self.wait(id, interrupt);
        self.hooks.waiting.lock().remove(&id);
        outcome
    }

    fn wait(&self, id: u64, interrupt: &AtomicBool) -> EvalOutcome {
        let mut quiet_since: Option<(Instant, u64)> = None;
        let mut waiting = self.hooks.waiting.lock();
        loop {
            if let Some(Some(outcome)) = waiting.get(&id) {
                return outcome.clone();
            }
            if interrupt.swap(false, Ordering::SeqCst) {
                self.hooks.cancelled.lock().insert(id);
                // A parked goroutine may never run again; the evaluation ends now either way.
                return EvalOutcome::Interrupted;
            }
            let runs = self.hooks.activity.load(Ordering::Relaxed);
            let armed = self.handle.timers().armed() > 0;
            quiet_since = match quiet_since {
                Some((t, n)) if n == runs && !armed => {
                    if t.elapsed() >= QUIET {
                        drop(waiting);
                        return EvalOutcome::Deadlock(self.deadlock_report());
                    }
                    Some((t, n))
                }
                _ => Some((Instant::now(), runs)),
            };
            self.hooks.finished.wait_for(&mut waiting, POLL);
        }
    }

    fn deadlock_report(&self) -> String {
        let mut report = String::from("fatal error: all goroutines are asleep - deadlock!\n");
        report.push_str(&self.goroutines());
        report
    }

    /// Go's dump of every goroutine that is not running: `goroutine N [reason]:` and its
    /// frames.
    pub fn goroutines(&self) -> String {
        let mut report = String::new();
        let file = &self.hooks.file;
        let mut world = self.handle.stop_the_world();
        world.for_each_task(|_, task| {
            let g = task.goroutine();
            let _ = write!(report, "\ngoroutine {} [{}]:\n", g.id, task.wait_reason());
            for frame in g.stack_trace() {
                let _ = write!(report, "{}(...)\n\t{file}:{}\n", frame.function, frame.line);
            }
        });
        drop(world);
        report
    }

    /// The exit code a background goroutine asked for with `os.Exit`, if any.
    pub fn exit_requested(&self) -> Option<i32> {
        *self.hooks.exit.lock()
    }

    /// The number of live goroutines.
    pub fn num_goroutines(&self) -> usize {
        self.handle.num_tasks()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.sched.shut_down();
    }
}
