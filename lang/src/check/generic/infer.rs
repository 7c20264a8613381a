//! Type-argument inference for calls of generic functions, as Go 1.21 does it.
//!
//! The algorithm (spec: "Type inference"), in order:
//! 1. Explicit type arguments bind the first parameters.
//! 2. Each typed argument is *unified* with its parameter's type when that type mentions
//!    a type parameter: the two are walked in parallel and a type parameter met on the
//!    parameter side is bound to the matching part of the argument's type. At the top
//!    level unification is inexact, as for assignment: a defined type matches a type
//!    literal with the same underlying type, and `chan T` matches a directional channel.
//!    Untyped constant arguments whose parameter is a bare type parameter are set aside.
//! 3. Core types: a type parameter constrained by a single term (`S ~[]E`) unifies its
//!    binding with that term, which infers the parameters the term mentions (`E`).
//! 4. Type parameters still unbound that received untyped constants take the default type
//!    of the "largest" constant kind among them (int < rune < float), so `Max(1, 2.5)`
//!    infers `float64`.
//! 5. Bindings that mention other type parameters are simplified by substitution.
//!
//! Unification binds only the callee's type parameters; types on the argument side are
//! opaque, which is also right for a recursive call passing the caller's own `T`.
//!
//! This module does not check the inferred arguments against their constraints, nor the
//! arguments against the instantiated parameters: the checker does both afterwards with
//! `generic::satisfies` and `assign::assignable`, which give Go's messages.

use crate::ast::ChanDir;

use super::super::object::Objects;
use super::super::predicates;
use super::super::types::{Basic, Field, Signature, Type, TypeId, TypeParamId, Types};
use super::super::typestr::TypeFmt;
use super::{SubstMap, mentions_any, subst};

/// Why inference failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InferError {
    /// Nothing determined this type parameter: Go's `in call to F, cannot infer T`.
    CannotInfer { param: TypeParamId },
    /// An argument's type does not fit its parameter's type: Go's
    /// `type []string of s does not match []T` (or, when `inferred` differs from `param`,
    /// `... does not match inferred type []int for []T`).
    /// `all_failed` when no type parameter was inferred before the mismatch; Go then adds
    /// `(cannot infer T and U)`, which needs `tparams`.
    Mismatch {
        arg_index: usize,
        arg: TypeId,
        param: TypeId,
        inferred: TypeId,
        all_failed: bool,
        tparams: Vec<TypeParamId>,
    },
    /// Untyped constants of incompatible kinds for one type parameter: Go's
    /// `mismatched types untyped string and untyped int (cannot infer T)`.
    UntypedMismatch {
        param: TypeParamId,
        first: TypeId,
        second: TypeId,
    },
}

impl InferError {
    /// Go's message, for a call of `func` whose offending argument is written `arg`:
    /// `in call to Map, type []string of xs does not match inferred type []int for []T`.
    pub fn message(&self, fmt: &TypeFmt<'_>, func: &str, arg: &str) -> String {
        let detail = match self {
            InferError::CannotInfer { param } => {
                format!("cannot infer {}", param_name(fmt, *param))
            }
            InferError::UntypedMismatch {
                param,
                first,
                second,
            } => format!(
                "mismatched types {} and {} (cannot infer {})",
                fmt.type_str(*first),
                fmt.type_str(*second),
                param_name(fmt, *param)
            ),
            InferError::Mismatch { .. } => self.mismatch_detail(fmt, arg),
        };
        format!("in call to {func}, {detail}")
    }

    fn mismatch_detail(&self, fmt: &TypeFmt<'_>, arg: &str) -> String {
        let InferError::Mismatch {
            arg: arg_ty,
            param,
            inferred,
            all_failed,
            tparams,
            ..
        } = self
        else {
            unreachable!("called for mismatches only")
        };
        let (have, want) = (fmt.type_str(*arg_ty), fmt.type_str(*param));
        if *all_failed {
            let names: Vec<String> = tparams.iter().map(|p| param_name(fmt, *p)).collect();
            format!(
                "type {have} of {arg} does not match {want} (cannot infer {})",
                and_list(&names)
            )
        } else if inferred != param {
            format!(
                "type {have} of {arg} does not match inferred type {} for {want}",
                fmt.type_str(*inferred)
            )
        } else {
            format!("type {have} of {arg} does not match {want}")
        }
    }
}

