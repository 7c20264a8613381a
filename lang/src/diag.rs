//! Diagnostics: the one error type every front-end phase reports through.
//!
//! Each phase keeps its own error enum carrying spans (`lexer::LexError`,
//! `parse::SyntaxError`, `check::TypeError`) and converts it into a [`Diagnostic`] here. A
//! diagnostic's `message` is Go's wording, lowercase, without a trailing period. Printing
//! lives in [`render`]: plain `FILE:LINE:COL: message` lines always, and an ariadne
//! rendering on terminals. This module does not decide *what* is an error.

pub mod render;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary location with a short note, e.g. "other declaration of x".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable kebab-case name of the error kind (`unterminated-string`, `syntax`,
    /// `undefined`, `unused-variable`, ...), for tests and tooling; never shown as the message.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub primary: Span,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, primary: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            primary,
            labels: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
}

/// How many errors a run reports at most, as Go's compiler does ("too many errors").
pub const MAX_ERRORS: usize = 10;

/// Sorts by position, drops exact duplicates and keeps at most [`MAX_ERRORS`]. The flag
/// says whether any were cut, so the caller can print Go's `too many errors`.
pub fn finish(mut diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, bool) {
    diags.sort_by_key(|d| (d.primary.file, d.primary.start));
    diags.dedup_by(|b, a| a.primary == b.primary && a.message == b.message);
    let truncated = diags.len() > MAX_ERRORS;
    diags.truncate(MAX_ERRORS);
    (diags, truncated)
}
