//! The second pass (online, bounded): every `reconsider_every` articles, each of the last
//! `reconsider_window` articles is taken out of its story and re-scored, and moves when
//! another story beats its own; the moves are handed over by [`Clusterer::take_moves`].

use super::centroid::merge_sorted;
use super::state::Source;
use super::{Clusterer, StoryId};
use crate::store::StoreError;
use rayon::prelude::*;

impl Clusterer {
    /// Re-assignments made by the second pass since the last call
    /// (article id, its new story), in the order they were made.
    pub fn take_moves(&mut self) -> Vec<(String, StoryId)> {
        std::mem::take(&mut self.moves)
    }

    /// The second pass over the last `reconsider_window` articles, oldest
    /// first (called by `add` every `reconsider_every` articles; bounded
    /// cost: window × max_candidates scorings).
    ///
    /// Each article's re-scoring reads the view as the moves before it left it, and moves are
    /// rare; so every article still to be re-scored is scored at once, in parallel, against
    /// the view as it is ([`Clusterer::plan`]), and the plans are then taken in order until one
    /// moves an article: the view has changed, so the articles after it are planned again.
    /// The same moves as scoring one article after the other, on as many threads as the pool
    /// has (`Clusterer::set_pool`; rayon's global pool without one).
    pub(super) fn reconsider(&mut self, src: &dyn Source) -> Result<(), StoreError> {
        if self.cfg.merge_threshold > 0.0 || self.cfg.exhaustive {
            // merges resolve stories as they are read: one article after the other
            for k in 0..self.recent.len() {
                let plan = self.plan_serial(src, k)?;
                self.apply(src, k, plan)?;
            }
            return Ok(());
        }
        // planned a stretch at a time, the stretch growing while nothing moves: a move throws
        // away the plans after it, so the work thrown away stays bounded by the stretch
        let (mut k, mut stretch) = (0, PLAN_FIRST);
        while k < self.recent.len() {
            let plans = self.plan(src, k, (k + stretch).min(self.recent.len()))?;
            let mut moved = false;
            for plan in plans {
                moved = self.apply(src, k, plan)?;
                k += 1;
                if moved {
                    break;
                }
            }
            stretch = if moved { PLAN_FIRST } else { (stretch * 2).min(PLAN_MOST) };
        }
        Ok(())
    }

    /// The plan of recent article `k` against the view as it is, reading what is missing.
    fn plan_serial(&mut self, src: &dyn Source, k: usize) -> Result<Plan, StoreError> {
        let cur = self.resolve_from(src, self.recent[k].story)?;
        let q: Vec<(u32, f32)> = self.recent[k].raw.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        let cands = if self.cfg.exhaustive {
            let all: Vec<StoryId> = (0..self.next_story).collect();
            self.ensure_stories(src, &all)?;
            all.into_iter().filter(|s| self.stories[s].merged_into.is_none() && *s != cur).collect()
        } else {
            self.retrieve(src, q, Some(cur))?
        };
        self.ensure_stories(src, &cands)?;
        Ok(self.plan_one(k, cur, &cands))
    }

