//! Scoring against a candidate story: one tf-idf cosine over all the features, tempered by the
//! story's coherence (or, with `Config::joint` off, the mean of the cosines per evidence group:
//! words, entities, numbers+dates), the publication-time factor, the near-date bonus, the conflict penalties
//! (different salient people or organisations, far-apart dates, optionally no key number or
//! month in common), and the best candidate; or, with `Config::pair`, the learned pair
//! scorer's probability (`pair.rs`).

use super::dictionary::last_part_key;
use super::pair::{PairSample, N_FEATURES};
use super::state::Source;
use super::vector::{group, is_entity, KIND_NUM, KIND_ORG, KIND_PERSON, KIND_WORD};
use super::{Clusterer, Story, StoryId};
use crate::store::StoreError;
use chrono::NaiveDate;

/// The stems of the month names that are not also common words ("march", "may", "august").
pub(super) fn month_stems() -> &'static [String] {
    static M: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        ["january", "february", "april", "june", "july", "september", "october", "november", "december"].iter().map(|m| crate::text::stem(m).into_owned()).collect()
    })
}

/// An article's vector weighted for scoring against many stories (`Clusterer::query`).
pub(super) struct Query<'a> {
    raw: &'a [(u32, f32)],
    /// `raw`'s weights times their idf, in its order.
    w: Vec<f32>,
    /// The squared norm of `w`, summed in order.
    na: f32,
    wordless: bool,
    /// The salient person and organisation parts (`Clusterer::salient_parts` at the
    /// conflicts' thresholds), found at first need.
    parts: [std::cell::OnceCell<Vec<u32>>; 3],
}

pub(super) fn near_dates(a: &[NaiveDate], b: &[NaiveDate]) -> bool {
    a.iter().any(|x| b.iter().any(|y| (*x - *y).num_days().abs() <= 1))
}

