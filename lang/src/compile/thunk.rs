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
use super::types;
use crate::ast::{self, ExprKind};
use crate::check::info::ExprMode;
use crate::check::object::Builtin;
use crate::check::types::Type;

impl FnCx<'_, '_> {
    pub fn go_or_defer(&mut self, call: &ast::Expr, is_go: bool) {
        let call = super::expr::strip_parens(call);
        let ExprKind::Call { func, args, spread } = &call.kind else {
            self.unsupported("go or defer of a non-call", call.span);
            return;
        };
        if let Some(ExprMode::Builtin(builtin)) = self.tv(func).map(|t| t.mode.clone()) {
            self.builtin_thunk(builtin, args, is_go, call.span);
            return;
        }
        if args.is_empty() && self.is_plain_func(func) {
            // Deferred directly, so that `recover()` in it is called by the deferring
            // frame's defer, as Go requires.
            let mark = self.b.mark();
            let closure = self.expr(func);
            self.emit(if is_go {
                Op::Go { closure }
            } else {
                Op::Defer { closure }
            });
            self.b.release(mark);
            return;
        }
        let Some(prepared) = self.prepare_call(call, func, args, *spread) else {
            return;
        };
        self.copy_deferred_receiver(func, prepared.base);
        self.copy_deferred_args(func, &prepared);
        let n = prepared.n_args;
        let caps = self.b.alloc_n(n as u32 + 1);
        match prepared.closure {
            Some(c) => _ = self.emit(Op::Move { dst: caps, src: c }),
            None => _ = self.emit(Op::LoadInt { dst: caps, imm: 0 }),
        }
        for i in 0..n {
            self.emit(Op::Move {
                dst: Reg(caps.0 + 1 + i as u8),
                src: Reg(prepared.base.0 + i as u8),
            });
        }
        // The thunk's window starts at R1; a closure call finds its func value in R0.
        let shifted = match prepared.op {
            Op::Call { func, .. } => Op::Call { func, base: Reg(1) },
            Op::CallNative { native, .. } => Op::CallNative {
                native,
                base: Reg(1),
            },
            Op::CallIface { method, .. } => Op::CallIface {
                base: Reg(1),
                method,
            },
            Op::CallClosure { .. } => Op::CallClosure {
                callee: Reg(0),
                base: Reg(1),
            },
            other => unreachable!("a prepared call is a call instruction, not {other:?}"),
        };
        let window = n.max(prepared.n_results);
        self.spawn_thunk(caps, n + 1, window + 1, vec![shifted], is_go, call.span);
    }

    /// Copies the struct and array arguments of a `go` or `defer` call now: the callee
    /// copies its parameters only when it runs, and by then the caller may have changed
    /// the variable the argument was read from. The parameters are the window's last
    /// words (a method's receiver comes first); a variadic slice is shared, as in Go.
    fn copy_deferred_args(&mut self, func: &ast::Expr, prepared: &super::call::PreparedCall) {
        let Type::Func(sig) = self.c.tys.get(self.c.tys.underlying(self.ty(func))).clone() else {
            return;
        };
        let Some(first) = prepared.n_args.checked_sub(sig.params.len()) else {
            return;
        };
        let fixed = sig.params.len() - usize::from(sig.variadic);
        for (i, &ty) in sig.params.iter().take(fixed).enumerate() {
            if types::is_object(&self.c.tys, ty) {
                let r = Reg(prepared.base.0 + (first + i) as u8);
                self.copy_object(ty, r, r);
            }
        }
    }

    /// `x.M` as a func value: a closure over the receiver whose function shifts the
    /// arguments up one register and calls the method.
    pub fn method_value(
        &mut self,
        e: &ast::Expr,
        x: &ast::Expr,
        sel: &crate::check::info::Selection,
        dst: Reg,
    ) {
        let sig = match self.c.tys.get(self.c.sub(sel.ty)) {
            crate::check::types::Type::Func(sig) => sig.clone(),
            _ => return self.unsupported("this method value", e.span),
        };
        let Some(call) = self.method_call_op(x, sel, dst) else {
            return self.unsupported("this method value", e.span);
        };
        let (k, r) = (sig.params.len(), sig.results.len());
        let idx = self.c.reserve_function(e.span);
        let mut b = Builder::default();
        b.alloc_n(k.max(r) as u32 + 2);
        for i in (0..k).rev() {
            b.emit(
                Op::Move {
                    dst: Reg(i as u8 + 1),
                    src: Reg(i as u8),
                },
                self.line,
            );
        }
        b.emit(
            Op::LoadCapture {
                dst: Reg(0),
                idx: 0,
            },
            self.line,
        );
        b.emit(call, self.line);
        b.emit(
            Op::Return {
                src: Reg(0),
                n: r as u8,
            },
            self.line,
        );
        let name = format!("{}-fm", self.c.func_name(sel.obj));
        self.c.set_function(idx, b.finish(name, k as u8, r as u8));
        self.emit(Op::MakeClosure {
            dst,
            func: idx,
            captures: dst,
            n: 1,
        });
    }

