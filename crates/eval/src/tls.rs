//! Timeline summarisation on Timeline17 dev (`tls/`: bpoil, H1N1, haiti; README there), in the
//! standard setting of news-tls and tilse: for each gold timeline, the articles of its topic
//! published within its span are ingested into a fresh store, and `storyline timeline` over
//! them gives as many dates as the gold has, and as many sentences a date as it has on
//! average. The timelines are scored by the set's own scorer (`tls/score_timelines.py`, run
//! with `python3`): date F1, concat, agreement and alignment-based (align+ m:1) ROUGE-1/2.
//!
//! Beside it, the baseline the issue measured: every story's own dossier timeline, pooled —
//! the days with the most sources, each with its best-sourced entries.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use storyline::dossier::tls::{Options, Weights};
use storyline::store::LinkStore;

#[derive(Deserialize)]
pub struct Meta {
    pub topic: String,
    /// The timeline's language (ML-Crisis; Timeline17 has none).
    #[serde(default)]
    pub lang: Option<String>,
    pub n_dates: usize,
    pub k_avg_sents_per_date: usize,
    pub first_date: String,
    pub last_date: String,
}

/// One system's figures: F1 of date selection and of ROUGE-1/2 (align+ m:1 and concat).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub date_f1: f64,
    pub align_r1: f64,
    pub align_r2: f64,
    pub concat_r1: f64,
    pub concat_r2: f64,
    /// Per gold timeline: (key, date F1, align R-1 F, align R-2 F).
    pub per_timeline: Vec<(String, f64, f64, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TlsFigures {
    pub timelines: usize,
    pub storyline: Figures,
    pub pooled_stories: Option<Figures>,
    pub seconds: f64,
}

/// A system's timelines, as the scorer reads them.
type System = BTreeMap<String, Vec<serde_json::Value>>;

/// The stores of the gold timelines' spans: (key, meta, store, article ids), built once.
pub struct Spans {
    pub dir: PathBuf,
    /// The scorer's gold file (the set's `gold.json` unless narrowed).
    pub gold: PathBuf,
    pub items: Vec<(String, Meta, storyline::store::sqlite::SqliteStore, Vec<String>)>,
}

/// Ingest each gold timeline's span of its topic's articles (in publication order).
pub fn load(dir: &Path) -> Result<Spans, String> {
    load_with(dir, &|_, m| Some(format!("{}.jsonl", m.topic)))
}

/// [`load`], the articles of a gold timeline read from `articles/<file_of(key, meta)>`; a
/// timeline whose `file_of` is None is left out.
pub fn load_with(dir: &Path, file_of: &dyn Fn(&str, &Meta) -> Option<String>) -> Result<Spans, String> {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()));
    let meta: BTreeMap<String, Meta> = serde_json::from_str(&read("meta.json")?).map_err(|e| format!("tls/meta.json: {e}"))?;
    let tmp = std::env::temp_dir().join(format!("storyline-tls-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    let mut items = Vec::new();
    for (key, m) in meta {
        let Some(name) = file_of(&key, &m) else { continue };
        let file = dir.join("articles").join(name);
        let data = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut lines: Vec<(String, String)> = Vec::new();
        let mut ids = Vec::new();
        for l in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(l).map_err(|e| format!("{}: {e}", file.display()))?;
            let day = v["published"].as_str().unwrap_or("").get(..10).unwrap_or("").to_string();
            if day.as_str() >= m.first_date.as_str() && day.as_str() <= m.last_date.as_str() {
                ids.push(v["id"].as_str().unwrap_or("").to_string());
                lines.push((day, l.to_string()));
            }
        }
        lines.sort_by(|a, b| a.0.cmp(&b.0));
        let path = tmp.join(format!("{}.jsonl", key.replace('/', "_")));
        std::fs::write(&path, lines.iter().map(|l| l.1.as_str()).collect::<Vec<_>>().join("\n")).map_err(|e| e.to_string())?;
        let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
        storyline::ingest::ingest(&mut store, std::slice::from_ref(&path), &Default::default(), &mut storyline::ingest::Silent).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&path);
        items.push((key, m, store, ids));
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(Spans { dir: dir.to_path_buf(), gold: dir.join("gold.json"), items })
}

