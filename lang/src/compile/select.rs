//! `select`: every case's channel (and value to send) is evaluated in source order into
//! the four-register case layout the `Select` instruction reads (channel, is-send, value,
//! ok), the instruction picks a case, and a jump table runs its body.
//!
//! This module owns the lowering of `select`. Choosing among ready cases and parking are
//! the runtime's.

use minigo_vm::op::{Off, Op, Reg};

use super::builder::Patch;
use super::lower::FnCx;
use crate::ast::{self, ExprKind, StmtKind, UnaryOp};

/// The receive of a case: what it assigns and how.
struct RecvCase<'s> {
    lhs: Vec<&'s ast::Expr>,
    names: Vec<&'s ast::Ident>,
}

impl FnCx<'_, '_> {
    pub fn select(&mut self, cases: &[ast::CommClause], span: crate::span::Span) {
        self.open_breakable(false);
        let comms: Vec<&ast::CommClause> = cases.iter().filter(|c| c.comm.is_some()).collect();
        let has_default = comms.len() < cases.len();
        let Ok(n) = u8::try_from(comms.len()) else {
            self.unsupported("a select with more than 63 cases", span);
            return;
        };
        let first = self.b.alloc_n(4 * u32::from(n));
        let mut recvs = Vec::new();
        for (i, clause) in comms.iter().enumerate() {
            let at = |k: u8| Reg(first.0 + 4 * i as u8 + k);
            recvs.push(self.select_case(clause, at(0), at(1), at(2)));
        }
        let chosen = self.b.alloc();
        self.emit(Op::Select {
            dst: chosen,
            cases: first,
            n,
            has_default,
        });
        let probe = self.b.alloc();
        let mut to_body: Vec<Patch> = Vec::new();
        for i in 0..comms.len() {
            self.emit(Op::LoadInt {
                dst: probe,
                imm: i as i32,
            });
            to_body.push(self.b.emit_jump(
                Op::JumpIfEqWord {
                    a: chosen,
                    b: probe,
                    off: Off(0),
                },
                self.line,
            ));
        }
        if let Some(default) = cases.iter().find(|c| c.comm.is_none()) {
            self.block(&default.body);
        }
        let mut ends = vec![self.b.emit_jump(Op::Jump { off: Off(0) }, self.line)];
        for (i, (clause, recv)) in comms.iter().zip(recvs).enumerate() {
            self.b.patch_here(to_body[i]);
            let value = Reg(first.0 + 4 * i as u8 + 2);
            if let Some(recv) = recv {
                self.bind_received(&recv, value);
            }
            self.block(&clause.body);
            ends.push(self.b.emit_jump(Op::Jump { off: Off(0) }, self.line));
        }
        self.patch_all(ends);
        self.close_breakable(None);
    }

    /// Fills one case's registers; returns what a receive assigns.
    fn select_case<'s>(
        &mut self,
        clause: &'s ast::CommClause,
        ch: Reg,
        send: Reg,
        value: Reg,
    ) -> Option<RecvCase<'s>> {
        let comm = clause.comm.as_deref()?;
        let (recv_expr, recv) = match &comm.kind {
            StmtKind::Send { ch: c, value: v } => {
                self.expr_into(c, ch);
                self.emit(Op::LoadInt { dst: send, imm: 1 });
                let mark = self.b.mark();
                let r = self.value_copy(v);
                self.emit(Op::Move { dst: value, src: r });
                self.b.release(mark);
                return None;
            }
            StmtKind::Expr(e) => (
                e,
                RecvCase {
                    lhs: Vec::new(),
                    names: Vec::new(),
                },
            ),
            StmtKind::Assign { lhs, rhs, .. } => (
                &rhs[0],
                RecvCase {
                    lhs: lhs.iter().collect(),
                    names: Vec::new(),
                },
            ),
            StmtKind::Define { lhs, rhs } => (
                &rhs[0],
                RecvCase {
                    lhs: Vec::new(),
                    names: lhs.iter().collect(),
                },
            ),
            _ => return None,
        };
        if let ExprKind::Unary {
            op: UnaryOp::Recv,
            x,
        } = &super::expr::strip_parens(recv_expr).kind
        {
            self.expr_into(x, ch);
        }
        self.emit(Op::LoadInt { dst: send, imm: 0 });
        Some(recv)
    }

    /// Assigns or declares a receive case's value (`R[value]`) and ok flag (`R[value+1]`).
    fn bind_received(&mut self, recv: &RecvCase<'_>, value: Reg) {
        for (i, name) in recv.names.iter().enumerate() {
            let Some(&obj) = self.c.prog.info.defs.get(&name.span) else {
                continue;
            };
            let r = self.b.alloc();
            self.emit(Op::Move {
                dst: r,
                src: Reg(value.0 + i as u8),
            });
            self.bind_new(obj, r);
        }
        for (i, lhs) in recv.lhs.iter().enumerate() {
            let place = self.place(lhs);
            let ty = self.ty(lhs);
            self.store(place, Reg(value.0 + i as u8), ty);
        }
    }
}
