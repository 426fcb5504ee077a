//! Story clustering on the three development sets, each ingested as `{id, text}` exactly as
//! `storyline ingest` would (in the set's order, or shuffled with a seed, to see how much the
//! stories depend on arrival order) and scored with BCubed and pairwise P/R/F1 (documents
//! missing from the output count as singletons):
//! - ECB+ dev (`stories/ecbplus-dev.jsonl`, gold = `event`; file order): ten topics far apart,
//!   two sibling events in each.
//! - Multi-News dev (`stories/multinews-dev/articles.jsonl`, gold = `gold.tsv`; the file is
//!   already a shuffled stream): many close stories about the same people, lowercased.
//! - NeuS val (`summaries/neus-val.jsonl`, gold = the cluster id; cased leads): the file holds
//!   each story's three articles together, which no feed does, so its stream is the articles
//!   dealt in an order shuffled once with seed 0 (`NEUS_ORDER_SEED`); `--shuffle` shuffles
//!   that again.
//!
//! Beside each run, a plain TF-IDF single pass on the same documents in the same order
//! ([`tfidf_single_pass`]): the floor the clusterer must stay above.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use storyline::store::LinkStore;

use crate::score::Prf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryFigures {
    pub docs: usize,
    pub gold_stories: usize,
    pub stories: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
    pub seconds: f64,
    /// The seed the documents were shuffled with (none: file order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shuffle_seed: Option<u64>,
    /// The set: "ecb+", "multinews" or "neus".
    pub set: String,
    /// The TF-IDF single pass on the same documents in the same order.
    pub baseline_bcubed: Prf,
    pub baseline_pairwise: Prf,
}

#[derive(Deserialize)]
struct Doc {
    id: String,
    event: String,
}

/// A development set as a stream: `{id, text}` lines in the set's order, and the gold story of
/// each id.
#[derive(Clone)]
pub struct StorySet {
    pub name: &'static str,
    pub lines: Vec<String>,
    pub gold: HashMap<String, String>,
}

/// The seed NeuS val's stream is dealt in (see the module doc).
pub const NEUS_ORDER_SEED: u64 = 0;

fn line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

fn read(file: &Path) -> Result<String, String> {
    std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))
}

/// ECB+ dev, in file order.
pub fn ecb_set(file: &Path) -> Result<StorySet, String> {
    let data = read(file)?;
    let mut set = StorySet { name: "ecb+", lines: Vec::new(), gold: HashMap::new() };
    for l in data.lines().filter(|l| !l.trim().is_empty()) {
        let d: Doc = serde_json::from_str(l).map_err(|e| format!("{}: {e}", file.display()))?;
        set.lines.push(l.to_string());
        set.gold.insert(d.id, d.event);
    }
    Ok(set)
}

/// Multi-News dev (`dir` holds `articles.jsonl` and `gold.tsv`), in file order.
pub fn multinews_set(dir: &Path) -> Result<StorySet, String> {
    #[derive(Deserialize)]
    struct A {
        id: String,
        text: String,
    }
    let mut set = StorySet { name: "multinews", lines: Vec::new(), gold: HashMap::new() };
    let gold = read(&dir.join("gold.tsv"))?;
    for l in gold.lines() {
        if let Some((id, c)) = l.split_once('\t') {
            set.gold.insert(id.trim().to_string(), c.trim().to_string());
        }
    }
    let file = dir.join("articles.jsonl");
    for l in read(&file)?.lines().filter(|l| !l.trim().is_empty()) {
        let a: A = serde_json::from_str(l).map_err(|e| format!("{}: {e}", file.display()))?;
        if set.gold.contains_key(&a.id) {
            set.lines.push(line(&a.id, &a.text));
        }
    }
    Ok(set)
}

