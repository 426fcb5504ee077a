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
use crate::text::{fold_into, search_key, stem, words};

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
    let (mut k, mut f) = (String::new(), String::new());
    for (s, e) in words(text) {
        search_key(&text[s..e], &mut k);
        if k.is_empty() || STOP.contains(&k.as_str()) {
            continue;
        }
        // stem the word, then key the stem (a key's collapsed letters would mislead the stemmer)
        fold_into(&text[s..e], &mut f);
        let mut st = String::new();
        search_key(&stem(&f), &mut st);
        out.push(st);
    }
    out
}

/// Whether two quotes report the same utterance: the shorter one's content words appear, in
/// order, in one compact stretch of the longer one (a trim or a translation keeps the order;
/// a different utterance that merely shares words scatters them).
pub fn same_utterance(a: &str, b: &str) -> bool {
    same_tokens(&tokens(a), &tokens(b))
}

/// [`same_utterance`] on already tokenised quotes.
pub fn same_tokens(ta: &[String], tb: &[String]) -> bool {
    let (short, long) = if ta.len() <= tb.len() { (ta, tb) } else { (tb, ta) };
    if short.is_empty() {
        return false;
    }
    if short.len() < 3 {
        // a short fragment must be the very same words
        return short == long;
    }
    // cheap filter first: enough shared words at all
    let sl: HashSet<&str> = long.iter().map(|s| s.as_str()).collect();
    let shared = short.iter().filter(|t| sl.contains(t.as_str())).count();
    let need = (0.8 * short.len() as f64).ceil() as usize;
    if shared < need.max(3) {
        return false;
    }
    // then the ordered match within a compact window of the longer quote
    let window = 2 * short.len() + 4;
    (0..long.len()).filter(|&i| short.contains(&long[i])).any(|start| {
        let end = (start + window).min(long.len());
        lcs(short, &long[start..end]) >= need.max(3)
    })
}

/// Length of the longest common subsequence of two token lists.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Tokenised wordings, kept across batches (the same candidates come back for every quote
/// of a speaker).
#[derive(Default)]
pub struct TokenCache(std::collections::HashMap<String, std::rc::Rc<Vec<String>>>);

impl TokenCache {
    fn get(&mut self, text: &str) -> std::rc::Rc<Vec<String>> {
        if self.0.len() > 100_000 {
            self.0.clear();
        }
        self.0.entry(text.to_string()).or_insert_with(|| std::rc::Rc::new(tokens(text))).clone()
    }
}

/// Put every ungrouped quote of these articles into a group.
pub fn group(store: &mut dyn Store, ids: &[String], cache: &mut TokenCache) -> Result<(), StoreError> {
    let quotes = store.quotes_of(ids)?;
    for q in quotes.into_iter().filter(|q| q.group.is_none()) {
        let cands = store.group_candidates(q.speaker_key.as_deref(), CANDIDATES)?;
        let mine = cache.get(&q.text);
        let best = cands.iter().find(|(_, variants)| variants.iter().any(|v| same_tokens(&cache.get(v), &mine))).map(|(g, _)| *g);
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
        // real PolNeAR quotes by one speaker that share words but are different utterances
        assert!(!same_utterance(
            "I’m a negotiator like you, folks,",
            "I’ve been playing this game for a long time, folks, from the other side. I changed sides. I was total establishment, like you folks."
        ));
        assert!(!same_utterance(
            "I'm very disappointed in the RNC because for three debates now the room has been stacked with special interests and donors",
            "donors and special interests"
        ));
    }
}
