//! The checker's view of constant values: the operations the walker needs, in one place.
//!
//! Exact arithmetic is `crate::constant`'s job; this module adapts it to the checker's
//! questions (what kind of constant a literal is, whether a value is representable in a
//! basic type, what integer a length or index is, how a value prints in a message), so
//! that the walker never depends on the representation.
//!
//! Invariant: no function here panics on any value; an operation Go rejects (division by
//! zero, a non-integer shift count) returns `None` and the caller reports it.

use crate::ast::{self, BinaryOp, UnaryOp};
use crate::constant::{self, ConstError, NumKind};

pub use crate::constant::Value;

use super::types::Basic;

/// The value of a literal and its untyped kind.
pub fn literal(lit: &ast::Lit) -> (Value, Basic) {
    match lit {
        ast::Lit::Int(n) => (Value::from_u128(*n), Basic::UntypedInt),
        ast::Lit::Float(f) => (float_literal(*f), Basic::UntypedFloat),
        ast::Lit::Rune(c) => (Value::from_u128(u128::from(*c)), Basic::UntypedRune),
        ast::Lit::Str(bytes) => (Value::Str(bytes.clone()), Basic::UntypedString),
    }
}

/// The exact value of a float literal the parser decoded to `f`: the shortest decimal that
/// rounds to `f`, read exactly, so `0.1` is one tenth and `0.1 + 0.2 == 0.3` holds as in
/// Go (the `f64` itself is `0.1000000000000000055...`). A literal with more significant
/// digits than an `f64` keeps is read as its nearest `f64`'s shortest decimal.
fn float_literal(f: f64) -> Value {
    if !f.is_finite() {
        return Value::from_f64(f);
    }
    Value::from_literal(crate::token::Token::Float, &format!("{f:e}"))
        .unwrap_or_else(|_| Value::from_f64(f))
}

/// `x op y` on two constants of the same kind (`integer` asks for integer division).
pub fn binary(op: BinaryOp, x: &Value, y: &Value, integer: bool) -> Option<Value> {
    let (x, y) = if integer {
        (to_int(x)?, to_int(y)?)
    } else if matches!(x, Value::Float(_)) || matches!(y, Value::Float(_)) {
        (to_float(x)?, to_float(y)?)
    } else {
        (x.clone(), y.clone())
    };
    constant::binary(op, &x, &y).ok()
}

/// `x == y`, `x < y`, ...
pub fn compare(op: BinaryOp, x: &Value, y: &Value) -> Option<bool> {
    let (x, y) = match (x, y) {
        (Value::Int(_), Value::Float(_)) | (Value::Float(_), Value::Int(_)) => {
            (to_float(x)?, to_float(y)?)
        }
        _ => (x.clone(), y.clone()),
    };
    constant::compare(op, &x, &y).ok()?.as_bool()
}

/// `x << n` or `x >> n`.
pub fn shift(op: BinaryOp, x: &Value, n: u64) -> Option<Value> {
    constant::shift(op, x, n).ok()
}

/// `-x`, `+x`, `!x`, `^x`; `unsigned_bits` is the size of an unsigned typed operand,
/// which makes `^x` complement within that size.
pub fn unary(op: UnaryOp, x: &Value, unsigned_bits: Option<u32>) -> Option<Value> {
    constant::unary(op, x, unsigned_bits).ok()
}

/// The value as an integer, if it is one (an integer-valued float counts, as in Go).
pub fn to_int(x: &Value) -> Option<Value> {
    constant::to_int(x).ok()
}

pub fn to_float(x: &Value) -> Option<Value> {
    constant::to_float(x).ok()
}

/// The value as a basic type holds it, or why it cannot: `Err(true)` when it overflows,
/// `Err(false)` when it is truncated (a fractional float as an integer) or of the wrong
/// kind.
pub fn represent(x: &Value, target: Basic) -> Result<Value, bool> {
    if x.is_unknown() {
        return Ok(x.clone());
    }
    match num_kind(target) {
        Some(kind) => constant::represent(x, kind).map_err(|e| e == ConstError::Overflows),
        None if target.is_string() && matches!(x, Value::Str(_)) => Ok(x.clone()),
        None if target.is_boolean() && matches!(x, Value::Bool(_)) => Ok(x.clone()),
        None if target.is_untyped() => Ok(x.clone()),
        None => Err(false),
    }
}

fn num_kind(b: Basic) -> Option<NumKind> {
    Some(match b {
        Basic::Int => NumKind::Int,
        Basic::Int8 => NumKind::Int8,
        Basic::Int16 => NumKind::Int16,
        Basic::Int32 => NumKind::Int32,
        Basic::Int64 => NumKind::Int64,
        Basic::Uint => NumKind::Uint,
        Basic::Uint8 => NumKind::Uint8,
        Basic::Uint16 => NumKind::Uint16,
        Basic::Uint32 => NumKind::Uint32,
        Basic::Uint64 => NumKind::Uint64,
        Basic::Uintptr => NumKind::Uintptr,
        Basic::Float32 => NumKind::Float32,
        Basic::Float64 => NumKind::Float64,
        _ => return None,
    })
}

pub fn as_i64(x: &Value) -> Option<i64> {
    x.as_i64()
}

/// Go's spelling of a constant in messages (`300`, `"two"`, `1.5`, `true`).
pub fn display(x: &Value) -> String {
    x.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_division_truncates_and_float_division_is_exact() {
        let (seven, two) = (Value::from_i64(7), Value::from_i64(2));
        assert_eq!(
            binary(BinaryOp::Quo, &seven, &two, true),
            Some(Value::from_i64(3))
        );
        let half = binary(BinaryOp::Quo, &Value::from_f64(7.0), &two, false);
        assert_eq!(half, Some(Value::from_f64(3.5)));
    }

    #[test]
    fn representability_reports_overflow() {
        assert_eq!(represent(&Value::from_i64(300), Basic::Uint8), Err(true));
        assert_eq!(represent(&Value::from_f64(1.5), Basic::Int), Err(false));
        assert!(represent(&Value::from_i64(255), Basic::Uint8).is_ok());
        assert_eq!(
            compare(BinaryOp::Lss, &Value::from_i64(1), &Value::from_f64(1.5)),
            Some(true)
        );
    }
}
