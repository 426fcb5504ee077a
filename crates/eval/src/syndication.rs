//! Near-duplicates on a syndication set built from dev articles: each of 600 originals
//! (400 PolNeAR train texts of 80+ words, 200 ECB+ dev documents) gets one copy with a new
//! dateline and boilerplate, a 20–50% truncation, a rewritten headline, an inserted paragraph,
//! or a mix; hard negatives are all pairs of different ECB+ documents on the same event, and
//! easy negatives each copy against another original. A pair is called a copy when the two
//! signatures share an LSH band and `neardup::is_copy` holds — what ingest does through the
//! store. Same-event ECB+ pairs whose sentences align over 60% of the shorter text are wire
//! copies in truth; they are counted apart, not as negatives. Deterministic (seeded).

use std::path::Path;

use serde::{Deserialize, Serialize};

use storyline::stories::neardup::{band_keys, is_copy, shared_passages, signature, Signature};

use crate::score::Prf;

#[derive(Debug, Clone, Default, Serialize)]
pub struct SynFigures {
    pub copies: usize,
    pub hard_negatives: usize,
    pub easy_negatives: usize,
    pub pairs: Prf,
    /// (perturbation, found, total)
    pub recall_by_kind: Vec<(String, usize, usize)>,
    pub wire_pairs: usize,
    pub wire_pairs_flagged: usize,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const DATELINES: &[&str] = &["WASHINGTON (Reuters) - ", "NEW YORK (AP) — ", "LONDON, Nov 12 (AFP) - ", "By Staff Writer\n\n", "(CNN) "];
const BOILER: &[&str] = &[
    "\n\nReporting by Jane Doe; Editing by John Smith.",
    "\n\nCopyright The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "\n\nFollow us on Twitter and Facebook for more updates. Sign up for our newsletter.",
    "\n\nRelated: Read more stories from our politics desk.",
];

fn make_copy(text: &str, other: &str, r: &mut Rng) -> (String, &'static str) {
    let mut ps: Vec<String> = text.split('\n').filter(|p| !p.trim().is_empty()).map(str::to_string).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let kind = r.below(5);
    let name = match kind {
        0 => "dateline+boilerplate",
        1 => {
            let f = 0.2 + 0.3 * (r.below(1000) as f64 / 1000.0);
            let keep = ((1.0 - f) * words.len() as f64) as usize;
            ps = vec![words[..keep.max(1)].join(" ")];
            "truncation"
        }
        2 => {
            let h: Vec<&str> = other.split_whitespace().take(12).collect();
            if !ps.is_empty() {
                ps[0] = h.iter().rev().copied().collect::<Vec<_>>().join(" ");
            }
            "headline"
        }
        3 => {
            let op = other.split('\n').find(|p| p.split_whitespace().count() > 20).unwrap_or(other);
            let ins: String = op.split_whitespace().take(80).collect::<Vec<_>>().join(" ");
            let at = ps.len() / 2;
            ps.insert(at, ins);
            "inserted-paragraph"
        }
        _ => {
            let keep = (0.75 * words.len() as f64) as usize;
            let h: Vec<&str> = other.split_whitespace().take(10).collect();
            ps = vec![h.join(" "), words[..keep.max(1)].join(" ")];
            "combined"
        }
    };
    let mut out = DATELINES[r.below(DATELINES.len())].to_string();
    out.push_str(&ps.join("\n\n"));
    if kind != 1 || r.below(2) == 0 {
        out.push_str(BOILER[r.below(BOILER.len())]);
    }
    (out, name)
}

fn called_copy(a: &Signature, b: &Signature) -> bool {
    let kb = band_keys(b);
    band_keys(a).iter().any(|k| kb.contains(k)) && is_copy(a, b)
}

#[derive(Deserialize)]
struct Text {
    text: String,
}

#[derive(Deserialize)]
struct Ecb {
    text: String,
    event: String,
}

fn lines<T: for<'de> Deserialize<'de>>(p: &Path) -> Result<Vec<T>, String> {
    let data = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    data.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).map_err(|e| format!("{}: {e}", p.display()))).collect()
}

pub fn run(root: &Path) -> Result<SynFigures, String> {
    let pol: Vec<String> = lines::<Text>(&root.join("quotes/polnear-train.jsonl"))?
        .into_iter()
        .map(|t| t.text)
        .filter(|t| t.split_whitespace().count() >= 80)
        .collect();
    let ecb: Vec<Ecb> = lines(&root.join("stories/ecbplus-dev.jsonl"))?;
    if pol.len() < 402 || ecb.len() < 200 {
        return Err("not enough dev articles to build the syndication set".into());
    }
    let mut r = Rng(0x5141_7e11);
    let mut origs: Vec<&str> = pol.iter().take(400).map(|s| s.as_str()).collect();
    let mut ei: Vec<usize> = (0..ecb.len()).collect();
    for i in (1..ei.len()).rev() {
        let j = r.below(i + 1);
        ei.swap(i, j);
    }
    origs.extend(ei.iter().take(200).map(|&i| ecb[i].text.as_str()));
    let osig: Vec<Signature> = origs.iter().map(|t| signature(t)).collect();
    let mut f = SynFigures::default();
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    let mut kinds: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    let mut copies = Vec::new();
    for (i, o) in origs.iter().enumerate() {
        let other = &pol[(i * 7 + 401) % pol.len()];
        let (c, k) = make_copy(o, other, &mut r);
        let s = signature(&c);
        let e = kinds.entry(k).or_default();
        e.1 += 1;
        if called_copy(&s, &osig[i]) {
            tp += 1;
            e.0 += 1;
        } else {
            fn_ += 1;
        }
        copies.push(s);
    }
    f.copies = copies.len();
    // hard negatives: different ECB+ documents on the same event
    let esig: Vec<Signature> = ecb.iter().map(|d| signature(&d.text)).collect();
    for i in 0..ecb.len() {
        for j in i + 1..ecb.len() {
            if ecb[i].event != ecb[j].event {
                continue;
            }
            let sp = shared_passages(&ecb[i].text, &ecb[j].text);
            let ca: usize = sp.iter().map(|(a, _)| a.end - a.start).sum();
            let cb: usize = sp.iter().map(|(_, b)| b.end - b.start).sum();
            let cov = (ca as f64 / ecb[i].text.len().max(1) as f64).max(cb as f64 / ecb[j].text.len().max(1) as f64);
            let flagged = called_copy(&esig[i], &esig[j]);
            if cov >= 0.6 {
                f.wire_pairs += 1;
                f.wire_pairs_flagged += flagged as usize;
                continue;
            }
            f.hard_negatives += 1;
            fp += flagged as usize;
        }
    }
    // easy negatives: each copy against another original
    for (i, c) in copies.iter().enumerate() {
        f.easy_negatives += 1;
        fp += called_copy(c, &osig[(i + 1) % origs.len()]) as usize;
    }
    f.pairs = Prf::new(tp, tp + fp, tp + fn_);
    f.recall_by_kind = kinds.into_iter().map(|(k, (h, n))| (k.to_string(), h, n)).collect();
    Ok(f)
}
