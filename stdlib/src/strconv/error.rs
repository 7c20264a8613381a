//! The errors `strconv` reports, worded exactly as Go's.
//!
//! Owns `NumError` (Go's `*strconv.NumError`) and `ErrorKind` (its `Err` field: Go's
//! `ErrSyntax`, `ErrRange`, and the base and bit-size errors). It does not decide when an
//! error happens; the parsers do.

use std::fmt;

/// What went wrong in a conversion: Go's `NumError.Err`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Go's `strconv.ErrSyntax`: the text is not a number of the requested kind.
    #[error("invalid syntax")]
    Syntax,
    /// Go's `strconv.ErrRange`: the number does not fit the requested size.
    #[error("value out of range")]
    Range,
    /// The base passed to `ParseInt`/`ParseUint` is not 0 or 2..=36.
    #[error("invalid base {0}")]
    Base(i64),
    /// The bit size passed to `ParseInt`/`ParseUint` is not 0..=64.
    #[error("invalid bit size {0}")]
    BitSize(i64),
}

/// Go's `*strconv.NumError`: which function failed, on what text, and why.
///
/// Its `Display` is Go's `Error()`: `strconv.Atoi: parsing "abc": invalid syntax`, with
/// the input quoted by Go's `strconv.Quote`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumError {
    /// The Go function name without the package: `"Atoi"`, `"ParseInt"`, ...
    pub func: &'static str,
    /// The input text, exactly as given (it may hold invalid UTF-8).
    pub num: Vec<u8>,
    /// The reason.
    pub err: ErrorKind,
}

impl NumError {
    pub(crate) fn new(func: &'static str, num: &[u8], err: ErrorKind) -> Self {
        NumError {
            func,
            num: num.to_vec(),
            err,
        }
    }
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "strconv.{}: parsing {}: {}",
            self.func,
            super::quote(&self.num),
            self.err
        )
    }
}

impl std::error::Error for NumError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_matches_go() {
        let e = NumError::new("Atoi", b"12a", ErrorKind::Syntax);
        assert_eq!(
            e.to_string(),
            r#"strconv.Atoi: parsing "12a": invalid syntax"#
        );
        let e = NumError::new("ParseInt", b"300", ErrorKind::Range);
        assert_eq!(
            e.to_string(),
            r#"strconv.ParseInt: parsing "300": value out of range"#
        );
        let e = NumError::new("ParseInt", b"1\n", ErrorKind::Base(1));
        assert_eq!(
            e.to_string(),
            r#"strconv.ParseInt: parsing "1\n": invalid base 1"#
        );
        assert_eq!(ErrorKind::BitSize(65).to_string(), "invalid bit size 65");
    }
}
