//! Quotes: the seeds gold (quote F1 at character IoU ≥ 0.5, speaker accuracy by lenient
//! name match) and PolNeAR dev and train (quote F1 with title-like gold as don't-care; speaker-mention
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
    /// PolNeAR with `--folds K`: each fold's quote F1 and strict speaker accuracy.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folds: Vec<FoldFigures>,
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
    #[serde(default)]
    cue: Option<PSpan>,
}

#[derive(Deserialize)]
struct PDoc {
    #[serde(default)]
    id: String,
    text: String,
    quotes: Vec<PQuote>,
    #[serde(default)]
    published: Option<String>,
}

/// One document's counts (quote F1 and speaker accuracy add up from these).
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
    matched: usize,
    strict: usize,
    lenient: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
        self.matched += o.matched;
        self.strict += o.strict;
        self.lenient += o.lenient;
    }
    fn speaker(&self) -> f64 {
        if self.matched == 0 { 0.0 } else { self.strict as f64 / self.matched as f64 }
    }
}

/// One fold's figures: quote F1 and strict speaker accuracy over its documents.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct FoldFigures {
    pub f1: f64,
    pub speaker: f64,
}

/// `text[start..end]` in code points, with `ctx` code points either side, on one line.
fn context(text: &str, start: usize, end: usize, ctx: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = start.saturating_sub(ctx);
    let b = (end + ctx).min(chars.len());
    let s: String = chars[a..start].iter().chain(['⟦'].iter()).chain(chars[start..end].iter()).chain(['⟧'].iter()).chain(chars[end..b].iter()).collect();
    s.replace('\n', " ¶ ")
}

/// Score PolNeAR (a `polnear-*.jsonl` file). With `folds` > 1, also the figures of each fold
/// of documents (document `i` is in fold `i % folds`). With `keep_errors`, every missed and
/// false quote and every wrong speaker, with its context, gold source and cue.
pub fn polnear(file: &Path, folds: usize, keep_errors: bool) -> Result<SetFigures, String> {
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
    let mut all = Counts::default();
    let mut per_fold = vec![Counts::default(); folds.max(1)];
    for (di, (d, out)) in docs.iter().zip(&outs).enumerate() {
        let mut c = Counts::default();
        let pred: Vec<(usize, usize)> = out.quotes.iter().map(|q| (q.start, q.end)).collect();
        let gold: Vec<(usize, usize)> = d.quotes.iter().map(|q| (q.start, q.end)).collect();
        let m = match_spans(&pred, &gold, iou, |x| x >= 0.5);
        let dont_care = m.iter().filter(|&&(_, j)| d.quotes[j].title_like).count();
        c.gold = d.quotes.iter().filter(|q| !q.title_like).count();
        c.tp = m.len() - dont_care;
        c.pred = pred.len() - dont_care;
        for &(i, j) in m.iter().filter(|&&(_, j)| !d.quotes[j].title_like) {
            c.matched += 1;
            let q = &out.quotes[i];
            let src = d.quotes[j].source.as_ref();
            let s_ok = src.is_some_and(|src| q.speaker_mention.as_ref().is_some_and(|m| overlap((m.start, m.end), (src.start, src.end)) > 0));
            let l_ok = s_ok
                || src.is_some_and(|src| {
                    q.speaker.as_deref().and_then(|s| s.split_whitespace().last()).is_some_and(|last| {
                        let f = |x: &str| deunicode::deunicode(x).to_lowercase();
                        f(&src.text).split(|c: char| !c.is_alphanumeric()).any(|w| w == f(last))
                    })
                });
            c.strict += s_ok as usize;
            c.lenient += l_ok as usize;
            if keep_errors && !s_ok {
                let got = q.speaker_mention.as_ref().map(|m| format!("{:?} at {}", d.text.chars().skip(m.start).take(m.end - m.start).collect::<String>(), m.start));
                let want = src.map(|s| format!("{:?} at {}", s.text, s.start));
                f.errors.push(format!("{} speaker: {} for gold {} (cue {:?}): {}", d.id, got.unwrap_or("none".into()), want.unwrap_or("none".into()), d.quotes[j].cue.as_ref().map(|c| c.text.as_str()), context(&d.text, q.start, q.end.min(q.start + 80), 150)));
            }
        }
        if keep_errors {
            let mp: std::collections::HashSet<usize> = m.iter().map(|x| x.0).collect();
            let mg: std::collections::HashSet<usize> = m.iter().map(|x| x.1).collect();
            for (i, q) in out.quotes.iter().enumerate().filter(|(i, _)| !mp.contains(i)) {
                let _ = i;
                f.errors.push(format!("{} false quote (speaker {:?}): {}", d.id, q.speaker, context(&d.text, q.start, q.end, 100)));
            }
            for (_, g) in d.quotes.iter().enumerate().filter(|(j, g)| !mg.contains(j) && !g.title_like) {
                f.errors.push(format!("{} missed quote (source {:?}, cue {:?}): {}", d.id, g.source.as_ref().map(|s| s.text.as_str()), g.cue.as_ref().map(|c| c.text.as_str()), context(&d.text, g.start, g.end, 150)));
            }
        }
        all.add(&c);
        let nf = per_fold.len();
        per_fold[di % nf].add(&c);
    }
    f.quotes = Prf::new(all.tp, all.pred, all.gold);
    f.speaker_accuracy = all.speaker();
    f.speaker_lenient = Some(if all.matched == 0 { 0.0 } else { all.lenient as f64 / all.matched as f64 });
    if folds > 1 {
        f.folds = per_fold.iter().map(|c| FoldFigures { f1: Prf::new(c.tp, c.pred, c.gold).f1, speaker: c.speaker() }).collect();
    }
    Ok(f)
}

