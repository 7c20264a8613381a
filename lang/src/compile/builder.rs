//! The bytecode of one function under construction: its instructions, a stack-like
//! register allocator, forward jumps to patch, and the pc → line table.
//!
//! This module owns encoding details (jump offsets relative to the next instruction, the
//! 256-register limit) so the code generator never computes an offset itself. It knows
//! nothing of Go.
//!
//! Invariants: registers below `fixed` belong to variables for the whole function;
//! temporaries above it are released in LIFO order (`mark`/`release`); `max` is the high
//! water mark, so `n_regs` covers every register and every call window emitted.

use minigo_vm::Function;
use minigo_vm::op::{Off, Op, Reg};

/// The register limit of a frame.
pub const MAX_REGS: u32 = 256;

/// A function being built.
#[derive(Default)]
pub struct Builder {
    pub code: Vec<Op>,
    lines: Vec<(u32, u32)>,
    next: u32,
    max: u32,
    /// Set when a register past [`MAX_REGS`] was requested; the function is then rejected.
    pub overflow: bool,
    /// Set when a jump offset did not fit.
    pub far_jump: bool,
}

/// A jump instruction whose target is not known yet.
#[derive(Clone, Copy, Debug)]
pub struct Patch(usize);

impl Builder {
    /// Allocates `n` consecutive registers above everything live.
    pub fn alloc_n(&mut self, n: u32) -> Reg {
        let first = self.next;
        self.next += n.max(1);
        self.max = self.max.max(self.next);
        if self.next > MAX_REGS {
            self.overflow = true;
            return Reg(0);
        }
        Reg(first as u8)
    }

    pub fn alloc(&mut self) -> Reg {
        self.alloc_n(1)
    }

    /// The allocation state, to [`Builder::release`] temporaries later.
    pub fn mark(&self) -> u32 {
        self.next
    }

    pub fn release(&mut self, mark: u32) {
        self.next = mark;
    }

    /// The pc of the next instruction.
    pub fn here(&self) -> usize {
        self.code.len()
    }

    /// Appends `op`, attributing it to source line `line` (0 when unknown).
    pub fn emit(&mut self, op: Op, line: u32) -> usize {
        let pc = self.code.len();
        if line != 0 && self.lines.last().is_none_or(|&(_, l)| l != line) {
            self.lines.push((pc as u32, line));
        }
        self.code.push(op);
        pc
    }

    /// Emits a jump-family instruction whose offset is patched later.
    pub fn emit_jump(&mut self, op: Op, line: u32) -> Patch {
        Patch(self.emit(op, line))
    }

    /// Points the jump at `patch` to `target`.
    pub fn patch_to(&mut self, patch: Patch, target: usize) {
        let off = target as i64 - patch.0 as i64 - 1;
        let Ok(off) = i32::try_from(off) else {
            self.far_jump = true;
            return;
        };
        let op = &mut self.code[patch.0];
        *op = with_offset(*op, Off(off));
    }

    /// Points the jump at `patch` to the next instruction emitted.
    pub fn patch_here(&mut self, patch: Patch) {
        self.patch_to(patch, self.here());
    }

    /// Emits a jump-family instruction back to `target`.
    pub fn emit_back(&mut self, op: Op, target: usize, line: u32) {
        let patch = self.emit_jump(op, line);
        self.patch_to(patch, target);
    }

    /// The finished function.
    pub fn finish(self, name: String, n_params: u8, n_results: u8) -> Function {
        let mut f = Function {
            name,
            code: self.code.into(),
            n_regs: self.max.clamp(1, MAX_REGS) as u16,
            n_params,
            n_results,
            lines: self.lines,
            ..Function::default()
        };
        // Every register is reported as a possible pointer: the collector validates each
        // word it finds in a register, and precise register maps are not computed yet.
        f.mark_pointer_regs((0..f.n_regs).map(|r| r as u8));
        f
    }
}

/// `op` with its jump offset replaced.
fn with_offset(op: Op, off: Off) -> Op {
    match op {
        Op::Jump { .. } => Op::Jump { off },
        Op::JumpIfTrue { a, .. } => Op::JumpIfTrue { a, off },
        Op::JumpIfFalse { a, .. } => Op::JumpIfFalse { a, off },
        Op::JumpIfLtInt { a, b, .. } => Op::JumpIfLtInt { a, b, off },
        Op::JumpIfLeInt { a, b, .. } => Op::JumpIfLeInt { a, b, off },
        Op::ForLoopInt { a, b, .. } => Op::ForLoopInt { a, b, off },
        Op::JumpIfEqWord { a, b, .. } => Op::JumpIfEqWord { a, b, off },
        Op::JumpIfNeWord { a, b, .. } => Op::JumpIfNeWord { a, b, off },
        other => unreachable!("patching a non-jump instruction {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forward_jumps_are_relative_to_the_next_instruction() {
        let mut b = Builder::default();
        let j = b.emit_jump(Op::Jump { off: Off(0) }, 1);
        b.emit(
            Op::LoadInt {
                dst: Reg(0),
                imm: 1,
            },
            1,
        );
        b.patch_here(j);
        assert_eq!(b.code[0], Op::Jump { off: Off(1) });
    }

    #[test]
    fn temporaries_are_released_in_stack_order_and_overflow_is_flagged() {
        let mut b = Builder::default();
        let m = b.mark();
        assert_eq!(b.alloc(), Reg(0));
        assert_eq!(b.alloc_n(2), Reg(1));
        b.release(m);
        assert_eq!(b.alloc(), Reg(0));
        b.alloc_n(300);
        assert!(b.overflow);
    }
}
