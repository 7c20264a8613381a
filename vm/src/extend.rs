//! Growing a VM's program while its goroutines run: the REPL compiles each input into a
//! whole new program, and [`Vm::prepare_extension`] appends what is new in it to the
//! running one, so everything earlier inputs made (goroutines, closures, interface
//! values, globals) stays valid.
//!
//! Owns: the merge of two programs ([`merge`]), [`Extension`] and [`ExtendError`], and the
//! swappable cells ([`Current`]) the VM keeps its program, constant words and itab index
//! in. Does not own: stopping the world around the swap (`rt::Session`), nor compiling.
//!
//! # How a program is appended
//! The merged program is the running one followed by the parts of the new one that differ.
//! Indices of the running program never change, so a goroutine running old code, a closure
//! or an interface value made by it keep meaning what they meant.
//! - Constants are shared by value, natives by name.
//! - Globals are shared by identity (`Program::global_names`: package, name and type); a
//!   global whose type changed gets a fresh slot, so old code never reads a word of another
//!   type.
//! - Functions and types are shared by name when their renumbered contents are equal. That
//!   is a fixpoint: a changed function gets a new index, so its callers change too. The
//!   candidate sets only shrink, so the loop ends.
//! - The new program's entry (`init`, its `runtime.main`) is always appended; its stores
//!   to globals that already existed go to a scratch slot (its loads read the real ones),
//!   so it initializes only new globals (a package imported for the first time) and never
//!   resets the session's.
//!
//! Invariants:
//! - The merged program passes `verify::check_program` before it is installed.
//! - Installation happens with no goroutine of the VM running (the caller stops the world):
//!   the interpreter hoists the program at the start of a run, and a run that began before
//!   the swap must not meet a closure of the new code.

mod current;
mod reloc;

use std::collections::HashMap;

pub use current::Current;
use reloc::Remap;

use crate::heap::object;
use crate::op::{ConstIdx, FuncIdx, GlobalIdx, ItabIdx, NativeIdx, TypeIdx};
use crate::program::{Const, Function, ItabIndex, Program};
use crate::verify::{self, VerifyError};
use crate::vm::Vm;

/// The name of the global slot that absorbs the entry's stores to existing globals.
const SCRATCH_GLOBAL: &str = "<scratch>";