impl Clusterer {
    /// Publication-time factor of an item published in [p0, p1] against a
    /// story: None outside the window, 1 within grace, then exp decay.
    pub(super) fn time_factor(&self, p0: Option<NaiveDate>, p1: Option<NaiveDate>, s: &Story) -> Option<f32> {
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

    /// Salient entities of `kind` in a vector (article raw tf weights or a
    /// centroid): the last-word part term ids of the entries weighing at
    /// least `min_w`, at most 3 (by weight, ties by id).
    #[cfg(test)]
    pub(super) fn salient_parts(&self, v: &[(u32, f32)], kind: u8, min_w: f32) -> Vec<u32> {
        self.salient_parts_of(v, |t| self.kind(t) == kind, min_w)
    }

    /// [`Clusterer::salient_parts`] of the terms `pick` picks.
    fn salient_parts_of(&self, v: &[(u32, f32)], pick: impl Fn(u32) -> bool, min_w: f32) -> Vec<u32> {
        // the three first by (weight down, id up), kept in order as they come: no sort, no
        // allocation (scoring asks this of every candidate centroid)
        let before = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)).is_lt();
        let mut top: [(u32, f32); 3] = [(0, 0.0); 3];
        let mut n = 0;
        for &x in v.iter().filter(|&&(t, w)| w >= min_w && pick(t)) {
            if n == 3 && !before(&x, &top[2]) {
                continue;
            }
            let mut k = n.min(2);
            while k > 0 && before(&x, &top[k - 1]) {
                top[k] = top[k - 1];
                k -= 1;
            }
            top[k] = x;
            n = (n + 1).min(3);
        }
        top[..n]
            .iter()
            .filter_map(|&(t, _)| {
                let key = last_part_key(&self.keys[&t])?;
                debug_assert!(self.dict.contains_key(&key) || self.absent.contains(&key), "part {key} not looked up");
                self.dict.get(&key).copied()
            })
            .collect()
    }

    /// Contradicting evidence between an article and a story: different salient people,
    /// different salient organisations, explicit dates far apart, no key number or month name
    /// in common (see `Config::person_conflict` and the next ones).
    /// The article is a query (`Clusterer::query`): its salient parts are found once for all
    /// the stories it is scored against.
    fn conflicts(&self, q: &Query, story: &[(u32, f32)], ad: &[NaiveDate], sd: &[NaiveDate], all: bool) -> [bool; 5] {
        let raw = q.raw;
        let mut out = [false; 5];
        // `all`: every conflict, for the learned scorer's features, whatever the penalties
        for (k, (kind, pen, boost)) in [(KIND_PERSON, self.cfg.person_conflict, self.cfg.person_boost), (KIND_ORG, self.cfg.org_conflict, self.cfg.org_boost)].into_iter().enumerate() {
            if pen <= 0.0 && !(all && k == 0) {
                continue;
            }
            // institutions only with `generic_orgs_salient`
            let pick = |t: u32| self.kind(t) == kind && (kind != KIND_ORG || self.cfg.generic_orgs_salient || !self.generic(t));
            out[k] = match self.salient_disjoint(q, k, story, pick, boost) {
                Some(d) => d,
                // where either side names no one twice, its actors are its distinctive
                // organisations (the ships, not the navy that sent them)
                None if k == 0 && self.cfg.actor_conflict => {
                    let pick = |t: u32| self.kind(t) == KIND_ORG && !self.generic(t);
                    self.salient_disjoint(q, 2, story, pick, self.cfg.org_boost).unwrap_or(false)
                }
                None => false,
            };
        }
        if !ad.is_empty() && !sd.is_empty() {
            let k = self.cfg.date_conflict_days;
            out[2] = !ad.iter().any(|x| sd.iter().any(|y| (*x - *y).num_days().abs() <= k));
        }
        if all || self.cfg.number_conflict > 0.0 {
            out[3] = self.disjoint(raw, story, |c, t| c.key_number(t));
        }
        if all || self.cfg.month_conflict > 0.0 {
            out[4] = self.disjoint(raw, story, |c, t| c.month[t as usize]);
        }
        out
    }

    /// Whether the article's salient names of those `pick` picks (named at least twice, at
    /// `boost`; found once per query, in its cell `cell`) and the story's (at least half the
    /// weight of its top one) are disjoint: neither side's are in the other; None when either
    /// side has none.
    fn salient_disjoint(&self, q: &Query, cell: usize, story: &[(u32, f32)], pick: impl Fn(u32) -> bool + Copy, boost: f32) -> Option<bool> {
        let raw = q.raw;
        let has = |v: &[(u32, f32)], t: u32| v.binary_search_by_key(&t, |x| x.0).is_ok();
        let a = q.parts[cell].get_or_init(|| self.salient_parts_of(raw, pick, (1.0 + 2f32.ln()) * boost - 1e-4));
        if a.is_empty() {
            return None;
        }
        let smax = story.iter().filter(|x| pick(x.0)).map(|x| x.1).fold(0.0f32, f32::max);
        if smax <= 0.0 {
            return None;
        }
        let sp = self.salient_parts_of(story, pick, 0.5 * smax);
        if sp.is_empty() {
            return None;
        }
        Some(!a.iter().any(|&t| has(story, t)) && !sp.iter().any(|&t| has(raw, t)))
    }

    /// Whether an article and a story both hold terms that `pick` picks and share none of them.
    fn disjoint(&self, raw: &[(u32, f32)], story: &[(u32, f32)], pick: impl Fn(&Self, u32) -> bool) -> bool {
        let a: Vec<u32> = raw.iter().map(|x| x.0).filter(|&t| pick(self, t)).collect();
        if a.is_empty() {
            return false;
        }
        let mut any = false;
        for &(t, _) in story {
            if pick(self, t) {
                if a.binary_search(&t).is_ok() {
                    return false;
                }
                any = true;
            }
        }
        any
    }

    /// A number that tells events apart: written with two characters or more, not a year.
    fn key_number(&self, t: u32) -> bool {
        if self.kind(t) != KIND_NUM {
            return false;
        }
        let Some(k) = self.keys.get(&t).and_then(|k| k.get(2..)) else { return false };
        let year = k.len() == 4 && k.bytes().all(|b| b.is_ascii_digit()) && (k.starts_with("19") || k.starts_with("20"));
        k.len() >= 2 && !year
    }

    /// An article's score against a story of `n` articles (centroid `terms`, event dates
    /// `sd`) at publication-time factor `tf`: the hand-set score (cosine × coherence × time,
    /// a bonus for near dates, the conflict penalties), or with a learned model
    /// (`Config::pair`) its probability from the pair's features. With `trace`, the features
    /// are also returned. `sid` is the story, `skip` the recent article not to compare with (the article itself
    /// when re-scored against its own story).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn pair_score(&self, raw: &[(u32, f32)], sid: StoryId, terms: &[(u32, f32)], n: u32, tf: f32, ad: &[NaiveDate], sd: &[NaiveDate], trace: bool, skip: i64) -> (f32, Option<[f32; N_FEATURES]>) {
        self.pair_score_q(&self.query(raw), sid, terms, n, tf, ad, sd, trace, skip)
    }

    /// [`Clusterer::pair_score`] of a query (an article's vector weighted once for all the
    /// stories it is scored against).
    #[allow(clippy::too_many_arguments)]
    fn pair_score_q(&self, q: &Query, sid: StoryId, terms: &[(u32, f32)], n: u32, tf: f32, ad: &[NaiveDate], sd: &[NaiveDate], trace: bool, skip: i64) -> (f32, Option<[f32; N_FEATURES]>) {
        let raw = q.raw;
        // a story's own centroid has its norm summed ahead in a second-pass stretch
        let nb = if self.frozen && self.stories.get(&sid).is_some_and(|s| std::ptr::eq(s.terms.as_slice(), terms)) { self.norms.get(&sid).copied() } else { None };
        let mut score = self.story_cos(q, terms, n, nb) * tf;
        let near = self.cfg.date_boost > 0.0 && near_dates(ad, sd);
        if near {
            score += 0.03;
        }
        let c = self.conflicts(q, terms, ad, sd, trace || !self.cfg.pair.is_empty());
        for (hit, pen) in c.iter().zip([self.cfg.person_conflict, self.cfg.org_conflict, self.cfg.date_conflict, self.cfg.number_conflict, self.cfg.month_conflict]) {
            if *hit && pen > 0.0 {
                score *= 1.0 - pen;
            }
        }
        if self.cfg.pair.is_empty() && !trace {
            return (score, None);
        }
        let x = self.pair_features(raw, terms, n, score, [c[0], c[2], c[3], c[4]], near, self.best_member(raw, sid, skip));
        let s = if self.cfg.pair.is_empty() { score } else { self.pair_prob(&x) * tf.min(1.0) };
        (s, trace.then_some(x))
    }

    /// The highest cosine between an article and a single member of story `sid` among the
    /// recent articles (the second pass's window), but `skip`; 0 when none is there.
    fn best_member(&self, raw: &[(u32, f32)], sid: StoryId, skip: i64) -> f32 {
        let mut best = 0.0f32;
        for r in self.recent.iter().filter(|r| r.story == sid && r.seq != skip) {
            let (dot, na, nb) = self.joint_parts(raw, &r.raw);
            if na > 0.0 && nb > 0.0 {
                best = best.max(dot / (na.sqrt() * nb.sqrt()));
            }
        }
        best
    }

    /// The score an article needs to join a story.
    pub(super) fn join_threshold(&self) -> f32 {
        if self.cfg.pair.is_empty() { self.cfg.threshold } else { self.cfg.pair_threshold }
    }

    /// The score an article of raw vector `raw` needs to join a story: `nameless_threshold`
    /// when it holds no name feature (read off the vector, so the second pass, which keeps
    /// only the vectors, judges it alike), else [`Clusterer::join_threshold`].
    pub(super) fn threshold_for(&self, raw: &[(u32, f32)]) -> f32 {
        if self.cfg.pair.is_empty() && !raw.iter().any(|&(t, _)| is_entity(self.kind(t))) {
            self.cfg.nameless_threshold
        } else {
            self.join_threshold()
        }
    }

    /// Best (story, score) among the candidates of query `q` (tf-idf of
    /// `raw`); `exclude` is left out.
    pub(super) fn best_story(
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
        let trace = self.trace.is_some() && exclude.is_none();
        let (best, scored, traced) = self.best_of(&cands, raw, published, dates, trace);
        self.scored += scored;
        if let (Some(t), Some(doc)) = (self.trace.as_mut(), self.tracing.as_ref()) {
            t.extend(traced.into_iter().map(|(story, x)| PairSample { doc: doc.clone(), story, x }));
        }
        Ok(best)
    }

    /// Best (story, score) among the held stories `cands`, how many were scored, and with
    /// `trace` the features of each pair. Reads only: threads may score at once.
    pub(super) fn best_of(&self, cands: &[StoryId], raw: &[(u32, f32)], published: Option<NaiveDate>, dates: &[NaiveDate], trace: bool) -> (Option<(StoryId, f32)>, u64, Vec<(StoryId, [f32; N_FEATURES])>) {
        let mut best: Option<(StoryId, f32)> = None;
        let mut scored = 0;
        let mut traced = Vec::new();
        let q = self.query(raw);
        for &sid in cands {
            let s = &self.stories[&sid];
            if s.n_docs == 0 {
                continue;
            }
            let Some(tf) = self.time_factor(published, published, s) else { continue };
            scored += 1;
            let (score, x) = self.pair_score_q(&q, sid, &s.terms, s.n_docs, tf, dates, &s.dates, trace, 0);
            if let Some(x) = x {
                traced.push((sid, x));
            }
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((sid, score));
            }
        }
        (best, scored, traced)
    }

    /// Weighted mean over evidence groups (words, entities, numbers+dates)
    /// of the tf-idf cosine between two sorted idf-free vectors; a group
    /// empty on either side is left out.
    pub(super) fn group_cos(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
        if self.cfg.joint {
            let (dot, na, nb) = self.joint_parts_of(a, b, self.wordless(a));
            return if na > 0.0 && nb > 0.0 { dot / (na.sqrt() * nb.sqrt()) } else { 0.0 };
        }
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

    /// An article's score against a story's centroid (the sum of its `n` articles' unit
    /// contributions): the cosine, times the centroid's coherence ‖centroid‖ / n (1 when its
    /// articles agree, 1/√n when they share nothing) to the power `Config::coherence`. The
    /// cosine alone grows as √n against a loose story (an article weakly like each of n
    /// members scores about s·√n), so a story of loosely related articles becomes a hub that
    /// absorbs every article about the same people; the coherence factor moves the score
    /// toward the mean similarity to the members, which does not grow with n.
    /// The article is a query (`Clusterer::query`): the same sums as over its raw vector, in
    /// the same order, with its side weighted once for all the stories it is scored against.
    /// `nb`: the story's squared norm when summed ahead (`Clusterer::centroid_norm`).
    fn story_cos(&self, q: &Query, story: &[(u32, f32)], n: u32, nb: Option<f32>) -> f32 {
        if !self.cfg.joint {
            return self.group_cos(q.raw, story);
        }
        if self.cfg.coherence <= 0.0 || n <= 1 {
            let (dot, na, nb) = if q.wordless { self.joint_q(q, story, true) } else { self.joint_nb(q, story, nb) };
            return if na > 0.0 && nb > 0.0 { dot / (na.sqrt() * nb.sqrt()) } else { 0.0 };
        }
        let (dot, na, nb) = self.joint_nb(q, story, nb);
        if na <= 0.0 || nb <= 0.0 {
            return 0.0;
        }
        let coherence = (nb.sqrt() / n as f32).min(1.0);
        // an article without words (one in another language than English: `stories::features`)
        // is measured against the story's names, numbers and dates alone
        let nb_cos = if q.wordless { self.joint_q(q, story, true).2 } else { nb };
        if nb_cos <= 0.0 {
            return 0.0;
        }
        dot / (na.sqrt() * nb_cos.sqrt()) * coherence.powf(self.cfg.coherence)
    }

    /// An article's vector as scoring reads it against many stories: each weight times its
    /// idf, the squared norm, whether it has words, its salient parts (found at first need).
    pub(super) fn query<'a>(&self, raw: &'a [(u32, f32)]) -> Query<'a> {
        let mut na = 0.0f32;
        let w = raw
            .iter()
            .map(|&(t, x)| {
                let v = x * self.idf(t);
                na += v * v;
                v
            })
            .collect();
        Query { raw, w, na, wordless: self.wordless(raw), parts: Default::default() }
    }

    /// [`Clusterer::joint_parts_of`] of a query and a sorted idf-free vector `b`: the same
    /// products summed in the same order (the query's norm was summed over its terms in order,
    /// `b`'s is summed here over its terms in order, the dot over the shared terms in order),
    /// so the same bits, with the query's side weighted once.
    pub(super) fn joint_q(&self, q: &Query, b: &[(u32, f32)], skip_words: bool) -> (f32, f32, f32) {
        let a = q.raw;
        let (mut dot, mut nb) = (0.0f32, 0.0f32);
        let mut i = 0;
        for &(t, y) in b {
            while i < a.len() && a[i].0 < t {
                i += 1;
            }
            if i < a.len() && a[i].0 == t {
                let y = y * self.idf(t);
                dot += q.w[i] * y;
                nb += y * y;
                i += 1;
            } else if !(skip_words && self.kind(t) == KIND_WORD) {
                let v = y * self.idf(t);
                nb += v * v;
            }
        }
        (dot, q.na, nb)
    }

    /// [`Clusterer::joint_q`] over all of `b`'s features, with `b`'s squared norm when it was
    /// summed ahead ([`Clusterer::centroid_norm`]): then only the shared terms are weighted.
    pub(super) fn joint_nb(&self, q: &Query, b: &[(u32, f32)], nb: Option<f32>) -> (f32, f32, f32) {
        let Some(nb) = nb else { return self.joint_q(q, b, false) };
        let a = q.raw;
        let mut dot = 0.0f32;
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += q.w[i] * (b[j].1 * self.idf(b[j].0));
                    i += 1;
                    j += 1;
                }
            }
        }
        (dot, q.na, nb)
    }

    /// The squared idf-weighted norm of a sorted idf-free vector, summed in its order (as
    /// [`Clusterer::joint_q`] sums `b`'s over all its features: the same bits).
    pub(super) fn centroid_norm(&self, b: &[(u32, f32)]) -> f32 {
        let mut nb = 0.0f32;
        for &(t, y) in b {
            let v = y * self.idf(t);
            nb += v * v;
        }
        nb
    }

    /// Whether a vector has no word features (only names, numbers, dates and times).
    fn wordless(&self, a: &[(u32, f32)]) -> bool {
        !a.is_empty() && !a.iter().any(|x| self.kind(x.0) == KIND_WORD)
    }

    /// The dot product and squared norms of two sorted idf-free vectors over all their
    /// features, idf-weighted.
    fn joint_parts(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> (f32, f32, f32) {
        self.joint_parts_of(a, b, false)
    }

    /// [`Self::joint_parts`], leaving `b`'s word features out of its norm with `skip_words`.
    pub(super) fn joint_parts_of(&self, a: &[(u32, f32)], b: &[(u32, f32)], skip_words: bool) -> (f32, f32, f32) {
        let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
                let v = a[i].1 * self.idf(a[i].0);
                na += v * v;
                i += 1;
            } else if i >= a.len() || b[j].0 < a[i].0 {
                if !(skip_words && self.kind(b[j].0) == KIND_WORD) {
                    let v = b[j].1 * self.idf(b[j].0);
                    nb += v * v;
                }
                j += 1;
            } else {
                let idf = self.idf(a[i].0);
                let (x, y) = (a[i].1 * idf, b[j].1 * idf);
                dot += x * y;
                na += x * x;
                nb += y * y;
                i += 1;
                j += 1;
            }
        }
        (dot, na, nb)
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
}
