//! The ingest pipeline: sources → articles → analysis → store, in input order.
//!
//! Files are read one after another (cheap: decompressing, splitting lines and records);
//! documents are gathered into batches, built and analysed in parallel (rayon: HTML
//! extraction is the costly part), then written to the store in one transaction per batch, in
//! input order, so the same input always gives the same store. Bad inputs are reported as they
//! come and counted; they never stop the run.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::{Analysis, analyze_with_layer};
use crate::model::Article;
use crate::sources::{self, BuildOptions, InputError, RawDoc};
use crate::store::{PutOutcome, Store, StoreError};

/// How many documents are built in parallel and written in one transaction.
pub const BATCH: usize = 256;

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub build: BuildOptions,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestReport {
    pub files: usize,
    /// New articles with new texts.
    pub ingested: usize,
    /// New articles whose text was already stored (exact copies).
    pub copies: usize,
    /// Articles already stored with the same id and text: nothing changed.
    pub skipped: usize,
    /// Inputs that could not be ingested (each one has an error).
    pub failed: usize,
    pub errors: Vec<InputError>,
    /// Every article seen, in input order, with what happened to it.
    pub articles: Vec<ArticleOutcome>,
    pub bytes: u64,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleOutcome {
    pub id: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    #[serde(flatten)]
    pub outcome: PutOutcome,
}

/// Observes an ingest as it runs (the CLI prints errors and drives a progress bar).
pub trait Progress {
    fn files(&mut self, _total: usize, _bytes: u64) {}
    fn file_done(&mut self, _bytes: u64) {}
    fn error(&mut self, _e: &InputError) {}
}

/// A progress observer that ignores everything.
pub struct Silent;
impl Progress for Silent {}

enum Item {
    Doc(RawDoc),
    Failed(InputError),
}

/// A written article as the writer reports it back: (id, origin, outcome).
type Written = Vec<(String, crate::model::Origin, PutOutcome)>;

/// Ingest `paths` into `store`.
///
/// The calling thread reads files and builds batches (in parallel, on rayon's pool); a writer
/// thread stores each finished batch while the next one is built, so building and writing
/// overlap. Batches are written in input order.
pub fn ingest(
    store: &mut dyn Store,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<IngestReport, StoreError> {
    let started = std::time::Instant::now();
    let mut report = IngestReport::default();
    let (files, errors) = sources::discover(paths);
    for e in errors {
        fail(&mut report, progress, e);
    }
    let inputs: Vec<Input> = files
        .iter()
        .map(|f| Input::File { path: f, bytes: std::fs::metadata(f).map_or(0, |m| m.len()) })
        .collect();
    run(store, &inputs, opts, progress, report, started)
}

/// Ingest a JSON Lines body held in memory (one article per line, the format of `.jsonl`
/// files; see `sources::jsonl`) through the same pipeline as files. `name` stands for the
/// file in errors and in each article's origin (the HTTP API passes the upload's name).
pub fn ingest_jsonl(
    store: &mut dyn Store,
    name: &str,
    body: &[u8],
    opts: &IngestOptions,
    progress: &mut dyn Progress,
) -> Result<IngestReport, StoreError> {
    let started = std::time::Instant::now();
    run(store, &[Input::Jsonl { name, body }], opts, progress, IngestReport::default(), started)
}

/// One input of an ingest: a file on disk, or a JSONL body in memory.
enum Input<'a> {
    File { path: &'a std::path::Path, bytes: u64 },
    Jsonl { name: &'a str, body: &'a [u8] },
}

impl Input<'_> {
    fn bytes(&self) -> u64 {
        match self {
            Input::File { bytes, .. } => *bytes,
            Input::Jsonl { body, .. } => body.len() as u64,
        }
    }
    /// Read every document, in order (cheap: no building).
    fn read(&self, emit: &mut dyn FnMut(Result<RawDoc, InputError>)) {
        match self {
            Input::File { path, .. } => sources::read_path(path, emit),
            Input::Jsonl { name, body } => sources::jsonl::read(std::io::Cursor::new(body), name, emit),
        }
    }
}

/// The pipeline over `inputs`: read in order, build in parallel, write batches in order.
fn run(
    store: &mut dyn Store,
    inputs: &[Input],
    opts: &IngestOptions,
    progress: &mut dyn Progress,
    mut report: IngestReport,
    started: std::time::Instant,
) -> Result<IngestReport, StoreError> {
    report.files = inputs.len();
    report.bytes = inputs.iter().map(Input::bytes).sum();
    // the tagger's tables are built on rayon's pool while the first batch is read
    rayon::spawn(crate::analysis::entities::warm);
    progress.files(inputs.len(), report.bytes);

    std::thread::scope(|scope| {
        // a writer that has fallen behind takes the batches waiting for it together, as one
        // transaction (`Transactions::batches_per_transaction`): they wait in the channel
        let group = store.batches_per_transaction().max(1);
        let (to_writer, batches) = std::sync::mpsc::sync_channel::<Built>(group);
        let (written_tx, written) = std::sync::mpsc::channel::<Result<Written, StoreError>>();
        scope.spawn(move || {
            let mut linker = crate::stories::Linker::new();
            while let Ok(first) = batches.recv() {
                let mut taken = vec![first];
                while taken.len() < group {
                    match batches.try_recv() {
                        Ok(b) => taken.push(b),
                        Err(_) => break,
                    }
                }
                // stored and linked in one transaction: a crash leaves no article unlinked
                let parts: Vec<(&[(Article, Analysis)], &[crate::stories::Prepared])> = taken.iter().map(|(b, p)| (b.as_slice(), p.as_slice())).collect();
                match linker.store_and_link_batches(&mut *store, &parts) {
                    Ok(outs) => {
                        for ((batch, _), outs) in taken.into_iter().zip(outs) {
                            let w: Written = batch.into_iter().zip(outs).map(|((a, _), o)| (a.id, a.origin, o)).collect();
                            if written_tx.send(Ok(w)).is_err() {
                                return;
                            }
                        }
                    }
                    Err(e) => {
                        let _ = written_tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        let mut sent = 0usize;
        let mut received = 0usize;
        let mut pending: Vec<Item> = Vec::with_capacity(BATCH);
        let mut send = |pending: &mut Vec<Item>, report: &mut IngestReport, progress: &mut dyn Progress| -> Result<(), StoreError> {
            let ok = build_batch(std::mem::take(pending), opts, report, progress);
            if !ok.0.is_empty() {
                if to_writer.send(ok).is_err() {
                    // the writer stopped: its error is waiting in `written`
                    return Err(written.recv().map_or_else(|_| StoreError("the store writer stopped".into()), |r| r.err().unwrap_or(StoreError("the store writer stopped".into()))));
                }
                sent += 1;
            }
            // take in whatever the writer has finished, without waiting
            while let Ok(r) = written.try_recv() {
                received += 1;
                tally(r?, &mut *report, &mut *progress);
            }
            Ok(())
        };
        let mut failure: Option<StoreError> = None;
        for input in inputs {
            input.read(&mut |r| {
                if failure.is_some() {
                    return;
                }
                pending.push(match r {
                    Ok(d) => Item::Doc(d),
                    Err(e) => Item::Failed(e),
                });
                if pending.len() >= BATCH {
                    if let Err(e) = send(&mut pending, &mut report, &mut *progress) {
                        failure = Some(e);
                    }
                }
            });
            if let Some(e) = failure {
                return Err(e);
            }
            progress.file_done(input.bytes());
        }
        send(&mut pending, &mut report, &mut *progress)?;
        drop(send);
        drop(to_writer);
        while received < sent {
            match written.recv() {
                Ok(r) => {
                    received += 1;
                    tally(r?, &mut report, &mut *progress);
                }
                Err(_) => return Err(StoreError("the store writer stopped".into())),
            }
        }
        Ok(())
    })?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn fail(report: &mut IngestReport, progress: &mut dyn Progress, e: InputError) {
    progress.error(&e);
    report.failed += 1;
    report.errors.push(e);
}

/// A built batch: the articles with their analyses, in order, and what linking needs of each
/// (`stories::prepare`, computed here in parallel so that the one writer does not).
type Built = (Vec<(Article, Analysis)>, Vec<crate::stories::Prepared>);

/// Build and analyse a batch in parallel; errors are reported, the articles returned in order.
fn build_batch(
    items: Vec<Item>,
    opts: &IngestOptions,
    report: &mut IngestReport,
    progress: &mut dyn Progress,
) -> Built {
    let built: Vec<Result<((Article, Analysis), crate::stories::Prepared), InputError>> = items
        .into_par_iter()
        .map(|it| match it {
            Item::Failed(e) => Err(e),
            Item::Doc(d) => sources::build(d, &opts.build).map(|a| {
                let (mut an, layer) = analyze_with_layer(&a);
                // the merge keys the writer stores, folded here rather than in the writer
                an.with_keys();
                // and the clusterer's stemmed words, with the rest of what linking needs, over
                // the tokens the analysis made
                let words = crate::stories::cluster_words_in(&a, &layer.tokens);
                let p = crate::stories::prepare_in(&a, &an, &layer.tokens, Some(words));
                ((a, an), p)
            }),
        })
        .collect();
    let mut ok = (Vec::with_capacity(built.len()), Vec::with_capacity(built.len()));
    for b in built {
        match b {
            Ok((x, p)) => {
                ok.0.push(x);
                ok.1.push(p);
            }
            Err(e) => fail(report, progress, e),
        }
    }
    ok
}

/// Count what the writer did with one batch.
fn tally(written: Written, report: &mut IngestReport, progress: &mut dyn Progress) {
    for (id, origin, outcome) in written {
        match &outcome {
            PutOutcome::New => report.ingested += 1,
            PutOutcome::Copy { .. } => report.copies += 1,
            PutOutcome::Unchanged => report.skipped += 1,
            PutOutcome::Refused { reason } => fail(report, progress, InputError::at(&origin, format!("not stored: {reason}"))),
            PutOutcome::Conflict { stored_from } => {
                let e = InputError::at(
                    &origin,
                    format!("id {id:?} is already stored with a different text (from {stored_from}); the stored article is kept"),
                );
                fail(report, progress, e);
            }
        }
        report.articles.push(ArticleOutcome { id, path: origin.path, locator: origin.locator, outcome });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ArticleStore, sqlite::SqliteStore};

    #[test]
    fn a_jsonl_body_in_memory_goes_through_the_same_pipeline() {
        let mut store = SqliteStore::in_memory().unwrap();
        let body = concat!(
            "{\"id\": \"a1\", \"text\": \"Turkish Foreign Minister Hakan Fidan met Andrii Sybiha in Kyiv on Friday.\", \"published\": \"2025-05-30\"}\n",
            "{\"id\": \"a2\"\n",
            "\n",
            "{\"id\": \"a3\", \"text\": \"Turkish Foreign Minister Hakan Fidan met Andrii Sybiha in Kyiv on Friday.\"}\n",
        );
        let r = ingest_jsonl(&mut store, "upload.jsonl", body.as_bytes(), &IngestOptions::default(), &mut Silent).unwrap();
        assert_eq!((r.files, r.ingested, r.copies, r.failed), (1, 1, 1, 1));
        assert_eq!(r.errors[0].to_string().split(" (").next().unwrap(), "upload.jsonl: line 2: not JSON");
        let a = store.article("a1").unwrap().unwrap();
        assert_eq!((a.origin.as_str(), a.origin_locator.as_deref()), ("upload.jsonl", Some("line 1")));
        assert!(a.story.is_some(), "linked like any ingest");
        assert!(!a.layers.entities.is_empty(), "analysed like any ingest");
        // the same body again changes nothing
        let again = ingest_jsonl(&mut store, "upload.jsonl", body.as_bytes(), &IngestOptions::default(), &mut Silent).unwrap();
        assert_eq!((again.ingested, again.skipped), (0, 2));
    }
}
