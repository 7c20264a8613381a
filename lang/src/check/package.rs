//! Packages: loading imported declaration files, collecting each package's declarations,
//! and checking them in dependency order.
//!
//! Loading walks imports depth first from the user's files and returns packages imports
//! first, so a package is checked after everything it imports. Collecting puts every
//! package-level name into the package scope (imports into a per-file scope) without
//! checking anything; then every object is checked on first use or in source order
//! (`Checker::obj_decl`), which lets package-level declarations appear in any order and
//! finds cycles. Function bodies come last, then unused imports and the initialization
//! order of package-level variables.
//!
//! This module does not check individual declarations (`decl`) or bodies (`stmt`).
//! Invariant: a package is loaded and checked at most once, whatever imports it.

use std::collections::{HashMap, HashSet};

use crate::ast::{self, Name};
use crate::diag::Diagnostic;
use crate::span::SourceMap;

use super::Importer;
use super::checker::{Checker, DeclState, PkgDecl};
use super::error::TypeError;
use super::info::{Initializer, Package};
use super::object::{ObjectKind, PackageId, VarKind};
use super::scope::{ScopeId, ScopeKind};
use super::types::{ObjectId, TypeId};

/// A standard package read through the importer and parsed.
#[derive(Debug)]
pub(crate) struct LoadedPackage {
    pub path: String,
    pub files: Vec<ast::File>,
    pub user_visible: bool,
}

/// Loads every package the user's files import, directly or not, imports first.
pub(crate) fn load_imports(
    sources: &mut SourceMap,
    user_files: &[ast::File],
    importer: &dyn Importer,
    diags: &mut Vec<Diagnostic>,
) -> Vec<LoadedPackage> {
    let mut loader = Loader {
        sources,
        importer,
        diags,
        seen: HashSet::new(),
        out: Vec::new(),
    };
    for file in user_files {
        for imp in &file.imports {
            loader.visit(&imp.path);
        }
    }
    loader.out
}

struct Loader<'s> {
    sources: &'s mut SourceMap,
    importer: &'s dyn Importer,
    diags: &'s mut Vec<Diagnostic>,
    seen: HashSet<String>,
    out: Vec<LoadedPackage>,
}

impl Loader<'_> {
    fn visit(&mut self, path: &str) {
        if !self.seen.insert(path.to_string()) {
            return;
        }
        let Some(source) = self.importer.declaration(path) else {
            return;
        };
        let file_id = self
            .sources
            .add(source.file_name.clone(), source.text.clone());
        let (file, diags) = crate::parse::parse(file_id, &source.text);
        self.diags.extend(diags);
        for imp in &file.imports {
            self.visit(&imp.path);
        }
        self.out.push(LoadedPackage {
            path: path.to_string(),
            files: vec![file],
            user_visible: source.user_visible,
        });
    }
}

/// Methods found during collection, by the name of their receiver's base type.
type MethodsByBase = HashMap<Name, Vec<ObjectId>>;

impl<'a> Checker<'a> {
    /// Checks one package: collects, checks declarations and bodies, reports unused
    /// imports, and computes the initialization order.
    pub fn check_package(
        &mut self,
        path: &str,
        files: &'a [ast::File],
        user_visible: bool,
        is_user: bool,
    ) -> PackageId {
        let pkg = PackageId(self.packages.len() as u32);
        let name = package_name(files, path);
        let scope = self.scopes.push(ScopeId::UNIVERSE, ScopeKind::Package);
        self.packages.push(Package {
            name,
            path: path.to_string(),
            scope,
            files: files.iter().map(|f| f.id).collect(),
            user_visible,
            imports: Vec::new(),
            init_order: Vec::new(),
            inits: Vec::new(),
        });
        self.pkg = pkg;
        self.decls.clear();
        self.file_scopes.clear();
        let mut order = Vec::new();
        let mut methods = MethodsByBase::new();
        for file in files {
            self.collect_imports(file, scope, is_user);
            self.collect_file(file, scope, &mut order, &mut methods);
        }
        self.attach_methods(scope, methods);
        for &obj in &order {
            self.obj_decl(obj);
        }
        self.check_bodies(files);
        self.report_unused_imports(files);
        if is_user {
            self.require_main(scope, files);
        }
        self.packages[pkg.0 as usize].init_order = self.init_order(&order);
        pkg
    }

