//! ROUGE-1, ROUGE-2 and ROUGE-L F1, as Google's `rouge-score` computes them with
//! `use_stemmer=True`: lower-case, non-alphanumerics to spaces, tokens of more than three
//! letters Porter-stemmed; ROUGE-N from clipped n-gram overlap, ROUGE-L from the longest
//! common subsequence of the two token lists.
//!
//! The stemmer is Porter's original algorithm (rouge-score uses NLTK's, which adds a few
//! extensions for rare endings); written here because no maintained crate offers the original
//! Porter (rust-stemmers is Snowball's Porter2, which stems differently).

use std::collections::HashMap;

fn cons(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !cons(w, i - 1),
        _ => true,
    }
}

/// The measure m of w[..k]: the number of vowel-consonant sequences.
fn measure(w: &[u8], k: usize) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < k && cons(w, i) {
        i += 1;
    }
    loop {
        while i < k && !cons(w, i) {
            i += 1;
        }
        if i >= k {
            return n;
        }
        while i < k && cons(w, i) {
            i += 1;
        }
        n += 1;
    }
}

fn has_vowel(w: &[u8], k: usize) -> bool {
    (0..k).any(|i| !cons(w, i))
}

fn double_cons(w: &[u8], k: usize) -> bool {
    k >= 2 && w[k - 1] == w[k - 2] && cons(w, k - 1)
}

/// consonant-vowel-consonant at the end of w[..k], the last not w, x or y
fn cvc(w: &[u8], k: usize) -> bool {
    k >= 3 && cons(w, k - 3) && !cons(w, k - 2) && cons(w, k - 1) && !matches!(w[k - 1], b'w' | b'x' | b'y')
}

fn ends(w: &[u8], s: &str) -> bool {
    w.ends_with(s.as_bytes())
}

/// Replace suffix `s` by `r` when the stem before it has measure > `m`.
fn swap(w: &mut Vec<u8>, s: &str, r: &str, m: usize) -> bool {
    if !ends(w, s) {
        return false;
    }
    let k = w.len() - s.len();
    if measure(w, k) > m {
        w.truncate(k);
        w.extend_from_slice(r.as_bytes());
    }
    true
}

/// Porter's stemmer (1980) on a lower-case ASCII word; other words are returned as they are.
pub fn porter(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    // step 1a
    if ends(&w, "sses") || ends(&w, "ies") {
        w.truncate(w.len() - 2);
    } else if ends(&w, "ss") {
    } else if ends(&w, "s") {
        w.pop();
    }
    // step 1b
    let mut extra = false;
    if ends(&w, "eed") {
        if measure(&w, w.len() - 3) > 0 {
            w.pop();
        }
    } else if ends(&w, "ed") && has_vowel(&w, w.len() - 2) {
        w.truncate(w.len() - 2);
        extra = true;
    } else if ends(&w, "ing") && has_vowel(&w, w.len() - 3) {
        w.truncate(w.len() - 3);
        extra = true;
    }
    if extra {
        if ends(&w, "at") || ends(&w, "bl") || ends(&w, "iz") {
            w.push(b'e');
        } else if double_cons(&w, w.len()) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
            w.pop();
        } else if measure(&w, w.len()) == 1 && cvc(&w, w.len()) {
            w.push(b'e');
        }
    }
    // step 1c
    if ends(&w, "y") && has_vowel(&w, w.len() - 1) {
        let n = w.len();
        w[n - 1] = b'i';
    }
    // step 2
    for (s, r) in [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("abli", "able"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"),
    ] {
        if swap(&mut w, s, r, 0) {
            break;
        }
    }
    // step 3
    for (s, r) in [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")] {
        if swap(&mut w, s, r, 0) {
            break;
        }
    }
    // step 4
    for s in ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"] {
        if ends(&w, s) {
            let k = w.len() - s.len();
            let ok = s != "ion" || (k > 0 && matches!(w[k - 1], b's' | b't'));
            if ok && measure(&w, k) > 1 {
                w.truncate(k);
            }
            break;
        }
    }
    // step 5
    if ends(&w, "e") {
        let k = w.len() - 1;
        let m = measure(&w, k);
        if m > 1 || (m == 1 && !cvc(&w, k)) {
            w.pop();
        }
    }
    if measure(&w, w.len()) > 1 && double_cons(&w, w.len()) && w[w.len() - 1] == b'l' {
        w.pop();
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

/// rouge-score's tokeniser with stemming.
pub fn tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let clean: String = lower.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    clean.split_whitespace().map(|t| if t.len() > 3 { porter(t) } else { t.to_string() }).collect()
}

/// Precision, recall and F1 of one score.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn prf(hit: usize, pred: usize, gold: usize) -> Prf {
    let p = if pred == 0 { 0.0 } else { hit as f64 / pred as f64 };
    let r = if gold == 0 { 0.0 } else { hit as f64 / gold as f64 };
    Prf { precision: p, recall: r, f1: if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) } }
}

fn ngrams(t: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut m = HashMap::new();
    for g in t.windows(n) {
        *m.entry(g).or_default() += 1;
    }
    m
}

pub fn rouge_n(pred: &[String], gold: &[String], n: usize) -> Prf {
    let (a, b) = (ngrams(pred, n), ngrams(gold, n));
    let hit: usize = a.iter().map(|(g, c)| (*c).min(b.get(g).copied().unwrap_or(0))).sum();
    prf(hit, pred.len().saturating_sub(n - 1), gold.len().saturating_sub(n - 1))
}

pub fn rouge_l(pred: &[String], gold: &[String]) -> Prf {
    let mut row = vec![0usize; gold.len() + 1];
    for p in pred {
        let mut prev = 0;
        for (j, g) in gold.iter().enumerate() {
            let keep = row[j + 1];
            row[j + 1] = if p == g { prev + 1 } else { row[j + 1].max(row[j]) };
            prev = keep;
        }
    }
    prf(row[gold.len()], pred.len(), gold.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porter_examples_from_the_paper() {
        for (w, s) in [
            ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"),
            ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"), ("hopping", "hop"), ("filing", "file"), ("happy", "happi"),
            ("relational", "relat"), ("conditional", "condit"), ("generalization", "gener"), ("hopeful", "hope"), ("goodness", "good"),
            ("revival", "reviv"), ("adjustment", "adjust"), ("adoption", "adopt"), ("probate", "probat"), ("controlling", "control"),
            ("roll", "roll"), ("talks", "talk"), ("negotiations", "negoti"),
        ] {
            assert_eq!(porter(w), s, "{w}");
        }
    }

    #[test]
    fn rouge_by_hand() {
        let g = tokens("The cat sat on the mat.");
        let p = tokens("The cat was on the mat");
        let r1 = rouge_n(&p, &g, 1);
        assert!((r1.f1 - 5.0 / 6.0).abs() < 1e-9, "{r1:?}");
        let r2 = rouge_n(&p, &g, 2);
        assert!((r2.precision - 3.0 / 5.0).abs() < 1e-9, "{r2:?}");
        let rl = rouge_l(&p, &g);
        assert!((rl.f1 - 5.0 / 6.0).abs() < 1e-9, "{rl:?}");
        assert_eq!(rouge_n(&[], &g, 1).f1, 0.0);
    }
}
