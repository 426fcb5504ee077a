//! The working set a dossier is built from: each article of the story with its sentences,
//! re-analysed layers (times anchored on the article's final date, which may have been
//! inferred after it was stored), and bags of content words for sentence similarity.

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::analysis::{self, Layers};
use crate::model::Span;
use crate::stories::features;
use crate::store::{StoredArticle, Store, StoreError};

/// How many articles of a story the dossier reads closely (sentences, dates, claims): of the
/// story's first and latest (twice this many, by ingest order), the earliest independent
/// reports first, then their copies. Bounds the cost of a dossier on a
/// story of thousands of articles.
pub const MAX_ARTICLES: usize = 80;

/// One article of the story, ready for the dossier.
pub struct Doc {
    pub a: StoredArticle,
    /// The publication date (given, found or inferred).
    pub date: Option<NaiveDate>,
    /// Flagged as machine-translated or garbled: cited, but not quoted as display text.
    pub garbled: bool,
    /// The earlier article this one copies, exactly or nearly.
    pub copy_of: Option<String>,
    pub sents: Vec<Sent>,
    pub layers: Layers,
    /// Written in lower case throughout (`text::caseless`): its sentences start in lower case.
    pub caseless: bool,
}

/// A sentence: its byte span and its content terms (sorted ids).
pub struct Sent {
    pub span: Span,
    pub terms: Vec<u32>,
    /// Its content terms in the sentence's order, repeats kept (a timeline's word pairs).
    pub seq: Vec<u32>,
    /// Its position in the article (0 = lead).
    pub pos: usize,
}

impl Doc {
    pub fn text(&self, s: &Sent) -> &str {
        s.span.of(&self.a.text)
    }
    pub fn id(&self) -> &str {
        &self.a.row.id
    }
    /// The sentence containing a byte offset.
    pub fn sent_at(&self, b: usize) -> Option<usize> {
        self.sents.iter().position(|s| s.span.start <= b && b < s.span.end.max(s.span.start + 1))
    }
}

/// Term ids shared by all the docs of one dossier, with document frequencies over sentences.
#[derive(Default)]
pub struct Vocab {
    /// Term → id (ids are given in order of first use; the map is never iterated).
    ids: rustc_hash::FxHashMap<String, u32>,
    df: Vec<u32>,
    sentences: u32,
}

impl Vocab {
    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.df.len() as u32;
        self.ids.insert(w.to_string(), i);
        self.df.push(0);
        i
    }
    /// Inverse document frequency of a term over the story's sentences.
    pub fn idf(&self, t: u32) -> f32 {
        let df = self.df.get(t as usize).copied().unwrap_or(0) as f32;
        ((1.0 + self.sentences as f32) / (1.0 + df)).ln() + 1.0
    }
    /// How many terms: ids are `0..len()`.
    pub fn len(&self) -> usize {
        self.df.len()
    }
    /// The id of a word already seen (stemmed as `text::stem` does).
    pub fn get(&self, w: &str) -> Option<u32> {
        self.ids.get(w).copied()
    }
}

/// Nationality adjectives and the country they name, so that "French President" and "the
/// leaders of France" share a term. The common ones in international news; the rest stay
/// as words, which costs some similarity, not correctness.
const DEMONYMS: &[(&str, &str)] = &[
    ("american", "united states"), ("british", "uk"), ("chinese", "china"), ("french", "france"), ("german", "germany"),
    ("indian", "india"), ("iranian", "iran"), ("iraqi", "iraq"), ("israeli", "israel"), ("italian", "italy"),
    ("japanese", "japan"), ("palestinian", "palestine"), ("polish", "poland"), ("russian", "russia"), ("saudi", "saudi arabia"),
    ("spanish", "spain"), ("syrian", "syria"), ("turkish", "turkey"), ("ukrainian", "ukraine"), ("european", "europe"),
    ("canadian", "canada"), ("mexican", "mexico"), ("brazilian", "brazil"), ("korean", "korea"), ("egyptian", "egypt"),
    ("pakistani", "pakistan"), ("afghan", "afghanistan"), ("dutch", "netherlands"), ("swedish", "sweden"), ("greek", "greece"),
];

/// The content terms of a piece of text: lower-case stems of words that are not stop words,
/// nationality adjectives as their country.
pub fn content_words(text: &str, stop: &features::Stop) -> Vec<String> {
    let tk = crate::text::Tokens::new(text);
    features::words(text, &tk)
        .into_iter()
        .filter(|t| t.lower.chars().count() > 2 && !stop.has(t.lower) && !t.lower.bytes().all(|b| b.is_ascii_digit()))
        .map(|t| content_term(t.lower))
        .collect()
}

