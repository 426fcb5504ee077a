//! Stories: what links articles to each other. Everything here reads and writes through the
//! [`Store`](crate::store::Store) trait, after the articles of a batch are stored, so the
//! links grow as articles stream in.
//!
//! - `neardup`: MinHash signatures and LSH band keys (kept in the store): is an article a
//!   copy of an earlier one (wire copy with a new dateline, a truncation), and of which; and
//!   the passages two articles share.
//! - `cluster`: online story clustering (TF-IDF over words, entity keys and numbers, with a
//!   time window); each new article joins a story or starts one.
//! - `quotes`: quote groups, the same utterance across outlets.
//! - `threads`: stories that continue one another (a saga across months), linked as the
//!   stories grow.
//! - `features`: the tokens, sentences and stop words the two above use.
//!
//! The clusterer's state (dictionary with document frequencies, bounded centroids and
//! posting lists, the second pass's window) is kept in the store as rows and read on demand
//! by each batch (see `cluster`): linking one article costs the same whatever the store's
//! size, and several workers can share one store. A [`Linker`] keeps what it read between its
//! batches only while the stored state is still the one it last wrote.

pub mod cluster;
pub mod dating;
pub mod features;
pub mod neardup;
pub mod quotes;
pub mod threads;

use crate::analysis::{Analysis, EntityKind};
use crate::model::Article;
use serde::Serialize;

use crate::store::{ArticleLinks, ArticleStore, PutOutcome, Store, StoreError, StoryRow};

/// How many of a story's latest articles are compared pairwise for shared passages.
pub const PASSAGE_ARTICLES: usize = 30;

/// The passages two articles share. Computed for output only, never stored, so its offsets
/// are the JSON edge's: code-point spans into each text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SharedPassages {
    pub a: String,
    pub b: String,
    pub passages: Vec<SharedPassage>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SharedPassage {
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
    /// The passage as the first article words it.
    pub text: String,
}

/// The passages the articles of a story share (pairwise over its latest
/// [`PASSAGE_ARTICLES`] articles; computed on demand, not stored).
pub fn shared_passages(store: &dyn ArticleStore, story: &StoryRow) -> Result<Vec<SharedPassages>, StoreError> {
    let ids: Vec<&String> = story.articles.iter().rev().take(PASSAGE_ARTICLES).collect::<Vec<_>>().into_iter().rev().collect();
    let mut texts = Vec::with_capacity(ids.len());
    for id in &ids {
        if let Some(t) = store.text(id)? {
            texts.push(((*id).clone(), t));
        }
    }
    let refs: Vec<(&str, &str)> = texts.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
    Ok(passages_between(&refs))
}

/// The passages each pair of these (id, text) articles shares.
pub fn passages_between(texts: &[(&str, &str)]) -> Vec<SharedPassages> {
    // screen pairs by shared bigrams (cheap), align the rest in parallel
    use rayon::prelude::*;
    let grams: Vec<std::collections::HashSet<u64>> = texts.par_iter().map(|(_, t)| neardup::passage_grams(t)).collect();
    let pairs: Vec<(usize, usize)> = (0..texts.len())
        .flat_map(|i| (i + 1..texts.len()).map(move |j| (i, j)))
        .filter(|&(i, j)| grams[i].intersection(&grams[j]).nth(neardup::PASSAGE_MIN_GRAMS - 1).is_some())
        .collect();
    let out: Vec<SharedPassages> = pairs
        .par_iter()
        .filter_map(|&(i, j)| {
            let (ia, ta) = texts[i];
            let (ib, tb) = texts[j];
            let found = neardup::shared_passages(ta, tb);
            if found.is_empty() {
                return None;
            }
            let (xa, xb) = (crate::text::CharIndex::new(ta), crate::text::CharIndex::new(tb));
            let passages = found
                .into_iter()
                .map(|(a, b)| SharedPassage {
                    a_start: xa.char_of(a.start),
                    a_end: xa.char_of(a.end),
                    b_start: xb.char_of(b.start),
                    b_end: xb.char_of(b.end),
                    text: ta[a.start..a.end].to_string(),
                })
                .collect();
            Some(SharedPassages { a: ia.to_string(), b: ib.to_string(), passages })
        })
        .collect();
    out
}

/// How many earlier articles sharing a band key are checked for a copy (the oldest, among those
/// filed in the store's last `store::BAND_EPOCHS` epochs: the last 49k–65k articles).
const BAND_CANDIDATES: usize = 64;

/// Links batches of new articles to what the store holds. One per ingest run (or worker).
#[derive(Default)]
pub struct Linker {
    /// The clusterer's view of the stored state, kept between batches (see `cluster::Clusterer::sync`).
    clusterer: Option<cluster::Clusterer>,
    /// How much of the stored state it keeps between batches.
    limits: cluster::Limits,
    tokens: quotes::TokenCache,
    forms: FormsCache,
    /// The threads the clusterer's second pass scores on: a pool of the linker's own, as
    /// rayon's global pool is busy analysing the next batch while this one is linked.
    pool: Option<std::sync::Arc<rayon::ThreadPool>>,
}

/// The store as the clusterer reads it.
struct FromStore<'a>(&'a dyn Store);

