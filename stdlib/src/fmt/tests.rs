//! End-to-end expectations for the leaf formatters, driven through a small test-only
//! `Sprintf` over primitive operands. Cases are transcribed from Go's `fmt/fmt_test.go`
//! and from the conformance programs' real Go output.
#![allow(
    clippy::approx_constant,
    clippy::excessive_precision,
    reason = "inputs are transcribed digit for digit from Go's tests and programs"
)]

use super::*;

/// A primitive operand, as the VM would hand it over.
#[derive(Clone, Copy)]
enum Arg<'a> {
    Int(i64, &'static str),
    Uint(u64, &'static str),
    F64(f64),
    F32(f32),
    Str(&'a str),
    /// A string that need not be UTF-8.
    RawStr(&'a [u8]),
    Bytes(&'a [u8]),
    Bool(bool),
    Ptr(u64),
    Nil,
}

use Arg::*;

fn int(v: i64) -> Arg<'static> {
    Int(v, "int")
}

fn format_arg(out: &mut Vec<u8>, spec: &Spec, verb: char, arg: Arg<'_>) -> Result<(), BadVerb> {
    match arg {
        Int(v, _) => fmt_int(out, spec, verb, v),
        Uint(v, _) => fmt_uint(out, spec, verb, v),
        F64(v) => fmt_float(out, spec, verb, v, 64),
        F32(v) => fmt_float(out, spec, verb, f64::from(v), 32),
        Str(s) => fmt_string(out, spec, verb, s.as_bytes()),
        RawStr(s) => fmt_string(out, spec, verb, s),
        // Go names a top-level `[]byte` so in `%#v`, though its reflect type is `[]uint8`.
        Bytes(b) => fmt_bytes(out, spec, verb, Some(b), "[]byte"),
        Bool(b) => fmt_bool(out, spec, verb, b),
        Ptr(p) => fmt_pointer(out, spec, verb, p, "*int"),
        Nil if matches!(verb, 'v' | 'T') => {
            pad(out, spec, b"<nil>");
            Ok(())
        }
        Nil => Err(BadVerb),
    }
}

fn type_name(arg: Arg<'_>) -> Option<&'static str> {
    Some(match arg {
        Int(_, t) | Uint(_, t) => t,
        F64(_) => "float64",
        F32(_) => "float32",
        Str(_) | RawStr(_) => "string",
        Bytes(_) => "[]uint8",
        Bool(_) => "bool",
        Ptr(_) => "*int",
        Nil => return None,
    })
}

fn plain_v(arg: Arg<'_>) -> Vec<u8> {
    let mut text = Vec::new();
    let _ = format_arg(&mut text, &Spec::default(), 'v', arg);
    text
}

fn sprintf(format: &str, args: &[Arg<'_>]) -> String {
    let out = sprintf_bytes(format.as_bytes(), args);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A minimal `Sprintf` over primitive operands: the way a native is expected to drive
/// `for_each_piece` and the leaf formatters.
fn sprintf_bytes(format: &[u8], args: &[Arg<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let star = |i: usize| match args[i] {
        Int(v, _) => Some(v),
        Uint(v, _) => i64::try_from(v).ok(),
        _ => None,
    };
    for_each_piece(format, args.len(), star, |piece| {
        if piece.write_fixed(&mut out) {
            return;
        }
        match piece {
            Piece::Verb { verb, spec, arg }
                if format_arg(&mut out, &spec, verb, args[arg]).is_err() =>
            {
                // Go prints the operand with %v under the directive's own flags.
                let mut text = Vec::new();
                let _ = format_arg(&mut text, &spec, 'v', args[arg]);
                write_bad_verb(&mut out, verb, type_name(args[arg]), &text);
            }
            Piece::Extra { first } => {
                let texts: Vec<_> = args[first..]
                    .iter()
                    .map(|&a| (type_name(a), plain_v(a)))
                    .collect();
                write_extra(&mut out, texts.iter().map(|(t, v)| (*t, v.as_slice())));
            }
            _ => {}
        }
    });
    out
}

fn check(cases: &[(&str, &[Arg<'_>], &str)]) {
    for &(format, args, want) in cases {
        assert_eq!(sprintf(format, args), want, "format {format:?}");
    }
}

mod conformance;
mod go_outputs;
mod go_table;

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arg_strategy() -> impl Strategy<Value = (u8, i64, f64)> {
        (0u8..6, any::<i64>(), any::<f64>())
    }

    fn make_arg<'a>(kind: u8, i: i64, f: f64, text: &'a [u8]) -> Arg<'a> {
        match kind {
            0 => int(i),
            1 => Uint(i.unsigned_abs(), "uint"),
            2 => F64(f),
            3 => RawStr(text),
            4 => Bytes(text),
            _ => Bool(i % 2 == 0),
        }
    }

    proptest! {
        #[test]
        fn any_format_and_operands_format_without_panicking(
            format in proptest::collection::vec(prop_oneof![
                Just(b'%'), Just(b'*'), Just(b'['), Just(b']'), Just(b'.'), Just(b'-'),
                Just(b'+'), Just(b'#'), Just(b'0'), Just(b' '), b'0'..=b'9', b'a'..=b'z',
                b'A'..=b'Z', any::<u8>(),
            ], 0..24),
            args in proptest::collection::vec(arg_strategy(), 0..4),
            text in proptest::collection::vec(any::<u8>(), 0..8),
        ) {
            let args: Vec<Arg<'_>> = args.iter().map(|&(k, i, f)| make_arg(k, i, f, &text)).collect();
            let _ = sprintf_bytes(&format, &args);
        }

        #[test]
        fn text_without_percent_is_copied(text in "[^%]{0,40}") {
            prop_assert_eq!(sprintf(&text, &[]), text);
        }

        #[test]
        fn width_is_a_minimum_in_runes(width in 0usize..40, s in "\\PC{0,10}", minus: bool) {
            let spec = Spec { width: Some(width), minus, ..Spec::default() };
            let mut out = Vec::new();
            fmt_string(&mut out, &spec, 's', s.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let n_runes = String::from_utf8_lossy(&out).chars().count();
            prop_assert_eq!(n_runes, width.max(s.chars().count()));
        }
    }
}
