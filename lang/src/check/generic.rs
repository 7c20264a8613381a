//! Generics: substituting type parameters, instantiating generic types and signatures,
//! type sets of constraint interfaces, constraint satisfaction, and type-argument
//! inference (in [`infer`]).
//!
//! Conventions the checker follows so that substitution works:
//!
//! - A generic defined type `type List[T any] ...` is one [`NamedInfo`] with `tparams`
//!   set. Inside its own declaration and its methods, `List[T]` (instantiated with its own
//!   parameters) *is* the origin type: [`instantiate_named`] returns the origin for those
//!   arguments, so a receiver `*List[T]` is the pointer to the origin.
//! - The methods of a generic type are written in terms of the origin's own type
//!   parameters: a receiver `func (p Pair[A, B]) ...` binds `A` and `B` to the origin's
//!   `tparams` by position. A method object's `ty` is its signature without the receiver.
//!   Looking a method up on an instance substitutes the origin's parameters with the
//!   instance's arguments ([`method_signature`]).
//! - An instance's underlying type is the origin's with parameters substituted. It is
//!   filled in when the instance is created, or later by [`complete_instances`] when the
//!   instance was created while the origin was still being declared (a recursive
//!   `next *node[T]`). The checker calls [`complete_instances`] after it sets the
//!   underlying type of a generic declaration.
//!
//! Substitution never looks through a named type's underlying type, which is what keeps it
//! finite on recursive types.
//!
//! [`NamedInfo`]: super::types::NamedInfo

pub mod infer;
pub mod typeset;

use super::object::Objects;
use super::types::{Interface, Method, NamedId, Signature, Term, Type, TypeId, TypeParamId, Types};

pub use infer::{InferError, infer};
pub use typeset::{EmbeddedElem, NotSatisfied, flatten_interface, intersect_terms, satisfies};

/// A mapping from type parameters to the types replacing them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubstMap {
    pairs: Vec<(TypeParamId, TypeId)>,
}

impl SubstMap {
    /// Pairs `params[i]` with `args[i]`; extra entries on either side are ignored.
    pub fn new(params: &[TypeParamId], args: &[TypeId]) -> SubstMap {
        SubstMap {
            pairs: params.iter().copied().zip(args.iter().copied()).collect(),
        }
    }