impl cluster::Source for FromStore<'_> {
    fn terms_by_key(&self, keys: &[String]) -> Result<Vec<crate::store::ClusterTerm>, StoreError> {
        self.0.cluster_terms_by_key(keys)
    }
    fn terms(&self, ids: &[u32]) -> Result<Vec<crate::store::ClusterTerm>, StoreError> {
        self.0.cluster_terms(ids)
    }
    fn stories(&self, ids: &[cluster::StoryId]) -> Result<Vec<cluster::Story>, StoreError> {
        self.0.cluster_stories(ids)
    }
    fn postings(&self, term: u32, cap: usize) -> Result<Vec<(cluster::StoryId, i64)>, StoreError> {
        self.0.cluster_postings(term, cap)
    }
    fn postings_of(&self, terms: &[u32], cap: usize) -> Result<Vec<Vec<(cluster::StoryId, i64)>>, StoreError> {
        self.0.cluster_postings_of(terms, cap)
    }
    fn recent(&self, n: usize) -> Result<Vec<cluster::Recent>, StoreError> {
        self.0.cluster_recent(n)
    }
}

/// The clusterer's word and number keys of an article's body (`cluster::word_keys`): ingest
/// computes them in its parallel stage into `Analysis::cluster_words`, so that the one writer
/// thread does not run the stemmer.
pub fn cluster_words(a: &Article) -> Vec<String> {
    cluster::word_keys(&a.text[a.body_start()..], &STOP)
}

/// The stop words of the clusterer's word keys.
static STOP: std::sync::LazyLock<features::Stop> = std::sync::LazyLock::new(features::Stop::new);

/// [`cluster_words`] with the tokens of the article's whole text at hand (its text layer's):
/// read as they are when the body is the whole text, else the body is tokenised alone.
pub fn cluster_words_in(a: &Article, tokens: &crate::text::Tokens) -> Vec<String> {
    match a.body_start() {
        0 => cluster::word_keys_in(&a.text, tokens, &STOP),
        _ => cluster_words(a),
    }
}

/// The clusterer's view of an article: its words, its people, places and organisations
/// (merge keys), the day-precise dates and the time values it mentions.
pub fn features(a: &Article, an: &Analysis) -> cluster::DocFeatures {
    features_with(a, an, an.cluster_words.clone())
}

/// [`features`] with the article's word keys given (`cluster_words`; None: computed here).
fn features_with(a: &Article, an: &Analysis, words: Option<Vec<String>>) -> cluster::DocFeatures {
    let mut d = cluster::DocFeatures {
        id: a.id.clone(),
        text: a.text[a.body_start()..].to_string(),
        words,
        // only dates the input gives: an inferred date is too unsure to close a time window
        published: a.published,
        ..Default::default()
    };
    d.caseless = Some(cluster::caseless(&d.text));
    // An article in another language than English meets its story by its names, numbers and
    // dates: its words, which no English report shares, would outweigh them (issue 18: a
    // Ukrainian report joins the English seeds' story by Zelensky, Putin, Istanbul, 15 May).
    if !crate::analysis::is_english(an.language.as_deref()) {
        let words = d.words.take().unwrap_or_else(|| cluster_words(a));
        d.words = Some(words.into_iter().filter(|k| k.starts_with("n:")).collect());
    }
    for (i, e) in an.layers.entities.iter().enumerate() {
        let key = an.entity_key_of(i);
        if key.is_empty() {
            continue;
        }
        match e.kind {
            // people meet here by first initial and surname, looser than the store's key
            // ("joe biden" is "j biden" here; ECB+ dev BCubed .905 this way, .904 by full key)
            EntityKind::Person => d.people.push(match key.split_once(' ') {
                Some((given, _)) => format!("{} {}", &given[..given.chars().next().map_or(0, char::len_utf8)], key.rsplit(' ').next().unwrap_or("")),
                None => key,
            }),
            EntityKind::Place => d.places.push(key),
            EntityKind::Org => d.orgs.push(key),
            EntityKind::Other => d.entities.push(key.replace(' ', "_")),
        }
    }
    // an undated article's weekdays and relative dates, read against the date its text
    // suggests (`Analysis::text_date`, when confident enough): features only, never shown. Two
    // reports of one event that both say "on Tuesday" meet on the same day this way (ECB+ dev
    // BCubed .905 with it, .902 without)
    let guess = if a.published.is_none() && an.inferred.is_none() { an.text_date.filter(|(_, c)| *c >= crate::analysis::MIN_DATE_CONFIDENCE).map(|(d, _)| d) } else { None };
    for t in &an.layers.times {
        let value = match guess {
            Some(g) => std::borrow::Cow::Owned(t.rule.resolve(Some(g))),
            // an undated article's own values, not the ones its text's dates give (narrative
            // mode): the clusterer was tuned on these
            None if a.published.is_none() && an.inferred.is_none() => std::borrow::Cow::Owned(t.rule.resolve(None)),
            None => std::borrow::Cow::Borrowed(&t.value),
        };
        if let Some(day) = value.get(..10).and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()) {
            d.dates.push(day);
        }
        d.times.push(value.into_owned());
    }
    d
}

/// Quality flags of an article: `short`, `not-english`, `machine-translated`.
pub fn flags(a: &Article, an: &Analysis) -> Vec<String> {
    flags_in(a, an, &crate::text::Tokens::new(&a.text))
}

/// [`flags`] over the tokens of the article's text.
fn flags_in(a: &Article, an: &Analysis, tokens: &crate::text::Tokens) -> Vec<String> {
    let mut f = Vec::new();
    let body = &a.text[a.body_start()..];
    // (counted up to 60 only)
    if crate::text::split_whitespace(body).take(60).count() < 60 {
        f.push("short".to_string());
    }
    if !crate::analysis::is_english(an.language.as_deref()) {
        f.push("not-english".to_string());
    }
    // the detector reads English (its cues are English function words and names): a text in
    // another language is never called a machine translation by it
    if crate::analysis::is_english(an.language.as_deref()) && crate::analysis::garbled::looks_machine_translated_in(&a.text, &an.layers.entities, tokens) {
        f.push("machine-translated".to_string());
    }
    f
}

