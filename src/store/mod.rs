//! The store: the only shared state. Articles go in once; everything later reads them here.
//!
//! # The traits
//!
//! [`Store`] is the seam between storyline and its database. It is the sum of six small
//! traits, cut along who uses them, so that each reads as one contract and a backend can be
//! written (and checked by [`conformance`]) one part at a time:
//!
//! - [`ArticleStore`]: articles and their texts — store a batch, read one, list, search,
//!   count, and which of them still need a date. What `ingest`, search and the listings use.
//! - [`LayerStore`]: the analysis layers of stored articles (quotes, times, entities) and
//!   the reads that merge them across articles (entity summaries, a story's names). What the
//!   dossier, `people` and `entity` read.
//! - [`LinkStore`]: what linking adds between articles — near-copy signatures and band keys,
//!   stories and their aggregates, quote groups, inferred dates. What `stories` writes and
//!   the story views read.
//! - [`ClusterStore`]: the story clusterer's own state (dictionary, centroids, posting lists,
//!   the second pass's window), versioned so that several workers can share one store.
//! - [`ThreadStore`]: threads, stories that continue one another (a thread's profile and the
//!   keys it is found under, each story's thread), and their listing.
//! - [`Transactions`]: `begin`/`commit`, so that linking a batch is one unit.
//!
//! `Store` has no method of its own; every `T` implementing the six is a `Store`, and
//! callers write `&mut dyn Store`. Open one with [`open`] (a location string: a file path
//! is SQLite) or through a [`Location`], which also gives read-only handles (the web server's
//! readers). [`sqlite::SqliteStore`] is the embedded backend (one file, no server);
//! [`postgres::PgStore`] the server backend (several ingest workers and readers on one store).
//! Both pass [`conformance::run`].
//!
//! # What the store does not do
//!
//! It decides nothing: rules (which article of a quote group is the earliest, what counts
//! as an independent outlet, when an inferred date may replace another) are Rust, in
//! [`rules`] (applied inside every backend's writes) or in `stories` (quote groups), and each
//! trait method says exactly what it reads or writes, in which order, and when it fails. It
//! returns model types only (`analysis` layers, `model::Span`); nothing here knows the JSON
//! edge (`extract`, `json`), the dossier or the server.
//!
//! # Invariants
//!
//! - A write never deletes or rewrites what is stored: a re-ingest of the same input changes
//!   nothing; an id that comes back with a different text is refused, not overwritten.
//! - Each `put` is one transaction, so a crash loses at most the batch in flight; linking a
//!   batch is one transaction between `begin` and `commit`.
//! - Offsets are **byte offsets** into the stored text, on char boundaries (schema v5 on;
//!   earlier stores kept code points and are converted when opened). Code points appear only
//!   at the JSON edge (`text::CharIndex`, see `docs/json.md`).
//! - Failures are [`StoreError`]s naming the store and what could not be done; a missing row
//!   is `Ok(None)` or an empty list, never an error, unless a method says otherwise.

pub mod conformance;
mod encode;
pub mod legacy;
pub mod postgres;
pub mod rules;
pub mod sqlite;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::{Analysis, EntityKind, Layers};
use crate::model::{Article, Span};

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: i64 = 15;

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
    /// This backend cannot store the article as it is (PostgreSQL: a NUL character in its text
    /// or metadata): nothing of it was written, the rest of the batch was. SQLite never says so.
    Refused { reason: String },
}

/// An article's publication date and whether it copies another
/// ([`ArticleStore::article_dates`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleDate {
    pub id: String,
    pub published: Option<String>,
    /// An exact copy (`copy_of`) or a near copy (`near_copy_of`) of an earlier article.
    pub copy: bool,
}

/// An article's outlet and language ([`ArticleStore::article_facets`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFacet {
    pub id: String,
    pub source: Option<String>,
    pub language: Option<String>,
}

/// One row of `storyline articles`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub published: Option<String>,
    pub published_from: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    /// Length of the text in Unicode code points (a property of the text, kept with it so
    /// that listings need not read texts).
    pub chars: i64,
    pub language: Option<String>,
    pub copy_of: Option<String>,
    pub format: String,
    /// The opening words of the body (after any header or dateline), for listing untitled articles.
    pub lead: String,
    /// Quality flags: `machine-translated`, `short`, `not-english`.
    pub flags: Vec<String>,
}

