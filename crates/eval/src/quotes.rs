//! Quotes: the seeds gold (quote F1 at character IoU ≥ 0.5, speaker accuracy by lenient
//! name match) and PolNeAR dev (quote F1 with title-like gold as don't-care; speaker-mention
//! accuracy, strict: the predicted mention overlaps the gold source span; lenient: or the
//! last word of the predicted speaker occurs in the gold source text).

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline::analysis::layers;
use storyline::extract::layers_out;

use crate::score::{Prf, iou, match_spans, names_match, overlap};

#[derive(Debug, Clone, Default, Serialize)]
pub struct SetFigures {
    pub docs: usize,
    pub quotes: Prf,
    /// Matched quotes whose speaker is right, over matched quotes.
    pub speaker_accuracy: f64,
    /// PolNeAR only: the lenient speaker-mention accuracy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_lenient: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// Score the seeds.
pub fn seeds(dir: &Path, keep_errors: bool) -> Result<SetFigures, String> {
    let seeds = crate::seeds::load(dir)?;
    let mut f = SetFigures { docs: seeds.len(), ..Default::default() };
    let (mut right, mut matched) = (0, 0);
    for s in &seeds {
        let out = layers_out(&layers(&s.text, s.date()), &s.text);
        let pred: Vec<(usize, usize)> = out.quotes.iter().map(|q| (q.start, q.end)).collect();
        let gold: Vec<(usize, usize)> = s.quotes.iter().map(|q| (q.start, q.end)).collect();
        let m = match_spans(&pred, &gold, iou, |x| x >= 0.5);
        f.quotes.add(m.len(), pred.len(), gold.len());
        for &(i, j) in &m {
            matched += 1;
            let ok = match (&out.quotes[i].speaker, &s.quotes[j].speaker) {
                (Some(p), Some(g)) => names_match(p, g),
                (None, None) => true,
                _ => false,
            };
            right += ok as usize;
            if keep_errors && !ok {
                f.errors.push(format!("{} speaker: {:?} for {:?} (gold {:?})", s.id(), out.quotes[i].speaker, storyline::text::ellipsize(&out.quotes[i].text, 60), s.quotes[j].speaker));
            }
        }
        if keep_errors {
            let mp: std::collections::HashSet<usize> = m.iter().map(|x| x.0).collect();
            let mg: std::collections::HashSet<usize> = m.iter().map(|x| x.1).collect();
            for (_, q) in out.quotes.iter().enumerate().filter(|(i, _)| !mp.contains(i)) {
                f.errors.push(format!("{} false quote: {:?}", s.id(), storyline::text::ellipsize(&q.text, 80)));
            }
            for (_, g) in s.quotes.iter().enumerate().filter(|(j, _)| !mg.contains(j)) {
                let t: String = s.text.chars().skip(g.start).take(g.end - g.start).collect();
                f.errors.push(format!("{} missed quote: {:?}", s.id(), storyline::text::ellipsize(&t, 80)));
            }
        }
    }
    f.speaker_accuracy = if matched == 0 { 0.0 } else { right as f64 / matched as f64 };
    Ok(f)
}

#[derive(Deserialize)]
struct PSpan {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Deserialize)]
struct PQuote {
    start: usize,
    end: usize,
    #[serde(default)]
    title_like: bool,
    source: Option<PSpan>,
}

#[derive(Deserialize)]
struct PDoc {
    text: String,
    quotes: Vec<PQuote>,
    #[serde(default)]
    published: Option<String>,
}

/// Score PolNeAR (a `polnear-*.jsonl` file).
pub fn polnear(file: &Path) -> Result<SetFigures, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e} (pass the quotes folder or file)", file.display()))?;
    let docs: Vec<PDoc> = data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))?;
    let outs: Vec<_> = docs
        .par_iter()
        .map(|d| {
            let anchor = d.published.as_deref().and_then(|p| chrono::NaiveDate::parse_from_str(p.get(..10).unwrap_or(p), "%Y-%m-%d").ok());
            layers_out(&layers(&d.text, anchor), &d.text)
        })
        .collect();
    let mut f = SetFigures { docs: docs.len(), ..Default::default() };
    let (mut strict, mut lenient, mut matched) = (0, 0, 0);
    for (d, out) in docs.iter().zip(&outs) {
        let pred: Vec<(usize, usize)> = out.quotes.iter().map(|q| (q.start, q.end)).collect();
        let gold: Vec<(usize, usize)> = d.quotes.iter().map(|q| (q.start, q.end)).collect();
        let m = match_spans(&pred, &gold, iou, |x| x >= 0.5);
        let dont_care = m.iter().filter(|&&(_, j)| d.quotes[j].title_like).count();
        let gold_n = d.quotes.iter().filter(|q| !q.title_like).count();
        f.quotes.add(m.len() - dont_care, pred.len() - dont_care, gold_n);
        for &(i, j) in m.iter().filter(|&&(_, j)| !d.quotes[j].title_like) {
            matched += 1;
            let q = &out.quotes[i];
            let Some(src) = &d.quotes[j].source else { continue };
            let s_ok = q.speaker_mention.as_ref().is_some_and(|m| overlap((m.start, m.end), (src.start, src.end)) > 0);
            let l_ok = s_ok
                || q.speaker.as_deref().and_then(|s| s.split_whitespace().last()).is_some_and(|last| {
                    let f = |x: &str| deunicode::deunicode(x).to_lowercase();
                    f(&src.text).split(|c: char| !c.is_alphanumeric()).any(|w| w == f(last))
                });
            strict += s_ok as usize;
            lenient += l_ok as usize;
        }
    }
    f.speaker_accuracy = if matched == 0 { 0.0 } else { strict as f64 / matched as f64 };
    f.speaker_lenient = Some(if matched == 0 { 0.0 } else { lenient as f64 / matched as f64 });
    Ok(f)
}

