//! Retrain the NER tagger:  cargo run --release --example train-ner -- TRAIN.jsonl OUT.bin [DEV.jsonl|-] [EPOCHS] [MIN_ABS] [DROPOUT] [FOLDS] [MEMBERS]
//! (DROPOUT: the share of features left out of each training step; FOLDS K: first score K
//! folds of the training documents, each by a model trained on the others, both the raw
//! tagger and the whole recogniser (`find_entities_with`: the rules on top, scored as
//! `storyline eval entities` scores CoNLL dev); MEMBERS M: the weights shipped are the
//! average of M models trained in other document orders and dropout draws; env NER_EXTRA=PATH:
//! documents added to the training of every fold and of the model written, never scored.
//! Every figure is also split into names seen in the training documents and unseen ones;
//! env NER_SEEDS=DIR (`../shared/eval/seeds`, run from the repository) scores the model written
//! on the seeds gold too.)
//! The shipped model (`data/README.md`): cargo run --release --example train-ner -- ../shared/eval/entities/conll2003-train.jsonl \
//!        data/entities/ner_model.bin ../shared/eval/entities/conll2003-dev.jsonl 20 0.5 0 5
use storyline::analysis::entities::{gazetteer, tagger};
use std::io::BufRead;

pub struct Doc { pub text: String, pub toks: Vec<tagger::Tok>, pub gold: Vec<u8>, pub ents: Vec<(usize, usize, u8)>, pub names: Vec<String> }

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
        let mut ents = Vec::new();
        let mut names = Vec::new();
        for e in v["entities"].as_array().unwrap() {
            names.push(e["text"].as_str().unwrap().to_string());
            let s = cp[e["start"].as_u64().unwrap() as usize];
            let en = cp[e["end"].as_u64().unwrap() as usize];
            let base = match e["type"].as_str().unwrap() { "PER" => 1, "LOC" => 3, "ORG" => 5, _ => 7 };
            if base < 7 { ents.push((s, en, (base + 1) / 2)); }
            let ks: Vec<usize> = (0..toks.len()).filter(|&k| toks[k].start >= s && toks[k].end <= en).collect();
            if ks.is_empty() || toks[ks[0]].start != s || toks[*ks.last().unwrap()].end != en { misaligned += 1; }
            for (n, &k) in ks.iter().enumerate() { gold[k] = if n == 0 { base } else { base + 1 }; }
        }
        docs.push(Doc { text, toks, gold, ents, names });
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
    eval_split(docs, m, &Seen::default()).all()
}

/// The names (entity texts, any type) of training documents: a held-out entity whose text is
/// among them is "seen", any other "unseen" (what a held-out test set is rich in).
#[derive(Default)]
struct Seen(std::collections::HashSet<String>);
impl Seen {
    fn of(docs: &[&Doc]) -> Seen {
        Seen(docs.iter().flat_map(|d| d.names.iter().cloned()).collect())
    }
}

/// Exact-match counts (tp, predicted, gold) for seen [0] and unseen [1] names: a prediction is
/// counted with the group its own text falls in.
#[derive(Default, Clone, Copy)]
struct Split([[usize; 3]; 2]);
impl Split {
    fn add(&mut self, text: &str, seen: &Seen, p: &[(usize, usize, u8)], g: &[(usize, usize, u8)]) {
        for x in p {
            let k = !seen.0.contains(&text[x.0..x.1]) as usize;
            self.0[k][1] += 1;
            if g.contains(x) { self.0[k][0] += 1; }
        }
        for x in g {
            self.0[!seen.0.contains(&text[x.0..x.1]) as usize][2] += 1;
        }
    }
    fn all(&self) -> f64 {
        f1(self.0[0][0] + self.0[1][0], self.0[0][1] + self.0[1][1], self.0[0][2] + self.0[1][2])
    }
    fn part(&self, k: usize) -> f64 { f1(self.0[k][0], self.0[k][1], self.0[k][2]) }
    fn show(&self) -> String {
        format!("{:.4} (seen {:.4} n={}, unseen {:.4} n={})", self.all(), self.part(0), self.0[0][2], self.part(1), self.0[1][2])
    }
}

