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

use crate::analysis::{Analysis, analyze};
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

/// Ingest `paths` into `store`.
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
        progress.error(&e);
        report.failed += 1;
        report.errors.push(e);
    }
    let sizes: Vec<u64> = files.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).collect();
    report.files = files.len();
    report.bytes = sizes.iter().sum();
    progress.files(files.len(), report.bytes);

    let mut pending: Vec<Item> = Vec::with_capacity(BATCH);
    for (file, size) in files.iter().zip(&sizes) {
        let mut failed_flush: Option<StoreError> = None;
        sources::read_path(file, &mut |r| {
            pending.push(match r {
                Ok(d) => Item::Doc(d),
                Err(e) => Item::Failed(e),
            });
            if pending.len() >= BATCH && failed_flush.is_none() {
                if let Err(e) = flush(store, &mut pending, opts, &mut report, progress) {
                    failed_flush = Some(e);
                }
            }
        });
        if let Some(e) = failed_flush {
            return Err(e);
        }
        progress.file_done(*size);
    }
    flush(store, &mut pending, opts, &mut report, progress)?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Build, analyse and store the pending batch.
fn flush(
    store: &mut dyn Store,
    pending: &mut Vec<Item>,
    opts: &IngestOptions,
    report: &mut IngestReport,
    progress: &mut dyn Progress,
) -> Result<(), StoreError> {
    let items = std::mem::take(pending);
    let built: Vec<Result<(Article, Analysis), InputError>> = items
        .into_par_iter()
        .map(|it| match it {
            Item::Failed(e) => Err(e),
            Item::Doc(d) => sources::build(d, &opts.build).map(|a| {
                let an = analyze(&a);
                (a, an)
            }),
        })
        .collect();
    let mut ok = Vec::with_capacity(built.len());
    // Errors are reported in input order, interleaved with the stored articles' order.
    for b in built {
        match b {
            Ok(x) => ok.push(x),
            Err(e) => {
                progress.error(&e);
                report.failed += 1;
                report.errors.push(e);
            }
        }
    }
    if ok.is_empty() {
        return Ok(());
    }
    let outcomes = store.put(&ok)?;
    for ((a, _), outcome) in ok.iter().zip(outcomes) {
        match &outcome {
            PutOutcome::New => report.ingested += 1,
            PutOutcome::Copy { .. } => report.copies += 1,
            PutOutcome::Unchanged => report.skipped += 1,
            PutOutcome::Conflict { stored_from } => {
                let e = InputError::at(
                    &a.origin,
                    format!("id {:?} is already stored with a different text (from {stored_from}); the stored article is kept", a.id),
                );
                progress.error(&e);
                report.failed += 1;
                report.errors.push(e);
            }
        }
        report.articles.push(ArticleOutcome {
            id: a.id.clone(),
            path: a.origin.path.clone(),
            locator: a.origin.locator.clone(),
            outcome,
        });
    }
    Ok(())
}
