//! WARC and WARC.gz (the CC-NEWS layout: one gzip member per record). Every `response`
//! record whose HTTP payload is an HTML page becomes an article; the URL comes from
//! `WARC-Target-URI`, and `WARC-Date` is the date of last resort.
//!
//! Written here rather than with the `warc` crate: that reader ends silently when a record
//! header is cut off, reads record blocks line by line, and cannot say which record failed.
//! We need exact per-record errors on truncated input and a streaming reader that never
//! holds more than one record.

use std::io::{BufRead, Read};

use super::{InputError, MAX_DOC_BYTES, RawBody, RawDoc};
use crate::model::{Format, Origin};

/// One WARC record: its named headers and its content block.
pub struct Record {
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl Record {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Reads records one by one from a (decompressed) WARC stream.
pub struct Reader<R> {
    r: R,
    /// Number of the record being read, from 1.
    pub record: usize,
    done: bool,
    /// After a framing error: skip to the next line that starts a record (`WARC/1.`).
    resync: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(r: R) -> Self {
        Reader { r, record: 0, done: false, resync: false }
    }

    fn line(&mut self, buf: &mut Vec<u8>) -> Result<usize, String> {
        buf.clear();
        let n = (&mut self.r).take(64 << 10).read_until(b'\n', buf).map_err(|e| read_reason(&e))?;
        if n > 0 && !buf.ends_with(b"\n") && n >= 64 << 10 {
            return Err("header line too long".into());
        }
        Ok(n)
    }

    /// The next record, `None` at a clean end of input, or an error after which reading stops.
    pub fn next_record(&mut self) -> Option<Result<Record, String>> {
        if self.done {
            return None;
        }
        if self.resync {
            self.resync = false;
            if let Err(e) = self.skip_to_next_record() {
                self.done = true;
                return Some(Err(e));
            }
        }
        let r = self.read_record();
        if let Some(Err(e)) = &r {
            // a framing error: the records after it are still read, from the next version
            // line; the end of the input or an unreadable stream ends the reading
            if e.starts_with("truncated") || e.contains("gzip") || e.starts_with("cannot read") || self.record <= 1 && e.starts_with("not a WARC") {
                self.done = true;
            } else {
                self.resync = true;
            }
        }
        r
    }

    /// Skip input up to the next line that starts with `WARC/1.` (left unread), a buffer at a
    /// time: memory stays bounded whatever lies between.
    fn skip_to_next_record(&mut self) -> Result<(), String> {
        let mut at_line_start = true;
        loop {
            let buf = self.r.fill_buf().map_err(|e| read_reason(&e))?;
            if buf.is_empty() {
                return Ok(());
            }
            let mut i = 0;
            while i < buf.len() {
                if at_line_start && buf[i] == b'W' {
                    // need the whole prefix in the buffer to decide; if it is cut, consume up to
                    // here and look again with a fresh buffer
                    if buf.len() - i < 7 {
                        break;
                    }
                    if &buf[i..i + 7] == b"WARC/1." {
                        self.r.consume(i);
                        return Ok(());
                    }
                }
                at_line_start = buf[i] == b'\n';
                i += 1;
            }
            if i == 0 {
                // fewer than 7 bytes left and they may start a version line: read on
                let mut one = [0u8; 1];
                match self.r.read(&mut one) {
                    Ok(0) => return Ok(()),
                    Ok(_) => at_line_start = one[0] == b'\n',
                    Err(e) => return Err(read_reason(&e)),
                }
                continue;
            }
            self.r.consume(i);
        }
    }

    fn read_record(&mut self) -> Option<Result<Record, String>> {
        let mut buf = Vec::new();
        // Skip blank lines between records; a clean EOF here is the end.
        loop {
            match self.line(&mut buf) {
                Err(e) => return Some(Err(e)),
                Ok(0) => return None,
                Ok(_) if buf.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(_) => break,
            }
        }
        self.record += 1;
        if !buf.starts_with(b"WARC/") {
            return Some(Err("not a WARC record (no \"WARC/\" version line)".into()));
        }
        let mut headers = Vec::new();
        loop {
            match self.line(&mut buf) {
                Err(e) => return Some(Err(e)),
                Ok(0) => return Some(Err("truncated record (end of input inside the headers)".into())),
                Ok(_) => {}
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            } else if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
            } else {
                return Some(Err(format!("malformed header line {line:?}")));
            }
        }
        let len = match headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Content-Length")) {
            None => return Some(Err("record has no Content-Length".into())),
            Some((_, v)) => match v.parse::<usize>() {
                Ok(n) if n <= MAX_DOC_BYTES => n,
                Ok(n) => return Some(Err(format!("record too large ({n} bytes)"))),
                Err(_) => return Some(Err(format!("bad Content-Length {v:?}"))),
            },
        };
        let mut block = vec![0u8; len];
        let mut got = 0;
        while got < len {
            match self.r.read(&mut block[got..]) {
                Ok(0) => return Some(Err(format!("truncated record (block has {got} of {len} bytes)"))),
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Some(Err(read_reason(&e))),
            }
        }
        Some(Ok(Record { headers, block }))
    }
}

