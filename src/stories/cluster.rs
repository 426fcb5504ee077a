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
//! by `take_moves()` (the caller updates `article_story`); the window (raw
//! vectors + contributions) is part of the persisted state (`recent`).
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
//! # Persisted shape
//! All state is plain data (`Clusterer` derives Serialize/Deserialize).
//! As database tables:
//! - `story_meta(key, value)`: `n_docs` (u64), the `Config` as JSON.
//! - `story_terms_dict(term_id u32 PK, key TEXT UNIQUE, kind u8, df u32)`:
//!   the feature dictionary with online document frequencies.
//! - `stories(story_id u32 PK, n_docs u32, first_pub DATE?, last_pub DATE?,
//!   last_seq u64, dates JSON /* ≤ 32 event dates */)`.
//! - `story_centroid(story_id, term_id, weight REAL, PK(story_id, term_id))`:
//!   ≤ `story_max_terms` rows per story; weights exclude idf.
//! - `story_postings(term_id, story_id, pos)`: the bounded posting lists
//!   (≤ `posting_cap` per term, oldest dropped first).
//! - `article_story(article_id PK, story_id)`: the assignments.

use super::features::{tokens, Stop};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub type StoryId = u32;

/// What the clusterer sees of an article. `entities` are merge keys of the
/// people/places/organisations it mentions (the real system passes its
/// NER merge keys; the eval uses `text::approx_entities`); `dates` are the
/// event dates it mentions.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocFeatures {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
    /// Untyped entity merge keys (the scratch stand-in, or kind OTHER).
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    pub n_docs: u32,
    pub first_pub: Option<NaiveDate>,
    pub last_pub: Option<NaiveDate>,
    /// Arrival index of the last article added.
    pub last_seq: u64,
    /// Event dates mentioned by its articles (first 32).
    pub dates: Vec<NaiveDate>,
    /// Centroid, sorted by term id: Σ over articles of
    /// (tf weight × boost) / ‖article tf-idf‖ (idf as of insertion).
    /// Scoring multiplies by the *current* idf.
    pub terms: Vec<(u32, f32)>,
    /// Set when this story was merged into an older one (see `resolve`).
    #[serde(default)]
    pub merged_into: Option<StoryId>,
}

impl Story {
    fn empty(id: StoryId) -> Self {
        Story { id, n_docs: 0, first_pub: None, last_pub: None, last_seq: 0, dates: Vec::new(), terms: Vec::new(), merged_into: None }
    }
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

/// A recently added article, kept for the second pass.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Recent {
    pub id: String,
    pub story: StoryId,
    pub published: Option<NaiveDate>,
    pub dates: Vec<NaiveDate>,
    /// Raw (tf × boost) vector and the contribution added to the centroid.
    pub raw: Vec<(u32, f32)>,
    pub contrib: Vec<(u32, f32)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Clusterer {
    pub cfg: Config,
    pub n_docs: u64,
    pub dict: HashMap<String, u32>,
    pub keys: Vec<String>,
    pub kinds: Vec<u8>,
    pub df: Vec<u32>,
    pub stories: Vec<Story>,
    pub postings: HashMap<u32, Vec<StoryId>>,
    /// The last `reconsider_window` articles (for the second pass).
    #[serde(default)]
    pub recent: std::collections::VecDeque<Recent>,
    /// Re-assignments made by the second pass, not yet taken by the caller:
    /// (article id, new story).
    #[serde(default)]
    pub moves: Vec<(String, StoryId)>,
    /// Scratch counter of candidate scoring work (for the flatness check).
    #[serde(skip)]
    pub scored: u64,
}

fn stem(w: &str) -> &str {
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        &w[..w.len() - 1]
    } else {
        w
    }
}

impl Clusterer {
    pub fn new(cfg: Config) -> Self {
        Clusterer {
            cfg,
            n_docs: 0,
            dict: HashMap::new(),
            keys: Vec::new(),
            kinds: Vec::new(),
            df: Vec::new(),
            stories: Vec::new(),
            postings: HashMap::new(),
            recent: Default::default(),
            moves: Vec::new(),
            scored: 0,
        }
    }

