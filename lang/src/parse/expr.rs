//! Constructors for expressions and type expressions, called by the grammar's actions.
//!
//! Each function builds one [`ast::Expr`] with a fresh id. Literal values are decoded here
//! from the token text with `lexer::literal`; the lexer has already reported malformed
//! literals, so decoding only has to be total, not validating. Imaginary literals are
//! reported as out of scope (minigo has no complex numbers). No type or name resolution
//! happens here.

use super::ParseCx;
use super::error::SyntaxError;
use crate::ast::{self, BinaryOp, ChanDir, ExprKind, UnaryOp};
use crate::lexer::literal;

impl ParseCx<'_> {
    pub(crate) fn name(&self, ident: ast::Ident) -> ast::Expr {
        self.expr(ExprKind::Ident(ident.name), ident.span)
    }

    pub(crate) fn int_lit(&self, l: usize, r: usize) -> ast::Expr {
        let value = literal::int_value(self.text(l, r)).unwrap_or_else(|| {
            self.report(SyntaxError::IntOverflow {
                span: self.span(l, r),
            });
            0
        });
        self.expr(ExprKind::Lit(ast::Lit::Int(value)), self.span(l, r))
    }

    pub(crate) fn float_lit(&self, l: usize, r: usize) -> ast::Expr {
        let value = literal::float_value(self.text(l, r));
        self.expr(ExprKind::Lit(ast::Lit::Float(value)), self.span(l, r))
    }

    /// Complex numbers are outside minigo (DESIGN section 1).
    pub(crate) fn imag_lit(&self, l: usize, r: usize) -> ast::Expr {
        let span = self.report(SyntaxError::Imaginary {
            span: self.span(l, r),
        });
        self.expr(ExprKind::Bad, span)
    }

    pub(crate) fn rune_lit(&self, l: usize, r: usize) -> ast::Expr {
        let value = literal::rune_value(self.text(l, r));
        self.expr(ExprKind::Lit(ast::Lit::Rune(value)), self.span(l, r))
    }

    pub(crate) fn string_lit(&self, l: usize, r: usize) -> ast::Expr {
        let value = literal::string_value(self.text(l, r));
        self.expr(ExprKind::Lit(ast::Lit::Str(value)), self.span(l, r))
    }

    /// A string literal's value as text (import paths, struct tags).
    pub(crate) fn string_text(&self, l: usize, r: usize) -> String {
        String::from_utf8_lossy(&literal::string_value(self.text(l, r))).into_owned()
    }

    pub(crate) fn paren(&self, x: ast::Expr, l: usize, r: usize) -> ast::Expr {
        self.expr(ExprKind::Paren(Box::new(x)), self.span(l, r))
    }

    pub(crate) fn star(&self, x: ast::Expr, l: usize, r: usize) -> ast::Expr {
        self.expr(ExprKind::Star(Box::new(x)), self.span(l, r))
    }

    pub(crate) fn selector(&self, x: ast::Expr, sel: ast::Ident, l: usize, r: usize) -> ast::Expr {
        self.expr(
            ExprKind::Selector {
                x: Box::new(x),
                sel,
            },
            self.span(l, r),
        )
    }

    pub(crate) fn index(
        &self,
        x: ast::Expr,
        indices: Vec<ast::Expr>,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(
            ExprKind::Index {
                x: Box::new(x),
                indices,
            },
            self.span(l, r),
        )
    }

    /// `x[lo:hi]` or, when `max` is present, `x[lo:hi:max]`.
    pub(crate) fn slice(
        &self,
        x: ast::Expr,
        lo: Option<ast::Expr>,
        hi: Option<ast::Expr>,
        max: Option<ast::Expr>,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        let full = max.is_some();
        let kind = ExprKind::Slice {
            x: Box::new(x),
            lo: lo.map(Box::new),
            hi: hi.map(Box::new),
            max: max.map(Box::new),
            full,
        };
        self.expr(kind, self.span(l, r))
    }

    pub(crate) fn type_assert(
        &self,
        x: ast::Expr,
        ty: Option<ast::Expr>,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(
            ExprKind::TypeAssert {
                x: Box::new(x),
                ty: ty.map(Box::new),
            },
            self.span(l, r),
        )
    }

    pub(crate) fn call(
        &self,
        func: ast::Expr,
        args: (Vec<ast::Expr>, bool),
        l: usize,
        r: usize,
    ) -> ast::Expr {
        let (args, spread) = args;
        self.expr(
            ExprKind::Call {
                func: Box::new(func),
                args,
                spread,
            },
            self.span(l, r),
        )
    }

    /// A composite literal; `ty` is `None` for an elided type (`{1, 2}` inside another).
    pub(crate) fn composite(
        &self,
        ty: Option<ast::Expr>,
        elts: Vec<ast::Element>,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(
            ExprKind::Composite {
                ty: ty.map(Box::new),
                elts,
            },
            self.span(l, r),
        )
    }

    pub(crate) fn element(
        &self,
        key: Option<ast::Expr>,
        value: ast::Expr,
        l: usize,
        r: usize,
    ) -> ast::Element {
        ast::Element {
            key,
            value,
            span: self.span(l, r),
        }
    }

    pub(crate) fn func_lit(
        &self,
        sig: ast::FuncSig,
        body: ast::Block,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(
            ExprKind::FuncLit {
                sig: Box::new(sig),
                body,
            },
            self.span(l, r),
        )
    }

    /// Builds the tree of `x op y op z ...` by Go's precedence, every level associating
    /// to the left (operator-precedence parsing with an explicit stack). Each node's
    /// span runs from its left operand's start to its right operand's end.
    pub(crate) fn binary_chain(&self, x: ast::Expr, rest: Vec<(BinaryOp, ast::Expr)>) -> ast::Expr {
        let mut operands = vec![x];
        let mut ops: Vec<BinaryOp> = Vec::new();
        for (op, y) in rest {
            while ops
                .last()
                .is_some_and(|top| top.precedence() >= op.precedence())
            {
                self.reduce_top(&mut operands, &mut ops);
            }
            ops.push(op);
            operands.push(y);
        }
        while !ops.is_empty() {
            self.reduce_top(&mut operands, &mut ops);
        }
        match operands.pop() {
            Some(tree) => tree,
            None => unreachable!("the chain starts with an operand and each reduction keeps one"),
        }
    }

    /// Replaces the top two operands with the binary node of the top operator.
    fn reduce_top(&self, operands: &mut Vec<ast::Expr>, ops: &mut Vec<BinaryOp>) {
        let (Some(op), Some(y), Some(x)) = (ops.pop(), operands.pop(), operands.pop()) else {
            unreachable!("operands always outnumber operators by one");
        };
        let span = x.span.to(y.span);
        let node = self.expr(
            ExprKind::Binary {
                op,
                x: Box::new(x),
                y: Box::new(y),
            },
            span,
        );
        operands.push(node);
    }

    pub(crate) fn unary(&self, op: UnaryOp, x: ast::Expr, l: usize, r: usize) -> ast::Expr {
        self.expr(ExprKind::Unary { op, x: Box::new(x) }, self.span(l, r))
    }

    pub(crate) fn array_type(
        &self,
        len: Option<ast::Expr>,
        elem: ast::Expr,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(
            ExprKind::ArrayType {
                len: len.map(Box::new),
                elem: Box::new(elem),
            },
            self.span(l, r),
        )
    }

    pub(crate) fn slice_type(&self, elem: ast::Expr, l: usize, r: usize) -> ast::Expr {
        self.expr(ExprKind::SliceType(Box::new(elem)), self.span(l, r))
    }

    pub(crate) fn map_type(
        &self,
        key: ast::Expr,
        value: ast::Expr,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(
            ExprKind::MapType {
                key: Box::new(key),
                value: Box::new(value),
            },
            self.span(l, r),
        )
    }

    pub(crate) fn chan_type(&self, dir: ChanDir, elem: ast::Expr, l: usize, r: usize) -> ast::Expr {
        self.expr(
            ExprKind::ChanType {
                dir,
                elem: Box::new(elem),
            },
            self.span(l, r),
        )
    }

    pub(crate) fn func_type(&self, sig: ast::FuncSig, l: usize, r: usize) -> ast::Expr {
        self.expr(ExprKind::FuncType(Box::new(sig)), self.span(l, r))
    }

    pub(crate) fn struct_type(&self, fields: Vec<ast::Field>, l: usize, r: usize) -> ast::Expr {
        self.expr(ExprKind::StructType(fields), self.span(l, r))
    }

    pub(crate) fn field(
        &self,
        names: Vec<ast::Ident>,
        ty: ast::Expr,
        tag: Option<String>,
        l: usize,
        r: usize,
    ) -> ast::Field {
        ast::Field {
            names,
            ty,
            tag,
            span: self.span(l, r),
        }
    }

    pub(crate) fn interface_type(
        &self,
        elems: Vec<ast::InterfaceElem>,
        l: usize,
        r: usize,
    ) -> ast::Expr {
        self.expr(ExprKind::InterfaceType(elems), self.span(l, r))
    }

    pub(crate) fn constraint(&self, terms: Vec<ast::Term>, l: usize, r: usize) -> ast::Constraint {
        ast::Constraint {
            terms,
            span: self.span(l, r),
        }
    }

    /// `c | t`: extends a union by one term.
    pub(crate) fn constraint_push(
        &self,
        mut c: ast::Constraint,
        t: ast::Term,
        r: usize,
    ) -> ast::Constraint {
        c.terms.push(t);
        c.span.end = r as u32;
        c
    }

    pub(crate) fn term(&self, tilde: bool, ty: ast::Expr, l: usize, r: usize) -> ast::Term {
        ast::Term {
            tilde,
            ty,
            span: self.span(l, r),
        }
    }
}