fn read_reason(e: &std::io::Error) -> String {
    super::decode::gzip_reason(e)
}

/// Read a WARC stream and emit one document per HTML response record.
pub fn read(r: impl BufRead, shown: &str, emit: &mut dyn FnMut(Result<RawDoc, InputError>)) {
    let mut reader = Reader::new(r);
    let mut saw_any = false;
    while let Some(rec) = reader.next_record() {
        let locator = Some(format!("record {}", reader.record));
        let rec = match rec {
            Ok(r) => r,
            Err(why) => {
                let why = if !saw_any && reader.record <= 1 && why.starts_with("not a WARC") {
                    "not a WARC file (no \"WARC/\" version line)".to_string()
                } else {
                    why
                };
                let loc = if reader.record == 0 { None } else { locator };
                emit(Err(InputError::new(shown, loc, why)));
                // after a framing error the reader goes on from the next record
                continue;
            }
        };
        saw_any = true;
        if !rec.header("WARC-Type").is_some_and(|t| t.eq_ignore_ascii_case("response")) {
            continue;
        }
        let origin = Origin { path: shown.to_string(), locator: locator.clone(), format: Format::Warc };
        match http_html(&rec.block) {
            Ok(Some((bytes, charset))) => {
                let mut doc = RawDoc::new(origin, RawBody::Html { bytes, charset });
                doc.url = rec.header("WARC-Target-URI").map(|u| u.trim_matches(['<', '>']).to_string());
                doc.fallback_date = rec.header("WARC-Date").and_then(super::html::parse_date_str);
                emit(Ok(doc));
            }
            Ok(None) => {} // not an HTML page (a redirect, an image, robots.txt): not an article
            Err(why) => emit(Err(InputError::at(&origin, why))),
        }
    }
    if !saw_any && reader.record == 0 {
        emit(Err(InputError::new(shown, None, "empty file (no WARC records)")));
    }
}

/// The HTML payload of an HTTP response block, with its declared charset; `None` when the
/// response is not a successful HTML page.
pub fn http_html(block: &[u8]) -> Result<Option<(Vec<u8>, Option<String>)>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let body_at = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("truncated HTTP response headers".into()),
        Err(e) => return Err(format!("bad HTTP response ({e})")),
    };
    if !resp.code.is_some_and(|c| (200..300).contains(&c)) {
        return Ok(None);
    }
    let get = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let ctype = get("Content-Type").unwrap_or_default().to_ascii_lowercase();
    let body = &block[body_at..];
    let is_html = if ctype.is_empty() {
        super::sniff(body) == super::FileKind::Html
    } else {
        ctype.contains("html")
    };
    if !is_html {
        return Ok(None);
    }
    let charset = ctype.split(';').filter_map(|p| p.trim().strip_prefix("charset=")).next().map(|c| c.trim_matches('"').to_string());
    let mut body = body.to_vec();
    if get("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).ok_or("bad chunked HTTP body")?;
    }
    match get("Content-Encoding").map(|e| e.to_ascii_lowercase()) {
        Some(e) if e.contains("gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(MAX_DOC_BYTES as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("HTTP body: {}", super::decode::gzip_reason(&e)))?;
            if out.len() > MAX_DOC_BYTES {
                return Err(format!("HTTP body over {} MiB once decompressed: not read (never cut short)", MAX_DOC_BYTES >> 20));
            }
            body = out;
        }
        Some(e) if e.contains("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_DOC_BYTES as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|_| "HTTP body: corrupt deflate data".to_string())?;
            if out.len() > MAX_DOC_BYTES {
                return Err(format!("HTTP body over {} MiB once decompressed: not read (never cut short)", MAX_DOC_BYTES >> 20));
            }
            body = out;
        }
        _ => {}
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("HTTP response has an empty body".into());
    }
    Ok(Some((body, charset)))
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = b.iter().position(|&c| c == b'\n')?;
        let size_line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            return None;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
    }
}

