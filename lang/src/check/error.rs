//! The type checker's errors, worded as Go's compiler (types2) words them.
//!
//! Each variant carries the span Go reports and the already-printed pieces of its message
//! (operand descriptions such as `x (variable of type int)` and type names), because
//! printing needs the type arena and the error must not borrow it. [`TypeError::into_diagnostic`]
//! turns an error into the one [`Diagnostic`] shape every phase shares.
//!
//! This module owns wording only; deciding *whether* something is an error is the walker's
//! job. Invariant: messages are lowercase and carry no trailing period, and multi-line
//! messages (`have`/`want` lists) indent their continuation lines with one tab as gc does.

use crate::diag::Diagnostic;
use crate::span::Span;

/// A type error, with Go's wording.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TypeError {
    #[error("undefined: {name}")]
    Undefined { name: String, span: Span },
    #[error("declared and not used: {name}")]
    UnusedVar { name: String, span: Span },
    #[error("{path:?} imported and not used")]
    UnusedImport { path: String, span: Span },
    #[error("{path:?} imported as {alias} and not used")]
    UnusedImportAs {
        path: String,
        alias: String,
        span: Span,
    },
    #[error("could not import {path} (package not found)")]
    ImportNotFound { path: String, span: Span },
    #[error("use of internal package {path} not allowed")]
    ImportInternal { path: String, span: Span },
    #[error("missing return")]
    MissingReturn { span: Span },
    #[error("{name} redeclared in this block")]
    Redeclared {
        name: String,
        span: Span,
        prev: Span,
    },
    #[error("no new variables on left side of :=")]
    NoNewVariables { span: Span },
    /// `cannot use x (variable of type int) as string value in assignment`, with an
    /// optional reason such as `(overflows)` or `(missing method M)`.
    #[error(
        "cannot use {operand} as {target} value in {context}{}",
        reason_suffix(reason)
    )]
    CannotUse {
        operand: String,
        target: String,
        context: String,
        reason: String,
        span: Span,
    },
    #[error("cannot convert {operand} to type {target}{}", reason_suffix(reason))]
    CannotConvert {
        operand: String,
        target: String,
        reason: String,
        span: Span,
    },
    /// `not enough arguments in call to f` / `too many arguments in call to f`.
    #[error("{} arguments in call to {func}\n\thave ({have})\n\twant ({want})", enough(*too_many))]
    ArgCount {
        too_many: bool,
        func: String,
        have: String,
        want: String,
        span: Span,
    },
    #[error("{} return values\n\thave ({have})\n\twant ({want})", enough(*too_many))]
    ReturnCount {
        too_many: bool,
        have: String,
        want: String,
        span: Span,
    },
    #[error("assignment mismatch: {lhs} but {rhs}")]
    AssignMismatch {
        lhs: String,
        rhs: String,
        span: Span,
    },
    #[error("non-boolean condition in {stmt} statement")]
    NonBoolCondition { stmt: &'static str, span: Span },
    /// `invalid operation: x + y (mismatched types int and string)` and the other
    /// `invalid operation:` forms, whose tails vary.
    #[error("invalid operation: {detail}")]
    InvalidOp { detail: String, span: Span },
    #[error("invalid argument: {detail}")]
    InvalidArg { detail: String, span: Span },
    #[error("cannot assign to {operand}{}", reason_suffix(reason))]
    CannotAssign {
        operand: String,
        reason: String,
        span: Span,
    },
    #[error("{what} is not in a loop, switch, or select")]
    BreakOutside { what: &'static str, span: Span },
    #[error("continue is not in a loop")]
    ContinueOutside { span: Span },
    #[error("invalid {what} label {label}")]
    InvalidLabel {
        what: &'static str,
        label: String,
        span: Span,
    },
    #[error("label {label} defined and not used")]
    UnusedLabel { label: String, span: Span },
    #[error("fallthrough statement out of place")]
    MisplacedFallthrough { span: Span },
    #[error("duplicate case {case} in expression switch")]
    DuplicateCase {
        case: String,
        span: Span,
        prev: Span,
    },
    #[error("multiple defaults in {stmt}")]
    MultipleDefaults {
        stmt: &'static str,
        span: Span,
        prev: Span,
    },
    /// `x.foo undefined (type T has no field or method foo)` and its hinted variants.
    #[error("{selector} undefined ({detail})")]
    MissingMember {
        selector: String,
        detail: String,
        span: Span,
    },
    #[error("{operand} is not used")]
    UnusedResult { operand: String, span: Span },
    #[error("{what} requires function call")]
    NotACall { what: &'static str, span: Span },
    #[error("expression in {what} must be function call")]
    NotACallIn { what: &'static str, span: Span },
    #[error("cannot use _ as value")]
    BlankAsValue { span: Span },
    #[error("{name} is not a type")]
    NotAType { name: String, span: Span },
    #[error("{operand} is not a type")]
    OperandNotAType { operand: String, span: Span },
    #[error("{operand} is not an expression")]
    NotAnExpr { operand: String, span: Span },
    #[error("invalid recursive type {name}")]
    RecursiveType { name: String, span: Span },
    #[error("initialization cycle or refers to itself: {name}")]
    InitCycle { name: String, span: Span },
    #[error("{detail}")]
    Other { detail: String, span: Span },
}

fn reason_suffix(reason: &str) -> String {
    if reason.is_empty() {
        String::new()
    } else if reason.starts_with('\n') || reason.starts_with(':') {
        reason.to_string()
    } else {
        format!(" {reason}")
    }
}

fn enough(too_many: bool) -> &'static str {
    if too_many { "too many" } else { "not enough" }
}

impl TypeError {
    /// The position Go reports the error at.
    pub fn span(&self) -> Span {
        use TypeError::*;
        match self {
            Undefined { span, .. }
            | UnusedVar { span, .. }
            | UnusedImport { span, .. }
            | UnusedImportAs { span, .. }
            | ImportNotFound { span, .. }
            | ImportInternal { span, .. }
            | MissingReturn { span }
            | Redeclared { span, .. }
            | NoNewVariables { span }
            | CannotUse { span, .. }
            | CannotConvert { span, .. }
            | ArgCount { span, .. }
            | ReturnCount { span, .. }
            | AssignMismatch { span, .. }
            | NonBoolCondition { span, .. }
            | InvalidOp { span, .. }
            | InvalidArg { span, .. }
            | CannotAssign { span, .. }
            | BreakOutside { span, .. }
            | ContinueOutside { span }
            | InvalidLabel { span, .. }
            | UnusedLabel { span, .. }
            | MisplacedFallthrough { span }
            | DuplicateCase { span, .. }
            | MultipleDefaults { span, .. }
            | MissingMember { span, .. }
            | UnusedResult { span, .. }
            | NotACall { span, .. }
            | NotACallIn { span, .. }
            | BlankAsValue { span }
            | NotAType { span, .. }
            | OperandNotAType { span, .. }
            | NotAnExpr { span, .. }
            | RecursiveType { span, .. }
            | InitCycle { span, .. }
            | Other { span, .. } => *span,
        }
    }

    /// A stable kebab-case name of the error kind, for tests and tooling.
    pub fn code(&self) -> &'static str {
        use TypeError::*;
        match self {
            Undefined { .. } => "undefined",
            UnusedVar { .. } => "unused-variable",
            UnusedImport { .. } | UnusedImportAs { .. } => "unused-import",
            ImportNotFound { .. } | ImportInternal { .. } => "bad-import",
            MissingReturn { .. } => "missing-return",
            Redeclared { .. } | NoNewVariables { .. } => "redeclared",
            CannotUse { .. } => "incompatible-assign",
            CannotConvert { .. } => "invalid-conversion",
            ArgCount { .. } => "wrong-arg-count",
            ReturnCount { .. } => "wrong-result-count",
            AssignMismatch { .. } => "assignment-mismatch",
            NonBoolCondition { .. } => "non-bool-condition",
            InvalidOp { .. } => "invalid-operation",
            InvalidArg { .. } => "invalid-argument",
            CannotAssign { .. } => "unassignable",
            BreakOutside { .. } | ContinueOutside { .. } | MisplacedFallthrough { .. } => {
                "misplaced-branch"
            }
            InvalidLabel { .. } | UnusedLabel { .. } => "label",
            DuplicateCase { .. } | MultipleDefaults { .. } => "duplicate-case",
            MissingMember { .. } => "missing-field-or-method",
            UnusedResult { .. } => "unused-expression",
            NotACall { .. } | NotACallIn { .. } => "not-a-call",
            BlankAsValue { .. } => "blank-as-value",
            NotAType { .. } | OperandNotAType { .. } => "not-a-type",
            NotAnExpr { .. } => "not-an-expression",
            RecursiveType { .. } | InitCycle { .. } => "cycle",
            Other { .. } => "type-error",
        }
    }

    /// The shared diagnostic form; a second position (the earlier declaration or case)
    /// becomes a label.
    pub fn into_diagnostic(self) -> Diagnostic {
        let diag = Diagnostic::error(self.code(), self.span(), self.to_string());
        match self {
            TypeError::Redeclared { prev, .. } => diag.with_label(prev, "other declaration"),
            TypeError::DuplicateCase { prev, .. } => diag.with_label(prev, "previous case"),
            TypeError::MultipleDefaults { prev, .. } => diag.with_label(prev, "first default"),
            _ => diag,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_follow_go_wording() {
        let span = Span::default();
        let e = TypeError::UnusedImport {
            path: "strings".into(),
            span,
        };
        assert_eq!(e.to_string(), "\"strings\" imported and not used");
        let e = TypeError::CannotUse {
            operand: "\"two\" (untyped string constant)".into(),
            target: "int".into(),
            context: "assignment".into(),
            reason: String::new(),
            span,
        };
        assert_eq!(
            e.to_string(),
            "cannot use \"two\" (untyped string constant) as int value in assignment"
        );
        let e = TypeError::ArgCount {
            too_many: false,
            func: "add".into(),
            have: "number".into(),
            want: "int, int".into(),
            span,
        };
        assert_eq!(
            e.to_string(),
            "not enough arguments in call to add\n\thave (number)\n\twant (int, int)"
        );
    }

    #[test]
    fn reasons_are_separated_by_a_space() {
        let e = TypeError::CannotUse {
            operand: "300 (untyped int constant)".into(),
            target: "byte".into(),
            context: "assignment".into(),
            reason: "(overflows)".into(),
            span: Span::default(),
        };
        assert_eq!(
            e.to_string(),
            "cannot use 300 (untyped int constant) as byte value in assignment (overflows)"
        );
        assert_eq!(e.into_diagnostic().code, "incompatible-assign");
    }
}
