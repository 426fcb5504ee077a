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
    /// Per gold timeline, precision and recall (to average any subset as the scorer does).
    #[serde(skip)]
    pub pr: Vec<TimelinePr>,
}

/// One gold timeline's precision and recall: date, align+ m:1 ROUGE-1 and ROUGE-2.
#[derive(Debug, Clone, Default)]
pub struct TimelinePr {
    pub key: String,
    pub date: (f64, f64),
    pub r1: (f64, f64),
    pub r2: (f64, f64),
}

/// A set of timelines' figures as the scorer averages them (news-tls): mean precision and
/// mean recall over the timelines, F1 of those.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Avg {
    pub date_f1: f64,
    pub align_r1: f64,
    pub align_r2: f64,
}

impl Avg {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a TimelinePr>) -> Avg {
        let rows: Vec<&TimelinePr> = rows.into_iter().collect();
        let n = rows.len().max(1) as f64;
        let f = |get: &dyn Fn(&TimelinePr) -> (f64, f64)| {
            let p = rows.iter().map(|r| get(r).0).sum::<f64>() / n;
            let r = rows.iter().map(|r| get(r).1).sum::<f64>() / n;
            if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
        };
        Avg { date_f1: f(&|r| r.date), align_r1: f(&|r| r.r1), align_r2: f(&|r| r.r2) }
    }

    /// What settings are chosen by: each figure against the published best (Timeline17,
    /// .136 / .044 / .576), summed, so no figure is bought with another.
    pub fn objective(&self) -> f64 {
        self.align_r1 / 0.136 + self.align_r2 / 0.044 + self.date_f1 / 0.576
    }
}