    /// Puts the receiver of `x.M` in `R[dst]` and returns the call of `M` at `R[0]`.
    fn method_call_op(
        &mut self,
        x: &ast::Expr,
        sel: &crate::check::info::Selection,
        dst: Reg,
    ) -> Option<Op> {
        let path = &sel.path[..sel.path.len().saturating_sub(1)];
        if let crate::check::object::ObjectKind::Func { recv: Some(_), .. } =
            self.c.prog.objects.get(sel.obj).kind
        {
            let recv_ty = self.receiver_type(x, path);
            let func = self.c.method_instance(sel.obj, recv_ty)?;
            let recv = self.receiver_value(x, path, Some(sel.obj), dst);
            let _ = recv;
            return Some(Op::Call { func, base: Reg(0) });
        }
        let name = self.c.prog.objects.get(sel.obj).name.clone();
        let method = self.iface_index(x, &sel.path, &name);
        self.receiver_value(x, path, None, dst);
        Some(Op::CallIface {
            base: Reg(0),
            method,
        })
    }

    /// Whether `func` is a function literal or a declared function with a body (whose
    /// value is a closure the VM can defer as it is).
    fn is_plain_func(&self, func: &ast::Expr) -> bool {
        let func = super::expr::strip_parens(func);
        match &func.kind {
            ExprKind::FuncLit { .. } => true,
            ExprKind::Ident(_) => self
                .c
                .prog
                .info
                .uses
                .get(&(func.span.file, func.id))
                .is_some_and(|o| {
                    self.c.func_index.contains_key(o)
                        && !self
                            .c
                            .prog
                            .info
                            .instances
                            .contains_key(&(func.span.file, func.id))
                }),
            _ => false,
        }
    }

    /// `defer close(ch)`, `defer println(x)`, `go println(x)`: the arguments are captured
    /// and the thunk runs the builtin's instructions on them.
    fn builtin_thunk(
        &mut self,
        builtin: Builtin,
        args: &[ast::Expr],
        is_go: bool,
        span: crate::span::Span,
    ) {
        let caps = self.b.alloc_n(args.len() as u32 + 1);
        self.emit(Op::LoadInt { dst: caps, imm: 0 });
        let mut body = Vec::new();
        let newline = builtin == Builtin::Println;
        for (i, arg) in args.iter().enumerate() {
            let r = Reg(caps.0 + 1 + i as u8);
            self.expr_into(arg, r);
            let at = Reg(1 + i as u8);
            match builtin {
                Builtin::Close => body.push(Op::Close { ch: at }),
                Builtin::Print | Builtin::Println => {
                    if newline && i > 0 {
                        body.push(Op::CallNative {
                            native: self.c.native("runtime.printsp", 0, 0),
                            base: Reg(0),
                        });
                    }
                    let name = super::builtin::print_native_name(&self.c.tys, self.ty(arg));
                    body.push(Op::CallNative {
                        native: self.c.native(name, 1, 0),
                        base: at,
                    });
                }
                Builtin::Panic => body.push(Op::Panic { src: at }),
                _ => {
                    self.unsupported("go or defer of this builtin", span);
                    return;
                }
            }
        }
        if newline {
            body.push(Op::CallNative {
                native: self.c.native("runtime.printnl", 0, 0),
                base: Reg(0),
            });
        }
        self.spawn_thunk(caps, args.len() + 1, args.len() + 1, body, is_go, span);
    }

    /// Closes over `R[caps..caps+n]` with a thunk running `body` and starts or defers it.
    fn spawn_thunk(
        &mut self,
        caps: Reg,
        n: usize,
        n_regs: usize,
        body: Vec<Op>,
        is_go: bool,
        span: crate::span::Span,
    ) {
        let thunk = self.thunk(n, n_regs, body, is_go, span);
        let closure = self.b.alloc();
        self.emit(Op::MakeClosure {
            dst: closure,
            func: thunk,
            captures: caps,
            n: n as u8,
        });
        self.emit(if is_go {
            Op::Go { closure }
        } else {
            Op::Defer { closure }
        });
    }

    /// Compiles a thunk that loads its `n` captures into `R[0..n]` and runs `body`.
    fn thunk(
        &mut self,
        n: usize,
        n_regs: usize,
        body: Vec<Op>,
        is_go: bool,
        span: crate::span::Span,
    ) -> FuncIdx {
        let idx = self.c.reserve_function(span);
        let mut b = Builder::default();
        // One spare register: a call window of zero words still names its base.
        b.alloc_n(n_regs.max(n) as u32 + 1);
        for i in 0..n {
            b.emit(
                Op::LoadCapture {
                    dst: Reg(i as u8),
                    idx: i as u8,
                },
                self.line,
            );
        }
        for op in body {
            b.emit(op, self.line);
        }
        b.emit(Op::Return { src: Reg(0), n: 0 }, self.line);
        let suffix = if is_go { "gowrap" } else { "deferwrap" };
        let name = format!("{}.{suffix}{}", self.name, u32::from(idx.0));
        let f: Function = b.finish(name, 0, 0);
        self.c.set_function(idx, f);
        idx
    }
}
