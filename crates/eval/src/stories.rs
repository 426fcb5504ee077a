//! Story clustering on ECB+ dev (`stories/ecbplus-dev.jsonl`, gold = `event`): the documents
//! are ingested as `{id, text}` in file order (or shuffled with a seed, to see how much the
//! stories depend on arrival order), exactly as `storyline ingest` would, and the stories it
//! forms are scored with BCubed and pairwise P/R/F1. Documents missing from the output count
//! as singletons.

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
}

#[derive(Deserialize)]
struct Doc {
    id: String,
    event: String,
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
    run(file, None)
}

/// [`ecb`] with the documents in an order shuffled by `seed` (the same seed, the same order).
pub fn ecb_shuffled(file: &Path, seed: u64) -> Result<StoryFigures, String> {
    run(file, Some(seed))
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

fn run(file: &Path, seed: Option<u64>) -> Result<StoryFigures, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut lines: Vec<&str> = data.lines().filter(|l| !l.trim().is_empty()).collect();
    let docs: Vec<Doc> = lines.iter().map(|l| serde_json::from_str(l)).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))?;
    let gold: HashMap<String, String> = docs.iter().map(|d| (d.id.clone(), d.event.clone())).collect();
    // a shuffled copy goes through the same ingest, from a file of its own
    let shuffled = match seed {
        None => None,
        Some(seed) => {
            shuffle(&mut lines, seed);
            let path = std::env::temp_dir().join(format!("storyline-ecb-{}-{seed}.jsonl", std::process::id()));
            std::fs::write(&path, lines.join("\n") + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
            Some(path)
        }
    };
    let input = shuffled.clone().unwrap_or_else(|| file.to_path_buf());
    let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
    let t = std::time::Instant::now();
    let ingested = storyline::ingest::ingest(&mut store, &[input], &Default::default(), &mut storyline::ingest::Silent).map_err(|e| e.to_string());
    if let Some(p) = &shuffled {
        let _ = std::fs::remove_file(p);
    }
    ingested?;
    let seconds = t.elapsed().as_secs_f64();
    let stories = store.stories().map_err(|e| e.to_string())?;
    let pred: HashMap<String, String> =
        stories.iter().flat_map(|s| s.articles.iter().map(move |a| (a.clone(), s.id.to_string()))).collect();
    let (bcubed, pairwise) = score(&pred, &gold);
    let gold_stories = gold.values().collect::<std::collections::HashSet<_>>().len();
    Ok(StoryFigures { docs: docs.len(), gold_stories, stories: stories.len(), bcubed, pairwise, seconds, shuffle_seed: seed })
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
}
