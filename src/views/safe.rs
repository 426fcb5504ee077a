//! A writer that keeps untrusted text from driving the terminal.
//!
//! Everything storyline prints on stdout goes through [`SafeOut`]: escape sequences and
//! control characters from an article's id, title or text never reach the terminal raw (no
//! `\e[2J` clearing the screen, no bell, no title change). Only the colour codes storyline
//! itself writes (SGR sequences, `\e[…m`) pass, and only when stdout is a terminal. On a
//! terminal, Unicode bidirectional controls are shown as `<U+202E>` instead of reordering the
//! line (`…/\u{202e}gnp.exe` would read as `…/exe.png`), and C1 controls are dropped. JSON
//! output is not changed by this: serde already writes every control character escaped, and
//! off a terminal bidi characters pass as they are, so piped JSON keeps its exact strings.

use std::io::{self, Write};

/// The stdout filter (see the module doc).
pub struct SafeOut<W: Write> {
    inner: W,
    tty: bool,
    carry: Vec<u8>,
    /// Bytes passed unfiltered since the last line break, handed on at the next one (or at a
    /// flush): one `write_all` a line instead of one a piece, which the standard output's
    /// line buffer searched for a line break each time. A line reaches the terminal when
    /// it ends, as through the standard output alone.
    line: Vec<u8>,
}

impl<W: Write> SafeOut<W> {
    /// `tty`: whether the output is a terminal (colour codes pass, bidi controls are shown).
    pub fn new(inner: W, tty: bool) -> SafeOut<W> {
        SafeOut { inner, tty, carry: Vec::new(), line: Vec::new() }
    }

    /// Filter `buf`; returns how many bytes at its end are an incomplete sequence to keep.
    fn filter(&self, buf: &[u8], out: &mut Vec<u8>, at_end: bool) -> usize {
        let n = buf.len();
        let mut i = 0;
        while i < n {
            let b = buf[i];
            if b == 0x1b {
                if i + 1 >= n {
                    return if at_end { 0 } else { n - i };
                }
                if buf[i + 1] == b'[' {
                    let mut j = i + 2;
                    while j < n && (buf[j].is_ascii_digit() || buf[j] == b';' || (0x20..=0x2f).contains(&buf[j]) || buf[j] == b'?') {
                        j += 1;
                    }
                    if j >= n {
                        return if at_end { 0 } else { n - i };
                    }
                    let sgr = buf[j] == b'm' && buf[i + 2..j].iter().all(|c| c.is_ascii_digit() || *c == b';');
                    if sgr && self.tty {
                        out.extend_from_slice(&buf[i..=j]);
                    }
                    i = j + 1;
                } else {
                    i += 2;
                }
                continue;
            }
            if b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r') || b == 0x7f {
                i += 1;
                continue;
            }
            if self.tty && (b == 0xc2 || b == 0xd8 || b == 0xe2) {
                let need = if b == 0xe2 { 3 } else { 2 };
                if i + need > n {
                    if !at_end {
                        return n - i;
                    }
                } else {
                    let seq = &buf[i..i + need];
                    let c1 = b == 0xc2 && (0x80..=0x9f).contains(&seq[1]);
                    let bidi = match seq {
                        [0xd8, 0x9c] => Some(0x061c),
                        [0xe2, 0x80, x] if matches!(x, 0x8e | 0x8f) || (0xaa..=0xae).contains(x) => Some(0x2000 + (*x as u32 - 0x80)),
                        [0xe2, 0x81, x] if (0xa6..=0xa9).contains(x) => Some(0x2040 + (*x as u32 - 0x80)),
                        _ => None,
                    };
                    if c1 {
                        i += need;
                        continue;
                    }
                    if let Some(cp) = bidi {
                        out.extend_from_slice(format!("<U+{cp:04X}>").as_bytes());
                        i += need;
                        continue;
                    }
                }
            }
            out.push(b);
            i += 1;
        }
        0
    }
}

