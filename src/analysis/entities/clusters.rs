//! Word clusters, a feature of the entity taggers (English and multilingual): words that occur
//! in the same contexts share a class ("paris", "germany", "chicago"; "smith", "kasich",
//! "schumer"), so a name the labelled data never showed is read as its neighbours in the class
//! were. Learned from unlabelled text by `tools/word_clusters.rs` (the exchange algorithm;
//! source text and licences in `data/README.md`); shipped in `data/entities/clusters.tsv`,
//! `word<TAB>coarse<TAB>fine` with words lower-cased as the tagger's tokens hash them.
//!
//! A word's classes are looked up once per token by its lower-case hash (`Tok::lower`), so
//! they cost one hash-map probe a token; a word the file does not hold has class 0.
//!
//! FIGURES (raw tagger, PER/LOC/ORG exact F1; `cargo run --release --example train-ner`):
//! with the word's fine and coarse class, its neighbours' fine and coarse classes one word
//! away and coarse two away, 20 epochs (12 before), CoNLL-2003 train in 5 folds of documents
//! .8813 (sd .0106) → .8980 (sd .0104), every fold up (.8867 .8970 .8650 .8814 .8763 →
//! .9025 .9081 .8779 .9005 .9011; 20 epochs without clusters: .8809); CoNLL dev, trained on
//! train alone, .9061 → .9177. Not kept: the coarse class paired with the word's shape, pairs
//! of neighbouring classes (no gain on the folds), 512 or 1024 classes (.8968 / dev .9164),
//! only the 20,000 or 30,000 most frequent words (.8916, .8925: rare words are the names),
//! feature dropout .1–.3 (folds mixed). The multilingual tagger does not read them
//! (`intl::CLUSTERS`).

use std::sync::OnceLock;

use super::tagger::{hash_lower_str, FastMap, Tok};

static TSV: &str = include_str!("../../../data/entities/clusters.tsv");
static CLUSTERS: OnceLock<FastMap<u32>> = OnceLock::new();

/// Fine class in the low 16 bits, coarse class in the high 16 bits, both counted from 1.
fn parse(tsv: &str) -> FastMap<u32> {
    // one line a word: sized once rather than grown through its rehashes
    let mut m = FastMap::with_capacity_and_hasher(tsv.bytes().filter(|&b| b == b'\n').count() + 1, Default::default());
    for line in tsv.lines() {
        let mut f = line.split('\t');
        let (Some(w), Some(c), Some(fi)) = (f.next(), f.next(), f.next()) else { continue };
        let (Ok(c), Ok(fi)) = (c.parse::<u32>(), fi.parse::<u32>()) else { continue };
        m.insert(hash_lower_str(w), ((c + 1) << 16) | (fi + 1));
    }
    m
}

fn table() -> &'static FastMap<u32> {
    CLUSTERS.get_or_init(|| parse(TSV))
}

/// The packed classes of a lower-case word hash (0: a word the clusters do not hold).
#[inline]
pub fn of(lower: u64) -> u32 {
    table().get(&lower).copied().unwrap_or(0)
}

/// The fine class of packed classes.
#[inline]
pub fn fine(c: u32) -> u64 {
    (c & 0xffff) as u64
}

/// The coarse class of packed classes.
#[inline]
pub fn coarse(c: u32) -> u64 {
    (c >> 16) as u64
}

/// Set every token's classes.
pub fn set(toks: &mut [Tok]) {
    let t = table();
    for tok in toks.iter_mut() {
        tok.clus = t.get(&tok.lower).copied().unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_share_a_class_and_surnames_another() {
        let c = |w: &str| of(hash_lower_str(w));
        assert_ne!(c("Paris"), 0);
        assert_eq!(fine(c("Paris")), fine(c("london")));
        assert_eq!(coarse(c("Paris")), coarse(c("Germany")));
        assert_ne!(fine(c("Paris")), fine(c("Monday")));
        assert_eq!(c("zzqxv-not-a-word"), 0);
    }

    #[test]
    fn the_tagger_tokens_carry_their_classes() {
        let text = "Talks in Paris and London ended.";
        let mut toks = crate::analysis::entities::tagger::tokenize(text);
        crate::analysis::entities::gazetteer::set_flags(&mut toks);
        let word = |w: &str| toks.iter().find(|t| &text[t.start..t.end] == w).unwrap().clus;
        assert_ne!(word("Paris"), 0);
        assert_eq!(word("Paris"), word("London"));
        assert_ne!(word("Paris"), word("ended"));
    }
}
