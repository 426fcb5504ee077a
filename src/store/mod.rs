//! The store: the only shared state. Articles go in once; everything later reads them here.
//!
//! [`Store`] is the seam between storyline and its database. [`sqlite::SqliteStore`] is the
//! embedded default (one file, no server); a PostgreSQL backend for several workers will
//! implement the same trait over the same schema (`migrations/`), and the conformance tests
//! in `tests.rs` run against every backend.
//!
//! Invariants: a write never deletes or rewrites what is stored (a re-ingest of the same input
//! changes nothing; an id that comes back with a different text is refused, not overwritten);
//! each batch is one transaction, so a crash loses at most the batch in flight.

pub mod sqlite;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::model::Article;

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = 1;

/// A store error: the database could not be opened, read or written.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What happened to one article of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PutOutcome {
    /// A new article with a text not seen before.
    New,
    /// A new article whose text is already stored: it is remembered as a copy of `of`.
    Copy { of: String },
    /// The same id with the same text is already stored: nothing changed.
    Unchanged,
    /// The id is already stored with a different text: refused, the stored one is kept.
    Conflict { stored_from: String },
}

/// One row of `storyline articles`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub published: Option<String>,
    pub published_from: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    /// Length of the text in Unicode code points.
    pub chars: i64,
    pub language: Option<String>,
    pub copy_of: Option<String>,
    pub format: String,
    /// The opening words of the body (after any header or dateline), for listing untitled articles.
    pub lead: String,
}

/// A stored article, whole.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub language_detected: bool,
    /// The header line and dateline, as code-point spans into `text`.
    pub header: Option<CharSpan>,
    pub dateline: Option<StoredDateline>,
    /// Later articles with exactly this text.
    pub copies: Vec<String>,
    pub origin: String,
    pub origin_locator: Option<String>,
    pub ingested_at: String,
    pub text: String,
}

/// A span in Unicode code points (the JSON edge).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoredDateline {
    pub start: usize,
    pub end: usize,
    pub place: Option<String>,
    pub agency: Option<String>,
}

/// How to list articles.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub limit: Option<usize>,
    pub offset: usize,
    /// Sort by publication date (then ingest order) instead of ingest order.
    pub by_date: bool,
}

/// A full-text hit: the article (the first one with that text) and its score (higher is better).
#[derive(Debug, Clone)]
pub struct TextHit {
    pub row: ArticleRow,
    pub score: f64,
    pub text: String,
    /// How many stored articles carry this same text (1 + copies).
    pub carriers: i64,
}

/// Counts over the whole store.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub articles: i64,
    pub texts: i64,
    pub copies: i64,
}

/// The storage seam. Implementations must pass the conformance suite in `store/tests.rs`.
pub trait Store: Send {
    /// Store a batch in one transaction, in order; returns one outcome per article.
    fn put(&mut self, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>>;
    /// One article by id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// Articles, in ingest order (or by date).
    fn articles(&self, q: &ListQuery) -> Result<Vec<ArticleRow>>;
    /// Full-text search over folded keys (`text::search_keys`): every key must occur
    /// (phrases are lists of keys that must be adjacent). Best first.
    fn search_keys(&self, terms: &[Vec<String>], limit: usize, offset: usize) -> Result<Vec<TextHit>>;
    fn stats(&self) -> Result<Stats>;
}

/// Open the store at `path` (creating it and applying migrations as needed).
pub fn open(path: &std::path::Path) -> Result<Box<dyn Store>> {
    Ok(Box::new(sqlite::SqliteStore::open(path)?))
}
