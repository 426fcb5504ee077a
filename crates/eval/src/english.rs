//! The English entity tagger's training and trials, on CoNLL-2003: train (946 documents) to
//! learn, dev (216, never trained on) to score, by folds of dev documents so a change is seen
//! on each part of dev, and on the dev names never seen in train (what held-out text from a
//! later month is full of).
//!
//! - [`build_words`]: the word table (`storyline::analysis::entities::words`): clusters and usual
//!   case of words from the English article text of the eval data (CoNLL-2003 dev left out, so
//!   dev stays text the table never read, as held-out text is), entity kinds from train's gold.
//! - [`train`]: the tagger's weights from train; the kinds a training word gets come from the
//!   other tenths of train (jackknifed), so the model learns how far a kind seen elsewhere is
//!   worth trusting rather than that it is always right.
//! - [`trials`]: models trained with feature groups off and on, each scored on dev.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use storyline::analysis::entities::words::{self, Word, Words, CASE_LOWER, CASE_TITLE, CASE_UPPER};
use storyline::analysis::entities::{self, tagger, Kind};
use storyline::text::{CharIndex, Tokens};

use crate::entities::gold_kind;
use crate::score::Prf;

#[derive(Deserialize)]
pub struct Doc {
    pub id: String,
    pub text: String,
    pub entities: Vec<Ent>,
}

#[derive(Deserialize)]
pub struct Ent {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
}

/// The documents of a CoNLL-2003 file (`entities/conll2003-*.jsonl`).
pub fn load(file: &Path) -> Result<Vec<Doc>, String> {
    let data = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    data.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", file.display(), n + 1)))
        .collect()
}

/// 1 PER, 2 LOC, 3 ORG, 4 MISC.
fn type_no(t: &str) -> u8 {
    match t {
        "PER" => 1,
        "LOC" => 2,
        "ORG" => 3,
        _ => 4,
    }
}

/// A training document: tokens (with the word table's entries) and gold BIO labels.
struct Prepared {
    text: String,
    toks: Vec<tagger::Tok>,
    gold: Vec<u8>,
}

fn prepare(d: &Doc) -> Prepared {
    let toks = entities::english_tokens(&d.text, &Tokens::new(&d.text));
    let mut cp: Vec<usize> = d.text.char_indices().map(|(b, _)| b).collect();
    cp.push(d.text.len());
    let mut gold = vec![0u8; toks.len()];
    for e in d.entities.iter().filter(|e| e.start < e.end && e.end < cp.len()) {
        let (s, en) = (cp[e.start], cp[e.end]);
        let base = 2 * type_no(&e.kind) - 1;
        let mut first = true;
        for (k, t) in toks.iter().enumerate() {
            if t.start >= s && t.end <= en {
                gold[k] = if first { base } else { base + 1 };
                first = false;
            }
        }
    }
    Prepared { text: d.text.clone(), toks, gold }
}

/// Lower-case word hash → kinds (bit per type) of the gold entities of `docs` that contain it.
fn kinds_of<'a>(docs: impl Iterator<Item = &'a Prepared>) -> HashMap<u64, u8> {
    let mut m: HashMap<u64, u8> = HashMap::new();
    for d in docs {
        for (t, &g) in d.toks.iter().zip(&d.gold) {
            if g != 0 && t.flags & tagger::F_HAS_ALPHA != 0 {
                *m.entry(t.lower).or_default() |= 1 << (tagger::label_type(g) - 1);
            }
        }
    }
    m
}

const KIND_FOLDS: usize = 10;

/// Train the English tagger on `docs` (CoNLL-2003 train), `epochs` passes in a fixed shuffled
/// order, with the feature groups in use (`tagger::features_on`); weights in the
/// `Model::from_bytes` format, features under `min_abs` dropped.
pub fn train(docs: &[Doc], epochs: usize, min_abs: f32) -> Vec<u8> {
    train_seeded(docs, epochs, min_abs, 12345)
}