/// How one text writes each stem: its lower-case forms with, for each, how often it is written
/// and how often capitalised (the input of [`surfaces`], computed once per article). Held
/// compact: a row per form, grouped by its stem's hash (each stem's forms in the order the
/// text first writes them), its strings in one buffer, so that an article's forms are two
/// allocations (they were a map of a string and a vector per stem, and a string per form:
/// freeing them alone was 87 M instructions of the writer thread on 306 articles, callgrind).
#[derive(Default)]
struct Forms {
    buf: String,
    /// The stem's hash ([`stem_hash`]), (stem, form) as byte ranges of `buf`, how often
    /// written, how often capitalised.
    rows: Vec<(u64, (u32, u32), (u32, u32), usize, usize)>,
}

/// The hash [`Forms`] groups its rows by.
fn stem_hash(stem: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(stem)
}

impl Forms {
    fn at(&self, (a, b): (u32, u32)) -> &str {
        &self.buf[a as usize..b as usize]
    }

    /// The forms of `stem`, in the order the text first writes them: (form, written,
    /// capitalised).
    fn get<'a>(&'a self, stem: &str) -> impl Iterator<Item = (&'a str, usize, usize)> {
        let h = stem_hash(stem);
        let lo = self.rows.partition_point(|r| r.0 < h);
        self.rows[lo..].iter().take_while(move |r| r.0 == h).filter(move |r| self.at(r.1) == stem).map(|r| (self.at(r.2), r.3, r.4))
    }
}

/// The forms of every word of `text`, by stem (see [`Forms`]).
fn forms_of(text: &str) -> Forms {
    forms_in(text, &crate::text::Tokens::new(text))
}

/// [`forms_of`] over the tokens of `text`.
fn forms_in(text: &str, tokens: &crate::text::Tokens) -> Forms {
    // Each word as written is lower-cased and stemmed once (a text repeats most of its
    // words), and counted in its form's slot, with no string made per word: a slot is one
    // lower-case form, its stem and its counts, opened where the form is first met, so each
    // stem's forms come out in the order the text first writes them.
    // (a word already in lower-case ASCII, most of them, is its own lower-case form: the text
    // lends it)
    let mut seen: rustc_hash::FxHashMap<&str, (usize, bool)> = Default::default();
    let mut slot_of: rustc_hash::FxHashMap<std::borrow::Cow<str>, usize> = Default::default();
    let mut out = Forms::default();
    let span = |buf: &mut String, s: &str| -> (u32, u32) {
        let a = buf.len() as u32;
        buf.push_str(s);
        (a, buf.len() as u32)
    };
    for t in tokens.toks.iter().filter(|t| t.is_word()) {
        let w = &text[t.start as usize..t.end as usize];
        let (k, caps) = *seen.entry(w).or_insert_with(|| {
            let lower: std::borrow::Cow<str> = if w.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) { w.into() } else { w.to_lowercase().into() };
            let next = out.rows.len();
            let k = *slot_of.entry(lower).or_insert_with_key(|lower| {
                let st = crate::text::stem(lower);
                let h = stem_hash(&st);
                let st = span(&mut out.buf, &st);
                let form = span(&mut out.buf, lower);
                out.rows.push((h, st, form, 0, 0));
                next
            });
            (k, w.starts_with(|c: char| c.is_uppercase()))
        });
        out.rows[k].3 += 1;
        out.rows[k].4 += caps as usize;
    }
    // by stem's hash; a stable sort keeps each stem's forms in the order the text first
    // writes them
    out.rows.sort_by_key(|r| r.0);
    out
}

/// What linking needs of one article that depends on that article alone: its MinHash
/// signature and band keys, the clusterer's view of it, its quality flags and the forms its
/// words take. Pure, so ingest computes it in its parallel stage ([`prepare`]) and the one
/// writer thread, which links batch after batch, only looks it up.
pub struct Prepared {
    signature: neardup::Signature,
    band_keys: Vec<u64>,
    features: cluster::DocFeatures,
    flags: Vec<String>,
    /// Shared with the linker's [`FormsCache`], where a later batch's labels find it.
    forms: std::sync::Arc<Forms>,
    /// Whether the text uses follow-up language (`threads::follows_up`).
    follows_up: bool,
    /// The bound of the cross-language anchors of each quote with a speaker, by its text
    /// (`quotes::Anchors::bound`: what any language could make of it, so that grouping detects
    /// a quote's language only when a candidate may match it by anchors), handed to the
    /// linker's cache before the batch's quotes are grouped.
    anchor_bounds: Vec<(String, Vec<String>)>,
    /// The content tokens of each quote (`quotes::tokens`: folded and stemmed), by its text,
    /// handed to the linker's quote cache as the anchors are.
    quote_tokens: Vec<(String, Vec<String>)>,
}

/// [`Prepared`] for one analysed article (pure; ingest runs it in parallel).
pub fn prepare(a: &Article, an: &Analysis) -> Prepared {
    prepare_in(a, an, &crate::text::Tokens::new(&a.text), an.cluster_words.clone())
}

