//! Learned term weights: a supervised factor on each term's idf, learned offline from pairs of
//! articles of NeuS train (`storyline eval stories --learn-weights`, `crates/eval/src/weights.rs`)
//! and shipped as `data/stories/term_weights.tsv` (key, weight). A key shared about as often by
//! two reports of different events about the same people (each article's nearest articles of
//! other stories) as by two reports of one event weighs less: the actors of long sagas
//! ("Robert Mueller" .50, "Bureau of Labor Statistics" .39), whose many stories a feed carries
//! at once. The shipped table holds names only (entity keys and their words) and factors ≤ 1
//! (why: the clusterer's module doc); a key not in it weighs 1. The clusterer multiplies a
//! term's idf by its weight to the power `Config::term_weights` (0: off), looked up once, when
//! the term is first held.

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

/// Term key → learned weight.
pub type TermWeights = FxHashMap<String, f32>;

/// Parses a weights table: `key<TAB>weight` per line; blank lines and `#` lines are skipped.
pub fn parse_weights(text: &str) -> Result<TermWeights, String> {
    let mut out = TermWeights::default();
    for (n, l) in text.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let (k, w) = l.rsplit_once('\t').ok_or_else(|| format!("line {}: expected KEY<TAB>WEIGHT", n + 1))?;
        let w: f32 = w.trim().parse().map_err(|e| format!("line {}: weight {w:?}: {e}", n + 1))?;
        if !(w.is_finite() && w > 0.0) {
            return Err(format!("line {}: weight {w} is not a positive number", n + 1));
        }
        out.insert(k.to_string(), w);
    }
    Ok(out)
}

/// The shipped table (`data/stories/term_weights.tsv`), parsed once.
pub fn shipped() -> &'static Arc<TermWeights> {
    static W: OnceLock<Arc<TermWeights>> = OnceLock::new();
    W.get_or_init(|| Arc::new(parse_weights(include_str!("../../../data/stories/term_weights.tsv")).expect("data/stories/term_weights.tsv is well formed")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_and_refuse_bad_lines() {
        let w = parse_weights("# comment\nw:korea\t0.5\n\nP:kim jong un\t1.25\n").unwrap();
        assert_eq!(w.get("w:korea"), Some(&0.5));
        assert_eq!(w.get("P:kim jong un"), Some(&1.25));
        assert!(parse_weights("w:korea 0.5\n").unwrap_err().contains("line 1"));
        assert!(parse_weights("w:korea\t-1\n").is_err());
        assert!(shipped().values().all(|&x| x > 0.0));
    }
}
