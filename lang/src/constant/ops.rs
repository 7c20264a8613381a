//! Operations on constant values: arithmetic, comparison, shifts, conversions between
//! kinds, and whether a value is representable in a sized type.
//!
//! Every function takes operands by reference and returns a new [`Value`] or a
//! [`ConstError`]; none panics. An [`Value::Unknown`] operand makes any operation return
//! `Ok(Unknown)`. Mixed `Int`/`Float` operands are first made both `Float` (Go's
//! "matching" of constant kinds); which operations are legal for which types is the
//! checker's concern, and an operation that makes no sense for the kinds given returns
//! [`ConstError::Mismatch`].

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

use super::{ConstError, MAX_FLOAT_BITS, MAX_INT_BITS, NumKind, Value};
use crate::ast::{BinaryOp, UnaryOp};

/// `x op y` for every binary operator, comparisons and shifts included (a shift count
/// must be a non-negative integer; see [`shift`]).
///
/// # Errors
/// [`ConstError::DivisionByZero`], [`ConstError::Overflow`] past the precision limits,
/// [`ConstError::InvalidShiftCount`], or [`ConstError::Mismatch`] for kinds the
/// operator does not apply to.
///
/// ```
/// use minigo_lang::{ast::BinaryOp, constant::{binary, Value}};
/// let seven = Value::from_i64(7);
/// assert_eq!(binary(BinaryOp::Quo, &seven, &Value::from_i64(2)), Ok(Value::from_i64(3)));
/// assert_eq!(binary(BinaryOp::Quo, &Value::from_f64(7.0), &Value::from_i64(2)), Ok(Value::from_f64(3.5)));
/// ```
pub fn binary(op: BinaryOp, x: &Value, y: &Value) -> Result<Value, ConstError> {
    use Value::*;
    match (op, x, y) {
        (_, Unknown, _) | (_, _, Unknown) => Ok(Unknown),
        (
            BinaryOp::Eql
            | BinaryOp::Neq
            | BinaryOp::Lss
            | BinaryOp::Leq
            | BinaryOp::Gtr
            | BinaryOp::Geq,
            _,
            _,
        ) => compare(op, x, y),
        (BinaryOp::Shl | BinaryOp::Shr, _, _) => {
            let count = y.as_u64().ok_or(ConstError::InvalidShiftCount)?;
            shift(op, x, count)
        }
        (BinaryOp::LAnd, Bool(a), Bool(b)) => Ok(Bool(*a && *b)),
        (BinaryOp::LOr, Bool(a), Bool(b)) => Ok(Bool(*a || *b)),
        (BinaryOp::Add, Str(a), Str(b)) => Ok(Str([&a[..], &b[..]].concat().into_boxed_slice())),
        (_, Int(a), Int(b)) => int_binary(op, a, b),
        (_, Int(_) | Float(_), Int(_) | Float(_)) => float_binary(op, &rational(x)?, &rational(y)?),
        _ => Err(ConstError::Mismatch),
    }
}

/// Go's name for an operation in "constant X overflow".
fn op_name(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Add => "addition",
        BinaryOp::Sub => "subtraction",
        BinaryOp::Mul => "multiplication",
        BinaryOp::Quo | BinaryOp::Rem => "division",
        BinaryOp::Shl | BinaryOp::Shr => "shift",
        _ => "operation",
    }
}

fn int_binary(op: BinaryOp, a: &BigInt, b: &BigInt) -> Result<Value, ConstError> {
    let divides = matches!(op, BinaryOp::Quo | BinaryOp::Rem);
    if divides && b.is_zero() {
        return Err(ConstError::DivisionByZero);
    }
    // BigInt's `/` truncates toward zero and `%` takes the dividend's sign, as Go's do;
    // its bitwise operators act on the infinite two's complement form, as Go's do.
    let res = match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Quo => a / b,
        BinaryOp::Rem => a % b,
        BinaryOp::And => a & b,
        BinaryOp::Or => a | b,
        BinaryOp::Xor => a ^ b,
        BinaryOp::AndNot => a & !b.clone(),
        _ => return Err(ConstError::Mismatch),
    };
    checked_int(res, op_name(op))
}

fn float_binary(op: BinaryOp, a: &BigRational, b: &BigRational) -> Result<Value, ConstError> {
    let res = match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Quo if b.is_zero() => return Err(ConstError::DivisionByZero),
        BinaryOp::Quo => a / b,
        _ => return Err(ConstError::Mismatch),
    };
    checked_float(res, op_name(op))
}

/// `Int(n)` unless `n` needs more than [`MAX_INT_BITS`] bits.
pub(super) fn checked_int(n: BigInt, op: &'static str) -> Result<Value, ConstError> {
    if n.bits() > MAX_INT_BITS {
        return Err(ConstError::Overflow { op });
    }
    Ok(Value::Int(n))
}

