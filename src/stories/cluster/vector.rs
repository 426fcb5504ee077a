//! An article's feature vector: the kinds of feature (content words, entity keys and the
//! words of multi-word keys, numbers, dates, TIMEX3 values) and the evidence group of each,
//! the feature keys an article yields, and its raw (tf × boost) vector over term ids (new
//! terms get the next ids).

use super::state::Source;
use super::{Clusterer, Config, DocFeatures};
use crate::stories::features::{words, Stop};
use crate::store::StoreError;
use crate::text::stem;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

pub(super) const KIND_WORD: u8 = 0;
const KIND_ENT: u8 = 1;
const KIND_ENT_PART: u8 = 2;
pub(super) const KIND_NUM: u8 = 3;
const KIND_DATE: u8 = 4;
pub(super) const KIND_PERSON: u8 = 5;
const KIND_PLACE: u8 = 6;
pub(super) const KIND_ORG: u8 = 7;
const KIND_TIME: u8 = 8;

pub(super) fn is_entity(kind: u8) -> bool {
    matches!(kind, KIND_ENT | KIND_PERSON | KIND_PLACE | KIND_ORG)
}

/// The words that name an institution rather than one organisation: a navy, a ministry, a
/// court. An organisation named by one ("Indian Navy", "Defence Ministry", "Justice Department",
/// "International Maritime Bureau") is the same body in every story of its beat, as a common word
/// is; the distinctive names (a ship, a company, a person) are what tell two of its events apart.
const INSTITUTION_WORDS: &[&str] = &[
    "administration", "agency", "army", "assembly", "authority", "board", "bureau", "cabinet", "command", "commission", "committee", "congress",
    "council", "court", "department", "embassy", "force", "forces", "government", "guard", "marines", "military", "ministry", "navy", "office",
    "parliament", "police", "senate", "service",
];

/// Whether an organisation's key (`O:` and its merge key) names an institution
/// (`INSTITUTION_WORDS`) rather than one distinctive body.
pub(super) fn generic_org(key: &str) -> bool {
    key.get(2..).is_some_and(|k| k.split([' ', '_', '-']).any(|w| INSTITUTION_WORDS.binary_search(&w).is_ok()))
}

/// Whether a TIMEX3 value says something about *which* event: dates with
/// a year or a month, years, durations; not weekdays, PRESENT_REF, ...
fn useful_time(v: &str) -> bool {
    let b = v.as_bytes();
    if v.starts_with('P') {
        return v.len() >= 3 && !v.contains('X');
    }
    if b.len() >= 4 && b[..4].iter().all(|c| c.is_ascii_digit()) {
        return !v.contains('T');
    }
    // XXXX-MM-DD (a month and day without a year)
    v.len() == 10 && v.starts_with("XXXX-") && b[5].is_ascii_digit() && b[8].is_ascii_digit()
}

/// Evidence groups scored separately: 0 words, 1 entities, 2 numbers+dates.
pub(super) fn group(kind: u8) -> usize {
    match kind {
        KIND_WORD => 0,
        KIND_ENT | KIND_ENT_PART | KIND_PERSON | KIND_PLACE | KIND_ORG => 1,
        _ => 2,
    }
}

/// The word and number keys of a text, in order, repeats counted: `n:` and a number as
/// written ("n:6.1"), `w:` and the stem of a content word. The costly part of an article's
/// features (Snowball), so ingest computes them in its parallel stage
/// ([`DocFeatures::words`]) and the writer thread only looks them up.
pub fn word_keys(text: &str, stop: &Stop) -> Vec<String> {
    word_keys_in(text, &crate::text::Tokens::new(text), stop)
}

/// [`word_keys`] over the tokens of `text`.
pub fn word_keys_in(text: &str, tk: &crate::text::Tokens, stop: &Stop) -> Vec<String> {
    let mut out = Vec::new();
    // each word's key is made once (a text repeats most of its words; Snowball is the costly
    // part); None: the word gives no key
    let mut made: FxHashMap<(&str, bool), Option<String>> = FxHashMap::with_capacity_and_hasher(tk.toks.len() / 4, Default::default());
    for t in words(text, tk) {
        let key = made.entry((t.lower, t.has_digit)).or_insert_with(|| {
            if t.has_digit {
                Some(["n:", t.lower].concat())
            } else if t.lower.chars().count() >= 2 && !stop.has(t.lower) {
                Some(["w:", &stem(t.lower)].concat())
            } else {
                None
            }
        });
        if let Some(k) = key {
            out.push(k.clone());
        }
    }
    out
}

