//! Shared scoring arithmetic: span matching (exact, overlap, IoU, one-to-one) and P/R/F1.

use serde::Serialize;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Prf {
    /// `tp_p` true positives counted on the predicted side, `tp_g` on the gold side (they
    /// differ only for many-to-one matchings; pass the same number otherwise).
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Prf {
        let p = if predicted == 0 { 0.0 } else { tp as f64 / predicted as f64 };
        let r = if gold == 0 { 0.0 } else { tp as f64 / gold as f64 };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: p, recall: r, f1, tp, predicted, gold }
    }
    pub fn add(&mut self, tp: usize, predicted: usize, gold: usize) {
        *self = Prf::new(self.tp + tp, self.predicted + predicted, self.gold + gold);
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "P {:.3}  R {:.3}  F1 {:.3}  ({} / {} pred / {} gold)", self.precision, self.recall, self.f1, self.tp, self.predicted, self.gold)
    }
}

pub fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

pub fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let i = overlap(a, b);
    let u = a.1.max(b.1) - a.0.min(b.0);
    if u == 0 { 0.0 } else { i as f64 / u as f64 }
}

/// One-to-one matching of predicted to gold spans: every pair scoring above `keep` (by
/// `score`), best pairs first. Returns (pred index, gold index) pairs.
pub fn match_spans(
    pred: &[(usize, usize)],
    gold: &[(usize, usize)],
    score: impl Fn((usize, usize), (usize, usize)) -> f64,
    keep: impl Fn(f64) -> bool,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, &p) in pred.iter().enumerate() {
        for (j, &g) in gold.iter().enumerate() {
            let s = score(p, g);
            if keep(s) {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut pu, mut gu) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !pu[i] && !gu[j] {
            pu[i] = true;
            gu[j] = true;
            out.push((i, j));
        }
    }
    out
}

/// Lenient speaker-name match of the seeds scorer: same last token after ASCII folding, or
/// one name contains the other.
pub fn names_match(a: &str, b: &str) -> bool {
    let f = |s: &str| deunicode::deunicode(s).to_lowercase();
    let (a, b) = (f(a), f(b));
    let last = |s: &str| s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).last().map(str::to_string);
    (!a.is_empty() && !b.is_empty()) && (last(&a) == last(&b) || a.contains(&b) || b.contains(&a))
}

/// Code-point length of a string (gold offsets are Python str indices).
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_is_one_to_one_best_first() {
        let m = match_spans(&[(0, 10), (0, 4)], &[(0, 5)], iou, |s| s >= 0.5);
        assert_eq!(m, vec![(1, 0)]);
        assert!(names_match("Volodymyr Zelenskyy", "Volodymyr Zelensky"));
        assert!(names_match("Erdogan", "Recep Tayyip Erdoğan"));
        assert!(!names_match("Donald Trump", "Donald Tusk"));
        let p = Prf::new(8, 10, 16);
        assert!((p.f1 - 2.0 * 0.8 * 0.5 / 1.3).abs() < 1e-9);
    }
}
