//! The second pass (online, bounded): every `reconsider_every` articles, each of the last
//! `reconsider_window` articles is taken out of its story and re-scored, and moves when
//! another story beats its own; the moves are handed over by [`Clusterer::take_moves`].

use super::centroid::merge_sorted;
use super::state::Source;
use super::{Clusterer, StoryId};
use crate::store::StoreError;

impl Clusterer {
    /// Re-assignments made by the second pass since the last call
    /// (article id, its new story), in the order they were made.
    pub fn take_moves(&mut self) -> Vec<(String, StoryId)> {
        std::mem::take(&mut self.moves)
    }

    /// The second pass over the last `reconsider_window` articles, oldest
    /// first (called by `add` every `reconsider_every` articles; bounded
    /// cost: window × max_candidates scorings).
    pub(super) fn reconsider(&mut self, src: &dyn Source) -> Result<(), StoreError> {
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
                Some(self.pair_score(&r.raw, cur, &s.terms, s.n_docs - 1, tf, &r.dates, &s.dates, false, r.seq).0)
            };
            let best = self.best_story(src, q, &r.raw, r.published, &r.dates, Some(cur))?;
            let threshold = self.join_threshold();
            let go = match (best, own) {
                (Some((_, b)), None) => b >= threshold,
                (Some((_, b)), Some(o)) => b >= o + self.cfg.reconsider_margin && b >= threshold,
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
}
