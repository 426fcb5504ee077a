//! Publication dates of HTML pages (`eval/html/`, htmldate's benchmark): exact-day accuracy
//! over all pages (no prediction = wrong), coverage and same-month accuracy. Pages are read
//! through the same path as `storyline ingest`, from the file alone: the URL in `urls.json` is
//! never given to the extractor (the held-out run has none); it only assigns pages to folds of
//! sites. Each page's answer is also attributed to the signal that gave it (`by_source`), so a
//! dependence on one kind of evidence (a date in the canonical link, say) shows.
//!
//! A second, independent set: trafilatura's benchmark pages (`eval/html_text/`) whose
//! annotation has a date and which are not htmldate pages, scored the same way
//! (`run_independent`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline::sources::{self, BuildOptions, RawBody};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub pages: usize,
    pub exact: usize,
    pub accuracy: f64,
    pub coverage: f64,
    pub same_month: f64,
    pub pages_per_s: f64,
    pub threads: usize,
    /// Per signal that gave the answer ("meta", "json-ld", "element", "url" for a date in the
    /// page's canonical link…): pages and pages right.
    pub by_source: BTreeMap<String, SourceCount>,
    /// With `--folds K`: each fold of sites (`crate::site_fold`) and the spread of exact-day
    /// accuracy over them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<Fold>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold_accuracy: Option<crate::Spread>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub misses: Vec<Miss>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SourceCount {
    pub pages: usize,
    pub right: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Fold {
    pub pages: usize,
    pub exact: usize,
    pub covered: usize,
    pub accuracy: f64,
    pub coverage: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub page: String,
    pub gold: String,
    pub predicted: Option<String>,
    pub source: Option<String>,
    /// The registered domain of the page's URL (from `urls.json`), when known.
    pub site: Option<String>,
    /// Every signal that found a date on the page, "name date" (the competing candidates).
    pub candidates: Vec<String>,
    /// Why ingest gave no date although the date finder found one (the page was refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<String>,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// htmldate's set: `dir/gold.json`, `dir/urls.json` (folds only), `dir/pages/`.
pub fn run(dir: &Path, keep_misses: bool, folds: usize) -> Result<Figures, String> {
    crate::require_dir(dir, "html (dates)")?;
    let gold: HashMap<String, String> = read_json(&dir.join("gold.json"))?;
    let urls_path = dir.join("urls.json");
    let urls: HashMap<String, String> = if urls_path.is_file() { read_json(&urls_path)? } else { HashMap::new() };
    let pages = crate::pages(&dir.join("pages")).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(score(&pages, &gold, &urls, keep_misses, folds))
}

#[derive(Deserialize)]
struct Expect {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    meta: Option<HashMap<String, serde_json::Value>>,
}

/// Trafilatura's pages (`text_dir` = `eval/html_text`) annotated with a date that are not
/// htmldate pages (`dates_dir/gold.json`): dates the date finder was not tuned on.
pub fn run_independent(text_dir: &Path, dates_dir: &Path, keep_misses: bool, folds: usize) -> Result<Figures, String> {
    crate::require_dir(text_dir, "html_text")?;
    let exp: HashMap<String, Expect> = read_json(&text_dir.join("expectations.json"))?;
    let htmldate: HashMap<String, String> = read_json(&dates_dir.join("gold.json")).unwrap_or_default();
    let mut gold = HashMap::new();
    let mut urls = HashMap::new();
    for (k, e) in &exp {
        let date = e.meta.as_ref().and_then(|m| m.get("date")).and_then(|d| d.as_str()).unwrap_or("");
        if date.len() < 10 || htmldate.contains_key(k) {
            continue;
        }
        gold.insert(k.clone(), year_month_day(&date[..10]));
        if let Some(u) = &e.url {
            urls.insert(k.clone(), u.clone());
        }
    }
    let pages: Vec<PathBuf> = crate::pages(&text_dir.join("pages"))
        .map_err(|e| format!("{}: {e}", text_dir.display()))?
        .into_iter()
        .filter(|p| gold.contains_key(&crate::page_key(p)))
        .collect();
    Ok(score(&pages, &gold, &urls, keep_misses, folds))
}

/// Two of trafilatura's annotations are written year-day-month ("2022-29-11"): a month over
/// 12 with a day that can be a month is read that way round.
fn year_month_day(d: &str) -> String {
    let (m, day) = (d.get(5..7).and_then(|x| x.parse::<u32>().ok()), d.get(8..10).and_then(|x| x.parse::<u32>().ok()));
    match (m, day) {
        (Some(m), Some(day)) if m > 12 && day <= 12 => format!("{}-{:02}-{:02}", &d[..4], day, m),
        _ => d.to_string(),
    }
}

/// What storyline makes of one page file.
#[derive(Clone, Default)]
struct Found {
    /// The date ingest gives the page.
    date: Option<String>,
    /// The signal the date finder's answer came from.
    source: Option<&'static str>,
    /// Ingest's error when it refused the page.
    refused: Option<String>,
    /// With `--misses`: every signal that found a date.
    candidates: Vec<String>,
}

/// The date storyline gives a page file (as ingest does) and the signal it came from.
fn date_of(path: &Path, keep_misses: bool) -> Found {
    let mut f = Found::default();
    match sources::read_articles(path, &BuildOptions::default()).into_iter().next() {
        Some(Ok(a)) => f.date = a.published.map(|d| d.to_string()),
        Some(Err(e)) => f.refused = Some(e.message),
        None => {}
    }
    sources::read_path(path, &mut |r| {
        if let Ok(raw) = r
            && let RawBody::Html { bytes, charset } = &raw.body
        {
            let html = sources::html::decode_html(bytes, charset.as_deref());
            f.source = sources::html::date::find_date(&html, None).map(|d| d.source);
            if keep_misses {
                let o = sources::html::date::Options::default();
                let s = sources::html::date::signals(&html, None, &o);
                f.candidates = s.named().into_iter().map(|(n, d)| format!("{n} {d}")).collect();
            }
        }
    });
    f
}

fn score(pages: &[PathBuf], gold: &HashMap<String, String>, urls: &HashMap<String, String>, keep_misses: bool, folds: usize) -> Figures {
    let started = std::time::Instant::now();
    let found: HashMap<String, Found> = pages.par_iter().map(|p| (crate::page_key(p), date_of(p, keep_misses))).collect();
    let secs = started.elapsed().as_secs_f64();
    let mut f = Figures { pages: gold.len(), threads: rayon::current_num_threads(), ..Default::default() };
    let mut per_fold = vec![Fold::default(); folds.max(1)];
    let (mut covered, mut month) = (0, 0);
    let mut keys: Vec<&String> = gold.keys().collect();
    keys.sort();
    for k in keys {
        let g = &gold[k];
        let Found { date: p, source, refused, candidates } = found.get(k).cloned().unwrap_or_default();
        let fold = &mut per_fold[crate::site_fold(urls.get(k).map(String::as_str), k, folds)];
        fold.pages += 1;
        if let Some(p) = &p {
            covered += 1;
            fold.covered += 1;
            let s = f.by_source.entry(source.unwrap_or("other").to_string()).or_default();
            s.pages += 1;
            if p == g {
                f.exact += 1;
                fold.exact += 1;
                s.right += 1;
            }
            if p.get(..7) == g.get(..7) {
                month += 1;
            }
        }
        if keep_misses && p.as_deref() != Some(g.as_str()) {
            let site = urls.get(k).and_then(|u| sources::host_of(u));
            f.misses.push(Miss { page: k.clone(), gold: g.clone(), predicted: p, source: source.map(str::to_string), site, candidates, refused });
        }
    }
    let n = f.pages.max(1) as f64;
    f.accuracy = f.exact as f64 / n;
    f.coverage = covered as f64 / n;
    f.same_month = month as f64 / n;
    f.pages_per_s = pages.len() as f64 / secs.max(1e-9);
    if folds > 1 {
        for x in per_fold.iter_mut() {
            x.accuracy = x.exact as f64 / x.pages.max(1) as f64;
            x.coverage = x.covered as f64 / x.pages.max(1) as f64;
        }
        f.fold_accuracy = Some(crate::Spread::of(&per_fold.iter().map(|x| x.accuracy).collect::<Vec<_>>()));
        f.folds = per_fold;
    }
    f
}