    fn collect_imports(&mut self, file: &'a ast::File, pkg_scope: ScopeId, is_user: bool) {
        let file_scope = self.scopes.push(pkg_scope, ScopeKind::File);
        self.file_scopes.insert(file.id, file_scope);
        for imp in &file.imports {
            let found = self
                .packages
                .iter()
                .position(|p| p.path == imp.path && (p.user_visible || !is_user));
            let Some(idx) = found else {
                self.error(TypeError::ImportNotFound {
                    path: imp.path.clone(),
                    span: imp.path_span,
                });
                self.declare_missing_package(imp, file_scope);
                continue;
            };
            let imported = PackageId(idx as u32);
            let cur = self.pkg.0 as usize;
            if !self.packages[cur].imports.contains(&imported) {
                self.packages[cur].imports.push(imported);
            }
            let name = match &imp.alias {
                Some(alias) if alias.name == "_" || alias.name == "." => continue,
                Some(alias) => alias.clone(),
                None => ast::Ident {
                    name: self.packages[idx].name.clone(),
                    span: imp.path_span,
                },
            };
            let obj = self.new_object(&name, ObjectKind::PkgName(imported), TypeId::INVALID);
            self.declare(file_scope, &name, obj);
        }
    }

    /// Declares the name a failed import would have bound as an invalid-typed object, so
    /// that its uses (`http.Get`) are accepted silently instead of each being reported as
    /// `undefined`: the import error is the one root cause.
    fn declare_missing_package(&mut self, imp: &'a ast::Import, file_scope: ScopeId) {
        let name = match &imp.alias {
            Some(alias) if alias.name == "_" || alias.name == "." => return,
            Some(alias) => alias.clone(),
            None => ast::Ident {
                name: imp.path.rsplit('/').next().unwrap_or(&imp.path).into(),
                span: imp.path_span,
            },
        };
        let obj = self.new_object(&name, ObjectKind::Var(VarKind::Global), TypeId::INVALID);
        self.declare(file_scope, &name, obj);
    }

    fn collect_file(
        &mut self,
        file: &'a ast::File,
        scope: ScopeId,
        order: &mut Vec<ObjectId>,
        methods: &mut MethodsByBase,
    ) {
        for decl in &file.decls {
            match decl {
                ast::Decl::Const(c) => self.collect_consts(c, scope, order),
                ast::Decl::Var(v) => {
                    for spec in &v.specs {
                        for name in &spec.names {
                            let obj = self.new_object(
                                name,
                                ObjectKind::Var(VarKind::Global),
                                TypeId::INVALID,
                            );
                            self.declare(scope, name, obj);
                            self.decls.insert(obj, PkgDecl::Var { spec });
                            order.push(obj);
                        }
                    }
                }
                ast::Decl::Type(t) => {
                    for spec in &t.specs {
                        let obj =
                            self.new_object(&spec.name, ObjectKind::TypeName, TypeId::INVALID);
                        self.declare(scope, &spec.name, obj);
                        self.decls.insert(obj, PkgDecl::Type { spec });
                        order.push(obj);
                    }
                }
                ast::Decl::Func(f) => self.collect_func(f, scope, order, methods),
                ast::Decl::Bad(_) => {}
            }
        }
    }

    fn collect_consts(
        &mut self,
        decl: &'a ast::ConstDecl,
        scope: ScopeId,
        order: &mut Vec<ObjectId>,
    ) {
        let mut source: Option<&'a ast::ConstSpec> = None;
        for spec in &decl.specs {
            if spec.ty.is_some() || !spec.values.is_empty() || source.is_none() {
                source = Some(spec);
            }
            let Some(source) = source else {
                unreachable!("set on the first spec")
            };
            for (index, name) in spec.names.iter().enumerate() {
                let obj = self.new_object(name, ObjectKind::Const, TypeId::INVALID);
                self.declare(scope, name, obj);
                self.decls.insert(
                    obj,
                    PkgDecl::Const {
                        spec,
                        source,
                        index,
                    },
                );
                order.push(obj);
            }
        }
    }

    fn collect_func(
        &mut self,
        f: &'a ast::FuncDecl,
        scope: ScopeId,
        order: &mut Vec<ObjectId>,
        methods: &mut MethodsByBase,
    ) {
        let kind = ObjectKind::Func {
            recv: None,
            has_body: f.body.is_some(),
        };
        let obj = self.new_object(&f.name, kind, TypeId::INVALID);
        self.decls.insert(obj, PkgDecl::Func { decl: f });
        order.push(obj);
        if let Some(recv) = &f.recv {
            self.info.defs.insert(f.name.span, obj);
            if let Some(base) = receiver_base(&recv.ty) {
                methods.entry(base).or_default().push(obj);
            }
        } else if f.name.name == "init" {
            self.info.defs.insert(f.name.span, obj);
            let cur = self.pkg.0 as usize;
            self.packages[cur].inits.push(obj);
        } else {
            self.declare(scope, &f.name, obj);
        }
    }

