//! Running a program to its end on the M:N runtime, and Go's report of how it ended: the
//! exit status and the text for standard error (panic and goroutine dump, deadlock dump,
//! fatal errors). Also the stop-the-world collection a task starts when the heap asks.
//!
//! Owns: [`RunConfig`], [`RunOutcome`], [`run_main`], the per-program scheduler state
//! `Sched`, and `collect_from_task`. Does not own: writing the report (the caller flushes
//! standard output first, then writes [`RunOutcome::report`] to standard error), nor the
//! texts of panics (`panic`).
//!
//! Invariants:
//! - The program ends when the main goroutine returns, whatever the others do; their
//!   bodies are dropped with the runtime.
//! - A collection runs only with every other worker stopped between task runs, and with the
//!   collector's gate held, so no timer thread allocates while it sweeps.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use minigo_runtime::{Config, Context, Handle, Outcome, Runtime};
use parking_lot::{Mutex, RwLock};

use super::GoTask;
use super::chans::RtChannels;
use super::control::RunControl;
use super::natives::TimerEntry;
use crate::goroutine::Goroutine;
use crate::panic::{Panic, PanicKind};
use crate::vm::Vm;

/// How to run a program.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// Worker threads (GOMAXPROCS); at least 1.
    pub workers: usize,
    /// The seed of every scheduling decision; `None` draws one from the clock.
    pub seed: Option<u64>,
    /// Instructions (calls and backward jumps) a goroutine runs before it yields.
    pub budget: u32,
    /// The source path printed in stack traces (`\tFILE:LINE`).
    pub file: String,
    /// The host's limits and stop switch for this run (`None`: unlimited).
    pub control: Option<Arc<RunControl>>,
}

impl Default for RunConfig {
    /// Workers from `GOMAXPROCS` or the available cores.
    fn default() -> RunConfig {
        let rt = Config::default();
        RunConfig {
            workers: rt.workers,
            seed: None,
            budget: rt.budget,
            file: "main.go".into(),
            control: None,
        }
    }
}

/// How a program ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    /// The process exit status: 0, 2 for a panic, deadlock or fatal error, `n` for
    /// `os.Exit(n)`.
    pub exit_code: i32,
    /// What Go writes to standard error (empty when the program ended normally).
    pub report: String,
}

/// The scheduler state one program's goroutines share.
pub(crate) struct Sched {
    handle: Mutex<Option<Handle<GoTask>>>,
    /// Started timers by handle (`time.startTimer`'s result).
    pub(crate) timers: Mutex<HashMap<i64, TimerEntry>>,
    next_timer: AtomicI64,
    /// Held for writing by a collection and for reading by threads that allocate outside
    /// a task run (timer callbacks), which the world stop does not pause.
    pub(crate) gc_gate: RwLock<()>,
    /// The worker threads the run started with. The runtime owns the live count
    /// (`Handle::set_workers`); this is `runtime.GOMAXPROCS`'s answer once the runtime is gone.
    pub(crate) workers: std::sync::atomic::AtomicUsize,
    /// The state of every `sync` primitive in use.
    pub(crate) sync: super::sync::SyncTable,
    /// The addresses of the goroutines whose tasks are inside `collect_from_task`: a task
    /// waiting there for another task's stop stays RUNNING, so the world stop does not
    /// visit it, and its goroutine must be added as a root from here.
    collecting: Mutex<Vec<usize>>,
    /// The host's limits for this run.
    pub(crate) control: Option<Arc<RunControl>>,
    /// The main goroutine's id, and its results once it returned (for host calls).
    main: (u64, Mutex<Option<Vec<u64>>>),
    /// Set in an interactive session (`session`): panics and ends are reported there.
    pub(crate) session: std::sync::OnceLock<Arc<super::session::Hooks>>,
}

impl Sched {
    pub(crate) fn new(
        workers: usize,
        control: Option<Arc<RunControl>>,
        main_goroutine: u64,
    ) -> Arc<Sched> {
        Arc::new(Sched {
            handle: Mutex::new(None),
            timers: Mutex::new(HashMap::new()),
            next_timer: AtomicI64::new(1),
            gc_gate: RwLock::new(()),
            workers: std::sync::atomic::AtomicUsize::new(workers),
            sync: super::sync::SyncTable::default(),
            collecting: Mutex::new(Vec::new()),
            control,
            main: (main_goroutine, Mutex::new(None)),
            session: std::sync::OnceLock::new(),
        })
    }