/// The topic of a gold timeline's key: `bpoil_bbc/bbc` → `bpoil`.
pub fn topic_of(key: &str) -> &str {
    key.split(['_', '/']).next().unwrap_or(key)
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
    // developers: the timelines as scored, to read against the gold
    if let Some(path) = std::env::var_os("STORYLINE_TLS_DUMP") {
        std::fs::write(&path, serde_json::to_string_pretty(&sys).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
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
    let pr_of = |x: &serde_json::Value| (x["precision"].as_f64().unwrap_or(0.0), x["recall"].as_f64().unwrap_or(0.0));
    let pr = v["per_timeline"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, r)| TimelinePr { key: k.clone(), date: pr_of(&r["date"]), r1: pr_of(&r["align_m1"]["rouge_1"]), r2: pr_of(&r["align_m1"]["rouge_2"]) })
                .collect()
        })
        .unwrap_or_default();
    Ok(Figures {
        date_f1: f(&v["date"]),
        align_r1: f(&v["align_m1"]["rouge_1"]),
        align_r2: f(&v["align_m1"]["rouge_2"]),
        concat_r1: f(&v["concat"]["rouge_1"]),
        concat_r2: f(&v["concat"]["rouge_2"]),
        per_timeline,
        pr,
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

/// Leave-one-topic-out: for each topic, the settings that do best on the other topics, and
/// what they give on the topic held out.
#[derive(Debug, Clone, Serialize)]
pub struct Folds {
    /// How many settings were tried.
    pub settings: usize,
    /// Per topic, in order.
    pub topics: Vec<Fold>,
    /// The held-out figures of every topic's fold, averaged over all timelines.
    pub held_out: Avg,
    /// The settings chosen on every topic at once: their index and figures.
    pub dev_choice: usize,
    pub dev: Avg,
    /// The default settings' figures.
    pub default: Avg,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fold {
    pub topic: String,
    pub timelines: usize,
    /// The settings chosen on the other topics (index into the tried list).
    pub chosen: usize,
    /// What they give on this topic.
    pub held_out: Avg,
    /// What the settings chosen on every topic (this one too) give on it.
    pub dev: Avg,
    /// What the default settings give on it.
    pub default: Avg,
    /// The best any setting gives on it (chosen on itself).
    pub best: Avg,
}

/// Settings to cross-validate: the defaults, then each weight moved one step either way.
pub fn neighbourhood(w: &Weights) -> Vec<Weights> {
    let mut out = vec![w.clone()];
    let mut push = |f: &dyn Fn(&mut Weights)| {
        let mut x = w.clone();
        f(&mut x);
        out.push(x);
    };
    for k in [0.5f32, 2.0] {
        push(&|x| x.published *= k);
        push(&|x| x.later *= k);
        push(&|x| x.lead_weight *= k);
        push(&|x| x.window = ((x.window as f32) * k) as i64);
        push(&|x| x.own_day = if x.own_day == 0.0 { 0.25 * k } else { x.own_day * k });
        push(&|x| x.shorter = if x.shorter == 0.0 { 0.25 * k } else { x.shorter * k });
        push(&|x| x.fresh = if x.fresh == 0.0 { 0.25 * k } else { x.fresh * k });
        push(&|x| x.early = if x.early == 0.0 { 0.25 * k } else { x.early * k });
        push(&|x| x.centroid_all = if x.centroid_all == 0.0 { 0.25 * k } else { x.centroid_all * k });
        push(&|x| x.spread = if x.spread == 0.0 { 0.25 * k } else { (x.spread * k).min(1.0) });
        push(&|x| x.mmr = if x.mmr == 0.0 { 0.25 * k } else { x.mmr * k });
        push(&|x| x.pair_articles = if x.pair_articles == 0.0 { 0.25 * k } else { (x.pair_articles * k).min(1.0) });
    }
    for k in [0.5f32, 2.0] {
        push(&|x| x.volume = if x.volume == 0.0 { 0.25 * k } else { x.volume * k });
        push(&|x| x.volume_days = ((x.volume_days as f32) * k) as i64);
    }
    push(&|x| x.volume = 0.0);
    push(&|x| x.volume_prior *= 0.5);
    push(&|x| x.volume_prior *= 2.0);
    push(&|x| x.boiler = x.boiler.saturating_sub(1));
    push(&|x| x.boiler = if x.boiler == 0 { 4 } else { 0 });
    push(&|x| x.dateline = !x.dateline);
    push(&|x| x.budget = if x.budget == 0 { 32 } else { x.budget.saturating_sub(4) });
    push(&|x| x.budget += 4);
    push(&|x| x.budget = 0);
    push(&|x| x.repeat -= 0.1);
    push(&|x| x.repeat += 0.1);
    push(&|x| x.lead = x.lead.saturating_sub(1).max(1));
    push(&|x| x.lead += 2);
    push(&|x| x.ahead = 0);
    push(&|x| x.quotes = !x.quotes);
    push(&|x| x.same_day = if x.same_day == 0.0 { 0.5 } else { x.same_day * 0.5 });
    push(&|x| x.many_days = if x.many_days == 0.0 { 0.25 } else { x.many_days * 2.0 });
    for k in [0.5f32, 2.0] {
        push(&|x| x.lead_next = if x.lead_next == 0.0 { 0.5 * k } else { (x.lead_next * k).min(1.0) });
        push(&|x| x.bigrams = if x.bigrams == 0.0 { 0.25 * k } else { (x.bigrams * k).min(1.0) });
    }
    out
}

/// Score every setting once, then fold by topic.
pub fn folds(spans: &Spans, settings: &[Weights]) -> Result<Folds, String> {
    let mut scored = Vec::with_capacity(settings.len());
    for w in settings {
        scored.push(score(spans, &storyline_system(spans, w)?)?.pr);
    }
    Ok(fold(&scored))
}

/// Leave-one-topic-out over per-setting, per-timeline figures (`scored[setting]`).
pub fn fold(scored: &[Vec<TimelinePr>]) -> Folds {
    let mut topics: Vec<String> = scored.first().into_iter().flatten().map(|r| topic_of(&r.key).to_string()).collect();
    topics.sort();
    topics.dedup();
    let avg = |s: usize, keep: &dyn Fn(&str) -> bool| Avg::of(scored[s].iter().filter(|r| keep(topic_of(&r.key))));
    let best = |keep: &dyn Fn(&str) -> bool| {
        (0..scored.len()).map(|s| (s, avg(s, keep).objective())).fold((0, f64::MIN), |b, x| if x.1 > b.1 { x } else { b }).0
    };
    let dev_choice = best(&|_| true);
    let mut folds = Vec::new();
    let mut held: Vec<TimelinePr> = Vec::new();
    for t in &topics {
        let chosen = best(&|x| x != t);
        held.extend(scored[chosen].iter().filter(|r| topic_of(&r.key) == t).cloned());
        let on = |x: &str| x == t;
        folds.push(Fold {
            topic: t.clone(),
            timelines: scored[0].iter().filter(|r| topic_of(&r.key) == t).count(),
            chosen,
            held_out: avg(chosen, &on),
            dev: avg(dev_choice, &on),
            default: avg(0, &on),
            best: avg(best(&on), &on),
        });
    }
    Folds { settings: scored.len(), topics: folds, held_out: Avg::of(&held), dev_choice, dev: avg(dev_choice, &|_| true), default: avg(0, &|_| true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: &str, x: f64) -> TimelinePr {
        TimelinePr { key: key.into(), date: (x, x), r1: (x, x), r2: (x, x) }
    }

    #[test]
    fn a_topic_is_scored_with_the_settings_the_other_topics_chose() {
        // setting 1 is best on bpoil and haiti, setting 2 on H1N1
        let scored = vec![
            vec![row("bpoil_bbc/bbc", 0.2), row("H1N1_bbc/x", 0.2), row("haiti_bbc/bbc", 0.2)],
            vec![row("bpoil_bbc/bbc", 0.4), row("H1N1_bbc/x", 0.1), row("haiti_bbc/bbc", 0.4)],
            vec![row("bpoil_bbc/bbc", 0.1), row("H1N1_bbc/x", 0.5), row("haiti_bbc/bbc", 0.1)],
        ];
        let f = fold(&scored);
        let by = |t: &str| f.topics.iter().find(|x| x.topic == t).unwrap();
        assert_eq!(f.dev_choice, 1);
        assert_eq!(by("H1N1").chosen, 1, "H1N1 is held out: bpoil and haiti choose setting 1");
        assert!((by("H1N1").held_out.align_r1 - 0.1).abs() < 1e-9 && (by("H1N1").best.align_r1 - 0.5).abs() < 1e-9);
        // bpoil held out: H1N1 and haiti average .25 under setting 1, .3 under setting 2
        assert_eq!(by("bpoil").chosen, 2);
        assert_eq!(by("haiti").chosen, 2);
        // every topic held out scores .1, though the setting chosen on all of dev gives .3
        assert!((f.held_out.align_r2 - 0.1).abs() < 1e-9, "{:?}", f.held_out);
        assert!((f.dev.align_r2 - 0.3).abs() < 1e-9, "{:?}", f.dev);
    }

    #[test]
    fn a_subset_averages_precision_and_recall_before_f1() {
        let a = TimelinePr { key: "a".into(), date: (1.0, 0.0), r1: (0.5, 0.5), r2: (0.2, 0.4) };
        let b = TimelinePr { key: "b".into(), date: (0.0, 1.0), r1: (0.5, 0.5), r2: (0.4, 0.2) };
        let v = Avg::of([&a, &b]);
        assert!((v.date_f1 - 0.5).abs() < 1e-9 && (v.align_r1 - 0.5).abs() < 1e-9 && (v.align_r2 - 0.3).abs() < 1e-9, "{v:?}");
        assert_eq!(topic_of("bpoil_washingtonpost/washingtonpost"), "bpoil");
    }
}
