//! Segmented register stacks: the registers of a goroutine's frames, in a chain of segments,
//! and the frame records that say whose registers are where.
//!
//! This module owns where frames live and how deep a goroutine may go. It does not interpret
//! registers (that is `exec`) and does not scan them (that is `vm::Vm::collect`).
//!
//! Invariants:
//! - A frame's registers are contiguous and inside one segment: a frame never straddles two.
//!   A call whose frame does not fit in the rest of the current segment moves to the next
//!   segment, which it allocates if needed.
//! - Frames never overlap: a callee's registers start where its caller's end (or at the start
//!   of a fresh segment), and arguments are copied in. A call therefore preserves every
//!   caller register.
//! - At most one segment beyond the current one is kept (the spare), so a call and return
//!   across a segment edge allocates only the first time: Go dropped segmented stacks because
//!   of that "hot split", which the spare removes.
//! - Segments grow geometrically: each new segment is twice the one before it (at least the
//!   frame it is for, at most [`MAX_SEGMENT_WORDS`] unless the frame is larger). A goroutine
//!   that goes one call deeper than its first segment therefore pays 1 KiB, not 32 KiB, which
//!   matters when a million goroutines are alive.
//! - `bytes` is the sum over frames of their registers and record; a push that would make it
//!   exceed `max_bytes` fails with `Overflow` instead of touching the host stack.
//!
//! Rejected alternative: one growable `Vec<u64>` per goroutine (Lua's approach). Growing it
//! moves every frame, so every raw register pointer in the interpreter's locals would need
//! re-deriving after each call; and a goroutine would start at the vector's full size.

use crate::op::FuncIdx;

/// Words in a goroutine's first segment: 256 bytes, so a new (or parked) goroutine is cheap;
/// a goroutine that needs more doubles from there.
pub const FIRST_SEGMENT_WORDS: usize = 32;
/// The largest segment allocated by doubling (a larger frame gets a segment of its own size).
pub const MAX_SEGMENT_WORDS: usize = 4096;
/// Go's default maximum stack size, and minigo's.
pub const DEFAULT_MAX_STACK_BYTES: usize = 1_000_000_000;

/// Why a frame was entered, which decides what its `Return` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// An ordinary call: results go to the caller's registers.
    Call,
    /// A deferred call run by `RunDefers`: results are dropped.
    Defer,
    /// A deferred call run while panicking: `recover` works in it.
    PanicDefer,
    /// The `Error` or `String` method of a panic value that is about to be printed: its
    /// result becomes the panic's text.
    PanicText,
}

/// One activation: which function, where it is, where its registers are.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// The function running.
    pub func: FuncIdx,
    /// The saved program counter (the next instruction), valid while the frame is not on top
    /// or the goroutine is not running.
    pub pc: u32,
    /// The first register.
    pub regs: *mut u64,
    /// The closure being run, or 0 for a direct call.
    pub closure: u64,
    /// The caller's register where results go (the call's `base`).
    pub ret: u8,
    /// Why the frame was entered.
    pub kind: FrameKind,
    /// The frame's register count.
    pub n_regs: u16,
    /// The segment the registers are in.
    seg: u32,
    /// The offset of `regs` within the segment: below the segment's length, which is at most
    /// `max(MAX_SEGMENT_WORDS, n_regs)` of the frame that made it, so it fits 16 bits (and
    /// the frame record stays 32 bytes).
    start: u16,
}

/// The stack grew past its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow {
    /// The limit it grew past, in bytes.
    pub limit: usize,
}

/// A goroutine's register stack.
pub struct Stack {
    segments: Vec<Box<[u64]>>,
    cur: usize,
    /// `segments[cur]`'s first word and length, cached for the call path.
    seg_ptr: *mut u64,
    seg_len: usize,
    top: usize,
    /// The frames, outermost first.
    pub frames: Vec<Frame>,
    bytes: usize,
    max_bytes: usize,
}

// SAFETY: the raw register pointers point into segments this stack owns; moving the stack
// to another thread moves the segments with it.
unsafe impl Send for Stack {}

