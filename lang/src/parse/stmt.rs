//! Constructors for statements, blocks and clauses, called by the grammar's actions.
//!
//! The grammar accepts a few shapes more loosely than Go so that it stays conflict-free
//! (a `switch` header is any simple statement, a `select` case is any simple statement,
//! the left of `:=` is any expression list); the checks that narrow them to Go's rules,
//! with Go's messages, live here. Empty statements are dropped from statement lists (Go's
//! parser does the same) except as the target of a label.

use lalrpop_util::ErrorRecovery;

use super::ParseCx;
use super::build::{ForHead, SwitchHead};
use super::error::{self, SyntaxError};
use crate::ast::{self, ExprKind, StmtKind, UnaryOp};
use crate::span::Span;
use crate::token::Token;

impl ParseCx<'_> {
    pub(crate) fn stmt(&self, kind: StmtKind, l: usize, r: usize) -> Box<ast::Stmt> {
        Box::new(ast::Stmt {
            span: self.span(l, r),
            kind,
        })
    }

    pub(crate) fn block(&self, stmts: Vec<ast::Stmt>, l: usize, r: usize) -> ast::Block {
        ast::Block {
            stmts,
            span: self.span(l, r),
        }
    }

    pub(crate) fn stmt_list(&self, s: Box<ast::Stmt>) -> Vec<ast::Stmt> {
        self.stmt_push(Vec::new(), s)
    }

    pub(crate) fn stmt_push(&self, mut v: Vec<ast::Stmt>, s: Box<ast::Stmt>) -> Vec<ast::Stmt> {
        if !matches!(s.kind, StmtKind::Empty) {
            v.push(*s);
        }
        v
    }

    /// Records the error LALRPOP recovered from and returns the span it covers.
    pub(crate) fn recover(&self, e: ErrorRecovery<usize, Token, ()>, l: usize, r: usize) -> Span {
        let err = error::from_parse_error(self, e.error);
        let span = self.report(err);
        span.to(self.span(l, r.max(l)))
    }

    pub(crate) fn bad_stmt(
        &self,
        e: ErrorRecovery<usize, Token, ()>,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        Box::new(ast::Stmt {
            span: self.recover(e, l, r),
            kind: StmtKind::Bad,
        })
    }

    pub(crate) fn labeled(
        &self,
        label: ast::Ident,
        s: Box<ast::Stmt>,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        self.stmt(StmtKind::Labeled { label, stmt: s }, l, r)
    }

    pub(crate) fn goto_stmt(&self, l: usize, r: usize) -> Box<ast::Stmt> {
        let span = self.report(SyntaxError::Goto {
            span: self.span(l, r),
        });
        Box::new(ast::Stmt {
            span,
            kind: StmtKind::Bad,
        })
    }

    /// An expression statement: exactly one expression.
    pub(crate) fn expr_stmt(&self, mut xs: Vec<ast::Expr>, l: usize, r: usize) -> Box<ast::Stmt> {
        match (xs.pop(), xs.is_empty()) {
            (Some(x), true) => self.stmt(StmtKind::Expr(x), l, r),
            _ => {
                let span = self.report(SyntaxError::ExprList {
                    span: self.span(r, r),
                });
                Box::new(ast::Stmt {
                    span: span.to(self.span(l, r)),
                    kind: StmtKind::Bad,
                })
            }
        }
    }

    /// `a, b := x, y`: every operand on the left must be a name.
    pub(crate) fn define(
        &self,
        lhs: Vec<ast::Expr>,
        rhs: Vec<ast::Expr>,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        let lhs = lhs
            .into_iter()
            .filter_map(|x| self.defined_name(x))
            .collect();
        self.stmt(StmtKind::Define { lhs, rhs }, l, r)
    }

    fn defined_name(&self, x: ast::Expr) -> Option<ast::Ident> {
        match x.kind {
            ExprKind::Ident(name) => Some(ast::Ident { name, span: x.span }),
            _ => {
                let text = self
                    .text(x.span.start as usize, x.span.end as usize)
                    .to_owned();
                self.report(SyntaxError::NonName { text, span: x.span });
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)] // One argument per part of the statement.
    pub(crate) fn if_stmt(
        &self,
        init: Option<Box<ast::Stmt>>,
        cond: ast::Expr,
        then: ast::Block,
        els: Option<Box<ast::Stmt>>,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        let kind = StmtKind::If {
            init,
            cond,
            then,
            els,
        };
        self.stmt(kind, l, r)
    }

    /// `if x` followed by a newline and a block: the newline ended the header early.
    #[allow(clippy::too_many_arguments)] // One argument per part of the statement.
    pub(crate) fn if_without_cond(
        &self,
        init: Box<ast::Stmt>,
        semi: Span,
        then: ast::Block,
        els: Option<Box<ast::Stmt>>,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        let found = error::describe(
            Token::Semi,
            self.text(semi.start as usize, semi.end as usize),
        );
        self.report(SyntaxError::Unexpected {
            found,
            expected: ", expected { after if clause".into(),
            span: semi,
        });
        let cond = self.expr(ExprKind::Bad, init.span);
        self.if_stmt(None, cond, then, els, l, r)
    }

    pub(crate) fn case_clause(
        &self,
        exprs: Vec<ast::Expr>,
        default: bool,
        body: Vec<ast::Stmt>,
        l: usize,
        r: usize,
    ) -> ast::CaseClause {
        ast::CaseClause {
            exprs,
            default,
            body,
            span: self.span(l, r),
        }
    }

    /// An expression switch, or a type switch when the header ends in a `.(type)` guard.
    pub(crate) fn switch_stmt(
        &self,
        head: SwitchHead,
        body: (Vec<ast::CaseClause>, Span),
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        let (cases, body_span) = body;
        let init = head.init;
        let kind = match head.tag.map(|s| self.switch_tag(s)) {
            None => StmtKind::Switch {
                init,
                tag: None,
                cases,
                body_span,
            },
            Some(SwitchTag::Expr(tag)) => StmtKind::Switch {
                init,
                tag,
                cases,
                body_span,
            },
            Some(SwitchTag::Guard(bind, x)) => {
                let cases = cases.into_iter().map(type_case).collect();
                StmtKind::TypeSwitch {
                    init,
                    bind,
                    x,
                    cases,
                    body_span,
                }
            }
        };
        self.stmt(kind, l, r)
    }

    /// Classifies the last part of a switch header.
    fn switch_tag(&self, s: Box<ast::Stmt>) -> SwitchTag {
        let s = *s;
        match s.kind {
            StmtKind::Expr(x) => match x.kind {
                ExprKind::TypeAssert { x, ty: None } => SwitchTag::Guard(None, *x),
                kind => SwitchTag::Expr(Some(ast::Expr { kind, ..x })),
            },
            StmtKind::Define { mut lhs, mut rhs } if lhs.len() == 1 && rhs.len() == 1 => {
                match (lhs.pop(), rhs.pop().map(|x| x.kind)) {
                    (bind, Some(ExprKind::TypeAssert { x, ty: None })) => {
                        SwitchTag::Guard(bind, *x)
                    }
                    _ => self.switch_tag_error(s.span),
                }
            }
            _ => self.switch_tag_error(s.span),
        }
    }

    fn switch_tag_error(&self, span: Span) -> SwitchTag {
        let text = self.text(span.start as usize, span.end as usize).to_owned();
        self.report(SyntaxError::NotValue { text, span });
        SwitchTag::Expr(None)
    }

    pub(crate) fn select_stmt(
        &self,
        cases: Vec<ast::CommClause>,
        bl: usize,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        self.stmt(
            StmtKind::Select {
                cases,
                body_span: self.span(bl, r),
            },
            l,
            r,
        )
    }

    /// `case comm:` must be a send, a receive, or an assignment of a receive.
    pub(crate) fn comm_clause(
        &self,
        comm: Option<Box<ast::Stmt>>,
        body: Vec<ast::Stmt>,
        l: usize,
        r: usize,
    ) -> ast::CommClause {
        if let Some(stmt) = comm.as_ref().filter(|s| !is_comm(s)) {
            self.report(SyntaxError::BadComm { span: stmt.span });
        }
        ast::CommClause {
            comm,
            body,
            span: self.span(l, r),
        }
    }

    pub(crate) fn for_stmt(
        &self,
        head: ForHead,
        body: ast::Block,
        l: usize,
        r: usize,
    ) -> Box<ast::Stmt> {
        let kind = match head {
            ForHead::Cond(cond) => StmtKind::For {
                init: None,
                cond,
                post: None,
                body,
            },
            ForHead::Clauses(init, cond, post) => {
                if let Some(post) = post
                    .as_ref()
                    .filter(|s| matches!(s.kind, StmtKind::Define { .. }))
                {
                    self.report(SyntaxError::DefineInPost { span: post.span });
                }
                StmtKind::For {
                    init,
                    cond,
                    post,
                    body,
                }
            }
            ForHead::Range(lhs, define, x) => self.range(lhs, define, x, body),
        };
        self.stmt(kind, l, r)
    }

    fn range(&self, lhs: Vec<ast::Expr>, define: bool, x: ast::Expr, body: ast::Block) -> StmtKind {
        if let Some(extra) = lhs.get(2) {
            self.report(SyntaxError::RangeVars { span: extra.span });
        }
        if define {
            for name in lhs.iter().filter(|x| !matches!(x.kind, ExprKind::Ident(_))) {
                let text = self
                    .text(name.span.start as usize, name.span.end as usize)
                    .to_owned();
                self.report(SyntaxError::NonName {
                    text,
                    span: name.span,
                });
            }
        }
        let mut it = lhs.into_iter();
        StmtKind::Range {
            key: it.next(),
            value: it.next(),
            define,
            x: Box::new(x),
            body,
        }
    }
}

