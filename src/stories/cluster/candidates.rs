//! Candidate stories for a query vector: the union of the posting lists of its top features,
//! ranked by hits then recency, at most `max_candidates`; and story ids resolved through
//! merges to the surviving story.

use super::state::Source;
use super::{Clusterer, StoryId};
use crate::store::StoreError;

impl Clusterer {
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
    pub(super) fn retrieve(&mut self, src: &dyn Source, q: Vec<(u32, f32)>, exclude: Option<StoryId>) -> Result<Vec<StoryId>, StoreError> {
        let ts = self.query_terms(q);
        self.ensure_postings(src, &ts)?;
        if self.cfg.merge_threshold > 0.0 {
            // resolving merged stories needs them held
            let listed: Vec<StoryId> = ts.iter().flat_map(|t| self.postings[t].iter().map(|x| x.0)).collect();
            self.ensure_stories(src, &listed)?;
            for s in listed {
                self.resolve_from(src, s)?;
            }
        }
        Ok(self.candidates_of(&ts, exclude))
    }

    /// The `query_terms` top features of a query vector (term, tf-idf), by weight then id.
    pub(super) fn query_terms(&self, mut q: Vec<(u32, f32)>) -> Vec<u32> {
        super::top_k(&mut q, self.cfg.query_terms, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        q.truncate(self.cfg.query_terms);
        q.iter().map(|x| x.0).collect()
    }

    /// The candidates under these query terms, whose posting lists are held (see
    /// [`Clusterer::retrieve`]). Reads only: threads may ask at once.
    pub(super) fn candidates_of(&self, ts: &[u32], exclude: Option<StoryId>) -> Vec<StoryId> {
        // hits per story (a story counts once per term), then the best `max_candidates` by
        // hits, then recency (the newest id): a count table and a partial sort, not a sort of
        // every posting (sorting was 12% of the linking thread's instructions, callgrind,
        // 580 Timeline17 articles)
        let mut counts: rustc_hash::FxHashMap<StoryId, (u32, usize)> = rustc_hash::FxHashMap::default();
        for (i, t) in ts.iter().enumerate() {
            for &(s, _) in &self.postings[t] {
                let s = self.resolve(s);
                if Some(s) == exclude {
                    continue;
                }
                let e = counts.entry(s).or_insert((0, usize::MAX));
                if e.1 != i {
                    *e = (e.0 + 1, i);
                }
            }
        }
        let mut counted: Vec<(StoryId, u32)> = counts.into_iter().map(|(s, (n, _))| (s, n)).collect();
        super::top_k(&mut counted, self.cfg.max_candidates, |a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        counted.truncate(self.cfg.max_candidates);
        counted.into_iter().map(|x| x.0).collect()
    }
}
