//! Is this text a machine translation, or otherwise garbled? News copy keeps one house style:
//! a place or person is spelled one way throughout, words are not stuttered, country names
//! are capitalised. Machine-translated copy (seed 001: "Kiev", "Kyiv" and "Kief" in one
//! article; "losing Moscow, Moscow, Moscow"; "ukraine") breaks these. Each signal is counted,
//! and the text is flagged when together they are well past what edited copy shows.

use std::collections::{BTreeMap, BTreeSet};

use super::{Entity, EntityKind};

/// The evidence, for explaining a flag.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// Entities spelled in two or more clearly different ways ("Kyiv", "Kiev", "Kief").
    pub mixed_spellings: usize,
    /// Stuttered words or phrases ("Moscow, Moscow, Moscow").
    pub stutters: usize,
    /// Well-known names written in lower case ("ukraine").
    pub lowercase_names: usize,
}

impl Evidence {
    pub fn score(&self) -> usize {
        2 * self.mixed_spellings + 2 * self.stutters + self.lowercase_names
    }
}

/// The score from which a text is flagged.
pub const FLAG_AT: usize = 4;

fn fold(s: &str) -> String {
    // spelling, not style: case, diacritics, doubled letters and y/i do not count
    let mut k = String::new();
    crate::text::search_key(s, &mut k);
    k
}

/// Gather the evidence in a text, given its entities.
pub fn evidence(text: &str, entities: &[Entity]) -> Evidence {
    evidence_in(text, entities, &crate::text::Tokens::new(text))
}

/// [`evidence`] over the tokens already computed for `text` (the one tokeniser's).
pub fn evidence_in(text: &str, entities: &[Entity], tokens: &crate::text::Tokens) -> Evidence {
    let mut ev = Evidence::default();
    let mut spellings: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for e in entities.iter().filter(|e| matches!(e.kind, EntityKind::Place | EntityKind::Person)) {
        let surface = e.span.of(text).trim_start_matches('(').trim_end_matches(')');
        // compare the last word (a surname alone is not a different spelling)
        let last = surface.split_whitespace().last().unwrap_or(surface);
        spellings.entry(e.canonical.as_str()).or_default().insert(fold(last));
        if surface.chars().next().is_some_and(|c| c.is_lowercase()) {
            ev.lowercase_names += 1;
        }
    }
    ev.mixed_spellings = spellings.values().filter(|s| s.len() >= 2).count();
    // stutters: the same word three times in a row, or a phrase of 3+ words repeated at once
    let words: Vec<&str> = tokens.toks.iter().filter(|t| t.is_word()).map(|t| &text[t.start as usize..t.end as usize]).collect();
    let mut i = 0;
    while i + 2 < words.len() {
        if words[i] == words[i + 1] && words[i] == words[i + 2] && words[i].chars().count() > 2 {
            ev.stutters += 1;
            i += 3;
            continue;
        }
        i += 1;
    }
    ev
}

/// Whether a text reads as machine-translated or garbled.
pub fn looks_machine_translated(text: &str, entities: &[Entity]) -> bool {
    evidence(text, entities).score() >= FLAG_AT
}

/// [`looks_machine_translated`] over the tokens already computed for `text`.
pub fn looks_machine_translated_in(text: &str, entities: &[Entity], tokens: &crate::text::Tokens) -> bool {
    evidence_in(text, entities, tokens).score() >= FLAG_AT
}
