//! Online story clustering.
//!
//! Each article becomes one sparse vector over four kinds of feature:
//! content words (`w:`), entity merge keys (`e:`, plus each word of a
//! multi-word key), numbers (`n:`: "6.1", "85", "2013") and event dates
//! (`d:2013-05-03`, `m:2013-05`). Weights are (1+ln tf) × kind boost ×
//! BM25 idf, where document frequencies are learned online (the idf used
//! is always the current one, also for story centroids, see `Story::terms`).
//! The article joins the best-scoring candidate story if
//! cosine(article, story centroid) × time factor ≥ `threshold`,
//! otherwise it starts a new story. The score is multiplied by 0.7 when
//! the article and the story name different salient people (neither side's
//! salient person appears in the other) and by 0.7 when both carry
//! explicit dates none of which are within 60 days (`person_conflict`,
//! `date_conflict`).
//!
//! Second pass (online, bounded): every `reconsider_every` (50) articles the
//! last `reconsider_window` (200) articles are each taken out of their story
//! and re-scored; an article moves when another story beats its own (or it
//! was alone and another story reaches the threshold). Moves are reported
//! by `take_moves()` (the caller updates `articles.story_id`); the window (raw
//! vectors + contributions) is part of the stored state (`cluster_recent`).
//!
//! Cost per article is bounded independently of the number of stories:
//! candidates come from an inverted index over the stories' top features
//! (each posting list keeps only the `posting_cap` most recently updated
//! stories), filtered by a publication-date window, and at most
//! `max_candidates` stories are scored; centroids are pruned to
//! `story_max_terms` features.
//!
//! Determinism: no iteration over hash maps influences a result (hash maps
//! are only used for lookups); every ranking breaks ties by id. The same
//! input in the same order gives the same stories, and a story's id is
//! fixed when it is created (ids are dense, in creation order).
//!
//! # State in the store
//! The state lives in the store as rows (schema v4, `store/migrations/0004_cluster_rows.sql`)
//! and is read on demand, so linking one article reads what it needs whatever the store's
//! size: its terms (by key), the posting lists of its top terms, its candidate stories and the
//! terms of their centroids; per batch, the counters and the recent window.
//! - `cluster_state`: `n_docs`, the next term and story ids, ordering counters and a version.
//! - `cluster_terms(id, key UNIQUE, kind, df)`: the dictionary with online document
//!   frequencies.
//! - `cluster_stories(id, n_docs, first_pub, last_pub, last_seq, dates, merged_into,
//!   centroid)`: the centroid (≤ `story_max_terms` terms, weights without idf) is one value,
//!   as it is always read and written whole.
//! - `cluster_postings(term_id, story_id, seq)`: the bounded posting lists (≤ `posting_cap`
//!   per term, the lowest `seq` dropped first).
//! - `cluster_recent(seq, article_id, story_id, …)`: the second pass's window.
//! - `articles.story_id`: the assignments (story id + 1).
//!
//! A [`Clusterer`] is a view of that state: what it has read, plus its changes, which
//! [`Clusterer::take_changes`] hands over once per batch (one write, refused if the stored
//! version moved meanwhile). Before each batch [`Clusterer::sync`] compares the stored
//! version with the one it last wrote: the same, and what it holds is still true; otherwise
//! (another worker linked in between) it drops it all and reads again. Its results are the
//! same as with the whole state in memory (`Clusterer::new` with [`Nothing`] to read from).

use super::features::{tokens, Stop};
use crate::store::{ClusterMeta, ClusterRecent, ClusterStory, ClusterTerm, ClusterWrite, StoreError};
use crate::text::stem;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub type StoryId = u32;

/// What the clusterer sees of an article. `entities` are merge keys of the
/// people/places/organisations it mentions (linking passes the entity
/// layer's merge keys; unit tests use `features::approx_entities`); `dates` are the
/// event dates it mentions.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocFeatures {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
    /// Untyped entity merge keys (kind OTHER, or the unit tests' stand-in).
    pub entities: Vec<String>,
    pub dates: Vec<NaiveDate>,
    /// Typed entity merge keys (`storyline::analysis::entity_key`), one
    /// per mention: people ("t reid"), places, organisations.
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub orgs: Vec<String>,
    /// TIMEX3 values of the article's temporal expressions ("2013-05-03",
    /// "XXXX-06-08", "2013", "P90D", ...); uninformative ones are ignored.
    #[serde(default)]
    pub times: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Minimum score to join a story.
    pub threshold: f32,
    pub word_boost: f32,
    pub entity_boost: f32,
    /// Boost of the single words of a multi-word entity key.
    pub entity_part_boost: f32,
    pub number_boost: f32,
    pub date_boost: f32,
    /// Boosts of typed entities (`DocFeatures::people/places/orgs`).
    pub person_boost: f32,
    pub place_boost: f32,
    pub org_boost: f32,
    /// Boost of TIMEX3 values (`DocFeatures::times`).
    pub time_boost: f32,
    /// Number of the article's top features used to retrieve candidates.
    pub query_terms: usize,
    /// Stories kept per posting list (most recently updated).
    pub posting_cap: usize,
    /// Stories scored per article at most.
    pub max_candidates: usize,
    /// A story is indexed under this many of its top features.
    pub story_index_terms: usize,
    /// Centroid pruned to this many features.
    pub story_max_terms: usize,
    /// Publication-date window around a story's [first, last] publication.
    pub window_days: i64,
    /// Beyond `grace_days` outside the story's span the score decays with
    /// this time constant (days).
    pub grace_days: i64,
    pub decay_days: f32,
    /// Score every story (the baseline; cost grows with #stories).
    pub exhaustive: bool,
    /// After an article joins a story, the story is merged with its most
    /// similar other story if their centroids score at least this
    /// (0 disables merging).
    pub merge_threshold: f32,
    /// Conflict penalty: the score is multiplied by (1 - this) when the
    /// article's salient people (named at least twice) are all absent
    /// from the story and the story's salient people are all absent from
    /// the article (two fights of one boxer against different opponents).
    pub person_conflict: f32,
    /// Same for salient organisations.
    pub org_conflict: f32,
    /// Multiplied by (1 - this) when article and story both mention
    /// explicit dates and none are within `date_conflict_days`.
    pub date_conflict: f32,
    pub date_conflict_days: i64,
    /// Second pass, online: every `reconsider_every` articles (0 = never)
    /// each of the last `reconsider_window` articles is taken out of its
    /// story and re-scored against its candidates; it moves when another
    /// story scores at least `reconsider_margin` more than its own (or its
    /// own story held only it and the best one reaches `threshold`).
    /// Moves are reported through `Clusterer::take_moves`.
    pub reconsider_every: usize,
    pub reconsider_window: usize,
    pub reconsider_margin: f32,
    /// Background pseudo-documents for idf: a young store has not seen enough articles
    /// to tell common words from rare ones, so every term starts as if it had been seen in
    /// `prior_df` of `prior_docs` earlier documents (ECB+ dev: BCubed 0.889 → 0.903 in file
    /// order, both halves up; the seed story's articles meet on their shared names).
    #[serde(default = "default_prior_docs")]
    pub prior_docs: f32,
    #[serde(default = "default_prior_df")]
    pub prior_df: f32,
}

fn default_prior_docs() -> f32 {
    100.0
}

