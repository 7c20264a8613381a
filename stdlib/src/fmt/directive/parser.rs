//! The body of one directive, after its `%`: flags, indexes, width, precision, verb.
//! A line-by-line reading of Go's `doPrintf`, `argNumber`, `parseArgNumber`, `parsenum`
//! and `intFromArg`, so the same malformed formats produce the same output.

use super::{Parser, Piece, Spec, TOO_LARGE, decode_rune};

impl<F: FnMut(usize) -> Option<i64>> Parser<'_, F> {
    /// Parses one directive starting just after `%`, emitting its pieces. Returns false
    /// when the format ended inside it (after emitting `NoVerb`).
    pub(super) fn directive<'p>(&mut self, emit: &mut impl FnMut(Piece<'p>)) -> bool {
        self.good_arg_num = true;
        let mut spec = self.flags();
        let mut after_index = self.arg_number();
        if self.peek() == Some(b'*') {
            self.i += 1;
            match self.int_from_arg() {
                Some(w) => spec.width = Some(self.apply_signed_width(&mut spec, w)),
                None => emit(Piece::BadWidth),
            }
            after_index = false;
        } else {
            spec.width = self.parse_num();
            if after_index && spec.width.is_some() {
                self.good_arg_num = false;
            }
        }
        if self.i + 1 < self.len() && self.peek() == Some(b'.') {
            self.i += 1;
            if after_index {
                self.good_arg_num = false;
            }
            after_index = self.precision(&mut spec, emit);
        }
        if !after_index {
            self.arg_number();
        }
        self.verb(spec, emit)
    }

    /// The precision after `.`: an optional `[n]` index, then `*` or digits (none means
    /// 0). Returns whether an index is still pending for the verb, as Go's `afterIndex`.
    fn precision<'p>(&mut self, spec: &mut Spec, emit: &mut impl FnMut(Piece<'p>)) -> bool {
        let after_index = self.arg_number();
        if self.peek() != Some(b'*') {
            spec.precision = Some(self.parse_num().unwrap_or(0));
            return after_index;
        }
        self.i += 1;
        spec.precision = self.int_from_arg().and_then(|p| usize::try_from(p).ok());
        if spec.precision.is_none() {
            emit(Piece::BadPrec);
        }
        false
    }

    /// Reads the verb and emits what it produces.
    fn verb<'p>(&mut self, mut spec: Spec, emit: &mut impl FnMut(Piece<'p>)) -> bool {
        let rest = self.rest();
        if rest.is_empty() {
            emit(Piece::NoVerb);
            return false;
        }
        let (rune, size) = decode_rune(rest);
        self.i += size;
        let verb = char::from_u32(rune).unwrap_or(char::REPLACEMENT_CHARACTER);
        if verb == '%' {
            emit(Piece::Percent);
        } else if !self.good_arg_num {
            emit(Piece::BadIndex(verb));
        } else if self.arg_num >= self.n_args {
            emit(Piece::Missing(verb));
        } else {
            // `%w` (Errorf's wrapping verb) takes its flags as `%v` does.
            if verb == 'v' || verb == 'w' {
                spec.sharp_v = std::mem::take(&mut spec.sharp);
                spec.plus_v = std::mem::take(&mut spec.plus);
            }
            emit(Piece::Verb {
                verb,
                spec,
                arg: self.arg_num,
            });
            self.arg_num += 1;
        }
        true
    }

    fn flags(&mut self) -> Spec {
        let mut spec = Spec::default();
        while let Some(c) = self.peek() {
            match c {
                b'#' => spec.sharp = true,
                b'0' => spec.zero = true,
                b'+' => spec.plus = true,
                b'-' => spec.minus = true,
                b' ' => spec.space = true,
                _ => break,
            }
            self.i += 1;
        }
        spec
    }

    /// A negative `*` width means left-justify, as Go does.
    fn apply_signed_width(&self, spec: &mut Spec, w: i64) -> usize {
        if w < 0 {
            spec.minus = true;
            spec.zero = false;
        }
        usize::try_from(w.unsigned_abs()).unwrap_or(0)
    }

    /// Go's `intFromArg`: consumes an argument for `*` if there is one.
    fn int_from_arg(&mut self) -> Option<i64> {
        if self.arg_num >= self.n_args {
            return None;
        }
        let res = (self.star_arg)(self.arg_num);
        self.arg_num += 1;
        res.filter(|n| (-TOO_LARGE..=TOO_LARGE).contains(n))
    }

    /// Go's `argNumber`: an optional `[n]` index. Returns whether one was found (even if
    /// it was out of range, which clears `good_arg_num`).
    fn arg_number(&mut self) -> bool {
        if self.peek() != Some(b'[') {
            return false;
        }
        self.reordered = true;
        let (index, width, ok) = self.parse_arg_number();
        self.i += width;
        match index {
            Some(index) if ok && index < self.n_args => self.arg_num = index,
            _ => self.good_arg_num = false,
        }
        ok
    }

    /// Go's `parseArgNumber` on the text at `[`: the 0-based index, the bytes consumed,
    /// and whether the brackets held a number.
    fn parse_arg_number(&self) -> (Option<usize>, usize, bool) {
        let rest = self.rest();
        if rest.len() < 3 {
            return (None, 1, false);
        }
        let Some(close) = rest.iter().position(|&c| c == b']') else {
            return (None, 1, false);
        };
        let inner = &rest[1..close];
        let all_digits = !inner.is_empty() && inner.iter().all(u8::is_ascii_digit);
        let value = if all_digits {
            parse_decimal(inner)
        } else {
            None
        };
        match value {
            Some(n) => (n.checked_sub(1), close + 1, true),
            None => (None, close + 1, false),
        }
    }

    /// Go's `parsenum`: a decimal number, if digits follow. A number past the cap makes
    /// Go skip to the end of the format, and so does this.
    fn parse_num(&mut self) -> Option<usize> {
        let digits = self
            .rest()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        let text = &self.rest()[..digits];
        match parse_decimal(text) {
            Some(n) => {
                self.i += digits;
                Some(n)
            }
            None => {
                self.i = self.len();
                None
            }
        }
    }
}

/// Decimal digits to a number, `None` once it passes Go's cap (as `tooLarge`, checked
/// before each digit is added).
fn parse_decimal(digits: &[u8]) -> Option<usize> {
    let mut n: i64 = 0;
    for &d in digits {
        if n > TOO_LARGE {
            return None;
        }
        n = n * 10 + i64::from(d - b'0');
    }
    usize::try_from(n).ok()
}

impl<F> Parser<'_, F> {
    fn peek(&self) -> Option<u8> {
        self.format.get(self.i).copied()
    }

    fn len(&self) -> usize {
        self.format.len()
    }

    fn rest(&self) -> &[u8] {
        self.format.get(self.i..).unwrap_or_default()
    }
}