/// The content term of a content word (lower case): its stem's search key, a nationality
/// adjective as its country, "negotiations" as "talk". Words repeat, so each thread
/// remembers the terms it made (bounded: forgotten all at once past `CACHED` words): a
/// timeline over 2,000 articles cuts some 60,000 sentences into words.
fn content_term(lower: &str) -> String {
    const CACHED: usize = 1 << 16;
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> = Default::default();
    }
    SEEN.with(|seen| {
        if let Some(k) = seen.borrow().get(lower) {
            return k.to_string();
        }
        // the words news uses for talks, interchangeably
        let k = if matches!(lower, "negotiation" | "negotiations" | "negotiating" | "negotiate") {
            "talk".to_string()
        } else {
            // the country stemmed like the word itself ("French" and "France" both give "franc")
            let country = DEMONYMS.iter().find(|(d, _)| *d == lower || lower.strip_suffix('s') == Some(d)).map(|(_, c)| c.replace(' ', ""));
            let w = crate::text::stem(country.as_deref().unwrap_or(lower)).into_owned();
            let mut k = String::new();
            crate::text::search_key(&w, &mut k);
            k
        };
        let mut seen = seen.borrow_mut();
        if seen.len() >= CACHED {
            seen.clear();
        }
        seen.insert(lower.into(), k.as_str().into());
        k
    })
}

/// Cosine similarity of two sorted term-id sets, idf-weighted.
pub fn cosine(v: &Vocab, a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = v.idf(a[i]);
                dot += w * w;
                i += 1;
                j += 1;
            }
        }
    }
    let norm = |x: &[u32]| x.iter().map(|&t| v.idf(t).powi(2)).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

/// How much of the smaller of two term sets the other holds, idf-weighted (a short clause
/// inside a long sentence scores high, where cosine would not).
pub fn overlap(v: &Vocab, a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let w = |x: &[u32]| x.iter().map(|&t| v.idf(t).powi(2)).sum::<f32>();
    let shared: f32 = a.iter().filter(|t| b.binary_search(t).is_ok()).map(|&t| v.idf(t).powi(2)).sum();
    shared / w(a).min(w(b))
}

/// All-pairs sentence similarity by an inverted index: the best cosine of one sentence
/// against each article costs the postings of its terms, not a scan of every sentence (a
/// story of near-identical copies has thousands of sentences).
pub struct Sims {
    /// For each sentence (in doc order): its doc and norm.
    doc_of: Vec<u32>,
    norm: Vec<f32>,
    /// The first sentence id of each doc.
    start: Vec<u32>,
    /// term -> sentences holding it
    postings: Vec<Vec<u32>>,
    idf2: Vec<f32>,
    docs: usize,
    /// For each sentence, its best cosine against each doc (computed once, in parallel).
    best: Vec<Vec<f32>>,
}

impl Sims {
    pub fn new(docs: &[Doc], v: &Vocab) -> Sims {
        let idf2: Vec<f32> = (0..v.df.len() as u32).map(|t| v.idf(t).powi(2)).collect();
        let mut postings = vec![Vec::new(); v.df.len()];
        let (mut doc_of, mut norm, mut start) = (Vec::new(), Vec::new(), Vec::new());
        for (di, d) in docs.iter().enumerate() {
            start.push(doc_of.len() as u32);
            for s in &d.sents {
                let gid = doc_of.len() as u32;
                doc_of.push(di as u32);
                norm.push(s.terms.iter().map(|&t| idf2[t as usize]).sum::<f32>().sqrt());
                for &t in &s.terms {
                    postings[t as usize].push(gid);
                }
            }
        }
        let mut sims = Sims { doc_of, norm, start, postings, idf2, docs: docs.len(), best: Vec::new() };
        let all: Vec<&[u32]> = docs.iter().flat_map(|d| d.sents.iter().map(|s| s.terms.as_slice())).collect();
        sims.best = all
            .par_chunks(64)
            .flat_map_iter(|chunk| {
                let mut dot = vec![0.0f32; sims.norm.len()];
                let mut touched = Vec::new();
                chunk.iter().map(|t| sims.compute(t, &mut dot, &mut touched)).collect::<Vec<_>>()
            })
            .collect();
        sims
    }

