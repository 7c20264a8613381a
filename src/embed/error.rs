//! The embedding API's errors: [`Error`] (everything a compile, run or call can end with),
//! [`CompileError`] (a script's diagnostics, renderable as `FILE:LINE:COL` lines or with
//! ariadne), [`Limit`] and [`HostError`] (what a host function returns to fail).
//!
//! Owns: the classification of how a run ended (`classify`). Does not own: the texts of Go
//! panics and reports (the VM's), nor rendering (`minigo_lang::diag::render`).
//!
//! Invariant: every way a script can fail (a panic, a deadlock, a stack overflow, a limit,
//! an internal error) comes back as an [`Error`], never as a host panic.

use std::fmt;
use std::io;

use minigo_lang::diag::{Diagnostic, render};
use minigo_lang::span::SourceMap;
use minigo_vm::rt::{LimitHit, RunOutcome};

/// A script's diagnostics: why it did not compile.
///
/// # Examples
/// ```
/// let engine = minigo::embed::Engine::new();
/// let err = engine.compile("bad.go", "func main() { x := 1 }").unwrap_err();
/// assert_eq!(err.lines(), ["bad.go:1:15: declared and not used: x"]);
/// ```
pub struct CompileError {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) sources: SourceMap,
}

impl CompileError {
    /// Each diagnostic as Go prints it: `FILE:LINE:COL: message`.
    ///
    /// # Examples
    /// ```
    /// let err = minigo::embed::Engine::new().compile("a.go", "func f() int { }").unwrap_err();
    /// assert!(err.lines()[0].starts_with("a.go:1:"));
    /// ```
    pub fn lines(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .map(|d| render::plain(d, &self.sources))
            .collect()
    }

    /// The diagnostics rendered with ariadne (source line and markers), without colour.
    ///
    /// # Errors
    /// Never in practice: the text is built in memory.
    ///
    /// # Examples
    /// ```
    /// let err = minigo::embed::Engine::new().compile("a.go", "func main() { y }").unwrap_err();
    /// assert!(err.pretty().unwrap().contains("func main() { y }"));
    /// ```
    pub fn pretty(&self) -> io::Result<String> {
        let mut out = Vec::new();
        for d in &self.diagnostics {
            render::pretty(d, &self.sources, render::Color::Off, &mut out)?;
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// The diagnostics themselves.
    ///
    /// # Examples
    /// ```
    /// let err = minigo::embed::Engine::new().compile("a.go", "func main() { y }").unwrap_err();
    /// assert_eq!(err.diagnostics().len(), 1);
    /// ```
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl fmt::Debug for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CompileError").field(&self.lines()).finish()
    }
}

impl std::error::Error for CompileError {}

/// A sandbox limit a script ran into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Limit {
    /// The instruction budget of one run was spent.
    #[error("instruction budget")]
    Instructions,
    /// The wall-clock deadline of one run passed.
    #[error("deadline")]
    Deadline,
    /// A `go` statement would have passed the goroutine limit.
    #[error("goroutine limit")]
    Goroutines,
    /// The live heap stayed above its limit after a collection.
    #[error("heap limit")]
    Heap,
    /// A goroutine's stack grew past the stack limit.
    #[error("stack limit")]
    Stack,
}

/// An error a host function returns; the script sees it as a Go `error` whose `Error()` is
/// the message.
///
/// # Examples
/// ```
/// let err = minigo::embed::HostError::new("no such key");
/// assert_eq!(err.to_string(), "no such key");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HostError {
    message: String,
}

impl HostError {
    /// An error with this message.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(minigo::embed::HostError::new("x").message(), "x");
    /// ```
    pub fn new(message: impl Into<String>) -> HostError {
        HostError {
            message: message.into(),
        }
    }

