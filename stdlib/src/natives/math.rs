//! The `math` natives: IEEE 754 functions from Rust's `f64`, with Go's special cases where
//! they differ (`Max`/`Min` with NaN and signed zeros, `Round` half away from zero, `Mod`
//! with the sign of x, `Pow10` limits, `Frexp` in [½, 1)).
//!
//! This module owns only the numeric functions; constants and the trivial functions
//! (`Abs`, `Inf`, `IsNaN`, ...) are mini-Go.
//!
//! Invariant: a float argument or result word is the `f64` bit pattern.

use minigo_vm::native::NativeOutcome;

use super::{Registry, arg, ret};

fn f(w: u64) -> f64 {
    f64::from_bits(w)
}

/// Registers a one-argument function.
fn add1(reg: &mut Registry, name: &str, op: fn(f64) -> f64) {
    reg.add(name, move |_, args| {
        ret(args, 0, op(f(arg(args, 0))).to_bits());
        NativeOutcome::Return
    });
}

/// Registers a two-argument function.
fn add2(reg: &mut Registry, name: &str, op: fn(f64, f64) -> f64) {
    reg.add(name, move |_, args| {
        ret(args, 0, op(f(arg(args, 0)), f(arg(args, 1))).to_bits());
        NativeOutcome::Return
    });
}

/// Registers the `math` natives.
pub fn register(reg: &mut Registry) {
    type Unary = fn(f64) -> f64;
    let unary: [(&str, Unary); 22] = [
        ("math.Sqrt", f64::sqrt),
        ("math.Cbrt", f64::cbrt),
        ("math.Exp", f64::exp),
        ("math.Exp2", f64::exp2),
        ("math.Expm1", f64::exp_m1),
        ("math.Log", f64::ln),
        ("math.Log2", f64::log2),
        ("math.Log10", f64::log10),
        ("math.Log1p", f64::ln_1p),
        ("math.Floor", f64::floor),
        ("math.Ceil", f64::ceil),
        ("math.Trunc", f64::trunc),
        ("math.Round", f64::round),
        ("math.RoundToEven", f64::round_ties_even),
        ("math.Sin", f64::sin),
        ("math.Cos", f64::cos),
        ("math.Tan", f64::tan),
        ("math.Asin", f64::asin),
        ("math.Acos", f64::acos),
        ("math.Atan", f64::atan),
        ("math.Sinh", f64::sinh),
        ("math.Cosh", f64::cosh),
    ];
    for (name, op) in unary {
        add1(reg, name, op);
    }
    add1(reg, "math.Tanh", f64::tanh);
    add2(reg, "math.Max", max);
    add2(reg, "math.Min", min);
    add2(reg, "math.Dim", |x, y| {
        if x.is_nan() || y.is_nan() {
            f64::NAN
        } else {
            (x - y).max(0.0)
        }
    });
    add2(reg, "math.Pow", pow);
    add2(reg, "math.Mod", |x, y| x % y);
    add2(reg, "math.Remainder", remainder);
    add2(reg, "math.Hypot", f64::hypot);
    add2(reg, "math.Atan2", f64::atan2);
    register_bits(reg);
}

fn max(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x > 0.0 || y.is_infinite() && y > 0.0 {
        return f64::INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { y } else { x };
    }
    x.max(y)
}

fn min(x: f64, y: f64) -> f64 {
    if x.is_infinite() && x < 0.0 || y.is_infinite() && y < 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && y == 0.0 {
        return if x.is_sign_negative() { x } else { y };
    }
    x.min(y)
}

/// Go's `Pow`: C99's `pow`, except that Go gives `Pow(-1, ±Inf) = 1`, as C does too.
fn pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}

/// IEEE 754 remainder: `x - n*y` with `n` the integer nearest `x/y`, ties to even.
fn remainder(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() || x.is_infinite() || y == 0.0 {
        return f64::NAN;
    }
    if y.is_infinite() {
        return x;
    }
    let n = (x / y).round_ties_even();
    let r = x - n * y;
    if r == 0.0 { 0.0f64.copysign(x) } else { r }
}

fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || x.is_nan() || x.is_infinite() {
        return (x, 0);
    }
    let (mut x, mut exp) = (x, 0i64);
    if x.abs() < f64::MIN_POSITIVE {
        x *= (1u64 << 52) as f64;
        exp = -52;
    }
    let bits = x.to_bits();
    exp += ((bits >> 52) & 0x7FF) as i64 - 1022;
    let frac = f64::from_bits((bits & !(0x7FF << 52)) | (1022 << 52));
    (frac, exp)
}

fn ldexp(frac: f64, exp: i64) -> f64 {
    let exp = exp.clamp(-2200, 2200) as i32;
    // Split the scaling so that intermediate powers of two stay representable.
    let half = exp / 2;
    frac * 2f64.powi(half) * 2f64.powi(exp - half)
}

fn register_bits(reg: &mut Registry) {
    reg.add("math.Float64bits", |_, args| map_word(args, |a| a));
    reg.add("math.Float64frombits", |_, args| map_word(args, |a| a));
    reg.add("math.Float32bits", |_, args| {
        map_word(args, |a| u64::from((f(a) as f32).to_bits()))
    });
    reg.add("math.Float32frombits", |_, args| {
        map_word(args, |a| f64::from(f32::from_bits(a as u32)).to_bits())
    });
    reg.add("math.Pow10", |_, args| {
        let n = arg(args, 0) as i64;
        let v = if n > 308 {
            f64::INFINITY
        } else if n < -323 {
            0.0
        } else {
            10f64.powi(n as i32)
        };
        ret(args, 0, v.to_bits());
        NativeOutcome::Return
    });
    reg.add("math.Modf", |_, args| {
        let x = f(arg(args, 0));
        let int = if x.is_infinite() { x } else { x.trunc() };
        let frac = if x.is_infinite() {
            f64::NAN
        } else {
            (x - int).copysign(x)
        };
        ret(args, 0, int.to_bits());
        ret(args, 1, frac.to_bits());
        NativeOutcome::Return
    });
    reg.add("math.Frexp", |_, args| {
        let (frac, exp) = frexp(f(arg(args, 0)));
        ret(args, 0, frac.to_bits());
        ret(args, 1, exp as u64);
        NativeOutcome::Return
    });
    reg.add("math.Ldexp", |_, args| {
        ret(
            args,
            0,
            ldexp(f(arg(args, 0)), arg(args, 1) as i64).to_bits(),
        );
        NativeOutcome::Return
    });
}

/// Maps the first argument word to the first result word.
fn map_word(args: &mut [u64], op: impl Fn(u64) -> u64) -> NativeOutcome {
    ret(args, 0, op(arg(args, 0)));
    NativeOutcome::Return
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_special_cases_hold() {
        assert!(max(1.0, f64::NAN).is_nan());
        assert!(max(0.0, -0.0).is_sign_positive());
        assert!(min(0.0, -0.0).is_sign_negative());
        assert_eq!(f64::round(-2.5), -3.0, "half away from zero");
        assert_eq!(frexp(8.0), (0.5, 4));
        assert_eq!(ldexp(0.5, 4), 8.0);
        assert_eq!(remainder(5.0, 3.0), -1.0);
        assert_eq!(-7.0f64 % 3.0, -1.0, "Mod has the sign of x");
    }
}
