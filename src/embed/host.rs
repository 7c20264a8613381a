//! Host packages: Go-visible packages of native functions written as Rust closures with
//! typed arguments and results, synchronous or `async`.
//!
//! Owns: [`HostType`], [`HostReturn`], [`HostFn`], [`HostAsyncFn`], the registry of host
//! packages, the declaration file generated from the Rust signatures, and the natives that
//! run the closures. Does not own: conversions (`value`, `convert`), nor scheduling.
//!
//! How a host function fails or blocks:
//! - A closure returning `Result<T, HostError>` is declared `func F(...) (T, error)`: the
//!   native returns the value, the message and a flag, and a mini-Go wrapper in the
//!   generated declaration turns the flag into `errors.New(message)`.
//! - An `async` closure's future is polled on the worker with the goroutine's waker. While
//!   it is pending the native parks only its goroutine (`NativeOutcome::Park`) and holds a
//!   guard that keeps deadlock detection off; the wake-up re-runs the native, which polls
//!   the same future again (the VM's re-run protocol). A worker thread never blocks.
//!
//! Invariant: the futures pending for a run are dropped when the run ends
//! ([`HostPackages::end_run`]), so none outlives its runtime.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use minigo_vm::exec::WaitReason;
use minigo_vm::native::{NativeCtx, NativeOutcome};
use parking_lot::Mutex;

use super::convert::{self, Ty};
use super::error::{Error, HostError};
use super::value::{FromValue, IntoValue, Value};

/// Go's wait reason of a goroutine parked in a host function.
const HOST_WAIT: WaitReason = WaitReason::Native("host call");

/// A Rust type a host function takes or returns: it has a Go spelling.
///
/// # Examples
/// ```
/// use minigo::embed::HostType;
/// assert_eq!(<Vec<String>>::go_type(), "[]string");
/// ```
pub trait HostType: FromValue + IntoValue + Send + 'static {
    /// The Go type the script sees.
    fn go_type() -> String;
}

macro_rules! host_type {
    ($ty:ty, $go:literal) => {
        impl HostType for $ty {
            fn go_type() -> String {
                $go.into()
            }
        }
    };
}

host_type!(i64, "int");
host_type!(f64, "float64");
host_type!(bool, "bool");
host_type!(String, "string");

impl<T: HostType> HostType for Vec<T> {
    fn go_type() -> String {
        format!("[]{}", T::go_type())
    }
}

impl<T: HostType> HostType for HashMap<String, T> {
    fn go_type() -> String {
        format!("map[string]{}", T::go_type())
    }
}

/// What a host function returns: nothing, one value, or a value or nothing with an error.
///
/// # Examples
/// ```
/// use minigo::embed::{HostError, HostReturn};
/// assert_eq!(<Result<i64, HostError>>::go_results(), (vec!["int".to_string()], true));
/// ```
pub trait HostReturn: Send + 'static {
    /// The Go result types without the error, and whether an `error` follows them.
    fn go_results() -> (Vec<String>, bool);
    /// The result values, or the error.
    ///
    /// # Errors
    /// The host function's own error.
    fn into_results(self) -> Result<Vec<Value>, HostError>;
}

impl HostReturn for () {
    fn go_results() -> (Vec<String>, bool) {
        (Vec::new(), false)
    }
    fn into_results(self) -> Result<Vec<Value>, HostError> {
        Ok(Vec::new())
    }
}

impl<T: HostType> HostReturn for T {
    fn go_results() -> (Vec<String>, bool) {
        (vec![T::go_type()], false)
    }
    fn into_results(self) -> Result<Vec<Value>, HostError> {
        Ok(vec![self.into_value()])
    }
}

impl<T: HostType> HostReturn for Result<T, HostError> {
    fn go_results() -> (Vec<String>, bool) {
        (vec![T::go_type()], true)
    }
    fn into_results(self) -> Result<Vec<Value>, HostError> {
        self.map(|v| vec![v.into_value()])
    }
}

impl HostReturn for Result<(), HostError> {
    fn go_results() -> (Vec<String>, bool) {
        (Vec::new(), true)
    }
    fn into_results(self) -> Result<Vec<Value>, HostError> {
        self.map(|()| Vec::new())
    }
}

