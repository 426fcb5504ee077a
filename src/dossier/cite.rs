//! Citations that hold: an article is cited for a summary sentence or a timeline entry only
//! when it says the same thing — one of its sentences, or two adjacent ones, holds at least
//! half of the entry's content words (stemmed), and it names every place and person the
//! entry's own sentence names (by canonical name, so Kiev meets Kyiv). A similar sentence that
//! lacks the entry's key name ("… will travel to Ankara" cited to an article that never
//! mentions Ankara) is not support.
//!
//! This is the check the trust audit (`../shared/tools/audit_trust.py`) makes from outside,
//! plus the names; it runs over what `prep` already computed (sentence term ids, entity layers).

use std::collections::BTreeSet;

use super::prep::{self, Doc, Vocab};
use crate::analysis::EntityKind;

/// Share of an entry's content words a supporting window must hold.
const MIN_SHARE: f32 = 0.5;

/// The entry's words as term ids, and the names (entity keys) of its own sentence.
struct Entry {
    terms: BTreeSet<u32>,
    names: BTreeSet<String>,
}

fn entry(docs: &[Doc], vocab: &Vocab, text: &str, sources: &[String]) -> Entry {
    // a quote entry reads "Speaker: “words”": the speaker is not part of what is said
    let said = match text.split_once(": “") {
        Some((who, rest)) if who.len() <= 60 && !who.contains('.') => rest,
        _ => text,
    };
    let stop = crate::stories::features::Stop::new();
    let terms: BTreeSet<u32> = prep::content_words(said, &stop).iter().filter_map(|w| vocab.get(w)).collect();
    // the sentence the entry shows: in one of its sources, the sentence it was taken from
    let probe: String = said.trim_end_matches('…').chars().take(48).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut names = BTreeSet::new();
    'found: for id in sources {
        let Some(d) = docs.iter().find(|d| d.id() == id) else { continue };
        for s in &d.sents {
            let shown: String = d.text(s).split_whitespace().collect::<Vec<_>>().join(" ");
            if !probe.is_empty() && shown.contains(&probe) {
                for e in d.layers.entities.iter().filter(|e| e.span.start >= s.span.start && e.span.end <= s.span.end) {
                    if matches!(e.kind, EntityKind::Place | EntityKind::Person) {
                        names.insert(crate::analysis::entity_key(&e.canonical, e.kind));
                    }
                }
                break 'found;
            }
        }
    }
    Entry { terms, names }
}

/// Whether article `d` supports the entry.
fn supports(d: &Doc, e: &Entry) -> bool {
    if !e.names.is_empty() {
        let has: BTreeSet<String> = d.layers.entities.iter().filter(|x| matches!(x.kind, EntityKind::Place | EntityKind::Person)).map(|x| crate::analysis::entity_key(&x.canonical, x.kind)).collect();
        if !e.names.iter().all(|n| has.contains(n)) {
            return false;
        }
    }
    if e.terms.is_empty() {
        return true;
    }
    let need = (e.terms.len() as f32 * MIN_SHARE).ceil() as usize;
    let count = |ts: &[u32]| ts.iter().filter(|t| e.terms.contains(t)).count();
    d.sents.iter().enumerate().any(|(i, s)| {
        let one = count(&s.terms);
        if one >= need {
            return true;
        }
        // two adjacent sentences: their union
        d.sents.get(i + 1).is_some_and(|n| {
            let both: BTreeSet<u32> = s.terms.iter().chain(&n.terms).copied().filter(|t| e.terms.contains(t)).collect();
            both.len() >= need
        })
    })
}

/// Keep only the sources that support the entry (at least the first, whose sentence it is
/// when none of the others does).
pub fn hold(docs: &[Doc], vocab: &Vocab, text: &str, sources: &mut Vec<String>) {
    if sources.len() <= 1 {
        return;
    }
    let e = entry(docs, vocab, text, sources);
    let first = sources[0].clone();
    sources.retain(|id| docs.iter().find(|d| d.id() == id).is_none_or(|d| supports(d, &e)));
    if sources.is_empty() {
        sources.push(first);
    }
}
