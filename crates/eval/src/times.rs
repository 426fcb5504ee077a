//! Times: TBAQ-cleaned (TempEval-3 scoring: strict and relaxed span P/R/F1, type and value
//! F1 over relaxed matches), the seeds gold (value F1), and document dating (seeds with
//! their dates withheld; PolNeAR dev: exact-day and ±1-day accuracy).

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline::analysis::layers;
use storyline::extract::{TimeOut, layers_out};

use crate::score::{Prf, match_spans, overlap};

#[derive(Debug, Clone, Default, Serialize)]
pub struct TimeFigures {
    pub docs: usize,
    pub strict: Prf,
    pub relaxed: Prf,
    pub type_f1: f64,
    pub value_f1: f64,
    /// Relaxed matches of the right type (`type_f1` is its F1).
    pub kind: Prf,
    pub value: Prf,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// A gold time in code points.
pub struct Gold<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: &'a str,
    pub value: &'a str,
}

/// Add one document's counts to the figures.
fn score_doc(f: &mut TimeFigures, pred: &[TimeOut], gold: &[Gold], text: &str, id: &str, keep: bool, counts: &mut [usize; 2]) {
    let ps: Vec<(usize, usize)> = pred.iter().map(|t| (t.start, t.end)).collect();
    let gs: Vec<(usize, usize)> = gold.iter().map(|t| (t.start, t.end)).collect();
    let strict = match_spans(&ps, &gs, |a, b| if a == b { 1.0 } else { 0.0 }, |s| s > 0.0);
    let relaxed = match_spans(&ps, &gs, |a, b| overlap(a, b) as f64, |s| s > 0.0);
    f.strict.add(strict.len(), ps.len(), gs.len());
    f.relaxed.add(relaxed.len(), ps.len(), gs.len());
    for &(i, j) in &relaxed {
        let kind = serde_json::to_value(pred[i].kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        counts[0] += (kind == gold[j].kind) as usize;
        let ok = pred[i].value == gold[j].value;
        counts[1] += ok as usize;
        if keep && !ok {
            f.errors.push(format!("{id}@{}: {:?} value {} (gold {})", pred[i].start, pred[i].text, pred[i].value, gold[j].value));
        }
    }
    if keep {
        let mp: std::collections::HashSet<usize> = relaxed.iter().map(|x| x.0).collect();
        let mg: std::collections::HashSet<usize> = relaxed.iter().map(|x| x.1).collect();
        for (_, p) in pred.iter().enumerate().filter(|(i, _)| !mp.contains(i)) {
            f.errors.push(format!("{id}@{}: false {:?} = {}", p.start, p.text, p.value));
        }
        // a span found but cut otherwise than the gold's (strict misses it, relaxed counts it)
        for &(i, j) in relaxed.iter().filter(|&&(i, j)| ps[i] != gs[j]) {
            let t: String = text.chars().skip(gold[j].start).take(gold[j].end - gold[j].start).collect();
            f.errors.push(format!("{id}@{}: span {:?} (gold {t:?})", pred[i].start, pred[i].text));
        }
        for (_, g) in gold.iter().enumerate().filter(|(j, _)| !mg.contains(j)) {
            let t: String = text.chars().skip(g.start).take(g.end - g.start).collect();
            f.errors.push(format!("{id}@{}: missed {t:?} = {}", g.start, g.value));
        }
    }
}

fn finish(f: &mut TimeFigures, counts: [usize; 2]) {
    let (np, ng) = (f.relaxed.predicted, f.relaxed.gold);
    f.kind = Prf::new(counts[0], np, ng);
    f.type_f1 = f.kind.f1;
    f.value = Prf::new(counts[1], np, ng);
    f.value_f1 = f.value.f1;
}

#[derive(Deserialize)]
struct TDoc {
    id: String,
    text: String,
    published: String,
    times: Vec<TTime>,
}

#[derive(Deserialize)]
struct TTime {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
    value: String,
}

fn tbaq_docs(file: &Path) -> Result<Vec<TDoc>, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))
}

/// What the tagger anchors on.
#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    /// The document's DCT.
    Dct,
    /// Nothing: the dates the text gives (narrative mode).
    Text,
    /// Nothing at all: each rule resolved without a date (`XXXX-06-12`), as before narrative mode.
    Nothing,
}