/// Why a program could not be appended.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExtendError {
    /// A table would pass its 65,536 entries.
    #[error("the session's program has too many {0} (more than 65536)")]
    TooMany(&'static str),
    /// The merged program failed verification (a compiler bug).
    #[error("invalid bytecode: {0}")]
    Invalid(#[from] VerifyError),
}

/// Where a program's functions went once appended, and whether it brought new globals.
#[derive(Clone, Debug)]
pub struct Appended {
    /// Each function of the appended program by its index there: its index now.
    pub funcs: Vec<FuncIdx>,
    /// Whether its entry must run to initialize new globals.
    pub new_globals: bool,
}

/// A merged program ready to be installed, with where the new program's functions went.
pub struct Extension {
    program: Program,
    /// Each function of the new program by its index there: its index in the merged one.
    pub funcs: Vec<FuncIdx>,
    /// Whether the new program brought globals the running one did not have (the entry
    /// must run to initialize them).
    pub new_globals: bool,
}

impl Vm {
    /// Merges `new` into a copy of the running program and verifies the result; nothing
    /// changes until [`Vm::install`]. `init` is `new`'s entry, whose stores to existing
    /// globals are redirected (see the module doc).
    ///
    /// # Errors
    /// A table overflow, or a merged program the verifier rejects.
    pub fn prepare_extension(
        &self,
        new: &Program,
        init: Option<FuncIdx>,
    ) -> Result<Extension, ExtendError> {
        let (program, remap, new_globals) = merge(&self.program, new, init)?;
        // SAFETY: `globals` is a live `Words` object for the VM's lifetime.
        let capacity = unsafe { (*self.globals).len() };
        if usize::from(program.n_globals) > capacity {
            return Err(ExtendError::TooMany("globals"));
        }
        verify::check_program(&program)?;
        Ok(Extension {
            program,
            funcs: remap.funcs,
            new_globals,
        })
    }

    /// Makes `ext` the running program.
    ///
    /// # Safety
    /// No goroutine of this VM may be running (stop the world first), and `ext` must have
    /// been prepared from the current program by this VM with no install in between.
    pub unsafe fn install(&self, ext: Extension) {
        let old_len = self.consts.len();
        let mut consts = self.consts.to_vec();
        for k in ext.program.consts.iter().skip(old_len) {
            consts.push(self.const_word(k));
        }
        self.itabs.replace(ItabIndex::new(&ext.program));
        self.consts.replace(consts);
        self.program.replace(ext.program);
    }

    /// The word `LoadConst` loads for `k`; strings become permanent heap objects (roots).
    pub(crate) fn const_word(&self, k: &Const) -> u64 {
        match k {
            Const::Int(i) => *i as u64,
            Const::Float(f) => f.to_bits(),
            Const::Str(s) => self.heap.alloc_string(s.as_bytes()),
            Const::Bytes(b) => self.heap.alloc_string(b),
        }
    }

    /// Global `i` set to `word` (for hosts that give a global its value).
    ///
    /// # Safety
    /// `word` must be a valid value of the global's type.
    pub unsafe fn set_global(&self, i: usize, word: u64) {
        // SAFETY: `globals` is live; the index is checked against its length.
        unsafe {
            if i < (*self.globals).len() {
                object::store_slot(self.globals, i, word);
            }
        }
    }
}

/// The hashable identity of a constant (floats by their bits).
#[derive(PartialEq, Eq, Hash)]
enum ConstKey<'a> {
    Int(i64),
    Float(u64),
    Str(&'a str),
    Bytes(&'a [u8]),
}

fn const_key(k: &Const) -> ConstKey<'_> {
    match k {
        Const::Int(i) => ConstKey::Int(*i),
        Const::Float(f) => ConstKey::Float(f.to_bits()),
        Const::Str(s) => ConstKey::Str(s),
        Const::Bytes(b) => ConstKey::Bytes(b),
    }
}

fn idx16(n: usize, what: &'static str) -> Result<u16, ExtendError> {
    u16::try_from(n).map_err(|_| ExtendError::TooMany(what))
}

/// `old` followed by what differs in `new` (see the module doc), the renumbering of
/// `new`'s indices, and whether `new` brought new globals.
///
/// # Errors
/// A table of the merged program would pass 65,536 entries.
pub(crate) fn merge(
    old: &Program,
    new: &Program,
    init: Option<FuncIdx>,
) -> Result<(Program, Remap, bool), ExtendError> {
    let mut out = Program {
        functions: old.functions.clone(),
        consts: old.consts.clone(),
        types: old.types.clone(),
        itabs: old.itabs.clone(),
        natives: old.natives.clone(),
        n_globals: old.n_globals,
        global_names: old.global_names.clone(),
        well_known: old.well_known,
    };
    let mut remap = Remap {
        consts: merge_consts(&mut out, new)?,
        natives: merge_natives(&mut out, new)?,
        ..Remap::default()
    };
    let (globals, init_globals, new_globals) = merge_globals(&mut out, new)?;
    remap.globals = globals;
    settle_code(old, new, init, &mut remap)?;
    append_code(&mut out, new, init, &remap, init_globals);
    if out.well_known.runtime_error.is_none() {
        out.well_known.runtime_error = new.well_known.runtime_error.map(|t| remap.ty(t));
    }
    if out.well_known.string.is_none() {
        out.well_known.string = new.well_known.string.map(|t| remap.ty(t));
    }
    Ok((out, remap, new_globals))
}

fn merge_consts(out: &mut Program, new: &Program) -> Result<Vec<ConstIdx>, ExtendError> {
    let mut known: HashMap<ConstKey<'_>, u16> = HashMap::new();
    let old = out.consts.clone();
    for (i, k) in old.iter().enumerate() {
        known.entry(const_key(k)).or_insert(idx16(i, "constants")?);
    }
    let mut map = Vec::with_capacity(new.consts.len());
    for k in &new.consts {
        let idx = match known.get(&const_key(k)) {
            Some(&i) => i,
            None => {
                let i = idx16(out.consts.len(), "constants")?;
                out.consts.push(k.clone());
                known.insert(const_key(k), i);
                i
            }
        };
        map.push(ConstIdx(idx));
    }
    Ok(map)
}

fn merge_natives(out: &mut Program, new: &Program) -> Result<Vec<NativeIdx>, ExtendError> {
    let mut map = Vec::with_capacity(new.natives.len());
    for n in &new.natives {
        let idx = match out.natives.iter().position(|o| o.name == n.name) {
            Some(i) => i,
            None => {
                out.natives.push(n.clone());
                out.natives.len() - 1
            }
        };
        map.push(NativeIdx(idx16(idx, "natives")?));
    }
    Ok(map)
}

/// The new program's globals in the merged one: for its code, and for its entry (where
/// existing globals become the scratch slot); and whether any is new.
fn merge_globals(
    out: &mut Program,
    new: &Program,
) -> Result<(Vec<GlobalIdx>, Vec<GlobalIdx>, bool), ExtendError> {
    let mut by_name: HashMap<String, u16> = HashMap::new();
    for (i, name) in out.global_names.iter().enumerate() {
        by_name.insert(name.clone(), idx16(i, "globals")?);
    }
    let (mut code, mut entry, mut fresh) = (Vec::new(), Vec::new(), false);
    let mut scratch = by_name.get(SCRATCH_GLOBAL).copied();
    for i in 0..usize::from(new.n_globals) {
        let name = new.global_names.get(i).cloned().unwrap_or_default();
        if let Some(&g) = by_name.get(&name).filter(|_| !name.is_empty()) {
            let s = match scratch {
                Some(s) => s,
                None => *scratch.insert(push_global(out, SCRATCH_GLOBAL)?),
            };
            code.push(GlobalIdx(g));
            entry.push(GlobalIdx(s));
        } else {
            let g = push_global(out, &name)?;
            by_name.insert(name, g);
            fresh = true;
            code.push(GlobalIdx(g));
            entry.push(GlobalIdx(g));
        }
    }
    Ok((code, entry, fresh))
}

fn push_global(out: &mut Program, name: &str) -> Result<u16, ExtendError> {
    // Unnamed globals of the running program keep their places.
    let n = usize::from(out.n_globals);
    out.global_names.resize(n, String::new());
    out.global_names.push(name.to_string());
    out.n_globals = idx16(n + 1, "globals")?;
    Ok(out.n_globals - 1)
}

/// The latest index of each name in `names`.
fn latest_by_name<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<&'a str, u16> {
    names
        .enumerate()
        .filter_map(|(i, n)| Some((n, u16::try_from(i).ok()?)))
        .collect()
}