    fn compute(&self, terms: &[u32], dot: &mut [f32], touched: &mut Vec<u32>) -> Vec<f32> {
        let mut out = vec![0.0f32; self.docs];
        let qn = terms.iter().map(|&t| self.idf2.get(t as usize).copied().unwrap_or(0.0)).sum::<f32>().sqrt();
        if qn == 0.0 {
            return out;
        }
        for &t in terms {
            let Some(p) = self.postings.get(t as usize) else { continue };
            let w = self.idf2[t as usize];
            for &g in p {
                if dot[g as usize] == 0.0 {
                    touched.push(g);
                }
                dot[g as usize] += w;
            }
        }
        for g in touched.drain(..) {
            let c = dot[g as usize] / (qn * self.norm[g as usize]);
            dot[g as usize] = 0.0;
            let b = &mut out[self.doc_of[g as usize] as usize];
            if c > *b {
                *b = c;
            }
        }
        out
    }

    /// The best cosine of sentence `sent` of doc `doc` against each article's sentences.
    pub fn best_per_doc(&self, doc: usize, sent: usize) -> &[f32] {
        &self.best[self.start[doc] as usize + sent]
    }
}

/// Union-find: the root of `i`, halving paths on the way.
pub fn root(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

/// Words that make a sentence lean on the one before it.
const DANGLING: [&str; 14] = ["he", "she", "it", "they", "this", "that", "these", "those", "but", "however", "and", "so", "also", "his"];

/// Whether a sentence opens by leaning on the one before ("He said…", "But…"): poor
/// display text on its own.
pub fn leans_on_previous(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    DANGLING.contains(&first.as_str())
}

/// Read the story's articles (at most [`MAX_ARTICLES`], independent reports first) and prepare them.
pub fn load(store: &dyn Store, ids: &[String]) -> Result<(Vec<Doc>, Vocab), StoreError> {
    load_at_most(store, ids, MAX_ARTICLES)
}

/// [`load`], reading at most `max` articles.
pub fn load_at_most(store: &dyn Store, ids: &[String], max: usize) -> Result<(Vec<Doc>, Vocab), StoreError> {
    // a big story is read by its first and latest reports (ingest order): how it began and
    // where it stands; reading all of it would cost as much as the story is long
    let picked: Vec<&String> = if ids.len() > 2 * max {
        ids[..max].iter().chain(&ids[ids.len() - max..]).collect()
    } else {
        ids.iter().collect()
    };
    // independent reports first (earliest first), then copies: chosen from the dates and copy
    // marks of every article (no text read), so that only the articles kept are read whole
    let picked: Vec<&String> = if picked.len() > max {
        let marks: HashMap<String, (Option<String>, bool)> = store.article_dates(false)?.into_iter().map(|d| (d.id, (d.published, d.copy))).collect();
        let mut known: Vec<(bool, &str, &String)> =
            picked.into_iter().filter_map(|id| marks.get(id).map(|(p, copy)| (*copy, p.as_deref().unwrap_or("9999"), id))).collect();
        known.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        known.truncate(max);
        known.into_iter().map(|k| k.2).collect()
    } else {
        picked
    };
    let mut arts = Vec::new();
    for id in picked {
        if let Some(a) = store.article(id)? {
            arts.push(a);
        }
    }
    fn published(a: &StoredArticle) -> &str {
        a.row.published.as_deref().unwrap_or("9999")
    }
    arts.sort_by(|a, b| (published(a), &a.row.id).cmp(&(published(b), &b.row.id)));
    let stop = features::Stop::new();
    let mut vocab = Vocab::default();
    let mut docs = Vec::with_capacity(arts.len());
    // the stored layers, times resolved against each article's final date (which linking may
    // have inferred after the article was stored) by their stored rules
    // (an undated article's month-days take the year nearest the story's dated articles)
    let mut dated: Vec<NaiveDate> = arts.iter().filter_map(|a| a.date()).collect();
    dated.sort();
    let around = dated.get(dated.len() / 2).copied();
    // each article's layers and sentences' words are its own (pure): prepared in parallel,
    // then numbered in article order so that the vocabulary is the same as read one by one
    let analysed: Vec<(Option<NaiveDate>, Layers)> = arts
        .par_iter_mut()
        .map(|a| {
            let mut layers = a.take_layers_around(around);
            // an article stored without the clause layer (a language the extractors do not
            // read, or a backend that never ran the stage) gets it here, over its stored times
            if layers.clauses.is_none() {
                let tl = crate::text::TextLayer::new(&a.text, a.row.language.as_deref());
                layers.clauses = Some(analysis::clauses::find_clauses(&a.text, &tl, analysis::dated_spans(&layers.times), &layers.entities));
            }
            (a.date(), layers)
        })
        .collect();
    let mut cut: Vec<Vec<Cut>> = arts.par_iter().zip(&analysed).map(|(a, (_, layers))| sentences(a, layers, &stop)).collect();
    drop_repeated_notes(&arts, &analysed, &mut cut);
    for ((a, (date, layers)), cut) in arts.into_iter().zip(analysed).zip(cut) {
        let mut sents = Vec::with_capacity(cut.len());
        for Cut { span, words } in cut {
            let seq: Vec<u32> = words.iter().map(|w| vocab.id(w)).collect();
            let mut terms = seq.clone();
            terms.sort_unstable();
            terms.dedup();
            for &t in &terms {
                vocab.df[t as usize] += 1;
            }
            vocab.sentences += 1;
            let pos = sents.len();
            sents.push(Sent { span, terms, seq, pos });
        }
        let garbled = a.row.flags.iter().any(|f| f == "machine-translated");
        let copy_of = a.row.copy_of.clone().or_else(|| a.near_copy_of.clone());
        let caseless = crate::text::caseless(&a.text);
        docs.push(Doc { a, date, garbled, copy_of, sents, layers, caseless });
    }
    Ok((docs, vocab))
}

/// An article's first sentences are never dropped as repeated notes: a standing explainer
/// that opens a site's reports ("Swine flu is a respiratory disease which infects pigs.") is
/// the timeline's to weigh (`tls`, its boiler rule), and headlines are read from there.
const LEAD_KEPT: usize = 3;

/// Drop the sentences a site repeats on its pages: the same sentence (folded case and
/// spacing) past an article's first [`LEAD_KEPT`], in two articles that are not copies of one
/// another, with no name and no calendar date in it ("Sólo se mostrarán los mensajes
/// moderados hasta ahora, pero no se podrán redactar nuevos comentarios.", "Ce message
/// s'affichera sur l'autre appareil."). Two outlets' wire sentence names someone or
/// somewhere, and stays. What a page says to its reader is dropped per article already
/// (`text::furniture`). The teasers for a site's other pages that it runs on each, a run of
/// titles repeated on three independent pages, are dropped wherever they stand
/// (`text::furniture::SharedLines`).
fn drop_repeated_notes(arts: &[StoredArticle], analysed: &[(Option<NaiveDate>, Layers)], cut: &mut [Vec<Cut>]) {
    let family = |a: &StoredArticle| a.row.copy_of.clone().or_else(|| a.near_copy_of.clone()).unwrap_or_else(|| a.row.id.clone());
    let key = |a: &StoredArticle, c: &Cut| c.span.of(&a.text).split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    let mut families: HashMap<String, Vec<String>> = HashMap::new();
    for (a, cs) in arts.iter().zip(cut.iter()) {
        let f = family(a);
        for c in cs {
            let fs = families.entry(key(a, c)).or_default();
            if !fs.contains(&f) {
                fs.push(f.clone());
            }
        }
    }
    // the lines a site runs around its reports (sidebar teasers), wherever they stand
    let shared = crate::text::furniture::SharedLines::find(arts.iter().map(|a| (a.text.as_str(), a.row.copy_of.as_deref().or(a.near_copy_of.as_deref()).unwrap_or(&a.row.id))));
    for ((a, (_, layers)), cs) in arts.iter().zip(analysed).zip(cut.iter_mut()) {
        let furniture = shared.spans_in(&a.text);
        if !furniture.is_empty() {
            cs.retain(|c| !crate::text::furniture::SharedLines::covers(&furniture, c.span));
        }
        let named = |c: &Cut| {
            layers.entities.iter().any(|e| e.span.start < c.span.end && c.span.start < e.span.end)
                || layers.times.iter().any(|t| t.kind == crate::analysis::TimeType::Date && t.value.starts_with(|c: char| c.is_ascii_digit()) && t.span.start < c.span.end && c.span.start < t.span.end)
        };
        let mut pos = 0;
        cs.retain(|c| {
            pos += 1;
            pos <= LEAD_KEPT || families.get(&key(a, c)).is_none_or(|fs| fs.len() < 2) || named(c)
        });
    }
}

/// A sentence of an article as cut, before its words are numbered: its span and its content
/// words in text order.
struct Cut {
    span: Span,
    words: Vec<String>,
}

/// The body's sentences of an article: the stored sentence layer; a store that never cut
/// them (written before v10 by a backend without the migration) is cut here by the same
/// segmenter.
fn sentences(a: &StoredArticle, layers: &Layers, stop: &features::Stop) -> Vec<Cut> {
    let body = a.body_start();
    let spans = layers.sentences.clone().unwrap_or_else(|| crate::text::sentence_spans(&a.text, a.row.language.as_deref()));
    let quotes: Vec<Span> = layers.quotes.iter().map(|q| q.span).collect();
    let mut out = Vec::with_capacity(spans.len());
    for sp in spans {
        let start = sp.start.max(body);
        if start >= sp.end {
            continue;
        }
        let s = a.text[start..sp.end].trim_start();
        let start = sp.end - s.len();
        if crate::text::furniture::is_page_note(s, start, &quotes) {
            continue;
        }
        out.push(Cut { span: Span::new(start, sp.end), words: content_words(s, stop) });
    }
    out
}

/// Whether a sentence can be shown as one on its own: four words or more, starting as a
/// sentence starts (a capital, a digit, an opening quote or bracket) and not inside a
/// quotation that began in the sentence before (`They refused," Putin said in 2023.`).
/// In a text without the capitals of names (`caseless`, `text::caseless`) no capital is
/// asked for where none may be: the segmenter's cut at its full stops is trusted.
pub fn whole_sentence(s: &str, caseless: bool) -> bool {
    let s = s.trim();
    if s.split_whitespace().count() < 4 {
        return false;
    }
    let Some(first) = s.chars().next() else { return false };
    let opens = matches!(first, '“' | '‘' | '"' | '\'' | '(' | '[' | '«');
    if !(first.is_uppercase() || first.is_numeric() || opens || caseless && first.is_lowercase()) {
        return false;
    }
    if opens && !caseless && s.chars().nth(1).is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    // a number cut from the sentence before ("Windows 8. 1 when it ships Oct. 18."): a bare
    // number followed by a word that only continues a clause
    let mut words = s.split_whitespace();
    if let (Some(w0), Some(w1)) = (words.next(), words.next()) {
        const CONTINUES: [&str; 12] = ["when", "where", "which", "who", "whom", "that", "and", "or", "but", "if", "while", "because"];
        if w0.chars().all(|c| c.is_ascii_digit()) && CONTINUES.contains(&w1) {
            return false;
        }
    }
    // the first double quote mark in the sentence, if it closes, closes a quotation that
    // began before the sentence
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        match c {
            '“' => return true,
            '”' => return false,
            '"' => {
                let before = s[..i].chars().next_back();
                let after = s[i + 1..].chars().next();
                let closes = i > 0 && before.is_some_and(|p| !p.is_whitespace() && !matches!(p, '(' | '[' | '—' | '–'))
                    && after.is_none_or(|n| n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | ')' | '?' | '!'));
                let _ = b;
                return !closes;
            }
            _ => {}
        }
    }
    true
}

