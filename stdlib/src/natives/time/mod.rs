//! The non-blocking `time` natives: the clock (`now`), `Duration.String`,
//! `ParseDuration`, `Time.String` and `Time.Format` in UTC.
//!
//! This module owns the texts and the wall and monotonic readings. Sleeping and timers
//! park goroutines, so they belong to the scheduler; until it registers its own, `Sleep`
//! here serves single-goroutine programs and the timer natives panic with a message that
//! says so. Layout formatting is `layout`.
//!
//! Invariant: `now`'s monotonic reading is nanoseconds since the registry was built plus
//! one, so it is never 0 (0 means "no reading" in `time.Time`).

mod layout;

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use minigo_vm::native::NativeOutcome;

use super::heapval::{new_string, str_bytes};
use super::{Registry, arg, go_panic, ret};

const SECOND: u64 = 1_000_000_000;

/// Registers the `time` natives.
pub fn register(reg: &mut Registry) {
    let start = Instant::now();
    reg.add("time.now", move |_, args| {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        ret(args, 0, wall.as_secs());
        ret(args, 1, u64::from(wall.subsec_nanos()));
        ret(args, 2, start.elapsed().as_nanos() as u64 + 1);
        NativeOutcome::Return
    });
    reg.add("time.durationString", |ctx, args| {
        let text = duration_string(arg(args, 0) as i64);
        ret(args, 0, new_string(ctx, text.as_bytes()));
        NativeOutcome::Return
    });
    reg.add("time.parseDuration", |ctx, args| {
        let (d, msg) = match parse_duration(str_bytes(arg(args, 0))) {
            Ok(d) => (d, String::new()),
            Err(msg) => (0, msg),
        };
        ret(args, 0, d as u64);
        ret(args, 1, new_string(ctx, msg.as_bytes()));
        NativeOutcome::Return
    });
    reg.add("time.timeString", |ctx, args| {
        let text = layout::time_string(
            arg(args, 0) as i64,
            arg(args, 1) as i64,
            arg(args, 2) as i64,
        );
        ret(args, 0, new_string(ctx, text.as_bytes()));
        NativeOutcome::Return
    });
    reg.add("time.formatTime", |ctx, args| {
        let layout = str_bytes(arg(args, 2));
        let text = layout::format(arg(args, 0) as i64, arg(args, 1) as i64, layout);
        ret(args, 0, new_string(ctx, &text));
        NativeOutcome::Return
    });
    register_fallbacks(reg);
}

/// Sleeping and timers without a scheduler: see the module doc.
fn register_fallbacks(reg: &mut Registry) {
    reg.add("time.Sleep", |_, args| {
        let d = arg(args, 0) as i64;
        if d > 0 {
            // With one goroutine there is nothing else to run, so waiting on the OS thread
            // is what parking would do; the scheduler replaces this native.
            std::thread::sleep(std::time::Duration::from_nanos(d as u64));
        }
        NativeOutcome::Return
    });
    for name in ["time.startTimer", "time.stopTimer", "time.resetTimer"] {
        reg.add(name, |_, _| {
            go_panic("time: timers need the goroutine scheduler")
        });
    }
}

/// Go's `fmtFrac`: the fraction digits of `v` (with `prec` of them) without trailing
/// zeros, and what is left of `v`.
fn frac(v: u64, prec: u32) -> (String, u64) {
    let scale = 10u64.pow(prec);
    let digits = format!("{:0width$}", v % scale, width = prec as usize);
    let digits = digits.trim_end_matches('0');
    let text = if digits.is_empty() {
        String::new()
    } else {
        format!(".{digits}")
    };
    (text, v / scale)
}

/// Go's `Duration.String`.
pub fn duration_string(d: i64) -> String {
    let neg = d < 0;
    let u = d.unsigned_abs();
    let body = if u < SECOND {
        let (prec, unit) = match u {
            0 => return "0s".into(),
            1..1_000 => (0, "ns"),
            1_000..1_000_000 => (3, "µs"),
            _ => (6, "ms"),
        };
        let (f, int) = frac(u, prec);
        format!("{int}{f}{unit}")
    } else {
        let (f, secs) = frac(u, 9);
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        match (h, secs / 60) {
            (0, 0) => format!("{s}{f}s"),
            (0, _) => format!("{m}m{s}{f}s"),
            _ => format!("{h}h{m}m{s}{f}s"),
        }
    };
    if neg { format!("-{body}") } else { body }
}