/// [`prepare`] with the tokens of the article's text at hand (its text layer's: ingest gets
/// them from `analysis::analyze_with_layer`) and its word keys (`cluster_words_in`; None:
/// computed here).
pub fn prepare_in(a: &Article, an: &Analysis, tokens: &crate::text::Tokens, words: Option<Vec<String>>) -> Prepared {
    let signature = neardup::signature(&a.text[a.body_start()..]);
    let band_keys = neardup::band_keys(&signature);
    // only a quote with a speaker is ever compared across languages (`quotes::group`)
    let anchor_bounds = an.layers.quotes.iter().filter(|q| q.speaker.is_some()).map(|q| q.span.of(&a.text)).map(|t| (t.to_string(), quotes::Anchors::bound(t))).collect();
    // every quote is grouped (`quotes::group`), by the tokens of its text as stored
    let quote_tokens = an.layers.quotes.iter().map(|q| q.span.of(&a.text)).map(|t| (t.to_string(), quotes::tokens(t))).collect();
    Prepared {
        signature,
        band_keys,
        // the clusterer's feature keys counted here, not on the writer (`DocFeatures::with_keys`)
        features: features_with(a, an, words).with_keys(&cluster::Config::default()),
        flags: flags_in(a, an, tokens),
        forms: std::sync::Arc::new(forms_in(&a.text, tokens)),
        follows_up: threads::follows_up(&a.text),
        anchor_bounds,
        quote_tokens,
    }
}

/// How `texts` write a word the clusterer keeps stemmed and lower-case: its plural if they
/// use that more ("talk" → "talks"), capitalised if they mostly capitalise it ("kyiv" →
/// "Kyiv").
#[cfg(test)]
fn surfaces(stems: &mut [String], texts: &[&str]) {
    let forms: Vec<Forms> = texts.iter().map(|t| forms_of(t)).collect();
    surfaces_in(stems, &forms.iter().collect::<Vec<_>>());
}

/// [`surfaces`] over the texts' [`Forms`]. Returns the positions of the stems left as they
/// are (no text writes them).
fn surfaces_in(stems: &mut [String], texts: &[&Forms]) -> Vec<usize> {
    // the forms the articles write that stem to each (Snowball: "presid" is "president"), by
    // how often, lower case and capitalised counted together; the commonest wins, written
    // capitalised if the articles mostly capitalise it. Each text's words were stemmed once,
    // ahead, in ingest's parallel stage (`prepare`).
    let mut forms: Vec<std::collections::HashMap<String, (usize, usize)>> = vec![Default::default(); stems.len()];
    for t in texts {
        for (k, st) in stems.iter().enumerate() {
            if stems[..k].contains(st) {
                continue;
            }
            for (lower, n, caps) in t.get(st) {
                let e = forms[k].entry(lower.to_string()).or_default();
                e.0 += n;
                e.1 += caps;
            }
        }
    }
    let mut left = Vec::new();
    for (k, (stem, forms)) in stems.iter_mut().zip(forms).enumerate() {
        let Some((word, (n, caps))) = forms.into_iter().max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(&a.0))) else {
            left.push(k);
            continue;
        };
        *stem = if caps * 2 > n {
            let mut c = word.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or(word)
        } else {
            word
        };
    }
    left
}

/// The word forms of the articles a linker stored lately, by id (an article's text never
/// changes once stored): a label's word left as a stem is written as the story's latest
/// articles write it, and those are most often of this batch or the one before, whose forms
/// were computed in ingest's parallel stage; only the others are read and tokenised again.
#[derive(Default)]
struct FormsCache {
    by_id: rustc_hash::FxHashMap<String, std::sync::Arc<Forms>>,
    order: std::collections::VecDeque<String>,
}

/// How many articles' forms a [`FormsCache`] keeps (the latest stored).
const FORMS_KEPT: usize = 512;

impl FormsCache {
    fn hold(&mut self, id: &str, forms: &std::sync::Arc<Forms>) {
        if self.by_id.insert(id.to_string(), forms.clone()).is_none() {
            self.order.push_back(id.to_string());
        }
        while self.order.len() > FORMS_KEPT {
            if let Some(old) = self.order.pop_front() {
                self.by_id.remove(&old);
            }
        }
    }

    fn clear(&mut self) {
        self.by_id.clear();
        self.order.clear();
    }
}

/// The words of `words` at positions `left` (still stems) written as the latest
/// [`LABEL_FALLBACK`] articles of story `s` write them (each as it is if they do not).
fn latest_surfaces(store: &dyn Store, s: i64, words: &mut [String], left: &[usize], cache: &FormsCache) -> Result<(), StoreError> {
    let Some(row) = store.story(s)? else { return Ok(()) };
    let mut forms = Vec::new();
    for id in row.articles.iter().rev().take(LABEL_FALLBACK) {
        match cache.by_id.get(id.as_str()) {
            Some(f) => forms.push(f.clone()),
            None => {
                if let Some(text) = store.text(id)? {
                    forms.push(std::sync::Arc::new(forms_of(&text)));
                }
            }
        }
    }
    let mut stems: Vec<String> = left.iter().map(|&k| words[k].clone()).collect();
    surfaces_in(&mut stems, &forms.iter().map(|f| &**f).collect::<Vec<_>>());
    for (&k, st) in left.iter().zip(stems) {
        words[k] = st;
    }
    Ok(())
}

/// How many of a story's latest articles a label reads when a word is left as a stem.
const LABEL_FALLBACK: usize = 3;

