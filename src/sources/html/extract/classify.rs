//! The learned block classifier: a logistic regression over each text block's features that
//! has the last word on whether the block is article body, after the rules (`select`) have
//! had theirs. The rules' verdict (kept, or the reason it was dropped) is itself a feature, so
//! the model learns where the rules are wrong (a linked sentence inside the body, a caption
//! the container rules kept) rather than relearning the page from scratch.
//!
//! Features per block ([`FEATURES`]): its text (length, non-link length, link density,
//! punctuation, digits, short words as a language-free stand-in for stopwords, sentence
//! ends), its element (tag of the block's owner), the boilerplate kinds its ancestors' class,
//! id, tag and ARIA role give (`boilerplate::class_kind`) and articleBody-like markers above
//! it, the rules' verdict and line cues (promo, dateline, end heading), its position in the
//! page and against the rules' first and last kept block, and its neighbours' verdicts and
//! link density.
//!
//! The weights (`data/html/block_model.tsv`, a few dozen numbers: name and weight per line)
//! are learned from trafilatura's annotated pages by `storyline eval html-text
//! --train-blocks`; a block is labelled by the snippets it holds (or that hold it). The model
//! refuses nothing on its own: a page it cannot read is read by the rules alone.

use std::sync::OnceLock;

use super::boilerplate::{ends_sentence, is_boilerplate_line, is_dateline, is_promo, is_tail_heading, sentence_like};
use super::flatten::{Flat, Kind};

/// The feature names, in the order of a block's feature vector. The weights file names them.
pub const FEATURES: &[&str] = &[
    "len", "nonlink", "link_density", "punct", "digits", "short_words", "words", "ends_sentence",
    "sentence_like", "upper_start", "tag_p", "tag_h", "tag_li", "tag_tr", "tag_div", "tag_quote",
    "tag_caption", "tag_other", "junk", "anc_soft", "anc_weak", "anc_comment", "anc_hard",
    "anc_article", "anc_body", "rule_kept", "r_outside", "r_junk", "r_link", "r_line", "r_tail",
    "r_endpromo", "r_endheading", "r_head", "boiler_line", "promo", "dateline", "tail_heading",
    "pos", "before_kept", "after_kept", "prev_kept", "next_kept", "prev_ld", "next_ld", "prev_len",
    "next_len", "kept_short", "kept_link",
];

/// The index of a feature by name (a compile-time lookup where the name is a literal; panics
/// on a name not in [`FEATURES`], which the compiler then reports).
const fn ix(name: &str) -> usize {
    let mut k = 0;
    while k < FEATURES.len() {
        let (a, b) = (FEATURES[k].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return k;
            }
        }
        k += 1;
    }
    panic!("unknown block feature")
}

/// Number of features per block.
pub const N: usize = FEATURES.len();

/// A logistic regression over block features: keep a block when `bias + w·x > 0`.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel {
    pub bias: f32,
    pub weights: Vec<f32>,
}

impl BlockModel {
    /// The probability that a block with these features is article body.
    pub fn prob(&self, x: &[f32]) -> f32 {
        let z = self.bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Read a weights file: `name<TAB>weight` per line, `#` comments, `bias` for the
    /// intercept. A feature the file does not name weighs 0; a name not in [`FEATURES`] is an
    /// error (weights trained for other features).
    pub fn parse(s: &str) -> Result<BlockModel, String> {
        let mut m = BlockModel { bias: 0.0, weights: vec![0.0; N] };
        for (i, line) in s.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, w) = line.split_once('\t').ok_or_else(|| format!("line {}: expected name<TAB>weight", i + 1))?;
            let w: f32 = w.trim().parse().map_err(|_| format!("line {}: bad weight {w:?}", i + 1))?;
            if name == "bias" {
                m.bias = w;
            } else if let Some(k) = FEATURES.iter().position(|f| *f == name) {
                m.weights[k] = w;
            } else {
                return Err(format!("line {}: unknown feature {name:?}", i + 1));
            }
        }
        Ok(m)
    }

    /// The weights file of this model (what [`BlockModel::parse`] reads).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for l in header.lines() {
            out.push_str(&format!("# {l}\n"));
        }
        out.push_str(&format!("bias\t{:.5}\n", self.bias));
        for (name, w) in FEATURES.iter().zip(&self.weights) {
            out.push_str(&format!("{name}\t{w:.5}\n"));
        }
        out
    }

    /// The shipped model (`data/html/block_model.tsv`), read once.
    pub fn shipped() -> &'static BlockModel {
        static MODEL: OnceLock<BlockModel> = OnceLock::new();
        MODEL.get_or_init(|| BlockModel::parse(include_str!("../../../../data/html/block_model.tsv")).expect("data/html/block_model.tsv is well-formed (checked by a test)"))
    }
}