/// [`train`] with the shuffles drawn from `seed`.
pub fn train_seeded(docs: &[Doc], epochs: usize, min_abs: f32, seed: u64) -> Vec<u8> {
    let mut prepared: Vec<Prepared> = docs.par_iter().map(prepare).collect();
    // the kinds of each document's words from the other tenths of the documents
    let per_fold: Vec<HashMap<u64, u8>> = (0..KIND_FOLDS).map(|f| kinds_of(prepared.iter().enumerate().filter(|(i, _)| i % KIND_FOLDS != f).map(|(_, d)| d))).collect();
    for (i, d) in prepared.iter_mut().enumerate() {
        let m = &per_fold[i % KIND_FOLDS];
        for t in d.toks.iter_mut() {
            t.kinds = m.get(&t.lower).copied().unwrap_or(0);
        }
    }
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut tr = tagger::Trainer::default();
    let mut seed = seed;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        for &i in &order {
            let d = &prepared[i];
            tr.train_doc(&d.text, &d.toks, &d.gold);
        }
    }
    tr.export(min_abs).0
}

// ------------------------------------------------------------------ scoring on dev

/// CoNLL-2003 dev scored by one model: micro F1 (exact span + kind, PER/LOC/ORG), per kind,
/// per fold of documents (document `i` in fold `i mod K`), and on the names unseen in train.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DevFigures {
    pub micro: Prf,
    pub per_kind: std::collections::BTreeMap<String, Prf>,
    pub fold_f1: Vec<f64>,
    /// Gold and predicted mentions whose text is no entity's text in train.
    pub unseen: Prf,
}

/// The entity texts of train's gold (any type): what makes a dev name "seen".
pub fn seen_names(train: &[Doc]) -> HashSet<String> {
    train.iter().flat_map(|d| d.entities.iter().map(|e| e.text.clone())).collect()
}


/// Score predictions (code points, kind) of every dev document.
pub fn score(dev: &[Doc], preds: &[Vec<(usize, usize, String)>], seen: &HashSet<String>, folds: usize) -> DevFigures {
    let mut f = DevFigures::default();
    let mut per_fold = vec![Prf::default(); folds.max(1)];
    for (i, (d, p)) in dev.iter().zip(preds).enumerate() {
        let gold: Vec<(usize, usize, &str, bool)> = d.entities.iter().filter_map(|e| Some((e.start, e.end, gold_kind(&e.kind)?, !seen.contains(&e.text)))).collect();
        let cut = |s: usize, e: usize| -> String { d.text.chars().skip(s).take(e - s).collect() };
        let tp = p.iter().filter(|x| gold.iter().any(|g| (g.0, g.1, g.2) == (x.0, x.1, x.2.as_str()))).count();
        f.micro.add(tp, p.len(), gold.len());
        let nf = per_fold.len();
        per_fold[i % nf].add(tp, p.len(), gold.len());
        for k in ["PERSON", "PLACE", "ORG"] {
            let pk = p.iter().filter(|x| x.2 == k).count();
            let gk = gold.iter().filter(|g| g.2 == k).count();
            let tk = p.iter().filter(|x| x.2 == k && gold.iter().any(|g| (g.0, g.1, g.2) == (x.0, x.1, k))).count();
            f.per_kind.entry(k.to_string()).or_default().add(tk, pk, gk);
        }
        let pu: Vec<_> = p.iter().filter(|x| !seen.contains(&cut(x.0, x.1))).collect();
        let gu = gold.iter().filter(|g| g.3).count();
        let tu = pu.iter().filter(|x| gold.iter().any(|g| g.3 && (g.0, g.1, g.2) == (x.0, x.1, x.2.as_str()))).count();
        f.unseen.add(tu, pu.len(), gu);
    }
    if folds >= 2 {
        f.fold_f1 = per_fold.iter().map(|p| p.f1).collect();
    }
    f
}

/// The entity layer's mentions of a text by `model` (code points; OTHER dropped).
pub fn preds_with(text: &str, model: &tagger::Model) -> Vec<(usize, usize, String)> {
    let ci = CharIndex::new(text);
    entities::find_entities_with(text, &Tokens::new(text), model)
        .into_iter()
        .filter(|e| e.kind != Kind::Other)
        .map(|e| (ci.char_of(e.start), ci.char_of(e.end), e.kind.as_str().to_string()))
        .collect()
}