/// The names most of a story's articles mention (people, places, organisations): by
/// articles naming them, then mentions, then name; at most `n`. The store keeps the counts
/// as articles join and leave the story, so a label costs the same whatever its size.
fn story_names(store: &dyn Store, story: i64, n: usize) -> Result<Vec<String>, StoreError> {
    Ok(store.story_top_names(story, n)?.into_iter().map(|c| c.name).collect())
}

/// "Volodymyr Zelensky, Vladimir Putin, Istanbul: talks, ceasefire".
fn label(names: &[String], words: &[String]) -> String {
    // a word already in a name says nothing more ("putin" beside Vladimir Putin)
    let named = names.join(" ").to_lowercase();
    // titles say who, not what happened
    const TITLES: [&str; 12] = ["president", "minister", "prime", "chancellor", "secretary", "spokesman", "spokeswoman", "official", "chief", "leader", "government", "state"];
    let words: Vec<&String> = words.iter().filter(|w| !named.contains(w.to_lowercase().as_str()) && !TITLES.contains(&w.to_lowercase().trim_end_matches('s'))).collect();
    let words: Vec<String> = words.into_iter().take(3).cloned().collect();
    match (names.is_empty(), words.is_empty()) {
        (false, false) => format!("{}: {}", names.join(", "), words.join(", ")),
        (false, true) => names.join(", "),
        _ => words.join(", "),
    }
}

/// [`prepare`] for every article of a batch, in parallel (rayon's pool).
pub fn prepare_all(batch: &[(Article, Analysis)]) -> Vec<Prepared> {
    use rayon::prelude::*;
    batch.par_iter().map(|(a, an)| prepare(a, an)).collect()
}

impl Linker {
    pub fn new() -> Linker {
        Linker::default()
    }

    /// The linker's thread pool, one thread per core (made at first use; None if it cannot be).
    fn pool(&mut self) -> Option<std::sync::Arc<rayon::ThreadPool>> {
        if self.pool.is_none() {
            let n = std::thread::available_parallelism().map_or(1, |n| n.get());
            self.pool = rayon::ThreadPoolBuilder::new().num_threads(n).thread_name(|i| format!("storyline-link-{i}")).build().ok().map(std::sync::Arc::new);
        }
        self.pool.clone()
    }

    /// A linker that keeps at most this much of the stored state between batches.
    pub fn with_limits(limits: cluster::Limits) -> Linker {
        Linker { limits, ..Linker::default() }
    }

    /// Link a stored batch: near-copies, stories, flags, quote groups, dates. One transaction.
    pub fn link(&mut self, store: &mut dyn Store, batch: &[(Article, Analysis)], outcomes: &[PutOutcome]) -> Result<(), StoreError> {
        let prepared = prepare_all(batch);
        store.begin()?;
        match self.link_batch(store, batch, &prepared, outcomes) {
            Ok(()) => store.commit(),
            Err(e) => {
                // the batch's articles stay stored; only their links are lost, and what the
                // clusterer held may no longer be what is stored
                self.clusterer = None;
                let _ = store.commit();
                Err(e)
            }
        }
    }

    /// Store a batch and link it as one unit: one transaction, so a crash leaves either both
    /// done or neither (the batch is then stored and linked again by the next run).
    pub fn store_and_link(&mut self, store: &mut dyn Store, batch: &[(Article, Analysis)]) -> Result<Vec<PutOutcome>, StoreError> {
        let prepared = prepare_all(batch);
        self.store_and_link_prepared(store, batch, &prepared)
    }

    /// [`Linker::store_and_link`] with each article's [`Prepared`] computed ahead (`prepared[i]`
    /// is `prepare` of `batch[i]`): ingest prepares a batch in its parallel stage.
    pub fn store_and_link_prepared(&mut self, store: &mut dyn Store, batch: &[(Article, Analysis)], prepared: &[Prepared]) -> Result<Vec<PutOutcome>, StoreError> {
        Ok(self.store_and_link_batches(store, &[(batch, prepared)])?.pop().unwrap_or_default())
    }

    /// Store and link several batches in one transaction, each batch stored then linked on its
    /// own as [`Linker::store_and_link_prepared`] does (so the links are the same as one
    /// transaction per batch): fewer commits, each writing the pages the batches share once
    /// (see `Transactions::batches_per_transaction`). All or nothing: on an error no batch is
    /// kept. The outcomes of each batch, in order.
    pub fn store_and_link_batches(&mut self, store: &mut dyn Store, batches: &[(&[(Article, Analysis)], &[Prepared])]) -> Result<Vec<Vec<PutOutcome>>, StoreError> {
        for (batch, prepared) in batches {
            assert_eq!(batch.len(), prepared.len(), "one Prepared per article");
        }
        store.begin()?;
        let r = batches.iter().map(|(batch, prepared)| store.put(batch).and_then(|outs| self.link_batch(store, batch, prepared, &outs).map(|()| outs))).collect::<Result<Vec<_>, _>>();
        match r {
            Ok(outs) => {
                if let Err(e) = store.commit() {
                    // the batches' articles may not be stored: their forms are not kept
                    self.forms.clear();
                    return Err(e);
                }
                Ok(outs)
            }
            Err(e) => {
                // nothing of the batches is kept; what the clusterer held may be ahead of the
                // store, and the forms held may be of articles no longer there
                self.clusterer = None;
                self.forms.clear();
                let _ = store.rollback();
                Err(e)
            }
        }
    }

