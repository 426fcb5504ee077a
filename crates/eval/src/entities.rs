//! Entities: the seeds gold (PERSON/PLACE/ORG exact span + kind, micro F1, and how often the
//! canonical name is right on matched mentions) and CoNLL-2003 dev (PER/LOC/ORG; MISC gold
//! and OTHER predictions ignored; exact-span and overlap P/R/F1, per kind and micro).

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline::analysis::entities::{intl, tagger, Kind};
use storyline::analysis::layers;
use storyline::extract::{EntityOut, layers_out};

use crate::score::{Prf, match_spans, overlap};

#[derive(Debug, Clone, Default, Serialize)]
pub struct EntityFigures {
    pub docs: usize,
    pub micro: Prf,
    pub micro_overlap: Prf,
    pub per_kind: BTreeMap<String, Prf>,
    /// Seeds: share of matched mentions whose canonical name is right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical_accuracy: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

fn kind_str(e: &EntityOut) -> String {
    serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// (start, end, kind, canonical) lists of one doc → counts.
fn score_doc(
    f: &mut EntityFigures,
    pred: &[(usize, usize, String, String)],
    gold: &[(usize, usize, String, String)],
    canon: &mut (usize, usize),
    id: &str,
    text: &str,
    keep: bool,
) {
    let keyed = |v: &[(usize, usize, String, String)], k: &str| -> Vec<(usize, usize)> { v.iter().filter(|x| x.2 == k).map(|x| (x.0, x.1)).collect() };
    for k in ["PERSON", "PLACE", "ORG"] {
        let (p, g) = (keyed(pred, k), keyed(gold, k));
        let m = match_spans(&p, &g, |a, b| if a == b { 1.0 } else { 0.0 }, |s| s > 0.0);
        let mo = match_spans(&p, &g, |a, b| overlap(a, b) as f64, |s| s > 0.0);
        f.per_kind.entry(k.to_string()).or_default().add(m.len(), p.len(), g.len());
        f.micro.add(m.len(), p.len(), g.len());
        f.micro_overlap.add(mo.len(), p.len(), g.len());
    }
    // canonical names on exact matches of any kind
    let ps: Vec<(usize, usize)> = pred.iter().map(|x| (x.0, x.1)).collect();
    let gs: Vec<(usize, usize)> = gold.iter().map(|x| (x.0, x.1)).collect();
    let m = match_spans(&ps, &gs, |a, b| if a == b { 1.0 } else { 0.0 }, |s| s > 0.0);
    for &(i, j) in &m {
        canon.1 += 1;
        let ok = pred[i].3 == gold[j].3;
        canon.0 += ok as usize;
        if keep && !ok {
            f.errors.push(format!("{id}: canonical {:?} (gold {:?})", pred[i].3, gold[j].3));
        }
    }
    if keep {
        let cut = |s: usize, e: usize| -> String { text.chars().skip(s).take(e - s).collect() };
        for p in pred {
            if !gold.iter().any(|g| g.0 == p.0 && g.1 == p.1 && g.2 == p.2) {
                f.errors.push(format!("{id}: false {} {:?} @{}", p.2, cut(p.0, p.1), p.0));
            }
        }
        for g in gold {
            if !pred.iter().any(|p| g.0 == p.0 && g.1 == p.1 && g.2 == p.2) {
                f.errors.push(format!("{id}: missed {} {:?} @{}", g.2, cut(g.0, g.1), g.0));
            }
        }
    }
}

fn preds(text: &str) -> Vec<(usize, usize, String, String)> {
    layers_out(&layers(text, None), text)
        .entities
        .iter()
        .map(|e| (e.start, e.end, kind_str(e), e.canonical.clone()))
        .filter(|e| e.2 != "OTHER")
        .collect()
}

pub fn seeds(dir: &Path, keep: bool) -> Result<EntityFigures, String> {
    let seeds = crate::seeds::load(dir)?;
    let mut f = EntityFigures { docs: seeds.len(), ..Default::default() };
    let mut canon = (0, 0);
    for s in &seeds {
        let gold: Vec<_> = s.entities.iter().map(|e| (e.start, e.end, e.kind.clone(), e.canonical.clone())).collect();
        score_doc(&mut f, &preds(&s.text), &gold, &mut canon, s.id(), &s.text, keep);
    }
    f.canonical_accuracy = Some(if canon.1 == 0 { 0.0 } else { canon.0 as f64 / canon.1 as f64 });
    Ok(f)
}

#[derive(Deserialize)]
struct CDoc {
    id: String,
    text: String,
    entities: Vec<CEnt>,
}

#[derive(Deserialize)]
struct CEnt {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

pub fn conll(file: &Path, keep: bool) -> Result<EntityFigures, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let docs: Vec<CDoc> = data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))?;
    let all: Vec<_> = docs.par_iter().map(|d| preds(&d.text)).collect();
    let mut f = EntityFigures { docs: docs.len(), ..Default::default() };
    let mut canon = (0, 0);
    for (d, p) in docs.iter().zip(&all) {
        let gold: Vec<_> = d
            .entities
            .iter()
            .filter_map(|e| {
                let k = match e.kind.as_str() {
                    "PER" => "PERSON",
                    "LOC" => "PLACE",
                    "ORG" => "ORG",
                    _ => return None,
                };
                Some((e.start, e.end, k.to_string(), String::new()))
            })
            .collect();
        let mut f2 = std::mem::take(&mut f.errors);
        score_doc(&mut f, p, &gold, &mut canon, &d.id, &d.text, false);
        if keep {
            f2.truncate(2000);
        }
        f.errors = f2;
    }
    Ok(f)
}

