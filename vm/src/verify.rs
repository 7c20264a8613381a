//! The bytecode verifier: proves, once, before a program runs, the facts the interpreter then
//! relies on without checking (the way a WebAssembly engine validates a module).
//!
//! This module owns the structural checks: every register operand (and every register range
//! an instruction implies, such as a call window or `dst + 1` for `(value, ok)` results) is
//! below the function's register count; every constant, function, native, type, itab and
//! global index exists; every jump lands inside the function; every function ends in a
//! terminator; every function that defers has a `recover_pc`.
//!
//! It deliberately does not check types: the type checker did, and the compiler is trusted
//! to emit, for example, `LoadField` only on struct pointers. Word-level type confusion in
//! the bytecode could still break memory safety; closing that needs a typed verifier.

use thiserror::Error;

use crate::op::{Op, Reg};
use crate::program::{Function, Program, TypeKind};

/// Why a program was rejected.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// A problem at one instruction.
    #[error("{function} at pc {pc}: {problem}")]
    Instruction {
        function: String,
        pc: usize,
        problem: Problem,
    },
    /// A problem with a function as a whole.
    #[error("{function}: {problem}")]
    Function { function: String, problem: Problem },
    /// A problem in a table outside any function.
    #[error("program: {0}")]
    Program(Problem),
}

/// The individual problems the verifier reports.
#[derive(Debug, Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    #[error("register r{0} out of range")]
    Register(usize),
    #[error("{0} index {1} out of range")]
    Index(&'static str, usize),
    #[error("jump target {0} outside the code")]
    Jump(isize),
    #[error("function does not end in a return, jump or panic")]
    NoTerminator,
    #[error("function has more than 256 registers")]
    TooManyRegisters,
    #[error("return of {0} values from a function with {1} results")]
    ResultCount(u8, u8),
    #[error("function defers but has no recover_pc")]
    NoRecoverPc,
    #[error("type {0} is not the kind this instruction needs")]
    TypeKind(u16),
}

/// Checks a whole program.
///
/// # Errors
/// The first problem found.
pub fn check_program(program: &Program) -> Result<(), VerifyError> {
    for f in &program.functions {
        check_function(program, f)?;
    }
    for itab in &program.itabs {
        index("type", itab.iface.0, program.types.len()).map_err(VerifyError::Program)?;
        index("type", itab.ty.0, program.types.len()).map_err(VerifyError::Program)?;
        for m in &itab.methods {
            index("function", m.0, program.functions.len()).map_err(VerifyError::Program)?;
        }
    }
    let known = program.well_known;
    for ty in [known.runtime_error, known.string].into_iter().flatten() {
        index("type", ty.0, program.types.len()).map_err(VerifyError::Program)?;
    }
    Ok(())
}

fn index(what: &'static str, i: u16, len: usize) -> Result<(), Problem> {
    if usize::from(i) < len {
        Ok(())
    } else {
        Err(Problem::Index(what, usize::from(i)))
    }
}

/// Checks one function.
///
/// # Errors
/// The first problem found.
pub fn check_function(program: &Program, f: &Function) -> Result<(), VerifyError> {
    let whole = |problem| VerifyError::Function {
        function: f.name.clone(),
        problem,
    };
    if f.n_regs > 256 {
        return Err(whole(Problem::TooManyRegisters));
    }
    if !f.code.last().is_some_and(Op::is_terminator) {
        return Err(whole(Problem::NoTerminator));
    }
    if u16::from(f.n_params.max(f.n_results)) > f.n_regs {
        return Err(whole(Problem::Register(usize::from(
            f.n_params.max(f.n_results),
        ))));
    }
    let defers = f.code.iter().any(|op| matches!(op, Op::Defer { .. }));
    let recover_ok = f.recover_pc.is_some_and(|pc| (pc as usize) < f.code.len());
    if defers && !recover_ok {
        return Err(whole(Problem::NoRecoverPc));
    }
    for (pc, op) in f.code.iter().enumerate() {
        check_op(program, f, pc, op).map_err(|problem| VerifyError::Instruction {
            function: f.name.clone(),
            pc,
            problem,
        })?;
    }
    Ok(())
}

