//! The instruction set: `enum Op`, one variant per typed register-machine instruction, and the
//! newtype operands it carries.
//!
//! This module owns only the encoding. What an instruction does at run time lives in `exec`
//! and its helper modules; the checks that make unchecked register access sound live in
//! `verify`.
//!
//! Invariants:
//! - `Op` is at most 8 bytes (asserted below), so the code of a function is a dense array the
//!   dispatch loop walks with one load per instruction.
//! - Every operand is an index that `verify::check_function` has proven in range before the
//!   function can run: registers below the function's register count, constants, functions,
//!   types, globals and natives below their table sizes, jump targets inside the code.
//! - Jump offsets are relative to the instruction *after* the jump (the `pc` the loop already
//!   advanced to), so `Jump { off: Off(-1) }` is an infinite loop on itself.
//!
//! Performance note: the order of the variants decides the discriminants and so the layout of
//! the jump table the compiler builds for the dispatch `match`. Benchmark (`cargo bench -p
//! minigo_vm`) before and after reordering variants.
//!
//! # Notes
//! - Registers are untyped 64-bit words; the instruction says how to read them. Narrow
//!   integers are kept normalized in their word (sign-extended for signed types, zero-extended
//!   for unsigned ones). Arithmetic works on the whole word and the compiler follows any
//!   operation that can leave the narrow range with `WrapInt { width }`. For `+ - * << neg` the
//!   wrapped 64-bit result truncated to the width is exactly Go's result; for `/ % >>` on
//!   normalized operands the 64-bit result is already in range (`-128 / -1` as int8 gives
//!   `128`, which `WrapInt` turns back into `-128`, as Go does).
//! - `float32` values are kept as `f64` rounded to `f32` precision. The compiler follows each
//!   float32 `+ - * /` with `RoundFloat32`: computing in double precision and rounding once is
//!   exactly the correctly rounded single-precision result for these operations.
//! - Shifts follow Go: a count at least the width gives 0 (or -1 for an arithmetic right shift
//!   of a negative value); a negative count panics with `negative shift amount` when the count
//!   has a signed type (`signed_count`), and is a huge count otherwise.
//! - Every type's zero value is the word 0: `""`, nil slices, maps, pointers, interfaces and
//!   func values are all the null pointer. Strings, slices, interfaces and func values are one
//!   word each: a pointer to an immutable heap box (see `heap`).
//! - Calls pass arguments in consecutive registers starting at `base` and leave results in
//!   consecutive registers starting at the same `base`. The callee's parameter count and
//!   result count come from its `Function`.
//! - Conditional jumps exist fused with integer comparisons (`JumpIfLtInt`) because a loop
//!   back-edge is the hottest instruction in most programs; `ForLoopInt` also fuses the
//!   `i++` of `for i := a; i < n; i++` (Lua's `FORLOOP`), so a counting loop costs one
//!   dispatch per iteration for its control. `a > b` is `b < a` with the
//!   operands swapped, so only `Lt` and `Le` forms exist.
//! - Blocking instructions (`Send`, `Recv`, `Select`, ...) return `Exit::Park` with `pc` still
//!   on themselves, and run again from the start when the goroutine is woken (Go's "loop and
//!   re-run").
//! - Pointers. A pointer to a struct or array is the address of its object. Any other
//!   pointer (`&x` of an `int` variable, `&s.n`, `&a[i]`, `&slice[i]`, `&global`, `new(int)`)
//!   points to one word of a `Words` object and is one tagged word: the object's address in
//!   the low 48 bits and the word's index in the high 16 (`heap::pointer`). A variable whose
//!   address is taken lives in a one-word cell, so `&x` is the cell with index 0 and is the
//!   cell's plain address. `LoadPtr`/`StorePtr` decode the word and access the slot through
//!   `load_slot`/`store_slot`, so the race-safety argument is unchanged; the collector
//!   strips the tag before it follows a word. Indices of 65,535 and more (elements of huge
//!   slices) are kept in a two-word box the word points to instead, tagged `0xFFFF`. The
//!   rejected alternative, a `{object, index}` box for every interior pointer, costs an
//!   allocation per `&a[i]` and an extra load per `*p`.