const FRAME_BYTES: usize = size_of::<Frame>();

// Every goroutine holds at least one frame record; keep them small.
const _: () = assert!(FRAME_BYTES <= 32);

impl Stack {
    /// An empty stack with one first segment.
    pub fn new(max_bytes: usize) -> Stack {
        let mut first = vec![0; FIRST_SEGMENT_WORDS].into_boxed_slice();
        Stack {
            seg_ptr: first.as_mut_ptr(),
            seg_len: first.len(),
            segments: vec![first],
            cur: 0,
            top: 0,
            // Room for the entry frame only: most goroutines that wait on something never
            // go deeper than a few frames, and a parked one should not hold a larger array.
            frames: Vec::with_capacity(1),
            bytes: 0,
            max_bytes,
        }
    }

    /// The bytes of register segments allocated (including the spare).
    pub fn segment_bytes(&self) -> usize {
        self.segments.iter().map(|s| s.len() * 8).sum()
    }

    /// The number of segments allocated (including the spare).
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// Pushes a frame of `n_regs` registers and returns its first register.
    ///
    /// # Errors
    /// `Overflow` when the stack would exceed its maximum size.
    #[inline(always)]
    pub fn push(
        &mut self,
        func: FuncIdx,
        n_regs: u16,
        closure: u64,
        ret: u8,
        kind: FrameKind,
    ) -> Result<*mut u64, Overflow> {
        let need = usize::from(n_regs).max(1);
        let bytes = self.bytes + need * 8 + FRAME_BYTES;
        if bytes > self.max_bytes {
            return Err(Overflow {
                limit: self.max_bytes,
            });
        }
        if self.top + need > self.seg_len {
            self.chain(need);
        }
        debug_assert!(
            self.top <= usize::from(u16::MAX),
            "segments are at most 65535 words"
        );
        // SAFETY: `top + need <= seg_len`, so the frame lies inside the current segment.
        let regs = unsafe { self.seg_ptr.add(self.top) };
        self.frames.push(Frame {
            func,
            pc: 0,
            regs,
            closure,
            ret,
            kind,
            n_regs,
            seg: self.cur as u32,
            start: self.top as u16,
        });
        self.top += need;
        self.bytes = bytes;
        Ok(regs)
    }

    fn segment_len(&self, seg: usize) -> usize {
        self.segments.get(seg).map_or(0, |s| s.len())
    }

    /// Moves to the next segment, reusing the spare when it is large enough.
    #[cold]
    #[inline(never)]
    fn chain(&mut self, need: usize) {
        let next = self.cur + 1;
        if self.segment_len(next) < need {
            let doubled = (self.seg_len * 2).min(MAX_SEGMENT_WORDS);
            let fresh = vec![0; need.max(doubled)].into_boxed_slice();
            self.segments.truncate(next);
            self.segments.push(fresh);
        }
        self.select(next);
        self.top = 0;
    }

    /// Makes segment `seg` the current one.
    fn select(&mut self, seg: usize) {
        let Some(segment) = self.segments.get_mut(seg) else {
            unreachable!("frames only name segments that exist")
        };
        self.cur = seg;
        self.seg_ptr = segment.as_mut_ptr();
        self.seg_len = segment.len();
    }

