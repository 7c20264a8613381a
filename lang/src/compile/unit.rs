//! The whole-program side of compilation: function, native, global and constant tables,
//! the synthesized entry `runtime.main`, method tables and itabs.
//!
//! This module owns every table of the output `Program` and the order things are numbered
//! in. Code generation for one function body is `lower` and its siblings.
//!
//! Invariant: every function with a body has its `FuncIdx` before any body is compiled, so
//! calls, closures and method tables never wait for a later pass. Instances of generic
//! declarations are the exception that keeps the rule's spirit: each gets its `FuncIdx`
//! when first requested, and its body is compiled from `mono`'s worklist afterwards.

use std::collections::HashMap;

use minigo_vm::native::{NativeFn, NativeOutcome};
use minigo_vm::op::{FuncIdx, GlobalIdx, ItabIdx, NativeIdx, TypeIdx};
use minigo_vm::panic::PanicKind;
use minigo_vm::program::{Const, Itab, WellKnown};
use minigo_vm::{Function, Program};

use super::CompileError;
use super::lower::FnCx;
use super::types::{TypeTable, type_name};
use crate::ast;
use crate::check::info::{ExprKey, FuncInfo};
use crate::check::object::ObjectKind;
use crate::check::types::{ObjectId, Type, TypeId, Types};
use crate::check::{self};
use crate::span::{SourceMap, Span};

/// Program-wide compilation state.
pub struct Compiler<'a> {
    pub prog: &'a check::Program,
    /// The checker's type arena extended with the substituted types of generic instances;
    /// every type question goes here, never to `prog.types` (see `mono`).
    pub tys: Types,
    sources: Option<&'a SourceMap>,
    pub types: TypeTable,
    pub functions: Vec<Option<Function>>,
    pub func_index: HashMap<ObjectId, FuncIdx>,
    pub natives: Vec<NativeFn>,
    pub native_index: HashMap<String, NativeIdx>,
    pub native_objs: HashMap<ObjectId, NativeIdx>,
    consts: Vec<Const>,
    const_index: HashMap<ConstKey, u16>,
    pub globals: HashMap<ObjectId, GlobalIdx>,
    pub itabs: Vec<Itab>,
    itab_index: HashMap<(TypeIdx, TypeIdx), ItabIdx>,
    pub decl_infos: HashMap<ObjectId, &'a FuncInfo>,
    pub lit_infos: HashMap<ExprKey, &'a FuncInfo>,
    pub errors: Vec<CompileError>,
    /// Functions forwarding to natives, by native index.
    forwarders: HashMap<u16, FuncIdx>,
    /// Package-level variable initializers by key, for the entry function.
    pub global_exprs: HashMap<ExprKey, &'a ast::Expr>,
    /// Method-table wrappers (promoted methods, receiver adjustments) by type and name.
    pub promoted: HashMap<(TypeId, String), FuncIdx>,
    /// Generic declarations, their instances and the substitution in force.
    pub mono: super::mono::Mono<'a>,
}

/// A constant's identity for deduplication (floats by their bits).
#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    Int(i64),
    Float(u64),
    Str(String),
    Bytes(Vec<u8>),
}

/// A function declaration with a body, waiting for its code.
struct Job<'a> {
    decl: &'a ast::FuncDecl,
    obj: ObjectId,
}

