//! Near-duplicate detection: MinHash (one-permutation hashing with optimal
//! densification) over word shingles, LSH band keys, resemblance and
//! containment estimates, and verbatim "shared passages".
//!
//! Every hash is xxh3 with a fixed seed (plus a fixed 64-bit mixer), so
//! signatures and band keys are identical across runs, machines and
//! workers; the store can index band keys as plain u64 columns.
//!
//! Shingles: lower-cased word 3-grams. Texts with fewer than
//! `SHORT_WORDS` words use word unigrams (distinct words) instead, which
//! survive one-word edits far better than 3-grams on a 15-word text.
//! The shingle size is part of the signature and of every band key, so a
//! short text is only compared with short texts (known weakness: a short
//! text padded by a long inserted paragraph is no longer matched).

use crate::model::Span;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Number of MinHash slots.
pub const K: usize = 128;
/// LSH: `BANDS` bands of `ROWS` slots (126 of the 128 slots are banded).
/// With r=3, b=42 a pair with Jaccard 0.5 collides in some band with
/// p≈0.996, J=0.3 with p≈0.68, J=0.1 with p≈0.04: recall-oriented, since
/// truncated copies (containment≈1) can have Jaccard ≈0.45; candidates are
/// then verified on the full signature.
pub const BANDS: usize = 42;
pub const ROWS: usize = 3;
/// Below this many words a text is shingled by unigrams.
pub const SHORT_WORDS: usize = 25;
/// Copy decision thresholds (see `is_copy`).
pub const COPY_CONTAINMENT: f64 = 0.75;
pub const COPY_MIN_JACCARD: f64 = 0.2;

const SEED_WORD: u64 = 0x5354_4f52_594c_494e; // "STORYLIN"
const SEED_DENSIFY: u64 = 0x4445_4e53_4946_5921;
const SEED_BAND: u64 = 0x4241_4e44_4b45_5953;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Shingle size in words (3, or 1 for short texts).
    pub shingle: u8,
    /// Number of shingles (3-gram positions, or distinct unigrams).
    pub n: u32,
    /// `K` MinHash values (u32::MAX everywhere for an empty text).
    pub mins: Vec<u32>,
}

#[inline]
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Hash of every word (ASCII-lower-cased; non-ASCII bytes are word bytes
/// and kept as they are). A byte scanner, no allocation per word.
fn word_hashes(text: &str, out: &mut Vec<u64>) {
    let b = text.as_bytes();
    let mut buf = [0u8; 64];
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && !(b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
            i += 1;
        }
        let s = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
            i += 1;
        }
        if i > s {
            let w = &b[s..i];
            let h = if w.len() <= 64 {
                for (d, c) in buf.iter_mut().zip(w) {
                    *d = c.to_ascii_lowercase();
                }
                xxh3_64_with_seed(&buf[..w.len()], SEED_WORD)
            } else {
                xxh3_64_with_seed(w, SEED_WORD)
            };
            out.push(h);
        }
    }
}

/// MinHash signature of a text.
pub fn signature(text: &str) -> Signature {
    let mut words = Vec::with_capacity(text.len() / 5 + 1);
    word_hashes(text, &mut words);
    let mut shingles: Vec<u64>;
    let k: u8;
    if words.len() < SHORT_WORDS {
        k = 1;
        shingles = words.iter().map(|&w| fmix64(w ^ 0x1)).collect();
        shingles.sort_unstable();
        shingles.dedup();
    } else {
        k = 3;
        shingles = words
            .windows(3)
            .map(|w| fmix64(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42) ^ 0x3))
            .collect();
    }
    let mut mins = vec![u32::MAX; K];
    let mut filled = 0u32;
    for &h in &shingles {
        let bin = (h >> 57) as usize; // top 7 bits: K = 128 bins
        let v = h as u32;
        let m = &mut mins[bin];
        if *m == u32::MAX {
            filled += 1;
        }
        if v < *m {
            *m = v;
        }
    }
    if filled > 0 && (filled as usize) < K {
        densify(&mut mins);
    }
    Signature { shingle: k, n: shingles.len() as u32, mins }
}

/// Optimal densification (Shrivastava 2017): an empty bin copies the value
/// of the first non-empty bin along its own seeded probe sequence.
fn densify(mins: &mut [u32]) {
    let orig: Vec<bool> = mins.iter().map(|&m| m != u32::MAX).collect();
    let src = mins.to_vec();
    for i in 0..K {
        if orig[i] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let j = (fmix64(SEED_DENSIFY ^ ((i as u64) << 32) ^ attempt) % K as u64) as usize;
            if orig[j] {
                mins[i] = src[j];
                break;
            }
            attempt += 1;
        }
    }
}

