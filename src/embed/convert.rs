//! The heap side of conversions: a script's static types as the host sees them ([`Ty`],
//! read from the checker), and [`Value`]s to and from VM words of those types.
//!
//! Owns: the unsafe edge between the embedding API and the heap layout (strings, slices,
//! struct objects, maps, interface boxes), and calling an `error`'s `Error` method.
//! Does not own: the Rust-side conversions (`value`).
//!
//! Invariants (the safety argument of every read here):
//! - A word is read only while no collection can run: before a run starts, after it ended,
//!   or inside a native (between safepoints); and only as the type the checker gave it, so
//!   a word of a string (slice, struct, map) type is 0 or a live object of that kind.
//! - Objects built here for arguments are reachable from the new goroutine's registers
//!   before any safepoint, and struct objects are traced conservatively (`TY_CONSERVATIVE`).

use std::sync::Arc;

use minigo_lang::check::Program as Checked;
use minigo_lang::check::types::{Basic, Type, TypeId};
use minigo_vm::heap::object::{self, MapObj, SliceObj, TY_CONSERVATIVE, TY_POINTERS, TY_SCALARS};
use minigo_vm::op::FuncIdx;
use minigo_vm::{Exit, Goroutine, Vm};

use super::error::Error;
use super::value::Value;

/// A script type, as far as the host converts it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ty {
    Bool,
    Int,
    Float,
    Str,
    Slice(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    Struct(Vec<(String, Ty)>),
    /// `*T`: a struct pointer is the struct object's word.
    Pointer(Box<Ty>),
    Chan,
    Error,
    /// Anything else, by its Go spelling; it does not convert.
    Other(String),
}

impl Ty {
    /// The host view of checker type `id`.
    pub(crate) fn of(prog: &Checked, id: TypeId) -> Ty {
        Ty::of_depth(prog, id, 0)
    }

    fn of_depth(prog: &Checked, id: TypeId, depth: u32) -> Ty {
        if depth > 16 {
            return Ty::Other("recursive type".into());
        }
        let sub = |t: TypeId| Box::new(Ty::of_depth(prog, t, depth + 1));
        match prog.types.get(id) {
            Type::Basic(b) => Ty::basic(*b),
            Type::Pointer(t) => Ty::Pointer(sub(*t)),
            Type::Slice(t) => Ty::Slice(sub(*t)),
            Type::Map { key, value } => Ty::Map(sub(*key), sub(*value)),
            Type::Chan { .. } => Ty::Chan,
            Type::Struct(fields) => Ty::Struct(
                fields
                    .iter()
                    .map(|f| (f.name.to_string(), *sub(f.ty)))
                    .collect(),
            ),
            Type::Named(n) => {
                let info = prog.types.named(*n);
                let obj = prog.objects.get(info.obj);
                if obj.pkg.is_none() && obj.name == "error" {
                    return Ty::Error;
                }
                Ty::of_depth(prog, info.underlying, depth + 1)
            }
            Type::Array { .. } => Ty::Other("array".into()),
            Type::Func(_) => Ty::Other("func".into()),
            Type::Interface(_) => Ty::Other("interface".into()),
            _ => Ty::Other("unsupported type".into()),
        }
    }

    fn basic(b: Basic) -> Ty {
        match b {
            Basic::Bool | Basic::UntypedBool => Ty::Bool,
            Basic::String | Basic::UntypedString => Ty::Str,
            Basic::Float32 | Basic::Float64 | Basic::UntypedFloat => Ty::Float,
            Basic::Invalid | Basic::UntypedNil => Ty::Other(b.name().into()),
            _ => Ty::Int,
        }
    }

    /// Whether a word of this type is a heap pointer.
    fn is_pointer(&self) -> bool {
        !matches!(self, Ty::Bool | Ty::Int | Ty::Float)
    }
}