/// A stored article, whole: its row, metadata, links, text and layers. Every span is a byte
/// span into `text`. (Its JSON form, with code points, is `json::ArticleOut`.)
#[derive(Debug, Clone)]
pub struct StoredArticle {
    pub row: ArticleRow,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub language_detected: bool,
    /// The header line of a text file.
    pub header: Option<Span>,
    pub dateline: Option<StoredDateline>,
    /// The other articles stored as copies of this text (every carrier but the first and
    /// this one), in ingest order.
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
    /// The analysis layers as stored (quotes, times, entities), each in text order.
    pub layers: Layers,
    /// For an article that came without a date: the date its text alone suggests, at any
    /// confidence (`analysis::Analysis::text_date`); linking weighs it against the neighbours'.
    pub text_date: Option<(chrono::NaiveDate, f32)>,
}

impl StoredArticle {
    /// The article's date as it stands (given, found, or inferred at analysis or by linking).
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        let d = self.row.published.as_deref()?;
        chrono::NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok()
    }

    /// The stored layers with the times resolved by their rules against the article's date as
    /// it stands (linking may have dated it after analysis).
    pub fn current_layers(&self) -> Layers {
        let date = self.date();
        Layers { times: self.layers.times.iter().map(|t| t.at(date)).collect(), ..self.layers.clone() }
    }

    /// [`current_layers`](Self::current_layers), and for an undated article in a story dated
    /// around `around`, the month-days it names placed in that year ("June 2" in a May 2025
    /// story is 2025-06-02); what needs the day of writing stays unresolved.
    pub fn layers_around(&self, around: Option<chrono::NaiveDate>) -> Layers {
        Layers { times: self.times_around(around), ..self.layers.clone() }
    }

    /// [`layers_around`](Self::layers_around), the layers moved out of the article (left
    /// with none): for a reader that keeps the two apart, without copying every layer.
    pub fn take_layers_around(&mut self, around: Option<chrono::NaiveDate>) -> Layers {
        let times = self.times_around(around);
        Layers { times, ..std::mem::take(&mut self.layers) }
    }

    fn times_around(&self, around: Option<chrono::NaiveDate>) -> Vec<crate::analysis::Timex> {
        match (self.date(), around) {
            (None, Some(around)) => self
                .layers
                .times
                .iter()
                .map(|t| match t.rule.resolve_year(around) {
                    Some(value) => crate::analysis::Timex { value, ..t.clone() },
                    None => t.at(None),
                })
                .collect(),
            (date, _) => self.layers.times.iter().map(|t| t.at(date)).collect(),
        }
    }

    /// Where the body starts: after the header line and the dateline (byte offset).
    pub fn body_start(&self) -> usize {
        [self.header.map(|h| h.end), self.dateline.as_ref().map(|d| d.span.end)].into_iter().flatten().max().unwrap_or(0)
    }
}

/// A dateline ("KYIV (Reuters) -") as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDateline {
    pub span: Span,
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
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub articles: i64,
    pub texts: i64,
    pub copies: i64,
}

/// A stored quote, with the article that carries it. Spans are bytes into that article's text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub id: i64,
    pub article: String,
    pub published: Option<String>,
    pub source: Option<String>,
    /// The article's ingest position (orders carriers published the same day).
    pub seq: i64,
    pub span: Span,
    /// The words of the quote (what `span` covers).
    pub text: String,
    pub partial: bool,
    pub speaker: Option<String>,
    /// The speaker's merge key (`analysis::entity_key`), under which quote groups are found.
    pub speaker_key: Option<String>,
    pub speaker_mention: Option<Span>,
    pub cue: Option<Span>,
    /// Its quote group, once linking has put it in one.
    pub group: Option<i64>,
}

/// One utterance reported by one or more articles, with its variants (as output reads it).
#[derive(Debug, Clone, PartialEq)]
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