fn eval_split(docs: &[Doc], m: &tagger::Model, seen: &Seen) -> Split {
    let mut sp = Split::default();
    for d in docs {
        let pred = tagger::tag(&d.text, &d.toks, m);
        let by = |v: Vec<(usize, usize, u8)>| -> Vec<(usize, usize, u8)> { v.into_iter().filter(|s| s.2 <= 3).map(|(a, b, t)| (d.toks[a].start, d.toks[b - 1].end, t)).collect() };
        sp.add(&d.text, seen, &by(spans(&pred)), &by(spans(&d.gold)));
    }
    sp
}

fn f1(tp: usize, np: usize, ng: usize) -> f64 {
    let pr = tp as f64 / np.max(1) as f64;
    let rc = tp as f64 / ng.max(1) as f64;
    2.0 * pr * rc / (pr + rc).max(1e-9)
}

/// Exact span+kind micro F1 of the whole recogniser (PERSON/PLACE/ORG) with model `m`.
fn eval_pipeline(docs: &[&Doc], m: &tagger::Model, seen: &Seen) -> Split {
    use storyline::analysis::entities::{find_entities_with, Kind};
    let mut sp = Split::default();
    for d in docs {
        let p: Vec<(usize, usize, u8)> = find_entities_with(&d.text, &storyline::text::Tokens::new(&d.text), m)
            .into_iter()
            .filter_map(|e| Some((e.start, e.end, match e.kind { Kind::Person => 1, Kind::Place => 2, Kind::Org => 3, Kind::Other => return None })))
            .collect();
        sp.add(&d.text, seen, &p, &d.ents);
    }
    sp
}

/// NER_SEEDS=DIR (`../shared/eval/seeds`, articles in `examples/`): exact span+kind micro F1 of
/// the recogniser with model `m` on the seeds gold, as `storyline eval entities` scores it.
fn seeds_f1(dir: &str, m: &tagger::Model) -> f64 {
    use storyline::analysis::entities::{find_entities_with, Kind};
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "json") && p.file_name().is_some_and(|n| n != "story.json")).collect();
    files.sort();
    for f in files {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let text = std::fs::read_to_string(format!("examples/{}", v["file"].as_str().unwrap())).unwrap();
        let cp = cp_to_byte(&text);
        let gold: Vec<(usize, usize, &str)> = v["entities"].as_array().unwrap().iter().map(|e| (cp[e["start"].as_u64().unwrap() as usize], cp[e["end"].as_u64().unwrap() as usize], e["kind"].as_str().unwrap())).collect();
        let pred: Vec<(usize, usize, &str)> = find_entities_with(&text, &storyline::text::Tokens::new(&text), m)
            .into_iter()
            .filter_map(|e| Some((e.start, e.end, match e.kind { Kind::Person => "PERSON", Kind::Place => "PLACE", Kind::Org => "ORG", Kind::Other => return None })))
            .collect();
        np += pred.len(); ng += gold.len();
        tp += pred.iter().filter(|x| gold.contains(x)).count();
    }
    f1(tp, np, ng)
}

/// `members` models trained as `train_on` trains one, member k > 0 in another document order
/// and dropout draw, their averaged weights exported.
fn train_avg(docs: &[&Doc], epochs: usize, min_abs: f32, dropout: f32, members: usize, dev: Option<&[Doc]>, verbose: bool) -> Vec<u8> {
    if members <= 1 {
        return train_on(docs, epochs, min_abs, dropout, dev, verbose, 0).export(min_abs).0;
    }
    let mut rows = tagger::FastMap::default();
    for k in 0..members {
        let t = train_on(docs, epochs, min_abs, dropout, dev, verbose, k);
        t.add_averaged(1.0 / members as f32, &mut rows);
    }
    tagger::export_rows(&rows, min_abs).0
}

