//! JSON Lines: one article per line, `{"id", "text" | "html", "title", "url", "source",
//! "published"}`. Lines are read as a stream, so a file of any size works, and a bad line is
//! reported with its number while the others go on.

use std::io::BufRead;

use serde::Deserialize;

use super::{InputError, MAX_DOC_BYTES, RawBody, RawDoc};
use crate::model::{Format, Origin};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<serde_json::Value>,
    #[serde(default)]
    html: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<serde_json::Value>,
    #[serde(default, alias = "publisher", alias = "site", alias = "outlet")]
    source: Option<serde_json::Value>,
    #[serde(default, alias = "date", alias = "published_at")]
    published: Option<serde_json::Value>,
}

/// A text field: a string (blank counts as absent) or null; any other type is an error that
/// names the field, so `"text": 42` is not stored as the article "42".
fn string_field(name: &str, v: Option<serde_json::Value>) -> Result<Option<String>, String> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => {
            let t = s.trim();
            Ok((!t.is_empty()).then(|| t.to_string()))
        }
        Some(other) => Err(format!("\"{name}\" is {}, not a string", kind_of(&other))),
    }
}

/// An id: a string, or an integer written as one (`"id": 7` is the id "7").
fn id_field(v: Option<serde_json::Value>) -> Result<Option<String>, String> {
    match v {
        Some(serde_json::Value::Number(n)) if n.is_u64() || n.is_i64() => Ok(Some(n.to_string())),
        v => string_field("id", v),
    }
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Read every line of a JSONL stream. `shown` names the file in errors.
pub fn read(mut r: impl BufRead, shown: &str, emit: &mut dyn FnMut(Result<RawDoc, InputError>)) {
    // room for the longest line accepted, reserved once (address space, not memory: only
    // the pages a line fills are touched), so that a long line never reallocates: a buffer
    // grown by doubling holds its old and new copies at once (a 256 MiB line peaked at 174 MB)
    let mut buf = Vec::with_capacity(MAX_DOC_BYTES + 1);
    let mut lineno = 0usize;
    loop {
        buf.clear();
        lineno += 1;
        let loc = || Some(format!("line {lineno}"));
        match std::io::Read::take(&mut r, MAX_DOC_BYTES as u64 + 1).read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let why = if shown.to_ascii_lowercase().ends_with(".gz") {
                    super::decode::gzip_reason(&e)
                } else {
                    format!("cannot read: {}", super::io_reason(&e))
                };
                emit(Err(InputError::new(shown, loc(), why)));
                break;
            }
        }
        if buf.len() > MAX_DOC_BYTES {
            emit(Err(InputError::new(shown, loc(), format!("line too long (over {} MiB)", MAX_DOC_BYTES >> 20))));
            // skip the rest of this line without holding it: memory stays bounded by the
            // reader's buffer whatever the line's length
            if skip_line(&mut r).is_err() {
                break;
            }
            continue;
        }
        if buf.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        emit(parse_line(&buf, shown, lineno));
    }
}

