//! The walker's state: the arenas being built, the side tables being filled, and where in
//! the program the walk currently is (package, scope, enclosing functions, `iota`).
//!
//! The other walker modules (`package`, `decl`, `typexpr`, `expr`, `call`, `builtin`,
//! `stmt`, `flow`) add `impl Checker` blocks; this one holds the fields and the small
//! helpers every one of them needs: reporting errors, recording results, declaring and
//! resolving names, printing types for messages.
//!
//! Invariant: `scope` is always a scope of the current package (or the universe while the
//! universe is populated); functions that open a scope restore the previous one before
//! returning.

use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};

use indexmap::IndexSet;

use super::constops::Value;
use crate::ast::{self, Name};
use crate::span::Span;

use super::error::TypeError;
use super::info::{ExprKey, ExprMode, FuncInfo, Info, Package, TypeAndValue};
use super::object::{Object, ObjectKind, Objects, PackageId, VarKind};
use super::scope::{ScopeId, ScopeKind, Scopes};
use super::types::{ObjectId, TypeId, Types};
use super::typestr::TypeFmt;
use super::universe::{self, Universe};

/// A package-level declaration waiting to be checked (checked on first use, or in source
/// order at the end of collection).
#[derive(Clone, Copy, Debug)]
pub(crate) enum PkgDecl<'a> {
    /// The `index`th name of a constant spec; `source` is the spec whose type and values
    /// apply (itself, or the earlier spec an implicit repetition copies).
    Const {
        spec: &'a ast::ConstSpec,
        source: &'a ast::ConstSpec,
        index: usize,
    },
    /// A variable spec; every name of the spec shares the entry.
    Var {
        spec: &'a ast::VarSpec,
    },
    Type {
        spec: &'a ast::TypeSpec,
    },
    Func {
        decl: &'a ast::FuncDecl,
    },
}

/// Where a package-level object is in its check (go/types' object colors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DeclState {
    InProgress,
    Done,
}

/// One function being checked (a declaration or a literal), innermost last.
#[derive(Clone, Debug)]
pub(crate) struct FuncFrame {
    /// Index into `info.funcs`.
    pub info: usize,
    /// The function's signature type.
    pub sig: TypeId,
    /// The named results, for a bare `return`.
    pub named_results: Vec<ObjectId>,
}

/// A struct field's identity: package (for unexported names), name, type, embedded, tag.
pub(crate) type FieldKey = (Option<PackageId>, Name, TypeId, bool, Option<String>);

pub(crate) struct Checker<'a> {
    pub types: Types,
    pub objects: Objects,
    pub scopes: Scopes,
    pub universe: Universe,
    pub info: Info,
    pub consts: HashMap<ObjectId, Value>,
    pub packages: Vec<Package>,
    pub errors: Vec<TypeError>,
    /// The package being checked.
    pub pkg: PackageId,
    pub scope: ScopeId,
    pub decls: FxHashMap<ObjectId, PkgDecl<'a>>,
    pub states: FxHashMap<ObjectId, DeclState>,
    /// Variables that were read, and imports that were referred to.
    pub used: FxHashSet<ObjectId>,
    /// The enclosing functions, innermost last.
    pub funcs: Vec<FuncFrame>,
    /// For each local variable, the index in `info.funcs` of the function declaring it.
    pub var_owner: FxHashMap<ObjectId, usize>,
    /// The value of `iota` inside a constant declaration.
    pub iota: Option<Value>,
    /// The package-level object whose declaration or body is being checked, and what each
    /// such object refers to (for the initialization order).
    pub current_decl: Option<ObjectId>,
    pub deps: FxHashMap<ObjectId, IndexSet<ObjectId>>,
    /// Methods of each defined type of the current package, by the type's object; attached
    /// to the named type when its declaration is checked.
    pub pending_methods: FxHashMap<ObjectId, Vec<ObjectId>>,
    /// The type parameters of each generic function.
    pub func_tparams: FxHashMap<ObjectId, Vec<super::types::TypeParamId>>,
    /// The scope holding each declared function's type parameters (the parent of its body).
    pub func_scopes: FxHashMap<ObjectId, ScopeId>,
    /// Locals whose use is judged by the statement declaring them (type switch bindings).
    pub used_elsewhere: FxHashSet<ObjectId>,
    /// Labels that some `break` or `continue` names, by the label's span.
    pub used_labels: FxHashSet<Span>,
    /// Struct field objects by what makes two fields identical (see `typexpr`).
    pub field_objects: FxHashMap<FieldKey, ObjectId>,
    /// The file scope of each file of the current package.
    pub file_scopes: FxHashMap<crate::span::FileId, ScopeId>,
}