/// The Go signature of a host function.
#[derive(Clone, Debug)]
pub(crate) struct Signature {
    params: Vec<String>,
    results: Vec<String>,
    returns_error: bool,
}

/// A future a host function returns.
type HostFuture = Pin<Box<dyn Future<Output = Result<Vec<Value>, HostError>> + Send>>;

type SyncBody = dyn Fn(Vec<Value>) -> Result<Result<Vec<Value>, HostError>, Error> + Send + Sync;
type AsyncBody = dyn Fn(Vec<Value>) -> Result<HostFuture, Error> + Send + Sync;

/// A synchronous host function taking `Args` (a tuple of [`HostType`]s).
///
/// It runs on a VM worker thread, so it must not block; use [`HostAsyncFn`] for anything
/// that waits.
pub trait HostFn<Args>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_parts(self) -> (Vec<String>, (Vec<String>, bool), Arc<SyncBody>);
}

/// An `async` host function taking `Args`: its goroutine parks until the future completes.
pub trait HostAsyncFn<Args>: Send + Sync + 'static {
    #[doc(hidden)]
    fn into_parts(self) -> (Vec<String>, (Vec<String>, bool), Arc<AsyncBody>);
}

macro_rules! host_fns {
    ($($arg:ident),*) => {
        impl<Func, Ret, $($arg),*> HostFn<($($arg,)*)> for Func
        where
            Func: Fn($($arg),*) -> Ret + Send + Sync + 'static,
            Ret: HostReturn,
            $($arg: HostType,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn into_parts(self) -> (Vec<String>, (Vec<String>, bool), Arc<SyncBody>) {
                let body = move |args: Vec<Value>| {
                    let mut args = args.into_iter();
                    $(let $arg = $arg::from_value(args.next().unwrap_or(Value::Nil))?;)*
                    Ok(self($($arg),*).into_results())
                };
                (vec![$($arg::go_type()),*], Ret::go_results(), Arc::new(body))
            }
        }

        impl<Func, Fut, Ret, $($arg),*> HostAsyncFn<($($arg,)*)> for Func
        where
            Func: Fn($($arg),*) -> Fut + Send + Sync + 'static,
            Fut: Future<Output = Ret> + Send + 'static,
            Ret: HostReturn,
            $($arg: HostType,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn into_parts(self) -> (Vec<String>, (Vec<String>, bool), Arc<AsyncBody>) {
                let body = move |args: Vec<Value>| {
                    let mut args = args.into_iter();
                    $(let $arg = $arg::from_value(args.next().unwrap_or(Value::Nil))?;)*
                    let fut = self($($arg),*);
                    let boxed: HostFuture = Box::pin(async move { fut.await.into_results() });
                    Ok(boxed)
                };
                (vec![$($arg::go_type()),*], Ret::go_results(), Arc::new(body))
            }
        }
    };
}

host_fns!();
host_fns!(A);
host_fns!(A, B);
host_fns!(A, B, C);
host_fns!(A, B, C, D);

/// How a host function runs.
#[derive(Clone)]
enum Body {
    Sync(Arc<SyncBody>),
    /// The body, and the futures pending by goroutine id.
    Async(Arc<AsyncBody>, Arc<Mutex<HashMap<u64, Pending>>>),
}

/// A future parked on, with the guard that keeps its run from looking deadlocked.
struct Pending {
    future: HostFuture,
    _guard: minigo_vm::rt::HostWait,
}

/// One registered host function.
#[derive(Clone)]
struct HostFunc {
    name: String,
    sig: Signature,
    body: Body,
}

/// Every host package of an engine, by import path.
#[derive(Clone, Default)]
pub(crate) struct HostPackages {
    packages: HashMap<String, Vec<HostFunc>>,
}

impl HostPackages {
    /// Adds a synchronous function to package `path`.
    pub(crate) fn add_sync<Args, F: HostFn<Args>>(&mut self, path: &str, name: &str, f: F) {
        let (params, (results, returns_error), body) = f.into_parts();
        self.add(path, name, params, results, returns_error, Body::Sync(body));
    }

    /// Adds an `async` function to package `path`.
    pub(crate) fn add_async<Args, F: HostAsyncFn<Args>>(&mut self, path: &str, name: &str, f: F) {
        let (params, (results, returns_error), body) = f.into_parts();
        let body = Body::Async(body, Arc::default());
        self.add(path, name, params, results, returns_error, body);
    }

