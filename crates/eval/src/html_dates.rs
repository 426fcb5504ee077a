//! Publication dates of HTML pages (`eval/html/`, htmldate's benchmark): exact-day accuracy
//! over all pages (no prediction = wrong), coverage and same-month accuracy. Pages are read
//! through the same path as `storyline ingest`, from the file alone (no URL).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use storyline::sources::{self, BuildOptions};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub pages: usize,
    pub exact: usize,
    pub accuracy: f64,
    pub coverage: f64,
    pub same_month: f64,
    pub pages_per_s: f64,
    pub threads: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub page: String,
    pub gold: String,
    pub predicted: Option<String>,
}

pub fn run(dir: &Path, keep_misses: bool) -> Result<Figures, String> {
    crate::require_dir(dir, "html (dates)")?;
    let gold_path = dir.join("gold.json");
    let gold: HashMap<String, String> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let pages = crate::pages(&dir.join("pages")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let started = std::time::Instant::now();
    let found: HashMap<String, Option<String>> = pages
        .par_iter()
        .map(|p| {
            let date = sources::read_articles(p, &BuildOptions::default())
                .into_iter()
                .next()
                .and_then(|r| r.ok())
                .and_then(|a| a.published)
                .map(|d| d.to_string());
            (crate::page_key(p), date)
        })
        .collect();
    let secs = started.elapsed().as_secs_f64();
    let mut f = Figures { pages: gold.len(), threads: rayon::current_num_threads(), ..Default::default() };
    let (mut covered, mut month) = (0, 0);
    let mut keys: Vec<&String> = gold.keys().collect();
    keys.sort();
    for k in keys {
        let g = &gold[k];
        let p = found.get(k).cloned().flatten();
        if let Some(p) = &p {
            covered += 1;
            if p == g {
                f.exact += 1;
            }
            if p.get(..7) == g.get(..7) {
                month += 1;
            }
        }
        if keep_misses && p.as_deref() != Some(g.as_str()) {
            f.misses.push(Miss { page: k.clone(), gold: g.clone(), predicted: p });
        }
    }
    let n = f.pages.max(1) as f64;
    f.accuracy = f.exact as f64 / n;
    f.coverage = covered as f64 / n;
    f.same_month = month as f64 / n;
    f.pages_per_s = pages.len() as f64 / secs.max(1e-9);
    Ok(f)
}
