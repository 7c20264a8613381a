//! `Time.String` and `Time.Format` in UTC: civil dates from Unix seconds, and Go's layout
//! elements (`2006 01 02 15 04 05 Jan Mon PM MST -0700 Z07:00 .000 .999 ...`).
//!
//! This module owns the calendar arithmetic (Howard Hinnant's `civil_from_days`) and the
//! layout scanner, matching Go's `nextStdChunk` longest-first. There are no time zones:
//! every time is UTC, as the declaration file documents.
//!
//! Invariant: text outside layout elements is copied unchanged.

/// A broken-down UTC time.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    min: u32,
    sec: u32,
    nsec: u32,
    weekday: usize,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

fn civil(unix_sec: i64, nsec: i64) -> Civil {
    let days = unix_sec.div_euclid(86_400);
    let secs = unix_sec.rem_euclid(86_400);
    // Hinnant's civil_from_days: eras of 400 years starting on March 1.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month,
        day,
        hour: (secs / 3600) as u32,
        min: (secs / 60 % 60) as u32,
        sec: (secs % 60) as u32,
        nsec: nsec.clamp(0, 999_999_999) as u32,
        weekday: (days + 4).rem_euclid(7) as usize,
    }
}

/// Go's `Time.String` for a UTC time, with the ` m=+S.NNNNNNNNN` suffix when `mono != 0`.
pub fn time_string(unix_sec: i64, nsec: i64, mono: i64) -> String {
    let text = format(unix_sec, nsec, b"2006-01-02 15:04:05.999999999 -0700 MST");
    let mut res = String::from_utf8_lossy(&text).into_owned();
    if mono != 0 {
        let sign = if mono < 0 { '-' } else { '+' };
        let m = mono.unsigned_abs();
        res.push_str(&format!(
            " m={sign}{}.{:09}",
            m / 1_000_000_000,
            m % 1_000_000_000
        ));
    }
    res
}

/// Go's `Time.Format` for a UTC time.
pub fn format(unix_sec: i64, nsec: i64, layout: &[u8]) -> Vec<u8> {
    let t = civil(unix_sec, nsec);
    let mut out = Vec::new();
    let mut rest = layout;
    while let Some(&c) = rest.first() {
        match element(rest) {
            Some((len, write)) => {
                write(&t, &rest[..len], &mut out);
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                rest = &rest[1..];
            }
        }
    }
    out
}

type Writer = fn(&Civil, &[u8], &mut Vec<u8>);

