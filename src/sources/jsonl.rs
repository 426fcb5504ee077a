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

fn as_string(v: Option<serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Read every line of a JSONL stream. `shown` names the file in errors.
pub fn read(mut r: impl BufRead, shown: &str, emit: &mut dyn FnMut(Result<RawDoc, InputError>)) {
    let mut buf = Vec::new();
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
            // skip the rest of this line
            let mut sink = Vec::new();
            if r.read_until(b'\n', &mut sink).is_err() {
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

fn parse_line(bytes: &[u8], shown: &str, lineno: usize) -> Result<RawDoc, InputError> {
    let loc = Some(format!("line {lineno}"));
    let err = |m: String| InputError::new(shown, loc.clone(), m);
    let line = std::str::from_utf8(bytes).map_err(|e| err(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| err(format!("not JSON ({e})")))?;
    if !value.is_object() {
        return Err(err("not a JSON object".into()));
    }
    let rec: Line = serde_json::from_value(value).map_err(|e| err(format!("unexpected fields ({e})")))?;
    let origin = Origin { path: shown.to_string(), locator: loc.clone(), format: Format::Jsonl };
    let body = match (as_string(rec.text), as_string(rec.html)) {
        (Some(t), _) => RawBody::Text(t),
        (None, Some(h)) => RawBody::Html { bytes: h.into_bytes(), charset: Some("utf-8".into()) },
        (None, None) => return Err(err("no text: the line has neither a non-empty \"text\" nor \"html\"".into())),
    };
    let mut doc = RawDoc::new(origin, body);
    doc.id = as_string(rec.id);
    doc.title = as_string(rec.title);
    doc.url = as_string(rec.url);
    doc.source = as_string(rec.source);
    if let Some(p) = as_string(rec.published) {
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
}
