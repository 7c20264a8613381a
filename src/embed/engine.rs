//! The [`Engine`]: the settings and host packages scripts are compiled against, and
//! compiling a script ([`Engine::compile`]) into a [`Script`].
//!
//! Owns: the importer that serves standard and host packages, the import policy check,
//! linking a script's natives (standard, scheduler, host), and the script's entry points
//! (`runtime.main`, and an init-only copy of it for scripts whose functions are called).
//! Does not own: running (`script`).
//!
//! Invariant: compiling never panics the host: the front end reports diagnostics, and a
//! broken internal invariant is caught and reported as an internal-error diagnostic.

use std::collections::HashMap;
use std::sync::Arc;

use minigo_lang::check::object::ObjectKind;
use minigo_lang::check::types::Type;
use minigo_lang::check::{Importer, PackageSource};
use minigo_lang::compile;
use minigo_lang::diag::{self, Diagnostic};
use minigo_stdlib::natives::{Output, Registry};
use minigo_vm::op::{FuncIdx, Off, Op};
use parking_lot::RwLock;

use super::builder::{EngineBuilder, Limits, PackageBuilder, PackagePolicy};
use super::convert::Ty;
use super::error::CompileError;
use super::host::HostPackages;
use super::script::{FuncSig, Script};
use crate::frontend::{self, Checked};
use crate::importer::StdImporter;

/// What every script of an engine shares.
pub(crate) struct EngineShared {
    pub(crate) workers: usize,
    pub(crate) output: Arc<Output>,
    pub(crate) policy: PackagePolicy,
    pub(crate) limits: Limits,
    pub(crate) host: RwLock<HostPackages>,
}

/// A minigo engine: compiles scripts against the standard packages its policy allows and
/// the host packages registered on it. Cheap to clone (clones share everything), `Send +
/// Sync`, and independent of every other engine in the process.
///
/// # Examples
/// ```
/// use minigo::embed::Engine;
/// let engine = Engine::new();
/// let script = engine.compile("add.go", "func Add(a, b int) int { return a + b }\nfunc main() {}")?;
/// assert_eq!(script.call::<i64>("Add", (40, 2))?, 42);
/// # Ok::<(), minigo::embed::Error>(())
/// ```
#[derive(Clone)]
pub struct Engine {
    shared: Arc<EngineShared>,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("workers", &self.shared.workers)
            .field("policy", &self.shared.policy)
            .field("limits", &self.shared.limits)
            .finish_non_exhaustive()
    }
}

impl Engine {
    /// An engine with the defaults: one worker, the process's stdout and stderr, every
    /// standard package but `os`, no limits.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::new();
    /// assert!(engine.compile("a.go", "func main() {}").is_ok());
    /// ```
    pub fn new() -> Engine {
        EngineBuilder::default().build()
    }

    /// A builder for the settings.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::builder().workers(2).build();
    /// # drop(engine);
    /// ```
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    pub(crate) fn from_shared(shared: EngineShared) -> Engine {
        Engine {
            shared: Arc::new(shared),
        }
    }

    /// The host package with import path `path`, to add functions to; scripts compiled
    /// afterwards can import it.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::new();
    /// engine.package("greet").func("Hello", |name: String| format!("hello, {name}"));
    /// let script = engine.compile("g.go", "import \"greet\"\nfunc F() string { return greet.Hello(\"go\") }\nfunc main() {}")?;
    /// assert_eq!(script.call::<String>("F", ())?, "hello, go");
    /// # Ok::<(), minigo::embed::Error>(())
    /// ```
    pub fn package(&self, path: &str) -> PackageBuilder {
        PackageBuilder {
            engine: Arc::clone(&self.shared),
            path: path.to_string(),
        }
    }