    pub fn get(&self, param: TypeParamId) -> Option<TypeId> {
        self.pairs
            .iter()
            .find(|(p, _)| *p == param)
            .map(|(_, t)| *t)
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// `ty` with every type parameter in `map` replaced by its argument. Generic instances
/// met along the way are re-instantiated with substituted arguments.
///
/// ```
/// use minigo_lang::check::generic::{SubstMap, subst};
/// use minigo_lang::check::types::{ObjectId, Type, TypeId, Types};
/// let mut types = Types::new();
/// let t = types.new_type_param(ObjectId(0), 0);
/// let Type::TypeParam(p) = *types.get(t) else { return };
/// let slice_t = types.slice(t);
/// let ints = types.slice(TypeId::INT);
/// assert_eq!(subst(&mut types, slice_t, &SubstMap::new(&[p], &[TypeId::INT])), ints);
/// ```
pub fn subst(types: &mut Types, ty: TypeId, map: &SubstMap) -> TypeId {
    if map.is_empty() {
        return ty;
    }
    let new = match types.get(ty).clone() {
        Type::Basic(_) => return ty,
        Type::TypeParam(p) => return map.get(p).unwrap_or(ty),
        Type::Named(id) => return subst_named(types, ty, id, map),
        Type::Pointer(elem) => Type::Pointer(subst(types, elem, map)),
        Type::Slice(elem) => Type::Slice(subst(types, elem, map)),
        Type::Array { len, elem } => Type::Array {
            len,
            elem: subst(types, elem, map),
        },
        Type::Map { key, value } => Type::Map {
            key: subst(types, key, map),
            value: subst(types, value, map),
        },
        Type::Chan { dir, elem } => Type::Chan {
            dir,
            elem: subst(types, elem, map),
        },
        Type::Struct(mut fields) => {
            for f in &mut fields {
                f.ty = subst(types, f.ty, map);
            }
            Type::Struct(fields)
        }
        Type::Func(sig) => Type::Func(subst_signature(types, &sig, map)),
        Type::Interface(iface) => Type::Interface(subst_interface(types, iface, map)),
        Type::Tuple(elems) => Type::Tuple(subst_list(types, &elems, map)),
    };
    types.intern(new)
}

fn subst_list(types: &mut Types, tys: &[TypeId], map: &SubstMap) -> Vec<TypeId> {
    tys.iter().map(|t| subst(types, *t, map)).collect()
}

fn subst_signature(types: &mut Types, sig: &Signature, map: &SubstMap) -> Signature {
    Signature {
        params: subst_list(types, &sig.params, map),
        results: subst_list(types, &sig.results, map),
        variadic: sig.variadic,
    }
}

fn subst_interface(types: &mut Types, mut iface: Interface, map: &SubstMap) -> Interface {
    for m in &mut iface.methods {
        m.sig = subst(types, m.sig, map);
    }
    if let Some(terms) = &mut iface.terms {
        for term in terms.iter_mut() {
            term.ty = subst(types, term.ty, map);
        }
    }
    iface
}

/// A named type under substitution: an instance gets its arguments substituted; a
/// generic origin stands for itself instantiated with its own parameters (see the module
/// doc), so it is instantiated with their substitutes; any other named type is unchanged.
fn subst_named(types: &mut Types, ty: TypeId, id: NamedId, map: &SubstMap) -> TypeId {
    let info = types.named(id);
    let (origin, args) = match info.origin {
        Some(origin) => (origin, info.targs.clone()),
        None if !info.tparams.is_empty() => {
            let params = info.tparams.clone();
            (
                id,
                params
                    .into_iter()
                    .map(|p| type_param_type(types, p))
                    .collect(),
            )
        }
        None => return ty,
    };
    let new_args = subst_list(types, &args, map);
    if new_args == args {
        return ty;
    }
    instantiate_named(types, origin, new_args)
}

/// The [`TypeId`] of a type parameter.
pub fn type_param_type(types: &mut Types, param: TypeParamId) -> TypeId {
    types.intern(Type::TypeParam(param))
}

/// The named id of a defined type, if `ty` is one.
pub fn named_id(types: &Types, ty: TypeId) -> Option<NamedId> {
    match types.get(ty) {
        Type::Named(id) => Some(*id),
        _ => None,
    }
}

/// The instance `origin[targs]`, with its underlying type substituted when the origin's is
/// known. Instantiating with the origin's own type parameters gives the origin itself.
/// The caller has checked the argument count and the constraints.
pub fn instantiate_named(types: &mut Types, origin: NamedId, targs: Vec<TypeId>) -> TypeId {
    let params = types.named(origin).tparams.clone();
    let own: Vec<TypeId> = params.iter().map(|p| type_param_type(types, *p)).collect();
    if own == targs {
        return types.intern(Type::Named(origin));
    }
    let (inst, is_new) = types.instance(origin, targs);
    if let (true, Some(id)) = (is_new, named_id(types, inst)) {
        expand_instance(types, id);
    }
    inst
}

/// Fills in an instance's underlying type from its origin's, if the origin's is known and
/// the instance's is not yet. Returns whether the instance is now complete.
pub fn expand_instance(types: &mut Types, id: NamedId) -> bool {
    let info = types.named(id);
    let Some(origin) = info.origin else {
        return true;
    };
    if info.underlying != TypeId::INVALID {
        return true;
    }
    let origin_info = types.named(origin);
    if origin_info.underlying == TypeId::INVALID {
        return false;
    }
    let (under, map) = (
        origin_info.underlying,
        SubstMap::new(&origin_info.tparams, &info.targs),
    );
    // Substitution never reads this instance's underlying type (it only creates or reuses
    // instances by their arguments), so a self-referential origin cannot recurse here.
    let res = subst(types, under, &map);
    types.named_mut(id).underlying = res;
    true
}

/// Expands every instance whose origin is complete and which is not expanded yet. Call
/// after setting the underlying type of a generic declaration.
pub fn complete_instances(types: &mut Types) {
    // Expanding only appends new instances to the arena and never completes an origin, so
    // one pass in index order also reaches every instance created along the way.
    let mut next = 0;
    while let Some(id) = nth_named(types, next) {
        expand_instance(types, id);
        next += 1;
    }
}

fn nth_named(types: &Types, n: u32) -> Option<NamedId> {
    (n < types.named_count()).then_some(NamedId(n))
}

/// The methods declared on a defined type, looking through an instance to its origin (an
/// instance shares its origin's methods, which may be declared after it was created).
pub fn declared_methods(types: &Types, id: NamedId) -> &[super::types::ObjectId] {
    let info = types.named(id);
    match info.origin {
        Some(origin) => &types.named(origin).methods,
        None => &info.methods,
    }
}

/// The signature type (without receiver) of method `method` as a member of the named
/// type `id`: the declared signature for an ordinary type, the substituted one for an
/// instance.
pub fn method_signature(
    types: &mut Types,
    objects: &Objects,
    id: NamedId,
    method: super::types::ObjectId,
) -> TypeId {
    let declared = objects.get(method).ty;
    let info = types.named(id);
    let Some(origin) = info.origin else {
        return declared;
    };
    let map = SubstMap::new(&types.named(origin).tparams, &info.targs);
    subst(types, declared, &map)
}

/// A generic function's signature instantiated with `targs`.
pub fn instantiate_signature(
    types: &mut Types,
    sig: TypeId,
    tparams: &[TypeParamId],
    targs: &[TypeId],
) -> TypeId {
    subst(types, sig, &SubstMap::new(tparams, targs))
}

/// Whether `ty` mentions any of `params` (so it still needs inference or substitution).
pub fn mentions_any(types: &Types, ty: TypeId, params: &[TypeParamId]) -> bool {
    let any = |tys: &[TypeId]| tys.iter().any(|t| mentions_any(types, *t, params));
    match types.get(ty) {
        Type::Basic(_) => false,
        Type::TypeParam(p) => params.contains(p),
        Type::Pointer(e)
        | Type::Slice(e)
        | Type::Array { elem: e, .. }
        | Type::Chan { elem: e, .. } => mentions_any(types, *e, params),
        Type::Map { key, value } => any(&[*key, *value]),
        Type::Struct(fields) => fields.iter().any(|f| mentions_any(types, f.ty, params)),
        Type::Func(sig) => any(&sig.params) || any(&sig.results),
        Type::Interface(iface) => {
            iface
                .methods
                .iter()
                .any(|m: &Method| mentions_any(types, m.sig, params))
                || iface
                    .terms
                    .iter()
                    .flatten()
                    .any(|t: &Term| mentions_any(types, t.ty, params))
        }
        Type::Tuple(elems) => any(elems),
        Type::Named(id) => {
            let info = types.named(*id);
            any(&info.targs)
                || (info.origin.is_none() && info.tparams.iter().any(|p| params.contains(p)))
        }
    }
}

#[cfg(test)]
mod tests;