/// LSH band keys (`BANDS` u64s); empty for a text with no words. Each key
/// mixes the band index and shingle size, so keys of different bands never
/// collide by construction.
pub fn band_keys(sig: &Signature) -> Vec<u64> {
    if sig.n == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(BANDS);
    let mut buf = [0u8; 4 * ROWS + 2];
    for b in 0..BANDS {
        for r in 0..ROWS {
            buf[4 * r..4 * r + 4].copy_from_slice(&sig.mins[b * ROWS + r].to_le_bytes());
        }
        buf[4 * ROWS] = b as u8;
        buf[4 * ROWS + 1] = sig.shingle;
        out.push(xxh3_64_with_seed(&buf, SEED_BAND));
    }
    out
}

/// Estimated Jaccard resemblance of the two shingle sets (0 when the
/// shingle sizes differ or a text is empty).
pub fn resemblance(a: &Signature, b: &Signature) -> f64 {
    if a.shingle != b.shingle || a.n == 0 || b.n == 0 || a.mins.len() != b.mins.len() || a.mins.is_empty() {
        return 0.0;
    }
    let eq = a.mins.iter().zip(&b.mins).filter(|(x, y)| x == y).count();
    eq as f64 / a.mins.len() as f64
}

/// Estimated containment of the smaller shingle set in the larger one,
/// derived from the Jaccard estimate and the two set sizes.
pub fn containment(a: &Signature, b: &Signature) -> f64 {
    let j = resemblance(a, b);
    if j == 0.0 {
        return 0.0;
    }
    let inter = j / (1.0 + j) * (a.n as f64 + b.n as f64);
    (inter / a.n.min(b.n) as f64).min(1.0)
}

/// Copy decision: the smaller text is (almost) contained in the larger
/// (covers truncation, boilerplate and an inserted paragraph) and the
/// resemblance is not negligible (a one-line brief inside a long feature
/// is not a "copy" of it).
pub fn is_copy(a: &Signature, b: &Signature) -> bool {
    resemblance(a, b) >= COPY_MIN_JACCARD && containment(a, b) >= COPY_CONTAINMENT
}

/// In-memory reference of the store's band-key index: earlier articles
/// are found through shared band keys and verified on the signature.
#[derive(Default, Serialize, Deserialize)]
pub struct DupIndex {
    pub ids: Vec<String>,
    pub sigs: Vec<Signature>,
    pub bands: std::collections::HashMap<u64, Vec<u32>>,
}

impl DupIndex {
    /// Indexes the article; returns the earlier article it copies (best
    /// containment, ties to the earliest), with its containment estimate.
    pub fn add(&mut self, id: &str, sig: Signature) -> Option<(String, f64)> {
        let keys = band_keys(&sig);
        let mut cands: Vec<u32> = keys.iter().filter_map(|k| self.bands.get(k)).flatten().copied().collect();
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(u32, f64)> = None;
        for c in cands {
            let s = &self.sigs[c as usize];
            if is_copy(&sig, s) {
                let ct = containment(&sig, s);
                if best.is_none_or(|(_, b)| ct > b) {
                    best = Some((c, ct));
                }
            }
        }
        let me = self.sigs.len() as u32;
        for k in keys {
            self.bands.entry(k).or_default().push(me);
        }
        self.ids.push(id.to_string());
        self.sigs.push(sig);
        best.map(|(c, ct)| (self.ids[c as usize].clone(), ct))
    }
}

// ---------------------------------------------------------------------
// Shared passages

struct SentInfo {
    span: Span,
    /// (bigram hash, byte start of first word, byte end of second word)
    grams: Vec<(u64, usize, usize)>,
}

fn sent_infos(text: &str) -> Vec<SentInfo> {
    let tl = crate::text::TextLayer::new(text, None);
    tl.sentences
        .iter()
        .map(|s| {
            let toks = super::features::words_in(text, &tl.tokens, s.tokens);
            let hs: Vec<u64> = toks.iter().map(|t| xxh3_64_with_seed(t.lower.as_bytes(), SEED_WORD)).collect();
            let grams = (1..toks.len()).map(|i| (fmix64(hs[i - 1] ^ hs[i].rotate_left(29)), toks[i - 1].start, toks[i].end)).collect();
            SentInfo { span: s.span, grams }
        })
        .collect()
}

/// Minimum number of word bigrams (i.e. words-1) a shared passage has.
pub const PASSAGE_MIN_GRAMS: usize = 5;
/// Fraction of the shorter sentence's bigrams that must be shared.
pub const PASSAGE_MIN_COVER: f64 = 0.6;