/// Builds the word of `value` as type `ty` in `vm`'s heap.
pub(crate) fn to_word(vm: &Arc<Vm>, ty: &Ty, value: &Value) -> Result<u64, Error> {
    let heap = &vm.heap;
    Ok(match (ty, value) {
        (Ty::Bool, Value::Bool(b)) => u64::from(*b),
        (Ty::Int, Value::Int(i)) => *i as u64,
        (Ty::Float, Value::Float(f)) => f.to_bits(),
        (Ty::Float, Value::Int(i)) => (*i as f64).to_bits(),
        (Ty::Str, Value::Str(s)) => heap.alloc_string(s.as_bytes()),
        (Ty::Slice(_) | Ty::Map(..) | Ty::Pointer(_) | Ty::Chan | Ty::Error, Value::Nil) => 0,
        (Ty::Slice(elem), Value::List(items)) => slice_word(vm, elem, items)?,
        (Ty::Struct(fields), Value::Struct(values)) => struct_word(vm, fields, values)?,
        (Ty::Pointer(inner), v @ Value::Struct(_)) if matches!(**inner, Ty::Struct(_)) => {
            to_word(vm, inner, v)?
        }
        (Ty::Chan, Value::Chan(ch)) => ch.word_in(vm)?,
        (ty, v) => return Err(type_error(ty, v)),
    })
}

fn type_error(ty: &Ty, v: &Value) -> Error {
    Error::Type(format!(
        "cannot use {} value as script type {}",
        v.kind(),
        ty.name()
    ))
}

impl Ty {
    /// A short spelling for messages.
    pub(crate) fn name(&self) -> String {
        match self {
            Ty::Bool => "bool".into(),
            Ty::Int => "int".into(),
            Ty::Float => "float64".into(),
            Ty::Str => "string".into(),
            Ty::Slice(e) => format!("[]{}", e.name()),
            Ty::Map(k, v) => format!("map[{}]{}", k.name(), v.name()),
            Ty::Struct(_) => "struct".into(),
            Ty::Pointer(t) => format!("*{}", t.name()),
            Ty::Chan => "chan".into(),
            Ty::Error => "error".into(),
            Ty::Other(s) => s.clone(),
        }
    }
}

fn slice_word(vm: &Arc<Vm>, elem: &Ty, items: &[Value]) -> Result<u64, Error> {
    let words = items
        .iter()
        .map(|v| to_word(vm, elem, v))
        .collect::<Result<Vec<u64>, Error>>()?;
    let layout = if elem.is_pointer() {
        TY_POINTERS
    } else {
        TY_SCALARS
    };
    let array = vm.heap.alloc_words(layout, words.len());
    for (i, &w) in words.iter().enumerate() {
        // SAFETY: `array` is a fresh object of `words.len()` slots.
        unsafe { object::store_slot(array, i, w) };
    }
    Ok(vm.heap.alloc_slice(array, 0, words.len(), words.len()))
}

fn struct_word(
    vm: &Arc<Vm>,
    fields: &[(String, Ty)],
    values: &[(String, Value)],
) -> Result<u64, Error> {
    let mut words = Vec::with_capacity(fields.len());
    for (name, ty) in fields {
        let value = values.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        let word = match value {
            Some(v) => to_word(vm, ty, v)?,
            None if ty.is_pointer() && !matches!(ty, Ty::Str) => 0,
            None => return Err(Error::Type(format!("missing struct field {name}"))),
        };
        words.push(word);
    }
    let obj = vm.heap.alloc_words(TY_CONSERVATIVE, words.len());
    for (i, &w) in words.iter().enumerate() {
        // SAFETY: `obj` is a fresh object of `words.len()` slots.
        unsafe { object::store_slot(obj, i, w) };
    }
    Ok(obj as u64)
}