impl<'a> Compiler<'a> {
    pub fn new(prog: &'a check::Program, sources: Option<&'a SourceMap>) -> Compiler<'a> {
        let mut decl_infos = HashMap::new();
        let mut lit_infos = HashMap::new();
        for info in &prog.info.funcs {
            match (info.obj, info.lit) {
                (Some(obj), _) => _ = decl_infos.insert(obj, info),
                (None, Some(lit)) => _ = lit_infos.insert(lit, info),
                (None, None) => {}
            }
        }
        Compiler {
            prog,
            tys: prog.types.clone(),
            sources,
            types: TypeTable::default(),
            functions: Vec::new(),
            func_index: HashMap::new(),
            natives: Vec::new(),
            native_index: HashMap::new(),
            native_objs: HashMap::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            globals: HashMap::new(),
            itabs: Vec::new(),
            itab_index: HashMap::new(),
            decl_infos,
            lit_infos,
            errors: Vec::new(),
            global_exprs: HashMap::new(),
            forwarders: HashMap::new(),
            promoted: HashMap::new(),
            mono: super::mono::Mono::default(),
        }
    }

    /// Numbers every function, native and global, then compiles every body and the entry.
    pub fn compile_all(&mut self, user_files: &'a [ast::File]) {
        let files: Vec<&'a ast::File> = self.prog.files.iter().chain(user_files).collect();
        let mut jobs = Vec::new();
        for file in &files {
            self.declare_file(file, &mut jobs);
        }
        let user: std::collections::HashSet<_> = user_files.iter().map(|f| f.id).collect();
        for job in jobs {
            let Some(&idx) = self.func_index.get(&job.obj) else {
                continue;
            };
            let name = self.func_name(job.obj);
            let errors_before = self.errors.len();
            let f = FnCx::compile_decl(self, job.decl, job.obj, name);
            if self.errors.len() > errors_before && !user.contains(&job.decl.span.file) {
                // A standard function this compiler cannot lower yet is linked as a native
                // of the same name instead, so the standard library can supply it.
                self.errors.truncate(errors_before);
                let (n_args, n_results) = self.signature_words(job.obj);
                let native = self.native(&self.native_name(job.obj), n_args, n_results);
                let f = forwarder(self.func_name(job.obj), native, n_args, n_results);
                self.set_function(idx, f);
                continue;
            }
            self.set_function(idx, f);
        }
        self.compile_entry();
        self.describe_runtime_error();
        // Compiling an instance can request others, and so can filling a method table (a
        // generic type's methods); both are repeated until nothing is pending.
        loop {
            self.compile_instances();
            self.complete_itabs();
            self.fill_method_tables();
            if !self.has_pending_instances() {
                break;
            }
        }
    }

    fn declare_file(&mut self, file: &'a ast::File, jobs: &mut Vec<Job<'a>>) {
        for decl in &file.decls {
            match decl {
                ast::Decl::Func(f) => self.declare_func(f, jobs),
                ast::Decl::Var(v) => {
                    for value in v.specs.iter().flat_map(|s| &s.values) {
                        self.global_exprs.insert((value.span.file, value.id), value);
                    }
                    for name in v.specs.iter().flat_map(|s| &s.names) {
                        if let Some(&obj) = self.prog.info.defs.get(&name.span) {
                            let g = GlobalIdx(self.globals.len() as u16);
                            self.globals.insert(obj, g);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn declare_func(&mut self, f: &'a ast::FuncDecl, jobs: &mut Vec<Job<'a>>) {
        let Some(&obj) = self.prog.info.defs.get(&f.name.span) else {
            return;
        };
        if self.declare_generic(obj, f) {
            // Compiled per instance, when a use requests one (see `mono`).
            return;
        }
        if f.body.is_none() {
            let name = self.native_name(obj);
            let (n_args, n_results) = self.signature_words(obj);
            let idx = self.native(&name, n_args, n_results);
            self.native_objs.insert(obj, idx);
            return;
        }
        let idx = FuncIdx(self.functions.len() as u16);
        self.functions.push(None);
        self.func_index.insert(obj, idx);
        jobs.push(Job { decl: f, obj });
    }

    /// Parameter words (receiver first) and result words of a function object.
    fn signature_words(&self, obj: ObjectId) -> (u8, u8) {
        let object = self.prog.objects.get(obj);
        let recv = matches!(object.kind, ObjectKind::Func { recv: Some(_), .. });
        match self.tys.get(object.ty) {
            Type::Func(sig) => (
                (sig.params.len() + usize::from(recv)) as u8,
                sig.results.len() as u8,
            ),
            _ => (0, 0),
        }
    }

    /// A native by name, added with a placeholder implementation on first use; the
    /// standard library replaces it when it links the program.
    pub fn native(&mut self, name: &str, n_args: u8, n_results: u8) -> NativeIdx {
        if let Some(&idx) = self.native_index.get(name) {
            return idx;
        }
        let idx = NativeIdx(self.natives.len() as u16);
        let message = format!("native function {name} is not linked");
        self.natives
            .push(NativeFn::new(name, n_args, n_results, move |_, _| {
                NativeOutcome::Panic(PanicKind::Runtime(message.clone()))
            }));
        self.native_index.insert(name.to_string(), idx);
        idx
    }

    pub(super) fn package_name(&self, obj: ObjectId) -> String {
        let pkg = self.prog.objects.get(obj).pkg;
        pkg.and_then(|p| self.prog.packages.get(p.0 as usize))
            .map_or_else(|| "main".into(), |p| p.path.clone())
    }

    /// Every global's identity by index, `pkg.name type`, for programs that grow
    /// (`Program::global_names`).
    fn global_names(&self) -> Vec<String> {
        let mut names = vec![String::new(); self.globals.len()];
        for (&obj, g) in &self.globals {
            let object = self.prog.objects.get(obj);
            let ty = type_name(self.prog, &self.tys, object.ty);
            if let Some(slot) = names.get_mut(usize::from(g.0)) {
                *slot = format!("{}.{} {ty}", self.package_name(obj), object.name);
            }
        }
        names
    }

    /// Go's name of a declared function: `main.fib`, `main.(*T).M`, `main.T.M`.
    pub fn func_name(&self, obj: ObjectId) -> String {
        let object = self.prog.objects.get(obj);
        let pkg = self.package_name(obj);
        match object.kind {
            ObjectKind::Func {
                recv: Some(recv), ..
            } => {
                let (ptr, base) = match self.tys.get(recv) {
                    Type::Pointer(elem) => (true, *elem),
                    _ => (false, recv),
                };
                let base = self.bare_type_name(base);
                if ptr {
                    format!("{pkg}.(*{base}).{}", object.name)
                } else {
                    format!("{pkg}.{base}.{}", object.name)
                }
            }
            _ => format!("{pkg}.{}", object.name),
        }
    }

    /// The native table's name: `fmt.Println`, `(*sync.WaitGroup).Add`.
    fn native_name(&self, obj: ObjectId) -> String {
        let object = self.prog.objects.get(obj);
        match object.kind {
            ObjectKind::Func {
                recv: Some(recv), ..
            } => format!(
                "({}).{}",
                type_name(self.prog, &self.tys, recv),
                object.name
            ),
            _ => format!("{}.{}", self.package_name(obj), object.name),
        }
    }

    fn bare_type_name(&self, ty: TypeId) -> String {
        match self.tys.get(ty) {
            Type::Named(n) => self
                .prog
                .objects
                .get(self.tys.named(*n).obj)
                .name
                .to_string(),
            _ => type_name(self.prog, &self.tys, ty),
        }
    }

    /// A function forwarding its arguments to the native of object `obj`, so that a
    /// native can be used as a func value.
    pub fn native_value(&mut self, obj: ObjectId) -> Option<FuncIdx> {
        let native = *self.native_objs.get(&obj)?;
        if let Some(&idx) = self.forwarders.get(&native.0) {
            return Some(idx);
        }
        let (n_args, n_results) = self.signature_words(obj);
        let idx = self.reserve_function(Span::default());
        self.set_function(
            idx,
            forwarder(self.native_name(obj), native, n_args, n_results),
        );
        self.forwarders.insert(native.0, idx);
        Some(idx)
    }

    pub fn set_function(&mut self, idx: FuncIdx, f: Function) {
        if let Some(slot) = self.functions.get_mut(usize::from(idx.0)) {
            *slot = Some(f);
        }
    }

    /// Reserves a function index for a literal or thunk compiled right after.
    pub fn reserve_function(&mut self, span: Span) -> FuncIdx {
        if self.functions.len() >= usize::from(u16::MAX) {
            self.errors.push(CompileError::TooMany {
                what: "functions",
                span,
            });
        }
        self.functions.push(None);
        FuncIdx((self.functions.len() - 1) as u16)
    }

    /// The constant-table index of `k`.
    pub fn constant(&mut self, k: Const, span: Span) -> u16 {
        let key = match &k {
            Const::Int(i) => ConstKey::Int(*i),
            Const::Float(f) => ConstKey::Float(f.to_bits()),
            Const::Str(s) => ConstKey::Str(s.to_string()),
            Const::Bytes(b) => ConstKey::Bytes(b.to_vec()),
        };
        if let Some(&idx) = self.const_index.get(&key) {
            return idx;
        }
        let Ok(idx) = u16::try_from(self.consts.len()) else {
            self.errors.push(CompileError::TooMany {
                what: "constants",
                span,
            });
            return 0;
        };
        self.consts.push(k);
        self.const_index.insert(key, idx);
        idx
    }

    /// The source line of `span`, or 0 without sources.
    pub fn line(&self, span: Span) -> u32 {
        self.sources
            .map_or(0, |s| s.get(span.file).line_col(span.start).0)
    }

    /// The itab for boxing a `concrete` value into interface `iface`.
    pub fn itab(&mut self, iface: TypeId, concrete: TypeId) -> ItabIdx {
        let iface_idx = self.types.get(self.prog, &self.tys, iface);
        let ty_idx = self.types.get(self.prog, &self.tys, concrete);
        let methods = match self.tys.get(self.tys.underlying(iface)) {
            Type::Interface(i) if !i.methods.is_empty() => i.methods.clone(),
            _ => return ItabIdx(minigo_vm::heap::object::NO_ITAB),
        };
        if let Some(&idx) = self.itab_index.get(&(iface_idx, ty_idx)) {
            return idx;
        }
        let mut funcs = Vec::with_capacity(methods.len());
        for m in &methods {
            let Some(func) = self.method_func(concrete, &m.name) else {
                // Naming any other function would call it with the wrong shapes of words.
                self.errors.push(CompileError::Unsupported {
                    what: format!("method {} in this method table", m.name),
                    span: Span::default(),
                });
                return ItabIdx(minigo_vm::heap::object::NO_ITAB);
            };
            funcs.push(func);
        }
        let idx = ItabIdx(self.itabs.len() as u16);
        self.itabs.push(Itab {
            iface: iface_idx,
            ty: ty_idx,
            methods: funcs,
        });
        self.itab_index.insert((iface_idx, ty_idx), idx);
        idx
    }

    /// The function implementing method `name` of the concrete type `ty` (a named type or
    /// a pointer to one), promoted methods included; a wrapper adjusts the receiver where
    /// the method expects another word than the value held (see `promote`).
    pub fn method_func(&mut self, ty: TypeId, name: &str) -> Option<FuncIdx> {
        let entry = self
            .method_entries(ty)
            .into_iter()
            .find(|(n, _)| n == name)?
            .1;
        self.entry_func(ty, name, &entry)
    }

    fn fill_method_tables(&mut self) {
        let mut done = 0;
        // Filling a table can create descriptors (and so more tables to fill).
        while done < self.types.with_methods.len() {
            let (ty, idx) = self.types.with_methods[done];
            done += 1;
            let methods = self.method_set(ty);
            if let Some(desc) = self.types.descs.get_mut(usize::from(idx.0)) {
                desc.methods = methods;
            }
        }
    }

    /// The method table of a type descriptor: every method of `ty`'s method set that has
    /// a function, sorted by name.
    fn method_set(&mut self, ty: TypeId) -> Vec<(String, FuncIdx)> {
        let entries: Vec<_> = self
            .method_entries(ty)
            .into_iter()
            .filter(|(name, entry)| self.fits_text_protocol(ty, name, entry))
            .collect();
        entries
            .into_iter()
            .filter_map(|(name, entry)| Some((name.clone(), self.entry_func(ty, &name, &entry)?)))
            .collect()
    }

    fn compile_entry(&mut self) {
        let idx = self.reserve_function(Span::default());
        let f = FnCx::compile_entry(self);
        self.set_function(idx, f);
    }

    /// The finished program, or every error met.
    pub fn finish(mut self) -> Result<Program, Vec<CompileError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let string = self.types.get(self.prog, &self.tys, TypeId::STRING);
        let runtime_error = self.runtime_error_desc();
        if self.types.descs.len() > usize::from(u16::MAX)
            || self.globals.len() > usize::from(u16::MAX)
        {
            return Err(vec![CompileError::TooMany {
                what: "types or globals",
                span: Span::default(),
            }]);
        }
        let global_names = self.global_names();
        let functions = self
            .functions
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
        Ok(Program {
            global_names,
            functions,
            consts: self.consts,
            types: self.types.descs,
            itabs: self.itabs,
            natives: self.natives,
            n_globals: self.globals.len() as u16,
            well_known: WellKnown {
                runtime_error: Some(runtime_error),
                string: Some(string),
            },
        })
    }
}

/// A function whose body calls `native` with its own arguments and returns its results.
fn forwarder(name: String, native: NativeIdx, n_args: u8, n_results: u8) -> Function {
    use minigo_vm::op::{Op, Reg};
    let mut b = super::builder::Builder::default();
    b.alloc_n(u32::from(n_args.max(n_results)) + 1);
    b.emit(
        Op::CallNative {
            native,
            base: Reg(0),
        },
        0,
    );
    b.emit(
        Op::Return {
            src: Reg(0),
            n: n_results,
        },
        0,
    );
    b.finish(name, n_args, n_results)
}
