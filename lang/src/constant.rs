//! Exact constant values and arithmetic, as Go's untyped constants require.
//!
//! A [`Value`] is what the checker knows about a constant expression: a boolean, an
//! integer of any size (a `num_bigint::BigInt`), a float kept as an exact rational (a
//! `num_rational::BigRational`), or a byte string. So `1 << 100 >> 98` is `4`, and
//! `0.1 + 0.2 == 0.3` holds, exactly as in Go. [`Value::Unknown`] stands for a constant
//! whose computation already failed; every operation passes it through silently, so one
//! mistake produces one diagnostic.
//!
//! This module owns the arithmetic ([`binary`], [`compare`], [`shift`], [`unary`]), the
//! conversions between kinds ([`to_int`], [`to_float`]), the question whether a value
//! fits a sized type ([`represent`], [`fits`]) and Go's spelling of a constant in messages
//! (`Display`). It does not know types: the checker decides which operation applies and
//! which [`NumKind`] a typed constant has, and words the full error message.
//!
//! Invariants and limits:
//! - Integers are exact up to 512 bits, Go's own limit; a result beyond it is
//!   [`ConstError::Overflow`] ("constant multiplication overflow").
//! - Floats are exact rationals. Go switches to 512-bit binary floats for huge exponents;
//!   here a float whose numerator or denominator passes [`MAX_FLOAT_BITS`] bits is an
//!   overflow instead. Real programs stay far below it (`math.MaxFloat64` needs 1,024).
//! - The kind of a value decides integer versus exact division: `Int / Int` truncates,
//!   anything with a `Float` divides exactly. [`represent`] returns values in their target
//!   kind's representation (a typed `float64` constant is a `Float`), so the checker gets
//!   Go's rule by converting operands before operating on them.
//! - `int`, `uint` and `uintptr` are 64 bits wide.
//!
//! Rejected alternatives: `i128` with overflow checks cannot hold Go's 512-bit untyped
//! integers (`1 << 200 >> 190` is valid Go), and `f64` floats are wrong for constants
//! (`0.1 + 0.2` would not equal `0.3`).

mod format;
mod literal;
mod ops;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

pub use ops::{binary, compare, fits, represent, shift, to_float, to_int, unary};

/// The widest integer constant, in bits (not counting the sign), as in Go's type checker.
pub const MAX_INT_BITS: u64 = 512;

/// The widest numerator or denominator of a float constant, in bits.
pub const MAX_FLOAT_BITS: u64 = 1 << 14;

/// The exact value of a constant expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Bool(bool),
    /// An integer, rune or integer-typed constant, exact.
    Int(BigInt),
    /// A float constant, exact (typed `float32`/`float64` constants are already rounded).
    Float(BigRational),
    /// A string constant's bytes (Go strings are byte strings).
    Str(Box<[u8]>),
    /// The value of an expression that already failed to evaluate; operations on it yield
    /// `Unknown` again without error, to avoid cascading diagnostics.
    Unknown,
}

/// Why a constant operation or conversion has no value. The checker words the final
/// message; `Display` gives Go's wording where the message stands alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConstError {
    /// Integer `/` or `%` by zero (Go also rejects float division by a zero constant).
    #[error("invalid operation: division by zero")]
    DivisionByZero,
    /// A result beyond [`MAX_INT_BITS`] or [`MAX_FLOAT_BITS`]; `op` names the operation
    /// as Go does: "addition", "subtraction", "multiplication", "division", "shift",
    /// "negation".
    #[error("constant {op} overflow")]
    Overflow { op: &'static str },
    /// A value outside the range of the target type ("constant 300 overflows byte").
    #[error("overflows")]
    Overflows,
    /// A float with a fractional part converted to an integer type ("(truncated)").
    #[error("truncated")]
    Truncated,
    /// A shift count that is negative, or too large to be meaningful.
    #[error("invalid shift count")]
    InvalidShiftCount,
    /// The operation does not apply to these operands' kinds (e.g. `-"a"`); the checker
    /// normally rejects such expressions before evaluating them.
    #[error("operator not defined on these constants")]
    Mismatch,
}

