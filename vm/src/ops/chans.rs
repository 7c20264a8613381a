//! Channel instructions: `make(chan)`, send, receive, close and `select`, carried out
//! through the installed `chan::Channels` implementation.
//!
//! This module owns the translation between registers and the `Channels` calls (including
//! the four-register layout of a `select` case). Parking and re-running the instruction is
//! `exec`'s job; channel semantics are the implementation's.

use crate::chan::{ChanOutcome, Channels, SelectCase};
use crate::exec::{WaitReason, Window};
use crate::op::{Op, Reg};
use crate::panic::PanicKind;

/// How a channel instruction went.
pub(crate) enum ChanStep {
    /// It completed.
    Done,
    /// The goroutine must park.
    Park(WaitReason),
    /// It panics.
    Panic(PanicKind),
}

impl<T> From<ChanOutcome<T>> for Result<T, ChanStep> {
    fn from(outcome: ChanOutcome<T>) -> Result<T, ChanStep> {
        match outcome {
            ChanOutcome::Ready(v) => Ok(v),
            ChanOutcome::Park(reason) => Err(ChanStep::Park(reason)),
            ChanOutcome::Panic(kind) => Err(ChanStep::Panic(kind)),
        }
    }
}

/// Carries out a channel instruction through the installed implementation.
#[cold]
pub(crate) fn run(
    g: u64,
    chans: &dyn Channels,
    prog: &crate::program::Program,
    heap: &crate::heap::Heap,
    regs: Window,
    op: Op,
) -> ChanStep {
    let res: Result<(), ChanStep> = (|| {
        match op {
            Op::MakeChan { dst, ty, size } => {
                let elem_is_pointer = match prog.ty(ty).kind {
                    crate::program::TypeKind::Chan { elem } => prog.ty(elem).is_pointer,
                    _ => true,
                };
                let ch = chans.make(heap, elem_is_pointer, regs.get(size) as i64);
                regs.set(dst, ch.map_err(ChanStep::Panic)?);
            }
            Op::Send { ch, src } => Result::from(chans.send(g, regs.get(ch), regs.get(src)))?,
            Op::Recv { dst, ch } => regs.set(dst, Result::from(chans.recv(g, regs.get(ch)))?.0),
            Op::RecvOk { dst, ch } => {
                let (v, ok) = Result::from(chans.recv(g, regs.get(ch)))?;
                regs.set(dst, v);
                regs.set(Reg(dst.0 + 1), u64::from(ok));
            }
            Op::Close { ch } => chans.close(regs.get(ch)).map_err(ChanStep::Panic)?,
            Op::Select {
                dst,
                cases,
                n,
                has_default,
            } => select(g, chans, regs, dst, cases, n, has_default)?,
            _ => unreachable!("only channel instructions come here"),
        }
        Ok(())
    })();
    res.err().unwrap_or(ChanStep::Done)
}

/// `len(ch)`: the buffered values of `ch` (0 for nil, and when no implementation is
/// installed, since then no channel exists).
pub(crate) fn len(chans: Option<&std::sync::Arc<dyn Channels>>, ch: u64) -> u64 {
    chans.map_or(0, |c| c.len(ch).max(0) as u64)
}

/// `cap(ch)`: the buffer size of `ch` (0 for nil).
pub(crate) fn cap(chans: Option<&std::sync::Arc<dyn Channels>>, ch: u64) -> u64 {
    chans.map_or(0, |c| c.cap(ch).max(0) as u64)
}

/// `select`: reads the cases from their registers and writes back the chosen one.
fn select(
    g: u64,
    chans: &dyn Channels,
    regs: Window,
    dst: Reg,
    first: Reg,
    n: u8,
    has_default: bool,
) -> Result<(), ChanStep> {
    let at = |i: u8, k: u8| Reg(first.0 + 4 * i + k);
    let mut cases: Vec<SelectCase> = (0..n)
        .map(|i| SelectCase {
            chan: regs.get(at(i, 0)),
            send: regs.get(at(i, 1)) != 0,
            value: regs.get(at(i, 2)),
            ok: false,
        })
        .collect();
    let chosen = Result::from(chans.select(g, &mut cases, has_default))?;
    match chosen.and_then(|i| Some((i, cases.get(i)?))) {
        Some((i, case)) => {
            regs.set(at(i as u8, 2), case.value);
            regs.set(at(i as u8, 3), u64::from(case.ok));
            regs.set(dst, i as u64);
        }
        None => regs.set(dst, u64::MAX),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A channel implementation that only answers `len` and `cap`.
    struct Fixed;

    impl Channels for Fixed {
        fn make(&self, _: &crate::heap::Heap, _: bool, _: i64) -> Result<u64, PanicKind> {
            Ok(1)
        }
        fn send(&self, _: u64, _: u64, _: u64) -> ChanOutcome<()> {
            ChanOutcome::Ready(())
        }
        fn recv(&self, _: u64, _: u64) -> ChanOutcome<(u64, bool)> {
            ChanOutcome::Ready((0, false))
        }
        fn close(&self, _: u64) -> Result<(), PanicKind> {
            Ok(())
        }
        fn len(&self, ch: u64) -> i64 {
            if ch == 0 { 0 } else { 3 }
        }
        fn cap(&self, ch: u64) -> i64 {
            if ch == 0 { 0 } else { 10 }
        }
        fn select(&self, _: u64, _: &mut [SelectCase], _: bool) -> ChanOutcome<Option<usize>> {
            ChanOutcome::Ready(None)
        }
    }

    #[test]
    fn len_and_cap_ask_the_implementation_and_are_zero_without_one() {
        let chans: std::sync::Arc<dyn Channels> = std::sync::Arc::new(Fixed);
        assert_eq!((len(Some(&chans), 7), cap(Some(&chans), 7)), (3, 10));
        assert_eq!((len(Some(&chans), 0), cap(Some(&chans), 0)), (0, 0));
        assert_eq!((len(None, 7), cap(None, 7)), (0, 0));
    }
}
