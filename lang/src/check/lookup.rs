//! Field and method lookup (go/types' `LookupFieldOrMethod`), and method sets.
//!
//! A selector `x.f` finds `f` at the shallowest embedding depth where it exists: first
//! among the fields and methods of `x`'s type itself, then among those of its embedded
//! fields, then of theirs, breadth first. Two matches at the same depth make the selector
//! ambiguous; a match at a shallower depth shadows deeper ones. The search records the
//! path of embedded-field indices it followed and whether it went through a pointer, which
//! is what the compiler needs to emit the implicit field accesses and dereferences;
//! [`receiver_adjustment`] says whether a method call then takes the receiver's address
//! or dereferences it.
//!
//! Method sets follow the spec: the method set of `T` holds the methods with value
//! receivers (including promoted ones reached without a pointer), that of `*T` all of
//! them. A method with a pointer receiver is still *callable* on an addressable `T`
//! value (`x.M()` means `(&x).M()`); lookup reports that case as
//! [`LookupResult::NotAddressable`] when the operand is not addressable.
//!
//! This module does not check export rules across packages beyond name matching
//! (unexported names match only within their package), and does not decide method
//! expressions' signatures (the checker prepends the receiver).
//!
//! Invariant: lookup terminates on recursive embedding because each defined type is
//! searched at most once.

use crate::ast::Name;

use super::generic;
use super::object::{ObjectKind, Objects, PackageId};
use super::types::{NamedId, ObjectId, Type, TypeId, Types};

/// What a selector denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectionKind {
    /// `x.f`, a struct field (possibly promoted).
    Field,
    /// `x.m`, a method value or call (possibly promoted).
    Method,
    /// `T.m`, a method expression: a function whose first parameter is the receiver.
    MethodExpr,
}

/// The resolution of one selector expression, kept for the compiler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub kind: SelectionKind,
    /// Indices of the embedded fields followed, then the index of the field itself (for
    /// a field) or of the method in its type's method list (for a method).
    pub path: Vec<usize>,
    /// Whether a pointer was dereferenced on the way (the operand or an embedded field).
    pub indirect: bool,
    /// The field or method object.
    pub obj: ObjectId,
    /// The field's type, or the method's signature (without receiver) with the type
    /// arguments of the receiver's instance substituted.
    pub ty: TypeId,
}

/// The outcome of [`lookup_field_or_method`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupResult {
    Found(Found),
    /// No field or method of that name.
    NotFound,
    /// Several at the shallowest depth (Go: `ambiguous selector x.f`).
    Ambiguous,
    /// A pointer-receiver method on a value that is not addressable (Go: `cannot call
    /// pointer method M on T`). The found method is carried for the message.
    NotAddressable(Found),
}

/// A field or method found by lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: FoundKind,
    pub obj: ObjectId,
    /// See [`Selection::path`].
    pub path: Vec<usize>,
    /// See [`Selection::indirect`].
    pub indirect: bool,
    /// See [`Selection::ty`].
    pub ty: TypeId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoundKind {
    Field,
    /// A method declared on a defined type; `ptr_recv` when its receiver is `*T`.
    Method {
        ptr_recv: bool,
    },
    /// A method of an interface (an interface value, an embedded interface, or a type
    /// parameter's constraint).
    InterfaceMethod,
}

/// One type to search at the current depth.
#[derive(Clone, Debug)]
struct Candidate {
    ty: TypeId,
    path: Vec<usize>,
    indirect: bool,
    /// Reached by more than one path at this depth: any match in it is ambiguous.
    multiples: bool,
}

