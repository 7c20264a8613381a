//! Generics by monomorphization: each (generic function or method, concrete type arguments)
//! pair is compiled once, into its own function, with every type parameter replaced by its
//! argument.
//!
//! This module owns the instance table, the worklist of instances whose bodies are still
//! to be compiled, and the substitution in force while one of them is compiled. It does not
//! decide which instance a call names (the checker's `Info::instances` and the receiver's
//! type do) and does not generate code (`lower` compiles an instance's body like any other
//! declaration, asking [`Compiler::sub`] for every type it reads from the checker).
//!
//! Why monomorphization rather than dictionaries: the instruction set is typed (`AddInt`
//! versus `AddFloat`, `EqString`, struct copies, interface boxing), so a body compiled once
//! for every type argument would need a dictionary lookup and a dynamic dispatch on every
//! operator. A copy per instance keeps generic code as fast as the code it abstracts.
//!
//! How the substitution stays read-only while a body is compiled: before an instance's body
//! is compiled, every type of the checker's arena that mentions one of the instance's type
//! parameters is substituted once and the results kept in a table. A generic body can only
//! name types the checker interned while checking it, so the table covers every type the
//! code generator reads; types it derives from a substituted type (an element, a field, a
//! result) are concrete already. The substituted types are interned into the compiler's
//! copy of the arena (`Compiler::tys`), never into the checked program.
//!
//! Invariants:
//! - Every key of the instance table holds concrete type arguments (no type parameter),
//!   so an instance is compiled once however many generic callers reach it.
//! - Instances are compiled one at a time from the top-level loop, never nested, so one
//!   substitution table on the compiler is enough; the function literals of an instance
//!   are compiled inside it and share its table.

use std::collections::HashMap;

use minigo_vm::op::{FuncIdx, Op, Reg};

use super::expr::strip_parens;
use super::lower::FnCx;
use super::unit::Compiler;
use crate::ast::{self, ExprKind};
use crate::check::generic::{self, SubstMap};
use crate::check::object::ObjectKind;
use crate::check::types::{ObjectId, Type, TypeId, TypeParamId};
use crate::span::Span;

/// The monomorphization state of one compilation.
#[derive(Default)]
pub struct Mono<'a> {
    /// The declarations of generic functions and of the methods of generic types.
    pub decls: HashMap<ObjectId, &'a ast::FuncDecl>,
    /// Every instance requested so far, by generic object and concrete type arguments.
    instances: HashMap<(ObjectId, Vec<TypeId>), FuncIdx>,
    /// Requested instances whose bodies are not compiled yet.
    pending: Vec<Pending>,
    /// While an instance is compiled: each arena type mentioning one of its type
    /// parameters, mapped to its substitute. Empty otherwise.
    subst: HashMap<TypeId, TypeId>,
    /// The checker's types that mention a type parameter (computed on first use).
    generic_types: Option<Vec<TypeId>>,
}

/// An instance waiting for its body.
struct Pending {
    obj: ObjectId,
    targs: Vec<TypeId>,
    idx: FuncIdx,
}

impl<'a> Compiler<'a> {
    /// `ty` with the type parameters of the instance being compiled substituted.
    pub fn sub(&self, ty: TypeId) -> TypeId {
        self.mono.subst.get(&ty).copied().unwrap_or(ty)
    }

    /// The (substituted) type of object `obj`.
    pub fn obj_ty(&self, obj: ObjectId) -> TypeId {
        self.sub(self.prog.objects.get(obj).ty)
    }

    /// Whether `decl` (the declaration of `obj`) is generic: it has type parameters or is a
    /// method of a generic type. Generic declarations are recorded for instantiation.
    pub fn declare_generic(&mut self, obj: ObjectId, decl: &'a ast::FuncDecl) -> bool {
        if decl.tparams.is_empty() && self.generic_receiver(obj).is_none() {
            return false;
        }
        self.mono.decls.insert(obj, decl);
        true
    }

    /// The type parameters of the generic type a method `obj` is declared on, if any.
    fn generic_receiver(&self, obj: ObjectId) -> Option<Vec<TypeParamId>> {
        let ObjectKind::Func {
            recv: Some(recv), ..
        } = self.prog.objects.get(obj).kind
        else {
            return None;
        };
        let types = &self.prog.types;
        let base = match types.get(recv) {
            Type::Pointer(elem) => *elem,
            _ => recv,
        };
        match types.get(base) {
            Type::Named(n) if !types.named(*n).tparams.is_empty() => {
                Some(types.named(*n).tparams.clone())
            }
            _ => None,
        }
    }

