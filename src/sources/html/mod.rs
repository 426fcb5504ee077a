//! HTML pages: decode the bytes, extract the main article text, and read the metadata
//! (title, byline, site name, canonical URL, language) and the publication date.
//!
//! `extract` finds the main text (our own extractor: see why in its module doc); `date` finds
//! the publication date the way htmldate does.

pub mod date;
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
        published: date::find_date(html, url).map(|d| d.date),
    })
}

pub use date::parse_date_str;