    /// Gives each defined type of the package the methods declared on it, so that method
    /// lookups work as soon as the type is declared.
    fn attach_methods(&mut self, scope: ScopeId, methods: MethodsByBase) {
        for (base, objs) in methods {
            let Some(ty_obj) = self.scopes.get(scope).get(&base) else {
                continue;
            };
            if !matches!(self.decls.get(&ty_obj), Some(PkgDecl::Type { .. })) {
                continue;
            }
            self.pending_methods.entry(ty_obj).or_default().extend(objs);
        }
    }

    /// Checks the declaration of a package-level object unless that was done already.
    pub fn obj_decl(&mut self, obj: ObjectId) {
        match self.states.get(&obj) {
            Some(DeclState::Done) => return,
            Some(DeclState::InProgress) => return self.report_cycle(obj),
            None => {}
        }
        let Some(decl) = self.decls.get(&obj).copied() else {
            return;
        };
        self.states.insert(obj, DeclState::InProgress);
        let saved_scope = self.scope;
        let saved_funcs = std::mem::take(&mut self.funcs);
        let saved_iota = self.iota.take();
        let saved_decl = self.current_decl.replace(obj);
        self.scope = self.decl_scope(&decl);
        match decl {
            PkgDecl::Const {
                spec,
                source,
                index,
            } => self.pkg_const(obj, spec, source, index),
            PkgDecl::Var { spec } => self.pkg_var(spec),
            PkgDecl::Type { spec } => self.pkg_type(obj, spec),
            PkgDecl::Func { decl } => self.func_signature(obj, decl),
        }
        self.scope = saved_scope;
        self.funcs = saved_funcs;
        self.iota = saved_iota;
        self.current_decl = saved_decl;
        self.states.insert(obj, DeclState::Done);
    }

    fn decl_scope(&self, decl: &PkgDecl<'a>) -> ScopeId {
        let file = match decl {
            PkgDecl::Const { spec, .. } => spec.span.file,
            PkgDecl::Var { spec } => spec.span.file,
            PkgDecl::Type { spec } => spec.span.file,
            PkgDecl::Func { decl } => decl.span.file,
        };
        let pkg_scope = self.packages[self.pkg.0 as usize].scope;
        self.file_scopes.get(&file).copied().unwrap_or(pkg_scope)
    }

    /// A constant or variable met again while its own initializer is being checked.
    /// Types and functions may refer to themselves (through pointers, or recursively).
    fn report_cycle(&mut self, obj: ObjectId) {
        let o = self.objects.get(obj);
        if matches!(o.kind, ObjectKind::Const | ObjectKind::Var(_)) && o.ty == TypeId::INVALID {
            let (name, span) = (o.name.to_string(), o.span);
            self.error(TypeError::InitCycle { name, span });
        }
    }

    fn check_bodies(&mut self, files: &'a [ast::File]) {
        for file in files {
            for decl in &file.decls {
                let ast::Decl::Func(f) = decl else { continue };
                let Some(obj) = self.func_obj_of(f) else {
                    continue;
                };
                self.scope = self
                    .file_scopes
                    .get(&file.id)
                    .copied()
                    .unwrap_or(self.scope);
                self.current_decl = Some(obj);
                self.func_body(obj, f);
                self.current_decl = None;
            }
        }
    }

    /// Go's `function main is undeclared in the main package`, reported at the package
    /// clause of the first file.
    fn require_main(&mut self, scope: ScopeId, files: &[ast::File]) {
        let main = self.scopes.get(scope).get("main");
        let is_func =
            main.is_some_and(|m| matches!(self.objects.get(m).kind, ObjectKind::Func { .. }));
        if is_func {
            return;
        }
        let span = files
            .first()
            .map(|f| f.package.as_ref().map_or(f.span, |p| p.span));
        if let Some(span) = span {
            self.error_at(span, "function main is undeclared in the main package");
        }
    }

    fn func_obj_of(&self, f: &ast::FuncDecl) -> Option<ObjectId> {
        self.info.defs.get(&f.name.span).copied()
    }