/// NeuS val: every cluster's articles, dealt in the order shuffled by [`NEUS_ORDER_SEED`].
pub fn neus_set(file: &Path) -> Result<StorySet, String> {
    #[derive(Deserialize)]
    struct A {
        id: String,
        text: String,
    }
    #[derive(Deserialize)]
    struct C {
        id: String,
        articles: Vec<A>,
    }
    let mut set = StorySet { name: "neus", lines: Vec::new(), gold: HashMap::new() };
    for l in read(file)?.lines().filter(|l| !l.trim().is_empty()) {
        let c: C = serde_json::from_str(l).map_err(|e| format!("{}: {e}", file.display()))?;
        for a in c.articles {
            set.lines.push(line(&a.id, &a.text));
            set.gold.insert(a.id, c.id.clone());
        }
    }
    shuffle(&mut set.lines, NEUS_ORDER_SEED);
    Ok(set)
}

/// The three development sets under the eval root.
pub fn dev_sets(root: &Path) -> Result<Vec<StorySet>, String> {
    Ok(vec![
        ecb_set(&root.join("stories/ecbplus-dev.jsonl"))?,
        multinews_set(&root.join("stories/multinews-dev"))?,
        neus_set(&root.join("summaries/neus-val.jsonl"))?,
    ])
}

