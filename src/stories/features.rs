//! Text helpers shared by near-duplicate detection, story clustering and the dossier:
//! content words over the shared tokens, sentences from the shared segmenter, stopwords.
//!
//! The words are the letter-and-digit tokens of the one tokeniser (`text::Tokens`), with a
//! decimal or thousands separator between digits kept inside ("6.1", "1,200"); their lower
//! case is the tokens' normalised form, borrowed from its arena (no String per word). Linking
//! passes the clusterer the entity merge keys of the entity layer and the resolved event dates
//! of the time layer (`stories::features`); its unit tests build them with the real extractors.

use crate::model::Span;
use crate::text::tokens::{Tokens, HAS_DIGIT, UPPER_FIRST};

/// A content word: byte span, its tokens `[a, b)` and its lower-cased form.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub lower: &'a str,
    pub capitalised: bool,
    pub has_digit: bool,
}

/// The words of tokens `range` of `t`: letter-and-digit tokens, a `.` or `,` between two
/// digits kept inside the word ("6.1", "1,200"); punctuation is skipped.
pub fn words_in<'a>(text: &str, t: &'a Tokens, range: (u32, u32)) -> Vec<Word<'a>> {
    let toks = &t.toks;
    let (lo, hi) = (range.0 as usize, range.1 as usize);
    let mut out = Vec::with_capacity((hi - lo) * 4 / 5 + 1);
    let b = text.as_bytes();
    let mut i = lo;
    while i < hi {
        let first = toks[i];
        if !first.is_word() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // "6.1", "1,200": the separator attached to a digit before and a digit after
        while j + 1 < hi
            && (t.is(j, '.') || t.is(j, ','))
            && toks[j].attached()
            && toks[j + 1].attached()
            && toks[j + 1].is_word()
            && b[toks[j - 1].end as usize - 1].is_ascii_digit()
            && b[toks[j + 1].start as usize].is_ascii_digit()
        {
            j += 2;
        }
        out.push(Word {
            start: first.start as usize,
            end: toks[j - 1].end as usize,
            lower: t.norm_range(i, j),
            capitalised: first.has(UPPER_FIRST),
            has_digit: toks[i..j].iter().any(|x| x.has(HAS_DIGIT)) && b[first.start as usize..toks[j - 1].end as usize].iter().any(|c| c.is_ascii_digit()),
        });
        i = j;
    }
    out
}

/// The words of a whole text, over tokens built for it (see [`words_in`]).
pub fn words<'a>(text: &str, t: &'a Tokens) -> Vec<Word<'a>> {
    words_in(text, t, (0, t.len() as u32))
}

/// The sentences of a text (byte spans, trimmed), from the shared segmenter
/// (`text::sentences`, English rules).
pub fn sentences(text: &str) -> Vec<Span> {
    crate::text::sentence_spans(text, None)
}

pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "said", "says", "say",
    "told", "according", "one", "two", "new", "last", "first", "year", "years", "like", "may", "might", "must", "us",
    "s", "t", "mr", "mrs", "ms", "dr", "news", "reported", "report", "reports", "people", "time", "get", "got", "going",
    "go", "make", "made", "well", "back", "still", "even", "many", "much", "since", "yet", "however", "though",
    "although", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tomorrow", "week", "day", "days", "ago", "around", "per", "cent", "percent", "am", "pm", "et", "edt", "est",
    "gmt", "updated", "published", "read", "view", "photo", "image", "video", "share", "comments", "comment",
];

pub struct Stop(rustc_hash::FxHashSet<&'static str>);
impl Stop {
    pub fn new() -> Self {
        Stop(STOPWORDS.iter().copied().collect())
    }
    pub fn has(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}
impl Default for Stop {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_decimals() {
        let text = "A 6.1 magnitude quake, 1,200 dead; U.S. 2,50 talks-end.";
        let t = Tokens::new(text);
        let w: Vec<&str> = words(text, &t).into_iter().map(|w| w.lower).collect();
        assert_eq!(w, vec!["a", "6.1", "magnitude", "quake", "1,200", "dead", "u", "s", "2,50", "talks", "end"]);
    }

    #[test]
    fn sentences_split() {
        let s = "Lohan checked in. She was 26.\nHeadline here";
        let sp: Vec<&str> = sentences(s).iter().map(|x| &s[x.start..x.end]).collect();
        assert_eq!(sp, vec!["Lohan checked in.", "She was 26.", "Headline here"]);
    }
}
