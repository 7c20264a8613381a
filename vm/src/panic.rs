//! Go panics as values: what went wrong (`PanicKind`, each with Go's exact message), and the
//! report a goroutine that dies of a panic leaves behind (`Panic`, with the chain of earlier
//! panics and the stack).
//!
//! This module owns the texts. Raising, unwinding, `defer` and `recover` are `unwind`.
//!
//! Invariants:
//! - `PanicKind::message` is exactly what Go's `fmt.Print(recover())` prints for the same
//!   failure, and `Panic`'s `Display` is exactly what Go writes to stderr before the
//!   goroutine dump (up to the file paths, which the embedder knows and the VM does not).
//! - Fatal errors (`is_fatal`) are not panics in Go: they skip deferred calls and cannot be
//!   recovered. They travel in the same box because they end the goroutine the same way.

use std::fmt;

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum PanicKind {
    /// `s[idx]` with `idx` outside `0..len`.
    IndexOutOfRange { idx: i64, len: i64 },
    /// A slice expression with bad bounds.
    SliceBounds(SliceBounds),
    /// Integer division or remainder by zero.
    IntegerDivideByZero,
    /// A load, store or call through a nil pointer, func or interface.
    NilDeref,
    /// A write to a nil map.
    NilMapWrite,
    /// A shift by a negative signed count.
    NegativeShift,
    /// `make([]T, n)` with a negative or huge length.
    MakeSliceLen,
    /// `make([]T, n, c)` with a capacity below the length or huge.
    MakeSliceCap,
    /// A failed type assertion to a concrete type: `x.(T)`.
    InterfaceConversion {
        /// The static type of `x` (`interface {}`, `main.Shape`).
        iface: String,
        /// The dynamic type of `x`, `None` when `x` is nil.
        actual: Option<String>,
        /// The asserted type.
        want: String,
    },
    /// A failed type assertion to an interface type the dynamic type does not implement.
    MissingMethod {
        /// The dynamic type.
        actual: String,
        /// The asserted interface.
        want: String,
        /// The first method (in Go's sorted order) the dynamic type lacks.
        method: String,
    },
    /// Another run-time error raised by a native, with its message (`send on closed
    /// channel`); recovers as a `runtime.Error`.
    Runtime(String),
    /// `panic(v)` with a program value: `word` is the interface value and `text` what Go
    /// prints for it.
    Value { word: u64, text: String },
    /// Fatal: a goroutine's stack grew past the limit.
    StackOverflow { limit: usize },
    /// Fatal: another unrecoverable error (`all goroutines are asleep - deadlock!`).
    Fatal(String),
    /// `os.Exit(code)`: the program ends at once with this status, running no deferred
    /// calls. It travels as a fatal kind so nothing can recover it; whoever runs the
    /// program prints nothing for it and exits with `code`.
    Exit(i32),
}

/// The ways a slice expression's bounds can be wrong, each with Go's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SliceBounds {
    /// `s[:hi]` with `hi > cap` (slices).
    HighCap { hi: i64, cap: i64 },
    /// `s[:hi]` with `hi > len` (strings and arrays).
    HighLen { hi: i64, len: i64 },
    /// `s[lo:hi]` with `lo > hi`.
    LowHigh { lo: i64, hi: i64 },
    /// `s[::max]` with `max > cap`.
    MaxCap { max: i64, cap: i64 },
    /// `s[:hi:max]` with `hi > max`.
    HighMax { hi: i64, max: i64 },
    /// `s[lo:hi:max]` with `lo > hi`.
    LowHigh3 { lo: i64, hi: i64 },
}

impl fmt::Display for SliceBounds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("slice bounds out of range ")?;
        match *self {
            SliceBounds::HighCap { hi, .. } | SliceBounds::HighLen { hi, .. } if hi < 0 => {
                write!(f, "[:{hi}]")
            }
            SliceBounds::HighCap { hi, cap } => write!(f, "[:{hi}] with capacity {cap}"),
            SliceBounds::HighLen { hi, len } => write!(f, "[:{hi}] with length {len}"),
            SliceBounds::LowHigh { lo, hi } => write!(f, "[{lo}:{hi}]"),
            SliceBounds::MaxCap { max, .. } if max < 0 => write!(f, "[::{max}]"),
            SliceBounds::MaxCap { max, cap } => write!(f, "[::{max}] with capacity {cap}"),
            SliceBounds::HighMax { hi, max } => write!(f, "[:{hi}:{max}]"),
            SliceBounds::LowHigh3 { lo, hi } => write!(f, "[{lo}:{hi}:]"),
        }
    }
}

impl PanicKind {
    /// What `fmt.Print(recover())` prints for this panic in Go.
    pub fn message(&self) -> String {
        match self {
            PanicKind::IndexOutOfRange { idx, .. } if *idx < 0 => {
                format!("runtime error: index out of range [{idx}]")
            }
            PanicKind::IndexOutOfRange { idx, len } => {
                format!("runtime error: index out of range [{idx}] with length {len}")
            }
            PanicKind::SliceBounds(b) => format!("runtime error: {b}"),
            PanicKind::IntegerDivideByZero => "runtime error: integer divide by zero".into(),
            PanicKind::NilDeref => {
                "runtime error: invalid memory address or nil pointer dereference".into()
            }
            PanicKind::NilMapWrite => "assignment to entry in nil map".into(),
            PanicKind::NegativeShift => "runtime error: negative shift amount".into(),
            PanicKind::MakeSliceLen => "runtime error: makeslice: len out of range".into(),
            PanicKind::MakeSliceCap => "runtime error: makeslice: cap out of range".into(),
            PanicKind::InterfaceConversion {
                iface,
                actual,
                want,
            } => {
                let actual = actual.as_deref().unwrap_or("nil");
                format!("interface conversion: {iface} is {actual}, not {want}")
            }
            PanicKind::MissingMethod {
                actual,
                want,
                method,
            } => format!("interface conversion: {actual} is not {want}: missing method {method}"),
            PanicKind::Runtime(text) | PanicKind::Value { text, .. } => text.clone(),
            PanicKind::StackOverflow { .. } => "stack overflow".into(),
            PanicKind::Fatal(text) => text.clone(),
            PanicKind::Exit(code) => format!("exit status {code}"),
        }
    }