/// A quote group's own record, as linking reads and writes it (`stories::quotes` decides
/// what goes in it; see [`LinkStore::put_quote_group`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupRow {
    /// `None` for a group not stored yet.
    pub id: Option<i64>,
    pub speaker: Option<String>,
    pub speaker_key: Option<String>,
    /// The group's wording (the earliest carrier's longest variant).
    pub text: String,
    pub first_article: String,
    pub first_published: Option<String>,
    /// The ingest position and the current publication date of `first_article` (read from
    /// it, ignored on write): what a new carrier is compared with (its date may have been
    /// inferred since it became the first).
    pub first_seq: i64,
    pub first_date: Option<String>,
    /// How many articles carry it.
    pub articles: i64,
    /// The distinct wordings new quotes are compared with, in the order they were added.
    pub variants: Vec<String>,
}

impl GroupRow {
    /// A group not stored yet, of one quote: its words, its speaker, its article first.
    pub fn of(q: &QuoteRow) -> GroupRow {
        GroupRow {
            id: None,
            speaker: q.speaker.clone(),
            speaker_key: q.speaker_key.clone(),
            text: q.text.clone(),
            first_article: q.article.clone(),
            first_published: q.published.clone(),
            first_seq: q.seq,
            first_date: q.published.clone(),
            articles: 1,
            variants: vec![q.text.clone()],
        }
    }
}

/// A role given to a person, with the articles that give it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RoleRow {
    pub role: String,
    pub sources: Vec<String>,
}

/// Everything the store knows of one entity (all spellings merged under one key).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
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

/// One entity mention as the summaries are built from (see [`rules::entity_summaries`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRow {
    pub key: String,
    pub kind: String,
    pub canonical: String,
    /// The words of the mention.
    pub text: String,
    pub role: Option<String>,
    pub article: String,
}

/// How often a story's articles name one entity (see [`LayerStore::story_top_names`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCount {
    pub key: String,
    pub kind: EntityKind,
    /// The least canonical name under the key (byte order), a stable choice among spellings.
    pub name: String,
    /// Articles that name it, and mentions in all.
    pub articles: i64,
    pub mentions: i64,
}

/// A story as the store keeps it (`storyline stories` adds shared passages and, with
/// `--json`, the dossier's summary and timeline).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoryRow {
    pub id: i64,
    pub label: String,
    /// Input ids of its articles, in ingest order.
    pub articles: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Distinct known outlets its articles name (an article with no known outlet counts for
    /// none: a story never claims more outlets than its articles name).
    pub sources: i64,
    /// Known outlets with at least one article that is not a copy of another; `None` when no
    /// outlet is known (independence cannot be told).
    pub independent_sources: Option<i64>,
}

/// An article linked to another by its story or its quotes, with its date (see
/// [`LinkStore::dated_neighbours`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbour {
    pub id: String,
    /// Its publication date (`YYYY-MM-DD`, given or found, never inferred).
    pub published: String,
    /// The day-precise dates (`YYYY-MM-DD` values of its DATE expressions) it mentions.
    pub dates: Vec<String>,
    /// It first reported a quote the article carries (else it is only in the same story).
    pub shares_quote: bool,
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

/// A thread as linking keeps it (see `stories::threads`): its profile, a bounded sparse vector
/// over the clusterer's term ids (idf-weighted as each story added it), and the span of its
/// stories' given dates (the clusterer's, for the time gap; the listing's span is read from
/// the stories).
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadState {
    pub id: i64,
    pub terms: Vec<(u32, f32)>,
    pub first: Option<chrono::NaiveDate>,
    pub last: Option<chrono::NaiveDate>,
}

/// What linking writes for one thread: its state (`id: None` makes a new thread) and the
/// term ids it is found under from now on, at position `seq` (a term's candidates are read
/// latest first).
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadWrite {
    pub id: Option<i64>,
    pub terms: Vec<(u32, f32)>,
    pub first: Option<chrono::NaiveDate>,
    pub last: Option<chrono::NaiveDate>,
    pub keys: Vec<u32>,
    pub seq: i64,
}

/// A story's place in a thread, with what it added to the thread's profile (taken out again
/// when the story's own profile changes).
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadMember {
    pub story: i64,
    pub thread: i64,
    pub contrib: Vec<(u32, f32)>,
}

/// A thread as listed (`storyline threads`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ThreadRow {
    pub id: i64,
    /// Its stories that have articles, earliest first (by `first`, undated last, then id).
    pub stories: Vec<i64>,
    /// Input ids of its articles: story by story as above, each story's in ingest order.
    pub articles: Vec<String>,
    /// The least and greatest publication date of its stories' articles.
    pub first: Option<String>,
    pub last: Option<String>,
    /// Distinct known outlets its articles name; `None` when none is known.
    pub outlets: Option<i64>,
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

