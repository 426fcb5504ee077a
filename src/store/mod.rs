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

pub mod legacy;
pub mod sqlite;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::model::Article;

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = 4;

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
    /// Quality flags: `machine-translated`, `short`, `not-english`.
    pub flags: Vec<String>,
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
    /// The earlier article this one nearly copies (wire copy with edits), with the share of
    /// this text found in it.
    pub near_copy_of: Option<String>,
    pub near_copy_score: Option<f64>,
    /// The story it belongs to.
    pub story: Option<i64>,
    pub origin: String,
    pub origin_locator: Option<String>,
    pub ingested_at: String,
    pub text: String,
    /// The analysis layers: quotes, times, entities (code points into `text`).
    #[serde(flatten)]
    pub layers: crate::extract::LayersOut,
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

/// A stored quote, with the article that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    #[serde(skip)]
    pub id: i64,
    pub article: String,
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub partial: bool,
    pub speaker: Option<String>,
    #[serde(skip)]
    pub speaker_key: Option<String>,
    pub speaker_mention: Option<crate::extract::TextSpan>,
    pub cue: Option<crate::extract::TextSpan>,
    #[serde(skip)]
    pub group: Option<i64>,
    #[serde(skip)]
    pub seq: i64,
}

/// One utterance reported by one or more articles.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteGroup {
    pub id: i64,
    pub speaker: Option<String>,
    /// The words of the earliest variant.
    pub text: String,
    /// The earliest article that carries it (by publication date, then ingest order).
    pub first_article: String,
    pub first_published: Option<String>,
    /// How many articles carry it.
    pub articles: i64,
    /// Every reported form, earliest first.
    pub variants: Vec<QuoteRow>,
}

/// A role given to a person, with the articles that give it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoleRow {
    pub role: String,
    pub sources: Vec<String>,
}

/// Everything the store knows of one entity (all spellings merged under one key).
#[derive(Debug, Clone, Default, Serialize)]
pub struct EntitySummary {
    /// The canonical name used most often.
    pub name: String,
    pub kind: String,
    /// The merge key under which spelling variants meet.
    pub key: String,
    pub mentions: usize,
    /// Every spelling seen in the texts.
    pub spellings: Vec<String>,
    pub roles: Vec<RoleRow>,
    pub articles: Vec<String>,
    #[serde(skip)]
    pub names: std::collections::BTreeMap<String, usize>,
}

/// A story as `storyline stories` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct StoryRow {
    pub id: i64,
    pub label: String,
    /// Input ids of its articles, in ingest order.
    pub articles: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Distinct outlets (an article with no known outlet counts as its own).
    pub sources: i64,
    /// Outlets with at least one article that is not a copy of another.
    pub independent_sources: i64,
    /// Passages two of its articles share verbatim or nearly (wire copy, the same quotes);
    /// filled by `stories::shared_passages`, empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<SharedPassages>,
    /// The dossier's summary and timeline, when asked for (`storyline stories --json`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Vec<crate::dossier::SummarySentence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<crate::dossier::TimelineEntry>>,
}

/// The passages two articles share, as code-point spans into each text.
#[derive(Debug, Clone, Serialize)]
pub struct SharedPassages {
    pub a: String,
    pub b: String,
    pub passages: Vec<SharedPassage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SharedPassage {
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
    /// The passage as the first article words it.
    pub text: String,
}

/// What linking writes for one article.
#[derive(Debug, Clone)]
pub struct ArticleLinks {
    pub id: String,
    pub near_copy_of: Option<(String, f64)>,
    pub story: i64,
    pub flags: Vec<String>,
}

/// The story clusterer's counters (one row; see `stories::cluster`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClusterMeta {
    /// Articles seen: the document count behind idf.
    pub n_docs: u64,
    /// The next term id and story id to hand out (dense, in creation order).
    pub next_term: u32,
    pub next_story: u32,
    /// The last posting-list update and the last recent article (ordering counters).
    pub posting_seq: i64,
    pub recent_seq: i64,
    /// Bumped by every write of the clusterer's state: a linker whose cached view is of an
    /// older version drops it and reads again what it needs.
    pub version: i64,
}