/// The tagger's times of each document.
fn tag(docs: &[TDoc], anchor: Anchor) -> Vec<Vec<TimeOut>> {
    docs.par_iter()
        .map(|d| {
            let date = if anchor == Anchor::Dct { NaiveDate::parse_from_str(&d.published, "%Y-%m-%d").ok() } else { None };
            let mut l = layers(&d.text, date);
            if anchor == Anchor::Nothing {
                l.times = l.times.iter().map(|t| t.at(None)).collect();
            }
            layers_out(&l, &d.text).times
        })
        .collect()
}

/// TBAQ-cleaned (`times/tbaq.jsonl`), anchored on each document's DCT.
pub fn tbaq(file: &Path, keep: bool) -> Result<TimeFigures, String> {
    let docs = tbaq_docs(file)?;
    let outs = tag(&docs, Anchor::Dct);
    Ok(score_docs(docs.iter().map(|d| (d.id.as_str(), d.text.as_str(), d.times.as_slice())), &outs, keep))
}

/// One fold's figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Fold {
    pub docs: usize,
    pub strict_f1: f64,
    pub relaxed_f1: f64,
    pub value_f1: f64,
}

pub use crate::Spread;

/// TBAQ in `k` folds of documents (the i-th document of the file in fold i mod k), each
/// scored on its own: the tagger has no training, so a fold is a held-out sample of news it
/// was tuned on with the others, and a change is kept when it holds on every fold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Folds {
    pub k: usize,
    pub folds: Vec<Fold>,
    pub value_f1: Spread,
    pub strict_f1: Spread,
    pub relaxed_f1: Spread,
}

pub fn tbaq_folds(file: &Path, k: usize) -> Result<Folds, String> {
    let k = k.max(2);
    let docs = tbaq_docs(file)?;
    let outs = tag(&docs, Anchor::Dct);
    let folds: Vec<Fold> = (0..k)
        .map(|f| {
            let idx: Vec<usize> = (0..docs.len()).filter(|i| i % k == f).collect();
            let outs: Vec<Vec<TimeOut>> = idx.iter().map(|&i| outs[i].clone()).collect();
            let fig = score_docs(idx.iter().map(|&i| (docs[i].id.as_str(), docs[i].text.as_str(), docs[i].times.as_slice())), &outs, false);
            Fold { docs: idx.len(), strict_f1: fig.strict.f1, relaxed_f1: fig.relaxed.f1, value_f1: fig.value_f1 }
        })
        .collect();
    let spread = |get: fn(&Fold) -> f64| Spread::of(&folds.iter().map(get).collect::<Vec<_>>());
    Ok(Folds { k, value_f1: spread(|f| f.value_f1), strict_f1: spread(|f| f.strict_f1), relaxed_f1: spread(|f| f.relaxed_f1), folds })
}

/// TBAQ with the DCT withheld (narrative mode: the tagger anchors on the dates the text
/// gives), scored on the gold times whose value the text can give: a duration, a set, a
/// reference like PAST_REF, or a date whose year the text writes at or before it. A
/// prediction overlapping only a gold time left out is not counted either way.
/// With `in_text` false, each value resolved without any date (the tagger before narrative
/// mode), for comparison.
pub fn tbaq_withheld(file: &Path, keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    let docs = tbaq_docs(file)?;
    let outs = tag(&docs, if in_text { Anchor::Text } else { Anchor::Nothing });
    let mut kept_docs: Vec<(String, String, Vec<TTime>)> = Vec::new();
    let mut kept_outs = Vec::new();
    for (d, pred) in docs.iter().zip(outs) {
        let chars: Vec<char> = d.text.chars().collect();
        let resolvable = |t: &TTime| {
            let year = t.value.get(..4).filter(|y| y.bytes().all(|c| c.is_ascii_digit()));
            match year {
                None => true,
                Some(y) => {
                    let before: String = chars[..t.end.min(chars.len())].iter().collect();
                    before.match_indices(y).any(|(i, _)| {
                        let b = before.as_bytes();
                        (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
                    })
                }
            }
        };
        let (gold, dropped): (Vec<&TTime>, Vec<&TTime>) = d.times.iter().partition(|t| resolvable(t));
        let pred: Vec<TimeOut> = pred
            .into_iter()
            .filter(|p| !dropped.iter().any(|g| overlap((p.start, p.end), (g.start, g.end)) > 0) || gold.iter().any(|g| overlap((p.start, p.end), (g.start, g.end)) > 0))
            .collect();
        kept_docs.push((d.id.clone(), d.text.clone(), gold.into_iter().map(|t| TTime { start: t.start, end: t.end, kind: t.kind.clone(), value: t.value.clone() }).collect()));
        kept_outs.push(pred);
    }
    Ok(score_docs(kept_docs.iter().map(|(id, text, t)| (id.as_str(), text.as_str(), t.as_slice())), &kept_outs, keep))
}

/// The figures of documents (id, text, gold times) against their predictions.
fn score_docs<'a>(docs: impl ExactSizeIterator<Item = (&'a str, &'a str, &'a [TTime])>, outs: &[Vec<TimeOut>], keep: bool) -> TimeFigures {
    let mut f = TimeFigures { docs: docs.len(), ..Default::default() };
    let mut counts = [0, 0];
    for ((id, text, times), pred) in docs.zip(outs) {
        let gold: Vec<Gold> = times.iter().map(|t| Gold { start: t.start, end: t.end, kind: &t.kind, value: &t.value }).collect();
        score_doc(&mut f, pred, &gold, text, id, keep, &mut counts);
    }
    finish(&mut f, counts);
    f
}

