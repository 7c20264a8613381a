//! The dynamic type of a recovered run-time error.
//!
//! The VM builds the value `recover()` returns for a run-time error itself, from the panic's
//! message: an interface box of the program's well-known `runtime_error` type holding the
//! message string. This module picks that type. When the program includes the `runtime`
//! package, it is `runtime.plainError`, a string type whose `Error` returns the message and
//! which has `RuntimeError`, so `r.(runtime.Error)` and `r.(error)` hold and `%v` prints the
//! message, as in Go. Without the package, a bare string descriptor named `runtime.Error`
//! stands in (nothing can assert to `runtime.Error` then).
//!
//! Invariant: the type is described before method tables and itabs are completed, so its
//! methods and its itabs for `error` and `runtime.Error` exist like any other type's.

use minigo_vm::op::TypeIdx;
use minigo_vm::program::{TypeDesc, TypeKind};

use super::unit::Compiler;
use crate::check::object::ObjectKind;
use crate::check::types::TypeId;

/// The `runtime` type a recovered run-time error has: its message is the whole text.
const ERROR_TYPE: &str = "plainError";

impl Compiler<'_> {
    /// Gives `runtime.plainError` a descriptor (with methods) when the program has it.
    pub fn describe_runtime_error(&mut self) {
        if let Some(ty) = self.runtime_error_type() {
            self.types.get(self.prog, &self.tys, ty);
        }
    }

    /// The descriptor of a recovered run-time error's dynamic type, adding the stand-in
    /// when the program has no `runtime` package.
    pub fn runtime_error_desc(&mut self) -> TypeIdx {
        if let Some(ty) = self.runtime_error_type() {
            return self.types.get(self.prog, &self.tys, ty);
        }
        let mut desc = TypeDesc::scalar("runtime.Error", TypeKind::String);
        desc.is_pointer = true;
        let idx = TypeIdx(self.types.descs.len() as u16);
        self.types.descs.push(desc);
        idx
    }

    /// The checker's `runtime.plainError`, when the `runtime` package is part of the program.
    fn runtime_error_type(&self) -> Option<TypeId> {
        let pkg = self.prog.packages.iter().find(|p| p.path == "runtime")?;
        let obj = self.prog.scopes.get(pkg.scope).get(ERROR_TYPE)?;
        let object = self.prog.objects.get(obj);
        matches!(object.kind, ObjectKind::TypeName).then_some(object.ty)
    }
}
