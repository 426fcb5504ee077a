//! Learns the clusterer's term weights (`storyline::stories::cluster::weights`) from NeuS
//! train (`summaries/neus-train.jsonl`: 2,452 stories of three leads each, a split no
//! development figure is measured on).
//!
//! Two kinds of pair of articles: every pair of one story (positives), and each article with
//! its `k` nearest articles of other stories by the clusterer's own kind of tf-idf cosine, at
//! least `min_cos` (hard negatives: the reports about the same people that a clusterer
//! confuses). For each feature key, how many positive and how many negative pairs both hold
//! it; its weight is the smoothed ratio of the two against the ratio over all keys,
//! `((pos + α·ρ) / (neg + α)) / ρ` with `ρ = Σ pos / Σ neg`, clamped to `[lo, hi]`: 1 for a
//! key shared as often as the average key, below 1 for a key shared more by different stories
//! than by one story ("korea", "jobs"), above 1 for one shared mostly within a story.
//!
//! The defaults are the shipped table's (`data/stories/term_weights.tsv`): k 10, minimum
//! cosine .1, α 30, clamped to [.2, 1] (down-weights only), names only (entity keys and their
//! words: the actors of a feed, "Mueller", "Zelensky", "Bureau of Labor Statistics"). Figures in
//! the clusterer's module doc.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use storyline::stories::cluster::{feature_keys, Config, DocFeatures, TermWeights};

/// The learner's settings.
#[derive(Clone, Debug)]
pub struct Learn {
    pub k: usize,
    pub min_cos: f32,
    pub alpha: f64,
    pub lo: f64,
    pub hi: f64,
    /// Keys held by fewer pairs (positive and negative) are not written.
    pub min_pairs: u32,
    /// Only names (entity keys and their words) are written: learned weights of content words
    /// and numbers did not hold on every development set (see the clusterer's module doc).
    pub names_only: bool,
    /// A table learned before, and its power: the hard negatives are then the nearest articles
    /// by the cosine with those weights (a second round finds what the weighted clusterer
    /// still confuses).
    pub prior: Option<(TermWeights, f32)>,
}

impl Default for Learn {
    fn default() -> Self {
        Learn { k: 10, min_cos: 0.1, alpha: 30.0, lo: 0.2, hi: 1.0, min_pairs: 3, names_only: true, prior: None }
    }
}

/// What was learned: per key (sorted) its weight and its positive and negative pair counts,
/// with the numbers of pairs of each kind.
pub struct Learned {
    pub weights: Vec<(String, f64, u32, u32)>,
    pub positives: usize,
    pub negatives: usize,
}