    fn add(
        &mut self,
        path: &str,
        name: &str,
        params: Vec<String>,
        results: Vec<String>,
        returns_error: bool,
        body: Body,
    ) {
        let funcs = self.packages.entry(path.to_string()).or_default();
        funcs.retain(|f| f.name != name);
        funcs.push(HostFunc {
            name: name.to_string(),
            sig: Signature {
                params,
                results,
                returns_error,
            },
            body,
        });
    }

    /// The generated declaration file of package `path`.
    pub(crate) fn declaration(&self, path: &str) -> Option<String> {
        let funcs = self.packages.get(path)?;
        let pkg = path.rsplit('/').next().unwrap_or(path);
        let mut out = format!("// Package {pkg} is provided by the host.\npackage {pkg}\n\n");
        if funcs.iter().any(|f| f.sig.returns_error) {
            out.push_str("import \"errors\"\n\n");
        }
        for f in funcs {
            declare(&mut out, f);
        }
        Some(out)
    }

    /// Registers every host function's native under its Go name.
    pub(crate) fn link(&self, registry: &mut minigo_stdlib::natives::Registry) {
        for (path, funcs) in &self.packages {
            for f in funcs {
                let name = format!("{path}.{}", native_name(f));
                let func = f.clone();
                registry.add(&name, move |ctx, args| call_native(&func, ctx, args));
            }
        }
    }

    /// Drops every future still pending when a run ended.
    pub(crate) fn end_run(&self) {
        for f in self.packages.values().flatten() {
            if let Body::Async(_, pending) = &f.body {
                pending.lock().clear();
            }
        }
    }
}

/// The native's name: the function itself, or its hidden native when a wrapper makes the
/// `error` value.
fn native_name(f: &HostFunc) -> String {
    if f.sig.returns_error {
        format!("native{}", f.name)
    } else {
        f.name.clone()
    }
}

/// Writes the declaration of `f` (and of its native, for an error-returning one).
fn declare(out: &mut String, f: &HostFunc) {
    let params: Vec<String> = (0..f.sig.params.len()).map(|i| format!("p{i}")).collect();
    let typed: Vec<String> = params
        .iter()
        .zip(&f.sig.params)
        .map(|(p, t)| format!("{p} {t}"))
        .collect();
    let typed = typed.join(", ");
    if !f.sig.returns_error {
        let _ = writeln!(
            out,
            "func {}({typed}) ({})\n",
            f.name,
            f.sig.results.join(", ")
        );
        return;
    }
    let mut native_results = f.sig.results.clone();
    native_results.extend(["string".to_string(), "bool".to_string()]);
    let _ = writeln!(
        out,
        "func native{}({typed}) ({})\n",
        f.name,
        native_results.join(", ")
    );
    let mut public_results = f.sig.results.clone();
    public_results.push("error".into());
    let values: Vec<String> = (0..f.sig.results.len()).map(|i| format!("r{i}")).collect();
    let mut lhs = values.clone();
    lhs.extend(["msg".to_string(), "failed".to_string()]);
    let mut ok = values.clone();
    ok.push("nil".into());
    let mut failed = values;
    failed.push("errors.New(msg)".into());
    let _ = writeln!(
        out,
        "func {}({typed}) ({}) {{\n\t{} := native{}({})\n\tif failed {{\n\t\treturn {}\n\t}}\n\treturn {}\n}}\n",
        f.name,
        public_results.join(", "),
        lhs.join(", "),
        f.name,
        params.join(", "),
        failed.join(", "),
        ok.join(", ")
    );
}

/// The native behind a host function: reads the arguments, runs or polls the body, writes
/// the results (followed by the error message and flag when it returns an error).
fn call_native(f: &HostFunc, ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let res = match &f.body {
        Body::Sync(body) => read_args(f, ctx, args).and_then(|a| body(a)),
        Body::Async(body, pending) => match poll_async(f, body.as_ref(), pending, ctx, args) {
            Some(res) => res,
            None => return NativeOutcome::Park(HOST_WAIT),
        },
    };
    match res.and_then(|r| write_results(f, ctx, args, r)) {
        Ok(()) => NativeOutcome::Return,
        Err(err) => minigo_stdlib::natives::go_panic(&format!("host function {}: {err}", f.name)),
    }
}