    /// The type parameters an instance of `obj` binds: a generic function's own, or those
    /// of the generic type a method is declared on (which its body is written in).
    fn tparams_of(&self, obj: ObjectId) -> Vec<TypeParamId> {
        if let Some(params) = self.generic_receiver(obj) {
            return params;
        }
        let Some(decl) = self.mono.decls.get(&obj) else {
            return Vec::new();
        };
        let names = decl.tparams.iter().flat_map(|p| &p.names);
        names
            .filter_map(|n| self.prog.info.defs.get(&n.span))
            .filter_map(
                |&o| match self.prog.types.get(self.prog.objects.get(o).ty) {
                    Type::TypeParam(p) => Some(*p),
                    _ => None,
                },
            )
            .collect()
    }

    /// The function of generic `obj` instantiated with `targs` (already substituted),
    /// queued for compilation on first request; `None` when `obj` is not a generic
    /// declaration with a body.
    pub fn instance(&mut self, obj: ObjectId, targs: Vec<TypeId>, span: Span) -> Option<FuncIdx> {
        if let Some(&idx) = self.mono.instances.get(&(obj, targs.clone())) {
            return Some(idx);
        }
        self.mono.decls.get(&obj)?.body.as_ref()?;
        if targs.len() != self.tparams_of(obj).len() {
            // Not an instance (a generic origin reached without its arguments): compiling
            // the body unsubstituted would give its type parameters no representation.
            return None;
        }
        let idx = self.reserve_function(span);
        self.mono.instances.insert((obj, targs.clone()), idx);
        self.mono.pending.push(Pending { obj, targs, idx });
        Some(idx)
    }

    /// The function implementing the declared method `method` for a receiver of concrete
    /// type `recv` (a defined type, an instance of a generic one, or a pointer to either).
    pub fn method_instance(&mut self, method: ObjectId, recv: TypeId) -> Option<FuncIdx> {
        if let Some(&idx) = self.func_index.get(&method) {
            return Some(idx);
        }
        let base = match self.tys.get(recv) {
            Type::Pointer(elem) => *elem,
            _ => recv,
        };
        let Type::Named(n) = self.tys.get(base) else {
            return None;
        };
        let targs = self.tys.named(*n).targs.clone();
        self.instance(method, targs, Span::default())
    }

    /// Compiles every pending instance, including those requested along the way.
    pub fn compile_instances(&mut self) {
        while let Some(job) = self.mono.pending.pop() {
            let Some(&decl) = self.mono.decls.get(&job.obj) else {
                continue;
            };
            self.enter_instance(job.obj, &job.targs);
            let name = self.instance_name(job.obj);
            let f = FnCx::compile_decl(self, decl, job.obj, name);
            self.mono.subst.clear();
            self.set_function(job.idx, f);
        }
    }

    /// Whether instances are waiting to be compiled.
    pub fn has_pending_instances(&self) -> bool {
        !self.mono.pending.is_empty()
    }

    /// Builds the substitution table of the instance `obj[targs]`.
    fn enter_instance(&mut self, obj: ObjectId, targs: &[TypeId]) {
        let params = self.tparams_of(obj);
        let map = SubstMap::new(&params, targs);
        let candidates = self.generic_types();
        let mut subst = HashMap::new();
        for ty in candidates {
            if generic::mentions_any(&self.tys, ty, &params) {
                let res = generic::subst(&mut self.tys, ty, &map);
                subst.insert(ty, res);
            }
        }
        self.mono.subst = subst;
    }

    /// The checker's types that mention any type parameter (or are generic origins).
    fn generic_types(&mut self) -> Vec<TypeId> {
        if let Some(list) = &self.mono.generic_types {
            return list.clone();
        }
        let types = &self.prog.types;
        let n = types.len() as u32;
        let mut memo: Vec<Option<bool>> = vec![None; n as usize];
        let list: Vec<TypeId> = (0..n)
            .map(TypeId)
            .filter(|&t| mentions_param(types, t, &mut memo))
            .collect();
        self.mono.generic_types = Some(list.clone());
        list
    }

    /// Go's name of an instance, as its stack traces spell it: `main.Map[...]`,
    /// `main.(*Stack[...]).Push`, `main.Pair[...].String`.
    fn instance_name(&self, obj: ObjectId) -> String {
        let object = self.prog.objects.get(obj);
        let pkg = self.package_name(obj);
        let ObjectKind::Func {
            recv: Some(recv), ..
        } = object.kind
        else {
            return format!("{pkg}.{}[...]", object.name);
        };
        let (ptr, base) = match self.tys.get(recv) {
            Type::Pointer(elem) => (true, *elem),
            _ => (false, recv),
        };
        let type_name = match self.tys.get(base) {
            Type::Named(n) => self.prog.objects.get(self.tys.named(*n).obj).name.clone(),
            _ => ast::Name::default(),
        };
        if ptr {
            format!("{pkg}.(*{type_name}[...]).{}", object.name)
        } else {
            format!("{pkg}.{type_name}[...].{}", object.name)
        }
    }
}