    /// Keeps the results of goroutine `g` if it is the main one.
    pub(crate) fn finished(&self, g: &mut Goroutine) {
        if g.id == self.main.0 {
            *self.main.1.lock() = Some(std::mem::take(&mut g.results));
        }
    }

    /// Installs the runtime's handle (natives spawn and arm timers through it).
    pub(crate) fn set_handle(&self, handle: Handle<GoTask>) {
        *self.handle.lock() = Some(handle);
    }

    /// The runtime's handle while the program runs.
    pub(crate) fn handle(&self) -> Option<Handle<GoTask>> {
        self.handle.lock().clone()
    }

    /// A fresh timer handle.
    pub(crate) fn next_timer_id(&self) -> i64 {
        self.next_timer.fetch_add(1, Ordering::Relaxed)
    }

    /// Breaks the cycles between the runtime, timers and tasks once the program ended.
    pub(crate) fn shut_down(&self) {
        self.handle.lock().take();
        // Dropping the entries is enough: the timer thread has stopped, and stopping them
        // would drain channels the collector may already have freed.
        drop(std::mem::take(&mut *self.timers.lock()));
    }
}

/// Runs the program's entry (`runtime.main`, which initializes the packages and calls
/// `main.main`; or `main.main` itself) on a fresh M:N runtime until it ends, and says how,
/// with Go's report for standard error.
///
/// # Panics
/// Never for program behaviour; if the OS cannot start a thread, the outcome is a fatal
/// error report instead.
///
/// # Examples
/// ```
/// use minigo_vm::op::{Op, Reg};
/// use minigo_vm::rt::{RunConfig, run_main};
/// use minigo_vm::{Config, Function, Program, Vm};
///
/// let main = Function {
///     name: "main.main".into(),
///     code: vec![Op::Return { src: Reg(0), n: 0 }].into(),
///     n_regs: 1,
///     ..Function::default()
/// };
/// let vm = Vm::new(Program { functions: vec![main], ..Program::default() }, Config::default())?;
/// let out = run_main(&vm, RunConfig { workers: 1, ..RunConfig::default() });
/// assert_eq!((out.exit_code, out.report.as_str()), (0, ""));
/// # Ok::<(), minigo_vm::verify::VerifyError>(())
/// ```
pub fn run_main(vm: &Arc<Vm>, config: RunConfig) -> RunOutcome {
    vm.set_channels(Arc::new(RtChannels));
    let entry = vm.program.function_named("runtime.main");
    let Some(entry) = entry.or_else(|| vm.program.function_named("main.main")) else {
        return fatal("no main.main function");
    };
    let main = match Goroutine::new(vm, entry, &[]) {
        Ok(g) => g,
        Err(o) => return panic_outcome(&stack_overflow(o.limit), &config.file),
    };
    run_goroutine(vm, main, config).0
}

/// Runs `main` (a goroutine of `vm`, fresh or stopped part-way by `exec::run`) as the main
/// goroutine on a fresh M:N runtime until the run ends; returns how it ended and, when it
/// returned normally, its results. This is how a host calls one script function.
pub fn run_goroutine(
    vm: &Arc<Vm>,
    main: Goroutine,
    config: RunConfig,
) -> (RunOutcome, Option<Vec<u64>>) {
    vm.set_channels(Arc::new(RtChannels));
    let mut rt_config = Config {
        workers: config.workers.max(1),
        budget: config.budget.max(1),
        ..Config::default()
    };
    if let Some(seed) = config.seed {
        rt_config.seed = seed;
    }
    let sched = Sched::new(rt_config.workers, config.control.clone(), main.id);
    let mut runtime = match Runtime::new(rt_config) {
        Ok(rt) => rt,
        Err(err) => return (fatal(&format!("cannot start worker threads: {err}")), None),
    };
    let handle = runtime.handle();
    *sched.handle.lock() = Some(handle.clone());
    if let Some(control) = &config.control {
        control.attach(&handle, &sched, vm);
    }
    drop(handle);
    let outcome = runtime.run(GoTask::new(main, &sched));
    if let Some(control) = &config.control {
        control.detach();
    }
    let res = match outcome {
        Outcome::Completed => RunOutcome {
            exit_code: 0,
            report: String::new(),
        },
        Outcome::Panicked { payload, .. } => panic_outcome(&payload, &config.file),
        Outcome::Deadlock { .. } => deadlock_outcome(&mut runtime, &config.file),
        Outcome::Crashed { message, .. } => fatal(&format!("internal error: {message}")),
        _ => fatal("unexpected end of the program"),
    };
    sched.shut_down();
    let results = sched.main.1.lock().take();
    (res, results)
}

