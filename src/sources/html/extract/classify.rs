//! The learned block classifier: boosted regression trees over each text block's features that
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
//! The trees (`data/html/block_model.tsv`, one node per line)
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

/// One node of a regression tree: a split on a feature (`x[feature] <= threshold` goes
/// left) or a leaf with its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    Split { feature: usize, threshold: f32, left: u32, right: u32 },
    Leaf(f32),
}

/// Boosted regression trees over block features (logistic loss): the score of a block is the
/// sum of its leaves, and the model overrules the rules' verdict on a block only when the
/// score disagrees by more than `margin` (a kept block is dropped below `-margin`, a dropped
/// one kept above `margin`).
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel {
    pub margin: f32,
    pub trees: Vec<Vec<Node>>,
}

impl BlockModel {
    /// The rules alone: no tree.
    pub fn rules() -> BlockModel {
        BlockModel { margin: 0.0, trees: Vec::new() }
    }

    /// The score of a block with these features (> 0: body).
    pub fn score(&self, x: &[f32]) -> f32 {
        let mut s = 0.0;
        for t in &self.trees {
            let mut k = 0usize;
            loop {
                match t.get(k) {
                    Some(Node::Split { feature, threshold, left, right }) => {
                        k = if x.get(*feature).copied().unwrap_or(0.0) <= *threshold { *left as usize } else { *right as usize };
                    }
                    Some(Node::Leaf(v)) => {
                        s += v;
                        break;
                    }
                    None => break,
                }
            }
        }
        s
    }

    /// Whether a block is body: the rules' verdict `kept`, unless the score disagrees by more
    /// than the margin.
    pub fn keeps(&self, x: &[f32], kept: bool) -> bool {
        if self.trees.is_empty() {
            return kept;
        }
        let s = self.score(x);
        if kept { s >= -self.margin } else { s > self.margin }
    }

    /// Read a weights file: `#` comments, `margin<TAB>m`, `tree` to start a tree, then its
    /// nodes in order, `split<TAB>feature<TAB>threshold<TAB>left<TAB>right` or
    /// `leaf<TAB>score` (children are indices into the tree's nodes, after their parent).
    pub fn parse(s: &str) -> Result<BlockModel, String> {
        let mut m = BlockModel::rules();
        for (i, line) in s.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| format!("line {}: {what}", i + 1);
            let f: Vec<&str> = line.split('\t').collect();
            let num = |k: usize| -> Result<f32, String> { f.get(k).and_then(|v| v.parse().ok()).ok_or_else(|| bad("expected a number")) };
            match f[0] {
                "margin" => m.margin = num(1)?,
                "tree" => m.trees.push(Vec::new()),
                "leaf" => m.trees.last_mut().ok_or_else(|| bad("a node before any tree"))?.push(Node::Leaf(num(1)?)),
                "split" => {
                    let name = f.get(1).copied().unwrap_or("");
                    let feature = FEATURES.iter().position(|x| *x == name).ok_or_else(|| bad(&format!("unknown feature {name:?}")))?;
                    let (threshold, left, right) = (num(2)?, num(3)? as u32, num(4)? as u32);
                    let t = m.trees.last_mut().ok_or_else(|| bad("a node before any tree"))?;
                    // children come after their parent: every walk ends
                    if left as usize <= t.len() || right as usize <= t.len() {
                        return Err(bad("a child before its parent"));
                    }
                    t.push(Node::Split { feature, threshold, left, right });
                }
                other => return Err(bad(&format!("unknown line kind {other:?}"))),
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
        out.push_str(&format!("margin\t{}\n", self.margin));
        for t in &self.trees {
            out.push_str("tree\n");
            for n in t {
                match n {
                    Node::Split { feature, threshold, left, right } => out.push_str(&format!("split\t{}\t{threshold}\t{left}\t{right}\n", FEATURES[*feature])),
                    Node::Leaf(v) => out.push_str(&format!("leaf\t{v:.5}\n")),
                }
            }
        }
        out
    }

    /// The shipped model (`data/html/block_model.tsv`), read once.
    pub fn shipped() -> &'static BlockModel {
        static MODEL: OnceLock<BlockModel> = OnceLock::new();
        MODEL.get_or_init(|| BlockModel::parse(include_str!("../../../../data/html/block_model.tsv")).unwrap_or_else(|_| BlockModel::rules()))
    }
}