    fn report_unused_imports(&mut self, files: &'a [ast::File]) {
        for file in files {
            for imp in &file.imports {
                let name_span = imp.alias.as_ref().map_or(imp.path_span, |a| a.span);
                let Some(&obj) = self.info.defs.get(&name_span) else {
                    continue;
                };
                if self.used.contains(&obj) {
                    continue;
                }
                let path = imp.path.clone();
                let err = match &imp.alias {
                    Some(alias) => TypeError::UnusedImportAs {
                        path,
                        alias: alias.name.to_string(),
                        span: imp.span,
                    },
                    None => TypeError::UnusedImport {
                        path,
                        span: imp.span,
                    },
                };
                self.error(err);
            }
        }
    }

    /// Go's initialization order: repeatedly the earliest variable (in declaration order)
    /// whose dependencies are all initialized. A dependency on a function counts as
    /// dependencies on every variable that function refers to, transitively.
    fn init_order(&self, order: &[ObjectId]) -> Vec<Initializer> {
        let vars: Vec<ObjectId> = order
            .iter()
            .copied()
            .filter(|o| matches!(self.decls.get(o), Some(PkgDecl::Var { .. })))
            .collect();
        let needs: HashMap<ObjectId, HashSet<ObjectId>> =
            vars.iter().map(|&v| (v, self.var_deps(v))).collect();
        let mut done: HashSet<ObjectId> = HashSet::new();
        let mut res = Vec::new();
        while done.len() < vars.len() {
            let ready = vars.iter().copied().find(|v| {
                !done.contains(v)
                    && needs
                        .get(v)
                        .is_none_or(|n| n.iter().all(|d| done.contains(d) || d == v))
            });
            // A cycle was reported already; fall back to declaration order.
            let Some(next) = ready.or_else(|| vars.iter().copied().find(|v| !done.contains(v)))
            else {
                break;
            };
            self.emit_initializer(next, &mut done, &mut res);
        }
        res
    }

    fn emit_initializer(
        &self,
        var: ObjectId,
        done: &mut HashSet<ObjectId>,
        out: &mut Vec<Initializer>,
    ) {
        let Some(PkgDecl::Var { spec }) = self.decls.get(&var) else {
            return;
        };
        let objs: Vec<Option<ObjectId>> = spec
            .names
            .iter()
            .map(|n| self.info.defs.get(&n.span).copied())
            .collect();
        let pos = objs.iter().position(|o| *o == Some(var)).unwrap_or(0);
        let lhs_of = |i: usize| objs.get(i).copied().flatten();
        if spec.values.len() == 1 && spec.names.len() > 1 {
            done.extend(objs.iter().flatten().copied());
            let rhs = &spec.values[0];
            out.push(Initializer {
                lhs: objs.clone(),
                rhs: (rhs.span.file, rhs.id),
                rhs_span: rhs.span,
            });
            return;
        }
        done.insert(var);
        if let Some(rhs) = spec.values.get(pos) {
            out.push(Initializer {
                lhs: vec![lhs_of(pos)],
                rhs: (rhs.span.file, rhs.id),
                rhs_span: rhs.span,
            });
        }
    }

    /// The package-level variables `var`'s initializer needs, looking through functions.
    fn var_deps(&self, var: ObjectId) -> HashSet<ObjectId> {
        let mut res = HashSet::new();
        let mut seen = HashSet::new();
        let mut stack: Vec<ObjectId> = self
            .deps
            .get(&var)
            .map(|d| d.iter().copied().collect())
            .unwrap_or_default();
        while let Some(obj) = stack.pop() {
            if !seen.insert(obj) {
                continue;
            }
            if matches!(self.decls.get(&obj), Some(PkgDecl::Var { .. })) {
                res.insert(obj);
            } else if let Some(d) = self.deps.get(&obj) {
                stack.extend(d.iter().copied());
            }
        }
        res
    }
}

/// The package clause's name, or the last element of the import path.
fn package_name(files: &[ast::File], path: &str) -> Name {
    files
        .iter()
        .find_map(|f| f.package.as_ref().map(|p| p.name.clone()))
        .unwrap_or_else(|| Name::new(path.rsplit('/').next().unwrap_or(path)))
}

/// The type name a method's receiver refers to: `T` in `T`, `*T`, `T[K]`, `*T[K, V]`.
fn receiver_base(ty: &ast::Expr) -> Option<Name> {
    match &ty.kind {
        ast::ExprKind::Ident(name) => Some(name.clone()),
        ast::ExprKind::Star(x) | ast::ExprKind::Paren(x) => receiver_base(x),
        ast::ExprKind::Index { x, .. } => receiver_base(x),
        _ => None,
    }
}