/// One line per feature mask: models trained on train with those groups (one per shuffle
/// seed), scored on dev; the F1s are the seeds' means.
pub fn trials(train_docs: &[Doc], dev: &[Doc], masks: &[u32], epochs: usize, min_abs: f32, folds: usize, seeds: usize) -> Vec<(u32, usize, DevFigures)> {
    let seen = seen_names(train_docs);
    masks
        .iter()
        .map(|&mask| {
            tagger::set_features(mask);
            let runs: Vec<(usize, DevFigures)> = (0..seeds.max(1) as u64)
                .map(|s| {
                    let bytes = train_seeded(train_docs, epochs, min_abs, 12345 + 7919 * s);
                    let model = tagger::Model::from_bytes(&bytes);
                    let preds: Vec<_> = dev.par_iter().map(|d| preds_with(&d.text, &model)).collect();
                    (bytes.len(), score(dev, &preds, &seen, folds))
                })
                .collect();
            let n = runs.len() as f64;
            let mut f = runs[0].1.clone();
            let mean = |g: &dyn Fn(&DevFigures) -> f64| runs.iter().map(|r| g(&r.1)).sum::<f64>() / n;
            f.micro.f1 = mean(&|x| x.micro.f1);
            f.micro.precision = mean(&|x| x.micro.precision);
            f.micro.recall = mean(&|x| x.micro.recall);
            f.unseen.f1 = mean(&|x| x.unseen.f1);
            f.unseen.precision = mean(&|x| x.unseen.precision);
            f.unseen.recall = mean(&|x| x.unseen.recall);
            for (k, p) in f.per_kind.iter_mut() {
                p.f1 = mean(&|x| x.per_kind[k].f1);
            }
            for (i, v) in f.fold_f1.iter_mut().enumerate() {
                *v = mean(&|x| x.fold_f1[i]);
            }
            (mask, runs[0].0, f)
        })
        .collect()
}

// ------------------------------------------------------------------ the word table

/// The English article texts of the eval data: every `text` (and `articles[].text`) of the
/// JSONL files under `root`, except the multilingual sets, the HTML sets and CoNLL-2003 dev;
/// each distinct text once.
pub fn unlabelled_texts(root: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?.flatten() {
            let p = e.path();
            let name = p.file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            if p.is_dir() {
                if !matches!(name.as_str(), "multilingual" | "html" | "html_text") {
                    stack.push(p);
                }
            } else if name.ends_with(".jsonl") && !name.contains("conll2003-dev") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for file in files {
        let data = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for l in data.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(l) else { continue };
            let mut push = |t: Option<&str>| {
                if let Some(t) = t.filter(|t| t.len() > 20) {
                    if seen.insert(storyline::analysis::entities::tagger::hash_lower_str(t) ^ t.len() as u64) {
                        out.push(t.to_string());
                    }
                }
            };
            push(v["text"].as_str());
            for a in v["articles"].as_array().into_iter().flatten() {
                push(a["text"].as_str());
            }
        }
    }
    Ok(out)
}

const CONTEXT_WORDS: usize = 1000;
const MIN_FREQ: u32 = 3;
const DIM: usize = 96;
const COARSE: usize = 64;
const FINE: usize = 16;

