//! The `fmt` natives: `Print`, `Println`, `Printf`, their `Sprint*` twins and
//! `sprintfWrapping` (behind `Errorf`), plus the `print`/`println` builtins
//! (`runtime.print*`), which write to standard error as Go's do.
//!
//! This module owns the operand loops (Go's `doPrint`, `doPrintln`, `doPrintf`). Formatting
//! one operand is `value`; map key order is `sortkeys`; the directive grammar and leaf texts
//! are `crate::fmt`.
//!
//! Invariant: every variadic `...any` argument arrives as one `[]any` slice word whose
//! elements are interface words (see `minigo_lang::compile`).

mod sortkeys;
mod value;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use minigo_vm::native::{NativeCtx, NativeOutcome};
use minigo_vm::program::TypeKind;

use super::heapval;
use super::output::Output;
use super::{Registry, arg, ret};
use crate::fmt::{Piece, Spec, for_each_piece, write_bad_verb, write_extra};
pub use value::Printer;

/// Registers the `fmt` natives writing to `output`.
pub fn register(reg: &mut Registry, output: &Arc<Output>) {
    let out = Arc::clone(output);
    reg.add("fmt.Print", move |ctx, args| {
        write_out(&out, args, sprint(ctx, arg(args, 0)))
    });
    let out = Arc::clone(output);
    reg.add("fmt.Println", move |ctx, args| {
        write_out(&out, args, sprintln(ctx, arg(args, 0)))
    });
    let out = Arc::clone(output);
    reg.add("fmt.Printf", move |ctx, args| {
        let text = sprintf(ctx, arg(args, 0), arg(args, 1), false).0;
        write_out(&out, args, text)
    });
    reg.add("fmt.Sprint", |ctx, args| {
        string_result(ctx, args, &sprint(ctx, arg(args, 0)))
    });
    reg.add("fmt.Sprintln", |ctx, args| {
        string_result(ctx, args, &sprintln(ctx, arg(args, 0)))
    });
    reg.add("fmt.Sprintf", |ctx, args| {
        let text = sprintf(ctx, arg(args, 0), arg(args, 1), false).0;
        string_result(ctx, args, &text)
    });
    reg.add("fmt.sprintfWrapping", sprintf_wrapping);
    register_print_builtins(reg, output);
}

/// Writes `text` to standard output and returns `(len, nil)`.
fn write_out(out: &Output, args: &mut [u64], text: Vec<u8>) -> NativeOutcome {
    let n = out.write(1, &text);
    ret(args, 0, n as u64);
    ret(args, 1, 0);
    NativeOutcome::Return
}

fn string_result(ctx: &NativeCtx<'_>, args: &mut [u64], text: &[u8]) -> NativeOutcome {
    ret(args, 0, heapval::new_string(ctx, text));
    NativeOutcome::Return
}

/// `sprintfWrapping(format, a) (msg string, wrapped []int)`.
fn sprintf_wrapping(ctx: &mut NativeCtx<'_>, args: &mut [u64]) -> NativeOutcome {
    let (text, wrapped) = sprintf(ctx, arg(args, 0), arg(args, 1), true);
    let words: Vec<u64> = wrapped.iter().map(|&i| i as u64).collect();
    ret(args, 0, heapval::new_string(ctx, &text));
    ret(args, 1, heapval::new_slice(ctx, &words, false));
    NativeOutcome::Return
}

/// Go's `doPrint`: a space between operands when neither is a string.
pub fn sprint(ctx: &NativeCtx<'_>, operands: u64) -> Vec<u8> {
    let mut p = Printer::new(ctx);
    let mut prev_string = false;
    for (i, a) in heapval::slice_words(operands).into_iter().enumerate() {
        let is_string = p.is_string(a);
        if i > 0 && !is_string && !prev_string {
            p.out.push(b' ');
        }
        p.print_arg(a, 'v', &Spec::default());
        prev_string = is_string;
    }
    p.out
}

/// Go's `doPrintln`: spaces between all operands, then a newline.
pub fn sprintln(ctx: &NativeCtx<'_>, operands: u64) -> Vec<u8> {
    let mut p = Printer::new(ctx);
    for (i, a) in heapval::slice_words(operands).into_iter().enumerate() {
        if i > 0 {
            p.out.push(b' ');
        }
        p.print_arg(a, 'v', &Spec::default());
    }
    p.out.push(b'\n');
    p.out
}