/// Articles and their texts.
pub trait ArticleStore {
    /// Store a batch in order, in one transaction of its own (call it outside `begin`/`commit`).
    /// Returns one outcome per article, in order: `New`; `Copy { of }` when the text is
    /// already stored (`of`: the first article, in ingest order, with that text); `Unchanged`
    /// when the id is stored with the same text; `Conflict { stored_from }` when the id is
    /// stored with another text (`stored_from`: the stored article's origin path, with `": "`
    /// and its locator if it has one; nothing is written). The date stored is
    /// [`rules::publication`] of the article and its analysis; layers and search keys are
    /// stored with a new article. Fails, writing nothing of the batch, if a write fails.
    fn put(&mut self, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>>;
    /// One article by id, whole (its layers in text order, its copies in ingest order), or `None`.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// The text of one article, or `None`: the cheap read for code-point conversions at the edge.
    fn text(&self, id: &str) -> Result<Option<String>>;
    /// Articles, in ingest order (or, with `by_date`, by publication date, undated last, then
    /// ingest order), skipping `offset` and at most `limit`.
    fn articles(&self, q: &ListQuery) -> Result<Vec<ArticleRow>>;
    /// The listing rows of these articles, in the order asked (ids not stored are left out):
    /// what a story's headline, outlets and citations read without the texts.
    fn article_rows(&self, ids: &[String]) -> Result<Vec<ArticleRow>>;
    /// Full-text search over folded keys (`text::search_keys`): every term (a list of keys
    /// that must be adjacent, in order) must occur in the title or body. One hit per distinct
    /// text (its first article), best first (title matches weigh more), skipping `offset`,
    /// at most `limit`. No term, or only empty ones: no hit. Never fails on the terms' content.
    fn search_keys(&self, terms: &[Vec<String>], limit: usize, offset: usize) -> Result<Vec<TextHit>>;
    /// How many hits [`ArticleStore::search_keys`] has for these terms in all (distinct texts).
    fn search_count(&self, terms: &[Vec<String>]) -> Result<usize>;
    /// The ids of every article (each copy too) of the best `limit` texts
    /// [`ArticleStore::search_keys`] finds, in no particular order, without reading a text: what
    /// a filter needs.
    fn search_article_ids(&self, terms: &[Vec<String>], limit: usize) -> Result<Vec<String>>;
    /// Every article's outlet and language, in ingest order, without touching the texts: what
    /// the story list's outlet and language filters read (a few milliseconds on 10,000
    /// articles, where [`ArticleStore::articles`] takes a second).
    fn article_facets(&self) -> Result<Vec<ArticleFacet>>;
    /// Every article's publication date and whether it copies another, in ingest order or,
    /// with `by_date`, by publication date (undated last, then ingest order), without
    /// touching the texts: what a timeline reads to choose which articles to read whole (the
    /// listing of 10,000 rows takes 20 ms where [`ArticleStore::articles`] takes half a
    /// second).
    fn article_dates(&self, by_date: bool) -> Result<Vec<ArticleDate>>;
    /// Articles, distinct texts and exact copies stored.
    fn stats(&self) -> Result<Stats>;
    /// Which of these ids may still be dated by linking ([`rules::datable`]: no date, or an
    /// inferred one), in the order given; unknown ids are left out.
    fn undated_of(&self, ids: &[String]) -> Result<Vec<String>>;
}

/// The analysis layers of stored articles.
pub trait LayerStore {
    /// The stored layers of one article (quotes, times, entities, each in text order), or
    /// `None` for an unknown id.
    fn article_layers(&self, id: &str) -> Result<Option<Layers>>;
    /// The quotes of these articles: article by article in the order given, each article's
    /// in text order; unknown ids give nothing.
    fn quotes_of(&self, ids: &[String]) -> Result<Vec<QuoteRow>>;
    /// Entities merged across articles ([`rules::entity_summaries`] over every mention,
    /// optionally only of one kind (`PERSON`…) and one merge key): most mentioned first.
    fn entity_summaries(&self, kind: Option<&str>, key: Option<&str>) -> Result<Vec<EntitySummary>>;
    /// The same, over the mentions of one story's articles.
    fn story_entities(&self, story: i64) -> Result<Vec<EntitySummary>>;
    /// The `n` people, places and organisations (one per merge key) that most of the story's
    /// articles name: by articles naming it, then mentions, then name, then key. Counted as
    /// articles join and leave the story (`put_links`, `set_story`), so reading them costs
    /// the same whatever the story's size; a key's name is the least canonical name ever
    /// counted under it (an article moved out does not take its spelling back).
    fn story_top_names(&self, story: i64, n: usize) -> Result<Vec<NameCount>>;
}

/// The near-copy band index is kept by epoch: an article's keys are filed under its epoch,
/// `seq >> EPOCH_BITS` (16,384 articles in ingest order), and looked up in the last
/// [`BAND_EPOCHS`] epochs alone, so that inserts land in a small, recent part of the index
/// however large the store (schema v13; the figures are in ARCHITECTURE.md, *Scale*).
pub const EPOCH_BITS: u32 = 14;
/// How many epochs, the newest included, a band look-up reads: the last 49,153 to 65,536
/// articles of the store in ingest order. Near copies and wire rewrites are published close
/// together; an article copying one older than that is not found as its near copy (the
/// clusterer still links it by its words).
pub const BAND_EPOCHS: i64 = 4;

/// The epochs a band look-up reads, oldest first, given the newest epoch indexed (always
/// [`BAND_EPOCHS`] of them: one before the first holds nothing).
pub fn band_epochs(newest: i64) -> Vec<i64> {
    (newest - BAND_EPOCHS + 1..=newest).collect()
}

/// The epoch an article's band keys are filed under.
pub fn band_epoch(seq: i64) -> i64 {
    seq >> EPOCH_BITS
}

/// What linking adds between articles.
pub trait LinkStore {
    /// Articles indexed under any of these band keys, with their signatures: at most `limit`,
    /// in ingest order, of those filed in the last [`BAND_EPOCHS`] epochs of the index.
    fn band_candidates(&self, keys: &[u64], limit: usize) -> Result<Vec<(String, Vec<u8>)>>;
    /// Index a stored article's signature under its band keys (a second call replaces the
    /// signature and adds the keys). Fails for an unknown id.
    fn put_signature(&mut self, id: &str, keys: &[u64], sig: &[u8]) -> Result<()>;
    /// Record the near copy, story and flags of stored articles (a story is created when first
    /// named), keeping every story's aggregates (articles, outlets, independent outlets:
    /// [`rules::member`]) as articles join and leave; then set the labels of the stories
    /// given and their spans (`first`, `last`: the least and greatest publication date of
    /// their articles). An unknown article id is ignored. One unit: all or nothing.
    fn put_links(&mut self, links: &[ArticleLinks], stories: &[(i64, String)]) -> Result<()>;
    /// Move an article to another story (created if new; the clusterer's second pass): the
    /// aggregates of both follow at once, their spans at the next `put_links` naming them.
    fn set_story(&mut self, id: &str, story: i64) -> Result<()>;
    /// The story an article belongs to (`None`: unknown or not linked).
    fn story_of(&self, id: &str) -> Result<Option<i64>>;
    /// Every story with at least one article, most recent first (by `last`, undated last,
    /// then more articles first, then id), each with its article ids in ingest order.
    fn stories(&self) -> Result<Vec<StoryRow>>;
    /// One story (as in [`LinkStore::stories`]), or `None` if it has no article.
    fn story(&self, id: i64) -> Result<Option<StoryRow>>;
    /// How many articles of a story carry each publication date (`None`: undated), undated
    /// first, then earliest first; the cost follows the story's size, not the store's.
    fn story_days(&self, story: i64) -> Result<Vec<(Option<String>, usize)>>;
    /// A story's known outlets with its articles from each, most articles first, then by name
    /// (byte order); articles with no known outlet are left out. Read from the per-outlet
    /// counts linking keeps, so the cost follows the story's outlets, not its articles.
    fn story_outlets(&self, story: i64) -> Result<Vec<(String, i64)>>;
    /// The `limit` most recently created groups of a speaker key (`None`: groups with no
    /// speaker key), newest first, each with its stored wordings in the order added.
    fn group_candidates(&self, speaker_key: Option<&str>, limit: usize) -> Result<Vec<(i64, Vec<String>)>>;
    /// One quote group's record, or `None`.
    fn quote_group(&self, id: i64) -> Result<Option<GroupRow>>;
    /// Store a quote group's record: a new one (`id: None`) gets the next id; otherwise the
    /// stored record is overwritten, and wordings not stored yet are added (none is removed).
    /// Returns the id. Fails if `id` names no group.
    fn put_quote_group(&mut self, g: &GroupRow) -> Result<i64>;
    /// Put a stored quote in a stored group. Fails for an unknown quote.
    fn set_quote_group(&mut self, quote: i64, group: i64) -> Result<()>;
    /// Quote groups, all or those of one speaker (any spelling: the merge key, a name ending
    /// in it, or a speaker name containing the words, case-folded), ordered by speaker
    /// (unknown last), then most carried first, then earliest; variants earliest first
    /// (publication date, undated last, then ingest order).
    fn quote_groups(&self, speaker: Option<&str>) -> Result<Vec<QuoteGroup>>;
    /// The quote groups a story's articles carry, each with the variants of the story's
    /// articles only (earliest first) and `articles` counting those; `first_article` is the
    /// earliest of them. Ordered as [`LinkStore::quote_groups`].
    fn story_quote_groups(&self, story: i64) -> Result<Vec<QuoteGroup>>;
    /// Articles with a given or found date (not inferred) linked to this one: the story's
    /// (earliest first, at most `limit`), then the first carriers of the quote groups its
    /// quotes are in (at most `limit`, not repeating one), never itself.
    fn dated_neighbours(&self, id: &str, limit: usize) -> Result<Vec<Neighbour>>;
    /// Date an article as inferred, with a confidence, where [`rules::takes_inferred`] lets
    /// it (no date yet, or a less sure inferred one); otherwise nothing changes.
    fn set_inferred_date(&mut self, id: &str, date: chrono::NaiveDate, confidence: f32) -> Result<()>;
}

/// The story clusterer's state.
pub trait ClusterStore {
    /// The counters (all zero in a new store).
    fn cluster_meta(&self) -> Result<ClusterMeta>;
    /// Dictionary terms by key, in the order asked (keys not stored are left out).
    fn cluster_terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>>;
    /// Dictionary terms by id, in the order asked (ids not stored are left out).
    fn cluster_terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>>;
    /// Stories of the clusterer by id, in the order asked (ids not stored are left out).
    fn cluster_stories(&self, ids: &[u32]) -> Result<Vec<ClusterStory>>;
    /// The posting list of a term: its `cap` most recent stories, returned least recent
    /// first, each with its position counter.
    fn cluster_postings(&self, term: u32, cap: usize) -> Result<Vec<(u32, i64)>>;
    /// [`ClusterStore::cluster_postings`] of each of these terms, in the order asked (one
    /// statement on a server; the default asks term by term).
    fn cluster_postings_of(&self, terms: &[u32], cap: usize) -> Result<Vec<Vec<(u32, i64)>>> {
        terms.iter().map(|&t| self.cluster_postings(t, cap)).collect()
    }
    /// The latest `n` recent articles, oldest first.
    fn cluster_recent(&self, n: usize) -> Result<Vec<ClusterRecent>>;
    /// Write what a linking batch changed, all or nothing: refused (an error saying another
    /// worker moved the state) unless the stored version is `base_version`.
    fn put_cluster(&mut self, w: &ClusterWrite) -> Result<()>;
}

/// Threads: stories that continue one another (see `stories::threads`).
pub trait ThreadStore {
    /// The thread of each of these stories, in the order asked (stories in no thread are left
    /// out).
    fn story_threads(&self, stories: &[i64]) -> Result<Vec<ThreadMember>>;
    /// The threads found under any of these term ids: each term's `cap` latest (by `seq`,
    /// then greater id), all of them once, by id.
    fn thread_candidates(&self, terms: &[u32], cap: usize) -> Result<Vec<i64>>;
    /// Threads' states by id, in the order asked (ids not stored are left out).
    fn thread_states(&self, ids: &[i64]) -> Result<Vec<ThreadState>>;
    /// Store a thread's state (a new one, `id: None`, gets the next id; else it is
    /// overwritten) and index it under its keys at `seq` (a key it had is moved to `seq`).
    /// Returns the id. Fails if `id` names no thread.
    fn put_thread(&mut self, t: &ThreadWrite) -> Result<i64>;
    /// Put a story in a thread (or move it there), with what it added to the thread's
    /// profile. Fails if the thread does not exist.
    fn set_thread(&mut self, m: &ThreadMember) -> Result<()>;
    /// Every thread with at least one article, most recent first (by `last`, undated last,
    /// then more articles first, then id).
    fn threads(&self) -> Result<Vec<ThreadRow>>;
    /// One thread (as in [`ThreadStore::threads`]), or `None` if it has no article.
    fn thread(&self, id: i64) -> Result<Option<ThreadRow>>;
}

/// Transactions spanning several writes.
pub trait Transactions {
    /// Open a transaction that the following link and cluster writes join (linking a batch
    /// is one transaction); `commit` ends it. Without one, each write commits on its own.
    /// Fails if one is already open.
    fn begin(&mut self) -> Result<()>;
    /// Commit the open transaction. Fails if none is open.
    fn commit(&mut self) -> Result<()>;
    /// Undo everything written since `begin` and end the transaction. Fails if none is open.
    fn rollback(&mut self) -> Result<()>;
    /// How many of ingest's batches a writer that has fallen behind may store and link in one
    /// transaction (each batch still linked on its own, so the links are the same): 1 for a
    /// store shared by several writers, whose locks a longer transaction would hold longer.
    fn batches_per_transaction(&self) -> usize {
        1
    }
}

/// The storage seam: every part of it. Implementations must pass [`conformance::run`].
pub trait Store: ArticleStore + LayerStore + LinkStore + ClusterStore + ThreadStore + Transactions + Send {}

impl<T: ArticleStore + LayerStore + LinkStore + ClusterStore + ThreadStore + Transactions + Send + ?Sized> Store for T {}

/// Where a store lives: what `--db` (or `STORYLINE_DB`) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file (created when first opened for writing).
    Sqlite(PathBuf),
    /// A PostgreSQL URL (`postgres://…`, `postgresql://…`; see [`postgres::PgStore`]).
    Postgres(String),
}