/// Finds, by fixpoint, which functions and types of `new` equal one of `old` once
/// renumbered, and fills `remap`'s function, type and itab maps.
fn settle_code(
    old: &Program,
    new: &Program,
    init: Option<FuncIdx>,
    remap: &mut Remap,
) -> Result<(), ExtendError> {
    let old_funcs = latest_by_name(old.functions.iter().map(|f| f.name.as_str()));
    let old_types = latest_by_name(old.types.iter().map(|t| t.name.as_str()));
    let mut fcand: Vec<Option<u16>> = new
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| match init {
            Some(e) if usize::from(e.0) == i => None,
            _ => old_funcs.get(f.name.as_str()).copied(),
        })
        .collect();
    let mut tcand: Vec<Option<u16>> = new
        .types
        .iter()
        .map(|t| old_types.get(t.name.as_str()).copied())
        .collect();
    loop {
        remap.funcs = assign(&fcand, old.functions.len(), "functions")?
            .into_iter()
            .map(FuncIdx)
            .collect();
        remap.types = assign(&tcand, old.types.len(), "types")?
            .into_iter()
            .map(TypeIdx)
            .collect();
        remap.itabs = itab_map(old, new, remap)?;
        let mut changed = false;
        for (i, cand) in fcand.iter_mut().enumerate() {
            let (Some(o), Some(f)) = (*cand, new.functions.get(i)) else {
                continue;
            };
            if !same_function(&remap.function(f), old.function(FuncIdx(o))) {
                *cand = None;
                changed = true;
            }
        }
        for (i, cand) in tcand.iter_mut().enumerate() {
            let (Some(o), Some(t)) = (*cand, new.types.get(i)) else {
                continue;
            };
            if remap.type_desc(t) != *old.ty(TypeIdx(o)) {
                *cand = None;
                changed = true;
            }
        }
        if !changed {
            return Ok(());
        }
    }
}