/// The layout element at the start of `s`, longest first, and how to write it.
fn element(s: &[u8]) -> Option<(usize, Writer)> {
    const TABLE: &[(&[u8], Writer)] = &[
        (b"January", |t, _, o| {
            o.extend_from_slice(MONTHS[t.month as usize - 1].as_bytes())
        }),
        (b"Jan", |t, _, o| {
            o.extend_from_slice(&MONTHS[t.month as usize - 1].as_bytes()[..3])
        }),
        (b"Monday", |t, _, o| {
            o.extend_from_slice(DAYS[t.weekday].as_bytes())
        }),
        (b"Mon", |t, _, o| {
            o.extend_from_slice(&DAYS[t.weekday].as_bytes()[..3])
        }),
        (b"MST", |_, _, o| o.extend_from_slice(b"UTC")),
        (b"2006", |t, _, o| {
            o.extend_from_slice(format!("{:04}", t.year).as_bytes())
        }),
        (b"-07:00:00", |_, _, o| o.extend_from_slice(b"+00:00:00")),
        (b"-0700", |_, _, o| o.extend_from_slice(b"+0000")),
        (b"-07:00", |_, _, o| o.extend_from_slice(b"+00:00")),
        (b"-07", |_, _, o| o.extend_from_slice(b"+00")),
        (b"Z07:00", |_, _, o| o.push(b'Z')),
        (b"Z0700", |_, _, o| o.push(b'Z')),
        (b"Z07", |_, _, o| o.push(b'Z')),
        (b"01", |t, _, o| {
            o.extend_from_slice(format!("{:02}", t.month).as_bytes())
        }),
        (b"02", |t, _, o| {
            o.extend_from_slice(format!("{:02}", t.day).as_bytes())
        }),
        (b"03", |t, _, o| {
            o.extend_from_slice(format!("{:02}", hour12(t.hour)).as_bytes())
        }),
        (b"04", |t, _, o| {
            o.extend_from_slice(format!("{:02}", t.min).as_bytes())
        }),
        (b"05", |t, _, o| {
            o.extend_from_slice(format!("{:02}", t.sec).as_bytes())
        }),
        (b"06", |t, _, o| {
            o.extend_from_slice(format!("{:02}", t.year.rem_euclid(100)).as_bytes())
        }),
        (b"15", |t, _, o| {
            o.extend_from_slice(format!("{:02}", t.hour).as_bytes())
        }),
        (b"_2", |t, _, o| {
            o.extend_from_slice(format!("{:>2}", t.day).as_bytes())
        }),
        (b"PM", |t, _, o| {
            o.extend_from_slice(if t.hour >= 12 { b"PM" } else { b"AM" })
        }),
        (b"pm", |t, _, o| {
            o.extend_from_slice(if t.hour >= 12 { b"pm" } else { b"am" })
        }),
        (b"1", |t, _, o| {
            o.extend_from_slice(t.month.to_string().as_bytes())
        }),
        (b"2", |t, _, o| {
            o.extend_from_slice(t.day.to_string().as_bytes())
        }),
        (b"3", |t, _, o| {
            o.extend_from_slice(hour12(t.hour).to_string().as_bytes())
        }),
        (b"4", |t, _, o| {
            o.extend_from_slice(t.min.to_string().as_bytes())
        }),
        (b"5", |t, _, o| {
            o.extend_from_slice(t.sec.to_string().as_bytes())
        }),
    ];
    if let Some(len) = fraction_len(s) {
        return Some((len, write_fraction));
    }
    TABLE
        .iter()
        .find(|(pat, _)| s.starts_with(pat))
        .map(|&(pat, w)| (pat.len(), w))
}

fn hour12(h: u32) -> u32 {
    match h % 12 {
        0 => 12,
        h => h,
    }
}

/// `.000`, `,999`...: a separator then a run of one digit kind, not followed by a digit.
fn fraction_len(s: &[u8]) -> Option<usize> {
    let (&sep, rest) = s.split_first()?;
    let &digit = rest.first()?;
    if !matches!(sep, b'.' | b',') || !matches!(digit, b'0' | b'9') {
        return None;
    }
    let n = rest.iter().take_while(|&&c| c == digit).count();
    let followed_by_digit = rest.get(n).is_some_and(u8::is_ascii_digit);
    (!followed_by_digit).then_some(1 + n)
}

/// Writes a fraction element: `0`s keep trailing zeros, `9`s drop them (and the separator
/// when nothing is left).
fn write_fraction(t: &Civil, pat: &[u8], out: &mut Vec<u8>) {
    let n = (pat.len() - 1).min(9);
    let digits = format!("{:09}", t.nsec);
    let mut digits = &digits[..n];
    if pat.get(1) == Some(&b'9') {
        digits = digits.trim_end_matches('0');
        if digits.is_empty() {
            return;
        }
    }
    out.push(pat[0]);
    out.extend_from_slice(digits.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_playground_time_formats() {
        assert_eq!(
            time_string(1_257_894_000, 0, 0),
            "2009-11-10 23:00:00 +0000 UTC"
        );
        assert_eq!(
            time_string(1_257_894_000, 500_000_000, 0),
            "2009-11-10 23:00:00.5 +0000 UTC"
        );
        let text = format(1_257_894_000, 0, b"Mon Jan _2 15:04:05 2006 3PM .000");
        assert_eq!(
            String::from_utf8_lossy(&text),
            "Tue Nov 10 23:00:00 2009 11PM .000"
        );
        assert_eq!(
            format(0, 0, b"2006-01-02T15:04:05Z07:00"),
            b"1970-01-01T00:00:00Z"
        );
        assert!(time_string(0, 0, 1_234_567).ends_with(" m=+0.001234567"));
    }
}