    fn link_batch(&mut self, store: &mut dyn Store, batch: &[(Article, Analysis)], prepared: &[Prepared], outcomes: &[PutOutcome]) -> Result<(), StoreError> {
        // the stored state as of now (this transaction holds the write lock)
        let meta = store.cluster_meta()?;
        let mut c = match self.clusterer.take() {
            Some(c) => c,
            None => {
                let mut c = cluster::Clusterer::new(cluster::Config::default());
                if let Some(p) = self.pool() {
                    c.set_pool(p);
                }
                c
            }
        };
        c.sync(&meta, &FromStore(&*store), self.limits)?;
        let r = self.link_with(&mut c, store, batch, prepared, outcomes);
        if r.is_ok() {
            self.clusterer = Some(c);
        }
        r
    }

    fn link_with(&mut self, c: &mut cluster::Clusterer, store: &mut dyn Store, batch: &[(Article, Analysis)], prepared: &[Prepared], outcomes: &[PutOutcome]) -> Result<(), StoreError> {
        let mut links = Vec::new();
        let mut touched: Vec<i64> = Vec::new();
        let mut new_ids = Vec::new();
        for (((a, _), p), o) in batch.iter().zip(prepared).zip(outcomes) {
            let copy_of = match o {
                PutOutcome::New => None,
                PutOutcome::Copy { of } => Some(of.clone()),
                _ => continue,
            };
            new_ids.push(a.id.clone());
            self.forms.hold(&a.id, &p.forms);
            // near-duplicates through the band keys kept in the store
            let mut near = None;
            if copy_of.is_none() {
                let (sig, keys) = (&p.signature, &p.band_keys);
                let mut best: Option<(String, f64)> = None;
                for (id, bytes) in store.band_candidates(keys, BAND_CANDIDATES)? {
                    let Some(other) = neardup::Signature::from_bytes(&bytes) else { continue };
                    if neardup::is_copy(sig, &other) {
                        let c = neardup::containment(sig, &other);
                        if best.as_ref().is_none_or(|(_, b)| c > *b) {
                            best = Some((id, c));
                        }
                    }
                }
                store.put_signature(&a.id, keys, &sig.to_bytes())?;
                near = best;
            }
            // the story: a copy joins its original's story; anything else goes to the clusterer
            let original = copy_of.clone().or(near.as_ref().map(|x| x.0.clone()));
            let feats = &p.features;
            let story = match original.as_deref().map(|o| store.story_of(o)).transpose()?.flatten() {
                Some(s) => {
                    c.observe_from(&FromStore(&*store), feats)?;
                    s
                }
                None => c.add_from(&FromStore(&*store), feats)? as i64 + 1,
            };
            // the clusterer's second pass may have moved recent articles to better stories
            for (moved, to) in c.take_moves() {
                let to = to as i64 + 1;
                // an article of this batch moves before its link is written; both stories'
                // spans and labels are refreshed below either way
                let from = match links.iter_mut().find(|l: &&mut ArticleLinks| l.id == moved) {
                    Some(l) => Some(std::mem::replace(&mut l.story, to)),
                    None => {
                        let from = store.story_of(&moved)?;
                        store.set_story(&moved, to)?;
                        from
                    }
                };
                for s in from.into_iter().chain([to]) {
                    if !touched.contains(&s) {
                        touched.push(s);
                    }
                }
            }
            if !touched.contains(&story) {
                touched.push(story);
            }
            links.push(ArticleLinks { id: a.id.clone(), near_copy_of: near, story, flags: p.flags.clone() });
        }
        // the clusterer's state first: a failure later loses links, never the state's consistency
        if let Some(w) = c.take_changes() {
            store.put_cluster(&w)?;
        }
        if !links.is_empty() {
            // links first (so dating and labels see the new articles), then dates, then labels
            store.put_links(&links, &[])?;
        }
        for p in prepared {
            self.tokens.hold_bounds(&p.anchor_bounds);
            self.tokens.hold_tokens(&p.quote_tokens);
        }
        quotes::group(store, &new_ids, &mut self.tokens)?;
        if !touched.is_empty() {
            self.date_undated(store, &new_ids)?;
            let mut labels = Vec::with_capacity(touched.len());
            let story_of: std::collections::HashMap<&str, i64> = links.iter().map(|l| (l.id.as_str(), l.story)).collect();
            for &s in &touched {
                let names = story_names(store, s, 4)?;
                let mut words = c.top_words(&FromStore(&*store), (s - 1) as cluster::StoryId, 9)?;
                // the clusterer keeps "talks" as "talk": show the form this batch's articles write
                let forms: Vec<&Forms> = batch.iter().zip(prepared).filter(|((a, _), _)| story_of.get(a.id.as_str()) == Some(&s)).map(|(_, p)| &*p.forms).collect();
                let left = surfaces_in(&mut words, &forms);
                if !left.is_empty() {
                    // a word no article of this batch writes (the story was touched by a move,
                    // or its new articles lack it): the story's latest articles say how it is
                    // written, so a label never shows a stem ("earthquak", "compani")
                    latest_surfaces(store, s, &mut words, &left, &self.forms)?;
                }
                labels.push((s, label(&names, &words)));
            }
            store.put_links(&[], &labels)?;
            // threads last: they read the stories' centroids as the clusterer wrote them
            let follows: std::collections::HashMap<&str, bool> = batch.iter().zip(prepared).map(|((a, _), p)| (a.id.as_str(), p.follows_up)).collect();
            let follow_up: Vec<i64> = links.iter().filter(|l| follows.get(l.id.as_str()).copied().unwrap_or(false)).map(|l| l.story).collect();
            threads::link(store, &touched, &follow_up, &|t| c.term_kind_df(t))?;
        }
        Ok(())
    }

