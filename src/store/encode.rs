//! Value encodings both backends store alike: the clusterer's sparse vectors and date lists,
//! and the lead of a listing read from the first bytes of a body.

/// A sparse vector as stored: (u32 term id, f32 weight) pairs, little-endian.
pub(super) fn vector_to(v: &[(u32, f32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * 8);
    for (t, w) in v {
        out.extend_from_slice(&t.to_le_bytes());
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

pub(super) fn vector_from(b: &[u8]) -> Vec<(u32, f32)> {
    b.chunks_exact(8)
        .map(|c| (u32::from_le_bytes([c[0], c[1], c[2], c[3]]), f32::from_le_bytes([c[4], c[5], c[6], c[7]])))
        .collect()
}

pub(super) fn dates_to(d: &[chrono::NaiveDate]) -> String {
    d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
}

pub(super) fn dates_from(s: &str) -> Vec<chrono::NaiveDate> {
    s.split(',').filter_map(|d| d.parse().ok()).collect()
}

/// The lead of a listing from up to 960 bytes of the body (at least its first 240 chars).
pub(super) fn lead_of(bytes: &[u8]) -> String {
    let valid = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    let cut = valid.char_indices().nth(240).map_or(valid.len(), |(b, _)| b);
    crate::text::lead(&valid[..cut])
}
