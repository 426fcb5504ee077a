//! Analysis: what storyline finds in one article, as stand-off layers over its text.
//!
//! Every analysis is a pure function of one [`Article`]: no IO, no other articles, no
//! globals, so a batch fans out over threads and a re-run gives the same layers. Layers point
//! into the text by byte [`Span`](crate::model::Span)s; they never change it.
//!
//! Today: the language. Quotes, times and entities arrive with their issues; their lists
//! are already part of the `extract` contract, empty until then.

pub mod lang;

use serde::Serialize;

use crate::model::Article;

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
    Analysis { language, language_detected, search }
}