/// `Float(r)` unless its numerator or denominator passes [`MAX_FLOAT_BITS`] bits.
pub(super) fn checked_float(r: BigRational, op: &'static str) -> Result<Value, ConstError> {
    if r.numer().bits() > MAX_FLOAT_BITS || r.denom().bits() > MAX_FLOAT_BITS {
        return Err(ConstError::Overflow { op });
    }
    Ok(Value::Float(r))
}

/// A numeric value as an exact rational.
fn rational(x: &Value) -> Result<BigRational, ConstError> {
    match x {
        Value::Int(n) => Ok(BigRational::from_integer(n.clone())),
        Value::Float(r) => Ok(r.clone()),
        _ => Err(ConstError::Mismatch),
    }
}

/// `x == y`, `x < y`, ...: `Bool` (or `Unknown`). Booleans compare only for equality;
/// strings compare bytewise, as Go's do.
///
/// # Errors
/// [`ConstError::Mismatch`] for an ordering of booleans, a non-comparison operator, or
/// operands of different kinds.
pub fn compare(op: BinaryOp, x: &Value, y: &Value) -> Result<Value, ConstError> {
    use Value::*;
    let ordering = match (x, y) {
        (Unknown, _) | (_, Unknown) => return Ok(Unknown),
        (Bool(a), Bool(b)) if matches!(op, BinaryOp::Eql | BinaryOp::Neq) => a.cmp(b),
        (Str(a), Str(b)) => a.cmp(b),
        (Int(a), Int(b)) => a.cmp(b),
        (Int(_) | Float(_), Int(_) | Float(_)) => rational(x)?.cmp(&rational(y)?),
        _ => return Err(ConstError::Mismatch),
    };
    let res = match op {
        BinaryOp::Eql => ordering == Ordering::Equal,
        BinaryOp::Neq => ordering != Ordering::Equal,
        BinaryOp::Lss => ordering == Ordering::Less,
        BinaryOp::Leq => ordering != Ordering::Greater,
        BinaryOp::Gtr => ordering == Ordering::Greater,
        BinaryOp::Geq => ordering != Ordering::Less,
        _ => return Err(ConstError::Mismatch),
    };
    Ok(Bool(res))
}

/// `x << count` or `x >> count` (`op` is `Shl` or `Shr`). `x` must be an integer or an
/// integral float; a right shift rounds toward negative infinity (`-5 >> 1 == -3`).
///
/// # Errors
/// [`ConstError::Overflow`] when `x << count` passes [`MAX_INT_BITS`],
/// [`ConstError::Truncated`] for a fractional `x`, [`ConstError::Mismatch`] otherwise.
pub fn shift(op: BinaryOp, x: &Value, count: u64) -> Result<Value, ConstError> {
    let n = match to_int(x)? {
        Value::Int(n) => n,
        Value::Unknown => return Ok(Value::Unknown),
        _ => return Err(ConstError::Mismatch),
    };
    match op {
        BinaryOp::Shl if n.is_zero() => Ok(Value::Int(n)),
        BinaryOp::Shl if n.bits().saturating_add(count) > MAX_INT_BITS => {
            Err(ConstError::Overflow { op: "shift" })
        }
        // The guard above bounds `count` by MAX_INT_BITS, so it fits a usize.
        BinaryOp::Shl => Ok(Value::Int(n << count as usize)),
        BinaryOp::Shr if count >= n.bits() => {
            Ok(Value::from_i64(if n.is_negative() { -1 } else { 0 }))
        }
        BinaryOp::Shr => Ok(Value::Int(n >> count as usize)),
        _ => Err(ConstError::Mismatch),
    }
}

/// `+x`, `-x`, `!x` or `^x`. For `^x`, `unsigned_bits` is the size of `x`'s unsigned
/// type, if it has one: then `^x` flips exactly that many bits (`^uint8(1) == 254`);
/// otherwise it is `-x - 1`, as for Go's untyped and signed integers.
///
/// # Errors
/// [`ConstError::Mismatch`] when the operator does not apply (`!1`, `-"a"`, `&x`).
pub fn unary(op: UnaryOp, x: &Value, unsigned_bits: Option<u32>) -> Result<Value, ConstError> {
    use Value::*;
    match (op, x) {
        (_, Unknown) => Ok(Unknown),
        (UnaryOp::Pos, Int(_) | Float(_)) => Ok(x.clone()),
        (UnaryOp::Neg, Int(n)) => checked_int(-n, "negation"),
        (UnaryOp::Neg, Float(r)) => Ok(Float(-r)),
        (UnaryOp::Not, Bool(b)) => Ok(Bool(!b)),
        (UnaryOp::BitNot, Int(n)) => Ok(Int(match unsigned_bits {
            Some(bits) => n ^ ((BigInt::one() << bits) - 1),
            None => !n.clone(),
        })),
        _ => Err(ConstError::Mismatch),
    }
}

/// The value as an `Int`: integers unchanged, integral floats converted exactly.
///
/// # Errors
/// [`ConstError::Truncated`] for a float with a fractional part;
/// [`ConstError::Mismatch`] for booleans and strings.
pub fn to_int(x: &Value) -> Result<Value, ConstError> {
    match x {
        Value::Int(_) | Value::Unknown => Ok(x.clone()),
        Value::Float(r) if r.is_integer() => Ok(Value::Int(r.to_integer())),
        Value::Float(_) => Err(ConstError::Truncated),
        _ => Err(ConstError::Mismatch),
    }
}

