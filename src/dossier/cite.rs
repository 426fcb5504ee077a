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

use super::Support;
use super::prep::{self, Doc, Vocab};
use crate::model::Span;
use crate::analysis::EntityKind;

/// Share of an entry's content words a supporting window must hold.
const MIN_SHARE: f32 = 0.5;

/// The entry's words as term ids, the names (entity keys) of its own sentence, and its first
/// words (to find that sentence).
#[derive(Clone)]
struct Entry {
    terms: BTreeSet<u32>,
    names: BTreeSet<String>,
    probe: String,
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
    Entry { terms, names, probe }
}

/// Where article `d` supports the entry: the byte span of its sentence, or of two adjacent
/// sentences, that holds enough of the entry's words; None when it does not support it.
fn supports(d: &Doc, e: &Entry) -> Option<Span> {
    if !e.names.is_empty() {
        let has: BTreeSet<String> = d.layers.entities.iter().filter(|x| matches!(x.kind, EntityKind::Place | EntityKind::Person)).map(|x| crate::analysis::entity_key(&x.canonical, x.kind)).collect();
        if !e.names.iter().all(|n| has.contains(n)) {
            return None;
        }
    }
    if e.terms.is_empty() {
        // nothing to weigh (an entry of stopwords): its own sentence, or the article's first
        return own_sentence(d, &e.probe).or_else(|| d.sents.first().map(|s| s.span));
    }
    let need = (e.terms.len() as f32 * MIN_SHARE).ceil() as usize;
    let count = |ts: &[u32]| ts.iter().filter(|t| e.terms.contains(t)).count();
    // the best window: one sentence holding the most of the entry's words, else two adjacent
    let mut best: Option<(usize, Span)> = None;
    for s in &d.sents {
        let one = count(&s.terms);
        if one >= need && best.is_none_or(|(b, _)| one > b) {
            best = Some((one, s.span));
        }
    }
    if best.is_some() {
        return best.map(|b| b.1);
    }
    d.sents.iter().zip(d.sents.iter().skip(1)).find_map(|(s, n)| {
        let both: BTreeSet<u32> = s.terms.iter().chain(&n.terms).copied().filter(|t| e.terms.contains(t)).collect();
        (both.len() >= need).then(|| Span::new(s.span.start, n.span.end))
    })
}

/// The sentence of `d` the entry was taken from (its first words), if it is there.
fn own_sentence(d: &Doc, probe: &str) -> Option<Span> {
    if probe.is_empty() {
        return None;
    }
    d.sents.iter().find(|s| d.text(s).split_whitespace().collect::<Vec<_>>().join(" ").contains(probe)).map(|s| s.span)
}

fn support_of(d: &Doc, span: Span) -> Support {
    let text = &d.a.text;
    let start = text[..span.start].chars().count();
    Support { article: d.id().to_string(), sentence: crate::json::CharSpan { start, end: start + text[span.start..span.end].chars().count() } }
}

/// Keep only the sources that support the entry (at least the first, whose sentence it is
/// when none of the others does), and say where each kept one says it.
pub fn hold(docs: &[Doc], vocab: &Vocab, text: &str, sources: &mut Vec<String>) -> Vec<Support> {
    let e = entry(docs, vocab, text, sources);
    let first = sources[..].first().cloned();
    let mut support = Vec::new();
    sources.retain(|id| match docs.iter().find(|d| d.id() == id) {
        None => true,
        Some(d) => match supports(d, &e) {
            Some(span) => {
                support.push(support_of(d, span));
                true
            }
            None => false,
        },
    });
    if let (true, Some(first)) = (sources.is_empty(), first) {
        if let Some(d) = docs.iter().find(|d| d.id() == first) {
            if let Some(span) = own_sentence(d, &e.probe).or_else(|| supports(d, &Entry { names: BTreeSet::new(), ..e.clone() })) {
                support.push(support_of(d, span));
            }
        }
        sources.push(first);
    }
    support
}
