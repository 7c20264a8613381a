//! Building an [`Engine`]: worker threads, output sinks, which standard packages scripts
//! may import, host packages, and sandbox [`Limits`].
//!
//! Owns: [`EngineBuilder`], [`Limits`], [`PackagePolicy`], [`PackageBuilder`]. Does not own:
//! compiling or running (`engine`, `script`).
//!
//! Invariant: an engine's settings are fixed once built, except host packages, which may be
//! added later and apply to the scripts compiled after them.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use minigo_stdlib::natives::Output;

use super::engine::{Engine, EngineShared};
use super::host::{HostAsyncFn, HostFn, HostPackages};

/// Sandbox limits applied to every run of a script (`run_main`, each `call`).
///
/// A limit hit ends the run with [`super::Error::Limit`] naming it, frees the run's
/// garbage, and leaves the script and the engine usable.
///
/// # Examples
/// ```
/// use minigo::embed::Limits;
/// let limits = Limits { max_goroutines: Some(100), ..Limits::default() };
/// assert_eq!(limits.max_instructions, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// Calls and backward jumps one run may execute, counted in scheduling slices of about
    /// 10,000 (so a run may overshoot by one slice per worker).
    pub max_instructions: Option<u64>,
    /// Wall-clock time one run may take.
    pub deadline: Option<Duration>,
    /// Goroutines alive at once, the calling one included.
    pub max_goroutines: Option<usize>,
    /// Live heap bytes after a collection.
    pub max_heap_bytes: Option<usize>,
    /// The largest a goroutine's stack may grow, in bytes (Go's default is 1 GB; minigo's
    /// is the VM's default).
    pub max_stack_bytes: Option<usize>,
}

/// Which standard packages scripts may import. Host packages are always importable.
///
/// # Examples
/// ```
/// use minigo::embed::PackagePolicy;
/// let policy = PackagePolicy::default();
/// assert!(!policy.allows("os"));
/// assert!(policy.allows("fmt"));
/// assert!(PackagePolicy::Only(vec!["fmt".into()]).allows("fmt"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackagePolicy {
    /// Every standard package except these (the default denies `os`).
    AllExcept(Vec<String>),
    /// Only these standard packages.
    Only(Vec<String>),
}

impl Default for PackagePolicy {
    /// Everything except `os`: embedded scripts do not reach the host process by default.
    fn default() -> PackagePolicy {
        PackagePolicy::AllExcept(vec!["os".into()])
    }
}

impl PackagePolicy {
    /// Whether a script may import `path`.
    ///
    /// # Examples
    /// ```
    /// let deny = minigo::embed::PackagePolicy::AllExcept(vec!["time".into()]);
    /// assert!(!deny.allows("time"));
    /// ```
    pub fn allows(&self, path: &str) -> bool {
        match self {
            PackagePolicy::AllExcept(denied) => !denied.iter().any(|p| p == path),
            PackagePolicy::Only(allowed) => allowed.iter().any(|p| p == path),
        }
    }
}

/// Builds an [`Engine`].
///
/// # Examples
/// ```
/// use minigo::embed::{Captured, Engine};
/// let out = Captured::default();
/// let engine = Engine::builder().workers(2).stdout(out.clone()).build();
/// engine.compile("hi.go", "import \"fmt\"\nfunc main() { fmt.Println(\"hi\") }")?.run_main()?;
/// assert_eq!(out.text(), "hi\n");
/// # Ok::<(), minigo::embed::Error>(())
/// ```
pub struct EngineBuilder {
    workers: usize,
    stdout: Box<dyn Write + Send>,
    stderr: Box<dyn Write + Send>,
    policy: PackagePolicy,
    limits: Limits,
    host: HostPackages,
}

impl Default for EngineBuilder {
    fn default() -> EngineBuilder {
        EngineBuilder {
            workers: 1,
            stdout: Box::new(std::io::stdout()),
            stderr: Box::new(std::io::stderr()),
            policy: PackagePolicy::default(),
            limits: Limits::default(),
            host: HostPackages::default(),
        }
    }
}

impl EngineBuilder {
    /// Worker threads a run uses (GOMAXPROCS); at least 1, the default.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::builder().workers(4).build();
    /// # drop(engine);
    /// ```
    pub fn workers(mut self, n: usize) -> EngineBuilder {
        self.workers = n.max(1);
        self
    }

    /// Where scripts' standard output goes (the process's by default); pass a
    /// [`super::Captured`] to collect it.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::builder().stdout(std::io::sink()).build();
    /// # drop(engine);
    /// ```
    pub fn stdout(mut self, sink: impl Write + Send + 'static) -> EngineBuilder {
        self.stdout = Box::new(sink);
        self
    }

