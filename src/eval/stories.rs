//! Story clustering on ECB+ dev (`stories/ecbplus-dev.jsonl`, gold = `event`): the documents
//! are ingested as `{id, text}` in file order, exactly as `storyline ingest` would, and the
//! stories it forms are scored with BCubed and pairwise P/R/F1. Documents missing from the
//! output count as singletons.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::score::Prf;
use crate::store::Store;

#[derive(Debug, Clone, Default, Serialize)]
pub struct StoryFigures {
    pub docs: usize,
    pub gold_stories: usize,
    pub stories: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
    pub seconds: f64,
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
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let docs: Vec<Doc> = data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))?;
    let gold: HashMap<String, String> = docs.iter().map(|d| (d.id.clone(), d.event.clone())).collect();
    let mut store = crate::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
    let t = std::time::Instant::now();
    crate::ingest::ingest(&mut store, &[file.to_path_buf()], &Default::default(), &mut crate::ingest::Silent).map_err(|e| e.to_string())?;
    let seconds = t.elapsed().as_secs_f64();
    let stories = store.stories().map_err(|e| e.to_string())?;
    let pred: HashMap<String, String> =
        stories.iter().flat_map(|s| s.articles.iter().map(move |a| (a.clone(), s.id.to_string()))).collect();
    let (bcubed, pairwise) = score(&pred, &gold);
    let gold_stories = gold.values().collect::<std::collections::HashSet<_>>().len();
    Ok(StoryFigures { docs: docs.len(), gold_stories, stories: stories.len(), bcubed, pairwise, seconds })
}

#[cfg(test)]
mod tests {
    use super::*;

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
