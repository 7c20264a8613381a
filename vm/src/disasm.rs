//! The disassembler: a readable listing of a function or program (what `minigo disasm`
//! prints and bytecode snapshot tests compare), the per-instruction `trace` output, and the
//! register enumeration the verifier shares.
//!
//! This module owns the text format only. A listing line is
//! `  pc  line  Op { operands }  ; comment`, with registers as `r3`, constants as `k1` and a
//! comment that resolves what an index names (the constant, the callee, the jump target).

use std::fmt::Write;

use crate::op::{Op, Reg};
use crate::program::{Const, Function, Program};

/// Calls `visit` with every single-register operand of `op` (ranges such as call windows
/// are reported by their first register only).
pub fn for_each_register(op: &Op, mut visit: impl FnMut(Reg)) {
    let text = format!("{op:?}");
    for part in text.split("Reg(").skip(1) {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(r) = digits.parse::<u8>() {
            visit(Reg(r));
        }
    }
}

/// The operands of `op` in the listing's short form.
fn operands(op: &Op) -> String {
    format!("{op:?}")
        .replace("Reg(", "r")
        .replace("ConstIdx(", "k")
        .replace("FuncIdx(", "f")
        .replace("NativeIdx(", "n")
        .replace("TypeIdx(", "t")
        .replace("ItabIdx(", "i")
        .replace("GlobalIdx(", "g")
        .replace("Off(", "")
        .replace(')', "")
}

/// A comment that resolves what `op`'s indices name.
fn comment(program: &Program, pc: usize, op: &Op) -> Option<String> {
    let target = |off: i32| format!("-> {}", (pc as i64) + 1 + i64::from(off));
    match *op {
        Op::LoadConst { k, .. } => program.consts.get(usize::from(k.0)).map(|c| match c {
            Const::Int(i) => i.to_string(),
            Const::Float(x) => format!("{x:?}"),
            Const::Str(s) => format!("{s:?}"),
            Const::Bytes(b) => format!("{:?}", String::from_utf8_lossy(b)),
        }),
        Op::Call { func, .. } | Op::MakeClosure { func, .. } => program
            .functions
            .get(usize::from(func.0))
            .map(|f| f.name.clone()),
        Op::CallNative { native, .. } => program
            .natives
            .get(usize::from(native.0))
            .map(|n| n.name.clone()),
        Op::NewObject { ty, .. } | Op::MakeSlice { ty, .. } | Op::MakeMap { ty, .. } => {
            program.types.get(usize::from(ty.0)).map(|t| t.name.clone())
        }
        Op::Jump { off }
        | Op::JumpIfTrue { off, .. }
        | Op::JumpIfFalse { off, .. }
        | Op::JumpIfLtInt { off, .. }
        | Op::JumpIfLeInt { off, .. }
        | Op::ForLoopInt { off, .. }
        | Op::JumpIfEqWord { off, .. }
        | Op::JumpIfNeWord { off, .. } => Some(target(off.0)),
        _ => None,
    }
}

/// The listing of one function.
pub fn function(program: &Program, f: &Function) -> String {
    let mut out = format!(
        "func {} (params {}, results {}, registers {})\n",
        f.name, f.n_params, f.n_results, f.n_regs
    );
    for (pc, op) in f.code.iter().enumerate() {
        let line = f.line_at(pc);
        let _ = write!(out, "  {pc:>4}  {line:>4}  {}", operands(op));
        if let Some(c) = comment(program, pc, op) {
            let _ = write!(out, "  ; {c}");
        }
        out.push('\n');
    }
    if let Some(pc) = f.recover_pc {
        let _ = writeln!(out, "  recover at {pc}");
    }
    out
}

/// The listing of every function of a program.
pub fn program(program: &Program) -> String {
    program
        .functions
        .iter()
        .map(|f| function(program, f))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prints one instruction about to run, with the registers it names (the `trace` feature).
#[cfg(feature = "trace")]
pub(crate) fn trace(
    program: &Program,
    func: Option<crate::op::FuncIdx>,
    pc: usize,
    op: &Op,
    regs: *const u64,
) {
    let name = func.map_or("?", |f| program.function(f).name.as_str());
    let mut values = String::new();
    for_each_register(op, |r| {
        // SAFETY: the verifier proved every register operand is inside the running frame.
        let word = unsafe { *regs.add(usize::from(r.0)) };
        let _ = write!(values, " r{}={}", r.0, word as i64);
    });
    eprintln!("[trace] {name}:{pc:<4} {}  |{values}", operands(op));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::Off;

    #[test]
    fn registers_are_found_in_any_operand_position() {
        let mut regs = Vec::new();
        for_each_register(
            &Op::AddInt {
                dst: Reg(2),
                a: Reg(10),
                b: Reg(255),
            },
            |r| regs.push(r.0),
        );
        assert_eq!(regs, [2, 10, 255]);
    }

    #[test]
    fn listing_resolves_jumps_and_constants() {
        let f = Function {
            name: "main.f".into(),
            code: vec![
                Op::LoadConst {
                    dst: Reg(0),
                    k: crate::op::ConstIdx(0),
                },
                Op::Jump { off: Off(-2) },
            ]
            .into(),
            n_regs: 1,
            ..Function::default()
        };
        let program = Program {
            consts: vec![Const::Str("hi".into())],
            ..Program::default()
        };
        let text = function(&program, &f);
        assert!(
            text.contains("LoadConst { dst: r0, k: k0 }  ; \"hi\""),
            "{text}"
        );
        assert!(text.contains("Jump { off: -2 }  ; -> 0"), "{text}");
    }
}