// ------------------------------------------------------------------ multilingual

/// One document of a multilingual entity set (`multilingual/entities/*.jsonl`).
#[derive(Deserialize)]
struct MDoc {
    id: String,
    lang: String,
    text: String,
    entities: Vec<CEnt>,
}

/// One multilingual set: its name (the file's stem without `-dev`), language and documents.
pub struct MlSet {
    pub set: String,
    pub lang: String,
    docs: Vec<MDoc>,
}

/// The figures of one multilingual set: the shipped model's (trained on this very data, so not
/// held out) and, with folds, each held-out fold's exact-span micro F1 and their pool.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MlFigures {
    pub set: String,
    pub lang: String,
    pub shipped: EntityFigures,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fold_f1: Vec<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held_out: Option<EntityFigures>,
}

impl MlFigures {
    /// Mean, standard deviation, lowest and highest of the held-out folds' F1.
    pub fn spread(&self) -> Option<(f64, f64, f64, f64)> {
        spread(&self.fold_f1)
    }
}

/// Mean, standard deviation, lowest and highest of some figures.
pub fn spread(v: &[f64]) -> Option<(f64, f64, f64, f64)> {
    if v.is_empty() {
        return None;
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    Some((mean, sd, v.iter().cloned().fold(f64::MAX, f64::min), v.iter().cloned().fold(f64::MIN, f64::max)))
}

/// Every `*.jsonl` set of `dir`, in file-name order.
pub fn load_multilingual(dir: &Path) -> Result<Vec<MlSet>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let data = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let docs: Vec<MDoc> = data
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", file.display(), n + 1)))
            .collect::<Result<_, _>>()?;
        let set = file.file_stem().map(|s| s.to_string_lossy().trim_end_matches("-dev").to_string()).unwrap_or_default();
        let lang = docs.first().map(|d| d.lang.clone()).unwrap_or_else(|| set.split('-').next().unwrap_or("").to_string());
        out.push(MlSet { set, lang, docs });
    }
    Ok(out)
}

fn gold_kind(t: &str) -> Option<&'static str> {
    Some(match t {
        "PER" => "PERSON",
        "LOC" => "PLACE",
        "ORG" => "ORG",
        _ => return None,
    })
}

/// The multilingual tagger's mentions of a text in code points, by `model`.
fn ml_preds(text: &str, lang: &str, model: &tagger::Model) -> Vec<(usize, usize, String, String)> {
    let ci = storyline::text::CharIndex::new(text);
    intl::find_entities_with(text, &storyline::text::Tokens::new(text), lang, model)
        .into_iter()
        .filter(|e| e.kind != Kind::Other)
        .map(|e| (ci.char_of(e.start), ci.char_of(e.end), e.kind.as_str().to_string(), e.canonical))
        .collect()
}

