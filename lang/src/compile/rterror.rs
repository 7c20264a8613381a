//! The dynamic type of a recovered run-time error.
//!
//! The VM builds the value `recover()` returns for a run-time error itself, from the panic's
//! message: an interface box of the program's well-known `runtime_error` type holding the
//! message string. This module picks that type. When the program includes the `runtime`
//! package, it is `runtime.plainError`, a string type whose `Error` returns the message and
//! which has `RuntimeError`, so `r.(runtime.Error)` and `r.(error)` hold and `%v` prints the
//! message, as in Go. Without the package, a string descriptor named `runtime.Error`
//! stands in, with a synthesized `Error` method (which returns the message, the receiver
//! itself) and its itab for `error`, so `r.(error)` holds and `err.Error()` works; nothing
//! can assert to `runtime.Error` then, since the program cannot name it.
//!
//! Invariant: the type is described before method tables and itabs are completed, so its
//! methods and its itabs for `error` and `runtime.Error` exist like any other type's.

use minigo_vm::op::{FuncIdx, Op, Reg, TypeIdx};
use minigo_vm::program::{Itab, TypeDesc, TypeKind};

use super::builder::Builder;
use super::unit::Compiler;
use crate::check::object::ObjectKind;
use crate::check::scope::ScopeId;
use crate::check::types::TypeId;
use crate::span::Span;

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
        let error_method = self.stand_in_error_method();
        let mut desc = TypeDesc::scalar("runtime.Error", TypeKind::String);
        desc.is_pointer = true;
        desc.methods = vec![("Error".to_string(), error_method)];
        let idx = TypeIdx(self.types.descs.len() as u16);
        self.types.descs.push(desc);
        if let Some(error) = self.universe_error_type() {
            let iface = self.types.get(self.prog, &self.tys, error);
            self.itabs.push(Itab {
                iface,
                ty: idx,
                methods: vec![error_method],
            });
        }
        idx
    }

    /// The stand-in's `Error` method: the receiver is the message string, so it returns it.
    fn stand_in_error_method(&mut self) -> FuncIdx {
        let idx = self.reserve_function(Span::default());
        let mut b = Builder::default();
        b.alloc_n(1);
        b.emit(Op::Return { src: Reg(0), n: 1 }, 0);
        self.set_function(idx, b.finish("runtime.Error.Error".to_string(), 1, 1));
        idx
    }

    /// The universe's `error` interface type.
    fn universe_error_type(&self) -> Option<TypeId> {
        let obj = self.prog.scopes.get(ScopeId::UNIVERSE).get("error")?;
        Some(self.prog.objects.get(obj).ty)
    }

    /// The checker's `runtime.plainError`, when the `runtime` package is part of the program.
    fn runtime_error_type(&self) -> Option<TypeId> {
        let pkg = self.prog.packages.iter().find(|p| p.path == "runtime")?;
        let obj = self.prog.scopes.get(pkg.scope).get(ERROR_TYPE)?;
        let object = self.prog.objects.get(obj);
        matches!(object.kind, ObjectKind::TypeName).then_some(object.ty)
    }
}