/// Looks up `name` in `ty` as `x.name` would (`ty` may be a pointer to a defined type).
/// `addressable` says whether `x` is addressable; `pkg` is the package the selector
/// appears in (unexported names match only there).
///
/// ```
/// use minigo_lang::check::lookup::{LookupResult, lookup_field_or_method};
/// use minigo_lang::check::{object::Objects, types::{TypeId, Types}};
/// let (mut types, objects) = (Types::new(), Objects::new());
/// let res = lookup_field_or_method(&mut types, &objects, TypeId::INT, false, None, "x");
/// assert_eq!(res, LookupResult::NotFound);
/// ```
pub fn lookup_field_or_method(
    types: &mut Types,
    objects: &Objects,
    ty: TypeId,
    addressable: bool,
    pkg: Option<PackageId>,
    name: &str,
) -> LookupResult {
    if let Some(ptr) = defined_pointer(types, ty) {
        // A defined pointer type (`type P *T`) has no methods, not even T's, but `x.f`
        // still selects T's fields through it (spec: "Selectors").
        return match search_from(types, objects, ptr, NameScope::Package(pkg), name) {
            LookupResult::Found(found) if found.kind != FoundKind::Field => LookupResult::NotFound,
            other => other,
        };
    }
    let res = search_from(types, objects, ty, NameScope::Package(pkg), name);
    match res {
        LookupResult::Found(found) => pointer_receiver_check(found, addressable),
        other => other,
    }
}

/// The underlying pointer type of a defined pointer type.
fn defined_pointer(types: &Types, ty: TypeId) -> Option<TypeId> {
    let Type::Named(_) = types.get(ty) else {
        return None;
    };
    let under = types.underlying(ty);
    matches!(types.get(under), Type::Pointer(_)).then_some(under)
}

/// A pointer-receiver method needs an addressable operand or a pointer on the way.
fn pointer_receiver_check(found: Found, addressable: bool) -> LookupResult {
    match found.kind {
        FoundKind::Method { ptr_recv: true } if !found.indirect && !addressable => {
            LookupResult::NotAddressable(found)
        }
        _ => LookupResult::Found(found),
    }
}

/// Starts the search at `ty`, or at its base type when it is a pointer.
fn search_from(
    types: &mut Types,
    objects: &Objects,
    ty: TypeId,
    scope: NameScope,
    name: &str,
) -> LookupResult {
    let (base, is_ptr) = deref(types, ty);
    if is_ptr
        && (super::predicates::is_interface(types, base)
            || matches!(types.get(base), Type::TypeParam(_)))
    {
        // A pointer to an interface or a type parameter has no methods or fields.
        return LookupResult::NotFound;
    }
    let start = Candidate {
        ty: base,
        path: Vec::new(),
        indirect: is_ptr,
        multiples: false,
    };
    search(types, objects, start, scope, name)
}

/// `*T` → `(T, true)`; anything else → `(ty, false)`.
pub fn deref(types: &Types, ty: TypeId) -> (TypeId, bool) {
    match types.get(ty) {
        Type::Pointer(elem) => (*elem, true),
        _ => (ty, false),
    }
}

/// The breadth-first search over embedding depths.
fn search(
    types: &mut Types,
    objects: &Objects,
    start: Candidate,
    pkg: NameScope,
    name: &str,
) -> LookupResult {
    let mut current = vec![start];
    let mut seen: Vec<NamedId> = Vec::new();
    while !current.is_empty() {
        let mut next = Vec::new();
        let mut found: Option<Found> = None;
        let mut ambiguous = false;
        for cand in &current {
            let hit = search_one(types, objects, cand, &mut seen, pkg, name, &mut next);
            if let Some(hit) = hit {
                ambiguous |= found.is_some() || cand.multiples;
                found = Some(hit);
            }
        }
        if ambiguous {
            return LookupResult::Ambiguous;
        }
        if let Some(found) = found {
            return LookupResult::Found(found);
        }
        current = consolidate(next);
    }
    LookupResult::NotFound
}

/// Searches one candidate type at the current depth: its declared methods, then its
/// fields (queuing embedded ones for the next depth) or interface methods.
fn search_one(
    types: &mut Types,
    objects: &Objects,
    cand: &Candidate,
    seen: &mut Vec<NamedId>,
    pkg: NameScope,
    name: &str,
    next: &mut Vec<Candidate>,
) -> Option<Found> {
    let mut under = cand.ty;
    if let Type::Named(id) = *types.get(cand.ty) {
        if seen.contains(&id) {
            return None;
        }
        seen.push(id);
        if let Some(found) = find_declared_method(types, objects, id, cand, pkg, name) {
            return Some(found);
        }
        generic::expand_instance(types, id);
        under = types.underlying(cand.ty);
    } else if let Type::TypeParam(_) = types.get(cand.ty) {
        // A type parameter has the methods of its constraint interface (and no fields).
        under = types.underlying(types.underlying(cand.ty));
    }
    match types.get(under).clone() {
        Type::Struct(fields) => search_struct(types, objects, &fields, cand, pkg, name, next),
        Type::Interface(iface) => iface.methods.iter().enumerate().find_map(|(i, m)| {
            matches_name(objects, m.obj, &m.name, pkg, name).then(|| Found {
                kind: FoundKind::InterfaceMethod,
                obj: m.obj,
                path: extend(&cand.path, i),
                indirect: cand.indirect,
                ty: m.sig,
            })
        }),
        _ => None,
    }
}