/// The seeds gold, anchored on the gold publication dates.
pub fn seeds(dir: &Path, keep: bool) -> Result<TimeFigures, String> {
    let seeds = crate::seeds::load(dir)?;
    let mut f = TimeFigures { docs: seeds.len(), ..Default::default() };
    let mut counts = [0, 0];
    for s in &seeds {
        let pred = layers_out(&layers(&s.text, s.date()), &s.text).times;
        let gold: Vec<Gold> = s.times.iter().map(|t| Gold { start: t.start, end: t.end, kind: &t.kind, value: &t.value }).collect();
        score_doc(&mut f, &pred, &gold, &s.text, s.id(), keep, &mut counts);
    }
    finish(&mut f, counts);
    Ok(f)
}

/// Document dating figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DatingFigures {
    pub docs: usize,
    pub exact: f64,
    pub within_one_day: f64,
    pub coverage: f64,
    /// The share of documents dated at or above `MIN_DATE_CONFIDENCE` (what ingest would use),
    /// and how many of those are right within a day.
    pub confident_coverage: f64,
    pub confident_within_one_day: f64,
    /// (id, gold, inferred, confidence) per document, for the seeds.
    pub results: Vec<(String, String, Option<String>, Option<f32>)>,
    /// At each confidence threshold: (threshold, coverage, within one day of those dated, more
    /// than a week off of those dated).
    pub by_confidence: Vec<(f32, f64, f64, f64)>,
    /// Per group (a Timeline17 topic, a topic and outlet, or a kind of evidence): (group,
    /// documents, coverage, within one day of those dated).
    pub by_group: Vec<(String, usize, f64, f64)>,
}

/// The evidence a text-alone date rests on, told by its confidence (`analysis::dating`).
fn evidence_of(confidence: f32) -> &'static str {
    if (confidence - storyline::analysis::dating::STAMP_CONFIDENCE).abs() < 1e-4 {
        "evidence: time stamp"
    } else if (confidence - storyline::analysis::dating::PRINT_CONFIDENCE).abs() < 1e-4 {
        "evidence: print stamp"
    } else {
        "evidence: other"
    }
}

/// Coverage and precision within a day per group of documents (`by_group`), from `results`.
fn groups(results: &[(String, String, Option<String>, Option<f32>)], group_of: impl Fn(&str) -> Vec<String>) -> Vec<(String, usize, f64, f64)> {
    let mut g: std::collections::BTreeMap<String, (usize, usize, usize)> = Default::default();
    for (id, gold, got, conf) in results {
        let diff = got.as_deref().zip(NaiveDate::parse_from_str(gold.get(..10).unwrap_or(gold), "%Y-%m-%d").ok()).and_then(|(d, g)| Some((NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()? - g).num_days().abs()));
        let mut keys = group_of(id);
        if let (Some(_), Some(c)) = (diff, conf) {
            keys.push(evidence_of(*c).to_string());
        }
        for k in keys {
            let e = g.entry(k).or_default();
            e.0 += 1;
            if let Some(d) = diff {
                e.1 += 1;
                e.2 += (d <= 1) as usize;
            }
        }
    }
    g.into_iter().map(|(k, (n, c, ok))| (k, n, c as f64 / n.max(1) as f64, ok as f64 / c.max(1) as f64)).collect()
}