impl<'a> Checker<'a> {
    pub fn new() -> Checker<'a> {
        let mut types = Types::new();
        let mut objects = Objects::new();
        let mut scopes = Scopes::new();
        let universe = universe::populate(&mut types, &mut objects, &mut scopes);
        let mut consts = HashMap::new();
        consts.insert(universe.true_, Value::Bool(true));
        consts.insert(universe.false_, Value::Bool(false));
        Checker {
            types,
            objects,
            scopes,
            universe,
            info: Info::default(),
            consts,
            packages: Vec::new(),
            errors: Vec::new(),
            pkg: PackageId(0),
            scope: ScopeId::UNIVERSE,
            decls: FxHashMap::default(),
            states: FxHashMap::default(),
            used: FxHashSet::default(),
            funcs: Vec::new(),
            var_owner: FxHashMap::default(),
            iota: None,
            current_decl: None,
            deps: FxHashMap::default(),
            pending_methods: FxHashMap::default(),
            func_tparams: FxHashMap::default(),
            func_scopes: FxHashMap::default(),
            used_elsewhere: FxHashSet::default(),
            field_objects: FxHashMap::default(),
            used_labels: FxHashSet::default(),
            file_scopes: FxHashMap::default(),
        }
    }

    /// The finished program (without the imported packages' files, which the caller
    /// owns until checking is over) and the errors found.
    pub fn finish(self) -> (super::info::Program, Vec<TypeError>) {
        let program = super::info::Program {
            types: self.types,
            objects: self.objects,
            scopes: self.scopes,
            packages: self.packages,
            files: Vec::new(),
            consts: self.consts,
            info: self.info,
        };
        (program, self.errors)
    }

    pub fn error(&mut self, err: TypeError) {
        self.errors.push(err);
    }

    /// An error whose message has no fixed shape among [`TypeError`]'s variants.
    pub fn error_at(&mut self, span: Span, detail: impl Into<String>) {
        self.errors.push(TypeError::Other {
            detail: detail.into(),
            span,
        });
    }

    pub fn invalid_op(&mut self, span: Span, detail: impl Into<String>) {
        self.errors.push(TypeError::InvalidOp {
            detail: detail.into(),
            span,
        });
    }

    /// Go's spelling of `ty` in messages: types of the current package bare, others
    /// qualified by package name.
    pub fn type_str(&self, ty: TypeId) -> String {
        let names = |p: PackageId| self.package_name(p);
        TypeFmt::message(&self.types, &self.objects, &names, Some(self.pkg)).type_str(ty)
    }

    pub fn package_name(&self, pkg: PackageId) -> Name {
        match self.packages.get(pkg.0 as usize) {
            Some(p) => p.name.clone(),
            None => Name::new("?"),
        }
    }

    pub fn record(&mut self, expr: &ast::Expr, mode: ExprMode, ty: TypeId) {
        self.info.exprs.insert(key(expr), TypeAndValue { mode, ty });
    }

    pub fn record_use(&mut self, expr: &ast::Expr, obj: ObjectId) {
        self.info.uses.insert(key(expr), obj);
    }

    /// Opens a scope nested in the current one and makes it current; returns the previous
    /// scope for [`Checker::close_scope`].
    pub fn open_scope(&mut self, kind: ScopeKind) -> ScopeId {
        let prev = self.scope;
        self.scope = self.scopes.push(prev, kind);
        prev
    }

    pub fn close_scope(&mut self, prev: ScopeId) {
        self.scope = prev;
    }

    /// Creates an object of the current package.
    pub fn new_object(&mut self, name: &ast::Ident, kind: ObjectKind, ty: TypeId) -> ObjectId {
        let pkg = Some(self.pkg);
        self.objects.add(Object {
            name: name.name.clone(),
            kind,
            ty,
            pkg,
            span: name.span,
        })
    }

    /// Declares `obj` under `name` in `scope` (unless the name is `_`), reporting a
    /// redeclaration, and records the definition.
    pub fn declare(&mut self, scope: ScopeId, name: &ast::Ident, obj: ObjectId) {
        self.info.defs.insert(name.span, obj);
        if name.is_blank() {
            return;
        }
        if let Err(prev) = self.scopes.insert(scope, name.name.clone(), obj) {
            let prev = self.objects.get(prev).span;
            self.error(TypeError::Redeclared {
                name: name.name.to_string(),
                span: name.span,
                prev,
            });
        }
    }

    /// Declares a new local variable (or parameter) in the current scope and attributes it
    /// to the innermost function.
    pub fn declare_local(&mut self, name: &ast::Ident, kind: VarKind, ty: TypeId) -> ObjectId {
        let obj = self.new_object(name, ObjectKind::Var(kind), ty);
        self.declare(self.scope, name, obj);
        self.add_local(obj);
        obj
    }

    pub fn add_local(&mut self, obj: ObjectId) {
        if let Some(frame) = self.funcs.last() {
            let idx = frame.info;
            self.var_owner.insert(obj, idx);
            if let Some(f) = self.info.funcs.get_mut(idx) {
                f.locals.push(obj);
            }
        }
    }

    /// Starts a function's bookkeeping; returns its index in `info.funcs`.
    pub fn push_func(&mut self, info: FuncInfo, sig: TypeId) -> usize {
        let idx = self.info.funcs.len();
        self.info.funcs.push(info);
        self.funcs.push(FuncFrame {
            info: idx,
            sig,
            named_results: Vec::new(),
        });
        idx
    }

    pub fn pop_func(&mut self) {
        self.funcs.pop();
    }

    /// Notes that the current code refers to `obj`: for closures (a variable of an
    /// enclosing function is captured) and for the initialization order (a package-level
    /// object is a dependency of the declaration being checked).
    pub fn note_reference(&mut self, obj: ObjectId) {
        if let Some(cur) = self.current_decl
            && self.decls.contains_key(&obj)
        {
            self.deps.entry(cur).or_default().insert(obj);
        }
        let Some(&owner) = self.var_owner.get(&obj) else {
            return;
        };
        let Some(inner) = self.funcs.last().map(|f| f.info) else {
            return;
        };
        if owner == inner {
            return;
        }
        if let Some(f) = self.info.funcs.get_mut(owner)
            && !f.captured.contains(&obj)
        {
            f.captured.push(obj);
        }
        // Every function between the owner and the use sees the variable as free.
        for frame in self.funcs.iter().rev() {
            if frame.info == owner {
                break;
            }
            if let Some(f) = self.info.funcs.get_mut(frame.info)
                && !f.free.contains(&obj)
            {
                f.free.push(obj);
            }
        }
    }

    /// The result types of the innermost function.
    pub fn current_results(&self) -> Vec<TypeId> {
        let Some(frame) = self.funcs.last() else {
            return Vec::new();
        };
        match self.types.get(frame.sig) {
            super::types::Type::Func(sig) => sig.results.clone(),
            _ => Vec::new(),
        }
    }
}

/// The side-table key of an expression.
pub(crate) fn key(expr: &ast::Expr) -> ExprKey {
    (expr.span.file, expr.id)
}
