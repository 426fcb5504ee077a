//! HTML pages: decode the bytes, extract the main article text, and read the metadata
//! (title, byline, site name, canonical URL, language) and the publication date.
//!
//! `extract` finds the main text (our own extractor: see why in its module doc); `date` finds
//! the publication date the way htmldate does.

pub mod extract;

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

pub use extract::decode_html;

/// Extract the article from a decoded page. Err when the page has no article text.
pub fn read_page(html: &str, url: Option<&str>) -> Result<Page, String> {
    let doc = extract::extract(html, url).map_err(|e| format!("no article text in the page ({e})"))?;
    Ok(Page {
        text: doc.text,
        title: doc.title,
        byline: doc.byline,
        site_name: doc.site_name,
        canonical_url: doc.canonical_url,
        language: doc.language,
        published: None,
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
        if let Some(Ok(d)) = s.get(..10).map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d")) {
            return Some(d);
        }
        if let Some(Ok(d)) = s.get(..10).map(|p| NaiveDate::parse_from_str(p, "%Y/%m/%d")) {
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