fn dating(items: Vec<(String, String, &str)>, keep: bool) -> DatingFigures {
    // the dater's own answer, whatever its confidence (ingest keeps only confident ones); with
    // STORYLINE_EVAL_INFER_DATE set, the older scorer that weighs every date mentioned
    let old = std::env::var_os("STORYLINE_EVAL_INFER_DATE").is_some();
    let res: Vec<_> = items
        .par_iter()
        .map(|(_, _, text)| {
            if old {
                storyline::analysis::times::infer_date(text).map(|d| (d.date, d.confidence))
            } else {
                storyline::analysis::infer_published(text)
            }
        })
        .collect();
    let mut f = DatingFigures { docs: items.len(), ..Default::default() };
    let (mut exact, mut near, mut cov, mut ccov, mut cnear) = (0, 0, 0, 0, 0);
    let mut diffs: Vec<(Option<NaiveDate>, Option<(i64, f32)>)> = Vec::new();
    for ((id, gold, _), r) in items.iter().zip(res) {
        let g = NaiveDate::parse_from_str(gold.get(..10).unwrap_or(gold), "%Y-%m-%d").ok();
        diffs.push((g, g.zip(r).map(|(g, (d, c))| ((d - g).num_days().abs(), c))));
        if let (Some(g), Some((d, c))) = (g, r) {
            cov += 1;
            let diff = (d - g).num_days().abs();
            exact += (diff == 0) as usize;
            near += (diff <= 1) as usize;
            if c >= storyline::analysis::MIN_DATE_CONFIDENCE {
                ccov += 1;
                cnear += (diff <= 1) as usize;
            }
        }
        if keep {
            f.results.push((id.clone(), gold.clone(), r.map(|x| x.0.to_string()), r.map(|x| x.1)));
        }
    }
    let n = items.len().max(1) as f64;
    f.exact = exact as f64 / n;
    f.within_one_day = near as f64 / n;
    f.coverage = cov as f64 / n;
    f.confident_coverage = ccov as f64 / n;
    f.confident_within_one_day = if ccov > 0 { cnear as f64 / ccov as f64 } else { 0.0 };
    for t in [0.3f32, 0.4, 0.5, 0.6, 0.7, 0.8] {
        let (mut c, mut ok, mut far) = (0usize, 0usize, 0usize);
        for (g, r) in &diffs {
            if let Some((diff, conf)) = r {
                if *conf >= t {
                    c += 1;
                    ok += (*diff <= 1) as usize;
                    far += (*diff > 7) as usize;
                }
            }
            let _ = g;
        }
        let cf = c.max(1) as f64;
        f.by_confidence.push((t, c as f64 / n, ok as f64 / cf, far as f64 / cf));
    }
    f
}

