//! The parser: tokens to the [`ast`], through the LALRPOP grammar in `grammar/minigo.lalrpop`.
//!
//! This module owns the entry points ([`parse`], [`parse_expr`]) and the [`ParseCx`] that the
//! grammar's actions call into; `build` (split into `expr`, `decl` and `stmt`) holds those
//! constructors, and `error` turns LALRPOP's errors into Go-worded [`SyntaxError`]s. It does
//! not lex (that is [`crate::lexer`]) and does not resolve names or types: where Go's syntax
//! cannot tell a type from an expression, the tree keeps one shared form for the checker.
//!
//! Invariants:
//! - [`parse`] never fails and never panics: every error becomes a diagnostic and the file
//!   still comes back (with `Decl::Bad`, `StmtKind::Bad` or `ExprKind::Bad` where parsing
//!   failed). Nothing outside this module names the generated parser.
//! - Every [`ast::Expr`] gets a fresh [`ast::ExprId`] below `File::n_exprs`. Ids are
//!   allocated in the order expressions are reduced; a few ids are left unused when an
//!   expression is reshaped after the fact (the names on the left of `:=` become
//!   [`ast::Ident`]s), so side tables indexed by id may have holes.
//! - The grammar has no precedence declarations and no conflicts; see the comment at the
//!   top of the grammar for how each of Go's ambiguities is resolved.
//!
//! Error recovery: the grammar has LALRPOP error productions (`!`) at statement and
//! top-level declaration boundaries, so one file can report several errors; after an error
//! the parser skips to the next `;` or `}`. Only the first error at a given position is
//! kept, and `cascade` drops the follow-on errors of a broken bracketed list.
//!
//! Rejected alternatives: the old yacc grammar's lexer hack (a separate `{` token after
//! `if`/`for`/`switch` headers) would put parser state into the lexer; the grammar's
//! expression modes say the same thing declaratively. Precedence declarations would hide
//! which of Go's ambiguities were resolved and how; the grammar has none.

mod build;
mod cascade;
mod decl;
mod error;
mod expr;
mod stmt;
#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};

pub use error::SyntaxError;

use crate::ast;
use crate::diag::Diagnostic;
use crate::lexer;
use crate::span::{FileId, Span};

lalrpop_util::lalrpop_mod!(
    #[allow(
        clippy::all,
        clippy::pedantic,
        unused,
        unused_qualifications,
        unreachable_pub
    )]
    grammar,
    "/minigo.rs"
);

/// Parses one source file.
///
/// Never fails: syntax errors (and the lexer's errors) come back as diagnostics, sorted by
/// position, and the tree has `Bad` nodes where parsing failed.
///
/// # Errors
///
/// None as a `Result`: every problem is a [`Diagnostic`] in the returned list. A file cut
/// off inside a declaration still comes back with its declarations, the last one closed
/// where the input ends.
///
/// # Panics
///
/// Never, on any input; the property tests feed it random and mutated token streams.
///
/// ```
/// use minigo_lang::{parse::parse, span::FileId};
/// let (file, diags) = parse(FileId(0), "package main\n\nfunc main() { println(1 + 2) }\n");
/// assert!(diags.is_empty());
/// assert_eq!(file.decls.len(), 1);
/// ```
pub fn parse(file: FileId, src: &str) -> (ast::File, Vec<Diagnostic>) {
    let lexed = lexer::lex(file, src);
    let brackets = cascade::Brackets::new(&lexed.tokens);
    let parser = grammar::FileParser::new();
    let cx = ParseCx::new(file, src);
    let items = match parser.parse(&cx, lexed.tokens.iter().copied()) {
        Ok(items) => items,
        Err(err) => {
            let first = error::from_parse_error(&cx, err);
            return finish_truncated(&parser, first, src, &lexed, &brackets);
        }
    };
    let res = cx.file(items);
    (res, cx.finish(lexed.diagnostics, &brackets))
}