    /// The message.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(minigo::embed::HostError::new("boom").message(), "boom");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// How compiling, running or calling a script failed.
///
/// # Examples
/// ```
/// use minigo::embed::{Engine, Error};
/// let engine = Engine::new();
/// let script = engine.compile("p.go", "func main() { panic(\"boom\") }")?;
/// match script.run_main() {
///     Err(Error::Panic { message, .. }) => assert_eq!(message, "boom"),
///     other => panic!("unexpected {other:?}"),
/// }
/// # Ok::<(), minigo::embed::Error>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The script does not compile.
    #[error("{0}")]
    Compile(#[from] CompileError),
    /// A goroutine panicked and did not recover.
    #[error("panic: {message}")]
    Panic {
        /// The panic's first line without `panic: ` (`runtime error: index out of range [3]
        /// with length 3`).
        message: String,
        /// Go's whole report: the panic and the goroutine dump.
        report: String,
    },
    /// Every goroutine was blocked and nothing could wake one.
    #[error("all goroutines are asleep - deadlock!")]
    Deadlock {
        /// Go's report with every goroutine's dump.
        report: String,
    },
    /// A sandbox limit ended the script.
    #[error("script stopped: {0} exceeded")]
    Limit(Limit),
    /// The host cancelled the script.
    #[error("script cancelled")]
    Cancelled,
    /// The script called `os.Exit` with a non-zero status.
    #[error("script exited with status {0}")]
    Exit(i32),
    /// Another fatal error (Go's `fatal error:` reports, an internal error of the VM).
    #[error("fatal error: {0}")]
    Fatal(String),
    /// The script has no function of that name.
    #[error("no function {0} in the script")]
    NoSuchFunction(String),
    /// A value did not have the type the script or the host expected.
    #[error("type mismatch: {0}")]
    Type(String),
}

/// The error for a run that ended with `outcome`, given the limit the control recorded.
pub(crate) fn classify(outcome: RunOutcome, hit: Option<LimitHit>) -> Result<(), Error> {
    if let Some(hit) = hit {
        return Err(match hit {
            LimitHit::Instructions => Error::Limit(Limit::Instructions),
            LimitHit::Deadline => Error::Limit(Limit::Deadline),
            LimitHit::Goroutines => Error::Limit(Limit::Goroutines),
            LimitHit::Heap => Error::Limit(Limit::Heap),
            _ => Error::Cancelled,
        });
    }
    let report = outcome.report;
    if outcome.exit_code == 0 && report.is_empty() {
        return Ok(());
    }
    if report.is_empty() {
        return Err(Error::Exit(outcome.exit_code));
    }
    let first = report.lines().next().unwrap_or_default().to_string();
    if report.contains("goroutine stack exceeds") || first.contains("stack overflow") {
        return Err(Error::Limit(Limit::Stack));
    }
    if first.contains("all goroutines are asleep") {
        return Err(Error::Deadlock { report });
    }
    match first.strip_prefix("panic: ") {
        Some(message) => Err(Error::Panic {
            message: message.to_string(),
            report,
        }),
        None => Err(Error::Fatal(
            first
                .strip_prefix("fatal error: ")
                .unwrap_or(&first)
                .to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(exit_code: i32, report: &str) -> RunOutcome {
        RunOutcome {
            exit_code,
            report: report.to_string(),
        }
    }

    #[test]
    fn outcomes_are_classified_by_their_report() {
        assert!(classify(outcome(0, ""), None).is_ok());
        assert!(matches!(
            classify(outcome(3, ""), None),
            Err(Error::Exit(3))
        ));
        let deadlock = "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1";
        assert!(matches!(
            classify(outcome(2, deadlock), None),
            Err(Error::Deadlock { .. })
        ));
        let panic = "panic: boom\n\ngoroutine 1 [running]:\n";
        assert!(matches!(
            classify(outcome(2, panic), None),
            Err(Error::Panic { message, .. }) if message == "boom"
        ));
        assert!(matches!(
            classify(outcome(2, "fatal error: odd\n"), None),
            Err(Error::Fatal(m)) if m == "odd"
        ));
    }

    #[test]
    fn a_recorded_limit_wins_over_the_report() {
        let res = classify(outcome(2, "panic: x\n"), Some(LimitHit::Heap));
        assert!(matches!(res, Err(Error::Limit(Limit::Heap))));
        let res = classify(outcome(2, "panic: x\n"), Some(LimitHit::Cancelled));
        assert!(matches!(res, Err(Error::Cancelled)));
    }
}
