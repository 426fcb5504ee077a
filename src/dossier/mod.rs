//! The dossier: what a story amounts to, built on demand from the store.
//!
//! `build(store, story)` reads the story's articles and their stored layers (quotes, times,
//! entities) and returns a [`Dossier`]: a dated timeline, the quote groups by speaker, who's
//! who, a cited summary, the sources table and the disagreements. Nothing here writes: the
//! dossier is a view over what linking stored, so it is always current.

mod cite;
pub mod feed;
pub mod headline;
mod disagree;
mod prep;
mod summary;
pub mod timeline;
pub mod threads;
pub mod tls;

use serde::Serialize;

pub use prep::content_words;

use crate::json::QuoteGroupOut;
use crate::store::{EntitySummary, QuoteGroup, Store, StoreError};
use crate::stories::SharedPassages;

/// One story, as a journalist wants it on the desk. The JSON contract (`storyline show
/// --json`, `GET /api/stories/{id}`).
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    pub id: i64,
    pub label: String,
    /// The story's headline ([`headline::story_headline`]), as the story list shows it.
    pub headline: Option<headline::Headline>,
    /// Input ids of its articles, in ingest order.
    pub articles: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Distinct outlets, and those with at least one article that is not a copy.
    pub sources: i64,
    /// `None` when no outlet is known.
    pub independent_sources: Option<i64>,
    /// 3 to 8 sentences across the sources, each citing the articles that support it.
    pub summary: Vec<SummarySentence>,
    /// Dated entries, earliest first.
    pub timeline: Vec<TimelineEntry>,
    /// Quote groups by speaker (most quoted speaker first), each group's variants earliest first.
    pub quotes: Vec<SpeakerQuotes>,
    /// People, places and organisations, most mentioned first.
    pub entities: Vec<EntitySummary>,
    /// Where sources give different values for the same thing.
    pub disagreements: Vec<Disagreement>,
    /// The sources table: each article with its outlet, date, length, copies and what only it reports.
    pub reports: Vec<Report>,
    /// Passages two of its articles share verbatim or nearly.
    pub shared: Vec<SharedPassages>,
    /// The thread it belongs to (`stories::threads`), or `None`.
    pub thread: Option<threads::ThreadRef>,
}

impl Dossier {
    /// The number every view cites an article by: its place in `articles` (ingest order),
    /// from 1. The terminal, the Markdown report and the web page all cite by it, so [3] is
    /// the same article everywhere, and the third in the article list.
    pub fn citation_numbers(&self) -> std::collections::HashMap<&str, usize> {
        self.articles.iter().enumerate().map(|(i, a)| (a.as_str(), i + 1)).collect()
    }

    /// An article as a reader names it (its title or opening words, from the sources table),
    /// or its id when the table does not hold it.
    pub fn article_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.reports.iter().find(|r| r.id == id).map_or(id, |r| r.name.as_str())
    }
}

/// A summary sentence and the articles that support it.
#[derive(Debug, Clone, Serialize)]
pub struct SummarySentence {
    pub text: String,
    /// Article ids, the one the sentence is taken from first.
    pub sources: Vec<String>,
    /// For each source, the sentence (or two adjacent ones) that says it.
    pub support: Vec<Support>,
    /// The days its weekday and day words name ("on Friday" → 2025-05-30), resolved against
    /// its article's own date; `text` stays as the article says it, and views show the day
    /// after the words ([`SummarySentence::glossed`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<DayGloss>,
}

/// A day a sentence's words name: `words` as the text has them, `day` as `YYYY-MM-DD`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DayGloss {
    pub words: String,
    pub day: String,
}

impl SummarySentence {
    /// The text as a reader sees it: each glossed phrase followed by its day, "on Friday (30
    /// May)" (at its first occurrence; a phrase the text lacks is left out).
    pub fn glossed(&self) -> String {
        let mut out = self.text.clone();
        let mut from = 0;
        for g in &self.days {
            let Some(day) = chrono::NaiveDate::parse_from_str(&g.day, "%Y-%m-%d").ok() else { continue };
            let Some(at) = out[from..].find(&g.words).map(|i| i + from + g.words.len()) else { continue };
            let gloss = format!(" ({})", day.format("%-d %B"));
            out.insert_str(at, &gloss);
            from = at + gloss.len();
        }
        out
    }
}

/// Where a cited article says what an entry says: its sentence, or two adjacent sentences, in
/// code points into the article's text (the dossier is a JSON contract).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Support {
    pub article: String,
    pub sentence: crate::json::CharSpan,
}