    /// Whether this is a fatal error rather than a panic: no deferred calls run and
    /// `recover` cannot stop it.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            PanicKind::StackOverflow { .. } | PanicKind::Fatal(_) | PanicKind::Exit(_)
        )
    }

    /// Whether a recovered value of this panic implements `runtime.Error`.
    pub fn is_runtime_error(&self) -> bool {
        !matches!(
            self,
            PanicKind::Value { .. }
                | PanicKind::StackOverflow { .. }
                | PanicKind::Fatal(_)
                | PanicKind::Exit(_)
        )
    }
}

/// One frame of a goroutine's stack when it panicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackFrame {
    /// The function's Go name (`main.f`).
    pub function: String,
    /// The source line executing in it.
    pub line: u32,
}

/// A panic that was in progress when a later one started (Go's `_panic.link`).
#[derive(Clone, Debug, PartialEq)]
pub struct EarlierPanic {
    /// What it printed as.
    pub message: String,
    /// Whether a deferred call had recovered it.
    pub recovered: bool,
}

/// Why a goroutine died: its last panic, the earlier ones still in progress, and its stack.
#[derive(Clone, Debug, PartialEq)]
pub struct Panic {
    /// The panic that ended the goroutine.
    pub kind: PanicKind,
    /// Whether it re-panicked a value that had been recovered (`[recovered, repanicked]`).
    pub repanicked: bool,
    /// Earlier panics, oldest first, whose deferred calls were running when it started.
    pub earlier: Vec<EarlierPanic>,
    /// The stack where it was raised, innermost frame first.
    pub stack: Vec<StackFrame>,
    /// The goroutine's id (1 for main).
    pub goroutine: u64,
}

impl fmt::Display for Panic {
    /// Go's report up to the goroutine dump: `panic: first [recovered]`, a tab-indented
    /// `panic: second`, or the `fatal error:` lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let PanicKind::StackOverflow { limit } = self.kind {
            writeln!(f, "runtime: goroutine stack exceeds {limit}-byte limit")?;
        }
        if self.kind.is_fatal() {
            return write!(f, "fatal error: {}", self.kind.message());
        }
        for earlier in &self.earlier {
            let mark = if earlier.recovered {
                " [recovered]"
            } else {
                ""
            };
            write!(f, "panic: {}{mark}\n\t", earlier.message)?;
        }
        write!(f, "panic: {}", self.kind.message())?;
        if self.repanicked {
            f.write_str(" [recovered, repanicked]")?;
        }
        Ok(())
    }
}

impl Panic {
    /// The goroutine dump Go prints after the panic lines, with `file` as the source path of
    /// every frame.
    pub fn stack_dump(&self, file: &str) -> String {
        let mut out = format!("goroutine {} [running]:\n", self.goroutine);
        for frame in &self.stack {
            out.push_str(&format!(
                "{}(...)\n\t{file}:{}\n",
                frame.function, frame.line
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_error_texts_match_go() {
        let cases = [
            (
                PanicKind::IndexOutOfRange { idx: 5, len: 3 },
                "runtime error: index out of range [5] with length 3",
            ),
            (
                PanicKind::IndexOutOfRange { idx: -1, len: 3 },
                "runtime error: index out of range [-1]",
            ),
            (
                PanicKind::SliceBounds(SliceBounds::HighCap { hi: 5, cap: 3 }),
                "runtime error: slice bounds out of range [:5] with capacity 3",
            ),
            (
                PanicKind::SliceBounds(SliceBounds::LowHigh { lo: 5, hi: 3 }),
                "runtime error: slice bounds out of range [5:3]",
            ),
            (
                PanicKind::SliceBounds(SliceBounds::HighLen { hi: 5, len: 3 }),
                "runtime error: slice bounds out of range [:5] with length 3",
            ),
            (PanicKind::NilMapWrite, "assignment to entry in nil map"),
            (
                PanicKind::InterfaceConversion {
                    iface: "interface {}".into(),
                    actual: Some("string".into()),
                    want: "int".into(),
                },
                "interface conversion: interface {} is string, not int",
            ),
            (
                PanicKind::MissingMethod {
                    actual: "string".into(),
                    want: "fmt.Stringer".into(),
                    method: "String".into(),
                },
                "interface conversion: string is not fmt.Stringer: missing method String",
            ),
        ];
        for (kind, text) in cases {
            assert_eq!(kind.message(), text);
        }
    }

    fn report(kind: PanicKind) -> Panic {
        Panic {
            kind,
            repanicked: false,
            earlier: Vec::new(),
            stack: Vec::new(),
            goroutine: 1,
        }
    }

    #[test]
    fn chained_and_fatal_reports_match_go() {
        let mut p = report(PanicKind::Runtime("second".into()));
        p.earlier.push(EarlierPanic {
            message: "first".into(),
            recovered: true,
        });
        assert_eq!(p.to_string(), "panic: first [recovered]\n\tpanic: second");
        let mut p = report(PanicKind::Runtime("boom".into()));
        p.repanicked = true;
        assert_eq!(p.to_string(), "panic: boom [recovered, repanicked]");
        let p = report(PanicKind::StackOverflow {
            limit: 1_000_000_000,
        });
        assert_eq!(
            p.to_string(),
            "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow"
        );
    }
}
