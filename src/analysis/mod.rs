//! Analysis: what storyline finds in one article, as stand-off layers over its text.
//!
//! Every analysis is a pure function of one [`Article`]: no IO, no other articles, no
//! globals, so a batch fans out over threads and a re-run gives the same layers. Layers point
//! into the text by byte [`Span`](crate::model::Span)s; they never change it.
//!
//! Layers: the language, direct quotes with their speakers (`quotes`), temporal
//! expressions normalised to TIMEX3 values (`times`), and people, places and organisations
//! with canonical names (`entities`).

pub mod lang;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Article, Span};

/// A direct quote: the words inside the quote marks, and who said them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub span: Span,
    /// A fragment embedded in the reporter's sentence (said it was "ready").
    pub partial: bool,
    /// The canonical name of the speaker (a person, or a body such as "Kremlin").
    pub speaker: Option<String>,
    /// The mention the attribution rests on: a name, a title phrase, or a pronoun.
    pub speaker_mention: Option<Span>,
    /// The speech verb or phrase (said, added, wrote on X, according to).
    pub cue: Option<Span>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// A temporal expression with its TIMEX3 value (2025-05-15, P30D, PRESENT_REF, …).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    pub span: Span,
    pub kind: TimeType,
    pub value: String,
}

impl TimeType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeType::Date => "DATE",
            TimeType::Time => "TIME",
            TimeType::Duration => "DURATION",
            TimeType::Set => "SET",
        }
    }
    pub fn parse(s: &str) -> Option<TimeType> {
        Some(match s {
            "DATE" => TimeType::Date,
            "TIME" => TimeType::Time,
            "DURATION" => TimeType::Duration,
            "SET" => TimeType::Set,
            _ => return None,
        })
    }
}

/// Entity kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    Person,
    Place,
    Org,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Place => "PLACE",
            EntityKind::Org => "ORG",
            EntityKind::Other => "OTHER",
        }
    }
    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "PERSON" => EntityKind::Person,
            "PLACE" => EntityKind::Place,
            "ORG" => EntityKind::Org,
            "OTHER" => EntityKind::Other,
            _ => return None,
        })
    }
}

/// The key under which spelling variants of one name meet across articles.
pub fn entity_key(name: &str, kind: EntityKind) -> String {
    let _ = kind;
    let mut out = String::new();
    let mut k = String::new();
    for (s, e) in crate::text::words(name) {
        crate::text::search_key(&name[s..e], &mut k);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&k);
    }
    out
}

/// A mention of a person, place or organisation, with the name it is known by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub span: Span,
    pub kind: EntityKind,
    pub canonical: String,
    /// The role the text gives a person at this mention ("Turkish Foreign Minister").
    pub role: Option<String>,
}

/// The extractor layers of one text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Layers {
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
    pub entities: Vec<Entity>,
}

/// Run the extractors on a text, anchoring relative times on `anchor`.
pub fn layers(text: &str, anchor: Option<NaiveDate>) -> Layers {
    let _ = (text, anchor);
    Layers::default()
}

/// A publication date inferred from the content, with a confidence in [0, 1].
pub fn infer_published(text: &str) -> Option<(NaiveDate, f32)> {
    let _ = text;
    None
}

/// The layers found in one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    /// ISO 639-1 language code where one exists, else ISO 639-3.
    pub language: Option<String>,
    /// Whether `language` came from detection (true) or the source's metadata (false).
    pub language_detected: bool,
    /// The folded keys of the title and the text, for the store's full-text index
    /// (computed here so that it runs in parallel, not in the store's single writer).
    #[serde(skip)]
    pub search: SearchKeys,
    #[serde(flatten)]
    pub layers: Layers,
    /// For an article with no date: one inferred from its content, with a confidence.
    pub inferred: Option<(NaiveDate, f32)>,
}

/// Folded search keys (`text::search_keys`) of an article's title and text.
#[derive(Debug, Clone, Default)]
pub struct SearchKeys {
    pub title: String,
    pub body: String,
}

/// Analyse one article.
pub fn analyze(article: &Article) -> Analysis {
    let (language, language_detected) = match &article.language {
        Some(l) => (Some(l.clone()), false),
        None => (lang::detect(&article.text[article.body_start()..]), true),
    };
    let search = SearchKeys {
        title: article.title.as_deref().map(crate::text::search_keys).unwrap_or_default(),
        body: crate::text::search_keys(&article.text),
    };
    let inferred = if article.published.is_none() { infer_published(&article.text) } else { None };
    let anchor = article.published.or(inferred.map(|(d, _)| d));
    let layers = layers(&article.text, anchor);
    Analysis { language, language_detected, search, layers, inferred }
}
