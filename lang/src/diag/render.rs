//! Printing diagnostics: the plain `FILE:LINE:COL: message` line and the ariadne rendering.
//!
//! This is the only module that uses ariadne. Byte offsets throughout (`IndexType::Byte`),
//! because spans are byte ranges.

use super::Diagnostic;
use crate::span::SourceMap;

/// `FILE:LINE:COL: message`, the line editors and CI parse.
pub fn plain(diag: &Diagnostic, sources: &SourceMap) -> String {
    let file = sources.get(diag.primary.file);
    let (line, col) = file.line_col(diag.primary.start);
    format!("{}:{}:{}: {}", file.name, line, col, diag.message)
}
