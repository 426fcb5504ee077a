//! What the English tagger knows of a word beyond its letters, looked up by its lower-case hash
//! (`Tok::lower`): a distributional cluster and the case the word usually has, both learned from
//! unlabelled news text, and the kinds of entity the word was part of in the tagger's training
//! gold. These let the tagger read a name it never saw in training by the company it keeps
//! ("Mr. Olazabal" clusters with other surnames) and a headline word in capitals by the case it
//! has in running text ("BEAT" is "beat", "GERMANY" is "Germany").
//!
//! Data: `data/entities/ner_words.bin`, written by `storyline eval entities --build-words`
//! (the clusters and cases from the English article text of the eval data, CoNLL-2003 dev
//! excepted; the entity kinds from CoNLL-2003 train). Format: `NERW`, u32 count, then count
//! records of (u32 key = `tagger::key32(lower)`, u16 cluster, u8 case, u8 kinds), little
//! endian. Only the English tagger reads it (`intl` tokens keep zeros: its model was trained
//! without these features).

use std::sync::OnceLock;

use super::tagger::{key32, FastMap, Tok};

/// A word's entry: `clus` (0: none; else `0x8000 | coarse << 4 | fine`, `coarse` 0..64 and
/// `fine` 0..16 inside it), `case` (0 unknown, 1 mostly lower case, 2 mostly capitalised,
/// 3 mostly all capitals), `kinds` (bit 0 PER, 1 LOC, 2 ORG, 3 MISC: part of such an entity in
/// the training gold).
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Word {
    pub clus: u16,
    pub case: u8,
    pub kinds: u8,
}

/// `Word::case` values.
pub const CASE_LOWER: u8 = 1;
pub const CASE_TITLE: u8 = 2;
pub const CASE_UPPER: u8 = 3;
pub const CASE_UNKNOWN: u8 = 4;

pub struct Words {
    map: FastMap<Word>,
}

impl Words {
    /// The table of `NERW` bytes; anything else (or a truncated record) ends it there.
    pub fn from_bytes(b: &[u8]) -> Words {
        let mut map = FastMap::default();
        if b.len() >= 8 && &b[0..4] == b"NERW" {
            let n = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
            map.reserve(n);
            for r in b[8..].chunks_exact(8).take(n) {
                let key = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
                map.insert(key as u64, Word { clus: u16::from_le_bytes([r[4], r[5]]), case: r[6], kinds: r[7] });
            }
        }
        Words { map }
    }

    /// The bytes of a table (`from_bytes`' format), records sorted by key.
    pub fn to_bytes(entries: &[(u32, Word)]) -> Vec<u8> {
        let mut v: Vec<&(u32, Word)> = entries.iter().collect();
        v.sort_by_key(|e| e.0);
        let mut out = Vec::with_capacity(8 + 8 * v.len());
        out.extend_from_slice(b"NERW");
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        for (k, w) in v {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&w.clus.to_le_bytes());
            out.push(w.case);
            out.push(w.kinds);
        }
        out
    }

    #[inline]
    pub fn get(&self, lower: u64) -> Word {
        self.map.get(&(key32(lower) as u64)).copied().unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Give each token its word's cluster, case and kinds (a word not in the table: case 4,
    /// unknown, which also marks the token as read by the English tagger).
    pub fn set(&self, toks: &mut [Tok]) {
        for t in toks.iter_mut() {
            let w = self.get(t.lower);
            t.clus = w.clus;
            t.case = if w.case == 0 { CASE_UNKNOWN } else { w.case };
            t.kinds = w.kinds;
        }
    }
}

static WORDS: OnceLock<Words> = OnceLock::new();
static WORDS_BYTES: &[u8] = include_bytes!("../../../data/entities/ner_words.bin");

/// The shipped table (or the one [`install`]ed before first use).
pub fn words() -> &'static Words {
    WORDS.get_or_init(|| Words::from_bytes(WORDS_BYTES))
}

/// Developers: use this table instead of the shipped one (the evaluation's trials of a new
/// table); false when a table is already in use.
pub fn install(w: Words) -> bool {
    WORDS.set(w).is_ok()
}

/// [`Words::set`] by the table in use.
pub fn set(toks: &mut [Tok]) {
    words().set(toks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::entities::{english_tokens, intl, tagger};

    #[test]
    fn a_table_reads_back_what_was_written() {
        let said = tagger::hash_lower_str("said");
        let rec = [(key32(said), Word { clus: 0x8000 | 5 << 4 | 3, case: CASE_LOWER, kinds: 0 }), (key32(tagger::hash_lower_str("Reuters")), Word { clus: 0, case: CASE_TITLE, kinds: 4 })];
        let w = Words::from_bytes(&Words::to_bytes(&rec));
        assert_eq!(w.len(), 2);
        assert_eq!(w.get(said), rec[0].1);
        assert_eq!(w.get(tagger::hash_lower_str("REUTERS")).kinds, 4);
        // a word the table lacks is marked unknown when set on a token
        let mut toks = tagger::tokenize("Olazabal said");
        w.set(&mut toks);
        assert_eq!((toks[0].case, toks[0].clus), (CASE_UNKNOWN, 0));
        assert_eq!((toks[1].case, toks[1].clus), (CASE_LOWER, rec[0].1.clus));
        // bytes that are no table read as an empty one
        assert!(Words::from_bytes(b"NER1\x01\x00\x00\x00").is_empty());
    }

    #[test]
    fn english_tokens_get_clusters_and_other_languages_never_do() {
        let text = "The minister said on Tuesday that Germany would send troops.";
        let toks = english_tokens(text, &crate::text::Tokens::new(text));
        let word = |w: &str| toks.iter().find(|t| &text[t.start..t.end] == w).unwrap();
        assert!(word("said").clus != 0 && word("Tuesday").clus != 0 && word("Germany").clus != 0);
        // a weekday is not in a country's cluster
        assert_ne!(word("Tuesday").clus >> 4, word("Germany").clus >> 4);
        let fr = "Le ministre a dit mardi que l'Allemagne enverrait des troupes.";
        assert!(intl::tokens(fr, &crate::text::Tokens::new(fr), "fr").iter().all(|t| t.clus == 0 && t.case == 0));
    }
}