impl<W: Write> SafeOut<W> {
    /// Hand on the bytes held since the last line break.
    fn pass_line(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.inner.write_all(&self.line)?;
            self.line.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for SafeOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Nothing held back and no byte the filter would act on: `buf` passes as it is. serde
        // writes JSON in pieces of a few bytes (1.4 M writes for the 402 Timeline17 H1N1
        // articles' `extract`): copying each into two new buffers and handing it on alone
        // was 707 M of its 2,902 M instructions (callgrind).
        let tty = self.tty;
        if self.carry.is_empty() && buf.iter().all(|&b| (b >= 0x20 && b != 0x7f && !(tty && matches!(b, 0xc2 | 0xd8 | 0xe2))) || matches!(b, b'\n' | b'\t' | b'\r')) {
            self.line.extend_from_slice(buf);
            if buf.contains(&b'\n') || self.line.len() >= 1 << 16 {
                self.pass_line()?;
            }
            return Ok(buf.len());
        }
        self.pass_line()?;
        let mut all = std::mem::take(&mut self.carry);
        all.extend_from_slice(buf);
        let mut out = Vec::with_capacity(all.len());
        let keep = self.filter(&all, &mut out, false);
        self.carry = all[all.len() - keep..].to_vec();
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.pass_line()?;
        let rest = std::mem::take(&mut self.carry);
        let mut out = Vec::new();
        self.filter(&rest, &mut out, true);
        self.inner.write_all(&out)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeOut<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(s: &str, tty: bool) -> String {
        let mut v = Vec::new();
        {
            let mut w = SafeOut::new(&mut v, tty);
            // byte by byte: sequences split across writes are still caught
            for b in s.as_bytes() {
                w.write_all(&[*b]).unwrap();
            }
            w.flush().unwrap();
        }
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn escapes_and_controls_never_pass() {
        assert_eq!(through("id\x1b[2Jx\x07y\x1b]0;pwned\x07", false), "idxy0;pwned");
        assert_eq!(through("\x1b[1mbold\x1b[0m", true), "\x1b[1mbold\x1b[0m");
        assert_eq!(through("\x1b[1mbold\x1b[0m", false), "bold");
        assert_eq!(through("a\x1b[2Jb", true), "ab");
        assert_eq!(through("Erdoğan – Зеленський\n", true), "Erdoğan – Зеленський\n");
    }

    #[test]
    fn bidi_controls_are_shown_on_a_terminal() {
        assert_eq!(through("photo/\u{202e}gnp.exe", true), "photo/<U+202E>gnp.exe");
        assert_eq!(through("a\u{2066}b\u{2069}c\u{200f}", true), "a<U+2066>b<U+2069>c<U+200F>");
        // off a terminal (JSON into a pipe) the text is kept exactly
        assert_eq!(through("photo/\u{202e}gnp.exe", false), "photo/\u{202e}gnp.exe");
    }

    #[test]
    fn plain_pieces_pass_whole_and_the_rest_is_filtered_as_before() {
        // serde's pieces: plain ones go through unfiltered, one with a control or a held-back
        // sequence's start through the filter, with what an earlier piece held back
        for tty in [false, true] {
            let pieces = ["{\"title\":\"", "Erdoğan – ", "photo/\u{202e}", "gnp", "\x1b[", "2J", "ok\x07\"}\n"];
            let mut v = Vec::new();
            {
                let mut w = SafeOut::new(&mut v, tty);
                for p in pieces {
                    w.write_all(p.as_bytes()).unwrap();
                }
                w.flush().unwrap();
            }
            assert_eq!(String::from_utf8(v).unwrap(), through(&pieces.concat(), tty));
        }
    }

    #[test]
    fn a_line_is_handed_on_when_it_ends() {
        let mut w = SafeOut::new(Vec::new(), false);
        w.write_all(b"{\"id\":").unwrap();
        w.write_all(b"\"a\"").unwrap();
        assert!(w.inner.is_empty(), "a line not ended yet is held");
        w.write_all(b"}\n{").unwrap();
        assert_eq!(w.inner, b"{\"id\":\"a\"}\n{");
        // a piece the filter reads hands on what was held first, in order
        w.write_all(b"\x07}").unwrap();
        assert_eq!(w.inner, b"{\"id\":\"a\"}\n{}");
        w.write_all(b"\"x\"").unwrap();
        w.flush().unwrap();
        assert_eq!(w.inner, b"{\"id\":\"a\"}\n{}\"x\"");
    }
}
