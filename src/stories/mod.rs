//! Stories: what links articles to each other. Everything here reads and writes through the
//! [`Store`](crate::store::Store) trait, after the articles of a batch are stored, so the
//! links grow as articles stream in and several workers can share them.
//!
//! Today: quote groups (the same utterance across outlets).

pub mod quotes;

use crate::store::{Store, StoreError};

/// Link newly stored articles to what the store already holds.
pub fn link(store: &mut dyn Store, ids: &[String]) -> Result<(), StoreError> {
    quotes::group(store, ids)
}