/// One matched PolNeAR quote as the speaker ranker sees it: each candidate's features, which
/// candidates overlap the gold source (none: the ranker cannot be right), the pattern's pick.
struct RankCase {
    /// The quote in its context, each candidate's text and the gold source (for `--errors`).
    show: (String, Vec<String>, String),
    cands: Vec<Vec<String>>,
    gold: Vec<bool>,
    rule: Option<usize>,
    /// A transcript's turn: the pattern's pick is final at run time (not trained on, scored by
    /// the pick).
    fixed: bool,
}

/// The matched quotes of `docs` with their candidates (`storyline::analysis::quotes::speaker_candidates`).
fn rank_cases(docs: &[PDoc]) -> Vec<Vec<RankCase>> {
    // developers: feature templates left out (`STORYLINE_RANK_DROP=qprev,qnext`), to see what holds
    let drop: Vec<String> = std::env::var("STORYLINE_RANK_DROP").unwrap_or_default().split(',').filter(|x| !x.is_empty()).map(String::from).collect();
    docs.par_iter()
        .map(|d| {
            let tl = storyline::text::TextLayer::new(&d.text, None);
            let qs = storyline::analysis::quotes::speaker_candidates(&d.text, &tl);
            let ix = storyline::text::CharIndex::new(&d.text);
            let ch = |s: storyline::analysis::quotes::Span| (ix.char_of(s.start), ix.char_of(s.end));
            let pred: Vec<(usize, usize)> = qs.iter().map(|q| ch(q.span)).collect();
            let gold: Vec<(usize, usize)> = d.quotes.iter().map(|q| (q.start, q.end)).collect();
            let m = match_spans(&pred, &gold, iou, |x| x >= 0.5);
            m.iter()
                .filter(|&&(_, j)| !d.quotes[j].title_like)
                .map(|&(i, j)| {
                    let src = d.quotes[j].source.as_ref().map(|s| (s.start, s.end));
                    let c = &qs[i].candidates;
                    let txt = |(a, b): (usize, usize)| d.text.chars().skip(a).take(b - a).collect::<String>();
                    RankCase {
                        show: (context(&d.text, pred[i].0, pred[i].1.min(pred[i].0 + 60), 150), c.iter().map(|x| txt(ch(x.0))).collect(), d.quotes[j].source.as_ref().map_or("none".into(), |s| s.text.clone())),
                        gold: c.iter().map(|(sp, _, _)| src.is_some_and(|g| overlap(ch(*sp), g) > 0)).collect(),
                        rule: c.iter().position(|x| x.1),
                        fixed: qs[i].fixed,
                        cands: c.iter().map(|x| x.2.iter().filter(|f| !drop.iter().any(|d| f.starts_with(d.as_str()))).cloned().collect()).collect(),
                    }
                })
                .collect()
        })
        .collect()
}

