//! Tests of program merging.

use super::*;
use crate::op::{Op, Reg};
use crate::program::{TypeDesc, TypeKind};

fn func(name: &str, code: Vec<Op>) -> Function {
    Function {
        name: name.into(),
        code: code.into(),
        n_regs: 2,
        ..Function::default()
    }
}

fn ret() -> Op {
    Op::Return { src: Reg(0), n: 0 }
}

fn call(f: u16) -> Op {
    Op::Call {
        func: FuncIdx(f),
        base: Reg(1),
    }
}

#[test]
fn unchanged_functions_are_shared_and_changed_ones_appended_with_their_callers() {
    let old = Program {
        functions: vec![
            func("main.f", vec![ret()]),
            func("main.g", vec![call(0), ret()]),
        ],
        ..Program::default()
    };
    // `h` is new, `f` changed, so `g` (which calls `f`) must be a new copy too.
    let nop = Op::Move {
        dst: Reg(0),
        src: Reg(0),
    };
    let new = Program {
        functions: vec![
            func("main.h", vec![ret()]),
            func("main.f", vec![nop, ret()]),
            func("main.g", vec![call(1), ret()]),
        ],
        ..Program::default()
    };
    let Ok((merged, remap, _)) = merge(&old, &new, None) else {
        unreachable!("small programs merge")
    };
    assert_eq!(remap.funcs, vec![FuncIdx(2), FuncIdx(3), FuncIdx(4)]);
    assert_eq!(merged.functions.len(), 5);
    assert_eq!(merged.function(FuncIdx(4)).code[0], call(3));
    // The old `g` still calls the old `f`.
    assert_eq!(merged.function(FuncIdx(1)).code[0], call(0));
}

#[test]
fn an_identical_program_adds_nothing_but_its_entry() {
    let p = || Program {
        functions: vec![
            func("main.f", vec![ret()]),
            func("runtime.main", vec![call(0), ret()]),
        ],
        consts: vec![Const::Str("hi".into())],
        types: vec![TypeDesc::scalar("int", TypeKind::Int(64))],
        ..Program::default()
    };
    let Ok((merged, remap, fresh)) = merge(&p(), &p(), Some(FuncIdx(1))) else {
        unreachable!("small programs merge")
    };
    assert_eq!(remap.funcs, vec![FuncIdx(0), FuncIdx(2)]);
    assert_eq!((merged.consts.len(), merged.types.len()), (1, 1));
    assert!(!fresh);
}

#[test]
fn globals_match_by_name_and_type_and_the_entry_stores_old_ones_to_scratch() {
    let store = |g| Op::StoreGlobal {
        g: GlobalIdx(g),
        src: Reg(0),
    };
    let load = |g| Op::LoadGlobal {
        dst: Reg(0),
        g: GlobalIdx(g),
    };
    let old = Program {
        functions: vec![func("runtime.main", vec![store(0), ret()])],
        n_globals: 1,
        global_names: vec!["main.x int".into()],
        ..Program::default()
    };
    let new = Program {
        functions: vec![func(
            "runtime.main",
            vec![store(0), store(1), load(1), ret()],
        )],
        n_globals: 2,
        global_names: vec!["main.y int".into(), "main.x int".into()],
        ..Program::default()
    };
    let Ok((merged, remap, fresh)) = merge(&old, &new, Some(FuncIdx(0))) else {
        unreachable!("small programs merge")
    };
    assert!(fresh);
    assert_eq!(remap.globals, vec![GlobalIdx(1), GlobalIdx(0)]);
    assert_eq!(
        merged.global_names,
        vec!["main.x int", "main.y int", SCRATCH_GLOBAL]
    );
    let entry = merged.function(FuncIdx(1));
    assert_eq!(&entry.code[..3], &[store(1), store(2), load(0)]);
}