/// The display form of a sentence: whitespace collapsed, at most `max` characters (cut at a
/// word, with an ellipsis).
pub fn display(s: &str, max: usize) -> String {
    let s = crate::text::opening::one_line(without_dateline(s));
    crate::text::ellipsize(&typographic_quotes(&s), max)
}

/// A sentence without the wire dateline or page furniture that opens it
/// ([`crate::text::without_furniture`]).
pub fn without_dateline(s: &str) -> &str {
    crate::text::without_furniture(s)
}

/// Straight double quotes (`"`, and `''` or ` `` ` as some wires write them) as the typographic
/// ones a reader expects, opening or closing by what is next to them: an entry that begins
/// `"We are ready," Zelensky said` reads “We are ready,” Zelensky said, and never starts with
/// a mark that could be a closing one.
pub fn typographic_quotes(s: &str) -> String {
    if !s.contains('"') && !s.contains("''") && !s.contains("``") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let double = match c {
            '"' => true,
            '\'' | '`' if it.peek() == Some(&c) => {
                it.next();
                true
            }
            _ => false,
        };
        if !double {
            out.push(c);
            prev = Some(c);
            continue;
        }
        let opens = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '-' | '–')) && it.peek().is_some_and(|n| !n.is_whitespace());
        let q = if opens { '“' } else { '”' };
        out.push(q);
        prev = Some(q);
    }
    out
}

