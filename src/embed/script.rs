//! A compiled [`Script`]: running its `main`, calling its functions with typed arguments
//! and results, making channels the host holds, and stopping a run ([`CancelHandle`]).
//!
//! Owns: the script's VM instance (its heap and globals persist across calls), the run
//! lock, the watchdog that enforces a deadline, and the fast path of a call. Does not own:
//! the scheduler (`minigo_vm::rt`), conversions (`convert`), limits' bookkeeping
//! (`minigo_vm::rt::RunControl`).
//!
//! How a call runs: the function starts on a fresh goroutine on the calling thread and runs
//! for one scheduling slice; most calls end there, costing no thread hand-off. A call that
//! blocks, spawns goroutines that must run, or runs longer is handed, mid-flight, to a
//! fresh M:N runtime as its main goroutine. As with Go's `main`, goroutines a call started
//! are dropped when it returns.
//!
//! Invariants:
//! - One run at a time per script (the run lock): the heap is collected only by the run's
//!   own runtime, and the host reads result words after the run, before the next.
//! - After a run that failed, the run's garbage is collected at once (nothing but globals,
//!   pinned channels and constants survives), so a limit hit releases its memory.

use std::collections::HashMap;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use minigo_vm::op::FuncIdx;
use minigo_vm::rt::{self, LimitHit, RunConfig, RunControl, RunOutcome};
use minigo_vm::{Exit, Goroutine, Vm};
use parking_lot::{Condvar, Mutex};

use super::chan::{ChanElem, Channel};
use super::convert::{self, Ty};
use super::engine::EngineShared;
use super::error::{Error, Limit, classify};
use super::host::HostPackages;
use super::value::{FromValue, IntoArgs, Value};

/// The budget of a call's first slice on the calling thread.
const FAST_SLICE: u32 = 10_000;

/// A package-level function's signature, as calls check it.
#[derive(Clone, Debug)]
pub(crate) struct FuncSig {
    pub(crate) idx: FuncIdx,
    pub(crate) params: Vec<Ty>,
    pub(crate) results: Vec<Ty>,
    pub(crate) variadic: bool,
}

/// The state a script keeps between runs.
struct Instance {
    /// Whether package initialization ran (by `run_main` or before the first call).
    initialized: bool,
}

struct ScriptShared {
    engine: Arc<EngineShared>,
    vm: Arc<Vm>,
    funcs: HashMap<String, FuncSig>,
    init: FuncIdx,
    file: String,
    control: Arc<RunControl>,
    host: HostPackages,
    instance: Mutex<Instance>,
}

/// A compiled script with its own heap and globals, from [`super::Engine::compile`].
/// `Send + Sync`: calls from several threads take turns (one run at a time per script);
/// separate scripts run in parallel.
///
/// # Examples
/// ```
/// use minigo::embed::Engine;
/// let script = Engine::new().compile("count.go", r#"
/// var n int
/// func Next() int { n++; return n }
/// "#)?;
/// assert_eq!(script.call::<i64>("Next", ())?, 1);
/// assert_eq!(script.call::<i64>("Next", ())?, 2);
/// # Ok::<(), minigo::embed::Error>(())
/// ```
#[derive(Clone)]
pub struct Script {
    shared: Arc<ScriptShared>,
}

impl std::fmt::Debug for Script {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Script")
            .field("file", &self.shared.file)
            .finish_non_exhaustive()
    }
}

/// Stops a script's run from another thread; from [`Script::cancel_handle`].
///
/// The run ends with [`Error::Cancelled`] at its goroutines' next scheduling point (at
/// most one slice of about 10,000 instructions), or at once if they are all blocked.
///
/// # Examples
/// ```
/// use std::time::Duration;
/// use minigo::embed::{Engine, Error};
/// let script = Engine::new().compile("spin.go", "func main() { for {} }")?;
/// let cancel = script.cancel_handle();
/// std::thread::spawn(move || {
///     std::thread::sleep(Duration::from_millis(20));
///     cancel.cancel();
/// });
/// assert!(matches!(script.run_main(), Err(Error::Cancelled)));
/// # Ok::<(), Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CancelHandle {
    control: Arc<RunControl>,
}

impl CancelHandle {
    /// Ends the run in progress, if any.
    pub fn cancel(&self) {
        self.control.stop(LimitHit::Cancelled);
    }
}

impl Script {
    pub(crate) fn new(
        engine: Arc<EngineShared>,
        vm: Arc<Vm>,
        funcs: HashMap<String, FuncSig>,
        init: FuncIdx,
        file: String,
        host: HostPackages,
    ) -> Script {
        let limits = &engine.limits;
        let control = RunControl::new(
            limits.max_instructions,
            limits.max_goroutines,
            limits.max_heap_bytes,
        );
        vm.set_channels(Arc::new(rt::RtChannels));
        Script {
            shared: Arc::new(ScriptShared {
                engine,
                vm,
                funcs,
                init,
                file,
                control: Arc::new(control),
                host,
                instance: Mutex::new(Instance { initialized: false }),
            }),
        }
    }