fn default_prior_df() -> f32 {
    2.0
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.22,
            word_boost: 1.0,
            entity_boost: 1.5,
            entity_part_boost: 1.0,
            number_boost: 1.5,
            date_boost: 1.0,
            person_boost: 1.5,
            place_boost: 1.5,
            org_boost: 1.5,
            time_boost: 0.0,
            query_terms: 12,
            posting_cap: 64,
            max_candidates: 48,
            story_index_terms: 24,
            story_max_terms: 400,
            window_days: 30,
            grace_days: 3,
            decay_days: 10.0,
            exhaustive: false,
            merge_threshold: 0.0,
            person_conflict: 0.3,
            org_conflict: 0.0,
            date_conflict: 0.3,
            date_conflict_days: 60,
            reconsider_every: 50,
            reconsider_window: 200,
            reconsider_margin: 0.0,
            prior_docs: default_prior_docs(),
            prior_df: default_prior_df(),
        }
    }
}

impl Config {
    /// Single-pass TF-IDF baseline: content words only, no
    /// entity/date evidence, exhaustive scan over all stories.
    pub fn baseline() -> Self {
        Config {
            threshold: 0.2,
            entity_boost: 0.0,
            entity_part_boost: 0.0,
            date_boost: 0.0,
            number_boost: 0.0,
            person_boost: 0.0,
            place_boost: 0.0,
            org_boost: 0.0,
            time_boost: 0.0,
            exhaustive: true,
            ..Config::default()
        }
    }
}

const KIND_WORD: u8 = 0;
const KIND_ENT: u8 = 1;
const KIND_ENT_PART: u8 = 2;
const KIND_NUM: u8 = 3;
const KIND_DATE: u8 = 4;
const KIND_PERSON: u8 = 5;
const KIND_PLACE: u8 = 6;
const KIND_ORG: u8 = 7;
const KIND_TIME: u8 = 8;

fn is_entity(kind: u8) -> bool {
    matches!(kind, KIND_ENT | KIND_PERSON | KIND_PLACE | KIND_ORG)
}

/// Whether a TIMEX3 value says something about *which* event: dates with
/// a year or a month, years, durations; not weekdays, PRESENT_REF, ...
fn useful_time(v: &str) -> bool {
    let b = v.as_bytes();
    if v.starts_with('P') {
        return v.len() >= 3 && !v.contains('X');
    }
    if b.len() >= 4 && b[..4].iter().all(|c| c.is_ascii_digit()) {
        return !v.contains('T');
    }
    // XXXX-MM-DD (a month and day without a year)
    v.len() == 10 && v.starts_with("XXXX-") && b[5].is_ascii_digit() && b[8].is_ascii_digit()
}

/// Evidence groups scored separately: 0 words, 1 entities, 2 numbers+dates.
fn group(kind: u8) -> usize {
    match kind {
        KIND_WORD => 0,
        KIND_ENT | KIND_ENT_PART | KIND_PERSON | KIND_PLACE | KIND_ORG => 1,
        _ => 2,
    }
}

/// A story as the clusterer holds it: the store's row ([`ClusterStory`]). Its centroid
/// (`terms`, sorted by term id) is Σ over its articles of (tf weight × boost) / ‖article
/// tf-idf‖ (idf as of insertion); scoring multiplies by the *current* idf.
pub type Story = ClusterStory;

/// A recently added article, kept for the second pass (the store's row, [`ClusterRecent`]).
pub type Recent = ClusterRecent;

fn empty_story(id: StoryId) -> Story {
    Story { id, n_docs: 0, first_pub: None, last_pub: None, last_seq: 0, dates: Vec::new(), terms: Vec::new(), merged_into: None }
}

fn merge_sorted(a: &[(u32, f32)], b: &[(u32, f32)], bw: f32) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].0 < a[i].0 {
            out.push((b[j].0, b[j].1 * bw));
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1 * bw));
            i += 1;
            j += 1;
        }
    }
    out
}

fn near_dates(a: &[NaiveDate], b: &[NaiveDate]) -> bool {
    a.iter().any(|x| b.iter().any(|y| (*x - *y).num_days().abs() <= 1))
}

/// Where the clusterer reads the state it does not hold: the store (through the linker), or
/// [`Nothing`] for a clusterer that lives only in memory.
pub trait Source {
    fn terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>, StoreError>;
    fn terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>, StoreError>;
    fn stories(&self, ids: &[StoryId]) -> Result<Vec<Story>, StoreError>;
    /// At most `cap` stories, least recently indexed first, with their position counters.
    fn postings(&self, term: u32, cap: usize) -> Result<Vec<(StoryId, i64)>, StoreError>;
    /// The latest `n` recent articles, oldest first.
    fn recent(&self, n: usize) -> Result<Vec<Recent>, StoreError>;
}

/// No stored state: everything the clusterer knows, it holds.
pub struct Nothing;

impl Source for Nothing {
    fn terms_by_key(&self, _: &[String]) -> Result<Vec<ClusterTerm>, StoreError> {
        Ok(Vec::new())
    }
    fn terms(&self, _: &[u32]) -> Result<Vec<ClusterTerm>, StoreError> {
        Ok(Vec::new())
    }
    fn stories(&self, _: &[StoryId]) -> Result<Vec<Story>, StoreError> {
        Ok(Vec::new())
    }
    fn postings(&self, _: u32, _: usize) -> Result<Vec<(StoryId, i64)>, StoreError> {
        Ok(Vec::new())
    }
    fn recent(&self, _: usize) -> Result<Vec<Recent>, StoreError> {
        Ok(Vec::new())
    }
}

/// The kind of a term not held.
const NOT_HELD: u8 = u8::MAX;

/// How much of the stored state a clusterer holds at most between batches; beyond it, the
/// view is dropped and read again as needed (memory stays flat as the store grows, but for
/// the kinds and document frequencies of held terms, kept in arrays by term id: 5 bytes per
/// term of the dictionary up to the highest id held).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub terms: usize,
    pub stories: usize,
    pub postings: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { terms: 400_000, stories: 12_000, postings: 60_000 }
    }
}

/// The online clusterer: a view of the stored state (what the articles of a batch need, read
/// on demand through a [`Source`]) plus the changes not yet written.
pub struct Clusterer {
    pub cfg: Config,
    pub n_docs: u64,
    next_term: u32,
    next_story: u32,
    posting_seq: i64,
    recent_seq: i64,
    /// The stored state's version this view is of (`None`: nothing held is trusted).
    version: Option<i64>,
    /// Terms below this id were written before this batch (their df changes are increments).
    written_terms: u32,
    dict: FxHashMap<String, u32>,
    /// The held terms' keys, and their kinds and document frequencies by term id (dense: the
    /// scoring loop reads them for every centroid term; `NOT_HELD` marks the others).
    keys: FxHashMap<u32, String>,
    kinds: Vec<u8>,
    df: Vec<u32>,
    /// Keys looked up and not stored (as of `version`).
    absent: FxHashSet<String>,
    stories: FxHashMap<StoryId, Story>,
    /// Posting lists held: (story, position counter), least recent first.
    postings: FxHashMap<u32, Vec<(StoryId, i64)>>,
    /// The last `reconsider_window` articles (for the second pass).
    recent: VecDeque<Recent>,
    /// Re-assignments made by the second pass, not yet taken by the caller.
    moves: Vec<(String, StoryId)>,
    // changes not yet written (see `take_changes`)
    df_delta: FxHashMap<u32, u32>,
    dirty_stories: BTreeSet<StoryId>,
    posting_ops: BTreeMap<(u32, StoryId), Option<i64>>,
    dirty_recent: BTreeSet<i64>,
    /// Scratch counter of candidate scoring work (for the flatness check).
    pub scored: u64,
}

