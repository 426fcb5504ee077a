//! HTML pages: decode the bytes, extract the main article text, and read the metadata
//! (title, byline, site name, canonical URL, language) and the publication date.
//!
//! TEMPORARY: a thin wrapper over rs-trafilatura, to be replaced by the tuned extractor.

use chrono::NaiveDate;

/// What a page gives us.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub published: Option<NaiveDate>,
}

/// Decode page bytes to text (BOM, declared charset, else UTF-8, else windows-1252).
pub fn decode_html(bytes: &[u8], charset: Option<&str>) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    if let Some(enc) = charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        return enc.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Extract the article from a decoded page. Err when the page has no article text.
pub fn read_page(html: &str, url: Option<&str>) -> Result<Page, String> {
    let _ = url;
    let r = rs_trafilatura::extract(html).map_err(|e| format!("no article text in the page ({e})"))?;
    if r.content_text.trim().is_empty() {
        return Err("no article text in the page".into());
    }
    let m = r.metadata;
    Ok(Page {
        text: r.content_text,
        title: m.title,
        byline: m.author,
        site_name: m.sitename,
        canonical_url: m.url,
        language: m.language,
        published: m.date.map(|d| d.date_naive()),
    })
}

/// Parse a date string in the common formats (ISO 8601 with or without time, RFC 2822,
/// "May 11, 2025", "11 May 2025", "2025/05/11").
pub fn parse_date_str(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    if s.len() >= 10 {
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(&s[..10], "%Y/%m/%d") {
            return Some(d);
        }
    }
    for f in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%b. %d, %Y", "%B %d %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    None
}