/// The word table: for each word seen at least `MIN_FREQ` times in `texts`, its cluster (k-means
/// over its left and right neighbours, positive PMI weighted and randomly projected: 64 coarse
/// clusters, 16 fine ones inside each) and usual case (outside sentence starts and headlines);
/// for each word of a train entity, its kinds. Returns the table's records.
pub fn build_words(texts: &[String], train: &[Doc]) -> Vec<(u32, Word)> {
    // tokens of every text: (lower hash, flags)
    let toks: Vec<Vec<(u64, u16)>> = texts.par_iter().map(|t| tagger::tokenize(t).into_iter().map(|x| (x.lower, x.flags)).collect()).collect();
    let mut freq: HashMap<u64, u32> = HashMap::new();
    // lower, title, upper counts where the case says something
    let mut cases: HashMap<u64, [u32; 3]> = HashMap::new();
    for doc in &toks {
        for &(w, fl) in doc {
            *freq.entry(w).or_default() += 1;
            if fl & tagger::F_HAS_ALPHA == 0 || fl & (tagger::F_SENT_START | tagger::F_CAPS_LINE) != 0 {
                continue;
            }
            let c = if fl & tagger::F_HAS_UPPER == 0 {
                0
            } else if fl & tagger::F_ALL_UPPER != 0 {
                2
            } else {
                1
            };
            cases.entry(w).or_default()[c] += 1;
        }
    }
    let mut by_freq: Vec<(u64, u32)> = freq.iter().map(|(&w, &n)| (w, n)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let ctx_id: HashMap<u64, usize> = by_freq.iter().take(CONTEXT_WORDS).enumerate().map(|(i, &(w, _))| (w, i)).collect();
    let vocab: Vec<u64> = by_freq.iter().filter(|&&(_, n)| n >= MIN_FREQ).map(|&(w, _)| w).collect();
    let vid: HashMap<u64, usize> = vocab.iter().enumerate().map(|(i, &w)| (w, i)).collect();
    // a context: the neighbour's id among the frequent words, else its case class; left and right
    let nctx = CONTEXT_WORDS + 4;
    let ctx_of = |w: u64, fl: u16| -> usize {
        match ctx_id.get(&w) {
            Some(&i) => i,
            None if fl & tagger::F_HAS_ALPHA == 0 => CONTEXT_WORDS,
            None if fl & tagger::F_ALL_UPPER != 0 => CONTEXT_WORDS + 1,
            None if fl & tagger::F_HAS_UPPER != 0 => CONTEXT_WORDS + 2,
            None => CONTEXT_WORDS + 3,
        }
    };
    let mut counts: Vec<HashMap<u32, u32>> = vec![HashMap::new(); vocab.len()];
    let mut ctx_total = vec![0f64; 2 * nctx];
    for doc in &toks {
        for i in 0..doc.len() {
            let Some(&v) = vid.get(&doc[i].0) else { continue };
            if i > 0 {
                let c = ctx_of(doc[i - 1].0, doc[i - 1].1);
                *counts[v].entry(c as u32).or_default() += 1;
                ctx_total[c] += 1.0;
            }
            if i + 1 < doc.len() {
                let c = nctx + ctx_of(doc[i + 1].0, doc[i + 1].1);
                *counts[v].entry(c as u32).or_default() += 1;
                ctx_total[c] += 1.0;
            }
        }
    }
    let total: f64 = ctx_total.iter().sum::<f64>().max(1.0);
    // a fixed random direction per context (splitmix64 → ±1 entries)
    let proj: Vec<[f32; DIM]> = (0..2 * nctx)
        .map(|c| {
            let mut r = [0f32; DIM];
            let mut s = (c as u64).wrapping_mul(0x9E3779B97F4A7C15) ^ 0x5EED;
            for x in r.iter_mut() {
                s = tagger::mix(s.wrapping_add(0x9E3779B97F4A7C15));
                *x = if s & 1 == 0 { 1.0 } else { -1.0 };
            }
            r
        })
        .collect();
    let vecs: Vec<[f32; DIM]> = counts
        .par_iter()
        .map(|m| {
            let n: f64 = m.values().map(|&x| x as f64).sum::<f64>().max(1.0);
            let mut v = [0f32; DIM];
            for (&c, &k) in m {
                let pmi = ((k as f64 * total) / (n * ctx_total[c as usize])).ln();
                if pmi > 0.0 {
                    for (x, p) in v.iter_mut().zip(&proj[c as usize]) {
                        *x += pmi as f32 * p;
                    }
                }
            }
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let all: Vec<usize> = (0..vecs.len()).collect();
    let coarse = kmeans(&vecs, &all, COARSE, 12);
    let mut fine = vec![0usize; vecs.len()];
    let groups: Vec<Vec<usize>> = (0..COARSE).map(|c| all.iter().copied().filter(|&i| coarse[i] == c).collect()).collect();
    let sub: Vec<Vec<usize>> = groups.par_iter().map(|g| kmeans(&vecs, g, FINE, 10)).collect();
    for (g, s) in groups.iter().zip(&sub) {
        for (&i, &f) in g.iter().zip(s) {
            fine[i] = f;
        }
    }
    let mut table: HashMap<u32, Word> = HashMap::new();
    for (i, &w) in vocab.iter().enumerate() {
        let e = table.entry(tagger::key32(w)).or_default();
        e.clus = 0x8000 | ((coarse[i] as u16) << 4) | fine[i] as u16;
    }
    for (&w, c) in &cases {
        let n = c[0] + c[1] + c[2];
        if n < 2 {
            continue;
        }
        let case = if c[0] * 2 >= n {
            CASE_LOWER
        } else if c[2] * 2 > n {
            CASE_UPPER
        } else {
            CASE_TITLE
        };
        table.entry(tagger::key32(w)).or_default().case = case;
    }
    let prepared: Vec<Prepared> = train.par_iter().map(prepare).collect();
    for (w, k) in kinds_of(prepared.iter()) {
        table.entry(tagger::key32(w)).or_default().kinds = k;
    }
    table.into_iter().collect()
}

/// k-means (cosine on unit vectors) of the rows `ids` of `vecs` into `k` clusters, `iters`
/// rounds from evenly spaced rows (the rows come most frequent first); each row's cluster.
fn kmeans(vecs: &[[f32; DIM]], ids: &[usize], k: usize, iters: usize) -> Vec<usize> {
    if ids.len() <= k {
        return (0..ids.len()).collect();
    }
    let mut cent: Vec<[f32; DIM]> = (0..k).map(|c| vecs[ids[c * ids.len() / k]]).collect();
    let mut asg = vec![0usize; ids.len()];
    for _ in 0..iters {
        asg = ids
            .par_iter()
            .map(|&i| {
                let v = &vecs[i];
                (0..k).max_by(|&a, &b| dot(v, &cent[a]).total_cmp(&dot(v, &cent[b]))).unwrap_or(0)
            })
            .collect();
        let mut sum = vec![[0f32; DIM]; k];
        for (n, &i) in ids.iter().enumerate() {
            for (s, x) in sum[asg[n]].iter_mut().zip(&vecs[i]) {
                *s += x;
            }
        }
        for (c, s) in cent.iter_mut().zip(&sum) {
            let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (x, y) in c.iter_mut().zip(s) {
                    *x = y / norm;
                }
            }
        }
    }
    asg
}

fn dot(a: &[f32; DIM], b: &[f32; DIM]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Developers: use the word table in `file` instead of the shipped one.
pub fn install_words(file: &Path) -> Result<(), String> {
    let b = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    if !words::install(Words::from_bytes(&b)) {
        return Err("a word table is already in use".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, ents: &[(&str, &str)]) -> Doc {
        let entities = ents
            .iter()
            .map(|(name, kind)| {
                let b = text.find(name).unwrap();
                let start = text[..b].chars().count();
                Ent { start, end: start + name.chars().count(), kind: kind.to_string(), text: name.to_string() }
            })
            .collect();
        Doc { id: "d".into(), text: text.into(), entities }
    }

    #[test]
    fn names_train_never_had_are_scored_apart() {
        let train = [doc("Clinton met Yeltsin in Moscow.", &[("Clinton", "PER"), ("Yeltsin", "PER"), ("Moscow", "LOC")])];
        let dev = [doc("Clinton flew to Grozny with Lebed.", &[("Clinton", "PER"), ("Grozny", "LOC"), ("Lebed", "PER")])];
        let seen = seen_names(&train);
        // Clinton right (seen), Grozny right (unseen), Lebed as an ORG: missed, and a false unseen one
        let preds = vec![vec![(0, 7, "PERSON".to_string()), (16, 22, "PLACE".to_string()), (28, 33, "ORG".to_string())]];
        let f = score(&dev, &preds, &seen, 2);
        assert_eq!((f.micro.tp, f.micro.predicted, f.micro.gold), (2, 3, 3));
        assert_eq!((f.unseen.tp, f.unseen.predicted, f.unseen.gold), (1, 2, 2));
        assert_eq!(f.fold_f1.len(), 2);
        assert_eq!(f.per_kind["PLACE"].f1, 1.0);
    }
}
