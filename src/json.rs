//! The JSON edge: stored values in the form `docs/json.md` specifies, with every offset in
//! Unicode code points into the article's text (the unit the gold sets and the contract
//! count). Inside storyline offsets are bytes; they become code points here, through
//! `text::CharIndex`, and nowhere else but `extract` (the layers of one text) and the few
//! values computed for output alone (search snippets, shared passages).
//!
//! The CLI (`--json`), the API and the dossier build their output from these. Field names
//! and order are the contract: keep them as `docs/json.md` has them.

use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::Quote;
use crate::extract::{LayersOut, QuoteOut, layers_out, quote_out};
use crate::model::Span;
use crate::store::{ArticleRow, ArticleStore, QuoteGroup, QuoteRow, StoreError, StoredArticle};
use crate::text::CharIndex;

/// A span in Unicode code points.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// A dateline in code points.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DatelineOut {
    pub start: usize,
    pub end: usize,
    pub place: Option<String>,
    pub agency: Option<String>,
}

/// `storyline article --json`, `GET /api/articles/{id}`: a stored article whole.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleOut {
    #[serde(flatten)]
    pub row: ArticleRow,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub language_detected: bool,
    /// The header line and dateline, as code-point spans into `text`.
    pub header: Option<CharSpan>,
    pub dateline: Option<DatelineOut>,
    /// Later articles with exactly this text.
    pub copies: Vec<String>,
    /// The earlier article this one nearly copies, with the share of this text found in it.
    pub near_copy_of: Option<String>,
    pub near_copy_score: Option<f64>,
    /// The story it belongs to.
    pub story: Option<i64>,
    pub origin: String,
    pub origin_locator: Option<String>,
    pub ingested_at: String,
    pub text: String,
    /// The analysis layers: quotes, times, entities (code points into `text`).
    #[serde(flatten)]
    pub layers: LayersOut,
}

impl ArticleOut {
    pub fn of(a: &StoredArticle) -> ArticleOut {
        let ix = CharIndex::new(&a.text);
        let cs = |s: Span| CharSpan { start: ix.char_of(s.start), end: ix.char_of(s.end) };
        ArticleOut {
            row: a.row.clone(),
            byline: a.byline.clone(),
            url: a.url.clone(),
            canonical_url: a.canonical_url.clone(),
            language_detected: a.language_detected,
            header: a.header.map(cs),
            dateline: a.dateline.as_ref().map(|d| {
                let s = cs(d.span);
                DatelineOut { start: s.start, end: s.end, place: d.place.clone(), agency: d.agency.clone() }
            }),
            copies: a.copies.clone(),
            near_copy_of: a.near_copy_of.clone(),
            near_copy_score: a.near_copy_score,
            story: a.story,
            origin: a.origin.clone(),
            origin_locator: a.origin_locator.clone(),
            ingested_at: a.ingested_at.clone(),
            text: a.text.clone(),
            // times as they read against the article's date as it stands
            layers: layers_out(&a.current_layers(), &a.text),
        }
    }
}

/// One reported form of a quote, with the article that carries it.
#[derive(Debug, Clone, Serialize)]
pub struct VariantOut {
    pub article: String,
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The quote as `extract` prints it: code points into the article's text.
    #[serde(flatten)]
    pub quote: QuoteOut,
}

/// `storyline quotes --json`: one utterance reported by one or more articles.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteGroupOut {
    pub id: i64,
    pub speaker: Option<String>,
    /// The words of the earliest variant.
    pub text: String,
    /// The earliest article that carries it (by publication date, then ingest order).
    pub first_article: String,
    pub first_published: Option<String>,
    /// How many articles carry it.
    pub articles: i64,
    /// Every reported form, earliest first.
    pub variants: Vec<VariantOut>,
}

/// The texts of articles, read once each, for converting their offsets.
pub struct Texts<'s> {
    store: &'s dyn ArticleStore,
    known: HashMap<String, (String, CharIndex)>,
}

