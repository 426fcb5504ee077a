//! Quote groups: one utterance reported by several articles — exactly, trimmed, or in
//! another translation — is one group, with its variants, the articles that carry it and the
//! earliest of them.
//!
//! Two quotes are the same utterance when they share most of their content words, measured
//! on the shorter one (a trimmed quote is contained in the full one), after folding spelling
//! and a light stemming ("waiting" and "wait" meet). Candidates are the speaker's recent
//! groups only, so the cost of linking a quote does not grow with the store.

use std::collections::HashSet;

use crate::store::{Store, StoreError};
use crate::text::{search_key, words};

/// How many of a speaker's most recent groups a new quote is compared with.
pub const CANDIDATES: usize = 400;

/// Words that carry no content for matching utterances.
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is", "are", "was", "were",
    "be", "been", "it", "that", "this", "as", "we", "i", "you", "he", "she", "they", "will", "would", "not", "s",
];

/// The folded, lightly stemmed content tokens of a quote.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut k = String::new();
    for (s, e) in words(text) {
        search_key(&text[s..e], &mut k);
        if k.is_empty() || STOP.contains(&k.as_str()) {
            continue;
        }
        out.push(stem(&k).to_string());
    }
    out
}

fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if w.len() > suf.len() + 3 {
            if let Some(s) = w.strip_suffix(suf) {
                return s;
            }
        }
    }
    w
}

/// Whether two quotes report the same utterance.
pub fn same_utterance(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    let (sa, sb): (HashSet<&str>, HashSet<&str>) = (ta.iter().map(|s| s.as_str()).collect(), tb.iter().map(|s| s.as_str()).collect());
    if sa.is_empty() || sb.is_empty() {
        return false;
    }
    let shared = sa.intersection(&sb).count();
    let shorter = sa.len().min(sb.len());
    if shorter < 3 {
        // a short fragment must be the very same words
        return sa == sb;
    }
    shared >= 3 && shared as f64 >= 0.7 * shorter as f64
}

/// Put every ungrouped quote of these articles into a group.
pub fn group(store: &mut dyn Store, ids: &[String]) -> Result<(), StoreError> {
    let quotes = store.quotes_of(ids)?;
    for q in quotes.into_iter().filter(|q| q.group.is_none()) {
        let cands = store.group_candidates(q.speaker_key.as_deref(), CANDIDATES)?;
        let best = cands.iter().find(|(_, variants)| variants.iter().any(|v| same_utterance(v, &q.text))).map(|(g, _)| *g);
        store.join_group(q.id, best)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_and_trims_are_one_utterance() {
        // seeds 001 and 004
        assert!(same_utterance(
            "I will wait for Putin (Turkey) on Thursday. Personally.",
            "I will be waiting for Putin in Turkey on Thursday. Personally."
        ));
        // seed 003 carries the longer form
        assert!(same_utterance(
            "There is no point in prolonging the killings. And I will be waiting for Putin in [Turkey] on Thursday. Personally. I hope that this time the Russians will not look for excuses.",
            "I will wait for Putin (Turkey) on Thursday. Personally."
        ));
        assert!(!same_utterance(
            "We await a full and lasting ceasefire, starting from tomorrow, to provide the necessary basis for diplomacy.",
            "I will be waiting for Putin in Turkey on Thursday. Personally."
        ));
        assert!(same_utterance("ready", "Ready"));
        assert!(!same_utterance("ready", "not ready at all"));
    }
}
