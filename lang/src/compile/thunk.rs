//! `go` and `defer`: the call's function value and arguments are evaluated at the
//! statement, as Go requires, and captured by a closure of a small synthesized function
//! (a thunk) that makes the call later, when the goroutine starts or the frame returns.
//!
//! This module owns thunks. A thunk is named after its statement's function with a
//! `.gowrap`/`.deferwrap` suffix and a counter, as Go's compiler names its wrappers.
//!
//! Invariant: a thunk's captures are the call's window, preceded by the func value for a
//! closure call; the thunk loads them into `R[0..]` and issues the same call relative to
//! its own registers.

use minigo_vm::Function;
use minigo_vm::op::{FuncIdx, Op, Reg};

use super::builder::Builder;
use super::lower::FnCx;
use crate::ast::{self, ExprKind};
use crate::check::info::ExprMode;

impl FnCx<'_, '_> {
    pub fn go_or_defer(&mut self, call: &ast::Expr, is_go: bool) {
        let call = super::expr::strip_parens(call);
        let ExprKind::Call { func, args, spread } = &call.kind else {
            self.unsupported("go or defer of a non-call", call.span);
            return;
        };
        if let Some(ExprMode::Builtin(_) | ExprMode::Type) = self.tv(func).map(|t| &t.mode) {
            self.unsupported("go or defer of a builtin", call.span);
            return;
        }
        let Some(prepared) = self.prepare_call(call, func, args, *spread) else { return };
        let n = prepared.n_args;
        let caps = self.b.alloc_n(n as u32 + 1);
        match prepared.closure {
            Some(c) => _ = self.emit(Op::Move { dst: caps, src: c }),
            None => _ = self.emit(Op::LoadInt { dst: caps, imm: 0 }),
        }
        for i in 0..n {
            self.emit(Op::Move { dst: Reg(caps.0 + 1 + i as u8), src: Reg(prepared.base.0 + i as u8) });
        }
        let thunk = self.thunk(prepared.op, prepared.base, n, prepared.n_results, is_go, call.span);
        let closure = self.b.alloc();
        self.emit(Op::MakeClosure { dst: closure, func: thunk, captures: caps, n: n as u8 + 1 });
        self.emit(if is_go { Op::Go { closure } } else { Op::Defer { closure } });
    }

    /// Compiles the thunk that performs `op` (built for window `base`) from its captures.
    fn thunk(&mut self, op: Op, base: Reg, n_args: usize, n_results: usize, is_go: bool, span: crate::span::Span) -> FuncIdx {
        let idx = self.c.reserve_function(span);
        let mut b = Builder::default();
        let window = n_args.max(n_results) as u32;
        b.alloc_n(1 + window);
        for i in 0..=n_args {
            b.emit(Op::LoadCapture { dst: Reg(i as u8), idx: i as u8 }, self.line);
        }
        // The thunk's window starts at R1; a closure call finds its func value in R0.
        let shifted = match op {
            Op::Call { func, .. } => Op::Call { func, base: Reg(1) },
            Op::CallNative { native, .. } => Op::CallNative { native, base: Reg(1) },
            Op::CallIface { method, .. } => Op::CallIface { base: Reg(1), method },
            Op::CallClosure { .. } => Op::CallClosure { callee: Reg(0), base: Reg(1) },
            other => unreachable!("a prepared call is a call instruction, not {other:?} at {base:?}"),
        };
        b.emit(shifted, self.line);
        b.emit(Op::Return { src: Reg(0), n: 0 }, self.line);
        let suffix = if is_go { "gowrap" } else { "deferwrap" };
        let name = format!("{}.{suffix}{}", self.name, u32::from(idx.0));
        let f: Function = b.finish(name, 0, 0);
        self.c.set_function(idx, f);
        idx
    }
}