/// Indices for one table: a candidate keeps its old index, the others are numbered after
/// `old_len` in order.
fn assign(
    cands: &[Option<u16>],
    old_len: usize,
    what: &'static str,
) -> Result<Vec<u16>, ExtendError> {
    let mut next = old_len;
    cands
        .iter()
        .map(|c| match c {
            Some(o) => Ok(*o),
            None => {
                next += 1;
                idx16(next - 1, what)
            }
        })
        .collect()
}

/// Each itab of `new`: an equal one of `old` for the same pair, or a fresh index.
fn itab_map(old: &Program, new: &Program, remap: &Remap) -> Result<Vec<ItabIdx>, ExtendError> {
    let index = ItabIndex::new(old);
    let mut next = old.itabs.len();
    let mut map = Vec::with_capacity(new.itabs.len());
    for it in &new.itabs {
        let moved = remap.itab_desc(it);
        let same = index
            .find(moved.iface, moved.ty)
            .filter(|i| old.itabs.get(usize::from(i.0)) == Some(&moved));
        map.push(match same {
            Some(i) => i,
            None => {
                next += 1;
                ItabIdx(idx16(next - 1, "itabs")?)
            }
        });
    }
    Ok(map)
}

/// Equal code and frame shape; line tables may differ (the session's source moved).
fn same_function(a: &Function, b: &Function) -> bool {
    a.code == b.code
        && a.n_regs == b.n_regs
        && a.n_params == b.n_params
        && a.n_results == b.n_results
        && a.ptr_regs == b.ptr_regs
        && a.capture_ptrs == b.capture_ptrs
        && a.recover_pc == b.recover_pc
}

/// Appends the functions, types and itabs of `new` that got fresh indices, in index order.
fn append_code(
    out: &mut Program,
    new: &Program,
    init: Option<FuncIdx>,
    remap: &Remap,
    init_globals: Vec<GlobalIdx>,
) {
    let entry_remap = Remap {
        stores: Some(init_globals),
        ..remap.clone()
    };
    for (i, (f, to)) in new.functions.iter().zip(&remap.funcs).enumerate() {
        if usize::from(to.0) >= out.functions.len() {
            let is_entry = init.is_some_and(|e| usize::from(e.0) == i);
            let r = if is_entry { &entry_remap } else { remap };
            out.functions.push(r.function(f));
        }
    }
    for (t, to) in new.types.iter().zip(&remap.types) {
        if usize::from(to.0) >= out.types.len() {
            out.types.push(remap.type_desc(t));
        }
    }
    for (it, to) in new.itabs.iter().zip(&remap.itabs) {
        if usize::from(to.0) >= out.itabs.len() {
            out.itabs.push(remap.itab_desc(it));
        }
    }
}

#[cfg(test)]
mod tests;