fn param_name(fmt: &TypeFmt<'_>, param: TypeParamId) -> String {
    fmt.objects
        .get(fmt.types.type_param(param).obj)
        .name
        .to_string()
}

/// `T`, `T and U`, `T, U, and V`, as Go lists type parameters in messages.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// The parameter type each of `n_args` arguments is passed to: a variadic signature's last
/// parameter `...T` (stored as `[]T`) receives every remaining argument as `T`, unless the
/// call spreads a slice with `f(xs...)`.
pub fn params_for_args(types: &Types, sig: &Signature, n_args: usize, spread: bool) -> Vec<TypeId> {
    let fixed = if sig.variadic {
        sig.params.len().saturating_sub(1)
    } else {
        sig.params.len()
    };
    let variadic_elem = match sig.params.last().map(|p| types.get(*p)) {
        Some(Type::Slice(elem)) if sig.variadic && !spread => Some(*elem),
        _ => None,
    };
    (0..n_args)
        .filter_map(|i| match variadic_elem {
            Some(elem) if i >= fixed => Some(elem),
            _ => sig.params.get(i).copied(),
        })
        .collect()
}

/// Infers the type arguments of a call. `params[i]` is the parameter type argument `i` is
/// passed to (see [`params_for_args`]) and `args[i]` its type (an untyped kind for a
/// constant; `INVALID` arguments are skipped). `explicit` holds type arguments written
/// at the call (`f[int](...)`), a prefix of `tparams`.
///
/// `objects` is not read today; it is part of the signature so that Go's method-based
/// inference (unifying an interface parameter's methods with an argument's) can be added
/// without changing callers.
///
/// # Errors
/// The first failure, see [`InferError`].
pub fn infer(
    types: &mut Types,
    objects: &Objects,
    tparams: &[TypeParamId],
    explicit: &[TypeId],
    params: &[TypeId],
    args: &[TypeId],
) -> Result<Vec<TypeId>, InferError> {
    let _ = objects;
    let mut u = Unifier {
        tparams,
        bound: vec![None; tparams.len()],
    };
    for (slot, ty) in u.bound.iter_mut().zip(explicit) {
        *slot = Some(*ty);
    }
    let untyped = u.unify_args(types, params, args)?;
    u.use_core_types(types);
    u.default_untyped(types, &untyped)?;
    u.simplify(types);
    u.finish(types)
}

/// The bindings being inferred, indexed like the callee's type parameters.
struct Unifier<'a> {
    tparams: &'a [TypeParamId],
    bound: Vec<Option<TypeId>>,
}

