//! HTML pages: decode the bytes, extract the main article text, and read the metadata
//! (title, byline, site name, canonical URL, language) and the publication date.
//!
//! `extract` finds the main text (our own extractor: see why in its module doc); `date` finds
//! the publication date the way htmldate does.

pub mod date;
pub mod extract;

use chrono::NaiveDate;

/// What a page gives us: the main text and metadata, and the publication date.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub doc: extract::HtmlDoc,
    pub published: Option<NaiveDate>,
}

pub use extract::decode_html;

/// Extract the article from a decoded page. Err when the page has no article text.
pub fn read_page(html: &str, url: Option<&str>) -> Result<Page, String> {
    let doc = extract::extract(html, url).map_err(|e| if e.starts_with("elements nested") || e.starts_with("an element with") { format!("HTML {e}") } else { format!("no article text in the page ({e})") })?;
    Ok(Page { doc, published: date::find_date(html, url).map(|d| d.date) })
}

pub use date::parse_date_str;