#[cfg(test)]
mod whole_tests {
    use super::{typographic_quotes, whole_sentence};

    #[test]
    fn straight_quotes_read_as_typographic_ones() {
        assert_eq!(typographic_quotes("\"We are ready,\" Zelensky said."), "“We are ready,” Zelensky said.");
        assert_eq!(typographic_quotes("''Even today, the journey is not complete.''"), "“Even today, the journey is not complete.”");
        assert_eq!(typographic_quotes("He said: \"No.\" (\"Never\")"), "He said: “No.” (“Never”)");
        assert_eq!(typographic_quotes("Putin's 'offer' stands."), "Putin's 'offer' stands.");
        assert_eq!(typographic_quotes("A 6'2\" man"), "A 6'2” man");
    }

    #[test]
    fn fragments_are_not_whole_sentences() {
        assert!(whole_sentence("Putin proposed direct talks in Istanbul on May 15.", false));
        assert!(whole_sentence("“We are ready,” Zelensky said on Sunday.", false));
        assert!(whole_sentence("\"We are ready,\" Zelensky said on Sunday.", false));
        assert!(!whole_sentence("They refused,\" Putin said in 2023.", false));
        assert!(!whole_sentence("They refused,” Putin said in 2023.", false));
        assert!(!whole_sentence("10:40 a.m.", false));
        assert!(!whole_sentence("and the talks resumed on Monday in Istanbul.", false));
        // ECB+ 27_3: "Windows 8.1" split at its dot
        assert!(!whole_sentence("1 when it ships Oct. 18.", false));
        assert!(whole_sentence("15 people were killed when the building collapsed.", false));
        // a text lowercased throughout (Multi-News as distributed) starts its sentences so
        assert!(!whole_sentence("the move came after some employees were named.", false));
        assert!(whole_sentence("the move came after some employees were named.", true));
        assert!(whole_sentence("\"we had hoped to talk,\" he wrote to staff.", true));
        assert!(!whole_sentence("they refused,\" pichai said in 2023.", true));
    }
}

