//! Bytes in: gzip, size limits, and the checks that turn binary files, invalid UTF-8 and empty
//! files into clear errors instead of garbage articles.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::{InputError, MAX_DOC_BYTES, io_reason};
use crate::model::Origin;

/// A buffered reader over a file, decompressing gzip (every member, as CC-NEWS WARCs have one
/// member per record) when `gz` is set.
pub fn reader(file: std::fs::File, gz: bool) -> Box<dyn BufRead> {
    if gz {
        Box::new(BufReader::with_capacity(256 << 10, MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::with_capacity(256 << 10, file))
    }
}

/// Whether the file starts with the gzip magic bytes.
pub fn looks_gzipped_path(path: &Path) -> bool {
    let mut magic = [0u8; 2];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && magic == [0x1f, 0x8b]
}

/// Read a whole (optionally gzipped) file, up to [`MAX_DOC_BYTES`].
pub fn read_all(file: std::fs::File, gz: bool, shown: &str) -> Result<Vec<u8>, InputError> {
    let limit = MAX_DOC_BYTES as u64 + 1;
    // a plain file is read into a buffer of its size: growing one by doubling would hold the
    // old and the new buffer at once
    let size = if gz { 0 } else { file.metadata().map_or(0, |m| m.len().min(limit)) };
    let mut out = Vec::with_capacity(size as usize);
    let res = if gz {
        MultiGzDecoder::new(BufReader::new(file)).take(limit).read_to_end(&mut out)
    } else {
        file.take(limit).read_to_end(&mut out)
    };
    match res {
        Err(e) if gz => Err(InputError::new(shown, None, gzip_reason(&e))),
        Err(e) => Err(InputError::new(shown, None, format!("cannot read: {}", io_reason(&e)))),
        Ok(_) if out.len() > MAX_DOC_BYTES => {
            Err(InputError::new(shown, None, format!("too large (over {} MiB)", MAX_DOC_BYTES >> 20)))
        }
        Ok(_) => Ok(out),
    }
}

/// Describe a read error inside a gzip stream.
pub fn gzip_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "truncated gzip data (unexpected end of file)".to_string(),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            format!("corrupt gzip data ({})", io_reason(e))
        }
        _ => format!("cannot read gzip data: {}", io_reason(e)),
    }
}

/// Heuristic: NUL bytes or many control bytes in the first 8 KiB mean binary data.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    control * 20 > head.len().max(1)
}

/// An empty (or whitespace-only) input is an error, not an article.
pub fn check_not_empty(bytes: &[u8], origin: &Origin) -> Result<(), InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        Err(InputError::at(origin, if bytes.is_empty() { "empty file" } else { "no text (only whitespace)" }))
    } else {
        Ok(())
    }
}

/// Check a plain-text input and decode it: not empty, not binary, valid UTF-8 (a BOM is
/// not part of the text, so it is dropped: offsets count from after it).
pub fn check_text(mut bytes: Vec<u8>, origin: &Origin) -> Result<String, InputError> {
    // UTF-16 with a byte-order mark (as Windows tools save text): decoded, the mark dropped
    let utf16 = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some(encoding_rs::UTF_16LE)
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    };
    if let Some(enc) = utf16 {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(InputError::at(origin, format!("invalid {} (a byte-order mark, then data that is not UTF-16)", enc.name())));
        }
        let text = text.into_owned();
        check_not_empty(text.as_bytes(), origin)?;
        if looks_binary(text.as_bytes()) {
            return Err(InputError::at(origin, "binary data, not text"));
        }
        return Ok(text);
    }
    check_not_empty(&bytes, origin)?;
    if looks_binary(&bytes) {
        return Err(InputError::at(origin, "binary data, not text"));
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError::at(origin, format!("invalid UTF-8 at byte {at} (line {line})"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    fn origin() -> Origin {
        Origin { path: "f.txt".into(), locator: None, format: Format::Txt }
    }

    #[test]
    fn text_checks() {
        assert_eq!(check_text(b"".to_vec(), &origin()).unwrap_err().message, "empty file");
        assert!(check_text(b"  \n".to_vec(), &origin()).unwrap_err().message.contains("whitespace"));
        assert!(check_text(b"ab\0cd".to_vec(), &origin()).unwrap_err().message.contains("binary"));
        let e = check_text(b"Kyiv\nKi\xffev".to_vec(), &origin()).unwrap_err();
        assert_eq!(e.message, "invalid UTF-8 at byte 7 (line 2)");
        assert_eq!(check_text(b"\xEF\xBB\xBFKyiv".to_vec(), &origin()).unwrap(), "Kyiv");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Erdoğan met Зеленський in İstanbul.\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(check_text(le, &origin()).unwrap(), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(check_text(be, &origin()).unwrap(), text);
        // an odd byte after the mark is not UTF-16
        assert!(check_text(vec![0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8], &origin()).unwrap_err().message.contains("UTF-16"));
        assert_eq!(check_text(vec![0xFF, 0xFE], &origin()).unwrap_err().message, "empty file");
    }
}