/// Train a logistic regression on labelled feature vectors (full-batch gradient descent with
/// Adam and an L2 penalty; deterministic). `l2` is the penalty per weight.
pub fn train(xs: &[[f32; N]], ys: &[bool], epochs: usize, l2: f32) -> BlockModel {
    let mut w = [0f64; N + 1];
    let (mut m, mut v) = ([0f64; N + 1], [0f64; N + 1]);
    let (b1, b2, lr, eps) = (0.9f64, 0.999f64, 0.05f64, 1e-8f64);
    let n = xs.len().max(1) as f64;
    for t in 1..=epochs {
        let mut g = [0f64; N + 1];
        for (x, &y) in xs.iter().zip(ys) {
            let z = w[N] + x.iter().zip(&w[..N]).map(|(a, b)| f64::from(*a) * b).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let d = p - if y { 1.0 } else { 0.0 };
            for k in 0..N {
                g[k] += d * f64::from(x[k]);
            }
            g[N] += d;
        }
        for k in 0..=N {
            let mut gk = g[k] / n;
            if k < N {
                gk += f64::from(l2) * w[k];
            }
            m[k] = b1 * m[k] + (1.0 - b1) * gk;
            v[k] = b2 * v[k] + (1.0 - b2) * gk * gk;
            let mh = m[k] / (1.0 - b1.powi(t as i32));
            let vh = v[k] / (1.0 - b2.powi(t as i32));
            w[k] -= lr * mh / (vh.sqrt() + eps);
        }
    }
    BlockModel { bias: w[N] as f32, weights: w[..N].iter().map(|&x| x as f32).collect() }
}