/// Averaged perceptron over candidate sets: on a wrong pick, the best-scoring right candidate's
/// features gain and the pick's lose.
fn train_ranker(cases: &[&RankCase], epochs: usize) -> std::collections::BTreeMap<String, f32> {
    // developers: the mean of several runs over different shuffles (`STORYLINE_RANK_RUNS=5`)
    let runs: u64 = std::env::var("STORYLINE_RANK_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
    let mut sum: std::collections::BTreeMap<String, f32> = std::collections::BTreeMap::new();
    for r in 0..runs {
        for (k, v) in train_ranker_run(cases, epochs, r) {
            *sum.entry(k).or_insert(0.0) += v / runs as f32;
        }
    }
    sum.into_iter().filter(|(_, v)| v.abs() >= 1e-3).collect()
}

/// One averaged-perceptron run; `run` varies the shuffle (run 0 is the historical one).
fn train_ranker_run(cases: &[&RankCase], epochs: usize, run: u64) -> std::collections::BTreeMap<String, f32> {
    use std::collections::HashMap;
    let mut w: HashMap<&str, (f32, f32, usize)> = HashMap::new(); // weight, summed, last update step
    let mut step = 1usize;
    let score = |w: &HashMap<&str, (f32, f32, usize)>, fs: &[String]| fs.iter().map(|f| w.get(f.as_str()).map_or(0.0, |x| x.0)).sum::<f32>();
    for ep in 0..epochs {
        // a fixed shuffle per epoch (deterministic)
        let mut order: Vec<usize> = (0..cases.len()).collect();
        let mut x = (0x9E37_79B9u64 ^ ep as u64).wrapping_add(run.wrapping_mul(0x2545_F491_4F6C_DD1D));
        for i in (1..order.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            order.swap(i, (x % (i as u64 + 1)) as usize);
        }
        for &ci in &order {
            let c = cases[ci];
            if c.fixed || !c.gold.iter().any(|&g| g) {
                continue;
            }
            let sc: Vec<f32> = c.cands.iter().enumerate().map(|(i, fs)| score(&w, fs) + if Some(i) == c.rule { 1e-4 } else { 0.0 }).collect();
            let pick = (0..sc.len()).fold(0, |b, i| if sc[i] > sc[b] { i } else { b });
            if !c.gold[pick] {
                let good = (0..sc.len()).filter(|&i| c.gold[i]).fold(None, |b: Option<usize>, i| if b.map_or(true, |b| sc[i] > sc[b]) { Some(i) } else { b }).unwrap();
                for (fs, d) in [(&c.cands[good], 1.0f32), (&c.cands[pick], -1.0)] {
                    for f in fs {
                        let e = w.entry(f.as_str()).or_insert((0.0, 0.0, step));
                        e.1 += e.0 * (step - e.2) as f32;
                        e.2 = step;
                        e.0 += d;
                    }
                }
            }
            step += 1;
        }
    }
    w.into_iter()
        .map(|(k, (v, sum, last))| (k.to_string(), (sum + v * (step - last) as f32) / step as f32))
        .filter(|(_, v)| v.abs() >= 1e-3)
        .collect()
}

/// Share of cases whose pick overlaps the gold source: the ranker's with `w`, and the patterns'.
/// The pattern's pick followed by a participle cue is kept, as in `ranker::rank` (on every
/// fold of train as good or better than letting the ranker move it).
fn rank_accuracy(cases: &[&RankCase], w: &std::collections::BTreeMap<String, f32>) -> (f64, f64) {
    let (mut r, mut p) = (0usize, 0usize);
    for c in cases {
        let keep = c.fixed || c.rule.is_some_and(|i| c.cands[i].iter().any(|f| f.starts_with("partR")));
        let sc: Vec<f32> = c.cands.iter().enumerate().map(|(i, fs)| fs.iter().map(|f| w.get(f).copied().unwrap_or(0.0)).sum::<f32>() + if Some(i) == c.rule { 1e-4 + if keep { 1e6 } else { 0.0 } } else { 0.0 }).collect();
        if !sc.is_empty() {
            let pick = (0..sc.len()).fold(0, |b, i| if sc[i] > sc[b] { i } else { b });
            r += c.gold[pick] as usize;
        }
        p += c.rule.is_some_and(|i| c.gold[i]) as usize;
    }
    let n = cases.len().max(1) as f64;
    (r as f64 / n, p as f64 / n)
}

/// The cases the ranker gets wrong with `w`: the quote in context, the pick, the pattern's, the gold.
fn rank_errors(cases: &[&RankCase], w: &std::collections::BTreeMap<String, f32>) -> Vec<String> {
    let mut out = Vec::new();
    for c in cases {
        let sc: Vec<f32> = c.cands.iter().enumerate().map(|(i, fs)| fs.iter().map(|f| w.get(f).copied().unwrap_or(0.0)).sum::<f32>() + if Some(i) == c.rule { 1e-4 + if c.fixed { 1e6 } else { 0.0 } } else { 0.0 }).collect();
        let pick = (0..sc.len()).fold(None, |b: Option<usize>, i| if b.map_or(true, |b| sc[i] > sc[b]) { Some(i) } else { b });
        if pick.is_some_and(|p| c.gold[p]) {
            continue;
        }
        let name = |i: Option<usize>| i.map_or("none".to_string(), |i| format!("{:?}", c.show.1[i]));
        let reach = if c.gold.iter().any(|&g| g) { "" } else { " (no candidate)" };
        let tp = |i: Option<usize>| i.map_or(String::from("-"), |i| c.cands[i].iter().find(|f| f.starts_with("tp=")).cloned().unwrap_or_default());
        let g = c.gold.iter().position(|&g| g);
        out.push(format!("pick {} rule {} gold {:?}{reach} [{} / {}]: {}", name(pick), name(c.rule), c.show.2, tp(pick), tp(g), c.show.0));
    }
    out
}

/// `storyline eval quotes --train-speakers OUT`: the speaker ranker trained on PolNeAR train
/// (`train`), with `folds` > 1 first cross-validated on it (each fold scored by a ranker
/// trained on the others, against the patterns alone), then scored on dev; the weights of the
/// ranker trained on all of train are written to `out` (`data/quotes/speaker_ranker.tsv`).
/// The figures are strict speaker accuracy over matched quotes, as `storyline eval quotes`.
pub fn train_speakers(train: &Path, dev: &Path, folds: usize, epochs: usize, keep_errors: bool, out: &Path) -> Result<String, String> {
    let load = |file: &Path| -> Result<Vec<PDoc>, String> {
        let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>().map_err(|e| format!("{}: {e}", file.display()))
    };
    let train_docs = load(train)?;
    let dev_docs = load(dev)?;
    let tr = rank_cases(&train_docs);
    let dv = rank_cases(&dev_docs);
    let mut report = String::new();
    let k = folds.max(1);
    if k > 1 {
        let mut gains = Vec::new();
        for f in 0..k {
            let fit: Vec<&RankCase> = tr.iter().enumerate().filter(|(i, _)| i % k != f).flat_map(|(_, c)| c).collect();
            let held: Vec<&RankCase> = tr.iter().enumerate().filter(|(i, _)| i % k == f).flat_map(|(_, c)| c).collect();
            let w = train_ranker(&fit, epochs);
            let (r, p) = rank_accuracy(&held, &w);
            gains.push(r - p);
            report.push_str(&format!("fold {f}: ranker {r:.3}, patterns {p:.3} ({} quotes)\n", held.len()));
            if std::env::var_os("STORYLINE_RANK_HELD").is_some() {
                for e in rank_errors(&held, &w) {
                    report.push_str(&format!("  held {e}\n"));
                }
            }
        }
        let lowest = gains.iter().copied().fold(f64::INFINITY, f64::min);
        report.push_str(&format!("lowest gain over the patterns on a fold: {lowest:+.3}\n"));
    }
    let all: Vec<&RankCase> = tr.iter().flatten().collect();
    let w = train_ranker(&all, epochs);
    let dev_cases: Vec<&RankCase> = dv.iter().flatten().collect();
    let (r, p) = rank_accuracy(&dev_cases, &w);
    let reach = dev_cases.iter().filter(|c| c.gold.iter().any(|&g| g)).count() as f64 / dev_cases.len().max(1) as f64;
    report.push_str(&format!("dev: ranker {r:.3}, patterns {p:.3} ({} quotes, {reach:.3} with a right candidate); {} weights\n", dev_cases.len(), w.len()));
    // the weights this binary ships, on the same cases: what retraining changes
    let shipped: std::collections::BTreeMap<String, f32> = include_str!("../../../data/quotes/speaker_ranker.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').and_then(|(k, v)| Some((k.to_string(), v.trim().parse().ok()?))))
        .collect();
    report.push_str(&format!("dev, shipped weights: ranker {:.3}\n", rank_accuracy(&dev_cases, &shipped).0));
    if k > 1 {
        // dev's folds as `storyline eval quotes --folds K` makes them (document i in fold i % K)
        let fold = |w: &std::collections::BTreeMap<String, f32>| {
            (0..k)
                .map(|f| {
                    let held: Vec<&RankCase> = dv.iter().enumerate().filter(|(i, _)| i % k == f).flat_map(|(_, c)| c).collect();
                    format!("{:.3}", rank_accuracy(&held, w).0)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        report.push_str(&format!("dev folds: ranker {}, shipped {}\n", fold(&w), fold(&shipped)));
    }
    if keep_errors {
        for e in rank_errors(&dev_cases, &w) {
            report.push_str(&format!("  dev {e}\n"));
        }
    }
    let mut body = String::from("# speaker ranker weights (feature<TAB>weight): storyline eval quotes --train-speakers, PolNeAR train; see src/analysis/quotes/ranker.rs\n");
    for (f, v) in &w {
        body.push_str(&format!("{f}\t{v:.4}\n"));
    }
    std::fs::write(out, body).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two PolNeAR-shaped documents: one whose quote is found with its speaker, one whose gold
    /// quote is not a quote storyline keeps (a markup value). Fold 0 and fold 1 then differ,
    /// the whole set adds them up, and `--errors` names the miss with its gold source.
    #[test]
    fn polnear_folds_split_documents_and_errors_name_the_gold() {
        let text0 = "\"We will win this state,\" Sanders said on Tuesday.\n";
        let text1 = "<tweet id=\"672138506081275904\">Praying for the victims.</tweet>\n";
        let doc = |id: &str, text: &str, q: (usize, usize), src: (usize, usize)| {
            let t: Vec<char> = text.chars().collect();
            let s = |a: usize, b: usize| t[a..b].iter().collect::<String>();
            serde_json::json!({"id": id, "text": text, "published": "2016-02-01",
                "quotes": [{"start": q.0, "end": q.1, "text": s(q.0, q.1), "title_like": false,
                    "source": {"start": src.0, "end": src.1, "text": s(src.0, src.1)}, "cue": null}]})
        };
        let lines = [doc("a", text0, (1, 24), (26, 33)).to_string(), doc("b", text1, (11, 29), (0, 6)).to_string()];
        let dir = std::env::temp_dir().join(format!("storyline-eval-quotes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("polnear-test.jsonl");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let f = polnear(&file, 2, true).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!((f.quotes.tp, f.quotes.predicted, f.quotes.gold), (1, 1, 2));
        assert_eq!(f.speaker_accuracy, 1.0);
        assert_eq!(f.folds.len(), 2);
        assert_eq!((f.folds[0].f1, f.folds[0].speaker), (1.0, 1.0));
        assert_eq!(f.folds[1].f1, 0.0);
        assert!(f.errors.iter().any(|e| e.starts_with("b missed quote (source Some(\"<tweet\")")), "{:?}", f.errors);
    }
}
