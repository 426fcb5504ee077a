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
}

/// Analyse one article.
pub fn analyze(article: &Article) -> Analysis {
    match &article.language {
        Some(l) => Analysis { language: Some(l.clone()), language_detected: false },
        None => Analysis { language: lang::detect(&article.text[article.body_start()..]), language_detected: true },
    }
}