impl Location {
    /// A location as given: a `postgres://` or `postgresql://` URL, anything else a file path.
    pub fn parse(s: &str) -> Location {
        let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(s.to_string())
        } else {
            Location::Sqlite(PathBuf::from(s))
        }
    }

    /// Open the store for reading and writing, creating it and migrating it as needed.
    pub fn open(&self) -> Result<Box<dyn Store>> {
        match self {
            Location::Sqlite(p) => Ok(Box::new(sqlite::SqliteStore::open(p)?)),
            Location::Postgres(url) => Ok(Box::new(postgres::PgStore::open(url)?)),
        }
    }

    /// Open an existing store for reading only: every write through it fails. The store must
    /// be at this build's schema version (open it with [`Location::open`] first, which
    /// migrates). Readers never block the writer.
    pub fn open_reader(&self) -> Result<Box<dyn Store>> {
        match self {
            Location::Sqlite(p) => Ok(Box::new(sqlite::SqliteStore::open_read_only(p)?)),
            Location::Postgres(url) => Ok(Box::new(postgres::PgStore::open_read_only(url)?)),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

impl From<&Path> for Location {
    /// A path given as a path (`--db PATH`): a URL-looking UTF-8 path is a URL all the same.
    fn from(p: &Path) -> Location {
        match p.to_str() {
            Some(s) => Location::parse(s),
            None => Location::Sqlite(p.to_path_buf()),
        }
    }
}

impl From<PathBuf> for Location {
    fn from(p: PathBuf) -> Location {
        Location::from(p.as_path())
    }
}

/// A URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => match url[s + 3..at].find(':') {
            Some(c) => format!("{}:***{}", &url[..s + 3 + c], &url[at..]),
            None => url.to_string(),
        },
        _ => url.to_string(),
    }
}

/// Open the store at `location` (a file path: SQLite, created and migrated as needed; a
/// `postgres://` or `postgresql://` URL: that PostgreSQL database, its schema created and
/// migrated as needed).
pub fn open(location: &str) -> Result<Box<dyn Store>> {
    Location::parse(location).open()
}