impl<'s> Texts<'s> {
    pub fn new(store: &'s dyn ArticleStore) -> Texts<'s> {
        Texts { store, known: HashMap::new() }
    }

    /// A text already in hand (no read).
    pub fn know(&mut self, id: &str, text: &str) {
        if !self.known.contains_key(id) {
            self.known.insert(id.to_string(), (text.to_string(), CharIndex::new(text)));
        }
    }

    fn get(&mut self, id: &str) -> Result<Option<&(String, CharIndex)>, StoreError> {
        if !self.known.contains_key(id) {
            let Some(text) = self.store.text(id)? else { return Ok(None) };
            let ix = CharIndex::new(&text);
            self.known.insert(id.to_string(), (text, ix));
        }
        Ok(self.known.get(id))
    }

    /// A stored quote in code points. Fails if its article is not stored (a store never
    /// deletes one).
    pub fn variant(&mut self, q: &QuoteRow) -> Result<VariantOut, StoreError> {
        let Some((text, ix)) = self.get(&q.article)? else {
            return Err(StoreError(format!("the article {:?} of a stored quote is not stored", q.article)));
        };
        let quote = Quote { span: q.span, partial: q.partial, speaker: q.speaker.clone(), speaker_mention: q.speaker_mention, cue: q.cue };
        Ok(VariantOut { article: q.article.clone(), published: q.published.clone(), source: q.source.clone(), quote: quote_out(&quote, text, ix) })
    }

    /// Quote groups in code points, in the order given.
    pub fn quote_groups(&mut self, groups: &[QuoteGroup]) -> Result<Vec<QuoteGroupOut>, StoreError> {
        groups
            .iter()
            .map(|g| {
                Ok(QuoteGroupOut {
                    id: g.id,
                    speaker: g.speaker.clone(),
                    text: g.text.clone(),
                    first_article: g.first_article.clone(),
                    first_published: g.first_published.clone(),
                    articles: g.articles,
                    variants: g.variants.iter().map(|v| self.variant(v)).collect::<Result<_, _>>()?,
                })
            })
            .collect()
    }
}

/// Quote groups in code points (reading each carrier's text once).
pub fn quote_groups(store: &dyn ArticleStore, groups: &[QuoteGroup]) -> Result<Vec<QuoteGroupOut>, StoreError> {
    Texts::new(store).quote_groups(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{EntityKind, Layers};
    use crate::model::{Article, Format, Origin};
    use crate::store::{ArticleStore, LayerStore, LinkStore, sqlite::SqliteStore};

    /// An article stored undated and dated later by linking shows its relative times against
    /// that date (re-anchored by their stored rules, without the tagger).
    #[test]
    fn article_times_read_against_the_date_as_it_stands() {
        let text = "Putin said on Friday that the talks would resume.";
        let mut a = Article::new(text.into(), Origin { path: "u.txt".into(), locator: None, format: Format::Txt });
        a.id = "u".into();
        let an = crate::analysis::analyze(&a);
        let mut s = SqliteStore::in_memory().unwrap();
        s.put(&[(a, an)]).unwrap();
        let value = |s: &SqliteStore| serde_json::to_value(ArticleOut::of(&s.article("u").unwrap().unwrap())).unwrap()["times"][0]["value"].clone();
        assert_eq!(value(&s), "XXXX-WXX-5");
        s.set_inferred_date("u", "2025-05-14".parse().unwrap(), 0.9).unwrap();
        assert_eq!(value(&s), "2025-05-09");
    }

    /// Every offset the JSON edge prints slices the text, counted in code points.
    #[test]
    fn json_offsets_slice_the_text_in_code_points() {
        let text = "КИЇВ (Reuters) - Erdoğan said “we will host the talks” in İstanbul on Friday.";
        let mut a = Article::new(text.into(), Origin { path: "a.txt".into(), locator: None, format: Format::Txt });
        a.id = "a".into();
        let span = |w: &str| {
            let s = text.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        a.dateline = Some(crate::model::Dateline { span: span("КИЇВ (Reuters) -"), place: "КИЇВ".into(), agency: Some("Reuters".into()) });
        let mut an = crate::analysis::analyze(&a);
        an.layers = Layers {
            quotes: vec![Quote { span: span("we will host the talks"), partial: false, speaker: Some("Recep Tayyip Erdoğan".into()), speaker_mention: Some(span("Erdoğan")), cue: Some(span("said")) }],
            times: vec![crate::analysis::Timex::fixed(span("Friday"), crate::analysis::TimeType::Date, "2025-05-16")],
            entities: vec![crate::analysis::Entity { span: span("İstanbul"), kind: EntityKind::Place, canonical: "Istanbul".into(), role: None }],
            claims: None,
            clauses: None,
            sentences: None,
        };
        let mut s = SqliteStore::in_memory().unwrap();
        s.put(&[(a, an)]).unwrap();
        let v = serde_json::to_value(ArticleOut::of(&s.article("a").unwrap().unwrap())).unwrap();
        let chars: Vec<char> = v["text"].as_str().unwrap().chars().collect();
        let slice = |o: &serde_json::Value| chars[o["start"].as_u64().unwrap() as usize..o["end"].as_u64().unwrap() as usize].iter().collect::<String>();
        assert_eq!(slice(&v["dateline"]), "КИЇВ (Reuters) -");
        for layer in ["quotes", "times", "entities"] {
            for x in v[layer].as_array().unwrap() {
                assert_eq!(slice(x), x["text"].as_str().unwrap(), "{layer}");
            }
        }
        assert_eq!(slice(&v["quotes"][0]["speaker_mention"]), "Erdoğan");
        assert_eq!(slice(&v["quotes"][0]["cue"]), "said");
        // a quote group's variants: the same offsets
        let q = s.quotes_of(&["a".into()]).unwrap().remove(0);
        let g = s.put_quote_group(&crate::store::GroupRow { text: q.text.clone(), first_article: "a".into(), articles: 1, ..Default::default() }).unwrap();
        s.set_quote_group(q.id, g).unwrap();
        let groups = quote_groups(&s, &s.quote_groups(None).unwrap()).unwrap();
        let v = serde_json::to_value(&groups[0].variants[0]).unwrap();
        assert_eq!(slice(&v), "we will host the talks");
        assert_eq!((slice(&v["speaker_mention"]), v["speaker_mention"]["text"].as_str()), ("Erdoğan".to_string(), Some("Erdoğan")));
        assert_eq!(slice(&v["cue"]), "said");
    }
}