impl FnCx<'_, '_> {
    /// The instance a generic function expression names (`F`, `pkg.F`, `F[int]`), with
    /// its substituted signature; `None` when `func` names no generic function.
    pub fn generic_target(&mut self, func: &ast::Expr) -> Option<(FuncIdx, TypeId)> {
        let func = strip_parens(func);
        let info = &self.c.prog.info;
        let key = |e: &ast::Expr| (e.span.file, e.id);
        let (inst, named) = match &func.kind {
            ExprKind::Index { x, .. } => {
                let x = strip_parens(x);
                let inst = info.instances.get(&key(func));
                (inst.or_else(|| info.instances.get(&key(x))), x)
            }
            _ => (info.instances.get(&key(func)), func),
        };
        let inst = inst?;
        let obj = *info.uses.get(&key(named))?;
        let targs = inst.targs.iter().map(|&t| self.c.sub(t)).collect();
        let sig = self.c.sub(inst.ty);
        let idx = self.c.instance(obj, targs, func.span)?;
        Some((idx, sig))
    }

    /// `R[dst]` = the generic function `e` names (`F[int]`, or `F` with inferred type
    /// arguments) as a func value; false when `e` names no generic function.
    pub fn generic_value(&mut self, e: &ast::Expr, dst: Reg) -> bool {
        let Some((func, _)) = self.generic_target(e) else {
            return false;
        };
        self.emit(Op::MakeClosure {
            dst,
            func,
            captures: dst,
            n: 0,
        });
        true
    }

    /// `R[dst]` = the method expression `T.M` (or `(*T).M`) of a method of a generic type,
    /// for the instance `T` names; false when `M` is not such a method.
    pub fn generic_method_expr(&mut self, x: &ast::Expr, method: ObjectId, dst: Reg) -> bool {
        if !self.c.mono.decls.contains_key(&method) {
            return false;
        }
        let recv = self.ty(x);
        let Some(func) = self.c.method_instance(method, recv) else {
            return false;
        };
        self.emit(Op::MakeClosure {
            dst,
            func,
            captures: dst,
            n: 0,
        });
        true
    }

    /// The type of the receiver reached from `recv` through the embedded fields `path`.
    pub fn receiver_type(&self, recv: &ast::Expr, path: &[usize]) -> TypeId {
        let mut ty = self.ty(recv);
        for &i in path {
            let base = super::call::deref(self, ty);
            ty = self
                .struct_fields(base)
                .get(i)
                .copied()
                .unwrap_or(TypeId::INVALID);
        }
        ty
    }

    /// For a method called on a value of type-parameter type: the concrete type the
    /// parameter stands for in this instance, unless that is an interface (which then
    /// dispatches dynamically as usual).
    pub fn constraint_receiver(&self, recv: &ast::Expr) -> Option<TypeId> {
        let raw = self.tv(recv)?.ty;
        if !matches!(self.c.tys.get(raw), Type::TypeParam(_)) {
            return None;
        }
        let ty = self.ty(recv);
        let is_iface = matches!(
            self.c.tys.get(self.c.tys.underlying(ty)),
            Type::Interface(_)
        );
        (!is_iface).then_some(ty)
    }
}

/// Whether `ty` mentions a type parameter or a generic origin, memoized by id.
fn mentions_param(
    types: &crate::check::types::Types,
    ty: TypeId,
    memo: &mut Vec<Option<bool>>,
) -> bool {
    if let Some(Some(known)) = memo.get(ty.0 as usize) {
        return *known;
    }
    // The walk follows structural components and type arguments, never a named type's
    // underlying type, so it terminates on recursive types.
    let any = |tys: &[TypeId], memo: &mut Vec<Option<bool>>| {
        tys.iter().any(|t| mentions_param(types, *t, memo))
    };
    let res = match types.get(ty) {
        Type::Basic(_) => false,
        Type::TypeParam(_) => true,
        Type::Pointer(e)
        | Type::Slice(e)
        | Type::Array { elem: e, .. }
        | Type::Chan { elem: e, .. } => any(&[*e], memo),
        Type::Map { key, value } => any(&[*key, *value], memo),
        Type::Struct(fields) => {
            let tys: Vec<TypeId> = fields.iter().map(|f| f.ty).collect();
            any(&tys, memo)
        }
        Type::Func(sig) => any(&sig.params, memo) || any(&sig.results, memo),
        Type::Interface(iface) => {
            let tys: Vec<TypeId> = iface.methods.iter().map(|m| m.sig).collect();
            let terms: Vec<TypeId> = iface.terms.iter().flatten().map(|t| t.ty).collect();
            any(&tys, memo) || any(&terms, memo)
        }
        Type::Tuple(elems) => any(elems, memo),
        Type::Named(n) => {
            let info = types.named(*n);
            (info.origin.is_none() && !info.tparams.is_empty()) || any(&info.targs, memo)
        }
    };
    if let Some(slot) = memo.get_mut(ty.0 as usize) {
        *slot = Some(res);
    }
    res
}
