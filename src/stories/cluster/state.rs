//! The state in the store: where the clusterer reads what it does not hold ([`Source`], or
//! [`Nothing`]), how much it holds at most between batches ([`Limits`]), bringing the view in
//! line with the stored version ([`Clusterer::sync`]), reading terms, stories and posting
//! lists on demand, and handing over the changes once per batch ([`Clusterer::take_changes`]).

use super::dictionary::{last_part_key, NOT_HELD};
use super::vector::{KIND_ORG, KIND_PERSON};
use super::{Clusterer, Recent, Story, StoryId};
use crate::store::{ClusterMeta, ClusterTerm, ClusterWrite, StoreError};

/// Where the clusterer reads the state it does not hold: the store (through the linker), or
/// [`Nothing`] for a clusterer that lives only in memory.
pub trait Source {
    fn terms_by_key(&self, keys: &[String]) -> Result<Vec<ClusterTerm>, StoreError>;
    fn terms(&self, ids: &[u32]) -> Result<Vec<ClusterTerm>, StoreError>;
    fn stories(&self, ids: &[StoryId]) -> Result<Vec<Story>, StoreError>;
    /// At most `cap` stories, least recently indexed first, with their position counters.
    fn postings(&self, term: u32, cap: usize) -> Result<Vec<(StoryId, i64)>, StoreError>;
    /// [`Source::postings`] of several terms, in the order asked (a server store reads them
    /// in one round trip).
    fn postings_of(&self, terms: &[u32], cap: usize) -> Result<Vec<Vec<(StoryId, i64)>>, StoreError> {
        terms.iter().map(|&t| self.postings(t, cap)).collect()
    }
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

/// The ids among `ids` that are not held, sorted, once each.
fn not_held(ids: &[u32], held: impl Fn(&u32) -> bool) -> Vec<u32> {
    let mut v: Vec<u32> = ids.iter().copied().filter(|x| !held(x)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Clusterer {
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
        self.month.clear();
        self.generic.clear();
        self.df.clear();
        self.idf_memo.clear();
        self.learned.clear();
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
    pub(super) fn ensure_parts(&mut self, src: &dyn Source, ids: &[u32]) -> Result<(), StoreError> {
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
    pub(super) fn lookup_keys(&mut self, src: &dyn Source, keys: Vec<String>) -> Result<(), StoreError> {
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
    pub(super) fn ensure_stories(&mut self, src: &dyn Source, ids: &[StoryId]) -> Result<(), StoreError> {
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
    pub(super) fn ensure_postings(&mut self, src: &dyn Source, terms: &[u32]) -> Result<(), StoreError> {
        let mut missing: Vec<u32> = terms.iter().copied().filter(|t| !self.postings.contains_key(t)).collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        for (t, pl) in missing.iter().zip(src.postings_of(&missing, self.cfg.posting_cap)?) {
            self.postings.insert(*t, pl);
        }
        Ok(())
    }
}
