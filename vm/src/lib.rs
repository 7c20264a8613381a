//! The minigo virtual machine: register bytecode, the stackless interpreter, the heap and its
//! collector. It knows nothing of source syntax (that is `minigo_lang`) and schedules nothing
//! itself (that is `minigo_runtime`).