    /// The plans of recent articles `from..to`, each against the view as it is now: what is
    /// missing is read first, one article after the other; then the candidates and the scores,
    /// which only read the view, in parallel.
    fn plan(&mut self, src: &dyn Source, from: usize, to: usize) -> Result<Vec<Plan>, StoreError> {
        let mut curs = Vec::with_capacity(to - from);
        let mut queries = Vec::with_capacity(curs.capacity());
        for k in from..to {
            curs.push(self.resolve_from(src, self.recent[k].story)?);
            let q: Vec<(u32, f32)> = self.recent[k].raw.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
            queries.push(self.query_terms(q));
        }
        let all: Vec<u32> = queries.iter().flatten().copied().collect();
        self.ensure_postings(src, &all)?;
        let cands: Vec<Vec<StoryId>> = self.parallel(|c| queries.par_iter().zip(&curs).map(|(ts, &cur)| c.candidates_of(ts, Some(cur))).collect());
        let listed: Vec<StoryId> = cands.iter().flatten().copied().collect();
        self.ensure_stories(src, &listed)?;
        // the idf of every term the scores read, computed once here: the threads only read it
        let mut stories: Vec<StoryId> = listed.into_iter().chain(curs.iter().copied()).collect();
        stories.sort_unstable();
        stories.dedup();
        // and each story's norm, summed once for every article that scores it
        let mut norms = std::mem::take(&mut self.norms);
        for s in &stories {
            norms.insert(*s, self.centroid_norm(&self.stories[s].terms));
        }
        self.norms = norms;
        let plans = self.parallel(|c| (from..to).into_par_iter().zip(curs.par_iter()).zip(cands.par_iter()).map(|((k, &cur), cands)| c.plan_one(k, cur, cands)).collect());
        self.norms.clear();
        Ok(plans)
    }

    /// Run `f` over this view on the pool's threads, the view frozen (read only) meanwhile.
    fn parallel<T: Send>(&mut self, f: impl Fn(&Clusterer) -> T + Send + Sync) -> T {
        self.frozen = true;
        let pool = self.pool.clone();
        let view = &*self;
        let out = match pool {
            Some(p) => p.install(|| f(view)),
            None => f(view),
        };
        self.frozen = false;
        out
    }

    /// Recent article `k` re-scored against the view as it is, taken out of its story `cur`
    /// (held, as are the candidates `cands`). Reads only.
    fn plan_one(&self, k: usize, cur: StoryId, cands: &[StoryId]) -> Plan {
        let r = &self.recent[k];
        let story = &self.stories[&cur];
        let own = if story.n_docs <= 1 {
            None
        } else {
            let mut without = merge_sorted(&story.terms, &r.contrib, -1.0);
            without.retain(|x| x.1 > 1e-5);
            let tf = self.time_factor(r.published, r.published, story).unwrap_or(1.0);
            Some(self.pair_score(&r.raw, cur, &without, story.n_docs - 1, tf, &r.dates, &story.dates, false, r.seq).0)
        };
        let (best, scored, _) = self.best_of(cands, &r.raw, r.published, &r.dates, false);
        Plan { cur, own, best, scored }
    }

    /// Take the plan of recent article `k`: move it when another story beats its own (or it
    /// was alone and another reaches the threshold). Whether it moved.
    fn apply(&mut self, src: &dyn Source, k: usize, plan: Plan) -> Result<bool, StoreError> {
        let Plan { cur, own, best, scored } = plan;
        self.scored += scored;
        let threshold = self.threshold_for(&self.recent[k].raw);
        let go = match (best, own) {
            (Some((_, b)), None) => b >= threshold,
            (Some((_, b)), Some(o)) => b >= o + self.cfg.reconsider_margin && b >= threshold,
            _ => false,
        };
        if !go {
            return Ok(false);
        }
        let r = self.recent[k].clone();
        let to = best.expect("checked").0;
        // take the article out of its story
        let story = self.stories.get_mut(&cur).expect("held");
        let mut without = merge_sorted(&story.terms, &r.contrib, -1.0);
        without.retain(|x| x.1 > 1e-5);
        story.n_docs -= 1;
        self.set_terms(src, cur, without)?;
        self.update_story(src, to, r.published, &r.dates, &r.contrib)?;
        self.recent[k].story = to;
        self.dirty_recent.insert(r.seq);
        self.moves.push((r.id.clone(), to));
        Ok(true)
    }
}

/// The articles planned at once after a move, and at most (see `Clusterer::reconsider`).
const PLAN_FIRST: usize = 8;
const PLAN_MOST: usize = 256;

/// A recent article re-scored: its story, its score there without it (None: it is alone),
/// the best other story, and how many stories were scored.
struct Plan {
    cur: StoryId,
    own: Option<f32>,
    best: Option<(StoryId, f32)>,
    scored: u64,
}