/// How the trees are grown.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub rounds: usize,
    pub depth: usize,
    pub rate: f32,
    pub margin: f32,
}

/// Train boosted trees on labelled feature vectors (logistic loss, second-order leaves with
/// an L2 penalty of 1, splits at up to 15 quantiles of each feature; deterministic).
pub fn train(xs: &[[f32; N]], ys: &[bool], t: Training) -> BlockModel {
    let n = xs.len();
    // candidate thresholds per feature: midpoints of its distinct values, or 15 quantiles
    let mut cuts: Vec<Vec<f32>> = Vec::with_capacity(N);
    for j in 0..N {
        let mut v: Vec<f32> = xs.iter().map(|x| x[j]).collect();
        v.sort_by(f32::total_cmp);
        v.dedup();
        let c: Vec<f32> = if v.len() <= 16 {
            v.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect()
        } else {
            let mut q: Vec<f32> = (1..16).map(|k| v[v.len() * k / 16]).collect();
            q.dedup();
            q
        };
        cuts.push(c);
    }
    // each row's bin per feature: how many cuts its value exceeds
    let bins: Vec<[u8; N]> = xs.iter().map(|x| std::array::from_fn(|j| cuts[j].iter().filter(|&&c| x[j] > c).count() as u8)).collect();
    let mut f = vec![0f32; n];
    let mut trees = Vec::with_capacity(t.rounds);
    for _ in 0..t.rounds {
        let (mut g, mut h) = (vec![0f32; n], vec![0f32; n]);
        for i in 0..n {
            let p = 1.0 / (1.0 + (-f[i]).exp());
            g[i] = p - if ys[i] { 1.0 } else { 0.0 };
            h[i] = (p * (1.0 - p)).max(1e-6);
        }
        let mut nodes = Vec::new();
        grow(&mut nodes, (0..n).collect(), &bins, &cuts, &g, &h, t.depth, t.rate);
        let tree = nodes;
        let m = BlockModel { margin: 0.0, trees: vec![tree] };
        for i in 0..n {
            f[i] += m.score(&xs[i]);
        }
        trees.extend(m.trees);
    }
    BlockModel { margin: t.margin, trees }
}