/// Whether a text is caseless: written in lower case but for sentence starts (as Multi-News
/// comes), so that its names are not capitalised and the entity layer finds few of them, and
/// those few are sentence-initial words. Of its words of two letters or more that do not start
/// a sentence (at least `CASELESS_MIN_WORDS`), at most 1 in 100 starts with a capital; cased
/// news has some 10–15 in 100 (names, titles, organisations).
pub fn caseless(text: &str) -> bool {
    const CASELESS_MIN_WORDS: usize = 40;
    let (mut words, mut capital) = (0usize, 0usize);
    let mut start = true;
    for tok in crate::text::split_whitespace(text) {
        // a token that starts with an ASCII letter or digit (most do) is read by its bytes:
        // for ASCII the char classes are the ASCII ones (with the byte-wise `text::split_whitespace`
        // this took `caseless` from 224 K to 157 K instructions an article, Timeline17 H1N1)
        let b = tok.as_bytes();
        let (first, second) = if b[0].is_ascii_alphanumeric() {
            let second = match b.get(1) {
                Some(&c) if c.is_ascii() => Some(c as char),
                Some(_) => tok[1..].chars().next(),
                None => None,
            };
            (Some(b[0] as char), second)
        } else {
            let mut chars = tok.trim_start_matches(|c: char| !c.is_alphanumeric()).chars();
            (chars.next(), chars.next())
        };
        if let Some(first) = first {
            if !start && first.is_alphabetic() && second.is_some_and(char::is_alphabetic) {
                words += 1;
                capital += usize::from(first.is_uppercase());
            }
            start = false;
        }
        // the marks are ASCII: a token's last byte is one only when its last char is
        if matches!(b[b.len() - 1], b'.' | b'!' | b'?' | b':' | b'"' | b'\'' | b')') {
            start = true;
        }
    }
    words >= CASELESS_MIN_WORDS && capital * 100 <= words
}

/// An article's feature keys under `cfg`, in the order they are met (repeats counted), each
/// with its kind's boost (kinds boosted 0 left out): what the clusterer counts, for learning
/// offline (`storyline eval stories --learn-weights`).
pub fn feature_keys(cfg: &Config, doc: &DocFeatures) -> Vec<(String, f32)> {
    let c = Clusterer::new(cfg.clone());
    let boosts = c.boosts();
    c.feature_keys(doc, &Stop::new()).into_iter().map(|(k, kind)| (k.into_owned(), boosts.get(kind as usize).copied().unwrap_or(boosts[KIND_DATE as usize]))).filter(|x| x.1 > 0.0).collect()
}

/// An article's feature keys, each once in the order first met, with its kind there and how
/// often it is met: what [`Clusterer::raw_vector`] asks the dictionary for. A pure function of
/// the article and of which kinds of feature the configuration keeps (`KeyShape`), so
/// ingest's parallel stage finds them ahead ([`DocFeatures::with_keys`]) and the writer thread
/// only looks them up.
#[derive(Clone, Debug, Default)]
pub struct DistinctKeys {
    shape: KeyShape,
    keys: Vec<(String, u8, u32)>,
}

/// Which kinds of feature key a configuration makes (a boost of 0 makes none of its kind):
/// keys found under one shape serve any configuration of the same shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct KeyShape([bool; 9]);

impl KeyShape {
    fn of(c: &Config) -> KeyShape {
        KeyShape([
            c.number_boost > 0.0,
            c.caseless_names,
            c.entity_boost > 0.0,
            c.entity_part_boost > 0.0,
            c.person_boost > 0.0,
            c.place_boost > 0.0,
            c.org_boost > 0.0,
            c.time_boost > 0.0,
            c.date_boost > 0.0,
        ])
    }
}

/// Each key of `keys` once, in the order first met, with its kind there and its count: one
/// hash of each key met (an article repeats most of its words).
fn count_keys<'a>(keys: &'a [(Cow<'a, str>, u8)]) -> Vec<(&'a str, u8, u32)> {
    let mut at: FxHashMap<&str, usize> = FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    let mut distinct: Vec<(&str, u8, u32)> = Vec::with_capacity(keys.len());
    for (k, kind) in keys {
        match at.entry(k.as_ref()) {
            std::collections::hash_map::Entry::Occupied(e) => distinct[*e.get()].2 += 1,
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(distinct.len());
                distinct.push((k.as_ref(), *kind, 1));
            }
        }
    }
    distinct
}

impl DocFeatures {
    /// The article's feature keys under `cfg` found now ([`DistinctKeys`]), for a clusterer
    /// of the same shape to use as they are.
    pub fn with_keys(mut self, cfg: &Config) -> DocFeatures {
        self.keys = None;
        let c = Clusterer::new(cfg.clone());
        let keys = c.feature_keys(&self, super::stop());
        let found = count_keys(&keys).into_iter().map(|(k, kind, n)| (k.to_string(), kind, n)).collect();
        drop(keys);
        self.keys = Some(DistinctKeys { shape: KeyShape::of(cfg), keys: found });
        self
    }
}

impl Clusterer {
    /// The boost of each kind of feature, by kind.
    fn boosts(&self) -> [f32; 9] {
        let c = &self.cfg;
        [c.word_boost, c.entity_boost, c.entity_part_boost, c.number_boost, c.date_boost, c.person_boost, c.place_boost, c.org_boost, c.time_boost]
    }