/// BCubed and pairwise P/R/F1 of a clustering against gold labels (both keyed by doc id).
pub fn score(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> (Prf, Prf) {
    let ids: Vec<&String> = gold.keys().collect();
    let label = |id: &String| pred.get(id).cloned().unwrap_or_else(|| format!("singleton:{id}"));
    let mut by_pred: HashMap<String, Vec<&String>> = HashMap::new();
    let mut by_gold: HashMap<&String, Vec<&String>> = HashMap::new();
    for id in &ids {
        by_pred.entry(label(id)).or_default().push(id);
        by_gold.entry(&gold[*id]).or_default().push(id);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for id in &ids {
        let pc = &by_pred[&label(id)];
        let gc = &by_gold[&gold[*id]];
        let both = pc.iter().filter(|x| gold[**x] == gold[*id]).count() as f64;
        p += both / pc.len() as f64;
        r += both / gc.len() as f64;
    }
    let n = ids.len().max(1) as f64;
    let (bp, br) = (p / n, r / n);
    let bf = if bp + br == 0.0 { 0.0 } else { 2.0 * bp * br / (bp + br) };
    let bcubed = Prf { precision: bp, recall: br, f1: bf, tp: 0, predicted: by_pred.len(), gold: by_gold.len() };
    // pairwise
    let pairs = |v: usize| v * v.saturating_sub(1) / 2;
    let pred_pairs: usize = by_pred.values().map(|v| pairs(v.len())).sum();
    let gold_pairs: usize = by_gold.values().map(|v| pairs(v.len())).sum();
    let mut both = 0usize;
    for members in by_pred.values() {
        let mut c: HashMap<&String, usize> = HashMap::new();
        for m in members {
            *c.entry(&gold[*m]).or_default() += 1;
        }
        both += c.values().map(|&k| pairs(k)).sum::<usize>();
    }
    (bcubed, Prf::new(both, pred_pairs, gold_pairs))
}

pub fn ecb(file: &Path) -> Result<StoryFigures, String> {
    run(&ecb_set(file)?, None)
}

/// [`ecb`] with the documents in an order shuffled by `seed` (the same seed, the same order).
pub fn ecb_shuffled(file: &Path, seed: u64) -> Result<StoryFigures, String> {
    run(&ecb_set(file)?, Some(seed))
}

/// Fisher–Yates with a fixed generator (splitmix64), so an order is reproducible anywhere.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut x = seed;
    let mut next = || {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..v.len()).rev() {
        v.swap(i, (next() % (i as u64 + 1)) as usize);
    }
}

/// The set's stream in its order, or shuffled by `seed`.
fn ordered(set: &StorySet, seed: Option<u64>) -> Vec<&str> {
    let mut lines: Vec<&str> = set.lines.iter().map(String::as_str).collect();
    if let Some(seed) = seed {
        shuffle(&mut lines, seed);
    }
    lines
}

/// Ingests a set (in its order, or shuffled by `seed`) through the real ingest into a store in
/// memory and scores its stories, beside the TF-IDF single pass on the same stream.
pub fn run(set: &StorySet, seed: Option<u64>) -> Result<StoryFigures, String> {
    let lines = ordered(set, seed);
    let path = std::env::temp_dir().join(format!("storyline-stories-{}-{}-{}.jsonl", set.name, std::process::id(), seed.map_or("order".to_string(), |s| s.to_string())));
    std::fs::write(&path, lines.join("\n") + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
    let t = std::time::Instant::now();
    let ingested = storyline::ingest::ingest(&mut store, &[path.clone()], &Default::default(), &mut storyline::ingest::Silent).map_err(|e| e.to_string());
    let _ = std::fs::remove_file(&path);
    ingested?;
    let seconds = t.elapsed().as_secs_f64();
    let stories = store.stories().map_err(|e| e.to_string())?;
    let pred: HashMap<String, String> =
        stories.iter().flat_map(|s| s.articles.iter().map(move |a| (a.clone(), s.id.to_string()))).collect();
    let (bcubed, pairwise) = score(&pred, &set.gold);
    let (baseline_bcubed, baseline_pairwise) = score(&tfidf_single_pass(&lines, TFIDF_THRESHOLD), &set.gold);
    let gold_stories = set.gold.values().collect::<std::collections::HashSet<_>>().len();
    Ok(StoryFigures {
        docs: lines.len(),
        gold_stories,
        stories: stories.len(),
        bcubed,
        pairwise,
        seconds,
        shuffle_seed: seed,
        set: set.name.to_string(),
        baseline_bcubed,
        baseline_pairwise,
    })
}

/// The baseline's threshold, chosen once for all three sets: the best mean BCubed F1 over
/// ECB+ dev, Multi-News dev and NeuS val in their orders among 0.10, 0.15, …, 0.40 (see
/// `tfidf_sweep`).
pub const TFIDF_THRESHOLD: f64 = 0.20;

/// A plain TF-IDF single pass over `{id, text}` lines in order: stemmed content words (the
/// product's stemmer and stop words, nothing else of it), tf (1 + ln) × idf over the whole set
/// (which a stream cannot know, so the baseline is if anything favoured), unit vectors; each
/// document joins the story whose centroid (the mean of its members' vectors) is the most
/// cosine-similar, if that reaches `threshold`, else starts one. Every story is scored.
pub fn tfidf_single_pass(lines: &[&str], threshold: f64) -> HashMap<String, String> {
    #[derive(Deserialize)]
    struct L {
        id: String,
        text: String,
    }
    let stop: std::collections::HashSet<&str> = storyline::stories::features::STOPWORDS.iter().copied().collect();
    let docs: Vec<(String, HashMap<String, f64>)> = lines
        .iter()
        .filter_map(|l| serde_json::from_str::<L>(l).ok())
        .map(|d| {
            let mut tf: HashMap<String, f64> = HashMap::new();
            for (a, b) in storyline::text::words(&d.text) {
                let w = d.text[a..b].to_lowercase();
                if w.chars().count() < 2 || stop.contains(w.as_str()) {
                    continue;
                }
                *tf.entry(storyline::text::stem(&w).into_owned()).or_default() += 1.0;
            }
            (d.id, tf)
        })
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for (_, tf) in &docs {
        for w in tf.keys() {
            *df.entry(w.as_str()).or_default() += 1.0;
        }
    }
    let n = docs.len() as f64;
    let mut centroids: Vec<(HashMap<&str, f64>, f64)> = Vec::new(); // (sum of unit vectors, its norm)
    let mut out = HashMap::new();
    for (id, tf) in &docs {
        let mut v: Vec<(&str, f64)> = tf.iter().map(|(w, &c)| (w.as_str(), (1.0 + c.ln()) * (n / df[w.as_str()]).ln())).collect();
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt().max(1e-12);
        v.iter_mut().for_each(|x| x.1 /= norm);
        let mut best: Option<(usize, f64)> = None;
        for (k, (c, _)) in centroids.iter().enumerate() {
            let dot: f64 = v.iter().filter_map(|(w, x)| c.get(w).map(|y| x * y)).sum();
            let cos = dot / centroids[k].1.max(1e-12);
            if best.is_none_or(|(_, b)| cos > b) {
                best = Some((k, cos));
            }
        }
        let k = match best {
            Some((k, cos)) if cos >= threshold => k,
            _ => {
                centroids.push((HashMap::new(), 0.0));
                centroids.len() - 1
            }
        };
        for (w, x) in v {
            *centroids[k].0.entry(w).or_default() += x;
        }
        centroids[k].1 = centroids[k].0.values().map(|y| y * y).sum::<f64>().sqrt();
        out.insert(id.clone(), format!("b{k}"));
    }
    out
}

/// The baseline's BCubed F1 on each set in its order at each threshold (how
/// [`TFIDF_THRESHOLD`] was chosen).
pub fn tfidf_sweep(sets: &[StorySet]) -> Vec<(f64, Vec<f64>)> {
    (2..=8)
        .map(|k| {
            let th = k as f64 * 0.05;
            (th, sets.iter().map(|s| score(&tfidf_single_pass(&ordered(s, None), th), &s.gold).0.f1).collect())
        })
        .collect()
}

/// A set's documents as the clusterer sees them (built and analysed as ingest does, in the
/// set's order), for trying clusterer settings in memory without a store ([`cluster_with`]).
pub fn features_of(set: &StorySet) -> Result<Vec<storyline::stories::cluster::DocFeatures>, String> {
    use rayon::prelude::*;
    let path = std::env::temp_dir().join(format!("storyline-features-{}-{}.jsonl", set.name, std::process::id()));
    std::fs::write(&path, set.lines.join("\n") + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    let mut raws = Vec::new();
    storyline::sources::read_path(&path, &mut |r| {
        if let Ok(r) = r {
            raws.push(r)
        }
    });
    let _ = std::fs::remove_file(&path);
    Ok(raws
        .into_par_iter()
        .filter_map(|r| storyline::sources::build(r, &Default::default()).ok())
        .map(|a| {
            let mut an = storyline::analysis::analyze(&a);
            an.cluster_words = Some(storyline::stories::cluster_words(&a));
            storyline::stories::features(&a, &an)
        })
        .collect())
}

/// The stories the clusterer alone (no near copies, no store) forms with `cfg` over `feats`
/// in the order `order` gives (indices into `feats`).
pub fn cluster_with(cfg: &storyline::stories::cluster::Config, feats: &[storyline::stories::cluster::DocFeatures], order: &[usize]) -> HashMap<String, String> {
    let mut c = storyline::stories::cluster::Clusterer::new(cfg.clone());
    let mut pred = HashMap::new();
    for &i in order {
        let s = c.add(&feats[i]);
        pred.insert(feats[i].id.clone(), s.to_string());
        for (id, to) in c.take_moves() {
            pred.insert(id, to.to_string());
        }
    }
    pred
}

/// BCubed F1 of `pred` on each of `k` folds of the gold (stories dealt to folds by a hash of
/// their id), each fold scored on its own documents.
pub fn fold_scores(pred: &HashMap<String, String>, gold: &HashMap<String, String>, k: u64) -> Vec<f64> {
    (0..k)
        .map(|f| {
            let g: HashMap<String, String> = gold.iter().filter(|(_, c)| xxhash_rust::xxh3::xxh3_64(c.as_bytes()) % k == f).map(|(a, b)| (a.clone(), b.clone())).collect();
            let p: HashMap<String, String> = pred.iter().filter(|(id, _)| g.contains_key(*id)).map(|(a, b)| (a.clone(), b.clone())).collect();
            score(&p, &g).0.f1
        })
        .collect()
}

/// BCubed F1 of `pred` on each of `k` folds of the gold (as [`fold_scores`]), each document's
/// precision and recall taken on the whole clustering: a story of fold 1 wrongly merged with
/// one of fold 2 counts against both folds, which [`fold_scores`] (each fold scored on its own
/// documents) cannot see. Per fold, the F1 of the mean precision and mean recall of its
/// documents.
pub fn fold_scores_whole(pred: &HashMap<String, String>, gold: &HashMap<String, String>, k: u64) -> Vec<f64> {
    let label = |id: &String| pred.get(id).cloned().unwrap_or_else(|| format!("singleton:{id}"));
    let mut by_pred: HashMap<String, Vec<&String>> = HashMap::new();
    let mut gold_size: HashMap<&String, usize> = HashMap::new();
    for id in gold.keys() {
        by_pred.entry(label(id)).or_default().push(id);
        *gold_size.entry(&gold[id]).or_default() += 1;
    }
    let mut sums = vec![(0.0f64, 0.0f64, 0usize); k as usize];
    for id in gold.keys() {
        let pc = &by_pred[&label(id)];
        let both = pc.iter().filter(|x| gold[**x] == gold[id]).count() as f64;
        let f = (xxhash_rust::xxh3::xxh3_64(gold[id].as_bytes()) % k) as usize;
        sums[f].0 += both / pc.len() as f64;
        sums[f].1 += both / gold_size[&gold[id]] as f64;
        sums[f].2 += 1;
    }
    sums.into_iter()
        .map(|(p, r, n)| {
            let (p, r) = (p / n.max(1) as f64, r / n.max(1) as f64);
            if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
        })
        .collect()
}

/// The order of a set's documents shuffled by `seed` (indices), for [`cluster_with`].
pub fn order(n: usize, seed: Option<u64>) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    if let Some(seed) = seed {
        shuffle(&mut v, seed);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_one_order() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        let mut c: Vec<u32> = (0..50).collect();
        shuffle(&mut c, 8);
        assert_ne!(a, c);
        a.sort();
        assert_eq!(a, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn bcubed_and_pairwise_by_hand() {
        let g: HashMap<String, String> = [("a", "x"), ("b", "x"), ("c", "y")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let perfect = g.clone();
        let (b, p) = score(&perfect, &g);
        assert_eq!((b.f1, p.f1), (1.0, 1.0));
        let lumped: HashMap<String, String> = g.keys().map(|k| (k.clone(), "one".to_string())).collect();
        let (b, p) = score(&lumped, &g);
        assert!((b.recall - 1.0).abs() < 1e-9 && (b.precision - 5.0 / 9.0).abs() < 1e-9);
        assert!((p.precision - 1.0 / 3.0).abs() < 1e-9 && (p.recall - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_merge_across_folds_counts_on_the_whole() {
        // two stories dealt to different folds of two, wrongly merged into one
        let fold = |c: &str| xxhash_rust::xxh3::xxh3_64(c.as_bytes()) % 2;
        let names: Vec<String> = (0..20).map(|i| format!("story {i}")).collect();
        let a = names.iter().find(|c| fold(c) == 0).unwrap();
        let b = names.iter().find(|c| fold(c) == 1).unwrap();
        let g: HashMap<String, String> = [("a1", a), ("a2", a), ("b1", b), ("b2", b)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let merged: HashMap<String, String> = g.keys().map(|k| (k.clone(), "one".to_string())).collect();
        assert_eq!(fold_scores(&merged, &g, 2), vec![1.0, 1.0]);
        let whole = fold_scores_whole(&merged, &g, 2);
        assert!(whole.iter().all(|&f| (f - 2.0 / 3.0).abs() < 1e-9), "{whole:?}");
        assert_eq!(fold_scores_whole(&g, &g, 2), vec![1.0, 1.0]);
    }
}