/// Reads `word` as a value of type `ty` (see the module invariants).
pub(crate) fn from_word(vm: &Arc<Vm>, ty: &Ty, word: u64) -> Result<Value, Error> {
    Ok(match ty {
        Ty::Bool => Value::Bool(word != 0),
        Ty::Int => Value::Int(word as i64),
        Ty::Float => Value::Float(f64::from_bits(word)),
        Ty::Str => Value::Str(string_text(word)),
        _ if word == 0 => Value::Nil,
        Ty::Slice(elem) => Value::List(
            slice_elems(word)
                .into_iter()
                .map(|w| from_word(vm, elem, w))
                .collect::<Result<_, _>>()?,
        ),
        Ty::Map(k, v) => Value::Map(
            map_entries(word)
                .into_iter()
                .map(|(kw, vw)| Ok((from_word(vm, k, kw)?, from_word(vm, v, vw)?)))
                .collect::<Result<_, Error>>()?,
        ),
        Ty::Struct(fields) => struct_value(vm, fields, word)?,
        Ty::Pointer(inner) if matches!(**inner, Ty::Struct(_)) => from_word(vm, inner, word)?,
        Ty::Error => Value::Error(error_text(vm, word)),
        other => {
            return Err(Error::Type(format!(
                "cannot convert script type {}",
                other.name()
            )));
        }
    })
}

/// The text of a string word (see the module invariants).
fn string_text(word: u64) -> String {
    // SAFETY: a string-typed word is 0 or a live string (module invariants).
    let bytes = unsafe { object::string_bytes(word) };
    String::from_utf8_lossy(bytes).into_owned()
}

fn struct_value(vm: &Arc<Vm>, fields: &[(String, Ty)], word: u64) -> Result<Value, Error> {
    let obj = word as *const object::Header;
    // SAFETY: a struct-typed word is a live object of its fields (module invariants); the
    // count is capped by the object's own length.
    let len = unsafe { (*obj).len() };
    let mut res = Vec::with_capacity(fields.len());
    for (i, (name, ty)) in fields.iter().enumerate().take(len) {
        // SAFETY: `i < len`, checked just above.
        let w = unsafe { object::load_slot(obj, i) };
        res.push((name.clone(), from_word(vm, ty, w)?));
    }
    Ok(Value::Struct(res))
}

fn slice_elems(word: u64) -> Vec<u64> {
    // SAFETY: a slice-typed non-nil word is a live immutable header whose `off + len` is
    // within its array (module invariants).
    unsafe {
        let s = &*(word as *const SliceObj);
        (0..s.len)
            .map(|i| object::load_slot(s.array, s.off + i))
            .collect()
    }
}

fn map_entries(word: u64) -> Vec<(u64, u64)> {
    // SAFETY: a map-typed non-nil word is a live map object (module invariants).
    let map = unsafe { &*(word as *const MapObj) };
    map.table.lock().words().collect()
}

/// The `Error()` text of a non-nil `error` word: its dynamic type's `Error` method, run to
/// completion on this thread (it must not block), or the type's name if it cannot run.
pub(crate) fn error_text(vm: &Arc<Vm>, word: u64) -> String {
    // SAFETY: an error-typed non-nil word is a live interface box (module invariants).
    let Some(boxed) = (unsafe { minigo_vm::ops::iface::boxed(word) }) else {
        return "<nil>".into();
    };
    let desc = vm.program.types.get(usize::from(boxed.ty));
    let method = desc.and_then(|d| d.methods.iter().find(|(n, _)| n == "Error"));
    let fallback = || desc.map_or_else(|| "error".into(), |d| d.name.clone());
    let Some(&(_, func)) = method else {
        return fallback();
    };
    match call_to_end(vm, func, &[boxed.data]).as_deref() {
        // SAFETY: `Error` returns a string word, read before any other run.
        Some([s, ..]) => String::from_utf8_lossy(unsafe { object::string_bytes(*s) }).into(),
        _ => fallback(),
    }
}

/// Runs `func(args)` to its end on this thread without the scheduler; `None` if it
/// panicked, blocked, or ran for too long.
fn call_to_end(vm: &Arc<Vm>, func: FuncIdx, args: &[u64]) -> Option<Vec<u64>> {
    let mut g = Goroutine::new(vm, func, args).ok()?;
    for _ in 0..64 {
        match minigo_vm::run(&mut g, 1 << 16) {
            Exit::Done => return Some(std::mem::take(&mut g.results)),
            Exit::Yield => {}
            _ => return None,
        }
    }
    None
}
