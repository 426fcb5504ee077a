//! `storyline extract`: run the per-article analysis on files and emit one JSON object per
//! article — the contract the extractor scorers read. Offsets are Unicode code points into
//! `text` (the file's decoded text, or for HTML the extracted text, printed with `--with-text`).

use serde::Serialize;

use crate::analysis::analyze;
use crate::model::Article;

/// One line of `storyline extract` output.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    pub id: String,
    pub published: Option<String>,
    pub published_from: Option<&'static str>,
    pub language: Option<String>,
    pub title: Option<String>,
    pub quotes: Vec<serde_json::Value>,
    pub times: Vec<serde_json::Value>,
    pub entities: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Analyse one article for `extract`.
pub fn extract(article: &Article, with_text: bool) -> Extraction {
    let an = analyze(article);
    Extraction {
        path: article.origin.path.clone(),
        locator: article.origin.locator.clone(),
        id: article.id.clone(),
        published: article.published.map(|d| d.to_string()),
        published_from: article.published_from.map(|s| s.as_str()),
        language: an.language,
        title: article.title.clone(),
        quotes: Vec::new(),
        times: Vec::new(),
        entities: Vec::new(),
        text: with_text.then(|| article.text.clone()),
    }
}
