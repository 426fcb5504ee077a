//! Word clusters for the entity tagger (`data/entities/clusters.tsv`), learned from unlabelled
//! text by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998):
//!
//!   cargo run --release --example word-clusters -- OUT.tsv FINE COARSE MIN_COUNT MAX_WORDS ITERS FILE.jsonl...
//!
//! Every string field named `text` of every JSON line of the files (at any depth: a NeuS
//! cluster's articles) is cut into the tagger's own tokens (`tagger::tokenize`; with a `lang`
//! field the multilingual tagger reads, `intl::tokens`, elisions split off) and lower-cased.
//! A word's contexts are the words just before and after it (a rare word is one "rare" context;
//! a line break is a context of its own). The clustering maximises the likelihood of a class
//! model P(w, context) = P(c(w)) P(context | c(w)) P(w | c(w)), that is
//! Σ N(context, c) log N(context, c) − 2 Σ N(c) log N(c), moving one word at a time to the class
//! that raises it most, words in order of frequency, `ITERS` passes over the vocabulary. The
//! `COARSE` classes are the same algorithm run over the `FINE` classes (each with its summed
//! contexts), so every fine class lies inside one coarse class, two levels of a hierarchy as
//! Brown clusters' bit-string prefixes give.
//!
//! Output: `word<TAB>coarse<TAB>fine` for the `MAX_WORDS` most frequent words seen at least
//! `MIN_COUNT` times (and with a letter), most frequent first. Deterministic.
use std::collections::HashMap;
use std::io::BufRead;

use storyline::analysis::entities::{intl, tagger};

fn texts(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                match x {
                    serde_json::Value::String(s) if k == "text" => out.push(s.clone()),
                    _ => texts(x, out),
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        _ => {}
    }
}

/// (context, count) pairs in context order.
fn sorted(m: HashMap<u32, u32>) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = m.into_iter().collect();
    v.sort_unstable();
    v
}