    /// Where scripts' standard error goes (the process's by default).
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::builder().stderr(std::io::sink()).build();
    /// # drop(engine);
    /// ```
    pub fn stderr(mut self, sink: impl Write + Send + 'static) -> EngineBuilder {
        self.stderr = Box::new(sink);
        self
    }

    /// Which standard packages scripts may import.
    ///
    /// # Examples
    /// ```
    /// use minigo::embed::{Engine, PackagePolicy};
    /// let engine = Engine::builder().packages(PackagePolicy::Only(vec!["strings".into()])).build();
    /// let err = engine.compile("a.go", "import \"fmt\"\nfunc main() { fmt.Println() }").unwrap_err();
    /// assert_eq!(err.lines(), ["a.go:1:8: package fmt is not allowed in this engine"]);
    /// ```
    pub fn packages(mut self, policy: PackagePolicy) -> EngineBuilder {
        self.policy = policy;
        self
    }

    /// The sandbox limits of every run.
    ///
    /// # Examples
    /// ```
    /// use minigo::embed::{Engine, Error, Limit, Limits};
    /// let engine = Engine::builder()
    ///     .limits(Limits { max_instructions: Some(100_000), ..Limits::default() })
    ///     .build();
    /// let script = engine.compile("spin.go", "func main() { for {} }")?;
    /// assert!(matches!(script.run_main(), Err(Error::Limit(Limit::Instructions))));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn limits(mut self, limits: Limits) -> EngineBuilder {
        self.limits = limits;
        self
    }

    /// Adds a synchronous host function to package `path` (see [`Engine::package`]).
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::builder()
    ///     .func("host", "Twice", |x: i64| 2 * x)
    ///     .build();
    /// let script = engine.compile("t.go", "import \"host\"\nfunc F() int { return host.Twice(21) }\nfunc main() {}")?;
    /// assert_eq!(script.call::<i64>("F", ())?, 42);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn func<Args, F: HostFn<Args>>(mut self, path: &str, name: &str, f: F) -> EngineBuilder {
        self.host.add_sync(path, name, f);
        self
    }

    /// Builds the engine.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::builder().build();
    /// # drop(engine);
    /// ```
    pub fn build(self) -> Engine {
        Engine::from_shared(EngineShared {
            workers: self.workers,
            output: Output::new(self.stdout, self.stderr),
            policy: self.policy,
            limits: self.limits,
            host: parking_lot::RwLock::new(self.host),
        })
    }
}

/// Adds functions to one host package; from [`Engine::package`].
///
/// # Examples
/// ```
/// use minigo::embed::{Engine, HostError};
/// let engine = Engine::new();
/// engine.package("kv").func("Lookup", |key: String| -> Result<i64, HostError> {
///     if key == "answer" { Ok(42) } else { Err(HostError::new("no such key")) }
/// });
/// let script = engine.compile("kv.go", r#"
/// import "kv"
/// func Get(k string) (int, error) { return kv.Lookup(k) }
/// func main() {}
/// "#)?;
/// assert_eq!(script.call::<Result<i64, HostError>>("Get", ("answer",))?, Ok(42));
/// assert_eq!(script.call::<Result<i64, HostError>>("Get", ("x",))?, Err(HostError::new("no such key")));
/// # Ok::<(), minigo::embed::Error>(())
/// ```
pub struct PackageBuilder {
    pub(crate) engine: Arc<EngineShared>,
    pub(crate) path: String,
}

impl PackageBuilder {
    /// Adds (or replaces) a synchronous function. It runs on a VM worker thread and must
    /// not block: use [`Self::func_async`] for anything that waits.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::new();
    /// engine.package("m").func("Add", |a: i64, b: i64| a + b);
    /// # assert!(engine.compile("a.go", "import \"m\"\nfunc main() { _ = m.Add(1, 2) }").is_ok());
    /// ```
    pub fn func<Args, F: HostFn<Args>>(self, name: &str, f: F) -> PackageBuilder {
        self.engine.host.write().add_sync(&self.path, name, f);
        self
    }

    /// Adds (or replaces) an `async` function: while its future is pending, only the
    /// calling goroutine is parked, never a worker thread. The future is polled on a
    /// worker, so it must be woken by something else (another thread, a Tokio runtime's
    /// task via a channel, a timer thread); it needs no particular executor.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::new();
    /// engine.package("m").func_async("Slow", |x: i64| async move { x + 1 });
    /// let script = engine.compile("a.go", "import \"m\"\nfunc F() int { return m.Slow(1) }\nfunc main() {}")?;
    /// assert_eq!(script.call::<i64>("F", ())?, 2);
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn func_async<Args, F: HostAsyncFn<Args>>(self, name: &str, f: F) -> PackageBuilder {
        self.engine.host.write().add_async(&self.path, name, f);
        self
    }
}