// The register-transfer docs (`R[dst] = R[a] + R[b]`) use brackets that are not links.
#![allow(rustdoc::broken_intra_doc_links)]

/// A register of the current frame: `R[r]`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Reg(pub u8);

/// An index into the program's constant table: `K[k]`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ConstIdx(pub u16);

/// An index into the program's function table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct FuncIdx(pub u16);

/// An index into the program's native function table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct NativeIdx(pub u16);

/// An index into the program's type descriptor table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TypeIdx(pub u16);

/// An index into the program's interface method tables (Go's itab).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ItabIdx(pub u16);

/// An index into the program's global variables.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct GlobalIdx(pub u16);

/// A jump offset, relative to the instruction after the jump.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Off(pub i32);

/// The width a `WrapInt` normalizes a word to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum IntWidth {
    /// int8: sign-extend the low 8 bits.
    I8,
    /// int16: sign-extend the low 16 bits.
    I16,
    /// int32 (and rune): sign-extend the low 32 bits.
    I32,
    /// uint8 (and byte): keep the low 8 bits.
    U8,
    /// uint16: keep the low 16 bits.
    U16,
    /// uint32: keep the low 32 bits.
    U32,
}

/// One instruction. `R[x]` is register `x` of the current frame, `K[k]` a constant,
/// `*p` the heap object `p` points to.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Op {
    // ---- moves and constants ----
    /// R[dst] = R[src]
    Move { dst: Reg, src: Reg },
    /// R[dst] = imm (sign-extended)
    LoadInt { dst: Reg, imm: i32 },
    /// R[dst] = K[k]
    LoadConst { dst: Reg, k: ConstIdx },
    /// R[dst] = globals[g]
    LoadGlobal { dst: Reg, g: GlobalIdx },
    /// globals[g] = R[src]
    StoreGlobal { g: GlobalIdx, src: Reg },

    // ---- integer arithmetic (64-bit words; see Notes for narrow widths) ----
    /// R[dst] = R[a] + R[b] (wrapping)
    AddInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] + imm (wrapping)
    AddIntImm { dst: Reg, a: Reg, imm: i16 },
    /// R[dst] = R[a] - R[b] (wrapping)
    SubInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] * R[b] (wrapping)
    MulInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] / R[b] (signed, truncated; panics when R[b] == 0)
    DivInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] % R[b] (signed, sign of the dividend; panics when R[b] == 0)
    RemInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] / R[b] (unsigned; panics when R[b] == 0)
    DivUint { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] % R[b] (unsigned; panics when R[b] == 0)
    RemUint { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = -R[a] (wrapping)
    NegInt { dst: Reg, a: Reg },
    /// R[dst] = R[a] & R[b]
    And { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] | R[b]
    Or { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] ^ R[b]
    Xor { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] &^ R[b]
    AndNot { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = ^R[a]
    BitNot { dst: Reg, a: Reg },
    /// R[dst] = R[a] << R[b] (0 when the count is at least 64)
    Shl {
        dst: Reg,
        a: Reg,
        b: Reg,
        signed_count: bool,
    },
    /// R[dst] = R[a] >> R[b], arithmetic (0 or -1 when the count is at least 64)
    ShrInt {
        dst: Reg,
        a: Reg,
        b: Reg,
        signed_count: bool,
    },
    /// R[dst] = R[a] >> R[b], logical (0 when the count is at least 64)
    ShrUint {
        dst: Reg,
        a: Reg,
        b: Reg,
        signed_count: bool,
    },
    /// R[dst] = R[a] normalized to `width` (see Notes)
    WrapInt { dst: Reg, a: Reg, width: IntWidth },

    // ---- float arithmetic ----
    /// R[dst] = R[a] + R[b] (f64)
    AddFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] - R[b] (f64)
    SubFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] * R[b] (f64)
    MulFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] / R[b] (f64, IEEE: never panics)
    DivFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = -R[a] (f64)
    NegFloat { dst: Reg, a: Reg },
    /// R[dst] = R[a] rounded to float32 precision
    RoundFloat32 { dst: Reg, a: Reg },
    /// R[dst] = float64(int64(R[a]))
    IntToFloat { dst: Reg, a: Reg },
    /// R[dst] = float64(uint64(R[a]))
    UintToFloat { dst: Reg, a: Reg },
    /// R[dst] = int64(R[a] as f64) (truncated toward zero, saturating)
    FloatToInt { dst: Reg, a: Reg },
    /// R[dst] = uint64(R[a] as f64) (truncated toward zero, saturating)
    FloatToUint { dst: Reg, a: Reg },

    // ---- comparisons (result is 0 or 1) ----
    /// R[dst] = R[a] == R[b] (words: ints, bools, pointers, channels)
    EqWord { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] != R[b] (words)
    NeWord { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] < R[b] (signed)
    LtInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] <= R[b] (signed)
    LeInt { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] < R[b] (unsigned)
    LtUint { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] <= R[b] (unsigned)
    LeUint { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] == R[b] (f64)
    EqFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] < R[b] (f64)
    LtFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] <= R[b] (f64)
    LeFloat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = !R[a] (bool)
    Not { dst: Reg, a: Reg },

    // ---- control flow ----
    /// pc += off
    Jump { off: Off },
    /// if R[a] != 0 { pc += off }
    JumpIfTrue { a: Reg, off: Off },
    /// if R[a] == 0 { pc += off }
    JumpIfFalse { a: Reg, off: Off },
    /// if R[a] < R[b] (signed) { pc += off }
    JumpIfLtInt { a: Reg, b: Reg, off: Off },
    /// if R[a] <= R[b] (signed) { pc += off }
    JumpIfLeInt { a: Reg, b: Reg, off: Off },
    /// R[a] += 1; if R[a] < R[b] (signed) { pc += off } (the back-edge of a counting loop)
    ForLoopInt { a: Reg, b: Reg, off: Off },
    /// if R[a] == R[b] (words) { pc += off }
    JumpIfEqWord { a: Reg, b: Reg, off: Off },
    /// if R[a] != R[b] (words) { pc += off }
    JumpIfNeWord { a: Reg, b: Reg, off: Off },

    // ---- calls ----
    /// R[base..] = func(R[base..])
    Call { func: FuncIdx, base: Reg },
    /// R[base..] = (*R[callee])(R[base..]); panics when R[callee] is nil
    CallClosure { callee: Reg, base: Reg },
    /// R[base..] = natives[native](R[base..])
    CallNative { native: NativeIdx, base: Reg },
    /// R[base..] = itab(R[base]).methods[method](data(R[base]), R[base+1..])
    CallIface { base: Reg, method: u8 },
    /// return R[src..src+n] to the caller's R[base..]
    Return { src: Reg, n: u8 },
    /// R[dst] = closure{func, captures: R[captures..captures+n]}
    MakeClosure {
        dst: Reg,
        func: FuncIdx,
        captures: Reg,
        n: u8,
    },
    /// R[dst] = captures of the running closure[idx]
    LoadCapture { dst: Reg, idx: u8 },

    // ---- heap objects (structs, arrays, cells) ----
    /// R[dst] = new zeroed object of type ty
    NewObject { dst: Reg, ty: TypeIdx },
    /// R[dst] = copy of *R[src] (struct and array value assignment)
    CopyObject { dst: Reg, src: Reg },
    /// R[dst] = (*R[obj]).field
    LoadField { dst: Reg, obj: Reg, field: u8 },
    /// (*R[obj]).field = R[src]
    StoreField { obj: Reg, field: u8, src: Reg },
    /// R[dst] = (*R[arr])[R[idx]] (bounds-checked)
    LoadIndex { dst: Reg, arr: Reg, idx: Reg },
    /// (*R[arr])[R[idx]] = R[src] (bounds-checked)
    StoreIndex { arr: Reg, idx: Reg, src: Reg },
    /// R[dst] = *R[p] for a pointer to a one-word location (see Notes); panics when nil
    LoadPtr { dst: Reg, p: Reg },
    /// *R[p] = R[src] for a pointer to a one-word location; panics when nil
    StorePtr { p: Reg, src: Reg },
    /// R[dst] = &(*R[obj]).field, a pointer to a one-word field; panics when R[obj] is nil
    AddrField { dst: Reg, obj: Reg, field: u8 },
    /// R[dst] = &(*R[arr])[R[idx]] (bounds-checked)
    AddrIndex { dst: Reg, arr: Reg, idx: Reg },
    /// R[dst] = &R[s][R[idx]] (bounds-checked)
    AddrSlice { dst: Reg, s: Reg, idx: Reg },
    /// R[dst] = &globals[g]
    AddrGlobal { dst: Reg, g: GlobalIdx },

    // ---- slices ----
    /// R[dst] = make([]T, R[len], R[len+1]) where ty is the slice type
    MakeSlice { dst: Reg, ty: TypeIdx, len: Reg },
    /// R[dst] = R[s][R[idx]] (bounds-checked)
    IndexSlice { dst: Reg, s: Reg, idx: Reg },
    /// R[s][R[idx]] = R[src] (bounds-checked)
    StoreSlice { s: Reg, idx: Reg, src: Reg },
    /// R[dst] = R[src][R[bounds]:R[bounds+1]] or, with has_max, [..:..:R[bounds+2]]
    SliceSlice {
        dst: Reg,
        src: Reg,
        bounds: Reg,
        has_max: bool,
    },
    /// R[dst] = (*R[src])[R[bounds]:R[bounds+1]] for an array object of type ty's element
    SliceArray {
        dst: Reg,
        src: Reg,
        bounds: Reg,
        ty: TypeIdx,
    },
    /// R[dst] = append(R[s], R[src])
    Append {
        dst: Reg,
        s: Reg,
        src: Reg,
        ty: TypeIdx,
    },
    /// R[dst] = append(R[a], R[b]...)
    AppendSlice {
        dst: Reg,
        a: Reg,
        b: Reg,
        ty: TypeIdx,
    },
    /// R[dst] = copy(R[a], R[b])
    CopySlice { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = len(R[s]) (slice)
    LenSlice { dst: Reg, s: Reg },
    /// R[dst] = cap(R[s]) (slice)
    CapSlice { dst: Reg, s: Reg },
    /// clear(R[s]): every element of the slice set to the zero word
    ClearSlice { s: Reg },

    // ---- strings ----
    /// R[dst] = R[a] + R[b] (string)
    Concat { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = len(R[s]) (string, in bytes)
    LenString { dst: Reg, s: Reg },
    /// R[dst] = R[s][R[idx]] (a byte; bounds-checked)
    IndexString { dst: Reg, s: Reg, idx: Reg },
    /// R[dst] = R[src][R[bounds]:R[bounds+1]] (string)
    SliceString { dst: Reg, src: Reg, bounds: Reg },
    /// R[dst] = R[a] == R[b] (string)
    EqString { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] < R[b] (string, bytewise)
    LtString { dst: Reg, a: Reg, b: Reg },
    /// R[dst] = R[a] <= R[b] (string, bytewise)
    LeString { dst: Reg, a: Reg, b: Reg },
    /// R[dst], R[dst+1] = the rune at byte R[idx] of R[s] and the index after it (U+FFFD and
    /// width 1 for invalid UTF-8), for `for i, r := range s`
    DecodeRune { dst: Reg, s: Reg, idx: Reg },
    /// R[dst] = string(rune(R[src])) (U+FFFD for an invalid code point)
    RuneToString { dst: Reg, src: Reg },
    /// R[dst] = []byte(R[src]) where ty is the slice type
    StringToBytes { dst: Reg, src: Reg, ty: TypeIdx },
    /// R[dst] = string(R[src]) for a []byte
    BytesToString { dst: Reg, src: Reg },
    /// R[dst] = []rune(R[src]) where ty is the slice type
    StringToRunes { dst: Reg, src: Reg, ty: TypeIdx },
    /// R[dst] = string(R[src]) for a []rune
    RunesToString { dst: Reg, src: Reg },

    // ---- maps ----
    /// R[dst] = make(map of type ty)
    MakeMap { dst: Reg, ty: TypeIdx },
    /// R[dst] = R[m][R[key]] (zero value when absent)
    MapGet { dst: Reg, m: Reg, key: Reg },
    /// R[dst], R[dst+1] = R[m][R[key]] (value, ok)
    MapGetOk { dst: Reg, m: Reg, key: Reg },
    /// R[m][R[key]] = R[src]; panics on a nil map
    MapSet { m: Reg, key: Reg, src: Reg },
    /// delete(R[m], R[key])
    MapDelete { m: Reg, key: Reg },
    /// R[dst] = len(R[m])
    MapLen { dst: Reg, m: Reg },
    /// clear(R[m]): every entry deleted (nothing for a nil map)
    MapClear { m: Reg },
    /// R[dst] = the keys of R[m] as a slice of type ty, in the map's unspecified order (a
    /// `range` over a map walks this snapshot and skips keys deleted meanwhile)
    MapKeys { dst: Reg, m: Reg, ty: TypeIdx },

    // ---- interfaces ----
    /// R[dst] = interface box {type, itab, data: R[src]}
    BoxIface {
        dst: Reg,
        src: Reg,
        ty: TypeIdx,
        itab: ItabIdx,
    },
    /// R[dst] = R[src] with its method table swapped for `iface`'s (nil stays nil)
    ConvertIface { dst: Reg, src: Reg, iface: TypeIdx },
    /// R[dst] = R[src].(ty) for a concrete type; panics when it is not (`iface` is the static
    /// type of R[src], named in the panic message)
    AssertType {
        dst: Reg,
        src: Reg,
        ty: TypeIdx,
        iface: TypeIdx,
    },
    /// R[dst], R[dst+1] = R[src].(ty) (value, ok) for a concrete type
    AssertTypeOk { dst: Reg, src: Reg, ty: TypeIdx },
    /// R[dst] = R[src].(iface) for an interface type; panics when it is not
    AssertIface { dst: Reg, src: Reg, iface: TypeIdx },
    /// R[dst], R[dst+1] = R[src].(iface) (value, ok) for an interface type
    AssertIfaceOk { dst: Reg, src: Reg, iface: TypeIdx },
    /// R[dst] = dynamic type index of R[src], or -1 when nil (for type switches)
    IfaceType { dst: Reg, src: Reg },
    /// R[dst] = R[a] == R[b] (interfaces: same dynamic type and equal data words)
    EqIface { dst: Reg, a: Reg, b: Reg },

    // ---- panics and defers ----
    /// panic(R[src]) where R[src] is an interface value
    Panic { src: Reg },
    /// push the closure R[closure] on this frame's defer list
    Defer { closure: Reg },
    /// run this frame's pending deferred calls, newest first, then go on
    RunDefers,
    /// R[dst] = recover()
    Recover { dst: Reg },

    // ---- goroutines and channels (carried out together with the runtime) ----
    /// go R[closure]()
    Go { closure: Reg },
    /// R[dst] = make(chan, R[size]) of type ty
    MakeChan { dst: Reg, ty: TypeIdx, size: Reg },
    /// R[ch] <- R[src]; may park
    Send { ch: Reg, src: Reg },
    /// R[dst] = <-R[ch]; may park
    Recv { dst: Reg, ch: Reg },
    /// R[dst], R[dst+1] = <-R[ch] (value, ok); may park
    RecvOk { dst: Reg, ch: Reg },
    /// close(R[ch])
    Close { ch: Reg },
    /// R[dst] = len(R[ch]) (buffered values; 0 for nil)
    LenChan { dst: Reg, ch: Reg },
    /// R[dst] = cap(R[ch]) (buffer size; 0 for nil)
    CapChan { dst: Reg, ch: Reg },
    /// R[dst] = index of the select case that fired; cases described at R[cases..]
    Select {
        dst: Reg,
        cases: Reg,
        n: u8,
        has_default: bool,
    },
}

const _: () = assert!(size_of::<Op>() <= 8);

impl Op {
    /// Whether control never falls through to the next instruction (the verifier requires
    /// every function to end with one, so the dispatch loop cannot run off the code).
    pub fn is_terminator(&self) -> bool {
        matches!(self, Op::Jump { .. } | Op::Return { .. } | Op::Panic { .. })
    }
}