/// Consume the stream up to and including the next newline, a buffer at a time.
fn skip_line(r: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

fn parse_line(bytes: &[u8], shown: &str, lineno: usize) -> Result<RawDoc, InputError> {
    let loc = Some(format!("line {lineno}"));
    let err = |m: String| InputError::new(shown, loc.clone(), m);
    let line = std::str::from_utf8(bytes).map_err(|e| err(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    if !line.trim_start().starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| err(format!("not JSON ({e})")))?;
        let _ = value;
        return Err(err("not a JSON object".into()));
    }
    // read straight into the record, not through a map: a field given twice ("text" twice,
    // or "source" and its alias "publisher") is an error, not the last one silently kept
    let rec: Line = serde_json::from_str(line).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            err(format!("not JSON ({e})"))
        } else {
            err(format!("bad fields ({e})"))
        }
    })?;
    let origin = Origin { path: shown.to_string(), locator: loc.clone(), format: Format::Jsonl };
    let text = string_field("text", rec.text).map_err(&err)?;
    let html = string_field("html", rec.html).map_err(&err)?;
    let body = match (text, html) {
        (Some(t), _) => RawBody::Text(t),
        (None, Some(h)) => RawBody::Html { bytes: h.into_bytes(), charset: Some("utf-8".into()) },
        (None, None) => return Err(err("no text: the line has neither a non-empty \"text\" nor \"html\"".into())),
    };
    let mut doc = RawDoc::new(origin, body);
    doc.id = id_field(rec.id).map_err(&err)?;
    doc.title = string_field("title", rec.title).map_err(&err)?;
    doc.url = string_field("url", rec.url).map_err(&err)?;
    doc.source = string_field("source", rec.source).map_err(&err)?;
    if let Some(p) = string_field("published", rec.published).map_err(&err)? {
        match super::html::parse_date_str(&p) {
            Some(d) => doc.published = Some(d),
            None => return Err(err(format!("\"published\" is not a date: {p:?}"))),
        }
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(s: &str) -> Vec<Result<RawDoc, InputError>> {
        let mut out = Vec::new();
        read(std::io::Cursor::new(s.as_bytes().to_vec()), "f.jsonl", &mut |r| out.push(r));
        out
    }

    #[test]
    fn good_and_bad_lines() {
        let out = read_all(concat!(
            "{\"id\": \"a1\", \"text\": \"Fidan met Sybiha in Kyiv.\", \"published\": \"2025-05-30\", \"publisher\": \"AA\"}\n",
            "not json\n",
            "\n",
            "{\"id\": 7, \"title\": \"no text here\"}\n",
            "[1, 2]\n",
            "{\"html\": \"<html><body><p>x</p></body></html>\"}\n",
            "{\"id\": \"d\", \"text\": \"t\", \"published\": \"someday\"}\n",
        ));
        assert_eq!(out.len(), 6);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some("a1"));
        assert_eq!(a.source.as_deref(), Some("AA"));
        assert_eq!(a.published.unwrap().to_string(), "2025-05-30");
        let e = out[1].as_ref().unwrap_err();
        assert!(e.to_string().starts_with("f.jsonl: line 2: not JSON"), "{e}");
        assert!(out[2].as_ref().unwrap_err().to_string().starts_with("f.jsonl: line 4: no text"));
        assert!(out[3].as_ref().unwrap_err().message.contains("not a JSON object"));
        assert!(matches!(out[4].as_ref().unwrap().body, RawBody::Html { .. }));
        assert!(out[5].as_ref().unwrap_err().message.contains("not a date"));
    }

    #[test]
    fn an_over_long_line_is_skipped_without_holding_it() {
        // a reader that counts how much any one read asks it to hold
        struct Endless {
            left: usize,
        }
        impl std::io::Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(self.left);
                buf[..n].fill(b'x');
                self.left -= n;
                if self.left == 0 && n > 0 {
                    buf[n - 1] = b'\n';
                }
                Ok(n)
            }
        }
        let long = Endless { left: MAX_DOC_BYTES * 3 };
        let tail = std::io::Cursor::new(b"{\"id\": \"ok\", \"text\": \"after the long line\"}\n".to_vec());
        let r = std::io::BufReader::with_capacity(64 << 10, std::io::Read::chain(long, tail));
        let mut out = Vec::new();
        read(r, "big.jsonl", &mut |x| out.push(x));
        assert_eq!(out.len(), 2);
        assert!(out[0].as_ref().unwrap_err().message.contains("line too long"));
        assert_eq!(out[1].as_ref().unwrap().id.as_deref(), Some("ok"));
    }

    #[test]
    fn fields_of_the_wrong_type_or_given_twice_are_errors() {
        let out = read_all(concat!(
            "{\"id\": \"n\", \"text\": 42}\n",
            "{\"id\": \"d\", \"text\": \"one\", \"text\": \"two\"}\n",
            "{\"id\": [1], \"text\": \"t\"}\n",
            "{\"id\": 7, \"text\": \"seven\", \"title\": null}\n",
            "{\"id\": \"s\", \"text\": \"t\", \"source\": \"AP\", \"publisher\": \"Reuters\"}\n",
            "{\"id\": \"p\", \"text\": \"t\", \"published\": 20250511}\n",
        ));
        assert_eq!(out[0].as_ref().unwrap_err().to_string(), "f.jsonl: line 1: \"text\" is a number, not a string");
        assert!(out[1].as_ref().unwrap_err().message.contains("duplicate field `text`"), "{:?}", out[1].as_ref().err());
        assert_eq!(out[2].as_ref().unwrap_err().message, "\"id\" is an array, not a string");
        assert_eq!(out[3].as_ref().unwrap().id.as_deref(), Some("7"));
        assert!(out[4].as_ref().unwrap_err().message.contains("duplicate field"), "{:?}", out[4].as_ref().err());
        assert_eq!(out[5].as_ref().unwrap_err().message, "\"published\" is a number, not a string");
    }
}