    /// Compiles a script (one file named `name`). A script need not declare `main`; its
    /// package-level functions can be called with [`Script::call`].
    ///
    /// # Errors
    /// The script's diagnostics, or an import the policy denies.
    ///
    /// # Examples
    /// ```
    /// let engine = minigo::embed::Engine::new();
    /// assert!(engine.compile("ok.go", "func F() {}").is_ok());
    /// let err = engine.compile("bad.go", "func F() { return 1 }").unwrap_err();
    /// assert!(err.lines()[0].starts_with("bad.go:1:"));
    /// ```
    pub fn compile(&self, name: &str, source: &str) -> Result<Script, CompileError> {
        let host = self.shared.host.read().clone();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.compile_checked(name, source, host)
        }));
        caught.unwrap_or_else(|_| Err(internal_compile_error(name)))
    }

    fn compile_checked(
        &self,
        name: &str,
        source: &str,
        host: HostPackages,
    ) -> Result<Script, CompileError> {
        let importer = EmbedImporter { host: &host };
        let mut files = vec![(name.to_string(), source.to_string())];
        let mut checked = frontend::check_files_with(&files, &importer);
        if lacks_only_main(&checked) {
            files.push((format!("{name}#main"), "func main() {}".to_string()));
            checked = frontend::check_files_with(&files, &importer);
        }
        let denied = self.denied_imports(&checked, &host);
        if !denied.is_empty() {
            return Err(CompileError {
                diagnostics: denied,
                sources: checked.sources,
            });
        }
        let Some(typed) = checked.program.as_ref() else {
            return Err(compile_error(checked));
        };
        let program =
            match compile::compile_with_sources(typed, &checked.files, Some(&checked.sources)) {
                Ok(p) => p,
                Err(diags) => {
                    let (diagnostics, _) = diag::finish(diags);
                    return Err(CompileError {
                        diagnostics,
                        sources: checked.sources,
                    });
                }
            };
        let funcs = signatures(&checked, &program);
        self.link(program, funcs, name, host)
            .map_err(|message| internal_error(name, &message))
    }

    /// The imports of standard packages the policy does not allow, as errors.
    fn denied_imports(&self, checked: &Checked, host: &HostPackages) -> Vec<Diagnostic> {
        let mut denied = Vec::new();
        for file in &checked.files {
            for import in &file.imports {
                let path = &import.path;
                if host.declaration(path).is_none() && !self.shared.policy.allows(path) {
                    let message = format!("package {path} is not allowed in this engine");
                    denied.push(Diagnostic::error("policy", import.path_span, message));
                }
            }
        }
        denied
    }

    /// Links the natives, adds the init-only entry, and builds the script's VM.
    fn link(
        &self,
        mut program: minigo_vm::Program,
        funcs: HashMap<String, FuncSig>,
        name: &str,
        host: HostPackages,
    ) -> Result<Script, String> {
        let mut natives = Registry::standard(&self.shared.output);
        natives.extend(minigo_vm::rt::scheduler_natives());
        host.link(&mut natives);
        // Natives without an implementation panic when called, as in `minigo run`.
        let _ = natives.link(&mut program);
        let init = add_init_entry(&mut program)?;
        let limits = &self.shared.limits;
        let config = minigo_vm::Config {
            max_stack_bytes: limits
                .max_stack_bytes
                .unwrap_or(minigo_vm::Config::default().max_stack_bytes),
            gogc: Some(100),
        };
        let vm = minigo_vm::Vm::new(program, config).map_err(|e| e.to_string())?;
        vm.heap.set_limit(limits.max_heap_bytes);
        Ok(Script::new(
            Arc::clone(&self.shared),
            vm,
            funcs,
            init,
            name.to_string(),
            host,
        ))
    }
}

/// Serves the host packages, then the standard ones.
struct EmbedImporter<'a> {
    host: &'a HostPackages,
}

impl Importer for EmbedImporter<'_> {
    fn declaration(&self, path: &str) -> Option<PackageSource> {
        match self.host.declaration(path) {
            Some(text) => Some(PackageSource {
                file_name: format!("$HOST/{path}.go"),
                text: Arc::from(text),
                user_visible: true,
            }),
            None => StdImporter.declaration(path),
        }
    }
}

/// Whether the only error is the missing `main` (a script of functions to call).
fn lacks_only_main(checked: &Checked) -> bool {
    matches!(checked.diagnostics.as_slice(), [d] if d.message == "function main is undeclared in the main package")
}

fn compile_error(checked: Checked) -> CompileError {
    CompileError {
        diagnostics: checked.diagnostics,
        sources: checked.sources,
    }
}

fn internal_compile_error(name: &str) -> CompileError {
    internal_error(name, "the compiler failed")
}

/// An internal failure reported as a diagnostic at the start of the script.
fn internal_error(name: &str, message: &str) -> CompileError {
    let mut sources = minigo_lang::span::SourceMap::new();
    let file = sources.add(name.to_string(), "");
    let span = minigo_lang::span::Span::new(file, 0, 0);
    CompileError {
        diagnostics: vec![Diagnostic::error(
            "internal",
            span,
            format!("internal error: {message}"),
        )],
        sources,
    }
}

/// The signatures of the package-level functions of package `main`, by name.
fn signatures(checked: &Checked, program: &minigo_vm::Program) -> HashMap<String, FuncSig> {
    let mut res = HashMap::new();
    let Some(typed) = checked.program.as_ref() else {
        return res;
    };
    let Some(main) = typed.main_package() else {
        return res;
    };
    for (name, obj) in typed.scopes.get(main.scope).objects() {
        let obj = typed.objects.get(obj);
        if !matches!(obj.kind, ObjectKind::Func { recv: None, .. }) {
            continue;
        }
        let Type::Func(sig) = typed.types.get(obj.ty) else {
            continue;
        };
        let Some(idx) = program.function_named(&format!("main.{name}")) else {
            continue;
        };
        res.insert(
            name.to_string(),
            FuncSig {
                idx,
                params: sig.params.iter().map(|&t| Ty::of(typed, t)).collect(),
                results: sig.results.iter().map(|&t| Ty::of(typed, t)).collect(),
                variadic: sig.variadic,
            },
        );
    }
    res
}

/// Adds `embed.init`: `runtime.main` without its call of `main.main`, so that calling a
/// script's functions first initializes its packages without running its `main`.
fn add_init_entry(program: &mut minigo_vm::Program) -> Result<FuncIdx, String> {
    let entry = program
        .function_named("runtime.main")
        .ok_or("the program has no entry")?;
    let main = program.function_named("main.main");
    let mut init = program.function(entry).clone();
    let code: Vec<Op> = init
        .code
        .iter()
        .map(|op| match op {
            Op::Call { func, .. } if Some(*func) == main => Op::Jump { off: Off(0) },
            other => *other,
        })
        .collect();
    init.code = code.into();
    init.name = "embed.init".into();
    let idx = u16::try_from(program.functions.len()).map_err(|_| "too many functions")?;
    program.functions.push(init);
    Ok(FuncIdx(idx))
}