/// A term of the clusterer's dictionary ("w:talks", "P:volodymyr zelensky", "n:6.1") with its
/// document frequency.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterTerm {
    pub id: u32,
    pub key: String,
    pub kind: u8,
    pub df: u32,
}

/// A story as the clusterer sees it: counts, publication span, the event dates its articles
/// mention, and its centroid (bounded, sorted by term id, weights without idf).
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterStory {
    pub id: u32,
    pub n_docs: u32,
    pub first_pub: Option<chrono::NaiveDate>,
    pub last_pub: Option<chrono::NaiveDate>,
    /// Arrival index of the last article added.
    pub last_seq: u64,
    /// Event dates its articles mention (the first 32).
    pub dates: Vec<chrono::NaiveDate>,
    pub terms: Vec<(u32, f32)>,
    /// Set when this story was merged into an older one.
    pub merged_into: Option<u32>,
}

/// One of the latest articles, kept for the clusterer's second pass: its raw feature vector
/// and what it added to its story's centroid.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterRecent {
    pub seq: i64,
    pub id: String,
    pub story: u32,
    pub published: Option<chrono::NaiveDate>,
    pub dates: Vec<chrono::NaiveDate>,
    pub raw: Vec<(u32, f32)>,
    pub contrib: Vec<(u32, f32)>,
}

/// What one linking batch changed in the clusterer's state; written in one go.
#[derive(Debug, Clone, Default)]
pub struct ClusterWrite {
    /// The version the changes were made against: the write is refused if the stored state
    /// has moved on since (another worker linked in between).
    pub base_version: i64,
    /// The counters after the batch (their `version` is `base_version + 1`).
    pub meta: ClusterMeta,
    /// Terms first seen in this batch, with their document frequency.
    pub new_terms: Vec<ClusterTerm>,
    /// Document-frequency increments of terms seen before.
    pub df: Vec<(u32, u32)>,
    /// Stories created or changed, whole.
    pub stories: Vec<ClusterStory>,
    /// Posting-list changes: (term, story, Some(seq)) puts the story at `seq` in the term's
    /// list (the list is read latest first); `None` drops it.
    pub postings: Vec<(u32, u32, Option<i64>)>,
    /// Recent articles added or moved; only the latest `recent_keep` are kept.
    pub recent: Vec<ClusterRecent>,
    pub recent_keep: usize,
}