/// The last part of a switch header, classified.
enum SwitchTag {
    Expr(Option<ast::Expr>),
    /// `bind := x.(type)` or `x.(type)`.
    Guard(Option<ast::Ident>, ast::Expr),
}

fn type_case(c: ast::CaseClause) -> ast::TypeCaseClause {
    ast::TypeCaseClause {
        types: c.exprs,
        default: c.default,
        body: c.body,
        span: c.span,
    }
}

fn is_recv(x: &ast::Expr) -> bool {
    match &x.kind {
        ExprKind::Unary {
            op: UnaryOp::Recv, ..
        } => true,
        ExprKind::Paren(inner) => is_recv(inner),
        _ => false,
    }
}

/// Whether a statement may be a `select` case: Go's SendStmt or RecvStmt.
fn is_comm(s: &ast::Stmt) -> bool {
    match &s.kind {
        StmtKind::Send { .. } => true,
        StmtKind::Expr(x) => is_recv(x),
        StmtKind::Assign {
            lhs,
            op: ast::AssignOp::Assign,
            rhs,
        } => lhs.len() <= 2 && rhs.len() == 1 && is_recv(&rhs[0]),
        StmtKind::Define { lhs, rhs } => lhs.len() <= 2 && rhs.len() == 1 && is_recv(&rhs[0]),
        _ => false,
    }
}