    /// Runs the script's `main` (after initializing its packages) to its end.
    ///
    /// # Errors
    /// How the run failed: a panic, a deadlock, a limit, a cancel, `os.Exit(n)` with
    /// `n != 0`.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("m.go", "func main() { println(\"hi\") }")?;
    /// script.run_main()?;
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn run_main(&self) -> Result<(), Error> {
        let mut instance = self.shared.instance.lock();
        let entry = self.shared.vm.program.function_named("runtime.main");
        let entry = entry.unwrap_or(self.shared.init);
        let res = self.run_function(entry, &[]).map(drop);
        instance.initialized = true;
        res
    }

    /// Calls the package-level function `name` with `args` (a tuple of [`super::IntoValue`]
    /// types, or `()`), and converts its results: none to `()`, one to `R`, several to a
    /// tuple (or `Result<T, HostError>` for a `(T, error)` pair). Package initialization
    /// runs before the first call.
    ///
    /// # Errors
    /// [`Error::NoSuchFunction`], [`Error::Type`] when an argument or the result does not
    /// match the function's types, or how the run failed.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("s.go", r#"
    /// import "strings"
    /// func Shout(words []string) string { return strings.ToUpper(strings.Join(words, " ")) }
    /// "#)?;
    /// let out: String = script.call("Shout", (vec!["hi", "there"],))?;
    /// assert_eq!(out, "HI THERE");
    /// assert!(script.call::<i64>("Shout", (1,)).is_err());
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn call<R: FromValue>(&self, name: &str, args: impl IntoArgs) -> Result<R, Error> {
        let args = args.into_args();
        let sig = self
            .shared
            .funcs
            .get(name)
            .ok_or_else(|| Error::NoSuchFunction(name.to_string()))?;
        if sig.variadic || sig.params.len() != args.len() {
            return Err(Error::Type(format!(
                "{name} takes {} arguments, got {}",
                sig.params.len(),
                args.len()
            )));
        }
        let mut instance = self.shared.instance.lock();
        if !instance.initialized {
            self.run_function(self.shared.init, &[])?;
            instance.initialized = true;
        }
        let vm = &self.shared.vm;
        let words = sig
            .params
            .iter()
            .zip(&args)
            .map(|(ty, v)| convert::to_word(vm, ty, v))
            .collect::<Result<Vec<u64>, Error>>()?;
        // The arguments' channel ends are dropped before the run: the goroutine's registers
        // keep the channels alive, and a script waiting on a channel nobody else holds is
        // then reported as a deadlock.
        drop(args);
        let results = self.run_function(sig.idx, &words)?;
        let mut values = sig
            .results
            .iter()
            .zip(&results)
            .map(|(ty, &w)| convert::from_word(vm, ty, w))
            .collect::<Result<Vec<Value>, Error>>()?;
        drop(instance);
        let value = match values.len() {
            0 => Value::Nil,
            1 => values.pop().unwrap_or(Value::Nil),
            _ => Value::List(values),
        };
        R::from_value(value)
    }