/// The register ranges `(first, count)` an instruction reads or writes.
fn register_ranges(program: &Program, op: &Op) -> Vec<(Reg, usize)> {
    let one = |r: Reg| (r, 1);
    match *op {
        Op::Move { dst, src } => vec![one(dst), one(src)],
        Op::LoadInt { dst, .. } | Op::LoadConst { dst, .. } | Op::LoadGlobal { dst, .. } => {
            vec![one(dst)]
        }
        Op::StoreGlobal { src, .. } => vec![one(src)],
        Op::AddIntImm { dst, a, .. } | Op::NegInt { dst, a } | Op::BitNot { dst, a } => {
            vec![one(dst), one(a)]
        }
        Op::WrapInt { dst, a, .. } | Op::NegFloat { dst, a } | Op::RoundFloat32 { dst, a } => {
            vec![one(dst), one(a)]
        }
        Op::IntToFloat { dst, a }
        | Op::UintToFloat { dst, a }
        | Op::FloatToInt { dst, a }
        | Op::FloatToUint { dst, a }
        | Op::Not { dst, a } => vec![one(dst), one(a)],
        Op::Jump { .. } | Op::RunDefers => vec![],
        Op::JumpIfTrue { a, .. } | Op::JumpIfFalse { a, .. } => vec![one(a)],
        Op::JumpIfLtInt { a, b, .. }
        | Op::JumpIfLeInt { a, b, .. }
        | Op::ForLoopInt { a, b, .. }
        | Op::JumpIfEqWord { a, b, .. }
        | Op::JumpIfNeWord { a, b, .. } => vec![one(a), one(b)],
        Op::Call { func, base } => {
            let f = program.functions.get(usize::from(func.0));
            vec![(
                base,
                f.map_or(1, |f| usize::from(f.n_params.max(f.n_results))),
            )]
        }
        Op::CallClosure { callee, base } => vec![one(callee), one(base)],
        Op::CallIface { base, .. } => vec![one(base)],
        Op::CallNative { native, base } => {
            let n = program.natives.get(usize::from(native.0));
            vec![(base, n.map_or(1, |n| n.window()))]
        }
        Op::Return { src, n } => vec![(src, usize::from(n))],
        Op::MakeClosure {
            dst, captures, n, ..
        } => vec![one(dst), (captures, usize::from(n))],
        _ => generic_ranges(op),
    }
}

/// Register ranges of the instructions with the common `dst`/`a`/`b` shapes.
fn generic_ranges(op: &Op) -> Vec<(Reg, usize)> {
    let one = |r: Reg| (r, 1);
    match *op {
        Op::MapGetOk { dst, m, key } => vec![(dst, 2), one(m), one(key)],
        Op::AssertTypeOk { dst, src, .. } | Op::AssertIfaceOk { dst, src, .. } => {
            vec![(dst, 2), one(src)]
        }
        Op::RecvOk { dst, ch } => vec![(dst, 2), one(ch)],
        Op::DecodeRune { dst, s, idx } => vec![(dst, 2), one(s), one(idx)],
        Op::MakeSlice { dst, len, .. } => vec![one(dst), (len, 2)],
        Op::SliceSlice {
            dst,
            src,
            bounds,
            has_max,
        } => vec![one(dst), one(src), (bounds, if has_max { 3 } else { 2 })],
        Op::SliceArray {
            dst, src, bounds, ..
        }
        | Op::SliceString { dst, src, bounds } => vec![one(dst), one(src), (bounds, 2)],
        Op::Select { dst, cases, n, .. } => vec![one(dst), (cases, 4 * usize::from(n))],
        _ => {
            let mut regs = Vec::new();
            crate::disasm::for_each_register(op, |r| regs.push(one(r)));
            regs
        }
    }
}

/// Checks one instruction.
fn check_op(program: &Program, f: &Function, pc: usize, op: &Op) -> Result<(), Problem> {
    for (first, count) in register_ranges(program, op) {
        let end = usize::from(first.0) + count;
        if end > usize::from(f.n_regs) {
            return Err(Problem::Register(end.saturating_sub(1)));
        }
    }
    if let Some(off) = jump_offset(op) {
        let target = (pc as isize + 1).saturating_add(off as isize);
        if target < 0 || target as usize >= f.code.len() {
            return Err(Problem::Jump(target));
        }
    }
    if let Op::Return { n, .. } = *op
        && n != f.n_results
    {
        return Err(Problem::ResultCount(n, f.n_results));
    }
    check_indices(program, op)
}

fn jump_offset(op: &Op) -> Option<i32> {
    match *op {
        Op::Jump { off }
        | Op::JumpIfTrue { off, .. }
        | Op::JumpIfFalse { off, .. }
        | Op::JumpIfLtInt { off, .. }
        | Op::JumpIfLeInt { off, .. }
        | Op::ForLoopInt { off, .. }
        | Op::JumpIfEqWord { off, .. }
        | Op::JumpIfNeWord { off, .. } => Some(off.0),
        _ => None,
    }
}