/// Date the seeds as `storyline ingest` does: only 003 carries a date (its header line); the
/// others are dated from their content and from the articles they are linked to.
pub fn seeds_dating(dir: &Path) -> Result<DatingFigures, String> {
    let seeds = crate::seeds::load(dir)?;
    let tmp = std::env::temp_dir().join(format!("storyline-eval-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(|e| e.to_string())?;
    for s in &seeds {
        std::fs::write(tmp.join(&s.file), &s.text).map_err(|e| e.to_string())?;
    }
    let mut store = storyline::store::sqlite::SqliteStore::in_memory().map_err(|e| e.to_string())?;
    let r = storyline::ingest::ingest(&mut store, &[tmp.clone()], &Default::default(), &mut storyline::ingest::Silent);
    let _ = std::fs::remove_dir_all(&tmp);
    r.map_err(|e| e.to_string())?;
    use storyline::store::ArticleStore;
    let mut f = DatingFigures { docs: seeds.len(), ..Default::default() };
    let (mut exact, mut near, mut cov) = (0, 0, 0);
    for s in &seeds {
        let a = store.article(s.id()).map_err(|e| e.to_string())?;
        let got = a.as_ref().and_then(|a| a.row.published.clone());
        let from = a.as_ref().and_then(|a| a.row.published_from.clone());
        if let (Some(g), Some(d)) = (s.date(), got.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())) {
            cov += 1;
            let diff = (d - g).num_days().abs();
            exact += (diff == 0) as usize;
            near += (diff <= 1) as usize;
        }
        f.results.push((s.id().to_string(), s.published.clone(), got.map(|g| format!("{g} ({})", from.unwrap_or_default())), None));
    }
    let n = seeds.len().max(1) as f64;
    f.exact = exact as f64 / n;
    f.within_one_day = near as f64 / n;
    f.coverage = cov as f64 / n;
    Ok(f)
}

/// Date each seed from its own text alone (what `infer_date` says, at any confidence).
pub fn seeds_text_dating(dir: &Path) -> Result<DatingFigures, String> {
    let seeds = crate::seeds::load(dir)?;
    let items: Vec<(String, String, &str)> = seeds.iter().map(|s| (s.id().to_string(), s.published.clone(), s.text.as_str())).collect();
    Ok(dating(items, true))
}

#[derive(Deserialize)]
struct PDoc {
    id: String,
    text: String,
    published: Option<String>,
}

/// Date the Timeline17 development articles (`tls/articles/*.jsonl`: BP oil spill, H1N1,
/// Haiti; BBC, Reuters, Guardian, Fox News, Washington Post) from their content alone.
pub fn tls_dating(dir: &Path) -> Result<DatingFigures, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut docs: Vec<PDoc> = Vec::new();
    for f in files.iter().filter(|f| f.extension().is_some_and(|x| x == "jsonl")) {
        let data = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        for l in data.lines().filter(|l| !l.trim().is_empty()) {
            docs.push(serde_json::from_str(l).map_err(|e| format!("{}: {e}", f.display()))?);
        }
    }
    let items: Vec<(String, String, &str)> =
        docs.iter().filter_map(|d| d.published.clone().map(|p| (d.id.clone(), p, d.text.as_str()))).collect();
    let mut f = dating(items, true);
    // "t17-bpoil_bbc-1870": the topic (bpoil) and the topic with its outlet (bpoil_bbc)
    f.by_group = groups(&f.results, |id| {
        let file = id.trim_start_matches("t17-").rsplit_once('-').map_or(id, |x| x.0);
        let topic = file.split('_').next().unwrap_or(file);
        vec![format!("topic {topic}"), format!("outlet {file}")]
    });
    if std::env::var_os("STORYLINE_EVAL_DATING_DUMP").is_none() {
        f.results.clear();
    }
    Ok(f)
}

/// Date PolNeAR documents from their content (their dates withheld).
pub fn polnear_dating(file: &Path) -> Result<DatingFigures, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let docs: Vec<PDoc> = data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))?;
    let items: Vec<(String, String, &str)> =
        docs.iter().filter_map(|d| d.published.clone().map(|p| (d.id.clone(), p, d.text.as_str()))).collect();
    Ok(dating(items, true))
}

#[derive(Deserialize)]
struct MDoc {
    id: String,
    lang: String,
    text: String,
    published: String,
    times: Vec<TTime>,
}

/// One multilingual times set (`multilingual/times/<lang>-<corpus>-dev.jsonl`), scored as TBAQ.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SetFigures {
    pub set: String,
    pub lang: String,
    pub figures: TimeFigures,
}

/// The multilingual TIMEX3 sets (`multilingual/times/*.jsonl`), each document tagged in its
/// `lang` and anchored on its `published` date, with the families in `off` (bits of
/// `times::Family`) turned off; per set, in file-name order.
pub fn multilingual(dir: &Path, keep: bool, off: u32) -> Result<Vec<SetFigures>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let data = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let docs: Vec<MDoc> = data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))?;
        let outs: Vec<_> = docs
            .par_iter()
            .map(|d| {
                let tl = storyline::text::TextLayer::new(&d.text, Some(&d.lang));
                let times = storyline::analysis::times_layer_lang(&tl, Some(&d.lang), NaiveDate::parse_from_str(&d.published, "%Y-%m-%d").ok(), off).unwrap_or_default();
                layers_out(&storyline::analysis::Layers { times, ..Default::default() }, &d.text).times
            })
            .collect();
        let f = score_docs(docs.iter().map(|d| (d.id.as_str(), d.text.as_str(), d.times.as_slice())), &outs, keep);
        let stem = file.file_stem().map(|s| s.to_string_lossy().trim_end_matches("-dev").to_string()).unwrap_or_default();
        let lang = docs.first().map(|d| d.lang.clone()).unwrap_or_else(|| stem.split('-').next().unwrap_or("").to_string());
        out.push(SetFigures { set: stem, lang, figures: f });
    }
    Ok(out)
}

