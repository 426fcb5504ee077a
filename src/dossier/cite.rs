//! Citations that hold: an article is cited for a summary sentence or a timeline entry only
//! when it says the same thing — one of its sentences, or two adjacent ones, holds at least
//! half of the entry's words, and it names every place and person the entry's own sentence
//! names (by canonical name, so Kiev meets Kyiv). A similar sentence that lacks the entry's key
//! name ("… will travel to Ankara" cited to an article that never mentions Ankara) is not
//! support.
//!
//! The words weighed are every word that carries meaning, stemmed: not only the content terms
//! the dossier ranks sentences by (which leave out numbers, weekdays and words such as
//! "first" or "two", common in a story but what tells one report from another) but those
//! too. "Turkmenistan voted Sunday in its first parliamentary election" is not said by an
//! article that reports a vote; "4.9m barrels had leaked" not by one that gives no figure.
//! Only function words (articles, prepositions, pronouns, auxiliaries, "said") are left out.
//! On the trust audit's development store this check and the one the audit makes from
//! outside (`../shared/tools/audit_trust.py`, half the entry's words in a sentence or two)
//! agree on 98% of the pairs cited.

use std::collections::BTreeSet;

use super::Support;
use super::prep::Doc;
use crate::model::Span;
use crate::analysis::EntityKind;

/// Share of an entry's content words a supporting window must hold.
const MIN_SHARE: f32 = 0.5;

/// Words that carry no meaning of their own: articles, prepositions, pronouns, auxiliaries,
/// conjunctions, and the verbs of saying (every report says someone said something).
const FUNCTION: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "nor", "is", "are", "was", "were", "be", "been",
    "being", "am", "has", "have", "had", "having", "do", "does", "did", "it", "its", "this", "that", "these", "those", "with",
    "by", "as", "from", "into", "onto", "he", "she", "they", "we", "you", "i", "me", "him", "his", "her", "hers", "their",
    "them", "our", "us", "your", "my", "not", "no", "said", "says", "say", "saying", "told", "tells", "will", "would",
    "could", "should", "can", "may", "might", "must", "shall", "which", "who", "whom", "whose", "what", "if", "so", "than",
    "there", "here", "then", "also", "just", "s",
];

/// The words of a text that carry meaning, stemmed (hashed): every word of two letters or
/// more (numbers too) that is not a function word.
pub(super) fn meaning(text: &str) -> BTreeSet<u64> {
    let tk = crate::text::Tokens::new(text);
    crate::stories::features::words(text, &tk)
        .into_iter()
        .filter(|w| w.lower.chars().count() > 1 && !FUNCTION.contains(&w.lower))
        .map(|w| stem_hash(w.lower))
        .collect()
}

/// The hash of a word's stem. Words repeat, so each thread remembers the hashes it made
/// (bounded: forgotten all at once past `CACHED` words).
fn stem_hash(lower: &str) -> u64 {
    const CACHED: usize = 1 << 16;
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, u64>> = Default::default();
    }
    SEEN.with(|seen| {
        if let Some(&h) = seen.borrow().get(lower) {
            return h;
        }
        let h = xxhash_rust::xxh3::xxh3_64(crate::text::stem(lower).as_bytes());
        let mut seen = seen.borrow_mut();
        if seen.len() >= CACHED {
            seen.clear();
        }
        seen.insert(lower.into(), h);
        h
    })
}

/// Every sentence's words that carry meaning, for each article: computed for all at once (a
/// dossier cites most of its articles), or ([`Words::lazy`]) for each article when it is
/// first weighed (a timeline over thousands of articles cites few of them); and the names
/// (entity keys) of the places and people each article names, when first asked for.
pub struct Words(Vec<std::sync::OnceLock<Vec<BTreeSet<u64>>>>, Vec<std::sync::OnceLock<BTreeSet<String>>>);

impl Words {
    pub fn new(docs: &[Doc]) -> Words {
        use rayon::prelude::*;
        Words(docs.par_iter().map(|d| std::sync::OnceLock::from(of_doc(d))).collect(), docs.iter().map(|_| std::sync::OnceLock::new()).collect())
    }
    pub fn lazy(docs: &[Doc]) -> Words {
        Words(docs.iter().map(|_| std::sync::OnceLock::new()).collect(), docs.iter().map(|_| std::sync::OnceLock::new()).collect())
    }
    fn of<'a>(&'a self, docs: &[Doc], i: usize) -> &'a [BTreeSet<u64>] {
        self.0[i].get_or_init(|| of_doc(&docs[i]))
    }
    fn names<'a>(&'a self, docs: &[Doc], i: usize) -> &'a BTreeSet<String> {
        self.1[i].get_or_init(|| names_of(&docs[i]))
    }
}