/// What kind of event a timeline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Reported as having happened, in the story's own time.
    Happened,
    /// Announced, proposed or scheduled: not (yet) happened when reported.
    Planned,
    /// Earlier history the reports recall (the 2022 invasion, earlier talks).
    Background,
}

/// One dated entry of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// A short sentence from the articles.
    pub text: String,
    /// The articles that report it, earliest first.
    pub sources: Vec<String>,
    /// For each source, the sentence (or two adjacent ones) that says it.
    pub support: Vec<Support>,
    pub kind: EventKind,
}

/// One speaker's quote groups (offsets in code points: the dossier is a JSON contract).
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerQuotes {
    pub speaker: Option<String>,
    pub groups: Vec<QuoteGroupOut>,
}

impl SpeakerQuotes {
    /// The speaker as the views show it: a name as stored, a role as a reader says it ("The
    /// company", "The officer"), as timeline quote entries name it (`timeline::speaker_shown`);
    /// words that name nobody ("others") as stored. The stored key (and the JSON) stay as they are.
    pub fn shown(&self) -> Option<String> {
        let s = self.speaker.as_deref()?;
        Some(timeline::speaker_shown(s).map_or_else(|| s.to_string(), |(shown, _)| shown))
    }
}

/// A story as `storyline stories` shows it: the list's item (the stored row, its headline,
/// outlets and articles per day) and, with `--json`, the dossier's summary, timeline and
/// shared passages (docs/json.md).
#[derive(Debug, Clone, Serialize)]
pub struct StoryOverview {
    #[serde(flatten)]
    pub item: feed::FeedItem,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<SharedPassages>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Vec<SummarySentence>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<TimelineEntry>>,
}

/// The stories `storyline stories` lists (see [`feed::feed`]) and how many the filters kept:
/// with `full`, each with its dossier's summary, timeline and shared passages (`--json`).
pub fn overviews(store: &dyn Store, q: &feed::FeedQuery, full: bool) -> Result<(Vec<StoryOverview>, usize), StoreError> {
    let f = feed::feed(store, q)?;
    let mut out = Vec::with_capacity(f.items.len());
    for item in f.items {
        let mut o = StoryOverview { item, shared: Vec::new(), summary: None, timeline: None };
        if full {
            if let Some(d) = build(store, o.item.story.id)? {
                o.summary = Some(d.summary);
                o.timeline = Some(d.timeline);
                o.shared = d.shared;
            }
        }
        out.push(o);
    }
    Ok((out, f.total))
}

/// Sources disagreeing on one thing.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    /// What they disagree about ("which year of the war it is").
    pub about: String,
    /// Each claimed value with the articles claiming it.
    pub claims: Vec<Claim>,
    /// How sure storyline is that this is a real conflict, 0 to 1.
    pub confidence: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    /// The value as normalised (a date, a number).
    pub value: String,
    /// The words the articles use.
    pub text: String,
    pub sources: Vec<String>,
}

/// One article in the sources table.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub id: String,
    /// The article as a reader names it: its title, else its opening words.
    pub name: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<String>,
    /// Length in Unicode code points.
    pub chars: i64,
    pub flags: Vec<String>,
    /// The earlier article it copies (exactly or nearly), if any.
    pub copy_of: Option<String>,
    /// Later articles that copy it.
    pub copies: Vec<String>,
    /// Sentences no other article of the story reports.
    pub only_here: Vec<String>,
}

