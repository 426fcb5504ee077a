//! Retrain the NER tagger:  cargo run --release --example train-ner -- TRAIN.jsonl OUT.bin [DEV.jsonl|-] [EPOCHS] [MIN_ABS] [DROPOUT] [FOLDS]
//! (DROPOUT: the share of features left out of each training step; FOLDS K: first score K
//! folds of the training documents, each by a model trained on the others.)
//! e.g. cargo run --release --example train-ner -- ../shared/eval/entities/conll2003-train.jsonl data/entities/ner_model.bin \
//!        ../shared/eval/entities/conll2003-dev.jsonl 12 0.5
use storyline::analysis::entities::{gazetteer, tagger};
use std::io::BufRead;

pub struct Doc { pub text: String, pub toks: Vec<tagger::Tok>, pub gold: Vec<u8> }

fn cp_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn load(path: &str) -> (Vec<Doc>, usize) {
    let f = std::io::BufReader::new(std::fs::File::open(path).expect("open"));
    let mut docs = Vec::new();
    let mut misaligned = 0;
    for line in f.lines() {
        let line = line.unwrap();
        if line.trim().is_empty() { continue; }
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        let text = v["text"].as_str().unwrap().to_string();
        let mut toks = tagger::tokenize(&text);
        gazetteer::set_flags(&mut toks);
        let cp = cp_to_byte(&text);
        let mut gold = vec![0u8; toks.len()];
        for e in v["entities"].as_array().unwrap() {
            let s = cp[e["start"].as_u64().unwrap() as usize];
            let en = cp[e["end"].as_u64().unwrap() as usize];
            let base = match e["type"].as_str().unwrap() { "PER" => 1, "LOC" => 3, "ORG" => 5, _ => 7 };
            let ks: Vec<usize> = (0..toks.len()).filter(|&k| toks[k].start >= s && toks[k].end <= en).collect();
            if ks.is_empty() || toks[ks[0]].start != s || toks[*ks.last().unwrap()].end != en { misaligned += 1; }
            for (n, &k) in ks.iter().enumerate() { gold[k] = if n == 0 { base } else { base + 1 }; }
        }
        docs.push(Doc { text, toks, gold });
    }
    (docs, misaligned)
}

fn spans(l: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < l.len() {
        let t = tagger::label_type(l[i]);
        if t == 0 { i += 1; continue; }
        let mut j = i + 1;
        while j < l.len() && tagger::is_inside(l[j]) && tagger::label_type(l[j]) == t { j += 1; }
        out.push((i, j, t));
        i = j;
    }
    out
}

fn eval(docs: &[Doc], m: &tagger::Model) -> f64 {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for d in docs {
        let pred = tagger::tag(&d.text, &d.toks, m);
        let p: Vec<_> = spans(&pred).into_iter().filter(|s| s.2 <= 3).collect();
        let g: Vec<_> = spans(&d.gold).into_iter().filter(|s| s.2 <= 3).collect();
        np += p.len(); ng += g.len();
        tp += p.iter().filter(|x| g.contains(x)).count();
    }
    let pr = tp as f64 / np.max(1) as f64;
    let rc = tp as f64 / ng.max(1) as f64;
    2.0 * pr * rc / (pr + rc).max(1e-9)
}

/// `epochs` passes over `docs` (shuffled the same way each run); with `dev`, its F1 after each.
fn train_on(docs: &[&Doc], epochs: usize, min_abs: f32, dropout: f32, dev: Option<&[Doc]>, verbose: bool) -> tagger::Trainer {
    let mut order: Vec<&Doc> = docs.to_vec();
    let mut tr = tagger::Trainer::with_dropout(dropout);
    // deterministic shuffle
    let mut seed: u64 = 12345;
    for ep in 0..epochs {
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = (seed >> 33) as usize % (i + 1);
            order.swap(i, j);
        }
        let (mut n, mut e) = (0, 0);
        for d in &order {
            let (a, b) = tr.train_doc(&d.text, &d.toks, &d.gold);
            n += a; e += b;
        }
        if verbose {
            let mut line = format!("epoch {} scored {} err {:.4} feats {}", ep + 1, n, e as f64 / n as f64, tr.index.len());
            if let Some(dd) = dev {
                let (bytes, _) = tr.export(min_abs);
                let m = tagger::Model::from_bytes(&bytes);
                line += &format!(" dev-F1(raw tagger, PER/LOC/ORG) {:.4}", eval(dd, &m));
            }
            eprintln!("{}", line);
        }
    }
    tr
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let train = a.get(1).expect("train path");
    let out = a.get(2).expect("out path");
    let dev = a.get(3).filter(|s| !s.is_empty() && s.as_str() != "-");
    let epochs: usize = a.get(4).and_then(|s| s.parse().ok()).unwrap_or(10);
    let min_abs: f32 = a.get(5).and_then(|s| s.parse().ok()).unwrap_or(0.5);
    let dropout: f32 = a.get(6).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let folds: usize = a.get(7).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (docs, mis) = load(train);
    eprintln!("train docs {} misaligned entities {}", docs.len(), mis);
    let devd = dev.map(|p| load(p).0);
    if folds >= 2 {
        // K folds of the training documents (document i in fold i mod K): each scored by a
        // model trained on the others
        let f1: Vec<f64> = (0..folds)
            .map(|f| {
                let tr: Vec<&Doc> = docs.iter().enumerate().filter(|(i, _)| i % folds != f).map(|(_, d)| d).collect();
                let held: Vec<&Doc> = docs.iter().enumerate().filter(|(i, _)| i % folds == f).map(|(_, d)| d).collect();
                let t = train_on(&tr, epochs, min_abs, dropout, None, false);
                let m = tagger::Model::from_bytes(&t.export(min_abs).0);
                let held: Vec<Doc> = held.into_iter().map(|d| Doc { text: d.text.clone(), toks: d.toks.clone(), gold: d.gold.clone() }).collect();
                eval(&held, &m)
            })
            .collect();
        let mean = f1.iter().sum::<f64>() / f1.len() as f64;
        let sd = (f1.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f1.len() as f64).sqrt();
        let list: Vec<String> = f1.iter().map(|x| format!("{x:.4}")).collect();
        eprintln!("train {folds}-fold F1 (raw tagger, PER/LOC/ORG) mean {mean:.4} sd {sd:.4}: {}", list.join(" "));
    }
    let all: Vec<&Doc> = docs.iter().collect();
    let tr = train_on(&all, epochs, min_abs, dropout, devd.as_deref(), true);
    let (bytes, kept) = tr.export(min_abs);
    std::fs::write(out, &bytes).unwrap();
    eprintln!("wrote {} ({} features kept of {}, {} bytes)", out, kept, tr.index.len(), bytes.len());
}
