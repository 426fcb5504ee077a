//! `storyline extract`: run the per-article analysis on files and emit one JSON object per
//! article — the contract the extractor scorers read. Offsets are Unicode code points into
//! `text` (the file's decoded text, or for HTML the extracted text, printed with `--with-text`).
//! The field names here are contracts (docs/json.md): keep them.
//!
//! Over many files ([`extract_paths`]) the documents are read in order by the calling thread,
//! gathered into batches of [`crate::ingest::BATCH`], and built and analysed in parallel on
//! rayon's pool; results come out in input order, so the output is the same on one core or
//! many. Reading and printing overlap the pool's work on the batch before (before, the pool
//! sat idle while the calling thread read a batch and printed the last one).

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::{EntityKind, Layers, Quote, TimeType, analyze};
use crate::model::{Article, Span};
use crate::text::CharIndex;

/// A span at the JSON edge: code points, with the text it covers.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl TextSpan {
    pub fn of(span: Span, text: &str, ix: &CharIndex) -> TextSpan {
        TextSpan { start: ix.char_of(span.start), end: ix.char_of(span.end), text: span.of(text).to_string() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub partial: bool,
    pub speaker: Option<String>,
    pub speaker_mention: Option<TextSpan>,
    pub cue: Option<TextSpan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TimeOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimeType,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: EntityKind,
    pub canonical: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// The layers of one text at the JSON edge.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LayersOut {
    pub quotes: Vec<QuoteOut>,
    pub times: Vec<TimeOut>,
    pub entities: Vec<EntityOut>,
}

/// One quote of `text` (indexed by `ix`) in code points.
pub fn quote_out(q: &Quote, text: &str, ix: &CharIndex) -> QuoteOut {
    let ts = |s: Span| TextSpan::of(s, text, ix);
    let t = ts(q.span);
    QuoteOut { start: t.start, end: t.end, text: t.text, partial: q.partial, speaker: q.speaker.clone(), speaker_mention: q.speaker_mention.map(ts), cue: q.cue.map(ts) }
}

/// Convert byte-span layers of `text` to code-point output.
pub fn layers_out(l: &Layers, text: &str) -> LayersOut {
    let ix = CharIndex::new(text);
    let ts = |s: Span| TextSpan::of(s, text, &ix);
    LayersOut {
        quotes: l.quotes.iter().map(|q| quote_out(q, text, &ix)).collect(),
        times: l
            .times
            .iter()
            .map(|x| {
                let t = ts(x.span);
                TimeOut { start: t.start, end: t.end, text: t.text, kind: x.kind, value: x.value.clone() }
            })
            .collect(),
        entities: l
            .entities
            .iter()
            .map(|e| {
                let t = ts(e.span);
                EntityOut { start: t.start, end: t.end, text: t.text, kind: e.kind, canonical: e.canonical.clone(), role: e.role.clone() }
            })
            .collect(),
    }
}

/// One line of `storyline extract` output.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    pub id: String,
    pub published: Option<String>,
    pub published_from: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_confidence: Option<f32>,
    pub language: Option<String>,
    pub title: Option<String>,
    #[serde(flatten)]
    pub layers: LayersOut,
    /// The sentences, from the shared segmenter: code points, like every other layer.
    pub sentences: Vec<CharRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A span at the JSON edge without its text: code points.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct CharRange {
    pub start: usize,
    pub end: usize,
}

/// Analyse one article for `extract`.
pub fn extract(article: &Article, with_text: bool) -> Extraction {
    let an = analyze(article);
    let (published, from, confidence) = crate::store::rules::publication(article, &an);
    Extraction {
        path: article.origin.path.clone(),
        locator: article.origin.locator.clone(),
        id: article.id.clone(),
        published: published.map(|d| d.to_string()),
        published_from: from,
        published_confidence: confidence,
        language: an.language,
        title: article.title.clone(),
        layers: layers_out(&an.layers, &article.text),
        sentences: {
            let ix = CharIndex::new(&article.text);
            an.layers.sentences.iter().flatten().map(|s| CharRange { start: ix.char_of(s.start), end: ix.char_of(s.end) }).collect()
        },
        text: with_text.then(|| article.text.clone()),
    }
}

/// Extract every article of `paths` (each read by `sources::read_path`), in input order:
/// `emit` gets each article's extraction, or the input error that stopped it, in the order the
/// files and their documents come. Stops at the first error `emit` returns.
///
/// Batches are built and analysed in parallel on rayon's pool, driven from a thread of their
/// own, while the calling thread reads the next batch and emits the one before: reading and
/// writing (JSON, for the CLI) no longer leave the pool idle between batches.
pub fn extract_paths<E>(
    paths: &[PathBuf],
    opts: &crate::sources::BuildOptions,
    with_text: bool,
    mut emit: impl FnMut(Result<Extraction, crate::sources::InputError>) -> Result<(), E>,
) -> Result<(), E> {
    type Raw = Result<crate::sources::RawDoc, crate::sources::InputError>;
    type Done = Vec<Result<Extraction, crate::sources::InputError>>;
    // the tagger's tables are built on rayon's pool while the first batch is read
    rayon::spawn(crate::analysis::entities::warm);
    std::thread::scope(|scope| {
        let (to_pool, batches) = std::sync::mpsc::sync_channel::<Vec<Raw>>(1);
        let (done_tx, done) = std::sync::mpsc::sync_channel::<Done>(1);
        scope.spawn(move || {
            for batch in batches {
                let d: Done = batch.into_par_iter().map(|r| r.and_then(|raw| crate::sources::build(raw, opts)).map(|a| extract(&a, with_text))).collect();
                if done_tx.send(d).is_err() {
                    return;
                }
            }
        });
        // at most one batch in the pool while the next is read; its results are emitted once
        // the next one is handed over
        let mut in_flight = false;
        let mut hand_over = |batch: Vec<Raw>, emit: &mut dyn FnMut(Result<Extraction, crate::sources::InputError>) -> Result<(), E>| -> Result<(), E> {
            let before = if in_flight { done.recv().ok() } else { None };
            in_flight = !batch.is_empty();
            if in_flight {
                // the pool thread lives as long as `done` does: it takes every batch
                let _ = to_pool.send(batch);
            }
            before.into_iter().flatten().try_for_each(|r| emit(r))
        };
        let mut batch: Vec<Raw> = Vec::with_capacity(crate::ingest::BATCH);
        let mut res = Ok(());
        // a folder is walked as `ingest` walks it; what cannot be read comes out in its place
        for p in paths {
            let (files, errors) = if p.is_dir() { crate::sources::discover(std::slice::from_ref(p)) } else { (vec![p.clone()], Vec::new()) };
            let mut take = |r: Raw| {
                if res.is_ok() {
                    batch.push(r);
                    if batch.len() >= crate::ingest::BATCH {
                        res = hand_over(std::mem::replace(&mut batch, Vec::with_capacity(crate::ingest::BATCH)), &mut emit);
                    }
                }
            };
            errors.into_iter().for_each(|e| take(Err(e)));
            for f in &files {
                crate::sources::read_path(f, &mut take);
            }
            std::mem::replace(&mut res, Ok(()))?;
        }
        // the last batch, then what is still in the pool
        hand_over(batch, &mut emit)?;
        hand_over(Vec::new(), &mut emit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_files_come_out_in_input_order_as_one_by_one() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        // twice over, and a missing file in the middle: more than one batch, an error in place
        let mut paths = files.clone();
        paths.push(dir.join("no-such-file.txt"));
        paths.extend(files.iter().cycle().take(crate::ingest::BATCH + 3).cloned());
        let opts = crate::sources::BuildOptions::default();
        let one_by_one: Vec<String> = paths
            .iter()
            .flat_map(|p| crate::sources::read_articles(p, &opts))
            .map(|r| match r {
                Ok(a) => serde_json::to_string(&extract(&a, false)).unwrap(),
                Err(e) => e.to_string(),
            })
            .collect();
        let mut parallel = Vec::new();
        extract_paths(&paths, &opts, false, |r| {
            parallel.push(match r {
                Ok(x) => serde_json::to_string(&x).unwrap(),
                Err(e) => e.to_string(),
            });
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(parallel.len(), files.len() + 1 + crate::ingest::BATCH + 3);
        assert_eq!(parallel, one_by_one);
        // the folder itself gives what its files give, in the walk's order (`ingest`'s)
        let mut from_folder = Vec::new();
        extract_paths(&[dir.clone()], &opts, false, |r| {
            from_folder.push(r.map(|x| x.id).map_err(|e| e.to_string()));
            Ok::<(), ()>(())
        })
        .unwrap();
        let (walked, _) = crate::sources::discover(&[dir]);
        let want: Vec<Result<String, String>> = walked.iter().flat_map(|p| crate::sources::read_articles(p, &opts)).map(|r| r.map(|a| a.id).map_err(|e| e.to_string())).collect();
        assert!(from_folder.len() >= files.len(), "{from_folder:?}");
        assert_eq!(from_folder, want);
    }
}