#[cfg(test)]
mod tests {
    use super::{display, without_dateline};

    #[test]
    fn wire_datelines_are_cut_from_what_is_shown() {
        // Timeline17 Reuters copy, as the sentences of the store begin
        let s = "MEXICO CITY | Mon Apr 27, 2009 3:10 am BST MEXICO CITY (Reuters) - Fears of a global flu pandemic grew as new suspected cases of a dangerous new strain of swine flu appeared around the world.";
        assert!(without_dateline(s).starts_with("Fears of a global flu pandemic grew"));
        let ap = "WASHINGTON (AP) — The House voted on Thursday to extend the program for six months.";
        assert_eq!(display(ap, 400), "The House voted on Thursday to extend the program for six months.");
        // not a dateline: the mark too far in, or too little after it
        let late = format!("{} (Reuters) - and then more words than six follow here.", "word ".repeat(60));
        assert_eq!(without_dateline(&late), late);
        assert_eq!(without_dateline("LONDON (Reuters) - Shares fell."), "LONDON (Reuters) - Shares fell.");
        assert_eq!(without_dateline("He spoke to Reuters on Monday about the talks in Istanbul."), "He spoke to Reuters on Monday about the talks in Istanbul.");
        // BBC page furniture (Timeline17)
        let bbc = "22 June 2010 Last updated at 05:09 GMT Help Amid the criticism of BP's handling of the oil spill and allegations that costs were cut.";
        assert!(without_dateline(bbc).starts_with("Amid the criticism of BP's handling"), "{}", without_dateline(bbc));
        let old = "Last updated: 14 January, 2010 - 17:26 GMT Haiti earthquake: Expats fear for their relatives in the capital.";
        assert!(without_dateline(old).starts_with("Haiti earthquake: Expats fear"), "{}", without_dateline(old));
        // a caption's photo credit (Timeline17, Fox News)
        let fox = "(AP Photo) President Obama warned Sunday that the vast oil spill nearing the Gulf coastline is a potentially unprecedented environmental disaster.";
        assert!(without_dateline(fox).starts_with("President Obama warned Sunday"), "{}", without_dateline(fox));
        let credit = "(AP Photo/Gerald Herbert) Oil washes ashore on a beach in Louisiana on Monday.";
        assert!(without_dateline(credit).starts_with("Oil washes ashore"), "{}", without_dateline(credit));
        let inside = "The rig burned for two days (AP Photo) before it sank into the Gulf of Mexico on Thursday.";
        assert_eq!(without_dateline(inside), inside, "a credit inside the sentence stays");
        let said = "The report was last updated at 05:09 GMT on Tuesday, officials in London said.";
        assert_eq!(without_dateline(said), said, "not at the start");
    }
}