/// x ln x, tabulated for small counts.
struct XLogX(Vec<f64>);
impl XLogX {
    fn new() -> Self {
        XLogX((0..1u32 << 16).map(|x| if x == 0 { 0.0 } else { x as f64 * (x as f64).ln() }).collect())
    }
    #[inline]
    fn f(&self, x: u32) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Exchange clustering of `items` (each a list of (context, count)) into `k` classes over
/// `n_ctx` contexts; `init[i]` the first class of item i. Returns each item's class.
fn exchange(items: &[Vec<(u32, u32)>], n_ctx: usize, k: usize, iters: usize, init: Vec<u32>, label: &str) -> Vec<u32> {
    let t = XLogX::new();
    let mut class = init;
    let mut n = vec![0u32; n_ctx * k];
    let mut nc = vec![0u32; k];
    let tot: Vec<u32> = items.iter().map(|p| p.iter().map(|x| x.1).sum()).collect();
    for (i, p) in items.iter().enumerate() {
        let c = class[i] as usize;
        for &(x, m) in p {
            n[x as usize * k + c] += m;
        }
        nc[c] += tot[i];
    }
    let objective = |n: &[u32], nc: &[u32]| -> f64 { n.iter().map(|&x| t.f(x)).sum::<f64>() - 2.0 * nc.iter().map(|&x| t.f(x)).sum::<f64>() };
    eprintln!("{label}: start objective {:.0}", objective(&n, &nc));
    let mut delta = vec![0f64; k];
    for it in 0..iters {
        let mut moved = 0;
        for (i, p) in items.iter().enumerate() {
            let a = class[i] as usize;
            for &(x, m) in p {
                n[x as usize * k + a] -= m;
            }
            nc[a] -= tot[i];
            for b in 0..k {
                delta[b] = -2.0 * (t.f(nc[b] + tot[i]) - t.f(nc[b]));
            }
            for &(x, m) in p {
                let row = &n[x as usize * k..(x as usize + 1) * k];
                for (d, &r) in delta.iter_mut().zip(row) {
                    *d += t.f(r + m) - t.f(r);
                }
            }
            let mut best = a;
            for b in 0..k {
                if delta[b] > delta[best] + 1e-9 {
                    best = b;
                }
            }
            if best != a {
                moved += 1;
            }
            for &(x, m) in p {
                n[x as usize * k + best] += m;
            }
            nc[best] += tot[i];
            class[i] = best as u32;
        }
        eprintln!("{label}: pass {} moved {moved} objective {:.0}", it + 1, objective(&n, &nc));
        if moved == 0 {
            break;
        }
    }
    class
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 8 {
        eprintln!("usage: word-clusters OUT.tsv FINE COARSE MIN_COUNT MAX_WORDS ITERS FILE.jsonl...");
        std::process::exit(2);
    }
    let num = |i: usize| -> usize { a[i].parse().unwrap_or_else(|_| panic!("argument {i} ({:?}) is not a number", a[i])) };
    let (out, fine, coarse, min_count, max_words, iters) = (&a[1], num(2), num(3), num(4) as u32, num(5), num(6));
    // the corpus as word ids, u32::MAX at each line break and text end
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut corpus: Vec<u32> = Vec::new();
    let mut ndocs = 0;
    for file in &a[7..] {
        let f = std::io::BufReader::new(std::fs::File::open(file).unwrap_or_else(|e| panic!("{file}: {e}")));
        for (ln, line) in f.lines().enumerate() {
            let line = line.unwrap_or_else(|e| panic!("{file}:{}: {e}", ln + 1));
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{file}:{}: {e}", ln + 1));
            let lang = v.get("lang").and_then(|l| l.as_str()).unwrap_or("en").to_string();
            let mut ts = Vec::new();
            texts(&v, &mut ts);
            for text in ts {
                ndocs += 1;
                let toks = if intl::reads(&lang) { intl::tokens(&text, &storyline::text::Tokens::new(&text), &lang) } else { tagger::tokenize(&text) };
                for t in &toks {
                    if t.flags & tagger::F_NEWLINE_BEFORE != 0 {
                        corpus.push(u32::MAX);
                    }
                    let w: String = text[t.start..t.end].chars().flat_map(char::to_lowercase).collect();
                    let id = *ids.entry(w).or_insert_with_key(|w| {
                        words.push(w.clone());
                        words.len() as u32 - 1
                    });
                    corpus.push(id);
                }
                corpus.push(u32::MAX);
            }
        }
    }
    let mut count = vec![0u32; words.len()];
    for &w in &corpus {
        if w != u32::MAX {
            count[w as usize] += 1;
        }
    }
    eprintln!("{ndocs} texts, {} tokens, {} word types", corpus.len(), words.len());
    // contexts: every word seen MIN_COUNT times, else "rare"; a break; on each side
    let mut by_freq: Vec<u32> = (0..words.len() as u32).filter(|&w| count[w as usize] >= min_count).collect();
    by_freq.sort_by(|&x, &y| count[y as usize].cmp(&count[x as usize]).then(words[x as usize].cmp(&words[y as usize])));
    let mut ctx_of = vec![0u32; words.len()]; // 0 rare, 1 break, 2.. kept words
    for (r, &w) in by_freq.iter().enumerate() {
        ctx_of[w as usize] = r as u32 + 2;
    }
    let side = by_freq.len() as u32 + 2;
    let ctx = |w: u32| -> u32 { if w == u32::MAX { 1 } else { ctx_of[w as usize] } };
    // items: kept words with a letter, at most MAX_WORDS
    let items: Vec<u32> = by_freq.iter().copied().filter(|&w| words[w as usize].chars().any(char::is_alphabetic)).take(max_words).collect();
    let mut item_of: HashMap<u32, usize> = HashMap::new();
    for (i, &w) in items.iter().enumerate() {
        item_of.insert(w, i);
    }
    let mut pairs: Vec<HashMap<u32, u32>> = vec![HashMap::new(); items.len()];
    for i in 0..corpus.len() {
        let w = corpus[i];
        let Some(&it) = (if w == u32::MAX { None } else { item_of.get(&w) }) else { continue };
        let l = if i == 0 { 1 } else { ctx(corpus[i - 1]) };
        let r = if i + 1 == corpus.len() { 1 } else { ctx(corpus[i + 1]) };
        *pairs[it].entry(l).or_default() += 1;
        *pairs[it].entry(side + r).or_default() += 1;
    }
    let lists: Vec<Vec<(u32, u32)>> = pairs.into_iter().map(sorted).collect();
    let n_ctx = 2 * side as usize;
    eprintln!("{} words clustered over {} contexts, {} pairs", items.len(), n_ctx, lists.iter().map(Vec::len).sum::<usize>());
    let init: Vec<u32> = (0..items.len()).map(|i| (i % fine) as u32).collect();
    let fc = exchange(&lists, n_ctx, fine, iters, init, "fine");
    // the fine classes' summed contexts, clustered again
    let mut agg: Vec<HashMap<u32, u32>> = vec![HashMap::new(); fine];
    for (i, l) in lists.iter().enumerate() {
        for &(x, m) in l {
            *agg[fc[i] as usize].entry(x).or_default() += m;
        }
    }
    let agg: Vec<Vec<(u32, u32)>> = agg.into_iter().map(sorted).collect();
    let init: Vec<u32> = (0..fine).map(|i| (i % coarse) as u32).collect();
    let cc = exchange(&agg, n_ctx, coarse, iters * 4, init, "coarse");
    let mut s = String::new();
    for (i, &w) in items.iter().enumerate() {
        s += &format!("{}\t{}\t{}\n", words[w as usize], cc[fc[i] as usize], fc[i]);
    }
    std::fs::write(out, s).unwrap_or_else(|e| panic!("{out}: {e}"));
    eprintln!("wrote {out}");
}