/// The sets of one language pooled (their counts added), per language in order.
pub fn by_language(sets: &[SetFigures]) -> Vec<(String, TimeFigures)> {
    let mut langs: Vec<(String, TimeFigures, [usize; 2])> = Vec::new();
    for s in sets {
        let k = match langs.iter().position(|l| l.0 == s.lang) {
            Some(k) => k,
            None => {
                langs.push((s.lang.clone(), TimeFigures::default(), [0, 0]));
                langs.len() - 1
            }
        };
        let (_, f, c) = &mut langs[k];
        let g = &s.figures;
        f.docs += g.docs;
        f.strict.add(g.strict.tp, g.strict.predicted, g.strict.gold);
        f.relaxed.add(g.relaxed.tp, g.relaxed.predicted, g.relaxed.gold);
        c[0] += g.kind.tp;
        c[1] += g.value.tp;
    }
    langs
        .into_iter()
        .map(|(l, mut f, c)| {
            finish(&mut f, c);
            (l, f)
        })
        .collect()
}

/// The mean over sets of strict F1, relaxed F1, type F1 and value F1.
pub fn average(sets: &[SetFigures]) -> [f64; 4] {
    let n = sets.len().max(1) as f64;
    let mut a = [0.0; 4];
    for s in sets {
        let f = &s.figures;
        for (x, v) in a.iter_mut().zip([f.strict.f1, f.relaxed.f1, f.type_f1, f.value_f1]) {
            *x += v / n;
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::Spread;

    #[test]
    fn the_spread_of_fold_figures() {
        let s = Spread::of(&[0.8, 0.9, 0.7]);
        assert!((s.mean - 0.8).abs() < 1e-9);
        assert!((s.sd - (0.02f64 / 3.0).sqrt()).abs() < 1e-9);
        assert_eq!((s.low, s.high), (0.7, 0.9));
        let none = Spread::of(&[]);
        assert_eq!((none.mean, none.low, none.high), (0.0, 0.0, 0.0));
    }
}

/// The hand-annotated narrative set kept in the repository (`tests/data/times/narrative.txt`:
/// short histories with no document date, their values read from the dates the text gives).
const NARRATIVE: &str = include_str!("../../../tests/data/times/narrative.txt");

/// The held-back narrative set (`tests/data/times/narrative-check.txt`): four more histories
/// written after narrative mode's first fixes, before scoring them (first scored value F1
/// .920, then one of its errors fixed in general form: see `tests/data/README.md`).
const NARRATIVE_CHECK: &str = include_str!("../../../tests/data/times/narrative-check.txt");

/// The third narrative set (`tests/data/times/narrative-fresh.txt`): three histories (the
/// Crimean War, Gettysburg, the Istanbul talks of 2022–2025) written before they were scored
/// and before branch times20n's narrative fixes (first scored: see `tests/data/README.md`).
const NARRATIVE_FRESH: &str = include_str!("../../../tests/data/times/narrative-fresh.txt");

/// The fourth narrative set (`tests/data/times/narrative-wiki.txt`): six war histories in the
/// manner of Wikipedia's war articles (BC and AD years, centuries, a medieval siege, the Seven
/// Years' War, 1812, the Somme, Market Garden), written before branch narr's fixes and scored as
/// written (first scored value F1 .890: see `tests/data/README.md`).
const NARRATIVE_WIKI: &str = include_str!("../../../tests/data/times/narrative-wiki.txt");

/// The fifth narrative set (`tests/data/times/narrative-wiki-check.txt`): three more war
/// histories (the Second Punic War, the Norman conquest, Gallipoli) written after branch narr's
/// fixes for the fourth set and before any further change: the held-back check of those fixes
/// (first score: see `tests/data/README.md`).
const NARRATIVE_WIKI_CHECK: &str = include_str!("../../../tests/data/times/narrative-wiki-check.txt");

/// The sixth narrative set (`tests/data/times/narrative-wars-check.txt`): three longer war
/// histories (the Franco-Prussian, Russo-Japanese and Peloponnesian wars) written by hand for
/// branch tim before the tagger was run on them (first score in `tests/data/README.md`).
const NARRATIVE_WARS_CHECK: &str = include_str!("../../../tests/data/times/narrative-wars-check.txt");

/// The news set (`tests/data/times/news-fresh.txt`): six short 2013-style news reports, each
/// with its date, written before they were scored (issue 20: TBAQ's 1989-1998 text is what the
/// rules were fitted to, the held-out TE3-platinum is 2013 news).
const NEWS_FRESH: &str = include_str!("../../../tests/data/times/news-fresh.txt");

/// The second news set (`tests/data/times/news-check.txt`): five reports written after the
/// first set's fixes, before they were scored.
const NEWS_CHECK: &str = include_str!("../../../tests/data/times/news-check.txt");

/// The news set, each report anchored on its date as TBAQ's documents are.
pub fn news_fresh(keep: bool) -> Result<TimeFigures, String> {
    news_set(NEWS_FRESH, keep)
}

/// [`news_fresh`] on the second set.
pub fn news_check(keep: bool) -> Result<TimeFigures, String> {
    news_set(NEWS_CHECK, keep)
}

fn news_set(markup: &str, keep: bool) -> Result<TimeFigures, String> {
    let docs = narrative_docs(markup)?;
    let outs = tag(&docs, Anchor::Dct);
    Ok(score_docs(docs.iter().map(|d| (d.id.as_str(), d.text.as_str(), d.times.as_slice())), &outs, keep))
}

/// The documents of the narrative set's markup: "## id" (or "## id YYYY-MM-DD") starts one, "#" lines are comments,
/// and each time expression is written `[[text|TYPE|value]]` in its place.
fn narrative_docs(markup: &str) -> Result<Vec<TDoc>, String> {
    let mut docs: Vec<TDoc> = Vec::new();
    for (n, line) in markup.lines().enumerate() {
        if let Some(id) = line.strip_prefix("## ") {
            // "## id" or "## id YYYY-MM-DD" (a dated article, the news set)
            let (id, published) = id.trim().split_once(' ').unwrap_or((id.trim(), ""));
            docs.push(TDoc { id: id.to_string(), text: String::new(), published: published.trim().to_string(), times: Vec::new() });
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let doc = docs.last_mut().ok_or_else(|| format!("narrative set, line {}: text before any \"## id\"", n + 1))?;
        if !doc.text.is_empty() {
            doc.text.push('\n');
        }
        let mut rest = line;
        while let Some(open) = rest.find("[[") {
            doc.text.push_str(&rest[..open]);
            let close = rest[open..].find("]]").ok_or_else(|| format!("narrative set, line {}: \"[[\" not closed", n + 1))? + open;
            let parts: Vec<&str> = rest[open + 2..close].split('|').collect();
            let [span, kind, value] = parts[..] else {
                return Err(format!("narrative set, line {}: {:?} is not [[text|TYPE|value]]", n + 1, &rest[open..close + 2]));
            };
            let start = doc.text.chars().count();
            doc.text.push_str(span);
            doc.times.push(TTime { start, end: start + span.chars().count(), kind: kind.to_string(), value: value.to_string() });
            rest = &rest[close + 2..];
        }
        doc.text.push_str(rest);
    }
    Ok(docs)
}

/// The narrative set, each history analysed as an article with no date would be
/// (`analysis::analyze`: a stamp its text carries, else narrative mode). With `in_text` false,
/// each value resolved on no date (the tagger before narrative mode), for comparison.
pub fn narrative(keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    narrative_set(NARRATIVE, keep, in_text)
}

/// [`narrative`] on the held-back set (`tests/data/times/narrative-check.txt`).
pub fn narrative_check(keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    narrative_set(NARRATIVE_CHECK, keep, in_text)
}

/// [`narrative`] on the third set (`tests/data/times/narrative-fresh.txt`).
pub fn narrative_fresh(keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    narrative_set(NARRATIVE_FRESH, keep, in_text)
}

/// [`narrative`] on the fourth set (`tests/data/times/narrative-wiki.txt`).
pub fn narrative_wiki(keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    narrative_set(NARRATIVE_WIKI, keep, in_text)
}

/// [`narrative`] on the fifth set (`tests/data/times/narrative-wiki-check.txt`).
pub fn narrative_wiki_check(keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    narrative_set(NARRATIVE_WIKI_CHECK, keep, in_text)
}

/// [`narrative`] on the sixth set (`tests/data/times/narrative-wars-check.txt`).
pub fn narrative_wars_check(keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    narrative_set(NARRATIVE_WARS_CHECK, keep, in_text)
}

fn narrative_set(markup: &str, keep: bool, in_text: bool) -> Result<TimeFigures, String> {
    let docs = narrative_docs(markup)?;
    let outs: Vec<Vec<TimeOut>> = docs
        .par_iter()
        .map(|d| {
            let origin = storyline::model::Origin { path: format!("narrative/{}.txt", d.id), locator: None, format: storyline::model::Format::Txt };
            let mut l = storyline::analysis::analyze(&storyline::model::Article::new(d.text.clone(), origin)).layers;
            if !in_text {
                l.times = l.times.iter().map(|t| t.at(None)).collect();
            }
            layers_out(&l, &d.text).times
        })
        .collect();
    Ok(score_docs(docs.iter().map(|d| (d.id.as_str(), d.text.as_str(), d.times.as_slice())), &outs, keep))
}

#[cfg(test)]
mod narrative_tests {
    use super::*;

    #[test]
    fn the_narrative_markup_gives_text_and_offsets() {
        let docs = narrative_docs("# comment\n## a\nOn [[6 June 1944|DATE|1944-06-06]] troops landed; [[three days later|DATE|1944-06-09]] too.\n").unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "On 6 June 1944 troops landed; three days later too.");
        let spans: Vec<String> = d.times.iter().map(|t| d.text.chars().skip(t.start).take(t.end - t.start).collect()).collect();
        assert_eq!(spans, ["6 June 1944", "three days later"]);
        assert!(narrative_docs("## a\nOn [[6 June|DATE]] x").is_err());
        assert!(narrative_docs("no id [[x|DATE|1944]]").is_err());
    }

    /// The three hand-checked narrative sets, each history analysed as an undated article:
    /// their values are the ones the text's own dates give (issue 20; the fresh set scored .878
    /// before the flashback and range fixes, .990 after).
    #[test]
    fn the_narrative_sets_are_read_from_their_own_dates() {
        for (name, markup, floor) in [("narrative", NARRATIVE, 0.98), ("narrative-check", NARRATIVE_CHECK, 0.97), ("narrative-fresh", NARRATIVE_FRESH, 0.97), ("narrative-wiki", NARRATIVE_WIKI, 0.97), ("narrative-wiki-check", NARRATIVE_WIKI_CHECK, 0.97)] {
            let f = narrative_set(markup, true, true).unwrap();
            assert!(f.value_f1 >= floor, "{name}: value F1 {:.3} < {floor}: {:#?}", f.value_f1, f.errors);
            // resolved on no date at all, most values stay open: the sets measure narrative mode
            let none = narrative_set(markup, false, false).unwrap();
            assert!(none.value_f1 < 0.6, "{name}: {:.3} without narrative mode", none.value_f1);
        }
    }

    #[test]
    fn the_shipped_narrative_set_parses() {
        let docs = narrative_docs(NARRATIVE).unwrap();
        assert_eq!(docs.len(), 8);
        let check = narrative_docs(NARRATIVE_CHECK).unwrap();
        assert_eq!(check.len(), 4);
        let fresh = narrative_docs(NARRATIVE_FRESH).unwrap();
        assert_eq!(fresh.len(), 3);
        let wiki = narrative_docs(NARRATIVE_WIKI).unwrap();
        assert_eq!(wiki.len(), 6);
        let wiki_check = narrative_docs(NARRATIVE_WIKI_CHECK).unwrap();
        assert_eq!(wiki_check.len(), 3);
        let wars_check = narrative_docs(NARRATIVE_WARS_CHECK).unwrap();
        assert_eq!((wars_check.len(), wars_check.iter().map(|d| d.times.len()).sum::<usize>()), (3, 105));
        for d in docs.iter().chain(&check).chain(&fresh).chain(&wiki).chain(&wiki_check).chain(&wars_check) {
            for t in &d.times {
                let s: String = d.text.chars().skip(t.start).take(t.end - t.start).collect();
                assert!(!s.is_empty() && matches!(t.kind.as_str(), "DATE" | "TIME" | "DURATION" | "SET"), "{} {s:?}", d.id);
            }
        }
    }
}
