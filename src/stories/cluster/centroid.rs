//! How stories grow: an article's contribution added to a story's centroid, the centroid
//! pruned to `story_max_terms` and the story indexed in the bounded posting lists under its
//! top features, and (with `merge_threshold` > 0) a grown story merged with its most similar
//! other story.

use super::state::Source;
use super::{Clusterer, Story, StoryId};
use crate::store::StoreError;
use chrono::NaiveDate;

pub(super) fn empty_story(id: StoryId) -> Story {
    Story { id, n_docs: 0, first_pub: None, last_pub: None, last_seq: 0, dates: Vec::new(), terms: Vec::new(), merged_into: None }
}

pub(super) fn merge_sorted(a: &[(u32, f32)], b: &[(u32, f32)], bw: f32) -> Vec<(u32, f32)> {
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

impl Clusterer {
    /// After `sid` grew, merge it with the most similar other story if
    /// their centroids are at least `merge_threshold` alike. The older
    /// (smaller) id survives; returns it.
    pub(super) fn try_merge(&mut self, src: &dyn Source, sid: StoryId) -> Result<Option<StoryId>, StoreError> {
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

    pub(super) fn update_story(&mut self, src: &dyn Source, sid: StoryId, published: Option<NaiveDate>, dates: &[NaiveDate], contrib: &[(u32, f32)]) -> Result<(), StoreError> {
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
    pub(super) fn set_terms(&mut self, src: &dyn Source, sid: StoryId, mut merged: Vec<(u32, f32)>) -> Result<(), StoreError> {
        let max_terms = self.cfg.story_max_terms;
        let mut ranked: Vec<(u32, f32)> = merged.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        // only the first max(story_max_terms, story_index_terms) in order are read
        super::top_k(&mut ranked, max_terms.max(self.cfg.story_index_terms), |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
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
}
