//! Channel instructions through an installed `Channels` implementation: a minimal buffered
//! channel kept as a host object on the heap, so the collector traces what it buffers.

use std::any::Any;
use std::collections::VecDeque;
use std::sync::Arc;

use minigo_vm::chan::{ChanOutcome, Channels, SelectCase};
use minigo_vm::heap::Heap;
use minigo_vm::heap::object::{HostObject, host};
use minigo_vm::op::{FuncIdx, Off, Op, Reg, TypeIdx};
use minigo_vm::program::{TypeDesc, TypeKind};
use minigo_vm::{Exit, PanicKind, WaitReason};
use parking_lot::Mutex;

use crate::asm::{config, func, pointer_struct, program};

/// A buffered channel; closing is a flag.
struct Buffered {
    cap: usize,
    items: Mutex<(VecDeque<u64>, bool)>,
    elem_is_pointer: bool,
}

impl HostObject for Buffered {
    fn trace(&self, visit: &mut dyn FnMut(u64)) {
        if self.elem_is_pointer {
            self.items.lock().0.iter().for_each(|&w| visit(w));
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn chan(ch: u64) -> Option<&'static Buffered> {
    // SAFETY: the tests only pass channel words made by `Toy::make` on a live VM.
    unsafe { host(ch) }.and_then(|h| h.as_any().downcast_ref::<Buffered>())
}

struct Toy;

impl Channels for Toy {
    fn make(&self, heap: &Heap, elem_is_pointer: bool, cap: i64) -> Result<u64, PanicKind> {
        let cap = usize::try_from(cap)
            .map_err(|_| PanicKind::Runtime("makechan: size out of range".into()))?;
        let items = Mutex::new((VecDeque::new(), false));
        Ok(heap.alloc_host(Box::new(Buffered {
            cap,
            items,
            elem_is_pointer,
        })))
    }

    fn send(&self, _g: u64, ch: u64, value: u64) -> ChanOutcome<()> {
        let Some(c) = chan(ch) else {
            return ChanOutcome::Park(WaitReason::ChanSend);
        };
        let mut items = c.items.lock();
        if items.1 {
            return ChanOutcome::Panic(PanicKind::Runtime("send on closed channel".into()));
        }
        if items.0.len() == c.cap {
            return ChanOutcome::Park(WaitReason::ChanSend);
        }
        items.0.push_back(value);
        ChanOutcome::Ready(())
    }

    fn recv(&self, _g: u64, ch: u64) -> ChanOutcome<(u64, bool)> {
        let Some(c) = chan(ch) else {
            return ChanOutcome::Park(WaitReason::ChanReceive);
        };
        let mut items = c.items.lock();
        match items.0.pop_front() {
            Some(v) => ChanOutcome::Ready((v, true)),
            None if items.1 => ChanOutcome::Ready((0, false)),
            None => ChanOutcome::Park(WaitReason::ChanReceive),
        }
    }

    fn close(&self, ch: u64) -> Result<(), PanicKind> {
        let c = chan(ch).ok_or_else(|| PanicKind::Runtime("close of nil channel".into()))?;
        c.items.lock().1 = true;
        Ok(())
    }

    fn select(
        &self,
        g: u64,
        cases: &mut [SelectCase],
        has_default: bool,
    ) -> ChanOutcome<Option<usize>> {
        for (i, case) in cases.iter_mut().enumerate() {
            if !case.send
                && let ChanOutcome::Ready((v, ok)) = self.recv(g, case.chan)
            {
                case.value = v;
                case.ok = ok;
                return ChanOutcome::Ready(Some(i));
            }
        }
        if has_default {
            ChanOutcome::Ready(None)
        } else {
            ChanOutcome::Park(WaitReason::Select)
        }
    }
}

const CHAN: TypeIdx = TypeIdx(4);
const BOX: TypeIdx = TypeIdx(5);

fn channel_program(code: Vec<Op>, n_results: u8) -> minigo_vm::Program {
    let mut p = program(vec![func("main.main", 0, n_results, 12, code)]);
    let mut ch = TypeDesc::scalar("chan *main.box", TypeKind::Chan { elem: BOX });
    ch.is_pointer = true;
    p.types.push(ch);
    p.types.push(pointer_struct("*main.box", 1));
    p
}

fn run_with_toy(p: minigo_vm::Program) -> crate::asm::Outcome {
    let vm = match minigo_vm::Vm::new(p, config()) {
        Ok(vm) => vm,
        Err(e) => panic!("{e}"),
    };
    assert!(vm.set_channels(Arc::new(Toy)));
    crate::asm::run_goroutine(&vm, FuncIdx(0), &[])
}

#[test]
fn buffered_sends_and_receives_go_through_the_installed_channels() {
    let r = Reg;
    let code = vec![
        Op::LoadInt { dst: r(0), imm: 2 },
        Op::MakeChan {
            dst: r(1),
            ty: CHAN,
            size: r(0),
        },
        Op::LoadInt { dst: r(2), imm: 40 },
        Op::Send {
            ch: r(1),
            src: r(2),
        },
        Op::LoadInt { dst: r(2), imm: 2 },
        Op::Send {
            ch: r(1),
            src: r(2),
        },
        Op::Close { ch: r(1) },
        Op::Recv {
            dst: r(3),
            ch: r(1),
        },
        Op::Recv {
            dst: r(4),
            ch: r(1),
        },
        Op::RecvOk {
            dst: r(5),
            ch: r(1),
        },
        Op::AddInt {
            dst: r(0),
            a: r(3),
            b: r(4),
        },
        Op::Move {
            dst: r(1),
            src: r(6),
        },
        Op::Return { src: r(0), n: 2 },
    ];
    let out = run_with_toy(channel_program(code, 2));
    assert!(out.is_done(), "{}", out.panic_text());
    assert_eq!(
        out.results,
        [42, 0],
        "the third receive sees the channel closed"
    );
}

#[test]
fn a_full_channel_parks_on_the_send_and_select_takes_its_default() {
    let r = Reg;
    // select { case v := <-empty: ...; default: } then a send on a full channel.
    let code = vec![
        Op::LoadInt { dst: r(0), imm: 0 },
        Op::MakeChan {
            dst: r(1),
            ty: CHAN,
            size: r(0),
        },
        Op::Move {
            dst: r(4),
            src: r(1),
        },
        Op::LoadInt { dst: r(5), imm: 0 },
        Op::Select {
            dst: r(2),
            cases: r(4),
            n: 1,
            has_default: true,
        },
        Op::StoreGlobal {
            g: minigo_vm::op::GlobalIdx(0),
            src: r(2),
        },
        Op::Send {
            ch: r(1),
            src: r(0),
        },
        Op::Return { src: r(0), n: 0 },
    ];
    let mut p = channel_program(code, 0);
    p.n_globals = 1;
    let out = run_with_toy(p);
    assert!(
        matches!(out.exit, Exit::Park(WaitReason::ChanSend)),
        "{:?}",
        out.exit
    );
    assert_eq!(out.vm.global(0), Some(u64::MAX), "the default case ran");
}

#[test]
fn values_buffered_in_a_channel_survive_collection() {
    let r = Reg;
    // ch := make(chan *box, 1); ch <- &box{7}; runtime.GC(); return (<-ch).v
    let code = vec![
        Op::LoadInt { dst: r(0), imm: 1 },
        Op::MakeChan {
            dst: r(1),
            ty: CHAN,
            size: r(0),
        },
        Op::NewObject { dst: r(2), ty: BOX },
        Op::LoadInt { dst: r(3), imm: 7 },
        Op::StoreField {
            obj: r(2),
            field: 0,
            src: r(3),
        },
        Op::Send {
            ch: r(1),
            src: r(2),
        },
        Op::LoadInt { dst: r(2), imm: 0 },
        Op::LoadInt { dst: r(3), imm: 0 },
        // Spin long enough to yield, so the test's driver can collect in between.
        Op::LoadInt {
            dst: r(4),
            imm: 100_000,
        },
        Op::ForLoopInt {
            a: r(3),
            b: r(4),
            off: Off(-1),
        },
        Op::Recv {
            dst: r(2),
            ch: r(1),
        },
        Op::LoadField {
            dst: r(0),
            obj: r(2),
            field: 0,
        },
        Op::Return { src: r(0), n: 1 },
    ];
    let vm = match minigo_vm::Vm::new(channel_program(code, 1), config()) {
        Ok(vm) => vm,
        Err(e) => panic!("{e}"),
    };
    assert!(vm.set_channels(Arc::new(Toy)));
    let Ok(mut g) = minigo_vm::Goroutine::new(&vm, FuncIdx(0), &[]) else {
        panic!("cannot start");
    };
    let result = loop {
        match minigo_vm::run(&mut g, 1000) {
            // SAFETY: the only goroutine is stopped.
            Exit::Yield => unsafe { vm.collect(&[&g]) },
            Exit::Done => break g.results.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(result, [7]);
    assert!(vm.heap.stats().num_gc > 50);
}

#[test]
fn a_parked_goroutine_reports_where_it_waits() {
    let r = Reg;
    let mut main = func(
        "main.main",
        0,
        0,
        2,
        vec![
            Op::LoadInt { dst: r(0), imm: 0 },
            Op::MakeChan {
                dst: r(1),
                ty: CHAN,
                size: r(0),
            },
            Op::Recv {
                dst: r(0),
                ch: r(1),
            },
            Op::Return { src: r(0), n: 0 },
        ],
    );
    main.lines = vec![(0, 3), (2, 9)];
    let mut p = program(vec![main]);
    let mut ch = TypeDesc::scalar(
        "chan int",
        TypeKind::Chan {
            elem: crate::asm::INT,
        },
    );
    ch.is_pointer = true;
    p.types.push(ch);
    let vm = match minigo_vm::Vm::new(p, config()) {
        Ok(vm) => vm,
        Err(e) => panic!("{e}"),
    };
    assert!(vm.set_channels(Arc::new(Toy)));
    let Ok(mut g) = minigo_vm::Goroutine::new(&vm, FuncIdx(0), &[]) else {
        panic!("cannot start");
    };
    let exit = minigo_vm::run(&mut g, 100);
    let Exit::Park(reason) = exit else {
        panic!("expected to park, got {exit:?}");
    };
    assert_eq!(reason.as_str(), "chan receive");
    let trace = g.stack_trace();
    assert_eq!(trace.len(), 1);
    assert_eq!(
        (trace[0].function.as_str(), trace[0].line),
        ("main.main", 9)
    );
}