/// `epochs` passes over `docs` (shuffled the same way each run); with `dev`, its F1 after each.
fn train_on(docs: &[&Doc], epochs: usize, min_abs: f32, dropout: f32, dev: Option<&[Doc]>, verbose: bool, member: usize) -> tagger::Trainer {
    let mut order: Vec<&Doc> = docs.to_vec();
    let mut tr = tagger::Trainer::with_dropout(dropout);
    // deterministic shuffle
    let mut seed: u64 = 12345;
    if member > 0 {
        seed = tagger::mix(seed + member as u64);
        tr.reseed(tagger::mix(0x853c49e6748fea9b ^ member as u64));
    }
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
    let members: usize = a.get(8).and_then(|s| s.parse().ok()).unwrap_or(1);
    let (docs, mis) = load(train);
    eprintln!("train docs {} misaligned entities {}", docs.len(), mis);
    // NER_EXTRA=PATH: more documents added to the training of every fold and of the model
    // written (the folds still hold out and score only the documents of TRAIN)
    let extra = std::env::var("NER_EXTRA").ok().map(|p| load(&p).0).unwrap_or_default();
    let devd = dev.map(|p| load(p).0);
    if folds >= 2 {
        // K folds of the training documents (document i in fold i mod K): each scored by a
        // model trained on the others (the folds in parallel)
        use rayon::prelude::*;
        let f1: Vec<(Split, Split)> = (0..folds)
            .into_par_iter()
            .map(|f| {
                let tr: Vec<&Doc> = docs.iter().enumerate().filter(|(i, _)| i % folds != f).map(|(_, d)| d).chain(extra.iter()).collect();
                let held: Vec<&Doc> = docs.iter().enumerate().filter(|(i, _)| i % folds == f).map(|(_, d)| d).collect();
                let m = tagger::Model::from_bytes(&train_avg(&tr, epochs, min_abs, dropout, members, None, false));
                let raw: Vec<Doc> = held.iter().map(|d| Doc { text: d.text.clone(), toks: d.toks.clone(), gold: d.gold.clone(), ents: Vec::new(), names: Vec::new() }).collect();
                let seen = Seen::of(&tr);
                (eval_split(&raw, &m, &seen), eval_pipeline(&held, &m, &seen))
            })
            .collect();
        for (name, sp) in [("raw tagger", f1.iter().map(|x| x.0).collect::<Vec<_>>()), ("recogniser", f1.iter().map(|x| x.1).collect())] {
            for (k, part) in ["seen", "unseen"].iter().enumerate() {
                let list: Vec<String> = sp.iter().map(|x| format!("{:.4}", x.part(k))).collect();
                let mean = sp.iter().map(|x| x.part(k)).sum::<f64>() / sp.len() as f64;
                eprintln!("train {folds}-fold F1 ({name}, PER/LOC/ORG, {part} names) mean {mean:.4}: {}", list.join(" "));
            }
            let v: Vec<f64> = sp.iter().map(|x| x.all()).collect();
            let mean = v.iter().sum::<f64>() / v.len() as f64;
            let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
            let list: Vec<String> = v.iter().map(|x| format!("{x:.4}")).collect();
            eprintln!("train {folds}-fold F1 ({name}, PER/LOC/ORG) mean {mean:.4} sd {sd:.4}: {}", list.join(" "));
        }
    }
    let all: Vec<&Doc> = docs.iter().chain(extra.iter()).collect();
    let bytes = train_avg(&all, epochs, min_abs, dropout, members, devd.as_deref(), members <= 1);
    let m = tagger::Model::from_bytes(&bytes);
    if let Some(dd) = devd.as_deref() {
        let refs: Vec<&Doc> = dd.iter().collect();
        let seen = Seen::of(&all);
        eprintln!("dev F1 (PER/LOC/ORG): raw tagger {}, recogniser {}", eval_split(dd, &m, &seen).show(), eval_pipeline(&refs, &m, &seen).show());
    }
    if let Ok(dir) = std::env::var("NER_SEEDS") {
        eprintln!("seeds F1 (the recogniser, PERSON/PLACE/ORG exact): {:.4}", seeds_f1(&dir, &m));
    }
    std::fs::write(out, &bytes).unwrap();
    eprintln!("wrote {} ({} bytes)", out, bytes.len());
}
