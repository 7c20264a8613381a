//! The method tables that assertions to an interface type (`x.(error)`, `x.(fmt.Stringer)`,
//! `case io.Reader:`) find at run time.
//!
//! This module owns their completion. Boxing a value into an interface creates the itab of
//! that one pair (`Compiler::itab`); an assertion to an interface type, though, meets a
//! dynamic type only known at run time, and the VM looks its itab up by the pair
//! (`ItabIndex::find`). So once every body is compiled, this module adds the itab of every
//! pair of an interface type the program names and a concrete type with methods that
//! implements it, as the checker decides (identical signatures, not only names). The VM's
//! lookup is then a hash probe, the cache Go's runtime builds lazily in `getitab`.
//!
//! Rejected alternative: building itabs in the VM on the first failed lookup. Itabs are
//! indexed by `u16` from immutable interface boxes and the program is shared read-only, so
//! that needs a second, locked table consulted on every interface call through it.
//!
//! Invariant: an itab is added only for a pair the checker's `implements` accepts, so no
//! assertion succeeds that Go would refuse.

use crate::check::assign::implements;
use crate::check::types::{Type, TypeId};

use super::unit::Compiler;

impl Compiler<'_> {
    /// Adds the itab of every (interface, concrete type) pair that implements.
    pub fn complete_itabs(&mut self) {
        let mut done = 0;
        // Making an itab can describe more types (method wrappers, their signatures), so
        // repeat until no new concrete type appears.
        while done < self.types.with_methods.len() {
            let concrete: Vec<TypeId> = self.types.with_methods[done..]
                .iter()
                .map(|&(ty, _)| ty)
                .collect();
            done = self.types.with_methods.len();
            for iface in self.types.interfaces(&self.tys) {
                for &ty in &concrete {
                    if self.may_implement(ty)
                        && implements(&mut self.tys, &self.prog.objects, ty, iface).is_ok()
                    {
                        self.itab(iface, ty);
                    }
                }
            }
        }
    }

    /// Whether `ty` is a concrete type that can hold methods (interfaces are never the
    /// dynamic type of a value).
    fn may_implement(&self, ty: TypeId) -> bool {
        !matches!(self.tys.get(self.tys.underlying(ty)), Type::Interface(_))
    }
}