/// The ids among `ids` that are not held, sorted, once each.
fn not_held(ids: &[u32], held: impl Fn(&u32) -> bool) -> Vec<u32> {
    let mut v: Vec<u32> = ids.iter().copied().filter(|x| !held(x)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The key of the single-word part under which a person or organisation's last name is
/// indexed ("P:volodymyr zelensky" → "p:zelensky").
fn last_part_key(key: &str) -> Option<String> {
    let last = key.get(2..)?.rsplit([' ', '_', '-']).next()?;
    Some(format!("p:{last}"))
}

impl Clusterer {
    /// A clusterer of an empty state, held whole in memory (use it with [`Nothing`]), or to be
    /// brought in line with a store by [`Clusterer::sync`].
    pub fn new(cfg: Config) -> Self {
        Clusterer {
            cfg,
            n_docs: 0,
            next_term: 0,
            next_story: 0,
            posting_seq: 0,
            recent_seq: 0,
            version: Some(0),
            written_terms: 0,
            dict: FxHashMap::default(),
            keys: FxHashMap::default(),
            kinds: Vec::new(),
            df: Vec::new(),
            absent: FxHashSet::default(),
            stories: FxHashMap::default(),
            postings: FxHashMap::default(),
            recent: VecDeque::new(),
            moves: Vec::new(),
            df_delta: FxHashMap::default(),
            dirty_stories: BTreeSet::new(),
            posting_ops: BTreeMap::new(),
            dirty_recent: BTreeSet::new(),
            scored: 0,
        }
    }

    /// Bring the view in line with the stored state before a batch: if the store's version is
    /// the one this view was last written as, what is held is still true; otherwise (another
    /// worker linked in between, or nothing is held yet) everything is dropped and read again
    /// as needed. Also drops the view when it has outgrown `limits`. Call with no changes
    /// pending (after [`Clusterer::take_changes`]).
    pub fn sync(&mut self, meta: &ClusterMeta, src: &dyn Source, limits: Limits) -> Result<(), StoreError> {
        debug_assert!(self.df_delta.is_empty() && self.dirty_stories.is_empty() && self.posting_ops.is_empty());
        self.moves.clear();
        let big = self.keys.len() + self.absent.len() > limits.terms || self.stories.len() > limits.stories || self.postings.len() > limits.postings;
        if self.version == Some(meta.version) && !big {
            return Ok(());
        }
        self.absent.clear();
        self.dict.clear();
        self.keys.clear();
        self.kinds.clear();
        self.df.clear();
        self.stories.clear();
        self.postings.clear();
        self.recent.clear();
        self.dirty_recent.clear();
        self.n_docs = meta.n_docs;
        self.next_term = meta.next_term;
        self.written_terms = meta.next_term;
        self.next_story = meta.next_story;
        self.posting_seq = meta.posting_seq;
        self.recent_seq = meta.recent_seq;
        self.version = Some(meta.version);
        if self.cfg.reconsider_every > 0 && self.cfg.reconsider_window > 0 {
            let recent = src.recent(self.cfg.reconsider_window)?;
            let ids: Vec<u32> = recent.iter().flat_map(|r| r.raw.iter().chain(&r.contrib).map(|x| x.0)).collect();
            self.ensure_terms(src, &ids)?;
            self.recent = recent.into();
        }
        Ok(())
    }

    /// The changes since the last call, to be written in one go (`None`: nothing changed).
    /// The view then counts as the next version of the stored state.
    pub fn take_changes(&mut self) -> Option<ClusterWrite> {
        let base = self.version?;
        let new_terms: Vec<ClusterTerm> = (self.written_terms..self.next_term)
            .map(|id| {
                ClusterTerm { id, key: self.keys[&id].clone(), kind: self.kinds[id as usize], df: self.df[id as usize] }
            })
            .collect();
        let mut df: Vec<(u32, u32)> = self.df_delta.drain().collect();
        df.sort_unstable();
        let stories: Vec<Story> = std::mem::take(&mut self.dirty_stories).into_iter().map(|s| self.stories[&s].clone()).collect();
        let postings: Vec<(u32, StoryId, Option<i64>)> = std::mem::take(&mut self.posting_ops).into_iter().map(|((t, s), q)| (t, s, q)).collect();
        let dirty = std::mem::take(&mut self.dirty_recent);
        let recent: Vec<Recent> = self.recent.iter().filter(|r| dirty.contains(&r.seq)).cloned().collect();
        if new_terms.is_empty() && df.is_empty() && stories.is_empty() && postings.is_empty() && recent.is_empty() && dirty.is_empty() {
            return None;
        }
        self.written_terms = self.next_term;
        self.version = Some(base + 1);
        Some(ClusterWrite {
            base_version: base,
            meta: ClusterMeta {
                n_docs: self.n_docs,
                next_term: self.next_term,
                next_story: self.next_story,
                posting_seq: self.posting_seq,
                recent_seq: self.recent_seq,
                version: base + 1,
            },
            new_terms,
            df,
            stories,
            postings,
            recent,
            recent_keep: self.cfg.reconsider_window,
        })
    }

    /// Hold terms read from the store (a term already held keeps its held, newer, value).
    fn hold_terms(&mut self, found: Vec<ClusterTerm>) {
        for t in found {
            if !self.held(t.id) {
                self.hold(t.id, t.key, t.kind, t.df);
            }
        }
    }

    /// Read the terms not held among `ids` (and the name parts the conflict check looks up).
    fn ensure_terms(&mut self, src: &dyn Source, ids: &[u32]) -> Result<(), StoreError> {
        let missing = not_held(ids, |&t| self.held(t));
        if missing.is_empty() {
            return Ok(());
        }
        let found = src.terms(&missing)?;
        self.hold_terms(found);
        self.ensure_parts(src, &missing)
    }

    /// For the people and organisations among `ids`, find out whether the single-word term of
    /// their last name exists (see `salient_parts`).
    fn ensure_parts(&mut self, src: &dyn Source, ids: &[u32]) -> Result<(), StoreError> {
        let mut keys: Vec<String> = Vec::new();
        for t in ids {
            let kind = self.kinds.get(*t as usize).copied().unwrap_or(NOT_HELD);
            if kind != KIND_PERSON && kind != KIND_ORG {
                continue;
            }
            if let Some(k) = last_part_key(&self.keys[t]) {
                if !self.dict.contains_key(&k) && !self.absent.contains(&k) && !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        self.lookup_keys(src, keys)
    }

    /// Look keys up in the store: found ones are held, the others remembered as absent.
    fn lookup_keys(&mut self, src: &dyn Source, keys: Vec<String>) -> Result<(), StoreError> {
        if keys.is_empty() {
            return Ok(());
        }
        let found = src.terms_by_key(&keys)?;
        self.hold_terms(found);
        for k in keys {
            if !self.dict.contains_key(&k) {
                self.absent.insert(k);
            }
        }
        Ok(())
    }

    /// Read the stories not held among `ids`, with the terms of their centroids.
    fn ensure_stories(&mut self, src: &dyn Source, ids: &[StoryId]) -> Result<(), StoreError> {
        let missing = not_held(ids, |s| self.stories.contains_key(s));
        if missing.is_empty() {
            return Ok(());
        }
        let found = src.stories(&missing)?;
        let terms: Vec<u32> = found.iter().flat_map(|s| s.terms.iter().map(|x| x.0)).collect();
        for s in found {
            self.stories.insert(s.id, s);
        }
        self.ensure_terms(src, &terms)
    }

    /// Read the posting lists not held among `terms`.
    fn ensure_postings(&mut self, src: &dyn Source, terms: &[u32]) -> Result<(), StoreError> {
        for &t in terms {
            if !self.postings.contains_key(&t) {
                let pl = src.postings(t, self.cfg.posting_cap)?;
                self.postings.insert(t, pl);
            }
        }
        Ok(())
    }

    fn create_term(&mut self, key: String, kind: u8) -> u32 {
        let id = self.next_term;
        self.next_term += 1;
        self.hold(id, key, kind, 0);
        id
    }

    fn held(&self, t: u32) -> bool {
        self.kinds.get(t as usize).is_some_and(|&k| k != NOT_HELD)
    }

    fn hold(&mut self, id: u32, key: String, kind: u8, df: u32) {
        let i = id as usize;
        if self.kinds.len() <= i {
            self.kinds.resize(i + 1, NOT_HELD);
            self.df.resize(i + 1, 0);
        }
        self.kinds[i] = kind;
        self.df[i] = df;
        self.dict.insert(key.clone(), id);
        self.keys.insert(id, key);
    }

    fn add_df(&mut self, raw: &[(u32, f32)]) {
        self.n_docs += 1;
        for &(t, _) in raw {
            debug_assert!(self.held(t));
            self.df[t as usize] += 1;
            if t < self.written_terms {
                *self.df_delta.entry(t).or_default() += 1;
            }
        }
    }

    fn kind(&self, t: u32) -> u8 {
        debug_assert!(self.held(t));
        self.kinds[t as usize]
    }

    fn idf(&self, t: u32) -> f32 {
        debug_assert!(self.held(t));
        let n = self.n_docs as f32 + self.cfg.prior_docs;
        let df = self.df[t as usize] as f32 + self.cfg.prior_df;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The feature keys of an article, in the order they are met (repeats counted).
    fn feature_keys(&self, doc: &DocFeatures, stop: &Stop) -> Vec<(String, u8)> {
        let c = &self.cfg;
        let mut out: Vec<(String, u8)> = Vec::new();
        for t in tokens(&doc.text) {
            if t.has_digit {
                if c.number_boost > 0.0 {
                    out.push((format!("n:{}", t.lower), KIND_NUM));
                }
            } else if t.lower.chars().count() >= 2 && !stop.has(&t.lower) {
                out.push((format!("w:{}", stem(&t.lower)), KIND_WORD));
            }
        }
        if c.entity_boost > 0.0 {
            for e in &doc.entities {
                out.push((format!("e:{e}"), KIND_ENT));
                if c.entity_part_boost > 0.0 && e.contains('_') {
                    for p in e.split('_') {
                        if !stop.has(p) && p.len() > 1 {
                            out.push((format!("p:{p}"), KIND_ENT_PART));
                        }
                    }
                }
            }
        }
        let typed = [(&doc.people, KIND_PERSON, c.person_boost, "P"), (&doc.places, KIND_PLACE, c.place_boost, "L"), (&doc.orgs, KIND_ORG, c.org_boost, "O")];
        for (list, kind, boost, pre) in typed {
            if boost <= 0.0 {
                continue;
            }
            for e in list.iter() {
                out.push((format!("{pre}:{e}"), kind));
                if c.entity_part_boost > 0.0 {
                    for p in e.split([' ', '_', '-']) {
                        if p.chars().count() > 1 && !stop.has(p) {
                            out.push((format!("p:{p}"), KIND_ENT_PART));
                        }
                    }
                }
            }
        }
        if c.time_boost > 0.0 {
            for t in &doc.times {
                if useful_time(t) {
                    out.push((format!("t:{t}"), KIND_TIME));
                }
            }
        }
        if c.date_boost > 0.0 {
            for d in &doc.dates {
                out.push((format!("d:{d}"), KIND_DATE));
                out.push((format!("m:{}", d.format("%Y-%m")), KIND_DATE));
            }
        }
        out
    }

    /// Raw (tf × boost) feature vector, sorted by term id. Terms are looked up in the store;
    /// new ones get the next ids, in the order they are met.
    fn raw_vector(&mut self, src: &dyn Source, doc: &DocFeatures, stop: &Stop) -> Result<Vec<(u32, f32)>, StoreError> {
        let keys = self.feature_keys(doc, stop);
        let mut missing: Vec<String> = Vec::new();
        let mut asked: FxHashSet<&str> = FxHashSet::default();
        for (k, _) in &keys {
            if !self.dict.contains_key(k) && !self.absent.contains(k) && asked.insert(k) {
                missing.push(k.clone());
            }
        }
        self.lookup_keys(src, missing)?;
        let c = &self.cfg;
        let boosts = [c.word_boost, c.entity_boost, c.entity_part_boost, c.number_boost, c.date_boost, c.person_boost, c.place_boost, c.org_boost, c.time_boost];
        let mut counts: FxHashMap<u32, (f32, u8)> = FxHashMap::default();
        for (key, kind) in keys {
            let id = match self.dict.get(&key) {
                Some(&id) => id,
                None => self.create_term(key, kind),
            };
            counts.entry(id).or_insert((0.0, kind)).0 += 1.0;
        }
        let mut v: Vec<(u32, f32)> = counts
            .into_iter()
            .map(|(id, (tf, kind))| (id, (1.0 + tf.ln()) * boosts.get(kind as usize).copied().unwrap_or(boosts[KIND_DATE as usize])))
            .filter(|x| x.1 > 0.0)
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        let ids: Vec<u32> = v.iter().map(|x| x.0).collect();
        self.ensure_parts(src, &ids)?;
        Ok(v)
    }

    /// Publication-time factor of an item published in [p0, p1] against a
    /// story: None outside the window, 1 within grace, then exp decay.
    fn time_factor(&self, p0: Option<NaiveDate>, p1: Option<NaiveDate>, s: &Story) -> Option<f32> {
        let mut f = 1.0f32;
        if let (Some(p0), Some(p1), Some(a), Some(b)) = (p0, p1, s.first_pub, s.last_pub) {
            let gap = if p1 < a { (a - p1).num_days() } else if p0 > b { (p0 - b).num_days() } else { 0 };
            if gap > self.cfg.window_days {
                return None;
            }
            if gap > self.cfg.grace_days {
                f *= (-((gap - self.cfg.grace_days) as f32) / self.cfg.decay_days).exp();
            }
        }
        Some(f)
    }

    /// Learns document frequencies from an article without clustering it
    /// (warm start from a background corpus: with only a handful of
    /// articles seen, idf cannot tell event words from common ones).
    pub fn observe(&mut self, doc: &DocFeatures) {
        self.observe_from(&Nothing, doc).expect("nothing to read")
    }

    /// [`Clusterer::observe`], reading what is not held from `src`.
    pub fn observe_from(&mut self, src: &dyn Source, doc: &DocFeatures) -> Result<(), StoreError> {
        let stop = Stop::new();
        let raw = self.raw_vector(src, doc, &stop)?;
        self.add_df(&raw);
        Ok(())
    }

    /// Adds an article and returns the story it joined or started (in memory).
    pub fn add(&mut self, doc: &DocFeatures) -> StoryId {
        self.add_from(&Nothing, doc).expect("nothing to read")
    }

    /// [`Clusterer::add`], reading what is not held from `src`.
    pub fn add_from(&mut self, src: &dyn Source, doc: &DocFeatures) -> Result<StoryId, StoreError> {
        let stop = Stop::new();
        let raw = self.raw_vector(src, doc, &stop)?;
        self.add_df(&raw);
        let idf: Vec<f32> = raw.iter().map(|&(t, _)| self.idf(t)).collect();
        let mut dnorm_g = [0.0f32; 3];
        for (&(t, w), i) in raw.iter().zip(&idf) {
            dnorm_g[group(self.kind(t))] += (w * i) * (w * i);
        }
        for x in dnorm_g.iter_mut() {
            *x = x.sqrt();
        }

        let q: Vec<(u32, f32)> = raw.iter().zip(&idf).map(|(&(t, w), i)| (t, w * i)).collect();
        let best = self.best_story(src, q, &raw, doc.published, &doc.dates, None)?;

        let sid = match best {
            Some((sid, sc)) if sc >= self.cfg.threshold => sid,
            _ => {
                let id = self.next_story;
                self.next_story += 1;
                self.stories.insert(id, empty_story(id));
                id
            }
        };
        let contrib: Vec<(u32, f32)> = raw.iter().map(|&(t, w)| (t, w / dnorm_g[group(self.kind(t))].max(1e-9))).collect();
        self.update_story(src, sid, doc.published, &doc.dates, &contrib)?;
        if self.cfg.reconsider_every > 0 && self.cfg.reconsider_window > 0 {
            self.recent_seq += 1;
            let seq = self.recent_seq;
            self.recent.push_back(Recent { seq, id: doc.id.clone(), story: sid, published: doc.published, dates: doc.dates.clone(), raw, contrib });
            self.dirty_recent.insert(seq);
            while self.recent.len() > self.cfg.reconsider_window {
                self.recent.pop_front();
            }
        }
        let mut sid = sid;
        if self.cfg.merge_threshold > 0.0 && !self.cfg.exhaustive {
            for _ in 0..3 {
                match self.try_merge(src, sid)? {
                    Some(s) => sid = s,
                    None => break,
                }
            }
        }
        if self.cfg.reconsider_every > 0 && self.n_docs % self.cfg.reconsider_every as u64 == 0 {
            self.reconsider(src)?;
            if let Some(story) = self.recent.back().filter(|r| r.id == doc.id).map(|r| r.story) {
                sid = self.resolve_from(src, story)?;
            }
        }
        Ok(sid)
    }

    /// Salient entities of `kind` in a vector (article raw tf weights or a
    /// centroid): the last-word part term ids of the entries weighing at
    /// least `min_w`, at most 3 (by weight, ties by id).
    fn salient_parts(&self, v: &[(u32, f32)], kind: u8, min_w: f32) -> Vec<u32> {
        let mut top: Vec<(u32, f32)> = v.iter().filter(|&&(t, w)| self.kind(t) == kind && w >= min_w).copied().collect();
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(3);
        top.iter()
            .filter_map(|&(t, _)| {
                let key = last_part_key(&self.keys[&t])?;
                debug_assert!(self.dict.contains_key(&key) || self.absent.contains(&key), "part {key} not looked up");
                self.dict.get(&key).copied()
            })
            .collect()
    }

    /// Score multiplier for contradicting evidence (see `Config::person_conflict`).
    fn conflict_factor(&self, raw: &[(u32, f32)], story: &[(u32, f32)], ad: &[NaiveDate], sd: &[NaiveDate]) -> f32 {
        let mut f = 1.0f32;
        let has = |v: &[(u32, f32)], t: u32| v.binary_search_by_key(&t, |x| x.0).is_ok();
        for (kind, pen, boost) in [(KIND_PERSON, self.cfg.person_conflict, self.cfg.person_boost), (KIND_ORG, self.cfg.org_conflict, self.cfg.org_boost)] {
            if pen <= 0.0 {
                continue;
            }
            // article: named at least twice; story: at least half the weight of its top one
            let a = self.salient_parts(raw, kind, (1.0 + 2f32.ln()) * boost - 1e-4);
            if a.is_empty() {
                continue;
            }
            let smax = story.iter().filter(|x| self.kind(x.0) == kind).map(|x| x.1).fold(0.0f32, f32::max);
            if smax <= 0.0 {
                continue;
            }
            let sp = self.salient_parts(story, kind, 0.5 * smax);
            if sp.is_empty() {
                continue;
            }
            if !a.iter().any(|&t| has(story, t)) && !sp.iter().any(|&t| has(raw, t)) {
                f *= 1.0 - pen;
            }
        }
        if self.cfg.date_conflict > 0.0 && !ad.is_empty() && !sd.is_empty() {
            let k = self.cfg.date_conflict_days;
            if !ad.iter().any(|x| sd.iter().any(|y| (*x - *y).num_days().abs() <= k)) {
                f *= 1.0 - self.cfg.date_conflict;
            }
        }
        f
    }

    /// Best (story, score) among the candidates of query `q` (tf-idf of
    /// `raw`); `exclude` is left out.
    fn best_story(
        &mut self,
        src: &dyn Source,
        q: Vec<(u32, f32)>,
        raw: &[(u32, f32)],
        published: Option<NaiveDate>,
        dates: &[NaiveDate],
        exclude: Option<StoryId>,
    ) -> Result<Option<(StoryId, f32)>, StoreError> {
        let cands: Vec<StoryId> = if self.cfg.exhaustive {
            let all: Vec<StoryId> = (0..self.next_story).collect();
            self.ensure_stories(src, &all)?;
            all.into_iter().filter(|s| self.stories[s].merged_into.is_none() && Some(*s) != exclude).collect()
        } else {
            self.retrieve(src, q, exclude)?
        };
        self.ensure_stories(src, &cands)?;
        let mut best: Option<(StoryId, f32)> = None;
        for sid in cands {
            let s = &self.stories[&sid];
            if s.n_docs == 0 {
                continue;
            }
            let Some(tf) = self.time_factor(published, published, s) else { continue };
            self.scored += 1;
            let mut score = self.group_cos(raw, &s.terms) * tf;
            if self.cfg.date_boost > 0.0 && near_dates(dates, &s.dates) {
                score += 0.03;
            }
            score *= self.conflict_factor(raw, &s.terms, dates, &s.dates);
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((sid, score));
            }
        }
        Ok(best)
    }

    /// Re-assignments made by the second pass since the last call
    /// (article id, its new story), in the order they were made.
    pub fn take_moves(&mut self) -> Vec<(String, StoryId)> {
        std::mem::take(&mut self.moves)
    }

    /// The second pass over the last `reconsider_window` articles, oldest
    /// first (called by `add` every `reconsider_every` articles; bounded
    /// cost: window × max_candidates scorings).
    fn reconsider(&mut self, src: &dyn Source) -> Result<(), StoreError> {
        for k in 0..self.recent.len() {
            let r = self.recent[k].clone();
            let cur = self.resolve_from(src, r.story)?;
            // take the article out of its story
            let story = self.stories.get_mut(&cur).expect("held");
            let terms = std::mem::take(&mut story.terms);
            let mut without = merge_sorted(&terms, &r.contrib, -1.0);
            without.retain(|x| x.1 > 1e-5);
            let alone = story.n_docs <= 1;
            story.terms = without.clone();
            let q: Vec<(u32, f32)> = r.raw.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
            let own = if alone {
                None
            } else {
                let s = &self.stories[&cur];
                let tf = self.time_factor(r.published, r.published, s).unwrap_or(1.0);
                let mut sc = self.group_cos(&r.raw, &s.terms) * tf;
                if self.cfg.date_boost > 0.0 && near_dates(&r.dates, &s.dates) {
                    sc += 0.03;
                }
                Some(sc * self.conflict_factor(&r.raw, &s.terms, &r.dates, &s.dates))
            };
            let best = self.best_story(src, q, &r.raw, r.published, &r.dates, Some(cur))?;
            let go = match (best, own) {
                (Some((_, b)), None) => b >= self.cfg.threshold,
                (Some((_, b)), Some(o)) => b >= o + self.cfg.reconsider_margin && b >= self.cfg.threshold,
                _ => false,
            };
            if go {
                let to = best.expect("checked").0;
                self.stories.get_mut(&cur).expect("held").n_docs -= 1;
                self.set_terms(src, cur, without)?;
                self.update_story(src, to, r.published, &r.dates, &r.contrib)?;
                self.recent[k].story = to;
                self.dirty_recent.insert(r.seq);
                self.moves.push((r.id.clone(), to));
            } else {
                self.stories.get_mut(&cur).expect("held").terms = terms;
            }
        }
        Ok(())
    }

    /// The current id of a story: a story merged into an older one resolves to the survivor
    /// (ids are never reused). Reads the stories on the way; only merging
    /// (`merge_threshold` > 0) makes merged stories.
    pub fn resolve_from(&mut self, src: &dyn Source, mut id: StoryId) -> Result<StoryId, StoreError> {
        loop {
            self.ensure_stories(src, &[id])?;
            match self.stories.get(&id).and_then(|s| s.merged_into) {
                Some(s) => id = s,
                None => return Ok(id),
            }
        }
    }

    /// [`Clusterer::resolve_from`] over the stories held (those not held resolve to
    /// themselves).
    fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(s) = self.stories.get(&id).and_then(|s| s.merged_into) {
            id = s;
        }
        id
    }

    /// Candidate stories for a query vector (term, tf-idf): union of the
    /// posting lists of its `query_terms` top features, ranked by number of
    /// hits, then recency; at most `max_candidates`.
    fn retrieve(&mut self, src: &dyn Source, mut q: Vec<(u32, f32)>, exclude: Option<StoryId>) -> Result<Vec<StoryId>, StoreError> {
        q.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        q.truncate(self.cfg.query_terms);
        let ts: Vec<u32> = q.iter().map(|x| x.0).collect();
        self.ensure_postings(src, &ts)?;
        if self.cfg.merge_threshold > 0.0 {
            // resolving merged stories needs them held
            let listed: Vec<StoryId> = ts.iter().flat_map(|t| self.postings[t].iter().map(|x| x.0)).collect();
            self.ensure_stories(src, &listed)?;
            for s in listed {
                self.resolve_from(src, s)?;
            }
        }
        let mut hits: Vec<StoryId> = Vec::new();
        for t in &ts {
            let pl = &self.postings[t];
            let mut here: Vec<StoryId> = pl.iter().map(|&(s, _)| self.resolve(s)).collect();
            here.sort_unstable();
            here.dedup();
            hits.extend(here);
        }
        hits.sort_unstable();
        let mut counted: Vec<(StoryId, u32)> = Vec::new();
        for h in hits {
            if Some(h) == exclude {
                continue;
            }
            match counted.last_mut() {
                Some(l) if l.0 == h => l.1 += 1,
                _ => counted.push((h, 1)),
            }
        }
        counted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        counted.truncate(self.cfg.max_candidates);
        Ok(counted.into_iter().map(|x| x.0).collect())
    }

    /// Weighted mean over evidence groups (words, entities, numbers+dates)
    /// of the tf-idf cosine between two sorted idf-free vectors; a group
    /// empty on either side is left out.
    fn group_cos(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
        let (c, present) = self.group_parts(a, b);
        let gw = [self.cfg.word_boost, self.cfg.entity_boost, self.cfg.number_boost];
        let (mut num, mut den) = (0.0f32, 0.0f32);
        for g in 0..3 {
            if present[g] && gw[g] > 0.0 {
                num += gw[g] * c[g];
                den += gw[g];
            }
        }
        if den > 0.0 { num / den } else { 0.0 }
    }

    /// Per-group cosines of two held stories (diagnostics).
    pub fn story_parts(&self, a: StoryId, b: StoryId) -> ([f32; 3], [bool; 3]) {
        self.group_parts(&self.stories[&a].terms, &self.stories[&b].terms)
    }

    fn group_parts(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> ([f32; 3], [bool; 3]) {
        let mut dot = [0.0f32; 3];
        let mut na = [0.0f32; 3];
        let mut nb = [0.0f32; 3];
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
                let v = a[i].1 * self.idf(a[i].0);
                na[group(self.kind(a[i].0))] += v * v;
                i += 1;
            } else if i >= a.len() || b[j].0 < a[i].0 {
                let v = b[j].1 * self.idf(b[j].0);
                nb[group(self.kind(b[j].0))] += v * v;
                j += 1;
            } else {
                let idf = self.idf(a[i].0);
                let g = group(self.kind(a[i].0));
                let (x, y) = (a[i].1 * idf, b[j].1 * idf);
                dot[g] += x * y;
                na[g] += x * x;
                nb[g] += y * y;
                i += 1;
                j += 1;
            }
        }
        let mut c = [0.0f32; 3];
        let mut present = [false; 3];
        for g in 0..3 {
            if na[g] > 0.0 && nb[g] > 0.0 {
                c[g] = dot[g] / (na[g].sqrt() * nb[g].sqrt());
                present[g] = true;
            }
        }
        (c, present)
    }

    /// After `sid` grew, merge it with the most similar other story if
    /// their centroids are at least `merge_threshold` alike. The older
    /// (smaller) id survives; returns it.
    fn try_merge(&mut self, src: &dyn Source, sid: StoryId) -> Result<Option<StoryId>, StoreError> {
        let (s_terms, s_first, s_last) = {
            let s = &self.stories[&sid];
            (s.terms.clone(), s.first_pub, s.last_pub)
        };
        let q: Vec<(u32, f32)> = s_terms.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        let cands = self.retrieve(src, q, Some(sid))?;
        self.ensure_stories(src, &cands)?;
        let mut best: Option<(StoryId, f32)> = None;
        for c in cands {
            let o = &self.stories[&c];
            let Some(tf) = self.time_factor(s_first, s_last, o) else { continue };
            self.scored += 1;
            let sc = self.group_cos(&s_terms, &o.terms) * tf;
            if best.is_none_or(|(_, b)| sc > b) {
                best = Some((c, sc));
            }
        }
        let Some((other, sc)) = best else { return Ok(None) };
        if sc < self.cfg.merge_threshold {
            return Ok(None);
        }
        let (keep, gone) = if other < sid { (other, sid) } else { (sid, other) };
        let g = std::mem::replace(self.stories.get_mut(&gone).expect("held"), empty_story(gone));
        {
            let gs = self.stories.get_mut(&gone).expect("held");
            gs.merged_into = Some(keep);
            gs.n_docs = g.n_docs;
        }
        self.dirty_stories.insert(gone);
        let k = self.stories.get_mut(&keep).expect("held");
        k.n_docs += g.n_docs;
        k.last_seq = k.last_seq.max(g.last_seq);
        k.first_pub = match (k.first_pub, g.first_pub) { (Some(a), Some(b)) => Some(a.min(b)), (a, b) => a.or(b) };
        k.last_pub = match (k.last_pub, g.last_pub) { (Some(a), Some(b)) => Some(a.max(b)), (a, b) => a.or(b) };
        for d in g.dates {
            if k.dates.len() < 32 && !k.dates.contains(&d) {
                k.dates.push(d);
            }
        }
        let terms = std::mem::take(&mut k.terms);
        let merged = merge_sorted(&terms, &g.terms, 1.0);
        self.set_terms(src, keep, merged)?;
        Ok(Some(keep))
    }

    fn update_story(&mut self, src: &dyn Source, sid: StoryId, published: Option<NaiveDate>, dates: &[NaiveDate], contrib: &[(u32, f32)]) -> Result<(), StoreError> {
        let seq = self.n_docs;
        let s = self.stories.get_mut(&sid).expect("held");
        s.n_docs += 1;
        s.last_seq = seq;
        if let Some(p) = published {
            s.first_pub = Some(s.first_pub.map_or(p, |a| a.min(p)));
            s.last_pub = Some(s.last_pub.map_or(p, |a| a.max(p)));
        }
        for d in dates {
            if s.dates.len() < 32 && !s.dates.contains(d) {
                s.dates.push(*d);
            }
        }
        // the article's contribution: each evidence group unit-normalised
        let terms = std::mem::take(&mut s.terms);
        let merged = merge_sorted(&terms, contrib, 1.0);
        self.set_terms(src, sid, merged)
    }

    /// Stores a centroid (pruned to `story_max_terms` by current tf-idf,
    /// ties by term id) and indexes the story under its top features:
    /// moved to the back (most recent) of each posting list, list capped.
    fn set_terms(&mut self, src: &dyn Source, sid: StoryId, mut merged: Vec<(u32, f32)>) -> Result<(), StoreError> {
        let max_terms = self.cfg.story_max_terms;
        let mut ranked: Vec<(u32, f32)> = merged.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        if merged.len() > max_terms {
            let mut keep: Vec<u32> = ranked[..max_terms].iter().map(|x| x.0).collect();
            keep.sort_unstable();
            merged.retain(|x| keep.binary_search(&x.0).is_ok());
        }
        self.stories.get_mut(&sid).expect("held").terms = merged;
        self.dirty_stories.insert(sid);
        if !self.cfg.exhaustive {
            let top: Vec<u32> = ranked.iter().take(self.cfg.story_index_terms).map(|x| x.0).collect();
            self.ensure_postings(src, &top)?;
            for t in top {
                self.posting_seq += 1;
                let seq = self.posting_seq;
                let pl = self.postings.get_mut(&t).expect("held");
                if let Some(pos) = pl.iter().position(|x| x.0 == sid) {
                    pl.remove(pos);
                }
                pl.push((sid, seq));
                self.posting_ops.insert((t, sid), Some(seq));
                if pl.len() > self.cfg.posting_cap {
                    let (gone, _) = pl.remove(0);
                    self.posting_ops.insert((t, gone), None);
                }
            }
        }
        Ok(())
    }

    /// A story's most weighty content words (by weight in its centroid, not rarity: the words
    /// its articles keep using: "talks", "ceasefire"), longer than 3 letters, at most `n`.
    pub fn top_words(&mut self, src: &dyn Source, story: StoryId, n: usize) -> Result<Vec<String>, StoreError> {
        let story = self.resolve_from(src, story)?;
        let Some(s) = self.stories.get(&story) else { return Ok(Vec::new()) };
        let mut ws: Vec<(f32, &str)> = s
            .terms
            .iter()
            .filter_map(|&(t, w)| self.keys.get(&t).and_then(|k| k.strip_prefix("w:")).filter(|k| k.len() > 3).map(|k| (w, k)))
            .collect();
        ws.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        Ok(ws.into_iter().take(n).map(|(_, k)| k.to_string()).collect())
    }

    /// A short human label of a held story: key people/places, then event words.
    pub fn label(&self, story: StoryId) -> String {
        let Some(s) = self.stories.get(&story) else { return String::new() };
        let mut ranked: Vec<(u32, f32)> = s.terms.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let title = |k: &str| -> String {
            k.split(['_', ' '])
                .map(|p| {
                    let mut c = p.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut ents: Vec<String> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        for (t, _) in ranked {
            let key = &self.keys[&t];
            match self.kind(t) {
                k if is_entity(k) && ents.len() < 3 => {
                    let name = title(&key[2..]);
                    if !ents.iter().any(|e| e.contains(&name) || name.contains(e.as_str())) {
                        ents.push(name);
                    }
                }
                KIND_WORD if words.len() < 3 => words.push(key[2..].to_string()),
                _ => {}
            }
            if ents.len() >= 3 && words.len() >= 3 {
                break;
            }
        }
        match (ents.is_empty(), words.is_empty()) {
            (false, false) => format!("{}: {}", ents.join(", "), words.join(", ")),
            (false, true) => ents.join(", "),
            _ => words.join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::features::{approx_dates, approx_entities};

    fn doc(id: &str, text: &str, day: Option<(i32, u32, u32)>) -> DocFeatures {
        let published = day.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        DocFeatures {
            id: id.into(),
            text: text.into(),
            published,
            entities: approx_entities(text),
            dates: approx_dates(text, published),
            ..Default::default()
        }
    }

    fn corpus() -> Vec<DocFeatures> {
        vec![
            doc("a1", "Actress Tara Reid has checked into Promises Treatment Center, her representative told People magazine. The American Pie star entered the Malibu rehab facility on Tuesday.", Some((2008, 12, 12))),
            doc("b1", "Actress Lindsay Lohan checked into the Betty Ford Center on Thursday to begin a 90-day court-ordered rehab stay, her lawyer Shawn Holley said.", Some((2013, 5, 3))),
            doc("a2", "Tara Reid is in rehab. The actress checked herself into Promises Treatment Center in Malibu, her rep Jack Ketsoyan confirmed to People.", Some((2008, 12, 13))),
            doc("b2", "Lindsay Lohan has entered the Betty Ford Center in Rancho Mirage for court-mandated rehab, according to attorney Shawn Holley.", Some((2013, 5, 3))),
            doc("c1", "A magnitude 6.1 earthquake struck northern California near Eureka on Sunday, the U.S. Geological Survey said. No damage was reported.", Some((2010, 1, 10))),
            doc("c2", "The Eureka earthquake of magnitude 6.1 shook northern California, the Geological Survey said, but caused little damage.", Some((2010, 1, 11))),
        ]
    }

    fn warmed() -> Clusterer {
        let mut c = Clusterer::new(Config::default());
        for (i, t) in [
            "The central bank raised interest rates on Wednesday, citing inflation that has stayed above its target for a year.",
            "The home team won the cup final in Madrid after a late penalty, their first title in a decade.",
            "Parliament passed the budget bill after a long debate, the finance minister said in a statement.",
            "Heavy rain caused flooding in several towns, and officials said roads would stay closed overnight.",
            "The company said profits fell in the third quarter as sales of its phones slowed in China.",
            "Police said a man was arrested after a shooting at a shopping mall; two people were injured.",
            "The film opened at the top of the box office this weekend, the studio said on Sunday.",
            "Scientists said the new vaccine was safe in early trials and would be tested on more patients.",
        ]
        .iter()
        .enumerate()
        {
            c.observe(&doc(&format!("bg{i}"), t, None));
        }
        c
    }

    #[test]
    fn separates_same_kind_events() {
        let mut c = warmed();
        let ids: Vec<StoryId> = corpus().iter().map(|d| c.add(d)).collect();
        assert_eq!(ids[0], ids[2], "Tara Reid articles together");
        assert_eq!(ids[1], ids[3], "Lohan articles together");
        assert_ne!(ids[0], ids[1], "two rehab stories apart");
        assert_eq!(ids[4], ids[5]);
        assert_ne!(ids[4], ids[0]);
        let l = c.label(ids[1]);
        assert!(l.contains("Lohan") || l.contains("Betty Ford"), "{l}");
    }

    /// The stories a clusterer holds, by id.
    fn held(c: &Clusterer) -> Vec<Story> {
        let mut v: Vec<Story> = c.stories.values().cloned().collect();
        v.sort_by_key(|s| s.id);
        v
    }

    #[test]
    fn deterministic() {
        let run = || {
            let mut c = Clusterer::new(Config::default());
            let ids: Vec<StoryId> = corpus().iter().map(|d| c.add(d)).collect();
            (ids, held(&c))
        };
        assert_eq!(run(), run());
    }

    /// A store in memory: the rows a backend keeps, written by `take_changes`.
    #[derive(Default)]
    struct Rows {
        meta: ClusterMeta,
        terms: BTreeMap<u32, ClusterTerm>,
        stories: BTreeMap<StoryId, Story>,
        postings: BTreeMap<(u32, StoryId), i64>,
        recent: BTreeMap<i64, Recent>,
    }

    impl Rows {
        fn apply(&mut self, w: ClusterWrite) {
            assert_eq!(w.base_version, self.meta.version, "written against the stored version");
            self.meta = w.meta;
            for t in w.new_terms {
                assert!(self.terms.insert(t.id, t).is_none(), "a new term is new");
            }
            for (t, d) in w.df {
                self.terms.get_mut(&t).unwrap().df += d;
            }
            for s in w.stories {
                self.stories.insert(s.id, s);
            }
            for (t, s, q) in w.postings {
                match q {
                    Some(q) => self.postings.insert((t, s), q),
                    None => self.postings.remove(&(t, s)),
                };
            }
            for r in w.recent {
                self.recent.insert(r.seq, r);
            }
            let keep_from = self.meta.recent_seq - w.recent_keep as i64;
            self.recent.retain(|&q, _| q > keep_from);
        }
    }

    impl Source for Rows {
        fn terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>, StoreError> {
            Ok(self.terms.values().filter(|t| keys.contains(&t.key)).cloned().collect())
        }
        fn terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>, StoreError> {
            Ok(ids.iter().filter_map(|t| self.terms.get(t).cloned()).collect())
        }
        fn stories(&self, ids: &[StoryId]) -> Result<Vec<Story>, StoreError> {
            Ok(ids.iter().filter_map(|s| self.stories.get(s).cloned()).collect())
        }
        fn postings(&self, term: u32, cap: usize) -> Result<Vec<(StoryId, i64)>, StoreError> {
            let mut v: Vec<(StoryId, i64)> = self.postings.range((term, 0)..=(term, StoryId::MAX)).map(|(&(_, s), &q)| (s, q)).collect();
            v.sort_by_key(|x| x.1);
            Ok(v.split_off(v.len().saturating_sub(cap)))
        }
        fn recent(&self, n: usize) -> Result<Vec<Recent>, StoreError> {
            let v: Vec<Recent> = self.recent.values().cloned().collect();
            Ok(v[v.len().saturating_sub(n)..].to_vec())
        }
    }

    /// A stream long enough for posting lists to fill and the second pass to move articles.
    fn stream() -> Vec<DocFeatures> {
        let base = corpus();
        // a terse note that starts a story of its own, then the story it belongs to: the
        // second pass moves it there
        let day = Some((2013, 5, 3));
        let d1 = "Lindsay Lohan checked into the Betty Ford Center on Thursday to begin a 90-day court-ordered rehab stay, the actress said in a statement to reporters outside the court.";
        let d2 = "Lindsay Lohan began a 90-day court-ordered rehab stay on Thursday, her lawyer Shawn Holley said in Rancho Mirage, the actress said in a statement to reporters outside the court.";
        let d3 = "Lindsay Lohan started her 90-day court-ordered rehab stay on Thursday, the actress said in a statement to reporters outside the court in Los Angeles.";
        let mut out = vec![
            doc("x", "Betty Ford Center. Shawn Holley. Rancho Mirage. Lohan.", day),
            doc("d1", d1, day),
            doc("d3", d3, day),
            doc("d2", d2, day),
        ];
        for round in 0..6 {
            for (i, d) in base.iter().enumerate() {
                let mut d = d.clone();
                d.id = format!("{}-{round}", d.id);
                // drop a different word each round: distinct texts, same stories
                let words: Vec<&str> = d.text.split(' ').collect();
                d.text = words.iter().enumerate().filter(|(k, _)| *k != (round + i) % words.len()).map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
                out.push(d);
            }
        }
        // typed people too, named twice (salient: the conflict check looks their names up)
        for d in &mut out[4..] {
            d.people = d.entities.iter().flat_map(|e| [e.replace('_', " "), e.replace('_', " ")]).collect();
        }
        out
    }

    fn small() -> Config {
        Config { threshold: 0.15, reconsider_every: 3, reconsider_window: 6, posting_cap: 3, max_candidates: 2, ..Config::default() }
    }

    /// Runs the stream through a clusterer that keeps its state in `Rows`, in batches of
    /// `batch`; `fresh`: a new clusterer (nothing held) for every batch.
    fn through_rows(docs: &[DocFeatures], batch: usize, fresh: bool, limits: Limits) -> (Vec<StoryId>, Vec<(String, StoryId)>, Rows) {
        let mut rows = Rows::default();
        let mut c = Clusterer::new(small());
        let (mut ids, mut moves) = (Vec::new(), Vec::new());
        for chunk in docs.chunks(batch) {
            if fresh {
                c = Clusterer::new(small());
            }
            c.sync(&rows.meta.clone(), &rows, limits).unwrap();
            for d in chunk {
                ids.push(c.add_from(&rows, d).unwrap());
                moves.extend(c.take_moves());
            }
            if let Some(w) = c.take_changes() {
                rows.apply(w);
            }
        }
        (ids, moves, rows)
    }

    #[test]
    fn state_kept_as_rows_gives_the_same_stories_as_state_held_whole() {
        let docs = stream();
        let mut whole = Clusterer::new(small());
        let (mut ids, mut moves) = (Vec::new(), Vec::new());
        for d in &docs {
            ids.push(whole.add(d));
            moves.extend(whole.take_moves());
        }
        assert!(!moves.is_empty(), "the second pass moved something: the test covers it");
        let none = Limits { terms: 0, stories: 0, postings: 0 };
        for (batch, fresh, limits) in [(1, true, Limits::default()), (5, false, Limits::default()), (7, false, none), (36, true, none)] {
            let (i, m, rows) = through_rows(&docs, batch, fresh, limits);
            assert_eq!((&i, &m), (&ids, &moves), "batches of {batch}, fresh {fresh}");
            assert_eq!(rows.stories.values().cloned().collect::<Vec<_>>(), held(&whole), "batches of {batch}");
            assert_eq!(rows.meta.n_docs, whole.n_docs);
            assert!(rows.postings.len() <= rows.terms.len() * small().posting_cap, "posting lists stay bounded");
            assert_eq!(rows.recent.len(), small().reconsider_window);
        }
    }

    #[test]
    fn a_write_against_an_older_version_is_not_taken_for_current() {
        // two clusterers on one state: the second one's view is stale once the first wrote
        let docs = stream();
        let mut rows = Rows::default();
        let (mut a, mut b) = (Clusterer::new(small()), Clusterer::new(small()));
        for (k, chunk) in docs.chunks(4).enumerate() {
            let c = if k % 2 == 0 { &mut a } else { &mut b };
            c.sync(&rows.meta.clone(), &rows, Limits::default()).unwrap();
            for d in chunk {
                c.add_from(&rows, d).unwrap();
            }
            rows.apply(c.take_changes().unwrap());
        }
        let (_, _, one) = through_rows(&docs, 4, false, Limits::default());
        assert_eq!(rows.stories, one.stories, "two alternating clusterers build what one builds");
        assert_eq!(rows.postings, one.postings);
    }

    #[test]
    fn time_window_splits_far_apart() {
        let mut c = Clusterer::new(Config::default());
        let a = c.add(&doc("x", "Lindsay Lohan checked into the Betty Ford Center for rehab.", Some((2013, 5, 3))));
        let b = c.add(&doc("y", "Lindsay Lohan checked into the Betty Ford Center for rehab.", Some((2010, 9, 24))));
        assert_ne!(a, b);
    }
}