/// Grow one node (and its subtree) over rows `idx`; returns its index in `nodes`.
#[allow(clippy::too_many_arguments)]
fn grow(nodes: &mut Vec<Node>, idx: Vec<usize>, bins: &[[u8; N]], cuts: &[Vec<f32>], g: &[f32], h: &[f32], depth: usize, rate: f32) -> u32 {
    let (gs, hs) = idx.iter().fold((0f32, 0f32), |(a, b), &i| (a + g[i], b + h[i]));
    let me = nodes.len() as u32;
    nodes.push(Node::Leaf(-gs / (hs + 1.0) * rate));
    if depth == 0 || idx.len() < 20 {
        return me;
    }
    let base = gs * gs / (hs + 1.0);
    let mut best: Option<(f32, usize, usize)> = None;
    for j in 0..N {
        if cuts[j].is_empty() {
            continue;
        }
        let mut hg = [0f32; 17];
        let mut hh = [0f32; 17];
        for &i in &idx {
            let b = bins[i][j] as usize;
            hg[b] += g[i];
            hh[b] += h[i];
        }
        let (mut gl, mut hl) = (0f32, 0f32);
        for b in 0..cuts[j].len() {
            gl += hg[b];
            hl += hh[b];
            let (gr, hr) = (gs - gl, hs - hl);
            if hl < 1.0 || hr < 1.0 {
                continue;
            }
            let gain = gl * gl / (hl + 1.0) + gr * gr / (hr + 1.0) - base;
            if gain > best.map_or(1e-3, |x| x.0) {
                best = Some((gain, j, b));
            }
        }
    }
    let Some((_, j, b)) = best else { return me };
    let (l, r): (Vec<usize>, Vec<usize>) = idx.iter().partition(|&&i| (bins[i][j] as usize) <= b);
    let left = grow(nodes, l, bins, cuts, g, h, depth - 1, rate);
    let right = grow(nodes, r, bins, cuts, g, h, depth - 1, rate);
    nodes[me as usize] = Node::Split { feature: j, threshold: cuts[j][b], left, right };
    me
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
                Kind::Hard | Kind::Hidden => set(f!("anc_hard"), 1.0),
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
    if model.trees.is_empty() {
        return;
    }
    let xs = features(flat);
    for (i, x) in xs.iter().enumerate() {
        let keep = model.keeps(x, flat.reason[i] == 0);
        let r = &mut flat.reason[i];
        if keep {
            *r = 0;
        } else if *r == 0 {
            *r = 9;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_reads() {
        let text = include_str!("../../../../data/html/block_model.tsv");
        let m = BlockModel::parse(text).expect("the shipped block model parses");
        assert_eq!(BlockModel::parse(&m.to_tsv("again")).unwrap(), m);
    }

    #[test]
    fn bad_model_files_are_refused() {
        assert!(BlockModel::parse("tree\nsplit\tno_such_feature\t0.5\t1\t2\nleaf\t1\nleaf\t-1\n").is_err());
        // a child pointing back at its parent would loop
        assert!(BlockModel::parse("tree\nsplit\tlen\t0.5\t0\t1\nleaf\t1\n").is_err());
        assert!(BlockModel::parse("leaf\t1\n").is_err());
        assert!(BlockModel::parse("tree\nleaf\tx\n").is_err());
    }

    #[test]
    fn the_rules_stand_unless_the_trees_disagree_by_the_margin() {
        let m = BlockModel::parse("margin\t1\ntree\nsplit\tlink_density\t0.5\t1\t2\nleaf\t2\nleaf\t-0.5\n").unwrap();
        let mut x = [0f32; N];
        x[ix("link_density")] = 0.9;
        // score -0.5: not enough to drop a kept block, nor to keep a dropped one
        assert!(m.keeps(&x, true));
        assert!(!m.keeps(&x, false));
        x[ix("link_density")] = 0.1;
        assert!(m.keeps(&x, false));
        assert!(BlockModel::rules().keeps(&x, true) && !BlockModel::rules().keeps(&x, false));
    }

    #[test]
    fn training_learns_a_split_the_labels_follow() {
        // body when the link density is low, whatever the rules said
        let mut xs = Vec::new();
        let mut ys = Vec::new();
        for i in 0..200 {
            let mut x = [0f32; N];
            x[ix("link_density")] = (i % 10) as f32 / 10.0;
            x[ix("rule_kept")] = (i % 2) as f32;
            ys.push(x[ix("link_density")] < 0.45);
            xs.push(x);
        }
        let m = train(&xs, &ys, Training { rounds: 30, depth: 2, rate: 0.3, margin: 0.0 });
        for (x, y) in xs.iter().zip(&ys) {
            assert_eq!(m.score(x) > 0.0, *y);
        }
    }

    #[test]
    fn features_read_the_rules_verdicts_and_the_text() {
        let html = "<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article>\
            <p>The council voted on Tuesday to close the old bridge to traffic for repairs that will take two years.</p>\
            <p>Residents said the detour would add twenty minutes to their daily drive into the city centre.</p>\
            </article></body></html>";
        let blocks = super::super::page_blocks(html);
        let body = blocks.iter().find(|b| b.0.starts_with("The council")).expect("a body block");
        assert_eq!(body.1[ix("rule_kept")], 1.0);
        assert_eq!(body.1[ix("ends_sentence")], 1.0);
        assert_eq!(body.1[ix("tag_p")], 1.0);
        let nav = blocks.iter().find(|b| b.0.contains("Home")).expect("the menu block");
        assert_eq!(nav.1[ix("rule_kept")], 0.0);
        assert!(nav.1[ix("link_density")] > 0.9);
        assert_eq!(nav.1[ix("anc_soft")], 1.0);
    }
}
