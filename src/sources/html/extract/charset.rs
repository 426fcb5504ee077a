//! Charset decoding: raw page bytes to a String (BOM, then the HTTP charset or a `<meta>`
//! charset, checked against the bytes, then UTF-8 or windows-1252).

use encoding_rs::Encoding;

/// Decode raw page bytes to a String.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes()))
        .or_else(|| sniff_meta_charset(&bytes[..bytes.len().min(8192)]));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let enc = match declared {
        // UTF-16 labels in a meta tag are a lie (the meta could be read as ASCII)
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => encoding_rs::UTF_8,
        // declared legacy but the bytes are valid UTF-8 with non-ASCII: trust the bytes
        Some(e) if e != encoding_rs::UTF_8 && valid_utf8 && !bytes.is_ascii() => encoding_rs::UTF_8,
        Some(e) => e,
        None if valid_utf8 => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    if enc == encoding_rs::UTF_8 && !valid_utf8 && declared.is_none() {
        return encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned();
    }
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

/// Find `charset=` inside `<meta ...>` tags of the document prefix.
fn sniff_meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut pos = 0;
    while let Some(i) = find(&lower[pos..], b"<meta") {
        let start = pos + i + 5;
        let end = find(&lower[start..], b">").map(|e| start + e).unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut j = c + 7;
            while j < tag.len() && (tag[j] == b' ' || tag[j] == b'=' || tag[j] == b'"' || tag[j] == b'\'') { j += 1; }
            let k = tag[j..].iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':' || b == b'.')).map(|k| j + k).unwrap_or(tag.len());
            if k > j {
                if let Some(e) = Encoding::for_label(&tag[j..k]) { return Some(e); }
            }
        }
        pos = end;
        if pos >= lower.len() { break; }
    }
    None
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.len() > h.len() { return None; }
    h.windows(n.len()).position(|w| w == n)
}