/// The fallback when recovery reached the end of input inside an unclosed construct (a
/// file cut off mid-function): parse again with the missing closing brackets supplied at
/// the end, so the declarations before the cut still come back. Only `first`, the
/// original error, is reported at the end of input; errors before it are reported as
/// the first attempt found them.
fn finish_truncated(
    parser: &grammar::FileParser,
    first: SyntaxError,
    src: &str,
    lexed: &lexer::Lexed,
    brackets: &cascade::Brackets,
) -> (ast::File, Vec<Diagnostic>) {
    let cx = ParseCx::new(first.span().file, src);
    let closed = brackets.close_at_end(&lexed.tokens, src.len());
    let items = parser.parse(&cx, closed).unwrap_or_default();
    cx.errors
        .borrow_mut()
        .retain(|e| (e.span().start as usize) < src.len());
    cx.report(first);
    let res = cx.file(items);
    (res, cx.finish(lexed.diagnostics.clone(), brackets))
}

/// Parses a single expression (or type), as the REPL and tests need.
///
/// ```
/// use minigo_lang::{ast::ExprKind, parse::parse_expr, span::FileId};
/// let (expr, diags) = parse_expr(FileId(0), "a + b * c");
/// assert!(diags.is_empty());
/// assert!(matches!(expr.kind, ExprKind::Binary { .. }));
/// ```
pub fn parse_expr(file: FileId, src: &str) -> (ast::Expr, Vec<Diagnostic>) {
    let lexed = lexer::lex(file, src);
    let brackets = cascade::Brackets::new(&lexed.tokens);
    let cx = ParseCx::new(file, src);
    let expr = match grammar::SoloExprParser::new().parse(&cx, lexed.tokens) {
        Ok(expr) => expr,
        Err(err) => {
            let span = cx.report(error::from_parse_error(&cx, err));
            cx.expr(ast::ExprKind::Bad, span)
        }
    };
    (expr, cx.finish(lexed.diagnostics, &brackets))
}

/// What the grammar's actions share: the source, the file, the expression id counter and
/// the errors found so far. Actions only read it and push into its cells.
pub(crate) struct ParseCx<'s> {
    src: &'s str,
    file: FileId,
    next_expr: Cell<u32>,
    errors: RefCell<Vec<SyntaxError>>,
}

impl<'s> ParseCx<'s> {
    fn new(file: FileId, src: &'s str) -> Self {
        ParseCx {
            src,
            file,
            next_expr: Cell::new(0),
            errors: RefCell::new(Vec::new()),
        }
    }

    /// The span of the byte range `l..r` in this file.
    pub(crate) fn span(&self, l: usize, r: usize) -> Span {
        Span::new(self.file, l, r)
    }

    /// The source text of `l..r`; empty if the range is not on char boundaries (which a
    /// lexer span always is).
    pub(crate) fn text(&self, l: usize, r: usize) -> &'s str {
        self.src.get(l..r).unwrap_or("")
    }

    /// Records an error and returns its span. A second error at the same position is a
    /// cascade of the first and is dropped.
    pub(crate) fn report(&self, err: SyntaxError) -> Span {
        let span = err.span();
        let mut errors = self.errors.borrow_mut();
        if !errors.iter().any(|e| e.span().start == span.start) {
            errors.push(err);
        }
        span
    }

    /// Allocates the next expression id and builds the expression.
    pub(crate) fn expr(&self, kind: ast::ExprKind, span: Span) -> ast::Expr {
        let id = self.next_expr.get();
        self.next_expr.set(id + 1);
        ast::Expr {
            id: ast::ExprId(id),
            span,
            kind,
        }
    }

    /// How many expression ids were handed out.
    pub(crate) fn n_exprs(&self) -> u32 {
        self.next_expr.get()
    }

    /// The lexer's diagnostics and this parse's (without cascades), in source order.
    fn finish(&self, mut diags: Vec<Diagnostic>, brackets: &cascade::Brackets) -> Vec<Diagnostic> {
        let errors = brackets.drop_cascades(self.errors.take());
        diags.extend(errors.into_iter().map(Diagnostic::from));
        diags.sort_by_key(|d| (d.primary.file, d.primary.start));
        diags.dedup_by(|b, a| a.primary == b.primary && a.message == b.message);
        diags
    }
}
