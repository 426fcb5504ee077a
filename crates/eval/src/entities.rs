//! Entities: the seeds gold (PERSON/PLACE/ORG exact span + kind, micro F1, and how often the
//! canonical name is right on matched mentions) and CoNLL-2003 dev (PER/LOC/ORG; MISC gold
//! and OTHER predictions ignored; exact-span and overlap P/R/F1, per kind and micro).

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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
                f.errors.push(format!("{id}: false {} {:?}", p.2, cut(p.0, p.1)));
            }
        }
        for g in gold {
            if !pred.iter().any(|p| g.0 == p.0 && g.1 == p.1 && g.2 == p.2) {
                f.errors.push(format!("{id}: missed {} {:?}", g.2, cut(g.0, g.1)));
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