    /// Pops the top frame and returns it; the segment it leaves becomes the spare.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<Frame> {
        let frame = self.frames.pop()?;
        self.bytes -= usize::from(frame.n_regs).max(1) * 8 + FRAME_BYTES;
        if frame.seg as usize != self.cur {
            self.select(frame.seg as usize);
            // Keep one spare segment beyond the current one; free any further ones.
            if self.segments.len() > self.cur + 2 {
                self.segments.truncate(self.cur + 2);
            }
        }
        self.top = frame.start as usize;
        Some(frame)
    }

    /// The top frame.
    pub fn top(&self) -> Option<&Frame> {
        self.frames.last()
    }

    /// The top frame, mutably.
    pub fn top_mut(&mut self) -> Option<&mut Frame> {
        self.frames.last_mut()
    }

    /// The registers of `frame` as a slice.
    ///
    /// # Safety
    /// `frame` must be one of this stack's frames.
    pub unsafe fn registers(frame: &Frame) -> &[u64] {
        // SAFETY: a frame's registers are `n_regs` words inside a live segment.
        unsafe { std::slice::from_raw_parts(frame.regs, usize::from(frame.n_regs)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_stack_costs_at_most_512_bytes_of_registers() {
        let stack = Stack::new(DEFAULT_MAX_STACK_BYTES);
        assert!(stack.segment_bytes() <= 512);
        assert_eq!(stack.segment_count(), 1);
    }

    #[test]
    fn frames_do_not_straddle_segments_and_the_spare_is_reused() {
        let mut stack = Stack::new(DEFAULT_MAX_STACK_BYTES);
        let first_regs = (FIRST_SEGMENT_WORDS - 4) as u16;
        assert!(
            stack
                .push(FuncIdx(0), first_regs, 0, 0, FrameKind::Call)
                .is_ok()
        );
        let first = stack.frames[0].regs;
        let second = stack.push(FuncIdx(1), 10, 0, 0, FrameKind::Call);
        assert!(second.is_ok());
        assert_eq!(stack.segment_count(), 2);
        assert_ne!(second, Ok(first.wrapping_add(usize::from(first_regs))));
        for _ in 0..1000 {
            stack.pop();
            assert!(stack.push(FuncIdx(1), 10, 0, 0, FrameKind::Call).is_ok());
        }
        assert_eq!(
            stack.segment_count(),
            2,
            "the spare is kept, not reallocated"
        );
    }

    #[test]
    fn a_frame_that_ends_exactly_at_the_segment_edge_stays_in_it() {
        let mut stack = Stack::new(DEFAULT_MAX_STACK_BYTES);
        let regs = FIRST_SEGMENT_WORDS as u16;
        assert!(stack.push(FuncIdx(0), regs, 0, 0, FrameKind::Call).is_ok());
        assert_eq!(stack.segment_count(), 1);
        assert!(stack.push(FuncIdx(0), 1, 0, 0, FrameKind::Call).is_ok());
        assert_eq!(
            stack.segment_count(),
            2,
            "one more word needs the next segment"
        );
    }

    #[test]
    fn later_segments_double_up_to_the_cap() {
        let mut stack = Stack::new(DEFAULT_MAX_STACK_BYTES);
        let mut sizes = Vec::new();
        for _ in 0..2000 {
            assert!(stack.push(FuncIdx(0), 30, 0, 0, FrameKind::Call).is_ok());
            sizes.push(stack.seg_len);
        }
        sizes.dedup();
        let doubling: Vec<usize> = (0..8).map(|i| FIRST_SEGMENT_WORDS << i).collect();
        assert_eq!(&sizes[..8], &doubling[..]);
        assert!(sizes.iter().all(|&len| len <= MAX_SEGMENT_WORDS));
        assert_eq!(sizes.last(), Some(&MAX_SEGMENT_WORDS));
    }

    #[test]
    fn at_most_one_spare_segment_is_kept() {
        let mut stack = Stack::new(DEFAULT_MAX_STACK_BYTES);
        for _ in 0..10 {
            assert!(stack.push(FuncIdx(0), 4000, 0, 0, FrameKind::Call).is_ok());
        }
        // The first frame does not fit the small first segment either.
        assert_eq!(stack.segment_count(), 11);
        while stack.pop().is_some() {}
        // The first segment, the one the outermost frame used, and one spare.
        assert_eq!(stack.segment_count(), 3);
    }

    #[test]
    fn pushing_past_the_limit_overflows() {
        let mut stack = Stack::new(4096);
        let mut res = Ok(());
        for _ in 0..1000 {
            res = stack.push(FuncIdx(0), 8, 0, 0, FrameKind::Call).map(|_| ());
            if res.is_err() {
                break;
            }
        }
        assert_eq!(res, Err(Overflow { limit: 4096 }));
    }
}