type BodyResult = Result<Result<Vec<Value>, HostError>, Error>;

/// Starts or polls the future of goroutine `ctx.goroutine`; `None` while it is pending
/// (or when the goroutine does not run under the scheduler yet, which re-runs the call).
fn poll_async(
    f: &HostFunc,
    body: &AsyncBody,
    pending: &Mutex<HashMap<u64, Pending>>,
    ctx: &mut NativeCtx<'_>,
    args: &[u64],
) -> Option<BodyResult> {
    let wait = minigo_vm::rt::host_wait(ctx.goroutine)?;
    let started = pending.lock().remove(&ctx.goroutine);
    let mut future = match started {
        Some(p) => p.future,
        None => match read_args(f, ctx, args).and_then(body) {
            Ok(future) => future,
            Err(err) => return Some(Err(err)),
        },
    };
    let mut cx = Context::from_waker(&wait.waker);
    match future.as_mut().poll(&mut cx) {
        Poll::Ready(res) => Some(Ok(res)),
        Poll::Pending => {
            let parked = Pending {
                future,
                _guard: wait,
            };
            pending.lock().insert(ctx.goroutine, parked);
            None
        }
    }
}

fn go_ty(go: &str) -> Ty {
    match go {
        "int" => Ty::Int,
        "float64" => Ty::Float,
        "bool" => Ty::Bool,
        "string" => Ty::Str,
        _ => match (go.strip_prefix("[]"), go.strip_prefix("map[string]")) {
            (Some(elem), _) => Ty::Slice(Box::new(go_ty(elem))),
            (_, Some(value)) => Ty::Map(Box::new(Ty::Str), Box::new(go_ty(value))),
            _ => Ty::Other(go.to_string()),
        },
    }
}

fn read_args(f: &HostFunc, ctx: &NativeCtx<'_>, args: &[u64]) -> Result<Vec<Value>, Error> {
    f.sig
        .params
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let word = args.get(i).copied().unwrap_or(0);
            convert::from_word(ctx.vm, &go_ty(t), word)
        })
        .collect()
}

fn write_results(
    f: &HostFunc,
    ctx: &NativeCtx<'_>,
    args: &mut [u64],
    res: Result<Vec<Value>, HostError>,
) -> Result<(), Error> {
    let (values, failure) = match res {
        Ok(values) => (values, None),
        Err(err) if f.sig.returns_error => (Vec::new(), Some(err)),
        Err(err) => return Err(Error::Fatal(err.to_string())),
    };
    let mut words = Vec::with_capacity(f.sig.results.len() + 2);
    for (i, t) in f.sig.results.iter().enumerate() {
        words.push(match values.get(i) {
            Some(v) => convert::to_word(ctx.vm, &go_ty(t), v)?,
            None => 0,
        });
    }
    if f.sig.returns_error {
        let message = failure.as_ref().map_or("", HostError::message);
        words.push(ctx.vm.heap.alloc_string(message.as_bytes()));
        words.push(u64::from(failure.is_some()));
    }
    for (slot, w) in args.iter_mut().zip(words) {
        *slot = w;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_wrap_error_results_in_mini_go() {
        let mut pkgs = HostPackages::default();
        pkgs.add_sync("kv", "Get", |k: String| -> Result<i64, HostError> {
            Ok(k.len() as i64)
        });
        pkgs.add_sync("kv", "Len", |v: Vec<i64>| v.len() as i64);
        let decl = pkgs.declaration("kv").unwrap();
        assert!(decl.contains("package kv"), "{decl}");
        assert!(decl.contains("import \"errors\""), "{decl}");
        assert!(
            decl.contains("func nativeGet(p0 string) (int, string, bool)"),
            "{decl}"
        );
        assert!(
            decl.contains("func Get(p0 string) (int, error) {"),
            "{decl}"
        );
        assert!(decl.contains("func Len(p0 []int) (int)"), "{decl}");
        assert_eq!(pkgs.declaration("nope"), None);
    }

    #[test]
    fn go_spellings_map_back_to_host_types() {
        assert_eq!(go_ty("[]string"), Ty::Slice(Box::new(Ty::Str)));
        assert_eq!(
            go_ty("map[string]int"),
            Ty::Map(Box::new(Ty::Str), Box::new(Ty::Int))
        );
    }
}
