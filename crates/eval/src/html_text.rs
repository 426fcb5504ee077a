//! Main-text extraction on trafilatura's evaluation pages (`eval/html_text/`): the share of
//! `with` snippets found and `without` snippets absent, and trafilatura's micro P/R/acc/F1.
//! Mirrors `html_text/score.py`: whitespace runs → one space, plain substring match.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline::sources::{self, BuildOptions};

#[derive(Deserialize)]
struct Expect {
    with: Vec<String>,
    without: Vec<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub pages: usize,
    pub failed_pages: usize,
    pub with_found: f64,
    pub without_absent: f64,
    pub mean: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    /// Pages per second over all threads, and per thread.
    pub pages_per_s: f64,
    pub threads: usize,
    /// Per page: (key, missed `with`, leaked `without`), for pages with any error.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<PageMiss>,
    /// With `--folds K`: the figures of each fold of sites (`crate::site_fold`), and their spread.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<Fold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold_mean: Option<crate::Spread>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold_f1: Option<crate::Spread>,
}

/// One fold of sites: its pages and their snippet figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fold {
    pub pages: usize,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    pub mean: f64,
    pub f1: f64,
}

impl Fold {
    fn finish(&mut self) {
        let (with_found, without_absent, f1) = shares(self.tp, self.fp, self.fn_, self.tn);
        self.mean = (with_found + without_absent) / 2.0;
        self.f1 = f1;
    }
}

/// with_found, without_absent and F1 of snippet counts.
fn shares(tp: usize, fp: usize, fn_: usize, tn: usize) -> (f64, f64, f64) {
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (div(tp, tp + fn_), div(tn, tn + fp), div(2 * tp, 2 * tp + fp + fn_))
}

#[derive(Debug, Clone, Serialize)]
pub struct PageMiss {
    pub page: String,
    pub missed: Vec<String>,
    pub leaked: Vec<String>,
}

pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Run the extractor over every page of `dir` and score it; with `folds` > 1, also per fold
/// of sites.
pub fn run(dir: &Path, keep_misses: bool, folds: usize) -> Result<Figures, String> {
    crate::require_dir(dir, "html_text")?;
    let exp_path = dir.join("expectations.json");
    let exp: HashMap<String, Expect> = serde_json::from_str(
        &std::fs::read_to_string(&exp_path).map_err(|e| format!("{}: {e}", exp_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", exp_path.display()))?;
    let pages = crate::pages(&dir.join("pages")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let started = std::time::Instant::now();
    let texts: HashMap<String, Option<String>> = pages
        .par_iter()
        .map(|p| {
            let text = sources::read_articles(p, &BuildOptions::default())
                .into_iter()
                .next()
                .and_then(|r| r.ok())
                .map(|a| a.text);
            (crate::page_key(p), text)
        })
        .collect();
    let secs = started.elapsed().as_secs_f64();
    let mut f = Figures { pages: exp.len(), threads: rayon::current_num_threads(), ..Default::default() };
    let mut per_fold = vec![Fold::default(); folds.max(1)];
    let mut keys: Vec<&String> = exp.keys().collect();
    keys.sort();
    for k in keys {
        let e = &exp[k];
        let text = texts.get(k).cloned().flatten();
        if text.is_none() {
            f.failed_pages += 1;
        }
        let t = norm(text.as_deref().unwrap_or(""));
        let missed: Vec<String> = e.with.iter().filter(|w| !t.contains(&norm(w))).cloned().collect();
        let leaked: Vec<String> = e.without.iter().filter(|w| t.contains(&norm(w))).cloned().collect();
        f.tp += e.with.len() - missed.len();
        f.fn_ += missed.len();
        f.fp += leaked.len();
        f.tn += e.without.len() - leaked.len();
        let fold = &mut per_fold[crate::site_fold(e.url.as_deref(), k, folds)];
        fold.pages += 1;
        fold.tp += e.with.len() - missed.len();
        fold.fn_ += missed.len();
        fold.fp += leaked.len();
        fold.tn += e.without.len() - leaked.len();
        if keep_misses && (!missed.is_empty() || !leaked.is_empty()) {
            f.misses.push(PageMiss { page: k.clone(), missed, leaked });
        }
    }
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (f.with_found, f.without_absent, f.f1) = shares(f.tp, f.fp, f.fn_, f.tn);
    f.mean = (f.with_found + f.without_absent) / 2.0;
    f.precision = div(f.tp, f.tp + f.fp);
    f.recall = f.with_found;
    f.accuracy = div(f.tp + f.tn, f.tp + f.fp + f.fn_ + f.tn);
    if folds > 1 {
        per_fold.iter_mut().for_each(Fold::finish);
        f.fold_mean = Some(crate::Spread::of(&per_fold.iter().map(|x| x.mean).collect::<Vec<_>>()));
        f.fold_f1 = Some(crate::Spread::of(&per_fold.iter().map(|x| x.f1).collect::<Vec<_>>()));
        f.folds = per_fold;
    }
    f.pages_per_s = pages.len() as f64 / secs.max(1e-9);
    Ok(f)
}

/// Every block of one page with its drop reason and elements (`extract::explain`).
pub fn explain(path: &Path) -> Result<Vec<(String, u8, String)>, String> {
    let mut html = None;
    sources::read_path(path, &mut |r| {
        if let Ok(raw) = r
            && let sources::RawBody::Html { bytes, charset } = &raw.body
        {
            html = Some(sources::html::decode_html(bytes, charset.as_deref()));
        }
    });
    let html = html.ok_or_else(|| format!("{}: not an HTML page", path.display()))?;
    Ok(sources::html::extract::explain(&html))
}