/// The value as a `Float`, exactly.
///
/// # Errors
/// [`ConstError::Mismatch`] for booleans and strings.
pub fn to_float(x: &Value) -> Result<Value, ConstError> {
    match x {
        Value::Unknown => Ok(Value::Unknown),
        _ => rational(x).map(Value::Float),
    }
}

/// The value a constant takes as a typed constant of `kind`: an `Int` within the type's
/// range, or a `Float` rounded to the type's precision (`float32(0.1)` is not `0.1`).
///
/// # Errors
/// [`ConstError::Overflows`] outside the type's range, [`ConstError::Truncated`] for a
/// fractional value and an integer type, [`ConstError::Mismatch`] for a non-number.
///
/// ```
/// use minigo_lang::constant::{represent, ConstError, NumKind, Value};
/// assert_eq!(represent(&Value::from_i64(300), NumKind::Uint8), Err(ConstError::Overflows));
/// assert_eq!(represent(&Value::from_f64(1.5), NumKind::Int), Err(ConstError::Truncated));
/// ```
pub fn represent(x: &Value, kind: NumKind) -> Result<Value, ConstError> {
    if x.is_unknown() {
        return Ok(Value::Unknown);
    }
    if kind.is_float() {
        let (mantissa_bits, min_exp, max_exp) = match kind {
            NumKind::Float32 => (24, -126, 127),
            _ => (53, -1022, 1023),
        };
        let rounded = round_float(&rational(x)?, mantissa_bits, min_exp, max_exp);
        return rounded.map(Value::Float).ok_or(ConstError::Overflows);
    }
    let Value::Int(n) = to_int(x)? else {
        return Err(ConstError::Mismatch);
    };
    let bits = kind.bits();
    let (min, max) = if kind.is_unsigned() {
        (BigInt::zero(), (BigInt::one() << bits) - 1)
    } else {
        (
            -(BigInt::one() << (bits - 1)),
            (BigInt::one() << (bits - 1)) - 1,
        )
    };
    if n < min || n > max {
        return Err(ConstError::Overflows);
    }
    Ok(Value::Int(n))
}

/// Whether `x` is representable as a constant of `kind` (see [`represent`]).
pub fn fits(x: &Value, kind: NumKind) -> bool {
    represent(x, kind).is_ok()
}

/// Rounds `x` to the nearest binary float with `mantissa_bits` significant bits and
/// exponents in `min_exp..=max_exp` (subnormals below), ties to even, as IEEE 754 does.
/// `None` when the result overflows to infinity.
fn round_float(
    x: &BigRational,
    mantissa_bits: i64,
    min_exp: i64,
    max_exp: i64,
) -> Option<BigRational> {
    if x.is_zero() {
        return Some(BigRational::zero());
    }
    let (numer, denom) = (x.numer().abs(), x.denom().clone());
    // `top` is the exponent of the leading bit: x lies in [2^top, 2^(top+1)).
    let mut top = numer.bits() as i64 - denom.bits() as i64;
    if scale(&numer, denom.clone(), top) < BigInt::zero() {
        top -= 1;
    }
    if top > max_exp {
        return None;
    }
    // Below the normal range the unit of the last place stays fixed (subnormals).
    let unit_exp = top.max(min_exp) - (mantissa_bits - 1);
    let (num, den) = shifted(numer, denom, unit_exp);
    let (mut units, rest) = num.div_rem(&den);
    let twice_rest: BigInt = rest << 1usize;
    if twice_rest > den || (twice_rest == den && units.is_odd()) {
        units += 1;
    }
    if units.bits() as i64 + unit_exp > max_exp + 1 {
        return None;
    }
    let magnitude = BigRational::from_integer(units) * pow2(unit_exp);
    Some(if x.is_negative() {
        -magnitude
    } else {
        magnitude
    })
}

/// `numer - denom * 2^exp`'s sign, as a BigInt: negative when `numer/denom < 2^exp`.
fn scale(numer: &BigInt, denom: BigInt, exp: i64) -> BigInt {
    let (num, den) = shifted(numer.clone(), denom, exp);
    num - den
}

/// `(numer, denom * 2^exp)` as two integers, shifting whichever side keeps them whole.
fn shifted(numer: BigInt, denom: BigInt, exp: i64) -> (BigInt, BigInt) {
    if exp >= 0 {
        (numer, denom << exp.unsigned_abs() as usize)
    } else {
        (numer << exp.unsigned_abs() as usize, denom)
    }
}

/// `2^exp` as an exact rational.
fn pow2(exp: i64) -> BigRational {
    let power = BigInt::one() << exp.unsigned_abs() as usize;
    if exp >= 0 {
        BigRational::from_integer(power)
    } else {
        BigRational::new(BigInt::one(), power)
    }
}