/// Learns the weights from the articles `feats` whose stories are `gold` (id → story).
pub fn learn(cfg: &Config, feats: &[DocFeatures], gold: &HashMap<String, String>, p: &Learn) -> Learned {
    // key ids and (1 + ln tf) × boost vectors
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let docs: Vec<Vec<(u32, f32)>> = feats
        .iter()
        .map(|d| {
            let mut tf: BTreeMap<u32, (f32, f32)> = BTreeMap::new();
            for (k, boost) in feature_keys(cfg, d) {
                let id = *ids.entry(k.clone()).or_insert_with(|| {
                    names.push(k);
                    names.len() as u32 - 1
                });
                let e = tf.entry(id).or_insert((0.0, boost));
                e.0 += 1.0;
            }
            tf.into_iter().map(|(id, (n, b))| (id, (1.0 + n.ln()) * b)).collect()
        })
        .collect();
    let n = docs.len() as f32;
    let mut df = vec![0u32; names.len()];
    for d in &docs {
        for &(t, _) in d {
            df[t as usize] += 1;
        }
    }
    let learned = |t: usize| p.prior.as_ref().and_then(|(w, beta)| w.get(&names[t]).map(|x| x.powf(*beta))).unwrap_or(1.0);
    let idf: Vec<f32> = df.iter().enumerate().map(|(t, &x)| (1.0 + (n - x as f32 + 0.5) / (x as f32 + 0.5)).ln() * learned(t)).collect();
    let unit: Vec<Vec<(u32, f32)>> = docs
        .iter()
        .map(|d| {
            let v: Vec<(u32, f32)> = d.iter().map(|&(t, w)| (t, w * idf[t as usize])).collect();
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            v.into_iter().map(|(t, w)| (t, w / norm)).collect()
        })
        .collect();
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); names.len()];
    for (i, d) in unit.iter().enumerate() {
        for &(t, w) in d {
            postings[t as usize].push((i as u32, w));
        }
    }
    let story: Vec<&str> = feats.iter().map(|d| gold.get(&d.id).map_or("", String::as_str)).collect();
    // hard negatives: each article's k nearest of other stories
    let negatives: HashSet<(u32, u32)> = (0..unit.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let mut dot: HashMap<u32, f32> = HashMap::new();
            for &(t, w) in &unit[i] {
                for &(j, x) in &postings[t as usize] {
                    if story[j as usize] != story[i] {
                        *dot.entry(j).or_default() += w * x;
                    }
                }
            }
            let mut near: Vec<(u32, f32)> = dot.into_iter().filter(|x| x.1 >= p.min_cos).collect();
            near.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            near.truncate(p.k);
            near.into_iter().map(move |(j, _)| (i.min(j as usize) as u32, i.max(j as usize) as u32))
        })
        .collect();
    let mut by_story: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (i, s) in story.iter().enumerate() {
        if !s.is_empty() {
            by_story.entry(s).or_default().push(i as u32);
        }
    }
    let positives: Vec<(u32, u32)> = by_story.values().flat_map(|m| m.iter().enumerate().flat_map(move |(a, &i)| m[a + 1..].iter().map(move |&j| (i, j)))).collect();
    let shared = |(i, j): (u32, u32), count: &mut Vec<u32>| {
        let (a, b) = (&docs[i as usize], &docs[j as usize]);
        let (mut x, mut y) = (0, 0);
        while x < a.len() && y < b.len() {
            match a[x].0.cmp(&b[y].0) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    count[a[x].0 as usize] += 1;
                    x += 1;
                    y += 1;
                }
            }
        }
    };
    let mut pos = vec![0u32; names.len()];
    let mut neg = vec![0u32; names.len()];
    for &pair in &positives {
        shared(pair, &mut pos);
    }
    let mut neg_pairs: Vec<(u32, u32)> = negatives.into_iter().collect();
    neg_pairs.sort_unstable();
    for &pair in &neg_pairs {
        shared(pair, &mut neg);
    }
    let rho = pos.iter().map(|&x| x as f64).sum::<f64>() / neg.iter().map(|&x| x as f64).sum::<f64>().max(1.0);
    let mut weights: Vec<(String, f64, u32, u32)> = (0..names.len())
        .filter(|&t| pos[t] + neg[t] >= p.min_pairs)
        .filter(|&t| !p.names_only || !["w:", "n:", "d:", "m:", "t:"].iter().any(|k| names[t].starts_with(k)))
        .map(|t| {
            let w = ((pos[t] as f64 + p.alpha * rho) / (neg[t] as f64 + p.alpha) / rho).clamp(p.lo, p.hi);
            (names[t].clone(), w, pos[t], neg[t])
        })
        .filter(|x| x.1.ln().abs() >= 0.05)
        .collect();
    weights.sort_by(|a, b| a.0.cmp(&b.0));
    Learned { weights, positives: positives.len(), negatives: neg_pairs.len() }
}

/// The table as `data/stories/term_weights.tsv` holds it (see `parse_weights`).
pub fn to_tsv(l: &Learned, p: &Learn) -> String {
    let mut s = format!(
        "# Learned term weights of the story clusterer (src/stories/cluster/weights.rs): key<TAB>weight.\n\
         # Learned from NeuS train by `storyline eval stories --learn-weights`: {} positive pairs, {} hard negatives\n\
         # (k {}, min cosine {}), alpha {}, clamped to [{}, {}], keys in at least {} pairs{}.\n",
        l.positives, l.negatives, p.k, p.min_cos, p.alpha, p.lo, p.hi, p.min_pairs, if p.names_only { ", names only" } else { "" }
    );
    for (k, w, _, _) in &l.weights {
        s += &format!("{k}\t{w:.3}\n");
    }
    s
}
