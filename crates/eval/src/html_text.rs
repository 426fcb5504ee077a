//! Main-text extraction on trafilatura's evaluation pages (`eval/html_text/`): the share of
//! `with` snippets found and `without` snippets absent, and trafilatura's micro P/R/acc/F1.
//! Mirrors `html_text/score.py`: whitespace runs → one space, plain substring match.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline::sources::html::extract::{self as extract, BlockModel, BlockTraining, N_BLOCK_FEATURES as N};
use storyline::sources::{self, BuildOptions};

/// Which block decisions are scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Blocks {
    /// The extractor as shipped: the rules, then the shipped block model.
    #[default]
    Shipped,
    /// The rules alone (no block model).
    Rules,
    /// With `folds` K ≥ 2: each fold of sites read with a block model trained on the other
    /// folds' pages (held-out figures; K = 2 trains on one half and tests on the other, then
    /// the other way round).
    CrossFit,
}

/// How the block model is trained (the shipped one and the cross-fitted ones alike).
pub const TRAINING: BlockTraining = BlockTraining { rounds: 80, depth: 3, rate: 0.2, margin: 2.0 };

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
pub fn run(dir: &Path, keep_misses: bool, folds: usize, blocks: Blocks, training: BlockTraining) -> Result<Figures, String> {
    let exp = expectations(dir)?;
    let pages = crate::pages(&dir.join("pages")).map_err(|e| format!("{}: {e}", dir.display()))?;
    if blocks == Blocks::CrossFit && folds < 2 {
        return Err("--blocks cross needs --folds K (K >= 2): each fold is read with a model trained on the others".into());
    }
    // the model each page is read with, when not the shipped one
    let fold_of = |p: &Path| {
        let k = crate::page_key(p);
        crate::site_fold(exp.get(&k).and_then(|e| e.url.as_deref()), &k, folds)
    };
    let models: Vec<BlockModel> = if blocks == Blocks::CrossFit {
        let rows = labelled_blocks(&pages, &exp, |p| Some(fold_of(p)));
        (0..folds)
            .map(|f| {
                let (xs, ys): (Vec<[f32; N]>, Vec<bool>) = rows.iter().filter(|r| r.0 != f).map(|r| (r.1, r.2)).unzip();
                extract::train_blocks(&xs, &ys, training)
            })
            .collect()
    } else {
        Vec::new()
    };
    let started = std::time::Instant::now();
    let texts: HashMap<String, Option<String>> = pages
        .par_iter()
        .map(|p| {
            let text = match blocks {
                Blocks::Shipped => sources::read_articles(p, &BuildOptions::default()).into_iter().next().and_then(|r| r.ok()).map(|a| a.text),
                Blocks::Rules => page_html(p).ok().and_then(|h| extract::extract_with(&h, None, None).ok()).map(|d| d.text),
                Blocks::CrossFit => page_html(p).ok().and_then(|h| extract::extract_with(&h, None, Some(&models[fold_of(p)])).ok()).map(|d| d.text),
            };
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

fn expectations(dir: &Path) -> Result<HashMap<String, Expect>, String> {
    crate::require_dir(dir, "html_text")?;
    let exp_path = dir.join("expectations.json");
    serde_json::from_str(&std::fs::read_to_string(&exp_path).map_err(|e| format!("{}: {e}", exp_path.display()))?)
        .map_err(|e| format!("{}: {e}", exp_path.display()))
}

/// Every block of one page with its drop reason and elements (`extract::explain`).
pub fn explain(path: &Path) -> Result<Vec<(String, u8, String)>, String> {
    Ok(extract::explain(&page_html(path)?))
}

/// A page decoded as the extractor reads it (gzip, charset).
fn page_html(path: &Path) -> Result<String, String> {
    let mut html = None;
    sources::read_path(path, &mut |r| {
        if let Ok(raw) = r
            && let sources::RawBody::Html { bytes, charset } = &raw.body
        {
            html = Some(sources::html::decode_html(bytes, charset.as_deref()));
        }
    });
    html.ok_or_else(|| format!("{}: not an HTML page", path.display()))
}

/// The labels of a page's blocks from its snippets: a block that holds a `with` snippet (or,
/// for a snippet no block holds whole, a block of 15 characters or more that the snippet
/// holds) is body; the same with a `without` snippet, boilerplate; a block both ways is left
/// out, and so is every block no snippet touches.
pub fn block_labels(texts: &[String], with: &[String], without: &[String]) -> Vec<Option<bool>> {
    let normed: Vec<String> = texts.iter().map(|t| norm(t)).collect();
    let mut lab: Vec<Option<bool>> = vec![None; texts.len()];
    let mut conflict = vec![false; texts.len()];
    for (snips, val) in [(with, true), (without, false)] {
        for s in snips {
            let s = norm(s);
            if s.is_empty() {
                continue;
            }
            let mut hits: Vec<usize> = (0..normed.len()).filter(|&i| normed[i].contains(&s)).collect();
            if hits.is_empty() {
                hits = (0..normed.len()).filter(|&i| normed[i].chars().count() >= 15 && s.contains(&normed[i])).collect();
            }
            for h in hits {
                match lab[h] {
                    None => lab[h] = Some(val),
                    Some(v) if v != val => conflict[h] = true,
                    _ => {}
                }
            }
        }
    }
    lab.into_iter().zip(conflict).map(|(l, c)| if c { None } else { l }).collect()
}

/// The labelled blocks of every page: (group, features, is body), the group given by `group`
/// (a fold; pages it gives `None` are left out).
fn labelled_blocks(pages: &[PathBuf], exp: &HashMap<String, Expect>, group: impl Fn(&Path) -> Option<usize> + Sync) -> Vec<(usize, [f32; N], bool)> {
    pages
        .par_iter()
        .flat_map_iter(|p| {
            let mut out = Vec::new();
            if let (Some(g), Some(e), Ok(html)) = (group(p), exp.get(&crate::page_key(p)), page_html(p)) {
                let blocks = extract::page_blocks(&html);
                let texts: Vec<String> = blocks.iter().map(|b| b.0.clone()).collect();
                for (b, l) in blocks.iter().zip(block_labels(&texts, &e.with, &e.without)) {
                    if let Some(l) = l {
                        out.push((g, b.1, l));
                    }
                }
            }
            out
        })
        .collect()
}

/// Developers: every labelled block of every page as TSV (page, fold of 5 sites, fold of 2,
/// label, features, owner chain, text), for trying models outside.
pub fn dump_blocks(dir: &Path, file: &Path) -> Result<usize, String> {
    use std::fmt::Write as _;
    let exp = expectations(dir)?;
    let pages = crate::pages(&dir.join("pages")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let rows: Vec<String> = pages
        .par_iter()
        .map(|p| {
            let mut out = String::new();
            let k = crate::page_key(p);
            if let (Some(e), Ok(html)) = (exp.get(&k), page_html(p)) {
                let blocks = extract::page_blocks(&html);
                let texts: Vec<String> = blocks.iter().map(|b| b.0.clone()).collect();
                let (f5, f2) = (crate::site_fold(e.url.as_deref(), &k, 5), crate::site_fold(e.url.as_deref(), &k, 2));
                for (i, (b, l)) in blocks.iter().zip(block_labels(&texts, &e.with, &e.without)).enumerate() {
                    let l = match l { Some(true) => 1, Some(false) => 0, None => -1 };
                    let _ = write!(out, "{k}\t{i}\t{f5}\t{f2}\t{l}");
                    for v in b.1 {
                        let _ = write!(out, "\t{v}");
                    }
                    let clean = |s: &str| s.replace(['\t', '\n'], " ");
                    let _ = writeln!(out, "\t{}\t{}", clean(&b.2), clean(&b.0.chars().take(200).collect::<String>()));
                }
            }
            out
        })
        .collect();
    std::fs::write(file, rows.concat()).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(rows.len())
}

/// What `--train-blocks` learned: the model and its training set's size.
pub struct Trained {
    pub model: BlockModel,
    pub body: usize,
    pub boilerplate: usize,
    pub pages: usize,
}

/// Train the block model on every page of `dir` (what is shipped in `data/html/`).
pub fn train(dir: &Path, training: BlockTraining) -> Result<Trained, String> {
    let exp = expectations(dir)?;
    let pages = crate::pages(&dir.join("pages")).map_err(|e| format!("{}: {e}", dir.display()))?;
    let rows = labelled_blocks(&pages, &exp, |_| Some(0));
    let (xs, ys): (Vec<[f32; N]>, Vec<bool>) = rows.iter().map(|r| (r.1, r.2)).unzip();
    let model = extract::train_blocks(&xs, &ys, training);
    let body = ys.iter().filter(|&&y| y).count();
    Ok(Trained { model, body, boilerplate: ys.len() - body, pages: pages.len() })
}

/// `--bodies`: the whole text, as the article-extraction benchmarks score it (word 4-gram
/// shingles of the extracted text against the article body, precision and recall per page,
/// averaged over pages), which the snippets cannot measure: a headline, a caption or a "read
/// also" line left in the text costs precision there even when no snippet names it. The gold
/// body is the page's own JSON-LD `articleBody` (schema.org's article body: no headline, no
/// byline), on the pages of both HTML folders whose body is whole (at least `BODY_MIN`
/// characters, not ending in an ellipsis: a teaser is not a body); every JSON-LD script is
/// cut from the page before it is read, so the extractor cannot fall back on the gold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Bodies {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Per page (worst F1 first): key, P, R, F1.
    pub per_page: Vec<(String, f64, f64, f64)>,
    /// With `--folds K`: mean F1 of each fold of sites, and their spread.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<(usize, f64)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fold_f1: Option<crate::Spread>,
}

/// The shortest JSON-LD `articleBody` (characters, tags stripped) taken as a whole body.
pub const BODY_MIN: usize = 1000;

/// Score the extracted text against the pages' JSON-LD bodies: `dirs` are the html_text and
/// html folders (a page in both is read once), `urls` their pages' URLs (for the folds).
pub fn bodies(dirs: &[PathBuf], urls: &HashMap<String, String>, folds: usize) -> Result<Bodies, String> {
    let mut pages: Vec<PathBuf> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for d in dirs {
        for p in crate::pages(&d.join("pages")).map_err(|e| format!("{}: {e}", d.display()))? {
            if seen.insert(crate::page_key(&p)) {
                pages.push(p);
            }
        }
    }
    let mut rows: Vec<(String, f64, f64, f64)> = pages
        .par_iter()
        .filter_map(|p| {
            let html = page_html(p).ok()?;
            let (body, stripped) = ld_body(&html)?;
            let gold = shingles(&body);
            let text = extract::extract(&stripped, None).map(|d| d.text).unwrap_or_default();
            let pred = shingles(&text);
            let tp = gold.intersection(&pred).count() as f64;
            let (pr, rc) = (if pred.is_empty() { 0.0 } else { tp / pred.len() as f64 }, tp / gold.len().max(1) as f64);
            let f1 = if pr + rc > 0.0 { 2.0 * pr * rc / (pr + rc) } else { 0.0 };
            Some((crate::page_key(p), pr, rc, f1))
        })
        .collect();
    rows.sort_by(|a, b| a.3.total_cmp(&b.3).then_with(|| a.0.cmp(&b.0)));
    let n = rows.len().max(1) as f64;
    let mut f = Bodies {
        pages: rows.len(),
        precision: rows.iter().map(|r| r.1).sum::<f64>() / n,
        recall: rows.iter().map(|r| r.2).sum::<f64>() / n,
        f1: rows.iter().map(|r| r.3).sum::<f64>() / n,
        ..Default::default()
    };
    if folds > 1 {
        let mut sums = vec![(0usize, 0.0f64); folds];
        for r in &rows {
            let s = &mut sums[crate::site_fold(urls.get(&r.0).map(String::as_str), &r.0, folds)];
            s.0 += 1;
            s.1 += r.3;
        }
        f.folds = sums.iter().map(|&(k, s)| (k, if k == 0 { 0.0 } else { s / k as f64 })).collect();
        f.fold_f1 = Some(crate::Spread::of(&f.folds.iter().map(|x| x.1).collect::<Vec<_>>()));
    }
    f.per_page = rows;
    Ok(f)
}

/// The page's longest JSON-LD `articleBody` as text (tags stripped, entities decoded, twice
/// when the body was escaped HTML), when it is a whole body, and the page without its JSON-LD
/// scripts.
fn ld_body(html: &str) -> Option<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let (mut best, mut stripped, mut at) = (String::new(), String::with_capacity(html.len()), 0);
    let mut from = 0;
    while let Some(i) = lower[from..].find("<script") {
        let start = from + i;
        let Some(gt) = lower[start..].find('>').map(|g| start + g + 1) else { break };
        let Some(end) = lower[gt..].find("</script").map(|e| gt + e) else { break };
        from = end + 8;
        if !lower[start..gt].contains("ld+json") {
            continue;
        }
        stripped.push_str(&html[at..start]);
        at = from;
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(html[gt..end].trim()) {
            let mut found = Vec::new();
            article_bodies(&v, &mut found, 0);
            for b in found {
                if b.len() > best.len() {
                    best = b;
                }
            }
        }
    }
    stripped.push_str(&html[at..]);
    let mut body = fragment_text(&best);
    if body.contains("</") || body.contains("<p") || body.contains("<br") {
        body = fragment_text(&body);
    }
    let body = body.trim().to_string();
    (body.chars().count() >= BODY_MIN && !body.ends_with('…') && !body.ends_with("...")).then_some((body, stripped))
}

fn article_bodies(v: &serde_json::Value, out: &mut Vec<String>, depth: usize) {
    if depth > 20 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| article_bodies(x, out, depth + 1)),
        serde_json::Value::Object(o) => {
            for (k, x) in o {
                match x {
                    serde_json::Value::String(s) if k == "articleBody" => out.push(s.clone()),
                    _ => article_bodies(x, out, depth + 1),
                }
            }
        }
        _ => {}
    }
}