    /// The feature keys of an article, in the order they are met (repeats counted).
    fn feature_keys<'a>(&self, doc: &'a DocFeatures, stop: &Stop) -> Vec<(Cow<'a, str>, u8)> {
        let c = &self.cfg;
        let mut out: Vec<(Cow<'a, str>, u8)> = Vec::new();
        // the word keys as computed ahead (borrowed), else computed here
        let keys: Vec<Cow<'a, str>> = match &doc.words {
            Some(w) => w.iter().map(|k| Cow::Borrowed(k.as_str())).collect(),
            None => word_keys(&doc.text, stop).into_iter().map(Cow::Owned).collect(),
        };
        for k in keys {
            if k.starts_with("n:") {
                if c.number_boost > 0.0 {
                    out.push((k, KIND_NUM));
                }
            } else {
                out.push((k, KIND_WORD));
            }
        }
        // a caseless article's names are mostly sentence-initial words taken for names: its
        // words alone speak for it (`Config::caseless_names`)
        let names = c.caseless_names || !doc.caseless.unwrap_or_else(|| caseless(&doc.text));
        if names && c.entity_boost > 0.0 {
            for e in &doc.entities {
                out.push((format!("e:{e}").into(), KIND_ENT));
                if c.entity_part_boost > 0.0 && e.contains('_') {
                    for p in e.split('_') {
                        if !stop.has(p) && p.len() > 1 {
                            out.push((format!("p:{p}").into(), KIND_ENT_PART));
                        }
                    }
                }
            }
        }
        let typed = [(&doc.people, KIND_PERSON, c.person_boost, "P"), (&doc.places, KIND_PLACE, c.place_boost, "L"), (&doc.orgs, KIND_ORG, c.org_boost, "O")];
        for (list, kind, boost, pre) in typed {
            if !names || boost <= 0.0 {
                continue;
            }
            for e in list.iter() {
                out.push((format!("{pre}:{e}").into(), kind));
                if c.entity_part_boost > 0.0 {
                    for p in e.split([' ', '_', '-']) {
                        if p.chars().count() > 1 && !stop.has(p) {
                            out.push((format!("p:{p}").into(), KIND_ENT_PART));
                        }
                    }
                }
            }
        }
        if c.time_boost > 0.0 {
            for t in &doc.times {
                if useful_time(t) {
                    out.push((format!("t:{t}").into(), KIND_TIME));
                }
            }
        }
        if c.date_boost > 0.0 {
            for d in &doc.dates {
                out.push((format!("d:{d}").into(), KIND_DATE));
                out.push((format!("m:{}", d.format("%Y-%m")).into(), KIND_DATE));
            }
        }
        out
    }

    /// Raw (tf × boost) feature vector, sorted by term id. Terms are looked up in the store;
    /// new ones get the next ids, in the order they are met.
    pub(super) fn raw_vector(&mut self, src: &dyn Source, doc: &DocFeatures, stop: &Stop) -> Result<Vec<(u32, f32)>, StoreError> {
        // each distinct key once, in the order first met, with its kind there and its count,
        // then the dictionary asked once per distinct key; the keys counted ahead when the
        // article came prepared (`DocFeatures::with_keys`: formatting and counting them were
        // some 100 M of the writer's 2,633 M instructions over the 402 Timeline17 H1N1
        // articles, callgrind)
        let keys;
        let distinct: Vec<(&str, u8, u32)> = match &doc.keys {
            Some(d) if d.shape == KeyShape::of(&self.cfg) => d.keys.iter().map(|(k, kind, n)| (k.as_str(), *kind, *n)).collect(),
            _ => {
                keys = self.feature_keys(doc, stop);
                count_keys(&keys)
            }
        };
        let missing: Vec<String> =
            distinct.iter().filter(|(k, ..)| !self.dict.contains_key(*k) && !self.absent.contains(*k)).map(|(k, ..)| k.to_string()).collect();
        self.lookup_keys(src, missing)?;
        let boosts = self.boosts();
        let generic_w = self.cfg.generic_org_weight;
        let mut v: Vec<(u32, f32)> = Vec::with_capacity(distinct.len());
        for (key, kind, n) in distinct {
            // new terms get the next ids in the order their keys are met
            let id = match self.dict.get(key) {
                Some(&id) => id,
                None => self.create_term(key.to_string(), kind),
            };
            let boost = boosts.get(kind as usize).copied().unwrap_or(boosts[KIND_DATE as usize]);
            let boost = if generic_w != 1.0 && self.generic(id) { boost * generic_w } else { boost };
            let w = (1.0 + (n as f32).ln()) * boost;
            if w > 0.0 {
                v.push((id, w));
            }
        }
        v.sort_unstable_by_key(|x| x.0);
        let ids: Vec<u32> = v.iter().map(|x| x.0).collect();
        self.ensure_parts(src, &ids)?;
        Ok(v)
    }
}
