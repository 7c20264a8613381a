//! Printing one operand of any type by walking its type descriptor: Go's `printArg`,
//! `handleMethods` and `printValue`.
//!
//! This module owns the shape of composite values (`{1 2}`, `{X:1 Y:2}`, `main.T{X:1, Y:2}`,
//! `&{1 2}`, `[1 2]`, `map[a:1]` with sorted keys, `<nil>`), `%T`, and the calls of
//! `Error()`/`String()` methods, at the top level and inside composites as Go does. The
//! leaf texts come from `crate::fmt`; the directive loop is the parent module's.
//!
//! Invariants: a method is called only for the verbs `v s x X q` and never under `%#v`;
//! like Go, values reached through unexported struct fields never have their methods
//! called (`CanInterface` is false for them).

use minigo_vm::native::{CallError, NativeCtx};
use minigo_vm::op::TypeIdx;
use minigo_vm::program::{TypeDesc, TypeKind};

use super::super::heapval;
use crate::fmt::{
    Spec, fmt_bool, fmt_bytes, fmt_float, fmt_int, fmt_pointer, fmt_string, fmt_uint,
    write_bad_verb,
};

/// Deeper nesting than this prints `...` instead of recursing (cyclic pointers through
/// interfaces and maps cannot loop the printer).
const MAX_DEPTH: usize = 64;

/// Formats operands into `out`.
pub struct Printer<'c, 'v> {
    pub ctx: &'c NativeCtx<'v>,
    pub out: Vec<u8>,
    /// Whether `%w` may wrap errors (`Errorf`).
    pub wrap_errs: bool,
}

impl<'c, 'v> Printer<'c, 'v> {
    /// A printer writing to a fresh buffer.
    pub fn new(ctx: &'c NativeCtx<'v>) -> Self {
        Printer {
            ctx,
            out: Vec::new(),
            wrap_errs: false,
        }
    }