/// The word bigrams of a text's sentences long enough to be a shared passage: two texts
/// sharing fewer than [`PASSAGE_MIN_GRAMS`] of them share no passage, so a story's pairs can
/// be screened before [`shared_passages`] aligns them.
pub fn passage_grams(text: &str) -> std::collections::HashSet<u64> {
    sent_infos(text).into_iter().filter(|s| s.grams.len() >= PASSAGE_MIN_GRAMS).flat_map(|s| s.grams.into_iter().map(|g| g.0)).collect()
}

/// Sentences (merged into paragraphs when consecutive) that the two texts
/// share verbatim or nearly: returns pairs of byte spans (span in `a`,
/// span in `b`). A quote embedded in a longer sentence is narrowed to the
/// matched words. Pairs are ordered by position in `a`.
pub fn shared_passages(a: &str, b: &str) -> Vec<(Span, Span)> {
    let sa = sent_infos(a);
    let sb = sent_infos(b);
    let mut index: std::collections::HashMap<u64, Vec<u32>> = std::collections::HashMap::new();
    for (j, s) in sb.iter().enumerate() {
        for g in &s.grams {
            let v = index.entry(g.0).or_default();
            if v.last() != Some(&(j as u32)) {
                v.push(j as u32);
            }
        }
    }
    // (i, j, span a, span b)
    let mut pairs: Vec<(usize, usize, Span, Span)> = Vec::new();
    for (i, s) in sa.iter().enumerate() {
        if s.grams.len() < PASSAGE_MIN_GRAMS {
            continue;
        }
        let mut hits: Vec<u32> = s.grams.iter().filter_map(|g| index.get(&g.0)).flatten().copied().collect();
        hits.sort_unstable();
        // best b-sentence by number of shared bigrams (ties: earliest)
        let mut best: Option<(u32, usize)> = None;
        let mut k = 0;
        while k < hits.len() {
            let mut e = k;
            while e < hits.len() && hits[e] == hits[k] {
                e += 1;
            }
            if best.is_none_or(|(_, c)| e - k > c) {
                best = Some((hits[k], e - k));
            }
            k = e;
        }
        let Some((j, _)) = best else { continue };
        let t = &sb[j as usize];
        let gb: std::collections::HashSet<u64> = t.grams.iter().map(|g| g.0).collect();
        let ga: std::collections::HashSet<u64> = s.grams.iter().map(|g| g.0).collect();
        let shared = ga.intersection(&gb).count();
        let shorter = ga.len().min(gb.len());
        if shorter < PASSAGE_MIN_GRAMS || shared < PASSAGE_MIN_GRAMS || (shared as f64) < PASSAGE_MIN_COVER * shorter as f64 {
            continue;
        }
        let narrow = |x: &SentInfo, other: &std::collections::HashSet<u64>| -> Span {
            let m: Vec<&(u64, usize, usize)> = x.grams.iter().filter(|g| other.contains(&g.0)).collect();
            // keep the whole sentence unless the match covers only part of it
            let (s0, e0) = (m.first().unwrap().1, m.last().unwrap().2);
            if (m.len() as f64) >= 0.8 * x.grams.len() as f64 { x.span } else { Span { start: s0, end: e0 } }
        };
        pairs.push((i, j as usize, narrow(s, &gb), narrow(t, &ga)));
    }
    // merge runs of consecutive sentence pairs into paragraph spans
    let mut out: Vec<(usize, usize, Span, Span)> = Vec::new();
    for p in pairs {
        if let Some(last) = out.last_mut() {
            if p.0 == last.0 + 1 && p.1 == last.1 + 1 {
                last.0 = p.0;
                last.1 = p.1;
                last.2.end = p.2.end;
                last.3.end = p.3.end;
                continue;
            }
        }
        out.push(p);
    }
    out.into_iter().map(|(_, _, x, y)| (x, y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "A magnitude 6.1 earthquake struck off the coast of northern California on Sunday, the U.S. Geological Survey said. \
The quake hit at 4:40 p.m. about 30 miles west of Eureka and was felt as far away as Sacramento. \
There were no immediate reports of damage or injuries, a sheriff's spokeswoman said. \
Residents described a long rolling motion that rattled dishes and knocked pictures off walls.";

    #[test]
    fn copy_with_changes_is_detected() {
        let copy = format!("EUREKA, Calif. (AP) -- {}\nCopyright 2013 The Associated Press. All rights reserved.", A);
        let a = signature(A);
        let b = signature(&copy);
        assert!(containment(&a, &b) > 0.8, "{}", containment(&a, &b));
        assert!(is_copy(&a, &b));
        assert!(band_keys(&a).iter().zip(band_keys(&b)).any(|(x, y)| *x == y));
    }

    #[test]
    fn truncated_copy_is_detected() {
        let half = &A[..A.len() / 2];
        let a = signature(A);
        let b = signature(half);
        assert!(resemblance(&a, &b) < 0.8);
        assert!(is_copy(&a, &b), "c={} j={}", containment(&a, &b), resemblance(&a, &b));
    }

    #[test]
    fn same_event_different_article_is_not_copy() {
        let other = "Northern California was shaken by a strong earthquake Sunday afternoon. \
The magnitude 6.1 temblor was centered offshore west of Eureka, seismologists said. \
Emergency officials said they had received no calls about serious damage. \
Aftershocks continued into the evening, and tsunami warnings were not issued.";
        let a = signature(A);
        let b = signature(other);
        assert!(!is_copy(&a, &b), "c={} j={}", containment(&a, &b), resemblance(&a, &b));
    }

    #[test]
    fn short_texts_use_unigrams() {
        let a = signature("Lindsay Lohan checks into Betty Ford Center for 90-day stay");
        let b = signature("Lindsay Lohan checks into the Betty Ford Center for a 90-day stay");
        assert_eq!(a.shingle, 1);
        assert!(resemblance(&a, &b) > 0.6);
        let c = signature("Esther Williams, swimming champion and actress, dies at 91");
        assert!(resemblance(&a, &c) < 0.2);
    }

    #[test]
    fn signatures_are_stable() {
        // fixed seeds: the same text always gives the same keys
        let k1 = band_keys(&signature(A));
        let k2 = band_keys(&signature(&A.to_string()));
        assert_eq!(k1, k2);
        assert_eq!(k1.len(), BANDS);
        assert!(band_keys(&signature("")).is_empty());
        assert_eq!(resemblance(&signature(""), &signature("")), 0.0);
    }

    #[test]
    fn dup_index_finds_earlier() {
        let mut ix = DupIndex::default();
        assert!(ix.add("a", signature(A)).is_none());
        assert!(ix.add("x", signature("Something else entirely about football scores and a cup final in Madrid tonight, with goals from several strikers and a late penalty that decided it for the home team.")).is_none());
        let r = ix.add("b", signature(&format!("{A} Editing by John Smith.")));
        assert_eq!(r.map(|x| x.0), Some("a".to_string()));
    }

    #[test]
    fn shared_quote_passages() {
        let a = "Officials met on Monday.\n\"We appreciate your respect to her and her family's privacy at this time,\" the rep said.\nOther things happened.";
        let b = "The actress is in rehab. Her rep Jack Ketsoyan told People: \"We appreciate your respect to her and her family's privacy at this time.\" More later.";
        let p = shared_passages(a, b);
        assert_eq!(p.len(), 1, "{p:?}");
        let (x, y) = p[0];
        assert!(a[x.start..x.end].contains("We appreciate your respect"));
        assert!(b[y.start..y.end].starts_with("We appreciate your respect"), "{}", &b[y.start..y.end]);
        assert!(!b[y.start..y.end].contains("Ketsoyan"));
        assert!(shared_passages(a, "Nothing in common here at all, really not a single thing.").is_empty());
    }

    #[test]
    fn consecutive_sentences_merge() {
        let b = format!("Intro line of the other article.\n{A}");
        let p = shared_passages(A, &b);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(&A[p[0].0.start..p[0].0.end], A);
    }
}

impl Signature {
    /// A compact, stable byte form for the store: shingle size, shingle count, then the
    /// MinHash values, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(5 + 4 * self.mins.len());
        v.push(self.shingle);
        v.extend_from_slice(&self.n.to_le_bytes());
        for m in &self.mins {
            v.extend_from_slice(&m.to_le_bytes());
        }
        v
    }

    /// The inverse of [`Signature::to_bytes`]; None for bytes of another shape.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != 5 + 4 * K {
            return None;
        }
        let n = u32::from_le_bytes(b[1..5].try_into().ok()?);
        let mins = b[5..].chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        Some(Signature { shingle: b[0], n, mins })
    }
}

#[cfg(test)]
mod bytes_tests {
    use super::*;

    #[test]
    fn signatures_round_trip_through_bytes() {
        let s = signature("Ukrainian President Volodymyr Zelensky said he would be waiting for Putin in Turkey on Thursday.");
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Signature::from_bytes(b"short"), None);
    }
}
