//! The `strconv` natives: parsing with status codes, formatting and quoting, over the Go-exact
//! engines of `crate::strconv`.
//!
//! This module owns the translation between the engines' Rust results and the status codes
//! the declaration file's wrappers turn into `*strconv.NumError`: 0 ok, 1 syntax, 2 range,
//! 3 invalid base, 4 invalid bit size. It does not build error values.
//!
//! Invariant: a failed parse still returns the value Go returns alongside the error (the
//! clamped value for a range error, 0 otherwise).

use minigo_vm::native::NativeOutcome;

use super::heapval::{new_string, str_bytes};
use super::{Registry, arg, go_panic, ret};
use crate::strconv::{self as engine, ErrorKind, NumError};

/// The status code of a parse error.
fn code(err: &NumError) -> u64 {
    match err.err {
        ErrorKind::Syntax => 1,
        ErrorKind::Range => 2,
        ErrorKind::Base(_) => 3,
        ErrorKind::BitSize(_) => 4,
    }
}

/// Writes `(value, code)` for a parse result.
fn parse_result<T: Copy>(args: &mut [u64], res: Result<T, (T, NumError)>, word: fn(T) -> u64) {
    let (v, c) = match res {
        Ok(v) => (v, 0),
        Err((v, e)) => (v, code(&e)),
    };
    ret(args, 0, word(v));
    ret(args, 1, c);
}

/// Registers the `strconv` natives.
pub fn register(reg: &mut Registry) {
    reg.add("strconv.parseInt", |_, args| {
        let res = engine::parse_int(
            str_bytes(arg(args, 0)),
            arg(args, 1) as i64,
            arg(args, 2) as i64,
        );
        parse_result(args, res, |v| v as u64);
        NativeOutcome::Return
    });
    reg.add("strconv.parseUint", |_, args| {
        let res = engine::parse_uint(
            str_bytes(arg(args, 0)),
            arg(args, 1) as i64,
            arg(args, 2) as i64,
        );
        parse_result(args, res, |v| v);
        NativeOutcome::Return
    });
    reg.add("strconv.parseFloat", |_, args| {
        let bits = if arg(args, 1) == 32 { 32 } else { 64 };
        let res = engine::parse_float(str_bytes(arg(args, 0)), bits);
        parse_result(args, res, f64::to_bits);
        NativeOutcome::Return
    });
    reg.add("strconv.FormatInt", |ctx, args| {
        let Some(base) = valid_base(arg(args, 1)) else {
            return go_panic("strconv: illegal AppendInt/FormatInt base");
        };
        ret(
            args,
            0,
            new_string(
                ctx,
                engine::format_int(arg(args, 0) as i64, base).as_bytes(),
            ),
        );
        NativeOutcome::Return
    });
    reg.add("strconv.FormatUint", |ctx, args| {
        let Some(base) = valid_base(arg(args, 1)) else {
            return go_panic("strconv: illegal AppendInt/FormatInt base");
        };
        ret(
            args,
            0,
            new_string(ctx, engine::format_uint(arg(args, 0), base).as_bytes()),
        );
        NativeOutcome::Return
    });
    reg.add("strconv.FormatFloat", |ctx, args| {
        let f = f64::from_bits(arg(args, 0));
        let prec = i32::try_from(arg(args, 2) as i64).unwrap_or(i32::MAX);
        let bits = if arg(args, 3) == 32 { 32 } else { 64 };
        let text = engine::format_float(f, arg(args, 1) as u8, prec, bits);
        ret(args, 0, new_string(ctx, text.as_bytes()));
        NativeOutcome::Return
    });
    register_quoting(reg);
}

fn valid_base(b: u64) -> Option<u32> {
    (2..=36).contains(&b).then_some(b as u32)
}

/// Registers a `string -> string` quoting native.
fn add_quote(reg: &mut Registry, name: &str, f: fn(&[u8]) -> String) {
    reg.add(name, move |ctx, args| {
        let text = f(str_bytes(arg(args, 0)));
        ret(args, 0, new_string(ctx, text.as_bytes()));
        NativeOutcome::Return
    });
}

/// A rune argument as the engines take it: invalid values become U+FFFD.
fn rune_arg(w: u64) -> u32 {
    u32::try_from(w as i64)
        .ok()
        .filter(|&r| char::from_u32(r).is_some())
        .unwrap_or(0xFFFD)
}

fn register_quoting(reg: &mut Registry) {
    add_quote(reg, "strconv.Quote", engine::quote);
    add_quote(reg, "strconv.QuoteToASCII", engine::quote_to_ascii);
    reg.add("strconv.QuoteRune", |ctx, args| {
        let text = engine::quote_rune(rune_arg(arg(args, 0)));
        ret(args, 0, new_string(ctx, text.as_bytes()));
        NativeOutcome::Return
    });
    reg.add("strconv.QuoteRuneToASCII", |ctx, args| {
        let text = engine::quote_rune_to_ascii(rune_arg(arg(args, 0)));
        ret(args, 0, new_string(ctx, text.as_bytes()));
        NativeOutcome::Return
    });
    reg.add("strconv.unquote", |ctx, args| {
        match engine::unquote(str_bytes(arg(args, 0))) {
            Ok(s) => {
                ret(args, 0, new_string(ctx, &s));
                ret(args, 1, 1);
            }
            Err(_) => {
                ret(args, 0, 0);
                ret(args, 1, 0);
            }
        }
        NativeOutcome::Return
    });
    reg.add("strconv.IsPrint", |_, args| {
        let r = u32::try_from(arg(args, 0) as i64).ok();
        ret(args, 0, u64::from(r.is_some_and(engine::is_print)));
        NativeOutcome::Return
    });
}
