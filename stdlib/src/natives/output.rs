//! The program's standard output and standard error: buffered sinks an embedder can
//! replace, shared by every native that writes (`fmt.Print*`, `os.Stdout.Write`, the
//! `print` builtins).
//!
//! This module owns buffering and ordering. Standard output is buffered; standard error is
//! not, and every write to it first flushes standard output, so the two interleave as they
//! do in Go (which buffers neither). Whoever runs the program must call [`Output::flush`]
//! when it ends and before it prints a panic report.
//!
//! Invariant: bytes reach each sink in the order the program wrote them; a failing sink
//! drops bytes rather than failing the program (Go's `fmt.Println` ignores write errors too,
//! unless the program checks them).

use std::io::Write;
use std::sync::Arc;

use parking_lot::Mutex;

/// Flush standard output once this many bytes are buffered.
const BUFFER_LIMIT: usize = 8 << 10;

/// Where a program's output goes.
pub struct Output {
    inner: Mutex<Sinks>,
}

struct Sinks {
    stdout: Box<dyn Write + Send>,
    stderr: Box<dyn Write + Send>,
    pending: Vec<u8>,
}

impl Output {
    /// Output to the given sinks.
    pub fn new(stdout: Box<dyn Write + Send>, stderr: Box<dyn Write + Send>) -> Arc<Output> {
        Arc::new(Output {
            inner: Mutex::new(Sinks {
                stdout,
                stderr,
                pending: Vec::new(),
            }),
        })
    }

    /// Output to the process's own standard output and standard error.
    pub fn stdio() -> Arc<Output> {
        Output::new(Box::new(std::io::stdout()), Box::new(std::io::stderr()))
    }

    /// Output captured in memory; the two buffers receive standard output and standard
    /// error. For tests and embedders that collect a script's output.
    pub fn capture() -> (Arc<Output>, Captured, Captured) {
        let (out, err) = (Captured::default(), Captured::default());
        (
            Output::new(Box::new(out.clone()), Box::new(err.clone())),
            out,
            err,
        )
    }

    /// Writes to standard output (fd 1) or standard error (fd 2); other descriptors are
    /// dropped. Returns the number of bytes accepted.
    pub fn write(&self, fd: i64, bytes: &[u8]) -> usize {
        let mut sinks = self.inner.lock();
        match fd {
            1 => {
                sinks.pending.extend_from_slice(bytes);
                if sinks.pending.len() >= BUFFER_LIMIT {
                    sinks.flush_stdout();
                }
            }
            2 => {
                sinks.flush_stdout();
                let _ = sinks.stderr.write_all(bytes);
                let _ = sinks.stderr.flush();
            }
            _ => return 0,
        }
        bytes.len()
    }

    /// Writes everything buffered to the sinks.
    pub fn flush(&self) {
        let mut sinks = self.inner.lock();
        sinks.flush_stdout();
        let _ = sinks.stderr.flush();
    }
}

impl Sinks {
    fn flush_stdout(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let _ = self.stdout.write_all(&pending);
        let _ = self.stdout.flush();
    }
}

/// An in-memory sink whose contents can be read while the program still holds it.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything written so far, as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stderr_writes_flush_stdout_first() {
        let (out, stdout, stderr) = Output::capture();
        out.write(1, b"a");
        assert_eq!(stdout.text(), "", "stdout is buffered");
        out.write(2, b"b");
        assert_eq!(stdout.text(), "a");
        assert_eq!(stderr.text(), "b");
        out.write(1, b"c");
        out.flush();
        assert_eq!(stdout.text(), "ac");
        assert_eq!(out.write(3, b"x"), 0);
    }
}
