//! Lexical scopes: which object a name denotes at a point of the program.
//!
//! Every scope lives in one [`Scopes`] arena and names its parent, so a lookup walks
//! outwards until the universe. The universe scope is always [`ScopeId::UNIVERSE`]; each
//! package scope's parent is the universe; file scopes (holding the file's imports) sit
//! between a package scope and the function scopes of that file, as in go/types.
//!
//! This module maps names to objects only. It does not create objects, decide
//! redeclaration errors (the caller reports them, because it knows the spans), or track
//! use (the checker's `used` set does).
//!
//! Invariants: a scope's names are unique; insertion order is kept (it is the declaration
//! order, which "declared and not used" reports follow).

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;

use crate::ast::Name;

use super::types::ObjectId;

/// A scope, as an index into [`Scopes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

impl ScopeId {
    /// The universe: predeclared types, constants, `nil` and the builtins.
    pub const UNIVERSE: ScopeId = ScopeId(0);
}

/// What kind of construct opened a scope; labels and `break` checks do not use scopes, but
/// the compiler wants to know where function boundaries are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Universe,
    Package,
    File,
    /// A function's outermost scope (parameters and results).
    Func,
    /// A block, an `if`/`for`/`switch` header or a case clause.
    Block,
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub parent: Option<ScopeId>,
    pub kind: ScopeKind,
    /// Hashed with Fx: name lookups are among the checker's hottest operations, and
    /// SipHash's resistance to chosen keys buys nothing for a program's own names.
    names: IndexMap<Name, ObjectId, FxBuildHasher>,
}

impl Scope {
    /// The objects declared directly in this scope, in declaration order.
    pub fn objects(&self) -> impl Iterator<Item = (&Name, ObjectId)> {
        self.names.iter().map(|(n, o)| (n, *o))
    }

    /// The object declared under `name` directly in this scope.
    pub fn get(&self, name: &str) -> Option<ObjectId> {
        self.names.get(name).copied()
    }
}

/// The arena of all scopes of a program.
#[derive(Clone, Debug)]
pub struct Scopes {
    scopes: Vec<Scope>,
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes::new()
    }
}

impl Scopes {
    /// An arena holding only the (empty) universe scope.
    pub fn new() -> Scopes {
        Scopes {
            scopes: vec![Scope {
                parent: None,
                kind: ScopeKind::Universe,
                names: IndexMap::default(),
            }],
        }
    }

    pub fn push(&mut self, parent: ScopeId, kind: ScopeKind) -> ScopeId {
        self.scopes.push(Scope {
            parent: Some(parent),
            kind,
            names: IndexMap::default(),
        });
        ScopeId(self.scopes.len() as u32 - 1)
    }

    pub fn get(&self, id: ScopeId) -> &Scope {
        &self.scopes[id.0 as usize]
    }

    /// Declares `name` in `scope`; returns the object already declared there under that
    /// name instead, leaving the scope unchanged.
    pub fn insert(&mut self, scope: ScopeId, name: Name, obj: ObjectId) -> Result<(), ObjectId> {
        let names = &mut self.scopes[scope.0 as usize].names;
        match names.get(&name) {
            Some(prev) => Err(*prev),
            None => {
                names.insert(name, obj);
                Ok(())
            }
        }
    }

    /// The innermost declaration of `name` visible from `scope`, with the scope holding it.
    pub fn lookup(&self, mut scope: ScopeId, name: &str) -> Option<(ScopeId, ObjectId)> {
        loop {
            let s = self.get(scope);
            if let Some(obj) = s.get(name) {
                return Some((scope, obj));
            }
            scope = s.parent?;
        }
    }

    pub fn len(&self) -> usize {
        self.scopes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_declarations_shadow_outer_ones() {
        let mut scopes = Scopes::new();
        let pkg = scopes.push(ScopeId::UNIVERSE, ScopeKind::Package);
        let block = scopes.push(pkg, ScopeKind::Block);
        assert_eq!(scopes.insert(pkg, "x".into(), ObjectId(1)), Ok(()));
        assert_eq!(scopes.insert(block, "x".into(), ObjectId(2)), Ok(()));
        assert_eq!(scopes.lookup(block, "x"), Some((block, ObjectId(2))));
        assert_eq!(scopes.lookup(pkg, "x"), Some((pkg, ObjectId(1))));
        assert_eq!(scopes.lookup(block, "y"), None);
    }

    #[test]
    fn redeclaration_returns_the_first_object() {
        let mut scopes = Scopes::new();
        assert_eq!(
            scopes.insert(ScopeId::UNIVERSE, "x".into(), ObjectId(1)),
            Ok(())
        );
        assert_eq!(
            scopes.insert(ScopeId::UNIVERSE, "x".into(), ObjectId(2)),
            Err(ObjectId(1))
        );
    }
}