fn stack_overflow(limit: usize) -> Panic {
    Panic {
        kind: PanicKind::StackOverflow { limit },
        repanicked: false,
        earlier: Vec::new(),
        stack: Vec::new(),
        goroutine: 1,
    }
}

fn fatal(message: &str) -> RunOutcome {
    RunOutcome {
        exit_code: 2,
        report: format!("fatal error: {message}\n"),
    }
}

/// Go's report of a goroutine that died of a panic or a fatal error.
pub fn panic_outcome(p: &Panic, file: &str) -> RunOutcome {
    if let PanicKind::Exit(code) = p.kind {
        return RunOutcome {
            exit_code: code,
            report: String::new(),
        };
    }
    // Go leaves a blank line between the panic (or fatal error) and the goroutine dump.
    let mut report = p.to_string();
    report.push_str("\n\n");
    report.push_str(&p.stack_dump(file));
    RunOutcome {
        exit_code: 2,
        report,
    }
}

/// Go's deadlock report: the fatal error, a blank line, then every goroutine's dump.
fn deadlock_outcome(runtime: &mut Runtime<GoTask>, file: &str) -> RunOutcome {
    let mut report = String::from("fatal error: all goroutines are asleep - deadlock!\n");
    runtime.for_each_task(|_, _, task| {
        let g = task.goroutine();
        let _ = write!(report, "\ngoroutine {} [{}]:\n", g.id, task.wait_reason());
        for frame in g.stack_trace() {
            let _ = write!(report, "{}(...)\n\t{file}:{}\n", frame.function, frame.line);
        }
    });
    RunOutcome {
        exit_code: 2,
        report,
    }
}

/// Stops the world from inside `me`'s run and collects garbage, unless another task
/// collected while this one waited for the stop.
pub(crate) fn collect_from_task(cx: &Context<'_, GoTask>, me: &Goroutine, sched: &Sched) {
    let me_addr = std::ptr::from_ref(me) as usize;
    sched.collecting.lock().push(me_addr);
    let world = cx.stop_the_world();
    let mut collecting = sched.collecting.lock();
    collecting.retain(|&g| g != me_addr);
    let waiting: Vec<usize> = collecting.clone();
    drop(collecting);
    if me.vm().heap.wants_gc() {
        collect_stopped(world, me, &waiting, sched);
    }
}

/// Collects with the world stopped: the roots are `me`, every task's goroutine, and the
/// goroutines of tasks waiting in `collect_from_task` (`waiting`, by address).
fn collect_stopped(
    mut world: minigo_runtime::WorldStopped<'_, GoTask>,
    me: &Goroutine,
    waiting: &[usize],
    sched: &Sched,
) {
    let vm = Arc::clone(me.vm());
    let mut others: Vec<*const Goroutine> =
        waiting.iter().map(|&g| g as *const Goroutine).collect();
    world.for_each_task(|_, task| others.push(std::ptr::from_ref(&task.g)));
    // SAFETY: the world stays stopped while `world` lives, so no worker runs or frees the
    // tasks whose goroutines were gathered; a task in `waiting` is blocked inside its own
    // `collect_from_task` (its worker counted as stopped) until this stop ends, and removes
    // itself from the list only after that. All are only read below.
    let mut roots: Vec<&Goroutine> = others.iter().map(|&g| unsafe { &*g }).collect();
    roots.push(me);
    let writing = sched.gc_gate.write();
    // SAFETY: every other worker is stopped between task runs or waiting in
    // `collect_from_task`, the timer thread cannot allocate while the gate is held, and
    // `roots` holds every unfinished goroutine: the running one, the waiting ones, every
    // task's (with the goroutines it spawned and has not handed over).
    unsafe { vm.collect(&roots) };
    drop(writing);
    drop(world);
}