    /// Date the new articles that came without a date (or with one only inferred), on evidence
    /// they share with dated articles (`dating`): a copy or near copy of a dated article takes
    /// its date; a wire dateline with month and day (`analysis::dating::wire_dateline`) or a
    /// coming event the text names by weekday and by date (`analysis::dating::coming_event`)
    /// places it, the dated neighbours giving the date its year; else the events it shares
    /// with its dated neighbours (`dating::date_from_events`: its weekdays and "yesterday"s
    /// landing on the days the neighbours give the same events) place it. Story membership
    /// alone dates nothing. (An article is dated when it arrives; a later neighbour
    /// does not re-date it, which keeps the cost of linking one article flat.)
    fn date_undated(&mut self, store: &mut dyn Store, ids: &[String]) -> Result<(), StoreError> {
        // the events of each dated neighbour, read once per batch
        let mut events_of: std::collections::HashMap<String, Vec<dating::Event>> = std::collections::HashMap::new();
        for id in store.undated_of(ids)? {
            // the article as analysis stored it, read once: its copies, its times with their rules
            let Some(a) = store.article(&id)? else { continue };
            if let Some((d, c)) = date_of_copied(store, &a)? {
                store.set_inferred_date(&id, d, c)?;
                continue;
            }
            let all = store.dated_neighbours(&id, EVENT_NEIGHBOURS)?;
            let day = |v: &str| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
            let as_dates = |n: &crate::store::Neighbour| Some((day(&n.published)?, n.dates.iter().filter_map(|v| day(v)).collect::<Vec<_>>()));
            let in_story: Vec<_> = all.iter().filter_map(as_dates).collect();
            // the text's own day without its year (a wire dateline "HOUSTON, May 8 (Reuters) -";
            // a coming event named by its weekday and by its date): the neighbours give the
            // year, the text gives the day
            if let Some(around) = in_story.iter().map(|n| n.0).min() {
                let tl = crate::text::TextLayer::new(&a.text, a.row.language.as_deref());
                let own = crate::analysis::dating::wire_dateline(&tl.tokens, around)
                    .map(|s| (s.date, s.confidence))
                    .or_else(|| crate::analysis::dating::coming_event(&tl, &a.layers.times, Some(around)));
                if let Some((d, c)) = own {
                    store.set_inferred_date(&id, d, c)?;
                    continue;
                }
            }
            // the events it shares with its dated neighbours: its weekdays and days landing on
            // the days the neighbours report in sentences about the same thing
            let mut events = Vec::new();
            for n in &all {
                if !events_of.contains_key(&n.id) {
                    let (Some(p), Some(na)) = (day(&n.published), store.article(&n.id)?) else { continue };
                    events_of.insert(n.id.clone(), dating::events_of(&na.text, na.row.language.as_deref(), &na.layers.times, p));
                }
                events.extend(events_of[&n.id].iter().cloned());
            }
            if let Some((d, c, _)) = dating::date_from_events(&a.text, a.row.language.as_deref(), &a.layers.times, &events) {
                store.set_inferred_date(&id, d, c)?;
            }
        }
        Ok(())
    }
}

/// How many dated neighbours (the story's, earliest first, and the first reporters of its
/// quotes) an undated article is matched against; their events are read once per batch.
const EVENT_NEIGHBOURS: usize = 500;

/// The confidence of a date taken from the article an article copies.
const COPY_CONFIDENCE: f32 = 0.9;

