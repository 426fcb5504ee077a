//! The article: the one thing every later stage reads.
//!
//! An [`Article`] owns its text, exactly as decoded from the input (or, for HTML, exactly as
//! extracted from the page), and never changes it. Everything found about the text later
//! (the header line, the dateline, quotes, times, entities) is a stand-off annotation: a
//! [`Span`] of byte offsets into `text`. Offsets become Unicode code points only at the JSON
//! edge (see [`crate::text::CharIndex`]), because the gold sets and the JSON contract count
//! code points.
//!
//! This module does no IO and knows nothing about formats or storage.

use chrono::NaiveDate;
use serde::Serialize;

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The slice of `text` this span covers. Panics if the span is not on char boundaries,
    /// which would be a bug in whoever made the span.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Where the publication date came from, strongest first. A stronger source always wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// `--published` on the command line.
    Given,
    /// The input's own metadata: a JSONL `published` field, HTML meta tags / JSON-LD /
    /// `<time>` / URL, or the WARC-Date as a last resort.
    Metadata,
    /// A header line in a text file (` date 2025-05-11`).
    Header,
    /// Inferred from the content (a later issue).
    Inferred,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Given => "given",
            DateSource::Metadata => "metadata",
            DateSource::Header => "header",
            DateSource::Inferred => "inferred",
        }
    }
    pub fn parse(s: &str) -> Option<DateSource> {
        Some(match s {
            "given" => DateSource::Given,
            "metadata" => DateSource::Metadata,
            "header" => DateSource::Header,
            "inferred" => DateSource::Inferred,
            _ => return None,
        })
    }
}

/// The input format an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Html,
    Jsonl,
    Warc,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

/// A dateline at the head of the text: "KYIV (Reuters) -", "Tallinn, Estonia -".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dateline {
    /// The whole dateline including the dash.
    pub span: Span,
    /// The place as written ("KYIV", "Tallinn, Estonia").
    pub place: String,
    /// The agency in parentheses, if any ("Reuters").
    pub agency: Option<String>,
}

/// Where an article was read from: a file, and inside it a line or record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub path: String,
    /// "line 3" in a JSONL file, "record 7" in a WARC file; None for one-article files.
    pub locator: Option<String>,
    pub format: Format,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.locator {
            Some(l) => write!(f, "{}: {}", self.path, l),
            None => f.write_str(&self.path),
        }
    }
}

/// One news article as read from its source. Immutable once built.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// The input's own id where it gives one (a JSONL `id`, a file's name without extension),
    /// else a stable hash of the text (`h` + 16 hex digits).
    pub id: String,
    /// The text, exactly as decoded (txt, JSONL `text`) or extracted (HTML). Never rewritten.
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// The outlet: a site name, a JSONL `source`, or the dateline's agency.
    pub source: Option<String>,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    /// Language code, ISO 639-1 where one exists ("en"), from metadata or detected.
    pub language: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: Option<DateSource>,
    /// A metadata header line at the top of a text file (` date 2025-05-11`), if any.
    pub header: Option<Span>,
    pub dateline: Option<Dateline>,
    pub origin: Origin,
}

impl Article {
    /// A bare article: the text and where it came from; the id is the content hash.
    pub fn new(text: String, origin: Origin) -> Article {
        Article {
            id: content_id(&text),
            text,
            title: None,
            byline: None,
            source: None,
            url: None,
            canonical_url: None,
            language: None,
            published: None,
            published_from: None,
            header: None,
            dateline: None,
            origin,
        }
    }

    /// Set the publication date unless a stronger source already set one.
    pub fn offer_date(&mut self, date: NaiveDate, from: DateSource) {
        match self.published_from {
            Some(have) if have <= from => {}
            _ => {
                self.published = Some(date);
                self.published_from = Some(from);
            }
        }
    }

    /// Where the body starts: after the header line and the dateline, if any.
    pub fn body_start(&self) -> usize {
        let mut at = self.header.map_or(0, |s| s.end);
        if let Some(d) = &self.dateline {
            at = at.max(d.span.end);
        }
        at
    }

    /// The text's hash, the key under which exact duplicates are recognised.
    pub fn text_hash(&self) -> String {
        text_hash(&self.text)
    }
}

/// Seed for every stored hash. Changing it changes every stored id: never do.
pub const HASH_SEED: u64 = 0x5702_711e;

/// Stable 128-bit hash of a text, hex. Used to recognise exact duplicates.
pub fn text_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128_with_seed(text.as_bytes(), HASH_SEED))
}

/// The id of an article whose input gave none: `h` + the first 16 hex digits of the hash.
pub fn content_id(text: &str) -> String {
    format!("h{:016x}", xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), HASH_SEED))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin { path: "x.txt".into(), locator: None, format: Format::Txt }
    }

    #[test]
    fn hashes_are_stable_across_runs_and_versions() {
        // These values are stored in databases; they must never change.
        assert_eq!(content_id("Kyiv"), content_id("Kyiv"));
        assert_ne!(content_id("Kyiv"), content_id("Kiev"));
        assert_eq!(content_id("").len(), 17);
        assert_eq!(text_hash("").len(), 32);
        assert_eq!(content_id("Kyiv"), "h".to_string() + &format!("{:016x}", xxhash_rust::xxh3::xxh3_64_with_seed(b"Kyiv", 0x5702_711e)));
    }

    #[test]
    fn stronger_date_source_wins() {
        let mut a = Article::new("t".into(), origin());
        let d1 = NaiveDate::from_ymd_opt(2025, 5, 11).unwrap();
        let d2 = NaiveDate::from_ymd_opt(2025, 5, 12).unwrap();
        a.offer_date(d1, DateSource::Header);
        a.offer_date(d2, DateSource::Inferred);
        assert_eq!(a.published, Some(d1));
        a.offer_date(d2, DateSource::Given);
        assert_eq!(a.published, Some(d2));
        assert_eq!(a.published_from, Some(DateSource::Given));
    }
}