/// Searches the fields of a struct, queuing its embedded fields for the next depth.
fn search_struct(
    types: &Types,
    objects: &Objects,
    fields: &[super::types::Field],
    cand: &Candidate,
    pkg: NameScope,
    name: &str,
    next: &mut Vec<Candidate>,
) -> Option<Found> {
    for (i, field) in fields.iter().enumerate() {
        let path = extend(&cand.path, i);
        if matches_name(objects, field.obj, &field.name, pkg, name) {
            // A struct has at most one field of a name, and a match at this depth ends the
            // search, so the rest of the fields need not be queued.
            let (obj, indirect, ty) = (field.obj, cand.indirect, field.ty);
            return Some(Found {
                kind: FoundKind::Field,
                obj,
                path,
                indirect,
                ty,
            });
        }
        if field.embedded {
            let (ty, is_ptr) = deref(types, field.ty);
            let indirect = cand.indirect || is_ptr;
            next.push(Candidate {
                ty,
                path,
                indirect,
                multiples: cand.multiples,
            });
        }
    }
    None
}

fn find_declared_method(
    types: &mut Types,
    objects: &Objects,
    id: NamedId,
    cand: &Candidate,
    pkg: NameScope,
    name: &str,
) -> Option<Found> {
    let methods = generic::declared_methods(types, id);
    let (i, obj) = methods
        .iter()
        .enumerate()
        .find(|(_, m)| matches_name(objects, **m, &objects.get(**m).name, pkg, name))?;
    let obj = *obj;
    let ptr_recv = has_pointer_receiver(types, objects, obj);
    let ty = generic::method_signature(types, objects, id, obj);
    Some(Found {
        kind: FoundKind::Method { ptr_recv },
        obj,
        path: extend(&cand.path, i),
        indirect: cand.indirect,
        ty,
    })
}

/// Whether the method object's receiver is a pointer (`func (p *T) M()`).
pub fn has_pointer_receiver(types: &Types, objects: &Objects, method: ObjectId) -> bool {
    match objects.get(method).kind {
        ObjectKind::Func {
            recv: Some(recv), ..
        } => matches!(types.get(recv), Type::Pointer(_)),
        _ => false,
    }
}

/// Which unexported names a search may match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameScope {
    /// Those of this package (the package of the selector expression).
    Package(Option<PackageId>),
    /// All of them: method sets include unexported methods of any package.
    Any,
}

/// Go's name matching: exported names match anywhere; unexported names only within the
/// package that declares them (a universe object has no package and matches anywhere).
fn matches_name(
    objects: &Objects,
    obj: ObjectId,
    have: &Name,
    scope: NameScope,
    want: &str,
) -> bool {
    if have != want {
        return false;
    }
    let object = objects.get(obj);
    match scope {
        NameScope::Any => true,
        NameScope::Package(pkg) => {
            object.is_exported() || object.pkg.is_none() || object.pkg == pkg
        }
    }
}

fn extend(path: &[usize], i: usize) -> Vec<usize> {
    let mut res = path.to_vec();
    res.push(i);
    res
}

/// Merges candidates of the same type reached by different paths, marking them as
/// multiples (Go's `consolidateMultiples`): a name found in such a type is ambiguous.
fn consolidate(list: Vec<Candidate>) -> Vec<Candidate> {
    let mut res: Vec<Candidate> = Vec::new();
    for cand in list {
        match res.iter_mut().find(|have| have.ty == cand.ty) {
            Some(have) => have.multiples = true,
            None => res.push(cand),
        }
    }
    res
}