/// The sized numeric types a typed constant can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumKind {
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
}

impl NumKind {
    /// Every kind, for tests and tables.
    pub const ALL: [NumKind; 13] = [
        NumKind::Int,
        NumKind::Int8,
        NumKind::Int16,
        NumKind::Int32,
        NumKind::Int64,
        NumKind::Uint,
        NumKind::Uint8,
        NumKind::Uint16,
        NumKind::Uint32,
        NumKind::Uint64,
        NumKind::Uintptr,
        NumKind::Float32,
        NumKind::Float64,
    ];

    /// The size in bits of a value of this kind.
    pub fn bits(self) -> u32 {
        use NumKind::*;
        match self {
            Int8 | Uint8 => 8,
            Int16 | Uint16 => 16,
            Int32 | Uint32 | Float32 => 32,
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 => 64,
        }
    }

    pub fn is_unsigned(self) -> bool {
        use NumKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }

    pub fn is_float(self) -> bool {
        matches!(self, NumKind::Float32 | NumKind::Float64)
    }

    /// Go's name of the type, for messages.
    pub fn name(self) -> &'static str {
        use NumKind::*;
        match self {
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
        }
    }
}

impl Value {
    pub fn from_u128(n: u128) -> Value {
        Value::Int(BigInt::from(n))
    }

    pub fn from_i64(n: i64) -> Value {
        Value::Int(BigInt::from(n))
    }

    /// The exact value of a finite `f64`; `Unknown` for infinities and NaN, which no
    /// constant can be.
    pub fn from_f64(x: f64) -> Value {
        BigRational::from_float(x).map_or(Value::Unknown, Value::Float)
    }

    /// The exact value of a literal token's text (`0.1` is exactly one tenth, unlike the
    /// `f64` in `ast::Lit::Float`). See [`literal`](self::literal) for what each token
    /// kind yields.
    ///
    /// # Errors
    /// [`ConstError::Overflow`] for a float literal whose exponent is beyond any limit
    /// (`1e100000`); [`ConstError::Mismatch`] for an imaginary literal or a token that is
    /// not a literal.
    ///
    /// ```
    /// use minigo_lang::{constant::{self, Value}, ast::BinaryOp, token::Token};
    /// let tenth = Value::from_literal(Token::Float, "0.1").unwrap();
    /// let fifth = Value::from_literal(Token::Float, "0.2").unwrap();
    /// let sum = constant::binary(BinaryOp::Add, &tenth, &fifth).unwrap();
    /// assert_eq!(sum, Value::from_literal(Token::Float, "0.3").unwrap());
    /// ```
    pub fn from_literal(token: crate::token::Token, text: &str) -> Result<Value, ConstError> {
        literal::value(token, text)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value as an `i64`, if it is an integer (or an integral float) in range.
    pub fn as_i64(&self) -> Option<i64> {
        match to_int(self).ok()? {
            Value::Int(n) => n.to_i64(),
            _ => None,
        }
    }

    /// The value as a `u64`, if it is an integer (or an integral float) in range.
    pub fn as_u64(&self) -> Option<u64> {
        match to_int(self).ok()? {
            Value::Int(n) => n.to_u64(),
            _ => None,
        }
    }

    /// The nearest `f64` (correctly rounded), for numeric values; `±inf` beyond range.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => n.to_f64(),
            Value::Float(r) if r.is_zero() => Some(0.0),
            Value::Float(r) => r.to_f64(),
            _ => None,
        }
    }

    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Str(bytes) => Some(bytes),
            _ => None,
        }
    }
}

/// Kept as a free function because the checker's adapter calls it so.
pub fn as_i64(x: &Value) -> Option<i64> {
    x.as_i64()
}

#[cfg(test)]
mod tests;