fn of_doc(d: &Doc) -> Vec<BTreeSet<u64>> {
    d.sents.iter().map(|s| meaning(d.text(s))).collect()
}

/// The entity keys of the places and people an article names (each name keyed once: an
/// article names the same people again and again, and a key costs a gazetteer look-up).
fn names_of(d: &Doc) -> BTreeSet<String> {
    let distinct: rustc_hash::FxHashSet<(&str, EntityKind)> =
        d.layers.entities.iter().filter(|x| matches!(x.kind, EntityKind::Place | EntityKind::Person)).map(|x| (x.canonical.as_str(), x.kind)).collect();
    distinct.into_iter().map(|(name, kind)| crate::analysis::entity_key(name, kind)).collect()
}

/// The entry's words, the names (entity keys) of its own sentence, and its first words (to
/// find that sentence).
#[derive(Clone)]
struct Entry {
    terms: BTreeSet<u64>,
    names: BTreeSet<String>,
    probe: String,
}

fn entry(docs: &[Doc], text: &str, sources: &[String]) -> Entry {
    // a quote entry reads "Speaker: “words”": the speaker is not part of what is said
    let said = match text.split_once(": “") {
        Some((who, rest)) if who.len() <= 60 && !who.contains('.') => rest,
        _ => text,
    };
    let terms = meaning(said.trim_end_matches('…'));
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

/// Where article `docs[i]` supports the entry: the byte span of its sentence, or of two adjacent
/// sentences, that holds enough of the entry's words; None when it does not support it.
fn supports(docs: &[Doc], w: &Words, i: usize, e: &Entry) -> Option<Span> {
    let d = &docs[i];
    if !e.names.is_empty() {
        let has = w.names(docs, i);
        if !e.names.iter().all(|n| has.contains(n)) {
            return None;
        }
    }
    if e.terms.is_empty() {
        // nothing to weigh (an entry of stopwords): its own sentence, or the article's first
        return own_sentence(d, &e.probe).or_else(|| d.sents.first().map(|s| s.span));
    }
    let words = w.of(docs, i);
    let need = (e.terms.len() as f32 * MIN_SHARE).ceil() as usize;
    let count = |ws: &BTreeSet<u64>| ws.intersection(&e.terms).count();
    // the best window: one sentence holding the most of the entry's words, else two adjacent
    let mut best: Option<(usize, Span)> = None;
    for (s, ws) in d.sents.iter().zip(words) {
        let one = count(ws);
        if one >= need && best.is_none_or(|(b, _)| one > b) {
            best = Some((one, s.span));
        }
    }
    if best.is_some() {
        return best.map(|b| b.1);
    }
    (1..d.sents.len().min(words.len())).find_map(|i| {
        let both = words[i - 1].union(&words[i]).filter(|t| e.terms.contains(t)).count();
        (both >= need).then(|| Span::new(d.sents[i - 1].span.start, d.sents[i].span.end))
    })
}

/// How many of the articles `among` (indices into `docs`) say what `text` says, as `hold`
/// would keep them.
pub fn supported(docs: &[Doc], words: &Words, text: &str, among: &[usize]) -> usize {
    let ids: Vec<String> = among.iter().map(|&i| docs[i].id().to_string()).collect();
    let e = entry(docs, text, &ids);
    among.iter().filter(|&&i| supports(docs, words, i, &e).is_some()).count()
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
pub fn hold(docs: &[Doc], words: &Words, text: &str, sources: &mut Vec<String>) -> Vec<Support> {
    let e = entry(docs, text, sources);
    let first = sources[..].first().cloned();
    let mut support = Vec::new();
    sources.retain(|id| match docs.iter().position(|d| d.id() == id) {
        None => true,
        Some(i) => match supports(docs, words, i, &e) {
            Some(span) => {
                support.push(support_of(&docs[i], span));
                true
            }
            None => false,
        },
    });
    if let (true, Some(first)) = (sources.is_empty(), first) {
        if let Some(i) = docs.iter().position(|d| d.id() == first) {
            let d = &docs[i];
            if let Some(span) = own_sentence(d, &e.probe).or_else(|| supports(docs, words, i, &Entry { names: BTreeSet::new(), ..e.clone() })) {
                support.push(support_of(d, span));
            }
        }
        sources.push(first);
    }
    support
}