fn day(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// storyline's timelines with these weights.
pub fn storyline_system(spans: &Spans, weights: &Weights) -> Result<System, String> {
    let mut sys = System::new();
    for (key, m, store, ids) in &spans.items {
        let o = Options { from: day(&m.first_date), to: day(&m.last_date), max_dates: Some(m.n_dates), per_date: Some(m.k_avg_sents_per_date), weights: weights.clone() };
        let tl = storyline::dossier::tls::timeline(store, ids, &o).map_err(|e| e.to_string())?;
        sys.insert(key.clone(), tl.into_iter().map(|e| serde_json::json!({"date": e.date, "text": e.text})).collect());
    }
    Ok(sys)
}

/// The pooled per-story baseline: every story's dossier timeline, days ranked by their
/// entries' sources, the best-sourced entries of each.
pub fn pooled_system(spans: &Spans) -> Result<System, String> {
    let mut sys = System::new();
    for (key, m, store, _) in &spans.items {
        let (from, to) = (day(&m.first_date), day(&m.last_date));
        let mut by_day: BTreeMap<chrono::NaiveDate, Vec<(usize, String)>> = BTreeMap::new();
        for s in store.stories().map_err(|e| e.to_string())? {
            let Some(d) = storyline::dossier::build(store, s.id).map_err(|e| e.to_string())? else { continue };
            for e in d.timeline {
                let Some(x) = day(&e.date).filter(|_| e.date.len() == 10) else { continue };
                if from.is_some_and(|f| x < f) || to.is_some_and(|t| x > t) {
                    continue;
                }
                by_day.entry(x).or_default().push((e.sources.len(), e.text));
            }
        }
        let mut days: Vec<(chrono::NaiveDate, usize)> = by_day.iter().map(|(d, v)| (*d, v.iter().map(|e| e.0).sum())).collect();
        days.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        days.truncate(m.n_dates);
        let mut out = Vec::new();
        for (d, _) in days {
            let mut v = by_day.remove(&d).unwrap_or_default();
            v.sort_by(|a, b| b.0.cmp(&a.0));
            for (_, text) in v.into_iter().take(m.k_avg_sents_per_date) {
                out.push(serde_json::json!({"date": d.to_string(), "text": text}));
            }
        }
        sys.insert(key.clone(), out);
    }
    Ok(sys)
}

/// Score a system's timelines with the set's scorer.
pub fn score(spans: &Spans, sys: &System) -> Result<Figures, String> {
    let file = std::env::temp_dir().join(format!("storyline-tls-system-{}-{}.json", std::process::id(), sys.len()));
    std::fs::write(&file, serde_json::to_string(sys).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let scorer = spans.dir.join("score_timelines.py");
    let out = std::process::Command::new("python3")
        .arg(&scorer)
        .arg(&spans.gold)
        .arg(&file)
        .arg("--json")
        .output()
        .map_err(|e| format!("cannot run python3 {}: {e}", scorer.display()))?;
    let _ = std::fs::remove_file(&file);
    if !out.status.success() {
        return Err(format!("{}: {}", scorer.display(), String::from_utf8_lossy(&out.stderr)));
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("{}: {e}", scorer.display()))?;
    let f = |x: &serde_json::Value| x["f_score"].as_f64().unwrap_or(0.0);
    let per_timeline = v["per_timeline"]
        .as_object()
        .map(|o| o.iter().map(|(k, r)| (k.clone(), f(&r["date"]), f(&r["align_m1"]["rouge_1"]), f(&r["align_m1"]["rouge_2"]))).collect())
        .unwrap_or_default();
    Ok(Figures {
        date_f1: f(&v["date"]),
        align_r1: f(&v["align_m1"]["rouge_1"]),
        align_r2: f(&v["align_m1"]["rouge_2"]),
        concat_r1: f(&v["concat"]["rouge_1"]),
        concat_r2: f(&v["concat"]["rouge_2"]),
        per_timeline,
    })
}

/// storyline and (with `baseline`) the pooled per-story baseline on every dev timeline.
pub fn run(dir: &Path, baseline: bool) -> Result<TlsFigures, String> {
    let t = std::time::Instant::now();
    let spans = load(dir)?;
    let storyline = score(&spans, &storyline_system(&spans, &Weights::default())?)?;
    let pooled_stories = if baseline { Some(score(&spans, &pooled_system(&spans)?)?) } else { None };
    Ok(TlsFigures { timelines: spans.items.len(), storyline, pooled_stories, seconds: t.elapsed().as_secs_f64() })
}
