//! Training the clusterer's learned pair scorer (`storyline eval stories --train-pair`): the
//! (article, candidate story) pairs the clusterer scores while it links each development set
//! (in its order and shuffled), labelled by the gold (the candidate's members are mostly of
//! the article's gold story), a logistic regression fitted by Newton's method, and its
//! figures on folds of stories held out of every set at once (a fold is scored by a model
//! trained without it, on any set).

use std::collections::HashMap;

use storyline::stories::cluster::{Clusterer, Config, DocFeatures, N_FEATURES};

/// One labelled pair: the set it comes from, the fold of the article's gold story.
#[derive(Clone, Debug)]
pub struct Sample {
    pub set: usize,
    pub fold: u64,
    pub x: [f32; N_FEATURES],
    pub y: bool,
}

/// The fold of a gold story (as `stories::fold_scores` deals them).
pub fn fold_of(gold_story: &str, k: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64(gold_story.as_bytes()) % k
}

/// The pairs scored while `cfg` links `feats` in `order`, labelled against `gold`.
/// Only the `top` candidates by the hand-set score are kept (the ones a decision is between).
pub fn samples(cfg: &Config, feats: &[DocFeatures], order: &[usize], gold: &HashMap<String, String>, set: usize, k: u64, top: usize) -> Vec<Sample> {
    let mut c = Clusterer::new(cfg.clone());
    c.trace = Some(Vec::new());
    let mut members: HashMap<u32, Vec<String>> = HashMap::new();
    let mut story_of: HashMap<String, u32> = HashMap::new();
    let mut out = Vec::new();
    for &i in order {
        let d = &feats[i];
        let s = c.add(d);
        let Some(g) = gold.get(&d.id) else { continue };
        let mut pairs: Vec<_> = c.trace.as_mut().expect("tracing").drain(..).collect();
        pairs.sort_by(|a, b| b.x[0].total_cmp(&a.x[0]).then(a.story.cmp(&b.story)));
        pairs.truncate(top);
        for p in pairs {
            let m = members.get(&p.story).map(Vec::as_slice).unwrap_or(&[]);
            if m.is_empty() {
                continue;
            }
            let same = m.iter().filter(|a| gold.get(*a) == Some(g)).count();
            out.push(Sample { set, fold: fold_of(g, k), x: p.x, y: 2 * same > m.len() });
        }
        let mut put = |id: String, to: u32, members: &mut HashMap<u32, Vec<String>>| {
            if let Some(old) = story_of.insert(id.clone(), to) {
                if let Some(v) = members.get_mut(&old) {
                    v.retain(|a| *a != id);
                }
            }
            members.entry(to).or_default().push(id);
        };
        put(d.id.clone(), s, &mut members);
        for (id, to) in c.take_moves() {
            put(id, to, &mut members);
        }
    }
    out
}

/// A logistic regression over `samples` (each set weighing as much in total), L2 `lambda` on
/// standardised features, fitted by Newton's method; returned as the clusterer's `pair`
/// weights on the raw features (intercept first).
pub fn fit(samples: &[&Sample], n_sets: usize, lambda: f64) -> Vec<f32> {
    let d = N_FEATURES + 1;
    let mut per_set = vec![0usize; n_sets];
    for s in samples {
        per_set[s.set] += 1;
    }
    let wt: Vec<f64> = per_set.iter().map(|&n| if n > 0 { samples.len() as f64 / (n_sets as f64 * n as f64) } else { 0.0 }).collect();
    let mut mean = vec![0.0f64; N_FEATURES];
    let mut sd = vec![0.0f64; N_FEATURES];
    for s in samples {
        for f in 0..N_FEATURES {
            mean[f] += s.x[f] as f64;
        }
    }
    mean.iter_mut().for_each(|m| *m /= samples.len().max(1) as f64);
    for s in samples {
        for f in 0..N_FEATURES {
            sd[f] += (s.x[f] as f64 - mean[f]).powi(2);
        }
    }
    sd.iter_mut().for_each(|v| *v = (*v / samples.len().max(1) as f64).sqrt().max(1e-6));
    // features left out (STORIES_PAIR_DROP: their indices) weigh nothing
    let drop: Vec<usize> = std::env::var("STORIES_PAIR_DROP").unwrap_or_default().split(',').filter_map(|t| t.trim().parse().ok()).collect();
    let z = |s: &Sample| -> Vec<f64> { std::iter::once(1.0).chain((0..N_FEATURES).map(|f| if drop.contains(&f) { 0.0 } else { (s.x[f] as f64 - mean[f]) / sd[f] })).collect() };
    let rows: Vec<(Vec<f64>, f64, f64)> = samples.iter().map(|s| (z(s), s.y as u8 as f64, wt[s.set])).collect();
    let mut w = vec![0.0f64; d];
    for _ in 0..30 {
        let mut g = vec![0.0f64; d];
        let mut h = vec![vec![0.0f64; d]; d];
        for (x, y, c) in &rows {
            let p = 1.0 / (1.0 + (-x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()).exp());
            for a in 0..d {
                g[a] += c * (p - y) * x[a];
                for b in 0..d {
                    h[a][b] += c * p * (1.0 - p) * x[a] * x[b];
                }
            }
        }
        for a in 1..d {
            g[a] += lambda * w[a];
            h[a][a] += lambda;
        }
        h[0][0] += 1e-9;
        let step = solve(h, g);
        let mut moved = 0.0f64;
        for a in 0..d {
            w[a] -= step[a];
            moved = moved.max(step[a].abs());
        }
        if moved < 1e-7 {
            break;
        }
    }
    let mut out = vec![w[0] as f32; d];
    for f in 0..N_FEATURES {
        out[f + 1] = (w[f + 1] / sd[f]) as f32;
        out[0] -= (w[f + 1] * mean[f] / sd[f]) as f32;
    }
    out
}

/// Solves `a x = b` (Gaussian elimination with partial pivoting).
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs())).unwrap_or(c);
        a.swap(c, p);
        b.swap(c, p);
        let d = if a[c][c].abs() < 1e-12 { 1e-12 } else { a[c][c] };
        for r in c + 1..n {
            let f = a[r][c] / d;
            for k in c..n {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        let d = if a[c][c].abs() < 1e-12 { 1e-12 } else { a[c][c] };
        x[c] = (b[c] - s) / d;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_separable_rule() {
        let mut v = Vec::new();
        for i in 0..200 {
            let mut x = [0.0f32; N_FEATURES];
            x[1] = (i % 20) as f32 / 20.0;
            v.push(Sample { set: i % 2, fold: 0, x, y: x[1] > 0.5 });
        }
        let refs: Vec<&Sample> = v.iter().collect();
        let w = fit(&refs, 2, 1.0);
        let p = |c: f32| w[0] + w[2] * c;
        assert!(p(0.9) > 0.0 && p(0.1) < 0.0, "{w:?}");
    }
}