/// The storage seam. Implementations must pass the conformance suite in `store/tests.rs`.
pub trait Store: Send {
    /// Open a transaction that the following writes join (linking a batch is one
    /// transaction); `commit` ends it. Writes outside one commit on their own.
    fn begin(&mut self) -> Result<()>;
    fn commit(&mut self) -> Result<()>;
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
    /// The quotes of these articles, in text order.
    fn quotes_of(&self, ids: &[String]) -> Result<Vec<QuoteRow>>;
    /// Recent quote groups of a speaker (by speaker key; `None`: groups with no known
    /// speaker), at most `limit`, each with its variants' words.
    fn group_candidates(&self, speaker_key: Option<&str>, limit: usize) -> Result<Vec<(i64, Vec<String>)>>;
    /// Put a quote into a group (`None`: a new group of its own); returns the group id.
    fn join_group(&mut self, quote_id: i64, group: Option<i64>) -> Result<i64>;
    /// Quote groups, optionally of one speaker (any spelling), by speaker.
    fn quote_groups(&self, speaker: Option<&str>) -> Result<Vec<QuoteGroup>>;
    /// The stored layers of one article (code points).
    fn article_layers(&self, id: &str) -> Result<Option<crate::extract::LayersOut>>;
    /// Entities merged across articles, optionally of one kind or one merge key; most mentioned first.
    fn entity_summaries(&self, kind: Option<&str>, key: Option<&str>) -> Result<Vec<EntitySummary>>;
    /// Earlier articles sharing any of these band keys, with their signatures (at most `limit`).
    fn band_candidates(&self, keys: &[u64], limit: usize) -> Result<Vec<(String, Vec<u8>)>>;
    /// Index an article's signature under its band keys.
    fn put_signature(&mut self, id: &str, keys: &[u64], sig: &[u8]) -> Result<()>;
    /// Record near-copy, story and flags of articles (their stories' counts of articles,
    /// outlets and independent outlets follow incrementally), then set the labels of the
    /// stories given and refresh their publication spans; one transaction.
    fn put_links(&mut self, links: &[ArticleLinks], stories: &[(i64, String)]) -> Result<()>;
    /// The names most articles of a story mention (people, places, organisations), most
    /// first; counted over its latest 200 articles, so the cost stays flat as it grows.
    fn story_names(&self, story: i64, n: usize) -> Result<Vec<String>>;
    /// Move an article to another story (the clusterer's second pass); the counts of both
    /// follow, their spans at the next `put_links` naming them.
    fn set_story(&mut self, id: &str, story: i64) -> Result<()>;
    /// The story an article belongs to.
    fn story_of(&self, id: &str) -> Result<Option<i64>>;
    /// Every story, most recent first.
    fn stories(&self) -> Result<Vec<StoryRow>>;
    /// One story, with its articles (no shared passages).
    fn story(&self, id: i64) -> Result<Option<StoryRow>>;
    /// The entities the articles of a story mention, merged across spellings; most mentioned first.
    fn story_entities(&self, story: i64) -> Result<Vec<EntitySummary>>;
    /// The quote groups the articles of a story carry, each with the variants of the story's
    /// articles only (earliest first); by speaker, most reported first.
    fn story_quote_groups(&self, story: i64) -> Result<Vec<QuoteGroup>>;
    /// How many articles of a story carry each publication date (`None`: undated), earliest
    /// first; the cost follows the story's size, not the store's.
    fn story_days(&self, story: i64) -> Result<Vec<(Option<String>, usize)>>;
    /// Articles with a given or found date (not inferred) linked to this one — in its story, or
    /// carrying a quote it carries — each with its date and the day-precise dates it mentions.
    fn dated_neighbours(&self, id: &str, limit: usize) -> Result<Vec<(String, String, Vec<String>)>>;
    /// Date an article from its content or its neighbours, unless it has a better date.
    fn set_inferred_date(&mut self, id: &str, date: chrono::NaiveDate, confidence: f32) -> Result<()>;
    /// Which of these articles are undated (or only inferred-dated).
    fn undated_of(&self, ids: &[String]) -> Result<Vec<String>>;
    /// The story clusterer's counters.
    fn cluster_meta(&self) -> Result<ClusterMeta>;
    /// Dictionary terms by key (the keys not stored are left out).
    fn cluster_terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>>;
    /// Dictionary terms by id.
    fn cluster_terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>>;
    /// Stories of the clusterer by id.
    fn cluster_stories(&self, ids: &[u32]) -> Result<Vec<ClusterStory>>;
    /// The posting list of a term: at most `cap` stories, the least recently indexed first,
    /// each with its position counter.
    fn cluster_postings(&self, term: u32, cap: usize) -> Result<Vec<(u32, i64)>>;
    /// The latest `n` recent articles, oldest first.
    fn cluster_recent(&self, n: usize) -> Result<Vec<ClusterRecent>>;
    /// Write what a linking batch changed (refused if the state moved past `base_version`).
    fn put_cluster(&mut self, w: &ClusterWrite) -> Result<()>;
}

/// Open the store at `path` (creating it and applying migrations as needed).
pub fn open(path: &std::path::Path) -> Result<Box<dyn Store>> {
    Ok(Box::new(sqlite::SqliteStore::open(path)?))
}
