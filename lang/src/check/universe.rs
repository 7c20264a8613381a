//! The universe scope: Go's predeclared identifiers.
//!
//! It declares the basic type names (with `byte` and `rune` as aliases of `uint8` and
//! `int32`), `any` (an alias of the empty interface), `error` (a defined interface type
//! with the one method `Error() string`), `comparable`, the constants `true`, `false` and
//! `iota`, `nil`, and the builtin functions, all into [`ScopeId::UNIVERSE`] with no package.
//!
//! This module does not give the constants their values: the constant table belongs to
//! the checker, which reads [`Universe`] to fill it. Invariant: it runs exactly once per
//! program, first, so universe objects have the lowest ids.

use crate::ast::Name;
use crate::span::Span;

use super::object::{Builtin, Object, ObjectKind, Objects};
use super::scope::{ScopeId, Scopes};
use super::types::{Basic, Interface, Method, ObjectId, Signature, Type, TypeId, Types};

/// The universe objects the checker treats specially.
#[derive(Clone, Copy, Debug)]
pub struct Universe {
    pub true_: ObjectId,
    pub false_: ObjectId,
    pub iota: ObjectId,
    pub nil: ObjectId,
    /// The `error` interface type.
    pub error: TypeId,
    /// The empty interface, `any`.
    pub any: TypeId,
    /// The `comparable` constraint interface.
    pub comparable: TypeId,
}

fn declare(
    objects: &mut Objects,
    scopes: &mut Scopes,
    name: &str,
    kind: ObjectKind,
    ty: TypeId,
) -> ObjectId {
    let obj = objects.add(Object {
        name: Name::new(name),
        kind,
        ty,
        pkg: None,
        span: Span::default(),
    });
    if scopes
        .insert(ScopeId::UNIVERSE, Name::new(name), obj)
        .is_err()
    {
        unreachable!("universe name {name} declared twice");
    }
    obj
}

/// Declares every predeclared identifier into the universe scope.
pub fn populate(types: &mut Types, objects: &mut Objects, scopes: &mut Scopes) -> Universe {
    for b in Basic::ALL {
        if b != Basic::Invalid && !b.is_untyped() {
            declare(
                objects,
                scopes,
                b.name(),
                ObjectKind::TypeName,
                types.basic(b),
            );
        }
    }
    declare(objects, scopes, "byte", ObjectKind::TypeName, TypeId::BYTE);
    declare(objects, scopes, "rune", ObjectKind::TypeName, TypeId::RUNE);
    let any = types.intern(Type::Interface(Interface {
        methods: Vec::new(),
        terms: None,
        comparable: false,
    }));
    declare(objects, scopes, "any", ObjectKind::TypeName, any);
    let error = declare_error(types, objects, scopes);
    let comparable = declare_comparable(types, objects, scopes);
    let true_ = declare(
        objects,
        scopes,
        "true",
        ObjectKind::Const,
        TypeId::UNTYPED_BOOL,
    );
    let false_ = declare(
        objects,
        scopes,
        "false",
        ObjectKind::Const,
        TypeId::UNTYPED_BOOL,
    );
    let iota = declare(
        objects,
        scopes,
        "iota",
        ObjectKind::Const,
        TypeId::UNTYPED_INT,
    );
    let nil = declare(objects, scopes, "nil", ObjectKind::Nil, TypeId::UNTYPED_NIL);
    for b in Builtin::ALL {
        declare(
            objects,
            scopes,
            b.name(),
            ObjectKind::Builtin(b),
            TypeId::INVALID,
        );
    }
    Universe {
        true_,
        false_,
        iota,
        nil,
        error,
        any,
        comparable,
    }
}

/// `type error interface { Error() string }`.
fn declare_error(types: &mut Types, objects: &mut Objects, scopes: &mut Scopes) -> TypeId {
    let obj = declare(
        objects,
        scopes,
        "error",
        ObjectKind::TypeName,
        TypeId::INVALID,
    );
    let named = types.new_named(obj, Vec::new());
    objects.get_mut(obj).ty = named;
    let sig = types.func(Signature {
        params: Vec::new(),
        results: vec![TypeId::STRING],
        variadic: false,
    });
    let method = objects.add(Object {
        name: Name::new("Error"),
        kind: ObjectKind::Func {
            recv: Some(named),
            has_body: false,
        },
        ty: sig,
        pkg: None,
        span: Span::default(),
    });
    let iface = Interface {
        methods: vec![Method {
            name: Name::new("Error"),
            sig,
            obj: method,
        }],
        terms: None,
        comparable: false,
    };
    let underlying = types.intern(Type::Interface(iface));
    set_underlying(types, named, underlying);
    named
}

/// `comparable`: a defined interface whose type set is the comparable types.
fn declare_comparable(types: &mut Types, objects: &mut Objects, scopes: &mut Scopes) -> TypeId {
    let obj = declare(
        objects,
        scopes,
        "comparable",
        ObjectKind::TypeName,
        TypeId::INVALID,
    );
    let named = types.new_named(obj, Vec::new());
    objects.get_mut(obj).ty = named;
    let underlying = types.intern(Type::Interface(Interface {
        methods: Vec::new(),
        terms: None,
        comparable: true,
    }));
    set_underlying(types, named, underlying);
    named
}

fn set_underlying(types: &mut Types, named: TypeId, underlying: TypeId) {
    match *types.get(named) {
        Type::Named(n) => types.named_mut(n).underlying = underlying,
        _ => unreachable!("new_named returns a named type"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predeclared_names_resolve() {
        let mut types = Types::new();
        let mut objects = Objects::new();
        let mut scopes = Scopes::new();
        let universe = populate(&mut types, &mut objects, &mut scopes);
        let ty_of = |name: &str| {
            let (_, obj) = scopes
                .lookup(ScopeId::UNIVERSE, name)
                .unwrap_or_else(|| unreachable!("{name} missing"));
            objects.get(obj).ty
        };
        assert_eq!(ty_of("byte"), TypeId::UINT8);
        assert_eq!(ty_of("rune"), TypeId::INT32);
        assert_eq!(ty_of("float64"), TypeId::FLOAT64);
        assert_eq!(ty_of("error"), universe.error);
        assert_eq!(ty_of("nil"), TypeId::UNTYPED_NIL);
        assert!(scopes.lookup(ScopeId::UNIVERSE, "untyped int").is_none());
        assert!(
            matches!(types.get(types.underlying(universe.error)), Type::Interface(i) if i.methods.len() == 1)
        );
    }
}
