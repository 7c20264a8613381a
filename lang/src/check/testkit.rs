//! A builder of hand-made types and objects for the unit tests of the type relations.
//!
//! It declares what the checker would: defined types with their type-name objects,
//! methods as function objects attached to their receiver's type, struct fields, type
//! parameters with constraints. Package 0 is `main` (the current package in messages),
//! package 1 is `sync`. Test-only: nothing here validates its input.

use crate::ast::Name;
use crate::span::Span;

use super::generic::{self, EmbeddedElem};
use super::object::{Object, ObjectKind, Objects, PackageId, VarKind};
use super::types::{Field, Method, ObjectId, Signature, Term, Type, TypeId, TypeParamId, Types};
use super::typestr::TypeFmt;

pub const MAIN: PackageId = PackageId(0);
pub const SYNC: PackageId = PackageId(1);

pub fn package_name(pkg: PackageId) -> Name {
    if pkg == MAIN {
        "main".into()
    } else {
        "sync".into()
    }
}

pub struct Kit {
    pub types: Types,
    pub objects: Objects,
}

impl Kit {
    pub fn new() -> Kit {
        Kit {
            types: Types::new(),
            objects: Objects::new(),
        }
    }

    pub fn obj(&mut self, name: &str, kind: ObjectKind, pkg: Option<PackageId>) -> ObjectId {
        self.objects.add(Object {
            name: name.into(),
            kind,
            ty: TypeId::INVALID,
            pkg,
            span: Span::default(),
        })
    }

    /// `type name underlying` in package `main`.
    pub fn named(&mut self, name: &str, underlying: TypeId) -> TypeId {
        self.named_in(MAIN, name, underlying)
    }

    pub fn named_in(&mut self, pkg: PackageId, name: &str, underlying: TypeId) -> TypeId {
        let obj = self.obj(name, ObjectKind::TypeName, Some(pkg));
        let ty = self.types.new_named(obj, Vec::new());
        self.set_underlying(ty, underlying);
        self.objects.get_mut(obj).ty = ty;
        ty
    }

    pub fn set_underlying(&mut self, named: TypeId, underlying: TypeId) {
        let id = generic::named_id(&self.types, named).expect("a named type");
        self.types.named_mut(id).underlying = self.types.underlying(underlying);
        generic::complete_instances(&mut self.types);
    }

    /// A type parameter `name` with constraint `constraint`, at position `index`.
    pub fn tparam(&mut self, name: &str, index: u32, constraint: TypeId) -> (TypeId, TypeParamId) {
        let obj = self.obj(name, ObjectKind::TypeName, Some(MAIN));
        let ty = self.types.new_type_param(obj, index);
        let Type::TypeParam(id) = *self.types.get(ty) else {
            unreachable!("just made")
        };
        self.types.type_param_mut(id).constraint = constraint;
        self.objects.get_mut(obj).ty = ty;
        (ty, id)
    }

    /// `type name[params...] ...` whose underlying type is set later with
    /// [`Kit::set_underlying`]; returns the origin type and its parameters.
    pub fn generic(
        &mut self,
        name: &str,
        params: &[&str],
    ) -> (TypeId, Vec<TypeId>, Vec<TypeParamId>) {
        let any = self.iface(&[]);
        let (tys, ids): (Vec<TypeId>, Vec<TypeParamId>) = params
            .iter()
            .enumerate()
            .map(|(i, p)| self.tparam(p, i as u32, any))
            .unzip();
        let obj = self.obj(name, ObjectKind::TypeName, Some(MAIN));
        let ty = self.types.new_named(obj, ids.clone());
        self.objects.get_mut(obj).ty = ty;
        (ty, tys, ids)
    }

    pub fn sig(&mut self, params: &[TypeId], results: &[TypeId]) -> TypeId {
        self.types.func(Signature {
            params: params.to_vec(),
            results: results.to_vec(),
            variadic: false,
        })
    }

    pub fn variadic_sig(&mut self, params: &[TypeId], results: &[TypeId]) -> TypeId {
        self.types.func(Signature {
            params: params.to_vec(),
            results: results.to_vec(),
            variadic: true,
        })
    }

