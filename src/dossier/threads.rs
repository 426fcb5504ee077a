//! Threads as the reader sees them: each one's headline and overview, and the thread a story
//! is in (`storyline threads`, `show`, the API and the web pages). Threads are linked as stories
//! grow (`stories::threads`); this is the read side, a pure function of what the store holds.

use crate::store::{Store, StoreError, ThreadRow};

/// A thread's headline: as a story's ([`super::headline::story_headline`] over the thread's
/// articles): the title of its most central article, or where its articles have no title the
/// lead sentence of the most central one, a site's teasers and notices cut first. (Reading
/// titles alone, a thread of ML-Crisis reports of the 2011 war in Libya was headed "Amazon,
/// accusé d'avoir enfreint les règles européennes de concurrence…", a teaser its pages carry.)
pub fn thread_headline(store: &dyn Store, t: &ThreadRow) -> Result<String, StoreError> {
    Ok(super::headline::story_headline(store, &t.articles)?.map(|h| h.text).unwrap_or_default())
}

/// A thread as `storyline threads` and the API list it (`--json`: exactly these fields).
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct ThreadOverview {
    pub id: i64,
    pub headline: String,
    pub first: Option<String>,
    pub last: Option<String>,
    /// How many stories, and articles, it holds.
    pub stories: usize,
    pub articles: usize,
    /// Distinct known outlets; `None` when none is known.
    pub outlets: Option<i64>,
}

/// A story's thread as `show` names it.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct ThreadRef {
    pub id: i64,
    pub headline: String,
    /// How many stories the thread holds (this one too).
    pub stories: usize,
}

impl ThreadOverview {
    pub fn of(store: &dyn Store, t: &ThreadRow) -> Result<ThreadOverview, StoreError> {
        Ok(ThreadOverview {
            id: t.id,
            headline: thread_headline(store, t)?,
            first: t.first.clone(),
            last: t.last.clone(),
            stories: t.stories.len(),
            articles: t.articles.len(),
            outlets: t.outlets,
        })
    }
}

/// Every thread with articles, most recent first (as [`ThreadStore::threads`](crate::store::ThreadStore::threads)).
pub fn overviews(store: &dyn Store) -> Result<Vec<ThreadOverview>, StoreError> {
    store.threads()?.iter().map(|t| ThreadOverview::of(store, t)).collect()
}

/// The thread a story is in, named (`None`: in none, or an empty one).
pub fn thread_of_story(store: &dyn Store, story: i64) -> Result<Option<ThreadRef>, StoreError> {
    let Some(m) = store.story_threads(&[story])?.pop() else { return Ok(None) };
    let Some(t) = store.thread(m.thread)? else { return Ok(None) };
    Ok(Some(ThreadRef { id: t.id, headline: thread_headline(store, &t)?, stories: t.stories.len() }))
}