/// Build the dossier of one story; `None` if there is no such story.
pub fn build(store: &dyn Store, story: i64) -> Result<Option<Dossier>, StoreError> {
    let Some(row) = store.story(story)? else {
        return Ok(None);
    };
    let (docs, vocab) = prep::load(store, &row.articles)?;
    // shared passages among the latest of the articles already read (in ingest order)
    let read: std::collections::HashMap<&str, &str> = docs.iter().map(|d| (d.id(), d.a.text.as_str())).collect();
    let latest: Vec<(&str, &str)> = row.articles.iter().filter_map(|id| read.get_key_value(id.as_str()).map(|(k, v)| (*k, *v))).collect();
    let shared = crate::stories::passages_between(&latest[latest.len().saturating_sub(crate::stories::PASSAGE_ARTICLES)..]);
    let first = docs.iter().filter_map(|d| d.date).min();
    // fragments of one or two words ("ready", "ultimatums") are the reporter's sentence, not a statement
    let groups: Vec<QuoteGroup> = store.story_quote_groups(story)?.into_iter().filter(|g| g.text.split_whitespace().count() >= 3).collect();
    let words = cite::Words::new(&docs);
    let mut timeline = timeline::build(&docs, &vocab, &words, &groups, first);
    let sims = prep::Sims::new(&docs, &vocab);
    let mut summary = summary::build(&docs, &vocab, &sims, None);
    // citations that hold: every cited article says the thing (cite.rs)
    for e in &mut timeline {
        e.support = cite::hold(&docs, &words, &e.text, &mut e.sources);
    }
    for s in &mut summary {
        s.support = cite::hold(&docs, &words, &s.text, &mut s.sources);
    }
    let disagreements = disagree::build(&docs, &vocab, first);
    let reports = reports(&docs, &sims);
    // the groups at the JSON edge: code points, from the texts already read where it can
    let mut texts = crate::json::Texts::new(store);
    for d in &docs {
        texts.know(d.id(), &d.a.text);
    }
    let mut quotes: Vec<SpeakerQuotes> = Vec::new();
    for g in texts.quote_groups(&groups)? {
        match quotes.last_mut() {
            Some(s) if s.speaker == g.speaker => s.groups.push(g),
            _ => quotes.push(SpeakerQuotes { speaker: g.speaker.clone(), groups: vec![g] }),
        }
    }
    // most reported speakers first; unattributed quotes last
    quotes.sort_by_key(|s| (s.speaker.is_none(), std::cmp::Reverse(s.groups.iter().map(|g| g.articles).sum::<i64>()), s.speaker.clone()));
    let entities = store.story_entities(story)?;
    let headline = headline::story_headline(store, &row.articles)?;
    Ok(Some(Dossier {
        id: row.id,
        label: row.label,
        headline,
        articles: row.articles,
        first: row.first,
        last: row.last,
        sources: row.sources,
        independent_sources: row.independent_sources,
        summary,
        timeline,
        quotes,
        entities,
        disagreements,
        reports,
        shared,
        thread: threads::thread_of_story(store, story)?,
    }))
}

/// A summary of any set of stored articles (as if they were one story): `k` sentences, or as
/// many as the story calls for (3 to 8, [`summary::length_for`]) when `k` is `None`.
pub fn summarize(store: &dyn Store, ids: &[String], k: Option<usize>) -> Result<Vec<SummarySentence>, StoreError> {
    let (docs, vocab) = prep::load(store, ids)?;
    let sims = prep::Sims::new(&docs, &vocab);
    let mut summary = summary::build(&docs, &vocab, &sims, k);
    let words = cite::Words::new(&docs);
    for s in &mut summary {
        s.support = cite::hold(&docs, &words, &s.text, &mut s.sources);
    }
    Ok(summary)
}

/// Sentences of another article this close tell the same thing.
const SAME_SENTENCE: f32 = 0.35;

/// The sources table: each article, its copies, and the sentences no other article tells.
fn reports(docs: &[prep::Doc], sims: &prep::Sims) -> Vec<Report> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let mut only: Vec<(usize, &prep::Sent)> = d
                .sents
                .iter()
                .enumerate()
                .filter(|(_, s)| s.terms.len() >= 5)
                .filter(|(si, _)| !sims.best_per_doc(i, *si).iter().enumerate().any(|(j, b)| j != i && *b >= SAME_SENTENCE))
                .map(|(_, s)| s)
                .map(|s| (s.terms.len(), s))
                .collect();
            // the most informative first, then in text order
            only.sort_by_key(|(n, s)| (std::cmp::Reverse(*n), s.pos));
            only.truncate(3);
            only.sort_by_key(|(_, s)| s.pos);
            Report {
                id: d.id().to_string(),
                name: match d.a.row.title.as_deref().map(str::trim) {
                    Some(t) if !t.is_empty() => t.to_string(),
                    _ => d.a.row.lead.clone(),
                },
                source: d.a.row.source.clone(),
                title: d.a.row.title.clone(),
                published: d.a.row.published.clone(),
                published_from: d.a.row.published_from.clone(),
                chars: d.a.row.chars,
                flags: d.a.row.flags.clone(),
                copy_of: d.copy_of.clone(),
                copies: {
                    // exact copies the store remembers, and near copies among the story's articles; once each
                    let mut c: Vec<String> = d.a.copies.clone();
                    for e in docs.iter().filter(|e| e.copy_of.as_deref() == Some(d.id())) {
                        if !c.iter().any(|x| x == e.id()) {
                            c.push(e.id().to_string());
                        }
                    }
                    c
                },
                only_here: only.into_iter().map(|(_, s)| prep::display(d.text(s), 300)).collect(),
            }
        })
        .collect()
}