    fn desc(&self, ty: TypeIdx) -> &'c TypeDesc {
        let program: &'c minigo_vm::Program = self.ctx.vm.program.as_ref();
        program.ty(ty)
    }

    /// The dynamic type of an interface word, `None` for nil.
    pub fn dynamic_type(&self, arg: u64) -> Option<(TypeIdx, u64)> {
        heapval::iface(arg).map(|b| (TypeIdx(b.ty), b.data))
    }

    /// Whether an operand is a string (for `Print`'s spacing): its kind is string.
    pub fn is_string(&self, arg: u64) -> bool {
        self.dynamic_type(arg)
            .is_some_and(|(ty, _)| self.desc(ty).kind == TypeKind::String)
    }

    /// Whether an operand's dynamic type has an `Error` method (implements `error`).
    pub fn is_error(&self, arg: u64) -> bool {
        self.dynamic_type(arg)
            .is_some_and(|(ty, _)| self.desc(ty).methods.iter().any(|(m, _)| m == "Error"))
    }

    /// Go's `printArg`: one top-level operand (an interface word) under one directive.
    pub fn print_arg(&mut self, arg: u64, verb: char, spec: &Spec) {
        let Some((ty, data)) = self.dynamic_type(arg) else {
            match verb {
                'T' | 'v' => {
                    let _ = fmt_string(&mut self.out, spec, 'v', b"<nil>");
                }
                _ => write_bad_verb(&mut self.out, verb, None, b""),
            }
            return;
        };
        match verb {
            'T' => {
                let name = self.desc(ty).name.clone();
                let _ = fmt_string(&mut self.out, spec, 's', name.as_bytes());
            }
            'p' => self.print_pointer(data, ty, verb, spec),
            _ => {
                if !is_basic_name(&self.desc(ty).name) && self.handle_methods(ty, data, verb, spec)
                {
                    return;
                }
                self.print_value(ty, data, verb, spec, 0, true);
            }
        }
    }

    /// Go's `handleMethods`: prints `Error()` or `String()` of the value when the verb
    /// allows; returns whether it printed.
    fn handle_methods(&mut self, ty: TypeIdx, data: u64, verb: char, spec: &Spec) -> bool {
        if spec.sharp_v || !matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
            return false;
        }
        let Some((func, which)) = self.text_method(ty) else {
            return false;
        };
        match self.ctx.call(func, &[data]) {
            Ok(res) => {
                let text = heapval::str_bytes(res.first().copied().unwrap_or(0)).to_vec();
                self.print_string_verb(&text, verb, spec);
            }
            Err(err) => self.write_method_panic(ty, data, verb, which, err),
        }
        true
    }

    /// The `Error` (preferred) or `String` method of `ty`, with its kind's word for
    /// messages.
    fn text_method(&self, ty: TypeIdx) -> Option<(minigo_vm::op::FuncIdx, &'static str)> {
        let methods = &self.desc(ty).methods;
        let find = |name: &str| methods.iter().find(|(m, _)| m == name).map(|&(_, f)| f);
        let (func, which) = match find("Error") {
            Some(f) => (f, "Error"),
            None => (find("String")?, "String"),
        };
        let f = self.ctx.program().function(func);
        (f.n_params == 1 && f.n_results == 1).then_some((func, which))
    }

    /// Go's `catchPanic`: a nil pointer receiver prints `<nil>`; anything else prints
    /// `%!v(PANIC=String method: TEXT)`.
    fn write_method_panic(
        &mut self,
        ty: TypeIdx,
        data: u64,
        verb: char,
        which: &str,
        err: CallError,
    ) {
        if data == 0 && matches!(self.desc(ty).kind, TypeKind::Pointer(_)) {
            self.out.extend_from_slice(b"<nil>");
            return;
        }
        let text = match err {
            CallError::Panic(p) => p.kind.message(),
            CallError::Blocked => "method blocked".to_string(),
        };
        self.out.extend_from_slice(b"%!");
        self.out.extend_from_slice(verb.to_string().as_bytes());
        self.out
            .extend_from_slice(format!("(PANIC={which} method: {text})").as_bytes());
    }

    fn print_string_verb(&mut self, text: &[u8], verb: char, spec: &Spec) {
        let _ = fmt_string(&mut self.out, spec, verb, text);
    }

    /// Go's `printValue`: a value `data` of static type `ty` at nesting `depth`.
    /// `can_iface` is false below an unexported field.
    pub fn print_value(
        &mut self,
        ty: TypeIdx,
        data: u64,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) {
        let desc = self.desc(ty);
        if depth > 0
            && can_iface
            && !matches!(desc.kind, TypeKind::Interface { .. })
            && !is_basic_name(&desc.name)
            && self.handle_methods(ty, data, verb, spec)
        {
            return;
        }
        if depth > MAX_DEPTH {
            self.out.extend_from_slice(b"...");
            return;
        }
        if self
            .print_kind(ty, data, verb, spec, depth, can_iface)
            .is_err()
        {
            self.bad_verb(ty, data, verb, spec);
        }
    }

    /// `printValue`'s switch on the kind of `ty`; `Err` when the verb does not apply.
    #[allow(clippy::too_many_arguments)]
    fn print_kind(
        &mut self,
        ty: TypeIdx,
        data: u64,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) -> Result<(), crate::fmt::BadVerb> {
        let desc = self.desc(ty);
        match &desc.kind {
            TypeKind::Bool => fmt_bool(&mut self.out, spec, verb, data != 0),
            TypeKind::Int(_) => fmt_int(&mut self.out, spec, verb, data as i64),
            TypeKind::Uint(_) => fmt_uint(&mut self.out, spec, verb, data),
            TypeKind::Float(bits) => fmt_float(
                &mut self.out,
                spec,
                verb,
                f64::from_bits(data),
                u32::from(*bits),
            ),
            TypeKind::String => fmt_string(&mut self.out, spec, verb, heapval::str_bytes(data)),
            TypeKind::Interface { .. } => {
                self.print_interface_field(ty, data, verb, spec, depth, can_iface);
                Ok(())
            }
            TypeKind::Struct { n_fields } => {
                self.print_struct(
                    ty,
                    data,
                    usize::from(*n_fields),
                    verb,
                    spec,
                    depth,
                    can_iface,
                );
                Ok(())
            }
            TypeKind::Array { elem, len } => {
                let words = heapval::object_words(data, *len as usize);
                self.print_list(ty, *elem, &words, false, verb, spec, depth, can_iface)
            }
            TypeKind::Slice { elem } => {
                let words = heapval::slice_words(data);
                self.print_list(ty, *elem, &words, data == 0, verb, spec, depth, can_iface)
            }
            TypeKind::Map { key, value } => {
                self.print_map(ty, (*key, *value), data, verb, spec, depth, can_iface);
                Ok(())
            }
            TypeKind::Pointer(elem) => {
                self.print_pointer_value(ty, *elem, data, verb, spec, depth, can_iface);
                Ok(())
            }
            TypeKind::Chan { .. } | TypeKind::Func => {
                self.print_pointer(data, ty, verb, spec);
                Ok(())
            }
        }
    }

    /// Go's `badVerb`: `%!d(string=hi)`.
    fn bad_verb(&mut self, ty: TypeIdx, data: u64, verb: char, spec: &Spec) {
        let mut inner = Printer::new(self.ctx);
        inner.print_value(ty, data, 'v', spec, 0, false);
        let name = self.desc(ty).name.clone();
        write_bad_verb(&mut self.out, verb, Some(&name), &inner.out);
    }

    /// An interface-typed field or element: its dynamic value, or `<nil>`.
    fn print_interface_field(
        &mut self,
        ty: TypeIdx,
        data: u64,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) {
        match self.dynamic_type(data) {
            None if spec.sharp_v => {
                let name = self.desc(ty).name.clone();
                self.out.extend_from_slice(name.as_bytes());
                self.out.extend_from_slice(b"(nil)");
            }
            None => {
                let _ = fmt_string(&mut self.out, spec, 'v', b"<nil>");
            }
            Some((dyn_ty, dyn_data)) => {
                self.print_value(dyn_ty, dyn_data, verb, spec, depth + 1, can_iface);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn print_struct(
        &mut self,
        ty: TypeIdx,
        data: u64,
        n_fields: usize,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) {
        let desc = self.desc(ty);
        if spec.sharp_v {
            self.out.extend_from_slice(desc.name.as_bytes());
        }
        self.out.push(b'{');
        let words = heapval::object_words(data, n_fields);
        for (i, field) in desc.fields.iter().enumerate() {
            if i > 0 {
                self.out
                    .extend_from_slice(if spec.sharp_v { b", " } else { b" " });
            }
            if spec.plus_v || spec.sharp_v {
                self.out.extend_from_slice(field.name.as_bytes());
                self.out.push(b':');
            }
            let exported = field.name.chars().next().is_some_and(char::is_uppercase);
            let word = words.get(i).copied().unwrap_or(0);
            self.print_value(field.ty, word, verb, spec, depth + 1, can_iface && exported);
        }
        self.out.push(b'}');
    }

    #[allow(clippy::too_many_arguments)]
    fn print_list(
        &mut self,
        ty: TypeIdx,
        elem: TypeIdx,
        words: &[u64],
        is_nil: bool,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) -> Result<(), crate::fmt::BadVerb> {
        let elem_desc = self.desc(elem);
        if matches!(verb, 's' | 'q' | 'x' | 'X') && elem_desc.kind == TypeKind::Uint(8) {
            let bytes: Vec<u8> = words.iter().map(|&w| w as u8).collect();
            let name = self.desc(ty).name.clone();
            return fmt_bytes(
                &mut self.out,
                spec,
                verb,
                (!is_nil).then_some(&bytes),
                &name,
            );
        }
        if spec.sharp_v {
            let name = self.desc(ty).name.clone();
            self.out.extend_from_slice(name.as_bytes());
            if is_nil {
                self.out.extend_from_slice(b"(nil)");
                return Ok(());
            }
            self.out.push(b'{');
        } else {
            self.out.push(b'[');
        }
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                self.out
                    .extend_from_slice(if spec.sharp_v { b", " } else { b" " });
            }
            self.print_value(elem, w, verb, spec, depth + 1, can_iface);
        }
        self.out.push(if spec.sharp_v { b'}' } else { b']' });
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn print_map(
        &mut self,
        ty: TypeIdx,
        (key, value): (TypeIdx, TypeIdx),
        data: u64,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) {
        if spec.sharp_v {
            let name = self.desc(ty).name.clone();
            self.out.extend_from_slice(name.as_bytes());
            if data == 0 {
                self.out.extend_from_slice(b"(nil)");
                return;
            }
            self.out.push(b'{');
        } else {
            self.out.extend_from_slice(b"map[");
        }
        let mut entries = heapval::map_entries(data);
        super::sortkeys::sort_entries(self.ctx.program(), key, &mut entries);
        for (i, (k, v)) in entries.into_iter().enumerate() {
            if i > 0 {
                self.out
                    .extend_from_slice(if spec.sharp_v { b", " } else { b" " });
            }
            self.print_value(key, k, verb, spec, depth + 1, can_iface);
            self.out.push(b':');
            self.print_value(value, v, verb, spec, depth + 1, can_iface);
        }
        self.out.push(if spec.sharp_v { b'}' } else { b']' });
    }

    /// A pointer: `&{...}` at the top level for pointers to composites, else an address.
    #[allow(clippy::too_many_arguments)]
    fn print_pointer_value(
        &mut self,
        ty: TypeIdx,
        elem: TypeIdx,
        data: u64,
        verb: char,
        spec: &Spec,
        depth: usize,
        can_iface: bool,
    ) {
        let elem_kind = &self.desc(elem).kind;
        if depth == 0 && data != 0 {
            match elem_kind {
                TypeKind::Struct { .. } | TypeKind::Array { .. } => {
                    self.out.push(b'&');
                    self.print_value(elem, data, verb, spec, depth + 1, can_iface);
                    return;
                }
                TypeKind::Slice { .. } | TypeKind::Map { .. } => {
                    self.out.push(b'&');
                    let target = heapval::object_words(data, 1).first().copied().unwrap_or(0);
                    self.print_value(elem, target, verb, spec, depth + 1, can_iface);
                    return;
                }
                _ => {}
            }
        }
        self.print_pointer(data, ty, verb, spec);
    }

    /// Go's `fmtPointer`.
    fn print_pointer(&mut self, data: u64, ty: TypeIdx, verb: char, spec: &Spec) {
        let name = self.desc(ty).name.clone();
        let addr = pointer_address(&self.desc(ty).kind, data);
        if fmt_pointer(&mut self.out, spec, verb, addr, &name).is_err() {
            self.bad_verb(ty, data, verb, spec);
        }
    }
}

/// The address Go would print for a pointer-like value: slices print their first element's
/// address, everything else its object's.
fn pointer_address(kind: &TypeKind, data: u64) -> u64 {
    match kind {
        TypeKind::Slice { .. } if data != 0 => {
            // SAFETY: the type says `data` is a live slice header.
            let s = unsafe { &*(data as *const minigo_vm::heap::object::SliceObj) };
            s.array as u64 + 8 * s.off as u64
        }
        _ => data,
    }
}

/// Whether `name` is a predeclared basic type, which has no methods (Go's `printArg` fast
/// path never calls methods on them).
fn is_basic_name(name: &str) -> bool {
    matches!(
        name,
        "bool"
            | "string"
            | "int"
            | "int8"
            | "int16"
            | "int32"
            | "int64"
            | "uint"
            | "uint8"
            | "uint16"
            | "uint32"
            | "uint64"
            | "uintptr"
            | "float32"
            | "float64"
            | "byte"
            | "rune"
    )
}