/// The features of every block of a flattened page whose rules have run (`flat.reason` set).
pub(super) fn features(flat: &Flat) -> Vec<[f32; N]> {
    let nb = flat.blocks.len();
    let kept = |i: usize| flat.reason.get(i).copied().unwrap_or(0) == 0;
    let first_kept = (0..nb).find(|&i| kept(i));
    let last_kept = (0..nb).rev().find(|&i| kept(i));
    let ld = |i: usize| {
        let b = &flat.blocks[i];
        b.link as f32 / b.len.max(1) as f32
    };
    let loglen = |n: usize| (1.0 + n as f32).ln() / 8.0;
    let mut out = Vec::with_capacity(nb);
    for (i, b) in flat.blocks.iter().enumerate() {
        let mut x = [0f32; N];
        // `f!("name")` is the feature's index, found at compile time
        macro_rules! f {
            ($name:literal) => {
                const { ix($name) }
            };
        }
        let mut set = |k: usize, v: f32| x[k] = v;
        let t = &b.text;
        let chars = b.len.max(1) as f32;
        let (mut punct, mut digits, mut words, mut short) = (0usize, 0usize, 0usize, 0usize);
        for c in t.chars() {
            if matches!(c, '.' | ',' | ';' | ':' | '!' | '?') {
                punct += 1;
            } else if c.is_ascii_digit() {
                digits += 1;
            }
        }
        for w in t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            words += 1;
            if w.chars().count() <= 3 && !w.chars().any(|c| c.is_ascii_digit()) {
                short += 1;
            }
        }
        set(f!("len"), loglen(b.len));
        set(f!("nonlink"), loglen(b.len - b.link.min(b.len)));
        set(f!("link_density"), ld(i));
        set(f!("punct"), (punct as f32 / chars * 10.0).min(1.0));
        set(f!("digits"), (digits as f32 / chars * 5.0).min(1.0));
        set(f!("short_words"), if words > 0 { short as f32 / words as f32 } else { 0.0 });
        set(f!("words"), (1.0 + words as f32).ln() / 6.0);
        set(f!("ends_sentence"), f32::from(u8::from(ends_sentence(t))));
        set(f!("sentence_like"), f32::from(u8::from(sentence_like(t))));
        set(f!("upper_start"), f32::from(u8::from(t.chars().next().is_some_and(char::is_uppercase))));
        let owner = &flat.nodes[b.owner as usize];
        let tag = match &*owner.tag {
            "p" => f!("tag_p"),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => f!("tag_h"),
            "li" | "dt" | "dd" => f!("tag_li"),
            "tr" | "table" | "tbody" | "thead" => f!("tag_tr"),
            "div" | "section" | "article" | "main" => f!("tag_div"),
            "blockquote" | "pre" => f!("tag_quote"),
            "figcaption" | "figure" | "caption" => f!("tag_caption"),
            _ => f!("tag_other"),
        };
        set(tag, 1.0);
        set(f!("junk"), f32::from(u8::from(owner.junk)));
        // the kinds and markers of the owner and its ancestors
        let mut o = b.owner as usize;
        let mut steps = 0;
        loop {
            let nd = &flat.nodes[o];
            match nd.kind {
                Kind::Soft => set(f!("anc_soft"), 1.0),
                Kind::Weak => set(f!("anc_weak"), 1.0),
                Kind::Comment => set(f!("anc_comment"), 1.0),
                Kind::Hard => set(f!("anc_hard"), 1.0),
                Kind::Other => {}
            }
            match nd.marker {
                1 => set(f!("anc_article"), 1.0),
                2 => set(f!("anc_body"), 1.0),
                _ => {}
            }
            if o == 0 || steps > 64 {
                break;
            }
            o = nd.parent as usize;
            steps += 1;
        }
        let r = flat.reason.get(i).copied().unwrap_or(0);
        let rname = match r {
            0 => f!("rule_kept"),
            1 => f!("r_outside"),
            2 => f!("r_junk"),
            3 => f!("r_link"),
            4 => f!("r_line"),
            5 => f!("r_tail"),
            6 => f!("r_endpromo"),
            7 => f!("r_endheading"),
            _ => f!("r_head"),
        };
        set(rname, 1.0);
        let short_line = b.len < 160;
        set(f!("boiler_line"), f32::from(u8::from(short_line && is_boilerplate_line(t))));
        set(f!("promo"), f32::from(u8::from(b.len < 300 && is_promo(t))));
        set(f!("dateline"), f32::from(u8::from(is_dateline(t))));
        set(f!("tail_heading"), f32::from(u8::from(b.len <= 60 && is_tail_heading(t))));
        set(f!("pos"), i as f32 / nb.max(1) as f32);
        set(f!("before_kept"), f32::from(u8::from(first_kept.is_some_and(|f| i < f))));
        set(f!("after_kept"), f32::from(u8::from(last_kept.is_some_and(|l| i > l))));
        if i > 0 {
            set(f!("prev_kept"), f32::from(u8::from(kept(i - 1))));
            set(f!("prev_ld"), ld(i - 1));
            set(f!("prev_len"), loglen(flat.blocks[i - 1].len));
        }
        if i + 1 < nb {
            set(f!("next_kept"), f32::from(u8::from(kept(i + 1))));
            set(f!("next_ld"), ld(i + 1));
            set(f!("next_len"), loglen(flat.blocks[i + 1].len));
        }
        if r == 0 {
            set(f!("kept_short"), f32::from(u8::from(b.len < 80)));
            set(f!("kept_link"), ld(i));
        }
        out.push(x);
    }
    out
}

/// The model's verdict on every block: `flat.reason` becomes 0 for a block it keeps and 9
/// for one it drops that the rules kept (a block both drop keeps the rules' reason).
pub(super) fn apply(flat: &mut Flat, model: &BlockModel) {
    let xs = features(flat);
    for (i, x) in xs.iter().enumerate() {
        let keep = model.prob(x) > 0.5;
        let r = &mut flat.reason[i];
        if keep {
            *r = 0;
        } else if *r == 0 {
            *r = 9;
        }
    }
}
