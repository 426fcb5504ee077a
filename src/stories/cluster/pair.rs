//! The learned (article, story) scorer, off by default (`Config::pair` empty): features of a
//! pair beyond the one cosine, combined by a logistic regression trained offline on the pairs
//! the hand-set clusterer scores (`storyline eval stories --train-pair --shuffle 1`, see
//! `crates/eval/src/pair.rs`; a candidate is a positive when most of its members are of the
//! article's gold story). With weights, an article joins its best candidate when the
//! probability (times the publication-time factor) reaches `Config::pair_threshold`.
//!
//! Features: the hand-set score, the cosine, the story's coherence, cosines per group (words,
//! names, numbers and dates), the names' share of the dot product (a pair held by names only),
//! the share of the article's word and whole tf-idf mass the story holds, ln(1 + rare words
//! matched) (document frequency ≤ 3), ln(story size), the person / date / number / month
//! conflicts, near dates, and the best cosine with one member of the story among the second
//! pass's window.
//!
//! Why it is off: trained and scored on five folds of stories held out of all three
//! development sets at once (each fold scored by a model trained without it on any set; per
//! set the mean over file order and shuffle 1 of the held-out fold's BCubed F1, fold means
//! below; hand-set ECB+ dev .966, Multi-News dev .921, NeuS val .886), it gains on Multi-News
//! and never on ECB+ or NeuS:
//! - all pairs (150k, 4.5% positive), 14 features, file order and shuffles 1–3 (hand-set
//!   .956 / .923 / .885): threshold .3 → .890 / .913 / .873, .5 → .829 / .876 / .854;
//! - the two best candidates by the hand-set score only (10k pairs, a third positive):
//!   .2 → .904 / .938 / .885, .3 → .854 / .927 / .876;
//! - without story size and date conflict (which learn a set's story sizes: ECB+ stories are
//!   large, Multi-News and NeuS ones two or three articles): .05 → .960 / .898 / .848,
//!   .1 → .943 / .923 / .875, .15 → .935 / .931 / .884, .2 → .923 / .935 / .882;
//! - with the best single member: .15 → .934 / .935 / .885, .2 → .930 / .937 / .880; with the
//!   number and month conflicts too: .15 → .928 / .935 / .883;
//! - a second round on the pairs the first model scores: .15 → .935 / .933 / .881.
//!
//! Every ECB+ result is below the hand-set score on at least three folds, NeuS is level at
//! best (folds ±.01): the features are mostly the cosine seen from other sides, and no linear
//! mix of them tells NeuS's same-actor events apart better than the cosine already does (the
//! large weights go to the score and the cosine; the word cosine and the best member get
//! negative weights, i.e. the model mostly re-learns the hand-set score).

use super::vector::{group, KIND_WORD};
use super::Clusterer;

/// Number of pair features.
pub const N_FEATURES: usize = 17;

/// Names of the features, in order (for the training report).
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "score", "cosine", "coherence", "cos words", "cos names", "cos numbers", "names share of dot", "word mass matched", "mass matched", "rare words matched",
    "ln story size", "person conflict", "date conflict", "near dates", "best member", "number conflict", "month conflict",
];

/// One (article, candidate story) pair as scored while linking, for training.
#[derive(Clone, Debug)]
pub struct PairSample {
    pub doc: String,
    pub story: u32,
    pub x: [f32; N_FEATURES],
}

pub(super) fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

impl Clusterer {
    /// The features of an article (`a`, idf-free raw vector) against a story centroid of `n`
    /// articles; `score` is the hand-set score (cosine × coherence × time × conflicts).
    pub(super) fn pair_features(&self, a: &[(u32, f32)], story: &[(u32, f32)], n: u32, score: f32, conflicts: [bool; 4], near: bool, best_member: f32) -> [f32; N_FEATURES] {
        let (mut dot, mut na, mut nb) = ([0.0f32; 3], [0.0f32; 3], [0.0f32; 3]);
        let (mut word_all, mut word_hit, mut rare_hit) = (0.0f32, 0.0f32, 0.0f32);
        let (mut ent_dot, mut mass_hit) = (0.0f32, 0.0f32);
        let rare_df = 3;
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < story.len() {
            if j >= story.len() || (i < a.len() && a[i].0 < story[j].0) {
                let k = self.kind(a[i].0);
                let v = a[i].1 * self.idf(a[i].0);
                na[group(k)] += v * v;
                if k == KIND_WORD {
                    word_all += v * v;
                }
                i += 1;
            } else if i >= a.len() || story[j].0 < a[i].0 {
                let v = story[j].1 * self.idf(story[j].0);
                nb[group(self.kind(story[j].0))] += v * v;
                j += 1;
            } else {
                let t = a[i].0;
                let k = self.kind(t);
                let idf = self.idf(t);
                let (x, y) = (a[i].1 * idf, story[j].1 * idf);
                let g = group(k);
                dot[g] += x * y;
                na[g] += x * x;
                nb[g] += y * y;
                mass_hit += x * x;
                if g == 1 {
                    ent_dot += x * y;
                }
                if k == KIND_WORD {
                    word_all += x * x;
                    word_hit += x * x;
                    if self.df[t as usize] <= rare_df + 1 {
                        rare_hit += 1.0;
                    }
                }
                i += 1;
                j += 1;
            }
        }
        let cos_g = |g: usize| if na[g] > 0.0 && nb[g] > 0.0 { dot[g] / (na[g].sqrt() * nb[g].sqrt()) } else { 0.0 };
        let (td, tna, tnb) = (dot.iter().sum::<f32>(), na.iter().sum::<f32>(), nb.iter().sum::<f32>());
        let cos = if tna > 0.0 && tnb > 0.0 { td / (tna.sqrt() * tnb.sqrt()) } else { 0.0 };
        let coherence = if n <= 1 { 1.0 } else { (tnb.sqrt() / n as f32).min(1.0) };
        [
            score,
            cos,
            coherence,
            cos_g(0),
            cos_g(1),
            cos_g(2),
            if td > 0.0 { ent_dot / td } else { 0.0 },
            if word_all > 0.0 { word_hit / word_all } else { 0.0 },
            if tna > 0.0 { mass_hit / tna } else { 0.0 },
            (1.0 + rare_hit).ln(),
            (n.max(1) as f32).ln(),
            conflicts[0] as u8 as f32,
            conflicts[1] as u8 as f32,
            near as u8 as f32,
            best_member,
            conflicts[2] as u8 as f32,
            conflicts[3] as u8 as f32,
        ]
    }

    /// The learned probability that the article belongs to the story (`Config::pair`: the
    /// intercept, then one weight per feature).
    pub(super) fn pair_prob(&self, x: &[f32; N_FEATURES]) -> f32 {
        let w = &self.cfg.pair;
        let z = w[0] + x.iter().zip(&w[1..]).map(|(a, b)| a * b).sum::<f32>();
        sigmoid(z)
    }
}