    /// The names of the script's package-level functions, sorted.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("f.go", "func B() {}\nfunc A() {}")?;
    /// assert_eq!(script.functions(), ["A", "B", "main"]);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn functions(&self) -> Vec<String> {
        let mut names: Vec<String> = self.shared.funcs.keys().cloned().collect();
        names.sort();
        names
    }

    /// A new channel of this script (`make(chan T, cap)`) held by the host; pass it to a
    /// script function as an argument. Make channels before the call that uses them: this
    /// waits until no run of the script is in progress.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let ch = script.channel::<i64>(4);
    /// ch.send(1)?;
    /// assert_eq!(ch.recv(), Some(1));
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn channel<T: ChanElem>(&self, cap: usize) -> Channel<T> {
        // The channel object is allocated in the heap, which a run in progress may be
        // collecting: wait for the run lock.
        let _instance = self.shared.instance.lock();
        let vm = &self.shared.vm;
        let chans = rt::RtChannels;
        let cap = i64::try_from(cap).unwrap_or(i64::MAX).min(1 << 39);
        let word = match minigo_vm::chan::Channels::make(&chans, &vm.heap, false, cap) {
            Ok(word) => word,
            Err(_) => unreachable!("a capacity below 2^40 is always accepted"),
        };
        Channel::new(vm, word, &self.shared.control)
    }

    /// A handle that stops this script's runs from another thread.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let handle = script.cancel_handle();
    /// handle.cancel(); // no run in progress: the next run starts afresh
    /// script.run_main()?;
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle {
            control: Arc::clone(&self.shared.control),
        }
    }

    /// The script's heap statistics: live bytes and collections so far.
    ///
    /// # Examples
    /// ```
    /// let script = minigo::embed::Engine::new().compile("c.go", "func main() {}")?;
    /// let (live, _collections) = script.heap_stats();
    /// assert!(live > 0);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn heap_stats(&self) -> (u64, u32) {
        let stats = self.shared.vm.heap.stats();
        (stats.heap_alloc, stats.num_gc)
    }

    /// Runs `func(args)` to its end (the run lock is held); its result words.
    fn run_function(&self, func: FuncIdx, args: &[u64]) -> Result<Vec<u64>, Error> {
        let shared = &self.shared;
        shared.control.reset();
        let vm = &shared.vm;
        let g = Goroutine::new(vm, func, args).map_err(|_| Error::Limit(Limit::Stack))?;
        let res = match self.fast_slice(g) {
            Ok(results) => Ok(results),
            Err(FastExit::Failed(outcome)) => {
                classify(outcome, shared.control.hit()).map(|()| Vec::new())
            }
            Err(FastExit::Continue(g)) => self.run_on_runtime(*g),
        };
        shared.engine.output.flush();
        if res.is_err() || vm.heap.wants_gc() {
            // SAFETY: no run is in progress (the run lock is held and the runtime of the
            // last run has stopped and dropped its goroutines), so nothing but the VM's own
            // roots and pinned words is live.
            unsafe { vm.collect(&[]) };
        }
        res
    }

    /// Runs the first slice on this thread.
    fn fast_slice(&self, mut g: Goroutine) -> Result<Vec<u64>, FastExit> {
        let control = &self.shared.control;
        let slice = control.max_instructions.map_or(FAST_SLICE, |max| {
            FAST_SLICE.min(u32::try_from(max).unwrap_or(u32::MAX))
        });
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let exit = minigo_vm::run(&mut g, slice);
            (exit, g)
        }));
        let Ok((exit, mut g)) = run else {
            return Err(FastExit::Failed(fatal(
                "internal error: the interpreter failed",
            )));
        };
        let too_many = control
            .max_goroutines
            .is_some_and(|max| g.spawned.len() + 1 > max);
        if too_many {
            control.record(LimitHit::Goroutines);
            return Err(FastExit::Failed(fatal("goroutine limit")));
        }
        match exit {
            Exit::Done => Ok(std::mem::take(&mut g.results)),
            Exit::Panic(p) => Err(FastExit::Failed(rt::panic_outcome(&p, &self.shared.file))),
            Exit::Yield => {
                if !control.charge(slice) {
                    return Err(FastExit::Failed(fatal("instruction budget")));
                }
                Err(FastExit::Continue(Box::new(g)))
            }
            Exit::Park(_) => Err(FastExit::Continue(Box::new(g))),
        }
    }

    /// Hands `g` to a fresh runtime as its main goroutine, with the watchdog of a deadline.
    fn run_on_runtime(&self, g: Goroutine) -> Result<Vec<u64>, Error> {
        let shared = &self.shared;
        let config = RunConfig {
            workers: shared.engine.workers,
            file: shared.file.clone(),
            control: Some(Arc::clone(&shared.control)),
            ..RunConfig::default()
        };
        let watchdog = shared
            .engine
            .limits
            .deadline
            .map(|d| Watchdog::start(Arc::clone(&shared.control), d));
        let (outcome, results) = rt::run_goroutine(&shared.vm, g, config);
        drop(watchdog);
        shared.host.end_run();
        classify(outcome, shared.control.hit())?;
        Ok(results.unwrap_or_default())
    }
}

/// How the first slice of a call ended, when it did not return.
enum FastExit {
    /// It failed; the outcome says how.
    Failed(RunOutcome),
    /// It must go on under the scheduler.
    Continue(Box<Goroutine>),
}

fn fatal(message: &str) -> RunOutcome {
    RunOutcome {
        exit_code: 2,
        report: format!("fatal error: {message}\n"),
    }
}

/// Stops a run when its deadline passes; dropping it (the run ended) stops the thread.
struct Watchdog {
    done: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    fn start(control: Arc<RunControl>, deadline: Duration) -> Watchdog {
        let done = Arc::new((Mutex::new(false), Condvar::new()));
        let flag = Arc::clone(&done);
        let thread = std::thread::Builder::new()
            .name("minigo-deadline".into())
            .spawn(move || {
                let (lock, cv) = &*flag;
                let mut finished = lock.lock();
                let timeout = std::time::Instant::now() + deadline;
                while !*finished {
                    if cv.wait_until(&mut finished, timeout).timed_out() {
                        control.stop(LimitHit::Deadline);
                        return;
                    }
                }
            })
            .ok();
        Watchdog { done, thread }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, cv) = &*self.done;
        *lock.lock() = true;
        cv.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