    /// Declares method `name` with signature `sig` on `recv` (by pointer when `ptr`).
    pub fn method(&mut self, recv: TypeId, name: &str, sig: TypeId, ptr: bool) -> ObjectId {
        let recv_ty = if ptr { self.types.pointer(recv) } else { recv };
        let obj = self.obj(
            name,
            ObjectKind::Func {
                recv: Some(recv_ty),
                has_body: true,
            },
            Some(MAIN),
        );
        self.objects.get_mut(obj).ty = sig;
        let id = generic::named_id(&self.types, recv).expect("methods go on named types");
        self.types.named_mut(id).methods.push(obj);
        obj
    }

    /// A struct from `(name, type)` pairs; a name of `""` embeds the type (whose name
    /// then names the field).
    pub fn strukt(&mut self, fields: &[(&str, TypeId)]) -> TypeId {
        let fields = fields
            .iter()
            .map(|(name, ty)| self.field(name, *ty))
            .collect();
        self.types.intern(Type::Struct(fields))
    }

    fn field(&mut self, name: &str, ty: TypeId) -> Field {
        let embedded = name.is_empty();
        let name: Name = if embedded {
            self.embedded_name(ty)
        } else {
            name.into()
        };
        let obj = self.obj(&name, ObjectKind::Var(VarKind::Field), Some(MAIN));
        self.objects.get_mut(obj).ty = ty;
        Field {
            name,
            ty,
            embedded,
            tag: None,
            obj,
        }
    }

    fn embedded_name(&self, ty: TypeId) -> Name {
        let base = match self.types.get(ty) {
            Type::Pointer(elem) => *elem,
            _ => ty,
        };
        match self.types.get(base) {
            Type::Named(id) => self.objects.get(self.types.named(*id).obj).name.clone(),
            other => unreachable!("embedded fields are named types, not {other:?}"),
        }
    }

    /// A method-only interface from `(name, signature)` pairs.
    pub fn iface(&mut self, methods: &[(&str, TypeId)]) -> TypeId {
        let methods = methods
            .iter()
            .map(|(name, sig)| self.iface_method(name, *sig))
            .collect();
        let iface = generic::flatten_interface(&self.types, methods, &[]).expect("no duplicates");
        self.types.intern(Type::Interface(iface))
    }

    pub fn iface_method(&mut self, name: &str, sig: TypeId) -> Method {
        let obj = self.obj(
            name,
            ObjectKind::Func {
                recv: None,
                has_body: false,
            },
            Some(MAIN),
        );
        self.objects.get_mut(obj).ty = sig;
        Method {
            name: name.into(),
            sig,
            obj,
        }
    }

    /// A constraint interface `interface{ terms }`, each `(tilde, type)`.
    pub fn union(&mut self, terms: &[(bool, TypeId)]) -> TypeId {
        let terms = terms
            .iter()
            .map(|&(tilde, ty)| Term { tilde, ty })
            .collect();
        let iface =
            generic::flatten_interface(&self.types, Vec::new(), &[EmbeddedElem::Union(terms)]);
        self.types
            .intern(Type::Interface(iface.expect("no methods")))
    }

    /// The `comparable` constraint.
    pub fn comparable(&mut self) -> TypeId {
        let iface = super::types::Interface {
            methods: Vec::new(),
            terms: None,
            comparable: true,
        };
        self.types.intern(Type::Interface(iface))
    }

    /// `ty` in the compiler's message style, with `main` as the current package.
    pub fn show(&self, ty: TypeId) -> String {
        TypeFmt::message(&self.types, &self.objects, &package_name, Some(MAIN)).type_str(ty)
    }

    pub fn fmt(&self) -> TypeFmt<'_> {
        TypeFmt::message(&self.types, &self.objects, &package_name, Some(MAIN))
    }
}

/// An importer with no packages, for programs that import nothing.
struct NoPackages;

impl super::Importer for NoPackages {
    fn declaration(&self, _path: &str) -> Option<super::PackageSource> {
        None
    }
}

/// Parses and checks a whole program that imports nothing; returns its diagnostics as
/// `LINE:COL: message` lines.
pub fn diagnostics(src: &str) -> Vec<String> {
    let mut sources = crate::span::SourceMap::new();
    let id = sources.add("prog.go", src);
    let (file, mut diags) = crate::parse::parse(id, src);
    let (_, check_diags) = super::check_program(&mut sources, &[file], &NoPackages);
    diags.extend(check_diags);
    diags
        .iter()
        .map(|d| {
            let (line, col) = sources.get(d.primary.file).line_col(d.primary.start);
            format!("{line}:{col}: {}", d.message)
        })
        .collect()
}