    fn intern(&mut self, key: String, kind: u8) -> u32 {
        if let Some(&id) = self.dict.get(&key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.dict.insert(key.clone(), id);
        self.keys.push(key);
        self.kinds.push(kind);
        self.df.push(0);
        id
    }

    fn idf(&self, t: u32) -> f32 {
        let n = self.n_docs as f32 + self.cfg.prior_docs;
        let df = self.df[t as usize] as f32 + self.cfg.prior_df;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Raw (tf × boost) feature vector, sorted by term id.
    fn raw_vector(&mut self, doc: &DocFeatures, stop: &Stop) -> Vec<(u32, f32)> {
        let mut counts: HashMap<u32, (f32, u8)> = HashMap::new();
        let c = self.cfg.clone();
        let mut bump = |me: &mut Self, key: String, kind: u8| {
            let id = me.intern(key, kind);
            counts.entry(id).or_insert((0.0, kind)).0 += 1.0;
        };
        for t in tokens(&doc.text) {
            if t.has_digit {
                if c.number_boost > 0.0 {
                    bump(self, format!("n:{}", t.lower), KIND_NUM);
                }
            } else if t.lower.chars().count() >= 2 && !stop.has(&t.lower) {
                bump(self, format!("w:{}", stem(&t.lower)), KIND_WORD);
            }
        }
        if c.entity_boost > 0.0 {
            for e in &doc.entities {
                bump(self, format!("e:{e}"), KIND_ENT);
                if c.entity_part_boost > 0.0 && e.contains('_') {
                    for p in e.split('_') {
                        if !stop.has(p) && p.len() > 1 {
                            bump(self, format!("p:{p}"), KIND_ENT_PART);
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
                bump(self, format!("{pre}:{e}"), kind);
                if c.entity_part_boost > 0.0 {
                    for p in e.split([' ', '_', '-']) {
                        if p.chars().count() > 1 && !stop.has(p) {
                            bump(self, format!("p:{p}"), KIND_ENT_PART);
                        }
                    }
                }
            }
        }
        if c.time_boost > 0.0 {
            for t in &doc.times {
                if useful_time(t) {
                    bump(self, format!("t:{t}"), KIND_TIME);
                }
            }
        }
        if c.date_boost > 0.0 {
            for d in &doc.dates {
                bump(self, format!("d:{d}"), KIND_DATE);
                bump(self, format!("m:{}", d.format("%Y-%m")), KIND_DATE);
            }
        }
        let mut v: Vec<(u32, f32)> = counts
            .into_iter()
            .map(|(id, (tf, kind))| {
                let boost = match kind {
                    KIND_WORD => c.word_boost,
                    KIND_ENT => c.entity_boost,
                    KIND_ENT_PART => c.entity_part_boost,
                    KIND_NUM => c.number_boost,
                    KIND_PERSON => c.person_boost,
                    KIND_PLACE => c.place_boost,
                    KIND_ORG => c.org_boost,
                    KIND_TIME => c.time_boost,
                    _ => c.date_boost,
                };
                (id, (1.0 + tf.ln()) * boost)
            })
            .filter(|x| x.1 > 0.0)
            .collect();
        v.sort_unstable_by_key(|x| x.0);
        v
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
        let stop = Stop::new();
        let raw = self.raw_vector(doc, &stop);
        self.n_docs += 1;
        for &(t, _) in &raw {
            self.df[t as usize] += 1;
        }
    }

    /// Adds an article and returns the story it joined or started.
    pub fn add(&mut self, doc: &DocFeatures) -> StoryId {
        let stop = Stop::new();
        let raw = self.raw_vector(doc, &stop);
        self.n_docs += 1;
        for &(t, _) in &raw {
            self.df[t as usize] += 1;
        }
        let idf: Vec<f32> = raw.iter().map(|&(t, _)| self.idf(t)).collect();
        let mut dnorm_g = [0.0f32; 3];
        for (&(t, w), i) in raw.iter().zip(&idf) {
            dnorm_g[group(self.kinds[t as usize])] += (w * i) * (w * i);
        }
        for x in dnorm_g.iter_mut() {
            *x = x.sqrt();
        }

        let q: Vec<(u32, f32)> = raw.iter().zip(&idf).map(|(&(t, w), i)| (t, w * i)).collect();
        let best = self.best_story(q, &raw, doc.published, &doc.dates, None);

        let sid = match best {
            Some((sid, sc)) if sc >= self.cfg.threshold => sid,
            _ => {
                let id = self.stories.len() as StoryId;
                self.stories.push(Story::empty(id));
                id
            }
        };
        let contrib: Vec<(u32, f32)> =
            raw.iter().map(|&(t, w)| (t, w / dnorm_g[group(self.kinds[t as usize])].max(1e-9))).collect();
        self.update_story(sid, doc.published, &doc.dates, &contrib);
        if self.cfg.reconsider_every > 0 && self.cfg.reconsider_window > 0 {
            self.recent.push_back(Recent { id: doc.id.clone(), story: sid, published: doc.published, dates: doc.dates.clone(), raw, contrib });
            while self.recent.len() > self.cfg.reconsider_window {
                self.recent.pop_front();
            }
        }
        let mut sid = sid;
        if self.cfg.merge_threshold > 0.0 && !self.cfg.exhaustive {
            for _ in 0..3 {
                match self.try_merge(sid) {
                    Some(s) => sid = s,
                    None => break,
                }
            }
        }
        if self.cfg.reconsider_every > 0 && self.n_docs % self.cfg.reconsider_every as u64 == 0 {
            self.reconsider();
            if let Some(r) = self.recent.back().filter(|r| r.id == doc.id) {
                sid = self.resolve(r.story);
            }
        }
        sid
    }

    /// Salient entities of `kind` in a vector (article raw tf weights or a
    /// centroid): the last-word part term ids of the entries weighing at
    /// least `min_w`, at most 3 (by weight, ties by id).
    fn salient_parts(&self, v: &[(u32, f32)], kind: u8, min_w: f32) -> Vec<u32> {
        let mut top: Vec<(u32, f32)> = v.iter().filter(|&&(t, w)| self.kinds[t as usize] == kind && w >= min_w).copied().collect();
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(3);
        top.iter()
            .filter_map(|&(t, _)| {
                let key = &self.keys[t as usize][2..];
                let last = key.rsplit([' ', '_', '-']).next()?;
                self.dict.get(&format!("p:{last}")).copied()
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
            let smax = story.iter().filter(|x| self.kinds[x.0 as usize] == kind).map(|x| x.1).fold(0.0f32, f32::max);
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
    fn best_story(&mut self, q: Vec<(u32, f32)>, raw: &[(u32, f32)], published: Option<NaiveDate>, dates: &[NaiveDate], exclude: Option<StoryId>) -> Option<(StoryId, f32)> {
        let cands: Vec<StoryId> = if self.cfg.exhaustive {
            (0..self.stories.len() as StoryId).filter(|&s| self.stories[s as usize].merged_into.is_none() && Some(s) != exclude).collect()
        } else {
            self.retrieve(q, exclude)
        };
        let mut best: Option<(StoryId, f32)> = None;
        for sid in cands {
            let s = &self.stories[sid as usize];
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
        best
    }

    /// Re-assignments made by the second pass since the last call
    /// (article id, its new story), in the order they were made.
    pub fn take_moves(&mut self) -> Vec<(String, StoryId)> {
        std::mem::take(&mut self.moves)
    }

    /// The second pass over the last `reconsider_window` articles, oldest
    /// first (called by `add` every `reconsider_every` articles; bounded
    /// cost: window × max_candidates scorings).
    pub fn reconsider(&mut self) {
        for k in 0..self.recent.len() {
            let r = self.recent[k].clone();
            let cur = self.resolve(r.story);
            // take the article out of its story
            let terms = std::mem::take(&mut self.stories[cur as usize].terms);
            let mut without = merge_sorted(&terms, &r.contrib, -1.0);
            without.retain(|x| x.1 > 1e-5);
            let alone = self.stories[cur as usize].n_docs <= 1;
            self.stories[cur as usize].terms = without.clone();
            let q: Vec<(u32, f32)> = r.raw.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
            let own = if alone {
                None
            } else {
                let tf = self.time_factor(r.published, r.published, &self.stories[cur as usize]).unwrap_or(1.0);
                let s = &self.stories[cur as usize];
                let mut sc = self.group_cos(&r.raw, &s.terms) * tf;
                if self.cfg.date_boost > 0.0 && near_dates(&r.dates, &s.dates) {
                    sc += 0.03;
                }
                Some(sc * self.conflict_factor(&r.raw, &s.terms, &r.dates, &s.dates))
            };
            let best = self.best_story(q, &r.raw, r.published, &r.dates, Some(cur));
            let go = match (best, own) {
                (Some((_, b)), None) => b >= self.cfg.threshold,
                (Some((_, b)), Some(o)) => b >= o + self.cfg.reconsider_margin && b >= self.cfg.threshold,
                _ => false,
            };
            if go {
                let to = best.unwrap().0;
                self.stories[cur as usize].n_docs -= 1;
                self.set_terms(cur, without);
                self.update_story(to, r.published, &r.dates, &r.contrib);
                self.recent[k].story = to;
                self.moves.push((r.id.clone(), to));
            } else {
                self.stories[cur as usize].terms = terms;
            }
        }
    }

    /// The current id of a story: a story merged into an older one
    /// resolves to the survivor (ids are never reused).
    pub fn resolve(&self, mut id: StoryId) -> StoryId {
        while let Some(s) = self.stories.get(id as usize).and_then(|s| s.merged_into) {
            id = s;
        }
        id
    }

    /// Candidate stories for a query vector (term, tf-idf): union of the
    /// posting lists of its `query_terms` top features, ranked by number of
    /// hits, then recency; at most `max_candidates`.
    fn retrieve(&self, mut q: Vec<(u32, f32)>, exclude: Option<StoryId>) -> Vec<StoryId> {
        q.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        q.truncate(self.cfg.query_terms);
        let mut hits: Vec<StoryId> = Vec::new();
        for (t, _) in &q {
            if let Some(pl) = self.postings.get(t) {
                let mut here: Vec<StoryId> = pl.iter().map(|&s| self.resolve(s)).collect();
                here.sort_unstable();
                here.dedup();
                hits.extend(here);
            }
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
        counted.into_iter().map(|x| x.0).collect()
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

    /// Per-group cosines of two stories (diagnostics).
    pub fn story_parts(&self, a: StoryId, b: StoryId) -> ([f32; 3], [bool; 3]) {
        self.group_parts(&self.stories[a as usize].terms, &self.stories[b as usize].terms)
    }

    fn group_parts(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> ([f32; 3], [bool; 3]) {
        let mut dot = [0.0f32; 3];
        let mut na = [0.0f32; 3];
        let mut nb = [0.0f32; 3];
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
                let v = a[i].1 * self.idf(a[i].0);
                na[group(self.kinds[a[i].0 as usize])] += v * v;
                i += 1;
            } else if i >= a.len() || b[j].0 < a[i].0 {
                let v = b[j].1 * self.idf(b[j].0);
                nb[group(self.kinds[b[j].0 as usize])] += v * v;
                j += 1;
            } else {
                let idf = self.idf(a[i].0);
                let g = group(self.kinds[a[i].0 as usize]);
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
    fn try_merge(&mut self, sid: StoryId) -> Option<StoryId> {
        let s = &self.stories[sid as usize];
        let q: Vec<(u32, f32)> = s.terms.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        let cands = self.retrieve(q, Some(sid));
        let mut best: Option<(StoryId, f32)> = None;
        for c in cands {
            let o = &self.stories[c as usize];
            let Some(tf) = self.time_factor(s.first_pub, s.last_pub, o) else { continue };
            self.scored += 1;
            let sc = self.group_cos(&s.terms, &o.terms) * tf;
            if best.is_none_or(|(_, b)| sc > b) {
                best = Some((c, sc));
            }
        }
        let (other, sc) = best?;
        if sc < self.cfg.merge_threshold {
            return None;
        }
        let (keep, gone) = if other < sid { (other, sid) } else { (sid, other) };
        let g = std::mem::replace(&mut self.stories[gone as usize], Story::empty(gone));
        self.stories[gone as usize].merged_into = Some(keep);
        self.stories[gone as usize].n_docs = g.n_docs;
        let mut k = std::mem::replace(&mut self.stories[keep as usize], Story::empty(keep));
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
        self.stories[keep as usize] = k;
        let merged = merge_sorted(&terms, &g.terms, 1.0);
        self.set_terms(keep, merged);
        Some(keep)
    }


    fn update_story(&mut self, sid: StoryId, published: Option<NaiveDate>, dates: &[NaiveDate], contrib: &[(u32, f32)]) {
        let seq = self.n_docs;
        let s = &mut self.stories[sid as usize];
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
        let terms = std::mem::take(&mut self.stories[sid as usize].terms);
        let merged = merge_sorted(&terms, contrib, 1.0);
        self.set_terms(sid, merged);
    }

    /// Stores a centroid (pruned to `story_max_terms` by current tf-idf,
    /// ties by term id) and indexes the story under its top features:
    /// moved to the back (most recent) of each posting list, list capped.
    fn set_terms(&mut self, sid: StoryId, mut merged: Vec<(u32, f32)>) {
        let max_terms = self.cfg.story_max_terms;
        let mut ranked: Vec<(u32, f32)> = merged.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        if merged.len() > max_terms {
            let mut keep: Vec<u32> = ranked[..max_terms].iter().map(|x| x.0).collect();
            keep.sort_unstable();
            merged.retain(|x| keep.binary_search(&x.0).is_ok());
        }
        self.stories[sid as usize].terms = merged;
        if !self.cfg.exhaustive {
            for &(t, _) in ranked.iter().take(self.cfg.story_index_terms) {
                let pl = self.postings.entry(t).or_default();
                if let Some(pos) = pl.iter().position(|&x| x == sid) {
                    pl.remove(pos);
                }
                pl.push(sid);
                if pl.len() > self.cfg.posting_cap {
                    pl.remove(0);
                }
            }
        }
    }

    /// A short human label: key people/places, then event words.
    pub fn label(&self, story: StoryId) -> String {
        let Some(s) = self.stories.get(story as usize) else { return String::new() };
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
            let key = &self.keys[t as usize];
            match self.kinds[t as usize] {
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

    #[test]
    fn deterministic_and_serialisable() {
        let run = || {
            let mut c = Clusterer::new(Config::default());
            let ids: Vec<StoryId> = corpus().iter().map(|d| c.add(d)).collect();
            (ids, serde_json::to_string(&c.stories).unwrap())
        };
        assert_eq!(run(), run());
        // persisted state round-trips and continues identically
        let mut c = Clusterer::new(Config::default());
        let docs = corpus();
        for d in &docs[..3] {
            c.add(d);
        }
        let json = serde_json::to_string(&c).unwrap();
        let mut c2: Clusterer = serde_json::from_str(&json).unwrap();
        for d in &docs[3..] {
            assert_eq!(c.add(d), c2.add(d));
        }
    }

    #[test]
    fn time_window_splits_far_apart() {
        let mut c = Clusterer::new(Config::default());
        let a = c.add(&doc("x", "Lindsay Lohan checked into the Betty Ford Center for rehab.", Some((2013, 5, 3))));
        let b = c.add(&doc("y", "Lindsay Lohan checked into the Betty Ford Center for rehab.", Some((2010, 9, 24))));
        assert_ne!(a, b);
    }
}