/// Go's `doPrintf`; with `wrap_errs`, `%w` prints error operands like `%v` and the indices
/// of the operands it consumed come back sorted and deduplicated.
pub fn sprintf(
    ctx: &NativeCtx<'_>,
    format: u64,
    operands: u64,
    wrap_errs: bool,
) -> (Vec<u8>, Vec<usize>) {
    let format = heapval::str_bytes(format);
    let ops = heapval::slice_words(operands);
    let mut p = Printer::new(ctx);
    p.wrap_errs = wrap_errs;
    let mut wrapped = Vec::new();
    let program = ctx.program();
    let star = |i: usize| int_operand(program, ops.get(i).copied().unwrap_or(0));
    for_each_piece(format, ops.len(), star, |piece| {
        if piece.write_fixed(&mut p.out) {
            return;
        }
        match piece {
            Piece::Verb { verb, spec, arg } => {
                let a = ops.get(arg).copied().unwrap_or(0);
                if verb == 'w' {
                    print_wrap(&mut p, a, &spec, arg, &mut wrapped);
                } else {
                    p.print_arg(a, verb, &spec);
                }
            }
            Piece::Extra { first } => write_extra_operands(&mut p, ops.get(first..).unwrap_or(&[])),
            _ => {}
        }
    });
    wrapped.sort_unstable();
    wrapped.dedup();
    (p.out, wrapped)
}

/// `%w`: like `%v` for an error operand under `Errorf`, else a bad verb (still listed).
fn print_wrap(p: &mut Printer<'_, '_>, a: u64, spec: &Spec, idx: usize, wrapped: &mut Vec<usize>) {
    if p.wrap_errs {
        wrapped.push(idx);
        if p.is_error(a) {
            p.print_arg(a, 'v', spec);
            return;
        }
    }
    let mut inner = Printer::new(p.ctx);
    inner.print_arg(a, 'v', spec);
    let name = p
        .dynamic_type(a)
        .map(|(ty, _)| p.ctx.program().ty(ty).name.clone());
    write_bad_verb(&mut p.out, 'w', name.as_deref(), &inner.out);
}

fn write_extra_operands(p: &mut Printer<'_, '_>, extra: &[u64]) {
    let items: Vec<(Option<String>, Vec<u8>)> = extra
        .iter()
        .map(|&a| {
            let mut inner = Printer::new(p.ctx);
            inner.print_arg(a, 'v', &Spec::default());
            let name = p
                .dynamic_type(a)
                .map(|(ty, _)| p.ctx.program().ty(ty).name.clone());
            (name, inner.out)
        })
        .collect();
    write_extra(
        &mut p.out,
        items.iter().map(|(n, t)| (n.as_deref(), t.as_slice())),
    );
}

/// An operand's value when it is an integer that fits Go's `int` (for `*` widths).
fn int_operand(program: &minigo_vm::Program, a: u64) -> Option<i64> {
    let b = heapval::iface(a)?;
    match program.ty(minigo_vm::op::TypeIdx(b.ty)).kind {
        TypeKind::Int(_) => Some(b.data as i64),
        TypeKind::Uint(_) => i64::try_from(b.data).ok(),
        _ => None,
    }
}

/// The `print`/`println` builtins: Go's runtime `print*`, to standard error.
fn register_print_builtins(reg: &mut Registry, output: &Arc<Output>) {
    type Fmt = fn(u64) -> String;
    let items: [(&str, Fmt); 6] = [
        ("runtime.printint", |w| (w as i64).to_string()),
        ("runtime.printuint", |w| w.to_string()),
        ("runtime.printfloat", |w| runtime_float(f64::from_bits(w))),
        ("runtime.printbool", |w| (w != 0).to_string()),
        ("runtime.printstring", |w| {
            String::from_utf8_lossy(heapval::str_bytes(w)).into_owned()
        }),
        ("runtime.printpointer", |w| format!("{w:#x}")),
    ];
    for (name, f) in items {
        let out = Arc::clone(output);
        reg.add(name, move |_, args| {
            out.write(2, f(arg(args, 0)).as_bytes());
            NativeOutcome::Return
        });
    }
    let out = Arc::clone(output);
    reg.add("runtime.printsp", move |_, _| {
        out.write(2, b" ");
        NativeOutcome::Return
    });
    let out = Arc::clone(output);
    reg.add("runtime.printnl", move |_, _| {
        out.write(2, b"\n");
        NativeOutcome::Return
    });
}

/// A float as Go's runtime prints it: `+1.500000e+000`, `NaN`, `+Inf`.
pub fn runtime_float(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    let text = format!("{v:.6e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if mantissa.starts_with('-') { "" } else { "+" };
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{mantissa}e{exp_sign}{:03}", exp.abs())
}