impl Unifier<'_> {
    /// Step 2: unifies each typed argument with its parameter; returns the untyped
    /// constant arguments of bare type parameters, as `(parameter index, kind)`.
    fn unify_args(
        &mut self,
        types: &mut Types,
        params: &[TypeId],
        args: &[TypeId],
    ) -> Result<Vec<(usize, TypeId)>, InferError> {
        let mut untyped = Vec::new();
        for (i, (&param, &arg)) in params.iter().zip(args).enumerate() {
            if arg == TypeId::INVALID || !mentions_any(types, param, self.tparams) {
                continue;
            }
            if predicates::is_untyped(types, arg) {
                untyped.extend(self.index(types, param).map(|p| (p, arg)));
                continue;
            }
            if !self.unify(types, param, arg, true) {
                let inferred = self.apply(types, param);
                let all_failed = self.bound.iter().all(Option::is_none);
                let tparams = self.tparams.to_vec();
                return Err(InferError::Mismatch {
                    arg_index: i,
                    arg,
                    param,
                    inferred,
                    all_failed,
                    tparams,
                });
            }
        }
        Ok(untyped)
    }

    /// The position of `ty` among the callee's type parameters, if it is one of them.
    fn index(&self, types: &Types, ty: TypeId) -> Option<usize> {
        match types.get(ty) {
            Type::TypeParam(p) => self.tparams.iter().position(|q| q == p),
            _ => None,
        }
    }

    /// Unifies parameter-side `x` with argument-side `y`, binding type parameters of `x`.
    /// `inexact` allows assignment-like matches at this level (see the module doc).
    fn unify(&mut self, types: &mut Types, x: TypeId, y: TypeId, inexact: bool) -> bool {
        if let Some(i) = self.index(types, x) {
            return self.bind(types, i, y, inexact);
        }
        if x == y {
            return true;
        }
        let (xn, yn) = (
            predicates::is_named(types, x),
            predicates::is_named(types, y),
        );
        if inexact && xn != yn {
            // A defined type against a type literal: compare the defined type's underlying.
            let (x, y) = if xn {
                (under_expanded(types, x), y)
            } else {
                (x, under_expanded(types, y))
            };
            return self.unify_structure(types, x, y, true);
        }
        self.unify_structure(types, x, y, inexact)
    }

    /// Binds parameter `i` to `y`, or checks `y` against its existing binding. Inexactly, a
    /// binding to a type literal is replaced by a defined type with the same underlying
    /// type, as Go prefers the defined type.
    fn bind(&mut self, types: &mut Types, i: usize, y: TypeId, inexact: bool) -> bool {
        let Some(have) = self.bound[i] else {
            self.bound[i] = Some(y);
            return true;
        };
        if have == y {
            return true;
        }
        if inexact && types.underlying(have) == types.underlying(y) {
            if !predicates::is_named(types, have) && predicates::is_named(types, y) {
                self.bound[i] = Some(y);
            }
            return !(predicates::is_named(types, have) && predicates::is_named(types, y));
        }
        mentions_any(types, have, self.tparams) && self.unify(types, have, y, inexact)
    }

    /// Component-wise unification of two types of the same shape.
    fn unify_structure(&mut self, types: &mut Types, x: TypeId, y: TypeId, inexact: bool) -> bool {
        if x == y {
            return true;
        }
        match (types.get(x).clone(), types.get(y).clone()) {
            (Type::Pointer(a), Type::Pointer(b)) | (Type::Slice(a), Type::Slice(b)) => {
                self.unify(types, a, b, false)
            }
            (Type::Array { len: la, elem: a }, Type::Array { len: lb, elem: b }) => {
                la == lb && self.unify(types, a, b, false)
            }
            (Type::Map { key: ka, value: va }, Type::Map { key: kb, value: vb }) => {
                self.unify(types, ka, kb, false) && self.unify(types, va, vb, false)
            }
            (Type::Chan { dir: da, elem: a }, Type::Chan { dir: db, elem: b }) => {
                (da == db || (inexact && db == ChanDir::Both)) && self.unify(types, a, b, false)
            }
            (Type::Func(a), Type::Func(b)) => {
                a.variadic == b.variadic
                    && self.unify_lists(types, &a.params, &b.params)
                    && self.unify_lists(types, &a.results, &b.results)
            }
            (Type::Tuple(a), Type::Tuple(b)) => self.unify_lists(types, &a, &b),
            (Type::Struct(a), Type::Struct(b)) => self.unify_structs(types, &a, &b),
            (Type::Named(a), Type::Named(b)) => {
                let (oa, ob) = (origin_and_args(types, a), origin_and_args(types, b));
                oa.0 == ob.0 && self.unify_lists(types, &oa.1, &ob.1)
            }
            // Interfaces: an argument implementing a parameterized interface is checked by
            // assignment afterwards; it does not bind anything here.
            (Type::Interface(_), _) => true,
            _ => false,
        }
    }

    /// Structs unify when field names and embedding agree and the field types unify.
    fn unify_structs(&mut self, types: &mut Types, a: &[Field], b: &[Field]) -> bool {
        let same_names = a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(f, g)| f.name == g.name && f.embedded == g.embedded);
        let tys = |fields: &[Field]| fields.iter().map(|f| f.ty).collect::<Vec<_>>();
        same_names && self.unify_lists(types, &tys(a), &tys(b))
    }

    fn unify_lists(&mut self, types: &mut Types, xs: &[TypeId], ys: &[TypeId]) -> bool {
        xs.len() == ys.len()
            && xs
                .iter()
                .zip(ys)
                .all(|(x, y)| self.unify(types, *x, *y, false))
    }

    /// Step 3: a parameter whose constraint has a single term unifies its binding with it
    /// (against the binding's underlying type for a `~` term), or is bound to the term
    /// when it has no binding and the term is exact. Repeated while it binds more, since
    /// one binding can feed another (`S ~[]E, E ~[]F`). A failed unification binds nothing
    /// and is left to constraint satisfaction, which explains it better.
    fn use_core_types(&mut self, types: &mut Types) {
        for _ in 0..=self.tparams.len() {
            let before = self.bound.clone();
            for i in 0..self.tparams.len() {
                self.use_core_type(types, i);
            }
            if self.bound == before {
                break;
            }
        }
    }

    fn use_core_type(&mut self, types: &mut Types, i: usize) {
        let term = match predicates::type_param_terms(types, self.tparams[i]) {
            Some([term]) => *term,
            _ => return,
        };
        match self.bound[i] {
            Some(have) if term.tilde => {
                let under = under_expanded(types, have);
                self.unify(types, term.ty, under, true);
            }
            Some(have) => {
                self.unify(types, term.ty, have, true);
            }
            None if !term.tilde => self.bound[i] = Some(term.ty),
            None => {}
        }
    }

    /// Step 4: default untyped constants for parameters nothing else bound.
    fn default_untyped(
        &mut self,
        types: &Types,
        untyped: &[(usize, TypeId)],
    ) -> Result<(), InferError> {
        for i in 0..self.tparams.len() {
            if self.bound[i].is_some() {
                continue;
            }
            let mut best: Option<TypeId> = None;
            for &(_, arg) in untyped.iter().filter(|(p, _)| *p == i) {
                best = Some(match best {
                    None => arg,
                    Some(prev) => {
                        larger_untyped(types, prev, arg).ok_or(InferError::UntypedMismatch {
                            param: self.tparams[i],
                            first: prev,
                            second: arg,
                        })?
                    }
                });
            }
            let defaulted = best
                .filter(|t| *t != TypeId::UNTYPED_NIL)
                .map(|t| predicates::default_type(types, t));
            self.bound[i] = defaulted;
        }
        Ok(())
    }

    /// Step 5: substitutes bindings into each other until no binding mentions a bound
    /// parameter (at most one round per parameter, since each round resolves one level).
    fn simplify(&mut self, types: &mut Types) {
        for _ in 0..self.tparams.len() {
            let mut changed = false;
            for i in 0..self.bound.len() {
                if let Some(ty) = self.bound[i] {
                    let new = self.apply(types, ty);
                    changed |= new != ty;
                    self.bound[i] = Some(new);
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// `ty` with the current bindings substituted.
    fn apply(&self, types: &mut Types, ty: TypeId) -> TypeId {
        let (params, args): (Vec<TypeParamId>, Vec<TypeId>) = self
            .tparams
            .iter()
            .zip(&self.bound)
            .filter_map(|(p, b)| b.map(|b| (*p, b)))
            .unzip();
        subst(types, ty, &SubstMap::new(&params, &args))
    }

    fn finish(self, types: &Types) -> Result<Vec<TypeId>, InferError> {
        let mut res = Vec::with_capacity(self.tparams.len());
        for (p, b) in self.tparams.iter().zip(&self.bound) {
            match b {
                // A binding that still mentions the callee's parameters is a cycle
                // (`T` bound to `[]T`): nothing can determine it.
                Some(ty)
                    if !mentions_any(types, *ty, self.tparams)
                        || self.index(types, *ty).is_some() =>
                {
                    res.push(*ty)
                }
                _ => return Err(InferError::CannotInfer { param: *p }),
            }
        }
        Ok(res)
    }
}

/// The underlying type, expanding a generic instance first if needed.
fn under_expanded(types: &mut Types, ty: TypeId) -> TypeId {
    if let Some(id) = super::named_id(types, ty) {
        super::expand_instance(types, id);
    }
    types.underlying(ty)
}

/// A named type's generic origin and type arguments; a generic origin stands for itself
/// instantiated with its own parameters, and a plain defined type has no arguments.
fn origin_and_args(
    types: &mut Types,
    id: super::super::types::NamedId,
) -> (super::super::types::NamedId, Vec<TypeId>) {
    let info = types.named(id);
    match info.origin {
        Some(origin) => (origin, info.targs.clone()),
        None => {
            let params = info.tparams.clone();
            (
                id,
                params
                    .into_iter()
                    .map(|p| super::type_param_type(types, p))
                    .collect(),
            )
        }
    }
}

/// Of two untyped constant kinds, the one whose default type wins (int < rune < float),
/// or `None` when they cannot mix (a string and a number).
fn larger_untyped(types: &Types, a: TypeId, b: TypeId) -> Option<TypeId> {
    let rank = |t: TypeId| match types.get(t) {
        Type::Basic(Basic::UntypedInt) => Some(1),
        Type::Basic(Basic::UntypedRune) => Some(2),
        Type::Basic(Basic::UntypedFloat) => Some(3),
        _ => None,
    };
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) => Some(if y > x { b } else { a }),
        _ if a == b => Some(a),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