/// Write one WARC response record (for tests and fixtures): the page `html` served at `url`.
pub fn response_record(url: &str, date: &str, html: &[u8]) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    http.extend_from_slice(html);
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{:032x}>\r\nWARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        xxhash_rust::xxh3::xxh3_128(url.as_bytes()),
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(bytes: Vec<u8>) -> Vec<Result<RawDoc, InputError>> {
        let mut out = Vec::new();
        read(std::io::Cursor::new(bytes), "cc.warc", &mut |r| out.push(r));
        out
    }

    const PAGE: &[u8] = b"<html><body><article><p>Kyiv talks.</p></article></body></html>";

    #[test]
    fn reads_response_records_and_skips_others() {
        let mut w = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n".to_vec();
        w.extend(response_record("https://example.org/a", "2025-05-11T10:00:00Z", PAGE));
        w.extend(response_record("https://example.org/b", "2025-05-12T10:00:00Z", PAGE));
        let out = docs(w);
        assert_eq!(out.len(), 2);
        let d = out[1].as_ref().unwrap();
        assert_eq!(d.url.as_deref(), Some("https://example.org/b"));
        assert_eq!(d.fallback_date.unwrap().to_string(), "2025-05-12");
        assert_eq!(d.origin.locator.as_deref(), Some("record 3"));
    }

    #[test]
    fn truncated_record_is_an_error_naming_the_record() {
        let mut w = response_record("https://example.org/a", "2025-05-11T10:00:00Z", PAGE);
        let second = response_record("https://example.org/b", "2025-05-11T10:00:00Z", PAGE);
        w.extend_from_slice(&second[..second.len() - 30]);
        let out = docs(w);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.locator.as_deref(), Some("record 2"));
        assert!(e.message.starts_with("truncated record"), "{e}");
    }

    #[test]
    fn a_framing_error_does_not_lose_the_records_after_it() {
        // issue 15: a bad Content-Length used to end the file's reading
        let mut w = response_record("https://example.org/a", "2025-05-11T10:00:00Z", PAGE);
        w.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\ngarbage garbage\nmore garbage WARC/1.0 not at a line start\n");
        w.extend(response_record("https://example.org/c", "2025-05-11T10:00:00Z", PAGE));
        w.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\n");
        w.extend(std::iter::repeat_n(b'x', 200_000));
        w.extend_from_slice(b"\n");
        w.extend(response_record("https://example.org/d", "2025-05-11T10:00:00Z", PAGE));
        let out = docs(w);
        let urls: Vec<&str> = out.iter().filter_map(|r| r.as_ref().ok()).filter_map(|d| d.url.as_deref()).collect();
        assert_eq!(urls, ["https://example.org/a", "https://example.org/c", "https://example.org/d"]);
        let errs: Vec<String> = out.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("record 2") && errs[0].contains("bad Content-Length"), "{errs:?}");
        assert!(errs[1].contains("too large"), "{errs:?}");
    }

    #[test]
    fn a_gzip_body_over_the_cap_is_refused_not_cut() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        let chunk = vec![b' '; 1 << 20];
        gz.write_all(b"<html><body><p>").unwrap();
        for _ in 0..(MAX_DOC_BYTES >> 20) + 1 {
            gz.write_all(&chunk).unwrap();
        }
        let body = gz.finish().unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend(body);
        let e = http_html(&http).unwrap_err();
        assert!(e.contains("once decompressed"), "{e}");
    }

    #[test]
    fn not_a_warc() {
        let out = docs(b"hello world\n".to_vec());
        assert!(out[0].as_ref().unwrap_err().message.starts_with("not a WARC file"));
        let out = docs(Vec::new());
        assert!(out[0].as_ref().unwrap_err().message.contains("empty"));
    }

    #[test]
    fn chunked_and_non_html() {
        assert_eq!(dechunk(b"4\r\nKyiv\r\n5\r\n talk\r\n0\r\n\r\n").unwrap(), b"Kyiv talk");
        let img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(http_html(img).unwrap().is_none());
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(http_html(redirect).unwrap().is_none());
    }
}