/// `time`'s own `quote`: double quotes, with `"` and `\` escaped.
fn quote(s: &[u8]) -> String {
    let text = String::from_utf8_lossy(s);
    let mut out = String::from("\"");
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn unit_nanos(unit: &[u8]) -> Option<u64> {
    Some(match unit {
        b"ns" => 1,
        b"us" => 1_000,
        b"\xc2\xb5s" | b"\xce\xbcs" => 1_000,
        b"ms" => 1_000_000,
        b"s" => SECOND,
        b"m" => 60 * SECOND,
        b"h" => 3600 * SECOND,
        _ => return None,
    })
}

/// Go's `ParseDuration`; the error is the message text.
pub fn parse_duration(orig: &[u8]) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", quote(orig));
    let mut s = orig;
    let neg = s.first() == Some(&b'-');
    if matches!(s.first(), Some(b'-' | b'+')) {
        s = &s[1..];
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        let (v, rest) = parse_component(s, orig)?;
        s = rest;
        total = total
            .checked_add(v)
            .filter(|&t| t <= 1 << 63)
            .ok_or_else(invalid)?;
    }
    if neg {
        return Ok((total as i64).wrapping_neg());
    }
    i64::try_from(total).map_err(|_| invalid())
}

/// One `[0-9]*(\.[0-9]*)?unit` component: its nanoseconds and the rest of the text.
fn parse_component<'a>(s: &'a [u8], orig: &[u8]) -> Result<(u64, &'a [u8]), String> {
    let invalid = || format!("time: invalid duration {}", quote(orig));
    let is_digit = |c: &u8| c.is_ascii_digit();
    if !(s[0] == b'.' || s[0].is_ascii_digit()) {
        return Err(invalid());
    }
    let int_len = s.iter().take_while(|c| is_digit(c)).count();
    let mut v: u64 = 0;
    for &c in &s[..int_len] {
        let next = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(c - b'0')));
        v = next.filter(|&v| v <= 1 << 63).ok_or_else(invalid)?;
    }
    let mut rest = &s[int_len..];
    let (mut f, mut scale, mut post) = (0u64, 1f64, false);
    if rest.first() == Some(&b'.') {
        rest = &rest[1..];
        let n = rest.iter().take_while(|c| is_digit(c)).count();
        post = n > 0;
        for &c in &rest[..n] {
            if let Some(y) = f
                .checked_mul(10)
                .map(|y| y + u64::from(c - b'0'))
                .filter(|&y| y <= 1 << 63)
            {
                f = y;
                scale *= 10.0;
            }
        }
        rest = &rest[n..];
    }
    if int_len == 0 && !post {
        return Err(invalid());
    }
    let unit_len = rest
        .iter()
        .take_while(|&&c| c != b'.' && !c.is_ascii_digit())
        .count();
    if unit_len == 0 {
        return Err(format!("time: missing unit in duration {}", quote(orig)));
    }
    let unit_text = &rest[..unit_len];
    let Some(unit) = unit_nanos(unit_text) else {
        return Err(format!(
            "time: unknown unit {} in duration {}",
            quote(unit_text),
            quote(orig)
        ));
    };
    let mut v = v
        .checked_mul(unit)
        .filter(|&v| v <= 1 << 63)
        .ok_or_else(invalid)?;
    if f > 0 {
        v = v
            .checked_add((f as f64 * (unit as f64 / scale)) as u64)
            .filter(|&v| v <= 1 << 63)
            .ok_or_else(invalid)?;
    }
    Ok((v, &rest[unit_len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_go() {
        let cases = [
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (250_000_000, "250ms"),
            (1_500_000_000, "1.5s"),
            (60 * SECOND as i64, "1m0s"),
            (3600 * SECOND as i64, "1h0m0s"),
            (9_930_500_000_000, "2h45m30.5s"),
            (-1_500_000_000, "-1.5s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
        ];
        for (d, want) in cases {
            assert_eq!(duration_string(d), want, "{d}");
        }
    }

    #[test]
    fn durations_parse_like_go() {
        assert_eq!(parse_duration(b"1h30m"), Ok(5400 * SECOND as i64));
        assert_eq!(parse_duration(b"-1.5s"), Ok(-1_500_000_000));
        assert_eq!(parse_duration(b"300ms"), Ok(300_000_000));
        assert_eq!(parse_duration(b"1\xc2\xb5s"), Ok(1_000));
        assert_eq!(parse_duration(b"0"), Ok(0));
        assert_eq!(
            parse_duration(b"s"),
            Err("time: invalid duration \"s\"".into())
        );
        assert_eq!(
            parse_duration(b"1"),
            Err("time: missing unit in duration \"1\"".into())
        );
        assert_eq!(
            parse_duration(b"1x"),
            Err("time: unknown unit \"x\" in duration \"1x\"".into())
        );
    }
}