/// The date of the article `a` copies or nearly copies, when that one is dated by its input
/// or its header (an inferred date is not passed on).
fn date_of_copied(store: &dyn Store, a: &crate::store::StoredArticle) -> Result<Option<(chrono::NaiveDate, f32)>, StoreError> {
    for src in [a.row.copy_of.as_deref(), a.near_copy_of.as_deref()].into_iter().flatten() {
        let Some(s) = store.article(src)? else { continue };
        if s.row.published_from.as_deref().is_some_and(|f| f != "inferred") {
            if let Some(d) = s.row.published.as_deref().and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()) {
                return Ok(Some((d, COPY_CONFIDENCE)));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Origin};
    use crate::store::{LinkStore, sqlite::SqliteStore};

    #[test]
    fn label_words_as_the_articles_write_them() {
        let surface = |stem: &str, texts: &[&str]| {
            let mut v = vec![stem.to_string()];
            surfaces(&mut v, texts);
            v.pop().unwrap()
        };
        let texts = ["Direct talks in Istanbul: Kyiv wants a ceasefire before the talks.", "Kyiv said the talk of a truce was early."];
        let mut all = vec!["talk".to_string(), "kyiv".into(), "ceasefire".into(), "absent".into()];
        surfaces(&mut all, &texts);
        assert_eq!(all, ["talks", "Kyiv", "ceasefire", "absent"], "several stems in one pass");
        assert_eq!(surface("talk", &texts), "talks");
        assert_eq!(surface("kyiv", &texts), "Kyiv");
        assert_eq!(surface("ceasefire", &texts), "ceasefire");
        // a Snowball stem is shown as the articles write the word
        assert_eq!(surface(&crate::text::stem("president"), &["The president met the presidents."]), "president");
        assert_eq!(label(&["Vladimir Putin".into()], &["president".into(), "putin".into(), "talks".into()]), "Vladimir Putin: talks");
    }

    #[test]
    fn a_texts_forms_of_a_stem_in_the_order_it_first_writes_them() {
        let f = forms_of("Talks resumed in Istanbul. The talk was short; both sides talked of talks again. Kyiv and KYIV.");
        let got = |stem: &str| f.get(stem).collect::<Vec<_>>();
        // "talks" is met first, then "talk", then "talked": each counted, capitals apart
        assert_eq!(got(&crate::text::stem("talks")), [("talks", 2, 1), ("talk", 1, 0), ("talked", 1, 0)]);
        assert_eq!(got("kyiv"), [("kyiv", 2, 2)]);
        assert!(got("ceasefir").is_empty(), "a stem the text never writes has no forms");
    }

    /// The seed articles, and the first ECB+ dev documents when `../shared/eval` is there.
    fn articles() -> Vec<(Article, Analysis)> {
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<(String, String)> = Vec::new();
        let mut seeds: Vec<_> = std::fs::read_dir(repo.join("examples")).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
        seeds.sort();
        for p in seeds.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
            texts.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap()));
        }
        match std::fs::read_to_string(repo.join("../shared/eval/stories/ecbplus-dev.jsonl")) {
            Ok(data) => {
                for l in data.lines().take(160) {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    texts.push((v["id"].as_str().unwrap().to_string(), v["text"].as_str().unwrap().to_string()));
                }
            }
            Err(_) => eprintln!("../shared/eval/stories/ecbplus-dev.jsonl is absent: sharing a store is checked on the seeds only"),
        }
        texts
            .into_iter()
            .map(|(id, text)| {
                let mut a = Article::new(text, Origin { path: id.clone(), locator: None, format: Format::Txt });
                a.id = id;
                let an = crate::analysis::analyze(&a);
                (a, an)
            })
            .collect()
    }

    /// Stories (id, label, articles) after linking `docs` in batches of `batch`, the batches
    /// dealt in turn to `linkers`.
    fn stories_of(docs: &[(Article, Analysis)], batch: usize, mut linkers: Vec<Linker>) -> Vec<(i64, String, Vec<String>)> {
        let mut store = SqliteStore::in_memory().unwrap();
        let n = linkers.len();
        for (k, chunk) in docs.chunks(batch).enumerate() {
            let outs = store.put(chunk).unwrap();
            linkers[k % n].link(&mut store, chunk, &outs).unwrap();
        }
        let mut out: Vec<_> = store.stories().unwrap().into_iter().map(|s| (s.id, s.label, s.articles)).collect();
        out.sort();
        out
    }

    /// A label word no article of the batch writes is looked up in the story's latest
    /// articles: the label shows "talks", never the stem "talk".
    #[test]
    fn a_stem_the_batch_lacks_is_written_as_the_story_writes_it() {
        let docs: Vec<_> = articles().into_iter().take(5).collect();
        let mut store = SqliteStore::in_memory().unwrap();
        let outs = store.put(&docs).unwrap();
        Linker::new().link(&mut store, &docs, &outs).unwrap();
        let story = store.stories().unwrap().into_iter().max_by_key(|s| s.articles.len()).unwrap();
        let mut words = vec!["talks".to_string(), crate::text::stem("negotiations").into_owned(), "zzzq".into()];
        assert_eq!(surfaces_in(&mut words, &[]), [0, 1, 2], "no text: every word is left");
        // "talks" was written out by the batch: only the others are looked up
        latest_surfaces(&store, story.id, &mut words, &[1, 2], &FormsCache::default()).unwrap();
        assert_eq!(words, ["talks", "negotiations", "zzzq"], "written out from the story's articles; an unknown word kept");
    }

    /// Several batches stored and linked in one transaction (ingest's writer when it has
    /// fallen behind) give the same stories, labels and members as one transaction per batch.
    #[test]
    fn batches_in_one_transaction_link_as_one_by_one() {
        let docs = articles();
        let prepared: Vec<Prepared> = prepare_all(&docs);
        let stories = |store: &SqliteStore| {
            let mut v: Vec<_> = store.stories().unwrap().into_iter().map(|s| (s.id, s.label, s.articles)).collect();
            v.sort();
            v
        };
        let mut one = SqliteStore::in_memory().unwrap();
        let mut linker = Linker::new();
        for (b, p) in docs.chunks(4).zip(prepared.chunks(4)) {
            linker.store_and_link_prepared(&mut one, b, p).unwrap();
        }
        let mut grouped = SqliteStore::in_memory().unwrap();
        let mut linker = Linker::new();
        let parts: Vec<(&[(Article, Analysis)], &[Prepared])> = docs.chunks(4).zip(prepared.chunks(4)).collect();
        for group in parts.chunks(3) {
            let outs = linker.store_and_link_batches(&mut grouped, group).unwrap();
            assert_eq!(outs.iter().map(Vec::len).collect::<Vec<_>>(), group.iter().map(|(b, _)| b.len()).collect::<Vec<_>>(), "the outcomes of each batch");
        }
        assert!(stories(&one).len() > 1 || docs.len() == 5);
        assert_eq!(stories(&grouped), stories(&one));
    }

    #[test]
    fn workers_sharing_a_store_link_as_one_worker_does() {
        let docs = articles();
        let one = stories_of(&docs, 16, vec![Linker::new()]);
        assert!(one.len() > 1 || docs.len() == 5);
        // three workers taking batches in turn: each finds the state moved on and reads it again
        assert_eq!(stories_of(&docs, 16, vec![Linker::new(), Linker::new(), Linker::new()]), one);
        // one worker that keeps nothing between batches
        let nothing = cluster::Limits { terms: 0, stories: 0, postings: 0 };
        assert_eq!(stories_of(&docs, 16, vec![Linker::with_limits(nothing)]), one);
    }
}