/// The text of an HTML fragment: tags dropped (a block tag is a line break), entities decoded.
fn fragment_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    let frag = scraper::Html::parse_fragment(&s.replace("</p>", "</p>\n").replace("<br", "\n<br"));
    frag.root_element().text().collect()
}

/// The word 4-grams of a text, as the article-extraction benchmark's scorer takes them
/// (`\w+` tokens, a set).
fn shingles(text: &str) -> std::collections::HashSet<[&str; 4]> {
    let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    let mut out = std::collections::HashSet::new();
    if words.len() < 4 {
        if !words.is_empty() {
            let mut g = [""; 4];
            g[..words.len()].copy_from_slice(&words);
            out.insert(g);
        }
        return out;
    }
    for w in words.windows(4) {
        out.insert([w[0], w[1], w[2], w[3]]);
    }
    out
}

/// Every page's URL: html_text's `expectations.json` and, when given, the html folder's
/// `urls.json`.
pub fn page_urls(dir: &Path, dates: Option<&Path>) -> Result<HashMap<String, String>, String> {
    let mut urls: HashMap<String, String> = expectations(dir)?.into_iter().filter_map(|(k, e)| Some((k, e.url?))).collect();
    if let Some(d) = dates {
        let p = d.join("urls.json");
        if let Ok(s) = std::fs::read_to_string(&p) {
            let m: HashMap<String, String> = serde_json::from_str(&s).map_err(|e| format!("{}: {e}", p.display()))?;
            for (k, u) in m {
                urls.entry(k).or_insert(u);
            }
        }
    }
    Ok(urls)
}