/// Score `docs` (with their predictions) as the CoNLL set is scored.
fn score_ml<'a>(docs: impl Iterator<Item = &'a MDoc>, preds: &[Vec<(usize, usize, String, String)>], keep: bool) -> EntityFigures {
    let mut f = EntityFigures::default();
    let mut canon = (0, 0);
    for (d, p) in docs.zip(preds) {
        let gold: Vec<_> = d.entities.iter().filter_map(|e| Some((e.start, e.end, gold_kind(&e.kind)?.to_string(), String::new()))).collect();
        let p: Vec<_> = p.iter().map(|x| (x.0, x.1, x.2.clone(), String::new())).collect();
        f.docs += 1;
        score_doc(&mut f, &p, &gold, &mut canon, &d.id, &d.text, keep);
    }
    f.errors.truncate(2000);
    f
}

/// The training documents of the multilingual tagger: byte spans, types 1 PER .. 4 MISC.
fn train_doc(d: &MDoc) -> intl::TrainDoc {
    let mut cp: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
    cp.push(d.text.len());
    let spans = d
        .entities
        .iter()
        .filter(|e| e.start < e.end && e.end < cp.len())
        .map(|e| (cp[e.start], cp[e.end], match e.kind.as_str() { "PER" => 1, "LOC" => 2, "ORG" => 3, _ => 4 }))
        .collect();
    intl::TrainDoc { text: d.text.clone(), lang: d.lang.clone(), spans }
}

/// Train the multilingual model on every document of `sets` (what ships in
/// `data/entities/ner_model_intl.bin`).
/// (`min_abs`: features whose weights all stay under it are dropped.)
pub fn train_multilingual(sets: &[MlSet], epochs: usize, min_abs: f32, dropout: f32) -> Vec<u8> {
    let docs: Vec<_> = sets.iter().flat_map(|s| s.docs.iter().map(train_doc)).collect();
    intl::train(&docs, epochs, min_abs, dropout)
}

/// Score every multilingual set with the shipped model and, with `folds` K, by K-fold
/// cross-validation: document `i` of each set is in fold `i mod K`; each fold's model is
/// trained (`epochs` passes) on the other folds of every set at once and scored on its own.
pub fn multilingual(sets: &[MlSet], folds: Option<usize>, epochs: usize, min_abs: f32, dropout: f32, keep: bool) -> Vec<MlFigures> {
    let mut out: Vec<MlFigures> = sets
        .iter()
        .map(|s| {
            let preds: Vec<_> = s.docs.par_iter().map(|d| ml_preds(&d.text, &d.lang, intl::model())).collect();
            MlFigures { set: s.set.clone(), lang: s.lang.clone(), shipped: score_ml(s.docs.iter(), &preds, keep), ..Default::default() }
        })
        .collect();
    let Some(k) = folds.filter(|&k| k >= 2) else { return out };
    // per fold, per set: the held-out documents' predictions
    let per_fold: Vec<Vec<Vec<Vec<(usize, usize, String, String)>>>> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<_> = sets.iter().flat_map(|s| s.docs.iter().enumerate().filter(|(i, _)| i % k != f).map(|(_, d)| train_doc(d))).collect();
            let model = tagger::Model::from_bytes(&intl::train(&train, epochs, min_abs, dropout));
            sets.iter().map(|s| s.docs.iter().enumerate().filter(|(i, _)| i % k == f).map(|(_, d)| ml_preds(&d.text, &d.lang, &model)).collect()).collect()
        })
        .collect();
    for (si, s) in sets.iter().enumerate() {
        let mut pooled = EntityFigures::default();
        for (f, preds) in per_fold.iter().enumerate() {
            let held = s.docs.iter().enumerate().filter(|(i, _)| i % k == f).map(|(_, d)| d);
            let fig = score_ml(held, &preds[si], keep);
            out[si].fold_f1.push(fig.micro.f1);
            pooled.docs += fig.docs;
            pooled.errors.extend(fig.errors);
            for (kind, p) in &fig.per_kind {
                pooled.per_kind.entry(kind.clone()).or_default().add(p.tp, p.predicted, p.gold);
            }
            pooled.micro.add(fig.micro.tp, fig.micro.predicted, fig.micro.gold);
            pooled.micro_overlap.add(fig.micro_overlap.tp, fig.micro_overlap.predicted, fig.micro_overlap.gold);
        }
        out[si].held_out = Some(pooled);
    }
    out
}