/// What a method call does to its receiver once the embedding path is followed: Go's
/// implicit `&x` (a pointer method on an addressable value) or `*x` (a value method on a
/// pointer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReceiverAdjust {
    /// The receiver is passed as it is.
    AsIs,
    /// `x.M()` means `(&x).M()`.
    AddressOf,
    /// `p.M()` means `(*p).M()`.
    Deref,
}

/// The receiver adjustment of a method selection on an operand of type `operand`: the
/// embedded fields of `sel.path` are followed (dereferencing embedded pointers on the way,
/// which `sel.indirect` records), and the type reached is compared with the method's
/// receiver. Fields and interface methods need no adjustment.
pub fn receiver_adjustment(
    types: &Types,
    objects: &Objects,
    operand: TypeId,
    sel: &Selection,
) -> ReceiverAdjust {
    if sel.kind == SelectionKind::Field
        || !matches!(
            objects.get(sel.obj).kind,
            ObjectKind::Func { recv: Some(_), .. }
        )
    {
        return ReceiverAdjust::AsIs;
    }
    let mut cur = operand;
    for &i in sel.path.iter().take(sel.path.len().saturating_sub(1)) {
        let strukt = types.underlying(deref(types, cur).0);
        match types.get(strukt) {
            Type::Struct(fields) if i < fields.len() => cur = fields[i].ty,
            _ => return ReceiverAdjust::AsIs,
        }
    }
    let reached_ptr = matches!(types.get(cur), Type::Pointer(_));
    match (has_pointer_receiver(types, objects, sel.obj), reached_ptr) {
        (true, false) => ReceiverAdjust::AddressOf,
        (false, true) => ReceiverAdjust::Deref,
        _ => ReceiverAdjust::AsIs,
    }
}

/// One entry of a method set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodSetEntry {
    pub name: Name,
    pub obj: ObjectId,
    /// The signature without receiver, substituted for instances.
    pub sig: TypeId,
    pub path: Vec<usize>,
    pub indirect: bool,
}

/// The method set of `ty` (spec: "Method sets"), sorted by name. For `T`, methods with
/// pointer receivers are excluded unless reached through an embedded pointer; for `*T`
/// all are included; for an interface, its methods.
pub fn method_set(types: &mut Types, objects: &Objects, ty: TypeId) -> Vec<MethodSetEntry> {
    let names = candidate_method_names(types, objects, ty);
    let mut res = Vec::new();
    for name in names {
        let found = match lookup_any_package(types, objects, ty, &name) {
            LookupResult::Found(found) => found,
            _ => continue,
        };
        let kind_ok = match found.kind {
            FoundKind::Field => false,
            FoundKind::Method { ptr_recv } => !ptr_recv || found.indirect,
            FoundKind::InterfaceMethod => true,
        };
        if kind_ok {
            let (obj, sig, path, indirect) = (found.obj, found.ty, found.path, found.indirect);
            res.push(MethodSetEntry {
                name,
                obj,
                sig,
                path,
                indirect,
            });
        }
    }
    res.sort_by(|a, b| a.name.cmp(&b.name));
    res
}

/// Looks a name up matching unexported names of every package.
fn lookup_any_package(
    types: &mut Types,
    objects: &Objects,
    ty: TypeId,
    name: &str,
) -> LookupResult {
    search_from(types, objects, ty, NameScope::Any, name)
}

/// Every method name reachable from `ty` through embedding (a superset of its method
/// set, filtered by [`method_set`]).
fn candidate_method_names(types: &mut Types, objects: &Objects, ty: TypeId) -> Vec<Name> {
    let mut names: Vec<Name> = Vec::new();
    let mut stack = vec![deref(types, ty).0];
    let mut seen: Vec<TypeId> = Vec::new();
    while let Some(t) = stack.pop() {
        if seen.contains(&t) {
            continue;
        }
        seen.push(t);
        if let Type::Named(id) = *types.get(t) {
            names.extend(
                generic::declared_methods(types, id)
                    .iter()
                    .map(|m| objects.get(*m).name.clone()),
            );
            generic::expand_instance(types, id);
        }
        match types.get(types.underlying(t)) {
            Type::Struct(fields) => stack.extend(
                fields
                    .iter()
                    .filter(|f| f.embedded)
                    .map(|f| deref(types, f.ty).0),
            ),
            Type::Interface(iface) => names.extend(iface.methods.iter().map(|m| m.name.clone())),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests;
