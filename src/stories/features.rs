//! Text helpers shared by near-duplicate detection and story clustering:
//! tokenisation with byte spans, sentence splitting, stopwords, and rough
//! stand-ins for entity and date extraction.
//!
//! Linking passes the clusterer the entity *merge keys* of the entity layer
//! and the resolved event dates of the time layer; `approx_entities` and
//! `approx_dates` stand in for them only in unit tests (here and in
//! `cluster/tests.rs`), which build `DocFeatures` from bare text.

use chrono::NaiveDate;

/// A byte range `[start, end)` into a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A token: byte span plus lower-cased form.
#[derive(Clone, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub capitalised: bool,
    pub has_digit: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenise into alphanumeric runs; a `.` or `,` between two digits is kept
/// inside the token ("6.1", "1,200"), as is an apostrophe between letters.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_word_char(c) {
            continue;
        }
        let start = i;
        let mut end = i + c.len_utf8();
        let mut prev = c;
        while let Some(&(j, d)) = it.peek() {
            if is_word_char(d) {
                end = j + d.len_utf8();
                prev = d;
                it.next();
            } else if (d == '.' || d == ',') && prev.is_ascii_digit() && b.get(j + 1).is_some_and(|x| x.is_ascii_digit()) {
                it.next();
                end = j + 1;
                prev = d;
            } else {
                break;
            }
        }
        let s = &text[start..end];
        out.push(Token {
            start,
            end,
            lower: s.to_lowercase(),
            capitalised: c.is_uppercase(),
            has_digit: s.bytes().any(|x| x.is_ascii_digit()),
        });
    }
    out
}

/// The sentences of a text (byte spans, trimmed), from the shared segmenter
/// (`text::sentences`, English rules).
pub fn sentences(text: &str) -> Vec<Span> {
    crate::text::sentence_spans(text, None).into_iter().map(|s| Span { start: s.start, end: s.end }).collect()
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

pub struct Stop(std::collections::HashSet<&'static str>);
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

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
];

pub fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    for (i, m) in MONTHS.iter().enumerate() {
        if w == *m || (w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == "sept")) {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// Rough stand-in for NER (unit tests): capitalised word sequences that do not start
/// a sentence (a sentence-initial word counts if it is seen capitalised
/// mid-sentence elsewhere in the text). Returns lower-cased merge keys:
/// the full sequence joined by `_`. Month/weekday names and stopwords are
/// skipped. The real system passes real entity merge keys instead.
pub fn approx_entities(text: &str) -> Vec<String> {
    let stop = Stop::new();
    let mut out = Vec::new();
    let sents = sentences(text);
    let mut mid_caps = std::collections::HashSet::new();
    let mut per_sent: Vec<Vec<Token>> = Vec::with_capacity(sents.len());
    for s in &sents {
        let toks = tokens(&text[s.start..s.end]);
        // a line with most words capitalised is a headline: trust nothing at start
        for (k, t) in toks.iter().enumerate() {
            if k > 0 && t.capitalised && !t.has_digit && !stop.has(&t.lower) && month_of(&t.lower).is_none() {
                mid_caps.insert(t.lower.clone());
            }
        }
        per_sent.push(toks);
    }
    for (si, toks) in per_sent.iter().enumerate() {
        let base = sents[si].start;
        let mut k = 0;
        while k < toks.len() {
            let t = &toks[k];
            let ok = |t: &Token, first: bool| {
                t.capitalised
                    && !t.has_digit
                    && !stop.has(&t.lower)
                    && month_of(&t.lower).is_none()
                    && (!first || mid_caps.contains(&t.lower))
            };
            if ok(t, k == 0) {
                let mut j = k + 1;
                while j < toks.len() && ok(&toks[j], false) {
                    // break the run at punctuation between tokens (", ")
                    let gap = &text[base + toks[j - 1].end..base + toks[j].start];
                    if gap.trim().is_empty() {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let key: Vec<&str> = toks[k..j].iter().map(|t| t.lower.as_str()).collect();
                out.push(key.join("_"));
                k = j;
            } else {
                k += 1;
            }
        }
    }
    out
}

/// Rough stand-in for a time tagger (unit tests): "Month D, YYYY", "D Month YYYY",
/// "Month D" (year taken from `published`), "Month YYYY" (day 1).
pub fn approx_dates(text: &str, published: Option<NaiveDate>) -> Vec<NaiveDate> {
    use chrono::Datelike;
    let toks = tokens(text);
    let mut out = Vec::new();
    let num = |t: &Token| -> Option<u32> { if t.lower.len() <= 4 { t.lower.parse().ok() } else { None } };
    for k in 0..toks.len() {
        let Some(m) = month_of(&toks[k].lower) else { continue };
        if !toks[k].capitalised {
            continue;
        }
        let a = toks.get(k + 1).and_then(num);
        let b = toks.get(k + 2).and_then(num);
        let prev = if k > 0 { num(&toks[k - 1]) } else { None };
        let d = match (a, b) {
            (Some(d), Some(y)) if (1..=31).contains(&d) && (1900..2100).contains(&y) => NaiveDate::from_ymd_opt(y as i32, m, d),
            (Some(y), _) if (1900..2100).contains(&y) => match prev {
                Some(d) if (1..=31).contains(&d) => NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => NaiveDate::from_ymd_opt(y as i32, m, 1),
            },
            (Some(d), _) if (1..=31).contains(&d) => published.and_then(|p| NaiveDate::from_ymd_opt(p.year(), m, d)),
            _ => None,
        };
        if let Some(d) = d {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_decimals() {
        let t: Vec<String> = tokens("A 6.1 magnitude quake, 1,200 dead.").into_iter().map(|t| t.lower).collect();
        assert_eq!(t, vec!["a", "6.1", "magnitude", "quake", "1,200", "dead"]);
    }

    #[test]
    fn sentences_split() {
        let s = "Lohan checked in. She was 26.\nHeadline here";
        let sp: Vec<&str> = sentences(s).iter().map(|x| &s[x.start..x.end]).collect();
        assert_eq!(sp, vec!["Lohan checked in.", "She was 26.", "Headline here"]);
    }

    #[test]
    fn entities_from_caps() {
        let e = approx_entities(
            "Actress Lindsay Lohan checked into the Betty Ford Center on Thursday.\nLohan was previously at Betty Ford.",
        );
        assert!(e.contains(&"lindsay_lohan".to_string()), "{e:?}");
        assert!(e.contains(&"betty_ford_center".to_string()), "{e:?}");
        assert!(e.contains(&"lohan".to_string()), "{e:?}");
        assert!(!e.iter().any(|x| x.contains("thursday")));
    }

    #[test]
    fn dates_found() {
        let d = approx_dates("Lindsay Lohan checks in\nMay 03, 2013\nShe left on June 8.", NaiveDate::from_ymd_opt(2013, 5, 3));
        assert_eq!(d, vec![NaiveDate::from_ymd_opt(2013, 5, 3).unwrap(), NaiveDate::from_ymd_opt(2013, 6, 8).unwrap()]);
    }
}