/// Checks the table indices an instruction names.
fn check_indices(program: &Program, op: &Op) -> Result<(), Problem> {
    let types = program.types.len();
    match *op {
        Op::LoadConst { k, .. } => index("constant", k.0, program.consts.len()),
        Op::LoadGlobal { g, .. } | Op::StoreGlobal { g, .. } | Op::AddrGlobal { g, .. } => {
            index("global", g.0, usize::from(program.n_globals))
        }
        Op::Call { func, .. } | Op::MakeClosure { func, .. } => {
            index("function", func.0, program.functions.len())
        }
        Op::CallNative { native, .. } => index("native", native.0, program.natives.len()),
        Op::NewObject { ty, .. } => match program.types.get(usize::from(ty.0)).map(|t| &t.kind) {
            Some(TypeKind::Struct { .. } | TypeKind::Array { .. }) => Ok(()),
            _ => Err(Problem::TypeKind(ty.0)),
        },
        Op::MakeMap { ty, .. } => match program.types.get(usize::from(ty.0)).map(|t| &t.kind) {
            Some(TypeKind::Map { key, value }) => {
                index("type", key.0, types).and(index("type", value.0, types))
            }
            _ => Err(Problem::TypeKind(ty.0)),
        },
        Op::BoxIface { ty, itab, .. } => {
            index("type", ty.0, types)?;
            match itab.0 {
                crate::heap::object::NO_ITAB => Ok(()),
                i => index("itab", i, program.itabs.len()),
            }
        }
        Op::AssertType { ty, iface, .. } => {
            index("type", ty.0, types).and(index("type", iface.0, types))
        }
        Op::MakeSlice { ty, .. }
        | Op::SliceArray { ty, .. }
        | Op::Append { ty, .. }
        | Op::AppendSlice { ty, .. }
        | Op::ConvertIface { iface: ty, .. }
        | Op::AssertTypeOk { ty, .. }
        | Op::AssertIface { iface: ty, .. }
        | Op::AssertIfaceOk { iface: ty, .. }
        | Op::MakeChan { ty, .. }
        | Op::MapKeys { ty, .. }
        | Op::StringToBytes { ty, .. }
        | Op::StringToRunes { ty, .. } => index("type", ty.0, types),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::{FuncIdx, Off};

    fn program_of(code: Vec<Op>, n_regs: u16, n_results: u8) -> Program {
        Program {
            functions: vec![Function {
                name: "main.f".into(),
                code: code.into(),
                n_regs,
                n_results,
                ..Function::default()
            }],
            ..Program::default()
        }
    }

    fn problem(p: &Program) -> Option<Problem> {
        match check_program(p) {
            Ok(()) => None,
            Err(
                VerifyError::Instruction { problem, .. } | VerifyError::Function { problem, .. },
            ) => Some(problem),
            Err(VerifyError::Program(problem)) => Some(problem),
        }
    }

    #[test]
    fn a_well_formed_function_passes() {
        let p = program_of(
            vec![
                Op::LoadInt {
                    dst: Reg(0),
                    imm: 1,
                },
                Op::Return { src: Reg(0), n: 1 },
            ],
            1,
            1,
        );
        assert_eq!(problem(&p), None);
    }

    #[test]
    fn registers_beyond_the_frame_are_rejected() {
        let p = program_of(
            vec![
                Op::Move {
                    dst: Reg(0),
                    src: Reg(3),
                },
                Op::Return { src: Reg(0), n: 0 },
            ],
            2,
            0,
        );
        assert_eq!(problem(&p), Some(Problem::Register(3)));
        let call_window = Program {
            functions: vec![
                Function {
                    name: "main.g".into(),
                    code: vec![Op::Return { src: Reg(0), n: 2 }].into(),
                    n_regs: 2,
                    n_params: 2,
                    n_results: 2,
                    ..Function::default()
                },
                Function {
                    name: "main.f".into(),
                    code: vec![
                        Op::Call {
                            func: FuncIdx(0),
                            base: Reg(2),
                        },
                        Op::Return { src: Reg(0), n: 0 },
                    ]
                    .into(),
                    n_regs: 3,
                    ..Function::default()
                },
            ],
            ..Program::default()
        };
        assert_eq!(problem(&call_window), Some(Problem::Register(3)));
    }

    #[test]
    fn jumps_outside_the_code_and_missing_terminators_are_rejected() {
        let p = program_of(
            vec![Op::Jump { off: Off(5) }, Op::Return { src: Reg(0), n: 0 }],
            1,
            0,
        );
        assert_eq!(problem(&p), Some(Problem::Jump(6)));
        let p = program_of(
            vec![Op::LoadInt {
                dst: Reg(0),
                imm: 1,
            }],
            1,
            0,
        );
        assert_eq!(problem(&p), Some(Problem::NoTerminator));
    }

    #[test]
    fn result_counts_indices_and_recover_points_are_checked() {
        let p = program_of(vec![Op::Return { src: Reg(0), n: 1 }], 1, 0);
        assert_eq!(problem(&p), Some(Problem::ResultCount(1, 0)));
        let p = program_of(
            vec![
                Op::LoadConst {
                    dst: Reg(0),
                    k: crate::op::ConstIdx(0),
                },
                Op::Return { src: Reg(0), n: 0 },
            ],
            1,
            0,
        );
        assert_eq!(problem(&p), Some(Problem::Index("constant", 0)));
        let p = program_of(
            vec![
                Op::Defer { closure: Reg(0) },
                Op::Return { src: Reg(0), n: 0 },
            ],
            1,
            0,
        );
        assert_eq!(problem(&p), Some(Problem::NoRecoverPc));
    }
}
